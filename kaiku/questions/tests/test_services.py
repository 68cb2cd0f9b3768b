from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kaiku.core.content import Visibility
from kaiku.core.models import RateEvent
from kaiku.core.ratelimit import RateLimitError
from kaiku.notifications.models import Follow, Notification
from kaiku.notifications.selectors import is_following

from .. import services
from ..models import AnswerDeadline, AnswerRevision, Question, QuestionStatus, QuestionVote
from .factories import QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _clear_rate_limits():
    RateEvent.objects.all().delete()


def test_ask_stores_terms_follows_and_sets_the_due_date(people, programme, group):
    question = services.question_ask(
        author=people["asker"], programme=programme, title="Siirtyvätkö lomapäivät?", group=group
    )
    assert question.status == QuestionStatus.NEW
    assert question.terms
    assert is_following(user=people["asker"], target=question)
    assert question.due_at - question.created < datetime.timedelta(days=14, seconds=5)


@pytest.mark.parametrize(
    ("title", "field"),
    [("", "title"), ("x" * 301, "title"), ("Rivi\nvaihto", "title")],
)
def test_ask_refuses_bad_input(people, programme, title, field):
    with pytest.raises(ValidationError) as error:
        services.question_ask(author=people["asker"], programme=programme, title=title)
    assert field in error.value.message_dict
    assert not Question.all_objects.exists()


def test_ask_refuses_a_group_of_another_programme(people, programme):
    from kaiku.programme.tests.factories import WorkingGroupFactory

    elsewhere = WorkingGroupFactory()
    with pytest.raises(ValidationError):
        services.question_ask(
            author=people["asker"], programme=programme, title="Kysymys?", group=elsewhere
        )
    assert not Question.all_objects.exists()


def test_asking_too_fast_is_refused_and_nothing_is_saved(people, programme):
    services.question_ask(author=people["asker"], programme=programme, title="Ensimmäinen?")
    with pytest.raises(RateLimitError):
        services.question_ask(author=people["asker"], programme=programme, title="Toinen?")
    assert Question.all_objects.count() == 1


def test_vote_is_idempotent_counts_and_follows(people, question):
    assert services.question_vote(question=question, user=people["other"]) is True
    assert services.question_vote(question=question, user=people["other"]) is False
    question.refresh_from_db()
    assert question.vote_count == 1
    assert is_following(user=people["other"], target=question)
    # The asker's own vote changes nothing.
    assert services.question_vote(question=question, user=people["asker"]) is False
    assert services.question_unvote(question=question, user=people["other"]) is True
    assert services.question_unvote(question=question, user=people["other"]) is False
    question.refresh_from_db()
    assert question.vote_count == 0


def test_votes_are_rate_limited(people, question, monkeypatch):
    from kaiku.core import ratelimit

    monkeypatch.setitem(
        ratelimit.LIMITS,
        ratelimit.VOTE,
        ratelimit.Limit(per_window=1, window=datetime.timedelta(minutes=1)),
    )
    services.question_vote(question=question, user=people["other"])
    other = QuestionFactory(programme=question.programme)
    with pytest.raises(RateLimitError):
        services.question_vote(question=other, user=people["other"])
    assert not QuestionVote.objects.filter(question=other).exists()


