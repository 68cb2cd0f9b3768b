"""The "Onboarding" menu entry: a signed-in page asks the database nothing of its own for it
(the signed-in person is read with the answer; for another person it is kept in the cache),
and enrolling, changing or removing an enrolment shows or hides the entry on the people's
next request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kaiku.core.cache import content_changed
from kaiku.core.models import AuditEvent
from kaiku.core.tests.page_cache import cache_on  # noqa: F401 (an autouse fixture)

from .. import services
from ..models import Enrolment

pytestmark = pytest.mark.django_db

ENTRY = 'href="/en/onboarding/"'


def _page(client) -> tuple[bool, int]:
    """Whether a page (not the front page: its panel asks by itself) has the menu entry,
    and how many onboarding queries it made besides the signed-in person's own."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("questions:list"))
    assert response.status_code == 200
    person_query = [q for q in queries if '"kaiku_roles_mask"' in q["sql"]]
    assert len(person_query) == 1
    assert "onboarding_enrolment" in person_query[0]["sql"]
    return ENTRY in response.content.decode(), len(
        [q for q in queries if "onboarding_" in q["sql"] and q not in person_query]
    )


def _signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.mark.parametrize(("who", "entry"), [("newcomer", True), ("mentor", True), ("staff", False)])
def test_no_request_asks_anything_for_the_menu(people, enrolment, who, entry):
    client = _signed_in(people[who])
    assert _page(client) == (entry, 0)
    assert _page(client) == (entry, 0)


def test_managers_ask_nothing_for_the_menu(people):
    assert _page(_signed_in(people["coordinator"])) == (True, 0)


def test_enrolling_someone_shows_the_entry_on_their_next_request(
    people, programme, django_capture_on_commit_callbacks
):
    newcomer, mentor = _signed_in(people["other_newcomer"]), _signed_in(people["staff"])
    assert _page(newcomer) == (False, 0)
    assert _page(mentor) == (False, 0)
    coordinator = _signed_in(people["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            reverse("onboarding:enrol", kwargs={"pk": programme.pk}),
            {
                "newcomer": people["other_newcomer"].pk,
                "start_date": "2026-12-07",
                "mentor": people["staff"].pk,
            },
        )
    assert response.status_code == 302
    assert _page(newcomer) == (True, 0)
    assert _page(mentor) == (True, 0)
    assert _page(newcomer) == (True, 0)


def test_a_new_mentor_gets_the_entry_and_the_old_one_loses_it(
    people, enrolment, django_capture_on_commit_callbacks
):
    old, new = _signed_in(people["mentor"]), _signed_in(people["staff"])
    assert _page(old)[0] and not _page(new)[0]
    coordinator = _signed_in(people["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            reverse("onboarding:enrolment_edit", kwargs={"pk": enrolment.pk}),
            {
                "start_date": enrolment.start_date.isoformat(),
                "supervisor": people["supervisor"].pk,
                "mentor": people["staff"].pk,
            },
        )
    assert response.status_code == 302
    assert _page(old) == (False, 0)
    assert _page(new) == (True, 0)
    # The change is audited from what was stored, not from the form's already changed copy.
    event = AuditEvent.objects.get(action=services.ENROLMENT_CHANGED)
    assert event.data == {"mentor": [people["mentor"].pk, people["staff"].pk]}


def test_removing_an_enrolment_takes_the_entry_away(
    people, enrolment, django_capture_on_commit_callbacks
):
    newcomer = _signed_in(people["newcomer"])
    assert _page(newcomer)[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_delete(enrolment=enrolment, actor=people["coordinator"])
    assert _page(newcomer) == (False, 0)


def test_a_removed_supervisor_loses_the_entry(people, enrolment):
    from kaiku.accounts.personal_data import PERSONAL_DATA_REGISTRY

    supervisor = people["supervisor"]
    assert _page(_signed_in(supervisor))[0]
    PERSONAL_DATA_REGISTRY["onboarding.enrolment"].remove(supervisor)
    assert Enrolment.objects.get().supervisor is None
    assert _page(_signed_in(supervisor)) == (False, 0)


def test_an_answer_is_kept_until_the_content_changes(people, enrolment):
    """The answer is kept for the content generation: a write that sends no signal is seen
    once something calls ``content_changed`` (as the personal-data remover does)."""
    from .. import selectors

    person = people["staff"]
    assert selectors.has_onboarding(person) is False
    Enrolment.objects.filter(pk=enrolment.pk).update(mentor=person)  # no signal
    assert selectors.has_onboarding(person) is False  # the cached answer
    content_changed()
    assert selectors.has_onboarding(person) is True
