"""Importing earlier rounds: scale answers exported as their labels, and matrices (scale
columns side by side that share a question), in files like Webropol's and Microsoft Forms'."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from .. import importing, scale_labels
from ..importing import ImportFileError, Kind
from ..models import Answer, MatrixItem, Question, QuestionKind, Survey

pytestmark = pytest.mark.django_db

FI5 = [
    "Täysin eri mieltä",
    "Jokseenkin eri mieltä",
    "Ei samaa eikä eri mieltä",
    "Jokseenkin samaa mieltä",
    "Täysin samaa mieltä",
]
FI7 = [
    "Täysin eri mieltä",
    "Eri mieltä",
    "Jokseenkin eri mieltä",
    "Ei samaa eikä eri mieltä",
    "Jokseenkin samaa mieltä",
    "Samaa mieltä",
    "Täysin samaa mieltä",
]
SV5 = [
    "Helt av annan åsikt",
    "Delvis av annan åsikt",
    "Varken av samma eller annan åsikt",
    "Delvis av samma åsikt",
    "Helt av samma åsikt",
]
EN5 = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
MATRIX = "Arvioi seuraavia väittämiä"
ITEMS = [
    "Saan riittävästi tietoa muutoksesta",
    "Esihenkilöni tukee minua muutoksessa",
    "Tiedän, mihin organisaatioon siirryn",
]


def _plan(data: bytes, filename="webropol.csv", previous=None, **options):
    table = importing.read_table(data, filename)
    return importing.infer_plan(
        table, vocabulary=importing.load_vocabulary(), previous=previous, **options
    )


def _webropol_rows(count=30, seed=7):
    """A Webropol-like export: a respondent number, the organisation type, a matrix of
    three statements, a 7-point label question, Swedish and English labels, numbered
    labels, yes/no and an open answer. Labels with Webropol's stray spaces and case."""
    rng = random.Random(seed)
    header = [
        "Vastaajan numero",
        "Organisaatio",
        *[f"{MATRIX}: {item}" for item in ITEMS],
        "Kuinka hyvin jaksat työssäsi?",
        "Jag trivs på jobbet",
        "I know whom to ask",
        "Muutoksen hallinta",
        "Osallistuitko infoon?",
        "Muuta kommentoitavaa",
    ]
    rows = []
    for n in range(1, count + 1):
        point = rng.randint(1, 5)
        numbered = rng.randint(1, 5)
        rows.append(
            [
                str(n),
                rng.choice(["ELY-keskus", "TE-toimisto", "KEHA-keskus"]),
                FI5[point - 1],
                f" {FI5[rng.randint(0, 4)].upper()} ",
                FI5[rng.randint(0, 4)].lower(),
                FI7[rng.randint(0, 6)],
                SV5[rng.randint(0, 4)],
                EN5[rng.randint(0, 4)],
                {1: "1 = Täysin eri mieltä", 5: "5 = Täysin samaa mieltä"}.get(
                    numbered, str(numbered)
                ),
                rng.choice(["Kyllä", "Ei"]),
                "" if n % 3 else f"Kommentti {n}",
            ]
        )
    # Every label at least once, so the files' scales are complete.
    for index, labels in ((2, FI5), (5, FI7), (6, SV5), (7, EN5)):
        for n, label in enumerate(labels):
            rows[n][index] = label
    return header, rows


def _csv(header, rows, delimiter=";") -> bytes:
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def _xlsx(header, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "points", "expected"),
    [
        (FI5, 5, [1, 2, 3, 4, 5]),
        (FI7, 7, [1, 2, 3, 4, 5, 6, 7]),
        (SV5, 5, [1, 2, 3, 4, 5]),
        (EN5, 5, [1, 2, 3, 4, 5]),
        (["täysin SAMAA  mieltä.", "Jokseenkin eri mieltä"], 5, [5, 2]),
        # "Eri mieltä" and "Jokseenkin eri mieltä" together: only the 7-point scale has both.
        (["Täysin eri mieltä", "Eri mieltä", "Jokseenkin eri mieltä"], 7, [1, 2, 3]),
        (["1 = Täysin eri mieltä", "3", "5 = Täysin samaa mieltä"], 5, [1, 3, 5]),
        (["1 = Ei lainkaan", "4", "7 = Erittäin paljon"], 7, [1, 4, 7]),
        (["2 Eri mieltä", "6 Samaa mieltä"], 7, [2, 6]),
    ],
)
def test_label_scales(values, points, expected):
    found = scale_labels.match(values)
    assert found is not None and found.points == points
    assert [found.values[scale_labels.key(v)] for v in values] == expected


