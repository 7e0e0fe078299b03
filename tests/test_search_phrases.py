"""Phrases are matched by our position check (search._Phrase): the same articles, scores and
order as Whoosh's own Phrase matcher, for any words, slop and repeats."""

from __future__ import annotations

import random

import pytest
from whoosh import fields
from whoosh.analysis import SimpleAnalyzer
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from reader.index.search import _fast_phrases

WORDS = "said in a statement the minister told reporters".split()


@pytest.fixture(scope="module")
def searcher():
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(analyzer=SimpleAnalyzer(), phrase=True))
    ix = RamStorage().create_index(schema)
    rng = random.Random(5)
    writer = ix.writer()
    for n in range(300):
        writer.add_document(id=str(n), body=" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40))))
    writer.commit()
    with ix.searcher() as s:
        yield s


def _hits(searcher, q):
    return [(hit["id"], hit.score) for hit in searcher.search(q, limit=None)]


@pytest.mark.parametrize("slop", [1, 2, 4])
def test_phrases_match_as_whoosh_matches_them(searcher, slop):
    rng = random.Random(slop)
    checked = 0
    for _ in range(60):
        words = [rng.choice(WORDS) for _ in range(rng.randint(2, 4))]  # repeats included
        whoosh_phrase = wq.Phrase("body", words, slop=slop, boost=rng.choice([1.0, 2.0]))
        ours = _fast_phrases(whoosh_phrase)
        assert type(ours) is not wq.Phrase  # ours runs
        expected = _hits(searcher, whoosh_phrase)
        assert _hits(searcher, ours) == expected, (words, slop)
        checked += bool(expected)
    assert checked > 20  # most phrases match some articles: the comparison says something


def test_a_phrase_of_a_word_no_article_has_finds_nothing(searcher):
    assert _hits(searcher, _fast_phrases(wq.Phrase("body", ["said", "walrus"]))) == []
    assert _hits(searcher, _fast_phrases(wq.Phrase("nofield", ["said", "statement"]))) == []
