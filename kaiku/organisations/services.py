"""Writes of organisations and regions: loading the official reference data.

The reference data (regions, ELY centres, municipalities, TE24 employment areas) comes from
Statistics Finland; see ``data/SOURCES.md``. Loading is idempotent: rows are matched by
their official code (``Region.code``, ``Organisation.(type, code)``), only rows whose values
differ are written, and many-to-many links are diffed, so a second run writes nothing.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from kaiku.core.writes import model_update

from .models import Organisation, OrganisationType, Region

DATA_DIR = Path(__file__).resolve().parent / "data"

# Validity of the reference organisations (see data/SOURCES.md).
ELY_VALID_FROM = datetime.date(2010, 1, 1)
ELY_VALID_UNTIL = datetime.date(2025, 12, 31)
EMPLOYMENT_AREA_VALID_FROM = datetime.date(2025, 1, 1)

# Appended to a slug when the plain name is already taken by another organisation,
# e.g. employment area "Helsinki" next to municipality "Helsinki".
SLUG_SUFFIXES = {
    OrganisationType.MINISTRY: "ministerio",
    OrganisationType.KEHA_CENTRE: "keha",
    OrganisationType.ELY_CENTRE: "ely-keskus",
    OrganisationType.TE_OFFICE: "te-toimisto",
    OrganisationType.MUNICIPALITY: "kunta",
    OrganisationType.EMPLOYMENT_AREA: "tyollisyysalue",
    OrganisationType.MUNICIPAL_PILOT: "kuntakokeilu",
    OrganisationType.OTHER: "organisaatio",
}


@dataclass
class LoadResult:
    """What a load changed; all zeros on a second run."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    links_added: int = 0
    links_removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            any(self.created.values())
            or any(self.updated.values())
            or self.links_added
            or self.links_removed
        )

    def summary(self) -> str:
        parts = [
            f"{kind}: {self.created.get(kind, 0)} created, {self.updated.get(kind, 0)} updated"
            for kind in sorted(set(self.created) | set(self.updated))
        ]
        parts.append(f"links: {self.links_added} added, {self.links_removed} removed")
        return "; ".join(parts)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def unique_slug(name: str, *, type: str, taken: set[str]) -> str:  # noqa: A002
    """A slug for ``name`` not in ``taken``: the plain name, then with a type suffix, then
    numbered. The result is added to ``taken``."""
    base = slugify(name)[:150] or type
    candidates = [base, f"{base}-{SLUG_SUFFIXES.get(type, type)}"]
    candidate = next((c for c in candidates if c not in taken), None)
    number = 2
    while candidate is None:
        if f"{candidates[1]}-{number}" not in taken:
            candidate = f"{candidates[1]}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _sync_rows(
    model,
    *,
    existing: dict[str, object],
    wanted: dict[str, dict],
    taken_slugs: set[str],
    slug_type: str | None,
    result: LoadResult,
    label: str,
) -> dict[str, object]:
    """Create missing rows and update changed ones. ``wanted`` maps a key to field values;
    ``existing`` maps the same key to saved instances. Slugs of existing rows are kept
    (URLs stay stable). Returns key -> instance for every wanted row."""
    to_create, to_update, update_fields = [], [], set()
    for key, values in wanted.items():
        instance = existing.get(key)
        if instance is None:
            name = values["name_fi"]
            slug = (
                unique_slug(name, type=slug_type, taken=taken_slugs)
                if slug_type
                else _region_slug(name, taken_slugs)
            )
            instance = model(slug=slug, name=name, **values)
            to_create.append(instance)
            existing[key] = instance
            continue
        # Many rows at once: changed on the instances here, saved with one bulk_update below.
        changed = [f for f, v in values.items() if getattr(instance, f) != v]
        if changed:
            for f in changed:
                setattr(instance, f, values[f])
            if "name_fi" in changed:
                instance.name = values["name_fi"]
                changed.append("name")
            update_fields.update(changed)
            to_update.append(instance)
    if to_create:
        model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(update_fields | {"updated"}))
    result.created[label] = len(to_create)
    result.updated[label] = len(to_update)
    return {key: existing[key] for key in wanted}


def _region_slug(name: str, taken: set[str]) -> str:
    base = slugify(name) or "region"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _sync_links(
    through,
    *,
    source_field: str,
    target_field: str,
    wanted: Iterable[tuple[int, int]],
    source_ids: Iterable[int],
    result: LoadResult,
) -> None:
    """Make the many-to-many rows of ``source_ids`` exactly ``wanted`` (pairs of ids)."""
    source_ids = set(source_ids)
    wanted = set(wanted)
    current = {
        (s, t): pk
        for pk, s, t in through.objects.filter(**{f"{source_field}__in": source_ids}).values_list(
            "pk", source_field, target_field
        )
    }
    missing = wanted - current.keys()
    extra = [pk for pair, pk in current.items() if pair not in wanted]
    if missing:
        through.objects.bulk_create(
            [through(**{source_field: s, target_field: t}) for s, t in sorted(missing)]
        )
    if extra:
        through.objects.filter(pk__in=extra).delete()
    result.links_added += len(missing)
    result.links_removed += len(extra)


