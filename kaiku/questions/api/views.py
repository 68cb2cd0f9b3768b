"""Questions in the API: read with the pages' visibility, ask and vote with the pages'
permissions and the same services (rate limits included: 429 with Retry-After)."""

from __future__ import annotations

from django.db.models import OuterRef
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.reverse import reverse

from kaiku.accounts.models import User
from kaiku.core.api.fast import datetime_writer, path_template, request_affixes
from kaiku.core.api.pagination import prepared_count
from kaiku.core.api.permissions import RulesPermission
from kaiku.core.api.views import GenericViewSet, PreparedListMixin
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer
from kaiku.core.queries import correlated_count
from kaiku.core.translations import Chooser
from kaiku.core.urls_absolute import absolute_url, site_url
from kaiku.organisations.models import Organisation
from kaiku.programme.models import WorkingGroup

from .. import selectors, services
from ..models import AnswerRevision, Question, QuestionStatus, QuestionVote
from ..similar import similar_questions
from . import examples
from .filters import QuestionFilter
from .serializers import (
    SIMILAR_MAX_COUNT,
    SIMILAR_MAX_LENGTH,
    QuestionCreateSerializer,
    QuestionSerializer,
    SimilarQuerySerializer,
    SimilarQuestionSerializer,
)

VISIBILITY_NOTE = (
    "Questions are `public` (everyone) or `staff` (signed-in users); you get only the ones you "
    "may see, as on the site. A question hidden by a moderator is absent, except for its "
    "asker and the moderators."
)

LIST_PARAMETERS = [
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        enum=QuestionStatus.values,
        description="Only questions with this status.",
        examples=[OpenApiExample("Open", value="new")],
    ),
    OpenApiParameter(
        "programme",
        OpenApiTypes.STR,
        description="Only questions about the programme with this slug. An unknown slug is a 400.",
        examples=[OpenApiExample("TE2024", value="te-palvelut-2024")],
    ),
    OpenApiParameter(
        "group",
        OpenApiTypes.STR,
        description="Only questions to the working group with this slug (give `programme` too "
        "when several programmes have a group of that slug). An unknown slug gives an empty list.",
        examples=[OpenApiExample("Transfer of staff", value="henkiloston-siirtyma")],
    ),
    OpenApiParameter(
        "topic",
        OpenApiTypes.STR,
        description="Only questions of the FAQ topic with this slug; unknown: an empty list.",
        examples=[OpenApiExample("Holidays", value="vuosilomat")],
    ),
    OpenApiParameter(
        "in_faq",
        OpenApiTypes.STR,
        enum=["true", "false"],
        description="`true`: only questions in the curated FAQ; `false`: only the others.",
        examples=[OpenApiExample("The FAQ", value="true")],
    ),
    OpenApiParameter(
        "ordering",
        OpenApiTypes.STR,
        description="Sort by `created`, `vote_count` or `answered_at`; prefix with `-` for "
        "descending order. By default the newest first.",
        examples=[OpenApiExample("Most votes first", value="-vote_count")],
    ),
]

VOTE_RESPONSE = inline_serializer(
    "QuestionVoteResult",
    fields={
        "question": serializers.IntegerField(
            help_text="The question that has the vote: a merged duplicate's original."
        ),
        "voted": serializers.BooleanField(help_text="Whether you now have this question too."),
        "vote_count": serializers.IntegerField(help_text="How many people have it now."),
    },
)


LIST_JOINS = (
    "programme", "group", "topic", "author", "answer", "answer__author",
    "answer__organisation", "answer__group",
)  # fmt: skip


def _translated(model, prefix: str) -> tuple[str, ...]:
    # modeltranslation adds the language columns to only("name") but not to a related
    # "group__name": name them, else each fallback read is a query.
    return (f"{prefix}name", *Chooser.columns(model, "name", prefix))


