"""Anonymity by construction: the stored answers cannot lead to a person (docs/surveys.md)."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import models

from ..models import Answer, AnswerChoice, Participation, Response

ANONYMOUS_MODELS = (Response, Answer, AnswerChoice)


def _related_models(model, seen=None) -> set:
    """Every model reachable from ``model`` along its own foreign keys, skipping the survey's
    structure (surveys, questions, choices, organisations are not people)."""
    seen = seen if seen is not None else set()
    for field in model._meta.get_fields():
        if field.is_relation and field.many_to_one or getattr(field, "one_to_one", False):
            target = field.related_model
            if target is not None and target not in seen and field.concrete:
                seen.add(target)
    return seen


@pytest.mark.parametrize("model", ANONYMOUS_MODELS)
def test_no_relation_to_a_person(model):
    user_model = get_user_model()
    for field in model._meta.get_fields():
        if field.is_relation and field.concrete:
            assert field.related_model is not user_model, f"{model.__name__}.{field.name}"
    assert user_model not in _related_models(model)


@pytest.mark.parametrize("model", ANONYMOUS_MODELS)
def test_no_time_of_day_and_a_random_key(model):
    for field in model._meta.concrete_fields:
        assert not isinstance(field, models.DateTimeField), f"{model.__name__}.{field.name}"
        assert not isinstance(field, models.TimeField), f"{model.__name__}.{field.name}"
        assert "ip" not in field.name.split("_") and "agent" not in field.name
    pk = model._meta.pk
    assert isinstance(pk, models.UUIDField) and pk.default is uuid.uuid4
    assert model._meta.ordering == ["id"]


def test_participation_knows_no_response_and_no_time():
    for field in Participation._meta.get_fields():
        if field.is_relation:
            assert field.related_model not in ANONYMOUS_MODELS, field.name
    assert not any(
        isinstance(f, models.DateTimeField | models.DateField | models.TimeField)
        for f in Participation._meta.concrete_fields
    )


def test_response_knows_no_participation():
    for model in ANONYMOUS_MODELS:
        for field in model._meta.get_fields():
            if field.is_relation:
                assert field.related_model is not Participation, f"{model.__name__}.{field.name}"
