"""`reader index` when nothing changed, without the search engine (no Whoosh import).

Under the write lock: scan the corpus (scan.py) and compare each file's signature with the state
database's text of it, the watched folders, the walk's problems and --follow-links with theirs; check that the
state describes the last commit and that every byte of the committed files matches the checksums
recorded for that commit (its table of contents included, so the segments it names are those
recorded). When all of that holds, the update would find nothing to do and write nothing: the
report says so (the links of versions the last save owes the marks file aside: kept now).
Anything else (a change, a state to repair, a rebuild left behind, no checksums for this
commit) goes to the full update (update.py), which gets the scan made here.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from reader import config
from reader.index import checksums, layout, lock
from reader.index import roots as roots_table
from reader.index.problems import file_problems
from reader.index.scan import SCANNING, Scan, ScanCancelled, counting_scan, scan
from reader.index.state import IndexNotWritable, IndexReport, check_location
from reader.index.statedb import LAYOUT, LinkKeeper, StateDB


def check(
    roots: list[Path],
    index_dir: Path,
    follow_links: bool,
    lock_timeout: float,
    thorough: bool,
    progress: Callable[[int, int, str], None],
    links: LinkKeeper | None = None,
    cancel: Callable[[], bool] | None = None,
) -> tuple[IndexReport | None, Scan | None]:
    """(the report of an update that finds nothing changed, None), or (None, the scan) when
    the full update has work to do. With `links` (where the links of versions are kept), those
    the last save could not read or keep are kept now (StateDB.keep_owed_links). Cancelled
    during the scan (`cancel`), the report of a cancelled update (nothing written)."""
    started = time.perf_counter()
    check_location(roots, index_dir)
    unwritable: IndexNotWritable | None = None
    try:
        held = lock.acquire(index_dir, lock_timeout, progress)
    except IndexNotWritable as exc:
        # A read-only folder (a read-only mount, another user's): nothing can update it, so the
        # check needs no lock; an index that is up to date is said to be, not refused.
        if not layout.has_index(Path(index_dir)):
            raise
        held, unwritable = None, exc
    try:
        progress(0, 0, SCANNING)
        recorded = roots_table.read_table(Path(index_dir))
        on_file = counting_scan(progress, StateDB(index_dir).file_count())
        table = roots_table.assign(recorded, [os.path.abspath(r) for r in roots])
        try:
            found = scan(roots, follow_links, table, on_file, cancel)
        except ScanCancelled:
            return IndexReport(cancelled=True, seconds=time.perf_counter() - started), None
        report = _unchanged(Path(index_dir), found, thorough, follow_links)
        if report is not None and held is not None and links is not None:
            _keep_owed_links(Path(index_dir), links)
    finally:
        if held is not None:
            lock.release(held)
    if report is None and unwritable is not None:
        raise unwritable
    if report is None:
        return None, found
    report.seconds = time.perf_counter() - started
    return report, None


def _keep_owed_links(index_dir: Path, links: LinkKeeper) -> None:
    """The links of versions an update could not read or keep (the marks file locked longer than
    it waits: a long `state import`): an update that finds nothing changed wrote nothing, and
    they waited for one that changed something. Left owed on a failure: this answer stands."""
    import sqlite3

    try:
        StateDB(index_dir, links).keep_owed_links()
    except (sqlite3.Error, OSError):
        pass  # (a full disk, a read-only database: the next update tries again)


def _unchanged(index_dir: Path, found: Scan, thorough: bool, follow_links: bool) -> IndexReport | None:
    from reader.index.ownership import is_own_whoosh_folder

    folder = layout.current_name(index_dir)
    generation = layout.latest_generation(index_dir / folder)
    if generation < 0:
        return None
    if any(name != folder and is_own_whoosh_folder(index_dir / name) for name in os.listdir(index_dir)):
        return None  # a folder left by an interrupted rebuild: the update deletes it
    view = StateDB(index_dir).signatures()
    if view is None:
        return None
    meta, signatures, watched, count, problems = view
    if (
        meta.get("layout") != LAYOUT
        or meta.get("schema") != layout.SCHEMA_VERSION
        or meta.get("dir") != folder
        or meta.get("generation") != generation
        # Built with the other --follow-links: the update records this run's setting (readers
        # compare it, core.freshness), even when the scan finds the same files.
        or bool(meta.get("follow_links")) != bool(follow_links)
        or not config.same_outlets_rules(meta.get("rules"), config.user_outlets_stamp())  # the update rebuilds it
        or meta.get("reasons") != layout.SKIP_REASONS  # the update reads again the files skipped with one
        or meta.get("large_hashes") != layout.LARGE_FILE_HASHES  # the update hashes files over 1 GB again
        or roots_table.read_table(index_dir) != found.table  # a corpus folder new to the index
        or watched != found.watch
        or list(meta.get("scan_skipped") or []) != found.scan_skipped
        or len(signatures) != len(found.found)
    ):
        return None
    for key, (_, _, signature) in found.found.items():
        # statedb.signature_text() of a scan's signature, four ints (without its checks: 10,000s)
        if signatures.get(key) != "[%d,%d,%d,%d]" % tuple(signature):
            return None
    if not checksums.intact(index_dir, folder, generation, full=thorough):
        return None
    report = IndexReport(unchanged=count, skipped=list(found.skipped))
    if problems:
        for key in found.found:
            report.skipped.extend(file_problems(problems.get(key) or [], roots_table.resolve(key, found.table)))
    return report
