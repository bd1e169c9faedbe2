// The application's look: Fusion with a dark palette, so the frame (the thing users study) is the
// brightest object on screen, as in video editors.
#pragma once

class QApplication;
class QIcon;

namespace stts::ui {

void applyApplicationStyle(QApplication& app);

// The app icon: the bundled SVG when Qt can read SVG, else the same design painted in code.
QIcon applicationIcon();

}  // namespace stts::ui
