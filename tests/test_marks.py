"""Read marks and bookmarks: stored in the user data dir by corpus folder and article id, kept
across index rebuilds and when a folder joins the corpus."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from contextlib import closing

import pytest

from conftest import SEEDS, foreign_database
from reader.library import Library
from reader.state.marks import Mark, MarksUnreadable, MarkStore, root_key


def test_store_sets_clears_and_lists(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    store = MarkStore(tmp_path / "data" / "marks.sqlite3", [tmp_path / "a"])
    assert store.all() == {} and store.get("x") == Mark()
    assert not (tmp_path / "data").exists(), "reading creates nothing"
    store.put({"x": Mark(read=True), "y": Mark(read=True, starred=True)})
    assert store.all() == {"x": Mark(read=True), "y": Mark(read=True, starred=True)}
    store.put({"x": Mark()})
    assert store.get("x") == Mark()
    assert "x" not in store.all()  # unmarked articles are not listed
    store.put({"z": Mark(read=True, starred=True)})
    assert store.get("z") == Mark(read=True, starred=True)
    # Another corpus has marks of its own, even for the same ids.
    other = MarkStore(store.path, [tmp_path / "b"])
    assert other.all() == {}
    other.put({"y": Mark(starred=True)})
    assert other.get("y") == Mark(starred=True) and store.get("y") == Mark(read=True, starred=True)


def test_a_folder_joining_the_corpus_keeps_the_marks(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "fetched" / "feed").mkdir(parents=True)
    (tmp_path / "news" / "story.txt").write_text("x", encoding="utf-8")
    (tmp_path / "fetched" / "feed" / "entries.jsonl").write_text("{}", encoding="utf-8")
    alone = MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "news"])
    alone.put({"story": Mark(starred=True)})
    both = MarkStore(alone.path, [tmp_path / "news", tmp_path / "fetched"])
    assert both.all() == {"story": Mark(starred=True)}
    # Each is stored under the folder holding it.
    both.put({"feed/entries#3": Mark(read=True), "story": Mark(read=True, starred=True)})
    assert both.all() == {"story": Mark(read=True, starred=True), "feed/entries#3": Mark(read=True)}
    assert alone.all() == {"story": Mark(read=True, starred=True)}
    assert MarkStore(alone.path, [tmp_path / "fetched"]).all() == {"feed/entries#3": Mark(read=True)}


def test_store_is_safe_from_many_threads(tmp_path):
    store = MarkStore(tmp_path / "marks.sqlite3", [tmp_path])
    errors = []

    def mark(n):
        try:
            store.put({f"a{n}-{i}": Mark(read=True) for i in range(20)})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=mark, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(store.all()) == 160


WRITER = """
import sys, time
from reader.state.marks import MarkStore, StoredMark
store, who = MarkStore(sys.argv[1], [sys.argv[2]]), sys.argv[3]
for n in range(60):
    if who == "import":  # as `reader state import` merges, a batch in one transaction
        store.merge([StoredMark(store.keys[0], f"import-{n}-{i}", True, False, time.time()) for i in range(20)])
    else:  # as a window saves each mark set, and reads them all now and then
        store.change({f"{who}-{n}": {"starred": True}})
        if n % 10 == 0:
            store.all()
"""


def test_two_windows_and_an_import_writing_at_once_lose_no_mark_and_raise_nothing(tmp_path):
    """Three processes (two app windows setting marks, a `state import`) write the marks file at
    once: every mark is kept, and none of them meets "database is locked"."""
    import subprocess
    import sys

    from conftest import cli_env

    path = tmp_path / "data" / "marks.sqlite3"
    MarkStore(path, [tmp_path]).put({"first": Mark(read=True)})  # the file made before the race
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(tmp_path), who],
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("window1", "window2", "import")
    ]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    assert [(writer.returncode, err) for writer, (_, err) in zip(writers, outputs)] == [(0, "")] * 3
    marks = MarkStore(path, [tmp_path]).all()
    assert len(marks) == 1 + 60 + 60 + 60 * 20
    assert all(marks[f"window{w}-{n}"] == Mark(starred=True) for w in (1, 2) for n in range(60))


def test_root_key_ignores_spelling(tmp_path):
    (tmp_path / "a").mkdir()
    assert root_key(tmp_path / "a") == root_key(tmp_path / "a" / ".." / "a")


def test_library_marks_live_in_the_data_dir_and_survive_a_rebuild(tmp_path, isolated_dirs):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    before = sorted(p.name for p in corpus.rglob("*"))
    library = Library([corpus], tmp_path / "index", auto_update=False)
    library.update()
    first, second = [a.id for a in library.articles()]
    library.marks.put({first: Mark(read=True), second: Mark(starred=True)})
    library.update(rebuild=True)
    library.close()
    shutil.rmtree(isolated_dirs["cache"])  # the cache is disposable; marks are not in it
    again = Library([corpus], tmp_path / "index2", auto_update=False)
    assert again.marks.all() == {first: Mark(read=True), second: Mark(starred=True)}
    assert again.marks.path.is_relative_to(isolated_dirs["data"])
    assert sorted(p.name for p in corpus.rglob("*")) == before, "nothing is written into the corpus"
    again.close()


def test_marks_that_cannot_be_saved_say_why_in_words(tmp_path):
    """SQLite says "unable to open database file" for a read-only data folder: the error names
    the file and the reason instead."""
    import pytest

    import tmpfs_helpers
    from reader.state.marks import MarksNotSaved

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    store = MarkStore(blocker / "marks.sqlite3", [tmp_path])
    with pytest.raises(MarksNotSaved, match="not-a-folder/marks.sqlite3: its folder is a file, not a folder"):
        store.put({"a": Mark(read=True)})
    with tmpfs_helpers.small_disk(tmp_path / "disk", "1m") as disk:
        (disk.path / "reader").mkdir()
        kept = MarkStore(disk.path / "reader" / "kept.sqlite3", [tmp_path])
        kept.put({"a": Mark(starred=True)})
        disk.remount("ro")
        with pytest.raises(MarksNotSaved) as raised:
            MarkStore(disk.path / "reader" / "marks.sqlite3", [tmp_path]).put({"a": Mark(read=True)})
        assert str(raised.value).endswith("marks.sqlite3: the folder is on a read-only file system")
        with pytest.raises(MarksNotSaved, match="the file is on a read-only file system"):
            kept.put({"a": Mark(read=True)})
        assert kept.all() == {"a": Mark(starred=True)}  # still read


def test_the_advice_to_move_a_file_out_of_the_way_follows_the_file_not_the_words(tmp_path, monkeypatch):
    """The advice to move the file in the data folder's place is given when a file is there, its
    own folder or one above it, and not because the reason's words say so (it matched the text
    "is a file, not a folder", which a file's name in a reason may hold)."""
    import pytest

    from reader.state import marks
    from reader.state.marks import MarksNotSaved

    move = "move that file out of the way (the folder is made again) or set READER_DATA_DIR"
    for blocker, below in ((tmp_path / "a-file", ()), (tmp_path / "b-file", ("data",))):
        blocker.write_text("", encoding="utf-8")
        with pytest.raises(MarksNotSaved) as raised:
            MarkStore(blocker.joinpath(*below, "marks.sqlite3"), [tmp_path]).put({"a": Mark(read=True)})
        assert "is a file, not a folder" in str(raised.value) and raised.value.advice.startswith(move)
    monkeypatch.setattr(marks, "why_not_written", lambda path, exc: "x is a file, not a folder (a name)")
    (tmp_path / "data" / "marks.sqlite3").mkdir(parents=True)  # a folder where the file goes: no file in the way
    with pytest.raises(MarksNotSaved) as raised:
        MarkStore(tmp_path / "data" / "marks.sqlite3", [tmp_path]).put({"a": Mark(read=True)})
    assert raised.value.advice == "set READER_DATA_DIR to a folder you can write to, to keep them"


