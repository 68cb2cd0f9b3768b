from __future__ import annotations

from django.contrib import admin

from .models import AccessibilityFeedback


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created", "message_start", "page_url", "email", "handled"]
    list_filter = ["handled", ("created", admin.DateFieldListFilter)]
    list_editable = ["handled"]
    search_fields = ["message", "page_url", "email", "name"]
    readonly_fields = ["created", "name", "email", "page_url", "message"]
    fields = ["created", "name", "email", "page_url", "message", "handled"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=AccessibilityFeedback._meta.get_field("message").verbose_name)
    def message_start(self, obj) -> str:
        return obj.message[:80]
