"""Tokens, content words, name phrases, TF-IDF and cosine (reader.analysis.textstats)."""

from __future__ import annotations

import math

import pytest

from reader.analysis.textstats import (
    STOPWORDS,
    TfidfModel,
    content_words,
    cosine,
    name_phrases,
    normalize_word,
    opens_sentence,
    tokenize,
)


def test_tokenize_lowercases_and_keeps_contractions_together():
    assert tokenize("Don’t PANIC, Obama's aides said.") == ["don't", "panic", "obama", "aides", "said"]


def test_tokenize_splits_hyphens_and_keeps_numbers():
    assert tokenize("same-sex marriage in 2012") == ["same", "sex", "marriage", "in", "2012"]


@pytest.mark.parametrize("text", ["", "   ", "...!?", "\x00\x07 \u2014"])
def test_tokenize_of_wordless_text_is_empty(text):
    assert tokenize(text) == []
    assert content_words(text) == []
    assert name_phrases(text) == []


def test_normalize_word_folds_plurals_only():
    assert normalize_word("policies") == "policy"
    assert normalize_word("votes") == "vote"
    assert normalize_word("churches") == "church"
    assert normalize_word("congress") == "congress"
    assert normalize_word("census") == "census"
    assert normalize_word("1990s") == "1990"
    assert normalize_word("gas") == "gas"


def test_content_words_drop_stopwords_and_fold_plurals():
    words = content_words("The senators said they would vote on the bills on Friday.")
    assert words == ["senator", "vote", "bill"]
    assert "said" in STOPWORDS and "friday" in STOPWORDS


def test_name_phrases_drop_titles_possessives_and_sentence_openers():
    text = (
        "The White House said on Friday. But Sen. John McCain's aides met Bank of America. "
        "Former Vice President Dick Cheney spoke to The New York Times."
    )
    assert name_phrases(text) == [
        "White House",
        "John McCain",
        "Bank of America",
        "Dick Cheney",
        "New York Times",
    ]


@pytest.mark.parametrize("opener", ["Later", "Meanwhile", "Separately", "Whereas", "Despite", "Following"])
def test_a_word_opening_a_sentence_is_no_part_of_the_name_after_it(opener):
    # "Later Mohammed" was a name of its own in the stories' features, apart from "Mohammed"
    assert name_phrases(f"{opener} Mohammed Morsi left.") == ["Mohammed Morsi"]
    assert name_phrases(f"They met. {opener} Morsi left.") == ["Morsi"]
    assert name_phrases(f"He met Ahmed Shafik. {opener} Morsi left.") == ["Ahmed Shafik", "Morsi"]
    assert name_phrases(f"“{opener}, Morsi left.”") == ["Morsi"]
    # the one rule the names' flags read
    from reader.analysis.names import _scan

    assert ("Morsi",) in _scan(f"They met. {opener} Morsi left.").phrases["morsi"]


def test_an_opening_word_inside_a_sentence_or_starting_a_name_stays():
    assert name_phrases("The band Later Days played.") == ["Later Days"]
    assert name_phrases("The First Amendment was cited. Third Way said so.") == ["First Amendment", "Third Way"]


@pytest.mark.parametrize(
    ("given", "surname"), [("Will", "Smith"), ("Said", "Jalili"), ("Per", "Lindberg"), ("Can", "Dündar")]
)
def test_a_given_name_that_is_also_a_grammar_word_stays_in_the_name(given, surname):
    # "Will Smith" was "Smith": a grammar word was dropped from the front of every name
    assert name_phrases(f"The actor {given} {surname}'s wife spoke.") == [f"{given} {surname}"]
    assert name_phrases(f"He met Sen. {given} {surname}. Gov. {given} {surname} left.") == [f"{given} {surname}"] * 2
    assert name_phrases(f"He thanked {given} {surname}, then left.") == [f"{given} {surname}"]


