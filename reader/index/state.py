"""The index's types and bookkeeping: errors, reports, article rows, and the update state.

The update state is {"generation", "dir", "files": {key: entry}, "articles": {id: row},
"stories": [...]}: state.sqlite (statedb.py) keeps it for the TOC generation it names. The
stored fields of the Whoosh documents are the source of truth: when the state database does not
match the committed index (a process killed between the commit and the state write), the state
is rebuilt from them (state_from_index).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.index import statedb
from reader.index.layout import SCHEMA_VERSION

STATE_NAME = "state.json"  # the state before state.sqlite: read no more, removed at the next update
STORIES_NAME = "stories.bin"  # corpus statistics of the story records, for incremental grouping
STORIES_JSON_NAME = "stories.json"  # the same before stories.bin: read once more, then removed
LOCK_NAME = "reader.lock"
REBUILT_ON_REQUEST = "index rebuilt on request"  # `reader index --rebuild`'s notice: its report line says it


class IndexBusy(Exception):
    """Another process holds the index's write lock; `holder` says which when the system tells
    (" (pid 4242: reader index)", as wording.holder_shown writes it), else ""."""

    def __init__(self, message: str, *, holder: str = "") -> None:
        super().__init__(message)
        self.holder = holder


class IndexMovedAway(IndexBusy):
    """The index was carried over to another folder (reader/index/moved.py) while this process
    waited for its lock: the folder it was to update is gone. Its words say so (not "busy")."""


class IndexFailure(Exception):
    """The update could not complete (a worker died, counts disagree); nothing was committed
    or the index is left for the next run to repair."""


class GroupingWorkerDied(IndexFailure):
    """The stories' grouping process died twice (update._group_spilled): nothing was committed,
    and a first build keeps what it loaded for the next one (as when interrupted)."""


class GroupingFailedBefore(GroupingWorkerDied):
    """The last build of this corpus died so on this machine, and nothing that would change it
    changed (grouping_memo.py): said at once, not tried again until asked (retry_grouping)."""


class IndexLocationError(Exception):
    """The index folder is unusable as given (inside the corpus, not ours, not writable)."""


class IndexNotWritable(IndexLocationError):
    """The index folder cannot be written (a read-only mount, no permission): it can still be read."""


# What to do when there is no index and its folder cannot be written: said by `reader index` and
# by a reading command that had to build it.
WRITABLE_INDEX_HINT = "give a folder you can write with --index DIR or READER_CACHE_DIR"


@dataclass(frozen=True)
class Rewritten:
    """What an update wrote of the articles' text: from the commit `since` to `commit` (stamps
    as CorpusIndex.commit_stamp names them), only the articles `ids` were written from their
    files (read again, new, or moved); every other article's title and text are as they were.
    `stories`: the ids of the grouping's stories it removed or wrote (every other story's row is
    as it was), or None when it wrote the stories whole (any story may differ)."""

    since: str | None
    commit: str | None
    ids: frozenset[str]
    stories: frozenset[str] | None = None


@dataclass
class IndexReport:
    indexed: int = 0  # articles added from new files
    updated: int = 0  # articles (re)indexed from changed files
    removed: int = 0  # articles removed (deleted files, or gone from a changed file)
    unchanged: int = 0  # articles of files that did not change
    skipped: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    notice: str | None = None
    cancelled: bool = False
    moved_from: list[str] = field(default_factory=list)  # the corpus folders the index was carried over from
    rebuilt: bool = False  # built anew from every file (asked for, or needed: `notice` says why)
    # {old article id: new id} of the files renamed or moved inside the corpus with the same
    # contents (renamed.py); counted here, not in `indexed` and `removed`.
    renamed: dict[str, str] = field(default_factory=dict)
    # The articles written from their files, when the update committed and knows them (not in
    # the JSON: Library.prepare_stories reads only those again).
    rewritten: Rewritten | None = None
    # The resume folders of other index folders that no build could use, deleted by this update
    # (resume.sweep_abandoned): [{"folder", "bytes", "reason"}].
    resume_removed: list[dict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.indexed or self.updated or self.removed or self.renamed)

    @property
    def first_build(self) -> bool:
        """Whether every article was indexed anew: the folder's first index, or a rebuild."""
        return self.rebuilt or bool(
            self.indexed and not (self.updated or self.unchanged or self.removed or self.renamed)
        )

    def to_dict(self) -> dict:
        """The `reader index --json` report: every key always there (null, false or empty when
        it does not apply; they were left out, so `data["notice"]` failed in a script)."""
        return {
            "indexed": self.indexed,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [skipped_dict(item) for item in self.skipped],
            "seconds": round(self.seconds, 3),
            "notice": self.notice or None,
            "cancelled": bool(self.cancelled),
            "moved_from": list(self.moved_from),
            "renamed": len(self.renamed),
            "resume_removed": list(self.resume_removed),
        }


