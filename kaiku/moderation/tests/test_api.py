from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kaiku.moderation import services
from kaiku.moderation.models import Reason, Report

from .conftest import make_post

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/"
KEY = "moderation_tests.post"


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _data(post, **extra):
    return {"content_type": KEY, "object_id": post.pk, "reason": Reason.SPAM, **extra}


def test_anonymous_callers_cannot_report(post):
    assert _client().post(URL, _data(post), format="json").status_code in (401, 403)
    assert not Report.objects.exists()


def test_a_signed_in_person_reports_once(people, post):
    client = _client(people["staff"])
    response = client.post(URL, _data(post, text="Mainos"), format="json")
    assert response.status_code == 201, response.content
    assert response.data["status"] == "open" and response.data["object_id"] == post.pk
    again = client.post(URL, _data(post), format="json")
    assert again.status_code == 400
    assert Report.objects.count() == 1


def test_what_the_caller_may_not_see_is_404(people):
    hidden = make_post(people["author"], hidden_at=timezone.now())
    client = _client(people["staff"])
    assert client.post(URL, _data(hidden), format="json").status_code == 404
    unknown = {"content_type": "accounts.user", "object_id": 1, "reason": Reason.SPAM}
    assert client.post(URL, unknown, format="json").status_code == 404


def test_bad_input_is_400(people, post):
    client = _client(people["staff"])
    assert client.post(URL, _data(post, reason="rude"), format="json").status_code == 400
    response = client.post(URL, _data(post, reason=Reason.OTHER), format="json")
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_over_the_daily_limit_is_429_with_retry_after(people):
    reporter = people["staff"]
    posts = [make_post(people["author"], text=f"Viesti {n}") for n in range(21)]
    for post in posts[:20]:
        services.report(obj=post, reporter=reporter, reason=Reason.SPAM)
    response = _client(reporter).post(URL, _data(posts[20]), format="json")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Report.objects.count() == 20


def test_an_idempotency_key_replays_the_first_answer(people, post):
    client = _client(people["staff"])
    headers = {"Idempotency-Key": "report-1"}
    first = client.post(URL, _data(post), format="json", headers=headers)
    second = client.post(URL, _data(post), format="json", headers=headers)
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert Report.objects.count() == 1
