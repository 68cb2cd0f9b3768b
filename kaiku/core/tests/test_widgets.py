"""``kaiku.core.widgets`` writes exactly what Django's widget templates, and the options loop
the filter include had, write."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from kaiku.core.widgets import QuickCheckboxInput, QuickSelect, QuickTextInput, options_html

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
        q = forms.CharField(
            required=False, max_length=10, widget=forms.TextInput(attrs={"type": "search"})
        )
        t = forms.CharField(required=False)
        flag = forms.BooleanField(required=False)

    class Quick(forms.Form):
        a = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)
        b = forms.ChoiceField(choices=CHOICES, required=True, disabled=True, widget=QuickSelect)
        q = forms.CharField(
            required=False, max_length=10, widget=QuickTextInput(attrs={"type": "search"})
        )
        t = forms.CharField(required=False, widget=QuickTextInput)
        flag = forms.BooleanField(required=False, widget=QuickCheckboxInput)

    return Plain, Quick


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"a": "1"},
        {"a": "x"},
        {"a": "nope"},
        {"a": "3"},
        {"q": 'lomat & "palkat" <b>', "t": "x" * 20, "flag": "on"},
        {"q": "", "flag": ""},
    ],
)
@pytest.mark.parametrize("name", ["a", "b", "q", "t", "flag"])
def test_same_markup_as_django(data, name):
    plain, quick = _forms()
    attrs = {"aria-describedby": "x_error", "aria-invalid": "true", "data-flag": True}
    assert str(quick(data)[name]) == str(plain(data)[name])
    assert quick(data)[name].as_widget(attrs=attrs) == plain(data)[name].as_widget(attrs=attrs)


def test_another_template_is_rendered_by_django():
    radio = ("django/forms/widgets/radio.html", "django/forms/widgets/radio_option.html")
    ours, django = QuickSelect(choices=CHOICES), forms.Select(choices=CHOICES)
    for widget in (ours, django):
        widget.template_name, widget.option_template_name = radio
    assert ours.render("a", "x") == django.render("a", "x")
    assert ours.render("a", "x").startswith("<div")
    ours, django = QuickTextInput(), forms.TextInput()
    for widget in (ours, django):
        widget.template_name = "django/forms/widgets/textarea.html"
    assert ours.render("t", "x & y") == django.render("t", "x & y")
    assert ours.render("t", "x & y").startswith("<textarea")


def test_model_choices():
    from kaiku.organisations.forms import OrganisationFilterForm

    form = OrganisationFilterForm({"type": "municipality"})
    assert isinstance(form.fields["type"].widget, QuickSelect)
    assert '<option value="municipality" selected>' in str(form["type"])


DJANGO_WIDGETS = {
    QuickSelect: forms.Select,
    QuickTextInput: forms.TextInput,
    QuickCheckboxInput: forms.CheckboxInput,
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"q": 'lomat & "palkat" <b>', "status": "answered", "topic": "palkat", "to_me": "on"},
        {"status": "nonsense", "topic": "nope", "q": "x" * 200},
    ],
)
def test_question_filter_writes_what_django_writes(data):
    """The question list's filter (lazy labels, model choices, errors) as Django's widgets."""
    from kaiku.questions.forms import QuestionFilterForm
    from kaiku.questions.models import Topic

    Topic.objects.create(name="Palkat & <edut>", slug="palkat")
    Topic.objects.create(name="Lomat", slug="lomat")
    form = QuestionFilterForm(data, viewer=AnonymousUser())
    if data is not None:
        form.is_valid()
    for name in ("q", "status", "topic", "to_me"):
        field = form[name]
        widget = field.field.widget
        ours = str(field)
        widget.__class__ = DJANGO_WIDGETS[type(widget)]
        try:
            assert ours == str(field), name
        finally:
            widget.__class__ = {v: k for k, v in DJANGO_WIDGETS.items()}[type(widget)]


# The loop core/includes/_filter_select.html had before it took the options written.
OPTIONS_LOOP = """{% for value, label, selected in options %}<option value="{{ value }}"{% if selected %} selected{% endif %}>{{ label }}</option>
    {% endfor %}"""  # noqa: E501

OPTIONS = [
    ("1", "Ryhmä & <työ>", False),
    ("ryhma-2", 'Toinen "ryhmä" (Ohjelma)', True),
    ("3", mark_safe("<b>safe</b>"), False),
    (4, 1234, False),
]


def test_options_html_is_the_options_loop():
    expected = Template(OPTIONS_LOOP).render(Context({"options": OPTIONS}))
    assert options_html(OPTIONS) == expected
    assert options_html([]) == ""


@pytest.mark.parametrize("data", [None, {"group": "ryhma-2"}, {"group": "nope"}])
def test_filter_select_include_is_the_loop_include(data):
    class Filter(forms.Form):
        group = forms.ChoiceField(
            label="Työryhmä & co", required=False, choices=[(v, v) for v, _l, _s in OPTIONS]
        )

    form = Filter(data)
    form.is_valid()
    form.fields["group"].empty_label = "Kaikki <ryhmät>"
    select = (
        '{% load i18n %}<div class="field{% if field.errors %} field--error{% endif %}">\n'
        '  <label for="{{ field.auto_id }}">{{ field.label }}</label>\n'
        '  {% if field.errors %}<p class="field__error" id="{{ field.auto_id }}_error">'
        "{% for error in field.errors %}{{ error }} {% endfor %}</p>{% endif %}\n"
        '  <select name="{{ field.html_name }}" id="{{ field.auto_id }}"{% if field.errors %}'
        ' aria-invalid="true" aria-describedby="{{ field.auto_id }}_error"{% endif %}>\n'
        '    <option value="">{{ field.field.empty_label }}</option>\n'
        f"    {OPTIONS_LOOP}\n"
        "  </select>\n"
        "</div>\n"
    )
    expected = Template(select).render(Context({"field": form["group"], "options": OPTIONS}))
    ours = render_to_string(
        "core/includes/_filter_select.html",
        {"field": form["group"], "options_html": options_html(OPTIONS)},
    )
    assert ours == "\n" + expected
    assert ("aria-invalid" in ours) == (data == {"group": "nope"})
