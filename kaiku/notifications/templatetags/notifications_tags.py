from __future__ import annotations

from django import template

from .. import selectors
from ..registry import model_key

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, target) -> dict:
    """What the follow button needs: the kind and id of ``target`` and whether the viewer
    follows it (one EXISTS query, for signed-in viewers only)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    following = context.get("following")
    if following is None:
        following = selectors.is_following(user=user, target=target)
    return {"kind": model_key(type(target)), "value": target.pk, "following": bool(following)}
