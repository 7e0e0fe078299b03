"""`reader state export` / `import`: read marks and stars out as JSON and back in, on another
machine (other paths, another data folder) or merged with marks set there."""

from __future__ import annotations

import json
import time

import pytest

from conftest import foreign_database
from reader.state.marks import Mark, MarkStore, MarksNotSaved, root_key
from reader.state.transfer import BadStateFile, export_document, import_marks, parse_document


def _corpus(folder, *names):
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    return folder


def _exported(store, fetched):
    return json.dumps(export_document(store, fetched, "test")).encode()


def test_marks_go_to_a_new_machine_whose_folders_have_other_paths(tmp_path):
    news = _corpus(tmp_path / "old" / "news", "fox/a.txt", "fox/b.md", "cnn/c.txt")
    fetched = _corpus(tmp_path / "old" / "data" / "fetched", "bbc/d.md")
    old = MarkStore(tmp_path / "old" / "data" / "marks.sqlite3", [news, fetched])
    old.put({"fox/a": Mark(read=True), "fox/b": Mark(starred=True), "bbc/d": Mark(read=True, starred=True)})
    document = _exported(old, fetched)
    # The new machine: the corpus and the data folder under another home; the old paths are gone.
    new_news = _corpus(tmp_path / "new" / "articles", "fox/a.txt", "fox/b.md", "cnn/c.txt")
    new_fetched = tmp_path / "new" / "data" / "fetched"  # not fetched into yet
    (tmp_path / "old").rename(tmp_path / "gone")
    new = MarkStore(tmp_path / "new" / "data" / "marks.sqlite3", [new_news, new_fetched])
    report = import_marks(new, parse_document(document, "marks.json"), [new_news, new_fetched], new_fetched)
    assert report.to_dict()["added"] == 3
    assert report.moved == {root_key(news): root_key(new_news), root_key(fetched): root_key(new_fetched)}
    assert new.all() == {"fox/a": Mark(read=True), "fox/b": Mark(starred=True), "bbc/d": Mark(read=True, starred=True)}


def test_the_newer_of_two_marks_wins_whichever_way_they_are_merged(tmp_path):
    news = _corpus(tmp_path / "news", "a.txt", "b.txt", "c.txt")
    laptop = MarkStore(tmp_path / "laptop" / "marks.sqlite3", [news])
    desktop = MarkStore(tmp_path / "desktop" / "marks.sqlite3", [news])
    laptop.put({"a": Mark(starred=True), "b": Mark(read=True)})
    desktop.put({"a": Mark(read=True)})  # later: a starred on the laptop, then only read here
    laptop.put({"b": Mark()})  # later still: b marked unread on the laptop
    desktop.put({"c": Mark(read=True)})
    fetched = tmp_path / "fetched"
    laptop_export = parse_document(_exported(laptop, fetched), "laptop.json")
    desktop_export = parse_document(_exported(desktop, fetched), "desktop.json")
    counts = import_marks(desktop, laptop_export, [news], fetched).counts
    assert (counts.added, counts.kept) == (1, 1)  # b added; a kept, the desktop's is newer
    assert desktop.all() == {"a": Mark(read=True), "c": Mark(read=True)}
    import_marks(laptop, desktop_export, [news], fetched)
    assert laptop.all() == desktop.all()


def test_importing_ones_own_export_changes_nothing(tmp_path):
    news = _corpus(tmp_path / "news", "a.txt")
    store = MarkStore(tmp_path / "marks.sqlite3", [news])
    store.put({"a": Mark(read=True)})
    report = import_marks(store, parse_document(_exported(store, tmp_path / "f"), "x"), [news], tmp_path / "f")
    assert report.to_dict() == {
        "marks": 1,
        "added": 0,
        "updated": 0,
        "unchanged": 0,
        "kept": 1,
        "folders": [],
        "elsewhere": [],
        "version_links": 0,
        "version_links_added": 0,
        "version_links_kept": 0,
    }