def test_a_given_name_that_is_also_a_grammar_word_is_left_off_where_it_may_be_grammar():
    # at a sentence's start "Will Smith come?" asks a question: the word stays off the name
    assert name_phrases("Will Smith come? nobody knows.") == ["Smith"]
    assert name_phrases("He asked: Will Smith run? Then Will Jones left.") == ["Smith", "Jones"]
    # before a title or a grammar word it is no given name; "May" before a name is the month
    assert name_phrases("He saw Will President Obama and Can The Band.") == ["Obama", "Band"]
    assert name_phrases("In May Trump signed it, and Ms. May Mobley spoke.") == ["Trump", "Mobley"]
    # a grammar word that is no given name stays off the front, as before
    assert name_phrases("told The Associated Press, How Can Trump Win") == ["Associated Press", "Trump Win"]
    assert name_phrases("Al Gore and de Blasio met De Blasio.") == ["Gore", "Blasio", "Blasio"]
    # nor in a headline's capitals, whose grammar words show it is no name
    assert name_phrases("Lerner, IRS Figure, Will Invoke Fifth Amendment At Hearing") == [
        "Lerner",
        "IRS Figure",
        "Invoke Fifth Amendment",  # "At" splits it, and "Hearing" alone is no name (no other phrase holds it)
    ]


@pytest.mark.parametrize(
    ("given", "surname"),
    [("Theresa", "May"), ("Brian", "May"), ("George", "Will"), ("Edward", "Said"), ("Dan", "Rather"), ("Emre", "Can")],
)
def test_a_surname_that_is_also_a_grammar_word_stays_in_the_name(given, surname):
    # "Theresa May" was "Theresa": a grammar word was dropped from the end of every name
    name = f"{given} {surname}"
    assert name_phrases(f"The columnist {name} spoke on Monday.") == [name]
    assert name_phrases(f"{name} spoke on Monday.") == [name]
    assert name_phrases(f"He met {name}. It was {name}'s idea, and {name}’s too.") == [name] * 3
    assert name_phrases(f"He met Bill Clinton and {name}, then {name} left.") == ["Bill Clinton", name, name]
    assert name_phrases(f"He met Bill Clinton. {name} left.") == ["Bill Clinton", name]
    # after a title the surname alone is the name
    assert name_phrases(f"Mrs. {surname} said so, and he thanked Mr {surname}.") == [surname, surname]


def test_a_surname_word_is_left_off_where_it_may_be_grammar():
    # the month before a number, whatever is before it
    assert name_phrases("It opens on Memorial Day May 30. Born May 24, he was born here.") == ["Memorial Day"]
    assert name_phrases("He met Theresa May 5 times.") == ["Theresa"]
    # a word after it that makes it a verb or an adverb
    assert name_phrases("Senators say Trump May be wrong, and Obama Will not go.") == ["Senators", "Trump", "Obama"]
    assert name_phrases("polled by Gallup More than half said no.") == ["Gallup"]
    # a headline's or a sentence's capitals, nothing to tell a name by
    assert name_phrases("Here's What Trump Said") == ["Trump"]
    # (a headline split at its grammar words: "Obama" alone of it, held by no other phrase, goes)
    assert name_phrases("What Trump Will Do\nHow Obama Can Win") == ["Trump"]
    assert name_phrases("Can Romney win? Obama Will. Will he?") == ["Romney", "Obama"]
    assert name_phrases("Trump Said\nTrump May") == ["Trump", "Trump"]
    # more than one grammar word, or none but titles before it
    assert name_phrases("He met Theresa May Will, then May left.") == ["Theresa"]
    assert name_phrases("He said the Head of May said so.") == ["Head"]
    # the first word of a run keeps the old rules: "in May Trump", "May said" at a sentence start
    assert name_phrases("In May Trump signed it. May said no.") == ["Trump"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("He spoke at Trump's May rally in Ohio.", ["Trump", "Ohio"]),
        ("The Labor Department's May jobs report came out.", ["Labor Department"]),
        ("Boris Johnson's May speech was long.", ["Boris Johnson"]),
        ("It was Biden's Will that counted.", ["Biden"]),
    ],
)
def test_a_surname_word_after_an_owner_is_no_surname(text, names):
    # "Trump's May rally": the month after an owner, no Trump May ("Theresa May's aides" is hers)
    assert name_phrases(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("He said so. Read More about it here.", ["Read"]),
        ("Learn More about our plans.", ["Learn"]),
        ("Trump spoke. Show More comments below.", ["Trump", "Show"]),
        ("View More photos of Obama.", ["View", "Obama"]),
    ],
)
def test_more_after_a_word_is_no_surname(text, names):
    # a page's buttons ("Read More about it") were names: "Read More", "Learn More"
    assert name_phrases(text) == names


