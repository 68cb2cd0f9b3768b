"""Survey results: who may see them, disclosure control on the page and in the API, open
texts, the query count, the charts."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kaiku.accounts.middleware import SEEN_AT_SESSION_KEY
from kaiku.organisations.models import OrganisationType

from .. import charts, results
from ..models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    StoredResults,
    Survey,
)
from ..results import results_for
from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _close(survey: Survey, visibility: str = ResultsVisibility.STAFF) -> Survey:
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now - datetime.timedelta(days=1),
        results_visibility=visibility,
    )
    survey.refresh_from_db()
    return survey


def _answer(survey: Survey, organisation, count: int, *, value: int = 4, text: str = "") -> None:
    """``count`` responses from ``organisation`` to the survey's questions."""
    questions = list(Question.objects.filter(survey=survey).prefetch_related("choices", "items"))
    for i in range(count):
        response = Response.objects.create(
            survey=survey,
            organisation_type=organisation.type,
            region_id=organisation.region_id,
            organisation=organisation,
        )
        for q in questions:
            if q.kind == QuestionKind.LIKERT:
                Answer.objects.create(response=response, question=q, value=1 + (value + i) % 5)
            elif q.kind == QuestionKind.MATRIX:
                for item in q.items.all():
                    Answer.objects.create(response=response, question=q, item=item, value=value)
            elif q.kind == QuestionKind.SINGLE:
                answer = Answer.objects.create(response=response, question=q)
                answer.choices.add(q.choices.all()[i % 2])
            elif q.kind == QuestionKind.LONG_TEXT and text:
                Answer.objects.create(response=response, question=q, text=f"{text} {i}")


