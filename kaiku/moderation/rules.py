"""Who may do what in moderation (django-rules).

Reporting is for every signed-in person, on content they may see and did not write (the view
and ``services.report`` check the object). The queue, hiding, restoring, dismissing reports
and suspending accounts belong to moderators and administrators.
"""

from __future__ import annotations

import rules

from kaiku.core.predicates import is_administrator, is_authenticated, is_moderator

can_moderate = is_moderator | is_administrator

rules.add_perm("moderation.moderate", can_moderate)
rules.add_perm("moderation.add_report", is_authenticated)
