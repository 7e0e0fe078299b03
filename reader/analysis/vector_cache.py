"""Sentence encodings kept on disk between runs, so a comparison made before is quick again.

Encoding is most of a comparison's cost (docs/comparison.md, "Same vectors on every CPU": ~5 ms a sentence on
a CPU without VNNI, ~1.2 ms with it). The TUI encodes an opened article's other versions ahead
(`Library.prepare_comparisons`), but only in memory: each `reader compare` is a new process, and
so is the next session of the app. This cache keeps every sentence's encoding in one SQLite file
in the user cache dir, keyed by the SHA-1 of its text, in a file named after the model's digest
(another model never reads these vectors). `Library.prepare_stories` fills it ahead for the
stories of a whole corpus after indexing (prepare.py). It is a cache: losing it costs time only, so any
failure (a locked, full or damaged file) turns it off for the process, and the comparison goes on.
It never prints: the Library takes the reason once (`take_warning`) and tells the user through its
notices, so a command says it in one line of its own ("reader: warning: ..."), not in a bare
logging line beside it.

The file holds the float16 vectors exactly as encoded (raw bytes), so a comparison read from it
is the same, bit for bit, as one encoded afresh. A sentence takes ~27 KB (35 pieces x 384 x 2
bytes); past `max_bytes` of stored arrays the least recently used sentences go (SQLite reuses
their pages, so the file stays about that size).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from reader.analysis.prepare import DROPPED_MARKER, SENTENCE_CACHE_BYTES
from reader.safe_write import why_not_written

__all__ = ["VectorCache", "DEFAULT_MAX_BYTES", "Arrays", "file_digest", "stored_size"]

# One sentence's encoding: its word-piece ids, their vectors, its clause starts (or None).
Arrays = tuple[np.ndarray, np.ndarray, "np.ndarray | None"]

DEFAULT_MAX_BYTES = SENTENCE_CACHE_BYTES  # ~9,500 sentences: some 300 articles
PREFIX = "sentences-"
CHUNK = 500  # keys a query (SQLite allows 999 parameters in old builds)
CLOSED = "closed"  # `broken` after close(): not a failure to tell anyone about
USE_INDEX = "by_use_and_size"
TOTAL_SIZE = "SELECT COALESCE(SUM(size), 0) FROM sentences"  # both read from USE_INDEX (_trim)
OLDEST_FIRST = "SELECT key, size FROM sentences ORDER BY used"


def file_digest(path: Path) -> str:
    """The first 16 hex digits of the SHA-1 of a file's bytes (which model the vectors are from)."""
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def _key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


def _pack(arrays: Arrays) -> tuple[bytes, bytes, bytes | None, int]:
    # Raw bytes of fixed types: reading them back is a view, no header to parse (np.load's
    # header parsing made a read ~5x slower).
    ids, vectors, clauses = arrays
    return (
        np.ascontiguousarray(ids, np.int64).tobytes(),
        np.ascontiguousarray(vectors, np.float16).tobytes(),
        None if clauses is None else np.ascontiguousarray(clauses, np.int64).tobytes(),
        vectors.shape[1],
    )


def stored_size(arrays: Arrays) -> int:
    """The bytes one sentence's encoding takes in the cache (what max_bytes counts): those of
    _pack's int64 ids, float16 vectors and int64 clause starts, counted without packing them."""
    ids, vectors, clauses = arrays
    return 8 * np.size(ids) + 2 * np.size(vectors) + (0 if clauses is None else 8 * np.size(clauses))


def _unpack(ids: bytes, vectors: bytes, clauses: bytes | None, width: int) -> Arrays:
    """Read-only arrays over the stored bytes (ValueError when they do not fit together)."""
    piece_ids = np.frombuffer(ids, np.int64)
    matrix = np.frombuffer(vectors, np.float16).reshape(len(piece_ids), width)
    starts = None if clauses is None else np.frombuffer(clauses, np.int64)
    return piece_ids, matrix, starts


