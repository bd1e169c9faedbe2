// (b) The run-file reader: a safetensors image in memory (loadRunFileFromBytes: tensor names,
// dtypes, shapes, the frame count T, keep/kept_per_frame consistency) and, on the same input
// taken as text, the metadata JSON reader alone (runfile_metadata.cpp), which the image form
// only reaches through an escaped JSON string inside the header.
//
// Properties: a loaded run passes validateRunResult (what saveRunFile requires), and the
// metadata is stable: load -> write -> load -> write gives the same text (FORMAT.md promises
// save -> load -> save is byte-identical).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "runfile_internal.h"
#include "stts/runfile.h"

namespace {

void checkMetadataRoundTrip(const stts::RunResult& run) {
  auto text = stts::runfile::metadataJson(run);
  if (!text) return;  // a non-finite number, which JSON cannot hold: refused with a sentence
  stts::RunResult again;
  auto parsed = stts::runfile::parseMetadataJson(*text, &again);
  STTS_FUZZ_CHECK(parsed.ok());
  auto text2 = stts::runfile::metadataJson(again);
  STTS_FUZZ_CHECK(text2.ok());
  STTS_FUZZ_CHECK(*text2 == *text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::byte> bytes(reinterpret_cast<const std::byte*>(data),
                               reinterpret_cast<const std::byte*>(data) + size);
  auto run = stts::loadRunFileFromBytes(std::move(bytes), "fuzz.sttsrun");
  if (run) {
    STTS_FUZZ_CHECK(stts::validateRunResult(*run).ok());
    STTS_FUZZ_CHECK(run->frames >= 1);
    STTS_FUZZ_CHECK(run->keep.size() ==
                    static_cast<std::size_t>(run->frames) * stts::kCellsPerFrame);
    checkMetadataRoundTrip(*run);
  } else {
    STTS_FUZZ_CHECK(!run.error().message.empty());
  }

  stts::RunResult fromText;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (stts::runfile::parseMetadataJson(text, &fromText)) checkMetadataRoundTrip(fromText);
  return 0;
}
