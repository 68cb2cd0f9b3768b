# ruff: noqa: E501 (one answer a line reads best in a data file)
"""Hand-written Finnish open answers of TE2024 staff, labelled by theme: the one copy that
the demo survey (``demo_answers``, ``demo.py``, ``bench.py``) and the evaluation of the
open-text themes (``bench.themes.evaluate`` and ``timing``) read.

The question behind them: "Millaista tukea tarvitset muutoksessa?" (what support do you need
in the change?). Written as people write in a survey: paraphrases, inflected forms and
compounds, typos and missing umlauts, one word or several sentences, sometimes a second topic
in passing. Each answer has one intended theme.

``ANSWERS``: theme -> answers, used while the method was developed and tuned (see
docs/themes.md). ``NOISE``: answers that belong to no theme. ``HELDOUT`` and
``HELDOUT_NOISE``: written at the same time, before any tuning, and not looked at while
tuning; ``bench.themes.evaluate`` reports them separately. ``WORRIES``: short answers to
"what worries you most", used by the demo only.
"""

from __future__ import annotations

ANSWERS: dict[str, list[str]] = {
    "jaksaminen": [
        "Jaksaminen on koetuksella, tukea omaan jaksamiseen tarvitaan.",
        "jaksamista",
        "Miten jaksan tämän kaiken muutoksen keskellä? Tarvitsisin tukea jaksamiseen.",
        "Työhyvinvointiin pitäisi panostaa nyt enemmän kuin koskaan.",
        "Olen aika uupunut, toivoisin että työhyvinvoinnista huolehdittaisiin.",
        "Henkistä tukea ja jaksamisen tukemista, esim. työterveyden kautta.",
        "Jaksamiseen liittyvää tukea, monella on jo uupumusta.",
        "jaksamisesa tukemista kaipaan",
        "Stressi ja uupumus ovat lisääntyneet, tarvitaan keinoja jaksaa.",
        "Tyhy-toimintaa ja palautumista, jotta jaksetaan muutoksen yli.",
        "Työterveyshuollon tuki jaksamiseen pitää turvata myös kunnassa.",
        "Että joku kysyisi välillä miten jaksat.",
        "Jaksaminen. Ihan oikeasti, moni on loppuunpalamisen partaalla.",
        "Työhyvinvointi ja henkinen jaksaminen",
        "Palautumiseen ja stressinhallintaan tukea, jaksaminen on ollut heikkoa.",
        "tukea jaksamiseen ja työssä jaksamiseen ylipäätään",
        "Henkilöstön hyvinvointi ja jaksaminen unohtuu helposti tällaisessa muutoksessa.",
        "Mielen hyvinvointia tukevaa toimintaa, esim. jaksamisvalmennusta.",
        "Uupumusta ehkäisevää tukea kaivataan koko tiimissä.",
        "Työssäjaksamisen tukea.",
    ],
    "työnohjaus": [
        "Työnohjausta!",
        "Työnohjaus pitäisi järjestää kaikille, jotka siirtyvät.",
        "Ryhmätyönohjausta tiimille muutoksen käsittelyyn.",
        "tyonohjausta tarvittais",
        "Säännöllistä työnohjausta, vaikka kerran kuussa.",
        "Yksilötyönohjaus auttaisi käsittelemään muutosta.",
        "Toivon työnohjausta myös kunnan puolella, ettei se lopu siirrossa.",
        "Työnohjaaja, jonka kanssa voisi purkaa muutoksen herättämiä tunteita.",
        "Työnohjauksen jatkuminen on minulle tärkeintä.",
        "Ulkopuolinen työnohjaaja koko tiimille.",
        "Työnohjaus ja sen jatkuvuus kuntaan siirryttäessä.",
        "tyÖnohjausta ryhmälle",
        "Mahdollisuus työnohjaukseen, nyt sitä ei ole ollut ollenkaan.",
        "Työnohjausta sekä yksin että ryhmässä.",
        "Työnohjauksellista tukea esihenkilöille ja työntekijöille.",
        "Muutosta voisi käsitellä työnohjauksessa, ohjattuna.",
        "Työnohjausryhmä, jossa voisi jakaa kokemuksia muiden siirtyvien kanssa.",
        "Työnohjausta tarvitaan ehdottomasti.",
    ],
    "tiedonkulku": [
        "Tiedonkulku on ollut huonoa, tietoa tulee liian myöhään.",
        "Parempaa tiedottamista siitä mitä tapahtuu ja milloin.",
        "Tiedonkulkua pitää parantaa, nyt kuulemme asioista mediasta.",
        "Selkeää viestintää! Kuka päättää ja mitä.",
        "tiedonkulku",
        "Ajantasaista tietoa siirrosta, viestintä on ollut sekavaa.",
        "Tiedotusta enemmän ja selkeämmin, intrassa on vanhaa tietoa.",
        "Avoimuutta ja tiedonkulkua johdolta henkilöstölle.",
        "Infotilaisuuksia säännöllisesti ja niistä tallenteet.",
        "Tiedonkulku eri organisaatioiden välillä takkuaa.",
        "Viestinnän pitäisi olla oikea-aikaista eikä vasta jälkikäteen.",
        "Tietoa, tietoa ja tietoa. Emme tiedä vieläkään mihin siirrymme.",
        "Tiedottaminen muutoksen aikataulusta on ollut puutteellista.",
        "Tiedonkulun parantaminen ja yksi paikka, josta löytyy ajantasainen tieto.",
        "Kaipaan selkeää viestintää muutoksen etenemisestä.",
        "Sisäinen viestintä ja tiedottaminen kuntoon",
        "tiedonkulku huonoa, tieto ei kulje",
        "Henkilöstöinfoja useammin ja kysymyksiin vastauksia.",
        "Viestintä on hajanaista, tietoa pitää etsiä monesta paikasta.",
    ],
    "työmäärä": [
        "Työmäärä on kasvanut liikaa, kiire on jatkuvaa.",
        "Kiire. Ei ehdi tehdä perustyötä muutoksen ohella.",
        "Työkuorma pitää saada kohtuulliseksi siirtymävaiheessa.",
        "Työmäärän kohtuullistamista, asiakasmäärät ovat liian suuria.",
        "Liikaa töitä ja liian vähän aikaa.",
        "Lisää henkilöstöä, työmäärä on kestämätön.",
        "Resursseja! Työtä on enemmän kuin ehtii tehdä.",
        "Kiireen helpottamista, muutostyö tulee kaiken muun päälle.",
        "Työkuormaa pitäisi seurata ja keventää.",
        "tyomaara on liian suuri",
        "Aikaa perehtyä uusiin asioihin, nyt kaikki tehdään kiireellä.",
        "Ylitöitä tulee jatkuvasti, työmäärä ei vähene.",
        "Lisäresursseja siirtymävaiheen ruuhkaan.",
        "Työmäärä ja kiire.",
        "Kuormitus on kova, tehtäviä pitäisi priorisoida.",
        "Tehtäviä tulee lisää koko ajan mutta väkeä ei.",
        "Kiireettömyyttä ja aikaa tehdä työ kunnolla.",
        "Työkuorman jakamista tasaisemmin tiimin kesken.",
    ],
    "asiakaspalvelu": [
        "Miten varmistetaan, että asiakkaiden palvelu jatkuu katkeamatta?",
        "Asiakaspalvelun jatkuvuus on huolena, asiakkaat eivät saa jäädä tyhjän päälle.",
        "Asiakkaat kysyvät koko ajan mihin heidän pitää ottaa yhteyttä vuodenvaihteessa.",
        "Asiakkuuksien siirto kuntaan pitää suunnitella huolella.",
        "Palvelun jatkuvuus asiakkaille siirtymässä.",
        "asiakkaiden palvelu ei saa katketa",
        "Asiakaspalvelu vuodenvaihteen yli, kuka palvelee ja missä.",
        "Ohjeet siitä, miten kesken olevat asiakastapaukset hoidetaan siirron yli.",
        "Asiakkaille selkeä tieto minne ottaa yhteyttä.",
        "Asiakastyön jatkuvuus ja omat asiakkaat, saanko pitää ne?",
        "Asiakaspalvelun katkeamattomuus",
        "Palvelut asiakkaille pitää turvata muutoksen aikana.",
        "Pelkään että asiakkaat putoavat väliin kun palvelut siirtyvät.",
        "Asiakkaan polku pitää miettiä niin että palvelu jatkuu.",
        "Asiakasplvelun jatkuvuus ja työnhakijoiden palvelu.",
        "Yritysasiakkaiden palvelu ei saa katketa siirrossa.",
        "Kuka palvelee asiakasta tammikuussa?",
        "Asiakkaiden palveluiden jatkuvuus.",
    ],
    "tietojärjestelmät": [
        "Tietojärjestelmät pitää saada toimimaan ennen siirtoa.",
        "URA-järjestelmän koulutusta ja tietoa mitä järjestelmiä kunnassa käytetään.",
        "Järjestelmäkoulutusta!",
        "Toimivat tietojärjestelmät ja käyttöoikeudet heti ensimmäisestä päivästä.",
        "tietojarjestelmien toimivuus",
        "Koulutusta uusiin tietojärjestelmiin.",
        "Tunnukset ja käyttöoikeudet kuntoon ajoissa.",
        "Järjestelmät eivät keskustele keskenään, tarvitaan toimiva integraatio.",
        "Atk-tuki, jolta saa apua kun järjestelmät eivät toimi.",
        "Tietojärjestelmäkoulutus ja tuki käyttöönotossa.",
        "Mikä asiakastietojärjestelmä meillä on käytössä kunnassa?",
        "Järjestelmien käyttöönotto on iso huoli.",
        "Tietojärjestelmä, joka toimii eikä kaadu koko ajan.",
        "IT-tukea ja järjestelmäkoulutuksia.",
        "Tietojärjestelmä koulutus",
        "Pääsy järjestelmiin ja tunnukset ennen kuin työ alkaa kunnassa.",
        "Sähköisten järjestelmien toimivuus ja tuki niiden käyttöön.",
        "Uusien järjestelmien opettelu vie paljon aikaa, siihen tukea.",
    ],
    "esihenkilötyö": [
        "Esihenkilön tukea ja läsnäoloa.",
        "Esihenkilötyö on ollut kateissa, lähiesihenkilö vaihtuu koko ajan.",
        "Tiedän kuka on esimieheni kunnassa?",
        "Esimiehen tuki ja selkeä johtaminen.",
        "Johtamista! Esihenkilöiden pitää olla näkyvillä.",
        "Lähiesihenkilön tuki muutoksessa.",
        "esihenkilö joka kuuntelee",
        "Hyvää johtamista ja esihenkilöitä, joilla on aikaa alaisilleen.",
        "Esihenkilöiden tulisi käydä muutos läpi tiimien kanssa.",
        "Esimiestyön tukea, esihenkilötkin ovat väsyneitä.",
        "Kehityskeskustelut uuden esihenkilön kanssa heti alussa.",
        "Muutosjohtamista ja esihenkilöiden valmennusta.",
        "Esihenkilön kanssa yhteinen keskustelu omasta roolista.",
        "Selkeä tieto siitä kuka on esihenkilö ja kuka johtaa.",
        "Esihenkilötuki",
        "Johdon ja esihenkilöiden sitoutumista muutokseen.",
        "Esimies, joka oikeasti johtaa eikä vain välitä viestejä.",
        "Esihenkilöltä tukea ja aikaa keskusteluun.",
    ],
    "yhteistyö kunnan kanssa": [
        "Yhteistyö kunnan kanssa pitää aloittaa jo nyt.",
        "Kunnan kanssa yhteistyötä ja tutustumista uuteen organisaatioon.",
        "Tutustumista kunnan muihin palveluihin ja yhteistyökumppaneihin.",
        "Yhteistyötä kuntien kanssa, ne eivät tunne meidän työtä.",
        "Kuntaorganisaation toimintatavat ovat vieraita, tarvitaan perehdytystä kuntaan.",
        "Kunnan ja TE-toimiston välinen yhteistyö toimimaan.",
        "yhteistyö kunnan kanssa",
        "Kunta ei ole ollut yhteydessä meihin ollenkaan.",
        "Yhteisiä tapaamisia kunnan työntekijöiden kanssa.",
        "Kunnan edustajat paikalle kertomaan mitä kunnassa odotetaan.",
        "Perehdytys kunnan toimintaan ja kuntaorganisaatioon.",
        "Kuntien välinen yhteistyö työllisyysalueella.",
        "Yhteistyötä kunnan sosiaalitoimen ja muiden palveluiden kanssa.",
        "Kunnan puolelta yhteyshenkilö, jolta voi kysyä.",
        "Yhteistyö kunnan kanssa on ollut vähäistä, sitä pitää lisätä.",
        "Tutustumiskäyntejä kuntaan ennen siirtoa.",
        "Kunnan kanssa yhteinen suunnittelu.",
        "Kuntayhteistyö ja verkostot.",
    ],
    "palkkaus": [
        "Palkka ei saa laskea siirrossa.",
        "Palkkaus kunnassa, säilyykö nykyinen palkka?",
        "Palkkojen harmonisointi pitää tehdä reilusti.",
        "Palkkaus.",
        "Tieto palkasta ja palkan määräytymisestä kunnassa.",
        "Palkkaan liittyvät kysymykset ovat auki.",
        "palkka ja lisät, säilyvätkö",
        "Palkkauksen selkeys ja palkkatasojen vertailu.",
        "Oikeudenmukainen palkkaus, nyt samasta työstä maksetaan eri palkkaa.",
        "Palkkahaitari kunnassa ja valtiolla eroaa, huolettaa.",
        "Henkilökohtaiset lisät ja palkka säilyttävä.",
        "Paremman palkan, työ on vaativaa.",
        "Palkkojen yhdenmukaistaminen",
        "Palkkauksesta pitää kertoa ajoissa.",
        "Palkkausjärjestelmä kunnassa on epäselvä.",
        "Palkankorotus kiitokseksi muutoksen kestämisestä.",
        "Plkka ei saa pienentyä",
        "Varmuus siitä, että palkka maksetaan ajallaan tammikuussa.",
    ],
}

