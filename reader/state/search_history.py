"""The searches a user ran, kept across runs for the search box's ↑/↓ (no UI imports).

One query a line, oldest first, in the user data dir: `search_history.txt`. Bounded (the newest
MAX_SEARCHES), a query searched again moves to the end rather than being listed twice. Each
line read is cleaned as a typed query is (no control or invisible character, one line), so a
file edited by hand or by another program gives back only plain text.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reader.corpus.decode import pasted_line
from reader.plain_file import read_settings_text
from reader.safe_write import replace_file

FILE_NAME = "search_history.txt"
MAX_SEARCHES = 200
MAX_QUERY_CHARACTERS = 1_000  # a longer query is not worth recalling (and keeps the file small)


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
            text = read_settings_text(self.path)
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            self.problem = f"{self.path}: {getattr(exc, 'strerror', None) or exc}; the search history starts empty"
            return
        for line in text.splitlines():
            self._remember(line)

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
        """Keep `query` as the newest search, and save the history."""
        with self._lock:
            if self._remember(query):
                replace_file(self.path, "".join(f"{query}\n" for query in self._searches).encode("utf-8"))

    def clear(self) -> None:
        """Forget every search; the file is removed (nothing of ours left behind)."""
        with self._lock:
            self._searches = []
            self.path.unlink(missing_ok=True)


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
