"""The crawl: every page each role may see, on the demo data, at a phone's and a laptop's
width, in Finnish, Swedish and English.

Which routes exist and who may reach them comes from the access-control matrix
(``kaiku/core/tests/access_matrix.py``); this file only adds how to fill in a route's URL
parameters from the demo data (``_kwargs_for``) and which routes are not HTML pages
(``NOT_PAGES``). A new route in the matrix fails ``test_every_matrix_page_is_crawled``
until it is placed in one of them.

Every visit checks: the status is not 500 (and is what the role should get), ``<html lang>``
is the URL's language, nothing scrolls sideways (with the phone menu closed and open), no
console error (CSP violations included) and no uncaught exception, the header's text and
the unread badge have a contrast of at least 4.5:1, and on Finnish pages no common English
UI word is visible. axe-core runs on the Finnish pages (its rules do not depend on the
language): at 1366 px for every role, at 375 px for the first role on each route. Swedish
and English are visited at the phone width on a representative subset: shared pages as an
anonymous visitor, the front page as every role, and every signed-in page as the role that
sees the most of it.

Roles: anonymous, a person without a role or group, a group member, the secretary of the
demo group with the most content, communications, a moderator (on the areas they moderate,
``MODERATOR_AREAS``), the demo's change coordinator (on the surveys, ``COORDINATOR_AREAS``)
and an administrator. The moderator and the administrator get a recorded second factor, as
the middleware requires one of them. The member also writes a discussion and a comment of
their own (authors edit theirs) and reports the demo's hidden comment, so the moderation
queue and case page have a report to show.

Surveys: the answering pages are the demo's open round as the person without a role (whose
TE office is in its audience) and the administrator; the thank-you page is the closed first
round, which that person is recorded to have answered, and its results page (shown to
everyone signed in once it has closed) too; the builder's pages are a copy of the open round
as its next round (a draft whose questions can still be edited), as the change coordinator and
the administrator.

Teams, events and onboarding: a public team of the Häme TE office to read, another whose
member is the person without a role (members write its agreements; the administrator manages
it), the change coach directory and its forms for the change coordinator; the demo's upcoming
public lecture and its organiser's pages (the communications person, who is also the demo's
change coordinator), the live Q&A record of the last national info session (a 404 for
anonymous visitors, as the session is for the staff), the feedback survey of an earlier one,
the Häme TE office's coaching programme (seen by its organisers only among the crawl's roles);
the onboarding programme, its module, task and a newcomer's checklist, as the change
coordinator and the administrator.

Speed: the demo is loaded once for the module, one browser context per role holds that
person's session (a session cookie made by Django's test client: no login form, no second
factor to type), and one page per role is reused.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from kaiku.core.tests.access_matrix import ACCESS_MATRIX

from .conftest import (
    HEADER_CONTRAST_JS,
    axe_violations,
    format_violations,
    session_cookie,
    watch_console,
)

# ``django_db``: the test database is created for the crawl even when it runs alone, and
# what a visit writes (sessions' activity, audit rows) is rolled back after each test. The
# live server shares the test's SQLite connection, so it sees the demo loaded once per module.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

ROLES = (
    "anonymous",
    "staff",
    "member",
    "secretary",
    "communications",
    "moderator",
    "coordinator",
    "administrator",
)
SIGNED_IN = ROLES[1:]
WIDTHS = (375, 1366)
LANGUAGES = ("fi", "sv", "en")
MIN_CONTRAST = 4.5

# Levels of the matrix that are pages a browser shows, and who reaches each level.
LEVEL_ROLES = {
    "public": ROLES,
    "authenticated": SIGNED_IN,
    # The matrix's "staff" level is the moderators' pages (the queue, triage).
    "staff": ("moderator", "administrator"),
    "admin": ("administrator",),
}

# The moderator sees other pages than the people without a role only where they moderate
# (hidden posts, triage and moderation forms): the crawl visits these areas as them.
MODERATOR_AREAS = ("site", "questions", "discussions", "moderation", "search", "news")
# The change coordinator (in the demo, also the communications person) is crawled where the
# role gives more, the surveys, and where ``ONLY`` names every signed-in role.
COORDINATOR_AREAS = ("surveys",)

# Routes of a page level that do not answer GET with an HTML page: crawled elsewhere.
NOT_PAGES = {
    "healthz": "JSON for the load balancer",
    "favicon": "a redirect to the static icon",
    "core:markdown_preview": "POST only",
    "accounts:token_create": "POST only",
    "accounts:token_revoke": "POST only",
    "accounts:data_export": "POST only",
    "notifications:mark_read": "POST only",
    "notifications:mark_all_read": "POST only",
    "notifications:follow": "POST only",
    "notifications:unfollow": "POST only",
    "programme:meetings_ical": "iCal feed",
    "programme:group_meetings_ical": "iCal feed",
    "programme:document_download": "file download",
    "news:feed_rss": "feed",
    "news:feed_atom": "feed",
    "news:keyword_feed_rss": "feed",
    "news:keyword_feed_atom": "feed",
    "news:group_feed_rss": "feed",
    "news:group_feed_atom": "feed",
    # Third-party Swagger UI (English, its own colours): not in the site's navigation; the
    # accessible reference /api/docs/ links to it with a warning (docs/api.md).
    "api-explorer": "third-party explorer outside the site's navigation",
    # The same for every viewer apart from the header; rendering its whole schema with axe
    # took 45-65 s, and e2e/test_api_docs.py already visits it with axe (and the languages).
    "api-docs": "reference page visited with axe by e2e/test_api_docs.py",
    "questions:similar": "htmx partial of the ask form (the ask page is crawled)",
    "discussions:comment_link": "redirects to the comment on its target's page",
    "surveys:export_answers_csv": "file download",
    "surveys:export_answers_xlsx": "file download",
    "surveys:export_results_csv": "file download",
    "surveys:export_results_xlsx": "file download",
    "events:ical": "iCal file",
    "events:calendar_feed": "iCal feed",
    "events:material_download": "file download (or a redirect to the material's address)",
    "events:export": "file download",
    "events:live_questions": "htmx fragment of the live page (the live page is crawled)",
    "events:programme_attendance_csv": "file download",
}

# Roles that reach a route beyond its level, or only some of the level's roles (None:
# everyone the level allows).
GROUP_EDITORS = ("secretary", "administrator")
NEWS_EDITORS = ("communications", "administrator")
SURVEY_BUILDERS = ("coordinator", "administrator")
# The demo's open round is for TE offices, ELY and KEHA centres and municipal pilots: the
# person without a role (at a TE office) is in its audience; administrators see every survey.
SURVEY_AUDIENCE = ("staff", "administrator")
COORDINATORS = ("coordinator", "administrator")
# Organisers of events and coaching programmes are communications, change coordinators and
# administrators; the demo's change coordinator is its communications person (the events'
# organiser), crawled once here as "communications".
ORGANISERS = ("communications", "administrator")
TEAM_MANAGING = {
    "teams:update": {"slug": "team"},
    "teams:member_add": {"slug": "team"},
    "teams:member_update": {"slug": "team", "pk": "team_membership"},
    "teams:item_create": {"slug": "team", "kind": "team_item_kind"},
    "teams:item_update": {"slug": "team", "kind": "team_item_kind", "pk": "team_agreement"},
    "teams:item_delete": {"slug": "team", "kind": "team_item_kind", "pk": "team_agreement"},
    "teams:request_create": {"pk": "coach"},
}
EVENT_MANAGING = {
    "events:create": {},
    "events:edit": {"pk": "event"},
    "events:cancel": {"pk": "event"},
    "events:material_add": {"pk": "event"},
    "events:registrations": {"pk": "event"},
}
programme = {"pk": "onboarding_programme"}
ONBOARDING_MANAGING = {
    "onboarding:manage": {},
    "onboarding:programme_create": {},
    "onboarding:programme_detail": programme,
    "onboarding:programme_edit": programme,
    "onboarding:enrol": programme,
    "onboarding:module_create": programme,
    "onboarding:module_edit": {**programme, "module": "onboarding_module"},
    "onboarding:task_create": {**programme, "module": "onboarding_module"},
    "onboarding:task_edit": {**programme, "task": "onboarding_task"},
    "onboarding:enrolment_detail": {"pk": "enrolment"},
    "onboarding:enrolment_edit": {"pk": "enrolment"},
    "onboarding:enrolment_delete": {"pk": "enrolment"},
}
del programme
ONLY = {
    # allauth sends signed-in people on from these.
    "account_login": ("anonymous",),
    "account_signup": ("anonymous",),
    "account_reset_password": ("anonymous",),
    # Asks a signed-in person to confirm; sends anonymous visitors to the front page.
    "account_logout": SIGNED_IN,
    # A wrong secret link: the "invitation not valid" page (404).
    "accounts:invitation": ("anonymous",),
    "news:create": NEWS_EDITORS,
    "news:update": NEWS_EDITORS,
    "news:delete": NEWS_EDITORS,
    # The crawl's question is in the secretary's group: its chair and secretary answer it.
    "questions:answer": ("secretary", "moderator", "administrator"),
    # Authors edit their own discussions and comments (the member's, made for the crawl).
    "discussions:update": ("member",),
    "discussions:comment_edit": ("member",),
    "discussions:comment_delete": ("member",),
    # Those who manage surveys see every survey's page; the others only their audience's.
    "surveys:detail": (*SURVEY_AUDIENCE, "communications", "coordinator"),
    "surveys:answer": SURVEY_AUDIENCE,
    "surveys:answer_step": SURVEY_AUDIENCE,
    # Shown to those who have answered (the crawl records the staff person's participation).
    "surveys:thanks": ("staff",),
    # The closed first round's results are for the staff (everyone signed in).
    "surveys:results": tuple(role for role in SIGNED_IN if role != "moderator"),
    # Its published summary, likewise; written by those who build surveys.
    "surveys:summary": tuple(role for role in SIGNED_IN if role != "moderator"),
    "surveys:summary_edit": SURVEY_BUILDERS,
    # Teams: the leads of the managed team (none is a crawl role) and administrators; the
    # mentors and the change coach directory also for change coordinators. The person
    # without a role is a member of the team: members write and edit its items.
    **dict.fromkeys(TEAM_MANAGING, ("administrator",)),
    "teams:item_create": ("staff", "administrator"),
    "teams:item_update": ("staff", "administrator"),
    "teams:mentorship_create": COORDINATORS,
    "teams:coach_create": COORDINATORS,
    "teams:coach_update": COORDINATORS,
    # Events: the lecture's organiser (the communications person) and those who manage all.
    **dict.fromkeys(EVENT_MANAGING, ORGANISERS),
    # The live Q&A's managers, moderators included, confirm moving a question.
    "events:live_move": (*ORGANISERS, "moderator"),
    # The feedback survey of an event that has ended (an earlier info session: the demo
    # gives the last one its survey).
    "events:feedback_create": ORGANISERS,
    # The coaching programme is for the Häme TE office; its organisers see it too.
    "events:programme_detail": ORGANISERS,
    "events:programme_create": ORGANISERS,
    "events:programme_edit": ORGANISERS,
    "events:programme_sessions": ORGANISERS,
    # Onboarding is managed by change coordinators and administrators, who also see every
    # checklist (the crawl's roles are not the demo's newcomers, supervisors or mentors).
    **dict.fromkeys(ONBOARDING_MANAGING, COORDINATORS),
}
GROUP_EDITING = {
    "programme:group_update": {},
    "programme:membership_create": {},
    "programme:membership_update": {"pk": "membership"},
    "programme:document_upload": {},
    "programme:meeting_create": {},
    "programme:meeting_update": {"pk": "meeting"},
    "programme:milestone_create": {},
    "programme:milestone_update": {"pk": "milestone"},
    "programme:memo_create": {},
    "programme:memo_update": {"pk": "memo"},
    "programme:task_create": {},
    "programme:task_update": {"pk": "task"},
    "programme:goal_create": {},
    "programme:goal_update": {"pk": "goal"},
    # Confirmation pages of a soft delete (GET); the delete itself is a POST.
    "programme:group_delete": {},
    "programme:meeting_delete": {"pk": "meeting"},
    "programme:memo_delete": {"pk": "memo"},
    "programme:milestone_delete": {"pk": "milestone"},
}
ONLY.update(dict.fromkeys(GROUP_EDITING, GROUP_EDITORS))
SURVEY_BUILDING = {
    "surveys:manage": {},
    "surveys:create": {},
    "surveys:edit": {"pk": "draft_survey"},
    "surveys:build": {"pk": "draft_survey"},
    "surveys:preview": {"pk": "draft_survey"},
    "surveys:section_create": {"pk": "draft_survey"},
    "surveys:section_edit": {"pk": "draft_survey", "section": "draft_section"},
    "surveys:section_delete": {"pk": "draft_survey", "section": "draft_section"},
    "surveys:question_create": {"pk": "draft_survey", "section": "draft_section"},
    "surveys:question_edit": {"pk": "draft_survey", "question": "draft_question"},
    "surveys:question_delete": {"pk": "draft_survey", "question": "draft_question"},
    "surveys:import": {},
}
ONLY.update(dict.fromkeys(SURVEY_BUILDING, SURVEY_BUILDERS))

# Status a role gets on a page other than 200: by route, or by (route, role).
EXPECTED_STATUS: dict[str | tuple[str, str], int] = {
    "accounts:invitation": 404,
    # The live Q&A record of a staff info session: as visible as its event.
    ("events:live", "anonymous"): 404,
}

# Areas other engineers are reworking right now, where the crawl fails for a while (remove
# an entry when its area is done). (route name, role or None for all roles) -> area
REWORKED: dict[tuple[str, str | None], str] = {}

# Common English UI words that must not be visible on a Finnish page (case-sensitive).
ENGLISH_UI = re.compile(
    r"\b(Sign in|Sign up|Sign out|Log in|Log out|Save|Edit|Search|Next|Previous|Loading"
    r"|Required|Submit|Cancel|Delete|Remove|Close|Skip to main content|Notifications"
    r"|Settings|Profile|Read more|Show all|Download|Upload|Send|Back to|Add|Create"
    r"|Update|Your account|Password|Language|optional|required)\b"
)


def _kwargs_for(name: str) -> Callable[[dict], dict]:
    """How to fill in a route's URL parameters from the demo targets (see ``targets``)."""
    group = {"programme_slug": "programme_slug", "slug": "group_slug"}
    table: dict[str, dict[str, str]] = {
        "accounts:person_detail": {"pk": "person"},
        "accounts:invitation": {"token": "bad_token"},
        "organisations:detail": {"slug": "organisation"},
        "organisations:region_detail": {"slug": "region"},
        "programme:detail": {"slug": "programme_slug"},
        "programme:timeline": {"slug": "programme_slug"},
        "programme:group_detail": group,
        **{f"programme:group_{kind}": group for kind in ("meetings", "memos", "tasks", "goals")},
        "news:detail": {"slug": "news"},
        "news:update": {"slug": "news"},
        "news:delete": {"slug": "news"},
        "notifications:unsubscribe": {"token": "unsubscribe_token"},
        "questions:detail": {"pk": "question"},
        "questions:answer": {"pk": "question"},
        "discussions:programme": {"programme_slug": "programme_slug"},
        "discussions:programme_create": {"programme_slug": "programme_slug"},
        "discussions:group": group,
        "discussions:group_create": group,
        "discussions:detail": {"pk": "discussion"},
        "discussions:update": {"pk": "own_discussion"},
        "discussions:comments": {"target": "comments_target", "object_id": "comments_object"},
        "discussions:comment_reply": {"pk": "comment"},
        "discussions:comment_edit": {"pk": "own_comment"},
        "discussions:comment_delete": {"pk": "own_comment"},
        "discussions:comment_history": {"pk": "edited_comment"},
        "moderation:report": {"model": "comment_model", "pk": "comment"},
        "moderation:case": {"model": "comment_model", "pk": "hidden_comment"},
        "moderation:suspend": {"pk": "hidden_comment_author"},
        **{name: {**group, **extra} for name, extra in GROUP_EDITING.items()},
        "surveys:detail": {"pk": "open_survey"},
        "surveys:answer": {"pk": "open_survey"},
        "surveys:answer_step": {"pk": "open_survey", "step": "answer_step"},
        "surveys:thanks": {"pk": "answered_survey"},
        "surveys:results": {"pk": "answered_survey"},
        "surveys:summary": {"pk": "answered_survey"},
        "surveys:summary_edit": {"pk": "answered_survey"},
        **SURVEY_BUILDING,
        "teams:detail": {"slug": "public_team"},
        **TEAM_MANAGING,
        "teams:mentorship_create": {"slug": "team"},
        "teams:coach_update": {"pk": "coach"},
        "events:detail": {"pk": "event"},
        **EVENT_MANAGING,
        "events:live": {"pk": "live_event"},
        "events:live_move": {"pk": "live_question"},
        "events:feedback_create": {"pk": "ended_event"},
        **{
            f"events:programme_{page}": {"slug": "coaching_programme"}
            for page in ("detail", "edit", "sessions")
        },
        **ONBOARDING_MANAGING,
    }
    spec = table.get(name, {})
    return lambda targets: {key: targets[value] for key, value in spec.items()}


