"""Demo organisations: the ministry, KEHA, the former TE offices, municipal pilots.

These are real organisations, but their descriptions and the pilots' member lists are demo
content written for Kaiku (check them before relying on them). Loading is idempotent: rows
are matched by slug and only changed values are written. The reference data (regions,
municipalities) is loaded first when it is missing.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from kaiku.core.demo import register as register_demo

from .models import Organisation, OrganisationType, Region
from .services import organisation_upsert, reference_data_load

TE_OFFICES_VALID_FROM = datetime.date(2013, 1, 1)
TE_OFFICES_VALID_UNTIL = datetime.date(2024, 12, 31)
PILOTS_VALID_FROM = datetime.date(2021, 3, 1)
PILOTS_VALID_UNTIL = datetime.date(2024, 12, 31)

# slug, fi, sv, en, region codes (the first is the home region), where (Finnish locative)
TE_OFFICES = [
    ("uudenmaan-te-toimisto", "Uudenmaan", "Nyland", "Uusimaa", ["01"], "Uudellamaalla"),
    (
        "varsinais-suomen-te-toimisto",
        "Varsinais-Suomen",
        "Egentliga Finland",
        "Southwest Finland",
        ["02"],
        "Varsinais-Suomessa",
    ),
    ("satakunnan-te-toimisto", "Satakunnan", "Satakunta", "Satakunta", ["04"], "Satakunnassa"),
    ("hameen-te-toimisto", "Hämeen", "Tavastland", "Häme", ["05", "07"], None),
    ("pirkanmaan-te-toimisto", "Pirkanmaan", "Birkaland", "Pirkanmaa", ["06"], "Pirkanmaalla"),
    (
        "kaakkois-suomen-te-toimisto",
        "Kaakkois-Suomen",
        "Sydöstra Finland",
        "Southeast Finland",
        ["08", "09"],
        "Kymenlaaksossa ja Etelä-Karjalassa",
    ),
    (
        "etela-savon-te-toimisto",
        "Etelä-Savon",
        "Södra Savolax",
        "South Savo",
        ["10"],
        "Etelä-Savossa",
    ),
    (
        "pohjois-savon-te-toimisto",
        "Pohjois-Savon",
        "Norra Savolax",
        "North Savo",
        ["11"],
        "Pohjois-Savossa",
    ),
    (
        "pohjois-karjalan-te-toimisto",
        "Pohjois-Karjalan",
        "Norra Karelen",
        "North Karelia",
        ["12"],
        "Pohjois-Karjalassa",
    ),
    (
        "keski-suomen-te-toimisto",
        "Keski-Suomen",
        "Mellersta Finland",
        "Central Finland",
        ["13"],
        "Keski-Suomessa",
    ),
    (
        "etela-pohjanmaan-te-toimisto",
        "Etelä-Pohjanmaan",
        "Södra Österbotten",
        "South Ostrobothnia",
        ["14"],
        "Etelä-Pohjanmaalla",
    ),
    (
        "pohjanmaan-te-toimisto",
        "Pohjanmaan",
        "Österbotten",
        "Ostrobothnia",
        ["15", "16"],
        "Pohjanmaalla ja Keski-Pohjanmaalla",
    ),
    (
        "pohjois-pohjanmaan-te-toimisto",
        "Pohjois-Pohjanmaan",
        "Norra Österbotten",
        "North Ostrobothnia",
        ["17"],
        "Pohjois-Pohjanmaalla",
    ),
    ("kainuun-te-toimisto", "Kainuun", "Kajanaland", "Kainuu", ["18"], "Kainuussa"),
    ("lapin-te-toimisto", "Lapin", "Lappland", "Lapland", ["19"], "Lapissa"),
]

HAME_DESCRIPTION = (
    "250 asiantuntijan julkinen työnvälitysorganisaatio, joka tarjoaa työllisyys- ja "
    "yrityspalveluja Kanta- ja Päijät-Hämeessä"
)

# slug, fi, sv, en, member municipality names (fi)
MUNICIPAL_PILOTS = [
    (
        "helsingin-kuntakokeilu",
        "Helsingin kuntakokeilu",
        "Helsingfors kommunförsök",
        "Helsinki municipal pilot",
        ["Helsinki"],
    ),
    (
        "tampereen-seudun-kuntakokeilu",
        "Tampereen seudun kuntakokeilu",
        "Tammerforsregionens kommunförsök",
        "Tampere region municipal pilot",
        [
            "Tampere",
            "Kangasala",
            "Lempäälä",
            "Nokia",
            "Orivesi",
            "Pirkkala",
            "Vesilahti",
            "Ylöjärvi",
        ],
    ),
    (
        "turun-kuntakokeilu",
        "Turun kuntakokeilu",
        "Åbo kommunförsök",
        "Turku municipal pilot",
        ["Turku"],
    ),
    (
        "oulun-seudun-kuntakokeilu",
        "Oulun seudun kuntakokeilu",
        "Uleåborgsregionens kommunförsök",
        "Oulu region municipal pilot",
        ["Oulu", "Hailuoto", "Kempele", "Liminka", "Lumijoki", "Muhos", "Tyrnävä"],
    ),
    (
        "jyvaskylan-seudun-kuntakokeilu",
        "Jyväskylän seudun kuntakokeilu",
        "Jyväskyläregionens kommunförsök",
        "Jyväskylä region municipal pilot",
        ["Jyväskylä", "Hankasalmi", "Laukaa", "Muurame", "Petäjävesi", "Toivakka", "Uurainen"],
    ),
]


@transaction.atomic
def load_demo_organisations() -> dict[str, Organisation]:
    """Create or update the demo organisations; returns them by slug. Idempotent."""
    if not Region.objects.exists():
        reference_data_load()
    regions = {r.code: r for r in Region.objects.all()}
    municipalities = {
        m.name_fi: m for m in Organisation.objects.filter(type=OrganisationType.MUNICIPALITY)
    }
    created: dict[str, Organisation] = {}

    tem = organisation_upsert(
        slug="tyo-ja-elinkeinoministerio",
        type=OrganisationType.MINISTRY,
        name_fi="Työ- ja elinkeinoministeriö",
        name_sv="Arbets- och näringsministeriet",
        name_en="Ministry of Economic Affairs and Employment",
        abbreviation="TEM",
        website="https://tem.fi/",
        description_fi=(
            "Ministeriö vastaa työ- ja elinkeinopolitiikasta sekä TE-palvelujen "
            "järjestämisvastuun siirrosta kunnille (TE24-uudistus)."
        ),
    )
    created[tem.slug] = tem

    keha = organisation_upsert(
        slug="keha-keskus",
        type=OrganisationType.KEHA_CENTRE,
        name_fi="KEHA-keskus",
        name_sv="UF-centret",
        name_en="KEHA Centre",
        abbreviation="KEHA",
        website="https://www.keha-keskus.fi/",
        parent=tem,
        description_fi=(
            "Elinkeino-, liikenne- ja ympäristökeskusten sekä työ- ja elinkeinotoimistojen "
            "kehittämis- ja hallintokeskus."
        ),
    )
    created[keha.slug] = keha

    for slug, fi, sv, en, codes, where in TE_OFFICES:
        description = (
            HAME_DESCRIPTION
            if where is None
            else (
                "Julkinen työnvälitysorganisaatio, joka tarjosi työllisyys- ja yrityspalveluja "
                f"{where} vuoden 2024 loppuun asti."
            )
        )
        office = organisation_upsert(
            slug=slug,
            type=OrganisationType.TE_OFFICE,
            name_fi=f"{fi} TE-toimisto",
            name_sv=f"Arbets- och näringsbyrån i {sv}",
            name_en=f"{en} TE Office",
            abbreviation="",
            parent=tem,
            region=regions[codes[0]],
            regions=[regions[c] for c in codes],
            valid_from=TE_OFFICES_VALID_FROM,
            valid_until=TE_OFFICES_VALID_UNTIL,
            description_fi=description,
        )
        created[office.slug] = office

    for slug, fi, sv, en, members in MUNICIPAL_PILOTS:
        member_rows = [municipalities[name] for name in members if name in municipalities]
        home_region = member_rows[0].region if member_rows else None
        pilot = organisation_upsert(
            slug=slug,
            type=OrganisationType.MUNICIPAL_PILOT,
            name_fi=fi,
            name_sv=sv,
            name_en=en,
            region=home_region,
            regions=[home_region] if home_region else [],
            municipalities=member_rows,
            valid_from=PILOTS_VALID_FROM,
            valid_until=PILOTS_VALID_UNTIL,
            description_fi=(
                "Työllisyyden kuntakokeilu (2021–2024), jossa kunnat järjestivät osan "
                "TE-palveluista ennen TE24-uudistusta."
            ),
        )
        created[pilot.slug] = pilot

    kuntaliitto = organisation_upsert(
        slug="kuntaliitto",
        type=OrganisationType.OTHER,
        name_fi="Kuntaliitto",
        name_sv="Kommunförbundet",
        name_en="Association of Finnish Municipalities",
        website="https://www.kuntaliitto.fi/",
        description_fi="Kuntien ja hyvinvointialueiden edunvalvonta- ja kehittämisjärjestö.",
    )
    created[kuntaliitto.slug] = kuntaliitto
    return created


register_demo(10, load_demo_organisations)
