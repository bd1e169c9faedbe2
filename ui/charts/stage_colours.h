// One colour per pipeline stage (design.md §4), shared by the Timing dock and the comparison
// window's chart, so a stage looks the same in every chart of every run: the vision stages in
// blues and greens, the language stages in oranges.
#pragma once

#include <QColor>
#include <QString>

namespace stts::ui {

// `position` (the stage's place in the run) picks a colour for a stage name we do not know.
QColor stageColour(const QString& stage, int position);

}  // namespace stts::ui
