"""Bench content for surveys (``bench/generate.py``, registered in ``kaiku.core.bench``):
200,000 respondents at scale 1 in ten closed surveys, after the people step.

Every bench survey has the demo's questions (``demo.SECTIONS``: a single choice with
"other", five Likert statements, a matrix of seven items, a multiple choice with "other", a
number, a long and a short open question). The measured survey (``measured_survey``) is the
second round of a staff survey with 20,000 × scale respondents; its first round (also
20,000 × scale) is closed, so its results page has a trend; the other eight surveys make up
the rest of the 200,000 and keep the tables national-sized. The measured survey's results
are public, so the page benchmark measures it anonymously as well as signed in.

Respondents are drawn from the bench people's organisations (so organisation types, regions
and organisations are spread as the people are: Helsinki the largest), with the demo's
leanings per organisation type. Open answers are the demo's Finnish answers
(``demo_answers``), sometimes two of a theme together, with a filler or in lower case.

Rows are written with ``executemany`` in batches (about 3.5 million answers at scale 1):
building model instances for ``bulk_create`` would take most of the step's time. Keys are
UUIDs from the seeded generator, so every machine generates the same data. Idempotent: bench
surveys are found by their title prefix; a survey that has the wanted number of responses is
kept, any other bench survey of that title is deleted and generated again.
"""

from __future__ import annotations

import datetime
import random
import uuid
from decimal import Decimal

from kaiku.core import bench

TITLE_PREFIX = "Bench-kysely "
SEED = 20250901
BATCH_SIZE = 5_000
# (title, respondents at scale 1, closes on); the first two are the measured survey's rounds.
SURVEYS = [
    ("Henkilöstön muutostuen tarpeet, kierros 1", 20_000, datetime.date(2024, 10, 31)),
    ("Henkilöstön muutostuen tarpeet, kierros 2", 20_000, datetime.date(2025, 10, 31)),
    ("Työhyvinvointikysely 2024", 40_000, datetime.date(2024, 5, 15)),
    ("Työhyvinvointikysely 2025", 30_000, datetime.date(2025, 5, 15)),
    ("Siirtymävaiheen pulssikysely, kevät", 25_000, datetime.date(2025, 3, 31)),
    ("Siirtymävaiheen pulssikysely, syksy", 20_000, datetime.date(2025, 9, 30)),
    ("Perehdytyksen arviointi", 15_000, datetime.date(2025, 2, 28)),
    ("Tietojärjestelmien käyttöönotto", 12_000, datetime.date(2025, 6, 15)),
    ("Esihenkilötyön tuki", 10_000, datetime.date(2025, 8, 31)),
    ("Asiakaspalvelun jatkuvuus", 8_000, datetime.date(2025, 11, 15)),
]
MEASURED = 1  # index in SURVEYS
RESPONDENTS_AT_SCALE_1 = sum(count for _title, count, _closes in SURVEYS)  # 200,000
FILLERS = ["", "", "", "Lähinnä ", "Mielestäni ", "No, ", "Ehkä "]
ENDINGS = ["", "", "", " Kiitos kyselystä.", " Tämä on tärkeää.", "!"]


def _title(index: int) -> str:
    return f"{TITLE_PREFIX}{index + 1}: {SURVEYS[index][0]}"


def measured_survey():
    """The survey whose results the page benchmark measures (None before the step)."""
    from .models import Survey

    return Survey.objects.filter(title_fi=_title(MEASURED)).first()


