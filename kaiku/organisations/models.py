"""Organisations and regions. Reference data comes from Statistics Finland (see data/SOURCES.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kaiku.core.links import reverse_cached
from kaiku.core.models import BaseModel


class OrganisationType(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    KEHA_CENTRE = "keha_centre", _("KEHA centre")
    ELY_CENTRE = "ely_centre", _("ELY centre")
    TE_OFFICE = "te_office", _("TE office")
    MUNICIPALITY = "municipality", _("Municipality")
    EMPLOYMENT_AREA = "employment_area", _("Employment area")
    MUNICIPAL_PILOT = "municipal_pilot", _("Municipal pilot")
    OTHER = "other", _("Other organisation")


class Region(BaseModel):
    """A region (maakunta), Statistics Finland classification ``maakunta_1_20250101``."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_cached("organisations:region_detail", slug=self.slug)


class Organisation(BaseModel):
    """Any organisation people belong to: ministries, centres, offices, municipalities…

    Municipalities, ELY centres and employment areas carry their official Statistics Finland
    ``code``; the pair (type, code) is unique. Employment areas and municipal pilots list their
    member municipalities in ``municipalities``. Organisations that no longer exist (TE offices
    closed on 1.1.2025, ELY centres on 1.1.2026) keep their pages with ``valid_until`` set.
    """

    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    code = models.CharField(_("official code"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions served"),
        blank=True,
        related_name="served_by",
        help_text=_("Regions an ELY centre or an employment area covers."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    municipalities = models.ManyToManyField(
        "self",
        verbose_name=_("member municipalities"),
        symmetrical=False,
        blank=True,
        related_name="member_of",
        limit_choices_to={"type": OrganisationType.MUNICIPALITY},
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # The primary key breaks ties: names can be equal or missing in a language (a
        # municipality without a Swedish name), and PostgreSQL orders ties arbitrarily.
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "code"],
                condition=~models.Q(code=""),
                name="organisation_unique_type_code",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="organisation_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["type", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_cached("organisations:detail", slug=self.slug)
