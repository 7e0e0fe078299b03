"""Search folds what a reporter takes for the same word: "US" in capitals and U.S. (the country,
not the pronoun us), ligatures and other compatibility forms (ﬁnance, CO₂, 𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠); and the
query forms the help documents (fuzzy `~`, boosts `^`) work as it says."""

from __future__ import annotations

import unicodedata

import pytest
from search_corpus import ids, index_fixture, indexed, write

from reader.index import textproc
from reader.index.schema import FastAnalyzer, reader_analyzer

# Accents, an emoji and CJK characters before each word found: highlights must stay where the
# text has them.
BEFORE = "Café 😀 東京会議: "

ARTICLES = {
    "reuters/us": (
        "US troops leave the base",
        BEFORE + "US troops left the base, the US said. Officials told us little.",
    ),
    "nyt/us": ("U.S. Troops Leave", BEFORE + "The U.S. said its troops had left."),
    "church/pray": ("LET US PRAY", "LET US PRAY\n\nThe pastor asked us to pray for peace in the parish."),
    "site/contact": ("About the parish", "The parish meets on Sundays.\n\nCONTACT US | ABOUT US"),
    "pdf/ligatures": (
        "The ﬁnance oﬃce report",
        BEFORE + "The ﬁnance oﬃce said emissions of CO₂ fell over 5 km². 𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠 news.",
    ),
    "wire/plain": ("Finance office report", "The finance office said CO2 emissions fell. Breaking news."),
    "ap/hyphens": ("Campaign letters", BEFORE + "The re-election campaign sent an e-mail asking donors to co-operate."),
    "nyt/closed": ("Campaign letters", "His reelection bid: an email asked donors to cooperate."),
    "wire/election": ("Vote held", "The election was held on Sunday."),
    "bbc/apart": ("Talks", "Israel and Hamas agreed to talks."),
    "dw/joined": ("Talks", "The Israel\u2011Hamas talks went on."),
    "espn/re-sign": ("Striker stays", "The striker agreed to re-sign with the club."),
    "bbc/resign": ("Minister quits", "The minister resigned on Friday."),
    "local/co-op": ("Grocer opens", "The food co-op opened a second store."),
    "farm/coop": ("Fox at large", "A fox got into the chicken coop."),
}


index = index_fixture("index", ARTICLES)


def matched(index, query):
    """{id: [the matched words as written]} of a search."""
    results = index.search(query)
    assert results.error is None, results.error
    return {h.id: sorted({s.text[a:b] for s in h.snippets for a, b in s.matches}) for h in results.hits}


# -- "US" ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["US", "U.S.", "u.s", '"US troops"', '"U.S. troops"', "title:US", "US~"])
def test_us_in_capitals_is_the_country_as_us_dotted_is(index, query):
    # "US" was a stop word (the pronoun's letters): `reader search US` refused, and U.S. missed US.
    assert ids(index.search(query)) == ["nyt/us", "reuters/us"]


def test_the_country_is_highlighted_as_written_after_accents_emoji_and_cjk(index):
    found = matched(index, "US")
    assert found["reuters/us"] == ["US"]
    assert found["nyt/us"] == ["U.S"]


def test_lower_case_us_is_still_the_pronoun_and_says_how_to_search_the_country(index):
    results = index.search("us")
    assert results.hits == []
    assert "US in capitals" in results.error


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("US", True),  # a query of it alone
        ("US troops left", True),
        ("the US said", True),
        ("THE US government", True),  # a word in lower case beside it
        ("FBI, US officials", True),
        ("US$100", True),
        ("the US. LET", True),
        ("LET US PRAY", False),  # a line in capitals: the pronoun
        ("CONTACT US", False),
        ("Read more. CONTACT US | ABOUT US", False),
        ("Contact Us", False),  # not in capitals
        ("JOIN US for the service", False),  # a plea in capitals, in a sentence of lower case
        ("Please CONTACT US at 555-0100 for details", False),
        ("FOLLOW US on Twitter", False),
        ("us", False),
    ],
)
def test_when_us_is_the_country(text, country):
    at = max(text.find("US"), text.find("Us"), text.find("us"))
    assert textproc.is_country(text, at, at + 2) is country


@pytest.mark.parametrize(
    ("line", "country"),
    [
        # A headline in capitals: the country before a noun or a verb, after an article or "in".
        ("US TROOPS LEAVE SYRIA", True),
        ("US OFFICIALS SAY TALKS STALLED", True),
        ("NEW US ARMY BASE OPENS", True),
        ("US WARNS CHINA OVER TAIWAN", True),
        ("US AND CHINA AGREE ON TARIFFS", True),
        ("US 2024 ELECTION RESULTS", True),  # a number between tells nothing
        ("MEASLES CASES RISE IN THE US", True),
        ("BORN IN US, RAISED ABROAD", True),
        ("PRESIDENT OF US VISITS", True),
        # ... and the pronoun after a verb that takes it, or before a closed-class word or nothing.
        ("LET US PRAY", False),
        ("JOIN US", False),
        ("TELL US YOUR STORY", False),
        ("ABOUT US", False),
        ("THANK YOU FOR JOINING US TODAY", False),
        ("GOD BLESS US ALL", False),
        ("ONE OF US", False),
        ("THE REST OF US", False),
        ("BETWEEN US AND THEM", False),
        ("WHY THEY HATE US", False),
    ],
)
def test_a_line_in_capitals_reads_us_by_the_words_beside_it(line, country):
    # "US TROOPS LEAVE SYRIA" was the pronoun (every line in capitals was): a headline's country lost.
    assert_us_read(line, line.find("US"), country)


@pytest.mark.parametrize(
    ("line", "country"),
    [
        # A headline in capitals that begins with US and an auxiliary: "US" is its subject, the
        # country (the object pronoun "us" is never a subject).
        ("US WILL LEAVE SYRIA", True),
        ("US IS READY TO TALK", True),
        ("US TO SEND MORE TROOPS", True),
        ("US HAS NO PLAN", True),
        ("TALKS STALL. US WAS READY", True),
        # ... after a word, as before: the pronoun ("THE REST OF US WILL", "HELP US TO").
        ("THE REST OF US WILL", False),
        ("HELP US TO GROW", False),
        ("FOR US IS BETTER", False),
        ("US AND THEM", False),
    ],
)
def test_a_headline_in_capitals_that_begins_us_will_is_the_country(line, country):
    # "US WILL LEAVE SYRIA", "US TO SEND MORE TROOPS" read the pronoun: WILL and TO are grammar words.
    assert_us_read(line, line.find("US"), country)


