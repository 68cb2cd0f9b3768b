"""Response examples for the questions API's schema."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

_question = {
    "id": 42,
    "title": "Siirtyvätkö kertyneet vuosilomani kunnan palvelukseen?",
    "body": "Minulla on 20 pitämätöntä lomapäivää.",
    "body_html": "<p>Minulla on 20 pitämätöntä lomapäivää.</p>",
    "status": "answered",
    "programme": "te-palvelut-2024",
    "group": {"id": 4, "slug": "henkiloston-siirtyma", "name": "Henkilöstön siirtymä"},
    "topic": {"slug": "vuosilomat", "name": "Vuosilomat"},
    "visibility": "public",
    "vote_count": 7,
    "asked_by": "Tiina Tiimiläinen",
    "created": "2024-05-06T09:12:00+03:00",
    "answered_at": "2024-05-08T14:30:00+03:00",
    "closed_at": None,
    "closed_reason": "",
    "duplicate_of": None,
    "in_faq": True,
    "answer": {
        "body": "Kyllä. Siirto on **liikkeen luovutus**: lomat siirtyvät sellaisinaan.",
        "body_html": "<p>Kyllä. Siirto on <strong>liikkeen luovutus</strong>: lomat siirtyvät "
        "sellaisinaan.</p>",
        "answered_by": "Pekka Eriksson",
        "organisation": {"id": 12, "name": "Työ- ja elinkeinoministeriö"},
        "group": "henkiloston-siirtyma",
        "answered_at": "2024-05-08T14:30:00+03:00",
        "earlier_versions": 1,
    },
    "url": "https://kaiku.fi/api/v1/questions/42/",
    "web_url": "https://kaiku.fi/fi/questions/42/",
}

question = OpenApiExample("An answered question", value=_question, response_only=True)
similar = OpenApiExample(
    "Similar questions",
    value=[
        {
            "id": 42,
            "title": _question["title"],
            "status": "answered",
            "vote_count": 7,
            "score": 0.82,
            "web_url": _question["web_url"],
        }
    ],
    response_only=True,
)
vote = OpenApiExample(
    "After voting", value={"question": 42, "voted": True, "vote_count": 8}, response_only=True
)
