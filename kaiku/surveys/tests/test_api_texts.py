"""The results API's open answers: the first 50 per group and theme by default, all with
``?texts=all``, and a page at a time from ``results/{question}/texts/``, with the results'
visibility and the open-text rule."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from ..api.views import TEXTS_LIMIT, TEXTS_PAGE
from ..models import Question, QuestionKind, ResultsVisibility, TextThemes
from .test_results import _answer, _close, _get

pytestmark = pytest.mark.django_db

MANY = TEXTS_PAGE + 30


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def closed(survey, te_office):
    _close(survey, ResultsVisibility.STAFF)
    _answer(survey, te_office, MANY, text="Työnohjausta")
    question = Question.objects.get(survey=survey, kind=QuestionKind.LONG_TEXT)
    texts = [f"Työnohjausta {n}" for n in range(MANY)]
    TextThemes.objects.create(
        question=question,
        computed_at=survey.closes_at,
        answer_count=MANY,
        data=[
            {
                "label": "työnohjaus",
                "keywords": ["työnohjaus"],
                "size": MANY - 3,
                "answers": texts[3:],
                "representatives": texts[3:6],
            },
            {
                "label": "muu",
                "keywords": ["muu"],
                "size": 3,
                "answers": texts[:3],
                "representatives": texts[:3],
            },
        ],
    )
    return survey


def _open_question(body) -> dict:
    return next(q for q in body["questions"] if q["kind"] == "long_text")


def test_results_list_the_first_answers_of_each_group_and_theme(client, people, closed):
    body = _get(client, people["staff"], f"/api/v1/surveys/{closed.pk}/results/").json()
    question = _open_question(body)
    assert question["texts"]["all"]["count"] == MANY
    assert len(question["texts"]["all"]["texts"]) == TEXTS_LIMIT
    first, second = question["themes"]
    assert len(first["answers"]) == TEXTS_LIMIT and first["answers_total"] == MANY - 3
    assert first["size"] == MANY - 3 and set(first) == {
        "label", "keywords", "size", "answers", "answers_total"
    }  # fmt: skip
    assert second["answers"] == [f"Työnohjausta {n}" for n in range(3)]

    everything = _get(client, people["staff"], f"/api/v1/surveys/{closed.pk}/results/?texts=all")
    question = _open_question(everything.json())
    assert len(question["texts"]["all"]["texts"]) == MANY
    assert len(question["themes"][0]["answers"]) == MANY - 3


def test_texts_a_page_at_a_time(client, people, closed):
    question = Question.objects.get(survey=closed, kind=QuestionKind.LONG_TEXT)
    url = f"/api/v1/surveys/{closed.pk}/results/{question.pk}/texts/"
    full = _get(client, people["staff"], f"/api/v1/surveys/{closed.pk}/results/?texts=all")
    expected = _open_question(full.json())["texts"]["all"]["texts"]

    first = _get(client, people["staff"], url).json()
    assert first["count"] == MANY and first["pages"] == 2 and first["group"] == "all"
    assert first["texts"] == expected[:TEXTS_PAGE]
    assert first["next"].endswith(f"{url}?page=2")
    second = client.get(f"{url}?page=2").json()
    assert second["texts"] == expected[TEXTS_PAGE:] and second["next"] is None
    assert client.get(f"{url}?page=3").status_code == 404
    assert client.get(f"{url}?page=0").status_code == 404

    theme = client.get(f"{url}?theme=1").json()
    assert theme["theme"] == 1 and theme["group"] is None
    assert theme["texts"] == [f"Työnohjausta {n}" for n in range(3)]
    assert client.get(f"{url}?theme=2").status_code == 404
    assert client.get(f"{url}?theme=x").status_code == 404
    # A group whose texts may not be listed, and a question of another survey.
    assert client.get(f"{url}?group=type:keha_centre").status_code == 404
    other = Question.objects.exclude(survey=closed).first()
    if other is not None:
        assert (
            client.get(f"/api/v1/surveys/{closed.pk}/results/{other.pk}/texts/").status_code == 404
        )


def test_texts_follow_the_results_visibility(client, people, closed):
    question = Question.objects.get(survey=closed, kind=QuestionKind.LONG_TEXT)
    url = f"/api/v1/surveys/{closed.pk}/results/{question.pk}/texts/"
    assert _get(client, None, url).status_code == 404
    assert _get(client, people["staff"], url).status_code == 200
    _close(closed, ResultsVisibility.COORDINATORS)
    assert _get(client, people["member"], url).status_code == 403
    assert _get(client, people["coordinator"], url).status_code == 200


def test_few_texts_are_not_listed(client, people, survey, te_office):
    _close(survey, ResultsVisibility.STAFF)
    _answer(survey, te_office, 8, text="Vähän")
    question = Question.objects.get(survey=survey, kind=QuestionKind.LONG_TEXT)
    url = f"/api/v1/surveys/{survey.pk}/results/{question.pk}/texts/"
    assert _get(client, people["staff"], url).status_code == 404
