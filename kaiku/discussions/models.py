"""Discussions and comments (issue 8, part 4).

A ``Discussion`` is a thread in a programme or in one of its working groups. A ``Comment``
hangs on any *commentable* object (``commentables.py``: news items, working groups, meetings,
questions, discussions) by content type. A comment copies its target's effective audience
(``visibility`` and the working ``group`` that is its scope) when it is written, and the
services keep the copy in step, so that ``kaiku.core.content.visible_q(Comment, viewer)``
works with a plain ``Audience`` (the search app uses it); pages also check the target itself.

Nothing people write is thrown away: an author's removal is a soft delete (``deleted_at``,
shown as "removed by the author"), a moderator's hiding keeps the text (``ModeratedModel``),
and every edit keeps the earlier text as a ``CommentRevision``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import VisibleQuerySet, visibility_field
from kaiku.core.lifecycle import ContentManager, SoftDeleteModel
from kaiku.core.links import reverse_cached
from kaiku.core.models import BaseModel
from kaiku.core.moderation import ModeratedModel
from kaiku.core.translations import StoredMarkdown, markdown_html_field, markdown_version_field
from kaiku.core.validators import validate_plain_title

BODY_MAX_LENGTH = 10_000


class Discussion(StoredMarkdown, ModeratedModel, BaseModel):
    """A thread in a programme (``group`` empty) or in a working group of it."""

    programme = models.ForeignKey(
        "programme.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="discussions",
    )
    group = models.ForeignKey(
        "programme.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discussions",
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_title])
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH, help_text=_("Markdown."))
    body_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("body",)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussions",
    )
    # Never more visible than the group (services clamp it, and follow the group's changes).
    visibility = visibility_field()
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A locked discussion takes no new comments.")
    )
    # The newest comment's time (or the creation time): lists show the liveliest first.
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-pinned", "-last_activity_at", "-pk"]
        indexes = [
            models.Index(
                fields=["programme", "-pinned", "-last_activity_at"], name="discussion_list_idx"
            ),
            models.Index(
                fields=["group", "-pinned", "-last_activity_at"], name="discussion_grp_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("discussions:detail", pk=self.pk)


class Comment(StoredMarkdown, ModeratedModel, SoftDeleteModel, BaseModel):
    """A comment on any commentable object; ``parent`` makes it a reply (one level)."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    body_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("body",)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentioned people"),
        blank=True,
        related_name="comment_mentions",
    )
    # The target's effective audience, copied (commentables.audience_of_target).
    visibility = visibility_field(editable=False)
    group = models.ForeignKey(
        "programme.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="+",
    )

    # Removed by their author: out of every list, search and the API (kaiku.core.lifecycle);
    # a thread reads ``all_objects`` to show "removed by the author" in their place.
    objects = ContentManager()
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "parent", "created"],
                name="comment_thread_idx",
            ),
        ]

    def __str__(self) -> str:
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "")

    @property
    def is_removed(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None

    def get_absolute_url(self) -> str:
        return reverse_cached("discussions:comment_link", pk=self.pk)


class CommentRevision(models.Model):
    """The text of a comment before one edit."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("earlier text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When the text was replaced (the earlier text dates from the previous revision's time).
    created = models.DateTimeField(_("edited"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier version of a comment")
        verbose_name_plural = _("earlier versions of comments")
        ordering = ["comment", "-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.comment_id} @ {self.created:%Y-%m-%d %H:%M}"


class ReactionKind(models.TextChoices):
    THANKS = "thanks", _("Thanks")
    HEART = "heart", _("Love it")
    IDEA = "idea", _("Good idea")


REACTION_EMOJI = {ReactionKind.THANKS: "👍", ReactionKind.HEART: "❤️", ReactionKind.IDEA: "💡"}


class Reaction(BaseModel):
    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reactions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="comment_reactions",
    )
    kind = models.CharField(_("reaction"), max_length=10, choices=ReactionKind.choices)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user", "kind"], name="reaction_once_per_person_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.comment_id}"
