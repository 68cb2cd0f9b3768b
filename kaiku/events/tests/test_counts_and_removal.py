"""Counts in messages have plural forms (Finnish "1 istunto", "3 istuntoa"), and removing an
account recounts the votes of the live questions the person had voted on."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from kaiku.accounts.personal_data import PERSONAL_DATA_REGISTRY

from .. import coaching, live
from ..models import AudienceKind, Event, LiveQuestion
from .factories import EventFactory
from .test_live import _ask
from .test_live import qa as _qa_fixture

pytestmark = pytest.mark.django_db
qa = _qa_fixture  # the live tests' fixture: an event under way, two registered, a moderator


# --- Plural forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "text"), [(1, "has 1 session."), (2, "has 2 sessions.")])
def test_choosing_sessions_says_how_many_in_the_right_form(client, people, count, text):
    organiser = people["organiser"]
    programme = coaching.programme_create(
        actor=organiser, title_fi="Muutosvalmennus", audience=AudienceKind.EVERYONE
    )
    events = [EventFactory(organiser=organiser) for _ in range(count)]
    client.force_login(organiser)
    response = client.post(
        f"/en/events/programmes/{programme.slug}/sessions/", {"events": [e.pk for e in events]}
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"The programme {text}"]


def test_the_length_limits_have_plural_forms(event, qa, monkeypatch):
    question = _ask(event, qa["second"])
    monkeypatch.setattr(live, "LIVE_QUESTION_MAX_LENGTH", 1)
    with pytest.raises(ValidationError) as caught:
        live.live_question_ask(event=event, author=qa["registered"], text="Miksi?")
    assert caught.value.message_dict["text"] == ["The question is too long (at most 1 character)."]
    monkeypatch.setattr(live, "HIDE_REASON_MAX_LENGTH", 1)
    with pytest.raises(ValidationError) as caught:
        live.live_question_hide(question=question, actor=qa["moderator"], reason="Asiaton")
    assert caught.value.message_dict["reason"] == ["The reason is too long (at most 1 character)."]


# --- Removing an account ----------------------------------------------------------------------


def test_removing_an_account_recounts_the_votes_it_gave(event, qa):
    Event.objects.filter(pk=event.pk).update(capacity=None)  # anyone in the audience votes
    event.refresh_from_db()
    question = _ask(event, qa["second"])
    other = _ask(event, qa["second"], text="Toinen kysymys?")
    voter = qa["registered"]
    live.live_question_vote(question=question, user=voter)
    live.live_question_vote(question=other, user=voter)
    live.live_question_vote(question=question, user=qa["unregistered"])
    question.refresh_from_db()
    assert question.vote_count == 2
    etag, _last = live.list_state(
        event=event, viewer=qa["second"], access=live.access_for(qa["second"], event)
    )

    # What removing the account runs for the votes (the factories' registrations leave the
    # events' counters at zero, so the whole ``account_remove`` would not run here).
    PERSONAL_DATA_REGISTRY["events.livevote"].remove(voter)

    counts = dict(LiveQuestion.objects.values_list("pk", "vote_count"))
    assert counts == {question.pk: 1, other.pk: 0}
    # The open lists reload: their ETag changes.
    after, _last = live.list_state(
        event=event, viewer=qa["second"], access=live.access_for(qa["second"], event)
    )
    assert after != etag


def test_removing_an_account_without_votes_touches_no_question(event, qa):
    question = _ask(event, qa["second"])
    updated = LiveQuestion.objects.get(pk=question.pk).updated
    assert live.live_votes_remove_person(person=qa["registered"]) == 0
    assert LiveQuestion.objects.get(pk=question.pk).updated == updated


def test_live_question_help_text_is_in_the_requests_language():
    """The length hint was formatted at import, so every language got the import's one."""
    from django.utils import translation

    from kaiku.events.live_forms import LiveQuestionForm

    with translation.override("en"):
        assert "characters" in LiveQuestionForm().fields["text"].help_text
    with translation.override("fi"):
        assert "merkkiä" in LiveQuestionForm().fields["text"].help_text
