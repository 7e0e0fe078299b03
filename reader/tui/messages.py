"""Messages that workers post back to the app (workers run in threads; messages are thread-safe).

Each carries plain data from the core; widgets turn it into Content with `reader.tui.safe`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.analysis.stories import Story
    from reader.corpus.model import Article
    from reader.library import ArticleInfo, IndexReport, SearchResults
    from reader.state.marks import Mark
    from reader.library import Changes
    from reader.quotations import Quotation
    from reader.tui.widgets.source_list import Catalog


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
class ComparisonsProgress(Message):
    """The pass preparing every story's comparisons moved on: `done` of `total` articles."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ComparisonsProgress)


@dataclass
class ComparisonsPrepared(Message):
    """That pass ended; `summary` is its line for the user, None when it had nothing to say
    (nothing new since the last pass, stopped, or failed)."""

    summary: str | None = None


@dataclass
class IndexFinished(Message):
    """The background index update ended; `report` is the core's IndexReport (or None)."""

    report: IndexReport | None = None
    other_kinds_note: str | None = None  # after a first index or in an empty corpus: unread_kinds_note
    hidden_note: str | None = None  # in an empty corpus, its articles in hidden folders: hidden_articles_note


@dataclass
class IndexFailed(Message):
    """The background index update failed; `reason` is one line for the user. `vanished`: a file
    or folder of the index went while it was written (its cache folder deleted during the build).
    `committed`: it failed past its commit (layout.FailedAfterCommit): its articles are in the index."""

    reason: str
    vanished: bool = False
    committed: bool = False
    load: int = 0  # the list's read that failed (CatalogLoaded.load), 0: the update itself failed


@dataclass
class CatalogLoaded(Message):
    """Article metadata and stories as the index currently answers them, and the user's marks."""

    articles: list[ArticleInfo] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    marks: dict[str, Mark] = field(default_factory=dict)  # article id -> Mark (read, starred)
    version: object = None  # the index's version read (Changes.index_version), None: unknown
    prepared: Catalog | None = None  # the source list's Catalog of these lists, made in the worker (or None)
    marks_saved: int = 0  # the marks set in this window up to this number were stored before `marks` was read
    load: int = 0  # the load_catalog call this read answers (the app tells a stale read by it)
    marks_read: int = 0  # the number of this read of the marks (a later one shown: these are older)
    marks_stamp: tuple | None = None  # the marks file as that read found it (MarkStore.stamp)


@dataclass
class ChangesSeen(Message):
    """What the watcher found (Library.changes): the app updates or reloads as it says."""

    changes: Changes
    updates_begun: int = 0  # the index updates begun when the look began (ReaderApp._updates_begun)


@dataclass
class MarksChanged(Message):
    """The marks file changed since the app last read it (`reader state import`, another
    window): the marks read now, with CatalogLoaded's `marks_saved`, `marks_read`, `marks_stamp`."""

    marks: dict[str, Mark]
    marks_saved: int = 0
    marks_read: int = 0
    marks_stamp: tuple | None = None


@dataclass
class SearchFinished(Message):
    """Results of one search; `query` lets the receiver drop stale answers. `finishing_suggests`:
    the search read its last word as still being typed and found and suggested nothing, and the
    word finished (Enter, a space) has a did-you-mean."""

    query: str
    results: SearchResults
    finishing_suggests: bool = False
    # Each hit's line as listed, made (and wrapped) in the search's worker: made on the event
    # loop, 50 of them held it for ~100 ms of CPU at each key typed. None: made on receipt.
    prompts: list | None = None


@dataclass
class MoreResultsFinished(Message):
    """The next page of a search's results: the hits from `offset` on (or `results.error`)."""

    query: str
    offset: int
    results: SearchResults


@dataclass
class SearchFailed(Message):
    query: str
    reason: str


@dataclass
class ArticleLoaded(Message):
    """An article, its quotes and (when opened from a search) the ranges of the query's matches."""

    article: Article
    quotes: list[Quotation] = field(default_factory=list)
    matches: list[tuple[int, int]] = field(default_factory=list)
    query: str = ""
    jump: int | None = None  # a character offset to show first (a search hit, a quote)
    capped: bool = False  # more matches than `matches`: the core highlights the first ones only
    load: int = 0  # which open_article asked for it (MainScreen shows the latest's alone)


@dataclass
class ArticleFailed(Message):
    target: str
    reason: str
    load: int = 0  # as ArticleLoaded's


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
    story_id: str | None = None  # a story's row: the pair `reader compare STORY` compares (left_id if none)
