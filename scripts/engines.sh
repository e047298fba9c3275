#!/usr/bin/env bash
# Starts and stops the real engines the integration tests need, on loopback only, in a directory of
# their own, on ports from MANAGE_ENGINES_PORT_BASE (default 55400) so that two runs can coexist.
#
#   scripts/engines.sh start DIR              starts them and writes DIR/env (the MANAGE_TEST_* variables
#                                             the tests read) and DIR/manage.env (MANAGE_STORE_URL,
#                                             MANAGE_CACHE_URL, MANAGE_BUS_URL to run Manage on them)
#   scripts/engines.sh stop DIR               stops what `start` started, by PID
#   scripts/engines.sh restart-rabbitmq DIR   stops the RabbitMQ node `start` started (rabbitmqctl shutdown)
#                                             and starts it again the same way, keeping its data in DIR;
#                                             returns once it accepts connections. `start` writes this
#                                             command, with its port base, to DIR/env as
#                                             MANAGE_TEST_RABBITMQ_RESTART (bus_restart_itest runs it).
#
# Today: PostgreSQL 15 (MANAGE_TEST_POSTGRES_URL), Valkey's stand-in redis-server 7
# (MANAGE_TEST_REDIS_URL) and RabbitMQ 3.10 (MANAGE_TEST_AMQP_URL). S3 and DynamoDB join with the
# issue that brings their adapters.
set -euo pipefail

usage="usage: engines.sh start|stop|restart-rabbitmq DIR"
command=${1:?$usage}
dir=${2:?$usage}
# stop and restart-rabbitmq use the port base that start recorded in DIR, so they reach the same engines
# without the caller repeating MANAGE_ENGINES_PORT_BASE.
if [ "$command" != start ] && [ -z "${MANAGE_ENGINES_PORT_BASE:-}" ] && [ -f "$dir/port-base" ]; then
  base=$(cat "$dir/port-base")
else
  base=${MANAGE_ENGINES_PORT_BASE:-55400}
fi
pg_port=$((base + 32))
redis_port=$((base + 79))
amqp_port=$((base + 72))
amqp_dist_port=$((base + 73))
epmd_port=$((base + 69))
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

start_postgres() {
  local data=$dir/postgres
  # Over TCP every login needs its password (the tests check a wrong one is refused); the
  # administrator connects through the socket in the data directory.
  mkdir -p "$data"
  chown postgres:postgres "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    runuser -u postgres -- "$pgbin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  fi
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $pg_port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  psql -h "$data" -p "$pg_port" -U postgres -XAtqc \
    "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'manage') THEN
       CREATE ROLE manage LOGIN PASSWORD 'manage-test' CREATEDB; END IF; END\$\$;" >/dev/null
  psql -h "$data" -p "$pg_port" -U postgres -XAtqc "SELECT 1 FROM pg_database WHERE datname = 'manage_test'" |
    grep -q 1 || psql -h "$data" -p "$pg_port" -U postgres -XAtqc "CREATE DATABASE manage_test OWNER manage" >/dev/null
  echo "export MANAGE_TEST_POSTGRES_URL=postgresql://manage:manage-test@127.0.0.1:$pg_port/manage_test" >>"$dir/env"
  echo "engines: PostgreSQL on 127.0.0.1:$pg_port"
}

stop_postgres() {
  local data=$dir/postgres
  [ -f "$data/postmaster.pid" ] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
}

start_redis() {
  local data=$dir/redis
  mkdir -p "$data"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$data" --pidfile "$data/redis.pid" --logfile "$data/redis.log"
  local tries=0
  until redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -lt 100 ] || { echo "engines: redis-server did not start (see $data/redis.log)" >&2; exit 1; }
    sleep 0.1
  done
  echo "export MANAGE_TEST_REDIS_URL=redis://127.0.0.1:$redis_port" >>"$dir/env"
  echo "engines: redis-server (Valkey protocol) on 127.0.0.1:$redis_port"
}

stop_redis() {
  redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
}

