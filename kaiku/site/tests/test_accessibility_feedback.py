from __future__ import annotations

import pytest

from kaiku.site.models import AccessibilityFeedback

URL = "/fi/accessibility/"


@pytest.mark.django_db
def test_statement_page_links_from_every_page_footer(client):
    for path in ("/fi/", URL):
        assert f'href="{URL}"' in client.get(path).content.decode()


@pytest.mark.django_db
def test_empty_message_shows_an_error_and_saves_nothing(client):
    response = client.post(URL, {"message": "", "name": "", "email": "", "page_url": ""})
    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    assert 'class="field__error"' in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 0


@pytest.mark.django_db
def test_invalid_email_is_refused(client):
    response = client.post(URL, {"message": "Teksti on liian pientä.", "email": "not-an-email"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert AccessibilityFeedback.objects.count() == 0


@pytest.mark.django_db
def test_valid_feedback_is_saved_and_redirects(client):
    data = {
        "message": "Kaaviosta puuttuu tekstivastine.",
        "name": "Maija",
        "email": "maija@example.fi",
        "page_url": "https://kaiku.example.fi/fi/",
    }
    response = client.post(URL, data)
    # Post/Redirect/Get: a reload does not send the feedback twice.
    assert response.status_code == 302
    assert response["Location"] == URL
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == data["message"]
    assert feedback.email == data["email"]

    page = client.get(URL)
    assert "message--success" in page.content.decode()
