"""The facet links keep the query as ``QueryDict.urlencode`` writes it, without ``page``,
with the changed filter last (``views._Links``)."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from kaiku.search.views import _Links


def _reference(params: QueryDict, **changes) -> str:
    copy = params.copy()
    copy.pop("page", None)
    for name, value in changes.items():
        copy.pop(name, None)
        if value is not None:
            copy[name] = str(value)
    return "?" + copy.urlencode()


@pytest.mark.parametrize(
    "query",
    [
        "q=kunta",
        "q=kunnan+vuosilomat&page=2",
        "q=henkil%C3%B6st%C3%B6&type=news.newsitem&type=programme.meeting&group=12",
        "q=a%26b%3Dc+%2B%2F&year=2025&page=3",
        "q=&type=x%20y&odd%20name=%C3%A4",
        "",
    ],
)
@pytest.mark.parametrize(
    "changes",
    [{}, {"type": "programme.meeting"}, {"group": 7}, {"year": None}, {"type": "ä ö&"}],
)
def test_links_are_the_query_with_one_change(query, changes):
    params = QueryDict(query)
    assert _Links(params)(**changes) == _reference(params, **changes)
