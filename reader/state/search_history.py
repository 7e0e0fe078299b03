"""The searches a user ran, kept across runs for the search box's ↑/↓ (no UI imports).

One query a line, oldest first, in the user data dir: `search_history.txt`. Bounded (the newest
MAX_SEARCHES), a query searched again moves to the end rather than being listed twice. Each
line read is cleaned as a typed query is (no control or invisible character, one line), so a
file edited by hand or by another program gives back only plain text.
"""

from __future__ import annotations

import errno
import os
import threading
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Iterator

from reader.corpus.decode import pasted_line
from reader.file_lock import wait_for_flock
from reader.plain_file import read_settings_text
from reader.safe_write import replace_file

FILE_NAME = "search_history.txt"
MAX_SEARCHES = 200
MAX_QUERY_CHARACTERS = 1_000  # a longer query is not worth recalling (and keeps the file small)
# A line longer than this was not written by us (a damaged file): skipped before it is cleaned.
MAX_LINE_CHARACTERS = 4 * MAX_QUERY_CHARACTERS
# The file's last lines read at most (ours has MAX_SEARCHES; a damaged one, any number).
MAX_LINES_READ = 10 * MAX_SEARCHES
# How long a save waits for another reader window's (each takes milliseconds).
SAVE_WAIT = 2.0


def cleaned(query: str) -> str:
    """The query as it is kept: one plain line, blanks at its ends dropped."""
    return pasted_line(query).strip()


class SearchHistory:
    """The searches kept in `path`, oldest first. A file that cannot be read starts an empty
    history (`problem` says why); one that cannot be written keeps this run's searches in memory
    (`add` and `clear` raise the OSError, saying which file)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.problem: str | None = None
        self._searches: list[str] = []
        self._lock = threading.Lock()  # saves from two threads: the last writes the newest list
        try:
            self._searches = self._read()
        except (OSError, UnicodeDecodeError) as exc:
            why = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror or exc
            self.problem = (
                f"{self.path}: {why}; the search history starts empty (the next search kept replaces the file)"
            )

    def _read(self) -> list[str]:
        """The newest searches of the file (none when there is no file), read from its end: a file
        of 100,000 lines took a second, cleaning every line, at the first ↑."""
        try:
            text = read_settings_text(self.path)
        except FileNotFoundError:
            return []
        kept: list[str] = []
        seen: set[str] = set()  # the queries kept
        read: set[str] = set()  # the lines read: one read once is not cleaned again
        for line in islice(reversed(text.splitlines()), MAX_LINES_READ):
            if len(line) > MAX_LINE_CHARACTERS or line in read:
                continue
            read.add(line)
            query = cleaned(line)
            if not query or len(query) > MAX_QUERY_CHARACTERS or query in seen:
                continue
            seen.add(query)
            kept.append(query)
            if len(kept) == MAX_SEARCHES:
                break
        kept.reverse()
        return kept

    @property
    def searches(self) -> list[str]:
        """Oldest first."""
        return list(self._searches)

    def _remember(self, query: str) -> bool:
        query = cleaned(query)
        if not query or len(query) > MAX_QUERY_CHARACTERS:
            return False
        if query in self._searches:
            self._searches.remove(query)
        self._searches.append(query)
        del self._searches[:-MAX_SEARCHES]
        return True

    def add(self, query: str) -> None:
        """Keep `query` as the newest search, and save the history: the file as it is now (another
        reader window's searches kept since, or its clearing) with `query` added. (Each window
        wrote its own list: the other's searches since it started were lost.)"""
        with self._lock, self._saving():
            try:
                self._searches = self._read()
            except (OSError, UnicodeDecodeError):
                pass  # a damaged file: replaced by this window's searches
            if self._remember(query):
                replace_file(self.path, "".join(f"{query}\n" for query in self._searches).encode("utf-8"))

    def clear(self) -> None:
        """Forget every search; the file is removed (nothing of ours left behind)."""
        with self._lock, self._saving():
            self._searches = []
            self.path.unlink(missing_ok=True)

    @contextmanager
    def _saving(self) -> Iterator[None]:
        """Hold the history's lock against other reader windows (an flock on its folder: no lock
        file is left behind). A file system without locks saves without one."""
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
        try:
            try:
                held = wait_for_flock(fd, SAVE_WAIT, poll=0.01)
            except OSError:
                held = True  # no locks here: as before, the last save wins
            if not held:
                raise OSError(errno.EAGAIN, "another reader window kept the search history locked", str(self.path))
            yield
        finally:
            os.close(fd)  # releases the lock


class Recall:
    """Stepping through the history from the search box, as a shell's ↑/↓ do: `older` from what
    is typed back to the oldest search, `newer` forward again to what was typed, then None. A
    search the same as what was typed is stepped over (↑ on "markets" showed "markets" again)."""

    def __init__(self, searches: list[str], typed: str) -> None:
        self._typed = typed
        self._searches = [query for query in searches if query != cleaned(typed)]
        self._at = len(self._searches)  # len(searches): what was typed

    @property
    def browsing(self) -> bool:
        return self._at < len(self._searches)

    def older(self) -> str | None:
        """The next older search, or None at the oldest."""
        if self._at == 0:
            return None
        self._at -= 1
        return self._searches[self._at]

    def newer(self) -> str | None:
        """The next newer search, or what was typed after the newest; None when back there already."""
        if not self.browsing:
            return None
        self._at += 1
        return self._searches[self._at] if self.browsing else self._typed
