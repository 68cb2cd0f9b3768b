"""News in a person's data export: only items the person may see (GDPR art. 15 without
leaking unpublished work to people who may not see it)."""

from __future__ import annotations

import pytest

from kaiku.accounts.personal_data import PERSONAL_DATA_REGISTRY

pytestmark = pytest.mark.django_db


def _export(user) -> dict:
    return PERSONAL_DATA_REGISTRY["news.newsitem"].export(user)


def test_contact_person_export_leaves_out_drafts_and_scheduled_items(people, items):
    person = people["staff"]  # no news role: may not see unpublished items
    for item in items.values():
        item.contact_persons.add(person)
    titles = _export(person)["contact_for"]
    assert sorted(titles) == ["Julkinen uutinen", "Sisäinen uutinen"]
    assert "Luonnos" not in titles and "Ajastettu" not in titles


def test_contact_person_sees_their_own_draft_in_the_export(people, items):
    person = people["staff"]
    items["draft"].contact_persons.add(person)
    items["draft"].author = person
    items["draft"].save()
    assert _export(person)["contact_for"] == ["Luonnos"]


def test_news_managers_export_lists_every_item_they_are_named_on(people, items):
    person = people["communications"]
    for item in items.values():
        item.contact_persons.add(person)
    assert len(_export(person)["contact_for"]) == 4
