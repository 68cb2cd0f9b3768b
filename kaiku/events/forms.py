"""Forms of events: the organiser's event form, materials, cancelling, attendance, and the
list's filters."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaiku.core.audience_forms import (
    AUDIENCE_FIELD_CLASSES,
    AUDIENCE_WIDGETS,
    SELECTION_REQUIRED,
    AudienceFormMixin,
    audience_types_field,
)
from kaiku.core.content import OPEN_VISIBILITIES
from kaiku.core.forms import (
    OneTimeTokenFormMixin,
    SafeInputFormMixin,
    SafeModelChoiceField,
    use_markdown,
)
from kaiku.core.prepared import run
from kaiku.core.translations import Chooser, TranslatedFormMixin, other_languages
from kaiku.core.widgets import QuickSelect
from kaiku.organisations.models import Organisation, OrganisationType, Region

from .models import (
    MAX_CAPACITY,
    AudienceKind,
    CoachingProgramme,
    Event,
    EventKind,
    capacity_limit_message,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def open_visibility_field(label) -> forms.ChoiceField:
    """Who sees an event or a programme whose audience is everyone: public or staff."""
    return forms.ChoiceField(
        label=label,
        choices=OPEN_VISIBILITIES,
        initial="staff",
        widget=forms.RadioSelect,
        help_text=_("When the audience is everyone. Other audiences see it only themselves."),
    )


class EventsAudienceFormMixin(AudienceFormMixin):
    """The audience of an event or a coaching programme (``models.AudienceMixin``): the
    organisation types stored comma-separated, and the visibility for everyone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            self.initial["visibility"] = (
                instance.visibility if instance.visibility in ("public", "staff") else "staff"
            )

    def audience_querysets(self):
        return (
            Region.objects.order_by("code"),
            Organisation.objects.exclude(type=OrganisationType.MUNICIPALITY).order_by("name"),
        )

    def stored_audience_types(self) -> list[str]:
        return self.instance.audience_type_list


class EventForm(TranslatedFormMixin, SafeInputFormMixin, EventsAudienceFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")
    audience_selection_required = {
        **SELECTION_REQUIRED,
        AudienceKind.TEAM: ("team", _("Choose the team.")),
    }
    audience_types = audience_types_field(OrganisationType.choices)
    visibility = open_visibility_field(_("Who sees an event for everyone"))
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        help_text=_("Leave empty for no limit."),
        error_messages={"invalid": _("Give the number of places as a whole number.")},
    )
    past_ok = forms.BooleanField(
        label=_("The date is right: the event is in the past"),
        required=False,
        help_text=_("Tick this to record an event that has already taken place."),
    )

    class Meta:
        model = Event
        fields = [
            "kind", "title_fi", "description_fi", "starts_at", "ends_at", "location",
            "online_url", "registration_deadline", "audience", "audience_regions",
            "audience_organisations", "team", "series", "recording_url", "live_qa",
            *other_languages("title", "description"),
        ]  # fmt: skip
        widgets = {
            **AUDIENCE_WIDGETS,
            "description_fi": forms.Textarea(attrs={"rows": 8}),
            "starts_at": _datetime_widget(),
            "ends_at": _datetime_widget(),
            "registration_deadline": _datetime_widget(),
            "kind": forms.RadioSelect,
        }
        field_classes = {
            **AUDIENCE_FIELD_CLASSES,
            "team": SafeModelChoiceField,
            "series": SafeModelChoiceField,
        }
        help_texts = {
            "team": _("When the audience is one team, or the event is the team's own."),
            "recording_url": _("A link to the recording, once there is one."),
        }

    def __init__(self, *args, **kwargs):
        from kaiku.teams.models import Team

        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.order_by("name")
        self.fields["series"].queryset = CoachingProgramme.objects.order_by("title")
        self.fields["series"].help_text = _("Optional: the series this session belongs to.")
        self.fields["kind"].choices = EventKind.choices
        self.fields["audience"].choices = AudienceKind.choices
        self.fields["starts_at"].required = True
        self.fields["ends_at"].required = True
        if self.instance.pk:
            self.initial["capacity"] = self.instance.capacity
        use_markdown(self, ["description"])

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is None:
            return None
        if capacity < 1:
            raise forms.ValidationError(
                _("Give at least 1 place, or leave the field empty for no limit.")
            )
        if capacity > MAX_CAPACITY:
            raise forms.ValidationError(capacity_limit_message())
        return capacity

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        deadline = cleaned.get("registration_deadline")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        if deadline and ends and deadline > ends:
            self.add_error(
                "registration_deadline", _("Registration must close before the event ends.")
            )
        changed_time = not self.instance.pk or "starts_at" in self.changed_data
        if starts and changed_time and starts < timezone.now() and not cleaned.get("past_ok"):
            self.add_error(
                "starts_at",
                _(
                    "The event starts in the past. Check the date, or tick “The date is "
                    "right” to record a past event."
                ),
            )
        return cleaned

    def _post_clean(self):
        # The capacity is a form field of its own (clearer messages); the model checks the
        # rest on the instance.
        self.instance.capacity = self.cleaned_data.get("capacity")
        super()._post_clean()

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("past_ok", None)
        return self.audience_service_data(data)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Told to those registered."),
    )


class MaterialForm(OneTimeTokenFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), required=False, max_length=1000, assume_scheme="https")
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.FileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv"}
        ),
    )
    after_event = forms.BooleanField(
        label=_("Published after the event"),
        required=False,
        help_text=_("Shown only once the event has ended (e.g. slides, a recording)."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("file"):
            raise forms.ValidationError(_("Give a link or a file."))
        if cleaned.get("url") and cleaned.get("file"):
            raise forms.ValidationError(_("Give a link or a file, not both."))
        return cleaned


def _regions(*, columns: tuple[str, ...]):
    # _RegionChoices' query, kept (``kaiku.core.prepared``).
    return Region.objects.order_by("code").values_list("slug", *columns)


class _RegionChoices(forms.models.ModelChoiceIterator):
    """The region filter's choices as plain ``(slug, name)`` pairs read by a kept query (no
    model instance nor modeltranslation per region); the field still validates the
    submitted slug against its queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        chooser = Chooser()
        columns = tuple(chooser.columns(Region, "name"))
        name = chooser.picker(Region, "name", at=1)
        for row in run(_regions, shape={"columns": columns}):
            yield (row[0], name(row))


class _RegionField(SafeModelChoiceField):
    iterator = _RegionChoices


class EventFilterForm(forms.Form):
    # The widgets write Django's HTML in Python (kaiku.core.widgets).
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *EventKind.choices],
        widget=QuickSelect,
    )
    region = _RegionField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.order_by("code"),
        empty_label=_("All regions"),
        to_field_name="slug",
        widget=QuickSelect,
    )

    def valid_filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "kind": self.cleaned_data.get("kind") or "",
            "region": self.cleaned_data.get("region"),
        }
