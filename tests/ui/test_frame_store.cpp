// The frame store (ui/media/frame_store.h): drawing copies within the memory budget, filled in the
// background from the playhead on, full resolution on demand, and bad input reported, not
// crashed on. No window: the store is what the window, the comparison and exports draw from.
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <set>

#include "gui_test_support.h"
#include "media/frame_navigator.h"
#include "media/frame_provider.h"
#include "media/frame_store.h"
#include "media/video_loader.h"
#include "stts/video.h"
#include "view/frame_view.h"
#include "view/sharp_frame.h"
#include "view/view_controller.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

struct Sampled {
  stts::VideoInfo info;
  std::vector<stts::SampledFrame> frames;  // the engine's own sampling, for reference
};

Sampled sampleWithEngine(const QString& path, const stts::SamplingSpec& spec) {
  auto source = stts::VideoSource::open(QFile::encodeName(path).toStdString());
  if (!source) qFatal("could not open %s", qPrintable(path));
  auto frames = source->sample(spec);
  if (!frames) qFatal("could not sample %s", qPrintable(path));
  return {source->info(), std::move(frames.value())};
}

std::vector<stts::SamplePoint> pointsOf(const std::vector<stts::SampledFrame>& frames) {
  std::vector<stts::SamplePoint> points;
  for (const stts::SampledFrame& frame : frames) points.push_back(frame.point);
  return points;
}

bool samePixels(const stts::RgbImage& a, const stts::RgbImage& b) {
  return a.width == b.width && a.height == b.height && a.pixels == b.pixels;
}

}  // namespace

class FrameStoreTest : public QObject {
  Q_OBJECT

 private slots:
  void fittedSizeKeepsAspectAndBytes() {
    QCOMPARE(fittedSize({1920, 1080}, {3840, 2160}, 0), QSize(1920, 1080));
    QCOMPARE(fittedSize({1920, 1080}, {960, 960}, 0), QSize(960, 540));
    // 1 GiB over 384 frames of 4K: about 1290 x 725, and never more bytes than allowed.
    const int64_t perFrame = (int64_t(1) << 30) / 384;
    const QSize fourK = fittedSize({3840, 2160}, {3840, 2160}, perFrame);
    QVERIFY(int64_t(fourK.width()) * fourK.height() * 3 <= perFrame);
    QVERIFY(fourK.width() >= 1280 && fourK.width() <= 1300);
    QVERIFY(std::abs(double(fourK.width()) / fourK.height() - 16.0 / 9.0) < 0.01);
    QCOMPARE(fittedSize({1, 5000}, {100, 100}, 0), QSize(1, 100));
  }

  // Small frames in an ample budget are their own copies: full() then decodes nothing more.
  void ampleBudgetKeepsSourceSize() {
    const Sampled sampled = sampleWithEngine(colourClip(), {8, 2.0});
    FrameStore store(colourClip(), pointsOf(sampled.frames), {320, 240}, FrameMemoryLimits{});
    QCOMPARE(store.copySize(), QSize(320, 240));
    QSignalSpy complete(&store, &FrameStore::complete);
    store.start();
    QTRY_COMPARE_WITH_TIMEOUT(complete.count(), 1, 30000);
    QCOMPARE(store.filledCount(), store.count());
    for (int i = 0; i < store.count(); ++i) {
      QVERIFY(store.display(i));
      QVERIFY2(samePixels(*store.display(i), *sampled.frames[size_t(i)].image),
               qPrintable(QStringLiteral("sample %1 differs from the engine's").arg(i + 1)));
      auto full = store.full(i);
      QVERIFY(full);
      QCOMPARE(full->get(), store.display(i).get());
      QVERIFY(store.thumbnail(i));
      QVERIFY(store.thumbnail(i)->width <= 192 && store.thumbnail(i)->height <= 108);
    }
    QCOMPARE(store.decodedCount(), int64_t(store.count()));
    // The model's frames are these very images: nothing is decoded again.
    auto frames = store.fullFrames(nullptr);
    QVERIFY(frames);
    for (int i = 0; i < store.count(); ++i)
      QCOMPARE((*frames)[size_t(i)].image.get(), store.display(i).get());
  }