def test_a_run_of_office_titles_is_read_in_linear_time(monkeypatch):
    # each office title looked at every word after it for a name: "President " * 100_000, a
    # hostile line of 1 MB, took minutes; now each word is looked at once or twice
    import reader.analysis.textstats as textstats

    calls = 0
    real = textstats._is_name_word

    def counted(word: str) -> bool:
        nonlocal calls
        calls += 1
        return real(word)

    monkeypatch.setattr(textstats, "_is_name_word", counted)
    for unit in ("President ", "Secretary of "):
        calls = 0
        assert name_phrases(unit * 3000 + "said.") == []
        assert calls <= 4 * 3000


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Florida Gov. Jeb Bush", "Jeb Bush"),
        ("Israeli Prime Minister Benjamin Netanyahu", "Benjamin Netanyahu"),
        ("UK Prime Minister Theresa May", "Theresa May"),
        ("House Speaker John Boehner", "John Boehner"),
        ("Senate Majority Leader Harry Reid", "Harry Reid"),
        ("U.S. Attorney General Eric Holder", "Eric Holder"),
        ("Secretary of State John Kerry", "John Kerry"),
        ("White House Chief of Staff Rahm Emanuel", "Rahm Emanuel"),
        # an office of more than one word ("Affairs Sergei Lavrov" was the name)
        ("Russian Minister of Foreign Affairs Sergei Lavrov", "Sergei Lavrov"),
        ("Secretary of Homeland Security Jeh Johnson", "Jeh Johnson"),
        ("Director of National Intelligence James Clapper", "James Clapper"),
        ("Governor of Texas Greg Abbott", "Greg Abbott"),
        ("Crown Prince Mohammed bin Salman", "Mohammed bin Salman"),
        ("Supreme Leader Ayatollah Ali Khamenei", "Ali Khamenei"),
        ("Texas Sen. Will Hurd", "Will Hurd"),
        ("Prime Minister Netanyahu", "Netanyahu"),
    ],
)
def test_an_office_before_a_name_inside_a_run_is_no_part_of_it(written, name):
    # "Florida Gov. Jeb Bush" was a name of its own, apart from "Gov. Jeb Bush" and "Jeb Bush"
    assert name_phrases(f"{written} said so on Monday.") == [name]
    assert name_phrases(f"It was {written}'s idea.") == [name]


def test_a_title_inside_a_name_stays_where_no_name_follows_it():
    assert name_phrases("He met Martin Luther King Jr. in 1960.") == ["Martin Luther King Jr"]
    assert name_phrases("He read Stephen King and met the House Speaker today.") == ["Stephen King", "House Speaker"]
    assert name_phrases("He ate at Burger King Corp stores.") == ["Burger King Corp"]
    # one word after an office in a headline's capitals is a name only if never in lower case
    assert name_phrases("He kept his job.\nAgency Hid Hack To Protect Chairman Job") == []


def test_a_line_in_capitals_with_grammar_words_is_no_name():
    # a headline shouted in capitals: "TRUMP SAYS HE WILL WIN" was one name
    text = "TRUMP SAYS HE WILL WIN\nHILLARY CLINTON IS FEELING THE BERN"
    assert name_phrases(text) == []
    # (with a sentence after them, a headline's words are names only as the text writes them)
    assert name_phrases(text + "\nTrump spoke.") == ["Trump", "Trump"]
    # names in capitals stay: no grammar word inside, or a connector
    assert name_phrases("BANK OF AMERICA and NEW YORK TIMES and TRUMP SAYS") == [
        "BANK OF AMERICA",
        "NEW YORK TIMES",
        "TRUMP",
    ]


def test_name_phrases_keep_dotted_abbreviations_and_skip_ordinary_openers():
    text = "Opening the talks, U.S. envoys arrived. Talks went on, opening up a path."
    # "Opening" appears in lower case elsewhere, so it is an ordinary word, not a name.
    assert name_phrases(text) == ["U.S."]


