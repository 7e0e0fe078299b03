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


def record(index_dir: Path, ix) -> None:
    """Record the committed files of `ix` (new ones are hashed; known ones keep their record)."""
    from reader.index.store import atomic_write_json

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
    wdir = Path(ix.storage.folder)
    known = _read(index_dir, wdir.name)
    if not known:
        return None
    for name in committed_files(ix):
        entry = known.get(name)
        if not isinstance(entry, dict):
            continue
        try:
            size, crc = _digest(wdir / name, full)
        except FileNotFoundError:  # replaced by a concurrent commit; verify() reports real loss
            continue
        except OSError as exc:
            return f"{name} cannot be read ({exc.strerror or exc})"
        if size != entry.get("size"):
            return f"{name} has {size} bytes, {entry.get('size')} were written"
        if crc != entry.get("crc" if full else "sample"):
            return f"{name} does not match its checksum"
    return None
