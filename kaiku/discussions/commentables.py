"""What can be commented on, and who may see a target's comments.

Each commentable model is registered once, by its ``app_label.model_name`` label (this app
imports no other capability: news and questions are named, not imported):

```python
register_commentable("news.newsitem", live=published_q)
register_commentable("programme.workinggroup", title_field="name")
```

``live`` adds a condition the target must meet to take and show comments (news:
published). Who may see a target is the content layer's ``visible_q`` of the target's model,
so a comment is exactly as visible as what it hangs on:

* ``visible_targets(viewer, [(model, pk), ...])`` checks many targets, one query per model;
* ``comments_visible_to(viewer)`` is every comment the viewer may see, by its target (the
  exact filter; ``Comment.objects.visible_to`` reads the copied columns instead);
* ``target_audience(obj)`` is the audience a new comment copies (``visibility``, ``group``),
  read from the target's registered ``Audience`` chain.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from kaiku.core.content import Visibility, audience_of, visible_q
from kaiku.core.prepared import for_viewer

# Most restrictive wins: a public meeting of a members-only group is members-only.
_RANK = {Visibility.PUBLIC: 0, Visibility.STAFF: 1, Visibility.MEMBERS: 2}


@dataclass(frozen=True)
class Commentable:
    label: str
    #: The field that names the target (its title) in lists and the API.
    title_field: str = "title"
    #: An extra condition for a target to take comments (e.g. published news), called with
    #: ``now``: the moment to check against (``None``: the current time).
    live: Callable[..., Q] | None = None
    #: Relations the target's title and address read (``select_related``).
    related: tuple[str, ...] = ()

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


_commentables: dict[str, Commentable] = {}


def register_commentable(
    label: str,
    *,
    title_field: str = "title",
    live: Callable[..., Q] | None = None,
    related: Iterable[str] = (),
) -> None:
    label = label.lower()
    _commentables[label] = Commentable(label, title_field, live, tuple(related))


def commentables() -> dict[str, Commentable]:
    """The registered commentables whose app is installed."""
    found = {}
    for label, spec in _commentables.items():
        try:
            spec.model  # noqa: B018 - a missing app leaves its label out
        except LookupError:
            continue
        found[label] = spec
    return found


def label_of(model_or_obj) -> str:
    return model_or_obj._meta.concrete_model._meta.label_lower


def commentable_of(model_or_obj) -> Commentable | None:
    return commentables().get(label_of(model_or_obj))


def is_commentable(obj) -> bool:
    return isinstance(obj, models.Model) and commentable_of(obj) is not None


def target_q(spec: Commentable, viewer, *, now: datetime.datetime | None = None) -> Q:
    """Rows of ``spec.model`` that ``viewer`` may see and that take comments (``now``: the
    moment ``live`` checks against, the current time by default)."""
    q = visible_q(spec.model, viewer)
    if spec.live is not None:
        q &= spec.live(now=now)
    return q


def _target(viewer, *, label: str, pk: int, now: datetime.datetime):
    spec = commentables()[label]
    rows = spec.model._default_manager.filter(target_q(spec, viewer, now=now), pk=pk)
    return rows.select_related(*spec.related).order_by("pk")[:1]


def target_for(viewer, label: str, pk) -> models.Model | None:
    """The target ``label``/``pk`` when ``viewer`` may see it (``None`` otherwise: 404). A
    kept query (``kaiku.core.prepared``) per kind of target."""
    label = str(label).lower()
    spec = commentables().get(label)
    if spec is None:
        return None
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**63:
        return None
    found = for_viewer(viewer, _target, shape={"label": label}, pk=pk, now=timezone.now())
    return found[0] if found else None


def visible_targets(viewer, pairs: Iterable[tuple[type[models.Model], int]]) -> set[tuple]:
    """Of ``(model, pk)`` pairs, those ``viewer`` may see, one query per model."""
    wanted: dict[type[models.Model], set[int]] = {}
    for model, pk in pairs:
        wanted.setdefault(model._meta.concrete_model, set()).add(pk)
    seen: set[tuple] = set()
    for model, pks in wanted.items():
        spec = commentable_of(model)
        if spec is None:
            continue
        rows = model._default_manager.filter(target_q(spec, viewer), pk__in=pks)
        seen.update((model, pk) for pk in rows.values_list("pk", flat=True))
    return seen


def comments_visible_q(viewer, *, prefix: str = "", now: datetime.datetime | None = None) -> Q:
    """Comments whose target ``viewer`` may see at ``now`` (the exact rule, one subquery per
    model; the current time by default), and that are themselves visible to them (not hidden
    by a moderator, not removed)."""
    from .models import Comment

    q = Q(pk__in=[])
    for spec in commentables().values():
        content_type = ContentType.objects.get_for_model(spec.model, for_concrete_model=True)
        # A correlated EXISTS (a primary-key look-up per comment), not "object_id IN (every
        # target the viewer may see)", which builds the whole list for every query.
        target = spec.model._default_manager.filter(
            target_q(spec, viewer, now=now), pk=OuterRef(f"{prefix}object_id")
        )
        q |= Q(**{f"{prefix}content_type": content_type}) & Q(Exists(target))
    return q & visible_q(Comment, viewer, prefix=prefix)


def comments_visible_to(viewer):
    """Every comment ``viewer`` may see: for search and the API."""
    from .models import Comment

    return Comment.objects.filter(comments_visible_q(viewer))


def _follow(obj, path: str):
    for name in path.split("__"):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def target_audience(obj) -> tuple[str, int | None]:
    """What a comment on ``obj`` copies: the most restrictive visibility along ``obj``'s
    chain of audiences (``kaiku.core.content``) and the pk of the scope (a working group) of
    the first ``members`` level, so that ``visible_q(Comment, viewer)`` answers as the
    target's own audience would (publication and deletion are checked on the target)."""
    visibility, scope = Visibility.PUBLIC, None
    while obj is not None:
        audience = audience_of(type(obj))
        if audience.visibility_field:
            value = getattr(obj, audience.visibility_field) or Visibility.PUBLIC
            if _RANK.get(value, 2) > _RANK[visibility]:
                visibility = value
                scope = None
                if value == Visibility.MEMBERS and audience.scope:
                    scope = (
                        obj.pk
                        if audience.scope_path == "pk"
                        else _follow(obj, audience.scope_path.removesuffix("_id"))
                    )
                    scope = getattr(scope, "pk", scope)
        obj = _follow(obj, audience.within) if audience.within else None
    return visibility, scope


