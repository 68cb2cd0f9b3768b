"""This app's entry in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from kaiku.accounts.personal_data import register


def _export(user) -> dict:
    from .models import Report

    suspension = None
    if user.suspended_until:
        suspension = {
            "until": user.suspended_until.isoformat(),
            "reason": user.suspension_reason,
        }
    # What the person reported and why; not who decided (another person's data).
    reports = [
        {
            "content": f"{r.content_type.app_label}.{r.content_type.model} {r.object_id}",
            "reason": r.reason,
            "details": r.text,
            "created": r.created.isoformat(),
            "status": r.status,
        }
        for r in Report.objects.filter(reporter=user).select_related("content_type")
    ]
    return {"reports": reports, "suspension": suspension}


def _remove(user) -> None:
    from .models import Report

    Report.objects.filter(reporter=user).delete()
    # The user model, not type(user): the view passes request.user, a lazy wrapper.
    get_user_model()._default_manager.filter(pk=user.pk).update(
        suspended_until=None, suspension_reason=""
    )


def register_personal_data() -> None:
    register(
        "moderation.report",
        key="moderation",
        export=_export,
        remove=_remove,
        note="The person's reports (what, why, when, status) and their suspension (until, "
        "reason; columns of accounts.User) are exported; the reports are deleted and the "
        "suspension cleared with the account; the decisions stay in the audit log and on the "
        "content. resolved_by (the moderator who decided) is set to null when that "
        "moderator's account is deleted.",
    )