def _url(survey, **query):
    url = reverse("surveys:results", kwargs={"pk": survey.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


# --- Who sees results ---------------------------------------------------------------------------

EXPECTED = {
    # visibility: anonymous, staff outside the audience, audience member, coordinator, admin
    ResultsVisibility.PUBLIC: (200, 200, 200, 200, 200),
    ResultsVisibility.STAFF: (302, 200, 200, 200, 200),
    ResultsVisibility.COORDINATORS: (302, 404, 403, 200, 200),
}
VIEWERS = ("anonymous", "staff", "member", "coordinator", "admin")


@pytest.mark.parametrize("visibility", list(EXPECTED))
def test_who_sees_the_results_of_a_closed_survey(client, people, survey, te_office, visibility):
    _close(survey, visibility)
    _answer(survey, te_office, 6)
    for who, expected in zip(VIEWERS, EXPECTED[visibility], strict=True):
        page = _get(client, people[who], _url(survey))
        assert page.status_code == expected, (visibility, who)
        api = _get(client, people[who], f"/api/v1/surveys/{survey.pk}/results/")
        assert api.status_code == {302: 404}.get(expected, expected), (visibility, who)


def test_an_open_survey_has_live_results_for_coordinators_only(client, people, survey, te_office):
    Survey.objects.filter(pk=survey.pk).update(results_visibility=ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6)
    assert _get(client, people["member"], _url(survey)).status_code == 403
    assert _get(client, None, _url(survey)).status_code == 302
    page = _get(client, people["coordinator"], _url(survey))
    assert page.status_code == 200 and "live results" in page.content.decode()


def test_survey_list_in_the_api(client, people, survey):
    _close(survey, ResultsVisibility.PUBLIC)
    hidden = Survey.objects.create(
        title="Toinen", title_fi="Toinen", results_visibility=ResultsVisibility.COORDINATORS
    )
    body = _get(client, None, "/api/v1/surveys/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [r["id"] for r in rows] == [survey.pk]
    assert rows[0]["phase"] == "closed" and rows[0]["results_url"].endswith(
        f"/api/v1/surveys/{survey.pk}/results/"
    )
    body = _get(client, people["coordinator"], "/api/v1/surveys/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert {r["id"] for r in rows} == {survey.pk, hidden.pk}


# --- Disclosure control ---------------------------------------------------------------------------


def test_a_group_of_three_never_shows_also_not_by_subtraction(client, people, survey, te_office):
    """23 respondents: 20 from one TE office and 3 from another. Showing the total and the
    first office would give the second one's answers away, so both offices are hidden."""
    _close(survey, ResultsVisibility.PUBLIC)
    small = OrganisationFactory(
        name="Pieni TE-toimisto", type=OrganisationType.TE_OFFICE, region=te_office.region
    )
    _answer(survey, te_office, 20, value=4)
    _answer(survey, small, 3, value=1)
    data = results_for(survey)
    counts = {g["key"]: g["respondents"] for g in data["groups"]}
    assert counts["all"] == 23
    assert counts[f"organisation:{small.pk}"] is None
    assert counts[f"organisation:{te_office.pk}"] is None
    likert = next(e for e in data["questions"].values() if e["kind"] == "likert")
    assert likert["results"][f"organisation:{small.pk}"] is None
    assert likert["results"][f"organisation:{te_office.pk}"] is None

    page = _get(client, None, _url(survey, by="organisation")).content.decode()
    assert "Pieni TE-toimisto" in page  # listed, but every figure of it is "–"
    assert "hidden: fewer than 5 respondents" in page
    url = f"/api/v1/surveys/{survey.pk}/results/?dimension=type,region,organisation"
    api = _get(client, None, url).json()
    groups = {g["key"]: g["respondents"] for g in api["groups"]}
    assert groups[f"organisation:{small.pk}"] is None
    assert groups[f"organisation:{te_office.pk}"] is None
    for question in api["questions"]:
        for key in (f"organisation:{small.pk}", f"organisation:{te_office.pk}"):
            assert (question["results"] or {}).get(key) is None
            assert (question["texts"] or {}).get(key) is None
            for item in question["items"]:
                assert item["results"].get(key) is None


def test_the_api_breaks_results_down_by_the_dimensions_asked_for(client, survey, te_office):
    """By organisation type and region unless ``?dimension=`` says otherwise (a group per
    organisation is hundreds of groups in a national survey); the whole survey always."""
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 12, value=4, text="Työnohjausta")
    url = f"/api/v1/surveys/{survey.pk}/results/"

    def dimensions(body):
        keys = {g["key"] for g in body["groups"]}
        for question in body["questions"]:
            for per_group in (question["results"], question["texts"]):
                if isinstance(per_group, dict):
                    assert set(per_group) == keys
            for item in question["items"]:
                assert set(item["results"]) == keys
        return {g["dimension"] for g in body["groups"]}

    assert dimensions(_get(client, None, url).json()) == {"all", "type", "region"}
    wanted = _get(client, None, url + "?dimension=organisation").json()
    assert dimensions(wanted) == {"all", "organisation"}
    every = _get(client, None, url + "?dimension=organisation,type, region,type").json()
    assert dimensions(every) == {"all", "type", "region", "organisation"}


def test_a_closed_surveys_api_results_are_kept_and_renewed(client, survey, te_office):
    """The JSON of a closed survey's results is kept (the same bytes as written afresh), per
    query and language, and renewed when the number of responses changes (an import)."""
    import json

    from ..api.views import results_payload

    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 12, value=4, text="Työnohjausta")
    url = f"/api/v1/surveys/{survey.pk}/results/"
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="fi")
    assert first["Content-Type"] == "application/json"
    with translation.override("fi"):
        fresh = results_payload(survey, dimensions=("type", "region"))
    assert json.loads(first.content) == json.loads(json.dumps(fresh))
    with CaptureQueriesContext(connection) as kept:
        again = client.get(url, HTTP_ACCEPT_LANGUAGE="fi")
    assert again.content == first.content
    assert not any("surveys_section" in q["sql"] for q in kept)  # nothing presented again
    other = client.get(url + "?dimension=organisation", HTTP_ACCEPT_LANGUAGE="fi")
    assert {g["dimension"] for g in other.json()["groups"]} == {"all", "organisation"}
    swedish = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").json()
    assert swedish["groups"][0]["label"] != first.json()["groups"][0]["label"]
    _answer(survey, te_office, 5, value=1)
    assert client.get(url).json()["respondents"] == 17


@pytest.mark.parametrize("value", ["", "city", "type,", "type,city", "ALL", "\x00"])
def test_an_unknown_dimension_is_a_clear_400(client, survey, te_office, value):
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6)
    url = f"/api/v1/surveys/{survey.pk}/results/?dimension={value}"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fi")
    if value == "type,":
        assert response.status_code == 200  # an empty part is ignored
        return
    assert response.status_code == 400
    body = response.json()
    assert "type, region, organisation" in str(body)
    assert "Valitse" in str(body)  # in the caller's language