def test_name_phrases_do_not_run_across_lines_or_punctuation():
    assert name_phrases("Barack Obama\nMitt Romney") == ["Barack Obama", "Mitt Romney"]
    assert name_phrases("met Putin, Merkel and Macron") == ["Putin", "Merkel", "Macron"]


def test_name_phrases_survive_markup_like_text():
    assert name_phrases("[@click=app.quit] Hello [/foo] World") == ["Hello", "World"]


def test_tfidf_vectors_are_unit_length_and_weight_rare_terms_higher():
    docs = [["cat", "sat"], ["dog", "sat"], ["bird", "sat"]]
    model = TfidfModel(docs)
    vec = model.vector(["cat", "sat"])
    assert math.isclose(math.sqrt(sum(w * w for w in vec.values())), 1.0)
    assert vec["cat"] > vec["sat"]
    assert model.vector([]) == {}
    # An unseen term gets the highest idf.
    assert model.idf("zebra") > model.idf("cat") > model.idf("sat")


def test_tfidf_sublinear_term_frequency():
    model = TfidfModel([["a", "b"], ["a", "c"]])
    weights = model.weights(["b", "b", "b", "b"])
    assert math.isclose(weights["b"], (1 + math.log(4)) * model.idf("b"))
    assert TfidfModel(sublinear_tf=False).fit([["b"]]).weights(["b", "b"])["b"] == 2 * TfidfModel([["b"]]).idf("b")


def test_tfidf_fit_recomputes_from_scratch():
    model = TfidfModel([["a"], ["a"]])
    model.fit([["b"]])
    assert model.n_docs == 1 and model.df["a"] == 0 and model.df["b"] == 1


def test_cosine_basic_cases():
    assert cosine({}, {"a": 1.0}) == 0.0
    assert cosine({"a": 0.0}, {"a": 1.0}) == 0.0
    assert math.isclose(cosine({"a": 2.0}, {"a": 5.0}), 1.0)
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0
    assert math.isclose(cosine({"a": 1.0, "b": 1.0}, {"a": 1.0}), 1 / math.sqrt(2))
    assert cosine({"a": 1.0, "b": 1.0}, {"a": 1.0}) == cosine({"a": 1.0}, {"a": 1.0, "b": 1.0})


def test_normalize_word_leaves_words_that_only_look_plural():
    assert normalize_word("bias") == "bias"
    assert normalize_word("texas") == "texas"
    assert normalize_word("ideas") == "idea"
    assert normalize_word("apologizes") == "apologize"
    assert normalize_word("taxes") == "tax"


def test_tfidf_accepts_term_counts_like_token_lists():
    from collections import Counter

    docs = [["a", "b", "b"], ["a", "c"]]
    by_list = TfidfModel(docs)
    by_counts = TfidfModel([Counter(d) for d in docs])
    assert by_list.df == by_counts.df
    assert by_list.vector(["b", "b", "c"]) == by_counts.vector(Counter({"b": 2, "c": 1}))


def test_name_phrases_skip_an_opener_written_in_lower_case_only_as_a_whole_word():
    # "Reports" also appears as a lower-case word; "Spring" only inside "offspring", or after a
    # capital and an apostrophe (that counts: "O’spring" has the word "spring"); "Sam" only
    # inside "x’sam" (one word).
    assert name_phrases("Reports came in. Many reports said so.") == []
    assert name_phrases("Spring came in. The offspring met.") == ["Spring"]
    assert name_phrases("Spring came in. O’spring met.") == ["O'spring"]
    assert name_phrases("Sam came in. Her x’sam met.") == ["Sam"]


def test_lower_case_words_answered_one_by_one_are_those_a_full_scan_finds():
    import random

    from reader.analysis.textstats import _LOWER_WORD_RE, _LowerWords

    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice("aZé1_'’ -b.ab") for _ in range(rng.randint(0, 14)))
        every = set(_LOWER_WORD_RE.findall(text))
        asked = _LowerWords(text)
        for word in [*every, "ab", "a'b", "b", "ba", "a", "b’", "é"]:
            assert (word in asked) == (word in every), (text, word)


