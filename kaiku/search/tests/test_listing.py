"""The search page's hits are written in Python (``kaiku.search.listing``): the HTML must
stay what the results template's loop gave."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from kaiku.search import analysis
from kaiku.search.indexing import rebuild
from kaiku.search.listing import hit_rows
from kaiku.search.selectors import Search

pytestmark = pytest.mark.django_db

# The loop the results template had, with the indentation before it.
HITS_TEMPLATE = """{% load i18n %}{% get_current_language as LANGUAGE_CODE %}      {% for hit in hits %}
      <li class="search-hit">
        <p class="search-hit__type">{{ hit.type_label }}</p>
        <h2 class="search-hit__title"><a href="{{ hit.url }}"{% if hit.title_language != LANGUAGE_CODE %} lang="{{ hit.title_language }}"{% endif %}>{{ hit.title }}</a></h2>
        {% if hit.snippet %}<p class="search-hit__snippet"{% if hit.snippet_language != LANGUAGE_CODE %} lang="{{ hit.snippet_language }}"{% endif %}>{{ hit.snippet }}</p>{% endif %}
        {% if hit.group or hit.date %}<p class="search-hit__meta">{% if hit.group %}<span>{% translate "Working group" %}: {{ hit.group.name }}</span>{% endif %}{% if hit.date %} <time datetime="{{ hit.date|date:'c' }}">{{ hit.date|date:"j.n.Y" }}</time>{% endif %}</p>{% endif %}
      </li>
      {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_hits_are_the_html_of_the_template_loop(people, content, language):
    rebuild()
    with translation.override(language):
        search = Search(viewer=people["admin"], query=analysis.parse_query("kunta"))
        hits = search.page(1).object_list
        assert len(hits) >= 2
        assert any(hit.group for hit in hits) and any(hit.snippet for hit in hits)
        expected = Template(HITS_TEMPLATE).render(Context({"hits": hits}))
        assert "      " + hit_rows(hits) == expected
