"""This app's entries in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from django.db.models import Q

from kaiku.accounts.personal_data import another_person, register


def _deleted_by_export(model_name: str):
    def export(user) -> list[dict]:
        from django.apps import apps

        model = apps.get_model("teams", model_name)
        rows = model.all_objects.filter(deleted_by=user).order_by("pk")
        return [{"title": str(row), "deleted": row.deleted_at.isoformat()} for row in rows]

    return export


def _teams_remove(user) -> None:
    from .models import Team

    # Teams the person deleted stay restorable; only the link to the person goes. The
    # memberships (Team.members) are removed with teams.teammembership.
    Team.all_objects.filter(deleted_by=user).update(deleted_by=None)


def _memberships_export(user) -> list[dict]:
    from .models import TeamMembership

    rows = TeamMembership.objects.filter(person=user).select_related("team", "office")
    return [
        {
            "team": m.team.name,
            "role": m.role,
            "office": m.office.name if m.office else None,
            "joined": m.joined_on.isoformat() if m.joined_on else None,
        }
        for m in rows.order_by("pk")
    ]


def _memberships_remove(user) -> None:
    from .models import TeamMembership

    TeamMembership.objects.filter(person=user).delete()


_PERSON_FIELDS = {
    "teamagreement": ("author",),
    "teamsession": ("author", "facilitator"),
    "improvement": ("author", "owner"),
}


def _items_export(model_name: str):
    def export(user) -> list[dict]:
        from django.apps import apps

        model = apps.get_model("teams", model_name)
        fields = (*_PERSON_FIELDS[model_name], "deleted_by")
        condition = Q()
        for name in fields:
            condition |= Q(**{name: user})
        rows = model.all_objects.filter(condition).select_related("team").order_by("pk")
        return [
            {
                "team": row.team.name,
                "title": row.title,
                "text": row.body if row.author_id == user.pk else None,
                "your_part": [name for name in fields if getattr(row, f"{name}_id") == user.pk],
            }
            for row in rows
        ]

    return export


def _items_remove(model_name: str):
    def remove(user) -> None:
        from django.apps import apps

        model = apps.get_model("teams", model_name)
        # The team's items stay with the team; the links to the person go.
        for name in (*_PERSON_FIELDS[model_name], "deleted_by"):
            model.all_objects.filter(**{name: user}).update(**{name: None})

    return remove


def _coach_export(user) -> list[dict]:
    from .models import ChangeCoach

    return [
        {
            "region": coach.region.name if coach.region else None,
            "languages": coach.languages,
            "themes": coach.themes,
            "introduction": coach.introduction,
            "available": coach.available,
        }
        for coach in ChangeCoach.objects.filter(person=user).select_related("region")
    ]


def _coach_remove(user) -> None:
    from .models import ChangeCoach

    # Cascades to the requests made to the coach.
    ChangeCoach.objects.filter(person=user).delete()


def _requests_export(user) -> list[dict]:
    from .models import CoachingRequest

    rows = CoachingRequest.objects.filter(requested_by=user).select_related("team")
    return [
        {
            "team": r.team.name,
            "coach": another_person(),
            "message": r.message,
            "status": r.status,
            "requested": r.created.isoformat(),
        }
        for r in rows.order_by("pk")
    ]


def _requests_remove(user) -> None:
    from .models import CoachingRequest

    CoachingRequest.objects.filter(requested_by=user).update(requested_by=None)


def _mentorships_export(user) -> list[dict]:
    from .models import Mentorship

    rows = Mentorship.objects.filter(
        Q(mentor=user) | Q(mentee=user) | Q(assigned_by=user)
    ).select_related("team")
    return [
        {
            "team": m.team.name if m.team else None,
            "you_are": "mentor"
            if m.mentor_id == user.pk
            else "mentee"
            if m.mentee_id == user.pk
            else "assigned_by",
            "other_person": another_person(),
            "starts": m.starts_on.isoformat(),
            "ends": m.ends_on.isoformat() if m.ends_on else None,
        }
        for m in rows.order_by("pk")
    ]


def _mentorships_remove(user) -> None:
    from .models import Mentorship

    Mentorship.objects.filter(Q(mentor=user) | Q(mentee=user)).delete()
    Mentorship.objects.filter(assigned_by=user).update(assigned_by=None)


def register_personal_data() -> None:
    register(
        "teams.team",
        key="teams_deleted_teams",
        export=_deleted_by_export("team"),
        remove=_teams_remove,
        note="Teams the person deleted stay restorable; the link to the person goes. "
        "Team memberships are listed under teams_teammembership.",
    )
    register(
        "teams.teammembership",
        export=_memberships_export,
        remove=_memberships_remove,
        note="Memberships and roles in teams; removed with the account.",
    )
    for model_name in _PERSON_FIELDS:
        register(
            f"teams.{model_name}",
            export=_items_export(model_name),
            remove=_items_remove(model_name),
            note="What the person wrote, owns, facilitated or deleted in a team stays with the "
            "team; the links to the person are removed with the account.",
        )
    register(
        "teams.changecoach",
        export=_coach_export,
        remove=_coach_remove,
        note="The person's entry in the change coach directory, with the requests made to "
        "them, is removed with the account.",
    )
    register(
        "teams.coachingrequest",
        export=_requests_export,
        remove=_requests_remove,
        note="Coaching requests the person made stay with the team; the requester is removed.",
    )
    register(
        "teams.mentorship",
        export=_mentorships_export,
        remove=_mentorships_remove,
        note="Mentorships where the person is mentor or mentee are removed with the account; "
        "where they only assigned one, the link to them goes.",
    )
