from __future__ import annotations

import pytest

from kaiku.core.audit import audit_log
from kaiku.core.models import AuditAction, AuditEvent

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(totp):
    person = UserFactory(is_superuser=True, is_staff=True)
    totp(person)
    return person


def test_audit_log_admin_is_read_only(client, superuser):
    event = audit_log(action=AuditAction.LOGIN_FAILED, actor_label="x@example.org")
    client.force_login(superuser)
    base = "/fi/admin/core/auditevent/"
    assert client.get(base).status_code == 200
    assert client.get(base + "?q=x%40example").status_code == 200
    assert client.get(base + "add/").status_code == 403
    assert client.get(f"{base}{event.pk}/change/").status_code == 200
    assert client.post(f"{base}{event.pk}/change/", {"action": "logout"}).status_code == 403
    assert client.post(f"{base}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.LOGIN_FAILED


def test_admin_pages_render(client, superuser):
    client.force_login(superuser)
    for url in [
        "/fi/admin/accounts/user/",
        "/fi/admin/accounts/user/?q=example",
        f"/fi/admin/accounts/user/{superuser.pk}/change/",
        "/fi/admin/accounts/user/add/",
        "/fi/admin/accounts/invitation/",
        "/fi/admin/accounts/invitation/add/",
        "/fi/admin/site/accessibilityfeedback/",
    ]:
        assert client.get(url).status_code == 200, url


def test_role_change_in_admin_is_audited(client, superuser):
    person = UserFactory(email="rooli@example.org")
    client.force_login(superuser)
    url = f"/fi/admin/accounts/user/{person.pk}/change/"
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "title": person.title,
        "organisation": "",
        "languages": '["fi"]',
        "expertise": "",
        "preferred_language": "fi",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "role_assignments-TOTAL_FORMS": "1",
        "role_assignments-INITIAL_FORMS": "0",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
        "role_assignments-0-role": "moderator",
        "role_assignments-0-user": str(person.pk),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert person.role_assignments.filter(role="moderator").exists()
    event = AuditEvent.objects.get(action=AuditAction.ROLE_GRANTED, target_id=str(person.pk))
    assert event.actor == superuser