@pytest.mark.parametrize(
    "text",
    [
        "Obama’s aides' plans: it's the senators’ votes, O'Neill's policies and the 1990s.",
        "snake_case words_ and __dunder__ names, x_y's bills",
        "Straße, İstanbul's ÉCOLES and naïve cafés’ menus",
    ],
)
def test_content_words_are_the_tokens_minus_stopwords_with_plurals_folded(text):
    expected = [normalize_word(t) for t in tokenize(text) if len(t) > 1 and t not in STOPWORDS]
    assert content_words(text) == expected
    assert content_words(text) == expected  # a second time, from what the first call kept


def test_name_phrases_of_a_run_across_a_sentence_end_are_the_same_each_time():
    # "Sen. Smith. Talks" is one run: "Smith" (the title dropped), then "Talks", a lone word after
    # a sentence end that the text also writes in lower case: not a name. The run's phrases are
    # worked out once and reused; the lower-case test is the text's own each time.
    assert name_phrases("They met Sen. Smith. Talks went on; talks ended.") == ["Smith"]
    assert name_phrases("They met Sen. Smith. Talks went on; talks ended.") == ["Smith"]
    assert name_phrases("They met Sen. Smith. Talks went on.") == ["Smith", "Talks"]


def test_very_long_words_and_runs_are_not_kept_in_the_per_process_tables():
    # Hostile text (a 5,000-letter word, a run of 2,000 capitalised words) is analysed as any other
    # but not remembered: many such articles must not fill a worker's memory.
    from reader.analysis import textstats

    word = "q" * 5000
    runs_before = textstats._cached_run_phrases.cache_info().currsize
    assert content_words(f"{word} {word}") == [word, word]
    assert name_phrases(" ".join(["Abc"] * 2000) + " met.") == [" ".join(["Abc"] * 2000)]
    assert word not in textstats._CONTENT_WORDS and word not in textstats._NORMALIZED
    assert textstats._cached_run_phrases.cache_info().currsize == runs_before


@pytest.mark.parametrize(
    "text,word,opens",
    [
        ("Both men left.", "Both", True),
        ("They left. Both men did.", "Both", True),
        ("They left.\nBoth men did.", "Both", True),
        ("The verdict: Both men left.", "Both", True),
        ("He said (“Both men left”).", "Both", True),
        ("He said “Both men left.”", "Both", True),
        ("He and Both Bolton left.", "Both", False),
        ("He met Ms. Both yesterday.", "Both", True),  # may: a title's period is not told from an end here
    ],
)
def test_opens_sentence_is_the_one_answer_names_and_speakers_read(text, word, opens):
    from reader.analysis import speaker_resolver

    assert opens_sentence(text, text.index(word)) is opens
    assert speaker_resolver.opens_sentence is opens_sentence  # one rule, not two


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a title first in an organisation's name is part of it (they were "Motors", "Office" ...)
        ("He sold his General Motors shares, which rose 57 cents.", ["General Motors"]),
        ("A spokesman for the U.S. Attorney's Office was not available.", ["U.S. Attorney Office"]),
        ("He called the U.S. Attorney Office on Monday.", ["U.S. Attorney Office"]),
        ("The Justice Department wrote Mr. Issa last week.", ["Justice Department", "Issa"]),
        ("The vote in the General Assembly was close.", ["General Assembly"]),
        ("He lives in Prince William County now.", ["Prince William County"]),
        # a person's title stays off the name, an organisation's word or not
        ("He met General Petraeus and Mr. Mills there.", ["Petraeus", "Mills"]),
        # not in a headline's capitals, where the office is the person's
        ("President Obama's Last State Of The Union\nObama spoke.", ["Obama", "Obama"]),
    ],
)
def test_a_title_first_in_an_organisations_name_is_part_of_it(text, names):
    assert name_phrases(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # what an office "of the" is of was read as the name's first word ("House Nancy Pelosi")
        ("He called out Speaker of the House John Boehner (R-Ohio).", ["John Boehner", "R-Ohio"]),
        ("He met Speaker of the House Nancy Pelosi today.", ["Nancy Pelosi"]),
        ("He met Speaker of the House of Representatives Nancy Pelosi.", ["Nancy Pelosi"]),
        ("Secretary of the Treasury Timothy Geithner said so.", ["Timothy Geithner"]),
        ("He met Chairman of the Joint Chiefs of Staff Martin Dempsey.", ["Martin Dempsey"]),
        # with no name after it, the office's domain stays; names of their own after "the" stay
        ("He met the Speaker of the House today.", ["House"]),
        ("said the leader of the Force Ouvriere union.", ["Force Ouvriere"]),
        ("said the president of the National Abortion Federation.", ["National Abortion Federation"]),
        ("He is chairman of the Senate Judiciary Committee.", ["Senate Judiciary Committee"]),
    ],
)
def test_what_an_office_of_the_is_of_is_no_part_of_the_name_after_it(text, names):
    assert name_phrases(text) == names


