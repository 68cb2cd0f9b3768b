"""Questions and official answers (issue 8).

A signed-in person asks a question about the programme, optionally to one working group.
Others who have the same question press "I have this question too" (``QuestionVote``)
instead of asking again. Moderators triage: assign to a group or an expert, merge a duplicate
into its original (votes and followers move, the duplicate points to the original), close with
a reason. The assigned group's chair or secretary (or the expert) gives the official answer
(``Answer``, one per question); updating it keeps the earlier text (``AnswerRevision``).

Visibility is the question's own (public or signed-in staff) through the content layer;
moderators can hide a question (``ModeratedModel``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import OPEN_VISIBILITIES, VisibleQuerySet, visibility_field
from kaiku.core.lifecycle import ContentManager, SoftDeleteModel
from kaiku.core.links import reverse_cached
from kaiku.core.models import BaseModel
from kaiku.core.moderation import ModeratedModel
from kaiku.core.translations import StoredMarkdown, markdown_html_field, markdown_version_field
from kaiku.core.validators import validate_plain_title

QUESTION_MAX_LENGTH = 300


class QuestionStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    DUPLICATE = "duplicate", _("Duplicate")


class Topic(BaseModel):
    """A topic of the FAQ page (holidays, pay, pensions, systems, …)."""

    name = models.CharField(_("name"), max_length=100, validators=[validate_plain_title])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse_cached('questions:faq')}#{self.slug}"


class Question(StoredMarkdown, ModeratedModel, SoftDeleteModel, BaseModel):
    programme = models.ForeignKey(
        "programme.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    group = models.ForeignKey(
        "programme.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text=_("The working group that answers."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_questions",
        help_text=_("A person who answers instead of a group."),
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    title = models.CharField(
        _("question"), max_length=QUESTION_MAX_LENGTH, validators=[validate_plain_title]
    )
    body = models.TextField(
        _("details"), max_length=5000, blank=True, help_text=_("Optional. Markdown.")
    )
    body_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("body",)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=QuestionStatus.choices,
        default=QuestionStatus.NEW,
        db_index=True,
    )
    visibility = visibility_field(choices=OPEN_VISIBILITIES)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    closed_reason = models.TextField(_("reason for closing"), max_length=2000, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # When the answer is due (the group's AnswerDeadline from assignment; services.due_at_for).
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True, editable=False)
    # "I have this question too" votes, kept with the votes (services).
    vote_count = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    in_faq = models.BooleanField(_("in the FAQ"), default=False)
    faq_order = models.PositiveSmallIntegerField(_("order in the FAQ"), default=0)
    # The analysed terms of the question (kaiku.core.similarity), for similar-question matching.
    terms = models.TextField(_("search terms"), blank=True, default="", editable=False)
    # Set for questions imported from a file: importing the same question again adds nothing.
    import_key = models.CharField(
        _("import key"), max_length=64, null=True, blank=True, unique=True, editable=False
    )

    objects = ContentManager()
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created"], name="questions_status_idx"),
            models.Index(fields=["group", "status"], name="questions_group_status_idx"),
            models.Index(fields=["status", "due_at"], name="questions_status_due_idx"),
            # "Newly answered" on the front page: the latest answers first, without a sort.
            models.Index(fields=["status", "-answered_at", "-id"], name="questions_answered_idx"),
            # The list, newest first, and its status counts (from the index alone, not
            # 100,000 rows) of what is neither deleted nor hidden.
            models.Index(
                fields=["visibility", "-created", "-id", "status"],
                condition=models.Q(deleted_at__isnull=True, hidden_at__isnull=True),
                name="questions_listed_idx",
            ),
            # The similar-question index reads what changed since it last looked.
            models.Index(fields=["updated"], name="questions_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("questions:detail", pk=self.pk)


class Answer(StoredMarkdown, BaseModel):
    """The official answer; ``AnswerRevision`` keeps every earlier version."""

    question = models.OneToOneField(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answer"
    )
    body = models.TextField(_("answer"), max_length=20000, help_text=_("Markdown."))
    body_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("body",)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_answers",
    )
    # Who the answer speaks for, kept as it was when answered.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_answers",
    )
    group = models.ForeignKey(
        "programme.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_answers",
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return str(self.question)

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#answer"


class AnswerRevision(models.Model):
    """An earlier version of an answer, written when the answer is updated."""

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("answer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When this version was the answer: from ``answered_at`` until ``replaced_at``.
    answered_at = models.DateTimeField(_("answered"))
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier answer")
        verbose_name_plural = _("earlier answers")
        ordering = ["-answered_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.answer_id} {self.answered_at:%Y-%m-%d %H:%M}"


class QuestionVote(models.Model):
    """ "I have this question too"."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="question_votes",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("question vote")
        verbose_name_plural = _("question votes")
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="questions_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.question_id}"


#: The days a group may be given to answer (``AnswerDeadline.days``).
DEADLINE_MIN_DAYS = 1
DEADLINE_MAX_DAYS = 365


def validate_deadline_days(value) -> None:
    if value is None or not DEADLINE_MIN_DAYS <= value <= DEADLINE_MAX_DAYS:
        raise ValidationError(
            _("Give the days to answer as a whole number from %(min)d to %(max)d."),
            code="deadline_days",
            params={"min": DEADLINE_MIN_DAYS, "max": DEADLINE_MAX_DAYS},
        )


class AnswerDeadline(models.Model):
    """How many days a working group has to answer a question assigned to it. Changed with
    ``services.answer_deadline_set``, which also moves the due dates of the group's open
    questions."""

    group = models.OneToOneField(
        "programme.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="answer_deadline",
    )
    days = models.PositiveSmallIntegerField(
        _("days to answer"), default=14, validators=[validate_deadline_days]
    )

    class Meta:
        verbose_name = _("answer deadline")
        verbose_name_plural = _("answer deadlines")

    def __str__(self) -> str:
        return f"{self.group_id}: {self.days}"
