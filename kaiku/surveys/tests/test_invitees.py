"""A survey for chosen people (``AudienceKind.PEOPLE``): only the invitees see and answer it,
only they are invited and reminded, and nothing links an invitee to a response."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kaiku.accounts.personal_data import PERSONAL_DATA_REGISTRY
from kaiku.core.audit import AuditEvent
from kaiku.notifications.models import Notification

from ..content import audience_survey_ids
from ..forms import SurveyForm
from ..models import (
    AudienceKind,
    Participation,
    Response,
    Survey,
    SurveyInvitee,
    SurveyOrganisationType,
)
from ..selectors import audience_people
from ..services import (
    publish_problems,
    response_submit,
    survey_duplicate,
    survey_set_invitees,
    survey_update,
)
from ..tasks import invite_now, remind_now
from .factories import QuestionFactory, SectionFactory, SurveyFactory, UserFactory


@pytest.fixture
def invited(people, keha):
    """An open survey for two chosen people: the KEHA staff member and a third person."""
    survey = SurveyFactory(title_fi="Palaute: infotilaisuus")
    section = SectionFactory(survey=survey)
    QuestionFactory(section=section, text_fi="Tilaisuus oli hyödyllinen.", required=True)
    guest = UserFactory(full_name="Gunnar Gäst", organisation=keha, preferred_language="sv")
    survey_set_invitees(survey=survey, people=[people["staff"], guest], actor=people["admin"])
    survey.refresh_from_db()
    return survey, guest


def _likert(survey):
    return survey.questions.get()


def test_setting_invitees_makes_a_members_survey_for_them(people, invited):
    survey, guest = invited
    assert survey.audience == AudienceKind.PEOPLE and survey.visibility == "members"
    assert set(audience_people(survey)) == {people["staff"], guest}
    assert set(audience_survey_ids(guest).values_list("pk", flat=True)) == {survey.pk}
    assert not audience_survey_ids(people["member"]).exists()
    audit = AuditEvent.objects.get(action="survey_invitees_set")
    assert audit.data == {"count": 2}  # the number, not who


def test_setting_them_again_replaces_the_list(people, invited):
    survey, guest = invited
    assert survey_set_invitees(survey=survey, people=[guest], actor=people["admin"]) == 1
    assert list(SurveyInvitee.objects.values_list("person", flat=True)) == [guest.pk]
    with pytest.raises(ValidationError):
        survey_set_invitees(survey=survey, people=[], actor=people["admin"])
    assert SurveyInvitee.objects.count() == 1


def test_an_invitee_sees_and_answers(client, people, invited):
    survey, _guest = invited
    client.force_login(people["staff"])
    assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 200
    assert survey in client.get(reverse("surveys:list")).context["open_surveys"]
    response = client.post(
        reverse("surveys:answer", args=[survey.pk]),
        {"action": "send", f"q{_likert(survey).pk}": "5"},
    )
    assert response.url == reverse("surveys:thanks", args=[survey.pk])
    assert Response.objects.filter(survey=survey).count() == 1
    assert Participation.objects.filter(survey=survey, user=people["staff"]).exists()


@pytest.mark.parametrize("who", ["member", "coordinator_outside"])
def test_someone_not_invited_gets_a_404(client, people, invited, who):
    survey, _guest = invited
    person = people["member"] if who == "member" else UserFactory()
    client.force_login(person)
    assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 404
    assert client.get(reverse("surveys:answer", args=[survey.pk])).status_code == 404
    answer = client.post(
        reverse("surveys:answer", args=[survey.pk]),
        {"action": "send", f"q{_likert(survey).pk}": "5"},
    )
    assert answer.status_code == 404
    assert not Response.objects.exists()


def test_those_who_manage_surveys_still_see_it(client, people, invited):
    survey, _guest = invited
    client.force_login(people["coordinator"])
    assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 200


def test_invitations_and_reminders_go_only_to_invitees(people, invited, te_office):
    survey, guest = invited
    UserFactory(organisation=te_office)  # not invited, whatever their organisation
    assert invite_now(survey.pk) == 2
    invited_ids = set(
        Notification.objects.filter(kind="survey_invitation").values_list("user_id", flat=True)
    )
    assert invited_ids == {people["staff"].pk, guest.pk}
    assert "Palaute: infotilaisuus" in Notification.objects.get(user=guest).title
    response_submit(survey=survey, user=guest, answers=[])
    assert remind_now(survey.pk) == 1
    reminded = Notification.objects.filter(kind="survey_reminder")
    assert list(reminded.values_list("user_id", flat=True)) == [people["staff"].pk]


def test_an_inactive_invitee_is_not_told(people, invited):
    survey, guest = invited
    guest.is_active = False
    guest.save()
    assert invite_now(survey.pk) == 1


def test_nothing_links_an_invitee_to_a_response():
    fields = {f.name for f in SurveyInvitee._meta.get_fields()}
    assert fields == {"id", "survey", "person"}  # no time, no response
    assert not any(
        getattr(f, "related_model", None) is SurveyInvitee for f in Response._meta.get_fields()
    )


def test_publishing_needs_an_invitee(people):
    survey = SurveyFactory(published_at=None, audience=AudienceKind.PEOPLE, visibility="members")
    QuestionFactory(section=SectionFactory(survey=survey))
    assert "Invite at least one person." in publish_problems(survey)


def test_another_audience_removes_the_invitations(people, invited):
    survey, _guest = invited
    survey_update(survey=survey, actor=people["admin"], audience=AudienceKind.ORGANISATION_TYPES,
                  types=["te_office"])  # fmt: skip
    assert not SurveyInvitee.objects.exists()
    assert SurveyOrganisationType.objects.filter(survey=survey).count() == 1
    assert survey.visibility == "members"


def test_editing_other_fields_keeps_them(people, invited):
    survey, _guest = invited
    survey_update(survey=survey, actor=people["admin"], title_fi="Palaute", audience="people")
    assert SurveyInvitee.objects.filter(survey=survey).count() == 2


def test_the_next_round_keeps_the_invitees(people, invited):
    survey, _guest = invited
    new = survey_duplicate(survey=survey, actor=people["admin"])
    assert new.audience == AudienceKind.PEOPLE
    assert SurveyInvitee.objects.filter(survey=new).count() == 2


def test_the_builder_offers_chosen_people_only_for_such_a_survey(people, invited):
    survey, _guest = invited
    assert "people" in dict(SurveyForm(instance=survey).fields["audience"].choices)
    other = Survey.objects.create(title="Muu", title_fi="Muu")
    assert "people" not in dict(SurveyForm(instance=other).fields["audience"].choices)


def test_invitations_are_personal_data(people, invited):
    survey, guest = invited
    entry = PERSONAL_DATA_REGISTRY["surveys.surveyinvitee"]
    assert entry.export(guest) == [{"survey": survey.pk, "survey_title": survey.title}]
    entry.remove(guest)
    assert not SurveyInvitee.objects.filter(person=guest).exists()
