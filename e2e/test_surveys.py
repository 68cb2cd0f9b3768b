"""Surveys in Finnish, in the browser: a change coordinator builds a small survey in the
builder (a section with a Likert, a single-choice and a long text question) and publishes it;
a staff member answers it on a phone (375 px): saves unfinished answers, continues later, is
told by the error summary that a required answer is missing, sends the answers, sees the
thank-you page and cannot answer again, not even from a form left open in another tab.
axe-core runs on every builder and answering page."""

from __future__ import annotations

import datetime
import re

import pytest

from .conftest import signed_in_context

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}
LIKERT = "Saan riittävästi tietoa muutoksen etenemisestä."
SINGLE = "Missä organisaatiossa työskentelet?"
LONG_TEXT = "Millaista tukea toivoisit esihenkilöltäsi?"
TITLE = "Muutoskysely henkilöstölle"


@pytest.fixture
def survey_people(transactional_db, make_user):
    from kaiku.accounts.models import PlatformRole
    from kaiku.accounts.tests.factories import RoleAssignmentFactory

    coordinator = make_user(full_name="Selina Sassila")
    RoleAssignmentFactory(user=coordinator, role=PlatformRole.CHANGE_COORDINATOR)
    staff = make_user(full_name="Tiina Työntekijä")
    return {"coordinator": coordinator, "staff": staff}


def _local(moment: datetime.datetime) -> str:
    """A datetime-local input's value in the site's time zone."""
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _save(page) -> None:
    page.locator("form.form > button[type=submit]").click()


def _build_and_publish(page, live_url: str, assert_accessible) -> int:
    from django.utils import timezone

    page.goto(f"{live_url}/fi/surveys/manage/")
    assert_accessible(page)
    page.locator("a.button[href$='/surveys/manage/new/']").click()
    page.wait_for_url("**/surveys/manage/new/")
    assert_accessible(page)
    now = timezone.now()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_description").fill("Kerro, millaista tukea tarvitset muutoksessa.")
    page.locator("#id_opens_at").fill(_local(now - datetime.timedelta(hours=1)))
    page.locator("#id_closes_at").fill(_local(now + datetime.timedelta(days=14)))
    page.locator("input[name=audience][value=everyone]").check()
    _save(page)
    page.wait_for_url(re.compile(r".*/fi/surveys/\d+/build/$"))
    survey_pk = int(page.url.rstrip("/").split("/")[-2])
    assert_accessible(page)

    page.locator(f"a[href$='/surveys/{survey_pk}/sections/new/']").click()
    page.locator("#id_title").fill("Tuki muutoksessa")
    assert_accessible(page)
    _save(page)
    page.wait_for_url(f"**/surveys/{survey_pk}/build/")

    questions = [
        ("likert", LIKERT, True, ""),
        ("single", SINGLE, True, "ELY-keskus\nTE-toimisto\nKEHA-keskus"),
        ("long_text", LONG_TEXT, False, ""),
    ]
    for kind, text, required, choices in questions:
        page.locator("a[href*='/questions/new/']").first.click()
        page.wait_for_url("**/questions/new/")
        page.locator("#id_kind").select_option(kind)
        page.locator("#id_text").fill(text)
        page.locator("#id_required").set_checked(required)
        if choices:
            page.locator("#id_choices_fi").fill(choices)
        if kind == "likert":
            assert_accessible(page)
        _save(page)
        page.wait_for_url(f"**/surveys/{survey_pk}/build/*")
        assert page.locator(".survey-questions li", has_text=text).count() == 1
    assert_accessible(page)

    page.locator(f"a[href$='/surveys/{survey_pk}/preview/']").click()
    page.wait_for_url(f"**/surveys/{survey_pk}/preview/")
    assert page.locator("input[type=radio]:disabled").count() == 5 + 3
    assert_accessible(page)

    page.goto(f"{live_url}/fi/surveys/{survey_pk}/build/")
    page.locator(f"form[action$='/surveys/{survey_pk}/publish/'] button[type=submit]").click()
    page.wait_for_url(f"**/surveys/{survey_pk}/build/")
    assert page.locator(f"form[action$='/surveys/{survey_pk}/publish/']").count() == 0
    assert_accessible(page)
    return survey_pk


