# ruff: noqa: E501 (one question a line reads best in a data file)
"""Held-out Finnish question pairs, written after the first evaluation and before the tuning
of the intent, compound and analysis changes, to check that the tuning does not only fit
``bench.similarity.pairs``. Same targets and corpus as ``pairs``; not changed to suit the engine.
"""

from __future__ import annotations

PAIRS: list[tuple[str, str, str]] = [
    ("paraphrase", "Jäävätkö lomani pitämättä, jos siirryn kuntaan kesken vuoden?", "loma-siirtyy"),
    ("paraphrase", "Kuka maksaa lomarahan siirtymävuonna?", "lomaraha"),
    ("paraphrase", "Laskeeko palkkani siirrossa kunnan palvelukseen?", "palkka-säilyy"),
    ("paraphrase", "Onko kunnalla eri eläkevakuuttaja kuin valtiolla?", "eläke-vakuuttaja"),
    (
        "paraphrase",
        "Pitääkö minun vaihtaa työpaikkaa toiselle paikkakunnalle?",
        "toiseen-kaupunkiin",
    ),
    ("paraphrase", "Kuka on jatkossa lähin esimieheni?", "esihenkilö"),
    ("paraphrase", "Mihin toimitiloihin TE-palvelut muuttavat ensi vuonna?", "toimitilat"),
    ("paraphrase", "Onko kunnan henkilöstöllä luottamusmies?", "luottamusmies"),
    ("paraphrase", "Kuka päättää jatkossa palkkatuen myöntämisestä?", "palkkatuki"),
    ("inflection", "Siirtyvätkö vuosilomapäiväni kuntaan?", "loma-siirtyy"),
    ("inflection", "Muuttuvatko eläkeikämme kuntaan siirtyessä?", "eläkeikä"),
    ("inflection", "Jatkuuko vuorotteluvapaat kuntien palveluksessa?", "vuorotteluvapaa"),
    ("inflection", "Säilyisivätkö sähköpostiosoitteemme siirroissa?", "sähköposti"),
    ("inflection", "Vaaditaanko kunnissa ruotsin kielen taitoja?", "kielitaito"),
    ("compound", "Miten vuosilomapalkka lasketaan kunnassa?", "lomapalkka"),
    ("compound", "Vaihtuuko terveyshuolto työssä, kun siirryn kuntaan?", "työterveys"),
    ("compound", "Jatkuuko vuorottelun vapaa kunnan palveluksessa?", "vuorotteluvapaa"),
    ("compound", "Pitääkö minun vaihtaa liittoa, kun siirryn kuntaan?", "ammattiliitto"),
    ("synonym", "Saako kaupungissa työnohjausta samoin kuin nyt?", "työnohjaus"),
    ("synonym", "Kuka on pomoni siirron jälkeen?", "esihenkilö"),
    ("synonym", "Voinko jatkaa hybridityötä kunnassa samalla tavalla kuin nyt?", "etätyö-jatkuu"),
    (
        "synonym",
        "Muuttuuko eläketurvani, kun siirryn valtiolta kunnan palvelukseen?",
        "eläke-muuttuu",
    ),
    ("typo", "Milloin vuosilomat pitäää pitää ennen siirtoa?", "loma-milloin"),
    ("typo", "Siirtyykö määräikainen työsopimukseni kuntaan?", "määräaikainen"),
    ("typo", "Kuka on esihenkilöni siirorn jälkeen?", "esihenkilö"),
]

NEAR_MISSES: list[tuple[str, str]] = [
    ("Milloin lomapalkka maksetaan kunnassa?", "lomapalkka"),
    ("Kuinka paljon vuosilomaa kertyy kunnassa?", "loma-siirtyy"),
    ("Kuka päättää palkkojen harmonisoinnista?", "palkka-harmonisointi"),
    ("Milloin eläkevakuutus siirtyy Kevaan?", "eläke-vakuuttaja"),
    ("Kuka maksaa työmatkat kunnassa?", "työmatka"),
    ("Missä asiakastietojärjestelmän koulutus järjestetään?", "järjestelmä-koulutus"),
    ("Kuka myöntää tunnukset asiakastietojärjestelmään?", "asiakastieto-järjestelmä"),
    ("Milloin sähköpostiosoite vaihtuu?", "sähköposti"),
    ("Kuka valitsee esihenkilöt kunnassa?", "esihenkilö"),
    ("Mitä työterveyshuolto maksaa?", "työterveys"),
    ("Kauanko vuorotteluvapaa voi kestää?", "vuorotteluvapaa"),
    ("Miten ammattiliittoon liitytään?", "ammattiliitto"),
]
