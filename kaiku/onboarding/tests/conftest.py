from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from kaiku.accounts.models import PlatformRole

from ..models import Responsible
from .factories import (
    EnrolmentFactory,
    ModuleFactory,
    ProgrammeFactory,
    RoleAssignmentFactory,
    TaskFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _english():
    """Pages in English (``/en/``), so the tests read the interface's msgids; the shared
    conftest turns Finnish back on afterwards."""
    translation.activate("en")


@pytest.fixture
def people(people):
    """Also: the newcomer, their supervisor and mentor, a change coordinator and another
    newcomer (whose enrolment the first one's people may not see)."""
    coordinator = UserFactory(full_name="Selina Sassila")
    RoleAssignmentFactory(user=coordinator, role=PlatformRole.CHANGE_COORDINATOR)
    return {
        **people,
        "newcomer": UserFactory(full_name="Noora Tuominen", preferred_language="en"),
        "supervisor": UserFactory(full_name="Sari Heinonen", preferred_language="sv"),
        "mentor": UserFactory(full_name="Tiina Tiimiläinen"),
        "coordinator": coordinator,
        "other_newcomer": UserFactory(full_name="Riikka Laine"),
    }


@pytest.fixture
def programme(db):
    """Two modules: the first week (a supervisor's task before the start, the newcomer's on
    the first day and a mentor's the day after) and the systems (the newcomer's, a week on)."""
    programme = ProgrammeFactory(
        title_fi="TE24 perehdytysohjelma", title_sv="TE24 introduktionsprogram"
    )
    first = ModuleFactory(programme=programme, title_fi="Ensimmäinen viikko", order=1)
    second = ModuleFactory(programme=programme, title_fi="Palvelut ja järjestelmät", order=2)
    TaskFactory(
        module=first,
        title_fi="Tunnukset valmiiksi",
        title_sv="Användarnamn klara",
        due_offset_days=-3,
        responsible=Responsible.SUPERVISOR,
        order=1,
    )
    TaskFactory(module=first, title_fi="Lue henkilöstöopas", due_offset_days=0, order=2)
    TaskFactory(
        module=first,
        title_fi="Esittäytyminen tiimille",
        due_offset_days=1,
        responsible=Responsible.MENTOR,
        order=3,
    )
    TaskFactory(module=second, title_fi="Asiakastietojärjestelmä", due_offset_days=7, order=1)
    return programme


@pytest.fixture
def tasks(programme):
    from ..models import Task

    return {t.title_fi: t for t in Task.objects.filter(module__programme=programme)}


@pytest.fixture
def enrolment(people, programme):
    """The newcomer started five days ago: every task but the systems one is due."""
    return EnrolmentFactory(
        programme=programme,
        newcomer=people["newcomer"],
        supervisor=people["supervisor"],
        mentor=people["mentor"],
        start_date=timezone.localdate() - datetime.timedelta(days=5),
    )


@pytest.fixture
def other_enrolment(people, programme):
    return EnrolmentFactory(programme=programme, newcomer=people["other_newcomer"])