def test_a_folder_not_here_keeps_its_path_and_its_marks_wait_for_it(tmp_path):
    news = _corpus(tmp_path / "news", "a.txt")
    elsewhere = _corpus(tmp_path / "usb" / "archive", "z.txt")
    store = MarkStore(tmp_path / "one" / "marks.sqlite3", [news, elsewhere])
    store.put({"a": Mark(read=True), "z": Mark(starred=True)})
    document = _exported(store, tmp_path / "fetched")
    (tmp_path / "usb").rename(tmp_path / "unplugged")
    other = MarkStore(tmp_path / "two" / "marks.sqlite3", [news])
    report = import_marks(other, parse_document(document, "x"), [news], tmp_path / "fetched")
    assert report.moved == {} and other.all() == {"a": Mark(read=True)}
    # Said, so that marks imported but not shown by this corpus's app are not a mystery.
    assert report.to_dict()["elsewhere"] == [{"folder": root_key(elsewhere), "marks": 1}]
    (tmp_path / "unplugged").rename(tmp_path / "usb")
    assert MarkStore(other.path, [elsewhere]).all() == {"z": Mark(starred=True)}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"{", "not JSON"),
        (b"[]", "not a state export"),
        (b'{"format": "reader-state", "version": 2, "marks": []}', "version 2"),
        (b'{"format": "reader-state", "version": 1, "marks": {}}', '"marks" is not a list'),
        (b'{"format": "reader-state", "version": 1, "marks": [1]}', "marks[0]: not an object"),
    ],
)
def test_a_file_that_is_no_export_is_refused_in_one_line(text, said):
    with pytest.raises(BadStateFile, match="^marks.json: .*" + said.replace("[", r"\[").replace("]", r"\]")):
        parse_document(text, "marks.json")


def _one(**fields):
    mark = {"folder": "/n", "article": "a", "read": True, "starred": False, "changed": "2025-01-01T00:00:00+00:00"}
    mark.update(fields)
    return json.dumps({"format": "reader-state", "version": 1, "marks": [mark]}).encode()


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"folder": "relative/news"}, '"folder" is not an absolute path'),
        ({"article": "../../etc/passwd"}, '"article" is not an article id'),
        ({"article": "/etc/passwd"}, '"article" is not an article id'),
        ({"article": ""}, '"article" is not an article id'),
        ({"read": "yes"}, '"read" is not true or false'),
        ({"changed": "yesterday"}, '"changed" is not an ISO 8601 time'),
        ({"changed": "2025-01-01T00:00:00"}, '"changed" is not an ISO 8601 time'),
    ],
)
def test_a_mark_that_is_not_as_exported_refuses_the_whole_file(tmp_path, fields, said):
    with pytest.raises(BadStateFile, match=r"marks\[0\]: " + said):
        parse_document(_one(**fields), "marks.json")


def test_an_entry_of_a_feed_file_is_an_article_id():
    (item,) = parse_document(_one(article="feed/entries#3"), "x").marks
    assert item.mark.article == "feed/entries#3"


def test_the_commands_take_marks_out_and_back_in(tmp_path, reader_in_process):
    news = _corpus(tmp_path / "news", "a.txt", "b.txt")
    data = tmp_path / "data"
    MarkStore(data / "marks.sqlite3", [news]).put({"a": Mark(read=True), "b": Mark(starred=True)})
    exported = reader_in_process("state", "export")
    assert [m["article"] for m in json.loads(exported.stdout)["marks"]] == ["a", "b"]
    (tmp_path / "marks.json").write_text(exported.stdout, encoding="utf-8")
    (data / "marks.sqlite3").unlink()  # a new machine, or a lost data folder
    done = reader_in_process("--corpus", str(news), "state", "import", "marks.json")
    assert done.stdout == "2 marks imported: 2 added, 0 updated\n"
    other = _corpus(tmp_path / "other", "z.txt")
    elsewhere = reader_in_process("--corpus", str(other), "state", "import", "marks.json")
    assert elsewhere.stdout == (
        f"2 marks imported: 0 added, 0 updated, 2 kept (yours were as new or newer)\n"
        f"2 marks of {root_key(news)}, not a folder of this corpus, kept under its path\n"
    )
    assert MarkStore(data / "marks.sqlite3", [news]).all() == {"a": Mark(read=True), "b": Mark(starred=True)}
    again = reader_in_process("--corpus", str(news), "state", "import", "marks.json", "--json")
    assert json.loads(again.stdout)["kept"] == 2


