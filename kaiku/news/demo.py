"""Demo news in Finnish, drawn from the seeds (issue 3, part 5): the news of 14.12.2022 about
open dialogue and this platform, the change coaching steering group's meeting report of
9.12.2022, the change-security publication of 3/2023, and the reform's milestones. The main
items are also in Swedish (and some in English); the others show their Finnish text.

Idempotent: items are keyed by slug, keywords by slug, people by email; reloading updates
the texts of existing rows.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from kaiku.accounts.models import User
from kaiku.core.content import Visibility
from kaiku.core.demo import register as register_demo
from kaiku.programme.models import Programme, WorkingGroup

from .models import Keyword, NewsItem, NewsKind

HELSINKI = ZoneInfo("Europe/Helsinki")
DOMAIN = "kaiku.example"
PROGRAMME_SLUG = "te-palvelut-2024"
COMMUNICATIONS = f"viestinta@{DOMAIN}"


def _at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


KEYWORDS = {
    "te2024": "TE2024",
    "muutosvalmennus": "muutosvalmennus",
    "henkilosto": "henkilöstö",
    "muutosturva": "muutosturva",
    "koto2024": "KOTO2024",
    "esr": "ESR",
    "lainsaadanto": "lainsäädäntö",
    "tietojarjestelmat": "tietojärjestelmät",
    "viestinta": "viestintä",
}

OPEN_DIALOGUE = """\
Työllisyyden ministerityöryhmän alainen työvoimapolitiikan palvelurakenne -alatyöryhmä \
kokoontui perjantaina 2.12.2022 käsittelemään TE2024-uudistuksen toimeenpanoa ja tulevaa \
valtakunnallista valmistelurakennetta.

Julkisten työvoima- ja yrityspalvelujen uudelleen järjestämistä koskeva hallituksen esitys on \
parhaillaan eduskunnan käsiteltävänä. Lait on tarkoitus vahvistaa maaliskuussa 2023. \
Samanaikaisesti eduskunnan käsittelyn kanssa uudistuksen toimeenpanovaiheen valmistelu on \
käynnistynyt.

Alatyöryhmä painotti, että uudistuksen etenemisen ja onnistumisen kannalta erityisen tärkeää \
on **avoin valmistelu ja vuorovaikutus**, yhteistyö sekä kaikkien osapuolten sitoutuminen \
muutokseen. Palvelujen jatkuvuuden turvaamiseen asiakkaille muutosvaiheessa kiinnitetään \
erityistä huomiota.

## Valtakunnallinen toimeenpano-ohjelma muutoksen tueksi

TE-palvelut 2024 -uudistuksen sekä KOTO24-uudistuksen sujuvan toimeenpanon ja muutoksen \
johtamisen tueksi valmistellaan toimijoiden yhteinen, valtakunnallinen toimeenpano-ohjelma. \
Ohjelman on tarkoitus valmistua maaliskuussa 2023.

Avoimen ja ajantasaisen viestinnän varmistamiseksi KEHA-keskus perustaa valtion ja kuntien \
yhteisen viestintä-, vuorovaikutus- ja yhteistyöalustan, jonne on kaikilla pääsy. Alustalla \
on tietoa muun muassa eri valmisteluryhmien tehtävistä, tavoitteista, kokoonpanoista ja \
aikatauluista. Lisäksi siellä on mahdollisuus esittää kysymyksiä ja käydä vuoropuhelua \
toimeenpanon etenemisestä.
"""

COACHING_REPORT = """\
TE-palvelut 2024 -uudistuksen muutosvalmennuksen ohjausryhmä kokoontui jo toisen kerran \
perjantaina 9.12. käsittelemään henkilökartoituksen alustavia tuloksia, muutosvalmennuksen \
käynnistämiseen liittyviä kysymyksiä sekä muutosvalmennuksen viestintäsuunnitelmaa.

Ohjausryhmän tehtävänä on linjata ja ohjata valtion sekä kuntien muutoksen kohteena olevan \
henkilöstön yhteisen muutosvalmennuksen suunnittelua ja toteutusta.

## Kyselyn alustavat tulokset

