#include "compare/compare_answers.h"

#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QTextOption>

namespace stts::ui {

CompareAnswers::CompareAnswers(QWidget* parent) : QWidget(parent) {
  row_ = new QHBoxLayout(this);
  row_->setContentsMargins(0, 0, 0, 0);
  row_->setSpacing(8);
}

void CompareAnswers::setAnswers(const QStringList& texts) {
  for (QPlainTextEdit* box : boxes_) delete box;
  boxes_.clear();
  for (int i = 0; i < texts.size(); ++i) {
    auto* box = new QPlainTextEdit(this);
    box->setObjectName(QStringLiteral("compareAnswer%1").arg(i));
    box->setReadOnly(true);
    box->setPlainText(texts[i]);  // a model's answer is never markup
    box->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    box->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    box->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Selectable with the mouse, but never the keyboard focus: the comparison's keys (Space,
    // arrows) must keep reaching the panes.
    box->setFocusPolicy(Qt::NoFocus);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->setMinimumWidth(80);
    row_->addWidget(box, 1);
    boxes_.push_back(box);
  }
}

QString CompareAnswers::answer(int index) const {
  const QPlainTextEdit* edit = box(index);
  return edit ? edit->toPlainText() : QString();
}

QPlainTextEdit* CompareAnswers::box(int index) const {
  return index >= 0 && index < count() ? boxes_[size_t(index)] : nullptr;
}

}  // namespace stts::ui
