#!/usr/bin/env bash
# Builds the square bench for `stts eval` from lavfi sources (nothing binary lives in git): eight
# 3 s clips of one coloured square crossing a grey field, each asked two multiple-choice questions
# whose answers the clip's making fixes (its colour; the direction it moves), plus two open
# questions. 16 samples + 2 = 18 lines of squares.jsonl, the format of engine/eval/README.md.
#
# usage: make_square_bench.sh FFMPEG OUTDIR
set -euo pipefail
ffmpeg_bin=${1:?usage: make_square_bench.sh FFMPEG OUTDIR}
out=${2:?usage: make_square_bench.sh FFMPEG OUTDIR}
mkdir -p "$out/clips"
colours=(red green blue yellow)
hex=(0xE03030 0x30C040 0x3050E0 0xF0D020)
directions=("left to right" "right to left" "top to bottom" "bottom to top")
# Square 48 px on 256x192; positions over t in [0, 3] s.
x_of=("8+t*64" "200-t*64" "104" "104")
y_of=("72" "72" "8+t*44" "136-t*44")
letters=(A B C D)

quote_list() {  # quote_list a b c -> ["a", "b", "c"]
  local first=1 item
  printf '['
  for item in "$@"; do
    [ $first -eq 1 ] || printf ', '
    printf '"%s"' "$item"
    first=0
  done
  printf ']'
}

bench="$out/squares.jsonl.tmp"
: >"$bench"
for clip in 0 1 2 3 4 5 6 7; do
  c=$((clip % 4))
  d=$(((clip + clip / 4) % 4))  # every colour moves two ways, every direction is used twice
  name="${colours[$c]}-$(echo "${directions[$d]}" | tr ' ' '-').mp4"
  "$ffmpeg_bin" -nostdin -y -v error \
    -f lavfi -i "color=c=0x808080:s=256x192:r=12:d=3" \
    -f lavfi -i "color=c=${hex[$c]}:s=48x48:r=12:d=3" \
    -filter_complex "[0][1]overlay=x='${x_of[$d]}':y='${y_of[$d]}',format=yuv420p[v]" \
    -map "[v]" -c:v libx264 -preset veryfast -crf 23 -g 12 -threads 1 "$out/clips/$name.tmp.mp4"
  mv -f "$out/clips/$name.tmp.mp4" "$out/clips/$name"
  printf '{"id": "colour-%d", "video": "clips/%s", "question": "What colour is the moving square?", "options": %s, "answer": "%s"}\n' \
    "$clip" "$name" "$(quote_list "${colours[@]}")" "${letters[$c]}" >>"$bench"
  printf '{"id": "direction-%d", "video": "clips/%s", "question": "Which way does the square move?", "options": %s, "answer": "%s"}\n' \
    "$clip" "$name" "$(quote_list "${directions[@]}")" "${letters[$d]}" >>"$bench"
done
# Open questions, scored by normalised exact match; the second looks at the clip's second half.
printf '{"id": "open-colour-0", "video": "clips/red-left-to-right.mp4", "question": "What colour is the square? Answer with one word.", "answer": "red"}\n' >>"$bench"
printf '{"id": "open-colour-late-6", "video": "clips/blue-bottom-to-top.mp4", "question": "What colour is the square? Answer with one word.", "answer": "blue", "start": 1.5, "end": 3}\n' >>"$bench"
mv -f "$bench" "$out/squares.jsonl"
