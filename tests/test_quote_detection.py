"""Which quoted spans are quotations (quotations v9): pull quotes. Made-up text only."""

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