@pytest.mark.parametrize(
    "values",
    [
        ["Kyllä", "Ei"],
        ["1", "2", "3"],  # bare numbers are numbers
        ["1 kerta", "2 kertaa"],  # answers that start with a number
        ["Täysin samaa mieltä", "En osaa sanoa"],  # one value off the scale
        ["1 = Täysin eri mieltä", "1 = Täysin samaa mieltä"],  # one number, two labels
    ],
)
def test_values_that_are_not_a_label_scale(values):
    assert scale_labels.match(values) is None


def test_every_label_is_on_one_point_of_its_scale():
    for points, scale in scale_labels.AGREEMENT_SCALES.items():
        assert len(scale) == points
        seen: dict[str, int] = {}
        for point, by_language in enumerate(scale, start=1):
            assert set(by_language) == set(scale_labels.LANGUAGES)
            for labels in by_language.values():
                for label in labels:
                    assert seen.setdefault(scale_labels.key(label), point) == point, label


@pytest.mark.parametrize("make", [_csv, _xlsx])
def test_webropol_label_columns_are_scales_and_the_matrix_one_question(make):
    header, rows = _webropol_rows()
    plan = _plan(make(header, rows), "webropol.xlsx" if make is _xlsx else "webropol.csv")
    kinds = {c.header: c.kind for c in plan.columns if not c.identifying}
    assert kinds["Kuinka hyvin jaksat työssäsi?"] == Kind.LIKERT7
    assert kinds["Jag trivs på jobbet"] == Kind.LIKERT5
    assert kinds["I know whom to ask"] == Kind.LIKERT5
    assert kinds["Muutoksen hallinta"] == Kind.LIKERT5
    assert kinds["Osallistuitko infoon?"] == Kind.SINGLE
    [matrix] = plan.matrices.values()
    assert matrix.text == MATRIX and matrix.kind == Kind.LIKERT5
    assert [plan.columns[i].item for i in matrix.columns] == ITEMS
    groups = plan.question_groups()
    assert [len(g) for g in groups] == [3, 1, 1, 1, 1, 1, 1]


def test_import_stores_the_points_the_labels_and_the_matrix():
    header, rows = _webropol_rows()
    plan = _plan(_csv(header, rows))
    result = importing.import_round(plan, title="Muutoskysely 2023")
    survey = result.survey
    questions = list(Question.objects.filter(survey=survey).order_by("order"))
    assert [q.kind for q in questions[:5]] == [QuestionKind.MATRIX] + [QuestionKind.LIKERT] * 4
    matrix = questions[0]
    assert matrix.text_fi == MATRIX and matrix.scale_points == 5
    assert list(matrix.items.values_list("text_fi", flat=True)) == ITEMS
    assert (matrix.scale_low_label_fi, matrix.scale_high_label_fi) == (FI5[0], FI5[-1])
    assert (matrix.scale_low_label_sv, matrix.scale_high_label_en) == (SV5[0], "Strongly agree")
    # Every cell: the file's label → its point, per item.
    first_item = matrix.items.get(order=0)
    values = sorted(Answer.objects.filter(item=first_item).values_list("value", flat=True))
    assert values == sorted(FI5.index(row[2]) + 1 for row in rows)
    upper = matrix.items.get(order=1)
    assert sorted(Answer.objects.filter(item=upper).values_list("value", flat=True)) == sorted(
        FI5.index(" ".join(row[3].split()).capitalize()) + 1 for row in rows
    )
    assert Answer.objects.filter(question=matrix).count() == 3 * len(rows)
    seven = questions[1]
    assert seven.scale_points == 7
    assert sorted(Answer.objects.filter(question=seven).values_list("value", flat=True)) == sorted(
        FI7.index(row[5]) + 1 for row in rows
    )
    swedish = questions[2]
    assert swedish.scale_low_label_sv == "Helt av annan åsikt"
    assert swedish.scale_low_label_fi == "Täysin eri mieltä"  # the usual Finnish label
    english = questions[3]
    assert english.scale_high_label_en == "Strongly agree"
    numbered = questions[4]
    assert (numbered.scale_low_label_fi, numbered.scale_high_label_fi) == (FI5[0], FI5[-1])
    assert sorted(Answer.objects.filter(question=numbered).values_list("value", flat=True)) == (
        sorted(int(row[8][0]) for row in rows)
    )


