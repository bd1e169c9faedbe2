#!/usr/bin/env bash
# Builds the bundled demo clip from lavfi sources, so nothing binary lives in git.
# The clip is designed to exercise pruning: a static textured background (redundant over time),
# one object moving across it (the cells that change), and a hard scene cut halfway (a frame
# that differs everywhere from its predecessor). 640x360, 25 fps, 8 s, H.264.
set -euo pipefail
ffmpeg_bin=${1:?usage: make_demo.sh FFMPEG OUTPUT}
out=${2:?usage: make_demo.sh FFMPEG OUTPUT}
mkdir -p "$(dirname "$out")"
tmp="${out}.tmp.mp4"
half=4
"$ffmpeg_bin" -nostdin -y -v error \
  -f lavfi -i "nullsrc=s=640x360:r=25:d=${half},geq=r='128+70*sin(X/9)*cos(Y/13)':g='110+60*sin((X+2*Y)/17)':b='90+50*cos(X/23+Y/7)'" \
  -f lavfi -i "color=c=0xF0D020:s=72x72:r=25:d=${half}" \
  -f lavfi -i "nullsrc=s=640x360:r=25:d=${half},geq=r='60+50*(mod(floor(X/24)+floor(Y/24),2))':g='120+70*sin(Y/5)':b='150+60*cos(X/11)'" \
  -f lavfi -i "color=c=0xE03030:s=72x72:r=25:d=${half}" \
  -filter_complex "[0][1]overlay=x='30+t*130':y='140+60*sin(t*2)'[a];[2][3]overlay=x='540-t*120':y='60+t*50'[b];[a][b]concat=n=2:v=1:a=0,format=yuv420p[v]" \
  -map "[v]" -c:v libx264 -preset medium -crf 20 -g 50 -movflags +faststart \
  -metadata title="STTS Lens demo: static texture, moving object, scene cut at ${half} s" "$tmp"
mv -f "$tmp" "$out"
