"""The content layer: who may see a piece of content, in one place for every capability.

Every piece of content that is not simply public carries a ``visibility``:

- ``public``: everyone, also anonymous visitors;
- ``staff``: every signed-in person;
- ``members``: the members of the content's *scope* only (a working group today; a team, a
  survey's audience or a change-security case later).

A capability declares, once per model, how its rows reach their scope and which parent's own
visibility also applies (``register_audience``), and registers each scope it introduces with a
function that answers "which scopes is this person a member of" as a subquery
(``register_scope``). Everything else reads through this module:

- ``Model.objects.visible_to(viewer)`` (``VisibleQuerySet``) lists what a viewer may see;
- ``visible_q(Model, viewer)`` is the same filter for joins and annotations;
- ``may_see(viewer, obj)`` checks one loaded object (no query when the chain is public);
- ``visible_pks(viewer, objects)`` checks many objects of many models in one query per model.

Administrators see everything, except soft-deleted content (``deleted_at``, see
``kaiku.core.lifecycle``) and what lies within it: that is no one's to see until an
administrator restores it in the admin. This module imports no capability: capabilities
import it.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .predicates import is_administrator, is_authenticated, is_moderator


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    STAFF = "staff", _("Signed-in users")
    MEMBERS = "members", _("Members only")


# Content that may never be members-only (e.g. news) offers these choices.
OPEN_VISIBILITIES = [
    (Visibility.PUBLIC.value, Visibility.PUBLIC.label),
    (Visibility.STAFF.value, Visibility.STAFF.label),
]


def visibility_field(*, choices=None, **kwargs) -> models.CharField:
    """The ``visibility`` column every piece of content uses."""
    return models.CharField(
        _("visibility"),
        max_length=10,
        choices=choices or Visibility.choices,
        default=Visibility.PUBLIC,
        **kwargs,
    )


# --- Scopes ----------------------------------------------------------------------------------

ScopeMembers = Callable[[object], models.QuerySet]
_scopes: dict[str, ScopeMembers] = {}


def register_scope(name: str, members: ScopeMembers) -> None:
    """``members(viewer)`` returns a subquery of the pks of the scopes ``viewer`` (a signed-in
    person) currently belongs to, e.g. ``Membership.objects.filter(...).values("group_id")``."""
    _scopes[name] = members


def _scope_members(name: str, viewer) -> models.QuerySet:
    """``members(viewer)`` of the scope, built once per viewer object (one request's
    ``request.user``): a search checks a dozen types, each through the same scopes, and
    building a scope's subquery cost more than running it. The subquery itself is not
    evaluated here, so it reads the database afresh wherever it is used; what a scope decides
    in Python (an organiser's role) is taken when it is built, so code that changes a person's
    roles and then checks visibility again passes a fresh user object."""
    built = viewer.__dict__.setdefault("_kaiku_scope_members", {})
    if name not in built:
        built[name] = _scopes[name](viewer)
    return built[name]


# --- Audiences -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Audience:
    """How rows of one model find their audience.

    ``scope`` names a registered scope and ``scope_path`` the lookup from the row to the
    scope's pk (``"pk"`` when the row is the scope itself, ``"group"`` for a group's item).
    ``within`` is the lookup to a parent whose own visibility also applies (an item of a
    members-only group is hidden with its group). ``visibility_field`` is ``None`` for content
    that has no visibility of its own and is exactly as visible as its parent.
    ``hidden_label`` names such an object where the viewer may no longer see it ("a working
    group you can no longer see").
    """

    scope: str | None = None
    scope_path: str = "pk"
    within: str | None = None
    visibility_field: str | None = "visibility"
    hidden_label: str | Promise | None = None


_audiences: dict[type[models.Model], Audience] = {}


def register_audience(model: type[models.Model], audience: Audience) -> None:
    _audiences[model] = audience


PUBLIC = Audience(visibility_field=None)


def audience_of(model: type[models.Model]) -> Audience:
    """The registered audience of ``model``; content with none is a programming error (register
    ``PUBLIC`` for content that everyone may always see)."""
    model = model._meta.concrete_model
    try:
        return _audiences[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no registered audience.") from None


@functools.cache
def _has_field(model: type[models.Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def _related_model(model: type[models.Model], path: str) -> type[models.Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def visible_q(model: type[models.Model], viewer, *, prefix: str = "") -> Q:
    """A filter for rows of ``model`` (reached through ``prefix``) that ``viewer`` may see."""
    audience = audience_of(model)  # also for administrators: an unregistered model is a bug
    if is_administrator(viewer):
        return _live_q(model, prefix)
    # The parent's own filter (below) holds its liveness: only this row's is added here,
    # each condition once (every one costs the ORM a lookup to build).
    live = Q(**{f"{prefix}deleted_at__isnull": True}) if _has_field(model, "deleted_at") else Q()
    q = Q()
    if audience.visibility_field:
        field = f"{prefix}{audience.visibility_field}"
        q = Q(**{field: Visibility.PUBLIC})
        if is_authenticated(viewer):
            q |= Q(**{field: Visibility.STAFF})
            if audience.scope:
                members = _scope_members(audience.scope, viewer)
                lookup = f"{prefix}{audience.scope_path}__in"
                q |= Q(**{field: Visibility.MEMBERS, lookup: members})
    if audience.within:
        parent = _related_model(model, audience.within)
        q &= visible_q(parent, viewer, prefix=f"{prefix}{audience.within}__")
    return q & live & _unhidden_q(model, viewer, prefix)


def _unhidden_q(model: type[models.Model], viewer, prefix: str) -> Q:
    """Content hidden by moderation (``kaiku.core.moderation``) is seen by its author and
    moderators only (administrators see everything that is not deleted)."""
    if not _has_field(model, "hidden_at"):
        return Q()
    if is_moderator(viewer):
        return Q()
    q = Q(**{f"{prefix}hidden_at__isnull": True})
    author = getattr(model, "moderation_author_field", None)
    if author and is_authenticated(viewer):
        q |= Q(**{f"{prefix}{author}": viewer.pk})
    return q


def _live_q(model: type[models.Model], prefix: str) -> Q:
    """Soft-deleted rows (``kaiku.core.lifecycle``) and the rows within a deleted parent
    are no one's to see, administrators' neither (they restore them in the admin)."""
    q = Q()
    if _has_field(model, "deleted_at"):
        q = Q(**{f"{prefix}deleted_at__isnull": True})
    within = audience_of(model).within
    if within:
        parent = _related_model(model, within)
        q &= _live_q(parent, f"{prefix}{within}__")
    return q


class VisibleQuerySet(models.QuerySet):
    """The queryset of every piece of content: ``Model.objects.visible_to(viewer)``."""

    def visible_to(self, viewer):
        return self.filter(visible_q(self.model, viewer))

    def published(self, *, now: datetime.datetime | None = None):
        return self.filter(published_q(now=now))


def published_q(*, now: datetime.datetime | None = None, prefix: str = "") -> Q:
    """Content whose ``published_at`` has passed (empty is a draft, later is scheduled)."""
    return Q(
        **{
            f"{prefix}published_at__isnull": False,
            f"{prefix}published_at__lte": now or timezone.now(),
        }
    )


def _open_to(viewer, obj: models.Model) -> bool | None:
    """Decide from the loaded chain without a query; ``None`` when a query must decide."""
    audience = audience_of(type(obj))
    if getattr(obj, "deleted_at", None) is not None:
        return False
    if getattr(obj, "hidden_at", None) is not None:
        return None  # hidden by moderation: its author and moderators only (a query decides)
    if audience.visibility_field:
        value = getattr(obj, audience.visibility_field)
        if value != Visibility.PUBLIC and not is_authenticated(viewer):
            return False
        if value == Visibility.MEMBERS:
            return None
    if audience.within:
        parent = obj
        for name in audience.within.split("__"):
            parent = getattr(parent, name)
        if parent is not None:
            return _open_to(viewer, parent)
    return True


def may_see(viewer, obj: models.Model) -> bool:
    """Whether ``viewer`` may see the one object ``obj``: no query when the loaded chain
    decides (public, or signed-in content for a signed-in person), one query otherwise."""
    decided = _open_to(viewer, obj)
    if decided is True:
        return True
    if decided is False and _deleted_in_chain(obj):
        return False
    if is_administrator(viewer):
        return True
    if decided is False:
        return False
    model = type(obj)._meta.concrete_model
    return model._default_manager.filter(visible_q(model, viewer), pk=obj.pk).exists()


def _deleted_in_chain(obj: models.Model) -> bool:
    while obj is not None:
        if getattr(obj, "deleted_at", None) is not None:
            return True
        within = audience_of(type(obj)).within
        if not within:
            return False
        for name in within.split("__"):
            obj = getattr(obj, name)
    return False


def visible_pks(viewer, objects: Iterable[tuple[type[models.Model], int]]) -> set[tuple]:
    """Of ``(model, pk)`` pairs, those ``viewer`` may see, one query per model."""
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    for model, pk in objects:
        wanted[model._meta.concrete_model].add(pk)
    seen: set[tuple] = set()
    for model, pks in wanted.items():
        rows = model._default_manager.filter(visible_q(model, viewer), pk__in=pks)
        seen.update((model, pk) for pk in rows.values_list("pk", flat=True))
    return seen


def hidden_label(model: type[models.Model]) -> str | Promise:
    """What to call an object of ``model`` that the viewer may no longer see."""
    model = model._meta.concrete_model
    label = _audiences[model].hidden_label if model in _audiences else None
    return label or _("something you can no longer see")
