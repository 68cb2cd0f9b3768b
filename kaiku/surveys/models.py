"""Surveys (issue 9): built by change coordinators, answered by their audience.

A ``Survey`` has ``Section``s of ``Question``s (Likert, single or multiple choice, number,
short or long text, a matrix of Likert items); choice questions have ``Choice``s and matrix
questions ``MatrixItem``s. Texts are stored in Finnish, Swedish and English
(``translation.py``).

Anonymity by construction (docs/surveys.md): what a person answered is a ``Response`` with its
``Answer``s. Neither has a foreign key to a person, a time of day, or an ordered key (their
primary keys are random UUIDs); a response carries only the survey round and the date the
period closes, and the background attributes results are broken down by (organisation type,
region, organisation) copied at submit. That the person answered is a ``Participation``,
stored apart, with no time and no link to the response. A person's unfinished answers are a
``Draft``, which is theirs and is deleted when they submit.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Visibility, VisibleQuerySet
from kaiku.core.models import BaseModel
from kaiku.core.translations import StoredMarkdown, markdown_html_field, markdown_version_field
from kaiku.core.validators import validate_plain_title
from kaiku.organisations.models import OrganisationType

TITLE_MAX_LENGTH = 300
DESCRIPTION_MAX_LENGTH = 5000
SHORT_TEXT_MAX_LENGTH = 300
LONG_TEXT_MAX_LENGTH = 5000
NUMBER_MAX_DIGITS = 12
NUMBER_DECIMALS = 2


class Phase(models.TextChoices):
    """Where a survey is in its life; computed from ``published_at`` and the open period."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ResultsVisibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    STAFF = "staff", _("Signed-in staff")
    COORDINATORS = "coordinators", _("Change coordinators")


class AudienceKind(models.TextChoices):
    EVERYONE = "everyone", _("Everyone signed in")
    ORGANISATION_TYPES = "types", _("Organisation types")
    REGIONS = "regions", _("Regions")
    ORGANISATIONS = "organisations", _("Organisations")
    # Chosen people (``SurveyInvitee``), set by another capability through
    # ``services.survey_set_invitees`` (an event's feedback survey); not offered in the builder.
    PEOPLE = "people", _("Invited people")


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Scale (Likert)")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    MATRIX = "matrix", _("Matrix of scale items")


#: Kinds answered on a scale (a ``value`` of 1…points).
SCALE_KINDS = (QuestionKind.LIKERT, QuestionKind.MATRIX)
#: Kinds with ``Choice``s.
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
SCALE_POINTS = ((5, _("5 points")), (7, _("7 points")))


class SurveyQuerySet(VisibleQuerySet):
    def published(self, *, now=None):
        return self.filter(published_at__isnull=False, published_at__lte=now or timezone.now())

    def open(self, *, now=None):
        now = now or timezone.now()
        return self.published(now=now).filter(opens_at__lte=now, closes_at__gt=now)


class Survey(BaseModel):
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_plain_title]
    )
    description = models.TextField(
        _("introduction"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Shown before the first question: what the survey is for and how long it takes."
        ),
    )
    # Empty: a draft only coordinators see. Set by publishing.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Answers are stored without any link to the person who gave them. "
            "Kaiku stores every survey this way."
        ),
    )
    results_visibility = models.CharField(
        _("who sees the results"),
        max_length=20,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.STAFF,
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=AudienceKind.choices,
        default=AudienceKind.EVERYONE,
    )
    audience_regions = models.ManyToManyField(
        "organisations.Region",
        verbose_name=_("regions"),
        blank=True,
        related_name="+",
    )
    audience_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="+",
        help_text=_("The people of these organisations and of the units under them."),
    )
    # Kept by the services from ``audience``: staff for everyone, members (the audience
    # scope, content.py) otherwise. Surveys are never public: only staff answer.
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.STAFF,
        editable=False,
    )
    previous_round = models.ForeignKey(
        "self",
        verbose_name=_("previous round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_rounds",
    )
    round_number = models.PositiveSmallIntegerField(
        _("round"), default=1, validators=[MinValueValidator(1)]
    )
    # Set when the first response arrives: the questions can no longer change.
    questions_locked_at = models.DateTimeField(_("questions locked"), null=True, blank=True)
    # Claimed by the invitation and reminder tasks, so each is sent once.
    invitations_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminders_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="survey_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The survey must close after it opens.")})
        if self.published_at and not (self.opens_at and self.closes_at):
            raise ValidationError(_("A published survey needs an open period."))

    def phase(self, *, now=None) -> Phase:
        now = now or timezone.now()
        if self.published_at is None or self.published_at > now:
            return Phase.DRAFT
        if self.opens_at and now < self.opens_at:
            return Phase.SCHEDULED
        if self.closes_at and now >= self.closes_at:
            return Phase.CLOSED
        return Phase.OPEN

    @property
    def is_open(self) -> bool:
        return self.phase() == Phase.OPEN

    @property
    def is_locked(self) -> bool:
        return self.questions_locked_at is not None


