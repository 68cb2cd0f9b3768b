"""Bench content for events (``bench/generate.py``, registered in ``kaiku.core.bench``):
2,000 events with 100,000 registrations at scale 1, after the people (30) and organisations.

Each event is a function of its index: its kind, title, time (spread over 2024–2027, so that
both the upcoming and the past lists are full), place or online link, audience (about 10 %
public, 70 % for every signed-in person, 20 % for one region's organisations) and capacity
(about 60 % limited). Its registrations are bench people chosen by a generator seeded with
the index; where they exceed the capacity, the rest wait on the waitlist in ``queued_at``
order, and ``registered_count`` is the number holding a place, as the services keep it.

Bulk-created in batches with the Markdown's HTML written directly (the texts are plain).
Idempotent: bench events carry ``import_key = "bench-event-<index>"``; a rerun adds only the
missing events (with their registrations). ``reset`` deletes them and their registrations.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from html import escape

from kaiku.core import bench

KEY_PREFIX = "bench-event-"
BATCH_SIZE = 200
SEED = 20260110
START = datetime(2024, 1, 8, 7, tzinfo=UTC)
SPAN_DAYS = 4 * 365

KINDS = ["info_session", "coaching", "team_session", "development_day", "lecture"]
TOPICS = [
    "muutoksessa jaksaminen", "itseohjautuvat tiimit", "työnohjaus", "etäjohtaminen",
    "asiakaspalvelun jatkuvuus", "perehdytys kunnan työllisyyspalveluihin",
    "asiakastietojärjestelmän käyttöönotto", "Lean-menetelmä tiimeissä",
    "yrityspalvelujen kehittäminen", "henkilöstön siirtyminen kuntiin",
    "hyvien käytänteiden jakaminen", "yhteistyö hyvinvointialueen kanssa",
]  # fmt: skip
NAMES = {
    "info_session": "Infotilaisuus",
    "coaching": "Muutosvalmennus",
    "team_session": "Tiimin muutossessio",
    "development_day": "Kehittämispäivä",
    "lecture": "Luento",
}
PLACES = ["Hämeenlinna", "Lahti", "Tampere", "Riihimäki", "Forssa", "Turku", "Oulu", "Kuopio"]


def event_plan(index: int, rng: random.Random) -> dict:
    kind = KINDS[index % len(KINDS)]
    topic = TOPICS[rng.randrange(len(TOPICS))]
    title = f"{NAMES[kind]}: {topic} ({index + 1})"
    description = (
        f"{NAMES[kind]} aiheesta {topic}. Tilaisuudessa käydään läpi ajankohtaiset asiat "
        "ja keskustellaan osallistujien kysymyksistä."
    )
    day = START + timedelta(days=(index * 73 // 100) % SPAN_DAYS)
    start = day + timedelta(hours=rng.choice([0, 2, 5, 6]))
    online = kind == "info_session" or rng.random() < 0.4
    roll = rng.random()
    visibility = "public" if roll < 0.1 else "staff" if roll < 0.8 else "members"
    capacity = rng.choice([20, 30, 40, 60, 100, 250]) if rng.random() < 0.6 else None
    return {
        "kind": kind,
        "title": title,
        "description": description,
        "starts_at": start,
        "ends_at": start + timedelta(hours=rng.choice([1, 2, 3, 6])),
        "location": "" if kind == "info_session" else rng.choice(PLACES),
        "online_url": f"https://teams.example.fi/l/meetup-join/bench-{index}" if online else "",
        "visibility": visibility,
        "capacity": capacity,
    }


def step_events(count: int, registrations: int) -> str:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from kaiku.accounts.bench import BENCH_EMAIL_DOMAIN
    from kaiku.core.markdown import RENDERER_VERSION
    from kaiku.organisations.models import Region

    from .models import AudienceKind, Event, Registration, RegistrationStatus

    people = list(
        get_user_model()
        .objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", "organisation_id")[:20_000]
    )
    if not people:
        return "no bench people: skipped"
    regions = list(Region.objects.order_by("code").values_list("pk", flat=True))
    existing = set(
        Event.all_objects.filter(import_key__startswith=KEY_PREFIX).values_list(
            "import_key", flat=True
        )
    )
    per_event = registrations / max(count, 1)
    created = registered_rows = 0
    for batch_start in range(0, count, BATCH_SIZE):
        indices = [
            i
            for i in range(batch_start, min(batch_start + BATCH_SIZE, count))
            if f"{KEY_PREFIX}{i}" not in existing
        ]
        if not indices:
            continue
        rows, plans = [], {}
        for index in indices:
            rng = random.Random(SEED + index)
            plan = event_plan(index, rng)
            members = plan["visibility"] == "members" and regions
            published = plan["starts_at"] - timedelta(days=30)
            rows.append(
                Event(
                    kind=plan["kind"],
                    title=plan["title"],
                    title_fi=plan["title"],
                    description=plan["description"],
                    description_fi=plan["description"],
                    description_html_fi=f"<p>{escape(plan['description'])}</p>",
                    markdown_version=RENDERER_VERSION,
                    starts_at=plan["starts_at"],
                    ends_at=plan["ends_at"],
                    location=plan["location"],
                    online_url=plan["online_url"],
                    capacity=plan["capacity"],
                    audience=AudienceKind.REGIONS if members else AudienceKind.EVERYONE,
                    visibility=plan["visibility"] if regions else "staff",
                    published_at=published,
                    import_key=f"{KEY_PREFIX}{index}",
                )
            )
            # Up to twice the average, so the total is about ``registrations``.
            size = min(len(people), int(rng.random() * 2 * per_event + 0.5))
            plans[f"{KEY_PREFIX}{index}"] = (rng, size, members, published)
        with transaction.atomic():
            Event.all_objects.bulk_create(rows, batch_size=BATCH_SIZE)
            new = dict(
                Event.all_objects.filter(import_key__in=plans).values_list("import_key", "pk")
            )
            registration_rows, counts, region_links = [], {}, []
            for row in rows:
                rng, size, members, published = plans[row.import_key]
                pk = new[row.import_key]
                if members:
                    region_links.append(
                        Event.audience_regions.through(
                            event_id=pk, region_id=regions[rng.randrange(len(regions))]
                        )
                    )
                chosen = rng.sample(range(len(people)), size)
                held = 0
                for n, person in enumerate(chosen):
                    person_pk, organisation_pk = people[person]
                    has_place = row.capacity is None or held < row.capacity
                    held += has_place
                    registration_rows.append(
                        Registration(
                            event_id=pk,
                            person_id=person_pk,
                            organisation_id=organisation_pk,
                            status=RegistrationStatus.REGISTERED
                            if has_place
                            else RegistrationStatus.WAITLISTED,
                            queued_at=published + timedelta(minutes=7 * n + 1),
                        )
                    )
                counts.setdefault(held, []).append(pk)
            Event.audience_regions.through.objects.bulk_create(region_links)
            Registration.objects.bulk_create(registration_rows, batch_size=2_000)
            for held, pks in counts.items():
                Event.all_objects.filter(pk__in=pks).update(registered_count=held)
        created += len(rows)
        registered_rows += len(registration_rows)
    return f"{created} events and {registered_rows} registrations created ({count} wanted)"


def reset_events() -> str:
    from .models import Event

    deleted, _ = Event.all_objects.filter(import_key__startswith=KEY_PREFIX).delete()
    return f"{deleted} rows deleted"


def _run(scale: bench.Scale) -> str:
    return step_events(scale.count("events", 2_000), scale.count("event_registrations", 100_000))


bench.register("events", 75, run=_run, reset=reset_events)


def measured_event():
    """The upcoming published public bench event with the most registrations (the page
    benchmark's event page; events are published 30 days before they start)."""
    from django.utils import timezone

    from .models import Event

    now = timezone.now()
    return (
        Event.objects.filter(
            import_key__startswith=KEY_PREFIX,
            visibility="public",
            starts_at__gt=now,
            published_at__lte=now,
        )
        .order_by("-registered_count", "starts_at", "pk")
        .first()
    )