# RabbitMQ and its epmd stay on loopback; everything lives under $dir/rabbitmq.
rabbitmq_env() {
  local r=$dir/rabbitmq
  export HOME=$r RABBITMQ_NODENAME=manage-test-$base@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT=$amqp_port RABBITMQ_DIST_PORT=$amqp_dist_port RABBITMQ_MNESIA_BASE=$r/mnesia \
    RABBITMQ_LOG_BASE=$r/log RABBITMQ_ENABLED_PLUGINS_FILE=$r/enabled_plugins \
    RABBITMQ_CONFIG_FILE=$r/rabbitmq RABBITMQ_PID_FILE=$r/rabbit.pid \
    ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$epmd_port \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
  export PATH=/usr/lib/rabbitmq/bin:$PATH
}

# Starts the node (again, for restart-rabbitmq) and waits until it accepts connections.
launch_rabbitmq() {
  local r=$dir/rabbitmq
  mkdir -p "$r"
  (
    rabbitmq_env
    : >"$r/enabled_plugins"
    # The guest user may log in over 127.0.0.1 too.
    printf 'loopback_users = none\n' >"$r/rabbitmq.conf"
    (exec rabbitmq-server >"$r/stdout.log" 2>&1) &
    echo $! >"$r/launcher.pid"
    local tries=0
    until rabbitmq-diagnostics -q ping >/dev/null 2>&1; do
      tries=$((tries + 1))
      [ $tries -lt 240 ] || { echo "engines: RabbitMQ did not start (see $r/stdout.log)" >&2; exit 1; }
      sleep 0.5
    done
    rabbitmqctl -q await_startup --timeout 60 >/dev/null
  )
}

start_rabbitmq() {
  local r=$dir/rabbitmq
  launch_rabbitmq
  local script absolute_dir
  script=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
  absolute_dir=$(cd "$dir" && pwd)
  {
    echo "export MANAGE_TEST_AMQP_URL=amqp://guest:guest@127.0.0.1:$amqp_port/"
    echo "export MANAGE_TEST_RABBITMQ_DIR=$r"
    # With the port base baked in, so that it restarts this node whatever the caller's environment.
    echo "export MANAGE_TEST_RABBITMQ_RESTART=\"MANAGE_ENGINES_PORT_BASE=$base '$script' restart-rabbitmq '$absolute_dir'\""
  } >>"$dir/env"
  echo "engines: RabbitMQ on 127.0.0.1:$amqp_port"
}

restart_rabbitmq() {
  local r=$dir/rabbitmq
  [ -d "$r/mnesia" ] || { echo "engines: no RabbitMQ node in $r (run engines.sh start first)" >&2; exit 1; }
  (
    rabbitmq_env
    rabbitmqctl -q shutdown >/dev/null 2>&1 || true
  )
  launch_rabbitmq
  echo "engines: RabbitMQ restarted on 127.0.0.1:$amqp_port"
}

stop_rabbitmq() {
  local r=$dir/rabbitmq
  [ -d "$r" ] || return 0
  (
    rabbitmq_env
    rabbitmqctl -q shutdown >/dev/null 2>&1 || true
    epmd -port "$epmd_port" -kill >/dev/null 2>&1 || true
  )
}

case $command in
start)
  mkdir -p "$dir"
  echo "$base" >"$dir/port-base"
  : >"$dir/env"
  if [ -z "$pgbin" ]; then
    echo "engines: PostgreSQL is not installed (scripts/bootstrap.sh --engines installs it)" >&2
    exit 1
  fi
  start_postgres
  start_redis
  start_rabbitmq
  # For running Manage itself on these engines (README, "Production engines on one machine"); the
  # tests use DIR/env, never this file, so that they keep their own database.
  psql -h "$dir/postgres" -p "$pg_port" -U postgres -XAtqc "SELECT 1 FROM pg_database WHERE datname = 'manage'" |
    grep -q 1 || psql -h "$dir/postgres" -p "$pg_port" -U postgres -XAtqc "CREATE DATABASE manage OWNER manage" >/dev/null
  cat >"$dir/manage.env" <<EOF
MANAGE_STORE_URL=postgresql://manage:manage-test@127.0.0.1:$pg_port/manage
MANAGE_CACHE_URL=redis://127.0.0.1:$redis_port
MANAGE_BUS_URL=amqp://guest:guest@127.0.0.1:$amqp_port/
EOF
  echo "engines: settings for manage in $dir/manage.env (set -a; . $dir/manage.env; set +a)"
  ;;
stop)
  stop_rabbitmq
  stop_redis
  stop_postgres
  ;;
restart-rabbitmq)
  restart_rabbitmq
  ;;
*)
  echo "$usage" >&2
  exit 2
  ;;
esac
