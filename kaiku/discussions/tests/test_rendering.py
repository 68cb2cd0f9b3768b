"""The comments an anonymous visitor sees are written in Python (kaiku/discussions/
rendering.py): byte for byte what ``_comment.html`` gives, for every kind of comment."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from kaiku.accounts.tests.factories import UserFactory
from kaiku.discussions.models import Comment, Reaction
from kaiku.discussions.rendering import anonymous_comments_html, comments_html
from kaiku.discussions.selectors import thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(news, people):
    content_type = ContentType.objects.get_for_model(news)
    now = timezone.now()
    gone = UserFactory(full_name="Poistettu", removed_at=now)

    def make(author=people["member"], **fields):
        comment = Comment(content_type=content_type, object_id=news.pk, author=author, **fields)
        comment.save()
        return comment

    plain = make(body="Hyvä **idea** & <script>alert(1)</script>")
    make(body="Muokattu", edited_at=now)
    make(body="Poistettu", deleted_at=now, edited_at=now)
    make(
        body="Piilotettu", hidden_at=now, hidden_by=people["moderator"],
        hidden_reason="Asiaton <b>&</b>",
    )  # fmt: skip
    make(body="Piilotettu ilman syytä", hidden_at=now, hidden_by=people["moderator"])
    make(body="Ilmoitettu", hidden_at=now)
    make(author=None, body="Ei kirjoittajaa")
    make(author=gone, body="Poistettu käyttäjä")
    make(body="Vastaus", parent=plain)
    make(body="Toinen vastaus", parent=plain, edited_at=now - datetime.timedelta(days=400))
    Reaction.objects.create(comment=plain, user=people["member"], kind="thanks")
    Reaction.objects.create(comment=plain, user=people["author"], kind="idea")
    Reaction.objects.create(comment=plain, user=people["moderator"], kind="idea")
    return plain


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_anonymous_comments_are_the_template_html(news, comments, language):
    with translation.override(language):
        data = thread(viewer=AnonymousUser(), target=news)
        assert len(data.comments) == 8
        expected = "".join(
            render_to_string(
                "discussions/includes/_comment.html",
                {"comment": comment, "thread": data, "user": AnonymousUser(), "here": "/x/"},
            )
            for comment in data.comments
        )
        assert str(anonymous_comments_html(data.comments)) == expected
    assert "comment--reply" in expected and "Asiaton &lt;b&gt;" in expected
    assert '<span class="reaction">' in expected and "<script>" not in expected


def test_the_item_page_shows_them_to_anonymous_visitors_only(client, people, news, comments):
    page = client.get(news.get_absolute_url()).content.decode()
    assert f'id="comment-{comments.pk}"' in page
    assert "comment__reaction" not in page  # no reaction forms
    client.force_login(people["member"])
    page = client.get(news.get_absolute_url()).content.decode()
    assert "comment__reaction" in page


@pytest.mark.parametrize("who", ["member", "moderator", "staff"])
def test_signed_in_comments_are_the_template_html(news, comments, people, who):
    """Their own comments (edit and remove, their hidden text), a moderator's view of the
    hidden texts, someone else's: the reaction forms, reply links and report links."""
    viewer = people[who]
    request = RequestFactory().get("/x/")
    request.user = viewer
    with translation.override("fi"):
        data = thread(viewer=viewer, target=news)
        context = {"thread": data, "user": viewer, "here": "/x/?a=<b>", "csrf_token": "TOKEN"}
        expected = "".join(
            render_to_string(
                "discussions/includes/_comment.html",
                {**context, "comment": comment, "request": request},
            )
            for comment in data.comments
        )
        written = comments_html(
            data.comments, request=request, csrf_token="TOKEN", here="/x/?a=<b>", locked=False
        )
    assert str(written) == expected
    assert "comment__reaction" in expected and "report-link" in expected
    if who == "member":
        assert "Only you and the moderators" in expected or "Vain sinä" in expected


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_comment_form_is_the_template_html_with_a_new_token_each_time(
    client, people, news, language
):
    """The empty comment form is written once per language (templatetags): the include's
    markup, with a fresh one-time token on every page."""
    import re

    from kaiku.core.forms import FORM_TOKEN_FIELD
    from kaiku.discussions.forms import CommentForm

    client.force_login(people["member"])
    with translation.override(language):
        url = news.get_absolute_url()
        pages = [client.get(url).content.decode() for _ in range(2)]
        form = CommentForm()
        expected = render_to_string("core/includes/_form_fields.html", {"form": form})
    token = re.compile(rf'name="{FORM_TOKEN_FIELD}" value="([^"]+)"')
    tokens = [token.search(page).group(1) for page in pages]
    assert tokens[0] != tokens[1]
    expected = expected.replace(form[FORM_TOKEN_FIELD].value(), tokens[0])
    assert expected in pages[0]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_comments_block_is_the_template_html(news, group, people, language):
    """``{% comments %}``'s block around the comments (``comments_block_html``) is what
    ``_comments.html`` writes: the count and heading, earlier and more comments, the
    sign-in link, the locked notice, the form; for each state of a thread."""
    from django.utils.safestring import mark_safe

    from kaiku.discussions import services
    from kaiku.discussions.models import Discussion
    from kaiku.discussions.rendering import comments_block_html

    content_type = ContentType.objects.get_for_model(news)
    Comment.objects.bulk_create(
        [
            Comment(content_type=content_type, object_id=news.pk, author=people["member"], body=b)
            for b in ("Yksi", "Kaksi", "Kolme", "Neljä", "Viisi")
        ]
    )
    locked = services.discussion_create(
        actor=people["member"], programme=group.programme, title="Lukittu", body="Teksti"
    )
    Discussion.objects.filter(pk=locked.pk).update(locked=True)
    locked.refresh_from_db()
    empty = services.discussion_create(
        actor=people["member"], programme=group.programme, title="Tyhjä", body="Teksti"
    )
    cases = [
        (news, AnonymousUser(), 1, 2),
        (news, AnonymousUser(), 2, 3),
        (news, people["member"], 2, 2),
        (news, people["member"], 3, 0),
        (locked, people["member"], 1, 2),
        (locked, people["moderator"], 1, 2),
        (empty, AnonymousUser(), 1, 2),
        (empty, people["staff"], 1, 2),
    ]
    here = "/x/?a=<b> c"
    with translation.override(language):
        for target, viewer, page, level in cases:
            data = thread(viewer=viewer, target=target, page=page, per_page=2)
            signed_in = viewer.is_authenticated
            context = {
                "thread": data,
                "comments_html": mark_safe("<li>KOMMENTIT</li>" if data.comments else ""),
                "target": target,
                "comments_url": "/kommentit/?x=<y>",
                "heading_level": level,
                "thread_form_html": mark_safe("<p>LOMAKE</p>" if signed_in else ""),
                "here": here,
                "user": viewer,
                "csrf_token": "TOKEN" if signed_in else "",
            }
            expected = render_to_string("discussions/includes/_comments.html", context)
            written = comments_block_html(
                data,
                comments=context["comments_html"],
                comments_url=context["comments_url"],
                heading_level=level,
                here=here,
                signed_in=signed_in,
                csrf_token=context["csrf_token"],
                form_html=context["thread_form_html"],
            )
            assert str(written) == expected, (target, viewer, page)
