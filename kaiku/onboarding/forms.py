"""Forms of onboarding: programmes, modules and tasks for those who manage onboarding, and
the enrolment of a newcomer with their supervisor and mentor (people are chosen from a list,
not typed)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.core.forms import SafeInputFormMixin, SafeModelChoiceField
from kaiku.core.translations import TranslatedFormMixin, other_languages
from kaiku.organisations.models import Organisation

from .models import Enrolment, Module, OnboardingProgramme, Task
from .selectors import people_candidates

DATE_FORMAT = "%Y-%m-%d"


class PersonChoiceField(SafeModelChoiceField):
    """A person from the list of active accounts: their name and, to tell namesakes apart,
    their email address."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.email})"


class OrganisationChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.name)


class ProgrammeForm(TranslatedFormMixin, SafeInputFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")

    class Meta:
        model = OnboardingProgramme
        fields = [
            "title_fi", "description_fi", "organisation", "published",
            *other_languages("title", "description"),
        ]  # fmt: skip
        widgets = {"description_fi": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation"].empty_label = _("No organisation")


class ModuleForm(TranslatedFormMixin, SafeInputFormMixin, forms.ModelForm):
    translated_fields = ("title",)

    class Meta:
        model = Module
        fields = ["title_fi", "order", *other_languages("title")]
        help_texts = {"order": _("Modules are shown from the smallest number up.")}


class ModuleChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.title)


class TaskForm(TranslatedFormMixin, SafeInputFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")

    class Meta:
        model = Task
        fields = [
            "module", "title_fi", "description_fi", "due_offset_days", "responsible", "order",
            *other_languages("title", "description"),
        ]  # fmt: skip
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 3}),
            "responsible": forms.RadioSelect,
        }
        field_classes = {"module": ModuleChoiceField}
        help_texts = {"order": _("Tasks are shown from the smallest number up.")}

    def __init__(self, *args, programme: OnboardingProgramme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(programme=programme).order_by(
            "order", "pk"
        )
        self.fields["module"].empty_label = None


class EnrolmentForm(SafeInputFormMixin, forms.ModelForm):
    """Enrol a newcomer (``programme`` given), or change an enrolment's start date, supervisor
    and mentor (the newcomer of an enrolment is not changed: enrol the right person instead)."""

    class Meta:
        model = Enrolment
        fields = ["newcomer", "start_date", "supervisor", "mentor"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT)}
        field_classes = {
            "newcomer": PersonChoiceField,
            "supervisor": PersonChoiceField,
            "mentor": PersonChoiceField,
        }
        help_texts = {
            "newcomer": _(
                "For a programme of an organisation, the people of that organisation and its "
                "units are listed."
            ),
            "start_date": _("The first working day. Due dates are counted from it."),
            "supervisor": _("Optional. Sees the checklist and does the supervisor's tasks."),
            "mentor": _("Optional. Sees the checklist and does the mentor's tasks."),
        }

    def __init__(self, *args, programme: OnboardingProgramme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        keep = (self.instance.supervisor_id, self.instance.mentor_id)
        people = people_candidates(organisation=programme.organisation, keep=keep)
        for name in ("newcomer", "supervisor", "mentor"):
            self.fields[name].queryset = people
        self.fields["supervisor"].empty_label = _("No supervisor")
        self.fields["mentor"].empty_label = _("No mentor")
        if self.instance.pk:
            del self.fields["newcomer"]

    def clean(self):
        cleaned = super().clean()
        newcomer = cleaned.get("newcomer") if "newcomer" in self.fields else self.instance.newcomer
        if newcomer is not None:
            if cleaned.get("supervisor") == newcomer:
                self.add_error("supervisor", _("The newcomer cannot be their own supervisor."))
            if cleaned.get("mentor") == newcomer:
                self.add_error("mentor", _("The newcomer cannot be their own mentor."))
            if (
                "newcomer" in self.fields
                and Enrolment.objects.filter(programme=self.programme, newcomer=newcomer).exists()
            ):
                self.add_error("newcomer", _("This person is already enrolled in this programme."))
        return cleaned

    def _post_clean(self):
        # The model's own checks run in the services (with the programme set); the form has
        # already said what is wrong in words tied to the fields.
        pass
