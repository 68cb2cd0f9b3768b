"""Reads of discussions and comments, each with a fixed number of queries.

A discussion is seen through the content layer (its visibility and group) *and* its group's
own audience; a comment through its target (``commentables``). A thread reads its comments
without the content layer's moderation filter, because hidden and removed comments keep their
place as placeholders ("hidden by a moderator: reason", "removed by the author"); their text is
given only to the people who may read it (``Comment.show_text``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import router
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.base import ModelState
from django.db.models.functions import Coalesce
from django.http import Http404

from kaiku.core.content import visible_q
from kaiku.core.predicates import is_authenticated
from kaiku.core.prepared import run
from kaiku.core.queries import correlated_count
from kaiku.programme.models import WorkingGroup

from .commentables import commentable_of, comments_visible_q
from .models import REACTION_EMOJI, Comment, Discussion, Reaction, ReactionKind
from .rules import can_moderate

PAGE_SIZE = 50
# Pages read by a kept query (one per page number): further pages take the paginator's.
MAX_PAGE = 100
MAX_PK = 2**63 - 1


# --- Discussions ---------------------------------------------------------------------------


def discussion_q(viewer) -> Q:
    """Discussions ``viewer`` may see: their own audience, and their group's."""
    groups = WorkingGroup.objects.filter(visible_q(WorkingGroup, viewer)).values("pk")
    return visible_q(Discussion, viewer) & (Q(group__isnull=True) | Q(group__in=groups))


def comment_count():
    """A discussion's visible comments, as a correlated subquery for ``annotate``."""
    content_type = ContentType.objects.get_for_model(Discussion)
    return correlated_count(
        Comment.objects.filter(
            content_type=content_type, object_id=OuterRef("pk"), hidden_at__isnull=True
        ),
        "object_id",
    )


def discussion_list(*, viewer, programme=None, group=None, programme_only: bool = False):
    """Pinned first, then the liveliest; with ``comment_count``. ``programme_only`` leaves
    out the groups' discussions."""
    rows = Discussion.objects.filter(discussion_q(viewer))
    if programme is not None:
        rows = rows.filter(programme=programme)
    if group is not None:
        rows = rows.filter(group=group)
    elif programme_only:
        rows = rows.filter(group__isnull=True)
    return (
        rows.select_related("author", "programme", "group__programme")
        .annotate(comment_count=comment_count())
        .order_by("-pinned", "-last_activity_at", "-pk")
    )


def discussion_get_for(*, viewer, pk) -> Discussion:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk <= MAX_PK:
        raise Http404
    found = (
        Discussion.objects.filter(discussion_q(viewer), pk=pk)
        .select_related("author", "programme", "group__programme")
        .first()
    )
    if found is None:
        raise Http404
    return found


def group_for(*, viewer, programme_slug: str, slug: str) -> WorkingGroup:
    group = (
        WorkingGroup.objects.filter(
            visible_q(WorkingGroup, viewer), programme__slug=programme_slug, slug=slug
        )
        .select_related("programme")
        .first()
    )
    if group is None:
        raise Http404
    return group


# --- Comments ------------------------------------------------------------------------------


@dataclass
class Thread:
    target: object
    label: str
    page: Page
    comments: list
    total: int
    can_moderate: bool
    locked: bool
    reactions: list = field(default_factory=list)


_KINDS = tuple(ReactionKind.values)
# The annotations of a thread's comments: each kind's count, and the viewer's own.
_COUNTED = tuple((kind, f"reactions_{kind}", f"mine_{kind}") for kind in _KINDS)


def _reaction_columns(user_id: int | None) -> dict:
    """Each comment's count of each kind of reaction and, with ``user_id``, whether the
    viewer gave it (correlated subqueries on the reactions' unique index): a thread's
    reactions come with its comments, no query of their own."""
    columns = {}
    for kind, count, mine in _COUNTED:
        rows = Reaction.objects.filter(comment=OuterRef("pk"), kind=kind)
        columns[count] = correlated_count(rows, "comment")
        if user_id is not None:
            columns[mine] = Exists(rows.filter(user=user_id))
    return columns


def _prepare(comments: list, viewer, moderator: bool) -> None:
    """Decide per comment what the viewer is shown, and attach its reactions (read with the
    comments: ``_reaction_columns``)."""
    signed_in = is_authenticated(viewer)
    user_id = viewer.pk if signed_in else None
    kinds = [
        (REACTION_EMOJI[kind], str(label), kind, count, mine)
        for (kind, label), (_kind, count, mine) in zip(ReactionKind.choices, _COUNTED, strict=True)
    ]
    # Most comments have no reactions: they share one list (nobody changes it).
    none = [
        {"kind": kind, "label": label, "emoji": emoji, "count": 0, "mine": False}
        for emoji, label, kind, _count, _mine in kinds
    ]
    for comment in comments:
        own = signed_in and comment.author_id == user_id
        comment.is_own = own
        comment.show_text = comment.deleted_at is None and (
            comment.hidden_at is None or own or moderator
        )
        row = comment.__dict__
        for _emoji, _label, _kind, count, _mine in kinds:
            if row[count]:
                break
        else:  # no reactions
            comment.reaction_list = none
            continue
        comment.reaction_list = [
            {
                "kind": kind,
                "label": label,
                "emoji": emoji,
                "count": row[count],
                "mine": bool(signed_in and row[mine]),
            }
            for emoji, label, kind, count, mine in kinds
        ]


