"""Stored results of closed surveys: computed once (in the background, or at the first view)
and read from the database when the cache is cold; computed again when the responses change."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from .. import results
from ..models import ResultsVisibility, StoredResults
from ..results_tasks import results_due
from ..services import survey_duplicate
from .test_results import _answer, _close, _get, _url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def closed(people, survey, te_office):
    """A closed second round with a closed first round, so the results have a trend."""
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 12, value=2, text="Ensimmäinen")
    second = survey_duplicate(survey=survey, actor=people["coordinator"])
    second.published_at = survey.published_at
    second.save()
    _close(second, ResultsVisibility.PUBLIC)
    _answer(second, te_office, 14, value=4, text="Toinen")
    return second


def _page(client, survey) -> str:
    # The charts' element ids count up within the process; everything else must be equal.
    return re.sub(r"chart-title-\d+", "chart-title", _get(client, None, _url(survey)).text)


def _no_computing(monkeypatch):
    def refuse(survey):
        raise AssertionError(f"computed {survey.pk}")

    monkeypatch.setattr(results, "compute", refuse)


def test_a_closed_survey_is_computed_once_and_then_read_from_the_database(
    client, closed, monkeypatch
):
    computed = results.results_for(closed)
    assert computed["trend"], "the fixture should give a trend"
    stored = StoredResults.objects.get(survey=closed)
    assert stored.response_count == 14 and stored.data == computed
    page = _page(client, closed)

    cache.clear()
    _no_computing(monkeypatch)
    assert results.results_for(closed) == computed
    # The page and the API look the same from the stored copy.
    assert _page(client, closed) == page
    assert _get(client, None, f"/api/v1/surveys/{closed.pk}/results/").status_code == 200


def test_more_responses_compute_them_again(closed, te_office):
    results.results_for(closed)
    _answer(closed, te_office, 5, value=1)  # as an import adds them
    cache.clear()
    assert results.results_for(closed)["respondents"] == 19
    assert StoredResults.objects.get(survey=closed).response_count == 19


def test_an_open_survey_keeps_live_results_in_the_cache_only(survey, te_office):
    _answer(survey, te_office, 6)
    results.results_for(survey)
    assert not StoredResults.objects.exists()


def test_results_due_stores_closed_surveys_without_fresh_results(closed, te_office, monkeypatch):
    assert results_due() == 2  # both rounds, none stored yet
    assert StoredResults.objects.count() == 2
    assert results_due() == 0
    _answer(closed, te_office, 5)
    assert results_due() == 1
    cache.clear()
    _no_computing(monkeypatch)
    assert results.results_for(closed)["respondents"] == 19
