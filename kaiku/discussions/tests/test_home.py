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


# The panel's rows as the template's loop wrote them (``panel_rows`` must write the same).
_TEMPLATE_ROWS = (
    "{% load i18n %}{% for discussion in discussions %}"
    '<li><a href="{{ discussion.get_absolute_url }}">{{ discussion.title }}</a>\n'
    '    <span class="muted">{% blocktranslate count counter=discussion.comment_count %}'
    "{{ counter }} comment{% plural %}{{ counter }} comments{% endblocktranslate %}"
    "{% if discussion.group %} · {{ discussion.group.name }}{% endif %}</span></li>"
    "{% endfor %}"
)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_home_panel_rows_are_the_templates(discussions, people, group, language):
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Case, When
    from django.template import Context, Template
    from django.utils import translation

    from kaiku.discussions import selectors
    from kaiku.discussions.home import active_discussions, panel_rows
    from kaiku.discussions.models import Comment

    Discussion.objects.create(
        programme=group.programme, title='<b>"Ohjelma" & muut</b>', body="Teksti.",
        author=people["member"],
    )  # fmt: skip
    content_type = ContentType.objects.get_for_model(Discussion)
    for count, discussion in enumerate(discussions.values()):
        for _number in range(count):
            Comment.objects.create(
                content_type=content_type, object_id=discussion.pk, body="Kommentti"
            )
    group.name_sv = "Öppen grupp"
    group.save()
    viewer = people["staff"]
    with translation.override(language):
        rows = active_discussions(viewer=viewer, limit=5)
        expected = list(
            Discussion.objects.filter(selectors.discussion_q(viewer))
            .select_related("group")
            .annotate(comment_count=selectors.comment_count())
            .order_by(
                Case(When(author_id=viewer.pk, then=0), default=1), "-last_activity_at", "-pk"
            )[:5]
        )
        assert len(rows) == 4
        assert {row["comment_count"] for row in rows} == {0, 1, 2}
        html = Template(_TEMPLATE_ROWS).render(Context({"discussions": expected}))
        assert panel_rows(rows) == html
