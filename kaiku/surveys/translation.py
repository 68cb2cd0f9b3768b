"""Survey texts in Finnish, Swedish and English (django-modeltranslation); Finnish is the
source and required, the others fall back to it (docs/architecture.md)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Choice, MatrixItem, Question, ResultsSummary, Section, Survey


@register(Survey)
class SurveyTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "help_text", "scale_low_label", "scale_high_label")


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(MatrixItem)
class MatrixItemTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(ResultsSummary)
class ResultsSummaryTranslationOptions(TranslationOptions):
    fields = ("title", "body", "body_html")