# A query string for pages that show little without one.
QUERIES = {"search:results": "q=lomat"}


def crawled_routes() -> list[str]:
    return sorted(
        name
        for name, level in ACCESS_MATRIX.items()
        if level in LEVEL_ROLES and name not in NOT_PAGES
    )


def roles_for(name: str) -> tuple[str, ...]:
    only = ONLY.get(name)
    if only is not None:
        return tuple(role for role in ROLES if role in only)
    allowed = LEVEL_ROLES[ACCESS_MATRIX[name]]
    area = name.split(":", 1)[0]
    left_out = {
        role
        for role, areas in (("moderator", MODERATOR_AREAS), ("coordinator", COORDINATOR_AREAS))
        if area not in areas
    }
    return tuple(role for role in allowed if role not in left_out)


def cases() -> list:
    params = []
    for name in crawled_routes():
        for role in roles_for(name):
            area = REWORKED.get((name, role)) or REWORKED.get((name, None))
            marks = (
                [pytest.mark.xfail(strict=False, reason=f"{area} being reworked")] if area else []
            )
            params.append(pytest.param(role, name, id=f"{role}-{name}", marks=marks))
    return params


# Pages visited in Swedish and English too (at the phone width): these shared pages as an
# anonymous visitor, the front page as every signed-in role (each role's header in each
# language), and every page above the public level once, as the role that sees the most of
# it (``richest_role``). The texts of a page differ between roles only in what some roles
# alone see, and the richest role sees that too. (Every role's own pages in both languages
# were 556 page loads, a third of the crawl's time, for the same texts.)
SHARED_REPRESENTATIVES = {
    "site:home",
    "news:list",
    "news:detail",
    "programme:group_detail",
    "organisations:detail",
    "account_login",
    "questions:detail",
    "discussions:detail",
    "search:results",
}


