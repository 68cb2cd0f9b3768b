"""Discussion and comment pages: thin views over selectors.py and services.py.

Whoever may not see a discussion, a group or a comment's target gets 404 (not 403), so that
nothing hidden is revealed. Writing needs a signed-in person; anonymous visitors are sent to
the login page. A refused rate limit or invalid input shows the form again with the message,
nothing saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.forms import add_service_errors, wants_preview
from kaiku.core.idempotency import already_submitted, create_once, earlier_submit
from kaiku.core.ratelimit import RateLimitError
from kaiku.core.translations import translated_columns
from kaiku.programme import selectors as programme_selectors
from kaiku.programme.models import Programme

from . import selectors, services
from .commentables import label_of, target_for, targets_of, title_of
from .forms import CommentEditForm, CommentForm, DiscussionForm, ReactionForm
from .models import Comment

LIST_PAGE_SIZE = 25


# --- Discussions ---------------------------------------------------------------------------


def _list_page(request, rows, *, title, programme=None, group=None, create_url=None):
    paginator = Paginator(rows, LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    # No rows: not even the empty slice's query built (the template asked whether it had any).
    page.object_list = list(page.object_list) if paginator.count else []
    programmes = []
    if programme is None:
        # The links' slugs and names only.
        programmes = programme_selectors.programme_list().only(
            "slug", *translated_columns(Programme, "name")
        )
    context = {
        "title": title,
        "page_obj": page,
        "discussions": page.object_list,
        "programme": programme,
        "group": group,
        "create_url": create_url if request.user.is_authenticated else None,
        "programmes": programmes,
    }
    return render(request, "discussions/discussion_list.html", context)


@require_GET
def discussion_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.discussion_list(viewer=request.user)
    return _list_page(request, rows, title=_("Discussions"))


@require_GET
def programme_discussions(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme = programme_selectors.programme_get(slug=programme_slug)
    rows = selectors.discussion_list(viewer=request.user, programme=programme)
    return _list_page(
        request,
        rows,
        title=_("Discussions: %(name)s") % {"name": programme.name},
        programme=programme,
        create_url=reverse("discussions:programme_create", args=[programme.slug]),
    )


@require_GET
def group_discussions(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    group = selectors.group_for(viewer=request.user, programme_slug=programme_slug, slug=slug)
    rows = selectors.discussion_list(viewer=request.user, group=group)
    return _list_page(
        request,
        rows,
        title=_("Discussions: %(name)s") % {"name": group.name},
        programme=group.programme,
        group=group,
        create_url=reverse("discussions:group_create", args=[group.programme.slug, group.slug]),
    )


def _discussion_form_page(request, form, *, title, cancel_url, status=200):
    context = {"form": form, "title": title, "cancel_url": cancel_url}
    return render(request, "discussions/discussion_form.html", context, status=status)


def _create_discussion(request, *, programme, group=None):
    if not request.user.has_perm("discussions.add_discussion"):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = DiscussionForm(data, group=group)
    title = _("New discussion")
    cancel_url = (
        reverse("discussions:group", args=[programme.slug, group.slug])
        if group
        else reverse("discussions:programme", args=[programme.slug])
    )
    if request.method == "POST":
        if wants_preview(form):
            return _discussion_form_page(request, form, title=title, cancel_url=cancel_url)
        earlier = earlier_submit(request, form.form_token)
        if earlier is not None:
            return already_submitted(request, earlier)
        if form.is_valid():
            try:
                discussion, replay = create_once(
                    request,
                    form.form_token,
                    lambda: services.discussion_create(
                        actor=request.user, programme=programme, group=group, **form.cleaned_data
                    ),
                )
            except RateLimitError as exc:
                form.add_error(None, exc.message)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if replay is not None:
                    return already_submitted(request, replay)
                messages.success(request, _("The discussion was started."))
                return redirect(discussion.get_absolute_url())
        return _discussion_form_page(request, form, title=title, cancel_url=cancel_url, status=400)
    return _discussion_form_page(request, form, title=title, cancel_url=cancel_url)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme = programme_selectors.programme_get(slug=programme_slug)
    return _create_discussion(request, programme=programme)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    group = selectors.group_for(viewer=request.user, programme_slug=programme_slug, slug=slug)
    return _create_discussion(request, programme=group.programme, group=group)


@require_GET
def discussion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    discussion = selectors.discussion_get_for(viewer=request.user, pk=pk)
    context = {
        "discussion": discussion,
        "can_edit": request.user.has_perm("discussions.change_discussion", discussion),
        "can_moderate": request.user.has_perm("discussions.moderate_discussion"),
        "show_text": not discussion.is_hidden
        or discussion.author_id == request.user.pk
        or request.user.has_perm("discussions.moderate_discussion"),
    }
    return render(request, "discussions/discussion_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def discussion_update(request: HttpRequest, pk: int) -> HttpResponse:
    discussion = selectors.discussion_get_for(viewer=request.user, pk=pk)
    if not request.user.has_perm("discussions.change_discussion", discussion):
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = DiscussionForm(data, instance=discussion, group=discussion.group)
    title, cancel_url = _("Edit discussion"), discussion.get_absolute_url()
    if request.method == "POST" and not wants_preview(form):
        if form.is_valid():
            try:
                services.discussion_update(
                    actor=request.user, discussion=discussion, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The discussion was saved."))
                return redirect(discussion.get_absolute_url())
        return _discussion_form_page(request, form, title=title, cancel_url=cancel_url, status=400)
    return _discussion_form_page(request, form, title=title, cancel_url=cancel_url)


@require_POST
@login_required
def discussion_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    discussion = selectors.discussion_get_for(viewer=request.user, pk=pk)
    if not request.user.has_perm("discussions.moderate_discussion"):
        raise PermissionDenied
    flags = {}
    for name in ("locked", "pinned"):
        if name in request.POST:
            flags[name] = request.POST[name] == "1"
    services.discussion_moderate(actor=request.user, discussion=discussion, **flags)
    messages.success(request, _("The discussion was updated."))
    return redirect(discussion.get_absolute_url())


# --- Comments ------------------------------------------------------------------------------


def _target_or_404(request, target: str, object_id):
    found = target_for(request.user, target, object_id)
    if found is None:
        raise Http404
    return found


def _comment_form_page(request, form, *, target, parent=None, status=200):
    context = {
        "form": form,
        "target": target,
        "target_title": title_of(target),
        "parent": parent,
        "action": reverse("discussions:comments", args=[label_of(target), target.pk]),
    }
    return render(request, "discussions/comment_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def comments(request: HttpRequest, target: str, object_id: int) -> HttpResponse:
    """The comments of one object, a page at a time (``?page=``; htmx: the next page's
    items only, for "load more"); POST adds a comment."""
    obj = _target_or_404(request, target, object_id)
    if request.method == "POST":
        return _comment_create(request, obj)
    thread = selectors.thread(viewer=request.user, target=obj, page=request.GET.get("page"))
    context = {
        "thread": thread,
        "target": obj,
        "target_title": title_of(obj),
        "comments_url": request.path,
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "discussions/includes/_comment_page.html", context)
    return render(request, "discussions/comments_page.html", context)


def _comment_create(request, target) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={target.get_absolute_url()}")
    form = CommentForm(request.POST)
    if wants_preview(form):
        return _comment_form_page(request, form, target=target)
    earlier = earlier_submit(request, form.form_token)
    if earlier is not None:
        return already_submitted(request, earlier)
    parent = None
    if form.is_valid():
        parent_pk = form.cleaned_data.get("parent")
        if parent_pk:
            parent = selectors.thread_rows(target).filter(pk=parent_pk).first()
            if parent is None:
                form.add_error(None, _("The comment you reply to is not on this page."))
    if form.is_valid():
        try:
            comment, replay = create_once(
                request,
                form.form_token,
                lambda: services.comment_create(
                    actor=request.user,
                    target=target,
                    body=form.cleaned_data["body"],
                    parent=parent,
                ),
            )
        except RateLimitError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if replay is not None:
                return already_submitted(request, replay)
            messages.success(request, _("Your comment was published."))
            return redirect(_comment_url(comment, target))
    return _comment_form_page(request, form, target=target, parent=parent, status=400)


def _comment_url(comment: Comment, target) -> str:
    page = selectors.comment_page_number(comment)
    url = target.get_absolute_url().split("#", 1)[0]
    if page > 1:
        url += f"?cpage={page}"
    return f"{url}#comment-{comment.pk}"


@login_required
@require_GET
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    """The form for a reply (without JavaScript, and for a thread's long pages)."""
    comment = selectors.comment_get_for(viewer=request.user, pk=pk)
    target = _target_or_404(request, comment.content_type.model_class()._meta.label_lower,
                            comment.object_id)  # fmt: skip
    form = CommentForm(initial={"parent": comment.pk})
    return _comment_form_page(request, form, target=target, parent=comment)


@require_GET
def comment_link(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment's address: its place on its target's page (notifications link here)."""
    comment = selectors.comment_get_for(viewer=request.user, pk=pk, live=False)
    target = targets_of([comment]).get((comment.content_type_id, comment.object_id))
    if target is None:
        raise Http404
    return redirect(_comment_url(comment, target))


def _own_comment(request, pk, permission: str) -> Comment:
    comment = selectors.comment_get_for(viewer=request.user, pk=pk)
    if not request.user.has_perm(permission, comment):
        raise Http404
    return comment


def _target_of(comment: Comment):
    target = targets_of([comment]).get((comment.content_type_id, comment.object_id))
    if target is None:
        raise Http404
    return target


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _own_comment(request, pk, "discussions.change_comment")
    target = _target_of(comment)
    form = CommentEditForm(
        request.POST if request.method == "POST" else None, initial={"body": comment.body}
    )
    status = 200
    if request.method == "POST" and not wants_preview(form):
        if form.is_valid():
            try:
                services.comment_update(
                    actor=request.user, comment=comment, body=form.cleaned_data["body"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your comment was saved."))
                return redirect(_comment_url(comment, target))
        status = 400
    context = {"form": form, "comment": comment, "target": target, "target_title": title_of(target)}
    return render(request, "discussions/comment_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _own_comment(request, pk, "discussions.delete_comment")
    target = _target_of(comment)
    if request.method == "POST":
        services.comment_remove(actor=request.user, comment=comment, request=request)
        messages.success(request, _("Your comment was removed."))
        return redirect(_comment_url(comment, target))
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": comment,
            "title": _("Remove your comment?"),
            "consequences": [
                _("The comment is replaced by “Removed by the author” for everyone."),
                _("Replies to it stay."),
            ],
            "cancel_url": _comment_url(comment, target),
        },
    )


@require_GET
def comment_history(request: HttpRequest, pk: int) -> HttpResponse:
    """The earlier versions of an edited comment, for whoever may read the comment."""
    comment = selectors.comment_get_for(viewer=request.user, pk=pk)
    target = _target_of(comment)
    revisions = comment.revisions.select_related("edited_by").order_by("-created", "-pk")
    context = {
        "comment": comment,
        "target": target,
        "target_title": title_of(target),
        "revisions": revisions,
    }
    return render(request, "discussions/comment_history.html", context)


@require_POST
@login_required
def comment_react(request: HttpRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get_for(viewer=request.user, pk=pk)
    target = _target_of(comment)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the reactions offered."))
    else:
        try:
            services.reaction_toggle(
                actor=request.user, comment=comment, kind=form.cleaned_data["kind"]
            )
        except RateLimitError as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(f"{back}#comment-{comment.pk}")
    return redirect(_comment_url(comment, target))
