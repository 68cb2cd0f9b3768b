"""Demo answers for a survey built elsewhere (another capability's demo, e.g. an event's
feedback survey): stored as a real submit would store them, without any link to a person.

``add_demo_responses`` writes, once (nothing when the survey has responses already), a
``Participation`` for each respondent and, apart from them and in a random order, a
``Response`` per answer set with the background attributes of a respondent's organisation
(as ``services.response_submit`` copies them), the round's date and random keys. The
participations are written sorted by person, the responses shuffled, so not even the demo's
row order pairs them (docs/surveys.md, "Anonymity by construction")."""

from __future__ import annotations

import random
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from .models import SCALE_KINDS, Answer, Participation, Question, Response, Survey


def _background(person) -> dict:
    organisation = person.organisation
    if organisation is None:
        return {"organisation_type": "", "region_id": None, "organisation_id": None}
    return {
        "organisation_type": organisation.type,
        "region_id": organisation.region_id,
        "organisation_id": organisation.pk,
    }


@transaction.atomic
def add_demo_responses(
    *, survey: Survey, respondents: Sequence, answers: Sequence[dict[int, int | str]], seed: int
) -> int:
    """Store ``answers`` (one ``{question pk: point on the scale or text}`` per respondent)
    as the responses of ``respondents`` to a Likert or open-text survey; returns how many.
    Idempotent: a survey with responses is left as it is."""
    if len(respondents) != len(answers):
        raise ValueError("One answer set per respondent.")
    if Response.objects.filter(survey=survey).exists():
        return 0
    questions = {q.pk: q for q in Question.objects.filter(survey=survey)}
    period_end = timezone.localdate(survey.closes_at) if survey.closes_at else None
    Participation.objects.bulk_create(
        [
            Participation(survey=survey, user=person)
            for person in sorted(respondents, key=lambda p: p.pk)
        ],
        ignore_conflicts=True,
    )
    pairs = [
        (_background(person), given) for person, given in zip(respondents, answers, strict=True)
    ]
    random.Random(seed).shuffle(pairs)  # noqa: S311 - demo data, not security
    responses, rows = [], []
    for background, given in pairs:
        response = Response(
            survey=survey, round_number=survey.round_number, period_end=period_end, **background
        )
        responses.append(response)
        for pk, value in given.items():
            question = questions[pk]
            if question.kind in SCALE_KINDS:
                rows.append(Answer(response=response, question=question, value=int(value)))
            elif value:
                rows.append(Answer(response=response, question=question, text=str(value)))
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(rows)
    Survey.objects.filter(pk=survey.pk, questions_locked_at__isnull=True).update(
        questions_locked_at=survey.opens_at
    )
    return len(responses)
