from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kaiku.core.models import AuditAction, AuditEvent
from kaiku.core.ratelimit import RateLimitError
from kaiku.moderation import services
from kaiku.moderation.models import Reason, Report, Status
from kaiku.notifications.models import Notification

from .conftest import Post, Visibility, make_post

pytestmark = pytest.mark.django_db


def _visible_ids(viewer):
    return set(Post.objects.visible_to(viewer).values_list("pk", flat=True))


def test_a_signed_in_person_reports_once(people, post):
    reporter = people["reporters"][0]
    row = services.report(obj=post, reporter=reporter, reason=Reason.SPAM)
    assert row.status == Status.OPEN
    with pytest.raises(ValidationError):
        services.report(obj=post, reporter=reporter, reason=Reason.OFF_TOPIC)
    assert Report.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_REPORTED, actor=reporter).exists()


def test_the_author_cannot_report_their_own_post(people, post):
    with pytest.raises(ValidationError):
        services.report(obj=post, reporter=people["author"], reason=Reason.SPAM)
    assert not Report.objects.exists()


def test_nobody_reports_what_they_may_not_see(people):
    staff_only = make_post(people["author"], visibility=Visibility.STAFF)
    with pytest.raises(ValidationError):
        services.report(obj=staff_only, reporter=None, reason=Reason.SPAM)
    hidden = make_post(people["author"], hidden_at=timezone.now())
    with pytest.raises(ValidationError):
        services.report(obj=hidden, reporter=people["staff"], reason=Reason.SPAM)
    assert not Report.objects.exists()


def test_bad_input_is_refused_with_nothing_saved(people, post):
    reporter = people["reporters"][0]
    with pytest.raises(ValidationError):
        services.report(obj=post, reporter=reporter, reason="rude")
    with pytest.raises(ValidationError) as exc:
        services.report(obj=post, reporter=reporter, reason=Reason.OTHER, text="   ")
    assert "text" in exc.value.error_dict
    with pytest.raises(ValidationError):
        services.report(obj=post, reporter=reporter, reason=Reason.SPAM, text="x" * 1001)
    assert not Report.objects.exists()


def test_three_different_people_hide_a_post_until_a_moderator_decides(people, post):
    first, second, third, _ = people["reporters"]
    services.report(obj=post, reporter=first, reason=Reason.INAPPROPRIATE)
    services.report(obj=post, reporter=second, reason=Reason.INAPPROPRIATE)
    post.refresh_from_db()
    assert post.hidden_at is None
    services.report(obj=post, reporter=third, reason=Reason.SPAM)
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert post.hidden_by is None  # nobody decided yet
    with translation.override("en"):  # the author's language
        assert "Hidden until a moderator decides" in post.hidden_reason
    # Out of sight for others, still seen by the author and moderators; nothing lost.
    assert post.pk not in _visible_ids(people["staff"])
    assert post.pk not in _visible_ids(None)
    assert post.pk in _visible_ids(people["author"])
    assert post.pk in _visible_ids(people["moderator"])
    assert Post.objects.get(pk=post.pk).text == "Tyhmä kommentti, hävetkää."
    event = AuditEvent.objects.get(action=AuditAction.CONTENT_HIDDEN)
    assert event.actor is None and event.data["automatic"] is True
    notification = Notification.objects.get(user=people["author"])
    assert notification.kind == "content_hidden"
    assert "Hidden until a moderator decides" in notification.context


def test_the_moderator_hides_with_a_reason_once(people, post, django_capture_on_commit_callbacks):
    moderator = people["moderator"]
    services.report(obj=post, reporter=people["reporters"][0], reason=Reason.INAPPROPRIATE)
    with pytest.raises(ValidationError):
        services.hide(obj=post, actor=moderator, reason="  ")
    post.refresh_from_db()
    assert post.hidden_at is None
    with django_capture_on_commit_callbacks(execute=True):
        assert services.hide(obj=post, actor=moderator, reason="Asiaton kielenkäyttö.")
    # A double submit changes nothing, logs nothing and tells nobody again.
    stale = Post.objects.get(pk=post.pk)
    assert not services.hide(obj=stale, actor=moderator, reason="Toinen syy")
    post.refresh_from_db()
    assert post.hidden_by == moderator
    assert post.hidden_reason == "Asiaton kielenkäyttö."
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_HIDDEN).count() == 1
    assert Report.objects.get().status == Status.UPHELD
    notification = Notification.objects.get(user=people["author"])
    assert notification.kind == "content_hidden"
    assert notification.context == "Asiaton kielenkäyttö."
    assert notification.url == post.get_absolute_url()


