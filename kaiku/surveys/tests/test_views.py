"""Who may do what with surveys, answering from start to thanks, and the builder."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ..models import Answer, Draft, Participation, Question, QuestionKind, Response, Survey
from ..services import AlreadyAnsweredError, response_submit
from .factories import QuestionFactory, SectionFactory, SurveyFactory


def _client(client, person):
    if person is not None:
        client.force_login(person)
    return client


def _questions(survey):
    return list(Question.objects.filter(survey=survey).order_by("section__order", "order"))


def _first_page(survey, **overrides):
    likert, single, *_ = _questions(survey)
    choice = single.choices.order_by("order").first()
    return {"action": "next", f"q{likert.pk}": "4", f"q{single.pk}": str(choice.pk), **overrides}


def _second_page(survey, action="send"):
    *_, matrix, text = _questions(survey)
    data = {"action": action, f"q{text.pk}": "Tiedonkulku on parantunut."}
    for item in matrix.items.all():
        data[f"q{matrix.pk}_{item.pk}"] = "2"
    return data


# --- Who may see and answer ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("staff", 404), ("member", 200), ("coordinator", 200), ("admin", 200)],
)
def test_who_sees_the_survey(client, people, survey, who, status):
    response = _client(client, people[who]).get(reverse("surveys:detail", args=[survey.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "listed"),
    [("staff", False), ("member", True), ("coordinator", False), ("admin", True)],
)
def test_list_shows_the_audience_its_surveys(client, people, survey, who, listed):
    response = _client(client, people[who]).get(reverse("surveys:list"))
    assert response.status_code == 200
    assert ("Muutostuen tarpeet" in response.content.decode()) is listed


def test_coordinator_outside_the_audience_cannot_answer(client, people, survey):
    client.force_login(people["coordinator"])
    response = client.post(reverse("surveys:answer", args=[survey.pk]), _first_page(survey))
    assert response.status_code == 302
    assert not Draft.objects.exists() and not Participation.objects.exists()


def test_a_draft_survey_is_a_404_for_its_audience(client, people, survey):
    Survey.objects.filter(pk=survey.pk).update(published_at=None)
    client.force_login(people["member"])
    assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 404
    assert client.get(reverse("surveys:answer", args=[survey.pk])).status_code == 404


def test_a_closed_survey_takes_no_answers(client, people, survey):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - datetime.timedelta(1))
    client.force_login(people["member"])
    client.post(reverse("surveys:answer", args=[survey.pk]), _first_page(survey))
    assert not Draft.objects.exists()


# --- Answering ----------------------------------------------------------------------------------


def test_answer_page_by_page_then_thanks(client, people, survey):
    client.force_login(people["member"])
    page = client.get(reverse("surveys:answer", args=[survey.pk]))
    html = page.content.decode()
    assert "Part 1 of 2" in html and "<fieldset" in html and "<legend>Jaksan hyvin" in html
    assert html.count('type="radio"') == 5 + 3  # the scale, two choices and "Other"
    response = client.post(reverse("surveys:answer", args=[survey.pk]), _first_page(survey))
    assert response.url == reverse("surveys:answer_step", args=[survey.pk, 1])
    assert Draft.objects.get().step == 1
    response = client.post(
        reverse("surveys:answer_step", args=[survey.pk, 1]), _second_page(survey)
    )
    assert response.url == reverse("surveys:thanks", args=[survey.pk])
    assert Participation.objects.filter(user=people["member"], survey=survey).count() == 1
    assert not Draft.objects.exists()
    stored = Response.objects.get()
    assert stored.organisation_type == "te_office" and stored.period_end is not None
    assert Answer.objects.filter(response=stored).count() == 5  # likert, single, 2 items, text
    survey.refresh_from_db()
    assert survey.questions_locked_at is not None
    assert client.get(response.url).status_code == 200


def test_missing_required_answers_show_the_error_summary_and_store_nothing(client, people, survey):
    client.force_login(people["member"])
    response = client.post(reverse("surveys:answer", args=[survey.pk]), {"action": "next"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and 'class="error-summary"' in html
    assert Draft.objects.get().step == 0
    assert not Response.objects.exists()


def test_bad_input_changes_nothing(client, people, survey):
    client.force_login(people["member"])
    likert, single, *_ = _questions(survey)
    for bad in ({f"q{likert.pk}": "9"}, {f"q{single.pk}": "999999999999"}, {f"q{likert.pk}": "x"}):
        response = client.post(
            reverse("surveys:answer", args=[survey.pk]), {**_first_page(survey), **bad}
        )
        assert response.status_code == 200
    assert not Response.objects.exists() and not Participation.objects.exists()


def test_other_needs_its_text(client, people, survey):
    client.force_login(people["member"])
    _likert, single, *_ = _questions(survey)
    data = _first_page(survey, **{f"q{single.pk}": "other"})
    response = client.post(reverse("surveys:answer", args=[survey.pk]), data)
    assert response.status_code == 200
    assert "Write what the other option is." in response.content.decode()


def test_save_and_continue_later_keeps_the_answers(client, people, survey):
    client.force_login(people["member"])
    likert, *_ = _questions(survey)
    client.post(
        reverse("surveys:answer", args=[survey.pk]), {"action": "save", f"q{likert.pk}": "5"}
    )
    draft = Draft.objects.get(user=people["member"])
    assert draft.data[f"q{likert.pk}"] == ["5"]
    page = client.get(reverse("surveys:answer", args=[survey.pk]))
    assert page.status_code == 200, page
    assert f'value="5" required id="id_q{likert.pk}_4" checked' in page.content.decode()
    detail = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "Continue answering" in detail


def test_double_submit_stores_one_response(client, people, survey):
    client.force_login(people["member"])
    client.post(reverse("surveys:answer", args=[survey.pk]), _first_page(survey))
    url = reverse("surveys:answer_step", args=[survey.pk, 1])
    client.post(url, _second_page(survey))
    second = client.post(url, _second_page(survey), follow=True)
    assert "already answered" in second.content.decode()
    assert Response.objects.count() == 1 and Participation.objects.count() == 1


def test_a_second_tab_submitting_after_the_first_stores_nothing(people, survey):
    member = people["member"]
    response_submit(survey=survey, user=member, answers=[])
    with pytest.raises(AlreadyAnsweredError):
        response_submit(survey=survey, user=member, answers=[])
    assert Response.objects.count() == 1 and Participation.objects.count() == 1


# --- The builder --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("staff", 403), ("member", 403), ("coordinator", 200), ("admin", 200)],
)
def test_who_may_build(client, people, survey, who, status):
    c = _client(client, people[who])
    for url in (
        reverse("surveys:manage"),
        reverse("surveys:create"),
        reverse("surveys:build", args=[survey.pk]),
        reverse("surveys:preview", args=[survey.pk]),
        reverse("surveys:edit", args=[survey.pk]),
    ):
        assert c.get(url).status_code == status, url


def test_staff_cannot_publish_or_add_questions(client, people, survey):
    client.force_login(people["member"])
    section = survey.sections.first()
    before = Question.objects.count()
    assert client.post(reverse("surveys:publish", args=[survey.pk])).status_code == 403
    response = client.post(
        reverse("surveys:question_create", args=[survey.pk, section.pk]),
        {"kind": "short_text", "text": "Uusi?"},
    )
    assert response.status_code == 403
    assert Question.objects.count() == before


def test_coordinator_builds_and_publishes_a_survey(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people["coordinator"])
    now = timezone.localtime()
    response = client.post(
        reverse("surveys:create"),
        {
            "title": "Uusi kysely",
            "title_sv": "Ny enkät",
            "opens_at": (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "results_visibility": "staff",
            "audience": "everyone",
        },
    )
    survey = Survey.objects.get(title_fi="Uusi kysely")
    assert response.url == reverse("surveys:build", args=[survey.pk])
    assert survey.title_sv == "Ny enkät" and survey.visibility == "staff"
    client.post(reverse("surveys:section_create", args=[survey.pk]), {"title": "Osio"})
    section = survey.sections.get()
    response = client.post(
        reverse("surveys:question_create", args=[survey.pk, section.pk]),
        {
            "kind": "multiple",
            "text": "Mitä tukea tarvitset?",
            "text_sv": "Vilket stöd behöver du?",
            "choices_fi": "Työnohjausta\nKoulutusta\n",
            "choices_sv": "Handledning\nUtbildning",
            "allow_other": "on",
        },
    )
    assert response.status_code == 302
    question = section.questions.get()
    assert [c.text_sv for c in question.choices.all()] == ["Handledning", "Utbildning"]
    # Lines that do not match are refused and change nothing.
    response = client.post(
        reverse("surveys:question_edit", args=[survey.pk, question.pk]),
        {"kind": "multiple", "text": "Muutettu", "choices_fi": "A\nB\nC", "choices_sv": "X"},
    )
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.text_fi == "Mitä tukea tarvitset?" and question.choices.count() == 2
    assert client.get(reverse("surveys:preview", args=[survey.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:publish", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.published_at is not None and survey.invitations_sent_at is not None
    # Every signed-in person (the audience) was invited in the app.
    from kaiku.notifications.models import Notification

    assert Notification.objects.filter(kind="survey_invitation", user=people["member"]).exists()


def test_publish_is_refused_without_questions(client, people):
    survey = SurveyFactory(published_at=None)
    client.force_login(people["coordinator"])
    client.post(reverse("surveys:publish", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.published_at is None


def test_locked_questions_cannot_change_but_the_title_can(client, people, survey):
    response_submit(survey=survey, user=people["member"], answers=[])
    question = Question.objects.filter(survey=survey).first()
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("surveys:question_edit", args=[survey.pk, question.pk]),
        {"kind": "likert", "text": "Muutettu", "scale_points": "5"},
        follow=True,
    )
    assert "The questions are locked" in response.content.decode()
    question.refresh_from_db()
    assert question.text_fi != "Muutettu"
    for name in ("question_delete", "question_move"):
        client.post(reverse(f"surveys:{name}", args=[survey.pk, question.pk]))
    assert Question.objects.filter(pk=question.pk).exists()
    client.post(reverse("surveys:section_create", args=[survey.pk]), {"title": "Uusi"})
    assert survey.sections.count() == 2
    response = client.post(
        reverse("surveys:edit", args=[survey.pk]),
        {
            "title": "Uusi nimi",
            "opens_at": timezone.localtime(survey.opens_at).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": timezone.localtime(survey.closes_at).strftime("%Y-%m-%dT%H:%M"),
            "results_visibility": "staff",
            "audience": "types",
            "audience_types": ["te_office"],
        },
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title_fi == "Uusi nimi"


def test_move_and_delete(client, people):
    survey = SurveyFactory(published_at=None)
    section = SectionFactory(survey=survey)
    first = QuestionFactory(section=section, order=0)
    second = QuestionFactory(section=section, order=1)
    client.force_login(people["coordinator"])
    client.post(reverse("surveys:question_move", args=[survey.pk, second.pk]), {"direction": "up"})
    assert list(section.questions.order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    client.post(reverse("surveys:question_delete", args=[survey.pk, first.pk]))
    assert not Question.objects.filter(pk=first.pk).exists()
    client.post(reverse("surveys:section_delete", args=[survey.pk, section.pk]))
    assert not survey.sections.exists()


def test_a_question_of_another_survey_is_a_404(client, people, survey):
    other = QuestionFactory(section=SectionFactory(survey=SurveyFactory()))
    client.force_login(people["coordinator"])
    url = reverse("surveys:question_edit", args=[survey.pk, other.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("surveys:build", args=[2**40])).status_code == 404


# --- Query counts -------------------------------------------------------------------------------


def _many_surveys(n):
    for _ in range(n):
        section = SectionFactory()
        QuestionFactory(section=section, kind=QuestionKind.SHORT_TEXT, scale_points=None)


def test_list_pages_keep_their_query_count(client, people, django_assert_max_num_queries):
    client.force_login(people["coordinator"])
    _many_surveys(2)
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("surveys:list"))
        client.get(reverse("surveys:manage"))
        client.get(reverse("site:home"))
    _many_surveys(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("surveys:list"))
        client.get(reverse("surveys:manage"))
        client.get(reverse("site:home"))
