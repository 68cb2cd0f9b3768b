"""Anonymity at the database level (docs/surveys.md, "Anonymity by construction"): after a
mixing run, neither the order of the rows nor PostgreSQL's transaction ids pair a
participation with its response."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from .. import services
from ..mixing import SAMPLE, mix_survey, mixing_due, vacuum
from ..models import Answer, AnswerChoice, Participation, Question, QuestionKind, Response
from ..results import compute
from ..services import AnswerData, response_submit
from .factories import UserFactory

SUBMITS = 20


def _physical(table: str, column: str) -> list:
    """``column`` of ``table``'s rows in their physical order: SQLite's rowid, PostgreSQL's
    ctid (the heap position)."""
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM {table} ORDER BY {order}"  # noqa: S608
        )
        return [row[0] for row in cursor.fetchall()]


def _responses_in_physical_order() -> list[str]:
    """Each response's open answer ("vastaus 7"), the responses in their physical order."""
    order = "r.ctid" if connection.vendor == "postgresql" else "r.rowid"
    response, answer = Response._meta.db_table, Answer._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.text FROM {response} r JOIN {answer} a ON a.response_id = r.id "  # noqa: S608
            f"WHERE a.text <> '' ORDER BY {order}"
        )
        return [row[0] for row in cursor.fetchall()]


def _submit_all(survey, people) -> list[str]:
    """Every person answers in turn: a Likert point and an open answer naming their turn."""
    likert = Question.objects.get(survey=survey, kind=QuestionKind.LIKERT)
    open_ = Question.objects.get(survey=survey, kind=QuestionKind.LONG_TEXT)
    texts = []
    for turn, person in enumerate(people):
        text = f"vastaus {turn}"
        texts.append(text)
        response_submit(
            survey=survey,
            user=person,
            answers=[
                AnswerData(question=likert, value=turn % 5 + 1),
                AnswerData(question=open_, text=text),
            ],
        )
    return texts


@pytest.fixture
def respondents(db, te_office):
    return [UserFactory(organisation=te_office) for _ in range(SUBMITS)]


def test_a_submit_stores_unmixed_rows_in_the_order_of_submitting(survey, respondents):
    """What mixing is for: before it, the rows lie in the order the people answered."""
    texts = _submit_all(survey, respondents)
    assert _responses_in_physical_order() == texts
    assert _physical(Participation._meta.db_table, "user_id") == [p.pk for p in respondents]
    assert not Response.objects.filter(mixed=True).exists()
    assert not Participation.objects.filter(mixed=True).exists()


def test_mixing_stores_responses_again_in_a_random_order_with_new_keys(survey, respondents):
    texts = _submit_all(survey, respondents)
    before = compute(survey)
    old_responses = set(Response.objects.values_list("pk", flat=True))
    old_answers = set(Answer.objects.values_list("pk", flat=True))

    assert mix_survey(survey.pk, rng=random.Random(9)) == {
        "responses": SUBMITS,
        "participations": SUBMITS,
    }

    order = _responses_in_physical_order()
    assert sorted(order) == sorted(texts)
    assert order != texts
    # No response or answer keeps its key.
    assert not old_responses & set(Response.objects.values_list("pk", flat=True))
    assert not old_answers & set(Answer.objects.values_list("pk", flat=True))
    assert not Response.objects.filter(mixed=False).exists()
    # The participations too: the same people, in another order, nobody twice.
    people = _physical(Participation._meta.db_table, "user_id")
    assert sorted(people) == sorted(p.pk for p in respondents)
    assert people != [p.pk for p in respondents]
    assert not Participation.objects.filter(mixed=False).exists()
    # The content is the same, so the results are.
    assert compute(survey) == before
    # A second run finds nothing to do and writes nothing.
    assert mix_survey(survey.pk) == {"responses": 0, "participations": 0}


def test_a_run_takes_a_sample_of_earlier_responses_with_the_new_ones(survey, people, te_office):
    earlier = [UserFactory(organisation=te_office) for _ in range(SAMPLE + 10)]
    _submit_all(survey, earlier)
    mix_survey(survey.pk, rng=random.Random(1))
    keys = set(Response.objects.values_list("pk", flat=True))

    late = [UserFactory(organisation=te_office) for _ in range(3)]
    single = Question.objects.get(survey=survey, kind=QuestionKind.SINGLE)
    for person in late:
        response_submit(
            survey=survey,
            user=person,
            answers=[AnswerData(question=single, choices=list(single.choices.all()[:1]))],
        )
    assert mix_survey(survey.pk, rng=random.Random(2))["responses"] == 3

    now = set(Response.objects.values_list("pk", flat=True))
    assert len(now) == SAMPLE + 10 + 3
    assert len(keys - now) == SAMPLE  # the sample got new keys too; the rest kept theirs
    # The chosen options followed their answers.
    assert AnswerChoice.objects.count() == 3
    assert set(AnswerChoice.objects.values_list("answer__question", flat=True)) == {single.pk}


def test_a_failed_response_leaves_no_participation(survey, people, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(services, "_store_response", broken)
    with pytest.raises(RuntimeError):
        response_submit(survey=survey, user=people["member"], answers=[])
    assert not Participation.objects.exists()
    monkeypatch.undo()
    response_submit(survey=survey, user=people["member"], answers=[])
    assert Participation.objects.count() == Response.objects.count() == 1


def test_mixing_due_queues_every_survey_with_unmixed_rows(survey, respondents):
    assert mixing_due() == 0
    _submit_all(survey, respondents[:2])
    assert mixing_due() == 1  # the immediate backend runs it at once
    assert not Response.objects.filter(mixed=False).exists()
    assert mixing_due() == 0


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_no_participation_shares_a_transaction_with_a_response(survey, respondents):
    """Each submit is two real transactions (not savepoints of a test's transaction), and a
    mixing run gives every response the run's transaction id."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's")
    _submit_all(survey, respondents)
    mix_survey(survey.pk, rng=random.Random(3))

    def xmins(model) -> set[str]:
        return set(_physical(model._meta.db_table, "xmin"))

    participations = xmins(Participation)
    assert participations.isdisjoint(xmins(Response))
    assert participations.isdisjoint(xmins(Answer))
    assert len(xmins(Response)) == 1  # one run, one transaction
    assert _responses_in_physical_order() != [f"vastaus {n}" for n in range(SUBMITS)]
    assert vacuum()  # outside a transaction: the deleted rows go now
