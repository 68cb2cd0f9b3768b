"""The events API: visibility, the online link, registering and cancelling, Idempotency-Key."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from ..models import Event, Registration, RegistrationStatus
from .factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"
REGISTRATIONS = "/api/v1/event-registrations/"


def _api(person=None):
    api = APIClient()
    if person is not None:
        api.force_authenticate(person)
    return api


def test_list_follows_visibility(people, event):
    public = EventFactory(title="Avoin", visibility="public")
    anonymous = _api().get(EVENTS).json()
    assert [e["id"] for e in anonymous["results"]] == [public.pk]
    staff_ids = {e["id"] for e in _api(people["staff"]).get(EVENTS).json()["results"]}
    assert event.pk not in staff_ids
    member_ids = {e["id"] for e in _api(people["member"]).get(EVENTS).json()["results"]}
    assert event.pk in member_ids
    assert _api(people["staff"]).get(f"{EVENTS}{event.pk}/").status_code == 404


def test_online_link_only_for_registered(people, event):
    api = _api(people["member"])
    assert api.get(f"{EVENTS}{event.pk}/").json()["online_url"] is None
    RegistrationFactory(event=event, person=people["member"])
    body = api.get(f"{EVENTS}{event.pk}/").json()
    assert body["online_url"] == event.online_url and body["my_status"] == "registered"
    listed = {e["id"]: e for e in api.get(EVENTS).json()["results"]}
    assert listed[event.pk]["online_url"] == event.online_url


def test_anonymous_registrations_are_401():
    assert _api().get(REGISTRATIONS).status_code in (401, 403)
    assert _api().post(REGISTRATIONS, {"event": 1}, format="json").status_code in (401, 403)


def test_register_with_idempotency_key_and_cancel(people, event):
    api = _api(people["member"])
    headers = {"Idempotency-Key": "ilmo-1"}
    first = api.post(REGISTRATIONS, {"event": event.pk}, format="json", headers=headers)
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "registered"
    replay = api.post(REGISTRATIONS, {"event": event.pk}, format="json", headers=headers)
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    other = api.post(REGISTRATIONS, {"event": event.pk + 1}, format="json", headers=headers)
    assert other.status_code == 422
    # Without a key, again: changes nothing, 200.
    again = api.post(REGISTRATIONS, {"event": event.pk}, format="json")
    assert again.status_code == 200
    assert Registration.objects.filter(event=event).count() == 1
    assert Event.objects.get(pk=event.pk).registered_count == 1
    mine = api.get(REGISTRATIONS).json()["results"]
    assert [r["event"] for r in mine] == [event.pk]
    pk = mine[0]["id"]
    cancelled = api.post(f"{REGISTRATIONS}{pk}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert api.delete(f"{REGISTRATIONS}{pk}/").status_code == 204
    assert Event.objects.get(pk=event.pk).registered_count == 0


def test_waitlist_by_api(people, event, te_office):
    for _ in range(2):
        _api(UserFactory(organisation=te_office)).post(
            REGISTRATIONS, {"event": event.pk}, format="json"
        )
    body = _api(people["member"]).post(REGISTRATIONS, {"event": event.pk}, format="json").json()
    assert body["status"] == RegistrationStatus.WAITLISTED and body["waitlist_position"] == 1


def test_bad_input(people, event):
    api = _api(people["staff"])
    assert api.post(REGISTRATIONS, {"event": event.pk}, format="json").status_code == 404
    assert api.post(REGISTRATIONS, {"event": "x"}, format="json").status_code == 400
    assert api.post(REGISTRATIONS, {}, format="json").status_code == 400
    assert api.post(REGISTRATIONS, {"event": 2**40}, format="json").status_code == 400
    closed = EventFactory(cancelled_at=event.created)
    assert api.post(REGISTRATIONS, {"event": closed.pk}, format="json").status_code == 400


def test_others_registrations_are_404(people, event):
    theirs = RegistrationFactory(event=event, person=people["member"])
    api = _api(people["staff"])
    assert api.get(f"{REGISTRATIONS}{theirs.pk}/").status_code == 404
    assert api.delete(f"{REGISTRATIONS}{theirs.pk}/").status_code == 404
    assert Registration.objects.get(pk=theirs.pk).status == "registered"


@pytest.mark.parametrize("who", [None, "member", "staff", "organiser", "other_organiser"])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_prepared_list_is_drfs(people, event, who, language):
    """The list without filters reads its page as plain rows by a kept query and its count
    by another (PreparedListMixin, ``listed_events``); ``?format=json`` takes DRF's own path
    over model instances: the same answer for every viewer and language, the online link,
    the viewer's registration, the texts' fallbacks and the stored or rendered HTML."""
    import datetime

    from django.utils import timezone

    swedish = EventFactory(
        visibility="public",
        title_fi="Avoin",
        title_sv="Öppen",
        description_fi="Suomeksi *vain*",
        description_sv="På *svenska*",
        online_url="https://teams.example.fi/l/x",
        organiser=people["other_organiser"],
        capacity=1,
        registered_count=3,
    )
    unrendered = EventFactory(description_fi="Ei **tallennettua** HTML:ää", series=None)
    Event.all_objects.filter(pk=unrendered.pk).update(description_html_fi="")
    EventFactory(cancelled_at=timezone.now(), registration_deadline=timezone.now())
    EventFactory(published_at=None, online_url="https://teams.example.fi/l/draft")
    EventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=2),
    )
    RegistrationFactory(event=event, person=people["member"])
    RegistrationFactory(event=swedish, person=people["member"], status="waitlisted")
    RegistrationFactory(event=swedish, person=people["staff"], status="cancelled")
    from kaiku.core.tests.prepared_lists import assert_prepared_list_is_drfs

    api = _api(people[who] if who else None)
    queries = ("", "?page_size=2", "?page_size=2&page=2", "?page_size=2&page=9", "?page=2")
    assert_prepared_list_is_drfs(api, EVENTS, queries, HTTP_ACCEPT_LANGUAGE=language)
    listed = api.get(EVENTS, HTTP_ACCEPT_LANGUAGE=language).json()["results"]
    assert listed and all(row["web_url"] for row in listed)
