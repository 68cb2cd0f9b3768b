"""Bench content: each app's steps for the benchmark data generator (``bench/generate.py``).

An app that adds content worth measuring registers a step at the end of its ``bench.py``::

    from kaiku.core import bench

    bench.register("news", 50, run=lambda scale: step_news(scale.count("news", 20_000)),
                   reset=reset_news)

``run(scale)`` creates what is missing and returns a one-line report; ``scale.count(name,
at_scale_1)`` says how many of something to make (the national-scale count times the scale
factor, or an override from the command line). ``reset()`` deletes the app's bench content
(steps are reset in reverse order). Steps run in ``order``, lowest first: reference data and
organisations (10, 20), people (30), programmes and groups (40), what is published in them
(50 and up). Each step must be deterministic and idempotent, so that a rerun is cheap and
every machine measures the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.utils.module_loading import autodiscover_modules


class Scale(Protocol):
    def count(self, name: str, at_scale_1: int) -> int: ...


@dataclass(frozen=True)
class BenchStep:
    name: str
    order: int
    run: Callable[[Scale], str]
    reset: Callable[[], str] | None = None


_steps: dict[str, BenchStep] = {}


def register(
    name: str,
    order: int,
    *,
    run: Callable[[Scale], str],
    reset: Callable[[], str] | None = None,
) -> None:
    _steps[name] = BenchStep(name=name, order=order, run=run, reset=reset)


def autodiscover() -> None:
    """Import ``<app>.bench`` of every installed app, so that each registers its steps."""
    autodiscover_modules("bench")


def steps() -> list[BenchStep]:
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))