class SurveyOrganisationType(models.Model):
    """One organisation type of a survey whose audience is organisation types."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="audience_types")
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)

    class Meta:
        verbose_name = _("audience organisation type")
        verbose_name_plural = _("audience organisation types")
        constraints = [
            models.UniqueConstraint(fields=["survey", "type"], name="survey_audience_type_once")
        ]

    def __str__(self) -> str:
        return self.get_type_display()


class SurveyInvitee(models.Model):
    """One person invited to a survey whose audience is chosen people (``AudienceKind.PEOPLE``).

    Stored apart from the answers exactly like ``Participation``: no time, and nothing that
    leads to a response, nor from a response to it (docs/surveys.md)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitees")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )

    class Meta:
        verbose_name = _("invited person")
        verbose_name_plural = _("invited people")
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="survey_invitee_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.survey_id}"


class Section(BaseModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_plain_title]
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(BaseModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=1000, validators=[validate_plain_title])
    help_text = models.TextField(_("help text"), max_length=2000, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    scale_points = models.PositiveSmallIntegerField(
        _("points on the scale"), choices=SCALE_POINTS, null=True, blank=True
    )
    scale_low_label = models.CharField(
        _("label of the lowest point"),
        max_length=100,
        blank=True,
        help_text=_("Empty: “Strongly disagree”."),
    )
    scale_high_label = models.CharField(
        _("label of the highest point"),
        max_length=100,
        blank=True,
        help_text=_("Empty: “Strongly agree”."),
    )
    allow_other = models.BooleanField(_("“Other” with a text field"), default=False)
    number_min = models.DecimalField(
        _("smallest number"),
        max_digits=NUMBER_MAX_DIGITS,
        decimal_places=NUMBER_DECIMALS,
        null=True,
        blank=True,
    )
    number_max = models.DecimalField(
        _("largest number"),
        max_digits=NUMBER_MAX_DIGITS,
        decimal_places=NUMBER_DECIMALS,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__order", "section_id", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        super().clean()
        if self.section_id and self.survey_id and self.section.survey_id != self.survey_id:
            raise ValidationError(_("The section belongs to another survey."))
        if self.kind in SCALE_KINDS and self.scale_points not in (5, 7):
            raise ValidationError({"scale_points": _("Choose 5 or 7 points.")})
        if (
            self.kind == QuestionKind.NUMBER
            and self.number_min is not None
            and self.number_max is not None
            and self.number_max < self.number_min
        ):
            raise ValidationError(
                {"number_max": _("The largest number must not be smaller than the smallest.")}
            )

    @property
    def is_scale(self) -> bool:
        return self.kind in SCALE_KINDS

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS


class Choice(BaseModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("choice"), max_length=300, validators=[validate_plain_title])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class MatrixItem(BaseModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="items")
    text = models.CharField(_("item"), max_length=500, validators=[validate_plain_title])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("matrix item")
        verbose_name_plural = _("matrix items")
        ordering = ["question", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Participation(models.Model):
    """That a person answered a survey: so nobody answers twice and reminders skip them.

    No time, and nothing that leads to the response (docs/surveys.md)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="survey_participations",
    )
    # False from the submit until ``mixing.mix_survey`` re-inserts the row in a random order.
    mixed = models.BooleanField(default=True, db_default=True, editable=False)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="survey_participation_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} – {self.survey_id}"


class Draft(BaseModel):
    """A person's unfinished answers, saved between sections or to continue later; deleted
    when they submit. ``data`` maps the answering form's field names to what was entered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="survey_drafts",
    )
    data = models.JSONField(_("answers so far"), default=dict, blank=True)
    step = models.PositiveSmallIntegerField(_("section to continue from"), default=0)

    class Meta:
        verbose_name = _("draft answers")
        verbose_name_plural = _("draft answers")
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="survey_draft_once")]

    def __str__(self) -> str:
        return f"{self.user_id} – {self.survey_id}"


