"""Official content in Finnish, Swedish and English, and Markdown stored as HTML.

**Languages.** Official texts (names, titles, summaries, Markdown bodies) are registered with
django-modeltranslation in each app's ``translation.py``: a field ``title`` gets the columns
``title_fi``, ``title_sv`` and ``title_en``. Finnish is required, Swedish and English are
optional; where the page's language has no text, the Finnish one is shown (the fallback order
is ``MODELTRANSLATION_FALLBACK_LANGUAGES``). ``pick`` says which language a text actually
came from, so that a page can mark a Finnish passage on a Swedish page with ``lang="fi"``
(WCAG 3.1.2); the template tags in ``kaiku.core.templatetags.translated`` do that.

**Stored HTML.** A model with Markdown fields mixes in ``StoredMarkdown`` and names them in
``markdown_fields``; each has a ``<field>_html`` text column (translated like its source) and
the model has a ``markdown_version`` column. Saving renders and sanitises every language once
(``kaiku.core.markdown.render_markdown``); pages and feeds show the stored HTML. When the
renderer changes, ``RENDERER_VERSION`` is raised and ``manage.py rerender_markdown`` (also run
after ``migrate``) renders the older rows again.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django.apps import apps
from django.conf import settings
from django.core.signals import setting_changed
from django.db import DatabaseError, models
from django.db.models.signals import post_migrate
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .markdown import RENDERER_VERSION, render_markdown

VERSION_FIELD = "markdown_version"


# ``pick`` runs for every translated text on a page (hundreds on a list page): what it needs
# from the settings and the models' fields is worked out once per process and forgotten when a
# test changes the settings.
_memo: dict[tuple, Any] = {}


def _forget(*, setting: str, **kwargs) -> None:
    if setting.startswith(("MODELTRANSLATION_", "LANGUAGE")):
        _memo.clear()


setting_changed.connect(_forget, dispatch_uid="kaiku.core.translations.forget")


def content_languages() -> tuple[str, ...]:
    key = ("content_languages",)
    if key not in _memo:
        _memo[key] = tuple(settings.MODELTRANSLATION_LANGUAGES)
    return _memo[key]


def default_language() -> str:
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def current_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def language_order(language: str | None = None) -> list[str]:
    """The languages to try for a text on a page in ``language``: that language first, then
    the fallbacks (Finnish first)."""
    return list(_order(language or current_language()))


def _order(language: str) -> tuple[str, ...]:
    key = ("language_order", language)
    order = _memo.get(key)
    if order is None:
        fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
        if isinstance(fallbacks, dict):
            fallbacks = fallbacks.get(language, fallbacks.get("default", ()))
        order = []
        for code in (language, *fallbacks):
            if code in content_languages() and code not in order:
                order.append(code)
        _memo[key] = order = tuple(order)
    return order


def _field_names(model) -> set[str]:
    return {field.name for field in model._meta.concrete_fields}


def _languages_of(model, field: str) -> tuple[str, ...]:
    key = ("languages", model, field)
    languages = _memo.get(key)
    if languages is None:
        names = _field_names(model)
        languages = tuple(code for code in content_languages() if f"{field}_{code}" in names)
        _memo[key] = languages
    return languages


def translated_languages(model, field: str) -> list[str]:
    """The languages that have a column for ``field`` (none when it is not translated)."""
    return list(_languages_of(model, field))


def translated_columns(model, *fields: str) -> list[str]:
    """The columns that hold ``fields`` (``title`` → ``title_fi``, ``title_sv``…; an
    untranslated field is its own column): what ``.only()`` needs so that ``pick`` reads
    no deferred column."""
    columns: list[str] = []
    for field in fields:
        languages = _languages_of(model, field)
        columns += [f"{field}_{code}" for code in languages] if languages else [field]
    return columns


def pick(obj, field: str, language: str | None = None) -> tuple[str, str | None]:
    """The text of ``field`` for a page in ``language`` and the language it is written in:
    the page's language when it has a text there, else the first fallback that has one.
    The language is ``None`` when the field is not translated (nothing to mark)."""
    if not _languages_of(type(obj), field):
        return getattr(obj, field, "") or "", None
    for code in _order(language or current_language()):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return value, code
    return "", None


def pick_value(
    row: Mapping[str, Any], model, field: str, *, prefix: str = "", language: str | None = None
) -> tuple[str, str | None]:
    """``pick`` for a row of ``QuerySet.values()`` of ``model`` (the field reached through
    ``prefix``, e.g. ``"group__"``): for lists that need a few texts and no model instances."""
    if not _languages_of(model, field):
        return row.get(f"{prefix}{field}") or "", None
    for code in _order(language or current_language()):
        value = row.get(f"{prefix}{field}_{code}")
        if value:
            return value, code
    return "", None


class Chooser:
    """``pick_value`` for the many rows of one page: the language order is worked out once
    (per request, in the page's language), and each field's columns once, so that choosing a
    text from a row is a short loop. ``columns`` names what the query reads; ``picker`` gives
    the function from a row to the text shown (the page's language, else the first fallback
    that has one, else ``""``).

    Rows of ``values()`` are read by column name; for rows of ``values_list()``, ``at`` is the
    position of the field's first column (its columns in ``columns``' order)."""

    __slots__ = ("order",)

    def __init__(self, language: str | None = None) -> None:
        self.order = _order(language or current_language())

    @staticmethod
    def columns(model, field: str, prefix: str = "") -> list[str]:
        """The columns of ``field`` reached through ``prefix`` (``group__name_fi``…; an
        untranslated field is its own column), in ``content_languages()`` order."""
        languages = _languages_of(model, field)
        if not languages:
            return [f"{prefix}{field}"]
        return [f"{prefix}{field}_{code}" for code in languages]

    def keys(self, model, field: str, *, prefix: str = "", at: int | None = None) -> tuple:
        """Where a row holds ``field``'s texts, in the order to try them."""
        languages = _languages_of(model, field)
        if not languages:
            return (f"{prefix}{field}",) if at is None else (at,)
        if at is None:
            return tuple(f"{prefix}{field}_{code}" for code in self.order if code in languages)
        return tuple(at + languages.index(code) for code in self.order if code in languages)

    def picker(self, model, field: str, *, prefix: str = "", at: int | None = None):
        """A function from a row to ``field``'s text on this page."""
        keys = self.keys(model, field, prefix=prefix, at=at)
        if len(keys) == 1:
            (key,) = keys
            return lambda row: row[key] or ""

        def choose(row) -> str:
            for key in keys:
                value = row[key]
                if value:
                    return value
            return ""

        return choose


