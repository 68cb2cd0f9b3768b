"""Form markup written in Python where Django's templates are too slow for a list page.

Django renders a widget through its templates: a ``<select>`` is one template plus an
``include`` of the option template and of the attributes template per option, a text input
three templates. A filter form with a few dozen options cost a list page several
milliseconds, and a filter of about 240 working groups a quarter of its uncached CPU.

- ``QuickSelect``, ``QuickTextInput`` and ``QuickCheckboxInput`` write the HTML of Django's
  own templates (``django/forms/widgets/select.html``, ``select_option.html``,
  ``input.html``, ``attrs.html``) from the same context (``Widget.get_context``); everything
  else (choices, value, attributes, validation) is Django's, and a widget given another
  template is rendered by Django as usual.
- ``options_html`` writes a filter's plain ``(value, label, selected)`` options (e.g.
  ``kaiku.programme.filter_options``) as the ``<option>`` elements that
  ``core/includes/_filter_select.html`` takes: no widget nor template loop per option.

``tests/test_widgets.py`` compares each with the templates.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from types import SimpleNamespace

from django import forms
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, SafeString, mark_safe

from kaiku.core.escaping import escape_text

__all__ = ["QuickCheckboxInput", "QuickSelect", "QuickTextInput", "options_html"]

# What render_value_in_context reads of a template's context: autoescaping, the defaults.
_CONTEXT = SimpleNamespace(autoescape=True, use_l10n=None, use_tz=None)

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html" for name in ("input", "text", "search", "checkbox")
)


def _var(value) -> str:
    """``{{ value }}``."""
    if type(value) is str:
        # What the template does to a plain string (not safe, nothing to localise).
        return html.escape(value)
    return render_value_in_context(value, _CONTEXT)


def _string(value) -> str:
    """``{{ value|stringformat:'s' }}`` (the filter keeps a safe value safe)."""
    if type(value) is str:
        return html.escape(value)
    text = stringformat(value, "s")
    if isinstance(value, SafeData):
        text = mark_safe(text)  # noqa: S308 - it was safe before the filter
    return _var(text)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {_var(name)}" if value is True else f' {_var(name)}="{_string(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    def _render(self, template_name, context, renderer=None):
        if template_name != SELECT_TEMPLATE or self.option_template_name != OPTION_TEMPLATE:
            return super()._render(template_name, context, renderer)
        widget = context["widget"]
        parts = [f'<select name="{_var(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_var(group_name)}">')
            for option in group_choices:
                if option["template_name"] != OPTION_TEMPLATE:
                    return super()._render(template_name, context, renderer)
                parts.append(
                    f'\n  <option value="{_string(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{_var(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # The form renderer strips what a template renders.
        return mark_safe("".join(parts).strip())  # noqa: S308 - every value escaped


def _input(widget, template_name, context, renderer, base):
    if template_name not in INPUT_TEMPLATES:
        return base._render(widget, template_name, context, renderer)
    data = context["widget"]
    value = "" if data["value"] is None else f' value="{_string(data["value"])}"'
    start = f'<input type="{_var(data["type"])}" name="{_var(data["name"])}"{value}'
    return mark_safe(f"{start}{_attrs(data['attrs'])}>")  # noqa: S308 - every value escaped


class QuickTextInput(forms.TextInput):
    def _render(self, template_name, context, renderer=None):
        return _input(self, template_name, context, renderer, forms.TextInput)


class QuickCheckboxInput(forms.CheckboxInput):
    def _render(self, template_name, context, renderer=None):
        return _input(self, template_name, context, renderer, forms.CheckboxInput)


def _escaped(value) -> str:
    """``value`` as ``{{ value }}`` writes it (``_var``), a plain string by ``escape_text``."""
    return escape_text(value) if type(value) is str else _var(value)


def options_html(options: Iterable[tuple[str, str, bool]]) -> SafeString:
    """The ``<option>`` elements of ``(value, label, selected)`` as the loop
    ``{% for value, label, selected in options %}<option value="{{ value }}"{% if selected %}
    selected{% endif %}>{{ label }}</option>\\n    {% endfor %}`` wrote them inside the
    ``<select>`` of ``core/includes/_filter_select.html``."""
    parts = []
    for value, label, selected in options:
        value = _escaped(value)
        label = _escaped(label)
        parts.append(
            f'<option value="{value}"{" selected" if selected else ""}>{label}</option>\n    '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value and label escaped
