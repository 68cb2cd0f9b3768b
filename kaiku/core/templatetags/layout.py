"""The header's parts that change from page to page or person to person, written in Python.

``{% load layout %}`` in ``base.html``: ``{% site_navigation %}``, ``{% language_switch %}``
and ``{% account_links %}`` write the same markup the template's loops and conditions
wrote, at a fraction of the cost: a template loop over the menu costs about a hundred calls
an entry, and every HTML page pays for the header. What is the same for every page in a
language (the entries' addresses and labels) is worked out once per language, URL prefix
and settings and kept, like ``{% kept %}``'s fragments.
"""

from __future__ import annotations

from urllib.parse import quote

from django import template
from django.urls import get_script_prefix
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, npgettext

from kaiku.core import navigation, settings_generation
from kaiku.core.context_processors import language_links
from kaiku.core.links import reverse_cached

register = template.Library()

_menus: dict[tuple, list[tuple]] = {}
_accounts: dict[tuple, dict[str, str]] = {}
_switches: dict[tuple, SafeString] = {}


def _key() -> tuple:
    return (settings_generation.current(), get_language(), get_script_prefix())


def _menu() -> list[tuple]:
    """(entry, address, its line, its line when it is the current page) for each entry."""
    key = (*_key(), navigation.generation())
    menu = _menus.get(key)
    if menu is None:
        menu = []
        for item in navigation.entries():
            url = reverse_cached(item.url_name)
            start = f'\n                <li><a href="{escape(url)}"'
            end = f">{escape(str(item.label))}</a></li>\n              "
            menu.append((item, url, start + end, f'{start} aria-current="page"{end}'))
        _menus[key] = menu
    return menu


@register.simple_tag(takes_context=True)
def site_navigation(context) -> SafeString:
    """The main menu's entries the viewer may see, the current page's marked."""
    request = context["request"]
    path = request.path
    parts = ["\n              "]
    for item, url, line, current_line in _menu():
        if not item.visible(request):
            continue
        # The front page is "current" only on itself; sections also on their sub-pages.
        current = path == url or (item.order > 0 and path.startswith(url))
        parts.append(current_line if current else line)
    return mark_safe("".join(parts))  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def language_switch(context) -> SafeString:
    """Links to the page being viewed in each other language."""
    request = context["request"]
    return _language_switch(*_key(), request.get_full_path(), request)


def _switch_markup(links: tuple) -> SafeString:
    parts = ["\n                "]
    for code, url, name in links:
        parts.append(
            f'\n                  <li><a href="{escape(url)}" hreflang="{code}" '
            f'lang="{code}">{escape(name)}</a></li>\n                '
        )
    return mark_safe("".join(parts))  # noqa: S308 - escaped above


def _language_switch(generation, language, prefix, full_path, request) -> SafeString:
    """The switch's markup, kept per address (the links are the same every time)."""
    key = (generation, language, prefix, full_path)
    markup = _switches.get(key)
    if markup is None:
        links = tuple((link["code"], link["url"], link["name"]) for link in language_links(request))
        markup = _switch_markup(links)
        if len(_switches) >= 4096:
            _switches.clear()
        _switches[key] = markup
    return markup


def _account_texts() -> dict[str, str]:
    key = _key()
    texts = _accounts.get(key)
    if texts is None:
        administration = gettext("Administration")
        texts = _accounts[key] = {
            "profile": escape(reverse_cached("accounts:profile")),
            "notifications": escape(reverse_cached("notifications:list")),
            "notifications_label": gettext("Notifications"),
            "admin": (
                f'<li><a href="{escape(reverse_cached("admin:index"))}">{administration}</a></li>'
            ),
            "logout": escape(reverse_cached("account_logout")),
            "logout_label": gettext("Log out"),
            "login": escape(reverse_cached("account_login")),
            "login_label": gettext("Log in"),
        }
    return texts


@register.simple_tag(takes_context=True)
def account_links(context) -> SafeString:
    """The signed-in person's name, notifications (with the unread badge), administration
    and logging out; or the login link back to this page."""
    texts = _account_texts()
    user = context.get("user")
    if user is None or not user.is_authenticated:
        request = context["request"]
        back = escape(quote(request.get_full_path()))
        return mark_safe(  # noqa: S308 - escaped above
            f'\n              \n                <li><a href="{texts["login"]}?next={back}">'
            f"{texts['login_label']}</a></li>\n              "
        )
    unread = context.get("notifications_unread_count")
    if callable(unread):
        unread = unread()
    badge = ""
    if unread:
        counted = npgettext("notifications badge", "unread", "unread", unread)
        badge = (
            f' <span class="badge">{escape(localize(unread))}<span class="visually-hidden"> '
            f"{counted}</span></span>"
        )
    csrf_token = context.get("csrf_token")
    if csrf_token and csrf_token != "NOTPROVIDED":
        csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
    else:
        csrf = ""
    return mark_safe(  # noqa: S308 - escaped above
        f'\n              \n                <li><a href="{texts["profile"]}">'
        f"{escape(user.display_name)}</a></li>\n                "
        f'<li><a href="{texts["notifications"]}">{texts["notifications_label"]}{badge}'
        f"</a></li>\n                "
        f"{texts['admin'] if user.is_staff else ''}\n                <li>\n"
        f'                  <form action="{texts["logout"]}" method="post" class="inline-form">'
        f"\n                    {csrf}"
        f'<button type="submit" class="link-button">{texts["logout_label"]}</button>\n'
        f"                  </form>\n                </li>\n              "
    )
