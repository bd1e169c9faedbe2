// The translation context of the export code's messages ("Export"), usable from free functions
// and found by lupdate: ExportText::tr("…").
#pragma once

#include <QCoreApplication>

namespace stts::ui {

struct ExportText {
  Q_DECLARE_TR_FUNCTIONS(Export)
};

}  // namespace stts::ui
