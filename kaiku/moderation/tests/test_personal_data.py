from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kaiku.accounts.personal_data import PERSONAL_DATA_REGISTRY
from kaiku.moderation import services
from kaiku.moderation.models import Reason, Report

pytestmark = pytest.mark.django_db


def test_reports_and_suspension_are_exported_and_removed(people, post):
    person = people["staff"]
    services.report(obj=post, reporter=person, reason=Reason.SPAM, text="Mainos")
    services.suspend(
        person=person,
        actor=people["moderator"],
        until=timezone.now() + datetime.timedelta(days=1),
        reason="Häirintä",
    )
    entry = PERSONAL_DATA_REGISTRY["moderation.report"]
    data = entry.export(person)
    assert [(r["reason"], r["details"]) for r in data["reports"]] == [("spam", "Mainos")]
    assert data["suspension"]["reason"] == "Häirintä"
    assert "Mikko" not in str(data)  # the moderator is not named
    entry.remove(person)
    person.refresh_from_db()
    assert not Report.objects.filter(reporter=person).exists()
    assert person.suspended_until is None and person.suspension_reason == ""