def test_a_label_off_the_scale_is_refused_with_row_and_column():
    header, rows = _webropol_rows(count=12)
    plan = _plan(_csv(header, rows))
    assert plan.columns[5].kind == Kind.LIKERT7
    plan.table.rows[10][5] = "En osaa sanoa"
    with pytest.raises(ImportFileError) as caught:
        importing.import_round(plan, title="Kysely")
    assert caught.value.messages == [
        "Row 12, column “Kuinka hyvin jaksat työssäsi?”: “En osaa sanoa” is not on the scale 1–7."
    ]
    assert not Survey.objects.exists()


def test_five_point_labels_chosen_as_seven_points_keep_their_meaning():
    data = ("Jaksan hyvin\n" + "\n".join(FI5 * 2) + "\n").encode()
    plan = _plan(data, overrides={0: Kind.LIKERT7})
    assert plan.columns[0].kind == Kind.LIKERT7
    question = Question.objects.get(survey=importing.import_round(plan, title="K").survey)
    values = Answer.objects.filter(question=question).values_list("value", flat=True)
    assert sorted(set(values)) == [1, 3, 4, 5, 7]


# --- Matrices -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "names",
    [
        [f"{MATRIX}: {item}" for item in ITEMS],  # Webropol
        [f"{MATRIX} - {item}" for item in ITEMS],
        [f"{MATRIX} [{item}]" for item in ITEMS],  # Google Forms and others
        [f"{MATRIX}.{item}" for item in ITEMS],  # Microsoft Forms
    ],
)
def test_matrix_separators(names):
    header = ["Jaksan hyvin", *names, "Toinen: kysymys"]
    rows = [[str(n % 5 + 1)] + [str((n + i) % 5 + 1) for i in range(3)] + ["5"] for n in range(8)]
    plan = _plan(_csv(header, rows))
    assert list(plan.matrices) == [1]
    assert plan.matrices[1].text == MATRIX
    assert [c.item for c in plan.columns[1:4]] == ITEMS
    assert plan.columns[0].matrix_start is None and plan.columns[4].matrix_start is None


def test_the_longest_run_of_a_shared_question_makes_the_matrix():
    header = [
        "Arvioi: Johtaminen: selkeää",
        "Arvioi: Johtaminen: läsnä",
        "Arvioi: Viestintä: ajoissa",
        "Taustakysymys: jotain",  # a scale column, alone
        "Työ: sujuu",
        "Työ: kuormittaa",
    ]
    rows = [[str((n + i) % 5 + 1) for i in range(6)] for n in range(10)]
    plan = _plan(_csv(header, rows))
    assert {s: (m.text, m.columns) for s, m in plan.matrices.items()} == {
        0: ("Arvioi", [0, 1, 2]),
        4: ("Työ", [4, 5]),
    }
    assert plan.columns[0].item == "Johtaminen: selkeää"


def test_a_matrix_of_5_and_7_point_columns_has_7_points():
    header = [f"{MATRIX}: {item}" for item in ITEMS[:2]]
    rows = [[FI5[n % 5], FI7[n % 7]] for n in range(14)]
    plan = _plan(_csv(header, rows))
    assert plan.matrices[0].kind == Kind.LIKERT7
    question = Question.objects.get(survey=importing.import_round(plan, title="K").survey)
    first = question.items.get(order=0)
    assert set(Answer.objects.filter(item=first).values_list("value", flat=True)) == {
        1, 3, 4, 5, 7
    }  # fmt: skip


