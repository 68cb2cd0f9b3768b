"""The question list filter's widgets, written in Python.

Django renders a widget through its templates: a ``<select>`` is one template plus an
``include`` of the option template and of the attributes template per option, a text input
three templates. On the question list that was about a fifth of the page's uncached CPU.
These widgets write the same HTML as Django's own templates
(``django/forms/widgets/select.html``, ``select_option.html``, ``input.html``,
``attrs.html``) from the same context (``Widget.get_context``); a widget given another
template is rendered by Django as usual. ``tests/test_widgets.py`` compares the two.
"""

from __future__ import annotations

from types import SimpleNamespace

from django import forms
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, mark_safe

# What render_value_in_context reads of a template's context: autoescaping, the defaults.
_CONTEXT = SimpleNamespace(autoescape=True, use_l10n=None, use_tz=None)

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html" for name in ("input", "text", "search", "checkbox")
)


def _var(value) -> str:
    """``{{ value }}``."""
    return render_value_in_context(value, _CONTEXT)


def _string(value) -> str:
    """``{{ value|stringformat:'s' }}`` (the filter keeps a safe value safe)."""
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


class PythonSelect(forms.Select):
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
    html = f'<input type="{_var(data["type"])}" name="{_var(data["name"])}"{value}'
    return mark_safe(f"{html}{_attrs(data['attrs'])}>")  # noqa: S308 - every value escaped


class PythonTextInput(forms.TextInput):
    def _render(self, template_name, context, renderer=None):
        return _input(self, template_name, context, renderer, forms.TextInput)


class PythonCheckboxInput(forms.CheckboxInput):
    def _render(self, template_name, context, renderer=None):
        return _input(self, template_name, context, renderer, forms.CheckboxInput)
