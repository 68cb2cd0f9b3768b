"""A news form sent twice (a double click, a resent request) creates one item."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kaiku.core.forms import FORM_TOKEN_FIELD
from kaiku.core.tests.concurrency import run_at_once, skip_unless_concurrent_db

from ..models import NewsItem, NewsKind


def _data(token, **extra):
    return {
        "kind": NewsKind.NEWS,
        "title": "Kaksoisklikkaus",
        "slug": "",
        "summary": "Tiivistelmä",
        "body": "Tekstiä",
        "visibility": "public",
        "publish_now": "on",
        FORM_TOKEN_FIELD: token,
        **extra,
    }


def _token(client) -> str:
    form = client.get(reverse("news:create")).context["form"]
    return form[FORM_TOKEN_FIELD].value()


@pytest.mark.django_db
def test_every_rendered_form_has_its_own_token(client, people):
    client.force_login(people["communications"])
    first, second = _token(client), _token(client)
    assert first != second and len(first) >= 20
    assert (
        f'name="{FORM_TOKEN_FIELD}" value="{first}"'
        not in client.get(reverse("news:create")).content.decode()
    )


@pytest.mark.django_db
def test_the_same_form_sent_twice_creates_one_item(client, people):
    client.force_login(people["communications"])
    token = _token(client)
    first = client.post(reverse("news:create"), _data(token))
    again = client.post(reverse("news:create"), _data(token), follow=True)
    item = NewsItem.objects.get()
    assert first.status_code == 302 and first["Location"] == item.get_absolute_url()
    assert again.redirect_chain[-1][0] == item.get_absolute_url()
    assert item.announced_at is not None
    # A new rendered form is a new item.
    client.post(reverse("news:create"), _data(_token(client), title="Toinen"))
    assert NewsItem.objects.count() == 2


@pytest.mark.django_db
def test_a_rejected_form_keeps_its_token_usable(client, people):
    client.force_login(people["communications"])
    token = _token(client)
    rejected = client.post(reverse("news:create"), _data(token, title=""))
    assert rejected.status_code == 400
    assert rejected.context["form"][FORM_TOKEN_FIELD].value() == token
    assert client.post(reverse("news:create"), _data(token)).status_code == 302
    assert NewsItem.objects.count() == 1


@pytest.mark.django_db
def test_another_person_with_the_same_token_is_not_sent_to_the_first_item(client, people):
    client.force_login(people["communications"])
    token = _token(client)
    client.post(reverse("news:create"), _data(token))
    other = Client()
    other.force_login(people["admin"])
    response = other.post(reverse("news:create"), _data(token, title="Ylläpidon"))
    assert response.status_code == 302
    assert NewsItem.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["x", "a" * 65, "ä" * 30, "<script>" * 4])
def test_a_malformed_token_is_a_form_error(client, people, token):
    client.force_login(people["communications"])
    response = client.post(reverse("news:create"), _data(token))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert response.context["form"][FORM_TOKEN_FIELD].value() != token
    assert not NewsItem.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_submits_of_one_form_create_one_item(people):
    """20 requests at once, each on its own database connection."""
    skip_unless_concurrent_db()
    client = Client()
    client.force_login(people["communications"])
    token = _token(client)

    def submit() -> int:
        own = Client()
        own.cookies = client.cookies
        return own.post(reverse("news:create"), _data(token)).status_code

    assert run_at_once(20, submit) == [302] * 20
    assert NewsItem.objects.count() == 1
