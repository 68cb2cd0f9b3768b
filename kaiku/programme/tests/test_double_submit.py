"""A create form of a group sent twice (a double click, a resent request) creates once."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kaiku.core.forms import FORM_TOKEN_FIELD
from kaiku.core.tests.concurrency import run_at_once, skip_unless_concurrent_db

from ..models import GroupDocument, GroupGoal, GroupTask, Meeting, Membership, Memo, Milestone
from .factories import UserFactory

CREATES = {
    "meeting_create": (
        Meeting,
        {"title": "Kokous", "starts_at": "2025-03-01T10:00", "status": "planned",
         "visibility": "public"},
    ),
    "milestone_create": (
        Milestone,
        {"title": "Välitavoite", "due_on": "2025-06-01", "status": "planned",
         "visibility": "public"},
    ),
    "memo_create": (Memo, {"title": "Muistio", "body": "Tekstiä", "visibility": "public"}),
    "task_create": (GroupTask, {"title": "Tehtävä", "order": 1}),
    "goal_create": (GroupGoal, {"title": "Tavoite", "order": 1}),
}  # fmt: skip


def _url(name, group):
    return reverse(
        f"programme:{name}", kwargs={"programme_slug": group.programme.slug, "slug": group.slug}
    )


def _token(client, url) -> str:
    return client.get(url).context["form"][FORM_TOKEN_FIELD].value()


@pytest.mark.django_db
@pytest.mark.parametrize("name", CREATES)
def test_the_same_form_sent_twice_creates_once(client, people, group, name):
    model, data = CREATES[name]
    client.force_login(people["secretary"])
    url = _url(name, group)
    before = model.objects.count()
    data = {**data, FORM_TOKEN_FIELD: _token(client, url)}
    first = client.post(url, data)
    again = client.post(url, data)
    assert first.status_code == 302 and again.status_code == 302
    assert model.objects.count() == before + 1
    created = model.objects.latest("pk")
    assert again["Location"] == created.get_absolute_url()
    # Another rendered form is another item.
    client.post(url, {**data, FORM_TOKEN_FIELD: _token(client, url)})
    assert model.objects.count() == before + 2


@pytest.mark.django_db
def test_a_membership_form_sent_twice_adds_one_seat(client, people, group):
    client.force_login(people["secretary"])
    person = UserFactory(email="uusi.jasen@example.fi")
    url = _url("membership_create", group)
    data = {"email": person.email, "role": "member", FORM_TOKEN_FIELD: _token(client, url)}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # not "already has this role"
    assert Membership.objects.filter(group=group, person=person).count() == 1


@pytest.mark.django_db
def test_a_document_sent_twice_is_stored_once(client, people, group, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["secretary"])
    url = _url("document_upload", group)
    token = _token(client, url)

    def post():
        upload = SimpleUploadedFile("muistio.txt", "Tekstiä.\n".encode(), content_type="text/plain")
        data = {"title": "Liite", "file": upload, "visibility": "public"}
        return client.post(url, {**data, FORM_TOKEN_FIELD: token})

    assert post().status_code == 302
    again = post()
    assert again.status_code == 302 and again["Location"] == group.get_absolute_url()
    assert GroupDocument.objects.filter(group=group).count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_submits_of_one_meeting_form_create_one_meeting(people, group):
    skip_unless_concurrent_db()
    client = Client()
    client.force_login(people["secretary"])
    url = _url("meeting_create", group)
    model, data = CREATES["meeting_create"]
    data = {**data, FORM_TOKEN_FIELD: _token(client, url)}

    def submit() -> int:
        own = Client()
        own.cookies = client.cookies
        return own.post(url, data).status_code

    assert run_at_once(20, submit) == [302] * 20
    assert Meeting.objects.filter(group=group).count() == 1
