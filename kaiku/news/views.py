"""News pages: thin views over selectors.py and services.py.

Writing is for the communications role and administrators. Anonymous visitors are sent to
the login page; logged-in people without the right get 403 on "new" and 404 on an existing
item's edit pages, so that drafts do not leak: who may not see an item cannot even tell
that it exists.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.idempotency import already_submitted, create_once, earlier_submit

from . import filter_options, selectors, services
from .forms import NewsFilterForm, NewsItemForm

PAGE_SIZE = 20
ADD_PERMISSION = "news.add_newsitem"
CHANGE_PERMISSION = "news.change_newsitem"


@require_GET
def news_list(request: HttpRequest) -> HttpResponse:
    form = NewsFilterForm(request.GET or None, viewer=request.user)
    filters = form.valid_filters() if form.is_bound else {}
    paginator = Paginator(selectors.news_list(viewer=request.user, **filters), PAGE_SIZE)
    # get_page() falls back to the first page for "abc" and to the last page for 9999.
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    can_add = request.user.has_perm(ADD_PERMISSION)
    context = {
        "form": form,
        # The filter's options as plain tuples: no widget template per option.
        "group_options": filter_options.group_options(request.user, form["group"].value()),
        "keyword_options": filter_options.keyword_options(form["keyword"].value()),
        "page_obj": page,
        "news": page.object_list,
        "querystring": query.urlencode(),
        "can_add": can_add,
        # Drafts and scheduled items are listed for the people who manage news only.
        "drafts": list(selectors.news_drafts(viewer=request.user)) if can_add else [],
        "keyword": filters.get("keyword"),
        "group": filters.get("group"),
    }
    template = "news/newsitem_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@require_GET
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.news_get_for(viewer=request.user, slug=slug)
    context = {"item": item, "can_edit": request.user.has_perm(CHANGE_PERMISSION, item)}
    return render(request, "news/newsitem_detail.html", context)


def _data(request: HttpRequest):
    """Bind forms on every POST, even an empty one (it then answers with field errors)."""
    return request.POST if request.method == "POST" else None


def _save(request, form, save, *, title: str, cancel_url: str, once: bool = False) -> HttpResponse:
    """Validate ``form``, call ``save(form)``, then redirect (PRG) or re-render. With
    ``once``, a second submit of the same rendered form creates nothing (``form_token``)."""
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
            messages.success(request, _("The news item was saved."))
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
