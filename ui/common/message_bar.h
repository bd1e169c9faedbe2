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

  void showError(const QString& text);
  void dismiss();
  QString text() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QLabel* icon_ = nullptr;
  QLabel* label_ = nullptr;
  QToolButton* closeButton_ = nullptr;
};

}  // namespace stts::ui
