// The guards every reader and writer of user files goes through: regular files only (a FIFO is
// refused without blocking), size caps, save targets that are never device nodes, and the JSON
// nesting limit.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <string>

#include "stts/json_depth.h"
#include "stts/regular_file.h"

class TestCoreGuards : public QObject {
  Q_OBJECT

  std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

  void write(const char* name, const QByteArray& bytes) {
    QFile file(dir_.filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void readsRegularFilesWithinTheCap() {
    write("small.txt", "hello");
    auto text = stts::readRegularFile(path("small.txt"), 5);
    QVERIFY(text.ok());
    QCOMPARE(*text, std::string("hello"));
    auto tooBig = stts::readRegularFile(path("small.txt"), 4);
    QVERIFY(!tooBig.ok());
    QVERIFY(tooBig.error().code == stts::ErrorCode::TooLarge);
    auto missing = stts::readRegularFile(path("missing.txt"), 4);
    QVERIFY(missing.error().code == stts::ErrorCode::NotFound);
  }

  // open(2) of a FIFO without a writer blocks forever; the guard must answer at once.
  void refusesFifosFoldersAndDevicesWithoutBlocking() {
    QVERIFY(::mkfifo(path("pipe").c_str(), 0644) == 0);
    QElapsedTimer timer;
    timer.start();
    auto fifo = stts::openRegularFile(path("pipe"));
    QVERIFY(!fifo.ok());
    QVERIFY2(fifo.error().message.find("is a FIFO (named pipe), not a regular file") !=
                 std::string::npos,
             fifo.error().message.c_str());
    QVERIFY(timer.elapsed() < 5000);
    auto folder = stts::readRegularFile(dir_.path().toStdString(), 10);
    QVERIFY(folder.error().message.find("is a folder, not a regular file") != std::string::npos);
    auto device = stts::openRegularFile("/dev/null");
    QVERIFY(device.error().message.find("is a character device") != std::string::npos);
    write("plain", "x");
    auto plain = stts::openRegularFile(path("plain"));
    QVERIFY(plain.ok());
    // Blocking again after the check, as callers expect of a normal descriptor.
    QCOMPARE(::fcntl(*plain, F_GETFL) & O_NONBLOCK, 0);
    ::close(*plain);
  }

  void saveTargetsAreRegularFilesOrNewNames() {
    write("existing", "x");
    QVERIFY(stts::checkSaveTarget(path("existing")).ok());
    QVERIFY(stts::checkSaveTarget(path("new-name")).ok());
    auto device = stts::checkSaveTarget("/dev/full");
    QVERIFY(!device.ok());
    QVERIFY2(device.error().message ==
                 "cannot write /dev/full: it is a character device, not a regular file (name a "
                 "new file or a file to replace)",
             device.error().message.c_str());
    QVERIFY(!stts::checkSaveTarget(path("pipe")).ok());
    QVERIFY(!stts::checkSaveTarget(dir_.path().toStdString()).ok());
    auto noFolder = stts::checkSaveTarget(path("no/such/folder/file"));
    QVERIFY(noFolder.error().message.find("does not exist") != std::string::npos);
  }

  // A second Ctrl+C removes the temporary files of saves in progress from the signal handler.
  void pendingTemporariesAreRemovedOnRequest() {
    write("save.tmp-1", "half");
    write("save.tmp-2", "half");
    {
      const stts::PendingTemporary one(path("save.tmp-1"));
      {
        const stts::PendingTemporary two(path("save.tmp-2"));
      }  // finished (renamed or removed by its save): no longer pending
      stts::removePendingTemporaries();
    }
    QVERIFY(!QFile::exists(dir_.filePath("save.tmp-1")));
    QVERIFY(QFile::exists(dir_.filePath("save.tmp-2")));
  }

  void jsonNestingIsMeasuredOutsideStrings() {
    QVERIFY(!stts::jsonNestingBeyond("[[1], {\"a\": [2]}]", 3));
    QCOMPARE(stts::jsonNestingBeyond("[[[[1]]]]", 3).value_or(0), std::size_t{3});
    // Brackets inside strings (escaped quotes included) do not count.
    QVERIFY(!stts::jsonNestingBeyond("[\"[[[[\", \"\\\"[[[[\"]", 1));
    // Unbalanced closers never take the depth below zero.
    QCOMPARE(stts::jsonNestingBeyond("]]]][[", 1).value_or(0), std::size_t{5});
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    QCOMPARE(stts::describeJsonNesting(deep),
             std::string("nests deeper than 64 levels (at byte 64)"));
    QVERIFY(stts::describeJsonNesting("{}").empty());
  }

 private:
  QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestCoreGuards)
#include "test_core_guards.moc"
