"""Discussions on the front page: "What is new" lists new discussions the viewer may see, and
a signed-in person's page has a panel of the liveliest ones, their own first."""

from __future__ import annotations

import pytest

from kaiku.core.content import Visibility

from ..models import Discussion
from ..whatsnew import new_discussions

pytestmark = pytest.mark.django_db


@pytest.fixture
def discussions(people, group):
    def make(title, **extra):
        return Discussion.objects.create(
            programme=group.programme,
            group=group,
            title=title,
            body="Teksti.",
            author=extra.pop("author", people["member"]),
            **extra,
        )

    return {
        "public": make("Lomien siirtyminen"),
        "staff": make("Vain henkilöstölle", visibility=Visibility.STAFF),
        "own": make("Oma keskustelu", author=people["staff"]),
    }


def test_whats_new_lists_only_visible_discussions(discussions, people):
    anonymous = [item.title for item in new_discussions(viewer=None, limit=10)]
    assert "Lomien siirtyminen" in anonymous and "Vain henkilöstölle" not in anonymous
    signed_in = [item.title for item in new_discussions(viewer=people["staff"], limit=10)]
    assert "Vain henkilöstölle" in signed_in


def test_home_panel_shows_own_discussions_first(client, discussions, people):
    client.force_login(people["staff"])
    html = client.get("/en/").content.decode()
    panel = html.split("All discussions")[0]
    assert panel.index("Oma keskustelu") < panel.index("Lomien siirtyminen")