def test_a_damaged_marks_file_is_named_kept_and_says_what_to_do(tmp_path):
    """SQLite's "file is not a database" named no file and the app's hint (READER_DATA_DIR)
    was wrong for it: the file is damaged, and `reader state repair` is the way out."""

    import pytest

    from reader.state.marks import MarksNotSaved, MarksUnreadable

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"\x00junk" * 500)
    for path in (garbage,):
        before = path.read_bytes()
        store = MarkStore(path, [tmp_path])
        for read in (store.all, lambda: store.get("a")):
            with pytest.raises(MarksUnreadable, match="`reader state repair` sets it aside") as raised:
                read()
            assert str(raised.value).startswith(f"{path}: the file is damaged or not a marks database")
        with pytest.raises(MarksNotSaved) as not_saved:
            store.put({"a": Mark(read=True)})
        assert "damaged" in str(not_saved.value) and "`reader state repair`" in not_saved.value.advice
        assert path.read_bytes() == before, "never changed"


def test_a_full_disk_says_so(tmp_path):
    import pytest

    import tmpfs_helpers
    from reader.state.marks import MarksNotSaved

    with tmpfs_helpers.small_disk(tmp_path / "disk", "256k") as disk:
        store = MarkStore(disk.path / "marks.sqlite3", [tmp_path])
        store.put({"kept": Mark(starred=True)})
        disk.fill()
        with pytest.raises(MarksNotSaved) as raised:
            store.put({f"article-{n}": Mark(read=True) for n in range(5000)})
        assert str(raised.value).endswith("marks.sqlite3: the disk is full")
        assert raised.value.advice == "free some space on it"
        assert store.all() == {"kept": Mark(starred=True)}


def test_changing_one_field_keeps_the_other_as_stored(tmp_path):
    """Two windows: one marks an article read, the other (its copy of the mark older) stars it.
    Whole marks were written, and the star undid the read mark."""
    one = MarkStore(tmp_path / "marks.sqlite3", [tmp_path])
    other = MarkStore(tmp_path / "marks.sqlite3", [tmp_path])
    one.change({"a": {"read": True}})
    other.change({"a": {"starred": True}, "b": {"starred": True}})
    assert one.all() == {"a": Mark(read=True, starred=True), "b": Mark(starred=True)}
    one.put({"a": Mark(read=False, starred=False)})  # put still stores whole marks
    assert one.get("a") == Mark()


def _articles(folder, *names):
    folder.mkdir(parents=True)
    for name in names:
        (folder / f"{name}.txt").write_text(name, encoding="utf-8")


def test_a_moved_or_renamed_corpus_folder_keeps_its_marks(tmp_path):
    """Marks are keyed by the folder's path: after `mv ~/news ~/archive/news` they vanished from
    view. The moved folder takes over the marks of the folder that is gone, when they are its
    articles; nothing is taken from another corpus, and a copy made before has its own."""
    path = tmp_path / "marks.sqlite3"
    _articles(tmp_path / "news", "a", "b", "c")
    MarkStore(path, [tmp_path / "news"]).put({"a": Mark(read=True), "b": Mark(starred=True)})
    _articles(tmp_path / "elsewhere", "x", "y")
    MarkStore(path, [tmp_path / "elsewhere"]).put({"x": Mark(read=True)})

    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "news", copy)
    MarkStore(path, [copy]).put({"c": Mark(read=True)})  # the copy's own, before it was ever read

    moved = tmp_path / "archive" / "news-2016"
    moved.parent.mkdir()
    (tmp_path / "news").rename(moved)
    shutil.rmtree(tmp_path / "elsewhere")  # gone too, but its articles are not these
    assert MarkStore(path, [moved]).all() == {"a": Mark(read=True), "b": Mark(starred=True)}
    assert MarkStore(path, [moved]).get("b") == Mark(starred=True)
    # the copy kept those it started from and its own: the moved folder's did not go to it
    assert MarkStore(path, [copy]).all() == {"a": Mark(read=True), "b": Mark(starred=True), "c": Mark(read=True)}
    # a marked folder does not gather a gone folder's marks on top of its own
    _articles(tmp_path / "fresh", "x")
    fresh = MarkStore(path, [tmp_path / "fresh"])
    fresh.put({"x": Mark(starred=True)})
    assert fresh.all() == {"x": Mark(starred=True)}


