"""Questions in Finnish, in the browser: a staff member types a question and similar questions
appear while they type; they press "I have this question too" instead of asking again. A
moderator assigns the question to a working group, the group's secretary answers it, and the
staff member finds the answer among their notifications. axe-core runs on every page, and
the pages are checked at a phone's width (375 px)."""

from __future__ import annotations

import pytest

from .conftest import signed_in_context

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def questions_data(transactional_db, make_user):
    from allauth.mfa.models import Authenticator

    from kaiku.accounts.models import PlatformRole
    from kaiku.accounts.tests.factories import RoleAssignmentFactory
    from kaiku.core.models import RateEvent
    from kaiku.organisations.tests.factories import OrganisationFactory
    from kaiku.programme.models import MemberRole
    from kaiku.programme.tests.factories import MembershipFactory
    from kaiku.questions import services
    from kaiku.questions.similar import reset_index
    from kaiku.questions.tests.factories import ProgrammeFactory, WorkingGroupFactory

    reset_index()
    programme = ProgrammeFactory(name="TE2024-uudistus", slug="te24")
    group = WorkingGroupFactory(
        programme=programme, name="Henkilöstöasioiden työryhmä", slug="henkilosto"
    )
    organisation = OrganisationFactory(name="KEHA-keskus")
    secretary = make_user(full_name="Sanna Sihteeri", organisation=organisation)
    MembershipFactory(group=group, person=secretary, role=MemberRole.SECRETARY)
    moderator = make_user(full_name="Mikko Moderaattori")
    RoleAssignmentFactory(user=moderator, role=PlatformRole.MODERATOR)
    Authenticator.objects.create(
        user=moderator, type=Authenticator.Type.TOTP, data={"secret": "not-a-real-secret"}
    )
    staff = make_user(full_name="Tiina Työntekijä")
    asker = make_user(full_name="Kalle Kysyjä")
    question = services.question_ask(
        author=asker,
        programme=programme,
        title="Miten vuosiloma siirtyy uudelle työnantajalle?",
        body="Minulla on säästövapaita.",
    )
    services.question_ask(
        author=make_user(full_name="Toinen Kysyjä"),
        programme=programme,
        title="Missä toimipisteessä työskentelen vuonna 2025?",
    )
    RateEvent.objects.all().delete()
    yield {
        "question": question,
        "group": group,
        "secretary": secretary,
        "moderator": moderator,
        "staff": staff,
    }
    reset_index()


def test_ask_join_assign_answer_and_notify(
    page, browser, live_url, live_server, login, assert_accessible, questions_data
):
    question = questions_data["question"]
    question_url = f"{live_url}/fi/questions/{question.pk}/"

    # Anyone reads the list (the status is shown).
    page.set_viewport_size(PHONE)
    page.goto(f"{live_url}/fi/questions/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("#results .card__title a", has_text="vuosiloma siirtyy").count() == 1
    assert page.locator("#results .card .question-status--new").count() == 2
    assert_accessible(page)

    # The staff member types a question: similar questions appear while typing.
    login(page, live_server, questions_data["staff"])
    page.goto(f"{live_url}/fi/questions/ask/")
    assert_accessible(page)
    page.locator("#id_title").press_sequentially(
        "Siirtyykö vuosilomani uudelle työnantajalle", delay=20
    )
    similar = page.locator("#similar .similar-question")
    similar.first.wait_for()
    assert "vuosiloma siirtyy" in similar.first.inner_text()
    assert "toimipisteessä" not in page.locator("#similar").inner_text()
    assert_accessible(page)
    # "I have this question too": the vote is counted on the question's page.
    similar.first.locator("button[type=submit]").click()
    page.wait_for_url(f"**/fi/questions/{question.pk}/")
    assert page.locator(".question__actions form input[name=vote][value='0']").count() == 1
    assert page.locator(".question__actions").inner_text().startswith("1 ")
    assert_accessible(page)

    # The moderator assigns the question to the working group.
    moderator_context = signed_in_context(browser, live_url, questions_data["moderator"])
    try:
        moderator = moderator_context.new_page()
        moderator.goto(f"{live_url}/fi/questions/triage/")
        assert moderator.locator(".triage-table a", has_text="vuosiloma siirtyy").count() == 1
        assert_accessible(moderator)
        moderator.goto(question_url)
        assert_accessible(moderator)
        form = moderator.locator("form[action$='/assign/']")
        form.locator("select[name=group]").select_option(str(questions_data["group"].pk))
        form.locator("button[type=submit]").click()
        moderator.wait_for_url(question_url)
        assert moderator.locator(".question-status--assigned").count() >= 1
        assert_accessible(moderator)
    finally:
        moderator_context.close()

    # The group's secretary answers.
    secretary_context = browser.new_context(
        base_url=live_url, locale="fi-FI", extra_http_headers={"Accept-Language": "fi-FI"}
    )
    secretary_context.set_default_timeout(10_000)
    try:
        secretary = secretary_context.new_page()
        secretary.set_viewport_size(PHONE)
        login(secretary, live_server, questions_data["secretary"])
        secretary.goto(question_url)
        secretary.locator(f"a[href$='/questions/{question.pk}/answer/']").click()
        secretary.wait_for_url(f"**/questions/{question.pk}/answer/")
        assert_accessible(secretary)
        secretary.locator("#id_body").fill(
            "Vuosilomat siirtyvät **sellaisinaan** uudelle työnantajalle."
        )
        secretary.locator("form.form button[type=submit]:not([name=preview])").click()
        secretary.wait_for_url(question_url)
        answer = secretary.locator(".question__answer")
        assert "sellaisinaan" in answer.locator("strong").inner_text()
        assert "Sanna Sihteeri" in answer.inner_text() and "KEHA-keskus" in answer.inner_text()
        assert_accessible(secretary)
    finally:
        secretary_context.close()

    # The staff member (who has the question too) is notified of the answer.
    page.goto(f"{live_url}/fi/notifications/")
    link = page.locator(f"main a[href*='/questions/{question.pk}/']").first
    link.wait_for()
    assert_accessible(page)
    link.click()
    page.wait_for_url(f"**/questions/{question.pk}/**")
    assert page.locator(".question-status--answered").count() >= 1
    assert_accessible(page)
