"""Who may and may not use each page, the organiser's forms, registering through the pages,
and the queries of the list and the registrations view."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ..models import Event, EventMaterial, Registration, RegistrationStatus
from .factories import EventFactory, MaterialFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "member", "organiser", "other_organiser", "admin"]


def _client(client, person):
    if person is not None:
        client.force_login(person)
    return client


def _url(name, event=None, **kwargs):
    if event is not None:
        kwargs["pk"] = event.pk
    return reverse(f"events:{name}", kwargs=kwargs)


def _login_redirect(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Who may see what ---------------------------------------------------------------------------

SEE = {
    "anonymous": 404,
    "staff": 404,  # outside the audience (KEHA, not a TE office)
    "member": 200,
    "organiser": 200,
    "other_organiser": 200,  # organisers see every event
    "admin": 200,
}
MANAGE = {
    "anonymous": "login",
    "staff": 404,
    "member": 404,
    "organiser": 200,
    "other_organiser": 404,  # communications, not this event's organiser
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["detail", "ical"])
def test_reading_an_event_follows_its_audience(client, people, event, role, name):
    response = _client(client, people[role]).get(_url(name, event))
    assert response.status_code == SEE[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["edit", "cancel", "registrations", "material_add"])
def test_organiser_pages(client, people, event, role, name):
    response = _client(client, people[role]).get(_url(name, event))
    expected = MANAGE[role]
    if expected == "login":
        assert _login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_export(client, people, event, role):
    response = _client(client, people[role]).get(_url("export", event, fmt="csv"))
    expected = MANAGE[role]
    if expected == "login":
        assert _login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    "role,expected",
    [("anonymous", "login"), ("staff", 403), ("member", 403), ("organiser", 200),
     ("other_organiser", 200), ("admin", 200)],
)  # fmt: skip
def test_who_may_create(client, people, role, expected):
    response = _client(client, people[role]).get(_url("create"))
    if expected == "login":
        assert _login_redirect(response)
    else:
        assert response.status_code == expected


def test_drafts_are_for_their_managers(client, people):
    draft = EventFactory(published_at=None, organiser=people["organiser"], visibility="public")
    assert client.get(_url("detail", draft)).status_code == 404
    assert _client(client, people["staff"]).get(_url("detail", draft)).status_code == 404
    assert _client(client, people["organiser"]).get(_url("detail", draft)).status_code == 200
    listed = _client(client, people["staff"]).get(_url("list"))
    assert draft.title not in listed.content.decode()


def test_post_only_routes_refuse_get(client, people, event):
    client.force_login(people["member"])
    for name in ("register", "unregister", "publish", "attendance"):
        assert client.get(_url(name, event)).status_code == 405


def test_state_changes_of_others_are_404(client, people, event):
    client.force_login(people["other_organiser"])
    assert client.post(_url("publish", event)).status_code == 404
    assert client.post(_url("attendance", event), {}).status_code == 404
    client.force_login(people["staff"])
    assert client.post(_url("register", event)).status_code == 404
    assert not Registration.objects.exists()


def test_anonymous_register_goes_to_login(client, event):
    assert _login_redirect(client.post(_url("register", event)))


# --- Registering through the pages ---------------------------------------------------------------


def test_register_show_link_and_cancel(client, people, event):
    client.force_login(people["member"])
    page = client.get(_url("detail", event)).content.decode()
    assert event.online_url not in page
    assert "The link is shown to those registered." in page
    response = client.post(_url("register", event))
    assert response.status_code == 302
    again = client.post(_url("register", event))  # a double submit
    assert again.status_code == 302
    assert Registration.objects.filter(event=event).count() == 1
    assert Event.objects.get(pk=event.pk).registered_count == 1
    page = client.get(_url("detail", event)).content.decode()
    assert event.online_url in page and "You are registered." in page
    client.post(_url("unregister", event))
    assert Event.objects.get(pk=event.pk).registered_count == 0
    assert event.online_url not in client.get(_url("detail", event)).content.decode()


def test_waitlist_position_on_the_page(client, people, event, te_office):
    for _ in range(2):
        RegistrationFactory(event=event, person=UserFactory(organisation=te_office))
    Event.objects.filter(pk=event.pk).update(registered_count=2)
    client.force_login(people["member"])
    client.post(_url("register", event))
    page = client.get(_url("detail", event)).content.decode()
    assert "You are on the waitlist, number 1." in page


def test_organiser_sees_the_link_without_registering(client, people, event):
    client.force_login(people["organiser"])
    assert event.online_url in client.get(_url("detail", event)).content.decode()


# --- The organiser's form ------------------------------------------------------------------------


def _form(**overrides):
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    data = {
        "kind": "lecture",
        "title": "Luento itseohjautuvuudesta",
        "description": "**Tervetuloa!**",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Hämeenlinna",
        "online_url": "",
        "capacity": "30",
        "registration_deadline": "",
        "audience": "everyone",
        "visibility": "staff",
        "live_qa": "on",
        "action": "publish",
    }
    data.update(overrides)
    return data


def test_organiser_creates_and_publishes(client, people):
    client.force_login(people["organiser"])
    response = client.post(_url("create"), _form())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.published_at is not None and event.organiser == people["organiser"]
    assert event.capacity == 30 and event.visibility == "staff"
    assert "<strong>Tervetuloa!</strong>" in event.description_html
    # In Helsinki time: 9.00 local is 7.00 UTC in winter or 6.00 in summer.
    assert timezone.localtime(event.starts_at).hour == 9


def test_organiser_creates_a_draft_for_organisation_types(client, people):
    client.force_login(people["organiser"])
    client.post(
        _url("create"),
        _form(action="draft", audience="types", audience_types=["te_office", "ely_centre"]),
    )
    event = Event.objects.get()
    assert event.published_at is None
    assert event.visibility == "members"
    assert event.audience_type_list == ["ely_centre", "te_office"]


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"capacity": "0"}, "capacity", "Give at least 1 place"),
        ({"capacity": "100001"}, "capacity", "At most 100"),
        ({"capacity": "kolme"}, "capacity", "whole number"),
        ({"ends_at": "2020-01-01T10:00"}, "ends_at", "cannot end before it starts"),
        ({"title": ""}, "title_fi", "This field is required"),
        ({"audience": "types"}, "audience_types", "at least one organisation type"),
        ({"audience": "regions"}, "audience_regions", "at least one region"),
        ({"audience": "team"}, "team", "Choose the team"),
    ],
)
def test_form_errors(client, people, overrides, field, message):
    client.force_login(people["organiser"])
    response = client.post(_url("create"), _form(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Event.objects.exists()


def test_deadline_after_the_end_is_refused(client, people):
    client.force_login(people["organiser"])
    data = _form()
    deadline = datetime.datetime.fromisoformat(data["ends_at"]) + datetime.timedelta(hours=1)
    response = client.post(
        _url("create"), {**data, "registration_deadline": deadline.strftime("%Y-%m-%dT%H:%M")}
    )
    assert "Registration must close before the event ends." in " ".join(
        response.context["form"].errors["registration_deadline"]
    )


def test_a_past_date_must_be_confirmed(client, people):
    client.force_login(people["organiser"])
    past = _form(starts_at="2023-01-17T09:00", ends_at="2023-01-17T10:30")
    response = client.post(_url("create"), past)
    assert "starts in the past" in " ".join(response.context["form"].errors["starts_at"])
    assert client.post(_url("create"), {**past, "past_ok": "on"}).status_code == 302
    assert Event.objects.count() == 1


def test_preview_saves_nothing(client, people):
    client.force_login(people["organiser"])
    response = client.post(_url("create"), _form(preview="description"))
    assert response.status_code == 200 and not Event.objects.exists()


def test_edit_publish_and_cancel(client, people, event):
    client.force_login(people["organiser"])
    response = client.post(
        _url("edit", event),
        _form(audience="types", audience_types=["te_office"], title="Uusi nimi", capacity="5"),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Uusi nimi" and event.capacity == 5
    client.post(_url("cancel", event), {"reason": "Kouluttaja sairastui"})
    client.post(_url("cancel", event), {"reason": "Toinen kerta"})
    event.refresh_from_db()
    assert event.is_cancelled and event.cancel_reason == "Kouluttaja sairastui"


# --- Materials -----------------------------------------------------------------------------------


def test_materials_after_the_event_and_file_download(client, people, event, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["organiser"])
    pdf = SimpleUploadedFile("diat.pdf", b"%PDF-1.4 diat", content_type="application/pdf")
    response = client.post(
        _url("material_add", event), {"title": "Diat", "file": pdf, "after_event": "on"}
    )
    assert response.status_code == 302
    material = EventMaterial.objects.get()
    download = _url("material_download", event, material=material.pk)
    assert client.get(download).status_code == 200  # the organiser sees it before
    client.force_login(people["member"])
    assert client.get(download).status_code == 404  # not yet for others
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.logout()
    client.force_login(people["staff"])  # outside the audience
    assert client.get(download).status_code == 404


def test_material_needs_a_link_or_a_file(client, people, event):
    client.force_login(people["organiser"])
    response = client.post(_url("material_add", event), {"title": "Diat"})
    assert response.status_code == 200 and not EventMaterial.objects.exists()


# --- Registrations view, attendance, export -------------------------------------------------------


def test_registrations_view_attendance_and_export(client, people, event, te_office, keha):
    a = RegistrationFactory(event=event, organisation=te_office)
    b = RegistrationFactory(event=event, organisation=keha, person=UserFactory(full_name="=cmd"))
    RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    client.force_login(people["organiser"])
    page = client.get(_url("registrations", event)).content.decode()
    assert "Hämeen TE-toimisto" in page and "KEHA-keskus" in page
    client.post(_url("attendance", event), {f"attended_{a.pk}": "yes", f"attended_{b.pk}": "no"})
    assert Registration.objects.get(pk=a.pk).attended is True
    assert Registration.objects.get(pk=b.pk).attended is False
    # htmx: one row at a time, the row comes back.
    row = client.post(
        _url("attendance", event), {f"attended_{a.pk}": "no"}, headers={"HX-Request": "true"}
    )
    assert row.status_code == 200 and f'id="attendance-{a.pk}"' in row.content.decode()
    csv = client.get(_url("export", event, fmt="csv")).content.decode("utf-8-sig")
    assert "'=cmd" in csv and "Hämeen TE-toimisto" in csv
    xlsx = client.get(_url("export", event, fmt="xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(_url("export", event, fmt="pdf")).status_code == 404


def test_registrations_view_queries_do_not_grow(
    client, people, event, te_office, django_assert_max_num_queries
):
    client.force_login(people["organiser"])
    for _ in range(3):
        RegistrationFactory(event=event, organisation=te_office)
    with django_assert_max_num_queries(40) as few:
        client.get(_url("registrations", event))
    for _ in range(30):
        RegistrationFactory(event=event, organisation=OrganisationFactoryLazy())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url("registrations", event))


def OrganisationFactoryLazy():  # noqa: N802  (reads like a factory)
    from .factories import OrganisationFactory

    return OrganisationFactory()


def test_list_queries_do_not_grow(client, people, django_assert_max_num_queries):
    client.force_login(people["member"])
    EventFactory.create_batch(2)
    with django_assert_max_num_queries(40) as few:
        client.get(_url("list"))
    EventFactory.create_batch(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("list"))
    assert response.status_code == 200


def test_list_upcoming_past_and_filters(client, people, region):
    now = timezone.now()
    EventFactory(title="Tuleva luento", kind="lecture")
    EventFactory(title="Tuleva kehittämispäivä", kind="development_day")
    EventFactory(
        title="Mennyt infotilaisuus",
        kind="info_session",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30, hours=-1),
    )
    regional = EventFactory(title="Alueellinen valmennus")
    regional.audience_regions.set([region])
    client.force_login(people["staff"])
    upcoming = client.get(_url("list")).content.decode()
    assert "Tuleva luento" in upcoming and "Mennyt infotilaisuus" not in upcoming
    past = client.get(_url("list") + "?when=past").content.decode()
    assert "Mennyt infotilaisuus" in past and "Tuleva luento" not in past
    lectures = client.get(_url("list") + "?kind=lecture").content.decode()
    assert "Tuleva luento" in lectures and "kehittämispäivä" not in lectures
    in_region = client.get(_url("list") + f"?region={region.slug}").content.decode()
    assert "Alueellinen valmennus" in in_region and "Tuleva luento" not in in_region
    assert client.get(_url("list") + "?kind=nope").status_code == 200
    assert client.get(_url("list") + "?page=999").status_code == 200


def test_anonymous_list_shows_public_events_only(client, people, event):
    EventFactory(title="Avoin luento", visibility="public")
    page = client.get(_url("list")).content.decode()
    assert "Avoin luento" in page and event.title not in page


def test_material_link(client, people, event):
    MaterialFactory(event=event, title="Esitys", url="https://example.fi/esitys")
    client.force_login(people["member"])
    assert "https://example.fi/esitys" in client.get(_url("detail", event)).content.decode()


def test_material_file_type_is_read_from_the_content(client, people, event, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["organiser"])
    fake = SimpleUploadedFile("diat.pdf", b"<script>alert(1)</script>", content_type="text/html")
    response = client.post(_url("material_add", event), {"title": "Diat", "file": fake})
    assert response.status_code == 200 and not EventMaterial.objects.exists()
    assert response.context["form"].errors["file"]
    good = SimpleUploadedFile("../../diat.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    client.post(_url("material_add", event), {"title": "Diat", "file": good})
    stored = EventMaterial.objects.get().file.name
    assert stored.startswith("events/materials/") and ".." not in stored
    assert stored.endswith(".pdf") and "diat" not in stored
