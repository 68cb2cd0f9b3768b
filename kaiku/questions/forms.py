from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Visibility, visible_q
from kaiku.core.forms import (
    OneTimeTokenFormMixin,
    SafeInputFormMixin,
    SafeModelChoiceField,
    use_markdown,
)
from kaiku.core.widgets import QuickCheckboxInput, QuickSelect, QuickTextInput
from kaiku.programme.models import Programme, WorkingGroup
from kaiku.programme.selectors import MAX_PK, group_visible_q

from .models import QUESTION_MAX_LENGTH, Answer, Question, QuestionStatus, Topic
from .services import CLOSED_REASON_MAX_LENGTH


class GroupChoiceField(SafeModelChoiceField):
    #: Name the programme after the group's name (when several programmes are offered).
    with_programme = False

    def label_from_instance(self, obj) -> str:
        if self.with_programme:
            return f"{obj.name} ({obj.programme.name})"
        return obj.name


class ProgrammeChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def visible_groups(viewer, programme=None):
    rows = WorkingGroup.objects.filter(group_visible_q(viewer)).select_related("programme")
    if programme is not None:
        rows = rows.filter(programme=programme)
    return rows.order_by("programme__name", "order", "name")


def visible_programmes(viewer):
    """The programmes ``viewer`` may ask about, the default (the first one) first."""
    return Programme.objects.filter(visible_q(Programme, viewer)).order_by("pk")


def default_programme(viewer=None):
    """The programme questions are about when none is chosen: the only one, or the first one
    (of those ``viewer`` may see, when given)."""
    if viewer is not None:
        return visible_programmes(viewer).first()
    return Programme.objects.order_by("pk").first()


class QuestionFilterForm(SafeInputFormMixin, forms.Form):
    """The GET filter of the list. Invalid values are shown as errors and ignored."""

    # The widgets write Django's HTML in Python (kaiku.core.widgets).
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=QuickTextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *QuestionStatus.choices],
        widget=QuickSelect,
    )
    group = GroupChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.none(),
        to_field_name="slug",
        empty_label=_("All groups"),
    )
    topic = SafeModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
        widget=QuickSelect,
    )
    to_me = forms.BooleanField(
        label=_("Only questions to me and my groups"),
        required=False,
        widget=QuickCheckboxInput,
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        # The options are written from the programme app's group_options: the queryset only
        # validates a chosen group, and is built only then (an empty value never reads it).
        if self.is_bound and self.data.get(self.add_prefix("group")):
            self.fields["group"].queryset = visible_groups(viewer)

    def valid_filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}


class FieldsExcept:
    """A form's fields except ``names``, for the shared field include (errors are listed in
    the whole form's error summary)."""

    errors = None

    def __init__(self, form, names):
        self.form, self.names = form, set(names)

    def visible_fields(self):
        return [f for f in self.form.visible_fields() if f.name not in self.names]

    def hidden_fields(self):
        return []

    def __getattr__(self, name):
        return getattr(self.form, name)


