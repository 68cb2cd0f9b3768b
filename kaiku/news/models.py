"""News, announcements and meeting reports (issue 3, part 3 "Communication").

An item is visible when it is published (``published_at`` has passed; ``None`` is a draft) and
its ``visibility`` allows the viewer. Who may see what is decided by the content layer
(``kaiku.core.content``): ``NewsItem.objects.published().visible_to(viewer)``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import OPEN_VISIBILITIES, VisibleQuerySet, visibility_field
from kaiku.core.lifecycle import ArchivableModel, ContentManager, SoftDeleteModel
from kaiku.core.links import reverse_cached
from kaiku.core.models import BaseModel
from kaiku.core.translations import StoredMarkdown, markdown_html_field, markdown_version_field
from kaiku.core.validators import validate_plain_title


class NewsKind(models.TextChoices):
    NEWS = "news", _("News")
    ANNOUNCEMENT = "announcement", _("Announcement")
    MEETING_REPORT = "meeting_report", _("Meeting report")


class Keyword(BaseModel):
    name = models.CharField(_("name"), max_length=100, validators=[validate_plain_title])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse_cached('news:list')}?keyword={self.slug}"


class NewsItem(StoredMarkdown, SoftDeleteModel, ArchivableModel, BaseModel):
    kind = models.CharField(
        _("kind"), max_length=20, choices=NewsKind.choices, default=NewsKind.NEWS
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_title])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    body_html = markdown_html_field()
    markdown_version = markdown_version_field()
    markdown_fields = ("body",)
    keywords = models.ManyToManyField(
        Keyword, verbose_name=_("keywords"), blank=True, related_name="news_items"
    )
    contact_persons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact persons"),
        blank=True,
        related_name="news_contact_for",
    )
    contact_info = models.CharField(
        _("other contact information"),
        max_length=300,
        blank=True,
        help_text=_("For contacts without an account, e.g. “Lisätietoja: Tanja Ståhlberg”."),
    )
    related_groups = models.ManyToManyField(
        "programme.WorkingGroup",
        verbose_name=_("related working groups"),
        blank=True,
        related_name="news_items",
    )
    programme = models.ForeignKey(
        "programme.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Not shown before this time. Leave empty to keep the item as a draft."),
    )
    # Set once followers have been told (services.news_announce_due and the publish services);
    # never cleared, so an item is announced at most once.
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True, editable=False)
    # News is for everyone or for signed-in people; a group's own texts are its memos.
    visibility = visibility_field(choices=OPEN_VISIBILITIES)

    # Deleted items are in no list or page (kaiku.core.lifecycle); the admin reads all_objects.
    objects = ContentManager()
    all_objects = VisibleQuerySet.as_manager()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_news",
    )

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-pinned", "-published_at", "-pk"]
        indexes = [
            # The list: published items of the viewer's visibilities, pinned first, newest.
            models.Index(fields=["visibility", "-pinned", "-published_at"], name="news_list_idx"),
            models.Index(fields=["-published_at"], name="news_published_at_idx"),
            # The list and its count, of live (not deleted, not archived) items only: in the
            # list's order, and covering every column they filter on (the two always-empty
            # dates too), so that SQLite answers the COUNT from the index alone.
            models.Index(
                fields=["visibility", "-pinned", "-published_at", "deleted_at", "archived_at"],
                condition=models.Q(deleted_at__isnull=True, archived_at__isnull=True),
                name="news_live_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("news:detail", slug=self.slug)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.published_at is not None and self.published_at > timezone.now()
