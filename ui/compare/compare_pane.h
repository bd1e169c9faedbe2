// One pane of the comparison: a header (method, keep %, vision tokens after, answer tokens) over
// a FrameView that shows one run's frame with its overlay (the diff included: the view draws it).
#pragma once

#include <QWidget>

class QLabel;

namespace stts::ui {

class FrameView;

class ComparePane : public QWidget {
  Q_OBJECT

 public:
  explicit ComparePane(QWidget* parent = nullptr);

  FrameView* view() const { return view_; }
  QLabel* header() const { return header_; }

  void setHeaderText(const QString& text);

 private:
  QLabel* header_ = nullptr;
  FrameView* view_ = nullptr;
};

}  // namespace stts::ui