# ``display_name`` reads full_name, email and removed_at.
_PERSON = ("full_name", "email", "removed_at")
LIST_COLUMNS = (
    "id", "title", "body", "body_html", "status", "visibility", "vote_count", "created",
    "answered_at", "closed_at", "closed_reason", "duplicate_of", "in_faq",
    "programme__slug", "group__slug", *_translated(WorkingGroup, "group__"), "topic__slug",
    "topic__name",
    *(f"author__{name}" for name in _PERSON),
    "answer__question", "answer__body", "answer__body_html",
    *(f"answer__author__{name}" for name in _PERSON),
    *_translated(Organisation, "answer__organisation__"), "answer__group__slug",
)  # fmt: skip


def _earlier_versions():
    return correlated_count(
        AnswerRevision.objects.filter(answer__question=OuterRef("pk")), "answer__question"
    )


def _listed(viewer):
    return selectors.question_list(viewer=viewer)


def _list_page(viewer, *, start: int, stop: int):
    # QuestionViewSet.get_queryset for the list, a page of it, as plain values: the rows of
    # LIST_COLUMNS and the joined rows' ids (what written_questions writes).
    return (
        _listed(viewer)
        .select_related(None)
        .annotate(answer_earlier_versions=_earlier_versions())
        .values(*ROW_COLUMNS)[start:stop]
    )


# _list_page's columns: LIST_COLUMNS (of the translated names, every language's: picked in
# Python as modeltranslation does) and the ids that tell a missing row from an empty one.
ROW_COLUMNS = (
    *(name for name in LIST_COLUMNS if name not in ("group__name", "answer__organisation__name")),
    "programme_id", "group_id", "topic_id", "author_id", "answer__id", "answer__author_id",
    "answer__organisation_id", "answer__group_id", "answer_earlier_versions",
)  # fmt: skip


def written_questions(rows: list[dict], request) -> list[dict]:
    """``_list_page``'s rows as QuestionSerializer writes them (no model instances: a list
    row joins eight tables): the names in the request's language as modeltranslation picks
    them, the addresses from each route's template, cut once per request
    (``path_template``)."""
    chooser = Chooser()
    group_name = chooser.picker(WorkingGroup, "name", prefix="group__")
    organisation_name = chooser.picker(Organisation, "name", prefix="answer__organisation__")
    before, after = request_affixes(request)
    site = site_url()
    api = path_template("question-detail", ["pk"])
    page = path_template("questions:detail", ["pk"])
    moment = datetime_writer()
    written = []
    for row in rows:
        pk = row["id"]
        key = str(pk)
        if api is not None and page is not None:
            url = before + api[0] + key + api[2] + after
            web_url = site + page[0] + key + page[2]
        else:
            url = reverse("question-detail", kwargs={"pk": pk}, request=request)
            web_url = absolute_url(reverse_cached("questions:detail", pk=pk))
        created, answered_at, closed_at = row["created"], row["answered_at"], row["closed_at"]
        answer = None
        if row["answer__id"] is not None:
            earlier = row["answer_earlier_versions"]
            answer = {
                "body": row["answer__body"],
                "body_html": row["answer__body_html"],
                "answered_by": _display_name(row, "answer__author"),
                "organisation": (
                    None
                    if row["answer__organisation_id"] is None
                    else {"id": row["answer__organisation_id"], "name": organisation_name(row)}
                ),
                "group": None if row["answer__group_id"] is None else row["answer__group__slug"],
                "answered_at": None if answered_at is None else moment(answered_at),
                "earlier_versions": None if earlier is None else int(earlier),
            }
        written.append(
            {
                "id": pk,
                "title": row["title"],
                "body": row["body"],
                "body_html": row["body_html"],
                "status": row["status"],
                "programme": None if row["programme_id"] is None else row["programme__slug"],
                "group": (
                    None
                    if row["group_id"] is None
                    else {
                        "id": row["group_id"],
                        "slug": row["group__slug"],
                        "name": group_name(row),
                    }
                ),
                "topic": (
                    None
                    if row["topic_id"] is None
                    else {"slug": row["topic__slug"], "name": row["topic__name"]}
                ),
                "visibility": row["visibility"],
                "vote_count": row["vote_count"],
                "asked_by": _display_name(row, "author"),
                "created": None if created is None else moment(created),
                "answered_at": None if answered_at is None else moment(answered_at),
                "closed_at": None if closed_at is None else moment(closed_at),
                "closed_reason": row["closed_reason"],
                "duplicate_of": row["duplicate_of"],
                "in_faq": row["in_faq"],
                "answer": answer,
                "url": url,
                "web_url": web_url,
            }
        )
    return written


