"""Who may do what with surveys (django-rules).

Change coordinators and administrators build surveys: create, edit, preview, publish,
duplicate as the next round. A survey is answered by its audience (``content.py``) while it is
open, once per person (``services.response_submit``).
"""

from __future__ import annotations

import rules

from kaiku.core.content import may_see
from kaiku.core.predicates import is_administrator, is_authenticated, is_change_coordinator

can_manage = is_change_coordinator | is_administrator


@rules.predicate
def is_in_audience(user, survey) -> bool:
    return bool(
        survey is not None and is_authenticated(user) and survey.is_open and may_see(user, survey)
    )


rules.add_perm("surveys.manage_survey", can_manage)
rules.add_perm("surveys.answer_survey", is_in_audience)
