"""Audience, next rounds and the front-page panel."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import AudienceKind, Choice, MatrixItem, Question, Survey
from ..selectors import audience_people, open_for
from ..services import survey_create, survey_duplicate
from .factories import OrganisationFactory, RegionFactory, SurveyFactory, UserFactory


@pytest.mark.parametrize("kind", ["regions", "organisations", "types"])
def test_audience_by_region_organisation_or_type(people, te_office, region, kind):
    unit = OrganisationFactory(name="Tampereen toimipiste", parent=te_office, region=region)
    elsewhere = UserFactory(organisation=OrganisationFactory(region=RegionFactory(code="01")))
    in_unit = UserFactory(organisation=unit)
    chosen = {
        "regions": {"regions": [region]},
        "organisations": {"organisations": [te_office]},
        "types": {"types": ["te_office"]},
    }[kind]
    survey = survey_create(actor=people["admin"], title_fi="Kysely", audience=kind, **chosen)
    Survey.objects.filter(pk=survey.pk).update(
        published_at=SurveyFactory.build().published_at,
        opens_at=SurveyFactory.build().opens_at,
        closes_at=SurveyFactory.build().closes_at,
    )
    survey.refresh_from_db()
    assert survey.visibility == "members"
    seen = {p.pk for p in (people["member"], in_unit, elsewhere) if open_for(viewer=p)}
    expected = {people["member"].pk} | ({in_unit.pk} if kind != "types" else set())
    assert seen == expected
    assert (
        set(audience_people(survey).values_list("pk", flat=True))
        & {
            people["member"].pk,
            in_unit.pk,
            elsewhere.pk,
        }
        == expected
    )


def test_an_audience_needs_a_choice(people):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        survey_create(actor=people["admin"], title_fi="Kysely", audience=AudienceKind.REGIONS)
    assert not Survey.objects.exists()


def test_next_round_copies_the_questions(people, survey):
    Question.objects.filter(survey=survey).update(text_sv="Svensk text")
    new = survey_duplicate(survey=survey, actor=people["coordinator"])
    assert new.previous_round == survey and new.round_number == 2
    assert new.published_at is None and new.opens_at is None and not new.is_locked
    assert list(new.audience_types.values_list("type", flat=True)) == ["te_office"]
    old_q = list(Question.objects.filter(survey=survey).values_list("kind", "text_fi", "text_sv"))
    new_q = list(Question.objects.filter(survey=new).values_list("kind", "text_fi", "text_sv"))
    assert old_q == new_q and all(sv == "Svensk text" for _k, _f, sv in new_q)
    assert Choice.objects.filter(question__survey=new).count() == 2
    assert MatrixItem.objects.filter(question__survey=new).count() == 2
    assert not Question.objects.filter(survey=new, section__survey=survey).exists()


def test_front_page_panel_lists_surveys_to_answer(client, people, survey):
    client.force_login(people["member"])
    html = client.get(reverse("site:home")).content.decode()
    assert "Surveys to answer" in html and "Muutostuen tarpeet" in html
    client.force_login(people["staff"])
    assert "Surveys to answer" not in client.get(reverse("site:home")).content.decode()
