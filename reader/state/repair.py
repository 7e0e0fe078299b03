"""`reader state repair`: a damaged marks file is copied aside under a new name beside it (never
over another file; nothing is ever deleted), every mark still readable in it is salvaged, and a
new marks database holding them is written over the file at its path.

Salvage reads the file two ways and keeps the union: through SQLite, row by row, stepping past
rows it cannot read; and page by page, parsing each table leaf page of SQLite's file format
itself (https://www.sqlite.org/fileformat2.html), which finds the rows of a file whose header,
schema or tree is gone (zeros written over its start, a truncated file). Python's sqlite3 has
no binding for SQLite's own recovery extension, hence this reader. Of two copies of a mark (a
page left over from an earlier write holds an older one) the one changed last is kept.

The file is repaired in place, not renamed: a window's connection opened on a renamed file goes
on using the journal beside the path, which is the new file's then, and played the new file's
journal back into the old one (a mark saved, then gone; "disk I/O error"). The copy set aside
is made first, as the file and its companions were found (SQLite's connections change them), a
chunk at a time; the pages are read mapped: a file of gigabytes is never held in memory. Another
window writing meanwhile loses nothing: the pages are read and the new database written over
the file under SQLite's exclusive lock, held from the reading to the end of the writing (when
SQLite can lock it at all: a file it cannot lock, it cannot write either); a write that waited
for that lock finds the salvaged marks there, and the change counter of the new file goes on
from the damaged one's, so a window's connection drops the damaged file's pages it cached
(_write_over). A repair killed while it writes leaves a note naming the copy set aside; the
next repair reads that copy too (UNDER_WAY), or says the copy was deleted and removes the note. A
file another program set to WAL mode is switched back to a rollback journal before it is written
(_leave_wal_mode), or left as it is while that program keeps it open.
"""

from __future__ import annotations

import errno
import math
import mmap
import os
import secrets
import sqlite3
import struct
import tempfile
import time
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Union, cast

