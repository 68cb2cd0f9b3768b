"""A fixture for tests of the anonymous page cache (kaiku/core/cache.py): the cache switched
on and empty before and after the test. Import it into a test module to use it there."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from kaiku.core import cache as page_cache


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.KAIKU_PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    page_cache._NOT_CACHED_PATHS.clear()
    yield
    caches["pages"].clear()
    page_cache._NOT_CACHED_PATHS.clear()
