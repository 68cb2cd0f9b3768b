from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from kaiku.core.models import AuditAction, AuditEvent
from kaiku.moderation import services
from kaiku.moderation.models import Reason, Report, Status

from .conftest import Post, make_post

pytestmark = pytest.mark.django_db

KEY = "moderation_tests.post"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _url(name, post, **extra):
    return reverse(f"moderation:{name}", kwargs={"model": KEY, "pk": post.pk, **extra})


# --- The guidelines ----------------------------------------------------------------------------


def test_the_guidelines_are_public_and_linked_from_every_page(client):
    response = client.get(reverse("moderation:guidelines"))
    assert response.status_code == 200
    text = response.content.decode()
    for heading in ("Be respectful", "Protect personal data", "Stay on topic", "How to appeal"):
        assert heading in text
    home = client.get(reverse("site:home")).content.decode()
    assert f'href="{reverse("moderation:guidelines")}"' in home


# --- Reporting ---------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, post):
    response = client.get(_url("report", post))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_signed_in_person_reports_with_a_reason(client, people, post):
    client.force_login(people["staff"])
    form = client.get(_url("report", post))
    assert form.status_code == 200
    assert reverse("moderation:guidelines") in form.content.decode()
    response = client.post(_url("report", post), {"reason": Reason.SPAM, "text": "Mainos"})
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.text) == (people["staff"], "spam", "Mainos")
    again = client.get(_url("report", post))
    assert "already reported" in again.content.decode()


def test_a_report_without_a_reason_is_refused_with_a_message(client, people, post):
    client.force_login(people["staff"])
    response = client.post(_url("report", post), {"reason": "other", "text": ""})
    assert response.status_code == 400
    assert "Tell the moderators what is wrong." in response.content.decode()
    assert not Report.objects.exists()


def test_over_the_daily_limit_the_form_says_so(client, people):
    reporter = people["staff"]
    posts = [make_post(people["author"], text=f"Viesti {n}") for n in range(21)]
    for post in posts[:20]:
        services.report(obj=post, reporter=reporter, reason=Reason.SPAM)
    client.force_login(reporter)
    response = client.post(_url("report", posts[20]), {"reason": Reason.SPAM})
    assert response.status_code == 400
    assert "reached the limit of 20" in response.content.decode()
    assert Report.objects.count() == 20


def test_a_suspended_person_sees_why_they_cannot_report(client, people, post):
    person = people["staff"]
    services.suspend(
        person=person,
        actor=people["moderator"],
        until=timezone.now() + datetime.timedelta(days=1),
        reason="Häirintä",
    )
    client.force_login(person)
    response = client.post(_url("report", post), {"reason": Reason.SPAM})
    assert response.status_code == 400
    assert "Your account is suspended until" in response.content.decode()


def test_the_author_is_not_offered_a_report_form(client, people, post):
    client.force_login(people["author"])
    response = client.post(_url("report", post), {"reason": Reason.SPAM})
    assert "your own post" in response.content.decode()
    assert not Report.objects.exists()


def test_what_one_may_not_see_cannot_be_reported(client, people):
    hidden = make_post(people["author"], hidden_at=timezone.now())
    client.force_login(people["staff"])
    assert client.get(_url("report", hidden)).status_code == 404
    bad = reverse("moderation:report", kwargs={"model": "accounts.user", "pk": 1})
    assert client.get(bad).status_code == 404


def test_the_third_reporter_is_not_sent_to_a_post_that_is_now_hidden(client, people, post):
    first, second, third, _ = people["reporters"]
    services.report(obj=post, reporter=first, reason=Reason.SPAM)
    services.report(obj=post, reporter=second, reason=Reason.SPAM)
    client.force_login(third)
    response = client.post(_url("report", post), {"reason": Reason.SPAM})
    assert response["Location"] == reverse("moderation:guidelines")
    post.refresh_from_db()
    assert post.hidden_at is not None


# --- The report link ---------------------------------------------------------------------------


def _link(user, obj) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load moderation %}{% report_link obj %}")
    return template.render(Context({"request": request, "obj": obj}))


