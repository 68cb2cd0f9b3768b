"""Fill a database with national-scale data for the benchmarks.

    .venv/bin/python -m bench.generate                 # scale 1: 30,000 people
    .venv/bin/python -m bench.generate --scale 0.1     # a tenth of everything
    .venv/bin/python -m bench.generate --people 5000   # override one count
    .venv/bin/python -m bench.generate --reset         # delete bench content, then generate

It uses ``bench.settings`` (its own SQLite file, ``var/bench.sqlite3``) unless
``DJANGO_SETTINGS_MODULE`` says otherwise; ``DATABASE_URL`` points it at PostgreSQL.

The generator is a list of steps (``STEPS``), each a function of the ``Scale``. Each step is
idempotent: it creates only what is missing, identified by a marker (the bench people's email
domain), so running it again is cheap and never duplicates anything. Capabilities add their
content by appending a step (and a ``reset`` for it) after the steps it depends on.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import django

BENCH_EMAIL_DOMAIN = "bench.kaiku.example"
PEOPLE_AT_SCALE_1 = 30_000
BATCH_SIZE = 2_000
SEED = 20250101


@dataclass
class Scale:
    """How much to generate: ``factor`` times the national scale, with per-count overrides."""

    factor: float = 1.0
    overrides: dict[str, int] = field(default_factory=dict)

    def count(self, name: str, at_scale_1: int) -> int:
        if name in self.overrides:
            return self.overrides[name]
        return max(0, round(at_scale_1 * self.factor))


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


# --- Steps ---------------------------------------------------------------------------------


def step_reference_data(scale: Scale) -> str:
    """Regions and organisations from Statistics Finland: the same at every scale."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("load_reference_data", verbosity=0)
    except CommandError as exc:
        if "Unknown command" not in str(exc):
            raise
        return "SKIPPED: management command load_reference_data does not exist yet"
    from kaiku.organisations.models import Organisation, Region

    return f"{Region.objects.count()} regions, {Organisation.objects.count()} organisations"


def step_organisations(scale: Scale) -> str:
    """The ministry, KEHA, the former TE offices and the municipal pilots (no people)."""
    try:
        from kaiku.organisations.demo import load_demo_organisations
    except ImportError:
        return "SKIPPED: kaiku.organisations.demo does not exist yet"
    from django.db import transaction

    from kaiku.organisations.models import Organisation

    with transaction.atomic():
        load_demo_organisations()
    return f"{Organisation.objects.count()} organisations"


