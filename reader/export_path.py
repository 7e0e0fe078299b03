"""Where an export (a comparison as Markdown) may be written (no UI imports).

Never inside a corpus folder (the corpus is read-only to us), never over an existing file, never
where the folder is missing; the default name is derived from the two article ids, made safe.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable


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


def export_folder(cwd: Path, corpus_roots: Iterable[Path], home: Path) -> Path:
    """The folder an export is first proposed in: the current folder, unless it lies inside a
    corpus folder (the app started as `cd ~/news && reader --corpus .` proposed a file the
    export then refused) or cannot be written; then the home folder."""
    roots = list(corpus_roots)
    for folder in (cwd, home):
        try:
            if _corpus_holding(folder.resolve(), roots) is None and os.access(folder, os.W_OK):
                return folder
        except (OSError, RuntimeError, ValueError):
            continue
    return cwd  # the dialog says what is wrong with it


def _corpus_holding(resolved: Path, corpus_roots: Iterable[Path]) -> Path | None:
    """The corpus folder that holds (or is) the resolved path `resolved`, if any."""
    for root in corpus_roots:
        root = Path(root).resolve()
        if resolved == root or root in resolved.parents:
            return root
    return None


def export_refusal(path: Path, corpus_roots: Iterable[Path]) -> str | None:
    """Why `path` must not receive an export, in one line for the user (None: it may)."""
    try:
        resolved = path.resolve()
        root = _corpus_holding(resolved, corpus_roots)
        if root is not None:
            return f"That is inside the corpus folder {root}; the corpus stays read-only."
        if resolved.is_dir():
            return "That is a folder; type a file name."
        if resolved.exists():
            return "That file exists already; type another name."
        if not resolved.parent.is_dir():
            return f"The folder {resolved.parent} does not exist."
    except OSError as exc:  # a name too long, a loop of links
        return f"Cannot use that path: {exc.strerror or exc}"
    except (RuntimeError, ValueError) as exc:  # a NUL byte, a loop on older Pythons
        return f"Cannot use that path: {exc}"
    return None
