"""The demo's coaching programme and live Q&A record: realistic, and loading twice changes
nothing."""

from __future__ import annotations

import pytest

from kaiku.accounts.demo import demo_people, load_demo_people
from kaiku.organisations.demo import load_demo_organisations

from .. import coaching
from ..coaching_demo import PROGRAMME_SLUG, load_demo_coaching
from ..demo import load_demo_events
from ..models import CoachingProgramme, LiveQuestion, LiveQuestionStatus, LiveVote, Registration

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(CoachingProgramme.all_objects.values_list("slug", "title")),
        sorted(
            Registration.objects.filter(event__series__isnull=False).values_list(
                "event__title", "person_id", "attended"
            )
        ),
        sorted(LiveQuestion.objects.values_list("text", "vote_count", "status")),
        LiveVote.objects.count(),
    )


def test_demo_programme_and_live_record_and_loading_twice_changes_nothing():
    load_demo_organisations()
    load_demo_people()
    load_demo_events()
    load_demo_coaching()
    programme = CoachingProgramme.objects.get(slug=PROGRAMME_SLUG)
    tiina = demo_people()["tiina.tiimilainen"]
    sessions = coaching.sessions(programme, tiina)
    assert len(sessions) == 4
    progress = coaching.progress_of(tiina, sessions)
    assert progress.total == 4 and 1 <= progress.attended <= 2
    matrix = coaching.attendance_matrix(sessions)
    assert matrix.rows and matrix.totals[0] > 0 and matrix.totals[3] == 0
    questions = LiveQuestion.objects.all()
    assert questions.count() == 10
    assert questions.filter(status=LiveQuestionStatus.ANSWERED).count() == 5
    assert all(q.vote_count == q.votes.count() for q in questions)
    before = _snapshot()
    load_demo_coaching()
    assert _snapshot() == before