def step_people(scale: Scale) -> str:
    """People spread over every organisation, weighted towards municipalities and TE offices.

    No password is hashed per person: everyone gets the same precomputed hash (of
    ``BENCH_PASSWORD`` if set, so logged-in benchmarks can sign in) or an unusable one.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from kaiku.accounts.models import User
    from kaiku.organisations.models import Organisation

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

    from kaiku.accounts.models import User

    bench_people = User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
    EmailAddress.objects.filter(user__in=bench_people).delete()
    deleted, _per_model = bench_people.delete()
    return f"{deleted} rows deleted"


# --- Programme (issue 3): working groups, meetings and milestones ----------------------------

BENCH_PROGRAMME_SLUG = "bench-ohjelma-{n}"
BENCH_GROUP_SLUG = "bench-ryhma-{n}"
GROUP_TOPICS = [
    "Henkilöstösiirrot", "Tietojärjestelmät", "Asiakaspalvelun jatkuvuus", "Viestintä", "KOTO",
    "Muutosturva", "Rahoitus", "Työnantajapalvelut", "Palvelutarvearvio", "Yrityspalvelut",
]  # fmt: skip
MEETING_TITLES = ["Kokous", "Työpaja", "Seminaari", "Ohjausryhmän kokous", "Sparraus"]
MILESTONE_TITLES = [
    "Selvitys valmis", "Lausuntokierros", "Päätös tehty", "Siirtosuunnitelma", "Raportti",
]  # fmt: skip


def _visibility(rng: random.Random) -> str:
    roll = rng.random()
    return "public" if roll < 0.8 else ("staff" if roll < 0.95 else "group")


def step_programme(scale: Scale) -> str:
    """300 working groups in three programmes, 5,000 meetings and 5,000 milestones (at scale
    1), deterministic (each item is a function of its index) and bulk-created. Bench content
    is marked by the ``bench-`` slug prefix of its programme; a rerun adds only what is
    missing."""
    from django.db import transaction

    from kaiku.accounts.models import User
    from kaiku.programme.models import Meeting, Membership, Milestone, Programme, WorkingGroup

    n_groups = scale.count("groups", 300)
    n_meetings = scale.count("meetings", 5_000)
    n_milestones = scale.count("milestones", 5_000)
    n_programmes = min(3, max(1, n_groups))
    base = datetime(2023, 1, 9, 8, 0, tzinfo=UTC)
    with transaction.atomic():
        programmes = []
        for n in range(1, n_programmes + 1):
            programme, _created = Programme.objects.get_or_create(
                slug=BENCH_PROGRAMME_SLUG.format(n=n),
                defaults={
                    "name": f"Kuormitusohjelma {n}",
                    "summary": "Suorituskykymittausten ohjelma.",
                    "starts_on": base.date(),
                    "ends_on": base.date() + timedelta(days=3 * 365),
                },
            )
            programmes.append(programme)
        existing = set(
            WorkingGroup.objects.filter(programme__in=programmes).values_list("slug", flat=True)
        )
        new_groups = []
        for n in range(1, n_groups + 1):
            slug = BENCH_GROUP_SLUG.format(n=n)
            if slug in existing:
                continue
            rng = random.Random(SEED + n)
            new_groups.append(
                WorkingGroup(
                    programme=programmes[(n - 1) % n_programmes],
                    name=f"{GROUP_TOPICS[n % len(GROUP_TOPICS)]} – työryhmä {n}",
                    slug=slug,
                    mandate="Ryhmä valmistelee uudistuksen **toimeenpanoa**.",
                    visibility=_visibility(rng),
                    order=n,
                )
            )
        WorkingGroup.objects.bulk_create(new_groups, batch_size=BATCH_SIZE)
        groups = list(
            WorkingGroup.objects.filter(programme__in=programmes, slug__startswith="bench-ryhma-")
            .order_by("order", "pk")
            .only("pk")
        )
        if not groups:
            return "no groups wanted"

        # Eight seats per new group, from the bench people (when they exist).
        people = list(
            User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
            .order_by("pk")
            .values_list("pk", flat=True)[: 8 * len(groups)]
        )
        seats = []
        if people:
            roles = ["chair", "secretary", "member", "member", "member", "expert", "deputy"]
            new_slugs = {g.slug for g in new_groups}
            for index, group in enumerate(
                WorkingGroup.objects.filter(slug__in=new_slugs, programme__in=programmes)
            ):
                for seat, role in enumerate(roles):
                    person = people[(index * len(roles) + seat) % len(people)]
                    seats.append(Membership(group=group, person_id=person, role=role))
            Membership.objects.bulk_create(seats, batch_size=BATCH_SIZE, ignore_conflicts=True)

        bench_meetings = Meeting.objects.filter(group__in=groups)
        have = bench_meetings.count()
        meetings = []
        for i in range(have, n_meetings):
            rng = random.Random(SEED * 7 + i)
            starts = base + timedelta(days=rng.randrange(0, 3 * 365), hours=rng.randrange(0, 8))
            meetings.append(
                Meeting(
                    group=groups[i % len(groups)],
                    title=f"{MEETING_TITLES[i % len(MEETING_TITLES)]} {i + 1}",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    location="Teams" if i % 3 else "Hakaniemenranta 6, Helsinki",
                    agenda="1. Avaus\n2. Tilannekatsaus\n3. Muut asiat",
                    status="held" if starts.year < 2025 else "planned",
                    visibility=_visibility(rng),
                )
            )
        Meeting.objects.bulk_create(meetings, batch_size=BATCH_SIZE)

        have_milestones = Milestone.objects.filter(group__in=groups).count()
        milestones = []
        statuses = ["planned", "in_progress", "done", "late"]
        for i in range(have_milestones, n_milestones):
            rng = random.Random(SEED * 11 + i)
            milestones.append(
                Milestone(
                    group=groups[i % len(groups)],
                    title=f"{MILESTONE_TITLES[i % len(MILESTONE_TITLES)]} {i + 1}",
                    due_on=(base + timedelta(days=rng.randrange(0, 3 * 365))).date(),
                    status=statuses[rng.randrange(len(statuses))],
                    visibility=_visibility(rng),
                )
            )
        Milestone.objects.bulk_create(milestones, batch_size=BATCH_SIZE)
    return (
        f"{len(new_groups)} groups, {len(seats)} seats, {len(meetings)} meetings, "
        f"{len(milestones)} milestones created ({len(groups)} groups wanted {n_groups})"
    )


def reset_programme() -> str:
    from kaiku.programme.models import Programme

    deleted, _per_model = Programme.objects.filter(slug__startswith="bench-ohjelma-").delete()
    return f"{deleted} rows deleted"


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Scale], str]
    reset: Callable[[], str] | None = None


def _news_step(scale: Scale) -> str:
    """20,000 news items at scale 1 (kaiku/news/bench.py)."""
    from kaiku.news.bench import step_news

    return step_news(scale.count("news", 20_000))


def _news_reset() -> str:
    from kaiku.news.bench import reset_news

    return reset_news()


# In dependency order. Later capabilities append their steps here (and reset in reverse).
STEPS: list[Step] = [
    Step("reference_data", step_reference_data),
    Step("organisations", step_organisations),
    Step("people", step_people, reset_people),
    Step("programme", step_programme, reset_programme),
    Step("news", lambda scale: _news_step(scale), lambda: _news_reset()),
]


# --- Command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = national scale")
    parser.add_argument("--people", type=int, help=f"people (default {PEOPLE_AT_SCALE_1}×scale)")
    parser.add_argument("--reset", action="store_true", help="delete bench content first")
    parser.add_argument(
        "--only", action="append", metavar="STEP", help="run only these steps (repeatable)"
    )
    parser.add_argument("--no-migrate", action="store_true", help="do not run migrate first")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    (Path(__file__).resolve().parents[1] / "var").mkdir(exist_ok=True)
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    overrides = {"people": args.people} if args.people is not None else {}
    scale = Scale(factor=args.scale, overrides=overrides)
    steps = [s for s in STEPS if not args.only or s.name in args.only]
    database = settings.DATABASES["default"]
    print(f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")

    started = time.perf_counter()
    if not args.no_migrate:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"{'migrate':<16} {time.perf_counter() - t0:7.2f} s")
    if args.reset:
        for step in reversed(steps):
            if step.reset:
                t0 = time.perf_counter()
                result = step.reset()
                print(f"{'reset ' + step.name:<16} {time.perf_counter() - t0:7.2f} s  {result}")
    for step in steps:
        t0 = time.perf_counter()
        result = step.run(scale)
        print(f"{step.name:<16} {time.perf_counter() - t0:7.2f} s  {result}")
    print(f"{'total':<16} {time.perf_counter() - started:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
