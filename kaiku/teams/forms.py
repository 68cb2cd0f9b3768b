"""Forms of teams. People are chosen from the list of active accounts, not typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Visibility
from kaiku.core.forms import (
    MarkdownPreviewFormMixin,
    OneTimeTokenFormMixin,
    SafeInputFormMixin,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
)
from kaiku.core.translations import TranslatedFormMixin, other_languages
from kaiku.organisations.models import Organisation, Region

from .models import (
    ChangeCoach,
    CoachingRequest,
    CoachingRequestStatus,
    Improvement,
    ImprovementStage,
    Mentorship,
    Team,
    TeamAgreement,
    TeamMembership,
    TeamSession,
)
from .selectors import people_candidates, team_offices

DATE_FORMAT = "%Y-%m-%d"
VISIBILITY_CHOICES = [
    (Visibility.PUBLIC.value, _("Everyone (public)")),
    (Visibility.STAFF.value, _("Signed-in people")),
    (Visibility.MEMBERS.value, _("Team members only")),
]


class PersonChoiceField(SafeModelChoiceField):
    """A person from the list of active accounts, with the email address to tell namesakes
    apart."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.email})"


class OrganisationChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.name)


class OrganisationsField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.name)


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT)


class TeamFilterForm(SafeInputFormMixin, forms.Form):
    office = OrganisationChoiceField(
        label=_("Office"),
        required=False,
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label=_("All offices"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = team_offices()

    def valid_office(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("office")
        return None


class TeamForm(
    TranslatedFormMixin,
    MarkdownPreviewFormMixin,
    OneTimeTokenFormMixin,
    SafeInputFormMixin,
    forms.ModelForm,
):
    translated_fields = ("name", "purpose")
    markdown_fields = ("purpose",)

    visibility = forms.ChoiceField(
        label=_("Who can see the team"),
        choices=VISIBILITY_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "The team's name, purpose and offices. Each agreement, session and improvement "
            "has its own visibility too."
        ),
    )

    class Meta:
        model = Team
        fields = [
            "name_fi", "purpose_fi", "visibility", "organisation", "offices",
            *other_languages("name", "purpose"),
        ]  # fmt: skip
        widgets = {"purpose_fi": forms.Textarea(attrs={"rows": 6})}
        field_classes = {"organisation": OrganisationChoiceField, "offices": OrganisationsField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name")
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("No organisation")
        self.fields["offices"].queryset = organisations
        self.fields["offices"].widget = forms.SelectMultiple(attrs={"size": 8})
        self.fields["offices"].help_text = _(
            "Where the members work: a team may span several offices. Hold Ctrl (or Cmd) to "
            "choose several."
        )

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "offices"}
        return data


class MemberAddForm(OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    person = PersonChoiceField(label=_("Person"), queryset=people_candidates())

    class Meta:
        model = TeamMembership
        fields = ["person", "role", "office", "joined_on"]
        widgets = {"joined_on": _date_widget()}
        field_classes = {"office": OrganisationChoiceField}

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields["person"].queryset = people_candidates().exclude(team_memberships__team=team)
        self.fields["office"].queryset = Organisation.objects.order_by("name")
        self.fields["office"].empty_label = _("Not given")

    def validate_unique(self):
        # The service refuses a second membership with a clear message.
        pass


class MemberUpdateForm(SafeInputFormMixin, forms.ModelForm):
    class Meta:
        model = TeamMembership
        fields = ["role", "office", "joined_on"]
        widgets = {"joined_on": _date_widget()}
        field_classes = {"office": OrganisationChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Organisation.objects.order_by("name")
        self.fields["office"].empty_label = _("Not given")


class ItemForm(
    MarkdownPreviewFormMixin, OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm
):
    markdown_fields = ("body",)
    visibility = forms.ChoiceField(
        label=_("Who can see it"),
        choices=VISIBILITY_CHOICES,
        initial=Visibility.MEMBERS.value,
        widget=forms.RadioSelect,
        help_text=_("Never more than the team itself."),
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        members = people_candidates().filter(team_memberships__team=team)
        for name in ("owner", "facilitator"):
            if name in self.fields:
                self.fields[name].queryset = members
                self.fields[name].empty_label = _("Nobody in particular")

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class AgreementForm(ItemForm):
    class Meta:
        model = TeamAgreement
        fields = ["title", "body", "visibility", "agreed_on", "review_on", "order"]
        widgets = {"agreed_on": _date_widget(), "review_on": _date_widget()}
        help_texts = {"order": _("Agreements are listed from the smallest number up.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False

    def clean_order(self):
        return self.cleaned_data.get("order") or 0


class SessionForm(ItemForm):
    class Meta:
        model = TeamSession
        fields = ["title", "held_on", "facilitator", "body", "visibility"]
        widgets = {"held_on": _date_widget()}
        field_classes = {"facilitator": PersonChoiceField}
        labels = {"body": _("What was discussed and decided")}


class ImprovementForm(ItemForm):
    class Meta:
        model = Improvement
        fields = ["title", "body", "owner", "result", "visibility"]
        field_classes = {"owner": PersonChoiceField}
        widgets = {"result": forms.Textarea(attrs={"rows": 3})}
        labels = {"body": _("What the team will try")}


class MoveForm(forms.Form):
    stage = forms.ChoiceField(choices=ImprovementStage.choices)


# --- Coaches ------------------------------------------------------------------------------------


class CoachFilterForm(SafeInputFormMixin, forms.Form):
    region = SafeModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All regions"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), ("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
    )
    theme = forms.CharField(
        label=_("Theme"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def valid_filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}


class CoachForm(SafeInputFormMixin, forms.ModelForm):
    person = PersonChoiceField(label=_("Person"), queryset=people_candidates())

    class Meta:
        model = ChangeCoach
        fields = ["person", "region", "languages", "themes", "introduction", "available"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"region": SafeModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.order_by("name")
        self.fields["region"].empty_label = _("Whole country")
        if self.instance.pk:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = people_candidates().filter(change_coach__isnull=True)

    def validate_unique(self):
        pass

    def clean_languages(self):
        codes = [c.strip().lower() for c in self.cleaned_data["languages"].split(",")]
        codes = [c for c in codes if c]
        if any(len(c) > 3 or not c.isalpha() for c in codes):
            raise forms.ValidationError(_("Give language codes separated by commas, e.g. fi, sv."))
        return ", ".join(dict.fromkeys(codes))


class CoachingRequestForm(OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    team = SafeModelChoiceField(label=_("For the team"), queryset=Team.objects.none())

    class Meta:
        model = CoachingRequest
        fields = ["team", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = None


class CoachingAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (CoachingRequestStatus.ACCEPTED.value, _("Accept")),
            (CoachingRequestStatus.DECLINED.value, _("Decline")),
            (CoachingRequestStatus.DONE.value, _("Mark done")),
        ],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Reply to the team"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MentorshipForm(OneTimeTokenFormMixin, SafeInputFormMixin, forms.ModelForm):
    class Meta:
        model = Mentorship
        fields = ["mentee", "mentor", "starts_on", "ends_on"]
        widgets = {"starts_on": _date_widget(), "ends_on": _date_widget()}
        field_classes = {"mentee": PersonChoiceField, "mentor": PersonChoiceField}

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        members = people_candidates().filter(team_memberships__team=team)
        self.fields["mentee"].queryset = members
        self.fields["mentee"].help_text = _("A member of the team, usually a new one.")
        self.fields["mentor"].queryset = people_candidates()
        self.fields["mentor"].help_text = _("Anyone in Kaiku; usually an experienced colleague.")
