from __future__ import annotations

import pytest

from kaiku.search.analysis import parse_query
from kaiku.search.selectors import Search


def titles(viewer, text, **filters):
    search = Search(viewer=viewer, query=parse_query(text), **filters)
    page = search.page(1)
    return search, [hit.obj for hit in page.object_list]


@pytest.mark.django_db
def test_inflected_words_find_the_base_form_and_back(content, people):
    _search, found = titles(None, "kunta")
    assert content["news"] in found and content["meeting"] in found
    _search, found = titles(None, "kunnan")
    assert content["news"] in found
    _search, found = titles(None, "vuosiloma")
    assert found == [content["news"]]
