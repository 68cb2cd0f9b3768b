"""Events and change coaching (issue 10).

An ``Event`` is a national info session, a regional or local coaching, a team change session,
a development day or a lecture. Its audience decides who sees it (``content.py``): everyone
(``visibility`` public or staff), organisation types, regions, organisations or one team
(``members`` of the scope ``events.audience``). People register; when the event is full, a
``Registration`` waits on the waitlist in the order it came (``queued_at``) and is promoted
when a place frees up. The online link is shown only to those registered.

A ``CoachingProgramme`` groups events into a series for a target group; a participant's
progress is the series' events they attended. ``EventMaterial`` is a link or file, published
before or after the event. ``CalendarFeed`` is a person's secret calendar address.
``LiveQuestion``s are asked and voted on during the event (live Q&A) and stay as its record.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import VisibleQuerySet, visibility_field
from kaiku.core.lifecycle import ContentManager, SoftDeleteModel
from kaiku.core.links import reverse_cached
from kaiku.core.models import BaseModel
from kaiku.core.moderation import ModeratedModel
from kaiku.core.translations import StoredMarkdown, markdown_html_field, markdown_version_field
from kaiku.core.validators import validate_plain_title
from kaiku.organisations.models import OrganisationType

TITLE_MAX_LENGTH = 300
LIVE_QUESTION_MAX_LENGTH = 500
#: The largest capacity an organiser may set (a national Teams session is a few thousand).
MAX_CAPACITY = 100_000


def capacity_limit_message() -> str:
    """That a capacity above ``MAX_CAPACITY`` is refused, the number grouped the way of the
    active language (a non-breaking space in Finnish and Swedish, a comma in English)."""
    return _("At most %(max)s places.") % {"max": number_format(MAX_CAPACITY, force_grouping=True)}


class EventKind(models.TextChoices):
    INFO_SESSION = "info_session", _("National info session")
    COACHING = "coaching", _("Regional or local coaching")
    TEAM_SESSION = "team_session", _("Team change session")
    DEVELOPMENT_DAY = "development_day", _("Development day")
    LECTURE = "lecture", _("Lecture")


class AudienceKind(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    ORGANISATION_TYPES = "types", _("Organisation types")
    REGIONS = "regions", _("Regions")
    ORGANISATIONS = "organisations", _("Organisations")
    TEAM = "team", _("One team")


class AudienceMixin(models.Model):
    """Who an event or a coaching programme is for. ``visibility`` is kept by the services:
    public or staff (the organiser's choice) for everyone, members of the audience otherwise."""

    audience = models.CharField(
        _("audience"), max_length=20, choices=AudienceKind.choices, default=AudienceKind.EVERYONE
    )
    audience_regions = models.ManyToManyField(
        "organisations.Region", verbose_name=_("regions"), blank=True, related_name="+"
    )
    audience_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="+",
        help_text=_("The people of these organisations and of the units under them."),
    )
    # Organisation types as a comma-separated list of ``OrganisationType`` values.
    audience_types = models.CharField(_("organisation types"), max_length=200, blank=True)
    visibility = visibility_field()

    class Meta:
        abstract = True

    @property
    def audience_type_list(self) -> list[str]:
        valid = set(OrganisationType.values)
        return [t for t in self.audience_types.split(",") if t in valid]


class CoachingProgramme(StoredMarkdown, AudienceMixin, SoftDeleteModel, BaseModel):
    """A series of coaching sessions for a target group."""

    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_plain_title]
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("description",)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organising organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ContentManager()
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("coaching programme")
        verbose_name_plural = _("coaching programmes")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("events:programme_detail", slug=self.slug)


class Event(StoredMarkdown, AudienceMixin, SoftDeleteModel, BaseModel):
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_plain_title]
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("description",)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Address and room, if not online.")
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        max_length=1000,
        help_text=_("A Teams or other meeting link. Shown only to those registered."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    registration_deadline = models.DateTimeField(_("registration closes"), null=True, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organising organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    series = models.ForeignKey(
        CoachingProgramme,
        verbose_name=_("coaching programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    recording_url = models.URLField(_("recording"), blank=True, max_length=1000)
    feedback_survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name=_("feedback survey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    live_qa = models.BooleanField(
        _("live questions"), default=True, help_text=_("Participants may ask and vote.")
    )
    # Claimed by the reminder task, so the day-before reminder is sent once.
    reminders_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Kept by the services: how many are registered (not waitlisted), for lists.
    registered_count = models.PositiveIntegerField(default=0, editable=False)
    # Set on rows written by the benchmark data generator (``bench.py``), empty otherwise.
    import_key = models.CharField(max_length=100, blank=True, editable=False, db_index=True)

    objects = ContentManager()
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["series", "starts_at"]),
            models.Index(fields=["team", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("events:detail", pk=self.pk)

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})
        if (
            self.registration_deadline
            and self.ends_at
            and self.registration_deadline > self.ends_at
        ):
            raise ValidationError(
                {"registration_deadline": _("Registration must close before the event ends.")}
            )
        if self.capacity is not None and self.capacity > MAX_CAPACITY:
            raise ValidationError({"capacity": capacity_limit_message()})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def is_past(self, *, now=None) -> bool:
        return self.ends_at <= (now or timezone.now())

    def registration_open(self, *, now=None) -> bool:
        now = now or timezone.now()
        if self.is_cancelled or self.published_at is None or self.published_at > now:
            return False
        deadline = self.registration_deadline or self.starts_at
        return now < deadline


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(BaseModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    # When the person (last) asked for a place: the waitlist's order.
    queued_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted from the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # The person's organisation when they registered, for the organiser's breakdown.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="registration_once"),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.event} ({self.get_status_display()})"


class EventMaterial(BaseModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_title])
    url = models.URLField(_("link"), blank=True, max_length=1000)
    file = models.FileField(_("file"), upload_to="events/materials/%Y/", blank=True)
    after_event = models.BooleanField(
        _("published after the event"),
        default=False,
        help_text=_("Shown only once the event has ended (e.g. slides, a recording)."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["event", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.url and not self.file:
            raise ValidationError(_("Give a link or a file."))


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(BaseModel):
    """A person's secret calendar address: their registered events as iCalendar."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_calendar",
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.person)


class LiveQuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")


class LiveQuestion(ModeratedModel, BaseModel):
    """A question asked during an event. Hidden by the event's moderator (``hidden_at``)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="live_questions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("question"), max_length=LIVE_QUESTION_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=LiveQuestionStatus.choices,
        default=LiveQuestionStatus.OPEN,
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    # Set when an unanswered question was moved into the questions capability afterwards.
    moved_to = models.ForeignKey(
        "questions.Question",
        verbose_name=_("moved to questions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("live question")
        verbose_name_plural = _("live questions")
        ordering = ["-vote_count", "created", "pk"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return self.text[:80]


class LiveVote(BaseModel):
    question = models.ForeignKey(
        LiveQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="votes"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="live_vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.question_id}"
