"""Bench content for people (``bench/generate.py``, registered in ``kaiku.core.bench``).

30,000 people at scale 1, spread over every organisation. Bench people are marked by their
email domain (``BENCH_EMAIL_DOMAIN``): a rerun adds only the missing ones, and other apps'
steps find them by it.
"""

from __future__ import annotations

import itertools
import os
import random
from datetime import UTC, datetime, timedelta

from kaiku.core import bench

BENCH_EMAIL_DOMAIN = "bench.kaiku.example"
PEOPLE_AT_SCALE_1 = 30_000
BATCH_SIZE = 2_000
SEED = 20250101

# --- Deterministic Finnish content ---------------------------------------------------------
# Fixed lists, so that the same index always gives the same person on every machine.

FIRST_NAMES = [
    "Aino", "Anna", "Anne", "Eeva", "Elina", "Emma", "Hanna", "Heidi", "Helena", "Johanna",
    "Kaisa", "Katja", "Laura", "Leena", "Liisa", "Maria", "Minna", "Noora", "Päivi", "Riikka",
    "Sanna", "Satu", "Tiina", "Tuula", "Ulla", "Aleksi", "Antti", "Eero", "Heikki", "Ilkka",
    "Jari", "Juha", "Jukka", "Kalle", "Kari", "Lauri", "Markku", "Matti", "Mikko", "Niko",
    "Pekka", "Petri", "Sami", "Tapio", "Timo", "Tuomas", "Ville", "Väinö", "Åsa", "Björn",
]  # fmt: skip
LAST_NAMES = [
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen",
    "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen",
    "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen", "Ahonen",
    "Leinonen", "Hiltunen", "Kettunen", "Miettinen", "Väisänen", "Pelkonen", "Ojala",
    "Lindholm", "Nyström", "Grönroos",
]  # fmt: skip
TITLES = [
    "asiantuntija", "erityisasiantuntija", "johtava asiantuntija", "suunnittelija",
    "kehittämispäällikkö", "palvelupäällikkö", "työllisyyspalvelujen päällikkö",
    "työvoimaneuvoja", "työnvälittäjä", "yritysasiantuntija", "uraohjaaja", "projektipäällikkö",
    "hankekoordinaattori", "ICT-asiantuntija", "viestintäasiantuntija", "lakimies",
    "talousasiantuntija", "osastopäällikkö", "yksikön johtaja", "kehittämisjohtaja",
    "tietoasiantuntija", "ylitarkastaja", "neuvotteleva virkamies", "hallitusneuvos",
]  # fmt: skip
EXPERTISE = [
    "Työllisyyspalvelujen järjestäminen ja TE24-uudistus.",
    "Asiakasohjaus, palvelutarpeen arviointi ja työnhakijan palvelumalli.",
    "Yrityspalvelut ja rekrytointi.",
    "Tietojärjestelmät, asiointipalvelut ja tiedonhallinta.",
    "Kotoutuminen ja maahanmuuttajien työllistyminen.",
    "Nuorten palvelut ja ohjaamotoiminta.",
    "Palkkatuki, starttiraha ja työllisyyspoliittinen avustus.",
    "Viestintä ja muutosjohtaminen.",
    "",
    "",
]
# (languages worked in, UI language), with weights: mostly Finnish, a Swedish-speaking
# minority, some English.
LANGUAGE_PROFILES = [
    ((["fi"], "fi"), 55),
    ((["fi", "en"], "fi"), 25),
    ((["sv", "fi"], "sv"), 6),
    ((["fi", "sv", "en"], "fi"), 6),
    ((["sv", "fi", "en"], "sv"), 3),
    ((["en", "fi"], "en"), 5),
]
# How many people an organisation of each type has, relative to the others. Employment
# services now live in municipalities and employment areas; TE offices keep their staff for
# history; ministries and centres are few and large.
ORGANISATION_TYPE_WEIGHTS = {
    "municipality": 5,
    "te_office": 5,
    "employment_area": 4,
    "municipal_pilot": 3,
    "ely_centre": 3,
    "keha_centre": 3,
    "ministry": 2,
    "other": 1,
}

