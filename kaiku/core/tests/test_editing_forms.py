"""The shared form include (error summary, described fields, choice groups) and the Markdown
preview endpoint."""

from __future__ import annotations

import pytest
from django import forms
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from kaiku.accounts.tests.factories import UserFactory
from kaiku.core import views
from kaiku.core.forms import MarkdownPreviewFormMixin, MarkdownTextarea

PREVIEW = "/en/preview/markdown/"


class _Form(MarkdownPreviewFormMixin, forms.Form):
    title = forms.CharField(label="Title", help_text="Short.")
    body = forms.CharField(label="Body", widget=MarkdownTextarea, required=False)
    colours = forms.MultipleChoiceField(
        label="Colours",
        choices=[("r", "Red"), ("g", "Green")],
        widget=forms.CheckboxSelectMultiple,
        required=True,
    )


def _render(form) -> str:
    with translation.override("en"):
        return render_to_string("core/includes/_form_fields.html", {"form": form})


def test_error_summary_lists_each_error_as_a_link_to_its_field():
    html = _render(_Form(data={}))
    assert "data-error-summary" in html
    assert 'tabindex="-1"' in html
    assert "There is a problem" in html
    assert 'href="#id_title"' in html
    # A group of checkboxes is reached through its first box.
    assert 'href="#id_colours_0"' in html


def test_no_error_summary_without_errors():
    assert "data-error-summary" not in _render(_Form())
    assert "data-error-summary" not in _render(_Form(data={"title": "x", "colours": ["r"]}))


def test_field_is_described_by_its_error_and_help():
    html = _render(_Form(data={}))
    assert 'aria-describedby="id_title_error id_title_helptext"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_title_error"' in html


def test_checkboxes_are_a_fieldset_with_a_legend():
    html = _render(_Form())
    assert "<fieldset" in html
    assert "<legend>Colours" in html


def test_markdown_textarea_has_a_preview_button_that_works_without_javascript():
    html = _render(_Form())
    assert 'name="preview" value="body"' in html
    assert 'hx-post="/en/preview/markdown/"' in html


def test_preview_submit_renders_the_field_without_errors():
    form = _Form(data={"preview": "body", "body": "**bold** <script>x</script>"})
    assert form.wants_preview()
    html = _render(form)
    assert "<strong>bold</strong>" in html
    assert "<script>" not in html
    assert "data-error-summary" not in html


def test_preview_of_an_unknown_or_plain_field_is_not_a_preview():
    assert not _Form(data={"preview": "title"}).wants_preview()
    assert not _Form(data={"preview": "nope"}).wants_preview()
    assert not _Form(data={}).wants_preview()


# --- The preview endpoint ------------------------------------------------------------------------


@pytest.fixture
def signed_in(db):
    cache.clear()
    client = Client()
    client.force_login(UserFactory())
    return client


def test_preview_renders_through_the_sanitising_renderer(signed_in):
    text = "**bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    response = signed_in.post(PREVIEW, {"preview": "body", "body": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>bold</strong>" in html
    assert "javascript:" not in html
    assert "<img" not in html


def test_preview_is_for_signed_in_people_only(db):
    response = Client().post(PREVIEW, {"preview": "body", "body": "x"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_preview_is_post_only(signed_in):
    assert signed_in.get(PREVIEW).status_code == 405


def test_preview_needs_the_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post(PREVIEW, {"preview": "body", "body": "x"})
    assert response.status_code == 403


def _refused(client, language: str, text: str) -> str:
    response = client.post(f"/{language}/preview/markdown/", {"preview": "body", "body": text})
    assert response.status_code == 413
    return response.content.decode()


def test_preview_refuses_a_text_too_long_with_the_right_plural(signed_in, monkeypatch):
    many = _refused(signed_in, "fi", "a" * (views.PREVIEW_MAX_CHARS + 1))
    assert f"(enintään {views.PREVIEW_MAX_CHARS} merkkiä)" in many
    monkeypatch.setattr(views, "PREVIEW_MAX_CHARS", 1)
    assert "(enintään 1 merkki)" in _refused(signed_in, "fi", "ab")
    assert "(at most 1 character)" in _refused(signed_in, "en", "ab")


def test_preview_is_rate_limited(signed_in, monkeypatch):
    monkeypatch.setattr(views, "PREVIEW_PER_MINUTE", 3)
    codes = [
        signed_in.post(PREVIEW, {"preview": "body", "body": "x"}).status_code for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
