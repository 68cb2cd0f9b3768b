"""The coordinators' answer-data exports: who may download them, and that no combination of
background attributes describes fewer than 5 respondents."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kaiku.core.disclosure import MIN_GROUP, MIN_TEXT_GROUP
from kaiku.organisations.models import OrganisationType

from ..exports import BLANK, protect_attributes
from ..models import Answer, AnswerChoice, Question, QuestionKind, Response
from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ATTRIBUTES = 4  # round, organisation type, region, organisation


def _client(client, person):
    if person is not None:
        client.force_login(person)
    return client


def _fill(survey, spec, region=None):
    """``spec``: [(organisation type, organisation or None, count)]. Each response answers the
    Likert question (3), the single choice (first choice, "Other" text "=SUM(A1)") and the
    open question ("Vastaus")."""
    questions = list(Question.objects.filter(survey=survey).order_by("section__order", "order"))
    likert, single = questions[0], questions[1]
    text = next(q for q in questions if q.kind == QuestionKind.LONG_TEXT)
    choice = single.choices.order_by("order").first()
    for kind, organisation, count in spec:
        for _n in range(count):
            response = Response.objects.create(
                survey=survey,
                organisation_type=kind,
                region=region if organisation else None,
                organisation=organisation,
            )
            Answer.objects.create(response=response, question=likert, value=3)
            picked = Answer.objects.create(
                response=response, question=single, other_text="=SUM(A1)"
            )
            AnswerChoice.objects.create(answer=picked, choice=choice)
            Answer.objects.create(response=response, question=text, text="Vastaus")


def _csv_rows(client, survey):
    response = client.get(reverse("surveys:export_answers_csv", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("route", ["surveys:export_answers_csv", "surveys:export_answers_xlsx"])
@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("staff", 403), ("member", 403), ("coordinator", 200), ("admin", 200)],
)
def test_who_may_export(client, people, survey, route, who, status):
    response = _client(client, people[who]).get(reverse(route, args=[survey.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"] == "private, no-store"
        assert "attachment" in response["Content-Disposition"]


def test_export_has_a_column_per_question_and_no_times(client, people, survey, te_office):
    _fill(survey, [(OrganisationType.TE_OFFICE, te_office, 12)], region=te_office.region)
    header, *rows = _csv_rows(_client(client, people["coordinator"]), survey)
    assert header == [
        "Round", "Organisation type", "Region", "Organisation",
        "Jaksan hyvin työssäni.", "Työskentelen", "Työskentelen: other",
        "Tarvitsen: työnohjausta", "Tarvitsen: koulutusta", "Muuta?",
    ]  # fmt: skip
    assert len(rows) == 12
    assert rows[0][:5] == ["1", "TE office", "Pirkanmaa", "Pirkanmaan TE-toimisto", "3"]
    assert rows[0][5] == "Asiakaspalvelussa"
    # A text that a spreadsheet would take for a formula is not one.
    assert rows[0][6] == "'=SUM(A1)"
    assert rows[0][9] == "Vastaus"


def test_small_groups_are_blank_also_in_combination(client, people, survey, te_office, keha):
    other_office = OrganisationFactory(
        name="Hämeen TE-toimisto", type=OrganisationType.TE_OFFICE, region=te_office.region
    )
    _fill(
        survey,
        [
            (OrganisationType.TE_OFFICE, te_office, 9),
            (OrganisationType.TE_OFFICE, other_office, 3),  # too few on its own
            (OrganisationType.KEHA_CENTRE, keha, 2),  # too few, also as a type
            (OrganisationType.ELY_CENTRE, None, 6),
        ],
        region=te_office.region,
    )
    header, *rows = _csv_rows(_client(client, people["coordinator"]), survey)
    assert len(rows) == 20
    for column in (1, 2, 3):
        counts = Counter(row[column] for row in rows)
        assert all(n >= MIN_GROUP for n in counts.values()), (header[column], counts)
    combos = Counter(tuple(row[1:4]) for row in rows)
    assert all(n >= MIN_GROUP for n in combos.values()), combos
    assert "Hämeen TE-toimisto" not in {row[3] for row in rows}
    assert "KEHA centre" not in {row[1] for row in rows}
    # Open texts only in rows whose combination is 10 or more.
    for row in rows:
        assert (row[9] == "Vastaus") is (combos[tuple(row[1:4])] >= MIN_TEXT_GROUP)


def test_fewer_than_five_responses_export_the_header_only(client, people, survey, te_office):
    _fill(survey, [(OrganisationType.TE_OFFICE, te_office, 4)], region=te_office.region)
    header, *rows = _csv_rows(_client(client, people["admin"]), survey)
    assert header[0] == "Round" and rows == []


def test_xlsx_holds_the_same_table(client, people, survey, te_office):
    _fill(survey, [(OrganisationType.TE_OFFICE, te_office, 6)], region=te_office.region)
    client = _client(client, people["coordinator"])
    rows = _csv_rows(client, survey)
    response = client.get(reverse("surveys:export_answers_xlsx", args=[survey.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    values = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    width = len(rows[0])
    assert [(row + [""] * width)[:width] for row in values] == rows  # empty cells at the end
    assert sheet.title == "Answers"


combos = st.lists(
    st.tuples(
        st.sampled_from(["", "ely_centre", "te_office", "keha_centre"]),
        st.one_of(st.none(), st.integers(1, 4)),
        st.one_of(st.none(), st.integers(1, 12)),
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(combos)
def test_every_shown_combination_is_0_or_at_least_5(rows):
    shown = protect_attributes(rows)
    assert len(shown) == len(rows)
    if len(rows) < MIN_GROUP:  # exported as the header only
        assert set(shown) <= {BLANK}
        return
    counts = Counter(shown)
    assert all(n >= MIN_GROUP for n in counts.values()), counts
    # What is shown is what the row had (blanked, never changed).
    for original, visible in zip(rows, shown, strict=True):
        assert all(v is None or v == (o or None) for o, v in zip(original, visible, strict=True))
    # Each attribute on its own too (a consequence, checked anyway).
    for dimension in range(3):
        single = Counter(row[dimension] for row in shown)
        assert all(n >= MIN_GROUP for n in single.values())
