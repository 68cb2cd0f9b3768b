"""kaiku.core.validators: titles and names without invisible direction or control
characters (a right-to-left override makes "gpj.exe" read as "exe.jpg")."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from kaiku.core.validators import (
    BIDI_CONTROLS,
    strip_invisible_controls,
    validate_plain_title,
)

ATTACKS = [
    "Pöytäkirja\u202egpj.exe",
    "\u202aUpotettu\u202c",
    "\u202bOikealta\u202c",
    "\u202dPakotettu\u202c",
    "\u2066Eristetty\u2069",
    "\u2067Eristetty\u2069",
    "\u2068Eristetty\u2069",
    "Merkki\u200e",
    "Merkki\u200f",
    "Rivi\r\nToinen",
    "Sarkain\tvälissä",
    "Nolla\x00tavu",
]


@pytest.mark.parametrize("value", ATTACKS)
def test_titles_with_invisible_controls_are_refused_with_a_clear_message(value):
    with pytest.raises(ValidationError) as info:
        validate_plain_title(value)
    with translation.override("en"):
        assert "character" in " ".join(info.value.messages)
    with translation.override("fi"):  # and in the default language, in good Finnish
        assert "merkit" in " ".join(info.value.messages)


@pytest.mark.parametrize(
    "value", ["Ohjausryhmän kokous 9.12.2022", "Styrgruppen för förändringsträning", "مرحبا", "A–B"]
)
def test_ordinary_titles_pass(value):
    validate_plain_title(value)


def test_strip_invisible_controls():
    assert strip_invisible_controls("a\u202egpj.exe") == "agpj.exe"
    assert strip_invisible_controls("rivi\r\nkaksi\x00.pdf") == "rivikaksi.pdf"
    assert strip_invisible_controls("Pöytäkirja 1.pdf") == "Pöytäkirja 1.pdf"
    assert all(strip_invisible_controls(c) == "" for c in BIDI_CONTROLS)


def _title_fields():
    for app_label in ["programme", "news"]:
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.CharField) and (
                    field.name in {"title", "name"} or field.name.startswith(("title_", "name_"))
                ):
                    yield f"{model._meta.label_lower}.{field.name}", field


@pytest.mark.parametrize(("label", "field"), list(_title_fields()), ids=lambda x: str(x))
def test_every_programme_and_news_title_uses_the_validator(label, field):
    assert validate_plain_title in field.validators, label
