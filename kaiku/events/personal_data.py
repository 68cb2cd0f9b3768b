"""The events app's entries in the personal-data registry (kaiku.accounts.personal_data).

Every events model that refers to a person is here, the live Q&A's too."""

from __future__ import annotations

from kaiku.accounts.personal_data import register


def _events(user) -> list[dict]:
    from .models import Event

    return [
        {
            "event": e.pk,
            "title": e.title,
            "starts": e.starts_at.isoformat(),
            "role": "organiser",
        }
        for e in Event.all_objects.filter(organiser=user).order_by("pk")
    ]


def _programmes(user) -> list[dict]:
    from .models import CoachingProgramme

    return [
        {"programme": p.pk, "title": p.title, "role": "organiser"}
        for p in CoachingProgramme.all_objects.filter(organiser=user).order_by("pk")
    ]


def _registrations(user) -> list[dict]:
    from .models import Registration

    return [
        {
            "event": r.event_id,
            "event_title": r.event.title,
            "status": r.status,
            "registered": r.queued_at.isoformat(),
            "promoted": r.promoted_at.isoformat() if r.promoted_at else None,
            "cancelled": r.cancelled_at.isoformat() if r.cancelled_at else None,
            "attended": r.attended,
        }
        for r in Registration.objects.filter(person=user).select_related("event").order_by("pk")
    ]


def _remove_registrations(user) -> None:
    from .services import registrations_remove_person

    registrations_remove_person(person=user)


def _calendar(user) -> list[dict]:
    from .models import CalendarFeed

    # The secret address itself is left out: it is a password, not data about the person.
    return [
        {"calendar_feed_created": f.created.isoformat()}
        for f in CalendarFeed.objects.filter(person=user)
    ]


def _remove_calendar(user) -> None:
    from .models import CalendarFeed

    CalendarFeed.objects.filter(person=user).delete()


def _live_questions(user) -> list[dict]:
    from .models import LiveQuestion

    return [
        {
            "event": q.event_id,
            "question": q.text,
            "status": q.status,
            "asked": q.created.isoformat(),
            "hidden_reason": q.hidden_reason if q.hidden_at else None,
        }
        for q in LiveQuestion.objects.filter(author=user).order_by("pk")
    ]


def _live_votes(user) -> list[dict]:
    from .models import LiveVote

    return [
        {"question": v.question_id, "created": v.created.isoformat()}
        for v in LiveVote.objects.filter(person=user).order_by("pk")
    ]


def _remove_live_votes(user) -> None:
    from .live import live_votes_remove_person

    live_votes_remove_person(person=user)


def register_personal_data() -> None:
    register(
        "events.event",
        export=_events,
        remove=None,
        note="Events the person organised stay after removal (others registered for them); "
        "the organiser is shown as a removed user.",
    )
    register(
        "events.coachingprogramme",
        export=_programmes,
        remove=None,
        note="Coaching programmes the person organised stay; the organiser link is emptied.",
    )
    register(
        "events.registration",
        export=_registrations,
        remove=_remove_registrations,
        note="The person's registrations are removed with the account; a place they held in "
        "an upcoming event goes to the first person on the waitlist.",
    )
    register(
        "events.calendarfeed",
        export=_calendar,
        remove=_remove_calendar,
        note="The secret calendar address is removed with the account.",
    )
    register(
        "events.livequestion",
        export=_live_questions,
        remove=None,
        note="Questions asked during an event stay as the event's record; the asker is shown "
        "as a removed user.",
    )
    register(
        "events.livevote",
        export=_live_votes,
        remove=_remove_live_votes,
        note="Votes on live questions are removed with the account.",
    )