def test_the_report_link(people, post):
    from django.contrib.auth.models import AnonymousUser

    assert _link(AnonymousUser(), post).strip() == ""
    assert _link(people["author"], post).strip() == ""
    link = _link(people["staff"], post)
    assert _url("report", post) in link and "Report" in link
    assert _url("case", post) in _link(people["moderator"], post)
    assert _link(people["staff"], people["staff"]).strip() == ""  # not moderated content


def test_the_report_link_markup(people, post):
    from kaiku.core.moderation import moderation_of

    label = moderation_of(type(post)).excerpt(post)[:80]
    assert _link(people["staff"], post) == (
        f'<a class="report-link" href="{_url("report", post)}" rel="nofollow">Report'
        f'<span class="visually-hidden">: {escape(label)}</span></a>\n'
    )
    assert _link(people["moderator"], post) == (
        f'<a class="report-link" href="{_url("case", post)}">Moderate'
        f'<span class="visually-hidden">: {escape(label)}</span></a>\n'
    )


# --- The queue ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 403), ("author", 403), ("moderator", 200), ("admin", 200)],
)
def test_the_queue_is_for_moderators_and_administrators(client, people, who, status):
    client.force_login(people[who])
    assert client.get(reverse("moderation:queue")).status_code == status


def test_the_queue_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("moderation:queue"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def _reported(people, count):
    posts = []
    for n in range(count):
        post = make_post(people["author"], text=f"Ilmoitettu viesti {n}")
        Report.objects.create(
            content_type_id=_content_type_id(),
            object_id=post.pk,
            reporter=people["reporters"][n % 4],
            reason=Reason.SPAM if n % 2 else Reason.OFF_TOPIC,
        )
        posts.append(post)
    return posts


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Post).pk


def test_the_queue_shows_reported_posts_with_counts_and_reasons(client, people, post):
    for reporter in people["reporters"][:2]:
        services.report(obj=post, reporter=reporter, reason=Reason.INAPPROPRIATE)
    client.force_login(people["moderator"])
    text = client.get(reverse("moderation:queue")).content.decode()
    assert "Tyhmä kommentti" in text
    assert "2 open reports" in text
    assert "Harassment or inappropriate language (2)" in text
    assert _url("case", post) in text
    assert post.get_absolute_url() in text


def test_the_queue_costs_the_same_queries_for_many_rows(
    client, people, django_assert_max_num_queries
):
    _reported(people, 2)
    client.force_login(people["moderator"])
    client.get(reverse("moderation:queue"))  # warm the content type cache
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("moderation:queue"))
    _reported(people, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("moderation:queue"))
    assert response.content.decode().count("Ilmoitettu viesti") >= 22


def test_the_queue_filters(client, people):
    off_topic, spam = _reported(people, 2)
    services.hide(obj=off_topic, actor=people["moderator"], reason="Asiaton")
    client.force_login(people["moderator"])
    queue = reverse("moderation:queue")

    def shown(**params):
        text = client.get(queue, params).content.decode()
        return {p.text for p in (spam, off_topic) if p.text in text}

    assert shown() == {spam.text}  # open reports by default
    assert shown(status="decided") == {off_topic.text}
    assert shown(status="all") == {spam.text, off_topic.text}
    assert shown(status="all", reason="off_topic") == {off_topic.text}
    assert shown(status="all", hidden="hidden") == {off_topic.text}
    assert shown(status="all", hidden="visible") == {spam.text}
    assert shown(status="all", content_type=KEY) == {spam.text, off_topic.text}
    # An unknown value is no filter (as if it were not given).
    assert shown(status="all", content_type="questions.nothing") == {spam.text, off_topic.text}
    assert client.get(queue, {"status": "bogus", "reason": "<x>"}).status_code == 200


# --- Decisions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["staff", "author"])
def test_only_moderators_decide(client, people, post, who):
    client.force_login(people[who])
    assert client.get(_url("case", post)).status_code == 403
    for action in ("hide", "restore", "dismiss"):
        assert client.post(_url(action, post), {"hide-reason": "x"}).status_code == 403
    post.refresh_from_db()
    assert post.hidden_at is None


