#!/usr/bin/env bash
# Second README command: installs what is missing and builds and runs the whole test suite twice:
#   1. build/        Debian's LibTorch 1.13 (CPU): everything, GUI tests included (in xvfb-run);
#   2. build-torch2/ PyPI's LibTorch 2.x with CUDA (project venv): the engine, the CLI and every
#                    engine/CLI test, so every LibTorch source compiles against 2.x with CUDA on.
#                    GPU tests run where a CUDA device exists and skip with a reason elsewhere.
#   3. build-modelonly/ what a GPU machine builds (scripts/gpu_check.sh): no GUI, no FFmpeg, no
#                    Qt (hidden from CMake), PCRE2/utf8proc found without pkg-config; the GPU
#                    tests and the CPU run of the GPU benchmark.
#   4. build-asan/   clang with AddressSanitizer + UndefinedBehaviorSanitizer on every target
#                    (cmake/Sanitizers.cmake), no LibTorch and no GUI: the code that parses
#                    untrusted input (video, checkpoint, run file, tokenizer, prune, the merge
#                    logic) and its tests, plus the libFuzzer targets (tests/fuzz/libfuzzer: seed
#                    corpus and regression replay, then a short fixed run each; ctest -L fuzz).
#                    Any sanitizer report or leak fails the test. scripts/fuzz.sh fuzzes longer.
# Extra arguments go to every ctest run (e.g. `bash scripts/test.sh -L video`).
# STTS_TEST_CONFIGS="debian python modelonly asan" (the default) chooses which run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
configs=${STTS_TEST_CONFIGS:-"debian python modelonly asan"}
stts_install_packages "${STTS_PACKAGES[@]}"
stts_use_openmp_blas
stts_venv  # the tokenizer parity reference (HF tokenizers) and PyPI's LibTorch live here

status=0
for config in $configs; do
  compilers=()  # CC/CXX for this configuration's first configure; empty: CMake's choice
  case "$config" in
    debian) dir=$STTS_ROOT/build torch=debian args=(-DSTTS_BUILD_GUI=ON) ;;
    python) dir=$STTS_ROOT/build-torch2 torch=python args=(-DSTTS_BUILD_GUI=OFF) ;;
    modelonly)
      dir=$STTS_ROOT/build-modelonly torch=debian
      args=(-DSTTS_BUILD_GUI=OFF -DSTTS_WITH_FFMPEG=OFF -DCMAKE_DISABLE_FIND_PACKAGE_Qt6=ON
        -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON) ;;
    asan)
      dir=$STTS_ROOT/build-asan torch=none compilers=(CC=clang CXX=clang++)
      args=(-DSTTS_BUILD_GUI=OFF -DSTTS_SANITIZE=address,undefined -DSTTS_FUZZ=ON) ;;
    *) stts_die "STTS_TEST_CONFIGS: unknown configuration '$config' (debian, python, modelonly, asan)" ;;
  esac
  (
    [ ${#compilers[@]} -eq 0 ] || export "${compilers[@]}"
    STTS_BUILD_DIR=$dir STTS_TORCH=$torch stts_build "${args[@]}"
  )
  stts_say "running the test suite ($config LibTorch, $dir)"
  (cd "$dir" && xvfb-run -a -s "-screen 0 1920x1200x24" ctest --output-on-failure -j 2 "$@") ||
    status=1
done
exit $status