def pick_html(obj, field: str, language: str | None = None) -> tuple[SafeString, str | None]:
    """The stored HTML of the Markdown ``field`` (the language chosen like ``pick``). A row
    saved without ``save()`` (bulk loads) has no HTML yet: it is rendered here instead."""
    source, code = pick(obj, field, language)
    if not source:
        return mark_safe(""), code  # noqa: S308 - constant
    html = getattr(obj, f"{field}_html_{code}" if code else f"{field}_html", "")
    if not html:
        return render_markdown(source), code
    # Rendered and sanitised by render_markdown when the row was saved.
    return mark_safe(html), code  # noqa: S308


def wrap(
    content: str, language: str | None, *, tag: str = "span", css_class: str = ""
) -> SafeString:
    """``content`` (escaped unless already safe) in ``tag``, with ``lang`` when ``language``
    is not the page's. An inline text in the page's language is returned without a tag."""
    needs_lang = bool(language) and language != current_language()
    if tag == "span" and not needs_lang and not css_class:
        return conditional_escape(content)
    attributes = ""
    if css_class:
        attributes += format_html(' class="{}"', css_class)
    if needs_lang:
        attributes += format_html(' lang="{}"', language)
    return format_html("<{}{}>{}</{}>", tag, mark_safe(attributes), content, tag)  # noqa: S308


