from __future__ import annotations

import datetime
import time

import pytest
from django.core.management import call_command

from ..demo import load_demo_organisations
from ..models import Organisation, OrganisationType, Region
from ..services import reference_data_load, unique_slug

pytestmark = pytest.mark.django_db


def _snapshot():
    organisations = list(
        Organisation.objects.order_by("pk").values_list("pk", "slug", "name", "updated")
    )
    regions = list(Region.objects.order_by("pk").values_list("pk", "slug", "name", "updated"))
    links = (
        Organisation.regions.through.objects.count(),
        Organisation.municipalities.through.objects.count(),
    )
    return organisations, regions, links


def test_loads_the_real_reference_data(reference_data):
    assert Region.objects.count() == 19
    assert Organisation.objects.filter(type=OrganisationType.MUNICIPALITY).count() == 308
    assert Organisation.objects.filter(type=OrganisationType.ELY_CENTRE).count() == 15
    assert Organisation.objects.filter(type=OrganisationType.EMPLOYMENT_AREA).count() == 45
    # The Åland placeholders are not loaded.
    assert not Organisation.objects.filter(name_fi="Ahvenanmaa").exists()


def test_region_names_in_three_languages(reference_data):
    region = Region.objects.get(code="02")
    assert (region.name_fi, region.name_sv, region.name_en) == (
        "Varsinais-Suomi",
        "Egentliga Finland",
        "Southwest Finland",
    )
    assert region.slug == "varsinais-suomi"


def test_helsinki_and_its_employment_area(reference_data):
    helsinki = Organisation.objects.get(type=OrganisationType.MUNICIPALITY, code="091")
    assert helsinki.slug == "helsinki"
    assert helsinki.name_sv == "Helsingfors"
    assert helsinki.region.code == "01"
    area = helsinki.member_of.get()
    assert area.type == OrganisationType.EMPLOYMENT_AREA
    assert area.code == "8"
    assert area.slug == "helsinki-tyollisyysalue"
    assert list(area.municipalities.all()) == [helsinki]
    assert area.valid_from == datetime.date(2025, 1, 1)
    assert [r.code for r in area.regions.all()] == ["01"]


def test_ely_centres_have_codes_abbreviations_and_regions(reference_data):
    hame = Organisation.objects.get(type=OrganisationType.ELY_CENTRE, code="04")
    assert hame.abbreviation == "HAM"
    assert hame.name_en == "Häme ELY Centre"
    assert hame.valid_until == datetime.date(2025, 12, 31)
    assert sorted(r.code for r in hame.regions.all()) == ["05", "07"]


def test_every_mainland_municipality_is_in_exactly_one_employment_area(reference_data):
    municipalities = Organisation.objects.filter(type=OrganisationType.MUNICIPALITY)
    mainland = municipalities.exclude(region__code="21")
    through = Organisation.municipalities.through.objects
    assert through.count() == mainland.count() == 292
    assert not through.filter(to_organisation__region__code="21").exists()


def test_slugs_are_unique_and_ascii(reference_data):
    slugs = list(Organisation.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    assert Organisation.objects.get(code="478", type="municipality").slug == (
        "maarianhamina-mariehamn"
    )
    assert all(slug.isascii() for slug in slugs)


def test_second_run_changes_nothing(reference_data):
    before = _snapshot()
    result = reference_data_load()
    assert not result.changed
    assert _snapshot() == before


def test_a_changed_name_is_updated_and_a_stale_link_removed(reference_data):
    helsinki = Organisation.objects.get(type=OrganisationType.MUNICIPALITY, code="091")
    Organisation.objects.filter(pk=helsinki.pk).update(name_sv="Fel", slug="custom-slug")
    espoo_area = Organisation.objects.get(type=OrganisationType.EMPLOYMENT_AREA, code="1")
    espoo_area.municipalities.add(helsinki)

    result = reference_data_load()

    helsinki.refresh_from_db()
    assert helsinki.name_sv == "Helsingfors"
    assert helsinki.slug == "custom-slug"  # slugs are kept: URLs stay stable
    assert result.updated["municipalities"] == 1
    assert result.links_removed == 1
    assert helsinki.member_of.get().code == "8"


def test_loading_is_fast():
    started = time.perf_counter()
    reference_data_load()
    assert time.perf_counter() - started < 5


def test_management_command_is_idempotent(capsys):
    call_command("load_reference_data")
    call_command("load_reference_data")
    assert "already up to date" in capsys.readouterr().out
    assert Organisation.objects.filter(type=OrganisationType.MUNICIPALITY).count() == 308


def test_unique_slug_adds_the_type_then_a_number():
    taken = {"helsinki", "helsinki-tyollisyysalue"}
    assert unique_slug("Helsinki", type="employment_area", taken=taken) == (
        "helsinki-tyollisyysalue-2"
    )
    assert unique_slug("Ähtäri", type="municipality", taken=taken) == "ahtari"
    assert "ahtari" in taken


def test_demo_organisations_are_idempotent(reference_data):
    organisations = load_demo_organisations()
    count = Organisation.objects.count()
    before = _snapshot()
    load_demo_organisations()
    assert Organisation.objects.count() == count
    assert _snapshot() == before

    te_offices = Organisation.objects.filter(type=OrganisationType.TE_OFFICE)
    assert te_offices.count() == 15
    assert set(te_offices.values_list("valid_until", flat=True)) == {datetime.date(2024, 12, 31)}
    hame = organisations["hameen-te-toimisto"]
    assert hame.region.code == "05"
    assert hame.description_fi.startswith("250 asiantuntijan julkinen työnvälitysorganisaatio")
    tem = organisations["tyo-ja-elinkeinoministerio"]
    assert (tem.abbreviation, tem.name_sv) == ("TEM", "Arbets- och näringsministeriet")
    assert organisations["keha-keskus"].type == OrganisationType.KEHA_CENTRE
    assert organisations["kuntaliitto"].type == OrganisationType.OTHER
    tampere = organisations["tampereen-seudun-kuntakokeilu"]
    assert tampere.type == OrganisationType.MUNICIPAL_PILOT
    assert "Tampere" in set(tampere.municipalities.values_list("name_fi", flat=True))
    assert tampere.valid_from == datetime.date(2021, 3, 1)


def test_demo_loads_reference_data_when_missing():
    load_demo_organisations()
    assert Region.objects.count() == 19
    assert Organisation.objects.filter(type=OrganisationType.MUNICIPAL_PILOT).count() == 5
