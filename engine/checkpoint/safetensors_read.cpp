// The strict reader. Every check happens before a TensorView is handed out, so callers may index
// tensor bytes without re-checking bounds.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "checked_math.h"
#include "strict_json.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/regular_file.h"

namespace stts::ckpt {

struct SafetensorsFile::Impl {
  std::string path;
  // Exactly one of the two owns the bytes.
  void* mapping = nullptr;
  std::size_t mappingSize = 0;
  std::vector<std::byte> owned;
  const std::byte* base = nullptr;
  uint64_t size = 0;
  uint64_t headerSize = 0;
  std::vector<TensorView> tensors;
  std::unordered_map<std::string_view, std::size_t> byName;  // views into tensors[i].name
  std::map<std::string, std::string> metadata;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (mapping != nullptr) munmap(mapping, mappingSize);
  }
};

namespace {

std::string inQuotes(std::string_view s) {
  std::string out = "\"";
  out.append(s.substr(0, 200));
  if (s.size() > 200) out += "...";
  out += '"';
  return out;
}

Error invalid(const std::string& label, const std::string& what) {
  return makeError(ErrorCode::InvalidData, label + ": " + what);
}

uint64_t readLe64(const std::byte* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint64_t>(p[i]);
  return v;
}

// A JSON integer that fits in a non-negative int64 (shape entries and offsets).
bool asNonNegative(const nlohmann::json& v, uint64_t* out) {
  if (v.is_number_unsigned()) {
    *out = v.get<uint64_t>();
    return *out <= static_cast<uint64_t>(INT64_MAX);
  }
  if (v.is_number_integer()) {
    const int64_t i = v.get<int64_t>();
    if (i < 0) return false;
    *out = static_cast<uint64_t>(i);
    return true;
  }
  return false;
}

struct Range {
  uint64_t begin;
  uint64_t end;
  std::size_t index;
};

// Validates the image [base, base+size) and fills impl (tensors, metadata, headerSize).
Expected<void> parseImage(SafetensorsFile::Impl& impl) {
  const std::string& label = impl.path;
  const uint64_t size = impl.size;
  if (size < 8) {
    return invalid(label, "file is " + std::to_string(size) +
                              " bytes long, too short for a safetensors header (truncated?)");
  }
  const uint64_t n = readLe64(impl.base);
  if (n > kMaxHeaderBytes) {
    if (n > UINT64_MAX - 8) {
      return makeError(ErrorCode::InvalidData,
                       label + ": header length " + std::to_string(n) +
                           " overflows when the 8-byte prefix is added; the file is corrupt");
    }
    return makeError(ErrorCode::TooLarge, label + ": header length " + std::to_string(n) +
                                              " bytes exceeds the 100,000,000-byte limit");
  }
  if (size - 8 < n) {
    return invalid(label, "header claims " + std::to_string(n) + " bytes but the file has only " +
                              std::to_string(size - 8) + " after the length prefix (truncated?)");
  }
  impl.headerSize = n;
  const std::string_view header(reinterpret_cast<const char*>(impl.base + 8), n);
  if (header.empty() || header.front() != '{') {
    return invalid(label, "header does not start with '{'; this is not a safetensors file");
  }
  auto parsed = detail::parseStrictJson(header, label + ": header");
  if (!parsed) return makeError(parsed.error().code, parsed.error().message);
  const nlohmann::json& root = *parsed;
  if (!root.is_object()) return invalid(label, "header is not a JSON object");

  std::vector<Range> ranges;
  for (const auto& [key, entry] : root.items()) {
    if (key == "__metadata__") {
      if (!entry.is_object()) {
        return invalid(label, "\"__metadata__\" must be an object of strings, found " +
                                  detail::describeJsonType(entry));
      }
      for (const auto& [mkey, mvalue] : entry.items()) {
        if (!mvalue.is_string()) {
          return invalid(label, "\"__metadata__\" value for " + inQuotes(mkey) +
                                    " must be a string, found " + detail::describeJsonType(mvalue));
        }
        impl.metadata.emplace(mkey, mvalue.get<std::string>());
      }
      continue;
    }
    const std::string where = "tensor " + inQuotes(key);
    if (!entry.is_object()) {
      return invalid(label, where + " must be an object, found " + detail::describeJsonType(entry));
    }
    for (const auto& [field, unused] : entry.items()) {
      (void)unused;
      if (field != "dtype" && field != "shape" && field != "data_offsets") {
        return invalid(label, where + " has an unknown field " + inQuotes(field));
      }
    }
    for (const char* field : {"dtype", "shape", "data_offsets"}) {
      if (!entry.contains(field)) return invalid(label, where + " has no \"" + field + "\"");
    }
    TensorView view;
    view.name = key;

    const auto& dtype = entry["dtype"];
    if (!dtype.is_string()) return invalid(label, where + " has a dtype that is not a string");
    const auto parsedDType = parseDType(dtype.get<std::string>());
    if (!parsedDType) {
      return makeError(ErrorCode::Unsupported, label + ": " + where + " has unsupported dtype " +
                                                   inQuotes(dtype.get<std::string>()));
    }
    view.dtype = *parsedDType;

    const auto& shape = entry["shape"];
    if (!shape.is_array()) return invalid(label, where + " has a shape that is not an array");
    uint64_t elements = 1;
    bool overflow = false;
    for (const auto& dim : shape) {
      uint64_t d = 0;
      if (!asNonNegative(dim, &d)) {
        return invalid(label, where + " has a shape entry " + dim.dump() +
                                  " that is not a non-negative integer");
      }
      view.shape.push_back(static_cast<int64_t>(d));
      if (!detail::checkedMul(elements, d, &elements)) overflow = true;
    }
    uint64_t bytes = 0;
    if (overflow || !detail::checkedMul(elements, dtypeSize(view.dtype), &bytes) ||
        elements > static_cast<uint64_t>(INT64_MAX)) {
      return invalid(
          label, where + " has shape " + formatShape(view.shape) + " whose size overflows 64 bits");
    }

    const auto& offsets = entry["data_offsets"];
    uint64_t begin = 0, end = 0;
    if (!offsets.is_array() || offsets.size() != 2 || !asNonNegative(offsets[0], &begin) ||
        !asNonNegative(offsets[1], &end)) {
      return invalid(label, where +
                                " must have data_offsets [begin, end] of two non-negative "
                                "integers");
    }
    if (end < begin) {
      return invalid(label, where + " has data_offsets [" + std::to_string(begin) + ", " +
                                std::to_string(end) + "] that end before they begin");
    }
    if (end - begin != bytes) {
      return invalid(label, where + " occupies " + std::to_string(end - begin) +
                                " bytes but its shape " + formatShape(view.shape) + " and dtype " +
                                dtypeName(view.dtype) + " need " + std::to_string(bytes));
    }
    view.dataOffset = begin;
    ranges.push_back(Range{begin, end, impl.tensors.size()});
    impl.tensors.push_back(std::move(view));
  }

  // The ranges must tile [0, data size) exactly: sorted by offset, each starts where the
  // previous one ended. Zero-sized tensors sort before a tensor starting at the same offset.
  std::sort(ranges.begin(), ranges.end(), [&](const Range& a, const Range& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end < b.end;
    return impl.tensors[a.index].name < impl.tensors[b.index].name;
  });
  const uint64_t dataSize = size - 8 - n;
  uint64_t cursor = 0;
  for (const Range& r : ranges) {
    const std::string& name = impl.tensors[r.index].name;
    if (r.begin < cursor) {
      return invalid(label, "tensor " + inQuotes(name) +
                                " overlaps the tensor before it (starts at " +
                                std::to_string(r.begin) + ", previous ends at " +
                                std::to_string(cursor) + ")");
    }
    if (r.begin > cursor) {
      return invalid(label, "there is a gap of " + std::to_string(r.begin - cursor) +
                                " bytes before tensor " + inQuotes(name));
    }
    if (r.end > dataSize) {
      return invalid(label, "tensor " + inQuotes(name) + " ends at byte " + std::to_string(r.end) +
                                " past the end of the data (" + std::to_string(dataSize) +
                                " bytes; truncated?)");
    }
    cursor = r.end;
  }
  if (cursor != dataSize) {
    return invalid(label, std::to_string(dataSize - cursor) +
                              " bytes follow the last tensor; the file is corrupt or was "
                              "appended to");
  }

  // File order is what a loader streaming pages in wants.
  std::vector<TensorView> ordered;
  ordered.reserve(ranges.size());
  const std::byte* data = impl.base + 8 + n;
  for (const Range& r : ranges) {
    TensorView v = std::move(impl.tensors[r.index]);
    v.data = std::span<const std::byte>(data + r.begin, static_cast<std::size_t>(r.end - r.begin));
    ordered.push_back(std::move(v));
  }
  impl.tensors = std::move(ordered);
  for (std::size_t i = 0; i < impl.tensors.size(); ++i) {
    impl.byName.emplace(impl.tensors[i].name, i);
  }
  return {};
}

}  // namespace

