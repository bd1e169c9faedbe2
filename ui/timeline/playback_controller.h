// The transport keys of ux.md §2 beyond plain stepping: ±1 raw video frame (the real decoded
// frame between two samples, from a worker), ±1 second to the nearest sample, the J/K/L shuttle
// (K held + J/L steps one sample), and the thumbnail strip kept in step with the playhead.
// It only talks to the parts it is given; the window keeps the sampled-frame display to itself.
#pragma once

#include <QObject>
#include <QString>
#include <cstdint>

class QStatusBar;

#include "stts/video.h"

namespace stts::ui {

class ActionRegistry;
class FrameNavigator;
class FrameProvider;
class FrameView;
class OpenContent;
class OverlayState;
class ThumbnailStrip;
class Timeline;

class PlaybackController : public QObject {
  Q_OBJECT

 public:
  // What the controller uses of the window.
  struct Parts {
    OpenContent* content;
    FrameNavigator* navigator;
    FrameView* view;
    Timeline* timeline;
    ThumbnailStrip* thumbnails;
    OverlayState* overlay;
    ActionRegistry* actions;
    QStatusBar* status;
  };
  PlaybackController(const Parts& parts, QObject* parent);

  FrameProvider* frameProvider() const { return provider_; }
  // The raw frame on screen between samples; -1 while a sampled frame is shown.
  int64_t rawFrame() const { return rawFrame_; }
  // Why raw frames cannot be shown now (stored-frames run, no video); empty when they can.
  QString rawFramesUnavailableReason() const;
  bool isShuttlePauseHeld() const { return pauseHeld_; }

  // The sample whose requested time is nearest to `seconds`, for ±1 second; -1 without samples.
  int sampleNearestToTime(double seconds) const;

 signals:
  // A raw frame was decoded and is on screen (for tests and the status bar).
  void rawFrameShown(qint64 frameNumber);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void onContentChanged();
  void onSampleShown(int index);
  void stepRawFrame(int delta);
  void stepSeconds(double delta);
  void shuttle(int direction);
  void showRawFrame(qint64 frameNumber, double seconds, stts::RgbImagePtr image);
  void showRawFrameFailure(qint64 frameNumber, const QString& message);
  void showShuttleSpeed(int speed);
  bool matchesPauseKey(int key) const;
  double currentTime() const;

  Parts parts_;
  FrameProvider* provider_ = nullptr;
  int64_t rawFrame_ = -1;   // on screen
  int64_t rawTarget_ = -1;  // asked for, may still be decoding
  double rawSeconds_ = 0.0;
  bool pauseHeld_ = false;
};

}  // namespace stts::ui
