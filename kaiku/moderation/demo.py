"""Demo moderation (``manage.py load_demo``), after the discussions (45) and questions (50):
the reports behind the demo's hidden comment (decided: upheld), and an open case for the
moderators' queue – a comment two people reported as off topic, still visible until a
moderator decides. Idempotent: one report per person and post.

This app imports no capability: the demo's comments are found by their model's label.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from kaiku.accounts.demo import demo_people
from kaiku.core.demo import register as register_demo

from .models import Report, Status

# (the start of the comment, [(reporter, reason, details)], decided)
CASES = [
    (
        "Tämä on täysin turhaa byrokratiaa",
        [
            ("tiina.tiimilainen", "inappropriate", "Nimittelee päättäjiä."),
            ("liisa.lahtinen", "inappropriate", ""),
        ],
        True,
    ),
    (
        "Meillä sovittiin, että syksyn lomat",
        [
            ("sofia.lindholm", "off_topic", "Kysymys kuuluisi kysymyksiin eikä tähän ketjuun."),
            ("tiina.tiimilainen", "off_topic", ""),
        ],
        False,
    ),
]


def load_demo_moderation() -> str:
    comment_model = apps.get_model("discussions", "Comment")
    people = demo_people()
    moderator = people.get("moderaattori")
    content_type = ContentType.objects.get_for_model(comment_model)
    made = 0
    for start, reports, decided in CASES:
        comment = comment_model.all_objects.filter(body__startswith=start).first()
        if comment is None:
            continue
        for who, reason, text in reports:
            reporter = people.get(who)
            if reporter is None:
                continue
            _report, created = Report.objects.get_or_create(
                content_type=content_type,
                object_id=comment.pk,
                reporter=reporter,
                defaults={
                    "reason": reason,
                    "text": text,
                    "status": Status.UPHELD if decided else Status.OPEN,
                    "resolved_at": timezone.now() if decided else None,
                    "resolved_by": moderator if decided else None,
                },
            )
            made += created
    return f"{made} reports created"


register_demo(55, load_demo_moderation)
