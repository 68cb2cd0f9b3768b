"""Importing earlier rounds: reading files, inferring columns, all-or-nothing import, the
command and the pages."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.core.management import call_command as run
from django.urls import reverse
from openpyxl import Workbook

from kaiku.organisations.models import OrganisationType

from .. import importing
from ..importing import ImportFileError, Kind
from ..models import Answer, AnswerChoice, Question, QuestionKind, Response, Survey

pytestmark = pytest.mark.django_db

WEBROPOL = (
    "Vastaajan tunnus;Aloitusaika;Sähköposti;Organisaatio;Maakunta;"
    "Jaksan hyvin työssäni.;Mitä tukea tarvitset?;Työvuodet;Työskentelen;Muuta kerrottavaa?\n"
    "1;1.9.2022 8.01;a@ely.fi;ELY-keskus;Pirkanmaa;4;Työnohjaus;12;Asiakaspalvelussa;\n"
    "2;1.9.2022 8.15;b@te.fi;TE-toimisto;Pirkanmaa;2;Koulutus; Työnohjaus;3,5;Hallinnossa;"
    "Tiedonkulku on parantunut viime aikoina selvästi.\n"
    "3;1.9.2022 9.20;c@te.fi;TE-toimisto;Uusimaa;5;;25;Asiakaspalvelussa;\n"
    "4;2.9.2022 10.00;d@keha.fi;KEHA-keskus;Uusimaa;3;Vertaistuki;1;Hallinnossa;Ei muuta.\n"
    "5;2.9.2022 11.30;e@te.fi;TE-toimisto;Pirkanmaa;4;Työnohjaus;Koulutus;7;Asiakaspalvelussa;\n"
    "6;3.9.2022 12.00;f@ely.fi;ELY-keskus;Uusimaa;1;Koulutus;30;Asiakaspalvelussa;\n"
)


@pytest.fixture
def regions(db):
    from .factories import RegionFactory

    return {
        "pirkanmaa": RegionFactory(code="06", name="Pirkanmaa", name_fi="Pirkanmaa"),
        "uusimaa": RegionFactory(code="01", name="Uusimaa", name_fi="Uusimaa", name_sv="Nyland"),
    }


def _csv(text: str, encoding="utf-8") -> bytes:
    return text.encode(encoding)


def _plan(data: bytes, filename="vastaukset.csv", previous=None):
    table = importing.read_table(data, filename)
    return importing.infer_plan(table, vocabulary=importing.load_vocabulary(), previous=previous)


def _kinds(plan) -> dict[str, str]:
    return {c.header: ("identifying" if c.identifying else c.kind) for c in plan.columns}


def _nothing_written():
    assert not Survey.objects.exists()
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


# --- Reading and inferring ----------------------------------------------------------------------


def _fix_webropol() -> str:
    # Row 5's multiple choice is "Työnohjaus;Koulutus" in one quoted cell.
    return WEBROPOL.replace(";Työnohjaus;Koulutus;", ';"Työnohjaus;Koulutus";').replace(
        ";Koulutus; Työnohjaus;", ';"Koulutus; Työnohjaus";'
    )


def test_webropol_like_csv_is_inferred(regions):
    plan = _plan(_csv(_fix_webropol()))
    assert plan.table.delimiter == ";"
    assert _kinds(plan) == {
        "Vastaajan tunnus": "identifying",
        "Aloitusaika": "identifying",
        "Sähköposti": "identifying",
        "Organisaatio": Kind.ORGANISATION_TYPE,
        "Maakunta": Kind.REGION,
        "Jaksan hyvin työssäni.": Kind.LIKERT5,
        "Mitä tukea tarvitset?": Kind.MULTIPLE,
        "Työvuodet": Kind.NUMBER,
        "Työskentelen": Kind.SINGLE,
        "Muuta kerrottavaa?": Kind.SHORT_TEXT,
    }
    multiple = next(c for c in plan.columns if c.kind == Kind.MULTIPLE)
    assert multiple.choices == ["Työnohjaus", "Koulutus", "Vertaistuki"]
    report = "\n".join(plan.report())
    assert "never imported" in report
    assert "Scale of 5 points" in report


def test_utf8_bom_comma_and_windows_1252_are_read(regions):
    text = "Nimi,Kysymys,Väite\nMatti,Hyvä,1\nMaija,Huono,2\n"
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("cp1252")):
        table = importing.read_table(data, "a.csv")
        assert table.header == ["Nimi", "Kysymys", "Väite"]
        assert table.rows[0] == ["Matti", "Hyvä", "1"]
    assert importing.read_table(text.encode("cp1252")).encoding == "Windows-1252"
    tabbed = text.replace(",", "\t").encode("utf-16")
    assert importing.read_table(tabbed, "a.txt").rows[1] == ["Maija", "Huono", "2"]


def test_microsoft_forms_meta_columns_are_never_imported(regions):
    data = _csv(
        "ID,Start time,Completion time,Email,Name,Last modified time,Miten jaksat?\n"
        + "".join(
            f"{n},2024-03-0{n} 09:00:00,2024-03-0{n} 09:05:00,p{n}@x.fi,Person {n},,{n % 5 + 1}\n"
            for n in range(1, 8)
        )
    )
    plan = _plan(data)
    assert [c.header for c in plan.identifying] == [
        "ID", "Start time", "Completion time", "Email", "Name", "Last modified time"
    ]  # fmt: skip
    # A person cannot choose them back.
    table = plan.table
    overridden = importing.infer_plan(
        table, vocabulary=importing.load_vocabulary(), overrides={3: Kind.SHORT_TEXT}
    )
    assert overridden.columns[3].identifying and not overridden.columns[3].imported


def test_values_that_identify_are_ignored_whatever_the_header(regions):
    data = _csv(
        "Yhteystieto,Kysymys\n"
        + "".join(f"henkilo{n}@kaiku.example,{n % 5 + 1}\n" for n in range(6))
    )
    assert _plan(data).columns[0].identifying


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"1,2,3\n4,5,1\n", "must name the columns"),
        (b"Kysymys,Toinen\n", "no answers"),
        (bytes(range(256)) * 20, "not text"),
        ("Kysymys,Toinen\nÄ,Ö\n".encode("utf-16-le"), "not text"),
        (b"Kysymys,Toinen\n1,2\n3,4,5\n2\n", "Row 3 has 3 fields"),
        (b"PK\x03\x04 broken", "not a valid XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1junk", "Old Excel"),
        (b"Kysymys,\xe2\x80\n1,2\n", None),  # cp1252 fallback reads it; not an error
    ],
)
def test_bad_files_give_a_clear_message(data, message):
    if message is None:
        importing.read_table(data, "a.csv")
        return
    with pytest.raises(ImportFileError) as caught:
        importing.read_table(data, "a.csv")
    assert message in " ".join(caught.value.messages)


def test_too_many_rows():
    data = ("Kysymys\n" + "1\n" * 30).encode()
    with pytest.raises(ImportFileError, match="more than 20"):
        importing.read_table(data, "a.csv", max_rows=20)


# --- Importing ----------------------------------------------------------------------------------


def test_import_creates_a_closed_anonymous_survey(regions):
    plan = _plan(_csv(_fix_webropol()))
    result = importing.import_round(plan, title="Muutostuki 2022", results_visibility="public")
    survey = result.survey
    assert result.responses == 6
    assert survey.phase() == "closed" and survey.anonymous and survey.is_locked
    assert survey.results_visibility == "public" and survey.round_number == 1
    questions = list(Question.objects.filter(survey=survey).order_by("order"))
    assert [q.kind for q in questions] == [
        QuestionKind.LIKERT, QuestionKind.MULTIPLE, QuestionKind.NUMBER, QuestionKind.SINGLE,
        QuestionKind.SHORT_TEXT,
    ]  # fmt: skip
    assert questions[0].scale_points == 5
    responses = Response.objects.filter(survey=survey)
    assert sorted(responses.values_list("organisation_type", flat=True)) == sorted(
        [OrganisationType.ELY_CENTRE] * 2
        + [OrganisationType.TE_OFFICE] * 3
        + [OrganisationType.KEHA_CENTRE]
    )
    assert responses.filter(region=regions["uusimaa"]).count() == 3
    assert sorted(Answer.objects.filter(question=questions[0]).values_list("value", flat=True)) == [
        1, 2, 3, 4, 4, 5
    ]  # fmt: skip
    numbers = sorted(Answer.objects.filter(question=questions[2]).values_list("number", flat=True))
    assert [str(n) for n in numbers] == ["1.00", "3.50", "7.00", "12.00", "25.00", "30.00"]
    assert AnswerChoice.objects.filter(answer__question=questions[1]).count() == 7
    assert Answer.objects.filter(question=questions[4]).count() == 2
    # Nothing of the identifying columns reached the database.
    dump = " ".join(str(v) for v in Answer.objects.values_list("text", flat=True))
    assert "@" not in dump


def test_a_second_import_is_a_second_survey_and_the_next_round(regions):
    first = importing.import_round(_plan(_csv(_fix_webropol())), title="Kierros 1").survey
    again = importing.import_round(_plan(_csv(_fix_webropol())), title="Kierros 1").survey
    assert again.pk != first.pk and again.round_number == 1
    plan = _plan(_csv(_fix_webropol()), previous=first)
    likert = next(c for c in plan.columns if c.header == "Jaksan hyvin työssäni.")
    assert likert.matched_question and likert.reason == "as in round 1"
    second = importing.import_round(plan, title="Kierros 2", survey=first).survey
    assert second.previous_round == first and second.round_number == 2
    assert set(Response.objects.filter(survey=second).values_list("round_number", flat=True)) == {2}


def test_a_likert_column_with_9_is_refused_with_row_and_column(regions):
    rows = "".join(f"{n % 5 + 1}\n" for n in range(11)) + "9\n"
    plan = _plan(_csv("Jaksan hyvin\n" + rows))
    assert plan.columns[0].kind == Kind.LIKERT5
    with pytest.raises(ImportFileError) as caught:
        importing.import_round(plan, title="Kysely")
    assert caught.value.messages == ["Row 13, column “Jaksan hyvin”: “9” is not on the scale 1–5."]
    _nothing_written()


def test_an_unknown_attribute_value_is_refused(regions):
    plan = _plan(_csv("Organisaatio,Kysymys\nELY-keskus,1\nTE-toimisto,2\n"))
    assert plan.columns[0].kind == Kind.ORGANISATION_TYPE
    plan.table.rows[1][0] = "Kauppa"
    with pytest.raises(ImportFileError, match="Row 3, column “Organisaatio”"):
        importing.import_round(plan, title="Kysely")
    _nothing_written()


def test_xlsx_round_trip(regions):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Maakunta", "Arvio", "Perustelut"])
    for n in range(1, 9):
        sheet.append([n, "Nyland" if n % 2 else "Pirkanmaa", n % 7 + 1, f"Vastaus numero {n}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = _plan(buffer.getvalue(), "vastaukset.xlsx")
    assert plan.table.format == "xlsx"
    assert _kinds(plan) == {
        "ID": "identifying",
        "Maakunta": Kind.REGION,
        "Arvio": Kind.LIKERT7,
        "Perustelut": Kind.SHORT_TEXT,
    }
    result = importing.import_round(plan, title="Excel-kysely")
    assert result.responses == 8
    assert Response.objects.filter(region=regions["uusimaa"]).count() == 4


def test_ten_thousand_rows_import_quickly(regions):
    import time

    header = "Organisaatio,K1,K2,K3,Valinnat,Avoin\n"
    body = "".join(
        f"{('ELY-keskus', 'TE-toimisto')[n % 2]},{n % 5 + 1},{n % 7 + 1},{n % 3 + 1},"
        f'"A;B",Teksti {n % 40}\n'
        for n in range(10_000)
    )
    started = time.perf_counter()
    result = importing.import_round(_plan(_csv(header + body)), title="Iso")
    assert result.responses == 10_000
    assert time.perf_counter() - started < 30


# --- The command --------------------------------------------------------------------------------


def test_command_imports_and_prints_what_it_inferred(regions, tmp_path):
    path = tmp_path / "webropol.csv"
    path.write_bytes(_fix_webropol().encode("utf-8-sig"))
    out = io.StringIO()
    call_command(
        "import_survey_round", str(path), "--title", "Muutostuki 2022", "--results",
        "coordinators", stdout=out,
    )  # fmt: skip
    text = out.getvalue()
    assert "Sähköposti → never imported" in text
    assert "Organisaatio → Background: organisation type" in text
    assert "Imported 6 responses" in text
    survey = Survey.objects.get()
    assert survey.results_visibility == "coordinators"
    out = io.StringIO()
    run("import_survey_round", str(path), "--title", "Kierros 2", "--survey", str(survey.pk),
        stdout=out)  # fmt: skip
    assert Survey.objects.get(previous_round=survey).round_number == 2


def test_command_dry_run_and_bad_file(regions, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(_fix_webropol().encode())
    out = io.StringIO()
    call_command("import_survey_round", str(path), "--title", "X", "--dry-run", stdout=out)
    assert "Nothing written" in out.getvalue()
    _nothing_written()
    path.write_bytes(b"Kysymys,Toinen\n1,2\n3,4,5\n")
    with pytest.raises(CommandError, match="Row 3 has 3 fields"):
        call_command("import_survey_round", str(path), "--title", "X", stdout=io.StringIO())
    _nothing_written()
    with pytest.raises(CommandError, match="No survey"):
        call_command("import_survey_round", str(path), "--title", "X", "--survey", "999")


# --- The pages ----------------------------------------------------------------------------------


def _client(client, person):
    if person is not None:
        client.force_login(person)
    return client


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("staff", 403), ("coordinator", 200), ("admin", 200)]
)
def test_who_may_import(client, people, who, status):
    response = _client(client, people[who]).get(reverse("surveys:import"))
    assert response.status_code == status


def _upload(client, data: bytes, name="vastaukset.csv", **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("surveys:import"),
        {
            "action": "upload",
            "file": SimpleUploadedFile(name, data),
            "title": "Tuotu kysely",
            "results_visibility": "staff",
            **fields,
        },
    )


def test_upload_preview_change_a_type_and_import(client, people, regions):
    client = _client(client, people["coordinator"])
    response = _upload(client, _fix_webropol().encode())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sähköposti" in page and "a@ely.fi" not in page  # identifying: not even previewed
    assert "Tiedonkulku on parantunut" in page
    token = response.context["token"]
    form = response.context["form"]
    data = {"action": "import", "token": token}
    for name, bound in form.fields.items():
        data[name] = form.initial.get(name) or bound.initial
    text_column = next(c for c in response.context["plan"].columns if c.header.startswith("Muuta"))
    data[f"column_{text_column.index}"] = Kind.LONG_TEXT
    response = client.post(reverse("surveys:import"), data)
    survey = Survey.objects.get()
    assert response.status_code == 302 and response.url == survey.get_absolute_url()
    assert Question.objects.filter(survey=survey, kind=QuestionKind.LONG_TEXT).count() == 1
    assert Response.objects.filter(survey=survey).count() == 6
    # The kept file is gone: the same token cannot import again.
    response = client.post(reverse("surveys:import"), data)
    assert Survey.objects.count() == 1
    assert "upload the file again" in response.content.decode()


def test_upload_errors_are_shown_in_the_summary(client, people, regions):
    client = _client(client, people["coordinator"])
    response = _upload(client, b"1,2,3\n4,5,6\n")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "must name the columns" in response.content.decode()
    rows = "".join(f"{n % 5 + 1}\n" for n in range(11)) + "9\n"
    response = _upload(client, ("Jaksan hyvin\n" + rows).encode())
    data = {"action": "import", "token": response.context["token"], "column_0": Kind.LIKERT5}
    response = client.post(reverse("surveys:import"), data)
    assert response.status_code == 200
    assert "Row 13, column “Jaksan hyvin”" in response.content.decode()
    _nothing_written()


def test_another_person_cannot_use_the_token(client, people, regions):
    from .factories import RoleAssignmentFactory, UserFactory

    response = _upload(_client(client, people["coordinator"]), _fix_webropol().encode())
    token = response.context["token"]
    other = UserFactory()
    RoleAssignmentFactory(user=other, role="change_coordinator")
    client.force_login(other)
    response = client.post(reverse("surveys:import"), {"action": "import", "token": token})
    assert "upload the file again" in response.content.decode()
    _nothing_written()
