#!/usr/bin/env bash
# Starts and stops the real engines the integration tests need, on loopback only, in a directory of
# their own, on ports from MANAGE_ENGINES_PORT_BASE (default 55400) so that two runs can coexist.
#
#   scripts/engines.sh start DIR   starts them and writes DIR/env (the MANAGE_TEST_* variables)
#   scripts/engines.sh stop DIR    stops what `start` started, by PID
#
# Today: PostgreSQL 15 (MANAGE_TEST_POSTGRES_URL). Valkey, RabbitMQ, S3 and DynamoDB join with the
# issues that bring their adapters.
set -euo pipefail

command=${1:?usage: engines.sh start|stop DIR}
dir=${2:?usage: engines.sh start|stop DIR}
base=${MANAGE_ENGINES_PORT_BASE:-55400}
pg_port=$((base + 32))
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

case $command in
start)
  mkdir -p "$dir"
  : >"$dir/env"
  if [ -z "$pgbin" ]; then
    echo "engines: PostgreSQL is not installed (scripts/bootstrap.sh --engines installs it)" >&2
    exit 1
  fi
  start_postgres
  ;;
stop)
  stop_postgres
  ;;
*)
  echo "usage: engines.sh start|stop DIR" >&2
  exit 2
  ;;
esac
