"""Who may do what with discussions and comments (django-rules).

Reading follows the content layer: a discussion as its own visibility and group, a comment as
the object it hangs on (selectors.py). Writing needs a signed-in person who may see the
scope or the target (checked by the views with the selectors). On top of that:

* a comment or a discussion is edited by its author only, a comment removed by its author
  only (moderators hide instead, kaiku.moderation);
* moderators and administrators lock and pin discussions, and comment on locked ones.
"""

from __future__ import annotations

import rules

from kaiku.core.predicates import is_administrator, is_authenticated, is_moderator

can_moderate = is_moderator | is_administrator


@rules.predicate
def is_author(user, obj) -> bool:
    return bool(obj is not None and user is not None and obj.author_id == user.pk)


@rules.predicate
def is_live(user, obj) -> bool:
    return obj is not None and getattr(obj, "deleted_at", None) is None


rules.add_perm("discussions.add_discussion", is_authenticated)
rules.add_perm("discussions.change_discussion", is_authenticated & is_author)
rules.add_perm("discussions.moderate_discussion", can_moderate)
rules.add_perm("discussions.add_comment", is_authenticated)
rules.add_perm("discussions.change_comment", is_authenticated & is_author & is_live)
rules.add_perm("discussions.delete_comment", is_authenticated & is_author & is_live)
rules.add_perm("discussions.react_comment", is_authenticated)
