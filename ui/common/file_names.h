// Pieces of file names every export uses (frames, contact sheets, data, charts, comparisons).
#pragma once

#include <QString>

namespace stts::ui {

// `text` with path separators, characters Windows or shells trip over, control characters and
// white space replaced by '_'; never empty (an empty or all-dot name becomes "export").
QString safeFileNamePart(const QString& text);

// "stts-50": the method and the keep ratio in whole percent; empty without a method.
QString methodTag(const QString& method, double keepRatio);

}  // namespace stts::ui
