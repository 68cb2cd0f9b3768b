"""Representations of events and of the authenticated person's registrations.

``description`` is Markdown source and ``description_html`` the sanitised HTML the site
shows. ``online_url`` is given only to those holding a place (and the event's managers):
for everyone else it is ``null``."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.api.fast import FastRepresentationMixin
from kaiku.core.api.fields import WebUrlField
from kaiku.core.predicates import is_authenticated

from ..models import Event, Registration, RegistrationStatus
from ..rules import is_organiser, manages_all


class EventSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    web_url = WebUrlField(
        route="events:detail", route_kwargs={"pk": "pk"}, help_text="The event's page on the site."
    )
    online_url = serializers.SerializerMethodField()
    places_left = serializers.SerializerMethodField()
    registration_open = serializers.SerializerMethodField()
    cancelled = serializers.SerializerMethodField()
    my_status = serializers.SerializerMethodField()
    description_html = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "kind", "title", "title_fi", "title_sv", "title_en", "description",
            "description_html", "starts_at", "ends_at", "location", "online_url", "capacity",
            "registered_count", "places_left", "registration_deadline", "registration_open",
            "cancelled", "cancel_reason", "recording_url", "series", "my_status", "web_url",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            "title": {"help_text": "The title in the request's language (Finnish if missing)."},
            "description": {"help_text": "Markdown, in the request's language."},
            "capacity": {"help_text": "Places; null for no limit."},
            "registered_count": {"help_text": "How many hold a place (not the waitlist)."},
            "series": {"help_text": "The coaching programme (series) the event belongs to."},
        }

    def _viewer(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    @extend_schema_field(
        {
            "type": "string",
            "format": "uri",
            "nullable": True,
            "description": "The online (e.g. Teams) link: only for those holding a place.",
        }
    )
    def get_online_url(self, event) -> str | None:
        if not event.online_url:
            return None
        if getattr(event, "my_status", None) == RegistrationStatus.REGISTERED:
            return event.online_url
        return event.online_url if self._manages(event) else None

    def _manages(self, event) -> bool:
        """``may_manage_event(viewer, event)``, the viewer's roles looked at once per
        serializer (a list's rows share it): every event, or those they organise."""
        roles = self.__dict__.get("_kaiku_manager_roles")
        if roles is None:
            viewer = self._viewer()
            if viewer is None:
                roles = (False, False, None)
            else:
                organises = is_organiser(viewer) and is_authenticated(viewer)
                roles = (manages_all(viewer), organises, viewer.pk)
            self._kaiku_manager_roles = roles
        every, organises, pk = roles
        if every:
            return True
        return organises and event.organiser_id is not None and event.organiser_id == pk

    @extend_schema_field(
        {"type": "integer", "nullable": True, "description": "Free places; null: no limit."}
    )
    def get_places_left(self, event) -> int | None:
        if event.capacity is None:
            return None
        return max(event.capacity - event.registered_count, 0)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_registration_open(self, event) -> bool:
        return event.registration_open()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_cancelled(self, event) -> bool:
        return event.is_cancelled

    @extend_schema_field(
        {
            "type": "string",
            "nullable": True,
            "enum": [*RegistrationStatus.values, None],
            "description": "Your registration: registered, waitlisted, cancelled, or null.",
        }
    )
    def get_my_status(self, event) -> str | None:
        return getattr(event, "my_status", None)

    @extend_schema_field(OpenApiTypes.STR)
    def get_description_html(self, event) -> str:
        from kaiku.core.translations import pick_html

        listed = getattr(event, "listed_description_html", None)  # api/views.EventRow
        if listed is not None:
            return listed
        html, _language = pick_html(event, "description")
        return str(html)


class RegistrationSerializer(serializers.ModelSerializer):
    event_title = serializers.CharField(source="event.title", read_only=True)
    event_starts_at = serializers.DateTimeField(source="event.starts_at", read_only=True)
    waitlist_position = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id", "event", "event_title", "event_starts_at", "status", "waitlist_position",
            "queued_at", "promoted_at", "cancelled_at", "attended",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(
        {"type": "integer", "nullable": True, "description": "1 = first on the waitlist."}
    )
    def get_waitlist_position(self, registration) -> int | None:
        from ..services import waitlist_position

        return waitlist_position(registration)


class RegistrationCreateSerializer(serializers.Serializer):
    event = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text="The id of the event to register for."
    )
