"""Events in the API: read what the site shows the caller, register and cancel with the
same services (the event's row is locked, so no overbooking; a full event puts you on the
waitlist)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from kaiku.core.api.pagination import prepared_count
from kaiku.core.api.views import GenericViewSet, PreparedListMixin, ReadOnlyModelViewSet
from kaiku.core.markdown import render_markdown
from kaiku.core.predicates import is_authenticated
from kaiku.core.prepared import for_viewer
from kaiku.core.translations import Chooser, translated_columns

from .. import selectors, services
from ..models import Event, Registration
from .filters import EventFilter, RegistrationFilter
from .serializers import EventSerializer, RegistrationCreateSerializer, RegistrationSerializer

VISIBILITY_NOTE = (
    "You get the events you may see, as on the site: public ones without signing in, those "
    "for every signed-in person, and those whose audience (organisation types, regions, "
    "organisations, a team) you belong to. `online_url` is given only to those holding a "
    "place."
)


def _with_my_status(queryset, user):
    if not getattr(user, "is_authenticated", False):
        return queryset
    return queryset.annotate(
        my_status=Subquery(
            Registration.objects.filter(event=OuterRef("pk"), person=user).values("status")[:1]
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="List events",
        description="Events soonest first. Filter by type and by `upcoming`. " + VISIBILITY_NOTE,
        tags=["events"],
        # The filter's own type comes from its method; its text is said here.
        parameters=[
            OpenApiParameter(
                "upcoming",
                str,
                enum=["true", "false"],
                description="true: events that have not ended; false: past events.",
            )
        ],
    ),
    retrieve=extend_schema(summary="One event", description=VISIBILITY_NOTE, tags=["events"]),
)
class EventViewSet(PreparedListMixin, ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["starts_at"]

    def get_queryset(self):
        user = self.request.user
        return _with_my_status(selectors.visible_events(user).order_by("starts_at", "pk"), user)

    def prepared_rows(self, start: int, stop: int) -> tuple[list, int]:
        # The list without filters or ordering: get_queryset's page and count by kept queries.
        viewer = self.request.user
        now = timezone.now()
        rows = for_viewer(viewer, _event_page, shape={"start": start, "stop": stop}, now=now)
        page = listed_events(rows)
        return page, (prepared_count(viewer, _events, now=now) if page else 0)


def _events(viewer, *, now):
    return selectors.visible_events(viewer, now=now)


def _event_page(viewer, *, now, start: int, stop: int):
    # EventViewSet.get_queryset, a page of it, as plain values (listed_events makes them what
    # the serializer reads): every language's texts, picked in Python as modeltranslation does.
    events = _with_my_status(_events(viewer, now=now).order_by("starts_at", "pk"), viewer)
    mine = ("my_status",) if is_authenticated(viewer) else ()
    return events.values(*EventRow.COLUMNS, *EventRow.LANGUAGE_COLUMNS, *mine)[start:stop]


def listed_events(rows: list[dict]) -> list[EventRow]:
    """``_event_page``'s rows as EventSerializer reads them: plain objects, no model
    instances. ``description_html`` is chosen here as ``pick_html`` chooses it."""
    chooser = Chooser()
    title = chooser.picker(Event, "title")
    sources = chooser.keys(Event, "description")
    found = []
    for row in rows:
        event = EventRow()
        for name in EventRow.COLUMNS:
            setattr(event, name, row[name])
        event.pk = row["id"]
        event.title = title(row)
        for name in ("title_fi", "title_sv", "title_en"):
            setattr(event, name, row[name])
        event.description = ""
        event.listed_description_html = ""
        for key in sources:
            source = row[key]
            if source:
                html = row[key.replace("description", "description_html", 1)]
                event.description = source
                event.listed_description_html = html or str(render_markdown(source))
                break
        event.my_status = row.get("my_status")
        found.append(event)
    return found


class EventRow:
    """An event of the list as EventSerializer reads it (``listed_events``)."""

    # Read as they are.
    COLUMNS = (
        "id", "kind", "starts_at", "ends_at", "location", "online_url", "capacity",
        "registered_count", "registration_deadline", "cancelled_at", "published_at",
        "cancel_reason", "recording_url", "series_id", "organiser_id",
    )  # fmt: skip
    LANGUAGE_COLUMNS = tuple(translated_columns(Event, "title", "description", "description_html"))
    __slots__ = (
        *COLUMNS, "pk", "title", "title_fi", "title_sv", "title_en", "description",
        "listed_description_html", "my_status",
    )  # fmt: skip

    series = Event.series  # the descriptor: the serializer reads ``series_id``
    is_cancelled = Event.is_cancelled
    registration_open = Event.registration_open
    get_absolute_url = Event.get_absolute_url


@extend_schema_view(
    list=extend_schema(
        summary="Your registrations",
        description="The events you registered for, waited for or cancelled, newest first.",
        tags=["events"],
    ),
    retrieve=extend_schema(summary="One of your registrations", tags=["events"]),
    create=extend_schema(
        summary="Register for an event",
        description='Send `{"event": id}`. You get a place if there is one (201), or a place '
        "on the waitlist (201, `status` `waitlisted`), promoted automatically when a place "
        "frees up. Registering again while registered or waiting changes nothing (200). A "
        "closed registration is a 400; an event you may not see a 404. Send an "
        "`Idempotency-Key` so that a retried request registers only once. Over 60 "
        "registrations a minute is a 429 with `Retry-After`.",
        request=RegistrationCreateSerializer,
        responses={
            201: RegistrationSerializer,
            200: RegistrationSerializer,
            400: OpenApiResponse(description="Registration is closed."),
            404: OpenApiResponse(description="No such event (that you may see)."),
        },
        tags=["events"],
    ),
    destroy=extend_schema(
        summary="Cancel a registration",
        description="Cancels your place (or your place on the waitlist). A freed place goes "
        "to the first on the waitlist. Cancelling twice changes nothing.",
        responses={204: None},
        tags=["events"],
    ),
)
class RegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    GenericViewSet,
):
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    permission_classes = [IsAuthenticated]
    ordering_fields = ["queued_at"]

    def get_queryset(self):
        user = self.request.user
        if not getattr(user, "is_authenticated", False):
            return Registration.objects.none()
        return (
            Registration.objects.filter(person=user)
            .select_related("event")
            .order_by("-queued_at", "-pk")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return RegistrationCreateSerializer
        return RegistrationSerializer

    def create(self, request, *args, **kwargs):
        incoming = RegistrationCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            event = selectors.event_get_for(request.user, incoming.validated_data["event"])
        except Http404:
            raise NotFound() from None
        before = Registration.objects.filter(
            event=event, person=request.user, status__in=selectors.ACTIVE
        ).exists()
        try:
            registration = services.register(event=event, person=request.user)
        except DjangoValidationError as exc:
            raise ValidationError({"event": exc.messages}) from None
        registration = self.get_queryset().get(pk=registration.pk)
        data = RegistrationSerializer(registration, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_200_OK if before else status.HTTP_201_CREATED)

    def _cancel(self, registration):
        services.cancel(event=registration.event, person=self.request.user)
        return self.get_queryset().get(pk=registration.pk)

    def destroy(self, request, *args, **kwargs):
        self._cancel(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Cancel a registration (POST)",
        description="As DELETE, for clients that cannot send one; answers with the "
        "registration, now `cancelled`.",
        request=None,
        responses={200: RegistrationSerializer},
        tags=["events"],
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = self._cancel(self.get_object())
        return Response(
            RegistrationSerializer(registration, context=self.get_serializer_context()).data
        )
