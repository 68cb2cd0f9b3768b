"""Representations of surveys and their results. Results are computed by
``kaiku.surveys.results`` with the same disclosure control as the results page: a value that
may not be shown is null."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.api.fields import WebUrlField
from kaiku.core.urls_absolute import absolute_url

from ..models import Phase, ResultsVisibility, Survey


class SurveySerializer(serializers.ModelSerializer):
    """A survey: its period, phase and who sees its results."""

    phase = serializers.SerializerMethodField(help_text="`draft`, `scheduled`, `open` or `closed`.")
    results_visibility = serializers.ChoiceField(
        choices=ResultsVisibility.choices,
        read_only=True,
        help_text="Who sees the results: `public` (everyone), `staff` (signed-in people) or "
        "`coordinators` (change coordinators and administrators). Others see them once the "
        "survey has closed; coordinators also while it is open.",
    )
    web_url = WebUrlField()
    results_url = serializers.SerializerMethodField(
        help_text="This survey's results in the API (an absolute URL)."
    )

    class Meta:
        model = Survey
        fields = [
            "id", "title", "round_number", "phase", "opens_at", "closes_at",
            "results_visibility", "web_url", "results_url",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The survey's id."},
            "title": {"help_text": "The survey's title in the request's language."},
            "round_number": {"help_text": "The round: 1, or more for a repeated survey."},
            "opens_at": {"help_text": "When answering opens; null for a draft."},
            "closes_at": {"help_text": "When answering closes; null for a draft."},
        }

    @extend_schema_field(serializers.ChoiceField(choices=Phase.choices))
    def get_phase(self, survey: Survey) -> str:
        return str(survey.phase())

    @extend_schema_field(OpenApiTypes.URI)
    def get_results_url(self, survey: Survey) -> str:
        return absolute_url(reverse("survey-results", kwargs={"pk": survey.pk}))


class ThemeSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="The theme's name: one or two Finnish base forms.")
    keywords = serializers.ListField(
        child=serializers.CharField(), help_text="Its most distinctive words, best first."
    )
    size = serializers.IntegerField(help_text="How many answers are in the theme.")
    answers = serializers.ListField(
        child=serializers.CharField(),
        help_text="The answers in the theme, best fitting first: the first 50 (every one "
        "with `?texts=all`; page through them with `results/{question_id}/texts/?theme=N`).",
    )
    answers_total = serializers.IntegerField(help_text="How many answers the theme has.")


class OptionSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The choice's or item's id (`other` for “Other”).")
    text = serializers.CharField(help_text="Its text in the request's language.")


GROUP_VALUES = (
    "An object keyed by group (`all`; `type:<organisation type>`, `region:<id>`, "
    "`organisation:<id>`, see `groups`), each value null where it is hidden: fewer than 5 "
    "respondents (answers to the question), or derivable from other shown figures."
)


class ItemResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The matrix item's id.")
    text = serializers.CharField(help_text="The item's text.")
    results = serializers.JSONField(
        help_text="The item's scale result per group (as `results` of a Likert question). "
        + GROUP_VALUES
    )
    trend = serializers.JSONField(
        allow_null=True, help_text="Compared with the previous round (as a question's `trend`)."
    )


class QuestionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The question's id.")
    section = serializers.IntegerField(help_text="The id of its section.")
    kind = serializers.CharField(
        help_text="`likert`, `single`, `multiple`, `number`, `short_text`, `long_text` or `matrix`."
    )
    text = serializers.CharField(help_text="The question in the request's language.")
    required = serializers.BooleanField()
    scale_points = serializers.IntegerField(
        allow_null=True, help_text="5 or 7 for scales, null otherwise."
    )
    options = OptionSerializer(many=True, help_text="The choices (choice questions).")
    results = serializers.JSONField(
        allow_null=True,
        help_text="Per group: for scales `points` (value, count, share), `n`, `no_answer`, "
        "`mean`, `sd`, `ci_low`, `ci_high`, `median`, `net_share`; for choices `options` "
        "(value = choice id or `other`, count, share of those answering), `n`, `no_answer`; "
        "for numbers `n`, `mean`, `sd`, `ci_low`, `ci_high`, `median`, `q1`, `q3`, "
        "`minimum` and `maximum` (null for fewer than 10 answers). Null for open and matrix "
        "questions. " + GROUP_VALUES,
    )
    items = ItemResultSerializer(many=True, help_text="A matrix question's items.")
    texts = serializers.JSONField(
        allow_null=True,
        help_text="Open answers (and “Other” texts) per group as `{count, texts}`, listed only "
        "for groups of 10 answers or more and in a shuffled order: `count` answers, of which "
        "`texts` lists the first 50 (every one with `?texts=all`; page through them with "
        "`results/{question_id}/texts/?group=KEY`). " + GROUP_VALUES,
    )
    trend = serializers.JSONField(
        allow_null=True,
        help_text="Compared with the same question in the previous round (whole survey): "
        "`previous_round`, `previous_n`, `mean` (difference with its Welch 95 % interval), "
        "`shares` (changes in percentage points). Null without a previous round.",
    )
    themes = ThemeSerializer(
        many=True,
        allow_null=True,
        help_text="Long open questions: the themes found in the answers, largest first; null "
        "when not analysed or when the answers may not be listed (fewer than 10).",
    )


class GroupSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The key used in `results` and `texts`.")
    dimension = serializers.CharField(help_text="`all`, `type`, `region` or `organisation`.")
    label = serializers.CharField(help_text="The group's name in the request's language.")
    respondents = serializers.IntegerField(
        allow_null=True, help_text="Respondents in the group; null when hidden."
    )
    response_rate = serializers.FloatField(
        allow_null=True,
        help_text="Respondents per active person of the audience in the group; null when "
        "hidden or the audience is empty.",
    )


class SurveyResultsSerializer(serializers.Serializer):
    survey = SurveySerializer()
    live = serializers.BooleanField(
        help_text="True while the survey is open (coordinators only): the figures change."
    )
    respondents = serializers.IntegerField(
        allow_null=True, help_text="All respondents; null when fewer than 5."
    )
    audience = serializers.IntegerField(help_text="Active people in the survey's audience.")
    response_rate = serializers.FloatField(allow_null=True)
    groups = GroupSerializer(many=True)
    questions = QuestionResultSerializer(many=True)


class ResultTextsSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text="The question's id.")
    group = serializers.CharField(
        allow_null=True, help_text="The group's key; null when listing a theme."
    )
    theme = serializers.IntegerField(
        allow_null=True, help_text="The theme's position in `themes`; null for a group."
    )
    count = serializers.IntegerField(help_text="How many answers there are in all.")
    page = serializers.IntegerField(help_text="This page, from 1.")
    pages = serializers.IntegerField(help_text="How many pages there are.")
    next = serializers.URLField(allow_null=True, help_text="The next page; null on the last.")
    texts = serializers.ListField(child=serializers.CharField(), help_text="This page's answers.")
