"""Representations of discussions and comments. ``body`` is the Markdown source,
``body_html`` the sanitised HTML the site shows."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.api.fast import FastRepresentationMixin, url_reader
from kaiku.core.api.fields import WebUrlField
from kaiku.core.urls_absolute import absolute_url, site_url

from ..commentables import label_of, title_of
from ..models import BODY_MAX_LENGTH, Comment, Discussion


class AuthorField(serializers.ReadOnlyField):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The author's name; null for a removed account.")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value.display_name if value is not None else None


class DiscussionSerializer(serializers.ModelSerializer):
    """A discussion thread in a programme or one of its working groups."""

    author = AuthorField()
    programme = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The programme's slug."
    )
    group = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The working group's id; null for a programme's discussion."
    )
    comment_count = serializers.IntegerField(
        read_only=True, default=None, help_text="Visible comments (in lists)."
    )
    web_url = WebUrlField()

    class Meta:
        model = Discussion
        fields = [
            "id", "title", "body", "body_html", "author", "programme", "group", "visibility",
            "pinned", "locked", "created", "last_activity_at", "comment_count", "web_url",
        ]  # fmt: skip
        read_only_fields = fields


class DiscussionCreateSerializer(serializers.Serializer):
    programme = serializers.SlugField(help_text="The programme's slug.")
    group = serializers.IntegerField(
        required=False, allow_null=True, help_text="A working group's id (optional)."
    )
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=BODY_MAX_LENGTH)
    visibility = serializers.ChoiceField(
        choices=["public", "staff", "members"],
        default="public",
        help_text="`members` only in a working group; never more visible than the group.",
    )


class TargetSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="`app_label.model`, e.g. `news.newsitem`.")
    id = serializers.IntegerField()
    title = serializers.CharField()
    web_url = serializers.URLField()


class CommentSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """A comment with the object it hangs on."""

    author = AuthorField()
    on = serializers.SerializerMethodField(help_text="The object the comment hangs on.")
    hidden = serializers.SerializerMethodField(
        help_text="True when a moderator hid it (you see it as its author or a moderator)."
    )
    web_url = serializers.SerializerMethodField(help_text="The comment's place on the site.")

    class Meta:
        model = Comment
        fields = [
            "id", "on", "parent", "author", "body", "body_html", "created", "edited_at",
            "hidden", "hidden_reason", "web_url",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(TargetSerializer)
    def get_on(self, comment) -> dict | None:
        target = getattr(comment, "_target", None)
        if target is None:
            return None
        # The comments of a list mostly hang on one object (the API's thread of an item):
        # its description is made once per serializer (a list's child is one instance).
        described = self.__dict__.setdefault("_targets", {})
        known = described.get(id(target))
        if known is None or known[0] is not target:
            known = described[id(target)] = (
                target,
                {
                    "type": label_of(target),
                    "id": target.pk,
                    "title": title_of(target),
                    "web_url": absolute_url(target.get_absolute_url()),
                },
            )
        return dict(known[1])

    def get_hidden(self, comment) -> bool:
        return comment.is_hidden

    def get_web_url(self, comment) -> str:
        read = self.__dict__.get("_web_url")
        if read is None:
            # Comment.get_absolute_url's address cut once (kaiku.core.api.fast), not
            # reverse_cached's template looked up for each comment.
            read = self._web_url = (
                url_reader("discussions:comment_link", {"pk": "pk"}, _comment_url, site_url())
                or _comment_url
            )
        return read(comment)


def _comment_url(comment) -> str:
    return absolute_url(comment.get_absolute_url())


class CommentCreateSerializer(serializers.Serializer):
    content_type = serializers.CharField(
        max_length=100, help_text="What is commented on: `news.newsitem`, `programme.meeting`…"
    )
    object_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    parent = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**63 - 1,
        help_text="The comment replied to (optional).",
    )  # fmt: skip
    body = serializers.CharField(max_length=BODY_MAX_LENGTH)


class CommentUpdateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=BODY_MAX_LENGTH)
