"""Walk a corpus folder: every article file, and every problem found on the way, in a stable order.

- Recursive; symbolic links to folders and files inside the corpus root are followed, a link back
  into a folder that is already being walked (a loop) is reported and not entered, and a folder or
  file reached twice (by its own path and a link, or by two links) is read once. Links that lead
  outside the root are reported and not followed (a link to /etc/shadow or to / must not pull them
  in) unless `follow_links` is set.
- One file, one id, whatever the links: the folders are walked first without following a link, so
  a file inside the corpus is always named by its own path; then the links, the shallowest first
  (then by path), each naming what it leads to that nothing before it reached: adding or removing
  a link does not rename what other paths reach first.
- Only regular files are articles: FIFOs, sockets and devices (directly, or behind a link) are
  reported with what they are (reading a FIFO would block, /dev/zero never ends).
- Hidden folders and files (names starting with ".") are skipped, and so is a saved web page's
  resource folder ("Page_files" beside "Page.html": suffixes.saved_page_folders), as are files whose suffix is not
  an article format (see suffixes.article_suffix: one of SUPPORTED_SUFFIXES, or a gzip, bzip2 or
  xz file of one but ".xml", "page.html.gz", but the pages `reader fetch` stores beside its articles). `corpus.yaml` manifests are not articles:
  their problems (invalid YAML, files listed that do not exist, unknown fields) are reported here.
- Broken links, unreadable folders (and those that can be listed but not entered: no execute
  permission) and unreadable files are reported with a reason.
Nothing is ever written.
"""

from __future__ import annotations

import errno
import heapq
import itertools
import os
import stat
from pathlib import Path
from typing import Callable, Generator, Iterable, Iterator, Literal, NamedTuple

from reader.corpus.suffixes import article_suffix, fetched_pages, saved_page_folders
from reader.corpus.manifest import MANIFEST_NAME, manifest_for
from reader.corpus.model import Skipped
from reader.corpus.regular_file import bound_for, lies_inside, special_kind
from reader.wording import Code, said

# The file marking a reader index folder (reader.index.ownership writes it): unread_kinds passes
# such a folder over.
INDEX_MARKER_NAME = "reader-index.json"


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


_CANNOT_READ_FILE = "cannot read this file: permission denied"

# What each system error reading a file means, in words that say what to do about it; any other
# is said as the system says it, its errno's name after it (for a search).
_READ_ERRORS = {
    errno.EISDIR: "it is a folder now, not a file (replaced since the folder was listed; not read)",
    errno.ENOTDIR: "a folder on its path is a file now (moved since the folder was listed; not read)",
    errno.EIO: "input/output error: the disk or network drive failed to read it (check the drive, or copy the file)",
    errno.EFBIG: "file too large for this system to read",
    errno.EOVERFLOW: "file too large for this system to read",
    errno.ENAMETOOLONG: "its name or path is too long for this system (rename it, or move the corpus higher up)",
    errno.ESTALE: "stale network file handle: the network drive was remounted or the file replaced (mount it again)",
    errno.ETIMEDOUT: "the network drive did not answer in time (run `reader index` again once it is back)",
    errno.EHOSTDOWN: "the network drive's host is down (run `reader index` again once it is back)",
    errno.ENOTCONN: "the network drive is disconnected (mount it again)",
    errno.ENXIO: "its device is gone (a drive removed?)",
    errno.ENODEV: "its device is gone (a drive removed?)",
    errno.EMFILE: "too many files open at once (the system's limit; run `reader index` again)",
    errno.ENFILE: "too many files open at once (the system's limit; run `reader index` again)",
    errno.ENOMEM: "not enough memory to read it",
    errno.EAGAIN: "the file is locked or busy (run `reader index` again later)",
}


