#!/usr/bin/env bash
# The first README command: install what is missing, build the release preset and run the whole
# platform in one process with the demo depot (config/demo.yaml). Extra arguments go to `manage up`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
echo "up: building (release preset)…"
cmake --preset release >/dev/null
cmake --build --preset release
scripts/web.sh
echo "up: starting manage up with config/demo.yaml"
exec build/release/apps/manage/manage up --config config/demo.yaml "$@"
