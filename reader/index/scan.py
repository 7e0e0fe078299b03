"""The update's scan: every article file of the corpus with its signature (no Whoosh import, so a
`reader index` that finds nothing changed never loads the search engine; see noop.py).

A file's signature is [its size, its mtime, its folder's corpus.yaml's size and mtime (0, 0 when
there is none)]: the manifest holds metadata for the file, so a change to it counts. Every file is
stat'ed (an edit in place changes no folder's mtime, so folder times cannot prove a file unchanged).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.index import roots as roots_table
from reader.index import statedb


def _scan_problem(item, top: str) -> dict:
    """A problem the walk met, its path made absolute (the walk names it under the root)."""
    out = item.to_dict()
    if not os.path.isdir(top):  # the corpus folder itself cannot be read
        out["path"] = top
    else:
        if "path_bytes" in out:  # the name's own bytes, made absolute as `path` is
            raw = os.path.join(os.fsencode(top), bytes.fromhex(out["path_bytes"]))
            out["path_bytes"] = os.path.normpath(raw).hex()
        out["path"] = os.path.normpath(os.path.join(top, out["path"]))
    return out


@dataclass
class Scan:
    found: dict[str, tuple[str, str, list[int]]] = field(default_factory=dict)  # key -> (path, root, signature)
    table: dict[str, str] = field(default_factory=dict)  # the root table its keys use (roots.py)
    skipped: list[dict] = field(default_factory=list)  # every problem, in the order met
    scan_skipped: list[dict] = field(default_factory=list)  # those the walk reported (not stat failures)
    watch: dict[str, int] = field(default_factory=dict)  # folders and corpus.yaml files -> mtime_ns


def _manifest_signature(
    folder: str, top: str, watch: dict[str, int], listed: dict[str, tuple[int, int | None]]
) -> tuple[int, int]:
    """(size, mtime_ns) of the folder's corpus.yaml ((0, 0): none); the folder, its parents up
    to the root and the manifest are watched (`listed`: the walk's listings by absolute path, see
    _watch_folder)."""
    from reader.corpus.manifest import MANIFEST_NAME

    manifest = (0, 0)
    try:
        mst = os.stat(os.path.join(folder, MANIFEST_NAME))
        manifest = (mst.st_size, mst.st_mtime_ns)
        watch[os.path.join(folder, MANIFEST_NAME)] = mst.st_mtime_ns
    except OSError:
        pass
    parent = folder
    while parent not in watch and len(parent) > len(top):
        _watch_folder(parent, watch, listed.get(parent))
        parent = os.path.dirname(parent)
    return manifest


def _watch_folder(folder: str, watch: dict[str, int], listed: tuple[int, int | None] | None = None) -> None:
    """Watch `folder`: its mtime, and what the walk finds in it (a readers' check for changes
    looks at that when the mtime moved: a file the corpus does not read is no change). `listed`:
    (mtime_ns, listing signature) as the walk listed it (discover.walk_files), else both are read
    here (the folder listed a second time)."""
    from reader.corpus.discover import listing_signature

    if listed is not None:
        watch[folder], listing = listed
    else:
        watch.update(statedb.folder_signatures([folder]))
        listing = listing_signature(folder)
    if listing is not None:
        watch[statedb.listing_key(folder)] = listing


SCANNING = "scanning the corpus"
SCAN_STEPS = 100  # at most this many counts of a scan (and its end)
UNCOUNTED_STEP = 500  # files between the counts of a scan that expects none (a first build)


def counting_scan(progress: Callable[[int, int, str], None], expected: int) -> Callable[[int, bool], None]:
    """on_file(files met so far, whether the scan ended) for scan(): progress(count, total,
    SCANNING) at most SCAN_STEPS times and at the end. The total is `expected` (the files the
    index recorded: a scan's own total is known only at its end), or the count when more turn
    up; at the end, the files found of both (a corpus that lost files ends at its full count).
    Expecting none (a first build), the files met so far are said in the step's words, to its
    end (scan_ended)."""
    shown = [0]
    step = max(1, expected // SCAN_STEPS) if expected else UNCOUNTED_STEP

    def on_file(count: int, ended: bool) -> None:
        if ended:
            scan_ended(progress, count, expected)
        elif count - shown[0] >= step:
            shown[0] = count
            if expected:
                progress(count, max(expected, count), SCANNING)
            else:
                progress(0, 0, f"{SCANNING} ({count:,} files so far)")

    return on_file


def scan_ended(progress: Callable[[int, int, str], None], count: int, expected: int) -> None:
    """The scan's end, said while the files found are compared with the index's: `count` out of
    itself when a total was expected (an update's), else in the step's words, with no total: a
    first build's "180/180 scanning the corpus" showed a full bar, read as the build almost done."""
    if expected:
        progress(count, count, SCANNING)
    else:
        progress(0, 0, f"{SCANNING} ({count:,} files found)")


class ScanCancelled(Exception):
    """The update was cancelled while the corpus was scanned (scan's `cancel`)."""


def scan(
    roots,
    follow_links: bool,
    table: dict[str, str],
    on_file: Callable[[int, bool], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Scan:
    """{file key: (path, root, signature)} of every article file under `roots`, with the problems
    met and the watched folders (for the readers' cheap change check). A key is the file's path
    under its root, after the root's token in `table` (roots.py; it names every root).
    `on_file(count, ended)`: the files met so far, after each one (counting_scan), and at the end
    the number found. ScanCancelled once `cancel()` is true, asked before each file: on a slow
    disk (a network share) the scan of 20,000 files takes minutes, and the app's quit waited
    for its end (the update's thread holds the exit)."""
    from reader.corpus.discover import walk_files

    out = Scan(table=dict(table))
    seen = 0
    token_of = roots_table.tokens(table)
    key_of: dict[str, str] = {}  # absolute path -> its key (a corpus folder inside another meets it twice)
    found, watch = out.found, out.watch
    manifests: dict[str, tuple[int, int]] = {}
    for root in roots:
        top = os.path.abspath(root)
        root_text = str(root)
        # The walk yields paths under the root as written (the str of Path(root) / relative path);
        # a key is the same relative path after the root's token.
        written = str(Path(root))
        cut = 0 if written == "." else len(os.path.join(written, "x")) - 1
        top_slash = os.path.join(top, "")
        prefix = roots_table.make_key(token_of[top], "")
        # Each folder as the walk listed it, by its absolute path: watched without a second listing.
        listed: dict[str, tuple[int, int | None]] = {}
        items = walk_files(root, follow_links, listed, listed_as=top)
        first = next(items, None)  # the root is listed before the walk yields anything
        _watch_folder(top, watch, listed.get(top))
        for item in itertools.chain([first] if first is not None else [], items):
            if not isinstance(item, tuple):
                problem = _scan_problem(item, top)
                out.skipped.append(problem)
                out.scan_skipped.append(dict(problem))
                continue
            path, entry = item
            if cancel is not None and cancel():
                raise ScanCancelled
            seen += 1
            if on_file is not None:
                on_file(seen, False)
            full = top_slash + path[cut:]
            try:
                st = entry.stat()
            except FileNotFoundError:  # deleted or renamed since the folder was listed: gone
                continue
            except OSError as exc:
                from reader.corpus.discover import read_problem

                out.skipped.append({"path": full, "reason": read_problem(exc, full)})
                continue
            key = prefix + path[cut:]
            earlier = key_of.get(full)
            if earlier is not None:  # one file, one article: the later folder's, as before keys were relative
                found.pop(earlier, None)
            key_of[full] = key
            # The folder's corpus.yaml is part of each file's metadata: part of its signature.
            folder = full[: -len(entry.name) - 1] or "/"
            manifest = manifests.get(folder)
            if manifest is None:
                manifest = manifests[folder] = _manifest_signature(folder, top, watch, listed)
            found[key] = (path, root_text, [st.st_size, st.st_mtime_ns, manifest[0], manifest[1]])
    if on_file is not None:
        on_file(len(found), True)
    return out
