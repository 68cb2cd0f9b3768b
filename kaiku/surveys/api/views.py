"""Surveys in the API: the surveys the caller may see, and their results with the results
page's visibility and disclosure control (``kaiku.surveys.results``)."""

from __future__ import annotations

import math

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kaiku.core.api.views import GenericViewSet
from kaiku.core.predicates import is_authenticated
from kaiku.core.urls_absolute import absolute_url

from .. import results, selectors
from ..models import Phase, Question, QuestionKind, Survey, TextThemes
from ..results_views import _labels, pick, presented_key
from .serializers import ResultTextsSerializer, SurveyResultsSerializer, SurveySerializer

#: Open answers listed per group and per theme in ``results`` unless ``?texts=all``.
TEXTS_LIMIT = 50
#: Open answers per page of ``results/{question}/texts/``.
TEXTS_PAGE = 200
#: The breakdowns in ``results`` unless ``?dimension=`` names others: organisation types and
#: regions (a few dozen groups). One group per organisation (hundreds of groups, megabytes at
#: national scale) only when asked for.
DEFAULT_DIMENSIONS = ("type", "region")

VISIBILITY_NOTE = (
    "Results are shown as the survey's `results_visibility` says: `public` to everyone, "
    "`staff` to signed-in people, `coordinators` to change coordinators and administrators; "
    "to others only once the survey has closed. A survey you may not see at all is a 404; one "
    "you may see but whose results are not for you is a 403. No figure describes fewer than 5 "
    "respondents, also not by subtraction; open answers need groups of 10."
)

_example = {
    "survey": {
        "id": 3,
        "title": "Muutostuen tarpeet",
        "round_number": 2,
        "phase": "closed",
        "opens_at": "2026-11-02T09:00:00+02:00",
        "closes_at": "2026-11-23T16:00:00+02:00",
        "results_visibility": "staff",
        "web_url": "https://kaiku.fi/fi/surveys/3/",
        "results_url": "https://kaiku.fi/api/v1/surveys/3/results/",
    },
    "live": False,
    "respondents": 412,
    "audience": 950,
    "response_rate": 0.434,
    "groups": [
        {"key": "all", "dimension": "all", "label": "All respondents", "respondents": 412,
         "response_rate": 0.434},
        {"key": "type:te_office", "dimension": "type", "label": "TE-toimisto",
         "respondents": 180, "response_rate": 0.41},
    ],  # fmt: skip
    "questions": [
        {
            "id": 31,
            "section": 7,
            "kind": "long_text",
            "text": "Millaista tukea tarvitset?",
            "required": False,
            "scale_points": None,
            "options": [],
            "results": None,
            "items": [],
            "texts": {"all": {"count": 230, "texts": ["Työnohjausta tiimille."]},
                      "type:keha_centre": None},
            "trend": None,
            "themes": [
                {"label": "työnohjaus", "keywords": ["työnohjaus", "ryhmä"], "size": 41,
                 "answers": ["Työnohjausta tiimille."], "answers_total": 41}
            ],
        }
    ],
}  # fmt: skip


def _survey_for_results(request, pk) -> Survey:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    survey = Survey.objects.filter(pk=pk).first() if 0 < pk <= selectors.MAX_PK else None
    if survey is None:
        raise NotFound()
    if results.may_see_results(request.user, survey):
        return survey
    if is_authenticated(request.user) and (
        request.user.has_perm(selectors.MANAGE)
        or Survey.objects.visible_to(request.user).published().filter(pk=pk).exists()
    ):
        raise PermissionDenied()
    raise NotFound()


def _themes_of(analysis: TextThemes | None, limit: int | None):
    if analysis is None:
        return None
    return [
        {
            **{k: theme[k] for k in ("label", "keywords", "size")},
            "answers": theme["answers"][:limit],
            "answers_total": len(theme["answers"]),
        }
        for theme in analysis.data
    ]


def _limited(texts: dict | None, limit: int | None) -> dict | None:
    """Each group's ``{count, texts}`` with at most ``limit`` texts (``count`` stays the
    total: the rest are in ``results/{question}/texts/``)."""
    if texts is None or limit is None:
        return texts
    return {
        key: None if value is None else {**value, "texts": value["texts"][:limit]}
        for key, value in texts.items()
    }


