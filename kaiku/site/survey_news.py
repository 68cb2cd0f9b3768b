"""Announcing a survey's published results summary in the news (docs/surveys.md, "Summary").

It joins two capabilities, so it lives on the top floor: surveys may not import news, and news
knows nothing of surveys. ``SiteConfig.ready()`` registers ``announce_summary`` with
``kaiku.surveys.announcements``; the surveys' ``summary_publish`` calls it when the
coordinator ticks "Announce in the news".

The news item is written with the news app's own service (``news_create``), so its rules hold:
it is published at once only when the coordinator may also publish news (the communications
role, administrators); otherwise it is saved as a draft for the communications team, who see
it among the news drafts and publish it. Its title and text are the summary's, in every
language the summary has, followed by a link to the summary page in that language; it is for
everyone when the survey's results are public, otherwise for signed-in people.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kaiku.core.content import Visibility
from kaiku.core.translations import content_languages, default_language
from kaiku.news.models import NewsKind
from kaiku.news.services import news_create
from kaiku.surveys.announcements import Announcement
from kaiku.surveys.models import ResultsVisibility

LEAD_LENGTH = 300


def _lead(html: str) -> str:
    """The first paragraph of the summary's rendered text, as plain text."""
    text = strip_tags(html or "").strip()
    first = text.split("\n", 1)[0].strip()
    return Truncator(first).chars(LEAD_LENGTH)


def news_fields(summary) -> dict:
    """The news item's texts: title, lead and body with the link, per language the summary
    is written in (the others fall back to Finnish like any news item)."""
    fields: dict = {}
    primary = default_language()
    for code in content_languages():
        title = getattr(summary, f"title_{code}", "") or ""
        body = getattr(summary, f"body_{code}", "") or ""
        if code != primary and not title and not body:
            continue
        title = title or getattr(summary, f"title_{primary}", "") or summary.title
        if not body:
            body = getattr(summary, f"body_{primary}", "") or ""
            html = getattr(summary, f"body_html_{primary}", "") or ""
        else:
            html = getattr(summary, f"body_html_{code}", "") or ""
        with translation.override(code):
            url = reverse("surveys:summary", kwargs={"pk": summary.survey_id})
            link = _("Read the summary of the results with its charts")
        fields[f"title_{code}"] = title
        fields[f"summary_{code}"] = _lead(html)
        fields[f"body_{code}"] = f"{body.rstrip()}\n\n[{link}]({url})"
    return fields


def announce_summary(*, summary, actor) -> Announcement:
    """Write the news item announcing ``summary`` (see the module docstring)."""
    may_publish = bool(actor and actor.has_perm("news.add_newsitem"))
    public = summary.survey.results_visibility == ResultsVisibility.PUBLIC
    item = news_create(
        actor=actor,
        kind=NewsKind.NEWS,
        visibility=Visibility.PUBLIC if public else Visibility.STAFF,
        published_at=timezone.now() if may_publish else None,
        **news_fields(summary),
    )
    return Announcement(url=item.get_absolute_url(), published=may_publish)
