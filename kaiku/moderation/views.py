"""Moderation pages: the community guidelines, reporting, the moderators' queue and a piece of
content's case page (hide, restore, dismiss), and suspending accounts.

The guidelines are public. Reporting needs a signed-in person; content they may not see (or
that is not moderated) answers 404. The queue, case pages and suspension are for moderators and
administrators: anonymous visitors are sent to the login page and other people get 403 (the
queue's existence is no secret; what is in it is).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.content import may_see
from kaiku.core.forms import add_service_errors
from kaiku.core.moderation import author_id_of, model_key
from kaiku.core.ratelimit import RateLimitError

from . import selectors, services
from .forms import DecisionForm, QueueFilterForm, ReportForm, SuspendForm

PAGE_SIZE = 25
MODERATE = "moderation.moderate"


def _require_moderator(request: HttpRequest) -> None:
    if not request.user.has_perm(MODERATE):
        raise PermissionDenied


@require_GET
def guidelines(request: HttpRequest) -> HttpResponse:
    return render(request, "moderation/guidelines.html")


# --- Reporting -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    obj = selectors.get_moderated(model, pk)
    if obj is None or not may_see(request.user, obj):
        raise Http404
    own = author_id_of(obj) == request.user.pk
    done = services.already_reported(obj=obj, reporter=request.user)
    form = ReportForm(request.POST if request.method == "POST" else None)
    context = {"obj": obj, "excerpt": _excerpt(obj), "form": form, "own": own, "done": done}
    if request.method == "POST" and not own and not done and form.is_valid():
        try:
            services.report(
                obj=obj,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
                request=request,
            )
        except RateLimitError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you for the report. The moderators will look at it."),
            )
            obj.refresh_from_db(fields=["hidden_at"])
            if may_see(request.user, obj):
                return redirect(obj.get_absolute_url())
            return redirect("moderation:guidelines")
    status = 400 if request.method == "POST" else 200
    return render(request, "moderation/report_form.html", context, status=status)


def _excerpt(obj) -> str:
    from kaiku.core.moderation import moderation_of

    moderated = moderation_of(type(obj))
    return moderated.excerpt(obj) if moderated else str(obj)


# --- The queue ---------------------------------------------------------------------------------


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    form = QueueFilterForm(request.GET, content_types=selectors.content_type_choices())
    filters = form.filters()
    paginator = Paginator(selectors.queue(**filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "cases": selectors.cases(page.object_list),
        "querystring": query.urlencode(),
        "suspended": list(selectors.suspended_people()[:50]),
    }
    return render(request, "moderation/queue.html", context)


def _case_or_404(model: str, pk: int):
    obj = selectors.get_moderated(model, pk)
    if obj is None:
        raise Http404
    return obj


def _case_page(request, obj, *, hide_form=None, restore_form=None, status=200) -> HttpResponse:
    case = selectors.case_for(obj)
    context = {
        "case": case,
        "obj": obj,
        "key": model_key(type(obj)),
        "reports": selectors.reports_of(obj),
        "hide_form": hide_form or DecisionForm(prefix="hide"),
        "restore_form": restore_form or DecisionForm(prefix="restore"),
    }
    return render(request, "moderation/case.html", context, status=status)


@login_required
@require_GET
def case(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    _require_moderator(request)
    return _case_page(request, _case_or_404(model, pk))


def _decide(request, model: str, pk: int, *, prefix: str, decide, done_text, noop_text):
    """Hide or restore: the reason is required and shown to the author; a double submit
    changes nothing and says so."""
    _require_moderator(request)
    obj = _case_or_404(model, pk)
    form = DecisionForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            done = decide(
                obj=obj, actor=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if done:
                messages.success(request, done_text)
            else:
                messages.info(request, noop_text)
            return redirect("moderation:case", model=model, pk=pk)
    return _case_page(request, obj, **{f"{prefix}_form": form}, status=400)


@login_required
@require_POST
def hide(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    return _decide(
        request,
        model,
        pk,
        prefix="hide",
        decide=services.hide,
        done_text=_("The post was hidden. The author was told why."),
        noop_text=_("The post had already been hidden by a moderator."),
    )


@login_required
@require_POST
def restore(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    return _decide(
        request,
        model,
        pk,
        prefix="restore",
        decide=services.restore,
        done_text=_("The post is visible again. The author was told."),
        noop_text=_("The post was not hidden."),
    )


@login_required
@require_POST
def dismiss(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    _require_moderator(request)
    obj = _case_or_404(model, pk)
    if services.dismiss(obj=obj, actor=request.user, request=request):
        messages.success(request, _("The reports were dismissed."))
    else:
        messages.info(request, _("There were no open reports."))
    return redirect("moderation:case", model=model, pk=pk)


# --- Suspension --------------------------------------------------------------------------------


def _person_or_404(pk: int):
    return get_object_or_404(get_user_model(), pk=pk, is_active=True, removed_at__isnull=True)


@login_required
@require_http_methods(["GET", "POST"])
def suspend(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    person = _person_or_404(pk)
    form = SuspendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.suspend(
                person=person,
                actor=request.user,
                until=form.cleaned_data["suspended_until"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            until = date_format(timezone.localtime(person.suspended_until), "DATETIME_FORMAT")
            messages.success(
                request,
                _("%(name)s is suspended until %(time)s.")
                % {"name": person.display_name, "time": until},
            )
            return redirect(reverse("moderation:queue"))
    suspended = bool(person.suspended_until and person.suspended_until > timezone.now())
    context = {"person": person, "form": form, "suspended": suspended}
    status = 400 if request.method == "POST" else 200
    return render(request, "moderation/suspend_form.html", context, status=status)


@login_required
@require_POST
def unsuspend(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    person = _person_or_404(pk)
    if services.unsuspend(person=person, actor=request.user, request=request):
        messages.success(
            request, _("The suspension of %(name)s was lifted.") % {"name": person.display_name}
        )
    else:
        messages.info(request, _("%(name)s was not suspended.") % {"name": person.display_name})
    return redirect(reverse("moderation:queue"))
