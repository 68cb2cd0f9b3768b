"""Languages a person can say they work in (ISO 639 codes)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

WORK_LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("se", _("Northern Sami")),
    ("smn", _("Inari Sami")),
    ("sms", _("Skolt Sami")),
    ("fit", _("Meänkieli")),
    ("rom", _("Romani")),
    ("fse", _("Finnish Sign Language")),
    ("ru", _("Russian")),
    ("et", _("Estonian")),
    ("uk", _("Ukrainian")),
    ("ar", _("Arabic")),
    ("so", _("Somali")),
    ("fa", _("Persian")),
    ("ku", _("Kurdish")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
WORK_LANGUAGE_NAMES = dict(WORK_LANGUAGES)


def language_names(codes) -> list[str]:
    return [str(WORK_LANGUAGE_NAMES.get(code, code)) for code in codes or []]
