#!/usr/bin/env bash
# The README opens with exactly two commands (first fenced block); CI must run the second one
# and nothing else.
set -euo pipefail
root=${1:?usage: check_readme_ci.sh SOURCE_DIR}
mapfile -t commands < <(awk '/^```/{n++; next} n==1 && NF && $1 !~ /^#/' "$root/README.md")
if [ ${#commands[@]} -ne 2 ]; then
  echo "README's first code block should hold exactly two commands, found ${#commands[@]}:"
  printf '  %s\n' "${commands[@]}"
  exit 1
fi
mapfile -t ci < <(grep -vE '^\s*(#|$|set |cd )' "$root/.ci/run")
if [ ${#ci[@]} -ne 1 ] || [ "${ci[0]}" != "${commands[1]}" ]; then
  echo "README's test command is: ${commands[1]}"
  echo ".ci/run runs:"
  printf '  %s\n' "${ci[@]}"
  exit 1
fi
echo "README and .ci/run agree: ${commands[1]}"