def test_the_import_of_a_bad_file_is_a_usage_error_and_writes_nothing(tmp_path, reader_in_process):
    news = _corpus(tmp_path / "news", "a.txt")
    (tmp_path / "bad.json").write_bytes(_one(read="yes"))
    refused = reader_in_process("--corpus", str(news), "state", "import", "bad.json", check=False)
    assert refused.returncode == 2 and refused.stdout == ""
    assert '"read" is not true or false (nothing was imported)' in refused.stderr
    assert not (tmp_path / "data").exists()
    missing = reader_in_process("--corpus", str(news), "state", "import", "nowhere.json", check=False)
    assert missing.returncode == 2 and "cannot read nowhere.json" in missing.stderr


def test_another_applications_database_is_neither_exported_nor_written(tmp_path, reader_in_process):
    news = _corpus(tmp_path / "news", "a.txt")
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "marks.sqlite3"
    before = foreign_database(path, ["CREATE TABLE bookmarks (url TEXT)"])
    out = reader_in_process("state", "export", check=False)
    assert out.returncode == 1 and "not reader's marks file" in out.stderr
    (tmp_path / "marks.json").write_bytes(_one(folder=str(news)))
    into = reader_in_process("--corpus", str(news), "state", "import", "marks.json", check=False)
    assert into.returncode == 1 and "nothing was imported" in into.stderr
    assert path.read_bytes() == before


def test_an_import_where_marks_cannot_be_written_says_why_and_what_to_do(tmp_path, reader_in_process):
    news = _corpus(tmp_path / "news", "a.txt")
    (tmp_path / "data").write_text("", encoding="utf-8")  # the data folder's path is a file
    (tmp_path / "marks.json").write_bytes(_one(folder=str(news)))
    into = reader_in_process("--corpus", str(news), "state", "import", "marks.json", check=False)
    # Said before anything is read, as by every command (exit 2: the setting, not the write, is wrong).
    assert into.returncode == 2
    assert into.stderr == (
        f"reader: READER_DATA_DIR {tmp_path / 'data'}: is a file, not a folder; reader keeps its read marks "
        "and fetched articles in a folder there: move the file away, or set READER_DATA_DIR to a folder\n"
    )


def test_the_readme_names_every_key_of_the_export_and_of_the_import_s_answer(tmp_path, reader_in_process):
    from test_docs import _json_row

    news = _corpus(tmp_path / "news", "a.txt")
    MarkStore(tmp_path / "data" / "marks.sqlite3", [news]).change({"a": {"read": True}}, links={"a": "a-v0"})
    exported = json.loads(reader_in_process("state", "export").stdout)
    keys = set(exported) | set(exported["marks"][0]) | set(exported["version_links"][0])
    assert keys == _json_row("state export")
    (tmp_path / "marks.json").write_text(json.dumps(exported), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "news").rename(tmp_path / "elsewhere" / "news")
    answer = reader_in_process(
        "--corpus", str(tmp_path / "elsewhere" / "news"), "state", "import", "marks.json", "--json"
    )
    done = json.loads(answer.stdout)
    assert set(done) | set(done["folders"][0]) | {"folder"} == _json_row("state import")
    assert done["elsewhere"] == []


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"article": "\ud800"}, '"article" is not an article id'),  # a JSON escape of half a character
        ({"folder": "/media/\udcff"}, '"folder" is not an absolute path'),
    ],
)
def test_a_lone_surrogate_is_refused_not_a_traceback_at_the_write(tmp_path, fields, said):
    with pytest.raises(BadStateFile, match=r"marks\[0\]: " + said):
        parse_document(_one(**fields), "marks.json")


