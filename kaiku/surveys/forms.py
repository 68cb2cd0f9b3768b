"""Forms of the survey builder and the answering form.

The answering form is built from a section's questions: one field per question (a matrix has
one per item), named ``q<question id>`` (``q<id>_<item id>``, and ``q<id>_other`` for the
"Other" text), so the form's data can be kept in a ``Draft`` as it is and bound again later.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kaiku.core.audience_forms import (
    AUDIENCE_FIELD_CLASSES,
    AUDIENCE_WIDGETS,
    AudienceFormMixin,
    audience_types_field,
)
from kaiku.core.forms import SafeInputFormMixin
from kaiku.core.translations import TranslatedFormMixin, other_languages
from kaiku.organisations.models import Organisation, OrganisationType, Region

from .models import (
    LONG_TEXT_MAX_LENGTH,
    NUMBER_DECIMALS,
    NUMBER_MAX_DIGITS,
    SHORT_TEXT_MAX_LENGTH,
    AudienceKind,
    Question,
    QuestionKind,
    Section,
    Survey,
)
from .services import LINE_LANGUAGES, AnswerData, Lines

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
OTHER = "other"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


# --- Builder ------------------------------------------------------------------------------------


class SurveyForm(TranslatedFormMixin, SafeInputFormMixin, AudienceFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")
    # The service checks that the audience has a selection (``services._set_audience``).
    audience_selection_required = {}
    audience_types = audience_types_field(OrganisationType.choices)

    class Meta:
        model = Survey
        fields = [
            "title_fi", "description_fi", "opens_at", "closes_at", "results_visibility",
            "audience", "audience_types", "audience_regions", "audience_organisations",
            *other_languages("title", "description"),
        ]  # fmt: skip
        widgets = {
            **AUDIENCE_WIDGETS,
            "description_fi": forms.Textarea(attrs={"rows": 5}),
            "opens_at": _datetime_widget(),
            "closes_at": _datetime_widget(),
            "results_visibility": forms.RadioSelect,
        }
        field_classes = AUDIENCE_FIELD_CLASSES

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.audience == AudienceKind.PEOPLE:
            # Chosen people are set by the capability that made the survey (an event's
            # feedback survey); the form keeps them but offers no way to pick people.
            self.fields["audience"].help_text = _(
                "Invited people: chosen where the survey was created (an event's participants)."
                " Choosing another audience removes the invitations."
            )
        else:
            self.fields["audience"].choices = [
                choice
                for choice in self.fields["audience"].choices
                if choice[0] != AudienceKind.PEOPLE
            ]
        self.fields["opens_at"].required = False
        self.fields["closes_at"].required = False

    def audience_querysets(self):
        return (
            Region.objects.order_by("code"),
            Organisation.objects.exclude(type=OrganisationType.MUNICIPALITY).order_by("name"),
        )

    def stored_audience_types(self) -> list[str]:
        # Organisation types are rows of their own (``SurveyOrganisationType``).
        return list(self.instance.audience_types.values_list("type", flat=True))

    def service_data(self) -> dict:
        return self.audience_service_data()


class SectionForm(TranslatedFormMixin, SafeInputFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")

    class Meta:
        model = Section
        fields = ["title_fi", "description_fi", *other_languages("title", "description")]
        widgets = {"description_fi": forms.Textarea(attrs={"rows": 3})}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(TranslatedFormMixin, SafeInputFormMixin, forms.ModelForm):
    """A question with, for choice and matrix questions, its choices or items one per line in
    Finnish and Swedish (the lines match by position)."""

    translated_fields = ("text", "help_text", "scale_low_label", "scale_high_label")
    choices_fi = forms.CharField(
        label=_("Choices (Finnish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "fi"}),
        help_text=_("For single and multiple choice: one choice a line, in order."),
    )
    choices_sv = forms.CharField(
        label=_("Choices (Swedish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "sv"}),
        help_text=_("The same choices in the same order, or empty."),
    )
    items_fi = forms.CharField(
        label=_("Matrix items (Finnish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "fi"}),
        help_text=_("For a matrix: one statement a line, each answered on the scale."),
    )
    items_sv = forms.CharField(
        label=_("Matrix items (Swedish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "sv"}),
        help_text=_("The same items in the same order, or empty."),
    )

    class Meta:
        model = Question
        fields = [
            "kind", "text_fi", "help_text_fi", "required", "scale_points",
            "scale_low_label_fi", "scale_high_label_fi", "allow_other", "number_min",
            "number_max",
            *other_languages("text", "help_text", "scale_low_label", "scale_high_label"),
        ]  # fmt: skip
        widgets = {
            "help_text_fi": forms.Textarea(attrs={"rows": 2}),
            "text_fi": forms.TextInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        question = self.instance
        if question.pk:
            for name, rows in (
                ("choices", question.choices.all()),
                ("items", question.items.all()),
            ):
                rows = list(rows)
                for code in LINE_LANGUAGES:
                    self.initial[f"{name}_{code}"] = "\n".join(
                        getattr(r, f"text_{code}") or "" for r in rows
                    ).strip("\n")

    def lines(self, name: str) -> Lines:
        return Lines(
            {code: _lines(self.cleaned_data.get(f"{name}_{code}", "")) for code in LINE_LANGUAGES}
        )

    def service_data(self) -> dict:
        data = {
            k: v for k, v in self.cleaned_data.items() if not k.startswith(("choices_", "items_"))
        }
        return {**data, "choices": self.lines("choices"), "items": self.lines("items")}


# --- Answering ----------------------------------------------------------------------------------

SCALE_LABELS = {
    5: (
        _("Strongly disagree"),
        _("Somewhat disagree"),
        _("Neither agree nor disagree"),
        _("Somewhat agree"),
        _("Strongly agree"),
    ),
    7: (
        _("Strongly disagree"),
        _("Disagree"),
        _("Somewhat disagree"),
        _("Neither agree nor disagree"),
        _("Somewhat agree"),
        _("Agree"),
        _("Strongly agree"),
    ),
}


def scale_choices(question: Question) -> list[tuple[int, str]]:
    points = question.scale_points or 5
    labels = [str(label) for label in SCALE_LABELS[points]]
    if question.scale_low_label:
        labels[0] = question.scale_low_label
    if question.scale_high_label:
        labels[-1] = question.scale_high_label
    return [(n, f"{n} – {label}") for n, label in enumerate(labels, start=1)]


def field_name(question: Question, item=None) -> str:
    return f"q{question.pk}" if item is None else f"q{question.pk}_{item.pk}"


def other_name(question: Question) -> str:
    return f"q{question.pk}_other"


def section_field_names(section: Section) -> list[str]:
    names = []
    for question in section.questions.all():
        if question.kind == QuestionKind.MATRIX:
            names += [field_name(question, item) for item in question.items.all()]
        else:
            names.append(field_name(question))
        if question.allow_other:
            names.append(other_name(question))
    return names


class SectionAnswerForm(forms.Form):
    """The questions of one section (the survey, its sections, questions, choices and items
    prefetched: no query here)."""

    def __init__(self, *args, section: Section, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        self.questions = list(section.questions.all())
        for question in self.questions:
            self._add(question)
        if disabled:
            for f in self.fields.values():
                f.disabled = True

    def _add(self, q: Question) -> None:
        help_text = q.help_text
        required = q.required
        if q.kind == QuestionKind.LIKERT:
            self.fields[field_name(q)] = forms.TypedChoiceField(
                label=q.text,
                help_text=help_text,
                required=required,
                choices=scale_choices(q),
                coerce=int,
                widget=forms.RadioSelect,
            )
        elif q.kind == QuestionKind.MATRIX:
            for item in q.items.all():
                self.fields[field_name(q, item)] = forms.TypedChoiceField(
                    label=item.text,
                    required=required,
                    choices=scale_choices(q),
                    coerce=int,
                    widget=forms.RadioSelect,
                )
        elif q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            choices = [(str(c.pk), c.text) for c in q.choices.all()]
            if q.allow_other:
                choices.append((OTHER, gettext("Other, please specify")))
            field_class = (
                forms.ChoiceField if q.kind == QuestionKind.SINGLE else forms.MultipleChoiceField
            )
            widget = (
                forms.RadioSelect if q.kind == QuestionKind.SINGLE else forms.CheckboxSelectMultiple
            )
            self.fields[field_name(q)] = field_class(
                label=q.text, help_text=help_text, required=required, choices=choices, widget=widget
            )
            if q.allow_other:
                self.fields[other_name(q)] = forms.CharField(
                    label=gettext("Other: %(question)s") % {"question": q.text},
                    required=False,
                    max_length=SHORT_TEXT_MAX_LENGTH,
                )
        elif q.kind == QuestionKind.NUMBER:
            self.fields[field_name(q)] = forms.DecimalField(
                label=q.text,
                help_text=help_text,
                required=required,
                max_digits=NUMBER_MAX_DIGITS,
                decimal_places=NUMBER_DECIMALS,
                min_value=q.number_min,
                max_value=q.number_max,
                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
            )
        else:
            long = q.kind == QuestionKind.LONG_TEXT
            self.fields[field_name(q)] = forms.CharField(
                label=q.text,
                help_text=help_text,
                required=required,
                max_length=LONG_TEXT_MAX_LENGTH if long else SHORT_TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5}) if long else forms.TextInput,
            )

    def clean(self):
        cleaned = super().clean()
        for q in self.questions:
            if not q.allow_other:
                continue
            picked = cleaned.get(field_name(q))
            picked = picked if isinstance(picked, list) else [picked] if picked else []
            other = (cleaned.get(other_name(q)) or "").strip()
            if OTHER in picked and not other:
                self.add_error(other_name(q), gettext("Write what the other option is."))
            elif other and OTHER not in picked:
                self.add_error(field_name(q), gettext("Choose “Other” or leave its text empty."))
        return cleaned

    def rows(self) -> list[dict]:
        """For the template: each question with its bound fields."""
        rows = []
        for q in self.questions:
            if q.kind == QuestionKind.MATRIX:
                rows.append(
                    {"question": q, "matrix": [self[field_name(q, i)] for i in q.items.all()]}
                )
            else:
                row = {"question": q, "field": self[field_name(q)]}
                if q.allow_other:
                    row["other"] = self[other_name(q)]
                rows.append(row)
        return rows

    def answers(self) -> list[AnswerData]:
        """The cleaned answers of a valid form."""
        data = self.cleaned_data
        result: list[AnswerData] = []
        for q in self.questions:
            if q.kind == QuestionKind.MATRIX:
                for item in q.items.all():
                    value = data.get(field_name(q, item))
                    result.append(AnswerData(question=q, item=item, value=value or None))
            elif q.kind == QuestionKind.LIKERT:
                result.append(AnswerData(question=q, value=data.get(field_name(q)) or None))
            elif q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                picked = data.get(field_name(q)) or []
                picked = picked if isinstance(picked, list) else [picked]
                by_pk = {str(c.pk): c for c in q.choices.all()}
                result.append(
                    AnswerData(
                        question=q,
                        choices=[by_pk[p] for p in picked if p in by_pk],
                        other_text=(data.get(other_name(q)) or "").strip()
                        if OTHER in picked
                        else "",
                    )
                )
            elif q.kind == QuestionKind.NUMBER:
                number = data.get(field_name(q))
                result.append(
                    AnswerData(question=q, number=Decimal(number) if number is not None else None)
                )
            else:
                result.append(AnswerData(question=q, text=(data.get(field_name(q)) or "").strip()))
        return result


def draft_values(form_data, section: Section) -> dict:
    """The section's fields from posted data, as JSON for a ``Draft`` (lists for multiple
    choices, text capped to the longest answer)."""
    values = {}
    for name in section_field_names(section):
        items = [str(v)[:LONG_TEXT_MAX_LENGTH] for v in form_data.getlist(name)][:60]
        if items:
            values[name] = items
    return values


def bind(data: dict) -> MultiValueDict:
    """Draft data (``{name: [values]}``) as form data."""
    return MultiValueDict({k: list(v) if isinstance(v, list) else [v] for k, v in data.items()})
