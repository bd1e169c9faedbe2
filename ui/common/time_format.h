// Time stamps as the timeline and status bar show them (ux.md §3): HH:MM:SS.mmm; measured
// numbers in the user's language.
#pragma once

#include <QString>

namespace stts::ui {

// Rounds to the nearest millisecond; negative and non-finite inputs show as 00:00:00.000
// because a sampled time before the stream start is meaningless to a user.
QString formatTimestamp(double seconds);

// A measured number in the user's language ("23824,7" in German), without group separators so
// chart labels stay short: the decimal separator is what readers trip over.
QString formatNumber(double value, int decimals);

}  // namespace stts::ui
