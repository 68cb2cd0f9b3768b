"""This app's entries in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from kaiku.accounts.personal_data import register


def _questions(user) -> list[dict]:
    from .models import Question

    return [
        {
            "question": q.title,
            "details": q.body,
            "status": q.status,
            "visibility": q.visibility,
            "asked": q.created.isoformat(),
            "hidden_reason": q.hidden_reason if q.hidden_at else None,
        }
        for q in Question.all_objects.filter(author=user).order_by("pk")
    ]


def _answers(user) -> list[dict]:
    from .models import Answer

    return [
        {"question": a.question_id, "answer": a.body, "updated": a.updated.isoformat()}
        for a in Answer.objects.filter(author=user).order_by("pk")
    ]


def _revisions(user) -> list[dict]:
    from .models import AnswerRevision

    return [
        {"question": r.answer.question_id, "earlier_answer": r.body}
        for r in AnswerRevision.objects.filter(author=user).select_related("answer")
    ]


def _votes(user) -> list[dict]:
    from .models import QuestionVote

    return [
        {"question": v.question_id, "created": v.created.isoformat()}
        for v in QuestionVote.objects.filter(user=user).order_by("pk")
    ]


def _remove_votes(user) -> None:
    from django.db.models import Count

    from .models import Question, QuestionVote

    question_ids = list(
        QuestionVote.objects.filter(user=user).values_list("question_id", flat=True)
    )
    QuestionVote.objects.filter(user=user).delete()
    for row in (
        Question.all_objects.filter(pk__in=question_ids)
        .annotate(n=Count("votes"))
        .values("pk", "n")
    ):
        Question.all_objects.filter(pk=row["pk"]).update(vote_count=row["n"])


def register_personal_data() -> None:
    register(
        "questions.question",
        export=_questions,
        remove=None,
        note="Questions the person asked stay after removal (others have them too and they "
        "have answers); the asker is shown as a removed user. Questions assigned to the "
        "person as an expert lose the link.",
    )
    register(
        "questions.answer",
        export=_answers,
        remove=None,
        note="Official answers stay after removal, with their organisation; the answerer is "
        "shown as a removed user.",
    )
    register(
        "questions.answerrevision",
        export=_revisions,
        remove=None,
        note="Earlier versions of the person's answers stay; the answerer link is left empty.",
    )
    register(
        "questions.questionvote",
        export=_votes,
        remove=_remove_votes,
        note="'I have this question too' votes are removed with the account.",
    )
