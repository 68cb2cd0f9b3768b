"""``core.forms.add_service_errors``: a service's refusal shown on the form."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from kaiku.core.forms import add_service_errors
from kaiku.core.ratelimit import RateLimitError


class _Form(forms.Form):
    title = forms.CharField()


def _form():
    form = _Form({"title": "x"})
    assert form.is_valid()
    return form


def test_field_errors_go_on_their_fields_and_unknown_fields_on_the_form():
    form = _form()
    add_service_errors(form, ValidationError({"title": "Bad title.", "other": "Bad other."}))
    assert form.errors["title"] == ["Bad title."]
    assert form.non_field_errors() == ["Bad other."]


def test_plain_errors_and_rate_limits_go_on_the_form():
    form = _form()
    add_service_errors(form, ValidationError("Refused."))
    add_service_errors(form, RateLimitError("Wait 5 seconds.", retry_after=5))
    assert form.non_field_errors() == ["Refused.", "Wait 5 seconds."]


def test_anything_else_is_not_hidden_as_a_form_error():
    with pytest.raises(TypeError):
        add_service_errors(_form(), KeyError("x"))