@transaction.atomic
def reference_data_load(*, data_dir: Path = DATA_DIR) -> LoadResult:
    """Load regions, ELY centres, municipalities and TE24 employment areas (idempotent).

    Decisions: Åland's ELY placeholder (``is_ely_centre=false``) and Åland's employment-area
    row (``is_te24_employment_area=false``) are skipped, because neither is a real ELY
    centre or a TE24 area. Municipalities have no English name (Statistics Finland publishes
    none); the translation fallback shows the Finnish name.
    """
    result = LoadResult()
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))

    # Regions
    region_rows = _read_csv(data_dir / "regions.csv")
    regions = _sync_rows(
        Region,
        existing={r.code: r for r in Region.objects.all()},
        wanted={
            row["code"]: {
                "code": row["code"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
            }
            for row in region_rows
        },
        taken_slugs=set(Region.objects.values_list("slug", flat=True)),
        slug_type=None,
        result=result,
        label="regions",
    )

    def existing_of(type_: str) -> dict[str, Organisation]:
        return {o.code: o for o in Organisation.objects.filter(type=type_).exclude(code="")}

    # Municipalities first: they get the plain slugs ("helsinki").
    municipality_rows = _read_csv(data_dir / "municipalities.csv")
    municipalities = _sync_rows(
        Organisation,
        existing=existing_of(OrganisationType.MUNICIPALITY),
        wanted={
            row["code"]: {
                "type": OrganisationType.MUNICIPALITY,
                "code": row["code"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"] or row["name_fi"],
                "region_id": regions[row["region_code"]].pk,
            }
            for row in municipality_rows
        },
        taken_slugs=taken_slugs,
        slug_type=OrganisationType.MUNICIPALITY,
        result=result,
        label="municipalities",
    )

    # ELY centres (Åland's placeholder skipped).
    ely_rows = [
        row
        for row in _read_csv(data_dir / "ely_centres.csv")
        if row["is_ely_centre"].lower() != "false"
    ]
    elys = _sync_rows(
        Organisation,
        existing=existing_of(OrganisationType.ELY_CENTRE),
        wanted={
            row["code"]: {
                "type": OrganisationType.ELY_CENTRE,
                "code": row["code"],
                "abbreviation": row["abbreviation"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "region_id": regions[_split(row["region_codes"])[0]].pk,
                "valid_from": ELY_VALID_FROM,
                "valid_until": ELY_VALID_UNTIL,
            }
            for row in ely_rows
        },
        taken_slugs=taken_slugs,
        slug_type=OrganisationType.ELY_CENTRE,
        result=result,
        label="ely_centres",
    )

    # TE24 employment areas (Åland skipped).
    area_rows = [
        row
        for row in _read_csv(data_dir / "employment_areas.csv")
        if row["is_te24_employment_area"].lower() != "false"
    ]
    areas = _sync_rows(
        Organisation,
        existing=existing_of(OrganisationType.EMPLOYMENT_AREA),
        wanted={
            row["code"]: {
                "type": OrganisationType.EMPLOYMENT_AREA,
                "code": row["code"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                # The region FK is set only when the area lies in a single region.
                "region_id": (
                    regions[_split(row["region_codes"])[0]].pk
                    if len(_split(row["region_codes"])) == 1
                    else None
                ),
                "valid_from": EMPLOYMENT_AREA_VALID_FROM,
            }
            for row in area_rows
        },
        taken_slugs=taken_slugs,
        slug_type=OrganisationType.EMPLOYMENT_AREA,
        result=result,
        label="employment_areas",
    )

    regions_through = Organisation.regions.through
    _sync_links(
        regions_through,
        source_field="organisation_id",
        target_field="region_id",
        wanted=[
            (elys[row["code"]].pk, regions[code].pk)
            for row in ely_rows
            for code in _split(row["region_codes"])
        ]
        + [
            (areas[row["code"]].pk, regions[code].pk)
            for row in area_rows
            for code in _split(row["region_codes"])
        ],
        source_ids=[o.pk for o in [*elys.values(), *areas.values()]],
        result=result,
    )
    _sync_links(
        Organisation.municipalities.through,
        source_field="from_organisation_id",
        target_field="to_organisation_id",
        wanted=[
            (areas[row["code"]].pk, municipalities[code].pk)
            for row in area_rows
            for code in _split(row["municipality_codes"])
        ],
        source_ids=[o.pk for o in areas.values()],
        result=result,
    )
    return result


@transaction.atomic
def organisation_upsert(
    *,
    slug: str,
    type: str,  # noqa: A002
    name_fi: str,
    regions: Iterable[Region] | None = None,
    municipalities: Iterable[Organisation] | None = None,
    **values,
) -> Organisation:
    """Create or update the organisation with ``slug`` (used by the demo content).

    Only changed fields are saved, and M2M links are set only when they differ, so running
    it again changes nothing.
    """
    values = {"type": type, "name_fi": name_fi, **values}
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        organisation = Organisation(slug=slug, name=name_fi, **values)
        organisation.full_clean()
        organisation.save()
    else:
        changed = {f: v for f, v in values.items() if getattr(organisation, f) != v}
        if "name_fi" in changed:
            changed["name"] = name_fi
        if changed:
            model_update(organisation, data=changed)
    if regions is not None:
        wanted = {r.pk for r in regions}
        if set(organisation.regions.values_list("pk", flat=True)) != wanted:
            organisation.regions.set(wanted)
    if municipalities is not None:
        wanted = {m.pk for m in municipalities}
        if set(organisation.municipalities.values_list("pk", flat=True)) != wanted:
            organisation.municipalities.set(wanted)
    return organisation
