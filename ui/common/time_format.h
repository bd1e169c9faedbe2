// Time stamps as the timeline and status bar show them (ux.md §3): HH:MM:SS.mmm.
#pragma once

#include <QString>

namespace stts::ui {

// Rounds to the nearest millisecond; negative and non-finite inputs show as 00:00:00.000
// because a sampled time before the stream start is meaningless to a user.
QString formatTimestamp(double seconds);

}  // namespace stts::ui
