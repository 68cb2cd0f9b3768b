"""Demo content that joins capabilities: the news item announcing the demo survey's published
results summary ("Alustavat tulokset"), as ``kaiku.site.survey_news`` writes one when a
coordinator ticks "Announce in the news", but with a hand-written lead. Idempotent: the item
is found by its slug; runs after the news (40) and the surveys (60)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from kaiku.accounts.demo import DEMO_DOMAIN
from kaiku.accounts.models import User
from kaiku.core.content import Visibility
from kaiku.core.demo import register as register_demo
from kaiku.news.models import Keyword, NewsItem, NewsKind
from kaiku.surveys.models import ResultsSummary

SLUG = "alustavat-tulokset-henkiloston-muutostuen-tarpeet"
COMMUNICATIONS = f"viestinta@{DEMO_DOMAIN}"
LEAD = (
    "Syksyn 2022 muutostukikyselyn alustavat tulokset on julkaistu: työmäärä huolettaa, "
    "ja työnohjausta tarvitaan eniten. Lue yhteenveto ja kaaviot."
)
BODY = """\
Henkilöstön muutostuen tarpeita kartoittaneeseen kyselyyn vastasi syksyllä 2022 yhteensä 340 \
henkilöä ELY-keskuksista, KEHA-keskuksesta, kuntakokeiluista ja TE-toimistoista.

Alustavien tulosten mukaan kaksi kolmesta on huolissaan työmäärästään muutoksen aikana, ja \
jaksaminen on heikointa TE-toimistoissa. Muutostuen muodoista suurin tarve on työnohjauksella \
ja jaksamista tukevalla valmennuksella. Työnohjausryhmät käynnistetään ensimmäisenä \
TE-toimistoissa keväällä 2023.

[Lue tulosten yhteenveto ja kaaviot]({url})

Kiitos kaikille vastanneille!
"""
KEYWORDS = ("te2024", "muutosvalmennus", "henkilosto")


def load_demo_survey_news() -> NewsItem | None:
    from kaiku.surveys.demo import SUMMARY_TITLE_FI

    summary = (
        ResultsSummary.objects.filter(title_fi=SUMMARY_TITLE_FI, published_at__isnull=False)
        .select_related("survey")
        .first()
    )
    if summary is None:
        return None
    with translation.override("fi"):
        url = reverse("surveys:summary", kwargs={"pk": summary.survey_id})
    published = summary.published_at
    defaults = {
        "kind": NewsKind.NEWS,
        "title_fi": summary.title_fi,
        "summary_fi": LEAD,
        "body_fi": BODY.format(url=url),
        "visibility": Visibility.STAFF,
        "published_at": published,
        "announced_at": published,
        "author": User.objects.filter(email=COMMUNICATIONS).first(),
    }
    item, _created = NewsItem.objects.update_or_create(slug=SLUG, defaults=defaults)
    item.keywords.set(Keyword.objects.filter(slug__in=KEYWORDS))
    if summary.announced_at is None:
        ResultsSummary.objects.filter(pk=summary.pk).update(announced_at=published)
    return item


register_demo(62, load_demo_survey_news)
