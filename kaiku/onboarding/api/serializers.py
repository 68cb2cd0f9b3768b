"""Representations of a person's onboarding enrolments with their checklist. Texts are in the
request's language (Finnish where a text has no version in it)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.api.fields import WebUrlField

from ..models import Enrolment, Responsible


class OnboardingPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The person's id.")
    name = serializers.CharField(help_text="The person's name.")


class OnboardingTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The task's id.")
    title = serializers.CharField(help_text="The task in the request's language.")
    description = serializers.CharField(help_text="More about the task; may be empty.")
    responsible = serializers.ChoiceField(
        choices=Responsible.choices,
        help_text="Who does it: `newcomer`, `supervisor` or `mentor`.",
    )
    due_date = serializers.DateField(help_text="The start date plus the task's offset.")
    done = serializers.BooleanField(help_text="Whether the task is marked done.")
    done_at = serializers.DateTimeField(
        allow_null=True, help_text="When it was marked done; null when it is not."
    )
    overdue = serializers.BooleanField(help_text="Not done and the due date has passed.")


class OnboardingModuleSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The module's id.")
    title = serializers.CharField(help_text="The module in the request's language.")
    tasks = OnboardingTaskSerializer(many=True)


class OnboardingProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Tasks in the programme.")
    done = serializers.IntegerField(help_text="Tasks marked done.")
    percent = serializers.IntegerField(help_text="Done of all, rounded to a whole percent.")
    overdue = serializers.IntegerField(help_text="Tasks not done whose due date has passed.")


class OnboardingProgrammeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The programme's id.")
    title = serializers.CharField(help_text="The programme in the request's language.")


class OnboardingEnrolmentSerializer(serializers.ModelSerializer):
    """One enrolment: the programme, the people, and the checklist with progress."""

    role = serializers.SerializerMethodField(
        help_text="Your part in it: `newcomer`, `supervisor` or `mentor`."
    )
    programme = serializers.SerializerMethodField()
    newcomer = serializers.SerializerMethodField()
    supervisor = serializers.SerializerMethodField()
    mentor = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    modules = serializers.SerializerMethodField()
    web_url = WebUrlField(help_text="The checklist on the site (an absolute URL).")

    class Meta:
        model = Enrolment
        fields = [
            "id", "role", "programme", "start_date", "newcomer", "supervisor", "mentor",
            "progress", "modules", "web_url",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "The enrolment's id."},
            "start_date": {"help_text": "The newcomer's first working day."},
        }

    def _checklist(self, enrolment):
        return self.context["checklists"][enrolment.pk]

    @staticmethod
    def _person(person) -> dict | None:
        return None if person is None else {"id": person.pk, "name": person.display_name}

    @extend_schema_field(OpenApiTypes.STR)
    def get_role(self, enrolment) -> str:
        from ..selectors import role_of

        return role_of(enrolment, self.context["request"].user) or ""

    @extend_schema_field(OnboardingProgrammeSerializer)
    def get_programme(self, enrolment) -> dict:
        return {"id": enrolment.programme_id, "title": enrolment.programme.title}

    @extend_schema_field(OnboardingPersonSerializer)
    def get_newcomer(self, enrolment) -> dict:
        return self._person(enrolment.newcomer)

    @extend_schema_field(OnboardingPersonSerializer(allow_null=True))
    def get_supervisor(self, enrolment) -> dict | None:
        return self._person(enrolment.supervisor)

    @extend_schema_field(OnboardingPersonSerializer(allow_null=True))
    def get_mentor(self, enrolment) -> dict | None:
        return self._person(enrolment.mentor)

    @extend_schema_field(OnboardingProgressSerializer)
    def get_progress(self, enrolment) -> dict:
        checklist = self._checklist(enrolment)
        return {
            "total": checklist.total,
            "done": checklist.done,
            "percent": checklist.percent,
            "overdue": checklist.overdue,
        }

    @extend_schema_field(OnboardingModuleSerializer(many=True))
    def get_modules(self, enrolment) -> list[dict]:
        modules = [
            {
                "id": rows.module.pk,
                "title": rows.module.title,
                "tasks": [
                    {
                        "id": row.task.pk,
                        "title": row.task.title,
                        "description": row.task.description,
                        "responsible": row.task.responsible,
                        "due_date": row.due_date,
                        "done": row.done,
                        "done_at": row.completion.done_at if row.completion else None,
                        "overdue": row.overdue,
                    }
                    for row in rows.tasks
                ],
            }
            for rows in self._checklist(enrolment).modules
        ]
        return OnboardingModuleSerializer(modules, many=True).data
