#!/usr/bin/env bash
# First README command: installs what is missing, builds (Release) and opens the GUI on the
# bundled demo clip. Safe to run again: installs and rebuilds only what changed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
stts_build
demo="$STTS_BUILD_DIR/demo/demo.mp4"
run="$STTS_BUILD_DIR/demo/demo.sttsrun"   # the demo clip scored by the tiny model
[ -f "$run" ] && demo=$run
gui="$STTS_BUILD_DIR/app/gui/stts-lens"
cli="$STTS_BUILD_DIR/app/cli/stts"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  stts_say "built, but there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset)."
  cat >&2 <<TXT
  Run the GUI on a virtual display (and take screenshots from it):
      xvfb-run -a $gui $demo
  or use the command line, which needs no display:
      $cli probe $STTS_BUILD_DIR/demo/demo.mp4
      $cli sample $STTS_BUILD_DIR/demo/demo.mp4 --max-frames 16
      $cli score --model $STTS_BUILD_DIR/demo/tiny-model --video $STTS_BUILD_DIR/demo/demo.mp4 -o run.sttsrun
TXT
  exit 1
fi
stts_say "opening $demo"
exec "$gui" "$demo"