def read_problem(exc: OSError | UnicodeError | ValueError, path: str | os.PathLike | None = None) -> str:
    """What a file that could not be read is skipped with, in words the user can act on: a file
    our user may not read, found readable when listed (an ACL, a security module, a change of mode
    since), is said as a scan says a file of the wrong mode; a link broken, a file gone or turned
    into a folder since the folder was listed, a failing disk, a name the system cannot take, each
    as what it is (a bare "cannot read: No such file or directory" said none of that). `path`: the
    file's (else the error's own filename), to tell a broken link from a file gone."""
    if isinstance(exc, UnicodeError) or not isinstance(exc, OSError):
        # A name with characters the file system's encoding has no bytes for, or a NUL byte.
        return "cannot read this file: its name cannot be written in the file system's encoding (rename it)"
    if isinstance(exc, PermissionError):
        return _CANNOT_READ_FILE
    where = os.fspath(path) if path is not None else exc.filename
    where = os.fsdecode(where) if isinstance(where, (str, bytes)) else None
    if exc.errno == errno.ENOENT:
        if where is not None and os.path.islink(where):
            return f"broken symbolic link (its target {_link_target(where)!r} does not exist)"
        return "file vanished: deleted, renamed or its drive unmounted since the folder was listed (not read)"
    if exc.errno == errno.ELOOP:
        return f"symbolic link loop (points to {_link_target(where)!r})" if where else "symbolic link loop"
    if exc.errno in (errno.ENXIO, errno.ENODEV) and where is not None:
        # (opening a socket fails so too: said as the scan says it, not as a drive gone)
        try:
            kind = special_kind(os.stat(where).st_mode)
        except (OSError, ValueError):
            kind = None
        if kind is not None:
            return f"{kind}, not a regular file (not read)"
    said = _READ_ERRORS.get(exc.errno) if exc.errno is not None else None
    if said is not None:
        return f"cannot read this file: {said}"
    why = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno is None or (exc.errno == errno.EINVAL and why.endswith("not a regular file (not read)")):
        # Our own words (a FIFO put in its place, a file that shrank while it was read).
        return why if why.endswith("(not read)") else f"cannot read this file: {why[:1].lower()}{why[1:]}"
    name = errno.errorcode.get(exc.errno, str(exc.errno))
    return f"cannot read this file: {why[:1].lower()}{why[1:]} ({name})"


_CANNOT_OPEN_INSIDE = "cannot open what is in this folder: permission denied (it lacks execute permission)"


def unreadable_folder(folder: str) -> str | None:
    """Why the files in an existing folder cannot be found (the folder cannot be listed, or
    nothing in it opened), in the words a scan says it with; None when they can."""
    try:
        with os.scandir(folder) as it:
            listed = next(it, None) is not None
    except OSError as exc:
        return f"cannot read this folder: {_why(exc)}"
    if listed and not os.access(folder, os.X_OK):
        return _CANNOT_OPEN_INSIDE
    return None


def listing_signature(folder: str) -> int | None:
    """What a walk would find in `folder` itself, as one number: the names (and inodes) of its
    article files and subfolders, so that a file of another kind added or removed (notes.pdf, an
    editor's backup) changes nothing, while a file renamed or replaced by a new one (an editor's
    atomic save) does. None: the folder cannot be listed, or it has a corpus.yaml, which may list
    a file of any kind (reported when it is not read, so any name there counts)."""
    try:
        with os.scandir(folder) as it:
            return _listing_digest(it)
    except OSError:
        return None