def test_a_headlines_capitals_are_split_at_their_grammar_words():
    # "Paul Ryan Thinks About Donald Trump" was one name (headlines alone: no sentence of the
    # text shows which of their words are names, test_a_headlines_words_are_names_as_the_text_writes_them)
    assert name_phrases("Paul Ryan Thinks About Donald Trump") == ["Paul Ryan Thinks", "Donald Trump"]
    # a word alone of them is a name where another phrase holds it ("Obama"), not else ("Listen")
    assert name_phrases("Obama Should Listen To Nancy Pelosi On Trade") == ["Nancy Pelosi"]
    assert name_phrases("Obama Should Listen To Nancy Pelosi On Trade\nObama agreed.") == ["Obama", "Obama"]
    assert name_phrases("Drop Out of Race\nHe ran.") == []
    # in a headline a surname word is the verb ("Trump May Not Have" was in one name)
    assert name_phrases("Trump May Not Have Suggested A Muslim Registry") == ["Muslim Registry"]
    # names with no grammar word inside, an initial, a day or "One" inside stay whole
    text = "He met John A. Boehner at the Super Tuesday Primary of Capital One Financial."
    assert name_phrases(text) == ["John A. Boehner", "Super Tuesday Primary of Capital One Financial"]


def test_a_surname_word_before_you_is_a_verb_and_a_headlines_capitals_split_at_it():
    # a headline's "Can" splits it, and "Calories" alone is held by no other phrase
    assert name_phrases("How Many Calories Can the Brain Burn by Thinking") == ["Brain Burn", "Thinking"]
    assert name_phrases("He asked Trump Will you run?") == ["Trump"]
    assert name_phrases("He met Emre Can and George Will said so.") == ["Emre Can", "George Will"]


@pytest.mark.parametrize("after", ["this week", "that he would go", "it was over", "the news", "a letter"])
def test_a_surname_word_before_a_determiner_or_a_pronoun_stays_in_a_sentence(after):
    # "told Theresa May that he ..." was "Theresa": a determiner or a pronoun after a name is
    # as often the sentence's as a question's
    assert name_phrases(f"He told Theresa May {after}.") == ["Theresa May"]


