"""Browsers ask for ``/favicon.ico`` whatever the page declares (headless Chromium did, and
its console showed a 404): it leads to the site's icon."""

from __future__ import annotations

from django.templatetags.static import static


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("kaiku/img/favicon.svg")


def test_only_get_and_head(client):
    assert client.post("/favicon.ico").status_code == 405
