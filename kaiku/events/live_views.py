"""Pages of the live Q&A: thin views over ``live.py``.

``/events/<pk>/live/`` is the full page; ``live/questions/`` is the small fragment that the
page polls every 5 seconds (htmx, paused while the tab is hidden: ``events/live-qa.js``),
answering ``304 Not Modified`` when the viewer's list has not changed (ETag and
Last-Modified). The writes answer htmx with the fragment (or the whole panel, for asking)
and a plain form post with a redirect back to the page, so everything works without
JavaScript. An event the viewer may not see, and a hidden question of someone else, is a
404 everywhere.
"""

from __future__ import annotations

from calendar import timegm

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.idempotency import already_submitted, create_once, earlier_submit
from kaiku.core.ratelimit import RateLimitError
from kaiku.programme.selectors import MAX_PK

from . import live
from .live_forms import HideForm, LiveQuestionForm, MoveForm
from .models import LiveQuestion

PANEL = "events/live_qa.html"
LIST = "events/live_list.html"


def _event(request: HttpRequest, pk: int):
    if pk > MAX_PK:
        raise Http404
    event = live.event_for(request.user, pk)
    if event is None:
        raise Http404
    return event


def _question(request: HttpRequest, pk: int) -> LiveQuestion:
    if pk > MAX_PK:
        raise Http404
    question = LiveQuestion.objects.filter(pk=pk).only("event_id").first()
    if question is None:
        raise Http404
    event = _event(request, question.event_id)
    question = LiveQuestion.objects.select_related("event").get(pk=pk)
    question.event = event
    if question.hidden_at is not None and not (
        live.may_moderate(request.user, event) or question.author_id == request.user.pk
    ):
        raise Http404
    return question


def panel_context(
    request: HttpRequest, event, *, form=None, error: str = "", access=None, etag=None
) -> dict:
    """What ``events/live_qa.html`` (the panel) and ``events/live_list.html`` need."""
    access = access or live.access_for(request.user, event)
    if etag is None:
        etag, _last = live.list_state(
            event=event, viewer=request.user, access=access, language=get_language()
        )
    if form is None and access.may_ask:
        form = LiveQuestionForm()
    return {
        "event": event,
        "access": access,
        "live": live.live_list(event=event, viewer=request.user, access=access),
        "form": form,
        "etag": etag,
        "error": error,
        "poll": access.phase != live.CLOSED,
        "hide_form": HideForm(),
    }


def _live_url(event) -> str:
    return reverse("events:live", kwargs={"pk": event.pk})


@require_GET
def live_page(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return render(request, "events/live_page.html", panel_context(request, event))


@require_GET
def live_questions(request: HttpRequest, pk: int) -> HttpResponse:
    """The list alone, for polling: 304 when nothing the viewer sees has changed."""
    event = _event(request, pk)
    access = live.access_for(request.user, event)
    etag, last = live.list_state(
        event=event, viewer=request.user, access=access, language=get_language()
    )
    last_modified = timegm(last.utctimetuple())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        response = not_modified
    else:
        context = panel_context(request, event, access=access, etag=etag)
        response = render(request, LIST, context)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Cookie", "HX-Request"])
    return response


def _answer(request: HttpRequest, event, *, error: str = "", template: str = LIST):
    """After a write: the fragment for htmx, the page otherwise."""
    if request.htmx:
        return render(request, template, panel_context(request, event, error=error))
    if error:
        messages.error(request, error)
    return redirect(_live_url(event))


@require_POST
@login_required
def live_ask(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = LiveQuestionForm(request.POST)
    earlier = earlier_submit(request, form.form_token)
    if earlier is not None:
        return (
            already_submitted(request, earlier)
            if not request.htmx
            else _answer(request, event, template=PANEL)
        )
    if form.is_valid():
        try:
            _question, replay = create_once(
                request,
                form.form_token,
                lambda: live.live_question_ask(
                    event=event, author=request.user, text=form.cleaned_data["text"]
                ),
                location=lambda _q: _live_url(event),
            )
        except ValidationError as exc:
            messages_ = exc.message_dict.get("text") if hasattr(exc, "error_dict") else None
            if messages_:
                form.add_error("text", messages_)
            else:
                form.add_error(None, exc.messages)
        except RateLimitError as exc:
            form.add_error(None, exc.message)
        else:
            if request.htmx:
                return render(request, PANEL, panel_context(request, event))
            messages.success(request, _("Your question was sent."))
            return redirect(_live_url(event))
    context = panel_context(request, event, form=form)
    template = PANEL if request.htmx else "events/live_page.html"
    return render(request, template, context, status=200 if request.htmx else 400)


@require_POST
@login_required
def live_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Vote up (``vote=0``: withdraw the vote)."""
    question = _question(request, pk)
    error = ""
    try:
        if request.POST.get("vote") == "0":
            live.live_question_unvote(question=question, user=request.user)
        else:
            live.live_question_vote(question=question, user=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    except RateLimitError as exc:
        error = exc.message
    return _answer(request, question.event, error=error)


def _moderated(request: HttpRequest, pk: int) -> LiveQuestion:
    question = _question(request, pk)
    if not live.may_moderate(request.user, question.event):
        raise PermissionDenied
    return question


@require_POST
@login_required
def live_answered(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark answered (``answered=0``: open again)."""
    question = _moderated(request, pk)
    answered = request.POST.get("answered") != "0"
    live.live_question_answered(question=question, actor=request.user, answered=answered)
    return _answer(request, question.event)


@require_POST
@login_required
def live_hide(request: HttpRequest, pk: int) -> HttpResponse:
    question = _moderated(request, pk)
    form = HideForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            live.live_question_hide(
                question=question,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    return _answer(request, question.event, error=error)


@require_POST
@login_required
def live_restore(request: HttpRequest, pk: int) -> HttpResponse:
    question = _moderated(request, pk)
    live.live_question_restore(question=question, actor=request.user, request=request)
    return _answer(request, question.event)


@login_required
@require_http_methods(["GET", "POST"])
def live_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an unanswered question of an ended event into the questions (confirm page)."""
    question = _moderated(request, pk)
    if question.moved_to_id:
        return redirect(reverse("questions:detail", kwargs={"pk": question.moved_to_id}))
    form = MoveForm(request.POST or None, viewer=request.user)
    context = {"question": question, "event": question.event, "form": form}
    if not live.may_move(question):
        context["refused"] = True
        return render(request, "events/live_move.html", context, status=400)
    if request.method == "POST":
        if form.is_valid():
            try:
                moved = live.live_question_move(
                    question=question,
                    actor=request.user,
                    programme=form.cleaned_data["programme"],
                    request=request,
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(
                    request, _("The question was moved to the questions with its votes.")
                )
                return redirect(moved.get_absolute_url())
        return render(request, "events/live_move.html", context, status=400)
    return render(request, "events/live_move.html", context)
