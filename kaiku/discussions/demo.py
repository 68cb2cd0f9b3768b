"""Demo discussions and comments (``manage.py load_demo``), after the people (20), the
programme (30) and the news (40).

Idempotent: a discussion is looked up by its group and title; a target that already has
comments from the demo people gets none again. One comment is hidden by a moderator with its
reason, one edited (its earlier text in the history) and one removed by its author.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from kaiku.accounts.demo import DEMO_DOMAIN, demo_people
from kaiku.core.demo import register as register_demo

PROGRAMME_SLUG = "te-palvelut-2024"

TIINA = "tiina.tiimilainen"
KALLE = "kalle.kehittaja"
LIISA = "liisa.lahtinen"
SOFIA = "sofia.lindholm"
MODERATOR = "moderaattori"

# (group slug, author, title, body, [(author, comment, [(author, reply)])])
DISCUSSIONS = [
    (
        "henkiloston-siirtyma",
        TIINA,
        "Miten lomat siirtyvät työllisyysalueelle?",
        "Siirryn vuodenvaihteessa kunnan palvelukseen. Säilyvätkö kertyneet vuosilomat, "
        "ja voiko ne pitää vasta keväällä?",
        [
            (
                LIISA,
                "Liikkeen luovutuksessa vuosilomat siirtyvät uudelle työnantajalle "
                "sellaisenaan. Lomien ajankohdasta kannattaa sopia esihenkilön kanssa hyvissä "
                "ajoin.",
                [(TIINA, "Kiitos, tämä selkeytti! Kysyn vielä esihenkilöltä aikataulusta.")],
            ),
            (
                KALLE,
                "Meillä sovittiin, että syksyn lomat pidetään ennen siirtoa. @liisa.lahtinen, "
                "onko tästä yhteistä linjausta?",
                [],
            ),
        ],
    ),
    (
        "tietojarjestelmat",
        KALLE,
        "Käyttöoikeudet asiakastietojärjestelmään siirron jälkeen",
        "Tuleeko jokaisen hakea käyttöoikeudet uudelleen, vai siirretäänkö nykyiset "
        "oikeudet automaattisesti?",
        [
            (
                SOFIA,
                "Nykyiset oikeudet siirretään, mutta ne tarkistetaan ensimmäisen kuukauden "
                "aikana. Tarkistuslista tulee ryhmän sivulle.",
                [(KALLE, "Hyvä tietää. Jaan tämän tiimilleni.")],
            ),
        ],
    ),
]

# News item slug -> [(author, comment)]
NEWS_COMMENTS = {
    "te-palvelulaki-vahvistettu": [
        (TIINA, "Hienoa, että laki on nyt vahvistettu. Milloin tulee henkilöstöinfo?"),
        (SOFIA, "Henkilöstöinfo pidetään Teamsissa ensi kuussa, kutsu tulee sähköpostiin."),
        (KALLE, "Tämä on täysin turhaa byrokratiaa ja kaikki päättäjät ovat idiootteja!"),
    ],
    "toimeenpano-ohjelma-valmistui": [
        (LIISA, "Ohjelma on selkeä. Aikataulu näyttää tiukalta, mutta realistiselta."),
        (TIINA, "Kirjoitin tähän vahingossa väärän kommentin."),
    ],
}
HIDDEN = "kaikki päättäjät ovat idiootteja"
HIDDEN_REASON = "Asiaton kielenkäyttö: arvostele asioita, älä ihmisiä (yhteisön ohjeet)."
REMOVED = "Kirjoitin tähän vahingossa väärän kommentin."
EDITED_BEFORE = "Ohjelma on selkeä. Aikataulu näyttää tiukalta."


def _has_demo_comments(target) -> bool:
    from .models import Comment

    content_type = ContentType.objects.get_for_model(target)
    return Comment.all_objects.filter(
        content_type=content_type, object_id=target.pk, author__email__endswith=f"@{DEMO_DOMAIN}"
    ).exists()


def _comment(target, author, body, *, parent=None, at=None):
    from .models import Comment
    from .services import _audience_fields

    comment = Comment(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        parent=parent,
        author=author,
        body=body,
        **_audience_fields(target),
    )
    comment.full_clean()
    comment.save()
    if at is not None:
        Comment.all_objects.filter(pk=comment.pk).update(created=at)
    return comment


def load_demo_discussions() -> str:
    from kaiku.programme.models import Programme, WorkingGroup

    from .models import Comment, CommentRevision, Discussion, Reaction

    people = demo_people()
    programme = Programme.objects.filter(slug=PROGRAMME_SLUG).first()
    if programme is None or not people:
        return "no demo programme or people: skipped"
    groups = {g.slug: g for g in WorkingGroup.objects.filter(programme=programme)}
    start = timezone.now() - datetime.timedelta(days=10)
    made = 0
    for index, (group_slug, author, title, body, comments) in enumerate(DISCUSSIONS):
        group = groups.get(group_slug)
        if group is None or author not in people:
            continue
        discussion, created = Discussion.objects.get_or_create(
            programme=programme,
            group=group,
            title=title,
            defaults={
                "body": body,
                "author": people[author],
                "visibility": group.visibility,
                "last_activity_at": start,
            },
        )
        if created:
            made += 1
        if _has_demo_comments(discussion):
            continue
        at = start + datetime.timedelta(days=index)
        for c_author, text, replies in comments:
            at += datetime.timedelta(hours=3)
            parent = _comment(discussion, people.get(c_author), text, at=at)
            for r_author, reply in replies:
                at += datetime.timedelta(hours=1)
                _comment(discussion, people.get(r_author), reply, parent=parent, at=at)
        Discussion.objects.filter(pk=discussion.pk).update(last_activity_at=at)
    moderator = people.get(MODERATOR)
    for slug, comments in NEWS_COMMENTS.items():
        item = _news_item(slug)
        if item is None or _has_demo_comments(item):
            continue
        for author, text in comments:
            comment = _comment(item, people.get(author), text)
            made += 1
            if HIDDEN in text:
                Comment.all_objects.filter(pk=comment.pk).update(
                    hidden_at=timezone.now(), hidden_by=moderator, hidden_reason=HIDDEN_REASON
                )
            elif text == REMOVED:
                Comment.all_objects.filter(pk=comment.pk).update(
                    deleted_at=timezone.now(), deleted_by=comment.author
                )
            elif text.startswith(EDITED_BEFORE.rstrip(".")):
                CommentRevision.objects.create(
                    comment=comment, body=EDITED_BEFORE, edited_by=comment.author
                )
                Comment.all_objects.filter(pk=comment.pk).update(edited_at=timezone.now())
            if author == SOFIA and people.get(TIINA):
                Reaction.objects.get_or_create(comment=comment, user=people[TIINA], kind="thanks")
    return f"{made} discussions and comments created"


def _news_item(slug: str):
    """News is named by its label: this app cannot import it."""
    from django.apps import apps

    model = apps.get_model("news", "NewsItem")
    return model.objects.filter(slug=slug).first()


register_demo(45, load_demo_discussions)
