// The Data panel (issue 5, item 6): the numbers behind the pictures. One row per sampled frame
// (index, requested time, raw frame number, kept cells, keep %), and above it the run's vision
// tokens before and after pruning, peak memory, and which model and video it came from. Clicking a
// row shows that frame; the current frame's row follows the playhead.
#pragma once

#include <QDockWidget>

#include "media/loaded_media.h"

class QLabel;
class QTableWidget;

namespace stts::ui {

class FrameNavigator;

class DataPanel : public QDockWidget {
  Q_OBJECT

 public:
  explicit DataPanel(FrameNavigator* navigator, QWidget* parent = nullptr);

  // The frames on screen and, when one is open, the run made from them.
  void setContent(LoadedVideoPtr video, LoadedRunPtr run);

  enum Column { IndexColumn, TimeColumn, FrameColumn, KeptColumn, KeepPercentColumn, ColumnCount };

  // The parts, for tests.
  QTableWidget* table() const { return table_; }
  QLabel* summaryLabel() const { return summary_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void rebuild();
  void retranslate();
  void followPlayhead(int index);
  QString summaryText() const;

  FrameNavigator* navigator_;
  LoadedVideoPtr video_;
  LoadedRunPtr run_;
  QLabel* summary_ = nullptr;
  QTableWidget* table_ = nullptr;
};

}  // namespace stts::ui
