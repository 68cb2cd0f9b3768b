#!/usr/bin/env bash
# `make bench`: fill the bench database (var/bench.sqlite3, or DATABASE_URL) at national scale
# and measure the pages with gunicorn and wrk. Generation is idempotent: after the first run it
# only checks what is there. See docs/performance.md.
#
#   make bench                                   # scale 1, 20 clients, 5 s per page
#   BENCH_SCALE=0.1 make bench                   # a tenth of the data
#   BENCH_ARGS="--duration 3 --page 'front page'" make bench
#   bash bench/run.sh --clients 40               # arguments go to bench.pages
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
# The Makefile exports the development settings; the benchmark runs its own.
export DJANGO_SETTINGS_MODULE=bench.settings

# The load generator is Debian's wrk (a Python client capped the floor at ~850 req/s).
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing wrk with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  else
    echo "The benchmark needs wrk: sudo apt-get install wrk (Debian/Ubuntu), brew install wrk (macOS)." >&2
    exit 1
  fi
fi

started=$(date +%s)
"$PY" -m bench.generate --scale "${BENCH_SCALE:-1}"
eval "set -- ${BENCH_ARGS:-} \"\$@\""
"$PY" -m bench.pages "$@"
echo "make bench: $(( $(date +%s) - started )) s in all"