@pytest.mark.parametrize(
    ("line", "country"),
    [
        # A quantity of us is the pronoun whatever follows: the verb after it made it the country.
        ("MANY OF US DISAGREE", False),
        ("ALL OF US KNOW THE ANSWER", False),
        ("MOST OF US AGREE", False),
        ("PRESIDENT OF US VISITS", True),
        # After "AND" a name: two countries, as "US AND CHINA" is.
        ("UK AND US STRIKE HOUTHIS", True),
        ("CHINA AND US", True),
        ("YOU AND US", False),
    ],
)
def test_a_line_in_capitals_reads_of_us_and_and_us_by_the_word_before(line, country):
    # "MANY OF US DISAGREE" was the country (a verb after it), "UK AND US" the pronoun.
    assert_us_read(line, line.find(" US") + 1, country)


def test_a_whole_texts_reading_of_us_is_each_words_own():
    # country_starts reads every "US" of a text in one pass: each as is_country reads it alone.
    text = (
        "US TROOPS LEAVE SYRIA\nLET US PRAY. The US said. CONTACT US | ABOUT US\n"
        + "JOIN US for the service in the US. " * 3
        + "A word cut far back: "
        + "x" * 200
        + " US FORCES, US"
    )
    spans = [(m.group(), m.start(), m.end()) for m in textproc.TOKEN_RE.finditer(text)]
    alone = {b for w, b, _ in spans if w == "US" and textproc.is_country(text, b, b + 2)}
    assert textproc.country_starts(text, spans) == alone
    assert {b for w, b, _ in spans if w == "US"} - alone  # both readings are there


def test_the_query_analyzer_and_the_whoosh_chain_read_us_alike():
    fast, chain = FastAnalyzer(), reader_analyzer()
    for text in ["US troops", "LET US PRAY", "the US and us", "CONTACT US\nUS forces", "US", "the US's role"]:
        assert [t.text for t in fast(text)] == [t.text for t in chain(text)], text


@pytest.mark.parametrize("text", [BEFORE + "the US's role", BEFORE + "the US\u2019s role"])
def test_the_countrys_possessive_is_the_country(text):
    # "the US's role" lost its US (read as "us's", the pronoun), where Trump's is trump.
    country = textproc.analyse(textproc.COUNTRY_WORD)
    positions, _ = textproc.term_positions(text)
    assert country in positions
    assert [text[a:b] for a, b in textproc.find_term_ranges(text, {country})] == [text[-9:-5]]
    assert country in [t.text for t in FastAnalyzer()(text)]


POSSESSIVES = {
    "caps/us-s": ("THE US'S ALLIES MEET", "THE US'S ALLIES MEET\n\nThe allies met on Monday."),
    "wire/us-s": ("Allies meet", "The US\u2019s allies met on Monday."),
    "nyt/us-s": ("Allies Meet", "The U.S.'s allies met on Monday."),
    "pdf/us-s": ("ALLIES MEET", "THE U.S.'S ALLIES MET ON MONDAY."),
    "blog/us": ("Allies", "The allies told us little on Monday."),
}


possessives = index_fixture("possessives", POSSESSIVES)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("THE US'S ALLIES", "US'S"),
        ("THE US\u2019S ALLIES", "US\u2019S"),
        ("the US's allies", "US's"),
        ("the US\u2019s allies", "US\u2019s"),
        ("LET US'S", "US'S"),  # the pronoun has no possessive: whatever is around it
        ("the U.S.'s allies", "U.S"),
        ("THE U.S.'S ALLIES", "U.S"),
    ],
)
def test_the_countrys_possessive_in_capitals_is_the_country(text, written):
    # "THE US'S ALLIES" lost its US ("US'S" read as "us's", the pronoun's letters, a stop word).
    country = textproc.analyse(textproc.COUNTRY_WORD)
    assert country in textproc.term_positions(text)[0]
    assert country in [t.text for t in FastAnalyzer()(text)]
    assert country in [t.text for t in reader_analyzer()(text)]
    assert [text[a:b] for a, b in textproc.find_term_ranges(text, {country})] == [written]
    at = text.find("US")
    assert at < 0 or textproc.is_country(text, at, at + 2)


@pytest.mark.parametrize("query", ["US'S", "US's", "U.S.'s", "US", "U.S."])
def test_each_spelling_of_the_countrys_possessive_finds_the_others(possessives, query):
    found = matched(possessives, query)
    assert found == {
        "caps/us-s": ["US'S"],
        "wire/us-s": ["US\u2019s"],
        "nyt/us-s": ["U.S"],
        "pdf/us-s": ["U.S"],
    }


# -- ligatures and compatibility forms --------------------------------------------------------------


@pytest.mark.parametrize("query", ["finance office", "ﬁnance", "OFFICE", "oﬃce", "CO2", "CO₂", "breaking", "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠"])
def test_ligatures_and_compatibility_forms_are_the_plain_letters(index, query):
    assert ids(index.search(query)) == ["pdf/ligatures", "wire/plain"]


def test_ligatures_are_highlighted_as_written_after_accents_emoji_and_cjk(index):
    found = matched(index, "finance OR office OR co2 OR breaking OR km2")
    assert found["pdf/ligatures"] == ["CO₂", "km²", "oﬃce", "ﬁnance", "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠"]
    assert found["wire/plain"] == ["Breaking", "CO2", "finance", "office"]


def test_the_stored_text_keeps_its_ligatures(index):
    # Folding is the analyzer's: the article's text (and so fetch's hash of it) is as written.
    hit = index.search("finance").hits
    text = next(s.text for h in hit if h.id == "pdf/ligatures" for s in h.snippets)
    assert "ﬁnance" in text and "CO₂" in text


