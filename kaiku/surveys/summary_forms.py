"""The form of a results summary (``summaries.py``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaiku.core.forms import SafeInputFormMixin, SafeModelMultipleChoiceField, use_markdown
from kaiku.core.translations import TranslatedFormMixin, other_languages
from kaiku.core.translations import pick as _pick

from . import announcements, summaries
from .models import ResultsSummary


class ChartChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return _pick(obj, "text")[0]


class SummaryForm(TranslatedFormMixin, SafeInputFormMixin, forms.ModelForm):
    translated_fields = ("title", "body")
    questions = ChartChoiceField(
        label=_("Charts to include"),
        required=False,
        queryset=ResultsSummary.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Shown under the text as on the results page, for all respondents."),
    )
    announce = forms.BooleanField(
        label=_("Announce in the news"),
        required=False,
        help_text=_(
            "When you publish: a news item with the summary's title and text and a link to "
            "it. Published at once if you may publish news, otherwise saved as a draft for "
            "the communications team. Only once per summary."
        ),
    )

    class Meta:
        model = ResultsSummary
        fields = ["title_fi", "body_fi", *other_languages("title", "body")]
        widgets = {"body_fi": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = summaries.chart_questions(survey)
        if self.instance.pk:
            self.initial.setdefault("questions", list(self.instance.questions.all()))
        use_markdown(self, ("body",))
        announced = self.instance.pk and self.instance.announced_at
        if (
            announced
            or not announcements.available()
            or summaries.publish_problem(survey, announce=True)
        ):
            del self.fields["announce"]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("announce", None)
        data["questions"] = list(data.get("questions") or [])
        return data
