"""Mixing: responses and participations stored again in a random order (docs/surveys.md,
"Anonymity by construction").

A submit writes the person's ``Participation`` in one transaction and the ``Response``, with
its answers, in another (``services.response_submit``), both with ``mixed=False``. Left like
that, the database's own bookkeeping would still pair them: on PostgreSQL the transaction ids
of the two rows (the ``xmin`` system column) are consecutive, and in every database the rows
lie in their tables in the order they were submitted (SQLite's rowid, PostgreSQL's heap).
``mix_survey`` breaks both:

* **Responses**, in one transaction: the unmixed responses of the survey and a random sample
  of up to ``SAMPLE`` responses mixed earlier are deleted and inserted again in a random
  order, with new random keys (their answers and chosen options too), marked mixed. Every
  row of the batch then carries the mixing transaction's id, and none of them its submit's.
* **Participations**, in another transaction: the unmixed ones are deleted and inserted again
  in a random order (new keys from the sequence, in that order), marked mixed.

What ``mixed=False`` reveals: that a response was submitted after the last mixing run, which
is what the participations written since then say too. After the run a batch's new responses
are among the sample of older ones, so a person who answered in a given hour is one of (the
new responses of that hour + ``SAMPLE``), not one row. The content is unchanged, so results,
their cache key (the number of responses) and the themes stay valid.

``due_now`` (``tasks.py``, the hourly ``manage.py send_survey_reminders``) queues a run for
every survey with unmixed rows, so a closed survey is mixed within the hour after it closes.
On PostgreSQL the task then runs ``VACUUM`` on the tables, which removes the deleted rows
(dead tuples) that still carry the old transaction ids and order.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Sequence

from django.db import connection, transaction
from django_tasks import task

from .models import Answer, AnswerChoice, Draft, Participation, Response, Survey

#: How many responses mixed earlier go into each run with the new ones.
SAMPLE = 50
CHUNK = 500

RESPONSE_FIELDS = (
    "id",
    "survey_id",
    "round_number",
    "period_end",
    "organisation_type",
    "region_id",
    "organisation_id",
)
ANSWER_FIELDS = (
    "id",
    "response_id",
    "question_id",
    "item_id",
    "value",
    "number",
    "text",
    "other_text",
)


def _chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _random(rng: random.Random | None) -> random.Random:
    # A seeded generator only in tests; otherwise the operating system's randomness.
    return rng if rng is not None else random.SystemRandom()


def mix_responses(survey_id: int, *, rng: random.Random | None = None) -> int:
    """Store the survey's unmixed responses again, with a sample of mixed ones, in a random
    order and with new keys, in one transaction; returns how many were new (0: nothing to
    do, nothing written)."""
    rng = _random(rng)
    with transaction.atomic():
        # One run per survey at a time: a second waits here, then finds nothing new.
        list(Survey.objects.select_for_update().filter(pk=survey_id).values_list("pk"))
        rows = Response.objects.filter(survey_id=survey_id)
        new = sorted(rows.filter(mixed=False).values_list("pk", flat=True))
        if not new:
            return 0
        # Sorted first: the database's order is arbitrary, and a seeded test must repeat.
        earlier = sorted(rows.filter(mixed=True).values_list("pk", flat=True))
        batch = new + rng.sample(earlier, min(SAMPLE, len(earlier)))

        responses, answers, picked = [], [], []
        for ids in _chunks(batch):
            responses += Response.objects.filter(pk__in=ids).values(*RESPONSE_FIELDS)
            answers += Answer.objects.filter(response_id__in=ids).order_by().values(*ANSWER_FIELDS)
            picked += (
                AnswerChoice.objects.filter(answer__response_id__in=ids)
                .order_by()
                .values_list("answer_id", "choice_id")
            )
        for ids in _chunks(batch):
            AnswerChoice.objects.filter(answer__response_id__in=ids).delete()
            Answer.objects.filter(response_id__in=ids).delete()
            Response.objects.filter(pk__in=ids).delete()

        response_keys = {r["id"]: uuid.uuid4() for r in responses}
        answer_keys = {a["id"]: uuid.uuid4() for a in answers}
        rng.shuffle(responses)
        rng.shuffle(answers)
        rng.shuffle(picked)
        Response.objects.bulk_create(
            [Response(**{**r, "id": response_keys[r["id"]], "mixed": True}) for r in responses],
            batch_size=CHUNK,
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    **{
                        **a,
                        "id": answer_keys[a["id"]],
                        "response_id": response_keys[a["response_id"]],
                    }
                )
                for a in answers
            ],
            batch_size=CHUNK,
        )
        AnswerChoice.objects.bulk_create(
            [
                AnswerChoice(answer_id=answer_keys[answer], choice_id=choice)
                for answer, choice in picked
            ],
            batch_size=CHUNK,
        )
    return len(new)


def mix_participations(survey_id: int, *, rng: random.Random | None = None) -> int:
    """Store the survey's unmixed participations again in a random order, in one
    transaction of their own; returns how many."""
    rng = _random(rng)
    with transaction.atomic():
        rows = list(
            Participation.objects.select_for_update()
            .filter(survey_id=survey_id, mixed=False)
            .order_by("pk")
            .values_list("pk", "user_id")
        )
        if not rows:
            return 0
        for chunk in _chunks([pk for pk, _user in rows]):
            Participation.objects.filter(pk__in=chunk).delete()
        people = [user for _pk, user in rows]
        rng.shuffle(people)
        Participation.objects.bulk_create(
            [Participation(survey_id=survey_id, user_id=user, mixed=True) for user in people],
            batch_size=CHUNK,
        )
    return len(rows)


def mix_survey(survey_id: int, *, rng: random.Random | None = None) -> dict[str, int]:
    """Mix the survey's responses, then its participations (two transactions, so that no
    participation shares a transaction id with a response)."""
    return {
        "responses": mix_responses(survey_id, rng=rng),
        "participations": mix_participations(survey_id, rng=rng),
    }


def vacuum() -> bool:
    """On PostgreSQL, outside a transaction: ``VACUUM`` the answer tables, the
    participations and the drafts, so the deleted rows (with their old transaction ids and
    places, and a submitted person's deleted draft) are removed now rather than when
    autovacuum gets to them. Rows an older open transaction can still see stay until it ends.
    Returns whether it ran."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table)
        for model in (Response, Answer, AnswerChoice, Participation, Draft)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {tables}")
    return True


@task()
def mix_survey_answers(survey_id: int) -> dict[str, int]:
    done = mix_survey(survey_id)
    if done["responses"] or done["participations"]:
        vacuum()
    return done


def surveys_to_mix() -> list[int]:
    """The surveys with responses or participations not mixed yet."""
    found = set()
    for model in (Response, Participation):
        found.update(
            model.objects.filter(mixed=False)
            .order_by()
            .values_list("survey_id", flat=True)
            .distinct()
        )
    return sorted(found)


def mixing_due() -> int:
    """Queue a mixing run for every survey with unmixed rows (open ones every hour, and a
    closed one once more after it closes); returns how many were queued."""
    surveys = surveys_to_mix()
    for pk in surveys:
        mix_survey_answers.enqueue(pk)
    return len(surveys)
