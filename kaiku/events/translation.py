"""Event and coaching-programme texts in Finnish, Swedish and English (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import CoachingProgramme, Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description", "description_html")


@register(CoachingProgramme)
class CoachingProgrammeTranslationOptions(TranslationOptions):
    fields = ("title", "description", "description_html")
