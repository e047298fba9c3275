#!/usr/bin/env bash
# The floor server keeps working: a small load run against it is fully answered (manage-ocpp-load
# exits 1 otherwise), and it stops with status 0 on SIGTERM. Its figures are not asserted. It
# listens on a port the kernel chooses (printed at start), so no concurrent test can hold it.
set -euo pipefail
floor=$1
load=$2
out=$(mktemp /tmp/manage-floor-smoke.XXXXXX)
"$floor" --port 0 >"$out" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; cat "$out"; rm -f "$out"' EXIT
port=
for _ in $(seq 1 300); do
    kill -0 "$server" 2>/dev/null || { echo "manage-ocpp-floor exited before it was ready"; exit 1; }
    port=$(sed -n 's|.*listening on 127\.0\.0\.1:\([0-9]*\)$|\1|p' "$out")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "manage-ocpp-floor did not print its port within 30 s"; exit 1; }
"$load" --port "$port" -n 40 -p 2 --sources 3 -r 200 -m MeterValues --settle 0 --warmup 1 -d 2 --server-pid "$server"
kill -TERM "$server"
trap 'rm -f "$out"' EXIT
wait "$server"
