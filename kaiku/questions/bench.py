"""Bench content for questions (``bench/generate.py``, registered in ``kaiku.core.bench``):
100,000 questions at scale 1 in the bench programmes, after the people and programme steps.

Each question is a function of its index: its text comes from templates × a vocabulary of
the reform's subjects (holidays, pay, pensions, systems, location of work, …) × contexts, so
the similar-question index and the search index see varied Finnish; its analysed terms are
written with it (``similar.question_terms``, cached per distinct text). About 80% are
answered (an ``Answer`` by a bench person for their organisation), the rest new, assigned,
closed or merged into an earlier question; about 15% are for signed-in staff only; about a
third have "I have this question too" votes (``vote_count`` is their number). The creation
times spread over 2023–2026, so the list's order is realistic.

Bulk-created in batches with the Markdown's HTML written directly (the texts are plain).
Idempotent: bench questions carry ``import_key = "bench-question-<index>"``; a rerun adds only
the missing indices. The search step (900) indexes them.
"""

from __future__ import annotations

import contextlib
import random
from datetime import UTC, datetime, timedelta
from html import escape

from kaiku.core import bench

KEY_PREFIX = "bench-question-"
TOPIC_PREFIX = "bench-"
BATCH_SIZE = 2_000
SEED = 20250201
START = datetime(2023, 1, 2, 8, tzinfo=UTC)
SPAN_MINUTES = 60 * 24 * 365 * 3

# (nominative, genitive, partitive)
SUBJECTS = [
    ("vuosiloma", "vuosiloman", "vuosilomaa"),
    ("lomapäivä", "lomapäivän", "lomapäivää"),
    ("säästövapaa", "säästövapaan", "säästövapaata"),
    ("lomaraha", "lomarahan", "lomarahaa"),
    ("palkka", "palkan", "palkkaa"),
    ("henkilökohtainen lisä", "henkilökohtaisen lisän", "henkilökohtaista lisää"),
    ("kilometrikorvaus", "kilometrikorvauksen", "kilometrikorvausta"),
    ("eläke", "eläkkeen", "eläkettä"),
    ("osa-aikaeläke", "osa-aikaeläkkeen", "osa-aikaeläkettä"),
    ("etätyösopimus", "etätyösopimuksen", "etätyösopimusta"),
    ("työmatka", "työmatkan", "työmatkaa"),
    ("työtila", "työtilan", "työtilaa"),
    ("liukuva työaika", "liukuvan työajan", "liukuvaa työaikaa"),
    ("käyttöoikeus", "käyttöoikeuden", "käyttöoikeutta"),
    ("asiakastietojärjestelmä", "asiakastietojärjestelmän", "asiakastietojärjestelmää"),
    ("työkannettava", "työkannettavan", "työkannettavaa"),
    ("sähköpostiosoite", "sähköpostiosoitteen", "sähköpostiosoitetta"),
    ("puhelinliittymä", "puhelinliittymän", "puhelinliittymää"),
    ("perehdytys", "perehdytyksen", "perehdytystä"),
    ("koulutus", "koulutuksen", "koulutusta"),
    ("työterveyshuolto", "työterveyshuollon", "työterveyshuoltoa"),
    ("lounasetu", "lounasedun", "lounasetua"),
    ("virkavapaa", "virkavapaan", "virkavapaata"),
    ("opintovapaa", "opintovapaan", "opintovapaata"),
    ("perhevapaa", "perhevapaan", "perhevapaata"),
    ("varallaolo", "varallaolon", "varallaoloa"),
    ("muutosvalmennus", "muutosvalmennuksen", "muutosvalmennusta"),
    ("asiakasasiakirja", "asiakasasiakirjan", "asiakasasiakirjaa"),
]
TEMPLATES = [
    "Säilyykö {nom} {ctx}?",
    "Miten {nom} muuttuu {ctx}?",
    "Kuka päättää {gen} ehdoista {ctx}?",
    "Voinko hakea {part} {ctx}?",
    "Mistä saan tietoa {gen} muutoksista {ctx}?",
    "Lasketaanko {nom} uudelleen {ctx}?",
    "Mitä {gen} osalta tapahtuu {ctx}?",
    "Pitääkö {nom} hakea uudelleen {ctx}?",
    "Kenelle ilmoitan {gen} muutoksesta {ctx}?",
    "Siirtyykö {nom} uudelle työnantajalle {ctx}?",
    "Miten {nom} hoidetaan {ctx}?",
    "Kuka vastaa {gen} järjestämisestä {ctx}?",
    "Tarvitaanko {gen} osalta uusi sopimus {ctx}?",
    "Onko {nom} sama kuin ennen {ctx}?",
    "Koskeeko {gen} muutos myös määräaikaisia {ctx}?",
    "Milloin {gen} käytännöt selviävät {ctx}?",
]
CONTEXTS = [
    "siirron jälkeen", "1.1.2025 alkaen", "työllisyysalueella", "kunnan palveluksessa",
    "liikkeen luovutuksessa", "siirtymäaikana", "uudessa organisaatiossa",
    "Pirkanmaan työllisyysalueella", "kaupungin palveluksessa", "ensi vuonna",
    "kun TE-toimisto lakkautetaan", "ELY-keskuksesta siirtyessä",
]  # fmt: skip
BODIES = [
    "",
    "",
    "Siirryn vuodenvaihteessa kunnan palvelukseen.",
    "Työskentelen nyt TE-toimistossa asiakaspalvelussa.",
    "Olen ELY-keskuksessa määräaikaisena.",
    "Esihenkilöni ei osannut vastata tähän.",
    "Kysyn koko tiimimme puolesta.",
    "Asiasta on liikkunut ristiriitaista tietoa.",
]
ANSWERS = [
    "{Nom} säilyy ennallaan: siirtyvät ovat uuden työnantajan palveluksessa vanhoina "
    "työntekijöinä.",
    "{Gen} käytännöistä sovitaan uuden työnantajan kanssa siirtymäkauden aikana.",
    "Siirto ei muuta {gen} ehtoja sopimuskauden aikana. Lisätietoja saat henkilöstöpalveluista.",
    "Uusi työnantaja kertoo {gen} järjestelyistä ennen siirtoa kirjallisesti.",
    "{Nom} hoidetaan työllisyysalueen ohjeiden mukaan; ohjeet julkaistaan intranetissä.",
]
TOPICS = [
    ("vuosilomat", "Vuosilomat"), ("palkkaus", "Palkkaus"), ("elakkeet", "Eläkkeet"),
    ("tyon-sijainti", "Työn sijainti ja etätyö"), ("jarjestelmat", "Järjestelmät"),
    ("perehdytys", "Perehdytys"), ("edut", "Henkilöstöedut"), ("vapaat", "Vapaat"),
]  # fmt: skip
# The topic of each subject (index into TOPICS).
SUBJECT_TOPIC = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 6, 6, 7, 7, 7, 1,
                 5, 4]  # fmt: skip


