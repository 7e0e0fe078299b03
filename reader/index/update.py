"""One run of CorpusIndex.update(), under the write lock:
scan → diff → load → assign ids → group stories → write → record.

Crash safety: the process may be killed (or the disk fill up) at any line, so
- the Whoosh commit is the only step that changes what readers see, and it is all-or-nothing
  (one table-of-contents write); segment files written before it (by this process or by
  workers) are named by no commit, and are deleted on failure or by the next writer;
- a large load's articles wait in a spill folder inside the Whoosh folder being written
  (spill.py), which no commit names and readers never read: deleted when the update ends,
  whatever the outcome, and a killed update's by the next one (or with its new folder); a
  first build's wait in `build-resume/` instead, with a journal of what was loaded, kept when
  it is interrupted (cancelled, ctrl+c, killed) for the next first build to reuse (resume.py);
- a first build or a rebuild goes into a new Whoosh folder beside the active one, which
  becomes active (CURRENT, switched atomically) only once it is complete;
- the state database and stories.bin are written after the commit and name its generation:
  when they do not match the committed index, they are not trusted (the state is rebuilt from
  the stored fields, the stories grouped again).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping


from reader.analysis.story_ids import STORY_ID, story_id
from reader.index import (
    checksums,
    layout,
    moved,
    pending_renames,
    renamed,
    resume,
    spill,
    statedb,
    store,
    story_groups,
    whoosh_internals,
)
from reader.index import grouping_memo
from reader.index.grouping_memo import grouping_memory_mb
from reader.index import roots as roots_table
from reader.index.layout import FailedAfterCommit
from reader.index.gcpause import collector_paused, collector_paused_block
from reader.index.pool import WorkerPool
from reader.index.problems import file_problems
from reader.wording import reader_command, run_advice, said
from reader.index.scan import Scan
from reader.index.scan import SCANNING, ScanCancelled, counting_scan, scan_ended
from reader.index.scan import scan as scan_corpus
from reader.index.state import (
    REBUILT_ON_REQUEST,
    STATE_NAME,
    GroupingFailedBefore,
    GroupingWorkerDied,
    IndexFailure,
    IndexReport,
    Rewritten,
    empty_state,
    info_dict,
    read_state,
)
from reader.index.store import IndexCorrupt

if TYPE_CHECKING:
    from reader.index.article_versions import Replacements
    from reader.index.core import CorpusIndex

# Merge small segments only when there are more than this many (not on every small update).
MAX_SEGMENTS = 8
SEGMENT_SIZE = 5000  # articles per segment written by a worker, about
REUSED_SPILL_FILES = 200  # moved files whose re-keyed articles go to one spill file (_reuse_moved)
PROGRESS_STEPS = 500  # the most progress reports a step that counts its documents here makes
# The last steps' names, in a user's words: the commit and the recording of its state after it
# (2.6 s at 10,000 articles, most of it after the commit's count had reached its end: a full bar
# or, in the app, an empty one, still for seconds), and the merge of piled-up segments.
SAVING = "saving the index"
TIDYING = "tidying the index"
# The documents of changed and deleted files, and of articles whose story changed, deleted
# before the new ones are written (~2 s at 3,000 deleted files of 10,000, uncounted before).
REMOVING = "removing outdated entries from the index"
# The stories' word counts losing the articles gone and gaining those come (the incremental grouping)
TAKING_CHANGES = "taking the changed articles into the stories"
GROUPING_NEW = "grouping the articles into stories"  # (a first build or a rebuild: none changed, all new)


@collector_paused  # its full collections would walk every vector, for nothing (8% at 10k)
def group_spilled(first: list, parts: list, links: dict[str, str] | None = None):
    """story_groups.cluster_records over spill.SpilledRecords(first, parts) (in a worker, which
    counts the records it reads for the parent's progress); `links` the versions' links."""
    return story_groups.cluster_records(
        spill.SpilledRecords(first, parts),
        on_read=lambda: store.counted(store.RECORDS_READ),
        on_compared=store.counted_up_to(store.ARTICLES_COMPARED),
        on_searched=store.counted_up_to(store.ARTICLES_SEARCHED),
        links=links,
    )


INTERRUPTED_BUILD = (
    "the last index build was interrupted before it finished (its process was killed); what it had written was removed"
)
RESUMED_BUILD = "the last index build was interrupted{killed}; the {count:,} files it had loaded were not read again"
STALE_JOURNAL = (
    "the interrupted build's loading was made by another version of reader or with other settings:"
    " the {size:,.1f} MB it kept were removed"
)
DAMAGED_JOURNAL = (
    "{count:,} record(s) of what the interrupted build had loaded could not be read"
    " (build-resume/ in the index folder); their files were loaded again"
)
GROUPING_WORKER_DIED = (
    "the process grouping the stories died (out of memory, or killed); they were grouped again in a fresh one"
)
# The label of that second try's count, which starts again from 0 (the first one's work died with
# it); short, to be read whole beside the app's progress bar at 60 columns ("Indexing 9,999/10,000 …"):
# the notice at the end says why.
GROUPING_AGAIN = "grouping, 2nd try"
# When the second one dies too: what stands, and what to do. Short: the app's notice holds 200
# characters and keeps the command whole (tui.safe.one_line), cutting the words before it, so that
# a command of 40 characters (`reader --corpus ~/news index`) still leaves them whole.
# With the articles it grouped and the memory they take, which a user can weigh against the
# machine's; short enough for the app's 200 characters with a 40-character command.
GROUPING_WORKERS_DIED = "grouping {articles:,} articles into stories (needs ~{mb:,} MB) died twice: "
NOTHING_SAVED = "nothing saved, marks kept; free memory or use a smaller folder, then "
LOADING_KEPT = "index not built, loaded files kept; free memory or use a smaller folder, then "
# The same failure remembered (grouping_memo.py), said at once by the next build of the same corpus
# on the same machine instead of its whole load again; as short, for the app's 200 characters.
GROUPING_FAILED_BEFORE = (
    "not tried again: grouping {articles:,} articles died twice at the last build"
    " (needs ~{mb:,} MB; {then:,} MB free then, {now:,} now); free memory, then "
)
WRITING_WORKER_DIED = (
    "a process writing the index died (out of memory, or killed); the articles were written by reader's own process"
)
INTERRUPTED_AFTER_COMMIT = (
    "the last index update was interrupted after it saved its articles (its process was killed);"
    " they were kept, and its record of the indexed files was made again from the index"
)


def _counted_from(progress, before: int):
    """The loading's progress counting the files an interrupted first build loaded (`before`,
    reused) as done: a resumed build's bar starts where the last one stopped, not at 0."""
    if not before:
        return progress
    return lambda done, total, message: progress(done + before, total + before, message)


def _recorded_before(meta: dict | None, state: dict) -> bool:
    """Whether the state database describes an earlier commit of the same index folder: the update
    that made the last commit was killed before it recorded it."""
    generation = meta.get("generation") if meta is not None else None
    return (
        meta is not None
        and meta.get("schema") == store.SCHEMA_VERSION
        and meta.get("dir") == state.get("dir")
        and isinstance(generation, int)
        and generation < state["generation"]
    )


def count_mismatch(held: int, expected: int, command_line: Callable[[str], str] = reader_command) -> IndexFailure:
    """The index holds other than the articles the state lists: rebuild it (`command_line`: the
    index's, with its --corpus and --index)."""
    return IndexFailure(
        said(f"the index holds {held} articles, expected {expected}; ", run_advice(command_line("index --rebuild")))
    )


class _GroupingStopped(Exception):
    """The update was cancelled while it grouped the stories in this process (_cluster_here)."""


class _FoundDamage(Exception):
    """The full check found the committed index damaged after the update had started."""


@dataclass
class Diff:
    """What the scan found against the state: the files to load, and the others."""

    jobs: list  # (key, path, root, signature, hash or None) of new and changed files
    unchanged_keys: list[str]
    removed_keys: list[str]
    touched: bool  # some file's signature changed but not its contents


@dataclass
class NewArticles:
    """The loaded articles that will be indexed, with their ids decided."""

    # article id -> file key, for every article after the update (with the file entries read by
    # key: the loaded articles, and the unchanged ones they share an id with)
    file_of: dict[str, str]
    articles: list[dict]
    quotes: dict[str, list]
    # Story records: JSON, or packed for a large load's (spilled) articles (None: a worker
    # could not compute it).
    features: dict[str, str | bytes | None]
    file_entries: dict[str, dict]  # the state's entries of the loaded files
    # Articles whose text, quotations and story record are in a spill file (a large load's):
    # id -> (spill file, file key, index in the file). Their `articles` hold metadata only.
    spilled: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    # Spilled articles whose story record the parent computed (the worker's was None).
    records_here: set[str] = field(default_factory=set)
    # The packed story records of articles loaded here (not spilled), as the state stores them.
    packed: dict[str, bytes] = field(default_factory=dict)

    def full(self, art: dict, reader: spill.Reader) -> tuple[dict, list]:
        """(the article with its text, its quotations)."""
        where = self.spilled.get(art["id"])
        if where is None:
            return art, self.quotes[art["id"]]
        full_art, quotes, _features = reader.get(*where)
        return full_art, quotes