NOISE: list[str] = [
    "Ei mitään.",
    "En osaa sanoa",
    "-",
    "Kiitos kyselystä!",
    "ok",
    "Hyvä näin 👍",
    "Parkkipaikkoja lisää toimiston pihaan.",
    "Kahvia taukotilaan.",
    "Lomat tulossa, katsotaan sitten.",
    "Ei kommentoitavaa tällä kertaa.",
    "Toimitilojen ilmanvaihto on huono.",
    "12345",
    "Kaikki hyvin.",
    "Enpä tiedä, ehkä myöhemmin.",
    "Kesäpäivät olivat mukavat.",
]

HELDOUT: dict[str, list[str]] = {
    "jaksaminen": [
        "Jaksamisen tukea, olen ihan poikki.",
        "Työhyvinvointi on heikentynyt, siihen pitää panostaa.",
        "Keinoja jaksaa työssä muutoksen keskellä.",
        "jaksaminen ja hyvinvointi",
        "Uupumus uhkaa, tarvitaan tukea.",
    ],
    "työnohjaus": [
        "Työnohjausta tiimeille.",
        "Työnohjaus jatkuu kunnassakin toivottavasti.",
        "työnohjaaja olisi hyvä",
        "Ryhmätyönohjaus muutoksen käsittelyyn.",
        "Työnohjausta säännöllisesti",
    ],
    "tiedonkulku": [
        "Tiedonkulku paremmaksi.",
        "Selkeää ja ajoissa tulevaa tiedottamista.",
        "Viestintää enemmän, nyt ei tiedä mitään.",
        "tiedon kulku on huonoa",
        "Säännöllinen info muutoksen etenemisestä.",
    ],
    "työmäärä": [
        "Työmäärä on liian suuri.",
        "Kiirettä on liikaa.",
        "Työkuorman keventämistä.",
        "Lisää tekijöitä, työtä on liikaa.",
        "kiire ja työmäärä",
    ],
    "asiakaspalvelu": [
        "Asiakkaiden palvelu pitää turvata siirrossa.",
        "Asiakaspalvelun jatkuvuus.",
        "Mihin asiakkaat ohjataan tammikuussa?",
        "asiakkaat ei saa kärsiä",
        "Palvelun katkeamattomuus asiakkaille.",
    ],
    "tietojärjestelmät": [
        "Tietojärjestelmien koulutus.",
        "Järjestelmät toimimaan.",
        "Tunnukset järjestelmiin ajoissa.",
        "tietojärjestelmät ja it-tuki",
        "Koulutusta kunnan järjestelmiin.",
    ],
    "esihenkilötyö": [
        "Esihenkilön tuki.",
        "Lähiesimiehen läsnäolo.",
        "Johtaminen selkeämmäksi.",
        "esihenkilöt tukemaan",
        "Esihenkilötyötä ja johtamista parempaan suuntaan.",
    ],
    "yhteistyö kunnan kanssa": [
        "Yhteistyö kunnan kanssa.",
        "Kunnan kanssa tapaamisia.",
        "Kuntaan tutustuminen.",
        "yhteistyötä kuntien kanssa",
        "Kunnan yhteyshenkilö.",
    ],
    "palkkaus": [
        "Palkka.",
        "Palkkaus säilyy ennallaan?",
        "Palkkojen harmonisointi.",
        "palkka ei saa laskea",
        "Palkkauksen läpinäkyvyys.",
    ],
}

