"""A phrase's words are highlighted where the phrase stands, not wherever each word is: in the
snippets (CLI, the app's results) and in the open article (match_ranges), a plain word of the
same query still everywhere."""

from __future__ import annotations

import json
import random

import pytest
from conftest import run_main
from search_corpus import indexed

from reader.index import textproc

BODY = (
    "Leaders met to discuss climate change on Monday. Change came slowly, the minister said. "
    "The climate was tense. Critics of climate-change policy spoke later."
)
CJK_BODY = "東京大阪の新幹線。大阪は晴れ。東京 大阪 間の移動。"

ARTICLES = {"daily/climate": ("Summit ends", BODY), "daily/trains": ("新幹線", CJK_BODY)}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return tmp_path_factory.mktemp("phrases")


@pytest.fixture(scope="module")
def index(base):
    ix = indexed(base, ARTICLES)
    yield ix
    ix.close()


def _words(text: str, ranges) -> list[str]:
    return [text[a:b] for a, b in ranges]


def _snippet_words(hit) -> list[str]:
    return [w for s in hit.snippets for w in _words(s.text, s.matches)]


def test_a_phrase_highlights_its_words_where_it_stands_only(index):
    [hit] = index.search('"climate change"').hits
    # The phrase twice (the hyphenated one too, its words), never the lone "Change" nor the lone "climate".
    assert _snippet_words(hit) == ["climate", "change", "climate", "change"]
    ranges = index.match_ranges("daily/climate", '"climate change"')
    assert _words(BODY, ranges) == ["climate", "change", "climate", "change"]


def test_a_plain_word_is_still_highlighted_everywhere(index):
    ranges = index.match_ranges("daily/climate", "climate change")
    assert _words(BODY, ranges) == ["climate", "change", "Change", "climate", "climate", "change"]


def test_in_a_mixed_query_plain_words_are_everywhere_and_phrase_words_in_their_phrase(index):
    ranges = index.match_ranges("daily/climate", '"climate change" minister')
    assert _words(BODY, ranges) == ["climate", "change", "minister", "climate", "change"]
    # The same word plain too: everywhere.
    ranges = index.match_ranges("daily/climate", '"discuss climate" OR change')
    assert _words(BODY, ranges) == ["discuss", "climate", "change", "Change", "change"]
    # A phrase under NOT is not highlighted at all.
    ranges = index.match_ranges("daily/climate", 'minister NOT "climate tense"')
    assert _words(BODY, ranges) == ["minister"]


def test_a_sloppy_phrase_highlights_its_words_within_the_slop(index):
    # "The climate was tense": two positions from climate to tense; "on" between change and
    # Monday is a stop word, not counted.
    assert _words(BODY, index.match_ranges("daily/climate", '"climate tense"')) == []
    assert _words(BODY, index.match_ranges("daily/climate", '"climate tense"~2')) == ["climate", "tense"]
    assert _words(BODY, index.match_ranges("daily/climate", '"change monday"')) == ["change", "Monday"]


def test_cjk_phrases_and_words_are_highlighted_where_they_stand(index):
    # 大阪 alone (大阪は晴れ) is no part of the phrase; its words closed up (東京大阪) and apart are.
    ranges = index.match_ranges("daily/trains", '"東京 大阪"')
    assert _words(CJK_BODY, ranges) == ["東京", "大阪", "東京", "大阪"]
    # A hyphen the query writes is highlighted across (東京大阪 whole); 東京-大阪 also searches
    # its parts as words, highlighted everywhere.
    assert _words(CJK_BODY, index.match_ranges("daily/trains", '"東京-大阪"')) == ["東京大阪", "東京", "大阪"]
    assert _words(CJK_BODY, index.match_ranges("daily/trains", "東京-大阪")) == ["東京大阪", "大阪", "東京", "大阪"]
    # A CJK word of three characters or more is a phrase of its pairs: found as written only.
    assert _words(CJK_BODY, index.match_ranges("daily/trains", "大阪間")) == []
    assert _words(CJK_BODY, index.match_ranges("daily/trains", "新幹線")) == ["新幹線"]


def test_the_cli_snippets_highlight_the_phrase_only(index, base, capsys, tmp_path):
    argv = ["--corpus", str(base / "corpus"), "--index", str(tmp_path / "ix")]
    code, out, _ = run_main(capsys, *argv, "search", '"climate change"', "--json")
    assert code == 0
    [hit] = json.loads(out)
    words = [s["text"][a:b] for s in hit["snippets"] for a, b in s["matches"]]
    assert words == ["climate", "change", "climate", "change"]


