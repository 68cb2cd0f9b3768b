from __future__ import annotations

from django import template

from kaiku.programme.models import Programme, WorkingGroup

from ..models import Follow

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, target) -> dict:
    """What the follow button needs: the form field for ``target`` and whether the viewer
    follows it (one EXISTS query, for logged-in viewers only)."""
    if isinstance(target, Programme):
        field, value, lookup = "programme", target.pk, {"programme": target}
    elif isinstance(target, WorkingGroup):
        field, value, lookup = "group", target.pk, {"group": target}
    else:
        field, value, lookup = "keyword", str(target), {"keyword": str(target).lower()}
    request = context.get("request")
    user = getattr(request, "user", None)
    following = context.get("following")
    if following is None and user is not None and user.is_authenticated:
        following = Follow.objects.filter(user=user, **lookup).exists()
    return {"field": field, "value": value, "following": bool(following)}
