"""Programme and working-group pages: thin views over selectors.py and services.py.

Edit views send anonymous visitors to the login page and answer 404 — not 403 — to
logged-in people who may not edit the group, so that the existence of hidden groups does
not leak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.forms import use_markdown, wants_preview
from kaiku.core.idempotency import already_submitted, create_once, earlier_submit
from kaiku.core.links import reverse_cached

from . import cards, documents, editing, feeds, selectors, services, timeline
from .forms import (
    DocumentForm,
    GroupGoalForm,
    GroupMandateForm,
    GroupTaskForm,
    MeetingForm,
    MembershipForm,
    MemoForm,
    MilestoneForm,
    TimelineFilterForm,
)
from .models import (
    GroupDocument,
    GroupGoal,
    GroupTask,
    Membership,
    WorkingGroup,
)

EDIT_PERMISSION = "programme.change_workinggroup"


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programme/programme_list.html",
        {"programmes": list(selectors.programme_list())},
    )


@require_GET
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_get(slug=slug)
    listed = selectors.programme_groups(viewer=request.user, programme=programme)
    # Archived groups stay readable, listed apart from the active ones.
    groups = [group for group in listed if group.archived_at is None]
    archived = [group for group in listed if group.archived_at is not None]
    return render(
        request,
        "programme/programme_detail.html",
        {
            "programme": programme,
            "groups": groups,
            "group_cards": cards.group_cards(groups),
            "archived_groups": archived,
        },
    )


def _page_number(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@require_GET
def programme_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    """The meetings and milestones of one window of time (by default the months around
    today), one page at a time, as a timeline or as a table (``?view=table``)."""
    programme = selectors.programme_get(slug=slug)
    groups = selectors.timeline_groups(viewer=request.user, programme=programme)
    form = TimelineFilterForm(request.GET or None, groups=groups)
    filters = form.valid_filters() if form.is_bound else {}
    group_slug = filters.pop("group", None)
    if group_slug:
        filters["group"] = next(pk for pk, slug, *_rest in groups if slug == group_slug)
    today = timezone.localdate()
    start, end = filters.pop("start", None), filters.pop("end", None)
    window = timeline.window_for(start=start, end=end, today=today)
    data = selectors.timeline_page(
        viewer=request.user,
        programme=programme,
        start=window.start,
        end=window.end,
        filters=filters,
        page=_page_number(request.GET.get("page")),
    )
    entries = timeline.entries(data["rows"], groups=groups, programme=programme, today=today)
    view = "table" if request.GET.get("view") == "table" else "timeline"
    kept = {
        "group": group_slug,
        "kind": filters.get("kind"),
        "status": filters.get("status"),
    }
    chosen = {"start": start and window.start, "end": end and window.end}
    mode = {"view": "table" if view == "table" else None}
    context = {
        "programme": programme,
        "form": form,
        "filter_fields": timeline.filter_fields(form, groups),
        "title": _("Timeline"),
        "view": view,
        "window": window,
        "today": today,
        "today_in_window": today in window,
        "earlier": timeline.query(kept, mode, window.shifted(-1)),
        "later": timeline.query(kept, mode, window.shifted(1)),
        "today_query": timeline.query(kept, mode),
        "timeline_query": timeline.query(kept, chosen),
        "table_query": timeline.query(kept, chosen, {"view": "table"}),
        "page_query": timeline.query(kept, chosen, mode),
        "entries": entries,
        "filters_in_use": sum(1 for value in kept.values() if value),
        **data,
    }
    if view == "timeline":
        context["months"] = timeline.months(
            entries,
            today=today,
            today_at=timeline.today_position(
                window=window,
                today=today,
                before=data["before_today"],
                offset=data["offset"],
                shown=len(entries),
                last_page=data["page"] == data["pages"],
            ),
        )
    return render(request, "programme/timeline.html", context)


@require_GET
def programme_meetings_ical(request: HttpRequest, slug: str) -> HttpResponse:
    """All public meetings of the programme's public groups (see feeds.py)."""
    programme = selectors.programme_get(slug=slug)
    meetings = selectors.meeting_list(viewer=feeds.feed_viewer()).filter(group__programme=programme)
    return feeds.calendar_response(
        request,
        name=str(programme.name),
        meetings=list(feeds.recent_and_coming(meetings)),
        filename=f"{programme.slug}.ics",
    )


