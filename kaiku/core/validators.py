"""Validators shared by every app.

Titles and names are shown in lists, page titles, emails and download names. Invisible
characters in them can make text read differently from what it is: the right-to-left
override (U+202E) turns "Pöytäkirja‮gpj.exe" into what reads as "Pöytäkirjaexe.jpg", and
a line break in a title can split an email header or a log line. They are refused in
titles (:func:`validate_plain_title`) and removed from names Kaiku did not choose, such as
an uploaded file's name (:func:`strip_invisible_controls`).
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Unicode's explicit direction controls: embeddings and overrides (U+202A-U+202E), isolates
#: (U+2066-U+2069), the direction marks (U+200E, U+200F) and the Arabic letter mark (U+061C).
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def _is_control(char: str) -> bool:
    """C0 and C1 control characters (line breaks, tabs, NUL, escape...)."""
    return unicodedata.category(char) == "Cc"


def validate_plain_title(value: str) -> None:
    """Refuse text-direction controls and control characters in a one-line title or name."""
    if not value:
        return
    if any(char in BIDI_CONTROLS for char in value):
        raise ValidationError(
            _(
                "Remove the invisible text-direction characters (such as a right-to-left "
                "override): they make the text read differently from what it is."
            ),
            code="bidi_control",
        )
    if any(_is_control(char) for char in value):
        raise ValidationError(
            _("Remove the line breaks, tabs and other control characters."),
            code="control_character",
        )


def strip_invisible_controls(value: str) -> str:
    """``value`` without text-direction controls and control characters."""
    return "".join(c for c in value if c not in BIDI_CONTROLS and not _is_control(c))
