#include "view/overlay_state.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <span>

#include "common/settings.h"

namespace stts::ui {

namespace {

const QString kModeKey = QStringLiteral("overlay/mode");
const QString kOpacityKey = QStringLiteral("overlay/opacity");
const QString kColourMapKey = QStringLiteral("overlay/colourMap");
const QString kMaskStyleKey = QStringLiteral("overlay/maskStyle");
const QString kNormalisationKey = QStringLiteral("overlay/normalisation");
const QString kGridKey = QStringLiteral("overlay/cellGrid");
const QString kBrightnessKey = QStringLiteral("view/brightness");
const QString kContrastKey = QStringLiteral("view/contrast");

QString modeKey(OverlayMode mode) {
  switch (mode) {
    case OverlayMode::Off:
      return QStringLiteral("off");
    case OverlayMode::Mask:
      return QStringLiteral("mask");
    case OverlayMode::Score:
      return QStringLiteral("score");
    case OverlayMode::Diff:
      return QStringLiteral("diff");
  }
  return QStringLiteral("mask");
}

OverlayMode modeFromKey(const QString& key) {
  // Diff needs two runs, which a new session does not have yet: it comes back as the mask.
  for (OverlayMode mode : {OverlayMode::Off, OverlayMode::Mask, OverlayMode::Score}) {
    if (modeKey(mode) == key) return mode;
  }
  return OverlayMode::Mask;
}

float finiteOr(const QVariant& value, float fallback) {
  bool ok = false;
  const float number = value.toFloat(&ok);
  return ok && std::isfinite(number) ? number : fallback;
}

}  // namespace

OverlayState::OverlayState(QObject* parent) : QObject(parent) {
  auto settings = appSettings();
  style_.mode = modeFromKey(settings->value(kModeKey, modeKey(style_.mode)).toString());
  style_.colourMap = colourMapFromKey(settings->value(kColourMapKey).toString());
  style_.opacity =
      std::clamp(finiteOr(settings->value(kOpacityKey), style_.opacity), kMinimumOpacity, 1.0f);
  style_.maskStyle = settings->value(kMaskStyleKey).toString() == QLatin1String("hatch")
                         ? MaskStyle::Hatch
                         : MaskStyle::Dim;
  normalisation_ = settings->value(kNormalisationKey).toString() == QLatin1String("frame")
                       ? ScoreNormalisation::PerFrame
                       : ScoreNormalisation::PerRun;
  style_.showGrid = settings->value(kGridKey, false).toBool();
  style_.brightness =
      std::clamp(finiteOr(settings->value(kBrightnessKey), 0.0f), kMinBrightness, kMaxBrightness);
  style_.contrast =
      std::clamp(finiteOr(settings->value(kContrastKey), 1.0f), kMinContrast, kMaxContrast);
}

void OverlayState::setRun(RunResultPtr run) {
  run_ = std::move(run);
  low_ = 0.0f;
  high_ = 1.0f;
  if (run_) std::tie(low_, high_) = finiteRange(run_->scores);
  emit changed();
}

std::pair<float, float> OverlayState::scoreRange(int index) const {
  if (normalisation_ == ScoreNormalisation::PerFrame && run_ && index >= 0 &&
      run_->scores.size() >= size_t(index + 1) * stts::kCellsPerFrame) {
    return finiteRange(std::span(run_->scores)
                           .subspan(size_t(index) * stts::kCellsPerFrame, stts::kCellsPerFrame));
  }
  return {low_, high_};
}

void OverlayState::setDiffMasks(std::vector<uint8_t> keepA, std::vector<uint8_t> keepB,
                                const QString& nameA, const QString& nameB) {
  if (keepA.empty() || keepB.empty()) {
    clearDiff();
    return;
  }
  diffA_ = std::move(keepA);
  diffB_ = std::move(keepB);
  diffNameA_ = nameA;
  diffNameB_ = nameB;
  emit changed();
}

void OverlayState::clearDiff() {
  if (!hasDiff()) return;
  diffA_.clear();
  diffB_.clear();
  diffNameA_.clear();
  diffNameB_.clear();
  if (style_.mode == OverlayMode::Diff) style_.mode = OverlayMode::Mask;
  emit changed();
}

std::optional<OverlayCells> OverlayState::cellsForFrame(int index) const {
  if (index < 0) return std::nullopt;
  const size_t offset = size_t(index) * stts::kCellsPerFrame;
  const size_t end = offset + stts::kCellsPerFrame;
  std::optional<OverlayCells> cells;
  if (run_ && index < run_->frames && run_->scores.size() >= end && run_->keep.size() >= end) {
    const auto [low, high] = scoreRange(index);
    cells =
        makeOverlayCells(std::span(run_->scores).subspan(offset, stts::kCellsPerFrame),
                         std::span(run_->keep).subspan(offset, stts::kCellsPerFrame), low, high);
    cells->normalisation = normalisation_;
  }
  if (hasDiff() && diffA_.size() >= end && diffB_.size() >= end) {
    if (!cells) cells.emplace();
    setDiffClasses(*cells, std::span(diffA_).subspan(offset, stts::kCellsPerFrame),
                   std::span(diffB_).subspan(offset, stts::kCellsPerFrame));
  }
  return cells;
}

int OverlayState::keptInFrame(int index) const {
  if (!run_ || index < 0 || size_t(index) >= run_->keptPerFrame.size()) return -1;
  return run_->keptPerFrame[size_t(index)];
}

QString OverlayState::modeDisplayName(OverlayMode mode) {
  switch (mode) {
    case OverlayMode::Off:
      return tr("off");
    case OverlayMode::Mask:
      return tr("keep mask");
    case OverlayMode::Score:
      return tr("scores");
    case OverlayMode::Diff:
      return tr("two-run diff");
  }
  return {};
}

QString OverlayState::maskStyleDisplayName(MaskStyle style) {
  return style == MaskStyle::Hatch ? tr("hatched") : tr("dimmed");
}

QString OverlayState::normalisationDisplayName(ScoreNormalisation normalisation) {
  return normalisation == ScoreNormalisation::PerFrame ? tr("per frame") : tr("per run");
}

void OverlayState::setStyle(const OverlayStyle& style, ScoreNormalisation normalisation) {
  if (style == style_ && normalisation == normalisation_) return;
  style_ = style;
  normalisation_ = normalisation;
  saveStyle();
  emit changed();
}

void OverlayState::setMode(OverlayMode mode) {
  if (mode == OverlayMode::Diff && !hasDiff()) return;
  OverlayStyle style = style_;
  style.mode = mode;
  setStyle(style, normalisation_);
}

void OverlayState::cycleMode() {
  switch (style_.mode) {
    case OverlayMode::Off:
      setMode(OverlayMode::Mask);
      break;
    case OverlayMode::Mask:
      setMode(OverlayMode::Score);
      break;
    case OverlayMode::Score:
      setMode(hasDiff() ? OverlayMode::Diff : OverlayMode::Off);
      break;
    case OverlayMode::Diff:
      setMode(OverlayMode::Off);
      break;
  }
}

void OverlayState::setOpacity(float opacity) {
  if (!std::isfinite(opacity)) return;
  // Never fully transparent: an overlay that is "on" but invisible only confuses.
  const float clamped = std::clamp(opacity, kMinimumOpacity, 1.0f);
  if (std::abs(clamped - style_.opacity) < 1e-4f) return;
  OverlayStyle style = style_;
  style.opacity = clamped;
  setStyle(style, normalisation_);
}

void OverlayState::increaseOpacity() {
  // Rounded to the step so repeated presses land on 0.1, 0.2, … instead of drifting.
  setOpacity(std::round((style_.opacity + kOpacityStep) * 10.0f) / 10.0f);
}

void OverlayState::decreaseOpacity() {
  setOpacity(std::round((style_.opacity - kOpacityStep) * 10.0f) / 10.0f);
}

void OverlayState::setColourMap(ColourMap map) {
  OverlayStyle style = style_;
  style.colourMap = map;
  setStyle(style, normalisation_);
}

void OverlayState::setMaskStyle(MaskStyle maskStyle) {
  OverlayStyle style = style_;
  style.maskStyle = maskStyle;
  setStyle(style, normalisation_);
}

void OverlayState::setNormalisation(ScoreNormalisation normalisation) {
  setStyle(style_, normalisation);
}

void OverlayState::setShowGrid(bool show) {
  OverlayStyle style = style_;
  style.showGrid = show;
  setStyle(style, normalisation_);
}

void OverlayState::toggleGrid() {
  setShowGrid(!style_.showGrid);
}

void OverlayState::setBrightness(float brightness) {
  if (!std::isfinite(brightness)) return;
  OverlayStyle style = style_;
  style.brightness = std::clamp(brightness, kMinBrightness, kMaxBrightness);
  setStyle(style, normalisation_);
}

void OverlayState::setContrast(float contrast) {
  if (!std::isfinite(contrast)) return;
  OverlayStyle style = style_;
  style.contrast = std::clamp(contrast, kMinContrast, kMaxContrast);
  setStyle(style, normalisation_);
}

void OverlayState::resetDisplay() {
  OverlayStyle style;
  style.mode = style_.mode;
  setStyle(style, ScoreNormalisation::PerRun);
}

void OverlayState::saveStyle() const {
  auto settings = appSettings();
  settings->setValue(kModeKey, modeKey(style_.mode));
  settings->setValue(kOpacityKey, style_.opacity);
  settings->setValue(kColourMapKey, colourMapKey(style_.colourMap));
  settings->setValue(kMaskStyleKey, style_.maskStyle == MaskStyle::Hatch ? QStringLiteral("hatch")
                                                                         : QStringLiteral("dim"));
  settings->setValue(kNormalisationKey, normalisation_ == ScoreNormalisation::PerFrame
                                            ? QStringLiteral("frame")
                                            : QStringLiteral("run"));
  settings->setValue(kGridKey, style_.showGrid);
  settings->setValue(kBrightnessKey, style_.brightness);
  settings->setValue(kContrastKey, style_.contrast);
}

}  // namespace stts::ui
