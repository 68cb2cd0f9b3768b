"""People, their profiles and their platform roles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import Permission, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaiku.core.links import reverse_cached
from kaiku.core.models import BaseModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with their email address; the profile lives on the same row."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Languages the person works in, as language codes."),
    )
    expertise = models.TextField(_("expertise"), blank=True, max_length=2000)
    preferred_language = models.CharField(
        _("language of the user interface and emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="fi",
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    # Set by a moderator (kaiku.moderation): until then the person may read but not post,
    # report or vote (kaiku.core.ratelimit.check_suspension).
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True, max_length=1000)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def display_name(self) -> str:
        if self.removed_at:
            return str(_("Removed user"))
        return self.full_name or self.email.split("@")[0]

    def get_absolute_url(self) -> str:
        return reverse_cached("accounts:person_detail", pk=self.pk)

    def save(self, *args, **kwargs):
        # A new password (change, reset, admin form, ``changepassword``) or a disabled
        # account ends every API token: they must not outlive the credentials they stand on.
        revoke_tokens = bool(self.pk) and (self._password is not None or not self.is_active)
        super().save(*args, **kwargs)
        if revoke_tokens:
            from .services import token_revoke

            token_revoke(
                user=self,
                actor=None,
                reason="password_changed" if self.is_active else "account_disabled",
            )

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def roles(self) -> frozenset[str]:
        """The person's platform roles, read once per user object."""
        cache = getattr(self, "_role_cache", None)
        if cache is None:
            from kaiku.core.prepared import run

            cache = frozenset(run(_roles_of, person=self.pk)) if self.pk else frozenset()
            self._role_cache = cache
        return cache

    def adopt_roles(self, roles: frozenset[str]) -> None:
        """Take ``roles`` as this user object's roles without reading them (a stand-in
        person of ``kaiku.core.prepared``)."""
        self._role_cache = frozenset(roles)

    # Django's model permissions (the admin's) of an active person, as ``ModelBackend`` keeps
    # them on the user object: it reads them for the first ``has_perm`` that Kaiku's rules do
    # not grant, with two queries built on every request (many signed-in pages ask an
    # object-less ``has_perm`` that a member is refused: "Write news", "New event"). Here
    # one kept query (``kaiku.core.prepared``) answers, with the same set: the person's own
    # permissions and their groups' (every permission for a superuser).
    @property
    def _perm_cache(self) -> set[str]:
        cache = self.__dict__.get(_MODEL_PERMISSIONS_ATTR)
        if cache is None:
            from kaiku.core.prepared import run

            if self.is_superuser:
                rows = run(_all_permissions)
            else:
                rows = run(_model_permissions, person=self.pk) if self.pk else []
            cache = {f"{app_label}.{codename}" for app_label, codename in rows}
            self.__dict__[_MODEL_PERMISSIONS_ATTR] = cache
        return cache

    @_perm_cache.setter
    def _perm_cache(self, value: set[str]) -> None:
        self.__dict__[_MODEL_PERMISSIONS_ATTR] = value

    @_perm_cache.deleter
    def _perm_cache(self) -> None:
        self.__dict__.pop(_MODEL_PERMISSIONS_ATTR, None)


_MODEL_PERMISSIONS_ATTR = "_kaiku_model_permissions"
_PERMISSION_COLUMNS = ("content_type__app_label", "codename")


def _model_permissions(*, person: int):
    own = Permission.objects.filter(user=person).order_by()
    of_groups = Permission.objects.filter(group__user=person).order_by()
    return own.values_list(*_PERMISSION_COLUMNS).union(of_groups.values_list(*_PERMISSION_COLUMNS))


def _all_permissions():
    return Permission.objects.order_by().values_list(*_PERMISSION_COLUMNS)


def _roles_of(*, person: int):
    # No ORDER BY: the model's ordering joins the person only to sort.
    return RoleAssignment.objects.filter(user_id=person).order_by().values_list("role", flat=True)


class PlatformRole(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    COMMUNICATIONS = "communications", _("Communications")
    MODERATOR = "moderator", _("Moderator")
    CHANGE_COORDINATOR = "change_coordinator", _("Change coordinator")


class RoleAssignment(BaseModel):
    """A platform-wide role held by a person. Per-space roles live with each capability."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=30, choices=PlatformRole.choices)
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="roleassignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class Invitation(BaseModel):
    """An invitation to sign up. Sign-up is open only to invited people and allowed domains."""

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=30, choices=PlatformRole.choices, blank=True)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("language of the invitation"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="fi",
    )
    expires_at = models.DateTimeField(_("expires"))
    #: SHA-256 of the secret in the invitation link; the secret itself is never stored.
    #: Empty until the invitation email is sent; sending again replaces it.
    token_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    used_by = models.ForeignKey(
        User,
        verbose_name=_("used by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    used_at = models.DateTimeField(_("link used"), null=True, blank=True)
    #: Set when the role and organisation were given, after the address was verified.
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_usable(self) -> bool:
        """Can the link still be used: not used, not accepted and not expired."""
        return (
            self.used_at is None and self.accepted_at is None and self.expires_at > timezone.now()
        )


class ApiToken(BaseModel):
    """A person's API token (``Authorization: Token <key>``).

    Only a SHA-256 hash of the key is stored: the key is shown once, when it is created.
    Tokens expire (``KAIKU_API_TOKEN_DAYS``) and are deleted when the password changes or the
    account is disabled.
    """

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.user} – {self.created:%Y-%m-%d}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
