"""Live Q&A: who may read, ask, vote and moderate; bad input; rate limits; one vote each;
the 304 of an unchanged list; moving a question into the questions with its votes."""

from __future__ import annotations

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from kaiku.accounts.models import PlatformRole
from kaiku.core.models import RateEvent
from kaiku.core.ratelimit import RateLimitError
from kaiku.notifications.models import Follow, Notification
from kaiku.questions.models import Question, QuestionVote
from kaiku.questions.tests.factories import ProgrammeFactory

from .. import live
from ..models import Event, LiveQuestion, LiveQuestionStatus, LiveVote
from .factories import RegistrationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def qa(people, event, te_office):
    """``event`` under way (started ten minutes ago) with two people registered; also a
    member of its audience who is not registered, and a moderator."""
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(hours=1)
    )
    event.refresh_from_db()
    registered = people["member"]
    second = UserFactory(full_name="Reijo Rekisteröitynyt", organisation=te_office)
    RegistrationFactory(event=event, person=registered)
    RegistrationFactory(event=event, person=second)
    moderator = UserFactory(full_name="Mikko Moderaattori", organisation=te_office)
    RoleAssignmentFactory(user=moderator, role=PlatformRole.MODERATOR)
    Authenticator.objects.create(
        user=moderator, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    return {
        **people,
        "registered": registered,
        "second": second,
        "unregistered": UserFactory(full_name="Ulla Ulkona", organisation=te_office),
        "outsider": people["staff"],  # KEHA: outside the TE offices' audience
        "moderator": moderator,
    }


def _client(client, person):
    if person is not None:
        client.force_login(person)
    return client


def _ask(event, person, text="Miten tiimien tavoitteet asetetaan?"):
    question = live.live_question_ask(event=event, author=person, text=text)
    RateEvent.objects.all().delete()
    return question


def url(event, tail=""):
    return f"/en/events/{event.pk}/live/{tail}"


def qurl(question, action):
    return f"/en/events/live/{question.pk}/{action}/"


# --- Reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status", "can_ask"),
    [
        ("anonymous", 404, False),
        ("outsider", 404, False),
        ("unregistered", 200, False),
        ("registered", 200, True),
        ("organiser", 200, True),
        ("moderator", 200, True),
        ("admin", 200, True),
    ],
)
def test_who_reads_the_live_page_and_who_may_ask(client, event, qa, who, status, can_ask):
    _ask(event, qa["second"])
    response = _client(client, qa[who]).get(url(event))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "Miten tiimien tavoitteet asetetaan?" in body
        assert ('name="text"' in body) is can_ask
        assert url(event, "questions/") in body  # the polled fragment


def test_a_public_event_is_read_by_anyone_without_the_askers_names(client, event, qa):
    Event.objects.filter(pk=event.pk).update(visibility="public", audience="everyone")
    _ask(event, qa["second"])
    body = client.get(url(event)).content.decode()
    assert "Miten tiimien tavoitteet asetetaan?" in body
    assert "Reijo Rekisteröitynyt" not in body
    assert "Log in to ask and vote" in body
    signed_in = _client(client, qa["registered"]).get(url(event)).content.decode()
    assert "Reijo Rekisteröitynyt" in signed_in


def test_a_draft_event_is_404_but_for_its_managers(client, event, qa):
    Event.objects.filter(pk=event.pk).update(published_at=None)
    assert _client(client, qa["registered"]).get(url(event)).status_code == 404
    assert _client(client, qa["organiser"]).get(url(event)).status_code == 200


def test_an_event_without_live_questions_has_no_live_page(client, event, qa):
    Event.objects.filter(pk=event.pk).update(live_qa=False)
    assert _client(client, qa["registered"]).get(url(event)).status_code == 404


def test_unknown_and_huge_ids_are_404(client, qa):
    client.force_login(qa["registered"])
    assert client.get("/en/events/999999/live/").status_code == 404
    assert client.get("/en/events/99999999999999999999/live/").status_code == 404
    assert client.post("/en/events/live/999999/vote/").status_code == 404


# --- Asking --------------------------------------------------------------------------------------


def test_a_registered_person_asks(client, event, qa):
    response = _client(client, qa["registered"]).post(
        url(event, "ask/"), {"text": "  Milloin   uudet\ntiimit aloittavat? "}
    )
    assert response.status_code == 302
    question = LiveQuestion.objects.get()
    assert question.text == "Milloin uudet tiimit aloittavat?"
    assert question.author == qa["registered"]