@require_GET
def group_meetings_ical(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    """The public meetings of one public group; 404 for a group anonymous visitors cannot
    see, whoever asks (feed URLs are shared)."""
    group = selectors.group_get_for_editing(
        viewer=feeds.feed_viewer(), programme_slug=programme_slug, slug=slug
    )
    meetings = selectors.meeting_list(viewer=feeds.feed_viewer(), group=group)
    return feeds.calendar_response(
        request,
        name=f"{group.name} – {group.programme.name}",
        meetings=list(feeds.recent_and_coming(meetings)),
        filename=f"{group.programme.slug}-{group.slug}.ics",
    )


def _group_list_urls(group: WorkingGroup) -> dict[str, str]:
    """The group's list pages, reversed once per request (not once per row)."""
    programme_slug, slug = group.programme.slug, group.slug
    return {
        kind: reverse_cached(f"programme:group_{kind}", programme_slug=programme_slug, slug=slug)
        for kind in GROUP_LISTS
    }


@require_GET
def group_detail(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    """The group page: its mandate, composition and documents whole, windows of the longer
    lists (meetings, memos, milestones, tasks, goals) with their counts and links to the
    paginated list pages (``group_list_page``) and the timeline."""
    group = selectors.group_page_get(viewer=request.user, programme_slug=programme_slug, slug=slug)
    can_edit = request.user.has_perm(EDIT_PERMISSION, group)
    links = cards.group_page_links(group)
    urls = {kind: links[kind] for kind in GROUP_LISTS}
    context = {
        "group": group,
        "programme": group.programme,
        "can_edit": can_edit,
        "list_urls": urls,
        # Drafts are shown to the group's editors only: one more query, for them alone.
        "draft_memos": list(selectors.memo_drafts(group=group)) if can_edit else [],
        **selectors.group_page(viewer=request.user, group=group, urls=urls),
    }
    # The cards written in Python (cards.py), not by an include per card.
    slugs = {"can_edit": can_edit, "programme_slug": group.programme.slug, "group_slug": group.slug}
    context["upcoming_cards"] = cards.meeting_cards(context["upcoming_meetings"], **slugs)
    context["past_cards"] = cards.meeting_cards(context["past_meetings"], **slugs)
    context["memo_cards"] = cards.memo_cards(context["memos"], heading=3, **slugs)
    # The rows of the lists and tables, written in Python too.
    context["task_rows"] = cards.item_rows(
        context["tasks"], model=GroupTask, viewname="programme:task_update", **slugs
    )
    context["goal_rows"] = cards.item_rows(
        context["goals"], model=GroupGoal, viewname="programme:goal_update", **slugs
    )
    context["member_rows"] = cards.member_rows(context["members"], **slugs)
    context["milestone_rows"] = cards.milestone_rows(context["milestones"], **slugs)
    context["count_texts"] = cards.count_texts(context["counts"])
    context["links"] = links
    context["breadcrumbs"] = cards.group_breadcrumbs(group.programme, group, links)
    # The main column up to the documents, and the page's last sections, written in Python.
    context["sections"] = cards.group_sections(context)
    context["page_end"] = cards.group_page_end(group, context["links"])
    # The rest of the page written in Python too: its head links, the heading's line, the
    # editor's menu and drafts, the documents and the aside. The editor's forms share the
    # page's CSRF token (as ``{% csrf_token %}`` would, with the follow button and comments).
    if can_edit:
        context["csrf_token"] = csrf_token = get_token(request)
    else:
        csrf_token = None
    context["head"] = cards.group_head(group, context["links"])
    context["heading"] = cards.group_heading(group)
    context["top"] = cards.group_top(
        group,
        group.programme,
        can_edit=can_edit,
        draft_memos=context["draft_memos"],
        csrf_token=csrf_token,
    )
    context["main_end"] = cards.group_main_end(
        group,
        documents=context["documents"],
        contacts=context["contacts"],
        sub_groups=context["sub_groups"],
        can_edit=can_edit,
        csrf_token=csrf_token,
    )
    return render(request, "programme/group_detail.html", context)


# The group's paginated list pages: title, and the rows of one kind the viewer may see.
GROUP_LISTS: dict[str, tuple[Any, Callable]] = {
    "meetings": (gettext_lazy("Meetings"), selectors.group_meetings),
    "memos": (gettext_lazy("Memos and decisions"), selectors.group_memos),
    "tasks": (gettext_lazy("Tasks"), lambda viewer, group: group.tasks.order_by("order", "pk")),
    "goals": (gettext_lazy("Goals"), lambda viewer, group: group.goals.order_by("order", "pk")),
}


# The field of the lists' ``-field, -pk`` order, for ``?show=``.
SHOWN_BY = {"meetings": "starts_at", "memos": "published_at"}


@require_GET
def group_list_page(
    request: HttpRequest, programme_slug: str, slug: str, kind: str
) -> HttpResponse:
    """All of the group's meetings (newest first), memos, tasks or goals, a page at a time;
    the same visibility as the group page (404 for a group the viewer may not see)."""
    group = selectors.group_get_for_editing(
        viewer=request.user, programme_slug=programme_slug, slug=slug
    )
    title, rows = GROUP_LISTS[kind]
    queryset = rows(viewer=request.user, group=group)
    number = request.GET.get("page")
    # ``?show=<pk>``: the page holding that meeting or memo (links from other pages).
    shown = _page_number(request.GET.get("show"))
    if shown and kind in SHOWN_BY:
        number = selectors.list_page_of(queryset, shown, SHOWN_BY[kind]) or number
    paginator = Paginator(queryset, selectors.GROUP_LIST_PAGE_SIZE)
    page = paginator.get_page(number)
    items = list(page.object_list)
    urls = _group_list_urls(group)
    can_edit = request.user.has_perm(EDIT_PERMISSION, group)
    slugs = {"can_edit": can_edit, "programme_slug": group.programme.slug, "group_slug": group.slug}
    written = ""
    if kind == "meetings":
        selectors.attach_memos(
            viewer=request.user, group=group, meetings=items, memos_url=urls["memos"]
        )
        selectors.attach_comment_links(items)
        written = cards.meeting_cards(items, heading=2, **slugs)
    elif kind == "memos":
        selectors.attach_meeting_links(memos=items, meetings_url=urls["meetings"])
        written = cards.memo_cards(items, heading=2, **slugs)
    return render(
        request,
        "programme/group_list.html",
        {
            "group": group,
            "programme": group.programme,
            "kind": kind,
            "title": title,
            "page_obj": page,
            "items": items,
            "cards": written,
            "can_edit": can_edit,
        },
    )


# --- Editing by the group's chair and secretary ------------------------------------------------


def _group_for_editing(request: HttpRequest, programme_slug: str, slug: str) -> WorkingGroup:
    group = selectors.group_get_for_editing(
        viewer=request.user, programme_slug=programme_slug, slug=slug
    )
    if not request.user.has_perm(EDIT_PERMISSION, group):
        raise Http404("No such working group.")
    return group


def _data(request: HttpRequest):
    """Bind forms on every POST, even an empty one (it then answers with field errors)."""
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


def _save(
    request,
    form,
    save,
    group,
    *,
    template_title: str,
    success: str,
    extra=None,
    once: bool = False,
    replay_url: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """Validate ``form``, call ``save(cleaned_data)``, then redirect (PRG) or re-render.

    With ``once`` (create forms), ``save`` runs at most once per rendered form: the same
    ``form_token`` sent again is sent to what the first submit created (``replay_url(obj)``,
    by default its page). The submit button ``preview`` shows the form again with a Markdown
    field rendered, nothing saved."""
    use_markdown(form, editing.MARKDOWN_FIELDS)
    previewing = request.method == "POST" and wants_preview(form)
    if once and request.method == "POST" and not previewing:
        earlier = earlier_submit(request, form.form_token)
        if earlier is not None:
            return already_submitted(request, earlier)
    if request.method == "POST" and not previewing and form.is_valid():
        try:
            if once:
                _, replay = create_once(
                    request,
                    form.form_token,
                    lambda: save(form.cleaned_data),
                    location=replay_url,
                )
            else:
                save(form.cleaned_data)
                replay = None
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and set(exc.error_dict) <= set(form.fields):
                form.add_error(None, exc)  # beside the fields they concern
            else:
                # Field names in the error may not be fields of this form: show them on top.
                form.add_error(None, exc.messages)
        else:
            if replay is not None:
                return already_submitted(request, replay)
            messages.success(request, success)
            warning = editing.past_date_warning(form) if once else None
            if warning:
                messages.warning(request, warning)
            return redirect(group.get_absolute_url())
    status = 400 if request.method == "POST" and not previewing else 200
    context = {
        "group": group,
        "programme": group.programme,
        "form": form,
        "title": template_title,
        **(extra or {}),
    }
    return render(request, "programme/item_form.html", context, status=status)


# --- Meetings, milestones, memos, tasks and goals: one create, update and delete view ----------


@dataclass(frozen=True)
class GroupItemKind:
    """How the generic views below handle one kind of item of a working group."""

    form: type
    get: Callable[..., Any]  # (viewer, group, pk) -> item, Http404 when not found
    create: Callable[..., Any]  # (actor, group, data) -> item
    update: Callable[..., Any]  # (actor, item, data) -> item
    titles: dict[str, Any]  # "new", "edit", "added", "saved" and, with delete, "deleted"
    delete: Callable[..., Any] | None = None  # (actor, item)
    form_takes_group: bool = False


def _memo_update(actor, memo, data):
    publish = data.pop("publish", False)
    services.memo_update(actor=actor, memo=memo, **data)
    if publish:
        services.memo_publish(actor=actor, memo=memo)
    return memo


GROUP_ITEMS: dict[str, GroupItemKind] = {
    "meeting": GroupItemKind(
        form=MeetingForm,
        get=lambda viewer, group, pk: selectors.meeting_get_for(viewer=viewer, group=group, pk=pk),
        create=lambda actor, group, data: services.meeting_create(actor=actor, group=group, **data),
        update=lambda actor, obj, data: services.meeting_update(actor=actor, meeting=obj, **data),
        titles={
            "new": gettext_lazy("New meeting"),
            "edit": gettext_lazy("Edit meeting"),
            "added": gettext_lazy("The meeting was added."),
            "saved": gettext_lazy("The meeting was saved."),
        },
    ),
    "milestone": GroupItemKind(
        form=MilestoneForm,
        get=lambda viewer, group, pk: selectors.milestone_get_for(
            viewer=viewer, group=group, pk=pk
        ),
        create=lambda actor, group, data: services.milestone_create(
            actor=actor, group=group, **data
        ),
        update=lambda actor, obj, data: services.milestone_update(
            actor=actor, milestone=obj, **data
        ),
        titles={
            "new": gettext_lazy("New milestone"),
            "edit": gettext_lazy("Edit milestone"),
            "added": gettext_lazy("The milestone was added."),
            "saved": gettext_lazy("The milestone was saved."),
        },
    ),
    "memo": GroupItemKind(
        form=MemoForm,
        form_takes_group=True,
        get=lambda viewer, group, pk: selectors.memo_get_for_editing(group=group, pk=pk),
        create=lambda actor, group, data: services.memo_create(actor=actor, group=group, **data),
        update=_memo_update,
        titles={
            "new": gettext_lazy("New memo"),
            "edit": gettext_lazy("Edit memo"),
            "added": gettext_lazy("The memo was saved."),
            "saved": gettext_lazy("The memo was saved."),
        },
    ),
    "task": GroupItemKind(
        form=GroupTaskForm,
        get=lambda viewer, group, pk: selectors.group_item_get(model=GroupTask, group=group, pk=pk),
        create=lambda actor, group, data: services.task_create(actor=actor, group=group, **data),
        update=lambda actor, obj, data: services.task_update(actor=actor, task=obj, **data),
        delete=lambda actor, obj: services.task_delete(actor=actor, task=obj),
        titles={
            "new": gettext_lazy("New task"),
            "edit": gettext_lazy("Edit task"),
            "added": gettext_lazy("The task was saved."),
            "saved": gettext_lazy("The task was saved."),
            "deleted": gettext_lazy("The task was removed."),
        },
    ),
    "goal": GroupItemKind(
        form=GroupGoalForm,
        get=lambda viewer, group, pk: selectors.group_item_get(model=GroupGoal, group=group, pk=pk),
        create=lambda actor, group, data: services.goal_create(actor=actor, group=group, **data),
        update=lambda actor, obj, data: services.goal_update(actor=actor, goal=obj, **data),
        delete=lambda actor, obj: services.goal_delete(actor=actor, goal=obj),
        titles={
            "new": gettext_lazy("New goal"),
            "edit": gettext_lazy("Edit goal"),
            "added": gettext_lazy("The goal was saved."),
            "saved": gettext_lazy("The goal was saved."),
            "deleted": gettext_lazy("The goal was removed."),
        },
    ),
}


def _item_form(spec: GroupItemKind, request: HttpRequest, group: WorkingGroup, instance):
    extra = {"group": group} if spec.form_takes_group else {}
    return spec.form(_data(request), instance=instance, **extra)


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, programme_slug: str, slug: str, kind: str) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    spec = GROUP_ITEMS[kind]
    form = _item_form(spec, request, group, spec.form._meta.model(group=group))
    return _save(
        request,
        form,
        lambda data: spec.create(request.user, group, data),
        group,
        template_title=str(spec.titles["new"]),
        success=str(spec.titles["added"]),
        once=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_update(
    request: HttpRequest, programme_slug: str, slug: str, kind: str, pk: int
) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    spec = GROUP_ITEMS[kind]
    item = spec.get(request.user, group, pk)
    form = _item_form(spec, request, group, item)
    extra = {}
    if spec.delete is not None or kind in editing.SOFT_DELETE_KINDS:
        # The edit page also offers removal, as a separate POST form (tasks and goals) or a
        # link to a confirmation page (soft delete of meetings, memos and milestones).
        extra["delete_url"] = reverse(
            f"programme:{kind}_delete",
            kwargs={"programme_slug": programme_slug, "slug": slug, "pk": item.pk},
        )
        extra["delete_confirm"] = kind in editing.SOFT_DELETE_KINDS
    if kind == "memo" and item.published_at:
        extra["unpublish_url"] = reverse(
            "programme:memo_unpublish",
            kwargs={"programme_slug": programme_slug, "slug": slug, "pk": item.pk},
        )
    return _save(
        request,
        form,
        lambda data: spec.update(request.user, item, data),
        group,
        template_title=str(spec.titles["edit"]),
        success=str(spec.titles["saved"]),
        extra=extra,
    )


@require_POST
@login_required
def item_delete(
    request: HttpRequest, programme_slug: str, slug: str, kind: str, pk: int
) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    spec = GROUP_ITEMS[kind]
    if spec.delete is None:
        raise Http404("This item cannot be removed.")
    spec.delete(request.user, spec.get(request.user, group, pk))
    messages.success(request, str(spec.titles["deleted"]))
    return redirect(group.get_absolute_url())


@require_POST
@login_required
def memo_publish(request: HttpRequest, programme_slug: str, slug: str, pk: int) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    memo = selectors.memo_get_for_editing(group=group, pk=pk)
    services.memo_publish(actor=request.user, memo=memo)
    messages.success(request, _("The memo was published."))
    return redirect(group.get_absolute_url())


# --- The group's mandate and composition -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def group_update(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    form = GroupMandateForm(_data(request), instance=group)
    return _save(
        request,
        form,
        lambda data: services.group_update(actor=request.user, group=group, **data),
        group,
        template_title=_("Edit the group"),
        success=_("The group was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    form = MembershipForm(_data(request), instance=Membership(group=group), group=group)

    def save(data):
        data.pop("email")
        return services.membership_create(
            actor=request.user, group=group, person=form.person, **data
        )

    return _save(
        request,
        form,
        save,
        group,
        template_title=_("New member"),
        success=_("The member was added."),
        once=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_update(
    request: HttpRequest, programme_slug: str, slug: str, pk: int
) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    membership = selectors.membership_get_for_editing(group=group, pk=pk)
    form = MembershipForm(_data(request), instance=membership, group=group)
    delete_url = reverse(
        "programme:membership_delete",
        kwargs={"programme_slug": programme_slug, "slug": slug, "pk": membership.pk},
    )
    return _save(
        request,
        form,
        lambda data: services.membership_update(actor=request.user, membership=membership, **data),
        group,
        template_title=_("Edit membership: %(name)s") % {"name": membership.person.display_name},
        success=_("The membership was saved."),
        extra={"delete_url": delete_url},
    )


@require_POST
@login_required
def membership_delete(
    request: HttpRequest, programme_slug: str, slug: str, pk: int
) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    membership = selectors.membership_get_for_editing(group=group, pk=pk)
    services.membership_delete(actor=request.user, membership=membership)
    messages.success(request, _("The membership was removed."))
    return redirect(group.get_absolute_url())


# --- Documents ---------------------------------------------------------------------------------


@require_GET
def document_download(
    request: HttpRequest, programme_slug: str, slug: str, pk: int
) -> HttpResponse:
    """Serve a document the viewer may see (404 otherwise) with the type found on upload;
    only PDF and safe images are shown inline, everything else is an attachment."""
    group = selectors.group_get_for_editing(
        viewer=request.user, programme_slug=programme_slug, slug=slug
    )
    document = selectors.document_get_for(viewer=request.user, group=group, pk=pk)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file is missing.") from None
    inline = document.content_type in documents.INLINE_TYPES
    response = FileResponse(
        handle,
        as_attachment=not inline,
        # Cleaned again: rows stored before upload names were cleaned may hold line breaks.
        filename=documents.safe_file_name(document.original_name),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    form = DocumentForm(_data(request), _files(request), instance=GroupDocument(group=group))
    return _save(
        request,
        form,
        lambda data: services.document_upload(actor=request.user, group=group, **data),
        group,
        template_title=_("Add a document"),
        success=_("The document was added."),
        extra={
            "help": _("At most %(limit)s MB.") % {"limit": services.max_upload_bytes() // 2**20}
        },
        once=True,
        replay_url=lambda document: group.get_absolute_url(),
    )


@require_POST
@login_required
def document_remove(request: HttpRequest, programme_slug: str, slug: str, pk: int) -> HttpResponse:
    group = _group_for_editing(request, programme_slug, slug)
    document = selectors.document_get_for(viewer=request.user, group=group, pk=pk)
    services.document_remove(actor=request.user, document=document)
    messages.success(request, _("The document was removed."))
    return redirect(group.get_absolute_url())
