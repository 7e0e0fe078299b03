"""CorpusIndex: the incremental, crash-safe index of a corpus (no UI imports); the read side.

Layout of an index folder:
    reader.lock   flock held by the one process that updates the index (lock.py)
    state.sqlite  per-file signatures, article metadata, stories and the watched corpus folders,
                  for the TOC generation it names (see statedb.py; state.json in older versions)
    stories.bin   corpus statistics (document frequencies) of the articles' story records, for the
                  same generation: with it, an update re-clusters only the stories it touches
    CURRENT       the name of the active Whoosh folder (store.py: a rebuild is built beside it)
    whoosh*/      the Whoosh index (schema version inside; commits are all-or-nothing)

update() runs the steps in update.py under the write lock (its docstring says what keeps the
index safe from a crash); readers here may run in other threads and processes meanwhile.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, replace
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from reader import config
from reader.corpus.decode import outlet_key, outlet_spellings
from reader.index import checksums, lock, statedb, store, whoosh_internals
from reader.index import roots as roots_table
from reader.index.state import (
    ArticleInfo,
    IndexBusy,
    IndexFailure,
    IndexLocationError,
    IndexNotWritable,
    IndexReport,
    check_location,
    empty_state,
    read_state,
)
from reader.index.store import IndexCorrupt
from reader.wording import reader_command

if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.index.article_versions import Replacements
    from reader.index.scan import Scan

# Re-exported: the types were defined here before the update pipeline had modules of its own.
__all__ = [
    "ArticleInfo",
    "CorpusIndex",
    "IndexBusy",
    "IndexFailure",
    "IndexLocationError",
    "IndexNotWritable",
    "IndexReport",
]

# How far a file's time may fall behind the moment it was written: a file system's clock counts
# in ticks (a kernel's coarse clock, 1-10 ms; whole seconds on some, two on FAT). A write within
# this of a read may leave the file's stat as that read saw it (CorpusIndex.replacements).
STATE_TICK_NS = 2 * 10**9


@dataclass
class _CachedChains:
    """The chains replacements() read: `key` (the commit, the state database's stat), `count`
    (its versions_stamp, read before them) and `counted_at` (when the count last matched)."""

    key: tuple
    found: Replacements
    count: int
    counted_at: int


class CorpusIndex:
    def __init__(
        self,
        roots: list[Path],
        index_dir: Path,
        workers: int | None = None,
        loader: str = "reader.corpus:load_file",
        quotes: bool = True,
        stories: bool = True,
        follow_links: bool = False,
        carry_over: bool = False,
        command_line: Callable[[str], str] | None = None,
        version_links: statedb.LinkKeeper | None = None,
    ):
        """`loader` ("module:function", like reader.corpus.load_file), `quotes` and `stories`
        exist for benchmarks and tests; the application uses the defaults. `follow_links`
        follows symbolic links out of the corpus roots (see reader.corpus.discover). `carry_over`:
        when `index_dir` holds no index, take over the one a sibling folder holds for this corpus
        before its folder moved (moved.py; for the default folders in the cache, one per corpus).
        `command_line(words)`: the shell command running `reader WORDS` on this corpus, as its
        advice names it ("run `reader --corpus ~/news index --rebuild`"; Library.command_line)."""
        self.command_line = command_line or reader_command
        self.roots = [Path(r) for r in roots]
        self.index_dir = Path(index_dir)
        check_location(self.roots, self.index_dir)
        self.lock_timeout = config.lock_wait()  # seconds to wait for another writer
        self.workers = workers or max(1, min(os.cpu_count() or 1, 4))
        self.follow_links = follow_links
        self.carry_over = carry_over
        self.loader = loader
        self.find_quotes = quotes
        # Where the links of deleted versions outlive this index (statedb.LinkKeeper), or nowhere.
        self.version_links = version_links
        self.group_stories = stories
        self._ix: Any = None  # the open Whoosh index (Whoosh has no type annotations)
        self.problem: str | None = None
        self._searcher = None
        self._state: dict | None = None
        self._articles: list[ArticleInfo] | None = None
        # The (folder, generation) of self._articles, and the root table their paths were read with.
        self._articles_key: tuple | None = None
        self._outlets_spelled: dict[str, str] = {}  # articles()'s (decode.outlet_spellings)
        # The last list read, kept when self._articles is dropped: the next read gives back its
        # unchanged articles (the same objects), so a reader holding the old list (the app's,
        # until the new one is shown) shares it instead of holding two (articles()).
        self._articles_read: list[ArticleInfo] = []
        self._stories_read: list = []  # the same for stories() (Story)
        self._replacements: _CachedChains | None = None  # replacements()
        self._db = statedb.StateDB(self.index_dir)
        self._table: tuple[tuple, dict[str, str]] | None = None  # (roots.json's stat, root table)
        # Readers (search, get, articles...) may run in several threads while update() runs in
        # another: reader-side objects are only touched under this lock.
        self._lock = threading.RLock()

    # -- opening --------------------------------------------------------------------------
    def _open(self):
        """The Whoosh index for reading (None when there is none yet, or it is damaged)."""
        if self._ix is None:
            try:
                self._ix = store.open_existing(self.index_dir)
                self.problem = None
            except IndexCorrupt as exc:
                self._ix = None
                self.problem = str(exc)  # why there is no usable index, for the reader to say
        return self._ix

    def searcher(self):
        """A searcher on the last commit; reopened (never refreshed) when a writer committed."""
        with self._lock:
            return self._current_searcher()

    def _current_searcher(self):
        ix = self._open()
        if ix is None:
            return None
        s = self._searcher
        if s is not None:
            try:
                if s.up_to_date():
                    return s
            except Exception:
                pass
            s.close()
            self._searcher = None
            self._ix = None
            ix = self._open()
            if ix is None:
                return None
        self._searcher = ix.searcher()
        return self._searcher

    def _load_state(self) -> dict:
        """state.json when it matches the committed index; rebuilt from stored fields otherwise."""
        with self._lock:
            s = self._current_searcher()
            if s is None:
                return empty_state(None)
            generation = self._ix.latest_generation()
            folder = Path(self._ix.storage.folder).name
            # By folder too: a rebuild's first commit has the generation of the old folder's.
            if self._state is not None and (self._state.get("dir"), self._state.get("generation")) == (
                folder,
                generation,
            ):
                return self._state
            self._state = read_state(self._db, s, generation, folder)
            self._articles = None
            return self._state

    def root_table(self) -> dict[str, str]:
        """{token: corpus folder} of the index's file keys (roots.py), read again whenever the
        file changed (a moved corpus is re-linked there, with no new commit)."""
        try:
            st = (self.index_dir / roots_table.TABLE_NAME).stat()
            stamp: tuple = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            stamp = ()
        with self._lock:
            if self._table is None or self._table[0] != stamp or not stamp:
                self._table = (stamp, roots_table.read_table(self.index_dir))
            return self._table[1]

    def resolve(self, key: str) -> str:
        """The absolute path of the file an index key names."""
        return roots_table.resolve(key, self.root_table())

    def commit_stamp(self) -> str | None:
        """Names the last commit (its Whoosh folder and generation; None before the first): it
        changes whenever an update changes the index."""
        committed = self._committed()
        return None if committed is None else f"{committed[0]}:{committed[1]}"

    def _committed(self) -> tuple[str, int] | None:
        """(Whoosh folder, generation) of the last commit, from file names only (nothing opened)."""
        folder = store.current_name(self.index_dir)
        wdir = self.index_dir / folder
        if not wdir.is_dir():
            return None
        try:
            generation = whoosh_internals.latest_generation(str(wdir), store.INDEX_NAME)
        except OSError:
            return None
        return (folder, generation) if generation >= 0 else None

    def _db_rows(self, read):
        """`read(db)` when the state database describes the committed index, else None."""
        committed = self._committed()
        if committed is None:
            return None
        if not self._db.matches(self._db.meta(), store.SCHEMA_VERSION, *committed):
            return None
        rows = read(self._db)
        # The index may have been committed again while the rows were read: then do not trust them.
        return rows if rows is not None and self._committed() == committed else None

    def committed_version(self) -> tuple[str, int] | None:
        """What changes whenever any process commits this index (from file names only)."""
        return self._committed()

    def versions_stamp(self) -> int:
        """What changes whenever any process writes the chains of versions anew, with a commit
        of the index or without one (statedb.StateDB.versions_stamp)."""
        return self._db.versions_stamp()

    def freshness(self) -> dict:
        """A cheap look at whether the corpus changed since the last update (no file is read):
        {"indexed": bool, "changed": [folders whose contents changed, at most 20],
        "roots_changed": bool, "links_changed": the --follow-links the index was built with when
        it differs from this one's, else None, "rules_changed": whether the user's outlets.yaml
        changed since (an update rebuilds the index), "unknown": whether the index's state is
        unknown (no folders recorded, or written by another version of reader: update it before
        reading)}. Edits inside an existing file change no folder: `reader index` (or an update)
        finds those."""
        committed = self._committed()
        meta = self._db.meta() if committed is not None else None
        updating = lock.held_by_another(self.index_dir)
        if committed is None or meta is None:
            return {
                "indexed": committed is not None,
                "changed": [],
                "roots_changed": False,
                "links_changed": None,
                "rules_changed": False,
                "unknown": committed is not None,
                "updating": updating,
            }
        roots = [os.path.abspath(r) for r in self.roots]
        watched = self._db.watched() or {}
        # An index an older (or newer) reader wrote, or one whose state was not saved after its
        # last commit: its rows are not read (_db_rows), so it is as good as none until updated.
        described = self._db.matches(meta, store.SCHEMA_VERSION, *committed)
        built_with = bool(meta.get("follow_links"))
        return {
            "indexed": True,
            "changed": statedb.changed_paths(watched),
            # Compared where they lead: a folder named through a symbolic link (or `--corpus .`
            # inside one, which is its target) is the same corpus, and the same index folder.
            "roots_changed": _real(meta.get("roots") or []) != _real(roots),
            # An index built with --follow-links holds files from outside the corpus folders.
            "links_changed": built_with if built_with != bool(self.follow_links) else None,
            "rules_changed": not config.same_outlets_rules(meta.get("rules"), config.user_outlets_stamp()),
            "unknown": not watched or not described,
            "updating": updating,
        }

    def skipped(self) -> list[dict]:
        """Files the last update could not load, with the reason, as last recorded."""
        rows = self._db_rows(lambda db: db.skipped())
        if rows is not None:
            return rows
        state = self._load_state()
        from reader.index.problems import file_problems

        out = list(state.get("scan_skipped") or [])
        for key, entry in state["files"].items():
            out.extend(file_problems(entry.get("skipped") or [], self.resolve(key)))
        return out

    def skipped_count(self) -> int:
        """How many of skipped()'s files were not read (warnings left out), without resolving
        their paths: what a command that only counts them reads."""
        count = self._db_rows(lambda db: db.skipped_count())
        if count is not None:
            return count
        state = self._load_state()
        from reader.index.problems import not_read

        problems = list(state.get("scan_skipped") or [])
        for entry in state["files"].values():
            problems.extend(entry.get("skipped") or [])
        return not_read(problems)

    # -- reading --------------------------------------------------------------------------
    def articles(self) -> list[ArticleInfo]:
        with self._lock:
            committed = self._committed()
            table = self.root_table()  # a re-linked corpus (moved.py) changes it, not the commit
            if self._articles is not None and self._articles_key == (committed, table):
                return list(self._articles)
            rows = self._db_rows(lambda db: db.articles())
            if rows is None:  # no usable state database: the full state (read or rebuilt)
                rows = self._load_state()["articles"]
            rows = list(rows.values())
            spelled = outlet_spellings(d["outlet"] for d in rows)
            infos = _article_infos(rows, table, self._articles_read, spelled)
            _listed_order(infos)
            self._articles, self._articles_key = infos, (committed, table)
            self._articles_read, self._outlets_spelled = infos, spelled
            return list(self._articles)

    def shown_outlet(self, name: str | None) -> str | None:
        """`name` as the corpus's articles show its outlet (articles(): "nj.com", of an article
        named by its link, is "NJ.com" when a page of the site signs itself so)."""
        if not name:
            return name
        with self._lock:
            self.articles()  # (read once a commit)
            return self._outlets_spelled.get(outlet_key(name), name)

    def replacements(self):
        """The chains of versions as the last update stored them (Replacements), or None when
        the state database does not describe the committed index (then they are worked out from
        articles(): the deleted versions it remembered are not known)."""
        with self._lock:
            # Kept by the commit and the state database's stat: the chains are written again
            # without a commit too (statedb.versions_stamp), and a stat is cheap where reading
            # the count opens the database (five times the rest of a cached read). A write in
            # the tick of the file's clock the last one was in may leave its stat as it was:
            # till the file's time is a tick older than a read of the count, the count tells.
            key = (self._committed(), self._db.file_stamp())
            kept = self._replacements
            if kept is not None and kept.key == key:
                if key[1] is not None and key[1][0] < kept.counted_at - STATE_TICK_NS:
                    return kept.found
                counted_at = time.time_ns()
                if self._db.versions_stamp() == kept.count:
                    kept.counted_at = counted_at
                    return kept.found
            counted_at = time.time_ns()
            count = self._db.versions_stamp()  # before the rows: a write between reads them again
            rows = self._db_rows(lambda db: db.versions())
            if rows is None:
                return None
            from reader.index.article_versions import Replacements

            found = Replacements.from_rows(rows)
            self._replacements = _CachedChains(key, found, count, counted_at)
            return found

    def version_rows(self, ids: list[str]) -> list[tuple] | None:
        """The stored chains' rows of these articles (statedb.VERSION_COLUMNS; none for an article
        in no chain), or None as replacements() says."""
        return self._db_rows(lambda db: db.versions(ids))

    def _stored(self, article_id: str) -> dict | None:
        with self._lock:
            s = self._current_searcher()
            if s is None or not isinstance(article_id, str):
                return None
            try:
                return s.document(id=article_id)
            except Exception:
                return None

    def get(self, article_id: str) -> Article | None:
        stored = self._stored(article_id)
        if stored is None:
            return None
        from reader.corpus.model import Article

        art = store.article_from_stored(stored)
        path = Path(self.resolve(art["path"]))
        outlet = self.shown_outlet(art["outlet"])  # as the article lists name it
        return Article(**{**art, "outlet": outlet, "path": path, "inferred": frozenset(art["inferred"])})

    def file_hash(self, article_id: str) -> str | None:
        """The content hash of the file `article_id` was read from, as it was indexed
        (store.content_hash: the file's bytes and its folder's corpus.yaml), or None."""
        stored = self._stored(article_id)
        meta = (stored or {}).get("meta") or {}
        digest = meta.get("hash")
        return digest if isinstance(digest, str) else None

    def quotes(self, article_id: str):
        stored = self._stored(article_id)
        if stored is None:
            return None
        data = json.loads(stored.get("quotes_json") or "[]")
        from reader.analysis.quotes import Quote

        return [Quote.from_dict(d) for d in data]

    def stories(self):
        """The committed stories, in a list of the caller's own: `_stories_read` stays private,
        so a caller that sorts, filters or appends to its list does not change which objects
        the next read shares (an emptied list made it build every story again, beside the old)."""
        from reader.analysis.stories import Story

        with self._lock:
            rows = self._db_rows(lambda db: db.stories())
            if rows is None:
                rows = self._load_state()["stories"]
            kept = {story.id: story for story in self._stories_read}  # as articles(): unchanged, the same objects
            stories = []
            for d in rows:
                same = kept.get(d["id"])
                if same is not None and same.label == d["label"] and same.articles == d["articles"]:
                    stories.append(same)
                else:
                    stories.append(Story(id=d["id"], label=d["label"], articles=list(d["articles"])))
            self._stories_read = stories
        return list(stories)

    def grouped_stories_of(self, ids: list[str]):
        """The grouping's stories with these ids (Story; every story that has one), or None when
        the state database does not describe the committed index."""
        from reader.analysis.stories import Story

        rows = self._db_rows(lambda db: db.grouped_stories_of(ids))
        if rows is None:
            return None
        return [Story(id=d["id"], label=d["label"], articles=list(d["articles"])) for d in rows]

    def articles_of(self, ids: list[str]) -> list[ArticleInfo] | None:
        """ArticleInfo of those of these ids the index holds (in no order), or None as
        grouped_stories_of() says: a few rows, not every article's."""
        with self._lock:
            table = self.root_table()
            rows = self._db_rows(lambda db: db.article_rows(ids))
        if rows is None:
            return None
        return _article_infos(
            (dict(zip(statedb.ARTICLE_COLUMNS, row)) for row in rows.values()),
            table,
            self._articles_read,
            self._outlets_spelled,  # the last articles()'s: a few rows do not tell the corpus's spellings
        )

    def search(
        self,
        query: str,
        limit: int | None = 20,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sort: str = "relevance",
        story: str | None = None,
        offset: int = 0,
        listing: str = "reader list",
        unfinished: bool = False,
        open_quote_as_words: bool = False,
        cut_passages: bool = True,
        rewritten_stems: bool = True,
    ):
        """run_search; `listing` is the command that lists the corpus's articles, as a hint names
        it (with the --corpus the search ran with); `unfinished`: the query is being typed;
        `open_quote_as_words`: a quotation mark left open is read as a space (the app's paste);
        `cut_passages` and `rewritten_stems` as run_search's (a word typed key by key, the next
        page of a word read as begun)."""
        from reader.index.search import run_search

        with self._lock:
            results = run_search(
                self,
                query,
                limit=limit,
                outlet=outlet,
                since=since,
                until=until,
                sort=sort,
                story=story,
                offset=offset,
                listing=listing,
                unfinished=unfinished,
                open_quote_as_words=open_quote_as_words,
                cut_passages=cut_passages,
                rewritten_stems=rewritten_stems,
            )
            for hit in results.hits:  # each outlet by the one name the article lists give it
                hit.outlet = self.shown_outlet(hit.outlet)
            return results

    def match_ranges(self, article_id: str, query: str) -> list[tuple[int, int]]:
        from reader.index.search import article_match_ranges

        with self._lock:
            return article_match_ranges(self, article_id, query)

    def damage(self) -> str | None:
        """Why the committed index is damaged (every byte checked against its checksums), or None."""
        with self._lock:
            ix = self._open()
            if ix is None:
                return None
            try:
                return checksums.damage(self.index_dir, ix, full=True)
            except Exception as exc:
                return f"it cannot be checked ({type(exc).__name__})"

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix = None

    # -- updating -------------------------------------------------------------------------
    def update(
        self,
        progress: Callable[[int, int, str], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        rebuild: bool = False,
        thorough: bool = False,
        prescan: Scan | None = None,
        retry_grouping: bool = False,
    ) -> IndexReport:
        """Bring the index up to date; `thorough` checks every byte of it for damage first.
        A build whose stories' grouping died twice for memory is not tried again on the same
        corpus and machine (GroupingFailedBefore, grouping_memo.py) unless `retry_grouping`.
        When nothing changed, that is found without opening the index (noop.py); `prescan` is
        the corpus scan such a check made already (then it is not made again)."""
        from reader.index.update import IndexUpdate

        started = time.perf_counter()
        progress = progress or (lambda d, t, m: None)
        if prescan is None and not rebuild:
            from reader.index import noop

            quick, prescan = noop.check(
                self.roots,
                self.index_dir,
                self.follow_links,
                self.lock_timeout,
                thorough,
                progress,
                self.version_links,
                cancel,
            )
            if quick is not None:
                return self._sweep_abandoned(quick)
        report = IndexReport()
        held = lock.acquire(self.index_dir, self.lock_timeout, progress)
        try:
            self._db = statedb.StateDB(self.index_dir)  # forget rows read before the lock was taken
            from reader.corpus import folder_charset

            folder_charset.forget()  # (an app's update reads the folders as a fresh `reader index` does)
            since = self.commit_stamp()
            IndexUpdate(self, report, progress, cancel or (lambda: False), prescan, retry_grouping).run(
                rebuild, thorough
            )
            if report.rewritten is not None:  # from the commit before to this one, under the lock
                report.rewritten = replace(report.rewritten, since=since, commit=self.commit_stamp())
        finally:
            lock.release(held)
        self._sweep_abandoned(report)
        report.seconds = time.perf_counter() - started
        return report

    def _sweep_abandoned(self, report: IndexReport) -> IndexReport:
        """Delete what interrupted first builds of other index folders kept and no build can use
        (resume.sweep_abandoned), and say so in the report's notice."""
        if report.cancelled:
            return report
        from reader.index import resume

        removed = resume.sweep_abandoned(config.cache_dir() / "indexes", skip=self.index_dir)
        if removed:
            report.resume_removed = removed
            said = resume.removed_notice(removed)
            report.notice = f"{report.notice}; {said}" if report.notice else said
        return report

    def _remember_state(self, state: dict, replace: bool = True) -> None:
        """An update's state, for the readers (`replace=False`: only when none is held). Not
        kept when the state database describes the committed index: the readers read its rows,
        and the whole state (every file's entry, article and story: ~150 MB at 50,000 articles)
        sat in a long-running process (the app) for nothing, with the next update's beside it.
        Nor is a rebuild's, saved before its folder becomes the active one: stopped in between
        (ctrl+c, a full disk), the folder is deleted, and its state described no commit."""
        with self._lock:
            if replace:
                self._articles = None
            if state.get("dir") != store.current_name(self.index_dir):
                return  # a rebuild's folder, not active yet: read again once it is (_reopen)
            # Nor one that holds only the rows the update changed (update.py: read by key).
            # Nor one whose stories are only the update's changes (statedb.StoryChanges).
            if (
                "articles" not in state
                or not isinstance(dict.get(state, "stories"), list)
                or self._db_rows(lambda db: True)
            ):
                if replace:
                    self._state = None
            elif replace or self._state is None:
                self._state = state

    def _reopen(self) -> None:
        """After a rebuild was activated: read everything again from the new folder."""
        with self._lock:
            self.close()
            self._state = None
            self._articles = None


def _real(roots) -> list[str]:
    """The folders `roots` name, symbolic links followed, in order (as default_index_dir names them)."""
    return sorted(os.path.realpath(root) for root in roots if isinstance(root, str))


def _listed_order(infos: list[ArticleInfo]) -> None:
    """`infos` by outlet (case aside), then day, undated last (of one day, the fetched in the order
    they came: listing.listed_day_key), then id: three stable sorts by one string each, as fast as the sort
    by (outlet, day, id) tuples that ignored the fetch time, where a tuple with it was half again
    slower (bench/bench_same_day_order.py)."""
    from reader.listing import listed_day_key

    infos.sort(key=attrgetter("id"))
    infos.sort(key=listed_day_key)
    infos.sort(key=lambda a: (a.outlet or "").casefold())


def _article_infos(
    rows: Iterable[dict], table: dict[str, str], before: list[ArticleInfo], spelled: dict[str, str]
) -> list[ArticleInfo]:
    """ArticleInfo of the state database's rows: those unchanged since `before` (the last list
    read) are its very objects, and the rest share one string per outlet, date, time, author and
    story (each row read its own copy of them), an outlet its rows spell two ways by the one
    `spelled` gives (decode.outlet_spellings: "nj.com", of an article named by its link, as its
    site's page signs it, "NJ.com"). A list read after an update is then mostly the
    one it replaces: a reader holding both (the app, until it shows the new one) holds one list's
    worth, not two, and the allocator is not left with two lists' worth of scattered pages."""
    kept = {info.id: info for info in before}
    shared: dict[str, str] = {}

    def one(value):
        return value if value is None else shared.setdefault(value, value)

    def outlet(name):
        return one(spelled.get(outlet_key(name), name) if spelled and name else name)

    infos = []
    for d in rows:
        info = ArticleInfo(
            d["id"],
            outlet(d["outlet"]),
            d["title"],
            one(d["date"]),
            d["url"],
            one(d["story"]),
            roots_table.resolve(d["path"] or "", table),
            one(d.get("author")),
            one(d.get("time")),
            d.get("previous"),
            d.get("fetched"),
        )
        same = kept.get(info.id)
        infos.append(same if same is not None and same == info else info)
    return infos
