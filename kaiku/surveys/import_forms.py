"""Forms of importing an earlier round: the upload, and the preview's column types."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from kaiku.core.forms import SafeInputFormMixin, SafeModelChoiceField
from kaiku.core.validators import validate_plain_title

from . import importing
from .models import TITLE_MAX_LENGTH, ResultsVisibility, Survey

ACCEPTED = (".csv", ".txt", ".tsv", ".xlsx")


class SurveyChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(title)s (round %(n)s)") % {"title": obj.title, "n": obj.round_number}


class ImportUploadForm(SafeInputFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV or XLSX file as Webropol or Microsoft Forms export it: a row per respondent, "
            "a column per question, the questions in the first row. At most 10 MB and "
            "50,000 rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )
    title = forms.CharField(
        label=_("Title of the survey"),
        max_length=TITLE_MAX_LENGTH,
        validators=[validate_plain_title],
        help_text=_("In Finnish. You can add the Swedish and English titles afterwards."),
    )
    previous = SurveyChoiceField(
        label=_("Next round of"),
        queryset=Survey.objects.order_by("-created", "-pk"),
        required=False,
        empty_label=_("(a new survey)"),
        help_text=_(
            "Choose the earlier round when this file is the next one: columns with the same "
            "question text get the same question type, so the results can be compared."
        ),
    )
    results_visibility = forms.ChoiceField(
        label=_("Who sees the results"),
        choices=ResultsVisibility.choices,
        initial=ResultsVisibility.STAFF,
        widget=forms.RadioSelect,
    )
    closed_on = forms.DateField(
        label=_("Closed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the round closed, if you know it. Empty: today."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importing.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB. Split it or remove columns not needed.")
                % {"mb": importing.MAX_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((*ACCEPTED, ".xls")):
            raise forms.ValidationError(_("Choose a CSV or XLSX file."))
        return upload

    def clean_closed_on(self):
        value = self.cleaned_data.get("closed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("An earlier round must have closed by today."))
        return value


def column_field_name(index: int) -> str:
    return f"column_{index}"


def matrix_field_name(start: int) -> str:
    return f"matrix_{start}"


class ImportColumnsForm(forms.Form):
    """One choice of type per column the import may use (identifying columns have none); a
    matrix (consecutive scale columns sharing a question) is one choice for all its columns:
    one matrix question, a scale question a column, or not imported."""

    def __init__(self, *args, plan: importing.Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        in_matrix = {i: start for start, m in plan.matrices.items() for i in m.columns}
        for column in plan.columns:
            if column.identifying:
                continue
            if column.index in in_matrix:
                if in_matrix[column.index] == column.index:
                    self._matrix_field(plan.matrices[column.index])
                continue
            examples = list(dict.fromkeys(v for v in plan.table.column(column.index) if v))[:3]
            help_text = _("Inferred: %(kind)s (%(reason)s).") % {
                "kind": importing.Kind.label(column.kind),
                "reason": column.reason,
            }
            if examples:
                help_text += " " + _("For example: %(examples)s") % {
                    "examples": " | ".join(e[:60] for e in examples)
                }
            self.fields[column_field_name(column.index)] = forms.ChoiceField(
                label=column.header,
                choices=importing.Kind.CHOICES,
                initial=column.kind,
                required=False,  # left empty: the inferred type
                # The builder's field template prints help texts as HTML: escape the file's text.
                help_text=escape(help_text),
            )

    def _matrix_field(self, matrix: importing.Matrix) -> None:
        items = [self.plan.columns[i] for i in matrix.columns]
        help_text = _("Inferred: %(kind)s. Items: %(items)s") % {
            "kind": importing.matrix_label(matrix),
            "items": " | ".join(
                _("%(item)s (column %(n)s)") % {"item": c.item[:80], "n": c.index + 1}
                for c in items
            ),
        }
        self.fields[matrix_field_name(matrix.columns[0])] = forms.ChoiceField(
            label=matrix.text,
            choices=importing.Kind.MATRIX_CHOICES,
            initial=matrix.choice,
            required=False,  # left empty: one matrix question
            help_text=escape(help_text),
        )

    def overrides(self) -> dict[int, str]:
        return {
            column.index: self.cleaned_data[column_field_name(column.index)]
            for column in self.plan.columns
            if self.cleaned_data.get(column_field_name(column.index))
        }

    def matrix_choices(self) -> dict[int, str]:
        return {
            start: self.cleaned_data[matrix_field_name(start)]
            for start in self.plan.matrices
            if self.cleaned_data.get(matrix_field_name(start))
        }