def _display_name(row: dict, prefix: str) -> str | None:
    """The person's ``display_name`` as the model writes it; None without a person."""
    if row[f"{prefix}_id"] is None:
        return None
    person = PersonRow()
    person.full_name = row[f"{prefix}__full_name"]
    person.email = row[f"{prefix}__email"]
    person.removed_at = row[f"{prefix}__removed_at"]
    return person.display_name


class PersonRow:
    """An asker or an answerer: their ``display_name`` as the model writes it."""

    __slots__ = ("full_name", "email", "removed_at")

    display_name = User.display_name


@extend_schema_view(
    list=extend_schema(
        summary="List questions",
        description="Questions and their official answers, newest first. Filter by status, "
        "programme, working group, FAQ topic and FAQ. " + VISIBILITY_NOTE,
        parameters=LIST_PARAMETERS,
        examples=[examples.question],
        tags=["questions"],
    ),
    retrieve=extend_schema(
        summary="One question",
        description="The question with its status, votes and official answer (who gave it, "
        "for which organisation, when, and how many earlier versions are kept). " + VISIBILITY_NOTE,
        examples=[examples.question],
        tags=["questions"],
    ),
    create=extend_schema(
        summary="Ask a question",
        description="Signed-in people only. You follow the question and are told when it is "
        "answered. Before asking, look for the same question with `GET "
        "/api/v1/questions/similar/?q=` and vote for it instead. Posting too fast (5 s between "
        "posts, 30 s for accounts younger than a day, the same text again within 5 minutes) "
        "is a 429 with `Retry-After`; nothing is saved. Send an `Idempotency-Key` so that a "
        "retried request asks only once.",
        request=QuestionCreateSerializer,
        responses={201: QuestionSerializer},
        examples=[examples.question],
        tags=["questions"],
    ),
)
class QuestionViewSet(
    PreparedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    GenericViewSet,
):
    serializer_class = QuestionSerializer
    filterset_class = QuestionFilter
    ordering_fields = ["created", "vote_count", "answered_at"]
    permission_classes = [IsAuthenticatedOrReadOnly, RulesPermission]
    rules_permissions = {"create": "questions.add_question", "vote": "questions.vote_question"}

    def get_queryset(self):
        queryset = selectors.question_list(viewer=self.request.user)
        if self.action == "list":
            # Only the columns QuestionSerializer reads, of the question and of the joined
            # rows (the list joins eight tables: their whole rows were most of its cost).
            queryset = queryset.select_related(None).select_related(*LIST_JOINS).only(*LIST_COLUMNS)
        else:
            queryset = queryset.select_related(
                "programme", "answer", "answer__author", "answer__organisation", "answer__group"
            )
        return queryset.annotate(answer_earlier_versions=_earlier_versions())

    def list(self, request, *args, **kwargs):
        # PreparedListMixin's path, with the page's JSON written from plain rows
        # (written_questions) instead of QuestionSerializer; any other request takes DRF's
        # path (ListModelMixin.list: the mixin would ask for the empty page again).
        if self.paginator is not None and self.prepared_query_params.issuperset(
            request.query_params
        ):
            page = self.paginator.prepared_page(request, self.prepared_rows)
            if page is not None:
                return self.get_paginated_response(written_questions(page, request))
        return mixins.ListModelMixin.list(self, request, *args, **kwargs)

    def prepared_rows(self, start: int, stop: int) -> tuple[list, int]:
        # The list without filters or ordering: get_queryset's page and count by kept queries.
        viewer = self.request.user
        page = for_viewer(viewer, _list_page, shape={"start": start, "stop": stop})
        return page, (prepared_count(viewer, _listed) if page else 0)

    def get_serializer_class(self):
        if self.action == "create":
            return QuestionCreateSerializer
        return QuestionSerializer

    def _represent(self, pk: int) -> dict:
        question = self.get_queryset().get(pk=pk)
        return QuestionSerializer(question, context=self.get_serializer_context()).data

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        question = services.question_ask(author=request.user, **incoming.validated_data)
        data = self._represent(question.pk)
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    @extend_schema(
        methods=["POST"],
        summary="I have this question too",
        description="Signed-in people only. Adds your vote and you follow the question. A "
        "merged duplicate's vote goes to its original. Voting twice, or for your own "
        "question, changes nothing. Over 60 votes a minute is a 429 with `Retry-After`.",
        request=None,
        responses={200: VOTE_RESPONSE},
        examples=[examples.vote],
        tags=["questions"],
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Withdraw your vote",
        description="Signed-in people only. Removes your vote; you keep following the "
        "question until you stop following it on the site.",
        request=None,
        responses={200: VOTE_RESPONSE},
        tags=["questions"],
    )
    @action(detail=True, methods=["post", "delete"])
    def vote(self, request, pk=None):
        question = self.get_object()
        if request.method == "POST":
            services.question_vote(question=question, user=request.user)
        else:
            services.question_unvote(question=question, user=request.user)
        target_pk = (
            question.duplicate_of_id
            if question.status == QuestionStatus.DUPLICATE and question.duplicate_of_id
            else question.pk
        )
        count = Question.all_objects.filter(pk=target_pk).values_list("vote_count", flat=True)
        return Response(
            {
                "question": target_pk,
                "voted": QuestionVote.objects.filter(
                    question_id=target_pk, user=request.user
                ).exists(),
                "vote_count": count.first() or 0,
            }
        )

    @extend_schema(
        summary="Similar questions",
        description="The questions most like a text, best first: what the site shows while "
        "someone types a question, so that they can vote for an existing one instead. "
        "Finnish-aware (inflected forms, compounds, synonyms, typos). A merged duplicate is "
        "given as its original. " + VISIBILITY_NOTE,
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                required=True,
                description=f"The text to compare, at most {SIMILAR_MAX_LENGTH} characters.",
                examples=[OpenApiExample("Holidays", value="siirtyvätkö lomapäiväni kuntaan")],
            ),
            OpenApiParameter(
                "limit",
                OpenApiTypes.INT,
                description=f"At most this many questions (1–{SIMILAR_MAX_COUNT}, default 5).",
                examples=[OpenApiExample("Three", value=3)],
            ),
        ],
        responses={200: SimilarQuestionSerializer(many=True)},
        examples=[examples.similar],
        tags=["questions"],
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def similar(self, request):
        # A plain dict: from a QueryDict, DRF would read an empty ``limit=`` as "not given".
        query = SimilarQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        found = similar_questions(
            request.user, query.validated_data["q"], k=query.validated_data["limit"]
        )
        # What SimilarQuestionSerializer writes, as plain dicts; the pages' addresses from
        # their route's template, cut once (path_template).
        page = path_template("questions:detail", ["pk"]) if found else None
        site = site_url()
        return Response(
            [
                {
                    "id": question.pk,
                    "title": question.title,
                    "status": question.status,
                    "vote_count": question.vote_count,
                    "score": round(score, 3),
                    "web_url": (
                        site + page[0] + str(question.pk) + page[2]
                        if page is not None
                        else absolute_url(question.get_absolute_url())
                    ),
                }
                for question, score in found
            ]
        )
