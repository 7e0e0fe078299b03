"""Comparisons prepared ahead (Library.prepare_comparisons): the sentences a comparison reads
are encoded while the reader reads, so comparing then finds them all in the encoder's cache."""

from __future__ import annotations

import pytest

from conftest import FOX, MT, write
from reader.analysis import align, contextual
from reader.analysis.compare import compare, linker_texts
from reader.library import Library


@pytest.fixture
def encoded(monkeypatch):
    """The shipped encoder with an empty cache; the list of the texts it runs from now on."""
    model = contextual.encoder()
    model._cache.clear()
    calls: list[str] = []
    run = model._run
    monkeypatch.setattr(model, "_run", lambda texts, cancel=None: calls.extend(texts) or run(texts, cancel))
    yield calls
    model._cache.clear()  # other tests start from an empty cache, as before


@pytest.mark.parametrize("given_quotes", [True, False])
def test_linker_texts_are_what_compare_links(seed_library, monkeypatch, given_quotes):
    left, right = seed_library.article(FOX), seed_library.article(MT)
    left_quotes = seed_library.quotes(left) if given_quotes else None
    right_quotes = seed_library.quotes(right) if given_quotes else None
    linked = []
    link = align.link_sentences
    monkeypatch.setattr(
        align, "link_sentences", lambda lt, rt, *a, **k: linked.append((lt, rt)) or link(lt, rt, *a, **k)
    )
    compare(left, right, left_quotes, right_quotes)
    expected = (linker_texts(left, left_quotes), linker_texts(right, right_quotes))
    assert linked == [expected]
    assert any(text.endswith(")") and "(" in text for text in expected[0] + expected[1])  # speakers added


def test_a_comparison_after_preparing_encodes_nothing_new(seed_library, encoded):
    assert seed_library.prepare_comparisons(FOX) == [FOX, MT]
    assert encoded  # the preparation ran the encoder
    encoded.clear()
    seed_library.compare(seed_library.article(FOX), seed_library.article(MT))
    assert encoded == []  # every sentence found in the cache
    seed_library.compare(seed_library.article(MT), seed_library.article(FOX))
    assert encoded == []


def test_a_comparison_not_prepared_runs_the_encoder(seed_library, encoded):
    seed_library.compare(seed_library.article(FOX), seed_library.article(MT))
    assert len(encoded) > 20  # the control for the test above: cold, both sides are encoded


def test_an_article_without_another_outlets_version_prepares_nothing(tmp_path, encoded):
    root = tmp_path / "corpus"
    text = "The council approved the harbour railway on Monday. Work starts in May, the mayor said.\n"
    write(root / "a.md", f"---\ntitle: Harbour railway approved\noutlet: Harbour Gazette\n---\n{text}")
    write(root / "b.md", f"---\ntitle: Harbour railway approved again\noutlet: Harbour Gazette\n---\n{text}")
    library = Library([root], tmp_path / "index")
    try:
        assert [sorted(s.articles) for s in library.stories()] == [["a", "b"]]  # one story, one outlet
        assert library.prepare_comparisons("a") == []
        assert encoded == []
    finally:
        library.close()


def test_preparing_never_raises(seed_library, encoded, monkeypatch):
    assert seed_library.prepare_comparisons("no/such/article") == []
    real = seed_library.article

    def article(target):
        if target == MT:
            raise OSError("the file went away")
        return real(target)

    monkeypatch.setattr(seed_library, "article", article)
    assert seed_library.prepare_comparisons(FOX) == [FOX]  # the partner that fails is left out
    monkeypatch.setattr(contextual, "encoder", lambda: (_ for _ in ()).throw(RuntimeError("no model")))
    assert seed_library.prepare_comparisons(FOX) == []


def test_preparing_stops_when_cancelled(seed_library, encoded):
    assert seed_library.prepare_comparisons(FOX, cancel=lambda: True) == []
    assert encoded == []


def test_the_comparison_shown_first_is_the_one_compare_prints(seed_library, encoded):
    fox, mt = seed_library.article(FOX), seed_library.article(MT)
    cold = seed_library.compare(fox, mt).to_dict()
    contextual.encoder()._cache.clear()
    seed_library.prepare_comparisons(FOX)
    assert seed_library.compare(fox, mt).to_dict() == cold


def test_preparing_keeps_within_the_cache(seed_library, encoded, monkeypatch):
    fox_texts = linker_texts(seed_library.article(FOX), seed_library.quotes(seed_library.article(FOX)))
    # Room for the article's sentences only: its partner is left out, not pushed through the cache.
    monkeypatch.setattr(contextual, "CACHE_SENTENCES", len(set(fox_texts)) * 4 // 3 + 1)
    assert seed_library.prepare_comparisons(FOX) == [FOX]
    assert set(encoded) == set(fox_texts)
