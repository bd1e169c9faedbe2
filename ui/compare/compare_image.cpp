#include "compare/compare_image.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <span>

#include "common/sample_numbers.h"
#include "common/time_format.h"
#include "export/export_naming.h"
#include "export/export_render.h"

namespace stts::ui {

namespace {

const QColor kBackground(24, 24, 27);
const QColor kText(228, 228, 234);
const QColor kDimText(170, 170, 178);
constexpr int kLegendHeight = 28;
constexpr int kSwatch = 14;

QFont pixelFont(int pixels, bool bold = false) {
  QFont font;
  font.setPixelSize(pixels);
  font.setBold(bold);
  return font;
}

int answersHeight(const std::vector<ComparisonPane>& panes, int paneWidth) {
  int height = 0;
  for (const ComparisonPane& pane : panes)
    height = std::max(height, wrappedTextHeight(pixelFont(13), paneWidth, pane.answer));
  return height;
}

}  // namespace

QString diffLabel(DiffCell cell, const QString& nameA, const QString& nameB) {
  switch (cell) {
    case DiffCell::KeptByBoth:
      return QCoreApplication::translate("CompareRuns", "kept by both");
    case DiffCell::OnlyA:
      return QCoreApplication::translate("CompareRuns", "only %1").arg(nameA);
    case DiffCell::OnlyB:
      return QCoreApplication::translate("CompareRuns", "only %1").arg(nameB);
    case DiffCell::DroppedByBoth:
      return QCoreApplication::translate("CompareRuns", "dropped by both");
  }
  return {};
}

OverlayCells diffOverlayCells(const OverlayCells& base, const DiffCells& diff) {
  OverlayCells cells = base;
  for (size_t i = 0; i < cells.diff.size(); ++i) cells.diff[i] = uint8_t(diff[i]);
  return cells;
}

QString paneAnswerText(const stts::RunResult& run, int index) {
  const QString answer = run.answer.empty() ? QCoreApplication::translate(
                                                  "CompareRuns", "(no answer: a vision-only run)")
                                            : QString::fromStdString(run.answer);
  return QCoreApplication::translate("CompareRuns", "%1 · %2 answer tokens\n%3")
      .arg(paneLetter(index))
      .arg(run.answerTokens.size())
      .arg(answer);
}

std::vector<ComparisonPane> comparisonPanes(const std::vector<LoadedRunPtr>& runs, int frame,
                                            OverlayMode mode, int diffFirst, int diffSecond) {
  std::vector<ComparisonPane> panes;
  const bool diffMode = mode == OverlayMode::Diff && diffFirst >= 0 && diffSecond >= 0 &&
                        diffFirst < int(runs.size()) && diffSecond < int(runs.size());
  DiffCells diff{};
  if (diffMode)
    diff = diffCells(*runs[size_t(diffFirst)]->run, *runs[size_t(diffSecond)]->run, frame);
  for (int i = 0; i < int(runs.size()); ++i) {
    const LoadedRun& loaded = *runs[size_t(i)];
    const stts::RunResult& run = *loaded.run;
    ComparisonPane pane;
    if (frame >= 0 && frame < int(loaded.video->points.size())) {
      // A figure: the frame at full resolution (decoded again unless the store holds it).
      if (auto image = loaded.video->store->full(frame)) pane.frame = *image;
    }
    const stts::VideoInfo& info = loaded.video->info;
    if (info.displayWidth > 0 && info.displayHeight > 0)
      pane.displaySize = QSize(info.displayWidth, info.displayHeight);
    const size_t offset = size_t(std::max(frame, 0)) * stts::kCellsPerFrame;
    if (frame >= 0 && frame < run.frames && run.scores.size() >= offset + stts::kCellsPerFrame &&
        run.keep.size() >= offset + stts::kCellsPerFrame) {
      const auto [low, high] = finiteRange(run.scores);
      pane.cells =
          makeOverlayCells(std::span(run.scores).subspan(offset, stts::kCellsPerFrame),
                           std::span(run.keep).subspan(offset, stts::kCellsPerFrame), low, high);
    }
    const bool inPair = i == diffFirst || i == diffSecond;
    pane.mode = diffMode ? (inPair ? OverlayMode::Diff : OverlayMode::Mask) : mode;
    if (diffMode && inPair && pane.cells) pane.cells = diffOverlayCells(*pane.cells, diff);
    pane.header = paneHeader(run, i);
    pane.answer = paneAnswerText(run, i);
    panes.push_back(std::move(pane));
  }
  return panes;
}

QString comparisonCaption(const LoadedVideo& video, int frame) {
  const double seconds = frame >= 0 && frame < int(video.points.size())
                             ? video.points[size_t(frame)].requestedTime
                             : 0.0;
  return QCoreApplication::translate("CompareRuns", "%1 · %2 · sample %3 of %4")
      .arg(QFileInfo(video.path).fileName(), formatTimestamp(seconds))
      .arg(sampleNumber(frame))
      .arg(video.points.size());
}

QString comparisonFileName(const std::vector<LoadedRunPtr>& runs, int frame) {
  if (runs.empty()) return QStringLiteral("comparison.png");
  const LoadedVideo& video = *runs.front()->video;
  const double seconds = frame >= 0 && frame < int(video.points.size())
                             ? video.points[size_t(frame)].requestedTime
                             : 0.0;
  QStringList tags;
  for (const LoadedRunPtr& run : runs) {
    tags.append(
        methodTag(QString::fromStdString(run->run->request.method), run->run->request.keepRatio));
  }
  return safeFileNamePart(QStringLiteral("%1_%2_f%3_compare_%4")
                              .arg(QFileInfo(video.path).completeBaseName(),
                                   fileNameTimestamp(seconds),
                                   sampleNumberForFileName(frame, int(video.points.size())))
                              .arg(tags.join(QLatin1Char('_')))) +
         QStringLiteral(".png");
}

QRect comparisonPaneRect(int index, QSize paneSize, bool hasCaption) {
  const int top =
      kComparisonGap + (hasCaption ? kComparisonCaptionHeight : 0) + kComparisonHeaderHeight;
  return {kComparisonGap + index * (paneSize.width() + kComparisonGap), top, paneSize.width(),
          paneSize.height()};
}

QImage composeComparison(const std::vector<ComparisonPane>& panes,
                         const ComparisonImageOptions& options) {
  if (panes.empty()) return {};
  for (const ComparisonPane& pane : panes) {
    if (!pane.frame || pane.frame->width <= 0 || pane.frame->height <= 0) return {};
  }
  const QSize paneSize = panes.front().displaySize.isValid()
                             ? panes.front().displaySize
                             : QSize(panes.front().frame->width, panes.front().frame->height);
  const int count = int(panes.size());
  const bool hasCaption = !options.caption.isEmpty();
  const int width = count * paneSize.width() + (count + 1) * kComparisonGap;
  const QRect lastPane = comparisonPaneRect(0, paneSize, hasCaption);
  int height = lastPane.bottom() + 1 + kComparisonGap;
  const int legendTop = height;
  if (options.diffLegend) height += kLegendHeight + kComparisonGap / 2;
  const int answersTop = height;
  const int answers = options.includeAnswers ? answersHeight(panes, paneSize.width()) : 0;
  if (answers > 0) height += answers + kComparisonGap;

  QImage image(width, height, QImage::Format_RGB32);
  image.fill(kBackground);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::TextAntialiasing);
  if (hasCaption) {
    painter.setFont(pixelFont(15, true));
    painter.setPen(kText);
    painter.drawText(
        QRect(kComparisonGap, kComparisonGap, width - 2 * kComparisonGap, kComparisonCaptionHeight),
        Qt::AlignLeft | Qt::AlignTop, options.caption);
  }
  for (int i = 0; i < count; ++i) {
    const ComparisonPane& pane = panes[size_t(i)];
    const QRect rect = comparisonPaneRect(i, paneSize, hasCaption);
    painter.setFont(pixelFont(12, true));
    painter.setPen(kText);
    painter.drawText(QRect(rect.left(), rect.top() - kComparisonHeaderHeight, rect.width(),
                           kComparisonHeaderHeight - 4),
                     Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap, pane.header);
    OverlayStyle style = options.style;
    style.mode = pane.mode;
    QImage picture =
        compositeFrame(*pane.frame, pane.cells ? &*pane.cells : nullptr, style, paneSize);
    // Each pane's scores are normalised over its own run, so each gets its own colour bar.
    if (pane.mode == OverlayMode::Score && pane.cells) {
      drawOverlayLegend(picture, style, *pane.cells, {options.diffNameA, options.diffNameB});
    }
    painter.drawImage(rect.topLeft(), picture);
    if (answers > 0) {
      painter.setFont(pixelFont(13));
      painter.setPen(kDimText);
      drawWrappedText(painter, QRect(rect.left(), answersTop, rect.width(), answers), pane.answer);
    }
  }
  if (options.diffLegend) {
    painter.setFont(pixelFont(13));
    int x = kComparisonGap;
    for (DiffCell cell :
         {DiffCell::KeptByBoth, DiffCell::OnlyA, DiffCell::OnlyB, DiffCell::DroppedByBoth}) {
      const QRect swatch(x, legendTop + (kLegendHeight - kSwatch) / 2, kSwatch, kSwatch);
      // The swatch is the composite of mid-grey, so it matches the panes at the chosen opacity.
      OverlayStyle style = options.style;
      style.mode = OverlayMode::Diff;
      const QRgb swatchColour = compositePixel(qRgb(160, 160, 160), 0, false, uint8_t(cell),
                                               cell == DiffCell::DroppedByBoth, style);
      painter.fillRect(swatch, QColor::fromRgb(swatchColour));
      painter.setPen(kDimText);
      painter.drawRect(swatch.adjusted(0, 0, -1, -1));
      painter.setPen(kText);
      const QString label = diffLabel(cell, options.diffNameA, options.diffNameB);
      const int textWidth = painter.fontMetrics().horizontalAdvance(label);
      painter.drawText(QRect(x + kSwatch + 6, legendTop, textWidth + 4, kLegendHeight),
                       Qt::AlignLeft | Qt::AlignVCenter, label);
      x += kSwatch + 6 + textWidth + 20;
    }
  }
  painter.end();
  return image;
}

}  // namespace stts::ui
