"""Invitations and reminders (django-tasks).

Each is sent once per survey: a conditional UPDATE claims it (``invitations_sent_at``,
``reminders_sent_at``), so two workers or a task run twice send nothing twice. The people are
told through notifications (in the app, and by email as each person has chosen), grouped by
their language so that the title is in it. ``due_now`` (``manage.py send_survey_reminders``,
from cron) invites to surveys that opened after they were published and reminds those who
have not answered ``REMINDER_LEAD`` before a survey closes, queues the mixing of the responses
and participations submitted since the last run (``mixing.mixing_due``: every hour while a
survey is open, and once more after it closes), and queues the themes of the open answers
and the stored results of surveys that have closed (``results_tasks.themes_due``,
``results_tasks.results_due``).
"""

from __future__ import annotations

import datetime
from itertools import groupby

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Survey
from .notifications import SURVEY_INVITATION, SURVEY_REMINDER
from .selectors import audience_people, not_answered

REMINDER_LEAD = datetime.timedelta(days=3)


def _language(person) -> str:
    return person.preferred_language or settings.LANGUAGE_CODE


def _tell(survey: Survey, people, kind: str) -> int:
    from kaiku.notifications.services import notify_people

    sent = 0
    people = sorted(people.select_related(None), key=_language)
    for language, group in groupby(people, key=_language):
        with translation.override(language):
            closes = formats.date_format(timezone.localtime(survey.closes_at), "SHORT_DATE_FORMAT")
            if kind == SURVEY_INVITATION:
                title = _("Please answer the survey: %(title)s") % {"title": survey.title}
            else:
                title = _("Reminder: please answer the survey %(title)s") % {"title": survey.title}
            context = _("Open until %(date)s") % {"date": closes}
            sent += len(
                notify_people(
                    kind=kind, about=survey, people=list(group), title=title, context=context
                )
            )
    return sent


def _claim(survey_id: int, field: str, now) -> Survey | None:
    claimed = Survey.objects.filter(pk=survey_id, **{f"{field}__isnull": True}).update(
        **{field: now}
    )
    return Survey.objects.filter(pk=survey_id).first() if claimed else None


def invite_now(survey_id: int, *, now=None) -> int:
    """Invite the audience of an open survey once; returns how many were told."""
    now = now or timezone.now()
    with transaction.atomic():
        survey = Survey.objects.filter(pk=survey_id).first()
        if survey is None or survey.phase(now=now) != "open":
            return 0
        survey = _claim(survey_id, "invitations_sent_at", now)
        if survey is None:
            return 0
        return _tell(survey, not_answered(survey), SURVEY_INVITATION)


def remind_now(survey_id: int, *, now=None) -> int:
    """Remind, once, those in the audience who have not answered an open survey."""
    now = now or timezone.now()
    with transaction.atomic():
        survey = Survey.objects.filter(pk=survey_id).first()
        if survey is None or survey.phase(now=now) != "open":
            return 0
        survey = _claim(survey_id, "reminders_sent_at", now)
        if survey is None:
            return 0
        return _tell(survey, not_answered(survey), SURVEY_REMINDER)


@task()
def send_survey_invitations(survey_id: int) -> int:
    return invite_now(survey_id)


@task()
def send_survey_reminders(survey_id: int) -> int:
    return remind_now(survey_id)


def due_now(*, now=None) -> dict[str, int]:
    """Queue the invitations and reminders that are due, the mixing of what was submitted
    since the last run, and the open-answer themes and stored results of surveys that have
    closed without them; returns how many of each were queued."""
    from .mixing import mixing_due
    from .results_tasks import results_due, themes_due

    now = now or timezone.now()
    open_ = Survey.objects.open(now=now)
    invite = list(open_.filter(invitations_sent_at__isnull=True).values_list("pk", flat=True))
    remind = list(
        open_.filter(reminders_sent_at__isnull=True, closes_at__lte=now + REMINDER_LEAD)
        .exclude(invitations_sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for pk in invite:
        send_survey_invitations.enqueue(pk)
    for pk in remind:
        send_survey_reminders.enqueue(pk)
    # Mixing first: a closed survey's last answers are mixed before its results are stored
    # (the results do not change, but the queue then runs in that order).
    mixed = mixing_due()
    return {
        "invitations": len(invite),
        "reminders": len(remind),
        "mixing": mixed,
        "themes": themes_due(now=now),
        "results": results_due(now=now),
    }


__all__ = ["audience_people", "due_now", "invite_now", "remind_now"]
