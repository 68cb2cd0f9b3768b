"""A public survey's results page is in the page cache: answers arriving do not empty it (it
shows them at most a lifetime late), a change of the survey does (who may see it)."""

from __future__ import annotations

import pytest

from kaiku.core.cache import content_generation
from kaiku.core.tests.page_cache import cache_on  # noqa: F401 (the fixture)

from ..models import Response, ResultsVisibility, Survey
from .test_results import _answer, _close, _url

pytestmark = pytest.mark.django_db


def test_the_public_results_page_is_kept_until_the_survey_changes(client, survey, te_office):
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6)
    first = client.get(_url(survey))
    assert first.status_code == 200
    assert first["X-Kaiku-Cache"] == "miss"
    again = client.get(_url(survey))
    assert again["X-Kaiku-Cache"] == "hit"
    assert again.content == first.content

    survey.results_visibility = ResultsVisibility.STAFF
    survey.save()
    assert client.get(_url(survey)).status_code == 302  # to the login page: no longer public


def test_answers_do_not_empty_the_cache(survey, te_office):
    before = content_generation()
    Response.objects.create(survey=survey, organisation_type=te_office.type, organisation=te_office)
    _answer(survey, te_office, 1)
    assert content_generation() == before
    Survey.objects.get(pk=survey.pk).save()
    assert content_generation() != before


def test_a_signed_in_persons_repeat_view_is_kept(client, people, survey, te_office):
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6)
    client.force_login(people["staff"])
    client.get(_url(survey))  # the browser gets its CSRF cookie (kept pages are per browser)
    assert client.get(_url(survey))["X-Kaiku-Cache"] == "miss"
    again = client.get(_url(survey))
    assert again["X-Kaiku-Cache"] == "hit"
    assert "Respondents" in again.content.decode()
