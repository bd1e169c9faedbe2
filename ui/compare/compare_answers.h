// The runs' answers under the comparison's panes: one read-only box per run, side by side, each
// wrapping inside its own width — at word boundaries, or inside a long run of characters without
// spaces (a model's answer can be one) — and scrolling on its own when the answer is long.
#pragma once

#include <QStringList>
#include <QWidget>
#include <vector>

class QHBoxLayout;
class QPlainTextEdit;

namespace stts::ui {

class CompareAnswers : public QWidget {
  Q_OBJECT

 public:
  explicit CompareAnswers(QWidget* parent = nullptr);

  // One box per text, in pane order; replaces what was there.
  void setAnswers(const QStringList& texts);
  int count() const { return int(boxes_.size()); }
  QString answer(int index) const;
  QPlainTextEdit* box(int index) const;

 private:
  QHBoxLayout* row_ = nullptr;
  std::vector<QPlainTextEdit*> boxes_;
};

}  // namespace stts::ui
