"""The anonymous front page's cards and numbers written in Python (``kaiku.site.rows``) are
what ``site/home.html``'s loops wrote for them."""

from __future__ import annotations

import datetime

from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from kaiku.core.whatsnew import WhatsNewItem

from ..rows import latest_rows, stat_rows

_LATEST_LOOP = Template(
    "{% for item in latest_items %}\n"
    '        <li class="card"><span class="badge">{{ item.kind }}</span>\n'
    '          <h3><a href="{{ item.url }}">{{ item.title }}</a></h3>\n'
    '          <p class="muted"><time datetime="{{ item.date|date:\'c\' }}">'
    '{{ item.date|date:"j.n.Y" }}</time></p></li>\n'
    "      {% endfor %}"
)
_STATS_LOOP = Template(
    "{% for stat in organisation_stats %}\n"
    '      <li class="stats__item"><a href="{{ stat.url }}"><span class="stats__number">'
    '{{ stat.count }}</span> <span class="stats__label">{{ stat.label }}</span></a></li>\n'
    "    {% endfor %}"
)


_NOW = timezone.now()


def _items() -> list[WhatsNewItem]:
    late_evening = datetime.datetime(2026, 3, 31, 22, 30, 5, 123456, tzinfo=datetime.UTC)
    return [
        WhatsNewItem(
            title="Uutinen <b> & muuta",
            url="/fi/uutiset/a/?x=1&y=2",
            date=late_evening,
            kind=gettext_lazy("News"),
        ),
        WhatsNewItem(
            title=lambda: mark_safe('<span lang="sv">Nyhet</span>'),
            url=lambda: "/fi/b/",
            date=datetime.date(2026, 1, 2),
            kind="Kokous",
        ),
        WhatsNewItem(title="Kolmas", url="/fi/c/", date=_NOW, kind="Kysymys"),
    ]


def test_latest_rows_are_the_template_loop():
    for language in ("fi", "sv", "en"):
        with translation.override(language), timezone.override("Europe/Helsinki"):
            expected = _LATEST_LOOP.render(Context({"latest_items": _items()}))
            assert latest_rows(_items()) == expected
    assert latest_rows([]) == ""


def test_stat_rows_are_the_template_loop():
    stats = [
        {"label": "kuntaa & muuta <", "count": 1234, "url": "/fi/organisaatiot/?type=a&b=c"},
        {"label": gettext_lazy("News"), "count": 7, "url": "/fi/organisaatiot/?type=te"},
    ]
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            expected = _STATS_LOOP.render(Context({"organisation_stats": stats}))
            assert stat_rows(stats) == expected


def test_panel_sections_are_the_template_loop():
    from ..rows import panel_sections

    loop = Template(
        "{% for panel in panels %}\n"
        '    <section class="home-panel home-panel--{{ panel.name }}" id="home-{{ panel.name }}"'
        ' aria-labelledby="home-{{ panel.name }}-title">\n'
        '      <h2 id="home-{{ panel.name }}-title">{{ panel.title }}</h2>\n'
        "      {{ panel.html }}\n"
        "    </section>\n"
        "  {% endfor %}"
    )
    panels = [
        {"name": "news", "title": "Uutiset & <muuta>", "html": mark_safe("<p>a & b</p>\n")},
        {"name": "groups", "title": "Ryhmät", "html": mark_safe("")},
    ]
    assert panel_sections(panels) == loop.render(Context({"panels": panels}))
    assert panel_sections([]) == ""