  // A tight budget shrinks every copy so that all of them fit; full() still gives the source.
  void tightBudgetShrinksCopies() {
    const Sampled sampled = sampleWithEngine(colourClip(), {8, 2.0});
    const int frames = int(sampled.frames.size());
    FrameMemoryLimits limits;
    limits.budgetBytes = int64_t(frames) * 100 * 75 * 3 + int64_t(frames) * 64 * 48 * 3;
    limits.thumbnailLimit = {64, 48};
    FrameStore store(colourClip(), pointsOf(sampled.frames), {320, 240}, limits);
    QVERIFY(store.copySize().width() <= 100);
    QSignalSpy complete(&store, &FrameStore::complete);
    store.start();
    QTRY_COMPARE_WITH_TIMEOUT(complete.count(), 1, 30000);
    QVERIFY2(store.heldBytes() <= limits.budgetBytes,
             qPrintable(QStringLiteral("%1 bytes held, budget %2")
                            .arg(store.heldBytes())
                            .arg(limits.budgetBytes)));
    QCOMPARE(store.display(0)->width, store.copySize().width());
    auto full = store.full(frames - 1);
    QVERIFY(full);
    QCOMPARE((*full)->width, 320);
    QVERIFY(samePixels(**full, *sampled.frames.back().image));
    // The copy is the frame shrunk: still the clip's colour (blue at the end).
    const uint8_t* centre =
        store.display(frames - 1)
            ->pixel(store.copySize().width() / 2, store.copySize().height() / 2);
    QVERIFY(centre[2] > 200 && centre[0] < 40 && centre[1] < 40);
  }

  // The worker starts at the playhead and goes forward: stepping on from there finds frames in.
  void fillsFromThePlayheadForward() {
    const Sampled sampled = sampleWithEngine(colourClip(), {8, 2.0});
    FrameStore store(colourClip(), pointsOf(sampled.frames), {320, 240}, FrameMemoryLimits{});
    const int from = store.count() / 2;
    store.setPlayhead(from);
    std::vector<int> order;
    connect(&store, &FrameStore::frameFilled, this, [&](int index) { order.push_back(index); });
    QSignalSpy complete(&store, &FrameStore::complete);
    store.start();
    QTRY_COMPARE_WITH_TIMEOUT(complete.count(), 1, 30000);
    QCOMPARE(int(order.size()), store.count());
    QCOMPARE(order.front(), from);
    QCOMPARE(order[size_t(store.count() - from)], 0);  // then from the start
    QCOMPARE(std::set<int>(order.begin(), order.end()).size(), size_t(store.count()));
  }

