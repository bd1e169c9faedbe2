// Strict safetensors reader and writer: round trips for every dtype, one clear error per
// malformed-header rule of docs/ux.md §6.2, atomic writes, and a read-back by an independent
// Python parser (standard library, numpy when present).
#include <sys/stat.h>

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "checkpoint_fixtures.h"

using namespace stts::ckpt;
using fixtures::rawImage;

Q_DECLARE_METATYPE(std::vector<std::byte>)
Q_DECLARE_METATYPE(stts::ErrorCode)

namespace {

// One tensor of each dtype (values exercise sign bits and, for floats, sub-normal/large
// magnitudes), plus zero-sized and rank-0 tensors.
std::vector<fixtures::OwnedTensor> allDTypeTensors() {
  std::vector<fixtures::OwnedTensor> out;
  const DType all[] = {DType::Bool, DType::U8,  DType::I8,  DType::F8_E5M2, DType::F8_E4M3,
                       DType::I16,  DType::U16, DType::F16, DType::BF16,    DType::I32,
                       DType::U32,  DType::F32, DType::F64, DType::I64,     DType::U64};
  uint8_t next = 3;
  for (DType d : all) {
    fixtures::OwnedTensor t;
    t.name = std::string("t.") + dtypeName(d);
    t.dtype = d;
    t.shape = {2, 3};
    t.bytes.resize(6 * dtypeSize(d));
    for (auto& b : t.bytes) {
      next = static_cast<uint8_t>(next * 37 + 11);
      // BOOL must hold 0/1 to be meaningful to readers that decode it.
      b = static_cast<std::byte>(d == DType::Bool ? (next & 1) : next);
    }
    out.push_back(t);
  }
  out.push_back({"empty.f32", DType::F32, {0, 5}, {}});
  out.push_back({"empty.rank1", DType::I64, {0}, {}});
  auto scalar = fixtures::f32Tensor("scalar.f32", {}, 7);
  out.push_back(scalar);
  fixtures::OwnedTensor scalarI64{"scalar.i64", DType::I64, {}, std::vector<std::byte>(8)};
  scalarI64.bytes[0] = std::byte{0x2A};
  scalarI64.bytes[7] = std::byte{0x80};
  out.push_back(scalarI64);
  return out;
}

std::string tensorHeader(const std::string& body) {
  return "{" + body + "}";
}

}  // namespace

class TestSafetensors : public QObject {
  Q_OBJECT

 private slots:
  void roundTripEveryDType() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto tensors = allDTypeTensors();
    const std::map<std::string, std::string> meta{{"format", "pt"}, {"note", "ünïcødé"}};
    const std::string path = dir.filePath("all.safetensors").toStdString();
    auto w = writeSafetensors(path, fixtures::views(tensors), meta);
    QVERIFY2(w.ok(), w.ok() ? "" : w.error().message.c_str());

    auto file = SafetensorsFile::open(path);
    QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
    QCOMPARE(file->tensors().size(), tensors.size());
    QCOMPARE(file->metadata(), meta);
    QCOMPARE(file->headerSize() % 8, uint64_t{0});
    for (const auto& t : tensors) {
      const TensorView* v = file->find(t.name);
      QVERIFY2(v != nullptr, t.name.c_str());
      QCOMPARE(v->dtype, t.dtype);
      QCOMPARE(v->shape, t.shape);
      QCOMPARE(v->data.size(), t.bytes.size());
      QVERIFY(std::equal(v->data.begin(), v->data.end(), t.bytes.begin()));
      // Writer ordering keeps every tensor aligned to its element size in the file.
      QCOMPARE((8 + file->headerSize() + v->dataOffset) % dtypeSize(v->dtype), uint64_t{0});
    }
    QCOMPARE(file->find("scalar.f32")->numel(), int64_t{1});
    QCOMPARE(file->find("empty.f32")->numel(), int64_t{0});
    QVERIFY(file->find("absent") == nullptr);

