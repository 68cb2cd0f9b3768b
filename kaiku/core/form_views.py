"""The POST half of a form page, shared by the apps' create and edit views.

A form page shows its form on GET; on POST it validates the form, calls one service, shows a
service's refusal on the form (``core.forms.add_service_errors``), and after a save says so
and redirects. The view keeps what is its own: the permission check, the form, the template
(status 400 when a posted form is shown again)::

    form = ModuleForm(request.POST or None, instance=module)
    if request.method == "POST":
        done = save_form(
            request,
            form,
            lambda: services.module_update(module=module, actor=request.user, **form.cleaned_data),
            success=_("The module was saved."),
            next_url=programme,
        )
        if done is not None:
            return done
    return render(request, "form.html", {"form": form}, status=400 if form.is_bound else 200)

With ``once=True`` the form is a ``OneTimeTokenFormMixin`` form and the save is a create: a
form sent again is answered with what its first submit created
(``core.idempotency.create_once``), before the form is validated again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url

from .forms import add_service_errors
from .idempotency import already_submitted, create_once, earlier_submit

T = TypeVar("T")


def save_form(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], T],
    *,
    success: str | Callable[[T], str],
    next_url: Any | Callable[[T], Any],
    once: bool = False,
    refusals: tuple[type[Exception], ...] = (ValidationError,),
) -> HttpResponse | None:
    """Validate the posted ``form`` and ``save()`` it (the service call; it may read
    ``form.cleaned_data``). Returns the redirect to ``next_url`` after a save, with the
    message ``success``, or ``None`` when the form is to be shown again: invalid, or refused
    by the service (an exception in ``refusals``, now on the form).

    ``success`` and ``next_url`` may be functions of what ``save()`` returned; ``next_url``
    is anything ``redirect`` takes (a URL, a model with ``get_absolute_url``). With
    ``once=True``, ``save()`` runs at most once per form token and ``next_url`` is also where
    a repeated submit is sent.
    """

    def url_of(obj) -> str:
        return resolve_url(next_url(obj) if callable(next_url) else next_url)

    if once:
        earlier = earlier_submit(request, form.form_token)
        if earlier is not None:
            return already_submitted(request, earlier)
    if not form.is_valid():
        return None
    try:
        if once:
            obj, replay = create_once(request, form.form_token, save, location=url_of)
        else:
            obj, replay = save(), None
    except refusals as exc:
        add_service_errors(form, exc)
        return None
    if replay is not None:
        return already_submitted(request, replay)
    messages.success(request, success(obj) if callable(success) else success)
    return redirect(url_of(obj))