@pytest.mark.parametrize(
    ("prefix", "text", "word"),
    [
        ("offi", "the oﬃcial", "oﬃcial"),  # the prefix ends inside the ligature
        ("effect", "the eﬀect", "eﬀect"),
        ("strass", "die Straße", "Straße"),  # ß as before
        ("fi", "a ﬁ", "ﬁ"),
    ],
)
def test_the_highlighter_reads_a_ligature_for_its_letters(prefix, text, word):
    term = textproc.analyse(word.lower())
    assert term is not None and term.startswith(prefix[: len(term)])
    assert [text[a:b] for a, b in textproc.find_term_ranges(text, {term})] == [word]


# -- hyphenated words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("reelection", ["ap/hyphens", "nyt/closed"]),
        ("re-election", ["ap/hyphens", "nyt/closed"]),
        ("re\u2010election", ["ap/hyphens", "nyt/closed"]),  # typed with another hyphen
        ("re\u2013election", ["ap/hyphens", "nyt/closed"]),  # an en dash in a word typed for one
        ("email", ["ap/hyphens", "nyt/closed"]),
        ("e-mail", ["ap/hyphens", "nyt/closed"]),
        ("E-Mail", ["ap/hyphens", "nyt/closed"]),
        ("cooperate", ["ap/hyphens", "nyt/closed"]),
        ("co-operate", ["ap/hyphens", "nyt/closed"]),
        ("body:co-operate", ["ap/hyphens", "nyt/closed"]),
        ('"re-election campaign"', ["ap/hyphens"]),
        ('"reelection campaign"', ["ap/hyphens"]),
        ('"re-election bid"', ["nyt/closed"]),
        ("election", ["ap/hyphens", "wire/election"]),  # a part still finds its compound
        ("Israel-Hamas", ["bbc/apart", "dw/joined"]),  # and a compound of names its words apart
        ("mail", ["ap/hyphens"]),  # a part, as before (not the closed email)
    ],
)
def test_a_hyphenated_word_finds_its_closed_spelling_and_the_reverse(index, query, found):
    # "email" missed e-mail (the index held mail), "e-mail" was mail, "reelection" missed
    # re-election.
    assert ids(index.search(query)) == found


@pytest.mark.parametrize("query", ["e-mail*", "e-ma*", "E\u2010Mai*", "body:e-mail*", "re-elect*", "e-ma?l"])
def test_a_wildcard_on_a_hyphenated_word_finds_it_as_its_word_written_together(index, query):
    # `e-mail*` found nothing (no term holds a hyphen) where `email*` found e-mail and email.
    joined = query.replace("-", "").replace("\u2010", "")
    assert ids(index.search(query)) == ids(index.search(joined))
    assert {"ap/hyphens", "nyt/closed"} <= set(ids(index.search(query)))


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("resign", ["bbc/resign"]),
        ("re-sign", ["espn/re-sign"]),
        ("coop", ["farm/coop"]),
        ("co-op", ["local/co-op"]),
    ],
)
def test_a_hyphen_that_tells_two_words_apart_joins_nothing(index, query, found):
    # "resign" found the striker who agreed to re-sign, "co-op" the chicken coop: the hyphen is
    # there to tell the words apart.
    assert ids(index.search(query)) == found


def test_a_hyphenated_word_is_highlighted_whole_after_accents_emoji_and_cjk(index):
    found = matched(index, "email OR reelection OR cooperate")
    assert found["ap/hyphens"] == ["co-operate", "e-mail", "re-election"]
    assert found["nyt/closed"] == ["cooperate", "email", "reelection"]
    assert matched(index, "election")["ap/hyphens"] == ["election"]


# A part ending on a mark (a Devanagari vowel sign, an Arabic vowel point): "हिंदी-भाषी" (Hindi-
# speaking) was joined by the query's Whoosh chain, but not by the index nor the query analyzer,
# unless the text held a "US" (the hyphen was looked for between two letters, the mark being none).
MARKED_COMPOUNDS = {
    "hi/hyphen": ("राज्य", "हिंदी-भाषी राज्य में चुनाव"),
    "hi/closed": ("राज्य", "हिंदीभाषी राज्य में चुनाव"),
    "hi/apart": ("राज्य", "हिंदी भाषी लोग"),
    "ar/hyphen": ("زيارة", "زيارة مُحَمَّدٌ-علي"),
    "ar/closed": ("زيارة", "زيارة محمدعلي"),
}


marked = index_fixture("marked", MARKED_COMPOUNDS)


@pytest.mark.parametrize(
    ("query", "found", "highlighted"),
    [
        ("हिंदीभाषी", ["hi/closed", "hi/hyphen"], {"hi/closed": ["हिंदीभाषी"], "hi/hyphen": ["हिंदी-भाषी"]}),
        ("हिंदी-भाषी", ["hi/apart", "hi/closed", "hi/hyphen"], None),  # its parts apart too
        ("محمدعلي", ["ar/closed", "ar/hyphen"], {"ar/closed": ["محمدعلي"], "ar/hyphen": ["مُحَمَّدٌ-علي"]}),
    ],
)
def test_a_compound_whose_part_ends_on_a_mark_finds_its_closed_spelling(marked, query, found, highlighted):
    assert ids(marked.search(query)) == found
    if highlighted is not None:
        assert matched(marked, query) == highlighted


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("हिंदी-भाषी राज्य", "हिंदीभाषी"),
        ("مُحَمَّدٌ-علي", "محمدعلي"),
        ("x\u0308-ray", "xray"),
        ("x\u0308-ray US said", "xray"),  # with a "US" or without, the same
    ],
)
def test_a_compound_after_a_mark_is_the_same_in_the_index_the_query_and_the_chain(text, joined):
    indexed_terms = set(textproc.term_positions(text)[0])
    assert textproc.analyse(joined) in indexed_terms
    assert {t.text for t in FastAnalyzer()(text)} == indexed_terms
    assert {t.text for t in reader_analyzer()(text)} == indexed_terms


