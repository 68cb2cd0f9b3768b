"""``core.form_views.save_form``: the POST half of the apps' create and edit pages."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.utils import translation

from kaiku.accounts.tests.factories import UserFactory
from kaiku.core.form_views import save_form
from kaiku.core.forms import FORM_TOKEN_FIELD, OneTimeTokenFormMixin, new_form_token
from kaiku.core.ratelimit import RateLimitError


class _Form(forms.Form):
    title = forms.CharField()


class _OnceForm(OneTimeTokenFormMixin, _Form):
    pass


class _Saved:
    def __init__(self, title):
        self.title = title

    def get_absolute_url(self):
        return f"/saved/{self.title}/"


@pytest.fixture(autouse=True)
def _english():
    """The messages in English, the msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def post(rf, db):
    user = UserFactory()

    def make(data):
        request = rf.post("/things/new/", data)
        request.user = user
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        return request

    return make


def _messages(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_a_valid_form_is_saved_and_redirects_with_the_message(post):
    request = post({"title": "a"})
    form = _Form(request.POST)
    saved = []
    response = save_form(
        request,
        form,
        lambda: saved.append(form.cleaned_data["title"]) or _Saved("a"),
        success=lambda obj: f"Saved {obj.title}.",
        next_url=lambda obj: obj,
    )
    assert saved == ["a"]
    assert response.status_code == 302
    assert response.url == "/saved/a/"
    assert _messages(request) == ["Saved a."]


def test_the_next_address_may_be_a_route_name_or_a_url(post):
    request = post({"title": "a"})
    response = save_form(
        request, _Form(request.POST), lambda: None, success="Saved.", next_url="healthz"
    )
    assert response.url == "/healthz"
    request = post({"title": "a"})
    response = save_form(
        request, _Form(request.POST), lambda: None, success="Saved.", next_url="/x/#part"
    )
    assert response.url == "/x/#part"


def test_an_invalid_form_is_shown_again_without_saving(post):
    request = post({})
    form = _Form(request.POST)
    response = save_form(
        request, form, pytest.fail, success="Saved.", next_url="/x/"
    )  # save is never called
    assert response is None
    assert "title" in form.errors
    assert _messages(request) == []


def test_a_refusal_of_the_service_is_shown_on_the_form(post):
    request = post({"title": "a"})
    form = _Form(request.POST)

    def refuse():
        raise ValidationError({"title": "Taken."})

    assert save_form(request, form, refuse, success="Saved.", next_url="/x/") is None
    assert form.errors["title"] == ["Taken."]
    assert _messages(request) == []


def test_only_the_named_refusals_are_caught(post):
    def limited():
        raise RateLimitError("Wait 5 seconds.", retry_after=5)

    request = post({"title": "a"})
    with pytest.raises(RateLimitError):
        save_form(request, _Form(request.POST), limited, success="Saved.", next_url="/x/")
    request = post({"title": "a"})
    form = _Form(request.POST)
    response = save_form(
        request,
        form,
        limited,
        success="Saved.",
        next_url="/x/",
        refusals=(ValidationError, RateLimitError),
    )
    assert response is None
    assert form.non_field_errors() == ["Wait 5 seconds."]


def test_a_form_sent_twice_creates_once_and_goes_to_what_the_first_created(post):
    token = new_form_token()
    created = []

    def submit():
        request = post({"title": "a", FORM_TOKEN_FIELD: token})
        form = _OnceForm(request.POST)
        response = save_form(
            request,
            form,
            lambda: created.append(1) or _Saved(f"n{len(created)}"),
            success="Created.",
            next_url=lambda obj: obj.get_absolute_url() + "#top",
            once=True,
        )
        return request, response

    first_request, first = submit()
    second_request, second = submit()
    assert created == [1]
    assert first.url == second.url == "/saved/n1/#top"
    assert _messages(first_request) == ["Created."]
    assert _messages(second_request) == ["This form had already been sent. It was saved only once."]


def test_a_refused_create_releases_its_token(post):
    token = new_form_token()
    request = post({"title": "a", FORM_TOKEN_FIELD: token})
    form = _OnceForm(request.POST)

    def refuse():
        raise ValidationError("No.")

    assert save_form(request, form, refuse, success="Created.", next_url="/x/", once=True) is None
    assert form.non_field_errors() == ["No."]
    request = post({"title": "a", FORM_TOKEN_FIELD: token})
    response = save_form(
        request,
        _OnceForm(request.POST),
        lambda: _Saved("b"),
        success="Created.",
        next_url=lambda obj: obj,
        once=True,
    )
    assert response.url == "/saved/b/"