def test_a_folder_path_this_system_cannot_look_up_keeps_its_marks_under_it(tmp_path):
    news = _corpus(tmp_path / "news", "a.txt")
    store = MarkStore(tmp_path / "marks.sqlite3", [news])
    too_long = "/" + "x" * 300 + "/" + "y" * 5000  # ENAMETOOLONG from stat
    report = import_marks(store, parse_document(_one(folder=too_long, article="z"), "x"), [news], tmp_path / "f")
    assert report.to_dict()["elsewhere"] == [{"folder": too_long, "marks": 1}]


def test_a_time_of_change_to_come_counts_as_the_import_s_time(tmp_path):
    """A mark dated 9999 (a clock far ahead, a hand-edited file) kept as such would go on in
    this machine's exports and win every merge elsewhere: a change made on another machine
    after this import would be undone by importing this machine's export there."""
    news = _corpus(tmp_path / "news", "a.txt")
    here = MarkStore(tmp_path / "here" / "marks.sqlite3", [news])
    before = time.time()
    exported = parse_document(_one(folder=str(news), changed="9999-12-31T23:59:59+00:00"), "x")
    assert before <= exported.marks[0].mark.changed <= time.time()
    import_marks(here, exported, [news], tmp_path / "f")
    there = MarkStore(tmp_path / "there" / "marks.sqlite3", [news])
    there.put({"a": Mark(starred=True)})  # set there after the import here
    import_marks(there, parse_document(_exported(here, tmp_path / "f"), "here.json"), [news], tmp_path / "f")
    assert there.all() == {"a": Mark(starred=True)}


def test_many_folders_not_here_list_the_corpus_once(tmp_path, monkeypatch):
    from reader.state import marks as marks_module

    news = _corpus(tmp_path / "news", "a.txt")
    listed: list = []
    real = marks_module._names_and_stems
    monkeypatch.setattr(marks_module, "_names_and_stems", lambda folder: listed.append(folder) or real(folder))
    document = {
        "format": "reader-state",
        "version": 1,
        "marks": [
            {"folder": f"/gone/{n}", "article": "a", "read": True, "changed": "2025-01-01T00:00:00+00:00"}
            for n in range(50)
        ],
    }
    store = MarkStore(tmp_path / "marks.sqlite3", [news])
    import_marks(store, parse_document(json.dumps(document).encode(), "x"), [news], tmp_path / "f")
    assert listed == [news]


def test_an_empty_input_says_it_is_empty():
    with pytest.raises(BadStateFile, match="^standard input: empty"):
        parse_document(b"  \n", "standard input")


def test_a_file_over_the_limit_is_refused_without_being_read(tmp_path, reader_in_process, monkeypatch):
    from reader.state import transfer

    news = _corpus(tmp_path / "news", "a.txt")
    monkeypatch.setattr(transfer, "DOCUMENT_MAX", 1000)
    (tmp_path / "big.json").write_bytes(_one(folder=str(news)) + b" " * 2000)
    reads = []
    real_open = open

    def opened(*args, **kwargs):
        handle = real_open(*args, **kwargs)
        real_read = handle.read
        handle.read = lambda *a: reads.append(a) or real_read(*a)
        return handle

    monkeypatch.setattr("builtins.open", opened)
    refused = reader_in_process("--corpus", str(news), "state", "import", "big.json", check=False)
    assert refused.returncode == 2 and "big.json: over 0 MB" in refused.stderr
    assert reads == []  # its size said it: not a byte read


class _WindowWritesAtFirstLook:
    """The import's connection, with another window (its own connection, as another process
    has) setting a newer mark the moment the import first looks a mark up; a window that finds
    the file locked waits, as the app's does, and writes once the import is done."""

    def __init__(self, connection, other):
        self._connection, self._other, self.waited = connection, other, False

    def __getattr__(self, name):
        return getattr(self._connection, name)

    def __enter__(self):
        return self._connection.__enter__()

    def __exit__(self, *exc):
        return self._connection.__exit__(*exc)

    def execute(self, sql, *args):
        cursor = self._connection.execute(sql, *args)
        if not sql.startswith("SELECT read, starred, changed") or self._other is None:
            return cursor
        looked = cursor.fetchall()  # what the import saw, before the other window's write
        other, self._other = self._other, None
        try:
            other.change({"a": {"starred": True}})
        except MarksNotSaved:
            self.waited = True
        return _Looked(looked)