HELDOUT_NOISE: list[str] = [
    "Ei ole.",
    "???",
    "Hyvää joulua!",
    "Lounasravintola on liian kaukana.",
    "En tiedä vielä.",
]


def labelled(heldout: bool = False) -> tuple[list[str], list[str]]:
    """(texts, labels): every answer with its theme, the noise labelled ``NO_THEME``."""
    themes, noise = (HELDOUT, HELDOUT_NOISE) if heldout else (ANSWERS, NOISE)
    texts: list[str] = []
    labels: list[str] = []
    for theme, answers in themes.items():
        texts.extend(answers)
        labels.extend([theme] * len(answers))
    texts.extend(noise)
    labels.extend([NO_THEME] * len(noise))
    return texts, labels


NO_THEME = "-"


WORRIES: list[str] = [
    "Oma jaksaminen ja työmäärän kasvu.",
    "Riittääkö aika asiakkaille, kun kaikki on uutta.",
    "Asiakastietojärjestelmien siirto ja käyttöoikeudet.",
    "Mihin tiimiin päädyn ja kuka on esihenkilöni.",
    "Tiedon kulku valtion ja kunnan välillä.",
    "Palkkaus ja työehdot siirron jälkeen.",
    "Asiakaspalvelun ruuhkat siirtymävaiheessa.",
    "Osaamisen riittävyys uusissa tehtävissä.",
    "Yhteistyö hyvinvointialueen kanssa.",
    "Työnohjauksen jatkuminen uudessa organisaatiossa.",
    "Kuormitus ja kiire.",
    "En tiedä vielä, mitä työni on vuoden päästä.",
]
