// Runs for the comparison tests (ux.md §5), built in the tests with known keep masks, a colour
// per run and frame, and stage timings, saved with stts::saveRunFile with their frames stored so no
// video is needed; and the checks both comparison test files share.
#pragma once

#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QString>
#include <QStringList>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "compare/compare_image.h"
#include "compare/compare_window.h"
#include "gui_test_support.h"
#include "stts/runfile.h"

namespace stts::ui::test::compare {

constexpr int kFrames = 4;
constexpr int kInput = 378;  // stored model inputs are 378 x 378
constexpr int kDisplayWidth = 320;
constexpr int kDisplayHeight = 240;
constexpr double kSplit = 0.4;  // the picture is light left of 40 % of its width, darker right

// Run r, frame f: a colour of its own, so a pixel tells which run and which frame it shows.
inline QColor leftColour(int run, int frame) {
  return QColor(60 + 60 * run, 40 + 50 * frame, 200 - 40 * run);
}
inline QColor rightColour(int run, int frame) {
  const QColor left = leftColour(run, frame);
  return QColor(left.red() / 2, left.green() / 2, left.blue() / 2);
}

// Keep masks with a known diff: run 0 keeps every third cell (shifted by the frame), run 1 every
// other cell, run 2 the top rows (more of them in later frames), run 3 everything.
inline bool kept(int run, int frame, int cell) {
  switch (run) {
    case 0:
      return (cell + frame) % 3 == 0;
    case 1:
      return cell % 2 == 0;
    case 2:
      return cell / stts::kCellGrid <= frame + 1;
    default:
      return true;
  }
}

struct RunSpec {
  std::string method = "stts";
  double keepRatio = 0.5;
  std::string video = "/nonexistent/stts-compare-clip.mp4";
  double timeStep = 0.5;
  std::vector<stts::StageTiming> timings;
  std::string answer;
  int answerTokens = 0;
};

inline stts::RunResult makeRun(int index, const RunSpec& spec) {
  stts::RunResult run;
  run.request.videoPath = spec.video;
  run.request.method = spec.method;
  run.request.keepRatio = spec.keepRatio;
  run.video.path = spec.video;
  run.video.displayWidth = kDisplayWidth;
  run.video.displayHeight = kDisplayHeight;
  run.video.codedWidth = kDisplayWidth;
  run.video.codedHeight = kDisplayHeight;
  run.video.duration = 2.0;
  run.frames = kFrames;
  for (int f = 0; f < kFrames; ++f) {
    run.frameTime.push_back(f * spec.timeStep);
    run.framePts.push_back(f * 100);
    run.frameNumber.push_back(f * 12);
    int count = 0;
    for (int c = 0; c < stts::kCellsPerFrame; ++c) {
      run.scores.push_back(float(c) / 80.0f);
      run.keep.push_back(kept(index, f, c) ? 1 : 0);
      count += kept(index, f, c) ? 1 : 0;
    }
    run.keptPerFrame.push_back(count);
    run.visionTokensAfter += count;
  }
  run.visionTokensBefore = int64_t(stts::kCellsPerFrame) * kFrames;
  run.inputWidth = kInput;
  run.inputHeight = kInput;
  run.inputFrames.reserve(size_t(kFrames) * kInput * kInput * 3);
  for (int f = 0; f < kFrames; ++f) {
    for (int y = 0; y < kInput; ++y) {
      for (int x = 0; x < kInput; ++x) {
        const QColor colour = x < kSplit * kInput ? leftColour(index, f) : rightColour(index, f);
        run.inputFrames.push_back(uint8_t(colour.red()));
        run.inputFrames.push_back(uint8_t(colour.green()));
        run.inputFrames.push_back(uint8_t(colour.blue()));
      }
    }
  }
  run.timings = spec.timings;
  run.answer = spec.answer;
  for (int t = 0; t < spec.answerTokens; ++t) run.answerTokens.push_back(100 + t);
  return run;
}

// IoU of the kept cells of two runs in one frame, counted here from the masks above.
inline double expectedIoU(int a, int b, int frame) {
  int both = 0;
  int either = 0;
  for (int c = 0; c < stts::kCellsPerFrame; ++c) {
    both += kept(a, frame, c) && kept(b, frame, c);
    either += kept(a, frame, c) || kept(b, frame, c);
  }
  return either == 0 ? 1.0 : double(both) / either;
}

inline QColor diffTint(bool inA, bool inB) {
  if (inA && inB) return QColor(64, 200, 120);
  if (inA) return QColor(255, 150, 20);
  return QColor(40, 140, 255);
}

// What the diff overlay should make of `base`, from the definition: tinted by the class colour at
// the overlay's opacity, or dimmed to 25 % at full opacity where both runs dropped the cell.
inline QColor expectedDiffPixel(QColor base, bool inA, bool inB, float opacity) {
  if (!inA && !inB) {
    const double factor = 1.0 + (0.25 - 1.0) * opacity;
    return QColor(int(base.red() * factor), int(base.green() * factor), int(base.blue() * factor));
  }
  const QColor tint = diffTint(inA, inB);
  auto mix = [opacity](int x, int t) { return int(std::lround(x + (t - x) * opacity)); };
  return QColor(mix(base.red(), tint.red()), mix(base.green(), tint.green()),
                mix(base.blue(), tint.blue()));
}

inline int channelDiff(QColor a, QColor b) {
  return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()),
                   std::abs(a.blue() - b.blue())});
}

