// The Answer panel (issue 5, item 6): the current run's answer as selectable, copyable text with
// its prompt and answer token counts, method and keep ratio, and a warning when the model is a
// demo model whose answers mean nothing. While the Ask panel generates, the text streams in.
#pragma once

#include <QDockWidget>

#include "media/loaded_media.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace stts::ui {

class AnswerPanel : public QDockWidget {
  Q_OBJECT

 public:
  explicit AnswerPanel(QWidget* parent = nullptr);

  // The run on screen (null: none).
  void setRun(LoadedRunPtr run);
  // Text being generated right now; `modelFolder` decides the demo note. setRun ends streaming.
  void showStreaming(const QString& textSoFar, const QString& modelFolder);

  QString answerText() const;
  bool isStreaming() const { return streaming_; }

  // The parts, for tests.
  QPlainTextEdit* answerBox() const { return answer_; }
  QLabel* detailsLabel() const { return details_; }
  QLabel* demoLabel() const { return demo_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateDetails();

  LoadedRunPtr run_;
  bool streaming_ = false;
  QLabel* details_ = nullptr;
  QLabel* demo_ = nullptr;
  QPlainTextEdit* answer_ = nullptr;
  QPushButton* copy_ = nullptr;
};

}  // namespace stts::ui
