"""``{% survey_summary_link survey %}``: the link to a survey's results summary, for the
survey's page and its results page (one query)."""

from __future__ import annotations

from django import template

from .. import selectors, summaries
from ..models import Phase

register = template.Library()


@register.inclusion_tag("surveys/includes/_summary_link.html", takes_context=True)
def survey_summary_link(context, survey):
    request = context.get("request")
    viewer = getattr(request, "user", None)
    summary = summaries.summary_of(survey)
    manages = viewer is not None and viewer.is_authenticated and viewer.has_perm(selectors.MANAGE)
    return {
        "survey": survey,
        "summary": summary if summaries.may_read(viewer, summary) else None,
        "may_write": manages and summary is None and survey.phase() == Phase.CLOSED,
    }