def test_a_copied_corpus_folder_starts_from_the_marks_of_its_original(tmp_path):
    """`cp -r news news2`, then `reader --corpus news2`: marks are keyed by the folder, and the
    copy showed none of them. A folder with no marks of its own starts from those of a folder still
    on disk whose marked articles are, for the most part, its files with the same contents; from
    then on each folder keeps its own (a mark set in one is not set in the other)."""
    path = tmp_path / "marks.sqlite3"
    _articles(tmp_path / "news", "a", "b", "c")
    original = MarkStore(path, [tmp_path / "news"])
    original.put({"a": Mark(read=True), "b": Mark(starred=True)})

    copy = tmp_path / "news2"
    shutil.copytree(tmp_path / "news", copy, copy_function=shutil.copy)  # new times, as `cp -r`
    assert MarkStore(path, [copy]).all() == {"a": Mark(read=True), "b": Mark(starred=True)}
    MarkStore(path, [copy]).put({"c": Mark(read=True), "a": Mark()})
    assert original.all() == {"a": Mark(read=True), "b": Mark(starred=True)}, "the original's stay its own"
    original.put({"b": Mark()})
    assert MarkStore(path, [copy]).all() == {"b": Mark(starred=True), "c": Mark(read=True)}

    # the same names with other contents (another corpus laid out alike) take nothing
    other = tmp_path / "other"
    other.mkdir()
    for name in "abc":
        (other / f"{name}.txt").write_text(f"another {name}", encoding="utf-8")
    assert MarkStore(path, [other]).all() == {}
    # nor does a corpus holding the original beside its copy: each folder keeps its own
    _articles(tmp_path / "alone", "a")
    MarkStore(path, [tmp_path / "alone"]).put({"a": Mark(read=True)})
    shutil.copytree(tmp_path / "alone", tmp_path / "alone2")
    both = MarkStore(path, [tmp_path / "alone", tmp_path / "alone2"])
    assert both.all() == {"a": Mark(read=True)}
    with closing(sqlite3.connect(path)) as db:
        copied = db.execute("SELECT 1 FROM marks WHERE corpus = ?", (str((tmp_path / "alone2").resolve()),))
        assert copied.fetchall() == []


def test_a_copied_corpus_shows_the_marks_in_the_library(tmp_path, isolated_dirs):
    """The whole way a user meets it: the index of the copy built, its lists show the marks."""
    library, corpus = _library_with_marked_corpus(tmp_path)
    library.close()
    copy = tmp_path / "news2"
    shutil.copytree(corpus, copy, copy_function=shutil.copy)
    copied = Library([copy], tmp_path / "index2", auto_update=False)
    copied.update()
    assert copied.marks.get("reuters/storm") == Mark(read=True)
    assert copied.marks.get("bbc/football") == Mark(starred=True)
    copied.close()


def test_the_first_mark_in_a_moved_folder_keeps_the_older_ones(tmp_path):
    path = tmp_path / "marks.sqlite3"
    _articles(tmp_path / "news", "a", "b")
    MarkStore(path, [tmp_path / "news"]).put({"a": Mark(read=True)})
    (tmp_path / "news").rename(tmp_path / "renamed")
    store = MarkStore(path, [tmp_path / "renamed"])
    store.put({"b": Mark(starred=True)})  # set before anything was read
    assert store.all() == {"a": Mark(read=True), "b": Mark(starred=True)}


def _library_with_marked_corpus(tmp_path):
    """(library, corpus): the index built, one article read and one starred."""
    from test_index_helpers import make_corpus

    corpus = make_corpus(tmp_path / "news")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    library.update()
    library.marks.put({"reuters/storm": Mark(read=True), "bbc/football": Mark(starred=True)})
    return library, corpus


def test_marks_follow_a_file_or_folder_renamed_inside_the_corpus(tmp_path, isolated_dirs):
    """Marks are keyed by the article id, its path: a renamed file or folder lost them. The
    update recognises the file by its contents and the marks go with it."""
    library, corpus = _library_with_marked_corpus(tmp_path)
    (corpus / "reuters").rename(corpus / "wires")
    (corpus / "bbc" / "football.md").rename(corpus / "bbc" / "cup-final.md")
    report = library.update()
    assert report.renamed["reuters/storm"] == "wires/storm"
    assert library.marks.all() == {"wires/storm": Mark(read=True), "bbc/cup-final": Mark(starred=True)}
    library.close()
    # stored: another window (a new Library) sees them too
    again = Library([corpus], tmp_path / "index", auto_update=False)
    assert again.marks.all() == {"wires/storm": Mark(read=True), "bbc/cup-final": Mark(starred=True)}
    again.close()


def test_marks_follow_a_corpus_folder_moved_and_a_folder_renamed_inside_it_at_once(tmp_path, isolated_dirs):
    """`mv ~/news ~/archive/news` and `mv ~/archive/news/reuters ~/archive/news/wires` before the
    next update: the index was carried over and found the renamed files, but the marks stayed
    under the old folder's path. Half of its marked articles were under their old names, too
    few for the folder to take its marks over, so every mark was lost from view, the bbc
    article's (never renamed) with the rest."""
    library, corpus = _library_with_marked_corpus(tmp_path)
    library.close()
    moved = tmp_path / "archive" / "news"
    moved.parent.mkdir()
    corpus.rename(moved)
    (moved / "reuters").rename(moved / "wires")
    library = Library([moved], tmp_path / "index", auto_update=False)
    # as the app reads them at launch, before the update: half of them under their names here
    assert library.marks.all() == {}
    report = library.update()
    assert report.renamed["reuters/storm"] == "wires/storm"
    expected = {"wires/storm": Mark(read=True), "bbc/football": Mark(starred=True)}
    assert library.marks.all() == expected
    library.close()
    again = Library([moved], tmp_path / "index", auto_update=False)
    assert again.marks.all() == expected
    again.close()


