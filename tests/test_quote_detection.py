"""Which quoted spans are quotations (quotations v9): pull quotes, terms, titles, captions, marks
inside a block quote, exclamations and chants. Made-up text only."""

import pytest

from reader.analysis.quotes import find_quotes


def pairs(text: str) -> list[tuple[str, str | None]]:
    quotes = find_quotes(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return [(q.text, q.speaker) for q in quotes]


# -- pull quotes and subheads ----------------------------------------------------------------
BODY = (
    "The senator spoke on Tuesday.\n\n"
    "“We cannot wait another year for this bill to pass the Senate,” Jane Doe said.\n\n"
)


def test_a_pull_quote_repeating_a_quotation_is_not_a_second_quotation():
    text = (
        BODY
        + '"We cannot wait another year for this bill to pass the Senate.\nSen. Jane Doe."\n\n'
        + "The vote is set for May."
    )
    assert pairs(text) == [("We cannot wait another year for this bill to pass the Senate", "Jane Doe")]


def test_a_pull_quote_before_the_quotation_it_repeats_is_dropped_too():
    text = '"We cannot wait another year for this bill to pass the Senate."\n\n' + BODY + "The vote is set for May."
    assert pairs(text) == [("We cannot wait another year for this bill to pass the Senate", "Jane Doe")]


def test_a_pull_quote_of_the_articles_own_words_is_not_a_quotation():
    text = (
        "On Sunday, the campaign said it had raised $20 million in January alone, mostly online.\n\n"
        '"On Sunday, the campaign said it had raised $20 million in January alone, mostly online."\n\n'
        "The next debate is in March."
    )
    assert pairs(text) == []


def test_a_subhead_in_capitals_repeating_a_quotation_is_not_a_quotation():
    text = (
        "The prime minister called the plan “divisive, stupid and wrong” on Monday.\n"
        "“DIVISIVE, STUPID AND WRONG”\n"
        "He will work with whoever wins."
    )
    assert [t for t, _ in pairs(text)] == ["divisive, stupid and wrong"]


def test_a_paragraph_of_quotation_said_once_is_kept():
    text = (
        "Jane Doe said:\n\n"
        "“We cannot wait another year for this bill to pass the Senate.”\n\n"
        "The vote is set for May, and we cannot wait another week, aides said."
    )
    assert pairs(text) == [("We cannot wait another year for this bill to pass the Senate.", "Jane Doe")]


def test_the_same_quotation_in_two_paragraphs_of_their_own_is_kept_in_both():
    # Nothing tells the article told it elsewhere: both copies are all there is.
    quote = "“We cannot wait another year for this bill to pass the Senate.”"
    text = f"Jane Doe said:\n\n{quote}\n\nLater, at the rally, she said again:\n\n{quote}"
    assert len(pairs(text)) == 2


# -- terms, titles and captions ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Trump said it was a play on words with the phrase “anchor baby,” which critics use.",
        "What he said about Romney’s phrase “self-deportation.”",
        "Paul said it shook up what is called a “debate” but is really a set of speeches.",
        "Santorum said that when he used the word “theology” he meant something else.",
    ],
)
def test_a_term_talked_about_is_not_a_quotation(text):
    assert pairs(text) == []


def test_two_coordinated_terms_are_terms_and_the_attribution_still_speaks_next():
    text = (
        "Jane Doe, the spokeswoman, met reporters.\n"
        "People should not use words like “maybe” and “perhaps”, she told reporters.\n"
        "“This is extremely irresponsible.”"
    )
    assert pairs(text) == [("This is extremely irresponsible.", "Jane Doe")]


@pytest.mark.parametrize(
    "text",
    [
        "He blasted the hit Disney film “Frozen” for its message.",
        "He acted in the Syfy movie “Sharknado 3: Oh Hell No!” last year.",
        "Carson shared a syllabus for a psychology class called “Perception” online.",
        "“Orange is the New Black” star Dascha Polanco opened up about her life.",
    ],
)
def test_the_title_of_a_work_is_not_a_quotation(text):
    assert pairs(text) == []


@pytest.mark.parametrize(
    "text, quoted",
    [
        (
            "“What I fundamentally believe — and what the president believes,” former Secretary Arne Duncan said.",
            "What I fundamentally believe — and what the president believes",
        ),
        ("Trump said the judge was biased because he is “Mexican,” given his plan.", "Mexican"),
    ],
)
def test_a_quotation_before_a_role_and_a_name_is_still_a_quotation(text, quoted):
    assert [t for t, _ in pairs(text)] == [quoted]


def test_a_text_dated_like_a_caption_is_not_a_quotation():
    text = (
        "The party’s posters stoked fears.\n\n"
        "“We are becoming strangers in our own land” (election poster 2003) — "
        "“No special rights for foreigners!” (2015). (Party archive.)"
    )
    assert pairs(text) == []


# -- a mark inside a continued paragraph -----------------------------------------------------
def test_a_quoted_word_inside_a_paragraph_of_a_block_quote_is_not_its_continuation():
    text = (
        "From Ann Lee writing at the Post:\n\n"
        '"Rising to the top of the pack requires cunning, good hair and laser-focused determination.\n\n'
        '"At the debate, the moderator unloaded on the front-runner with a “question’’ that stung.'
    )
    assert "question" not in [t for t, _ in pairs(text)]


# -- exclamations and chants -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, quoted",
    [
        (
            "This is why Democrats cannot just point their fingers and cry “but they’re racist!” at voters.",
            "but they’re racist!",
        ),
        ("An email invited supporters to enter the contest, to “win my engraved shotgun!”", "win my engraved shotgun!"),
        ("The team was met with chants of “Trump, Trump, Trump” and jeers.", "Trump, Trump, Trump"),
        ("It was not just the cries of “Liar!” from the back.", "Liar!"),
    ],
)
def test_an_exclamation_or_a_chant_is_speech_with_no_speech_verb(text, quoted):
    assert [t for t, _ in pairs(text)] == [quoted]


def test_a_chant_is_the_crowds_not_the_clause_subjects():
    text = "The team was met with chants of “Trump, Trump, Trump” and jeers."
    assert pairs(text) == [("Trump, Trump, Trump", None)]


def test_a_short_quoted_word_is_still_a_scare_quote():
    assert pairs("The museum was “closed” for weeks.") == []


def test_one_word_repeated_is_a_chant_not_a_title():
    assert pairs("Supporters chanted “Marco, Marco, Marco” outside the hall.") == [
        ("Marco, Marco, Marco", "Supporters")
    ]
