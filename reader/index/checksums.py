"""Damage detection for committed index files: each file's size and CRC-32, recorded at commit
(no UI imports).

Whoosh files are written once and never changed, so a record is keyed by file name. Opening the
index compares sizes and a CRC of three 64 KB samples (cheap at any size); a full CRC runs on an
explicit update and when a query fails. A file without a record (an index from an older reader)
is not judged.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from reader.index.layout import toc_name


CHECKSUMS_NAME = "checksums.json"
SAMPLE = 1 << 16


def _digest(path: Path, full: bool) -> tuple[int, int]:
    """(size, CRC-32): of the whole file when `full` or small, else of its head, middle and tail."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        crc = 0
        if full or size <= 3 * SAMPLE:
            for block in iter(lambda: fh.read(1 << 20), b""):
                crc = zlib.crc32(block, crc)
        else:
            for offset in (0, size // 2 - SAMPLE // 2, size - SAMPLE):
                fh.seek(offset)
                crc = zlib.crc32(fh.read(SAMPLE), crc)
    return size, crc


def committed_files(ix) -> list[str]:
    """The files the index's current table of contents uses (its TOC and its segments' files)."""
    from reader.index import whoosh_internals

    names = ix.storage.list()
    ids = {segment.segment_id() for segment in whoosh_internals.segments(ix)}  # "MAIN_<random>"
    toc = toc_name(ix.latest_generation())  # the index is always opened as layout.INDEX_NAME
    out = [toc] if toc in names else []
    out += [name for name in names if name.rpartition(".")[0] in ids]
    return sorted(out)


def _read(index_dir: Path, folder: str) -> dict:
    try:
        with open(Path(index_dir) / CHECKSUMS_NAME, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("dir") != folder or not isinstance(data.get("files"), dict):
        return {}
    return data["files"]


def atomic_write_json(path: Path, data) -> None:
    """Write `data` as JSON to `path` all or nothing (a temp file renamed into place)."""
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    # json.dumps uses the C encoder; json.dump to a file would use the pure-Python one.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:  # a full disk, an unencodable string: leave no temp file behind
        tmp.unlink(missing_ok=True)


def record(index_dir: Path, ix) -> None:
    """Record the committed files of `ix` (new ones are hashed; known ones keep their record)."""
    wdir = Path(ix.storage.folder)
    known = _read(index_dir, wdir.name)
    files = {}
    for name in committed_files(ix):
        entry = known.get(name)
        if not (isinstance(entry, dict) and {"size", "crc", "sample"} <= set(entry)):
            size, crc = _digest(wdir / name, True)
            entry = {"size": size, "crc": crc, "sample": _digest(wdir / name, False)[1]}
        files[name] = entry
    atomic_write_json(Path(index_dir) / CHECKSUMS_NAME, {"dir": wdir.name, "files": files})


def names_commit(index_dir: Path, folder: str, generation: int) -> bool:
    """Whether the record is of this commit of the folder (it names the commit's TOC)."""
    return toc_name(generation) in _read(index_dir, folder)


def intact(index_dir: Path, folder: str, generation: int, full: bool = False) -> bool:
    """damage() is None, judged from the record alone (no index opened, no Whoosh import): the
    record is of this commit, and every file it names matches. The TOC is among them, so the
    segments it names are the ones recorded."""
    known = _read(index_dir, folder)
    if toc_name(generation) not in known:
        return False
    wdir = Path(index_dir) / folder
    for name, entry in known.items():
        if not isinstance(entry, dict):
            return False
        try:
            size, crc = _digest(wdir / name, full)
        except OSError:
            return False
        if size != entry.get("size") or crc != entry.get("crc" if full else "sample"):
            return False
    return True


def damage(index_dir: Path, ix, full: bool = False) -> str | None:
    """Why a committed file of `ix` is not what was written, or None when every recorded file
    matches (or nothing was recorded)."""
    wdir, entries = _recorded(index_dir, ix)
    return _check(wdir, entries, full)


def _recorded(index_dir: Path, ix) -> tuple[Path, list[tuple[str, dict]]]:
    """(the Whoosh folder, [(committed file, its record)]) of the files recorded for `ix`."""
    wdir = Path(ix.storage.folder)
    known = _read(index_dir, wdir.name)
    if not known:
        return wdir, []
    return wdir, [(name, entry) for name in committed_files(ix) if isinstance(entry := known.get(name), dict)]


def _check(wdir: Path, entries: list[tuple[str, dict]], full: bool, digest=None) -> str | None:
    for name, entry in entries:
        try:
            size, crc = (digest or _digest)(wdir / name, full)
        except FileNotFoundError:  # replaced by a concurrent commit; verify() reports real loss
            continue
        except OSError as exc:
            return f"{name} cannot be read ({exc.strerror or exc})"
        if size != entry.get("size"):
            return f"{name} has {size} bytes, {entry.get('size')} were written"
        if crc != entry.get("crc" if full else "sample"):
            return f"{name} does not match its checksum"
    return None


def _digest_mapped(path: Path, full: bool) -> tuple[int, int]:
    """_digest(path, True) of the file mapped into memory, in one CRC call: the read and the
    CRC run without the GIL from start to end (a thread computing it takes the interpreter
    back once per file, not once per block: the update it runs beside is not held up)."""
    import mmap

    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            return 0, 0
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return size, zlib.crc32(mapped)


class FullCheck:
    """damage(index_dir, ix, full=True), computed by a thread beside the update that goes on
    meanwhile (`reader index` checks every byte of the index, ~130 MB at 10,000 articles: on a
    second core it costs the update no time). The files to check are listed here, in the
    caller's thread (no Whoosh object is shared); `result()` waits for the answer."""

    def __init__(self, index_dir: Path, ix):
        import threading

        wdir, entries = _recorded(index_dir, ix)
        self._result: str | None = None
        self._thread = threading.Thread(target=self._run, args=(wdir, entries), name="reader-full-check", daemon=True)
        self._thread.start()

    def _run(self, wdir: Path, entries: list[tuple[str, dict]]) -> None:
        try:
            self._result = _check(wdir, entries, True, _digest_mapped)
        except Exception as exc:  # a bug here must not pass for an intact index
            self._result = f"the check failed ({type(exc).__name__}: {exc})"

    def result(self) -> str | None:
        """Why a committed file is not what was written, or None (damage() with full=True)."""
        self._thread.join()
        return self._result
