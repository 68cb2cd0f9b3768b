"""``escape_text`` writes what Django's ``conditional_escape`` writes."""

from __future__ import annotations

import pytest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from kaiku.core.escaping import escape_text


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Työryhmä",
        "A & B",
        "<b>",
        'say "hi"',
        "it's",
        "&amp;",
        mark_safe("<i>ok</i>"),
        1234,
        None,
    ],
)
def test_the_same_as_conditional_escape(value):
    assert escape_text(value) == conditional_escape(value)
