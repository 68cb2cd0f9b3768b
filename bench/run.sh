#!/usr/bin/env bash
# `make bench`: fill the bench database (var/bench.sqlite3, or DATABASE_URL) at national scale
# and measure the pages with gunicorn. Generation is idempotent: after the first run it only
# checks what is there. See docs/performance.md.
#
#   make bench                                   # scale 1, 8 clients, 10 s per page
#   BENCH_SCALE=0.1 make bench                   # a tenth of the data
#   BENCH_ARGS="--duration 5 --page floor --page 'front page'" make bench
#   bash bench/run.sh --clients 16               # arguments go to bench.pages
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
# The Makefile exports the development settings; the benchmark runs its own.
export DJANGO_SETTINGS_MODULE=bench.settings

"$PY" -m bench.generate --scale "${BENCH_SCALE:-1}"
eval "set -- ${BENCH_ARGS:-} \"\$@\""
"$PY" -m bench.pages "$@"
