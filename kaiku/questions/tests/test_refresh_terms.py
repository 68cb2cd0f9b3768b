from __future__ import annotations

import pytest
from django.core.management import call_command

from ..models import Question
from ..similar import question_terms
from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_refresh_rewrites_stale_terms_only(capsys):
    stale = QuestionFactory(title="Siirtyvätkö vuosilomani kuntaan?")
    fresh = QuestionFactory(title="Muuttuuko palkkani?")
    Question.all_objects.filter(pk=stale.pk).update(terms="vanha")
    call_command("refresh_question_terms")
    assert "1 questions analysed again." in capsys.readouterr().out
    stale.refresh_from_db()
    assert stale.terms == question_terms(stale.title, stale.body)
    call_command("refresh_question_terms")
    assert "0 questions analysed again." in capsys.readouterr().out
    assert Question.objects.get(pk=fresh.pk).terms == question_terms(fresh.title, fresh.body)