def test_fewer_than_five_respondents_show_nothing(client, survey, te_office):
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 3)
    data = results_for(survey)
    assert data["respondents"] is None
    assert all(v is None for e in data["questions"].values() for v in e.get("results", {}).values())


def test_the_protection_note_has_plural_forms(client, survey, te_office, monkeypatch):
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6)

    def page(language: str) -> str:
        cache.clear()
        with translation.override(language):
            return _get(client, None, _url(survey)).content.decode()

    english = page("en")
    assert "no group of fewer than 5 respondents is shown" in english
    assert "Open answers are listed only for groups of at least 10 answers, in a mixed" in english
    assert "Hidden figures are shown as “–”." in english
    finnish = page("fi")
    assert "alle 5 vastaajan ryhmiä ei näytetä" in finnish
    assert "joissa on vähintään 10 vastausta." in finnish
    monkeypatch.setattr(results, "MIN_GROUP", 1)
    monkeypatch.setattr(results, "MIN_TEXT_GROUP", 1)
    assert "no group of fewer than 1 respondent is shown" in page("en")
    assert "joissa on vähintään 1 vastaus." in page("fi")


def test_open_texts_need_ten_answers(client, survey, te_office):
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 9, text="Kaipaan työnohjausta")
    page = _get(client, None, _url(survey)).content.decode()
    assert "Kaipaan työnohjausta" not in page
    assert "Open answers are listed only for groups of at least 10 answers.</p>" in page
    api = _get(client, None, f"/api/v1/surveys/{survey.pk}/results/").json()
    text_question = next(q for q in api["questions"] if q["kind"] == "long_text")
    assert text_question["texts"]["all"] is None and text_question["themes"] is None

    _answer(survey, te_office, 1, text="Kaipaan työnohjausta")
    cache.clear()
    page = _get(client, None, _url(survey)).content.decode()
    assert page.count("Kaipaan työnohjausta") == 10


# --- Cost ---------------------------------------------------------------------------------------


def _queries(client, user, url) -> int:
    """The queries of a cold first view: no cache, no stored results."""
    cache.clear()
    StoredResults.objects.all().delete()
    client.force_login(user)
    session = client.session  # a session in use: no idle-expiry refresh written now
    session[SEEN_AT_SESSION_KEY] = time.time()
    session.save()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_makes_as_many_queries_for_many_responses(client, people, survey, te_office):
    _close(survey)
    other = OrganisationFactory(type=OrganisationType.KEHA_CENTRE)
    _answer(survey, te_office, 6, text="Lisää koulutusta")
    few = _queries(client, people["coordinator"], _url(survey, by="organisation"))
    _answer(survey, te_office, 20, text="Lisää koulutusta")
    _answer(survey, other, 12, text="Tiedonkulkua")
    many = _queries(client, people["coordinator"], _url(survey, by="organisation"))
    assert many == few


# --- Charts -------------------------------------------------------------------------------------


