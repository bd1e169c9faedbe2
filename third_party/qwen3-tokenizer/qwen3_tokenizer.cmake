# The Qwen3 tokenizer data the tiny model ships with (design.md §5), vendored in this folder.
# Configuration checks both files against the sha256 recorded in README.md, so a damaged or
# edited copy stops the build here instead of producing a tiny model with a different vocabulary.
# Included by engine/tinymodel.
set(STTS_QWEN3_TOKENIZER_DIR "${CMAKE_CURRENT_LIST_DIR}" CACHE PATH
    "Folder with the Qwen3 tokenizer.json and tokenizer_config.json (default: the vendored copy)")

set(_stts_tokenizer_sha256_tokenizer.json
    aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4)
set(_stts_tokenizer_sha256_tokenizer_config.json
    5a7303fcb1a27ede63134a2cbd61d5282c247ca6d769ce4746d4ffa124aedd63)
foreach(_file tokenizer.json tokenizer_config.json)
  set(_path "${STTS_QWEN3_TOKENIZER_DIR}/${_file}")
  if(NOT EXISTS "${_path}")
    message(FATAL_ERROR "The Qwen3 tokenizer file ${_path} is missing. The repository vendors it "
                        "in third_party/qwen3-tokenizer/; point -DSTTS_QWEN3_TOKENIZER_DIR at a "
                        "folder holding the same two files.")
  endif()
  file(SHA256 "${_path}" _got)
  if(NOT _got STREQUAL _stts_tokenizer_sha256_${_file})
    message(FATAL_ERROR "${_path} has sha256 ${_got}, expected "
                        "${_stts_tokenizer_sha256_${_file}} (third_party/qwen3-tokenizer/README.md). "
                        "Restore it with `git checkout -- third_party/qwen3-tokenizer`.")
  endif()
  # Reconfigure when the file changes, so the check cannot go stale.
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_path}")
endforeach()
message(STATUS "Qwen3 tokenizer data: ${STTS_QWEN3_TOKENIZER_DIR} (sha256 verified)")
