// The frame view's navigation, on screen: Ctrl+wheel zoom around the cursor, 100 %, clamped pan
// and middle-drag, the hover tooltip, and the window's keys with the Display dock and Space
// (tapped plays, held with a drag pans).

#include "frame_view_test_support.h"

using namespace stts::ui;
using namespace stts::ui::test;

class FrameViewNavigationTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    useTemporarySettings(settingsDir_);
  }

  // Ctrl + wheel zooms around the cursor: the picture point under it stays under it.
  void zoomKeepsThePointUnderTheCursor() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    // Every cell its own colour, so "the same picture point" can be read from the screen too.
    under.view.setFrame(makeFrame(
        270, 180, [](int x, int y) { return qRgb((x * 9 / 270) * 28, (y * 9 / 180) * 28, 200); }));
    QSignalSpy changed(&under.view, &FrameView::viewTransformChanged);
    const QPointF cursor(170.0, 130.0);
    auto pictureFraction = [&] {
      const QRectF rect = under.view.frameRect();
      return QPointF((cursor.x() - rect.left()) / rect.width(),
                     (cursor.y() - rect.top()) / rect.height());
    };
    const QPointF before = pictureFraction();
    const QColor colourBefore = under.grab().pixelColor(cursor.toPoint());
    sendCtrlWheel(&under.view, cursor, 120);
    QVERIFY(std::abs(under.view.zoom() - FrameView::kZoomStep) < 1e-9);
    sendCtrlWheel(&under.view, cursor, 240);
    QVERIFY(std::abs(under.view.zoom() - std::pow(FrameView::kZoomStep, 3)) < 1e-9);
    QCOMPARE(changed.count(), 2);
    const QPointF after = pictureFraction();
    // Within a device pixel: the corner snaps to whole pixels.
    QVERIFY2(std::abs(after.x() - before.x()) * under.view.frameRect().width() < 1.0 &&
                 std::abs(after.y() - before.y()) * under.view.frameRect().height() < 1.0,
             qPrintable(QStringLiteral("%1,%2 -> %3,%4")
                            .arg(before.x())
                            .arg(before.y())
                            .arg(after.x())
                            .arg(after.y())));
    QVERIFY(channelDiff(under.grab().pixelColor(cursor.toPoint()), colourBefore) <= 2);
    // Without Ctrl the wheel does not zoom (it is left to scrolling parents).
    QWheelEvent plain(cursor, under.view.mapToGlobal(cursor), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&under.view, &plain);
    QCOMPARE(changed.count(), 2);
    under.view.fitToWindow();
    QCOMPARE(under.view.zoom(), 1.0);
    QCOMPARE(under.view.pan(), QPointF());
  }

  // 100 %: one source pixel per device pixel; 1-pixel stripes stay sharp instead of blending.
  // With a display aspect (non-square pixels) 100 % is at the stretched display size.
  void actualSizeShowsOnePixelPerPixel() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    under.view.setFrame(makeFrame(
        1080, 720, [](int x, int) { return x % 2 ? qRgb(255, 255, 255) : qRgb(0, 0, 0); }));
    const QImage fit = under.grab();
    QVERIFY(std::abs(fit.pixelColor(270, 180).red() - 128) < 40);  // blended at half size
    under.view.zoomActualSize();
    QCOMPARE(under.view.zoom(), 2.0);
    const QRectF rect = under.view.frameRect();
    QCOMPARE(rect.size(), QSizeF(1080, 720));
    const QImage actual = under.grab();
    for (int x = 250; x < 290; ++x) {
      const int sourceX = x - int(rect.left());
      const int expected = sourceX % 2 ? 255 : 0;
      QVERIFY2(
          std::abs(actual.pixelColor(x, 180).red() - expected) <= 2,
          qPrintable(QStringLiteral("x %1: %2").arg(x).arg(describe(actual.pixelColor(x, 180)))));
    }
    // A 200 x 100 picture with 2:1 pixels is 400 x 100 at 100 %, smaller than the view.
    under.view.setFrame(flatFrame(200, 100, qRgb(10, 200, 10)));
    under.view.setDisplayAspect(4.0);
    QCOMPARE(under.view.naturalSize(), QSizeF(400, 100));
    under.view.zoomActualSize();
    QCOMPARE(under.view.frameRect().size(), QSizeF(400, 100));
    QVERIFY(under.view.zoom() < 1.0);
  }

  // Pan never loses the picture: zoomed in it keeps covering the view, zoomed out it stays
  // inside; middle-drag pans.
  void panIsClampedAndMiddleDragPans() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    under.view.setFrame(flatFrame(270, 180, qRgb(200, 0, 0)));
    under.view.setZoom(2.0);
    under.view.setPan(QPointF(10.0, -10.0));
    QRectF rect = under.view.frameRect();
    QVERIFY2(
        rect.left() <= 0.5 && rect.right() >= 539.5 && rect.top() <= 0.5 && rect.bottom() >= 359.5,
        qPrintable(QStringLiteral("%1 %2 %3 %4")
                       .arg(rect.left())
                       .arg(rect.top())
                       .arg(rect.right())
                       .arg(rect.bottom())));
    QCOMPARE(under.view.pan(), QPointF(0.5, -0.5));  // exactly at the edge
    under.view.setZoom(0.5);
    under.view.setPan(QPointF(-10.0, 10.0));
    rect = under.view.frameRect();
    QVERIFY(rect.left() >= -0.5 && rect.bottom() <= 360.5);
    QVERIFY(std::abs(rect.left()) < 0.6 && std::abs(rect.bottom() - 360) < 0.6);

    under.view.setViewTransform(2.0, QPointF());
    const QPoint start(270, 180);
    QTest::mousePress(&under.view, Qt::MiddleButton, Qt::NoModifier, start);
    QVERIFY(under.view.isPanning());
    QTest::mouseMove(&under.view, start + QPoint(54, 36));
    QTest::mouseRelease(&under.view, Qt::MiddleButton, Qt::NoModifier, start + QPoint(54, 36));
    QVERIFY(!under.view.isPanning());
    // 54 px of a 540 px fitted width is 0.1 of it.
    QVERIFY(std::abs(under.view.pan().x() - 0.1) < 1e-9);
    QVERIFY(std::abs(under.view.pan().y() - 0.1) < 1e-9);
  }

  void tooltipNamesTheCellUnderTheCursor() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    under.view.setFrame(flatFrame(270, 180, qRgb(100, 100, 100)));
    std::vector<float> scores(81, 0.25f);
    std::vector<uint8_t> keep(81, 1);
    scores[4 * kGrid + 5] = 0.731f;
    keep[4 * kGrid + 5] = 0;
    OverlayStyle style;
    style.mode = OverlayMode::Mask;
    under.view.setOverlay(makeOverlayCells(scores, keep, 0.0f, 1.0f), style);
    under.view.setFrameInfo(12, 384, 6.0);
    // Zoomed and panned: the cell is found through the transform.
    under.view.setViewTransform(1.5, QPointF(-0.1, 0.05));
    const QRectF rect = under.view.frameRect();
    const QPointF centre(rect.left() + 5.5 * rect.width() / kGrid,
                         rect.top() + 4.5 * rect.height() / kGrid);
    QVERIFY(under.view.cellAt(centre) == std::optional<CellPosition>(CellPosition{4, 5}));
    const QString text = under.view.toolTipTextAt(centre);
    for (const char* part :
         {"Sample 13 of 384", "00:00:06.000", "row 4, column 5", "0.731", "Dropped"}) {
      QVERIFY2(text.contains(QLatin1String(part)), qPrintable(text));
    }
    QVERIFY(under.view.toolTipTextAt(QPointF(rect.left() + 1, rect.top() + 1))
                .contains(QStringLiteral("Kept")));
    QVERIFY(!under.view.cellAt(QPointF(rect.left() - 2, rect.top() + 10)));

    QSignalSpy hovered(&under.view, &FrameView::hoveredCellChanged);
    QTest::mouseMove(&under.view, centre.toPoint());
    QTRY_VERIFY(hovered.count() >= 1);
    QCOMPARE(hovered.last().at(0).toInt(), 12);
    QCOMPARE(hovered.last().at(1).toInt(), 4);
    QCOMPARE(hovered.last().at(2).toInt(), 5);
    QHelpEvent help(QEvent::ToolTip, centre.toPoint(), under.view.mapToGlobal(centre.toPoint()));
    QApplication::sendEvent(&under.view, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("0.731")), qPrintable(QToolTip::text()));
    QToolTip::hideText();
  }

  // In the window: the zoom keys, the grid key and the Display dock, all in step; Space tapped
  // over the picture still plays, Space + drag pans without playing.
  void windowKeysPanelAndSpace() {
    MainWindow window;
    window.resize(1000, 700);
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    FrameView* view = window.frameView();
    QVERIFY(window.viewController());
    DisplayPanel* panel = window.viewController()->displayPanel();
    QVERIFY(panel);
    // Closed at first, opened from View ▸ Panels.
    QVERIFY(!panel->isVisible());
    QVERIFY(window.panelsMenu()->actions().contains(panel->toggleViewAction()));
    panel->toggleViewAction()->trigger();
    QTRY_VERIFY(panel->isVisible());

    pressKey(window, Qt::Key_Plus);
    QVERIFY(std::abs(view->zoom() - FrameView::kZoomStep) < 1e-9);
    pressKey(window, Qt::Key_Equal);
    pressKey(window, Qt::Key_Minus);
    QVERIFY(std::abs(view->zoom() - FrameView::kZoomStep) < 1e-9);
    pressKey(window, Qt::Key_1);
    QVERIFY(std::abs(view->zoom() - view->actualSizeZoom()) < 1e-9);
    QVERIFY(std::abs(view->frameRect().width() - 320.0) < 0.01);  // the clip is 320 x 240
    pressKey(window, Qt::Key_0);
    QCOMPARE(view->zoom(), 1.0);

    OverlayState* overlay = window.overlay();
    overlay->setShowGrid(false);
    pressKey(window, Qt::Key_G);
    QVERIFY(overlay->showGrid());
    QVERIFY(view->overlayStyle().showGrid);
    QVERIFY(panel->gridCheckBox()->isChecked());
    QVERIFY(window.actions()->action(ActionId::ToggleCellGrid)->isChecked());
    panel->gridCheckBox()->click();
    QVERIFY(!overlay->showGrid());
    QVERIFY(!window.actions()->action(ActionId::ToggleCellGrid)->isChecked());

    overlay->setMode(OverlayMode::Off);
    pressKey(window, Qt::Key_O);
    QCOMPARE(panel->modeBox()->currentIndex(), int(OverlayMode::Mask));
    panel->maskStyleBox()->setCurrentIndex(int(MaskStyle::Hatch));
    emit panel->maskStyleBox()->activated(int(MaskStyle::Hatch));
    QCOMPARE(overlay->maskStyle(), MaskStyle::Hatch);
    panel->brightnessSlider()->setValue(30);
    QCOMPARE(overlay->brightness(), 0.3f);
    QCOMPARE(view->overlayStyle().brightness, 0.3f);
    panel->resetButton()->click();
    QCOMPARE(overlay->brightness(), 0.0f);
    QCOMPARE(panel->brightnessSlider()->value(), 0);
    QCOMPARE(overlay->maskStyle(), MaskStyle::Dim);

    // Space over the picture: a tap plays and pauses as before. (Nothing typed into: a focused
    // question box would take Space as text.)
    if (QWidget* focus = QApplication::focusWidget()) focus->clearFocus();
    const QPoint centre = view->rect().center();
    QCursor::setPos(view->mapToGlobal(centre));
    QTRY_VERIFY(view->rect().contains(view->mapFromGlobal(QCursor::pos())));
    FrameNavigator* navigator = window.navigator();
    QVERIFY(!navigator->isPlaying());
    pressKey(window, Qt::Key_Space);
    QVERIFY(navigator->isPlaying());
    pressKey(window, Qt::Key_Space);
    QVERIFY(!navigator->isPlaying());
    // Space held with a left drag pans and does not play.
    view->setZoom(3.0);
    const QPointF panBefore = view->pan();
    QTest::keyPress(&window, Qt::Key_Space);
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, centre);
    QVERIFY2(view->isPanning(), QApplication::focusWidget()
                                    ? QApplication::focusWidget()->metaObject()->className()
                                    : "no focus");
    QTest::mouseMove(view, centre + QPoint(40, 20));
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, centre + QPoint(40, 20));
    QTest::keyRelease(&window, Qt::Key_Space);
    QVERIFY(!navigator->isPlaying());
    QVERIFY2(view->pan().x() > panBefore.x(), qPrintable(QString::number(view->pan().x())));
    // A left click without Space does not pan.
    const QPointF panAfter = view->pan();
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, centre);
    QVERIFY(!view->isPanning());
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, centre);
    QCOMPARE(view->pan(), panAfter);
  }

 private:
  QTemporaryDir settingsDir_;
};

QTEST_MAIN(FrameViewNavigationTest)
#include "test_frame_view_navigation.moc"
