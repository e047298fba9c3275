#!/usr/bin/env bash
# The floor server keeps working: a small load run against it is fully answered (manage-ocpp-load
# exits 1 otherwise), and it stops with status 0 on SIGTERM. Its figures are not asserted.
set -euo pipefail
floor=$1
load=$2
port=$((${MANAGE_ENGINES_PORT_BASE:-55400} + 62))
"$floor" --port "$port" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
"$load" --port "$port" -n 40 -p 2 --sources 3 -r 200 -m MeterValues --settle 0 --warmup 1 -d 2 --server-pid "$server"
kill -TERM "$server"
trap - EXIT
wait "$server"
