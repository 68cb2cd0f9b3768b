"""Reads of moderation: the moderators' queue and one piece of content's case.

The queue lists reported content, one row per object, with its report counts by reason. A
page costs a fixed number of queries whatever its length: the grouped reports, their reasons,
and one query per moderated model for the objects themselves (with the relations their
excerpt and address need, ``register_moderated(select_related=...)``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Max, Q
from django.utils import timezone

from kaiku.core.moderation import Moderated, author_id_of, model_key, moderated_models

from .models import Reason, Report, Status


def moderated_content_types() -> dict[int, Moderated]:
    """The content type id of every registered moderated model."""
    return {
        ContentType.objects.get_for_model(model, for_concrete_model=True).pk: moderated
        for model, moderated in moderated_models().items()
    }


def content_type_choices() -> list[tuple[str, str]]:
    return sorted(
        (model_key(model), str(model._meta.verbose_name).capitalize())
        for model in moderated_models()
    )


@dataclass
class Case:
    """One reported object in the queue."""

    content_type_id: int
    object_id: int
    reports: int
    open_reports: int
    latest: object
    reasons: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count)
    obj: models.Model | None = None
    moderated: Moderated | None = None
    author: object = None

    @property
    def key(self) -> str:
        return model_key(self.moderated.model) if self.moderated else ""

    @property
    def type_label(self) -> str:
        return str(self.moderated.model._meta.verbose_name).capitalize() if self.moderated else ""

    @property
    def excerpt(self) -> str:
        if self.obj is None or self.moderated is None:
            return ""
        return self.moderated.excerpt(self.obj)

    @property
    def is_hidden(self) -> bool:
        return self.obj is not None and self.obj.hidden_at is not None

    @property
    def awaits_decision(self) -> bool:
        """Hidden automatically after reports: a moderator must decide."""
        return self.is_hidden and self.obj.hidden_by_id is None

    @property
    def author_suspended(self) -> bool:
        until = getattr(self.author, "suspended_until", None)
        return bool(until and until > timezone.now())


def _hidden_q(hidden: bool) -> Q:
    """Reports whose object is (or is not) hidden, one subquery per moderated model."""
    q = Q(pk__in=[])
    for content_type_id, moderated in moderated_content_types().items():
        rows = moderated.model._base_manager.filter(hidden_at__isnull=not hidden).values("pk")
        q |= Q(content_type_id=content_type_id, object_id__in=rows)
    return q


def queue(
    *,
    status: str = "open",
    reason: str = "",
    content_type: str = "",
    hidden: str = "",
) -> models.QuerySet:
    """Reported objects as rows of ``content_type_id``, ``object_id``, ``reports``,
    ``open_reports`` and ``latest``, newest report first. ``status`` "open": objects with an
    open report; "decided": objects whose reports are all decided; "" both."""
    reports = Report.objects.filter(content_type_id__in=list(moderated_content_types()))
    if reason:
        # Every report of an object that has a report with this reason (the counts stay whole).
        reports = reports.filter(
            models.Exists(
                Report.objects.filter(
                    reason=reason,
                    content_type_id=models.OuterRef("content_type_id"),
                    object_id=models.OuterRef("object_id"),
                )
            )
        )
    if content_type:
        for content_type_id, moderated in moderated_content_types().items():
            if model_key(moderated.model) == content_type:
                reports = reports.filter(content_type_id=content_type_id)
                break
        else:
            reports = reports.none()
    if hidden in {"hidden", "visible"}:
        reports = reports.filter(_hidden_q(hidden == "hidden"))
    rows = (
        reports.order_by()
        .values("content_type_id", "object_id")
        .annotate(
            reports=Count("pk"),
            open_reports=Count("pk", filter=Q(status=Status.OPEN)),
            latest=Max("created"),
        )
    )
    if status == "open":
        rows = rows.filter(open_reports__gt=0)
    elif status == "decided":
        rows = rows.filter(open_reports=0)
    return rows.order_by("-latest", "-object_id")


def cases(rows) -> list[Case]:
    """The page's ``rows`` of ``queue`` as ``Case``s with their objects, authors and report
    reasons: two queries plus one per moderated model on the page."""
    rows = list(rows)
    by_type = moderated_content_types()
    found = [
        Case(
            content_type_id=r["content_type_id"],
            object_id=r["object_id"],
            reports=r["reports"],
            open_reports=r["open_reports"],
            latest=r["latest"],
            moderated=by_type.get(r["content_type_id"]),
        )
        for r in rows
    ]
    if not found:
        return found
    pairs = Q(pk__in=[])
    wanted: dict[int, set[int]] = defaultdict(set)
    for case in found:
        wanted[case.content_type_id].add(case.object_id)
        pairs |= Q(content_type_id=case.content_type_id, object_id=case.object_id)
    labels = dict(Reason.choices)
    reasons: dict[tuple[int, int], list] = defaultdict(list)
    counted = (
        Report.objects.filter(pairs)
        .order_by()
        .values("content_type_id", "object_id", "reason")
        .annotate(n=Count("pk"))
        .order_by("content_type_id", "object_id", "-n", "reason")
    )
    for r in counted:
        key = (r["content_type_id"], r["object_id"])
        reasons[key].append((r["reason"], labels.get(r["reason"], r["reason"]), r["n"]))
    objects: dict[tuple[int, int], models.Model] = {}
    for content_type_id, pks in wanted.items():
        moderated = by_type[content_type_id]
        author_field = getattr(moderated.model, "moderation_author_field", None)
        related = list(moderated.select_related)
        if author_field and author_field not in related:
            related.append(author_field)
        for obj in moderated.model._base_manager.select_related(*related).filter(pk__in=pks):
            objects[(content_type_id, obj.pk)] = obj
    for case in found:
        key = (case.content_type_id, case.object_id)
        case.reasons = reasons.get(key, [])
        case.obj = objects.get(key)
        if case.obj is not None and author_id_of(case.obj) is not None:
            case.author = getattr(case.obj, type(case.obj).moderation_author_field)
    return found


def case_for(obj: models.Model) -> Case:
    """The case of one object (reported or not), for its moderation page."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    rows = (
        Report.objects.filter(content_type=content_type, object_id=obj.pk)
        .order_by()
        .values("content_type_id", "object_id")
        .annotate(
            reports=Count("pk"),
            open_reports=Count("pk", filter=Q(status=Status.OPEN)),
            latest=Max("created"),
        )
    )
    found = cases(rows)
    if found:
        return found[0]
    moderated = moderated_content_types().get(content_type.pk)
    case = Case(content_type.pk, obj.pk, 0, 0, None, moderated=moderated, obj=obj)
    field_name = getattr(type(obj), "moderation_author_field", None)
    if field_name and author_id_of(obj) is not None:
        case.author = getattr(obj, field_name)
    return case


def reports_of(obj: models.Model) -> models.QuerySet:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return (
        Report.objects.filter(content_type=content_type, object_id=obj.pk)
        .select_related("reporter", "resolved_by")
        .order_by("-created", "-pk")
    )


def get_moderated(key: str, pk: int) -> models.Model | None:
    """The moderated object named by its model key and pk, hidden or not; None if unknown.
    (Soft-deleted rows are left out: there is nothing left to moderate.)"""
    from kaiku.core.moderation import moderated_by_key

    moderated = moderated_by_key(key)
    if moderated is None:
        return None
    manager = moderated.model._base_manager
    rows = manager.select_related(*moderated.select_related).filter(pk=pk)
    if any(f.name == "deleted_at" for f in moderated.model._meta.concrete_fields):
        rows = rows.filter(deleted_at__isnull=True)
    return rows.first()


def suspended_people():
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        ._default_manager.filter(suspended_until__gt=timezone.now())
        .order_by("suspended_until")
    )