def question_text(index: int) -> tuple[str, str, int]:
    """The title, details and subject of question ``index`` (a function of the index)."""
    rng = random.Random(SEED * 3 + index)
    subject = rng.randrange(len(SUBJECTS))
    nom, gen, part = SUBJECTS[subject]
    title = rng.choice(TEMPLATES).format(nom=nom, gen=gen, part=part, ctx=rng.choice(CONTEXTS))
    return title[0].upper() + title[1:], rng.choice(BODIES), subject


@contextlib.contextmanager
def _keeping_timestamps(*models):
    """Let ``bulk_create`` write the given ``created``/``updated`` (the bench's past)."""
    fields = [(m._meta.get_field("created"), m._meta.get_field("updated")) for m in models]
    saved = [(c.auto_now_add, u.auto_now) for c, u in fields]
    for created, updated in fields:
        created.auto_now_add = updated.auto_now = False
    try:
        yield
    finally:
        for (created, updated), (add, now) in zip(fields, saved, strict=True):
            created.auto_now_add, updated.auto_now = add, now


def step_questions(count: int) -> str:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from kaiku.accounts.bench import BENCH_EMAIL_DOMAIN
    from kaiku.core.markdown import RENDERER_VERSION
    from kaiku.programme.models import WorkingGroup

    from .models import Answer, Question, QuestionStatus, QuestionVote, Topic
    from .similar import question_terms

    groups = list(
        WorkingGroup.objects.filter(programme__slug__startswith="bench-ohjelma-")
        .order_by("pk")
        .values_list("pk", "programme_id")
    )
    people = list(
        get_user_model()
        .objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", "organisation_id")[:5_000]
    )
    if not groups or not people:
        return "no bench groups or people: skipped"
    topics = [
        Topic.objects.get_or_create(
            slug=f"{TOPIC_PREFIX}{slug}", defaults={"name": name, "order": 100 + n}
        )[0].pk
        for n, (slug, name) in enumerate(TOPICS)
    ]
    keys = dict(
        Question.all_objects.filter(import_key__startswith=KEY_PREFIX).values_list(
            "import_key", "pk"
        )
    )
    terms_of: dict[tuple[str, str], str] = {}
    created = answers = votes = 0
    for batch_start in range(0, count, BATCH_SIZE):
        indices = [
            i
            for i in range(batch_start, min(batch_start + BATCH_SIZE, count))
            if f"{KEY_PREFIX}{i}" not in keys
        ]
        if not indices:
            continue
        rows, plans = [], {}
        for index in indices:
            rng = random.Random(SEED + index)
            title, body, subject = question_text(index)
            group_pk, programme_pk = groups[index % len(groups)]
            author_pk = people[rng.randrange(len(people))][0]
            asked = START + timedelta(minutes=SPAN_MINUTES * index // max(count, 1))
            roll = rng.random()
            status = (
                QuestionStatus.ANSWERED if roll < 0.8
                else QuestionStatus.NEW if roll < 0.88
                else QuestionStatus.ASSIGNED if roll < 0.95
                else QuestionStatus.CLOSED if roll < 0.98 or index < BATCH_SIZE
                else QuestionStatus.DUPLICATE
            )  # fmt: skip
            has_group = status != QuestionStatus.NEW
            key = (title, body)
            if key not in terms_of:
                terms_of[key] = question_terms(title, body)
            answered_at = asked + timedelta(days=rng.randrange(1, 15), hours=rng.randrange(8))
            rows.append(
                Question(
                    programme_id=programme_pk,
                    group_id=group_pk if has_group else None,
                    topic_id=topics[SUBJECT_TOPIC[subject]],
                    title=title,
                    body=body,
                    body_html=f"<p>{escape(body)}</p>" if body else "",
                    markdown_version=RENDERER_VERSION,
                    author_id=author_pk,
                    status=status,
                    visibility="public" if rng.random() < 0.85 else "staff",
                    assigned_at=asked + timedelta(hours=20) if has_group else None,
                    answered_at=answered_at if status == QuestionStatus.ANSWERED else None,
                    closed_at=answered_at if status == QuestionStatus.CLOSED else None,
                    closed_reason=(
                        "Kysymykseen on vastattu henkilöstöinfossa."
                        if status == QuestionStatus.CLOSED
                        else ""
                    ),
                    due_at=asked + timedelta(days=14),
                    duplicate_of_id=(
                        keys.get(f"{KEY_PREFIX}{rng.randrange(batch_start)}")
                        if status == QuestionStatus.DUPLICATE
                        else None
                    ),
                    in_faq=status == QuestionStatus.ANSWERED and index % 500 == 0,
                    terms=terms_of[key],
                    import_key=f"{KEY_PREFIX}{index}",
                    created=asked,
                    updated=answered_at if status == QuestionStatus.ANSWERED else asked,
                )
            )
            voters = (
                rng.sample(range(len(people)), rng.randrange(1, 6))
                if rng.random() < 0.35 and status != QuestionStatus.DUPLICATE
                else []
            )
            plans[f"{KEY_PREFIX}{index}"] = (rng, subject, voters, answered_at)
        with transaction.atomic(), _keeping_timestamps(Question, Answer):
            Question.all_objects.bulk_create(rows, batch_size=1_000)
            new = dict(
                Question.all_objects.filter(import_key__in=plans).values_list("import_key", "pk")
            )
            keys.update(new)
            answer_rows, vote_rows = [], []
            for row in rows:
                rng, subject, voters, answered_at = plans[row.import_key]
                pk = new[row.import_key]
                if row.status == QuestionStatus.ANSWERED:
                    nom, gen, _part = SUBJECTS[subject]
                    text = rng.choice(ANSWERS).format(
                        Nom=nom[0].upper() + nom[1:], Gen=gen[0].upper() + gen[1:], gen=gen
                    )
                    answerer, organisation = people[rng.randrange(len(people))]
                    answer_rows.append(
                        Answer(
                            question_id=pk,
                            body=text,
                            body_html=f"<p>{escape(text)}</p>",
                            markdown_version=RENDERER_VERSION,
                            author_id=answerer,
                            organisation_id=organisation,
                            group_id=row.group_id,
                            created=answered_at,
                            updated=answered_at,
                        )
                    )
                vote_rows += [
                    QuestionVote(question_id=pk, user_id=people[v][0])
                    for v in voters
                    if people[v][0] != row.author_id
                ]
            Answer.objects.bulk_create(answer_rows, batch_size=1_000)
            QuestionVote.objects.bulk_create(vote_rows, batch_size=1_000, ignore_conflicts=True)
            counted: dict[int, int] = {}
            for vote in vote_rows:
                counted[vote.question_id] = counted.get(vote.question_id, 0) + 1
            by_count: dict[int, list[int]] = {}
            for pk, n in counted.items():
                by_count.setdefault(n, []).append(pk)
            for n, pks in by_count.items():
                Question.all_objects.filter(pk__in=pks).update(vote_count=n)
        created += len(rows)
        answers += len(answer_rows)
        votes += len(vote_rows)
    return (
        f"{created} questions, {answers} answers, {votes} votes created ({count} wanted; "
        f"{len(terms_of)} distinct texts analysed)"
    )


def reset_questions() -> str:
    from .models import Question, Topic

    deleted, _ = Question.all_objects.filter(import_key__startswith=KEY_PREFIX).delete()
    topics, _ = Topic.objects.filter(slug__startswith=TOPIC_PREFIX).delete()
    return f"{deleted + topics} rows deleted"


def _run(scale: bench.Scale) -> str:
    return step_questions(scale.count("questions", 100_000))


bench.register("questions", 55, run=_run, reset=reset_questions)