def richest_role(name: str) -> str:
    """Of the roles that reach a route, the one that sees the most of it: the last in
    ``ROLES`` (the administrator where they may)."""
    return roles_for(name)[-1]


def representative_routes(role: str) -> set[str]:
    """The routes ``role`` visits in Swedish and English too."""
    if role == "anonymous":
        return SHARED_REPRESENTATIVES
    own = {
        name
        for name in crawled_routes()
        if ACCESS_MATRIX[name] != "public" and richest_role(name) == role
    }
    return {"site:home"} | own


# --- The demo site, the sessions and the visit ---------------------------------------------


@dataclass
class CrawlSite:
    url: str
    targets: dict
    users: dict
    browser: object = None
    cookies: dict = field(default_factory=dict)
    axed: set = field(default_factory=set)  # routes axe-core has seen at the phone width
    contexts: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    console: dict = field(default_factory=dict)
    timings: list = field(default_factory=list)


def _demo_targets() -> tuple[dict, dict]:
    """Load the demo and pick a person per role and the objects the URLs need."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Count

    from kaiku.accounts.models import PlatformRole
    from kaiku.news.models import NewsItem
    from kaiku.notifications.models import Notification, NotificationPreference
    from kaiku.organisations.models import Organisation, Region
    from kaiku.programme.models import GroupGoal, GroupTask, MemberRole, Membership, WorkingGroup

    call_command("load_demo", allow_production=True, verbosity=0)
    user_model = get_user_model()
    demo = user_model.objects.filter(email__endswith="@kaiku.example")
    no_roles = demo.filter(is_superuser=False, role_assignments__isnull=True)
    administrator = demo.get(email="admin@kaiku.example")
    moderator = demo.filter(role_assignments__role=PlatformRole.MODERATOR).order_by("email").first()
    assert moderator is not None, "the demo has no moderator"
    # Moderators and administrators need a second factor (or the middleware sends them to
    # set one up); the session cookie skips the login form, not that check.
    for person in (administrator, moderator):
        Authenticator.objects.get_or_create(
            user=person, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
        )
    # The secretary of the group with the most content, who has no platform role.
    group = (
        WorkingGroup.objects.filter(
            memberships__role=MemberRole.SECRETARY,
            memberships__person__in=no_roles,
        )
        .annotate(items=Count("meetings", distinct=True) + Count("memos", distinct=True))
        .order_by("-items", "pk")
        .first()
    )
    assert group is not None, "the demo has no secretary without a platform role"
    secretary = no_roles.get(group_memberships__group=group, group_memberships__role="secretary")
    member = (
        no_roles.filter(group_memberships__role=MemberRole.MEMBER)
        .exclude(group_memberships__role__in=[MemberRole.CHAIR, MemberRole.SECRETARY])
        .order_by("email")
        .first()
    )
    users = {
        "anonymous": None,
        "staff": no_roles.filter(group_memberships__isnull=True).order_by("email").first(),
        "member": member,
        "secretary": secretary,
        "communications": demo.filter(role_assignments__role=PlatformRole.COMMUNICATIONS)
        .order_by("email")
        .first(),
        "moderator": moderator,
        "coordinator": demo.filter(role_assignments__role=PlatformRole.CHANGE_COORDINATOR)
        .order_by("email")
        .first(),
        "administrator": administrator,
    }
    missing = [role for role, user in users.items() if role != "anonymous" and user is None]
    assert not missing, f"no demo person for {missing}"

    # Everyone signed in has something unread: the header shows the badge.
    template = Notification.objects.order_by("pk").first()
    assert template is not None, "the demo has no notifications"
    for user in users.values():
        if user is not None and not Notification.objects.filter(user=user).exists():
            Notification.objects.create(
                user=user,
                kind=template.kind,
                content_type=template.content_type,
                object_id=template.object_id,
                title=template.title,
                context=template.context,
                url=template.url,
            )

    # Every kind of item has an edit page; the demo gives goals to fewer groups.
    if not group.goals.exists():
        GroupGoal.objects.create(group=group, title="Henkilöstö siirtyy hallitusti")
    if not group.tasks.exists():
        GroupTask.objects.create(group=group, title="Valmistella henkilöstösiirrot")

    def first(queryset, what):
        found = queryset.order_by("pk").first()
        assert found is not None, f"the demo group {group.slug} has no {what}"
        return found.pk

    preference, _ = NotificationPreference.objects.get_or_create(user=users["staff"])
    news = NewsItem.objects.published().order_by("-published_at").first()
    assert news is not None, "the demo has no published news"
    targets = {
        "programme_slug": group.programme.slug,
        "group_slug": group.slug,
        "membership": first(Membership.objects.filter(group=group), "members"),
        "meeting": first(group.meetings.all(), "meetings"),
        "memo": first(group.memos.all(), "memos"),
        "milestone": first(group.milestones.all(), "milestones"),
        "task": first(group.tasks.all(), "tasks"),
        "goal": first(group.goals.all(), "goals"),
        "person": Membership.objects.filter(group=group, role=MemberRole.CHAIR)
        .values_list("person_id", flat=True)
        .first()
        or secretary.pk,
        "organisation": Organisation.objects.filter(slug="keha-keskus").get().slug,
        "region": Region.objects.order_by("pk").first().slug,
        "news": news.slug,
        "unsubscribe_token": preference.unsubscribe_token,
        "bad_token": "not-a-valid-invitation-link",
        **_dialogue_targets(group, users),
        **_survey_targets(users),
        **_team_targets(),
        **_event_targets(),
        **_onboarding_targets(),
    }
    return targets, users


def _dialogue_targets(group, users) -> dict:
    """Questions, discussions, comments and moderation: the demo's, plus a discussion and a
    comment of the crawl's member (authors edit their own) and an open report."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from kaiku.core.content import Visibility
    from kaiku.core.moderation import model_key
    from kaiku.discussions.models import Comment, Discussion
    from kaiku.moderation.models import Reason, Report
    from kaiku.questions.models import Question, QuestionStatus

    question = (
        Question.objects.filter(
            group=group, status=QuestionStatus.ANSWERED, visibility=Visibility.PUBLIC
        )
        .order_by("pk")
        .first()
    )
    assert question is not None, f"the demo group {group.slug} has no answered public question"
    discussion = Discussion.objects.filter(group=group).order_by("pk").first()
    assert discussion is not None, f"the demo group {group.slug} has no discussion"
    comment = Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(Discussion), object_id=discussion.pk
    ).order_by("pk")
    comment = comment.exclude(author__in=[u for u in users.values() if u]).first()
    assert comment is not None, "the demo discussion has no comment by others than the crawl's"
    hidden = Comment.all_objects.filter(hidden_at__isnull=False).order_by("pk").first()
    assert hidden is not None, "the demo has no hidden comment"
    edited = Comment.objects.filter(edited_at__isnull=False).order_by("pk").first()
    assert edited is not None, "the demo has no edited comment"
    # The page of comments with the hidden one (the moderator sees it, with its reason).
    comments_target = hidden.content_type.model_class()

    member = users["member"]
    own = Discussion.objects.create(
        programme=group.programme,
        group=group,
        title="Perehdytyksen aikataulu",
        body="Milloin perehdytysmateriaali julkaistaan?",
        author=member,
        visibility=discussion.visibility,
        last_activity_at=timezone.now(),
    )
    own_comment = Comment.objects.create(
        content_type=ContentType.objects.get_for_model(Discussion),
        object_id=own.pk,
        author=member,
        body="Tarkennan: koskeeko tämä myös määräaikaisia?",
        visibility=own.visibility,
        group=group,
    )
    # An open report: the queue and the case page have something to show.
    Report.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id=hidden.pk,
        reporter=member,
        defaults={"reason": Reason.INAPPROPRIATE, "text": "Loukkaava kommentti."},
    )
    return {
        "question": question.pk,
        "discussion": discussion.pk,
        "own_discussion": own.pk,
        "own_comment": own_comment.pk,
        "comment": comment.pk,
        "comment_model": model_key(Comment),
        "hidden_comment": hidden.pk,
        "hidden_comment_author": hidden.author_id,
        "edited_comment": edited.pk,
        "comments_target": comments_target._meta.label_lower,
        "comments_object": hidden.object_id,
    }