class VectorCache:
    def __init__(self, folder: Path, model_digest: str, max_bytes: int = DEFAULT_MAX_BYTES):
        self.path = Path(folder) / f"{PREFIX}{model_digest}.sqlite"
        self.max_bytes = max_bytes
        self.broken: str | None = None  # why the cache is off, once it is
        self._told = False  # whether take_warning has handed `broken` out
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def get_many(self, texts: Sequence[str]) -> dict[str, Arrays]:
        """The encodings kept for these texts (the others are simply missing)."""
        return self._lookup(texts, "ids, vectors, clauses, width", lambda stored: _unpack(*stored))

    def present(self, texts: Sequence[str]) -> dict[str, int]:
        """Which of these texts are kept, each with the bytes its encoding takes; they count as
        used now (a pass that wants them again keeps them from being the next dropped)."""
        return self._lookup(texts, "size", lambda stored: int(stored[0]))

    def _lookup(self, texts: Sequence[str], columns: str, convert: Callable[[list], Any]) -> dict[str, Any]:
        """Each kept text's `columns`, through `convert`; the rows found count as used now. On a
        failure the cache goes off and nothing is found."""
        by_key = {_key(text): text for text in texts}
        with self._lock:
            db = self._open()
            if db is None:
                return {}
            try:
                found = {}
                keys = list(by_key)
                for start in range(0, len(keys), CHUNK):
                    chunk = keys[start : start + CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(f"SELECT key, {columns} FROM sentences WHERE key IN ({marks})", chunk).fetchall()
                    for key, *stored in rows:
                        found[by_key[key]] = convert(stored)
                    if rows:  # a comparison never made before writes nothing here
                        used = ",".join("?" * len(rows))
                        db.execute(
                            f"UPDATE sentences SET used = ? WHERE key IN ({used})",
                            [time.time_ns(), *(r[0] for r in rows)],
                        )
                if db.in_transaction:
                    db.commit()
                return found
            except (sqlite3.Error, ValueError, TypeError, OSError, KeyError) as error:
                self._fail(error)
                return {}

    def put_many(self, items: Sequence[tuple[str, Arrays]]) -> None:
        """Keep these encodings, then drop the least recently used past `max_bytes`."""
        if not items:
            return
        with self._lock:
            db = self._open()
            if db is None:
                return
            try:
                now = time.time_ns()
                rows = []
                for text, arrays in items:
                    ids, vectors, clauses, width = _pack(arrays)
                    rows.append((_key(text), ids, vectors, clauses, width, stored_size(arrays), now))
                db.executemany("INSERT OR REPLACE INTO sentences VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                self._trim(db)
                db.commit()
            except (sqlite3.Error, ValueError, OSError) as error:
                self._fail(error)

    def take_warning(self) -> str | None:
        """Why the cache went off, the first time it is asked after it did (None while it
        works, after close(), or once told): whoever takes it tells the user, once a process."""
        with self._lock:
            if self.broken is None or self.broken == CLOSED or self._told:
                return None
            self._told = True
            return f"the sentence cache is off for this run: {self.broken}"

    def close(self) -> None:
        """For good: a thread still holding this cache finds it off rather than opening it again."""
        with self._lock:
            self.broken = CLOSED
            if self._db is not None:
                self._db.close()
                self._db = None

    def _trim(self, db: sqlite3.Connection) -> None:
        (total,) = db.execute(TOTAL_SIZE).fetchone()
        if total <= self.max_bytes:
            return
        # Down to 90%, so the next few puts do not each trim again.
        excess = total - int(self.max_bytes * 0.9)
        gone = 0
        victims = []
        for key, size in db.execute(OLDEST_FIRST):
            if gone >= excess:
                break
            victims.append((key,))
            gone += size
        db.executemany("DELETE FROM sentences WHERE key = ?", victims)
        self._note_dropped()

    def _open(self) -> sqlite3.Connection | None:
        if self.broken is not None:
            return None
        if self._db is not None:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._remove_other_models()
            if not self.path.exists():
                self._note_dropped()  # a new file: whatever an earlier one held is gone
            # A short wait only: another process writing is no reason to hold a comparison up.
            db = sqlite3.connect(self.path, timeout=0.2, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS sentences (key BLOB PRIMARY KEY, ids BLOB NOT NULL,"
                " vectors BLOB NOT NULL, clauses BLOB, width INTEGER NOT NULL, size INTEGER NOT NULL,"
                " used INTEGER NOT NULL)"
            )
            # Each put sums the sizes (_trim): read from this index, not from the rows, where
            # `size` lies past the vectors' overflow pages (~75 ms a put with 4,500 sentences
            # kept, 0.3 ms from the index). It orders the least recently used as well.
            db.execute(f"CREATE INDEX IF NOT EXISTS {USE_INDEX} ON sentences (used, size)")
            db.execute("DROP INDEX IF EXISTS by_use")  # an older reader's, on `used` alone
            db.commit()
        except (sqlite3.Error, OSError) as error:
            self._fail(error)
            return None
        self._db = db
        return db

    def _note_dropped(self) -> None:
        """prepare.DROPPED_MARKER: sentences may have gone, so no pass is trusted to have kept its own."""
        (self.path.parent / DROPPED_MARKER).write_text(str(time.time_ns()), encoding="utf-8")

    def _remove_other_models(self) -> None:
        """Files of this cache made for another model (an older reader's): nothing reads them."""
        for other in self.path.parent.glob(f"{PREFIX}*.sqlite*"):
            if not other.name.startswith(self.path.name):
                other.unlink(missing_ok=True)

    def _fail(self, error: Exception) -> None:
        self.broken = f"{self.path}: {why_not_written(self.path, error)}"
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