class QuestionForm(OneTimeTokenFormMixin, forms.ModelForm):
    """Asking. The title is the question itself; the details are optional Markdown.

    The question is about the programme of the chosen working group. When the viewer may see
    several programmes, the form offers them (the first one chosen); a group of another
    programme than the chosen one is refused. With one programme the choice is not shown.
    """

    programme = ProgrammeChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("The programme the question is about."),
    )
    group = GroupChoiceField(
        label=_("To a working group"),
        required=False,
        queryset=WorkingGroup.objects.none(),
        empty_label=_("No particular group"),
        help_text=_("Optional. A moderator can also direct the question to the right group."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read the question"),
        choices=[
            (Visibility.PUBLIC.value, _("Everyone (public)")),
            (Visibility.STAFF.value, _("Signed-in people only")),
        ],
        initial=Visibility.PUBLIC.value,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Question
        fields = ["title", "body", "group", "topic", "visibility"]
        widgets = {
            "title": forms.TextInput(attrs={"maxlength": QUESTION_MAX_LENGTH}),
            "body": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"title": _("Your question"), "body": _("Details")}
        help_texts = {"title": _("Write the question in one sentence.")}

    def __init__(self, *args, viewer, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = list(programmes)
        self.programme = programmes[0]  # the default
        groups = self.fields["group"]
        if len(programmes) > 1:
            self.fields["programme"].queryset = visible_programmes(viewer)
            self.initial.setdefault("programme", self.programme.pk)
            groups.queryset = visible_groups(viewer)
            groups.with_programme = True
        else:
            del self.fields["programme"]
            groups.queryset = visible_groups(viewer, self.programme)
        self.order_fields(["title", "body", "programme", "group", "topic", "visibility"])
        self.fields["topic"].required = False
        self.fields["topic"].empty_label = _("No topic")
        self.fields["body"].required = False
        use_markdown(self, ("body",))
        # While typing, similar questions appear below the field (htmx, debounced).
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse("questions:similar"),
                "hx-trigger": "keyup changed delay:400ms",
                "hx-target": "#similar",
                "hx-swap": "innerHTML",
                "autocomplete": "off",
            }
        )

    def prefill_group(self, value) -> None:
        """Choose the group ``value`` (its id, from ``?group=`` of a group's page) and its
        programme. Anything else (not a number, too large, a group the viewer may not see)
        is ignored."""
        text = str(value or "").strip()
        if not text.isdigit() or len(text) > 10 or not 0 < int(text) <= MAX_PK:
            return
        group = self.fields["group"].queryset.filter(pk=int(text)).first()
        if group is None:
            return
        self.initial["group"] = group.pk
        if "programme" in self.fields:
            self.initial["programme"] = group.programme_id

    def clean(self):
        cleaned = super().clean()
        group = cleaned.get("group")
        if "programme" not in self.fields:
            # One programme: the group's (which is that programme), or the default.
            cleaned["programme"] = group.programme if group is not None else self.programme
            return cleaned
        programme = cleaned.get("programme")
        if group is not None and programme is not None and group.programme_id != programme.pk:
            self.add_error(
                "group",
                _(
                    "The working group %(group)s is in the programme %(group_programme)s, not "
                    "in %(programme)s. Choose its programme or another group."
                )
                % {
                    "group": group.name,
                    "group_programme": group.programme.name,
                    "programme": programme.name,
                },
            )
        return cleaned

    def other_fields(self) -> FieldsExcept:
        """The form without its title: the template shows the similar questions between."""
        return FieldsExcept(self, ("title",))

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data.get("body") or "",
            "programme": data["programme"],
            "group": data.get("group"),
            "topic": data.get("topic"),
            "visibility": data["visibility"],
        }


class AnswerForm(OneTimeTokenFormMixin, forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        labels = {"body": _("Official answer")}
        help_texts = {"body": _("Markdown. Updating the answer keeps the earlier version.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_markdown(self, ("body",))


class ExpertField(forms.EmailField):
    """A person by their email address (scales to any number of people; no long list)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        person = get_user_model().objects.filter(email__iexact=value, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("Nobody with this email address uses the service."))
        return person


class AssignForm(forms.Form):
    group = GroupChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.none(),
        empty_label=_("No group"),
    )
    assignee = ExpertField(
        label=_("Expert (email address)"),
        required=False,
        help_text=_("Optional. A person who answers instead of, or with, the group."),
    )

    def __init__(self, *args, question, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = visible_groups(viewer, question.programme_id)
        self.initial.setdefault("group", question.group_id)
        if question.assignee_id and not self.is_bound:
            self.initial["assignee"] = question.assignee.email

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("group") and not cleaned.get("assignee"):
            raise forms.ValidationError(_("Choose a working group or an expert."))
        return cleaned


class MergeForm(forms.Form):
    original = forms.IntegerField(
        label=_("Number of the original question"),
        min_value=1,
        help_text=_("The number is in the address of the question: /questions/123/."),
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing"),
        max_length=CLOSED_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone who can see the question reads the reason."),
    )


class FaqForm(forms.Form):
    in_faq = forms.BooleanField(label=_("Show in the FAQ"), required=False)
    topic = SafeModelChoiceField(
        label=_("Topic"), required=False, queryset=Topic.objects.all(), empty_label=_("No topic")
    )
    faq_order = forms.IntegerField(
        label=_("Order within the topic"), required=False, min_value=0, max_value=32767
    )
