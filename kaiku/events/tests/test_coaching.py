"""Coaching programmes: who may see and manage them, the sessions in order, a participant's
progress, the organiser's attendance matrix and its CSV in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.organisations.models import OrganisationType

from .. import coaching
from ..models import AudienceKind, CoachingProgramme, Event, RegistrationStatus
from .factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(people):
    """A published programme for TE offices with four sessions, two of them held; the
    member attended one of the two, and registered for the next one."""
    programme = coaching.programme_create(
        actor=people["organiser"],
        title_fi="Muutosvalmennus Hämeen TE-toimiston tiimeille",
        description_fi="Neljä **tapaamista**.",
        audience=AudienceKind.ORGANISATION_TYPES,
        types=[OrganisationType.TE_OFFICE],
        publish=True,
    )
    now = timezone.now()
    sessions = []
    for n, days in enumerate([-30, -10, 10, 30], start=1):
        start = (now + datetime.timedelta(days=days)).replace(microsecond=0)
        sessions.append(
            EventFactory(
                title_fi=f"Tapaaminen {n}",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                organiser=people["organiser"],
                series=programme,
            )
        )
    member = people["member"]
    RegistrationFactory(event=sessions[0], person=member, attended=True)
    RegistrationFactory(event=sessions[1], person=member, attended=False)
    RegistrationFactory(event=sessions[2], person=member)
    other = UserFactory(full_name="Aino Osallistuja", organisation=member.organisation)
    RegistrationFactory(event=sessions[0], person=other, attended=True)
    RegistrationFactory(event=sessions[1], person=other, attended=True)
    RegistrationFactory(event=sessions[3], person=other, status=RegistrationStatus.WAITLISTED)
    programme.sessions_for_test = sessions
    people["participant"] = other
    return programme


def _client(client, person):
    if person is not None:
        client.force_login(person)
    return client


def url(programme, tail=""):
    return f"/en/events/programmes/{programme.slug}/{tail}"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("staff", 404),  # KEHA: outside the TE offices
        ("member", 200),
        ("organiser", 200),
        ("other_organiser", 200),
        ("admin", 200),
    ],
)
def test_who_sees_a_programme(client, people, programme, who, status):
    response = _client(client, people[who]).get(url(programme))
    assert response.status_code == status
    listed = _client(client, people[who]).get("/en/events/programmes/").content.decode()
    assert ("Muutosvalmennus Hämeen TE-toimiston tiimeille" in listed) is (status == 200)


def test_the_sessions_are_in_order_and_the_participant_sees_progress(client, people, programme):
    body = _client(client, people["member"]).get(url(programme)).content.decode()
    positions = [body.index(f"Tapaaminen {n}") for n in range(1, 5)]
    assert positions == sorted(positions)
    assert "1 of 4 sessions attended" in body
    assert '<progress max="4" value="1"' in body
    assert "Attendance" not in body and "attendance.csv" not in body


def test_the_event_list_and_the_programme_pages_link_to_each_other(client, people, programme):
    events = _client(client, people["member"]).get("/en/events/").content.decode()
    assert '<a href="/en/events/programmes/">Coaching programmes</a>' in events
    for page in ("/en/events/programmes/", url(programme)):
        body = client.get(page).content.decode()
        assert '<a href="/en/events/">Events</a>' in body


def test_a_draft_is_seen_by_organisers_only(client, people, programme):
    CoachingProgramme.objects.filter(pk=programme.pk).update(published_at=None)
    assert _client(client, people["member"]).get(url(programme)).status_code == 404
    assert _client(client, people["organiser"]).get(url(programme)).status_code == 200


def test_the_organiser_sees_the_attendance_matrix(client, people, programme):
    body = _client(client, people["organiser"]).get(url(programme)).content.decode()
    assert "Attendance of 2 participants by session" in body
    assert "Aino Osallistuja" in body and "Tiina Tiimiläinen" in body


def test_the_matrix_costs_a_fixed_number_of_queries(people, programme, django_assert_num_queries):
    sessions = programme.sessions_for_test
    with django_assert_num_queries(1):
        matrix = coaching.attendance_matrix(sessions)
    assert [n for _p, _c, n in matrix.rows] == [2, 1]  # Aino, Tiina
    assert matrix.totals == [2, 1, 0, 0]
    for n in range(20):
        person = UserFactory(full_name=f"Lisä {n:02d}")
        for event in sessions:
            RegistrationFactory(event=event, person=person, attended=n % 2 == 0)
    with django_assert_num_queries(1):
        matrix = coaching.attendance_matrix(sessions)
    assert len(matrix.rows) == 22


def test_the_detail_page_costs_the_same_with_more_people(
    client, people, programme, django_assert_max_num_queries
):
    client.force_login(people["organiser"])
    with django_assert_max_num_queries(30) as captured:
        client.get(url(programme))
    for n in range(15):
        person = UserFactory(full_name=f"Lisä {n:02d}")
        for event in programme.sessions_for_test:
            RegistrationFactory(event=event, person=person, attended=True)
    with django_assert_max_num_queries(len(captured)):
        assert client.get(url(programme)).status_code == 200


def test_the_csv_export(client, people, programme):
    Event.objects.filter(pk=programme.sessions_for_test[0].pk).update(title="=HYPERLINK(1)")
    response = _client(client, people["organiser"]).get(url(programme, "attendance.csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 3
    assert "'=HYPERLINK(1)" in lines[0]
    assert lines[1].startswith("Aino Osallistuja;") and lines[1].endswith(";2")


@pytest.mark.parametrize("who", ["member", "staff"])
def test_others_cannot_manage(client, people, programme, who):
    client.force_login(people[who])
    for tail in ("edit/", "sessions/", "attendance.csv"):
        assert client.get(url(programme, tail)).status_code in {403, 404}
    assert client.get("/en/events/programmes/new/").status_code == 403


def test_communications_manage_only_their_own(client, people, programme):
    client.force_login(people["other_organiser"])
    assert client.get(url(programme, "edit/")).status_code == 403
    assert client.get(url(programme, "attendance.csv")).status_code == 403


def test_an_organiser_creates_a_programme_and_chooses_sessions(client, people):
    client.force_login(people["organiser"])
    response = client.post(
        "/en/events/programmes/new/",
        {
            "title": "Tiimivalmennus Riihimäen toimistolle",
            "description": "Kolme tapaamista.",
            "audience": "everyone",
            "visibility": "staff",
            "published": "on",
        },
    )
    programme = CoachingProgramme.objects.get(title_fi="Tiimivalmennus Riihimäen toimistolle")
    assert response.status_code == 302 and response["Location"].endswith("/sessions/")
    assert programme.visibility == "staff" and programme.published_at
    assert programme.organiser == people["organiser"]
    mine = EventFactory(organiser=people["organiser"])
    theirs = EventFactory(organiser=people["other_organiser"])
    page = client.get(url(programme, "sessions/")).content.decode()
    assert mine.title in page
    response = client.post(url(programme, "sessions/"), {"events": [mine.pk]})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.series == programme
    # A change coordinator manages every event: theirs is offered too.
    assert theirs.title in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "audience": "everyone", "visibility": "staff"}, "title"),
        ({"title": "Valmennus", "audience": "regions", "visibility": "staff"}, "region"),
        ({"title": "Valmennus", "audience": "team", "visibility": "staff"}, "audience"),
        ({"title": "Rivi\u202evaihto", "audience": "everyone", "visibility": "staff"}, "title"),
    ],
)
def test_bad_programmes_are_refused(client, people, data, field):
    client.force_login(people["organiser"])
    response = client.post("/en/events/programmes/new/", data)
    assert response.status_code == 400
    assert not CoachingProgramme.objects.exists()


def test_progress_counts_held_sessions_and_ignores_others(people, programme):
    sessions = programme.sessions_for_test
    progress = coaching.progress_of(people["participant"], sessions)
    assert (progress.attended, progress.total) == (2, 4)
    assert coaching.progress_of(people["staff"], sessions) is None
    assert coaching.progress_of(None, sessions) is None
