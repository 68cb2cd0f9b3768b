#!/usr/bin/env bash
# The whole test suite (what `make test` and CI run):
#   lint, format, migrations check, messages, then pytest — unit tests and the browser
#   journeys (e2e/, Playwright + axe-core) together, two processes (xdist) — on SQLite,
#   and under CI (CI=true) once more on PostgreSQL.
#
# Extra arguments go to pytest:  bash scripts/test.sh -m "not e2e"   bash scripts/test.sh -k i18n
# Environment:
#   CI=true           also PostgreSQL; missing system packages are installed (as root) and a
#                     missing browser is an error instead of a skip
#   KAIKU_PG_URL      use this PostgreSQL server instead of starting one (postgres://…)
#   PYTEST_WORKERS    number of xdist workers (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PYTEST=(.venv/bin/pytest -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" --create-db
  --durations=30)
export DJANGO_SETTINGS_MODULE=config.settings.test
CI=${CI:-}
started=$SECONDS

step() { echo "== $* ($((SECONDS - started)) s)"; }

# System packages from Debian: gettext (msgfmt, for compilemessages), chromium (e2e) and,
# under CI, the PostgreSQL server. Installed in one apt-get run when missing and we are root;
# ensure-chromium.sh and ci-postgres.sh would also install their own, one update each.
missing=()
command -v msgfmt >/dev/null || missing+=(gettext)
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
if [ "$CI" = "true" ] && [ -z "${KAIKU_PG_URL:-}" ] \
  && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  step "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v msgfmt >/dev/null; then
  echo "!! msgfmt is missing: install gettext (apt-get install gettext)" >&2
  exit 1
fi

step "ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
step "migrations and messages"
$PY manage.py makemigrations --check --dry-run
# compilemessages refuses to run when there is no locale directory at all (git does not keep
# the empty locale/ tree), so compile only when there are catalogues.
if [ -n "$(find . -path ./.venv -prune -o -name '*.po' -print -quit)" ]; then
  $PY manage.py compilemessages --ignore=.venv -v0
fi

step "Finnish word list"
$PY -m kaiku.core.finnish ensure-lexicon

step "browser"
if ! bash scripts/ensure-chromium.sh; then
  if [ "$CI" = "true" ]; then
    exit 1
  fi
  echo "!! continuing without a browser: the e2e journeys will be skipped"
fi

step "pytest on SQLite"
# Unset, not empty: django-environ reads an empty DATABASE_URL as "no database".
env -u DATABASE_URL "${PYTEST[@]}" "$@"

if [ "$CI" = "true" ]; then
  step "PostgreSQL"
  # shellcheck source=scripts/ci-postgres.sh
  source scripts/ci-postgres.sh
  step "pytest on PostgreSQL"
  # The crawl (every page × role × width × language) checks what the browser shows; it ran
  # on SQLite above, and every page's queries run on PostgreSQL in the unit and journey tests.
  DATABASE_URL="$KAIKU_PG_URL" "${PYTEST[@]}" --ignore=e2e/test_crawl.py "$@"
fi
step "all tests passed"
