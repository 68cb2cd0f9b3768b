"""Team pages: thin views over selectors.py and services.py.

A team the viewer may not see is a 404 on every page of it, action URLs included; so is an
item of it they may not see. Writes the viewer may not make on a team they do see are 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.form_views import save_form
from kaiku.core.predicates import is_administrator
from kaiku.core.ratelimit import RateLimitError

from . import panels, selectors, services
from .forms import (
    AgreementForm,
    CoachFilterForm,
    CoachForm,
    CoachingAnswerForm,
    CoachingRequestForm,
    ImprovementForm,
    MemberAddForm,
    MemberUpdateForm,
    MentorshipForm,
    MoveForm,
    SessionForm,
    TeamFilterForm,
    TeamForm,
)
from .models import (
    ChangeCoach,
    CoachingRequest,
    Improvement,
    ImprovementStage,
    Team,
    TeamAgreement,
    TeamMembership,
    TeamSession,
)

# The kinds of item a team writes, by their URL segment.
KINDS = {
    "agreements": {
        "model": TeamAgreement,
        "form": AgreementForm,
        "anchor": "agreements",
        "add": gettext_lazy("Add an agreement"),
        "edit": gettext_lazy("Edit the agreement"),
    },
    "sessions": {
        "model": TeamSession,
        "form": SessionForm,
        "anchor": "sessions",
        "add": gettext_lazy("Log a change session"),
        "edit": gettext_lazy("Edit the change session"),
    },
    "improvements": {
        "model": Improvement,
        "form": ImprovementForm,
        "anchor": "board",
        "add": gettext_lazy("Add an improvement idea"),
        "edit": gettext_lazy("Edit the improvement"),
    },
}


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _team(request: HttpRequest, slug: str) -> Team:
    try:
        return selectors.team_get_for(viewer=request.user, slug=slug)
    except Team.DoesNotExist:
        raise Http404 from None


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _pk(pk: int) -> int:
    if pk > selectors.MAX_PK:
        raise Http404
    return pk


# --- Reading ------------------------------------------------------------------------------------


@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    form = TeamFilterForm(request.GET or None)
    office = form.valid_office()
    teams = list(selectors.team_list(viewer=request.user, office=office))
    return render(
        request,
        "teams/team_list.html",
        {
            "form": form,
            "teams": teams,
            "can_create": request.user.has_perm("teams.add_team"),
        },
    )


def _detail_context(request: HttpRequest, team: Team) -> dict:
    user = request.user
    membership = selectors.membership_of(viewer=user, team=team)
    see_members = selectors.may_see_members(viewer=user, membership=membership)
    can_contribute = user.has_perm("teams.contribute", team)
    can_manage = user.has_perm("teams.change_team", team)
    mentorships = list(selectors.mentors_in_team(team=team)) if user.is_authenticated else []
    return {
        "team": team,
        "membership": membership,
        "members": list(selectors.members_of(team)) if see_members else None,
        "agreements": list(selectors.agreements_of(viewer=user, team=team)),
        "sessions": list(selectors.sessions_of(viewer=user, team=team)),
        "board": selectors.board_of(viewer=user, team=team),
        "can_contribute": can_contribute,
        "can_manage": can_manage,
        "can_assign_mentor": user.has_perm("teams.assign_mentor", team),
        "can_request": can_manage,
        "requests": (
            list(selectors.requests_of_team(team))
            if user.has_perm("teams.see_requests", team)
            else None
        ),
        "my_mentors": [m for m in mentorships if m.mentee_id == user.pk],
        "mentorships": mentorships if see_members else [],
        "move_form": MoveForm(),
    }


@require_GET
def team_detail(request: HttpRequest, slug: str) -> HttpResponse:
    team = _team(request, slug)
    context = _detail_context(request, team)
    # What other capabilities show on the team's page (``panels.py``): its events.
    context["team_panels"] = panels.panels_for(request, team)
    return render(request, "teams/team_detail.html", context)


# --- Teams and members --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request: HttpRequest) -> HttpResponse:
    _require(request, "teams.add_team")
    form = TeamForm(_data(request), initial={"visibility": "staff"})
    if request.method == "POST":
        if form.wants_preview():
            return render(request, "teams/team_form.html", {"form": form, "creating": True})
        done = save_form(
            request,
            form,
            lambda: services.team_create(
                creator=request.user,
                offices=list(form.cleaned_data["offices"]),
                request=request,
                **form.service_data(),
            ),
            success=_("The team was created. You are its lead."),
            next_url=lambda team: team.get_absolute_url(),
            once=True,
        )
        if done is not None:
            return done
        return render(request, "teams/team_form.html", {"form": form, "creating": True}, status=400)
    return render(request, "teams/team_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def team_update(request: HttpRequest, slug: str) -> HttpResponse:
    team = _team(request, slug)
    _require(request, "teams.change_team", team)
    form = TeamForm(_data(request), instance=team)
    context = {"form": form, "team": team}
    if request.method == "POST":
        if form.wants_preview():
            return render(request, "teams/team_form.html", context)
        done = save_form(
            request,
            form,
            lambda: services.team_update(
                team=team,
                actor=request.user,
                offices=list(form.cleaned_data["offices"]),
                **form.service_data(),
            ),
            success=_("The team was saved."),
            next_url=lambda _saved: team.get_absolute_url(),
        )
        if done is not None:
            return done
        return render(request, "teams/team_form.html", context, status=400)
    return render(request, "teams/team_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    team = _team(request, slug)
    _require(request, "teams.change_team", team)
    form = MemberAddForm(_data(request), team=team)
    context = {"form": form, "team": team, "title": _("Add a member")}
    if request.method == "POST":
        done = save_form(
            request,
            form,
            lambda: services.member_add(
                team=team, actor=request.user, request=request, **form.cleaned_data
            ),
            success=_("The member was added."),
            next_url=team.get_absolute_url() + "#members",
            once=True,
        )
        if done is not None:
            return done
        return render(request, "teams/form.html", context, status=400)
    return render(request, "teams/form.html", context)


def _membership(team: Team, pk: int) -> TeamMembership:
    try:
        return TeamMembership.objects.select_related("person", "team").get(team=team, pk=_pk(pk))
    except TeamMembership.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def member_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    team = _team(request, slug)
    _require(request, "teams.change_team", team)
    membership = _membership(team, pk)
    form = MemberUpdateForm(_data(request), instance=membership)
    context = {
        "form": form,
        "team": team,
        "title": _("Role and office of %(name)s") % {"name": membership.person.display_name},
        "remove_url": reverse("teams:member_remove", kwargs={"slug": team.slug, "pk": pk}),
    }
    if request.method == "POST":
        done = save_form(
            request,
            form,
            lambda: services.member_update(
                membership=membership, actor=request.user, request=request, **form.cleaned_data
            ),
            success=_("The membership was saved."),
            next_url=team.get_absolute_url() + "#members",
        )
        if done is not None:
            return done
        return render(request, "teams/form.html", context, status=400)
    return render(request, "teams/form.html", context)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    team = _team(request, slug)
    _require(request, "teams.change_team", team)
    try:
        membership = TeamMembership.objects.select_related("team").get(team=team, pk=_pk(pk))
    except TeamMembership.DoesNotExist:
        # Already removed (a double submit): nothing to do.
        return redirect(team.get_absolute_url() + "#members")
    try:
        services.member_remove(membership=membership, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The member was removed from the team."))
    return redirect(team.get_absolute_url() + "#members")


# --- Items --------------------------------------------------------------------------------------


def _kind(kind: str) -> dict:
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    spec = _kind(kind)
    team = _team(request, slug)
    _require(request, "teams.contribute", team)
    form = spec["form"](_data(request), team=team)
    context = {"form": form, "team": team, "title": spec["add"]}
    if request.method == "POST":
        if form.wants_preview():
            return render(request, "teams/form.html", context)
        done = save_form(
            request,
            form,
            lambda: services.item_create(
                model=spec["model"], team=team, author=request.user, **form.service_data()
            ),
            success=_("Saved."),
            next_url=team.get_absolute_url() + f"#{spec['anchor']}",
            once=True,
        )
        if done is not None:
            return done
        return render(request, "teams/form.html", context, status=400)
    return render(request, "teams/form.html", context)


def _item(request: HttpRequest, team: Team, model, pk: int):
    try:
        return selectors.item_get_for(viewer=request.user, model=model, team=team, pk=pk)
    except model.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def item_update(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    spec = _kind(kind)
    team = _team(request, slug)
    item = _item(request, team, spec["model"], pk)
    _require(request, "teams.change_item", item)
    form = spec["form"](_data(request), instance=item, team=team)
    context = {"form": form, "team": team, "title": spec["edit"]}
    if request.user.has_perm("teams.delete_item", item):
        context["delete_url"] = reverse(
            "teams:item_delete", kwargs={"slug": team.slug, "kind": kind, "pk": item.pk}
        )
    if request.method == "POST":
        if form.wants_preview():
            return render(request, "teams/form.html", context)
        done = save_form(
            request,
            form,
            lambda: services.item_update(item=item, actor=request.user, **form.service_data()),
            success=_("Saved."),
            next_url=team.get_absolute_url() + f"#{spec['anchor']}",
        )
        if done is not None:
            return done
        return render(request, "teams/form.html", context, status=400)
    return render(request, "teams/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    spec = _kind(kind)
    team = _team(request, slug)
    item = _item(request, team, spec["model"], pk)
    _require(request, "teams.delete_item", item)
    back = team.get_absolute_url() + f"#{spec['anchor']}"
    if request.method == "POST":
        services.item_delete(item=item, actor=request.user, request=request)
        messages.success(request, _("Deleted. An administrator can restore it."))
        return redirect(back)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "title": _("Delete “%(title)s”?") % {"title": item.title},
            "consequences": [
                _("It disappears from the team's page."),
                _("An administrator can restore it."),
            ],
            "cancel_url": back,
        },
    )


@login_required
@require_POST
def improvement_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Move a card to another column. With htmx the board is answered in place; without
    JavaScript the team page, at the board."""
    team = _team(request, slug)
    card = _item(request, team, Improvement, pk)
    _require(request, "teams.change_item", card)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a stage of the board."), status=400)
    stage = form.cleaned_data["stage"]
    moved = services.improvement_move(improvement=card, stage=stage, actor=request.user)
    label = ImprovementStage(stage).label
    status = (
        _("“%(title)s” moved to %(stage)s.") % {"title": card.title, "stage": label}
        if moved
        else _("“%(title)s” is already in %(stage)s.") % {"title": card.title, "stage": label}
    )
    if request.htmx:
        context = _detail_context(request, team)
        context["board_status"] = status
        context["focus_card"] = card.pk
        return render(request, "teams/includes/_board.html", context)
    messages.success(request, status)
    return redirect(team.get_absolute_url() + f"#card-{card.pk}")