int64_t TensorView::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

Expected<SafetensorsFile> SafetensorsFile::open(const std::string& path) {
  auto impl = std::make_shared<Impl>();
  impl->path = path;
  auto opened = openRegularFile(path);  // a FIFO planted as a shard must not block
  if (!opened) return opened.error();
  const int fd = *opened;
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    return makeError(ErrorCode::Io, path + ": cannot read its status");
  }
  impl->size = static_cast<uint64_t>(st.st_size);
  if (impl->size > 0) {
    void* m = mmap(nullptr, static_cast<std::size_t>(impl->size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      return makeError(ErrorCode::Io, path + ": cannot map the file (" + std::strerror(err) + ")");
    }
    impl->mapping = m;
    impl->mappingSize = static_cast<std::size_t>(impl->size);
    impl->base = static_cast<const std::byte*>(m);
  }
  ::close(fd);  // the mapping keeps the file alive
  auto ok = parseImage(*impl);
  if (!ok) return ok.error();
  return SafetensorsFile(std::move(impl));
}

Expected<SafetensorsFile> SafetensorsFile::fromBytes(std::vector<std::byte> bytes,
                                                     std::string label) {
  auto impl = std::make_shared<Impl>();
  impl->path = std::move(label);
  impl->owned = std::move(bytes);
  impl->base = impl->owned.data();
  impl->size = impl->owned.size();
  auto ok = parseImage(*impl);
  if (!ok) return ok.error();
  return SafetensorsFile(std::move(impl));
}

