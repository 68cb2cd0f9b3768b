"""Bench content for organisations (``bench/generate.py``, registered in ``kaiku.core.bench``).

The reference data (regions and organisations from Statistics Finland) and the demo
organisations are the same at every scale.
"""

from __future__ import annotations

from django.core.management import call_command
from django.db import transaction

from kaiku.core import bench

from .demo import load_demo_organisations
from .models import Organisation, Region


def step_reference_data(scale: bench.Scale) -> str:
    """Regions and organisations from Statistics Finland."""
    call_command("load_reference_data", verbosity=0)
    return f"{Region.objects.count()} regions, {Organisation.objects.count()} organisations"


def step_organisations(scale: bench.Scale) -> str:
    """The ministry, KEHA, the former TE offices and the municipal pilots (no people)."""
    with transaction.atomic():
        load_demo_organisations()
    return f"{Organisation.objects.count()} organisations"


bench.register("reference_data", 10, run=step_reference_data)
bench.register("organisations", 20, run=step_organisations)
