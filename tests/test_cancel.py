"""Stopping a comparison part-way (reader.analysis.cancel): Cancelled at the next check, and
nothing half-kept (whole sentence encodings only; no comparison kept by the Library)."""

from __future__ import annotations

import itertools
import threading

import numpy as np
import pytest

from reader.analysis import contextual
from reader.analysis.cancel import Cancelled
from reader.analysis.compare import compare
from reader.analysis.contextual import Encoder, encoder
from reader.analysis.prepare import prepare_articles
from reader.analysis.vector_cache import VectorCache


def stop_at(n: int):
    """A cancel() that says stop from its n-th question on (asked from several threads)."""
    asked = itertools.count()
    lock = threading.Lock()

    def cancel() -> bool:
        with lock:
            return next(asked) >= n

    return cancel


def counting():
    """A cancel() that never stops, and how often it was asked."""
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return False

    return cancel, asked


def same_encoding(a, b) -> bool:
    (ids, vectors, clauses), other = a, b
    return (
        np.array_equal(ids, other.ids)
        and np.array_equal(vectors, other.vectors)
        and (clauses is None) == (other.clauses is None)
        and (clauses is None or np.array_equal(clauses, other.clauses))
    )


TEXTS = [f"Council member {k} voted against the budget of {k + 3} million dollars on Tuesday." for k in range(24)]


def test_an_encoding_cancelled_part_way_keeps_whole_sentences_only_and_goes_on_from_there(tmp_path, monkeypatch):
    model = Encoder(contextual.MODEL_PATH, encoder().tokenizer, threads=2)
    model.disk = VectorCache(tmp_path, model.digest())
    with pytest.raises(Cancelled):
        model.encode(TEXTS, cancel=stop_at(8))
    kept = model.disk.get_many(TEXTS)
    assert 0 < len(kept) < len(TEXTS)  # stopped part-way
    reference = Encoder(contextual.MODEL_PATH, encoder().tokenizer, threads=1)  # no disk, no cancel
    for text, arrays in kept.items():
        assert same_encoding(arrays, reference.encode([text])[0])  # each entry whole, bit for bit
    encoded: list[str] = []
    run = model._run
    monkeypatch.setattr(model, "_run", lambda texts, cancel=None: encoded.extend(texts) or run(texts, cancel))
    again = model.encode(TEXTS)
    assert sorted(encoded) == sorted(set(TEXTS) - set(kept))  # only the rest is encoded
    for text, found in zip(TEXTS, again):
        expected = reference.encode([text])[0]
        assert same_encoding((found.ids, found.vectors, found.clauses), expected)


def test_a_store_cancelled_part_way_keeps_whole_sentences_only(tmp_path):
    model = Encoder(contextual.MODEL_PATH, encoder().tokenizer, threads=2)
    model.disk = VectorCache(tmp_path, model.digest())
    with pytest.raises(Cancelled):
        model.store(TEXTS, cancel=stop_at(5))
    kept = model.disk.get_many(TEXTS)
    assert len(kept) < len(TEXTS)
    reference = Encoder(contextual.MODEL_PATH, encoder().tokenizer, threads=1)
    for text, arrays in kept.items():
        assert same_encoding(arrays, reference.encode([text])[0])
    assert model.store(TEXTS) == (sum(model.disk.present(TEXTS).values()), len(TEXTS) - len(kept))


