#!/usr/bin/env bash
# Builds the .deb with CPack into a scratch folder (nothing is installed on the machine) and
# checks its file list and control data.
set -euo pipefail
build=${1:?usage: check_deb.sh BUILD_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "cpack produced no .deb"; cat "$work/cpack.log"; exit 1; }
listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
status=0
for want in ./usr/bin/stts ./usr/bin/stts-lens \
            ./usr/share/applications/stts-lens.desktop \
            ./usr/share/icons/hicolor/scalable/apps/stts-lens.svg \
            ./usr/share/metainfo/io.github.stts_lens.metainfo.xml; do
  if ! grep -qx "$want" <<<"$listing"; then
    echo "missing from $(basename "$deb"): $want"
    status=1
  fi
done
# Nothing from the build tree or the tests may leak into the package.
if grep -E 'test_|/fixtures/|\.a$|/include/' <<<"$listing"; then
  echo "the package contains files that belong to the build, not to users (listed above)"
  status=1
fi
package=$(dpkg-deb -f "$deb" Package)
[ "$package" = stts-lens ] || { echo "package name is '$package', expected stts-lens"; status=1; }
depends=$(dpkg-deb -f "$deb" Depends)
grep -q libqt6widgets6 <<<"$depends" || { echo "Depends lacks Qt Widgets: $depends"; status=1; }
grep -q libavcodec <<<"$depends" || { echo "Depends lacks libavcodec: $depends"; status=1; }
if command -v desktop-file-validate >/dev/null 2>&1; then
  dpkg-deb -x "$deb" "$work/root"
  desktop-file-validate "$work/root/usr/share/applications/stts-lens.desktop" || status=1
fi
[ $status -eq 0 ] && echo "package $(basename "$deb") has the expected files"
exit $status