def test_marks_follow_files_swapped_or_renamed_in_a_chain_inside_the_corpus(tmp_path, isolated_dirs):
    """`mv storm.md tmp; mv football.md storm.md; mv tmp football.md`, or a chain of renames onto a
    name another file just left: the index saw two files edited in place, so each mark stayed on
    its path, on the other article now there (the read storm article showed as the cup final)."""
    library, corpus = _library_with_marked_corpus(tmp_path)
    storm, football = corpus / "reuters" / "storm.md", corpus / "bbc" / "football.md"
    storm.rename(tmp_path / "swap.md")
    football.rename(storm)
    (tmp_path / "swap.md").rename(football)
    report = library.update()
    assert report.renamed == {"reuters/storm": "bbc/football", "bbc/football": "reuters/storm"}
    assert (report.updated, report.indexed, report.removed) == (0, 0, 0)
    assert library.marks.all() == {"bbc/football": Mark(read=True), "reuters/storm": Mark(starred=True)}
    assert "Storm" in library.article("bbc/football").title
    # a chain: the storm's file (now bbc/football) to a new name, the cup final's onto the name it left
    football.rename(corpus / "bbc" / "cup.md")
    storm.rename(football)
    report = library.update()
    assert report.renamed == {"reuters/storm": "bbc/football", "bbc/football": "bbc/cup"}
    assert library.marks.all() == {"bbc/cup": Mark(read=True), "bbc/football": Mark(starred=True)}
    assert "Cup final" in library.article("bbc/football").title
    library.close()


def test_marks_follow_a_folder_moved_with_most_of_its_files_renamed(tmp_path, isolated_dirs):
    """`mv ~/news ~/archive/news`, then three of its five files renamed, before the next update:
    the index was not carried over (too few files at their old places), the corpus was indexed
    anew, and the marks stayed under the old folder's path, out of view."""
    from test_index_helpers import make_corpus

    corpus = make_corpus(tmp_path / "news")
    library = Library([corpus], auto_update=False)  # the default index folder, as the app's
    library.update()
    library.marks.put({"reuters/storm": Mark(read=True), "bbc/football": Mark(starred=True)})
    library.close()
    moved = tmp_path / "archive" / "news"
    moved.parent.mkdir()
    corpus.rename(moved)
    (moved / "reuters").rename(moved / "wires")
    (moved / "bbc" / "football.md").rename(moved / "bbc" / "cup-final.md")
    library = Library([moved], auto_update=False)
    report = library.update()
    assert report.moved_from == [str(corpus)]
    assert library.marks.all() == {"wires/storm": Mark(read=True), "bbc/cup-final": Mark(starred=True)}
    library.close()


def test_marks_of_a_file_with_an_identical_twin_stay_on_the_old_id(tmp_path, isolated_dirs):
    """Two files of the same contents renamed: which became which cannot be told, so nothing is
    guessed, and the marks are kept (under the old id), never dropped."""
    from test_index_helpers import ARTICLES, write_article

    library, corpus = _library_with_marked_corpus(tmp_path)
    write_article(corpus, "reuters/storm-copy", *ARTICLES["reuters/storm"])
    library.update()
    library.marks.put({"reuters/storm-copy": Mark(starred=True)})
    (corpus / "reuters").rename(corpus / "wires")
    assert library.update().renamed == {"reuters/budget-vote": "wires/budget-vote"}
    assert library.marks.all() == {
        "reuters/storm": Mark(read=True),
        "reuters/storm-copy": Mark(starred=True),
        "bbc/football": Mark(starred=True),
    }
    library.close()


def test_an_article_renamed_onto_a_name_with_marks_of_its_own_brings_its_marks(tmp_path):
    """`mv a.md b.md` over a starred b: b's star stayed, so a's text (never starred) showed starred,
    and a's read mark stayed on a name no file has. The marks were of b's text, gone now."""
    path = tmp_path / "marks.sqlite3"
    _articles(tmp_path / "news", "a", "b", "c")
    store = MarkStore(path, [tmp_path / "news"])
    store.put({"a": Mark(read=True), "b": Mark(starred=True), "c": Mark(starred=True)})
    before = {m.article: m.changed for m in store.stored()}
    store.follow_renamed({"a": "b"})
    assert store.all() == {"b": Mark(read=True), "c": Mark(starred=True)}
    assert {m.article: m.changed for m in store.stored()}["b"] > before["a"]  # an older export does not win
    store.follow_renamed({"x": "c"})  # an unmarked article renamed onto c: c's star is not its own
    assert store.all() == {"b": Mark(read=True)}
    store.follow_renamed({"b": "d"})
    assert store.all() == {"d": Mark(read=True)}


def test_marks_of_swapped_and_chained_renames_all_go_to_their_new_ids(tmp_path):
    """Applied one by one, a swap kept each mark where it was (the other's was in the way), so
    each marked the other article, and a chain (a to b, b to c) took a's mark on to c."""
    path = tmp_path / "marks.sqlite3"
    _articles(tmp_path / "news", "a", "b", "c", "d")
    store = MarkStore(path, [tmp_path / "news"])
    store.put({"a": Mark(read=True), "b": Mark(starred=True)})
    store.follow_renamed({"a": "b", "b": "a"})
    assert store.all() == {"a": Mark(starred=True), "b": Mark(read=True)}
    store.follow_renamed({"b": "c", "a": "b"})
    assert store.all() == {"b": Mark(starred=True), "c": Mark(read=True)}
    # d's own marks, of the text b's file replaced, give way to b's, and c's go on to b
    store.put({"d": Mark(read=True, starred=True)})
    store.follow_renamed({"b": "d", "c": "b"})
    assert store.all() == {"b": Mark(read=True), "d": Mark(starred=True)}


def test_renamed_articles_write_no_marks_file_when_none_was_set(tmp_path):
    store = MarkStore(tmp_path / "marks.sqlite3", [tmp_path])
    store.follow_renamed({"a": "b"})
    assert not store.path.exists()


