"""Demo people: named accounts for trying out each role, plus realistic staff across
organisations. Deterministic (fixed name lists) and idempotent (looked up by email)."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from kaiku.core.demo import register as register_demo

from .models import PlatformRole, User
from .services import role_grant

DEMO_DOMAIN = "kaiku.example"


# Capabilities above accounts add a note to the ``demo_logins`` table (e.g. which groups a
# person chairs); accounts cannot import them, so they register a function here that takes
# the users and returns ``{user pk: note}``.
_login_notes: list[Callable[[list[User]], dict[int, str]]] = []


def register_login_notes(func: Callable[[list[User]], dict[int, str]]) -> None:
    if func not in _login_notes:
        _login_notes.append(func)


def login_notes(users: list[User]) -> dict[int, str]:
    notes: dict[int, list[str]] = {}
    for func in _login_notes:
        for pk, note in func(users).items():
            notes.setdefault(pk, []).append(note)
    return {pk: "; ".join(parts) for pk, parts in notes.items()}


def demo_people() -> dict[str, User]:
    """The active demo people by the handle of their address (``tiina.tiimilainen``): how
    later demo loaders name who asks, answers, comments or reports."""
    users = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", is_active=True)
    return {user.email.split("@", 1)[0]: user for user in users}


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD", "Kaiku-demo-2026!")


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    title: str
    organisations: tuple[str, ...] = ()  # names or slugs to try, first match wins
    roles: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("fi",)
    preferred_language: str = "fi"
    expertise: str = ""
    superuser: bool = False
    note: str = field(default="", compare=False)


KEY_PEOPLE: list[DemoPerson] = [
    DemoPerson(
        email=f"admin@{DEMO_DOMAIN}",
        full_name="Anna Ylläpitäjä",
        title="Pääkäyttäjä",
        organisations=("KEHA-keskus", "keha-keskus"),
        roles=(PlatformRole.ADMINISTRATOR,),
        languages=("fi", "sv", "en"),
        expertise="Käyttäjähallinta, tietosuoja ja tietoturva.",
        superuser=True,
        note="administrator",
    ),
    DemoPerson(
        email=f"viestinta@{DEMO_DOMAIN}",
        full_name="Selina Sassila",
        title="Projekti- ja viestintäasiantuntija",
        organisations=("Työ- ja elinkeinoministeriö", "tyo-ja-elinkeinoministerio", "TEM"),
        roles=(PlatformRole.COMMUNICATIONS, PlatformRole.CHANGE_COORDINATOR),
        languages=("fi", "en"),
        expertise="TE24-uudistuksen viestintä, muutosturva ja sidosryhmäyhteistyö.",
        note="communications, change coordinator",
    ),
    DemoPerson(
        email=f"moderaattori@{DEMO_DOMAIN}",
        full_name="Mikko Moderaattori",
        title="Verkkoyhteisön moderaattori",
        organisations=("KEHA-keskus", "keha-keskus"),
        roles=(PlatformRole.MODERATOR,),
        languages=("fi", "sv"),
        expertise="Keskustelujen moderointi ja käyttöohjeet.",
        note="moderator",
    ),
    DemoPerson(
        email=f"tiina.tiimilainen@{DEMO_DOMAIN}",
        full_name="Tiina Tiimiläinen",
        title="Työvoimaneuvoja",
        organisations=("Hämeen TE-toimisto", "hameen-te-toimisto"),
        languages=("fi", "en"),
        expertise="Työnhakijoiden palvelutarpeen arviointi, nuorten palvelut.",
        note="staff, Häme TE office",
    ),
    DemoPerson(
        email=f"kalle.kehittaja@{DEMO_DOMAIN}",
        full_name="Kalle Kehittäjä",
        title="Kehittämisasiantuntija",
        organisations=("KEHA-keskus", "keha-keskus"),
        languages=("fi", "en"),
        expertise="Asiakastietojärjestelmät, palveluprosessien kehittäminen.",
        note="staff, KEHA centre",
    ),
    DemoPerson(
        email=f"liisa.lahtinen@{DEMO_DOMAIN}",
        full_name="Liisa Lahtinen",
        title="Työllisyyspalvelujen palvelupäällikkö",
        organisations=("Tampere", "tampere"),
        languages=("fi", "en", "sv"),
        expertise="Kunnan työllisyyspalvelujen johtaminen, työvoimaviranomaisen tehtävät.",
        note="municipal staff, Tampere",
    ),
    DemoPerson(
        email=f"sofia.lindholm@{DEMO_DOMAIN}",
        full_name="Sofia Lindholm",
        title="Arbetskraftsrådgivare",
        organisations=("Vaasa", "vaasa"),
        languages=("sv", "fi", "en"),
        preferred_language="sv",
        expertise="Tvåspråkig service för arbetssökande, integration.",
        note="municipal staff, Vaasa (Swedish)",
    ),
]

_FIRST_NAMES = [
    "Aino", "Juha", "Sari", "Mika", "Laura", "Antti", "Heidi", "Jari", "Katja", "Timo",
    "Minna", "Pekka", "Johanna", "Ville", "Hanna", "Marko", "Elina", "Petri", "Riikka",
    "Sami", "Outi", "Janne", "Päivi", "Teemu", "Anu", "Harri", "Noora", "Olli", "Satu",
    "Tuomas", "Kirsi", "Eero", "Maria", "Jukka", "Leena", "Ilkka", "Emilia", "Arto",
    "Maija", "Henrik",
]  # fmt: skip
_LAST_NAMES = [
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
    "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen",
    "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen",
    "Ahonen", "Leinonen", "Hiltunen", "Miettinen", "Aaltonen", "Pitkänen", "Manninen",
    "Lindqvist", "Eriksson", "Hakala", "Väisänen",
]  # fmt: skip
_TITLES = [
    "Työvoimaneuvoja", "Asiantuntija", "Palveluesimies", "Yritysasiantuntija",
    "Työllisyyskoordinaattori", "Erikoissuunnittelija", "Kehittämispäällikkö",
    "Ohjaava opettaja", "Palveluohjaaja", "Työllisyyspäällikkö", "Rekrytointiasiantuntija",
    "Lakimies", "Tietohallintoasiantuntija", "Henkilöstöasiantuntija",
]  # fmt: skip
_EXPERTISE = [
    "Nuorten työllisyyspalvelut ja Ohjaamo-toiminta.",
    "Maahanmuuttajien kotoutuminen ja kielikoulutus.",
    "Yrityspalvelut, rekrytointi ja muutosturva.",
    "Työttömyysturvan työvoimapoliittiset lausunnot.",
    "Palkkatuki ja työkokeilu.",
    "Osaamisen kehittäminen ja työvoimakoulutus.",
    "Asiakastietojärjestelmät ja tiedolla johtaminen.",
    "Pitkäaikaistyöttömien palvelut ja kuntouttava työtoiminta.",
]
# Real organisations, looked up by name; a missing one leaves the person without one.
_ORGANISATIONS = [
    "Uudenmaan TE-toimisto", "Pirkanmaan TE-toimisto", "Hämeen TE-toimisto",
    "Varsinais-Suomen TE-toimisto", "Pohjois-Pohjanmaan TE-toimisto", "Keski-Suomen TE-toimisto",
    "Uudenmaan ELY-keskus", "Pirkanmaan ELY-keskus", "Varsinais-Suomen ELY-keskus",
    "Pohjois-Savon ELY-keskus", "Helsinki", "Espoo", "Vantaa", "Tampere", "Turku", "Oulu",
    "Jyväskylä", "Kuopio", "Lahti", "Pori", "Joensuu", "Seinäjoki", "Rovaniemi", "Vaasa",
]  # fmt: skip
GENERATED_COUNT = 40


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def generated_people() -> list[DemoPerson]:
    """Forty staff members, always the same ones."""
    people = []
    for i in range(GENERATED_COUNT):
        first = _FIRST_NAMES[i % len(_FIRST_NAMES)]
        last = _LAST_NAMES[(i * 7) % len(_LAST_NAMES)]
        organisation = _ORGANISATIONS[i % len(_ORGANISATIONS)]
        swedish = organisation == "Vaasa" or last in {"Lindqvist", "Eriksson"}
        languages = ("sv", "fi") if swedish else (("fi", "en") if i % 3 else ("fi", "en", "sv"))
        people.append(
            DemoPerson(
                email=f"{_ascii(first)}.{_ascii(last)}@{DEMO_DOMAIN}",
                full_name=f"{first} {last}",
                title=_TITLES[i % len(_TITLES)],
                organisations=(organisation,),
                languages=languages,
                preferred_language="sv" if swedish else "fi",
                expertise=_EXPERTISE[i % len(_EXPERTISE)],
            )
        )
    return people


def _find_organisation(candidates: tuple[str, ...]):
    from kaiku.organisations.models import Organisation

    for candidate in candidates:
        found = (
            Organisation.objects.filter(name__iexact=candidate).order_by("pk").first()
            or Organisation.objects.filter(slug=slugify(candidate)).first()
            or Organisation.objects.filter(abbreviation__iexact=candidate).order_by("pk").first()
        )
        if found is not None:
            return found
    return None


@transaction.atomic
def load_demo_people() -> list[User]:
    """Create (or update) the demo people. Safe to run again: nothing is duplicated."""
    from allauth.account.models import EmailAddress

    password_hash = make_password(demo_password())  # hashed once: fast and deterministic
    users = []
    for person in KEY_PEOPLE + generated_people():
        user, created = User.objects.get_or_create(
            email=person.email,
            defaults={"password": password_hash},
        )
        user.full_name = person.full_name
        user.title = person.title
        user.organisation = _find_organisation(person.organisations)
        user.languages = list(person.languages)
        user.preferred_language = person.preferred_language
        user.expertise = person.expertise
        if person.superuser:
            user.is_superuser = True
            user.is_staff = True
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"primary": True, "verified": True}
        )
        for role in person.roles:
            role_grant(user=user, role=role, actor=None)
        users.append(user)
    return users


register_demo(20, load_demo_people)