@dataclass
class Grouping:
    # Every story, or (the stories read by key) the changes to those stored.
    stories: list[dict] | statedb.StoryChanges
    stats: object | None  # the corpus statistics for stories.bin (None: grouped from metadata)
    unchanged_stored: list[dict]  # stored fields of unchanged documents read back (to re-story)
    # Article rows of the unchanged articles; None when the state's rows were not read, only
    # {id: (date, story)} of every article before (`before`): record() writes the changes by key.
    unchanged_infos: dict[str, dict] | None
    # Articles' top terms to store (topcache.py), in place of every stored one with `tops_reset`.
    tops: dict[str, bytes] = field(default_factory=dict)
    tops_reset: bool = False
    before: dict[str, tuple[str | None, str | None]] | None = None
    # With StoryChanges: the rows of the stories dissolved, and {id: (date, story)} of every
    # article before (the stories of those not regrouped).
    dissolved: list[dict] = field(default_factory=list)
    stories_before: Mapping[str, tuple[str | None, str | None]] | None = None
    # The chains of versions of the corpus after the update, worked out for the grouping: the
    # save writes them (None: it works them out from the articles table).
    versions: Replacements | None = None

    def story_of(self) -> dict[str, str]:
        changes = self.stories
        if not isinstance(changes, statedb.StoryChanges):
            return {aid: s["id"] for s in changes for aid in s["articles"]}
        assert self.stories_before is not None
        dissolved = set(changes.removed)
        story_of = {aid: story for aid, (_, story) in self.stories_before.items() if story and story not in dissolved}
        story_of.update((aid, s["id"]) for s in changes.added for aid in s["articles"])
        return story_of


def _with_problems(files: dict[str, dict], keys: list[str]) -> list[str]:
    """Those of `keys` whose entry may hold problems or a folder's answer (with the entries read
    by key: those read at the start, statedb.FileEntries.special), in order."""
    if isinstance(files, statedb.FileEntries):
        return [key for key in keys if key in files.special]
    return keys


def _dates_of(articles: dict[str, dict]) -> dict[str, tuple[str | None, str | None]]:
    """{id: (date, story)} of these article rows (statedb.article_dates' form)."""
    return {aid: (info.get("date"), info.get("story")) for aid, info in articles.items()}


def _read_again_as_folders_say(diff: Diff, found: dict, old_files: dict[str, dict]) -> None:
    """Load again the unchanged files decoded with what their folder's other files said of their
    script (folder_charset) when it says otherwise now, as a fresh build reads them: only in the
    folders where a file is new, changed or gone (what the folder says is told by its article
    files alone), their neighbours read once a folder."""
    touched = {os.path.dirname(job[0]) for job in diff.jobs} | {os.path.dirname(key) for key in diff.removed_keys}
    if not touched:
        return
    from reader.corpus.folder_charset import folder_answer_now

    candidates = _with_problems(old_files, [key for key in diff.unchanged_keys if os.path.dirname(key) in touched])
    again = set()
    for key in candidates:
        entry = old_files[key]
        if "folder_answer" in entry and folder_answer_now(found[key][0]) != entry["folder_answer"]:
            again.add(key)
    if again:
        diff.jobs.extend((key, *found[key], old_files[key].get("hash")) for key in diff.unchanged_keys if key in again)
        diff.unchanged_keys = [key for key in diff.unchanged_keys if key not in again]


def _content_hash(path: str) -> str | None:
    try:
        return store.content_hash(Path(path))
    except OSError:
        return None


def keep_story_ids(
    stories: list[dict],
    before: list[dict],
    renamed: dict[str, str],
    held_elsewhere: Callable[[set[str]], set[str]] | None = None,
) -> None:
    """A story is named by its first article (stories.story_id), and keeps its name while that
    article stays first: when the article's file is renamed, the story keeps the id it had (a
    user's saved `reader compare ID`, `search --story ID`), at this update and the later ones
    that group it again. Changed in place in `stories` (a renamed story's dict replaced, never
    changed: a kept story's is the state's own): a story named by its first article
    gets the id of the story that article was first of before (under its old id when it was
    `renamed`: {old id: new id}), when that id differs and no other story has it. Which
    articles are grouped together is not touched. With the stories read by key, `stories` are
    those made now, `before` those they replace, and `held_elsewhere(ids)` which of these ids
    the stories kept hold."""
    kept_by_first: dict[str, str] = {}
    for story in before:
        if not story["articles"]:
            continue
        first = story["articles"][0]
        # Only a grouping's id (a story given by metadata is named by its label, or its article)
        if STORY_ID.fullmatch(story["id"]) and (first in renamed or story["id"] != story_id(first)):
            kept_by_first[renamed.get(first, first)] = story["id"]
    if not kept_by_first:
        return
    taken = {s["id"] for s in stories}
    if held_elsewhere is not None:
        taken |= held_elsewhere(set(kept_by_first.values()) - taken)
    for k, story in enumerate(stories):
        if not story["articles"]:
            continue
        first = story["articles"][0]
        kept = kept_by_first.get(first)
        if kept is not None and kept not in taken and story["id"] == story_id(first):
            taken.discard(story["id"])
            stories[k] = {**story, "id": kept}  # a new dict: a kept story's is the state's own
            taken.add(kept)


def _packed_with_id(stored: str | bytes | None, old_id: str, new_id: str) -> bytes | None:
    """The stored packed story record of `old_id` under `new_id` (its vectors as they are), or
    None when there is none to reuse (a record kept as JSON, another article's, damaged)."""
    if not isinstance(stored, bytes):
        return None
    from reader.analysis.stories.packed import PackedRecord, with_id

    try:
        if PackedRecord(stored).meta.get("id") != old_id:
            return None
        return with_id(stored, new_id)
    except ValueError:
        return None


