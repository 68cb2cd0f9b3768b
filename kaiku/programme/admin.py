from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from kaiku.core.lifecycle import SoftDeleteAdminMixin

from . import services
from .models import (
    GroupDocument,
    GroupGoal,
    GroupTask,
    Meeting,
    Membership,
    Memo,
    Milestone,
    Programme,
    WorkingGroup,
)


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "starts_on", "ends_on"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_fi"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person", "represents"]


class TaskInline(admin.TabularInline):
    model = GroupTask
    extra = 0


class GoalInline(admin.TabularInline):
    model = GroupGoal
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SoftDeleteAdminMixin, TranslationAdmin):
    """Deleted groups are listed here too (filter "deleted"), restorable with an action."""

    list_display = ["name", "programme", "parent", "visibility", "order", "archived_at"]
    list_filter = ["programme", "visibility", ("archived_at", admin.EmptyFieldListFilter)]
    list_select_related = ["programme", "parent"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    raw_id_fields = ["parent", "contact_persons"]
    inlines = [TaskInline, GoalInline, MembershipInline]


@admin.register(GroupTask)
class GroupTaskAdmin(SoftDeleteAdminMixin, TranslationAdmin):
    """Deleted tasks are listed here (filter "deleted") and restored with an action."""

    list_display = ["title", "group", "order"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]
    search_fields = ["title"]


@admin.register(GroupGoal)
class GroupGoalAdmin(SoftDeleteAdminMixin, TranslationAdmin):
    """Deleted goals are listed here (filter "deleted") and restored with an action."""

    list_display = ["title", "group", "order"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]
    search_fields = ["title"]


@admin.register(Meeting)
class MeetingAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["title", "group", "starts_at", "status", "visibility"]
    list_filter = ["status", "visibility"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]
    search_fields = ["title"]


@admin.register(Memo)
class MemoAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["title", "group", "published_at", "visibility"]
    list_select_related = ["group"]
    raw_id_fields = ["group", "meeting"]
    search_fields = ["title"]


@admin.register(Milestone)
class MilestoneAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["title", "group", "due_on", "status", "visibility"]
    list_filter = ["status", "visibility"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]
    search_fields = ["title"]


@admin.register(GroupDocument)
class GroupDocumentAdmin(admin.ModelAdmin):
    """Documents removed on the site stay here (``removed_at``) and can be restored."""

    list_display = ["title", "group", "content_type", "size", "visibility", "created", "removed_at"]
    list_filter = ["visibility", ("removed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["group"]
    raw_id_fields = ["group", "uploaded_by"]
    search_fields = ["title", "original_name"]
    # The file and its checked type are set by the upload service, never edited here.
    readonly_fields = ["file", "original_name", "content_type", "size", "uploaded_by"]
    actions = ["restore", "remove"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Restore the selected documents"))
    def restore(self, request, queryset):
        for document in queryset.filter(removed_at__isnull=False):
            services.document_restore(actor=request.user, document=document)

    @admin.action(description=_("Remove the selected documents (restorable)"))
    def remove(self, request, queryset):
        for document in queryset.filter(removed_at__isnull=True):
            services.document_remove(actor=request.user, document=document)