# A hyphen between CJK characters, and one beside a CJK character: "東京-大阪" was 東京 and 大阪
# without the pair across the hyphen (京大), so neither "東京大阪" nor "東京-大阪" (each a phrase of
# its pairs) found the other; "東京-e-mail" was no compound at all (email missed it).
CJK_COMPOUNDS = {
    "jp/hyphen": ("会議", "東京-大阪 の 会議"),
    "jp/closed": ("会議", "東京大阪 の 会議"),
    "jp/apart": ("会議", "東京 と 大阪 の 会議"),
    "jp/listed": ("会議", "東京・大阪 の 会議"),  # a list's middle dot, as Japanese writes two places
    "jp/mixed": ("会議", "東京-e-mail の 会議"),
    "fr/decomposed": ("Lettre", "Un e\u0301-mail envoyé hier."),
    "fr/closed": ("Lettre", "Un email envoyé hier."),
}


cjk = index_fixture("cjk", CJK_COMPOUNDS)


_EMAILS = {"fr/closed": ["email"], "fr/decomposed": ["e\u0301-mail"], "jp/mixed": ["e-mail"]}
# A hyphenated query word also finds its parts apart, CJK as any other (README): 東京-大阪 finds
# 東京・大阪 and 東京 と 大阪 too, as it did before the hyphen was read across.
_TOKYO_OSAKA = {
    "jp/closed": ["東京大阪"],
    "jp/hyphen": ["東京-大阪"],
    "jp/apart": ["大阪", "東京"],
    "jp/listed": ["大阪", "東京"],
}


@pytest.mark.parametrize(
    ("query", "highlighted"),
    [
        ("東京大阪", {"jp/closed": ["東京大阪"], "jp/hyphen": ["東京-大阪"]}),
        ("東京-大阪", _TOKYO_OSAKA),
        ("東京\u2011大阪", _TOKYO_OSAKA),  # a non-breaking hyphen
        ("email", _EMAILS),
        ("e-mail", _EMAILS),
        ("e\u0301-mail", _EMAILS),  # the accent a combining mark
    ],
)
def test_a_cjk_or_mixed_compound_is_found_and_highlighted_typed_either_way(cjk, query, highlighted):
    assert ids(cjk.search(query)) == sorted(highlighted)
    found = matched(cjk, query)
    assert {k: [unicodedata.normalize("NFD", w) for w in v] for k, v in found.items()} == {
        k: [unicodedata.normalize("NFD", w) for w in v] for k, v in highlighted.items()
    }


def test_a_cjk_compound_query_finds_its_parts_apart_after_the_compound_either_way_round(cjk):
    # Searched as one run alone, "東京-大阪" missed 東京・大阪 and "大阪-東京" found nothing at all.
    ranked = [hit.id for hit in cjk.search("東京-大阪").hits]
    assert sorted(ranked[:2]) == ["jp/closed", "jp/hyphen"] and sorted(ranked[2:]) == ["jp/apart", "jp/listed"]
    assert ids(cjk.search("大阪-東京")) == ["jp/apart", "jp/closed", "jp/hyphen", "jp/listed"]
    assert ids(cjk.search("中-美")) == []  # a lone character is no part: the pair 中美 alone


# A phrase of a CJK compound's parts written apart finds it hyphenated, as "new york" finds
# new-york, with what comes before it and after it: a query's CJK words apart are also searched
# joined by the pair across the gap (a CJK text writes its words closed up), so they find the
# run closed too; the hyphenated or closed phrase finds the parts apart. The parts were placed
# twice beside the run's pairs, so "大阪 大阪" found 東京-大阪 and "大阪 東京" 東京-大阪-名古屋.
PHRASES = {
    "jp/hyphen": ("x", "会議 東京-大阪 開催"),
    "jp/closed": ("x", "会議 東京大阪 開催"),
    "jp/apart": ("x", "会議 東京 大阪 開催"),
    "jp/three": ("x", "会議 東京-大阪-名古屋 開催"),
    "jp/fullwidth": ("x", "会議 東京－大阪 開催"),
    "jp/listed": ("x", "会議 東京・大阪 開催"),
    "en/hyphen": ("x", "the new-york times"),
    "en/closed": ("x", "the newyork times"),
    "en/apart": ("x", "the new york times"),
    "en/before": ("x", "budget new-york times"),
}


phrases = index_fixture("phrases", PHRASES)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"東京 大阪"', ["jp/apart", "jp/closed", "jp/fullwidth", "jp/hyphen", "jp/listed", "jp/three"]),
        ('"東京 大阪 開催"', ["jp/apart", "jp/closed", "jp/fullwidth", "jp/hyphen", "jp/listed"]),
        ('"会議 東京 大阪"', ["jp/apart", "jp/closed", "jp/fullwidth", "jp/hyphen", "jp/listed", "jp/three"]),
        ('"会議 東京 大阪 開催"', ["jp/apart", "jp/closed", "jp/fullwidth", "jp/hyphen", "jp/listed"]),
        ('"東京-大阪"', ["jp/apart", "jp/closed", "jp/fullwidth", "jp/hyphen", "jp/listed", "jp/three"]),
        ('"東京－大阪"', ["jp/apart", "jp/closed", "jp/fullwidth", "jp/hyphen", "jp/listed", "jp/three"]),
        ('"東京大阪"', ["jp/closed", "jp/fullwidth", "jp/hyphen", "jp/three"]),
        ('"会議 東京大阪 開催"', ["jp/closed", "jp/fullwidth", "jp/hyphen"]),
        ('"大阪 名古屋 開催"', ["jp/three"]),
        # Only the parts in the order written: no pair twice, no two parts the other way round.
        ('"大阪 大阪"', []),
        ('"東京 東京"', []),
        ('"大阪 東京"', []),
        ('"名古屋 大阪"', []),
        ('"東京 名古屋"', []),
        ('"大阪-東京"', []),
        ('"new york"', ["en/apart", "en/before", "en/hyphen"]),
        ('"new york times"', ["en/apart", "en/before", "en/hyphen"]),
        # A phrase's compound is also its parts apart: "東京-大阪" finds 東京 大阪, and the word
        # before a compound no longer misses it (the joined word stands at its last part's place).
        ('"new-york"', ["en/apart", "en/before", "en/closed", "en/hyphen"]),
        ('"the new-york times"', ["en/apart", "en/before", "en/closed", "en/hyphen"]),
        ('"budget new-york times"', ["en/before"]),
        ('"budget new-york"', ["en/before"]),
        # Typed on the way to `"new-york"~2`: as it found before, not split from its `~`.
        ('"new-york"~', ["en/before", "en/closed", "en/hyphen"]),
        ('"new-york"^', ["en/before", "en/closed", "en/hyphen"]),
    ],
)
def test_a_compound_and_its_parts_apart_find_each_other_in_a_phrase_cjk_as_latin(phrases, query, found):
    assert ids(phrases.search(query)) == found


