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


def test_stats_count_only_organisations_that_exist_today():
    import datetime

    OrganisationFactory(type=OrganisationType.TE_OFFICE, valid_until=datetime.date(2024, 12, 31))
    OrganisationFactory(type=OrganisationType.TE_OFFICE)
    stats = {row["url"].split("=")[1]: row["count"] for row in organisation_stats()}
    assert stats == {"te_office": 1}


def test_stats_say_the_count_in_finnish_partitive():
    from django.utils import translation

    MunicipalityFactory.create_batch(3)
    OrganisationFactory(type=OrganisationType.ELY_CENTRE)
    with translation.override("fi"):
        labels = {f"{row['count']} {row['label']}" for row in organisation_stats()}
    assert labels == {"3 kuntaa", "1 ELY-keskus"}
