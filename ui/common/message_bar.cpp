#include "common/message_bar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace stts::ui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("messageBar"));
  setAutoFillBackground(true);
  // A fixed warm red reads as "error" on both light and dark palettes.
  setStyleSheet(QStringLiteral(
      "#messageBar { background: #5c1f24; border: 1px solid #8a2f36; border-radius: 4px; }"
      "#messageBar QLabel { color: #f4e3e4; }"));

  icon_ = new QLabel(this);
  const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
  icon_->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize));

  label_ = new QLabel(this);
  label_->setWordWrap(true);
  label_->setTextFormat(Qt::PlainText);  // engine messages may contain '<' in file names
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  label_->setObjectName(QStringLiteral("messageText"));

  closeButton_ = new QToolButton(this);
  closeButton_->setAutoRaise(true);
  closeButton_->setFocusPolicy(Qt::NoFocus);   // must never eat Space or arrows
  closeButton_->setText(QStringLiteral("✕"));  // the style's title-bar icon looks boxed here
  connect(closeButton_, &QToolButton::clicked, this, [this] { dismiss(); });

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(10, 6, 6, 6);
  layout->addWidget(icon_, 0, Qt::AlignTop);
  layout->addWidget(label_, 1);
  layout->addWidget(closeButton_, 0, Qt::AlignTop);

  retranslate();
  hide();
}

void MessageBar::showError(const QString& text, const QString& topic) {
  label_->setText(text);
  topic_ = topic;
  show();
}

void MessageBar::dismiss() {
  label_->clear();
  topic_.clear();
  hide();
}

void MessageBar::dismiss(const QString& topic) {
  if (!isHidden() && topic_ == topic) dismiss();
}

QString MessageBar::text() const {
  return label_->text();
}

void MessageBar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QFrame::changeEvent(event);
}

void MessageBar::retranslate() {
  closeButton_->setToolTip(tr("Dismiss"));
}

}  // namespace stts::ui
