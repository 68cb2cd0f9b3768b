from __future__ import annotations

import pytest

from kaiku.organisations.models import OrganisationType
from kaiku.organisations.tests.factories import OrganisationFactory

from ..demo import RESPONSES, load_demo_surveys
from ..models import Answer, Phase, Question, QuestionKind, Response, Survey

pytestmark = pytest.mark.django_db


def test_demo_surveys_have_two_rounds_of_answers_and_loading_twice_changes_nothing():
    for kind in (
        OrganisationType.TE_OFFICE,
        OrganisationType.ELY_CENTRE,
        OrganisationType.KEHA_CENTRE,
        OrganisationType.MUNICIPAL_PILOT,
    ):
        OrganisationFactory(type=kind)
    surveys = load_demo_surveys()
    first, second = surveys["first"], surveys["second"]
    assert first.phase() == Phase.CLOSED and second.phase() == Phase.OPEN
    assert second.previous_round == first and second.round_number == 2
    assert Response.objects.filter(survey=first).count() == RESPONSES[1]
    assert Response.objects.filter(survey=second).count() == RESPONSES[2]
    assert set(Response.objects.values_list("organisation_type", flat=True)) >= {
        "te_office",
        "ely_centre",
        "keha_centre",
        "municipal_pilot",
    }
    open_text = Question.objects.get(survey=second, kind=QuestionKind.LONG_TEXT)
    texts = set(Answer.objects.filter(question=open_text).values_list("text", flat=True))
    assert len(texts) > 50 and any("työnohjaus" in t.lower() for t in texts)
    assert all(q.text_sv for q in Question.objects.filter(survey=second))
    # As the answering form allows: a single choice is a choice or "Other" with its text.
    single_with_both = Answer.objects.filter(
        question__kind=QuestionKind.SINGLE, picked__isnull=False
    ).exclude(other_text="")
    assert not single_with_both.exists()
    snapshot = (Survey.objects.count(), Question.objects.count(), Answer.objects.count())
    load_demo_surveys()
    assert (Survey.objects.count(), Question.objects.count(), Answer.objects.count()) == snapshot


def test_the_demo_computes_the_themes_of_the_closed_round_only():
    from ..models import TextThemes

    for kind in (OrganisationType.TE_OFFICE, OrganisationType.ELY_CENTRE):
        OrganisationFactory(type=kind)
    surveys = load_demo_surveys()
    themes = TextThemes.objects.get(question__survey=surveys["first"])
    assert themes.computed_at is not None and themes.data
    assert not TextThemes.objects.filter(question__survey=surveys["second"]).exists()
    load_demo_surveys()
    assert (
        TextThemes.objects.get(question__survey=surveys["first"]).computed_at == themes.computed_at
    )
