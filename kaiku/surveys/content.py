"""Surveys in the content layer: the audience scope and who sees a survey.

A survey for everyone signed in is ``staff``; one for organisation types, regions,
organisations or chosen people is ``members`` of the scope ``surveys.audience``, whose members
are the people of those organisations, or the invited people (``audience_survey_ids``).
Sections and questions are as visible as their survey. Whether a draft is shown is the app's
rule (selectors: coordinators only).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaiku.core.content import Audience, register_audience, register_scope
from kaiku.core.predicates import is_authenticated

from .models import AudienceKind, MatrixItem, Question, Section, Survey, SurveyInvitee

AUDIENCE_SCOPE = "surveys.audience"


def audience_survey_ids(viewer):
    """The surveys whose audience ``viewer`` belongs to through their organisation (its type,
    its region, the organisation itself or its parent) or as an invited person. A subquery;
    nothing is loaded."""
    from kaiku.organisations.models import Organisation

    if not is_authenticated(viewer):
        return Survey.objects.none().values("pk")
    mine = Organisation.objects.filter(members=viewer)
    return Survey.objects.filter(
        Q(audience=AudienceKind.ORGANISATION_TYPES, audience_types__type__in=mine.values("type"))
        | Q(audience=AudienceKind.REGIONS, audience_regions__in=mine.values("region"))
        | Q(
            audience=AudienceKind.ORGANISATIONS,
            audience_organisations__in=mine.values("pk"),
        )
        | Q(
            audience=AudienceKind.ORGANISATIONS,
            audience_organisations__in=mine.values("parent"),
        )
        | Q(
            audience=AudienceKind.PEOPLE,
            pk__in=SurveyInvitee.objects.filter(person=viewer).values("survey_id"),
        )
    ).values("pk")


def register_content() -> None:
    register_scope(AUDIENCE_SCOPE, audience_survey_ids)
    register_audience(
        Survey,
        Audience(
            scope=AUDIENCE_SCOPE,
            scope_path="pk",
            hidden_label=_("a survey you can no longer see"),
        ),
    )
    register_audience(Section, Audience(within="survey", visibility_field=None))
    register_audience(Question, Audience(within="survey", visibility_field=None))
    register_audience(MatrixItem, Audience(within="question", visibility_field=None))