Kokouksessa käsiteltiin alustavia tuloksia ELY-keskuksien, KEHA-keskuksen, kuntakokeilujen ja \
TE-toimistojen henkilöstölle tarkoitetusta kyselystä. Vastauksissa korostui erityisesti:

- muutoksessa jaksaminen
- muutosmotivaatio
- työnohjauksen tarve.

Säännölliset keskustelu- ja infotilaisuudet ja yhteinen tiedotus- ja keskustelualusta \
koettiin myös erittäin tarpeellisiksi. Huolta koettiin henkilöstön kuormittumisesta sekä \
asiakaspalveluprosessien onnistumisesta muutoksen edetessä.

## Seuraavaksi

Alkuvuonna 2023 henkilöstölle järjestetään mahdollisesti lyhyitä valtakunnallisia \
tilaisuuksia Teamsin välityksellä. Seuraavassa ohjausryhmän kokouksessa 13.1.2023 \
keskitytään muutosvalmennuksen käynnistämiseen ja kilpailutukseen sekä perehdytysohjelman \
valmistelun käynnistämiseen.
"""

CHANGE_SECURITY = """\
Yhteistyöllä muutosturvaa -hanke (ESR) on kehittänyt muutosturvan toimintamallia ja \
valtakunnallista muutosturva-asiantuntijoiden verkostoa yhdessä työ- ja \
elinkeinoministeriön kanssa. Hankkeen opeista on tehty julkaisu *Muutostilanteita \
luotsaamassa – Yhteistyöllä muutosturvaa -hankkeen opit ja onnistumiset 2015–2023*.

