"""Sentence splitting for news: abbreviations, initials, decimals, quotes, offsets."""

from pathlib import Path

import pytest

from reader.analysis.sentences import Sentence, non_sentence_kind, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_point_into_the_text():
    text = "  First one.  Second one?\n\nThird!  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["First one.", "Second one?", "Third!"]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_sentence_is_frozen_and_serialisable():
    s = split_sentences("Hello there.")[0]
    assert s == Sentence("Hello there.", 0, 12)
    assert s.to_dict() == {"text": "Hello there.", "start": 0, "end": 12}
    with pytest.raises(AttributeError):
        s.text = "x"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Mr. Smith met Sen. Jones and Gen. Milley on Jan. 5 in Washington. They talked.",
            ["Mr. Smith met Sen. Jones and Gen. Milley on Jan. 5 in Washington.", "They talked."],
        ),
        (
            "The U.S. President spoke. U.S. officials agreed.",
            ["The U.S. President spoke.", "U.S. officials agreed."],
        ),
        ("He lives in the U.S. The rest of us do not.", ["He lives in the U.S.", "The rest of us do not."]),
        (
            "George W. Bush and J. K. Rowling met. Then they left.",
            ["George W. Bush and J. K. Rowling met.", "Then they left."],
        ),
        (
            "It cost $3.5 million, or 2.75 percent. Markets rose.",
            ["It cost $3.5 million, or 2.75 percent.", "Markets rose."],
        ),
        ("Dr. No. 5 is here.", ["Dr. No. 5 is here."]),
        (
            "The meeting ended at 5 p.m. The talks resume Monday.",
            ["The meeting ended at 5 p.m.", "The talks resume Monday."],
        ),
    ],
)
def test_abbreviations_initials_and_decimals(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # an initial after a lower-case word opens a name: a first name and a surname follow
        (
            "The book is by Stephen S. Cohen and J. Bradford DeLong. It sold well.",
            ["The book is by Stephen S. Cohen and J. Bradford DeLong.", "It sold well."],
        ),
        ("It was signed by W. Douglas Parker, the chief.", ["It was signed by W. Douglas Parker, the chief."]),
        # a sentence after a letter that ends one still splits: an opener, or a title
        ("We took plan B. The rest failed.", ["We took plan B.", "The rest failed."]),
        ("We took plan B. President Obama said so.", ["We took plan B.", "President Obama said so."]),
        ("We took plan B. Obama said so.", ["We took plan B.", "Obama said so."]),
    ],
)
def test_an_initial_inside_a_name_is_no_sentence_end(text, expected):
    assert texts(text) == expected


def test_quote_after_he_wrote_on_x_splits():
    text = '"We will meet," he wrote on X. "It will be great."'
    assert texts(text) == ['"We will meet," he wrote on X.', '"It will be great."']


def test_question_inside_quote_continued_by_attribution_is_one_sentence():
    text = "“Why now?” he asked. “Because,” she said."
    assert texts(text) == ["“Why now?” he asked.", "“Because,” she said."]


def test_closing_quote_stays_with_its_sentence():
    text = "She called it “productive.” The Kremlin disagreed."
    assert texts(text) == ["She called it “productive.”", "The Kremlin disagreed."]


def test_paragraphs_never_share_a_sentence_but_wrapped_lines_join():
    assert texts("A headline without a period\nThe body starts here.") == [
        "A headline without a period",
        "The body starts here.",
    ]
    assert texts("a line wrapped\nin the middle. Next.") == ["a line wrapped\nin the middle.", "Next."]