def test_the_new_name_rules_read_hostile_runs_in_linear_time(monkeypatch):
    # an office "of the" before a run looks at each word of it once or twice, and a headline of
    # 1 MB (no name confirmed) is split in one pass
    import reader.analysis.textstats as textstats

    calls = 0
    real = textstats._is_name_word

    def counted(word: str) -> bool:
        nonlocal calls
        calls += 1
        return real(word)

    monkeypatch.setattr(textstats, "_is_name_word", counted)
    for run in ("House " + "Nancy " * 3000, "House " * 3000 + "Nancy"):
        calls = 0
        assert name_phrases("Speaker of the " + run + " said.")
        assert calls <= 4 * 3000
    assert name_phrases("Obama Thinks About " * 50_000) == ["Obama Thinks"] * 50_000


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a sentence's words around capitals show a name, grammar words inside or not (the
        # headline split broke them up: none of these was a name)
        (
            "U.S. forces bombed a Doctors Without Borders hospital in Kunduz.",
            ["U.S.", "Doctors Without Borders", "Kunduz"],
        ),
        ("Since then, the “Jane The Virgin” actress has spoken.", ["Jane The Virgin"]),
        ("Shares of Jack In The Box closed at $21.49.", ["Shares of Jack In The Box"]),
        ("and daughter-in-law Reem As Saba’ee had been traveling", ["Reem As Saba'ee"]),
        (
            "Speaking to “CBS This Morning” Monday, Rubio refrained from attacks.",
            ["Speaking", "CBS This Morning", "Rubio"],
        ),
        # a verb or a pronoun in lower case is a sentence's, however short (title case capitalises them)
        ("“Doctors Without Borders said so,” he said.", ["Doctors Without Borders"]),
        ("The Gay and Lesbian Alliance Against Defamation asked.", ["Gay", "Lesbian Alliance Against Defamation"]),
        # a headline's line (articles, short prepositions its only lower-case words) is split
        ("Bolton and Gorka Slam Paul Ryan Over Donald Trump", ["Bolton", "Gorka Slam Paul Ryan", "Donald Trump"]),
        ("“Paul Ryan Thinks About Donald Trump”", ["Paul Ryan Thinks", "Donald Trump"]),
    ],
)
def test_a_run_of_capitals_is_split_at_its_grammar_words_only_on_a_headlines_line(text, names):
    assert name_phrases(text) == names


def test_a_headlines_run_the_text_names_whole_stays_whole():
    text = "Obama: ‘In God We Trust’ Vote Not Creating Jobs\nThe vote to reaffirm that “In God We Trust” is the motto."
    # (Obama and "Creating Jobs" are in the headline alone, where a capital is no sign of a name)
    assert name_phrases(text) == ["God We Trust", "God We Trust"]


def test_a_headlines_parts_lose_their_titles():
    # they were "Mr Cruz" and "Vice President"
    assert name_phrases("Cruz's Path to Nomination For Mr. Cruz") == ["Cruz Path", "Cruz"]
    assert name_phrases("Marco Rubio: I’m Not Interested In Being Vice President") == ["Marco Rubio"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a person's office before a name: a person's, not an organisation's title
        (
            "President Obama's National Commission on Fiscal Responsibility met.",
            ["Obama National Commission", "Fiscal Responsibility"],
        ),
        ("Senator Warren’s Office said so.", ["Warren Office"]),
        ("He fled the Former Soviet Union in 1990.", ["Soviet Union"]),
        ("Attorney General Eric Holder’s Office declined.", ["Eric Holder Office"]),
        # an office or a place's title just before its organisation word stays
        ("The Mayor's Office said so.", ["Mayor Office"]),
        ("He lives in Prince William County.", ["Prince William County"]),
        ("The General Accounting Office said so.", ["General Accounting Office"]),
        ("The U.S. Attorney General’s Office said so.", ["U.S. Attorney General Office"]),
        ("The Justice Department said so.", ["Justice Department"]),
    ],
)
def test_a_persons_office_before_a_name_is_no_organisations_title(text, names):
    assert name_phrases(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # one word after an office's "of the House" is a committee's more often than a surname
        (
            "Paul Ryan, chairman of the House Ways and Means Committee, said so.",
            ["Paul Ryan", "House Ways", "Means Committee"],
        ),
        ("the former chairman of the House Judiciary subcommittee", ["House Judiciary"]),
        ("He met Chairman of the Joint Chiefs Gen. Mark Milley today.", ["Mark Milley"]),
    ],
)
def test_an_office_of_the_leaves_off_its_domain_before_a_name_of_two_words_or_more(text, names):
    assert name_phrases(text) == names


def test_of_and_a_grammar_word_with_a_capital_start_a_name_of_their_own():
    assert name_phrases("(Andrew Ross Sorkin of The New York Times is a co-creator.)") == [
        "Andrew Ross Sorkin",
        "New York Times",
    ]
    assert name_phrases("said John Paul Hopping of Our Lady of Guadalupe church in Ferguson") == [
        "John Paul Hopping",
        "Lady of Guadalupe",
        "Ferguson",
    ]
    assert name_phrases("He is at the Bank of America in the Gulf of Mexico.") == ["Bank of America", "Gulf of Mexico"]


