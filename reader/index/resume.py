"""What an interrupted first build had loaded, kept for the next first build to reuse.

A first build (no committed index yet) loads every file before its one commit; interrupted
(ctrl+c, the app quit, kill -9) it lost that loading, about half its CPU (docs/scale.md). Now a
first build keeps its loading in `build-resume/` in the index folder as it goes: the spill files
its loading writes (spill.py), and for each chunk of files loaded a journal entry with their
records (written beside, then renamed: a killed process leaves whole entries or none; an entry
is written only once the spill files it names are complete, and records their sizes).

The next first build takes a file's record from there when the file's key and signature are
the same and the entry was made by the same loading (`stamp`: reader's code, the settings that
change what is loaded, the outlets rules, the corpus folders), and loads only the rest. Nothing
of the index is committed in parts: the build writes its one commit from those records as an
uninterrupted build would (the same documents, in the same order). The folder is deleted once
the build is active, when it fails otherwise than by being cancelled (a full disk), and by any
update of an existing index or a rebuild.

What no build can use is deleted too (it is ours, and ~20 KB an article): the next first build
deletes the spill files and entries it does not reuse, and every update deletes the folder of
another index folder (sweep_abandoned) whose code stamp is not this reader's (another version,
another schema: no build can take its records) or whose corpus folders have all been missing for
GONE_DAYS (a corpus on a disk not mounted now is not gone). How long is counted from the last
moment reader knew them there: the later of the last sweep that found them (SEEN_NAME) and the
build's own last write (it ran on them then). The first sweep that finds them missing writes that
moment into the resume folder (MISSING_NAME); a sweep that finds them there again, or a build of
it, deletes that record. The records' temp files a killed sweep left are deleted by the next
holder of the lock (sweep or build), as are the journal's.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import time
import uuid
import zlib
from pathlib import Path
from typing import Any, Callable

from reader.index import spill

FOLDER_NAME = "build-resume"
SPILL_NAME = "spill"
JOURNAL_SUFFIX = ".loaded"
# The code part of the stamp (schema, reader's files), readable without this build's settings:
# what tells an abandoned folder's records from those another build of this reader may reuse.
CODE_STAMP_NAME = "code-stamp"
# A corpus folder that is not there may be on a disk not mounted now (a USB disk): its resume
# folder is deleted only once its corpus has been missing this long (counted from MISSING_NAME).
GONE_DAYS = 30
# Since when the folder's corpus folders are taken as missing (seconds since the epoch, as ASCII),
# written by the first sweep that found them all missing: the last moment reader knew them there.
MISSING_NAME = "corpus-missing-since"
# When a sweep last found them there (as MISSING_NAME): a build interrupted 40 days ago on a disk
# unplugged yesterday, swept since, is not counted missing from its last write.
SEEN_NAME = "corpus-seen"
# Whether the build loads its files apart (workers, spilled, stories grouped in a process of its own)
# or in this process, as its first try decided (BuildResume.loading_apart): the resumed build has
# fewer files left to load, and another amount of memory free, and decided otherwise.
APART_NAME = "loading-apart"
# The temp files of ours a killed process leaves in the resume folder (deleted under the lock):
# the records' (_write_record) and the journal's (BuildResume.keep), uuid4().hex in each.
_LEFT_PART = re.compile(
    rf"(?:(?:{re.escape(MISSING_NAME)}|{re.escape(SEEN_NAME)}|{re.escape(APART_NAME)})\.[0-9a-f]{{32}}|[0-9a-f]{{32}}-[0-9]+)\.part"
)


def _now() -> float:
    return time.time()  # (a test's fake clock replaces this)


def remove(index_dir: Path) -> None:
    shutil.rmtree(Path(index_dir) / FOLDER_NAME, ignore_errors=True)


def kept_files(index_dir: Path) -> int:
    """How many loaded files the journal holds (as its entries' names say; not validated)."""
    try:
        names = os.listdir(Path(index_dir) / FOLDER_NAME)
    except OSError:
        return 0
    counts = (name.removesuffix(JOURNAL_SUFFIX).rpartition("-")[2] for name in names if name.endswith(JOURNAL_SUFFIX))
    return sum(int(count) for count in counts if count.isdigit())


def kept_bytes(index_dir: Path) -> int:
    """The bytes the resume folder holds (what an interrupted build leaves on disk)."""
    total = 0
    for folder, _dirs, files in os.walk(Path(index_dir) / FOLDER_NAME):
        for name in files:
            total += _size(os.path.join(folder, name)) or 0
    return total


def _code_stamp() -> str:
    """Every file of reader's code and data, by name, size and modification time: a change to
    any of them may change what loading a file gives."""
    import reader

    root = Path(reader.__file__).parent
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            digest.update(f"{os.path.relpath(path, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def code_key() -> str:
    """The schema and reader's code (_code_stamp), as a folder's CODE_STAMP_NAME file holds them."""
    from reader.index.layout import SCHEMA_VERSION

    return hashlib.sha256(f"{SCHEMA_VERSION}\0{_code_stamp()}".encode()).hexdigest()


def stamp(settings: tuple, rules, table: dict[str, str]) -> bytes:
    """What the loading's records depend on besides each file (see the module docstring)."""
    from reader.index.layout import SCHEMA_VERSION

    return pickle.dumps((SCHEMA_VERSION, _code_stamp(), settings, rules, sorted(table.items())))


def removed_notice(removed: list[dict]) -> str:
    """What sweep_abandoned deleted, as the report's notice says it."""
    return "; ".join(
        f"removed {item['bytes'] / 1e6:,.1f} MB that an interrupted first build had kept in {item['folder']} "
        f"({item['reason']})"
        for item in removed
    )


def _unusable(index_dir: Path, code: str) -> str | None:
    """Why no build can use an index folder's resume folder (None when one may). Called under the
    index folder's lock: records (or forgets) when its corpus was first seen missing."""
    from reader.index import roots

    try:
        written = (Path(index_dir) / FOLDER_NAME / CODE_STAMP_NAME).read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        written = ""  # (none: written by a reader before this one)
    if written != code:
        return "kept by another version of reader"
    table = roots.read_table(index_dir)
    if not table:
        return None
    if any(os.path.isdir(root) for root in table.values()):
        _forget_missing(index_dir)  # back (a disk mounted again): counted afresh if it goes again
        _write_record(Path(index_dir) / FOLDER_NAME / SEEN_NAME, repr(_now()))
        return None
    if _missing_days(index_dir) >= GONE_DAYS:
        gone = "its corpus folder has" if len(table) == 1 else "its corpus folders have"
        return f"{gone} been missing for {GONE_DAYS} days"
    return None


def _missing_days(index_dir: Path) -> float:
    """Days this folder's corpus has been missing, counted from its MISSING_NAME record; the first
    sweep that finds it missing writes that record with the last moment reader knew the corpus
    there (_last_known_there). A record that cannot be read, or says a moment ahead of the clock
    (a clock set back), is written again with now: the count starts over, never shortened."""
    path = Path(index_dir) / FOLDER_NAME / MISSING_NAME
    now = _now()
    since = _read_record(path)
    if since is not None and 0 <= since <= now:
        return (now - since) / 86400
    if since is None and not os.path.lexists(path):
        since = min(now, _last_known_there(Path(index_dir) / FOLDER_NAME, now))
    else:
        since = now
    _write_record(path, repr(since))
    return (now - since) / 86400


def _last_known_there(folder: Path, now: float) -> float:
    """The last moment reader knew the corpus was there: the later of the last sweep that found it
    (SEEN_NAME) and the last write of the build's own files (the code stamp, the journal, the
    spill: written only while it ran on the corpus). Now when there is neither. The folder's own
    time is not one: a sweep's records change it."""
    known = [_read_record(folder / SEEN_NAME)]
    written = [folder / CODE_STAMP_NAME]
    try:
        written += [folder / name for name in os.listdir(folder) if name.endswith(JOURNAL_SUFFIX)]
        written += [Path(entry.path) for entry in os.scandir(folder / SPILL_NAME)]
    except OSError:
        pass
    for path in written:
        try:
            known.append(os.stat(path, follow_symlinks=False).st_mtime)
        except OSError:
            continue
    times = [when for when in known if when is not None and 0 <= when <= now]
    return max(times, default=now)


def _read_record(path: Path) -> float | None:
    """A record's moment (None when there is none, it cannot be read, or it is a link: never followed)."""
    try:
        return float(_record_text(path))
    except ValueError:
        return None


def _record_text(path: Path) -> str:
    """A record's text (MISSING_NAME, SEEN_NAME, APART_NAME), stripped; "" when there is none, it
    cannot be read, or it is a link: never followed (one to a FIFO would hang the build)."""
    if path.is_symlink():
        return ""
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return ""


def _write_record(path: Path, text: str) -> None:
    """A record (MISSING_NAME, SEEN_NAME, APART_NAME) written whole (a temp file renamed over it: a link there
    is replaced, never followed); a read-only cache keeps none (each sweep then counts from the
    same evidence, _last_known_there). The temp file a killed process leaves goes at the next
    holder of the lock (_LEFT_PART)."""
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex}.part")
    try:
        with open(tmp, "x", encoding="ascii") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        pass
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def _remove_left_parts(folder: Path) -> None:
    """Delete the temp files of ours (_LEFT_PART) a process killed while writing left in the
    resume folder; only the holder of its index's lock calls this (no one else writes them)."""
    from reader.safe_write import remove_left_behind

    remove_left_behind(folder, lambda name: _LEFT_PART.fullmatch(name) is not None)


def _forget_missing(index_dir: Path) -> None:
    try:
        (Path(index_dir) / FOLDER_NAME / MISSING_NAME).unlink(missing_ok=True)
    except OSError:
        pass


def sweep_abandoned(indexes_dir: Path, skip: Path | None = None) -> list[dict]:
    """Delete the resume folders of the index folders in `indexes_dir` that no build can use
    (_unusable), each under its index's write lock taken without waiting (a folder whose build
    runs now is left alone); [{"folder", "bytes", "reason"}] of each deleted. `skip`: the folder
    the caller updates (its own build deals with its resume folder)."""
    import fcntl

    from reader.index.lock import is_the_lock_file
    from reader.index.state import LOCK_NAME

    try:
        entries = [entry for entry in os.scandir(indexes_dir) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []
    code: str | None = None
    removed = []
    for entry in entries:
        index_dir = Path(entry.path)
        if skip is not None and os.path.abspath(index_dir) == os.path.abspath(skip):
            continue
        folder = index_dir / FOLDER_NAME
        if folder.is_symlink() or not folder.is_dir():
            continue  # (none; or not one a build of ours made: never followed)
        try:
            fh = open(index_dir / LOCK_NAME, "rb")  # (made before the resume folder: never created here)
        except OSError:
            continue
        with fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # being updated: its own build decides
            if not is_the_lock_file(fh, index_dir):
                continue  # its index was carried over meanwhile (moved.take_over deleted the file)
            code = code or code_key()
            _remove_left_parts(folder)
            reason = _unusable(index_dir, code)
            if reason is not None:
                size = kept_bytes(index_dir)
                remove(index_dir)
                if not os.path.lexists(folder):  # (a read-only cache keeps it: not said as removed)
                    removed.append({"folder": str(folder), "bytes": size, "reason": reason})
    return removed


def _spill_files(record: dict) -> list[str]:
    """The spill files (and their records files) a loaded record's articles are in."""
    spilled = record.get("spill")
    if not spilled:
        return []
    paths = [spilled] if isinstance(spilled, str) else [path for path, _held in spilled]
    return [name for path in paths for name in (path, spill.records_path(path))]


class BuildResume:
    """The resume folder of one first build: the records a killed or cancelled build loaded
    (reusable), and the journal this build adds to (keep)."""

    def __init__(self, index_dir: Path, stamp: bytes):
        self.folder = Path(index_dir) / FOLDER_NAME
        self.stamp = stamp
        self.digest = hashlib.sha256(stamp).digest()  # each journal entry's first bytes
        self.damaged = 0  # journal entries that could not be read (deleted; their files loaded again)
        self.dropped_bytes = 0  # what reusable() deleted as of no use to this build
        self.other_stamp = 0  # entries made by another version of reader or with other settings
        self.folder.mkdir(exist_ok=True)
        _remove_left_parts(self.folder)
        from reader.safe_write import replace_file

        replace_file(self.folder / CODE_STAMP_NAME, code_key().encode("ascii"))
        _forget_missing(index_dir)  # its corpus is here: a sweep counts its absence afresh

    def spill_dir(self) -> Path:
        """The spill folder the loading writes into (kept with the journal). The stories an
        interrupted build handed its segment writers are not this build's: removed."""
        path = self.folder / SPILL_NAME
        path.mkdir(exist_ok=True)
        for name in (spill.STORIES_NAME, f"{spill.STORIES_NAME}.part"):
            (path / name).unlink(missing_ok=True)
        return path

    def loading_apart(self, jobs: list, decide: Callable[[list], bool]) -> bool:
        """Whether these jobs (all of the build's, before reusable() takes out the loaded ones) are
        loaded apart: as the build that was interrupted on the same jobs, with the same stamp,
        decided (APART_NAME), else `decide(jobs)`, written down for the next try."""
        digest = hashlib.sha256(self.digest)
        # (sorted: the same files found in another order, a folder listed anew, are the same jobs)
        for line in sorted(f"{job[0]}\0{list(job[3] or [])!r}\n" for job in jobs):
            digest.update(line.encode("utf-8", "surrogateescape"))
        key = digest.hexdigest()
        path = self.folder / APART_NAME
        remembered, _, said = _record_text(path).partition(" ")
        if remembered == key and said in ("yes", "no"):
            return said == "yes"
        apart = decide(jobs)
        _write_record(path, f"{key} {'yes' if apart else 'no'}")  # (not written: the next try decides afresh)
        return apart

    def _entries(self) -> list[tuple[Path, list[dict]]]:
        """The journal's records that can be reused (their stamp is this build's, their spill
        files whole). An entry begins with its stamp's digest, read before anything is unpickled:
        one of another stamp (another version of reader, other settings) is deleted unread; one
        that cannot be read or is not a journal entry is deleted and counted (`damaged`), its
        files loaded again. (Each entry's path, its records.)"""
        entries: list[tuple[Path, list[dict]]] = []
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return entries
        for name in names:
            if not name.endswith(JOURNAL_SUFFIX):
                continue
            path = self.folder / name
            try:
                with open(path, "rb") as fh:
                    if fh.read(len(self.digest)) != self.digest:
                        self.other_stamp += 1
                        self.dropped_bytes += _size(str(path)) or 0
                        path.unlink(missing_ok=True)
                        continue
                    entry = read_entry(fh.read())
                kept = _valid_records(entry)
            except Exception:  # damaged (cut short, a failed disk): its files are loaded again
                kept = None
            if kept is None:
                self.damaged += 1
                path.unlink(missing_ok=True)
                continue
            sizes = entry["sizes"]
            entries.append((path, [rec for rec in kept if all(_size(n) == sizes.get(n) for n in _spill_files(rec))]))
        return entries

    def reusable(self, jobs: list) -> tuple[list[dict], list]:
        """(the records kept for these jobs' files, unchanged since; the jobs left to load). A
        file's record is reused when its signature is the same and its content too (hashed
        again: an edit that kept the size and the modification time must not keep the old
        articles, which a fresh build would not have; hashing is a small part of loading)."""
        from reader.index.store import content_hash

        entries = self._entries()
        kept = {
            (record["key"], repr(list(record["signature"] or []))): (path, record)
            for path, records in entries
            for record in records
        }
        reused, left = [], []
        used_entries: set[Path] = set()
        intact: dict[str, bool] = {}  # spill file -> whole (read once however many records name it)
        for job in jobs:
            path, record = kept.get((job[0], repr(list(job[3] or []))), (None, None))
            if (
                path is not None
                and record is not None
                and record.get("hash") is not None
                and _hash_of(content_hash, job[1]) == record["hash"]
                and self._spill_intact(record, intact)
            ):
                reused.append(record)
                used_entries.add(path)
            else:
                left.append(job)
        self._drop_unused(entries, used_entries, reused)
        return reused, left

    def _spill_intact(self, record: dict, intact: dict[str, bool]) -> bool:
        """Whether the record's spill files read back whole (spill.intact: a damaged disk may keep
        a file's size); one that does not is counted `damaged` and its file loaded again, where
        reading it in the build would have failed it."""
        for name in _spill_files(record):
            if name not in intact:
                intact[name] = spill.intact(name)
            if not intact[name]:
                self.damaged += 1
                return False
        return True

    def _drop_unused(self, entries: list[tuple[Path, list[dict]]], used: set[Path], reused: list[dict]) -> None:
        """Delete the entries none of whose records this build reuses, and the spill files no
        reused record is in (another stamp's, a changed file's, a killed worker's unfinished
        one): kept, they would only take disk until a build completes."""
        for path, _records in entries:
            if path not in used:
                self.dropped_bytes += _size(str(path)) or 0
                path.unlink(missing_ok=True)
        needed = {os.path.basename(name) for record in reused for name in _spill_files(record)}
        try:
            spilled = list(os.scandir(self.folder / SPILL_NAME))
        except OSError:
            return
        for item in spilled:
            if item.name not in needed and item.is_file(follow_symlinks=False):
                self.dropped_bytes += _size(item.path) or 0
                os.unlink(item.path)

    def keep(self, records: list[dict]) -> None:
        """Add a journal entry for these loaded records (their spill files written already)."""
        if not records:
            return
        sizes = {name: _size(name) for record in records for name in _spill_files(record)}
        entry = {"records": records, "sizes": sizes}
        name = f"{uuid.uuid4().hex}-{len(records)}"  # its count of files: kept_files() reads names only
        tmp = self.folder / f"{name}.part"
        try:
            with open(tmp, "wb") as fh:
                fh.write(self.digest)
                fh.write(
                    zlib.compress(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), spill.COMPRESSION_LEVEL)
                )  # (as the spill files)
            os.replace(tmp, self.folder / f"{name}{JOURNAL_SUFFIX}")
        finally:
            tmp.unlink(missing_ok=True)


def read_entry(data: bytes) -> Any:
    """A journal entry's object from what follows its digest (keep() wrote it zlib-compressed):
    an entry cut short or damaged raises (zlib.error, or unpickling's errors), never a part."""
    return pickle.loads(zlib.decompress(data))


def _valid_records(entry) -> list[dict] | None:
    """The records of a journal entry as keep() writes it, None when it is not one."""
    if not isinstance(entry, dict) or not isinstance(entry.get("sizes"), dict):
        return None
    records = entry.get("records")
    if not isinstance(records, list):
        return None
    for record in records:
        if not (
            isinstance(record, dict)
            and isinstance(record.get("key"), str)
            and isinstance(record.get("signature"), (list, type(None)))
            and isinstance(record.get("spill"), (str, list, type(None)))
        ):
            return None
    return records


def _hash_of(content_hash, path: str) -> str | None:
    try:
        return content_hash(path)
    except OSError:
        return None


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None
