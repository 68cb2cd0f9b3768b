"""Journeys over accounts: the profile (edit, errors, API token, data download, account
removal), another person's page, sign-up, password reset and change, email addresses,
two-factor authentication, and logging in with the keyboard alone. axe-core runs on every
page and after every change of state."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.e2e

SUCCESS = ".messages .message--success"


def test_profile_edit_errors_token_data_and_removal(
    page, live_url, live_server, make_user, login, assert_accessible
):
    from kaiku.accounts.models import ApiToken
    from kaiku.accounts.services import token_hash

    user = make_user(full_name="Maija Meikäläinen")
    login(page, live_server, user)
    page.goto(f"{live_url}/fi/profile/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    # Edit name, title and languages.
    form = page.locator("form:has(input[name='full_name'])")
    form.locator("input[name='full_name']").fill("Maija Muokattu")
    form.locator("input[name='title']").fill("Erityisasiantuntija")
    form.locator("input[name='languages'][value='sv']").check()
    form.locator("[type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator(SUCCESS).count() == 1
    assert page.locator("input[name='full_name']").input_value() == "Maija Muokattu"
    assert page.locator("input[name='title']").input_value() == "Erityisasiantuntija"
    assert page.locator("input[name='languages'][value='sv']").is_checked()
    user.refresh_from_db()
    assert user.full_name == "Maija Muokattu" and "sv" in user.languages
    assert_accessible(page)

    # Clear the required name: the error is shown next to the field, which takes focus.
    page.locator("input[name='full_name']").fill("")
    page.locator("input[name='title']").fill("Ei tallennu")
    page.locator("form:has(input[name='full_name']) [type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    error = page.locator(".field--error .field__error")
    assert error.count() == 1 and error.inner_text().strip()
    name = page.locator("input[name='full_name']")
    assert name.get_attribute("aria-invalid") == "true"
    name.focus()
    assert page.evaluate("document.activeElement.name") == "full_name"
    user.refresh_from_db()
    assert user.full_name == "Maija Muokattu" and user.title == "Erityisasiantuntija"
    assert_accessible(page)

    # Create an API token: its key is shown once.
    page.goto(f"{live_url}/fi/profile/")
    page.locator("form[action$='/profile/token/'] [type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    key = page.locator("#new-token").input_value()
    assert ApiToken.objects.get(user=user).key_hash == token_hash(key)
    assert_accessible(page)
    page.goto(f"{live_url}/fi/profile/")
    assert page.locator("#new-token").count() == 0
    assert key not in page.content()
    assert_accessible(page)

    # Revoke it.
    page.locator("form[action$='/profile/token/revoke/'] [type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator(SUCCESS).count() == 1
    assert not ApiToken.objects.filter(user=user).exists()
    assert page.locator("form[action$='/profile/token/'] [type='submit']").count() == 1
    assert_accessible(page)

    # Download my data: a JSON file.
    with page.expect_download() as download_info:
        page.locator("form[action$='/profile/data/'] [type='submit']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    with open(download.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert "Maija Muokattu" in json.dumps(data, ensure_ascii=False)
    assert_accessible(page)

    # Account removal: the confirmation page, and a wrong password is refused.
    page.locator("main a[href$='/profile/remove/']").click()
    page.wait_for_url(f"{live_url}/fi/profile/remove/")
    assert_accessible(page)
    page.locator("input[name='password']").fill("väärä-salasana-123")
    page.locator("main form [type='submit']").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator(".field--error .field__error").count() == 1
    assert page.locator("input[name='password']").get_attribute("aria-invalid") == "true"
    user.refresh_from_db()
    assert user.is_active and user.removed_at is None
    assert_accessible(page)


def test_person_page_of_another_user(
    page, live_url, live_server, make_user, login, assert_accessible
):
    colleague = make_user(full_name="Kalle Kollega", title="Neuvottelija", languages=["fi", "en"])
    user = make_user()
    login(page, live_server, user)
    page.goto(f"{live_url}/fi/people/{colleague.pk}/")
    assert page.locator("h1").inner_text().strip() == "Kalle Kollega"
    assert page.locator("main").get_by_text("Neuvottelija").count() == 1
    # Only one's own page offers editing.
    assert page.locator("main a[href='/fi/profile/']").count() == 0
    assert_accessible(page)


def test_signup_open_and_closed(page, live_url, settings, assert_accessible):
    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = []
    page.goto(f"{live_url}/fi/accounts/signup/")
    assert page.locator("input[name='password1']").count() == 0
    assert_accessible(page)

    settings.KAIKU_SIGNUP_ALLOWED_DOMAINS = ["example.fi"]
    page.goto(f"{live_url}/fi/accounts/signup/")
    assert page.locator("input[name='email']").count() == 1
    assert page.locator("input[name='password1']").count() == 1
    assert_accessible(page)


def test_password_reset_sends_mail(page, live_url, make_user, assert_accessible):
    user = make_user()
    page.goto(f"{live_url}/fi/accounts/password/reset/")
    assert_accessible(page)
    page.locator("input[name='email']").fill(user.email)
    page.locator("main form [type='submit']").click()
    page.wait_for_url(f"{live_url}/fi/accounts/password/reset/done/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_security_pages_of_a_logged_in_user(
    page, live_url, live_server, make_user, login, assert_accessible
):
    user = make_user()
    login(page, live_server, user)
    for path in (
        "/fi/accounts/email/",
        "/fi/accounts/password/change/",
        "/fi/accounts/2fa/",
        "/fi/accounts/2fa/totp/activate/",
    ):
        response = page.goto(f"{live_url}{path}")
        assert response is not None and response.status == 200, path
        assert page.locator("h1").count() >= 1, path
        assert_accessible(page)


def test_login_with_the_keyboard_alone(page, live_url, make_user, assert_accessible):
    user = make_user(full_name="Näppäimistö Käyttäjä")
    page.goto(f"{live_url}/fi/accounts/login/")
    assert_accessible(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "login":
            break
    else:
        pytest.fail("Tab never reached the email field")
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type("Kaiku-e2e-salasana-2026")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.locator(".account-nav").get_by_text("Näppäimistö Käyttäjä").count() == 1
    assert_accessible(page)
