"""Who may do what with events (django-rules).

Organisers — change coordinators, communications and administrators — create events and
coaching programmes. An event is managed (edited, published, cancelled, its registrations
seen, exported and marked attended) by its own organiser and by change coordinators and
administrators; communications staff manage the events they organise. People register for
an event they may see (``content.py``) while its registration is open.

The live Q&A and coaching programmes build on ``is_organiser`` and ``may_manage_event``.
"""

from __future__ import annotations

import rules

from kaiku.core.predicates import (
    is_administrator,
    is_authenticated,
    is_change_coordinator,
    is_communications,
)

#: May create events and coaching programmes.
is_organiser = is_change_coordinator | is_communications | is_administrator
#: Manages every event, not only their own.
manages_all = is_change_coordinator | is_administrator


@rules.predicate
def is_event_organiser(user, event) -> bool:
    return bool(
        event is not None
        and is_authenticated(user)
        and event.organiser_id is not None
        and event.organiser_id == user.pk
    )


may_manage_event = manages_all | (is_organiser & is_event_organiser)


rules.add_perm("events.add_event", is_organiser)
rules.add_perm("events.change_event", may_manage_event)
