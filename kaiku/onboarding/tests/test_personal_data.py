from __future__ import annotations

import pytest

from kaiku.accounts.personal_data import PERSONAL_DATA_REGISTRY
from kaiku.accounts.services import account_remove

from .. import services
from ..models import Enrolment, OnboardingProgramme, TaskCompletion

pytestmark = pytest.mark.django_db


def _export(key, user):
    return PERSONAL_DATA_REGISTRY[key].export(user)


def test_export_holds_the_persons_own_onboarding(people, enrolment, tasks):
    services.task_mark_done(
        enrolment=enrolment, task=tasks["Tunnukset valmiiksi"], actor=people["supervisor"]
    )
    mine = _export("onboarding.enrolment", people["newcomer"])
    assert mine[0]["roles"] == ["newcomer"] and mine[0]["tasks_done"][0]["task"]
    theirs = _export("onboarding.enrolment", people["supervisor"])
    assert theirs[0]["roles"] == ["supervisor"]
    assert "Noora" not in str(theirs)
    assert _export("onboarding.taskcompletion", people["supervisor"])[0]["task"]


def test_removal_takes_the_newcomers_checklist_and_the_others_names_off(people, enrolment, tasks):
    programme = enrolment.programme
    OnboardingProgramme.objects.filter(pk=programme.pk).update(owner=people["supervisor"])
    services.task_mark_done(
        enrolment=enrolment, task=tasks["Tunnukset valmiiksi"], actor=people["supervisor"]
    )
    account_remove(user=people["supervisor"])
    enrolment.refresh_from_db()
    assert enrolment.supervisor is None
    assert TaskCompletion.objects.get().done_by is None
    assert OnboardingProgramme.objects.get(pk=programme.pk).owner is None
    account_remove(user=people["newcomer"])
    assert not Enrolment.objects.exists() and not TaskCompletion.objects.exists()
