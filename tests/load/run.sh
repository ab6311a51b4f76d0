#!/usr/bin/env bash
# Load test of `entente serve` with wrk on loopback (docs/reliability.md, "Server").
#
# 1. Ingests examples/ and tests/e2e/fixtures (plus ../shared/news/wikinews.jsonl
#    when present, or $ENTENTE_SHARED_DIR/news/) into a fresh database.
# 2. Starts `entente serve --port 0` on it and asks it for keys that exist
#    (actor codes, a dyad, document ids), so every request of the mix is a 200.
# 3. Runs wrk for DURATION seconds with $WRK_CONNECTIONS connections (default
#    8, one per server worker thread) rotating through /healthz, /api/graph,
#    /api/blocs, /api/events?..., /api/actors..., /api/dyads/..., and
#    /api/documents/..., while sampling the server's RSS (VmRSS) every second.
# 4. Fails on any non-2xx answer or socket error wrk reports, or when the RSS
#    at the end exceeds the RSS after the warm-up (the first 10 s, or a third
#    of a shorter run) by more than 20% + 10 MB.
# Prints requests/s, latency percentiles and RSS first/last/max.
#
#   tests/load/run.sh [DURATION_SECONDS]     (default 60; BUILD_DIR=build)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-60}
BUILD_DIR=${BUILD_DIR:-build}
BIN=$BUILD_DIR/entente
CONNECTIONS=${WRK_CONNECTIONS:-8}
SHARED=${ENTENTE_SHARED_DIR:-$(cd .. && pwd)/shared}
log() { printf '\033[1mload:\033[0m %s\n' "$*" >&2; }

