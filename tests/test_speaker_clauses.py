"""speaker_resolver's check that a name or a group opens a clause, by the token's index (it was a
search by position per name: a long sentence's speaking "they" was cubic in its length)."""

from __future__ import annotations

import pytest

from reader.analysis.quote_speakers import _tokens, _word
from reader.analysis.speaker_resolver import _opens_clause, _token_index
from reader.analysis.quotes import find_quotes

SENTENCES = [
    "On Friday, Mr. Udall and Mr. Wyden released a joint statement.",
    "State Senate President David Long and House Speaker Brian Bosma, both Republicans, held it.",
    "Romney spoke after five past and present Missouri Republican senators urged Akin to go.",
    "Critics and supporters met, and officials said so; or lawmakers, and senators — but they left.",
    "state former both fellow Senators met with the protesters and",
    "",
    "and",
    "“Quoted,” they said, (while officials) and/or ... leaders",
]


# The old code (45aa9e3's `_opens_clause_at`), kept here as the reference the check by index
# must agree with: the token found by its position first.
_CLAUSE_OPENERS = frozenset("but yet so then while when after before because since as that though although".split())
_PAIR_MODIFIERS = frozenset("state former both fellow".split())


def opens_clause_by_position(toks, pos):
    n = next((n for n, t in enumerate(toks) if t[1] == pos), None)
    if n is None:
        return False
    while n > 0 and _word(toks[n - 1][0]) in _PAIR_MODIFIERS:
        n -= 1
    if n == 0:
        return True
    before = toks[n - 1][0]
    if _word(before) in ("and", "or"):
        return n > 1 and toks[n - 2][0] in ",;"
    return not before[:1].isalnum() or _word(before) in _CLAUSE_OPENERS


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_token_opens_a_clause_by_index_as_by_its_position(sentence):
    offset = 7  # tokens of a sentence within a text: positions do not start at 0
    text = "x" * offset + sentence
    toks = _tokens(text, offset, len(text))
    index = _token_index(toks)
    assert [index[t[1]] for t in toks] == list(range(len(toks)))
    for n, token in enumerate(toks):
        assert _opens_clause(toks, n) == opens_clause_by_position(toks, token[1])


@pytest.mark.parametrize(
    ("sentence", "phrase", "opens"),
    [
        ("On Friday, Mr. Udall and Mr. Wyden released a joint statement.", "Mr. Udall", True),  # after ","
        ("On Friday, Mr. Udall and Mr. Wyden released a joint statement.", "Mr. Wyden", False),  # "and"
        ("On Friday, Mr. Udall and Mr. Wyden released a joint statement.", "Udall", False),  # after "Mr."
        ("Romney spoke after five Missouri senators urged Akin to go.", "Romney", True),  # the first
        ("Romney spoke after five Missouri senators urged Akin to go.", "five", True),  # "after"
        ("Romney spoke after five Missouri senators urged Akin to go.", "Akin", False),  # a verb's object
        ("Critics met, and officials said so.", "officials", True),  # ", and": a clause of its own
        ("Critics met and officials said so.", "officials", False),
        ("state former both fellow Senators met.", "Senators", True),  # modifiers back to the first
        ("They met with fellow Senators today.", "Senators", False),  # "with" before the modifier
        ("They met; but fellow Senators left.", "Senators", True),  # "but" before the modifier
    ],
)
def test_named_phrases_open_a_clause_or_not(sentence, phrase, opens):
    toks = _tokens(sentence, 0, len(sentence))
    n = _token_index(toks)[sentence.index(phrase)]
    assert _opens_clause(toks, n) is opens


def test_a_position_no_token_starts_at_has_no_index():
    toks = _tokens("Mr. Udall and Mr. Wyden", 0, 23)
    index = _token_index(toks)
    assert 1 not in index and 2 not in index and index[4] == 1


def test_a_speaking_they_in_a_long_sentence_still_finds_its_group():
    # one sentence of many clauses and quotations (no full stop): the case that was cubic
    unit = "“We will win,” they said, after officials and senators met Mr. Udall and Mr. Wyden, "
    quotes = find_quotes("Mark Udall and Ron Wyden spoke. " + unit * 40)
    assert len(quotes) == 40
    assert {q.speaker for q in quotes[1:]} == {"officials and senators"}