# --- Stored HTML --------------------------------------------------------------------------------


def _variants(model, field: str) -> list[tuple[str, str]]:
    """(source column, HTML column) pairs of a Markdown field."""
    languages = translated_languages(model, field)
    if languages:
        return [(f"{field}_{code}", f"{field}_html_{code}") for code in languages]
    return [(field, f"{field}_html")]


def render_stored_markdown(
    obj, fields: Iterable[str], *, only: Iterable[str] | None = None
) -> list[str]:
    """Render the Markdown ``fields`` of ``obj`` into their HTML columns (every language) and
    stamp the renderer's version. With ``only`` (a save's ``update_fields``), just the fields
    whose source is among them. Returns the columns written. Works on the historical models
    of migrations too: only field names are used."""
    only = set(only) if only is not None else None
    written: list[str] = []
    for field in fields:
        pairs = _variants(type(obj), field)
        if only is not None and not ({field} | {source for source, _ in pairs}) & only:
            continue
        for source, target in pairs:
            setattr(obj, target, str(render_markdown(getattr(obj, source, "") or "")))
            written.append(target)
    if fields and (written or only is None):
        setattr(obj, VERSION_FIELD, RENDERER_VERSION)
        written.append(VERSION_FIELD)
    return written


def rendered(objs: list) -> list:
    """``objs`` with their Markdown rendered, for ``bulk_create`` (which skips ``save()``)."""
    for obj in objs:
        render_stored_markdown(obj, type(obj).markdown_fields)
    return objs


class StoredMarkdown:
    """Mixin of a model whose Markdown is rendered when it is saved (see the module text)."""

    markdown_fields: ClassVar[tuple[str, ...]] = ()

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        written = render_stored_markdown(self, self.markdown_fields, only=update_fields)
        if update_fields is not None and written:
            kwargs["update_fields"] = list(dict.fromkeys([*update_fields, *written]))
        super().save(*args, **kwargs)


def markdown_version_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(default=0, editable=False)


def markdown_html_field() -> models.TextField:
    return models.TextField(blank=True, default="", editable=False)


def stored_markdown_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if issubclass(model, StoredMarkdown)]


def rerender_markdown(*, everything: bool = False, batch_size: int = 200) -> dict[str, int]:
    """Render again the rows whose HTML is from an older renderer (all rows with
    ``everything``). Writes only the HTML columns and the version. Returns counts by model."""
    counts: dict[str, int] = {}
    for model in stored_markdown_models():
        rows = model._base_manager.order_by("pk")
        if not everything:
            rows = rows.exclude(**{VERSION_FIELD: RENDERER_VERSION})
        pending, columns, done = [], [], 0
        for obj in rows.iterator(chunk_size=batch_size):
            columns = render_stored_markdown(obj, model.markdown_fields)
            pending.append(obj)
            if len(pending) >= batch_size:
                model._base_manager.bulk_update(pending, columns)
                done += len(pending)
                pending = []
        if pending:
            model._base_manager.bulk_update(pending, columns)
            done += len(pending)
        counts[model._meta.label] = done
    return counts


def _rerender_after_migrate(sender, verbosity: int = 1, **kwargs: Any) -> None:
    """After ``migrate`` (once, when core's signal is sent, by then every app is migrated):
    the HTML of an older renderer is rendered again, so a deploy that raises
    ``RENDERER_VERSION`` needs no extra step."""
    if getattr(sender, "label", None) != "core":
        return
    try:
        counts = rerender_markdown()
    except DatabaseError:  # a partial migrate: some tables are not there yet
        return
    if verbosity > 1 and any(counts.values()):
        print(f"Markdown rendered again: {counts}")  # noqa: T201 - migrate's own output


post_migrate.connect(_rerender_after_migrate, dispatch_uid="kaiku_rerender_markdown")