def dimensions_of(raw: str | None) -> tuple[str, ...]:
    """The breakdowns ``?dimension=`` asks for (comma-separated ``type``, ``region``,
    ``organisation``); ``DEFAULT_DIMENSIONS`` without it. Anything else is a 400."""
    if raw is None:
        return DEFAULT_DIMENSIONS
    wanted = tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if not wanted or any(part not in results.DIMENSIONS for part in wanted):
        message = gettext("Choose one or more of: %(choices)s.") % {
            "choices": ", ".join(results.DIMENSIONS)
        }
        raise ValidationError({"dimension": [message]})
    return wanted


def _in_groups(keys: set[str], per_group: dict | None) -> dict | None:
    # A result keyed by group, cut to the groups asked for.
    if not isinstance(per_group, dict):
        return per_group
    return {key: value for key, value in per_group.items() if key in keys}


def results_payload(
    survey: Survey,
    *,
    texts_limit: int | None = TEXTS_LIMIT,
    dimensions: tuple[str, ...] = results.DIMENSIONS,
) -> dict:
    """The results as the API gives them: the whole survey and its groups of
    ``dimensions``; ``texts_limit`` open answers at most per group and per theme (None: all
    of them)."""
    data = results.results_for(survey)
    groups = [g for g in data["groups"] if g["dimension"] == "all" or g["dimension"] in dimensions]
    keys = {g["key"] for g in groups}
    labels = _labels({"groups": groups})  # names of only the regions, organisations shown
    themes = {
        t.question_id: t
        for t in TextThemes.objects.filter(question__survey=survey, computed_at__isnull=False)
    }
    questions = []
    for section in selectors.structure(survey):
        for q in section.questions.all():
            entry = data["questions"].get(str(q.pk))
            if entry is None:
                continue
            options = [{"id": str(c.pk), "text": pick(c, "text")} for c in q.choices.all()]
            if q.allow_other and q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                options.append({"id": results.OTHER, "text": gettext("Other")})
            texts = entry.get("texts") or entry.get("other_texts")
            root_texts = (texts or {}).get(results.ROOT)
            questions.append(
                {
                    "id": q.pk,
                    "section": section.pk,
                    "kind": q.kind,
                    "text": pick(q, "text"),
                    "required": q.required,
                    "scale_points": q.scale_points if q.is_scale else None,
                    "options": options,
                    "results": _in_groups(keys, entry.get("results")),
                    "items": [
                        {
                            "id": item.pk,
                            "text": pick(item, "text"),
                            "results": _in_groups(keys, entry["items"][str(item.pk)]["results"]),
                            "trend": data["trend"].get(f"{q.pk}:{item.pk}"),
                        }
                        for item in q.items.all()
                        if str(item.pk) in entry.get("items", {})
                    ],
                    "texts": _limited(_in_groups(keys, texts), texts_limit),
                    "trend": data["trend"].get(str(q.pk)),
                    "themes": _themes_of(themes.get(q.pk), texts_limit) if root_texts else None,
                }
            )
    return {
        "survey": SurveySerializer(survey).data,
        "live": survey.phase() != Phase.CLOSED,
        "respondents": data["respondents"],
        "audience": data["audience"],
        "response_rate": data["response_rate"],
        "groups": [
            {
                "key": g["key"],
                "dimension": g["dimension"],
                "label": labels.get(g["key"], g["key"]),
                "respondents": g["respondents"],
                "response_rate": g["response_rate"],
            }
            for g in groups
        ],
        "questions": questions,
    }


