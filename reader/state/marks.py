"""Read marks and bookmarks (stars), per article id, in one SQLite file in the user data dir.

Marks are keyed by the corpus folder that holds the article (resolved) and the article id, never
by anything the index holds, so they survive index rebuilds and deleting the cache, and a folder
joining the corpus (fetched articles) leaves the others' marks in place. A moved or renamed folder
takes over the marks of its old path (MarkStore._follow_moved_folders), and a copy of a folder
starts from a copy of its original's (MarkStore._copied_here); an article whose file was
renamed or moved inside the corpus takes over its old id's (MarkStore.follow_renamed, told by the
index update that recognised the file by its contents). SQLite makes concurrent
writers (two `reader` windows) safe; each call opens its own connection, so worker threads may
call any method. Nothing is written until the first mark is set.

The file is stamped as reader's (PRAGMA application_id, user_version): another application's
SQLite database at its path (a bookmarks file, a setting pointing there) is refused and left
as it was; our `marks` table was added to it before. A marks file written before the stamp (a
`marks` table of our shape and nothing else) is stamped the next time one is written.
"""

from __future__ import annotations

import errno
import filecmp
import os
import shutil
import sqlite3
import stat
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Mapping, TypeVar

try:
    import resource  # the file size limit (ulimit -f); not on Windows
except ImportError:  # pragma: no cover
    resource = None  # type: ignore[assignment]

from reader.safe_write import file_in_the_way, why_not_written
from reader.state.marks_db import (
    SCHEMA,
    add_version_links,
    foreign_line,
    has_marks_table,
    is_busy,
    is_damaged,
    left_wal_mode,
    not_ours,
    stamp_as_ours,
    stamp_in,
)
from reader.wording import said, shell_word


@dataclass(frozen=True)
class Mark:
    read: bool = False
    starred: bool = False
    # Read, but only an older version of it: updated since (reader.state.version_marks shows it;
    # never stored, the file holding each version's own marks).
    updated: bool = False


UNMARKED = Mark()
# The four marks, shared by every read (a Mark cannot change): a window comparing two reads of
# 100,000 marks finds the same object where nothing changed, without comparing fields.
_SHARED_MARKS = {(read, starred): Mark(read, starred) for read in (False, True) for starred in (False, True)}


@dataclass(frozen=True)
class StoredMark:
    """A row of the marks file: the corpus folder's key (root_key), the article id, its marks,
    and when they were last changed (seconds since the epoch)."""

    corpus: str
    article: str
    read: bool
    starred: bool
    changed: float


# Times of change one export's ISO text gives back within this many seconds are the same time
# (a float through microseconds): importing one's own export keeps every mark, replacing none.
CHANGED_SLACK = 1e-5


@dataclass(frozen=True)
class StoredLink:
    """A row of the marks file's version_links: the corpus folder's key, an article id and the
    id of the version it replaced (reader.state.version_links)."""

    corpus: str
    article: str
    older: str


