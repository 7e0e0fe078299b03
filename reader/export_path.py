"""Where an export (a comparison as Markdown) may be written (no UI imports).

Never inside a corpus folder (the corpus is read-only to us), never over an existing file, never
where the folder is missing; the default name is derived from the two article ids, made safe.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Iterable


# In the user data dir: the folder the last export went to, proposed for the next one.
LAST_FOLDER_FILE = "last_export_folder.txt"


def slug(text: str) -> str:
    """A file-name-safe piece of an (untrusted) article id."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(str(text)).name).strip("-.")
    return cleaned[:40] or "article"


def default_export_path(folder: Path, left_id: str, right_id: str) -> Path:
    """`folder/compare-LEFT-vs-RIGHT.md`, numbered (-2, -3, ...) past the names already taken."""
    base = f"compare-{slug(left_id)}-vs-{slug(right_id)}"
    path = folder / f"{base}.md"
    n = 2
    while path.exists():
        path = folder / f"{base}-{n}.md"
        n += 1
    return path


def export_folder(remembered: Path | None, corpus_roots: Iterable[Path], home: Path) -> Path:
    """The folder an export is first proposed in: the one the user last exported to, else their
    Documents or Downloads folder (platformdirs: the XDG user dirs on Linux), else home; one that
    exists, can be written and lies in no corpus folder. (The current folder was proposed: the
    folder the app happened to be started in, often the corpus itself.)"""
    import platformdirs

    roots = list(corpus_roots)
    candidates = [remembered] if remembered is not None else []
    candidates += [Path(platformdirs.user_documents_dir()), Path(platformdirs.user_downloads_dir()), home]
    for folder in candidates:
        try:
            resolved = folder.resolve()
            if resolved.is_dir() and _corpus_holding(resolved, roots) is None and os.access(resolved, os.W_OK):
                return folder
        except (OSError, RuntimeError, ValueError):
            continue
    return home  # the dialog says what is wrong with it


def remembered_folder(state_file: Path) -> Path | None:
    """The folder the user last exported to, as `remember_folder` kept it (None: none kept, or
    the file holds no absolute path: it is the user's to edit, and anything may be in it)."""
    from reader.plain_file import read_settings_text

    try:
        line = read_settings_text(state_file, limit=64 * 1024).strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not line or "\n" in line or "\0" in line or not os.path.isabs(line):
        return None
    return Path(line)


def remember_folder(state_file: Path, folder: Path) -> None:
    """Keep `folder` (the one just exported to) for the next export's proposal."""
    from reader.safe_write import replace_file

    replace_file(state_file, f"{folder}\n".encode("utf-8", "surrogateescape"))


def _corpus_holding(resolved: Path, corpus_roots: Iterable[Path]) -> Path | None:
    """The corpus folder that holds (or is) the resolved path `resolved`, if any."""
    for root in corpus_roots:
        root = Path(root).resolve()
        if resolved == root or root in resolved.parents:
            return root
    return None


# The refusal of a name taken: the dialog asks, and Enter on the same name again replaces it.
FILE_EXISTS = "That file exists already: Enter again replaces it, or type another name."
# The file the user said to replace was replaced or edited by something else meanwhile.
FILE_CHANGED = "That file changed since you said to replace it: Enter again replaces it, or type another name."

# A regular file as it was when the user said to replace it: (device, inode, size, mtime_ns).
FileIdentity = tuple[int, int, int, int]


def file_identity(path: Path) -> FileIdentity | None:
    """The regular file at `path` (its links followed) as it is now; None when there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def export_refusal(path: Path, corpus_roots: Iterable[Path], *, replace: FileIdentity | None = None) -> str | None:
    """Why `path` must not receive an export, in one line for the user (None: it may).
    `replace`: the regular file the user said to replace, as it was then (file_identity); the
    one there now must be that one (another file, a folder or a device is never replaced)."""
    try:
        resolved = path.resolve()
        root = _corpus_holding(resolved, corpus_roots)
        if root is not None:
            return f"That is inside the corpus folder {root}; the corpus stays read-only."
        if resolved.is_dir():
            return "That is a folder; type a file name."
        if resolved.exists():
            if not resolved.is_file():
                return "That is not a regular file; type another name."
            if replace is None:
                return FILE_EXISTS
            if file_identity(resolved) != replace:
                return FILE_CHANGED
        if not resolved.parent.is_dir():
            return f"The folder {resolved.parent} does not exist."
    except OSError as exc:  # a name too long, a loop of links
        return f"Cannot use that path: {exc.strerror or exc}"
    except (RuntimeError, ValueError) as exc:  # a NUL byte, a loop on older Pythons
        return f"Cannot use that path: {exc}"
    return None
