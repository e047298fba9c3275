#!/usr/bin/env bash
# The second README command: install what is missing, check the generated code is current, build
# the debug preset (AddressSanitizer + UndefinedBehaviorSanitizer) and run every test. Exits non-zero
# on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

scripts/bootstrap.sh
if [ -x scripts/check-generated.sh ]; then
  echo "test: checking the generated OCPP code is current"
  scripts/check-generated.sh
fi

echo "test: building (debug preset)…"
cmake --preset debug >/dev/null
cmake --build --preset debug

echo "test: running the tests"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --preset debug -j "$(nproc)"
echo "test: all tests passed in $(( $(date +%s) - start )) s"
