#!/usr/bin/env bash
# Fetches the OCPP JSON schemas (if needed) and regenerates src/ocpp/generated/. Commit the result.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"${root}/scripts/fetch-ocpp-schemas.sh"
/usr/bin/python3 "${root}/tools/ocpp-codegen/generate.py" "$@"
