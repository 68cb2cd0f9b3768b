# shellcheck shell=bash
# Start a throwaway PostgreSQL server for the test suite and export KAIKU_PG_URL.
#
# Sourced by scripts/test.sh under CI (CI=true); also usable by hand:
#     source scripts/ci-postgres.sh && DATABASE_URL="$KAIKU_PG_URL" .venv/bin/pytest
#
# - When KAIKU_PG_URL is already set, it is trusted and nothing is started.
# - When no PostgreSQL server binaries exist and we are root, Debian's `postgresql`
#   package is installed with apt-get.
# - A fresh cluster is initialised in a temporary directory (as the `postgres` user when
#   running as root, because initdb refuses to run as root) and started on 127.0.0.1 with
#   durability switched off (fsync etc.): it only ever holds test databases. It does not
#   touch the machine's own clusters (e.g. Debian's 15/main on 5432).
# - A role `kaiku` with CREATEDB (pytest-django creates the test_* databases) and a
#   database `kaiku` are created.
# - The server is stopped when the sourcing shell exits (kaiku_pg_stop on EXIT).

kaiku_pg__log() { echo "== postgres: $*"; }

kaiku_pg_setup() {
  if [ -n "${KAIKU_PG_URL:-}" ]; then
    kaiku_pg__log "using the given KAIKU_PG_URL"
    return 0
  fi

  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bindir" ] || [ ! -x "$bindir/postgres" ]; then
    if [ "$(id -u)" != "0" ]; then
      echo "!! PostgreSQL server binaries are missing; install them as root:" >&2
      echo "!!   apt-get update && apt-get install -y postgresql" >&2
      return 1
    fi
    kaiku_pg__log "installing Debian's postgresql package"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # policy-rc.d-less containers may try (and fail) to start the packaged cluster; that
    # is harmless, we start our own below.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      postgresql >/dev/null
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi

  local port=${KAIKU_PG_PORT:-}
  if [ -z "$port" ]; then
    # First free port from 54329 upwards (another run may be using one).
    port=54329
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      port=$((port + 1))
    done
  fi

  local datadir run_as=()
  datadir=$(mktemp -d /tmp/kaiku-pg.XXXXXX)
  if [ "$(id -u)" = "0" ]; then
    chown postgres: "$datadir"
    run_as=(runuser -u postgres --)
  fi
  # Run from the data directory: the postgres user may not be able to enter the current
  # one (a checkout under /root), and the tools complain about that.
  run_as+=(env -C "$datadir")
  KAIKU_PG_DATADIR=$datadir
  KAIKU_PG_BINDIR=$bindir
  KAIKU_PG_RUN_AS=("${run_as[@]}")

  kaiku_pg__log "initdb $datadir ($("$bindir/postgres" --version))"
  "${run_as[@]}" "$bindir/initdb" -D "$datadir/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$datadir/initdb.log" 2>&1 \
    || { cat "$datadir/initdb.log" >&2; return 1; }

  "${run_as[@]}" "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w -t 60 \
    -o "-p $port -k $datadir -c listen_addresses=127.0.0.1 -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
    || { cat "$datadir/server.log" >&2; return 1; }
  trap kaiku_pg_stop EXIT

  local psql=("${run_as[@]}" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$datadir" -p "$port"
    -U postgres -d postgres)
  "${psql[@]}" -c "CREATE ROLE kaiku LOGIN CREATEDB PASSWORD 'kaiku'"
  "${psql[@]}" -c "CREATE DATABASE kaiku OWNER kaiku"

  export KAIKU_PG_URL="postgres://kaiku:kaiku@127.0.0.1:$port/kaiku"
  kaiku_pg__log "running on 127.0.0.1:$port (KAIKU_PG_URL=$KAIKU_PG_URL)"
}

kaiku_pg_stop() {
  if [ -n "${KAIKU_PG_DATADIR:-}" ] && [ -d "$KAIKU_PG_DATADIR/data" ]; then
    "${KAIKU_PG_RUN_AS[@]}" "$KAIKU_PG_BINDIR/pg_ctl" -D "$KAIKU_PG_DATADIR/data" -m fast \
      -w stop >/dev/null 2>&1 || true
    rm -rf "$KAIKU_PG_DATADIR"
    KAIKU_PG_DATADIR=
  fi
}

kaiku_pg_setup
