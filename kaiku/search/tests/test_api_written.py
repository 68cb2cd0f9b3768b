"""The API writes its hits without the serializer (``api.views.written_hits``): the JSON must
be what ``SearchHitSerializer`` (the schema's) writes, in every language and time zone."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone, translation
from rest_framework.test import APIRequestFactory

from kaiku.search.analysis import parse_query
from kaiku.search.api.serializers import SearchHitSerializer
from kaiku.search.api.views import written_hits
from kaiku.search.indexing import rebuild
from kaiku.search.selectors import Search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("zone", ["UTC", "Europe/Helsinki"])
def test_written_hits_are_the_serializers(people, content, language, zone):
    rebuild()
    request = APIRequestFactory().get("/api/v1/search/")
    with translation.override(language), timezone.override(zone):
        hits = Search(viewer=people["admin"], query=parse_query("kunta")).page(1).object_list
        assert any(hit.group for hit in hits) and any(hit.date for hit in hits)
        expected = SearchHitSerializer(hits, many=True, context={"request": request}).data
        assert json.dumps(written_hits(hits)) == json.dumps(expected)
