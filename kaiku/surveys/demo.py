"""Demo surveys: the TE2024 staff survey on personal change-support needs, sent to the staff
of ELY centres, the KEHA centre, the municipal pilots and the TE offices. The first round
(autumn 2022) is closed; the second is open now, so demo people can answer it. Both rounds
have several hundred generated anonymous responses across organisation types and regions,
with Finnish open answers in several themes; the closed round's themes are computed, and its
results have a published summary ("Alustavat tulokset", announced in the news by
``kaiku/site/demo.py``).
Deterministic and idempotent: surveys are found by title and round; responses are generated
only for a round that has none.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kaiku.core.content import Visibility
from kaiku.core.demo import register as register_demo
from kaiku.organisations.models import Organisation, OrganisationType

from .demo_answers import NOISE, SUPPORT, WORRIES
from .models import (
    Answer,
    AnswerChoice,
    AudienceKind,
    Choice,
    MatrixItem,
    Question,
    QuestionKind,
    Response,
    ResultsSummary,
    ResultsVisibility,
    Section,
    Survey,
    SurveyOrganisationType,
)

TITLE_FI = "Henkilöstön muutostuen tarpeet TE-palvelut 2024 -uudistuksessa"
TITLE_SV = "Personalens behov av förändringsstöd i TE-tjänster 2024-reformen"
DESCRIPTION_FI = (
    "Kartoitamme ELY-keskusten, KEHA-keskuksen, kuntakokeilujen ja TE-toimistojen henkilöstön "
    "henkilökohtaisia muutostuen tarpeita. Vastauksia käytetään muutosvalmennuksen "
    "suunnitteluun. Vastaaminen vie noin 10 minuuttia.\n\n"
    "Vastaukset tallennetaan nimettöminä, eikä tuloksia näytetä alle viiden vastaajan ryhmistä."
)
DESCRIPTION_SV = (
    "Vi kartlägger personalens personliga behov av stöd i förändringen vid NTM-centralerna, "
    "UF-centret, kommunförsöken och TE-byråerna. Svaren används för att planera "
    "förändringsträningen. Det tar cirka 10 minuter att svara."
)
AUDIENCE_TYPES = (
    OrganisationType.ELY_CENTRE,
    OrganisationType.KEHA_CENTRE,
    OrganisationType.MUNICIPAL_PILOT,
    OrganisationType.TE_OFFICE,
)
RESPONSES = {1: 340, 2: 410}

# (fi, sv) texts; a question is (kind, fi, sv, extra).
SECTIONS = [
    (
        ("Taustatiedot", "Bakgrund"),
        [
            (
                QuestionKind.SINGLE,
                ("Millaisissa tehtävissä työskentelet?", "Vilka uppgifter arbetar du med?"),
                {
                    "required": True,
                    "allow_other": True,
                    "choices": [
                        ("Asiakaspalvelu (työnhakijat)", "Kundservice (arbetssökande)"),
                        ("Työnantaja- ja yrityspalvelut", "Arbetsgivar- och företagstjänster"),
                        ("Asiantuntija- tai kehittämistehtävät", "Sakkunnig- eller utveckling"),
                        ("Esihenkilötehtävät", "Chefsuppgifter"),
                        ("Hallinto- ja tukitehtävät", "Förvaltnings- och stöduppgifter"),
                    ],
                },
            ),
        ],
    ),
    (
        ("Jaksaminen ja muutosmotivaatio", "Ork och motivation"),
        [
            (
                QuestionKind.LIKERT,
                ("Jaksan tällä hetkellä hyvin työssäni.", "Jag orkar bra i mitt arbete just nu."),
                {"required": True, "key": "coping"},
            ),
            (
                QuestionKind.LIKERT,
                (
                    "Koen uudistuksen tavoitteet itselleni merkityksellisiksi.",
                    "Jag upplever reformens mål som meningsfulla för mig.",
                ),
                {"required": True, "key": "motivation"},
            ),
            (
                QuestionKind.LIKERT,
                (
                    "Tiedän, mitä muutos tarkoittaa omassa työssäni.",
                    "Jag vet vad förändringen innebär i mitt eget arbete.",
                ),
                {"key": "clarity"},
            ),
            (
                QuestionKind.LIKERT,
                (
                    "Olen huolissani työmäärästäni muutoksen aikana.",
                    "Jag är orolig för min arbetsmängd under förändringen.",
                ),
                {"key": "workload"},
            ),
            (
                QuestionKind.LIKERT,
                (
                    "Olen huolissani asiakaspalvelun sujumisesta muutoksen edetessä.",
                    "Jag är orolig för hur kundservicen fungerar under förändringen.",
                ),
                {"key": "service"},
            ),
        ],
    ),
    (
        ("Muutostuen tarpeet", "Behov av stöd i förändringen"),
        [
            (
                QuestionKind.MATRIX,
                (
                    "Kuinka paljon tarvitset seuraavia muutostuen muotoja?",
                    "Hur mycket behöver du följande former av stöd?",
                ),
                {
                    "labels": True,
                    "items": [
                        ("Työnohjaus", "Arbetshandledning"),
                        ("Jaksamista tukeva valmennus", "Träning som stöder orken"),
                        ("Hyvien käytäntöjen jakaminen", "Att dela god praxis"),
                        (
                            "Kontaktit tulevaan organisaatioon",
                            "Kontakter till den framtida organisationen",
                        ),
                        (
                            "Yhdyspintojen tunnistaminen (esim. hyvinvointialueet)",
                            "Att känna igen gränsytor (t.ex. välfärdsområden)",
                        ),
                        (
                            "Säännölliset info- ja keskustelutilaisuudet",
                            "Regelbundna info- och diskussionstillfällen",
                        ),
                        (
                            "Yhteinen tiedotus- ja keskustelualusta",
                            "En gemensam informations- och diskussionsplattform",
                        ),
                    ],
                },
            ),
            (
                QuestionKind.MULTIPLE,
                (
                    "Millaisiin tilaisuuksiin haluaisit osallistua?",
                    "Vilka slags tillfällen vill du delta i?",
                ),
                {
                    "allow_other": True,
                    "choices": [
                        ("Valtakunnalliset Teams-tilaisuudet", "Riksomfattande Teams-tillfällen"),
                        ("Alueelliset tilaisuudet", "Regionala tillfällen"),
                        ("Paikalliset työpajat", "Lokala workshoppar"),
                        ("Verkkokurssit omaan tahtiin", "Webbkurser i egen takt"),
                    ],
                },
            ),
            (
                QuestionKind.NUMBER,
                (
                    "Montako tuntia kuukaudessa voisit käyttää muutosvalmennukseen?",
                    "Hur många timmar i månaden kunde du använda för förändringsträning?",
                ),
                {"min": Decimal(0), "max": Decimal(40)},
            ),
        ],
    ),
    (
        ("Avoimet vastaukset", "Öppna svar"),
        [
            (
                QuestionKind.LONG_TEXT,
                (
                    "Millaista tukea tarvitset muutoksessa?",
                    "Vilket stöd behöver du i förändringen?",
                ),
                {"help": "Kirjoita vapaasti. Älä mainitse nimiä."},
            ),
            (
                QuestionKind.SHORT_TEXT,
                ("Mikä on tällä hetkellä suurin huolesi?", "Vad oroar dig mest just nu?"),
                {},
            ),
        ],
    ),
]


def _survey(round_number: int, opens_at, closes_at, previous=None) -> Survey:
    survey = Survey.objects.filter(title_fi=TITLE_FI, round_number=round_number).first()
    if survey is not None:
        return survey
    survey = Survey.objects.create(
        title_fi=TITLE_FI,
        title_sv=TITLE_SV,
        description_fi=DESCRIPTION_FI,
        description_sv=DESCRIPTION_SV,
        published_at=opens_at,
        opens_at=opens_at,
        closes_at=closes_at,
        results_visibility=ResultsVisibility.STAFF,
        audience=AudienceKind.ORGANISATION_TYPES,
        visibility=Visibility.MEMBERS,
        round_number=round_number,
        previous_round=previous,
        invitations_sent_at=opens_at,
    )
    SurveyOrganisationType.objects.bulk_create(
        [SurveyOrganisationType(survey=survey, type=t) for t in AUDIENCE_TYPES]
    )
    for s_order, ((s_fi, s_sv), questions) in enumerate(SECTIONS):
        section = Section.objects.create(survey=survey, title_fi=s_fi, title_sv=s_sv, order=s_order)
        for q_order, (kind, (fi, sv), extra) in enumerate(questions):
            scale = kind in (QuestionKind.LIKERT, QuestionKind.MATRIX)
            labels = extra.get("labels")
            question = Question.objects.create(
                survey=survey,
                section=section,
                kind=kind,
                text_fi=fi,
                text_sv=sv,
                help_text_fi=extra.get("help", ""),
                required=extra.get("required", False),
                order=q_order,
                scale_points=5 if scale else None,
                scale_low_label_fi="Ei lainkaan tarvetta" if labels else "",
                scale_low_label_sv="Inget behov alls" if labels else "",
                scale_high_label_fi="Erittäin suuri tarve" if labels else "",
                scale_high_label_sv="Mycket stort behov" if labels else "",
                allow_other=extra.get("allow_other", False),
                number_min=extra.get("min"),
                number_max=extra.get("max"),
            )
            for order, (c_fi, c_sv) in enumerate(extra.get("choices", [])):
                Choice.objects.create(question=question, text_fi=c_fi, text_sv=c_sv, order=order)
            for order, (i_fi, i_sv) in enumerate(extra.get("items", [])):
                MatrixItem.objects.create(
                    question=question, text_fi=i_fi, text_sv=i_sv, order=order
                )
    return survey


def _keys(survey: Survey) -> dict[str, Question]:
    """The demo's Likert questions by their key (the order of SECTIONS)."""
    keys = [extra.get("key") for _t, qs in SECTIONS for _k, _x, extra in qs]
    questions = list(Question.objects.filter(survey=survey).order_by("section__order", "order"))
    return {key: q for key, q in zip(keys, questions, strict=True) if key}


