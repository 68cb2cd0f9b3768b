"""An event's feedback survey, made with the surveys capability (issue 10: "a feedback form
after the event").

Once an event has ended, its managers (``rules.may_manage_event``) create with one button a
short anonymous survey, "Palaute: <event>", in Finnish, Swedish and English: two Likert
statements (the event was useful; I got answers to my questions) and two open questions (what
was most useful; what to improve). It is for chosen people (``surveys.services.
survey_set_invitees``): those who attended, or everyone holding a place when attendance was
not marked. It opens at once for ``FEEDBACK_DAYS`` days, is published at once (so its
invitations go out through the surveys' own task), and its results are for change
coordinators. ``Event.feedback_survey`` points at it; a second request returns the same survey.

Surveys may not import events (kaiku/site/tests/test_layers.py), so everything the survey
needs is set here, through the surveys services.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaiku.core.audit import audit_log
from kaiku.core.writes import model_update

from .models import Event, Registration, RegistrationStatus

#: How long the feedback survey is open.
FEEDBACK_DAYS = 14
FEEDBACK_CREATED = "event_feedback_survey_created"

#: The survey's wording, per language: title prefix, introduction and section title.
TITLE_PREFIX = {"fi": "Palaute", "sv": "Respons", "en": "Feedback"}
DESCRIPTION = {
    "fi": (
        "Kiitos osallistumisesta tilaisuuteen {title}! Kerro lyhyesti, mikä toimi ja mitä "
        "voisimme parantaa. Vastaaminen vie pari minuuttia. Vastaukset tallennetaan nimettöminä: "
        "älä kirjoita avoimiin vastauksiin nimiä."
    ),
    "sv": (
        "Tack för att du deltog i {title}! Berätta kort vad som fungerade och vad vi kunde "
        "förbättra. Det tar ett par minuter. Svaren sparas anonymt: skriv inga namn i de öppna "
        "svaren."
    ),
    "en": (
        "Thank you for taking part in {title}! Tell us briefly what worked and what we could "
        "improve. It takes a couple of minutes. The answers are stored anonymously: please do "
        "not write names in the open answers."
    ),
}
SECTION = {"fi": "Palaute tilaisuudesta", "sv": "Respons på evenemanget", "en": "Your feedback"}


@dataclass(frozen=True)
class FeedbackQuestion:
    kind: str
    text: dict[str, str]
    required: bool = False


QUESTIONS = (
    FeedbackQuestion(
        "likert",
        {
            "fi": "Tilaisuus oli minulle hyödyllinen.",
            "sv": "Evenemanget var nyttigt för mig.",
            "en": "The event was useful to me.",
        },
        required=True,
    ),
    FeedbackQuestion(
        "likert",
        {
            "fi": "Sain vastauksia kysymyksiini.",
            "sv": "Jag fick svar på mina frågor.",
            "en": "I got answers to my questions.",
        },
    ),
    FeedbackQuestion(
        "long_text",
        {
            "fi": "Mikä tilaisuudessa oli hyödyllisintä?",
            "sv": "Vad var mest nyttigt i evenemanget?",
            "en": "What was the most useful part of the event?",
        },
    ),
    FeedbackQuestion(
        "long_text",
        {
            "fi": "Mitä voisimme parantaa?",
            "sv": "Vad kunde vi förbättra?",
            "en": "What could we improve?",
        },
    ),
)


def _title(prefix: str, title: str) -> str:
    from kaiku.surveys.models import TITLE_MAX_LENGTH

    text = f"{prefix}: {title}"
    return text if len(text) <= TITLE_MAX_LENGTH else text[: TITLE_MAX_LENGTH - 1] + "…"


def _event_title(event: Event, language: str) -> str:
    return getattr(event, f"title_{language}", "") or event.title_fi or event.title


def feedback_people(event: Event) -> list[int]:
    """Who is invited: those marked attended, or everyone holding a place when attendance has
    not been marked at all. Person keys, in a stable order."""
    rows = Registration.objects.filter(event=event)
    if rows.filter(attended__isnull=False).exists():
        rows = rows.filter(attended=True)
    else:
        rows = rows.filter(status=RegistrationStatus.REGISTERED)
    return list(rows.order_by("person_id").values_list("person_id", flat=True))


def feedback_problems(event: Event, *, now=None) -> list[str]:
    """What stops a feedback survey from being created now (empty: it can be)."""
    now = now or timezone.now()
    if event.is_cancelled:
        return [_("A cancelled event has no feedback survey.")]
    if event.published_at is None:
        return [_("Publish the event first.")]
    if not event.is_past(now=now):
        return [_("The feedback survey can be created once the event has ended.")]
    if not feedback_people(event):
        return [_("Nobody attended or held a place, so there is nobody to ask for feedback.")]
    return []


def existing_survey(event: Event):
    from kaiku.surveys.models import Survey

    if event.feedback_survey_id is None:
        return None
    return Survey.objects.filter(pk=event.feedback_survey_id).first()


@transaction.atomic
def feedback_survey_create(*, event: Event, actor, now=None):
    """Create, publish and attach the event's feedback survey; returns ``(survey, created)``.

    Idempotent: the event's row is locked, and an event that already has its survey returns it
    (``created`` False). Raises ``ValidationError`` (nothing saved) when ``feedback_problems``
    has any. The invitations are sent by the surveys' task after the commit."""
    from kaiku.surveys.models import AudienceKind, QuestionKind, ResultsVisibility
    from kaiku.surveys.services import (
        question_create,
        section_create,
        survey_create,
        survey_publish,
        survey_set_invitees,
    )

    now = now or timezone.now()
    event = Event.all_objects.select_for_update().get(pk=event.pk)
    survey = existing_survey(event)
    if survey is not None:
        return survey, False
    problems = feedback_problems(event, now=now)
    if problems:
        raise ValidationError(problems)
    people = feedback_people(event)
    opens = now.replace(second=0, microsecond=0)
    fields = {}
    for code, prefix in TITLE_PREFIX.items():
        title = _event_title(event, code)
        fields[f"title_{code}"] = _title(prefix, title)
        fields[f"description_{code}"] = DESCRIPTION[code].format(title=title)
    survey = survey_create(
        actor=actor,
        **fields,
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=FEEDBACK_DAYS),
        anonymous=True,
        results_visibility=ResultsVisibility.COORDINATORS,
        audience=AudienceKind.PEOPLE,
    )
    section = section_create(
        survey=survey, actor=actor, **{f"title_{code}": text for code, text in SECTION.items()}
    )
    for question in QUESTIONS:
        scale = question.kind == QuestionKind.LIKERT
        question_create(
            section=section,
            actor=actor,
            kind=question.kind,
            required=question.required,
            scale_points=5 if scale else None,
            **{f"text_{code}": text for code, text in question.text.items()},
        )
    survey_set_invitees(survey=survey, people=people, actor=actor)
    survey = survey_publish(survey=survey, actor=actor, now=now)
    model_update(event, data={"feedback_survey": survey}, allowed=("feedback_survey",))
    audit_log(
        action=FEEDBACK_CREATED,
        actor=actor,
        target=event,
        data={"survey": survey.pk, "invited": len(people)},
    )
    return survey, True