const std::string& SafetensorsFile::path() const {
  return impl_->path;
}
const std::vector<TensorView>& SafetensorsFile::tensors() const {
  return impl_->tensors;
}
const std::map<std::string, std::string>& SafetensorsFile::metadata() const {
  return impl_->metadata;
}
uint64_t SafetensorsFile::fileSize() const {
  return impl_->size;
}
uint64_t SafetensorsFile::headerSize() const {
  return impl_->headerSize;
}

const TensorView* SafetensorsFile::find(std::string_view name) const {
  auto it = impl_->byName.find(name);
  return it == impl_->byName.end() ? nullptr : &impl_->tensors[it->second];
}

std::string formatShape(const std::vector<int64_t>& shape) {
  std::string out = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(shape[i]);
  }
  return out + "]";
}

void SafetensorsFile::releasePages(const TensorView& view) const {
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  if (impl_->mapping == nullptr || view.data.empty() || page == 0) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(view.data.data());
  const auto end = begin + view.data.size();
  const auto mapBegin = reinterpret_cast<std::uintptr_t>(impl_->mapping);
  if (begin < mapBegin || end > mapBegin + impl_->mappingSize) return;  // not this file's
  const auto first = (begin + page - 1) / page * page;
  const auto last = end / page * page;
  // Advice only: the mapping is read-only and file-backed, so dropped pages are re-read on use.
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

}  // namespace stts::ckpt
