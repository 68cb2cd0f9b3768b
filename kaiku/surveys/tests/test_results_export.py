"""The aggregated results export (CSV and XLSX): who may download it, that it shows what the
results page shows and nothing the disclosure control hides, no open answers, and a bounded
number of queries."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kaiku.core.disclosure import MIN_GROUP
from kaiku.organisations.models import OrganisationType

from .. import services
from ..models import Answer, Choice, Question, QuestionKind, Response, ResultsVisibility, Survey
from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ROUTES = ("surveys:export_results_csv", "surveys:export_results_xlsx")
# Columns of the tidy table.
NO, QUESTION, ITEM, BREAKDOWN, GROUP, MEASURE, OPTION, VALUE, NOTE = range(9)


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


def _answer(survey, organisation, count: int, *, value: int = 4, text: str = "") -> None:
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
                Answer.objects.create(response=response, question=q, value=value)
            elif q.kind == QuestionKind.MATRIX:
                for item in q.items.all():
                    Answer.objects.create(response=response, question=q, item=item, value=value)
            elif q.kind == QuestionKind.SINGLE:
                answer = Answer.objects.create(response=response, question=q)
                answer.choices.add(q.choices.all()[i % 2])
            elif q.kind == QuestionKind.LONG_TEXT and text:
                Answer.objects.create(response=response, question=q, text=f"{text} {i}")


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _rows(client, user, survey) -> list[list[str]]:
    response = _get(client, user, reverse("surveys:export_results_csv", args=[survey.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- Who may download -----------------------------------------------------------------------------

EXPECTED = {
    # visibility: anonymous, staff outside the audience, audience member, coordinator, admin
    ResultsVisibility.PUBLIC: (200, 200, 200, 200, 200),
    ResultsVisibility.STAFF: (302, 200, 200, 200, 200),
    ResultsVisibility.COORDINATORS: (302, 404, 403, 200, 200),
}
VIEWERS = ("anonymous", "staff", "member", "coordinator", "admin")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("visibility", list(EXPECTED))
def test_who_may_download(client, people, survey, te_office, route, visibility):
    _close(survey, visibility)
    _answer(survey, te_office, 6)
    url = reverse(route, args=[survey.pk])
    for who, expected in zip(VIEWERS, EXPECTED[visibility], strict=True):
        response = _get(client, people[who], url)
        assert response.status_code == expected, (visibility, who)
        if expected == 302:
            assert "login" in response["Location"]
        if expected == 200:
            assert "attachment" in response["Content-Disposition"]
            assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("route", ROUTES)
def test_an_open_survey_exports_for_coordinators_only(client, people, survey, te_office, route):
    Survey.objects.filter(pk=survey.pk).update(results_visibility=ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6)
    url = reverse(route, args=[survey.pk])
    assert _get(client, people["member"], url).status_code == 403
    assert _get(client, people["staff"], url).status_code == 404  # outside the audience
    assert _get(client, people["coordinator"], url).status_code == 200


def test_the_results_page_links_to_the_exports(client, people, survey, te_office):
    _close(survey)
    _answer(survey, te_office, 6)
    page = _get(client, people["staff"], reverse("surveys:results", args=[survey.pk]))
    for route in ROUTES:
        assert reverse(route, args=[survey.pk]) in page.content.decode()


# --- What is in it ------------------------------------------------------------------------------


def test_the_tidy_table_has_the_pages_figures(client, people, survey, te_office):
    survey.title_fi = "Muutostuen tarpeet 2024"
    survey.save(update_fields=["title_fi"])
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 8, value=4, text="Kaipaan työnohjausta")
    response = _get(client, None, reverse("surveys:export_results_csv", args=[survey.pk]))
    assert (
        'filename="muutostuen-tarpeet-2024-round-1-results.csv"'
        in (response["Content-Disposition"])
    )
    header, *rows = _rows(client, None, survey)
    assert header == [
        "No.", "Question", "Item", "Breakdown", "Group", "Measure", "Option", "Value", "Note"
    ]  # fmt: skip
    cell = {(r[QUESTION], r[ITEM], r[GROUP], r[MEASURE], r[OPTION]): r[VALUE] for r in rows}
    assert cell[("Respondents", "", "All respondents", "Respondents", "")] == "8"
    assert cell[("Respondents", "", "Pirkanmaan TE-toimisto", "Respondents", "")] == "8"
    assert cell[("Respondents", "", "TE office", "Respondents", "")] == "8"
    likert = "Jaksan hyvin työssäni."
    assert cell[(likert, "", "All respondents", "Answers", "")] == "8"
    assert cell[(likert, "", "All respondents", "Count", "4 Somewhat agree")] == "8"
    assert cell[(likert, "", "All respondents", "Share", "4 Somewhat agree")] == "1.0"
    assert cell[(likert, "", "All respondents", "Share", "1 Strongly disagree")] == "0.0"
    assert cell[(likert, "", "All respondents", "Mean", "")] == "4.0"
    assert cell[(likert, "", "All respondents", "Net share", "")] == "1.0"
    assert cell[("Tarvitsen", "työnohjausta", "Pirkanmaa", "Mean", "")] == "4.0"
    assert cell[("Työskentelen", "", "All respondents", "Count", "Asiakaspalvelussa")] == "4"
    assert cell[("Työskentelen", "", "All respondents", "Share", "Other")] == "0.0"
    # Every breakdown is there.
    assert {r[BREAKDOWN] for r in rows} == {"", "Organisation type", "Region", "Organisation"}
    # Open answers and "Other" texts are not exported.
    content = "\n".join(",".join(r) for r in rows)
    assert "Kaipaan työnohjausta" not in content and "Muuta?" not in content


def test_a_small_group_never_appears_also_not_by_subtraction(client, people, survey, te_office):
    """20 respondents of a TE office and 4 of the KEHA centre: the KEHA centre (a type and an
    organisation of 4) is hidden, and so is the TE office type, which the total minus it
    would give away; the totals are shown."""
    _close(survey, ResultsVisibility.PUBLIC)
    keha = OrganisationFactory(name="KEHA-keskus", type=OrganisationType.KEHA_CENTRE)
    _answer(survey, te_office, 20, value=4)
    _answer(survey, keha, 4, value=1)
    _header, *rows = _rows(client, None, survey)
    shown = {}
    for row in rows:
        if row[MEASURE] in ("Respondents", "Answers") and row[VALUE]:
            n = int(row[VALUE])
            assert n == 0 or n >= MIN_GROUP, row
            shown.setdefault((row[QUESTION], row[ITEM]), {})[row[GROUP]] = n
    for (question, item), counts in shown.items():
        total = counts["All respondents"]
        assert total == 24, (question, item)
        for group, n in counts.items():
            assert total - n == 0 or total - n >= MIN_GROUP, (question, item, group)
    for group in ("KEHA-keskus", "KEHA centre", "TE office", "Pirkanmaan TE-toimisto"):
        group_rows = [r for r in rows if r[GROUP] == group]
        assert group_rows, group
        assert all(r[VALUE] == "" for r in group_rows), group
        assert all("hidden: fewer than 5" in r[NOTE] for r in group_rows), group
    # The KEHA centre's ones never show: every shown distribution is the TE office's 4s.
    assert not any(
        r[MEASURE] == "Count" and r[OPTION].startswith("1 ") and r[VALUE] not in ("", "0")
        and r[GROUP] != "All respondents"
        for r in rows
    )  # fmt: skip


def test_formula_cells_are_escaped(client, people, survey, te_office):
    _close(survey, ResultsVisibility.PUBLIC)
    Choice.objects.filter(question__survey=survey, order=0).update(
        text="=HYPERLINK(A1)", text_fi="=HYPERLINK(A1)"
    )
    _answer(survey, te_office, 6)
    _header, *rows = _rows(client, None, survey)
    options = {r[OPTION] for r in rows}
    assert "'=HYPERLINK(A1)" in options and "=HYPERLINK(A1)" not in options


def test_trend_against_the_previous_round(client, people, survey, te_office):
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6, value=2)
    second = services.survey_duplicate(survey=survey, actor=people["coordinator"])
    now = timezone.now()
    Survey.objects.filter(pk=second.pk).update(
        published_at=now - datetime.timedelta(days=3),
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now - datetime.timedelta(hours=1),
        results_visibility=ResultsVisibility.PUBLIC,
    )
    second.refresh_from_db()
    _answer(second, te_office, 7, value=4)
    _header, *rows = _rows(client, None, second)
    cell = {(r[QUESTION], r[MEASURE], r[OPTION]): r[VALUE] for r in rows}
    assert cell[("Jaksan hyvin työssäni.", "Mean in round 1", "")] == "2.0"
    assert cell[("Jaksan hyvin työssäni.", "Change of the mean", "")] == "2.0"
    change = ("Jaksan hyvin työssäni.", "Change of the share (percentage points)")
    assert cell[(*change, "2 Somewhat disagree")] == "-100.0"
    assert cell[(*change, "4 Somewhat agree")] == "100.0"


def test_the_workbook_has_a_summary_and_the_tidy_table(client, people, survey, te_office):
    _close(survey, ResultsVisibility.PUBLIC)
    _answer(survey, te_office, 6, text="Kaipaan työnohjausta")
    rows = _rows(client, None, survey)
    response = _get(client, None, reverse("surveys:export_results_xlsx", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-round-1-results.xlsx"')
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Summary", "Results"]
    values = [
        ["" if v is None else str(v) for v in row]
        for row in book["Results"].iter_rows(values_only=True)
    ]
    width = len(rows[0])
    assert [_numbers((row + [""] * width)[:width]) for row in values] == [
        _numbers(row) for row in rows
    ]
    summary = [
        [v for v in row if v is not None] for row in book["Summary"].iter_rows(values_only=True)
    ]
    flat = [str(v) for row in summary for v in row]
    assert "Jaksan hyvin työssäni." in flat and "Respondents" in flat
    assert not any("Kaipaan työnohjausta" in v for v in flat)
    assert ["Group", "Answers", "1", "2", "3", "4", "5", "Mean", "Interval (95%)", "Net share"] in (
        summary
    )


def _numbers(row: list[str]) -> list:
    """Numbers as floats (a whole number is 6 in the workbook, 6.0 in the CSV)."""
    out = []
    for value in row:
        try:
            out.append(float(value))
        except ValueError:
            out.append(value)
    return out


# --- Cost ---------------------------------------------------------------------------------------


def _queries(client, user, url) -> int:
    cache.clear()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("route", ROUTES)
def test_as_many_queries_for_many_responses(client, people, survey, te_office, route):
    """The first computation also stores the closed survey's results (an INSERT; later ones
    UPDATE it), so the counts compared are of the second and third computation."""
    _close(survey)
    other = OrganisationFactory(type=OrganisationType.KEHA_CENTRE)
    url = reverse(route, args=[survey.pk])
    _answer(survey, te_office, 6, text="Lisää koulutusta")
    _queries(client, people["staff"], url)
    _answer(survey, te_office, 6, text="Lisää koulutusta")
    few = _queries(client, people["staff"], url)
    _answer(survey, te_office, 20, text="Lisää koulutusta")
    _answer(survey, other, 12, text="Tiedonkulkua")
    many = _queries(client, people["staff"], url)
    assert many == few
    assert many < 40