// The centre of cell (row, column) in a rectangle showing the whole picture.
inline QPointF cellCentre(const QRectF& frame, int row, int column) {
  return {frame.left() + (column + 0.5) * frame.width() / stts::kCellGrid,
          frame.top() + (row + 0.5) * frame.height() / stts::kCellGrid};
}

inline QColor pixelAt(const QImage& image, QPointF point) {
  const QPointF p = point * image.devicePixelRatio();
  return image.pixelColor(int(p.x()), int(p.y()));
}

// Cells well inside the light (left) part of the picture: columns 0–2 span 0–33 % of the width.
constexpr int kLightColumns = 3;

// The run files every comparison test uses: three runs that match (stts 50 %, none 100 %,
// evs 50 %), one sampled at other times and one of another video.
struct CompareRunFiles {
  QStringList matching;
  QString otherSampling;
  QString otherVideo;
};

inline QString saveRun(const QString& directory, int index, const RunSpec& spec,
                       QString name = {}) {
  if (name.isEmpty()) name = QStringLiteral("run%1.sttsrun").arg(index);
  const QString path = QDir(directory).filePath(name);
  auto saved = stts::saveRunFile(path.toStdString(), makeRun(index, spec));
  if (!saved) qWarning("%s", saved.error().message.c_str());
  return path;
}

inline CompareRunFiles saveCompareRuns(const QString& directory) {
  CompareRunFiles files;
  RunSpec a;
  a.timings = {
      {"decode", 10.0, "cpu", 0}, {"vit_pre", 20.0, "cpu", 0}, {"prefill", 30.0, "cpu", 0}};
  a.answer = "A red square.";
  a.answerTokens = 5;
  RunSpec b;
  b.method = "none";
  b.keepRatio = 1.0;
  b.timings = {{"decode", 12.0, "cpu", 0}, {"prefill", 50.0, "cpu", 0}};
  b.answer = "A square that is red.";
  b.answerTokens = 7;
  RunSpec c;
  c.method = "evs";
  c.timings = {{"decode", 8.0, "cpu", 0}, {"select", 4.0, "cpu", 0}};
  for (int i = 0; i < 3; ++i)
    files.matching.append(saveRun(directory, i, std::vector<RunSpec>{a, b, c}[size_t(i)]));
  RunSpec otherSampling;
  otherSampling.timeStep = 0.4;
  files.otherSampling =
      saveRun(directory, 3, otherSampling, QStringLiteral("other-sampling.sttsrun"));
  RunSpec otherVideo;
  otherVideo.video = "/nonexistent/another-clip.mp4";
  files.otherVideo = saveRun(directory, 3, otherVideo, QStringLiteral("other-video.sttsrun"));
  return files;
}

// A comparison window of `paths`, loaded and shown active; null (with a warning) when it did not
// open.
inline std::unique_ptr<CompareWindow> openCompareWindow(const QStringList& paths) {
  auto window = std::make_unique<CompareWindow>();
  window->resize(1400, 900);
  QSignalSpy loaded(window.get(), &CompareWindow::loaded);
  QSignalSpy refused(window.get(), &CompareWindow::refused);
  window->openRuns(paths);
  if (!QTest::qWaitFor([&] { return loaded.count() + refused.count() > 0; }, 60000) ||
      refused.count() > 0) {
    qWarning("comparison did not open: %s", qPrintable(window->problem()));
    return nullptr;
  }
  if (!showActive(*window)) return nullptr;
  return window;
}

// `panes` panes side by side at the video's display size, each showing frame `frameIndex` of
// its own run (overlay off), or the diff of runs 0 and 1 in the first two.
inline void verifyExportedPanes(const QImage& image, int panes, int frameIndex, bool diff,
                                float opacity) {
  QVERIFY(!image.isNull());
  QCOMPARE(image.width(), panes * kDisplayWidth + (panes + 1) * kComparisonGap);
  const QSize size(kDisplayWidth, kDisplayHeight);
  for (int p = 0; p < panes; ++p) {
    const QRect rect = comparisonPaneRect(p, size, true);
    QVERIFY(rect.bottom() < image.height());
    if (!diff) {
      QVERIFY(colourNear(image.pixelColor(rect.left() + int(0.2 * rect.width()), rect.center().y()),
                         leftColour(p, frameIndex), 3));
      QVERIFY(colourNear(image.pixelColor(rect.left() + int(0.7 * rect.width()), rect.center().y()),
                         rightColour(p, frameIndex), 3));
      continue;
    }
    for (int row = 0; row < stts::kCellGrid; ++row) {
      for (int column = 0; column < kLightColumns; ++column) {
        const int cell = row * stts::kCellGrid + column;
        const QPointF centre = cellCentre(QRectF(rect), row, column);
        const QColor actual = image.pixelColor(int(centre.x()), int(centre.y()));
        const bool inA = kept(0, frameIndex, cell);
        const bool inB = kept(1, frameIndex, cell);
        // The pair shows the diff; other panes their own keep mask (dropped cells dimmed).
        const QColor expected =
            p < 2 ? expectedDiffPixel(leftColour(p, frameIndex), inA, inB, opacity)
            : kept(p, frameIndex, cell)
                ? leftColour(p, frameIndex)
                : expectedDiffPixel(leftColour(p, frameIndex), false, false, opacity);
        QVERIFY2(channelDiff(actual, expected) <= 3,
                 qPrintable(QStringLiteral("pane %1 cell (%2, %3): %4, expected %5")
                                .arg(p)
                                .arg(row)
                                .arg(column)
                                .arg(describe(actual), describe(expected))));
      }
    }
  }
}

}  // namespace stts::ui::test::compare
