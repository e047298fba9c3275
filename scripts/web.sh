#!/usr/bin/env bash
# Builds manage web (web/) into web/dist, which manage core serves at / (http.web_dir). Installs the
# pinned npm packages first when web/node_modules is missing or older than package-lock.json. Node.js
# is needed only here, at build time: the platform serves the built files itself.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v node >/dev/null 2>&1; then
  echo "web: Node.js is missing (scripts/bootstrap.sh installs it)" >&2
  exit 1
fi
# Vite 7 needs Node.js 20.19 or later.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "web: Node.js $(node --version) is too old: the web build needs 20.19 or later" >&2
  exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "web: installing the pinned npm packages (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "web: building the screens into web/dist…"
npm run --silent build -- --logLevel warn
echo "web: built $(find dist -type f | wc -l) files into web/dist"