# How each organisation type leans (added to a 1–5 scale before rounding): the seed's
# findings — coping and workload weigh on the TE offices most, the pilots are the most
# motivated.
LEAN = {
    OrganisationType.TE_OFFICE: {"coping": -0.6, "workload": 0.8, "service": 0.7},
    OrganisationType.ELY_CENTRE: {"coping": -0.2, "clarity": -0.5},
    OrganisationType.KEHA_CENTRE: {"clarity": 0.3, "service": -0.4},
    OrganisationType.MUNICIPAL_PILOT: {"motivation": 0.6, "clarity": 0.4, "workload": 0.3},
}
BASE = {"coping": 3.2, "motivation": 3.3, "clarity": 2.9, "workload": 3.6, "service": 3.4}


def _point(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 1.0))))


def _generate(survey: Survey, count: int, organisations: list[Organisation], seed: int) -> int:
    if Response.objects.filter(survey=survey).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    questions = list(
        Question.objects.filter(survey=survey)
        .order_by("section__order", "order")
        .prefetch_related("choices", "items")
    )
    keys = {q.pk: key for key, q in _keys(survey).items()}
    trend = 0.25 * (survey.round_number - 1)  # the second round copes a little better
    weights = [
        {
            OrganisationType.TE_OFFICE: 5,
            OrganisationType.ELY_CENTRE: 3,
            OrganisationType.MUNICIPAL_PILOT: 3,
        }.get(o.type, 4)
        for o in organisations
    ]
    themes = list(SUPPORT)
    responses, answers, picked = [], [], []
    period_end = timezone.localdate(survey.closes_at)
    for _n in range(count):
        organisation = rng.choices(organisations, weights)[0]
        response = Response(
            survey=survey,
            round_number=survey.round_number,
            period_end=period_end,
            organisation_type=organisation.type,
            region_id=organisation.region_id,
            organisation=organisation,
        )
        responses.append(response)
        lean = LEAN.get(organisation.type, {})
        for q in questions:
            if q.kind == QuestionKind.LIKERT:
                key = keys.get(q.pk, "")
                shift = trend if key in ("coping", "clarity") else -trend if key else 0
                mean = BASE.get(key, 3) + lean.get(key, 0) + shift
                answers.append(Answer(response=response, question=q, value=_point(rng, mean)))
            elif q.kind == QuestionKind.MATRIX:
                for i, item in enumerate(q.items.all()):
                    mean = 3.6 if i in (0, 1) else 3.1  # työnohjaus and coping lead
                    if organisation.type == OrganisationType.TE_OFFICE and i == 0:
                        mean += 0.5
                    answers.append(
                        Answer(response=response, question=q, item=item, value=_point(rng, mean))
                    )
            elif q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                choices = list(q.choices.all())
                if q.kind == QuestionKind.SINGLE:
                    chosen = rng.choices(choices, [5, 2, 2, 1, 1][: len(choices)])[:1]
                else:
                    chosen = [c for c in choices if rng.random() < 0.45]
                if not chosen and not q.required:
                    continue
                answer = Answer(response=response, question=q)
                if q.allow_other and rng.random() < 0.03:
                    answer.other_text = rng.choice(["Projektitehtävät", "Koulutus", "ICT-tuki"])
                    if q.kind == QuestionKind.SINGLE:
                        # "Other" is the one choice, as the answering form allows.
                        chosen = []
                answers.append(answer)
                picked += [AnswerChoice(answer=answer, choice=c) for c in chosen]
            elif q.kind == QuestionKind.NUMBER:
                if rng.random() < 0.7:
                    hours = Decimal(rng.choice([0, 1, 2, 2, 3, 4, 4, 5, 6, 8, 10, 16]))
                    answers.append(Answer(response=response, question=q, number=hours))
            elif q.kind == QuestionKind.LONG_TEXT:
                if rng.random() < 0.55:
                    pool = NOISE if rng.random() < 0.08 else SUPPORT[rng.choice(themes)]
                    answers.append(Answer(response=response, question=q, text=rng.choice(pool)))
            elif q.kind == QuestionKind.SHORT_TEXT and rng.random() < 0.35:
                answers.append(Answer(response=response, question=q, text=rng.choice(WORRIES)))
    rng.shuffle(responses)  # no insertion order worth keeping, not even in the demo
    Response.objects.bulk_create(responses, batch_size=500)
    Answer.objects.bulk_create(answers, batch_size=1000)
    AnswerChoice.objects.bulk_create(picked, batch_size=1000)
    Survey.objects.filter(pk=survey.pk).update(questions_locked_at=survey.opens_at)
    return len(responses)


