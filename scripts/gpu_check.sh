#!/usr/bin/env bash
# One prepared command that turns a GPU machine into numbers: configures the model-only build
# (no GUI, no FFmpeg) against this machine's PyTorch, builds it, runs the GPU tests, then
# benchmarks Molmo2-4B shapes (random weights made on the GPU, bf16): frames 16/64/128 x keep
# 1.0/0.5/0.3 x methods none/stts/evs, plus peak memory at 384 frames.
#
#   bash scripts/gpu_check.sh [OUTDIR]        (default: $OUT if set, else build-gpu/results)
#
# A shorter check when device time is short: STTS_GPU_FRAMES=128 STTS_GPU_KEEPS=1.0,0.5
# STTS_GPU_METHODS=none,stts STTS_GPU_PEAK_FRAMES=0 (0: no peak-memory run).
#
# Writes OUTDIR/gpu_check.log (everything), OUTDIR/bench_gpu.json and OUTDIR/ctest_gpu.log.
# Needs python3 with PyTorch 2.x + CUDA, CMake, ninja and a C++20 compiler; nlohmann-json, PCRE2
# and utf8proc from the system or from build-gpu-deps (scripts/gpu_deps.sh on a Debian machine).
# Without a CUDA device it stops at once: exit 3 and one line.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${1:-${OUT:-$ROOT/build-gpu/results}}
BUILD=${STTS_GPU_BUILD_DIR:-$ROOT/build-gpu}
PYTHON=${PYTHON:-python3}

if ! { command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q GPU; }; then
  echo "gpu_check: no CUDA device on this machine (nvidia-smi lists none); nothing to check" >&2
  exit 3
fi
mkdir -p "$RESULTS"
exec > >(tee "$RESULTS/gpu_check.log") 2>&1
say() { printf '[gpu_check %s] %s\n' "$(date +%T)" "$*"; }
start=$(date +%s)

info=$("$PYTHON" -c 'import torch, torch.utils; print(torch.utils.cmake_prefix_path, torch.__version__, torch.version.cuda, torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "-")') ||
  { echo "gpu_check: $PYTHON has no PyTorch" >&2; exit 1; }
read -r torch_prefix torch_version cuda_version cuda_ok gpu_name <<<"$info"
[ "$cuda_ok" = True ] || { echo "gpu_check: PyTorch $torch_version sees no CUDA device" >&2; exit 3; }
say "PyTorch $torch_version (CUDA $cuda_version) on $gpu_name; $(nproc) cores"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true

prefix="$torch_prefix"
extra=()
deps=$ROOT/build-gpu-deps/root
if [ -d "$deps" ]; then
  say "using the carried Debian packages in $deps for nlohmann-json, PCRE2 and utf8proc"
  prefix="$prefix;$deps/usr"
  # Their .pc files name /usr, so the plain search (tested by scripts/test.sh's model-only build)
  # finds them instead of pkg-config.
  extra+=("-DCMAKE_LIBRARY_PATH=$deps/usr/lib/x86_64-linux-gnu" "-DCMAKE_INCLUDE_PATH=$deps/usr/include"
    -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON)
  export LD_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# The GPU machine's own architecture only: the build compiles no kernels of its own, but LibTorch's
# CMake wants a list, and probing the GPU from CMake needs a try_run.
arch=$("$PYTHON" -c 'import torch; print("%d.%d" % torch.cuda.get_device_capability(0))')

say "configuring the model-only build in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTTS_BUILD_GUI=OFF \
  -DSTTS_WITH_FFMPEG=OFF -DSTTS_WITH_CUDA=ON "-DCMAKE_PREFIX_PATH=$prefix" \
  "-DTORCH_CUDA_ARCH_LIST=$arch" "${extra[@]}" >"$RESULTS/configure.log" 2>&1 ||
  { tail -40 "$RESULTS/configure.log"; say "configuration failed"; exit 1; }
say "building test_gpu and bench_gpu ($(nproc) jobs)"
cmake --build "$BUILD" -j "$(nproc)" --target test_gpu bench_gpu stts >"$RESULTS/build.log" 2>&1 ||
  { grep -E "error|Error" "$RESULTS/build.log" | head -40; say "the build failed"; exit 1; }
say "built in $(( $(date +%s) - start )) s"

say "ctest -L gpu"
status=0
(cd "$BUILD" && ctest -L gpu -V --timeout 600) 2>&1 | tee "$RESULTS/ctest_gpu.log" ||
  status=1

say "benchmark: Molmo2-4B shapes, bf16, random weights"
"$BUILD/tests/engine/gpu/bench_gpu" --shapes real --device cuda --dtype bfloat16 \
  --frames "${STTS_GPU_FRAMES:-16,64,128}" --keeps "${STTS_GPU_KEEPS:-1.0,0.5,0.3}" \
  --methods "${STTS_GPU_METHODS:-none,stts,evs}" --warmup 1 --repeat 3 \
  --new-tokens 16 --peak-frames "${STTS_GPU_PEAK_FRAMES:-384}" --json "$RESULTS/bench_gpu.json" ||
  status=1
say "done in $(( $(date +%s) - start )) s (exit $status); results in $RESULTS"
exit $status
