"""The questions API: /api/v1/questions/ (list, retrieve, create, vote) and /similar/."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from kaiku.core.content import Visibility
from kaiku.core.ratelimit import RateEvent
from kaiku.core.tests.prepared_lists import assert_prepared_list_is_drfs
from kaiku.core.urls_absolute import absolute_url
from kaiku.organisations.tests.factories import OrganisationFactory

from .. import services
from ..models import AnswerRevision, Question, QuestionStatus, QuestionVote
from .factories import AnswerFactory, QuestionFactory, QuestionVoteFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/questions/"
SIMILAR_URL = "/api/v1/questions/similar/"


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def questions(people, programme, group, topic):
    """A public answered question, a staff-only one, one hidden by a moderator (asked by
    ``asker``) and a deleted one."""
    public = QuestionFactory(
        programme=programme,
        group=group,
        topic=topic,
        title="Siirtyvätkö vuosilomat kuntaan?",
        author=people["asker"],
        status=QuestionStatus.ANSWERED,
        answered_at=timezone.now(),
    )
    staff = QuestionFactory(
        programme=programme, title="Sisäinen kysymys palkoista?", visibility=Visibility.STAFF
    )
    hidden = QuestionFactory(
        programme=programme,
        title="Piilotettu kysymys?",
        author=people["asker"],
        hidden_at=timezone.now(),
        hidden_by=people["moderator"],
        hidden_reason="Asiaton",
    )
    deleted = QuestionFactory(programme=programme, title="Poistettu?", deleted_at=timezone.now())
    return {"public": public, "staff": staff, "hidden": hidden, "deleted": deleted}


def _as(api, people, who):
    if people[who] is not None:
        api.force_authenticate(people[who])
    return api


def _titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["title"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anonymous", {"public"}),
        ("staff", {"public", "staff"}),
        ("other", {"public", "staff"}),
        ("asker", {"public", "staff", "hidden"}),
        ("chair", {"public", "staff"}),
        ("moderator", {"public", "staff", "hidden"}),
        ("admin", {"public", "staff", "hidden"}),
    ],
)
def test_list_and_retrieve_follow_visibility(api, people, questions, who, expected):
    _as(api, people, who)
    assert _titles(api.get(LIST_URL)) == {questions[name].title for name in expected}
    for name, question in questions.items():
        status = api.get(f"{LIST_URL}{question.pk}/").status_code
        assert status == (200 if name in expected else 404), name


def test_detail_has_the_answer_with_who_for_whom_and_when(api, people, questions):
    question = questions["public"]
    organisation = OrganisationFactory(name="Työ- ja elinkeinoministeriö")
    services.answer_give(
        question=question, actor=people["chair"], body="Ensimmäinen.", organisation=organisation
    )
    RateEvent.objects.all().delete()  # not the rate limit under test
    services.answer_give(
        question=question, actor=people["chair"], body="Kyllä, **sellaisinaan**.",
        organisation=organisation,
    )  # fmt: skip
    QuestionVoteFactory(question=question)
    Question.objects.filter(pk=question.pk).update(vote_count=1)
    body = api.get(f"{LIST_URL}{question.pk}/").json()
    assert body["status"] == "answered"
    assert body["vote_count"] == 1
    assert body["asked_by"] == "Kalle Kysyjä"
    assert body["group"] == {
        "id": question.group_id,
        "slug": "henkilosto",
        "name": "Henkilöstötyöryhmä",
    }
    assert body["topic"] == {"slug": "lomat", "name": "Lomat"}
    assert body["web_url"] == absolute_url(f"/en/questions/{question.pk}/")
    answer = body["answer"]
    assert answer["body"] == "Kyllä, **sellaisinaan**."
    assert "<strong>sellaisinaan</strong>" in answer["body_html"]
    assert answer["answered_by"] == "Pekka Puheenjohtaja"
    assert answer["organisation"] == {"id": organisation.pk, "name": organisation.name}
    assert answer["group"] == "henkilosto"
    assert answer["earlier_versions"] == 1 == AnswerRevision.objects.count()
    question.refresh_from_db()
    assert parse_datetime(answer["answered_at"]) == question.answered_at


def test_a_question_without_answer_has_null(api, questions):
    body = api.get(f"{LIST_URL}{questions['public'].pk}/").json()
    assert body["answer"] is None


def test_filters(api, people, questions, group, other_group, topic):
    other = QuestionFactory(programme=group.programme, group=other_group, title="Muu ryhmä?")
    assert _titles(api.get(LIST_URL, {"group": "henkilosto"})) == {questions["public"].title}
    assert _titles(api.get(LIST_URL, {"group": "jarjestelmat"})) == {other.title}
    assert _titles(api.get(LIST_URL, {"group": "ei-ole"})) == set()
    assert _titles(api.get(LIST_URL, {"topic": "lomat"})) == {questions["public"].title}
    assert _titles(api.get(LIST_URL, {"status": "answered"})) == {questions["public"].title}
    assert _titles(api.get(LIST_URL, {"status": "new"})) == {other.title}
    assert _titles(api.get(LIST_URL, {"programme": "te24"})) == {
        questions["public"].title,
        other.title,
    }
    Question.objects.filter(pk=other.pk).update(vote_count=5)
    rows = api.get(LIST_URL, {"ordering": "-vote_count"}).json()["results"]
    assert rows[0]["title"] == other.title


@pytest.mark.parametrize(
    "params",
    [
        {"status": "avoin"},
        {"status": ""},
        {"programme": "ei-ole"},
        {"group": ""},
        {"in_faq": "ehkä"},
        {"in_faq": "null"},
        {"ordering": "title"},
    ],
)
def test_bad_filters_are_400(api, questions, params):
    response = api.get(LIST_URL, params)
    if "ordering" in params:  # DRF ignores an unknown ordering: the default order is kept
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert response.json()["message"] == "The request contains invalid data."


def test_list_query_count_does_not_grow(api, people, programme, group, topic):
    def add(n):
        for _i in range(n):
            question = QuestionFactory(programme=programme, group=group, topic=topic)
            answer = AnswerFactory(
                question=question, organisation=OrganisationFactory(), group=group
            )
            AnswerRevision.objects.create(answer=answer, body="Vanha", answered_at=timezone.now())
            QuestionVoteFactory(question=question)

    add(1)
    api.force_authenticate(people["staff"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api.get(LIST_URL)  # per-process caches
    with CaptureQueriesContext(connection) as few:
        assert len(api.get(LIST_URL).json()["results"]) == 1
    add(12)
    api.get(LIST_URL)
    with CaptureQueriesContext(connection) as many:
        rows = api.get(LIST_URL).json()["results"]
    assert len(rows) == 13
    assert all(row["answer"]["earlier_versions"] == 1 for row in rows)
    assert all(row["answer"]["organisation"] for row in rows)
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Asking ------------------------------------------------------------------------------------


def test_anonymous_cannot_ask_or_vote(api, questions):
    assert api.post(LIST_URL, {"title": "Kysymys?"}).status_code == 401
    assert api.post(f"{LIST_URL}{questions['public'].pk}/vote/").status_code == 401
    assert api.delete(f"{LIST_URL}{questions['public'].pk}/vote/").status_code == 401
    assert not Question.objects.filter(title="Kysymys?").exists()
    assert not QuestionVote.objects.exists()


@pytest.mark.parametrize("who", ["staff", "member", "chair", "moderator", "admin"])
def test_signed_in_people_ask(api, people, programme, group, topic, who):
    _as(api, people, who)
    response = api.post(
        LIST_URL,
        {
            "title": "Siirtyykö etätyösopimukseni?",
            "body": "Teen **kolme** päivää kotoa.",
            "group": "henkilosto",
            "topic": "lomat",
            "visibility": "staff",
        },
    )
    assert response.status_code == 201, response.content
    question = Question.objects.get(title="Siirtyykö etätyösopimukseni?")
    assert question.author == people[who]
    assert question.programme == programme and question.group == group
    assert question.topic == topic and question.visibility == Visibility.STAFF
    assert question.status == QuestionStatus.NEW
    assert question.terms  # takes part in similar matching
    body = response.json()
    assert body["id"] == question.pk and body["status"] == "new"
    assert "<strong>kolme</strong>" in body["body_html"]
    assert response["Location"] == body["url"]


def test_the_programme_defaults_to_the_first(api, people, programme):
    api.force_authenticate(people["staff"])
    response = api.post(LIST_URL, {"title": "Milloin siirto tapahtuu?"})
    assert response.status_code == 201, response.content
    assert response.json()["programme"] == "te24"


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"title": "Rivin\nvaihto?"}, "title"),
        ({"title": "Suunta\u202emerkki?"}, "title"),
        ({"title": "Kysymys?", "body": "x" * 5001}, "body"),
        ({"title": "Kysymys?", "group": "ei-ole"}, "group"),
        ({"title": "Kysymys?", "topic": "ei-ole"}, "topic"),
        ({"title": "Kysymys?", "programme": "ei-ole"}, "programme"),
        ({"title": "Kysymys?", "visibility": "members"}, "visibility"),
    ],
)
def test_bad_input_is_400_and_nothing_is_created(api, people, programme, group, data, field):
    api.force_authenticate(people["staff"])
    response = api.post(LIST_URL, data)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["message"] == "The request contains invalid data."
    assert field in body["extra"]["fields"]
    assert not Question.all_objects.exists()


def test_a_group_the_asker_may_not_see_is_unknown(api, people, programme):
    from kaiku.programme.tests.factories import WorkingGroupFactory

    WorkingGroupFactory(programme=programme, slug="salainen", visibility=Visibility.MEMBERS)
    api.force_authenticate(people["staff"])
    response = api.post(LIST_URL, {"title": "Kysymys?", "group": "salainen"})
    assert response.status_code == 400
    assert 'There is no working group "salainen"' in str(response.json()["extra"]["fields"])


def test_bad_input_message_in_the_request_language(people, programme):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="fi")
    api.force_authenticate(people["staff"])
    with translation.override("fi"):
        response = api.post(LIST_URL, {"title": ""})
    assert response.status_code == 400
    assert response.json()["message"] != "The request contains invalid data."


def test_posting_too_fast_is_429_with_retry_after(api, people, programme):
    api.force_authenticate(people["staff"])
    assert api.post(LIST_URL, {"title": "Ensimmäinen kysymys?"}).status_code == 201
    response = api.post(LIST_URL, {"title": "Toinen kysymys?"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "too fast" in response.json()["message"]
    assert not Question.objects.filter(title="Toinen kysymys?").exists()


def test_a_suspended_person_is_refused(api, people, programme):
    person = people["staff"]
    person.suspended_until = timezone.now() + timezone.timedelta(days=1)
    person.save()
    api.force_authenticate(person)
    response = api.post(LIST_URL, {"title": "Kysymys?"})
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_idempotency_key_asks_once(api, people, programme):
    api.force_authenticate(people["staff"])
    data = {"title": "Kysytäänkö kahdesti?"}
    first = api.post(LIST_URL, data, HTTP_IDEMPOTENCY_KEY="kysymys-1")
    again = api.post(LIST_URL, data, HTTP_IDEMPOTENCY_KEY="kysymys-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Question.objects.filter(title="Kysytäänkö kahdesti?").count() == 1
    other = api.post(LIST_URL, {"title": "Muu?"}, HTTP_IDEMPOTENCY_KEY="kysymys-1")
    assert other.status_code == 422


def test_writes_other_than_asking_are_not_allowed(api, people, questions):
    api.force_authenticate(people["admin"])
    url = f"{LIST_URL}{questions['public'].pk}/"
    for response in (api.put(url, {"title": "x"}), api.patch(url, {"title": "x"}), api.delete(url)):
        assert response.status_code in (403, 405)
    assert Question.objects.filter(pk=questions["public"].pk).exists()


# --- Voting ------------------------------------------------------------------------------------


def test_vote_and_withdraw(api, people, questions):
    question = questions["public"]
    url = f"{LIST_URL}{question.pk}/vote/"
    api.force_authenticate(people["other"])
    response = api.post(url)
    assert response.status_code == 200
    assert response.json() == {"question": question.pk, "voted": True, "vote_count": 1}
    assert api.post(url).json()["vote_count"] == 1  # twice changes nothing
    response = api.delete(url)
    assert response.json() == {"question": question.pk, "voted": False, "vote_count": 0}
    assert not QuestionVote.objects.exists()


def test_own_question_vote_changes_nothing(api, people, questions):
    api.force_authenticate(people["asker"])
    response = api.post(f"{LIST_URL}{questions['public'].pk}/vote/")
    assert response.json()["voted"] is False and response.json()["vote_count"] == 0


def test_a_vote_for_a_duplicate_goes_to_its_original(api, people, questions, programme):
    original = questions["public"]
    duplicate = QuestionFactory(programme=programme, title="Lomat kuntaan?")
    services.question_merge(duplicate=duplicate, original=original, actor=people["moderator"])
    api.force_authenticate(people["other"])
    response = api.post(f"{LIST_URL}{duplicate.pk}/vote/")
    assert response.json()["question"] == original.pk
    assert response.json()["voted"] is True
    assert QuestionVote.objects.filter(question=original, user=people["other"]).exists()


def test_cannot_vote_for_a_question_one_may_not_see(api, people, questions):
    api.force_authenticate(people["other"])
    assert api.post(f"{LIST_URL}{questions['hidden'].pk}/vote/").status_code == 404
    api.force_authenticate(None)
    assert api.post(f"{LIST_URL}{questions['staff'].pk}/vote/").status_code == 401


def test_voting_too_fast_is_429(api, people, programme, monkeypatch):
    from kaiku.core import ratelimit

    monkeypatch.setitem(
        ratelimit.LIMITS,
        ratelimit.VOTE,
        ratelimit.Limit(per_window=1, window=timezone.timedelta(minutes=1)),
    )
    first, second = QuestionFactory(programme=programme), QuestionFactory(programme=programme)
    api.force_authenticate(people["other"])
    assert api.post(f"{LIST_URL}{first.pk}/vote/").status_code == 200
    response = api.post(f"{LIST_URL}{second.pk}/vote/")
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert not QuestionVote.objects.filter(question=second).exists()


# --- Similar questions -------------------------------------------------------------------------


def _ask(people, programme, title, **kwargs):
    question = QuestionFactory(programme=programme, title=title, **kwargs)
    return question


def test_similar_ranks_visible_questions(api, people, programme):
    holidays = _ask(people, programme, "Siirtyvätkö kertyneet vuosilomat kuntaan?")
    _ask(
        people,
        programme,
        "Siirtyvätkö vuosilomat kuntaan heti?",
        visibility=Visibility.STAFF,
    )
    _ask(people, programme, "Millä järjestelmällä asiakastiedot kirjataan?")
    response = api.get(SIMILAR_URL, {"q": "siirtyvätkö vuosilomani kuntaan"})
    assert response.status_code == 200, response.content
    rows = response.json()
    assert rows and rows[0]["id"] == holidays.pk
    assert set(rows[0]) == {"id", "title", "status", "vote_count", "score", "web_url"}
    assert rows[0]["title"] == holidays.title and rows[0]["status"] == "new"
    assert rows[0]["web_url"] == absolute_url(f"/en/questions/{holidays.pk}/")
    assert all("heti" not in row["title"] for row in rows)  # staff-only
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    api.force_authenticate(people["staff"])
    query = {"q": "siirtyvätkö vuosilomani kuntaan"}
    titles = [row["title"] for row in api.get(SIMILAR_URL, query).json()]
    assert "Siirtyvätkö vuosilomat kuntaan heti?" in titles


def test_similar_limit(api, people, programme):
    for _n in range(4):
        _ask(people, programme, "Siirtyvätkö vuosilomat kuntaan?")
    query = {"q": "Siirtyvätkö vuosilomat kuntaan?", "limit": 2}
    assert len(api.get(SIMILAR_URL, query).json()) == 2


@pytest.mark.parametrize(
    "params, field",
    [({}, "q"), ({"q": "  "}, "q"), ({"q": "x" * 501}, "q"), ({"q": "a", "limit": 0}, "limit"),
     ({"q": "a", "limit": 21}, "limit"), ({"q": "a", "limit": "x"}, "limit"),
     ({"q": "a", "limit": ""}, "limit")],
)  # fmt: skip
def test_similar_bad_input(api, params, field):
    response = api.get(SIMILAR_URL, params)
    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]
    if params.get("q", "").strip() == "" and "limit" not in params:
        assert response.json()["extra"]["fields"]["q"] == [
            "Give the text to compare in the q parameter."
        ]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_similar_is_written_as_its_serializer_writes_it(api, people, programme, language):
    """The similar questions are written as plain dicts: the same JSON as
    SimilarQuestionSerializer gives for the same questions and scores."""
    from django.contrib.auth.models import AnonymousUser
    from rest_framework.renderers import JSONRenderer
    from rest_framework.test import APIRequestFactory

    from ..api.serializers import SimilarQuestionSerializer
    from ..similar import similar_questions

    for n in range(4):
        _ask(people, programme, f"Siirtyvätkö vuosilomat kuntaan {n}?", vote_count=n)
    _ask(people, programme, "Siirtyvätkö vuosilomat kuntaan?", status=QuestionStatus.ANSWERED)
    query = {"q": "siirtyvätkö vuosilomani kuntaan", "limit": 4}
    response = api.get(SIMILAR_URL, query, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    request = APIRequestFactory().get(SIMILAR_URL, query)
    with translation.override(language):
        found = similar_questions(AnonymousUser(), query["q"], k=4)
        rows = [{"question": question, "score": round(score, 3)} for question, score in found]
        data = SimilarQuestionSerializer(rows, many=True, context={"request": request}).data
    assert len(data) == 4
    assert response.content == JSONRenderer().render(data)


def test_similar_with_nothing_alike_is_empty(api, programme):
    assert api.get(SIMILAR_URL, {"q": "zzzz qqqq"}).json() == []


def test_similar_query_count_is_small(api, people, programme, django_assert_max_num_queries):
    for n in range(10):
        _ask(people, programme, f"Siirtyvätkö vuosilomat kuntaan {n}?", author=UserFactory())
    api.get(SIMILAR_URL, {"q": "vuosilomat"})  # builds the index
    with django_assert_max_num_queries(6):
        assert api.get(SIMILAR_URL, {"q": "vuosilomat kuntaan"}).status_code == 200


def test_fast_representation_is_drfs(api, people, questions, monkeypatch):
    """kaiku.core.api.fast gives exactly what DRF's own to_representation gives."""
    from kaiku.core.api.fast import FastRepresentationMixin, generic_representation

    _as(api, people, "staff")
    for url in (LIST_URL, f"{LIST_URL}{questions['public'].pk}/"):
        fast = api.get(url).content
        with monkeypatch.context() as patch:
            patch.setattr(FastRepresentationMixin, "to_representation", generic_representation)
            assert api.get(url).content == fast, url


