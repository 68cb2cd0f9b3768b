"""This app's entries in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from kaiku.accounts.personal_data import another_person, register


def _programmes(user) -> list[dict]:
    from .models import OnboardingProgramme

    return [
        {"programme": p.title, "published": p.published, "created": p.created.isoformat()}
        for p in OnboardingProgramme.objects.filter(owner=user).order_by("pk")
    ]


def _remove_programme_owner(user) -> None:
    from .models import OnboardingProgramme

    OnboardingProgramme.objects.filter(owner=user).update(owner=None)


def _enrolments(user) -> list[dict]:
    from django.db.models import Q

    from .models import Enrolment, TaskCompletion

    rows = []
    enrolments = (
        Enrolment.objects.filter(Q(newcomer=user) | Q(supervisor=user) | Q(mentor=user))
        .select_related("programme")
        .order_by("pk")
    )
    for enrolment in enrolments:
        roles = [
            role
            for role, pk in (
                ("newcomer", enrolment.newcomer_id),
                ("supervisor", enrolment.supervisor_id),
                ("mentor", enrolment.mentor_id),
            )
            if pk == user.pk
        ]
        row = {
            "programme": enrolment.programme.title,
            "roles": roles,
            "start_date": enrolment.start_date.isoformat(),
        }
        if "newcomer" in roles:
            row["tasks_done"] = [
                {"task": c.task.title, "done_at": c.done_at.isoformat()}
                for c in TaskCompletion.objects.filter(enrolment=enrolment)
                .select_related("task")
                .order_by("pk")
            ]
        else:
            row["newcomer"] = another_person()
        rows.append(row)
    return rows


def _remove_enrolments(user) -> None:
    # The newcomer's own checklist goes with the account (completions and reminders with it);
    # as a supervisor or mentor the person is only taken off the enrolment.
    from kaiku.core.cache import content_changed

    from .models import Enrolment

    Enrolment.objects.filter(newcomer=user).delete()
    Enrolment.objects.filter(supervisor=user).update(supervisor=None)
    Enrolment.objects.filter(mentor=user).update(mentor=None)
    content_changed()  # the updates send no signal (the menu entry, apps._enrolment_changed)


def _completions(user) -> list[dict]:
    from .models import TaskCompletion

    return [
        {"task": c.task.title, "done_at": c.done_at.isoformat()}
        for c in TaskCompletion.objects.filter(done_by=user)
        .exclude(enrolment__newcomer=user)
        .select_related("task")
        .order_by("pk")
    ]


def _remove_completions(user) -> None:
    from .models import TaskCompletion

    TaskCompletion.objects.filter(done_by=user).update(done_by=None)


def register_personal_data() -> None:
    register(
        "onboarding.onboardingprogramme",
        export=_programmes,
        remove=_remove_programme_owner,
        note="Onboarding programmes the person owns stay for others; the owner link is emptied.",
    )
    register(
        "onboarding.enrolment",
        export=_enrolments,
        remove=_remove_enrolments,
        note="A newcomer's enrolments (their checklist and what they did) are removed with the "
        "account; a supervisor or mentor is taken off the enrolments they were named in.",
    )
    register(
        "onboarding.taskcompletion",
        export=_completions,
        remove=_remove_completions,
        note="Tasks the person marked done in others' checklists stay done; who marked them "
        "is emptied.",
    )