# --- Change coaches -----------------------------------------------------------------------------


@login_required
@require_GET
def coach_list(request: HttpRequest) -> HttpResponse:
    form = CoachFilterForm(request.GET or None)
    filters = form.valid_filters()
    coaches = list(selectors.coach_list(**filters))
    return render(
        request,
        "teams/coach_list.html",
        {
            "form": form,
            "coaches": coaches,
            "can_manage": request.user.has_perm("teams.manage_coaches"),
            "led_teams": list(selectors.led_teams(request.user)),
            "is_coach": ChangeCoach.objects.filter(person_id=request.user.pk).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def coach_create(request: HttpRequest) -> HttpResponse:
    _require(request, "teams.manage_coaches")
    return _coach_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def coach_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "teams.manage_coaches")
    try:
        coach = ChangeCoach.objects.select_related("person").get(pk=_pk(pk))
    except ChangeCoach.DoesNotExist:
        raise Http404 from None
    return _coach_form(request, coach)


def _coach_form(request: HttpRequest, coach: ChangeCoach | None) -> HttpResponse:
    form = CoachForm(_data(request), instance=coach)
    title = _("Add a change coach") if coach is None else coach.person.display_name
    context = {"form": form, "title": title, "back": reverse("teams:coaches")}

    def save():
        if coach is None:
            return services.coach_create(actor=request.user, **form.cleaned_data)
        return services.coach_update(coach=coach, actor=request.user, **form.cleaned_data)

    if request.method == "POST":
        done = save_form(
            request, form, save, success=_("The change coach was saved."), next_url="teams:coaches"
        )
        if done is not None:
            return done
        return render(request, "teams/form.html", context, status=400)
    return render(request, "teams/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def coaching_request_create(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        coach = ChangeCoach.objects.select_related("person").get(pk=_pk(pk))
    except ChangeCoach.DoesNotExist:
        raise Http404 from None
    # A lead asks for a team they lead; an administrator for any team.
    teams = (
        Team.objects.filter(archived_at__isnull=True).order_by("name")
        if is_administrator(request.user)
        else selectors.led_teams(request.user)
    )
    if not teams.exists():
        raise PermissionDenied
    form = CoachingRequestForm(_data(request), teams=teams)
    if request.method == "GET" and request.GET.get("team"):
        form.initial["team"] = teams.filter(slug=request.GET["team"]).first()
    context = {
        "form": form,
        "title": _("Ask %(name)s for coaching") % {"name": coach.person.display_name},
        "coach": coach,
        "back": reverse("teams:coaches"),
    }
    if request.method == "POST":
        done = save_form(
            request,
            form,
            lambda: services.coaching_request_create(
                team=form.cleaned_data["team"],
                coach=coach,
                requested_by=request.user,
                message=form.cleaned_data["message"],
            ),
            success=_("The request was sent to the coach."),
            next_url=lambda r: r.team.get_absolute_url() + "#coaching",
            once=True,
            refusals=(ValidationError, RateLimitError),
        )
        if done is not None:
            return done
        return render(request, "teams/form.html", context, status=400)
    return render(request, "teams/form.html", context)


@login_required
@require_GET
def coach_requests(request: HttpRequest) -> HttpResponse:
    """The coaching requests made to the viewer as a coach."""
    rows = list(selectors.requests_to(coach_person=request.user))
    return render(
        request,
        "teams/coach_requests.html",
        {"requests": rows, "answer_form": CoachingAnswerForm()},
    )


@login_required
@require_POST
def coaching_request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        row = CoachingRequest.objects.select_related("coach__person", "team").get(pk=_pk(pk))
    except CoachingRequest.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("teams.answer_request", row):
        raise Http404
    form = CoachingAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.coaching_request_answer(
                request=row,
                status=form.cleaned_data["status"],
                response=form.cleaned_data["response"],
                actor=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your answer was sent to the team."))
    else:
        messages.error(request, _("Choose an answer."))
    return redirect(reverse("teams:coach_requests") + f"#request-{row.pk}")


# --- Mentors ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def mentorship_create(request: HttpRequest, slug: str) -> HttpResponse:
    team = _team(request, slug)
    _require(request, "teams.assign_mentor", team)
    form = MentorshipForm(_data(request), team=team)
    context = {"form": form, "team": team, "title": _("Assign a mentor")}
    if request.method == "POST":
        fields = ("mentor", "mentee", "starts_on", "ends_on")
        done = save_form(
            request,
            form,
            lambda: services.mentorship_create(
                team=team, actor=request.user, **{k: form.cleaned_data[k] for k in fields}
            ),
            success=_("The mentor was assigned."),
            next_url=team.get_absolute_url() + "#members",
            once=True,
        )
        if done is not None:
            return done
        return render(request, "teams/form.html", context, status=400)
    return render(request, "teams/form.html", context)


@login_required
@require_GET
def my_mentees(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "teams/mentees.html",
        {"mentorships": list(selectors.mentees_of(request.user))},
    )
