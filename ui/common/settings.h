// The application's QSettings, named explicitly so that a test (which sets its own organisation
// or redirects QSettings::setPath) and the real app agree on where settings live.
#pragma once

#include <QSettings>
#include <memory>

namespace stts::ui {

inline std::unique_ptr<QSettings> appSettings() {
  return std::make_unique<QSettings>(QStringLiteral("STTS Lens"), QStringLiteral("stts-lens"));
}

// The frame-memory budget of each opened video or run (Preferences; ui/media/frame_store.h).
inline constexpr int kDefaultFrameMemoryMiB = 1024;
inline constexpr int kMinimumFrameMemoryMiB = 64;
inline constexpr int kMaximumFrameMemoryMiB = 256 * 1024;

inline int savedFrameMemoryMiB() {
  bool ok = false;
  const int mib = appSettings()
                      ->value(QStringLiteral("frames/memoryBudgetMiB"), kDefaultFrameMemoryMiB)
                      .toInt(&ok);
  if (!ok) return kDefaultFrameMemoryMiB;
  return mib < kMinimumFrameMemoryMiB   ? kMinimumFrameMemoryMiB
         : mib > kMaximumFrameMemoryMiB ? kMaximumFrameMemoryMiB
                                        : mib;
}

inline void saveFrameMemoryMiB(int mib) {
  appSettings()->setValue(QStringLiteral("frames/memoryBudgetMiB"), mib);
}

}  // namespace stts::ui
