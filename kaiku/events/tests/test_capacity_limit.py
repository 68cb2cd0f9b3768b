"""The largest capacity is told the same way by the form and the model, grouped as the
language groups thousands."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ..forms import EventForm
from ..models import MAX_CAPACITY, capacity_limit_message
from .factories import EventFactory

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "At most 100,000 places."),
        ("fi", f"100{NBSP}000"),
        ("sv", f"100{NBSP}000"),
    ],
)
def test_the_message_groups_the_number_the_languages_way(language, message):
    with translation.override(language):
        assert message in capacity_limit_message()


def test_the_form_and_the_model_say_the_same(db):
    with translation.override("fi"):
        form = EventForm(data={"capacity": str(MAX_CAPACITY + 1)})
        form.is_valid()
        assert form.errors["capacity"] == [capacity_limit_message()]
        event = EventFactory.build(capacity=MAX_CAPACITY + 1)
        with pytest.raises(ValidationError) as refused:
            event.clean()
        assert refused.value.message_dict["capacity"] == [capacity_limit_message()]
