from __future__ import annotations

from rest_framework import serializers

from ..models import Reason, Report


class ReportSerializer(serializers.ModelSerializer):
    content_type = serializers.CharField(
        write_only=True,
        max_length=100,
        help_text="The reported content's kind as `app_label.model`, e.g. `questions.question`.",
    )
    object_id = serializers.IntegerField(min_value=1, help_text="The reported content's id.")
    reason = serializers.ChoiceField(choices=Reason.choices)
    text = serializers.CharField(required=False, allow_blank=True, max_length=1000)

    class Meta:
        model = Report
        fields = ["id", "content_type", "object_id", "reason", "text", "status", "created"]
        read_only_fields = ["id", "status", "created"]