def test_a_cjk_phrase_of_parts_apart_highlights_the_words_typed(phrases, tmp_path):
    assert matched(phrases, '"東京 大阪"')["jp/hyphen"] == ["大阪", "東京"]
    # The pair across the gap is searched, not highlighted: 京大 (Kyoto University) stays plain.
    index = indexed(tmp_path, {"jp/kyoto": ("x", "京大の教授が 東京 大阪 を訪れた")})
    try:
        assert matched(index, '"東京 大阪"') == {"jp/kyoto": ["大阪", "東京"]}
    finally:
        index.close()


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("東京-大阪", {"東京": [0], "京大": [1], "大阪": [2]}),
        ("東京－大阪", {"東京": [0], "京大": [1], "大阪": [2]}),  # a fullwidth hyphen
        (
            "東京-大阪-名古屋",
            {"東京": [0], "京大": [1], "大阪": [2], "阪名": [3], "名古": [4], "古屋": [5]},
        ),
        ("哈哈-哈哈", {"哈哈": [0, 1, 2]}),
        ("大阪-東京-大阪", {"大阪": [0, 4], "阪東": [1], "東京": [2], "京大": [3]}),
        ("x 中-美关系", {"中美": [1], "美关": [2], "关系": [3]}),
        ("東-京", {"東京": [0]}),
        ("東京-e-mail", {"東京": [0], "mail": [1], "email": [1]}),
        ("e-mail-東京", {"mail": [1], "email": [1], "東京": [2]}),
        ("e\u0301-mail 東京", {"mail": [1], "email": [1], "東京": [2]}),
    ],
)
def test_a_cjk_compound_is_the_same_in_the_index_the_query_and_the_chain(text, terms):
    def positions(tokens):
        found: dict[str, list[int]] = {}
        for t in tokens:
            found.setdefault(t.text, []).append(t.pos)
        return found

    assert textproc.term_positions(text)[0] == terms
    assert positions(FastAnalyzer()(text, positions=True)) == terms
    assert positions(reader_analyzer()(text, positions=True)) == terms


def test_a_compound_is_one_word_at_its_last_parts_place():
    positions, length = textproc.term_positions("the re-election campaign")
    assert positions == {"re": [1], "elect": [2], "reelect": [2], "campaign": [3]}
    assert length == 4
    # A number range, a long chain and CJK are no compounds.
    assert textproc.compounds("2020-21", textproc.words("2020-21")) == {}
    assert textproc.compounds("a-b-c-d-e", textproc.words("a-b-c-d-e")) == {}
    assert textproc.compounds("东京-ab", textproc.words("东京-ab")) == {}


# -- the documented query forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "finanse~",  # one letter off
        "fnance~1",
        "finanse~2 ofice~",
        "finance^2 office",
        "title:finance^3",
        '"finance office"~2',
        '"finance said"~2',  # up to 2 words apart, in this order
    ],
)
def test_each_documented_query_form_works(index, query):
    assert ids(index.search(query)) == ["pdf/ligatures", "wire/plain"]


def test_a_boost_ranks_its_word_higher(index):
    plain = index.search("finance OR pastor")
    boosted = index.search("finance OR pastor^5")
    assert plain.hits[0].id != "church/pray"
    assert boosted.hits[0].id == "church/pray"


def test_a_fuzzy_word_is_at_most_two_letters_off(index):
    results = index.search("finance~3")
    assert results.hits == [] and "at most 2 letters" in results.error


DOCUMENTED_FORMS = {
    "budgit~": ("fuzzy", 1),
    "budgit~2": ("fuzzy", 2),
    "budget^3": ("boost", 3.0),
    '"peace talks"~3': ("slop", 3),
}


@pytest.mark.parametrize("form", sorted(DOCUMENTED_FORMS))
def test_each_query_form_is_documented_everywhere_and_does_what_it_says(form):
    from pathlib import Path

    from whoosh import query as wq

    from reader.commands.search import QUERY_HELP
    from reader.index.schema import build_schema
    from reader.index.search import _walk, parse
    from reader.tui.screens.help import QUERY_LANGUAGE

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    screen = " ".join(example for example, _ in QUERY_LANGUAGE)
    assert f"`{form}`" in readme and form in QUERY_HELP and form in screen
    kind, value = DOCUMENTED_FORMS[form]
    nodes = list(_walk(parse(build_schema(), form, ())))
    if kind == "fuzzy":
        assert {n.maxdist for n in nodes if isinstance(n, wq.FuzzyTerm)} == {value}
    elif kind == "boost":
        assert any(n.boost == value for n in nodes)
    else:
        assert {n.slop for n in nodes if isinstance(n, wq.Phrase)} == {value}


@pytest.mark.parametrize(
    ("query", "searched"),
    [
        ("re-election", "(re-election OR (re election))"),
        ("title:re-election", "title:(re-election OR (re election))"),
        ("e-mail", "e-mail"),  # the e is no word alone: the joined word only
        # A phrase: the joined word, in place, or the parts apart.
        ('"re-election campaign"', '("re-election campaign" OR "re election campaign")'),
        ('title:"re-election"~2^3', '(title:"re-election"~2^3 OR title:"re election"~2^3)'),
        ('"e-mail me"', '"e-mail me"'),
        ('"東京-大阪"', '"東京-大阪"'),  # CJK: with_cjk_bridges
        ('date:"2025-10-01"', 'date:"2025-10-01"'),
        ('"re-election', '"re-election'),  # left open: the parser's hint
        ('"re-election"^.5 x', '("re-election"^.5 OR "re election"^.5) x'),
        # A slop or boost left without its number, or a word glued on: as typed (the tail was
        # cut off the phrase, `"new-york"~` missing newyork, which it found before).
        ('"re-election"~', '"re-election"~'),
        ('"re-election"^', '"re-election"^'),
        ('"re-election"^x', '"re-election"^x'),
        ('"re-election"~2x', '"re-election"~2x'),
        ("date:[2025-10-01 TO 2025-10-31]", "date:[2025-10-01 TO 2025-10-31]"),  # no letter: no compound
        ("story:reuters-budget-vote", "story:reuters-budget-vote"),  # not a field of words
        ("re-elect*", "re-elect*"),
        ("a-b-c-d-e", "a-b-c-d-e"),
    ],
)
def test_a_query_compound_is_also_searched_as_its_parts(query, searched):
    from reader.index.search import with_compound_parts

    assert with_compound_parts(query) == searched


