"""Settings for the benchmark server: production settings on loopback, with their own database.

The benchmark must measure what production runs (DEBUG off, manifest static files, the full
middleware stack), but it must never touch the development database and it only ever listens
on 127.0.0.1, so a fixed bench-only secret is acceptable here and nowhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

_BASE_DIR = Path(__file__).resolve().parents[1]

# These must be in the environment before the production settings read it.
os.environ.setdefault(
    "SECRET_KEY",
    "bench-only-secret-key-loopback-never-use-in-production-5f1c9a7e2b8d4063",
)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_BASE_DIR / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# The benchmark's page cache is its own directory (bench.pages empties it before a run).
os.environ.setdefault(
    "PAGE_CACHE_URL", f"filecache://{_BASE_DIR / 'var' / 'cache' / 'bench-pages'}"
)

from config.settings.production import *  # noqa: E402, F403
from config.settings.production import REST_FRAMEWORK  # noqa: E402

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Clients talk plain HTTP on loopback; secure-only cookies would never come back.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

# Throttling stays in the request path (its cache look-ups are part of the cost) but with a
# ceiling no benchmark reaches: a page answering 429 would measure nothing.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "1000000/min", "user": "1000000/min"},
}

# One line per request to stderr would cost more than some of the pages we measure.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# For experiments only: BENCH_CONN_MAX_AGE=60 keeps database connections open between requests
# also on SQLite (the project's settings do so only for PostgreSQL). Unset, the benchmark
# runs exactly what production runs.
if os.environ.get("BENCH_CONN_MAX_AGE"):
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])  # noqa: F405