@dataclass
class MergeCounts:
    """What MarkStore.merge did: marks added, replaced by a newer one (`updated`; `unchanged`
    when the newer one says the same), and `kept` because the one here is as new or newer."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    links_added: int = 0  # version links added (one here for the same article is never replaced)
    # links from an imported mark's version up to its newest here, added with the marks
    # (version_marks.links_to_keep), as a mark set here keeps them
    links_kept: int = 0


class MarksNotSaved(OSError):
    """The marks could not be written: the message names the file and why, in words (SQLite
    only says "unable to open database file" for a read-only folder); `advice` is what to do."""

    def __init__(self, message: str, advice: str, damaged: bool = False) -> None:
        super().__init__(message)
        self.advice = advice
        self.damaged = damaged  # the file is damaged: `reader state repair` mends it


class MarksUnreadable(OSError):
    """The marks file is damaged or not a marks database: nothing in it can be read. The file is
    left as it is (the marks in it may be recovered); the message says so and what to do."""


class MarksDamaged(MarksUnreadable):
    """The marks file is damaged (not SQLite, corrupt): `reader state repair` sets it aside and
    salvages the marks it holds (reader.state.repair)."""


class MarksBusy(MarksUnreadable):
    """Another process kept the marks file locked longer than SQLite waits (BUSY_SECONDS): a
    write that hangs, a file on a network disk. Nothing is wrong with the file; try again."""


T = TypeVar("T")
# How long a read or a write waits for another process's lock on the marks file.
BUSY_SECONDS = 10
# How long `reader list`'s read of the marks waits: a write holds the lock that keeps
# readers out only while it commits (milliseconds); longer is a repair or an import under way,
# and the list is better shown at once without marks, with a warning, than 10 s later.
LIST_WAIT_SECONDS = 1.0
BUSY_ADVICE = "another process holds it (a reader state import, another window, a copy being made); try again"


class MarksForeign(MarksUnreadable):
    """The file at the marks path is another application's SQLite database: never read as
    marks, never written (our table was added to it before). `line` names the file and why."""

    def __init__(self, line: str) -> None:
        super().__init__(said(line, "; ", FOREIGN_ADVICE))
        self.line = line


FOREIGN_ADVICE = "reader leaves it untouched; move it elsewhere, or set READER_DATA_DIR to a folder of reader's own"


# The command that repairs it (reader.state.repair), as every message about a damaged file names it.
REPAIR_COMMAND = "reader state repair"
DAMAGED_ADVICE = f"`{REPAIR_COMMAND}` sets it aside and salvages its marks into a new one (reader never deletes it)"


UNREAD_ADVICE = "reader leaves it as it is"


def _damaged_line(path: Path, error: BaseException) -> str:
    return f"{path}: the file is damaged or not a marks database ({error})"


def unreadable_error(path: Path, error: sqlite3.DatabaseError, waited: float | None = None) -> MarksUnreadable:
    """MarksBusy for a file kept locked (`waited` seconds; BUSY_SECONDS when None), else
    MarksUnreadable saying why: damaged, or one this user may not read (`state export` ended
    in a traceback)."""
    if is_busy(error):
        return MarksBusy(f"{path}: locked for over {BUSY_SECONDS if waited is None else waited:g} s; {BUSY_ADVICE}")
    if is_damaged(error):
        return MarksDamaged(f"{_damaged_line(path, error)}; {DAMAGED_ADVICE}")
    if not os.access(path, os.R_OK):
        return MarksUnreadable(f"{path}: the file cannot be read (permission denied); {UNREAD_ADVICE}")
    if getattr(error, "sqlite_errorname", None) == "SQLITE_CANTOPEN" and _in_wal_mode_unwritable(path):
        # SQLite reads a file in WAL mode through an index it makes beside it: no mark was read,
        # said as "unable to open database file".
        return MarksUnreadable(
            f"{path}: in WAL mode (set by another program), which SQLite cannot read in a folder it may not "
            f"write to; {UNREAD_ADVICE}: where it can be written, switch it back with "
            f"sqlite3 {shell_word(str(path))} 'PRAGMA journal_mode=DELETE'"
        )
    if (getattr(error, "sqlite_errorname", None) or "").startswith("SQLITE_IOERR"):
        # (a file in WAL mode is read by writing the index beside it: on a full disk, no mark read)
        return MarksUnreadable(f"{path}: the file cannot be read ({_io_error_cause(path)}); {UNREAD_ADVICE}")
    return MarksUnreadable(f"{path}: the file cannot be read ({error}); {UNREAD_ADVICE}")


def root_key(root: Path) -> str:
    """One key per corpus folder, however it is spelled."""
    return str(Path(root).resolve())


# A folder that no longer exists hands its marks to a folder of the corpus that has none when at
# least this share of its marked articles (of the first MOVED_SAMPLE) are files there.
MOVED_SHARE = 0.8
MOVED_SAMPLE = 500
# the id a renamed article's marks are lifted to while a batch of renames moves them (follow_renamed):
# a relative path never starts with "/", so no article has it
_LIFTED = "/renaming/"
_IDS_PER_QUERY = 500  # ids bound in one query (SQLite allows 32,766 variables, older builds 999)


def holds_article(root: Path, article_id: str, listings: dict[Path, set[str]] | None = None) -> bool:
    """Whether `root` holds the file of `article_id` (its path without the suffix, `#n` dropped).
    `listings` ({folder: its names and their parts before each dot}) answers from one listing
    per folder, for many ids at once (a renamed folder's: a glob each listed it again and again)."""
    candidate = root / article_id.partition("#")[0]
    if listings is None:
        return candidate.exists() or any(candidate.parent.glob(f"{glob_escape(candidate.name)}.*"))
    if candidate.parent not in listings:
        listings[candidate.parent] = _names_and_stems(candidate.parent)
    return candidate.name in listings[candidate.parent]


def _names_and_stems(folder: Path) -> set[str]:
    """A folder's names, and each one's parts before each of its dots ("a.b.md": "a", "a.b")."""
    try:
        names = os.listdir(folder)
    except (OSError, ValueError):  # (ValueError: a NUL in the name)
        return set()
    found = set(names)
    for name in names:
        found.update(name[:at] for at, char in enumerate(name) if char == "." and at)
    return found


class MarkStore:
    """Marks of the articles of a corpus made of `roots` (one or more folders)."""

    def __init__(self, path: Path, roots: Iterable[Path]) -> None:
        self.path = Path(path)
        self.roots = [Path(root) for root in roots]
        self.keys = [root_key(root) for root in self.roots]
        self._moves_checked: set[str] = set()  # keys looked for a moved folder's marks once
        # Why a moved or copied folder's marks could not be taken over here (a read-only data
        # dir): the folder shows none, which its user is told once (take_not_followed).
        self._not_followed: str | None = None
        self._said: set[str] = set()  # those lines taken: a lock that stays is not said at each read

    def _key_of(self, article_id: str, listings: dict[Path, set[str]] | None = None) -> str:
        """The key of the folder holding the article's file (ids are relative to their folder;
        `file#n` names an entry of a feed or JSON Lines file); the first folder when none does."""
        if len(self.keys) > 1:
            for root, key in zip(self.roots, self.keys):
                if holds_article(root, article_id, listings):
                    return key
        return self.keys[0]

    def _follow_moved_folders(self, connection: sqlite3.Connection) -> None:
        """Marks are keyed by the folder's path, so a corpus folder moved or renamed would lose
        them from view. A folder of this corpus with no marks takes over those of a folder that no
        longer exists when most of that folder's marked articles are files of this one (the same
        articles under the new path). Nothing is ever deleted; a database that cannot be read or
        written here leaves them where they were (the reading or writing that follows says why)."""
        for root, key in zip(self.roots, self.keys):
            if key in self._moves_checked:
                continue
            self._moves_checked.add(key)
            try:
                moved = self._moved_here(connection, root, key)
                if moved is not None:
                    self._take_over(connection, root, key, moved, "was moved from", _move_folder)
                    continue
                copied = self._copied_here(connection, root, key, self.keys)
                if copied is not None:
                    self._take_over(connection, root, key, copied, "is a copy of", _copy_folder)
            except sqlite3.Error:
                return

    def _take_over(
        self,
        connection: sqlite3.Connection,
        root: Path,
        key: str,
        original: str,
        how: str,
        take: Callable[[sqlite3.Connection, str, str], None],
    ) -> None:
        """`take` (_move_folder, _copy_folder) the marks of the folder at `original` for `root`'s,
        in a transaction of its own; when the file cannot be written, why is kept for
        take_not_followed (the folder showed no mark, and nothing said why)."""
        try:
            with connection:
                take(connection, key, original)
        except sqlite3.Error as exc:
            shown = f"{root}: no read mark or star shown: this folder {how} {original}, whose marks could not be "
            if is_busy(exc):  # another process's write (the app's, an import): no fault of the data dir's
                self._moves_checked.discard(key)  # taken over at a later read
                line = f"{shown}taken over in {self.path} yet: {BUSY_ADVICE}"
            else:
                line = (
                    f"{shown}taken over in {self.path} ({why_not_written(self.path, exc)}); "
                    # (a new data dir alone has no marks file: the copy would show none there either)
                    "copy that file to a folder you can write to and set READER_DATA_DIR to it, to see and keep them"
                )
            if line not in self._said:
                self._not_followed = line
            raise

    def take_not_followed(self) -> str | None:
        """Why a moved or copied folder of this corpus shows none of its original's marks (the
        marks file could not be written, or another process held it), once: None after it was
        taken, and when nothing failed."""
        line, self._not_followed = self._not_followed, None
        if line is not None:
            self._said.add(line)
        return line

    @staticmethod
    def _moved_here(
        connection: sqlite3.Connection, root: Path, key: str, renamed: dict[str, str] | None = None
    ) -> str | None:
        """The key of a folder gone from disk whose marks are this empty folder's, or None.
        `renamed` ({old id: new id}, an update's): a marked article renamed since is here under
        its new id (a folder moved and renamed inside at once)."""
        if connection.execute("SELECT 1 FROM marks WHERE corpus = ? LIMIT 1", (key,)).fetchone():
            return None
        best, best_share = None, MOVED_SHARE
        listings: dict[Path, set[str]] = {}  # this folder's, each listed once (a glob an article listed it again)
        for (old,) in connection.execute("SELECT DISTINCT corpus FROM marks").fetchall():
            if Path(old).exists():
                continue
            ids = connection.execute(
                "SELECT article FROM marks WHERE corpus = ? LIMIT ?", (old, MOVED_SAMPLE)
            ).fetchall()
            renamed_to = renamed or {}
            share = sum(holds_article(root, renamed_to.get(a, a), listings) for (a,) in ids) / len(ids) if ids else 0.0
            if share >= best_share:
                best, best_share = old, share
        return best

    @staticmethod
    def _copied_here(connection: sqlite3.Connection, root: Path, key: str, own: list[str]) -> str | None:
        """The key of a folder still on disk, of no other corpus folder of ours (`own`), whose
        marks this empty folder starts from: at least MOVED_SHARE of its marked articles (of the
        first MOVED_SAMPLE) are files here with the same contents (`cp -r news news2` keeps
        none of the times). A copy, like a copied folder's files, then goes its own way: a mark
        set in one is not set in the other. Of folders as alike (two copies of one folder), the
        one with the most marks set: not a copy whose marks were all cleared on purpose."""
        if connection.execute("SELECT 1 FROM marks WHERE corpus = ? LIMIT 1", (key,)).fetchone():
            return None
        best, best_share, best_set = None, MOVED_SHARE, -1
        here: dict[Path, dict[str, str]] = {}  # this folder's files (_article_file), for every candidate
        for (old,) in connection.execute("SELECT DISTINCT corpus FROM marks").fetchall():
            if old in own or not Path(old).is_dir():
                continue
            ids = connection.execute(
                "SELECT article FROM marks WHERE corpus = ? LIMIT ?", (old, MOVED_SAMPLE)
            ).fetchall()
            share = _same_files_share(Path(old), root, [article for (article,) in ids], best_share, here)
            if share < best_share:
                continue
            (marks_set,) = connection.execute(
                "SELECT count(*) FROM marks WHERE corpus = ? AND (read OR starred)", (old,)
            ).fetchone()
            if share > best_share or marks_set > best_set:
                best, best_share, best_set = old, share, marks_set
        return best

    def _existing(self, wait: float | None = None) -> sqlite3.Connection | None:
        """The database, or None when no mark was ever set (reading creates nothing); a lock
        held by another process is waited for `wait` seconds (BUSY_SECONDS when None).
        MarksUnreadable when the file is damaged or a link to a file not there, MarksForeign
        when it is not ours."""
        if not self.path.is_file():
            broken = _broken_link_line(self.path)
            if broken is not None:
                raise MarksUnreadable(f"{broken}; {UNREAD_ADVICE}: {BROKEN_LINK_ADVICE}")
            return None
        try:
            connection = self._open(write=False, wait=wait)
        except sqlite3.DatabaseError as exc:
            if not self.path.exists():
                return None  # gone since it was seen (moved aside): no mark, as before it was made
            raise self._unreadable(exc, wait) from exc
        return connection

    def _unreadable(self, error: sqlite3.DatabaseError, waited: float | None = None) -> MarksUnreadable:
        return unreadable_error(self.path, error, waited)

    def _rows(self, connection: sqlite3.Connection, sql: str, params: tuple, waited: float | None = None) -> list:
        try:
            return connection.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._unreadable(exc, waited) from exc

    def _open(self, write: bool = True, wait: float | None = None) -> sqlite3.Connection:
        """A connection to our marks database (created when writing). MarksForeign, before
        anything is written, when the file is another application's database."""
        if write:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if write:
            connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS if wait is None else wait)
        else:  # never created by a read: the file moved aside since it was seen stays away
            connection = sqlite3.connect(
                f"{self.path.absolute().as_uri()}?mode=rw", uri=True, timeout=BUSY_SECONDS if wait is None else wait
            )
        try:
            why = not_ours(connection)
            if why is not None:
                raise MarksForeign(foreign_line(self.path, why))
            if write:
                stamp_as_ours(connection)
            elif not has_marks_table(connection):
                # An empty file (created, never written): no rows, from a table of this
                # connection's alone. Reading writes nothing (a read-only file was a traceback).
                connection.execute(SCHEMA.replace("CREATE TABLE", "CREATE TEMP TABLE"))
        except BaseException:
            connection.close()
            raise
        return connection

    def stamp(self) -> tuple[int, int, int, bytes, bytes] | None:
        """What tells one state of the file from another, cheaply (a window's look every few
        seconds): its identity, size, time of change and SQLite's change counter, which every
        write bumps (a time that ticks coarsely, on a FAT or network disk, can stay the same
        across two writes of the same size; the file keeps SQLite's rollback journal, where
        every commit bumps the counter), and the state of a write-ahead log beside it. None when
        there is no file to read. Bytes read, no lock taken, nothing written."""
        try:
            descriptor = _KEPT_OPEN.descriptor(self.path)
            status = os.fstat(descriptor)
            counter = os.pread(descriptor, 4, 24)
        except OSError:
            return None
        return (status.st_ino, status.st_size, status.st_mtime_ns, counter, _wal_stamp(self.path))

    def all(self, wait: float | None = None) -> dict[str, Mark]:
        """Every marked article of this corpus: {article id: Mark}. Unmarked ones are absent.
        A lock another process holds is waited for `wait` seconds (BUSY_SECONDS when None),
        then MarksBusy. MarksUnreadable when a folder (or a pipe) is at the path: no mark shown,
        unsaid, hid every one (`state export` says so its own way: no mark to export)."""
        if self.path.exists() and not self.path.is_file():
            raise MarksUnreadable(
                f"{self.path}: a folder (or other non-file) where the marks file belongs; "
                "reader leaves it as it is: move it elsewhere to see and set marks again"
            )
        connection = self._existing(wait)
        if connection is None:
            return {}
        marks: dict[str, Mark] = {}
        with closing(connection):
            self._follow_moved_folders(connection)
            for key in self.keys:
                rows = self._rows(
                    connection,
                    "SELECT article, read, starred FROM marks WHERE corpus = ? AND (read OR starred)",
                    (key,),
                    wait,
                )
                for article, read, starred in rows:
                    if article not in marks:  # the same id in two folders: the first folder's
                        marks[article] = _SHARED_MARKS[bool(read), bool(starred)]
        return marks

    def get(self, article_id: str) -> Mark:
        connection = self._existing()
        if connection is None:
            return UNMARKED
        with closing(connection):
            self._follow_moved_folders(connection)
            rows = self._rows(
                connection,
                "SELECT read, starred FROM marks WHERE corpus = ? AND article = ?",
                (self._key_of(article_id), article_id),
            )
        return Mark(bool(rows[0][0]), bool(rows[0][1])) if rows else UNMARKED

    def follow_renamed(self, renamed: dict[str, str]) -> None:
        """Marks follow articles whose file was renamed or moved inside the corpus ({old id: new
        id}, as an index update found them by their contents: IndexReport.renamed), in one
        transaction: a process killed meanwhile leaves every mark where it was. The renames are
        one move (a swap, a chain). A new id that had marks of its own, not moving away, named a
        text that is gone (the file renamed onto it took its place): the renamed article's marks
        replace them, or, it having none, they are cleared, changed now (an older export of them
        imported does not put them back): merged, the star of a text overwritten would have
        starred the one that replaced it. Nothing is written when no mark was ever set.
        MarksNotSaved or MarksUnreadable as change() raises them."""
        if not renamed or not self.path.is_file():
            return
        keys = ",".join("?" * len(self.keys))
        listings: dict[Path, set[str]] = {}

        def write(connection: sqlite3.Connection) -> None:
            # A corpus folder moved with folders renamed inside it: its old marks are counted here
            # under their new ids, or too few would be this folder's for it to take them over.
            for root, key in zip(self.roots, self.keys):
                moved = self._moved_here(connection, root, key, renamed)
                if moved is not None:
                    _move_folder(connection, key, moved)
            # The marks that move are lifted first (to an id no file has), then put down under
            # their new ids: one by one, two files swapped each kept its own, the other's being in
            # the way, and of a chain (a to b, b to c) a's went on to c with b's.
            marked = self._marked_among(connection, {*renamed, *renamed.values()})
            moving = _marks_that_move(marked, renamed)
            # The names whose own marks stay there, their text gone: the renamed article's replace them.
            overwritten = {new for old, new in renamed.items() if new in marked and new not in moving}
            now = time.time()
            lifts = [(_LIFTED + old, *self.keys, old) for old in moving]
            rows = [
                (self._key_of(new, listings), new, now if new in overwritten else None, *self.keys, _LIFTED + old)
                for old, new in moving.items()
            ]
            cleared = [(now, *self.keys, new) for new in overwritten - set(moving.values())]
            connection.executemany(f"UPDATE marks SET article = ? WHERE corpus IN ({keys}) AND article = ?", lifts)
            connection.executemany(
                f"UPDATE OR REPLACE marks SET corpus = ?, article = ?, changed = coalesce(?, changed) "
                f"WHERE corpus IN ({keys}) AND article = ?",
                rows,
            )
            connection.executemany(
                f"UPDATE marks SET read = 0, starred = 0, changed = ? WHERE corpus IN ({keys}) AND article = ?",
                cleared,
            )

        self._writing(write)

    def _marked_among(self, connection: sqlite3.Connection, ids: set[str]) -> set[str]:
        """Those of `ids` with a mark in this corpus's folders."""
        keys = ",".join("?" * len(self.keys))
        listed, found = sorted(ids), set[str]()
        for start in range(0, len(listed), _IDS_PER_QUERY):
            chunk = listed[start : start + _IDS_PER_QUERY]
            found.update(
                article
                for (article,) in connection.execute(
                    f"SELECT article FROM marks WHERE corpus IN ({keys}) AND article IN ({','.join('?' * len(chunk))})",
                    (*self.keys, *chunk),
                )
            )
        return found

    def put(self, marks: dict[str, Mark]) -> None:
        """Store whole marks ({article id: Mark}) in one transaction."""
        self.change({a: {"read": m.read, "starred": m.starred} for a, m in marks.items()})

    def change(self, changes: dict[str, dict[str, bool]], links: Mapping[str, str] | None = None) -> None:
        """Set some fields of some marks ({article id: {"read" and/or "starred": value}}) in one
        transaction, leaving the others as stored: a star set in one window must not undo the
        read mark another window stored meanwhile (its copy of the mark is older). `links`
        ({article id: the id of the version it replaced}): the chain from a marked older version
        to its newest, kept with the mark (version_marks.links_to_keep) so that it shows there
        even when an index update let the links go before the mark was set; one kept already
        for the same article stays."""
        if not changes:
            return
        now = time.time()
        rows = [
            {
                "corpus": self._key_of(a),
                "article": a,
                "read": None if "read" not in fields else int(fields["read"]),
                "starred": None if "starred" not in fields else int(fields["starred"]),
                "now": now,
            }
            for a, fields in changes.items()
        ]
        link_rows = [StoredLink(self._key_of(article), article, older) for article, older in (links or {}).items()]

        def write(connection: sqlite3.Connection) -> None:
            connection.executemany(
                "INSERT INTO marks (corpus, article, read, starred, changed) "
                "VALUES (:corpus, :article, coalesce(:read, 0), coalesce(:starred, 0), :now) "
                "ON CONFLICT (corpus, article) DO UPDATE SET read = coalesce(:read, read), "
                "starred = coalesce(:starred, starred), changed = :now",
                rows,
            )
            _add_links(connection, link_rows)

        self._writing(write)

    def stored(self) -> list[StoredMark]:
        """Every mark the file holds, of every corpus folder (cleared ones too: when one was
        cleared matters to a merge), read in one statement: a consistent copy while another
        window writes. [] when no mark was ever set."""
        connection = self._existing()
        if connection is None:
            return []
        with closing(connection):
            rows = self._rows(
                connection, "SELECT corpus, article, read, starred, changed FROM marks ORDER BY corpus, article", ()
            )
        return [
            StoredMark(corpus, article, bool(read), bool(starred), float(changed))
            for corpus, article, read, starred, changed in rows
        ]

    def stored_links(self) -> list[StoredLink]:
        """Every version link the file keeps, of every corpus folder, in one statement ([] when
        none was ever kept: no file, or one of layout 1)."""
        connection = self._existing()
        if connection is None:
            return []
        with closing(connection):
            if not connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'version_links'"
            ).fetchone():
                return []
            rows = self._rows(
                connection, "SELECT corpus, article, older FROM version_links ORDER BY corpus, article", ()
            )
        return [StoredLink(corpus, article, older) for corpus, article, older in rows]

    def merge(
        self, marks: Iterable[StoredMark], links: Iterable[StoredLink] = (), kept_links: Iterable[StoredLink] = ()
    ) -> MergeCounts:
        """Add marks from elsewhere (another machine's, a backup's) in one transaction: a mark
        not here is added; one here is replaced only by a mark changed later, so the newer of the
        two wins whichever way two machines are merged. `links`, the version links that carry
        those marks to their newest versions, are added beside them; a link kept here for the
        same article stays (merged, never dropped); so do `kept_links`, those from a merged
        mark's version up to its newest here (counted apart). MarksNotSaved as change() raises it."""
        marks, links, kept_links = list(marks), list(links), list(kept_links)

        # A folder of this corpus moved since its marks were last read takes them over first
        # (_writing): once the import gave it marks, it would take over none. The write lock is
        # taken before the first mark is looked at: a mark another window sets meanwhile waits
        # for the merge, never lands between a look and its write (where an older imported
        # mark replaced it, unseen).
        def write(connection: sqlite3.Connection) -> MergeCounts:
            counts = MergeCounts()
            for mark in marks:
                here = connection.execute(
                    "SELECT read, starred, changed FROM marks WHERE corpus = ? AND article = ?",
                    (mark.corpus, mark.article),
                ).fetchone()
                if here is not None and here[2] >= mark.changed - CHANGED_SLACK:
                    counts.kept += 1
                    continue
                if here is not None and (bool(here[0]), bool(here[1])) == (mark.read, mark.starred):
                    counts.unchanged += 1
                elif here is not None:
                    counts.updated += 1
                else:
                    counts.added += 1
                connection.execute(
                    "INSERT INTO marks (corpus, article, read, starred, changed) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (corpus, article) DO UPDATE SET read = excluded.read, "
                    "starred = excluded.starred, changed = excluded.changed",
                    (mark.corpus, mark.article, int(mark.read), int(mark.starred), mark.changed),
                )
            counts.links_added = _add_links(connection, links)
            counts.links_kept = _add_links(connection, kept_links)
            return counts

        return self._writing(write)

    def _writing(self, write: Callable[[sqlite3.Connection], T], wait: float | None = None) -> T:
        """`write` in one transaction under SQLite's write lock, taken before it looks at any
        mark; our table made under that lock when the file has none (an empty file: a new
        database). A lock another process holds is waited for `wait` seconds (BUSY_SECONDS when
        None). MarksNotSaved saying why nothing could be written. A file another program set to
        WAL mode is switched back to the rollback journal once written, when no other program
        has it open (left_wal_mode): in WAL mode a read writes the index beside the file, and
        on a full disk no mark could be read."""
        try:
            opened = self._open() if wait is None else self._open(wait=wait)
            with closing(opened) as connection:
                with connection:
                    self._follow_moved_folders(connection)  # before this folder's first mark
                    connection.execute("BEGIN IMMEDIATE")
                    if not has_marks_table(connection):
                        stamp_in(connection)
                    written = write(connection)
                left_wal_mode(connection)  # after the commit: the marks are saved either way
                return written
        except (sqlite3.Error, OSError) as exc:  # MarksForeign is an OSError
            raise self._not_saved(exc) from exc

    def _not_saved(self, exc: BaseException) -> MarksNotSaved:
        """MarksNotSaved saying why `exc` kept the marks from being written, in words."""
        if isinstance(exc, MarksForeign):
            return MarksNotSaved(exc.line, FOREIGN_ADVICE)
        if is_damaged(exc):
            return MarksNotSaved(_damaged_line(self.path, exc), DAMAGED_ADVICE, damaged=True)
        if is_busy(exc):
            return MarksNotSaved(f"{self.path}: locked for over {BUSY_SECONDS} s", BUSY_ADVICE)
        if getattr(exc, "sqlite_errorname", None) == "SQLITE_FULL" or getattr(exc, "errno", None) == errno.ENOSPC:
            return MarksNotSaved(f"{self.path}: the disk is full", "free some space on it")
        if (getattr(exc, "sqlite_errorname", None) or "").startswith("SQLITE_IOERR"):
            # SQLite's "disk I/O error" names no cause, and the advice to pick another folder
            # misled where the folder is writable: a file past the size limit (ulimit -f) is one.
            return MarksNotSaved(f"{self.path}: {_io_error_cause(self.path)}", IO_ERROR_ADVICE)
        broken = _broken_link_line(self.path)
        if broken is not None:  # SQLite's "unable to open database file": the folder it points in is gone too
            return MarksNotSaved(broken, BROKEN_LINK_WRITE_ADVICE)
        why = why_not_written(self.path, exc)
        # A file where the data folder was (made one while a window runs): moved away, the next
        # write makes the folder again, and a window saves the marks it kept; a new
        # READER_DATA_DIR alone needs a restart, which loses them.
        move = "move that file out of the way (the folder is made again) or " if file_in_the_way(self.path) else ""
        return MarksNotSaved(
            f"{self.path}: {why}", f"{move}set READER_DATA_DIR to a folder you can write to, to keep them"
        )