def _survey_targets(users) -> dict:
    """The demo's open round (answered by the staff person and the administrator), its closed
    first round (the staff person is recorded to have answered it: the thank-you page) and its
    next round copied by the coordinator (the builder's pages: not locked by responses)."""
    from kaiku.surveys import selectors, services
    from kaiku.surveys.models import Participation, Phase, QuestionKind, Survey

    surveys = Survey.objects.filter(previous_round__isnull=False).order_by("pk")
    open_survey = next((s for s in surveys if s.phase() == Phase.OPEN), None)
    assert open_survey is not None, "the demo has no open survey round"
    answered = open_survey.previous_round
    for role in SURVEY_AUDIENCE:
        assert users[role].has_perm("surveys.answer_survey", open_survey), (
            f"the crawl's {role} is not in the audience of the demo's open survey"
        )
    Participation.objects.get_or_create(survey=answered, user=users["staff"])
    draft = services.survey_duplicate(survey=open_survey, actor=users["coordinator"])
    sections = selectors.structure(draft)
    questions = [q for s in sections for q in s.questions.all()]
    # The answering page with the most to lay out: the matrix (radio groups a row).
    matrix = next(q for q in questions if q.kind == QuestionKind.MATRIX)
    answering = [s for s in selectors.structure(open_survey) if s.questions.all()]
    step = next(
        i
        for i, s in enumerate(answering)
        if any(q.kind == QuestionKind.MATRIX for q in s.questions.all())
    )
    return {
        "open_survey": open_survey.pk,
        "answer_step": step,
        "answered_survey": answered.pk,
        "draft_survey": draft.pk,
        "draft_section": matrix.section_id,
        "draft_question": matrix.pk,
    }


