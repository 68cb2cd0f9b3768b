"""Demo onboarding: the Häme TE office's programme for new employees, with two newcomers among
the demo people, their supervisor and their mentor (Tiina Tiimiläinen).

The first newcomer started two and a half weeks ago and has done most of the first tasks but
one is overdue; the second started this week and one of her first tasks is overdue. The start
dates are relative to the day the demo is first loaded. Idempotent: the programme is found by
its Finnish title, modules and tasks by theirs, enrolments by programme and newcomer.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kaiku.core.demo import register as register_demo

from .models import Responsible

PROGRAMME_TITLE = "TE24 perehdytysohjelma uusille työntekijöille"
PROGRAMME_TITLE_SV = "TE24 introduktionsprogram för nya anställda"
PROGRAMME_DESCRIPTION = (
    "Hämeen TE-toimiston perehdytysohjelma uusille asiantuntijoille. Toimistolla on neljä "
    "toimipistettä, ja itseohjautuvat tiimit toimivat osittain hajautetusti, joten "
    "perehdytyksessä on mukana koko tiimi: esihenkilö vastaa työsuhteen asioista ja "
    "tavoitteista, tiimin mentori ottaa uuden jäsenen vastaan ja tukee arjessa.\n\n"
    "Ohjelma kestää noin neljä kuukautta. Tehtävien määräpäivät lasketaan aloituspäivästä."
)
ORGANISATION_SLUG = "hameen-te-toimisto"
OWNER = "viestinta"
SUPERVISOR = "sari.heinonen"
MENTOR = "tiina.tiimilainen"

N, S, M = Responsible.NEWCOMER, Responsible.SUPERVISOR, Responsible.MENTOR

# (Finnish title, Swedish title, [(task, description, due offset in days, done by)])
MODULES = [
    (
        "Ensimmäinen viikko",
        "Första veckan",
        [
            ("Työasema, tunnukset ja kulkuoikeudet valmiiksi",
             "Tilaa kannettava, puhelin, käyttäjätunnukset ja kulkukortti ennen aloitusta.", -3, S),
            ("Tervetulokeskustelu esihenkilön kanssa",
             "Työsuhteen asiat, työaika, koeaika ja perehdytyksen tavoitteet.", 0, S),
            ("Tutustumiskierros ja esittäytyminen tiimille",
             "Mentori esittelee tiimin ja toimipisteen sekä tiimin yhteiset kanavat.", 1, M),
            ("Lue henkilöstöopas ja työaikakäytännöt",
             "Löydät oppaan intrasta. Kysy mentorilta, jos jokin jää epäselväksi.", 3, N),
            ("Tietoturva- ja tietosuojakoulutus (verkkokurssi)", "", 5, N),
        ],
    ),
    (
        "Palvelut ja järjestelmät",
        "Tjänster och system",
        [
            ("Tutustu asiakastietojärjestelmään ja kirjauskäytäntöihin", "", 7, N),
            ("Seuraa kokeneen kollegan asiakastapaamisia",
             "Kahdesta kolmeen tapaamista, mieluiten sekä henkilö- että yritysasiakkaita.", 10, M),
            ("Käyttöoikeuksien tarkistus ja järjestelmäkoulutusten kirjaus", "", 14, S),
            ("Työnhakijan palvelutarpeen arviointi: perehdytys ja harjoitustapaukset",
             "Käy harjoitustapaukset läpi ja keskustele niistä mentorin kanssa.", 14, N),
            ("Yrityspalvelut ja rekrytointi: yrityslähtöinen toimintatapa",
             "Miten yritysasiakkaan kautta palvellaan myös henkilöasiakkaita.", 21, N),
        ],
    ),
    (
        "Tiimi ja itseohjautuvuus",
        "Teamet och självstyrning",
        [
            ("Tiimin tarkoitus, tiimisopimus ja roolit",
             "Käykää yhdessä läpi, mitä tiimi tekee ja miten se on sopinut toimivansa.", 7, M),
            ("Etätyön ja hajautetun tiimin käytännöt",
             "Tiimit eivät ole sidottuja paikkakuntiin: sovitut kanavat, palaverit ja "
             "läsnäolopäivät.", 14, M),
            ("Osallistu tiimin muutossessioon", "", 21, N),
            ("Tutustu tiimin parannustauluun ja tee yksi parannusehdotus",
             "Lean-menetelmä: idea, kokeilu, käyttöön otettu. Kirjaa ehdotus taululle.", 30, N),
            ("Mentorikeskustelu: ensimmäinen kuukausi",
             "Mikä on sujunut, missä tarvitset tukea?", 30, M),
        ],
    ),
    (
        "Muutos ja uusi organisaatio",
        "Förändringen och den nya organisationen",
        [
            ("TE24-uudistus: katso valtakunnallisen infotilaisuuden tallenne",
             "Mitä uudistus tarkoittaa työllesi ja milloin palvelut siirtyvät kuntiin.", 14, N),
            ("Tutustu talon sisäisiin muutoskoutseihin",
             "Keitä koutsit ovat ja miten tiimi pyytää heiltä tukea.", 30, N),
            ("Osallistu koko toimiston kehittämispäivään", "", 60, N),
            ("Perehdytyksen palautekeskustelu ja koeajan päätös", "", 120, S),
        ],
    ),
]  # fmt: skip

# (newcomer, days since the start, Finnish titles of the tasks left undone among those due)
NEWCOMERS = [
    (
        "noora.tuominen",
        17,
        {"Työnhakijan palvelutarpeen arviointi: perehdytys ja harjoitustapaukset"},
    ),
    ("riikka.laine", 4, {"Lue henkilöstöopas ja työaikakäytännöt"}),
]


def _programme(owner, organisation):
    from .models import OnboardingProgramme

    programme = OnboardingProgramme.objects.filter(title_fi=PROGRAMME_TITLE).first()
    if programme is None:
        programme = OnboardingProgramme.objects.create(
            title_fi=PROGRAMME_TITLE,
            title_sv=PROGRAMME_TITLE_SV,
            description_fi=PROGRAMME_DESCRIPTION,
            organisation=organisation,
            owner=owner,
            published=True,
        )
    return programme


def _structure(programme) -> list:
    from .models import Module, Task

    tasks = []
    for order, (title, title_sv, items) in enumerate(MODULES, start=1):
        module = Module.objects.filter(programme=programme, title_fi=title).first()
        if module is None:
            module = Module.objects.create(
                programme=programme, title_fi=title, title_sv=title_sv, order=order
            )
        for task_order, (task_title, description, offset, who) in enumerate(items, start=1):
            task = Task.objects.filter(module=module, title_fi=task_title).first()
            if task is None:
                task = Task.objects.create(
                    module=module,
                    title_fi=task_title,
                    description_fi=description,
                    due_offset_days=offset,
                    responsible=who,
                    order=task_order,
                )
            tasks.append(task)
    return tasks


@transaction.atomic
def load_demo_onboarding() -> list:
    """Create the demo programme and enrolments. Safe to run again: nothing is duplicated."""
    from kaiku.accounts.demo import demo_people
    from kaiku.organisations.models import Organisation

    from .models import Enrolment, TaskCompletion

    people = demo_people()
    if OWNER not in people:
        return []
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    programme = _programme(people[OWNER], organisation)
    tasks = _structure(programme)
    supervisor, mentor = people.get(SUPERVISOR), people.get(MENTOR)
    today = timezone.localdate()
    enrolments = []
    for handle, days_ago, undone in NEWCOMERS:
        newcomer = people.get(handle)
        if newcomer is None:
            continue
        enrolment, created = Enrolment.objects.get_or_create(
            programme=programme,
            newcomer=newcomer,
            defaults={
                "start_date": today - datetime.timedelta(days=days_ago),
                "supervisor": supervisor,
                "mentor": mentor,
            },
        )
        enrolments.append(enrolment)
        if not created:
            continue
        for task in tasks:
            due = task.due_date(enrolment.start_date)
            if due >= today or task.title_fi in undone:
                continue
            done_on = max(due, enrolment.start_date - datetime.timedelta(days=3))
            TaskCompletion.objects.create(
                enrolment=enrolment,
                task=task,
                done_at=timezone.make_aware(
                    datetime.datetime.combine(done_on, datetime.time(10, 0))
                ),
                done_by=enrolment.person_for(task.responsible),
            )
    return enrolments


register_demo(75, load_demo_onboarding)