def test_term_spans_are_the_positions_the_index_holds():
    rng = random.Random(3)
    pieces = [
        "the", "climate", "change", "of", "US", "U.S.", "e-mail", "re-election", "co-op", "東京", "大阪",
        "東京大阪", "と", "budget's", "Straße", "naïve", ",", ".", "state-of-the-art", "O'Reilly", "新幹線",
        # Hostile: markup, bidi and invisible characters, an escape sequence.
        "[bold]climate", "change[/bold]", "\u202eclimate", "\u2067change\u2069", "cli\u00admate", "climate\u200b",
        "\x1b[31mclimate", "[/]",
    ]  # fmt: skip
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        for language in (None, "de"):
            expected, _ = textproc.term_positions(text, language)
            got: dict[str, list[int]] = {}
            for term, pos, begin, end in textproc.term_spans(text, language):
                got.setdefault(term, []).append(pos)
                assert 0 <= begin < end <= len(text)
            assert got == expected, text


@pytest.mark.parametrize("slop", [1, 2, 3])
def test_phrase_ranges_find_a_phrase_where_the_index_finds_it(slop):
    """On random text, a phrase has ranges in an article exactly when its positions (the
    index's) hold it, and the ranges are words of the phrase."""
    rng = random.Random(slop)
    kept = "said statement minister told reporters".split()
    # Stop words (no position of their own), other words (read between runs of the phrase's).
    vocabulary = kept + "in a the".split() + "budget vote council walrus".split()
    checked = 0
    for _ in range(400):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 60)))
        words = [rng.choice(kept) for _ in range(rng.randint(2, 3))]
        terms = [textproc.analyse(w) for w in words]
        if None in terms:
            continue
        positions, _ = textproc.term_positions(text)
        starts = set(positions.get(terms[0], []))
        ends = starts and {(p, p) for p in starts}
        for term in terms[1:]:
            following = positions.get(term, [])
            ends = {(s, q) for s, p in ends for q in following if p < q <= p + slop}
        found = textproc.phrase_ranges(text, [(tuple(terms), None, slop)])
        assert bool(found) == bool(ends), (text, words)
        assert all(textproc.analyse(text[a:b].lower()) in terms for a, b in found)
        checked += bool(ends)
    assert checked > 30


def test_phrase_ranges_read_from_the_start_until_they_have_the_first_ones():
    text = "The council met. " + "climate change and more. " * 50_000 + "The end."
    phrase = [(("climat", "chang"), None, 1)]
    first = textproc.phrase_ranges(text, phrase, limit=7)
    assert _words(text, first) == ["climate", "change"] * 3 + ["climate"]
    assert first == textproc.phrase_ranges(text[:2000], phrase)[:7]


def _read_by_term_spans(monkeypatch) -> list[int]:
    """The lengths of the texts term_spans is given from now on."""
    lengths: list[int] = []
    real = textproc.term_spans

    def spy(text, language=None):
        lengths.append(len(text))
        return real(text, language)

    monkeypatch.setattr(textproc, "term_spans", spy)
    return lengths


def test_phrase_ranges_stop_reading_when_the_phrase_runs_on_and_on(monkeypatch):
    # One run of the phrase's words from start to end: the first ones are sure long before it
    # ends (the whole text was read, and read again in ever longer pieces).
    text = "climate change " * 40_000
    lengths = _read_by_term_spans(monkeypatch)
    first = textproc.phrase_ranges(text, [(("climat", "chang"), None, 1)], limit=5)
    assert _words(text, first) == ["climate", "change"] * 2 + ["climate"]
    assert sum(lengths) < len(text) // 4


def test_a_phrase_with_a_word_the_text_lacks_reads_no_run(monkeypatch):
    text = "climate budget " * 10_000
    lengths = _read_by_term_spans(monkeypatch)
    assert textproc.phrase_ranges(text, [(("climat", "chang"), None, 1)], limit=5) == []
    assert lengths == []


@pytest.mark.parametrize("slop", [1, 3])
def test_the_first_ranges_are_those_of_the_whole_text(slop):
    """Read piece by piece until the first `limit` are found, they are the whole text's first:
    a phrase across the end of a piece is found whole, none is cut in two."""
    rng = random.Random(slop)
    vocabulary = "climate change the of budget vote US council".split()
    phrase = [(("climat", "chang", "budget"), None, slop)]
    for _ in range(6):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(3_000, 12_000)))
        whole = textproc.phrase_ranges(text, phrase)
        for limit in (1, 50, 400):
            assert textproc.phrase_ranges(text, phrase, limit=limit) == whole[:limit]
