#!/usr/bin/env bash
# Run on a Debian 12 machine (the project's desktop or CI machine) before sending the tree to a GPU
# machine that has PyTorch, CMake and ninja but no package registry: downloads the Debian
# packages of the three libraries the model-only build still needs (nlohmann-json, PCRE2,
# utf8proc) and unpacks them with `dpkg -x` into build-gpu-deps/root (git-ignored, ~6 MB), which
# scripts/gpu_check.sh uses when the machine lacks them. Carry build-gpu-deps with the tree.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEST=$ROOT/build-gpu-deps
PACKAGES=(nlohmann-json3-dev libpcre2-dev libpcre2-8-0 libutf8proc-dev libutf8proc2)
rm -rf "$DEST.tmp"
mkdir -p "$DEST.tmp/debs" "$DEST.tmp/root"
chmod 777 "$DEST.tmp/debs"  # apt downloads as its unprivileged _apt user
(cd "$DEST.tmp/debs" && apt-get download "${PACKAGES[@]}" >/dev/null) ||
  { echo "gpu_deps: apt-get download failed (run apt-get update first?)" >&2; exit 1; }
for deb in "$DEST.tmp"/debs/*.deb; do dpkg -x "$deb" "$DEST.tmp/root"; done
rm -rf "$DEST.tmp/debs" "$DEST"
mv "$DEST.tmp" "$DEST"
echo "gpu_deps: $(du -sh "$DEST" | cut -f1) in $DEST (${PACKAGES[*]})" >&2