def test_a_matrix_can_be_split_or_left_out():
    header, rows = _webropol_rows(count=10)
    data = _csv(header, rows)
    split = _plan(data, matrices={2: Kind.SEPARATE})
    assert split.matrices[2].choice == Kind.SEPARATE
    assert all(c.matrix_start is None and c.kind == Kind.LIKERT5 for c in split.columns[2:5])
    survey = importing.import_round(split, title="Erikseen").survey
    assert Question.objects.filter(survey=survey, kind=QuestionKind.LIKERT).count() == 7
    assert Question.objects.get(survey=survey, order=0).text_fi == f"{MATRIX}: {ITEMS[0]}"
    left_out = _plan(data, matrices={2: Kind.IGNORE})
    assert [c.imported for c in left_out.columns[2:5]] == [False] * 3


def test_next_round_matrix_keeps_the_item_translations():
    header, rows = _webropol_rows(count=10)
    data = _csv(header, rows)
    first = importing.import_round(_plan(data), title="Kierros 1").survey
    matrix = Question.objects.get(survey=first, kind=QuestionKind.MATRIX)
    MatrixItem.objects.filter(question=matrix, order=0).update(text_sv="Jag får tillräckligt")
    Question.objects.filter(pk=matrix.pk).update(text_sv="Bedöm påståendena")
    plan = _plan(data, previous=first)
    assert plan.matrices[2].matched_question == matrix.pk
    second = importing.import_round(plan, title="Kierros 2", survey=first).survey
    again = Question.objects.get(survey=second, kind=QuestionKind.MATRIX)
    assert again.text_sv == "Bedöm påståendena"
    assert again.items.get(order=0).text_sv == "Jag får tillräckligt"


# --- The command and the pages ------------------------------------------------------------------


def test_command_prints_the_matrix_and_the_labels(tmp_path):
    header, rows = _webropol_rows(count=10)
    path = tmp_path / "webropol.csv"
    path.write_bytes(_csv(header, rows))
    out = io.StringIO()
    call_command("import_survey_round", str(path), "--title", "K", "--dry-run", stdout=out)
    text = out.getvalue()
    assert (
        f"3–5. {MATRIX} → Matrix of 3 items on a scale of 5 points "
        f"[1 {FI5[0]}; 2 {FI5[1]}; 3 {FI5[2]}; 4 {FI5[3]}; 5 {FI5[4]}]"
    ) in text
    assert f"    3. {ITEMS[0]}" in text and f"    5. {ITEMS[2]}" in text
    assert "6. Kuinka hyvin jaksat työssäsi? → Scale of 7 points [1 Täysin eri mieltä;" in text
    assert "9. Muutoksen hallinta → Scale of 5 points [1 Täysin eri mieltä; 5 Täysin" in text
    assert "(labels of an agreement scale)" in text
    assert "Dry run: every row fits" in text


def test_preview_shows_the_matrix_as_one_question_and_imports_it(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people["coordinator"])
    header, rows = _webropol_rows(count=12)
    response = client.post(
        reverse("surveys:import"),
        {
            "action": "upload",
            "file": SimpleUploadedFile("webropol.csv", _csv(header, rows)),
            "title": "Tuotu",
            "results_visibility": "staff",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    # The kept table has lost the identifying first column: the matrix starts at index 1.
    assert "matrix_1" in form.fields
    assert not {"column_1", "column_2", "column_3"} & set(form.fields)
    page = response.content.decode()
    assert "Matrix of 3 items on a scale of 5 points" in page
    assert ITEMS[1] in page
    data = {"action": "import", "token": response.context["token"], "matrix_1": Kind.MATRIX}
    response = client.post(reverse("surveys:import"), data)
    survey = Survey.objects.get()
    assert response.status_code == 302
    matrix = Question.objects.get(survey=survey, kind=QuestionKind.MATRIX)
    assert matrix.items.count() == 3
