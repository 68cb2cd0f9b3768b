"""Markdown written by people, rendered to HTML that is safe to show (stored XSS).

The text is converted with Python-Markdown (raw HTML in the source is escaped, not passed
through) and the result is then cleaned with nh3 against a short allow-list: even if a
Markdown extension or a future change let markup through, nothing executable survives.
"""

from __future__ import annotations

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


class _EscapeHtml(_markdown.Extension):
    """Treat raw HTML in the source as text (``<b>`` shows as ``<b>``)."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render_markdown(text: str | None) -> SafeString:
    """Render ``text`` (Markdown) to sanitised HTML; empty input gives an empty string."""
    if not text:
        return mark_safe("")  # noqa: S308 - constant
    html = _markdown.markdown(str(text), extensions=[*EXTENSIONS, _EscapeHtml()])
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 with the allow-list above
