from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from kaiku.core.content import Visibility
from kaiku.core.models import RateEvent

from .. import services
from ..home import questions_panel
from ..models import Question
from ..similar import similar_questions
from ..whatsnew import answered_questions
from .factories import QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _ask(people, programme, title, who="other", **extra):
    question = services.question_ask(author=people[who], programme=programme, title=title, **extra)
    RateEvent.objects.all().delete()
    return question


def test_similar_finds_inflected_forms_best_first(people, programme):
    holidays = _ask(people, programme, "Miten vuosiloma siirtyy uudelle työnantajalle?")
    _ask(people, programme, "Missä toimipisteessä työskentelen ensi vuonna?")
    found = similar_questions(people["asker"], "Siirtyykö vuosilomani uudelle työnantajalle")
    assert found and found[0][0] == holidays
    assert all(score > 0 for _q, score in found)


def test_similar_respects_visibility_and_excludes(people, programme):
    staff = _ask(
        people, programme, "Miten vuosiloma siirtyy uudelle työnantajalle?",
        visibility=Visibility.STAFF,
    )  # fmt: skip
    text = "vuosiloma siirtyy uudelle työnantajalle"
    assert similar_questions(None, text) == []
    assert [q for q, _s in similar_questions(people["asker"], text)] == [staff]
    assert similar_questions(people["asker"], text, exclude_pk=staff.pk) == []


def test_similar_resolves_duplicates_to_their_original(people, programme):
    original = _ask(people, programme, "Mitä tapahtuu lomarahalle siirrossa?")
    duplicate = _ask(people, programme, "Miten vuosiloma siirtyy uudelle työnantajalle?", "asker")
    services.question_merge(duplicate=duplicate, original=original, actor=people["moderator"])
    found = similar_questions(people["staff"], "vuosiloma siirtyy uudelle työnantajalle")
    assert [q for q, _s in found] == [original]


def test_similar_index_follows_new_and_changed_questions(people, programme):
    assert similar_questions(None, "etätyö kotoa käsin") == []
    question = _ask(people, programme, "Saako etätyötä tehdä kotoa käsin?")
    assert [q for q, _s in similar_questions(None, "etätyö kotoa käsin")] == [question]
    # A changed text (the admin recomputes terms) is matched by its new terms.
    from ..similar import question_terms

    Question.objects.filter(pk=question.pk).update(
        title="Miten palkka maksetaan?",
        terms=question_terms("Miten palkka maksetaan?"),
        updated=question.updated.replace(year=question.updated.year + 1),
    )
    assert similar_questions(None, "etätyö kotoa käsin") == []
    # Hidden and deleted questions are not offered (read from the database at query time).
    Question.objects.filter(pk=question.pk).update(deleted_at=question.created)
    assert similar_questions(None, "palkka maksetaan") == []


def test_home_panel_lists_own_and_voted_questions_and_questions_to_the_group(
    people, programme, group
):
    own = _ask(people, programme, "Oma kysymys lomista?", "asker")
    voted = _ask(people, programme, "Toisen kysymys palkasta?")
    services.question_vote(question=voted, user=people["asker"])
    QuestionFactory(programme=programme, title="Vieras kysymys?")
    request = RequestFactory().get("/")
    request.user = people["asker"]
    panel = questions_panel(request)
    assert {q["pk"] for q in panel.context["mine"]} == {own.pk, voted.pk}
    assert panel.context["to_me"] is None
    services.question_assign(question=own, actor=people["moderator"], group=group)
    request.user = people["secretary"]
    panel = questions_panel(request)
    assert [q["pk"] for q in panel.context["to_me"]] == [own.pk]
    request.user = people["other_chair"]
    assert questions_panel(request).context["to_me"] == []


