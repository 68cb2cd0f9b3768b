"""``escape_text`` and ``escape_plain`` write what Django's ``conditional_escape`` and
``escape`` write."""

from __future__ import annotations

import pytest
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from kaiku.core.escaping import escape_plain, escape_text

VALUES = [
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
]


@pytest.mark.parametrize("value", VALUES)
def test_the_same_as_conditional_escape(value):
    assert escape_text(value) == conditional_escape(value)


@pytest.mark.parametrize("value", [*VALUES, gettext_lazy("Overdue")])
def test_escape_plain_is_escape_as_plain_text(value):
    # Safe markup is escaped too, as Django's escape does; the answer is a plain str.
    written = escape_plain(value)
    assert written == escape(value)
    assert not isinstance(written, SafeString)
