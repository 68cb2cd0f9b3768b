"""Events in the content layer: who sees an event, a coaching programme and a live question.

An event (or a coaching programme) for everyone is ``public`` or ``staff`` (the organiser's
choice). One for organisation types, regions, organisations or one team is ``members`` of the
scope ``events.audience`` (``events.programme_audience`` for programmes), whose members are
the people of those organisations (the organisation itself or its parent), or of the team.
Organisers (change coordinators, communications, administrators) are members of every
audience, so they see every event they may manage. Live questions are as visible as their
event (and hidden ones only to their author and moderators: ``kaiku.core.moderation``).
Whether a draft is shown is the app's rule (``selectors.py``: organisers only).
"""

from __future__ import annotations

from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Audience, register_audience, register_scope
from kaiku.core.predicates import is_authenticated

from .models import AudienceKind, CoachingProgramme, Event, LiveQuestion

AUDIENCE_SCOPE = "events.audience"
PROGRAMME_AUDIENCE_SCOPE = "events.programme_audience"


def _audience_ids(model, viewer):
    """The rows of ``model`` (events or programmes) whose audience ``viewer`` belongs to, as
    a subquery of ids. Nothing is loaded."""
    from kaiku.organisations.models import Organisation

    from .rules import is_organiser

    if not is_authenticated(viewer):
        return model.objects.none().values("pk")
    if is_organiser(viewer):
        return model.all_objects.order_by().values("pk")
    mine = Organisation.objects.filter(members=viewer)
    # ``audience_types`` is a comma-separated list: match ",type," inside ",a,b,".
    type_match = Exists(
        Organisation.objects.filter(members=viewer)
        .annotate(
            listed=Concat(
                Value(","), OuterRef("audience_types"), Value(","), output_field=CharField()
            ),
            wanted=Concat(Value(","), "type", Value(","), output_field=CharField()),
        )
        .filter(listed__contains=F("wanted"))
    )
    q = (
        Q(audience=AudienceKind.ORGANISATION_TYPES, has_type=True)
        | Q(audience=AudienceKind.REGIONS, audience_regions__in=mine.values("region"))
        | Q(audience=AudienceKind.ORGANISATIONS, audience_organisations__in=mine.values("pk"))
        | Q(
            audience=AudienceKind.ORGANISATIONS,
            audience_organisations__in=mine.values("parent"),
        )
    )
    if model is Event:
        from kaiku.teams.models import TeamMembership

        q |= Q(
            audience=AudienceKind.TEAM,
            team__in=TeamMembership.objects.filter(person=viewer).values("team_id"),
        )
    return model.all_objects.annotate(has_type=type_match).filter(q).order_by().values("pk")


def event_audience_ids(viewer):
    return _audience_ids(Event, viewer)


def programme_audience_ids(viewer):
    return _audience_ids(CoachingProgramme, viewer)


def register_content() -> None:
    register_scope(AUDIENCE_SCOPE, event_audience_ids)
    register_scope(PROGRAMME_AUDIENCE_SCOPE, programme_audience_ids)
    register_audience(
        Event,
        Audience(
            scope=AUDIENCE_SCOPE,
            scope_path="pk",
            hidden_label=_("an event you can no longer see"),
        ),
    )
    register_audience(
        CoachingProgramme,
        Audience(
            scope=PROGRAMME_AUDIENCE_SCOPE,
            scope_path="pk",
            hidden_label=_("a coaching programme you can no longer see"),
        ),
    )
    register_audience(
        LiveQuestion,
        Audience(
            within="event",
            visibility_field=None,
            hidden_label=_("a question you can no longer see"),
        ),
    )