class Response(models.Model):
    """One person's submitted answers, with no link to the person (docs/surveys.md).

    Only round-level dates, random keys, and the background attributes results show."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    round_number = models.PositiveSmallIntegerField(_("round"), default=1)
    # The date the survey's period closes (or closed): the same for every response of a round.
    period_end = models.DateField(_("end of the answering period"), null=True, blank=True)
    organisation_type = models.CharField(
        _("organisation type"), max_length=30, choices=OrganisationType.choices, blank=True
    )
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
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
    # False from the submit until ``mixing.mix_survey`` re-inserts the response (new keys, a
    # random order, one transaction with others): says only "submitted since the last mixing".
    mixed = models.BooleanField(default=True, db_default=True, editable=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["id"]  # random: never the order of answering

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    """The answer to one question (one matrix item) of a response."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(
        MatrixItem, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    # A point on the scale (Likert, matrix item): 1 … scale_points.
    value = models.PositiveSmallIntegerField(
        _("point on the scale"), null=True, blank=True, validators=[MaxValueValidator(7)]
    )
    number = models.DecimalField(
        _("number"),
        max_digits=NUMBER_MAX_DIGITS,
        decimal_places=NUMBER_DECIMALS,
        null=True,
        blank=True,
    )
    text = models.TextField(_("text"), max_length=LONG_TEXT_MAX_LENGTH, blank=True)
    choices = models.ManyToManyField(
        Choice, through="AnswerChoice", blank=True, related_name="answers"
    )
    other_text = models.CharField(_("other"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=models.Q(item__isnull=True),
                name="survey_answer_once",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "item"],
                condition=models.Q(item__isnull=False),
                name="survey_answer_item_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.id)


class AnswerChoice(models.Model):
    """A choice picked in an answer. A UUID key, so not even this table keeps an order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="picked")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="picked")

    class Meta:
        verbose_name = _("chosen option")
        verbose_name_plural = _("chosen options")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "choice"], name="survey_answer_choice_once")
        ]

    def __str__(self) -> str:
        return str(self.id)


class TextThemes(models.Model):
    """The themes found in the answers to one open question (``kaiku.core.themes``), computed
    in a background task (``results_tasks.py``) because the analysis takes seconds.

    ``data`` is a list of ``{"label", "keywords", "size", "answers", "representatives"}``
    (answers best fitting first); ``answer_count`` is how many answers were analysed, so a
    stale analysis can be told apart. ``computed_at`` is empty while the task is queued."""

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="text_themes")
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    answer_count = models.PositiveIntegerField(_("answers analysed"), default=0)
    data = models.JSONField(_("themes"), default=list, blank=True)

    class Meta:
        verbose_name = _("open-answer themes")
        verbose_name_plural = _("open-answer themes")

    def __str__(self) -> str:
        return f"{self.question_id}"


class StoredResults(models.Model):
    """The computed results (``results.compute``) of a closed survey, stored so the first
    view after the cache is cold is fast; ``response_count`` tells a stale copy apart (an
    import adds responses; mixing changes no content)."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="stored_results")
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    response_count = models.PositiveIntegerField(_("responses counted"), default=0)
    data = models.JSONField(_("results"), default=dict, blank=True)

    class Meta:
        verbose_name = _("stored results")
        verbose_name_plural = _("stored results")

    def __str__(self) -> str:
        return f"{self.survey_id}"


SUMMARY_MAX_LENGTH = 20000


class ResultsSummary(StoredMarkdown, BaseModel):
    """A change coordinator's written summary of a closed survey's results, with the charts of
    the questions they chose (docs/surveys.md, "Summary"). Title and Markdown text in Finnish,
    Swedish and English (``translation.py``), rendered when saved. Once ``published_at`` is
    set, whoever may see the survey's results may read it (``summaries.py``)."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="results_summary")
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_plain_title]
    )
    body = models.TextField(_("summary"), max_length=SUMMARY_MAX_LENGTH, help_text=_("Markdown."))
    body_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("body",)
    questions = models.ManyToManyField(
        Question, verbose_name=_("charts"), blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Set once the summary has been announced in the news (kaiku.site), never cleared.
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("results summary")
        verbose_name_plural = _("results summaries")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:summary", kwargs={"pk": self.survey_id})
