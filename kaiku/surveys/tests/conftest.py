from __future__ import annotations

import pytest
from django.utils import translation

from kaiku.accounts.models import PlatformRole
from kaiku.organisations.models import OrganisationType

from ..models import AudienceKind, QuestionKind, SurveyOrganisationType
from .factories import (
    ChoiceFactory,
    MatrixItemFactory,
    OrganisationFactory,
    QuestionFactory,
    RegionFactory,
    RoleAssignmentFactory,
    SectionFactory,
    SurveyFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _english():
    """Pages in English (``/en/``), so the tests read the interface's msgids; the shared
    conftest turns Finnish back on afterwards."""
    translation.activate("en")


@pytest.fixture
def region(db):
    return RegionFactory(code="06", name_fi="Pirkanmaa", name="Pirkanmaa", slug="pirkanmaa")


@pytest.fixture
def te_office(region):
    return OrganisationFactory(
        name="Pirkanmaan TE-toimisto", type=OrganisationType.TE_OFFICE, region=region
    )


@pytest.fixture
def keha(db):
    return OrganisationFactory(name="KEHA-keskus", type=OrganisationType.KEHA_CENTRE)


@pytest.fixture
def people(people, te_office, keha):
    """Also: a member of the survey's audience (a TE office), staff outside it (KEHA), and a
    change coordinator (outside the audience)."""
    coordinator = UserFactory(full_name="Selina Sassila", organisation=keha)
    RoleAssignmentFactory(user=coordinator, role=PlatformRole.CHANGE_COORDINATOR)
    people["staff"].organisation = keha
    people["staff"].save()
    return {
        **people,
        "member": UserFactory(full_name="Tiina Tiimiläinen", organisation=te_office),
        "coordinator": coordinator,
    }


@pytest.fixture
def survey(db):
    """An open survey for TE offices: a Likert and a required single-choice question in the
    first section, a matrix and an open text in the second."""
    survey = SurveyFactory(
        title_fi="Muutostuen tarpeet",
        audience=AudienceKind.ORGANISATION_TYPES,
        visibility="members",
    )
    SurveyOrganisationType.objects.create(survey=survey, type=OrganisationType.TE_OFFICE)
    first = SectionFactory(survey=survey, title_fi="Jaksaminen", order=0)
    second = SectionFactory(survey=survey, title_fi="Tuki", order=1)
    QuestionFactory(section=first, text_fi="Jaksan hyvin työssäni.", required=True, order=0)
    single = QuestionFactory(
        section=first,
        kind=QuestionKind.SINGLE,
        scale_points=None,
        text_fi="Työskentelen",
        required=True,
        allow_other=True,
        order=1,
    )
    ChoiceFactory(question=single, text_fi="Asiakaspalvelussa", order=0)
    ChoiceFactory(question=single, text_fi="Hallinnossa", order=1)
    matrix = QuestionFactory(section=second, kind=QuestionKind.MATRIX, text_fi="Tarvitsen", order=0)
    MatrixItemFactory(question=matrix, text_fi="työnohjausta", order=0)
    MatrixItemFactory(question=matrix, text_fi="koulutusta", order=1)
    QuestionFactory(
        section=second, kind=QuestionKind.LONG_TEXT, scale_points=None, text_fi="Muuta?", order=1
    )
    return survey
