"""Reads of news, filtered by what the viewer may see.

An item is shown when it is published (``published_at`` is set and has passed) and its
visibility allows the viewer (``kaiku.core.content``: ``public`` everyone, ``staff`` signed-in
people; administrators see everything). Related working groups the viewer may not see are
left out.  Pages, feeds, the front page and the API all read through here.
"""

from __future__ import annotations

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kaiku.accounts.models import User
from kaiku.core.content import may_see, published_q
from kaiku.core.paging import page_of, with_total
from kaiku.core.predicates import is_authenticated
from kaiku.core.prepared import for_viewer, run
from kaiku.core.translations import content_languages
from kaiku.programme.models import Programme, WorkingGroup
from kaiku.programme.selectors import group_visible_q

from .models import Keyword, NewsItem
from .rules import can_manage_news

MAX_PK = 2**31 - 1


def news_prefetches(viewer) -> list[Prefetch]:
    """Keywords, contact persons and the related groups the viewer may see
    (``visible_groups``): three queries for any number of items."""
    return [
        Prefetch("keywords", queryset=Keyword.objects.order_by("name")),
        Prefetch("contact_persons", queryset=User.objects.order_by("full_name", "pk")),
        Prefetch(
            "related_groups",
            queryset=WorkingGroup.objects.filter(group_visible_q(viewer))
            .select_related("programme")
            .order_by("programme__name", "order", "name"),
            to_attr="visible_groups",
        ),
    ]


def _group_id(group: WorkingGroup | int | None) -> int | None:
    if group is None:
        return None
    pk = group.pk if isinstance(group, WorkingGroup) else int(group)
    return pk if 0 < pk <= MAX_PK else 0


def news_list(
    *,
    viewer,
    keyword: Keyword | str | None = None,
    group: WorkingGroup | int | None = None,
    q: str | None = None,
    programme: Programme | None = None,
    published_after: datetime.datetime | None = None,
    archived: bool = False,
    related: bool = True,
    now: datetime.datetime | None = None,
) -> QuerySet[NewsItem]:
    """Published items the viewer may see, pinned first, newest first. Archived items are
    left out (they stay readable at their address); ``archived`` lists only them: the
    archive. With ``related=False``, without the programme, keywords, contacts and groups.

    ``keyword`` is a Keyword or its slug; ``group`` a WorkingGroup or its id — a group the
    viewer may not see matches nothing, exactly like a group that does not exist.
    """
    queryset = NewsItem.objects.published(now=now).visible_to(viewer)
    queryset = queryset.filter(archived_at__isnull=not archived)
    if keyword is not None:
        slug = keyword.slug if isinstance(keyword, Keyword) else keyword
        queryset = queryset.filter(keywords__slug=slug)
    group_id = _group_id(group)
    if group is not None:
        visible_group = WorkingGroup.objects.filter(
            group_visible_q(viewer), pk=group_id, news_items=OuterRef("pk")
        )
        queryset = queryset.filter(Exists(visible_group))
    if q:
        # Every language's text: a Finnish fallback shown on /sv/ must be findable there.
        match = Q()
        for field in ("title", "summary", "body"):
            for code in content_languages():
                match |= Q(**{f"{field}_{code}__icontains": q})
        queryset = queryset.filter(match)
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    if published_after is not None:
        queryset = queryset.filter(published_at__gte=published_after)
    if not related:
        return queryset.order_by("-pinned", "-published_at", "-pk")
    return (
        queryset.select_related("programme")
        .prefetch_related(*news_prefetches(viewer))
        .order_by("-pinned", "-published_at", "-pk")
    )


def news_list_rows(*, viewer, **filters) -> QuerySet[NewsItem]:
    """``news_list`` with only the columns the list page's rows show and no related rows:
    ``kaiku.news.listing`` reads the keywords of a page's items itself."""
    from .listing import list_columns

    return news_list(viewer=viewer, related=False, **filters).only(*list_columns())


#: Beyond this page number the paginator answers (its last page): no huge offset is read.
MAX_LIST_PAGE = 10**6


