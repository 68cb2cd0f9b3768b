"""An event's feedback survey (``feedback.py``): created by the event's managers once it has
ended, for those who attended (or held a place), once; its invitations go out through the
surveys' task; the event's page offers it to the invitees only."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kaiku.notifications.models import Notification
from kaiku.surveys.models import (
    AudienceKind,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    SurveyInvitee,
)

from ..feedback import FEEDBACK_DAYS, feedback_people, feedback_survey_create
from ..models import Event, RegistrationStatus
from .factories import EventFactory, RegistrationFactory, UserFactory


@pytest.fixture
def past(people):
    """An info session that ended yesterday, organised by ``organiser``: three held a place,
    one was waiting."""
    start = timezone.now() - datetime.timedelta(days=1, hours=3)
    event = EventFactory(
        title_fi="Infotilaisuus TE24",
        title_sv="Infomöte TE24",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        organiser=people["organiser"],
    )
    for person in (people["member"], people["staff"]):
        RegistrationFactory(event=event, person=person)
    RegistrationFactory(event=event, person=UserFactory(full_name="Paula Paikalla"))
    RegistrationFactory(
        event=event, person=UserFactory(full_name="Jonna Jonossa"), status="waitlisted"
    )
    return event


def _mark(event, attended: dict) -> None:
    for person, value in attended.items():
        event.registrations.filter(person=person).update(attended=value)


def test_the_survey_is_short_anonymous_and_for_the_attendees(
    people, past, django_capture_on_commit_callbacks
):
    _mark(past, {people["member"]: True, people["staff"]: False})
    with django_capture_on_commit_callbacks(execute=True):
        survey, created = feedback_survey_create(event=past, actor=people["organiser"])
    assert created
    assert survey.title_fi == "Palaute: Infotilaisuus TE24"
    assert survey.title_sv == "Respons: Infomöte TE24"
    assert survey.title_en == "Feedback: Infotilaisuus TE24"  # no English title: the Finnish
    assert survey.anonymous and survey.results_visibility == ResultsVisibility.COORDINATORS
    assert survey.audience == AudienceKind.PEOPLE and survey.visibility == "members"
    assert survey.is_open and survey.published_at is not None
    assert survey.closes_at - survey.opens_at == datetime.timedelta(days=FEEDBACK_DAYS)
    questions = list(Question.objects.filter(survey=survey).order_by("order"))
    assert [q.kind for q in questions] == [
        QuestionKind.LIKERT,
        QuestionKind.LIKERT,
        QuestionKind.LONG_TEXT,
        QuestionKind.LONG_TEXT,
    ]
    assert questions[1].text_fi == "Sain vastauksia kysymyksiini."
    assert all(q.text_sv and q.text_en for q in questions)
    assert {q.scale_points for q in questions[:2]} == {5}
    # Attendance is marked: only the one marked attended is invited and told.
    assert list(SurveyInvitee.objects.values_list("person", flat=True)) == [people["member"].pk]
    told = Notification.objects.filter(kind="survey_invitation")
    assert list(told.values_list("user", flat=True)) == [people["member"].pk]
    past.refresh_from_db()
    assert past.feedback_survey == survey


def test_without_attendance_those_holding_a_place_are_invited(people, past):
    held = set(
        past.registrations.filter(status=RegistrationStatus.REGISTERED).values_list(
            "person", flat=True
        )
    )
    assert set(feedback_people(past)) == held and len(held) == 3


def test_a_second_request_returns_the_same_survey(people, past):
    first, _created = feedback_survey_create(event=past, actor=people["organiser"])
    second, created = feedback_survey_create(event=past, actor=people["admin"])
    assert second == first and not created


@pytest.mark.parametrize("case", ["upcoming", "cancelled", "nobody", "draft"])
def test_refused_with_nothing_saved(people, past, event, case):
    target = past
    if case == "upcoming":
        target = event
        RegistrationFactory(event=event, person=people["member"])
    elif case == "cancelled":
        Event.all_objects.filter(pk=past.pk).update(cancelled_at=timezone.now())
    elif case == "nobody":
        _mark(past, dict.fromkeys(past.registrations.values_list("person", flat=True), False))
    else:
        Event.all_objects.filter(pk=past.pk).update(published_at=None)
    target = Event.all_objects.get(pk=target.pk)
    with pytest.raises(ValidationError):
        feedback_survey_create(event=target, actor=people["organiser"])
    target.refresh_from_db()
    assert target.feedback_survey is None


# --- Pages --------------------------------------------------------------------------------------


def _url(event):
    return reverse("events:feedback_create", args=[event.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("staff", 404), ("other_organiser", 404), ("organiser", 200),
     ("admin", 200)],
)  # fmt: skip
def test_only_the_events_managers_reach_the_page(client, people, past, who, status):
    if people[who] is not None:
        client.force_login(people[who])
    response = client.get(_url(past))
    assert response.status_code == status
    if who == "anonymous":
        assert "login" in response.url
    client.post(_url(past))
    assert SurveyInvitee.objects.exists() == (status == 200)


def test_the_page_says_who_is_asked_and_creating_goes_to_the_builder(client, people, past):
    _mark(past, {people["member"]: True, people["staff"]: True})
    client.force_login(people["organiser"])
    page = client.get(_url(past)).content.decode()
    assert "2 people marked as attended are invited to answer." in page
    assert "Sain vastauksia kysymyksiini." not in page and "I got answers to my questions." in page
    response = client.post(_url(past))
    past.refresh_from_db()
    assert response.url == reverse("surveys:build", args=[past.feedback_survey_id])
    # Idempotent: the page and a second click go to the same survey.
    assert client.get(_url(past)).url == response.url
    client.post(_url(past))
    assert SurveyInvitee.objects.count() == 2 and Event.objects.get(pk=past.pk).feedback_survey


def test_an_organiser_who_does_not_build_surveys_goes_back_to_the_event(client, people, past):
    Event.all_objects.filter(pk=past.pk).update(organiser=people["other_organiser"])
    client.force_login(people["other_organiser"])  # communications: manages their own event
    response = client.post(_url(past))
    assert response.url == past.get_absolute_url()
    assert Event.objects.get(pk=past.pk).feedback_survey is not None


def test_an_upcoming_event_is_refused_on_the_page(client, people, event):
    client.force_login(people["organiser"])
    page = client.get(_url(event)).content.decode()
    assert "once the event has ended" in page and "<form" not in page.split("<main")[-1]
    client.post(_url(event))
    assert Event.objects.get(pk=event.pk).feedback_survey is None


def test_the_event_page_offers_it_to_managers_and_invitees(client, people, past):
    detail = past.get_absolute_url()
    client.force_login(people["organiser"])
    assert "Create a feedback survey" in client.get(detail).content.decode()
    _mark(past, {people["member"]: True, people["staff"]: False})
    survey, _created = feedback_survey_create(event=past, actor=people["organiser"])
    manager_page = client.get(detail).content.decode()
    assert "Create a feedback survey" not in manager_page
    assert "Feedback: Infotilaisuus TE24" in manager_page and "0 answers" in manager_page
    client.force_login(people["member"])
    assert "Give feedback on the event" in client.get(detail).content.decode()
    client.force_login(people["staff"])  # held a place but did not attend
    assert "Give feedback on the event" not in client.get(detail).content.decode()
    assert client.get(survey.get_absolute_url()).status_code == 404


def test_the_invitee_answers_and_the_link_goes_away(client, people, past):
    _mark(past, {people["member"]: True})
    survey, _created = feedback_survey_create(event=past, actor=people["organiser"])
    useful = Question.objects.filter(survey=survey).order_by("order").first()
    client.force_login(people["member"])
    response = client.post(
        reverse("surveys:answer", args=[survey.pk]), {"action": "send", f"q{useful.pk}": "4"}
    )
    assert response.url == reverse("surveys:thanks", args=[survey.pk])
    assert Response.objects.filter(survey=survey).count() == 1
    assert "Give feedback on the event" not in client.get(past.get_absolute_url()).content.decode()


def test_an_upcoming_event_shows_no_feedback_panel(client, people, event):
    client.force_login(people["organiser"])
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Feedback survey" not in page


# --- Demo ---------------------------------------------------------------------------------------


def test_demo_feedback_survey_has_anonymous_answers_and_loading_twice_changes_nothing(
    client,
    db,
):
    from kaiku.accounts.demo import demo_people, load_demo_people
    from kaiku.organisations.demo import load_demo_organisations
    from kaiku.surveys.models import Answer, Participation, Phase

    from ..demo import load_demo_events
    from ..feedback_demo import ANSWERS, INFO_TITLE, load_demo_feedback

    load_demo_organisations()
    load_demo_people()
    load_demo_events()
    survey = load_demo_feedback()
    event = Event.objects.filter(title_fi=INFO_TITLE).order_by("-starts_at").first()
    assert event.feedback_survey == survey and survey.phase() == Phase.CLOSED
    attended = set(event.registrations.filter(attended=True).values_list("person", flat=True))
    assert set(SurveyInvitee.objects.filter(survey=survey).values_list("person", flat=True)) == (
        attended
    )
    assert Response.objects.filter(survey=survey).count() == ANSWERS
    answered = set(Participation.objects.filter(survey=survey).values_list("user", flat=True))
    assert len(answered) == ANSWERS and answered <= attended
    assert Answer.objects.filter(response__survey=survey, text__gt="").count() >= 10
    client.force_login(demo_people()["viestinta"])  # a change coordinator: sees the results
    results = client.get(reverse("surveys:results", args=[survey.pk]))
    assert results.status_code == 200 and "Feedback: TE24" in results.content.decode()
    before = (Response.objects.count(), Answer.objects.count(), SurveyInvitee.objects.count())
    assert load_demo_feedback() == survey
    assert (Response.objects.count(), Answer.objects.count(), SurveyInvitee.objects.count()) == (
        before
    )
