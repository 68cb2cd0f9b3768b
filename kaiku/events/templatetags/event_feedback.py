"""``{% event_feedback_panel event %}``: the feedback survey on an event's page
(``events/feedback_panel.html``).

- Those invited to the event's feedback survey (``feedback.py``) see "Give feedback on the
  event" while it is open and they have not answered; nobody else learns that it exists.
- The event's managers (the page's ``can_manage``) see, once the event has ended, the button
  that creates it, or the survey's state (with a link to its builder and its number of answers
  for those who manage surveys).

At most two queries (whether the viewer may see the survey and has answered it); the survey
itself comes with the event (``selectors.event_get_for``)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

register = template.Library()

MANAGE_SURVEYS = "surveys.manage_survey"


def _participant(user, survey) -> bool:
    from kaiku.core.content import may_see
    from kaiku.surveys.models import Participation

    return bool(
        survey.is_open
        and may_see(user, survey)
        and not Participation.objects.filter(survey=survey, user=user).exists()
    )


@register.simple_tag(takes_context=True)
def event_feedback_panel(context, event) -> str:
    request = context.get("request")
    if request is None or event is None:
        return ""
    user = request.user
    survey = event.feedback_survey
    can_manage = bool(context.get("can_manage"))
    data = {"event": event, "survey": survey, "can_manage": can_manage}
    if can_manage:
        from ..feedback import feedback_problems

        if survey is None:
            if event.is_cancelled or not event.is_past():
                return ""
            data["problems"] = feedback_problems(event)
        elif user.has_perm(MANAGE_SURVEYS):
            from kaiku.surveys.selectors import response_count

            data["manages_surveys"] = True
            data["answers"] = response_count(survey)
        data["phase"] = survey.phase() if survey else None
    elif survey is None or not user.is_authenticated or not _participant(user, survey):
        return ""
    return render_to_string("events/feedback_panel.html", data, request=request)
