// stts export-compare: the GUI comparison of 2–4 runs of one video as one image, for one sampled
// frame, without a display: every run's frame with its overlay (or the diff of the first two) side
// by side under a header each (method, keep %, vision tokens, answer tokens), the diff legend and
// optionally the answers. The picture comes from the comparison window's own composite
// (ui/compare/compare_image.h, QtGui only) on Qt's "offscreen" platform.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <cstdio>
#include <memory>

#include "command.h"
#include "common/sample_numbers.h"
#include "compare/compare_image.h"
#include "export/export_data.h"
#include "export/export_naming.h"
#include "media/run_loading.h"
#include "stts/regular_file.h"
#include "view/colour_maps.h"

namespace stts::cli {
namespace {

// Qt reads the platform from argv before the environment, so this wins over QT_QPA_PLATFORM.
std::unique_ptr<QGuiApplication> makeOffscreenGuiApplication() {
  static int argc = 3;
  static char name[] = "stts";
  static char platformFlag[] = "-platform";
  static char platform[] = "offscreen";
  static char* argv[] = {name, platformFlag, platform, nullptr};
  return std::make_unique<QGuiApplication>(argc, argv);
}

int runExportCompare(const ParsedArguments& args) {
  const char* usage = "export-compare";
  const auto& paths = args.positionals();
  if (paths.size() < size_t(ui::kMinComparedRuns) || paths.size() > size_t(ui::kMaxComparedRuns))
    return reportUsage(usage, "give 2 to 4 run files (.sttsrun)");
  const auto frameText = args.value("frame");
  if (!frameText) return reportUsage(usage, "--frame N (a sample number) is required");
  const auto frame = parseInteger(*frameText, 1, 10'000'000);
  if (!frame) {
    return reportUsage(usage, "--frame must be a sample number (1, 2, 3, …, as the window shows)");
  }
  const auto output = args.value("output");
  if (!output || output->empty())
    return reportUsage(usage, "-o PATH (a file or a folder) is required");

  ui::OverlayMode mode = ui::OverlayMode::Mask;
  if (auto text = args.value("mode")) {
    if (*text == "off") {
      mode = ui::OverlayMode::Off;
    } else if (*text == "mask") {
      mode = ui::OverlayMode::Mask;
    } else if (*text == "score") {
      mode = ui::OverlayMode::Score;
    } else {
      return reportUsage(usage, "--mode must be off, mask or score");
    }
  }
  if (args.has("diff")) mode = ui::OverlayMode::Diff;
  ui::ComparisonImageOptions options;
  if (auto name = args.value("colour-map")) {
    bool known = false;
    for (int i = 0; i < ui::kColourMapCount; ++i)
      known = known || ui::colourMapKey(ui::ColourMap(i)).toStdString() == *name;
    if (!known) return reportUsage(usage, "--colour-map must be viridis, magma, turbo or grey");
    options.style.colourMap = ui::colourMapFromKey(QString::fromStdString(*name));
  }
  if (auto text = args.value("opacity")) {
    auto opacity = parseReal(*text, 0.0, 1.0);
    if (!opacity) return reportUsage(usage, "--opacity must be a number from 0 to 1");
    options.style.opacity = float(*opacity);
  }
  options.includeAnswers = args.has("answers");
  options.diffLegend = mode == ui::OverlayMode::Diff;

  // Fonts for the headers and the legend need a QGuiApplication; no window is opened.
  auto application = makeOffscreenGuiApplication();
  std::vector<ui::LoadedRunPtr> runs;
  std::vector<const stts::RunResult*> results;
  QStringList names;
  for (const std::string& path : paths) {
    const QString runPath =
        QFileInfo(QFile::decodeName(QByteArray::fromStdString(path))).absoluteFilePath();
    ui::RunJobOutcome loaded = ui::loadRunJob(runPath, nullptr);
    if (!loaded.run) return reportFailure(loaded.error.toStdString());
    if (!loaded.run->videoProblem.isEmpty()) {
      std::fprintf(stderr, "stts: note: %s: %s\n",
                   QFileInfo(runPath).fileName().toUtf8().constData(),
                   loaded.run->videoProblem.toUtf8().constData());
    }
    names.append(QFileInfo(runPath).fileName());
    results.push_back(loaded.run->run.get());
    runs.push_back(std::move(loaded.run));
  }
  const QString problem = ui::comparisonProblem(results, names);
  if (!problem.isEmpty()) return reportFailure(problem.toStdString());
  const int frames = int(runs.front()->video->points.size());
  if (*frame > frames) {
    return reportFailure("--frame " + std::to_string(*frame) + " is past the last sample (" +
                         std::to_string(frames) + ")");
  }
  const int index = ui::sampleIndexFromNumber(*frame);
  options.caption = ui::comparisonCaption(*runs.front()->video, index);
  const QImage image = ui::composeComparison(ui::comparisonPanes(runs, index, mode), options);
  if (image.isNull()) return reportFailure("the runs' frames could not be drawn");

  const QString target = QFile::decodeName(QByteArray::fromStdString(*output));
  QString path;
  if (QFileInfo(target).isDir() || output->back() == '/') {
    if (!QDir().mkpath(target)) return reportFailure("could not create the folder " + *output);
    path = ui::uniqueFilePath(target, ui::comparisonFileName(runs, index));
  } else {
    path = QFileInfo(target).absoluteFilePath();
  }
  if (auto ok = checkSaveTarget(QFile::encodeName(path).toStdString()); !ok)
    return reportFailure(ok.error());
  if (auto written = ui::writeExportImage(image, path); !written)
    return reportFailure(written.error());
  std::printf("%s: %d x %d pixels, %d panes\n", path.toUtf8().constData(), image.width(),
              image.height(), int(runs.size()));
  return kExitOk;
}

}  // namespace

Command exportCompareCommand() {
  CommandSpec spec{
      "export-compare",
      "Write the comparison of 2 to 4 runs (.sttsrun) of one video as one PNG, without a display: "
      "the sampled frame of each run with its overlay side by side under a header each, as the "
      "comparison window shows it. Runs must share the video and the sampled frames.",
      {"RUN1", "RUN2"},
      {{"frame", "N", "the sample to show (numbered from 1, as in the window)"},
       {"diff", "", "show the diff of RUN1 and RUN2 (kept by both / only one / neither)"},
       {"mode", "MODE", "overlay of the panes: off, mask (default) or score"},
       {"colour-map", "NAME", "score colours: viridis (default), magma, turbo or grey"},
       {"opacity", "X", "overlay opacity from 0 to 1 (default 0.7)"},
       {"answers", "", "add each run's answer and its token count under its pane"},
       {"output", "PATH",
        "file to write, or a folder: then a name like the GUI's is used and nothing is "
        "overwritten",
        'o'}},
      true};
  return {spec, runExportCompare};
}

}  // namespace stts::cli
