"""``QuickSelect`` writes exactly what Django's select template writes."""

import pytest
from django import forms

from kaiku.core.widgets import QuickSelect

CHOICES = [
    ("", "All"),
    ("x", 'X & <y> "quoted"'),
    ("Group & co", [("1", "one"), ("2", "two")]),
    (3, "three"),
]


def _forms():
    class Plain(forms.Form):
        a = forms.ChoiceField(choices=CHOICES, required=False)
        b = forms.ChoiceField(choices=CHOICES, required=True, disabled=True)

    class Quick(forms.Form):
        a = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)
        b = forms.ChoiceField(choices=CHOICES, required=True, disabled=True, widget=QuickSelect)

    return Plain, Quick


@pytest.mark.parametrize("data", [None, {"a": "1"}, {"a": "x"}, {"a": "nope"}, {"a": "3"}])
@pytest.mark.parametrize("name", ["a", "b"])
def test_same_markup_as_django(data, name):
    plain, quick = _forms()
    attrs = {"aria-describedby": "x_error", "aria-invalid": "true", "data-flag": True}
    assert str(quick(data)[name]) == str(plain(data)[name])
    assert quick(data)[name].as_widget(attrs=attrs) == plain(data)[name].as_widget(attrs=attrs)


def test_model_choices():
    from kaiku.organisations.forms import OrganisationFilterForm

    form = OrganisationFilterForm({"type": "municipality"})
    assert isinstance(form.fields["type"].widget, QuickSelect)
    assert '<option value="municipality" selected>' in str(form["type"])
