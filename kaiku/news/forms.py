from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.accounts.models import User
from kaiku.core.forms import (
    OneTimeTokenFormMixin,
    SafeInputFormMixin,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
)
from kaiku.programme.models import Programme, WorkingGroup
from kaiku.programme.selectors import group_visible_q

from .models import Keyword, NewsItem

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class GroupChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.programme.name})"


class GroupMultipleChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.programme.name})"


def _visible_groups(viewer):
    return (
        WorkingGroup.objects.filter(group_visible_q(viewer))
        .select_related("programme")
        .order_by("programme__name", "order", "name")
    )


class NewsFilterForm(SafeInputFormMixin, forms.Form):
    """The GET filter of the news list. Invalid values are reported, never fatal."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    keyword = SafeModelChoiceField(
        label=_("Keyword"),
        required=False,
        queryset=Keyword.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All keywords"),
    )
    group = GroupChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.none(),
        empty_label=_("All groups"),
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        # Only groups the viewer may see can be chosen (a hidden id is "not a choice").
        self.fields["group"].queryset = _visible_groups(viewer)

    def valid_filters(self) -> dict:
        """The values that passed validation; invalid ones are ignored (and shown as errors)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}


class NewsItemForm(OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    contact_emails = forms.CharField(
        label=_("Contact persons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Account email addresses, one per line or separated by commas."),
    )
    publish_now = forms.BooleanField(
        label=_("Publish now"),
        required=False,
        help_text=_("Or give a publication time above; without either the item is a draft."),
    )

    class Meta:
        model = NewsItem
        fields = [
            "kind", "title", "slug", "summary", "body", "keywords", "contact_info",
            "related_groups", "programme", "pinned", "published_at", "visibility",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "keywords": forms.CheckboxSelectMultiple,
            "published_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_FORMAT
            ),
        }
        field_classes = {
            "related_groups": GroupMultipleChoiceField,
            "keywords": SafeModelMultipleChoiceField,
            "programme": SafeModelChoiceField,
        }

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Part of the address. Made from the title if empty.")
        self.fields["keywords"].queryset = Keyword.objects.order_by("name")
        self.fields["related_groups"].queryset = _visible_groups(viewer)
        self.fields["programme"].queryset = Programme.objects.order_by("name")
        if self.instance.pk:
            self.initial.setdefault(
                "contact_emails",
                "\n".join(p.email for p in self.instance.contact_persons.order_by("pk")),
            )
            if self.instance.is_published:
                del self.fields["publish_now"]

    def clean_contact_emails(self) -> list[User]:
        raw = self.cleaned_data.get("contact_emails", "")
        emails = [e.strip().lower() for e in raw.replace(",", "\n").splitlines() if e.strip()]
        users = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
        missing = [e for e in emails if e.lower() not in users]
        if missing:
            raise forms.ValidationError(
                _("No account with the email address: %(emails)s"),
                params={"emails": ", ".join(missing)},
            )
        return list({u.pk: u for u in users.values()}.values())

    def clean_related_groups(self) -> list[WorkingGroup]:
        """The chosen groups, plus the item's groups this editor cannot see: those are not
        offered, so they were not unticked, and must not be dropped."""
        chosen = list(self.cleaned_data.get("related_groups") or [])
        if self.instance.pk:
            offered = self.fields["related_groups"].queryset.values("pk")
            chosen += list(self.instance.related_groups.exclude(pk__in=offered))
        return chosen

    def service_data(self) -> dict:
        """The cleaned values as keyword arguments of the services."""
        data = dict(self.cleaned_data)
        data["contact_persons"] = data.pop("contact_emails", [])
        data.pop("publish_now", None)
        return data
