"""Renamed articles whose read marks and stars have yet to follow them (no Whoosh import here).

An update that finds files renamed or moved inside the corpus (renamed.py) commits their articles
under new ids; the marks, kept elsewhere by article id (reader.state.marks), follow afterwards.
A process killed between the two would leave the marks under ids no article has, and the next
update, which finds nothing renamed any more, could not tell where they went. So the update
records each batch of {old id: new id} here, in the index folder, before its commit, with the
commit it started from ((Whoosh folder, generation)):
- a batch whose commit is still the index's latest never happened (the process died or failed
  before the commit): the next update drops it before it commits anything (its own scan finds
  the renames again, if they are still there);
- any other batch was committed: the marks follow it (Library), in the order the batches were
  recorded, and then it is removed. Following again is harmless: an old id with no mark moves
  nothing.
Only the holder of the index's write lock reads or writes the file.
"""

from __future__ import annotations

import json
from pathlib import Path

from reader.index import layout

PENDING_NAME = "renamed-pending.json"


def _path(index_dir: Path) -> Path:
    return Path(index_dir) / PENDING_NAME


def waiting(index_dir: Path) -> bool:
    """Whether some batch may be waiting (the file exists)."""
    return _path(index_dir).exists()


def _committed_now(index_dir: Path) -> tuple[str, int]:
    folder = layout.current_name(index_dir)
    return folder, layout.latest_generation(Path(index_dir) / folder)


def read(index_dir: Path) -> list[dict]:
    """The recorded batches, oldest first ([] when none, or the file is unreadable: a damaged
    file cannot say where the marks should go)."""
    try:
        batches = json.loads(_path(index_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(batches, list):
        return []
    return [
        b
        for b in batches
        if isinstance(b, dict)
        and isinstance(b.get("dir"), str)
        and isinstance(b.get("generation"), int)
        and isinstance(b.get("renamed"), dict)
    ]


def _write(index_dir: Path, batches: list[dict]) -> None:
    from reader.safe_write import replace_file

    if not batches:
        _path(index_dir).unlink(missing_ok=True)
        return
    replace_file(_path(index_dir), json.dumps(batches, ensure_ascii=False).encode("utf-8"))


def record(index_dir: Path, folder: str, generation: int, renamed: dict[str, str]) -> None:
    """Add a batch, durably, before the commit made from (`folder`, `generation`)."""
    if renamed:
        _write(index_dir, [*read(index_dir), {"dir": folder, "generation": generation, "renamed": dict(renamed)}])


def drop_uncommitted(index_dir: Path) -> None:
    """Forget the batches whose commit never happened (an update killed or failed before it)."""
    if not _path(index_dir).exists():
        return
    now = _committed_now(index_dir)
    batches = read(index_dir)
    kept = [b for b in batches if (b["dir"], b["generation"]) != now]
    if kept != batches or not batches:
        _write(index_dir, kept)


def committed(index_dir: Path) -> list[dict[str, str]]:
    """The {old id: new id} of the committed batches, oldest first."""
    if not _path(index_dir).exists():
        return []
    now = _committed_now(index_dir)
    return [b["renamed"] for b in read(index_dir) if (b["dir"], b["generation"]) != now]


def forget_committed(index_dir: Path) -> None:
    """Remove the committed batches (the marks have followed them)."""
    if not _path(index_dir).exists():
        return
    now = _committed_now(index_dir)
    _write(index_dir, [b for b in read(index_dir) if (b["dir"], b["generation"]) == now])


def follow(index_dir: Path, lock_timeout: float, apply) -> bool:
    """Under the write lock, call `apply({old id: new id})` for each committed batch, oldest
    first, then remove them; an exception from `apply` leaves them all for the next time. False
    when the lock could not be had (another process updating, a read-only folder): nothing done."""
    from reader.index import lock
    from reader.index.state import IndexBusy, IndexLocationError, IndexNotWritable

    if not _path(index_dir).exists():
        return True
    try:
        held = lock.acquire(Path(index_dir), lock_timeout)
    except (IndexBusy, IndexLocationError, IndexNotWritable):
        return False
    try:
        for batch in committed(index_dir):
            apply(batch)
        forget_committed(index_dir)
    finally:
        lock.release(held)
    return True
