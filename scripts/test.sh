#!/usr/bin/env bash
# Second README command: installs what is missing, builds and runs the whole test suite. GUI
# tests need a display, so the run happens inside xvfb-run. Extra arguments go to ctest
# (e.g. `bash scripts/test.sh -L video`).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
stts_build
cd "$STTS_BUILD_DIR"
stts_say "running the test suite"
exec xvfb-run -a -s "-screen 0 1920x1200x24" ctest --output-on-failure -j 2 "$@"
