"""Which index folders are ours: a marker file with a format version (no UI imports).

An index folder may be any folder the user names with `--index DIR`. We only ever write into,
and delete from, a folder that carries our marker (or that we create empty); in it we delete only
entries whose names we give (see OWN_FOLDER), never unknown ones.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

MARKER_NAME = "reader-index.json"
FORMAT_VERSION = 1

# Whoosh folders we create: "whoosh" (older layout) or "whoosh-" + 10 hex digits.
OWN_FOLDER = re.compile(r"whoosh(-[0-9a-f]{10})?")
# Files Whoosh writes inside such a folder (index name MAIN): the table of contents
# (_MAIN_<generation>.toc, first written as _MAIN_<generation>.toc.<time.time()>), a segment's
# files (MAIN_<segment id>.seg, .trm, .pst ...; before a segment is made compound, as a killed
# build leaves it, one column file per field: MAIN_<segment id>.<field>.col), the write lock
# and the temporary folders (MAIN.tmp). Nothing else: a folder holding any other name is not ours.
_WHOOSH_FILE = re.compile(
    r"_?MAIN_\w+\.\w+"
    r"|MAIN_\w+\.\w+\.col"
    r"|_MAIN_\d+\.toc\.\d+(\.\d+)?(e[-+]?\d+)?"
    r"|MAIN_WRITELOCK|\w+\.tmp"
)
# Entries an index folder written before the marker existed may hold (adopted once, see below).
_LEGACY_FILES = re.compile(
    r"(reader\.lock|state\.json|state\.sqlite(-journal)?|stories\.(json|bin)|checksums\.json|roots\.json|CURRENT"
    r"|reader-index\.json)(\.tmp\d+)?"
)


class NotAnIndexFolder(Exception):
    """The folder holds things we did not create: we refuse to write into it."""


def is_own_whoosh_folder(path: Path) -> bool:
    """A folder we created (by its name) holding only Whoosh's files: safe for us to delete."""
    if not OWN_FOLDER.fullmatch(path.name) or path.is_symlink() or not path.is_dir():
        return False
    try:
        return all(_WHOOSH_FILE.fullmatch(entry.name) for entry in os.scandir(path))
    except OSError:
        return False


def _looks_like_legacy_index(folder: Path, names: list[str]) -> bool:
    """An index written by reader before the marker existed: only our names, and Whoosh folders
    that hold only Whoosh files and include a table of contents."""
    has_toc = False
    for name in names:
        path = folder / name
        if _LEGACY_FILES.fullmatch(name) and not path.is_dir():
            continue
        if not is_own_whoosh_folder(path):
            return False
        has_toc = has_toc or any(p.name.startswith("_MAIN_") for p in path.iterdir())
    return has_toc


def read_marker(folder: Path) -> dict | None:
    try:
        data = json.loads((Path(folder) / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("format"), int) else None


def claim(folder: Path) -> None:
    """Make sure `folder` is an index folder of ours before anything is written into it.

    Creates it (and the marker) when missing or empty; adopts a marker-less index written by an
    older reader; raises NotAnIndexFolder for anything else, and for an index of a newer format.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise NotAnIndexFolder(f"the index folder {folder} is a file, not a folder; choose another --index DIR")
    marker = read_marker(folder)
    if marker is not None:
        if marker["format"] > FORMAT_VERSION:
            raise NotAnIndexFolder(
                f"the index in {folder} was written by a newer version of reader "
                f"(format {marker['format']}); update reader or choose another --index DIR"
            )
        return
    folder.mkdir(parents=True, exist_ok=True)
    # Another process claiming the same new folder at this moment leaves its marker's temporary
    # file, then the marker: ours to share, not the user's files.
    names = sorted(n for n in os.listdir(folder) if not n.startswith(f"{MARKER_NAME}.tmp"))
    if names and not _looks_like_legacy_index(folder, names) and read_marker(folder) is None:
        raise NotAnIndexFolder(
            f"{folder} is not empty and is not a reader index folder (no {MARKER_NAME}); "
            "choose an empty or new folder for --index so nothing of yours is overwritten"
        )
    _write_marker(folder)


def _write_marker(folder: Path) -> None:
    tmp = folder / f"{MARKER_NAME}.tmp{os.getpid()}"
    try:
        tmp.write_text(json.dumps({"app": "reader", "format": FORMAT_VERSION}) + "\n", encoding="utf-8")
        os.replace(tmp, folder / MARKER_NAME)
    finally:
        tmp.unlink(missing_ok=True)
