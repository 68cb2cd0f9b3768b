"""Themes of open answers (``kaiku.core.themes``) as a background task (django-tasks).

The analysis imports scikit-learn (about 3 s) and takes seconds for thousands of answers, so
it never runs in a request. It runs for each long open question of a survey when a
coordinator presses "Analyse open answers", and for surveys that have closed without an
analysis (``themes_due``, from ``manage.py send_survey_reminders``). The result is stored in
``TextThemes``; the page and the API show it only where the open answers themselves may be
listed (ten answers or more).

The same task, and ``store_survey_results`` for surveys without long open questions, store
the computed results of a closed survey (``results.store_results``) so that the first view
of its results page does not compute them (seconds for a large survey); ``results_due``
queues them for closed surveys without stored results, or whose number of responses has
changed since (an import).
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils import timezone
from django_tasks import task

from kaiku.core.disclosure import MIN_TEXT_GROUP

from .models import Answer, Phase, Question, QuestionKind, Survey, TextThemes


def _texts(question: Question) -> list[str]:
    # Sorted, so the analysis does not depend on the order the database returns.
    return sorted(
        Answer.objects.filter(question=question).exclude(text="").values_list("text", flat=True)
    )


def analyse_question(question: Question) -> TextThemes:
    """Find and store the themes of one question's open answers (slow: seconds)."""
    from kaiku.core.themes import find_themes

    texts = _texts(question)
    data = []
    if len(texts) >= MIN_TEXT_GROUP:
        analysis = find_themes(texts, seed=0)
        for theme in analysis.themes:
            data.append(
                {
                    "label": theme.label,
                    "keywords": list(theme.keywords),
                    "size": theme.size,
                    "answers": [texts[i] for i in theme.members],
                    "representatives": [texts[i] for i in theme.representatives],
                }
            )
    themes, _created = TextThemes.objects.update_or_create(
        question=question,
        defaults={"computed_at": timezone.now(), "answer_count": len(texts), "data": data},
    )
    return themes


def analyse_survey(survey_id: int) -> int:
    """Analyse every long open question of the survey, and store the results of a closed
    survey; returns how many questions were analysed."""
    questions = Question.objects.filter(survey_id=survey_id, kind=QuestionKind.LONG_TEXT)
    done = 0
    for question in questions.order_by("pk"):
        analyse_question(question)
        done += 1
    store_closed_results(survey_id)
    return done


def store_closed_results(survey_id: int, *, now=None) -> bool:
    """Compute and store the results of a closed survey; False when it is not closed."""
    from .results import store_results

    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None or survey.phase(now=now) != Phase.CLOSED:
        return False
    store_results(survey)
    return True


@task()
def store_survey_results(survey_id: int) -> bool:
    return store_closed_results(survey_id)


def results_due(*, now=None) -> int:
    """Queue the stored results of closed surveys that have none, or whose number of
    responses differs from the one stored; returns how many were queued."""
    now = now or timezone.now()
    stale = (
        Survey.objects.filter(published_at__isnull=False, closes_at__lte=now)
        .annotate(n=Count("responses"))
        .filter(
            Q(stored_results__isnull=True)
            | ~Q(stored_results__response_count=F("n"))
            | Q(stored_results__computed_at__isnull=True)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    surveys = list(stale)
    for pk in surveys:
        store_survey_results.enqueue(pk)
    return len(surveys)


@task()
def analyse_open_answers(survey_id: int) -> int:
    return analyse_survey(survey_id)


def queue_themes(survey: Survey) -> bool:
    """Queue the analysis of the survey's long open answers; False when it has none."""
    questions = list(
        Question.objects.filter(survey=survey, kind=QuestionKind.LONG_TEXT).values_list(
            "pk", flat=True
        )
    )
    if not questions:
        return False
    for pk in questions:
        TextThemes.objects.get_or_create(question_id=pk)
    analyse_open_answers.enqueue(survey.pk)
    return True


def themes_due(*, now=None) -> int:
    """Queue the analysis for closed surveys whose long open questions have none yet (or
    one of fewer answers than there are now, after an import); returns how many."""
    now = now or timezone.now()
    stale = (
        Question.objects.filter(
            kind=QuestionKind.LONG_TEXT,
            survey__published_at__isnull=False,
            survey__closes_at__lte=now,
        )
        .annotate(n=Count("answers", filter=~Q(answers__text="")))
        .filter(
            Q(text_themes__isnull=True)
            | Q(text_themes__computed_at__isnull=False, text_themes__answer_count__lt=F("n"))
        )
        .values_list("survey_id", flat=True)
        .distinct()
    )
    surveys = sorted(set(stale))
    for pk in surveys:
        TextThemes.objects.bulk_create(
            [
                TextThemes(question_id=q)
                for q in Question.objects.filter(
                    survey_id=pk, kind=QuestionKind.LONG_TEXT, text_themes__isnull=True
                ).values_list("pk", flat=True)
            ]
        )
        analyse_open_answers.enqueue(pk)
    return len(surveys)
