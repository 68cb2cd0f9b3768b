"""News pages: thin views over selectors.py and services.py.

Writing is for the communications role and administrators. Anonymous visitors are sent to
the login page; logged-in people without the right get 403 on "new" and 404 on an existing
item's edit pages, so that drafts do not leak: who may not see an item cannot even tell
that it exists.
"""

from __future__ import annotations

import datetime
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.forms import wants_preview
from kaiku.core.idempotency import already_submitted, create_once, earlier_submit
from kaiku.core.links import reverse_cached
from kaiku.core.translations import pick_value, wrap

from . import filter_options, listing, selectors, services
from .forms import NewsFilterForm, NewsItemForm
from .models import Keyword

PAGE_SIZE = 20
# A publication time this close to now is "now" (the editor typed the current time).
PAST_DATE_GRACE = datetime.timedelta(minutes=5)
ADD_PERMISSION = "news.add_newsitem"
CHANGE_PERMISSION = "news.change_newsitem"


@require_GET
def news_list(request: HttpRequest) -> HttpResponse:
    form = NewsFilterForm(request.GET or None, viewer=request.user)
    filters = form.valid_filters() if form.is_bound else {}
    # Paginator.get_page(): the first page for "abc", the last page for 9999; the page's rows
    # and the count in one kept query.
    page = selectors.news_page(
        viewer=request.user, number=request.GET.get("page"), per_page=PAGE_SIZE, **filters
    )
    news = list(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    can_add = request.user.has_perm(ADD_PERMISSION)
    context = {
        "form": form,
        # The filter's options written as HTML: no widget template or loop per option.
        "group_options": filter_options.options_html(
            filter_options.group_options(request.user, form["group"].value())
        ),
        "keyword_options": filter_options.options_html(
            filter_options.keyword_options(form["keyword"].value())
        ),
        "page_obj": page,
        "news": news,
        # The rows as HTML (kaiku.news.listing): no template include per row.
        "news_rows": listing.list_rows(news),
        "querystring": query.urlencode(),
        "can_add": can_add,
        # Drafts and scheduled items are listed for the people who manage news only.
        "drafts": list(selectors.news_drafts(viewer=request.user)) if can_add else [],
        "keyword": filters.get("keyword"),
        "group": filters.get("group"),
        "archive": bool(filters.get("archived")),
        # The page's own addresses from reverse_cached's templates (not {% url %}).
        "list_url": reverse_cached("news:list"),
        "feed_rss_url": reverse_cached("news:feed_rss"),
        "feed_atom_url": reverse_cached("news:feed_atom"),
        "create_url": reverse_cached("news:create") if can_add else "",
    }
    keyword = filters.get("keyword")
    if keyword is not None:
        context["keyword_feed_url"] = reverse_cached("news:keyword_feed_rss", slug=keyword.slug)
    template = "news/newsitem_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@require_GET
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.news_get_for(viewer=request.user, slug=slug)
    context = {
        "item": item,
        "can_edit": request.user.has_perm(CHANGE_PERMISSION, item),
        # The breadcrumbs' addresses from reverse_cached's templates (not {% url %}).
        "home_url": reverse_cached("site:home"),
        "list_url": reverse_cached("news:list"),
        **_related_rows(selectors.news_related(viewer=request.user, item=item)),
    }
    return render(request, "news/newsitem_detail.html", context)


def _related_rows(related: dict[str, list]) -> dict[str, list]:
    """The item page's keyword and group rows with their names (``{% translated %}``'s
    markup) and addresses, from ``selectors.news_related``'s plain values."""
    from kaiku.programme.models import WorkingGroup

    list_url = reverse_cached("news:list")
    keywords = [
        {
            # {% url 'news:list' %}?keyword={{ keyword.slug|urlencode }}
            "href": f"{list_url}?keyword={quote(row['slug'], safe='/')}",
            "name": wrap(*pick_value(row, Keyword, "name")),
        }
        for row in related["keywords"]
    ]
    groups = []
    for row in related["groups"]:
        names = {"programme_slug": row["programme__slug"], "slug": row["slug"]}
        groups.append(
            {
                "href": reverse_cached("programme:group_detail", **names),
                "feed": reverse_cached("news:group_feed_rss", **names),
                "name": wrap(*pick_value(row, WorkingGroup, "name")),
            }
        )
    return {"keywords": keywords, "contacts": related["contacts"], "groups": groups}


def _data(request: HttpRequest):
    """Bind forms on every POST, even an empty one (it then answers with field errors)."""
    return request.POST if request.method == "POST" else None


def _saved_message(item, *, was_published: bool) -> str:
    """What happened, in the words the editor expects: published, scheduled or saved."""
    if item.is_scheduled:
        when = date_format(timezone.localtime(item.published_at), "DATETIME_FORMAT")
        return _("The news item was saved and scheduled for %(date)s.") % {"date": when}
    if item.is_published and not was_published:
        return _("The news item was published.")
    if not item.is_published:
        return _("The draft was saved.")
    return _("The news item was saved.")


def _past_date_warning(request, form, *, was_published: bool) -> None:
    """A publication time given in the past publishes the item at once, dated back: say so
    (it is not an error: back-dating a report is allowed)."""
    given = form.cleaned_data.get("published_at")
    if given is None or was_published or "published_at" not in form.changed_data:
        return
    if given < timezone.now() - PAST_DATE_GRACE:
        when = date_format(timezone.localtime(given), "DATETIME_FORMAT")
        messages.warning(
            request,
            _(
                "The publication time %(date)s is in the past: the item was published at "
                "once and is dated back."
            )
            % {"date": when},
        )


def _save(request, form, save, *, title: str, cancel_url: str, once: bool = False) -> HttpResponse:
    """Validate ``form``, call ``save(form)``, then redirect (PRG) or re-render. With
    ``once``, a second submit of the same rendered form creates nothing (``form_token``).
    The submit button ``preview`` shows the form again with a Markdown field rendered."""
    if request.method == "POST" and wants_preview(form):
        context = {"form": form, "title": title, "cancel_url": cancel_url}
        return render(request, "news/newsitem_form.html", context)
    was_published = bool(form.instance.pk and form.instance.is_published)
    if once and request.method == "POST":
        earlier = earlier_submit(request, form.form_token)
        if earlier is not None:
            return already_submitted(request, earlier)
    if request.method == "POST" and form.is_valid():
        try:
            if once:
                saved, replay = create_once(request, form.form_token, lambda: save(form))
            else:
                saved, replay = save(form), None
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            if replay is not None:
                return already_submitted(request, replay)
            _past_date_warning(request, form, was_published=was_published)
            messages.success(request, _saved_message(saved, was_published=was_published))
            return redirect(saved.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "news/newsitem_form.html",
        {"form": form, "title": title, "cancel_url": cancel_url},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def news_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied
    form = NewsItemForm(_data(request), viewer=request.user)

    def save(form):
        publish = form.cleaned_data.get("publish_now")
        item = services.news_create(actor=request.user, **form.service_data())
        if publish:
            services.news_publish(actor=request.user, item=item)
        return item

    return _save(
        request, form, save, title=_("New news item"), cancel_url=reverse("news:list"), once=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def news_update(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.news_get_for_editing(viewer=request.user, slug=slug)
    # Before the form binds: a cleared slug on the instance must not break the page's links.
    cancel_url = item.get_absolute_url()
    form = NewsItemForm(_data(request), instance=item, viewer=request.user)

    def save(form):
        publish = form.cleaned_data.get("publish_now")
        services.news_update(actor=request.user, item=item, **form.service_data())
        if publish:
            services.news_publish(actor=request.user, item=item)
        return item

    return _save(request, form, save, title=_("Edit news item"), cancel_url=cancel_url)


@require_POST
@login_required
def news_publish(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.news_get_for_editing(viewer=request.user, slug=slug)
    services.news_publish(actor=request.user, item=item)
    messages.success(request, _("The news item was published."))
    return redirect(item.get_absolute_url())


# --- Lifecycle: unpublish, archive, delete -------------------------------------------------------


@require_POST
@login_required
def news_unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    """Back to a draft: out of every list, feed and the API; only news managers see it."""
    item = selectors.news_get_for_editing(viewer=request.user, slug=slug)
    if services.news_unpublish(actor=request.user, item=item, request=request):
        messages.success(request, _("The news item was unpublished: it is a draft again."))
    return redirect(item.get_absolute_url())


@require_POST
@login_required
def news_archive(request: HttpRequest, slug: str) -> HttpResponse:
    """Archive (``archive=1``) or take out of the archive (``archive=0``)."""
    item = selectors.news_get_for_editing(viewer=request.user, slug=slug)
    if request.POST.get("archive") == "0":
        services.news_unarchive(actor=request.user, item=item, request=request)
        messages.success(request, _("The news item was taken out of the archive."))
    else:
        services.news_archive(actor=request.user, item=item, request=request)
        messages.success(
            request, _("The news item was archived: it stays readable but is left out of lists.")
        )
    return redirect(item.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def news_delete(request: HttpRequest, slug: str) -> HttpResponse:
    """A confirmation page (GET), then a soft delete (POST) that an administrator can undo
    in the admin. A second submit (the item is already gone) goes to the list."""
    try:
        item = selectors.news_get_for_editing(viewer=request.user, slug=slug)
    except Http404:
        if request.method == "POST" and selectors.news_deleted_exists(
            viewer=request.user, slug=slug
        ):
            messages.info(request, _("The news item has already been deleted."))
            return redirect("news:list")
        raise
    if request.method == "POST":
        services.news_delete(actor=request.user, item=item, request=request)
        messages.success(request, _("The news item was deleted."))
        return redirect("news:list")
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": item,
            "title": _("Delete the news item “%(title)s”?") % {"title": item.title},
            "consequences": [
                _("The item disappears from the news list, its page, the feeds and the API."),
                _("Its followers are not told."),
                _("An administrator can restore it; ask them if you delete it by mistake."),
            ],
            "cancel_url": item.get_absolute_url(),
        },
    )
