"""An interrupted first build keeps what it loaded, and the next first build goes on from it
(resume.py): the files loaded before are not loaded again, and the index is the one an
uninterrupted build makes (the same hits, scores and stories)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus, write_article  # noqa: E402

from reader.index import CorpusIndex, pool, resume, store  # noqa: E402
from reader.index.update import INTERRUPTED_BUILD  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TOPICS = ["harbour strike", "bridge collapse", "vaccine trial", "grain exports", "mayor election"]
QUERIES = ["harbour", "bridge collapse", "vaccine", "grain OR exports", "mayor", "said", "number7", "zebra"]


def _articles(count: int = 60) -> dict:
    """Articles in pairs of outlets reporting the same topics (stories form), with quotations."""
    out = {}
    for i in range(count):
        topic = TOPICS[i % len(TOPICS)]
        out[f"o{i % 3}/a{i:03d}"] = (
            f"The {topic} goes on, day {i // len(TOPICS)}",
            f"Outlet {i % 3}",
            f"2025-0{1 + (i // 10) % 9}-1{i % 10}",
            f"The {topic} continued on Monday in the city. "
            f'"We will not stop until it is settled," said Anna Berg, a spokeswoman. '
            f"Officials met again about the {topic} and number{i} words, zebra{i % 7}.",
        )
    return out


def _outcome(ix: CorpusIndex) -> tuple:
    """What a user sees of an index: each query's hits with their scores, and the stories."""
    hits = [
        [(hit.id, round(hit.score, 9), hit.story) for hit in ix.search(query, limit=None).hits] for query in QUERIES
    ]
    stories = sorted((story.id, story.label, tuple(story.articles)) for story in ix.stories())
    return hits, stories, ix.searcher().doc_count()


def _counting_loads(monkeypatch) -> list[str]:
    """The keys of the files store.load_files is given in this process (the loading done here)."""
    loaded: list[str] = []
    real = store.load_files

    def counted(jobs, *args, **kwargs):
        loaded.extend(job[0] for job in jobs)
        return real(jobs, *args, **kwargs)

    monkeypatch.setattr(store, "load_files", counted)
    return loaded


def _cancel_at(share: float, step: str = "loading articles"):
    """A cancel() true once a progress count of `step` has passed `share` of its total."""
    seen = {"stop": False}

    def progress(done: int, total: int, message: str) -> None:
        if message.startswith(step) and total and done >= share * total:
            seen["stop"] = True

    return progress, lambda: seen["stop"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus", _articles())


@pytest.fixture
def uninterrupted(corpus: Path, tmp_path: Path) -> tuple:
    ix = CorpusIndex([corpus], tmp_path / "fresh", workers=1)
    ix.update()
    try:
        return _outcome(ix)
    finally:
        ix.close()


def test_a_first_build_cancelled_halfway_is_resumed_without_loading_its_files_again(
    corpus, tmp_path, monkeypatch, uninterrupted
):
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    progress, cancel = _cancel_at(0.5)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    kept = resume.kept_files(tmp_path / "index")
    assert 0 < kept < 60  # what was loaded, in whole chunks
    loaded = _counting_loads(monkeypatch)
    counts = []
    report = ix.update(progress=lambda done, total, message: counts.append((done, total, message)))
    assert report.indexed == 60 and len(loaded) == 60 - kept
    assert report.notice == f"the last index build was interrupted; the {kept} files it had loaded were not read again"
    # The loading's count starts at the files loaded before, of all of them
    loading = [(done, total) for done, total, message in counts if message == "loading articles"]
    assert loading[0] == (kept, 60) and loading[-1] == (60, 60)
    assert _outcome(ix) == uninterrupted
    assert not (tmp_path / "index" / resume.FOLDER_NAME).exists()  # gone once the index is active
    ix.close()


@pytest.mark.parametrize("step", ["loading articles", "writing the index"])
def test_a_parallel_first_build_cancelled_is_resumed_from_its_spill_files(
    corpus, tmp_path, monkeypatch, uninterrupted, step
):
    """Workers load and spill; cancelled while loading (some chunks back) or while the segments
    are written (every file loaded, the stories handed to the writers: not those of the next)."""
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 8)
    monkeypatch.setattr(pool, "QUEUED_PER_WORKER", 1)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    progress, cancel = _cancel_at(0.5 if step == "loading articles" else 0, step)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    kept = resume.kept_files(tmp_path / "index")
    assert kept > 0 and (kept == 60 or step == "loading articles")
    assert any((tmp_path / "index" / resume.FOLDER_NAME / resume.SPILL_NAME).iterdir())
    report = ix.update()
    assert report.indexed == 60 and f"the {kept} files it had loaded were not read again" in report.notice
    assert _outcome(ix) == uninterrupted
    ix.close()


