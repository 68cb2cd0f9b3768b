from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kaiku.core.api.filters import IsoDateTimeFilter, StrictFilterSet
from kaiku.programme.api.filters import IdFilter
from kaiku.programme.models import Programme

from ..models import NewsItem


class NewsItemFilter(StrictFilterSet):
    """``keyword`` and ``group`` go through ``selectors.news_list``: a group the caller may
    not see gives an empty list, exactly like one that does not exist (no existence leak)."""

    keyword = django_filters.CharFilter(method="filter_keyword", label=_("Keyword slug"))
    group = IdFilter(method="filter_group", label=_("Working group id"))
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), to_field_name="slug", label=_("Programme slug")
    )
    published_after = IsoDateTimeFilter(
        field_name="published_at", lookup_expr="gte", label=_("Published at or after")
    )

    class Meta:
        model = NewsItem
        fields = ["keyword", "group", "programme", "published_after"]

    def filter_keyword(self, queryset, name, value):
        return queryset.filter(keywords__slug=value)

    def filter_group(self, queryset, name, value):
        from ..selectors import news_list

        ids = news_list(viewer=self.request.user, group=value).values("pk")
        return queryset.filter(pk__in=ids)