def test_another_applications_database_at_the_marks_path_is_refused_and_left_as_it_was(tmp_path):
    """A bookmarks database of another app at the marks path got our `marks` table added to it:
    refused now, with the file named and what to do, and not one byte of it changed."""
    import pytest

    from reader.state.marks import MarksForeign, MarksNotSaved, MarksUnreadable

    cases = {
        "bookmarks.sqlite3": (["CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, title TEXT)"], "moz_bookmarks"),
        # Another app that has a table of that name, and one that stamps its files as its own.
        "shape.sqlite3": (["CREATE TABLE marks (x)"], "other columns: x"),
        "stamped.sqlite3": (
            ["PRAGMA application_id = 1234", *SCHEMA_STATEMENTS],
            "application_id is 0x000004d2",
        ),
        # Hit by the old bug: another app's tables and ours beside them.
        "mixed.sqlite3": (["CREATE TABLE notes (body TEXT)", *SCHEMA_STATEMENTS], "tables notes"),
    }
    for name, (statements, why) in cases.items():
        path = tmp_path / name
        before = foreign_database(path, statements)
        store = MarkStore(path, [tmp_path])
        for read in (store.all, lambda: store.get("a")):
            with pytest.raises(MarksForeign) as raised:
                read()
            assert isinstance(raised.value, MarksUnreadable)  # shown where an unreadable file is
            message = str(raised.value)
            assert message.startswith(f"{path}: not reader's marks file but another application's database")
            assert why in message and "set READER_DATA_DIR" in message, message
        with pytest.raises(MarksNotSaved) as not_saved:
            store.put({"a": Mark(read=True)})
        assert str(not_saved.value).startswith(f"{path}: not reader's marks file") and why in str(not_saved.value)
        assert "READER_DATA_DIR" in not_saved.value.advice
        with pytest.raises(MarksNotSaved):
            store.follow_renamed({"a": "b"})
        assert path.read_bytes() == before, f"{name} never changed"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(name)) == [name], "no journal left"


SCHEMA_STATEMENTS = [
    "CREATE TABLE marks (corpus TEXT NOT NULL, article TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0, "
    "starred INTEGER NOT NULL DEFAULT 0, changed REAL NOT NULL, PRIMARY KEY (corpus, article))"
]


def test_marks_files_are_stamped_as_readers_and_older_ones_keep_working(tmp_path):
    """A new marks file carries reader's application_id; one an older reader wrote (no stamp,
    our table alone) is read as it is and stamped at the next write, its marks kept."""
    import sqlite3

    from reader.state.marks_db import APPLICATION_ID, LAYOUT_VERSION

    def stamp(path):
        with closing(sqlite3.connect(path)) as connection:
            return tuple(
                connection.execute(f"PRAGMA {name}").fetchone()[0] for name in ("application_id", "user_version")
            )

    new = MarkStore(tmp_path / "new" / "marks.sqlite3", [tmp_path])
    new.put({"a": Mark(read=True)})
    assert stamp(new.path) == (APPLICATION_ID, LAYOUT_VERSION)
    older = tmp_path / "older.sqlite3"
    key = root_key(tmp_path)
    foreign_database(older, [*SCHEMA_STATEMENTS, f"INSERT INTO marks VALUES ('{key}', 'kept', 1, 1, 0)"])
    store = MarkStore(older, [tmp_path])
    assert store.all() == {"kept": Mark(read=True, starred=True)}
    store.put({"new": Mark(starred=True)})
    assert stamp(older) == (APPLICATION_ID, LAYOUT_VERSION)
    assert store.all() == {"kept": Mark(read=True, starred=True), "new": Mark(starred=True)}
    # An empty file (created, never written) is no one else's either.
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert MarkStore(empty, [tmp_path]).all() == {}
    MarkStore(empty, [tmp_path]).put({"a": Mark(read=True)})
    assert stamp(empty) == (APPLICATION_ID, LAYOUT_VERSION)


def test_marks_left_behind_by_a_rename_are_said_in_the_apps_words_and_the_paths_own_backticks_stay(
    tmp_path, isolated_dirs
):
    """The index's notice that renamed articles' marks could not follow quotes the marks file's
    problem: the CLI writes its table name in backticks, the app's toast (no Markdown) showed
    them raw. Only those go on the screen: the folder's own backticks are the user's."""
    from reader.wording import on_screen

    library, corpus = _library_with_marked_corpus(tmp_path)
    folder = tmp_path / "odd`reader index`name"
    folder.mkdir()
    path = folder / "marks.sqlite3"
    foreign_database(path, ["CREATE TABLE marks (x)"])
    library.marks.path = path
    (corpus / "reuters").rename(corpus / "wires")
    notice = library.update().notice
    said = (
        f"the read marks and stars of renamed articles stay under their old names: {path}: not reader's "
        "marks file but another application's database (its `marks` table has other columns: x)"
    )
    assert notice == said  # the CLI's, as before
    assert on_screen(notice) == said.replace("its `marks` table", "its marks table")
    assert "odd`reader index`name" in on_screen(notice)
    library.close()


def test_the_stamp_tells_two_writes_of_the_same_size_in_the_same_tick_apart(tmp_path):
    # A window's look compared the file's identity, size and time: on a disk whose clock ticks
    # coarsely (FAT, a network share), a mark set in the same tick, the file's size unchanged,
    # was never seen. SQLite's change counter, which each write bumps, tells them apart.
    import os

    (tmp_path / "a").mkdir()
    store = MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "a"])
    assert store.stamp() is None  # no file yet
    store.put({"x": Mark(read=True)})
    before = store.stamp()
    status = os.stat(store.path)
    store.put({"x": Mark(read=True, starred=True)})
    os.utime(store.path, ns=(status.st_atime_ns, status.st_mtime_ns))  # the same tick
    after = store.stamp()
    assert before is not None and after is not None
    assert after[:3] == before[:3]  # identity, size and time: the same
    assert after != before


def test_the_stamp_sees_a_write_to_a_wal_database(tmp_path):
    # A marks file in WAL mode (set by another tool, or a copy of such a file): a write goes to
    # the -wal file and leaves the database file as it was (its counter is not bumped in WAL
    # mode) until a checkpoint, which waits while another connection holds the file open. A
    # window's look saw the same stamp and never showed the mark another window had set.
    import sqlite3
    from contextlib import closing

    (tmp_path / "a").mkdir()
    store = MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "a"])
    store.put({"x": Mark(read=True)})
    with closing(sqlite3.connect(store.path)) as other:
        assert other.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
        other.execute("SELECT count(*) FROM marks").fetchone()  # held open: no checkpoint on close
        before = store.stamp()
        store.put({"x": Mark(read=True, starred=True)})
        middle = store.stamp()
        store.put({"y": Mark(read=True)})
        after = store.stamp()
        assert store.all() == {"x": Mark(read=True, starred=True), "y": Mark(read=True)}
        assert store.stamp() == after  # a read is no change: the next look does not read again
    assert before is not None and middle is not None and after is not None
    assert len({before, middle, after}) == 3


