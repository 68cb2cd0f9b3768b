"""The question list's rows, group options and filter widgets are written in Python
(``kaiku.questions.listing`` and ``widgets``): the HTML must stay what the templates gave."""

from __future__ import annotations

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from kaiku.core.content import Visibility
from kaiku.programme.filter_options import group_options

from .. import listing, selectors
from ..forms import QuestionFilterForm
from ..models import Question, QuestionStatus
from ..widgets import PythonCheckboxInput, PythonSelect, PythonTextInput
from .factories import QuestionFactory, TopicFactory

pytestmark = pytest.mark.django_db

# The row include the list rendered per question before (questions/includes/_question_item).
ROW_TEMPLATE = """{% load i18n %}<li class="card question-item">
  <h2 class="card__title"><a href="{{ question.get_absolute_url }}">{{ question.title }}</a></h2>
  <p class="question-item__meta">
    {% include "questions/includes/_status.html" %}
    {% if question.visibility == "staff" %}<span class="badge badge--staff">{% translate "Signed-in people only" %}</span>{% endif %}
    <span>{% blocktranslate count counter=question.vote_count %}{{ counter }} person has this question too{% plural %}{{ counter }} people have this question too{% endblocktranslate %}</span>
    {% if question.group %}· <span>{{ question.group.name }}</span>{% endif %}
    {% if question.topic %}· <span>{{ question.topic.name }}</span>{% endif %}
    · <time datetime="{{ question.created|date:'c' }}">{{ question.created|date:"j.n.Y" }}</time>
    {% if question.pk in voted %}· <span>{% translate "You have this question too" %}</span>{% endif %}
  </p>
</li>
"""  # noqa: E501

OPTIONS_TEMPLATE = """{% for value, label, selected in options %}<option value="{{ value }}"{% if selected %} selected{% endif %}>{{ label }}</option>
    {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_rows_are_the_html_of_the_row_template(people, programme, group, language):
    QuestionFactory(
        programme=programme,
        group=group,
        topic=TopicFactory(name="Palkat & <edut>"),
        title='Mitä "siirrossa" tapahtuu & <miksi>?',
        visibility=Visibility.STAFF,
        status=QuestionStatus.ANSWERED,
        vote_count=1,
    )
    QuestionFactory(programme=programme, vote_count=1234)
    QuestionFactory(programme=programme, group=group, vote_count=0, status=QuestionStatus.CLOSED)
    with translation.override(language):
        rows = selectors.question_list(viewer=people["staff"])
        questions = selectors.listed_questions(selectors.listed_rows(rows))
        voted = {questions[0].pk, questions[2].pk}
        template = Template(ROW_TEMPLATE)
        expected = "".join(
            template.render(Context({"question": question, "voted": voted}))
            for question in Question.objects.order_by("-created", "-pk")
        )
        assert listing.list_rows(questions, voted) == expected
    assert [q.pk for q in questions] == list(
        Question.objects.order_by("-created", "-pk").values_list("pk", flat=True)
    )


def test_group_options_are_the_html_of_the_options_loop(programme, group, other_group):
    group.name = "Ryhmä & <työ>"
    group.save()
    options = group_options(None, group.slug, value="slug", with_programme=False)
    assert any(selected for _value, _label, selected in options)
    expected = Template(OPTIONS_TEMPLATE).render(Context({"options": options}))
    assert listing.options_html(options) == expected


DJANGO_WIDGETS = {
    PythonSelect: forms.Select,
    PythonTextInput: forms.TextInput,
    PythonCheckboxInput: forms.CheckboxInput,
}


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"q": 'lomat & "palkat" <b>', "status": "answered", "topic": "palkat", "to_me": "on"},
        {"status": "nonsense", "topic": "nope", "q": "x" * 200},
    ],
)
def test_filter_widgets_write_what_django_writes(people, data):
    TopicFactory(name="Palkat & <edut>", slug="palkat")
    TopicFactory(name="Lomat", slug="lomat")
    form = QuestionFilterForm(data, viewer=people["staff"])
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
