"""The question list's rows are written in Python (``kaiku.questions.listing``): the HTML
must stay what the template gave. (The filter's widgets and group options are core's:
``kaiku/core/tests/test_widgets.py``.)"""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from kaiku.core.content import Visibility

from .. import listing, selectors
from ..models import Question, QuestionStatus
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
