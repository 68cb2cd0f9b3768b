"""A change coordinator's published summary of a closed survey's results (docs/surveys.md,
"Summary"): reads and writes.

* Writing is for those who manage surveys (``surveys.manage_survey``); the views check it.
* A summary can be published once the survey has closed. Publishing and unpublishing are
  audited (``survey_summary_published``, ``survey_summary_unpublished``).
* Reading: a published summary is for whoever may see the survey's results
  (``results.may_see_results``: anyone when they are public, signed-in people when they are
  for the staff, coordinators when they are for coordinators); those who manage surveys also
  see it unpublished, as a preview.
* "Announce in the news" writes a news item linking to the summary, once per summary, through
  ``announcements`` (kaiku.site registers the writer: surveys may not import news).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaiku.core.audit import audit_log
from kaiku.core.predicates import is_authenticated
from kaiku.core.translations import translated
from kaiku.core.writes import model_update

from . import announcements, selectors
from .models import (
    CHOICE_KINDS,
    SCALE_KINDS,
    Phase,
    Question,
    QuestionKind,
    ResultsSummary,
    ResultsVisibility,
    Survey,
)
from .results import may_see_results

PUBLISHED = "survey_summary_published"
UNPUBLISHED = "survey_summary_unpublished"
#: The kinds of question whose results are charts (open texts are not).
CHART_KINDS = (*SCALE_KINDS, *CHOICE_KINDS, QuestionKind.NUMBER)
FIELDS = translated("title", "body")


def _manages(viewer) -> bool:
    return is_authenticated(viewer) and viewer.has_perm(selectors.MANAGE)


def summary_of(survey: Survey) -> ResultsSummary | None:
    """The survey's summary (None when it has none): no query when the survey was read with
    ``select_related("results_summary")`` (``selectors.results_survey``)."""
    if Survey.results_summary.is_cached(survey):
        return Survey.results_summary.related.get_cached_value(survey)
    return ResultsSummary.objects.filter(survey=survey).first()


def may_read(viewer, summary: ResultsSummary | None) -> bool:
    """Whether ``viewer`` may read ``summary`` (see the module docstring)."""
    if summary is None:
        return False
    if _manages(viewer):
        return True
    return summary.published_at is not None and may_see_results(viewer, summary.survey)


def chart_questions(survey: Survey):
    """The survey's questions that have charts, in the survey's order."""
    return Question.objects.filter(survey=survey, kind__in=list(CHART_KINDS)).order_by(
        "section__order", "section_id", "order", "pk"
    )


def publish_problem(survey: Survey, *, announce: bool = False) -> str:
    """Why the summary of ``survey`` cannot be published (or announced) now; "" when it can."""
    if survey.phase() != Phase.CLOSED:
        return _("A summary can be published once the survey has closed.")
    if announce and survey.results_visibility == ResultsVisibility.COORDINATORS:
        return _(
            "The results are for change coordinators only: a news item would link to a page "
            "its readers cannot open."
        )
    return ""


@transaction.atomic
def summary_save(*, survey: Survey, actor, questions=(), **fields) -> ResultsSummary:
    """Create or change the summary of ``survey``: its title and text (``title_fi``,
    ``body_fi``, … ) and the questions whose charts it shows (others of the survey, or open
    questions, are ignored). Raises ValidationError (nothing saved)."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields for ResultsSummary: {sorted(unknown)}")
    summary = ResultsSummary.objects.select_for_update().filter(survey=survey).first()
    if summary is None:
        summary = ResultsSummary(survey=survey, **fields)
        summary.full_clean()
        summary.save()
        audit_log(action="survey_summary_created", actor=actor, target=summary)
    else:
        summary, _changed = model_update(summary, data=fields, allowed=FIELDS)
    allowed = set(chart_questions(survey).values_list("pk", flat=True))
    summary.questions.set([q for q in questions if getattr(q, "pk", q) in allowed])
    return summary


@transaction.atomic
def summary_publish(
    *, summary: ResultsSummary, actor, announce: bool = False
) -> announcements.Announcement | None:
    """Publish ``summary`` (a summary already published keeps its date) and, with
    ``announce``, announce it in the news unless it has been announced already. Returns what
    the announcer did, or None. Raises ValidationError when the survey has not closed (or
    its results are for coordinators only and ``announce`` is asked)."""
    problem = publish_problem(summary.survey, announce=announce)
    if problem:
        raise ValidationError(problem)
    now = timezone.now()
    if summary.published_at is None:
        ResultsSummary.objects.filter(pk=summary.pk, published_at__isnull=True).update(
            published_at=now
        )
        summary.refresh_from_db(fields=["published_at"])
        audit_log(
            action=PUBLISHED,
            actor=actor,
            target=summary,
            data={"survey": summary.survey_id, "announce": bool(announce)},
        )
    if not announce or not announcements.available():
        return None
    # Claimed with a conditional UPDATE: a double submit announces once.
    claimed = ResultsSummary.objects.filter(pk=summary.pk, announced_at__isnull=True).update(
        announced_at=now
    )
    if claimed != 1:
        return None
    summary.announced_at = now
    return announcements.announce(summary=summary, actor=actor)


@transaction.atomic
def summary_unpublish(*, summary: ResultsSummary, actor) -> ResultsSummary:
    """Take ``summary`` back to a draft (a news item that announced it stays: the news
    editors remove it if they want; its link then says the page is not available)."""
    if summary.published_at is not None:
        ResultsSummary.objects.filter(pk=summary.pk).update(published_at=None)
        summary.published_at = None
        audit_log(
            action=UNPUBLISHED, actor=actor, target=summary, data={"survey": summary.survey_id}
        )
    return summary
