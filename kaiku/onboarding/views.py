"""Onboarding pages: thin views over selectors.py and services.py.

Signed-in people see their own checklists (``index``) and, as a supervisor or mentor, their
people (``my_people``). A checklist is seen by its newcomer, supervisor and mentor and by
those who manage onboarding; for anyone else it is a 404, also on the tick URL. Programmes,
modules, tasks and enrolments are managed by change coordinators and administrators (the list
answers 403 to others, a programme's pages 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.form_views import save_form

from . import selectors, services
from .forms import EnrolmentForm, ModuleForm, ProgrammeForm, TaskForm
from .models import Module, OnboardingProgramme, Task
from .rules import MANAGE, may_tick

ENROLMENT_PAGE_SIZE = 50


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _manager(request: HttpRequest) -> None:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied


# --- The newcomer's and the supervisor's and mentor's pages -------------------------------------


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The person's own onboarding: their checklists, and the way to their people and (for
    those who manage onboarding) to the programmes."""
    enrolments = selectors.my_enrolments(viewer=request.user)
    checklists = selectors.checklists_for(enrolments)
    people = selectors.my_people(viewer=request.user)
    return render(
        request,
        "onboarding/index.html",
        {
            "checklists": [checklists[e.pk] for e in enrolments],
            "people_count": len(people),
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@login_required
@require_GET
def my_people(request: HttpRequest) -> HttpResponse:
    """The supervisor's and mentor's view: each of their newcomers with progress."""
    enrolments = selectors.my_people(viewer=request.user)
    checklists = selectors.checklists_for(enrolments)
    rows = [
        {
            "enrolment": e,
            "checklist": checklists[e.pk],
            "role": selectors.role_of(e, request.user),
            "my_overdue": checklists[e.pk].overdue_for(request.user.pk),
        }
        for e in enrolments
    ]
    return render(request, "onboarding/my_people.html", {"rows": rows})


def _checklist_context(request: HttpRequest, enrolment, checklist=None) -> dict:
    checklist = checklist or selectors.checklist_of(enrolment)
    user = request.user
    return {
        "enrolment": enrolment,
        "checklist": checklist,
        "role": selectors.role_of(enrolment, user),
        "tickable": {row.task.pk for row in checklist.rows if may_tick(user, enrolment, row.task)},
        "can_manage": user.has_perm(MANAGE),
    }


@login_required
@require_GET
def enrolment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = selectors.enrolment_get_for(viewer=request.user, pk=pk)
    return render(request, "onboarding/checklist.html", _checklist_context(request, enrolment))


@require_POST
@login_required
def task_toggle(request: HttpRequest, pk: int, task: int) -> HttpResponse:
    """Mark a task done (``done=1``) or not done (``done=0``). With htmx the checklist is
    answered in place; without JavaScript the page is loaded again at the task."""
    enrolment = selectors.enrolment_get_for(viewer=request.user, pk=pk)
    found = (
        Task.objects.select_related("module")
        .filter(pk=task, module__programme_id=enrolment.programme_id)
        .first()
        if task <= selectors.MAX_PK
        else None
    )
    if found is None:
        raise Http404
    if not may_tick(request.user, enrolment, found):
        raise PermissionDenied
    done = request.POST.get("done") != "0"
    if done:
        services.task_mark_done(enrolment=enrolment, task=found, actor=request.user)
        message = _("Marked done: %(task)s") % {"task": found.title}
    else:
        services.task_mark_undone(enrolment=enrolment, task=found, actor=request.user)
        message = _("Marked not done: %(task)s") % {"task": found.title}
    if request.htmx:
        context = _checklist_context(request, enrolment)
        context["announcement"] = message
        return render(request, "onboarding/includes/_checklist.html", context)
    messages.success(request, message)
    return redirect(f"{enrolment.get_absolute_url()}#task-{found.pk}")


# --- Managing programmes ------------------------------------------------------------------------


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return render(request, "onboarding/manage.html", {"programmes": selectors.programmes_managed()})


def _form_page(request, *, form, title, cancel_url, programme=None):
    """The form (again, with status 400, when it was posted and not saved)."""
    return render(
        request,
        "onboarding/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "programme": programme},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = ProgrammeForm(_data(request))
    if request.method == "POST":
        done = save_form(
            request,
            form,
            lambda: services.programme_create(actor=request.user, **form.cleaned_data),
            success=_("The programme was created. Add its modules and tasks."),
            next_url=lambda programme: programme,
        )
        if done is not None:
            return done
    return _form_page(
        request,
        form=form,
        title=_("New onboarding programme"),
        cancel_url=reverse("onboarding:manage"),
    )


@login_required
@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(viewer=request.user, pk=pk)
    modules = selectors.modules_of([programme.pk])
    page = Paginator(
        selectors.programme_enrolments(programme=programme), ENROLMENT_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    enrolments = list(page.object_list)
    for enrolment in enrolments:
        enrolment.programme = programme
    checklists = selectors.checklists_for(enrolments)
    template = "onboarding/programme_detail.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(
        request,
        template,
        {
            "programme": programme,
            "modules": modules,
            "page_obj": page,
            "rows": [{"enrolment": e, "checklist": checklists[e.pk]} for e in enrolments],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(viewer=request.user, pk=pk)
    form = ProgrammeForm(_data(request), instance=programme)
    if request.method == "POST":
        done = save_form(
            request,
            form,
            lambda: services.programme_update(
                programme=programme, actor=request.user, **form.cleaned_data
            ),
            success=_("The programme was saved."),
            next_url=programme,
        )
        if done is not None:
            return done
    return _form_page(
        request,
        form=form,
        title=_("Edit the programme"),
        cancel_url=programme.get_absolute_url(),
        programme=programme,
    )


def _module(programme: OnboardingProgramme, pk: int) -> Module:
    module = (
        Module.objects.filter(pk=pk, programme=programme).first()
        if pk <= selectors.MAX_PK
        else None
    )
    if module is None:
        raise Http404
    return module


@login_required
@require_http_methods(["GET", "POST"])
def module_form(request: HttpRequest, pk: int, module: int | None = None) -> HttpResponse:
    programme = selectors.programme_get(viewer=request.user, pk=pk)
    instance = _module(programme, module) if module is not None else None
    form = ModuleForm(_data(request), instance=instance)

    def save():
        if instance is None:
            return services.module_create(
                programme=programme, actor=request.user, **form.cleaned_data
            )
        return services.module_update(module=instance, actor=request.user, **form.cleaned_data)

    if request.method == "POST":
        done = save_form(
            request, form, save, success=_("The module was saved."), next_url=programme
        )
        if done is not None:
            return done
    return _form_page(
        request,
        form=form,
        title=_("New module") if instance is None else _("Edit the module"),
        cancel_url=programme.get_absolute_url(),
        programme=programme,
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_form(
    request: HttpRequest, pk: int, module: int | None = None, task: int | None = None
) -> HttpResponse:
    programme = selectors.programme_get(viewer=request.user, pk=pk)
    instance = None
    if task is not None:
        instance = (
            Task.objects.select_related("module__programme")
            .filter(pk=task, module__programme=programme)
            .first()
            if task <= selectors.MAX_PK
            else None
        )
        if instance is None:
            raise Http404
    form = TaskForm(_data(request), instance=instance, programme=programme)
    if module is not None and request.method == "GET":
        form.initial["module"] = _module(programme, module).pk

    def save():
        if instance is None:
            return services.task_create(
                programme=programme, actor=request.user, **form.cleaned_data
            )
        return services.task_update(task=instance, actor=request.user, **form.cleaned_data)

    if request.method == "POST":
        done = save_form(request, form, save, success=_("The task was saved."), next_url=programme)
        if done is not None:
            return done
    return _form_page(
        request,
        form=form,
        title=_("New task") if instance is None else _("Edit the task"),
        cancel_url=programme.get_absolute_url(),
        programme=programme,
    )


# --- Enrolling ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(viewer=request.user, pk=pk)
    if not programme.published:
        messages.error(request, _("Publish the programme before enrolling newcomers in it."))
        return redirect(programme)
    form = EnrolmentForm(_data(request), programme=programme)
    if request.method == "POST":
        done = save_form(
            request,
            form,
            lambda: services.enrolment_create(
                programme=programme, actor=request.user, **form.cleaned_data
            ),
            success=lambda enrolment: (
                _("%(name)s was enrolled. They, their supervisor and mentor were notified.")
                % {"name": enrolment.newcomer.display_name}
            ),
            next_url=programme,
        )
        if done is not None:
            return done
    return _form_page(
        request,
        form=form,
        title=_("Enrol a newcomer"),
        cancel_url=programme.get_absolute_url(),
        programme=programme,
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    enrolment = selectors.enrolment_get_for(viewer=request.user, pk=pk)
    form = EnrolmentForm(_data(request), instance=enrolment, programme=enrolment.programme)
    if request.method == "POST":
        done = save_form(
            request,
            form,
            lambda: services.enrolment_update(
                enrolment=enrolment, actor=request.user, **form.cleaned_data
            ),
            success=_("The enrolment was saved."),
            next_url=enrolment,
        )
        if done is not None:
            return done
    return _form_page(
        request,
        form=form,
        title=_("Edit the enrolment of %(name)s") % {"name": enrolment.newcomer.display_name},
        cancel_url=enrolment.get_absolute_url(),
        programme=enrolment.programme,
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an enrolment made by mistake (audited), after a confirmation page."""
    _manager(request)
    enrolment = selectors.enrolment_get_for(viewer=request.user, pk=pk)
    programme = enrolment.programme
    if request.method == "POST":
        name = enrolment.newcomer.display_name
        services.enrolment_delete(enrolment=enrolment, actor=request.user)
        messages.success(request, _("The enrolment of %(name)s was removed.") % {"name": name})
        return redirect(programme)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "title": _("Remove the enrolment of %(name)s?")
            % {"name": enrolment.newcomer.display_name},
            "consequences": [
                _("The newcomer's checklist and the tasks marked done are removed."),
                _("The newcomer, supervisor and mentor no longer see it."),
            ],
            "cancel_url": enrolment.get_absolute_url(),
        },
    )