@transaction.atomic
def load_demo_surveys() -> dict[str, Survey]:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    tz = timezone.get_current_timezone()
    first = _survey(
        1,
        datetime.datetime(2022, 11, 14, 9, 0, tzinfo=tz),
        datetime.datetime(2022, 12, 2, 16, 0, tzinfo=tz),
    )
    second = _survey(
        2, now - datetime.timedelta(days=7), now + datetime.timedelta(days=21), previous=first
    )
    organisations = list(
        Organisation.objects.filter(type__in=AUDIENCE_TYPES).order_by("type", "name")
    )
    if organisations:
        _generate(first, RESPONSES[1], organisations, seed=2022)
        _generate(second, RESPONSES[2], organisations, seed=2026)
        _themes(first)
        _summary(first)
    return {"first": first, "second": second}


SUMMARY_TITLE_FI = "Alustavat tulokset: henkilöstön muutostuen tarpeet"
SUMMARY_TITLE_SV = "Preliminära resultat: personalens behov av förändringsstöd"
# Drawn from the first round's generated results (340 respondents; the shares are of the
# answers, the "top two" points of the scale).
SUMMARY_BODY_FI = """\
Syksyn 2022 muutostukikyselyyn vastasi 340 henkilöä ELY-keskuksista, KEHA-keskuksesta, \
kuntakokeiluista ja TE-toimistoista. Kiitos kaikille vastanneille! Nämä ovat alustavia \
tuloksia; tarkempi raportti ja toimenpide-ehdotukset käsitellään muutostuen ohjausryhmässä \
tammikuussa.

**Keskeiset havainnot**

- **Työmäärä huolettaa.** Kaksi kolmesta vastaajasta on huolissaan työmäärästään muutoksen \
aikana. TE-toimistoissa huoli on yleisintä: noin neljä viidestä.
- **Jaksaminen on koetuksella.** Vain vajaa kolmannes kertoo jaksavansa tällä hetkellä hyvin \
työssään; keskiarvo on noin 3 asteikolla 1–5. Heikointa jaksaminen on TE-toimistoissa.
- **Muutoksen merkitys omassa työssä on vielä epäselvä.** Alle neljännes tietää, mitä muutos \
tarkoittaa omassa työssä, vaikka uudistuksen tavoitteita pidetään useammin merkityksellisinä.
- **Työnohjausta ja jaksamisvalmennusta tarvitaan eniten.** Muutostuen muodoista suurimmaksi \
tarve arvioidaan työnohjaukselle (lähes kaksi kolmesta) ja jaksamista tukevalle \
valmennukselle (yli puolet).
- Yli puolet on huolissaan asiakaspalvelun sujumisesta muutoksen edetessä.

**Mitä seuraavaksi**

Työnohjausryhmät käynnistetään ensimmäisenä TE-toimistoissa keväällä 2023. Avoimien \
vastausten teemat – työnohjaus, tiedonkulku ja yhteiset pelisäännöt tulevassa \
organisaatiossa – otetaan mukaan muutosvalmennuksen suunnitteluun. Kysely toistetaan, jotta \
nähdään, miten tilanne kehittyy.

Tuloksia ei näytetä alle viiden vastaajan ryhmistä.
"""
SUMMARY_PUBLISHED = (2022, 12, 16, 10, 0)
#: The charts shown with the summary: coping, the workload worry and the support needed.
SUMMARY_CHARTS = ("coping", "workload")


