"""Bench content for comments (``bench/generate.py``, registered in ``kaiku.core.bench``):
500,000 comments at scale 1, after the people, programme and news steps, spread over the
public bench news items and the bench working groups, 1,000 of them on one news item
(``busy_target``: the measured "news item with 1,000 comments" page) and 1,000 on the
most-voted public bench question (``busy_question``: the measured "question" page).

Deterministic (comment ``i`` is a function of ``i``: its target, author and text),
bulk-created in batches with their HTML written directly (the texts are plain), idempotent:
bench comments start with ``BODY_PREFIX`` and a rerun adds only the missing indices.
"""

from __future__ import annotations

import random

from kaiku.core import bench

BODY_PREFIX = "Bench-kommentti "
BUSY_COUNT = 1_000
BATCH_SIZE = 5_000
SEED = 20250808
PHRASES = [
    "Kiitos tiedosta, tämä selkeytti aikataulua.",
    "Miten tämä vaikuttaa vuosilomiin siirron jälkeen?",
    "Meidän tiimissä asiasta on keskusteltu paljon.",
    "Olisiko tästä mahdollista saada lisää tietoa henkilöstöinfossa?",
    "Hyvä, että asiakaspalvelun jatkuvuus on huomioitu.",
    "Järjestelmien käyttöoikeudet kannattaa tarkistaa ajoissa.",
]


def busy_target():
    """The news item with ``BUSY_COUNT`` comments: the first published public bench item."""
    from django.apps import apps

    news_item = apps.get_model("news", "NewsItem")
    return (
        news_item.objects.filter(
            slug__startswith="bench-uutinen-", visibility="public", published_at__isnull=False
        )
        .order_by("pk")
        .first()
    )


def busy_question():
    """The question with ``BUSY_COUNT`` comments: the public answered question with the most
    votes (the page ``bench/pages.py`` measures; read by name: questions is another app)."""
    from django.apps import apps

    question = apps.get_model("questions", "Question")
    return (
        question.objects.filter(visibility="public", status="answered")
        .order_by("-vote_count", "pk")
        .first()
    )


def _targets():
    """(content type id, object id, visibility, group id) of every bench target, in order."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from kaiku.programme.models import WorkingGroup

    news_item = apps.get_model("news", "NewsItem")
    news_type = ContentType.objects.get_for_model(news_item).pk
    group_type = ContentType.objects.get_for_model(WorkingGroup).pk
    targets = [
        (news_type, pk, visibility, None)
        for pk, visibility in news_item.objects.filter(
            slug__startswith="bench-uutinen-", published_at__isnull=False
        )
        .order_by("pk")
        .values_list("pk", "visibility")
    ]
    targets += [
        (group_type, pk, visibility, pk if visibility == "members" else None)
        for pk, visibility in WorkingGroup.objects.filter(programme__slug__startswith="bench-")
        .order_by("pk")
        .values_list("pk", "visibility")
    ]
    return targets


def step_comments(count: int) -> str:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from kaiku.accounts.bench import BENCH_EMAIL_DOMAIN
    from kaiku.core.markdown import RENDERER_VERSION

    from .models import Comment

    existing = Comment.all_objects.filter(body__startswith=BODY_PREFIX).count()
    if existing >= count:
        return f"0 comments created ({count} wanted)"
    targets = _targets()
    busy = busy_target()
    authors = list(
        get_user_model()
        .objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", flat=True)[:5_000]
    )
    if not targets or not authors or busy is None:
        return "no bench news, groups or people: skipped"
    busy_key = next(t for t in targets if t[1] == busy.pk and t[3] is None)
    question = busy_question()
    question_key = busy_key
    if question is not None:
        from django.contrib.contenttypes.models import ContentType

        question_type = ContentType.objects.get_for_model(type(question)).pk
        question_key = (question_type, question.pk, "public", None)
    created = 0
    for batch_start in range(existing, count, BATCH_SIZE):
        rows = []
        for index in range(batch_start, min(batch_start + BATCH_SIZE, count)):
            rng = random.Random(SEED + index)
            if index < BUSY_COUNT:
                target = busy_key
            elif index < 2 * BUSY_COUNT:
                target = question_key
            else:
                target = targets[index % len(targets)]
            text = f"{BODY_PREFIX}{index}: {rng.choice(PHRASES)}"
            rows.append(
                Comment(
                    content_type_id=target[0],
                    object_id=target[1],
                    visibility=target[2],
                    group_id=target[3],
                    author_id=authors[rng.randrange(len(authors))],
                    body=text,
                    body_html=f"<p>{text}</p>",
                    markdown_version=RENDERER_VERSION,
                )
            )
        with transaction.atomic():
            Comment.all_objects.bulk_create(rows, batch_size=1_000)
        created += len(rows)
    return f"{created} comments created ({count} wanted)"


def reset_comments() -> str:
    from .models import Comment

    deleted, _ = Comment.all_objects.filter(body__startswith=BODY_PREFIX).delete()
    return f"{deleted} rows deleted"


def _run(scale: bench.Scale) -> str:
    return step_comments(scale.count("comments", 500_000))


bench.register("comments", 60, run=_run, reset=reset_comments)
