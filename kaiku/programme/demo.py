"""Demo content: the TE-services 2024 reform programme and its working groups (seeds 000 and
003). Idempotent: rows are found by their natural keys and updated; people are looked up by
email and organisations by slug, and a missing one is simply left out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from kaiku.core.content import Visibility
from kaiku.core.demo import register as register_demo
from kaiku.organisations.models import Organisation

from .models import (
    GroupGoal,
    GroupTask,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    Memo,
    Milestone,
    MilestoneStatus,
    Programme,
    WorkingGroup,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
DOMAIN = "kaiku.example"
PROGRAMME_SLUG = "te-palvelut-2024"
COACHING = "muutosvalmennuksen-ohjausryhma"


def _at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


@dataclass(frozen=True)
class _Ahead:
    """A time to come: ``weeks`` from the day the demo is loaded, on ``weekday`` (0 = Monday),
    at ``hour`` Helsinki time. Upcoming demo meetings and planned milestones stay ahead
    whenever the demo is loaded; loading twice on the same day changes nothing."""

    weeks: int
    weekday: int = 2
    hour: int = 9

    def on(self, today: datetime.date) -> datetime.datetime:
        day = today + datetime.timedelta(weeks=self.weeks)
        day += datetime.timedelta(days=(self.weekday - day.weekday()) % 7)
        return datetime.datetime(day.year, day.month, day.day, self.hour, tzinfo=HELSINKI)


def _ahead(weeks: int, weekday: int = 2, hour: int = 9) -> _Ahead:
    return _Ahead(weeks, weekday, hour)


def _due_ahead(weeks: int) -> _Ahead:
    return _Ahead(weeks)


def _when(value, today: datetime.date):
    """A fixed date or time as it is; a ``_Ahead`` on ``today``."""
    return value.on(today) if isinstance(value, _Ahead) else value


DESCRIPTION = """\
Julkiset työvoima- ja yrityspalvelut siirtyvät valtiolta kuntien järjestettäviksi. \
**Järjestämisvastuu siirtyy kunnille 1.1.2025**, ja noin 4 000 TE-toimistojen ja \
ELY-keskusten henkilöä siirtyy kuntien palvelukseen liikkeen luovutuksella.

Uudistuksen sekä KOTO2024-uudistuksen sujuvan toimeenpanon ja muutoksen johtamisen tueksi \
valmistellaan toimijoiden yhteinen, **valtakunnallinen toimeenpano-ohjelma**. Ohjelma \
valmistellaan yhdessä kaikkien uudistuksen keskeisten toimijoiden ja valmistelutahojen sekä \
henkilöstön edustajien kanssa.

Käytännössä toimeenpanoa valmistellaan useiden työryhmien voimin. Avoimen ja ajantasaisen \
viestinnän varmistamiseksi työryhmien kokoonpanot, aikataulut, muistiot ja päätökset \
julkaistaan tällä alustalla.
"""

DESCRIPTION_SV = """\
De offentliga arbetskrafts- och företagstjänsterna överförs från staten till kommunerna. \
**Organiseringsansvaret övergår till kommunerna den 1 januari 2025**, och cirka 4 000 \
anställda vid arbets- och näringsbyråerna och NTM-centralerna övergår i kommunernas tjänst \
genom överlåtelse av rörelse.

Som stöd för ett smidigt genomförande av reformen och KOTO2024-reformen och för \
förändringsledningen bereds ett gemensamt **nationellt genomförandeprogram** för aktörerna. \
Programmet bereds tillsammans med reformens alla centrala aktörer och beredningsinstanser \
samt personalens företrädare.

I praktiken bereds genomförandet i flera arbetsgrupper. För att kommunikationen ska vara \
öppen och aktuell publiceras arbetsgruppernas sammansättning, tidsplaner, promemorior och \
beslut på den här plattformen.
"""

DESCRIPTION_EN = """\
Public employment and business services are moving from the state to the municipalities. \
**The municipalities become responsible for organising the services on 1 January 2025**, \
and some 4,000 employees of the TE Offices and ELY Centres move to municipal employment as a \
transfer of undertaking.

To support a smooth implementation of this reform and of the KOTO2024 reform, and the \
management of the change, the actors are preparing a joint **national implementation \
programme**, together with all the key actors of the reform and staff representatives.

