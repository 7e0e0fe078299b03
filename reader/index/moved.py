"""A corpus folder moved or renamed keeps its index (no Whoosh import here; update.py rewrites).

The default index folder is named after the corpus folder's path (config.default_index_dir): after
`mv ~/news ~/archive/news` the corpus would be indexed again from scratch, though no article
changed. Two steps carry it over instead:

- find(): when the corpus's own index folder holds no index, a sibling index folder (in the cache)
  whose every recorded corpus folder is gone from disk and whose files are, for the most part
  (MOVED_SHARE of a sample), files of this corpus with the same size and time (or contents) is
  taken over: take_over() moves its entries into this corpus's index folder, under both folders'
  locks. An index whose folder still exists is never taken (a copy gets its own index, and the
  original's stays as it is).
- mapping(): at an update, when the roots the index recorded are gone (or, for the index folder the
  corpus is configured with, merely no longer its roots: the user pointed it at a copy or a new
  place) and this corpus's roots hold their files, the update points the old roots' tokens at the
  new folders (update.py: IndexUpdate._reroot; the index names a file by its root's token and its
  path under it, roots.py), without reading the files or rewriting a document; then its scan
  compares every file as usual, so a file
  that changed, appeared or went away is indexed again, added or removed before anything is served.

The share is only a judgement that this is the same corpus: correctness rests on the update's
check of every file, as for any other update.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable

from reader import config
from reader.index import layout
from reader.index.state import LOCK_NAME
from reader.wording import WAITING_FOR_ANOTHER

MOVED_SHARE = 0.8  # as the read marks (reader.state.marks.MOVED_SHARE)
SAMPLE = 200  # files compared per recorded root
CARRIED = "index carried over from {old}: the corpus folder moved; only changed files are read again"
RELINKED = "index carried over from {old}: the corpus is a copy of it now; only changed files are read again"


def _under(path: str, root: str) -> str | None:
    """`path` relative to `root` ("" for the root itself), or None when it is not under it."""
    if path == root:
        return ""
    prefix = os.path.join(root, "")
    return path[len(prefix) :] if path.startswith(prefix) else None


def translate(path: str, moves: dict[str, str]) -> str:
    """`path` under its new root when it was under a moved one, else as it is."""
    for old, new in moves.items():
        rel = _under(path, old)
        if rel is not None:
            return os.path.join(new, rel) if rel else new
    return path


def _same_file(path: str, signature, digest, check_contents: bool) -> bool:
    """Whether the file at `path` is the recorded one: the same size and modification time, or
    (a copy that kept no times) the same size and contents."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if not isinstance(signature, list) or len(signature) < 2 or st.st_size != signature[0]:
        return False
    if st.st_mtime_ns == signature[1]:
        return True
    if not check_contents or not isinstance(digest, str):
        return False
    from reader.index.store import content_hash  # Whoosh: only for a file whose time changed

    try:
        return content_hash(Path(path)) == digest
    except OSError:
        return False


def _share(files: dict[str, tuple], old: str, new: str) -> float:
    """The share of a sample of the files recorded under `old` that are the same files under `new`:
    at the same place, or else anywhere under it with the same size and modification time (a
    file renamed or moved keeps both), so that a folder moved with many of its files renamed
    keeps its index, and the update finds the renamed files by their contents."""
    keys = [key for key in files if _under(key, old)]
    if not keys:
        return 0.0
    # Taken in the order of a hash of their keys, not every n-th in name order: edits made to
    # every n-th file (a script's, a benchmark's) filled half a strided sample of a copy with 1% of
    # its files edited, which was then no copy (every file re-keyed as renamed, 9,900 at 10,000).
    sample = sorted(keys, key=_sample_order)[:SAMPLE]
    same = 0
    elsewhere: list[tuple] = []
    for key in sample:
        signature, digest = files[key]
        rel = _under(key, old)
        if rel and _same_file(os.path.join(new, rel), signature, digest, check_contents=True):
            same += 1
        elif isinstance(signature, list) and len(signature) >= 2:
            elsewhere.append((signature[0], signature[1]))
    if elsewhere and same / len(sample) < MOVED_SHARE:
        stamps = _stamps_under(new)
        same += sum(stamp in stamps for stamp in elsewhere)
    return same / len(sample)


