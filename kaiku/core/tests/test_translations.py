"""kaiku.core.translations: which language a text is shown in, and how it is marked."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from kaiku.core.translations import Chooser, language_order, pick, pick_value, translated, wrap


class Texts(SimpleNamespace):
    """Stands in for a model: ``_meta`` tells which language columns exist."""

    class _meta:  # noqa: N801 - Django's name
        concrete_fields = [
            SimpleNamespace(name=name) for name in ("title_fi", "title_sv", "title_en", "note")
        ]


def _render(template: str, **context) -> str:
    return Template("{% load translated %}" + template).render(Context(context))


def test_order_is_the_page_language_then_finnish():
    assert language_order("sv") == ["sv", "fi", "en"]
    assert language_order("en") == ["en", "fi", "sv"]
    assert language_order("fi") == ["fi", "sv", "en"]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_chooser_picks_from_rows_as_pick_value(language):
    """The per-page chooser gives ``pick_value``'s text, from values() rows (by name, through
    a prefix) and from values_list() rows (by position), in each page language."""
    chooser = Chooser(language)
    assert chooser.columns(Texts, "title", "item__") == [
        "item__title_fi",
        "item__title_sv",
        "item__title_en",
    ]
    assert chooser.columns(Texts, "note") == ["note"]
    by_name = chooser.picker(Texts, "title", prefix="item__")
    by_place = chooser.picker(Texts, "title", at=1)
    note = chooser.picker(Texts, "note")
    for texts in [("Otsikko", "", None), ("Otsikko", "Rubrik", "Title"), ("", "", "Title"),
                  ("", None, "")]:  # fmt: skip
        row = dict(zip(chooser.columns(Texts, "title", "item__"), texts, strict=True))
        plain = dict(zip(chooser.columns(Texts, "title"), texts, strict=True))
        expected = pick_value(plain, Texts, "title", language=language)[0]
        assert by_name(row) == expected
        assert by_place(("id", *texts, "other")) == expected
    assert note({"note": None}) == ""
    assert note({"note": "plain"}) == "plain"


def test_chooser_uses_the_active_language():
    with translation.override("sv"):
        choose = Chooser().picker(Texts, "title")
    assert choose({"title_fi": "Otsikko", "title_sv": "Rubrik", "title_en": "Title"}) == "Rubrik"


def test_pick_says_where_the_text_came_from():
    obj = Texts(title_fi="Otsikko", title_sv="", title_en=None, note="plain")
    assert pick(obj, "title", "sv") == ("Otsikko", "fi")
    assert pick(obj, "note", "sv") == ("plain", None)  # not translated: nothing to mark
    obj.title_sv = "Rubrik"
    assert pick(obj, "title", "sv") == ("Rubrik", "sv")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "<h1>Otsikko &amp; &lt;b&gt;</h1>"),
        ("sv", '<h1><span lang="fi">Otsikko &amp; &lt;b&gt;</span></h1>'),
    ],
)
def test_tag_escapes_and_marks_only_a_fallback(language, expected):
    obj = Texts(title_fi="Otsikko & <b>", title_sv="", title_en="", note="")
    with translation.override(language):
        assert _render('<h1>{% translated obj "title" %}</h1>', obj=obj) == expected


def test_wrap_of_a_block_keeps_the_class():
    with translation.override("en"):
        assert wrap("<p>x</p>", "fi", tag="div", css_class="prose") == (
            '<div class="prose" lang="fi">&lt;p&gt;x&lt;/p&gt;</div>'
        )


@override_settings(MODELTRANSLATION_LANGUAGES=("fi", "sv", "en"))
def test_service_fields_name_every_language():
    assert translated("title") == ("title", "title_fi", "title_sv", "title_en")
