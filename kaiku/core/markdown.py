"""Markdown written by people, rendered to HTML that is safe to show (stored XSS).

The text is converted with Python-Markdown (raw HTML in the source is escaped, not passed
through) and the result is then cleaned with nh3 against a short allow-list: even if a
Markdown extension or a future change let markup through, nothing executable survives.

Links may point to http, https and mailto addresses and to paths on this site (``/fi/news/``,
``#part``). Anything else (another scheme, or a protocol-relative ``//host`` that leaves the
site) is shown as plain text without a link.
"""

from __future__ import annotations

import re
import threading

import markdown as _markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "a", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "br", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"
EXTENSIONS = ["tables", "sane_lists"]

# Raise when the output of ``render_markdown`` changes (extensions, allow-list, link policy):
# HTML stored with an older version is rendered again by ``manage.py rerender_markdown``,
# which also runs after ``migrate`` (see kaiku.core.translations).
RENDERER_VERSION = 1


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What a browser removes from a URL before reading it: tabs and newlines anywhere, and C0
# controls and spaces at both ends (WHATWG URL standard).
_URL_NOISE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def is_safe_href(href: str) -> bool:
    """Whether a link target may be rendered: an http, https or mailto URL, or a relative
    one that stays on this site. Protocol-relative ``//host`` (also spelt with backslashes,
    which browsers read as slashes) is refused."""
    url = _URL_NOISE.sub("", href).strip(_C0_AND_SPACE)
    url = url.replace("\\", "/")
    match = _SCHEME.match(url)
    if match:
        return match.group(1).lower() in URL_SCHEMES
    return not url.startswith("//")


class _UnsafeLinksAsText(_markdown.treeprocessors.Treeprocessor):
    """Turn a link with a refused target into its text (nh3 drops the ``span`` tag)."""

    def run(self, root):
        for element in root.iter("a"):
            if not is_safe_href(element.get("href") or ""):
                element.tag = "span"
                element.attrib.clear()


class _LinkPolicy(_markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        # Last: after the inline patterns (20) have made the links and escapes are undone (0).
        md.treeprocessors.register(_UnsafeLinksAsText(md), "kaiku_unsafe_links", -10)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # The last line of defence: the same rule on whatever reaches the sanitiser.
    if tag == "a" and attribute == "href" and not is_safe_href(value):
        return None
    return value


class _EscapeHtml(_markdown.Extension):
    """Treat raw HTML in the source as text (``<b>`` shows as ``<b>``)."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


_local = threading.local()


def _parser() -> _markdown.Markdown:
    """One parser per thread, built once: building one (extensions, patterns) costs more than
    converting a typical text. A parser keeps state between calls, so it is reset before each
    use and never shared between threads."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _markdown.Markdown(extensions=[*EXTENSIONS, _EscapeHtml(), _LinkPolicy()])
        _local.parser = parser
    return parser


def render_markdown(text: str | None) -> SafeString:
    """Render ``text`` (Markdown) to sanitised HTML; empty input gives an empty string."""
    if not text:
        return mark_safe("")  # noqa: S308 - constant
    html = _parser().reset().convert(str(text))
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
        attribute_filter=_attribute_filter,
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 with the allow-list above