def title_of(obj) -> str:
    spec = commentable_of(obj)
    field = spec.title_field if spec else "title"
    return str(getattr(obj, field, "") or obj)


def register_defaults() -> None:
    """The commentables of the capabilities that exist today (and questions, when the app is
    installed: it cannot import this app, so it is named here)."""

    def published(*, now=None):
        from kaiku.core.content import published_q

        return published_q(now=now)

    register_commentable("news.newsitem", live=published)
    register_commentable("programme.workinggroup", title_field="name", related=("programme",))
    register_commentable("programme.meeting", related=("group__programme",))
    register_commentable("questions.question")
    register_commentable("discussions.discussion")


def targets_of(comments) -> dict[tuple[int, int], models.Model]:
    """The targets of ``comments`` by ``(content_type_id, object_id)``, one query per model
    (whoever may see them: the caller has filtered the comments by visibility)."""
    wanted: dict[int, set[int]] = {}
    for comment in comments:
        wanted.setdefault(comment.content_type_id, set()).add(comment.object_id)
    found: dict[tuple[int, int], models.Model] = {}
    for content_type_id, pks in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        spec = commentable_of(model) if model else None
        if spec is None:
            continue
        manager = model._default_manager
        for obj in manager.filter(pk__in=pks).select_related(*spec.related):
            found[(content_type_id, obj.pk)] = obj
    return found
