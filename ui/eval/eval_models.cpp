#include "eval/eval_models.h"

#include <QString>
#include <cmath>
#include <optional>
#include <string_view>

#include "common/time_format.h"
#include "eval/eval_folder.h"

namespace stts::ui {

namespace {

const QString kNoValue = QStringLiteral("—");
// A model's answer can be a page of text; the table shows its start on one line (the tooltip
// holds all of it).
constexpr int kShownAnswerCharacters = 160;

QString fromStd(const std::string& text) {
  return QString::fromStdString(text);
}

// A stage's time, or nothing when the answer has no such stage (it could not be run).
std::optional<double> stageMs(const stts::eval::Prediction& prediction, std::string_view name) {
  for (const auto& [stage, ms] : prediction.stageMs) {
    if (stage == name) return ms;
  }
  return std::nullopt;
}

QString oneLine(const std::string& text, int limit) {
  QString line = fromStd(text).simplified();
  if (line.size() > limit) line = line.left(limit - 1) + QChar(0x2026);
  return line;
}

QString percent(double fraction) {
  return formatNumber(100.0 * fraction, 1);
}

}  // namespace

QString formatKeep(double keep) {
  return formatNumber(keep, 2);
}

EvalTableModel::EvalTableModel(int rows, int columns, QObject* parent)
    : QAbstractTableModel(parent), rows_(rows), columns_(columns) {}

int EvalTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : rows_;
}

int EvalTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : columns_;
}

void EvalTableModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, columns_ - 1);
  if (rows_ > 0) emit dataChanged(index(0, 0), index(rows_ - 1, columns_ - 1));
}

EvalSamplesFilter::EvalSamplesFilter(EvalSamplesModel* source, QObject* parent)
    : QSortFilterProxyModel(parent), source_(source) {
  setSourceModel(source);
}

void EvalSamplesFilter::setGroup(std::optional<Group> group) {
  group_ = std::move(group);
  invalidateFilter();
}

bool EvalSamplesFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  if (group_) {
    const stts::eval::Prediction& p = source_->prediction(sourceRow);
    // Keeps are written and read back with the same digits; a tolerance still costs nothing.
    if (p.method != group_->method || p.frames != group_->frames ||
        std::abs(p.keep - group_->keep) > 1e-9)
      return false;
  }
  return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

// ---- Summary ---------------------------------------------------------------------------------

EvalSummaryModel::EvalSummaryModel(std::vector<stts::eval::GroupMetrics> groups, QObject* parent)
    : EvalTableModel(int(groups.size()), ColumnCount, parent), groups_(std::move(groups)) {}

QVariant EvalSummaryModel::display(const stts::eval::GroupMetrics& group, int column) const {
  const bool ran = group.accuracy.n > 0;
  const double prefill = medianPrefillMs(group);
  switch (column) {
    case Method:
      return fromStd(group.method);
    case Frames:
      return group.frames;
    case Keep:
      return formatKeep(group.keep);
    case VisionTokens:
      return ran ? formatNumber(group.meanVisionTokens, 1) : kNoValue;
    case Samples:
      return qlonglong(group.accuracy.n);
    case Failed:
      return qlonglong(group.errors);
    case Accuracy:
      return ran ? percent(group.accuracy.value) : kNoValue;
    case Interval:
      return ran ? tr("%1–%2").arg(percent(group.accuracy.low), percent(group.accuracy.high))
                 : kNoValue;
    case PrefillMs:
      return prefill > 0.0 ? formatNumber(prefill, 1) : kNoValue;
    case TotalMs:
      return ran ? formatNumber(group.medianTotalMs, 1) : kNoValue;
    case PrefillSpeedup:
      return group.prefillSpeedup > 0.0 ? tr("%1×").arg(formatNumber(group.prefillSpeedup, 2))
                                        : kNoValue;
    default:
      return {};
  }
}

QVariant EvalSummaryModel::sortValue(const stts::eval::GroupMetrics& group, int column) const {
  const bool ran = group.accuracy.n > 0;
  switch (column) {
    case Method:
      return fromStd(group.method);
    case Frames:
      return group.frames;
    case Keep:
      return group.keep;
    case VisionTokens:
      return ran ? group.meanVisionTokens : -1.0;
    case Samples:
      return qlonglong(group.accuracy.n);
    case Failed:
      return qlonglong(group.errors);
    case Accuracy:
      return ran ? group.accuracy.value : -1.0;
    case Interval:
      return ran ? group.accuracy.low : -1.0;
    case PrefillMs:
      return medianPrefillMs(group) > 0.0 ? medianPrefillMs(group) : -1.0;
    case TotalMs:
      return ran ? group.medianTotalMs : -1.0;
    case PrefillSpeedup:
      return group.prefillSpeedup > 0.0 ? group.prefillSpeedup : -1.0;
    default:
      return {};
  }
}

QVariant EvalSummaryModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const stts::eval::GroupMetrics& group = groups_[size_t(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      return display(group, index.column());
    case kEvalSortRole:
      return sortValue(group, index.column());
    case Qt::TextAlignmentRole:
      return index.column() == Method ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
      if (index.column() == Accuracy || index.column() == Interval) {
        return tr("%1 of %2 answers correct").arg(group.accuracy.hits).arg(group.accuracy.n);
      }
      return {};
    default:
      return {};
  }
}

