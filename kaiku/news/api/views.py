"""Read-only API for news. Publication and visibility are applied by the same selectors as
the pages: drafts, scheduled and hidden items are absent from lists and answer 404."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from modeltranslation.utils import get_language as modeltranslation_language
from rest_framework import mixins
from rest_framework.reverse import reverse

from kaiku.accounts.models import User
from kaiku.core.api.fast import (
    attach_slugs,
    datetime_writer,
    is_plain,
    path_template,
    request_affixes,
)
from kaiku.core.api.pagination import prepared_count
from kaiku.core.api.views import PreparedListMixin, ReadOnlyModelViewSet
from kaiku.core.links import reverse_cached
from kaiku.core.prepared import for_viewer, run
from kaiku.core.translations import Chooser, translated_columns
from kaiku.core.urls_absolute import absolute_url, site_url
from kaiku.programme.models import WorkingGroup
from kaiku.programme.selectors import group_visible_q

from .. import selectors
from ..models import Keyword, NewsItem
from . import examples
from .filters import NewsItemFilter
from .serializers import NewsItemSerializer

SLUG_REGEX = r"[-a-zA-Z0-9_]{1,120}"

VISIBILITY_NOTE = (
    "Items have a visibility: `public` (everyone) or `staff` (signed-in users); you get "
    "only published items you may see."
)

LIST_PARAMETERS = [
    OpenApiParameter(
        "keyword",
        OpenApiTypes.STR,
        description="Only items with the keyword of this slug.",
        examples=[OpenApiExample("te24", value="te24")],
    ),
    OpenApiParameter(
        "group",
        OpenApiTypes.INT,
        description="Only items about the working group with this id. A group that does not "
        "exist or that you may not see gives an empty list.",
        examples=[OpenApiExample("Group 12", value=12)],
    ),
    OpenApiParameter(
        "programme",
        OpenApiTypes.STR,
        description="Only items about the programme with this slug. An unknown slug is a 400.",
        examples=[OpenApiExample("te24", value="te24")],
    ),
    OpenApiParameter(
        "published_after",
        OpenApiTypes.DATETIME,
        description="Only items published at or after this time (ISO 8601).",
        examples=[OpenApiExample("Since 1 Jan 2025", value="2025-01-01T00:00:00+02:00")],
    ),
    OpenApiParameter(
        "ordering",
        OpenApiTypes.STR,
        description="Sort by `published_at` or `title`; prefix with `-` for descending order. "
        "By default pinned items come first, then the newest.",
        examples=[OpenApiExample("Oldest first", value="published_at")],
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary="List news",
        description="News, announcements and meeting reports, pinned first, newest first. "
        "Filter by keyword slug, working group id, programme slug and publication time. "
        + VISIBILITY_NOTE,
        parameters=LIST_PARAMETERS,
        examples=[examples.news_list],
        tags=["news"],
    ),
    retrieve=extend_schema(
        summary="One news item by slug",
        description=VISIBILITY_NOTE,
        parameters=[
            OpenApiParameter(
                "slug",
                str,
                OpenApiParameter.PATH,
                description="The item's slug.",
                pattern=f"^{SLUG_REGEX}$",
            )
        ],
        examples=[examples.news_item],
        tags=["news"],
    ),
)
class NewsItemViewSet(PreparedListMixin, ReadOnlyModelViewSet):
    serializer_class = NewsItemSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    filterset_class = NewsItemFilter
    ordering_fields = ["published_at", "title"]

    def get_queryset(self):
        # The selector's rows, filters and order; only the columns the serializer reads
        # (not the stored HTML, dates and authors). The related rows are read for the page
        # or the item (attach_related), not prefetched.
        return (
            selectors.news_list(viewer=self.request.user)
            .only(*NEWS_COLUMNS, "programme__slug")
            .prefetch_related(None)
        )

    def list(self, request, *args, **kwargs):
        # PreparedListMixin's path, with the page's JSON written from plain rows
        # (written_items) instead of NewsItemSerializer; any other request takes DRF's path
        # (ListModelMixin.list: the mixin would ask for the empty page again).
        if self.paginator is not None and self.prepared_query_params.issuperset(
            request.query_params
        ):
            rows = self.paginator.prepared_page(request, self.prepared_rows)
            if rows is not None:
                return self.get_paginated_response(written_items(rows, request))
        return mixins.ListModelMixin.list(self, request, *args, **kwargs)

    def prepared_rows(self, start: int, stop: int) -> tuple[list, int]:
        # The list without filters or ordering: get_queryset's rows, order and columns read
        # by kept queries (the same SQL as DRF's page and count); written_items reads the
        # same related rows.
        viewer = self.request.user
        now = timezone.now()
        shape = {"start": start, "stop": stop}
        rows = for_viewer(viewer, _news_page, shape=shape, now=now)
        return rows, (prepared_count(viewer, _news_rows, now=now) if rows else 0)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page:
            attach_related(page, self.request.user)
        return page

    def get_object(self):
        item = super().get_object()
        attach_related([item], self.request.user)
        return item


# What NewsItemSerializer reads (the translated fields bring each language's column).
NEWS_COLUMNS = (
    "id", "slug", "kind", "title", "summary", "body", "contact_info", "programme", "pinned",
    "published_at", "visibility",
)  # fmt: skip


def _news_rows(viewer, *, now):
    # selectors.news_list(viewer=viewer) without its order and related rows.
    return NewsItem.objects.published(now=now).visible_to(viewer).filter(archived_at__isnull=True)


# What _news_page reads besides the ids, as it is: every language's texts, picked in Python
# as modeltranslation does (written_items).
TRANSLATED = ("title", "summary", "body")
PAGE_COLUMNS = (
    "slug", "kind", "contact_info", "pinned", "published_at", "visibility",
    *(f"{name}_{code}" for name in TRANSLATED for code in ("fi", "sv", "en")),
)  # fmt: skip


def _news_page(viewer, *, now, start: int, stop: int):
    # get_queryset's page as plain values: what written_items writes.
    return (
        _news_rows(viewer, now=now)
        .rewrite(False)
        .order_by("-pinned", "-published_at", "-pk")
        .values("id", "programme_id", "programme__slug", *PAGE_COLUMNS)[start:stop]
    )


def written_items(rows: list[dict], request) -> list[dict]:
    """``_news_page``'s rows as NewsItemSerializer writes them, with the related rows of the
    page (``attach_related``'s queries): the texts in the request's language as
    modeltranslation picks them, the addresses from each route's template, cut once per
    request (``path_template``)."""
    ids = [row["id"] for row in rows]
    keywords: dict[int, list] = {}
    for item_id, slug in run(_keyword_rows, ids=ids):
        keywords.setdefault(item_id, []).append(slug)
    contacts: dict[int, list] = {}
    for item_id, *person in run(_contact_rows, ids=ids):
        contact = _Contact(*person)
        contacts.setdefault(item_id, []).append(
            {"name": contact.display_name, "title": contact.title}
        )
    groups: dict[int, list] = {}
    chooser = Chooser()
    group_name = chooser.picker(WorkingGroup, "name", at=3)
    for row in for_viewer(request.user, _group_rows, ids=ids):
        groups.setdefault(row[0], []).append(
            {"id": row[1], "name": group_name(row), "programme": row[2]}
        )
    title, summary, body = (chooser.picker(NewsItem, name) for name in TRANSLATED)
    before, after = request_affixes(request)
    site = site_url()
    api = path_template("newsitem-detail", ["slug"])
    page = path_template("news:detail", ["slug"])
    moment = datetime_writer()
    written = []
    for row in rows:
        pk = row["id"]
        slug = row["slug"]
        if is_plain(slug) and api is not None and page is not None:
            url = before + api[0] + slug + api[2] + after
            web_url = site + page[0] + slug + page[2]
        else:
            url = reverse("newsitem-detail", kwargs={"slug": slug}, request=request)
            web_url = absolute_url(reverse_cached("news:detail", slug=slug))
        published_at = row["published_at"]
        written.append(
            {
                "id": pk,
                "slug": slug,
                "kind": row["kind"],
                "title": title(row),
                "summary": summary(row),
                "body": body(row),
                "keywords": keywords.get(pk, []),
                "contact_persons": contacts.get(pk, []),
                "contact_info": row["contact_info"],
                "related_groups": groups.get(pk, []),
                "programme": None if row["programme_id"] is None else row["programme__slug"],
                "pinned": row["pinned"],
                "published_at": None if published_at is None else moment(published_at),
                "visibility": row["visibility"],
                "url": url,
                "web_url": web_url,
                "title_fi": row["title_fi"],
                "title_sv": row["title_sv"],
                "title_en": row["title_en"],
                "summary_fi": row["summary_fi"],
                "summary_sv": row["summary_sv"],
                "summary_en": row["summary_en"],
                "body_fi": row["body_fi"],
                "body_sv": row["body_sv"],
                "body_en": row["body_en"],
            }
        )
    return written


def attach_related(items: list[NewsItem], viewer) -> None:
    """The related rows NewsItemSerializer reads, for all of ``items`` by three kept queries
    (kaiku.core.prepared) instead of prefetch_related (which builds a manager, a queryset and
    model instances for each item): the keyword slugs (``attach_slugs``), the contact persons
    (``listed_contacts``) and the related groups the viewer may see (``visible_groups``), in
    ``selectors.news_prefetches``' order, as plain rows with the attributes read."""
    ids = [item.pk for item in items]
    attach_slugs(items, "keywords", "slug")
    contacts: dict[int, list] = {}
    for item_id, *person in run(_contact_rows, ids=ids):
        contacts.setdefault(item_id, []).append(_Contact(*person))
    groups: dict[int, list] = {}
    # ``name`` as modeltranslation gives it: the active language's, else the first fallback
    # that has one.
    name = Chooser().picker(WorkingGroup, "name", at=3)
    for row in for_viewer(viewer, _group_rows, ids=ids):
        groups.setdefault(row[0], []).append(_Group(row[1], name(row), row[2]))
    for item in items:
        item.listed_contacts = contacts.get(item.pk, [])
        item.visible_groups = groups.get(item.pk, [])


def _keyword_rows(*, ids: list):
    # attach_slugs' query (kaiku.core.api.fast): the keywords' own order.
    return Keyword._default_manager.filter(news_items__in=ids).values_list("news_items", "slug")


def _contact_rows(*, ids: list):
    return (
        User.objects.filter(news_contact_for__in=ids)
        .order_by("full_name", "pk")
        .values_list("news_contact_for", "full_name", "email", "removed_at", "title")
    )


def _group_rows(viewer, *, ids: list):
    # Plain rows: no modeltranslation per row (attach_related picks each name); ordered as
    # modeltranslation writes news_prefetches' order, in the active language.
    language = modeltranslation_language()
    return (
        WorkingGroup.objects.rewrite(False)
        .filter(group_visible_q(viewer), news_items__in=ids)
        .order_by(f"programme__name_{language}", "order", f"name_{language}")
        .values_list(
            "news_items", "id", "programme__slug", *translated_columns(WorkingGroup, "name")
        )
    )


class _Contact:
    """A contact person as ContactPersonSerializer reads them."""

    __slots__ = ("full_name", "email", "removed_at", "title")

    def __init__(self, full_name, email, removed_at, title) -> None:
        self.full_name = full_name
        self.email = email
        self.removed_at = removed_at
        self.title = title

    display_name = User.display_name


class _Slug:
    __slots__ = ("slug",)

    def __init__(self, slug) -> None:
        self.slug = slug


class _Group:
    """A related working group as RelatedGroupSerializer reads it."""

    __slots__ = ("id", "name", "programme")

    def __init__(self, pk, name, programme_slug) -> None:
        self.id = pk
        self.name = name
        self.programme = None if programme_slug is None else _Slug(programme_slug)
