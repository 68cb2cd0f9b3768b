"""Live Q&A in Finnish, in two browsers: two registered participants have the event's live
page open; the first asks, the second sees the question appear without reloading and votes
it up, and the first sees the vote count change, also without reloading. The list is polled
every 5 seconds (an unchanged list is a 304). axe-core runs on both pages."""

from __future__ import annotations

import datetime

import pytest

from .conftest import signed_in_context

pytestmark = pytest.mark.e2e

QUESTION = "Miten tiimien väliset sijaistukset sovitaan uudistuksen jälkeen?"
#: Polling is every 5 s; allow two rounds and a slow machine.
WAIT_MS = 15_000


@pytest.fixture
def live_event(transactional_db, make_user):
    from django.utils import timezone

    from kaiku.events.models import Event, EventKind, Registration, RegistrationStatus

    now = timezone.now()
    event = Event.objects.create(
        kind=EventKind.INFO_SESSION,
        title="Valtakunnallinen infotilaisuus: tiimimalli",
        title_fi="Valtakunnallinen infotilaisuus: tiimimalli",
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=1),
        capacity=100,
        visibility="staff",
        published_at=now - datetime.timedelta(days=1),
        online_url="https://teams.example.fi/l/meetup-join/infotilaisuus",
    )
    first = make_user(full_name="Tiina Tiimiläinen")
    second = make_user(full_name="Kalle Kehittäjä")
    for person in (first, second):
        Registration.objects.create(
            event=event, person=person, status=RegistrationStatus.REGISTERED
        )
    return event, first, second


def test_two_participants_ask_and_vote_live(browser, live_url, live_event, assert_accessible):
    event, first, second = live_event
    address = f"{live_url}/fi/events/{event.pk}/live/"
    one = signed_in_context(browser, live_url, first)
    two = signed_in_context(browser, live_url, second)
    for context in (one, two):
        context.set_default_timeout(30_000)  # a shared, busy test machine
    try:
        asker = one.new_page()
        voter = two.new_page()
        errors: list[str] = []
        for page in (asker, voter):
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(address, wait_until="domcontentloaded")
            assert page.locator("html").get_attribute("lang") == "fi"
        assert_accessible(asker)

        asker.locator("#id_text").fill(QUESTION)
        asker.locator("#live-qa form.live-qa__ask button[type=submit]").click()
        mine = asker.locator("#live-list li", has_text=QUESTION)
        mine.wait_for()
        assert "0 ääntä" in mine.inner_text() or "0 votes" in mine.inner_text()

        # The second participant's page shows it without a reload (polling).
        theirs = voter.locator("#live-list li", has_text=QUESTION)
        theirs.wait_for(timeout=WAIT_MS)
        assert_accessible(voter)
        theirs.locator("button[id^=live-vote-]").click()
        voter.locator("#live-list li", has_text=QUESTION).locator("[data-votes='1']").wait_for()
        # One vote each: the button now withdraws the vote.
        assert (
            voter.locator("#live-list li", has_text=QUESTION)
            .locator("input[name=vote][value='0']")
            .count()
            == 1
        )

        # The asker sees the count change without reloading, and cannot vote their own.
        asker.locator("#live-list li", has_text=QUESTION).locator("[data-votes='1']").wait_for(
            timeout=WAIT_MS
        )
        assert (
            asker.locator("#live-list li", has_text=QUESTION)
            .locator("button[id^=live-vote-]")
            .count()
            == 0
        )
        assert_accessible(asker)
        assert not errors, f"JavaScript errors: {errors}"
    finally:
        one.close()
        two.close()


def test_an_unchanged_list_is_not_swapped(browser, live_url, live_event):
    """The poll sends the list's ETag; the server answers 304 and the list stays as it is."""
    event, first, _second = live_event
    context = signed_in_context(browser, live_url, first)
    try:
        page = context.new_page()
        statuses: list[int] = []
        page.on(
            "response",
            lambda response: (
                statuses.append(response.status) if "/live/questions/" in response.url else None
            ),
        )
        page.goto(f"{live_url}/fi/events/{event.pk}/live/")
        page.wait_for_timeout(6_000)
        assert statuses and set(statuses) == {304}
    finally:
        context.close()
