"""Search in the articles' own languages: each article stemmed in its language, a query word
looked up in every language of the index, highlights on the article's own words."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus  # noqa: E402

from reader.index import CorpusIndex, search, store, textproc  # noqa: E402
from reader.index.languages import article_language  # noqa: E402

GERMAN = (
    "Die Wahlen in Berlin haben begonnen. Die Bürger stimmen über den neuen Bundestag ab, und die Parteien "
    "warten auf das Ergebnis. Der Kanzler sagte, dass er mit dem Ergebnis zufrieden sei und dass die "
    "Koalition sich auf einen Vertrag einigen werde. Die Opposition kritisierte die Regierung für die hohen "
    "Preise und die Inflation im Land. Am Strand lag viel Sand, und die Kinder spielten auf dem Sand. "
)
FRENCH = (
    "Les élections législatives ont eu lieu dimanche en France. Le président a dit que le résultat est une "
    "surprise pour les partis. Les électeurs sont venus nombreux dans les bureaux de vote et la participation "
    "est en hausse par rapport à la dernière fois. Le gouvernement est dans une situation difficile et les "
    "députés de l'opposition demandent la démission du premier ministre. "
)
RUSSIAN = (
    "Выборы в Москве прошли в воскресенье. Президент сказал, что результаты выборов показывают поддержку "
    "правительства. Избиратели пришли на участки, и явка была выше, чем в прошлый раз. Оппозиция заявила о "
    "нарушениях и потребовала пересчёта голосов. Центральная избирательная комиссия опубликовала "
    "предварительные итоги голосования в понедельник утром. "
)
PORTUGUESE = (
    "Nesta página você terá sempre a classificação atualizada da Fórmula Indy até a última corrida. Com "
    "os pontos de cada piloto, e com as vitórias e os resultados de cada etapa do calendário, para que "
    "você possa conferir a classificação quando quiser. Os pilotos que disputam o título são os primeiros "
    "da lista, com a pontuação completa de todas as etapas que já foram disputadas na temporada. "
)
ENGLISH = (
    "Senator Bernie Sanders spoke to voters on Tuesday. The senator said the wallet of every family was "
    "under pressure, and he would come back to the state next month to talk to the press about the budget. "
)
SAND = "The sand on the beach was hot, and the wind moved the sand across the road all afternoon. " * 2

ARTICLES = {
    "de/wahlen": ("Wahlen in Berlin", "Tagesblatt", "2025-08-01", GERMAN),
    "fr/elections": ("Les élections législatives", "Le Quotidien", "2025-08-01", FRENCH),
    "ru/vybory": ("Выборы в Москве", "Вести", "2025-08-01", RUSSIAN),
    "pt/indy": ("Classificação da Indy", "Corrida", "2025-08-01", PORTUGUESE),
    "en/sanders": ("Sanders on the road", "AP", "2025-08-02", ENGLISH),
    "en/sand": ("A day at the beach", "AP", "2025-08-03", SAND),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    base = tmp_path_factory.mktemp("languages")
    ix = CorpusIndex([make_corpus(base / "corpus", ARTICLES)], base / "index")
    ix.update()
    yield ix
    ix.close()


def found(index, query: str) -> list[str]:
    results = index.search(query)
    assert results.error is None, results.error
    return sorted(h.id for h in results.hits)


def marked(index, query: str, article_id: str) -> list[str]:
    """The words the article's snippets mark for the query."""
    [hit] = [h for h in index.search(query).hits if h.id == article_id]
    return [s.text[a:b] for s in hit.snippets for a, b in s.matches]


def test_each_article_is_told_its_language():
    assert [article_language(text) for text in (GERMAN, FRENCH, RUSSIAN, PORTUGUESE, ENGLISH * 3)] == [
        "de",
        "fr",
        "ru",
        "pt",
        "en",
    ]
    ukrainian = "Вибори в Києві пройшли в неділю. Президент сказав, що результати виборів є підтримкою уряду. " * 3
    assert article_language(ukrainian) == "en"  # no Ukrainian stemmer: the analysis as before


