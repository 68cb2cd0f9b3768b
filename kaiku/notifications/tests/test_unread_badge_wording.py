from __future__ import annotations

import pytest

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("count", "words"), [(1, "1 lukematon"), (4, "4 lukematonta")])
def test_unread_badge_reads_right_in_finnish(client, user, count, words):
    NotificationFactory.create_batch(count, user=user)
    client.force_login(user)
    header = client.get("/fi/").content.decode().split("</header>")[0]
    badge = header.split('<span class="badge">', 1)[1].split("</a>", 1)[0]
    text = badge.replace('<span class="visually-hidden">', "").replace("</span>", "")
    assert " ".join(text.split()) == words
