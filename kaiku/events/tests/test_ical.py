"""iCalendar of one event and the personal calendar feed at a secret address."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from .. import ical, services
from ..models import CalendarFeed
from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_escaping_and_folding():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "ä" * 80
    folded = ical.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_utc():
    helsinki = datetime.datetime(
        2023, 1, 17, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    assert ical.utc(helsinki) == "20230117T070000Z"


def test_event_ical_content(client, people, event):
    event.title = "Muutosvalmennus; Häme, kevät"
    event.save()
    client.force_login(people["member"])
    response = client.get(reverse("events:ical", kwargs={"pk": event.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Muutosvalmennus\\; Häme\\, kevät" in text
    assert f"DTSTART:{ical.utc(event.starts_at)}" in text and "Z\r\n" in text
    assert f"UID:event-{event.pk}@" in text
    assert event.online_url not in text.replace("\r\n ", "")
    # Registered: the link is in it.
    RegistrationFactory(event=event, person=people["member"])
    text = client.get(reverse("events:ical", kwargs={"pk": event.pk})).content.decode()
    assert event.online_url in text.replace("\r\n ", "")


def test_feed_and_reset(client, people, event):
    other = EventFactory(title="Ei ilmoittautunut", visibility="staff")
    RegistrationFactory(event=event, person=people["member"])
    client.force_login(people["member"])
    page = client.get(reverse("events:calendar"))
    feed = CalendarFeed.objects.get(person=people["member"])
    assert feed.token in page.content.decode()
    url = reverse("events:calendar_feed", kwargs={"token": feed.token})
    client.logout()  # calendar apps do not sign in
    text = client.get(url).content.decode().replace("\r\n ", "")
    assert event.title in text and other.title not in text
    assert event.online_url in text
    client.force_login(people["member"])
    assert client.post(reverse("events:calendar")).status_code == 302
    assert client.get(url).status_code == 404
    new = CalendarFeed.objects.get(person=people["member"]).token
    assert new != feed.token
    assert client.get(reverse("events:calendar_feed", kwargs={"token": new})).status_code == 200
    assert (
        client.get(reverse("events:calendar_feed", kwargs={"token": "x" * 80})).status_code == 404
    )


def test_feed_of_an_inactive_person_is_gone(client, people):
    feed = services.calendar_feed_for(people["member"])
    people["member"].is_active = False
    people["member"].save()
    assert (
        client.get(reverse("events:calendar_feed", kwargs={"token": feed.token})).status_code == 404
    )
