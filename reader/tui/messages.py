"""Messages that workers post back to the app (workers run in threads; messages are thread-safe).

Each carries plain data from the core; widgets turn it into Content with `reader.tui.safe`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message


@dataclass
class IndexProgress(Message):
    """Indexing moved on: `done` of `total` files, the current file's name (untrusted)."""

    done: int
    total: int
    current: str = ""

    def can_replace(self, message: Message) -> bool:
        # Frequent progress messages waiting in the queue collapse into the newest one.
        return isinstance(message, IndexProgress)


@dataclass
class IndexFinished(Message):
    """The background index update ended; `report` is the core's IndexReport (or None)."""

    report: Any = None


@dataclass
class IndexFailed(Message):
    """The background index update failed; `reason` is one line for the user."""

    reason: str


@dataclass
class CatalogLoaded(Message):
    """Article metadata and stories as the index currently answers them, and the user's marks."""

    articles: list = field(default_factory=list)
    stories: list = field(default_factory=list)
    marks: dict = field(default_factory=dict)  # article id -> Mark (read, starred)


@dataclass
class SearchFinished(Message):
    """Results of one search; `query` lets the receiver drop stale answers."""

    query: str
    results: Any


@dataclass
class SearchFailed(Message):
    query: str
    reason: str


@dataclass
class ArticleLoaded(Message):
    """An article, its quotes and (when opened from a search) the ranges of the query's matches."""

    article: Any
    quotes: list = field(default_factory=list)
    matches: list = field(default_factory=list)
    query: str = ""
    jump: int | None = None  # a character offset to show first (a search hit, a quote)


@dataclass
class ArticleFailed(Message):
    target: str
    reason: str


@dataclass
class OpenArticle(Message):
    """Ask the main screen to open an article (posted by the source list, results, palette)."""

    article_id: str
    query: str = ""
    focus: bool = False  # give the article the focus once it is shown (Enter in the search box)


@dataclass
class OpenComparison(Message):
    left_id: str
    right_id: str | None = None
