"""Analyse every question again after the Finnish analysis changed (kaiku/core/finnish.py,
its word lists in kaiku/core/data/): ``manage.py refresh_question_terms``.

Similar-question matching reads the stored terms (``Question.terms``); rows whose stored
terms differ from a fresh analysis are rewritten in batches. Safe to repeat."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.questions.models import Question
from kaiku.questions.similar import question_terms

BATCH = 1000


class Command(BaseCommand):
    help = "Analyse the questions' text again for similar-question matching."

    def handle(self, *args, **options) -> None:
        changed, batch = 0, []
        rows = Question.all_objects.order_by("pk").only("pk", "title", "body", "terms")
        for question in rows.iterator(chunk_size=BATCH):
            terms = question_terms(question.title, question.body)
            if terms != question.terms:
                question.terms = terms
                batch.append(question)
            if len(batch) >= BATCH:
                changed += Question.all_objects.bulk_update(batch, ["terms"])
                batch = []
        if batch:
            changed += Question.all_objects.bulk_update(batch, ["terms"])
        self.stdout.write(f"{changed} questions analysed again.")