def test_a_comparison_cancelled_at_any_check_raises_and_the_next_one_is_the_same(seed_library):
    left, right = (seed_library.article(info.id) for info in seed_library.articles()[:2])
    quotes = seed_library.quotes(left), seed_library.quotes(right)
    encoder()._cache.clear()  # the encoder's checks too, as in a comparison never made before
    cancel, asked = counting()
    expected = compare(left, right, *quotes, cancel=cancel).to_dict()
    assert expected == compare(left, right, *quotes).to_dict()  # asking changes nothing
    checks = len(asked)
    assert checks > 20  # between stages, a sentence encoded, a block of rows
    for n in sorted({0, 1, checks // 3, checks // 2, checks - 1}):
        encoder()._cache.clear()
        with pytest.raises(Cancelled):
            compare(left, right, *quotes, cancel=stop_at(n))
        assert compare(left, right, *quotes).to_dict() == expected


def test_the_library_keeps_no_cancelled_comparison(seed_library, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "user-cache"))
    left, right = (seed_library.article(info.id) for info in seed_library.articles()[:2])
    try:
        encoder()._cache.clear()
        cancel, asked = counting()
        expected = compare(left, right, seed_library.quotes(left), seed_library.quotes(right), cancel=cancel)
        encoder()._cache.clear()
        with pytest.raises(Cancelled):
            seed_library.compare(left, right, cancel=stop_at(len(asked) // 2))
        assert seed_library._comparisons == {} and seed_library._comparisons_made == {}
        disk = encoder().disk
        assert disk is not None and disk.broken is None
        assert seed_library.compare(left, right).to_dict() == expected.to_dict()
    finally:
        contextual.keep_on_disk(None)


def test_a_comparison_waiting_for_the_same_one_under_way_can_be_cancelled(seed_library):
    left, right = (seed_library.article(info.id) for info in seed_library.articles()[:2])
    key = tuple((a.id, a.outlet, a.title, a.date, a.text) for a in (left, right))
    seed_library._comparisons_made[key] = threading.Event()  # as if another thread made it now
    with pytest.raises(Cancelled):
        seed_library.compare(left, right, cancel=lambda: True)
    assert seed_library._comparisons == {}


def test_a_preparing_pass_cancelled_inside_an_article_stops_without_counting_it_failed():
    def prepare_one(article_id: str):
        if article_id == "b":
            raise Cancelled()
        return 10, 1

    report = prepare_articles(["a", "b", "c"], prepare_one, budget=1000)
    assert report.stopped and report.ready == 1 and report.failed == 0 and report.left == 2


@pytest.mark.parametrize("left_rows", [1, 2, 17, 64, 300, 1024])
def test_a_long_product_is_asked_between_parts_and_is_the_same_to_the_bit(monkeypatch, left_rows):
    # One block's product against a long right side took 0.2-2 s between two checks; its parts
    # must give the very same similarities (the links are fitted on them).
    monkeypatch.setattr(contextual, "PRODUCT_BUDGET", 1 << 24)  # the same path, on a test's sizes
    rng = np.random.default_rng(left_rows)
    a = rng.standard_normal((left_rows, 384)).astype(np.float32)
    for right_rows in (1, 63, 200, 1000, 3001):
        b = rng.standard_normal((right_rows, 384)).astype(np.float32)
        cancel, asked = counting()
        assert np.array_equal(contextual._product(a, b, cancel), a @ b.T)
        # asked between parts when it is made in parts
        parted = right_rows * a.size > contextual.PRODUCT_BUDGET and right_rows >= 2 * contextual.PRODUCT_ROWS
        assert bool(asked) == parted
    big = rng.standard_normal((4000, 384)).astype(np.float32)
    if len(a) * big.size > contextual.PRODUCT_BUDGET:
        with pytest.raises(Cancelled):
            contextual._product(a, big, stop_at(0))


def test_quotations_of_a_long_text_are_asked_between_candidates_and_stay_the_same():
    # A 1.3 MB file outside the corpus: its quotations (seconds) were found before any check.
    from reader.analysis.quotes import find_quotes

    text = "\n\n".join(
        f'"We voted against the budget number {k}," council member Ann Lee {k} said on Tuesday. '
        f'The vote was {k} to 3, and the "budget" of {k} million passed.'
        for k in range(150)
    )
    cancel, asked = counting()
    found = find_quotes(text, cancel=cancel)
    assert found == find_quotes(text) and len(found) >= 150
    assert len(asked) >= 300  # a check per candidate quotation, and a few more
    for n in (0, 1, len(asked) // 2, len(asked) - 1):
        with pytest.raises(Cancelled):
            find_quotes(text, cancel=stop_at(n))


def test_a_comparison_of_files_outside_the_corpus_stops_while_their_quotations_are_found(seed_library, tmp_path):
    from reader.corpus.model import Article

    left, right = (seed_library.article(info.id) for info in seed_library.articles()[:2])
    outside = [
        Article(id=str(tmp_path / f"{a.id}.txt"), path=tmp_path / f"{a.id}.txt", text=a.text) for a in (left, right)
    ]
    cancel, asked = counting()
    quotes = seed_library.quotes(outside[0], cancel)
    assert quotes == seed_library.quotes(left) and len(asked) > len(quotes)
    with pytest.raises(Cancelled):
        seed_library.compare(*outside, cancel=stop_at(1))  # the first check is among the quotations


def test_a_product_written_over_the_last_ones_memory_is_the_same_to_the_bit(monkeypatch):
    # A fresh 70 MB product had every page zeroed by the kernel in its first part (0.05-0.4 s
    # before the first check): a block's product reuses the last one's memory, and new memory is
    # written a band at a time with a check between.
    monkeypatch.setattr(contextual, "PRODUCT_BUDGET", 1 << 20)
    monkeypatch.setattr(contextual, "TOUCH_BYTES", 1 << 12)
    rng = np.random.default_rng(7)
    b = rng.standard_normal((700, 384)).astype(np.float32)
    first, second = (rng.standard_normal((rows, 384)).astype(np.float32) for rows in (40, 25))
    cancel, asked = counting()
    made = contextual._product(first, b, cancel)
    assert np.array_equal(made, first @ b.T)
    bands = len(asked)
    assert bands >= 40 * 700 * 4 // (1 << 12)  # the fresh memory's bands, then the product's parts
    again = contextual._product(second, b, cancel, made)
    assert np.array_equal(again, second @ b.T) and np.shares_memory(again, made)
    with pytest.raises(Cancelled):
        contextual._touched((40, 700), np.dtype(np.float32), stop_at(3))


def test_the_best_in_each_group_of_columns_is_taken_a_band_of_rows_at_a_time(monkeypatch):
    monkeypatch.setattr(contextual, "TOUCH_BYTES", 1 << 12)
    rng = np.random.default_rng(3)
    matrix = rng.standard_normal((100, 500)).astype(np.float32)
    starts = np.array([0, 3, 3, 90, 250, 499])
    cancel, asked = counting()
    assert np.array_equal(
        contextual._max_of_columns(matrix, starts, cancel), np.maximum.reduceat(matrix, starts, axis=1)
    )
    assert len(asked) >= 100 * 500 * 4 // (1 << 12)
    vectors = [rng.standard_normal((k, 384)).astype(np.float16) for k in (1, 7, 30)]
    assert np.array_equal(contextual._stacked(vectors, None), np.vstack(vectors).astype(np.float32))


def test_the_findings_after_the_links_are_cancelled_between_them(seed_library, monkeypatch):
    # Shared quotations, figures, framing and headlines (~0.3 s of CPU on two long articles)
    # ran one after another without a check: Escape waited for all of them.
    from reader.analysis import compare as compare_module

    left, right = (seed_library.article(info.id) for info in seed_library.articles()[:2])
    quotes = seed_library.quotes(left), seed_library.quotes(right)
    stop = threading.Event()
    reached: list[str] = []
    shared = compare_module.shared_quotes
    framing = compare_module.find_framing

    def shared_then_stop(*args, **options):
        reached.append("shared quotes")
        found = shared(*args, **options)
        stop.set()  # Escape while the quotations are matched
        return found

    monkeypatch.setattr(compare_module, "shared_quotes", shared_then_stop)
    monkeypatch.setattr(compare_module, "find_framing", lambda *a, **k: reached.append("framing") or framing(*a, **k))
    with pytest.raises(Cancelled):
        compare(left, right, *quotes, cancel=stop.is_set)
    assert reached == ["shared quotes"]


def test_shared_quotations_are_asked_at_each_left_quotation():
    from reader.analysis.quote_matching import shared_quotes
    from reader.analysis.quotes import Quote

    lefts = [Quote(f"we will cut the budget number {k} this year", 0, 10, "Ann Lee") for k in range(30)]
    rights = [Quote(f"we will cut the budget number {k} this year", 0, 10, "Ann Lee") for k in range(30)]
    cancel, asked = counting()
    assert shared_quotes(lefts, rights, [], [], [], cancel=cancel) == shared_quotes(lefts, rights, [], [], [])
    assert len(asked) >= 30
    with pytest.raises(Cancelled):
        shared_quotes(lefts, rights, [], [], [], cancel=stop_at(10))
