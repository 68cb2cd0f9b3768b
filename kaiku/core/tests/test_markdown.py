"""kaiku.core.markdown: Markdown in, sanitised HTML out (stored XSS)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from kaiku.core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, is_safe_href, render_markdown


class _Elements(HTMLParser):
    """Collects the real elements and attributes (escaped text is not an element)."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "[klikkaa](javascript:alert(1))",
    "[klikkaa](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "![kuva](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[linkki](data:text/html,<script>alert(1)</script>)",
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<!-- <script>alert(1)</script> -->",
    '[x](https://ok.example "a" onmouseover="alert(1)")',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_nothing_executable_survives(payload):
    html = str(render_markdown(payload))
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, html
        assert set(attrs) <= ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, html
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http:", "https:", "mailto:")), html


def test_allowed_markup_is_kept():
    html = render_markdown(
        "## Otsikko\n\n**lihava** ja *kursiivi*\n\n- yksi\n- kaksi\n\n"
        '[TEM](https://tem.fi "Ministeriö") ja <mailto:info@example.fi>\n\n'
        "> lainaus\n\n`koodi`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---"
    )
    for tag in ["<h2>", "<strong>", "<em>", "<ul>", "<li>", "<blockquote>", "<code>",
                "<table>", "<th>", "<td>", "<hr>"]:  # fmt: skip
        assert tag in html, tag
    assert 'href="https://tem.fi"' in html
    assert 'title="Ministeriö"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "mailto:" in html


def test_empty_input():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_template_filter():
    out = Template("{% load kaiku %}{{ text|markdown }}").render(
        Context({"text": "**a** <script>x</script>"})
    )
    assert "<strong>a</strong>" in out
    assert "<script>" not in out


REFUSED_LINKS = [
    "[x](//evil.example/login)",
    "[x]( //evil.example)",
    "[x](/\\evil.example)",
    "[x](\\\\\\\\evil.example)",
    "<//evil.example>",
    "[x](ftp://files.example/a)",
    "[x](tel:+358401234567)",
    "[x](vbscript:msgbox)",
    "[x](data:text/plain,hi)",
]


@pytest.mark.parametrize("source", REFUSED_LINKS)
def test_protocol_relative_and_other_schemes_render_as_text(source):
    html = str(render_markdown(source))
    assert "href" not in html, html
    assert "<a" not in html, html
    assert "x" in html or "evil.example" in html


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("[x](/fi/news/)", "/fi/news/"),
        ("[x](#kohta)", "#kohta"),
        ("[x](https://tem.fi/a?b=1)", "https://tem.fi/a?b=1"),
        ("[x](http://tem.fi)", "http://tem.fi"),
        ("[x](mailto:info@example.fi)", "mailto:info@example.fi"),
    ],
)
def test_safe_links_keep_their_href(source, href):
    html = str(render_markdown(source))
    assert [attrs.get("href") for tag, attrs in elements(html) if tag == "a"] == [href], html


def test_is_safe_href_sees_urls_as_a_browser_does():
    # Browsers drop tabs and newlines inside a URL and read a backslash as a slash.
    for href in ["/\t/evil.example", "/\n/evil.example", "\x00//evil.example", "\\/evil"]:
        assert not is_safe_href(href), repr(href)
    for href in ["/fi/", "#a", "?page=2", "liite.pdf", "HTTPS://tem.fi"]:
        assert is_safe_href(href), repr(href)


def test_one_parser_is_reused(monkeypatch):
    """Building a parser costs more than converting a text: it is built once per thread."""
    import markdown

    from kaiku.core import markdown as kaiku_markdown

    render_markdown("warm up")
    built = []
    original = markdown.Markdown.__init__

    def counting_init(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(kaiku_markdown._markdown.Markdown, "__init__", counting_init)
    outputs = [str(render_markdown(f"**{n}** [x](javascript:alert({n}))")) for n in range(5)]
    assert built == []
    # The reset between calls keeps every output independent of the previous one.
    assert outputs[3] == "<p><strong>3</strong> x</p>"
