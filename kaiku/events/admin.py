"""Admin: events are created and managed on the site (``/events/``); the admin lists them
(deleted ones too, restorable) and their registrations, read-only, so that the waitlist and
``registered_count`` are changed only by the services."""

from django.contrib import admin

from kaiku.core.lifecycle import SoftDeleteAdminMixin

from .models import Event, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["person", "status", "queued_at", "promoted_at", "cancelled_at", "attended"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "capacity", "registered_count", "published_at"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["organiser", "organisation", "team", "series", "feedback_survey"]
    readonly_fields = ["registered_count", "reminders_sent_at", "import_key"]
    inlines = [RegistrationInline]
