from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from . import selectors, services
from .forms import AccountRemoveForm, ProfileForm
from .languages import language_names
from .models import User


def _profile_context(request: HttpRequest, form: ProfileForm, new_token_key: str = "") -> dict:
    user = request.user
    return {
        "person": user,
        "form": form,
        "token": selectors.api_token_of(user),
        # The key is shown once, in the answer to creating it; only its hash is stored.
        "new_token_key": new_token_key,
        "language_names": language_names(user.languages),
    }


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        # Validate a copy so that a refused edit leaves request.user (the header) untouched.
        form = ProfileForm(request.POST, instance=User.objects.get(pk=user.pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            services.profile_update(user=user, actor=user, **fields)
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
        messages.error(request, _("The profile was not saved. Please correct the errors below."))
        return render(request, "accounts/profile.html", _profile_context(request, form))
    form = ProfileForm(instance=user)
    return render(request, "accounts/profile.html", _profile_context(request, form))


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    try:
        token = services.token_create(user=request.user, actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:profile")
    messages.success(request, _("Your API token has been created. Copy it now."))
    # Rendered right here, not via a redirect, so the key is never stored, not even in the
    # session.
    response = render(
        request,
        "accounts/profile.html",
        _profile_context(request, ProfileForm(instance=request.user), new_token_key=token.key),
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    if services.token_revoke(user=request.user, actor=request.user, request=request):
        messages.success(request, _("Your API token has been revoked."))
    return redirect("accounts:profile")


@login_required
@require_POST
def data_export(request: HttpRequest) -> HttpResponse:
    data = services.personal_data_export(user=request.user, request=request)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"kaiku-personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_remove(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST" and services.account_remove_blocked(user=user, request=request):
        # Checked before the password, so guessing is cut off even with a right guess.
        context = {
            "form": AccountRemoveForm(user=user),
            "blocked_message": services.ACCOUNT_REMOVE_LOCKED_MESSAGE,
        }
        return render(request, "accounts/account_remove.html", context, status=429)
    form = AccountRemoveForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            services.account_remove(user=user, request=request)
            messages.success(request, _("Your account has been removed."))
            return redirect("site:home")
        services.account_remove_failed(user=user, request=request)
    return render(request, "accounts/account_remove.html", {"form": form})


@require_GET
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation email: remember the invitation, then go to sign-up.

    A person who is already logged in with the invited address accepts it at once.
    """
    found = selectors.invitation_for_token(token)
    if found is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        if not services.invitation_use(invitation=found, user=request.user, request=request):
            return render(
                request, "accounts/invitation_invalid.html", {"other_address": True}, status=403
            )
        messages.success(request, _("The invitation has been accepted."))
        return redirect("site:home")
    request.session[selectors.INVITATION_SESSION_KEY] = found.pk
    return redirect(f"{reverse('account_signup')}?{urlencode({'email': found.email})}")


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for_viewer(viewer=request.user, pk=pk)
    if person is None:
        # Same answer as a missing person, so existence does not leak.
        raise Http404
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "language_names": language_names(person.languages),
            "can_edit": request.user.pk == person.pk,
        },
    )


@require_http_methods(["GET", "POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, and a logged-in person's choice stored on their profile.

    A view, not a middleware: CSRF protection has run before it, so a forged POST (403)
    changes nothing.

    Django translates ``next`` by resolving it in the active language, which here (outside
    the language-prefixed URLs) comes from the cookie or the browser's Accept-Language: a
    browser preferring English would be sent back to the Finnish page it left. Resolve it
    in the language its own prefix names instead.
    """
    next_path = urlsplit(request.POST.get("next", request.GET.get("next")) or "").path
    language = translation.get_language_from_path(next_path) or translation.get_language()
    with translation.override(language):
        response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.preferred_language_set(
            user=request.user, language=request.POST.get("language", "")
        )
    return response
