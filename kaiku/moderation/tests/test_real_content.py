"""The journey of the issue on a real moderated model (a question): a post reported by three
people is hidden, the moderator restores it with a reason, the author is told."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from kaiku.moderation.models import Reason, Report, Status
from kaiku.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def question(people):
    if not apps.is_installed("kaiku.questions"):  # pragma: no cover
        pytest.skip("the questions app is not installed")
    from kaiku.questions.tests.factories import QuestionFactory

    return QuestionFactory(title="Miksi te olette kaikki idiootteja?", author=people["author"])


def test_reported_hidden_and_restored(client, people, question):
    key = question._meta.label_lower
    report_url = reverse("moderation:report", kwargs={"model": key, "pk": question.pk})
    for reporter in people["reporters"][:3]:
        client.force_login(reporter)
        assert client.post(report_url, {"reason": Reason.INAPPROPRIATE}).status_code == 302
    question.refresh_from_db()
    assert question.hidden_at is not None and question.hidden_by is None
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404

    client.force_login(people["moderator"])
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "Miksi te olette kaikki idiootteja?" in queue
    assert "3 open reports" in queue
    case_kwargs = {"model": key, "pk": question.pk}
    response = client.post(
        reverse("moderation:restore", kwargs=case_kwargs),
        {"restore-reason": "Kärkevä, mutta aiheeseen liittyvä."},
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 200
    assert set(Report.objects.values_list("status", flat=True)) == {Status.DISMISSED}
    told = Notification.objects.filter(user=people["author"]).values_list("kind", "context")
    assert ("content_restored", "Kärkevä, mutta aiheeseen liittyvä.") in set(told)
