#include "eval/eval_folder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>
#include <set>

#include "common/engine_error.h"

namespace stts::ui {

namespace {

const QString kPredictionsFile = QStringLiteral("predictions.jsonl");
const QString kMetricsFile = QStringLiteral("metrics.json");
const QString kRunsFolder = QStringLiteral("runs");
// An eval of tens of thousands of answers writes a few tens of MiB; anything far beyond that is
// not a predictions file, and reading it whole would only exhaust memory.
constexpr qint64 kLargestPredictionsFile = qint64(1) << 30;
// metrics.json is a few KiB; its context is only for the header.
constexpr qint64 kLargestMetricsFile = qint64(16) << 20;

// The text of `path`, or an error sentence naming the file.
bool readSmallFile(const QString& path, qint64 limit, QByteArray* bytes, QString* problem) {
  const QString name = QFileInfo(path).fileName();
  QFile file(path);
  if (!QFileInfo(path).isFile()) {
    *problem = EvalFolder::tr("“%1” is not a file.").arg(name);
    return false;
  }
  if (file.size() > limit) {
    *problem = EvalFolder::tr("“%1” is %2 MiB, too large for a file of an eval.")
                   .arg(name)
                   .arg(file.size() >> 20);
    return false;
  }
  if (!file.open(QIODevice::ReadOnly)) {
    *problem = EvalFolder::tr("Could not read “%1”: %2.").arg(name, file.errorString());
    return false;
  }
  *bytes = file.readAll();
  return true;
}

struct MetricsContext {
  QJsonObject context;
  QString templateVersion;
  QString parserVersion;
  bool found = false;
  bool broken = false;
};

// metrics.json, or before a merge the first shard's metrics file: all shards share the context
// that the header shows.
MetricsContext readMetrics(const QDir& folder) {
  MetricsContext metrics;
  QString path = folder.filePath(kMetricsFile);
  if (!QFileInfo(path).isFile()) {
    const QStringList shards =
        folder.entryList({QStringLiteral("metrics-shard-*-of-*.json")}, QDir::Files, QDir::Name);
    if (shards.isEmpty()) return metrics;
    path = folder.filePath(shards.front());
  }
  metrics.found = true;
  QByteArray bytes;
  QString ignored;
  if (!readSmallFile(path, kLargestMetricsFile, &bytes, &ignored)) {
    metrics.broken = true;
    return metrics;
  }
  const QJsonDocument document = QJsonDocument::fromJson(bytes);
  if (!document.isObject() || !document.object().value(QStringLiteral("context")).isObject()) {
    metrics.broken = true;
    return metrics;
  }
  const QJsonObject root = document.object();
  metrics.context = root.value(QStringLiteral("context")).toObject();
  metrics.templateVersion = root.value(QStringLiteral("template")).toString();
  metrics.parserVersion = root.value(QStringLiteral("parser")).toString();
  return metrics;
}

// "square-bench · 18 samples · model tiny-model · cpu float32 · engine 0.4.0 · mc-letter-v1,
// letter-parser-v1": what a reader needs to know which numbers these are.
QString headerLine(const EvalFolder& folder, const MetricsContext& metrics) {
  QStringList parts{folder.benchName};
  const QJsonObject& context = metrics.context;
  int samples = context.value(QStringLiteral("samples")).toInt(-1);
  if (samples < 0) {
    std::set<std::string> ids;
    for (const auto& prediction : folder.predictions) ids.insert(prediction.id);
    samples = int(ids.size());
  }
  parts.append(EvalFolder::tr("%n samples", nullptr, samples));
  if (const QString model = context.value(QStringLiteral("model")).toString(); !model.isEmpty())
    parts.append(EvalFolder::tr("model %1").arg(QFileInfo(QDir::cleanPath(model)).fileName()));
  const QString device = context.value(QStringLiteral("device")).toString();
  const QString dtype = context.value(QStringLiteral("dtype")).toString();
  if (!device.isEmpty() || !dtype.isEmpty())
    parts.append(QStringList{device, dtype}.join(QLatin1Char(' ')).trimmed());
  if (const QString engine = context.value(QStringLiteral("engine_version")).toString();
      !engine.isEmpty())
    parts.append(EvalFolder::tr("engine %1").arg(engine));
  if (!metrics.templateVersion.isEmpty() && !metrics.parserVersion.isEmpty())
    parts.append(
        EvalFolder::tr("prompt %1, parser %2").arg(metrics.templateVersion, metrics.parserVersion));
  if (const QJsonValue merged = context.value(QStringLiteral("merged_shards")); merged.isDouble())
    parts.append(EvalFolder::tr("merged from %n shards", nullptr, merged.toInt()));
  return parts.join(QStringLiteral(" · "));
}

}  // namespace

QString EvalFolder::runPath(const stts::eval::Prediction& prediction) const {
  return QDir(path).filePath(kRunsFolder + QLatin1Char('/') +
                             QString::fromStdString(stts::eval::savedRunName(prediction)));
}

bool EvalFolder::hasRunsFolder() const {
  return QFileInfo(QDir(path).filePath(kRunsFolder)).isDir();
}

QStringList predictionShardFiles(const QString& folder) {
  static const QRegularExpression pattern(
      QStringLiteral("^predictions-shard-(\\d+)-of-(\\d+)\\.jsonl$"));
  QStringList names = QDir(folder).entryList({QStringLiteral("predictions-shard-*-of-*.jsonl")},
                                             QDir::Files, QDir::Name);
  names.erase(std::remove_if(names.begin(), names.end(),
                             [](const QString& name) { return !pattern.match(name).hasMatch(); }),
              names.end());
  // By shard number: "shard-10" after "shard-9", which name order would not give.
  std::stable_sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
    return pattern.match(a).captured(1).toLongLong() < pattern.match(b).captured(1).toLongLong();
  });
  return names;
}

