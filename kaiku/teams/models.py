"""Self-directed teams (issue 10): their space, change coaches and mentors.

A ``Team`` is a space for a self-directed team, not tied to a place: its members may work in
several offices (``offices``). ``TeamMembership`` gives each member a role. What the team writes
for itself — ``TeamAgreement``s, the log of change sessions (``TeamSession``) and the
improvement board (``Improvement``, Lean-style: idea → trying → adopted or dropped) — carries a
visibility: ``members`` is the team only (the scope ``teams.team``), ``staff`` every signed-in
person, ``public`` everyone. The team itself (name, purpose, offices) is as visible as its own
``visibility``.

``ChangeCoach`` is a person in the directory of internal change coaches (region, languages,
themes); a team asks one for coaching with a ``CoachingRequest``. ``Mentorship`` pairs a mentor
with a new team member.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import VisibleQuerySet, visibility_field
from kaiku.core.lifecycle import ArchivableModel, ContentManager, SoftDeleteModel
from kaiku.core.links import reverse_cached
from kaiku.core.models import BaseModel
from kaiku.core.translations import StoredMarkdown, markdown_html_field, markdown_version_field
from kaiku.core.validators import validate_plain_title


class Team(StoredMarkdown, ArchivableModel, SoftDeleteModel, BaseModel):
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_title])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    purpose = models.TextField(
        _("purpose"),
        blank=True,
        help_text=_("What the team is for and whom it serves. Markdown."),
    )
    purpose_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("purpose",)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teams",
        help_text=_("The organisation the team belongs to."),
    )
    offices = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("offices"),
        blank=True,
        related_name="+",
        help_text=_("Where the members work. A team may span several offices."),
    )
    visibility = visibility_field()
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="TeamMembership",
        related_name="teams",
        verbose_name=_("members"),
    )

    objects = ContentManager()  # without deleted rows (kaiku.core.lifecycle)
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_cached("teams:detail", slug=self.slug)


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Team lead")
    MEMBER = "member", _("Member")
    COACH = "coach", _("Team coach")
    NEW_MEMBER = "new_member", _("New member")


class TeamMembership(BaseModel):
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=TeamRole.choices, default=TeamRole.MEMBER
    )
    office = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    joined_on = models.DateField(_("joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["team", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="team_member_once"),
        ]
        indexes = [models.Index(fields=["person", "team"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.team})"


class TeamItem(StoredMarkdown, SoftDeleteModel, BaseModel):
    """What a team writes for itself: an agreement, a session log entry, an improvement."""

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_title])
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    body_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("body",)
    visibility = visibility_field()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ContentManager()
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    #: The prefix of the item's anchor on its team's page (``#agreements-12``).
    anchor = "item"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.team.get_absolute_url()}#{self.anchor}-{self.pk}"


class TeamAgreement(TeamItem):
    """A working agreement the team has made (meetings, availability, how decisions are made)."""

    anchor = "agreements"

    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    review_on = models.DateField(_("review on"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("team agreement")
        verbose_name_plural = _("team agreements")
        ordering = ["team", "order", "pk"]
        default_related_name = "agreements"


class TeamSession(TeamItem):
    """A change session the team held: what was discussed and decided."""

    anchor = "sessions"

    held_on = models.DateField(_("held on"))
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("change session")
        verbose_name_plural = _("change sessions")
        ordering = ["team", "-held_on", "-pk"]
        default_related_name = "sessions"


class ImprovementStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    TRYING = "trying", _("Trying")
    ADOPTED = "adopted", _("Adopted")
    DROPPED = "dropped", _("Dropped")


class Improvement(TeamItem):
    """A card on the improvement board: an idea the team tries and then adopts or drops."""

    anchor = "card"

    stage = models.CharField(
        _("stage"), max_length=10, choices=ImprovementStage.choices, default=ImprovementStage.IDEA
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result = models.TextField(
        _("result"), blank=True, help_text=_("What trying it showed: measured or observed.")
    )
    stage_changed_at = models.DateTimeField(_("stage changed"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")
        ordering = ["team", "stage", "order", "pk"]
        default_related_name = "improvements"
        indexes = [models.Index(fields=["team", "stage"])]


class ChangeCoach(BaseModel):
    """A person in the directory of internal change coaches."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="change_coach",
    )
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    languages = models.CharField(
        _("languages"),
        max_length=50,
        blank=True,
        help_text=_("Language codes separated by commas, e.g. fi, sv, en."),
    )
    themes = models.CharField(
        _("themes"),
        max_length=500,
        blank=True,
        help_text=_("What the coach helps with, separated by commas."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    available = models.BooleanField(_("takes new requests"), default=True)

    class Meta:
        verbose_name = _("change coach")
        verbose_name_plural = _("change coaches")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def theme_list(self) -> list[str]:
        return [theme.strip() for theme in self.themes.split(",") if theme.strip()]


class CoachingRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    DONE = "done", _("Done")


class CoachingRequest(BaseModel):
    """A team asks a change coach for coaching."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="coaching_requests"
    )
    coach = models.ForeignKey(
        ChangeCoach, verbose_name=_("coach"), on_delete=models.CASCADE, related_name="requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("what the team needs"), max_length=3000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CoachingRequestStatus.choices,
        default=CoachingRequestStatus.REQUESTED,
    )
    response = models.TextField(_("coach's reply"), blank=True, max_length=3000)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("coaching request")
        verbose_name_plural = _("coaching requests")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["coach", "status"])]

    def __str__(self) -> str:
        return f"{self.team} → {self.coach}"


class Mentorship(BaseModel):
    """A mentor for a new team member."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentorships_as_mentor",
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentee"),
        on_delete=models.CASCADE,
        related_name="mentorships_as_mentee",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentorships",
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("mentee")), name="mentor_is_not_mentee"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="mentorship_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    def clean(self) -> None:
        if self.mentor_id and self.mentor_id == self.mentee_id:
            raise ValidationError({"mentee": _("A person cannot mentor themselves.")})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The mentorship cannot end before it starts.")})