class _Looked:
    def __init__(self, rows):
        self._rows = rows

    def fetchone(self):
        return self._rows[0] if self._rows else None


def test_a_mark_set_in_the_app_during_an_import_is_never_replaced_by_an_older_one(tmp_path, monkeypatch):
    import sqlite3

    news = _corpus(tmp_path / "news", "a.txt")
    path = tmp_path / "marks.sqlite3"
    store = MarkStore(path, [news])
    store.put({"b": Mark(read=True)})  # the file exists, as on any machine in use
    app = MarkStore(path, [news])
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "timeout": 0}))
    hooked: list[_WindowWritesAtFirstLook] = []
    real_open = MarkStore._open

    def opened(self, write=True, **options):
        connection = real_open(self, write, **options)
        if self is store and not hooked:
            hooked.append(_WindowWritesAtFirstLook(connection, app))
            return hooked[0]
        return connection

    monkeypatch.setattr(MarkStore, "_open", opened)
    older = parse_document(_one(folder=str(news), read=True, changed="2020-01-01T00:00:00+00:00"), "x")
    import_marks(store, older, [news], tmp_path / "f")
    if hooked[0].waited:  # the app's write waited for the import's: it lands now
        app.change({"a": {"starred": True}})
    assert app.all()["a"].starred


def test_a_time_before_1970_is_imported_as_the_oldest_and_exported_again(tmp_path):
    """Year 1 at +01:00 is year 0 in UTC: imported as it was, every later export failed with
    "year 0 is out of range"."""
    news = _corpus(tmp_path / "news", "a.txt")
    store = MarkStore(tmp_path / "marks.sqlite3", [news])
    exported = parse_document(_one(folder=str(news), changed="0001-01-01T00:00:00+01:00"), "x")
    import_marks(store, exported, [news], tmp_path / "f")
    (mark,) = export_document(store, tmp_path / "f", "test")["marks"]
    assert mark["changed"] == "1970-01-01T00:00:00.000000+00:00"


def test_a_time_no_date_can_hold_already_in_the_file_is_exported_as_the_epoch(tmp_path):
    import sqlite3

    news = _corpus(tmp_path / "news", "a.txt")
    store = MarkStore(tmp_path / "marks.sqlite3", [news])
    store.put({"a": Mark(read=True)})
    with sqlite3.connect(store.path) as connection:
        connection.execute("UPDATE marks SET changed = -62135600400")  # stored by an earlier import
    (mark,) = export_document(store, tmp_path / "f", "test")["marks"]
    assert mark["changed"].startswith("1970-01-01")


def test_a_marks_file_kept_locked_is_said_not_a_traceback(tmp_path, reader_in_process, monkeypatch):
    """Another process holding the marks file past SQLite's wait: `state export` crashed with
    "database is locked", and `state import` said to set READER_DATA_DIR."""
    import sqlite3

    from reader.state import marks as marks_module

    news = _corpus(tmp_path / "news", "a.txt")
    path = tmp_path / "data" / "marks.sqlite3"
    MarkStore(path, [news]).put({"a": Mark(read=True)})
    (tmp_path / "marks.json").write_bytes(_one(folder=str(news)))
    monkeypatch.setattr(marks_module, "BUSY_SECONDS", 0)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        out = reader_in_process("state", "export", check=False)
        assert out.returncode == 1 and out.stdout == ""
        assert f"reader: {path}: locked for over 0 s; another process holds it" in out.stderr
        into = reader_in_process("--corpus", str(news), "state", "import", "marks.json", check=False)
        assert into.returncode == 1
        assert f"{path}: locked for over 0 s; nothing was imported; another process holds it" in into.stderr
    finally:
        holder.rollback()
        holder.close()