In practice, the implementation is prepared in several working groups. To keep \
communication open and up to date, the groups' compositions, schedules, memos and decisions \
are published on this platform.
"""

# Group slug -> mandate in Swedish and in English.
MANDATES = {
    "ohjausryhma": (
        "Styrgruppen leder genomförandet av reformen TE-tjänster 2024, samordnar den "
        "nationella och regionala beredningen och godkänner genomförandeprogrammet.",
        "The steering group leads the implementation of the TE Services 2024 reform, "
        "coordinates national and regional preparation and approves the implementation "
        "programme.",
    ),
    "muutosvalmennuksen-ohjausryhma": (
        "Styrgruppen ska dra upp riktlinjer för och styra planeringen och genomförandet av den "
        "gemensamma förändringsträningen för den statliga och kommunala personal som berörs "
        "av förändringen.\n\nI styrgruppen finns en bred expertis och en representant för "
        "varje kommuntypsnätverk.",
        "The steering group sets the direction for, and steers, the planning and delivery of "
        "joint change coaching for the state and municipal staff affected by the change.\n\n"
        "It brings together a broad range of experts and a representative of every "
        "municipality-type network.",
    ),
    "perehdytysohjelma": (
        "Bereder introduktionsprogrammet för den personal som övergår till den nya organisationen.",
        "Prepares the induction programme for the staff moving to the new organisation.",
    ),
    "henkiloston-siirtyma": (
        "Bereder överföringen av personalen från staten till kommunerna genom överlåtelse av "
        "rörelse den 1 januari 2025 och de personalarrangemang som hör till den, i samarbete "
        "med personalen.",
        "Prepares the transfer of staff from the state to the municipalities as a transfer of "
        "undertaking on 1 January 2025, and the related staff arrangements, together with "
        "the staff.",
    ),
    "tietojarjestelmat": (
        "Säkerställer att kunddatasystemen, Jobbmarknaden och kommunernas system fungerar "
        "tillsammans vid övergången.",
        "Makes sure that the client information systems, Job Market Finland and the "
        "municipalities' systems work together at the moment of transition.",
    ),
    "asiakaspalvelun-jatkuvuus": (
        "Tryggar kontinuiteten i tjänsterna för kunderna under övergångsskedet.",
        "Secures the continuity of services for clients during the transition.",
    ),
    "viestinta": (
        "Ansvarar för en öppen och aktuell kommunikation om reformen och för statens och "
        "kommunernas gemensamma plattform för kommunikation, växelverkan och samarbete.",
        "Responsible for open and up-to-date communication about the reform, and for the "
        "joint communication, interaction and co-operation platform of the state and the "
        "municipalities.",
    ),
    "koto2024": (
        "Samordnar genomförandet av reformen av integrationslagen (KOTO2024) med reformen "
        "TE-tjänster 2024.",
        "Coordinates the implementation of the Integration Act reform (KOTO2024) with the "
        "TE Services 2024 reform.",
    ),
    "muutosturva": (
        "Följer upp personalens omställningsskydd och ork under övergången.",
        "Monitors change security and the wellbeing of staff during the transition.",
    ),
}

# Finnish title -> Swedish title, for the tasks, goals and milestones.
TITLES_SV = {
    "Hyväksyä valtakunnallinen toimeenpano-ohjelma": "Godkänna det nationella "
    "genomförandeprogrammet",
    "Seurata toimeenpanon etenemistä ja riskejä": "Följa upp hur genomförandet framskrider "
    "och riskerna",
    "Sovittaa yhteen alueellinen ja valtakunnallinen valmistelu": "Samordna den regionala "
    "och den nationella beredningen",
    "Linjata muutosvalmennuksen sisällöt ja toteutustavat": "Dra upp riktlinjer för "
    "förändringsträningens innehåll och genomförande",
    "Ohjata muutosvalmennuksen kilpailutusta": "Styra konkurrensutsättningen av "
    "förändringsträningen",
    "Käynnistää perehdytysohjelman valmistelu": "Inleda beredningen av introduktionsprogrammet",
    "Valmistella liikkeen luovutuksen henkilöstöjärjestelyt": "Bereda personalarrangemangen "
    "vid överlåtelsen av rörelse",
    "Järjestää yhteistoimintamenettelyt henkilöstön edustajien kanssa": "Ordna "
    "samarbetsförfaranden med personalens företrädare",
    "Laatia järjestelmien siirtymäsuunnitelma": "Utarbeta en övergångsplan för systemen",
    "Tunnistaa asiakasprosessien riskikohdat siirtymässä": "Identifiera riskpunkterna i "
    "kundprocesserna under övergången",
    "Ylläpitää yhteistä viestintä- ja yhteistyöalustaa": "Upprätthålla den gemensamma "
    "plattformen för kommunikation och samarbete",
    "Hyvä yhteistyö valtio- ja kuntatoimijoiden välillä": "Gott samarbete mellan statliga "
    "och kommunala aktörer",
    "Henkilöstön osaamisen, motivaation ja voimavarojen tukeminen muutoksessa": "Stöd för "
    "personalens kompetens, motivation och resurser i förändringen",
    "Palvelut jatkuvat asiakkaille katkeamatta 1.1.2025": "Tjänsterna fortsätter utan "
    "avbrott för kunderna den 1 januari 2025",
    "Ei katkoksia asiakkaiden palveluissa siirtymähetkellä": "Inga avbrott i kundernas "
    "tjänster vid övergången",
    "Lait vahvistetaan": "Lagarna stadfästs",
    "Toimeenpano-ohjelma valmis": "Genomförandeprogrammet klart",
    "Henkilöstön siirto liikkeen luovutuksella": "Personalen övergår genom överlåtelse av rörelse",
    "Uudistuksen jälkiarviointi valmis": "Efterhandsutvärderingen av reformen klar",
    "Muutosvalmennuksen kilpailutus ratkaistu": "Konkurrensutsättningen av "
    "förändringsträningen avgjord",
    "Perehdytysohjelma valmis": "Introduktionsprogrammet klart",
    "Henkilöstökyselyn tulosten analyysi (sisäinen)": "Analys av resultaten av "
    "personalenkäten (intern)",
    "Henkilöstöluettelot kunnille": "Personalförteckningarna till kommunerna",
    "Kuntien järjestelmäintegraatiot tuotannossa": "Kommunernas systemintegrationer i produktion",
    "Asiakkaiden siirtoviestit lähetetty": "Meddelandena om överföringen skickade till kunderna",
}

# The meetings to come: Finnish title -> Swedish title and agenda. Held meetings and their
# memos stay in Finnish only (they show the Finnish text, marked as Finnish, on /sv/).
MEETINGS_SV = {
    "Ohjausryhmän kokous: toimeenpanon seuranta": (
        "Styrgruppens möte: uppföljning av genomförandet",
        "1. Lägesöversikt över sysselsättningsområdena\n2. Planering av efterhandsutvärderingen",
    ),
    "Muutosvalmennuksen ohjausryhmän kokous: palautteen käsittely": (
        "Styrgruppen för förändringsträning: behandling av responsen",
        "1. Resultaten av personalenkäten\n2. Fortsatt arbetshandledning",
    ),
    "Muutosvalmennuksen ohjausryhmän kokous: loppuraportti": (
        "Styrgruppen för förändringsträning: slutrapport",
        "1. Slutrapporten om förändringsträningen\n2. God praxis som förs vidare",
    ),
    "Henkilöstön siirtymä: palkkaharmonisoinnin tilanne": (
        "Personalens övergång: läget i löneharmoniseringen",
        "1. Läget i löneharmoniseringen\n2. Personalenkät",
    ),
    "Tietojärjestelmät: asiakastietojärjestelmän uudistaminen": (
        "Informationssystem: förnyelse av kunddatasystemet",
        "1. Alternativ för förnyelsen\n2. Tidsplan",
    ),
    "Asiakaspalvelun jatkuvuus: asiakaspalautteen seuranta": (
        "Kundservicens kontinuitet: uppföljning av kundresponsen",
        "1. Kundresponsen 2026\n2. Utvecklingsområden",
    ),
    "Viestintä: jälkiarvioinnin viestintä": (
        "Kommunikation: kommunikationen om efterhandsutvärderingen",
        "1. Publiceringen av resultaten av efterhandsutvärderingen",
    ),
    "KOTO2024: kotoutumisen seuranta": (
        "KOTO2024: uppföljning av integrationen",
        "1. Uppföljningsdata 2026",
    ),
    "Muutosturva: loppuraportti": (
        "Omställningsskydd: slutrapport",
        "1. Slutrapport\n2. Rekommendationer",
    ),
}

# slug, name (fi), name (sv), name (en), mandate (Markdown), parent slug, visibility, order
GROUPS = [
    (
        "ohjausryhma",
        "Ohjausryhmä",
        "Styrgrupp",
        "Steering group",
        "Ohjausryhmä johtaa TE-palvelut 2024 -uudistuksen toimeenpanoa, sovittaa yhteen "
        "valtakunnallisen ja alueellisen valmistelun ja hyväksyy toimeenpano-ohjelman.",
        None,
        Visibility.PUBLIC,
        10,
    ),
    (
        COACHING,
        "Muutosvalmennuksen ohjausryhmä",
        "Styrgruppen för förändringsträning",
        "Change coaching steering group",
        "Ohjausryhmän tehtävänä on linjata ja ohjata valtion sekä kuntien muutoksen kohteena "
        "olevan henkilöstön yhteisen muutosvalmennuksen suunnittelua ja toteutusta.\n\n"
        "Ohjausryhmässä on kattava asiantuntijajoukko sekä edustus jokaisesta "
        "kuntatyyppiverkostosta.",
        None,
        Visibility.PUBLIC,
        20,
    ),
    (
        "perehdytysohjelma",
        "Perehdytysohjelman valmisteluryhmä",
        "Beredningsgruppen för introduktionsprogrammet",
        "Induction programme working group",
        "Valmistelee uuteen organisaatioon siirtyvän henkilöstön perehdytysohjelman.",
        COACHING,
        Visibility.STAFF,
        21,
    ),
    (
        "henkiloston-siirtyma",
        "Henkilöstön siirtymä",
        "Personalens övergång",
        "Transfer of staff",
        "Valmistelee henkilöstön siirron liikkeen luovutuksella valtiolta kuntiin 1.1.2025 "
        "ja siihen liittyvät henkilöstöjärjestelyt yhteistoiminnassa henkilöstön kanssa.",
        None,
        Visibility.PUBLIC,
        30,
    ),
    (
        "tietojarjestelmat",
        "Tietojärjestelmät",
        "Informationssystem",
        "Information systems",
        "Varmistaa, että asiakastietojärjestelmät, Työmarkkinatori ja kuntien järjestelmät "
        "toimivat yhdessä siirtymähetkellä.",
        None,
        Visibility.PUBLIC,
        40,
    ),
    (
        "asiakaspalvelun-jatkuvuus",
        "Asiakaspalvelun jatkuvuus",
        "Kundservicens kontinuitet",
        "Continuity of customer service",
        "Turvaa palvelujen jatkuvuuden asiakkaille muutosvaiheessa.",
        None,
        Visibility.PUBLIC,
        50,
    ),
    (
        "viestinta",
        "Viestintä",
        "Kommunikation",
        "Communication",
        "Vastaa uudistuksen avoimesta ja ajantasaisesta viestinnästä sekä valtion ja kuntien "
        "yhteisestä viestintä-, vuorovaikutus- ja yhteistyöalustasta.",
        None,
        Visibility.PUBLIC,
        60,
    ),
    (
        "koto2024",
        "KOTO2024",
        "KOTO2024",
        "KOTO2024",
        "Sovittaa kotoutumislain uudistuksen (KOTO2024) toimeenpanon yhteen TE-palvelut 2024 "
        "-uudistuksen kanssa.",
        None,
        Visibility.PUBLIC,
        70,
    ),
    (
        "muutosturva",
        "Muutosturva",
        "Omställningsskydd",
        "Change security",
        "Seuraa henkilöstön muutosturvaa ja jaksamista siirtymässä.",
        None,
        Visibility.PUBLIC,
        80,
    ),
]

TASKS = {
    "ohjausryhma": [
        "Hyväksyä valtakunnallinen toimeenpano-ohjelma",
        "Seurata toimeenpanon etenemistä ja riskejä",
        "Sovittaa yhteen alueellinen ja valtakunnallinen valmistelu",
    ],
    COACHING: [
        "Linjata muutosvalmennuksen sisällöt ja toteutustavat",
        "Ohjata muutosvalmennuksen kilpailutusta",
        "Käynnistää perehdytysohjelman valmistelu",
    ],
    "henkiloston-siirtyma": [
        "Valmistella liikkeen luovutuksen henkilöstöjärjestelyt",
        "Järjestää yhteistoimintamenettelyt henkilöstön edustajien kanssa",
    ],
    "tietojarjestelmat": ["Laatia järjestelmien siirtymäsuunnitelma"],
    "asiakaspalvelun-jatkuvuus": ["Tunnistaa asiakasprosessien riskikohdat siirtymässä"],
    "viestinta": ["Ylläpitää yhteistä viestintä- ja yhteistyöalustaa"],
}

GOALS = {
    COACHING: [
        "Hyvä yhteistyö valtio- ja kuntatoimijoiden välillä",
        "Henkilöstön osaamisen, motivaation ja voimavarojen tukeminen muutoksessa",
    ],
    "ohjausryhma": ["Palvelut jatkuvat asiakkaille katkeamatta 1.1.2025"],
    "asiakaspalvelun-jatkuvuus": ["Ei katkoksia asiakkaiden palveluissa siirtymähetkellä"],
}

# group slug -> (email local part, role, organisation slug or None for the person's own)
MEMBERS = {
    "ohjausryhma": [
        ("heidi.makinen", MemberRole.CHAIR, "tyo-ja-elinkeinoministerio"),
        ("liisa.lahtinen", MemberRole.VICE_CHAIR, "kuntaliitto"),
        ("viestinta", MemberRole.SECRETARY, "tyo-ja-elinkeinoministerio"),
        ("kalle.kehittaja", MemberRole.MEMBER, "keha-keskus"),
        ("minna.leinonen", MemberRole.MEMBER, "helsingin-kuntakokeilu"),
        ("ville.lehtinen", MemberRole.MEMBER, "tampereen-seudun-kuntakokeilu"),
        ("aino.virtanen", MemberRole.DEPUTY, "uudenmaan-te-toimisto"),
    ],
    COACHING: [
        ("timo.rantanen", MemberRole.CHAIR, "tyo-ja-elinkeinoministerio"),
        ("viestinta", MemberRole.SECRETARY, "tyo-ja-elinkeinoministerio"),
        ("kalle.kehittaja", MemberRole.MEMBER, "keha-keskus"),
        ("sari.heinonen", MemberRole.MEMBER, "hameen-te-toimisto"),
        ("juha.heikkinen", MemberRole.MEMBER, "pirkanmaan-te-toimisto"),
        ("liisa.lahtinen", MemberRole.MEMBER, "kuntaliitto"),
        ("riikka.laine", MemberRole.MEMBER, None),
        ("outi.salo", MemberRole.EXPERT, None),
        ("tiina.tiimilainen", MemberRole.DEPUTY, "hameen-te-toimisto"),
    ],
    "perehdytysohjelma": [
        ("sari.heinonen", MemberRole.CHAIR, "hameen-te-toimisto"),
        ("elina.miettinen", MemberRole.SECRETARY, None),
        ("tiina.tiimilainen", MemberRole.MEMBER, "hameen-te-toimisto"),
    ],
    "henkiloston-siirtyma": [
        ("ville.lehtinen", MemberRole.CHAIR, None),
        ("pekka.eriksson", MemberRole.SECRETARY, None),
        ("katja.heikkila", MemberRole.MEMBER, None),
        ("hanna.salonen", MemberRole.MEMBER, None),
    ],
    "tietojarjestelmat": [
        ("kalle.kehittaja", MemberRole.CHAIR, "keha-keskus"),
        ("johanna.makela", MemberRole.SECRETARY, None),
        ("marko.jokinen", MemberRole.EXPERT, None),
    ],
    "asiakaspalvelun-jatkuvuus": [
        ("liisa.lahtinen", MemberRole.CHAIR, None),
        ("tiina.tiimilainen", MemberRole.MEMBER, "hameen-te-toimisto"),
        ("laura.lahtinen", MemberRole.MEMBER, None),
    ],
    "viestinta": [
        ("viestinta", MemberRole.CHAIR, "tyo-ja-elinkeinoministerio"),
        ("sofia.lindholm", MemberRole.MEMBER, None),
    ],
    "koto2024": [("teemu.korhonen", MemberRole.CHAIR, None)],
    "muutosturva": [("viestinta", MemberRole.EXPERT, "tyo-ja-elinkeinoministerio")],
}

CONTACTS = {
    COACHING: ["viestinta"],
    "ohjausryhma": ["viestinta"],
    "viestinta": ["viestinta"],
    "tietojarjestelmat": ["kalle.kehittaja"],
}

MEMO_9_12_2022 = """\
Ohjausryhmä kokoontui toisen kerran käsittelemään henkilökartoituksen alustavia tuloksia, \
muutosvalmennuksen käynnistämiseen liittyviä kysymyksiä sekä muutosvalmennuksen \
viestintäsuunnitelmaa.

