// The eval window's two tables as item models: Summary (one row per method × frames × keep, the
// numbers of `stts eval`'s table) and Samples (one row per answer). Each cell also answers
// kEvalSortRole with a number where the column holds one, so a QSortFilterProxyModel sorting on
// that role orders "9.5" before "10" and "—" (no value) first.
#pragma once

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <optional>
#include <string>
#include <vector>

#include "stts/eval.h"

namespace stts::ui {

inline constexpr int kEvalSortRole = Qt::UserRole + 1;

// What both tables share: a fixed number of columns over a list of rows, and a way to redraw
// every header and cell after a language change.
class EvalTableModel : public QAbstractTableModel {
 public:
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  // Headers and cells again in the current language.
  void retranslate();

 protected:
  EvalTableModel(int rows, int columns, QObject* parent);

 private:
  int rows_;
  int columns_;
};

class EvalSummaryModel : public EvalTableModel {
  Q_OBJECT

 public:
  enum Column {
    Method,
    Frames,
    Keep,
    VisionTokens,
    Samples,
    Failed,
    Accuracy,
    Interval,
    PrefillMs,
    TotalMs,
    PrefillSpeedup,
    ColumnCount
  };

  explicit EvalSummaryModel(std::vector<stts::eval::GroupMetrics> groups,
                            QObject* parent = nullptr);

  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

  const stts::eval::GroupMetrics& group(int row) const { return groups_[size_t(row)]; }

 private:
  QVariant display(const stts::eval::GroupMetrics& group, int column) const;
  QVariant sortValue(const stts::eval::GroupMetrics& group, int column) const;

  std::vector<stts::eval::GroupMetrics> groups_;
};

class EvalSamplesModel : public EvalTableModel {
  Q_OBJECT

 public:
  enum Column {
    Id,
    Method,
    Keep,
    Frames,
    VisionTokens,
    Answer,
    Choice,
    Correct,
    Error,
    PrefillMs,
    TotalMs,
    ColumnCount
  };

  explicit EvalSamplesModel(std::vector<stts::eval::Prediction> predictions,
                            QObject* parent = nullptr);

  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

  const stts::eval::Prediction& prediction(int row) const { return predictions_[size_t(row)]; }

 private:
  QVariant display(const stts::eval::Prediction& prediction, int column) const;
  QVariant sortValue(const stts::eval::Prediction& prediction, int column) const;

  std::vector<stts::eval::Prediction> predictions_;
};

// The Samples table's filter: the typed text (any column, case-insensitive) and, when one is set,
// only the answers of one summary group (method, keep, frames).
class EvalSamplesFilter : public QSortFilterProxyModel {
 public:
  struct Group {
    std::string method;
    double keep = 1.0;
    int frames = 0;
  };

  explicit EvalSamplesFilter(EvalSamplesModel* source, QObject* parent = nullptr);

  void setGroup(std::optional<Group> group);
  const std::optional<Group>& group() const { return group_; }

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  EvalSamplesModel* source_;
  std::optional<Group> group_;
};

// The keep ratio as the command line writes it ("0.50"), in the user's number format.
QString formatKeep(double keep);

}  // namespace stts::ui
