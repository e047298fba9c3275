#!/usr/bin/env bash
# Fails when the committed src/ocpp/generated/ is not what the generator makes from the pinned schemas, e.g.
# after a change to tools/ocpp-codegen/ without regenerating. CI runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
committed="${root}/src/ocpp/generated"

"${root}/scripts/fetch-ocpp-schemas.sh" >/dev/null
scratch="$(mktemp -d)"
trap 'rm -rf "${scratch}"' EXIT
/usr/bin/python3 "${root}/tools/ocpp-codegen/generate.py" --out "${scratch}/generated" >/dev/null

if ! diff -ruN "${committed}" "${scratch}/generated" >"${scratch}/diff"; then
    echo "check-generated: src/ocpp/generated/ is stale: it differs from what tools/ocpp-codegen/generate.py makes." >&2
    echo "check-generated: run scripts/generate-ocpp.sh and commit the result. Differences:" >&2
    head -n 200 "${scratch}/diff" >&2
    lines="$(wc -l <"${scratch}/diff")"
    if [ "${lines}" -gt 200 ]; then echo "... (${lines} lines of diff in all)" >&2; fi
    exit 1
fi
echo "check-generated: src/ocpp/generated/ is up to date"