@pytest.mark.parametrize(
    ("query", "article"),
    [
        ("Wahl", "de/wahlen"),  # the article writes Wahlen
        ("Ergebnisse", "de/wahlen"),  # ... Ergebnis
        ("élection", "fr/elections"),  # ... élections
        ("election", "fr/elections"),  # typed without the accent
        ("выборов", "ru/vybory"),  # ... Выборы, выборов
        ("выбор", "ru/vybory"),
        ("результат", "ru/vybory"),  # ... результаты
        ("classificações", "pt/indy"),  # ... classificação
        ("vitória", "pt/indy"),  # ... vitórias
    ],
)
def test_an_inflected_form_finds_the_article_in_its_language(index, query, article):
    assert article in found(index, query)


def test_highlights_mark_the_articles_own_words(index):
    assert set(marked(index, "Wahl", "de/wahlen")) == {"Wahlen"}
    assert set(marked(index, "elections", "fr/elections")) == {"élections"}
    assert set(marked(index, "выборы", "ru/vybory")) == {"Выборы", "выборов"}
    ranges = index.match_ranges("de/wahlen", "Wahl")
    assert [GERMAN[a:b] for a, b in ranges] == ["Wahlen"]


def test_phrases_match_in_the_articles_language(index):
    assert found(index, '"Wahlen in Berlin"') == ["de/wahlen"]
    assert found(index, '"Wahl Berlin"') == ["de/wahlen"]  # in is a stop word; Wahl is Wahlen's stem
    assert found(index, '"Berlin Wahlen"') == []
    assert found(index, '"результаты выборов"') == ["ru/vybory"]


def test_a_word_does_not_meet_another_languages_stem_of_the_same_letters(index):
    # The German stem of "Sanders" is "sand": unmarked, it found every English article about sand
    # (a German one writing Sand is the German stemmer's view, and found).
    assert "en/sand" not in found(index, "Sanders")
    assert found(index, "sand") == ["de/wahlen", "en/sand"]  # the German article's Sand is sand too


def test_another_languages_stop_words_are_not_searched(index):
    # "come" is "com" to the Portuguese stemmer: the Portuguese "com" (with) is a stop word there.
    assert found(index, "come") == ["en/sanders"]


def test_english_search_is_unchanged_in_an_index_of_english_articles(tmp_path, monkeypatch):
    import copy

    from reader.index.schema import FastAnalyzer

    ix = CorpusIndex([make_corpus(tmp_path / "corpus", {"en/sand": ARTICLES["en/sand"]})], tmp_path / "index")
    ix.update()
    try:
        reader = ix.searcher().reader()
        assert search.index_languages(reader) == ()
        # The query the analysis before languages made: no word variants.
        english = copy.deepcopy(reader.schema)
        for name in search.LANGUAGE_FIELDS:
            english[name].analyzer = FastAnalyzer()
        for text in ('"sandy beach" OR wind', "title:beach^2 AND NOT sands", "hot sand*"):
            now = search.parse(reader.schema, text, ())
            monkeypatch.setattr(search, "_PARSERS", {})
            assert now == search._parse(english, text), text
            monkeypatch.undo()
    finally:
        ix.close()


def test_a_word_known_in_another_language_is_not_corrected(index):
    # "Preise" is German (preis@de), not a misspelt "press" (English's press, one letter away from
    # its English stem, preis).
    results = index.search("Preise zzqqxx")
    assert results.hits == [] and (results.corrected is None or "Preise" in results.corrected)


def test_highlighting_finds_every_word_whose_term_is_searched_in_each_language():
    rng = random.Random(5)
    for text, language in ((GERMAN, "de"), (FRENCH, "fr"), (RUSSIAN, "ru"), (PORTUGUESE, "pt")):
        positions, _ = textproc.term_positions(text, language)
        every = [
            (a, b) for w, a, b in textproc.words(text) if textproc.analyse(w, language) in positions and not w.isdigit()
        ]
        assert textproc.find_term_ranges(text, set(positions), language=language) == every
        some = set(rng.sample(sorted(positions), 5))
        wanted = [(a, b) for w, a, b in textproc.words(text) if textproc.analyse(w, language) in some]
        assert textproc.find_term_ranges(text, some, language=language) == wanted
        # Another language's terms mark nothing here.
        assert (
            textproc.find_term_ranges(text, {t.replace("@" + language, "@it") for t in some}, language=language) == []
        )


def test_a_stored_document_keeps_its_language_when_rebuilt(index):
    stored = index.searcher().document(id="de/wahlen")
    assert stored["lang"] == "de"
    doc = store.document_from_stored(stored, "story-1")
    assert doc["lang"] == "de" and doc["body"].language == "de" and doc["_stored_title"] == "Wahlen in Berlin"