def _team_targets() -> dict:
    """The Häme TE office's teams: a public one to read, one to manage (its member Tiina,
    its agreement) and the change coach Kalle."""
    from kaiku.teams.models import ChangeCoach, Team, TeamAgreement, TeamMembership

    managed = Team.objects.get(slug="nuorten-palvelujen-tiimi")
    membership = TeamMembership.objects.get(
        team=managed, person__email="tiina.tiimilainen@kaiku.example"
    )
    agreement = TeamAgreement.objects.get(team=managed, title="Etäpäivät ja toimistopäivät")
    coach = ChangeCoach.objects.get(person__email="kalle.kehittaja@kaiku.example")
    return {
        "public_team": Team.objects.get(slug="yrityspalvelutiimi").slug,
        "team": managed.slug,
        "team_membership": membership.pk,
        "team_item_kind": "agreements",
        "team_agreement": agreement.pk,
        "coach": coach.pk,
    }


def _event_targets() -> dict:
    """The upcoming public lecture (organised by the communications person), the live Q&A
    record of the last national info session, an open question of it, and the Häme TE
    office's coaching programme."""
    from kaiku.events.coaching_demo import PROGRAMME_SLUG
    from kaiku.events.demo import INFO_TITLE
    from kaiku.events.models import Event, LiveQuestion, LiveQuestionStatus

    lecture = Event.objects.get(title_fi="Luento: etäjohtaminen ja hajautetut tiimit")
    info = Event.objects.filter(title_fi=INFO_TITLE).order_by("-starts_at").first()
    assert info is not None and info.live_questions.exists(), "no live Q&A in the demo"
    question = (
        LiveQuestion.objects.filter(event=info, status=LiveQuestionStatus.OPEN)
        .order_by("pk")
        .first()
    )
    assert question is not None, "the demo's live Q&A has no open question"
    # An info session that has ended without a feedback survey: its confirmation page.
    ended = (
        Event.objects.filter(title_fi=INFO_TITLE, feedback_survey__isnull=True)
        .order_by("starts_at")
        .first()
    )
    assert ended is not None, "every demo info session has its feedback survey"
    return {
        "event": lecture.pk,
        "live_event": info.pk,
        "live_question": question.pk,
        "coaching_programme": PROGRAMME_SLUG,
        "ended_event": ended.pk,
    }


