// The run file (.sttsrun, design.md §6): one RunResult as a single safetensors file, readable
// from Python with the `safetensors` package. The format is documented in
// engine/runfile/FORMAT.md; this is its only reader and writer in C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stts/error.h"
#include "stts/run_result.h"

namespace stts {

inline constexpr std::string_view kRunFileFormat = "stts-run";
inline constexpr int kRunFileVersion = 1;
inline constexpr std::string_view kRunFileMetadataKey = "stts";  // the one __metadata__ key
inline constexpr std::string_view kRunFileExtension = ".sttsrun";
inline constexpr int64_t kHeadHashBytes = 1 << 20;  // the video identity hashes the first MiB

// Writes `run` to a temporary file next to `path`, fsyncs it and renames it over `path`. The run
// is checked first with the same rules loadRunFile applies, so whatever saves also loads.
Expected<void> saveRunFile(const std::string& path, const RunResult& run);

// Reads and validates a run file: known format and version, every required tensor with the
// right dtype and a consistent frame count T, keep values 0/1, kept_per_frame equal to the row
// sums of keep, and well-formed metadata. Any problem is one sentence naming the file.
Expected<RunResult> loadRunFile(const std::string& path);
// The same checks on a file image already in memory (tests and the fuzzer,
// tests/fuzz/libfuzzer/fuzz_runfile.cpp); `label` names it in errors where the path would.
Expected<RunResult> loadRunFileFromBytes(std::vector<std::byte> bytes, const std::string& label);

// Checks a RunResult's internal consistency (what saveRunFile refuses); success or a sentence.
Expected<void> validateRunResult(const RunResult& run);

// Identity of a video file, so a reopened run can tell whether its video changed.
struct FileIdentity {
  int64_t size = 0;
  int64_t mtime = 0;     // seconds since the epoch
  std::string headHash;  // lowercase hex SHA-256 of the first min(size, 1 MiB) bytes
};
Expected<FileIdentity> fileIdentity(const std::string& path);

// Lowercase hex SHA-256 (FIPS 180-4) of `data`; also usable for the model config hash.
std::string sha256Hex(std::span<const std::byte> data);
std::string sha256Hex(std::string_view data);

}  // namespace stts
