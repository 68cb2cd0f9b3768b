"""Who may do what with questions (django-rules).

Reading follows the question's visibility (``Question.objects.visible_to``). Anyone signed in
may ask and say "I have this question too". Moderators and administrators triage (assign,
merge, close, the FAQ). The official answer is given by the chair or secretary of the group
the question is assigned to, by the expert it is assigned to, or by a moderator or an
administrator.
"""

from __future__ import annotations

import rules

from kaiku.core.predicates import is_administrator, is_authenticated, is_moderator
from kaiku.programme.rules import is_group_editor


@rules.predicate
def is_assigned_expert(user, question) -> bool:
    return bool(
        question is not None
        and is_authenticated(user)
        and question.assignee_id is not None
        and question.assignee_id == user.pk
    )


@rules.predicate
def is_answering_group_editor(user, question) -> bool:
    return bool(
        question is not None and question.group_id and is_group_editor(user, question.group)
    )


can_triage = is_moderator | is_administrator
can_answer = can_triage | is_assigned_expert | is_answering_group_editor

rules.add_perm("questions.add_question", is_authenticated)
rules.add_perm("questions.vote_question", is_authenticated)
rules.add_perm("questions.triage_question", can_triage)
rules.add_perm("questions.answer_question", can_answer)
