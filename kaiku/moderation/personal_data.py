"""This app's entry in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from kaiku.accounts.personal_data import register


def _export(user) -> list[dict]:
    from .models import Report

    # What the person reported and why; not who decided (another person's data).
    return [
        {
            "content": f"{r.content_type.app_label}.{r.content_type.model} {r.object_id}",
            "reason": r.reason,
            "details": r.text,
            "created": r.created.isoformat(),
            "status": r.status,
        }
        for r in Report.objects.filter(reporter=user).select_related("content_type")
    ]


def _remove(user) -> None:
    from .models import Report

    Report.objects.filter(reporter=user).delete()


def register_personal_data() -> None:
    register(
        "moderation.report",
        key="reports",
        export=_export,
        remove=_remove,
        note="The person's reports (what, why, when, status) are exported and deleted with the "
        "account; the decisions stay in the audit log and on the content. resolved_by (the "
        "moderator who decided) is set to null when that moderator's account is deleted.",
    )