def test_asking_with_htmx_answers_the_panel(client, event, qa):
    response = _client(client, qa["registered"]).post(
        url(event, "ask/"), {"text": "Kuka vetää tiimivalmennuksen?"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="live-qa"' in body and "Kuka vetää tiimivalmennuksen?" in body


@pytest.mark.parametrize("who", ["unregistered", "outsider", "anonymous"])
def test_others_cannot_ask(client, event, qa, who):
    response = _client(client, qa[who]).post(url(event, "ask/"), {"text": "Saanko kysyä?"})
    assert response.status_code in {302, 400, 404}
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"]
    assert not LiveQuestion.objects.exists()


def test_a_waitlisted_person_cannot_ask(event, qa):
    from ..models import RegistrationStatus

    waiting = UserFactory(organisation=qa["member"].organisation)
    RegistrationFactory(event=event, person=waiting, status=RegistrationStatus.WAITLISTED)
    with pytest.raises(live.ValidationError):
        live.live_question_ask(event=event, author=waiting, text="Pääsenkö mukaan?")


def test_without_a_capacity_anyone_who_sees_the_event_asks(event, qa):
    Event.objects.filter(pk=event.pk).update(capacity=None)
    event.refresh_from_db()
    assert live.live_question_ask(event=event, author=qa["unregistered"], text="Kysymys?")


def test_the_window_opens_30_minutes_before_and_closes_at_the_end(event, qa):
    start = timezone.now() + datetime.timedelta(minutes=40)
    Event.objects.filter(pk=event.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    event.refresh_from_db()
    with pytest.raises(live.ValidationError):
        live.live_question_ask(event=event, author=qa["registered"], text="Liian aikaisin?")
    # The organiser may seed questions before the window.
    assert live.live_question_ask(event=event, author=qa["organiser"], text="Aloitetaanko?")
    soon = start - datetime.timedelta(minutes=29)
    assert live.phase(event, now=soon) == live.OPEN
    assert live.live_question_ask(event=event, author=qa["registered"], text="Nyt?", now=soon)
    after = event.ends_at + datetime.timedelta(seconds=1)
    for person in (qa["registered"], qa["organiser"]):
        with pytest.raises(live.ValidationError):
            live.live_question_ask(event=event, author=person, text="Jälkikäteen?", now=after)


def test_a_cancelled_event_takes_no_questions(event, qa):
    Event.objects.filter(pk=event.pk).update(cancelled_at=timezone.now())
    event.refresh_from_db()
    with pytest.raises(live.ValidationError):
        live.live_question_ask(event=event, author=qa["organiser"], text="Peruttiinko?")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Write your question."),
        ("k" * 501, "at most 500 characters"),
        ("Kysymys \u202eevil", "text-direction"),
    ],
)
def test_bad_questions_are_refused(client, event, qa, text, message):
    response = _client(client, qa["registered"]).post(url(event, "ask/"), {"text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LiveQuestion.objects.exists()


def test_asking_too_fast_is_refused(client, event, qa):
    client.force_login(qa["registered"])
    assert client.post(url(event, "ask/"), {"text": "Ensimmäinen kysymys?"}).status_code == 302
    response = client.post(url(event, "ask/"), {"text": "Toinen kysymys?"})
    assert response.status_code == 400
    assert "too fast" in response.content.decode()
    assert LiveQuestion.objects.count() == 1


# --- Voting --------------------------------------------------------------------------------------


def test_a_person_votes_once_and_may_withdraw(client, event, qa):
    question = _ask(event, qa["second"])
    client.force_login(qa["registered"])
    assert client.post(qurl(question, "vote")).status_code == 302
    RateEvent.objects.all().delete()
    client.post(qurl(question, "vote"))
    question.refresh_from_db()
    assert question.vote_count == 1 and LiveVote.objects.count() == 1
    RateEvent.objects.all().delete()
    client.post(qurl(question, "vote"), {"vote": "0"})
    question.refresh_from_db()
    assert question.vote_count == 0 and not LiveVote.objects.exists()


def test_no_vote_for_ones_own_question(event, qa):
    question = _ask(event, qa["registered"])
    assert live.live_question_vote(question=question, user=qa["registered"]) is False
    question.refresh_from_db()
    assert question.vote_count == 0


@pytest.mark.parametrize("who", ["unregistered", "outsider", "anonymous"])
def test_others_cannot_vote(client, event, qa, who):
    question = _ask(event, qa["second"])
    response = _client(client, qa[who]).post(qurl(question, "vote"))
    assert response.status_code in {302, 404}
    assert not LiveVote.objects.exists()


def test_voting_too_fast_is_refused(event, qa):
    questions = [_ask(event, qa["second"], f"Kysymys {n}?") for n in range(61)]
    for question in questions[:60]:
        assert live.live_question_vote(question=question, user=qa["registered"])
    with pytest.raises(RateLimitError):
        live.live_question_vote(question=questions[60], user=qa["registered"])


def test_no_votes_after_the_event(event, qa):
    question = _ask(event, qa["second"])
    Event.objects.filter(pk=event.pk).update(ends_at=timezone.now())
    question.event.refresh_from_db()
    with pytest.raises(live.ValidationError):
        live.live_question_vote(question=question, user=qa["registered"])


def test_voting_with_htmx_answers_the_list_sorted_by_votes(client, event, qa):
    first = _ask(event, qa["second"], "Ensimmäinen?")
    second = _ask(event, qa["organiser"], "Toinen?")
    client.force_login(qa["registered"])
    response = client.post(qurl(second, "vote"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and 'id="live-list"' in body
    assert body.index("Toinen?") < body.index("Ensimmäinen?")
    assert "Withdraw my vote" in body
    assert first.pk != second.pk


# --- Polling: the 304 -----------------------------------------------------------------------------


def test_an_unchanged_list_is_a_304(client, event, qa, django_assert_max_num_queries):
    question = _ask(event, qa["second"])
    client.force_login(qa["registered"])
    first = client.get(url(event, "questions/"), HTTP_HX_REQUEST="true")
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["Cache-Control"] == "private, no-cache" and first["Last-Modified"]
    # The session and the person (3), the event, its audience, the registration and the
    # list's state (4), the session's idle timeout saved (3: SESSION_SAVE_EVERY_REQUEST).
    with django_assert_max_num_queries(10):
        again = client.get(url(event, "questions/"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    # A vote by someone else changes the list: a new ETag.
    live.live_question_vote(question=question, user=qa["organiser"])
    changed = client.get(url(event, "questions/"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "1 vote" in changed.content.decode()


def test_the_etag_is_the_viewers_own(client, event, qa):
    _ask(event, qa["second"])
    client.force_login(qa["registered"])
    etag = client.get(url(event, "questions/"))["ETag"]
    client.force_login(qa["organiser"])
    assert client.get(url(event, "questions/"), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_list_costs_a_fixed_number_of_queries(client, event, qa, django_assert_max_num_queries):
    voters = [UserFactory() for _ in range(3)]
    for n in range(25):
        question = LiveQuestion.objects.create(event=event, author=qa["second"], text=f"K{n}?")
        LiveVote.objects.bulk_create([LiveVote(question=question, person=v) for v in voters])
    client.force_login(qa["registered"])
    with django_assert_max_num_queries(15) as captured:
        assert client.get(url(event, "questions/")).status_code == 200
    few = len(captured)
    for n in range(25, 50):
        question = LiveQuestion.objects.create(event=event, author=qa["second"], text=f"K{n}?")
        LiveVote.objects.bulk_create([LiveVote(question=question, person=v) for v in voters])
    with django_assert_max_num_queries(few):
        assert client.get(url(event, "questions/")).status_code == 200


# --- Moderating ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["organiser", "moderator", "admin"])
def test_moderators_mark_answered_and_hide(client, event, qa, who):
    question = _ask(event, qa["second"])
    other = _ask(event, qa["registered"], "Toinen?")
    client.force_login(qa[who])
    assert client.post(qurl(question, "answered")).status_code == 302
    question.refresh_from_db()
    assert question.status == LiveQuestionStatus.ANSWERED and question.answered_at
    assert client.post(qurl(other, "hide"), {"reason": "Asiaton"}).status_code == 302
    other.refresh_from_db()
    assert other.hidden_at and other.hidden_by == qa[who] and other.hidden_reason == "Asiaton"
    assert client.post(qurl(other, "restore")).status_code == 302
    other.refresh_from_db()
    assert other.hidden_at is None


@pytest.mark.parametrize("who", ["registered", "unregistered", "other_organiser"])
def test_others_cannot_moderate(client, event, qa, who):
    question = _ask(event, qa["second"])
    client.force_login(qa[who])
    assert client.post(qurl(question, "answered")).status_code == 403
    assert client.post(qurl(question, "hide"), {"reason": "x"}).status_code == 403
    question.refresh_from_db()
    assert question.status == LiveQuestionStatus.OPEN and question.hidden_at is None


def test_hiding_needs_a_reason(client, event, qa):
    question = _ask(event, qa["second"])
    client.force_login(qa["organiser"])
    client.post(qurl(question, "hide"), {"reason": "  "})
    question.refresh_from_db()
    assert question.hidden_at is None


def test_a_hidden_question_is_seen_by_its_author_and_moderators_only(client, event, qa):
    question = _ask(event, qa["second"], "Piilotettava kysymys?")
    live.live_question_hide(question=question, actor=qa["organiser"], reason="Asiaton")
    for who, seen in [("registered", False), ("second", True), ("organiser", True)]:
        body = _client(client, qa[who]).get(url(event)).content.decode()
        assert ("Piilotettava kysymys?" in body) is seen, who
    client.force_login(qa["registered"])
    assert client.post(qurl(question, "vote")).status_code == 404


# --- After the event: the record and moving into the questions ---------------------------------


@pytest.fixture
def ended(event, qa):
    question = _ask(event, qa["second"], "Miten muutosvalmentajat jaetaan alueille?")
    for person in (qa["registered"], qa["organiser"]):
        live.live_question_vote(question=question, user=person)
    RateEvent.objects.all().delete()
    Event.objects.filter(pk=event.pk).update(
        ends_at=timezone.now() - datetime.timedelta(minutes=1),
        starts_at=timezone.now() - datetime.timedelta(hours=2),
    )
    event.refresh_from_db()
    question.refresh_from_db()
    return question


def test_after_the_event_the_record_is_read_but_not_asked(client, event, qa, ended):
    client.force_login(qa["registered"])
    body = client.get(url(event)).content.decode()
    assert "Miten muutosvalmentajat jaetaan alueille?" in body
    assert 'name="text"' not in body and "has ended" in body
    assert "data-live-poll" not in body
    client.post(url(event, "ask/"), {"text": "Vielä yksi?"})
    assert LiveQuestion.objects.count() == 1


def test_moving_an_unanswered_question_carries_its_votes(client, event, qa, ended):
    programme = ProgrammeFactory(name="TE2024-uudistus", slug="te24")
    client.force_login(qa["organiser"])
    assert client.get(qurl(ended, "move")).status_code == 200
    response = client.post(qurl(ended, "move"), {"programme": programme.pk})
    moved = Question.objects.get()
    assert response.status_code == 302 and response["Location"] == moved.get_absolute_url()
    assert moved.title == ended.text and moved.author == qa["second"]
    assert moved.visibility == "staff" and moved.programme == programme
    voters = set(QuestionVote.objects.filter(question=moved).values_list("user_id", flat=True))
    assert voters == {qa["registered"].pk, qa["organiser"].pk}
    assert moved.vote_count == 2
    ended.refresh_from_db()
    assert ended.moved_to == moved
    followers = set(Follow.objects.filter(object_id=moved.pk).values_list("user_id", flat=True))
    assert {qa["second"].pk, qa["registered"].pk} <= followers
    told = set(
        Notification.objects.filter(kind="live_question_moved").values_list("user_id", flat=True)
    )
    assert told == {qa["second"].pk, qa["registered"].pk}  # not the organiser who moved it
    # Idempotent: again, through the service or the page, nothing new.
    assert (
        live.live_question_move(question=ended, actor=qa["organiser"], programme=programme) == moved
    )
    assert client.post(qurl(ended, "move"), {"programme": programme.pk}).status_code == 302
    assert Question.objects.count() == 1 and QuestionVote.objects.count() == 2


def test_a_long_question_is_moved_with_a_short_title(event, qa, ended):
    programme = ProgrammeFactory()
    LiveQuestion.objects.filter(pk=ended.pk).update(text="Pitkä kysymys " * 30)
    ended.refresh_from_db()
    moved = live.live_question_move(question=ended, actor=qa["organiser"], programme=programme)
    assert len(moved.title) <= 300 and moved.title.endswith("…")
    assert moved.body == ended.text


def test_only_unanswered_questions_of_ended_events_are_moved(client, event, qa, ended):
    programme = ProgrammeFactory()
    live.live_question_answered(question=ended, actor=qa["organiser"])
    client.force_login(qa["organiser"])
    assert client.post(qurl(ended, "move"), {"programme": programme.pk}).status_code == 400
    Event.objects.filter(pk=event.pk).update(ends_at=timezone.now() + datetime.timedelta(hours=1))
    event.refresh_from_db()
    running = _ask(event, qa["second"], "Vielä käynnissä?")
    assert client.post(qurl(running, "move"), {"programme": programme.pk}).status_code == 400
    assert not Question.objects.exists()


@pytest.mark.parametrize("who", ["registered", "second", "other_organiser"])
def test_only_moderators_move(client, event, qa, ended, who):
    programme = ProgrammeFactory()
    client.force_login(qa[who])
    assert client.post(qurl(ended, "move"), {"programme": programme.pk}).status_code == 403
    assert not Question.objects.exists()


def test_the_event_page_shows_the_live_panel(client, event, qa):
    _ask(event, qa["second"], "Näkyykö kysymys tapahtuman sivulla?")
    body = _client(client, qa["registered"]).get(f"/en/events/{event.pk}/").content.decode()
    assert 'id="live-qa"' in body and "Näkyykö kysymys tapahtuman sivulla?" in body
    assert 'name="text"' in body
    Event.objects.filter(pk=event.pk).update(live_qa=False)
    body = client.get(f"/en/events/{event.pk}/").content.decode()
    assert 'id="live-qa"' not in body