def test_an_import_into_a_moved_folder_leaves_its_old_marks_to_follow_it(tmp_path):
    """The corpus folder moved here, not opened since (its marks still under the old path): an
    import put marks under the new path first, and a folder with marks takes over no moved
    folder's: every mark set here before the move was lost from view."""
    news = _corpus(tmp_path / "news", "a.txt", "b.txt")
    path = tmp_path / "data" / "marks.sqlite3"
    MarkStore(path, [news]).put({"a": Mark(read=True)})
    moved = tmp_path / "articles"
    news.rename(moved)
    laptop = MarkStore(tmp_path / "laptop" / "marks.sqlite3", [moved])
    laptop.put({"b": Mark(starred=True)})
    here = MarkStore(path, [moved])
    import_marks(here, parse_document(_exported(laptop, tmp_path / "f"), "x"), [moved], tmp_path / "f")
    assert here.all() == {"a": Mark(read=True), "b": Mark(starred=True)}


def test_an_export_of_no_marks_says_where_it_looked(tmp_path, reader_in_process):
    """A READER_DATA_DIR set elsewhere made a backup of nothing without a word."""
    out = reader_in_process("state", "export")
    assert json.loads(out.stdout)["marks"] == []
    path = tmp_path / "data" / "marks.sqlite3"
    assert out.stderr == f"reader: no read mark or star to export: {path} is not there\n"


def test_an_import_of_many_folders_names_the_first_few_and_counts_the_rest(tmp_path, reader_in_process):
    """A line per folder: an export of a thousand folders was a thousand lines to scroll past.
    --json keeps every one."""
    news = _corpus(tmp_path / "news", "a.txt")

    def mark(folder, article):
        return {"folder": folder, "article": article, "read": True, "changed": "2025-01-01T00:00:00+00:00"}

    moved = [mark(f"/gone/moved{n:02}", "a") for n in range(12)]  # their articles are news's now
    elsewhere = [mark(f"/gone/other{n:02}", f"x{m}") for n in range(12) for m in range(2)]
    document = {"format": "reader-state", "version": 1, "marks": moved + elsewhere}
    (tmp_path / "marks.json").write_text(json.dumps(document), encoding="utf-8")
    done = reader_in_process("--corpus", str(news), "state", "import", "marks.json")
    lines = done.stdout.splitlines()
    assert lines[:5] == [f"marks of /gone/moved{n:02} now those of {root_key(news)}" for n in range(5)]
    assert lines[5] == "… and the marks of 7 more folders now those of folders here (--json lists them all)"
    assert lines[6].startswith("36 marks imported: ")
    assert lines[7:12] == [
        f"2 marks of /gone/other{n:02}, not a folder of this corpus, kept under its path" for n in range(5)
    ]
    assert lines[12:] == [
        "… and 7 more folders (14 marks), not of this corpus, kept under their paths (--json lists them all)"
    ]
    every = json.loads(reader_in_process("--corpus", str(news), "state", "import", "marks.json", "--json").stdout)
    assert len(every["folders"]) == 12 and len(every["elsewhere"]) == 12


def test_a_folder_at_the_marks_path_is_said_as_such_not_as_no_file(tmp_path, reader_in_process):
    (tmp_path / "data" / "marks.sqlite3").mkdir(parents=True)
    out = reader_in_process("state", "export")
    assert json.loads(out.stdout)["marks"] == []
    path = tmp_path / "data" / "marks.sqlite3"
    assert out.stderr == f"reader: no read mark or star to export: {path} is a folder, not the marks file\n"


