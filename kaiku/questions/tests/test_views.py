"""Who may and may not use each question page, bad input, and query counts."""

from __future__ import annotations

import pytest
from django.utils import translation

from kaiku.core.content import Visibility
from kaiku.core.models import RateEvent
from kaiku.notifications.models import Notification

from .. import services
from ..models import Answer, Question, QuestionStatus, QuestionVote
from .factories import AnswerFactory, QuestionFactory, TopicFactory

pytestmark = pytest.mark.django_db

ALL = ["anonymous", "staff", "asker", "other", "chair", "secretary", "other_chair", "expert",
       "moderator", "admin"]  # fmt: skip
SIGNED_IN = [who for who in ALL if who != "anonymous"]
TRIAGERS = {"moderator", "admin"}


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")
    yield


def _login(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])


def url(name, question=None):
    return f"/en/questions/{name}" if question is None else f"/en/questions/{question.pk}/{name}"


@pytest.fixture
def assigned(question, people, group):
    services.question_assign(
        question=question, actor=people["moderator"], group=group, assignee=people["expert"]
    )
    return question


# --- Reading --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ALL)
def test_list_shows_public_questions_to_everyone_and_staff_questions_to_signed_in(
    client, people, programme, who
):
    public = QuestionFactory(programme=programme, title="Julkinen kysymys?")
    staff = QuestionFactory(
        programme=programme, title="Sisäinen kysymys?", visibility=Visibility.STAFF
    )
    _login(client, people, who)
    response = client.get(url(""))
    assert response.status_code == 200
    shown = {q.pk for q in response.context["questions"]}
    assert public.pk in shown
    assert (staff.pk in shown) is (who != "anonymous")


def test_list_filters_and_counts_by_status(client, people, programme, group, topic):
    QuestionFactory(programme=programme, status=QuestionStatus.NEW)
    QuestionFactory(programme=programme, status=QuestionStatus.NEW, group=group)
    answered = QuestionFactory(programme=programme, status=QuestionStatus.ANSWERED, topic=topic)
    response = client.get(url("?status=answered"))
    assert [q.pk for q in response.context["questions"]] == [answered.pk]
    counts = {value: count for value, _l, count, _c in response.context["status_counts"]}
    assert counts["new"] == 2 and counts["answered"] == 1 and counts["closed"] == 0
    response = client.get(url(f"?group={group.slug}"))
    assert len(response.context["questions"]) == 1
    response = client.get(url(f"?topic={topic.slug}"))
    assert [q.pk for q in response.context["questions"]] == [answered.pk]
    # A bad filter value is an error, not a crash.
    response = client.get(url("?status=nonsense&group=nope"))
    assert response.status_code == 200
    assert len(response.context["questions"]) == 3


def test_list_query_count_does_not_grow(
    client, people, programme, group, django_assert_max_num_queries
):
    client.force_login(people["staff"])
    for _ in range(3):
        QuestionFactory(programme=programme, group=group)
    with django_assert_max_num_queries(20) as few:
        client.get(url(""))
    for _ in range(15):
        QuestionFactory(programme=programme, group=group, topic=TopicFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(""))


@pytest.mark.parametrize("who", ALL)
def test_detail_of_a_staff_question_is_404_for_anonymous(client, people, programme, who):
    question = QuestionFactory(programme=programme, visibility=Visibility.STAFF)
    _login(client, people, who)
    response = client.get(url("", question))
    assert response.status_code == (404 if who == "anonymous" else 200)


def test_detail_shows_answer_with_who_and_organisation_and_earlier_versions(
    client, people, assigned
):
    services.answer_give(question=assigned, actor=people["secretary"], body="Ensimmäinen.")
    RateEvent.objects.all().delete()
    services.answer_give(question=assigned, actor=people["secretary"], body="Toinen versio.")
    page = client.get(url("", assigned)).content.decode()
    assert "Toinen versio." in page
    assert "Sanna Sihteeri" in page and "KEHA-keskus" in page
    assert "<details" in page and "Ensimmäinen." in page


def test_duplicate_links_to_the_original_and_the_original_lists_it(client, people, programme):
    original = QuestionFactory(programme=programme, title="Alkuperäinen kysymys?")
    duplicate = QuestionFactory(programme=programme, title="Kaksoiskysymys?")
    services.question_merge(duplicate=duplicate, original=original, actor=people["moderator"])
    page = client.get(url("", duplicate)).content.decode()
    assert original.get_absolute_url() in page
    page = client.get(url("", original)).content.decode()
    assert duplicate.get_absolute_url() in page