double medianPrefillMs(const stts::eval::GroupMetrics& group) {
  for (const stts::eval::StageSummary& stage : group.stages) {
    if (stage.name == "prefill") return stage.medianMs;
  }
  return 0.0;
}

EvalFolder loadEvalFolder(const QString& path) {
  EvalFolder folder;
  const QFileInfo info(path);
  folder.path = info.absoluteFilePath();
  const QString folderName = info.fileName().isEmpty() ? path : info.fileName();
  if (!info.isDir()) {
    folder.error = EvalFolder::tr("The folder “%1” does not exist.").arg(folderName);
    return folder;
  }
  const QDir dir(folder.path);

  QStringList files;
  if (QFileInfo(dir.filePath(kPredictionsFile)).exists()) {
    files.append(kPredictionsFile);
  } else {
    files = predictionShardFiles(folder.path);
    if (files.isEmpty()) {
      folder.error = EvalFolder::tr(
                         "“%1” is not an eval folder: it has no %2. Choose the folder that "
                         "`stts eval -o` wrote.")
                         .arg(folderName, kPredictionsFile);
      return folder;
    }
    folder.notes.append(
        EvalFolder::tr(
            "There is no %1 yet, so its %n shard files were read together (`stts merge` joins "
            "them).",
            nullptr, int(files.size()))
            .arg(kPredictionsFile));
  }

  int truncatedLines = 0;
  for (const QString& name : files) {
    QByteArray bytes;
    QString problem;
    if (!readSmallFile(dir.filePath(name), kLargestPredictionsFile, &bytes, &problem)) {
      folder.error = problem;
      return folder;
    }
    int truncated = 0;
    auto parsed = stts::eval::parsePredictions(std::string_view(bytes.constData(), bytes.size()),
                                               name.toStdString(), &truncated);
    if (!parsed) {
      folder.error = EvalFolder::tr("The evaluation in “%1” cannot be shown: %2.")
                         .arg(folderName, engineErrorText(parsed.error()));
      return folder;
    }
    truncatedLines += truncated;
    for (auto& prediction : *parsed) folder.predictions.push_back(std::move(prediction));
  }
  if (folder.predictions.empty()) {
    folder.error = EvalFolder::tr(
                       "The evaluation in “%1” has no answers yet: wait until `stts eval` has "
                       "finished a sample.")
                       .arg(folderName);
    return folder;
  }
  if (truncatedLines > 0) {
    folder.notes.append(
        EvalFolder::tr("Lines cut short by a stopped eval were left out: %1.").arg(truncatedLines));
  }
  const auto failed =
      std::count_if(folder.predictions.begin(), folder.predictions.end(),
                    [](const auto& prediction) { return !prediction.error.empty(); });
  if (failed > 0) {
    folder.notes.append(
        EvalFolder::tr("Answers that could not be run: %1 (the Samples tab says why).")
            .arg(failed));
  }
  folder.groups = stts::eval::aggregate(folder.predictions);

  const MetricsContext metrics = readMetrics(dir);
  if (metrics.broken) {
    folder.notes.append(
        EvalFolder::tr("The metrics file could not be read, so the header shows only what "
                       "the predictions say."));
  }
  folder.benchName = metrics.context.value(QStringLiteral("bench_name")).toString();
  if (folder.benchName.isEmpty()) folder.benchName = folderName;
  folder.header = headerLine(folder, metrics);
  return folder;
}

}  // namespace stts::ui