[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || { log "DURATION must be a whole number of seconds, got '$DURATION'"; exit 2; }
[ -x "$BIN" ] || { log "$BIN is not built"; exit 1; }
command -v wrk >/dev/null || { log "wrk is not installed (apt-get install wrk; scripts/setup.sh does it)"; exit 1; }
command -v node >/dev/null || { log "node is not installed (scripts/setup.sh installs it)"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/entente-load.XXXXXX")
server_pid=
sampler_pid=
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

inputs=(examples tests/e2e/fixtures)
if [ -f "$SHARED/news/wikinews.jsonl" ]; then
  inputs+=("$SHARED/news/wikinews.jsonl")
else
  log "$SHARED/news/wikinews.jsonl is absent: loading the small database only"
fi
for input in "${inputs[@]}"; do
  log "ingesting $input"
  "$BIN" ingest "$input" --db "$tmp/load.db" >>"$tmp/ingest.log" 2>&1 ||
    { cat "$tmp/ingest.log" >&2; exit 1; }
done

# Every request of the test comes from 127.0.0.1, which the default limit
# (50 per second per address) would answer with 429s after the first
# hundred; a limit far above the achievable rate keeps the token bucket on
# the path of every request without ever refusing one.
"$BIN" serve --db "$tmp/load.db" --port 0 --rate-limit 1000000 2>"$tmp/serve.log" &
server_pid=$!
url=""
for _ in $(seq 1 600); do
  url=$(sed -n 's/^entente serve: listening on \(http:[^ ]*\).*/\1/p' "$tmp/serve.log" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { log "entente serve exited:"; cat "$tmp/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { log "entente serve did not listen within 60 s"; cat "$tmp/serve.log" >&2; exit 1; }
url=${url%/}
log "server on $url (pid $server_pid)"

# The request mix, from keys the database holds: a Lua table for wrk.
ENTENTE_URL=$url node --input-type=module >"$tmp/paths.lua" <<'EOF'
const base = process.env.ENTENTE_URL;
async function get(path) {
  const res = await fetch(base + path);
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}
const enc = encodeURIComponent;
const paths = ['/healthz', '/api/graph', '/api/graph?level=actor', '/api/blocs',
               '/api/events?limit=20', '/api/events?quad=3&limit=50',
               '/api/events?clusters=1&limit=100', '/api/actors?type=GPE&limit=10',
               '/api/actors?limit=50'];
const graph = await get('/api/graph');
for (const node of graph.nodes.slice(0, 6)) {
  paths.push(`/api/actors/${enc(node.code)}`);
  paths.push(`/api/events?actor=${enc(node.code)}&limit=20`);
}
for (const edge of graph.edges.slice(0, 3)) {
  paths.push(`/api/dyads/${enc(edge.source)}/${enc(edge.target)}`);
}
const events = await get('/api/events?limit=200');
const docs = [...new Set(events.events.map((e) => e.document))].slice(0, 6);
for (const doc of docs) paths.push(`/api/documents/${enc(doc)}`);
if (graph.nodes.length === 0 || docs.length === 0) {
  throw new Error('the load database has no graph nodes or no events');
}
console.log('paths = {');
for (const p of paths) console.log(`  ${JSON.stringify(p)},`);
console.log('}');
EOF
cat >>"$tmp/paths.lua" <<'EOF'
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max))
end
EOF
log "$(grep -c '^  "' "$tmp/paths.lua") request paths; wrk for $DURATION s with $CONNECTIONS connections"

# RSS in kB, one line per second: "<seconds since start> <kB>".
(
  t=0
  while kill -0 "$server_pid" 2>/dev/null; do
    rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$server_pid/status" 2>/dev/null || true)
    [ -n "$rss" ] && echo "$t $rss"
    sleep 1
    t=$((t + 1))
  done
) >"$tmp/rss.txt" &
sampler_pid=$!

wrk --threads 2 --connections "$CONNECTIONS" --duration "${DURATION}s" --timeout 5s \
  --script "$tmp/paths.lua" "$url" >"$tmp/wrk.txt" 2>&1 || { cat "$tmp/wrk.txt" >&2; log "wrk failed"; exit 1; }
sleep 1
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=
kill -0 "$server_pid" 2>/dev/null || { log "the server died under load:"; tail -n 20 "$tmp/serve.log" >&2; exit 1; }

cat "$tmp/wrk.txt"
result=$(grep '^RESULT ' "$tmp/wrk.txt") || { log "wrk printed no result"; exit 1; }
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$result"; }
requests=$(field requests)
duration_us=$(field duration_us)
errors=$(($(field connect) + $(field read) + $(field write) + $(field timeout)))
non2xx=$(field status)

warmup=$((DURATION / 3 < 10 ? DURATION / 3 : 10))
rss_first=$(awk -v w="$warmup" '$1 >= w {print $2; exit}' "$tmp/rss.txt")
rss_last=$(tail -n 1 "$tmp/rss.txt" | cut -d' ' -f2)
rss_max=$(sort -k2,2n "$tmp/rss.txt" | tail -n 1 | cut -d' ' -f2)
[ -n "$rss_first" ] || { log "no RSS sample after ${warmup} s"; exit 1; }
rss_bound=$((rss_first * 12 / 10 + 10240))

printf 'load: %d requests in %d.%01d s = %d requests/s; latency p50 %d.%02d ms, p90 %d.%02d ms, p99 %d.%02d ms, p99.9 %d.%02d ms, max %d.%02d ms\n' \
  "$requests" $((duration_us / 1000000)) $((duration_us / 100000 % 10)) \
  $((requests * 1000000 / duration_us)) \
  $(($(field p50_us) / 1000)) $(($(field p50_us) / 10 % 100)) \
  $(($(field p90_us) / 1000)) $(($(field p90_us) / 10 % 100)) \
  $(($(field p99_us) / 1000)) $(($(field p99_us) / 10 % 100)) \
  $(($(field p999_us) / 1000)) $(($(field p999_us) / 10 % 100)) \
  $(($(field max_us) / 1000)) $(($(field max_us) / 10 % 100))
printf 'load: socket errors %d, non-2xx answers %d\n' "$errors" "$non2xx"
printf 'load: server RSS after %d s %d kB, at the end %d kB (bound %d kB), max %d kB; load average %s\n' \
  "$warmup" "$rss_first" "$rss_last" "$rss_bound" "$rss_max" "$(cut -d' ' -f1-3 /proc/loadavg)"

status=0
if [ "$errors" -ne 0 ] || [ "$non2xx" -ne 0 ]; then
  log "FAILED: $errors socket errors and $non2xx non-2xx answers"; status=1
  tail -n 20 "$tmp/serve.log" >&2
fi
if [ "$rss_last" -gt "$rss_bound" ]; then
  log "FAILED: the server's RSS grew from $rss_first kB to $rss_last kB (bound $rss_bound kB)"; status=1
fi
[ "$status" -eq 0 ] && log "passed"
exit "$status"
