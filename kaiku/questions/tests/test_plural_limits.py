"""The length limits in closing and importing messages have plural forms (Finnish "1 merkki",
"300 merkkiä"); a message with two numbers is two sentences, each with its own plural."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from .. import importing, services


def _close_error(question, actor, maximum: int, monkeypatch) -> str:
    monkeypatch.setattr(services, "CLOSED_REASON_MAX_LENGTH", maximum)
    with pytest.raises(ValidationError) as caught:
        services.question_close(question=question, actor=actor, reason="x" * (maximum + 1))
    return caught.value.message_dict["closed_reason"][0]


def test_the_closing_reason_limit_has_plural_forms(people, question, monkeypatch):
    with translation.override("fi"):
        assert _close_error(question, people["moderator"], 1, monkeypatch) == (
            "Syy on liian pitkä (enintään 1 merkki)."
        )
        assert _close_error(question, people["moderator"], 2000, monkeypatch) == (
            "Syy on liian pitkä (enintään 2000 merkkiä)."
        )


def test_the_import_limits_have_plural_forms(programme, monkeypatch):
    rows = [importing.Row(line=2, question="Kaksi?", answer="ab", topic="Aihe", group="")]
    monkeypatch.setattr(importing, "QUESTION_MAX_LENGTH", 1)
    monkeypatch.setattr(importing, "ANSWER_MAX_LENGTH", 1)
    monkeypatch.setattr(importing, "TOPIC_MAX_LENGTH", 1)
    with translation.override("fi"):
        assert importing.check_rows(rows, programme=programme)[0] == [
            "Rivi 2: kysymyksessä on 6 merkkiä. Enintään 1 merkki on sallittu.",
            "Rivi 2: vastauksessa on 2 merkkiä. Enintään 1 merkki on sallittu.",
            "Rivi 2: aihe on pidempi kuin 1 merkki.",
        ]
    monkeypatch.setattr(importing, "QUESTION_MAX_LENGTH", 5)
    monkeypatch.setattr(importing, "TOPIC_MAX_LENGTH", 3)
    with translation.override("en"):
        errors = importing.check_rows(rows, programme=programme)[0]
    assert errors == [
        "Line 2: the question is 6 characters long. At most 5 characters are allowed.",
        "Line 2: the answer is 2 characters long. At most 1 character is allowed.",
        "Line 2: the topic is longer than 3 characters.",
    ]
