# Shared by scripts/demo.sh and scripts/test.sh: installs what the build needs (idempotently),
# chooses a LibTorch, configures and builds. Source it; do not run it.
# Environment:
#   STTS_TORCH      auto (default) | debian | python | none | /path/to/libtorch-prefix
#                   auto: PyPI's LibTorch 2.x with CUDA (project venv) when a CUDA device is
#                   visible, else Debian's libtorch-dev 1.13 (CPU). python: always the venv's.
#   STTS_BUILD_DIR  build directory (default: build)
#   STTS_JOBS       parallel build jobs (default: ninja's choice)
#   STTS_VENV       the project venv (default: .venv, git-ignored)

STTS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STTS_BUILD_DIR=${STTS_BUILD_DIR:-$STTS_ROOT/build}
STTS_VENV=${STTS_VENV:-$STTS_ROOT/.venv}

stts_say() { printf '\033[1m[stts]\033[0m %s\n' "$*" >&2; }
stts_die() { printf '\033[1;31m[stts]\033[0m %s\n' "$*" >&2; exit 1; }

# Debian 12 packages for building and testing everything except LibTorch.
STTS_PACKAGES=(
  cmake ninja-build ccache g++ pkg-config git
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-qpa-plugins libgl-dev libgl1-mesa-dri libglx-mesa0 libxkbcommon-dev
  libavformat-dev libavcodec-dev libswscale-dev libavutil-dev ffmpeg
  nlohmann-json3-dev libpcre2-dev libutf8proc-dev
  xvfb xauth dpkg-dev desktop-file-utils python3 python3-numpy python3-venv libopenblas0-openmp
  clang libclang-rt-14-dev llvm  # the asan configuration: ASan/UBSan/libFuzzer runtimes, symbolizer
)

stts_missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
}

