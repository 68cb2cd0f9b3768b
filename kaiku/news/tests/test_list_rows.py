"""The news list's rows (kaiku/news/listing.py) are the HTML of the template include they
replaced, in every language, and the list page reads a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db.models import Prefetch
from django.template import engines
from django.utils import translation

from kaiku.core.content import Visibility
from kaiku.news.listing import list_rows
from kaiku.news.models import Keyword, NewsItem

from .factories import KeywordFactory, NewsItemFactory

pytestmark = pytest.mark.django_db

# news/includes/_news_item.html as it was before the rows were written in Python.
ROW_TEMPLATE = (
    "{% load i18n kaiku translated %}"
    '<li class="card{% if item.pinned %} card--pinned{% endif %}">\n'
    '  <h2 class="card__title"><a href="{{ item.get_absolute_url }}">'
    '{% translated item "title" %}</a></h2>\n'
    '  <p class="muted">{% if item.pinned %}<span class="badge">{% translate "Pinned" %}</span> '
    "{% endif %}{{ item.get_kind_display }} · <time datetime=\"{{ item.published_at|date:'c' }}\">"
    '{{ item.published_at|date:"j.n.Y" }}</time>{% if item.visibility != "public" %} · '
    "{% visibility_badge item %}{% endif %}</p>\n"
    '  {% if item.summary %}<p>{% translated item "summary" %}</p>{% endif %}\n'
    '  {% if item.keywords.all %}<p class="muted">{% translate "Keywords" %}: '
    "{% for keyword in item.keywords.all %}<a href=\"{% url 'news:list' %}?keyword="
    '{{ keyword.slug|urlencode }}">{% translated keyword "name" %}</a>'
    "{% if not forloop.last %}, {% endif %}{% endfor %}</p>{% endif %}\n"
    "</li>\n"
)


@pytest.fixture
def rows_items():
    first = KeywordFactory(name="Öljy & vesi", name_sv="Olja & vatten", slug="oljy")
    second = KeywordFactory(name="aalto", slug="aalto")
    pinned = NewsItemFactory(
        title="Kiinnitetty <b>", title_sv="Fäst", summary="Tiivistelmä & muuta", pinned=True
    )
    staff = NewsItemFactory(title="Sisäinen", summary="", visibility=Visibility.STAFF)
    plain = NewsItemFactory(title="Tavallinen", summary="Vain suomeksi", kind="announcement")
    pinned.keywords.add(first, second)
    staff.keywords.add(second)
    return [pinned, staff, plain]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_rows_are_the_include_html(rows_items, language):
    template = engines["django"].from_string(ROW_TEMPLATE)
    with translation.override(language):
        items = list(
            NewsItem.objects.filter(pk__in=[i.pk for i in rows_items])
            .prefetch_related(Prefetch("keywords", queryset=Keyword.objects.order_by("name")))
            .order_by("-pinned", "-published_at", "-pk")
        )
        expected = "".join(template.render({"item": item}) for item in items)
        assert str(list_rows(items)) == expected
    assert "card--pinned" in expected and "badge--staff" in expected


def test_the_list_reads_a_fixed_number_of_queries(client, rows_items, django_assert_num_queries):
    client.get("/fi/news/")
    # The session-less visitor: the page's items with the list's count (one kept query),
    # their keywords, the keyword and group options (the form's querysets are never
    # evaluated).
    with django_assert_num_queries(4):
        response = client.get("/fi/news/")
    assert response.content.decode().count('<h2 class="card__title">') == 2  # not the staff item