NORDIC = {
    "sv": (
        "Regeringen presenterade på tisdagen sin nya budget för nästa år. Finansministern sa att det är "
        "viktigt att hålla ordning på ekonomin och att skatterna inte ska höjas. Oppositionen kritiserade "
        "förslaget och menade att det inte finns pengar för skolan eller vården i kommunerna.",
        "regeringar",
    ),
    "da": (
        "Valget blev afholdt i søndags, og resultatet kom sent om aftenen. Statsministeren sagde, at hun "
        "var glad for opbakningen fra vælgerne, og at regeringen vil fortsætte sit arbejde efter valget. "
        "Oppositionen har ikke meget at sige, men den vil kræve en ny debat om skatterne.",
        "valgene",
    ),
    "no": (
        "Valget ble holdt på søndag, og resultatet kom sent på kvelden. Statsministeren sa at hun var glad "
        "for støtten fra velgerne, og at regjeringen vil fortsette arbeidet etter valget. Opposisjonen har "
        "ikke mye å si, men den vil kreve en ny debatt om skattene og hva det koster.",
        "valgene",
    ),
    "fi": (
        "Presidentin vierailu kaupungissa kesti kaksi päivää. Hän tapasi myös kaupungin johtajan, ja he "
        "puhuivat siitä, että talous on nyt vaikea. Presidentti sanoi, että hallitus ei ole vielä tehnyt "
        "päätöstä, mutta se on tulossa pian. Kun vierailu oli ohi, hän palasi kotiin.",
        "presidentille",
    ),
    "hu": (
        "A kormány kedden bemutatta a jövő évi költségvetést. A pénzügyminiszter szerint az hogy a gazdaság "
        "erős, nem jelenti azt, hogy az adók csökkenni fognak. Az ellenzék azt mondta, hogy a kormánynak "
        "még sok dolga van, mert az iskolák és a kórházak pénz nélkül maradtak, és ez már nem mehet így.",
        "kormányt",
    ),
}


@pytest.mark.parametrize("code", sorted(NORDIC))
def test_swedish_danish_norwegian_finnish_and_hungarian_are_stemmed_in_their_language(tmp_path, code):
    """They were stemmed as English (the language could not be told): "regeringar" did not find
    an article about "regeringen", nor "valgene" one about "valget"."""
    text, query = NORDIC[code]
    assert article_language(text) == code
    articles = {f"{code}/news": ("Nyheter", "Avis", "2025-08-01", text), "en/sanders": ARTICLES["en/sanders"]}
    ix = CorpusIndex([make_corpus(tmp_path / "corpus", articles)], tmp_path / "index")
    try:
        ix.update()
        assert found(ix, query) == [f"{code}/news"]
    finally:
        ix.close()


# Snowball drops a Portuguese -ção/-ões ending only far enough from the word's start: canção
# was cançã and canções cançõ, so the plural missed its singular (eleições eleição, milhões
# milhão), typed with its accents or without.
@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("canção", "canções"),
        ("eleição", "eleições"),
        ("milhão", "milhões"),
        ("região", "regiões"),
        ("cancao", "cancoes"),
    ],
)
def test_a_portuguese_plural_in_oes_is_its_singular_in_ao(singular, plural):
    assert textproc.analyse(singular, "pt") == textproc.analyse(plural, "pt") is not None


def test_a_portuguese_plural_in_oes_finds_its_singular_and_back(tmp_path):
    text = PORTUGUESE + "A canção da eleição foi ouvida por um milhão de pessoas em cada região do país."
    ix = CorpusIndex(
        [make_corpus(tmp_path / "corpus", {"pt/cancao": ("Canção", "Jornal", "2025-08-01", text)})], tmp_path / "index"
    )
    try:
        ix.update()
        assert [found(ix, q) for q in ("canções", "eleições", "cancoes", "milhões", '"canções da eleição"')] == [
            ["pt/cancao"]
        ] * 5
        assert set(marked(ix, "canções", "pt/cancao")) == {"canção"}
        # Neither a mother's plural nor chaos is a hand's or a dog's (-ães, -ãos left as they were).
        assert textproc.analyse("mães", "pt") != textproc.analyse("mão", "pt")
        assert textproc.analyse("caos", "pt") != textproc.analyse("cão", "pt")
    finally:
        ix.close()


