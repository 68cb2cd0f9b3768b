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


def _documents_export(user) -> list[dict]:
    from .models import GroupDocument

    rows = GroupDocument.objects.filter(uploaded_by=user).select_related("group")
    return [
        {
            "group": d.group.name,
            "title": d.title,
            "file_name": d.original_name,
            "uploaded": d.created.isoformat(),
            "removed": d.removed_at.isoformat() if d.removed_at else None,
        }
        for d in rows.order_by("pk")
    ]


def _documents_remove(user) -> None:
    from .models import GroupDocument

    # The documents belong to the group's record; only the link to the person goes.
    GroupDocument.objects.filter(uploaded_by=user).update(uploaded_by=None)


def _deleted_export(model_name: str):
    def export(user) -> list[dict]:
        from django.apps import apps

        model = apps.get_model("programme", model_name)
        rows = model.all_objects.filter(deleted_by=user).order_by("pk")
        return [{"title": str(row), "deleted": row.deleted_at.isoformat()} for row in rows]

    return export


def _deleted_remove(model_name: str):
    def remove(user) -> None:
        from django.apps import apps

        # The deletion stays on record (audit log, restorable); only the link to the person goes.
        apps.get_model("programme", model_name).all_objects.filter(deleted_by=user).update(
            deleted_by=None
        )

    return remove


def register_personal_data() -> None:
    for model_name in ("meeting", "memo", "milestone", "grouptask", "groupgoal"):
        register(
            f"programme.{model_name}",
            export=_deleted_export(model_name),
            remove=_deleted_remove(model_name),
            note="Items the person deleted; they stay restorable, the link to the person goes.",
        )
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
    register(
        "programme.groupdocument",
        export=_documents_export,
        remove=_documents_remove,
        note="Documents the person uploaded; they stay with the group, the uploader is removed.",
    )
