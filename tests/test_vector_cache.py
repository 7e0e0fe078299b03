"""Sentence encodings kept on disk between runs (reader/analysis/vector_cache.py)."""

import importlib.metadata
import sqlite3

import numpy as np
import pytest

from reader.analysis import contextual
from reader.analysis.compare import linker_texts
from reader.analysis.contextual import Encoder, encoder
from reader.analysis.vector_cache import OLDEST_FIRST, TOTAL_SIZE, USE_INDEX, VectorCache


def arrays(seed: int, pieces: int = 5, clauses: bool = True):
    rng = np.random.default_rng(seed)
    ids = rng.integers(1000, 2000, pieces).astype(np.int64)
    vectors = rng.standard_normal((pieces, 384)).astype(np.float16)
    return ids, vectors, (np.array([0, 2], np.int64) if clauses else None)


def same(a, b) -> bool:
    return all(
        (x is None and y is None) or (x is not None and y is not None and x.dtype == y.dtype and np.array_equal(x, y))
        for x, y in zip(a, b)
    )


def test_what_one_run_keeps_the_next_finds_exactly(tmp_path):
    first = VectorCache(tmp_path, "model-a")
    first.put_many([("One sentence.", arrays(1)), ("Another, without clauses.", arrays(2, clauses=False))])
    first.close()
    first.put_many([("Kept after closing.", arrays(3))])  # closed for good: nothing reopens it
    assert first.get_many(["One sentence."]) == {}
    found = VectorCache(tmp_path, "model-a").get_many(
        ["One sentence.", "Never kept.", "Another, without clauses.", "Kept after closing."]
    )
    assert set(found) == {"One sentence.", "Another, without clauses."}
    assert same(found["One sentence."], arrays(1))
    assert same(found["Another, without clauses."], arrays(2, clauses=False))


def test_a_sentence_without_kept_pieces_round_trips_too(tmp_path):
    empty = (np.zeros(0, np.int64), np.zeros((0, 384), np.float16), None)
    cache = VectorCache(tmp_path, "m")
    cache.put_many([("…", empty)])
    assert same(cache.get_many(["…"])["…"], empty)
    assert cache.broken is None


def test_stored_bytes_that_do_not_fit_together_turn_the_cache_off(tmp_path):
    cache = VectorCache(tmp_path, "m")
    cache.put_many([("A sentence.", arrays(1))])
    cache.close()
    db = sqlite3.connect(tmp_path / "sentences-m.sqlite")
    db.execute("UPDATE sentences SET vectors = ?", (b"\x00" * 7,))
    db.commit()
    db.close()
    assert cache.get_many(["A sentence."]) == {}
    assert cache.broken is not None


def test_another_model_never_reads_these_vectors_and_its_old_files_go(tmp_path):
    VectorCache(tmp_path, "old-model").put_many([("A sentence.", arrays(1))])
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("the user's")
    new = VectorCache(tmp_path, "new-model")
    assert new.get_many(["A sentence."]) == {}
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite") == ["sentences-new-model.sqlite"]
    assert unrelated.read_text() == "the user's"


def test_past_its_size_the_least_recently_used_sentences_go(tmp_path):
    one = sum(len(x.tobytes()) for x in arrays(0))
    cache = VectorCache(tmp_path, "m", max_bytes=int(one * 3.5))  # room for three
    cache.put_many([("s1", arrays(1)), ("s2", arrays(2)), ("s3", arrays(3))])
    assert set(cache.get_many(["s1"])) == {"s1"}  # s1 used again: s2 is now the oldest
    cache.put_many([("s4", arrays(4))])
    assert set(cache.get_many(["s1", "s2", "s3", "s4"])) == {"s1", "s3", "s4"}


def test_a_damaged_file_turns_the_cache_off_and_comparing_goes_on(tmp_path):
    (tmp_path / "sentences-m.sqlite").write_bytes(b"not a database at all" * 100)
    cache = VectorCache(tmp_path, "m")
    assert cache.get_many(["A sentence."]) == {}
    cache.put_many([("A sentence.", arrays(1))])
    assert cache.broken and "sentences-m.sqlite" in cache.broken
    model = Encoder(contextual.MODEL_PATH, encoder().tokenizer, threads=1)
    model.disk = cache
    (sentence,) = model.encode(["Trump delayed the steel tariffs."])
    assert np.array_equal(sentence.vectors, encoder().encode(["Trump delayed the steel tariffs."])[0].vectors)


def test_a_new_process_reads_its_sentences_from_disk_without_the_model(tmp_path, monkeypatch):
    texts = ["Trump delayed the steel tariffs until June 1.", "The Kremlin called the talks productive."]
    first = Encoder(contextual.MODEL_PATH, encoder().tokenizer, threads=1)
    first.disk = VectorCache(tmp_path, first.digest())
    encoded = first.encode(texts)
    first.disk.close()

    later = Encoder(contextual.MODEL_PATH, encoder().tokenizer, threads=1)
    later.disk = VectorCache(tmp_path, later.digest())

    def no_model(text):
        raise AssertionError(f"encoded again: {text}")

    monkeypatch.setattr(later, "_encode_one", no_model)
    again = later.encode(texts)
    assert later._session is None  # ONNX Runtime never loaded: ~0.2 s saved a `reader compare`
    for a, b in zip(encoded, again):
        assert same((a.ids, a.vectors, a.clauses), (b.ids, b.vectors, b.clauses))
    with pytest.raises(AssertionError, match="encoded again"):
        later.encode(["A sentence never seen."])