  // The model's frames: the same pixels sampling gives.
  void fullFramesMatchSampling() {
    const Sampled sampled = sampleWithEngine(oddSizeClip(), {6, 4.0});
    FrameMemoryLimits limits;
    limits.budgetBytes = 64 * 1024;  // copies far smaller than the frames
    FrameStore store(oddSizeClip(), pointsOf(sampled.frames), {321, 181}, limits);
    auto frames = store.fullFrames(nullptr);
    QVERIFY(frames);
    QCOMPARE(frames->size(), sampled.frames.size());
    for (size_t i = 0; i < frames->size(); ++i) {
      QCOMPARE((*frames)[i].point.frameNumber, sampled.frames[i].point.frameNumber);
      QVERIFY(samePixels(*(*frames)[i].image, *sampled.frames[i].image));
    }
    stts::CancelToken cancel;
    cancel.cancel();
    auto cancelled = store.fullFrames(&cancel);
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().code, stts::ErrorCode::Cancelled);
  }

  // A store over images (a run's stored inputs) holds them as they are when they fit.
  void imagesThatFitAreKept() {
    std::vector<stts::SampledFrame> frames(3);
    for (int i = 0; i < 3; ++i) {
      auto image = std::make_shared<stts::RgbImage>();
      image->width = 378;
      image->height = 378;
      image->pixels.assign(size_t(378 * 378 * 3), uint8_t(40 * i));
      frames[size_t(i)].image = image;
      frames[size_t(i)].point.requestedTime = i;
      frames[size_t(i)].point.frameNumber = i;
    }
    const auto second = frames[1].image;
    FrameStore store(frames, FrameMemoryLimits{});
    QVERIFY(store.isComplete());
    QCOMPARE(store.display(1).get(), second.get());
    QCOMPARE(store.full(1)->get(), second.get());
    // Too large for the budget: replaced by copies, the budget holds.
    FrameMemoryLimits small;
    small.budgetBytes = 3 * 100 * 100 * 3;
    small.thumbnailLimit = {8, 8};
    FrameStore shrunk(frames, small);
    QVERIFY(shrunk.heldBytes() <= small.budgetBytes);
    QVERIFY(shrunk.display(1)->width < 378);
  }

  // A video that vanished: the worker says so; the store stays usable and nothing crashes.
  void missingVideoIsReported() {
    QTemporaryDir dir;
    const QString gone = dir.filePath(QStringLiteral("gone.mp4"));
    QVERIFY(QFile::copy(colourClip(), gone));
    const Sampled sampled = sampleWithEngine(gone, {4, 2.0});
    QVERIFY(QFile::remove(gone));
    FrameStore store(gone, pointsOf(sampled.frames), {320, 240}, FrameMemoryLimits{});
    QSignalSpy failed(&store, &FrameStore::fillFailed);
    store.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    QVERIFY(!failed.first().at(0).toString().isEmpty());
    QVERIFY(!store.display(0));
    QVERIFY(!store.full(0));
  }

  // The loader hands over a video before its frames are in: only the first is decoded.
  void loaderDecodesOnlyTheFirstFrame() {
    VideoLoader loader;
    loader.setSamplingSpec({8, 2.0});
    QSignalSpy loaded(&loader, &VideoLoader::loaded);
    loader.load(colourClip());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    const auto video = loaded.first().at(0).value<LoadedVideoPtr>();
    QVERIFY(video && video->store);
    QCOMPARE(int(video->points.size()), video->store->count());
    QVERIFY(video->store->display(0));
    QCOMPARE(video->store->filledCount(), 1);
    QCOMPARE(video->store->decodedCount(), int64_t(0));  // no worker yet
  }

  // The raw-frame cache (stepping between samples) is bounded by bytes as well as by count.
  void rawFrameCacheIsBoundedByBytes() {
    FrameProvider provider;
    provider.setCacheLimitBytes(int64_t(320) * 240 * 3 * 5 / 2);  // two frames of the clip
    provider.setVideo(colourClip());
    QSignalSpy ready(&provider, &FrameProvider::frameReady);
    for (int frame : {0, 1, 2}) {
      const int before = int(ready.count());
      provider.requestFrame(frame);
      QTRY_COMPARE_WITH_TIMEOUT(int(ready.count()), before + 1, 30000);
    }
    QVERIFY(!provider.cachedFrame(0));
    QVERIFY(provider.cachedFrame(1));
    QVERIFY(provider.cachedFrame(2));
  }

  // In the window: with copies smaller than the frames, zooming in swaps in the full-resolution
  // frame of the sample on screen once the view rests, and moving on shows the next copy.
  void windowSharpensTheFrameWhenZoomedIn() {
    QTemporaryDir settings;
    useTemporarySettings(settings);
    MainWindow window;
    window.resize(900, 700);
    FrameMemoryLimits limits = window.loader()->frameLimits();
    limits.budgetBytes = 8 * 80 * 60 * 3 + 8 * 64 * 48 * 3;  // copies under 100 x 75
    limits.thumbnailLimit = {64, 48};
    window.loader()->setFrameLimits(limits);
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    FrameView* view = window.frameView();
    const FrameStore& store = *window.video()->store;
    QVERIFY(store.copySize().width() <= 100);
    QCOMPARE(view->frame(), store.display(0));
    SharpFrame* sharp = window.viewController()->sharpFrame();
    QVERIFY(sharp->copyIsMagnified());  // even at fit: the view is far larger than the copy
    QTRY_COMPARE_WITH_TIMEOUT(sharp->swappedCount(), 1, 30000);
    QCOMPARE(view->frame()->width, 320);
    QCOMPARE(view->zoomPercent() > 0, true);
    pressKey(window, Qt::Key_Right);
    QCOMPARE(view->frame(), store.display(1));  // at once: the copy, never a wait
    QTRY_COMPARE_WITH_TIMEOUT(sharp->swappedCount(), 2, 30000);
    QCOMPARE(view->frame()->width, 320);
    QCOMPARE(window.navigator()->currentIndex(), 1);
  }

  // A frame not decoded yet keeps the view's geometry and says so instead of going blank.
  void pendingFrameSaysDecoding() {
    FrameView view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFrame(nullptr, QSize(1920, 1080));
    QVERIFY(view.findChild<QLabel*>() && view.findChild<QLabel*>()->isVisible());
    QVERIFY(view.findChild<QLabel*>()->text().contains(QStringLiteral("Decoding")));
    QVERIFY(view.zoomPercent() > 0);  // zoom is known from the source size alone
  }

  // Destroying a store while it fills joins its worker without waiting for the whole video.
  void destroyWhileFilling() {
    const Sampled sampled = sampleWithEngine(colourClip(), {8, 2.0});
    for (int round = 0; round < 5; ++round) {
      auto store = std::make_unique<FrameStore>(colourClip(), pointsOf(sampled.frames),
                                                QSize(320, 240), FrameMemoryLimits{});
      store->start();
      store.reset();
    }
  }
};

QTEST_MAIN(FrameStoreTest)
#include "test_frame_store.moc"
