"""The event list's rows written in Python (``rows.py``) are the HTML of the include they
replaced (``events/includes/_event_item.html``, kept as the reference), in every language and
every state of a row."""

from __future__ import annotations

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..rows import event_item, event_items
from .factories import EventFactory, OrganisationFactory, RegionFactory


@pytest.fixture
def events(db):
    now = timezone.now()
    organisation = OrganisationFactory(name="Hämeen <TE> & co")
    return [
        EventFactory(title_fi="Perusvalmennus", title_sv="Grundcoachning"),
        EventFactory(
            title_fi="Verkossa",
            location="",
            online_url="https://teams.example.fi/x",
            capacity=30,
            registered_count=12,
            organisation=organisation,
        ),
        EventFactory(location="", online_url="", capacity=1, registered_count=1),
        EventFactory(title_fi="Peruttu <b>", cancelled_at=now, capacity=10),
        EventFactory(published_at=None, capacity=1, registered_count=0),
        EventFactory(
            starts_at=now - datetime.timedelta(days=2),
            ends_at=now - datetime.timedelta(days=1),
            capacity=5,
        ),
    ]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("status", [None, "registered", "waitlisted", "cancelled"])
def test_a_row_is_the_include(events, language, status):
    now = timezone.now()
    with translation.override(language):
        for event in events:
            expected = render_to_string(
                "events/includes/_event_item.html",
                {"event": event, "status": status, "now": now},
            )
            assert event_item(event, status, now) == expected


def test_the_rows_one_after_the_other(events):
    now = timezone.now()
    rows = [(event, "registered") for event in events]
    expected = "".join(
        render_to_string("events/includes/_event_item.html", {"event": e, "status": s, "now": now})
        for e, s in rows
    )
    assert event_items(rows, now) == expected
    assert "&lt;TE&gt; &amp; co" in expected and "Peruttu &lt;b&gt;" in expected


@pytest.mark.parametrize(
    "page", [None, "1", "2", "3", "0", "-1", "x", "2.0", "99999999999999999999"]
)
@pytest.mark.parametrize("filters", ["", "&when=past", "&kind=coaching", "&region=REGION"])
def test_a_page_of_the_list_is_the_paginators(client, people, page, filters, monkeypatch):
    """The list's page is read with its count in one kept query (``selectors.event_page``):
    the same page as Django's paginator gives over ``event_list``, with and without filters,
    also for a number past the last page or no number."""
    from django.core.paginator import Paginator

    from .. import selectors, views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    region = RegionFactory()
    organisation = OrganisationFactory(region=region)
    for i in range(5):
        EventFactory(kind="coaching" if i % 2 else "lecture", organisation=organisation)
        EventFactory(
            starts_at=timezone.now() - datetime.timedelta(days=3 + i),
            ends_at=timezone.now() - datetime.timedelta(days=2),
        )
    client.force_login(people["staff"])
    query = filters.replace("REGION", str(region.pk))
    url = "/en/events/?x=1" + (f"&page={page}" if page is not None else "") + query

    def page_html():
        html = client.get(url).content.decode()
        return re.sub(r'(nonce|value|content)="[A-Za-z0-9+/=_-]{32,}"', "", html)

    new = page_html()

    def paginators(viewer, number, per_page, **filters):
        return Paginator(selectors.event_list(viewer, **filters), per_page).get_page(number)

    monkeypatch.setattr(selectors, "event_page", paginators)
    assert new == page_html()
    if page in (None, "1"):
        assert "event-item" in new
    assert "event-item" in new