def _list_page(
    viewer,
    *,
    archived: bool,
    start: int,
    stop: int,
    now: datetime.datetime,
    keyword: str | None = None,
    group: int | None = None,
) -> QuerySet[NewsItem]:
    # A window of ``news_list_rows`` with the list's count (``kaiku.core.paging``), kept
    # per viewer's role set (``kaiku.core.prepared``).
    from .listing import list_columns

    rows = news_list(
        viewer=viewer,
        keyword=keyword,
        group=group,
        published_after=None,
        archived=archived,
        related=False,
        now=now,
    ).only(*list_columns())
    return with_total(rows)[start:stop]


def news_page(*, viewer, number, per_page: int, **filters) -> Page:
    """``Paginator(news_list_rows(viewer=viewer, **filters), per_page).get_page(number)``:
    a page of the list with the columns a row shows, read with the list's count by one
    kept query (``kaiku.core.prepared``). A text search (``q``, ``icontains``) is read
    the ordinary way."""
    if filters.get("q"):
        return Paginator(news_list_rows(viewer=viewer, **filters), per_page).get_page(number)
    archived = bool(filters.get("archived"))
    values: dict = {"now": timezone.now()}
    keyword = filters.get("keyword")
    if keyword is not None:
        values["keyword"] = keyword.slug if isinstance(keyword, Keyword) else keyword
    group = filters.get("group")
    if group is not None:
        values["group"] = _group_id(group)

    def read(start: int, stop: int) -> list[NewsItem]:
        shape = {"archived": archived, "start": start, "stop": stop}
        return for_viewer(viewer, _list_page, shape=shape, **values)

    def everything() -> QuerySet[NewsItem]:
        return news_list_rows(viewer=viewer, **{**filters, "now": values["now"]})

    return page_of(everything, number, per_page, max_page=MAX_LIST_PAGE, read=read)


def _feed_rows(
    viewer,
    *,
    limit: int,
    now: datetime.datetime,
    keyword: str | None = None,
    group: int | None = None,
) -> QuerySet:
    # The first ``limit`` items of ``news_list`` as ``feed_columns`` values (a kept query,
    # ``kaiku.core.prepared``).
    from .listing import feed_columns

    rows = news_list(
        viewer=viewer, keyword=keyword, group=group, related=False, now=now
    ).values_list(*feed_columns())
    return rows[:limit]


def news_feed_rows(
    *, viewer, limit: int, keyword: Keyword | str | None = None, group=None
) -> tuple[list[tuple], dict[int, list[str]]]:
    """The first ``limit`` items of ``news_list`` as tuples of ``listing.feed_columns`` and
    their keywords' names in the page language (``{item id: [name, ...]}``): two kept
    queries (``kaiku.core.prepared``)."""
    from .listing import keyword_names

    values: dict = {"now": timezone.now()}
    if keyword is not None:
        values["keyword"] = keyword.slug if isinstance(keyword, Keyword) else keyword
    if group is not None:
        values["group"] = _group_id(group)
    rows = for_viewer(viewer, _feed_rows, shape={"limit": limit}, **values)
    return rows, keyword_names([row[0] for row in rows])


def news_drafts(*, viewer) -> QuerySet[NewsItem]:
    """Drafts and scheduled items, for the people who manage news (empty for others)."""
    if not can_manage_news(viewer):
        return NewsItem.objects.none()
    return NewsItem.objects.filter(~published_q()).order_by("published_at", "-updated", "-pk")


def can_preview(viewer, item: NewsItem) -> bool:
    """Drafts and scheduled items are seen by their author and by the people who manage news."""
    if can_manage_news(viewer):
        return True
    return bool(is_authenticated(viewer) and item.author_id == viewer.pk)


def _programme_link_columns() -> list[str]:
    """What the item's page reads of its programme (the address and the name): its long
    texts are left unread."""
    from kaiku.core.translations import translated_columns

    shown = {"id", "slug", *translated_columns(Programme, "name")}
    return [
        f"programme__{f.attname}" for f in Programme._meta.concrete_fields if f.attname not in shown
    ]


def _item(*, slug: str) -> QuerySet[NewsItem]:
    return (
        NewsItem.objects.filter(slug=slug)
        .select_related("programme")
        .defer(*_programme_link_columns())
        .order_by("pk")[:1]
    )


