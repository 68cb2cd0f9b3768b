from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import OPEN_VISIBILITIES, Visibility
from kaiku.core.forms import OneTimeTokenFormMixin, SafeInputFormMixin, use_markdown

from .models import BODY_MAX_LENGTH, Discussion, ReactionKind

MARKDOWN_HELP = _("Markdown: **bold**, *italics*, lists and links. Mention people with @name.")


class CommentForm(OneTimeTokenFormMixin, SafeInputFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Write a comment before sending it.")},
    )
    parent = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_markdown(self, ("body",))


class CommentEditForm(SafeInputFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("A comment cannot be empty. Remove it instead.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_markdown(self, ("body",))


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)


class DiscussionForm(OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    class Meta:
        model = Discussion
        fields = ["title", "body", "visibility"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"body": MARKDOWN_HELP}

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        if group is None:
            self.fields["visibility"].choices = OPEN_VISIBILITIES
        else:
            # Never more visible than the group: its members only for a members-only group.
            rank = [v for v, _label in Visibility.choices]
            start = rank.index(group.visibility)
            self.fields["visibility"].choices = [
                (v, label) for v, label in Visibility.choices if rank.index(v) >= start
            ]
            if self.instance.pk is None:
                self.initial.setdefault("visibility", group.visibility)
        use_markdown(self, ("body",))
