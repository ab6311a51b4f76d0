#!/usr/bin/env bash
# End-to-end tests of the web explorer in a real browser (Debian's chromium,
# driven by playwright-core from web/node_modules).
#
# 1. Ingests tests/e2e/fixtures (three short articles written for these
#    tests) into a fresh database, starts `entente serve --port 0` on it,
#    waits for its "listening on" line and runs tests/e2e/explorer.test.mjs.
# 2. When ../shared/news/wikinews.jsonl exists (or $ENTENTE_SHARED_DIR/news/),
#    does the same with the Wikinews corpus and runs the timing check
#    (tests/e2e/wikinews_timing.test.mjs: the graph draws in under 2 s);
#    otherwise says it is skipped.
# Screenshots go to BUILD_DIR/e2e-artifacts/. Exits non-zero on any failure.
#
#   tests/e2e/run.sh [BUILD_DIR]        (default: build)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${1:-build}
BIN=$BUILD_DIR/entente
export ENTENTE_E2E_ARTIFACTS=${ENTENTE_E2E_ARTIFACTS:-$BUILD_DIR/e2e-artifacts}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
SHARED=${ENTENTE_SHARED_DIR:-$(cd .. && pwd)/shared}
log() { printf '\033[1me2e:\033[0m %s\n' "$*" >&2; }

[ -x "$BIN" ] || { log "$BIN is not built"; exit 1; }
[ -x "$CHROMIUM" ] || { log "$CHROMIUM is not installed (apt-get install chromium; scripts/setup.sh does it)"; exit 1; }
[ -d web/node_modules/playwright-core ] || { log "web/node_modules is missing: run npm ci --prefix web (scripts/setup.sh does it)"; exit 1; }
mkdir -p "$ENTENTE_E2E_ARTIFACTS"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/entente-e2e.XXXXXX")
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap 'stop_server; rm -rf "$tmp"' EXIT

# Starts `entente serve` on a database and sets ENTENTE_URL from the line it
# prints once it listens.
start_server() {  # db, log file
  "$BIN" serve --db "$1" --port 0 2>"$2" &
  server_pid=$!
  local url=""
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^entente serve: listening on \(http:[^ ]*\).*/\1/p' "$2" | head -n 1)
    [ -n "$url" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      log "entente serve exited before listening:"; cat "$2" >&2; server_pid=; return 1
    fi
    sleep 0.1
  done
  [ -n "$url" ] || { log "entente serve did not say it was listening within 60 s:"; cat "$2" >&2; return 1; }
  export ENTENTE_URL=$url
  log "server on $url"
}

status=0
run_tests() {  # server log, test file...
  local server_log=$1; shift
  if ! node --test --test-concurrency=1 "$@"; then
    status=1
    log "server log ($server_log):"; tail -n 20 "$server_log" >&2
  fi
}

start_ns=$(date +%s%N)
log "ingesting tests/e2e/fixtures"
"$BIN" ingest tests/e2e/fixtures --db "$tmp/fixtures.db" >"$tmp/ingest.log" 2>&1 ||
  { cat "$tmp/ingest.log" >&2; exit 1; }
start_server "$tmp/fixtures.db" "$tmp/serve-fixtures.log"
run_tests "$tmp/serve-fixtures.log" tests/e2e/explorer.test.mjs
stop_server

wikinews=$SHARED/news/wikinews.jsonl
if [ -f "$wikinews" ]; then
  log "ingesting $wikinews for the timing check"
  "$BIN" ingest "$wikinews" --db "$tmp/wikinews.db" >"$tmp/ingest-wikinews.log" 2>&1 ||
    { cat "$tmp/ingest-wikinews.log" >&2; exit 1; }
  start_server "$tmp/wikinews.db" "$tmp/serve-wikinews.log"
  run_tests "$tmp/serve-wikinews.log" tests/e2e/wikinews_timing.test.mjs
  stop_server
else
  log "SKIPPED the Wikinews timing check: $wikinews is absent (set ENTENTE_SHARED_DIR)"
fi

elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))
if [ "$status" -ne 0 ]; then
  log "FAILED after $((elapsed_ms / 1000)) s; screenshots in $ENTENTE_E2E_ARTIFACTS/"
  exit 1
fi
log "all browser tests passed in $((elapsed_ms / 1000)).$((elapsed_ms % 1000 / 100)) s; screenshots in $ENTENTE_E2E_ARTIFACTS/"
