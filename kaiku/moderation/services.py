"""Every write of moderation: reports, hiding and restoring content, suspending accounts.

These functions work on any moderated model (``kaiku.core.moderation.register_moderated``);
this app imports no capability. Hiding and restoring change the row with a conditional UPDATE,
so a double submit (or two moderators at once) changes nothing the second time and logs
nothing; every change is in the audit log and the author is told, with the reason.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaiku.core.audit import audit_log
from kaiku.core.cache import content_changed
from kaiku.core.content import may_see
from kaiku.core.models import AuditAction
from kaiku.core.moderation import author_id_of, moderation_of
from kaiku.core.predicates import is_authenticated
from kaiku.core.ratelimit import REPORT, check_and_record
from kaiku.core.search import index_on_commit

from . import notifications
from .models import Reason, Report, Status

#: Content reported by this many different people is hidden until a moderator decides.
AUTO_HIDE_REPORTS = 3
REASON_MAX_LENGTH = 1000
#: The longest suspension a moderator may set (longer needs an administrator's decision).
MAX_SUSPENSION = datetime.timedelta(days=366)


def _moderated(obj: models.Model):
    moderated = moderation_of(type(obj))
    if moderated is None or obj.pk is None:
        raise ValidationError(_("This cannot be reported."))
    return moderated


def _content_type(obj: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(obj, for_concrete_model=True)


def _reports_of(obj: models.Model):
    return Report.objects.filter(content_type=_content_type(obj), object_id=obj.pk)


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason: the author will see it.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": ngettext(
                    "Keep the reason under %(count)d character.",
                    "Keep the reason under %(count)d characters.",
                    REASON_MAX_LENGTH,
                )
                % {"count": REASON_MAX_LENGTH}
            }
        )
    return reason


def _author(obj: models.Model):
    author_id = author_id_of(obj)
    if author_id is None:
        return None
    return get_user_model()._default_manager.filter(pk=author_id).first()


# --- Reports ---------------------------------------------------------------------------------


def already_reported(*, obj: models.Model, reporter) -> bool:
    if not is_authenticated(reporter):
        return False
    return _reports_of(obj).filter(reporter=reporter).exists()


@transaction.atomic
def report(*, obj: models.Model, reporter, reason: str, text: str = "", request=None) -> Report:
    """``reporter`` reports ``obj`` once; the third different person hides it automatically
    until a moderator decides. Raises ``ValidationError`` (cannot be reported, already
    reported, bad reason) or ``RateLimitError`` (20 reports a day, suspended) with nothing
    saved."""
    _moderated(obj)
    if not is_authenticated(reporter) or not may_see(reporter, obj):
        raise ValidationError(_("This cannot be reported."))
    if author_id_of(obj) == reporter.pk:
        raise ValidationError(_("You cannot report what you wrote yourself."))
    if reason not in Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    text = (text or "").strip()
    if reason == Reason.OTHER and not text:
        raise ValidationError({"text": _("Tell the moderators what is wrong.")})
    if len(text) > 1000:
        raise ValidationError({"text": _("Keep the details under 1000 characters.")})
    if already_reported(obj=obj, reporter=reporter):
        raise ValidationError(_("You have already reported this. The moderators will look at it."))
    check_and_record(user=reporter, action=REPORT)
    row = Report(
        content_type=_content_type(obj),
        object_id=obj.pk,
        reporter=reporter,
        reason=reason,
        text=text,
    )
    row.full_clean(exclude=["content_type", "reporter"], validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # the same person's parallel request won
        raise ValidationError(
            _("You have already reported this. The moderators will look at it.")
        ) from None
    audit_log(
        action=AuditAction.CONTENT_REPORTED,
        actor=reporter,
        target=obj,
        request=request,
        data={"reason": reason},
    )
    reporters = _reports_of(obj).filter(status=Status.OPEN).values("reporter").distinct().count()
    if reporters >= AUTO_HIDE_REPORTS:
        _auto_hide(obj, reports=reporters)
    return row


def _changed(obj: models.Model, condition: Q, **changes) -> bool:
    """A conditional UPDATE of ``obj``: True for the one caller that changed it."""
    model = type(obj)._meta.concrete_model
    if any(f.name == "updated" for f in model._meta.concrete_fields):
        changes["updated"] = timezone.now()
    done = model._base_manager.filter(condition, pk=obj.pk).update(**changes)
    if done:
        for name, value in changes.items():
            setattr(obj, name, value)
        content_changed()
        index_on_commit(obj)
    return bool(done)


def _auto_hide(obj: models.Model, *, reports: int) -> bool:
    author = _author(obj)
    language = getattr(author, "preferred_language", None) or translation.get_language()
    with translation.override(language):
        reason = _("Hidden until a moderator decides, after reports from several people.")
    done = _changed(
        obj,
        Q(hidden_at__isnull=True),
        hidden_at=timezone.now(),
        hidden_by=None,
        hidden_reason=reason,
    )
    if done:
        audit_log(
            action=AuditAction.CONTENT_HIDDEN,
            target=obj,
            data={"automatic": True, "reports": reports},
        )
        notifications.tell_author(obj, author=author, kind=notifications.HIDDEN, reason=reason)
    return done


def _resolve(obj: models.Model, *, status: str, actor) -> int:
    return (
        _reports_of(obj)
        .filter(status=Status.OPEN)
        .update(
            status=status, resolved_at=timezone.now(), resolved_by=actor, updated=timezone.now()
        )
    )


# --- A moderator's decisions -----------------------------------------------------------------


@transaction.atomic
def hide(*, obj: models.Model, actor, reason: str, request=None) -> bool:
    """Hide ``obj`` with a ``reason`` its author sees; its open reports are upheld. Content
    hidden automatically after reports is taken over (the moderator's reason replaces the
    automatic one). False when it already was hidden by a moderator (nothing changed)."""
    _moderated(obj)
    reason = _clean_reason(reason)
    done = _changed(
        obj,
        Q(hidden_at__isnull=True) | Q(hidden_by__isnull=True),
        hidden_at=timezone.now(),
        hidden_by=actor,
        hidden_reason=reason,
    )
    if done:
        resolved = _resolve(obj, status=Status.UPHELD, actor=actor)
        audit_log(
            action=AuditAction.CONTENT_HIDDEN,
            actor=actor,
            target=obj,
            request=request,
            data={"reason": reason, "reports": resolved},
        )
        notifications.tell_author(obj, kind=notifications.HIDDEN, reason=reason, actor=actor)
    return done


@transaction.atomic
def restore(*, obj: models.Model, actor, reason: str, request=None) -> bool:
    """Show hidden ``obj`` again, with a ``reason`` its author sees; its open reports are
    dismissed. False when it was not hidden (nothing changed)."""
    _moderated(obj)
    reason = _clean_reason(reason)
    done = _changed(
        obj, Q(hidden_at__isnull=False), hidden_at=None, hidden_by=None, hidden_reason=""
    )
    if done:
        resolved = _resolve(obj, status=Status.DISMISSED, actor=actor)
        audit_log(
            action=AuditAction.CONTENT_UNHIDDEN,
            actor=actor,
            target=obj,
            request=request,
            data={"reason": reason, "reports": resolved},
        )
        notifications.tell_author(obj, kind=notifications.RESTORED, reason=reason, actor=actor)
    return done


@transaction.atomic
def dismiss(*, obj: models.Model, actor, request=None) -> int:
    """The reports of visible ``obj`` need no action: they are dismissed (the reporters are
    not told who decided). Content hidden automatically after the reports comes back.
    Returns the number of reports dismissed (0 on a double submit)."""
    _moderated(obj)
    if obj.hidden_at is not None and obj.hidden_by_id is None:
        restore(
            obj=obj,
            actor=actor,
            reason=_("A moderator found that it keeps to the community guidelines."),
            request=request,
        )
        return 1
    count = _resolve(obj, status=Status.DISMISSED, actor=actor)
    if count:
        audit_log(
            action=AuditAction.REPORTS_DISMISSED,
            actor=actor,
            target=obj,
            request=request,
            data={"reports": count},
        )
    return count


# --- Suspension ------------------------------------------------------------------------------


@transaction.atomic
def suspend(*, person, actor, until: datetime.datetime, reason: str, request=None) -> None:
    """Suspend ``person`` until ``until``: they may read but not post, report or vote
    (``kaiku.core.ratelimit.check_suspension``). Suspending again replaces the time."""
    reason = _clean_reason(reason)
    now = timezone.now()
    if until <= now:
        raise ValidationError({"until": _("Choose a time in the future.")})
    if until > now + MAX_SUSPENSION:
        raise ValidationError({"until": _("A suspension can last a year at most.")})
    if person.pk == getattr(actor, "pk", None):
        raise ValidationError(_("You cannot suspend yourself."))
    type(person)._default_manager.filter(pk=person.pk).update(
        suspended_until=until, suspension_reason=reason
    )
    person.suspended_until, person.suspension_reason = until, reason
    audit_log(
        action=AuditAction.ACCOUNT_SUSPENDED,
        actor=actor,
        target=person,
        request=request,
        data={"until": until.isoformat(), "reason": reason},
    )


@transaction.atomic
def unsuspend(*, person, actor, request=None) -> bool:
    """Lift the suspension of ``person``; False when they were not suspended."""
    done = (
        type(person)
        ._default_manager.filter(pk=person.pk, suspended_until__gt=timezone.now())
        .update(suspended_until=None, suspension_reason="")
    )
    if done:
        person.suspended_until, person.suspension_reason = None, ""
        audit_log(
            action=AuditAction.ACCOUNT_UNSUSPENDED, actor=actor, target=person, request=request
        )
    return bool(done)
