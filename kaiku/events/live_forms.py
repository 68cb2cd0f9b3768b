"""Forms of the live Q&A: asking, hiding with a reason, moving into the questions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kaiku.core.forms import OneTimeTokenFormMixin, SafeModelChoiceField

from .live import HIDE_REASON_MAX_LENGTH
from .models import LIVE_QUESTION_MAX_LENGTH


class LiveQuestionForm(OneTimeTokenFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=LIVE_QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": LIVE_QUESTION_MAX_LENGTH}),
        error_messages={"required": _("Write your question.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # In the request's language: a formatted lazy string would be translated at import.
        self.fields["text"].help_text = ngettext(
            "At most %(max)d character. Others can vote it up.",
            "At most %(max)d characters. Others can vote it up.",
            LIVE_QUESTION_MAX_LENGTH,
        ) % {"max": LIVE_QUESTION_MAX_LENGTH}


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=HIDE_REASON_MAX_LENGTH,
        help_text=_("The asker sees the reason."),
        error_messages={"required": _("Give the reason for hiding.")},
    )


class MoveForm(forms.Form):
    """The programme the moved question is about (the questions capability's choice)."""

    programme = SafeModelChoiceField(
        label=_("Programme"), queryset=None, empty_label=None, widget=forms.Select
    )

    def __init__(self, *args, viewer, **kwargs):
        from kaiku.questions.forms import visible_programmes

        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = visible_programmes(viewer)
