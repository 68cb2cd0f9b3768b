"""Official texts in Swedish and English with a Finnish fallback marked lang="fi" (WCAG
3.1.2), the editors' forms for them, and Markdown stored as sanitised HTML when saved."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kaiku.core import translations
from kaiku.core.markdown import RENDERER_VERSION

from ..models import GroupTask, Meeting, WorkingGroup
from .factories import GroupTaskFactory, MeetingFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def _in(language: str, name: str, group, **extra) -> str:
    with translation.override(language):
        return reverse(
            f"programme:{name}",
            kwargs={"programme_slug": group.programme.slug, "slug": group.slug, **extra},
        )


def _page(client, group, language: str) -> str:
    with translation.override(language):
        url = group.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _soon():
    return timezone.now() + datetime.timedelta(days=10)


@pytest.fixture
def translated_group(group):
    group.name_sv = "Styrgruppen för förändringsträning"
    group.mandate_fi = "Ryhmä **ohjaa** valmistelua."
    group.mandate_sv = "Gruppen **styr** beredningen."
    group.save()
    MeetingFactory(
        group=group,
        title_fi="Ohjausryhmän kokous",
        title_sv="Styrgruppens möte",
        agenda_fi="1. Avaus",
        agenda_sv="1. Öppnande",
        starts_at=_soon(),
    )
    MeetingFactory(group=group, title_fi="Vain suomeksi", agenda_fi="1. *Asia*", starts_at=_soon())
    MilestoneFactory(group=group, title_fi="Toimeenpano-ohjelma valmis")
    GroupTaskFactory(group=group, title_fi="Seurata riskejä", description_fi="**Tärkeä**")
    return group


def test_swedish_page_shows_swedish_and_marks_the_finnish_fallback(client, translated_group):
    html = _page(client, translated_group, "sv")
    assert '<html lang="sv">' in html
    assert "<h1>Styrgruppen för förändringsträning</h1>" in html
    # Swedish texts are in the page's language: no lang attribute.
    assert '<div class="prose">\n<p>Gruppen <strong>styr</strong> beredningen.</p>' in html or (
        '<div class="prose"><p>Gruppen <strong>styr</strong> beredningen.</p></div>' in html
    )
    assert ">Styrgruppens möte</h4>" in html
    assert '<div class="prose"><ol>\n<li>Öppnande</li>' in html
    # Finnish fallbacks are marked as Finnish.
    assert '<span lang="fi">Vain suomeksi</span>' in html
    assert '<div class="prose" lang="fi"><ol>\n<li><em>Asia</em></li>' in html
    assert '<span lang="fi">Toimeenpano-ohjelma valmis</span>' in html
    assert '<span lang="fi">Seurata riskejä</span>' in html
    assert '<div class="prose muted" lang="fi"><p><strong>Tärkeä</strong></p></div>' in html


def test_english_page_falls_back_to_finnish_marked_as_finnish(client, translated_group):
    html = _page(client, translated_group, "en")
    assert '<html lang="en">' in html
    # No English name or mandate: the Finnish ones, marked.
    assert '<h1><span lang="fi">Muutosvalmennuksen ohjausryhmä</span></h1>' in html
    assert '<div class="prose" lang="fi"><p>Ryhmä <strong>ohjaa</strong> valmistelua.</p>' in html
    assert '<span lang="fi">Ohjausryhmän kokous</span>' in html


def test_finnish_page_has_no_language_marks(client, translated_group):
    html = _page(client, translated_group, "fi")
    assert 'lang="fi"' not in html.replace('<html lang="fi">', "").replace(
        'hreflang="fi" lang="fi"', ""
    )
    assert "<h1>Muutosvalmennuksen ohjausryhmä</h1>" in html


def test_page_shows_stored_html_without_rendering_markdown(client, translated_group, monkeypatch):
    """Markdown is rendered once, when saved: a page view renders none."""

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered during a request")

    monkeypatch.setattr("kaiku.core.markdown._parser", refuse)
    html = _page(client, translated_group, "sv")
    assert "<strong>styr</strong>" in html


def test_group_page_queries_do_not_grow_with_translated_items(client, translated_group):
    group = translated_group
    with translation.override("sv"):
        url = group.get_absolute_url()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        MeetingFactory(group=group, title_fi=f"Kokous {n}", agenda_sv="*x*", starts_at=_soon())
        MilestoneFactory(group=group, title_fi=f"Virstanpylväs {n}", title_sv=f"Delmål {n}")
        GroupTaskFactory(group=group, title_fi=f"Tehtävä {n}", description_fi="**y**")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_forms_offer_swedish_and_english_fields_in_a_disclosure(client, people, group):
    client.force_login(people["secretary"])
    html = client.get(_in("sv", "meeting_create", group)).content.decode()
    details = html[html.index('<details class="form-translations"') :]
    details = details[: details.index("</details>")]
    assert 'name="title_sv"' in details and 'name="agenda_en"' in details
    assert re.search(r'<textarea name="agenda_sv"[^>]*lang="sv"', details)
    main = html[: html.index('<details class="form-translations"')]
    # The Finnish field keeps its name and id, is required, and says it is Finnish.
    assert re.search(r'<input type="text" name="title"[^>]*lang="fi"[^>]*required', main)
    assert 'id="id_title"' in main
    assert 'name="title_sv"' not in main


def test_meeting_form_saves_every_language_and_the_finnish_field_stays_finnish(
    client, people, group
):
    """Sent from the Swedish interface, the required field is still the Finnish text."""
    client.force_login(people["secretary"])
    response = client.post(
        _in("sv", "meeting_create", group),
        {
            "title": "Kokous",
            "title_sv": "Möte",
            "title_en": "Meeting",
            "starts_at": "2099-01-13T13:00",
            "agenda": "1. Avaus",
            "agenda_sv": "1. **Öppnande**",
            "status": "planned",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.title_fi, meeting.title_sv, meeting.title_en) == ("Kokous", "Möte", "Meeting")
    assert meeting.agenda_fi == "1. Avaus"
    assert meeting.agenda_html_sv == "<ol>\n<li><strong>Öppnande</strong></li>\n</ol>"
    assert meeting.agenda_html_fi == "<ol>\n<li>Avaus</li>\n</ol>"
    assert meeting.markdown_version == RENDERER_VERSION


def test_finnish_title_is_required(client, people, group):
    client.force_login(people["secretary"])
    response = client.post(
        _in("en", "task_create", group), {"title": "", "title_sv": "Uppgift", "order": 1}
    )
    assert response.status_code == 400
    assert "title_fi" in response.context["form"].errors
    assert not GroupTask.objects.exists()


def test_editing_the_mandate_updates_the_stored_html(client, people, translated_group):
    group = translated_group
    client.force_login(people["secretary"])
    response = client.post(
        _in("sv", "group_update", group),
        {
            "mandate": "Uusi *toimeksianto*.",
            "mandate_sv": "Nytt *uppdrag*.",
            "mandate_en": "",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.mandate_fi == "Uusi *toimeksianto*."
    assert group.mandate_html_fi == "<p>Uusi <em>toimeksianto</em>.</p>"
    assert group.mandate_html_sv == "<p>Nytt <em>uppdrag</em>.</p>"
    assert "<p>Nytt <em>uppdrag</em>.</p>" in _page(client, group, "sv")


def test_a_script_in_any_language_never_reaches_the_page(client, people, group):
    client.force_login(people["secretary"])
    payload = '<script>alert(1)</script>[x](javascript:alert(2)) <img src=x onerror="alert(3)">'
    response = client.post(
        _in("fi", "group_update", group),
        {"mandate": payload, "mandate_sv": payload, "mandate_en": payload, "visibility": "public"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    for language in ("fi", "sv", "en"):
        assert "<script" not in getattr(group, f"mandate_html_{language}")
        html = _page(client, group, language)
        assert "<script>alert(1)" not in html
        assert "javascript:" not in html
        assert "onerror" not in html.replace("&quot;", '"').split("<img")[0]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_rerender_markdown_renders_rows_of_an_older_renderer(group, monkeypatch):
    task = GroupTaskFactory(group=group, description_fi="**a**", description_sv="*b*")
    GroupTask.objects.filter(pk=task.pk).update(description_html_fi="stale", markdown_version=0)
    untouched = WorkingGroup.objects.get(pk=group.pk).markdown_version
    call_command("rerender_markdown", verbosity=0)
    task.refresh_from_db()
    assert task.description_html_fi == "<p><strong>a</strong></p>"
    assert task.description_html_sv == "<p><em>b</em></p>"
    assert task.markdown_version == RENDERER_VERSION
    assert untouched == RENDERER_VERSION
    # A new renderer version renders every row again.
    monkeypatch.setattr(translations, "RENDERER_VERSION", RENDERER_VERSION + 1)
    counts = translations.rerender_markdown()
    assert counts["programme.GroupTask"] == 1
    assert counts["programme.WorkingGroup"] == 1
    assert GroupTask.objects.get().markdown_version == RENDERER_VERSION + 1


def test_the_group_form_gives_the_name_in_swedish_and_english_but_not_in_finnish(
    client, people, group
):
    """The Finnish name (and the address made from it) stays in the admin; the secretary
    can give the Swedish and English names, so /sv/ and /en/ pages need not fall back."""
    finnish = group.name_fi
    client.force_login(people["secretary"])
    html = client.get(_in("fi", "group_update", group)).content.decode()
    assert 'name="name_sv"' in html and 'name="name_en"' in html
    assert 'name="name"' not in html and 'name="name_fi"' not in html
    response = client.post(
        _in("fi", "group_update", group),
        {
            "mandate": "Toimeksianto.",
            "name_sv": "Styrgruppen",
            "name_en": "Steering group",
            "name_fi": "Yritys vaihtaa nimi",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name_fi, group.name_sv, group.name_en) == (
        finnish,
        "Styrgruppen",
        "Steering group",
    )
    assert "<h1>Styrgruppen" in _page(client, group, "sv")
