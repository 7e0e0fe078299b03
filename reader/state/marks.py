"""Read marks and bookmarks (stars), per article id, in one SQLite file in the user data dir.

Marks are keyed by the corpus (its resolved root folders) and the article id, never by anything
the index holds, so they survive index rebuilds and deleting the cache. SQLite makes concurrent
writers (two `reader` windows) safe; each call opens its own connection, so worker threads may
call any method. Nothing is written until the first mark is set.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

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


def corpus_key(roots: Iterable[Path]) -> str:
    """One key per set of corpus folders (the same set gives the same key in any order)."""
    return "\n".join(sorted(str(Path(root).resolve()) for root in roots))


class MarkStore:
    def __init__(self, path: Path, corpus: str) -> None:
        self.path = Path(path)
        self.corpus = corpus

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if not create and not self.path.is_file():
            return None
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        connection.execute(SCHEMA)
        return connection

    def all(self) -> dict[str, Mark]:
        """Every marked article of this corpus: {article id: Mark}. Unmarked ones are absent."""
        connection = self._connect(create=False)
        if connection is None:
            return {}
        with closing(connection):
            rows = connection.execute(
                "SELECT article, read, starred FROM marks WHERE corpus = ? AND (read OR starred)",
                (self.corpus,),
            ).fetchall()
        return {article: Mark(bool(read), bool(starred)) for article, read, starred in rows}

    def get(self, article_id: str) -> Mark:
        connection = self._connect(create=False)
        if connection is None:
            return UNMARKED
        with closing(connection):
            row = connection.execute(
                "SELECT read, starred FROM marks WHERE corpus = ? AND article = ?",
                (self.corpus, article_id),
            ).fetchone()
        return Mark(bool(row[0]), bool(row[1])) if row else UNMARKED

    def set_read(self, article_ids: Iterable[str], read: bool = True) -> None:
        self._set("read", list(article_ids), read)

    def set_starred(self, article_ids: Iterable[str], starred: bool = True) -> None:
        self._set("starred", list(article_ids), starred)

    def toggle_read(self, article_id: str) -> bool:
        """Flip the read mark; returns the new state."""
        new = not self.get(article_id).read
        self.set_read([article_id], new)
        return new

    def toggle_starred(self, article_id: str) -> bool:
        """Flip the star; returns the new state."""
        new = not self.get(article_id).starred
        self.set_starred([article_id], new)
        return new

    def put(self, marks: dict[str, Mark]) -> None:
        """Store whole marks ({article id: Mark}) in one transaction."""
        if not marks:
            return
        now = time.time()
        with closing(self._connect(create=True)) as connection, connection:
            connection.executemany(
                "INSERT INTO marks (corpus, article, read, starred, changed) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (corpus, article) DO UPDATE SET read = excluded.read, "
                "starred = excluded.starred, changed = excluded.changed",
                [(self.corpus, a, int(m.read), int(m.starred), now) for a, m in marks.items()],
            )

    def _set(self, column: str, article_ids: list[str], value: bool) -> None:
        assert column in ("read", "starred")
        if not article_ids:
            return
        now = time.time()
        with closing(self._connect(create=True)) as connection, connection:
            connection.executemany(
                f"INSERT INTO marks (corpus, article, {column}, changed) VALUES (?, ?, ?, ?) "
                f"ON CONFLICT (corpus, article) DO UPDATE SET {column} = excluded.{column}, "
                "changed = excluded.changed",
                [(self.corpus, article_id, int(value), now) for article_id in article_ids],
            )