def assert_us_read(line: str, at: int, country: bool) -> None:
    """The "US" at `at` read as the country (or the pronoun) alike by is_country, the indexed
    terms and the words the highlighter and the query read."""
    assert textproc.is_country(line, at, at + 2) is country
    assert (textproc.analyse(textproc.COUNTRY_WORD) in textproc.term_positions(line)[0]) is country
    assert (textproc.COUNTRY_WORD in [w for w, _, _ in textproc.words(line)]) is country


# Pieces of texts dense with "US" and what tells it apart: capitals, the words that take the
# pronoun, clause ends, words long enough to leave the reach, CJK, marks, hyphens, possessives.
_US_WORDS = (
    "US", "US's", "US\u2019s", "U.S.", "us", "Us", "USA", "BUS", "LET", "THE", "IN", "OF", "TROOPS", "the",
    "said", "WILL", "AND", "MANY", "CONTACT", "JOIN", "e-mail", "US-led", "x" * 70, "y" * 30, "2024", "东京",
    "东京US", "Peña", "e\u0301", "\u0301US", "US\u0301", "_US", "TO", "ABOUT", "UK", "OR", "ALL", "HELP", "NOW",
    "ONE", "IS", "I", "мир", "US.",
)  # fmt: skip
_US_GAPS = (" ", " ", " ", "  ", "\n", ". ", ", ", "; ", ": ", " | ", " • ", "-", "'", ".", "", "!\n", "\t", "\u200b")


def _reference_words(text: str) -> list[tuple[str, int, int]]:
    """textproc.words as it reads "US": each word alone, by is_country (the one-word look)."""
    out = []
    for m in textproc.TOKEN_RE.finditer(text):
        word, begin, end = m.group(), m.start(), m.end()
        if len(word) > 2 and textproc.is_cjk(word):
            out += [(pair, begin + a, begin + b) for pair, a, b in textproc.cjk_pairs(word)]
        elif textproc.as_country(text, word, begin) is not None:
            out.append((textproc.COUNTRY_WORD + word[2:], begin, end))
        else:
            out.append((word.lower(), begin, end))
    return out


def test_every_us_of_a_text_is_read_as_its_own_look_reads_it():
    # A text dense with "US" cost six times one of plain words to index: its words' readings are
    # now taken from a table of neighbourhoods. Over 20,000 random texts, every reading (the
    # index's, the query's and the Whoosh chain's words) is the one-word look's (is_country).
    import random

    rng = random.Random(50)
    chain = reader_analyzer()
    country = textproc.analyse(textproc.COUNTRY_WORD)
    for number in range(20_000):
        text = "".join(rng.choice(_US_WORDS) + rng.choice(_US_GAPS) for _ in range(rng.randint(1, 14)))
        expected = _reference_words(text)
        assert textproc.words(text) == expected, text
        # The index reads a text without CJK characters with its coarse words (a CJK run and the
        # letters touching it one word), the same words there.
        cjk = textproc.CJK_RE.search(text) is not None
        for pattern in (textproc.TOKEN_RE,) if cjk else (textproc.TOKEN_RE, textproc._COARSE_RE):
            spans = [(m.group(), m.start(), m.end()) for m in pattern.finditer(text)]
            alone = {b for w, b, _ in spans if textproc.as_country(text, w, b) is not None}
            assert textproc.country_starts(text, spans) == alone, text
            assert textproc.country_starts(text, spans, pattern.split(text)) == alone, text
        if number % 10 == 0:  # the index's country, where the Whoosh chain has it
            positions, _ = textproc.term_positions(text)
            chained = [t.pos for t in chain(text, positions=True) if t.text == country]
            assert positions.get(country, []) == chained, text


def test_a_text_of_ever_new_us_neighbourhoods_keeps_few_of_them_read():
    # Each neighbourhood of "US" read was kept for the text's whole analysis: 100,000 "US" each
    # beside a word of its own (a hostile text; none read twice) held 33 MB of them.
    import tracemalloc

    text = " ".join(f"US W{k}" for k in range(50_000))
    words, gaps = textproc.TOKEN_RE.findall(text), textproc.TOKEN_RE.split(text)
    expected = textproc._country_words(words, gaps)  # the stems' cache filled before the count
    tracemalloc.start()
    try:
        assert textproc._country_words(words, gaps) == expected
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * len(expected)  # bytes per "US": the list of the words and gaps, the result


# -- fuzzy words: the same words, fewer edit distances worked out ---------------------------------


def test_a_fuzzy_word_finds_the_words_whoosh_finds_for_it(index):
    import random

    from whoosh.query import FuzzyTerm

    from reader.index.search import _fast_ors

    from whoosh.reading import MultiReader

    segment = index.searcher().reader()
    assert type(segment).__name__ == "SegmentReader"
    segments = MultiReader([segment])  # as a reader of an index of several segments is
    lexicon = [t.decode("utf-8") for t in segment.lexicon("body")]
    rng = random.Random(51)
    texts = list(lexicon)
    for word in lexicon:  # each word with a letter changed, dropped, added or two swapped
        k = rng.randrange(len(word))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        texts += [word[:k] + letter + word[k + 1 :], word[:k] + word[k + 1 :], word[:k] + letter + word[k:]]
        if k + 1 < len(word):
            texts.append(word[:k] + word[k + 1] + word[k] + word[k + 2 :])
    compared = 0
    for text in texts:
        for maxdist in (1, 2):
            for prefix in range(min(3, len(text))):  # (a segment's automaton fails on a longer one)
                fuzzy = _fast_ors(FuzzyTerm("body", text, maxdist=maxdist, prefixlength=prefix))
                assert type(fuzzy) is not FuzzyTerm  # the query's own kind
                for reader in (segment, segments):
                    found = sorted(fuzzy._btexts(reader))
                    assert found == sorted(reader.terms_within("body", text, maxdist, prefix=prefix)), text
                    compared += bool(found)
    assert compared > 1000


