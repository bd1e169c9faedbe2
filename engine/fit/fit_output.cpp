#include "fit_output.h"

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

#include "stts/checkpoint/model_folder.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/checkpoint/tensor_names.h"
#include "stts/model/model_impl.h"

namespace stts::fit {
namespace fs = std::filesystem;
namespace {

Error ioError(const std::string& what, const std::error_code& ec) {
  return makeError(ErrorCode::Io, what + ": " + ec.message());
}

// Removes a temporary folder on every exit path until release() (the success path renamed it).
class TempDir {
 public:
  explicit TempDir(fs::path p) : path_(std::move(p)) {}
  ~TempDir() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

bool sameBytes(const ckpt::TensorView& a, const ckpt::TensorView& b) {
  return a.dtype == b.dtype && a.shape == b.shape && a.data.size() == b.data.size() &&
         (a.data.empty() || std::memcmp(a.data.data(), b.data.data(), a.data.size()) == 0);
}

// Reads both folders back (full validation of the output): same tensor inventory, names, shapes
// and dtypes, and every non-scorer tensor byte-identical.
Expected<void> verify(const std::string& inDir, const std::string& outDir) {
  ckpt::InspectOptions opts;
  auto in = ckpt::ModelCheckpoint::open(inDir, opts);
  if (!in) return in.error();
  auto out = ckpt::ModelCheckpoint::open(outDir, opts);
  if (!out)
    return makeError(ErrorCode::Internal,
                     "the fitted model folder does not read back: " + out.error().message);
  if (in->info().tensors.size() != out->info().tensors.size())
    return makeError(ErrorCode::Internal, "the fitted model folder has a different tensor count");
  for (const auto& e : in->info().tensors) {
    const auto* a = in->tensor(e.name);
    const auto* b = out->tensor(e.name);
    if (!a || !b)
      return makeError(ErrorCode::Internal, "tensor " + e.name + " is missing after fitting");
    if (a->dtype != b->dtype || a->shape != b->shape)
      return makeError(ErrorCode::Internal, "tensor " + e.name + " changed shape or dtype");
    if (!ckpt::isScorerTensorName(e.name) && !sameBytes(*a, *b))
      return makeError(ErrorCode::Internal,
                       "non-scorer tensor " + e.name + " changed while fitting the scorer");
  }
  return {};
}

}  // namespace

Expected<void> checkOutputDir(const std::string& dir, bool overwrite) {
  if (dir.empty()) return makeError(ErrorCode::InvalidArgument, "no output folder given");
  std::error_code ec;
  const fs::path p(dir);
  if (!fs::exists(p, ec)) return {};
  if (!fs::is_directory(p, ec))
    return makeError(ErrorCode::InvalidArgument, dir + " exists and is not a folder");
  if (fs::is_empty(p, ec)) return {};
  if (!overwrite)
    return makeError(ErrorCode::InvalidArgument,
                     dir + " is not empty; choose another output folder or allow overwriting");
  if (!fs::exists(p / "config.json", ec))
    return makeError(ErrorCode::InvalidArgument,
                     dir + " is not a model folder (no config.json); refusing to replace it");
  return {};
}

Expected<std::vector<std::string>> writeFittedModel(const std::string& modelDir,
                                                    const std::string& outputDir,
                                                    const std::map<std::string, at::Tensor>& scorer,
                                                    const std::string& logJson, bool overwrite) {
  if (auto ok = checkOutputDir(outputDir, overwrite); !ok) return ok.error();
  auto in = ckpt::ModelCheckpoint::open(modelDir);
  if (!in) return in.error();

  fs::path target = fs::absolute(fs::path(outputDir)).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return ioError("cannot create " + target.parent_path().string(), ec);
  const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".fit-tmp-" +
                                               std::to_string(::getpid()));
  fs::remove_all(tmp, ec);
  TempDir guard(tmp);
  fs::copy(modelDir, tmp, fs::copy_options::recursive, ec);
  if (ec) return ioError("cannot copy " + modelDir + " to " + tmp.string(), ec);

  // Shards to rewrite: those holding a scorer tensor.
  std::set<std::string> shards;
  for (const auto& [name, value] : scorer) {
    const std::string file = in->fileOf(name);
    if (file.empty())
      return makeError(ErrorCode::Internal, "the input model has no tensor " + name);
    shards.insert(file);
  }
  std::vector<std::string> rewritten;
  for (const auto& file : shards) {
    auto shard = ckpt::SafetensorsFile::open(modelDir + "/" + file);
    if (!shard) return shard.error();
    std::vector<at::Tensor> keepAlive;
    std::vector<ckpt::TensorToWrite> tensors;
    for (const auto& view : shard->tensors()) {
      ckpt::TensorToWrite w{view.name, view.dtype, view.shape, view.data};
      auto it = scorer.find(view.name);
      if (it != scorer.end()) {
        const auto type = detail::torchFloatType(view.dtype);
        if (!type)
          return makeError(ErrorCode::Unsupported, "scorer tensor " + view.name + " is stored as " +
                                                       ckpt::dtypeName(view.dtype) +
                                                       ", not a float type");
        at::Tensor t = it->second.detach().to(at::kCPU).to(*type).contiguous();
        if (t.sizes().vec() != view.shape)
          return makeError(ErrorCode::Internal, "fitted " + view.name + " has the wrong shape");
        keepAlive.push_back(t);
        w.data = std::span<const std::byte>(static_cast<const std::byte*>(t.data_ptr()),
                                            static_cast<size_t>(t.nbytes()));
      }
      tensors.push_back(w);
    }
    if (auto ok = ckpt::writeSafetensors((tmp / file).string(), tensors, shard->metadata()); !ok)
      return ok.error();
    rewritten.push_back(file);
  }
  {
    std::ofstream log(tmp / "fit_log.json", std::ios::binary | std::ios::trunc);
    log << logJson;
    log.close();
    if (!log) return makeError(ErrorCode::Io, "cannot write " + (tmp / "fit_log.json").string());
  }
  if (auto ok = verify(modelDir, tmp.string()); !ok) return ok.error();

  // Replace: move an old folder aside first, so a failed rename leaves it in place.
  fs::path old;
  if (fs::exists(target, ec)) {
    old = target.parent_path() /
          ("." + target.filename().string() + ".fit-old-" + std::to_string(::getpid()));
    fs::remove_all(old, ec);
    fs::rename(target, old, ec);
    if (ec) return ioError("cannot move the old " + target.string() + " aside", ec);
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignore;
    if (!old.empty()) fs::rename(old, target, ignore);
    return ioError("cannot rename " + tmp.string() + " to " + target.string(), ec);
  }
  guard.release();
  if (!old.empty()) fs::remove_all(old, ec);
  return rewritten;
}

}  // namespace stts::fit
