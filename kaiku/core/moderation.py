"""Moderation's part of the shared layer: what every moderated piece of content has.

Content that people write for each other (questions, discussions, comments, later event
questions) inherits ``ModeratedModel``: a moderator can *hide* it with a reason the author sees
(``hidden_at``, ``hidden_by``, ``hidden_reason``), and content reported by enough different
people is hidden automatically until a moderator decides (``hidden_by`` empty). Nothing is
lost when content is hidden: the row and its text stay, and restoring it clears the fields.

The content layer (``kaiku.core.content.visible_q``) leaves hidden rows out for everyone
except their author (``moderation_author_field``), moderators and administrators, so lists,
search, feeds and the API need no rule of their own. A thread that must show "hidden by a
moderator: reason" in place of a comment reads the rows without that filter.

The moderation app (``kaiku.moderation``) owns reports, the queue and the actions; it imports
no capability: capabilities register their moderated models here with ``register_moderated``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .links import reverse_cached
from .predicates import is_authenticated


class ModeratedModel(models.Model):
    """``hidden_at``/``hidden_by``/``hidden_reason``; the author is ``moderation_author_field``."""

    moderation_author_field = "author"

    # Not indexed: nearly every row is NULL, and without statistics SQLite took "hidden_at
    # IS NULL" for a selective condition and scanned whole tables through the index.
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


def is_moderated(model) -> bool:
    return any(f.name == "hidden_at" for f in model._meta.concrete_fields)


@dataclass(frozen=True)
class Moderated:
    """How the moderation queue shows a moderated model's rows."""

    model: type[models.Model]
    #: A short plain-text excerpt of the row (its title or the start of its text).
    excerpt: Callable[[models.Model], str]
    #: Related objects ``excerpt`` and ``get_absolute_url`` need, for one query per page.
    select_related: tuple[str, ...] = ()


_moderated: dict[type[models.Model], Moderated] = {}


def register_moderated(
    model: type[models.Model],
    *,
    excerpt: Callable[[models.Model], str],
    select_related: tuple[str, ...] = (),
) -> None:
    """Make ``model`` (a ``ModeratedModel`` with ``get_absolute_url``) reportable."""
    if not is_moderated(model):
        raise TypeError(f"{model.__name__} is not a ModeratedModel")
    _moderated[model] = Moderated(model, excerpt, tuple(select_related))


def moderated_models() -> dict[type[models.Model], Moderated]:
    return dict(_moderated)


def moderation_of(model: type[models.Model]) -> Moderated | None:
    return _moderated.get(model._meta.concrete_model)


def model_key(model: type[models.Model]) -> str:
    """``app_label.model_name``: how URLs and filters name a moderated model."""
    return model._meta.concrete_model._meta.label_lower


def moderated_by_key(key: str) -> Moderated | None:
    """The registered moderated model named ``key`` (``model_key``), or None."""
    for model, moderated in _moderated.items():
        if model_key(model) == key:
            return moderated
    return None


def author_id_of(obj: models.Model) -> int | None:
    """The primary key of ``obj``'s author (``moderation_author_field``), without a query."""
    name = getattr(type(obj), "moderation_author_field", None)
    if not name:
        return None
    field = obj._meta.get_field(name)
    return getattr(obj, field.attname, None)


#: Where ``may_moderate`` keeps its answer on a user object (one request's person).
MAY_MODERATE_ATTR = "_kaiku_may_moderate"


def may_moderate(user) -> bool:
    """``user.has_perm("moderation.moderate")``, asked once per user object: a thread of a
    hundred comments asks it for each. ``kaiku.accounts`` forgets it when roles change."""
    answer = getattr(user, MAY_MODERATE_ATTR, None)
    if answer is None:
        answer = bool(user.has_perm("moderation.moderate"))
        setattr(user, MAY_MODERATE_ATTR, answer)
    return answer


def report_link(user, obj, label: str = "") -> str:
    """The "Report" link next to a moderated post (``{% report_link %}`` of the moderation
    app, and threads written in Python): nothing for anonymous visitors, for the post's author
    and for content that is not moderated; moderators and administrators get a "Moderate" link
    to the post's case page instead. No query: the form behind the link checks the rest.
    ``label`` names the post for screen readers ("Report: <label>"); the excerpt by default."""
    if obj is None:
        return ""
    return report_links(user, type(obj))(obj, label)


def _no_link(obj, label: str = "") -> SafeString:
    return SafeString()


#: A primary key no row has, put in an address to find where the real one goes.
_PK_MARK = 987_654_321_987


def report_links(user, model: type[models.Model]) -> Callable[..., SafeString]:
    """``report_link(user, obj, label)`` for many posts of one ``model`` (a thread's
    comments): what is the same for every post (the viewer's role, the address around the
    post's id, the link's text) is worked out once."""
    moderated = moderation_of(model)
    if moderated is None or not is_authenticated(user):
        return _no_link
    key = model_key(model)
    if may_moderate(user):
        view, text, rel, skip_own = "moderation:case", gettext("Moderate"), "", False
    else:
        view, text, rel, skip_own = "moderation:report", gettext("Report"), ' rel="nofollow"', True
    before, _mark, after = reverse_cached(view, model=key, pk=_PK_MARK).partition(str(_PK_MARK))
    start = f'<a class="report-link" href="{escape(before)}'
    middle = f'{escape(after)}"{rel}>{escape(text)}<span class="visually-hidden">: '
    excerpt = moderated.excerpt
    me = user.pk

    def link(obj, label: str = "") -> str:
        if obj.pk is None or (skip_own and author_id_of(obj) == me):
            return ""
        label = conditional_escape(label or excerpt(obj)[:80])
        return mark_safe(f"{start}{obj.pk}{middle}{label}</span></a>\n")  # noqa: S308

    return link
