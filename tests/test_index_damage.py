"""Damaged index files and state (issue 10, item 8): damage is detected by checksums recorded at
commit (sampled when the index opens, in full on `reader index` and when a query fails), and the
index is rebuilt with a notice; a deeply nested state.json is damaged state, not a crash."""

import json
import random

import pytest

from conftest import SEEDS
from reader.index import CorpusIndex, checksums, store


@pytest.fixture
def big_corpus(tmp_path):
    """60 articles with many distinct words: a segment of a few MB, larger than the samples."""
    rng = random.Random(7)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(60):
        vocabulary = ["".join(rng.choice("abcdefghijklmnop") for _ in range(6)) for _ in range(200)]
        words = " ".join(rng.choice(vocabulary) for _ in range(1500))
        (corpus / f"a{i:02d}.txt").write_text(f"Title number {i}\n\nThe council met. {words}\n")
    return corpus


def _segment_part(index_dir, part):
    """(path of the active segment file, offset and length of one of its parts, e.g. '_stored.col')."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    [segment] = store.whoosh_dir(index_dir).glob("*.seg")
    compound = CompoundStorage(FileStorage(str(segment.parent)).open_file(segment.name), use_mmap=False)
    [entry] = [v for k, v in compound._dir.items() if k.endswith(part)]
    compound.close()
    return segment, entry["offset"], entry["length"]


def _damage_outside_samples(index_dir, part="_stored.col"):
    """Overwrite 16 KB of a segment part where the open-time samples do not look."""
    segment, offset, length = _segment_part(index_dir, part)
    size = segment.stat().st_size
    sampled = [
        (0, checksums.SAMPLE),
        (size // 2 - checksums.SAMPLE // 2, size // 2 + checksums.SAMPLE // 2),
        (size - checksums.SAMPLE, size),
    ]
    # From the middle of the part out: the first and last documents are read when it opens.
    middle = offset + length // 2
    for start in sorted(range(offset, offset + length - 16384, 4096), key=lambda s: abs(s - middle)):
        if all(start + 16384 <= a or start >= b for a, b in sampled):
            with open(segment, "r+b") as fh:
                fh.seek(start)
                fh.write(bytes(rng ^ 0x5A for rng in range(256)) * 64)
            return
    # A skip here turned the tests that damage the index off in silence, had big_corpus shrunk.
    pytest.fail("the segment is too small to damage outside the sampled blocks: make big_corpus bigger")


def _build(reader_in_process, corpus, index):
    reader_in_process("--corpus", str(corpus), "--index", str(index), "index")
    data = json.loads((index / checksums.CHECKSUMS_NAME).read_text())
    assert any(name.endswith(".seg") for name in data["files"])


def test_reader_index_finds_damage_anywhere_and_rebuilds(reader_in_process, big_corpus, tmp_path):
    index = tmp_path / "index"
    _build(reader_in_process, big_corpus, index)
    _damage_outside_samples(index, ".trm")
    result = reader_in_process("--corpus", str(big_corpus), "--index", str(index), "index", "--json")
    assert json.loads(result.stdout)["indexed"] == 60
    assert "index rebuilt: the index is damaged (" in result.stderr and "checksum" in result.stderr
    again = reader_in_process("--corpus", str(big_corpus), "--index", str(index), "index", "--json")
    assert json.loads(again.stdout)["unchanged"] == 60 and again.stderr == ""


def test_damage_found_while_an_update_of_changed_files_runs_means_a_rebuild(reader_in_process, big_corpus, tmp_path):
    """The check of every byte runs beside the update (checksums.FullCheck): damage it finds
    after the changed files were loaded and grouped undoes that work and rebuilds, with the
    changes, before anything is committed on top of the damaged index."""
    index = tmp_path / "index"
    _build(reader_in_process, big_corpus, index)
    _damage_outside_samples(index, ".trm")
    (big_corpus / "a03.txt").write_text("Title number 3\n\nThe okapi was born at the zoo.\n")
    result = reader_in_process("--corpus", str(big_corpus), "--index", str(index), "index", "--json")
    report = json.loads(result.stdout)
    assert report["indexed"] == 60 and report["updated"] == 0 and report["skipped"] == []
    assert "index rebuilt: the index is damaged (" in result.stderr and "checksum" in result.stderr
    found = reader_in_process("--corpus", str(big_corpus), "--index", str(index), "search", "okapi", "--json")
    assert [hit["id"] for hit in json.loads(found.stdout)] == ["a03"] and found.stderr == ""
    again = reader_in_process("--corpus", str(big_corpus), "--index", str(index), "index", "--json")
    assert json.loads(again.stdout)["unchanged"] == 60 and again.stderr == ""


def test_the_damage_is_found_after_the_update_started(tmp_path, big_corpus, monkeypatch):
    from reader.index import update

    index = CorpusIndex([big_corpus], tmp_path / "index")
    index.update()
    _damage_outside_samples(tmp_path / "index", ".trm")
    (big_corpus / "a03.txt").write_text("Title number 3\n\nThe okapi was born at the zoo.\n")
    restarts = []
    real = update.IndexUpdate._start_again
    monkeypatch.setattr(update.IndexUpdate, "_start_again", lambda self: restarts.append(1) or real(self))
    report = index.update(thorough=True)
    assert restarts == [1]  # loaded and grouped once, then rebuilt
    assert report.indexed == 60 and report.notice.startswith("index rebuilt: the index is damaged (")
    assert [h.id for h in index.search("okapi").hits] == ["a03"]
    index.close()


def test_the_full_check_beside_an_update_is_the_full_check(tmp_path, big_corpus):
    index = CorpusIndex([big_corpus], tmp_path / "index")
    index.update()
    ix = store.open_existing(tmp_path / "index")
    assert checksums.FullCheck(tmp_path / "index", ix).result() is None
    _damage_outside_samples(tmp_path / "index", "_stored.col")
    assert checksums.damage(tmp_path / "index", ix, full=False) is None  # the samples miss it
    found = checksums.FullCheck(tmp_path / "index", ix).result()
    assert found == checksums.damage(tmp_path / "index", ix, full=True) and "checksum" in found
    index.close()


def test_a_query_that_fails_on_damage_rebuilds_and_answers(reader_in_process, big_corpus, tmp_path):
    index = tmp_path / "index"
    _build(reader_in_process, big_corpus, index)
    _damage_outside_samples(index, "_stored.col")
    opened = CorpusIndex([big_corpus], index)
    assert opened._open() is not None  # the cheap open-time check does not see it...
    assert "checksum" in opened.damage()  # ...the full one does
    opened.close()
    result = reader_in_process(
        "--corpus", str(big_corpus), "--index", str(index), "search", "council", "--limit", "100", "--json"
    )
    assert len(json.loads(result.stdout)) == 60
    assert "the index is damaged" in result.stderr and "rebuilding it" in result.stderr


@pytest.mark.parametrize("command", [["search", "putin", "--json"], ["show", "004_5af44beeb4aa5335", "--json"]])
def test_damage_where_the_open_check_samples_is_found_on_reading(command, reader_in_process, tmp_path):
    index = tmp_path / "index"
    _build(reader_in_process, SEEDS, index)
    [segment] = store.whoosh_dir(index).glob("*.seg")
    with open(segment, "r+b") as fh:
        fh.seek(segment.stat().st_size // 2)
        fh.write(b"\xff" * 64)
    result = reader_in_process("--corpus", str(SEEDS), "--index", str(index), *command)
    assert json.loads(result.stdout)
    assert "the index is damaged (" in result.stderr and "rebuilding it" in result.stderr
    assert reader_in_process("--corpus", str(SEEDS), "--index", str(index), *command).stderr == ""


@pytest.mark.parametrize("name", ["state.json", "stories.json", "checksums.json"])
def test_deeply_nested_index_state_is_damaged_state_not_a_crash(name, reader_in_process, tmp_path):
    index = tmp_path / "index"
    _build(reader_in_process, SEEDS, index)
    (index / name).write_text("[" * 100_000 + "]" * 100_000)
    base = ("--corpus", str(SEEDS), "--index", str(index))
    for command in (["list", "--json"], ["search", "putin", "--json"], ["stories", "--json"]):
        assert json.loads(reader_in_process(*base, *command).stdout)
    reader_in_process(*base, "index")  # exit status 0 and no traceback: the fixture checks both


def test_a_damaged_index_read_without_updating_says_so(tmp_path):
    index = tmp_path / "index"
    built = CorpusIndex([SEEDS], index)
    built.update()
    built.close()
    [segment] = store.whoosh_dir(index).glob("*.seg")
    with open(segment, "r+b") as fh:
        fh.seek(segment.stat().st_size // 2)
        fh.write(b"\xff" * 64)
    results = CorpusIndex([SEEDS], index).search("putin")
    assert results.error.startswith("the index is damaged (") and "reader index --rebuild" in results.error


@pytest.mark.parametrize("damage", ["not a database", "malformed pages"])
def test_a_damaged_state_database_is_rebuilt_from_the_index(damage, reader_in_process, tmp_path):
    index = tmp_path / "index"
    _build(reader_in_process, SEEDS, index)
    db = index / "state.sqlite"
    if damage == "not a database":
        db.write_bytes(b"garbage\n" * 100)
    else:
        data = bytearray(db.read_bytes())
        data[100:4000] = random.Random(3).randbytes(3900)
        db.write_bytes(bytes(data))
    base = ("--corpus", str(SEEDS), "--index", str(index))
    for command in (["list", "--json"], ["search", "putin", "--json"], ["index", "--json"], ["list", "--json"]):
        assert json.loads(reader_in_process(*base, *command).stdout)
    assert reader_in_process(*base, "index", "--json").stderr == ""
