#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, ASan + UBSan) in build-fuzz/
# and runs each for a bounded time, one after the other. Exits non-zero on
# the first crash, hang (-timeout) or out-of-memory (-rss_limit_mb), printing
# the reproducer file and the command that replays it.
#
#   scripts/fuzz.sh                    every target, 30 s each
#   scripts/fuzz.sh 300                every target, 5 minutes each
#   scripts/fuzz.sh 60 html_reader     some targets (with or without _fuzz)
#
# Seeds are in fuzz/corpus/<target>/ (hand-written; model_fuzz's are made by
# make_model_seeds). What a run discovers goes to build-fuzz/corpus/<target>/
# and is kept for the next run; crashes go to build-fuzz/artifacts/<target>/.
# Executions per target are appended to build-fuzz/fuzz-stats.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-30}
shift || true
BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
CXX_CLANG=${FUZZ_CXX:-$(command -v clang++-14 || command -v clang++ || true)}
log() { printf '\033[1mfuzz:\033[0m %s\n' "$*" >&2; }

[ -n "$CXX_CLANG" ] || { log "clang++ not found (scripts/setup.sh installs clang-14)"; exit 2; }

# Longest input per target: enough for a few paragraphs or a small model,
# short enough that every execution stays fast.
declare -A MAX_LEN=(
  [text_reader_fuzz]=4096 [jsonl_reader_fuzz]=4096 [html_reader_fuzz]=8192
  [text_fuzz]=4096 [dates_fuzz]=2048 [quotes_fuzz]=2048 [tables_fuzz]=4096
  [model_fuzz]=65536 [pipeline_fuzz]=1024
)
ALL_TARGETS=(text_reader_fuzz jsonl_reader_fuzz html_reader_fuzz text_fuzz
             dates_fuzz quotes_fuzz tables_fuzz model_fuzz pipeline_fuzz)

targets=()
for t in "$@"; do targets+=("${t%_fuzz}_fuzz"); done
[ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")
for t in "${targets[@]}"; do
  [ -f "fuzz/$t.cc" ] || { log "no such target: $t (fuzz/$t.cc)"; exit 2; }
done

log "building $BUILD/ with $CXX_CLANG"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_CXX_COMPILER="$CXX_CLANG" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENTENTE_FUZZ=ON \
  -DENTENTE_BUILD_TESTS=OFF -DENTENTE_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" --target fuzz make_model_seeds -j"$(nproc)"

if [ -z "$(ls -A fuzz/corpus/model_fuzz 2>/dev/null)" ]; then
  log "writing model seeds"
  ASAN_OPTIONS=detect_leaks=0 "$BUILD/fuzz/make_model_seeds" fuzz/corpus/model_fuzz
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
stats="$BUILD/fuzz-stats.tsv"
[ -f "$stats" ] || printf 'date\ttarget\tseconds\texecutions\tcorpus\tresult\n' >"$stats"
total=0
for t in "${targets[@]}"; do
  work="$BUILD/corpus/$t" artifacts="$BUILD/artifacts/$t/" out="$BUILD/$t.log"
  mkdir -p "$work" "$artifacts"
  log "$t: ${SECONDS_PER_TARGET}s, max_len ${MAX_LEN[$t]}"
  status=0
  "$BUILD/fuzz/$t" -max_total_time="$SECONDS_PER_TARGET" -max_len="${MAX_LEN[$t]}" \
    -rss_limit_mb=2560 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts" "$work" "fuzz/corpus/$t" >"$out" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -1)
  corpus=$(find "$work" -type f | wc -l)
  result=ok
  [ "$status" = 0 ] || result="failed ($status)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$SECONDS_PER_TARGET" \
    "${execs:-0}" "$corpus" "$result" >>"$stats"
  log "$t: ${execs:-0} executions, $corpus corpus files, $result"
  total=$((total + ${execs:-0}))
  if [ "$status" != 0 ]; then
    tail -n 60 "$out" >&2
    reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$out" | tail -1)
    log "$t failed; log in $out"
    if [ -n "$reproducer" ]; then
      log "reproducer: $reproducer"
      log "replay with: $BUILD/fuzz/$t $reproducer"
    fi
    exit 1
  fi
done
log "all targets passed: $total executions in total (per target: $stats)"
