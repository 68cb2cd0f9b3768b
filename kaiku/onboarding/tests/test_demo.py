from __future__ import annotations

import pytest

from kaiku.accounts.demo import load_demo_people
from kaiku.organisations.demo import load_demo_organisations

from .. import selectors
from ..demo import PROGRAMME_TITLE, load_demo_onboarding
from ..models import Enrolment, Module, OnboardingProgramme, Task, TaskCompletion

pytestmark = pytest.mark.django_db


def test_the_demo_programme_has_two_newcomers_and_loading_twice_changes_nothing():
    load_demo_organisations()
    load_demo_people()
    enrolments = load_demo_onboarding()
    programme = OnboardingProgramme.objects.get(title_fi=PROGRAMME_TITLE)
    assert programme.published and programme.organisation.slug == "hameen-te-toimisto"
    assert Module.objects.filter(programme=programme).count() == 4
    assert len(enrolments) == 2
    checklists = selectors.checklists_for(enrolments)
    by_name = {c.enrolment.newcomer.email.split("@")[0]: c for c in checklists.values()}
    first, second = by_name["noora.tuominen"], by_name["riikka.laine"]
    assert first.done > 5 and first.overdue == 1
    assert second.overdue == 1
    assert {e.mentor.email.split("@")[0] for e in enrolments} == {"tiina.tiimilainen"}
    snapshot = (
        OnboardingProgramme.objects.count(),
        Task.objects.count(),
        Enrolment.objects.count(),
        TaskCompletion.objects.count(),
    )
    load_demo_onboarding()
    assert snapshot == (
        OnboardingProgramme.objects.count(),
        Task.objects.count(),
        Enrolment.objects.count(),
        TaskCompletion.objects.count(),
    )
