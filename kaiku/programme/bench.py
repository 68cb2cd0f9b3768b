"""Bench content for the programme (``bench/generate.py``, registered in ``kaiku.core.bench``).

Bench programmes carry the ``bench-ohjelma-`` slug prefix and their groups ``bench-ryhma-``;
the groups' seats go to the bench people (``kaiku.accounts.bench``).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from kaiku.accounts.bench import BATCH_SIZE, BENCH_EMAIL_DOMAIN, SEED
from kaiku.core import bench
from kaiku.core.content import Visibility
from kaiku.core.translations import rendered

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
    if roll < 0.8:
        return Visibility.PUBLIC
    return Visibility.STAFF if roll < 0.95 else Visibility.MEMBERS


def step_programme(scale: bench.Scale) -> str:
    """300 working groups in three programmes, 5,000 meetings and 5,000 milestones (at scale
    1), deterministic (each item is a function of its index) and bulk-created. Bench content
    is marked by the ``bench-`` slug prefix of its programme; a rerun adds only what is
    missing."""
    from django.db import transaction

    from kaiku.accounts.models import User

    from .models import Meeting, Membership, Milestone, Programme, WorkingGroup

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
        WorkingGroup.objects.bulk_create(rendered(new_groups), batch_size=BATCH_SIZE)
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
        Meeting.objects.bulk_create(rendered(meetings), batch_size=BATCH_SIZE)

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
    from .models import Programme

    deleted, _per_model = Programme.objects.filter(slug__startswith="bench-ohjelma-").delete()
    return f"{deleted} rows deleted"


bench.register("programme", 40, run=step_programme, reset=reset_programme)
