"""A speaking "they" reads its own sentence from a stretch read once per sentence (_TheyStretch),
and a role phrase ("the governor") the titled names read once per role: the same answers as
reading the sentence, or the titled names, again for each speaker (which was quadratic in a long
sentence's length, or in the text's). A state's official ("the Florida senator") reads the state
tags once per title: its answers at every position, as a speaker found by attribution is named."""

from __future__ import annotations

import re

import pytest

from reader.analysis.quote_speakers import _tokens, _word
from reader.analysis.quotes import find_quotes
from reader.analysis.speaker_resolver import (
    _THEY_WORDS,
    SpeakerResolver,
    _TheyStretch,
)

SENTENCES = [
    "On Friday, Mr. Udall and Mr. Wyden released a statement, and they said “no,” and officials said so.",
    "State Senate President David Long and House Speaker Brian Bosma, both Republicans, held it, they said.",
    "Critics and supporters of the bill and members of the GOP caucus met; they said “fine,” and they left.",
    "After five past and present Missouri Republican senators and voters and lawmakers and critics urged Akin",
    "“We will win,” they said, after officials and senators met Mr. Udall and Mr. Wyden, “again,” they said",
    "Professors Foner and Alba and Mark Udall and Ron Wyden (and residents) — and their aides; they",
    "Members of the New York City Council said so, and critics and supporters of the Senate Armed Services committee met",
    "On Friday, critics and supporters and members and voters of the Council, they said; officials of the",
    "",
    "they",
    "and , and officials , and Mr. Udall and Mr. Wyden's staff and senators, both Democrats, said",
]


def _resolver(text: str) -> SpeakerResolver:
    regions = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”", text)]
    return SpeakerResolver(text, regions)


def _read_again(resolver: SpeakerResolver, lo: int, upper: int) -> tuple[set[str], bool]:
    """What _plural_antecedent read of text[lo:upper] per "they" before: the stretch again."""
    toks = [t for t in _tokens(resolver.text, lo, upper) if not resolver.inside_quote(t[1])]
    found = resolver._pair_antecedents(toks, lo, upper) + resolver._group_antecedents(toks)
    return {phrase for _, phrase in found}, any(_word(t[0]) in _THEY_WORDS for t in toks)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_stretch_read_once_answers_as_reading_it_again_at_every_position(sentence):
    text = "Mark Udall and Ron Wyden spoke. Brian Bosma and David Long met.\n" + sentence
    lo = text.index("\n") + 1
    again, once = _resolver(text), _resolver(text)  # each adds the persons it resolves
    stretch = _TheyStretch(once, lo, len(text))
    for upper in range(lo, len(text) + 1):
        read = stretch.read(once, upper)
        if read is None:  # only where a token runs over `upper`: the caller reads it again
            assert any(t[1] < upper < t[2] for t in _tokens(text, lo, len(text)))
            continue
        assert read == _read_again(again, lo, upper), (sentence, upper)


def test_a_stretch_past_its_end_is_not_read():
    text = "Officials met, they said."
    resolver = _resolver(text)
    assert _TheyStretch(resolver, 0, 10).read(resolver, 11) is None


def test_many_speaking_they_in_one_long_sentence_keep_their_group():
    unit = "“We will win,” they said, after officials and senators met Mr. Udall and Mr. Wyden, "
    quotes = find_quotes("Mark Udall and Ron Wyden spoke. " + unit * 60)
    assert len(quotes) == 60
    assert {q.speaker for q in quotes[1:]} == {"officials and senators"}


def test_a_pair_opening_the_clauses_of_a_long_sentence_is_the_speaking_they():
    unit = "and Mr. Udall and Mr. Wyden met the press, “We will win,” they said, "
    quotes = find_quotes("Mark Udall and Ron Wyden spoke. On Friday, " + unit * 30)
    assert len(quotes) == 30
    assert {q.speaker for q in quotes} == {"Mark Udall and Ron Wyden"}


def test_each_pair_before_many_speaking_they_is_resolved_once(monkeypatch):
    # Each "they" resolved every pair of names before it in its sentence again: quadratic in
    # the number of pairs (800 pairs: 16 s). The answers stay those of reading the sentence again.
    resolved = []
    real = SpeakerResolver._pairs_resolved

    def counted(self, pairs):
        resolved.extend(pairs)
        return real(self, pairs)

    monkeypatch.setattr(SpeakerResolver, "_pairs_resolved", counted)
    unit = "“We will win,” they said, and Mr. Udall and Mr. Wyden agreed, "
    quotes = find_quotes("Mark Udall and Ron Wyden spoke. " + unit * 40)
    assert [q.speaker for q in quotes] == ["Mark Udall and Ron Wyden"] * 40
    assert 40 <= len(resolved) <= 40 + 1  # one per pair (and the first sentence's, read by the first "they")