def test_ellipsis_inside_a_sentence_does_not_split():
    assert texts("He paused ... and went on. Done.") == ["He paused ... and went on.", "Done."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", ".", "...", "“", "a"])
def test_degenerate_input(text):
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text and s.text.strip()


def test_one_sentence_without_final_period():
    assert texts("Just one sentence") == ["Just one sentence"]


def test_seed_article():
    text = (SEEDS / "000_d35029dd94d24c05.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    joined = [s.text for s in sentences]
    assert any(s.startswith("Trump had indicated the Rubio-Lavrov meeting") for s in joined)
    assert '"We\'re working on number nine," he said.' in joined
    # "President Donald Trump" is never cut after a title; no sentence ends in "Mr." or "U.S."
    assert not any(s.endswith((" Mr.", " Sen.", " Gen.")) for s in joined)
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_dateline_dash_does_not_end_a_sentence():
    text = "KANSAS CITY, Mo. -- The mayor said on Monday that taxes will rise."
    assert [s.text for s in split_sentences(text)] == [text]


def test_boundary_after_washington_dc():
    text = "He lives in Washington, D.C. Obama said he would go. The D.C. Council met."
    assert [s.text for s in split_sentences(text)] == [
        "He lives in Washington, D.C.",
        "Obama said he would go.",
        "The D.C. Council met.",
    ]
    assert len(split_sentences("The rally in Washington, D.C. Council members spoke.")) == 1


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            '"What have you been debating?" Obama said. The vote passed.',
            ['"What have you been debating?" Obama said.', "The vote passed."],
        ),
        (
            "\u201cYou want to pet him?\u201d Mr. Obama asked his daughters. They did.",
            ["\u201cYou want to pet him?\u201d Mr. Obama asked his daughters.", "They did."],
        ),
        ('"Why?" asked Smith. Next.', ['"Why?" asked Smith.', "Next."]),
        # Not an attribution: the quotation ends its sentence.
        ('"Is it over?" The answer was no.', ['"Is it over?"', "The answer was no."]),
        (
            '"Is it over?" Officials said the talks would go on for a week or two.',
            ['"Is it over?"', "Officials said the talks would go on for a week or two."],
        ),
    ],
)
def test_short_attribution_stays_with_its_quoted_question(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # A comma misprinted as a period before a named speaker's bare attribution.
        (
            '"We offered the prime minister an opportunity." Durbin said. "His refusal is disappointing."',
            ['"We offered the prime minister an opportunity." Durbin said.', '"His refusal is disappointing."'],
        ),
        (
            "\u201cI will win.\u201d He said. The vote is next.",
            ["\u201cI will win.\u201d He said.", "The vote is next."],
        ),
        (
            '"It is done." Sen. Dick Durbin said Tuesday. Next.',
            ['"It is done." Sen. Dick Durbin said Tuesday.', "Next."],
        ),
        ('"It is done." Durbin said, smiling. Next.', ['"It is done." Durbin said, smiling.', "Next."]),
        # Not a bare attribution: the next sentence says something of its own.
        ('"It is done." Durbin said he agreed.', ['"It is done."', "Durbin said he agreed."]),
        ('"It is done." The official said.', ['"It is done."', "The official said."]),
        ('"It is done." Durbin said Tuesday night.', ['"It is done."', "Durbin said Tuesday night."]),
        ("It is done. Durbin said.", ["It is done.", "Durbin said."]),
    ],
)
def test_bare_attribution_after_a_quoted_statement_stays_with_it(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize(
    "text,kind",
    [
        ("KANSAS CITY, Mo.", "dateline"),
        ("TEL AVIV (Reuters) -", "dateline"),
        ("…", "punctuation"),
        ("\u201d", "punctuation"),
        ("#MorningJoe pic.twitter.com/xyz", "embed"),
        ("— Jane Doe (@janedoe) June 4, 2018", "embed"),
        ("Supporters at the rally.CreditJoshua Roberts/Reuters", "caption"),
        ("Photo: AP", "caption"),
        # a live blog's entry heads: when, not what
        ("9:42 p.m.", "timestamp"),
        ("4:40 p.m.:", "timestamp"),
        ("Updated 3:45 PM EST", "timestamp"),
        ("Tuesday, March 15, 2016, 9:42 p.m.", "timestamp"),
        ("Last updated at 10:04 GMT", "timestamp"),
        ("12:01 a.m. (EDT)", "timestamp"),
        ("2016-03-15", "timestamp"),
        # a page's date line as its markup writes the moment (ISO 8601)
        ("Published 2024-03-05T18:30:00-05:00", "timestamp"),
        ("Posted 2024-03-05T18:30:00.123Z", "timestamp"),
        ("Updated March 5, 2024 6:30 PM", "timestamp"),
        ("Published 2024-03-05T18:30:00-05:00 and the Senate voted.", None),
        # credits, calls to follow or subscribe, list numbers: the outlet speaking, not the story
        ("[Reuters]", "credit"),
        ("[HuffPost, NBC/WSJ/Marist, ARG]", "credit"),
        ("(h/t The Hill.)", "credit"),
        ("(END VIDEO CLIP.)", "credit"),
        ("Facebook/Leaders’ College.", "credit"),
        ("Jim Urquhart / Reuters.", "credit"),
        ("Copyright © 2015 by Dinesh D’Souza.", "credit"),
        ("(Reporting by Amanda Becker in Washington; Editing by Eric Beech.)", "credit"),
        ("Fox News' Caitlin McFall contributed to this report.", "credit"),
        ("Michael D. Shear contributed reporting from New York, and Jonathan Martin from Washington.", "credit"),
        ("Follow him on Twitter at @joelpollak.", "promo"),
        ("Subscribe here, and listen to the latest episode below.", "promo"),
        ("Sign up for the free daily newsletter.", "promo"),
        ("Amy Kuperinsky may be reached at akuperinsky@example.com.", "promo"),
        ("Watch the video above.", "promo"),
        ("Also on WorldPost:", "promo"),
        ("http://amzn.to/2hWHtYm", "promo"),
        ("Filed under: Khawarij |", "promo"),
        ("For more, sign up for the What’s Working newsletter.", "promo"),
        ("For more video news from The Huffington Post, check out this morning’s newsbrief.", "promo"),
        ("Send tips/quips/quotes to Lauren Weber lauren.weber@example.com.", "promo"),
        ("[Will Fitzgibbon, The International Consortium of Investigative Journalists]", "credit"),
        ("For more than a decade the bridge stood unused.", None),
        ("Send in the troops, the senator said.", None),
        ("Tags: Congress, Budget", "promo"),
        ("7.", "number"),
        ("(3)", "number"),
        # look-alikes that report something, or are someone speaking
        ("(He denied it.)", None),
        ("[The senator declined to comment.]", None),
        ("Several donors contributed.", None),
        ("Donors contributed $5 million to the campaign.", None),
        ("Follow-up calls to Twitter went unanswered.", None),
        ("Join us here on Cape Breton Island!”", None),
        ("Watch closely.", None),
        ("The senator may be reached at home, aides said.", None),
        ("The Obama/Biden ticket won 332 electoral votes.", None),
        ("1,501 delegates.", None),
        ("2016.", None),
        ("The vote is at 9:42 p.m.", None),
        ("At 9 p.m. the polls closed.", None),
        ("March 15, 2016: Clinton wins Ohio.", None),
        ("It takes 2,383 to win.", None),
        ("Obama said.", None),
        ("NATO said no.", None),
        ("U.S. officials declined to comment.", None),
    ],
)
def test_non_sentence_kind(text, kind):
    assert non_sentence_kind(text) == kind


def test_sentence_map_looks_up_the_sentence_of_a_position():
    from reader.analysis.sentences import SentenceMap

    text = "First one here. Then “a quote,” he said. Last."
    smap = SentenceMap(text)
    quote = text.index("“")
    assert smap.start_in(0, quote) == text.index("Then")
    assert smap.start_in(quote + 1, quote + 1) is None  # an empty piece
    after = text.index("”") + 1
    assert smap.end_in(after, len(text)) == text.index("said.") + len("said.")
    assert smap.end_in(after, after + 4) == after + 4  # never past the end of the piece


def test_sentence_map_ignores_an_end_whose_punctuation_began_before_the_piece():
    """`…tomorrow?”) Sanders replied.`: the piece after the closing mark starts with the `)` of
    a sentence end that began inside the quote; its own sentence runs on to "replied."."""
    from reader.analysis.sentences import SentenceMap

    text = "“Have I started writing it?”) Sanders replied. Then more."
    smap = SentenceMap(text)
    lo = text.index(")")
    assert smap.end_in(lo, len(text)) == text.index("replied.") + len("replied.")
    assert smap.start_in(lo, text.index("Sanders") + 3) == lo


def test_the_word_before_a_period_is_what_the_regular_expression_finds():
    import random
    import re

    from reader.analysis.sentences import _word_before

    pattern = re.compile(r"""([\w.'’-]+)$""")
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(
            rng.choice(["a", "B", "é", "1", "_", ".", "'", "’", "-", " ", "\n", ",", "”"]) for _ in range(12)
        )
        lo, hi = rng.randint(0, 12), rng.randint(0, 12)
        m = pattern.search(text, lo, hi)
        assert _word_before(text, lo, hi) == ((m.start(1), m.group(1)) if m else None), (text, lo, hi)


def test_sentence_ends_are_found_as_with_a_repeated_class_first():
    import random
    import re

    from reader.analysis.sentences import _SENT_END

    repeated = re.compile(r"""[.?!…]+[)\]"'”’»]*(?=\s)""")
    rng = random.Random(9)
    for _ in range(20_000):
        text = "".join(rng.choice(".?!…)]\"'”’» a\n") for _ in range(10))
        lo, hi = sorted((rng.randint(0, 10), rng.randint(0, 10)))
        assert [m.span() for m in _SENT_END.finditer(text, lo, hi)] == [
            m.span() for m in repeated.finditer(text, lo, hi)
        ]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a spaced ellipsis inside a sentence is one mark, not three sentence ends
        (
            "NBC notes, “Strikingly, Trump . . . finishes first among voters.” Then more.",
            ["NBC notes, “Strikingly, Trump . . . finishes first among voters.”", "Then more."],
        ),
        ("He paused . . . Then he left.", ["He paused . . .", "Then he left."]),
        # after a sentence's own period the dots are a mark of their own (not aligned, not flagged)
        ("We must act now. ... We cannot wait.", ["We must act now.", "...", "We cannot wait."]),
    ],
)
def test_a_spaced_ellipsis_is_one_mark(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize("tag", ["R-Fla.", "D-N.H.", "I-Vt.", "R-Iowa."])
def test_a_party_tag_in_brackets_before_a_capital_ends_its_sentence_however_its_state_is_written(tag):
    # "(R-Fla.)" split before the capital and "(D-N.H.)" did not, for the dot inside its state
    for after in ("Roe said it would pass.", "The bill would pass.", "“It will pass,” she said."):
        text = f"The bill was written by Sen. Jane Roe ({tag}) {after}"
        assert [s.text for s in split_sentences(text)] == [f"The bill was written by Sen. Jane Roe ({tag})", after]


@pytest.mark.parametrize("tag", ["R-Fla.", "D-N.H."])
@pytest.mark.parametrize("after", ["Thursday said the bill would pass.", "Jan. 5 introduced the bill.", "said it."])
def test_a_day_after_a_party_tag_in_brackets_goes_on_with_the_name(tag, after):
    # "Sen. John McCain (R-Ariz.) Thursday said" is one sentence: "(R-Ariz.)" split it before the day
    text = f"Sen. Jane Roe ({tag}) {after}"
    assert [s.text for s in split_sentences(text)] == [text]


@pytest.mark.parametrize("tag", ["R-Fla.", "D-N.H."])
def test_a_party_tag_in_brackets_ends_no_sentence_before_a_number(tag):
    assert len(split_sentences(f"Sen. Jane Roe ({tag}) 5 times said no.")) == 1


@pytest.mark.parametrize("tag", ["R-Fla.", "D-N.Y."])
@pytest.mark.parametrize(
    "after",
    [
        "(pictured) said no.",
        "& Sen. Tim Kaine (D-Va.) said no.",
        ", Tim Kaine (D-Va.) and others said no.",
        "... said no.",
        "'s office said no.",
        "’s office said no.",
        "— the minority leader — said no.",
    ],
)
def test_a_party_tag_in_brackets_ends_no_sentence_before_punctuation(tag, after):
    text = f"Sen. Chuck Schumer ({tag}) {after}"
    assert [s.text for s in split_sentences(text)] == [text]


def test_a_party_tag_in_brackets_ends_its_sentence_before_a_quotation_in_straight_quotes():
    text = "Sen. Jane Roe (D-N.H.) 'We will not,' she said."
    assert [s.text for s in split_sentences(text)] == ["Sen. Jane Roe (D-N.H.)", "'We will not,' she said."]