def test_a_marks_file_that_cannot_be_opened_is_one_line_not_a_traceback(tmp_path, reader_in_process, monkeypatch):
    """SQLite's errors other than a damaged or locked file (one this user may not read: "unable
    to open database file"; a disk's I/O error) left `state export` with a traceback."""
    import sqlite3

    from reader.state import marks as marks_module

    news = _corpus(tmp_path / "news", "a.txt")
    path = tmp_path / "data" / "marks.sqlite3"
    MarkStore(path, [news]).put({"a": Mark(read=True)})
    before = path.read_bytes()

    def cannot_open(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(marks_module.sqlite3, "connect", cannot_open)
    out = reader_in_process("state", "export", check=False)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == f"reader: {path}: the file cannot be read (disk I/O error); reader leaves it as it is\n"
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_reading_an_empty_marks_file_writes_nothing_to_it(tmp_path):
    """A marks file of no bytes (created, never written) got our table at a read: a read-only
    one made every read fail ("attempt to write a readonly database")."""
    (tmp_path / "news").mkdir()
    path = tmp_path / "marks.sqlite3"
    path.write_bytes(b"")
    store = MarkStore(path, [tmp_path / "news"])
    assert store.all() == {} and store.get("a") == Mark() and store.stored() == []
    assert path.read_bytes() == b""
    store.put({"a": Mark(read=True)})  # the first mark set: the file is written then
    assert store.all() == {"a": Mark(read=True)}


def test_the_update_of_state_s_count_is_refused_with_an_action_that_reads_no_index(tmp_path, reader_in_process):
    """`reader state --update export` exported and exited 0: the --update, `state`'s own (its
    count reads the index), did nothing; `state export --update` was refused. Both are now."""
    news = _corpus(tmp_path / "news", "a.txt")
    data = tmp_path / "data"
    MarkStore(data / "marks.sqlite3", [news]).put({"a": Mark(read=True)})
    (tmp_path / "marks.json").write_text(reader_in_process("state", "export").stdout, encoding="utf-8")
    before = (data / "marks.sqlite3").read_bytes()

    for action in (["export"], ["import", "marks.json"], ["repair"]):
        refused = reader_in_process("--corpus", str(news), "state", "--update", *action, check=False)
        assert refused.returncode == 2 and refused.stdout == "", action
        assert refused.stderr.count("\n") == 1 and "--update does nothing with `reader state" in refused.stderr
    assert (data / "marks.sqlite3").read_bytes() == before  # nothing imported
    counted = reader_in_process("--corpus", str(news), "state", "--update", "--json")  # (its count: taken)
    assert counted.returncode == 0 and "read" in json.loads(counted.stdout)


def test_two_imports_at_once_keep_every_mark_of_both(tmp_path):
    """Two `reader state import` processes at once (two terminals, a script): each merges in one
    transaction under SQLite's write lock, so the second waits for the first; both succeed and
    every mark of both exports is kept, none of the marks already here lost."""
    import os
    import subprocess
    import sys

    from conftest import cli_env

    news = _corpus(tmp_path / "news", "a.txt")
    store = MarkStore(tmp_path / "data" / "marks.sqlite3", [news])
    store.put({"a": Mark(read=True)})
    for who in ("one", "two"):
        marks = [
            {"folder": root_key(news), "fetched": False, "article": f"{who}-{n}", "read": True, "starred": n % 2 == 0,
             "changed": "2026-01-01T00:00:00+00:00"}
            for n in range(3000)
        ]  # fmt: skip
        document = {"format": "reader-state", "version": 1, "reader": "0", "exported": "2026-01-01T00:00:00+00:00"}
        (tmp_path / f"{who}.json").write_text(json.dumps({**document, "marks": marks}), encoding="utf-8")
    importing = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "--corpus", str(news), "state", "import", f"{who}.json"],
            cwd=tmp_path,
            env=cli_env(
                **{name: os.environ[name] for name in ("READER_DATA_DIR", "READER_CONFIG_DIR", "READER_CACHE_DIR")}
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("one", "two")
    ]
    said = [process.communicate(timeout=120) for process in importing]
    assert [(process.returncode, out, err) for process, (out, err) in zip(importing, said)] == [
        (0, "3,000 marks imported: 3000 added, 0 updated\n", "")
    ] * 2
    marks = store.all()
    assert len(marks) == 6001 and marks["a"] == Mark(read=True) and marks["two-2998"] == Mark(read=True, starred=True)
