#!/usr/bin/env bash
# Includes point one way (design.md §2, docs/architecture.md): engine/ has no Qt, ui/ has no
# LibTorch, and inside ui/ every room includes only itself and rooms below it in this order.
# A new room must be placed in the order before it can be used.
set -euo pipefail
root=${1:?usage: check_layering.sh SOURCE_DIR}
cd "$root"

# Lowest first: shared services, then drawing parts, then features, then the window on top.
rooms=(common media actions view charts timeline ask fit export compare eval panels main)

declare -A rank
for i in "${!rooms[@]}"; do rank[${rooms[$i]}]=$i; done

problems=0
complain() {
  echo "$1"
  problems=$((problems + 1))
}

for dir in ui/*/; do
  room=$(basename "$dir")
  [ -n "${rank[$room]+x}" ] || complain "ui/$room/ is not in the room order of $0"
done

while IFS=: read -r file line text; do
  from=$(echo "$file" | cut -d/ -f2)
  to=$(echo "$text" | sed -E 's/^#include "([^/"]+)\/.*/\1/')
  [ -n "${rank[$to]+x}" ] || continue  # stts/… (the engine's public headers) and the like
  [ -n "${rank[$from]+x}" ] || continue
  if [ "${rank[$to]}" -gt "${rank[$from]}" ]; then
    complain "$file:$line: $from/ sits below $to/ and must not include ${text#\#include }"
  fi
done < <(grep -rnE '^#include "[a-z_]+/' ui --include='*.h' --include='*.cpp' || true)

while IFS= read -r hit; do
  complain "engine code includes Qt: $hit"
done < <(grep -rnE '^#include [<"](Q[A-Za-z]+|Qt[A-Za-z]*/)' engine --include='*.h' --include='*.cpp' || true)

while IFS= read -r hit; do
  complain "ui code includes LibTorch: $hit"
done < <(grep -rnE '^#include [<"](torch|ATen|c10)/' ui --include='*.h' --include='*.cpp' || true)

if [ "$problems" -gt 0 ]; then
  echo "$problems include(s) point the wrong way"
  exit 1
fi
echo "includes point one way: engine without Qt, ui without LibTorch, ui rooms ${rooms[*]}"
