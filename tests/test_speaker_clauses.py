"""speaker_resolver's check that a name or a group opens a clause, by the token's index (it was a
search by position per name: a long sentence's speaking "they" was cubic in its length)."""

from __future__ import annotations

import pytest

from reader.analysis.quote_speakers import _tokens
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


def opens_clause_by_position(toks, pos):
    """The check as it was: the token found by its position first."""
    n = next((n for n, t in enumerate(toks) if t[1] == pos), None)
    if n is None:
        return False
    return _opens_clause(toks, n)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_token_opens_a_clause_by_index_as_by_its_position(sentence):
    offset = 7  # tokens of a sentence within a text: positions do not start at 0
    text = "x" * offset + sentence
    toks = _tokens(text, offset, len(text))
    index = _token_index(toks)
    assert [index[t[1]] for t in toks] == list(range(len(toks)))
    for n, token in enumerate(toks):
        assert _opens_clause(toks, n) == opens_clause_by_position(toks, token[1])


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