TAGGED = [
    "Florida Sen. Marco Rubio met Gov. Chris Christie of New Jersey. The Florida senator spoke. "
    "Later Sen. Bill Nelson (D-Fla.) came. The Florida senator left, and the New Jersey governor stayed.",
    "The Florida senator spoke first. Sen. Marco Rubio, R-Fla., arrived. The Florida senator left. "
    "“Sen. Bill Nelson of Florida” was quoted. Rep. Ann Kuster (D-N.H.) said the New Hampshire congresswoman left.",
    "Rubio spoke. Sen. Marco Rubio (R-Fla.) and Sen. Ted Cruz (R-Tex.) and Nelson met. The Texas senator left. The Florida senator too.",
]
STATE_PHRASES = [
    "the Florida senator",
    "the New Jersey governor",
    "the Texas senator",
    "the New Hampshire congresswoman",
]
# Speakers found by attribution, named from there on (add_person): the answers change after them.
ADDED = [("Ted Cruz", 6), ("Bill Nelson", 7)]
# (text, phrase, where, answer up to there, answer after): `where` is a word's first position,
# or an added person's. A phrase's answer at 0 is None, and any phrase without a row is None.
STATE_ANSWERS = [
    # Bill Nelson, added at 7, is the one Florida senator named; then Marco Rubio is named too.
    # "Later Sen. Bill Nelson (D-Fla.)": a word that is no state before the title leaves the tag read.
    (0, "the Florida senator", 7, None, "Bill Nelson"),
    (0, "the Florida senator", "Rubio", "Bill Nelson", ""),
    (0, "the New Jersey governor", "Christie", None, "Chris Christie"),
    (0, "the Texas senator", 7, None, ""),  # someone tagged with another state is named
    (1, "the Florida senator", "Rubio", None, "Marco Rubio"),  # "Sen. Bill Nelson of Florida" is quoted
    (1, "the Texas senator", "Rubio", None, ""),
    (1, "the New Hampshire congresswoman", "Kuster", None, "Ann Kuster"),  # "(D-N.H.)"
    (2, "the Florida senator", "Rubio", None, "Marco Rubio"),
    (2, "the Texas senator", "Rubio", None, ""),
    (2, "the Texas senator", 6, "", "Ted Cruz"),  # added at 6, tagged "(R-Tex.)" later
]


def _expected_official(text_index: int, phrase: str, pos: int) -> str | None:
    text, expected, last = TAGGED[text_index], None, None
    for i, row_phrase, where, before, after in STATE_ANSWERS:
        if i == text_index and row_phrase == phrase:
            assert before == last, (phrase, where)  # a phrase's rows follow on from one another
            if pos > (where if isinstance(where, int) else text.index(where)):
                expected = after
            last = after
    return expected


@pytest.mark.parametrize("text_index", range(len(TAGGED)))
def test_a_states_official_is_the_one_tagged_with_that_state_and_named_before(text_index):
    text = TAGGED[text_index]
    resolver = _resolver(text)
    for pos in range(len(text) + 1):
        for phrase in STATE_PHRASES:
            expected = _expected_official(text_index, phrase, pos)
            assert resolver._official_of_state(phrase.split(), pos) == expected, (phrase, pos)
        for name, added_at in ADDED:  # who is named first changes: the tags' summary is read again
            if pos == added_at:
                resolver.add_person(name, pos)


def test_many_descriptions_of_a_states_senator_name_the_senator():
    text = "Florida Sen. Marco Rubio and Gov. Chris Christie of New Jersey met. " + " ".join(
        f"“Point {i} is fine,” said the Florida senator. “No,” said the New Jersey governor." for i in range(40)
    )
    quotes = find_quotes(text)
    assert len(quotes) == 80
    assert {q.speaker for q in quotes[0::2]} == {"Marco Rubio"}
    assert {q.speaker for q in quotes[1::2]} == {"Chris Christie"}


def _titled_person_before(resolver: SpeakerResolver, role: str, former: bool, pos: int) -> str | None:
    """_titled_person's choice as it was, the titled names read again for each role phrase:
    the name as written, or None."""
    found = [t for t in resolver._titled_persons() if t[0] < pos and role in t[1]]
    same_time = [t for t in found if t[2] == former]
    found = same_time or found
    if len({t[4] for t in found}) != 1:
        return None
    return max(found, key=lambda t: (len(t[3].split()), t[0]))[3]


TITLED = [
    "Gov. Rick Scott met Florida Gov. Rick Scott's aides. President Obama and former President Bill Clinton spoke, "
    "then President Barack Obama. Gov. Chris Christie came. Former Gov. Chris Christie left. Rep. Bob Etheridge stayed.",
    "President Obama spoke. President Barack Obama spoke. President Obama spoke. “Gov. Rick Scott” was quoted.",
]


@pytest.mark.parametrize("text", TITLED)
def test_a_titled_person_is_found_as_by_reading_the_titled_names_again(text):
    resolver = _resolver(text)
    roles = {role for t in resolver._titled_persons() for role in t[1]} | {"mayor"}
    assert {"governor", "president"} <= roles
    for pos in range(len(text) + 1):
        for role in roles:
            for former in (False, True):
                expected = _titled_person_before(resolver, role, former, pos)
                assert resolver._titled_with(role).phrase_before(pos, former) == expected, (role, former, pos)
    heads = {r.split()[-1] for t in resolver._titled_persons() for r in t[1]}
    assert resolver._titled_heads() == heads


def test_many_role_phrases_name_the_one_titled_so():
    text = "Gov. Chris Christie spoke. Former President Bill Clinton spoke. " + " ".join(
        f"“Point {i},” said the governor. “More,” said the former president." for i in range(30)
    )
    quotes = find_quotes(text)
    assert {q.speaker for q in quotes[0::2]} == {"Chris Christie"}
    assert {q.speaker for q in quotes[1::2]} == {"Bill Clinton"}