def _sample_order(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).digest()


def _stamps_under(root: str) -> set[tuple[int, int]]:
    """(size, modification time in ns) of every file under `root`, symbolic links not followed:
    one walk, only when too few of the sampled files are at their old places."""
    stamps: set[tuple[int, int]] = set()
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            try:
                st = os.stat(os.path.join(folder, name), follow_symlinks=False)
            except OSError:
                continue
            stamps.add((st.st_size, st.st_mtime_ns))
    return stamps


def mapping(
    recorded: list[str], roots: list[str], files: dict[str, tuple], original_may_remain: bool = False
) -> tuple[dict[str, str], float] | None:
    """({old root: new root}, the lowest share) when the index's recorded roots moved to these:
    every recorded root that is not one of `roots` is gone from disk (unless `original_may_remain`:
    the index is this corpus's own, and it now names a copy of its folder) and MOVED_SHARE of its
    files are files of a root of this corpus that the index did not record. None otherwise (the
    index is updated as it is: the files of a root that went away are removed). `files`: {key:
    (signature, hash)} as recorded."""
    if not recorded or len(recorded) != len(roots) or sorted(recorded) == sorted(roots):
        return None
    gone = [old for old in recorded if old not in roots]
    new_roots = [new for new in roots if new not in recorded]
    if len(gone) != len(new_roots):
        return None
    moves: dict[str, str] = {}
    lowest = 1.0
    for old in gone:
        if os.path.lexists(old) and not original_may_remain:
            return None  # the original is still there: this corpus is a copy, or another one
        best, best_share = None, MOVED_SHARE
        for new in new_roots:
            if new in moves.values():
                continue
            share = _share(files, old, new)
            if share >= best_share:
                best, best_share = new, share
        if best is None:
            return None
        moves[old] = best
        lowest = min(lowest, best_share)
    return moves, lowest


def _recorded(index_dir: Path, follow_links: bool, rules) -> tuple[list[str], dict[str, tuple]] | None:
    """(recorded roots, {file key: (signature, hash)}) of an index that could be carried over: of
    this schema, its state describing its last commit, built with the same settings."""
    from reader.index.ownership import read_marker
    from reader.index.statedb import LAYOUT, StateDB, _loads_all

    if read_marker(index_dir) is None:
        return None
    db = StateDB(index_dir)
    meta = db.meta()
    folder = layout.current_name(index_dir)
    generation = layout.latest_generation(index_dir / folder)
    if (
        generation < 0
        or not db.matches(meta, layout.SCHEMA_VERSION, folder, generation)
        or meta is None
        or meta.get("layout") != LAYOUT
        or bool(meta.get("follow_links")) != bool(follow_links)
        or not config.same_outlets_rules(meta.get("rules"), rules)  # rebuilt anyway: nothing to gain
    ):
        return None
    roots = meta.get("roots")
    rows = db._read("SELECT key, entry FROM files")
    if not isinstance(roots, list) or not all(isinstance(r, str) for r in roots) or not rows:
        return None
    try:
        entries = _loads_all([entry for _, entry in rows])
    except ValueError:
        return None
    from reader.index.roots import read_table, resolve

    table = read_table(index_dir)
    files = {
        resolve(key, table): (entry.get("signature"), entry.get("hash"))
        for (key, _), entry in zip(rows, entries)
        if isinstance(entry, dict)
    }
    return roots, files


def find(index_dir: Path, roots: list[str], follow_links: bool, rules) -> tuple[Path, dict[str, str]] | None:
    """(the index folder, {old root: new root}) of the index this corpus moved away from, among
    `index_dir`'s siblings; the best when several qualify (the highest share, then the most files,
    then the last updated)."""
    parent = Path(index_dir).parent
    try:
        names = sorted(os.listdir(parent))
    except OSError:
        return None
    best: tuple | None = None
    for name in names:
        other = parent / name
        if other == Path(index_dir) or not other.is_dir() or other.is_symlink():
            continue
        recorded = _recorded(other, follow_links, rules)
        if recorded is None:
            continue
        found = mapping(recorded[0], roots, recorded[1])
        if found is None:
            continue
        try:  # the last updated of equals: its articles are the newest
            updated = (other / "state.sqlite").stat().st_mtime_ns
        except OSError:
            updated = 0
        rank = (found[1], len(recorded[1]), updated)
        if best is None or rank > best[0]:
            best = (rank, other, found[0])
    return None if best is None else (best[1], best[2])