def test_a_fuzzy_word_works_out_the_edit_distance_of_the_words_near_its_length_only(tmp_path, monkeypatch):
    """`ministr~` took ~0.8 s of CPU on 10,000 articles: for the words to highlight, Whoosh worked
    out the edit distance, in Python, to every word of its first letter, in each field."""
    import whoosh.reading

    from reader.index import search

    index = indexed(tmp_path, ARTICLES)
    write(tmp_path / "corpus", "wire/later", "Later", "The finance office found four fine farms.")
    index.update()  # a second segment: the searcher's reader is one of several
    assert type(index.searcher().reader()).__name__ == "MultiReader"

    worked_out: list[tuple[str, str, int]] = []

    def counted(distance):
        def measured(word, text, limit=None):
            worked_out.append((word, text, limit))
            return distance(word, text, limit=limit)

        return measured

    monkeypatch.setattr(whoosh.reading, "distance", counted(whoosh.reading.distance))
    monkeypatch.setattr(search, "edit_distance", counted(whoosh.reading.distance), raising=False)  # (before: none)
    assert ids(index.search("finanse~")) == ["pdf/ligatures", "wire/later", "wire/plain"]
    index.close()
    assert worked_out and all(abs(len(word) - len(text)) <= limit for word, text, limit in worked_out)


# Which characters are hyphens (join a compound, and two CJK characters across them) is one
# explicit list (textproc.HYPHENS): the fullwidth hyphen-minus of an East Asian font was a dash
# to the index (東京－大阪 missed 京大) while U+2010 and U+2011 were hyphens.
@pytest.mark.parametrize("hyphen", ["-", "\u2010", "\u2011", "\ufe63", "\uff0d"])
def test_each_hyphen_joins_cjk_characters_and_a_compound(hyphen):
    assert textproc.term_positions(f"東京{hyphen}大阪")[0] == {"東京": [0], "京大": [1], "大阪": [2]}
    assert "email" in textproc.term_positions(f"e{hyphen}mail")[0]


@pytest.mark.parametrize("dash", ["\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\u301c", "\u30fb", "\uff65"])
def test_a_dash_or_a_middle_dot_parts_words_and_joins_nothing(dash):
    assert textproc.term_positions(f"東京{dash}大阪")[0] == {"東京": [0], "大阪": [1]}
    assert "email" not in textproc.term_positions(f"e{dash}mail")[0]


def test_the_long_vowel_mark_is_a_letter_inside_its_word():
    # ー (U+30FC) and its half-width ｰ look like a dash but spell the vowel: コーヒー is one run.
    assert textproc.term_positions("コーヒー")[0] == {"コー": [0], "ーヒ": [1], "ヒー": [2]}
    assert textproc.term_positions("ｺｰﾋｰ")[0] == {"ｺｰ": [0], "ｰﾋ": [1], "ﾋｰ": [2]}


def test_an_index_of_the_old_cjk_terms_is_rebuilt(tmp_path, monkeypatch):
    """An index built before terms v20 (schema 65: 東京-大阪's parts placed twice beside its
    pairs, so that "大阪 大阪" found it) is rebuilt by the next update, and found as now."""
    from reader.index import layout, state, store

    old = layout.SCHEMA_VERSION - 1
    real_positions = textproc.term_positions

    def v19_positions(text, language=None):
        positions, length = real_positions(text, language)
        if "東京-大阪" in text:  # v19 placed 大阪 beside 京大 (and 東京 there again)
            at = positions["京大"][0]
            positions["大阪"] = sorted([*positions["大阪"], at])
            positions["東京"] = sorted([*positions["東京"], at])
            length += 2
        return positions, length

    with monkeypatch.context() as old_code:
        for module in (layout, store, state):
            old_code.setattr(module, "SCHEMA_VERSION", old)
        old_code.setattr(store, "VERSION_FIELD", f"schema_v{old}")
        old_code.setattr(textproc, "term_positions", v19_positions)
        index = indexed(tmp_path, {"jp/hyphen": ("x", "会議 東京-大阪 開催")})
        assert ids(index.search('"大阪 大阪"')) == ["jp/hyphen"]  # the old index, as it was
        index.close()
    from reader.index import CorpusIndex

    index = CorpusIndex([tmp_path / "corpus"], tmp_path / "index")
    try:
        assert "older version" in index.update().notice
        assert ids(index.search('"大阪 大阪"')) == []
        assert ids(index.search('"東京 大阪"')) == ["jp/hyphen"]
    finally:
        index.close()


# Each gap between a phrase's CJK words is open or closed by the pair across it, whatever the
# others are: the phrase was each mix of them as a phrase of its own (2 ** gaps), so past 5 gaps
# only all open or all closed were searched (a mix missed), and a query of a few such phrases
# took seconds; it is one phrase matched in one pass.
_PLACES = ["東京", "大阪", "京都", "奈良", "神戸", "福岡", "仙台", "札幌"]
_MIXES = {
    "jp/apart": " ".join(_PLACES),
    "jp/closed": "".join(_PLACES),
    "jp/hyphens": "-".join(_PLACES),
    "jp/mix1": "東京大阪 京都-奈良神戸 福岡仙台-札幌",
    "jp/mix2": "東京 大阪京都 奈良-神戸福岡 仙台札幌",
    "jp/mix3": "東京-大阪-京都 奈良 神戸 福岡-仙台札幌",
    "jp/between": "東京大阪 京都 会議 奈良神戸 福岡仙台札幌",  # a word between: no phrase
    "jp/swapped": "東京大阪 奈良 京都 神戸福岡 仙台 札幌",  # two the other way round
}
_FOUND = ["jp/apart", "jp/closed", "jp/hyphens", "jp/mix1", "jp/mix2", "jp/mix3"]