# The largest cities employ far more people than a small municipality: multipliers on the
# municipality weight, by official code, roughly following their population (Helsinki
# 091, Espoo 049, Tampere 837, Vantaa 092, Oulu 564, Turku 853, Jyväskylä 179, Kuopio 297,
# Lahti 398, Pori 609). They make Helsinki's page the largest, as it would be.
LARGE_MUNICIPALITY_MULTIPLIERS = {
    "091": 20, "049": 10, "837": 10, "092": 10, "564": 8,
    "853": 8, "179": 5, "297": 5, "398": 5, "609": 3,
}  # fmt: skip


def organisation_weight(organisation_type: str, code: str) -> int:
    weight = ORGANISATION_TYPE_WEIGHTS.get(organisation_type, 1)
    if organisation_type == "municipality":
        weight *= LARGE_MUNICIPALITY_MULTIPLIERS.get(code, 1)
    return weight


def bench_email(index: int) -> str:
    return f"bench-person-{index}@{BENCH_EMAIL_DOMAIN}"


def step_people(scale: bench.Scale) -> str:
    """People spread over every organisation, weighted towards municipalities and TE offices.

    No password is hashed per person: everyone gets the same precomputed hash (of
    ``BENCH_PASSWORD`` if set, so logged-in benchmarks can sign in) or an unusable one.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from kaiku.organisations.models import Organisation

    from .models import User

    total = scale.count("people", PEOPLE_AT_SCALE_1)
    # email -> organisation, for the bench people already there
    existing = dict(
        User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").values_list(
            "email", "organisation_id"
        )
    )
    # People generated before the reference data existed get their organisation now.
    late_organisations: dict[str, int] = {}
    organisations = list(Organisation.objects.order_by("pk").values_list("pk", "type", "code"))
    organisation_weights = list(
        itertools.accumulate(organisation_weight(t, code) for _pk, t, code in organisations)
    )
    password = make_password(os.environ.get("BENCH_PASSWORD") or None)
    epoch = datetime(2025, 1, 1, tzinfo=UTC)
    profiles = [p for p, _w in LANGUAGE_PROFILES]
    profile_weights = [w for _p, w in LANGUAGE_PROFILES]

    # One generator for the whole run: person N is the same whichever people already exist.
    rng = random.Random(SEED)
    batch: list[User] = []
    created = 0

    def flush() -> None:
        nonlocal created
        with transaction.atomic():
            users = User.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            if users and users[0].pk is None:  # backends without RETURNING
                users = list(User.objects.filter(email__in=[u.email for u in batch]))
            EmailAddress.objects.bulk_create(
                [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
                batch_size=BATCH_SIZE,
            )
        created += len(batch)
        batch.clear()

    for index in range(1, total + 1):
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        title = rng.choice(TITLES)
        expertise = rng.choice(EXPERTISE)
        languages, ui_language = rng.choices(profiles, profile_weights)[0]
        organisation_pk = (
            rng.choices(organisations, cum_weights=organisation_weights)[0][0]
            if organisations
            else None
        )
        joined = epoch - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        email = bench_email(index)
        if email in existing:
            if existing[email] is None and organisation_pk is not None:
                late_organisations[email] = organisation_pk
            continue
        batch.append(
            User(
                email=email,
                full_name=f"{first} {last}",
                title=title,
                expertise=expertise,
                organisation_id=organisation_pk,
                languages=list(languages),
                preferred_language=ui_language,
                password=password,
                date_joined=joined,
            )
        )
        if len(batch) >= BATCH_SIZE:
            flush()
    if batch:
        flush()
    if late_organisations:
        emails = list(late_organisations)
        for offset in range(0, len(emails), BATCH_SIZE):
            chunk = emails[offset : offset + BATCH_SIZE]
            people = list(User.objects.filter(email__in=chunk).only("pk", "email"))
            for person in people:
                person.organisation_id = late_organisations[person.email]
            User.objects.bulk_update(people, ["organisation"], batch_size=BATCH_SIZE)
    note = "" if organisations else " (no organisations yet: people have none)"
    if late_organisations:
        note += f", {len(late_organisations)} given an organisation"
    return f"{created} created, {len(existing)} already there, {total} wanted{note}"


def reset_people() -> str:
    from allauth.account.models import EmailAddress

    from .models import User

    bench_people = User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
    EmailAddress.objects.filter(user__in=bench_people).delete()
    deleted, _per_model = bench_people.delete()
    return f"{deleted} rows deleted"


bench.register("people", 30, run=step_people, reset=reset_people)
