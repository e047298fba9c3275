#!/usr/bin/env bash
# The second README command: install what is missing, check the generated code is current, build
# the debug preset (AddressSanitizer + UndefinedBehaviorSanitizer), start the real engines on
# loopback (scripts/engines.sh) and run every test. Exits non-zero
# on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

scripts/bootstrap.sh --engines
if [ -x scripts/check-generated.sh ]; then
  echo "test: checking the generated OCPP code is current"
  scripts/check-generated.sh
fi

echo "test: building (debug preset)…"
cmake --preset debug >/dev/null
cmake --build --preset debug
scripts/web.sh

engines_dir=$(mktemp -d /tmp/manage-engines.XXXXXX)
chmod 755 "$engines_dir"
trap 'scripts/engines.sh stop "$engines_dir"; rm -rf "$engines_dir"' EXIT
scripts/engines.sh start "$engines_dir"
# shellcheck disable=SC1091
source "$engines_dir/env"

echo "test: running the tests"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --preset debug -j "$(nproc)"
echo "test: all tests passed in $(( $(date +%s) - start )) s"
