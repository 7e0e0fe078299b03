"""CorpusIndex: the incremental, crash-safe index of a corpus (no UI imports).

Layout of an index folder:
    reader.lock   flock held by the one process that updates the index
    state.sqlite  per-file signatures, article metadata, stories and the watched corpus folders,
                  for the TOC generation it names (see statedb.py; state.json in older versions)
    stories.json  corpus statistics (document frequencies) of the articles' story records, for the
                  same generation: with it, an update re-clusters only the stories it touches
    whoosh/       the Whoosh index (schema version inside; commits are all-or-nothing)

The state is written after each commit; when its generation does not match the index (a process
killed between the two), it is rebuilt from the stored fields, which are the source of truth.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Callable, Mapping

from reader.index import checksums, statedb, store
from reader.index.store import IndexCorrupt

if TYPE_CHECKING:
    from reader.corpus.model import Article

STATE_NAME = "state.json"  # the state before state.sqlite: read no more, removed at the next update
STORIES_NAME = "stories.json"  # corpus statistics of the story records, for incremental grouping
LOCK_NAME = "reader.lock"
MANIFEST_NAME = "corpus.yaml"
# Below this many files to load, work in-process: spawning workers costs more than it saves.
PARALLEL_MIN_FILES = 200
LOAD_CHUNK = 64
# Merge small segments only when there are more than this many (not on every small update).
MAX_SEGMENTS = 8


class IndexBusy(Exception):
    """Another process holds the index's write lock."""


class IndexFailure(Exception):
    """The update could not complete (a worker died, counts disagree); nothing was committed
    or the index is left for the next run to repair."""


class IndexLocationError(Exception):
    """The index folder is unusable as given (inside the corpus, not ours, not writable)."""


class IndexNotWritable(IndexLocationError):
    """The index folder cannot be written (a read-only mount, no permission): it can still be read."""


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

    @property
    def changed(self) -> bool:
        return bool(self.indexed or self.updated or self.removed)

    def to_dict(self) -> dict:
        out = {
            "indexed": self.indexed,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": list(self.skipped),
            "seconds": round(self.seconds, 3),
        }
        if self.notice:
            out["notice"] = self.notice
        if self.cancelled:
            out["cancelled"] = True
        return out


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    outlet: str | None
    title: str | None
    date: str | None
    url: str | None
    story: str | None
    path: str

    def to_dict(self) -> dict:
        return {"id": self.id, "outlet": self.outlet, "title": self.title, "date": self.date,
                "url": self.url, "story": self.story, "path": self.path}


def _story_dict(story) -> dict:
    if hasattr(story, "to_dict"):
        data = dict(story.to_dict())
    else:
        data = {"id": story.id, "label": story.label, "articles": story.articles}
    data["articles"] = [a if isinstance(a, str) else a.id for a in data.get("articles", [])]
    data["id"] = str(data["id"])
    data["label"] = str(data.get("label") or "")
    return data


def _cluster_records(records: list[dict]):
    """(stories, corpus statistics) of every article's story record: the full grouping."""
    from reader.analysis.stories import StoryStats, cluster_stories

    return [_story_dict(s) for s in cluster_stories(records)], StoryStats.from_records(records)


class _LazyRecords(Mapping):
    """Every current article's story record; unchanged ones read from the index on demand."""

    def __init__(self, unchanged: list[str], new: dict, new_ids: list[str], read):
        self._ids = list(unchanged) + [a for a in new_ids]
        self._new = new
        self._read = read

    def __getitem__(self, aid: str) -> dict:
        hit = self._new.get(aid)
        if hit is not None:
            return hit
        return self._read(aid)

    def __iter__(self):
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def _parse_features(text: str | None, aid: str) -> dict | None:
    """A stored feature record (JSON) when it is this article's, else None."""
    if not text:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    return record if isinstance(record, dict) and record.get("id") == aid else None


def _metadata_stories(arts: list) -> list[dict]:
    """The story given by metadata, else one story per article (no clustering)."""
    groups: dict[str, list] = {}
    for art in arts:
        groups.setdefault(art.story or art.id, []).append(art)
    return [{"id": key, "label": members[0].title or key, "articles": [m.id for m in members]}
            for key, members in groups.items()]


