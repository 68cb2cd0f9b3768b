from __future__ import annotations

from django.contrib import admin

from .models import Follow, Notification, NotificationPreference


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("user", "content_type", "object_id", "created")
    list_filter = ("content_type",)
    list_select_related = ("user", "content_type")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "email_frequency", "last_digest_at")
    list_filter = ("email_frequency",)
    list_select_related = ("user",)
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
    exclude = ("unsubscribe_token",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "title", "created", "read_at", "emailed_at")
    list_filter = ("kind",)
    list_select_related = ("user",)
    search_fields = ("user__email", "title")
    raw_id_fields = ("user",)
    date_hierarchy = "created"
