"""Whether a text reads as English: the comparison says when its judgement is out of its depth."""

from __future__ import annotations

import pytest

from reader.analysis.compare import compare
from reader.analysis.language import ENGLISH, OTHER_SCRIPT, language_of
from reader.corpus.model import Article

ENGLISH_TEXT = (
    "The city council voted on Tuesday to rebuild the old stone bridge over the river, ending a debate "
    "that has divided the town for more than a decade. The mayor said the work would begin in the spring "
    "and that traffic would be sent to the north crossing while it lasts. Critics of the plan said it was "
    "too costly and that the money should have gone to the schools."
)
PORTUGUESE = (
    "A câmara municipal votou na terça-feira a reconstrução da velha ponte de pedra sobre o rio, pondo fim "
    "a um debate que dividiu a cidade por mais de uma década. O prefeito disse que as obras começam na "
    "primavera e que o trânsito será desviado para a travessia do norte. Os críticos do plano disseram que "
    "era caro demais e que o dinheiro deveria ir para as escolas da cidade."
)
GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, die alte Steinbrücke über den Fluss neu zu bauen, und damit "
    "eine Debatte beendet, die die Stadt seit mehr als einem Jahrzehnt spaltet. Der Bürgermeister sagte, die "
    "Arbeiten würden im Frühjahr beginnen und der Verkehr werde über die nördliche Brücke umgeleitet. Kritiker "
    "des Plans sagten, er sei zu teuer und das Geld hätte in die Schulen fließen sollen."
)
INDONESIAN = (
    "Dewan kota pada hari Selasa memutuskan untuk membangun kembali jembatan batu tua yang melintasi sungai, "
    "dan mengakhiri perdebatan yang telah memecah kota itu selama lebih dari satu dekade. Wali kota "
    "mengatakan bahwa pekerjaan itu akan dimulai pada musim semi dan lalu lintas akan dialihkan ke "
    "penyeberangan utara. Para pengkritik mengatakan rencana itu terlalu mahal dan bahwa dana itu "
    "seharusnya digunakan untuk sekolah yang ada di kota."
)
RUSSIAN = (
    "Городской совет во вторник проголосовал за восстановление старого каменного моста через реку, положив "
    "конец спорам, которые более десяти лет разделяли город. Мэр сказал, что работы начнутся весной, а "
    "движение будет направлено на северный переход."
)


@pytest.mark.parametrize(
    "text,code",
    [
        (ENGLISH_TEXT, ENGLISH),
        # English naming foreign places and people stays English
        (ENGLISH_TEXT + " São Paulo, Düsseldorf and Jakarta sent their own delegations to the vote.", ENGLISH),
        (PORTUGUESE, "pt"),
        (GERMAN, "de"),
        (INDONESIAN, "id"),
        (RUSSIAN, OTHER_SCRIPT),
        ("Too short to tell.", None),
        ("", None),
    ],
)
def test_language_of(text, code):
    assert language_of(text) == code


def art(text: str, id: str) -> Article:
    return Article(id=id, title=id, text=text, outlet=id, path=None)


def test_a_comparison_of_articles_not_in_english_says_its_links_rest_on_shared_words():
    c = compare(art(PORTUGUESE, "a"), art(PORTUGUESE.replace("terça-feira", "segunda-feira"), "b"), [], [])
    assert c.languages == {"left": "pt", "right": "pt"}
    assert c.to_dict()["languages"] == {"left": "pt", "right": "pt"}
    [notice] = c.notices()
    assert notice.startswith("both sides read as Portuguese") and "fitted on English news" in notice

    mixed = compare(art(ENGLISH_TEXT, "a"), art(GERMAN, "b"), [], [])
    assert mixed.languages == {"right": "de"}
    assert mixed.notices() == [mixed.language_notice()] and "the right side reads as German" in mixed.notices()[0]


def test_an_english_comparison_has_no_language_caveat():
    c = compare(art(ENGLISH_TEXT, "a"), art(ENGLISH_TEXT.replace("Tuesday", "Monday"), "b"), [], [])
    assert c.languages == {} and c.notices() == [] and "languages" not in c.to_dict()


def test_one_rule_tells_a_text_russian_for_search_and_for_quotations():
    """The index (stemming) and the quotations' speakers each had their own "mostly Cyrillic"
    test: one counted letters with str.isalpha and took exactly half, the other only more than
    half, so a text at the boundary was stemmed as Russian while its speakers were not read in
    Russian. One helper, one rule: more than half the letters."""
    from reader.analysis.attribution_languages import TABLES, attribution_words
    from reader.analysis.language import mostly_cyrillic
    from reader.index.languages import article_language

    half = "мир φως " * 50  # 150 Cyrillic letters of 300 (the rest Greek)
    assert not mostly_cyrillic(half)
    assert article_language(half) == "en"
    assert attribution_words(half) is not TABLES["ru"]
    more = half + "мир"
    assert mostly_cyrillic(more)
    assert article_language(more) == "ru"
    assert attribution_words(more) is TABLES["ru"]
    assert article_language(RUSSIAN) == "ru" and attribution_words(RUSSIAN) is TABLES["ru"]


