"""``kaiku.accounts.sessions``: Django's database sessions with the read kept."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone

from kaiku.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_is_read_back_and_an_expired_one_is_not():
    store = SessionStore()
    store["answer"] = 42
    store.save()
    key = store.session_key
    assert SessionStore(key)["answer"] == 42
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(key)
    assert expired.get("answer") is None
    assert expired.session_key is None
    assert SessionStore("no-such-session-key").load() == {}


@override_settings(SESSION_ENGINE="kaiku.accounts.sessions")
def test_signing_in_and_out_with_it(client, user):
    client.force_login(user)
    assert client.get("/fi/profile/").status_code == 200
    client.logout()
    assert client.get("/fi/profile/").status_code == 302
