#!/usr/bin/env bash
# The whole test suite: lint, migrations check, then pytest on SQLite, and under CI
# (CI=true) on PostgreSQL as well.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings.test

.venv/bin/ruff check .
.venv/bin/ruff format --check .
$PY manage.py makemigrations --check --dry-run
$PY manage.py compilemessages --ignore=.venv -v0

echo "== pytest on SQLite"
DATABASE_URL= .venv/bin/pytest -p no:cacheprovider -n 2 --create-db "$@"

if [ "${CI:-}" = "true" ]; then
  echo "== pytest on PostgreSQL"
  source scripts/ci-postgres.sh
  DATABASE_URL="$KAIKU_PG_URL" .venv/bin/pytest -p no:cacheprovider -n 2 --create-db "$@"
fi
