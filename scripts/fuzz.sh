#!/usr/bin/env bash
# Fuzzes the parsers for longer than CI does (tests/fuzz/libfuzzer/README.md):
#   bash scripts/fuzz.sh [TARGET|all] [SECONDS]
# TARGET: safetensors, runfile, model_config, tokenizer, merge_summary, eval_bench, video, or all (default);
# SECONDS per target (default 600). Builds the fuzzers in build-asan/ (clang, ASan + UBSan, as
# `STTS_TEST_CONFIGS=asan bash scripts/test.sh` does) when they are missing or out of date.
#
# Runs libFuzzer's fork mode with STTS_FUZZ_JOBS workers (default: every core), which keeps going
# after a crash, leak or timeout: each finding is saved and counted, and the run ends on time.
# Starts from the committed seeds (tests/fuzz/corpus/TARGET) and saved crashes
# (tests/fuzz/regressions/TARGET); inputs that add coverage go to .fuzz/TARGET/corpus and
# findings to .fuzz/TARGET/artifacts (git-ignored). Prints, per target, the total executions and
# exec/s from libFuzzer's last status line, and the findings.
# Environment: STTS_FUZZ_JOBS, STTS_JOBS (build jobs), STTS_BUILD_DIR (default build-asan),
# STTS_FUZZ_OUT (default .fuzz).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

targets_all=(safetensors runfile model_config tokenizer merge_summary eval_bench video)
target=${1:-all}
seconds=${2:-600}
[[ $seconds =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || stts_die "SECONDS must be a positive integer"
if [ "$target" = all ]; then
  targets=("${targets_all[@]}")
else
  [[ " ${targets_all[*]} " == *" $target "* ]] ||
    stts_die "unknown target '$target' (${targets_all[*]} or all)"
  targets=("$target")
fi
build=${STTS_BUILD_DIR:-$STTS_ROOT/build-asan}
[ "$build" != "$STTS_ROOT/build" ] || build=$STTS_ROOT/build-asan  # lib.sh's default is not ours
out=${STTS_FUZZ_OUT:-$STTS_ROOT/.fuzz}
jobs=${STTS_FUZZ_JOBS:-$(nproc)}

# Configure (first time only) and build just the fuzzers wanted.
if [ ! -f "$build/build.ninja" ]; then
  stts_install_packages "${STTS_PACKAGES[@]}"
  stts_say "configuring $build (clang, ASan + UBSan, libFuzzer)"
  CC=clang CXX=clang++ cmake -S "$STTS_ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSTTS_WITH_TORCH=OFF -DSTTS_BUILD_GUI=OFF -DSTTS_SANITIZE=address,undefined -DSTTS_FUZZ=ON \
    "-DSTTS_PYTHON=$STTS_VENV/bin/python" >/dev/null
fi
grep -q '^STTS_FUZZ:BOOL=ON' "$build/CMakeCache.txt" ||
  stts_die "$build was configured without -DSTTS_FUZZ=ON; use another STTS_BUILD_DIR"
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache} CCACHE_BASEDIR=${CCACHE_BASEDIR:-$STTS_ROOT}
jobs_build=()
[ -n "${STTS_JOBS:-}" ] && jobs_build=(-j "$STTS_JOBS")
cmake --build "$build" "${jobs_build[@]}" --target "${targets[@]/#/fuzz_}" >/dev/null ||
  stts_die "building the fuzzers failed (cmake --build $build --target ${targets[*]/#/fuzz_})"

fuzzdir=$build/tests/fuzz/libfuzzer
if [ -f "$fuzzdir/sanitizer.env" ]; then
  while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <"$fuzzdir/sanitizer.env"
fi

summary=()
for t in "${targets[@]}"; do
  bin=$fuzzdir/fuzz_$t
  [ -x "$bin" ] || { summary+=("$t: not built (video needs FFmpeg)"); continue; }
  mapfile -t flags <"$bin.flags"
  mkdir -p "$out/$t/corpus" "$out/$t/artifacts"
  log=$out/$t/fuzz.log
  stts_say "fuzzing $t for $seconds s with $jobs worker(s); log: $log"
  seeds=()
  for d in "$STTS_ROOT/tests/fuzz/corpus/$t" "$STTS_ROOT/tests/fuzz/regressions/$t"; do
    [ -d "$d" ] && seeds+=("$d")
  done
  (cd "$out/$t" && "$bin" "${flags[@]}" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 \
    -ignore_ooms=1 -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$out/$t/artifacts/" "$out/$t/corpus" "${seeds[@]}") >"$log" 2>&1 || true
  # Fork mode's status lines: "#EXECS: cov: C ft: F corp: N exec/s R oom/timeout/crash: a/b/c
  # time: Ss job: J ..." (R is the last job's rate; the overall rate is EXECS / S).
  last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)
  if [ -z "$last" ]; then
    summary+=("$t: no status line (see $log)")
    continue
  fi
  execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
  found=$(sed -E 's/.* oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/' <<<"$last")
  took=$(sed -E 's/.* time: ([0-9]+)s.*/\1/' <<<"$last")
  rate=$((execs / (took > 0 ? took : 1)))
  files=$(find "$out/$t/artifacts" -type f | wc -l)
  summary+=("$t: $execs execs in ${took}s ($rate exec/s), oom/timeout/crash $found, $files artifact file(s) in $out/$t/artifacts")
done
stts_say "fuzzing done"
printf '  %s\n' "${summary[@]}"
