// Writing a fitted model folder: a copy of the input folder with the scorer shards rewritten,
// built in a temporary sibling and renamed into place, then verified by reading it back.
#pragma once

#include <ATen/ATen.h>

#include <map>
#include <string>
#include <vector>

#include "stts/error.h"

namespace stts::fit {

// Fails when `dir` exists and is not an empty folder, unless `overwrite` (then only a folder
// that looks like a model folder, with config.json, may be replaced).
Expected<void> checkOutputDir(const std::string& dir, bool overwrite);

// Copies every file of modelDir, rewrites each shard holding a tensor of `scorer` (checkpoint
// name -> new values, any float dtype; stored in the shard's original dtype), adds
// fit_log.json = logJson, verifies that exactly the scorer tensors differ, and renames the
// result to outputDir. Returns the rewritten shard file names. Nothing is left on failure.
Expected<std::vector<std::string>> writeFittedModel(const std::string& modelDir,
                                                    const std::string& outputDir,
                                                    const std::map<std::string, at::Tensor>& scorer,
                                                    const std::string& logJson, bool overwrite);

}  // namespace stts::fit
