from __future__ import annotations

from django.contrib import admin

from .models import AccessibilityFeedback, AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only: nobody adds, changes or deletes events here."""

    list_display = ["created", "action", "actor_label", "target_label", "ip_address"]
    list_filter = ["action", ("created", admin.DateFieldListFilter)]
    search_fields = ["actor_label", "target_label"]
    date_hierarchy = "created"
    list_per_page = 100
    fields = [
        "created",
        "action",
        "actor",
        "actor_label",
        "target_type",
        "target_id",
        "target_label",
        "ip_address",
        "data",
    ]
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


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
