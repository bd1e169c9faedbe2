#include "view/overlay_state.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "main/settings.h"

namespace stts::ui {

namespace {

const QString kModeKey = QStringLiteral("overlay/mode");
const QString kOpacityKey = QStringLiteral("overlay/opacity");
const QString kColourMapKey = QStringLiteral("overlay/colourMap");

QString modeKey(OverlayMode mode) {
  switch (mode) {
    case OverlayMode::Off:
      return QStringLiteral("off");
    case OverlayMode::Mask:
      return QStringLiteral("mask");
    case OverlayMode::Score:
      return QStringLiteral("score");
  }
  return QStringLiteral("mask");
}

OverlayMode modeFromKey(const QString& key) {
  for (int i = 0; i < kOverlayModeCount; ++i) {
    if (modeKey(OverlayMode(i)) == key) return OverlayMode(i);
  }
  return OverlayMode::Mask;
}

}  // namespace

OverlayState::OverlayState(QObject* parent) : QObject(parent) {
  auto settings = appSettings();
  style_.mode = modeFromKey(settings->value(kModeKey, modeKey(style_.mode)).toString());
  style_.colourMap = colourMapFromKey(settings->value(kColourMapKey).toString());
  const float opacity = settings->value(kOpacityKey, style_.opacity).toFloat();
  if (std::isfinite(opacity)) style_.opacity = std::clamp(opacity, kMinimumOpacity, 1.0f);
}

void OverlayState::setRun(RunResultPtr run) {
  run_ = std::move(run);
  low_ = 0.0f;
  high_ = 1.0f;
  if (run_) {
    float low = std::numeric_limits<float>::infinity();
    float high = -std::numeric_limits<float>::infinity();
    for (float score : run_->scores) {
      if (!std::isfinite(score)) continue;
      low = std::min(low, score);
      high = std::max(high, score);
    }
    if (low <= high) {
      low_ = low;
      high_ = high;
    }
  }
  emit changed();
}

std::optional<OverlayCells> OverlayState::cellsForFrame(int index) const {
  if (!run_ || index < 0 || index >= run_->frames) return std::nullopt;
  const size_t offset = size_t(index) * stts::kCellsPerFrame;
  if (run_->scores.size() < offset + stts::kCellsPerFrame ||
      run_->keep.size() < offset + stts::kCellsPerFrame) {
    return std::nullopt;
  }
  return makeOverlayCells(std::span(run_->scores).subspan(offset, stts::kCellsPerFrame),
                          std::span(run_->keep).subspan(offset, stts::kCellsPerFrame), low_, high_);
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
  }
  return {};
}

void OverlayState::setMode(OverlayMode mode) {
  if (mode == style_.mode) return;
  style_.mode = mode;
  saveStyle();
  emit changed();
}

void OverlayState::cycleMode() {
  setMode(OverlayMode((int(style_.mode) + 1) % kOverlayModeCount));
}

void OverlayState::setOpacity(float opacity) {
  if (!std::isfinite(opacity)) return;
  // Never fully transparent: an overlay that is "on" but invisible only confuses.
  const float clamped = std::clamp(opacity, kMinimumOpacity, 1.0f);
  if (std::abs(clamped - style_.opacity) < 1e-4f) return;
  style_.opacity = clamped;
  saveStyle();
  emit changed();
}

void OverlayState::increaseOpacity() {
  // Rounded to the step so repeated presses land on 0.1, 0.2, … instead of drifting.
  setOpacity(std::round((style_.opacity + kOpacityStep) * 10.0f) / 10.0f);
}

void OverlayState::decreaseOpacity() {
  setOpacity(std::round((style_.opacity - kOpacityStep) * 10.0f) / 10.0f);
}

void OverlayState::setColourMap(ColourMap map) {
  if (map == style_.colourMap) return;
  style_.colourMap = map;
  saveStyle();
  emit changed();
}

void OverlayState::saveStyle() const {
  auto settings = appSettings();
  settings->setValue(kModeKey, modeKey(style_.mode));
  settings->setValue(kOpacityKey, style_.opacity);
  settings->setValue(kColourMapKey, colourMapKey(style_.colourMap));
}

}  // namespace stts::ui