def test_a_moderator_takes_over_an_automatic_hiding(people, post):
    for reporter in people["reporters"][:3]:
        services.report(obj=post, reporter=reporter, reason=Reason.SPAM)
    assert services.hide(obj=post, actor=people["moderator"], reason="Mainos.")
    post.refresh_from_db()
    assert post.hidden_by == people["moderator"] and post.hidden_reason == "Mainos."
    assert set(Report.objects.values_list("status", flat=True)) == {Status.UPHELD}


def test_restore_shows_the_post_again_with_a_reason(people, post):
    moderator = people["moderator"]
    assert not services.restore(obj=post, actor=moderator, reason="Ei piilossa")
    services.hide(obj=post, actor=moderator, reason="Asiaton.")
    assert services.restore(obj=post, actor=moderator, reason="Harkittu uudelleen.")
    assert not services.restore(obj=post, actor=moderator, reason="Harkittu uudelleen.")
    post.refresh_from_db()
    assert post.hidden_at is None and post.hidden_by is None and post.hidden_reason == ""
    assert post.pk in _visible_ids(None)
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_UNHIDDEN).count() == 1
    kinds = list(Notification.objects.filter(user=people["author"]).values_list("kind", "context"))
    assert ("content_restored", "Harkittu uudelleen.") in kinds


def test_dismissing_reports(people, post):
    moderator = people["moderator"]
    services.report(obj=post, reporter=people["reporters"][0], reason=Reason.OFF_TOPIC)
    assert services.dismiss(obj=post, actor=moderator) == 1
    assert services.dismiss(obj=post, actor=moderator) == 0
    assert Report.objects.get().status == Status.DISMISSED
    assert AuditEvent.objects.filter(action=AuditAction.REPORTS_DISMISSED).count() == 1


def test_dismissing_the_reports_of_an_automatically_hidden_post_restores_it(people, post):
    for reporter in people["reporters"][:3]:
        services.report(obj=post, reporter=reporter, reason=Reason.SPAM)
    services.dismiss(obj=post, actor=people["moderator"])
    post.refresh_from_db()
    assert post.hidden_at is None
    assert set(Report.objects.values_list("status", flat=True)) == {Status.DISMISSED}
    # A fourth report alone does not hide it again.
    services.report(obj=post, reporter=people["reporters"][3], reason=Reason.SPAM)
    post.refresh_from_db()
    assert post.hidden_at is None


def test_reports_are_limited_to_twenty_a_day(people):
    reporter = people["reporters"][0]
    posts = [make_post(people["author"], text=f"Viesti {n}") for n in range(21)]
    for post in posts[:20]:
        services.report(obj=post, reporter=reporter, reason=Reason.SPAM)
    with pytest.raises(RateLimitError) as exc:
        services.report(obj=posts[20], reporter=reporter, reason=Reason.SPAM)
    assert exc.value.retry_after > 0
    assert Report.objects.count() == 20


def test_a_suspended_person_cannot_report(people, post):
    reporter = people["reporters"][0]
    services.suspend(
        person=reporter,
        actor=people["moderator"],
        until=timezone.now() + datetime.timedelta(days=1),
        reason="Häirintä.",
    )
    with pytest.raises(RateLimitError) as exc:
        services.report(obj=post, reporter=reporter, reason=Reason.SPAM)
    assert exc.value.retry_after is None
    assert not Report.objects.exists()


def test_suspend_and_lift(people):
    person, moderator = people["staff"], people["moderator"]
    until = timezone.now() + datetime.timedelta(days=7)
    services.suspend(person=person, actor=moderator, until=until, reason="Toistuva häirintä.")
    person.refresh_from_db()
    assert person.suspended_until == until and person.suspension_reason == "Toistuva häirintä."
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_SUSPENDED)
    assert event.actor == moderator and event.target_id == str(person.pk)
    assert services.unsuspend(person=person, actor=moderator)
    assert not services.unsuspend(person=person, actor=moderator)
    person.refresh_from_db()
    assert person.suspended_until is None
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_UNSUSPENDED).count() == 1


@pytest.mark.parametrize(
    ("until", "reason"),
    [
        (datetime.timedelta(hours=-1), "Syy"),
        (datetime.timedelta(days=400), "Syy"),
        (datetime.timedelta(days=1), "  "),
    ],
)
def test_a_suspension_needs_a_future_time_within_a_year_and_a_reason(people, until, reason):
    person = people["staff"]
    with pytest.raises(ValidationError):
        services.suspend(
            person=person, actor=people["moderator"], until=timezone.now() + until, reason=reason
        )
    person.refresh_from_db()
    assert person.suspended_until is None
    assert not AuditEvent.objects.filter(action=AuditAction.ACCOUNT_SUSPENDED).exists()


def test_nobody_suspends_themself(people):
    moderator = people["moderator"]
    with pytest.raises(ValidationError):
        services.suspend(
            person=moderator,
            actor=moderator,
            until=timezone.now() + datetime.timedelta(days=1),
            reason="Syy",
        )
