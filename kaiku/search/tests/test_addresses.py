"""A hit's address is made from a few values of its row (``kaiku.search.addresses``): it must
be what the row's ``get_absolute_url()`` gives, for every searchable type, in every
language."""

from __future__ import annotations

import pytest
from django.urls import set_script_prefix
from django.utils import translation

from kaiku.core.search import searchables
from kaiku.discussions import services as discussions
from kaiku.events.tests.factories import EventFactory
from kaiku.news.tests.factories import NewsItemFactory
from kaiku.organisations.tests.factories import OrganisationFactory
from kaiku.programme.tests.factories import MeetingFactory, MemoFactory
from kaiku.questions.tests.factories import AnswerFactory
from kaiku.search import addresses
from kaiku.search.analysis import parse_query
from kaiku.search.indexing import rebuild
from kaiku.search.selectors import Search, _hit_addresses, searchable_types
from kaiku.teams.tests.factories import AgreementFactory, ImprovementFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(people):
    meeting = MeetingFactory()
    MemoFactory(group=meeting.group)
    news = NewsItemFactory(slug="kunnat-mukaan")
    discussion = discussions.discussion_create(
        actor=people["staff"],
        programme=meeting.group.programme,
        group=meeting.group,
        title="Lomat",
        body="Lomista.",
    )
    discussions.comment_create(actor=people["admin"], target=news, body="Hyvä uutinen.")
    AnswerFactory()
    EventFactory()
    OrganisationFactory()
    team = AgreementFactory().team
    SessionFactory(team=team)
    ImprovementFactory(team=team)
    return discussion


def test_every_searchable_type_has_an_address():
    assert set(searchable_types()) <= set(addresses.ADDRESSES)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_addresses_are_those_of_get_absolute_url(one_of_each, language):
    with translation.override(language):
        for model in searchables():
            key = model._meta.label_lower
            rows = list(model._base_manager.all())
            assert rows, f"no {key} to check"
            found = _hit_addresses(key=key, array="{" + ",".join(str(r.pk) for r in rows) + "}")
            made = addresses.Addresses(model, addresses.address_of(key))
            assert {pk: made.of((pk, *rest)) for pk, *rest in found} == {
                row.pk: row.get_absolute_url() for row in rows
            }


def test_slugs_that_are_not_plain_are_quoted_as_reverse_quotes_them():
    made = addresses.Addresses(
        searchable_types()["news.newsitem"].model, addresses.address_of("news.newsitem")
    )
    with translation.override("fi"):
        plain = made.of((1, "kunnat"))
        assert plain.endswith("/kunnat/")
        assert made.of((1, "ä ö")) == plain.replace("kunnat", "%C3%A4%20%C3%B6")


def test_a_script_prefix_is_kept():
    model = searchable_types()["programme.meeting"].model
    set_script_prefix("/kaiku/")
    try:
        made = addresses.Addresses(model, addresses.address_of("programme.meeting"))
        assert made.of((5, "te24", "henkilosto", 5)).startswith("/kaiku/")
    finally:
        set_script_prefix("/")


def test_a_type_without_an_address_reads_its_rows(people, groups, monkeypatch):
    MeetingFactory(group=groups["a"], title="Kuntien kokous")
    rebuild()
    monkeypatch.delitem(addresses.ADDRESSES, "programme.meeting")
    search = Search(viewer=None, query=parse_query("kokous"))
    (hit,) = search.page(1).object_list
    assert hit.row is not None and hit.url == hit.row.get_absolute_url()
