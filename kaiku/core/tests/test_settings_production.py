"""Production settings pass Django's deployment checklist and refuse a missing secret.

Run in a subprocess: the production settings module must be imported fresh, with its own
environment, and must not leak into the test process.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]
# Variables that would otherwise leak in from the test run or the developer's shell
# (e2e/conftest.py sets DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly rejects).
LEAKY_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_check(**env_overrides: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in LEAKY_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    for key, value in env_overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif((BASE_DIR / ".env").exists(), reason="a local .env changes the settings")
def test_check_deploy_is_clean_with_a_strong_secret():
    result = run_check(SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="kaiku.example.fi")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif((BASE_DIR / ".env").exists(), reason="a local .env changes the settings")
@pytest.mark.parametrize(
    "secret_key",
    [None, "", "too-short", "django-insecure-" + "x" * 60],
    ids=["unset", "empty", "short", "django-insecure"],
)
def test_production_refuses_to_start_without_a_strong_secret(secret_key):
    result = run_check(SECRET_KEY=secret_key, ALLOWED_HOSTS="kaiku.example.fi")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