def _period(closes_on: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    from django.utils import timezone

    tz = timezone.get_default_timezone()
    closes = datetime.datetime.combine(closes_on, datetime.time(16), tzinfo=tz)
    return closes - datetime.timedelta(days=21), closes


def _create_survey(index: int, previous):
    """The survey with the demo's sections, questions, choices and matrix items."""
    from kaiku.core.content import Visibility

    from .demo import DESCRIPTION_FI, SECTIONS
    from .models import (
        AudienceKind,
        Choice,
        MatrixItem,
        Question,
        QuestionKind,
        ResultsVisibility,
        Section,
        Survey,
    )

    _name, _count, closes_on = SURVEYS[index]
    opens, closes = _period(closes_on)
    survey = Survey.objects.create(
        title_fi=_title(index),
        description_fi=DESCRIPTION_FI,
        published_at=opens,
        opens_at=opens,
        closes_at=closes,
        results_visibility=(
            ResultsVisibility.PUBLIC if index == MEASURED else ResultsVisibility.STAFF
        ),
        audience=AudienceKind.EVERYONE,
        visibility=Visibility.STAFF,
        previous_round=previous,
        round_number=previous.round_number + 1 if previous else 1,
        questions_locked_at=opens,
        # Never invite or remind 30,000 bench people.
        invitations_sent_at=opens,
        reminders_sent_at=opens,
    )
    for s_order, ((s_fi, s_sv), questions) in enumerate(SECTIONS):
        section = Section.objects.create(survey=survey, title_fi=s_fi, title_sv=s_sv, order=s_order)
        for q_order, (kind, (fi, sv), extra) in enumerate(questions):
            scale = kind in (QuestionKind.LIKERT, QuestionKind.MATRIX)
            question = Question.objects.create(
                survey=survey,
                section=section,
                kind=kind,
                text_fi=fi,
                text_sv=sv,
                required=extra.get("required", False),
                order=q_order,
                scale_points=5 if scale else None,
                allow_other=extra.get("allow_other", False),
                number_min=extra.get("min"),
                number_max=extra.get("max"),
            )
            Choice.objects.bulk_create(
                [
                    Choice(question=question, text_fi=c_fi, text_sv=c_sv, order=order)
                    for order, (c_fi, c_sv) in enumerate(extra.get("choices", []))
                ]
            )
            MatrixItem.objects.bulk_create(
                [
                    MatrixItem(question=question, text_fi=i_fi, text_sv=i_sv, order=order)
                    for order, (i_fi, i_sv) in enumerate(extra.get("items", []))
                ]
            )
    return survey


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    from django.db import connection

    if not rows:
        return
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(model._meta.get_field(c).column) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + BATCH_SIZE])


def _open_text(rng: random.Random, pool: list[str]) -> str:
    text = rng.choice(pool)
    if rng.random() < 0.25:
        text = f"{text} {rng.choice(pool)}"
    text = rng.choice(FILLERS) + (text[0].lower() + text[1:] if rng.random() < 0.3 else text)
    return (text + rng.choice(ENDINGS))[:1000]


def _generate(survey, count: int, respondents: list[tuple], seed: int) -> int:
    """``count`` responses with their answers, as raw rows."""
    from django.db import connection
    from django.utils import timezone

    from .demo import BASE, LEAN, _keys
    from .demo_answers import NOISE, SUPPORT, WORRIES
    from .models import Answer, AnswerChoice, Question, QuestionKind, Response

    rng = random.Random(seed)  # noqa: S311 - bench data, not security
    bits = rng.getrandbits

    if connection.features.has_native_uuid_field:

        def new_id():
            return uuid.UUID(int=bits(128))

    else:  # stored as 32 hex digits (SQLite)

        def new_id():
            return f"{bits(128):032x}"

    questions = list(
        Question.objects.filter(survey=survey)
        .order_by("section__order", "order")
        .prefetch_related("choices", "items")
    )
    keys = {q.pk: key for key, q in _keys(survey).items()}
    plan = []
    for q in questions:
        plan.append(
            (
                q.kind,
                q.pk,
                keys.get(q.pk, ""),
                [c.pk for c in q.choices.all()],
                [i.pk for i in q.items.all()],
                q.required,
                q.allow_other,
            )
        )
    themes = [SUPPORT[name] for name in SUPPORT]
    trend = 0.25 * (survey.round_number - 1)
    period_end = timezone.localdate(survey.closes_at)
    hours = [0, 1, 2, 2, 3, 4, 4, 5, 6, 8, 10, 16]
    gauss, random_, choice = rng.gauss, rng.random, rng.choice
    responses, answers, picked = [], [], []

    def point(mean: float) -> int:
        return max(1, min(5, round(gauss(mean, 1.0))))

    def flush() -> None:
        _insert(
            Response,
            ["id", "survey", "round_number", "period_end", "organisation_type", "region",
             "organisation"],
            responses,
        )  # fmt: skip
        _insert(
            Answer,
            ["id", "response", "question", "item", "value", "number", "text", "other_text"],
            answers,
        )
        _insert(AnswerChoice, ["id", "answer", "choice"], picked)
        responses.clear()
        answers.clear()
        picked.clear()

    for _n in range(count):
        org, kind, region = choice(respondents)
        rid = new_id()
        responses.append((rid, survey.pk, survey.round_number, period_end, kind, region, org))
        lean = LEAN.get(kind, {})
        for q_kind, qid, key, choices, items, required, allow_other in plan:
            if q_kind == QuestionKind.LIKERT:
                if not required and random_() < 0.05:
                    continue
                shift = trend if key in ("coping", "clarity") else -trend if key else 0
                value = point(BASE.get(key, 3) + lean.get(key, 0) + shift)
                answers.append((new_id(), rid, qid, None, value, None, "", ""))
            elif q_kind == QuestionKind.MATRIX:
                for i, item in enumerate(items):
                    mean = 3.6 if i in (0, 1) else 3.1
                    if kind == "te_office" and i == 0:
                        mean += 0.5
                    answers.append((new_id(), rid, qid, item, point(mean), None, "", ""))
            elif q_kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                if q_kind == QuestionKind.SINGLE:
                    chosen = rng.choices(choices, [5, 2, 2, 1, 1][: len(choices)])
                else:
                    chosen = [c for c in choices if random_() < 0.45]
                if not chosen and not required:
                    continue
                other = choice(["Projektitehtävät", "Koulutus", "ICT-tuki"]) if (
                    allow_other and random_() < 0.03
                ) else ""  # fmt: skip
                aid = new_id()
                answers.append((aid, rid, qid, None, None, None, "", other))
                picked += [(new_id(), aid, c) for c in chosen]
            elif q_kind == QuestionKind.NUMBER:
                if random_() < 0.7:
                    answers.append((new_id(), rid, qid, None, None, Decimal(choice(hours)), "", ""))
            elif q_kind == QuestionKind.LONG_TEXT:
                if random_() < 0.55:
                    pool = NOISE if random_() < 0.08 else choice(themes)
                    answers.append(
                        (new_id(), rid, qid, None, None, None, _open_text(rng, pool), "")
                    )
            elif q_kind == QuestionKind.SHORT_TEXT and random_() < 0.35:
                answers.append((new_id(), rid, qid, None, None, None, choice(WORRIES), ""))
        if len(responses) >= BATCH_SIZE:
            flush()
    flush()
    return count