def test_hide_and_restore_from_the_case_page(client, people, post):
    client.force_login(people["moderator"])
    assert client.get(_url("case", post)).status_code == 200
    response = client.post(_url("hide", post), {"hide-reason": ""})
    assert response.status_code == 400
    post.refresh_from_db()
    assert post.hidden_at is None
    response = client.post(_url("hide", post), {"hide-reason": "Asiaton kielenkäyttö."})
    assert response.status_code == 302
    client.post(_url("hide", post), {"hide-reason": "Asiaton kielenkäyttö."})  # double submit
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_HIDDEN).count() == 1
    post.refresh_from_db()
    assert post.hidden_reason == "Asiaton kielenkäyttö."
    page = client.get(_url("case", post)).content.decode()
    assert "Asiaton kielenkäyttö." in page
    client.post(_url("restore", post), {"restore-reason": "Harkittu uudelleen."})
    post.refresh_from_db()
    assert post.hidden_at is None


def test_dismiss_from_the_case_page(client, people, post):
    services.report(obj=post, reporter=people["reporters"][0], reason=Reason.OFF_TOPIC)
    client.force_login(people["moderator"])
    assert client.post(_url("dismiss", post)).status_code == 302
    assert Report.objects.get().status == Status.DISMISSED


def test_unknown_content_is_404_for_moderators(client, people):
    client.force_login(people["moderator"])
    url = reverse("moderation:case", kwargs={"model": KEY, "pk": 999999})
    assert client.get(url).status_code == 404


# --- Suspension --------------------------------------------------------------------------------


def test_suspend_for_a_week_and_lift(client, people):
    person = people["author"]
    url = reverse("moderation:suspend", kwargs={"pk": person.pk})
    client.force_login(people["staff"])
    assert client.get(url).status_code == 403
    client.force_login(people["moderator"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"duration": "7d", "reason": "Toistuva häirintä."})
    assert response.status_code == 302
    person.refresh_from_db()
    expected = timezone.now() + datetime.timedelta(days=7)
    assert abs((person.suspended_until - expected).total_seconds()) < 60
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "Toistuva häirintä." in queue and person.display_name in queue
    client.post(reverse("moderation:unsuspend", kwargs={"pk": person.pk}))
    person.refresh_from_db()
    assert person.suspended_until is None


def test_a_custom_suspension_needs_a_future_day_and_a_reason(client, people):
    person = people["author"]
    url = reverse("moderation:suspend", kwargs={"pk": person.pk})
    client.force_login(people["moderator"])
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    for data in (
        {"duration": "custom", "reason": "Syy"},
        {"duration": "custom", "until": yesterday, "reason": "Syy"},
        {"duration": "1d", "reason": " "},
        {"duration": "forever", "reason": "Syy"},
        {"duration": "custom", "until": "9999-12-31", "reason": "Syy"},  # over a year
        {"duration": "custom", "until": "2027-02-30", "reason": "Syy"},  # no such day
        {"duration": "custom", "until": "0001-01-01", "reason": "Syy"},
    ):
        assert client.post(url, data).status_code == 400
    person.refresh_from_db()
    assert person.suspended_until is None
    tomorrow = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    client.post(url, {"duration": "custom", "until": tomorrow, "reason": "Syy"})
    person.refresh_from_db()
    assert timezone.localtime(person.suspended_until).date().isoformat() == tomorrow


# --- The admin ---------------------------------------------------------------------------------


def test_suspension_in_the_admin_goes_through_the_service(client, people):
    from kaiku.core.models import AuditAction, AuditEvent

    admin = people["admin"]
    admin.is_staff = True
    admin.is_superuser = True
    admin.save()
    person = people["author"]
    client.force_login(admin)
    url = reverse("admin:moderation_suspendedaccount_change", args=[person.pk])
    assert client.get(url).status_code == 200
    past = {"suspended_until_0": "2020-01-01", "suspended_until_1": "12:00:00"}
    response = client.post(url, {**past, "suspension_reason": "Syy"})
    assert response.status_code == 200  # the form again, with the error
    person.refresh_from_db()
    assert person.suspended_until is None
    until = timezone.localtime(timezone.now() + datetime.timedelta(days=2))
    data = {
        "suspended_until_0": until.date().isoformat(),
        "suspended_until_1": until.strftime("%H:%M:%S"),
        "suspension_reason": "Häirintä",
    }
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.suspended_until is not None and person.suspension_reason == "Häirintä"
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_SUSPENDED, actor=admin).exists()