Kehitystyötä ovat ohjanneet neljä kulmakiveä: asiakaslähtöisyys, ennakointi, digitaalisten \
palveluiden kehittäminen ja kokeilukulttuuri. Julkaisun löydät \
[Doria-julkaisuarkistosta](https://www.doria.fi/).

TE-palvelut 2024 -uudistuksen myötä myös muutosturvapalvelut siirtyvät kuntien \
toteutettaviksi.
"""

# slug, kind, title, summary, body, date, keywords, groups, pinned, visibility, contact info
ITEMS = [
    (
        "avoin-vuoropuhelu-ohjaa-te2024-uudistuksen-toimeenpanoa",
        NewsKind.NEWS,
        "Avoin vuoropuhelu ohjaa TE2024-uudistuksen toimeenpanoa – tiedon jakamiseksi "
        "perustetaan valtion ja kuntien yhteinen viestintä-, vuorovaikutus- ja "
        "yhteistyöalusta",
        "Työvoimapolitiikan palvelurakenne -alatyöryhmä painotti avointa valmistelua. "
        "KEHA-keskus perustaa valtion ja kuntien yhteisen alustan tiedon jakamiseksi.",
        OPEN_DIALOGUE,
        _at(2022, 12, 14, 9, 26),
        ["te2024", "koto2024", "viestinta"],
        ["ohjausryhma", "viestinta"],
        False,
        Visibility.PUBLIC,
        "Lisätietoja: Tanja Ståhlberg",
    ),
    (
        "muutosvalmennuksen-ohjausryhma-9-12-2022",
        NewsKind.MEETING_REPORT,
        "TE-palvelut 2024 -muutosvalmennuksen ohjausryhmä 9.12.2022",
        "Ohjausryhmä käsitteli henkilöstökyselyn alustavia tuloksia, muutosvalmennuksen "
        "käynnistämistä ja viestintäsuunnitelmaa.",
        COACHING_REPORT,
        _at(2022, 12, 12, 10),
        ["te2024", "muutosvalmennus", "henkilosto"],
        ["muutosvalmennuksen-ohjausryhma"],
        False,
        Visibility.PUBLIC,
        "",
    ),
    (
        "muutostilanteita-luotsaamassa-julkaisu",
        NewsKind.NEWS,
        "Muutostilanteita luotsaamassa – Yhteistyöllä muutosturvaa -hankkeen opit ja "
        "onnistumiset on julkaistu",
        "ESR-hankkeen opit muutosturvan kehittämisestä vuosilta 2015–2023 on koottu julkaisuksi.",
        CHANGE_SECURITY,
        _at(2023, 3, 15, 12),
        ["muutosturva", "esr"],
        ["muutosturva"],
        False,
        Visibility.PUBLIC,
        "",
    ),
    (
        "te-palvelulaki-vahvistettu",
        NewsKind.NEWS,
        "Laki työvoimapalvelujen järjestämisestä vahvistettiin",
        "Tasavallan presidentti vahvisti TE-palvelut 2024 -uudistuksen lait. Järjestämisvastuu "
        "siirtyy kunnille 1.1.2025.",
        "Tasavallan presidentti on vahvistanut lain työvoimapalvelujen järjestämisestä ja "
        "siihen liittyvät lait. Lait tulevat voimaan **1.1.2025**, jolloin julkisten "
        "työvoima- ja yrityspalvelujen järjestämisvastuu siirtyy valtiolta kunnille ja "
        "kuntien muodostamille työllisyysalueille.\n\nToimeenpanon valmistelu jatkuu "
        "työryhmissä kevään aikana.",
        _at(2023, 3, 17, 14),
        ["te2024", "lainsaadanto"],
        ["ohjausryhma"],
        False,
        Visibility.PUBLIC,
        "",
    ),
    (
        "toimeenpano-ohjelma-valmistui",
        NewsKind.NEWS,
        "Valtakunnallinen toimeenpano-ohjelma valmistui",
        "TE2024- ja KOTO2024-uudistusten yhteinen toimeenpano-ohjelma on valmis; "
        "työ siirtyy toteutukseen.",
        "Toimijoiden yhteinen, valtakunnallinen toimeenpano-ohjelma valmisteltiin yhdessä "
        "uudistuksen keskeisten toimijoiden ja henkilöstön edustajien kanssa.\n\n"
        "Ohjelma kokoaa työryhmien tehtävät, aikataulut ja vastuut. Työryhmien sivuilla "
        "näet ajantasaisen tilanteen.",
        _at(2023, 3, 31, 10),
        ["te2024", "koto2024"],
        ["ohjausryhma"],
        False,
        Visibility.PUBLIC,
        "",
    ),
    (
        "henkiloston-siirto-1-1-2025",
        NewsKind.ANNOUNCEMENT,
        "Henkilöstö siirtyy kuntien palvelukseen 1.1.2025 – näin siirto etenee",
        "Noin 4 000 TE-toimistojen ja ELY-keskusten henkilöä siirtyy liikkeen luovutuksella "
        "kuntien palvelukseen. Tärkeimmät päivämäärät ja tuki yhdellä sivulla.",
        "Siirtyvä henkilöstö siirtyy kuntien palvelukseen **liikkeen luovutuksen** "
        "periaattein niin sanottuina vanhoina työntekijöinä.\n\n"
        "## Tärkeimmät vaiheet\n\n"
        "1. Henkilöstölistat vahvistetaan kesäkuussa 2024.\n"
        "2. Siirtyvät saavat tiedon tulevasta työnantajasta syksyllä 2024.\n"
        "3. Siirto tapahtuu 1.1.2025.\n\n"
        "Muutosvalmennus tukee henkilöstöä koko siirtymän ajan.",
        _at(2024, 2, 5, 9),
        ["te2024", "henkilosto", "muutosvalmennus"],
        ["henkiloston-siirtyma", "muutosvalmennuksen-ohjausryhma"],
        True,
        Visibility.PUBLIC,
        "",
    ),
    (
        "te-toimistot-lakkautetaan-31-12-2024",
        NewsKind.ANNOUNCEMENT,
        "TE-toimistot lakkautetaan 31.12.2024",
        "TE-toimistojen toiminta päättyy vuoden 2024 lopussa; asiakkaat asioivat 1.1.2025 "
        "alkaen oman työllisyysalueensa palveluissa.",
        "TE-toimistot lakkautetaan **31.12.2024**. Asiakkaiden asiat siirtyvät "
        "työllisyysalueille ilman erillistä ilmoitusta.\n\nAsiakaspalvelun jatkuvuuden "
        "työryhmä valmistelee siirtymäviikkojen palvelut ja viestinnän asiakkaille.",
        _at(2024, 10, 1, 9),
        ["te2024"],
        ["asiakaspalvelun-jatkuvuus"],
        False,
        Visibility.PUBLIC,
        "",
    ),
    (
        "koto2024-kotoutumislaki-voimaan",
        NewsKind.NEWS,
        "KOTO2024: uusi kotoutumislaki voimaan 1.1.2025",
        "Kotoutumispalvelut siirtyvät kuntiin samaan aikaan TE-palvelujen kanssa.",
        "Uudistettu laki kotoutumisen edistämisestä tulee voimaan 1.1.2025. "
        "Kotoutumispalvelujen vastuu siirtyy kunnille samaan aikaan kuin TE-palvelujen, ja "
        "palvelut suunnitellaan yhdessä.",
        _at(2024, 6, 12, 11),
        ["koto2024", "lainsaadanto"],
        ["koto2024"],
        False,
        Visibility.PUBLIC,
        "",
    ),
    (
        "asiakastietojarjestelmien-kayttoonotto",
        NewsKind.NEWS,
        "Asiakastietojärjestelmien käyttöönoton testaus alkaa",
        "Työllisyysalueiden asiakastietojärjestelmien testaus aloitetaan pilottialueilla.",
        "Tietojärjestelmätyöryhmä käynnistää käyttöönoton testauksen kolmella "
        "pilottialueella. Testaukseen osallistuu asiantuntijoita TE-toimistoista ja "
        "kunnista.",
        _at(2024, 4, 9, 13),
        ["te2024", "tietojarjestelmat"],
        ["tietojarjestelmat"],
        False,
        Visibility.PUBLIC,
        "",
    ),
    (
        "henkilostoinfo-tallenne",
        NewsKind.ANNOUNCEMENT,
        "Henkilöstöinfon tallenne ja kysymykset vastauksineen",
        "Sisäinen tiedote: helmikuun henkilöstöinfon tallenne on katsottavissa kirjautuneille.",
        "Henkilöstöinfon tallenne ja tilaisuudessa esitetyt kysymykset vastauksineen on "
        "koottu tähän. Tallennetta ei jaeta julkisesti.",
        _at(2024, 2, 20, 15),
        ["henkilosto", "muutosvalmennus"],
        ["muutosvalmennuksen-ohjausryhma"],
        False,
        Visibility.STAFF,
        "",
    ),
    (
        "muutosvalmennuksen-loppuraportti",
        NewsKind.NEWS,
        "Muutosvalmennuksen loppuraportti julkaistaan",
        "Muutosvalmennuksen loppuraportti ja henkilöstökyselyn tulokset julkaistaan.",
        "Raportti kokoaa muutosvalmennuksen kokemukset ja suositukset tuleviin "
        "hallinnon uudistuksiin.",
        None,  # scheduled: set relative to the day the demo is loaded
        ["muutosvalmennus", "henkilosto"],
        ["muutosvalmennuksen-ohjausryhma"],
        False,
        Visibility.PUBLIC,
        "",
    ),
]

# Keyword slug -> name in Swedish and English.
KEYWORDS_SV_EN = {
    "te2024": ("TE2024", "TE2024"),
    "muutosvalmennus": ("förändringsträning", "change coaching"),
    "henkilosto": ("personal", "staff"),
    "muutosturva": ("omställningsskydd", "change security"),
    "koto2024": ("KOTO2024", "KOTO2024"),
    "esr": ("ESF", "ESF"),
    "lainsaadanto": ("lagstiftning", "legislation"),
    "tietojarjestelmat": ("informationssystem", "information systems"),
    "viestinta": ("kommunikation", "communication"),
}

OPEN_DIALOGUE_SV = """\
Underarbetsgruppen för servicestrukturen inom arbetskraftspolitiken, som lyder under \
ministerarbetsgruppen för sysselsättning, sammanträdde fredagen den 2 december 2022 för att \
behandla genomförandet av TE2024-reformen och den kommande nationella beredningsstrukturen.

Regeringens proposition om en ny organisering av de offentliga arbetskrafts- och \
företagstjänsterna behandlas som bäst i riksdagen. Avsikten är att lagarna ska stadfästas i \
mars 2023. Samtidigt med riksdagsbehandlingen har beredningen av genomförandet inletts.

Underarbetsgruppen betonade att **en öppen beredning och växelverkan**, samarbete och alla \
parters engagemang i förändringen är särskilt viktiga för att reformen ska framskrida och \
lyckas. Särskild vikt fästs vid att trygga kontinuiteten i tjänsterna för kunderna under \
övergångsskedet.

## Ett nationellt genomförandeprogram som stöd för förändringen

Som stöd för ett smidigt genomförande av reformen TE-tjänster 2024 och KOTO24-reformen och \
för förändringsledningen bereds ett gemensamt nationellt genomförandeprogram för aktörerna. \
Programmet ska vara klart i mars 2023.

För att kommunikationen ska vara öppen och aktuell inrättar KEHA-centret en gemensam \
plattform för kommunikation, växelverkan och samarbete för staten och kommunerna, som alla \
har tillgång till. På plattformen finns information bland annat om beredningsgruppernas \
uppgifter, mål, sammansättning och tidsplaner. Där kan man också ställa frågor och föra en \
dialog om hur genomförandet framskrider.
"""

# Slug -> (title, summary, body) in Swedish and, where given, in English. Items left out
# are shown in Finnish, marked as Finnish, on the Swedish and English pages.
TRANSLATIONS = {
    "avoin-vuoropuhelu-ohjaa-te2024-uudistuksen-toimeenpanoa": {
        "sv": (
            "Öppen dialog styr genomförandet av TE2024-reformen – staten och kommunerna får "
            "en gemensam plattform för kommunikation, växelverkan och samarbete",
            "Underarbetsgruppen för servicestrukturen inom arbetskraftspolitiken betonade en "
            "öppen beredning. KEHA-centret inrättar en gemensam plattform för staten och "
            "kommunerna för att dela information.",
            OPEN_DIALOGUE_SV,
        ),
    },
    "te-palvelulaki-vahvistettu": {
        "sv": (
            "Lagen om ordnande av arbetskraftsservice har stadfästs",
            "Republikens president stadfäste lagarna inom reformen TE-tjänster 2024. "
            "Organiseringsansvaret övergår till kommunerna den 1 januari 2025.",
            "Republikens president har stadfäst lagen om ordnande av arbetskraftsservice och "
            "lagarna i anslutning till den. Lagarna träder i kraft **den 1 januari 2025**, "
            "då ansvaret för att ordna de offentliga arbetskrafts- och företagstjänsterna "
            "övergår från staten till kommunerna och de sysselsättningsområden som kommunerna "
            "bildar.\n\nBeredningen av genomförandet fortsätter i arbetsgrupperna under "
            "våren.",
        ),
        "en": (
            "The Act on the Organisation of Employment Services has been confirmed",
            "The President of the Republic confirmed the acts of the TE Services 2024 reform. "
            "The municipalities become responsible for the services on 1 January 2025.",
            "The President of the Republic has confirmed the Act on the Organisation of "
            "Employment Services and the related acts. They enter into force on **1 January "
            "2025**, when responsibility for organising public employment and business "
            "services moves from the state to the municipalities and to the employment areas "
            "they form.\n\nThe working groups continue to prepare the implementation during "
            "the spring.",
        ),
    },
    "toimeenpano-ohjelma-valmistui": {
        "sv": (
            "Det nationella genomförandeprogrammet är klart",
            "Det gemensamma genomförandeprogrammet för TE2024- och KOTO2024-reformerna är "
            "klart; arbetet går över till genomförandet.",
            "Aktörernas gemensamma, nationella genomförandeprogram bereddes tillsammans med "
            "reformens centrala aktörer och personalens företrädare.\n\nProgrammet samlar "
            "arbetsgruppernas uppgifter, tidsplaner och ansvar. På arbetsgruppernas sidor ser "
            "du det aktuella läget.",
        ),
    },
    "henkiloston-siirto-1-1-2025": {
        "sv": (
            "Personalen övergår i kommunernas tjänst den 1 januari 2025 – så går överföringen till",
            "Cirka 4 000 anställda vid arbets- och näringsbyråerna och NTM-centralerna "
            "övergår i kommunernas tjänst genom överlåtelse av rörelse. De viktigaste "
            "datumen och stödet på en sida.",
            "Den personal som överförs övergår i kommunernas tjänst enligt principerna för "
            "**överlåtelse av rörelse**, som så kallade gamla arbetstagare.\n\n"
            "## De viktigaste skedena\n\n"
            "1. Personalförteckningarna fastställs i juni 2024.\n"
            "2. De som överförs får veta vem deras nya arbetsgivare blir hösten 2024.\n"
            "3. Överföringen sker den 1 januari 2025.\n\n"
            "Förändringsträningen stöder personalen under hela övergången.",
        ),
        "en": (
            "Staff move to municipal employment on 1 January 2025 – how the transfer proceeds",
            "Some 4,000 employees of the TE Offices and ELY Centres move to the "
            "municipalities as a transfer of undertaking. The key dates and support on one "
            "page.",
            "The staff move to municipal employment as a **transfer of undertaking**, "
            "keeping their terms as existing employees.\n\n"
            "## Key stages\n\n"
            "1. The staff lists are confirmed in June 2024.\n"
            "2. Those moving learn who their new employer is in autumn 2024.\n"
            "3. The transfer takes place on 1 January 2025.\n\n"
            "Change coaching supports the staff throughout the transition.",
        ),
    },
    "te-toimistot-lakkautetaan-31-12-2024": {
        "sv": (
            "Arbets- och näringsbyråerna läggs ned den 31 december 2024",
            "Arbets- och näringsbyråernas verksamhet upphör vid utgången av 2024; från och "
            "med den 1 januari 2025 sköter kunderna sina ärenden hos sitt eget "
            "sysselsättningsområde.",
            "Arbets- och näringsbyråerna läggs ned **den 31 december 2024**. Kundernas "
            "ärenden överförs till sysselsättningsområdena utan särskild anmälan.\n\n"
            "Arbetsgruppen för kundservicens kontinuitet bereder tjänsterna och "
            "kommunikationen till kunderna under övergångsveckorna.",
        ),
    },
}

SCHEDULED_DAYS = 30


def load_demo_news() -> list[NewsItem]:
    """Create or update the demo news. Safe to run again: nothing is duplicated."""
    keywords = {}
    for slug, name in KEYWORDS.items():
        sv, en = KEYWORDS_SV_EN.get(slug, ("", ""))
        keywords[slug], _ = Keyword.objects.update_or_create(
            slug=slug, defaults={"name_fi": name, "name_sv": sv, "name_en": en}
        )
    programme = Programme.objects.filter(slug=PROGRAMME_SLUG).first()
    groups = {g.slug: g for g in WorkingGroup.objects.filter(programme__slug=PROGRAMME_SLUG)}
    contact = User.objects.filter(email=COMMUNICATIONS).first()
    items = []
    for (
        slug, kind, title, summary, body, date, keyword_slugs, group_slugs, pinned,
        visibility, contact_info,
    ) in ITEMS:  # fmt: skip
        defaults = {
            "kind": kind,
            "title_fi": title,
            "summary_fi": summary,
            "body_fi": body,
            "contact_info": contact_info,
            "programme": programme,
            "pinned": pinned,
            "visibility": visibility,
            "author": contact,
        }
        for language in ("sv", "en"):
            texts = TRANSLATIONS.get(slug, {}).get(language, ("", "", ""))
            for field, text in zip(("title", "summary", "body"), texts, strict=True):
                defaults[f"{field}_{language}"] = text
        create_defaults = dict(defaults)
        if date is None:
            # The scheduled item keeps its first date on reloads.
            create_defaults["published_at"] = timezone.now() + datetime.timedelta(
                days=SCHEDULED_DAYS
            )
        else:
            defaults["published_at"] = create_defaults["published_at"] = date
            # The archive counts as announced; the scheduled item is announced by the cron job.
            create_defaults["announced_at"] = date
        item, _ = NewsItem.objects.update_or_create(
            slug=slug, defaults=defaults, create_defaults=create_defaults
        )
        item.keywords.set([keywords[k] for k in keyword_slugs])
        item.related_groups.set([groups[g] for g in group_slugs if g in groups])
        if contact is not None and not contact_info:
            item.contact_persons.set([contact])
        items.append(item)
    return items


register_demo(40, load_demo_news)
