// Pieces of file names every export uses (frames, contact sheets, data, charts, comparisons).
#pragma once

#include <QString>

namespace stts::ui {

// `text` with path separators, characters Windows or shells trip over, control characters and
// white space replaced by '_'; never empty (an empty or all-dot name becomes "export").
QString safeFileNamePart(const QString& text);

// "stts-50": the method and the keep ratio in whole percent; empty without a method.
QString methodTag(const QString& method, double keepRatio);

// The file-safe base name of `videoPath` ("frames" without one).
QString videoFileStem(const QString& videoPath);

// `stem`, then "_" and methodTag() when there is a method: "demo_stts-50".
QString withMethodTag(const QString& stem, const QString& method, double keepRatio);

}  // namespace stts::ui
