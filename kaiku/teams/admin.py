"""Admin: teams and their items (deleted ones too, restorable), the change coach directory,
coaching requests and mentorships. Members are managed on the site, where the changes are
audited; the admin shows them inline, read-only."""

from django.contrib import admin

from kaiku.core.lifecycle import SoftDeleteAdminMixin

from .models import (
    ChangeCoach,
    CoachingRequest,
    Improvement,
    Mentorship,
    Team,
    TeamAgreement,
    TeamMembership,
    TeamSession,
)


class MembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    fields = ["person", "role", "office", "joined_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Team)
class TeamAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "visibility", "organisation"]
    list_filter = ["visibility"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["offices"]
    inlines = [MembershipInline]


class TeamItemAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["title", "team", "visibility", "author"]
    list_filter = ["visibility"]
    search_fields = ["title", "team__name"]
    raw_id_fields = ["author"]
    list_select_related = ["team", "author"]


@admin.register(TeamAgreement)
class TeamAgreementAdmin(TeamItemAdmin):
    pass


@admin.register(TeamSession)
class TeamSessionAdmin(TeamItemAdmin):
    raw_id_fields = ["author", "facilitator"]


@admin.register(Improvement)
class ImprovementAdmin(TeamItemAdmin):
    list_display = ["title", "team", "stage", "owner", "visibility"]
    list_filter = ["stage", "visibility"]
    raw_id_fields = ["author", "owner"]
    list_select_related = ["team", "owner"]


@admin.register(ChangeCoach)
class ChangeCoachAdmin(admin.ModelAdmin):
    list_display = ["person", "region", "languages", "available"]
    list_filter = ["available", "region"]
    raw_id_fields = ["person"]
    list_select_related = ["person", "region"]


@admin.register(CoachingRequest)
class CoachingRequestAdmin(admin.ModelAdmin):
    list_display = ["team", "coach", "status", "created"]
    list_filter = ["status"]
    raw_id_fields = ["requested_by"]
    list_select_related = ["team", "coach__person"]


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "team", "starts_on", "ends_on"]
    raw_id_fields = ["mentor", "mentee", "assigned_by"]
    list_select_related = ["mentor", "mentee", "team"]
