# Shared by scripts/demo.sh and scripts/test.sh: installs what the build needs (idempotently),
# chooses a LibTorch, configures and builds. Source it; do not run it.
# Environment:
#   STTS_TORCH      auto (default) | debian | python | none | /path/to/libtorch-prefix
#   STTS_BUILD_DIR  build directory (default: build)
#   STTS_JOBS       parallel build jobs (default: ninja's choice)

STTS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STTS_BUILD_DIR=${STTS_BUILD_DIR:-$STTS_ROOT/build}

stts_say() { printf '\033[1m[stts]\033[0m %s\n' "$*" >&2; }
stts_die() { printf '\033[1;31m[stts]\033[0m %s\n' "$*" >&2; exit 1; }

# Debian 12 packages for building and testing everything except LibTorch.
STTS_PACKAGES=(
  cmake ninja-build ccache g++ pkg-config git
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-qpa-plugins libgl-dev libgl1-mesa-dri libglx-mesa0 libxkbcommon-dev
  libavformat-dev libavcodec-dev libswscale-dev libavutil-dev ffmpeg
  nlohmann-json3-dev libpcre2-dev libutf8proc-dev
  xvfb xauth dpkg-dev desktop-file-utils python3 python3-numpy libopenblas0-pthread
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
  # Node.js and npm come as a pair; a Node.js from elsewhere may already bring its own npm.
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
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

# Sets STTS_TORCH_ARGS (CMake arguments) and prints which LibTorch the build uses.
stts_choose_torch() {
  local choice=${STTS_TORCH:-auto} info=""
  STTS_TORCH_ARGS=()
  if [ "$choice" = auto ] || [ "$choice" = python ]; then
    info=$(python3 - 2>/dev/null <<'PY'
import torch, torch.utils
if int(torch.__version__.split(".")[0]) >= 2:
    print(torch.utils.cmake_prefix_path + "|" + torch.__version__ + "|" + str(torch.version.cuda or "none"))
PY
) || info=""
    if [ -n "$info" ]; then
      IFS='|' read -r prefix version cuda <<<"$info"
      stts_say "building against PyTorch $version's LibTorch at $prefix (CUDA: $cuda); set STTS_TORCH=debian to use Debian's libtorch-dev instead"
      STTS_TORCH_ARGS=(-DSTTS_WITH_TORCH=ON "-DCMAKE_PREFIX_PATH=$prefix")
      return 0
    fi
    [ "$choice" = python ] && stts_die "STTS_TORCH=python but python3 has no PyTorch 2.x"
    choice=debian
  fi
  case "$choice" in
    debian)
      stts_install_packages libtorch-dev
      stts_say "building against Debian's libtorch-dev (CPU only); with a PyTorch 2.x in python3 the build would use its LibTorch"
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

stts_build() {
  stts_install_packages "${STTS_PACKAGES[@]}"
  stts_choose_torch
  export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
  # Relative paths in the cache keys, so a second checkout or build folder reuses the objects.
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$STTS_ROOT}
  "$STTS_ROOT/scripts/fetch_tokenizer.sh" || stts_die "could not fetch the Qwen3 tokenizer data (see above)"
  cmake -S "$STTS_ROOT" -B "$STTS_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    "${STTS_TORCH_ARGS[@]}" "$@" >"$STTS_ROOT/.cmake-configure.log" 2>&1 ||
    { cat "$STTS_ROOT/.cmake-configure.log" >&2; stts_die "CMake configuration failed (log above)"; }
  rm -f "$STTS_ROOT/.cmake-configure.log"
  local jobs=()
  [ -n "${STTS_JOBS:-}" ] && jobs=(-j "$STTS_JOBS")
  cmake --build "$STTS_BUILD_DIR" "${jobs[@]}" || stts_die "the build failed (errors above)"
}