def test_list_query_count_is_constant(api, people, questions, group, django_assert_max_num_queries):
    """The list reads only some columns (``LIST_COLUMNS``): none is loaded row by row."""
    organisation = OrganisationFactory(name="Työ- ja elinkeinoministeriö")
    AnswerFactory(
        question=questions["public"], author=people["staff"], organisation=organisation, group=group
    )
    _as(api, people, "staff")
    with django_assert_max_num_queries(8) as few:
        assert api.get(LIST_URL).status_code == 200
    for number in range(3):
        question = QuestionFactory(
            programme=group.programme, group=group, title=f"Lisäkysymys {number}?"
        )
        AnswerFactory(question=question, author=people["asker"], organisation=organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = api.get(LIST_URL).json()
    assert body["count"] == 5
    assert {row["answer"]["organisation"]["name"] for row in body["results"] if row["answer"]} == {
        "Työ- ja elinkeinoministeriö"
    }


@pytest.mark.parametrize("who", ["anonymous", "staff", "moderator"])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_prepared_list_is_drfs(api, people, questions, group, other_group, who, language):
    """The list without filters is written from plain rows (``written_questions``);
    ``?format=json`` takes DRF's own path with model instances: the same answer, with
    answers, organisations and groups named in the request's language (falling back as the
    models do), removed and nameless people, duplicates and questions without a group, topic
    or answer."""
    organisation = OrganisationFactory(name_fi="Ministeriö", name_sv="Ministeriet", name_en="")
    group.name_sv = "Personalgruppen"
    group.save()
    removed = UserFactory(full_name="Poistettu Vastaaja", removed_at=timezone.now())
    nameless = UserFactory(full_name="", email="nimeton@example.com")
    AnswerFactory(
        question=questions["public"], author=removed, organisation=organisation, group=group
    )
    original = questions["public"]
    AnswerRevision.objects.create(
        answer=original.answer, body="Vanha vastaus", author=nameless, answered_at=timezone.now()
    )
    answered = QuestionFactory(
        programme=original.programme,
        group=other_group,
        author=nameless,
        status=QuestionStatus.ANSWERED,
        answered_at=timezone.now(),
    )
    AnswerFactory(question=answered, author=None, organisation=None, group=None)
    QuestionFactory(
        programme=original.programme,
        status=QuestionStatus.DUPLICATE,
        duplicate_of=original,
        closed_at=timezone.now(),
        closed_reason="Sama kysymys",
        in_faq=True,
    )
    _as(api, people, who)
    assert_prepared_list_is_drfs(
        api,
        LIST_URL,
        ("", "?page_size=1", "?page_size=2&page=2", "?page=2"),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    rows = api.get(LIST_URL, HTTP_ACCEPT_LANGUAGE=language).json()["results"]
    answers = [row["answer"] for row in rows if row["answer"]]
    named = {answer["organisation"]["name"] for answer in answers if answer["organisation"]}
    assert named == {"Ministeriet" if language == "sv" else "Ministeriö"}
