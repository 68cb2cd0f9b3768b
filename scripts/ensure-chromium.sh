#!/usr/bin/env bash
# Make sure Debian's chromium is available for the Playwright journeys in e2e/.
#
# Playwright is launched with executable_path=/usr/bin/chromium (see e2e/conftest.py); we
# never run `playwright install`, which downloads a browser from a CDN that CI cannot reach.
#
# Exit status: 0 when /usr/bin/chromium is usable afterwards; 1 otherwise. Under CI
# (CI=true) a missing browser is an error; elsewhere the caller may go on and the e2e
# tests skip themselves with a message.
set -euo pipefail

CHROMIUM=${KAIKU_CHROMIUM:-/usr/bin/chromium}

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "== installing chromium with apt-get (Debian package, used by the e2e tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # fonts-liberation: metric-compatible fonts so layouts (and axe's contrast checks) are
  # stable; chromium itself pulls in the libraries it needs.
  apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  echo "== installing chromium with sudo apt-get"
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium fonts-liberation >/dev/null
fi

if [ -x "$CHROMIUM" ]; then
  echo "== chromium: $("$CHROMIUM" --version 2>/dev/null || echo installed)"
  exit 0
fi

cat >&2 <<MSG
!! $CHROMIUM is missing, so the browser tests (pytest -m e2e) cannot run.
!! Install Debian's browser as root:   apt-get update && apt-get install -y chromium
!! (Do not use 'playwright install'.)  Outside CI the e2e tests are skipped.
MSG
exit 1
