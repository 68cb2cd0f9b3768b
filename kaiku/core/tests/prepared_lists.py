"""A shared check for API lists on kept queries (``PreparedListMixin``)."""

from __future__ import annotations

from collections.abc import Iterable


def assert_prepared_list_is_drfs(api, url: str, queries: Iterable[str], **headers) -> None:
    """Each ``url + query`` answers as DRF's own path does: ``?format=json`` makes the list
    take DRF's path (the kept queries serve only plain page/page_size requests), and DRF
    keeps ``format=json`` in the addresses it writes, so it is taken out before comparing."""
    for query in queries:
        prepared = api.get(url + query, **headers)
        drf = api.get(url + query + ("&" if query else "?") + "format=json", **headers)
        assert prepared.status_code == drf.status_code, query
        slow = drf.content.replace(b"format=json&", b"").replace(b"&format=json", b"")
        assert prepared.content == slow.replace(b"?format=json", b""), query
