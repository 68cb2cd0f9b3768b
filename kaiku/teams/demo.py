"""Demo teams (``manage.py load_demo``, order 65, after the people and the surveys).

The Häme TE office's self-directed team model: the office gave up its old organisation by
service lines for teams that are not tied to a place — it worked in four towns (Hämeenlinna,
Lahti, Forssa and Riihimäki), so the teams span several offices and much of their work is
remote. Teams hold change sessions (consultants join when the team wishes), keep their working
agreements, and improve their work with a Lean-style board. Internal change coaches support
the teams, and mentors trained for the purpose receive new members.

Three teams: the business services team (public), the youth services team (signed-in people;
Tiina Tiimiläinen is a member and the mentor of a new member) and the jobseeker services team
of southern Häme (members only). A generated Häme person leads each. Three change coaches with
one coaching request in each status.

Rows are written directly (no notifications, no rate limits). Idempotent: teams are found by
slug, members by team and person, items by team and title, coaches by person, requests by
team and coach, mentorships by team, mentor and mentee; existing rows are left as they are.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kaiku.accounts.demo import demo_people, generated_people
from kaiku.core.content import Visibility
from kaiku.core.demo import register as register_demo
from kaiku.organisations.models import Organisation, Region

from .models import (
    ChangeCoach,
    CoachingRequest,
    CoachingRequestStatus,
    Improvement,
    ImprovementStage,
    Mentorship,
    Team,
    TeamAgreement,
    TeamMembership,
    TeamRole,
    TeamSession,
)

HAME_OFFICE = "Hämeen TE-toimisto"
TOWNS = ["Hämeenlinna", "Lahti", "Forssa", "Riihimäki"]
TIINA = "tiina.tiimilainen"

PUBLIC, STAFF, MEMBERS = Visibility.PUBLIC, Visibility.STAFF, Visibility.MEMBERS


def _handles() -> list[str]:
    """The generated people: those of the Häme TE office first, then the others."""
    people = generated_people()
    hame = [p for p in people if p.organisations[0] == HAME_OFFICE]
    lahti = [p for p in people if p.organisations[0] == "Lahti"]
    rest = [p for p in people if p not in hame and p not in lahti]
    return [p.email.split("@", 1)[0] for p in hame + lahti + rest]


TEAMS = [
    {
        "slug": "yrityspalvelutiimi",
        "name": "Yrityspalvelutiimi",
        "visibility": PUBLIC,
        "towns": ["Hämeenlinna", "Lahti", "Forssa"],
        "purpose": (
            "Palvelemme Kanta- ja Päijät-Hämeen yrityksiä rekrytoinneissa, muutostilanteissa "
            "ja osaamisen kehittämisessä. Vahvat yrityspalvelut ovat toimintamallimme "
            "painopiste: niiden kautta palvelemme hyvin myös henkilöasiakkaita.\n\n"
            "Tiimin jäsenet työskentelevät Hämeenlinnan, Lahden ja Forssan toimipisteissä ja "
            "etänä."
        ),
    },
    {
        "slug": "nuorten-palvelujen-tiimi",
        "name": "Nuorten palvelujen tiimi",
        "visibility": STAFF,
        "towns": ["Hämeenlinna", "Lahti", "Riihimäki"],
        "purpose": (
            "Alle 30-vuotiaiden työnhakijoiden palvelut: palvelutarpeen arviointi, ohjaus "
            "koulutukseen ja työhön sekä yhteistyö Ohjaamojen kanssa. Teemme yksilöllisiä "
            "ratkaisuja nopeasti ja yhdessä."
        ),
    },
    {
        "slug": "tyonhakijapalvelut-etela-hame",
        "name": "Työnhakijapalvelut – Etelä-Häme",
        "visibility": MEMBERS,
        "towns": ["Riihimäki", "Hämeenlinna"],
        "purpose": (
            "Etelä-Hämeen työnhakija-asiakkaiden palvelut Riihimäen ja Hämeenlinnan "
            "toimipisteistä. Tiimin tilaa näkevät vain sen jäsenet."
        ),
    },
]

# team slug -> [(handle index or key person, role, town)]
MEMBERSHIP_PLAN = {
    "yrityspalvelutiimi": [
        (0, TeamRole.LEAD, "Hämeenlinna"),
        (2, TeamRole.MEMBER, "Lahti"),
        (3, TeamRole.MEMBER, "Forssa"),
        (4, TeamRole.MEMBER, "Hämeenlinna"),
        (5, TeamRole.COACH, "Lahti"),
    ],
    "nuorten-palvelujen-tiimi": [
        (1, TeamRole.LEAD, "Lahti"),
        (TIINA, TeamRole.MEMBER, "Hämeenlinna"),
        (6, TeamRole.MEMBER, "Riihimäki"),
        (7, TeamRole.MEMBER, "Lahti"),
        (8, TeamRole.NEW_MEMBER, "Hämeenlinna"),
    ],
    "tyonhakijapalvelut-etela-hame": [
        (9, TeamRole.LEAD, "Riihimäki"),
        (10, TeamRole.MEMBER, "Riihimäki"),
        (11, TeamRole.MEMBER, "Hämeenlinna"),
        (12, TeamRole.NEW_MEMBER, "Riihimäki"),
    ],
}

AGREEMENTS = {
    "yrityspalvelutiimi": [
        (
            "Viikkopalaveri maanantaisin",
            "Tiimi kokoontuu maanantaisin klo 9–9.45 Teamsissa. Käymme läpi viikon "
            "yritysasiakkaat, rekrytoinnit ja muutostilanteet. Muistiinpanot tiimin "
            "kanavalle.",
            PUBLIC,
        ),
        (
            "Tavoitettavuus",
            "Jokainen on tavoitettavissa klo 9–15. Yrityksen yhteydenottoon vastataan "
            "saman päivän aikana; poissaolot merkitään yhteiseen kalenteriin.",
            MEMBERS,
        ),
        (
            "Päätökset tehdään yhdessä",
            "Tiimiä koskevat päätökset tehdään viikkopalaverissa. Jos asia ei odota, "
            "päätöksen tekee asian omistaja ja kertoo siitä kanavalla.",
            STAFF,
        ),
    ],
    "nuorten-palvelujen-tiimi": [
        (
            "Etäpäivät ja toimistopäivät",
            "Tiistai ja torstai ovat toimistopäiviä omassa toimipisteessä; muut päivät voi "
            "tehdä etänä. Kerran kuukaudessa koko tiimi tapaa Hämeenlinnassa.",
            STAFF,
        ),
        (
            "Uuden jäsenen vastaanotto",
            "Uudelle jäsenelle nimetään mentori ensimmäisestä päivästä. Mentori ja uusi "
            "jäsen tapaavat viikoittain kolmen kuukauden ajan.",
            STAFF,
        ),
        (
            "Sijaisuudet",
            "Asiakastapaamiset siirretään parille, jos poissaolo kestää yli kaksi päivää.",
            MEMBERS,
        ),
    ],
    "tyonhakijapalvelut-etela-hame": [
        (
            "Tiimin yhteinen jono",
            "Uudet asiakkaat jaetaan yhteisestä jonosta joka aamu klo 8.30.",
            MEMBERS,
        ),
    ],
}

# (title, text, days ago, visibility)
SESSIONS = {
    "yrityspalvelutiimi": [
        (
            "Muutossessio 1: tiimin perustehtävä",
            "Kirkastimme tiimin perustehtävän ja asiakasryhmät. Konsultti fasilitoi.\n\n"
            "**Päätökset:** perustehtävä kirjataan tiimin sivulle; seuraavassa sessiossa "
            "roolit.",
            70,
            PUBLIC,
        ),
        (
            "Muutossessio 2: roolit ja vastuut",
            "Sovimme yritysvastaavat toimialoittain ja sen, miten rekrytointipyynnöt jaetaan. "
            "Etätyön pelisäännöt jäivät seuraavaan kertaan.",
            35,
            MEMBERS,
        ),
    ],
    "nuorten-palvelujen-tiimi": [
        (
            "Muutossessio: etätyö ja etäjohtaminen",
            "Käsittelimme hajautetun tiimin yhteydenpitoa ja sitä, miten esihenkilö tukee "
            "tiimiä etänä. Sovimme kuukausittaisesta tapaamisesta Hämeenlinnassa.",
            50,
            STAFF,
        ),
        (
            "Muutossessio: asiakasprosessin läpikäynti",
            "Kävimme läpi nuoren asiakkaan polun ensikäynnistä jatkosuunnitelmaan ja "
            "tunnistimme kolme kohtaa, joissa asiakas odottaa turhaan. Niistä tehtiin "
            "kortit parannustaululle.",
            14,
            MEMBERS,
        ),
    ],
    "tyonhakijapalvelut-etela-hame": [
        (
            "Aloitussessio",
            "Tutustuimme toisiimme ja sovimme tiimin yhteisestä jonosta.",
            40,
            MEMBERS,
        ),
    ],
}

# (title, text, stage, owner plan index or key, result, days since the stage changed, visibility)
IMPROVEMENTS = {
    "nuorten-palvelujen-tiimi": [
        (
            "Ajanvaraus suoraan verkosta",
            "Nuori voisi varata ensikäynnin itse verkossa.",
            ImprovementStage.IDEA,
            TIINA,
            "",
            5,
            STAFF,
        ),
        (
            "Yhteinen chat-kanava Ohjaamon kanssa",
            "Kysymykset Ohjaamolle ja takaisin yhdeltä kanavalta.",
            ImprovementStage.IDEA,
            None,
            "",
            9,
            MEMBERS,
        ),
        (
            "Ryhmäinfo uusille asiakkaille",
            "Kerran viikossa etäinfo uusille nuorille asiakkaille yksittäisten puhelujen sijaan.",
            ImprovementStage.TRYING,
            7,
            "Kolmen viikon kokeilussa 24 nuorta osallistui; jatketaan kuun loppuun.",
            20,
            STAFF,
        ),
        (
            "Jatkosuunnitelma samassa tapaamisessa",
            "Kirjataan jatkosuunnitelma yhdessä nuoren kanssa heti tapaamisessa.",
            ImprovementStage.ADOPTED,
            1,
            "Odotus jatkosuunnitelmaan lyheni noin viikosta samaan päivään.",
            30,
            PUBLIC,
        ),
        (
            "Paperinen palautelomake",
            "Palaute kerättiin paperilla toimipisteissä.",
            ImprovementStage.DROPPED,
            6,
            "Vastauksia tuli vähän; palaute kerätään jatkossa sähköisesti.",
            45,
            STAFF,
        ),
    ],
    "yrityspalvelutiimi": [
        (
            "Yrityskäyntien yhteinen kalenteri",
            "Kaikki yrityskäynnit yhteen kalenteriin, jotta kaksi asiantuntijaa ei käy samassa "
            "yrityksessä samalla viikolla.",
            ImprovementStage.TRYING,
            2,
            "",
            12,
            PUBLIC,
        ),
        (
            "Rekrytointipyyntöjen jako aamulla",
            "Uudet rekrytointipyynnöt jaetaan joka aamu.",
            ImprovementStage.ADOPTED,
            0,
            "Pyyntöön vastataan nyt keskimäärin samana päivänä.",
            40,
            PUBLIC,
        ),
        (
            "Lean-taulu toimiston seinälle",
            "Fyysinen taulu Hämeenlinnan toimistolle.",
            ImprovementStage.IDEA,
            None,
            "",
            3,
            MEMBERS,
        ),
    ],
}

# person key, region code, languages, themes, introduction, available
COACHES = [
    (
        "kalle.kehittaja",
        None,
        "fi, en",
        "Lean, prosessien kehittäminen, parannustaulu",
        "Autan tiimejä tunnistamaan hukkaa ja kokeilemaan parannuksia pienin askelin.",
        True,
    ),
    (
        2,
        "05",
        "fi, sv",
        "itseohjautuvat tiimit, tiimisopimukset, muutossessiot",
        "Fasilitoin tiimien muutossessioita Kanta-Hämeessä.",
        True,
    ),
    (
        "liisa.lahtinen",
        "06",
        "fi, en, sv",
        "etätyö ja etäjohtaminen, muutoksessa jaksaminen",
        "Valmennan hajautettuja tiimejä ja niiden esihenkilöitä.",
        False,
    ),
]

# team slug, coach index, status, message, response
REQUESTS = [
    (
        "yrityspalvelutiimi",
        0,
        CoachingRequestStatus.REQUESTED,
        "Haluaisimme ottaa parannustaulun käyttöön. Voisitko valmentaa meitä kaksi kertaa?",
        "",
    ),
    (
        "nuorten-palvelujen-tiimi",
        1,
        CoachingRequestStatus.ACCEPTED,
        "Tarvitsemme fasilitaattorin seuraavaan muutossessioon (tiimin roolit).",
        "Mielelläni. Ehdotan sessiota kahden viikon päähän Hämeenlinnassa.",
    ),
    (
        "tyonhakijapalvelut-etela-hame",
        2,
        CoachingRequestStatus.DECLINED,
        "Voisitko valmentaa meitä etätyön käytännöissä?",
        "En ehdi tänä keväänä. Kysykää Kanta-Hämeen muutoskoutsilta.",
    ),
    (
        "nuorten-palvelujen-tiimi",
        0,
        CoachingRequestStatus.DONE,
        "Asiakasprosessin läpikäynti Lean-menetelmällä.",
        "Kävimme prosessin läpi; kolme korttia parannustaululle.",
    ),
]


def _person(people: dict, handles: list[str], key):
    handle = key if isinstance(key, str) else handles[key % len(handles)]
    return people.get(handle)


def _town(name: str, fallback):
    return Organisation.objects.filter(name=name).order_by("pk").first() or fallback


@transaction.atomic
def load_demo_teams() -> dict[str, Team]:
    people = demo_people()
    handles = _handles()
    now = timezone.now()
    today = timezone.localdate()
    hame = Organisation.objects.filter(name=HAME_OFFICE).order_by("pk").first()
    teams: dict[str, Team] = {}
    for spec in TEAMS:
        team = Team.all_objects.filter(slug=spec["slug"]).first()
        if team is None:
            team = Team(
                slug=spec["slug"],
                name=spec["name"],
                purpose=spec["purpose"],
                visibility=spec["visibility"],
                organisation=hame,
            )
            team.save()
            offices = [o for o in (_town(t, hame) for t in spec["towns"]) if o is not None]
            team.offices.set(offices)
        teams[spec["slug"]] = team

    for slug, plan in MEMBERSHIP_PLAN.items():
        team = teams[slug]
        for i, (key, role, town) in enumerate(plan):
            person = _person(people, handles, key)
            if person is None:
                continue
            TeamMembership.objects.get_or_create(
                team=team,
                person=person,
                defaults={
                    "role": role,
                    "office": _town(town, hame),
                    "joined_on": today
                    - datetime.timedelta(days=10 if role == "new_member" else 200 - i),
                },
            )

    leads = {slug: _person(people, handles, plan[0][0]) for slug, plan in MEMBERSHIP_PLAN.items()}
    for slug, rows in AGREEMENTS.items():
        for order, (title, body, visibility) in enumerate(rows, start=1):
            if not TeamAgreement.all_objects.filter(team=teams[slug], title=title).exists():
                TeamAgreement(
                    team=teams[slug],
                    title=title,
                    body=body,
                    visibility=visibility,
                    author=leads[slug],
                    order=order * 10,
                    agreed_on=today - datetime.timedelta(days=60 + order),
                    review_on=today + datetime.timedelta(days=120),
                ).save()
    for slug, rows in SESSIONS.items():
        for title, body, days_ago, visibility in rows:
            if not TeamSession.all_objects.filter(team=teams[slug], title=title).exists():
                TeamSession(
                    team=teams[slug],
                    title=title,
                    body=body,
                    visibility=visibility,
                    author=leads[slug],
                    facilitator=leads[slug],
                    held_on=today - datetime.timedelta(days=days_ago),
                ).save()
    plan_people = {
        slug: [_person(people, handles, key) for key, _r, _t in plan]
        for slug, plan in MEMBERSHIP_PLAN.items()
    }
    for slug, rows in IMPROVEMENTS.items():
        for order, (title, body, stage, owner, result, days, visibility) in enumerate(rows):
            if Improvement.all_objects.filter(team=teams[slug], title=title).exists():
                continue
            if owner is None:
                owner_person = None
            elif isinstance(owner, str):
                owner_person = people.get(owner)
            else:
                owner_person = plan_people[slug][owner % len(plan_people[slug])]
            Improvement(
                team=teams[slug],
                title=title,
                body=body,
                stage=stage,
                owner=owner_person,
                result=result,
                visibility=visibility,
                author=leads[slug],
                order=order,
                stage_changed_at=now - datetime.timedelta(days=days),
            ).save()

    coaches = []
    for key, region_code, languages, themes, introduction, available in COACHES:
        person = _person(people, handles, key)
        if person is None:
            continue
        coach, _created = ChangeCoach.objects.get_or_create(
            person=person,
            defaults={
                "region": Region.objects.filter(code=region_code).first() if region_code else None,
                "languages": languages,
                "themes": themes,
                "introduction": introduction,
                "available": available,
            },
        )
        coaches.append(coach)
    for slug, index, status, message, response in REQUESTS:
        if index >= len(coaches):
            continue
        CoachingRequest.objects.get_or_create(
            team=teams[slug],
            coach=coaches[index],
            message=message,
            defaults={
                "requested_by": leads[slug],
                "status": status,
                "response": response,
                "status_changed_at": None if status == CoachingRequestStatus.REQUESTED else now,
            },
        )

    tiina = people.get(TIINA)
    youth = teams["nuorten-palvelujen-tiimi"]
    newcomer = plan_people["nuorten-palvelujen-tiimi"][4]
    if tiina is not None and newcomer is not None:
        Mentorship.objects.get_or_create(
            team=youth,
            mentor=tiina,
            mentee=newcomer,
            defaults={
                "starts_on": today - datetime.timedelta(days=10),
                "ends_on": today + datetime.timedelta(days=80),
                "assigned_by": leads["nuorten-palvelujen-tiimi"],
            },
        )
    south = "tyonhakijapalvelut-etela-hame"
    mentor, mentee = plan_people[south][1], plan_people[south][3]
    if mentor is not None and mentee is not None:
        Mentorship.objects.get_or_create(
            team=teams[south],
            mentor=mentor,
            mentee=mentee,
            defaults={
                "starts_on": today - datetime.timedelta(days=20),
                "assigned_by": leads[south],
            },
        )
    return teams


register_demo(65, load_demo_teams)
