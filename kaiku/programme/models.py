"""Programmes, their working groups, and what the groups publish (issue 3).

Every item a group publishes (meetings, memos, milestones) carries its own ``visibility``;
the group itself has one too. Who may see what is decided by the content layer
(``kaiku.core.content``): a ``members`` item is for the current members of its working group,
and an item is never more visible than its group (``content.py`` registers both).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import VisibleQuerySet, visibility_field
from kaiku.core.lifecycle import ArchivableModel, ContentManager, SoftDeleteModel
from kaiku.core.links import reverse_cached
from kaiku.core.models import BaseModel
from kaiku.core.translations import StoredMarkdown, markdown_html_field, markdown_version_field
from kaiku.core.validators import validate_plain_title


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    EXPERT = "expert", _("Expert")
    DEPUTY = "deputy", _("Deputy member")


# Roles that may maintain their own group's page (rules.py).
EDITOR_ROLES = (MemberRole.CHAIR, MemberRole.SECRETARY)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    LATE = "late", _("Late")


class Programme(StoredMarkdown, BaseModel):
    """A national preparation programme, e.g. the TE-services 2024 reform. Always public."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_title])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("description",)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programme:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


class WorkingGroup(StoredMarkdown, SoftDeleteModel, ArchivableModel, BaseModel):
    """A working group of a programme; ``parent`` makes it a sub-group."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_title])
    slug = models.SlugField(_("slug"), max_length=100)
    mandate = models.TextField(_("mandate"), blank=True, help_text=_("Markdown."))
    mandate_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("mandate",)
    visibility = visibility_field()

    objects = ContentManager()  # without deleted rows (kaiku.core.lifecycle)
    all_objects = VisibleQuerySet.as_manager()
    contact_persons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact persons"),
        blank=True,
        related_name="contact_for_groups",
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "slug"], name="workinggroup_unique_slug_per_programme"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # Lists link to a hundred groups: the pattern is reversed once (kaiku.core.links).
        return reverse_cached(
            "programme:group_detail", programme_slug=self.programme.slug, slug=self.slug
        )

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A group cannot be its own parent.")})
        if self.parent.programme_id != self.programme_id:
            raise ValidationError(
                {"parent": _("The parent group must belong to the same programme.")}
            )


class _GroupItem(StoredMarkdown, SoftDeleteModel, BaseModel):
    """A task or a goal of a group: short title, optional Markdown, manual order. Deleting
    one is soft (``kaiku.core.lifecycle``): an administrator can restore it in the admin."""

    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_title])
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("description",)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ContentManager()  # without deleted rows (kaiku.core.lifecycle)
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.group.get_absolute_url()


class GroupTask(_GroupItem):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="tasks"
    )

    class Meta(_GroupItem.Meta):
        verbose_name = _("task")
        verbose_name_plural = _("tasks")


class GroupGoal(_GroupItem):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="goals"
    )

    class Meta(_GroupItem.Meta):
        verbose_name = _("goal")
        verbose_name_plural = _("goals")


class Membership(BaseModel):
    """A person's seat in a group: role, the organisation they represent and the term."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    represents = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation represented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_memberships",
    )
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="membership_term_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.group})"

    def get_absolute_url(self) -> str:
        return self.group.get_absolute_url()

    def clean(self) -> None:
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})


class Meeting(StoredMarkdown, SoftDeleteModel, BaseModel):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_title])
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    agenda_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("agenda",)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    visibility = visibility_field()

    objects = ContentManager()  # without deleted rows (kaiku.core.lifecycle)
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["group", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.group.get_absolute_url()}#meeting-{self.pk}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The meeting cannot end before it starts.")})

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at >= timezone.now()


class Memo(StoredMarkdown, SoftDeleteModel, BaseModel):
    """A memo with its decisions, published after a meeting. Unpublished memos are drafts
    that only the group's editors see (``published_at`` is empty)."""

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memos"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memos",
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_title])
    body = models.TextField(_("memo"), blank=True, help_text=_("Markdown."))
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("Markdown."))
    body_html = markdown_html_field()
    decisions_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("body", "decisions")
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    visibility = visibility_field()

    objects = ContentManager()  # without deleted rows (kaiku.core.lifecycle)
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(meeting__isnull=False),
                name="memo_one_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.group.get_absolute_url()}#memo-{self.pk}"

    def clean(self) -> None:
        if self.meeting_id and self.group_id and self.meeting.group_id != self.group_id:
            raise ValidationError({"meeting": _("The meeting must belong to the same group.")})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()


class Milestone(SoftDeleteModel, BaseModel):
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_title])
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    visibility = visibility_field()

    objects = ContentManager()  # without deleted rows (kaiku.core.lifecycle)
    all_objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["group", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.group.get_absolute_url()}#milestone-{self.pk}"

    @property
    def is_overdue(self) -> bool:
        """Late by status, or past its due date without being done."""
        if self.status == MilestoneStatus.DONE:
            return False
        return self.status == MilestoneStatus.LATE or self.due_on < timezone.localdate()


def document_upload_to(instance: GroupDocument, filename: str) -> str:
    """A random name under ``programme/documents/``: the uploader's file name is kept only in
    ``original_name`` and never reaches the file system, so a crafted name (``../``, control
    characters) cannot choose where the file is written."""
    import os
    import uuid

    extension = os.path.splitext(filename)[1].lower()
    if not extension[1:].isalnum() or len(extension) > 6:
        extension = ""
    return f"programme/documents/{uuid.uuid4().hex}{extension}"


class GroupDocument(BaseModel):
    """A file a group publishes (agenda appendix, report, slides). Its type was checked by
    content on upload (``documents.sniff``); removal is soft (``removed_at``), restorable in
    the admin."""

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_title])
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    visibility = visibility_field()

    objects = VisibleQuerySet.as_manager()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_documents",
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["group", "created"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:document_download",
            kwargs={
                "programme_slug": self.group.programme.slug,
                "slug": self.group.slug,
                "pk": self.pk,
            },
        )

    @property
    def extension(self) -> str:
        import os

        return os.path.splitext(self.original_name)[1].lstrip(".").upper()
