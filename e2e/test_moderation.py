"""Dialogue kept safe, in Finnish: a person comments on a news item, another reports the
rude comment, a moderator hides it with a reason (the author sees the reason, the public sees
only a placeholder) and later restores it. axe-core runs on every page, also at 375 px."""

from __future__ import annotations

import pytest

from .conftest import signed_in_context

pytestmark = pytest.mark.e2e

RUDE = "Tämä on typerin ajatus ikinä, ja kaikki valmistelijat ovat idiootteja."


@pytest.fixture
def dialogue_data(transactional_db, make_user):
    from allauth.mfa.models import Authenticator

    from kaiku.accounts.models import PlatformRole
    from kaiku.accounts.tests.factories import RoleAssignmentFactory
    from kaiku.news.tests.factories import NewsItemFactory

    item = NewsItemFactory(
        title="Henkilöstön siirto kuntiin etenee", slug="henkiloston-siirto-etenee"
    )
    moderator = make_user(full_name="Mikko Moderaattori")
    RoleAssignmentFactory(user=moderator, role=PlatformRole.MODERATOR)
    Authenticator.objects.create(
        user=moderator, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    return {
        "item": item,
        "author": make_user(full_name="Rauno Riitelijä"),
        "reporter": make_user(full_name="Outi Osallistuja"),
        "moderator": moderator,
    }


def test_report_hide_with_a_reason_and_restore(
    page, browser, live_url, live_server, login, assert_accessible, dialogue_data
):
    from kaiku.discussions.models import Comment
    from kaiku.notifications.models import Notification

    item_url = f"{live_url}{dialogue_data['item'].get_absolute_url()}"

    # The author comments on the news item.
    login(page, live_server, dialogue_data["author"])
    page.goto(item_url)
    page.locator(".comment-form textarea[name='body']").fill(RUDE)
    page.locator(".comment-form > button[type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    comment = Comment.objects.get()
    assert page.locator(f"#comment-{comment.pk}").get_by_text(RUDE).is_visible()
    assert_accessible(page)

    # Another person reports it, on a phone.
    reporter = signed_in_context(
        browser, live_url, dialogue_data["reporter"], viewport={"width": 375, "height": 800}
    )
    phone = reporter.new_page()
    phone.goto(item_url)
    phone.locator(f"#comment-{comment.pk} .report-link").click()
    phone.wait_for_url("**/moderation/report/**")
    assert_accessible(phone)
    phone.locator("input[name='reason'][value='inappropriate']").check()
    phone.locator("textarea[name='text']").fill("Nimittelee valmistelijoita.")
    phone.locator("form.form > button[type='submit']").click()
    phone.wait_for_load_state("domcontentloaded")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(phone)
    reporter.close()

    # The moderator finds it in the queue and hides it with a reason.
    moderating = signed_in_context(browser, live_url, dialogue_data["moderator"])
    desk = moderating.new_page()
    desk.goto(f"{live_url}/fi/moderation/")
    assert_accessible(desk)
    desk.locator(f"a[href*='/moderation/content/discussions.comment/{comment.pk}/']").first.click()
    desk.wait_for_url(f"**/moderation/content/discussions.comment/{comment.pk}/")
    assert desk.get_by_text("Nimittelee valmistelijoita.").is_visible()
    assert_accessible(desk)
    reason = "Loukkaava kielenkäyttö: keskustelun pelisääntö 1."
    desk.locator("textarea[name='hide-reason']").fill(reason)
    desk.locator("form[action$='/hide/'] > button[type='submit']").click()
    desk.wait_for_load_state("domcontentloaded")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == reason

    # The author sees the reason with the post and in a notification; the text stays theirs.
    page.reload()
    own = page.locator(f"#comment-{comment.pk}")
    assert own.locator(".comment__placeholder", has_text=reason).is_visible()
    assert own.get_by_text(RUDE).is_visible()
    assert Notification.objects.filter(user=dialogue_data["author"], kind="content_hidden").exists()
    assert_accessible(page)

    # The public sees only the placeholder.
    anonymous = browser.new_context(base_url=live_url, locale="fi-FI")
    visitor = anonymous.new_page()
    visitor.goto(item_url)
    assert visitor.locator(f"#comment-{comment.pk} .comment__placeholder").is_visible()
    assert RUDE not in visitor.content()
    assert_accessible(visitor)

    # The moderator restores it: everyone sees it again.
    desk.locator("textarea[name='restore-reason']").fill("Kirjoittaja pahoitteli; palautettu.")
    desk.locator("form[action$='/restore/'] > button[type='submit']").click()
    desk.wait_for_load_state("domcontentloaded")
    visitor.reload()
    assert visitor.locator(f"#comment-{comment.pk}").get_by_text(RUDE).is_visible()
    anonymous.close()
    moderating.close()
