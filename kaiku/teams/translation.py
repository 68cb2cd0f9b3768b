"""Team names and purposes in Finnish, Swedish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Team


@register(Team)
class TeamTranslationOptions(TranslationOptions):
    fields = ("name", "purpose", "purpose_html")
