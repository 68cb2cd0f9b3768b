from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_admin_pages_render(client, people, enrolment, tasks):
    from allauth.mfa.models import Authenticator

    from .factories import UserFactory

    superuser = UserFactory(is_superuser=True, is_staff=True)
    Authenticator.objects.create(
        user=superuser, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    client.force_login(superuser)
    task = next(iter(tasks.values()))
    for url in [
        "/fi/admin/onboarding/onboardingprogramme/",
        f"/fi/admin/onboarding/onboardingprogramme/{enrolment.programme_id}/change/",
        "/fi/admin/onboarding/task/?q=opas",
        f"/fi/admin/onboarding/task/{task.pk}/change/",
        "/fi/admin/onboarding/enrolment/?q=Noora",
        f"/fi/admin/onboarding/enrolment/{enrolment.pk}/change/",
    ]:
        assert client.get(url).status_code == 200, url
