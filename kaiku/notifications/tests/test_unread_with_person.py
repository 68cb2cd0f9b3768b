"""The unread count is read with the signed-in person (``context_processors.register_column``):
the header's badge and the front page's panel ask no count of their own, and a person with
nothing unread costs the panel no query at all."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

NOTIFICATIONS = '"notifications_notification"'


def _own_notification_queries(client, url: str) -> tuple[str, list[str]]:
    """The page and its notification queries besides the signed-in person's own."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    sqls = [q["sql"] for q in queries if '"kaiku_roles_mask"' not in q["sql"]]
    return response.content.decode(), [sql for sql in sqls if NOTIFICATIONS in sql]


@pytest.mark.parametrize("unread", [0, 3, 7])
def test_the_badge_asks_nothing_of_its_own(client, user, unread):
    NotificationFactory.create_batch(unread, user=user)
    NotificationFactory(user=user, read_at=timezone.now())
    NotificationFactory()  # someone else's
    client.force_login(user)
    body, asked = _own_notification_queries(client, "/fi/accessibility/")
    header = body.split("</header>")[0]
    assert asked == []
    if unread:
        assert f'<span class="badge">{unread}<span' in header
    else:
        assert '<span class="badge">' not in header


def test_the_front_page_panel_asks_nothing_when_nothing_is_unread(client, user):
    NotificationFactory(user=user, read_at=timezone.now())
    client.force_login(user)
    body, asked = _own_notification_queries(client, "/fi/")
    assert asked == []
    assert 'id="home-notifications"' in body


@pytest.mark.parametrize(("unread", "shown"), [(3, 3), (7, 5)])
def test_the_front_page_panel_reads_only_the_rows(client, user, unread, shown):
    NotificationFactory.create_batch(unread, user=user)
    client.force_login(user)
    body, asked = _own_notification_queries(client, "/fi/")
    assert len(asked) == 1  # the newest rows; the count came with the person
    panel = body.split('id="home-notifications"')[1].split("</section>")[0]
    assert panel.count("<li>") == shown
    assert f'<span class="badge">{unread}<span' in body.split("</header>")[0]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_kept_panel_of_nothing_unread_is_the_template_s(user, language):
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import translation

    from kaiku.core.home import HomePanel, _render

    from ..home import TEMPLATE, notifications_panel

    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        expected = render_to_string(TEMPLATE, {"data": {"count": 0, "rows": []}})
        for _ in range(2):  # made, then kept
            rendered = _render(HomePanel("notifications", notifications_panel), request)
            assert rendered["html"] == expected
