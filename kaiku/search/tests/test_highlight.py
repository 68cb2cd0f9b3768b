"""Highlighting writes the text escaped with the matching words in ``<mark>``, whether the
text has characters to escape or not."""

from __future__ import annotations

import html
import re

import pytest

from kaiku.search.analysis import WORD, highlight, parse_query, snippet


def _reference(text: str, query) -> str:
    # Word by word: escaped, matching words (any inflected form) marked.
    return "".join(
        f"<mark>{html.escape(piece)}</mark>"
        if WORD.fullmatch(piece) and query.word_matches(piece, "fi")
        else html.escape(piece)
        for piece in re.split(f"({WORD.pattern})", text)
        if piece
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kunnan vuosilomat ja kunnat",
        'Kunta & "kunnat" <b>kunnan</b> it\'s',
        "Ei osumaa tässä tekstissä",
        "<script>alert('ei')</script>",
        "",
        "kunta",
    ],
)
def test_highlight_marks_the_matching_words_of_the_escaped_text(text):
    query = parse_query("kunta")
    assert highlight(text, query) == _reference(text, query)
    assert snippet(text, query) == _reference(" ".join(text.split()), query)
