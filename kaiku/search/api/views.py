"""``GET /api/v1/search/?q=``: the search page's results as JSON, with the same visibility."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.exceptions import ValidationError

from kaiku.core.api.pagination import DefaultPagination
from kaiku.core.api.views import GenericViewSet
from kaiku.core.urls_absolute import site_url

from ..analysis import MAX_QUERY_LENGTH, QueryError, parse_query
from ..forms import query_error_message
from ..selectors import CANDIDATES, Search, searchable_types
from .serializers import SearchHitSerializer

_example = {
    "type": "programme.meeting",
    "type_label": "Meetings",
    "id": 314,
    "title": "Kuntien siirtymäkokous",
    "snippet": "Käsitellään <mark>kuntaan</mark> siirtyvän henkilöstön vuosilomat …",
    "language": "fi",
    "web_url": "https://kaiku.fi/fi/programmes/te24/groups/henkilosto/#meeting-314",
    "date": "2025-03-04T09:00:00+02:00",
    "group": {"id": 12, "name": "Henkilöstöryhmä"},
    "score": 3.21,
}


class SearchPagination(DefaultPagination):
    """The default pagination with ``more``: whether the search stopped at its best matches."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["more"] = bool(getattr(self.page.paginator.object_list, "more", False))
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["more"] = {
            "type": "boolean",
            "example": False,
            "description": f"True when more than {CANDIDATES} entries match: only the best "
            f"{CANDIDATES} were checked, so `count` is a lower bound (the results visible to "
            "the caller among the best matches). Add words or filters to narrow the search.",
        }
        paginated["required"] = [*paginated.get("required", []), "more"]
        return paginated


@extend_schema(
    summary="Search",
    description=(
        "Everything the caller may see that matches every word of `q`, best matches first: "
        "programmes, working groups, meetings, memos, news, organisations, and what later "
        "capabilities register (questions, answers, discussions, comments). Words match in "
        "any inflected form (`kunnan` finds `kunta`) and as parts of compounds "
        "(`järjestelmä` finds `asiakastietojärjestelmä`). Anonymous callers get public "
        "content only; members-only, staff-only, unpublished, deleted and moderated content "
        "is left out of the results and of `count` alike. `snippet` is HTML with the "
        f"matching words in `<mark>`. Only the best {CANDIDATES} matches are looked at: when "
        "more match, `more` is true and `count` is a lower bound."
    ),
    parameters=[
        OpenApiParameter(
            "q",
            OpenApiTypes.STR,
            required=True,
            description=f"The words to search for (at most {MAX_QUERY_LENGTH} characters). "
            "Without a word, the list is empty.",
            examples=[OpenApiExample("Municipalities' holidays", value="kunnan vuosilomat")],
        ),
        OpenApiParameter(
            "type",
            OpenApiTypes.STR,
            many=True,
            description="Only results of these types (repeat for several), e.g. "
            "`programme.meeting`, `news.newsitem`. An unknown type is a 400.",
            examples=[OpenApiExample("Meetings", value="programme.meeting")],
        ),
        OpenApiParameter(
            "group",
            OpenApiTypes.INT,
            description="Only results of the working group with this id.",
            examples=[OpenApiExample("Group 12", value=12)],
        ),
        OpenApiParameter(
            "year",
            OpenApiTypes.INT,
            description="Only results dated in this year.",
            examples=[OpenApiExample("2025", value=2025)],
        ),
    ],
    examples=[OpenApiExample("A meeting", value=_example, response_only=True)],
    tags=["search"],
)
class SearchViewSet(mixins.ListModelMixin, GenericViewSet):
    serializer_class = SearchHitSerializer
    pagination_class = SearchPagination
    filter_backends: list = []

    def _int(self, name: str, low: int, high: int) -> int | None:
        raw = self.request.query_params.get(name)
        if raw is None:
            return None
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 19 and low <= int(raw) <= high):
            raise ValidationError({name: [_("Enter a whole number.")]})
        return int(raw)

    def get_queryset(self):  # the list is a Search, paginated like a queryset
        params = self.request.query_params
        text = params.get("q", "")
        if "\x00" in text:
            raise ValidationError({"q": [_("Remove the null characters.")]})
        try:
            query = parse_query(text)
        except QueryError as exc:
            raise ValidationError({"q": [query_error_message(exc)]}) from None
        types = params.getlist("type")
        unknown = [t for t in types if t not in searchable_types()]
        if unknown:
            allowed = ", ".join(searchable_types())
            raise ValidationError(
                {"type": [_("Unknown type. Allowed: %(allowed)s.") % {"allowed": allowed}]}
            )
        search = Search(
            viewer=self.request.user,
            query=query,
            types=types,
            group=self._int("group", 1, 2**63 - 1),
            year=self._int("year", 1900, 2999),
        )
        return search.paginator.object_list

    def list(self, request, *args, **kwargs):
        hits = self.get_queryset()
        page = self.paginate_queryset(hits)
        return self.get_paginated_response(written_hits(page))


def written_hits(hits) -> list[dict]:
    """The hits as ``SearchHitSerializer`` writes them (its fields, in its order), without a
    serializer field per value: the date as DRF's ``DateTimeField`` writes it (ISO 8601 in
    the current time zone, ``Z`` for UTC)."""
    zone = timezone.get_current_timezone()
    site = site_url() + "/"  # absolute_url(), with the site's address read once
    written = []
    for hit in hits:
        date = hit.date
        if date:
            date = date.astimezone(zone).isoformat()
            if date.endswith("+00:00"):
                date = date[:-6] + "Z"
        else:
            date = None
        group = hit.group
        url = hit.url
        if not url.startswith(("http://", "https://")):
            url = site + url.lstrip("/")
        written.append(
            {
                "type": hit.key,
                "type_label": hit.type_label,
                "id": hit.object_id,
                "title": hit.title_text,
                "snippet": str(hit.snippet),
                "language": hit.snippet_language,
                "web_url": url,
                "date": date,
                "group": None if group is None else {"id": group.pk, "name": group.name},
                "score": hit.score,
            }
        )
    return written
