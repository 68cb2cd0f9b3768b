from __future__ import annotations

import pytest

from ..models import OrganisationType
from ..selectors import organisation_stats
from .factories import MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_stats_count_each_type_once():
    MunicipalityFactory.create_batch(3)
    OrganisationFactory(type=OrganisationType.MINISTRY)
    stats = {row["url"].split("=")[1]: row["count"] for row in organisation_stats()}
    assert stats == {"ministry": 1, "municipality": 3}
