#!/usr/bin/env bash
# The load generator against a real server, small, for both OCPP versions: every charger connects
# and boots, every CALL in the load phase is answered with a CALLRESULT (manage-ocpp-load exits 1 otherwise). It checks
# the tool works; the figures it prints are not asserted (they belong to docs/performance.md).
set -euo pipefail
manage=$1
load=$2
port_base=${MANAGE_ENGINES_PORT_BASE:-55400}
ocpp_port=$((port_base + 60))
http_port=$((port_base + 61))
work=$(mktemp -d /tmp/manage-load-smoke.XXXXXX)
cat >"$work/config.yaml" <<YAML
http:
  listen: 127.0.0.1:$http_port
ocpp:
  listen: 127.0.0.1:$ocpp_port
  boot_policy: accept
data:
  dir: $work/data
log:
  level: warn
YAML
"$manage" up --config "$work/config.yaml" >"$work/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$ocpp_port") 2>/dev/null && break
    sleep 0.1
done
for run in 1.6:Heartbeat 1.6:MeterValues 2.0.1:Heartbeat 2.0.1:MeterValues 2.0.1:TransactionEvent; do
    version=${run%%:*}
    message=${run#*:}
    "$load" --port "$ocpp_port" --ocpp "$version" --id-prefix "SMOKE-$version-$message-" -n 40 -p 2 --sources 3 \
        -r 100 -m "$message" --settle 0 --warmup 1 -d 2 --server-pid "$server"
done
