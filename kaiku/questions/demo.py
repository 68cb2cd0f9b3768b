"""Demo questions (``manage.py load_demo``), after the people (20), the programme (30), the
news (40) and the discussions (45).

Questions of TE2024 staff about the transfer to the municipalities on 1.1.2025 (a transfer of
undertaking): holidays, pay, pensions, systems, the location of work, induction. Most are
answered by the chair or secretary of the right working group, for the organisation they
represent there; some are new, some assigned, a few overdue (asked longer ago than the group's
answer deadline, counted from today), one assigned to an expert, one merged into its
original (its votes moved there), one closed with a reason, a few in the FAQ, two for
signed-in staff only. Several people have each question too.

Rows are written directly, not through the services (no rate limits, no notifications, and
the dates of the demo's past), keeping what the services keep: ``vote_count`` is the number
of votes, ``terms`` the analysed text, ``answered_at`` and ``due_at`` set, askers and voters
follow their questions.

Idempotent: a question is found by its programme and text; one that exists is left as it is,
so loading again changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kaiku.accounts.demo import demo_people
from kaiku.core.content import Visibility
from kaiku.core.demo import register as register_demo

HELSINKI = ZoneInfo("Europe/Helsinki")

PROGRAMME_SLUG = "te-palvelut-2024"

# slug, name, order
TOPICS = [
    ("vuosilomat", "Vuosilomat", 10),
    ("palkkaus", "Palkkaus", 20),
    ("elakkeet", "Eläkkeet", 30),
    ("jarjestelmat", "Järjestelmät", 40),
    ("tyon-sijainti-ja-etatyo", "Työn sijainti ja etätyö", 50),
    ("liikkeen-luovutus", "Liikkeen luovutus", 60),
    ("perehdytys", "Perehdytys", 70),
    ("asiakaspalvelu", "Asiakaspalvelu", 80),
    ("muutosvalmennus-ja-jaksaminen", "Muutosvalmennus ja jaksaminen", 90),
]

# Days each group has to answer (the others have the default).
DEADLINES = {
    "henkiloston-siirtyma": 10,
    "tietojarjestelmat": 14,
    "perehdytysohjelma": 21,
    "asiakaspalvelun-jatkuvuus": 7,
    "muutosvalmennuksen-ohjausryhma": 14,
}

ANSWERED, NEW, ASSIGNED, OVERDUE, EXPERT, CLOSED, DUPLICATE = (
    "answered", "new", "assigned", "overdue", "expert", "closed", "duplicate",
)  # fmt: skip


def _at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


@dataclass(frozen=True)
class DemoQuestion:
    title: str
    asker: str
    topic: str
    group: str | None
    kind: str
    #: When it was asked: a date of the reform's past, or days before today (open ones).
    asked: datetime.datetime | int
    body: str = ""
    answer: str = ""
    answerer: str = ""
    #: An earlier answer, replaced by ``answer`` (kept as an earlier version).
    earlier_answer: str = ""
    voters: tuple[str, ...] = ()
    visibility: str = Visibility.PUBLIC
    faq_order: int = 0  # > 0: in the FAQ
    #: DUPLICATE: the title of the original; CLOSED: the reason; EXPERT: the expert.
    extra: str = ""
    answer_days: int = 3


Q = DemoQuestion

QUESTIONS: list[DemoQuestion] = [
    # --- Vuosilomat ------------------------------------------------------------------------
    Q(
        "Siirtyvätkö kertyneet vuosilomani kunnan palvelukseen?",
        "tiina.tiimilainen",
        "vuosilomat",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 3, 4, 10, 12),
        body="Minulla on noin 20 pitämätöntä lomapäivää tältä ja viime lomakaudelta.",
        answer="Kyllä. Henkilöstö siirtyy **liikkeen luovutuksella**, joten kertyneet ja "
        "pitämättömät vuosilomat siirtyvät uudelle työnantajalle sellaisinaan. Lomien "
        "pitämisestä sovitaan uuden esihenkilön kanssa tavalliseen tapaan.\n\n"
        "Lomia ei makseta rahana siirron yhteydessä.",
        earlier_answer="Kyllä, kertyneet vuosilomat siirtyvät uudelle työnantajalle.",
        answerer="pekka.eriksson",
        voters=(
            "aino.virtanen",
            "juha.heikkinen",
            "mika.laitinen",
            "hanna.salonen",
            "anu.koskinen",
            "satu.lindqvist",
        ),  # fmt: skip
        faq_order=1,
    ),
    Q(
        "Voinko pitää säästövapaani vielä siirron jälkeen?",
        "kirsi.lehtonen",
        "vuosilomat",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 3, 18, 14, 5),
        answer="Voit. Säästövapaat siirtyvät muiden vuosilomien mukana, ja ne pidetään "
        "säästövapaata koskevien ehtojen mukaan. Sovi ajankohdasta esihenkilösi kanssa.",
        answerer="ville.lehtinen",
        voters=("maria.karjalainen", "olli.ahonen"),
        faq_order=2,
    ),
    Q(
        "Lasketaanko valtiolla kertynyt palvelusaika lomaoikeuteen kunnassa?",
        "antti.manninen",
        "vuosilomat",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 4, 9, 8, 40),
        answer="Lasketaan. Vanhoina työntekijöinä siirtyvien palvelusaika otetaan huomioon "
        "lomaoikeutta ja muita palvelusaikaan sidottuja etuja määrättäessä.",
        answerer="pekka.eriksson",
        voters=("jari.jarvinen", "tuomas.nieminen", "eero.kinnunen"),
    ),
    Q(
        "Siirtyvätkö lomapäivät kuntaan sellaisenaan?",
        "noora.tuominen",
        "vuosilomat",
        None,
        DUPLICATE,
        _at(2024, 3, 6, 12, 30),
        voters=("paivi.pitkanen", "harri.niemi"),
        extra="Siirtyvätkö kertyneet vuosilomani kunnan palvelukseen?",
    ),
    Q(
        "Kommer min intjänade semester att överföras till kommunen?",
        "sofia.lindholm",
        "vuosilomat",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 4, 15, 13, 0),
        answer="Ja. Personalen övergår genom **överlåtelse av rörelse**, så intjänad semester "
        "följer med till den nya arbetsgivaren som sådan.",
        answerer="pekka.eriksson",
        voters=("teemu.korhonen",),
    ),
    # --- Palkkaus --------------------------------------------------------------------------
    Q(
        "Muuttuuko palkkani, kun siirryn kunnan palvelukseen?",
        "aino.virtanen",
        "palkkaus",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 2, 20, 9, 15),
        answer="Palkkasi ei laske siirron vuoksi. Siirtyvät ovat niin sanottuja vanhoja "
        "työntekijöitä, ja palvelussuhteen ehdot säilyvät. Valtion sopimusta sovelletaan sen "
        "voimassaolon loppuun, minkä jälkeen siirrytään kunta-alan sopimuksiin.",
        answerer="ville.lehtinen",
        voters=(
            "juha.heikkinen",
            "laura.lahtinen",
            "katja.heikkila",
            "minna.leinonen",
            "tiina.tiimilainen",
            "janne.savolainen",
            "anu.koskinen",
        ),  # fmt: skip
        faq_order=1,
    ),
    Q(
        "Mikä työehtosopimus minuun sovelletaan 1.1.2025 alkaen?",
        "harri.niemi",
        "palkkaus",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 5, 2, 11, 0),
        answer="Valtion virka- ja työehtosopimusta sovelletaan sen sopimuskauden loppuun. "
        "Sen jälkeen sovelletaan kunta-alan sopimusta (KVTES) tai muuta kunnassa "
        "sovellettavaa sopimusta.",
        answerer="pekka.eriksson",
        voters=("olli.ahonen", "henrik.aaltonen"),
        faq_order=2,
    ),
    Q(
        "Maksetaanko tammikuun palkka normaalisti uudesta palkkajärjestelmästä?",
        "mika.laitinen",
        "palkkaus",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 10, 8, 15, 20),
        answer="Kyllä. Tammikuun palkan maksaa uusi työnantaja omassa palkkapäivässään. "
        "Tarkista palkkapäivä ja tilinumero uuden työnantajan henkilöstöpalveluista "
        "joulukuun aikana.",
        answerer="ville.lehtinen",
        voters=("petri.vaisanen", "sami.salminen", "leena.hakala"),
    ),
    Q(
        "Säilyykö henkilökohtainen palkanosani?",
        "katja.heikkila",
        "palkkaus",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 6, 11, 10, 45),
        answer="Säilyy siirtohetkellä. Palkan osat sovitetaan kunnan palkkausjärjestelmään "
        "siirtymäkauden aikana, eikä kokonaispalkka laske järjestelyn vuoksi.",
        answerer="pekka.eriksson",
        voters=("maija.mattila",),
    ),
    Q(
        "Miksi joulukuun lisät puuttuivat tammikuun palkkalaskelmasta?",
        "satu.lindqvist",
        "palkkaus",
        "henkiloston-siirtyma",
        OVERDUE,
        40,
        body="Joulukuun ilta- ja lauantailisät eivät näy kummallakaan palkkalaskelmalla.",
        voters=("tuomas.nieminen", "anu.koskinen"),
    ),
    Q(
        "Minulle maksettiin väärä palkka marraskuussa, kuka korjaa?",
        "janne.savolainen",
        "palkkaus",
        None,
        CLOSED,
        _at(2024, 11, 20, 8, 10),
        extra="Yksittäistä palvelussuhdetta koskevat asiat hoidetaan oman esihenkilön ja "
        "palkkahallinnon kanssa, eikä niitä käsitellä julkisesti. Ota yhteyttä "
        "henkilöstöpalveluihin.",
    ),
    # --- Eläkkeet --------------------------------------------------------------------------
    Q(
        "Siirtyykö eläketurvani Kevaan?",
        "juha.heikkinen",
        "elakkeet",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 2, 27, 13, 30),
        answer="Eläketurvasi jatkuu katkeamatta. Valtion palveluksessa karttunut eläke säilyy, "
        "ja kunnan palveluksessa eläkettä karttuu julkisten alojen eläkelain mukaan. Keva "
        "hoitaa sekä valtion että kuntien eläkkeet.",
        answerer="ville.lehtinen",
        voters=("heidi.makinen", "eero.kinnunen", "jukka.hiltunen", "arto.turunen"),
        faq_order=1,
    ),
    Q(
        "Muuttuuko henkilökohtainen eläkeikäni siirrossa?",
        "jari.jarvinen",
        "elakkeet",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 3, 12, 9, 0),
        answer="Ei muutu. Siirto ei vaikuta henkilökohtaiseen eläkeikään eikä jo "
        "karttuneeseen eläkkeeseen.",
        answerer="pekka.eriksson",
        voters=("outi.salo", "petri.vaisanen"),
    ),
    Q(
        "Mistä näen, että eläkekertymäni siirtyi oikein?",
        "leena.hakala",
        "elakkeet",
        "henkiloston-siirtyma",
        ASSIGNED,
        3,
    ),
    # --- Järjestelmät ----------------------------------------------------------------------
    Q(
        "Millä järjestelmällä asiakastiedot kirjataan vuodenvaihteen jälkeen?",
        "hanna.salonen",
        "jarjestelmat",
        "tietojarjestelmat",
        ANSWERED,
        _at(2024, 5, 21, 10, 0),
        answer="Työllisyysalueet käyttävät valtakunnallisia asiakastietojärjestelmiä, joita "
        "KEHA-keskus ylläpitää. Käyttäjätunnukset siirretään ennen 1.1.2025, ja "
        "käyttöönotosta järjestetään koulutukset.",
        answerer="kalle.kehittaja",
        voters=("noora.tuominen", "minna.leinonen", "riikka.laine", "aino.virtanen"),
        faq_order=1,
    ),
    Q(
        "Siirtyvätkö nykyiset käyttöoikeuteni automaattisesti?",
        "noora.tuominen",
        "jarjestelmat",
        "tietojarjestelmat",
        ANSWERED,
        _at(2024, 9, 3, 14, 0),
        answer="Nykyiset käyttöoikeudet siirretään, mutta uusi työnantaja tarkistaa ne "
        "ensimmäisen kuukauden aikana. Jos jokin oikeus puuttuu, pyydä sitä esihenkilöltäsi.",
        earlier_answer="Käyttöoikeudet haetaan uudelleen uuden työnantajan kautta.",
        answerer="johanna.makela",
        voters=("sami.salminen", "paivi.pitkanen"),
    ),
    Q(
        "Saanko pitää nykyisen työkannettavani?",
        "eero.kinnunen",
        "jarjestelmat",
        "tietojarjestelmat",
        ANSWERED,
        _at(2024, 9, 17, 12, 0),
        answer="Valtion laitteet palautetaan, ja uusi työnantaja antaa omat laitteensa. "
        "Palautusohjeet tulevat KEHA-keskukselta marraskuussa.",
        answerer="johanna.makela",
        voters=("jukka.hiltunen", "maria.karjalainen", "ilkka.hamalainen"),
    ),
    Q(
        "Näkyvätkö vanhat asiakasasiakirjat uudessa järjestelmässä?",
        "riikka.laine",
        "jarjestelmat",
        "tietojarjestelmat",
        EXPERT,
        5,
        body="Tarvitsen asiakkaan aiemmat suunnitelmat palvelutarpeen arviointiin.",
        voters=("laura.lahtinen",),
        extra="marko.jokinen",
    ),
    Q(
        "Miksi Työmarkkinatorin integraatio kuntamme järjestelmään katkeilee?",
        "petri.vaisanen",
        "jarjestelmat",
        "tietojarjestelmat",
        OVERDUE,
        30,
        body="Integraatio on katkennut kolmesti tässä kuussa, ja työnhakijoiden tiedot "
        "päivittyvät viiveellä.",
        voters=("sami.salminen", "arto.turunen", "leena.hakala"),
    ),
    Q(
        "Milloin etäkäyttöyhteyden tunnukset vaihtuvat?",
        "sami.salminen",
        "jarjestelmat",
        "tietojarjestelmat",
        ANSWERED,
        _at(2024, 11, 5, 9, 30),
        answer="Tunnukset vaihtuvat siirtoviikonloppuna 28.–29.12.2024. Uudet tunnukset "
        "toimitetaan henkilökohtaisesti esihenkilön kautta.",
        answerer="kalle.kehittaja",
        visibility=Visibility.STAFF,
        voters=("harri.niemi",),
    ),
    # --- Työn sijainti ja etätyö -----------------------------------------------------------
    Q(
        "Voinko jatkaa etätyötä kunnan palveluksessa?",
        "minna.leinonen",
        "tyon-sijainti-ja-etatyo",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 4, 23, 10, 30),
        answer="Etätyöstä sovitaan uuden työnantajan käytäntöjen mukaan. Nykyiset "
        "etätyösopimukset käydään läpi esihenkilön kanssa ennen siirtoa, eikä niitä "
        "päätetä yksipuolisesti siirron vuoksi.",
        answerer="ville.lehtinen",
        voters=(
            "laura.lahtinen",
            "anu.koskinen",
            "maija.mattila",
            "emilia.saarinen",
            "ilkka.hamalainen",
        ),  # fmt: skip
        faq_order=1,
    ),
    Q(
        "Muuttuuko työpaikkani sijainti siirrossa?",
        "laura.lahtinen",
        "tyon-sijainti-ja-etatyo",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 3, 26, 11, 15),
        answer="Pääsääntöisesti työ jatkuu samalla paikkakunnalla. Jos toimipiste muuttuu, "
        "muutoksesta neuvotellaan yhteistoimintamenettelyssä.",
        answerer="pekka.eriksson",
        voters=("satu.lindqvist", "tuomas.nieminen"),
    ),
    Q(
        "Korvataanko pidentyneet työmatkat, jos toimipiste siirtyy toiseen kuntaan?",
        "jukka.hiltunen",
        "tyon-sijainti-ja-etatyo",
        "henkiloston-siirtyma",
        OVERDUE,
        25,
        voters=("petri.vaisanen",),
    ),
    Q(
        "Saako etätyöpäiviä olla enemmän kuin kaksi viikossa?",
        "maija.mattila",
        "tyon-sijainti-ja-etatyo",
        None,
        NEW,
        1,
    ),
    # --- Liikkeen luovutus -----------------------------------------------------------------
    Q(
        "Mitä liikkeen luovutus tarkoittaa minulle käytännössä?",
        "olli.ahonen",
        "liikkeen-luovutus",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 1, 30, 9, 45),
        answer="Liikkeen luovutuksessa työnantaja vaihtuu, mutta palvelussuhteesi jatkuu. "
        "Sinun ei tarvitse hakea uutta paikkaa eikä solmia uutta sopimusta ennen siirtoa, "
        "ja siirtyvät ovat uuden työnantajan palveluksessa niin sanottuina vanhoina "
        "työntekijöinä.",
        answerer="ville.lehtinen",
        voters=(
            "aino.virtanen",
            "katja.heikkila",
            "hanna.salonen",
            "janne.savolainen",
            "kirsi.lehtonen",
            "emilia.saarinen",
            "henrik.aaltonen",
            "maria.karjalainen",
        ),
        faq_order=1,
    ),
    Q(
        "Milloin saan tiedon tulevasta työnantajastani?",
        "emilia.saarinen",
        "liikkeen-luovutus",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 5, 14, 8, 30),
        answer="Henkilöstölistat vahvistetaan kesäkuussa 2024, ja jokainen siirtyvä saa "
        "kirjallisen tiedon tulevasta työnantajastaan syksyllä 2024.",
        answerer="pekka.eriksson",
        voters=("ilkka.hamalainen", "arto.turunen"),
    ),
    Q(
        "Voinko kieltäytyä siirrosta ja jäädä valtion palvelukseen?",
        "henrik.aaltonen",
        "liikkeen-luovutus",
        "henkiloston-siirtyma",
        ANSWERED,
        _at(2024, 6, 4, 10, 0),
        answer="Siirtyvät tehtävät siirtyvät kunnille, eikä valtiolle jää vastaavia "
        "tehtäviä. Jos kieltäydyt siirrosta, palvelussuhteesi voi päättyä. Keskustele "
        "tilanteestasi henkilöstöpalvelujen kanssa ennen päätöstä.",
        answerer="ville.lehtinen",
        voters=("harri.niemi",),
    ),
    Q(
        "Koskeeko siirto myös määräaikaisia työntekijöitä?",
        "paivi.pitkanen",
        "liikkeen-luovutus",
        "henkiloston-siirtyma",
        ASSIGNED,
        4,
        voters=("emilia.saarinen",),
    ),
    # --- Perehdytys ------------------------------------------------------------------------
    Q(
        "Miten siirtyvä henkilöstö perehdytetään työllisyysalueella?",
        "tuomas.nieminen",
        "perehdytys",
        "perehdytysohjelma",
        ANSWERED,
        _at(2024, 8, 20, 13, 0),
        answer="Perehdytysohjelma valmistuu syksyllä 2024. Jokainen siirtyvä saa "
        "perehdytyksen uuden organisaation käytäntöihin, järjestelmiin ja "
        "palvelumalleihin tammi–helmikuussa 2025.",
        answerer="elina.miettinen",
        visibility=Visibility.STAFF,
        voters=("maija.mattila", "jari.jarvinen"),
    ),
    Q(
        "Onko perehdytysmateriaali saatavilla myös ruotsiksi?",
        "teemu.korhonen",
        "perehdytys",
        "perehdytysohjelma",
        ANSWERED,
        _at(2024, 9, 10, 9, 0),
        answer="Kyllä. Perehdytysmateriaali julkaistaan suomeksi ja ruotsiksi, ja "
        "kaksikielisillä työllisyysalueilla perehdytystä järjestetään molemmilla kielillä.",
        answerer="sari.heinonen",
        voters=("sofia.lindholm",),
    ),
    Q(
        "Kuka vastaa uuden esihenkilön perehdytyksestä kunnassa?",
        "arto.turunen",
        "perehdytys",
        "perehdytysohjelma",
        OVERDUE,
        35,
    ),
    # --- Asiakaspalvelu --------------------------------------------------------------------
    Q(
        "Mihin asiakas ottaa yhteyttä 1.1.2025 jälkeen?",
        "anu.koskinen",
        "asiakaspalvelu",
        "asiakaspalvelun-jatkuvuus",
        ANSWERED,
        _at(2024, 10, 15, 10, 0),
        answer="Asiakkaat asioivat oman työllisyysalueensa palveluissa. Asiakkaat saavat "
        "tiedon uusista yhteystiedoista kirjeellä ja Työmarkkinatorin kautta ennen "
        "vuodenvaihdetta.",
        answerer="liisa.lahtinen",
        voters=("hanna.salonen", "satu.lindqvist", "minna.leinonen"),
    ),
    Q(
        "Siirtyvätkö asiakkaiden vireillä olevat asiat uudelle työllisyysalueelle?",
        "maria.karjalainen",
        "asiakaspalvelu",
        "asiakaspalvelun-jatkuvuus",
        ASSIGNED,
        2,
    ),
    # --- Muutosvalmennus ja jaksaminen -----------------------------------------------------
    Q(
        "Onko muutosvalmennukseen osallistuminen työaikaa?",
        "ilkka.hamalainen",
        "muutosvalmennus-ja-jaksaminen",
        "muutosvalmennuksen-ohjausryhma",
        ANSWERED,
        _at(2023, 2, 7, 9, 0),
        answer="On. Muutosvalmennus on osa työtä, ja siihen osallistutaan työaikana. "
        "Sovi osallistumisesta esihenkilösi kanssa.",
        answerer="timo.rantanen",
        voters=("outi.salo", "riikka.laine", "katja.heikkila"),
    ),
    Q(
        "Mistä saan tukea, jos muutos kuormittaa liikaa?",
        "outi.salo",
        "muutosvalmennus-ja-jaksaminen",
        None,
        NEW,
        0,
        voters=("jukka.hiltunen", "janne.savolainen"),
    ),
]


def _answerer_organisation(group, person):
    from kaiku.programme.models import Membership

    membership = (
        Membership.objects.filter(group=group, person=person)
        .exclude(represents=None)
        .select_related("represents")
        .first()
    )
    return membership.represents if membership else getattr(person, "organisation", None)


@transaction.atomic
def load_demo_questions() -> list:
    """Create the demo topics and questions. Safe to run again: nothing changes."""
    from kaiku.notifications.services import follow
    from kaiku.programme.models import Programme

    from .models import (
        Answer,
        AnswerDeadline,
        AnswerRevision,
        Question,
        QuestionStatus,
        QuestionVote,
        Topic,
    )
    from .services import DEFAULT_DEADLINE_DAYS
    from .similar import question_terms

    programme = Programme.objects.filter(slug=PROGRAMME_SLUG).first()
    if programme is None:
        return []
    groups = {g.slug: g for g in programme.groups.all()}
    for slug, days in DEADLINES.items():
        if slug in groups:
            AnswerDeadline.objects.get_or_create(group=groups[slug], defaults={"days": days})
    deadlines = dict(
        AnswerDeadline.objects.filter(group__in=groups.values()).values_list("group_id", "days")
    )
    topics = {}
    for slug, name, order in TOPICS:
        topics[slug], _created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
    people = demo_people()
    now = timezone.now()
    questions: dict[str, Question] = {}
    created = []
    # Originals before their duplicates.
    for item in sorted(QUESTIONS, key=lambda q: q.kind == DUPLICATE):
        existing = Question.all_objects.filter(programme=programme, title=item.title).first()
        if existing is not None:
            questions[item.title] = existing
            continue
        group = groups.get(item.group) if item.group else None
        days = deadlines.get(group.pk, DEFAULT_DEADLINE_DAYS) if group else DEFAULT_DEADLINE_DAYS
        if isinstance(item.asked, int):
            # Overdue ones were asked longer ago than the group's deadline; the others within it.
            back = days + 5 + item.asked if item.kind == OVERDUE else item.asked
            asked = now - datetime.timedelta(days=back, hours=3)
        else:
            asked = item.asked
        assigned_at = asked + datetime.timedelta(hours=20) if group else None
        question = Question(
            programme=programme,
            group=group,
            topic=topics[item.topic],
            title=item.title,
            body=item.body,
            author=people.get(item.asker),
            visibility=item.visibility,
            status=QuestionStatus.ASSIGNED if group else QuestionStatus.NEW,
            assigned_at=assigned_at,
            due_at=(assigned_at or asked) + datetime.timedelta(days=days),
            terms=question_terms(item.title, item.body),
        )
        if item.kind == EXPERT:
            question.assignee = people.get(item.extra)
        if item.kind == CLOSED:
            question.status = QuestionStatus.CLOSED
            question.closed_reason = item.extra
            question.closed_at = asked + datetime.timedelta(days=1)
        if item.kind == DUPLICATE:
            question.status = QuestionStatus.DUPLICATE
            question.duplicate_of = questions.get(item.extra)
        answerer = people.get(item.answerer)
        if item.kind == ANSWERED:
            question.status = QuestionStatus.ANSWERED
            question.answered_at = asked + datetime.timedelta(days=item.answer_days, hours=2)
            question.in_faq = item.faq_order > 0
            question.faq_order = item.faq_order
        question.save()
        if item.kind == ANSWERED:
            answer = Answer.objects.create(
                question=question,
                body=item.answer,
                author=answerer,
                organisation=_answerer_organisation(group, answerer) if answerer else None,
                group=group,
            )
            if item.earlier_answer:
                AnswerRevision.objects.create(
                    answer=answer,
                    body=item.earlier_answer,
                    author=answerer,
                    organisation=answer.organisation,
                    answered_at=question.answered_at - datetime.timedelta(days=1),
                )
            Answer.objects.filter(pk=answer.pk).update(
                created=question.answered_at, updated=question.answered_at
            )
        Question.all_objects.filter(pk=question.pk).update(created=asked)
        questions[item.title] = question
        created.append((item, question))

    # "I have this question too", and who follows what. A merged duplicate's votes (and its
    # asker) are the original's, as the merge leaves them.
    for item, question in created:
        voters = [people[v] for v in item.voters if v in people and v != item.asker]
        target = question
        if item.kind == DUPLICATE and question.duplicate_of is not None:
            target = question.duplicate_of
            if question.author is not None:
                voters.append(question.author)
        for voter in voters:
            if voter.pk != target.author_id:
                QuestionVote.objects.get_or_create(question=target, user=voter)
        for person in [question.author, *voters]:
            if person is not None and item.kind != DUPLICATE:
                follow(user=person, target=question)
            elif person is not None:
                follow(user=person, target=target)
    for question in {q.duplicate_of or q for _item, q in created}:
        count = QuestionVote.objects.filter(question=question).count()
        Question.all_objects.filter(pk=question.pk).update(vote_count=count)
    return [question for _item, question in created]


register_demo(50, load_demo_questions)
