// The Display dock: every choice about how the frame and its overlay are drawn (overlay mode,
// colour map, opacity, mask style, score normalisation, cell grid, brightness, contrast) in one
// place. It edits the OverlayState and follows it, so keys, menus and the panel always agree.
#pragma once

#include <QDockWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace stts::ui {

class OverlayState;

class DisplayPanel : public QDockWidget {
  Q_OBJECT

 public:
  explicit DisplayPanel(OverlayState* overlay, QWidget* parent = nullptr);

  QComboBox* modeBox() const { return mode_; }
  QComboBox* colourMapBox() const { return colourMap_; }
  QSlider* opacitySlider() const { return opacity_; }
  QComboBox* maskStyleBox() const { return maskStyle_; }
  QComboBox* normalisationBox() const { return normalisation_; }
  QCheckBox* gridCheckBox() const { return grid_; }
  QSlider* brightnessSlider() const { return brightness_; }
  QSlider* contrastSlider() const { return contrast_; }
  QPushButton* resetButton() const { return reset_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void build();
  void retranslate();
  void syncFromState();

  OverlayState* overlay_;
  QComboBox* mode_ = nullptr;
  QComboBox* colourMap_ = nullptr;
  QSlider* opacity_ = nullptr;
  QLabel* opacityValue_ = nullptr;
  QComboBox* maskStyle_ = nullptr;
  QComboBox* normalisation_ = nullptr;
  QCheckBox* grid_ = nullptr;
  QSlider* brightness_ = nullptr;
  QLabel* brightnessValue_ = nullptr;
  QSlider* contrast_ = nullptr;
  QLabel* contrastValue_ = nullptr;
  QPushButton* reset_ = nullptr;
  QList<QLabel*> rowLabels_;
};

}  // namespace stts::ui