def _onboarding_targets() -> dict:
    """The demo's onboarding programme, its first module and task, and Noora's enrolment."""
    from kaiku.onboarding.demo import PROGRAMME_TITLE
    from kaiku.onboarding.models import Enrolment, Module, OnboardingProgramme, Task

    programme = OnboardingProgramme.objects.get(title_fi=PROGRAMME_TITLE)
    module = Module.objects.filter(programme=programme).order_by("pk").first()
    task = Task.objects.filter(module=module).order_by("pk").first()
    assert module is not None and task is not None, "the demo programme has no module or task"
    enrolment = Enrolment.objects.get(
        programme=programme, newcomer__email__startswith="noora.tuominen@"
    )
    return {
        "onboarding_programme": programme.pk,
        "onboarding_module": module.pk,
        "onboarding_task": task.pk,
        "enrolment": enrolment.pk,
    }


@pytest.fixture(scope="module")
def site(browser, django_db_setup, django_db_blocker) -> Iterator[CrawlSite]:
    """The demo in the test database, a live server of our own and a context per role.

    pytest-django's ``live_server`` would bring ``transactional_db``, which empties the
    database after every test; the demo is loaded once here instead (committed, before the
    first test's transaction) and the database is emptied when the module is done.
    """
    from django.core.management import call_command
    from pytest_django.live_server_helper import LiveServer

    started = time.monotonic()
    with django_db_blocker.unblock():
        targets, users = _demo_targets()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        crawl = CrawlSite(url=server.url.rstrip("/"), targets=targets, users=users, browser=browser)
        # Sessions are made here, outside the tests' transactions that roll back.
        crawl.cookies = {
            role: session_cookie(user, crawl.url) for role, user in users.items() if user
        }
        crawl.timings.append(("set-up", time.monotonic() - started))
        try:
            yield crawl
        finally:
            for context in crawl.contexts.values():
                context.close()
            # Requests still finishing would close a database connection no longer shared.
            for thread in threading.enumerate():
                if "process_request_thread" in thread.name:
                    thread.join(timeout=5)
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            total = sum(seconds for _, seconds in crawl.timings)
            print(f"\ncrawl: {len(crawl.timings) - 1} cases, {total:.1f} s")