def skipped_dict(item: dict) -> dict:
    """A skipped file as the JSON gives it: `warning` (read all the same) and `path_bytes` (the
    path's bytes in hex, when the name is not UTF-8 or holds a control character) always there,
    false and null if not. `path` is the file's own name, as every other `path` of the JSON: a
    byte that is not UTF-8 the lone surrogate surrogateescape makes of it (written `\\udcff`),
    not U+FFFD, which names no byte (the item's `path` as messages and the app show it)."""
    # In the README's order whichever of the two the item carried (`{**item, ...}` kept the
    # item's order: path_bytes came before warning or after it, file by file).
    fixed = {
        "path": _own_name(item),
        "reason": item.get("reason"),
        "warning": bool(item.get("warning")),
        "path_bytes": item.get("path_bytes"),
    }
    return {**fixed, **{key: value for key, value in item.items() if key not in fixed}}


def _own_name(item: dict) -> str | None:
    raw = item.get("path_bytes")
    if isinstance(raw, str):
        try:
            return bytes.fromhex(raw).decode("utf-8", "surrogateescape")
        except ValueError:  # not hex (a state written by hand): the name as shown
            pass
    return item.get("path")


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: str
    outlet: str | None
    title: str | None
    date: str | None
    url: str | None
    story: str | None
    path: str
    author: str | None = None
    time: str | None = None  # the date's time of day, when the source gives one (Article.time)
    previous: str | None = None  # the id of the version this article replaces (Article.previous)
    fetched: str | None = None  # when reader fetch fetched it, UTC (Article.fetched)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "story": self.story,
            "path": self.path,
            "author": self.author,
            "time": self.time,
            "previous": self.previous,
            "fetched": self.fetched,
        }


def check_location(roots: list[Path], index_dir: Path) -> None:
    """IndexLocationError when the index folder is inside a corpus folder."""
    resolved = Path(index_dir).resolve()
    for root in roots:
        real = Path(root).resolve()
        if resolved == real or real in resolved.parents:
            raise IndexLocationError(
                f"the index folder {index_dir} is inside the corpus {root}; choose one outside it (--index DIR)"
            )


def empty_state(generation: int | None) -> dict:
    return {"generation": generation, "files": {}, "articles": {}, "stories": []}


def info_dict(stored: dict) -> dict:
    """The article row (ArticleInfo's fields) of a document's stored fields."""
    from reader.index import store  # Whoosh: not for the no-op check (noop.py)

    art = store.article_from_stored(stored)
    return {key: art[key] for key in statedb.ARTICLE_COLUMNS}


def read_state(db: statedb.StateDB, searcher, generation, folder: str, lazy: bool = False) -> dict:
    """The state database's state when it describes this commit; rebuilt from the index otherwise.
    `lazy`: articles and stories read on first use (for the lock holder only)."""
    state = db.load_for_update(SCHEMA_VERSION, folder, generation, lazy=lazy)
    if state is None:
        state = state_from_index(searcher, generation)
        state["dir"] = folder
    return state


def state_from_index(searcher, generation) -> dict:
    files: dict[str, dict] = {}
    articles: dict[str, dict] = {}
    members: dict[str, list[str]] = {}
    reader = searcher.reader()
    for docnum in reader.all_doc_ids():
        stored = reader.stored_fields(docnum)
        meta = stored.get("meta") or {}
        entry = files.setdefault(
            stored["file"], {"signature": meta.get("signature"), "hash": meta.get("hash"), "ids": [], "skipped": []}
        )
        if "folder_answer" in meta:
            entry["folder_answer"] = meta["folder_answer"]
        entry["ids"].append(stored["id"])
        articles[stored["id"]] = info_dict(stored)
        if stored.get("story"):
            members.setdefault(stored["story"], []).append(stored["id"])
    stories = [{"id": sid, "label": articles[ids[0]]["title"] or sid, "articles": ids} for sid, ids in members.items()]
    return {
        "schema": SCHEMA_VERSION,
        "generation": generation,
        "files": files,
        "articles": articles,
        "stories": stories,
        "from_index": True,
    }
