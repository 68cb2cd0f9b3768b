"""Forms of coaching programmes: the programme itself and its sessions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import OPEN_VISIBILITIES
from kaiku.core.forms import SafeModelMultipleChoiceField, use_markdown
from kaiku.core.translations import TranslatedFormMixin, other_languages
from kaiku.organisations.models import Organisation, OrganisationType, Region

from .coaching import PROGRAMME_AUDIENCES
from .models import AudienceKind, CoachingProgramme, Event


class _OrganisationField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.name)


class ProgrammeForm(TranslatedFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")
    audience_types = forms.MultipleChoiceField(
        label=_("Organisation types"),
        required=False,
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When the audience is organisation types."),
    )
    visibility = forms.ChoiceField(
        label=_("Who sees a programme for everyone"),
        choices=OPEN_VISIBILITIES,
        initial="staff",
        widget=forms.RadioSelect,
        help_text=_("When the audience is everyone. Other audiences see it only themselves."),
    )
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
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 8}),
            "audience": forms.RadioSelect,
            "audience_regions": forms.CheckboxSelectMultiple,
            "audience_organisations": forms.SelectMultiple(attrs={"size": 8}),
        }
        field_classes = {
            "audience_regions": SafeModelMultipleChoiceField,
            "audience_organisations": _OrganisationField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = PROGRAMME_AUDIENCES
        self.fields["audience_regions"].queryset = Region.objects.order_by("code")
        self.fields["audience_organisations"].queryset = Organisation.objects.exclude(
            type=OrganisationType.MUNICIPALITY
        ).order_by("name")
        instance = self.instance
        if instance.pk:
            self.initial["audience_types"] = instance.audience_type_list
            self.initial["visibility"] = (
                instance.visibility if instance.visibility in ("public", "staff") else "staff"
            )
            self.initial["published"] = instance.published_at is not None
        use_markdown(self, ["description"])

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience == AudienceKind.ORGANISATION_TYPES and not cleaned.get("audience_types"):
            self.add_error("audience_types", _("Choose at least one organisation type."))
        if audience == AudienceKind.REGIONS and not cleaned.get("audience_regions"):
            self.add_error("audience_regions", _("Choose at least one region."))
        if audience == AudienceKind.ORGANISATIONS and not cleaned.get("audience_organisations"):
            self.add_error("audience_organisations", _("Choose at least one organisation."))
        return cleaned

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        publish = data.pop("published", False)
        return {
            **{k: v for k, v in data.items() if not k.startswith("audience_")},
            "types": data.get("audience_types") or [],
            "regions": list(data.get("audience_regions") or []),
            "organisations": list(data.get("audience_organisations") or []),
            "publish": publish,
        }


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
