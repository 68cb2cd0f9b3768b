"""Following, the notification list and settings, and one-click unsubscribe.

Every page but unsubscribe needs a login; a person only ever sees and changes their own
notifications and follows (everything is filtered by ``request.user``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.programme import selectors as programme_selectors

from . import services
from .forms import FollowForm, PreferenceForm
from .models import Follow, Notification, NotificationPreference

PAGE_SIZE = 25


def _next_url(request: HttpRequest, fallback: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


def _target(request: HttpRequest, form: FollowForm) -> dict:
    """The target as service keyword arguments; a group the viewer may not see is a 404."""
    data = form.cleaned_data
    if data.get("programme"):
        return {
            "programme": get_object_or_404(
                programme_selectors.programme_list(), pk=data["programme"]
            )
        }
    if data.get("group"):
        groups = programme_selectors.group_list(viewer=request.user)
        return {"group": get_object_or_404(groups, pk=data["group"])}
    return {"keyword": data["keyword"]}


def _follow_change(request: HttpRequest, *, follow: bool) -> HttpResponse:
    form = FollowForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    target = _target(request, form)
    if follow:
        services.follow(user=request.user, **target)
    else:
        services.unfollow(user=request.user, **target)
    value = next(iter(target.values()))
    if request.htmx:
        return render(
            request,
            "notifications/includes/_follow_button.html",
            {"target": value, "following": follow, "next": form.cleaned_data.get("next")},
        )
    if follow:
        messages.success(request, _("You now follow %(target)s.") % {"target": value})
    else:
        messages.success(request, _("You no longer follow %(target)s.") % {"target": value})
    fallback = getattr(value, "get_absolute_url", lambda: "")() or "/"
    return redirect(_next_url(request, fallback))


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    return _follow_change(request, follow=True)


@login_required
@require_POST
def unfollow(request: HttpRequest) -> HttpResponse:
    return _follow_change(request, follow=False)


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.filter(user=request.user).select_related("group__programme")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page_obj": page})


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    if pk > programme_selectors.MAX_PK:
        raise Http404("No such notification.")
    # Nothing changed: someone else's, missing (404) or already read (fine).
    changed = services.mark_read(user=request.user, notification_id=pk)
    if not changed and not Notification.objects.filter(user=request.user, pk=pk).exists():
        raise Http404("No such notification.")
    return redirect(_next_url(request, "notifications:list"))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked read.") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    preference = services.preference_for(user=request.user)
    form = PreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"email_frequency": preference.email_frequency},
    )
    if form.is_valid():
        services.preference_update(
            user=request.user, email_frequency=form.cleaned_data["email_frequency"]
        )
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:settings")
    follows = Follow.objects.filter(user=request.user).select_related(
        "programme", "group__programme"
    )
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "follows": list(follows), "preference": preference},
    )


# Mail clients send the one-click unsubscribe (RFC 8058) as a POST without a CSRF token; the
# secret token in the URL is the proof, so this view alone is exempt.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    preference = NotificationPreference.objects.filter(unsubscribe_token=token).first()
    if preference is None or len(token) < 20:
        raise Http404("No such subscription.")
    done = False
    if request.method == "POST":
        services.unsubscribe(preference=preference)
        done = True
    return render(request, "notifications/unsubscribe.html", {"token": token, "done": done})
