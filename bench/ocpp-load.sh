#!/usr/bin/env bash
# Runs the OCPP load benchmark on this machine: builds the release binaries, starts `manage up` on
# loopback with a throw-away data directory (SQLite store, message log on), runs manage-ocpp-load
# against it, and stops the server. Every argument goes to manage-ocpp-load (see its --help);
# --server-pid and --port are set here. Results: stdout, and bench/results/<name>.json with --json.
# MANAGE_BENCH_SERVER=floor runs manage-ocpp-floor instead of manage: a server that only answers,
# so its CPU per message is what the kernel alone costs on this machine.
#
#   bench/ocpp-load.sh -n 19000 -p 4 --sources 8 -r 0                       # idle connections held
#   bench/ocpp-load.sh -n 10000 -p 4 --sources 8 -r 10000 -m MeterValues -d 20
#   MANAGE_BENCH_SERVER=floor bench/ocpp-load.sh -n 10000 -p 2 --sources 8 -r 10000 -m MeterValues -d 15
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi

cmake --preset release -DMANAGE_BUILD_BENCH=ON >/dev/null
cmake --build --preset release --target manage manage-ocpp-load manage-ocpp-floor
build=build/release

work=$(mktemp -d /tmp/manage-bench.XXXXXX)
port_base=${MANAGE_BENCH_PORT_BASE:-56100}
cat >"$work/config.yaml" <<YAML
http:
  listen: 127.0.0.1:$((port_base + 80))
ocpp:
  listen: 127.0.0.1:$((port_base))
  boot_policy: accept
  heartbeat_interval_s: 300
data:
  dir: $work/data
log:
  level: warn
YAML

# One server process holds every connection: it may use at most this machine's 20,000 files.
ulimit -n 20000
if [[ "${MANAGE_BENCH_SERVER:-manage}" == floor ]]; then
    "$build/bench/manage-ocpp-floor" --port "$port_base" >"$work/server.log" 2>&1 &
else
    "$build/apps/manage/manage" up --config "$work/config.yaml" --threads "${MANAGE_BENCH_SERVER_THREADS:-1}" \
        >"$work/server.log" 2>&1 &
fi
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port_base") 2>/dev/null && break
    sleep 0.1
done

echo "server pid $server, OCPP on 127.0.0.1:$port_base, data in $work" >&2
"$build/bench/manage-ocpp-load" --port "$port_base" --server-pid "$server" "$@"
