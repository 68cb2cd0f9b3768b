from django.contrib import admin

from kaiku.core.lifecycle import SoftDeleteAdminMixin

from .models import Keyword, NewsItem


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(NewsItem)
class NewsItemAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    """Deleted items are listed here too (filter "deleted"), restorable with an action."""

    list_display = ["title", "kind", "visibility", "pinned", "published_at", "deleted_at"]
    list_filter = ["kind", "visibility", "pinned", ("archived_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["keywords", "related_groups"]
    autocomplete_fields = ["contact_persons", "author"]
    date_hierarchy = "published_at"