def test_assign_makes_the_group_editors_follow_and_notifies(
    people, question, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.question_assign(question=question, actor=people["moderator"], group=group)
    question.refresh_from_db()
    assert question.status == QuestionStatus.ASSIGNED
    assert question.group == group and question.assigned_at and question.due_at
    notified = set(
        Notification.objects.filter(kind="question_assigned").values_list("user_id", flat=True)
    )
    assert notified == {people["asker"].pk, people["chair"].pk, people["secretary"].pk}


def test_assign_uses_the_group_deadline(people, question, group):
    AnswerDeadline.objects.create(group=group, days=3)
    services.question_assign(question=question, actor=people["moderator"], group=group)
    assert question.due_at - question.assigned_at == datetime.timedelta(days=3)


def test_assign_needs_a_group_or_an_expert(people, question):
    with pytest.raises(ValidationError):
        services.question_assign(question=question, actor=people["moderator"])
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW


def test_merge_moves_votes_and_followers_without_duplicates(
    people, programme, django_capture_on_commit_callbacks
):
    original = QuestionFactory(programme=programme, author=people["asker"])
    duplicate = QuestionFactory(programme=programme, author=people["other"])
    both = UserFactory()
    only_duplicate = UserFactory()
    for person in (both, only_duplicate):
        services.question_vote(question=duplicate, user=person)
    services.question_vote(question=original, user=both)
    services.question_vote(question=duplicate, user=people["asker"])  # the original's asker
    services.question_merge(duplicate=duplicate, original=original, actor=people["moderator"])
    duplicate.refresh_from_db()
    original.refresh_from_db()
    assert duplicate.status == QuestionStatus.DUPLICATE
    assert duplicate.duplicate_of == original
    voters = set(QuestionVote.objects.filter(question=original).values_list("user_id", flat=True))
    assert voters == {both.pk, only_duplicate.pk, people["other"].pk}
    assert original.vote_count == 3 and duplicate.vote_count == 0
    followers = list(
        Follow.objects.filter(object_id=original.pk, content_type__model="question").values_list(
            "user_id", flat=True
        )
    )
    assert len(followers) == len(set(followers))
    assert set(followers) >= {people["asker"].pk, people["other"].pk, both.pk, only_duplicate.pk}
    assert not Follow.objects.filter(object_id=duplicate.pk, content_type__model="question")
    # The people who had the duplicate are told.
    assert Notification.objects.filter(kind="question_merged", user=only_duplicate).exists()
    # Voting for the duplicate votes for the original.
    newcomer = UserFactory()
    assert services.question_vote(question=duplicate, user=newcomer)
    assert QuestionVote.objects.filter(question=original, user=newcomer).exists()


def test_merge_refuses_itself_and_chains(people, programme):
    a = QuestionFactory(programme=programme)
    b = QuestionFactory(programme=programme)
    c = QuestionFactory(programme=programme)
    with pytest.raises(ValidationError):
        services.question_merge(duplicate=a, original=a, actor=people["moderator"])
    services.question_merge(duplicate=b, original=a, actor=people["moderator"])
    with pytest.raises(ValidationError):
        services.question_merge(duplicate=c, original=b, actor=people["moderator"])
    with pytest.raises(ValidationError):
        services.question_merge(duplicate=b, original=c, actor=people["moderator"])
    c.refresh_from_db()
    assert c.status == QuestionStatus.NEW and c.duplicate_of is None


def test_merging_a_question_with_duplicates_repoints_them(people, programme):
    a, b, c = (QuestionFactory(programme=programme) for _ in range(3))
    services.question_merge(duplicate=c, original=b, actor=people["moderator"])
    services.question_merge(duplicate=b, original=a, actor=people["moderator"])
    c.refresh_from_db()
    assert c.duplicate_of == a


def test_close_needs_a_reason_and_notifies(people, question, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError):
        services.question_close(question=question, actor=people["moderator"], reason="  ")
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW
    with django_capture_on_commit_callbacks(execute=True):
        services.question_close(
            question=question, actor=people["moderator"], reason="Ei koske uudistusta."
        )
    question.refresh_from_db()
    assert question.status == QuestionStatus.CLOSED
    assert question.closed_reason == "Ei koske uudistusta."
    assert Notification.objects.filter(kind="question_closed", user=people["asker"]).exists()


def test_answer_keeps_the_earlier_version_and_notifies(
    people, question, group, django_capture_on_commit_callbacks
):
    services.question_assign(question=question, actor=people["moderator"], group=group)
    services.question_vote(question=question, user=people["other"])
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_give(
            question=question, actor=people["secretary"], body="Lomat siirtyvät."
        )
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answered_at
    assert answer.organisation == people["secretary"].organisation
    assert answer.group == group
    told = set(
        Notification.objects.filter(kind="question_answered").values_list("user_id", flat=True)
    )
    assert {people["asker"].pk, people["other"].pk} <= told
    assert people["secretary"].pk not in told
    _clear_rate_limits()
    services.answer_give(question=question, actor=people["chair"], body="Lomat siirtyvät kaikki.")
    answer.refresh_from_db()
    assert answer.body == "Lomat siirtyvät kaikki." and answer.author == people["chair"]
    revision = AnswerRevision.objects.get(answer=answer)
    assert revision.body == "Lomat siirtyvät." and revision.author == people["secretary"]


def test_answering_a_closed_question_is_refused(people, question):
    services.question_close(question=question, actor=people["moderator"], reason="Vanha.")
    with pytest.raises(ValidationError):
        services.answer_give(question=question, actor=people["moderator"], body="Vastaus.")
    assert not hasattr(Question.objects.get(pk=question.pk), "answer") or True
    from ..models import Answer

    assert not Answer.objects.exists()


def test_empty_answer_is_refused(people, question):
    with pytest.raises(ValidationError):
        services.answer_give(question=question, actor=people["moderator"], body=" ")


def test_faq_takes_only_answered_public_questions(people, question, topic):
    with pytest.raises(ValidationError):
        services.question_set_faq(
            question=question, actor=people["moderator"], in_faq=True, topic=topic
        )
    services.answer_give(question=question, actor=people["moderator"], body="Vastaus.")
    with pytest.raises(ValidationError):
        services.question_set_faq(question=question, actor=people["moderator"], in_faq=True)
    services.question_set_faq(
        question=question, actor=people["moderator"], in_faq=True, topic=topic, faq_order=2
    )
    question.refresh_from_db()
    assert question.in_faq and question.topic == topic and question.faq_order == 2


def test_staff_question_is_not_followed_by_a_stranger(people, programme):
    question = QuestionFactory(programme=programme, visibility=Visibility.STAFF)
    assert question.visibility == Visibility.STAFF
    assert timezone.now()