def _in_wal_mode_unwritable(path: Path) -> bool:
    """Whether the file is in WAL mode (SQLite's header bytes 18 and 19) and its folder is on a
    read-only disk or not writable."""
    try:  # the kept descriptor: closing one of the file drops this process's locks on it (_KeptOpen)
        in_wal_mode = os.pread(_KEPT_OPEN.descriptor(path), 2, 18) == b"\x02\x02"
        read_only = bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False
    return in_wal_mode and (read_only or not os.access(path.parent, os.W_OK))


def _broken_link_line(path: Path) -> str | None:
    """What is wrong when the marks path is a link to a file not there (on a disk not mounted, a
    synced folder moved), or None. Read as "no mark was ever set", every mark seemed lost,
    unsaid. (A write makes the file where the link points: a link made before the first mark.)"""
    if not path.is_symlink() or path.exists():
        return None
    try:
        target = os.readlink(path)
    except OSError:
        target = "a file"
    return f"{path}: a link to {target}, which is not there"


BROKEN_LINK_ADVICE = "mount the disk it is on; a mark set now makes a new marks file where it points"
BROKEN_LINK_WRITE_ADVICE = "mount the disk it is on, then try again"

IO_ERROR_ADVICE = "the marks saved before are kept; free some space or check the disk, then try again"


