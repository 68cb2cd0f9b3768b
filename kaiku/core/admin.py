from __future__ import annotations

from django.contrib import admin

from .models import AuditEvent


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