def test_a_wildcard_finds_a_stem_of_another_language_an_article_writes_as_a_word_it_begins(index):
    # wahlen is wahl@de: wahle* begins the word, not its stem; wahlz* begins no word of it.
    assert found(index, "wahle*") == ["de/wahlen"]
    assert found(index, "wahlz*") == []


# An article's three passages: the first and last each hold one searched word in two forms (one
# term in the article's language, two in English), the middle one both searched words. In its
# own language the middle passage holds the most distinct words and is shown; counted by English
# terms it lost to the other two (more matches, as many "distinct" words).
PASSAGES = {
    "de": (
        "Wahl Koalition",
        "Die Wahlen waren lang, die Wahl war knapp, und nach den Wahlen kam Ruhe.",
        "Nach der Wahl begann die Koalition ihre Arbeit.",
        "Die Koalition und andere Koalitionen sahen die Koalition als Modell.",
        "Am Strand lag viel Sand, und die Kinder spielten auf dem Sand. Die Bürger warten auf das "
        "Ergebnis, und die Parteien sprechen über die hohen Preise im Land. ",
    ),
    "fr": (
        "président national",
        "La présidente a parlé, le président a répondu, puis la présidente est partie.",
        "Le président a présenté le plan national.",
        "Le plan national et la politique nationale sont un projet national.",
        "Les électeurs sont venus nombreux dans les bureaux de vote et la participation est en hausse "
        "par rapport à la dernière fois dans le pays. ",
    ),
    "es": (
        "presidente ministro",
        "La presidenta habló, el presidente respondió y la presidenta se fue.",
        "El presidente y el ministro firmaron el acuerdo.",
        "El ministro y la ministra dijeron que el ministro se queda.",
        "Los ciudadanos fueron a votar el domingo y la participación fue más alta que en las "
        "elecciones de la última vez en el país. ",
    ),
}


@pytest.mark.parametrize("code", sorted(PASSAGES))
def test_snippets_count_distinct_words_by_the_articles_own_terms(tmp_path, code):
    query, first, middle, last, filler = PASSAGES[code]
    body = " ".join([first, filler * 2, middle, filler * 2, last, filler * 2])
    assert article_language(body) == code
    articles = {f"{code}/article": ("Nachrichten Nouvelles Noticias", "Blatt", "2025-08-01", body)}
    ix = CorpusIndex([make_corpus(tmp_path / "corpus", articles)], tmp_path / "index")
    ix.update()
    try:
        [hit] = ix.search(query).hits
        assert any(middle in snippet.text for snippet in hit.snippets), [s.text for s in hit.snippets]
        [shown] = [s for s in hit.snippets if middle in s.text]
        words = {shown.text[a:b] for a, b in shown.matches}
        assert words == set(query.split())
    finally:
        ix.close()


POLISH = (
    "Wybory w Polsce odbyły się w niedzielę. Wyborcy poszli do urn, a frekwencja była wyższa niż "
    "poprzednio. Wybory wygrała partia rządząca, która zdobyła większość w Sejmie i utworzy rząd. "
)


def test_an_article_in_a_language_without_a_stemmer_marks_the_words_as_written(tmp_path):
    # Polish has no stemmer: its article is analysed as English's are, and marks the searched word's
    # forms the index holds as its term, not its neighbours (Wyborcy is another word).
    assert article_language(POLISH) == textproc.DEFAULT_LANGUAGE
    thai = "การเลือกตั้ง ประเทศไทย " * 8
    articles = {
        "pl/wybory": ("Wybory", "Gazeta", "2025-08-01", POLISH),
        "th/vote": ("ข่าว", "Thai", "2025-08-01", thai),
    }
    ix = CorpusIndex([make_corpus(tmp_path / "corpus", articles)], tmp_path / "index")
    ix.update()
    try:
        [hit] = ix.search("wybory").hits
        assert [s.text[a:b] for s in hit.snippets for a, b in s.matches] == ["Wybory", "Wybory"]
        ranges = ix.match_ranges("pl/wybory", "wybory")
        assert [POLISH[a:b] for a, b in ranges] == ["Wybory", "Wybory"]
        [hit] = ix.search("ประเทศไทย").hits
        assert {s.text[a:b] for s in hit.snippets for a, b in s.matches} == {"ประเทศไทย"}
    finally:
        ix.close()
