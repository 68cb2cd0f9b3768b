from __future__ import annotations

import datetime
import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

# --- Robust input for every app's forms ---------------------------------------------------------

FORM_TOKEN_FIELD = "form_token"
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")

# Dates a person can mean: earlier or later ones are typos (0001-01-01, 9999-12-31) and
# would overflow when converted between time zones.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)

_INTEGER_KEYS = {
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
    "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}  # fmt: skip
_MAX_KEY = 2**63 - 1


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


def validate_calendar_range(value: datetime.date | datetime.datetime) -> None:
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise forms.ValidationError(
            _("Enter a date between the years %(first)s and %(last)s."),
            code="date_range",
            params={"first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
        )


def _key_in_range(field: forms.ModelChoiceField, value) -> bool:
    """False for a number the key column cannot hold (e.g. 99999999999999999999): the
    database would raise instead of finding nothing."""
    opts = field.queryset.model._meta
    key = opts.get_field(field.to_field_name) if field.to_field_name else opts.pk
    if key.get_internal_type() not in _INTEGER_KEYS or not isinstance(value, str | int):
        return True
    text = str(value).strip()
    if len(text) > 20:
        return False
    try:
        return -_MAX_KEY <= int(text) <= _MAX_KEY
    except ValueError:
        return True  # not a number: Django reports it as an invalid choice


class SafeModelChoiceField(forms.ModelChoiceField):
    """A choice of one object; a number too large for the key is an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and not _key_in_range(self, value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of objects; a number too large for the key is an invalid value."""

    def _check_values(self, value):
        if isinstance(value, list | tuple | set | frozenset):
            for pk in value:
                if not _key_in_range(self, pk):
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:20]},
                    )
        return super()._check_values(value)


class SafeInputFormMixin:
    """Dates outside ``EARLIEST_DATE``…``LATEST_DATE`` are field errors (in the user's
    language), for every date and date-time field of the form. Use the ``Safe*ChoiceField``
    classes for choices of objects."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_calendar_range)


class OneTimeTokenFormMixin:
    """A hidden, one-time ``form_token``, new in every rendered form.

    The view passes ``form.form_token`` to ``kaiku.core.idempotency.create_once``: a second
    submit of the same rendered form (a double click, a resent request) creates nothing and
    is sent to what the first one created. A malformed token is a form error; a form posted
    without one is not protected. A re-rendered form keeps its token (nothing was created).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FORM_TOKEN_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=new_form_token
        )
        self.form_token: str | None = None
        self._form_token_malformed = False
        if self.is_bound:
            raw = self.data.get(FORM_TOKEN_FIELD)
            if isinstance(raw, str) and _TOKEN_RE.fullmatch(raw):
                self.form_token = raw
            else:
                self._form_token_malformed = raw not in (None, "")
                # The re-rendered form offers a fresh token.
                self.data = self.data.copy()
                self.data[FORM_TOKEN_FIELD] = new_form_token()

    def clean(self):
        cleaned = super().clean()
        self.cleaned_data.pop(FORM_TOKEN_FIELD, None)
        if self._form_token_malformed:
            raise forms.ValidationError(
                _("The form could not be checked. Check the details and save again."),
                code="form_token",
            )
        return cleaned


# --- Markdown fields and their preview ----------------------------------------------------------

PREVIEW_FIELD = "preview"


class MarkdownTextarea(forms.Textarea):
    """A textarea for Markdown: the shared form include adds a "Preview" button after it
    (htmx to ``core:markdown_preview``; without JavaScript a submit that re-renders the form
    with the preview, see ``MarkdownPreviewFormMixin``)."""


def use_markdown(form: forms.BaseForm, names) -> None:
    """Give the Markdown fields ``names`` of ``form`` the ``MarkdownTextarea`` (keeping their
    attributes), also their language versions (``body_fi``, ``body_sv``…)."""
    for name, field in form.fields.items():
        base, _sep, suffix = name.rpartition("_")
        markdown = name in names or (base in names and len(suffix) == 2)
        if markdown and isinstance(field.widget, forms.Textarea):
            field.widget = MarkdownTextarea(attrs=field.widget.attrs)


def wants_preview(form: forms.BaseForm) -> bool:
    """Whether the submit button ``preview`` (value: a Markdown field's name) asked for the
    form back with that field rendered, nothing saved. Then ``form.preview_field`` and
    ``form.preview_html`` are set for the shared include, and the form is shown again as
    typed, without validation messages (nothing was submitted yet)."""
    from .markdown import render_markdown

    name = form.data.get(PREVIEW_FIELD) if form.is_bound else None
    if not isinstance(name, str):
        return False
    # The button's value is the field's name in the HTML (with a prefix, or a form's own).
    field = next((bf for bf in form if bf.html_name == name), None)
    if field is None or not isinstance(field.field.widget, MarkdownTextarea):
        return False
    form.preview_field = name
    form.preview_html = render_markdown(form.data.get(name) or "")
    form._errors = ErrorDict()
    form.cleaned_data = {}
    return True


class MarkdownPreviewFormMixin:
    """``markdown_fields`` get the preview button; ``form.wants_preview()`` as above."""

    markdown_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_markdown(self, self.markdown_fields)

    def wants_preview(self) -> bool:
        return wants_preview(self)


def add_service_errors(form: forms.BaseForm, exc: Exception) -> None:
    """A service's refusal as the form's errors (nothing was saved): a ``ValidationError``'s
    field errors on their fields (others on the form), a ``RateLimitError``'s message on the
    form. Every app's views use this after catching what its services raise."""
    from .ratelimit import RateLimitError

    if isinstance(exc, RateLimitError):
        form.add_error(None, exc.message)
    elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc.messages)
    else:
        raise TypeError(f"not a service refusal: {exc!r}")
