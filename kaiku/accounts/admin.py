from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework.authtoken.models import TokenProxy

from . import services
from .models import Invitation, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "granted_by", "created"]
    readonly_fields = ["granted_by", "created"]


class KaikuUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class KaikuUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = KaikuUserChangeForm
    add_form = KaikuUserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "role_assignments__role"]
    list_select_related = ["organisation"]
    search_fields = ["email", "full_name", "title", "organisation__name"]
    autocomplete_fields: list[str] = []
    raw_id_fields = ["organisation"]
    readonly_fields = ["last_login", "date_joined", "removed_at"]
    inlines = [RoleAssignmentInline]
    actions = ["disable_accounts"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "full_name",
                    "title",
                    "organisation",
                    "languages",
                    "expertise",
                    "preferred_language",
                ]
            },
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined", "removed_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        ),
    ]

    def save_formset(self, request, form, formset, change):
        """Role changes go through the services, so they are audited like any other."""
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        user = form.instance
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.role_revoke(user=user, role=obj.role, actor=request.user, request=request)
        for obj, _changed in formset.changed_objects:
            old_role = RoleAssignment.objects.filter(pk=obj.pk).values_list("role", flat=True)
            old = old_role.first()
            if old and old != obj.role:
                services.role_revoke(user=user, role=old, actor=request.user, request=request)
                services.role_grant(user=user, role=obj.role, actor=request.user, request=request)
        for obj in formset.new_objects:
            if obj in instances:
                services.role_grant(user=user, role=obj.role, actor=request.user, request=request)
        formset.save_m2m()

    @admin.action(description=_("Disable the selected accounts and end their sessions"))
    def disable_accounts(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=True):
            services.user_disable(user=user, actor=request.user, request=request)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d account disabled.", "%(count)d accounts disabled.", count)
            % {"count": count},
            messages.SUCCESS,
        )


# DRF's token admin would create plain, never-expiring keys that Kaiku no longer accepts.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "invited_by", "expires_at", "used_at"]
    list_display += ["accepted_at"]
    list_filter = ["role", "accepted_at", "language"]
    search_fields = ["email", "organisation__name"]
    raw_id_fields = ["organisation"]
    readonly_fields = ["invited_by", "used_by", "used_at", "accepted_at", "created"]
    fields = ["email", "organisation", "role", "language", "expires_at", "invited_by"]
    fields += ["used_by", "used_at", "accepted_at", "created"]
    actions = ["send_invitation"]

    def get_changeform_initial_data(self, request):
        import datetime

        from django.utils import timezone

        initial = super().get_changeform_initial_data(request)
        initial.setdefault(
            "expires_at",
            timezone.now() + datetime.timedelta(days=services.INVITATION_VALID_DAYS),
        )
        initial.setdefault("language", request.LANGUAGE_CODE)
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.invited_by = request.user
            obj.email = obj.email.strip().lower()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Send invitation"))
    def send_invitation(self, request, queryset):
        sent = 0
        for invitation in queryset:
            if invitation.is_usable:
                services.invitation_send(invitation=invitation, actor=request.user, request=request)
                sent += 1
        self.message_user(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent)
            % {"count": sent},
            messages.SUCCESS if sent else messages.WARNING,
        )
