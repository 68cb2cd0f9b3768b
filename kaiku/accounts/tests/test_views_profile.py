from __future__ import annotations

import datetime
import json

import pytest

from kaiku.accounts import services
from kaiku.accounts.models import ApiToken
from kaiku.core.models import AuditAction, AuditEvent

from .factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
PROFILE = "/fi/profile/"


def _valid(**overrides):
    data = {
        "full_name": "Tiina Tiimiläinen",
        "title": "Työvoimaneuvoja",
        "organisation": "",
        "languages": ["fi", "sv"],
        "expertise": "Nuorten palvelut",
        "preferred_language": "fi",
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/login/")


def test_owner_edits_profile(client, user):
    organisation = OrganisationFactory()
    client.force_login(user)
    response = client.post(PROFILE, _valid(organisation=organisation.pk))
    assert response.status_code == 302 and response["Location"] == PROFILE
    user.refresh_from_db()
    assert user.full_name == "Tiina Tiimiläinen"
    assert user.languages == ["fi", "sv"]
    assert user.organisation == organisation


def test_former_organisation_stays_selectable_for_its_member(client, user):
    closed = OrganisationFactory(
        valid_from=datetime.date(2013, 1, 1), valid_until=datetime.date(2024, 12, 31)
    )
    other_closed = OrganisationFactory(
        valid_from=datetime.date(2013, 1, 1), valid_until=datetime.date(2024, 12, 31)
    )
    user.organisation = closed
    user.save(update_fields=["organisation"])
    client.force_login(user)
    page = client.get(PROFILE).content.decode()
    assert f'value="{closed.pk}" selected' in page
    assert f'value="{other_closed.pk}"' not in page
    response = client.post(PROFILE, _valid(organisation=closed.pk))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.organisation == closed


@pytest.mark.parametrize(
    "bad",
    [{"full_name": "x" * 201}, {"languages": ["fi", "klingon"]}, {"preferred_language": "de"}],
)
def test_bad_input_shows_errors_and_changes_nothing(client, user, bad):
    client.force_login(user)
    before = (user.full_name, user.languages, user.preferred_language)
    response = client.post(PROFILE, _valid(**bad))
    assert response.status_code == 200
    assert 'class="field__error"' in response.content.decode()
    user.refresh_from_db()
    assert (user.full_name, user.languages, user.preferred_language) == before


def test_closed_organisation_not_offered(client, user):
    import datetime

    closed = OrganisationFactory(valid_until=datetime.date(2024, 12, 31))
    client.force_login(user)
    response = client.post(PROFILE, _valid(organisation=closed.pk))
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.organisation is None


def test_token_create_shows_key_once_then_revoke(client, user):
    client.force_login(user)
    response = client.post("/fi/profile/token/")
    assert response.status_code == 200
    assert 'id="new-token"' in response.content.decode()
    token = ApiToken.objects.get(user=user)
    assert 'id="new-token"' not in client.get(PROFILE).content.decode()
    # A second token is refused while one exists.
    assert client.post("/fi/profile/token/").status_code == 302
    assert ApiToken.objects.get(user=user).pk == token.pk
    client.post("/fi/profile/token/revoke/")
    assert not ApiToken.objects.filter(user=user).exists()
    actions = list(AuditEvent.objects.filter(actor=user).values_list("action", flat=True))
    assert AuditAction.TOKEN_CREATED in actions and AuditAction.TOKEN_REVOKED in actions


def test_token_endpoints_need_post(client, user):
    client.force_login(user)
    assert client.get("/fi/profile/token/").status_code == 405
    assert client.get("/fi/profile/data/").status_code == 405


def test_data_export(client, user):
    token = services.token_create(user=user, actor=user)
    client.force_login(user)
    response = client.post("/fi/profile/data/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["email"] == user.email
    assert data["api_tokens"][0].keys() == {"created", "last_used", "expires"}
    assert token.key not in response.content.decode()
    assert token.key_hash not in response.content.decode()
    assert any(e["action"] == "login" for e in data["audit_events"])
    assert AuditEvent.objects.filter(action=AuditAction.DATA_EXPORTED, actor=user).exists()


def test_person_page_permissions(client, user):
    organisation = OrganisationFactory(name="KEHA-keskus", slug="keha-keskus")
    other = UserFactory(
        full_name="Kalle Kehittäjä", languages=["fi", "se"], organisation=organisation
    )
    url = other.get_absolute_url()
    assert client.get(url).status_code == 302
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kalle Kehittäjä" in body and "pohjoissaame" in body.lower()
    assert organisation.get_absolute_url() in body
    other.is_active = False
    other.save()
    assert client.get(url).status_code == 404
    assert client.get("/fi/people/999999/").status_code == 404


def test_person_page_escapes_user_text(client, user):
    other = UserFactory(full_name="<script>alert(1)</script>", expertise="<img src=x onerror=1>")
    client.force_login(user)
    body = client.get(other.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body and "<img src=x" not in body
