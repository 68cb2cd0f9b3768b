"""This app's entries in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from kaiku.accounts.personal_data import register


def _memberships_export(user) -> list[dict]:
    from .models import Membership

    rows = Membership.objects.filter(person=user).select_related("group", "represents")
    return [
        {
            "group": m.group.name,
            "role": m.role,
            "represents": m.represents.name if m.represents_id else None,
            "term_start": m.term_start.isoformat() if m.term_start else None,
            "term_end": m.term_end.isoformat() if m.term_end else None,
        }
        for m in rows.order_by("pk")
    ]


def _memberships_remove(user) -> None:
    from .models import Membership

    Membership.objects.filter(person=user).delete()


def _contacts_export(user) -> list[str]:
    return [group.name for group in user.contact_for_groups.order_by("pk")]


def _contacts_remove(user) -> None:
    user.contact_for_groups.clear()


def register_personal_data() -> None:
    register(
        "programme.membership",
        export=_memberships_export,
        remove=_memberships_remove,
        note="Seats in working groups; removed with the account.",
    )
    register(
        "programme.workinggroup",
        key="programme_contact_for_groups",
        export=_contacts_export,
        remove=_contacts_remove,
        note="Groups the person is a contact person of; the link is removed with the account.",
    )
