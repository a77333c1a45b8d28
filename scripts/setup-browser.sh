#!/usr/bin/env bash
# Installs what tests/Browser.Tests needs, and does nothing when it is there already:
#   - Debian's chromium (/usr/bin/chromium); Playwright never downloads a browser of its own;
#   - plotly.js and require.js from npm, pinned by tests/Browser.Tests/web/package-lock.json, into
#     tests/Browser.Tests/web/node_modules (gitignored).
# CI runs it as root; elsewhere apt-get goes through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # Read the package lists only when apt does not know chromium yet (a fresh machine).
  if ! apt-cache show chromium >/dev/null 2>&1; then $sudo apt-get update; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium fonts-liberation
fi

if ! command -v npm >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! apt-cache show npm >/dev/null 2>&1; then $sudo apt-get update; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y nodejs npm
fi

web=tests/Browser.Tests/web
if [ ! -f "$web/node_modules/plotly.js-dist-min/plotly.min.js" ] || [ ! -f "$web/node_modules/requirejs/require.js" ] \
   || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  (cd "$web" && npm ci --no-audit --no-fund)
fi

echo "setup-browser: $(/usr/bin/chromium --version 2>/dev/null | head -n 1); plotly.js $(node -p "require('./$web/node_modules/plotly.js-dist-min/package.json').version")"
