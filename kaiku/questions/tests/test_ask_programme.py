"""Which programme a question is about: the asked group's, or the one chosen when several
programmes are offered (the ask page and the API), and "Ask this group a question"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from kaiku.core.content import Visibility

from ..models import Question
from .factories import ProgrammeFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

ASK = "/en/questions/ask/"
API = "/api/v1/questions/"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def second(programme):
    """A second programme, created after the first (the default)."""
    return ProgrammeFactory(name="Toinen ohjelma", slug="toinen")


@pytest.fixture
def second_group(second):
    return WorkingGroupFactory(name="Toisen ryhmä", slug="toisen-ryhma", programme=second)


def _ask(client, **data):
    return client.post(
        ASK, {"title": "Mihin ohjelmaan kysymys kuuluu?", "visibility": "public", **data}
    )


# --- The ask page -----------------------------------------------------------------------------


def test_with_one_programme_there_is_no_choice(client, people, programme, group):
    client.force_login(people["asker"])
    response = client.get(ASK)
    assert response.status_code == 200
    assert 'name="programme"' not in response.content.decode()
    assert _ask(client, group=group.pk).status_code == 302
    assert Question.objects.get().programme == programme


def test_with_several_programmes_the_first_is_offered_first_and_chosen(
    client, people, programme, second, group, second_group
):
    client.force_login(people["asker"])
    response = client.get(ASK)
    html = response.content.decode()
    assert html.count('name="programme"') == 2
    form = response.context["form"]
    assert [p.pk for p in form.fields["programme"].queryset] == [programme.pk, second.pk]
    assert form["programme"].value() == programme.pk
    # The groups of every programme, named with their programme.
    assert "Toisen ryhmä (Toinen ohjelma)" in html
    assert "<legend>Programme" in html


def test_a_question_to_a_group_is_about_the_groups_programme(
    client, people, programme, second, second_group
):
    client.force_login(people["asker"])
    response = _ask(client, programme=second.pk, group=second_group.pk)
    assert response.status_code == 302, response.content.decode()
    question = Question.objects.get()
    assert question.programme == second and question.group == second_group


def test_a_group_of_another_programme_is_refused(client, people, programme, second, second_group):
    client.force_login(people["asker"])
    response = _ask(client, programme=programme.pk, group=second_group.pk)
    assert response.status_code == 400
    html = response.content.decode()
    assert "is in the programme Toinen ohjelma" in html
    assert "Toisen ryhmä" in html
    assert not Question.objects.exists()


def test_the_chosen_programme_without_a_group(client, people, programme, second, second_group):
    client.force_login(people["asker"])
    assert _ask(client, programme=second.pk).status_code == 302
    assert Question.objects.get().programme == second


@pytest.mark.parametrize(
    "value", ["", "abc", "-1", "0", "999999", "99999999999999999999", "1; DROP TABLE", "1.5"]
)
def test_a_bad_programme_is_a_form_error(client, people, programme, second, value):
    client.force_login(people["asker"])
    response = _ask(client, programme=value)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Question.objects.exists()


def test_a_members_only_group_of_the_second_programme_is_not_a_choice(
    client, people, programme, second
):
    hidden = WorkingGroupFactory(programme=second, visibility=Visibility.MEMBERS)
    client.force_login(people["asker"])
    response = _ask(client, programme=second.pk, group=hidden.pk)
    assert response.status_code == 400
    assert not Question.objects.exists()


# --- "Ask this group a question" ----------------------------------------------------------------


def test_the_group_is_prefilled_with_its_programme(client, people, programme, second, second_group):
    client.force_login(people["asker"])
    response = client.get(f"{ASK}?group={second_group.pk}")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["group"].value() == second_group.pk
    assert form["programme"].value() == second.pk
    html = response.content.decode()
    assert re.search(rf'<option value="{second_group.pk}"[^>]*selected', html)
    assert re.search(rf'<input type="radio" name="programme" value="{second.pk}"[^>]*checked', html)


def test_the_group_is_prefilled_with_one_programme(client, people, programme, group):
    client.force_login(people["asker"])
    response = client.get(f"{ASK}?group={group.pk}")
    assert response.context["form"]["group"].value() == group.pk


@pytest.mark.parametrize("value", ["", "abc", "-3", "0", "99999999999999999999", "1e5", "hidden"])
def test_a_bad_or_unseen_group_is_ignored(client, people, programme, group, value):
    hidden = WorkingGroupFactory(programme=programme, visibility=Visibility.MEMBERS)
    if value == "hidden":
        value = str(hidden.pk)
    client.force_login(people["asker"])
    response = client.get(f"{ASK}?group={value}")
    assert response.status_code == 200
    assert response.context["form"]["group"].value() is None


def test_the_group_page_links_to_asking_the_group(client, people, programme, group):
    client.force_login(people["staff"])
    response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    assert f'href="{reverse("questions:ask")}?group={group.pk}"' in response.content.decode()


# --- The API ----------------------------------------------------------------------------------


@pytest.fixture
def api(people):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(people["staff"])
    return client


def _api_ask(api, **data):
    return api.post(API, {"title": "Mihin ohjelmaan kysymys kuuluu?", **data})


def test_api_a_group_gives_its_programme(api, programme, second, second_group):
    response = _api_ask(api, group="toisen-ryhma")
    assert response.status_code == 201, response.content
    assert response.json()["programme"] == "toinen"
    question = Question.objects.get()
    assert question.programme == second and question.group == second_group


def test_api_a_group_of_another_programme_is_refused(api, programme, second, second_group):
    response = _api_ask(api, group="toisen-ryhma", programme="te24")
    assert response.status_code == 400
    fields = response.json()["extra"]["fields"]
    assert 'The working group "toisen-ryhma" is not in the programme "te24".' in str(
        fields["group"]
    )
    assert not Question.objects.exists()


def test_api_the_same_slug_in_two_programmes_needs_the_programme(api, programme, group, second):
    twin = WorkingGroupFactory(slug=group.slug, programme=second)
    response = _api_ask(api, group=group.slug)
    assert response.status_code == 400
    assert "give the programme" in str(response.json()["extra"]["fields"]["programme"])
    assert not Question.objects.exists()
    response = _api_ask(api, group=group.slug, programme="toinen")
    assert response.status_code == 201, response.content
    assert Question.objects.get().group == twin


def test_api_the_programme_without_a_group(api, programme, second):
    assert _api_ask(api, programme="toinen").status_code == 201
    assert Question.objects.get().programme == second


@pytest.mark.parametrize("value", ["ei-ole", "9" * 30, "", None, 12])
def test_api_a_bad_programme_is_400(api, programme, value):
    response = api.post(API, {"title": "Huono ohjelma?", "programme": value}, format="json")
    assert response.status_code == 400, response.content
    assert "programme" in response.json()["extra"]["fields"]
    assert not Question.objects.exists()


def test_api_a_members_only_group_of_another_programme_is_unknown(api, programme, second):
    WorkingGroupFactory(programme=second, slug="salainen", visibility=Visibility.MEMBERS)
    response = _api_ask(api, group="salainen")
    assert response.status_code == 400
    assert 'There is no working group "salainen"' in str(response.json()["extra"]["fields"])
    assert not Question.objects.exists()
