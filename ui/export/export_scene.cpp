#include "export/export_scene.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <span>
#include <tuple>

namespace stts::ui {

QString ExportScene::videoPath() const {
  if (video && !video->path.isEmpty()) return video->path;
  if (run) {
    const std::string& stored = !run->video.path.empty() ? run->video.path : run->request.videoPath;
    return QFile::decodeName(QByteArray::fromStdString(stored));
  }
  return {};
}

std::optional<OverlayCells> runCells(const stts::RunResult& run, int index, float low, float high) {
  if (index < 0 || index >= run.frames) return std::nullopt;
  const size_t offset = size_t(index) * stts::kCellsPerFrame;
  if (run.scores.size() < offset + stts::kCellsPerFrame ||
      run.keep.size() < offset + stts::kCellsPerFrame) {
    return std::nullopt;
  }
  return makeOverlayCells(std::span(run.scores).subspan(offset, stts::kCellsPerFrame),
                          std::span(run.keep).subspan(offset, stts::kCellsPerFrame), low, high);
}

ExportScene sceneForRun(const LoadedRun& run, const OverlayStyle& style,
                        ScoreNormalisation normalisation) {
  ExportScene scene;
  scene.video = run.video;
  scene.run = run.run;
  scene.runPath = run.path;
  scene.usesStoredFrames = run.usesStoredFrames;
  scene.style = style;
  if (run.run) {
    const stts::RunResult& result = *run.run;
    const auto [runLow, runHigh] = finiteRange(result.scores);
    const int frames = scene.frameCount();
    scene.cells.reserve(size_t(frames));
    for (int i = 0; i < frames; ++i) {
      float low = runLow;
      float high = runHigh;
      const size_t offset = size_t(i) * stts::kCellsPerFrame;
      if (normalisation == ScoreNormalisation::PerFrame &&
          result.scores.size() >= offset + stts::kCellsPerFrame) {
        std::tie(low, high) =
            finiteRange(std::span(result.scores).subspan(offset, stts::kCellsPerFrame));
      }
      std::optional<OverlayCells> cells = runCells(result, i, low, high);
      if (cells) cells->normalisation = normalisation;
      scene.cells.push_back(std::move(cells));
    }
  }
  return scene;
}

}  // namespace stts::ui