def test_the_stamp_of_a_pipe_at_the_marks_path_is_none_at_once(tmp_path):
    # A window's look opened the file to read its counter: a named pipe there (or a device)
    # blocked the look for good, and the watcher, waiting for it to end, never looked again.
    import os
    import threading

    (tmp_path / "a").mkdir()
    store = MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "a"])
    os.mkfifo(store.path)
    stamps: list = []
    look = threading.Thread(target=lambda: stamps.append(store.stamp()), daemon=True)
    look.start()
    look.join(timeout=10)
    if look.is_alive():  # let the blocked open go, so the thread ends
        with open(store.path, "wb"):
            pass
        look.join(timeout=10)
    assert stamps == [None]
    with pytest.raises(MarksUnreadable, match="a folder .or other non-file."):
        store.all()  # not a file: said (a list showed no mark, and no warning)


def test_the_marks_a_look_shows_changed_are_those_that_differ():
    # The window's diff after a look (_marks_changed) skips the shared Mark without comparing
    # fields: it must still name every article whose mark differs, and only those, whether
    # the Marks are shared (a read's) or not (set here), and an article gone from either side.
    import random

    from reader.state.marks import UNMARKED
    from reader.tui.app import _marks_changed

    kinds = [Mark(read, starred) for read in (False, True) for starred in (False, True) if read or starred]
    rng = random.Random(7)
    for _ in range(200):
        ids = [f"id{n}" for n in range(rng.randint(0, 12))]
        shown = {i: rng.choice(kinds) for i in ids if rng.random() < 0.6}
        read = {
            i: Mark(**vars(rng.choice(kinds))) if rng.random() < 0.5 else rng.choice(kinds)
            for i in ids
            if rng.random() < 0.6
        }
        expected = {
            i: read.get(i, UNMARKED) for i in set(shown) | set(read) if read.get(i, UNMARKED) != shown.get(i, UNMARKED)
        }
        assert _marks_changed(shown, read) == expected


def test_a_read_creates_no_file_where_the_marks_file_went_away(tmp_path, monkeypatch):
    # A read saw the file, then opened it: moved aside in between (as a damaged file's advice
    # says), the open made a new empty file in its place. A read makes nothing.
    from pathlib import Path

    (tmp_path / "a").mkdir()
    store = MarkStore(tmp_path / "odd ?#%name" / "marks.sqlite3", [tmp_path / "a"])
    store.put({"x": Mark(read=True)})
    assert store.all() == {"x": Mark(read=True)}  # a name a URI escapes is read as it is
    store.path.rename(store.path.with_name("aside.sqlite3"))
    monkeypatch.setattr(Path, "is_file", lambda self: True)  # seen just before it went
    assert store.all() == {}
    assert store.get("x") == Mark()
    monkeypatch.undo()
    assert not store.path.exists()


def test_a_file_another_program_left_in_wal_mode_loses_no_mark(tmp_path):
    """A marks file set to WAL by another program (sqlite3, DB Browser), killed with its last
    writes in the -wal only: reader reads them, writes beside them, and keeps them all."""
    from test_marks_repair import written_to_the_log_and_killed

    (tmp_path / "a").mkdir()
    store = MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "a"])
    store.put({f"kept-{n}": Mark(read=True) for n in range(20)})
    written_to_the_log_and_killed(store.path, store.keys[0], "logged")
    assert store.path.read_bytes()[18:20] == b"\x02\x02" and (tmp_path / "marks.sqlite3-wal").stat().st_size
    logged = {f"logged-{n}": Mark(read=True, starred=True) for n in range(50)}
    assert store.all() == {**{f"kept-{n}": Mark(read=True) for n in range(20)}, **logged}
    store.change({"logged-0": {"starred": False}, "new": {"starred": True}})
    again = MarkStore(store.path, [tmp_path / "a"]).all()
    assert len(again) == 71 and again["logged-0"] == Mark(read=True) and again["new"].starred
    # Written with no other program on it, the file is back in reader's rollback journal mode.
    assert store.path.read_bytes()[18:20] == b"\x01\x01" and not (tmp_path / "marks.sqlite3-wal").exists()


def test_a_file_in_wal_mode_on_a_full_disk_says_so_and_is_read_once_written(tmp_path):
    """In WAL mode a read writes the index beside the file: on a full disk no mark could be read,
    said as "disk I/O error". The line says the disk is full; once reader writes the file (space
    freed), it is back in the rollback journal mode, read on a full disk as any."""
    import tmpfs_helpers

    with tmpfs_helpers.small_disk(tmp_path / "disk", "512k") as disk:
        store = MarkStore(disk.path / "marks.sqlite3", [tmp_path])
        store.put({"kept": Mark(starred=True)})
        with closing(sqlite3.connect(store.path)) as tool:
            assert tool.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
        disk.fill()
        with pytest.raises(MarksUnreadable, match=r"marks.sqlite3: the file cannot be read \(the disk is full\)"):
            store.all()
        (disk.path / "filler").unlink()
        store.put({"more": Mark(read=True)})
        disk.fill()
        assert store.all() == {"kept": Mark(starred=True), "more": Mark(read=True)}


PAST_THE_FILE_SIZE_LIMIT = """
import resource, sys
from pathlib import Path
from reader.state.marks import Mark, MarkStore, MarksNotSaved
store = MarkStore(Path(sys.argv[1]), [Path(sys.argv[1]).parent])
size = store.path.stat().st_size
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 2048, size + 2048))  # ulimit -f: SIGXFSZ is ignored by Python
try:
    store.put({f"b{n:05d}-" + "x" * 200: Mark(starred=True) for n in range(2000)})
except MarksNotSaved as exc:
    print(f"{exc} | {exc.advice}")
"""


