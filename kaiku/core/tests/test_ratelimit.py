"""Per-person limits on posting, reporting and voting (kaiku.core.ratelimit)."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from kaiku.accounts.tests.factories import UserFactory
from kaiku.core.ratelimit import (
    KEEP,
    POST,
    REPORT,
    VOTE,
    RateEvent,
    RateLimitError,
    check_and_record,
    check_suspension,
)
from kaiku.core.tests.concurrency import run_at_once, skip_unless_concurrent_db

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 3, 2, 12, 0))
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def person(db):
    """An account older than a day: the ordinary limits."""
    return UserFactory(date_joined=NOW - datetime.timedelta(days=30))


@pytest.fixture
def newcomer(db):
    return UserFactory(date_joined=NOW - datetime.timedelta(hours=2))


def _refused(user, action=POST, *, at, text="") -> RateLimitError:
    with pytest.raises(RateLimitError) as exc:
        check_and_record(user=user, action=action, text=text, now=at)
    return exc.value


def test_five_seconds_between_posts(person):
    check_and_record(user=person, action=POST, text="Ensimmäinen", now=NOW)
    error = _refused(person, at=NOW + 2 * SECOND, text="Toinen")
    assert error.retry_after == 3
    assert error.message == "You are posting too fast. Please wait 3 seconds and try again."
    check_and_record(user=person, action=POST, text="Toinen", now=NOW + 5 * SECOND)
    assert RateEvent.objects.filter(user=person, action=POST).count() == 2


def test_one_second_left_is_said_in_the_singular(person):
    check_and_record(user=person, action=POST, text="a", now=NOW)
    error = _refused(person, at=NOW + 4.5 * SECOND, text="b")
    assert error.retry_after == 1
    assert "Please wait 1 second and" in error.message


def test_thirty_seconds_for_accounts_younger_than_a_day(newcomer):
    check_and_record(user=newcomer, action=POST, text="Hei", now=NOW)
    assert _refused(newcomer, at=NOW + 10 * SECOND, text="Taas").retry_after == 20
    check_and_record(user=newcomer, action=POST, text="Taas", now=NOW + 30 * SECOND)


def test_the_same_text_is_refused_for_five_minutes(person):
    check_and_record(user=person, action=POST, text="Milloin  palkka maksetaan?", now=NOW)
    later = NOW + datetime.timedelta(minutes=1)
    # Whitespace and letter case do not make it another text.
    error = _refused(person, at=later, text="milloin palkka maksetaan? ")
    assert "Identical posts are refused for 5 minutes" in error.message
    assert error.retry_after == 300
    check_and_record(user=person, action=POST, text="Toinen kysymys", now=later)
    check_and_record(
        user=person,
        action=POST,
        text="Milloin palkka maksetaan?",
        now=NOW + datetime.timedelta(minutes=5, seconds=1),
    )


def test_posts_without_text_are_not_duplicates(person):
    check_and_record(user=person, action=POST, now=NOW)
    check_and_record(user=person, action=POST, now=NOW + 5 * SECOND)


def test_limits_are_per_person_and_per_action(person, newcomer):
    check_and_record(user=person, action=POST, text="Sama", now=NOW)
    check_and_record(user=newcomer, action=POST, text="Sama", now=NOW)
    check_and_record(user=person, action=REPORT, now=NOW)
    check_and_record(user=person, action=VOTE, now=NOW)


def test_twenty_reports_a_day(person):
    for n in range(20):
        check_and_record(user=person, action=REPORT, now=NOW + n * SECOND)
    error = _refused(person, REPORT, at=NOW + datetime.timedelta(hours=1))
    assert error.message == "You have reached the limit of 20 for now. Please try again later."
    # The oldest report leaves the day's window 23 hours later.
    assert error.retry_after == 23 * 3600
    check_and_record(user=person, action=REPORT, now=NOW + datetime.timedelta(days=1, seconds=1))


def test_sixty_votes_a_minute(person):
    for n in range(60):
        check_and_record(user=person, action=VOTE, now=NOW + n * datetime.timedelta(seconds=0.5))
    assert _refused(person, VOTE, at=NOW + 40 * SECOND).retry_after == 20


def test_a_suspended_person_may_not_post_report_or_vote(person):
    person.suspended_until = NOW + datetime.timedelta(days=7)
    for action in (POST, REPORT, VOTE):
        error = _refused(person, action, at=NOW)
        assert error.retry_after is None  # waiting does not help: the API answers 403
        assert error.message.startswith("Your account is suspended until ")
        assert "You can read, but not post." in error.message
    assert not RateEvent.objects.exists()
    with pytest.raises(RateLimitError):
        check_suspension(person, now=NOW)


def test_an_ended_suspension_no_longer_stops_anyone(person):
    person.suspended_until = NOW - SECOND
    check_suspension(person, now=NOW)
    check_and_record(user=person, action=POST, text="Takaisin", now=NOW)


def test_the_event_rolls_back_with_a_failed_write(person):
    with pytest.raises(RuntimeError), transaction.atomic():
        check_and_record(user=person, action=POST, text="Kesken", now=NOW)
        raise RuntimeError("the write failed")
    assert not RateEvent.objects.exists()
    check_and_record(user=person, action=POST, text="Kesken", now=NOW + SECOND)


def test_old_events_are_pruned(person):
    check_and_record(user=person, action=REPORT, now=NOW)
    check_and_record(user=person, action=REPORT, now=NOW + KEEP + SECOND)
    assert RateEvent.objects.filter(user=person).count() == 1


def test_request_user_is_a_lazy_wrapper(person):
    """Views pass ``request.user`` (a ``SimpleLazyObject``)."""
    lazy = SimpleLazyObject(lambda: person)
    check_and_record(user=lazy, action=POST, text="Hei", now=NOW)
    with pytest.raises(RateLimitError):
        check_and_record(user=lazy, action=POST, text="Hei taas", now=NOW + SECOND)


@pytest.mark.django_db(transaction=True)
def test_two_parallel_posts_cannot_both_pass():
    skip_unless_concurrent_db()
    person = UserFactory(date_joined=NOW - datetime.timedelta(days=30))

    def post():
        try:
            with transaction.atomic():
                check_and_record(user=person, action=POST, text="Samaan aikaan", now=NOW)
        except RateLimitError:
            return "refused"
        return "passed"

    assert sorted(run_at_once(2, post)) == ["passed", "refused"]
    assert RateEvent.objects.filter(user=person).count() == 1


# --- The API answers 429 with Retry-After -------------------------------------------------------


class _PostView(APIView):
    """A tiny view standing in for any API write that calls ``check_and_record``."""

    permission_classes = [AllowAny]
    person = None

    def post(self, request):
        check_and_record(user=self.person, action=POST, text=request.data.get("text", ""))
        return Response({"ok": True}, status=201)


def _call(person, text):
    view = _PostView.as_view(person=person)
    return view(APIRequestFactory().post("/", {"text": text}, format="json"))


def test_the_api_answers_429_with_retry_after(person):
    assert _call(person, "Ensimmäinen").status_code == 201
    response = _call(person, "Toinen")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 5
    assert response.data["message"].startswith("You are posting too fast.")


def test_the_api_answers_403_to_a_suspended_person(person):
    person.suspended_until = timezone.now() + datetime.timedelta(days=1)
    response = _call(person, "Hei")
    assert response.status_code == 403
    assert "Retry-After" not in response
    assert response.data["message"].startswith("Your account is suspended until")
