"""Official content in Finnish, Swedish and English (django-modeltranslation).

Finnish is required, Swedish and English optional; empty ones fall back to Finnish
(kaiku.core.translations). The stored HTML of a Markdown field (``*_html``) is translated
like its source."""

from modeltranslation.translator import TranslationOptions, register

from .models import GroupGoal, GroupTask, Meeting, Memo, Milestone, Programme, WorkingGroup


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description", "description_html")


@register(WorkingGroup)
class WorkingGroupTranslationOptions(TranslationOptions):
    fields = ("name", "mandate", "mandate_html")


@register(GroupTask)
class GroupTaskTranslationOptions(TranslationOptions):
    fields = ("title", "description", "description_html")


@register(GroupGoal)
class GroupGoalTranslationOptions(TranslationOptions):
    fields = ("title", "description", "description_html")


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "agenda", "agenda_html")


@register(Memo)
class MemoTranslationOptions(TranslationOptions):
    fields = ("title", "body", "decisions", "body_html", "decisions_html")


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title",)