stts_install_packages() {
  local missing
  mapfile -t missing < <(stts_missing_packages "$@")
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || stts_die "missing packages (${missing[*]}) and no apt-get: install them by hand"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || stts_die "missing packages (${missing[*]}); run as root or install sudo"
    sudo=(sudo)
  fi
  stts_say "installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# OpenMP threads busy-wait after every parallel region by default. When two compute processes
# share the cores (ctest -j2, parallel `stts compare --shard` jobs) they spin against each other:
# three model tests took 121 s instead of 14 s with ctest -j2 on 2 cores. Alone, passive waiting
# costs the demo's `stts score` about 0.1 s of 1.7 s. libgomp reads this when it loads, before
# main(), so it is set by whatever starts the process (these scripts; see README "Speed").
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

# Debian's LibTorch parallelises with OpenMP and calls the system BLAS through libblas.so.3. The
# pthread build of OpenBLAS (Debian's first choice when both are installed) keeps a second thread
# pool that spins against OpenMP's; the OpenMP build shares LibTorch's pool. Measured on 2 cores:
# demo `stts score` 4.0 s with the pthread build as LibTorch uses it, 1.7 s with the OpenMP build;
# two ViT blocks at Molmo2-4B shapes 4.4 s vs 5.7 s with the engine's own workaround for the
# pthread build (engine/model/threads.cpp). Points the three alternatives at the OpenMP build.
stts_use_openmp_blas() {
  local dir=/usr/lib/x86_64-linux-gnu/openblas-openmp name sudo=()
  command -v update-alternatives >/dev/null 2>&1 && [ -d "$dir" ] || return 0
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  for name in libblas.so.3 liblapack.so.3 libopenblas.so.0; do
    [ -e "$dir/$name" ] || continue
    [ "$(readlink -f "/usr/lib/x86_64-linux-gnu/$name")" = "$(readlink -f "$dir/$name")" ] && continue
    stts_say "selecting OpenBLAS's OpenMP build for $name (one thread pool with LibTorch)"
    "${sudo[@]}" update-alternatives --quiet --set "$name-x86_64-linux-gnu" "$dir/$name" ||
      stts_say "could not select it; the engine then pins OpenBLAS to one thread and splits products itself"
  done
}

# The project venv with the pinned packages of scripts/requirements.txt (PyPI's PyTorch 2.11 +
# CUDA 13.0, HF tokenizers, numpy). Installs only when the requirements changed since last time.
stts_venv() {
  local req=$STTS_ROOT/scripts/requirements.txt stamp=$STTS_VENV/.stts-requirements.sha256 want
  want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ -x "$STTS_VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  stts_say "setting up the project venv $STTS_VENV (pip: scripts/requirements.txt)"
  [ -x "$STTS_VENV/bin/python" ] || python3 -m venv "$STTS_VENV" ||
    stts_die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$STTS_VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$req" ||
    stts_die "pip install -r scripts/requirements.txt failed (is PyPI reachable?)"
  echo "$want" >"$stamp"
}

# The CMake prefix of the venv's LibTorch, "prefix|version|cuda" on stdout.
stts_venv_torch_info() {
  "$STTS_VENV/bin/python" - 2>/dev/null <<'PY'
import torch, torch.utils
print(torch.utils.cmake_prefix_path + "|" + torch.__version__ + "|" + str(torch.version.cuda or "none"))
PY
}

stts_have_cuda_device() {
  command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1
}

# Sets STTS_TORCH_ARGS (CMake arguments) and prints which LibTorch the build uses.
stts_choose_torch() {
  local choice=${STTS_TORCH:-auto} info prefix version cuda
  STTS_TORCH_ARGS=()
  if [ "$choice" = auto ]; then
    if stts_have_cuda_device; then choice=python; else choice=debian; fi
  fi
  case "$choice" in
    python)
      stts_venv
      info=$(stts_venv_torch_info) || stts_die "the venv $STTS_VENV has no working PyTorch"
      IFS='|' read -r prefix version cuda <<<"$info"
      stts_say "building against PyTorch $version's LibTorch at $prefix (CUDA: $cuda)"
      STTS_TORCH_ARGS=(-DSTTS_WITH_TORCH=ON "-DCMAKE_PREFIX_PATH=$prefix") ;;
    debian)
      stts_install_packages libtorch-dev
      stts_say "building against Debian's libtorch-dev 1.13 (CPU only); STTS_TORCH=python uses PyPI's LibTorch 2.x with CUDA"
      STTS_TORCH_ARGS=(-DSTTS_WITH_TORCH=ON) ;;
    none)
      stts_say "building without LibTorch (STTS_TORCH=none): the model engine is left out"
      STTS_TORCH_ARGS=(-DSTTS_WITH_TORCH=OFF) ;;
    *)
      [ -d "$choice" ] || stts_die "STTS_TORCH=$choice is neither auto, debian, python, none nor a directory"
      stts_say "building against the LibTorch at $choice"
      STTS_TORCH_ARGS=(-DSTTS_WITH_TORCH=ON "-DCMAKE_PREFIX_PATH=$choice") ;;
  esac
}

# stts_build [CMAKE_ARGS...]: configures and builds $STTS_BUILD_DIR with the chosen LibTorch.
stts_build() {
  stts_install_packages "${STTS_PACKAGES[@]}"
  stts_use_openmp_blas
  stts_choose_torch
  export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
  # Relative paths in the cache keys, so a second checkout or build folder reuses the objects.
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$STTS_ROOT}
  # ccache caches compiles that use the shared torch/torch.h precompiled header only with these
  # (ccache manual, "Precompiled headers"); the build compiles each source with -include.
  export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
  export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-12G}  # two LibTorch configurations, 0.6 GB PCH each
  cmake -S "$STTS_ROOT" -B "$STTS_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    "-DSTTS_PYTHON=$STTS_VENV/bin/python" "${STTS_TORCH_ARGS[@]}" "$@" \
    >"$STTS_BUILD_DIR.configure.log" 2>&1 ||
    { cat "$STTS_BUILD_DIR.configure.log" >&2; stts_die "CMake configuration failed (log above)"; }
  rm -f "$STTS_BUILD_DIR.configure.log"
  local jobs=()
  [ -n "${STTS_JOBS:-}" ] && jobs=(-j "$STTS_JOBS")
  cmake --build "$STTS_BUILD_DIR" "${jobs[@]}" || stts_die "the build failed (errors above)"
}
