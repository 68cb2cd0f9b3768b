"""Demo of an event's feedback survey (``manage.py load_demo``, order 74: after the events, 70,
and the coaching programmes and live Q&A, 72).

The latest national info session of early 2023 (the one with the live Q&A record) gets its
feedback survey as the organiser would have made it the day after (``feedback.py``), open for
two weeks then and closed now, for those marked attended, with 15 anonymous answers in Finnish
(``kaiku.surveys.demo_responses``). Idempotent: an info session that has its survey is left as
it is, and a survey with answers gets none again.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kaiku.core.demo import register as register_demo

INFO_TITLE = "TE24-uudistus: valtakunnallinen infotilaisuus henkilöstölle"
ORGANISER = "viestinta"
ANSWERS = 15
SEED = 2023

MOST_USEFUL = [
    "Selkeä aikataulu siirtymästä kuntiin.",
    "Henkilöstön aseman käsittely: nyt tiedän, mitä siirtyminen tarkoittaa omalla kohdallani.",
    "Kysymyksiin vastattiin suoraan, vaikka kaikkeen ei vielä ollut vastausta.",
    "Esimerkit kuntakokeiluista ja siitä, miten yhteistyö kuntien kanssa on sujunut.",
    "Diat ja tallenne, joihin voi palata myöhemmin.",
    "Tieto siitä, missä vaiheessa muutosvalmennus etenee.",
    "Lomien ja palvelussuhteen ehtojen käsittely.",
    "Tiivis esitys, ja aikaa jäi kysymyksille.",
    "Kuulin, että muillakin on samoja huolia. Se helpotti.",
    "Tieto tietojärjestelmäkoulutuksista ennen siirtoa.",
]
IMPROVE = [
    "Enemmän aikaa kysymyksille, nyt moni kysymys jäi vastaamatta.",
    "Diat etukäteen, niin kysymyksiä voisi valmistella.",
    "Alueellisia tilaisuuksia, joissa käsitellään oman työllisyysalueen asioita.",
    "Ääni pätki välillä Teamsissa.",
    "Konkreettisia esimerkkejä siitä, miten asiakastyö muuttuu.",
    "Vastaamatta jääneisiin kysymyksiin voisi vastata kirjallisesti jälkikäteen.",
    "Ruotsinkielinen materiaali samaan aikaan suomenkielisen kanssa.",
    "Lyhyempi alustus ja enemmän keskustelua.",
]


def _point(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.9))))


def _answers(questions, rng: random.Random) -> list[dict[int, int | str]]:
    useful, got_answers, most_useful, improve = questions
    sets = []
    for n in range(ANSWERS):
        given: dict[int, int | str] = {
            useful.pk: _point(rng, 4.1),
            got_answers.pk: _point(rng, 3.5),
        }
        if n % 3 != 2:  # two in three write what was most useful
            given[most_useful.pk] = MOST_USEFUL[n % len(MOST_USEFUL)]
        if n % 2 == 0:  # every other one what to improve
            given[improve.pk] = IMPROVE[(n // 2) % len(IMPROVE)]
        sets.append(given)
    return sets


def load_demo_feedback():
    from django.contrib.auth import get_user_model

    from kaiku.accounts.demo import demo_people
    from kaiku.surveys.demo_responses import add_demo_responses
    from kaiku.surveys.models import Question, Survey, SurveyInvitee

    from .feedback import feedback_survey_create
    from .models import Event

    event = (
        Event.all_objects.filter(title_fi=INFO_TITLE, ends_at__lte=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    if event is None:
        return None
    survey = Survey.objects.filter(pk=event.feedback_survey_id).first()
    if survey is None:
        organiser = demo_people().get(ORGANISER) or event.organiser
        made = event.ends_at + datetime.timedelta(hours=20)  # the next morning
        survey, _created = feedback_survey_create(event=event, actor=organiser, now=made)
        # Invited and reminded then (the tasks leave a closed survey alone anyway).
        Survey.objects.filter(pk=survey.pk).update(
            invitations_sent_at=survey.opens_at,
            reminders_sent_at=survey.closes_at - datetime.timedelta(days=3),
        )
    questions = list(Question.objects.filter(survey=survey).order_by("order", "pk"))
    if len(questions) != 4:
        return survey  # edited in the demo: leave it as it is
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    invited = list(
        get_user_model()
        .objects.filter(pk__in=SurveyInvitee.objects.filter(survey=survey).values("person"))
        .select_related("organisation")
        .order_by("pk")
    )
    respondents = rng.sample(invited, min(ANSWERS, len(invited)))
    add_demo_responses(
        survey=survey,
        respondents=respondents,
        answers=_answers(questions, rng)[: len(respondents)],
        seed=SEED,
    )
    return survey


register_demo(74, load_demo_feedback)
