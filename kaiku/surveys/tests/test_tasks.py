"""Invitations and reminders: once per survey, to the audience, in each person's language."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kaiku.notifications.models import Notification

from ..services import response_submit
from ..tasks import due_now, invite_now, remind_now
from .factories import UserFactory


def test_invitations_go_to_the_audience_once_in_their_language(people, survey, te_office):
    swede = UserFactory(organisation=te_office, preferred_language="sv")
    survey.title_sv = "Behov av stöd"
    survey.save()
    assert invite_now(survey.pk) == 2  # the member and the Swede; not KEHA staff
    assert invite_now(survey.pk) == 0
    titles = dict(
        Notification.objects.filter(kind="survey_invitation").values_list("user_id", "title")
    )
    assert set(titles) == {people["member"].pk, swede.pk}
    assert "Behov av stöd" in titles[swede.pk]
    assert "Muutostuen tarpeet" in titles[people["member"].pk]


def test_reminders_skip_those_who_answered(people, survey, te_office):
    other = UserFactory(organisation=te_office)
    response_submit(survey=survey, user=people["member"], answers=[])
    assert remind_now(survey.pk) == 1
    assert remind_now(survey.pk) == 0
    reminded = Notification.objects.filter(kind="survey_reminder")
    assert list(reminded.values_list("user_id", flat=True)) == [other.pk]


def test_due_now_invites_open_surveys_and_reminds_near_the_close(people, survey):
    nothing = {"mixing": 0, "themes": 0, "results": 0}
    assert due_now() == {"invitations": 1, "reminders": 0, **nothing}
    survey.refresh_from_db()
    assert survey.invitations_sent_at is not None
    later = survey.closes_at - datetime.timedelta(days=1)
    assert due_now(now=later) == {"invitations": 0, "reminders": 1, **nothing}


def test_a_closed_survey_sends_nothing(people, survey):
    survey.closes_at = timezone.now() - datetime.timedelta(hours=1)
    survey.opens_at = survey.closes_at - datetime.timedelta(days=3)
    survey.save()
    assert invite_now(survey.pk) == 0 and remind_now(survey.pk) == 0


def _close_with_open_answers(survey, count: int) -> None:
    from ..demo_answers import SUPPORT
    from ..models import Answer, Question, QuestionKind, Response

    question = Question.objects.get(survey=survey, kind=QuestionKind.LONG_TEXT)
    texts = [text for answers in SUPPORT.values() for text in answers][:count]
    for text in texts:
        response = Response.objects.create(survey=survey)
        Answer.objects.create(response=response, question=question, text=text)
    survey.closes_at = timezone.now() - datetime.timedelta(hours=1)
    survey.opens_at = survey.closes_at - datetime.timedelta(days=3)
    survey.save()


def test_due_now_computes_the_themes_of_a_survey_that_has_closed(people, survey):
    from ..models import TextThemes

    assert due_now()["themes"] == 0  # open: no themes yet
    assert not TextThemes.objects.exists()
    _close_with_open_answers(survey, 12)
    assert due_now()["themes"] == 1
    themes = TextThemes.objects.get(question__survey=survey)
    assert themes.computed_at is not None and themes.answer_count == 12
    assert due_now()["themes"] == 0  # analysed: not queued again


def test_send_survey_reminders_queues_the_themes(people, survey):
    from io import StringIO

    from django.core.management import call_command

    _close_with_open_answers(survey, 10)
    out = StringIO()
    call_command("send_survey_reminders", stdout=out)
    assert "themes of 1 closed surveys" in out.getvalue()
    out = StringIO()
    call_command("send_survey_reminders", stdout=out)
    assert "themes of 0 closed surveys" in out.getvalue()


def test_due_now_mixes_the_answers_and_stores_the_results_once_a_survey_closes(
    people, survey, monkeypatch
):
    from .. import results
    from ..models import Participation, Response, StoredResults

    response_submit(survey=survey, user=people["member"], answers=[])
    assert Response.objects.get().mixed is False
    later = timezone.now() + datetime.timedelta(days=1)
    assert due_now(now=later)["mixing"] == 1  # hourly while the survey is open
    assert Response.objects.get().mixed and Participation.objects.get().mixed
    assert not StoredResults.objects.exists()  # open: results are live, not stored

    # The period ends with answers not yet mixed: the next run mixes and stores them.
    late = UserFactory(organisation=people["member"].organisation)
    response_submit(survey=survey, user=late, answers=[])
    closed = survey.closes_at + datetime.timedelta(minutes=30)
    monkeypatch.setattr("django.utils.timezone.now", lambda: closed)
    queued = due_now(now=closed)
    # The themes task stores the results too (the immediate backend runs it at once), so
    # results_due then finds them fresh.
    assert queued["mixing"] == 1 and queued["themes"] == 1 and queued["results"] == 0
    assert not Response.objects.filter(mixed=False).exists()
    stored = StoredResults.objects.get(survey=survey)
    assert stored.response_count == 2 and stored.computed_at is not None
    assert stored.data == results.results_for(survey)
    assert due_now(now=closed)["results"] == 0  # fresh: not queued again