class IndexUpdate:
    """The steps of one update; `index` is the CorpusIndex being updated (its settings, and its
    read-side cache, refreshed at the end)."""

    def __init__(
        self,
        index: CorpusIndex,
        report: IndexReport,
        progress,
        cancel,
        prescan: Scan | None = None,
        retry_grouping: bool = False,
    ):
        self.index = index
        self.index_dir = index.index_dir
        self.report = report
        self.progress = progress
        self.cancel = cancel
        # Its own connection state: readers share index._db, and a reader's load must not
        # change the rows this update diffs its writes against.
        self.db = statedb.StateDB(index.index_dir, index.version_links)
        self.pool = WorkerPool(index.workers, index.index_dir)
        self.spill_dir: Path | None = None  # where a large load's workers put the articles
        self.wdir: Path  # the Whoosh folder being written (set by _run, before any step)
        self.scan_watch: dict[str, int] = {}  # corpus folders' mtimes seen by the scan
        self.scan_skipped: list[dict] = []
        self.table: dict[str, str] = {}  # the root table of this update's keys (roots.py; set by _open)
        self.rules: list | None = None  # the user's outlets.yaml as this update reads it
        self.prescan = prescan
        # The check of every byte of the committed index (`thorough`), run beside the update
        # (checksums.FullCheck); its answer is awaited before anything is committed.
        self.full_check: checksums.FullCheck | None = None
        self.moved: dict[str, str] = {}  # {new file key: gone file key} (_moved_files)
        # {file key: file key} of contents moved onto a path the index had (_moved_files): read again
        self.moved_onto: dict[str, str] = {}
        self.interrupted = False  # a killed build's folder was found (and deleted) by _open
        # A first build's loading, kept as it goes and reused by the next when this one is
        # interrupted (resume.py); None for any other update. `keep_loaded`: it was interrupted.
        self.resume: resume.BuildResume | None = None
        self.keep_loaded = False
        # A build whose grouping died twice is tried again only when asked (grouping_memo.py);
        # `corpus_size` (files, bytes) is what the failure is remembered with.
        self.retry_grouping = retry_grouping
        self.corpus_size = (0, 0)
        self.memory_at_scan: tuple[int, int] | None = None  # (total, available) MB before loading
        # The update's articles were committed (write()): a failure after it leaves them saved.
        self.committed = False

    def run(self, rebuild: bool, thorough: bool) -> None:
        try:
            try:
                self._run_from_readable_state(rebuild, thorough)
            except _FoundDamage as exc:
                # Found by the full check after the update had started: what it did is undone
                # (as for any failed update); start again, rebuilding from scratch.
                self._start_again()
                self._run(True, thorough, damage=str(exc))
        finally:
            self.pool.stop()
            # After the workers, which write into it, are gone. A first build's loading is kept
            # when it was interrupted (cancelled, ctrl+c), for the next to go on from.
            if self.resume is None:
                spill.remove(self.spill_dir)
            elif not self.keep_loaded:
                resume.remove(self.index_dir)
            if self.full_check is not None:
                self.full_check.result()  # its thread reads the old files: let it end first

    def _run_from_readable_state(self, rebuild: bool, thorough: bool) -> None:
        try:
            self._run(rebuild, thorough)
        except statedb.StateUnreadable:
            # Rows of the state database read on the way (a damaged page) made the update fail
            # before its commit, and every later one as well: it only mirrors the index's stored
            # fields, so it is removed, and the update starts again from those.
            self._start_again()
            self.db.remove()
            self._run(rebuild, thorough)

    def _start_again(self) -> None:
        self.pool.stop()
        spill.remove(self.spill_dir)
        self.spill_dir = None
        self.full_check = None
        empty = IndexReport()  # the report is the caller's: emptied in place for the update that starts
        for item in fields(IndexReport):
            setattr(self.report, item.name, getattr(empty, item.name))

    def _no_damage_found(self) -> None:
        """Wait for the full check (if one runs); _FoundDamage when it found damage."""
        if self.full_check is not None:
            problem = self.full_check.result()
            if problem:
                raise _FoundDamage(f"the index is damaged ({problem})")

    def _run(self, rebuild: bool, thorough: bool, damage: str | None = None) -> None:
        # Renames recorded by an update that never committed: this one finds them again.
        pending_renames.drop_uncommitted(self.index_dir)
        with collector_paused_block():  # the state read here is kept for the update: not walked
            ix, fresh, state = self._open(rebuild, thorough, damage)
        if self.interrupted and not self.report.notice:
            self.report.notice = INTERRUPTED_BUILD
        self.wdir = Path(ix.storage.folder)
        spill.remove_stale(self.wdir)  # left by an update that was killed
        try:
            self.apply(ix, state)
            if fresh is not None and not self.report.cancelled:
                store.activate(self.index_dir, fresh)
            if not self.report.cancelled:
                grouping_memo.forget(self.index_dir)  # (its grouping done, or needed no process of its own)
            self.keep_loaded = self.report.cancelled
        except BaseException as exc:
            # ctrl+c, SIGTERM, the grouping out of memory (not a full disk): the loading was whole
            self.keep_loaded = isinstance(exc, (KeyboardInterrupt, GroupingWorkerDied))
            # A failed update (disk full, a bug) leaves nothing behind; the last commit stays.
            if fresh is not None and store.current_name(self.index_dir) != fresh:
                shutil.rmtree(self.index_dir / fresh, ignore_errors=True)
            else:
                store.clean_unreferenced(self.wdir)
            if isinstance(exc, OSError) and self.committed and fresh is None:
                # Committed into the index in use: not "unchanged" (layout.write_failure_line).
                raise FailedAfterCommit(exc.errno, exc.strerror or str(exc), exc.filename) from exc
            raise
        if fresh is not None and not self.report.cancelled:
            self.index._reopen()
        elif fresh is not None:
            shutil.rmtree(self.index_dir / fresh, ignore_errors=True)
        else:
            if self.report.cancelled:
                store.clean_unreferenced(self.wdir)
            # Keep what was just read when nothing newer was recorded: the next articles()
            # call need not read the state again (unless the articles were never read).
            if not getattr(state, "partly_read", False):
                self.index._remember_state(state, replace=False)

    def _open(self, rebuild: bool, thorough: bool, damage: str | None = None):
        """(ix, name of the new Whoosh folder or None, state) to update (`damage`: why the
        index is rebuilt, found after an update had started)."""
        ix = None
        from reader import config

        self.resume = None  # (set again for a first build, _resume_loading)
        self.rules = config.user_outlets_stamp()
        if damage is None and not rebuild:
            self._take_over_moved()
        meta = self.db.meta()
        if damage is not None:
            self.report.notice = f"index rebuilt: {damage}"
        elif rebuild:
            self.report.notice = REBUILT_ON_REQUEST
        elif meta is not None and not config.same_outlets_rules(meta.get("rules"), self.rules):
            # Every indexed article was cleaned and named by the rules of before: a file that did
            # not change would keep the boilerplate a new rule removes.
            self.report.notice = "index rebuilt: your outlets.yaml changed since the last update"
        else:
            try:
                # The sampled check now; every byte (thorough) beside the update.
                ix = store.open_existing(self.index_dir)
                if ix is not None and thorough:
                    self.full_check = checksums.FullCheck(self.index_dir, ix)
            except IndexCorrupt as exc:
                self.report.notice = f"index rebuilt: {exc}"
        # A build's folder that never became active: its process was killed (a failed or
        # cancelled build deletes its own). Said, unless the line says more already.
        self.interrupted = store.remove_inactive(self.index_dir)
        recorded = roots_table.read_table(self.index_dir)
        roots = [os.path.abspath(r) for r in self.index.roots]
        state = None
        if ix is not None:
            with ix.searcher() as s:
                state = read_state(self.db, s, ix.latest_generation(), Path(ix.storage.folder).name, lazy=True)
            if state.get("from_index") and _recorded_before(meta, state):
                self.report.notice = INTERRUPTED_AFTER_COMMIT
            if not roots_table.all_known(state["files"], recorded):
                # Files under a corpus folder the state database does not name (it was lost):
                # their paths are unknown, so their articles cannot be kept.
                self.report.notice = "index rebuilt: its record of the corpus folders was lost"
                ix = None
        if ix is None:
            self.report.rebuilt = bool(self.report.notice)  # says why; a first build says nothing
            # Build a new index beside the old one; readers keep the old until it is complete.
            # Its keys use the recorded tokens: readers of the old one still resolve theirs.
            self._set_table(roots_table.assign(recorded, roots), recorded)
            first_build = damage is None and not rebuild and not layout.has_index(self.index_dir)
            self._resume_loading(first_build)
            ix, fresh = store.create_fresh(self.index_dir)
            return ix, fresh, empty_state(0)
        resume.remove(self.index_dir)  # (left by a first build that was then made otherwise)
        assert state is not None
        moves = self._moves(meta, state, recorded)
        self._set_table(roots_table.assign(recorded, roots, moves), recorded)
        if moves:
            state = self._reroot(ix, state, moves)
        return ix, None, state

    def _resume_loading(self, first_build: bool) -> None:
        """Keep this first build's loading (and take what an interrupted one kept), resume.py;
        a rebuild starts from nothing."""
        if not first_build:
            resume.remove(self.index_dir)
            return
        index = self.index
        settings = (index.loader, index.find_quotes, index.group_stories, bool(index.follow_links))
        self.resume = resume.BuildResume(self.index_dir, resume.stamp(settings, self.rules, self.table))

    def _set_table(self, table: dict[str, str], recorded: dict[str, str]) -> None:
        """The root table of this update's keys, recorded before anything is committed with it."""
        self.table = table
        if table != recorded:
            roots_table.write_table(self.index_dir, table)

    # -- a moved corpus folder (moved.py) -----------------------------------------------------
    def _take_over_moved(self) -> None:
        """This corpus's index folder holds no index: take over the one it had before its folder
        moved, if one is found in the cache (CorpusIndex.carry_over)."""
        index = self.index
        if not index.carry_over or layout.has_index(self.index_dir):
            return
        roots = [os.path.abspath(r) for r in index.roots]
        found = moved.find(self.index_dir, roots, index.follow_links, self.rules)
        if found is not None:
            moved.take_over(
                found[0], self.index_dir, roots, index.follow_links, self.rules, index.lock_timeout, self.progress
            )
            self.db = statedb.StateDB(self.index_dir, index.version_links)  # the database moved in

    def _moves(self, meta: dict | None, state: dict, recorded: dict[str, str]) -> dict[str, str] | None:
        """{old root: new root} when the index's recorded corpus folders moved to this corpus's."""
        if meta is None or state.get("from_index") or not isinstance(meta.get("roots"), list):
            return None
        roots = [os.path.abspath(r) for r in self.index.roots]
        if sorted(meta["roots"]) == sorted(roots):
            return None  # the usual case: not moved (and every update asks, so no file table made)
        files = {
            roots_table.resolve(key, recorded): (entry.get("signature"), entry.get("hash"))
            for key, entry in state["files"].items()
        }
        # This index folder is the corpus's own (its path, or the one the user gave): the corpus
        # pointed at a copy of its folder (or the config at its new place) re-links the files it
        # finds the same, instead of reading every one again as new.
        found = moved.mapping(meta["roots"], roots, files, original_may_remain=True)
        return None if found is None else found[0]

    def _reroot(self, ix, state: dict, moves: dict[str, str]) -> dict:
        """Re-link the index to the corpus folders' new places: the root table (roots.py) names
        them, so no document, file key or article row changes; only the paths of the recorded
        problems (absolute, as reported) are translated. The state after it. The scan that
        follows checks every file, as at any update."""
        # The check of every byte reads the committed files: a damaged index is rebuilt, not carried over.
        self._no_damage_found()
        old = ", ".join(moves)
        self.report.moved_from = list(moves)
        gone = not any(os.path.lexists(root) for root in moves)
        if all(os.path.realpath(old_root) == os.path.realpath(new_root) for old_root, new_root in moves.items()):
            # The same folders by another name (a symbolic link, or `--corpus .` inside one):
            # re-linked to the name given, and nothing to tell ("a copy of it now" was false).
            self.report.notice = None
        else:
            self.report.notice = (moved.CARRIED if gone else moved.RELINKED).format(old=old)
        # The folder's name, not its path: the app shows a counted step's text as a file's name.
        self.progress(0, 0, f"carrying the index over from {', '.join(os.path.basename(r) or r for r in moves)}")
        files = state["files"]
        for key, entry in list(files.items()):
            if entry.get("skipped"):
                files[key] = dict(
                    entry,
                    skipped=[
                        dict(p, path=moved.translate(p["path"], moves)) if isinstance(p.get("path"), str) else p
                        for p in entry["skipped"]
                    ],
                )
        state["scan_skipped"] = [
            dict(p, path=moved.translate(p["path"], moves)) if isinstance(p.get("path"), str) else p
            for p in state.get("scan_skipped") or ()
        ]
        self.write_state(state, ix, table=self.table)
        return state

    def _cancelled(self) -> bool:
        if self.cancel():
            self.report.cancelled = True
            return True
        return False

    def apply(self, ix, state: dict) -> None:
        old_files: dict[str, dict] = state["files"]
        # Files skipped with reasons worded by an older reader: read again, for today's words.
        meta = None if state.get("from_index") else self.db.meta()
        try:
            found = self.scan()
        except ScanCancelled:
            self.report.cancelled = True
            return
        diff = self.diff(
            found,
            old_files,
            stale_reasons=(meta or {}).get("reasons") != layout.SKIP_REASONS,
            stale_large_hashes=(meta or {}).get("large_hashes") != layout.LARGE_FILE_HASHES,
        )
        self.corpus_size = grouping_memo.corpus_size(found)
        if not old_files and self.index.group_stories and self._loading_apart(diff.jobs):
            # Measured before loading, as the next launch measures it: at the failure this process
            # held the loaded articles, so a launch found a quarter more free and tried again.
            self.memory_at_scan = grouping_memo.memory_mb()
            self._not_failed_before()  # (a build whose grouping is a process of its own: _group_spilled)
        for key in _with_problems(old_files, diff.unchanged_keys):
            self.report.skipped.extend(file_problems(old_files[key].get("skipped") or [], self._path(key)))
        self.moved = self._moved_files(diff, old_files)
        reused = self._reuse_moved(ix, diff, old_files, stored_records=not state.get("from_index"))
        if reused is None:
            self.report.cancelled = True
            return
        apart = self._loading_apart(diff.jobs)
        if apart:
            self._apply(ix, state, diff, reused, apart)
            return
        # A small update runs here, with the cyclic collector paused: its collections walked the
        # state and the window's records it keeps for the update's length (~0.03 s at 10k).
        with collector_paused_block():
            self._apply(ix, state, diff, reused, apart)

    def _loading_apart(self, jobs: list) -> bool:
        """Whether these files are loaded apart (pool.parallel_load); a first build resumed decides
        as its interrupted try did (resume.BuildResume.loading_apart), not from the files it has
        left to load."""
        if self.resume is None:
            return self.pool.parallel_load(jobs)
        return self.resume.loading_apart(jobs, self.pool.parallel_load)

    # -- files renamed or moved inside the corpus (renamed.py) -----------------------------------
    def _not_failed_before(self) -> None:
        """GroupingFailedBefore when this build's grouping died twice at the last try, on this
        corpus and machine as they are (grouping_memo.recalled), and no new try was asked for."""
        if self.retry_grouping:
            return
        memo = grouping_memo.recalled(self.index_dir, self.corpus_size)
        if memo is None:
            return
        said_before = GROUPING_FAILED_BEFORE.format(
            articles=memo["articles"], mb=memo["needed_mb"], then=memo["available_mb"], now=memo["available_now_mb"]
        )
        raise GroupingFailedBefore(said(said_before, run_advice(self.index.command_line("index"))))

    def _moved_files(self, diff: Diff, old_files: dict[str, dict]) -> dict[str, str]:
        """{new file key: gone file key} of the files that moved inside the corpus, the same
        contents under another name; the hash each new one needed is kept in its job. Contents
        moved onto a path the index had (two files swapped, a file renamed onto another's name, a
        chain of renames) are paired too, into `moved_onto`: their articles are read again there,
        but what is kept per article id (marks) follows them, or a mark stayed on the path and so
        on the other article now there."""
        changed = {job[0] for job in diff.jobs if job[0] in old_files}
        if not (diff.removed_keys or changed) or not diff.jobs:
            return {}
        sources = {key: old_files[key] for key in [*diff.removed_keys, *changed]}
        hashes: dict[str, str | None] = {}

        def hash_of(path: str) -> str | None:
            hashes[path] = _content_hash(path)
            return hashes[path]

        found = renamed.pairs(sources, diff.jobs, hash_of)
        if hashes:  # not hashed again when loaded
            diff.jobs = [job if job[4] is not None else (*job[:4], hashes.get(job[1])) for job in diff.jobs]
        found = {new: old for new, old in found.items() if new != old}
        self.moved_onto = {new: old for new, old in found.items() if new in changed or old in changed}
        return {new: old for new, old in found.items() if new not in self.moved_onto}

    def _reuse_moved(
        self, ix, diff: Diff, old_files: dict[str, dict], stored_records: bool = True
    ) -> list[dict] | None:
        """The load records of the moved files whose articles would come out of the loader as
        they are in the index, but for their ids (renamed.same_inputs): made from their stored
        documents, not read and analysed again; their jobs are taken out of `diff`. None when
        cancelled. `stored_records`: the state database describes this commit, so its packed
        story records are the documents' (those of the moved articles are re-keyed, not packed
        again)."""
        from reader.corpus.outlets import default_registry, registry_held

        if not self.moved:
            return []
        records: list[dict] = []
        jobs = {job[0]: job for job in diff.jobs}
        self.progress(0, 0, "re-linking renamed files")
        packed: dict[str, str | bytes] = {}
        if stored_records:
            _, lookup_many, _, close_lookup = self.db.feature_lookup()
            try:
                packed = lookup_many([aid for key in self.moved.values() for aid in old_files[key].get("ids") or ()])
            finally:
                close_lookup()
        # Many (a corpus copied into a folder of its own: every file renamed): their text goes to
        # spill files as they are made, as a large load's does, for the workers that write the
        # segments to read back; held here, all of it was, at once (885 MB at 10,000 articles).
        if self.spill_dir is None and self.pool.parallel(len(self.moved)):
            self.spill_dir = spill.create(self.wdir)
        unspilled: list[dict] = []
        with registry_held(), ix.searcher() as searcher:
            registry = default_registry()
            for count, (new_key, old_key) in enumerate(self.moved.items()):
                if count % 200 == 0 and self.cancel():
                    return None
                record = self._moved_record(searcher, jobs[new_key], old_key, old_files[old_key], registry, packed)
                if record is not None:
                    records.append(record)
                    unspilled.append(record)
                    del jobs[new_key]
                if self.spill_dir is not None and len(unspilled) >= REUSED_SPILL_FILES:
                    store.spill_records(unspilled, str(self.spill_dir))
                    unspilled = []
        if self.spill_dir is not None and unspilled:
            store.spill_records(unspilled, str(self.spill_dir))
        diff.jobs = list(jobs.values())
        return records

    def _moved_record(
        self, searcher, job: tuple, old_key: str, entry: dict, registry, packed: dict | None = None
    ) -> dict | None:
        """store.load_files' record of the moved file of `job`, from the documents of its old
        key; None when it must be loaded (see _reuse_moved), or a document is missing. `packed`:
        {old id: its story record as the state database stores it}."""
        new_key, path, _root, signature, digest = job
        old_rel, new_rel = self._rel(old_key), self._rel(new_key)
        if (
            entry.get("skipped")  # its problems name the old path
            or entry.get("duplicates")
            or "folder_answer" in entry  # read as its old folder said: the new one may say otherwise
            or digest is None
            or old_rel is None
            or new_rel is None
        ):
            return None
        stored = {doc.get("id"): doc for doc in searcher.documents(file=old_key)}
        record = {**store.empty_record(new_key, signature, digest), "unwritable": {}}
        for old_id in entry["ids"]:
            doc, new_id = stored.get(old_id), renamed.new_id(old_id, old_rel, new_rel)
            features = self._renamed_features(doc, new_id)
            if doc is None or new_id is None or features is None:
                return None
            # The story its metadata gives is the record's: the stored `story` is the one it was put in.
            art = dict(
                store.article_from_stored(doc),
                id=new_id,
                path=os.path.abspath(path),
                story=features["story"],
                lang=doc.get("lang"),  # told from the same text: not again
            )
            record["articles"].append(art)
            record["quotes"][new_id] = json.loads(doc.get("quotes_json") or "[]")
            record["features"][new_id] = json.dumps(features, ensure_ascii=False, separators=(",", ":"))
            if (repacked := _packed_with_id((packed or {}).get(old_id), old_id, new_id)) is not None:
                record["packed"][new_id] = repacked
        manifest = len(digest) > store.FILE_HASH_LENGTH  # the folder's corpus.yaml is hashed with it
        if not renamed.same_inputs(
            (self._path(old_key), old_rel), (path, new_rel), record["articles"], manifest, registry
        ):
            return None
        return record

    @staticmethod
    def _renamed_features(doc: dict | None, new_id: str | None) -> dict | None:
        """The stored story record of `doc` under its new id (the record names its article);
        None without one (stories from metadata only: the given story is not stored)."""
        if doc is None or new_id is None or not isinstance(doc.get("story_features"), str):
            return None
        try:
            features = json.loads(doc["story_features"])
        except ValueError:
            return None
        if not isinstance(features, dict) or "story" not in features:
            return None
        features["id"] = new_id
        return features

    def _rel(self, key: str) -> str | None:
        parts = roots_table.split_key(key)
        return None if parts is None or not parts[1] else parts[1]

    def _renamed_ids(self, new: NewArticles, old_files: dict[str, dict]) -> dict[str, str]:
        """{old article id: new id} of the moved files' articles that kept their place in it."""
        out: dict[str, str] = {}
        for new_key, old_key in [*self.moved.items(), *self.moved_onto.items()]:
            entry = new.file_entries.get(new_key)
            old_rel, new_rel = self._rel(old_key), self._rel(new_key)
            if entry is None or old_rel is None or new_rel is None:
                continue
            now = set(entry["ids"])
            for old_id in old_files[old_key]["ids"]:
                now_id = renamed.new_id(old_id, old_rel, new_rel)
                if now_id is not None and now_id in now:
                    out[old_id] = now_id
        return out

    def _apply(self, ix, state: dict, diff: Diff, reused: list[dict], apart: bool) -> None:
        old_files: dict[str, dict] = state["files"]
        index = self.index
        loaded_before: list[dict] = []
        if self.resume is not None:
            loaded_before, diff.jobs = self.resume.reusable(diff.jobs)
            if loaded_before and self.report.notice in (None, "", INTERRUPTED_BUILD):
                killed = " before it finished (its process was killed)" if self.report.notice else ""
                self.report.notice = RESUMED_BUILD.format(killed=killed, count=len(loaded_before))
            if self.resume.damaged:
                said_before = f"{self.report.notice}; " if self.report.notice else ""
                self.report.notice = said_before + DAMAGED_JOURNAL.format(count=self.resume.damaged)
            if self.resume.other_stamp:
                said_before = f"{self.report.notice}; " if self.report.notice else ""
                self.report.notice = said_before + STALE_JOURNAL.format(size=self.resume.dropped_bytes / 1e6)
            if apart or any(rec.get("spill") for rec in loaded_before):
                self.spill_dir = self.resume.spill_dir()  # kept with what was loaded
        if apart or self.spill_dir is not None:
            if self.spill_dir is None:  # (made already for many moved files' articles)
                self.spill_dir = spill.create(self.wdir)
            if index.group_stories:
                self.pool.prepare_call(__name__)  # the grouping's process (_group_spilled)
        records = self.pool.load(
            diff.jobs,
            index.loader,
            index.find_quotes,
            index.group_stories,
            _counted_from(self.progress, len(loaded_before)),
            self.cancel,
            None if self.spill_dir is None else str(self.spill_dir),
            index.follow_links,
            None if self.resume is None else self.resume.keep,
            apart,
        )
        if records is None:
            self.report.cancelled = True
            return
        new = self.assign_ids(records + loaded_before + reused, diff.unchanged_keys, old_files)
        self.count(new, diff, old_files)
        if not self.report.changed:
            self._no_damage_found()
            self.record_signatures(ix, state, diff, new)
            return
        if self._cancelled():
            return
        stale_keys = set(new.file_entries) | set(diff.removed_keys)
        if self.index.group_stories:
            self.records_here(new)
        # A large load's segments are written while the stories are grouped, and finished
        # with the stories once they are known.
        started = self._start_segments(new)
        self.progress(0, 0, f"grouping the stories of {self.report.unchanged + len(new.articles):,} articles")
        grouping = self.group_stories(ix, state, new, stale_keys)
        if self._cancelled():
            return
        if isinstance(grouping.stories, statedb.StoryChanges):
            changes = grouping.stories
            keep_story_ids(changes.added, grouping.dissolved, self.report.renamed, self._held_by_kept(changes))
        else:
            keep_story_ids(grouping.stories, state["stories"], self.report.renamed)
        story_of = grouping.story_of()
        if started is not None and self.spill_dir is not None:
            spill.write_stories(self.spill_dir, {art["id"]: story_of.get(art["id"]) for art in new.articles})
        restory = [
            store.document_from_stored(d, story_of.get(d["id"]))
            for d in grouping.unchanged_stored
            if d.get("story") != story_of.get(d["id"])
        ]
        self._no_damage_found()  # before the commit
        if not self.write(ix, stale_keys, new, story_of, restory, started):
            self.report.cancelled = True
            return
        self.committed = True
        self.progress(0, 0, SAVING)  # the state of the commit: uncounted, after a count at its end
        self.record(old_files, new, grouping, stale_keys)
        # The articles written from their files; CorpusIndex.update names the commits around it.
        stories = grouping.stories
        written = (
            frozenset(stories.removed) | {str(story["id"]) for story in stories.added}
            if isinstance(stories, statedb.StoryChanges)
            else None
        )
        self.report.rewritten = Rewritten(None, None, frozenset(art["id"] for art in new.articles), written)

    # -- scan → diff --------------------------------------------------------------------------
    def scan(self) -> dict[str, tuple[str, str, list[int]]]:
        """{file key: (path, root, signature)} of every article file in the corpus (scan.py),
        or the scan the no-op check made just before (noop.py)."""
        found = self.prescan
        expected = self.db.file_count()
        if found is None or found.table != self.table:  # the no-op check's keys used other tokens
            self.progress(0, 0, SCANNING)
            on_file = counting_scan(self.progress, expected)
            found = scan_corpus(self.index.roots, self.index.follow_links, self.table, on_file, self.cancel)
        else:  # counted as it was made: its end said again while the changes are sorted out
            scan_ended(self.progress, len(found.found), expected)
        self.prescan = None
        self.report.skipped.extend(found.skipped)
        self.scan_skipped = found.scan_skipped
        self.scan_watch = found.watch
        return found.found

    @staticmethod
    def diff(
        found: dict, old_files: dict[str, dict], *, stale_reasons: bool = False, stale_large_hashes: bool = False
    ) -> Diff:
        """Files whose signature changed are loaded again, unless their contents hash the same
        (then only the new signature is remembered). `stale_reasons`: the reasons files were
        skipped with are worded as an older reader worded them: the files that have one are
        loaded again too. `stale_large_hashes`: the files over MOST_HASHED were hashed as an
        older reader hashed them (layout.LARGE_FILE_HASHES): the unchanged ones are hashed
        again, not loaded."""
        out = Diff(jobs=[], unchanged_keys=[], removed_keys=[], touched=False)
        changed = found
        if isinstance(old_files, statedb.FileEntries):
            # Only the entries of the files whose signature changed, or that went, are read; the
            # others are unchanged (each signature compared once: 20,000 files, ~0.1 s a time).
            same = old_files.same_signature
            unchanged = {key for key, (_, _, signature) in found.items() if same(key, signature)}
            if unchanged:
                changed = {key: found[key] for key in found if key not in unchanged}
            old_files.preload(list(changed))
            old_files.preload([key for key in old_files if key not in found])
        for key, (path, root, signature) in changed.items():
            old = old_files.get(key)
            if old is not None and (old.get("duplicates") or (stale_reasons and old.get("skipped"))):
                # It lost an id to another file: loaded again, so that its article comes back
                # once the other file is gone (or renamed), and is reported while it is not.
                # Or it was skipped with a reason an older reader worded: told in today's words.
                out.jobs.append((key, path, root, signature, None))
                continue
            if old is not None and old.get("signature") == signature:
                out.unchanged_keys.append(key)
                continue
            digest = None
            if old is not None:
                digest = _content_hash(path)
                if digest is not None and digest == old.get("hash"):
                    old["signature"] = signature  # touched, not changed
                    out.touched = True
                    out.unchanged_keys.append(key)
                    continue
            out.jobs.append((key, path, root, signature, digest))
        if changed is not found:  # every unchanged key, in the scan's order
            unchanged.update(out.unchanged_keys)
            out.unchanged_keys = [key for key in found if key in unchanged]
        out.removed_keys = [k for k in old_files if k not in found]
        _read_again_as_folders_say(out, found, old_files)
        if stale_large_hashes:
            from reader.corpus.regular_file import MOST_HASHED

            for key in out.unchanged_keys:
                path, _root, signature = found[key]
                if signature and signature[0] > MOST_HASHED:
                    digest = _content_hash(path)
                    if digest is not None and digest != old_files[key].get("hash"):
                        old_files[key]["hash"] = digest
                        out.touched = True
        return out

    # -- assign ids -----------------------------------------------------------------------------
    def assign_ids(self, records: list[dict], unchanged_keys: list[str], old_files: dict[str, dict]) -> NewArticles:
        """Decide ids: an id already kept (unchanged file, or earlier in this run) wins; the
        other article is skipped with the reason, as is one that cannot be written."""
        new = NewArticles(file_of={}, articles=[], quotes={}, features={}, file_entries={})
        if isinstance(old_files, statedb.FileEntries):
            new.file_of.update(self._held_ids(records, unchanged_keys))
        else:
            for key in unchanged_keys:
                for aid in old_files[key]["ids"]:
                    new.file_of[aid] = key
        # A file that lost an id before loses it again (a file that changed beside it does not
        # take the id over); otherwise the first file key wins.
        for rec in sorted(records, key=lambda r: (bool(old_files.get(r["key"], {}).get("duplicates")), r["key"])):
            ids, duplicates, problems = [], [], list(rec["skipped"])
            places = spill.places(rec["spill"], len(rec["articles"])) if rec.get("spill") else None
            for index, art in enumerate(rec["articles"]):
                features = (rec.get("features") or {}).get(art["id"])
                problem = rec["unwritable"].get(index)
                if problem:  # one bad article must not fail the whole update
                    problems.append({"path": art["path"], "reason": f"not indexed: {problem}"})
                    continue
                if art["id"] in new.file_of:
                    # Kept with the file's other problems: every list and index repeats it.
                    problems.append(
                        {
                            "path": art["path"],
                            # Named: with two corpus folders the other is not beside it.
                            "reason": f"same id {art['id']!r} as {self._path(new.file_of[art['id']])} (ids are "
                            "paths without the extension); rename one of them",
                        }
                    )
                    duplicates.append(art["id"])
                    continue
                new.file_of[art["id"]] = rec["key"]
                ids.append(art["id"])
                new.articles.append(art)
                if places is not None:
                    path, within = places[index]
                    new.spilled[art["id"]] = (path, rec["key"], within)
                else:
                    new.quotes[art["id"]] = rec["quotes"].get(art["id"], [])
                new.features[art["id"]] = features
                if packed := (rec.get("packed") or {}).get(art["id"]):
                    new.packed[art["id"]] = packed
            problems = file_problems(problems, self._path(rec["key"]))
            new.file_entries[rec["key"]] = {
                "signature": rec["signature"],
                "hash": rec["hash"],
                "ids": ids,
                "skipped": problems,
            }
            if duplicates:
                new.file_entries[rec["key"]]["duplicates"] = duplicates
            if "folder_answer" in rec:
                new.file_entries[rec["key"]]["folder_answer"] = rec["folder_answer"]
            self.report.skipped.extend(problems)
        return new

    def _held_ids(self, records: list[dict], unchanged_keys: list[str]) -> dict[str, str]:
        """{id: file key} of the loaded articles' ids that an unchanged file holds (its rows read
        by key: an article row's path is its file's key)."""
        ids = [art["id"] for rec in records for art in rec["articles"]]
        rows = self.db.article_rows(ids)
        if rows is None:
            raise statedb.StateUnreadable("the state database's articles cannot be read by id")
        path_at = statedb.ARTICLE_COLUMNS.index("path")
        unchanged = set(unchanged_keys)
        return {aid: row[path_at] for aid, row in rows.items() if row[path_at] in unchanged}

    def _path(self, key: str) -> str:
        """The absolute path of the file a key names (as reports give it)."""
        return roots_table.resolve(key, self.table)

    def count(self, new: NewArticles, diff: Diff, old_files: dict[str, dict]) -> None:
        old_ids_of = {k: set(old_files[k]["ids"]) for k in list(new.file_entries) + diff.removed_keys if k in old_files}
        previously = set().union(*old_ids_of.values()) if old_ids_of else set()
        now_ids = {a["id"] for a in new.articles}
        moved = self._renamed_ids(new, old_files)
        self.report.renamed = moved
        self.report.updated = len(now_ids & previously - set(moved.values()))  # a swapped file: renamed
        self.report.indexed = len(now_ids - previously - set(moved.values()))
        self.report.removed = len(previously - now_ids - set(moved))
        self.report.unchanged = self._unchanged_count(diff, old_files)

    @staticmethod
    def _unchanged_count(diff: Diff, old_files: dict[str, dict]) -> int:
        """The articles of the unchanged files: with the entries read by key, those of every
        file (counted by the database) but the ones read (every other file is unchanged)."""
        if isinstance(old_files, statedb.FileEntries):
            total = old_files.ids_count()
            if total is not None:
                unchanged = set(diff.unchanged_keys)
                return total - sum(len(e["ids"]) for k, e in old_files.held_items() if k not in unchanged)
            old_files.read_all()  # an SQLite without its JSON functions: every entry, at once
        return sum(len(old_files[k]["ids"]) for k in diff.unchanged_keys)

    # -- group stories ----------------------------------------------------------------------------
    def records_here(self, new: NewArticles) -> None:
        """The story records a worker could not compute: here, from the text."""
        reader = spill.Reader()
        for art in new.articles:
            if new.features.get(art["id"]) is None:
                new.features[art["id"]] = story_groups.as_json(story_groups.features_here(*new.full(art, reader)))
                if art["id"] in new.spilled:
                    new.records_here.add(art["id"])

    def group_stories(self, ix, state: dict, new: NewArticles, stale_keys: set[str]) -> Grouping:
        """Stories over the whole corpus as it will be after this update."""
        old_files = state["files"]
        stale_ids = {aid for k in stale_keys if k in old_files for aid in old_files[k]["ids"]}

        def kept_infos() -> dict[str, dict]:  # the rows as read: record() replaces those it changes
            return {aid: info for aid, info in state["articles"].items() if aid not in stale_ids}

        if not self.index.group_stories:
            # Stories from metadata only: unchanged articles keep theirs, nothing is read back.
            infos = kept_infos()
            arts = [
                SimpleNamespace(id=aid, title=info.get("title"), story=info.get("story")) for aid, info in infos.items()
            ]
            arts += [SimpleNamespace(id=a["id"], title=a["title"], story=a["story"]) for a in new.articles]
            return Grouping(story_groups.metadata_stories(arts), None, [], infos)
        before = self._dates_before(state)
        dates = before if before is not None else _dates_of(state["articles"])
        versions = self._version_chains(state, stale_ids, new)
        links = versions.links()
        grouped = story_groups.stories_incrementally(
            ix,
            self.db,
            self.index_dir,
            state,
            dates,
            stale_ids,
            new.articles,
            new.features,
            self._grouping_rounds(),
            self.report.renamed,
            self._counting(TAKING_CHANGES if old_files else GROUPING_NEW),
            links,
        )
        if grouped is not None:
            stories, stats, unchanged_stored, tops, dissolved = grouped
            rows_kept = None if before is not None else kept_infos()
            return Grouping(
                stories,
                stats,
                unchanged_stored,
                rows_kept,
                tops,
                before=before,
                dissolved=dissolved or [],
                stories_before=dates,
                versions=versions,
            )
        # Every record is read back from the index (no text is analysed again).
        unchanged_stored = story_groups.unchanged_documents(ix, stale_keys)
        records: list[dict | str | bytes] = [story_groups.stored_features(d) for d in unchanged_stored]
        if old_files:  # (a first build's are the new articles' alone)
            versions = story_groups.version_chains([*map(store.article_from_stored, unchanged_stored), *new.articles])
            links = versions.links()
        if new.spilled and len(new.spilled) == len(new.articles):
            grouped = self._group_spilled(records, new, links)
            if grouped is None:  # cancelled
                return Grouping([], None, [], {})
            stories, stats, tops = grouped
        else:
            records += [f for a in new.articles if (f := new.features[a["id"]]) is not None]  # all, filled above
            try:
                stories, stats, tops = self._cluster_here(records, len(records), links)
            except _GroupingStopped:  # the index stays as the last update left it
                self.report.cancelled = True
                return Grouping([], None, [], {})
        infos = {d["id"]: info_dict(d) for d in unchanged_stored}
        return Grouping(stories, stats, unchanged_stored, infos, tops, tops_reset=True, versions=versions)

    def _held_by_kept(self, changes: statedb.StoryChanges) -> Callable[[set[str]], set[str]]:
        """keep_story_ids' question of the stories the update keeps: which of these ids they hold."""
        dissolved = set(changes.removed)

        def held(ids: set[str]) -> set[str]:
            found = self.db.grouped_story_ids(sorted(ids - dissolved))
            if found is None:
                raise statedb.StateUnreadable("the state database's stories cannot be read by id")
            return found

        return held

    def _dates_before(self, state: dict) -> dict[str, tuple[str | None, str | None]] | None:
        """{id: (date, story)} of every article the state database holds, read instead of their
        whole rows (a state read lazily from the database, whose articles were not read yet);
        None when the whole rows are used (a state rebuilt from the index, or already read)."""
        if not getattr(state, "partly_read", False) or "articles" in state:
            return None
        return self.db.article_dates()

    def _version_chains(self, state: dict, stale_ids: set[str], new: NewArticles) -> Replacements:
        """The chains of versions among the articles after this update (story_groups.version_chains):
        the stored rows a chain can involve (every row when those cannot be read), less the
        articles the update takes away, with its new ones. The grouping takes their links, the
        save writes them (worked out once: 0.1-0.2 s at 50,000 articles, bench_version_links.py)."""
        naming = [art for art in new.articles if art.get("previous")]  # (their pages' articles may stand in)
        urls, named = [art["url"] for art in naming if art.get("url")], [art["previous"] for art in naming]
        rows = self.db.chain_rows(urls, named) if state["files"] else []
        if rows is None:
            rows = list(state["articles"].values())
        kept = [row for row in rows if row["id"] not in stale_ids]
        return story_groups.version_chains([*kept, *new.articles])

    def _add_notice(self, message: str) -> None:
        """Say `message` on the report's notice line, after what it says already."""
        self.report.notice = f"{self.report.notice}; {message}" if self.report.notice else message

    def _cluster_here(self, records: Iterable, total: int, links: dict[str, str] | None = None):
        """story_groups.cluster_records over the `total` records, in this process, counted as the
        grouping's process counts (store.records_grouped): each article a quarter at each of its
        two readings, once its partners were looked for and once compared."""
        grouped = self._counting("grouping the stories")
        tally = [0] * store.TALLY_SLOTS

        def counting(done: int, total: int) -> None:
            # Stopped as it goes (the app's quit, its worker cancelled): every story of a big
            # corpus grouped again (an index grouped before the links of versions) takes minutes.
            # Asked at every count (as cheap as the count): every 200th left 8 s between two
            # asks at 10,000 articles, 4 s so (bench/bench_grouping_cancel.py).
            if self.cancel():
                raise _GroupingStopped
            grouped(done, total)

        def on_read() -> None:
            tally[store.RECORDS_READ] += 1
            counting(store.records_grouped(tally), total)

        def on_compared(done: int) -> None:
            tally[store.ARTICLES_COMPARED] = done
            counting(store.records_grouped(tally), total)

        def on_searched(done: int) -> None:
            tally[store.ARTICLES_SEARCHED] = done
            counting(store.records_grouped(tally), total)

        from reader.analysis.cancel import Cancelled

        try:  # (the clustering after the last count asks cancel() itself)
            return story_groups.cluster_records(records, on_read, on_compared, on_searched, links, self.cancel)
        except Cancelled:
            raise _GroupingStopped from None

    def _grouping_rounds(self):
        """progress(done, total, round) for the incremental grouping: a round after the first
        goes over the region's articles again, the region having grown, and says which it is
        (one count going on past the corpus's size read as wrong: "8994/9080" of 4,105)."""
        counts: dict[int, Callable[[int, int], None]] = {}

        def count(done: int, total: int, round_number: int) -> None:
            counting = counts.get(round_number)
            if counting is None:
                again = f", pass {round_number}" if round_number > 1 else ""
                counting = counts[round_number] = self._counting(f"grouping the stories{again}")
            counting(done, total)

        return count

    def _counting(self, message: str):
        """progress(done, total) for a step counted here, passed on at most PROGRESS_STEPS
        times (and at its end): a call per article would cost more than the drawing is worth."""
        shown = [-1, -1]

        def count(done: int, total: int) -> None:
            if total == shown[1] and done <= shown[0]:
                return  # never back (the grouping's next round goes over the same articles again)
            if total != shown[1] or done == total or done - shown[0] >= max(1, total // PROGRESS_STEPS):
                shown[:] = [done, total]
                self.progress(done, total, message)

        return count

    def _group_spilled(self, first: list, new: NewArticles, links: dict[str, str] | None = None):
        """(stories, stats, top terms) of a large load's articles, grouped by a process of its own that
        reads their story records from the spill: the grouping's vectors live and die there, and
        that process holds nothing else (the parent keeps the records' texts for the state
        database, the loading workers their caches); None when cancelled."""
        from concurrent.futures.process import BrokenProcessPool

        parts: list[tuple[str, list]] = []
        for art in new.articles:
            aid = art["id"]
            path, key, index = new.spilled[aid]
            if not parts or parts[-1][0] != path:
                parts.append((path, []))
            parts[-1][1].append((key, index, new.features[aid] if aid in new.records_here else None))
        # Counted as the grouping reads the records (twice each), looks for each one's partners
        # and scores its pairs (store.records_grouped).
        total = len(first) + len(new.articles)

        # A grouping process the kernel killed for memory is tried once more in a fresh one (the
        # pressure may have been a moment's: other programs, other workers), never in this process:
        # it holds the loaded articles besides, so it would run out sooner, and take the app with it.
        def in_worker(label: str):
            reading = self.pool.reporting(store.records_grouped, total, label, self.progress)
            return self.pool.call(group_spilled, (first, parts, links), self.cancel, reading)

        try:
            return in_worker("grouping the stories")
        except BrokenProcessPool:  # (the writers started meanwhile write on)
            self._add_notice(GROUPING_WORKER_DIED)
        try:
            return in_worker(GROUPING_AGAIN)
        except BrokenProcessPool:
            what_stands = NOTHING_SAVED if self.resume is None else LOADING_KEPT
            advice = run_advice(self.index.command_line("index"))
            died = GROUPING_WORKERS_DIED.format(articles=total, mb=grouping_memory_mb(total))
            grouping_memo.remember(
                self.index_dir, self.corpus_size, total, grouping_memory_mb(total), self.memory_at_scan
            )
            raise GroupingWorkerDied(said(died, what_stands, advice)) from None

    # -- write --------------------------------------------------------------------------------
    def write(
        self, ix, stale_keys: set[str], new: NewArticles, story_of: dict, restory: list[dict], started=None
    ) -> bool:
        """Delete stale documents and add new ones in one commit (`started`: the segments being
        written already, _start_segments). False when cancelled."""
        total = len(new.articles) + len(restory)
        # (none in an empty index: a first build's thousands of keys would flash by, counted)
        stale = (
            [("file", key) for key in stale_keys] + [("id", doc["id"]) for doc in restory] if ix.doc_count_all() else []
        )
        self.progress(*((0, len(stale), REMOVING) if stale else (0, total, "writing the index")))
        writer = store.writer(ix, self.index.lock_timeout)
        committed = False
        try:
            if stale:
                if not self._delete_stale(writer, stale):
                    return False
                self.progress(0, total, "writing the index")
            segments = []
            if self._written_by_workers(new):
                # Imported only here: a small update uses no worker (concurrent.futures and
                # the logging it brings are ~15 ms of a 10-file update's start).
                from concurrent.futures.process import BrokenProcessPool

                try:
                    segments = self._write_segments(new, story_of, total, started)
                except BrokenProcessPool:
                    segments = []  # a worker died: write everything here instead
                    self._add_notice(WRITING_WORKER_DIED)
                    if not self._add_here(writer, self._documents(new, new.articles, story_of), total):
                        return False
                if segments is None:
                    return False
            elif not self._add_here(writer, self._documents(new, new.articles, story_of), total):
                return False
            # Unchanged articles whose story changed: their documents are written again.
            if not self._add_here(writer, restory, total, done=len(new.articles)):
                return False
            if self.cancel():
                return False
            # Durably, before the commit: the marks follow these once it is made, even when
            # this process is killed before they do (pending_renames.py).
            pending_renames.record(self.index_dir, self.wdir.name, ix.latest_generation(), self.report.renamed)
            self.progress(0, 0, SAVING)
            # Counted: a small update's postings wait in memory until the commit writes them.
            store.commit_segments(writer, [seg for seg, _ in segments], merge=False, progress=self._counting(SAVING))
            committed = True
        finally:
            if not committed:
                store.abandon(writer)  # releases Whoosh's lock; its files are cleaned by the caller
        self._merge_if_piled_up()
        return True

    def _delete_stale(self, writer, stale: list[tuple[str, str]]) -> bool:
        """Delete the documents of these (field, value) terms, counted; False when cancelled."""
        count = self._counting(REMOVING)
        for done, (name, value) in enumerate(stale, 1):
            writer.delete_by_term(name, value)
            count(done, len(stale))
            if done % 200 == 0 and self.cancel():
                return False
        return True

    def _documents(self, new: NewArticles, articles: list[dict], story_of: dict) -> Iterator[dict]:
        """The documents of these new articles, made one at a time (spilled ones read back)."""
        reader = spill.Reader()
        for art in articles:
            aid = art["id"]
            full, quotes = new.full(art, reader)
            yield store.make_document(full, quotes, story_of.get(aid), self._file_meta(new, aid), new.features.get(aid))

    def _file_meta(self, new: NewArticles, aid: str) -> dict:
        key = new.file_of[aid]
        return dict(new.file_entries[key], key=key)

    def _add_here(self, writer, docs: Iterable[dict], total: int, done: int = 0) -> bool:
        """Add documents with this process's writer, counted on from `done` of `total` (every
        document of a small update: the 180 of a first build were one frozen "0/180" before);
        False when cancelled."""
        from reader.corpus.outlets import registry_held

        step = max(1, total // PROGRESS_STEPS)
        with registry_held():  # each document's outlet spellings: one look at outlets.yaml, not one a document
            for doc in docs:
                writer.add_document(**doc)
                done += 1
                if done % step == 0:
                    self.progress(done, total, "writing the index")
                if done % 200 == 0 and self.cancel():
                    return False
        return True

    def _start_segments(self, new: NewArticles) -> dict | None:
        """Start writing a large load's segments before its stories are known: the workers index
        the spilled articles while the stories are grouped, then wait for them (spill.py). None
        when the articles are not all spilled or too few for workers."""
        if self.spill_dir is None or len(new.spilled) != len(new.articles) or not self._written_by_workers(new):
            return None
        return self.pool.start_segments(self._segment_parts(new, None))

    def _written_by_workers(self, new: NewArticles) -> bool:
        """Whether workers write the new articles: many, or loaded by workers (a large file's few
        hundred long articles, written here, held the app's interpreter too)."""
        return self.pool.parallel(len(new.articles)) or (self.spill_dir is not None and bool(new.articles))

    def _write_segments(self, new: NewArticles, story_of: dict, total: int, started: dict | None):
        """The new articles written by the workers as uncommitted segments (or those `started`)."""
        parts = [] if started is not None else self._segment_parts(new, story_of)

        def progress(done: int, of: int, message: str) -> None:
            # Every document added, the workers write their segments' files out (1 s at
            # 10,000 articles, under a full count): the index is being saved.
            self.progress(*((0, 0, SAVING) if of and done >= of else (done, of, message)))

        return self.pool.write_segments(parts, progress, self.cancel, total, started)

    def _segment_parts(self, new: NewArticles, story_of: dict | None) -> list[tuple]:
        """The workers' parts (pool.start_segments): spilled articles read back from their spill
        files by the worker, others sent as documents. Without `story_of`, the stories are
        handed to the workers later (spill.write_stories)."""
        articles = new.articles
        # One segment per ~5,000 articles, at least one per worker, and never so many that the
        # commit would be followed at once by a merge.
        count = max(self.pool.workers, min(MAX_SEGMENTS - 2, (len(articles) + SEGMENT_SIZE - 1) // SEGMENT_SIZE))
        size = (len(articles) + count - 1) // count
        wdir = str(self.wdir)
        parts: list[tuple] = []
        if story_of is None:
            # The stories come later: each worker indexes all its segments before it waits
            # for them (store.write_spilled_segments), not one segment each then waits.
            # Each worker a run of consecutive chunks (as many as in turn, give or take one): the
            # segments, listed part by part, keep the articles' order at any number of workers.
            chunks = [articles[start : start + size] for start in range(0, len(articles), size)]
            each, more = divmod(len(chunks), self.pool.workers)
            ends = [(w + 1) * each + min(w + 1, more) for w in range(self.pool.workers)]
            for mine in (chunks[end - each - (w < more) : end] for w, end in enumerate(ends)):
                if mine:
                    spilled = [self._spilled_parts(new, chunk, {}) for chunk in mine]
                    counts = [len(chunk) for chunk in mine]
                    parts.append((store.write_spilled_segments, wdir, spilled, counts, str(self.spill_dir)))
            return parts
        for start in range(0, len(articles), size):
            chunk = articles[start : start + size]
            if all(art["id"] in new.spilled for art in chunk):
                parts.append((store.write_spilled_segment, wdir, self._spilled_parts(new, chunk, story_of), len(chunk)))
            else:
                parts.append((store.write_segment, wdir, list(self._documents(new, chunk, story_of)), len(chunk)))
        return parts

    def _spilled_parts(self, new: NewArticles, articles: list[dict], story_of: dict) -> list:
        """store.spilled_documents' parts for these spilled articles: by spill file, in order."""
        parts: list[tuple[str, list]] = []
        for art in articles:
            aid = art["id"]
            path, key, index = new.spilled[aid]
            # A story record the parent computed replaces the spilled one (None there).
            record = new.features.get(aid) if aid in new.records_here else None
            if not parts or parts[-1][0] != path:
                parts.append((path, []))
            parts[-1][1].append((key, index, story_of.get(aid), self._file_meta(new, aid), record))
        return parts

    def _merge_if_piled_up(self) -> None:
        """The changes are committed and visible; now, only when segments have piled up and some
        are small enough to merge cheaply (store.segments_to_merge), merge those in a second
        commit (readers keep using the first one meanwhile)."""
        segments = whoosh_internals.segments(store.open_unchecked(self.wdir))
        if len(segments) <= MAX_SEGMENTS or not store.segments_to_merge(segments) or self.cancel():
            return
        self.progress(0, 0, TIDYING)
        merger = store.writer(store.open_unchecked(self.wdir), self.index.lock_timeout)
        try:
            # Counted: it rewrites what piled up since the last merge (9 s at 4,000 articles here).
            store.commit_segments(merger, [], merge=True, progress=self._counting(TIDYING))
        except BaseException:
            store.abandon(merger)
            raise

    # -- record ---------------------------------------------------------------------------------
    def record(self, old_files: dict[str, dict], new: NewArticles, grouping: Grouping, stale_keys: set[str]) -> None:
        """Write the state of the commit just made (after it: see the module's docstring)."""
        story_of = grouping.story_of()
        state: dict = {"schema": store.SCHEMA_VERSION, "generation": None, "stories": grouping.stories}
        changes = None
        if grouping.unchanged_infos is None:
            assert grouping.before is not None
            try:
                changes = self._article_changes(old_files, new, grouping.before, story_of, stale_keys)
            except statedb.StateUnreadable:
                # After the commit: as a save that cannot write its changes, the database is
                # removed and the state is made again from the index's stored fields.
                self.db.remove()
                return
            expected = changes.count()
        else:
            articles = state["articles"] = grouping.unchanged_infos
            for art in new.articles:
                articles[art["id"]] = store.article_row(art, story_of.get(art["id"]), new.file_of[art["id"]])
            for aid, info in articles.items():
                story = story_of.get(aid)
                if info.get("story") != story:  # a new row: the state read may be a reader's too
                    articles[aid] = dict(info, story=story)
            expected = len(articles)
        files: dict[str, dict] | statedb.FileEntries
        if isinstance(old_files, statedb.FileEntries):  # its own: changed in place, in a dict's order
            files = old_files
            for key in stale_keys:
                if key in files:
                    del files[key]
        else:
            files = {k: v for k, v in old_files.items() if k not in stale_keys}
        files.update(new.file_entries)
        state["files"] = files
        ix = store.open_unchecked(self.wdir)
        if ix.doc_count() != expected:  # from the table of contents: no segment is opened
            raise count_mismatch(ix.doc_count(), expected, self.index.command_line)
        self.write_state(
            state,
            ix,
            {aid: new.packed.get(aid) or record for aid, record in new.features.items() if record is not None},
            grouping.tops,
            grouping.tops_reset,
            changes=changes,
            versions=grouping.versions,
        )
        if grouping.stats is not None:
            story_groups.write_story_stats(self.index_dir, grouping.stats, state)
        self.index._remember_state(state)

    def _article_changes(
        self,
        old_files: dict[str, dict],
        new: NewArticles,
        before: dict[str, tuple[str | None, str | None]],
        story_of: dict[str, str],
        stale_keys: set[str],
    ) -> statedb.ArticleChanges:
        """The rows the diff of every article row would write (record()), found from `before`
        ({id: (date, story)} of every article before) and the few rows read by key: those of
        the unchanged articles whose story changed, and the old rows of the (re)loaded ones."""
        stale = {aid for key in stale_keys if key in old_files for aid in old_files[key]["ids"]}
        now = {art["id"] for art in new.articles}
        restoried = [aid for aid, (_, story) in before.items() if aid not in stale and story != story_of.get(aid)]
        old_rows = self.db.article_rows(restoried + [aid for aid in now if aid in before])
        if old_rows is None or any(aid not in old_rows for aid in restoried):
            raise statedb.StateUnreadable("the state database's articles cannot be read by id")
        story_at = statedb.ARTICLE_COLUMNS.index("story")
        rows = [(*old_rows[aid][:story_at], story_of.get(aid), *old_rows[aid][story_at + 1 :]) for aid in restoried]
        for art in new.articles:
            aid = art["id"]
            row = statedb.article_row(store.article_row(art, story_of.get(aid), new.file_of[aid]))
            if old_rows.get(aid) != row:
                rows.append(row)
        return statedb.ArticleChanges(
            gone={aid for aid in stale if aid in before and aid not in now},
            rows=rows,
            before=before,
            added={aid for aid in now if aid not in before},
        )

    def record_signatures(self, ix, state: dict, diff: Diff, new: NewArticles) -> None:
        """No article changed: only remember new signatures (touched files, skipped files)."""
        if (
            diff.touched
            or diff.removed_keys
            or new.file_entries
            or state.get("from_index")
            or (meta := self.db.meta()) is None
            or meta.get("layout") != statedb.LAYOUT  # an older database: written in this layout
            # Built with the other --follow-links: the scan may match, the recorded setting must too.
            or bool(meta.get("follow_links")) != bool(self.index.follow_links)
            or meta.get("rules") != self.rules
            or meta.get("reasons") != layout.SKIP_REASONS
            or meta.get("large_hashes") != layout.LARGE_FILE_HASHES
            or self.scan_watch != self.db.watched()
            or self.scan_skipped != state.get("scan_skipped")
            # No checksums of this commit (a process killed before it recorded them, an older
            # reader): without them the next update could not tell there is nothing to do
            # without opening the index (noop.py).
            or not checksums.names_commit(self.index_dir, Path(ix.storage.folder).name, ix.latest_generation())
        ):
            for key in diff.removed_keys:
                del state["files"][key]
            state["files"].update(new.file_entries)
            self.write_state(state, ix)

    def write_state(
        self,
        state: dict,
        ix,
        features: dict[str, str | bytes] | None = None,
        tops: dict[str, bytes] | None = None,
        tops_reset: bool = False,
        table: dict[str, str] | None = None,
        changes: statedb.ArticleChanges | None = None,
        versions: Replacements | None = None,
    ) -> None:
        """`table`: the root table to record (by default this update's, without the folders no
        longer given: their files are gone from the index once the update ran to its end);
        `versions`: the chains of versions of the articles as `state` leaves them (Grouping)."""
        state.pop("from_index", None)
        state["generation"] = ix.latest_generation()
        state["dir"] = Path(ix.storage.folder).name
        state["schema"] = store.SCHEMA_VERSION
        state["roots"] = [os.path.abspath(r) for r in self.index.roots]
        final = table if table is not None else roots_table.current(self.table, state["roots"])
        state["follow_links"] = bool(self.index.follow_links)
        state["scan_skipped"] = list(self.scan_skipped)
        state["rules"] = self.rules
        state["reasons"] = layout.SKIP_REASONS
        state["large_hashes"] = layout.LARGE_FILE_HASHES
        state["stories_given"] = not self.index.group_stories  # their own table (statedb)
        self.db.save(state, self.scan_watch, features, tops, tops_reset, changes, versions)
        if final != self.table:  # the folders no longer given: their files are gone
            roots_table.write_table(self.index_dir, final)
            self.table = final
        (self.index_dir / STATE_NAME).unlink(missing_ok=True)  # an older version's state file
        checksums.record(self.index_dir, ix)  # to detect damage to the committed files later
