#!/usr/bin/env bash
# Runs the whole test suite: formatting check, the Release build's tests, the
# web explorer's browser tests (tests/e2e/run.sh), then the same unit tests
# built with AddressSanitizer + UndefinedBehaviorSanitizer, the multithreaded
# tests (ctest label "threads") built with ThreadSanitizer, and every fuzz
# target for a bounded time (scripts/fuzz.sh).
# Tests that need ../shared skip themselves with a message when it is absent.
# Exits non-zero on any failure.
#
#   scripts/test.sh                 everything
#   SKIP_ASAN=1 scripts/test.sh     without the ASan build
#   SKIP_TSAN=1 scripts/test.sh     without the TSan build
#   SKIP_FUZZ=1 scripts/test.sh     without fuzzing
#   FUZZ_SECONDS=60 scripts/test.sh fuzz each target 60 s (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc)
log() { printf '\033[1mtest:\033[0m %s\n' "$*" >&2; }

log "clang-format check"
mapfile -t sources < <(git ls-files '*.h' '*.cc' 2>/dev/null || find include src tools tests bench fuzz -name '*.h' -o -name '*.cc')
clang-format --dry-run --Werror "${sources[@]}"

run_suite() {  # build-dir, extra cmake args...
  local dir=$1; shift
  log "building $dir ($*)"
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j"$JOBS"
  log "running tests in $dir"
  ctest --test-dir "$dir" --output-on-failure -j"$JOBS"
}

run_suite build -DCMAKE_BUILD_TYPE=Release
# The web explorer in a real browser (headless chromium) against `entente
# serve` on the Release build; setup.sh installs chromium.
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  log "browser tests (tests/e2e/run.sh build)"
  tests/e2e/run.sh build
else
  log "SKIPPED the browser tests: ${CHROMIUM:-/usr/bin/chromium} is not installed (scripts/setup.sh installs it)"
fi
# The server under wrk for LOAD_SECONDS (default 60): no errors, flat memory.
log "load test (tests/load/run.sh ${LOAD_SECONDS:-60})"; BUILD_DIR=build tests/load/run.sh "${LOAD_SECONDS:-60}"
if [ -z "${SKIP_ASAN:-}" ]; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    run_suite build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENTENTE_SANITIZE=ON -DENTENTE_BUILD_BENCH=OFF
fi
if [ -z "${SKIP_TSAN:-}" ]; then
  # Only the tests of the threaded paths: a shared Pipeline, extract -j2 and
  # ingest -j2 (the rest of the suite is single-threaded).
  log "building build-tsan (ThreadSanitizer)"
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DENTENTE_SANITIZE=thread -DENTENTE_BUILD_BENCH=OFF >/dev/null
  cmake --build build-tsan -j"$JOBS"
  log "running the threads tests in build-tsan"
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    ctest --test-dir build-tsan --output-on-failure -j"$JOBS" -L threads
fi
if [ -z "${SKIP_FUZZ:-}" ]; then
  scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
fi
log "all tests passed"