def test_a_build_cancelled_as_it_wrote_its_segments_hands_the_next_its_own_stories(corpus, tmp_path, monkeypatch):
    """The stories the cancelled build handed its segment writers (spill.write_stories) stay in
    the kept spill folder; the next build's writers must wait for its own: a file changed since
    leaves its story, and their documents say so."""
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 8)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    progress, cancel = _cancel_at(0, "writing the index")
    assert ix.update(progress=progress, cancel=cancel).cancelled
    for number in range(0, 36, 3):  # enough to be loaded by the workers, spilled: all are
        rel = f"o0/a{number:03d}"
        write_article(corpus, rel, "Walrus seen", "Outlet 0", "2025-01-10", f"A walrus slept on quay {number}.")
        os.utime(corpus / f"{rel}.md", ns=(1, 1))
    assert ix.update().indexed == 60
    fresh = CorpusIndex([corpus], tmp_path / "fresh", workers=2)
    fresh.update()
    assert _outcome(ix) == _outcome(fresh)
    assert [hit.story for hit in ix.search("walrus").hits] == [hit.story for hit in fresh.search("walrus").hits]
    ix.close()
    fresh.close()


def test_a_file_changed_since_the_interrupted_build_is_loaded_again(corpus, tmp_path, monkeypatch):
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    progress, cancel = _cancel_at(0.5)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    path = write_article(corpus, "o0/a000", "Walrus seen", "Outlet 0", "2025-01-10", "A walrus on the quay.")
    os.utime(path, ns=(1, 1))  # its signature changed even where the clock is coarse
    loaded = _counting_loads(monkeypatch)
    assert ix.update().indexed == 60
    assert "0:o0/a000.md" in loaded
    assert [hit.id for hit in ix.search("walrus").hits] == ["o0/a000"]
    ix.close()


