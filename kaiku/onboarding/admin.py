"""Admin: programmes (with their modules and tasks) and enrolments, for corrections. They are
built and enrolled on the site (``/onboarding/manage/``)."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import Enrolment, Module, OnboardingProgramme, Task, TaskCompletion


class ModuleInline(TranslationTabularInline):
    model = Module
    extra = 0
    fields = ["title", "order"]


@admin.register(OnboardingProgramme)
class OnboardingProgrammeAdmin(TranslationAdmin):
    list_display = ["title", "organisation", "owner", "published"]
    list_filter = ["published"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    raw_id_fields = ["owner", "organisation"]
    inlines = [ModuleInline]


@admin.register(Task)
class TaskAdmin(TranslationAdmin):
    list_display = ["title", "module", "due_offset_days", "responsible", "order"]
    list_filter = ["responsible", "module__programme"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    list_select_related = ["module"]


class CompletionInline(admin.TabularInline):
    model = TaskCompletion
    extra = 0
    raw_id_fields = ["task", "done_by"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["newcomer", "programme", "start_date", "supervisor", "mentor"]
    list_select_related = ["newcomer", "programme", "supervisor", "mentor"]
    list_filter = ["programme"]
    search_fields = ["newcomer__full_name", "newcomer__email"]
    raw_id_fields = ["newcomer", "supervisor", "mentor"]
    inlines = [CompletionInline]
