"""The life of a piece of content after it is written: archived, deleted and restored.

- **Archived** content (``archived_at``) stays readable at its address, with an "archived"
  badge, but is left out of the default lists (the capability's selectors decide which).
- **Deleted** content (``deleted_at``/``deleted_by``) is a soft delete: it disappears from
  every list, page, feed, API, search, notification, timeline and calendar, because the
  default manager (``ContentManager``) leaves it out and ``kaiku.core.content.visible_q``
  also leaves out rows whose parent (``Audience.within``) is deleted. Only an administrator
  can bring it back, in the Django admin (``SoftDeleteAdminMixin``: a "Restore" action and a
  "deleted" filter; the admin reads ``all_objects``).

Every change of state is written to the audit log. The functions here change the one row
and are idempotent: deleting a deleted row (a double submit) changes nothing and logs nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .audit import audit_log
from .content import VisibleQuerySet
from .models import AuditAction


class _LiveManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


# ``Model.objects``: every read of the site goes through this; deleted rows are never in it.
ContentManager = _LiveManager.from_queryset(VisibleQuerySet)


class SoftDeleteModel(models.Model):
    """``deleted_at``/``deleted_by``; declare ``objects = ContentManager()`` first (the
    default manager) and ``all_objects = VisibleQuerySet.as_manager()`` for the admin."""

    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class ArchivableModel(models.Model):
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


def is_soft_deletable(model) -> bool:
    return any(f.name == "deleted_at" for f in model._meta.concrete_fields)


def _actor(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _log(action, obj, actor, request) -> None:
    audit_log(action=action, actor=_actor(actor), target=obj, request=request)


def _claim(obj, **changes) -> bool:
    """Write ``changes`` only if the row is still in the state that allows them (a
    conditional UPDATE): True for the one caller that changed it."""
    model = type(obj)._meta.concrete_model
    field, value = next(iter(changes.items()))
    condition = {f"{field}__isnull": value is not None}
    updated = model._base_manager.filter(pk=obj.pk, **condition).update(
        **changes, updated=timezone.now()
    )
    if updated:
        for name, new in changes.items():
            setattr(obj, name, new)
    return bool(updated)


@transaction.atomic
def soft_delete(obj, *, actor, request=None) -> bool:
    """Delete ``obj`` softly; False when it was already deleted (nothing logged)."""
    done = _claim(obj, deleted_at=timezone.now(), deleted_by=_actor(actor))
    if done:
        _log(AuditAction.CONTENT_DELETED, obj, actor, request)
    return done


@transaction.atomic
def restore(obj, *, actor, request=None) -> bool:
    """Bring a deleted ``obj`` back; False when it was not deleted."""
    done = _claim(obj, deleted_at=None, deleted_by=None)
    if done:
        _log(AuditAction.CONTENT_RESTORED, obj, actor, request)
    return done


@transaction.atomic
def unpublish(obj, *, actor, request=None) -> bool:
    """Take a published (or scheduled) ``obj`` back to a draft by clearing its
    ``published_at``; False when it already was a draft (nothing logged)."""
    done = _claim(obj, published_at=None)
    if done:
        _log(AuditAction.CONTENT_UNPUBLISHED, obj, actor, request)
    return done


@transaction.atomic
def archive(obj, *, actor, request=None) -> bool:
    done = _claim(obj, archived_at=timezone.now())
    if done:
        _log(AuditAction.CONTENT_ARCHIVED, obj, actor, request)
    return done


@transaction.atomic
def unarchive(obj, *, actor, request=None) -> bool:
    done = _claim(obj, archived_at=None)
    if done:
        _log(AuditAction.CONTENT_UNARCHIVED, obj, actor, request)
    return done


# --- The admin ---------------------------------------------------------------------------------


class DeletedFilter(admin.SimpleListFilter):
    title = _("deleted")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("no", _("Not deleted")), ("yes", _("Deleted"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


@admin.action(description=_("Restore the selected deleted items"))
def restore_selected(modeladmin, request, queryset):
    count = sum(restore(obj, actor=request.user, request=request) for obj in queryset)
    modeladmin.message_user(
        request,
        ngettext("%(count)d item was restored.", "%(count)d items were restored.", count)
        % {"count": count},
        messages.SUCCESS,
    )


class SoftDeleteAdminMixin:
    """The admin of a soft-deletable model lists deleted rows too (``all_objects``), with a
    filter and a "Restore" action."""

    def get_queryset(self, request):
        queryset = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def get_list_filter(self, request):
        return [DeletedFilter, *super().get_list_filter(request)]

    def get_actions(self, request):
        actions = super().get_actions(request)
        name = "restore_selected"
        actions[name] = (restore_selected, name, restore_selected.short_description)
        return actions
