from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import Organisation, Region


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["code", "name", "slug"]
    search_fields = ["code", "name_fi", "name_sv", "name_en", "slug"]
    ordering = ["code"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "type", "abbreviation", "code", "region", "valid_from", "valid_until"]
    list_filter = ["type", "region", ("valid_until", admin.EmptyFieldListFilter)]
    list_select_related = ["region"]
    search_fields = ["name_fi", "name_sv", "name_en", "abbreviation", "code", "slug"]
    autocomplete_fields = ["region", "parent", "regions", "municipalities"]
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["type", "name", "abbreviation", "slug", "code", "description"]}),
        (_("Place"), {"fields": ["region", "regions", "parent", "municipalities"]}),
        (_("Contact"), {"fields": ["website", "email"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_until", "created", "updated"]}),
    ]