### Henkilökartoituksen alustavat tulokset

Kyselyllä kartoitettiin ELY-keskusten, KEHA-keskuksen, kuntakokeilujen ja TE-toimistojen \
henkilöstön henkilökohtaisia muutostuen tarpeita. Vastauksissa korostuivat:

- muutoksessa jaksaminen
- muutosmotivaatio
- työnohjauksen tarve.

Toimintakulttuurin muutokseen valmistautumisessa esiin nousivat hyvien käytänteiden \
jakaminen ja kontaktien luominen tulevaan organisaatioon, hyvinvointialueiden ja muiden \
yhdyspintojen tunnistaminen sekä yhteistyön tekeminen. Säännölliset keskustelu- ja \
infotilaisuudet ja yhteinen tiedotus- ja keskustelualusta koettiin erittäin tarpeellisiksi. \
Huolta koettiin henkilöstön kuormittumisesta sekä asiakaspalveluprosessien onnistumisesta \
muutoksen edetessä.

### Alueellinen ja paikallinen muutosvalmennus

Keskusteltiin siitä, millaista muutosvalmennusta on järkevää toteuttaa alueellisesti ja \
mitä paikallisesti.
"""

DECISIONS_9_12_2022 = """\
- Alkuvuonna 2023 henkilöstölle järjestetään lyhyitä valtakunnallisia tilaisuuksia \
Teamsin välityksellä.
- Seuraavassa kokouksessa 13.1.2023 keskitytään muutosvalmennuksen käynnistämiseen, \
kilpailutukseen ja perehdytysohjelman valmistelun käynnistämiseen.
"""

AGENDA_13_1_2023 = """\
1. Kokouksen avaus
2. Muutosvalmennuksen käynnistäminen
3. Muutosvalmennuksen kilpailutus
4. Perehdytysohjelman valmistelun käynnistäminen
5. Muut asiat
"""

# group slug, title, starts_at, status, visibility, location, agenda
MEETINGS = [
    (
        COACHING,
        "Muutosvalmennuksen ohjausryhmän kokous 9.12.2022",
        _at(2022, 12, 9, 9),
        MeetingStatus.HELD,
        Visibility.PUBLIC,
        "Teams",
        "1. Henkilökartoituksen alustavat tulokset\n2. Muutosvalmennuksen käynnistäminen\n"
        "3. Muutosvalmennuksen viestintäsuunnitelma",
    ),
    (
        COACHING,
        "Muutosvalmennuksen ohjausryhmän kokous 13.1.2023",
        _at(2023, 1, 13, 9),
        MeetingStatus.HELD,
        Visibility.PUBLIC,
        "Teams",
        AGENDA_13_1_2023,
    ),
    (
        "ohjausryhma",
        "Ohjausryhmän kokous: toimeenpano-ohjelman hyväksyminen",
        _at(2023, 3, 24, 13),
        MeetingStatus.HELD,
        Visibility.PUBLIC,
        "Työ- ja elinkeinoministeriö, Aleksanterinkatu 4, Helsinki",
        "1. Valtakunnallinen toimeenpano-ohjelma\n2. Työryhmien väliraportit",
    ),
    (
        "henkiloston-siirtyma",
        "Yhteistoimintaneuvottelu henkilöstön edustajien kanssa",
        _at(2024, 5, 15, 10),
        MeetingStatus.HELD,
        Visibility.STAFF,
        "Teams",
        "1. Liikkeen luovutuksen aikataulu\n2. Henkilöstöluettelot",
    ),
    (
        "ohjausryhma",
        "Ohjausryhmän kokous: toimeenpanon seuranta",
        _ahead(9, 2, 13),
        MeetingStatus.PLANNED,
        Visibility.PUBLIC,
        "Teams",
        "1. Työllisyysalueiden tilannekatsaus\n2. Jälkiarvioinnin suunnittelu",
    ),
    (
        COACHING,
        "Muutosvalmennuksen ohjausryhmän kokous: palautteen käsittely",
        _ahead(13, 4, 9),
        MeetingStatus.PLANNED,
        Visibility.MEMBERS,
        "Teams",
        "1. Henkilöstökyselyn tulokset\n2. Työnohjauksen jatko",
    ),
]

# Every public group's schedule beyond the meetings above: past meetings (held, each with a
# short published memo) and coming ones. group slug, title, starts_at, location, agenda,
# memo (summary, decisions) or None for a meeting still to come.
TEM = "Työ- ja elinkeinoministeriö, Aleksanterinkatu 4, Helsinki"
SCHEDULE = [
    # Steering group
    ("ohjausryhma", "Ohjausryhmän kokous: työllisyysalueiden muodostuminen", _at(2024, 2, 14, 13),
     TEM, "1. Työllisyysalueiden tilanne\n2. Toimeenpanon riskit\n3. Työryhmien raportit",
     ("Käsiteltiin kuntien ilmoitukset työllisyysalueista ja toimeenpanon riskikartta.",
      "- Merkittiin tiedoksi, että kunnat ovat muodostaneet 45 työllisyysaluetta.\n"
      "- Tietojärjestelmien aikataulu nostetaan seurantaan jokaiseen kokoukseen.")),
    ("ohjausryhma", "Ohjausryhmän kokous: valmius siirtymään 1.1.2025", _at(2024, 11, 20, 13),
     TEM, "1. Valmiuskatsaus työryhmittäin\n2. Vuodenvaihteen tilannekuva",
     ("Työryhmät esittivät valmiutensa siirtymään. Henkilöstön siirto ja asiakastietojen "
      "siirto etenevät aikataulussa; järjestelmäintegraatiot ovat myöhässä.",
      "- Vuodenvaihteeseen perustetaan yhteinen tilannekuvaryhmä 16.12.2024–31.1.2025.\n"
      "- Integraatioiden viivästyksen varalle hyväksyttiin varamenettely.")),
    ("ohjausryhma", "Ohjausryhmän kokous: ensimmäisen puolen vuoden kokemukset",
     _at(2025, 6, 11, 13), "Teams", "1. Työllisyysalueiden kokemukset\n2. Jälkiarviointi",
     ("Työllisyysalueet kertoivat ensimmäisen puolen vuoden kokemuksista.",
      "- Uudistuksen jälkiarviointi käynnistetään syksyllä 2025.\n"
      "- Työllisyysalueiden tilannekatsaus pidetään jatkossa kahdesti vuodessa.")),
    # Change coaching steering group
    (COACHING, "Muutosvalmennuksen ohjausryhmän kokous 12.5.2023", _at(2023, 5, 12, 9),
     "Teams", "1. Kilpailutuksen tulos\n2. Valmennusten aikataulu",
     ("Ohjausryhmä käsitteli muutosvalmennuksen kilpailutuksen tuloksen.",
      "- Valmennukset alkavat syyskuussa 2023 ja toteutetaan kuntatyyppiverkostoittain.\n"
      "- Esihenkilöille järjestetään oma valmennuspolku.")),
    (COACHING, "Muutosvalmennuksen ohjausryhmän kokous 4.10.2024", _at(2024, 10, 4, 9),
     "Teams", "1. Perehdytysohjelma\n2. Esihenkilöiden tuki vuodenvaihteessa",
     ("Perehdytysohjelma esiteltiin valmiina.",
      "- Perehdytysohjelma hyväksyttiin käyttöön kaikilla työllisyysalueilla.\n"
      "- Esihenkilöille järjestetään lisävalmennus marraskuussa 2024.")),
    (COACHING, "Muutosvalmennuksen ohjausryhmän kokous: loppuraportti", _ahead(7, 4, 9),
     "Teams", "1. Muutosvalmennuksen loppuraportti\n2. Hyvät käytännöt jatkoon", None),
    # Transfer of staff
    ("henkiloston-siirtyma", "Henkilöstön siirtymä: liikkeen luovutuksen periaatteet",
     _at(2023, 9, 6, 10), "Teams", "1. Liikkeen luovutuksen periaatteet\n2. Yhteistoiminta",
     ("Käsiteltiin henkilöstön siirron periaatteet liikkeen luovutuksessa.",
      "- Siirtyvät työntekijät siirtyvät niin sanottuina vanhoina työntekijöinä.\n"
      "- Henkilöstön edustajat kutsutaan jokaiseen kokoukseen.")),
    ("henkiloston-siirtyma", "Henkilöstön siirtymä: sijoittuminen työllisyysalueille",
     _at(2024, 3, 20, 10), "Teams", "1. Henkilöstön sijoittuminen\n2. Tehtävänkuvat",
     ("Käytiin läpi henkilöstön sijoittuminen työllisyysalueille ja tehtävänkuvat.",
      "- Henkilöstön sijoittuminen perustuu pääosin nykyiseen työskentelypaikkaan.\n"
      "- Tehtävänkuvien vertailutaulukko julkaistaan huhtikuussa 2024.")),
    ("henkiloston-siirtyma", "Henkilöstön siirtymä: siirtosopimukset", _at(2024, 9, 25, 10),
     "Teams", "1. Siirtosopimusten malli\n2. Palkkaharmonisointi",
     ("Käsiteltiin valtion ja kuntien siirtosopimusten malli.",
      "- Siirtosopimusten malliteksti hyväksyttiin kuntien käyttöön.\n"
      "- Palkkaharmonisoinnin tilannetta seurataan vuoden 2025 ajan.")),
    ("henkiloston-siirtyma", "Henkilöstön siirtymä: palkkaharmonisoinnin tilanne",
     _ahead(11, 2, 10), "Teams", "1. Palkkaharmonisoinnin tilanne\n2. Henkilöstökysely", None),
    # Information systems
    ("tietojarjestelmat", "Tietojärjestelmät: siirtymäsuunnitelman lähtökohdat",
     _at(2023, 6, 14, 13), "KEHA-keskus, Teams", "1. Nykyiset järjestelmät\n2. Siirtymäsuunnitelma",
     ("Käytiin läpi asiakastietojärjestelmät ja siirtymäsuunnitelman lähtökohdat.",
      "- Asiakastietojärjestelmän käyttö jatkuu kunnissa siirtymäkauden ajan.\n"
      "- KEHA-keskus valmistelee käyttöoikeuksien siirron.")),
    ("tietojarjestelmat", "Tietojärjestelmät: kuntien integraatiot", _at(2024, 4, 10, 13),
     "Teams", "1. Integraatioiden aikataulu\n2. Testaus",
     ("Käsiteltiin kuntien järjestelmien integraatiot Työmarkkinatoriin.",
      "- Integraatioiden testaus aloitetaan kesäkuussa 2024 viiden pilottialueen kanssa.")),
    ("tietojarjestelmat", "Tietojärjestelmät: käyttöoikeuksien siirto", _at(2024, 12, 4, 13),
     "Teams", "1. Käyttöoikeudet 1.1.2025\n2. Integraatioiden tilanne",
     ("Todettiin käyttöoikeuksien siirron olevan valmis; integraatiot ovat myöhässä.",
      "- Varamenettely (tiedonsiirto käsin) otetaan käyttöön 1.1.2025.\n"
      "- Integraatioiden uusi tavoiteaika on kevät 2025.")),
    ("tietojarjestelmat", "Tietojärjestelmät: asiakastietojärjestelmän uudistaminen",
     _ahead(15, 2, 13), "Teams", "1. Uudistamisen vaihtoehdot\n2. Aikataulu", None),
    # Continuity of customer service
    ("asiakaspalvelun-jatkuvuus", "Asiakaspalvelun jatkuvuus: asiakasprosessien riskikohdat",
     _at(2023, 10, 11, 9), "Teams", "1. Asiakasprosessien kartoitus\n2. Riskikohdat",
     ("Kartoitettiin asiakasprosessit, jotka ylittävät siirtymäpäivän.",
      "- Riskikohdiksi tunnistettiin työvoimapoliittiset lausunnot ja palkkatukipäätökset.\n"
      "- Keskeneräisille asioille laaditaan siirtoluettelo.")),
    ("asiakaspalvelun-jatkuvuus", "Asiakaspalvelun jatkuvuus: asiakasviestintä",
     _at(2024, 6, 12, 9), "Teams", "1. Asiakkaiden siirtoviestit\n2. Puhelinpalvelu",
     ("Käsiteltiin asiakkaille lähetettävät siirtoviestit.",
      "- Asiakkaille lähetetään siirtoviesti marraskuussa 2024 verkkoasioinnissa.\n"
      "- Puhelinpalveluun varataan lisähenkilöstöä tammikuuksi 2025.")),
    ("asiakaspalvelun-jatkuvuus", "Asiakaspalvelun jatkuvuus: siirtymän ensimmäiset viikot",
     _at(2025, 2, 5, 9), "Teams", "1. Palvelujen tilanne\n2. Jatkotoimet",
     ("Palvelut jatkuivat ilman merkittäviä katkoksia; puhelinpalvelussa oli jonoja.",
      "- Puhelinpalvelun jonotilanne raportoidaan viikoittain maaliskuun loppuun.\n"
      "- Ryhmä kokoontuu jatkossa puolivuosittain.")),
    ("asiakaspalvelun-jatkuvuus", "Asiakaspalvelun jatkuvuus: asiakaspalautteen seuranta",
     _ahead(8, 2, 9), "Teams", "1. Asiakaspalaute 2026\n2. Kehittämiskohteet", None),
    # Communication
    ("viestinta", "Viestintä: viestintäsuunnitelma", _at(2023, 2, 8, 10), TEM,
     "1. Viestintäsuunnitelma\n2. Yhteinen alusta",
     ("Käsiteltiin uudistuksen viestintäsuunnitelma.",
      "- Viestintäsuunnitelma hyväksyttiin.\n"
      "- Yhteinen viestintä- ja yhteistyöalusta otetaan käyttöön keväällä 2023.")),
    ("viestinta", "Viestintä: henkilöstöinfojen sarja", _at(2023, 11, 15, 10), "Teams",
     "1. Henkilöstöinfot 2024\n2. Palaute",
     ("Suunniteltiin henkilöstölle suunnattujen infotilaisuuksien sarja.",
      "- Henkilöstölle järjestetään kuukausittainen Teams-info kevään 2024 ajan.")),
    ("viestinta", "Viestintä: vuodenvaihteen viestintä", _at(2024, 12, 11, 10), "Teams",
     "1. Viestintä 1.1.2025\n2. Päivystys",
     ("Sovittiin vuodenvaihteen viestinnän vastuista.",
      "- Viestinnän päivystys järjestetään 2.–17.1.2025.\n"
      "- Työllisyysalueiden yhteystiedot julkaistaan 1.1.2025.")),
    ("viestinta", "Viestintä: jälkiarvioinnin viestintä", _ahead(6, 2, 10), "Teams",
     "1. Jälkiarvioinnin tulosten julkaisu", None),
    # KOTO2024
    ("koto2024", "KOTO2024: toimeenpanon yhteensovitus", _at(2023, 4, 19, 13), "Teams",
     "1. Kotoutumislain toimeenpano\n2. Yhteiset aikataulut",
     ("Käsiteltiin kotoutumislain uudistuksen ja TE-uudistuksen yhteiset aikataulut.",
      "- Kotoutumispalvelujen ja TE-palvelujen siirrot toteutetaan samaan aikaan 1.1.2025.")),
    ("koto2024", "KOTO2024: kotoutumisohjelmat kunnissa", _at(2024, 1, 17, 13), "Teams",
     "1. Kotoutumisohjelmat\n2. Osaamisen tunnistaminen",
     ("Käsiteltiin kuntien kotoutumisohjelmien valmistelua.",
      "- Kunnille laaditaan kotoutumisohjelman malli maaliskuuhun 2024 mennessä.")),
    ("koto2024", "KOTO2024: monikielinen ohjaus", _at(2025, 3, 12, 13), "Teams",
     "1. Monikielinen neuvonta\n2. Tulkkauspalvelut",
     ("Käsiteltiin monikielisen ohjauksen järjestämistä työllisyysalueilla.",
      "- Tulkkauspalvelujen yhteishankintaa selvitetään syksyyn 2025 mennessä.")),
    ("koto2024", "KOTO2024: kotoutumisen seuranta", _ahead(14, 2, 13), "Teams",
     "1. Seurantatiedot 2026", None),
    # Change security
    ("muutosturva", "Muutosturva: jaksamisen seuranta", _at(2023, 8, 23, 9), "Teams",
     "1. Jaksamiskysely\n2. Työnohjaus",
     ("Sovittiin, miten henkilöstön jaksamista seurataan siirtymän aikana.",
      "- Jaksamista seurataan kyselyllä puolen vuoden välein.")),
    ("muutosturva", "Muutosturva: kyselyn tulokset", _at(2024, 8, 21, 9), "Teams",
     "1. Jaksamiskyselyn tulokset\n2. Tukitoimet",
     ("Käsiteltiin jaksamiskyselyn tulokset; kuormitus on kasvanut.",
      "- Työnohjausta laajennetaan siirtyvien yksiköiden esihenkilöille.")),
    ("muutosturva", "Muutosturva: tilanne siirtymän jälkeen", _at(2025, 5, 14, 9), "Teams",
     "1. Kyselyn tulokset 2025\n2. Jatko",
     ("Jaksaminen on parantunut vuodenvaihteen jälkeen.",
      "- Kysely toistetaan keväällä 2026 viimeisen kerran.")),
    ("muutosturva", "Muutosturva: loppuraportti", _ahead(18, 2, 9), "Teams",
     "1. Loppuraportti\n2. Suositukset", None),
]  # fmt: skip

# Memos of the meetings in MEETINGS above (the memo of 9.12.2022 has its own text).
MEETING_MEMOS = {
    "Muutosvalmennuksen ohjausryhmän kokous 13.1.2023": (
        "Ohjausryhmä käynnisti muutosvalmennuksen ja sen kilpailutuksen.",
        "- Muutosvalmennuksen kilpailutus käynnistetään helmikuussa 2023.\n"
        "- Perehdytysohjelman valmistelu käynnistetään kevään 2023 aikana.",
    ),
    "Ohjausryhmän kokous: toimeenpano-ohjelman hyväksyminen": (
        "Ohjausryhmä käsitteli valtakunnallisen toimeenpano-ohjelman ja työryhmien väliraportit.",
        "- Toimeenpano-ohjelma hyväksyttiin.\n"
        "- Työryhmät raportoivat ohjausryhmälle neljännesvuosittain.",
    ),
}

# group slug, title, due_on, status, visibility
MILESTONES = [
    ("ohjausryhma", "Lait vahvistetaan", datetime.date(2023, 3, 31), MilestoneStatus.DONE,
     Visibility.PUBLIC),
    ("ohjausryhma", "Toimeenpano-ohjelma valmis", datetime.date(2023, 3, 31),
     MilestoneStatus.DONE, Visibility.PUBLIC),
    ("ohjausryhma", "Henkilöstön siirto liikkeen luovutuksella", datetime.date(2025, 1, 1),
     MilestoneStatus.DONE, Visibility.PUBLIC),
    ("ohjausryhma", "Uudistuksen jälkiarviointi valmis", _due_ahead(30),
     MilestoneStatus.PLANNED, Visibility.PUBLIC),
    (COACHING, "Muutosvalmennuksen kilpailutus ratkaistu", datetime.date(2023, 4, 30),
     MilestoneStatus.DONE, Visibility.PUBLIC),
    (COACHING, "Perehdytysohjelma valmis", datetime.date(2024, 9, 30), MilestoneStatus.DONE,
     Visibility.PUBLIC),
    (COACHING, "Henkilöstökyselyn tulosten analyysi (sisäinen)", _due_ahead(8),
     MilestoneStatus.IN_PROGRESS, Visibility.STAFF),
    ("henkiloston-siirtyma", "Henkilöstöluettelot kunnille", datetime.date(2024, 6, 30),
     MilestoneStatus.DONE, Visibility.STAFF),
    ("tietojarjestelmat", "Kuntien järjestelmäintegraatiot tuotannossa",
     datetime.date(2024, 12, 1), MilestoneStatus.LATE, Visibility.PUBLIC),
    ("asiakaspalvelun-jatkuvuus", "Asiakkaiden siirtoviestit lähetetty",
     datetime.date(2024, 11, 30), MilestoneStatus.DONE, Visibility.PUBLIC),
]  # fmt: skip


def _people() -> dict[str, object]:
    user_model = get_user_model()
    users = user_model.objects.filter(email__endswith=f"@{DOMAIN}", is_active=True).select_related(
        "organisation"
    )
    return {user.email.split("@")[0]: user for user in users}


@transaction.atomic
def load_demo_programme(*, today: datetime.date | None = None) -> Programme:
    """Create or update the TE-services 2024 programme and its groups. Idempotent."""
    programme, _ = Programme.objects.update_or_create(
        slug=PROGRAMME_SLUG,
        defaults={
            "name_fi": "TE-palvelut 2024 -uudistus",
            "name_sv": "TE-tjänster 2024-reformen",
            "name_en": "TE Services 2024 reform",
            "summary_fi": "Valtakunnallinen toimeenpano-ohjelma: julkiset työvoima- ja "
            "yrityspalvelut siirtyvät kuntien järjestettäviksi 1.1.2025.",
            "summary_sv": "Det nationella genomförandeprogrammet: de offentliga arbetskrafts- "
            "och företagstjänsterna överförs till kommunerna den 1 januari 2025.",
            "summary_en": "The national implementation programme: public employment and "
            "business services move to the municipalities on 1 January 2025.",
            "description_fi": DESCRIPTION,
            "description_sv": DESCRIPTION_SV,
            "description_en": DESCRIPTION_EN,
            "starts_on": datetime.date(2022, 12, 2),
            "ends_on": datetime.date(2027, 12, 31),
        },
    )
    groups: dict[str, WorkingGroup] = {}
    for slug, fi, sv, en, mandate, parent, visibility, order in GROUPS:
        groups[slug], _ = WorkingGroup.objects.update_or_create(
            programme=programme,
            slug=slug,
            defaults={
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "mandate_fi": mandate,
                "mandate_sv": MANDATES.get(slug, ("", ""))[0],
                "mandate_en": MANDATES.get(slug, ("", ""))[1],
                "parent": groups.get(parent) if parent else None,
                "visibility": visibility,
                "order": order,
            },
        )
    for model, items in ((GroupTask, TASKS), (GroupGoal, GOALS)):
        for slug, titles in items.items():
            for order, title in enumerate(titles, start=1):
                model.objects.update_or_create(
                    group=groups[slug],
                    title_fi=title,
                    defaults={"order": order, "title_sv": TITLES_SV.get(title, "")},
                )

    people = _people()
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=_org_slugs())}
    for slug, seats in MEMBERS.items():
        for local, role, organisation_slug in seats:
            person = people.get(local)
            if person is None:
                continue
            represents = organisations.get(organisation_slug) if organisation_slug else None
            Membership.objects.update_or_create(
                group=groups[slug],
                person=person,
                role=role,
                defaults={
                    "represents": represents or getattr(person, "organisation", None),
                    "term_start": datetime.date(2022, 10, 1),
                    "term_end": datetime.date(2027, 12, 31),
                },
            )
    for slug, locals_ in CONTACTS.items():
        groups[slug].contact_persons.add(*[people[p] for p in locals_ if p in people])

    meetings: dict[str, Meeting] = {}
    memos = dict(MEETING_MEMOS)
    schedule = []
    for slug, title, starts_at, location, agenda, memo_text in SCHEDULE:
        status = MeetingStatus.HELD if memo_text else MeetingStatus.PLANNED
        schedule.append((slug, title, starts_at, status, Visibility.PUBLIC, location, agenda))
        if memo_text:
            memos[title] = memo_text
    today = today or datetime.datetime.now(HELSINKI).date()
    for slug, title, starts_at, status, visibility, location, agenda in MEETINGS + schedule:
        starts_at = _when(starts_at, today)
        title_sv, agenda_sv = MEETINGS_SV.get(title, ("", ""))
        meetings[title], _ = Meeting.objects.update_or_create(
            group=groups[slug],
            title_fi=title,
            defaults={
                "title_sv": title_sv,
                "agenda_sv": agenda_sv,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=2),
                "status": status,
                "visibility": visibility,
                "location": location,
                "agenda_fi": agenda,
            },
        )
    # A meeting has at most one memo: the meeting is the memo's natural key.
    memo, _ = Memo.objects.update_or_create(
        group=groups[COACHING],
        meeting=meetings["Muutosvalmennuksen ohjausryhmän kokous 9.12.2022"],
        defaults={
            "title_fi": "TE-palvelut 2024 -muutosvalmennuksen ohjausryhmä 9.12.2022",
            "body_fi": MEMO_9_12_2022,
            "decisions_fi": DECISIONS_9_12_2022,
            "published_at": _at(2022, 12, 14, 9, 26),
            "visibility": Visibility.PUBLIC,
        },
    )
    for title, (summary, decisions) in memos.items():
        meeting = meetings[title]
        Memo.objects.update_or_create(
            group=meeting.group,
            meeting=meeting,
            defaults={
                "title_fi": f"{title} – muistio",
                "body_fi": summary,
                "decisions_fi": decisions,
                "published_at": meeting.starts_at + datetime.timedelta(days=5, hours=1),
                "visibility": Visibility.PUBLIC,
            },
        )
    for slug, title, due_on, status, visibility in MILESTONES:
        due_on = _when(due_on, today)
        due_on = due_on.date() if isinstance(due_on, datetime.datetime) else due_on
        Milestone.objects.update_or_create(
            group=groups[slug],
            title_fi=title,
            defaults={
                "title_sv": TITLES_SV.get(title, ""),
                "due_on": due_on,
                "status": status,
                "visibility": visibility,
            },
        )
    _demo_follows(
        people,
        programme=programme,
        coaching=groups[COACHING],
        memo=memo,
        meeting=meetings["Muutosvalmennuksen ohjausryhmän kokous 13.1.2023"],
    )
    return programme


# Who follows what in the demo, and what they were told: a newcomer who signs in as one of
# them finds a living notification list, not an empty page.
DEMO_FOLLOWERS = {
    "tiina.tiimilainen": ("programme", "coaching"),
    "liisa.lahtinen": ("programme",),
    "kalle.kehittaja": ("coaching",),
}


def _demo_follows(people, *, programme, coaching, memo, meeting) -> None:
    from django.contrib.contenttypes.models import ContentType

    from kaiku.notifications.models import Notification
    from kaiku.notifications.services import follow

    from . import notifications

    targets = {"programme": programme, "coaching": coaching}
    told = [
        (notifications.MEMO_PUBLISHED, memo, memo.published_at),
        (notifications.MEETING_CREATED, meeting, _at(2022, 12, 16, 10)),
    ]
    for local, followed in DEMO_FOLLOWERS.items():
        person = people.get(local)
        if person is None:
            continue
        for name in followed:
            follow(user=person, target=targets[name])
        for kind, about, when in told:
            row, created = Notification.objects.get_or_create(
                user=person,
                kind=kind,
                content_type=ContentType.objects.get_for_model(about),
                object_id=about.pk,
                defaults={
                    "title": about.title,
                    "context": coaching.name,
                    "url": about.get_absolute_url(),
                    "emailed_at": when,  # the demo never emails its past
                },
            )
            if created:  # the demo's history keeps its dates
                Notification.objects.filter(pk=row.pk).update(created=when)


def _org_slugs() -> set[str]:
    return {slug for seats in MEMBERS.values() for _, _, slug in seats if slug}


register_demo(30, load_demo_programme)
