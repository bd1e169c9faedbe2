// stts export: what the GUI's export dialog writes, in batch and without a display: a frame with
// its overlay at source resolution, a contact sheet of all frames, the per-cell CSV or the run's
// metadata as JSON, and the Timing dock's stage charts as PNG or SVG figures. The pictures come
// from the same code as the window's exports (ui/export and ui/charts, QtGui only); Qt runs on
// its "offscreen" platform, chosen here, so neither DISPLAY nor QT_QPA_PLATFORM matter.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <cstdio>
#include <memory>

#include "charts/stage_chart_file.h"
#include "command.h"
#include "common/sample_numbers.h"
#include "export/export_job.h"
#include "export/export_naming.h"
#include "media/run_loading.h"
#include "stts/regular_file.h"
#include "stts/runfile.h"
#include "view/colour_maps.h"

namespace stts::cli {
namespace {

using stts::ui::ExportKind;

// Qt's own chatter (e.g. "XDG_RUNTIME_DIR not set") is not the user's business on a command line
// whose stderr scripts read; only its real errors get through, in the CLI's format.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message) {
  if (type == QtCriticalMsg || type == QtFatalMsg) {
    std::fprintf(stderr, "stts: Qt: %s\n", message.toLocal8Bit().constData());
  }
}

// Qt reads the platform from argv before the environment, so this wins over QT_QPA_PLATFORM.
std::unique_ptr<QGuiApplication> makeOffscreenApplication() {
  qInstallMessageHandler(quietQtMessages);
  static int argc = 3;
  static char name[] = "stts";
  static char platformFlag[] = "-platform";
  static char platform[] = "offscreen";
  static char* argv[] = {name, platformFlag, platform, nullptr};
  return std::make_unique<QGuiApplication>(argc, argv);
}

std::string local(const QString& text) {
  return text.toStdString();
}

// Options that only the stage charts read.
const char* const kChartOptions[] = {"width", "height", "scale", "dpi", "no-title"};

// --timing-chart / --token-chart: the Timing dock's charts from the run's stage timings alone
// (the video is not needed), at the size and scale asked for.
int runChartExport(const ParsedArguments& args, const std::string& output,
                   ui::StageChartKind kind) {
  const char* usage = "export";
  ui::StageChartPicture picture;
  for (const char* side : {"width", "height"}) {
    const auto text = args.value(side);
    if (!text) continue;
    const auto pixels = parseInteger(*text, 1, 10'000);
    if (!pixels) {
      return reportUsage(
          usage, std::string("--") + side + " must be a whole number of pixels from 1 to 10000");
    }
    if (std::string(side) == "width") {
      picture.size.setWidth(int(*pixels));
    } else {
      picture.size.setHeight(int(*pixels));
    }
  }
  if (args.has("scale") && args.has("dpi"))
    return reportUsage(usage, "give --scale or --dpi, not both");
  if (auto text = args.value("scale")) {
    const auto scale = parseReal(*text, 0.25, 8.0);
    if (!scale) return reportUsage(usage, "--scale must be a number from 0.25 to 8 (2 for 2x)");
    picture.scale = *scale;
  }
  if (auto text = args.value("dpi")) {
    const auto dpi = parseInteger(*text, 24, 2400);
    if (!dpi) return reportUsage(usage, "--dpi must be a whole number from 24 to 2400 (e.g. 300)");
    picture.dpi = int(*dpi);
  }

  const QString runPath =
      QFileInfo(QFile::decodeName(QByteArray::fromStdString(args.positionals()[0])))
          .absoluteFilePath();
  const QString target = QFile::decodeName(QByteArray::fromStdString(output));
  QString path;
  if (QFileInfo(target).isDir() || output.back() == '/') {
    if (!QDir().mkpath(target)) return reportFailure("could not create the folder " + output);
    const QString name = ui::safeFileNamePart(QFileInfo(runPath).completeBaseName()) +
                         (kind == ui::StageChartKind::Time ? QStringLiteral("_stage-times.png")
                                                           : QStringLiteral("_stage-tokens.png"));
    path = ui::uniqueFilePath(target, name);
  } else {
    path = QFileInfo(target).absoluteFilePath();
  }
  if (ui::isSvgPath(path) && (args.has("scale") || args.has("dpi"))) {
    return reportUsage(usage, "--scale and --dpi are for PNG; an SVG drawing scales without them");
  }

  // The fonts need a QGuiApplication; no window is opened.
  auto application = makeOffscreenApplication();
  auto run = stts::loadRunFile(QFile::encodeName(runPath).toStdString());
  if (!run) return reportFailure(run.error());
  if (run->timings.empty()) {
    return reportFailure(QFileInfo(runPath).fileName().toStdString() +
                         " recorded no stage timings, so there is no chart to draw");
  }
  ui::StageChartOptions options;
  options.font = ui::stageChartPictureFont(QGuiApplication::font());
  if (!args.has("no-title")) {
    options.title = kind == ui::StageChartKind::Time ? QStringLiteral("Time per stage")
                                                     : QStringLiteral("Tokens per stage");
  }
  if (auto ok = checkSaveTarget(QFile::encodeName(path).toStdString()); !ok)
    return reportFailure(ok.error());
  auto written = ui::writeStageChart(path, kind, ui::stageChartData(*run), options, picture);
  if (!written) return reportFailure(written.error());
  if (written->svg) {
    std::printf("%s: SVG drawing, %d x %d pixels\n", local(path).c_str(), written->size.width(),
                written->size.height());
  } else {
    std::printf("%s: %d x %d pixels (%d x %d at %g dpi)\n", local(path).c_str(),
                written->pixelSize.width(), written->pixelSize.height(), written->size.width(),
                written->size.height(), ui::kChartLogicalDpi * picture.pixelScale());
  }
  return kExitOk;
}

int runExport(const ParsedArguments& args) {
  const char* usage = "export";
  const bool timingChart = args.has("timing-chart");
  const bool tokenChart = args.has("token-chart");
  const int kinds = int(args.has("frame")) + int(args.has("contact-sheet")) + int(args.has("csv")) +
                    int(args.has("json")) + int(timingChart) + int(tokenChart);
  if (kinds != 1) {
    return reportUsage(usage,
                       "choose exactly one of --frame N, --contact-sheet, --csv, --json, "
                       "--timing-chart, --token-chart");
  }
  const auto output = args.value("output");
  if (!output || output->empty())
    return reportUsage(usage, "-o PATH (a file or a folder) is required");
  if (timingChart || tokenChart) {
    return runChartExport(args, *output,
                          timingChart ? ui::StageChartKind::Time : ui::StageChartKind::Tokens);
  }
  for (const char* option : kChartOptions) {
    if (args.has(option)) {
      return reportUsage(
          usage, std::string("--") + option + " is for --timing-chart and --token-chart only");
    }
  }

  ui::ExportRequest request;
  if (auto text = args.value("frame")) {
    auto number = parseInteger(*text, 1, 10'000'000);
    if (!number) {
      return reportUsage(usage,
                         "--frame must be a sample number (1, 2, 3, …, as the window shows)");
    }
    request.kind = ExportKind::Frame;
    request.frameIndex = ui::sampleIndexFromNumber(*number);
  } else if (args.has("contact-sheet")) {
    request.kind = ExportKind::ContactSheet;
  } else {
    request.kind = args.has("csv") ? ExportKind::CellsCsv : ExportKind::RunJson;
  }
  request.options.overlay = !args.has("no-overlay");
  request.options.legend = args.has("legend");
  request.options.caption = args.has("caption");

  ui::OverlayStyle style;
  style.mode = ui::OverlayMode::Mask;
  if (auto mode = args.value("mode")) {
    if (*mode == "mask") {
      style.mode = ui::OverlayMode::Mask;
    } else if (*mode == "score") {
      style.mode = ui::OverlayMode::Score;
    } else {
      return reportUsage(usage, "--mode must be mask or score");
    }
  }
  if (auto name = args.value("colour-map")) {
    bool known = false;
    for (int i = 0; i < ui::kColourMapCount; ++i) {
      known = known || local(ui::colourMapKey(ui::ColourMap(i))) == *name;
    }
    if (!known) return reportUsage(usage, "--colour-map must be viridis, magma, turbo or grey");
    style.colourMap = ui::colourMapFromKey(QString::fromStdString(*name));
  }
  if (auto maskStyle = args.value("mask-style")) {
    if (*maskStyle != "dim" && *maskStyle != "hatch") {
      return reportUsage(usage, "--mask-style must be dim or hatch");
    }
    style.maskStyle = *maskStyle == "hatch" ? ui::MaskStyle::Hatch : ui::MaskStyle::Dim;
  }
  style.showGrid = args.has("grid");
  auto normalisation = ui::ScoreNormalisation::PerRun;
  if (auto range = args.value("normalise")) {
    if (*range != "run" && *range != "frame") {
      return reportUsage(usage, "--normalise must be run or frame");
    }
    if (*range == "frame") normalisation = ui::ScoreNormalisation::PerFrame;
  }
  if (auto text = args.value("brightness")) {
    auto brightness = parseReal(*text, ui::kMinBrightness, ui::kMaxBrightness);
    if (!brightness) return reportUsage(usage, "--brightness must be a number from -1 to 1");
    style.brightness = float(*brightness);
  }
  if (auto text = args.value("contrast")) {
    auto contrast = parseReal(*text, ui::kMinContrast, ui::kMaxContrast);
    if (!contrast) return reportUsage(usage, "--contrast must be a number from 0 to 4");
    style.contrast = float(*contrast);
  }
  if (auto text = args.value("opacity")) {
    auto opacity = parseReal(*text, 0.0, 1.0);
    if (!opacity) return reportUsage(usage, "--opacity must be a number from 0 to 1");
    style.opacity = float(*opacity);
  }

  // Fonts for the legend, caption and sheet labels need a QGuiApplication (no window is opened);
  // the CSV and JSON need none.
  std::unique_ptr<QGuiApplication> application;
  if (!ui::exportNeedsRun(request.kind)) application = makeOffscreenApplication();
  const QString runPath =
      QFileInfo(QFile::decodeName(QByteArray::fromStdString(args.positionals()[0])))
          .absoluteFilePath();
  const ui::RunJobOutcome loaded = ui::loadRunJob(runPath, nullptr);
  if (!loaded.run) return reportFailure(local(loaded.error));
  if (loaded.run->usesStoredFrames && !ui::exportNeedsRun(request.kind)) {
    std::fprintf(stderr, "stts: note: %s, so the frames stored in the run are used\n",
                 local(loaded.run->videoProblem).c_str());
  } else if (!loaded.run->videoProblem.isEmpty()) {
    std::fprintf(stderr, "stts: warning: %s\n", local(loaded.run->videoProblem).c_str());
  }
  const ui::ExportScene scene = ui::sceneForRun(*loaded.run, style, normalisation);

  const QString target = QFile::decodeName(QByteArray::fromStdString(*output));
  if (QFileInfo(target).isDir() || output->back() == '/') {
    if (!QDir().mkpath(target)) return reportFailure("could not create the folder " + *output);
    request.path = ui::uniqueFilePath(
        target, ui::defaultExportFileName(scene, request.kind, request.frameIndex));
  } else {
    request.path = QFileInfo(target).absoluteFilePath();
  }

  if (auto ok = checkSaveTarget(QFile::encodeName(request.path).toStdString()); !ok)
    return reportFailure(ok.error());
  auto written = ui::runExport(scene, request);
  if (!written) return reportFailure(written.error());
  if (!written->image.isNull()) {
    std::printf("%s: %d x %d pixels\n", local(written->path).c_str(), written->image.width(),
                written->image.height());
    if (request.kind == ExportKind::Frame) {
      const QString note =
          ui::frameExportGeometry(scene, request.frameIndex, request.options).downscaleNote;
      if (!note.isEmpty()) std::fprintf(stderr, "stts: note: %s\n", local(note).c_str());
    }
  } else {
    std::printf("%s: %lld bytes\n", local(written->path).c_str(),
                static_cast<long long>(written->data.size()));
  }
  return kExitOk;
}

}  // namespace

Command exportCommand() {
  return {
      {"export",
       "Write what the GUI's export dialog writes, from RUN (.sttsrun) and without a display: "
       "one frame with its overlay at source resolution, a contact sheet of all frames, the "
       "per-cell CSV, the run's metadata as JSON, or the Timing dock's chart of its stage "
       "times or tokens as a PNG or SVG figure.",
       {"RUN"},
       {{"frame", "N", "export sample N (numbered from 1, as in the window) as PNG"},
        {"contact-sheet", "", "export all sampled frames in one PNG grid"},
        {"csv", "", "export sample, time, cell row/col, score, kept for every cell"},
        {"json", "", "export the run's metadata (request, video, times, timings, answer)"},
        {"timing-chart", "", "export the time-per-stage chart: PNG, or SVG when PATH ends in .svg"},
        {"token-chart", "",
         "export the tokens-per-stage chart: PNG, or SVG when PATH ends in .svg"},
        {"output", "PATH",
         "file to write, or a folder: then the GUI's file naming is used and nothing is "
         "overwritten",
         'o'},
        {"no-overlay", "", "frames without the keep mask or score colours"},
        {"legend", "", "draw the colour bar (score) or kept/dropped key (mask) on the frame"},
        {"caption", "", "add a caption band: frame, method, question and answer"},
        {"mode", "MODE", "overlay mode: mask (default) or score"},
        {"colour-map", "NAME", "score colours: viridis (default), magma, turbo or grey"},
        {"opacity", "X", "overlay opacity from 0 to 1 (default 0.7)"},
        {"mask-style", "STYLE", "dropped cells in mask mode: dim (default) or hatch"},
        {"grid", "", "draw the 9 x 9 cell grid"},
        {"normalise", "RANGE", "score colours over the whole run (default) or each frame"},
        {"brightness", "X", "picture brightness from -1 to 1 (default 0)"},
        {"contrast", "X", "picture contrast from 0 to 4 (default 1)"},
        {"width", "PX", "chart width in logical pixels (default 640, or what its text needs)"},
        {"height", "PX", "chart height in logical pixels (default: what suits the width)"},
        {"scale", "X", "PNG chart pixels per logical pixel, e.g. 2 (default 1)"},
        {"dpi", "N", "PNG chart for N dots per inch, e.g. 300: scale N/96, stored in the file"},
        {"no-title", "", "chart without its title line (for a figure with a caption)"}}},
      runExport};
}

}  // namespace stts::cli