def page_for(site: CrawlSite, role: str):
    """The role's page, in its own context that holds the role's session."""
    if role not in site.pages:
        context = site.contexts[role] = _new_context(site)
        if role in site.cookies:
            context.add_cookies([site.cookies[role]])
        page = context.new_page()
        site.console[role] = watch_console(page)
        site.pages[role] = page
    return site.pages[role]


def _new_context(site: CrawlSite):
    context = site.browser.new_context(
        base_url=site.url,
        locale="fi-FI",
        timezone_id="Europe/Helsinki",
        viewport={"width": WIDTHS[0], "height": 800},
        extra_http_headers={"Accept-Language": "fi-FI,fi;q=0.9"},
    )
    context.set_default_timeout(15_000)
    return context


# What the crawl measures on a page, in one round trip: the phone menu is opened to measure
# the header's contrast and width with it open too.
PAGE_STATE_JS = (
    """() => {
    const headerContrast = """
    + HEADER_CONTRAST_JS
    + """;
    const root = document.documentElement;
    // The visible text that is the interface's own: code and passages marked as written in
    // another language (lang="en" in an API example, lang="fi" fallback) are left out.
    const uiText = () => {
        if (!document.body) return "";
        const pageLang = (root.getAttribute("lang") || "").split("-")[0];
        const hidden = [];
        for (const el of document.body.querySelectorAll("code, pre, [lang]")) {
            const lang = (el.getAttribute("lang") || "").split("-")[0];
            if (el.matches("[lang]") && lang === pageLang) continue;
            const style = el.style;
            const display = style.getPropertyValue("display");
            hidden.push([el, display, style.getPropertyPriority("display")]);
            el.style.setProperty("display", "none", "important");
        }
        const text = document.body.innerText;
        for (const [el, value, priority] of hidden) {
            if (value) el.style.setProperty("display", value, priority);
            else el.style.removeProperty("display");
        }
        return text;
    };
    const menu = document.querySelector("details[data-site-menu]");
    const state = {
        lang: root.getAttribute("lang"),
        scrollWidth: root.scrollWidth,
        clientWidth: root.clientWidth,
        text: uiText(),
        contrast: headerContrast(),
    };
    if (menu && !menu.open) {
        menu.open = true;
        state.scrollWidthMenuOpen = root.scrollWidth;
        state.contrast = state.contrast.concat(headerContrast());
        menu.open = false;
    }
    return state;
}"""
)


