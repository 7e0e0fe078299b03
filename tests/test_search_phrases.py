"""Phrases are matched by our position check (search._Phrase): the same articles, scores and
order as Whoosh's own Phrase matcher, for any words, slop and repeats, and whole searches the
same with it as with Whoosh's (phrases in a field, with boosts, beside words, wildcards and fuzzy
words, in AND, OR and NOT, on an index of two segments)."""

from __future__ import annotations

import random

import pytest
from search_corpus import indexed
from whoosh import fields
from whoosh.analysis import SimpleAnalyzer
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from reader.index import search
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
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 4))]  # one word, repeats included
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


# -- through the whole search: every query form, on a reader index -------------------------------

_VOCAB = (
    "said in a statement the minister told reporters government officials president of and to "
    "re-election e-mail new-york running runs Peña US budget talks peace 東京-大阪 東京 大阪 会議 "
    "開催 北京上海-東京大阪 서울-부산 회담 東京大阪 哈哈-哈哈"
).split()


def _text(rng: random.Random, count: int) -> str:
    words = [rng.choice(_VOCAB) for _ in range(count)]
    if rng.random() < 0.3:  # a quotation, its speaker named (the quote and speaker fields)
        words += ["“" + " ".join(rng.choice(_VOCAB[:20]) for _ in range(8)) + ",”", "said", "Ann", "Lee."]
    return " ".join(words)


@pytest.fixture(scope="module")
def reader_index(tmp_path_factory):
    rng = random.Random(52)
    articles = {f"o{n % 4}/a{n}": (_text(rng, rng.randint(1, 6)), _text(rng, rng.randint(1, 60))) for n in range(120)}
    base = tmp_path_factory.mktemp("phrases")
    first = dict(list(articles.items())[:60])
    indexed(base, first).close()  # two updates: phrases matched across segments
    index = indexed(base, articles)
    yield index, list(articles.values())
    index.close()


def _random_query(rng: random.Random, texts) -> str:
    def phrase():
        title, body = rng.choice(texts)
        words = (title if rng.random() < 0.3 else body).replace("“", " ").replace(",”", " ").split()
        size = rng.choice([1, 2, 2, 3, 4])
        at = rng.randrange(max(1, len(words) - size + 1))
        chosen = words[at : at + size]
        if rng.random() < 0.2:
            chosen.append(chosen[-1])  # a word repeated
        if rng.random() < 0.2 and len(chosen) > 1:
            chosen[0] = rng.choice(_VOCAB)  # a phrase that may not be there
        text = '"' + " ".join(chosen) + '"'
        text += rng.choice(["", "", "~2", "~4", "^2"])
        return rng.choice(["", "", "title:", "body:", "quote:"]) + text

    def word():
        word = rng.choice(_VOCAB[:24])
        return rng.choice([word, word[:3] + "*" if len(word) > 3 else word, word + "~", "title:" + word])

    parts = [phrase()] + [
        rng.choice(["", "AND ", "OR ", "NOT ", "-"]) + (phrase() if rng.random() < 0.5 else word())
        for _ in range(rng.choice([0, 1, 2]))
    ]
    rng.shuffle(parts)
    return " ".join(parts).lstrip("-").removeprefix("AND ").removeprefix("OR ")


def test_searches_with_phrases_answer_as_with_whoosh_s_matcher(reader_index, monkeypatch):
    index, texts = reader_index
    rng = random.Random(4)

    def answer(query, fast):
        monkeypatch.setattr(search, "_fast_phrases", _fast_phrases if fast else (lambda node: node))
        found = index.search(query, limit=None)
        return found.error, found.total, [(hit.id, hit.score, hit.snippets) for hit in found.hits]

    matched = 0
    for _ in range(150):
        query = _random_query(rng, texts)
        expected = answer(query, False)
        assert answer(query, True) == expected, query
        matched += bool(expected[1])
    assert matched > 60


def test_a_star_inside_quotation_marks_is_said_to_be_no_wildcard(tmp_path):
    # `"presiden* obama"` found nothing and said nothing: a phrase reads its words' letters only.
    index = indexed(tmp_path, {"a/obama": ("Visit", "President Obama spoke. The tax cuts passed.")})
    try:
        result = index.search('"presiden* obama"')
        assert not result.hits and result.notes == [
            "a * inside quotation marks is no wildcard: presiden* is searched as the word presiden"
            " (outside the quotes it is one)"
        ]
        assert index.search('"tax cut*"').hits and "cut*" in " ".join(index.search('"tax cut*"').notes)
        for query in ('presiden* "obama"', '"obama" presiden*', '\\"presiden*\\" obama', "presiden* obama"):
            result = index.search(query)
            assert not any("no wildcard" in note for note in result.notes), query
    finally:
        index.close()
