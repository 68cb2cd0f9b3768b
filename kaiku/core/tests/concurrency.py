"""Run requests at once, each thread on its own database connection.

In-memory SQLite (the default test database) shares one cache between connections and
answers "table is locked" instead of waiting, so these tests run on PostgreSQL (CI runs the
suite there too) and on file-based SQLite, and are skipped on in-memory SQLite.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import pytest
from django.db import connection

T = TypeVar("T")


def skip_unless_concurrent_db() -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("in-memory SQLite cannot run concurrent transactions")


def run_at_once(count: int, call: Callable[[], T]) -> list[T]:
    """Call ``call`` in ``count`` threads released together; return the results."""
    barrier = threading.Barrier(count)
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(call())
        except BaseException as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