def test_closed_question_shows_the_reason(client, people, question):
    services.question_close(
        question=question, actor=people["moderator"], reason="Ei ajankohtainen."
    )
    assert "Ei ajankohtainen." in client.get(url("", question)).content.decode()


def test_hidden_question_shows_the_reason_to_its_author_and_moderators_only(
    client, people, question
):
    from django.utils import timezone

    Question.objects.filter(pk=question.pk).update(
        hidden_at=timezone.now(), hidden_reason="Asiaton sävy."
    )
    for who, status in [("asker", 200), ("moderator", 200), ("other", 404), ("anonymous", 404)]:
        client.logout()
        _login(client, people, who)
        response = client.get(url("", question))
        assert response.status_code == status
        if status == 200:
            assert "Asiaton sävy." in response.content.decode()


def test_faq_lists_curated_answered_questions_by_topic(client, people, question, topic):
    services.answer_give(question=question, actor=people["moderator"], body="Vastaus lomista.")
    services.question_set_faq(
        question=question, actor=people["moderator"], in_faq=True, topic=topic
    )
    QuestionFactory(programme=question.programme, title="Ei UKK:ssa?")
    page = client.get(url("faq/")).content.decode()
    assert f'id="{topic.slug}"' in page
    assert question.title in page and "Vastaus lomista." in page
    assert "Ei UKK:ssa?" not in page


def test_faq_query_count_does_not_grow_with_topics_and_questions(
    client, programme, django_assert_max_num_queries
):
    def fill(topics, per_topic):
        for _topic_number in range(topics):
            topic = TopicFactory()
            for q in range(per_topic):
                AnswerFactory(
                    question__programme=programme,
                    question__topic=topic,
                    question__in_faq=True,
                    question__title=f"UKK-kysymys {topic.pk}-{q}?",
                )

    fill(1, 2)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url("faq/")).status_code == 200
    fill(4, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("faq/")).status_code == 200


def test_question_page_query_count_does_not_grow_with_votes_revisions_and_duplicates(
    client, people, question, django_assert_max_num_queries
):
    from django.utils import timezone

    from ..models import AnswerRevision

    services.answer_give(question=question, actor=people["moderator"], body="Vastaus.")
    answer = Answer.objects.get(question=question)
    AnswerRevision.objects.create(answer=answer, body="Aiempi.", answered_at=timezone.now())
    client.force_login(people["staff"])
    with django_assert_max_num_queries(40) as few:
        assert client.get(url("", question)).status_code == 200
    for n in range(6):
        AnswerRevision.objects.create(
            answer=answer, body=f"Versio {n}.", answered_at=timezone.now(), author=people["expert"]
        )
        QuestionFactory(programme=question.programme, duplicate_of=question, status="duplicate")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("", question)).status_code == 200


