"""Response examples for the news API's schema (one item: drf-spectacular wraps the list
example in a page of results itself)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

_item = {
    "id": 42,
    "slug": "te24-uudistus-etenee",
    "kind": "news",
    "title": "TE24-uudistus etenee aikataulussa",
    "summary": "Työllisyysalueet aloittivat toimintansa 1.1.2025.",
    "body": "Uudistuksen **ensimmäinen vaihe** on valmis ...",
    "keywords": ["te24", "tyollisyysalueet"],
    "contact_persons": [{"name": "Tiina Tiedottaja", "title": "Viestintäasiantuntija"}],
    "contact_info": "viestinta@example.fi",
    "related_groups": [{"id": 12, "name": "Muutosvalmennuksen ohjausryhmä", "programme": "te24"}],
    "programme": "te24",
    "pinned": False,
    "published_at": "2025-01-02T09:00:00+02:00",
    "visibility": "public",
    "url": "https://kaiku.fi/api/v1/news/te24-uudistus-etenee/",
    "web_url": "https://kaiku.fi/fi/news/te24-uudistus-etenee/",
}

news_list = OpenApiExample("A news item", value=_item, response_only=True)
news_item = OpenApiExample("A news item", value=_item, response_only=True)