from reader.file_lock import wait_for_flock
from reader.safe_write import DAMAGED_INFIX, damaged_aside_name, damaged_stamp as _utc_stamp, name_taken
from reader.wording import counted
from reader.state.marks import (
    BUSY_ADVICE,
    BUSY_SECONDS,
    REPAIR_COMMAND,
    MarksBusy,
    MarksForeign,
    MarksNotSaved,
    MarksUnreadable,
    MarkStore,
    StoredMark,
    unreadable_error,
)
from reader.state.marks_db import (
    APPLICATION_ID,
    COLUMNS,
    LAYOUT_VERSION,
    foreign_line,
    has_marks_table,
    is_busy,
    is_damaged,
    left_wal_mode,
    not_ours,
    stamp_in,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
# Files SQLite keeps beside the database, copied aside with it as they were found; none is left
# beside the file written over (a hot journal or a log there would be played back into it).
COMPANIONS = ("-journal", "-wal", "-shm")
TABLE_LEAF = 0x0D
PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
# Rows SQLite cannot read are stepped over by rowid, each step twice the last, at most this many.
ROWID_STEPS = 62
# A row longer than this is no mark (a corpus folder's path and an article's id, each a path
# the system allows, a few kilobytes at most): its overflow chain is not followed.
MARK_BYTES_MOST = 64 * 1024
# What the page reader reads: bytes, or a file mapped (never read whole into memory).
Data = Union[bytes, mmap.mmap, "_RolledBack"]  # (the last: a file as its hot journal leaves it)


class MarksNewer(MarksUnreadable):
    """The marks file is reader's, of a layout a newer reader wrote: never repaired here."""


class SalvageNotWritten(MarksUnreadable):
    """The damaged file was set aside (`aside`), and its salvaged marks could not be written
    over it: the copy set aside holds them (the next repair reads it again)."""

    def __init__(self, message: str, aside: Path) -> None:
        super().__init__(message)
        self.aside = aside


@dataclass(frozen=True)
class RepairReport:
    """What `reader state repair` did: `repaired` False when there was nothing to repair (no
    file, or a sound one); else where the damaged file went, why it was damaged, and the marks
    salvaged from it (distinct articles). `copies_gone`: copies a stopped repair's note named that
    are no longer there (the user deleted them); the note is removed, said once (`notice`)."""

    path: Path
    repaired: bool
    found: bool = True  # a file at the path
    aside: Path | None = None
    salvaged: int = 0
    damage: str = ""
    copies_gone: tuple[Path, ...] = ()
    note: str = ""  # the name of the note removed: the file's a link points at, not the link's

    @property
    def notice(self) -> str:
        """One line on what was found beside the file besides the repair ("" when nothing)."""
        if not self.copies_gone:
            return ""
        names = ", ".join(copy.name for copy in self.copies_gone[:3])
        names += f" and {len(self.copies_gone) - 3} more" if len(self.copies_gone) > 3 else ""
        return (
            f"{counted(len(self.copies_gone), 'copy', 'copies')} set aside by a repair stopped before the end "
            f"{'is' if len(self.copies_gone) == 1 else 'are'} gone ({names}): the marks only "
            f"{'it' if len(self.copies_gone) == 1 else 'they'} held could not be salvaged; its note "
            f"{self.note or self.path.name + UNDER_WAY} is removed"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "found": self.found,
            "repaired": self.repaired,
            "aside": None if self.aside is None else str(self.aside),
            "salvaged": self.salvaged,
            "damage": self.damage,
            "copies_gone": [str(copy) for copy in self.copies_gone],
            "notice": self.notice,
        }


def repair(path: Path) -> RepairReport:
    """Repair the marks file at `path` (see the module's doc). MarksForeign for another
    application's database, MarksNewer for a newer reader's, MarksBusy when another process
    keeps it locked, MarksUnreadable when it cannot be read, copied or written: left as it is."""
    path = Path(path)
    if not name_taken(path):
        return RepairReport(path, repaired=False, found=False)
    if not path.is_file():
        raise MarksUnreadable(f"{path}: not a file; reader leaves it as it is")
    # SQLite keeps the journal and the log beside the file a link points at: so does the repair.
    real = Path(os.path.realpath(path))
    _refuse_others(real, _header(real))
    # Held from before the first look to the end: closing a process's descriptor of a file drops
    # every lock the process holds on it (POSIX), SQLite's too.
    with _opened(real, "rb") as held:
        _repairing_alone(held, real)
        earlier, gone = _interrupted(real)  # copies set aside by a repair killed before it was done
        note = f"{real.name}{UNDER_WAY}"
        aside = damaged_aside_name(real, _utc_stamp(), COMPANIONS)
        copies: list[Path] = []
        try:
            try:
                _copy_aside(real, aside, ("-shm",), copies)  # the index the look below rewrites
                not_copied = None
            except MarksUnreadable as exc:
                not_copied = exc
            damaged = _damage(real, read_only=True) is not None  # a look that changes neither the file nor its log
            if damaged and not_copied is not None:
                raise not_copied
            rewritten = None
            if damaged:
                _copy_aside(real, aside, ("", "-journal", "-wal"), copies)
                rewritten = _salvaged_and_rewritten(real, aside, copies, earlier)
        finally:
            _remove(copies)  # those of a repair that did not go on to rewrite the file
    if rewritten is None and earlier:
        return replace(_interrupted_one_finished(path, real, earlier), copies_gone=gone, note=note)
    if rewritten is None:
        _stale_note_removed(real)
        return RepairReport(path, repaired=False, copies_gone=gone, note=note)
    damage, salvaged = rewritten
    return RepairReport(
        path, repaired=True, aside=aside, salvaged=len(salvaged), damage=damage, copies_gone=gone, note=note
    )


def _salvaged_and_rewritten(
    real: Path, aside: Path, copies: list[Path], earlier: list[Path]
) -> tuple[str, list[StoredMark]] | None:
    """The file set aside as found at `aside` (`copies`): its marks salvaged (and those of the
    copies of a repair killed before it was done: `earlier`) and written over the file in place
    (see _write_over), all under SQLite's lock: no window writes between the reading and the
    writing, and a write that waited for the lock finds the salvaged marks there. Why it was
    damaged, and the marks; None when it turns out sound (nothing written). `copies` is emptied
    once they are kept whatever comes next."""
    damage = _damage(real)  # SQLite's first connection may mend it (a hot journal played back)
    if damage is None:
        return None
    with _opened(real, "r+b") as file:
        read_by_sqlite = _rows_through_sqlite(real)  # before the lock: the pages read under it are newer
        # The file's map is closed once the lock is let go: Python's map holds a duplicate of the
        # descriptor, and closing it dropped SQLite's lock (POSIX drops every lock the process
        # holds on a file as any descriptor of it closes): a window wrote between the reading
        # and the writing, and its mark was lost.
        with ExitStack() as after_the_lock, _exclusive_lock(real) as lock:
            if lock is not None and _sound(lock, real):  # repaired meanwhile (another `state repair`)
                return None
            header = os.pread(file.fileno(), 100, 0)
            data = after_the_lock.enter_context(_whole(file))
            with _mapped(real, "-wal") as log, _mapped(real, "-journal") as journal:
                # A write that never committed is not salvaged: the pages a hot journal holds
                # are read in place of the file's (SQLite plays it back so), and a log's frames
                # only up to its last commit.
                salvaged = _newest(
                    (
                        *read_by_sqlite,
                        *_best_page_reading(_rolled_back(data, journal)),
                        *_rows_of_log(log),
                        *(mark for copy in (aside, *earlier) for mark in _rows_of_copy(copy)),
                    )
                )
            others = _other_tables(real, lock, earlier)
            with _scratch_folder(real) as folder:
                image = folder / "marks.sqlite3"
                _built(image, salvaged, others, _page_size(header))
                _note_under_way(real, [*earlier, aside])
                copies.clear()  # the companions are removed or moved next: the copies hold them
                try:
                    _clear_companions(real, aside)
                except OSError as exc:
                    raise MarksUnreadable(
                        f"{real}: its journal or log could not be moved aside ({exc.strerror or exc}); the "
                        f"damaged file is copied as {aside} and left as it is"
                    ) from exc
                try:
                    _write_over(file, image, header)
                except OSError as exc:
                    raise SalvageNotWritten(
                        f"{real}: the damaged file is kept as {aside}, but the {counted(len(salvaged), 'mark')} "
                        f"salvaged from it could not be written ({exc.strerror or exc}); free some space or "
                        f"make the folder writable, then run `{REPAIR_COMMAND}` again (it reads that copy)",
                        aside,
                    ) from exc
            _note_done(real)
    return damage, salvaged


@contextmanager
def _scratch_folder(real: Path) -> Iterator[Path]:
    """A private temporary folder, removed with what it holds as the block ends; MarksUnreadable,
    the damaged file untouched, when none can be made (the temporary folder's disk full)."""
    try:
        scratch = tempfile.TemporaryDirectory(prefix="reader-repair-")
    except OSError as exc:
        raise MarksUnreadable(
            f"{real}: no temporary folder to build the repaired file in ({exc.strerror or exc}); reader leaves "
            f"it as it is: free some space in {tempfile.gettempdir()} and run `{REPAIR_COMMAND}` again"
        ) from exc
    with scratch as folder:
        yield Path(folder)


def _rows_of_copy(aside: Path) -> list[StoredMark]:
    """The marks of a copy set aside, read page by page with its journal and log (SQLite never
    opens it: it stays byte for byte as it was found)."""
    with _mapped(aside) as found, _mapped(aside, "-wal") as found_log, _mapped(aside, "-journal") as journal:
        return [*_best_page_reading(_rolled_back(found, journal)), *_rows_of_log(found_log)]


def _carried_into(connection: sqlite3.Connection, others: _OtherTables) -> None:
    """The other tables made and filled (a row whose key another took first is left out: the
    newest reading comes first), then their indexes, triggers and views (no trigger fires on the
    copying); a statement of a damaged schema that SQLite refuses is skipped."""
    _made(connection, others.tables)
    for name, rows in others.rows.items():
        quoted = '"' + name.replace('"', '""') + '"'
        for row in rows:
            try:
                connection.execute(f"INSERT OR IGNORE INTO {quoted} VALUES ({', '.join('?' * len(row))})", row)
            except sqlite3.Error:
                continue  # a table not made, or a row not of its shape
    _made(connection, others.after_rows)


def _made(connection: sqlite3.Connection, schema: list[str]) -> None:
    for sql in schema:
        try:
            connection.execute(sql)
        except sqlite3.Error:
            continue


def _page_size(header: bytes) -> int:
    """The damaged file's page size when its header says one SQLite allows, else SQLite's default."""
    if header.startswith(SQLITE_MAGIC) and len(header) >= 100:
        size = struct.unpack(">H", header[16:18])[0]
        size = 65536 if size == 1 else size
        if size in PAGE_SIZES:
            return size
    return PAGE_SIZES[0]


def _built(image: Path, marks: list[StoredMark], others: _OtherTables, page_size: int) -> None:
    """A new marks database at `image` holding `marks` and the other tables (a temporary file:
    what is written over the damaged one). MarksUnreadable, the damaged file untouched, when it
    cannot be made."""
    try:
        with closing(sqlite3.connect(image, isolation_level=None)) as connection:
            connection.execute(f"PRAGMA page_size = {page_size}")
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("BEGIN")
            stamp_in(connection)
            connection.executemany(
                f"INSERT INTO marks ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?)",
                ((m.corpus, m.article, int(m.read), int(m.starred), m.changed) for m in marks),
            )
            _carried_into(connection, others)
            connection.execute("COMMIT")
    except sqlite3.Error as exc:
        raise MarksUnreadable(
            f"{image.parent}: the repaired marks could not be written there ({exc}); the damaged file is "
            f"left as it is: free some space in the temporary folder and run `{REPAIR_COMMAND}` again"
        ) from exc


def _write_over(file: BinaryIO, image: Path, header: bytes) -> None:
    """The database at `image` written over the open damaged file, in place (a window's
    connection holds the file open: a file renamed over it would not be the one it writes).
    Its pages after the first are written first and synced, then the first page: a repair killed
    before that leaves the damaged file's first page, a damaged file still, that the next repair
    reads with the copies set aside (_note_under_way). The first page's change counter and
    schema cookie go on from the damaged file's: a connection opened on the damaged file keeps
    its pages cached while the counter reads as it did, and a counter started again at 1 came
    back round to it (it read marks of pages gone, "database disk image is malformed")."""
    descriptor = file.fileno()
    with open(image, "rb") as source:
        first = bytearray(source.read(100))
        size = _page_size(bytes(first))
        first += source.read(size - 100)
        end = size
        while chunk := source.read(COPY_CHUNK):
            _write_all(descriptor, chunk, end)
            end += len(chunk)
    os.ftruncate(descriptor, end)
    os.fsync(descriptor)
    counter, cookie = _beyond(header, 24), _beyond(header, 40)
    first[24:28] = first[92:96] = counter  # 92: the version the header's page count is valid for
    first[40:44] = cookie
    _write_all(descriptor, bytes(first), 0)
    os.fsync(descriptor)


def _write_all(descriptor: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(descriptor, view, offset)
        view, offset = view[written:], offset + written


def _beyond(header: bytes, at: int) -> bytes:
    """A 4-byte count of SQLite's header (the change counter, the schema cookie) one past the
    damaged file's: no connection opened on it has seen it (each only grows). Its header gone, a
    count drawn at random from the upper half of the range, far past any file's own count."""
    if header.startswith(SQLITE_MAGIC) and len(header) >= 100:
        return ((struct.unpack(">I", header[at : at + 4])[0] + 1) & 0xFFFFFFFF or 1).to_bytes(4, "big")
    return (secrets.randbelow(1 << 30) + (1 << 31)).to_bytes(4, "big")


# Beside the marks file while a repair writes over it: the names of the copies set aside that hold
# the marks (a repair killed meanwhile left a file of half the salvaged pages; the next reads them).
UNDER_WAY = ".repair-under-way"


def _note_under_way(real: Path, asides: list[Path]) -> None:
    """The note naming the copies set aside, replaced whole and synced before the file is written."""
    note = Path(f"{real}{UNDER_WAY}")
    draft = Path(f"{note}.new")
    try:
        with open(draft, "w", encoding="utf-8") as out:
            out.write("".join(f"{aside.name}\n" for aside in asides))
            out.flush()
            os.fsync(out.fileno())
        os.replace(draft, note)
        _sync_folder(real.parent)
    except OSError as exc:
        draft.unlink(missing_ok=True)
        raise MarksUnreadable(
            f"{note}: could not be written ({exc.strerror or exc}); the damaged file is copied as "
            f"{asides[-1]} and left as it is"
        ) from exc


def _note_done(real: Path) -> None:
    Path(f"{real}{UNDER_WAY}").unlink(missing_ok=True)
    _sync_folder(real.parent)


def _interrupted(real: Path) -> tuple[list[Path], tuple[Path, ...]]:
    """The copies set aside by a repair killed while it wrote over the file (its note): those
    still there, and those gone (the user deleted them); only names of copies beside the file
    (the note is read as untrusted)."""
    try:
        names = Path(f"{real}{UNDER_WAY}").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return [], ()
    found = (real.with_name(Path(name).name) for name in names if name.strip())
    named = [aside for aside in found if aside.name.startswith(f"{real.name}{DAMAGED_INFIX}")]
    return [aside for aside in named if aside.is_file()], tuple(aside for aside in named if not aside.is_file())


def _stale_note_removed(real: Path) -> None:
    """The note of a stopped repair removed once no copy it names is left (the user deleted
    them) and the file is sound: it stayed for good, and each repair read it again. Where it
    cannot be removed (a read-only folder) it stays, said again the next time."""
    if Path(f"{real}{UNDER_WAY}").exists():
        try:
            _note_done(real)
        except OSError:
            pass


def _interrupted_one_finished(path: Path, real: Path, earlier: list[Path]) -> RepairReport:
    """The file sound, a repair killed after it wrote it whole (or a repair since): the marks
    of the copies it set aside merged into it (the newer of two marks wins), its note removed."""
    salvaged = _newest(mark for copy in earlier for mark in _rows_of_copy(copy))
    try:
        MarkStore(path, []).merge(salvaged)
    except MarksNotSaved as exc:
        raise SalvageNotWritten(
            f"{path}: the marks of {earlier[-1]}, set aside by a repair that was stopped, could not be "
            f"written ({exc}); {exc.advice}, then run `{REPAIR_COMMAND}` again",
            earlier[-1],
        ) from exc
    _note_done(real)
    return RepairReport(
        path,
        repaired=True,
        aside=earlier[-1],
        salvaged=len(salvaged),
        damage="a repair of it was stopped before the end",
    )


# Bytes copied at a time: a file or log of gigabytes is never held in memory whole.
COPY_CHUNK = 1 << 20


def _copy_aside(path: Path, aside: Path, suffixes: tuple[str, ...], copies: list[Path]) -> None:
    """The damaged file ("") or the companions beside it named by `suffixes`, copied byte for
    byte as they are before the repair opens the file with SQLite, which changes them (a look
    at a log rewrites its -shm index, the last connection folds the -wal into the file and
    deletes both, a hot -journal is played back into the file), to `aside` (never over a file
    there), in chunks, and synced. MarksUnreadable, nothing changed and no copy left, when one
    cannot be read or written (a read-only folder, a full disk). Each copy made is added to
    `copies`."""
    try:
        for suffix in suffixes:
            try:
                source = open(f"{path}{suffix}", "rb")
            except FileNotFoundError:
                continue
            with source:
                _write_new(Path(f"{aside}{suffix}"), source)
            copies.append(Path(f"{aside}{suffix}"))
        _sync_folder(path.parent)
    except OSError as exc:
        _remove(copies)
        raise MarksUnreadable(
            f"{path}: the damaged file could not be copied aside ({exc.strerror or exc}); reader leaves it as it is"
        ) from exc


def _remove(copies: list[Path]) -> None:
    """This repair's copies removed (the damaged file stays, as it was found)."""
    while copies:
        copies.pop().unlink(missing_ok=True)


class _mapped:
    """The bytes of `path` + `suffix` mapped, not read (a file of gigabytes costs no memory),
    b"" when there is none or it is empty; unmapped as the block ends."""

    def __init__(self, path: Path, suffix: str = "") -> None:
        self.name = f"{path}{suffix}"
        self.map: mmap.mmap | None = None

    def __enter__(self) -> Data:
        try:
            with open(self.name, "rb") as file:
                self.map = _map(file)
        except OSError:
            return b""
        return self.map if self.map is not None else b""

    def __exit__(self, *exc_info: object) -> None:
        if self.map is not None:
            self.map.close()


def _map(file: BinaryIO) -> mmap.mmap | None:
    """The open file mapped to read, None when it is empty."""
    if os.fstat(file.fileno()).st_size == 0:
        return None
    return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _header(path: Path) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read(100)
    except OSError as exc:
        raise MarksUnreadable(f"{path}: the file cannot be read ({exc.strerror or exc}); reader leaves it as it is")


def _refuse_others(path: Path, header: bytes) -> None:
    """MarksForeign when SQLite's header names another application, MarksNewer when it is ours
    in a layout this reader does not know. A header too damaged to say is our file's to repair."""
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return
    application_id, layout = struct.unpack(">I", header[68:72])[0], struct.unpack(">I", header[60:64])[0]
    if application_id not in (0, APPLICATION_ID):
        raise MarksForeign(foreign_line(path, f"its application_id is {application_id:#010x}"))
    if application_id == APPLICATION_ID and layout > LAYOUT_VERSION:
        raise MarksNewer(
            f"{path}: written by a newer reader (marks layout {layout}; this one knows {LAYOUT_VERSION}); "
            "reader leaves it as it is: repair it with that reader"
        )


def _repairing_alone(file: BinaryIO, path: Path) -> None:
    """An flock on the file, held while it stays open: one repair at a time. SQLite's lock
    does not keep two apart where SQLite cannot read the file to lock it (not a database):
    both copied it aside and emptied it, the second after the first had saved marks in it.
    MarksBusy when another repair keeps it past BUSY_SECONDS; nothing where the file system
    has no such locks."""
    try:
        alone = wait_for_flock(file, BUSY_SECONDS)
    except OSError:
        return
    if not alone:
        raise MarksBusy(f"{path}: another repair of it took over {BUSY_SECONDS} s; {BUSY_ADVICE}")


class _exclusive_lock:
    """SQLite's exclusive lock on the file (BEGIN EXCLUSIVE), held until the block ends: a
    window's read or write waits for it (BUSY_SECONDS) instead of finding the file half emptied
    (a file in WAL mode is switched out of it first: _leave_wal_mode). None held when SQLite
    cannot read the file's header to lock it: then no window can read or write it either."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection: sqlite3.Connection | None = None

    def __enter__(self) -> sqlite3.Connection | None:
        connection = _connect(self.path)
        try:
            _leave_wal_mode(connection, self.path)
        except BaseException:
            connection.close()
            raise
        try:
            for _ in range(LOG_EMPTYING_TRIES):
                _fold_the_log(connection)
                connection.execute("BEGIN EXCLUSIVE")
                if not _log_holds_frames(self.path):
                    break
                connection.rollback()  # a window wrote to the log meanwhile: fold that in too
            else:
                connection.close()
                raise MarksBusy(f"{self.path}: its log kept being written; {BUSY_ADVICE}")
        except sqlite3.DatabaseError as exc:
            connection.close()
            if is_busy(exc):
                raise MarksBusy(f"{self.path}: locked for over {BUSY_SECONDS} s; {BUSY_ADVICE}") from exc
            return None
        self.connection = connection
        return connection

    def __exit__(self, *exc_info: object) -> None:
        if self.connection is not None:
            self.connection.rollback()  # it wrote nothing
            self.connection.close()


# Tries at holding the lock with the write-ahead log empty (a window writing to it between the
# fold and the lock makes one more).
LOG_EMPTYING_TRIES = 20


def _fold_the_log(connection: sqlite3.Connection) -> None:
    """A file in WAL mode: its log's pages written into the file and the log emptied (nothing
    in a file of a rollback journal). The lock's connection, the last to close, folds its log
    into the file as it closes: a log still holding pages then wrote them into the file just
    emptied, and the salvaged marks could not be written into what it became."""
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlite3.DatabaseError:
        pass  # a file SQLite cannot read: no log of it to fold either


def _leave_wal_mode(connection: sqlite3.Connection, path: Path) -> None:
    """A file in WAL mode (another program set it: sqlite3, DB Browser) switched back to the
    rollback journal reader keeps, its log folded in and removed, before anything is written. The
    repair writes over the file in place: a connection another program kept open on it in WAL
    mode went on with its own log and index, unseen by the repaired file's readers, and folded its
    stale pages over the repaired file as it closed. SQLite switches only when no other connection
    is open on the file (a window's lasts a moment: waited for); MarksBusy saying what to close when
    one stays open. A file SQLite cannot read is left to the lock that follows."""
    deadline = time.monotonic() + BUSY_SECONDS
    while not left_wal_mode(connection):
        if time.monotonic() >= deadline:
            raise MarksBusy(
                f"{path}: in WAL mode (set by another program) and kept open by another program for over "
                f"{BUSY_SECONDS} s; close it (sqlite3, DB Browser, other reader windows) and run "
                f"`{REPAIR_COMMAND}` again"
            )
        time.sleep(WAL_SWITCH_POLL)


# How often the switch out of WAL mode is tried again while another connection is open.
WAL_SWITCH_POLL = 0.05


def _log_holds_frames(path: Path) -> bool:
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except OSError:
        return False


class _opened:
    """The file opened in `mode`; MarksUnreadable when it cannot be."""

    def __init__(self, path: Path, mode: str) -> None:
        self.path, self.mode = path, mode

    def __enter__(self) -> BinaryIO:
        try:
            self.file = cast(BinaryIO, open(self.path, self.mode))
        except OSError as exc:
            raise MarksUnreadable(
                f"{self.path}: the damaged file cannot be repaired ({exc.strerror or exc}); reader leaves it as it is"
            ) from exc
        return self.file

    def __exit__(self, *exc_info: object) -> None:
        self.file.close()


class _whole:
    """The open file's bytes, mapped (see _mapped), read under the repair's lock."""

    def __init__(self, file: BinaryIO) -> None:
        self.map = _map(file)

    def __enter__(self) -> Data:
        return self.map if self.map is not None else b""

    def __exit__(self, *exc_info: object) -> None:
        if self.map is not None:
            self.map.close()


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection that never creates the file, in autocommit mode (transactions said). A
    read-only one neither plays a journal back into the file nor folds a log into it."""
    mode = "ro" if read_only else "rw"
    return sqlite3.connect(
        f"{path.absolute().as_uri()}?mode={mode}", uri=True, timeout=BUSY_SECONDS, isolation_level=None
    )


def _sound(connection: sqlite3.Connection, path: Path) -> bool:
    """Whether the database the connection holds locked is whole (read under its lock);
    MarksForeign when it is another application's (put there since the first look)."""
    try:
        why = not_ours(connection)
        if why is not None:
            raise MarksForeign(foreign_line(path, why))
        if [row[0] for row in connection.execute("PRAGMA integrity_check(1)")] != ["ok"]:
            return False
        if has_marks_table(connection):
            connection.execute(f"SELECT {', '.join(COLUMNS)} FROM marks").fetchall()
    except sqlite3.DatabaseError:
        return False
    return True


def _damage(path: Path, read_only: bool = False) -> str | None:
    """Why the file is damaged (SQLite's words), or None when it is sound: ours, every page
    checked, every mark read. MarksForeign, MarksBusy, MarksUnreadable (not damaged, but not
    readable: no permission) as MarkStore raises them: nothing to repair then. Read only, a
    file SQLite cannot tell without writing (a hot journal) is said damaged: looked at again."""
    try:
        with closing(_connect(path, read_only)) as connection:
            why = not_ours(connection)
            if why is not None:
                raise MarksForeign(foreign_line(path, why))
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                return "; ".join(str(problem) for problem in problems)[:300]
            if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'marks'").fetchone():
                connection.execute(f"SELECT {', '.join(COLUMNS)} FROM marks").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_damaged(exc) or (read_only and not is_busy(exc) and os.access(path, os.R_OK)):
            return str(exc)
        raise unreadable_error(path, exc) from exc
    return None


def _newest(marks: Iterable[StoredMark]) -> list[StoredMark]:
    """One mark per article, the copy changed last."""
    newest: dict[tuple[str, str], StoredMark] = {}
    for mark in marks:
        key = (mark.corpus, mark.article)
        if key not in newest or mark.changed > newest[key].changed:
            newest[key] = mark
    return sorted(newest.values(), key=lambda mark: (mark.corpus, mark.article))


def _rows_through_sqlite(path: Path) -> list[StoredMark]:
    """The marks SQLite reads (see _readable_rows)."""
    try:
        connection = _connect(path)
    except sqlite3.Error:
        return []
    with closing(connection):
        rows = _readable_rows(connection, f"SELECT rowid, {', '.join(COLUMNS)} FROM marks")
        return [mark for mark in map(_mark, rows) if mark is not None]


def _readable_rows(connection: sqlite3.Connection, select: str) -> list[tuple]:
    """The rows of `select` (its first column the rowid; no WHERE) SQLite reads, one by rowid,
    stepping over those it cannot (a damaged leaf), without the rowid. Each step goes past the
    last: a torn page's zeroed cell, a row of rowid 0 after rowid 10,000, sent the salvage back
    to the start, for ever."""
    found: list[tuple] = []
    after, step = -(2**63), 1
    while True:
        try:
            row = connection.execute(f"{select} WHERE rowid > ? ORDER BY rowid LIMIT 1", (after,)).fetchone()
        except (sqlite3.Error, OverflowError):
            row = ()  # unreadable: stepped over
        if row is None:
            return found
        if row and row[0] > after:
            after, step = row[0], 1
            found.append(tuple(row[1:]))
            continue
        # Unreadable, or a damaged page's cell out of order: stepped over.
        if step > 2**ROWID_STEPS or after + step >= 2**63:
            return found
        after, step = after + step, step * 2


@dataclass
class _OtherTables:
    """The file's tables other than the marks (another reader's layout: the links of versions),
    carried across a repair: their schema (the tables; their indexes, triggers and views, made
    once the rows are in) and the rows SQLite reads of each."""

    tables: list[str]
    after_rows: list[str]
    rows: dict[str, list[tuple]]


def _other_tables(real: Path, connection: sqlite3.Connection | None, earlier: list[Path]) -> _OtherTables:
    """The other tables of the locked file (`connection`: under the repair's lock, no window
    writes them meanwhile), and rows of theirs only a copy set aside by a stopped repair still
    holds (`earlier`, the newest last: each row of the newest reading kept)."""
    carried = _OtherTables([], [], {})
    if connection is not None:
        _read_other_tables(connection, carried)
    for copy in reversed(earlier):
        try:
            found = sqlite3.connect(f"{copy.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
        except sqlite3.Error:
            continue
        with closing(found):  # a copy, never the file: closing it drops no lock of the repair's
            _read_other_tables(found, carried)
    if connection is not None and not connection.in_transaction:  # SQLite let go of the lock
        raise MarksBusy(f"{real}: its lock was lost while reading it, nothing written; {BUSY_ADVICE}")
    return carried


def _read_other_tables(connection: sqlite3.Connection, carried: _OtherTables) -> None:
    try:
        schema = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name != 'marks' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
        ).fetchall()
    except sqlite3.Error:
        return  # the schema unreadable: only the marks, read page by page
    for kind, name, _, sql in schema:
        statements = carried.tables if kind == "table" else carried.after_rows
        if sql not in statements:
            statements.append(sql)
        if kind != "table":
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            rows = _readable_rows(connection, f"SELECT rowid, * FROM {quoted}")
        except sqlite3.Error:
            rows = []
        if not rows:  # a table without rowids (or none readable that way): read whole, or not at all
            try:
                rows = [tuple(row) for row in connection.execute(f"SELECT * FROM {quoted}")]
            except sqlite3.Error:
                rows = []
        carried.rows.setdefault(name, []).extend(rows)


def _best_page_reading(data: Data) -> list[StoredMark]:
    """The pages read at the size the header says, or, its header gone, at each size SQLite
    allows: the size that finds the most marks."""
    if data[: len(SQLITE_MAGIC)] == SQLITE_MAGIC and len(data) >= 100:
        size = struct.unpack(">H", data[16:18])[0]
        size = 65536 if size == 1 else size
        if size in PAGE_SIZES:
            return list(_rows_of_pages_sized(data, size, size - data[20]))
    readings = (list(_rows_of_pages_sized(data, size, size)) for size in PAGE_SIZES)
    return max(readings, key=len)


def _rows_of_pages_sized(data: Data, size: int, usable: int) -> Iterator[StoredMark]:
    for start in range(0, len(data), size):
        yield from _rows_of_leaf(data, start, 100 if start == 0 else 0, usable, size)


def _rows_of_log(wal: Data) -> list[StoredMark]:
    """The marks of the pages a write-ahead log holds, when the file has one (another tool set
    it to WAL): a 32-byte header, then frames, 24 bytes naming the page, then the page. Only
    the frames of committed transactions, as SQLite reads the log: those up to the last commit
    frame (its second field the database's size, not 0) whose salts are the header's and whose
    running checksum holds. The frames after it were written by a transaction that never
    committed (a window killed while writing, pages spilled from its cache): never salvaged."""
    if len(wal) < 32:
        return []
    magic, _version, size = struct.unpack(">III", wal[:12])
    if size not in PAGE_SIZES or magic not in WAL_MAGIC:
        return []
    order = ">" if magic == WAL_MAGIC[1] else "<"
    salts = wal[16:24]
    checksum = _wal_checksum(wal, 0, 24, (0, 0), order)
    if checksum != struct.unpack(">II", wal[24:32]):
        return []
    committed: list[int] = []  # frames up to the last commit seen so far
    pending: list[int] = []
    for frame in range(32, len(wal) - 24 - size + 1, 24 + size):
        if wal[frame + 8 : frame + 16] != salts:
            break
        checksum = _wal_checksum(wal, frame, frame + 8, checksum, order)
        checksum = _wal_checksum(wal, frame + 24, frame + 24 + size, checksum, order)
        if checksum != struct.unpack(">II", wal[frame + 16 : frame + 24]):
            break
        pending.append(frame)
        if struct.unpack(">I", wal[frame + 4 : frame + 8])[0]:  # a commit frame
            committed, pending = committed + pending, []
    found: list[StoredMark] = []
    for frame in committed:
        page_number = struct.unpack(">I", wal[frame : frame + 4])[0]
        found.extend(_rows_of_leaf(wal, frame + 24, 100 if page_number == 1 else 0, size, size))
    return found


# A write-ahead log's magic numbers: its checksums read little-endian words, or big-endian ones.
WAL_MAGIC = (0x377F0682, 0x377F0683)


def _wal_checksum(data: Data, start: int, end: int, checksum: tuple[int, int], order: str) -> tuple[int, int]:
    """SQLite's running checksum of a log (walChecksumBytes) over data[start:end], from `checksum`."""
    s0, s1 = checksum
    words = struct.unpack(f"{order}{(end - start) // 4}I", data[start:end])
    for at in range(0, len(words), 2):
        s0 = (s0 + words[at] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[at + 1] + s0) & 0xFFFFFFFF
    return s0, s1


JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


class _RolledBack:
    """A database file's bytes as they are once its hot rollback journal is played back: the
    original pages the journal holds read in place of the file's (which may hold a transaction
    that never committed: a window killed while writing), the file cut to its size before it.
    Nothing is copied: a page is looked up as it is read."""

    def __init__(self, data: Data, pages: dict[int, tuple[int, int]], journal: Data, size: int, length: int):
        self.data, self.pages, self.journal, self.size, self.length = data, pages, journal, size, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, int):
            return self[key : key + 1][0]
        start, stop, _ = key.indices(self.length)
        parts = []
        while start < stop:
            number, offset = divmod(start, self.size)
            end = min(stop, (number + 1) * self.size)
            place = self.pages.get(number + 1)
            if place is None:
                parts.append(bytes(self.data[start:end]))
            else:
                parts.append(bytes(self.journal[place[0] + offset : place[0] + offset + end - start]))
            start = end
        return b"".join(parts)


def _rolled_back(data: Data, journal: Data) -> Data | _RolledBack:
    """`data` as SQLite reads it once `journal`, a hot rollback journal beside it, is played back
    (https://www.sqlite.org/fileformat2.html#the_rollback_journal): each segment's header (its
    record count, the checksum's nonce, the file's size in pages before the transaction, the
    sector and page sizes), then records of a page number, the original page and a checksum;
    playback stops at the first record whose checksum fails, as SQLite's does. `data` as it is
    without such a journal (none, or one a commit left behind emptied of its header)."""
    if len(journal) < 28 or journal[:8] != JOURNAL_MAGIC:
        return data
    pages: dict[int, tuple[int, int]] = {}
    header, original, size = 0, None, 0
    while header + 28 <= len(journal) and journal[header : header + 8] == JOURNAL_MAGIC:
        count, nonce, pages_before, sector, size = struct.unpack(">IIIII", journal[header + 8 : header + 28])
        if size not in PAGE_SIZES or not 32 <= sector <= 65536:
            break
        original = pages_before if original is None else original
        record, step = header + sector, size + 8
        if count in (0, 0xFFFFFFFF):  # (not synced: the records up to the end)
            count = (len(journal) - record) // step
        for _ in range(count):
            if record + step > len(journal):
                break
            number = struct.unpack(">I", journal[record : record + 4])[0]
            page = journal[record + 4 : record + 4 + size]
            checksum = (nonce + sum(page[at] for at in range(size - 200, 0, -200))) & 0xFFFFFFFF
            if checksum != struct.unpack(">I", journal[record + 4 + size : record + step])[0]:
                return _RolledBack(data, pages, journal, size, min(len(data), original * size))
            pages.setdefault(number, (record + 4, size))  # the first copy is the page before the transaction
            record += step
        header = -(-record // sector) * sector  # the next segment starts at a sector's start
    if original is None:
        return data
    return _RolledBack(data, pages, journal, size, min(len(data), original * size))


def _rows_of_leaf(data: Data, start: int, header_at: int, usable: int, size: int) -> Iterator[StoredMark]:
    """The marks of the page at `start`, when it is a table leaf page; each cell read alone
    (one damaged cell costs that mark, not its page's). A cell pointed at twice is read once:
    a hostile page's thousand pointers to one long cell cost one reading."""
    header = start + header_at
    if header + 8 > len(data) or data[header] != TABLE_LEAF:
        return
    cells = min(struct.unpack(">H", data[header + 3 : header + 5])[0], (size - header_at - 8) // 2)
    seen: set[int] = set()
    for number in range(cells):
        at = header + 8 + 2 * number
        if at + 2 > len(data):
            return
        cell = struct.unpack(">H", data[at : at + 2])[0]
        if cell in seen:
            continue
        seen.add(cell)
        try:
            record = _payload(data, start + cell, start, usable, size)
            mark = _mark(_record(record)) if record is not None else None
        except (IndexError, ValueError, struct.error):
            continue
        if mark is not None:
            yield mark


def _payload(data: Data, cell: int, page: int, usable: int, size: int) -> bytes | None:
    """The cell's payload, its overflow pages followed (None when one is missing, when the
    chain comes back to a page it passed, or when the payload is longer than any mark's: a
    hostile length asked for gigabytes, read from a chain looping on itself)."""
    length, cell = _varint(data, cell)
    _, cell = _varint(data, cell)  # the rowid
    if length > MARK_BYTES_MOST:
        return None
    most = usable - 35
    if length <= most:
        return data[cell : cell + length] if cell + length <= page + size else None
    least = (usable - 12) * 32 // 255 - 23
    local = least + (length - least) % (usable - 4)
    local = local if local <= most else least
    if cell + local + 4 > page + size:
        return None
    payload = bytearray(data[cell : cell + local])
    overflow = struct.unpack(">I", data[cell + local : cell + local + 4])[0]
    passed: set[int] = set()
    while len(payload) < length and overflow and overflow not in passed:
        passed.add(overflow)
        at = (overflow - 1) * size
        if at + 4 > len(data):
            return None
        overflow = struct.unpack(">I", data[at : at + 4])[0]
        payload += data[at + 4 : at + usable]
    return bytes(payload[:length]) if len(payload) >= length else None


def _varint(data: Data, at: int) -> tuple[int, int]:
    value = 0
    for index in range(9):
        byte = data[at + index]
        if index == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + index + 1
    raise ValueError("varint")  # not reached


_INTEGER_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _record(record: bytes) -> tuple:
    """The values of a record (SQLite's record format)."""
    header_size, at = _varint(record, 0)
    types = []
    while at < header_size:
        serial, at = _varint(record, at)
        types.append(serial)
    values: list[Any] = []
    body = header_size
    for serial in types:
        if serial in _INTEGER_SIZES:
            width = _INTEGER_SIZES[serial]
            if body + width > len(record):
                raise ValueError("short record")
            values.append(int.from_bytes(record[body : body + width], "big", signed=True))
            body += width
        elif serial == 7:
            values.append(struct.unpack(">d", record[body : body + 8])[0])
            body += 8
        elif serial in (8, 9):
            values.append(serial - 8)
        elif serial >= 12:
            width = (serial - 12) // 2
            if body + width > len(record):
                raise ValueError("short record")
            chunk = record[body : body + width]
            values.append(chunk.decode("utf-8") if serial % 2 else bytes(chunk))
            body += width
        else:  # NULL, or a type no record holds
            values.append(None)
    return tuple(values)


def _mark(values: tuple) -> StoredMark | None:
    """A mark when `values` are a row of the marks table (corpus, article, read, starred,
    changed), checked field by field; None for anything else (the schema's rows, a garbage cell)."""
    if len(values) != len(COLUMNS):
        return None
    corpus, article, read, starred, changed = values
    if not isinstance(corpus, str) or not isinstance(article, str) or not corpus or not article:
        return None
    if "\x00" in corpus or "\x00" in article or not (corpus.startswith("/") or corpus[1:3] == ":\\"):
        return None
    if read not in (0, 1) or starred not in (0, 1) or isinstance(read, float) or isinstance(starred, float):
        return None
    if not isinstance(changed, (int, float)) or not math.isfinite(changed) or changed < 0:
        return None
    # A time to come (a damaged byte of it) is now, as `state import` takes it: else that mark
    # won every merge after it, a newer one from another machine kept out.
    return StoredMark(corpus, article, bool(read), bool(starred), min(float(changed), time.time()))


def _clear_companions(path: Path, aside: Path) -> None:
    """No companion left beside the file. One that holds what was copied aside, or nothing, or
    the -shm (an index SQLite rebuilds from the log, rewritten by the repair's own reading) is
    removed; one that another process wrote since it was found is moved under a second name
    beside the copy (its marks were salvaged; its bytes are kept too)."""
    later: Path | None = None
    for suffix in COMPANIONS:
        beside = Path(f"{path}{suffix}")
        if not beside.is_file():
            continue
        if suffix == "-shm" or beside.stat().st_size == 0 or _same_bytes(beside, Path(f"{aside}{suffix}")):
            beside.unlink(missing_ok=True)
            continue
        later = later or damaged_aside_name(path, _utc_stamp(), COMPANIONS)
        _move_without_replacing(beside, Path(f"{later}{suffix}"))


def _same_bytes(one: Path, other: Path) -> bool:
    """Whether the two files hold the same bytes (read a chunk at a time), False without `other`."""
    try:
        with open(one, "rb") as first, open(other, "rb") as second:
            while True:
                chunk = first.read(COPY_CHUNK)
                if chunk != second.read(COPY_CHUNK):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def _write_new(target: Path, source: BinaryIO) -> None:
    """The bytes of `source` in a new file at `target` (never over a file that appeared
    meanwhile), a chunk at a time, synced. A copy cut short (a full disk) is removed: it is this
    repair's, and the damaged file stays."""
    with open(target, "xb") as copy:
        try:
            while chunk := source.read(COPY_CHUNK):
                copy.write(chunk)
            copy.flush()
            os.fsync(copy.fileno())
        except OSError:
            target.unlink()
            raise


def _sync_folder(folder: Path) -> None:
    """The folder's new names made durable before the file is written over (where a folder opens)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _move_without_replacing(source: Path, target: Path) -> None:
    """A hard link then the old name's removal: a file appearing at `target` meanwhile is never
    replaced (a rename would). Where links are not allowed (FAT), a rename after a look."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if name_taken(target):
            raise FileExistsError(errno.EEXIST, "a file took its new name", str(target)) from exc
        os.rename(source, target)
        return
    os.unlink(source)
