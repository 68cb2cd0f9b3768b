"""Form widgets written in Python where Django's templates are too slow for a list page.

Django renders a ``<select>`` through a template and one included template per option: a
filter form with a few dozen options cost a list page several milliseconds. ``QuickSelect``
writes the same markup (``django/forms/widgets/select.html``, byte for byte) with
``format_html``; everything else (choices, value, attributes, validation) is Django's.
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attributes(attrs: dict) -> SafeString:
    """`` name="value"`` pairs as ``django/forms/widgets/attrs.html`` writes them."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        option["value"],
                        _attributes(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above
