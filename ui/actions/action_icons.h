// Icons for the actions that have one, drawn with QPainter in the palette's text colour. Qt's
// built-in media icons are dark bitmaps that vanish on the dark theme, and the Qt SVG module is
// not a dependency, so the few glyphs we need are vector-drawn here.
#pragma once

#include <QColor>
#include <QIcon>

#include "actions/action_registry.h"

namespace stts::ui {

// A null icon for actions that appear only in menus.
QIcon actionIcon(ActionId id, const QColor& colour);
// The play/pause action shows pause while playing.
QIcon pauseIcon(const QColor& colour);

}  // namespace stts::ui
