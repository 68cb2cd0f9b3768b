"""Forms for the group editors. Field errors come from the models' validation, translated."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kaiku.core.forms import (
    OneTimeTokenFormMixin,
    SafeInputFormMixin,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
)
from kaiku.core.translations import TranslatedFormMixin, other_languages
from kaiku.organisations.models import Organisation

from . import selectors
from .models import (
    GroupDocument,
    GroupGoal,
    GroupTask,
    Meeting,
    Membership,
    Memo,
    Milestone,
    WorkingGroup,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class MeetingForm(TranslatedFormMixin, OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    translated_fields = ("title", "agenda")
    online_url = forms.URLField(
        label=capfirst(Meeting._meta.get_field("online_url").verbose_name),
        required=False,
        assume_scheme="https",
        max_length=200,
    )

    class Meta:
        model = Meeting
        fields = [
            "title_fi", "starts_at", "ends_at", "location", "online_url", "agenda_fi", "status",
            "visibility", *other_languages("title", "agenda"),
        ]  # fmt: skip
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_FORMAT
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_FORMAT
            ),
            "agenda_fi": forms.Textarea(attrs={"rows": 8}),
        }


class MilestoneForm(
    TranslatedFormMixin, OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm
):
    translated_fields = ("title",)

    class Meta:
        model = Milestone
        fields = ["title_fi", "due_on", "status", "visibility", *other_languages("title")]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class MemoForm(TranslatedFormMixin, OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    translated_fields = ("title", "body", "decisions")
    publish = forms.BooleanField(
        label=_("Publish now"),
        required=False,
        help_text=_("Unpublished memos are drafts that only the group's editors see."),
    )

    class Meta:
        model = Memo
        fields = [
            "meeting", "title_fi", "body_fi", "decisions_fi", "visibility",
            *other_languages("title", "body", "decisions"),
        ]  # fmt: skip
        widgets = {
            "body_fi": forms.Textarea(attrs={"rows": 12}),
            "decisions_fi": forms.Textarea(attrs={"rows": 6}),
        }
        field_classes = {"meeting": SafeModelChoiceField}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the group's own meetings can be chosen.
        self.fields["meeting"].queryset = Meeting.objects.filter(group=group).order_by("-starts_at")
        if self.instance.pk and self.instance.published_at:
            del self.fields["publish"]


class GroupTaskForm(
    TranslatedFormMixin, OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm
):
    translated_fields = ("title", "description")

    class Meta:
        model = GroupTask
        fields = ["title_fi", "description_fi", "order", *other_languages("title", "description")]
        widgets = {"description_fi": forms.Textarea(attrs={"rows": 4})}


class GroupGoalForm(
    TranslatedFormMixin, OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm
):
    translated_fields = ("title", "description")

    class Meta:
        model = GroupGoal
        fields = ["title_fi", "description_fi", "order", *other_languages("title", "description")]
        widgets = {"description_fi": forms.Textarea(attrs={"rows": 4})}


TIMELINE_STATUS_CHOICES = [
    ("planned", _("Planned")),
    ("in_progress", _("In progress")),
    ("done", _("Done")),
    ("late", _("Late")),
    ("overdue", _("Overdue")),
    ("held", _("Held")),
    ("cancelled", _("Cancelled")),
]


class TimelineFilterForm(SafeInputFormMixin, forms.Form):
    """GET filters of the timeline. Invalid values are reported and ignored, never a 500."""

    group = forms.ChoiceField(label=_("Working group"), required=False)
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Meetings and milestones")),
            ("meeting", _("Meetings")),
            ("milestone", _("Milestones")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *TIMELINE_STATUS_CHOICES],
    )
    start = forms.DateField(
        label=pgettext_lazy("timeline period", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=pgettext_lazy("timeline period", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, groups, **kwargs):
        """``groups``: ``(pk, slug, name, language)`` of the groups the viewer may see
        (``selectors.timeline_groups``); the choice is by slug."""
        super().__init__(*args, **kwargs)
        self.group_choices = [
            ("", _("All groups")),
            *((slug, name) for _pk, slug, name, _language in groups),
        ]
        # A callable: Django normalises a hundred groups' choices only when it checks a
        # chosen one (the page writes the options from ``group_choices``).
        self.fields["group"].choices = self._group_choices

    def _group_choices(self) -> list[tuple[str, str]]:
        return self.group_choices

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
            data.pop("start", None)  # a range that makes no sense is ignored whole
        return data

    def valid_filters(self) -> dict:
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }


class ContactPersonsField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class GroupMandateForm(TranslatedFormMixin, SafeInputFormMixin, forms.ModelForm):
    """The mandate, visibility and contact persons of a group, and its name in Swedish and
    English. The Finnish name, the slug and the parent group stay in the admin."""

    translated_fields = ("mandate", "name")
    contact_persons = ContactPersonsField(
        label=_("Contact persons"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the current members of the group can be chosen."),
    )

    class Meta:
        model = WorkingGroup
        fields = [
            "mandate_fi",
            "visibility",
            "contact_persons",
            *other_languages("mandate", "name"),
        ]
        widgets = {"mandate_fi": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_persons"].queryset = selectors.group_contact_candidates(
            group=self.instance
        )


class MembershipForm(OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    """A seat in the group. New members are found by the email address of their Kaiku
    account; the person of an existing seat is not changed (remove and add instead)."""

    email = forms.EmailField(
        label=_("Email address of the person"),
        help_text=_("The person must have a Kaiku account."),
    )

    class Meta:
        model = Membership
        fields = ["role", "represents", "term_start", "term_end"]
        widgets = {
            "term_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "term_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = {"represents": SafeModelChoiceField}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["represents"].queryset = Organisation.objects.order_by("name")
        if self.instance.pk:
            del self.fields["email"]
        else:
            self.order_fields(["email", *self._meta.fields])

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        person = (
            get_user_model()
            .objects.filter(email__iexact=email, is_active=True, removed_at__isnull=True)
            .first()
        )
        if person is None:
            raise forms.ValidationError(_("No active Kaiku account has this email address."))
        self.person = person
        return email

    def clean(self):
        cleaned = super().clean()
        person = getattr(self, "person", None)
        role = cleaned.get("role")
        if person is not None and role:
            exists = Membership.objects.filter(group=self.group, person=person, role=role)
            if exists.exists():
                self.add_error("role", _("This person already has this role in the group."))
        return cleaned


class DocumentForm(OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    """Upload a document. The type and size are checked by ``services.document_upload``
    (by content); the ``accept`` attribute only helps the browser's file picker."""

    class Meta:
        model = GroupDocument
        fields = ["title", "file", "visibility"]
        widgets = {
            "file": forms.FileInput(
                attrs={
                    "accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.md,.csv"
                }
            )
        }
