from django.contrib import admin

from .models import Keyword, NewsItem


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "visibility", "pinned", "published_at"]
    list_filter = ["kind", "visibility", "pinned"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["keywords", "related_groups"]
    autocomplete_fields = ["contact_persons", "author"]
    date_hierarchy = "published_at"