def fill_languages_migration(
    app_label: str,
    translated: dict[str, tuple[str, ...]],
    markdown: dict[str, tuple[str, ...]],
):
    """A ``RunPython`` function for the data migration that registers fields for translation:
    the text already in a field becomes its Finnish text (``title`` → ``title_fi``, where
    empty), and the Markdown fields' HTML is rendered and stored."""

    def forwards(migration_apps, schema_editor) -> None:
        primary = default_language()
        for model_name in {*translated, *markdown}:
            model = migration_apps.get_model(app_label, model_name)
            rows = list(model._base_manager.order_by("pk"))
            if not rows:
                continue
            columns: list[str] = []
            for obj in rows:
                columns = []
                for field in translated.get(model_name, ()):
                    if not getattr(obj, f"{field}_{primary}"):
                        setattr(obj, f"{field}_{primary}", getattr(obj, field))
                    columns.append(f"{field}_{primary}")
                columns += render_stored_markdown(obj, markdown.get(model_name, ()))
            model._base_manager.bulk_update(rows, columns, batch_size=200)

    return forwards


# --- Forms --------------------------------------------------------------------------------------


class _FieldGroup:
    """The optional languages' fields, shaped like a form for the shared field include."""

    def __init__(self, fields: list) -> None:
        self._fields = fields
        self.errors: dict = {}

    def __bool__(self) -> bool:
        return bool(self._fields)

    def __iter__(self):
        return iter(self._fields)

    def visible_fields(self) -> list:
        return self._fields

    def hidden_fields(self) -> list:
        return []

    def non_field_errors(self) -> list:
        return []

    @property
    def open(self) -> bool:
        """Shown open when a text has been given or an error must be seen."""
        return any(field.errors or field.value() for field in self._fields)


class TranslatedFormMixin:
    """A ModelForm with official texts in several languages. ``translated_fields`` names the
    base fields; ``Meta.fields`` lists their language columns (``title_fi``, ``title_sv``,
    ``title_en``), and ``cleaned_data`` has them under those names. The Finnish field is sent
    as ``title``, keeps the model's requirement; the others are optional, use the Finnish
    field's widget and carry ``lang``. The template shows the Finnish fields in
    place and the others in ``form.other_languages`` (a disclosure)."""

    translated_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The Finnish field keeps the plain name in the HTML (``title``, ``id_title``): the
        # form's address book stays the same for people, tests and assistive tools.
        self._html_names = {f"{base}_{default_language()}": base for base in self.translated_fields}
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        primary = default_language()
        self._other_language_names: list[str] = []
        model = self._meta.model
        for base in self.translated_fields:
            model_field = model._meta.get_field(base)
            label = capfirst(model_field.verbose_name)
            main = self.fields.get(f"{base}_{primary}")
            for code in content_languages():
                name = f"{base}_{code}"
                field = self.fields.get(name)
                if field is None:
                    continue
                field.label = _("%(field)s (%(language)s)") % {
                    "field": label,
                    "language": names.get(code, code),
                }
                if code == primary:
                    field.required = not model_field.blank
                else:
                    field.required = False
                    if main is not None:
                        field.widget = copy.deepcopy(main.widget)
                    self._other_language_names.append(name)
                field.widget.attrs["lang"] = code

    def add_prefix(self, field_name: str) -> str:
        return super().add_prefix(self._html_names.get(field_name, field_name))

    def visible_fields(self) -> list:
        return [
            field
            for field in super().visible_fields()
            if field.name not in self._other_language_names
        ]

    @property
    def other_languages(self) -> _FieldGroup:
        return _FieldGroup([self[name] for name in self._other_language_names])


def translated(*fields: str) -> tuple[str, ...]:
    """``("title",)`` → the base name and every language column, for a service's allowed
    fields: ``("title", "title_fi", "title_sv", "title_en")``."""
    names: list[str] = []
    for field in fields:
        names += [field, *(f"{field}_{code}" for code in content_languages())]
    return tuple(names)


def other_languages(*fields: str) -> list[str]:
    """The optional language columns of ``fields``, for a form's ``Meta.fields``."""
    primary = default_language()
    return [
        f"{field}_{code}" for field in fields for code in content_languages() if code != primary
    ]
