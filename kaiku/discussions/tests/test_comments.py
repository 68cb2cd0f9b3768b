"""Comments: who may see, write, edit and remove them; placeholders; history; mentions."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kaiku.core.content import Visibility, visible_q
from kaiku.core.ratelimit import RateLimitError
from kaiku.discussions import selectors, services
from kaiku.discussions.commentables import comments_visible_to
from kaiku.discussions.models import Comment, CommentRevision, Reaction
from kaiku.notifications.models import Notification
from kaiku.programme.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _comments_url(obj):
    label = obj._meta.label_lower
    return reverse("discussions:comments", args=[label, obj.pk])


def _login(client, person):
    if person is not None:
        client.force_login(person)
    return client


# --- Who may see ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        ("anonymous", False),
        ("staff", False),
        ("member", True),
        ("author", True),
        ("moderator", False),
        ("admin", True),
    ],
)
def test_comments_on_a_members_only_meeting_are_for_members(
    client, people, closed_group, viewer, sees, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(group=closed_group, visibility=Visibility.PUBLIC)
    comment = services.comment_create(
        actor=people["author"], target=meeting, body="Salainen kommentti kokouksesta."
    )
    person = people[viewer]
    response = _login(client, person).get(_comments_url(meeting))
    assert response.status_code == (200 if sees else 404)
    # The copied audience answers as the target does (the search app reads it).
    visible = Comment.objects.filter(visible_q(Comment, person), pk=comment.pk).exists()
    assert visible is sees
    assert comments_visible_to(person).filter(pk=comment.pk).exists() is sees


def test_a_group_turning_members_only_takes_its_comments_along(people, group):
    comment = services.comment_create(actor=people["staff"], target=group, body="Hyvä ryhmä!")
    assert Comment.objects.visible_to(None).filter(pk=comment.pk).exists()
    group.visibility = Visibility.MEMBERS
    group.save()
    assert not Comment.objects.visible_to(None).filter(pk=comment.pk).exists()
    assert not Comment.objects.visible_to(people["staff"]).filter(pk=comment.pk).exists()


def test_a_draft_news_item_takes_no_comments(client, people, news):
    news.published_at = None
    news.save()
    response = _login(client, people["staff"]).post(_comments_url(news), {"body": "Hei"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


# --- Writing -------------------------------------------------------------------------------


def test_anonymous_visitor_sees_a_sign_in_link_and_cannot_post(client, news):
    page = client.get(news.get_absolute_url())
    assert page.status_code == 200
    assert b"Sign in to comment" in page.content
    response = client.post(_comments_url(news), {"body": "Hei"})
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Comment.objects.exists()


def test_signed_in_person_comments_on_news_and_sees_it(client, people, news):
    _login(client, people["staff"])
    response = client.post(_comments_url(news), {"body": "Kiitos **tiedosta**!"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.body_html == "<p>Kiitos <strong>tiedosta</strong>!</p>"
    page = client.get(news.get_absolute_url())
    assert f'id="comment-{comment.pk}"'.encode() in page.content


def test_markdown_is_sanitised(people, news):
    comment = services.comment_create(
        actor=people["staff"],
        target=news,
        body="<script>alert(1)</script> [x](javascript:alert(1))",
    )
    assert "<script" not in comment.body_html
    assert "javascript:" not in comment.body_html


@pytest.mark.parametrize("body", ["", "   ", "x" * 10_001])
def test_bad_input_is_refused_with_a_message(client, people, news, body):
    _login(client, people["staff"])
    response = client.post(_comments_url(news), {"body": body})
    assert response.status_code == 400
    assert b'class="field__error"' in response.content
    assert not Comment.objects.exists()


def test_a_reply_to_a_reply_is_flattened_to_its_parent(people, news):
    first = services.comment_create(actor=people["staff"], target=news, body="Ensimmäinen")
    reply = services.comment_create(
        actor=people["member"], target=news, body="Vastaus", parent=first
    )
    deeper = services.comment_create(
        actor=people["staff"], target=news, body="Vastaus vastaukseen", parent=reply
    )
    assert deeper.parent_id == first.pk


def test_a_reply_must_be_on_the_same_object(people, news, group):
    other = services.comment_create(actor=people["staff"], target=group, body="Muualla")
    with pytest.raises(ValidationError):
        services.comment_create(actor=people["staff"], target=news, body="Väärä", parent=other)


def test_a_locked_discussion_takes_no_comments(client, people, group):
    discussion = services.discussion_create(
        actor=people["staff"], programme=group.programme, group=group, title="Aihe", body="Teksti"
    )
    services.discussion_moderate(actor=people["moderator"], discussion=discussion, locked=True)
    _login(client, people["member"])
    response = client.post(_comments_url(discussion), {"body": "Vielä yksi"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


# --- Rate limits ---------------------------------------------------------------------------


def test_posting_too_fast_shows_the_message_and_saves_nothing(
    client, people, news, real_rate_limits
):
    person = people["staff"]
    person.date_joined = person.date_joined.replace(year=2020)
    person.save()
    _login(client, person)
    assert client.post(_comments_url(news), {"body": "Eka"}).status_code == 302
    response = client.post(_comments_url(news), {"body": "Toka"})
    assert response.status_code == 400
    assert b"You are posting too fast" in response.content
    assert Comment.objects.count() == 1


def test_reactions_are_rate_limited_as_votes(people, news, real_rate_limits, monkeypatch):
    comment = Comment.objects.create(
        content_type=ContentType.objects.get_for_model(news), object_id=news.pk,
        author=people["staff"], body="Kommentti",
    )  # fmt: skip
    import kaiku.discussions.services as module

    def refuse(**kwargs):
        assert kwargs["action"] == "vote"
        raise RateLimitError("Too many", 30)

    monkeypatch.setattr(module, "check_and_record", refuse)
    with pytest.raises(RateLimitError):
        services.reaction_toggle(actor=people["member"], comment=comment, kind="thanks")
    assert not Reaction.objects.exists()


# --- Editing, removal, hiding ----------------------------------------------------------------


def test_only_the_author_edits_and_the_history_keeps_the_earlier_text(client, people, news):
    comment = services.comment_create(actor=people["staff"], target=news, body="Alkuperäinen")
    edit = reverse("discussions:comment_edit", args=[comment.pk])
    _login(client, people["member"])
    assert client.post(edit, {"body": "Kaapattu"}).status_code == 404
    _login(client, people["moderator"])
    assert client.post(edit, {"body": "Kaapattu"}).status_code == 404
    _login(client, people["staff"])
    assert client.post(edit, {"body": "Korjattu"}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Korjattu"
    assert comment.is_edited
    revision = CommentRevision.objects.get()
    assert revision.body == "Alkuperäinen"
    assert revision.edited_by == people["staff"]
    client.logout()
    history = client.get(reverse("discussions:comment_history", args=[comment.pk]))
    assert history.status_code == 200
    assert "Alkuperäinen" in history.content.decode()
    page = client.get(news.get_absolute_url()).content.decode()
    assert reverse("discussions:comment_history", args=[comment.pk]) in page


def test_removal_by_the_author_keeps_the_row_and_shows_a_placeholder(client, people, news):
    comment = services.comment_create(actor=people["staff"], target=news, body="Poistan tämän")
    remove = reverse("discussions:comment_delete", args=[comment.pk])
    _login(client, people["member"])
    assert client.post(remove).status_code == 404
    _login(client, people["staff"])
    assert client.post(remove).status_code == 302
    stored = Comment.all_objects.get(pk=comment.pk)
    assert stored.is_removed and stored.body == "Poistan tämän"
    page = client.get(news.get_absolute_url()).content.decode()
    assert "Removed by the author." in page
    assert "Poistan tämän" not in page
    assert not comments_visible_to(people["staff"]).filter(pk=comment.pk).exists()


def test_a_hidden_comment_shows_the_reason_and_its_text_to_author_and_moderators(
    client, people, news
):
    from django.utils import timezone

    comment = services.comment_create(actor=people["staff"], target=news, body="Törkeä teksti")
    Comment.all_objects.filter(pk=comment.pk).update(
        hidden_at=timezone.now(), hidden_by=people["moderator"], hidden_reason="Asiaton kieli"
    )
    for viewer, sees_text in [
        ("anonymous", False),
        ("member", False),
        ("staff", True),
        ("moderator", True),
    ]:
        client.logout()
        _login(client, people[viewer])
        page = client.get(news.get_absolute_url()).content.decode()
        assert "Hidden by a moderator: Asiaton kieli" in page, viewer
        assert ("Törkeä teksti" in page) is sees_text, viewer


# --- Reactions -----------------------------------------------------------------------------


def test_reactions_toggle_once_per_person_and_kind(client, people, news):
    comment = services.comment_create(actor=people["staff"], target=news, body="Hyvä idea")
    react = reverse("discussions:comment_react", args=[comment.pk])
    _login(client, people["member"])
    client.post(react, {"kind": "idea"})
    assert Reaction.objects.filter(comment=comment, kind="idea").count() == 1
    client.post(react, {"kind": "idea"})
    assert not Reaction.objects.exists()
    client.post(react, {"kind": "nonsense"})
    assert not Reaction.objects.exists()
    client.logout()
    assert client.post(react, {"kind": "idea"}).status_code == 302
    assert not Reaction.objects.exists()


# --- Mentions and notifications ------------------------------------------------------------


def test_a_mention_notifies_only_people_who_may_see_the_content(
    people, closed_group, news, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(group=closed_group)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(
            actor=people["author"],
            target=meeting,
            body="@maija.jasen ja @mikko.moderaattori, katsokaa tätä.",
        )
    mentioned = set(
        Notification.objects.filter(kind="comment_mention").values_list("user", flat=True)
    )
    # The moderator is no member of the members-only group: not told.
    assert mentioned == {people["member"].pk}
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(
            actor=people["author"], target=news, body="Tiedoksi @mikko.moderaattori"
        )
    assert Notification.objects.filter(kind="comment_mention", user=people["moderator"]).exists()


def test_a_reply_notifies_the_parent_author(people, news, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.comment_create(actor=people["staff"], target=news, body="Kysymys")
        services.comment_create(actor=people["member"], target=news, body="Vastaus", parent=first)
    assert Notification.objects.filter(kind="comment_reply", user=people["staff"]).count() == 1


# --- Query counts --------------------------------------------------------------------------


def _fill(news, author, count):
    content_type = ContentType.objects.get_for_model(news)
    rows = Comment.objects.bulk_create(
        [
            Comment(content_type=content_type, object_id=news.pk, author=author, body=f"K {i}")
            for i in range(count)
        ]
    )
    Comment.objects.bulk_create(
        [
            Comment(
                content_type=content_type, object_id=news.pk, author=author, body="V",
                parent=rows[i],
            )
            for i in range(0, count, 3)
        ]
    )  # fmt: skip
    Reaction.objects.bulk_create(
        [Reaction(comment=rows[i], user=author, kind="thanks") for i in range(0, count, 2)]
    )


@pytest.mark.parametrize("count", [10, 200])
def test_the_thread_costs_the_same_queries_whatever_its_size(
    client, people, news, count, django_assert_max_num_queries
):
    _fill(news, people["member"], count)
    _login(client, people["staff"])
    client.get(news.get_absolute_url())  # warm the session and content types
    with django_assert_max_num_queries(22):
        page = client.get(news.get_absolute_url())
    assert page.status_code == 200
    assert page.content.decode().count('class="comment') >= min(count, 50)


def test_the_thread_paginates_with_load_more(client, people, news):
    _fill(news, people["member"], 60)
    page = client.get(news.get_absolute_url()).content.decode()
    assert "Show more comments" in page
    more = client.get(_comments_url(news) + "?page=2", HTTP_HX_REQUEST="true")
    assert more.status_code == 200
    assert "<html" not in more.content.decode()
    assert "K 59" in more.content.decode()
    full = client.get(_comments_url(news) + "?page=2")
    assert "<html" in full.content.decode()


def test_thread_selector_query_count_is_constant(people, news, django_assert_num_queries):
    _fill(news, people["member"], 120)
    # The page with its replies, their reactions with the viewer's own and the count; the
    # roles.
    with django_assert_num_queries(2):
        selectors.thread(viewer=people["staff"], target=news)


def test_thread_reactions_are_counted_with_the_viewers_own(people, news):
    from django.contrib.auth.models import AnonymousUser

    content_type = ContentType.objects.get_for_model(news)
    first, second = Comment.objects.bulk_create(
        [
            Comment(content_type=content_type, object_id=news.pk, author=people["member"], body=b)
            for b in ("Yksi", "Kaksi")
        ]
    )
    reply = Comment.objects.create(
        content_type=content_type, object_id=news.pk, author=people["member"], body="Vastaus",
        parent=first,
    )  # fmt: skip
    for person, kind in (("staff", "thanks"), ("member", "thanks"), ("member", "idea")):
        Reaction.objects.create(comment=first, user=people[person], kind=kind)
    Reaction.objects.create(comment=reply, user=people["staff"], kind="heart")

    def seen(viewer):
        found = selectors.thread(viewer=viewer, target=news).comments
        comments = {c.pk: c for c in [*found, *found[0].reply_list]}
        return {
            pk: {r["kind"]: (r["count"], r["mine"]) for r in c.reaction_list}
            for pk, c in comments.items()
        }

    nothing = {"thanks": (0, False), "heart": (0, False), "idea": (0, False)}
    assert seen(people["staff"]) == {
        first.pk: {"thanks": (2, True), "heart": (0, False), "idea": (1, False)},
        second.pk: nothing,
        reply.pk: {"thanks": (0, False), "heart": (1, True), "idea": (0, False)},
    }
    assert seen(people["member"])[first.pk] == {
        "thanks": (2, True), "heart": (0, False), "idea": (1, True)
    }  # fmt: skip
    anonymous = seen(AnonymousUser())
    assert anonymous[first.pk] == {"thanks": (2, False), "heart": (0, False), "idea": (1, False)}
    assert anonymous[second.pk] == nothing
    # Past the kept pages the paginator's path gives the same (its last page is the first).
    assert (
        selectors.thread(viewer=people["staff"], target=news, page=10**6).comments[0].reaction_list
        == selectors.thread(viewer=people["staff"], target=news).comments[0].reaction_list
    )


@pytest.mark.parametrize("who", [None, "staff"])
def test_thread_comments_are_the_models_rows(people, news, who, django_assert_num_queries):
    """The thread makes its comments from plain rows (``_comments_from_rows``): the same
    columns, authors (or none) and saved state as Django's own instances, and reading
    what a comment shows asks nothing more of the database."""
    from django.contrib.auth.models import AnonymousUser

    from kaiku.accounts.tests.factories import UserFactory

    _fill(news, people["member"], 4)
    content_type = ContentType.objects.get_for_model(news)
    gone = UserFactory(full_name="Poistettu", removed_at=timezone.now())
    Comment.objects.create(
        content_type=content_type, object_id=news.pk, author=gone, body="Poistunut"
    )
    Comment.objects.create(content_type=content_type, object_id=news.pk, body="Ei kirjoittajaa")
    viewer = people[who] if who else AnonymousUser()
    found = selectors.thread(viewer=viewer, target=news).comments
    found = [*found, *(reply for c in found for reply in c.reply_list)]
    django_rows = {c.pk: c for c in Comment.all_objects.filter(pk__in=[c.pk for c in found])}
    assert len(found) == len(django_rows) == 8
    for comment in found:
        expected = django_rows[comment.pk]
        for field in Comment._meta.concrete_fields:
            assert getattr(comment, field.attname) == getattr(expected, field.attname)
        assert comment._state.adding is False and comment._state.db == expected._state.db
        assert comment == expected and comment.get_deferred_fields() == set()
        with django_assert_num_queries(0):
            author = comment.author
            name = author.display_name if author else None
        if expected.author_id is None:
            assert author is None
        else:
            assert author == expected.author and name == expected.author.display_name
            assert author.get_deferred_fields() >= {"password", "title"}
            assert author._state.adding is False


def test_a_comment_form_sent_twice_makes_one_comment(client, people, news):
    """A double click or a resent request: the second post with the same form token goes
    to the first comment and writes nothing."""
    from kaiku.core.forms import FORM_TOKEN_FIELD

    _login(client, people["staff"])
    import re

    html = client.get(news.get_absolute_url()).content.decode()
    token = re.search(rf'name="{FORM_TOKEN_FIELD}" value="([^"]+)"', html).group(1)
    data = {"body": "Kiitos tiedosta!", FORM_TOKEN_FIELD: token}
    first = client.post(_comments_url(news), data)
    second = client.post(_comments_url(news), data)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1
    comment = Comment.objects.get()
    assert first["Location"].endswith(f"#comment-{comment.pk}")
    assert second["Location"] == f"/en/discussions/comment/{comment.pk}/"  # leads to it


@pytest.mark.parametrize(
    "target, object_id",
    [("news.newsitem", 2**62), ("accounts.user", 1), ("nosuch.model", 1), ("news", 1)],
)
def test_unknown_targets_and_ids_are_not_found(client, people, news, target, object_id):
    _login(client, people["staff"])
    url = f"/en/discussions/comments/{target}/{object_id}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Hei"}).status_code == 404
    assert not Comment.objects.exists()
