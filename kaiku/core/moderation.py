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
from django.utils.html import format_html
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
    moderated = moderation_of(type(obj)) if obj is not None else None
    if moderated is None or obj.pk is None or not is_authenticated(user):
        return ""
    label = label or moderated.excerpt(obj)[:80]
    key = model_key(type(obj))
    if may_moderate(user):
        return format_html(
            '<a class="report-link" href="{}">{}<span class="visually-hidden">: {}</span></a>\n',
            reverse_cached("moderation:case", model=key, pk=obj.pk),
            gettext("Moderate"),
            label,
        )
    if author_id_of(obj) != user.pk:
        return format_html(
            '<a class="report-link" href="{}" rel="nofollow">{}'
            '<span class="visually-hidden">: {}</span></a>\n',
            reverse_cached("moderation:report", model=key, pk=obj.pk),
            gettext("Report"),
            label,
        )
    return ""
