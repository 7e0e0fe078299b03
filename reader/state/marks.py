"""Read marks and bookmarks (stars), per article id, in one SQLite file in the user data dir.

Marks are keyed by the corpus folder that holds the article (resolved) and the article id, never
by anything the index holds, so they survive index rebuilds and deleting the cache, and a folder
joining the corpus (fetched articles) leaves the others' marks in place. SQLite makes concurrent
writers (two `reader` windows) safe; each call opens its own connection, so worker threads may
call any method. Nothing is written until the first mark is set.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path
from typing import Iterable

from reader.safe_write import why_not_written

SCHEMA = """
CREATE TABLE IF NOT EXISTS marks (
    corpus TEXT NOT NULL,
    article TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    changed REAL NOT NULL,
    PRIMARY KEY (corpus, article)
)
"""


@dataclass(frozen=True)
class Mark:
    read: bool = False
    starred: bool = False


UNMARKED = Mark()


class MarksNotSaved(OSError):
    """The marks could not be written: the message names the file and why, in words (SQLite
    only says "unable to open database file" for a read-only folder)."""


def root_key(root: Path) -> str:
    """One key per corpus folder, however it is spelled."""
    return str(Path(root).resolve())


class MarkStore:
    """Marks of the articles of a corpus made of `roots` (one or more folders)."""

    def __init__(self, path: Path, roots: Iterable[Path]) -> None:
        self.path = Path(path)
        self.roots = [Path(root) for root in roots]
        self.keys = [root_key(root) for root in self.roots]

    def _key_of(self, article_id: str) -> str:
        """The key of the folder holding the article's file (ids are relative to their folder;
        `file#n` names an entry of a feed or JSON Lines file); the first folder when none does."""
        base = article_id.partition("#")[0]
        if len(self.keys) > 1:
            for root, key in zip(self.roots, self.keys):
                candidate = root / base
                if candidate.exists() or any(candidate.parent.glob(f"{glob_escape(candidate.name)}.*")):
                    return key
        return self.keys[0]

    def _existing(self) -> sqlite3.Connection | None:
        """The database, or None when no mark was ever set (reading creates nothing)."""
        return self._open() if self.path.is_file() else None

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        connection.execute(SCHEMA)
        return connection

    def all(self) -> dict[str, Mark]:
        """Every marked article of this corpus: {article id: Mark}. Unmarked ones are absent."""
        connection = self._existing()
        if connection is None:
            return {}
        marks: dict[str, Mark] = {}
        with closing(connection):
            for key in self.keys:
                rows = connection.execute(
                    "SELECT article, read, starred FROM marks WHERE corpus = ? AND (read OR starred)",
                    (key,),
                ).fetchall()
                for article, read, starred in rows:
                    if article not in marks:  # the same id in two folders: the first folder's
                        marks[article] = Mark(bool(read), bool(starred))
        return marks

    def get(self, article_id: str) -> Mark:
        connection = self._existing()
        if connection is None:
            return UNMARKED
        with closing(connection):
            row = connection.execute(
                "SELECT read, starred FROM marks WHERE corpus = ? AND article = ?",
                (self._key_of(article_id), article_id),
            ).fetchone()
        return Mark(bool(row[0]), bool(row[1])) if row else UNMARKED

    def put(self, marks: dict[str, Mark]) -> None:
        """Store whole marks ({article id: Mark}) in one transaction."""
        if not marks:
            return
        now = time.time()
        try:
            with closing(self._open()) as connection, connection:
                connection.executemany(
                    "INSERT INTO marks (corpus, article, read, starred, changed) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (corpus, article) DO UPDATE SET read = excluded.read, "
                    "starred = excluded.starred, changed = excluded.changed",
                    [(self._key_of(a), a, int(m.read), int(m.starred), now) for a, m in marks.items()],
                )
        except (sqlite3.Error, OSError) as exc:
            raise MarksNotSaved(f"{self.path}: {self._write_problem(exc)}") from exc

    def _write_problem(self, error: BaseException) -> str:
        """Why the marks file cannot be written, in words."""
        return why_not_written(self.path, error)
