"""The article model shared by every layer (no UI imports here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Article:
    """One article, cleaned and ready for indexing and analysis.

    `text` is the clean body: control characters stripped, NFC-normalised, boilerplate removed.
    Every character offset anywhere in reader (quotes, sentences, search hits) refers to it.
    """

    id: str  # path relative to its corpus root, no extension; "#n" (1-based) for entries of feeds/jsonl
    path: Path  # the file it came from
    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, the day as the source writes it (in its own zone)
    url: str | None = None
    author: str | None = None
    story: str | None = None  # a story id given by metadata, if any
    # Names of the metadata fields above that were inferred rather than given.
    inferred: frozenset[str] = field(default_factory=frozenset)
    # Where the title came from (reader.corpus.infer.TITLE_SOURCES): "given" in the metadata, its
    # first line read as a "headline", its "first_sentence", or its "file_name"; None: no title.
    # A headline compared with a first sentence is no headline comparison.
    title_source: str | None = None
    # The date's time of day when the source gives one (infer.parse_moment): "YYYY-MM-DDTHH:MM:SSZ"
    # in UTC when it gives its zone, else "YYYY-MM-DDTHH:MM:SS" as written (zone not known).
    time: str | None = None
    # The id of the article this one is a later version of (front matter `previous:`, as
    # `reader fetch` writes it for a page edited upstream), resolved to this corpus's ids.
    previous: str | None = None
    # When `reader fetch` fetched it (front matter `fetched:`), "YYYY-MM-DDTHH:MM:SSZ" in UTC: not
    # when it was published. It orders articles of one day that give no time apart; None for an
    # article no fetch stored (a user's own file), which keeps its order by title.
    fetched: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "author": self.author,
            "path": str(self.path),
            "inferred": sorted(self.inferred),
            "title_source": self.title_source,
            "time": self.time,
            "previous": self.previous,
            "fetched": self.fetched,
        }


@dataclass(frozen=True)
class Skipped:
    """A file (or an entry of one) that could not be loaded, and why, in words a user reads."""

    path: str
    reason: str
    # Loaded after all, with a warning that concerns it (a user rule switched off on it).
    warning: bool = False
    # The path's bytes in hex when `path` had to change them to be shown (a byte that is not
    # UTF-8, a control character): `path` alone could not open the file again.
    path_bytes: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"path": self.path, "reason": self.reason}
        if self.warning:
            out["warning"] = True
        if self.path_bytes is not None:
            out["path_bytes"] = self.path_bytes
        return out


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def extend(self, other: "LoadResult") -> None:
        self.articles.extend(other.articles)
        self.skipped.extend(other.skipped)


class Entries:
    """How far loader.iter_file is in its file: `done` of `total` entries (a JSON Lines file's
    lines that hold something, read or skipped; for other kinds, the articles once all are read).
    `folder_answer`: what the file's folder answered while it was decoded, if it was asked
    (folder_charset.ScriptHint): the index reads the file again when that answer changes."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.folder_answer: str | None = None
