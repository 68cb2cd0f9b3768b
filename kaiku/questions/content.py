from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Audience, register_audience

from .models import Answer, Question


def register_content() -> None:
    register_audience(Question, Audience(hidden_label=_("a question you can no longer see")))
    # An answer is exactly as visible as its question.
    register_audience(Answer, Audience(within="question", visibility_field=None))
