"""SQL compiled once and run again with new values (``kaiku.programme.prepared``)."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count, Window
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kaiku.core.content import Visibility

from .. import prepared, selectors
from ..models import Meeting, Memo
from .factories import MeetingFactory, MemoFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _fields(objects, *names):
    return [tuple(getattr(obj, name) for name in names) for obj in objects]


def _meetings(pk, now):
    return (
        Meeting.objects.filter(group=pk, starts_at__gte=now)
        .annotate(total=Window(Count("pk")))
        .order_by("starts_at", "pk")[:3]
    )


def test_rows_are_the_querysets_for_every_value():
    now = timezone.now()
    groups = [WorkingGroupFactory(), WorkingGroupFactory()]
    for n, group in enumerate(groups):
        for day in range(-2, 4 + n):
            MeetingFactory(group=group, starts_at=now + datetime.timedelta(days=day))
    for group in groups:
        for moment in (now, now + datetime.timedelta(days=2)):
            got = prepared.rows("test.meetings", _meetings, pk=group.pk, now=moment)
            expected = list(_meetings(group.pk, moment))
            assert _fields(got, "pk", "starts_at", "group_id", "title", "total") == _fields(
                expected, "pk", "starts_at", "group_id", "title", "total"
            )
            assert got and all(type(obj) is Meeting for obj in got)
    # One statement for both groups and moments.
    assert len([key for key in prepared._statements if key[0] == "test.meetings"]) == 1


def test_related_objects_and_tuples():
    group = WorkingGroupFactory()
    meetings = [MeetingFactory(group=group) for _ in range(4)]
    memos = [MemoFactory(group=group, meeting=meeting) for meeting in meetings]

    def build(pk, meetings):
        return (
            Memo.objects.filter(group=pk, meeting__in=meetings)
            .select_related("meeting")
            .order_by("pk")
        )

    for chosen in ([meetings[0]], meetings[1:3], meetings):
        pks = tuple(m.pk for m in chosen)
        got = prepared.rows("test.memos", build, pk=group.pk, meetings=pks)
        assert [memo.pk for memo in got] == [memo.pk for memo in memos if memo.meeting_id in pks]
        assert [memo.meeting.title for memo in got] == [m.title for m in chosen]
    with pytest.raises(prepared.UnpreparedQueryError):
        # values() rows: modeltranslation fills their translated fields in its own way.
        prepared.rows(
            "test.flat",
            lambda pk: Meeting.objects.filter(group=pk).values_list("pk", flat=True),
            pk=group.pk,
        )


def test_none_and_unprepared_run_the_queryset():
    group = WorkingGroupFactory()
    MeetingFactory(group=group)
    assert prepared.rows("test.none", lambda pk: Meeting.objects.filter(group=pk), pk=None) == []
    assert "test.none" not in {key[0] for key in prepared._statements}
    got = prepared.rows(
        "test.off", lambda pk: Meeting.objects.filter(group=pk), prepared=False, pk=group.pk
    )
    assert len(got) == 1
    assert "test.off" not in {key[0] for key in prepared._statements}


def test_sql_that_varies_otherwise_is_refused():
    group = WorkingGroupFactory()
    with pytest.raises(prepared.UnpreparedQueryError):
        # The moment read inside the build is not one of the values.
        prepared.rows(
            "test.now",
            lambda pk: Meeting.objects.filter(group=pk, starts_at__gte=timezone.now()),
            pk=group.pk,
        )
    with pytest.raises(prepared.UnpreparedQueryError):
        # The SQL itself changes with the value.
        prepared.rows(
            "test.shape",
            lambda pk: Meeting.objects.filter(group=pk)[: pk % 7 + 1],
            pk=group.pk,
        )


def test_settings_changes_forget_the_statements():
    group = WorkingGroupFactory()
    prepared.rows("test.forget", lambda pk: Meeting.objects.filter(group=pk), pk=group.pk)
    assert any(key[0] == "test.forget" for key in prepared._statements)
    with override_settings(KAIKU_TEST_SETTING=1):
        assert not any(key[0] == "test.forget" for key in prepared._statements)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_group_page_is_the_same_prepared_or_not(client, items, group, language, monkeypatch):
    """The anonymous group page from prepared SQL and from the ORM, byte for byte."""
    sub = WorkingGroupFactory(programme=group.programme, parent=group)
    MeetingFactory(group=group, visibility=Visibility.STAFF)
    past = MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(days=3))
    MemoFactory(group=group, meeting=past)
    url = reverse(
        "programme:group_detail", kwargs={"programme_slug": "te24", "slug": group.slug}
    ).replace("/fi/", f"/{language}/", 1)
    sub_url = sub.get_absolute_url().replace("/fi/", f"/{language}/", 1)
    with override_settings(KAIKU_PAGE_CACHE_ENABLED=False):
        pages = [client.get(url).content, client.get(sub_url).content]
        monkeypatch.setattr(selectors, "_prepared", lambda viewer: False)
        assert [client.get(url).content, client.get(sub_url).content] == pages
    assert b'id="meeting-' in pages[0]
