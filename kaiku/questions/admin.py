"""Admin: FAQ topics and the groups' answer deadlines (through the services) are set here;
questions are triaged on the site (``/questions/triage/``), the admin lists them (deleted ones
too, restorable)."""

from django.contrib import admin

from kaiku.core.lifecycle import SoftDeleteAdminMixin

from . import services
from .models import AnswerDeadline, Question, Topic
from .similar import question_terms


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AnswerDeadline)
class AnswerDeadlineAdmin(admin.ModelAdmin):
    """Deadlines are saved and removed through the services, which move the due dates of the
    group's open questions and write the audit log."""

    list_display = ["group", "days"]
    autocomplete_fields = ["group"]

    def get_readonly_fields(self, request, obj=None):
        # Another group is another deadline: add one for it instead.
        return ["group"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        saved = services.answer_deadline_set(
            actor=request.user, group=obj.group, days=obj.days, request=request
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.answer_deadline_remove(actor=request.user, group=obj.group, request=request)

    def delete_queryset(self, request, queryset):
        for row in queryset.select_related("group"):
            self.delete_model(request, row)


@admin.register(Question)
class QuestionAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["title", "status", "visibility", "group", "vote_count", "created"]
    list_filter = ["status", "visibility", "in_faq", ("hidden_at", admin.EmptyFieldListFilter)]
    search_fields = ["title"]
    # Status, votes, merging and answers go through the site's triage (services.py).
    readonly_fields = ["status", "duplicate_of", "vote_count", "assigned_at", "answered_at"]
    fields = ["title", "body", "programme", "group", "assignee", "topic", "visibility",
              "status", "duplicate_of", "vote_count", "in_faq", "faq_order", "assigned_at",
              "answered_at"]  # fmt: skip
    autocomplete_fields = ["assignee", "group"]
    list_select_related = ["group"]

    def save_model(self, request, obj, form, change):
        # A changed text is matched by its new terms (similar questions).
        obj.terms = question_terms(obj.title, obj.body)
        super().save_model(request, obj, form, change)
