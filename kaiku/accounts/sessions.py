"""Django's database sessions, read by a kept query.

Every signed-in request reads its session row first: ``SessionStore`` of
``django.contrib.sessions.backends.db`` builds and compiles that query each time (about a
thousand Python calls). This store reads the same row with a query built once per process
(``kaiku.core.prepared``); saving, creating and deleting are Django's. Same table, same
rows: switching ``SESSION_ENGINE`` to ``"kaiku.accounts.sessions"`` keeps every session.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from kaiku.core.prepared import run


def _session(*, key: str, now) -> QuerySet[Session]:
    return Session.objects.filter(session_key=key, expire_date__gt=now)[:1]


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        found = run(_session, key=self.session_key, now=timezone.now())
        if found:
            return found[0]
        self._session_key = None
        return None