@pytest.mark.parametrize(
    "query",
    [
        '"' + " ".join(_PLACES) + '"',
        '"' + "-".join(_PLACES) + '"',
        "-".join(_PLACES),
        '"' + " ".join(_PLACES[:4]) + "-" + "-".join(_PLACES[4:]) + '"',
        'body:"' + " ".join(_PLACES) + '" NOT title:nothing',
    ],
)
def test_a_cjk_phrase_finds_every_mix_of_its_gaps_open_and_closed(tmp_path, query):
    index = indexed(tmp_path, {rel: ("x", text) for rel, text in _MIXES.items()})
    try:
        assert ids(index.search(query)) == _FOUND
        assert ids(index.search('"' + " ".join(_PLACES) + '"~2')) == sorted([*_FOUND, "jp/between"])
    finally:
        index.close()


def test_a_cjk_phrase_is_one_query_however_many_its_gaps():
    from whoosh import query as wq

    from reader.index import search
    from reader.index.store import build_schema

    q = search.parse(build_schema(), 'title:"' + " ".join(_PLACES) + '"', languages=())
    assert [type(node).__name__ for node in search._walk(q) if isinstance(node, wq.Phrase)] == ["_BridgedPhrase"]
    across = [None, "京大", "阪京", "都奈", "良神", "戸福", "岡仙", "台札"]
    assert q.words == _PLACES and [b and b[0] for b in q.bridges] == across


# Korean writes a space between its words, but the orthography lets a compound noun, a name or a
# technical term be written closed up or apart (한글 맞춤법 49-50항: 만성 골수성 백혈병 or
# 만성골수성백혈병), and news writes both: a phrase's words apart find them closed up too, as in
# Chinese and Japanese, in the order typed; a word with its particle (서울에서) is another word.
KOREAN = {
    "ko/apart": ("x", "서울 부산 고속도로가 막혔다"),
    "ko/closed": ("x", "서울부산 고속도로가 막혔다"),
    "ko/hyphen": ("x", "서울-부산 고속도로가 막혔다"),
    "ko/particle": ("x", "서울에서 부산 고속도로가 막혔다"),
    "ko/reversed": ("x", "부산 서울 고속도로가 막혔다"),
}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"서울 부산"', ["ko/apart", "ko/closed", "ko/hyphen"]),
        ('"서울 부산 고속도로가"', ["ko/apart", "ko/closed", "ko/hyphen"]),
        ('"서울-부산"', ["ko/apart", "ko/closed", "ko/hyphen"]),
        ('"서울부산"', ["ko/closed", "ko/hyphen"]),  # closed up: not the words apart
        ('"부산 서울"', ["ko/reversed"]),
    ],
)
def test_a_korean_phrases_words_apart_find_them_closed_up_in_the_order_typed(tmp_path, query, found):
    index = indexed(tmp_path, KOREAN)
    try:
        assert ids(index.search(query)) == found
    finally:
        index.close()


def _has_phrase(positions: dict[str, list[int]], words: list[str], slop: int) -> bool:
    """Whether the words follow one another, each at most `slop` positions after the one before."""
    ends = set(positions.get(words[0], []))
    for word in words[1:]:
        ends = {p for p in positions.get(word, []) for end in ends if end < p <= end + slop}
    return bool(ends)


@pytest.mark.parametrize("slop", [1, 2])
def test_a_bridged_phrase_finds_what_each_of_its_phrases_would(tmp_path, slop):
    """The one-pass match (whoosh_internals.BridgedPhraseSpans) against the phrases it stands for,
    each gap open or closed by its pair, read off the articles' term positions."""
    import itertools
    import random

    rng = random.Random(7)
    places = _PLACES[:5]
    articles = {}
    for k in range(40):
        picked = [rng.choice(places) for _ in range(rng.randint(3, 7))]
        articles[f"jp/a{k:02}"] = ("x", "".join(w + rng.choice(["", " ", "-", " 会議 ", "・"]) for w in picked))
    index = indexed(tmp_path, articles)
    try:
        for _ in range(25):
            query = [rng.choice(places) for _ in range(rng.randint(2, 4))]
            expected = []
            for rel, (_, body) in articles.items():
                positions = textproc.term_positions(body)[0]
                for closed in itertools.product((False, True), repeat=len(query) - 1):
                    words = [query[0]]
                    for shut, word in zip(closed, query[1:]):
                        words += [words[-1][-1] + word[0], word] if shut else [word]
                    if _has_phrase(positions, words, slop):
                        expected.append(rel)
                        break
            suffix = f"~{slop}" if slop != 1 else ""
            assert ids(index.search('body:"' + " ".join(query) + '"' + suffix)) == expected, query
    finally:
        index.close()


def test_the_words_a_prefix_begins_are_found_in_any_case_and_accents_from_a_words_start():
    text = "Die Élection, l’électorat, ÉLECTIONS et réélection; electing."
    assert list(textproc.words_begun(text, "electi")) == ["election", "elections", "electing"]
    assert list(textproc.words_begun("plain ascii text", "asc")) == ["ascii"]


@pytest.mark.parametrize(
    ("text", "accented"),
    [
        ("The governor’s “plan” — governors' say.", False),  # curly quotes and dashes only
        ("The Governor of Straße", True),
        ("ﬁnance governed", True),
        ("naïve governors", True),
    ],
)
def test_a_text_without_accented_letters_is_scanned_for_the_prefix_as_written(monkeypatch, text, accented):
    """A wildcard's stem check scans up to 2,000 articles: one whose only non-ASCII characters are
    quotes and dashes (most news in English) takes the plain scan, several times as fast as the
    accented one, and finds the same words."""
    flags: list[bool] = []
    real = textproc._candidate_regex

    def recording(prefixes, accents, *rest):
        flags.append(accents)
        return real(prefixes, accents, *rest)

    lower = text.lower()
    for prefix in ("govern", "strass", "fin", "naiv"):
        scanned = real((prefix,), True).finditer(lower)  # the accented scan, every text's before
        expected = [textproc.fold(m.group()) for m in scanned if m.start() == 0 or not lower[m.start() - 1].isalnum()]
        monkeypatch.setattr(textproc, "_candidate_regex", recording)
        assert list(textproc.words_begun(text, prefix)) == expected
        monkeypatch.setattr(textproc, "_candidate_regex", real)
    assert flags and set(flags) == {accented}
