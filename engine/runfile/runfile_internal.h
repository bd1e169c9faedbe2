// Shared between the run-file sources (not installed): the metadata JSON half of the format.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "stts/error.h"
#include "stts/run_result.h"
#include "stts/runfile.h"

namespace stts::runfile {

// The value of __metadata__["stts"]: compact JSON of everything in `run` that is not a tensor.
// Fails (InvalidArgument) on a non-finite number, which JSON cannot hold.
Expected<std::string> metadataJson(const RunResult& run);

// Parses that JSON into the non-tensor fields of *run (run->frames included). Errors are
// sentences without the file name; the caller prefixes it.
Expected<void> parseMetadataJson(std::string_view text, RunResult* run);

// The metadata's "video" object (FORMAT.md): what the decoder read and the file's identity. The
// frames file stores the very same object, so a run made from it records the same video.
struct VideoIdentity {
  VideoInfo info;
  FileIdentity file;
};
// Sets *nonFinite to the first field that is not a finite number, unless it already names one.
nlohmann::ordered_json videoJson(const VideoIdentity& video, std::string* nonFinite);
// Strict: every field present with its type; errors name the field ("video.info.duration").
Expected<VideoIdentity> parseVideoJson(const nlohmann::json& video);

}  // namespace stts::runfile
