"""Official content in Finnish, Swedish and English (django-modeltranslation); see
kaiku.core.translations for the fallback to Finnish and the stored HTML."""

from modeltranslation.translator import TranslationOptions, register

from .models import Keyword, NewsItem


@register(Keyword)
class KeywordTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "body_html")
