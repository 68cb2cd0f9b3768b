"""Event pages: the list and the event page for everyone who may see them, registering and
cancelling, iCal, and the organiser's pages (create, edit, publish, cancel, materials,
registrations, attendance, export). Thin views over selectors.py and services.py.

An event the viewer may not see (outside its audience, a draft for someone who does not
manage it) is a 404 on every page; the organiser's pages of an event another organiser
manages answer 404 too, and creating an event answers 403 to people who are not organisers.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.forms import add_service_errors, wants_preview
from kaiku.core.idempotency import create_once
from kaiku.core.ratelimit import RateLimitError
from kaiku.core.urls_absolute import absolute_url, site_host

from . import exports, ical, selectors, services
from .forms import CancelForm, EventFilterForm, EventForm, MaterialForm
from .models import Event, EventKind, RegistrationStatus
from .rows import event_items
from .rules import is_organiser, may_manage_event

PAGE_SIZE = 20
ADD = "events.add_event"


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _managed(request: HttpRequest, pk: int) -> Event:
    """The event, for its managers only (404 for everyone else: no hint it exists)."""
    event = selectors.event_get_for(request.user, pk)
    if not may_manage_event(request.user, event):
        raise Http404
    return event


# --- Reading ------------------------------------------------------------------------------------


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    form = EventFilterForm(request.GET or None)
    filters = form.valid_filters() if form.is_bound else {}
    page = selectors.event_page(
        request.user, request.GET.get("page"), PAGE_SIZE, past=past, **filters
    )
    rows = list(page.object_list)
    statuses = selectors.statuses_for(request.user, [e.pk for e in rows])
    query = request.GET.copy()
    query.pop("page", None)
    when_query = query.copy()
    when_query.pop("when", None)
    now = timezone.now()
    events = [(e, statuses.get(e.pk)) for e in rows]
    context = {
        "form": form,
        "page_obj": page,
        "events": events,
        # The rows written in Python (rows.py: the HTML of events/includes/_event_item.html).
        "event_rows": event_items(events, now),
        "past": past,
        "querystring": query.urlencode(),
        "when_querystring": when_query.urlencode(),
        "can_add": request.user.has_perm(ADD),
        "now": now,
    }
    template = "events/event_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


def _detail_context(request: HttpRequest, event: Event) -> dict:
    user = request.user
    registration = selectors.registration_of(event, user)
    manager = may_manage_event(user, event)
    status = registration.status if registration else None
    registered = status == RegistrationStatus.REGISTERED
    places_left = (
        None if event.capacity is None else max(event.capacity - event.registered_count, 0)
    )
    return {
        "event": event,
        "registration": registration if status != RegistrationStatus.CANCELLED else None,
        "registered": registered,
        "waitlist_position": services.waitlist_position(registration),
        "places_left": places_left,
        "registration_open": event.registration_open(),
        "show_link": bool(event.online_url) and (registered or manager),
        "materials": selectors.materials_for(event, manager=manager),
        "can_manage": manager,
        "is_past": event.is_past(),
        "is_draft": event.published_at is None,
    }


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for(request.user, pk)
    return render(request, "events/event_detail.html", _detail_context(request, event))


@require_POST
@login_required
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for(request.user, pk)
    try:
        registration = services.register(event=event, person=request.user)
    except (ValidationError, RateLimitError) as exc:
        messages.error(request, getattr(exc, "message", None) or " ".join(exc.messages))
    else:
        if registration.status == RegistrationStatus.REGISTERED:
            messages.success(request, _("You are registered. See you there!"))
        else:
            messages.info(
                request,
                _("The event is full: you are on the waitlist, number %(n)d.")
                % {"n": services.waitlist_position(registration) or 1},
            )
    return redirect(event)


@require_POST
@login_required
def event_unregister(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for(request.user, pk)
    if services.cancel(event=event, person=request.user) is not None:
        messages.success(request, _("Your registration was cancelled."))
    return redirect(event)


def _ical_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def event_ical(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for(request.user, pk)
    with_link = selectors.is_registered(event, request.user) or may_manage_event(
        request.user, event
    )
    text = ical.calendar(
        [(event, absolute_url(event.get_absolute_url()), with_link)], host=site_host()
    )
    return _ical_response(text, f"event-{event.pk}.ics")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's registered events at their secret address (no sign-in: calendar apps
    cannot sign in). An unknown or reset token is a 404."""
    from .models import CalendarFeed

    if len(token) > 64:
        raise Http404
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not feed.person.is_active:
        raise Http404
    person = feed.person
    events = [
        (event, absolute_url(event.get_absolute_url()), True)
        for event in selectors.calendar_events(person)
    ]
    text = ical.calendar(events, host=site_host(), name=_("Kaiku: my events"))
    return _ical_response(text, "kaiku-events.ics")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.calendar_feed_reset(person=request.user)
        messages.success(
            request, _("Your calendar has a new address. The old address no longer works.")
        )
        return redirect("events:calendar")
    feed = services.calendar_feed_for(request.user)
    url = absolute_url(reverse("events:calendar_feed", kwargs={"token": feed.token}))
    return render(
        request,
        "events/event_calendar.html",
        {"feed_url": url, "events": list(selectors.calendar_events(request.user)[:50])},
    )


