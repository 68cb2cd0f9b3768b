"""Browser journeys: Playwright (Python, sync API) with Debian's chromium and axe-core.

- The browser is Debian's ``/usr/bin/chromium`` (``scripts/ensure-chromium.sh`` installs it);
  we never run ``playwright install``, which downloads a browser from a CDN.
- One browser per test process (per xdist worker), a fresh context (cookies, storage) per test.
- The site is pytest-django's ``live_server``; it needs a transactional database, so every
  journey gets ``transactional_db``. With xdist each worker runs its own live server and its
  own test database.
- ``assert_accessible(page)`` runs axe-core on the current page and fails with a readable
  list of violations. Every page a journey visits is checked, so an accessibility problem
  on any page fails the journey that reaches it.
- Without a browser the journeys are skipped, except under CI (``CI=true``) where a missing
  browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls
# ("You cannot call this from an async context") unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("KAIKU_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULT_VIEWPORT = {"width": 1280, "height": 900}
# The password of users made with the ``make_user`` fixture (long enough for the validators).
PASSWORD = "Kaiku-e2e-salasana-2026"
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under e2e/ is a browser journey: mark it so ``-m "not e2e"`` skips them."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        message = (
            f"{CHROMIUM} is missing: run `bash scripts/ensure-chromium.sh` as root "
            "(apt-get install chromium)."
        )
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def live_url(live_server, transactional_db) -> str:
    """The live server's base URL, without a trailing slash."""
    return live_server.url.rstrip("/")


@pytest.fixture
def context(browser, live_url) -> Iterator:
    context = browser.new_context(
        base_url=live_url,
        locale="fi-FI",
        timezone_id="Europe/Helsinki",
        viewport=DEFAULT_VIEWPORT,
        # Chromium's default Accept-Language follows the locale; keep it explicit.
        extra_http_headers={"Accept-Language": "fi-FI,fi;q=0.9"},
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Iterator:
    """A fresh page in a fresh browser context (no cookies) per test; fails on JS errors."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    page.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}"
            f"\n    {violation.get('helpUrl', '')}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    * {target}")
    return "\n".join(lines)


def axe_violations(page, context=None) -> list[dict]:
    """axe-core's violations on the page (WCAG 2.x A/AA rules and axe's best practices)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=context).response["violations"]


def _assert_accessible(page, *, context=None, ignore: tuple[str, ...] = ()) -> None:
    """Fail when axe-core finds violations on the current page.

    ``ignore`` lists rule ids to leave out; use it only for third-party markup we cannot
    change, and say why at the call site.
    """
    violations = [v for v in axe_violations(page, context) if v["id"] not in ignore]
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )


@pytest.fixture
def assert_accessible() -> Callable[..., None]:
    return _assert_accessible


@pytest.fixture
def make_user(transactional_db) -> Callable[..., object]:
    """Create an active user who can log in with ``PASSWORD``."""
    from django.contrib.auth import get_user_model

    counter = iter(range(1, 10_000))

    def _make_user(**extra):
        n = next(counter)
        extra.setdefault("email", f"e2e-user-{n}@example.fi")
        extra.setdefault("full_name", f"Testi Käyttäjä {n}")
        return get_user_model().objects.create_user(password=PASSWORD, **extra)

    return _make_user


def _login(page, live_server, user, password: str = PASSWORD) -> None:
    """Log in through the real allauth form, as a person would."""
    base = live_server.url.rstrip("/")
    page.goto(f"{base}/fi/accounts/login/")
    page.locator("input[name='login']").fill(user.email)
    page.locator("input[name='password']").fill(password)
    page.locator("form:has(input[name='password']) [type='submit']").first.click()
    page.wait_for_load_state("domcontentloaded")
    assert "/accounts/login/" not in page.url, f"login failed, still on {page.url}"


def session_cookie(user, base_url: str) -> dict:
    """A cookie that signs ``user`` in without the login form (and without its second
    factor: moderators and administrators have one)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
        "httpOnly": True,
        "sameSite": "Lax",
    }


def signed_in_context(browser, live_url: str, user, **options):
    """A browser context of ``user``'s own, in Finnish, signed in by ``session_cookie``."""
    context = browser.new_context(
        base_url=live_url,
        locale="fi-FI",
        extra_http_headers={"Accept-Language": "fi-FI"},
        **options,
    )
    context.set_default_timeout(10_000)
    context.add_cookies([session_cookie(user, live_url)])
    return context


@pytest.fixture
def login() -> Callable[..., None]:
    """``login(page, live_server, user)``: log ``user`` in through the login form."""
    return _login


def watch_console(page) -> list[str]:
    """Collect the page's console errors (CSP violations included) and uncaught exceptions.

    Returns the list the listeners append to; clear it between visits.
    """
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(f"exception: {exc}"))
    return errors


# A JavaScript function: the contrast of every visible text in the header (the unread badge
# included) against the background it is drawn on (semi-transparent layers composited).
# Returns [{text, selector, color, background, ratio}].
HEADER_CONTRAST_JS = """() => {
    const rgba = (value) => {
        const parts = (value.match(/[\\d.]+/g) || ["0", "0", "0", "0"]).map(Number);
        return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3]));
    const luminance = (rgb) => {
        const [r, g, b] = rgb.map((v) => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = (element) => {
        const layers = [];
        for (let node = element; node; node = node.parentElement) {
            const colour = rgba(getComputedStyle(node).backgroundColor);
            if (colour[3] > 0) {
                layers.push(colour);
                if (colour[3] >= 1) break;
            }
        }
        let result = [255, 255, 255];
        for (const layer of layers.reverse()) result = over(layer, result);
        return result;
    };
    const describe = (element) => {
        const classes = String(element.className || "").trim().split(/\\s+/).filter(Boolean);
        return [element.tagName.toLowerCase(), ...classes].join(".");
    };
    const header = document.querySelector("header.site-header");
    if (!header) return [];
    const results = [];
    for (const element of [header, ...header.querySelectorAll("*")]) {
        const own = [...element.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent.trim())
            .join(" ")
            .trim();
        if (!own) continue;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (box.width <= 1 || box.height <= 1 || style.visibility === "hidden") continue;
        const back = background(element);
        const fore = over(rgba(style.color), back);
        const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
        results.push({
            text: own.slice(0, 40),
            selector: describe(element),
            color: style.color,
            background: "rgb(" + back.map(Math.round).join(", ") + ")",
            ratio: (light + 0.05) / (dark + 0.05),
        });
    }
    return results;
}"""
