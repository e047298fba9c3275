#!/usr/bin/env bash
# The load generator against a real server, small, for both OCPP versions: every charger connects
# and boots, every CALL in the load phase is answered with a CALLRESULT (manage-ocpp-load exits 1
# otherwise). It checks the tool works; the figures it prints are not asserted (they belong to
# docs/performance.md). The server listens on ports the kernel chooses, read from its banner: fixed
# ports inside the ephemeral range can be taken by any concurrently running test.
set -euo pipefail
manage=$1
load=$2
work=$(mktemp -d /tmp/manage-load-smoke.XXXXXX)
cat >"$work/config.yaml" <<YAML
http:
  listen: 127.0.0.1:0
ocpp:
  listen: 127.0.0.1:0
  boot_policy: accept
data:
  dir: $work/data
log:
  level: warn
YAML
"$manage" up --config "$work/config.yaml" >"$work/server.log" 2>&1 &
server=$!
show_log_on_failure() {
    local status=$?
    if [ "$status" -ne 0 ]; then
        echo "--- server log ($work/server.log) ---"
        cat "$work/server.log"
    fi
    kill -TERM "$server" 2>/dev/null
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
    exit "$status"
}
trap show_log_on_failure EXIT
ocpp_port=
for _ in $(seq 1 600); do
    kill -0 "$server" 2>/dev/null || { echo "manage exited before it was ready"; exit 1; }
    ocpp_port=$(sed -n 's|.*Chargers: ws://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/server.log")
    [ -n "$ocpp_port" ] && break
    sleep 0.1
done
[ -n "$ocpp_port" ] || { echo "manage did not print its OCPP address within 60 s"; exit 1; }
for run in 1.6:Heartbeat 1.6:MeterValues 2.0.1:Heartbeat 2.0.1:MeterValues 2.0.1:TransactionEvent; do
    version=${run%%:*}
    message=${run#*:}
    "$load" --port "$ocpp_port" --ocpp "$version" --id-prefix "SMOKE-$version-$message-" -n 40 -p 2 --sources 3 \
        -r 100 -m "$message" --settle 0 --warmup 1 -d 2 --server-pid "$server"
done
