"""A corpus folder moved or renamed keeps its index (reader/index/moved.py): carried over, never
taken from a folder that still exists, and every file checked again before it is served."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import ARTICLES, make_corpus, write_article  # noqa: E402

from reader.index import CorpusIndex, layout, lock, moved, resume  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
N = len(ARTICLES)


def counts(report):
    d = report.to_dict()
    return d["indexed"], d["updated"], d["removed"], d["unchanged"]


def build(corpus: Path, index_dir: Path, n: int = N) -> None:
    ix = CorpusIndex([corpus], index_dir)
    assert counts(ix.update()) == (n, 0, 0, 0)
    ix.close()


def update(corpus: Path, index_dir: Path):
    """(report, articles, the paths of a search's hits) of an update with carry-over, as the
    default index folder has it."""
    ix = CorpusIndex([corpus], index_dir, carry_over=True)
    try:
        report = ix.update()
        return report, ix.articles(), [hit.path for hit in ix.search("inflation")]
    finally:
        ix.close()


@pytest.fixture
def news(tmp_path):
    corpus = make_corpus(tmp_path / "news")
    build(corpus, tmp_path / "indexes" / "news-1")
    return corpus


def move(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    src.rename(dst)
    return dst


def test_a_moved_folder_takes_over_its_index_and_reads_no_unchanged_file(news, tmp_path):
    moved_to = move(news, tmp_path / "archive" / "news")
    report, articles, hits = update(moved_to, tmp_path / "indexes" / "news-2")
    assert counts(report) == (0, 0, 0, N)  # nothing read again
    assert hits and all(Path(path).is_file() and path.startswith(str(moved_to) + os.sep) for path in hits)
    assert report.moved_from == [str(news)]
    assert "carried over" in report.notice and report.to_dict()["moved_from"] == [str(news)]
    assert sorted(a.id for a in articles) == sorted(ARTICLES)
    assert all(a.path.startswith(str(moved_to) + os.sep) for a in articles)
    assert not (tmp_path / "indexes" / "news-1").exists()  # moved, not copied
    ix = CorpusIndex([moved_to], tmp_path / "indexes" / "news-2", carry_over=True)
    try:
        art = ix.get("reuters/storm")
        assert art is not None and art.path == moved_to / "reuters" / "storm.md"
        assert art.path.is_file()
        again = ix.update()
        assert counts(again) == (0, 0, 0, N) and not again.moved_from
        assert not ix.skipped()
    finally:
        ix.close()


def test_a_changed_added_or_removed_file_under_the_moved_folder_is_indexed_again(tmp_path):
    more = {f"wire/note-{i}": (f"Note {i}", "Reuters", "2025-08-01", f"Short note number {i}.") for i in range(10)}
    news = make_corpus(tmp_path / "news", {**ARTICLES, **more})
    n = len(ARTICLES) + len(more)
    ix = CorpusIndex([news], tmp_path / "indexes" / "news-1")
    assert counts(ix.update()) == (n, 0, 0, 0)
    ix.close()
    moved_to = move(news, tmp_path / "archive" / "news")
    write_article(moved_to, "reuters/storm", "Storm hits coastal towns", "Reuters", "2025-09-15", "Floods rose.")
    write_article(moved_to, "bbc/new-one", "A new one", "BBC", "2025-11-21", "A brand new article about ferries.")
    next(moved_to.glob("bbc/football.*")).unlink()
    report, articles, _ = update(moved_to, tmp_path / "indexes" / "news-2")
    assert report.moved_from == [str(news)]
    assert counts(report) == (1, 1, 1, n - 2)
    ix = CorpusIndex([moved_to], tmp_path / "indexes" / "news-2")
    try:
        assert "Floods rose." in ix.get("reuters/storm").text
        assert ix.get("bbc/football") is None
    finally:
        ix.close()


def test_a_copy_takes_nothing_and_the_original_index_stays_as_it_was(news, tmp_path):
    copy = tmp_path / "copy" / "news"
    shutil.copytree(news, copy)
    report, articles, _ = update(copy, tmp_path / "indexes" / "copy-1")
    assert counts(report) == (N, 0, 0, 0) and not report.moved_from
    original = CorpusIndex([news], tmp_path / "indexes" / "news-1")
    try:
        assert counts(original.update()) == (0, 0, 0, N)
        assert all(a.path.startswith(str(news) + os.sep) for a in original.articles())
    finally:
        original.close()


def test_an_old_folder_that_is_back_keeps_its_index(news, tmp_path):
    moved_to = move(news, tmp_path / "archive" / "news")
    shutil.copytree(moved_to, news)  # the old path exists again: the new one is a copy of it
    report, _, _ = update(moved_to, tmp_path / "indexes" / "news-2")
    assert counts(report) == (N, 0, 0, 0) and not report.moved_from
    assert (tmp_path / "indexes" / "news-1" / "state.sqlite").is_file()


def test_moved_back_the_index_follows_again(news, tmp_path):
    moved_to = move(news, tmp_path / "archive" / "news")
    assert update(moved_to, tmp_path / "indexes" / "news-2")[0].moved_from == [str(news)]
    move(moved_to, news)
    report, articles, _ = update(news, tmp_path / "indexes" / "news-1")
    assert counts(report) == (0, 0, 0, N) and report.moved_from == [str(moved_to)]
    assert all(a.path.startswith(str(news) + os.sep) for a in articles)


def test_of_two_gone_indexes_the_one_of_these_files_is_taken(news, tmp_path):
    # The same file names, other versions of them (another size): gone too, but not these files.
    other = make_corpus(
        tmp_path / "other",
        {rel: (title, outlet, date, body + " More.") for rel, (title, outlet, date, body) in ARTICLES.items()},
    )
    build(other, tmp_path / "indexes" / "other-1")
    shutil.rmtree(other)
    moved_to = move(news, tmp_path / "archive" / "news")
    report, _, _ = update(moved_to, tmp_path / "indexes" / "news-2")
    assert counts(report) == (0, 0, 0, N) and report.moved_from == [str(news)]
    assert (tmp_path / "indexes" / "other-1" / "state.sqlite").is_file()  # left alone


def test_an_index_of_an_older_schema_is_not_taken_over(news, tmp_path):
    con = sqlite3.connect(tmp_path / "indexes" / "news-1" / "state.sqlite")
    with con:
        con.execute("UPDATE meta SET value = '15' WHERE key = 'schema'")
    con.close()
    moved_to = move(news, tmp_path / "archive" / "news")
    report, _, _ = update(moved_to, tmp_path / "indexes" / "news-2")
    assert counts(report) == (N, 0, 0, 0) and not report.moved_from  # rebuilt, as before


def test_an_index_whose_lock_is_held_is_not_taken(news, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_LOCK_WAIT", "0.2")  # given up on after this wait (3 s by default)
    moved_to = move(news, tmp_path / "archive" / "news")
    held = lock.acquire(tmp_path / "indexes" / "news-1", 1)
    try:
        report, _, _ = update(moved_to, tmp_path / "indexes" / "news-2")
    finally:
        lock.release(held)
    assert counts(report) == (N, 0, 0, 0) and not report.moved_from
    assert (tmp_path / "indexes" / "news-1" / "state.sqlite").is_file()


def test_an_index_folder_given_by_the_user_follows_its_moved_corpus_in_place(news, tmp_path):
    moved_to = move(news, tmp_path / "archive" / "news")
    ix = CorpusIndex([moved_to], tmp_path / "indexes" / "news-1")  # --index DIR: no carry-over
    try:
        report = ix.update()
        assert counts(report) == (0, 0, 0, N) and report.moved_from == [str(news)]
        assert all(a.path.startswith(str(moved_to) + os.sep) for a in ix.articles())
    finally:
        ix.close()


def test_a_take_over_killed_before_the_paths_were_rewritten_is_finished_by_the_next_update(news, tmp_path):
    moved_to = move(news, tmp_path / "archive" / "news")
    target = tmp_path / "indexes" / "news-2"
    held = lock.acquire(target, 1)
    try:
        rules = json.loads(
            sqlite3.connect(tmp_path / "indexes" / "news-1" / "state.sqlite")
            .execute("SELECT value FROM meta WHERE key = 'rules'")
            .fetchone()[0]
        )
        assert moved.take_over(tmp_path / "indexes" / "news-1", target, [str(moved_to)], False, rules)
    finally:
        lock.release(held)
    report, articles, _ = update(moved_to, target)
    assert counts(report) == (0, 0, 0, N) and report.moved_from == [str(news)]
    assert all(a.path.startswith(str(moved_to) + os.sep) for a in articles)


_UPDATE = """
import json, sys
from reader.index import CorpusIndex
ix = CorpusIndex([sys.argv[1]], sys.argv[2], carry_over=True)
ix.lock_timeout = 120
print(json.dumps(ix.update().to_dict()))
"""


def test_two_processes_opening_the_moved_folder_at_once(news, tmp_path):
    moved_to = move(news, tmp_path / "archive" / "news")
    target = tmp_path / "indexes" / "news-2"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _UPDATE, str(moved_to), str(target)], stdout=subprocess.PIPE, text=True, env=env
        )
        for _ in range(2)
    ]
    reports = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    # One carried the index over; the other found it done (or, had it come first, the same).
    assert sum(bool(r.get("moved_from")) for r in reports) == 1
    assert all((r["indexed"], r["updated"], r["removed"], r["unchanged"]) == (0, 0, 0, N) for r in reports)
    ix = CorpusIndex([moved_to], target)
    try:
        assert sorted(a.id for a in ix.articles()) == sorted(ARTICLES)
        assert ix.damage() is None
    finally:
        ix.close()


def test_cli_index_after_mv_carries_the_index_over(tmp_path, reader_cli):
    corpus = make_corpus(tmp_path / "news")
    first = json.loads(reader_cli("--corpus", str(corpus), "index", "--no-prepare", "--json").stdout)
    assert first["indexed"] == N
    moved_to = move(corpus, tmp_path / "archive" / "news")
    result = reader_cli("--corpus", str(moved_to), "index", "--no-prepare")
    assert result.stdout.startswith(f"0 indexed, 0 updated, 0 removed, {N} unchanged in ")
    assert result.stderr == f"reader: {moved.CARRIED.format(old=corpus)}\n"
    listed = json.loads(reader_cli("--corpus", str(moved_to), "list", "--json").stdout)
    assert sorted(a["path"] for a in listed) == sorted(str(p) for p in moved_to.rglob("*.md"))


def _whoosh_files(index_dir: Path) -> dict[str, int]:
    """{file name: mtime_ns} of the active Whoosh folder's files (a rewrite of the documents
    commits a new table of contents and new segments)."""
    folder = index_dir / layout.current_name(index_dir)
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_a_large_moved_index_is_carried_over_without_rewriting_a_document(tmp_path, monkeypatch):
    from reader.index import pool, update as update_module

    articles = {
        f"o{i % 3}/a{i:03d}": (
            f"Title {i}",
            f"Outlet {i % 3}",
            "2025-03-1{}".format(i % 10),
            f"Article {i} on zebra{i}.",
        )
        for i in range(40)
    }
    news = make_corpus(tmp_path / "news", articles)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(update_module, "SEGMENT_SIZE", 10)
    ix = CorpusIndex([news], tmp_path / "indexes" / "news-1", workers=2)
    assert counts(ix.update()) == (40, 0, 0, 0)
    ix.close()
    before = _whoosh_files(tmp_path / "indexes" / "news-1")
    moved_to = move(news, tmp_path / "archive" / "news")
    ix = CorpusIndex([moved_to], tmp_path / "indexes" / "news-2", workers=2, carry_over=True)
    try:
        report = ix.update()
        assert counts(report) == (0, 0, 0, 40) and report.moved_from == [str(news)]
        # The documents name their files under the corpus folder's token: none was written again.
        assert _whoosh_files(tmp_path / "indexes" / "news-2") == before
        [hit] = ix.search("zebra17").hits
        assert (hit.id, hit.path) == ("o2/a017", str(moved_to / "o2" / "a017.md"))
        assert str(ix.get("o2/a017").path) == str(moved_to / "o2" / "a017.md")
        assert ix.damage() is None
    finally:
        ix.close()


def test_a_renamed_home_folder_moves_corpus_and_index_together_and_rewrites_nothing(tmp_path):
    home = tmp_path / "alice"
    news = make_corpus(home / "news")
    build(news, home / "cache" / "index")
    before = _whoosh_files(home / "cache" / "index")
    renamed = move(home, tmp_path / "bob")
    ix = CorpusIndex([renamed / "news"], renamed / "cache" / "index")
    try:
        report = ix.update()
        assert counts(report) == (0, 0, 0, N) and report.moved_from == [str(news)]
        assert _whoosh_files(renamed / "cache" / "index") == before
        assert sorted(a.path for a in ix.articles()) == sorted(str(p) for p in (renamed / "news").rglob("*.md"))
        assert ix.skipped() == []
    finally:
        ix.close()


def test_one_of_two_corpus_folders_moved_keeps_the_other_s_articles_where_they_are(tmp_path):
    news = make_corpus(tmp_path / "news")
    wire = make_corpus(tmp_path / "wire", {"reuters/oil": ("Oil rises", "Reuters", "2025-11-02", "Crude oil rose.")})
    index_dir = tmp_path / "indexes" / "both"
    ix = CorpusIndex([news, wire], index_dir)
    assert counts(ix.update()) == (N + 1, 0, 0, 0)
    ix.close()
    before = _whoosh_files(index_dir)
    moved_to = move(news, tmp_path / "archive" / "news")
    ix = CorpusIndex([wire, moved_to], index_dir)  # another order, too
    try:
        report = ix.update()
        assert counts(report) == (0, 0, 0, N + 1) and report.moved_from == [str(news)]
        assert _whoosh_files(index_dir) == before
        paths = {a.id: a.path for a in ix.articles()}
        assert paths["reuters/oil"] == str(wire / "reuters" / "oil.md")
        assert all(p.startswith(str(moved_to) + os.sep) for aid, p in paths.items() if aid != "reuters/oil")
    finally:
        ix.close()
    # A corpus folder dropped: its articles go, the other's stay; one added: its articles come.
    ix = CorpusIndex([wire], index_dir)
    try:
        assert counts(ix.update()) == (0, 0, N, 1)
        assert [a.path for a in ix.articles()] == [str(wire / "reuters" / "oil.md")]
        other = make_corpus(tmp_path / "other", {"ap/rain": ("Rain", "AP", "2025-11-03", "It rained all day.")})
        ix2 = CorpusIndex([wire, other], index_dir)
        assert counts(ix2.update()) == (1, 0, 0, 1)
        assert sorted(a.path for a in ix2.articles()) == sorted(
            [str(wire / "reuters" / "oil.md"), str(other / "ap" / "rain.md")]
        )
        ix2.close()
    finally:
        ix.close()


def test_an_index_whose_record_of_its_corpus_folders_is_lost_is_rebuilt(news, tmp_path):
    index_dir = tmp_path / "indexes" / "news-1"
    (index_dir / "roots.json").unlink()
    ix = CorpusIndex([news], index_dir)
    try:
        report = ix.update()
        assert counts(report) == (N, 0, 0, 0) and "corpus folders was lost" in report.notice
        assert all(a.path.startswith(str(news) + os.sep) for a in ix.articles())
    finally:
        ix.close()


def test_a_skipped_file_is_named_under_the_moved_folder(tmp_path):
    news = make_corpus(tmp_path / "news")
    (news / "empty.txt").write_text("")
    build(news, tmp_path / "indexes" / "news-1")
    moved_to = move(news, tmp_path / "archive" / "news")
    report, _, _ = update(moved_to, tmp_path / "indexes" / "news-2")
    assert report.moved_from == [str(news)]
    assert report.skipped == [{"path": str(moved_to / "empty.txt"), "reason": "empty file"}]
    ix = CorpusIndex([moved_to], tmp_path / "indexes" / "news-2")
    try:
        assert ix.skipped() == [{"path": str(moved_to / "empty.txt"), "reason": "empty file"}]
    finally:
        ix.close()


def test_the_progress_says_the_index_is_carried_over_by_the_old_folders_name(news, tmp_path):
    moved_to = move(news, tmp_path / "archive" / "renamed")
    said = []
    ix = CorpusIndex([moved_to], tmp_path / "indexes" / "news-2", carry_over=True)
    try:
        ix.update(progress=lambda done, total, message: said.append(message))
    finally:
        ix.close()
    # The app shows a counted step's text as a file name (the part after the last "/").
    assert "carrying the index over from news" in said


def test_an_index_folder_given_by_the_user_follows_a_copy_of_its_corpus_without_reading_it_again(news, tmp_path):
    # `--index DIR` (or the config's corpus) now naming a copy of the corpus elsewhere, the
    # original still there: every article was read and analysed again as new.
    copy = tmp_path / "copy" / "news"
    shutil.copytree(news, copy)  # new modification times: recognised by contents
    ix = CorpusIndex([copy], tmp_path / "indexes" / "news-1")
    try:
        report = ix.update()
        assert counts(report) == (0, 0, 0, N) and report.moved_from == [str(news)]
        assert "copy" in report.notice
        assert all(a.path.startswith(str(copy) + os.sep) for a in ix.articles())
        assert all(hit.path.startswith(str(copy) + os.sep) for hit in ix.search("inflation"))
    finally:
        ix.close()
    assert sorted(p.name for p in news.rglob("*") if p.is_file()) == sorted(
        p.name for p in copy.rglob("*") if p.is_file()
    )


def test_a_corpus_folder_inside_another_indexes_each_file_once(tmp_path):
    news = make_corpus(tmp_path / "news")
    inner = sorted(p for p in news.iterdir() if p.is_dir())[0]
    ix = CorpusIndex([news, inner], tmp_path / "index")
    try:
        report = ix.update()
        assert report.indexed == N and report.skipped == []
        paths = [a.path for a in ix.articles()]
        assert sorted(paths) == sorted(str(p) for p in news.rglob("*.md"))
        assert ix.update().unchanged == N
    finally:
        ix.close()


def test_a_reader_open_before_another_process_re_links_the_moved_corpus_gives_the_new_paths(news, tmp_path):
    index_dir = tmp_path / "indexes" / "news-1"
    reading = CorpusIndex([news], index_dir)  # the app, open all along
    try:
        assert all(a.path.startswith(str(news) + os.sep) for a in reading.articles())
        moved_to = move(news, tmp_path / "archive" / "news")
        ix = CorpusIndex([moved_to], index_dir)
        assert ix.update().moved_from == [str(news)]
        ix.close()
        # No commit was made: the paths change with the record of the folders alone.
        assert all(a.path.startswith(str(moved_to) + os.sep) for a in reading.articles())
        assert all(hit.path.startswith(str(moved_to) + os.sep) for hit in reading.search("inflation").hits)
    finally:
        reading.close()


def test_the_library_s_index_version_changes_when_another_process_re_links_its_corpus(news, tmp_path):
    # The app reloads its lists when the version changes: a re-link changes every path, and commits nothing.
    from reader.library import Library

    index_dir = tmp_path / "indexes" / "news-1"
    library = Library([news], index_dir, auto_update=False)
    before = library.index_version()
    moved_to = move(news, tmp_path / "archive" / "news")
    ix = CorpusIndex([moved_to], index_dir)
    assert ix.update().moved_from == [str(news)]
    ix.close()
    assert library.index_version() != before


def test_the_same_folder_named_through_a_symbolic_link_is_not_another_corpus(news, tmp_path):
    """`cd ~/news && reader --corpus . list` (the working folder is the link's target) after
    `reader --corpus ~/news index` (a link): one index folder for both (default_index_dir
    resolves), but every reading command said "the index was last updated for other corpus
    folders", and the update called the folder "a copy of it now"."""
    link = tmp_path / "news-link"
    link.symlink_to(news, target_is_directory=True)
    index_dir = tmp_path / "indexes" / "news-1"
    ix = CorpusIndex([link], index_dir)
    try:
        assert ix.freshness()["roots_changed"] is False
        report = ix.update()
        assert counts(report) == (0, 0, 0, N) and report.notice is None
        assert ix.freshness()["roots_changed"] is False
    finally:
        ix.close()
    ix = CorpusIndex([news], index_dir)  # and back: the same again
    try:
        assert ix.freshness()["roots_changed"] is False
        assert ix.update().notice is None
        assert {hit.path for hit in ix.search("inflation")} <= {str(p) for p in news.rglob("*") if p.is_file()}
    finally:
        ix.close()
    elsewhere = tmp_path / "copy"
    shutil.copytree(news, elsewhere)
    ix = CorpusIndex([elsewhere], index_dir)  # a real copy is still another folder
    try:
        assert ix.freshness()["roots_changed"] is True
    finally:
        ix.close()


def test_a_folder_moved_with_most_of_its_files_renamed_keeps_its_index(news, tmp_path):
    """`mv ~/news ~/archive/news` and three of its five files renamed before the next update: too
    few files were at their old paths for the index to be carried over, so it was built anew and
    nothing followed the renamed articles (their marks stayed under the old folder, out of view).
    A file renamed keeps its size and time: found anywhere in the folder, it counts."""
    moved_to = move(news, tmp_path / "archive" / "news")
    (moved_to / "reuters").rename(moved_to / "wires")
    (moved_to / "bbc" / "football.md").rename(moved_to / "bbc" / "cup-final.md")
    report, articles, _ = update(moved_to, tmp_path / "indexes" / "news-2")
    assert report.moved_from == [str(news)]
    assert report.renamed == {
        "reuters/budget-vote": "wires/budget-vote",
        "reuters/storm": "wires/storm",
        "bbc/football": "bbc/cup-final",
    }
    assert counts(report) == (0, 0, 0, N - 3)  # nothing read again
    assert sorted(a.id for a in articles) == sorted(
        ["ap/budget-vote", "ap/inflation", "bbc/cup-final", "wires/budget-vote", "wires/storm"]
    )


def test_a_gone_folder_whose_files_are_elsewhere_only_by_size_is_not_taken_over(news, tmp_path):
    """Another corpus with files of the same sizes but other times (and contents) is no move."""
    other = tmp_path / "other"
    for path in news.rglob("*.md"):
        twin = other / "x" / f"{path.parent.name}-{path.name}"
        twin.parent.mkdir(parents=True, exist_ok=True)
        twin.write_bytes(b"y" * path.stat().st_size)
    shutil.rmtree(news)
    report, _, _ = update(other, tmp_path / "indexes" / "news-2")
    assert not report.moved_from
    assert counts(report)[0] == N


def test_a_copy_with_every_tenth_file_edited_is_still_a_copy(tmp_path):
    """A corpus copied elsewhere (no times kept) with one file in ten edited in name order: the
    sample of files compared (every n-th by name) met an edited file every other time (share
    0.5 < MOVED_SHARE), so the copy was not re-linked and every file was re-keyed as renamed
    (9,900 at 10,000 articles); sampled in the order of a hash of the keys, it is a copy.
    The keys hold tmp_path, so the sample differs from run to run: 1,000 files and the whole
    sample (20 edited in 200 on average, 41 needed to fail: never in practice; 100 files and a
    sample of 20 failed one run in 40)."""
    from reader.index import store

    assert moved.SAMPLE == 200
    old, new = tmp_path / "news", tmp_path / "elsewhere" / "news"
    files = {}
    for n in range(1000):
        path = old / f"{n:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Report {n}\n---\n\nText of report {n}.\n", encoding="utf-8")
        st = path.stat()
        files[str(path)] = ([st.st_size, st.st_mtime_ns, 0, 0], store.content_hash(path))
    shutil.copytree(old, new, copy_function=shutil.copyfile)  # `cp -r`: new times
    for n in range(0, 1000, 10):
        edited = new / f"{n:04d}.md"
        edited.write_text(edited.read_text(encoding="utf-8") + "An update added this sentence.\n", encoding="utf-8")
    found = moved.mapping([str(old)], [str(new)], files, original_may_remain=True)
    assert found is not None and found[0] == {str(old): str(new)}


