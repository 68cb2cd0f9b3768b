"""Demo content, contributed by each app and loaded by ``manage.py load_demo``.

An app that has demo content registers a loader at the end of its ``demo.py``::

    from kaiku.core import demo

    demo.register(30, load_demo_programme)

``load_demo`` imports every installed app's ``demo`` module (``autodiscover``) and runs the
loaders in ``order``, lowest first, in one transaction: organisations (10) before the people
who work in them (20), people before the groups they sit in (30), groups before the news
about them (40). A loader must be idempotent: running ``load_demo`` again creates nothing
twice. Core knows no app: the order numbers are the only coupling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class DemoLoader:
    order: int
    name: str
    load: Callable[[], object]


_loaders: dict[str, DemoLoader] = {}


def register(order: int, load: Callable[[], object], *, name: str | None = None) -> None:
    name = name or f"{load.__module__}.{load.__qualname__}"
    _loaders[name] = DemoLoader(order=order, name=name, load=load)


def autodiscover() -> None:
    """Import ``<app>.demo`` of every installed app, so that each registers its loader."""
    autodiscover_modules("demo")


def loaders() -> list[DemoLoader]:
    return sorted(_loaders.values(), key=lambda loader: (loader.order, loader.name))
