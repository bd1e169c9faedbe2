// Shared between the run-file sources (not installed): the metadata JSON half of the format.
#pragma once

#include <string>
#include <string_view>

#include "stts/error.h"
#include "stts/run_result.h"

namespace stts::runfile {

// The value of __metadata__["stts"]: compact JSON of everything in `run` that is not a tensor.
// Fails (InvalidArgument) on a non-finite number, which JSON cannot hold.
Expected<std::string> metadataJson(const RunResult& run);

// Parses that JSON into the non-tensor fields of *run (run->frames included). Errors are
// sentences without the file name; the caller prefixes it.
Expected<void> parseMetadataJson(std::string_view text, RunResult* run);

}  // namespace stts::runfile
