"""``manage.py import_questions``: an existing FAQ from a CSV file (kaiku.questions.importing)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from kaiku.core.content import Visibility
from kaiku.programme.tests.factories import ProgrammeFactory, WorkingGroupFactory
from kaiku.questions.importing import QuestionImportError, import_questions
from kaiku.questions.models import Answer, AnswerRevision, Question, QuestionStatus, Topic
from kaiku.questions.similar import question_terms

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "questions.csv"

CSV = (
    "question,answer,topic,group\n"
    "Siirtyvätkö vuosilomani kuntaan?,Kyllä: lomat siirtyvät **sellaisinaan**.,Vuosilomat,"
    "siirtyma\n"
    "Muuttuuko palkkani?,,Palkkaus,\n"
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="te24")


@pytest.fixture
def group(programme):
    return WorkingGroupFactory(programme=programme, slug="siirtyma")


def run(text: str | bytes, *args: str, tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "faq.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    out, err = StringIO(), StringIO()
    call_command("import_questions", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(text: str | bytes, *args: str, tmp_path: Path) -> str:
    err = StringIO()
    path = tmp_path / "faq.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_questions", str(path), *args, stdout=StringIO(), stderr=err)
    assert not Question.all_objects.exists()
    assert not Answer.objects.exists()
    assert not Topic.objects.exists()
    return err.getvalue()


def test_imports_public_questions_answers_and_topics(group, tmp_path):
    out, _err = run(CSV, tmp_path=tmp_path)
    assert "2 created, 0 updated, 0 unchanged" in out
    answered = Question.objects.get(title="Siirtyvätkö vuosilomani kuntaan?")
    assert answered.visibility == Visibility.PUBLIC
    assert answered.status == QuestionStatus.ANSWERED
    assert answered.answered_at is not None
    assert answered.group == group
    assert answered.programme == group.programme
    assert answered.topic.slug == "vuosilomat" and answered.topic.name == "Vuosilomat"
    assert answered.answer.body == "Kyllä: lomat siirtyvät **sellaisinaan**."
    assert "<strong>sellaisinaan</strong>" in answered.answer.body_html
    assert answered.answer.group == group
    assert answered.import_key
    assert answered.due_at is not None
    open_ = Question.objects.get(title="Muuttuuko palkkani?")
    assert open_.status == QuestionStatus.NEW and open_.answered_at is None
    assert open_.group is None and open_.topic.slug == "palkkaus"
    assert not Answer.objects.filter(question=open_).exists()


def test_imported_questions_have_their_analysed_terms(group, tmp_path):
    run(CSV, tmp_path=tmp_path)
    question = Question.objects.get(title="Siirtyvätkö vuosilomani kuntaan?")
    assert question.terms
    assert question.terms == question_terms(question.title)


def test_importing_twice_adds_nothing(group, tmp_path):
    run(CSV, tmp_path=tmp_path)
    out, _err = run(CSV, tmp_path=tmp_path)
    assert "0 created, 0 updated, 2 unchanged" in out
    assert Question.objects.count() == 2
    assert Answer.objects.count() == 1
    assert Topic.objects.count() == 2
    assert not AnswerRevision.objects.exists()


def test_same_question_with_other_spacing_and_case_is_the_same(group, tmp_path):
    run(CSV, tmp_path=tmp_path)
    again = "question\n  siirtyvätkö   VUOSILOMANI kuntaan?\n"
    out, _err = run(again, tmp_path=tmp_path)
    assert "0 created, 0 updated, 1 unchanged" in out


def test_a_new_answer_updates_and_keeps_the_earlier_one(group, tmp_path):
    run(CSV, tmp_path=tmp_path)
    question = Question.objects.get(title="Siirtyvätkö vuosilomani kuntaan?")
    first_answered_at = question.answered_at
    changed = CSV.replace("Kyllä: lomat siirtyvät **sellaisinaan**.", '"Kyllä, ne siirtyvät."')
    changed = changed.replace("Muuttuuko palkkani?,,", "Muuttuuko palkkani?,Ei muutu.,")
    out, _err = run(changed, tmp_path=tmp_path)
    assert "0 created, 2 updated, 0 unchanged" in out
    question.refresh_from_db()
    assert question.answer.body == "Kyllä, ne siirtyvät."
    assert question.answered_at > first_answered_at
    [earlier] = question.answer.revisions.all()
    assert earlier.body == "Kyllä: lomat siirtyvät **sellaisinaan**."
    assert earlier.answered_at == first_answered_at
    pay = Question.objects.get(title="Muuttuuko palkkani?")
    assert pay.status == QuestionStatus.ANSWERED and pay.answer.body == "Ei muutu."


def test_an_empty_answer_cell_leaves_the_answer(group, tmp_path):
    run(CSV, tmp_path=tmp_path)
    out, _err = run("question\nSiirtyvätkö vuosilomani kuntaan?\n", tmp_path=tmp_path)
    assert "1 unchanged" in out
    question = Question.objects.get(title="Siirtyvätkö vuosilomani kuntaan?")
    assert question.answer.body == "Kyllä: lomat siirtyvät **sellaisinaan**."
    assert question.status == QuestionStatus.ANSWERED


def test_a_deleted_question_is_not_brought_back(group, tmp_path):
    run(CSV, tmp_path=tmp_path)
    Question.objects.filter(title="Muuttuuko palkkani?").update(deleted_at="2026-01-01T00:00Z")
    out, _err = run(CSV, tmp_path=tmp_path)
    assert "0 created, 0 updated, 2 unchanged" in out
    assert Question.all_objects.filter(title="Muuttuuko palkkani?").count() == 1


def test_byte_order_mark_and_header_case(group, tmp_path):
    text = "\ufeffQuestion ; Answer".replace(" ; ", ",") + "\nMikä on KEHA-keskus?,Palvelukeskus.\n"
    out, _err = run(text.encode("utf-8"), tmp_path=tmp_path)
    assert "1 created" in out
    assert Question.objects.get().title == "Mikä on KEHA-keskus?"


def test_multiline_answers_and_quoted_commas(group, tmp_path):
    text = 'question,answer\n"Lomat, palkka ja eläke?","Rivi yksi.\n\nRivi kaksi, pilkulla."\n'
    run(text, tmp_path=tmp_path)
    question = Question.objects.get()
    assert question.title == "Lomat, palkka ja eläke?"
    assert question.answer.body == "Rivi yksi.\n\nRivi kaksi, pilkulla."


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(group, tmp_path):
    long_question = "Miksi " + "hyvin " * 60 + "pitkä?"
    text = (
        "question,answer,topic,group\n"
        "Hyvä kysymys?,Hyvä vastaus.,Aihe,siirtyma\n"  # line 2: fine
        ",Vastaus ilman kysymystä.,,\n"  # line 3: empty question
        f"{long_question},,,\n"  # line 4: too long
        "Kuka vastaa?,,,ei-ole\n"  # line 5: unknown group
        '"Monirivinen\nkysymys?",b,,\n'  # lines 6-7
        "Kysymys \u202eohjausmerkillä?,,,\n"  # line 8: a direction override
        "hyvä   kysymys?,,,\n"  # line 9: the same as line 2
    )
    err = fails(text, tmp_path=tmp_path)
    assert "Line 3: the question is empty." in err
    assert "Line 4: the question is 3" in err and "At most 300 characters are allowed." in err
    assert 'Line 5: there is no working group "ei-ole" in the programme te24.' in err
    assert "Line 6" not in err and "Line 7" not in err
    assert "Line 8: Remove the invisible text-direction characters" in err
    assert "Line 9: the same question is already on line 2." in err
    assert "Line 2" not in err


def test_a_group_of_another_programme_is_unknown(group, tmp_path):
    WorkingGroupFactory(slug="muu-ryhma")
    err = fails("question,group\nKysymys?,muu-ryhma\n", "--programme", "te24", tmp_path=tmp_path)
    assert 'Line 2: there is no working group "muu-ryhma"' in err


def test_bad_encoding_is_reported_with_its_line(group, tmp_path):
    text = "question\nEnsimmäinen?\n".encode() + "Pitääkö lomat?\n".encode("latin-1")
    err = fails(text, tmp_path=tmp_path)
    assert "Line 3: the file is not UTF-8 text." in err


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Line 1: the header row is missing."),
        ("\n\n", "Line 1: the header row is missing."),
        ("Kysymys?,Vastaus.\n", 'Line 1: the header has no "question" column'),
        ("answer,topic\nVastaus,Aihe\n", 'Line 1: the header has no "question" column'),
        ("question,answr\nKysymys?,Vastaus\n", 'Line 1: unknown columns: "answr".'),
        ("question,question\na?,b?\n", "Line 1: these columns are given more than once: question"),
        ("question\n", "The file has a header but no questions."),
        ("question,answer\nKysymys?,Vastaus,Ylimääräinen\n", "Line 2: more cells (3)"),
        ('question\n"Avoin lainausmerkki?\n', "Line 2:"),
    ],
)
def test_bad_files(group, tmp_path, text, message):
    assert message in fails(text, tmp_path=tmp_path)


def test_an_answer_too_long(group, tmp_path):
    err = fails(f"question,answer\nKysymys?,{'a' * 20001}\n", tmp_path=tmp_path)
    assert "Line 2: the answer is 20001 characters long. At most 20000" in err


def test_the_programme_must_be_named_when_there_are_several(group, tmp_path):
    ProgrammeFactory(slug="toinen")
    path = tmp_path / "faq.csv"
    path.write_text(CSV)
    with pytest.raises(CommandError, match="--programme SLUG"):
        call_command("import_questions", str(path), stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match='no programme "ei-ole"'):
        call_command("import_questions", str(path), "--programme", "ei-ole", stdout=StringIO())
    out, _err = run(CSV, "--programme", "te24", tmp_path=tmp_path)
    assert "2 created" in out


def test_the_same_question_in_two_programmes_is_two_questions(group, tmp_path):
    other = ProgrammeFactory(slug="toinen")
    run(CSV, "--programme", "te24", tmp_path=tmp_path)
    out, _err = run("question\nMuuttuuko palkkani?\n", "--programme", "toinen", tmp_path=tmp_path)
    assert "1 created" in out
    assert Question.objects.filter(programme=other).count() == 1


def test_dry_run_changes_nothing(group, tmp_path):
    out, _err = run(CSV, "--dry-run", tmp_path=tmp_path)
    assert "Dry run" in out and "2 created" in out
    assert not Question.all_objects.exists() and not Topic.objects.exists()


def test_a_missing_file(tmp_path, programme):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_questions", str(tmp_path / "ei-ole.csv"), stdout=StringIO())


def test_the_sample_file_imports(programme, tmp_path):
    for slug in ("henkiloston-siirtyma", "tietojarjestelmat"):
        WorkingGroupFactory(programme=programme, slug=slug)
    out, _err = run(SAMPLE.read_bytes(), tmp_path=tmp_path)
    assert "13 created" in out
    assert Question.objects.filter(status=QuestionStatus.ANSWERED).count() == 11
    assert Topic.objects.filter(slug="tyon-sijainti-ja-etatyo").exists()


def test_the_library_function_raises_with_every_error(programme):
    with pytest.raises(QuestionImportError) as failed:
        import_questions(b"question\n\n,\n \n", programme=programme)
    assert failed.value.errors == ["The file has a header but no questions."]


def test_imported_questions_and_answers_are_indexed_for_search(
    group, tmp_path, django_capture_on_commit_callbacks
):
    from django.contrib.contenttypes.models import ContentType

    from kaiku.search.models import SearchEntry

    with django_capture_on_commit_callbacks(execute=True):
        run(CSV, tmp_path=tmp_path)
    question = Question.objects.get(title="Siirtyvätkö vuosilomani kuntaan?")
    for obj in (question, question.answer):
        assert SearchEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).exists()


def test_answers_can_be_attributed_to_a_person_and_their_organisation(group, tmp_path):
    from kaiku.accounts.tests.factories import UserFactory
    from kaiku.organisations.tests.factories import OrganisationFactory

    person = UserFactory(email="vastaaja@example.fi", organisation=OrganisationFactory())
    run(CSV, "--answered-by", "Vastaaja@example.fi", tmp_path=tmp_path)
    answer = Answer.objects.get()
    assert answer.author == person and answer.organisation == person.organisation
    with pytest.raises(CommandError, match="no active person"):
        run(CSV, "--answered-by", "ei-ole@example.fi", tmp_path=tmp_path)


def test_without_a_person_imported_answers_have_no_author(group, tmp_path):
    run(CSV, tmp_path=tmp_path)
    answer = Answer.objects.get()
    assert answer.author is None and answer.organisation is None


def test_an_imported_question_says_where_it_came_from(group, tmp_path, client):
    """Imported rows have no asker or answerer in Kaiku: the page says they come from an
    earlier FAQ instead of blaming "a former user"."""
    run(CSV, tmp_path=tmp_path)
    answered = Question.objects.get(title="Siirtyvätkö vuosilomani kuntaan?")
    html = client.get(f"/en/questions/{answered.pk}/").content.decode()
    assert "imported from an earlier FAQ" in html
    assert "Answer from an earlier FAQ" in html
    assert "former user" not in html
