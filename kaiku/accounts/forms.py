from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kaiku.organisations.models import Organisation

from .languages import WORK_LANGUAGES
from .models import User


def active_organisations(*, keep_pk: int | None = None):
    """Organisations a person can choose: the active ones, plus the one they already have
    (so that editing a profile never silently drops a former organisation)."""
    today = timezone.localdate()
    condition = Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    if keep_pk is not None:
        condition |= Q(pk=keep_pk)
    return Organisation.objects.filter(condition).order_by("name")


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=WORK_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = User
        fields = ["full_name", "title", "organisation", "languages", "expertise"]
        fields += ["preferred_language"]
        labels = {
            "full_name": _("Name"),
            "title": pgettext_lazy("job title of a person", "Title"),
            "organisation": _("Organisation"),
            "expertise": _("Expertise"),
            "preferred_language": _("Language of the user interface and emails"),
        }
        help_texts = {
            "expertise": _("Topics you know well, so colleagues can find you."),
        }
        widgets = {"expertise": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations(
            keep_pk=self.instance.organisation_id
        )
        self.fields["full_name"].required = True
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["title"].widget.attrs["autocomplete"] = "organization-title"


class AccountRemoveForm(forms.Form):
    """Confirms account removal with the password, or the email for single sign-on users."""

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("Your password"),
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            )
        else:
            self.fields["email"] = forms.CharField(
                label=_("Type your email address to confirm"),
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="invalid")
        return password

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.lower() != self.user.email.lower():
            raise forms.ValidationError(
                _("This is not the email address of your account."), code="invalid"
            )
        return email