def _listing_digest(entries: Iterable[os.DirEntry]) -> int | None:
    """listing_signature() of a folder's entries, as listed (by it, or by a walk)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=8)
    listed: list[tuple[bytes, int]] = []
    entries = list(entries)
    resources = saved_page_folders([entry.name for entry in entries])
    for entry in entries:
        name = entry.name
        if name == MANIFEST_NAME:
            return None
        if name.startswith(".") or name in resources:
            continue
        try:
            if article_suffix(name) is not None or entry.is_dir():
                listed.append((os.fsencode(name), entry.inode()))
        except OSError:
            listed.append((os.fsencode(name), -1))
    for raw, inode in sorted(listed):
        digest.update(b"%d:%b\0%d\0" % (len(raw), raw, inode))
    return int.from_bytes(digest.digest(), "big", signed=True)


def discover(root: Path, follow_links: bool = False) -> Iterator[Path | Skipped]:
    """Article files under `root` (as paths under `root`, links not resolved) and Skipped problems.

    Skipped paths are relative to `root` (with "/"); yielded Paths are `root / relative`.
    `follow_links` also follows symbolic links that lead outside `root` (loops and special files
    are still refused).
    """
    for item in walk_files(root, follow_links):
        yield item if isinstance(item, Skipped) else Path(item[0])


def walk_files(
    root: Path,
    follow_links: bool = False,
    listings: dict[str, tuple[int, int | None]] | None = None,
    listed_as: str | None = None,
) -> Iterator[tuple[str, os.DirEntry] | Skipped]:
    """discover() for a scan of many files: each article file as (its path as the str of the
    Path discover() yields, its folder entry: entry.stat() is os.stat(path), read once).
    `listings`, when given, gets each folder the walk lists: (its mtime_ns taken before the
    listing, listing_signature() of what was listed), so that a scan watching folders need not
    list them again. Keyed by the folder's path as the walk names it (the root as str(root)), or
    with `listed_as` (the root's absolute path, as os.path.abspath gives it) by its path under
    that: what a scan names folders by, with no path re-derived for each folder it asks for."""
    root = Path(root)
    try:
        st = os.stat(root)
    except OSError as exc:
        yield Skipped(_printable(str(root)), f"cannot open the corpus folder: {_why(exc)}")
        return
    if not os.path.isdir(root):
        yield Skipped(_printable(str(root)), "not a folder")
        return
    walk = _Walk(root, bound_for(root, follow_links), listings, listed_as)
    yield from walk.folder(str(root), "", (st.st_dev, st.st_ino), [], st.st_mtime_ns)
    # Then the links, the shallowest first: what they lead to that the folders' own paths did not
    # reach is named by the first link (in this order) that reaches it.
    walk.via_links = True
    while walk.links:
        _depth, _rel, link, ancestors = heapq.heappop(walk.links)
        if isinstance(link, _Subfolder):
            yield from walk.subfolder(link, ancestors)
        else:
            yield from walk.file(*link)


def _base(folder: str) -> str:
    """What str(Path(folder) / name) puts before a plain name (no Path object is made per file:
    a scan meets 10,000s)."""
    return "" if folder == "." else os.path.join(folder, "")


def _suffix(name: str) -> str:
    """os.path.splitext(name)[1].lower() for a name that does not start with a dot."""
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


class _Walk:
    """One root's walk: the folders and files met (by device and inode, to read each once) and
    the links left for after the folders (a heap: shallowest first, then by path)."""

    def __init__(
        self,
        root: Path,
        inside: str | None,
        listings: dict[str, tuple[int, int | None]] | None = None,
        listed_as: str | None = None,
    ) -> None:
        self.root = root
        self.listings = listings  # see walk_files
        # What a listing's key puts before the folder's path under the root (None: its own path).
        self.listed_under = None if listed_as is None else (listed_as, os.path.join(listed_as, ""))
        self.inside = inside  # the real path links must stay within, None to follow them anywhere
        self.seen: dict[tuple[int, int], str] = {}  # folders walked -> their path
        # Files yielded: their real path -> their path under the root. The folders' own walk comes
        # first and follows no link, so there a file's real path is the root's and its own.
        self.real_root = os.path.join(os.path.realpath(root), "")
        self.files: dict[str, str] = {}
        self.via_links = False  # the walk has gone on to the links
        self.links: list[tuple[int, str, _Subfolder | tuple[str, os.DirEntry, str], list[tuple[int, int]]]] = []

    def folder(
        self,
        folder: str,
        prefix: str,  # the folder relative to root, "" or ending in "/" (cheaper than relative_to)
        key: tuple[int, int],
        ancestors: list[tuple[int, int]],
        mtime: int,  # its mtime_ns, stat'ed before it is listed
    ) -> Iterator[tuple[str, os.DirEntry] | Skipped]:
        """Walk a folder and every real folder below it, depth first, each folder's own entries
        before its subfolders. A loop over a stack, not recursion: folders nested some 500 deep
        overflowed Python's stack (a RecursionError out of `reader index`)."""
        subs, inner = yield from self._entries(folder, prefix, key, ancestors, mtime)
        stack = [(sub, inner) for sub in reversed(subs)]
        while stack:
            sub, above = stack.pop()
            entered = yield from self._enter(sub, above)
            if entered is not None:
                sub_key, sub_mtime = entered
                subs, inner = yield from self._entries(sub.path, sub.rel + "/", sub_key, above, sub_mtime)
                stack.extend((sub, inner) for sub in reversed(subs))

    def _entries(
        self, folder: str, prefix: str, key: tuple[int, int], ancestors: list[tuple[int, int]], mtime: int
    ) -> Generator[tuple[str, os.DirEntry] | Skipped, None, tuple[list[_Subfolder], list[tuple[int, int]]]]:
        """One folder's files and problems; returns its real subfolders (links wait for the
        end: see walk_files) and the ancestors of what is inside it."""
        root = self.root
        self.seen[key] = folder
        ancestors = ancestors + [key]
        # `mtime` was read before it is listed: a file added meanwhile moves the time past the one kept.
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
            if self.listings is not None:
                self.listings[self._listing_key(folder, prefix)] = (mtime, _listing_digest(entries))
        except OSError as exc:
            yield Skipped(_display(Path(folder), root) or ".", f"cannot read this folder: {_why(exc)}")
            return [], ancestors
        if entries and not os.access(folder, os.X_OK):
            # Listed, but nothing in it can be opened: said once, of the folder (each file was
            # "cannot read this file: permission denied", and chmod on the files did not help).
            yield Skipped(_display(Path(folder), root) or ".", _CANNOT_OPEN_INSIDE)
            return [], ancestors
        if any(entry.name == INDEX_MARKER_NAME for entry in entries):
            # a reader index folder (the cache's, under a --corpus of one's home on macOS): its
            # .json files are the index's own, no articles
            return [], ancestors
        names = set()
        subfolders: list[_Subfolder] = []
        base = _base(folder)
        depth = prefix.count("/")
        listed = [entry.name for entry in entries]
        passed_over = fetched_pages(folder, listed) | saved_page_folders(listed)
        for entry in entries:
            name = entry.name
            names.add(name)
            if name.startswith(".") or name in passed_over:
                continue
            path = base + name
            if _plain_article(entry, name):  # most entries: _entry's answer in fewer steps
                yield from self.file(path, entry, prefix + name)
                continue
            found = _entry(entry, path, prefix + name, self.inside)
            if found is True:
                if entry.is_symlink():
                    link = (path, entry, prefix + name)
                    heapq.heappush(self.links, (depth, prefix + name, link, ancestors))
                else:
                    yield from self.file(path, entry, prefix + name)
            elif isinstance(found, _Subfolder):
                if found.is_link:
                    heapq.heappush(self.links, (depth, found.rel, found, ancestors))
                else:
                    subfolders.append(found)
            elif found is not None:
                yield found
        yield from _manifest_problems(Path(folder), root, names)
        return subfolders, ancestors

    def _listing_key(self, folder: str, prefix: str) -> str:
        """The key of a folder's listing (walk_files' `listings`); `prefix` as _entries has it."""
        if self.listed_under is None:
            return folder
        top, top_slash = self.listed_under
        return top_slash + prefix[:-1] if prefix else top

    def file(self, path: str, entry: os.DirEntry, rel: str) -> Iterator[tuple[str, os.DirEntry] | Skipped]:
        """A file to read, unless the file was read already (by its own path or another link)."""
        if not self.via_links:
            self.files[self.real_root + rel] = rel
            yield path, entry
            return
        real = os.path.realpath(path)
        first = self.files.get(real)
        if first is not None:
            yield _skipped(rel, f"same file as {_printable(first)}, reached by a symbolic link (not read twice)")
            return
        self.files[real] = rel
        yield path, entry

    def subfolder(
        self, sub: _Subfolder, ancestors: list[tuple[int, int]]
    ) -> Iterator[tuple[str, os.DirEntry] | Skipped]:
        """Walk a subfolder unless it is a loop back to an ancestor or a folder walked already."""
        entered = yield from self._enter(sub, ancestors)
        if entered is not None:
            yield from self.folder(sub.path, sub.rel + "/", entered[0], ancestors, entered[1])

    def _enter(
        self, sub: _Subfolder, ancestors: list[tuple[int, int]]
    ) -> Generator[Skipped, None, tuple[tuple[int, int], int] | None]:
        """The subfolder's (device, inode) and mtime_ns to walk it, or None (and why) when it is a
        loop back to an ancestor, a folder walked already, or cannot be opened."""
        root, seen = self.root, self.seen
        try:
            st = os.stat(sub.path)
        except OSError as exc:
            yield Skipped(sub.rel, f"cannot open this folder: {_why(exc)}")
            return None
        sub_key = (st.st_dev, st.st_ino)
        if sub_key in ancestors:
            target = _link_target(sub.path) if sub.is_link else sub.rel
            yield Skipped(
                sub.rel,
                f"symbolic link loop: {target!r} leads back to {_folder_name(seen[sub_key], root)} (not followed)",
            )
            return None
        if sub_key in seen:
            yield Skipped(
                sub.rel,
                f"same folder as {_folder_name(seen[sub_key], root)}, reached by a symbolic link (not read twice)",
            )
            return None
        return sub_key, st.st_mtime_ns


class _Subfolder(NamedTuple):
    entry: os.DirEntry
    path: str
    rel: str
    is_link: bool


def _entry(entry: os.DirEntry, path: str, rel: str, inside: str | None) -> Literal[True] | Skipped | _Subfolder | None:
    """What one folder entry is: an article file to read (True), a subfolder to walk, a reason
    it is skipped, or None (not an article: another kind of file, the manifest)."""
    try:
        is_link = entry.is_symlink()
        is_dir = entry.is_dir()  # follows links
        is_file = entry.is_file()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _skipped(rel, f"symbolic link loop (points to {_link_target(path)!r})")
        return _skipped(rel, f"cannot inspect: {_why(exc)}")
    supported = article_suffix(entry.name) is not None
    problem = _unsafe_name(entry.name)
    if problem:
        return _skipped(rel, f"{problem}; rename it to load it") if is_dir or supported else None
    if is_link and (is_dir or is_file):
        problem = _outside(path, inside)
        if problem:
            return Skipped(rel, problem) if is_dir or supported else None
    if not (is_dir or is_file):
        kind = _special_kind(path)
        if kind:
            where = f"symbolic link to {kind} ({_link_target(path)!r})" if is_link else kind
            return Skipped(rel, f"{where}, not a regular file (not read)")
    if is_dir:
        return _Subfolder(entry, path, rel, is_link)
    if not is_file:
        if is_link:
            target = _link_target(path)
            if _is_loop_link(path):
                return Skipped(rel, f"symbolic link loop (points to {target!r})")
            if supported:
                return Skipped(rel, f"broken symbolic link (its target {target!r} does not exist)")
        return None
    if entry.name == MANIFEST_NAME or not supported:
        return None
    if not _readable(entry, path):
        return Skipped(rel, _CANNOT_READ_FILE)
    return True


_UID = os.getuid()


def _plain_article(entry: os.DirEntry, name: str) -> bool:
    """Whether _entry() would say True for the usual reason: a regular file (not a link) of ours
    with a safe name and an article suffix, its mode letting us read it. False: ask _entry()."""
    try:
        return (
            article_suffix(name) is not None
            and name.isprintable()
            and name != MANIFEST_NAME
            and not entry.is_symlink()
            and entry.is_file()
            and (st := entry.stat()).st_uid == _UID
            and bool(st.st_mode & stat.S_IRUSR)
        )
    except OSError:
        return False


def _readable(entry: os.DirEntry, path: str) -> bool:
    """os.access(path, R_OK), without its call for the usual file: one of ours that its mode lets
    us read (the owner's bits decide for the owner, even with ACLs). The stat is kept by the entry
    (a scan reads it next)."""
    try:
        st = entry.stat()
    except OSError:
        return os.access(path, os.R_OK)
    if st.st_uid == _UID and st.st_mode & stat.S_IRUSR:
        return True
    return os.access(path, os.R_OK)


def _manifest_problems(folder: Path, root: Path, names: set[str]) -> Iterator[Skipped]:
    """The problems of the folder's corpus.yaml, and the files it lists that are not read."""
    manifest = manifest_for(folder)
    if manifest is None:
        return
    mrel = _display(manifest.path, root)
    for problem in manifest.problems:
        yield Skipped(mrel, problem)
    for name in sorted(manifest.files):
        # named as a file on disk is (_skipped): a control character in the listed name was a
        # "?" in every message, where `\x1b` says what to look for
        rel = _display(folder / name, root)
        if name not in names:
            yield _skipped(rel, f"listed in {mrel} but the file does not exist")
        elif name != MANIFEST_NAME and (name.startswith(".") or article_suffix(name) is None):
            yield _skipped(rel, f"listed in {mrel} but not read: hidden files and files of this kind are not articles")


_CONTROL_CHARS = frozenset(chr(c) for c in [*range(32), *range(127, 160)])


def _unsafe_name(name: str) -> str | None:
    """Why a file name cannot become part of an article id (ids reach terminals and JSON)."""
    if name.isprintable():  # the usual name: no control character, no lone surrogate
        return None
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "the name is not valid UTF-8"
    if any(ch in _CONTROL_CHARS for ch in name):
        return "the name contains control characters"
    return None


def _printable(text: str) -> str:
    """A path safe to show: undecodable bytes and control characters replaced by '?'."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("?" if ch in _CONTROL_CHARS else ch for ch in text)


def _skipped(rel: str, reason: str) -> Skipped:
    """A file skipped, named as shown (_printable) and, when that changed its name, by its bytes
    too: a script reading `index --json` can open or rename it."""
    shown = _printable(rel)
    return Skipped(shown, reason, path_bytes=None if shown == rel else os.fsencode(rel).hex())


def _folder_name(folder: str, root: Path) -> str:
    return "the corpus root" if Path(folder) == root else _display(Path(folder), root)


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _outside(path: str, inside: str | None) -> str | None:
    """Why a symbolic link is not followed: it leads outside the corpus root."""
    if inside is None:
        return None
    real = os.path.realpath(path)
    if lies_inside(real, inside):
        return None
    return outside_corpus(path, real)


def outside_corpus(path: str, real: str) -> str:
    """Why a file or folder at `path` that leads to `real`, outside the corpus, is not read."""
    if os.path.islink(path):
        return (
            f"symbolic link to {_printable(_link_target(path))!r}, outside the corpus "
            "(not followed; --follow-links follows links out of the corpus)"
        )
    # Not itself a link: a folder above it is one (made one since the scan)
    return (
        f"leads outside the corpus through a symbolic link (to {_printable(real)!r}; "
        "not followed; --follow-links follows links out of the corpus)"
    )


def _special_kind(path: str) -> str | None:
    try:
        return special_kind(os.stat(path).st_mode)
    except OSError:
        return None


def _is_loop_link(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


class KindCounts(dict):
    """unread_kinds's counts by suffix; `capped`: the walk stopped at its limit, so each count,
    and their sum, is a lower bound (said "10,000+", and `capped` in --json)."""

    capped = False


def _files_counted(n: int, capped: bool, kind: str = "") -> str:
    """ "1 file", "12 .json files", or "10,000+ files" when the walk was capped (a lower bound)."""
    if n == 1 and not capped:
        return f"1 {kind}file"
    return f"{n:,}{'+' if capped else ''} {kind}files"


def kinds_named(counts: dict[str, int], most: int = 4) -> str:
    """Files counted by suffix (unread_kinds), the most common first: "2 .pdf, 1 .docx"; each
    "9,990+" when the walk was capped (KindCounts), its counts those of the entries it looked at."""
    plus = "+" if getattr(counts, "capped", False) else ""
    kinds = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    named = ", ".join(f"{n:,}{plus} {suffix or 'without a suffix'}" for suffix, n in kinds[:most])
    return named + (f" and {len(kinds) - most} more kinds" if len(kinds) > most else "")


def unread_kinds_note(roots: list[Path], counts: KindCounts | None = None, follow_links: bool = False) -> str | None:
    """That the folders hold files of kinds the corpus does not read (PDFs, Word files, images),
    and what it reads; None when they hold none. Said
    after the first index of a folder: a newcomer's folder of articles and PDFs was indexed
    without a word of the PDFs, which then were nowhere in the app. `counts`: unread_kinds's,
    when already walked."""
    counts = unread_kinds(roots, follow_links=follow_links) if counts is None else counts
    if not counts:
        return None
    total = sum(counts.values())
    files = _files_counted(total, counts.capped)
    note = (
        f"{files} of other kinds not read ({kinds_named(counts)}): reader reads plain text, "
        "Markdown, HTML, saved pages (.mhtml, .webarchive), RSS/Atom, JSON, JSON Lines and saved mail (.eml) files"
    )
    if ".pdf" in counts:
        return said(note, "; ", Code("pdftotext FILE.pdf"), " makes a .txt of a PDF")
    return note


def unread_kinds(roots: Iterator[Path] | list[Path], limit: int = 10_000, *, follow_links: bool = False) -> KindCounts:
    """How many files of each suffix ("" for none) the folders hold that are of no article
    format, hidden ones aside: what an empty corpus's message names, as a folder of PDFs looked
    simply empty. At most `limit` entries are looked at (a --corpus mistyped
    as one's home folder; past it `capped`); a link to a folder in the folders is followed, each
    folder walked once. A reader index folder in them (the cache's, under a --corpus of one's
    home folder on macOS) is not counted: its files are not the user's. Links out of the folders
    are followed with `follow_links`, as the corpus follows them with --follow-links."""
    walked, _, capped = _walk_unread(roots, limit, follow_links=follow_links)
    counts = KindCounts(walked)
    counts.capped = capped
    return counts


def hidden_articles(roots: Iterable[str | Path], limit: int = 10_000, follow_links: bool = False) -> dict[str, int]:
    """How many article files each hidden file or folder in the folders holds, by its path (the
    root as given, joined with the path below it: `news/.articles`): what an empty corpus's
    message names, since a folder whose articles sit in `.articles/` was told to add articles
    there. A file is counted under the innermost hidden folder it is in (`.a/.b/x.md`: `.a/.b`,
    the folder a --corpus reads it from, as a walk of `.a` skips `.b`), or as itself when it is
    a hidden file. A tool's folder is passed over (TOOL_FOLDERS, TOOL_MARKERS): `reader --corpus
    .` in a project counted the text files of its `.venv` as hidden articles. The visible
    folders are walked within `limit` entries, then the hidden ones within `limit` more (a
    folder of 20,000 PDFs hid its `.articles`); links to folders are followed as _walk_unread says."""
    return _walk_unread(roots, limit, into_hidden=True, follow_links=follow_links)[1]


# Folders a tool makes and fills, where no one keeps articles: version control, environments,
# caches, package stores, editors' settings. hidden_articles passes them over, and these names
# without a dot inside hidden folders too (`~/.local/lib/python3.12/site-packages`).
TOOL_FOLDERS = frozenset(
    {
        *(".git", ".hg", ".svn", ".bzr", ".jj"),
        *(".venv", ".tox", ".nox", ".direnv", ".eggs", ".cache", ".npm", ".yarn", ".cargo", ".rustup"),
        *(".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", ".ipynb_checkpoints", ".idea", ".vscode"),
        *("node_modules", "__pycache__", "site-packages", "dist-packages"),
    }
)
# A file that marks its folder as a tool's, whatever the folder's name: a Python environment's
# `pyvenv.cfg`, and the Cache Directory Tagging Specification's `CACHEDIR.TAG`.
TOOL_MARKERS = frozenset({"pyvenv.cfg", "CACHEDIR.TAG"})


# The entries the count of unread files looks at by default (unread_kinds): a --corpus mistyped as
# one's home folder is not walked whole for a note.
UNREAD_WALK_LIMIT = 10_000


def unread_walk_limit(articles: int) -> int:
    """The limit of `reader index`'s count, which has just walked the corpus: room for it too
    (twice its articles: its files, its folders). At 10,000 a 20,000-file corpus was said
    `capped` with nothing unread found, its walk stopped halfway (~0.1 s more at 20,000 files)."""
    return UNREAD_WALK_LIMIT + 2 * articles


HIDDEN_NAMED = 3  # the most hidden folders or files the line names; past it, a count


def hidden_articles_note(
    roots: Iterable[str | Path], command_line: Callable[..., str], follow_links: bool = False
) -> str:
    """That the article files there are all in hidden folders or are hidden files, which reader
    skips, and how to read them: a hidden folder given as the --corpus is read, a hidden file
    only renamed. A folder of `.articles/x.md` was told to add articles there, by `reader list`
    and by the app alike. `command_line`: Library.command_line, the command that reads them
    written with the options the corpus was opened with. "" when none."""
    from reader.wording import counted, shell_word

    found = hidden_articles(roots, follow_links=follow_links)
    if not found:
        return ""
    folders = sorted(path for path in found if os.path.isdir(path))
    files = sorted(path for path in found if path not in folders)
    named = [shell_word(path) for path in [*folders, *files][:HIDDEN_NAMED]]
    more = len(found) - len(named)
    where = ", ".join(named) + (f" and {more:,} more" if more else "")
    total = sum(found.values())
    kinds = " or ".join(
        kind
        for kind, there in (
            ("in a hidden folder" if len(folders) == 1 else "in hidden folders", folders),
            ("a hidden file" if len(files) == 1 else "hidden files", files),
        )
        if there
    )
    said = (
        f"{counted(total, 'article file')} {'is' if total == 1 else 'are'} {kinds} ({where}), "
        "and reader skips every name starting with '.'"
    )
    if folders:
        shown = folders[:HIDDEN_NAMED]
        them = "that folder" if len(shown) == 1 else "those folders"
        said += f"; `{command_line('list', corpus=shown)}` reads {them}"
    if files:
        said += "; a hidden file is read once renamed without its leading '.'"
    return said


def empty_corpus_hidden_note(
    roots: Iterable[str | Path], command_line: Callable[..., str], follow_links: bool, skipped: int
) -> str:
    """hidden_articles_note for a corpus that loaded no article, as `reader list` and the app both
    say it. `skipped`: how many of its files or entries were skipped; when some were (a link out
    of the corpus, not followed, among them), the hidden folders behind links out of it are named
    too: `news/far -> ../away` was said skipped, its `.articles` unnamed until --follow-links."""
    return hidden_articles_note(roots, command_line, follow_links=follow_links or skipped > 0)


def _walk_unread(
    roots: Iterable[str | Path], limit: int = 10_000, *, into_hidden: bool = False, follow_links: bool = False
) -> tuple[dict[str, int], dict[str, int], bool]:
    """unread_kinds's counts (a reader index folder passed over), `into_hidden`
    hidden_articles's counts (else the hidden files and folders are passed over), and whether
    the walk stopped at `limit` with entries left unseen. A link to a folder is followed as the
    corpus follows it: into the roots, or anywhere with `follow_links`; a hidden one anywhere (it
    is named as a --corpus, which reads a link)."""
    counts: dict[str, int] = {}
    hidden_met: list[os.DirEntry] = []
    pending = [os.fspath(root) for root in roots]
    inside = [os.path.realpath(root) for root in pending]  # where a link leads and is followed
    visited: set[tuple[int, int]] = set()
    seen = 0
    while pending and seen < limit:
        folder = pending.pop()
        if not _first_visit(folder, visited):
            continue
        entries = _listed(folder, limit - seen + 1)
        if entries is None:  # a folder that cannot be listed is reported by the walk itself
            continue
        if any(entry.name == INDEX_MARKER_NAME for entry in entries):
            continue
        resources = saved_page_folders([entry.name for entry in entries])
        for entry in entries:
            seen += 1
            if seen > limit:
                break
            if entry.name.startswith("."):
                if into_hidden:
                    hidden_met.append(entry)
                continue
            if entry.name == MANIFEST_NAME or entry.name in resources:
                continue
            if _is_folder(entry) and (follow_links or _leads_inside(entry, inside)):
                pending.append(entry.path)
            elif entry.is_file(follow_symlinks=False) and article_suffix(entry.name) is None:
                kind = _suffix(entry.name)
                counts[kind] = counts.get(kind, 0) + 1
    capped = seen > limit or (seen == limit and bool(pending))
    return counts, _hidden_counts(hidden_met, limit, visited) if into_hidden else {}, capped


def _is_folder(entry: os.DirEntry) -> bool:
    """A folder, or a link to one: a hidden folder reached through a link (`news/.saved` linking
    to a folder of articles elsewhere, or `news/saved/.articles` through the link `saved`) went
    unnamed, and the empty corpus's message told the user to add articles there. The walks visit
    each folder once (_first_visit): a link to a folder above it is no loop."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _leads_inside(entry: os.DirEntry, roots: list[str]) -> bool:
    """Whether `entry` is no link, or a link into one of the (resolved) `roots`: the corpus
    follows a link out of them only with --follow-links (`loop -> ..` walked all of /tmp)."""
    if not entry.is_symlink():
        return True
    target = os.path.realpath(entry.path)
    return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _first_visit(folder: str, visited: set[tuple[int, int]]) -> bool:
    """Whether `folder` (by its device and inode) is not in `visited` yet; it is added."""
    try:
        status = os.stat(folder)
    except OSError:
        return True  # _listed reports it as not listable
    key = (status.st_dev, status.st_ino)
    if key in visited:
        return False
    visited.add(key)
    return True


def _hidden_counts(met: list[os.DirEntry], limit: int, visited: set[tuple[int, int]]) -> dict[str, int]:
    """hidden_articles's counts, from the hidden files and folders the walk of the visible ones
    met (`visited`: the folders it walked)."""
    hidden: dict[str, int] = {}
    pending: list[tuple[str, str]] = []  # a folder, and the innermost hidden folder it is in

    def count(entry: os.DirEntry, top: str, inside: bool = False) -> None:
        if entry.name in TOOL_FOLDERS:
            return
        if _is_folder(entry) and not (inside and entry.is_symlink()):  # a link in it: as before
            pending.append((entry.path, top))
        elif entry.is_file() and article_suffix(entry.name) is not None:
            hidden[top] = hidden.get(top, 0) + 1

    for entry in reversed(met):
        count(entry, entry.path)
    seen = 0
    while pending and seen < limit:
        folder, top = pending.pop()
        if not _first_visit(folder, visited):
            continue
        entries = _listed(folder, limit - seen + 1)
        if entries is None or any(e.name in TOOL_MARKERS or e.name == INDEX_MARKER_NAME for e in entries):
            continue
        for entry in entries[: limit - seen]:
            count(entry, entry.path if entry.name.startswith(".") else top, inside=True)
        seen += len(entries)
    return hidden


def _listed(folder: str, most: int) -> list[os.DirEntry] | None:
    """The first `most` entries of a folder, or None when it cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            return list(itertools.islice(listing, most))
    except OSError:
        return None
