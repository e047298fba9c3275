#!/usr/bin/env bash
# The API benchmark: GET /api/v1/chargers and a filtered GET /api/v1/sessions against a depot estate of
# 1,000 chargers and 100,000 sessions, on SQLite or on PostgreSQL, driven by wrk on loopback.
# Builds the release binary, seeds a throw-away store (bench/api_load/seed.sql), starts `manage core`,
# runs wrk for each request and prints requests per second and latency percentiles.
#
#   bench/api-load.sh                       # SQLite
#   bench/api-load.sh --store postgresql    # PostgreSQL 15 started by scripts/engines.sh
#   options: --chargers N (1000) --sessions N (100000) --duration S (20) --connections N (32)
#            --threads N (wrk threads, 2) --server-threads N (manage core's, 2)
set -euo pipefail
cd "$(dirname "$0")/.."

store=sqlite chargers=1000 sessions=100000 duration=20 connections=32 threads=2 server_threads=2
while [[ $# -gt 0 ]]; do
    case "$1" in
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --store) store=$2; shift 2 ;;
    --chargers) chargers=$2; shift 2 ;;
    --sessions) sessions=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    *) echo "api-load: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$store" == sqlite || "$store" == postgresql ]] || { echo "api-load: --store is sqlite or postgresql" >&2; exit 2; }
command -v wrk >/dev/null || { echo "api-load: wrk is missing: scripts/bootstrap.sh --engines installs it" >&2; exit 1; }

# MANAGE_BENCH_MANAGE=path/to/manage runs that binary instead of building the release one (a quick check
# of the script with a debug build; its figures then mean nothing).
manage=${MANAGE_BENCH_MANAGE:-}
if [[ -z "$manage" ]]; then
    cmake --preset release >/dev/null
    cmake --build --preset release --target manage
    manage=build/release/apps/manage/manage
fi

work=$(mktemp -d /tmp/manage-api-bench.XXXXXX)
chmod 755 "$work"
port=$((${MANAGE_BENCH_PORT_BASE:-56200} + 80))
server=""
cleanup() {
    [[ -n "$server" ]] && { kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
    [[ "$store" == postgresql ]] && scripts/engines.sh stop "$work/engines" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

seed_sql() { sed "s/@CHARGERS@/$chargers/g; s/@SESSIONS@/$sessions/g" bench/api_load/seed.sql; }

if [[ "$store" == postgresql ]]; then
    mkdir -p "$work/engines"
    MANAGE_ENGINES_PORT_BASE=${MANAGE_BENCH_ENGINES_PORT_BASE:-56300} scripts/engines.sh start "$work/engines" >&2
    # shellcheck disable=SC1091
    source "$work/engines/manage.env"
    store_url=$MANAGE_STORE_URL
else
    store_url="sqlite://$work/data/manage.db"
fi
cat >"$work/config.yaml" <<YAML
http:
  listen: 127.0.0.1:$port
store:
  url: $store_url
data:
  dir: $work/data
log:
  level: warn
YAML

"$manage" migrate --config "$work/config.yaml" >&2
echo "seeding $chargers chargers and $sessions sessions ($store)…" >&2
if [[ "$store" == postgresql ]]; then
    seed_sql | psql -q -v ON_ERROR_STOP=1 "$store_url" >&2
    psql -q "$store_url" -c "ANALYZE chargers; ANALYZE connectors; ANALYZE charging_sessions" >&2
else
    seed_sql | sqlite3 -bail "$work/data/manage.db"
    sqlite3 "$work/data/manage.db" "ANALYZE"
fi

"$manage" core --config "$work/config.yaml" --threads "$server_threads" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    [[ -s "$work/data/admin-api-key" ]] && curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
    sleep 0.1
done
key=$(cat "$work/data/admin-api-key")

run() {
    local name=$1 target=$2
    # The answer must be what a user would get, or the figures measure an error page.
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "http://127.0.0.1:$port$target")
    [[ "$status" == 200 ]] || { echo "api-load: $target answered $status" >&2; exit 1; }
    local out
    out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $key" \
        "http://127.0.0.1:$port$target")
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
    printf '%-34s %-10s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$name" "$store" "$rps" "$p50" "$p99" "${errors:-0}"
}

echo "wrk: $threads threads, $connections connections, ${duration}s each; manage core with $server_threads threads" >&2
run "GET /api/v1/chargers" "/api/v1/chargers"
run "GET /api/v1/sessions (charger)" "/api/v1/sessions?chargerId=BENCH-10042&status=stopped&limit=50"
run "GET /api/v1/sessions (time range)" "/api/v1/sessions?from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z&limit=100"
