"""Demo of coaching programmes and the live Q&A (``manage.py load_demo``, order 72: after
the events, 70, whose national info sessions it looks up by title).

- The coaching programme "Muutosvalmennus Hämeen TE-toimiston tiimeille" for the Häme TE
  office: four sessions (two held, with attendance marked; two upcoming), organised by the
  communications and change-coordinator demo person;
- the live Q&A record of the latest national info session: ten questions in Finnish with
  votes of those registered, some answered.

Idempotent: the programme is found by its slug, a session by its title and programme, and
an info session that already has live questions is left as it is.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from kaiku.core.demo import register as register_demo

PROGRAMME_SLUG = "muutosvalmennus-hameen-te-toimiston-tiimeille"
PROGRAMME_TITLE = "Muutosvalmennus Hämeen TE-toimiston tiimeille"
PROGRAMME_DESCRIPTION = (
    "Neljän tapaamisen muutosvalmennus Hämeen TE-toimiston itseohjautuville tiimeille. "
    "Tiimit ovat jakautuneet neljälle paikkakunnalle, joten jokaiseen tapaamiseen voi "
    "osallistua myös etänä.\n\n"
    "Valmennuksessa käsitellään **muutoksessa jaksamista**, tiimin pelisääntöjä, "
    "tiimien välistä yhteistyötä ja jatkuvaa parantamista Lean-menetelmin. Sisäiset "
    "muutosvalmentajat fasilitoivat, ja tapaamisten välillä tiimit kokeilevat sovittuja "
    "käytäntöjä omassa työssään."
)
SESSIONS = [
    # (days from now, hour, title, description)
    (-42, 9, "Muutosvalmennus, osa 1: muutos ja jaksaminen",
     "Missä muutoksessa olemme nyt, ja mikä auttaa jaksamaan? Tiimit kartoittavat omat "
     "voimavaransa ja kuormitustekijänsä."),
    (-14, 9, "Muutosvalmennus, osa 2: tiimin pelisäännöt",
     "Tiimisopimuksen laatiminen: miten sovimme työnjaosta, sijaisuuksista ja "
     "päätöksenteosta, kun tiimi toimii neljällä paikkakunnalla."),
    (14, 9, "Muutosvalmennus, osa 3: tiimien välinen yhteistyö",
     "Rajapinnat muihin tiimeihin ja tuleviin kuntien työllisyysalueisiin."),
    (42, 9, "Muutosvalmennus, osa 4: jatkuva parantaminen",
     "Parannustaulun käyttö Lean-menetelmin: ideasta kokeiluun ja käytännöksi."),
]  # fmt: skip

INFO_TITLE = "TE24-uudistus: valtakunnallinen infotilaisuus henkilöstölle"
#: (question, votes, answered)
LIVE_QUESTIONS = [
    ("Siirtyvätkö kaikki TE-toimiston asiantuntijat kuntiin samana päivänä?", 14, True),
    ("Säilyvätkö nykyiset vuosilomat ja lomarahat siirrossa kunnan palvelukseen?", 12, True),
    ("Mihin työpisteeseen minut sijoitetaan, jos kunta on eri paikkakunnalla kuin nykyinen "
     "toimipaikkani?", 9, False),
    ("Onko etätyö jatkossa mahdollista samalla tavalla kuin nyt?", 8, True),
    ("Milloin saamme tietää, mihin työllisyysalueeseen oma tiimimme siirtyy?", 7, False),
    ("Tuleeko asiakastietojärjestelmiin koulutusta ennen siirtoa?", 6, True),
    ("Miten perehdytys järjestetään niille, jotka aloittavat juuri ennen siirtoa?", 4, False),
    ("Voiko muutosvalmennukseen osallistua oman tiimin kanssa yhdessä?", 3, False),
    ("Julkaistaanko tämän tilaisuuden diat myös ruotsiksi?", 2, True),
    ("Kenelle voi esittää kysymyksiä tilaisuuden jälkeen?", 1, False),
]  # fmt: skip


def _hame_people(people, hame) -> list:
    """Tiina Tiimiläinen first, then the demo staff of the Häme TE office by address."""
    hame_pk = getattr(hame, "pk", None)
    first = [people[h] for h in ("tiina.tiimilainen",) if h in people]
    others = [
        people[h]
        for h in sorted(people)
        if hame_pk and people[h].organisation_id == hame_pk and people[h] not in first
    ]
    return first + others


def load_programme():
    from kaiku.accounts.demo import demo_people
    from kaiku.organisations.models import Organisation

    from .models import (
        AudienceKind,
        CoachingProgramme,
        Event,
        EventKind,
        Registration,
        RegistrationStatus,
    )

    people = demo_people()
    organiser = people.get("viestinta")
    hame = Organisation.objects.filter(slug="hameen-te-toimisto").first()
    now = timezone.now()
    programme = CoachingProgramme.all_objects.filter(slug=PROGRAMME_SLUG).first()
    if programme is None:
        programme = CoachingProgramme(
            slug=PROGRAMME_SLUG,
            title=PROGRAMME_TITLE,
            title_fi=PROGRAMME_TITLE,
            description=PROGRAMME_DESCRIPTION,
            description_fi=PROGRAMME_DESCRIPTION,
            organiser=organiser,
            organisation=hame,
            audience=AudienceKind.ORGANISATIONS if hame else AudienceKind.EVERYONE,
            visibility="members" if hame else "staff",
            published_at=now - datetime.timedelta(days=60),
        )
        programme.full_clean()
        programme.save()
        if hame:
            programme.audience_organisations.set([hame])
    participants = _hame_people(people, hame)[:12]
    for number, (days, hour, title, description) in enumerate(SESSIONS, start=1):
        if Event.all_objects.filter(series=programme, title_fi=title).exists():
            continue
        day = timezone.localdate(now) + datetime.timedelta(days=days)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        event = Event(
            kind=EventKind.COACHING,
            title=title,
            title_fi=title,
            description=description,
            description_fi=description,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            location="Hämeenlinna, Raatihuoneenkatu 18, neuvotteluhuone Vanaja",
            online_url=f"https://teams.microsoft.com/l/meetup-join/demo-valmennus-{number}",
            capacity=30,
            audience=programme.audience,
            visibility=programme.visibility,
            organiser=organiser,
            organisation=hame,
            series=programme,
            published_at=min(start - datetime.timedelta(days=30), now),
        )
        event.full_clean()
        event.save()
        if hame:
            event.audience_organisations.set([hame])
        held = event.ends_at <= now
        rows = [
            Registration(
                event=event,
                person=person,
                status=RegistrationStatus.REGISTERED,
                queued_at=min(start - datetime.timedelta(days=7), now),
                organisation_id=person.organisation_id,
                # Deterministic: most came, a different one or two missed each session.
                attended=((i + number) % 5 != 0) if held else None,
            )
            for i, person in enumerate(participants)
        ]
        Registration.objects.bulk_create(rows)
        Event.all_objects.filter(pk=event.pk).update(registered_count=len(rows))
    return programme


def load_live_record():
    from .models import Event, LiveQuestion, LiveQuestionStatus, LiveVote, RegistrationStatus

    event = (
        Event.all_objects.filter(title_fi=INFO_TITLE, ends_at__lte=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    if event is None or LiveQuestion.objects.filter(event=event).exists():
        return None
    people = [
        r.person
        for r in event.registrations.filter(status=RegistrationStatus.REGISTERED)
        .select_related("person")
        .order_by("queued_at", "pk")
    ]
    if len(people) < 2:
        return None
    for n, (text, votes, answered) in enumerate(LIVE_QUESTIONS):
        author = people[n % len(people)]
        asked = event.starts_at + datetime.timedelta(minutes=3 + 6 * n)
        question = LiveQuestion.objects.create(
            event=event,
            author=author,
            text=text,
            status=LiveQuestionStatus.ANSWERED if answered else LiveQuestionStatus.OPEN,
            answered_at=asked + datetime.timedelta(minutes=20) if answered else None,
        )
        voters = [p for p in people if p.pk != author.pk][:votes]
        LiveVote.objects.bulk_create([LiveVote(question=question, person=p) for p in voters])
        LiveQuestion.objects.filter(pk=question.pk).update(
            vote_count=len(voters), created=asked, updated=asked
        )
    return event


def load_demo_coaching():
    load_programme()
    load_live_record()


register_demo(72, load_demo_coaching)