def test_home_panel_rows_are_the_template_rows_in_one_query_and_one_for_answerers(
    people, programme, group, django_assert_max_num_queries
):
    """The rows written in Python are what the template's loop and the status include
    wrote for the same questions (the overdue badge only among the questions to answer)."""
    import datetime

    from django.template import Context, Template
    from django.utils import timezone

    from ..home import home_questions, panel_rows
    from ..selectors import with_overdue

    own = _ask(people, programme, "Oma <kysymys> lomista?", "asker")
    late = _ask(people, programme, "Myöhässä oleva kysymys?", "asker")
    for question in (own, late):
        services.question_assign(question=question, actor=people["moderator"], group=group)
    Question.objects.filter(pk=late.pk).update(due_at=timezone.now() - datetime.timedelta(days=2))
    loop = Template(
        '{% for question in rows %}<li><a href="{{ question.get_absolute_url }}">'
        '{{ question.title }}</a> {% include "questions/includes/_status.html" %}</li>'
        "{% endfor %}"
    )
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            with django_assert_max_num_queries(2):  # the rows; the roles
                got = home_questions(people["secretary"])
            expected = list(
                with_overdue(Question.objects.filter(pk__in=[late.pk, own.pk])).order_by(
                    "-overdue", "-created"
                )
            )
            assert [row["pk"] for row in got["to_me"]] == [q.pk for q in expected]
            assert panel_rows(got["to_me"], overdue=True) == loop.render(
                Context({"rows": expected})
            )
            mine = home_questions(people["asker"])["mine"]
            instances = list(
                Question.objects.filter(pk__in=[late.pk, own.pk]).order_by("-created", "-pk")
            )
            assert [row["pk"] for row in mine] == [q.pk for q in instances]
            assert panel_rows(mine, overdue=False) == loop.render(Context({"rows": instances}))
    # Someone who answers no question: the rows, and whether they answer any.
    with django_assert_max_num_queries(3):
        assert home_questions(people["other_chair"])["to_me"] == []


def test_list_filter_to_me_for_chairs_and_experts(client, people, programme, group):
    mine = _ask(people, programme, "Ryhmälle osoitettu kysymys?")
    services.question_assign(question=mine, actor=people["moderator"], group=group)
    QuestionFactory(programme=programme)
    client.force_login(people["chair"])
    response = client.get("/en/questions/?to_me=on")
    assert [q.pk for q in response.context["questions"]] == [mine.pk]
    client.force_login(people["expert"])
    assert list(client.get("/en/questions/?to_me=on").context["questions"]) == []


def test_whats_new_lists_newly_answered_public_questions(people, programme):
    public = _ask(people, programme, "Julkinen kysymys?")
    staff = _ask(people, programme, "Sisäinen kysymys?", visibility=Visibility.STAFF)
    for question in (public, staff):
        services.answer_give(question=question, actor=people["moderator"], body="Vastaus.")
        RateEvent.objects.all().delete()
    with translation.override("en"):
        anonymous = answered_questions(viewer=None, limit=5)
        signed_in = answered_questions(viewer=UserFactory(), limit=5)
    assert [item.title for item in anonymous] == ["Julkinen kysymys?"]
    assert {item.title for item in signed_in} == {"Julkinen kysymys?", "Sisäinen kysymys?"}


def test_assigning_to_an_expert_tells_the_expert(
    people, question, django_capture_on_commit_callbacks
):
    from kaiku.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        services.question_assign(
            question=question, actor=people["moderator"], assignee=people["expert"]
        )
    assert Notification.objects.filter(kind="question_assigned", user=people["expert"]).exists()
    assert not Notification.objects.filter(user=people["chair"]).exists()


def test_an_expert_who_cannot_see_the_question_cannot_be_assigned(people, programme):
    from django.core.exceptions import ValidationError

    question = QuestionFactory(programme=programme, visibility=Visibility.STAFF)
    inactive = UserFactory(is_active=False)
    with pytest.raises(ValidationError):
        services.question_assign(question=question, actor=people["moderator"], assignee=inactive)