QVariant EvalSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case VisionTokens:
        return tr("Vision tokens the LLM received, mean per sample (after pruning)");
      case Samples:
        return tr("Samples that ran; failed ones are counted apart");
      case Interval:
        return tr("95 % Wilson score interval of the accuracy");
      case PrefillMs:
        return tr("Median time of the prefill stage");
      case TotalMs:
        return tr("Median time of the whole run");
      case PrefillSpeedup:
        return tr(
            "Median prefill time of the unpruned run (none) at the same frames over this "
            "group's");
      default:
        return {};
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Method:
      return tr("Method");
    case Frames:
      return tr("Frames");
    case Keep:
      return tr("Keep");
    case VisionTokens:
      return tr("Vision tokens");
    case Samples:
      return tr("Samples");
    case Failed:
      return tr("Failed");
    case Accuracy:
      return tr("Accuracy (%)");
    case Interval:
      return tr("95 % interval");
    case PrefillMs:
      return tr("Prefill (ms)");
    case TotalMs:
      return tr("Total (ms)");
    case PrefillSpeedup:
      return tr("Prefill speedup");
    default:
      return {};
  }
}

// ---- Samples ---------------------------------------------------------------------------------

EvalSamplesModel::EvalSamplesModel(std::vector<stts::eval::Prediction> predictions, QObject* parent)
    : EvalTableModel(int(predictions.size()), ColumnCount, parent),
      predictions_(std::move(predictions)) {}

QVariant EvalSamplesModel::display(const stts::eval::Prediction& prediction, int column) const {
  const bool failed = !prediction.error.empty();
  switch (column) {
    case Id:
      return fromStd(prediction.id);
    case Method:
      return fromStd(prediction.method);
    case Keep:
      return formatKeep(prediction.keep);
    case Frames:
      return prediction.frames;
    case VisionTokens:
      return failed ? QVariant(kNoValue) : QVariant(qlonglong(prediction.visionTokensAfter));
    case Answer:
      return oneLine(prediction.answer, kShownAnswerCharacters);
    case Choice:
      return prediction.choice ? QString(QLatin1Char(stts::eval::optionLetter(*prediction.choice)))
                               : kNoValue;
    case Correct:
      if (failed) return kNoValue;
      return prediction.correct ? tr("✓ yes") : tr("✗ no");
    case Error:
      return oneLine(prediction.error, kShownAnswerCharacters);
    case PrefillMs: {
      const auto ms = stageMs(prediction, "prefill");
      return ms ? formatNumber(*ms, 1) : kNoValue;
    }
    case TotalMs:
      return prediction.stageMs.empty() ? kNoValue : formatNumber(prediction.totalMs(), 1);
    default:
      return {};
  }
}

QVariant EvalSamplesModel::sortValue(const stts::eval::Prediction& prediction, int column) const {
  const bool failed = !prediction.error.empty();
  switch (column) {
    case Keep:
      return prediction.keep;
    case Frames:
      return prediction.frames;
    case VisionTokens:
      return failed ? -1.0 : double(prediction.visionTokensAfter);
    case Choice:
      return prediction.choice ? *prediction.choice : -1;
    case Correct:
      return failed ? -1 : prediction.correct ? 1 : 0;
    case PrefillMs:
      return stageMs(prediction, "prefill").value_or(-1.0);
    case TotalMs:
      return prediction.stageMs.empty() ? -1.0 : prediction.totalMs();
    default:
      return display(prediction, column);
  }
}

QVariant EvalSamplesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const stts::eval::Prediction& prediction = predictions_[size_t(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      return display(prediction, index.column());
    case kEvalSortRole:
      return sortValue(prediction, index.column());
    case Qt::ToolTipRole:
      // The whole text where the cell shows only its first line.
      if (index.column() == Answer && !prediction.answer.empty()) return fromStd(prediction.answer);
      if (index.column() == Error && !prediction.error.empty()) return fromStd(prediction.error);
      return {};
    case Qt::TextAlignmentRole:
      switch (index.column()) {
        case Keep:
        case Frames:
        case VisionTokens:
        case PrefillMs:
        case TotalMs:
          return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case Choice:
        case Correct:
          return QVariant(Qt::AlignCenter);
        default:
          return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
      }
    default:
      return {};
  }
}

QVariant EvalSamplesModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case VisionTokens:
        return tr("Vision tokens the LLM received (after pruning)");
      case Answer:
        return tr("The model's answer as it wrote it");
      case Choice:
        return tr("The option the answer parser read from the answer");
      default:
        return {};
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Id:
      return tr("ID");
    case Method:
      return tr("Method");
    case Keep:
      return tr("Keep");
    case Frames:
      return tr("Frames");
    case VisionTokens:
      return tr("Vision tokens");
    case Answer:
      return tr("Answer");
    case Choice:
      return tr("Choice");
    case Correct:
      return tr("Correct");
    case Error:
      return tr("Error");
    case PrefillMs:
      return tr("Prefill (ms)");
    case TotalMs:
      return tr("Total (ms)");
    default:
      return {};
  }
}

}  // namespace stts::ui