def test_build_publish_answer_once(browser, live_url, assert_accessible, survey_people):
    from kaiku.surveys.models import Draft, Participation, Question, Response, Survey

    coordinator_context = signed_in_context(browser, live_url, survey_people["coordinator"])
    try:
        survey_pk = _build_and_publish(coordinator_context.new_page(), live_url, assert_accessible)
    finally:
        coordinator_context.close()
    survey = Survey.objects.get(pk=survey_pk)
    assert survey.published_at is not None and survey.is_open
    question = {q.text_fi: q for q in Question.objects.filter(survey=survey)}
    likert, single, long_text = (question[text] for text in (LIKERT, SINGLE, LONG_TEXT))

    staff = survey_people["staff"]
    context = signed_in_context(browser, live_url, staff, viewport=PHONE)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        survey_url = f"{live_url}/fi/surveys/{survey_pk}/"

        # The survey is listed for the staff member; its page tells how answers are stored.
        page.goto(f"{live_url}/fi/surveys/")
        page.locator("a", has_text=TITLE).click()
        page.wait_for_url(survey_url)
        assert page.locator(".survey-anonymity").count() == 1
        assert_accessible(page)
        page.locator(f"a.button[href$='/surveys/{survey_pk}/answer/']").click()
        page.wait_for_url(f"**/surveys/{survey_pk}/answer/")
        assert_accessible(page)

        # Half-way: a point on the scale, then "Save and continue later".
        page.locator(f"input[name=q{likert.pk}][value='4']").check()
        page.locator("button[name=action][value=save]").click()
        page.wait_for_url(survey_url)
        assert Draft.objects.filter(survey=survey, user=staff).exists()
        assert_accessible(page)

        # Later: the answers so far are there; sending without the required choice fails.
        page.locator(f"a.button[href$='/surveys/{survey_pk}/answer/0/']").click()
        page.wait_for_url(f"**/surveys/{survey_pk}/answer/0/")
        assert page.locator(f"input[name=q{likert.pk}][value='4']").is_checked()
        page.locator(f"#id_q{long_text.pk}").fill("Säännöllisiä keskusteluja muutoksesta.")
        # A second tab keeps the form open, to be sent after the answers are in.
        stale = context.new_page()
        stale.goto(f"{live_url}/fi/surveys/{survey_pk}/answer/0/")
        page.locator("button[name=action][value=send]").click()
        summary = page.locator(".error-summary")
        summary.wait_for()
        assert SINGLE in summary.inner_text()
        # The summary has the focus; its link takes it to the question's first choice.
        assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
        summary.locator("a", has_text=SINGLE).click()
        assert page.evaluate("document.activeElement.name") == f"q{single.pk}"
        assert page.locator(f"#id_q{single.pk}_fieldset.field--error").count() == 1
        assert page.locator(f"input[name=q{likert.pk}][value='4']").is_checked()
        assert not Response.objects.filter(survey=survey).exists()
        assert_accessible(page)

        # The choice made, the answers are sent: the thank-you page.
        page.locator(f"input[name=q{single.pk}]").nth(1).check()
        page.locator("button[name=action][value=send]").click()
        page.wait_for_url(f"**/surveys/{survey_pk}/thanks/")
        assert page.locator("h1").inner_text() == "Kiitos vastauksistasi"
        assert_accessible(page)
        assert Response.objects.filter(survey=survey).count() == 1
        assert Participation.objects.filter(survey=survey, user=staff).count() == 1
        assert not Draft.objects.filter(survey=survey, user=staff).exists()

        # Once only: the answering page sends them back to the survey's page, and so does
        # the form left open in the other tab.
        page.goto(f"{live_url}/fi/surveys/{survey_pk}/answer/")
        page.wait_for_url(survey_url)
        assert page.locator(f"a[href*='/surveys/{survey_pk}/answer/']").count() == 0
        assert_accessible(page)
        stale.locator(f"input[name=q{likert.pk}][value='2']").check()
        stale.locator(f"input[name=q{single.pk}]").first.check()
        stale.locator("button[name=action][value=send]").click()
        stale.wait_for_url(survey_url)
        assert Response.objects.filter(survey=survey).count() == 1
        assert not errors, f"JavaScript errors on the page: {errors}"
    finally:
        context.close()
