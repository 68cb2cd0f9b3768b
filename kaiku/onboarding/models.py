"""Onboarding (issue 10, item 6): programmes of modules and tasks, and each newcomer's
checklist.

An ``OnboardingProgramme`` (perehdytysohjelma) has ``Module``s of ``Task``s. A task is due a
number of days after the newcomer's start date (``due_offset_days``, negative for what is
done before the first day) and is done by the newcomer, their supervisor or their mentor
(``Responsible``). An ``Enrolment`` puts one newcomer on one programme with a start date, a
supervisor and a mentor; a ``TaskCompletion`` records that one task of it is done. Overdue
tasks are reminded once (``TaskReminder``, ``tasks.py``).

Programme texts are stored in Finnish, Swedish and English (``translation.py``). Who sees an
enrolment is the content layer's rule (``content.py``): the newcomer, the supervisor, the
mentor, change coordinators and administrators.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Visibility, VisibleQuerySet
from kaiku.core.models import BaseModel
from kaiku.core.validators import validate_plain_title

TITLE_MAX_LENGTH = 300
DESCRIPTION_MAX_LENGTH = 5000
TASK_DESCRIPTION_MAX_LENGTH = 2000
#: A task may be due up to a month before the start date and up to a year after it.
OFFSET_MIN = -30
OFFSET_MAX = 365


class Responsible(models.TextChoices):
    """Who does a task."""

    NEWCOMER = "newcomer", _("Newcomer")
    SUPERVISOR = "supervisor", _("Supervisor")
    MENTOR = "mentor", _("Mentor")


class OnboardingProgramme(BaseModel):
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_plain_title]
    )
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text=_("Who the programme is for and what the newcomer learns in it."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboarding_programmes",
        help_text=_("Optional. The organisation whose newcomers the programme is for."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_onboarding_programmes",
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Newcomers can be enrolled in a published programme only."),
    )

    class Meta:
        verbose_name = _("onboarding programme")
        verbose_name_plural = _("onboarding programmes")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("onboarding:programme_detail", kwargs={"pk": self.pk})


class Module(BaseModel):
    programme = models.ForeignKey(
        OnboardingProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="modules",
    )
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_plain_title]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Task(BaseModel):
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_plain_title]
    )
    description = models.TextField(
        _("description"), max_length=TASK_DESCRIPTION_MAX_LENGTH, blank=True
    )
    due_offset_days = models.SmallIntegerField(
        _("due, days after the start date"),
        default=0,
        validators=[MinValueValidator(OFFSET_MIN), MaxValueValidator(OFFSET_MAX)],
        help_text=_(
            "0 is the first working day, 7 a week later; a negative number is before the "
            "start (at most 30 days)."
        ),
    )
    responsible = models.CharField(
        _("done by"),
        max_length=20,
        choices=Responsible.choices,
        default=Responsible.NEWCOMER,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    def due_date(self, start_date: datetime.date) -> datetime.date:
        return start_date + datetime.timedelta(days=self.due_offset_days)


class Enrolment(BaseModel):
    """One newcomer on one programme. Its ``visibility`` is always ``members``: the members of
    an enrolment are the people it names and those who manage onboarding (``content.py``)."""

    programme = models.ForeignKey(
        OnboardingProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("newcomer"),
        on_delete=models.CASCADE,
        related_name="onboarding_enrolments",
    )
    start_date = models.DateField(_("start date"))
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboarding_supervised",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboarding_mentored",
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=[(Visibility.MEMBERS.value, Visibility.MEMBERS.label)],
        default=Visibility.MEMBERS,
        editable=False,
    )

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "newcomer"], name="onboarding_enrolment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.newcomer} – {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("onboarding:enrolment_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.newcomer_id and self.supervisor_id == self.newcomer_id:
            errors["supervisor"] = _("The newcomer cannot be their own supervisor.")
        if self.newcomer_id and self.mentor_id == self.newcomer_id:
            errors["mentor"] = _("The newcomer cannot be their own mentor.")
        if errors:
            raise ValidationError(errors)

    def person_for(self, responsible: str):
        """The person who does tasks of ``responsible`` in this enrolment (or ``None``)."""
        return {
            Responsible.NEWCOMER: self.newcomer,
            Responsible.SUPERVISOR: self.supervisor,
            Responsible.MENTOR: self.mentor,
        }.get(responsible)

    def person_id_for(self, responsible: str) -> int | None:
        return {
            Responsible.NEWCOMER: self.newcomer_id,
            Responsible.SUPERVISOR: self.supervisor_id,
            Responsible.MENTOR: self.mentor_id,
        }.get(responsible)


class TaskCompletion(BaseModel):
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="completions"
    )
    done_at = models.DateTimeField(_("done"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("task done")
        verbose_name_plural = _("tasks done")
        ordering = ["done_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "task"], name="onboarding_completion_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} ✓"


class TaskReminder(BaseModel):
    """That the person responsible for an overdue task of an enrolment was reminded: each
    overdue task is reminded once (``tasks.remind_overdue``)."""

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="reminders"
    )

    class Meta:
        verbose_name = _("overdue reminder")
        verbose_name_plural = _("overdue reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "task"], name="onboarding_reminder_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.task_id}"
