"""Admin: surveys are listed (and their texts can be corrected); they are built on the site
(``/surveys/manage/``). Responses and answers are deliberately not in the admin: results are
read through the results pages, with their disclosure control."""

from django.contrib import admin

from .models import Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "round_number", "opens_at", "closes_at", "published_at"]
    search_fields = ["title"]
    readonly_fields = ["published_at", "questions_locked_at", "previous_round", "round_number"]
    fields = [
        "title_fi", "title_sv", "title_en", "description_fi", "description_sv",
        "description_en", "opens_at", "closes_at", "results_visibility", "round_number",
        "previous_round", "published_at", "questions_locked_at",
    ]  # fmt: skip