def _respondents() -> list[tuple]:
    """``(organisation, type, region)`` of every bench person with an organisation: a
    respondent is drawn from these, so they are spread over organisations as the people are."""
    from django.contrib.auth import get_user_model

    from kaiku.accounts.bench import BENCH_EMAIL_DOMAIN

    return list(
        get_user_model()
        .objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}", organisation__isnull=False)
        .order_by("pk")
        .values_list("organisation_id", "organisation__type", "organisation__region_id")
    )


def _delete(surveys) -> int:
    """Delete bench surveys with their answers, bypassing the ORM's per-row collection."""
    from .models import Answer, AnswerChoice, Response, Survey

    pks = list(surveys.values_list("pk", flat=True))
    if not pks:
        return 0
    deleted = 0
    for qs in (
        AnswerChoice.objects.filter(answer__question__survey__in=pks),
        Answer.objects.filter(question__survey__in=pks),
        Response.objects.filter(survey__in=pks),
    ):
        deleted += qs._raw_delete(qs.db)
    Survey.objects.filter(next_rounds__in=pks).update(previous_round=None)
    return deleted + Survey.objects.filter(pk__in=pks).delete()[0]


def step_surveys(scale: bench.Scale) -> str:
    from django.db import connection, transaction

    from .models import Response, Survey

    respondents = _respondents()
    if not respondents:
        return "no bench people with an organisation: skipped"
    if connection.vendor == "sqlite":
        # Random keys land all over the indexes: a larger page cache saves most re-reads.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB
    wanted = scale.count("survey_respondents", RESPONDENTS_AT_SCALE_1)
    made = kept = total = 0
    previous = None
    for index, (_name, at_scale_1, _closes) in enumerate(SURVEYS):
        count = round(at_scale_1 * wanted / RESPONDENTS_AT_SCALE_1)
        total += count
        existing = Survey.objects.filter(title_fi=_title(index))
        current = existing.first()
        if (
            current is not None
            and existing.count() == 1
            and Response.objects.filter(survey=current).count() == count
        ):
            kept += 1
        else:
            with transaction.atomic():
                _delete(existing)
                current = _create_survey(index, previous if index == MEASURED else None)
                _generate(current, count, respondents, SEED + index)
            made += 1
        previous = current
    measured = measured_survey()
    return (
        f"{made} surveys generated, {kept} kept; {total} respondents in all, "
        f"{Response.objects.filter(survey=measured).count()} in the measured survey "
        f"(id {measured.pk})"
    )


def reset_surveys() -> str:
    from django.db import transaction

    from .models import Survey

    with transaction.atomic():
        deleted = _delete(Survey.objects.filter(title_fi__startswith=TITLE_PREFIX))
    return f"{deleted} rows deleted"


bench.register("surveys", 70, run=step_surveys, reset=reset_surveys)
