"""Coaching programme pages: thin views over ``coaching.py``. A programme the viewer may
not see is a 404; managing one that is not theirs is a 403."""

from __future__ import annotations

import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kaiku.core.forms import add_service_errors, wants_preview

from . import coaching
from .coaching_forms import ProgrammeForm, SessionsForm
from .models import Event
from .rules import is_organiser, manages_all


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _managed(request: HttpRequest, slug: str):
    programme = coaching.programme_get_for(request.user, slug)
    if not coaching.may_manage_programme(request.user, programme):
        raise PermissionDenied
    return programme


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/programme_list.html",
        {
            "programmes": coaching.programme_list(request.user),
            "can_create": is_organiser(request.user),
        },
    )


@require_GET
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = coaching.programme_get_for(request.user, slug)
    manager = coaching.may_manage_programme(request.user, programme)
    sessions = coaching.sessions(programme, request.user, manager=manager)
    now = timezone.now()
    return render(
        request,
        "events/programme_detail.html",
        {
            "programme": programme,
            "sessions": sessions,
            "now": now,
            "progress": coaching.progress_of(request.user, sessions),
            "manager": manager,
            "matrix": coaching.attendance_matrix(sessions) if manager else None,
        },
    )


def _form_page(request, form, *, title: str, programme=None) -> HttpResponse:
    return render(
        request,
        "events/programme_form.html",
        {"form": form, "title": title, "programme": programme},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    if not is_organiser(request.user):
        raise PermissionDenied
    form = ProgrammeForm(_data(request))
    if request.method == "POST" and not wants_preview(form) and form.is_valid():
        try:
            programme = coaching.programme_create(actor=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The coaching programme was saved. Add its sessions."))
            return redirect("events:programme_sessions", slug=programme.slug)
    return _form_page(request, form, title=_("New coaching programme"))


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _managed(request, slug)
    form = ProgrammeForm(_data(request), instance=programme)
    if request.method == "POST" and not wants_preview(form) and form.is_valid():
        try:
            coaching.programme_update(
                programme=programme, actor=request.user, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The coaching programme was saved."))
            return redirect(programme)
    return _form_page(request, form, title=_("Edit the coaching programme"), programme=programme)


@login_required
@require_http_methods(["GET", "POST"])
def programme_sessions(request: HttpRequest, slug: str) -> HttpResponse:
    """Choose the programme's sessions among the events the organiser manages."""
    programme = _managed(request, slug)
    events = Event.objects.visible_to(request.user)
    if not manages_all(request.user):
        events = events.filter(organiser=request.user)
    recent = timezone.now() - datetime.timedelta(days=365)
    events = events.filter(Q(starts_at__gte=recent) | Q(series=programme)).order_by(
        "starts_at", "pk"
    )
    form = SessionsForm(
        _data(request),
        events=events,
        initial={"events": [e.pk for e in events if e.series_id == programme.pk]},
    )
    if request.method == "POST" and form.is_valid():
        count = coaching.programme_set_sessions(
            programme=programme, actor=request.user, events=form.cleaned_data["events"]
        )
        messages.success(
            request,
            ngettext(
                "The programme has %(count)d session.",
                "The programme has %(count)d sessions.",
                count,
            )
            % {"count": count},
        )
        return redirect(programme)
    return render(
        request,
        "events/programme_sessions.html",
        {"programme": programme, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def _cell(value) -> str:
    if value is True:
        return _("attended")
    if value is False:
        return _("absent")
    if value is None:
        return _("not marked")
    return ""


@login_required
@require_GET
def programme_attendance_csv(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _managed(request, slug)
    sessions = coaching.sessions(programme, request.user, manager=True)
    matrix = coaching.attendance_matrix(sessions)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-attendance.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with the byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Name"),
            _("Email"),
            _("Organisation"),
            *[f"{e.starts_at:%d.%m.%Y} {_safe(e.title)}" for e in sessions],
            _("Attended"),
        ]
    )
    for person, cells, attended in matrix.rows:
        organisation = person.organisation.name if person.organisation_id else ""
        writer.writerow(
            [
                _safe(person.full_name),
                _safe(person.email),
                _safe(organisation),
                *[_cell(c) for c in cells],
                attended,
            ]
        )
    return response


def _safe(text: str) -> str:
    """No spreadsheet formulas from people's text (CSV injection)."""
    text = str(text or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
