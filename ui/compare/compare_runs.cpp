#include "compare/compare_runs.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <cmath>

#include "common/sample_numbers.h"

namespace stts::ui {

namespace {

// Frame times come from the same sampling planner, so equal samples agree far better than this.
constexpr double kSameTimeTolerance = 1e-3;

QString runName(const QStringList& names, size_t index) {
  if (index < size_t(names.size()) && !names[qsizetype(index)].isEmpty())
    return names[qsizetype(index)];
  return QCoreApplication::translate("CompareRuns", "run %1").arg(index + 1);
}

QString videoFileName(const stts::RunResult& run) {
  const std::string& path = !run.video.path.empty() ? run.video.path : run.request.videoPath;
  return QFileInfo(QString::fromStdString(path)).fileName();
}

// Two runs name the same video when their content hashes agree; runs without a hash (older or
// hand-made files) fall back to the file name and the video's shape.
bool sameVideo(const stts::RunResult& a, const stts::RunResult& b) {
  if (!a.videoHeadHash.empty() && !b.videoHeadHash.empty()) {
    if (a.videoHeadHash != b.videoHeadHash) return false;
    return a.videoFileSize <= 0 || b.videoFileSize <= 0 || a.videoFileSize == b.videoFileSize;
  }
  return videoFileName(a) == videoFileName(b) && a.video.displayWidth == b.video.displayWidth &&
         a.video.displayHeight == b.video.displayHeight;
}

bool cellKept(const stts::RunResult& run, int frame, int cell) {
  const size_t index = size_t(frame) * stts::kCellsPerFrame + size_t(cell);
  return index < run.keep.size() && run.keep[index] != 0;
}

}  // namespace

QString comparisonProblem(const std::vector<const stts::RunResult*>& runs,
                          const QStringList& names) {
  if (runs.size() < size_t(kMinComparedRuns) || runs.size() > size_t(kMaxComparedRuns)) {
    return QCoreApplication::translate("CompareRuns",
                                       "Choose between %1 and %2 runs to compare (%3 given).")
        .arg(kMinComparedRuns)
        .arg(kMaxComparedRuns)
        .arg(runs.size());
  }
  const stts::RunResult& first = *runs.front();
  for (size_t i = 1; i < runs.size(); ++i) {
    const stts::RunResult& other = *runs[i];
    if (!sameVideo(first, other)) {
      return QCoreApplication::translate(
                 "CompareRuns",
                 "“%1” was made from another video (%2) than “%3” (%4); only runs of the same "
                 "video can be compared.")
          .arg(runName(names, i), videoFileName(other), runName(names, 0), videoFileName(first));
    }
    if (other.frames != first.frames || other.frameTime.size() != first.frameTime.size()) {
      return QCoreApplication::translate(
                 "CompareRuns",
                 "“%1” has %2 sampled frames and “%3” has %4; compare runs made with the same "
                 "sampling.")
          .arg(runName(names, i))
          .arg(other.frames)
          .arg(runName(names, 0))
          .arg(first.frames);
    }
    for (size_t f = 0; f < first.frameTime.size(); ++f) {
      if (std::abs(first.frameTime[f] - other.frameTime[f]) > kSameTimeTolerance) {
        return QCoreApplication::translate(
                   "CompareRuns",
                   "“%1” sampled other frames than “%2” (sample %3 is at %4 s instead of %5 s); "
                   "compare runs made with the same sampling.")
            .arg(runName(names, i), runName(names, 0))
            .arg(sampleNumber(int(f)))
            .arg(QLocale().toString(other.frameTime[f], 'f', 3),
                 QLocale().toString(first.frameTime[f], 'f', 3));
      }
    }
  }
  return {};
}

DiffCells diffCells(const stts::RunResult& a, const stts::RunResult& b, int frame) {
  DiffCells cells{};
  if (frame < 0 || frame >= a.frames || frame >= b.frames) return cells;
  for (int c = 0; c < stts::kCellsPerFrame; ++c) {
    const int code = (cellKept(a, frame, c) ? 1 : 0) | (cellKept(b, frame, c) ? 2 : 0);
    cells[size_t(c)] = DiffCell(code);
  }
  return cells;
}

double keptIoU(const stts::RunResult& a, const stts::RunResult& b, int frame) {
  if (frame < 0 || frame >= a.frames || frame >= b.frames) return -1.0;
  int both = 0;
  int either = 0;
  for (int c = 0; c < stts::kCellsPerFrame; ++c) {
    const bool inA = cellKept(a, frame, c);
    const bool inB = cellKept(b, frame, c);
    both += inA && inB ? 1 : 0;
    either += inA || inB ? 1 : 0;
  }
  return either == 0 ? 1.0 : double(both) / double(either);
}

std::vector<double> keptIoUPerFrame(const stts::RunResult& a, const stts::RunResult& b) {
  std::vector<double> values;
  const int frames = std::min(a.frames, b.frames);
  values.reserve(size_t(std::max(frames, 0)));
  for (int f = 0; f < frames; ++f) values.push_back(keptIoU(a, b, f));
  return values;
}

QString paneLetter(int index) {
  return QString(QChar(char16_t(u'A' + index)));
}

double keptPercent(const stts::RunResult& run) {
  return run.visionTokensBefore > 0
             ? 100.0 * double(run.visionTokensAfter) / double(run.visionTokensBefore)
             : 0.0;
}

QString paneHeader(const stts::RunResult& run, int index) {
  return QCoreApplication::translate("CompareRuns",
                                     "%1 · %2 · keep %3 % · %4 vision tokens · %5 answer tokens")
      .arg(paneLetter(index), QString::fromStdString(run.request.method))
      .arg(QLocale().toString(keptPercent(run), 'f', 1))
      .arg(run.visionTokensAfter)
      .arg(run.answerTokens.size());
}

StageTable stageTable(const std::vector<const stts::RunResult*>& runs) {
  StageTable table;
  for (const stts::RunResult* run : runs) {
    for (const stts::StageTiming& timing : run->timings) {
      const QString name = QString::fromStdString(timing.name);
      if (!table.stages.contains(name)) table.stages.append(name);
    }
  }
  for (const stts::RunResult* run : runs) {
    std::vector<double> row(size_t(table.stages.size()), 0.0);
    for (const stts::StageTiming& timing : run->timings) {
      row[size_t(table.stages.indexOf(QString::fromStdString(timing.name)))] += timing.milliseconds;
    }
    table.milliseconds.push_back(std::move(row));
  }
  return table;
}

}  // namespace stts::ui
