"""The life of a group's content after it is written: unpublish a memo, archive a group, and
delete (softly, after a confirmation page) a group or its meetings, memos and milestones.

The same people who may edit the group (``programme.change_workinggroup``: its current chair
and secretary, administrators) may do these; everyone else gets 404, as on the edit pages.
Restoring is an administrator's, in the Django admin (``kaiku.core.lifecycle``).
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .models import Meeting, MeetingStatus, Memo, Milestone, MilestoneStatus, WorkingGroup

# The Markdown fields of the group's forms (and their language versions): a "Preview" button.
MARKDOWN_FIELDS = ("agenda", "body", "decisions", "description", "mandate")

# Kinds of item that are deleted softly, after a confirmation page.
SOFT_DELETE_KINDS: dict[str, type] = {"meeting": Meeting, "memo": Memo, "milestone": Milestone}

CONSEQUENCES = {
    "meeting": gettext_lazy(
        "The meeting disappears from the group page, the timeline, the calendar feeds and "
        "the API. A memo of the meeting stays."
    ),
    "memo": gettext_lazy("The memo and its decisions disappear from the group page and the API."),
    "milestone": gettext_lazy(
        "The milestone disappears from the group page, the timeline and the API."
    ),
}

# A date this close to now is "now" (the editor typed the current time).
GRACE = datetime.timedelta(minutes=5)


def past_date_warning(form) -> str | None:
    """A non-blocking warning for a new meeting or milestone dated in the past while still
    planned: it is saved, but is listed among past items and nobody is told in advance."""
    data = getattr(form, "cleaned_data", None) or {}
    model = form._meta.model if hasattr(form, "_meta") else None
    starts, due = data.get("starts_at"), data.get("due_on")
    planned = data.get("status") in (None, MeetingStatus.PLANNED, MilestoneStatus.PLANNED)
    if model is Meeting and starts and planned and starts < timezone.now() - GRACE:
        when = date_format(timezone.localtime(starts), "DATETIME_FORMAT")
        return _(
            "The meeting starts in the past (%(date)s): it is listed among past meetings. "
            "Check the date if it is still to come."
        ) % {"date": when}
    if model is Milestone and due and planned and due < timezone.localdate():
        return _("The milestone's due date %(date)s is in the past: it is shown as overdue.") % {
            "date": date_format(due, "DATE_FORMAT")
        }
    return None


def _group(request: HttpRequest, programme_slug: str, slug: str) -> WorkingGroup:
    from .views import _group_for_editing

    return _group_for_editing(request, programme_slug, slug)


def _item(request, group: WorkingGroup, kind: str, pk: int):
    if kind not in SOFT_DELETE_KINDS:
        raise Http404("This item cannot be deleted.")
    selectors._check_pk(pk)
    item = SOFT_DELETE_KINDS[kind].objects.filter(group=group, pk=pk).first()
    if item is None:
        raise Http404("No such item.")
    return item


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(
    request: HttpRequest, programme_slug: str, slug: str, kind: str, pk: int
) -> HttpResponse:
    """Confirmation page (GET), then a soft delete (POST). A second submit (already deleted)
    goes back to the group page."""
    group = _group(request, programme_slug, slug)
    try:
        item = _item(request, group, kind, pk)
    except Http404:
        model = SOFT_DELETE_KINDS.get(kind)
        gone = model is not None and model.all_objects.filter(
            group=group, pk=pk, deleted_at__isnull=False
        )
        if request.method == "POST" and gone and gone.exists():
            messages.info(request, _("It has already been deleted."))
            return redirect(group.get_absolute_url())
        raise
    if request.method == "POST":
        services.item_delete(actor=request.user, item=item, request=request)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": item.title})
        return redirect(group.get_absolute_url())
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": item,
            "title": _("Delete “%(title)s”?") % {"title": item.title},
            "consequences": [
                CONSEQUENCES[kind],
                _("An administrator can restore it; ask them if you delete it by mistake."),
            ],
            "cancel_url": reverse(
                f"programme:{kind}_update",
                kwargs={"programme_slug": programme_slug, "slug": slug, "pk": item.pk},
            ),
        },
    )


@require_POST
@login_required
def memo_unpublish(request: HttpRequest, programme_slug: str, slug: str, pk: int) -> HttpResponse:
    group = _group(request, programme_slug, slug)
    memo = selectors.memo_get_for_editing(group=group, pk=pk)
    if services.memo_unpublish(actor=request.user, memo=memo, request=request):
        messages.success(request, _("The memo was unpublished: it is a draft again."))
    return redirect(group.get_absolute_url())


@require_POST
@login_required
def group_archive(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    """Archive (``archive=1``) or take out of the archive (``archive=0``)."""
    group = _group(request, programme_slug, slug)
    if request.POST.get("archive") == "0":
        services.group_unarchive(actor=request.user, group=group, request=request)
        messages.success(request, _("The group was taken out of the archive."))
    else:
        services.group_archive(actor=request.user, group=group, request=request)
        messages.success(
            request, _("The group was archived: its page stays readable, marked as archived.")
        )
    return redirect(group.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def group_delete(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    programme = selectors.programme_get(slug=programme_slug)
    try:
        group = _group(request, programme_slug, slug)
    except Http404:
        deleted = WorkingGroup.all_objects.filter(
            programme=programme, slug=slug, deleted_at__isnull=False
        ).first()
        if (
            request.method == "POST"
            and deleted
            and request.user.has_perm("programme.change_workinggroup", deleted)
        ):
            messages.info(request, _("The group has already been deleted."))
            return redirect(programme.get_absolute_url())
        raise
    if request.method == "POST":
        services.group_delete(actor=request.user, group=group, request=request)
        messages.success(request, _("The group “%(name)s” was deleted.") % {"name": group.name})
        return redirect(programme.get_absolute_url())
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": group,
            "title": _("Delete the group “%(name)s”?") % {"name": group.name},
            "consequences": [
                _(
                    "The group's page and everything it published (meetings, memos, "
                    "milestones, documents) disappear from the site, the timeline, the "
                    "calendar feeds and the API."
                ),
                _("To keep the group readable but mark it finished, archive it instead."),
                _("An administrator can restore it; ask them if you delete it by mistake."),
            ],
            "cancel_url": group.get_absolute_url(),
        },
    )
