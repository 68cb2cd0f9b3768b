"""The published summary of a closed survey's results: who writes, publishes and reads it, its
charts, the audit log, and its announcement in the news (written by kaiku.site through
``surveys.announcements``)."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from kaiku.accounts.models import PlatformRole
from kaiku.core.models import AuditEvent
from kaiku.news.models import NewsItem

from .. import summaries
from ..models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    ResultsSummary,
    ResultsVisibility,
    Survey,
)
from .factories import RoleAssignmentFactory

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


def _answer(survey, organisation, count: int) -> None:
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
                Answer.objects.create(response=response, question=q, value=4)
            elif q.kind == QuestionKind.MATRIX:
                for item in q.items.all():
                    Answer.objects.create(response=response, question=q, item=item, value=2)
            elif q.kind == QuestionKind.SINGLE:
                answer = Answer.objects.create(response=response, question=q)
                answer.choices.add(q.choices.all()[i % 2])
            elif q.kind == QuestionKind.LONG_TEXT:
                Answer.objects.create(response=response, question=q, text=f"Avoin vastaus {i}")


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _post(client, user, url, data):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.post(url, data)


def _question(survey, kind):
    return Question.objects.get(survey=survey, kind=kind)


def _summary(survey, *, published=True, **extra) -> ResultsSummary:
    summary = ResultsSummary.objects.create(
        survey=survey,
        title_fi="Alustavat tulokset",
        body_fi="Jaksaminen on **koetuksella**.\n\nToinen kappale.",
        published_at=timezone.now() if published else None,
        **extra,
    )
    summary.questions.set([_question(survey, QuestionKind.LIKERT)])
    return summary


@pytest.fixture
def closed(survey, te_office):
    _close(survey)
    _answer(survey, te_office, 12)
    return survey


# --- Writing and publishing ---------------------------------------------------------------------


def test_a_coordinator_writes_publishes_and_unpublishes_a_summary(client, people, closed):
    edit = reverse("surveys:summary_edit", args=[closed.pk])
    page = reverse("surveys:summary", args=[closed.pk])
    form = _get(client, people["coordinator"], edit)
    assert form.status_code == 200
    body = form.content.decode()
    # Only questions with charts are offered (the open question is not).
    assert "Jaksan hyvin työssäni." in body and "Muuta?" not in body
    likert = _question(closed, QuestionKind.LIKERT)
    matrix = _question(closed, QuestionKind.MATRIX)
    text = _question(closed, QuestionKind.LONG_TEXT)
    data = {
        "title": "Alustavat tulokset",
        "body": "Jaksaminen on **koetuksella**. <script>alert(1)</script>",
        "questions": [likert.pk, matrix.pk],
        "action": "save",
    }
    response = _post(client, people["coordinator"], edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    summary = ResultsSummary.objects.get(survey=closed)
    assert summary.published_at is None
    assert "<strong>koetuksella</strong>" in summary.body_html_fi
    assert "<script" not in summary.body_html_fi
    assert set(summary.questions.all()) == {likert, matrix}
    # Not published: a 404 for the staff, a preview for the coordinator.
    assert _get(client, people["staff"], page).status_code == 404
    preview = _get(client, people["coordinator"], page)
    assert preview.status_code == 200 and "Not published" in preview.content.decode()

    # An open question cannot be smuggled in.
    response = _post(
        client, people["coordinator"], edit, {**data, "questions": [likert.pk, text.pk]}
    )
    assert response.status_code == 200 and not response.context["form"].is_valid()

    response = _post(client, people["coordinator"], edit, {**data, "action": "publish"})
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.published_at is not None
    event = AuditEvent.objects.get(action=summaries.PUBLISHED)
    assert event.actor == people["coordinator"] and event.target_id == str(summary.pk)

    shown = _get(client, people["staff"], page)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "Alustavat tulokset" in html and "<strong>koetuksella</strong>" in html
    assert "<script>alert" not in html
    # The chosen questions' charts and tables, as on the results page; not the others.
    assert html.count("<svg") >= 2 and "Jaksan hyvin työssäni." in html
    assert "työnohjausta" in html and "Työskentelen" not in html
    assert "Avoin vastaus" not in html

    response = _post(
        client, people["coordinator"], reverse("surveys:summary_unpublish", args=[closed.pk]), {}
    )
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.published_at is None
    assert AuditEvent.objects.filter(action=summaries.UNPUBLISHED).count() == 1
    assert _get(client, people["staff"], page).status_code == 404


def test_a_summary_is_published_only_once_the_survey_has_closed(client, people, survey):
    edit = reverse("surveys:summary_edit", args=[survey.pk])
    data = {"title": "Liian aikaisin", "body": "Teksti.", "action": "publish"}
    response = _post(client, people["coordinator"], edit, data)
    assert response.status_code == 200
    assert "once the survey has closed" in response.content.decode()
    assert not ResultsSummary.objects.filter(published_at__isnull=False).exists()


@pytest.mark.parametrize("who", ["anonymous", "staff", "member"])
def test_only_coordinators_write_summaries(client, people, closed, who):
    summary = _summary(closed)
    edit = _get(client, people[who], reverse("surveys:summary_edit", args=[closed.pk]))
    assert edit.status_code == (302 if who == "anonymous" else 403)
    unpublish = reverse("surveys:summary_unpublish", args=[closed.pk])
    response = _post(client, people[who], unpublish, {})
    assert response.status_code == (302 if who == "anonymous" else 403)
    summary.refresh_from_db()
    assert summary.published_at is not None


# --- Reading ------------------------------------------------------------------------------------

EXPECTED = {
    # visibility: anonymous, staff outside the audience, audience member, coordinator, admin
    ResultsVisibility.PUBLIC: (200, 200, 200, 200, 200),
    ResultsVisibility.STAFF: (302, 200, 200, 200, 200),
    ResultsVisibility.COORDINATORS: (302, 404, 403, 200, 200),
}
VIEWERS = ("anonymous", "staff", "member", "coordinator", "admin")


@pytest.mark.parametrize("visibility", list(EXPECTED))
def test_who_reads_a_published_summary(client, people, closed, visibility):
    _close(closed, visibility)
    _summary(closed)
    url = reverse("surveys:summary", args=[closed.pk])
    for who, expected in zip(VIEWERS, EXPECTED[visibility], strict=True):
        response = _get(client, people[who], url)
        assert response.status_code == expected, (visibility, who)
        if expected == 302:
            assert "login" in response["Location"]


def test_the_protection_note_has_plural_forms(client, people, closed, monkeypatch):
    _summary(closed)

    def page(language: str) -> str:
        cache.clear()
        with translation.override(language):
            url = reverse("surveys:summary", args=[closed.pk])
            return _get(client, people["staff"], url).content.decode()

    assert "no group of fewer than 5 respondents is shown" in page("en")
    monkeypatch.setattr("kaiku.surveys.results.MIN_GROUP", 1)
    assert "no group of fewer than 1 respondent is shown" in page("en")
    assert "alle 1 vastaajan ryhmiä ei näytetä" in page("fi")


def test_no_summary_is_a_404(client, people, closed):
    url = reverse("surveys:summary", args=[closed.pk])
    assert _get(client, people["staff"], url).status_code == 404
    assert _get(client, people["coordinator"], url).status_code == 404
    assert _get(client, people["staff"], "/en/surveys/999999999999/summary/").status_code == 404


def test_the_survey_and_results_pages_link_to_the_summary(client, people, closed):
    url = reverse("surveys:summary", args=[closed.pk])
    results = _get(client, people["coordinator"], reverse("surveys:results", args=[closed.pk]))
    # Before there is one, coordinators are offered to write it.
    assert reverse("surveys:summary_edit", args=[closed.pk]) in results.content.decode()
    _summary(closed)
    for who, route in (("member", "surveys:detail"), ("staff", "surveys:results")):
        page = _get(client, people[who], reverse(route, args=[closed.pk]))
        assert page.status_code == 200
        assert url in page.content.decode(), (who, route)


def test_the_summary_page_makes_as_many_queries_for_more_charts(
    client, people, closed, django_assert_max_num_queries
):
    summary = _summary(closed)
    client.force_login(people["staff"])
    url = reverse("surveys:summary", args=[closed.pk])
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(30) as one_chart:
        assert client.get(url).status_code == 200
    summary.questions.set(summaries.chart_questions(closed))
    with django_assert_max_num_queries(len(one_chart)):
        assert client.get(url).status_code == 200


# --- In the news --------------------------------------------------------------------------------


def test_a_coordinator_without_news_rights_leaves_a_draft_for_communications(
    client, people, closed
):
    edit = reverse("surveys:summary_edit", args=[closed.pk])
    data = {
        "title": "Alustavat tulokset",
        "body": "Jaksaminen on koetuksella.\n\nToinen kappale.",
        "action": "publish",
        "announce": "on",
    }
    response = _post(client, people["coordinator"], edit, data)
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.published_at is None  # a draft: news are published by communications
    assert item.title_fi == "Alustavat tulokset"
    assert item.summary_fi == "Jaksaminen on koetuksella."
    assert f"(/fi/surveys/{closed.pk}/summary/)" in item.body_fi
    assert f'href="/fi/surveys/{closed.pk}/summary/"' in item.body_html_fi
    assert item.visibility == "staff"
    summary = ResultsSummary.objects.get(survey=closed)
    assert summary.published_at is not None and summary.announced_at is not None
    # Announced once: publishing again with the box ticked writes no second item.
    summaries.summary_publish(summary=summary, actor=people["coordinator"], announce=True)
    assert NewsItem.objects.count() == 1
    assert "announce" not in _get(client, people["coordinator"], edit).context["form"].fields


def test_a_coordinator_who_publishes_news_announces_at_once(client, people, closed):
    _close(closed, ResultsVisibility.PUBLIC)
    RoleAssignmentFactory(user=people["coordinator"], role=PlatformRole.COMMUNICATIONS)
    summary = _summary(closed, published=False, title_sv="Preliminära resultat")
    announced = summaries.summary_publish(
        summary=summary, actor=people["coordinator"], announce=True
    )
    item = NewsItem.objects.get()
    assert announced.published and announced.url == item.get_absolute_url()
    assert item.is_published and item.visibility == "public"
    assert item.title_sv == "Preliminära resultat"
    assert f"(/sv/surveys/{closed.pk}/summary/)" in item.body_sv
    page = _get(client, None, item.get_absolute_url())
    assert page.status_code == 200
    assert f"/surveys/{closed.pk}/summary/" in page.content.decode()


def test_results_for_coordinators_only_are_not_announced(client, people, closed):
    _close(closed, ResultsVisibility.COORDINATORS)
    summary = _summary(closed, published=False)
    with pytest.raises(ValidationError):
        summaries.summary_publish(summary=summary, actor=people["admin"], announce=True)
    assert not NewsItem.objects.exists()
    form = _get(client, people["coordinator"], reverse("surveys:summary_edit", args=[closed.pk]))
    assert "announce" not in form.context["form"].fields


# --- Demo ---------------------------------------------------------------------------------------


def test_the_demo_publishes_the_first_rounds_summary_and_announces_it(client, people):
    from kaiku.organisations.models import OrganisationType
    from kaiku.site.demo import SLUG, load_demo_survey_news

    from ..demo import SUMMARY_TITLE_FI, load_demo_surveys
    from .factories import OrganisationFactory

    for kind in (
        OrganisationType.TE_OFFICE,
        OrganisationType.ELY_CENTRE,
        OrganisationType.KEHA_CENTRE,
        OrganisationType.MUNICIPAL_PILOT,
    ):
        OrganisationFactory(type=kind)
    first = load_demo_surveys()["first"]
    item = load_demo_survey_news()
    summary = ResultsSummary.objects.get(survey=first)
    assert summary.title_fi == SUMMARY_TITLE_FI and summary.published_at is not None
    assert summary.announced_at == summary.published_at
    assert summary.questions.count() == 3
    assert item.slug == SLUG and item.is_published
    assert f"(/fi/surveys/{first.pk}/summary/)" in item.body_fi
    page = _get(client, people["staff"], reverse("surveys:summary", args=[first.pk]))
    assert page.status_code == 200 and "Työnohjaus" in page.content.decode()
    # Loading again changes nothing.
    load_demo_surveys()
    load_demo_survey_news()
    assert ResultsSummary.objects.count() == 1 and NewsItem.objects.filter(slug=SLUG).count() == 1
