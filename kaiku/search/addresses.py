"""The addresses of search hits from plain rows, without the rows' model instances.

A hit needs its row for the address only (its texts come from the index), and building a
model instance and calling ``get_absolute_url()`` (through its related rows) cost about a
hundred Python calls per hit. For a registered type, search reads the few values the address
is made of (``values_list``) and fills them into the view's address, reversed once per type
and page (``kaiku.core.links.reverse_cached`` with placeholders), as a format string.

``ADDRESSES`` says it for the types registered today; ``register_address`` lets an app
state (or change) its own. A type without one gets its instances and ``get_absolute_url()``
as before. ``tests/test_addresses.py`` checks that every address equals
``get_absolute_url()`` for every type in every language: a change of a model's address must
be made here too, or the test fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.db import models

from kaiku.core.links import reverse_cached

# reverse() quotes with these safe characters (django.urls.resolvers), what kaiku.core.links
# does for a value that is not plain.
_SAFE = "!$&'()*+,;=" + "/~:@"
_PLAIN = re.compile(r"[-A-Za-z0-9_.~]*")
# A placeholder every converter (int, slug, str, path) accepts, never in a real address.
_MARK = "9081726354"
_PLACEHOLDER = re.compile(rf"{_MARK}(\d){_MARK}")


@dataclass(frozen=True)
class Address:
    """How a type's address is made: ``viewname`` reversed with ``names`` (its keyword
    arguments) filled by the first values of ``fields`` (``values_list`` lookups), then
    ``fragment``, a format string whose ``{i}`` is the value of ``fields[i]``."""

    fields: tuple[str, ...]
    viewname: str
    names: tuple[str, ...]
    fragment: str = ""


_GROUP = ("programme:group_detail", ("programme_slug", "slug"))

# The addresses of the types registered today (``get_absolute_url`` of each model).
ADDRESSES: dict[str, Address] = {
    "news.newsitem": Address(("slug",), "news:detail", ("slug",)),
    "programme.programme": Address(("slug",), "programme:detail", ("slug",)),
    "programme.workinggroup": Address(("programme__slug", "slug"), *_GROUP),
    "programme.meeting": Address(
        ("group__programme__slug", "group__slug", "pk"), *_GROUP, "#meeting-{2}"
    ),
    "programme.memo": Address(
        ("group__programme__slug", "group__slug", "pk"), *_GROUP, "#memo-{2}"
    ),
    "events.event": Address(("pk",), "events:detail", ("pk",)),
    "discussions.discussion": Address(("pk",), "discussions:detail", ("pk",)),
    "discussions.comment": Address(("pk",), "discussions:comment_link", ("pk",)),
    "questions.question": Address(("pk",), "questions:detail", ("pk",)),
    "questions.answer": Address(("question_id",), "questions:detail", ("pk",), "#answer"),
    "organisations.organisation": Address(("slug",), "organisations:detail", ("slug",)),
    "teams.team": Address(("slug",), "teams:detail", ("slug",)),
    "teams.teamagreement": Address(
        ("team__slug", "pk"), "teams:detail", ("slug",), "#agreements-{1}"
    ),
    "teams.teamsession": Address(("team__slug", "pk"), "teams:detail", ("slug",), "#sessions-{1}"),
    "teams.improvement": Address(("team__slug", "pk"), "teams:detail", ("slug",), "#card-{1}"),
}


def register_address(model: type[models.Model] | str, address: Address) -> None:
    """Let search make ``model``'s addresses from ``address`` (see the module's docstring)."""
    label = model if isinstance(model, str) else model._meta.label_lower
    ADDRESSES[label] = address


def address_of(key: str) -> Address | None:
    return ADDRESSES.get(key)


class Addresses:
    """One type's addresses in the current language: ``of(row)`` for a ``values_list`` row
    of ``(pk, *address.fields)``."""

    def __init__(self, model: type[models.Model], address: Address):
        names = address.names
        reversed_ = reverse_cached(
            address.viewname, **{name: int(f"{_MARK}{i}{_MARK}") for i, name in enumerate(names)}
        )
        pieces = _PLACEHOLDER.split(reversed_)
        if sorted(pieces[1::2]) != [str(i) for i in range(len(names))]:
            raise ValueError(f"The address of {address.viewname!r} has no room for its values.")
        # The literal parts with their braces doubled, the values as {1}, {2}, … (0 is the pk).
        self.format = "".join(
            piece.replace("{", "{{").replace("}", "}}") if i % 2 == 0 else f"{{{int(piece) + 1}}}"
            for i, piece in enumerate(pieces)
        ) + re.sub(r"\{(\d+)\}", lambda m: f"{{{int(m[1]) + 1}}}", address.fragment)
        # The places (in a row) of the view's arguments that are texts, quoted as reverse()
        # quotes them when they are not plain (the fragment's values are never quoted).
        self.texts = tuple(
            i + 1 for i, field in enumerate(address.fields[: len(names)]) if _is_text(model, field)
        )

    def of(self, row: tuple) -> str:
        if self.texts:
            row = list(row)
            for i in self.texts:
                text = row[i]
                if not _PLAIN.fullmatch(text):
                    row[i] = quote(text, safe=_SAFE)
        return self.format.format(*row)


def _is_text(model: type[models.Model], path: str) -> bool:
    field = None
    for name in path.split("__"):
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        if field.is_relation:
            model = field.related_model
    if field.is_relation:
        field = field.target_field
    return not isinstance(field, models.IntegerField)
