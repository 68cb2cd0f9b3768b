"""This app's entries in the personal-data registry (kaiku.accounts.personal_data).

Responses and answers are not here: they hold nothing that leads to a person."""

from __future__ import annotations

from kaiku.accounts.personal_data import not_personal, register


def _participations(user) -> list[dict]:
    from .models import Participation

    return [
        {"survey": p.survey_id, "survey_title": p.survey.title}
        for p in Participation.objects.filter(user=user).select_related("survey").order_by("pk")
    ]


def _drafts(user) -> list[dict]:
    from .models import Draft

    return [
        {"survey": d.survey_id, "answers_so_far": d.data, "saved": d.updated.isoformat()}
        for d in Draft.objects.filter(user=user).order_by("pk")
    ]


def _remove_drafts(user) -> None:
    from .models import Draft

    Draft.objects.filter(user=user).delete()


def _invitations(user) -> list[dict]:
    from .models import SurveyInvitee

    return [
        {"survey": i.survey_id, "survey_title": i.survey.title}
        for i in SurveyInvitee.objects.filter(person=user).select_related("survey").order_by("pk")
    ]


def _remove_invitations(user) -> None:
    from .models import SurveyInvitee

    SurveyInvitee.objects.filter(person=user).delete()


def _remove_participations(user) -> None:
    from .models import Participation

    Participation.objects.filter(user=user).delete()


def register_personal_data() -> None:
    not_personal(
        "surveys.question",
        *(
            f"{name}{suffix}"
            for name in ("scale_low_label", "scale_high_label")
            for suffix in ("", "_fi", "_sv", "_en")
        ),
        reason="The words at the ends of a question's answer scale (“Strongly agree”).",
    )
    register(
        "surveys.participation",
        export=_participations,
        remove=_remove_participations,
        note="That the person answered a survey (never what they answered: the answers carry "
        "no link to anyone) is removed with the account.",
    )
    register(
        "surveys.surveyinvitee",
        export=_invitations,
        remove=_remove_invitations,
        note="That the person was invited to a survey for chosen people (an event's feedback "
        "survey) is removed with the account; it is not linked to any answers.",
    )
    register(
        "surveys.draft",
        export=_drafts,
        remove=_remove_drafts,
        note="Unfinished survey answers are the person's own and are removed with the account.",
    )
