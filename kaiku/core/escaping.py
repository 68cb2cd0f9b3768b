"""Escaping for markup written in Python (the rows of hot lists, see docs/performance.md).

``escape_text(value)`` writes what ``django.utils.html.conditional_escape`` writes, and
``escape_plain(value)`` what ``django.utils.html.escape`` writes (as a plain ``str``), each
with a short path: most names, titles and slugs contain none of the five characters
(``MARKUP``), and are returned as they are without ``html.escape``'s five passes.
"""

from __future__ import annotations

import html

from django.utils.html import conditional_escape

# The characters ``html.escape`` (and so Django's ``escape``) replaces.
MARKUP = frozenset("&<>\"'")


def escape_text(value) -> str:
    """``conditional_escape(value)``: a plain string escaped (unchanged when it has nothing
    to escape), safe markup kept, anything else escaped as its text."""
    if type(value) is str:
        return value if MARKUP.isdisjoint(value) else html.escape(value)
    return conditional_escape(value)


def escape_plain(value) -> str:
    """``django.utils.html.escape(value)`` as a plain ``str``: the value's text escaped, safe
    markup too (unchanged when it has nothing to escape)."""
    text = str(value)
    return text if MARKUP.isdisjoint(text) else html.escape(text)