@require_GET
def material_download(request: HttpRequest, pk: int, material: int) -> HttpResponse:
    """A material's file for those who may see the event (after-event files once it has
    ended), with the type read from the content; 404 otherwise."""
    from kaiku.programme import documents

    item = selectors.material_get_for(request.user, pk, material)
    if not item.file:
        raise Http404
    try:
        handle = item.file.open("rb")
        content_type = documents.sniff(handle, item.file.name)
    except (FileNotFoundError, OSError, ValidationError):
        raise Http404("The file is missing.") from None
    extension = item.file.name.rsplit(".", 1)[-1] if "." in item.file.name else ""
    filename = documents.safe_file_name(f"{item.title}.{extension}" if extension else item.title)
    response = FileResponse(
        handle,
        as_attachment=content_type not in documents.INLINE_TYPES,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


# --- Organisers ---------------------------------------------------------------------------------


def _form_page(request, form, *, title, event=None, cancel_url):
    return render(
        request,
        "events/event_form.html",
        {"form": form, "title": title, "event": event, "cancel_url": cancel_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(ADD):
        raise PermissionDenied
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in EventKind else {}
    form = EventForm(_data(request), initial=initial)
    if request.method == "POST" and not wants_preview(form) and form.is_valid():
        publish = request.POST.get("action") == "publish"
        try:
            event = services.event_create(
                actor=request.user, publish=publish, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The event is published.")
                if publish
                else _("The event was saved as a draft. Publish it when it is ready."),
            )
            return redirect(event)
    return _form_page(request, form, title=_("New event"), cancel_url=reverse("events:list"))


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    form = EventForm(_data(request), instance=event)
    if request.method == "POST" and not wants_preview(form) and form.is_valid():
        try:
            services.event_update(event=event, actor=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(event)
    return _form_page(
        request, form, title=_("Edit the event"), event=event, cancel_url=event.get_absolute_url()
    )


@login_required
@require_POST
def event_publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    if services.event_publish(event=event, actor=request.user):
        messages.success(request, _("The event is published."))
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    form = CancelForm(_data(request))
    if request.method == "POST" and form.is_valid():
        if services.event_cancel(
            event=event, actor=request.user, reason=form.cleaned_data["reason"]
        ):
            messages.success(request, _("The event was cancelled. Those registered are told."))
        return redirect(event)
    return render(request, "events/event_cancel.html", {"event": event, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    form = MaterialForm(_data(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _material, replay = create_once(
                request,
                form.form_token,
                lambda: services.material_add(
                    event=event,
                    actor=request.user,
                    title=data["title"],
                    url=data.get("url") or "",
                    file=data.get("file"),
                    after_event=data.get("after_event", False),
                ),
                location=lambda m: event.get_absolute_url(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay is None:
                messages.success(request, _("The material was added."))
            return redirect(event)
    return render(request, "events/event_material_form.html", {"event": event, "form": form})


@login_required
@require_POST
def material_delete(request: HttpRequest, pk: int, material: int) -> HttpResponse:
    event = _managed(request, pk)
    item = event.materials.filter(pk=min(material, selectors.MAX_PK)).first()
    if item is not None:
        services.material_delete(material=item, actor=request.user)
        messages.success(request, _("The material was removed."))
    return redirect(event)


@login_required
@require_GET
def event_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    rows = list(selectors.registrations(event))
    return render(
        request,
        "events/event_registrations.html",
        {
            "event": event,
            "registered": [r for r in rows if r.status == RegistrationStatus.REGISTERED],
            "waitlist": [r for r in rows if r.status == RegistrationStatus.WAITLISTED],
            "cancelled": [r for r in rows if r.status == RegistrationStatus.CANCELLED],
            "summary": selectors.registration_summary(event),
        },
    )


def _mark(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


@login_required
@require_POST
def event_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark attendance: ``attended_<registration id>`` = yes / no / (empty). With htmx one
    row at a time (the row comes back); without, the whole list at once."""
    event = _managed(request, pk)
    marks = {}
    for key, value in request.POST.items():
        if key.startswith("attended_") and key[9:].isdigit():
            marks[min(int(key[9:]), selectors.MAX_PK)] = _mark(value)
    services.attendance_set(event=event, actor=request.user, marks=marks)
    if request.htmx and len(marks) == 1:
        registration = selectors.registrations(event).filter(pk=next(iter(marks))).first()
        if registration is None:
            raise Http404
        return render(
            request,
            "events/includes/_attendance_row.html",
            {"event": event, "r": registration, "saved": True},
        )
    messages.success(request, _("Attendance was saved."))
    return redirect("events:registrations", pk=event.pk)


@login_required
@require_GET
def event_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = _managed(request, pk)
    header, rows = exports.registration_table(event)
    name = f"event-{event.pk}-registrations"
    if fmt == "xlsx":
        response = HttpResponse(
            exports.as_xlsx(header, rows, sheet_title=_("Registrations")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    elif fmt == "csv":
        response = HttpResponse(exports.as_csv(header, rows), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        raise Http404
    response["Cache-Control"] = "private, no-cache"
    return response


__all__ = ["is_organiser"]
