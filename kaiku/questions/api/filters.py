from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kaiku.core.api.filters import StrictFilterSet
from kaiku.programme.models import Programme

from ..models import Question, QuestionStatus


class QuestionFilter(StrictFilterSet):
    """``group`` and ``topic`` are slugs: an unknown one gives an empty list (a group's slug is
    unique only within its programme: add ``programme`` to tell two apart)."""

    status = django_filters.ChoiceFilter(choices=QuestionStatus.choices, label=_("Status"))
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), to_field_name="slug", label=_("Programme slug")
    )
    group = django_filters.CharFilter(field_name="group__slug", label=_("Working group slug"))
    topic = django_filters.CharFilter(field_name="topic__slug", label=_("Topic slug"))
    # Strict: anything but true or false is a 400 (BooleanFilter would ignore it).
    in_faq = django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        label=_("true: only questions in the FAQ; false: only the others"),
    )

    class Meta:
        model = Question
        fields = ["status", "programme", "group", "topic", "in_faq"]
