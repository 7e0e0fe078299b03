"""Story records packed for the state database (reader/analysis/stories/packed.py): read back as
the very records they were made from, and what the grouping reads of them is what it reads of
the records."""

from __future__ import annotations

import json
import random
import sys
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_stories import _event_articles, _features_of  # noqa: E402

from reader.analysis.stories import StoryStats  # noqa: E402
from reader.analysis.stories.features import _folded  # noqa: E402
from reader.analysis.stories.packed import MAGIC, PackedRecord, folded_names, pack  # noqa: E402
from reader.analysis.stories.stats import _best, _name_columns, _word_columns  # noqa: E402
from reader.index import statedb  # noqa: E402
from reader.index.story_groups import _parse_features, as_json, as_record  # noqa: E402


def _random_record(rng: random.Random, k: int) -> dict:
    letters = "abcdeéßİΣ çx"
    word = lambda: "".join(rng.choice(letters) for _ in range(rng.randint(0, 6)))  # noqa: E731
    record = {
        "v": 1,
        "id": f"o/{k}",
        "outlet": rng.choice([None, "bbc news", "ñandú"]),
        "date": rng.choice([None, "2025-01-02"]),
        "title": rng.choice(["", 'A "quoted" title\u2028', "x" * 200]),
        "story": rng.choice([None, "given-1"]),
        "words": {word(): rng.choice([1, 2, 3, 255]) for _ in range(rng.randint(0, 40))},
        "names": {
            rng.choice(["Liz Cheney", "LIZ CHENEY", "Naacp", "NAACP", "İstanbul", word()]): rng.randint(1, 255)
            for _ in range(rng.randint(0, 8))
        },
        "shingles": sorted(rng.sample(range(1 << 48), rng.randint(0, 20))) + rng.choice([[], [(1 << 64) - 1]]),
    }
    if rng.random() < 0.3:
        record["lead"] = "the first words"
    if rng.random() < 0.1:
        del record["shingles"]
    return record


def test_a_packed_record_reads_as_the_record_it_was_made_from():
    rng = random.Random(5)
    records = list(_features_of(_event_articles(30, seed=4)).values())
    records += [_random_record(rng, k) for k in range(500)]
    for record in records:
        blob = pack(record)
        assert blob is not None and blob.startswith(MAGIC)
        packed = PackedRecord(blob)
        back = packed.to_dict()
        assert back == record and list(back) == list(record)  # keys in the same order
        assert list(back["words"].items()) == list(record["words"].items())
        assert list(folded_names(packed).items()) == list(_folded(record["names"]).items())
        assert list(folded_names(packed).items()) == list(folded_names(record).items())
        assert _word_columns(packed)[0] == _word_columns(record)[0]
        assert list(_word_columns(packed)[1]) == list(_word_columns(record)[1])
        assert _name_columns(packed)[0] == _name_columns(record)[0]
        assert list(_name_columns(packed)[1]) == list(_name_columns(record)[1])
        assert packed.get("lead") == record.get("lead") and packed.get("missing", 7) == 7
        assert as_record(blob) == record and json.loads(as_json(blob)) == record


def test_shingle_values_are_the_shingles_and_are_not_kept():
    record = _random_record(random.Random(3), 7)
    packed = PackedRecord(pack(record))
    assert list(packed.shingle_values()) == record["shingles"]
    assert packed._shingles is None  # a pass over a window's records keeps nothing
    assert packed.shingles() == record["shingles"] and packed.shingle_values() is packed.shingles()


def test_records_that_do_not_fit_are_kept_as_json():
    base = {"v": 1, "id": "a", "words": {"x": 1}, "names": {"X": 1}, "shingles": [1]}
    unfit = [
        {**base, "words": {"two\nlines": 1}},
        {**base, "names": {"X": 256}},
        {**base, "words": {"x": True}},
        {**base, "words": {"x": 1.0}},
        {**base, "words": {"x": -1}},
        {**base, "shingles": [-1]},
        {**base, "shingles": [1 << 64]},
        {**base, "words": None},
        {**base, "id": 3},
        {**base, "words": {"\ud800": 1}},  # a lone surrogate
    ]
    for record in unfit:
        assert pack(record) is None, record
        text = json.dumps(record)
        row = statedb.feature_row(text)
        assert zlib.decompress(row).decode() == text  # zlib'd JSON, as before
    assert statedb.feature_row(json.dumps(base)) == pack(base)  # a JSON text that fits is packed
    assert statedb.PACKED_MAGIC == MAGIC


def test_damaged_packed_rows_are_not_read():
    record = _random_record(random.Random(1), 1)
    record["words"] = {"alpha": 2, "beta": 1}
    blob = pack(record)
    assert blob is not None
    assert _parse_features(blob, record["id"]) is not None
    assert _parse_features(blob, "another/id") is None  # another article's row
    damaged = [blob[:-1], blob + b"x", blob[:3], MAGIC + b"\xff" * 40, blob.replace(b"alpha", b"al\xffha")]
    damaged += [blob[:k] + bytes([blob[k] ^ 1]) + blob[k + 1 :] for k in range(3, len(blob))]  # any bit
    for row in damaged:
        with pytest.raises(ValueError):
            PackedRecord(row)
        assert _parse_features(row, record["id"]) is None


def test_the_statistics_and_top_terms_of_packed_records_are_those_of_the_records():
    records = list(_features_of(_event_articles(40, seed=9)).values())
    packed = [PackedRecord(pack(r)) for r in records]  # type: ignore[arg-type]
    stats = StoryStats.from_records(records)
    assert StoryStats.from_records(packed).frequencies() == stats.frequencies()
    text_model, name_model = stats.models()
    for record, p in zip(records, packed):
        for k in (1, 5, 15):
            assert text_model.top_of(*_word_columns(p), k) == text_model.shared_top(record["words"], k)
            assert text_model.top_of(*_word_columns(p), k) == _best(text_model.shared_vector(record["words"]), k)
            names = _folded(record["names"])
            assert name_model.top_of(*_name_columns(p), k) == _best(name_model.shared_vector(names), k)
    for record, p in zip(records[:5], packed[:5]):
        stats.remove(p)
        stats.add(record)
    assert stats.frequencies() == StoryStats.from_records(records).frequencies()