def thread_rows(target):
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
    return Comment.all_objects.filter(content_type=content_type, object_id=target.pk)


# Every column of a comment, and of its author what a comment shows (``display_name``):
# not the author's whole row.
THREAD_COLUMNS = (
    *(f.name for f in Comment._meta.concrete_fields),
    "author__full_name",
    "author__email",
    "author__removed_at",
)


# The same as plain values, in the order ``_thread_page`` reads them: the comment's columns,
# then its annotations, then its author's (``_comments_from_rows``).
_COMMENT_FIELDS = tuple(f.attname for f in Comment._meta.concrete_fields)
_AUTHOR_FIELDS = ("full_name", "email", "removed_at")


def _annotation_names(user_id: int | None) -> tuple[str, ...]:
    """``thread_total`` and the names of ``_reaction_columns(user_id)``, in its order."""
    if user_id is None:
        return ("thread_total", *(count for _kind, count, _mine in _COUNTED))
    return ("thread_total", *(name for _kind, *names in _COUNTED for name in names))


def _comments_from_rows(rows: list, user_id: int | None) -> list[Comment]:
    """The comments (each with its author, or ``None``) that ``select_related("author")``
    with ``only(*THREAD_COLUMNS)`` and the annotations gives, made from ``_thread_page``'s
    plain rows: instances filled as ``Model.from_db`` fills them (the columns in
    ``__dict__``, the author's other columns deferred, a saved row's ``_state``) without
    its work per field and its signals (comments and people have no ``pre_init`` or
    ``post_init`` receivers), which were a fifth of a thread's cost."""
    names = (*_COMMENT_FIELDS, *_annotation_names(user_id))
    user_model = Comment._meta.get_field("author").related_model
    author_pk = user_model._meta.pk.attname
    db = router.db_for_read(Comment)
    width = len(_AUTHOR_FIELDS)
    comments = []
    for row in rows:
        comment = object.__new__(Comment)
        fields = comment.__dict__
        # The author's columns come last: left out by the shorter ``names``.
        fields.update(zip(names, row, strict=False))
        state = fields["_state"] = ModelState()
        state.adding, state.db = False, db
        author = None
        if fields["author_id"] is not None:
            author = object.__new__(user_model)
            person = author.__dict__
            person[author_pk] = fields["author_id"]
            person.update(zip(_AUTHOR_FIELDS, row[-width:], strict=True))
            author_state = person["_state"] = ModelState()
            author_state.adding, author_state.db = False, db
        state.fields_cache = {"author": author}
        comments.append(comment)
    return comments


def _page_number(value) -> int:
    """``Paginator.get_page``'s reading of a page number: 1 for anything not an integer."""
    try:
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        return int(value)
    except (TypeError, ValueError):
        return 1


def _thread_page(
    *, content_type_id: int, object_id: int, start: int, stop: int, user_id: int | None = None
):
    """The comments of the top-level comments ``start``–``stop`` of a thread (oldest first)
    and their replies, with the thread's count of top-level comments (``thread_total``) and
    their reactions (``_reaction_columns``, the viewer's own with ``user_id``): the comments
    whose own id or parent's id is among the page's ids (a sliced subquery), the count a
    scalar subquery. Kept (``kaiku.core.prepared``): the same SQL for every thread and
    anonymous visitor, per page (per page for signed-in people, their id a value)."""
    # ``object_id__in``: a positive field's ``exact`` refuses the kept query's stand-in (a
    # negative number: Django compiles it to "no rows"); ``IN`` of one value is the same SQL
    # to PostgreSQL's planner.
    rows = Comment.all_objects.filter(content_type=content_type_id, object_id__in=[object_id])
    top = rows.filter(parent__isnull=True)
    page_ids = top.order_by("created", "pk").values("pk")[start:stop]
    total = Subquery(
        top.order_by().values("object_id").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )
    return (
        rows.annotate(
            root=Coalesce("parent_id", "pk"), thread_total=total, **_reaction_columns(user_id)
        )
        .filter(root__in=page_ids)
        .order_by("created", "pk")
        .values_list(
            *_COMMENT_FIELDS,
            *_annotation_names(user_id),
            *(f"author__{name}" for name in _AUTHOR_FIELDS),
        )
    )


