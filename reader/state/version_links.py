"""The links of article versions whose files are gone, kept in the marks file (no UI imports).

The index works the chains of versions out from the corpus and remembers a link once a version's
file is deleted or renamed (reader.index.article_versions), so its marks still show on the newest
version. The index is a cache: deleted (a cleared ~/.cache, a new machine with the data dir put
back), those links went with it, and the marks with them. The links no corpus file can give again
are kept here, beside the marks they carry, keyed by corpus folder as the marks are; the index
reads them back when it works the chains out, and hands back the ones it keeps after each update.
So are the links from a marked older version up to its newest while every version is there: a
`state export` carries them to a machine that may have fetched the newest alone.
A link whose versions are both gone and lead to no marked version is let go (article_versions'
prune_remembered), so the table stays as small as the marks that need it.

Reading or writing them never fails an index update: a marks file that cannot be read or written
(damaged, another application's, a read-only data dir) keeps nothing and prunes nothing; the
marks commands say what is wrong with it.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Collection, Iterator

from reader.state.marks import LIST_WAIT_SECONDS, MarksNotSaved, MarksUnreadable, MarkStore
from reader.state.marks_db import add_version_links, has_marks_table, stamp_in

_IDS_PER_QUERY = 500  # ids bound in one query (older SQLite builds allow 999 variables)
# How long an index update waits for another process's lock on the marks file (a repair, an
# import, a copy being made) before it goes on without the links, as `reader list` goes on
# without the marks: it reads them inside the index's own write, and BUSY_SECONDS there held
# every update up 10 s and more (the links are read and written again by the next update).
LINK_WAIT_SECONDS = LIST_WAIT_SECONDS


class KeptVersionLinks:
    """The version links of one corpus in its marks file (reader.index.statedb.LinkKeeper)."""

    def __init__(self, marks: MarkStore) -> None:
        self.marks = marks
        # The links as kept() last read them: keep() lets go of those alone, never of one
        # written since (an import's, a mark's kept before held() was taken).
        self._read: dict[str, str] = {}
        # held()'s connection, in a transaction holding the file's write lock; or why none is
        # held: "absent" (no marks file), "unreadable" (locked too long, damaged), None outside.
        self._held: sqlite3.Connection | None = None
        self._not_held: str | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        """The marks file's write lock, held by an index update from its read of the links and
        the marks to its write of the links: a mark set in between, whose links are the ones
        read (another window's, an import's), was let go with them, and showed on no article.
        A mark set meanwhile waits for the lock (the update's last writes and commit), as it
        waits for another window's. SQLite's RESERVED lock: the lists still read the marks.
        A file that cannot be locked within LINK_WAIT_SECONDS is neither read nor written."""
        try:
            connection = self.marks._existing(LINK_WAIT_SECONDS)
            if connection is not None:
                try:
                    connection.execute("BEGIN IMMEDIATE")
                except sqlite3.Error:
                    connection.close()
                    raise
        except (MarksUnreadable, OSError, sqlite3.Error):
            self._not_held = "unreadable"
            connection = None
        else:
            self._not_held = "absent" if connection is None else None
        self._held = connection
        try:
            yield
            if connection is not None:
                connection.commit()
        finally:
            self._held, self._not_held = None, None
            if connection is not None:
                connection.close()  # (rolled back when not committed)

    def kept(self) -> dict[str, str] | None:
        """{article id: the id of the version it replaced} as last kept; None when the marks file
        cannot be read (locked too long, damaged): then nothing is written over them either."""
        if self._not_held == "unreadable":
            return None
        if self._not_held == "absent":
            return {}
        try:
            connection = self._held or self.marks._existing(LINK_WAIT_SECONDS)
        except (MarksUnreadable, OSError):
            return None
        if connection is None:
            return {}
        keys = ",".join("?" * len(self.marks.keys))
        try:
            rows = connection.execute(
                f"SELECT article, older FROM version_links WHERE corpus IN ({keys}) ORDER BY corpus, article",
                self.marks.keys,
            ).fetchall()
        except sqlite3.Error as exc:
            if "no such table" in str(exc):  # a file of layout 1: nothing kept yet
                return {}
            return None
        finally:
            if connection is not self._held:
                connection.close()
        found: dict[str, str] = {}
        for article, older in rows:
            found.setdefault(article, older)  # the same id in two folders: the first folder's
        self._read = dict(found)
        return found

    def marked(self, ids: Collection[str]) -> set[str] | None:
        """Those of `ids` with a read mark or a star in this corpus; None when the marks cannot be
        read (then nothing is let go: a link may carry a mark not seen)."""
        if not ids or self._not_held == "absent":
            return set()
        if self._not_held == "unreadable":
            return None
        try:
            connection = self._held or self.marks._existing(LINK_WAIT_SECONDS)
        except (MarksUnreadable, OSError):
            return None
        if connection is None:
            return set()
        keys = ",".join("?" * len(self.marks.keys))
        listed, found = sorted(ids), set[str]()
        try:
            for start in range(0, len(listed), _IDS_PER_QUERY):
                chunk = listed[start : start + _IDS_PER_QUERY]
                found.update(
                    article
                    for (article,) in connection.execute(
                        f"SELECT article FROM marks WHERE corpus IN ({keys}) AND (read OR starred) "
                        f"AND article IN ({','.join('?' * len(chunk))})",
                        (*self.marks.keys, *chunk),
                    )
                )
        except sqlite3.Error:
            return None
        finally:
            if connection is not self._held:
                connection.close()
        return found

    def keep(self, links: dict[str, str]) -> bool:
        """Make `links` the kept ones of this corpus (only the rows that differ are written),
        letting go only of links kept() read before (the update worked `links` out from them): one
        written since, with a mark set on its older version, is that mark's, not the update's to
        prune. No marks file is made for them: without one, no version carries a mark for a link
        to lead to. Within held(), written in its transaction (committed as it ends). False when
        they could not be written (the next update tries again)."""
        read = dict(self._read)
        if self._not_held == "unreadable":
            return False
        if self._held is None and not self.marks.path.is_file():
            return True
        if links == self.kept():
            return True
        keys = self.marks.keys
        in_keys = ",".join("?" * len(keys))

        def write(connection: sqlite3.Connection) -> None:
            add_version_links(connection)
            stored = {
                article: (corpus, older)
                for corpus, article, older in connection.execute(
                    f"SELECT corpus, article, older FROM version_links WHERE corpus IN ({in_keys})", keys
                )
            }
            connection.executemany(
                "DELETE FROM version_links WHERE corpus = ? AND article = ?",
                [
                    (corpus, article)
                    for article, (corpus, older) in stored.items()
                    if links.get(article) != older and (article in links or read.get(article) == older)
                ],
            )
            connection.executemany(
                "INSERT OR REPLACE INTO version_links (corpus, article, older) VALUES (?, ?, ?)",
                [
                    (self.marks._key_of(article), article, older)
                    for article, older in links.items()
                    if stored.get(article, ("", None))[1] != older
                ],
            )

        try:
            if self._held is not None:
                if not has_marks_table(self._held):
                    stamp_in(self._held)  # (an empty file: a table of links alone is no marks file)
                write(self._held)
            else:
                self.marks._writing(write, LINK_WAIT_SECONDS)
        except (MarksNotSaved, MarksUnreadable, OSError, sqlite3.Error):
            if self._held is not None:
                self._held.rollback()  # nothing half written is committed as held() ends
            return False
        return True
