"""Bench content for news (``bench/generate.py``, registered in ``kaiku.core.bench``):
20,000 items at scale 1, after the programme step (items relate to bench groups).

Deterministic (each item is a function of its index), bulk-created, idempotent: bench items
carry the ``bench-uutinen-`` slug prefix and a rerun adds only the missing ones.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from kaiku.core import bench
from kaiku.core.content import Visibility
from kaiku.core.translations import rendered

PREFIX = "bench-uutinen-"
BATCH_SIZE = 2_000
SEED = 20250101
START = datetime(2022, 12, 1, 9, tzinfo=UTC)

KEYWORDS = [
    "TE2024", "muutosvalmennus", "henkilöstö", "muutosturva", "KOTO2024", "ESR",
    "tietojärjestelmät", "asiakaspalvelu", "työllisyysalueet", "viestintä",
]  # fmt: skip
TOPICS = [
    "Työryhmän kokous", "Tiedote", "Aikataulu tarkentui", "Kysely käynnistyy",
    "Valmennus alkaa", "Raportti julkaistu", "Lausuntokierros", "Infotilaisuus",
]  # fmt: skip


def step_news(count: int) -> str:
    from django.db import transaction
    from django.utils.text import slugify

    from kaiku.programme.models import WorkingGroup

    from .models import Keyword, NewsItem, NewsKind

    rng = random.Random(SEED)
    with transaction.atomic():
        keywords = [
            Keyword.objects.get_or_create(slug=f"bench-{slugify(name)}", defaults={"name": name})[0]
            for name in KEYWORDS
        ]
        group_ids = list(
            WorkingGroup.objects.filter(programme__slug__startswith="bench-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        existing = set(
            NewsItem.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True)
        )
        kinds = [NewsKind.NEWS, NewsKind.NEWS, NewsKind.ANNOUNCEMENT, NewsKind.MEETING_REPORT]
        new, plan = [], {}
        for index in range(count):
            slug = f"{PREFIX}{index}"
            # Draw for every index, created or not, so that each item is a function of it.
            roll, minutes, topic = rng.random(), rng.randrange(60 * 24 * 900), rng.choice(TOPICS)
            chosen = rng.sample(range(len(keywords)), 2)
            group = group_ids[index % len(group_ids)] if group_ids else None
            if slug in existing:
                continue
            new.append(
                NewsItem(
                    slug=slug,
                    kind=kinds[index % len(kinds)],
                    title=f"{topic} {index}",
                    summary=f"{topic}: bench-uutisen {index} tiivistelmä.",
                    body=f"{topic}.\n\n**Bench-uutinen** numero {index}.",
                    pinned=index % 2_000 == 0,
                    published_at=START + timedelta(minutes=minutes) if roll < 0.97 else None,
                    visibility=Visibility.PUBLIC if roll < 0.85 else Visibility.STAFF,
                )
            )
            plan[slug] = (chosen, group)
        NewsItem.objects.bulk_create(rendered(new), batch_size=BATCH_SIZE)
        ids = dict(NewsItem.objects.filter(slug__in=plan).values_list("slug", "pk"))
        keyword_link = NewsItem.keywords.through
        group_link = NewsItem.related_groups.through
        keyword_link.objects.bulk_create(
            [
                keyword_link(newsitem_id=ids[slug], keyword_id=keywords[k].pk)
                for slug, (chosen, _group) in plan.items()
                for k in chosen
            ],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )
        group_link.objects.bulk_create(
            [
                group_link(newsitem_id=ids[slug], workinggroup_id=group)
                for slug, (_chosen, group) in plan.items()
                if group is not None
            ],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )
    return f"{len(new)} news items created ({count} wanted)"


def reset_news() -> str:
    from .models import Keyword, NewsItem

    deleted, _ = NewsItem.objects.filter(slug__startswith=PREFIX).delete()
    keywords, _ = Keyword.objects.filter(slug__startswith="bench-").delete()
    return f"{deleted + keywords} rows deleted"


def _run(scale: bench.Scale) -> str:
    return step_news(scale.count("news", 20_000))


bench.register("news", 50, run=_run, reset=reset_news)