def _page_with_replies(
    content_type_id: int, object_id: int, per_page: int, number: int, user_id: int | None
):
    """Page ``number`` of the top-level comments with their replies and the thread's count of
    top-level comments, in one kept query (``_thread_page``). Returns the page's comments,
    their replies (oldest first) and the count (0 when the page is empty)."""
    start = (number - 1) * per_page
    viewer = {} if user_id is None else {"user_id": user_id}
    rows = run(
        _thread_page,
        shape={"start": start, "stop": start + per_page},
        content_type_id=content_type_id,
        object_id=object_id,
        **viewer,
    )
    found = _comments_from_rows(rows, user_id)
    comments = [row for row in found if row.parent_id is None]
    replies = [row for row in found if row.parent_id is not None]
    return comments, replies, (found[0].thread_total or 0) if found else 0


def thread(*, viewer, target, page=1, per_page: int = PAGE_SIZE) -> Thread:
    """One page of the comments on ``target`` (which the caller checked the viewer may see):
    top-level comments oldest first, each with all its replies and reactions. One kept query
    whatever the number of comments (the page with its replies, their reactions with the
    viewer's own, and the count), and the viewer's roles; a page number beyond the last (or
    below 1, or beyond ``MAX_PAGE``) takes the paginator's own queries and one for the
    replies."""
    number = _page_number(page)
    user_id = viewer.pk if is_authenticated(viewer) else None
    comments: list = []
    reply_rows: list = []
    page_obj = None
    if 1 <= number <= MAX_PAGE:
        content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
        comments, reply_rows, count = _page_with_replies(
            content_type.pk, target.pk, per_page, number, user_id
        )
        if comments or number == 1:
            # The count is known: the paginator reads no rows of its own.
            paginator = Paginator((), per_page)
            paginator.count = count
            page_obj = Page(comments, number, paginator)
    if page_obj is None:
        # A page number beyond the kept pages, the last page or 1 (the paginator's reading).
        rows = (
            thread_rows(target)
            .select_related("author")
            .only(*THREAD_COLUMNS)
            .annotate(**_reaction_columns(user_id))
        )
        paginator = Paginator(rows.filter(parent__isnull=True).order_by("created", "pk"), per_page)
        page_obj = paginator.get_page(page)
        comments = list(page_obj.object_list)
        reply_rows = []
        if comments:
            reply_rows = list(
                rows.filter(parent_id__in=[c.pk for c in comments]).order_by("created", "pk")
            )
    replies: dict[int, list] = defaultdict(list)
    for reply in reply_rows:
        replies[reply.parent_id].append(reply)
    moderator = bool(can_moderate(viewer))
    everything = list(comments)
    for comment in comments:
        comment.reply_list = replies.get(comment.pk, [])
        everything.extend(comment.reply_list)
    _prepare(everything, viewer, moderator)
    return Thread(
        target=target,
        label=commentable_of(target).label,
        page=page_obj,
        comments=comments,
        total=paginator.count,
        can_moderate=moderator,
        locked=isinstance(target, Discussion) and target.locked,
    )


def comment_get_for(*, viewer, pk, live: bool = True) -> Comment:
    """A comment whose target ``viewer`` may see (404 otherwise). With ``live``, removed and
    hidden comments count as absent unless the viewer may see them (their author,
    moderators)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk <= MAX_PK:
        raise Http404
    rows = Comment.objects if live else Comment.all_objects
    q = comments_visible_q(viewer) if live else _target_visible_q(viewer)
    found = rows.filter(q, pk=pk).select_related("author", "content_type").first()
    if found is None:
        raise Http404
    return found


def _target_visible_q(viewer) -> Q:
    """Comments on a target ``viewer`` may see, whatever the comment's own state."""
    from .commentables import commentables, target_q

    q = Q(pk__in=[])
    for spec in commentables().values():
        content_type = ContentType.objects.get_for_model(spec.model, for_concrete_model=True)
        targets = spec.model._default_manager.filter(target_q(spec, viewer)).values("pk")
        q |= Q(content_type=content_type, object_id__in=targets)
    return q


def comment_list(*, viewer):
    """Comments ``viewer`` may see (the API): not removed, not hidden (unless theirs or the
    viewer moderates), on targets they may see."""
    return (
        Comment.objects.filter(comments_visible_q(viewer))
        .select_related("author", "content_type")
        .order_by("created", "pk")
    )


def comment_page_number(comment: Comment, *, per_page: int = PAGE_SIZE) -> int:
    """The thread page that shows ``comment`` (its parent's page for a reply)."""
    top = comment.parent if comment.parent_id else comment
    before = (
        Comment.all_objects.filter(
            content_type_id=top.content_type_id,
            object_id=top.object_id,
            parent__isnull=True,
        )
        .filter(Q(created__lt=top.created) | Q(created=top.created, pk__lt=top.pk))
        .count()
    )
    return before // per_page + 1
