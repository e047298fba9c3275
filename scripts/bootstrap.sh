#!/usr/bin/env bash
# Installs what Manage needs to build and test from Debian bookworm packages (with --engines, also
# the engines that the integration tests run). Idempotent: it only
# calls apt-get when something is missing. Run as root (or with sudo available).
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config git ca-certificates clang-format
  # libraries (see docs/architecture.md for what each is for)
  libboost-dev libboost-system-dev nlohmann-json3-dev libsoci-dev libsqlite3-dev libpq-dev
  libhiredis-dev librabbitmq-dev libcurl4-openssl-dev libssl-dev libspdlog-dev libfmt-dev
  libcli11-dev libyaml-cpp-dev coinor-libclp-dev libgtest-dev libgmock-dev libbenchmark-dev
  libhowardhinnant-date-dev tzdata libargon2-dev
  # OCPP code generation (python3 + Jinja2) and the schema package fetch (npm)
  python3 python3-jinja2
)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
# --engines: the real engines the integration tests start on loopback (scripts/engines.sh).
# Also Debian's Chromium, which the web screens' end-to-end tests drive headless (never a downloaded browser).
[ "${1:-}" = "--engines" ] && packages+=(postgresql redis-server rabbitmq-server wrk chromium)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "bootstrap: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
$sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
echo "bootstrap: done"
