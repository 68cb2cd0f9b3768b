"""Serializer fields shared by the API resources."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kaiku.core.urls_absolute import absolute_url, site_url


@extend_schema_field(OpenApiTypes.URI)
class WebUrlField(serializers.ReadOnlyField):
    """The object's page on the site as an absolute address (``SITE_URL`` + the page's path
    in the request's language), e.g. ``https://kaiku.fi/fi/programmes/te24/``.

    ``route`` and ``route_kwargs`` may say how the model's ``get_absolute_url`` builds the
    path: ``reverse(route, kwargs={name: obj.<attribute path>})`` for each ``name:
    "attribute.path"`` of ``route_kwargs``. A list then reverses once, not once per row
    (``kaiku.core.api.fast``). They must describe ``get_absolute_url`` exactly."""

    def __init__(
        self, *, route: str | None = None, route_kwargs: dict[str, str] | None = None, **kwargs
    ):
        kwargs.setdefault("source", "get_absolute_url")
        kwargs.setdefault("help_text", "The object's page on the site (an absolute URL).")
        super().__init__(**kwargs)
        self.route = route
        self.route_kwargs = route_kwargs or {"slug": "slug"}

    def to_representation(self, value):
        return absolute_url(str(value))

    def fast_reader(self, slow):
        """A reader of the address for ``kaiku.core.api.fast``, or None without a route."""
        if self.route is None:
            return None
        from .fast import url_reader

        # absolute_url(path) for a path of reverse(), which starts with one slash.
        fast = url_reader(self.route, self.route_kwargs, slow, before=site_url())
        if fast is None:
            return None
        checked = []

        def read(instance):
            # The first row of each request is also read the slow way: a route that does not
            # describe get_absolute_url is noticed and every row then takes the slow way.
            if not checked:
                checked.append(fast(instance) == slow(instance))
            return fast(instance) if checked[0] else slow(instance)

        return read