@pytest.mark.parametrize(
    "text,code",
    [
        (
            "Regeringen presenterade på tisdagen sin nya budget för nästa år. Finansministern sa att det är "
            "viktigt att hålla ordning på ekonomin och att skatterna inte ska höjas, och att det inte blir "
            "några nya lån.",
            "sv",
        ),
        (
            "Valget blev afholdt i søndags, og resultatet kom sent om aftenen. Statsministeren sagde, at hun "
            "var glad for opbakningen fra vælgerne, og at regeringen vil fortsætte sit arbejde efter valget.",
            "da",
        ),
        (
            "Valget ble holdt på søndag, og resultatet kom sent på kvelden. Statsministeren sa at hun var glad "
            "for støtten fra velgerne, og at regjeringen vil fortsette arbeidet etter valget.",
            "no",
        ),
        (
            "Presidentin vierailu kaupungissa kesti kaksi päivää. Hän tapasi myös kaupungin johtajan, ja he "
            "puhuivat siitä, että talous on nyt vaikea. Presidentti sanoi, että hallitus ei ole vielä tehnyt "
            "päätöstä, mutta se on tulossa pian.",
            "fi",
        ),
        (
            "A kormány kedden bemutatta a jövő évi költségvetést. A pénzügyminiszter szerint az, hogy a gazdaság "
            "erős, nem jelenti azt, hogy az adók csökkenni fognak, és hogy már nem kell több pénz.",
            "hu",
        ),
        (
            "Rząd przedstawił we wtorek nowy budżet na przyszły rok. Minister finansów powiedział, że to jest "
            "ważne, aby utrzymać porządek w gospodarce i że podatki nie wzrosną, ale opozycja się nie zgadza.",
            "pl",
        ),
        (
            "Vláda v úterý představila nový rozpočet na příští rok. Ministr financí řekl, že je to důležité, "
            "aby se udržel pořádek v hospodářství, a že daně se nebudou zvyšovat, ale opozice s tím "
            "nesouhlasí, protože podle ní jsou výdaje příliš vysoké a ještě není jasné, jak je vláda pokryje.",
            "cs",
        ),
        (
            "Vláda v utorok predstavila nový rozpočet na budúci rok. Minister financií povedal, že je to "
            "dôležité, aby sa udržal poriadok v hospodárstve, a že dane sa nebudú zvyšovať, ale opozícia s "
            "tým nesúhlasí, pretože podľa nej sú výdavky príliš vysoké a ešte nie je jasné, ako ich vláda "
            "pokryje.",
            "sk",
        ),
        (
            "Vlada je v torek predstavila nov proračun za prihodnje leto. Minister za finance je dejal, da je "
            "to pomembno, da se ohrani red v gospodarstvu, in da se davki ne bodo zvišali, vendar se "
            "opozicija s tem ne strinja, ker so po njenem mnenju izdatki previsoki in še ni jasno, kako jih "
            "bo vlada pokrila.",
            "sl",
        ),
        (
            "Vlada je u utorak predstavila novi proračun za sljedeću godinu. Ministar financija rekao je da je "
            "važno da se održi red u gospodarstvu i da se porezi neće povećati, ali oporba se s tim ne slaže, "
            "jer su prema njezinu mišljenju izdaci previsoki i još nije jasno kako će ih vlada pokriti.",
            "hbs",
        ),
        (  # Serbian in the Latin script: the same language by its function words
            "Vlada je u utorak predstavila novi budžet za sledeću godinu. Ministar finansija rekao je da je "
            "važno da se održi red u privredi i da se porezi neće povećati, ali opozicija se s tim ne slaže, "
            "jer su prema njenom mišljenju izdaci previsoki i još nije jasno kako će ih vlada pokriti.",
            "hbs",
        ),
        (
            "Hükümet salı günü yeni bütçeyi açıkladı. Bakan, ekonominin çok daha güçlü olduğunu ve vergilerin "
            "artmayacağını söyledi, ancak muhalefet bu planın gerçekçi olmadığını ve bir değişiklik gerektiğini "
            "ileri sürdü.",
            "tr",
        ),
    ],
)
def test_more_languages_are_named(text, code):
    """Swedish, Danish, Norwegian, Finnish and Hungarian could not be told (read as English, so
    their articles were stemmed as English and compared with no caveat), and Polish or Turkish
    were taken for Portuguese by their short words ("na", "do", "o", "da")."""
    text = f"{text}\n\n{text}"  # two paragraphs: long enough to tell (200 letters)
    assert language_of(text) == code


def test_slovak_slovenian_and_croatian_are_not_called_czech_or_portuguese():
    """Slovak and Slovenian read as Czech (their shared "na je že to"), Croatian as Portuguese
    ("da se na o"): the comparison's notice named the wrong language, and a Croatian article was
    stemmed, and its quotations' speakers read, as Portuguese."""
    from reader.analysis.attribution_languages import attribution_words
    from reader.index.languages import article_language

    slovak = (
        "Vláda v utorok predstavila nový rozpočet na budúci rok. Minister financií povedal, že je to "
        "dôležité, aby sa udržal poriadok v hospodárstve, a že dane sa nebudú zvyšovať, ale opozícia s tým "
        "nesúhlasí, pretože podľa nej sú výdavky príliš vysoké a ešte nie je jasné, ako ich vláda pokryje."
    )
    croatian = (
        "Vlada je u utorak predstavila novi proračun za sljedeću godinu. Ministar financija rekao je da je "
        "važno da se održi red u gospodarstvu i da se porezi neće povećati, ali oporba se s tim ne slaže, "
        "jer su prema njezinu mišljenju izdaci previsoki i još nije jasno kako će ih vlada pokriti."
    )
    c = compare(art(slovak, "a"), art(slovak.replace("utorok", "pondelok"), "b"), [], [])
    assert c.notices()[0].startswith("both sides read as Slovak")
    c = compare(art(croatian, "a"), art(croatian.replace("utorak", "ponedjeljak"), "b"), [], [])
    assert c.notices()[0].startswith("both sides read as Croatian, Bosnian or Serbian")
    assert article_language(croatian) == "en"  # no stemmer of its own: not Portuguese's
    assert attribution_words(croatian) is None