def test_charts_are_images_with_a_title():
    svg = charts.stacked_bars(
        [charts.Row("Kaikki", (0.1, 0.2, 0.3, 0.2, 0.2), 40)],
        points=5,
        point_labels=["1", "2", "3", "4", "5"],
        title="Jaksan hyvin: 40 vastausta",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title id=" in svg and "Jaksan hyvin: 40 vastausta</title>" in svg
    assert 'aria-labelledby="chart-title-' in svg
    assert 'role="img"' in charts.bars([charts.Row("A", (0.5,))], title="A <b>")
    assert "A &lt;b&gt;" in charts.bars([charts.Row("A", (0.5,))], title="A <b>")
    means = charts.means([("Kaikki", 3.2, 2.9, 3.5)], low=1, high=5, title="Keskiarvo")
    assert "<circle" in means and "<title" in means


def test_api_shape(client, people, survey, te_office):
    _close(survey, ResultsVisibility.STAFF)
    _answer(survey, te_office, 12, text="Työnohjausta")
    client.force_login(people["staff"])
    body = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()
    assert set(body) == {
        "survey", "live", "respondents", "audience", "response_rate", "groups", "questions"
    }  # fmt: skip
    assert body["respondents"] == 12 and body["live"] is False
    kinds = {q["kind"]: q for q in body["questions"]}
    assert kinds["likert"]["results"]["all"]["n"] == 12
    assert kinds["matrix"]["items"][0]["results"]["all"]["mean"] == 4.0
    assert kinds["single"]["results"]["all"]["n"] == 12
    assert kinds["long_text"]["texts"]["all"]["count"] == 12


def test_the_page_lists_a_bounded_number_of_open_answers_per_group():
    """A 20,000-respondent survey listed every one of 17,900 texts on the page (1.35 MB)."""
    from kaiku.surveys.results_views import TEXTS_SHOWN, _texts_block

    texts = [f"Vastaus {n}" for n in range(TEXTS_SHOWN + 12)]
    block = _texts_block({"all": {"count": len(texts), "texts": texts}}, ["all"], {})
    (listed,) = block["lists"]
    assert listed["texts"] == texts[:TEXTS_SHOWN]
    assert listed["more"] == 12 and listed["count"] == TEXTS_SHOWN + 12


def test_a_closed_surveys_results_markup_is_kept_for_those_who_do_not_manage(
    client, people, survey, te_office
):
    """Below the header, a closed survey's results page is the same for everyone who may see
    it and does not manage surveys: its markup is kept (per language and breakdown) and read
    with one query; a coordinator's page (edit link, "Analyse" form) is written for them."""
    from ..models import ResultsSummary

    _close(survey, ResultsVisibility.STAFF)
    _answer(survey, te_office, 12, text="Työnohjausta")
    ResultsSummary.objects.create(survey=survey, title_fi="Yhteenveto", published_at=None)
    edit = f"/surveys/{survey.pk}/build/"
    for language in ("fi", "sv", "en"):
        for query in ({}, {"by": "region"}):
            url = _url(survey, **query).replace("/en/", f"/{language}/")
            cache.clear()
            first = _main(_get(client, people["staff"], url))
            with CaptureQueriesContext(connection) as kept:
                again = _main(client.get(url))
            assert again == first, (language, query)
            assert not any("surveys_section" in q["sql"] for q in kept)
            assert sum("surveys_response" in q["sql"] for q in kept) == 1
            assert _main(_get(client, people["member"], url)) == first
            managed = _main(_get(client, people["coordinator"], url))
            assert edit in managed and "csrfmiddlewaretoken" in managed
            assert "Yhteenveto" in managed  # an unpublished summary, for coordinators only
            assert edit not in first and "csrfmiddlewaretoken" not in first
            assert "Yhteenveto" not in first
            assert _main(_get(client, people["staff"], url)) == first


def _main(response) -> str:
    """The page's main content (the header holds the person's own CSRF token)."""
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_the_kept_results_markup_is_renewed_when_the_survey_or_its_summary_changes(
    client, people, survey, te_office
):
    from ..models import ResultsSummary

    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6)
    assert "Yhteenveto" not in _get(client, None, _url(survey)).content.decode()
    summary = ResultsSummary.objects.create(survey=survey, title_fi="Yhteenveto")
    assert "Yhteenveto" not in _get(client, None, _url(survey)).content.decode()
    ResultsSummary.objects.filter(pk=summary.pk).update(published_at=timezone.now())
    assert "Yhteenveto" in _get(client, None, _url(survey)).content.decode()
    survey.title_fi = survey.title_en = "Uusi otsikko"
    survey.save()
    assert "Uusi otsikko" in _get(client, None, _url(survey)).content.decode()


def test_a_closed_surveys_kept_results_page_takes_one_query(client, survey, te_office):
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6)
    client.get(_url(survey))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(survey)).status_code == 200
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_closed_surveys_page_is_presented_once_until_its_results_change(
    client, people, survey, te_office, monkeypatch
):
    from kaiku.surveys import results_views

    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6)
    calls = []
    present = results_views.present
    monkeypatch.setattr(
        results_views, "present", lambda *a, **k: calls.append(k["by"]) or present(*a, **k)
    )
    first = _get(client, people["staff"], _url(survey)).content.decode()
    again = _get(client, people["member"], _url(survey)).content.decode()
    assert len(calls) == 1 and "Respondents" in first and "Respondents" in again
    _get(client, people["staff"], _url(survey, by="region"))
    _get(client, people["staff"], _url(survey).replace("/en/", "/fi/"))
    assert len(calls) == 3  # a breakdown and a language are presented apart
    _answer(survey, te_office, 2)  # an imported round adds responses to a closed survey
    page = _get(client, people["staff"], _url(survey)).content.decode()
    assert len(calls) == 4 and ">8<" in page.replace(" ", "")
