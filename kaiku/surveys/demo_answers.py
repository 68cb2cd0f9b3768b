"""The open answers of the demo survey, by theme: a selection of the hand-written answers of
``answers_fi`` (the themes evaluation reads the same module), so the demo's open questions
have themes to find. ``WORRIES`` are short answers to "what worries you most".

The selection (the first 14 answers of eight themes, the first 8 noise answers) and the
themes' order are what the demo and the bench step were built with: their random choices
depend on them."""

from __future__ import annotations

from .answers_fi import ANSWERS, WORRIES
from .answers_fi import NOISE as _ALL_NOISE

__all__ = ["NOISE", "SUPPORT", "WORRIES"]

_THEMES = (
    "jaksaminen",
    "työnohjaus",
    "tiedonkulku",
    "työmäärä",
    "asiakaspalvelu",
    "tietojärjestelmät",
    "yhteistyö kunnan kanssa",
    "esihenkilötyö",
)
_PER_THEME = 14

SUPPORT: dict[str, list[str]] = {theme: ANSWERS[theme][:_PER_THEME] for theme in _THEMES}
NOISE: list[str] = _ALL_NOISE[:8]
