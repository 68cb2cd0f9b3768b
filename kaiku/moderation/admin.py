"""Moderation in the Django admin: reports (read-only; decisions are made in the moderation
queue so that they are audited and the author is told) and account suspensions (through the
same services as the queue)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Report, SuspendedAccount


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["created", "content_type", "object_id", "reason", "status", "reporter"]
    list_filter = ["status", "reason", "content_type"]
    list_select_related = ["content_type", "reporter"]
    search_fields = ["reporter__email", "text"]
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SuspendedFilter(admin.SimpleListFilter):
    title = _("suspended")
    parameter_name = "suspended"

    def lookups(self, request, model_admin):
        return [("yes", _("Suspended now")), ("no", _("Not suspended"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "yes":
            return queryset.filter(suspended_until__gt=now)
        if self.value() == "no":
            return queryset.exclude(suspended_until__gt=now)
        return queryset


@admin.action(description=_("Lift the suspension of the selected people"))
def lift_suspension(modeladmin, request, queryset):
    count = sum(
        services.unsuspend(person=person, actor=request.user, request=request)
        for person in queryset
    )
    modeladmin.message_user(
        request,
        ngettext(
            "The suspension of %(count)d person was lifted.",
            "The suspensions of %(count)d people were lifted.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class SuspensionForm(forms.ModelForm):
    """The same rules as the moderation pages: a future time within a year, and a reason."""

    class Meta:
        model = SuspendedAccount
        fields = ["suspended_until", "suspension_reason"]

    def clean(self):
        cleaned = super().clean()
        until = cleaned.get("suspended_until")
        if until is None:
            return cleaned
        if until <= timezone.now():
            self.add_error("suspended_until", _("Choose a time in the future."))
        elif until > timezone.now() + services.MAX_SUSPENSION:
            self.add_error("suspended_until", _("A suspension can last a year at most."))
        if not (cleaned.get("suspension_reason") or "").strip():
            self.add_error("suspension_reason", _("Give a reason: the person will see it."))
        return cleaned


@admin.register(SuspendedAccount)
class SuspendedAccountAdmin(admin.ModelAdmin):
    form = SuspensionForm
    list_display = ["email", "full_name", "suspended_until", "suspension_reason"]
    list_filter = [SuspendedFilter]
    search_fields = ["email", "full_name"]
    fields = ["email", "full_name", "suspended_until", "suspension_reason"]
    readonly_fields = ["email", "full_name"]
    actions = [lift_suspension]
    ordering = ["-suspended_until", "email"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """A time in the future suspends (audited, as in the queue); an empty time lifts it."""
        until = form.cleaned_data.get("suspended_until")
        if until is None:
            services.unsuspend(person=obj, actor=request.user, request=request)
            return
        services.suspend(
            person=obj,
            actor=request.user,
            until=until,
            reason=form.cleaned_data.get("suspension_reason", ""),
            request=request,
        )