def test_vectors_of_another_onnx_runtime_release_are_never_read(tmp_path, monkeypatch):
    """The cache was named by the model alone: after an upgrade of ONNX Runtime (releases before 1.30
    computed the vectors up to 0.026 apart), the old release's vectors were read beside the new
    one's, and a comparison mixed the two."""
    texts = ["Trump delayed the steel tariffs until June 1."]
    monkeypatch.setattr(contextual, "_runtime_version", lambda: "1.30.0")
    first = Encoder(contextual.MODEL_PATH, encoder().tokenizer, threads=1)
    first.disk = VectorCache(tmp_path, first.digest())
    first.encode(texts)
    first.disk.close()

    monkeypatch.setattr(contextual, "_runtime_version", lambda: "1.31.0")
    upgraded = Encoder(contextual.MODEL_PATH, encoder().tokenizer, threads=1)
    assert upgraded.digest() != first.digest()
    upgraded.disk = VectorCache(tmp_path, upgraded.digest())
    assert upgraded.disk.get_many(texts) == {}  # encoded afresh by the release that runs
    upgraded.disk.close()
    monkeypatch.undo()
    assert contextual._runtime_version() == importlib.metadata.version("onnxruntime")


def test_the_library_keeps_sentences_in_the_user_cache_dir(seed_library, tmp_path, monkeypatch):
    cache_dir = tmp_path / "user-cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache_dir))
    left, right = (seed_library.article(info.id) for info in seed_library.articles()[:2])
    encoder()._cache.clear()  # as in a new process: earlier tests may have encoded the seeds
    try:
        seed_library.compare(left, right)
        (kept,) = (cache_dir / "sentences").glob("sentences-*.sqlite")
        assert kept.stat().st_size > 0
        texts = linker_texts(left, seed_library.quotes(left)) + linker_texts(right, seed_library.quotes(right))
        disk = encoder().disk
        assert disk is not None and set(disk.get_many(texts)) == set(texts)
    finally:
        contextual.keep_on_disk(None)
    assert encoder().disk is None


def test_two_processes_share_one_file(tmp_path):
    # Two connections to one file, as two `reader compare` at once: each sees what the other wrote.
    one, other = VectorCache(tmp_path, "m"), VectorCache(tmp_path, "m")
    one.put_many([("From the first.", arrays(1))])
    other.put_many([("From the second.", arrays(2))])
    assert set(one.get_many(["From the first.", "From the second."])) == {"From the first.", "From the second."}
    assert set(other.get_many(["From the first."])) == {"From the first."}
    assert one.broken is None and other.broken is None


def test_a_cache_that_goes_off_logs_nothing_and_gives_its_reason_once(tmp_path, caplog):
    """The cache never prints (a bare "sentence cache off for this run" logging line came out
    beside reader's own notice): the Library takes the reason, once, and says it."""
    (tmp_path / "sentences-m.sqlite").mkdir()  # a folder where the file should be
    cache = VectorCache(tmp_path, "m")
    with caplog.at_level("DEBUG"):
        assert cache.get_many(["A sentence."]) == {}
        cache.put_many([("A sentence.", arrays(1))])
    assert caplog.records == []
    assert cache.take_warning() == (
        f"the sentence cache is off for this run: {tmp_path / 'sentences-m.sqlite'}: a folder is where the file should be"
    )
    assert cache.take_warning() is None
    working = VectorCache(tmp_path / "fine", "m")
    working.put_many([("A sentence.", arrays(1))])
    working.close()
    assert working.take_warning() is None  # closing is not a failure


def test_a_read_only_cache_folder_is_named_as_such(tmp_path):
    import tmpfs_helpers

    with tmpfs_helpers.small_disk(tmp_path / "disk", "1m") as disk:
        (disk.path / "sentences").mkdir()
        disk.remount("ro")
        cache = VectorCache(disk.path / "sentences", "m")
        cache.put_many([("A sentence.", arrays(1))])
        assert cache.broken is not None and cache.broken.endswith("the folder is on a read-only file system")


def test_the_sizes_each_put_sums_are_read_from_an_index_not_from_the_rows(tmp_path):
    """_trim sums every sentence's size after each put: read from the rows, past their vectors,
    that was most of the CPU of preparing a corpus's comparisons."""
    db_path = tmp_path / "sentences-m.sqlite"
    old = sqlite3.connect(db_path)  # a file an older reader made: its index on `used` alone
    old.execute(
        "CREATE TABLE sentences (key BLOB PRIMARY KEY, ids BLOB NOT NULL, vectors BLOB NOT NULL, clauses BLOB,"
        " width INTEGER NOT NULL, size INTEGER NOT NULL, used INTEGER NOT NULL)"
    )
    old.execute("CREATE INDEX by_use ON sentences (used)")
    old.commit()
    old.close()
    cache = VectorCache(tmp_path, "m")
    cache.put_many([("s1", arrays(1))])
    db = sqlite3.connect(db_path)
    indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "by_use" not in indexes and USE_INDEX in indexes
    plans = [
        " ".join(str(row[-1]) for row in db.execute(f"EXPLAIN QUERY PLAN {query}"))
        for query in (TOTAL_SIZE, OLDEST_FIRST)
    ]
    assert f"COVERING INDEX {USE_INDEX}" in plans[0]
    assert USE_INDEX in plans[1] and "TEMP B-TREE" not in plans[1]
