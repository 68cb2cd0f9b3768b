from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.accounts.models import User
from kaiku.core.forms import (
    OneTimeTokenFormMixin,
    SafeInputFormMixin,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
    use_markdown,
)
from kaiku.core.translations import TranslatedFormMixin, other_languages
from kaiku.programme.models import Programme, WorkingGroup
from kaiku.programme.selectors import group_visible_q

from . import selectors
from .models import Keyword, NewsItem

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class GroupChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.programme.name})"


class GroupMultipleChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.programme.name})"


class ContactPersonsField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.title})" if obj.title else obj.display_name


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
    archived = forms.BooleanField(label=_("Archived items only"), required=False)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        # Only groups the viewer may see can be chosen (a hidden id is "not a choice"). The
        # options are written from the programme app's group_options: the queryset only
        # validates a chosen group, and is built only then (an empty value never reads it).
        if self.is_bound and self.data.get(self.add_prefix("group")):
            self.fields["group"].queryset = _visible_groups(viewer)

    def valid_filters(self) -> dict:
        """The values that passed validation; invalid ones are ignored (and shown as errors)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}


class NewsItemForm(TranslatedFormMixin, OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    translated_fields = ("title", "summary", "body")
    contact_persons = ContactPersonsField(
        label=_("Contact persons"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "People with an account: the members of the working groups you can see and the "
            "communications staff. Write other contacts below."
        ),
    )
    publish_now = forms.BooleanField(
        label=_("Publish now"),
        required=False,
        help_text=_("Or give a publication time above; without either the item is a draft."),
    )

    class Meta:
        model = NewsItem
        fields = [
            "kind", "title_fi", "slug", "summary_fi", "body_fi", "keywords", "contact_info",
            "related_groups", "programme", "pinned", "published_at", "visibility",
            *other_languages("title", "summary", "body"),
        ]  # fmt: skip
        widgets = {
            "summary_fi": forms.Textarea(attrs={"rows": 3}),
            "body_fi": forms.Textarea(attrs={"rows": 14}),
            "keywords": forms.CheckboxSelectMultiple,
            "related_groups": forms.CheckboxSelectMultiple,
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
        self.fields["contact_persons"].queryset = selectors.contact_candidates(
            viewer=viewer, item=self.instance
        )
        use_markdown(self, ("body",))
        if self.instance.pk and self.instance.is_published:
            del self.fields["publish_now"]

    def clean_contact_persons(self) -> list[User]:
        """Only the people offered can be chosen (an id of anyone else is "not one of the
        available choices")."""
        return list(self.cleaned_data.get("contact_persons") or [])

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
        data.pop("publish_now", None)
        return data