def test_each_line_is_read_once_for_a_headline(monkeypatch):
    # a 1 MB line of headline-like runs inside a sentence, and many short lines: every
    # character is looked at once by _headline_line, not once per run
    import reader.analysis.textstats as textstats

    read = 0
    real = textstats._headline_line

    def counted(text: str, start: int, end: int) -> bool:
        nonlocal read
        read += end - start
        return real(text, start, end)

    monkeypatch.setattr(textstats, "_headline_line", counted)
    for text in (
        "and Paul Ryan Thinks About Donald Trump " * 25_000,
        "Paul Ryan Thinks About Donald Trump\n" * 25_000,
        "x " * 200_000 + "Paul Ryan Thinks About Donald Trump " * 10_000,
    ):
        read = 0
        assert name_phrases(text)
        assert read <= len(text)


def test_a_headlines_words_are_names_as_the_text_writes_them():
    # a headline capitalises every word: there a capital is a name's only where a sentence of the
    # text writes the word so ("STATE JOHN KERRY SPEAKS", "Fort Worth May Dry Human Waste" were names)
    text = "SECRETARY OF STATE JOHN KERRY SPEAKS\nSecretary of State John Kerry spoke on Monday."
    assert name_phrases(text) == ["John Kerry", "John Kerry"]
    text = "Fort Worth May Dry Human Waste\nThe city of Fort Worth may dry its waste."
    assert name_phrases(text) == ["Fort Worth", "Fort Worth"]
    # a word the text writes in capitals stays so ("FBI"); one written in lower case is a word
    text = "FBI Raids Trump Tower Over Papers\nThe FBI searched Trump Tower over the papers on Monday."
    assert name_phrases(text) == ["FBI", "Trump Tower", "FBI", "Trump Tower"]
    # the title and the text as story grouping reads them: the title's names the text holds
    assert name_phrases("Paul Ryan Thinks About Donald Trump\nDonald Trump spoke.") == ["Donald Trump"] * 2


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a sentence in Cyrillic or Greek has no lower-case word in Latin letters, and is no headline
        ("Путин Встретился С Лидерами Стран\nВладимир Путин встретился с лидерами стран.", ["Путин", "Владимир Путин"]),
        (
            "Μητσοτάκης Συναντά Ερντογάν Σήμερα\nΟ Κυριάκος Μητσοτάκης είδε τον Ερντογάν.",
            ["Μητσοτάκης", "Ερντογάν", "Ο Κυριάκος Μητσοτάκης", "Ερντογάν"],
        ),
    ],
)
def test_a_headline_is_told_from_a_sentence_in_any_script(text, names):
    assert name_phrases(text) == names


def test_a_headline_word_is_rewritten_whatever_the_text_holds():
    # hostile text: a word in capitals of another length when folded (kept as written), controls,
    # thousands of headlines
    assert name_phrases("STRASSE OF DOOM NOW\nDie Straße war leer.") == ["STRASSE", "Die Straße"]
    assert name_phrases("JOHN\x00KERRY SPEAKS TODAY\nJohn Kerry spoke.") == ["John", "Kerry", "John Kerry"]
    many = "Obama Speaks Today Again\n" * 5_000 + "Obama spoke."
    assert name_phrases(many) == ["Obama"] * 5_001


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a short paragraph in a script without capitals was a headline: its Latin names, written
        # nowhere else, were blanked as a headline's capitals
        (
            "قال الأمين العام لحلف NATO ينس Jens Stoltenberg يوم الثلاثاء في بروكسل.\n"
            + "وأضاف أن الدول الأعضاء وافقت على زيادة الإنفاق العسكري. " * 5,
            ["NATO", "Jens Stoltenberg"],
        ),
        (
            "北约秘书长 Jens Stoltenberg 周二在布鲁塞尔表示，NATO 将加强东翼防御。\n"
            + "分析人士认为，这一决定将对欧洲安全产生深远影响，各国政府需要提高国防预算。" * 6,
            ["Jens Stoltenberg", "NATO"],
        ),
    ],
)
def test_a_paragraph_in_a_script_without_capitals_is_no_headline(text, names):
    assert name_phrases(text) == names
