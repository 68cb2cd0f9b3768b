import pytest

from kaiku.core.content import Visibility
from kaiku.programme.bench import step_programme
from kaiku.programme.models import Meeting, Milestone, WorkingGroup


class Counts:
    """A bench scale with fixed counts."""

    def __init__(self, **counts):
        self.counts = counts

    def count(self, name: str, at_scale_1: int) -> int:
        return self.counts.get(name, 0)


@pytest.mark.django_db
def test_bench_visibilities_are_ones_the_content_layer_knows():
    step_programme(Counts(groups=40, meetings=60, milestones=60))
    used = set()
    for model in (WorkingGroup, Meeting, Milestone):
        used |= set(model.objects.values_list("visibility", flat=True))
    assert used <= set(Visibility.values)
    assert Visibility.MEMBERS in used


@pytest.mark.django_db
def test_bench_step_is_idempotent():
    first = step_programme(Counts(groups=5, meetings=10, milestones=10))
    assert "5 groups" in first
    again = step_programme(Counts(groups=5, meetings=10, milestones=10))
    assert again.startswith("0 groups, 0 seats, 0 meetings, 0 milestones created")
    assert WorkingGroup.objects.count() == 5
    assert Meeting.objects.count() == Milestone.objects.count() == 10


@pytest.mark.django_db
def test_bench_rows_have_their_markdown_stored_like_saved_ones():
    """Bulk-created rows skip save(): the bench renders their Markdown itself, so that pages
    measured on bench data read stored HTML as in production."""
    from kaiku.core.markdown import RENDERER_VERSION

    step_programme(Counts(groups=3, meetings=4, milestones=1))
    assert not Meeting.objects.exclude(markdown_version=RENDERER_VERSION).exists()
    assert not WorkingGroup.objects.filter(mandate_html_fi="").exists()
    assert Meeting.objects.first().agenda_html_fi.startswith("<ol>")