@extend_schema_view(
    list=extend_schema(
        summary="List surveys",
        description="The surveys you may see (those of your audience, when signed in), and "
        "the closed ones whose results you may see, newest first. " + VISIBILITY_NOTE,
        tags=["surveys"],
    ),
)
class SurveyViewSet(mixins.ListModelMixin, GenericViewSet):
    serializer_class = SurveySerializer

    def get_queryset(self):
        return results.surveys_with_results_for(viewer=self.request.user)

    @extend_schema(
        summary="A survey's results",
        description="Every question's results for the whole survey and broken down by "
        "organisation type and region (and by organisation with `?dimension=`); for open "
        "questions the answers and the "
        f"themes found in them: the first {TEXTS_LIMIT} answers of each group and each theme "
        "(`count` and `answers_total` say how many there are; page through the rest with "
        "`results/{question_id}/texts/`, or ask for all of them with `?texts=all`). "
        + VISIBILITY_NOTE,
        parameters=[
            OpenApiParameter(
                "texts",
                str,
                enum=["all"],
                description=f"`all`: every open answer, not only the first {TEXTS_LIMIT} of "
                "each group and theme (megabytes for a large survey).",
            ),
            OpenApiParameter(
                "dimension",
                str,
                description="The breakdowns to include, comma-separated: `type` "
                "(organisation type), `region`, `organisation`. Default `type,region`; "
                "`organisation` adds a group per organisation (hundreds of groups in a "
                "national survey). The whole survey (`all`) is always included.",
            ),
        ],
        responses={200: SurveyResultsSerializer},
        examples=[OpenApiExample("Results", value=_example, response_only=True)],
        tags=["surveys"],
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        survey = _survey_for_results(request, pk)
        limit = None if request.query_params.get("texts") == "all" else TEXTS_LIMIT
        dimensions = dimensions_of(request.query_params.get("dimension"))
        renderer = request.accepted_renderer
        if survey.phase() != Phase.CLOSED or not isinstance(renderer, JSONRenderer):
            return Response(results_payload(survey, texts_limit=limit, dimensions=dimensions))
        # A closed survey's results do not change: the JSON is kept (per number of
        # responses, language, themes analysis and query), as the results page keeps its
        # presentation. The same bytes as the renderer writes for the payload.
        key = presented_key(survey, "api", limit, ",".join(sorted(dimensions)))
        body = cache.get(key)
        if body is None:
            payload = results_payload(survey, texts_limit=limit, dimensions=dimensions)
            body = renderer.render(payload, renderer.media_type, self.get_renderer_context())
            cache.set(key, body, results.CACHE_SECONDS)
        return HttpResponse(body, content_type=renderer.media_type)

    @extend_schema(
        summary="A question's open answers, a page at a time",
        description="The open answers (or “Other” texts) of one question in one group, or of "
        f"one theme, {TEXTS_PAGE} a page, in the same shuffled order as in `results`. A "
        "group whose answers may not be listed (fewer than 10, also by subtraction), a theme "
        "that does not exist and a page past the last are a 404. " + VISIBILITY_NOTE,
        parameters=[
            OpenApiParameter(
                "group", str, description="A group's key (see `groups`); default `all`."
            ),
            OpenApiParameter(
                "theme",
                OpenApiTypes.INT,
                description="The theme's position in `themes` (0 first): its answers, best "
                "fitting first, instead of a group's.",
            ),
            OpenApiParameter("page", OpenApiTypes.INT, description="1 (default), 2, …"),
        ],
        responses={200: ResultTextsSerializer},
        tags=["surveys"],
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"results/(?P<question_id>[0-9]{1,9})/texts",
        url_name="result-texts",
    )
    def result_texts(self, request, pk=None, question_id=None):
        survey = _survey_for_results(request, pk)
        question = Question.objects.filter(survey=survey, pk=int(question_id)).first()
        entry = results.results_for(survey)["questions"].get(str(question_id))
        if question is None or entry is None:
            raise NotFound()
        by_group = entry.get("texts") or entry.get("other_texts") or {}
        group = request.query_params.get("group") or results.ROOT
        theme = request.query_params.get("theme")
        if theme is None:
            listed = by_group.get(group)
            if listed is None:
                raise NotFound()
            texts = listed["texts"]
        else:
            analysis = TextThemes.objects.filter(
                question=question, computed_at__isnull=False
            ).first()
            index = _number(theme, 0)
            if by_group.get(results.ROOT) is None or analysis is None:
                raise NotFound()
            if index >= len(analysis.data):
                raise NotFound()
            group, texts = None, analysis.data[index]["answers"]
        page = _number(request.query_params.get("page", "1"), 1)
        pages = max(1, math.ceil(len(texts) / TEXTS_PAGE))
        if page > pages:
            raise NotFound()
        next_url = None
        if page < pages:
            query = request.query_params.copy()
            query["page"] = str(page + 1)
            path = reverse(
                "survey-result-texts", kwargs={"pk": survey.pk, "question_id": question.pk}
            )
            next_url = absolute_url(f"{path}?{query.urlencode()}")
        return Response(
            {
                "question": question.pk,
                "group": group,
                "theme": None if theme is None else index,
                "count": len(texts),
                "page": page,
                "pages": pages,
                "next": next_url,
                "texts": texts[(page - 1) * TEXTS_PAGE : page * TEXTS_PAGE],
            }
        )


def _number(value, minimum: int) -> int:
    """A non-negative integer query parameter of at most 9 digits, else a 404."""
    if not (isinstance(value, str) and value.isdigit() and len(value) <= 9):
        raise NotFound()
    number = int(value)
    if number < minimum:
        raise NotFound()
    return number