def news_get_for(*, viewer, slug: str) -> NewsItem:
    """One item with its programme (``news_related`` reads what else its page shows).
    Http404 when it does not exist, the viewer may not see it, or it is not published yet
    (unless the viewer may preview it). A kept query (``kaiku.core.prepared``): the
    visibility is decided in Python, so everyone shares it."""
    if "\x00" in slug:
        raise Http404("No such news item.")
    found = run(_item, slug=slug)
    item = found[0] if found else None
    if item is None or not may_see(viewer, item):
        raise Http404("No such news item.")
    if not item.is_published and not can_preview(viewer, item):
        raise Http404("No such news item.")
    return item


def _related_keywords(*, pk: int) -> QuerySet:
    from kaiku.core.translations import translated_columns

    return (
        Keyword.objects.filter(news_items=pk)
        .order_by("name")
        .values("slug", *translated_columns(Keyword, "name"))
    )


def _related_contacts(*, pk: int) -> QuerySet:
    return (
        User.objects.filter(news_contact_for=pk)
        .order_by("full_name", "pk")
        .only("full_name", "email", "removed_at", "title")
    )


def _related_groups(viewer, *, pk: int) -> QuerySet:
    from kaiku.core.translations import translated_columns

    return (
        WorkingGroup.objects.filter(group_visible_q(viewer), news_items=pk)
        .order_by("programme__name", "order", "name")
        .values("slug", "programme__slug", *translated_columns(WorkingGroup, "name"))
    )


def news_related(*, viewer, item: NewsItem) -> dict[str, list]:
    """What an item's page shows of its related rows, each read with the columns shown
    (plain values, no prefetch): ``keywords`` (``slug`` and every language's ``name_xx``),
    ``contacts`` (people with their name, email, title and removal time) and ``groups``
    (the related working groups the viewer may see: ``slug``, ``programme__slug`` and
    every language's ``name_xx``), ordered as ``news_prefetches`` orders them. Kept
    queries (``kaiku.core.prepared``)."""
    return {
        "keywords": run(_related_keywords, pk=item.pk),
        "contacts": run(_related_contacts, pk=item.pk),
        "groups": for_viewer(viewer, _related_groups, pk=item.pk),
    }


def news_get_for_editing(*, viewer, slug: str) -> NewsItem:
    """An item for the edit views: Http404 unless the viewer may change news."""
    if "\x00" in slug or not viewer.has_perm("news.change_newsitem"):
        raise Http404("No such news item.")
    item = NewsItem.objects.filter(slug=slug).first()
    if item is None:
        raise Http404("No such news item.")
    return item


def news_deleted_exists(*, viewer, slug: str) -> bool:
    """Whether an item with ``slug`` was deleted (for a second delete submit), for those who
    may change news only."""
    if "\x00" in slug or not viewer.has_perm("news.change_newsitem"):
        return False
    return NewsItem.all_objects.filter(slug=slug, deleted_at__isnull=False).exists()


def keyword_get(*, slug: str) -> Keyword:
    keyword = Keyword.objects.filter(slug=slug).first() if "\x00" not in slug else None
    if keyword is None:
        raise Http404("No such keyword.")
    return keyword


def keyword_list() -> QuerySet[Keyword]:
    return Keyword.objects.order_by("name")


def contact_candidates(*, viewer, item: NewsItem | None = None) -> QuerySet[User]:
    """The people an editor may name as an item's contact persons: active accounts that sit
    in a working group the editor can see, or hold the communications role, and whoever
    the item already names (so that saving keeps them)."""
    from kaiku.accounts.models import RoleAssignment
    from kaiku.programme.models import Membership
    from kaiku.programme.selectors import current_membership_q

    members = Membership.objects.filter(
        current_membership_q(), group__in=WorkingGroup.objects.filter(group_visible_q(viewer))
    ).values("person_id")
    staff = RoleAssignment.objects.filter(role="communications").values("user_id")
    chosen = Q(pk__in=members) | Q(pk__in=staff)
    if item is not None and item.pk:
        chosen |= Q(pk__in=item.contact_persons.values("pk"))
    return User.objects.filter(chosen, is_active=True, removed_at__isnull=True).order_by(
        "full_name", "email"
    )
