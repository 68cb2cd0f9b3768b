"""A real task worker SIGKILLed in the middle of sending a digest over SMTP, then SMTP down:
after recovery every notification arrives exactly once.

The steps run in child processes (``sender_process.py``) sharing a SQLite file made from the
migrated test database, so this test needs SQLite (PostgreSQL runs skip it; the in-process
version in ``test_delivery.py`` runs everywhere).
"""

from __future__ import annotations

import email
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from .smtp import SMTPTestServer

ROOT = Path(settings.BASE_DIR)
HOURS = 3600


@pytest.fixture
def database_file(tmp_path, transactional_db) -> Path:
    """A copy of the migrated (and empty) test database in a file."""
    if connection.vendor != "sqlite" or "memory" not in str(connection.settings_dict["NAME"]):
        pytest.skip("the child processes share a SQLite file")
    path = tmp_path / "kaiku.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return path


@pytest.fixture
def smtp():
    server = SMTPTestServer().start()
    yield server
    server.stop()


def _child(database: Path, smtp: SMTPTestServer, *args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "SMTP_PORT": str(smtp.port),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "kaiku.notifications.tests.sender_process", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(database: Path, smtp: SMTPTestServer, *args: str):
    child = _child(database, smtp, *args)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def _text(message: dict) -> str:
    for part in email.message_from_bytes(message["data"]).walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset())
    raise AssertionError("no text part")


def test_a_killed_worker_and_smtp_down_lose_no_email_and_send_none_twice(database_file, smtp):
    def run(*steps):
        return _run(database_file, smtp, *steps)

    titles, _task_id = run("seed", "enqueue-digest")
    first, second, third = sorted(titles)

    # The worker sends the first digest; the server keeps the second one unanswered, and the
    # worker is killed right there, in the middle of the SMTP conversation.
    smtp.hold(skip=1)
    worker = _child(database_file, smtp, "worker")
    try:
        assert smtp.holding.wait(timeout=120), "the worker never reached the second email"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        smtp.release(accept=False)
    assert worker.returncode == -signal.SIGKILL
    assert smtp.recipients() == [first]

    # SMTP is down when recovery runs (after the timeouts): the task is failed and queued
    # again, the dead worker's claim released and retried, and nothing is lost.
    smtp.stop()
    (after_kill, summary) = run("state", f"recover:{2 * HOURS}")
    assert after_kill["tasks"] == ["RUNNING"]  # left so by the dead worker
    held = [n for n in after_kill["notifications"] if n["email"] == second]
    assert held and all(n["claimed"] and not n["emailed"] for n in held)
    assert (summary["tasks_failed"], summary["tasks_queued"]) == (1, 1)
    assert (summary["released"], summary["sent"]) == (2, 0)

    # SMTP is back: recovery sends the released digest, the queued task the rest; more
    # recoveries and worker runs later send nothing again.
    smtp.start()
    retried, _work, *_again, final = run(
        f"recover:{8 * HOURS}", "worker", f"recover:{30 * HOURS}", "worker", "state"
    )
    assert retried["sent"] == 1
    assert smtp.recipients() == [first, second, third]
    for message in smtp.messages:
        (address,) = message["to"]
        text = _text(message)
        assert all(text.count(title) == 1 for title in titles[address])
    assert all(n["emailed"] and not n["claimed"] for n in final["notifications"])
    assert final["tasks"] == ["FAILED", "SUCCESSFUL"]
