"""Forms of coaching programmes: the programme itself and its sessions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.core.audience_forms import (
    AUDIENCE_FIELD_CLASSES,
    AUDIENCE_WIDGETS,
    audience_types_field,
)
from kaiku.core.forms import SafeModelMultipleChoiceField, use_markdown
from kaiku.core.translations import TranslatedFormMixin, other_languages
from kaiku.organisations.models import OrganisationType

from .coaching import PROGRAMME_AUDIENCES
from .forms import EventsAudienceFormMixin, open_visibility_field
from .models import CoachingProgramme, Event


class ProgrammeForm(TranslatedFormMixin, EventsAudienceFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")
    audience_help = False
    audience_types = audience_types_field(OrganisationType.choices)
    visibility = open_visibility_field(_("Who sees a programme for everyone"))
    published = forms.BooleanField(
        label=_("Published"),
        required=False,
        help_text=_("A draft is seen by organisers only."),
    )

    class Meta:
        model = CoachingProgramme
        fields = [
            "title_fi", "description_fi", "audience", "audience_regions",
            "audience_organisations", *other_languages("title", "description"),
        ]  # fmt: skip
        widgets = {**AUDIENCE_WIDGETS, "description_fi": forms.Textarea(attrs={"rows": 8})}
        field_classes = AUDIENCE_FIELD_CLASSES

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = PROGRAMME_AUDIENCES
        if self.instance.pk:
            self.initial["published"] = self.instance.published_at is not None
        use_markdown(self, ["description"])

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        publish = data.pop("published", False)
        return {**self.audience_service_data(data), "publish": publish}


class _EventField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.starts_at:%d.%m.%Y} {obj.title}"


class SessionsForm(forms.Form):
    events = _EventField(
        label=_("Sessions"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The events you organise; a session of another programme moves here."),
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].queryset = events
