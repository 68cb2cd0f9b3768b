from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
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
class WorkingGroupAdmin(TranslationAdmin):
    list_display = ["name", "programme", "parent", "visibility", "order"]
    list_filter = ["programme", "visibility"]
    list_select_related = ["programme", "parent"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    raw_id_fields = ["parent", "contact_persons"]
    inlines = [TaskInline, GoalInline, MembershipInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "starts_at", "status", "visibility"]
    list_filter = ["status", "visibility"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]
    search_fields = ["title"]


@admin.register(Memo)
class MemoAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "published_at", "visibility"]
    list_select_related = ["group"]
    raw_id_fields = ["group", "meeting"]
    search_fields = ["title"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "due_on", "status", "visibility"]
    list_filter = ["status", "visibility"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]
    search_fields = ["title"]