# What take_over says while it waits for the old folder's lock: the holder is not updating this
# corpus's index (it said "to finish updating the index" while another corpus's update swept the
# cache), but another process's update of the old folder, or its sweep of the cache.
CARRY_OVER_WAITING = (
    f"{WAITING_FOR_ANOTHER} to finish with the index of the corpus's old folder "
    "(updating it, or clearing the cache of unfinished builds) to carry it over…"
)


def take_over(
    source: Path,
    index_dir: Path,
    roots: list[str],
    follow_links: bool,
    rules,
    wait: float = 0.0,
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, str] | None:
    """Move the index in `source` into `index_dir` (which holds none; its lock is the caller's):
    {old root: new root}, or None when it cannot be taken now (another process still holds its
    lock after `wait` seconds, it changed, or its folder came back): then nothing was moved. The
    active Whoosh folder is moved first and CURRENT last, so a process killed halfway leaves
    `index_dir` without an active index (rebuilt, as before) and `source` without one (never
    taken again)."""
    from reader.index import lock
    from reader.index.state import IndexBusy, IndexLocationError

    # Waited for as the index's own lock is: another corpus's update sweeping the cache holds it
    # for a moment (resume.sweep_abandoned), and giving up then built this corpus from nothing.
    # Whatever the holder did is checked again below, under the lock; one that carried it over
    # elsewhere deleted it (IndexMovedAway, an IndexBusy). No deadlock: the lock of `source` is
    # the only one taken while another is held, and a sweep never waits for a lock.
    from reader.index.ownership import read_marker

    if read_marker(source) is None:
        return None  # carried over (or deleted) since find(): taking its lock would make it again
    try:
        held = lock.acquire(source, wait, progress, CARRY_OVER_WAITING)
    except (IndexBusy, IndexLocationError):
        return None
    try:
        recorded = _recorded(source, follow_links, rules)  # again, under its lock
        found = None if recorded is None else mapping(recorded[0], roots, recorded[1])
        if found is None or layout.has_index(index_dir):
            return None
        from reader.index.ownership import MARKER_NAME

        active = layout.current_name(source)
        names = [n for n in os.listdir(source) if n not in (MARKER_NAME, LOCK_NAME, layout.CURRENT_NAME)]
        # The active Whoosh folder first, CURRENT last (see above); inactive leftovers stay.
        ordered = [active] + [n for n in names if n != active and not n.startswith(layout.DEFAULT_DIR)]
        for name in ordered:
            os.replace(source / name, Path(index_dir) / name)
        if (source / layout.CURRENT_NAME).exists():
            os.replace(source / layout.CURRENT_NAME, Path(index_dir) / layout.CURRENT_NAME)
        _remove_emptied(source)
        return found[0]
    finally:
        lock.release(held)


def _remove_emptied(folder: Path) -> None:
    """Delete what is left of an index folder whose index moved out (its lock is held): the
    inactive Whoosh folders a killed rebuild left, then the lock and the marker, then the folder.
    Anything else in it keeps the marker (the folder stays ours, as it was)."""
    import shutil

    from reader.index.ownership import MARKER_NAME, is_own_whoosh_folder

    try:
        for entry in os.scandir(folder):
            if is_own_whoosh_folder(Path(entry.path)):
                shutil.rmtree(entry.path)
        if set(os.listdir(folder)) - {MARKER_NAME, LOCK_NAME}:
            return
        (folder / LOCK_NAME).unlink(missing_ok=True)
        (folder / MARKER_NAME).unlink(missing_ok=True)
        folder.rmdir()
    except OSError:
        pass  # left for nothing: it holds no index