_WAITING_UPDATE = """
import json, sys
from reader.index import CorpusIndex
from reader.index.lock import WAITING
from reader.index.moved import CARRY_OVER_WAITING
ix = CorpusIndex([sys.argv[1]], sys.argv[2], carry_over=sys.argv[3:] == ["carry-over"])
ix.lock_timeout = 120
def progress(done, total, message):
    if message == WAITING:
        print("waiting", flush=True)
    elif message == CARRY_OVER_WAITING:
        print("waiting to carry it over", flush=True)
try:
    print(json.dumps({"report": ix.update(progress=progress).to_dict()}), flush=True)
except Exception as exc:
    print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
"""


def _line(proc: subprocess.Popen, deadline: float) -> str:
    """The child's next line of output, failing the test past `deadline` (never a fixed sleep)."""
    import select
    import time

    while time.monotonic() < deadline:
        if select.select([proc.stdout], [], [], 0.5)[0]:
            return proc.stdout.readline()
        assert proc.poll() is None, "the child ended before it said anything"
    raise AssertionError("the child said nothing in time")


def test_a_process_waiting_for_the_lock_of_an_index_carried_over_neither_writes_nor_recreates_it(
    news, tmp_path, monkeypatch
):
    """The app, open on the corpus before it was moved, updates it while another process carries
    its index over: it waits for the lock that take_over holds, and take_over deletes that lock
    file with the folder it emptied. The waiter then held a lock no other process sees (a second
    writer could take a new file's) and wrote into a folder that was gone; it must stop, say
    why, and leave the carried-over index and the cache as they are."""
    import time

    old_dir = tmp_path / "indexes" / "news-1"
    moved_to = move(news, tmp_path / "archive" / "news")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    real_remove = moved._remove_emptied
    children: list[subprocess.Popen] = []

    def remove_once_another_waits(folder: Path) -> None:
        child = subprocess.Popen(
            [sys.executable, "-c", _WAITING_UPDATE, str(news), str(old_dir)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        children.append(child)
        assert _line(child, time.monotonic() + 120).strip() == "waiting"  # for the lock held here
        real_remove(folder)

    monkeypatch.setattr(moved, "_remove_emptied", remove_once_another_waits)
    try:
        report, articles, _ = update(moved_to, tmp_path / "indexes" / "news-2")
        assert report.moved_from == [str(news)] and len(articles) == N
        said = json.loads(_line(children[0], time.monotonic() + 120))
    finally:
        for child in children:
            child.kill() if child.poll() is None else None
            child.wait()
    assert said == {"error": "IndexMovedAway: " + lock.MOVED_AWAY.format(index_dir=old_dir)}
    assert not old_dir.exists()  # nothing recreated where the index was
    _report, articles, hits = update(moved_to, tmp_path / "indexes" / "news-2")
    assert sorted(a.id for a in articles) == sorted(ARTICLES) and hits


def test_a_lock_taken_on_a_lock_file_deleted_meanwhile_is_taken_again_on_the_one_there(tmp_path, monkeypatch):
    """A lock on a file no longer at the lock's path excludes no one: taken again on the file
    there now (the folder is still ours), so a second process's lock attempt fails."""
    import fcntl

    from reader.index.state import LOCK_NAME

    index_dir = tmp_path / "ix"
    real = lock.wait_for_flock
    calls = []

    def flocked_then_file_deleted(fh, *args, **kwargs):
        held = real(fh, *args, **kwargs)
        if not calls:
            (index_dir / LOCK_NAME).unlink()  # as a take_over emptying the folder, but the marker stays
        calls.append(held)
        return held

    monkeypatch.setattr(lock, "wait_for_flock", flocked_then_file_deleted)
    held = lock.acquire(index_dir, 1)
    try:
        assert calls == [True, True] and lock.is_the_lock_file(held, index_dir)
        with open(index_dir / LOCK_NAME, "rb") as other, pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        lock.release(held)


def test_a_lock_file_never_the_one_at_its_path_is_locked_after_a_few_tries_not_for_ever(tmp_path, monkeypatch):
    """A file system whose inode numbers differ between an open file and its path (no identity to
    compare) had acquire() take the lock again for ever: it goes on after lock.RELOCKS tries."""
    checks = []

    def never_the_same(fh, index_dir):
        checks.append(index_dir)
        assert len(checks) < 50, "acquire() kept taking the lock again"
        return False

    monkeypatch.setattr(lock, "is_the_lock_file", never_the_same)
    held = lock.acquire(tmp_path / "ix", 1)
    try:
        assert len(checks) == lock.RELOCKS - 1
    finally:
        lock.release(held)


def test_fetch_says_an_index_carried_over_as_such_not_as_busy(monkeypatch, capsys):
    """`reader fetch` indexing what it stored when the index was carried over meanwhile said
    "another process is updating the index" (IndexMovedAway is an IndexBusy); it says why, even
    with --quiet, and the fetch's report goes on."""
    from reader.commands import feeds
    from reader.index.state import IndexMovedAway

    class Library:
        def update(self, progress=None):
            raise IndexMovedAway(lock.MOVED_AWAY.format(index_dir="/cache/news-1"))

        def command_line(self, words):
            return f"reader {words}"

    for quiet in (False, True):
        assert feeds._index_fetched(Library(), quiet=quiet) is None
        err = capsys.readouterr().err
        assert "was carried over to another folder" in err and "another process is updating" not in err


def test_a_reading_command_whose_index_was_carried_over_meanwhile_says_so_not_busy(news, tmp_path, monkeypatch):
    """A reading command's update that finds the index carried over while it waited went on
    "another process is updating the index; using its last committed state" when the index it
    had opened still answered: the folder is gone, so it raises why instead (exit 3, said)."""
    from reader.index.state import IndexMovedAway
    from reader.library import Library

    library = Library([news], tmp_path / "indexes" / "news-1", auto_update=True)
    notices: list[str] = []
    library.on_notice = notices.append
    carried = IndexMovedAway(lock.MOVED_AWAY.format(index_dir=tmp_path / "indexes" / "news-1"))

    def update(progress=None):
        raise carried

    monkeypatch.setattr(library.index, "update", update)
    try:
        with pytest.raises(IndexMovedAway):
            library.ensure_index()
        assert not [n for n in notices if "another process is updating" in n]
    finally:
        library.close()


_PARKED_SWEEP = """
import sys
from pathlib import Path
from reader.index import resume
real = resume._unusable
def parked(index_dir, code):
    print("holding", flush=True)  # under the folder's lock: the parent lets it go on
    sys.stdin.readline()
    return real(index_dir, code)
resume._unusable = parked
print(resume.sweep_abandoned(Path(sys.argv[1])), flush=True)
"""


def test_an_update_carries_the_index_over_while_another_process_s_sweep_holds_its_lock(news, tmp_path):
    """Another corpus's update sweeps the cache (resume.sweep_abandoned) and holds the old folder's
    lock for a moment: the moved corpus's update then gave up the carrying over and built its
    index from nothing. It waits for the lock, as for its own, and carries the index over."""
    import time

    old_dir = tmp_path / "indexes" / "news-1"
    (old_dir / resume.FOLDER_NAME).mkdir()  # what a build killed after its commit leaves: swept
    (old_dir / resume.FOLDER_NAME / resume.CODE_STAMP_NAME).write_text(resume.code_key())
    moved_to = move(news, tmp_path / "archive" / "news")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    sweep = subprocess.Popen(
        [sys.executable, "-c", _PARKED_SWEEP, str(tmp_path / "indexes")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    updating = None
    try:
        assert _line(sweep, time.monotonic() + 120).strip() == "holding"
        updating = subprocess.Popen(
            [sys.executable, "-c", _WAITING_UPDATE, str(moved_to), str(tmp_path / "indexes" / "news-2"), "carry-over"],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        # for the sweep's lock, said as that ("to finish updating the index" was not what it did)
        assert _line(updating, time.monotonic() + 120).strip() == "waiting to carry it over"
        sweep.stdin.write("\n")
        sweep.stdin.flush()
        said = json.loads(_line(updating, time.monotonic() + 120))
    finally:
        for child in (sweep, updating):
            if child is not None:
                child.kill() if child.poll() is None else None
                child.wait()
    report = said["report"]
    assert report["moved_from"] == [str(news)]
    assert (report["indexed"], report["unchanged"]) == (0, N)
    assert not old_dir.exists()


def test_an_index_carried_over_before_take_over_locks_it_is_not_made_again(news, tmp_path):
    """find() chose it; another process carried it over (and deleted its folder) before this one
    took its lock: taking the lock claimed the folder, and left an empty index folder behind."""
    moved_to = move(news, tmp_path / "archive" / "news")
    gone = tmp_path / "indexes" / "news-gone"
    target = tmp_path / "indexes" / "news-2"
    held = lock.acquire(target, 1)
    try:
        assert moved.take_over(gone, target, [str(moved_to)], False, None) is None
    finally:
        lock.release(held)
    assert not gone.exists()