# --- Asking ---------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in_to_ask(client):
    response = client.get(url("ask/"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_asking_saves_and_redirects(client, people, programme, group, topic):
    client.force_login(people["asker"])
    response = client.post(
        url("ask/"),
        {
            "title": "Miten lomapäivät siirtyvät uudelle työnantajalle?",
            "body": "Minulla on **säästövapaita**.",
            "group": group.pk,
            "topic": topic.pk,
            "visibility": "staff",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{question.pk}/")
    assert question.author == people["asker"] and question.group == group
    assert question.visibility == Visibility.STAFF and "<strong>" in question.body_html


@pytest.mark.parametrize(
    "data",
    [{"title": ""}, {"title": "x" * 301}, {"title": "Kysymys?", "visibility": "members"}],
)
def test_bad_questions_are_refused_with_messages(client, people, programme, data):
    client.force_login(people["asker"])
    response = client.post(url("ask/"), {"visibility": "public", **data})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Question.objects.exists()


def test_a_hidden_groups_id_is_not_a_choice(client, people, programme):
    from kaiku.programme.tests.factories import WorkingGroupFactory

    hidden = WorkingGroupFactory(programme=programme, visibility=Visibility.MEMBERS)
    client.force_login(people["asker"])
    response = client.post(
        url("ask/"), {"title": "Kysymys?", "visibility": "public", "group": hidden.pk}
    )
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_posting_too_fast_is_a_form_error(client, people, programme):
    client.force_login(people["asker"])
    client.post(url("ask/"), {"title": "Ensimmäinen kysymys?", "visibility": "public"})
    response = client.post(url("ask/"), {"title": "Toinen kysymys?", "visibility": "public"})
    assert response.status_code == 400
    assert "too fast" in response.content.decode()
    assert Question.objects.count() == 1


def test_double_submit_creates_one_question(client, people, programme):
    client.force_login(people["asker"])
    form = client.get(url("ask/")).context["form"]
    token = form["form_token"].value()
    data = {"title": "Kysymys kerran?", "visibility": "public", "form_token": token}
    first = client.post(url("ask/"), data)
    second = client.post(url("ask/"), data)
    assert first.status_code == 302 and second.status_code == 302
    assert Question.objects.count() == 1


def test_similar_questions_partial_and_no_js_check(client, people, programme):
    services.question_ask(
        author=people["other"],
        programme=programme,
        title="Miten vuosiloma siirtyy uudelle työnantajalle?",
    )
    RateEvent.objects.all().delete()
    response = client.get(url("similar/?q=Siirtyykö vuosilomani uudelle työnantajalle"))
    assert response.status_code == 200
    assert "vuosiloma siirtyy" in response.content.decode()
    client.force_login(people["asker"])
    response = client.post(
        url("ask/"),
        {
            "title": "Siirtyykö vuosilomani uudelle työnantajalle?",
            "visibility": "public",
            "check": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "vuosiloma siirtyy" in page
    assert "I have this question too" in page
    assert not Question.objects.filter(author=people["asker"]).exists()


def test_similar_questions_leave_out_staff_questions_for_anonymous(client, people, programme):
    services.question_ask(
        author=people["other"],
        programme=programme,
        title="Miten vuosiloma siirtyy uudelle työnantajalle?",
        visibility=Visibility.STAFF,
    )
    response = client.get(url("similar/?q=vuosiloma siirtyy uudelle työnantajalle"))
    assert "vuosiloma siirtyy" not in response.content.decode()


# --- Voting ---------------------------------------------------------------------------------


def test_vote_and_withdraw(client, people, question):
    client.force_login(people["other"])
    response = client.post(url("vote/", question))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.vote_count == 1
    client.post(url("vote/", question), {"vote": "0"})
    question.refresh_from_db()
    assert question.vote_count == 0


def test_anonymous_cannot_vote(client, question):
    response = client.post(url("vote/", question))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not QuestionVote.objects.exists()


def test_vote_for_a_question_one_may_not_see_is_404(client, people, programme):
    question = QuestionFactory(programme=programme, visibility=Visibility.STAFF)
    Question.objects.filter(pk=question.pk).update(deleted_at="2024-01-01T00:00Z")
    client.force_login(people["other"])
    assert client.post(url("vote/", question)).status_code == 404


# --- Triage ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", SIGNED_IN)
def test_triage_page_is_for_moderators_and_administrators(client, people, who):
    _login(client, people, who)
    response = client.get(url("triage/"))
    assert response.status_code == (200 if who in TRIAGERS else 403)


@pytest.mark.parametrize("who", SIGNED_IN)
def test_only_triagers_may_assign(client, people, question, group, who):
    _login(client, people, who)
    response = client.post(url("assign/", question), {"group": group.pk})
    question.refresh_from_db()
    if who in TRIAGERS:
        assert response.status_code == 302
        assert question.status == QuestionStatus.ASSIGNED and question.group == group
    else:
        assert response.status_code == 403
        assert question.status == QuestionStatus.NEW


def test_assign_to_an_expert_by_email(client, people, question):
    client.force_login(people["moderator"])
    client.post(url("assign/", question), {"assignee": people["expert"].email})
    question.refresh_from_db()
    assert question.assignee == people["expert"]
    response = client.post(url("assign/", question), {"assignee": "nobody@example.invalid"})
    assert response.status_code == 400


def test_assign_needs_a_group_or_expert(client, people, question):
    client.force_login(people["moderator"])
    response = client.post(url("assign/", question), {})
    assert response.status_code == 400
    assert "Choose a working group or an expert." in response.content.decode()


def test_triage_lists_overdue_first_with_constant_queries(
    client, people, programme, group, django_assert_max_num_queries
):
    import datetime

    from django.utils import timezone

    client.force_login(people["moderator"])
    QuestionFactory(programme=programme, due_at=timezone.now() + datetime.timedelta(days=5))
    late = QuestionFactory(programme=programme, group=group, status=QuestionStatus.ASSIGNED,
                           due_at=timezone.now() - datetime.timedelta(days=1))  # fmt: skip
    QuestionFactory(programme=programme, status=QuestionStatus.ANSWERED)
    with django_assert_max_num_queries(20) as few:
        response = client.get(url("triage/"))
    rows = list(response.context["questions"])
    assert rows[0].pk == late.pk and rows[0].overdue and len(rows) == 2
    assert "Overdue" in response.content.decode()
    for _ in range(10):
        QuestionFactory(programme=programme, group=group, assignee=people["expert"],
                        status=QuestionStatus.ASSIGNED)  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("triage/"))


def test_merge_by_number_and_bad_numbers(client, people, programme):
    original = QuestionFactory(programme=programme)
    duplicate = QuestionFactory(programme=programme)
    client.force_login(people["moderator"])
    for bad in [duplicate.pk, 999999, str(2**70), "-1", "0", "x", ""]:
        response = client.post(url("merge/", duplicate), {"original": bad})
        assert response.status_code == 400
    duplicate.refresh_from_db()
    assert duplicate.status == QuestionStatus.NEW
    response = client.post(url("merge/", duplicate), {"original": original.pk})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of == original
    # Merging into a duplicate (a chain) is refused.
    third = QuestionFactory(programme=programme)
    response = client.post(url("merge/", third), {"original": duplicate.pk})
    assert response.status_code == 400
    assert "merge into its original" in response.content.decode()


@pytest.mark.parametrize("who", SIGNED_IN)
def test_only_triagers_may_close(client, people, question, who):
    _login(client, people, who)
    response = client.post(url("close/", question), {"reason": "Ei koske uudistusta."})
    question.refresh_from_db()
    assert (question.status == QuestionStatus.CLOSED) is (who in TRIAGERS)
    assert response.status_code == (302 if who in TRIAGERS else 403)


def test_close_without_a_reason_is_refused(client, people, question):
    client.force_login(people["moderator"])
    response = client.post(url("close/", question), {"reason": ""})
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW


def test_faq_form(client, people, question, topic):
    client.force_login(people["moderator"])
    response = client.post(url("faq/", question), {"in_faq": "on", "topic": topic.pk})
    assert response.status_code == 400  # not answered yet
    services.answer_give(question=question, actor=people["moderator"], body="Vastaus.")
    response = client.post(url("faq/", question), {"in_faq": "on", "topic": topic.pk})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.in_faq


# --- Answering ------------------------------------------------------------------------------

MAY_ANSWER = {"chair", "secretary", "expert", "moderator", "admin"}


@pytest.mark.parametrize("who", SIGNED_IN)
def test_who_may_answer(client, people, assigned, who, django_capture_on_commit_callbacks):
    _login(client, people, who)
    get = client.get(url("answer/", assigned))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("answer/", assigned), {"body": "Virallinen vastaus."})
    if who in MAY_ANSWER:
        assert get.status_code == 200 and response.status_code == 302
        answer = Answer.objects.get()
        assert answer.author == people[who]
        assert Notification.objects.filter(kind="question_answered", user=people["asker"]).exists()
    else:
        assert get.status_code == 403 and response.status_code == 403
        assert not Answer.objects.exists()


def test_another_groups_chair_may_not_answer(client, people, assigned):
    client.force_login(people["other_chair"])
    assert client.post(url("answer/", assigned), {"body": "Vastaus."}).status_code == 403


def test_answering_a_closed_question_is_refused(client, people, question):
    services.question_close(question=question, actor=people["moderator"], reason="Vanha.")
    client.force_login(people["moderator"])
    response = client.post(url("answer/", question), {"body": "Vastaus."})
    assert response.status_code == 400
    assert "This question is closed." in response.content.decode()
    assert not Answer.objects.exists()


def test_empty_answer_is_refused(client, people, assigned):
    client.force_login(people["secretary"])
    response = client.post(url("answer/", assigned), {"body": ""})
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_answer_form_updates_and_keeps_the_earlier_version(client, people, assigned):
    AnswerFactory  # noqa: B018 - the factory is used by other tests
    client.force_login(people["secretary"])
    client.post(url("answer/", assigned), {"body": "Ensimmäinen."})
    RateEvent.objects.all().delete()
    form = client.get(url("answer/", assigned)).context["form"]
    assert form["body"].value() == "Ensimmäinen."
    client.post(url("answer/", assigned), {"body": "Päivitetty."})
    answer = Answer.objects.get()
    assert answer.body == "Päivitetty." and answer.revisions.get().body == "Ensimmäinen."