def _io_error_cause(path: Path) -> str:
    """What SQLite's "disk I/O error" writing `path` likely was, in words."""
    try:
        if shutil.disk_usage(path.parent).free < IO_ERROR_FREE_LEAST:
            return "the disk is full"
    except OSError:
        pass
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0] if resource is not None else -1
    if limit != getattr(resource, "RLIM_INFINITY", -1):
        return f"a disk I/O error (this process may write files of at most {limit:,} bytes: ulimit -f)"
    return "a disk I/O error (the disk may be failing or gone)"


# Free bytes under which a write's I/O error is said to be the disk's being full (a page or two of
# SQLite's, a journal's header).
IO_ERROR_FREE_LEAST = 64 * 1024


def _move_folder(connection: sqlite3.Connection, key: str, moved: str) -> None:
    """The marks of the folder gone from `moved` become this folder's (`key`), and the links of
    its versions deleted with them (reader.state.version_links), in the transaction under way."""
    connection.execute("UPDATE OR IGNORE marks SET corpus = ? WHERE corpus = ?", (key, moved))
    if connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'version_links'").fetchone():
        connection.execute("UPDATE OR IGNORE version_links SET corpus = ? WHERE corpus = ?", (key, moved))


def _copy_folder(connection: sqlite3.Connection, key: str, original: str) -> None:
    """The marks of the folder at `original`, and the links of its deleted versions, copied to
    this folder (`key`), in the transaction under way; the original's stay as they are."""
    connection.execute(
        "INSERT OR IGNORE INTO marks (corpus, article, read, starred, changed) "
        "SELECT ?, article, read, starred, changed FROM marks WHERE corpus = ?",
        (key, original),
    )
    if connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'version_links'").fetchone():
        connection.execute(
            "INSERT OR IGNORE INTO version_links (corpus, article, older) "
            "SELECT ?, article, older FROM version_links WHERE corpus = ?",
            (key, original),
        )


