"""The organiser's export of an event's registrations (CSV and XLSX). Cells a spreadsheet
would take for a formula are prefixed with an apostrophe; XLSX cells are always text."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from kaiku.surveys.exports import as_csv, as_xlsx

from .models import Event
from .selectors import registrations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

__all__ = ["as_csv", "as_xlsx", "registration_table"]


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _attended(value) -> str:
    return {True: _("yes"), False: _("no")}.get(value, "")


def registration_table(event: Event) -> tuple[list[str], list[list]]:
    header = [
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Organisation type"),
        _("Status"),
        _("Registered at"),
        _("Attended"),
    ]
    rows = []
    for r in registrations(event):
        organisation = r.organisation
        rows.append(
            [
                _safe(r.person.full_name or ""),
                _safe(r.person.email),
                _safe(organisation.name if organisation else ""),
                organisation.get_type_display() if organisation else "",
                r.get_status_display(),
                timezone.localtime(r.queued_at).strftime("%Y-%m-%d %H:%M"),
                _attended(r.attended),
            ]
        )
    return header, rows
