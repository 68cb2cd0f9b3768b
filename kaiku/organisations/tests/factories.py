from __future__ import annotations

import factory
from django.utils.text import slugify

from ..models import Organisation, OrganisationType, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{(n % 90) + 10:02d}")
    name_fi = factory.Sequence(lambda n: f"Maakunta {n}")
    name = factory.SelfAttribute("name_fi")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_fi))


class OrganisationFactory(factory.django.DjangoModelFactory):
    """The one organisation factory of the test suite (other apps import it from here)."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    type = OrganisationType.OTHER
    name_fi = factory.Sequence(lambda n: f"Organisaatio {n}")
    name = factory.SelfAttribute("name_fi")
    slug = factory.Sequence(lambda n: f"organisaatio-{n}")
    region = factory.SubFactory(RegionFactory)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # ``name`` given alone (``OrganisationFactory(name="Kuntaliitto")``) is the Finnish
        # name too; otherwise the sequence's ``name_fi`` would override it.
        if "name" in kwargs and kwargs["name"] != kwargs.get("name_fi"):
            kwargs["name_fi"] = kwargs["name"]
        return kwargs

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)


class MunicipalityFactory(OrganisationFactory):
    type = OrganisationType.MUNICIPALITY
    # Letters: never one of the real codes other fixtures use (Helsinki 091, ...).
    code = factory.Sequence(lambda n: f"T{n % 100:02d}")
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    slug = factory.Sequence(lambda n: f"kunta-{n}")