def test_what_was_loaded_with_other_settings_or_another_corpus_folder_is_not_reused(corpus, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    progress, cancel = _cancel_at(0.5)
    assert CorpusIndex([corpus], index_dir, workers=1).update(progress=progress, cancel=cancel).cancelled
    assert resume.kept_files(index_dir) > 0
    loaded = _counting_loads(monkeypatch)
    no_quotes = CorpusIndex([corpus], index_dir, workers=1, quotes=False)
    assert no_quotes.update().indexed == 60 and len(loaded) == 60
    no_quotes.close()


def test_a_rebuild_on_request_loads_everything_and_drops_what_was_kept(corpus, tmp_path, monkeypatch):
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    progress, cancel = _cancel_at(0.5)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    loaded = _counting_loads(monkeypatch)
    assert ix.update(rebuild=True).indexed == 60 and len(loaded) == 60
    assert not (tmp_path / "index" / resume.FOLDER_NAME).exists()
    ix.close()


def test_a_damaged_journal_entry_is_loaded_again(corpus, tmp_path, monkeypatch, uninterrupted):
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    progress, cancel = _cancel_at(0.5)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    folder = tmp_path / "index" / resume.FOLDER_NAME
    entries = sorted(folder.glob(f"*{resume.JOURNAL_SUFFIX}"))
    entries[0].write_bytes(entries[0].read_bytes()[:50])  # cut short (a disk that failed)
    (folder / "half-written.part").write_bytes(b"\x80\x05")  # a kill -9 while writing one
    assert ix.update().indexed == 60
    assert _outcome(ix) == uninterrupted
    ix.close()


def test_the_journal_is_compressed_and_an_entry_cut_anywhere_is_loaded_again(corpus, tmp_path, uninterrupted):
    """Its entries are zlib-compressed pickles (the loaded records of 20,000 articles took ~87 MB
    plain): smaller than the pickle of what they hold, and one cut short anywhere after its
    digest (a failed disk; a kill -9 leaves only a .part) fails zlib's checks, never read as part."""
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    progress, cancel = _cancel_at(0.5)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    folder = tmp_path / "index" / resume.FOLDER_NAME
    entries = sorted(folder.glob(f"*{resume.JOURNAL_SUFFIX}"))
    for path in entries:
        data = path.read_bytes()
        plain = pickle.dumps(resume.read_entry(data[32:]), protocol=pickle.HIGHEST_PROTOCOL)
        assert len(data) - 32 < len(plain)
    for cut, path in zip((lambda n: 33, lambda n: 32 + (n - 32) // 2, lambda n: n - 1), entries):
        data = path.read_bytes()
        path.write_bytes(data[: cut(len(data))])  # just past the digest, halfway, one byte short
        with pytest.raises(Exception):
            resume.read_entry(path.read_bytes()[32:])
    report = ix.update()
    assert report.indexed == 60 and "could not be read" in (report.notice or "")
    assert _outcome(ix) == uninterrupted
    ix.close()


def test_a_failed_first_build_keeps_nothing(corpus, tmp_path, monkeypatch):
    """A full disk (any error but an interruption): what was loaded is not kept taking space."""
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "commit_segments", full)
    with pytest.raises(OSError):
        ix.update()
    assert not (tmp_path / "index" / resume.FOLDER_NAME).exists()
    ix.close()


KILLED_AFTER_LOADING = """
import os, sys
from pathlib import Path
from reader.index import CorpusIndex, pool, resume

workers = int(sys.argv[4]) if len(sys.argv) > 4 else 1
if len(sys.argv) > 5:  # loaded apart from this many files, in chunks of 8
    pool.PARALLEL_MIN_FILES, pool.LOAD_CHUNK, pool.QUEUED_PER_WORKER = int(sys.argv[5]), 8, 1
real_keep = resume.BuildResume.keep
kept = []

def keep(self, records):
    real_keep(self, records)
    kept.extend(records)
    if len(kept) >= int(sys.argv[3]):
        os._exit(9)  # kill -9: no cleanup, no finally

resume.BuildResume.keep = keep
CorpusIndex([Path(sys.argv[1])], Path(sys.argv[2]), workers=workers).update()
"""


def _killed_after_loading(corpus: Path, index_dir: Path, files: int, *options: int) -> None:
    """A first build killed (os._exit) once it has kept `files` loaded files (KILLED_AFTER_LOADING,
    its `options`: workers, and the files loaded apart from)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_LOADING, str(corpus), str(index_dir), str(files), *map(str, options)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert killed.returncode == 9, killed.stderr


def test_a_first_build_killed_while_loading_is_resumed_from_what_it_kept(corpus, tmp_path, monkeypatch, uninterrupted):
    index_dir = tmp_path / "index"
    _killed_after_loading(corpus, index_dir, 30)
    kept = resume.kept_files(index_dir)
    assert 30 <= kept < 60
    loaded = _counting_loads(monkeypatch)
    ix = CorpusIndex([corpus], index_dir, workers=1)
    report = ix.update()
    assert report.indexed == 60 and len(loaded) == 60 - kept
    assert report.notice.startswith(INTERRUPTED_BUILD.split(";")[0])
    assert f"the {kept} files it had loaded were not read again" in report.notice
    assert _outcome(ix) == uninterrupted
    ix.close()


def test_ctrl_c_after_some_files_were_loaded_says_they_were_kept(corpus, tmp_path, capsys, monkeypatch):
    from conftest import run_main

    real = store.load_files
    calls = []

    def interrupted_at_the_second_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index", "--no-prepare"]
    with monkeypatch.context() as patched:
        patched.setattr(store, "load_files", interrupted_at_the_second_chunk)
        code, out, err = run_main(capsys, *base)
    kept = resume.kept_files(tmp_path / "ix")
    assert code == 130 and out == "" and kept > 0
    size = resume.kept_bytes(tmp_path / "ix")
    assert size > 0  # what it leaves on disk, and where, is said
    assert err.splitlines()[-1] == (
        f"reader: interrupted before the first index was complete; the {kept} files it had loaded were kept "
        f"({size / 1e6:,.1f} MB in {tmp_path / 'ix' / resume.FOLDER_NAME}), "
        f"and `reader --corpus {corpus} --index {tmp_path / 'ix'} index` goes on from them (deleted once it completes)"
    )
    code, out, err = run_main(capsys, *base)
    assert code == 0 and out.startswith("60 indexed, 0 updated, 0 removed, 0 unchanged in ")
    assert f"the {kept} files it had loaded were not read again" in err


def test_a_damaged_or_hostile_journal_entry_is_said_and_loaded_again(corpus, tmp_path, monkeypatch, uninterrupted):
    """An entry cut short, one that is no journal entry (its records not records), and one of
    another version of reader (its stamp's digest differs: deleted unread, never unpickled)."""
    monkeypatch.setattr(pool, "IN_PROCESS_CHUNK", 4)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    progress, cancel = _cancel_at(0.5)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    folder = tmp_path / "index" / resume.FOLDER_NAME
    first, second, third, *_rest = sorted(folder.glob(f"*{resume.JOURNAL_SUFFIX}"))
    digest = first.read_bytes()[:32]
    first.write_bytes(first.read_bytes()[:50])
    second.write_bytes(digest + zlib.compress(pickle.dumps({"records": [{"key": 1}], "sizes": {}})))
    third.write_bytes(b"\\0" * 32 + b"not a pickle: never read")
    unpickled, real_read = [], resume.read_entry
    monkeypatch.setattr(resume, "read_entry", lambda data: unpickled.append(data) or real_read(data))
    report = ix.update()
    assert report.indexed == 60 and "2 record(s) of what the interrupted build had loaded could not be read" in (
        report.notice or ""
    )
    assert b"not a pickle: never read" not in unpickled and len(unpickled) == len(_rest) + 2
    assert "files it had loaded were not read again" in report.notice  # the other entries were
    assert _outcome(ix) == uninterrupted
    ix.close()


def test_a_file_edited_to_the_same_size_and_time_is_loaded_again(corpus, tmp_path, monkeypatch, uninterrupted):
    """Its signature is the same, its content not: a fresh build would have the new words."""
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    progress, cancel = _cancel_at(0.5)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    loaded_before = _counting_loads(monkeypatch)
    path = corpus / "o0/a000.md"
    st = path.stat()
    text = path.read_text()
    path.write_text(text.replace("zebra0", "yakss0"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert ix.update().indexed == 60
    assert "0:o0/a000.md" in loaded_before
    assert [hit.id for hit in ix.search("yakss0").hits] == ["o0/a000"]
    ix.close()


@pytest.mark.parametrize("change", ["outlets.yaml edited", "follow links", "renamed"])
def test_a_setting_changed_since_the_interrupted_build_gives_a_fresh_builds_index(
    corpus, tmp_path, monkeypatch, isolated_dirs, change
):
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    progress, cancel = _cancel_at(0.5)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    ix.close()
    kept = resume.kept_files(tmp_path / "index")
    follow = change == "follow links"
    if change == "outlets.yaml edited":
        rules = "outlets:\n  - name: Outlet 0\n    drop_lines: ['.*zebra.*']\n"
        (isolated_dirs["config"] / "outlets.yaml").write_text(rules, encoding="utf-8")
    if change == "renamed":
        (corpus / "o0/a000.md").rename(corpus / "o0/b000.md")
    loaded = _counting_loads(monkeypatch)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1, follow_links=follow)
    report = ix.update()
    # A renamed file is loaded under its new name; any other change: every file loaded again
    assert len(loaded) == (60 - kept + ("0:o0/a000.md" not in loaded) if change == "renamed" else 60)
    fresh = CorpusIndex([corpus], tmp_path / "fresh", workers=1, follow_links=follow)
    assert fresh.update().indexed == report.indexed
    assert _outcome(ix) == _outcome(fresh)
    ix.close()
    fresh.close()


def test_ctrl_c_during_a_rebuild_of_an_index_gone_says_a_rebuild_not_the_first_index(
    corpus, tmp_path, capsys, monkeypatch
):
    """The index there as `reader index --rebuild` began, and gone at its ctrl+c (its cache folder
    deleted meanwhile): it said "interrupted before the first index was complete" of a corpus
    indexed a moment before. (A ctrl+c while the old index stands says it is as it was.)"""
    import shutil

    from conftest import run_main

    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index", "--no-prepare"]
    assert run_main(capsys, *base)[0] == 0

    def deleted_then_interrupted(*args, **kwargs):
        shutil.rmtree(tmp_path / "ix")
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(store, "load_files", deleted_then_interrupted)
        code, out, err = run_main(capsys, *base, "--rebuild")
    assert code == 130 and out == ""
    assert err.splitlines()[-1] == (
        "reader: interrupted before the index's rebuild was complete; nothing was kept, and "
        f"`reader --corpus {corpus} --index {tmp_path / 'ix'} index` starts it again"
    )


def test_a_build_killed_while_loading_apart_is_resumed_apart_with_fewer_files_left(
    corpus, tmp_path, monkeypatch, uninterrupted
):
    """60 files are loaded by workers (40 or more); killed after 30 or more, the files left are
    fewer than 40, which alone would be loaded in this process: the resumed build loads them
    apart as its first try decided (resume.BuildResume.loading_apart)."""
    index_dir = tmp_path / "index"
    _killed_after_loading(corpus, index_dir, 30, 2, 40)
    kept = resume.kept_files(index_dir)
    assert 30 <= kept < 60
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 40)
    assert not pool.WorkerPool(2).parallel(60 - kept)  # (alone, they would be loaded here)
    loads_here: list[int] = []  # (the loading in this process counts its articles with this)
    real_counting = pool._counting_articles
    monkeypatch.setattr(pool, "_counting_articles", lambda *args: loads_here.append(1) or real_counting(*args))
    ix = CorpusIndex([corpus], index_dir, workers=2)
    report = ix.update()
    assert report.indexed == 60 and f"the {kept} files it had loaded were not read again" in report.notice
    assert loads_here == []  # loaded by the workers, none in this process
    assert _outcome(ix) == uninterrupted
    ix.close()


def test_the_loading_decision_is_remembered_only_for_the_same_files_and_stamp(tmp_path):
    jobs = [("a.md", "/c/a.md", "/c", [10, 1], None), ("b.md", "/c/b.md", "/c", [20, 2], None)]
    asked: list[int] = []

    def decide(answer: bool):
        def decided(files: list) -> bool:
            asked.append(len(files))
            return answer

        return decided

    build = resume.BuildResume(tmp_path, b"stamp")
    assert build.loading_apart(jobs, decide(True))
    assert resume.BuildResume(tmp_path, b"stamp").loading_apart(jobs, decide(False))  # remembered
    assert resume.BuildResume(tmp_path, b"stamp").loading_apart(jobs[::-1], decide(False))  # (found in another order)
    assert asked == [2]
    # Another file, a file changed, other settings: decided afresh
    assert not resume.BuildResume(tmp_path, b"stamp").loading_apart(jobs[:1], decide(False))
    changed = [jobs[0], ("b.md", "/c/b.md", "/c", [21, 3], None)]
    assert resume.BuildResume(tmp_path, b"stamp").loading_apart(changed, decide(True))
    assert not resume.BuildResume(tmp_path, b"other").loading_apart(changed, decide(False))
    assert asked == [2, 1, 2, 2]


def test_a_link_in_place_of_the_loading_decision_is_not_followed(tmp_path):
    """The decision is a record of the resume folder as the others are: a link put in its place
    (to a FIFO, it would hang the build) is not read, and the build decides afresh."""
    jobs = [("a.md", "/c/a.md", "/c", [10, 1], None)]
    assert resume.BuildResume(tmp_path, b"stamp").loading_apart(jobs, lambda _jobs: True)
    record = tmp_path / resume.FOLDER_NAME / resume.APART_NAME
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text(record.read_text(encoding="ascii"), encoding="ascii")
    record.unlink()
    record.symlink_to(elsewhere)
    asked: list[int] = []
    assert not resume.BuildResume(tmp_path, b"stamp").loading_apart(jobs, lambda files: asked.append(1) or False)
    assert asked == [1]
