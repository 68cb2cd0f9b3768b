"""The floors of the building (docs/architecture.md): an app imports only the apps below it.

Checked on the source, function-level imports included; tests and migrations are left out.
A new app is added to ``MAY_IMPORT`` with the floors it builds on.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KAIKU = Path(__file__).resolve().parents[2]
ROOT = KAIKU.parent

# app -> the kaiku apps it may import
MAY_IMPORT: dict[str, set[str]] = {
    "core": set(),
    "organisations": {"core"},
    "accounts": {"core", "organisations"},
    # Notifications import no capability: producers register kinds and followables.
    "notifications": {"core", "organisations", "accounts"},
    "programme": {"core", "organisations", "accounts", "notifications"},
    "news": {"core", "organisations", "accounts", "notifications", "programme"},
    # Moderation imports no capability: capabilities register moderated models with core.
    "moderation": {"core", "organisations", "accounts", "notifications"},
    "questions": {"core", "organisations", "accounts", "notifications", "programme"},
    "discussions": {"core", "organisations", "accounts", "notifications", "programme"},
    # Search knows the capabilities only through core.search's registry.
    "search": {"core", "organisations", "accounts", "programme"},
    # Surveys reach their audience through organisations, not through a programme.
    "surveys": {"core", "organisations", "accounts", "notifications"},
    # Teams hold coaches and mentors; events may belong to a team, ask feedback with a survey
    # and move live questions into questions; onboarding names a newcomer's team and mentor.
    "teams": {"core", "organisations", "accounts", "notifications"},
    "events": {
        "core",
        "organisations",
        "accounts",
        "notifications",
        "programme",
        "questions",
        "surveys",
        "teams",
    },  # fmt: skip
    "onboarding": {"core", "organisations", "accounts", "notifications", "teams"},
    "site": {
        "core",
        "organisations",
        "accounts",
        "notifications",
        "programme",
        "news",
        "moderation",
        "questions",
        "discussions",
        "search",
        "surveys",
        "teams",
        "events",
        "onboarding",
    },
}


def _apps() -> list[str]:
    return sorted(p.parent.name for p in KAIKU.glob("*/apps.py"))


def _sources(app: str):
    for path in sorted((KAIKU / app).rglob("*.py")):
        parts = path.relative_to(KAIKU / app).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_every_app_has_a_floor():
    assert set(_apps()) == set(MAY_IMPORT)


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_an_app_imports_only_the_floors_below_it(app):
    allowed = MAY_IMPORT[app] | {app}
    wrong = []
    for path in _sources(app):
        for module in _imported_modules(path):
            parts = module.split(".")
            other_app = parts[0] == "kaiku" and len(parts) > 1 and parts[1] not in allowed
            if parts[0] == "config" or other_app:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not wrong, "\n".join(wrong)