def test_a_write_past_the_file_size_limit_says_so_and_keeps_the_marks(tmp_path):
    """SQLite says only "disk I/O error" for a write the system refused (a file past `ulimit -f`,
    a failing disk), and the advice was to pick another data folder, though this one is
    writable. Now the line names the likely cause, and the marks saved before are all there."""
    import subprocess
    import sys

    (tmp_path / "a").mkdir()
    store = MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "a"])
    store.put({f"kept-{n}": Mark(read=True) for n in range(50)})
    said = subprocess.run(
        [sys.executable, "-c", PAST_THE_FILE_SIZE_LIMIT, str(store.path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    assert said.startswith(f"{store.path}: a disk I/O error (this process may write files of at most "), said
    assert said.endswith(
        "ulimit -f) | the marks saved before are kept; free some space or check the disk, then try again"
    )
    assert store.all() == {f"kept-{n}": Mark(read=True) for n in range(50)}


def test_a_disk_io_error_on_a_disk_with_no_space_left_says_the_disk_is_full(tmp_path, monkeypatch):
    # (A full disk can meet SQLite as an I/O error, not SQLITE_FULL: ENOSPC as the journal is synced.)
    from collections import namedtuple

    from reader.state import marks as marks_module

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(marks_module.shutil, "disk_usage", lambda path: usage(10**9, 10**9 - 4096, 4096))
    assert marks_module._io_error_cause(tmp_path / "marks.sqlite3") == "the disk is full"


def test_a_link_to_a_marks_file_not_there_is_said_when_the_marks_are_read(tmp_path):
    """The marks path a link to a file on a disk not mounted (a synced folder moved): read as "no
    mark was ever set", every mark seemed lost, unsaid. Now reads say so in one line; once the
    disk is back, its marks are read. (A mark set meanwhile makes the file where the link points,
    as for a link made before the first mark.)"""
    import os

    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    link = tmp_path / "data" / "marks.sqlite3"
    link.parent.mkdir()
    os.symlink(mount_point / "marks.sqlite3", link)
    store = MarkStore(link, [tmp_path])
    for read in (store.all, store.stored, lambda: store.get("a")):
        with pytest.raises(MarksUnreadable) as raised:
            read()
        assert str(raised.value) == (
            f"{link}: a link to {mount_point / 'marks.sqlite3'}, which is not there; reader leaves it as it is: "
            "mount the disk it is on; a mark set now makes a new marks file where it points"
        )
    MarkStore(mount_point / "marks.sqlite3", [tmp_path]).put({"kept": Mark(starred=True)})  # the disk back
    assert store.all() == {"kept": Mark(starred=True)}


def test_a_mark_set_through_a_link_to_a_folder_not_there_says_the_link(tmp_path):
    """A link to a marks file on a disk not mounted whose folder is gone too: SQLite cannot make
    the file, and the line was "unable to open database file" with the advice to set another data
    folder. It names the link and where it points."""
    import os

    from reader.state.marks import MarksNotSaved

    link = tmp_path / "data" / "marks.sqlite3"
    link.parent.mkdir()
    os.symlink(tmp_path / "disk" / "sync" / "marks.sqlite3", link)
    with pytest.raises(MarksNotSaved) as raised:
        MarkStore(link, [tmp_path]).put({"a": Mark(read=True)})
    assert str(raised.value) == f"{link}: a link to {tmp_path / 'disk' / 'sync' / 'marks.sqlite3'}, which is not there"
    assert raised.value.advice == "mount the disk it is on, then try again"
    assert link.is_symlink() and not (tmp_path / "disk").exists()


def test_a_file_in_wal_mode_on_a_read_only_disk_says_why_no_mark_is_read(tmp_path):
    """A marks file another program set to WAL, on a disk mounted read-only: SQLite reads such a
    file through an index it makes beside it, so no mark could be read, said as "unable to open
    database file". The line says the file is in WAL mode and how to switch it back."""
    import tmpfs_helpers

    with tmpfs_helpers.small_disk(tmp_path / "disk", "1m") as disk:
        store = MarkStore(disk.path / "marks.sqlite3", [tmp_path])
        store.put({"kept": Mark(starred=True)})
        with closing(sqlite3.connect(store.path)) as tool:
            assert tool.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
        disk.remount("ro")
        with pytest.raises(MarksUnreadable) as raised:
            store.all()
        assert str(raised.value) == (
            f"{store.path}: in WAL mode (set by another program), which SQLite cannot read in a folder it may not "
            f"write to; reader leaves it as it is: where it can be written, switch it back with sqlite3 "
            f"{store.path} 'PRAGMA journal_mode=DELETE'"
        )
        disk.remount("rw")
        assert store.all() == {"kept": Mark(starred=True)}


def _count_listings(monkeypatch) -> dict:
    """{folder: how many times it was listed} from now on (os.scandir, os.listdir: Path.glob's too)."""
    import os

    listed: dict = {}
    real_scandir, real_listdir = os.scandir, os.listdir

    def scandir(path="."):
        listed[str(path)] = listed.get(str(path), 0) + 1
        return real_scandir(path)

    def listdir(path="."):
        listed[str(path)] = listed.get(str(path), 0) + 1
        return real_listdir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)
    return listed


def test_a_folder_with_no_marks_lists_a_marked_folder_once_at_most(tmp_path, monkeypatch):
    """A folder with no marks looks for an original among the marked folders at every start: each
    article looked for by a glob listed the whole folder again (100,000 files, 100,000 marks: 37 s
    for an unrelated folder of three files, at every start of `reader` or `reader list`, and 220 s
    for a copy). Each folder is listed once at most, whatever the number of marks."""
    names = [f"{n:03d}" for n in range(40)]
    _articles(tmp_path / "news", *names)
    MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "news"]).put({name: Mark(read=True) for name in names})
    _articles(tmp_path / "other", "x", "y")
    shutil.copytree(tmp_path / "news", tmp_path / "news2", copy_function=shutil.copy)

    listed = _count_listings(monkeypatch)
    assert MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "other"]).all() == {}
    assert max(listed.values(), default=0) <= 1, listed
    listed.clear()
    assert len(MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "news2"]).all()) == len(names)
    assert max(listed.values(), default=0) <= 1, listed


