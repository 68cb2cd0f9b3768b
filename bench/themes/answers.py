"""The labelled Finnish answers of the themes evaluation. They live in
``kaiku/surveys/answers_fi.py``, one copy that the demo survey reads too (the app must not
import ``bench``); this module keeps the bench's name for them."""

from kaiku.surveys.answers_fi import ANSWERS, HELDOUT, HELDOUT_NOISE, NO_THEME, NOISE, labelled

__all__ = ["ANSWERS", "HELDOUT", "HELDOUT_NOISE", "NOISE", "NO_THEME", "labelled"]