def _stop(executor) -> None:
    """Shut a pool down; on cancel or error, do not wait for a running task to finish."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(5)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


class CorpusIndex:
    lock_timeout = 3.0  # seconds to wait for another writer before giving up

    def __init__(self, roots: list[Path], index_dir: Path, workers: int | None = None,
                 loader: str = "reader.corpus:load_file", quotes: bool = True,
                 stories: bool = True, follow_links: bool = False):
        """`loader` ("module:function", like reader.corpus.load_file), `quotes` and `stories`
        exist for benchmarks and tests; the application uses the defaults. `follow_links`
        follows symbolic links out of the corpus roots (see reader.corpus.discover)."""
        self.roots = [Path(r) for r in roots]
        self.index_dir = Path(index_dir)
        resolved = self.index_dir.resolve()
        for root in self.roots:
            if _inside(resolved, root.resolve()):
                raise IndexLocationError(
                    f"the index folder {self.index_dir} is inside the corpus {root}; "
                    "choose one outside it (--index DIR)"
                )
        self.workers = workers or max(1, min(os.cpu_count() or 1, 4))
        self.follow_links = follow_links
        self.loader = loader
        self.find_quotes = quotes
        self.group_stories = stories
        self._ix = None
        self.problem: str | None = None
        self._searcher = None
        self._state: dict | None = None
        self._articles: list[ArticleInfo] | None = None
        self._articles_key = None  # the (folder, generation) self._articles describes
        self._db = statedb.StateDB(self.index_dir)
        self._scan_watch: dict[str, int] = {}  # corpus folders' mtimes seen by the last scan
        self._scan_skipped: list[dict] = []
        self._pool = None
        self._building = None
        self._wdir = None
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
                return {"generation": None, "files": {}, "articles": {}, "stories": []}
            generation = self._ix.latest_generation()
            if self._state is not None and self._state.get("generation") == generation:
                return self._state
            self._state = self._read_state(s, generation, Path(self._ix.storage.folder).name)
            self._articles = None
            return self._state

    def _read_state(self, s, generation, folder: str) -> dict:
        state = self._db.load_for_update(store.SCHEMA_VERSION, folder, generation)
        if state is None:
            state = self._state_from_index(s, generation)
            state["dir"] = folder
        return state

    def _committed(self) -> tuple[str, int] | None:
        """(Whoosh folder, generation) of the last commit, from file names only (nothing opened)."""
        from whoosh.filedb.filestore import FileStorage
        from whoosh.index import TOC

        folder = store.current_name(self.index_dir)
        wdir = self.index_dir / folder
        if not wdir.is_dir():
            return None
        try:
            generation = TOC._latest_generation(FileStorage(str(wdir), readonly=True), store.INDEX_NAME)
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

    def freshness(self) -> dict:
        """A cheap look at whether the corpus changed since the last update (no file is read):
        {"indexed": bool, "changed": [folders whose contents changed, at most 20],
        "roots_changed": bool}. Edits inside an existing file change no folder: `reader index`
        (or an update) finds those."""
        committed = self._committed()
        meta = self._db.meta() if committed is not None else None
        updating = self._update_in_progress()
        if committed is None or meta is None:
            return {"indexed": committed is not None, "changed": [], "roots_changed": False,
                    "unknown": committed is not None, "updating": updating}
        roots = [os.path.abspath(r) for r in self.roots]
        watched = self._db.watched() or {}
        return {"indexed": True, "changed": statedb.changed_paths(watched),
                "roots_changed": sorted(meta.get("roots") or []) != sorted(roots),
                "unknown": not watched, "updating": updating}

    def _update_in_progress(self) -> bool:
        """Whether another process holds the write lock now (it is updating the index)."""
        try:
            fh = open(self.index_dir / LOCK_NAME, "rb")
        except OSError:
            return False
        with fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(fh, fcntl.LOCK_UN)
            return False

    def skipped(self) -> list[dict]:
        """Files the last update could not load, with the reason, as last recorded."""
        rows = self._db_rows(lambda db: db.skipped())
        if rows is not None:
            return rows
        state = self._load_state()
        out = list(state.get("scan_skipped") or [])
        for entry in state["files"].values():
            out.extend(entry.get("skipped") or [])
        return out

    def _state_from_index(self, s, generation) -> dict:
        files: dict[str, dict] = {}
        articles: dict[str, dict] = {}
        members: dict[str, list[str]] = {}
        reader = s.reader()
        for docnum in reader.all_doc_ids():
            stored = reader.stored_fields(docnum)
            meta = stored.get("meta") or {}
            entry = files.setdefault(stored["file"], {
                "size": meta.get("size"), "mtime_ns": meta.get("mtime_ns"),
                "hash": meta.get("hash"), "ids": [], "skipped": []})
            entry["ids"].append(stored["id"])
            articles[stored["id"]] = self._info_dict(stored)
            if stored.get("story"):
                members.setdefault(stored["story"], []).append(stored["id"])
        stories = [{"id": sid, "label": articles[ids[0]]["title"] or sid, "articles": ids}
                   for sid, ids in members.items()]
        return {"schema": store.SCHEMA_VERSION, "generation": generation, "files": files,
                "articles": articles, "stories": stories, "from_index": True}

    @staticmethod
    def _info_dict(stored: dict) -> dict:
        return {"id": stored["id"], "outlet": stored.get("outlet_id"), "title": stored.get("title"),
                "date": stored.get("date"), "url": stored.get("url"), "story": stored.get("story"),
                "path": (stored.get("meta") or {}).get("path", "")}

    # -- reading --------------------------------------------------------------------------
    def articles(self) -> list[ArticleInfo]:
        with self._lock:
            committed = self._committed()
            if self._articles is not None and self._articles_key == committed:
                return list(self._articles)
            rows = self._db_rows(lambda db: db.articles())
            if rows is None:  # no usable state database: the full state (read or rebuilt)
                rows = self._load_state()["articles"]
            infos = [ArticleInfo(**d) for d in rows.values()]
            infos.sort(key=lambda a: ((a.outlet or "").casefold(), a.date or "", a.id))
            self._articles, self._articles_key = infos, committed
            return list(self._articles)

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

        meta = stored.get("meta") or {}
        return Article(
            id=stored["id"], path=Path(meta.get("path", "")), text=stored.get("body") or "",
            title=stored.get("title"), outlet=stored.get("outlet_id"), date=stored.get("date"),
            url=stored.get("url"), author=stored.get("author"), story=stored.get("story"),
            inferred=frozenset(meta.get("inferred") or ()),
        )

    def quotes(self, article_id: str):
        stored = self._stored(article_id)
        if stored is None:
            return None
        data = json.loads(stored.get("quotes_json") or "[]")
        from reader.analysis.quotes import Quote

        return [Quote.from_dict(d) for d in data]

    def stories(self):
        with self._lock:
            rows = self._db_rows(lambda db: db.stories())
            if rows is None:
                rows = self._load_state()["stories"]
        from reader.analysis.stories import Story

        return [Story(id=d["id"], label=d["label"], articles=list(d["articles"])) for d in rows]

    def search(self, query: str, limit: int = 20, outlet: str | None = None,
               since: str | None = None, until: str | None = None, sort: str = "relevance",
               story: str | None = None):
        from reader.index.search import run_search

        with self._lock:
            return run_search(self, query, limit=limit, outlet=outlet, since=since, until=until,
                              sort=sort, story=story)

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

    # -- the lock -------------------------------------------------------------------------
    def _acquire_lock(self, timeout: float):
        from reader.index.ownership import NotAnIndexFolder, claim

        try:
            claim(self.index_dir)  # never write into a folder that is not ours
        except NotAnIndexFolder as exc:
            raise IndexLocationError(str(exc)) from None
        except OSError as exc:
            raise IndexNotWritable(
                f"cannot write the index folder {self.index_dir}: {exc.strerror or exc}") from exc
        try:
            fh = open(self.index_dir / LOCK_NAME, "a+")
        except OSError as exc:
            raise IndexNotWritable(
                f"cannot write the index folder {self.index_dir}: {exc.strerror or exc}") from exc
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fh
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.close()
                    raise IndexBusy(
                        f"another reader process is updating the index in {self.index_dir}; "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.05)

    # -- updating -------------------------------------------------------------------------
    def _scan(self, report: IndexReport) -> dict[str, tuple[str, str, int, int]]:
        """{file key: (path, root, size, mtime_ns)} of every article file in the corpus."""
        from reader.corpus import discover

        found: dict[str, tuple[str, str, int, int]] = {}
        manifests: dict[str, tuple[int, int]] = {}
        # Folders (and corpus.yaml files) with their mtimes, for the readers' cheap change check.
        watch: dict[str, int] = {}
        self._scan_skipped = []
        for root in self.roots:
            top = os.path.abspath(root)
            watch.update(statedb.folder_signatures([top]))
            for item in discover(root, self.follow_links):
                if not isinstance(item, Path):
                    report.skipped.append(item.to_dict())
                    self._scan_skipped.append(item.to_dict())
                    continue
                path = os.fspath(item)
                try:
                    st = os.stat(path)
                except OSError as exc:
                    report.skipped.append({"path": path, "reason": f"cannot read: {exc.strerror}"})
                    continue
                key = os.path.abspath(path)
                # The folder's corpus.yaml is part of each file's metadata: fold it into the signature.
                folder = os.path.dirname(key)
                if folder not in manifests:
                    try:
                        mst = os.stat(os.path.join(folder, MANIFEST_NAME))
                        manifests[folder] = (mst.st_size, mst.st_mtime_ns)
                        watch[os.path.join(folder, MANIFEST_NAME)] = mst.st_mtime_ns
                    except OSError:
                        manifests[folder] = (0, 0)
                    parent = folder
                    while parent not in watch and len(parent) > len(top):
                        watch.update(statedb.folder_signatures([parent]))
                        parent = os.path.dirname(parent)
                msize, mtime = manifests[folder]
                found[key] = (path, str(root), st.st_size * 1_000_003 + msize,
                              st.st_mtime_ns ^ (mtime * 31))
        self._scan_watch = watch
        return found

    @staticmethod
    def _content_hash(path: str) -> str | None:
        try:
            return store.content_hash(Path(path))
        except OSError:
            return None

    def update(self, progress: Callable[[int, int, str], None] | None = None,
               cancel: Callable[[], bool] | None = None, rebuild: bool = False,
               thorough: bool = False) -> IndexReport:
        """Bring the index up to date; `thorough` checks every byte of it for damage first."""
        started = time.perf_counter()
        report = IndexReport()
        lock = self._acquire_lock(self.lock_timeout)
        try:
            self._update_locked(report, progress or (lambda d, t, m: None),
                                cancel or (lambda: False), rebuild, thorough)
        finally:
            self._stop_pool()
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
        report.seconds = time.perf_counter() - started
        return report

    def _update_locked(self, report: IndexReport, progress, cancel, rebuild: bool,
                       thorough: bool = False) -> None:
        self._db = statedb.StateDB(self.index_dir)  # forget rows read before the lock was taken
        ix = None
        fresh = None  # the name of a new Whoosh folder being built, until it is activated
        if rebuild:
            report.notice = "index rebuilt from scratch (--rebuild)"
        else:
            try:
                ix = store.open_existing(self.index_dir, full=thorough)
            except IndexCorrupt as exc:
                report.notice = f"index rebuilt: {exc}"
        store.remove_inactive(self.index_dir)
        if ix is None:
            # Build a new index beside the old one; readers keep the old until it is complete.
            ix, fresh = store.create_fresh(self.index_dir)
            state = {"generation": 0, "files": {}, "articles": {}, "stories": []}
        else:
            with ix.searcher() as s:
                state = self._read_state(s, ix.latest_generation(), Path(ix.storage.folder).name)
        self._building = fresh
        self._wdir = Path(ix.storage.folder)
        try:
            self._update_into(ix, state, report, progress, cancel)
            if fresh is not None and not report.cancelled:
                store.activate(self.index_dir, fresh)
        except BaseException:
            # A failed update (disk full, a bug) leaves nothing behind; the last commit stays.
            if fresh is not None and store.current_name(self.index_dir) != fresh:
                shutil.rmtree(self.index_dir / fresh, ignore_errors=True)
            else:
                store.clean_unreferenced(self._wdir)
            raise
        finally:
            self._building = None
        if fresh is not None and not report.cancelled:
            with self._lock:
                self.close()
                self._state = None
                self._articles = None
        elif fresh is not None:
            shutil.rmtree(self.index_dir / fresh, ignore_errors=True)
        else:
            if report.cancelled:
                store.clean_unreferenced(self._wdir)
            with self._lock:
                if self._state is None:
                    # Keep what was just read: _load_state checks its generation before using it,
                    # and the next articles() call need not parse state.json again.
                    self._state = state

    def _update_into(self, ix, state: dict, report: IndexReport, progress, cancel) -> None:
        old_files: dict[str, dict] = state["files"]

        progress(0, 0, "scanning the corpus")
        found = self._scan(report)
        jobs = []  # (key, path, root, size, mtime_ns, hash or None)
        unchanged_keys = []
        touched = False
        for key, (path, root, size, mtime) in found.items():
            old = old_files.get(key)
            if old is not None and old.get("size") == size and old.get("mtime_ns") == mtime:
                unchanged_keys.append(key)
                continue
            if old is not None:
                digest = self._content_hash(path)
                if digest is not None and digest == old.get("hash"):
                    old["size"], old["mtime_ns"] = size, mtime  # touched, not changed
                    touched = True
                    unchanged_keys.append(key)
                    continue
                jobs.append((key, path, root, size, mtime, digest))
            else:
                jobs.append((key, path, root, size, mtime, None))
        removed_keys = [k for k in old_files if k not in found]
        for key in unchanged_keys:
            report.skipped.extend(old_files[key].get("skipped") or [])

        records = self._load(jobs, progress, cancel)
        if records is None:
            report.cancelled = True
            return

        # Decide ids: an id already kept (unchanged file or earlier in this run) wins.
        kept_ids: dict[str, str] = {}
        for key in unchanged_keys:
            for aid in old_files[key]["ids"]:
                kept_ids[aid] = key
        new_articles: list[dict] = []
        new_quotes: dict[str, list] = {}
        new_features: dict[str, dict | None] = {}
        file_entries: dict[str, dict] = {}
        for rec in sorted(records, key=lambda r: r["key"]):
            ids = []
            for art in rec["articles"]:
                problem = store.unwritable(art, rec["quotes"].get(art["id"]),
                                           (rec.get("features") or {}).get(art["id"]))
                if problem:  # one bad article must not fail the whole update
                    report.skipped.append({"path": art["path"], "reason": f"not indexed: {problem}"})
                    continue
                if art["id"] in kept_ids:
                    report.skipped.append({
                        "path": art["path"],
                        "reason": f"same id {art['id']!r} as another file (ids are paths without "
                                  "the extension); rename one of them"})
                    continue
                kept_ids[art["id"]] = rec["key"]
                ids.append(art["id"])
                new_articles.append(art)
                new_quotes[art["id"]] = rec["quotes"].get(art["id"], [])
                new_features[art["id"]] = (rec.get("features") or {}).get(art["id"])
            file_entries[rec["key"]] = {"size": rec["size"], "mtime_ns": rec["mtime_ns"],
                                        "hash": rec["hash"], "ids": ids, "skipped": rec["skipped"]}
            report.skipped.extend(rec["skipped"])

        old_ids_of = {k: set(old_files[k]["ids"]) for k in list(file_entries) + removed_keys
                      if k in old_files}
        previously = set().union(*old_ids_of.values()) if old_ids_of else set()
        now_ids = {a["id"] for a in new_articles}
        report.updated = len(now_ids & previously)
        report.indexed = len(now_ids - previously)
        report.removed = len(previously - now_ids)
        report.unchanged = sum(len(old_files[k]["ids"]) for k in unchanged_keys)

        if not report.changed:
            # No article changed: only remember new signatures (touched files, skipped files).
            if touched or removed_keys or file_entries or state.get("from_index") \
                    or self._db.meta() is None or self._scan_watch != self._db.watched() \
                    or self._scan_skipped != state.get("scan_skipped"):
                for key in removed_keys:
                    del old_files[key]
                old_files.update(file_entries)
                self._write_state(state, ix)
            return
        if cancel():
            report.cancelled = True
            return

        # Stories over the whole corpus as it will be after this update.
        progress(0, 0, "grouping stories")
        stale_keys = set(file_entries) | set(removed_keys)
        stats = None
        if self.group_stories:
            stale_ids = {aid for k in stale_keys if k in old_files for aid in old_files[k]["ids"]}
            for art in new_articles:  # records a worker could not compute: here, from the text
                if new_features.get(art["id"]) is None:
                    new_features[art["id"]] = self._features_here(art, new_quotes[art["id"]])
            grouped = self._stories_incrementally(ix, state, stale_ids, new_articles, new_features)
            if grouped is not None:
                stories, stats, unchanged_stored = grouped
                unchanged_infos = {aid: dict(info) for aid, info in state["articles"].items()
                                   if aid not in stale_ids}
            else:
                # Every record is read back from the index (no text is analysed again).
                unchanged_stored = self._unchanged_documents(ix, stale_keys)
                unchanged_infos = {d["id"]: self._info_dict(d) for d in unchanged_stored}
                records = [self._stored_features(d) for d in unchanged_stored]
                records += [new_features[a["id"]] for a in new_articles]
                stories, stats = _cluster_records(records)
        else:
            # Stories from metadata only: unchanged articles keep theirs, nothing is read back.
            stale_ids = {aid for k in stale_keys if k in old_files for aid in old_files[k]["ids"]}
            unchanged_stored = []
            unchanged_infos = {aid: dict(info) for aid, info in state["articles"].items()
                               if aid not in stale_ids}
            arts = [SimpleNamespace(id=aid, title=info.get("title"), story=info.get("story"))
                    for aid, info in unchanged_infos.items()]
            arts += [SimpleNamespace(id=a["id"], title=a["title"], story=a["story"]) for a in new_articles]
            stories = _metadata_stories(arts)
        story_of = {aid: s["id"] for s in stories for aid in s["articles"]}

        if cancel():
            report.cancelled = True
            return
        docs = []
        for art in new_articles:
            key = kept_ids[art["id"]]
            meta = dict(file_entries[key], key=key)
            docs.append(store.make_document(art, new_quotes[art["id"]], story_of.get(art["id"]), meta,
                                            new_features.get(art["id"])))
        restory = [store.document_from_stored(d, story_of.get(d["id"]))
                   for d in unchanged_stored if d.get("story") != story_of.get(d["id"])]
        if not self._write(ix, stale_keys, docs, restory, progress, cancel):
            report.cancelled = True
            return

        files = {k: v for k, v in old_files.items() if k not in stale_keys}
        files.update(file_entries)
        articles = unchanged_infos
        for doc in docs:
            articles[doc["id"]] = self._info_dict(self._doc_as_stored(doc))
        for aid, info in articles.items():
            info["story"] = story_of.get(aid)
        state = {"schema": store.SCHEMA_VERSION, "generation": None, "files": files,
                 "articles": articles, "stories": stories}
        ix = store.open_unchecked(self._wdir)
        expected = len(articles)
        if ix.doc_count() != expected:  # from the table of contents: no segment is opened
            raise IndexFailure(
                f"the index holds {ix.doc_count()} articles, expected {expected}; "
                "run `reader index --rebuild`")
        state["generation"] = ix.latest_generation()
        self._write_state(state, ix, {doc["id"]: doc["story_features"] for doc in docs
                                      if isinstance(doc.get("story_features"), str)})
        if stats is not None:
            self._write_story_stats(stats, state)
        with self._lock:
            self._state = state
            self._articles = None

    @staticmethod
    def _doc_as_stored(doc: dict) -> dict:
        out = dict(doc)
        out["outlet_id"] = doc.get("_stored_outlet_id")
        return out

    def _write_state(self, state: dict, ix, features: dict[str, str] | None = None) -> None:
        state.pop("from_index", None)
        state["generation"] = ix.latest_generation()
        state["dir"] = Path(ix.storage.folder).name
        state["schema"] = store.SCHEMA_VERSION
        state["roots"] = [os.path.abspath(r) for r in self.roots]
        state["scan_skipped"] = list(self._scan_skipped)
        self._db.save(state, self._scan_watch, features)
        (self.index_dir / STATE_NAME).unlink(missing_ok=True)  # an older version's state file
        checksums.record(self.index_dir, ix)  # to detect damage to the committed files later

    # -- stories ----------------------------------------------------------------------------
    @staticmethod
    def _features_here(art: dict, quotes: list) -> dict:
        try:
            record = store.story_features_dict(art, quotes)
        except Exception:
            record = None
        if record is None:  # an empty record: the article stays a story of its own
            record = {"id": art["id"], "outlet": None, "date": None, "title": art.get("title") or "",
                      "story": None, "words": {}, "names": {}, "shingles": [], "lead": art["id"]}
        return record

    @staticmethod
    def _stored_features(stored: dict) -> dict:
        """The stored story record of a document (recomputed from its text when missing)."""
        try:
            record = json.loads(stored.get("story_features") or "null")
        except ValueError:
            record = None
        if isinstance(record, dict) and record.get("id") == stored["id"]:
            return record
        art = {"id": stored["id"], "outlet": stored.get("outlet_id"), "date": stored.get("date"),
               "title": stored.get("title"), "text": stored.get("body") or "", "story": None}
        return store.story_features_dict(art, json.loads(stored.get("quotes_json") or "[]")) or \
            {"id": stored["id"], "words": {}, "names": {}, "shingles": []}

    def _read_story_stats(self, state: dict) -> dict | None:
        try:
            with open(self.index_dir / STORIES_NAME, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError, RecursionError):
            return None
        from reader.analysis.stories import FEATURES_VERSION

        if (not isinstance(data, dict) or data.get("features") != FEATURES_VERSION
                or data.get("schema") != store.SCHEMA_VERSION
                or data.get("generation") != state.get("generation") or data.get("dir") != state.get("dir")
                or not isinstance(data.get("stats"), dict)):
            return None
        return data["stats"]

    def _write_story_stats(self, stats, state: dict) -> None:
        from reader.analysis.stories import FEATURES_VERSION

        store.atomic_write_json(self.index_dir / STORIES_NAME, {
            "features": FEATURES_VERSION, "schema": store.SCHEMA_VERSION,
            "generation": state["generation"], "dir": state["dir"], "stats": stats.to_dict()})

    def _stories_incrementally(self, ix, state: dict, stale_ids: set[str], new_articles: list[dict],
                               new_features: dict):
        """(stories, stats, read_back) from the stored stories, corpus statistics and records,
        re-clustering only the region the change touches; None when the stored state cannot be
        trusted for that (first build, an older or interrupted index): then group everything."""
        from reader.analysis.stories import StoryStats, update_stories

        if state.get("from_index") or not state.get("articles") or not state.get("stories"):
            return None
        data = self._read_story_stats(state)
        if data is None:
            return None
        try:
            stats = StoryStats.from_dict(data)
        except (KeyError, TypeError, ValueError):
            return None
        if stats.n_docs != len(state["articles"]):
            return None
        searcher = ix.searcher()
        lookup, close_lookup = self._db.feature_lookup()
        try:
            reader = searcher.reader()

            def stored(aid: str) -> dict | None:
                # The id's live document (a deleted older version is skipped by first_id).
                try:
                    return reader.stored_fields(reader.first_id("id", aid))
                except Exception:
                    return None

            cache: dict[str, dict] = {}

            def record(aid: str) -> dict:
                hit = cache.get(aid)
                if hit is None:
                    hit = _parse_features(lookup(aid), aid)  # the state database's row, if any
                if hit is None:
                    doc = stored(aid)
                    if doc is None:
                        raise KeyError(aid)
                    hit = self._stored_features(doc)
                cache[aid] = hit
                return hit

            for aid in stale_ids:  # the old versions leave the statistics
                try:
                    stats.remove(record(aid))
                except KeyError:
                    return None
            cache.clear()
            now_ids = [a["id"] for a in new_articles]
            for aid in now_ids:
                stats.add(new_features[aid])
            unchanged = [aid for aid in state["articles"] if aid not in stale_ids]
            dates = {aid: state["articles"][aid].get("date") for aid in unchanged}
            dates.update((aid, new_features[aid].get("date")) for aid in now_ids)
            records = _LazyRecords(unchanged, new_features, now_ids, record)
            try:
                stories = update_stories(state["stories"], records, now_ids,
                                         stale_ids - set(now_ids), stats=stats, dates=dates)
            except KeyError:  # a document state.json names is not in the index
                return None
            stories = [_story_dict(st) for st in stories]

            # The unchanged articles whose story changed are rewritten: read them now.
            story_of = {aid: st["id"] for st in stories for aid in st["articles"]}
            moved = [stored(aid) for aid in unchanged
                     if state["articles"][aid].get("story") != story_of.get(aid)]
            return stories, stats, [doc for doc in moved if doc is not None]
        finally:
            close_lookup()
            searcher.close()

    @staticmethod
    def _unchanged_documents(ix, stale_keys: set[str]) -> list[dict]:
        out = []
        with ix.searcher() as s:
            reader = s.reader()
            for docnum in reader.all_doc_ids():
                stored = reader.stored_fields(docnum)
                if stored.get("file") not in stale_keys:
                    out.append(stored)
        return out

    def _executor(self):
        """One pool of spawned workers per update, shared by loading and segment writing."""
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"),
                                             initializer=store.worker_init)
        return self._pool

    def _stop_pool(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            _stop(pool)

    def _load(self, jobs, progress, cancel) -> list[dict] | None:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        total = len(jobs)
        if not total:
            return []
        progress(0, total, "loading articles")
        if total < PARALLEL_MIN_FILES or self.workers < 2:
            records = []
            for i in range(0, total, 16):
                if cancel():
                    return None
                records.extend(store.load_files(jobs[i:i + 16], self.loader, self.find_quotes,
                                                  self.group_stories))
                progress(min(i + 16, total), total, "loading articles")
            return records
        chunks = [jobs[i:i + LOAD_CHUNK] for i in range(0, total, LOAD_CHUNK)]
        records = []
        executor = self._executor()
        try:
            pending = {executor.submit(store.load_files, chunk, self.loader, self.find_quotes,
                                       self.group_stories): chunk
                       for chunk in chunks}
            while pending:
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in done:
                    chunk = pending.pop(fut)
                    try:
                        records.extend(fut.result())
                    except BrokenProcessPool:
                        # A worker died (out of memory, killed): finish this chunk here.
                        records.extend(store.load_files(chunk, self.loader, self.find_quotes,
                                                        self.group_stories))
                if done:
                    progress(len(records), total, "loading articles")
                if cancel():
                    self._stop_pool()
                    return None
            return records
        except BaseException:
            self._stop_pool()
            raise

    def _write(self, ix, stale_keys, docs, restory, progress, cancel) -> bool:
        """Delete stale documents and add new ones in one commit. False when cancelled."""
        from concurrent.futures.process import BrokenProcessPool

        total = len(docs) + len(restory)
        progress(0, total, "writing the index")
        writer = store.writer(ix, self.lock_timeout)
        committed = False
        try:
            for key in stale_keys:
                writer.delete_by_term("file", key)
            for doc in restory:
                writer.delete_by_term("id", doc["id"])
            segments = []
            parallel = len(docs) >= PARALLEL_MIN_FILES and self.workers >= 2
            if parallel:
                try:
                    segments = self._write_segments(docs, progress, cancel, total)
                except BrokenProcessPool:
                    parallel = False  # a worker died: write everything here instead
                    segments = []
                if segments is None:
                    return False
                done = len(docs)
            if not parallel:
                done = 0
                for doc in docs:
                    writer.add_document(**doc)
                    done += 1
                    if done % 200 == 0:
                        if cancel():
                            return False
                        progress(done, total, "writing the index")
            for doc in restory:
                writer.add_document(**doc)
            if cancel():
                return False
            progress(total, total, "committing")
            store.commit_segments(writer, [seg for seg, _ in segments], merge=False)
            committed = True
        finally:
            if not committed:
                store.abandon(writer)  # releases Whoosh's lock; its files are cleaned by the caller
        # The changes are committed and visible; now, only when segments have piled up, merge
        # the small ones in a second commit (readers keep using the first one meanwhile).
        if len(store.open_unchecked(self._wdir)._segments()) > MAX_SEGMENTS and not cancel():
            progress(0, 0, "merging index segments")
            merger = store.writer(store.open_unchecked(self._wdir), self.lock_timeout)
            try:
                store.commit_segments(merger, [], merge=True, keep=max(1, MAX_SEGMENTS // 2))
            except BaseException:
                store.abandon(merger)
                raise
        return True

    def _write_segments(self, docs, progress, cancel, total):
        from concurrent.futures import FIRST_COMPLETED, wait

        # One segment per ~5,000 articles, at least one per worker, and never so many that the
        # commit would be followed at once by a merge.
        parts = max(self.workers, min(MAX_SEGMENTS - 2, (len(docs) + 4999) // 5000))
        size = (len(docs) + parts - 1) // parts
        chunks = [docs[i:i + size] for i in range(0, len(docs), size)]
        results = []
        executor = self._executor()
        try:
            pending = {executor.submit(store.write_segment, str(self._wdir), chunk): len(chunk)
                       for chunk in chunks}
            done_docs = 0
            while pending:
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in done:
                    segment, count = fut.result()
                    expected = pending.pop(fut)
                    if count != expected:
                        raise IndexFailure(f"a worker process wrote {count} of {expected} articles; "
                                           "nothing was committed")
                    results.append((segment, count))
                    done_docs += count
                if done:
                    progress(done_docs, total, "writing the index")
                if cancel():
                    self._stop_pool()
                    return None
            return results
        except BaseException:
            self._stop_pool()
            raise
