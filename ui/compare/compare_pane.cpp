#include "compare/compare_pane.h"

#include <QLabel>
#include <QVBoxLayout>

#include "view/frame_view.h"

namespace stts::ui {

ComparePane::ComparePane(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  header_ = new QLabel(this);
  header_->setObjectName(QStringLiteral("paneHeader"));
  header_->setTextFormat(Qt::PlainText);
  // One line in every pane, so all views get the same size and one zoom / pan shows the same
  // part of the picture everywhere; the full text is in the tooltip.
  header_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
  header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  view_ = new FrameView(this);
  layout->addWidget(header_);
  layout->addWidget(view_, 1);
}

void ComparePane::setHeaderText(const QString& text) {
  header_->setText(text);
  header_->setToolTip(text);
  view_->setAccessibleName(text);
}

}  // namespace stts::ui
