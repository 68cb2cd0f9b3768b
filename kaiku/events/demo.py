"""Demo events (``manage.py load_demo``), after the organisations (10), the people (20) and
the surveys (60).

- The national Teams info sessions of early 2023 on the TE24 reform (past, with their
  recordings and slides), organised by the change coordinator of the Ministry;
- upcoming regional change coaching for the Häme and Pirkanmaa TE offices (members of those
  offices only);
- a development day and a lecture of the Häme TE office (the lecture is public);
- a team coaching that is nearly full, with a waitlist;
- the change sessions of the Häme youth services team (``nuorten-palvelujen-tiimi``, from the
  teams demo): the next one for the team's members only, with its members registered, and
  one held a month ago open to all staff, so the team's page lists its events;
- registrations of demo people: Tiina Tiimiläinen (Häme TE office) is registered for the
  Häme coaching and attended the info sessions.

Rows are written directly (the dates of the past, no notifications), keeping what the
services keep: ``registered_count`` is the number of registered rows and the waitlist is in
``queued_at`` order. Idempotent: an event is found by its Finnish title and start date, and
one that exists is left as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kaiku.accounts.demo import demo_people
from kaiku.core.demo import register as register_demo

HELSINKI = ZoneInfo("Europe/Helsinki")
INFO_TITLE = "TE24-uudistus: valtakunnallinen infotilaisuus henkilöstölle"
TEAMS = "https://teams.microsoft.com/l/meetup-join/demo-{slug}"
ORGANISER = "viestinta"

INFO_DESCRIPTION = (
    "Valtakunnallinen infotilaisuus TE-palvelut 2024 -uudistuksen muutoksen kohteena olevalle "
    "henkilöstölle: ELY-keskukset, KEHA-keskus, kuntakokeilut ja TE-toimistot.\n\n"
    "Käymme läpi uudistuksen ajankohtaiset asiat ja muutosvalmennuksen eteneminen. "
    "Henkilöstökyselyssä korostuivat **muutoksessa jaksaminen**, muutosmotivaatio ja "
    "työnohjauksen tarve, ja säännölliset infotilaisuudet koettiin erittäin tarpeellisiksi.\n\n"
    "Kysymyksiä voi esittää tilaisuuden aikana. Tallenne ja diat julkaistaan tilaisuuden "
    "jälkeen tällä sivulla."
)
INFO_TOPICS = [
    (datetime.date(2023, 1, 26), "Muutosvalmennuksen käynnistäminen ja henkilöstökyselyn tulokset"),
    (datetime.date(2023, 2, 23), "Perehdytysohjelman valmistelu ja yhteistyö kuntien kanssa"),
    (datetime.date(2023, 3, 23), "Siirtymä kuntiin: henkilöstön asema ja aikataulu"),
]


@dataclass
class DemoEvent:
    kind: str
    title: str
    start: datetime.datetime
    hours: float
    description: str
    location: str = ""
    online: bool = False
    capacity: int | None = None
    audience: str = "everyone"
    visibility: str = "staff"
    organisations: tuple[str, ...] = ()
    organisation: str = "tyo-ja-elinkeinoministerio"
    registered: tuple[str, ...] = ()
    extra_registered: int = 0
    waitlisted: int = 0
    materials: list[tuple[str, str, bool]] = field(default_factory=list)
    recording: str = ""
    attended: bool = False
    # A team's slug (teams demo): its members are registered; left out without the team.
    team: str = ""


def _local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=HELSINKI)


def _upcoming(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localtime(timezone.now(), HELSINKI).date() + datetime.timedelta(days=days)
    while day.weekday() >= 5:  # on a weekday
        day += datetime.timedelta(days=1)
    return _local(day, hour, minute)


def _office_only(slug: str) -> dict:
    """An event of the office ``slug`` for its own people only."""
    return {
        "audience": "organisations",
        "visibility": "members",
        "organisations": (slug,),
        "organisation": slug,
    }


def demo_events() -> list[DemoEvent]:
    events = [
        DemoEvent(
            kind="info_session",
            title=INFO_TITLE,
            start=_local(day, 9),
            hours=1.5,
            description=f"**Aihe: {topic}.**\n\n{INFO_DESCRIPTION}",
            online=True,
            registered=("tiina.tiimilainen", "kalle.kehittaja", "liisa.lahtinen"),
            extra_registered=25,
            materials=[
                ("Diat (PDF)", f"https://example.fi/te24/info-{day:%Y-%m}-diat.pdf", True),
                ("Usein kysytyt kysymykset", "https://example.fi/te24/ukk", False),
            ],
            recording=f"https://example.fi/te24/tallenne-{day:%Y-%m}",
            attended=True,
        )
        for day, topic in INFO_TOPICS
    ]
    events += [
        DemoEvent(
            kind="coaching",
            title="Alueellinen muutosvalmennus: Hämeen TE-toimisto",
            start=_upcoming(14, 9),
            hours=3,
            description=(
                "Muutosvalmennus Hämeen TE-toimiston henkilöstölle: jaksaminen muutoksessa, "
                "hyvien käytänteiden jakaminen ja kontaktit tulevaan organisaatioon. "
                "Valmennus on vuorovaikutteinen, ja konsultit fasilitoivat."
            ),
            location="Hämeenlinna, Raatihuoneenkatu 18, auditorio",
            online=True,
            capacity=40,
            **_office_only("hameen-te-toimisto"),
            registered=("tiina.tiimilainen",),
            extra_registered=6,
        ),
        DemoEvent(
            kind="coaching",
            title="Alueellinen muutosvalmennus: Pirkanmaan TE-toimisto",
            start=_upcoming(21, 12, 30),
            hours=3,
            description=(
                "Muutosvalmennus Pirkanmaan TE-toimiston henkilöstölle. Teemoina "
                "muutosmotivaatio, työnohjaus ja yhteistyö kuntien kanssa."
            ),
            location="Tampere, Attilankatu 1",
            capacity=40,
            **_office_only("pirkanmaan-te-toimisto"),
            extra_registered=4,
        ),
        DemoEvent(
            kind="development_day",
            title="Hämeen TE-toimiston kehittämispäivä: itseohjautuvat tiimit",
            start=_upcoming(30, 9),
            hours=6.5,
            description=(
                "Koko toimiston kehittämispäivä. Tiimit esittelevät muutossessioidensa "
                "tuloksia, ja iltapäivällä työstämme tiimien parannusehdotuksia "
                "Lean-menetelmällä. Tiimit eivät ole paikkakuntiin sidottuja: mukaan pääsee "
                "myös etänä kaikilta neljältä paikkakunnalta."
            ),
            location="Lahti, Vesijärvenkatu 11, juhlasali",
            online=True,
            capacity=250,
            **_office_only("hameen-te-toimisto"),
            extra_registered=8,
        ),
        DemoEvent(
            kind="lecture",
            title="Luento: etäjohtaminen ja hajautetut tiimit",
            start=_upcoming(9, 13),
            hours=1.5,
            description=(
                "Avoin luento etätyöskentelystä ja etäjohtamisesta tiimeissä, jotka toimivat "
                "usealla paikkakunnalla. Esimiesten valmentava ote korostuu itseohjautuvan "
                "tiimin luotsaamisessa."
            ),
            location="Hämeenlinna, Raatihuoneenkatu 18",
            online=True,
            visibility="public",
            organisation="hameen-te-toimisto",
            registered=("kalle.kehittaja",),
            extra_registered=3,
        ),
        DemoEvent(
            kind="team_session",
            title="Tiimivalmennus: itseohjautuvan tiimin pelisäännöt",
            start=_upcoming(6, 10),
            hours=2,
            description=(
                "Vuorovaikutteinen tiimivalmennus: sovimme tiimin pelisäännöistä, rooleista "
                "ja siitä, miten tiimi ottaa vastaan uudet jäsenet. Paikkoja on rajoitetusti."
            ),
            location="Riihimäki, Hämeenkatu 12",
            capacity=12,
            organisation="hameen-te-toimisto",
            extra_registered=12,
            waitlisted=3,
        ),
        DemoEvent(
            kind="team_session",
            title="Nuorten palvelujen tiimin muutossessio: asiakasohjauksen uusi malli",
            start=_upcoming(11, 13),
            hours=2,
            description=(
                "Tiimin oma muutossessio. Käymme läpi, miten nuorten asiakkaiden ohjaus "
                "järjestetään kuntiin siirryttäessä, ja sovimme, mitä kokeilemme seuraavaksi "
                "parannustaululla. Konsultti on mukana tiimin toiveesta. Tiimin jäsenet "
                "osallistuvat Hämeenlinnasta, Lahdesta ja Riihimäeltä sekä etänä."
            ),
            location="Lahti, Vesijärvenkatu 11, neuvotteluhuone Vellamo",
            online=True,
            capacity=10,
            audience="team",
            visibility="members",
            organisation="hameen-te-toimisto",
            team="nuorten-palvelujen-tiimi",
        ),
        DemoEvent(
            kind="team_session",
            title="Nuorten palvelujen tiimin muutossessio: tiimin pelisäännöt",
            start=_upcoming(-30, 13),
            hours=2,
            description=(
                "Tiimi päivitti pelisääntönsä ja roolinsa itseohjautuvassa mallissa. "
                "Sessio oli avoin muillekin: muiden tiimien jäsenet saivat seurata, miten "
                "tiimi sopii yhteisistä asioista."
            ),
            location="Hämeenlinna, Raatihuoneenkatu 18",
            online=True,
            organisation="hameen-te-toimisto",
            team="nuorten-palvelujen-tiimi",
            attended=True,
        ),
    ]
    return events


@transaction.atomic
def load_demo_events() -> list:
    from kaiku.organisations.models import Organisation
    from kaiku.teams.models import Team

    from .models import Event, EventMaterial, Registration, RegistrationStatus

    people = demo_people()
    organiser = people.get(ORGANISER)
    generated = sorted(
        (p for handle, p in people.items() if "." in handle and handle not in _KEY_HANDLES),
        key=lambda p: p.email,
    )
    organisations = {o.slug: o for o in Organisation.objects.all()}
    teams = {t.slug: t for t in Team.objects.filter(slug__in={e.team for e in demo_events()})}
    now = timezone.now()
    created = []
    specs = demo_events()
    # Most demo events are dated from today, so they are known by their title alone (a load
    # on a later day must not add them again); titles that recur (the 2023 info sessions, on
    # fixed dates) are known by their title and date.
    recurring = {spec.title for spec in specs if sum(s.title == spec.title for s in specs) > 1}
    for index, spec in enumerate(specs):
        same = Event.all_objects.filter(title_fi=spec.title)
        if spec.title in recurring:
            same = same.filter(starts_at__date=spec.start.astimezone(datetime.UTC).date())
        exists = same.exists()
        team = teams.get(spec.team)
        if exists or (spec.team and team is None):
            continue
        start = spec.start
        event = Event(
            kind=spec.kind,
            title=spec.title,
            title_fi=spec.title,
            description=spec.description,
            description_fi=spec.description,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=spec.hours),
            location=spec.location,
            online_url=TEAMS.format(slug=f"{start:%Y%m%d}-{index}") if spec.online else "",
            capacity=spec.capacity,
            audience=spec.audience,
            visibility=spec.visibility,
            organiser=organiser,
            organisation=organisations.get(spec.organisation),
            team=team,
            recording_url=spec.recording,
            published_at=min(start - datetime.timedelta(days=21), now),
        )
        event.full_clean()
        event.save()
        event.audience_organisations.set(
            [organisations[s] for s in spec.organisations if s in organisations]
        )
        for order, (title, url, after) in enumerate(spec.materials):
            EventMaterial.objects.create(
                event=event, title=title, url=url, after_event=after, order=order
            )
        # Registrations: the named people, then generated staff (deterministic choice).
        named = [people[h] for h in spec.registered if h in people]
        if team is not None:
            members = team.memberships.select_related("person").order_by("pk")
            named += [m.person for m in members if m.person not in named]
        offset = (index * 7) % max(len(generated), 1)
        others = [p for p in generated[offset:] + generated[:offset] if p not in named]
        places = spec.extra_registered + len(named)
        rows = []
        queued = min(start - datetime.timedelta(days=10), now - datetime.timedelta(days=1))
        registered = named + others[: spec.extra_registered]
        waiting = others[spec.extra_registered : spec.extra_registered + spec.waitlisted]
        for i, person in enumerate(registered + waiting):
            rows.append(
                Registration(
                    event=event,
                    person=person,
                    status=RegistrationStatus.REGISTERED
                    if i < places
                    else RegistrationStatus.WAITLISTED,
                    queued_at=queued + datetime.timedelta(minutes=17 * i),
                    organisation_id=person.organisation_id,
                    attended=(i % 6 != 5) if spec.attended else None,
                    reminded_at=start - datetime.timedelta(days=1) if spec.attended else None,
                )
            )
        Registration.objects.bulk_create(rows)
        Event.all_objects.filter(pk=event.pk).update(
            registered_count=sum(r.status == RegistrationStatus.REGISTERED for r in rows)
        )
        created.append(event)
    return created


_KEY_HANDLES = {
    "admin",
    "viestinta",
    "moderaattori",
    "tiina.tiimilainen",
    "kalle.kehittaja",
    "liisa.lahtinen",
    "sofia.lindholm",
}

register_demo(70, load_demo_events)
