"""A bench step of the benchmark's own: the measured working group grows with the scale.

The programme step spreads meetings and milestones evenly (about 17 of each per group at any
scale), so the group page would cost the same at scale 0.1 and 10. A real group that has met
for years has more: this step gives the measured group (the first public group of the first
bench programme, ``bench.pages.bench_group_path``) meetings with published memos, meetings to
come, tasks, goals and milestones in proportion to the scale. Rows are saved one by one
(through ``save()``) so that their stored Markdown HTML is filled as in production. The rows
are marked by the ``Kuormitus`` title prefix; a rerun adds only what is missing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kaiku.core import bench

PREFIX = "Kuormitus"
MARKDOWN = (
    "Ryhmä kävi läpi **tilannekuvan** ja sopi jatkosta.\n\n"
    "- Henkilöstösiirrot etenevät aikataulussa\n- Tietojärjestelmien testaus alkaa\n"
)


def measured_group():
    from kaiku.programme.models import WorkingGroup

    return (
        WorkingGroup.objects.filter(programme__slug="bench-ohjelma-1", visibility="public")
        .order_by("order", "pk")
        .first()
    )


def step_busy_group(scale: bench.Scale) -> str:
    from django.db import transaction

    from kaiku.programme.models import GroupGoal, GroupTask, Meeting, Memo, Milestone

    group = measured_group()
    if group is None:
        return "no bench group"
    n_meetings = scale.count("group_meetings", 120)
    n_tasks = scale.count("group_tasks", 40)
    n_goals = scale.count("group_goals", 15)
    n_milestones = scale.count("group_milestones", 60)
    base = datetime(2023, 1, 16, 9, 0, tzinfo=UTC)
    created = {"meetings": 0, "memos": 0, "tasks": 0, "goals": 0, "milestones": 0}
    with transaction.atomic():
        mine = Meeting.objects.filter(group=group, title__startswith=PREFIX)
        for i in range(mine.count(), n_meetings):
            # Two thirds held (2023-2025, with a memo), one third to come (2027).
            held = i % 3 != 2
            starts = (
                base + timedelta(days=7 * (i % 150))
                if held
                else datetime(2027, 1, 11, 9, 0, tzinfo=UTC) + timedelta(days=7 * (i % 50))
            )
            meeting = Meeting(
                group=group,
                title=f"{PREFIX}kokous {i + 1}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                location="Teams",
                agenda="1. Avaus\n2. **Tilannekatsaus**\n3. Muut asiat",
                status="held" if held else "planned",
            )
            meeting.save()
            created["meetings"] += 1
            if held:
                Memo(
                    group=group,
                    meeting=meeting,
                    title=f"{PREFIX}muistio {i + 1}",
                    body=MARKDOWN,
                    decisions="1. Hyväksyttiin esitys.\n2. Seuraava kokous sovittiin.",
                    published_at=starts + timedelta(days=2),
                ).save()
                created["memos"] += 1
        for model, wanted, key in ((GroupTask, n_tasks, "tasks"), (GroupGoal, n_goals, "goals")):
            have = model.objects.filter(group=group, title__startswith=PREFIX).count()
            for i in range(have, wanted):
                model(
                    group=group,
                    title=f"{PREFIX}{key[:-1]} {i + 1}",
                    description=MARKDOWN,
                    order=1000 + i,
                ).save()
                created[key] += 1
        have = Milestone.objects.filter(group=group, title__startswith=PREFIX).count()
        statuses = ["planned", "in_progress", "done", "late"]
        for i in range(have, n_milestones):
            Milestone(
                group=group,
                title=f"{PREFIX}välitavoite {i + 1}",
                due_on=(base + timedelta(days=14 * i)).date(),
                status=statuses[i % len(statuses)],
            ).save()
            created["milestones"] += 1
    made = ", ".join(f"{count} {name}" for name, count in created.items())
    return f"{group.slug}: {made} created"


def reset_busy_group() -> str:
    from kaiku.programme.models import GroupGoal, GroupTask, Meeting, Memo, Milestone

    deleted = 0
    for model in (Memo, Meeting, GroupTask, GroupGoal, Milestone):
        manager = getattr(model, "all_objects", model.objects)
        deleted += manager.filter(title__startswith=PREFIX).delete()[0]
    return f"{deleted} rows deleted"


bench.register("busy_group", 45, run=step_busy_group, reset=reset_busy_group)
