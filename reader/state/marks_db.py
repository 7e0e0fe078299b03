"""The marks file as an SQLite database: its table, the stamp that tells it is reader's, and what
SQLite's errors say about it. Shared by the marks store (reader.state.marks) and its repair
(reader.state.repair); no reader type here, so either may import it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.wording import Code, Said, said

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
# The links of versions whose files are gone ({article: the version it replaced}), kept beside
# the marks they carry: the index, a cache, forgets them when it is deleted (layout 2).
VERSION_LINKS_SCHEMA = """
CREATE TABLE IF NOT EXISTS version_links (
    corpus TEXT NOT NULL,
    article TEXT NOT NULL,
    older TEXT NOT NULL,
    PRIMARY KEY (corpus, article)
)
"""


# "rdMk": the file is reader's marks (SQLite's header field for it; `file` names it too).
APPLICATION_ID = int.from_bytes(b"rdMk", "big")
# The layout of the file, for a migration to tell (1: the marks table; 2: the version_links
# table too, made when the first link is kept: reader.state.version_links).
LAYOUT_VERSION = 2
COLUMNS = ("corpus", "article", "read", "starred", "changed")


def is_busy(error: BaseException) -> bool:
    return getattr(error, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED")


def foreign_line(path: Path, why: str) -> Said:
    return said(f"{path}: not reader's marks file but another application's database (", why, ")")


def is_damaged(error: BaseException) -> bool:
    """Whether SQLite's error says the file is no marks database: not SQLite at all, corrupt, or
    a `marks` table of another shape (no such column)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    name = getattr(error, "sqlite_errorname", "")
    return name in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or (name == "SQLITE_ERROR" and "column" in str(error))


def not_ours(connection: sqlite3.Connection) -> str | None:
    """Why the database is not reader's marks (in words), or None: stamped as ours, empty, or a
    marks file written before the stamp (our `marks` table and nothing else). Only reads."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return None
    if application_id:
        return f"its application_id is {application_id:#010x}"
    names = sorted(
        name
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        if not name.startswith("sqlite_")
    )
    if not names:
        return None
    if names == ["marks"]:
        columns = tuple(row[1] for row in connection.execute("PRAGMA table_info(marks)"))
        if columns == COLUMNS:
            return None
        return said("its ", Code("marks"), f" table has other columns: {', '.join(columns)[:120]}")
    others = [name for name in names if name != "marks"]
    shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
    return f"it holds the tables {shown[:200]}"


def has_marks_table(connection: sqlite3.Connection) -> bool:
    return (
        connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'marks'").fetchone() is not None
    )


def stamp_as_ours(connection: sqlite3.Connection) -> None:
    """Create our table and stamp the file as ours, in one transaction (a file of an older reader
    gets its stamp here: the migration)."""
    with connection:
        stamp_in(connection)


def stamp_in(connection: sqlite3.Connection) -> None:
    """stamp_as_ours's statements, in the transaction under way."""
    connection.execute(SCHEMA)
    if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")


def add_version_links(connection: sqlite3.Connection) -> None:
    """The version_links table, made when the first link is kept (a file of layout 1 becomes one
    of layout 2: the migration), in the transaction under way."""
    connection.execute(VERSION_LINKS_SCHEMA)
    if connection.execute("PRAGMA user_version").fetchone()[0] < LAYOUT_VERSION:
        connection.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")


def left_wal_mode(connection: sqlite3.Connection) -> bool:
    """Whether the file is in reader's rollback journal mode, switched back to it when another
    program (sqlite3, DB Browser) set it to WAL: its log folded into the file and removed. SQLite
    switches only when no other connection has the file open, and says so at once (False then:
    it stays in WAL mode, which SQLite reads and writes as well). A file SQLite cannot read
    answers True, as one locked by a writer: no mode of it to leave, or the lock that follows
    says so."""
    try:
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            return True
    except sqlite3.DatabaseError:
        return True
    try:
        return bool(connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0] != "wal")
    except sqlite3.DatabaseError as exc:
        return not is_busy(exc)
