"""Representations of questions. ``body`` is Markdown source; ``body_html`` is the sanitised
HTML the site shows; ``web_url`` is the question's page."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.api.fast import FastRepresentationMixin
from kaiku.core.api.fields import WebUrlField
from kaiku.core.content import OPEN_VISIBILITIES, Visibility
from kaiku.core.validators import validate_plain_title
from kaiku.programme.models import Programme, WorkingGroup
from kaiku.programme.selectors import group_visible_q

from ..forms import default_programme, visible_programmes
from ..models import QUESTION_MAX_LENGTH, Answer, Question, Topic

SIMILAR_MAX_LENGTH = 500
SIMILAR_MAX_COUNT = 20
OPEN_VISIBILITY_VALUES = [value for value, _label in OPEN_VISIBILITIES]


# Not an enum: drf-spectacular would name it like the programme's ``visibility`` enum (which
# has a third value, ``members``) and warn about the collision.
@extend_schema_field(
    {
        "type": "string",
        "pattern": "^(" + "|".join(OPEN_VISIBILITY_VALUES) + ")$",
        "description": "`public` (everyone) or `staff` (signed-in users).",
    }
)
class OpenVisibilityField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=OPEN_VISIBILITIES, **kwargs)


class QuestionGroupSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """The working group that answers: `/api/v1/working-groups/{id}/`."""

    class Meta:
        model = WorkingGroup
        fields = ["id", "slug", "name"]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The working group's id."},
            "slug": {"help_text": "The working group's slug (unique within its programme)."},
            "name": {"help_text": "The working group's name in the request's language."},
        }


class TopicSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """A topic of the FAQ."""

    class Meta:
        model = Topic
        fields = ["slug", "name"]
        read_only_fields = fields
        extra_kwargs = {
            "slug": {"help_text": "The topic's slug, for the `topic` filter."},
            "name": {"help_text": "The topic's name."},
        }


class AnswerOrganisationSerializer(FastRepresentationMixin, serializers.Serializer):
    """The organisation the answer speaks for: `/api/v1/organisations/{id}/`."""

    id = serializers.IntegerField(read_only=True, help_text="The organisation's id.")
    name = serializers.CharField(read_only=True, help_text="The organisation's name.")


class AnswerSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """The official answer: who gave it, for which organisation and when."""

    answered_by = serializers.CharField(
        source="author.display_name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The name of the person who gave the answer; null when imported or removed.",
    )
    organisation = AnswerOrganisationSerializer(
        read_only=True, allow_null=True, help_text="Who the answer speaks for; may be null."
    )
    group = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The slug of the working group that answered; null when none.",
    )
    answered_at = serializers.DateTimeField(
        source="question.answered_at",
        read_only=True,
        help_text="When this version of the answer was given.",
    )
    # Annotated on the question by the viewset's queryset (one subquery, not a query per row).
    earlier_versions = serializers.IntegerField(
        source="question.answer_earlier_versions",
        read_only=True,
        help_text="How many earlier versions of the answer are kept (0: never updated).",
    )

    class Meta:
        model = Answer
        fields = [
            "body", "body_html", "answered_by", "organisation", "group", "answered_at",
            "earlier_versions",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            "body": {"help_text": "The answer as Markdown source."},
            "body_html": {"help_text": "The answer as sanitised HTML, as the site shows it."},
        }


class QuestionSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """A question, its status, its "I have this question too" votes and its official answer."""

    url = serializers.HyperlinkedIdentityField(
        view_name="question-detail", help_text="This question in the API."
    )
    web_url = WebUrlField(route="questions:detail", route_kwargs={"pk": "pk"})
    programme = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The slug of the programme it is about."
    )
    group = QuestionGroupSerializer(
        read_only=True, allow_null=True, help_text="The working group that answers; may be null."
    )
    topic = TopicSerializer(
        read_only=True, allow_null=True, help_text="Its FAQ topic; may be null."
    )
    asked_by = serializers.CharField(
        source="author.display_name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The name of the person who asked; null when imported or removed.",
    )
    visibility = OpenVisibilityField(read_only=True)
    answer = AnswerSerializer(
        read_only=True,
        allow_null=True,
        help_text="The official answer; null while the question has none.",
    )

    class Meta:
        model = Question
        fields = [
            "id", "title", "body", "body_html", "status", "programme", "group", "topic",
            "visibility", "vote_count", "asked_by", "created", "answered_at", "closed_at",
            "closed_reason", "duplicate_of", "in_faq", "answer", "url", "web_url",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            name: {"help_text": text}
            for name, text in {
                "id": "Identifier, stable for the question's lifetime.",
                "title": "The question itself (plain text, one line).",
                "body": "Optional details as Markdown source; may be empty.",
                "body_html": "The details as sanitised HTML; may be empty.",
                "status": "`new`, `assigned` (to a group or an expert), `answered`, `closed` "
                "(with `closed_reason`) or `duplicate` (merged: see `duplicate_of`).",
                "vote_count": "How many people have this question too.",
                "created": "When it was asked.",
                "answered_at": "When it was answered (the current answer); null if not.",
                "closed_at": "When it was closed; null if not.",
                "closed_reason": "Why it was closed; empty if not closed.",
                "duplicate_of": "The id of the question it was merged into; null if not merged.",
                "in_faq": "True when it is in the curated FAQ.",
            }.items()
        }


class QuestionCreateSerializer(serializers.Serializer):
    """A new question. You follow it and are told when it is answered."""

    title = serializers.CharField(
        max_length=QUESTION_MAX_LENGTH,
        validators=[validate_plain_title],
        help_text=f"The question itself: plain text, one line, at most {QUESTION_MAX_LENGTH} "
        "characters.",
    )
    body = serializers.CharField(
        max_length=Question._meta.get_field("body").max_length,
        required=False,
        allow_blank=True,
        default="",
        help_text="Optional details as Markdown.",
    )
    programme = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Programme.objects.none(),  # the programmes the asker may see (__init__)
        required=False,
        help_text="The slug of the programme the question is about; by default the "
        "programme of `group`, or the first programme. A `group` of another programme is "
        "refused.",
    )
    group = serializers.SlugField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The slug of the working group you ask; leave it out to let the moderators "
        "choose. The question is about the group's programme; give `programme` too when "
        "groups of several programmes have this slug.",
    )
    topic = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Topic.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The slug of a FAQ topic; optional.",
    )
    visibility = OpenVisibilityField(
        default=Visibility.PUBLIC,
        help_text="`public` (everyone may read it, the default) or `staff` (signed-in users).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = visible_programmes(self._viewer())

    def _viewer(self):
        request = self.context.get("request")
        return getattr(request, "user", None) or AnonymousUser()

    def validate(self, data: dict) -> dict:
        programme = data.get("programme")
        slug = data.get("group")
        if slug:
            data["group"] = group = self._group(slug, programme)
            programme = group.programme
        programme = programme or default_programme(self._viewer())
        if programme is None:
            raise serializers.ValidationError({"programme": [_("There is no programme yet.")]})
        data["programme"] = programme
        return data

    def _group(self, slug: str, programme) -> WorkingGroup:
        """The group ``slug`` the asker may see: of ``programme`` when it is given, else the
        only one of that slug."""
        groups = WorkingGroup.objects.filter(group_visible_q(self._viewer()), slug=slug)
        unknown = _('There is no working group "%(slug)s" in the programme.') % {"slug": slug}
        if programme is not None:
            group = groups.filter(programme=programme).select_related("programme").first()
            if group is not None:
                return group
            if groups.exists():
                unknown = _(
                    'The working group "%(slug)s" is not in the programme "%(programme)s".'
                ) % {"slug": slug, "programme": programme.slug}
            raise serializers.ValidationError({"group": [unknown]})
        found = list(groups.select_related("programme").order_by("programme_id")[:2])
        if not found:
            raise serializers.ValidationError({"group": [unknown]})
        if len(found) > 1:
            raise serializers.ValidationError(
                {
                    "programme": [
                        _(
                            'Working groups of several programmes have the slug "%(slug)s": '
                            "give the programme."
                        )
                        % {"slug": slug}
                    ]
                }
            )
        return found[0]


class SimilarQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=SIMILAR_MAX_LENGTH,
        error_messages={
            "required": gettext_lazy("Give the text to compare in the q parameter."),
            "blank": gettext_lazy("Give the text to compare in the q parameter."),
        },
    )
    limit = serializers.IntegerField(min_value=1, max_value=SIMILAR_MAX_COUNT, default=5)


class SimilarQuestionSerializer(serializers.Serializer):
    """A question like the text you gave, with how alike they are."""

    id = serializers.IntegerField(source="question.pk", help_text="The question's id.")
    title = serializers.CharField(source="question.title", help_text="The question itself.")
    status = serializers.CharField(
        source="question.status",
        help_text="`new`, `assigned`, `answered` or `closed` (merged duplicates are given as "
        "their original).",
    )
    vote_count = serializers.IntegerField(
        source="question.vote_count", help_text="How many people have this question too."
    )
    score = serializers.FloatField(
        help_text="How alike the question and your text are, from 0 to 1; the best first."
    )
    web_url = WebUrlField(source="question.get_absolute_url")
