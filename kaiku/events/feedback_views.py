"""The event's feedback survey for its managers: a confirmation page that says what will be
created and who will be asked (GET), and the creation (POST). Thin views over ``feedback.py``.

An event the viewer may not see, or does not manage, is a 404 (as the other organiser pages).
An event that already has its survey sends the manager on to it: the builder for those who
manage surveys, else back to the event's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import feedback, selectors
from .rules import may_manage_event

MANAGE_SURVEYS = "surveys.manage_survey"


def _after(request: HttpRequest, event, survey) -> HttpResponse:
    if request.user.has_perm(MANAGE_SURVEYS):
        return redirect(reverse("surveys:build", kwargs={"pk": survey.pk}))
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def feedback_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for(request.user, pk)
    if not may_manage_event(request.user, event):
        raise Http404
    survey = feedback.existing_survey(event)
    if survey is not None:
        return _after(request, event, survey)
    if request.method == "POST":
        try:
            survey, created = feedback.feedback_survey_create(event=event, actor=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(event)
        if created:
            messages.success(
                request,
                _(
                    "The feedback survey was created and published. Those who took part are "
                    "invited to answer it."
                ),
            )
        return _after(request, event, survey)
    language = (translation.get_language() or "fi")[:2]
    context = {
        "event": event,
        "problems": feedback.feedback_problems(event),
        "invited": len(feedback.feedback_people(event)),
        "questions": [q.text.get(language, q.text["fi"]) for q in feedback.QUESTIONS],
        "days": feedback.FEEDBACK_DAYS,
        "attendance_marked": event.registrations.filter(attended__isnull=False).exists(),
    }
    return render(request, "events/feedback_create.html", context)
