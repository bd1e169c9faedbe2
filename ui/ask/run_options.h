// The Ask panel's less common run options, as `stts run` has them: the budget policy (every
// method keeps the cells STTS keeps, or each its own count), where EVS and VidCom2 read their
// features, FastV's layer and the random method's seed. Each control is enabled only for the
// methods it affects, and all of them are remembered across restarts.
#pragma once

#include <QGroupBox>

#include "stts/run_result.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace stts::ui {

class RunOptionsBox : public QGroupBox {
  Q_OBJECT

 public:
  explicit RunOptionsBox(QWidget* parent = nullptr);

  // Enables what `method` (a stts/methods.h name) uses.
  void followMethod(const QString& method);
  // Writes the options into `request` and remembers them.
  void applyTo(stts::RunRequest& request) const;

  QComboBox* budgetBox() const { return budget_; }
  QComboBox* tapBox() const { return tap_; }
  QSpinBox* fastvLayerBox() const { return fastvLayer_; }
  QSpinBox* seedBox() const { return seed_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QLabel* budgetLabel_ = nullptr;
  QComboBox* budget_ = nullptr;
  QLabel* tapLabel_ = nullptr;
  QComboBox* tap_ = nullptr;
  QLabel* fastvLabel_ = nullptr;
  QSpinBox* fastvLayer_ = nullptr;
  QLabel* seedLabel_ = nullptr;
  QSpinBox* seed_ = nullptr;
};

}  // namespace stts::ui
