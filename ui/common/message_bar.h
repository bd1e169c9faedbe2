// An inline, non-modal message strip at the top of the window. Errors are shown here rather than
// in a QMessageBox so they never block the user (or a test) and stay readable while working.
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace stts::ui {

class MessageBar : public QFrame {
  Q_OBJECT

 public:
  explicit MessageBar(QWidget* parent = nullptr);

  // `topic` names what the error is about (e.g. "ask"), so the part that can tell when it is fixed
  // can take it down with dismiss(topic) without hiding someone else's message.
  void showError(const QString& text, const QString& topic = {});
  void dismiss();
  void dismiss(const QString& topic);
  QString text() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QLabel* icon_ = nullptr;
  QLabel* label_ = nullptr;
  QToolButton* closeButton_ = nullptr;
  QString topic_;
};

}  // namespace stts::ui