    // The in-memory image is byte-identical to the file, and parses the same way.
    auto image = serializeSafetensors(fixtures::views(tensors), meta);
    QVERIFY(image.ok());
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray onDisk = f.readAll();
    QCOMPARE(static_cast<std::size_t>(onDisk.size()), image->size());
    QVERIFY(std::memcmp(onDisk.data(), image->data(), image->size()) == 0);
    auto mem = SafetensorsFile::fromBytes(*image, "memory");
    QVERIFY(mem.ok());
    QCOMPARE(mem->tensors().size(), tensors.size());

    // A copy shares the mapping: views stay valid after the original is gone.
    std::optional<SafetensorsFile> copy;
    {
      auto again = SafetensorsFile::open(path);
      QVERIFY(again.ok());
      copy = *again;
    }
    QCOMPARE(copy->find("scalar.i64")->data[0], std::byte{0x2A});
  }

  // Loading drops a tensor's mapped pages once it is copied; the bytes must read back unchanged
  // (re-read from the file), and an in-memory image, the only copy of its bytes, is left alone.
  void releasedPagesReadBackUnchanged() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::vector<fixtures::OwnedTensor> tensors = {
        fixtures::f32Tensor("big", {64, 1024}, 3),  // 256 KiB: many whole pages
        fixtures::f32Tensor("small", {7}, 4)};      // inside one page: nothing to drop
    const std::string path = dir.filePath("pages.safetensors").toStdString();
    QVERIFY(writeSafetensors(path, fixtures::views(tensors)).ok());
    auto file = SafetensorsFile::open(path);
    QVERIFY(file.ok());
    auto image = serializeSafetensors(fixtures::views(tensors));
    QVERIFY(image.ok());
    auto mem = SafetensorsFile::fromBytes(*image, "memory");
    QVERIFY(mem.ok());
    for (const SafetensorsFile* f : {&*file, &*mem}) {
      for (const auto& t : tensors) {
        const TensorView* v = f->find(t.name);
        QVERIFY(v != nullptr);
        QVERIFY(std::equal(v->data.begin(), v->data.end(), t.bytes.begin()));
        f->releasePages(*v);
        QVERIFY(std::equal(v->data.begin(), v->data.end(), t.bytes.begin()));
        // A view of another file is not this file's to release: nothing happens.
        (f == &*file ? *mem : *file).releasePages(*v);
        QVERIFY(std::equal(v->data.begin(), v->data.end(), t.bytes.begin()));
      }
    }
  }

  void emptyFileAndTrailingSpaces() {
    auto ok = SafetensorsFile::fromBytes(rawImage("{}      "), "spaces");
    QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().message.c_str());
    QCOMPARE(ok->tensors().size(), std::size_t{0});
    auto noTensors = serializeSafetensors({});
    QVERIFY(noTensors.ok());
    QVERIFY(SafetensorsFile::fromBytes(*noTensors, "none").ok());
  }

  void malformed_data() {
    QTest::addColumn<std::vector<std::byte>>("bytes");
    QTest::addColumn<stts::ErrorCode>("code");
    QTest::addColumn<QString>("needle");
    using stts::ErrorCode;
    const std::string f32x2 = R"("dtype":"F32","shape":[2],"data_offsets":[0,8])";

    QTest::newRow("empty file") << std::vector<std::byte>{} << ErrorCode::InvalidData
                                << "too short";
    QTest::newRow("7 bytes") << std::vector<std::byte>(7) << ErrorCode::InvalidData << "too short";
    QTest::newRow("header longer than file")
        << rawImage("{}", 0, 100) << ErrorCode::InvalidData << "claims 100 bytes";
    QTest::newRow("N over 100,000,000")
        << rawImage("{}", 0, 100'000'001) << ErrorCode::TooLarge << "100,000,000";
    QTest::newRow("N+8 overflow") << rawImage("{}", 0, UINT64_MAX) << ErrorCode::InvalidData
                                  << "overflows";
    QTest::newRow("not starting with {")
        << rawImage(" {}") << ErrorCode::InvalidData << "does not start with '{'";
    QTest::newRow("array header") << rawImage("[1]") << ErrorCode::InvalidData
                                  << "does not start with '{'";
    QTest::newRow("invalid UTF-8") << rawImage("{\"__metadata__\":{\"k\":\"\xC3\x28\"}}")
                                   << ErrorCode::InvalidData << "not valid UTF-8";
    QTest::newRow("overlong UTF-8") << rawImage("{\"__metadata__\":{\"k\":\"\xC0\xAF\"}}")
                                    << ErrorCode::InvalidData << "not valid UTF-8";
    QTest::newRow("not JSON") << rawImage("{\"a\":") << ErrorCode::InvalidData << "not valid JSON";
    QTest::newRow("garbage after object")
        << rawImage("{} x") << ErrorCode::InvalidData << "not valid JSON";
    QTest::newRow("duplicate tensor (top level)")
        << rawImage(tensorHeader("\"a\":{" + f32x2 + "},\"a\":{" + f32x2 + "}"), 8)
        << ErrorCode::InvalidData << "key \"a\" twice at the top level";
    QTest::newRow("duplicate key inside a tensor")
        << rawImage(tensorHeader(
                        R"("w":{"dtype":"F32","dtype":"F16","shape":[2],"data_offsets":[0,8]})"),
                    8)
        << ErrorCode::InvalidData << "key \"dtype\" twice inside \"w\"";
    QTest::newRow("duplicate key in metadata")
        << rawImage(R"({"__metadata__":{"k":"1","k":"2"}})") << ErrorCode::InvalidData
        << "key \"k\" twice inside \"__metadata__\"";
    QTest::newRow("metadata value not a string")
        << rawImage(R"({"__metadata__":{"format":1}})") << ErrorCode::InvalidData
        << "value for \"format\" must be a string";
    QTest::newRow("metadata not an object")
        << rawImage(R"({"__metadata__":["a"]})") << ErrorCode::InvalidData
        << "must be an object of strings";
    QTest::newRow("bad dtype")
        << rawImage(tensorHeader(R"("w":{"dtype":"F128","shape":[2],"data_offsets":[0,8]})"), 8)
        << ErrorCode::Unsupported << "unsupported dtype \"F128\"";
    QTest::newRow("lowercase dtype")
        << rawImage(tensorHeader(R"("w":{"dtype":"f32","shape":[2],"data_offsets":[0,8]})"), 8)
        << ErrorCode::Unsupported << "unsupported dtype";
    QTest::newRow("negative shape")
        << rawImage(tensorHeader(R"("w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]})"), 8)
        << ErrorCode::InvalidData << "shape entry -2";
    QTest::newRow("fractional shape")
        << rawImage(tensorHeader(R"("w":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]})"), 8)
        << ErrorCode::InvalidData << "not a non-negative integer";
    QTest::newRow("overlapping offsets")
        << rawImage(tensorHeader(R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                 R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]})"),
                    12)
        << ErrorCode::InvalidData << "\"b\" overlaps";
    QTest::newRow("gap between tensors")
        << rawImage(tensorHeader(R"("a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                                 R"("b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]})"),
                    12)
        << ErrorCode::InvalidData << "gap of 4 bytes before tensor \"b\"";
    QTest::newRow("data not starting at 0")
        << rawImage(tensorHeader(R"("a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]})"), 8)
        << ErrorCode::InvalidData << "gap of 4 bytes";
    QTest::newRow("trailing bytes after last tensor")
        << rawImage(tensorHeader(R"("a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]})"), 8)
        << ErrorCode::InvalidData << "4 bytes follow the last tensor";
    QTest::newRow("tensor past EOF")
        << rawImage(tensorHeader(R"("a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]})"), 8)
        << ErrorCode::InvalidData << "past the end";
    QTest::newRow("size != product(shape) x dtype")
        << rawImage(tensorHeader(R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]})"), 4)
        << ErrorCode::InvalidData << "occupies 4 bytes but its shape [2] and dtype F32 need 8";
    QTest::newRow("shape product overflow")
        << rawImage(tensorHeader(R"("a":{"dtype":"F32","shape":[4294967296,4294967296,2],)"
                                 R"("data_offsets":[0,0]})"))
        << ErrorCode::InvalidData << "overflows 64 bits";
    QTest::newRow("bytes overflow (elements fit)")
        << rawImage(tensorHeader(R"("a":{"dtype":"F64","shape":[4611686018427387904],)"
                                 R"("data_offsets":[0,0]})"))
        << ErrorCode::InvalidData << "overflows 64 bits";
    QTest::newRow("offsets end before begin")
        << rawImage(tensorHeader(R"("a":{"dtype":"U8","shape":[0],"data_offsets":[4,0]})"), 4)
        << ErrorCode::InvalidData << "end before they begin";
    QTest::newRow("offsets not a pair")
        << rawImage(tensorHeader(R"("a":{"dtype":"U8","shape":[1],"data_offsets":[0]})"), 1)
        << ErrorCode::InvalidData << "data_offsets [begin, end]";
    QTest::newRow("negative offset")
        << rawImage(tensorHeader(R"("a":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]})"), 1)
        << ErrorCode::InvalidData << "data_offsets [begin, end]";
    QTest::newRow("missing dtype")
        << rawImage(tensorHeader(R"("a":{"shape":[1],"data_offsets":[0,1]})"), 1)
        << ErrorCode::InvalidData << "has no \"dtype\"";
    QTest::newRow("unknown field")
        << rawImage(tensorHeader(R"("a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"x":1})"), 1)
        << ErrorCode::InvalidData << "unknown field \"x\"";
    QTest::newRow("tensor entry not an object")
        << rawImage(tensorHeader(R"("a":[1,2])")) << ErrorCode::InvalidData << "must be an object";
    std::string deep(100, '[');
    QTest::newRow("absurd nesting")
        << rawImage("{\"__metadata__\":" + deep + std::string(100, ']') + "}")
        << ErrorCode::InvalidData << "deeper than";
  }

  void malformed() {
    QFETCH(std::vector<std::byte>, bytes);
    QFETCH(stts::ErrorCode, code);
    QFETCH(QString, needle);
    auto mem = SafetensorsFile::fromBytes(bytes, "bad.safetensors");
    QVERIFY(!mem.ok());
    QVERIFY2(mem.error().message.find(needle.toStdString()) != std::string::npos,
             mem.error().message.c_str());
    QVERIFY2(mem.error().message.rfind("bad.safetensors", 0) == 0, "message names the file");
    QCOMPARE(mem.error().code, code);

    // Same verdict through the memory-mapped path.
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.safetensors");
    QVERIFY(fixtures::writeFile(path, bytes));
    auto mapped = SafetensorsFile::open(path.toStdString());
    QVERIFY(!mapped.ok());
    QCOMPARE(mapped.error().code, code);
    QVERIFY(mapped.error().message.find(path.toStdString()) != std::string::npos);
  }

  // Bit flips and truncations of a valid image: every outcome is a value (accepted or a clear
  // error), never a crash or an out-of-bounds read (run under ASan in CI to make that bite).
  void mutationsNeverCrash() {
    auto image = serializeSafetensors(fixtures::views(allDTypeTensors()), {{"format", "pt"}});
    QVERIFY(image.ok());
    const std::vector<std::byte>& good = *image;
    int accepted = 0, rejected = 0;
    for (std::size_t len = 0; len < good.size(); ++len) {
      std::vector<std::byte> cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(len));
      auto r = SafetensorsFile::fromBytes(std::move(cut), "cut");
      r.ok() ? ++accepted : ++rejected;
      if (!r.ok()) QVERIFY(!r.error().message.empty());
    }
    QCOMPARE(accepted, 0);  // every strict prefix is truncated
    uint32_t state = 12345;
    for (int i = 0; i < 3000; ++i) {
      std::vector<std::byte> bad = good;
      for (int k = 0; k < 1 + i % 3; ++k) {
        state = state * 1664525u + 1013904223u;
        // Mostly inside the length prefix and header, where the parser's decisions are.
        const std::size_t span =
            (state >> 31) ? bad.size() : std::min<std::size_t>(bad.size(), 400);
        bad[(state >> 8) % span] ^= static_cast<std::byte>(1u << ((state >> 4) % 8));
      }
      auto r = SafetensorsFile::fromBytes(std::move(bad), "flip");
      if (r.ok()) {
        for (const auto& t : r->tensors()) QCOMPARE(t.data.size(), t.numel() * dtypeSize(t.dtype));
      } else {
        QVERIFY(r.error().message.rfind("flip: ", 0) == 0);
      }
    }
  }

  void openErrors() {
    QTemporaryDir dir;
    auto missing = SafetensorsFile::open(dir.filePath("nope.safetensors").toStdString());
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, stts::ErrorCode::NotFound);
    auto folder = SafetensorsFile::open(dir.path().toStdString());
    QVERIFY(!folder.ok());
    QVERIFY(folder.error().message.find("not a regular file") != std::string::npos);
  }

  void writerRejectsBadInput() {
    std::vector<std::byte> four(4);
    auto sizeMismatch = serializeSafetensors({{"a", DType::F32, {2}, four}});
    QVERIFY(!sizeMismatch.ok());
    QVERIFY(sizeMismatch.error().message.find("need 8") != std::string::npos);
    auto dup = serializeSafetensors({{"a", DType::F32, {1}, four}, {"a", DType::F32, {1}, four}});
    QVERIFY(!dup.ok());
    auto reserved = serializeSafetensors({{"__metadata__", DType::F32, {1}, four}});
    QVERIFY(!reserved.ok());
    auto negative = serializeSafetensors({{"a", DType::F32, {-1}, four}});
    QVERIFY(!negative.ok());
  }

  void writerIsAtomic() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("out.safetensors").toStdString();
    auto t = fixtures::f32Tensor("w", {3}, 1);
    QVERIFY(writeSafetensors(path, fixtures::views({t})).ok());
    // Overwrite in place; no temporary file is left behind.
    auto t2 = fixtures::f32Tensor("w2", {5}, 2);
    QVERIFY(writeSafetensors(path, fixtures::views({t2})).ok());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"out.safetensors"});
    auto back = SafetensorsFile::open(path);
    QVERIFY(back.ok());
    QVERIFY(back->find("w2") != nullptr && back->find("w") == nullptr);
    // A failed write leaves the old file untouched and reports the path.
    auto bad = writeSafetensors(dir.filePath("no/such/dir/x.safetensors").toStdString(),
                                fixtures::views({t}));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, stts::ErrorCode::NotFound);
    QVERIFY2(bad.error().message.find("no/such/dir does not exist") != std::string::npos,
             bad.error().message.c_str());
    // rename(2) replaces device nodes and FIFOs too: a target that is not a regular file is
    // refused and stays what it was (a FIFO here; /dev/full when run as root was the case found).
    const std::string fifo = dir.filePath("pipe").toStdString();
    QVERIFY(::mkfifo(fifo.c_str(), 0644) == 0);
    auto intoFifo = writeSafetensors(fifo, fixtures::views({t}));
    QVERIFY(!intoFifo.ok());
    QVERIFY(intoFifo.error().message.find("FIFO") != std::string::npos);
    struct stat st {};
    QVERIFY(::lstat(fifo.c_str(), &st) == 0 && S_ISFIFO(st.st_mode));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::System).size(), 2);  // no temporaries
  }

  // An independent reader (no safetensors package): parse the length, the JSON header and the
  // offsets with the standard library, decode with numpy when present (struct otherwise), and
  // compare with the values the test wrote.
  void pythonReadsWriterOutput() {
    const QString python = QStandardPaths::findExecutable("python3");
    if (python.isEmpty()) QSKIP("python3 not found");
    QTemporaryDir dir;
    const std::vector<float> f32{1.5f, -2.25f, 0.0f, 3.0e38f, -1.0e-38f, 42.0f};
    const std::vector<double> f64{3.141592653589793, -0.5};
    const std::vector<int64_t> i64{-9000000000000000000ll, 7};
    const std::vector<int32_t> i32{-2147483647, 5, 0};
    const std::vector<uint16_t> bf16{0x3F80, 0xC040, 0x0000};  // 1.0, -3.0, 0.0
    const std::vector<uint16_t> f16{0x3C00, 0xC200, 0x7BFF};   // 1.0, -3.0, 65504
    const std::vector<uint8_t> u8{0, 255, 17};
    const std::vector<uint8_t> b{1, 0};
    auto span = [](const auto& v) { return std::as_bytes(std::span(v)); };
    std::vector<TensorToWrite> ts{
        {"f32", DType::F32, {2, 3}, span(f32)}, {"f64", DType::F64, {2}, span(f64)},
        {"i64", DType::I64, {2}, span(i64)},    {"i32", DType::I32, {3}, span(i32)},
        {"bf16", DType::BF16, {3}, span(bf16)}, {"f16", DType::F16, {3}, span(f16)},
        {"u8", DType::U8, {3}, span(u8)},       {"bool", DType::Bool, {2}, span(b)},
        {"empty", DType::F32, {0, 3}, {}},
    };
    const float scalarValue = 6.5f;
    ts.push_back({"scalar", DType::F32, {}, std::as_bytes(std::span(&scalarValue, 1))});
    const QString path = dir.filePath("py.safetensors");
    QVERIFY(writeSafetensors(path.toStdString(), ts, {{"format", "pt"}}).ok());

    const char* script = R"PY(
import json, struct, sys
path = sys.argv[1]
data = open(path, 'rb').read()
n = struct.unpack('<Q', data[:8])[0]
assert n % 8 == 0, 'header not padded to 8'
header = json.loads(data[8:8 + n].decode('utf-8'))
body = data[8 + n:]
assert header.pop('__metadata__') == {'format': 'pt'}
try:
    import numpy as np
except ImportError:
    np = None
fmt = {'F32': 'f', 'F64': 'd', 'I64': 'q', 'I32': 'i', 'F16': 'e', 'U8': 'B', 'BOOL': '?'}
def decode(info):
    b, e = info['data_offsets']
    raw = body[b:e]
    dt = info['dtype']
    if dt == 'BF16':
        u = struct.unpack('<%dH' % (len(raw) // 2), raw)
        return [struct.unpack('<f', struct.pack('<I', x << 16))[0] for x in u]
    if np is not None:
        npt = {'F32': '<f4', 'F64': '<f8', 'I64': '<i8', 'I32': '<i4', 'F16': '<f2', 'U8': 'u1', 'BOOL': '?'}[dt]
        return np.frombuffer(raw, dtype=npt).reshape(info['shape']).ravel().tolist()
    c = fmt[dt]
    return list(struct.unpack('<%d%s' % (len(raw) // struct.calcsize(c), c), raw))
expect = {
    'f32': [1.5, -2.25, 0.0, struct.unpack('<f', struct.pack('<f', 3.0e38))[0],
            struct.unpack('<f', struct.pack('<f', -1.0e-38))[0], 42.0],
    'f64': [3.141592653589793, -0.5], 'i64': [-9000000000000000000, 7],
    'i32': [-2147483647, 5, 0], 'bf16': [1.0, -3.0, 0.0], 'f16': [1.0, -3.0, 65504.0],
    'u8': [0, 255, 17], 'bool': [True, False], 'scalar': [6.5], 'empty': [],
}
assert sorted(header) == sorted(expect), sorted(header)
ends = sorted((v['data_offsets'][0], v['data_offsets'][1]) for v in header.values())
assert ends[0][0] == 0 and ends[-1][1] == len(body)
for name, values in expect.items():
    got = decode(header[name])
    assert got == values, (name, got, values)
print('ok numpy' if np is not None else 'ok struct')
)PY";
    QProcess proc;
    proc.start(python, {"-c", script, path});
    QVERIFY(proc.waitForFinished(60000));
    const QByteArray out = proc.readAllStandardOutput() + proc.readAllStandardError();
    QVERIFY2(proc.exitCode() == 0, out.constData());
    QVERIFY2(out.startsWith("ok"), out.constData());
    qInfo("python reader: %s", out.trimmed().constData());
  }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
