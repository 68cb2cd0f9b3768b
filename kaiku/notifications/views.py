"""Following, the notification list and settings, and one-click unsubscribe.

Every page but unsubscribe needs a login; a person only ever sees and changes their own
notifications and follows (everything is filtered by ``request.user``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import MAX_PK, FollowForm, PreferenceForm
from .models import NotificationPreference


def _next_url(request: HttpRequest, fallback: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


def _follow_change(request: HttpRequest, *, follow: bool) -> HttpResponse:
    form = FollowForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    data = form.cleaned_data
    if not follow and data.get("follow"):
        # One's own follow by id: also for what one may no longer see.
        services.unfollow(user=request.user, follow_id=data["follow"])
        messages.success(request, _("You no longer follow it."))
        return redirect(_next_url(request, reverse("notifications:settings")))
    if data.get("follow"):
        return HttpResponse(status=400)
    target = selectors.followable_get(
        viewer=request.user, model=data["model"], pk=data["object_id"]
    )
    if follow:
        services.follow(user=request.user, target=target)
    else:
        services.unfollow(user=request.user, target=target)
    if request.htmx:
        return render(
            request,
            "notifications/includes/_follow_button.html",
            {"target": target, "following": follow, "next": data.get("next")},
        )
    if follow:
        messages.success(request, _("You now follow %(target)s.") % {"target": target})
    else:
        messages.success(request, _("You no longer follow %(target)s.") % {"target": target})
    return redirect(_next_url(request, target.get_absolute_url()))


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
    page = selectors.notification_page(user=request.user, page=request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page_obj": page})


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    if pk > MAX_PK:
        raise Http404("No such notification.")
    # Nothing changed: someone else's, missing (404) or already read (fine).
    changed = services.mark_read(user=request.user, notification_id=pk)
    if not changed and not selectors.owns_notification(user=request.user, pk=pk):
        raise Http404("No such notification.")
    return redirect(_next_url(request, "notifications:list"))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked read.", "%(count)d notifications marked read.", count
        )
        % {"count": count},
    )
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
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "follows": selectors.follows_of(user=request.user),
            "preference": preference,
        },
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
