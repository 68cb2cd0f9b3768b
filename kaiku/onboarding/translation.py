"""Onboarding texts in Finnish, Swedish and English (django-modeltranslation); Finnish is the
source and required, the others fall back to it (docs/architecture.md)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Module, OnboardingProgramme, Task


@register(OnboardingProgramme)
class OnboardingProgrammeTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Module)
class ModuleTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Task)
class TaskTranslationOptions(TranslationOptions):
    fields = ("title", "description")