def _article_file(root: Path, article_id: str, listings: dict[Path, dict[str, str]]) -> Path | None:
    """The file under `root` that holds the article `article_id` (see holds_article), or None:
    the file of that name, else the first (sorted) whose name is it and a suffix. `listings`
    ({folder: _files_by_stem}) lists each folder once: a glob for each article listed its
    folder again (100,000 files in one folder: 0.3 s an article)."""
    candidate = root / article_id.partition("#")[0]
    if candidate.parent not in listings:
        listings[candidate.parent] = _files_by_stem(candidate.parent)
    name = listings[candidate.parent].get(candidate.name)
    return None if name is None else candidate.parent / name


def _files_by_stem(folder: Path) -> dict[str, str]:
    """{name: the file it names} of a folder's files: each file's own name, and each part of
    its name before a dot for the first file (sorted) that has it ("a.b.md" for "a" and "a.b")."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if _is_file(entry))
    except (OSError, ValueError):
        return {}
    files: dict[str, str] = {}
    for name in names:
        for at, char in enumerate(name):
            if char == "." and at:
                files.setdefault(name[:at], name)
    files.update((name, name) for name in names)
    return files


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _same_files_share(
    original: Path, copy: Path, article_ids: list[str], needed: float, here: dict[Path, dict[str, str]]
) -> float:
    """The share of `article_ids` whose files under `original` are under `copy` with the same
    contents; 0.0 once it can no longer reach `needed` (an unrelated folder costs few reads: the
    copy's side is looked at first, `here` its listings, kept for the next original)."""
    if not article_ids:
        return 0.0
    allowed_misses = len(article_ids) * (1 - needed)
    there: dict[Path, dict[str, str]] = {}
    same = misses = 0
    for article_id in article_ids:
        in_copy = _article_file(copy, article_id, here)
        in_original = _article_file(original, article_id, there) if in_copy is not None else None
        try:
            alike = in_copy is not None and in_original is not None and filecmp.cmp(in_original, in_copy, shallow=False)
        except OSError:
            alike = False
        if alike:
            same += 1
        else:
            misses += 1
            if misses > allowed_misses:
                return 0.0
    return same / len(article_ids)


def _add_links(connection: sqlite3.Connection, links: list[StoredLink]) -> int:
    """Add these version links in the transaction under way, a link kept already for the same
    article left as it is; how many were added. No table is made for none."""
    if not links:
        return 0
    add_version_links(connection)
    before = connection.total_changes
    connection.executemany(
        "INSERT OR IGNORE INTO version_links (corpus, article, older) VALUES (?, ?, ?)",
        [(link.corpus, link.article, link.older) for link in links],
    )
    return connection.total_changes - before


def _marks_that_move(marked: set[str], renamed: dict[str, str]) -> dict[str, str]:
    """The renames ({old id: new id}) whose old id has marks (`marked`) to go to the new id:
    one rename per new id."""
    moving: dict[str, str] = {}
    taken: set[str] = set()
    for old, new in renamed.items():
        if old in marked and new not in taken:
            moving[old] = new
            taken.add(new)
    return moving


def _opened_file(path: Path) -> BinaryIO:
    """`path` opened to read, OSError when it is no regular file: opened without waiting (a
    named pipe there blocked a window's look for good, and the watcher behind it)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


class _KeptOpen:
    """Descriptors of the marks file (and of its WAL index) for MarkStore.stamp's looks, opened
    once and kept: closing a descriptor of a file drops every lock this process holds on it
    (POSIX), SQLite's too. A window's look every few seconds, opening and closing the file, let
    another process write while this one's repair (or save) held SQLite's exclusive lock: a
    mark written between the repair's read and its emptying of the file was lost. A path that
    names another file since (moved aside, replaced) is opened again; the old descriptor,
    of that other file, is closed."""

    def __init__(self) -> None:
        self.files: dict[Path, BinaryIO] = {}
        self.lock = threading.Lock()

    def descriptor(self, path: Path) -> int:
        """A descriptor of the regular file at `path` now; OSError when there is none."""
        path = Path(path).absolute()
        with self.lock:
            kept = self.files.get(path)
            if kept is not None and _same_file(os.stat(path), os.fstat(kept.fileno())):
                return kept.fileno()
            opened = _opened_file(path)
            if kept is not None:
                kept.close()
            self.files.pop(path, None)
            self.files[path] = opened  # the newest last
            while len(self.files) > KEPT_OPEN_MOST:  # a test run's thousand folders: the oldest closed
                self.files.pop(next(iter(self.files))).close()
            return opened.fileno()


def _same_file(one: os.stat_result, other: os.stat_result) -> bool:
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


# Marks files kept open for the looks at once (an app looks at one; tests at many in turn).
KEPT_OPEN_MOST = 8
_KEPT_OPEN = _KeptOpen()


def _wal_stamp(path: Path) -> bytes:
    """The write-ahead log's state, b"" without one. A file in WAL mode (set by another tool)
    is written in its -wal file and keeps its own bytes, counter and time until a checkpoint:
    the log's identity, size and time, and the -shm index's header, which counts every
    transaction (iChange) and names the last frame (mxFrame). Not the index's time: a reader
    writes its read mark there, and each look's own read would look like a change."""
    said = b""
    try:
        status = os.stat(f"{path}-wal")
        said += b"%d:%d:%d:" % (status.st_ino, status.st_size, status.st_mtime_ns)
        said += os.pread(_KEPT_OPEN.descriptor(Path(f"{path}-shm")), 48, 0)
    except OSError:
        pass  # none (a rollback journal's file), or not readable: what the rest says stands
    return said