def test_a_folder_with_no_marks_is_listed_once_to_tell_a_moved_one(tmp_path, monkeypatch):
    """The marks of a folder no longer there, not this one's articles: each of them was looked for
    here by a glob that listed this folder again (a folder of 100,000 files: 95 s at every start)."""
    names = [f"{n:03d}" for n in range(40)]
    _articles(tmp_path / "news", *names)
    MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "gone"]).put({f"z{name}": Mark(read=True) for name in names})

    listed = _count_listings(monkeypatch)
    assert MarkStore(tmp_path / "marks.sqlite3", [tmp_path / "news"]).all() == {}
    assert max(listed.values(), default=0) <= 1, listed


def test_a_copy_of_two_alike_folders_starts_from_the_one_with_marks(tmp_path):
    """`cp -r news news3` where news2, an earlier copy, had every mark cleared on purpose: the two
    are alike file for file, and the last one listed (news2) gave the new copy its cleared marks,
    none of those of news. Of folders alike, the one with more marks set is the original."""
    path = tmp_path / "marks.sqlite3"
    _articles(tmp_path / "news", "a", "b", "c")
    MarkStore(path, [tmp_path / "news"]).put({"a": Mark(read=True), "b": Mark(starred=True)})
    shutil.copytree(tmp_path / "news", tmp_path / "news2", copy_function=shutil.copy)
    MarkStore(path, [tmp_path / "news2"]).put({"a": Mark(), "b": Mark()})  # emptied on purpose
    assert MarkStore(path, [tmp_path / "news2"]).all() == {}

    shutil.copytree(tmp_path / "news", tmp_path / "news3", copy_function=shutil.copy)
    assert MarkStore(path, [tmp_path / "news3"]).all() == {"a": Mark(read=True), "b": Mark(starred=True)}
    assert MarkStore(path, [tmp_path / "news2"]).all() == {}, "the emptied copy stays empty"


def _data_dir_read_only(monkeypatch) -> None:
    """The marks file cannot be written (a read-only data dir; tests run as root, whom no
    permission stops): SQLite refuses the transaction that copies a folder's marks."""
    import reader.state.marks as marks_module

    def refused(connection, key, original):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(marks_module, "_copy_folder", refused)


def test_a_copy_whose_marks_cannot_be_copied_says_so_once(tmp_path, monkeypatch):
    """`cp -r news news2` with the data dir read-only: the copy showed no mark, and nothing said
    why. The store keeps one line naming the folder, its original, the file and the fix."""
    path = tmp_path / "marks.sqlite3"
    _articles(tmp_path / "news", "a", "b")
    MarkStore(path, [tmp_path / "news"]).put({"a": Mark(read=True)})
    shutil.copytree(tmp_path / "news", tmp_path / "news2", copy_function=shutil.copy)
    _data_dir_read_only(monkeypatch)

    copy = MarkStore(path, [tmp_path / "news2"])
    assert copy.all() == {}
    line = copy.take_not_followed()
    assert line is not None and "\n" not in line
    assert line.startswith(f"{tmp_path / 'news2'}: no read mark or star shown: this folder is a copy of ")
    assert str((tmp_path / "news").resolve()) in line and str(path) in line and "READER_DATA_DIR" in line
    assert "copy that file to a folder you can write to" in line, "a new data dir alone has no marks to copy"
    assert copy.all() == {} and copy.take_not_followed() is None, "said once"
    assert MarkStore(path, [tmp_path / "news"]).take_not_followed() is None, "nothing to say of the original"


def test_reader_list_of_a_copy_whose_marks_cannot_be_copied_warns_on_stderr(
    tmp_path, isolated_dirs, monkeypatch, capsys
):
    from reader.cli import main

    library, corpus = _library_with_marked_corpus(tmp_path)
    library.close()
    copy = tmp_path / "news\x1b]0;owned\x07"  # a hostile folder name: shown escaped, never run
    shutil.copytree(corpus, copy, copy_function=shutil.copy)
    _data_dir_read_only(monkeypatch)
    assert main(["--corpus", str(copy), "--index", str(tmp_path / "index2"), "list", "--json"]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if "no read mark or star shown" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"reader: warning: {tmp_path}/news\\x1b]0;owned\\x07: ")
    assert "\x1b" not in captured.err and "\x07" not in captured.err
    assert "reuters/storm" in captured.out


async def test_the_app_on_a_copy_whose_marks_cannot_be_copied_says_so_once(tmp_path, isolated_dirs, monkeypatch):
    from conftest import drive, notifications, settle, wait_for
    from reader.tui.app import ReaderApp

    library, corpus = _library_with_marked_corpus(tmp_path)
    library.close()
    copy = tmp_path / "news2"
    shutil.copytree(corpus, copy, copy_function=shutil.copy)
    Library([copy], tmp_path / "index2").close()
    _data_dir_read_only(monkeypatch)
    copied = Library([copy], tmp_path / "index2", auto_update=False)
    try:
        app = ReaderApp(copied)
        async with drive(app, (120, 30)) as pilot:
            await wait_for(pilot, lambda: app.catalog_ready)
            app.load_catalog()  # a reload reads the marks again: not said again
            await settle(pilot)
            said = [line for line in notifications(app) if "no read mark or star shown" in line]
            assert len(said) == 1 and said[0].startswith(f"{copy}: ")
    finally:
        copied.close()


def test_a_copy_whose_marks_another_process_holds_takes_them_over_at_the_next_read(tmp_path):
    """Another process writing the marks file (the app, a `reader state import`) while a copy's
    marks were to be copied: the line told the user to set READER_DATA_DIR, a writable data dir's
    fix for nothing, and the copy showed no mark until the app was restarted. It says another
    process holds the file, once, and the next read takes the marks over."""
    path = tmp_path / "marks.sqlite3"
    _articles(tmp_path / "news", "a", "b")
    MarkStore(path, [tmp_path / "news"]).put({"a": Mark(read=True)})
    shutil.copytree(tmp_path / "news", tmp_path / "news2", copy_function=shutil.copy)
    copy = MarkStore(path, [tmp_path / "news2"])
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        assert copy.all(wait=0.05) == {}
        line = copy.take_not_followed()
        assert line is not None and "another process holds it" in line and "READER_DATA_DIR" not in line
        assert copy.all(wait=0.05) == {} and copy.take_not_followed() is None, "said once"
    finally:
        holder.close()
    assert copy.all() == {"a": Mark(read=True)}
    assert copy.take_not_followed() is None