def visit(site: CrawlSite, role: str, name: str, language: str, widths, axe_widths=()):
    """One page in one language, loaded once and measured at each width (the layout
    follows a resize: media queries, and kaiku.js listens to it). Returns the problems."""
    from django.urls import reverse
    from django.utils import translation

    page = page_for(site, role)
    with translation.override(language):
        path = reverse(name, kwargs=_kwargs_for(name)(site.targets))
    if name in QUERIES:
        path += "?" + QUERIES[name]
    errors = site.console[role]
    errors.clear()
    page.set_viewport_size({"width": widths[0], "height": 800})
    response = page.goto(path)
    problems = []
    expected = EXPECTED_STATUS.get((name, role), EXPECTED_STATUS.get(name, 200))
    status = response.status if response else None
    if status != expected or not page.url.startswith(site.url + path):
        # A redirect (to the login page, the second factor…) means the page was not seen.
        problems.append(f"{role} {path}: status {status}, expected {expected} at {page.url}")
        return problems
    for width in widths:
        where = f"{role} {width}px {path}"
        if width != widths[0]:
            page.set_viewport_size({"width": width, "height": 800})
        state = page.evaluate(PAGE_STATE_JS)
        if state["lang"] != language:
            problems.append(f"{where}: <html lang={state['lang']!r}>")
        for key in ("scrollWidth", "scrollWidthMenuOpen"):
            if state.get(key, 0) > state["clientWidth"]:
                problems.append(
                    f"{where}: scrolls sideways ({key} {state[key]} > {state['clientWidth']})"
                )
        for low in state["contrast"]:
            if low["ratio"] < MIN_CONTRAST:
                problems.append(
                    f"{where}: header text {low['text']!r} ({low['selector']}) contrast "
                    f"{low['ratio']:.2f}:1 ({low['color']} on {low['background']})"
                )
        if language == "fi":
            found = sorted(set(ENGLISH_UI.findall(state["text"])))
            if found:
                problems.append(f"{where}: English UI text on a Finnish page: {found}")
        if width in axe_widths:
            violations = axe_violations(page)
            if violations:
                problems.append(f"{where}: axe-core:\n{format_violations(violations)}")
    real_errors = [e for e in errors if not _expected_resource_error(e, expected)]
    if real_errors:
        problems.append(f"{role} {path}: console errors: {real_errors}")
    return problems


def _expected_resource_error(message: str, expected: int) -> bool:
    """The browser logs a page answered with 4xx as a failed resource: expected here."""
    return expected >= 400 and f"status of {expected}" in message


@pytest.mark.parametrize(("role", "name"), cases())
def test_crawl(site, role, name):
    """Finnish at both widths, axe-core at the laptop width for every role (roles see
    different content) and at the phone width for the first role on the route; Swedish and
    English at the phone width on the representative pages (``representative_routes``)."""
    started = time.monotonic()
    axe_widths = (WIDTHS[1],) if name in site.axed else WIDTHS
    site.axed.add(name)
    try:
        problems = visit(site, role, name, "fi", WIDTHS, axe_widths)
        if name in representative_routes(role):
            for language in LANGUAGES[1:]:
                problems += visit(site, role, name, language, WIDTHS[:1])
    finally:
        # A page that polls (an upcoming event's live Q&A, every 5 s) would keep asking the
        # live server, which shares the tests' database connection, between the tests.
        page_for(site, role).goto("about:blank")
    site.timings.append((f"{role} {name}", time.monotonic() - started))
    assert not problems, "\n".join(problems)


def test_every_matrix_page_is_crawled():
    """A route added to the matrix at a page level is either crawled or said not to be a
    page; its URL parameters come from the demo targets."""
    from django.urls import NoReverseMatch, reverse

    stale = sorted(set(NOT_PAGES) - set(ACCESS_MATRIX))
    assert not stale, f"NOT_PAGES lists routes the matrix does not have: {stale}"
    fake = _AnyTarget()
    unfilled = []
    for name in crawled_routes():
        try:
            reverse(name, kwargs=_kwargs_for(name)(fake))
        except NoReverseMatch:
            unfilled.append(name)
    assert not unfilled, f"Say how the crawl fills in the URL of: {unfilled}"


class _AnyTarget(dict):
    """Demo targets for checking that a URL can be filled in: "1" fits every converter."""

    def __missing__(self, key):
        return "1"