def _summary(survey: Survey) -> ResultsSummary:
    """The closed round's published summary, once (a summary edited in the demo is kept)."""
    summary = ResultsSummary.objects.filter(survey=survey).first()
    if summary is not None:
        return summary
    summary = ResultsSummary.objects.create(
        survey=survey,
        title_fi=SUMMARY_TITLE_FI,
        title_sv=SUMMARY_TITLE_SV,
        body_fi=SUMMARY_BODY_FI,
        published_at=datetime.datetime(*SUMMARY_PUBLISHED, tzinfo=timezone.get_current_timezone()),
    )
    keys = _keys(survey)
    matrix = Question.objects.filter(survey=survey, kind=QuestionKind.MATRIX).first()
    charts = [keys[key] for key in SUMMARY_CHARTS if key in keys]
    summary.questions.set([*charts, *([matrix] if matrix else [])])
    return summary


def _themes(survey: Survey) -> None:
    """The themes of the closed round's open answers, as the hourly task would compute them
    once the round has closed (``results_tasks.themes_due``). About 4 s on a quiet machine,
    most of it importing scikit-learn; only when not computed yet."""
    from .models import TextThemes
    from .results_tasks import analyse_survey

    if not TextThemes.objects.filter(question__survey=survey, computed_at__isnull=False).exists():
        analyse_survey(survey.pk)


register_demo(60, load_demo_surveys)
