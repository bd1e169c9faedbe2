// Shared helpers for the GUI tests: isolated settings, generated media, waiting for loads (videos
// and runs) and comparing pixel colours with a codec's tolerance.
#pragma once

#include <QApplication>
#include <QColor>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <cstdlib>

#include "main/main_window.h"

namespace stts::ui::test {

inline QString mediaPath(const char* name) {
  return QStringLiteral(STTS_UI_MEDIA_DIR "/") + QString::fromLatin1(name);
}

inline QString colourClip() {
  return mediaPath("colours_320x240.mp4");
}
inline QString oddSizeClip() {
  return mediaPath("halves_321x181.mkv");
}

// Redirects every QSettings file into `dir`, so tests never read or write the user's settings, and
// makes `dir` the home folder, so default folders (Pictures/STTS Lens) are made there too.
inline void useTemporarySettings(const QTemporaryDir& dir) {
  qputenv("HOME", QFile::encodeName(dir.path()));
  qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.path() + QStringLiteral("/.config")));
  qunsetenv("XDG_PICTURES_DIR");
  QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
  QSettings::setPath(QSettings::NativeFormat, QSettings::SystemScope, dir.path());
  QSettings::setPath(QSettings::IniFormat, QSettings::SystemScope, dir.path());
}

// Waits until the shown video's store has every picture and the window has drawn from it (the
// window opens before its frames are decoded: they fill in on the store's thread).
inline bool waitForFrames(MainWindow& window, int timeoutMs = 60000) {
  const bool filled = QTest::qWaitFor(
      [&] { return window.video() && window.video()->store->isComplete(); }, timeoutMs);
  // The last frameFilled notifications are queued: let them reach the views.
  QCoreApplication::processEvents();
  QCoreApplication::processEvents();
  if (!filled) qWarning("the frames of the shown video never all arrived");
  return filled;
}

// Opens `path` and waits for success, frames included; generous timeout because CI machines are
// slow.
inline bool openAndWait(MainWindow& window, const QString& path, int timeoutMs = 60000) {
  QSignalSpy loaded(&window, &MainWindow::videoLoaded);
  QSignalSpy failed(&window, &MainWindow::videoLoadFailed);
  window.openVideo(path);
  if (!QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, timeoutMs)) {
    qWarning("load of %s never finished", qPrintable(path));
    return false;
  }
  if (failed.count() > 0) {
    qWarning("load failed: %s", qPrintable(failed.first().at(1).toString()));
    return false;
  }
  return waitForFrames(window, timeoutMs);
}

// Opens the run file `path` and waits for it to be shown.
inline bool openRunAndWait(MainWindow& window, const QString& path, int timeoutMs = 60000) {
  QSignalSpy loaded(&window, &MainWindow::runLoaded);
  QSignalSpy failed(&window, &MainWindow::runLoadFailed);
  window.openRun(path);
  if (!QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, timeoutMs)) {
    qWarning("run %s never finished loading", qPrintable(path));
    return false;
  }
  if (failed.count() > 0) {
    qWarning("run load failed: %s", qPrintable(failed.first().at(1).toString()));
    return false;
  }
  return waitForFrames(window, timeoutMs);
}

inline bool colourNear(QColor actual, QColor expected, int tolerance = 48) {
  return std::abs(actual.red() - expected.red()) <= tolerance &&
         std::abs(actual.green() - expected.green()) <= tolerance &&
         std::abs(actual.blue() - expected.blue()) <= tolerance;
}

inline QString describe(QColor colour) {
  return QStringLiteral("rgb(%1, %2, %3)").arg(colour.red()).arg(colour.green()).arg(colour.blue());
}

// Shows the window and makes it the active one, which WindowShortcut actions require.
inline bool showActive(QWidget& window) {
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) return false;
  window.activateWindow();
  window.raise();
  return QTest::qWaitForWindowActive(&window);
}

// A key press as the keyboard delivers it: to the widget with the focus (a text field swallows
// what it types), else to the window. WindowShortcut actions only fire in the active window, so
// it re-activates first in case another window on the shared X display took the focus meanwhile.
inline void pressKey(QWidget& window, Qt::Key key, Qt::KeyboardModifiers modifiers = {}) {
  if (!window.isActiveWindow()) {
    window.activateWindow();
    // A failure here shows up as the key having no effect, which the caller checks.
    (void)QTest::qWaitForWindowActive(&window, 5000);
  }
  QWidget* focus = QApplication::focusWidget();
  QTest::keyClick(focus && window.isAncestorOf(focus) ? focus : &window, key, modifiers);
}

}  // namespace stts::ui::test
