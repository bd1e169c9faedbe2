#include "panels/answer_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/model_folder.h"

namespace stts::ui {

AnswerPanel::AnswerPanel(QWidget* parent) : QDockWidget(parent) {
  setObjectName(QStringLiteral("answerPanel"));  // saveState() keys on the name
  auto* body = new QWidget(this);
  auto* layout = new QVBoxLayout(body);
  layout->setContentsMargins(4, 4, 4, 4);
  demo_ = new QLabel(body);
  demo_->setObjectName(QStringLiteral("answerDemoLabel"));
  demo_->setWordWrap(true);
  demo_->setStyleSheet(QStringLiteral("color: #d08000; font-weight: bold;"));
  demo_->hide();
  answer_ = new QPlainTextEdit(body);
  answer_->setObjectName(QStringLiteral("answerText"));
  answer_->setReadOnly(true);  // read-only still selects and copies (Ctrl+C, context menu)
  answer_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  auto* footer = new QHBoxLayout;
  details_ = new QLabel(body);
  details_->setObjectName(QStringLiteral("answerDetails"));
  details_->setWordWrap(true);
  copy_ = new QPushButton(body);
  copy_->setFocusPolicy(Qt::NoFocus);
  footer->addWidget(details_, 1);
  footer->addWidget(copy_);
  layout->addWidget(demo_);
  layout->addWidget(answer_, 1);
  layout->addLayout(footer);
  setWidget(body);
  connect(copy_, &QPushButton::clicked, this,
          [this] { QApplication::clipboard()->setText(answer_->toPlainText()); });
  retranslate();
  updateDetails();
}

QString AnswerPanel::answerText() const {
  return answer_->toPlainText();
}

void AnswerPanel::setRun(LoadedRunPtr run) {
  run_ = std::move(run);
  streaming_ = false;
  answer_->setPlainText(run_ ? QString::fromStdString(run_->run->answer) : QString());
  demo_->setVisible(run_ && isDemoModelFolder(QFile::decodeName(
                                QByteArray::fromStdString(run_->run->request.modelPath))));
  updateDetails();
}

void AnswerPanel::showStreaming(const QString& textSoFar, const QString& modelFolder) {
  streaming_ = true;
  if (answer_->toPlainText() != textSoFar) {
    // Appending keeps a selection the user is making in the text above.
    const QString shown = answer_->toPlainText();
    if (!shown.isEmpty() && textSoFar.startsWith(shown)) {
      answer_->moveCursor(QTextCursor::End);
      answer_->insertPlainText(textSoFar.mid(shown.size()));
    } else {
      answer_->setPlainText(textSoFar);
    }
  }
  demo_->setVisible(isDemoModelFolder(modelFolder));
  updateDetails();
}

void AnswerPanel::updateDetails() {
  copy_->setEnabled(!answer_->toPlainText().isEmpty());
  if (streaming_) {
    details_->setText(tr("Generating…"));
    return;
  }
  if (!run_) {
    answer_->setPlaceholderText(tr("No run yet: ask a question in the Ask panel or open a run."));
    details_->clear();
    return;
  }
  const stts::RunResult& run = *run_->run;
  const QLocale locale;
  const QString how = tr("%1, keep %2")
                          .arg(QString::fromStdString(run.request.method))
                          .arg(locale.toString(run.request.keepRatio, 'f', 2));
  if (run.request.question.empty() && run.answer.empty()) {
    answer_->setPlaceholderText(tr("This run has no answer: it scored the frames only."));
    details_->setText(how);
    return;
  }
  details_->setText(tr("%1 prompt tokens · %2 answer tokens · %3")
                        .arg(run.promptTokens)
                        .arg(run.answerTokens.size())
                        .arg(how));
  details_->setToolTip(tr("Question: %1").arg(QString::fromStdString(run.request.question)));
}

void AnswerPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    updateDetails();
  }
  QDockWidget::changeEvent(event);
}

void AnswerPanel::retranslate() {
  setWindowTitle(tr("Answer"));
  demo_->setText(tr("Demo model: answers are not meaningful"));
  copy_->setText(tr("Copy"));
  answer_->setAccessibleName(tr("Answer"));
}

}  // namespace stts::ui
