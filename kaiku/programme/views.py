"""Programme and working-group pages: thin views over selectors.py and services.py.

Edit views send anonymous visitors to the login page and answer 404 — not 403 — to
logged-in people who may not edit the group, so that the existence of hidden groups does
not leak (QUALITY.md bar 1).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services
from .forms import MeetingForm, MilestoneForm
from .models import Meeting, Milestone, WorkingGroup

EDIT_PERMISSION = "programme.change_workinggroup"


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programme/programme_list.html",
        {"programmes": list(selectors.programme_list())},
    )


@require_GET
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_get(slug=slug)
    groups = list(selectors.group_list(viewer=request.user, programme=programme))
    return render(
        request, "programme/programme_detail.html", {"programme": programme, "groups": groups}
    )


@require_GET
def group_detail(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    group = selectors.group_get_for(viewer=request.user, programme_slug=programme_slug, slug=slug)
    context = {
        "group": group,
        "programme": group.programme,
        "can_edit": request.user.has_perm(EDIT_PERMISSION, group),
        **selectors.group_page(group=group),
    }
    return render(request, "programme/group_detail.html", context)


# --- Editing by the group's chair and secretary ------------------------------------------------


def _group_for_editing(request: HttpRequest, programme_slug: str, slug: str) -> WorkingGroup:
    group = selectors.group_get_for_editing(
        viewer=request.user, programme_slug=programme_slug, slug=slug
    )
    if not request.user.has_perm(EDIT_PERMISSION, group):
        raise Http404("No such working group.")
    return group


def _save(request, form, save, group, *, template_title: str, success: str) -> HttpResponse:
    """Validate ``form``, call ``save(cleaned_data)``, then redirect (PRG) or re-render."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, success)
            return redirect(group.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    context = {"group": group, "programme": group.programme, "form": form, "title": template_title}
    return render(request, "programme/item_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    form = MeetingForm(request.POST or None, instance=Meeting(group=group))
    return _save(
        request,
        form,
        lambda data: services.meeting_create(actor=request.user, group=group, **data),
        group,
        template_title=_("New meeting"),
        success=_("The meeting was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request: HttpRequest, programme_slug: str, slug: str, pk: int) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    meeting = selectors.meeting_get_for(viewer=request.user, group=group, pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    return _save(
        request,
        form,
        lambda data: services.meeting_update(actor=request.user, meeting=meeting, **data),
        group,
        template_title=_("Edit meeting"),
        success=_("The meeting was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_create(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    form = MilestoneForm(request.POST or None, instance=Milestone(group=group))
    return _save(
        request,
        form,
        lambda data: services.milestone_create(actor=request.user, group=group, **data),
        group,
        template_title=_("New milestone"),
        success=_("The milestone was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_update(request: HttpRequest, programme_slug: str, slug: str, pk: int) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    milestone = selectors.milestone_get_for(viewer=request.user, group=group, pk=pk)
    form = MilestoneForm(request.POST or None, instance=milestone)
    return _save(
        request,
        form,
        lambda data: services.milestone_update(actor=request.user, milestone=milestone, **data),
        group,
        template_title=_("Edit milestone"),
        success=_("The milestone was saved."),
    )
