"""Write a new file all or nothing (no UI imports): a full disk or a failed write leaves neither
a partial file at the target (which would block a retry) nor a temp file beside it."""

from __future__ import annotations

import datetime as _dt
import errno
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Callable


def write_new_file(path: Path, text: str) -> None:
    """Write `text` to `path`, which must not exist yet (FileExistsError when it does; any other
    OSError as raised). The text goes to a temp file in the same folder first, then takes the
    target's name in one step, with the permissions open() would give a new file."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _about(exc, path) from None
    try:
        _write(fd, tmp, path, text)
    except OSError as exc:
        if exc.filename is None or exc.filename == tmp:
            raise _about(exc, path) from None
        raise
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def replace_file(path: Path, data: bytes) -> None:
    """Replace the contents of `path` (or create it) all or nothing: a temp file in the same folder,
    flushed, renamed into place. A symbolic link (a config file kept in a dotfiles repository) stays
    a link: its target is what gets replaced; the file keeps its permissions, a new one gets those
    open() would give it (mkstemp's are 0600)."""
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()  # a new file: what open() would have made
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _about(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None or exc.filename == tmp:  # a full disk's write names no file
            raise _about(exc, path) from None
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask, read without changing it (os.umask sets it, for every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _about(error: OSError, path: Path) -> OSError:
    """The same error naming the file asked for: the temp file's name ('.x.md.jmp9pajx.tmp' on a
    read-only folder) means nothing to the user, and a failed write named no file at all."""
    return OSError(error.errno, error.strerror or str(error), str(path))


def _write(fd: int, tmp: str, path: Path, text: str) -> None:
    """The text to the temp file `tmp` (open as `fd`), then the temp file to `path`."""
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        # mkstemp makes the file 0600: an export is the user's to share, so it gets what open()
        # would have given it (0644 under the usual umask), as `reader compare --markdown > f` does.
        os.fchmod(handle.fileno(), 0o666 & ~_umask())
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(tmp, path)  # fails when the target exists: never overwrites
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if path.exists():  # a file system without hard links: check, then rename
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.rename(tmp, path)


def file_in_the_way(path: Path) -> Path | None:
    """The first of `path`'s folders that is a file (made one while a window runs, say), or None:
    the file cannot be written until it is moved out of the way."""
    for folder in (path.parent, *path.parent.parents):
        if folder.exists() and not folder.is_dir():
            return folder
    return None


def why_not_written(path: Path, error: BaseException) -> str:
    """Why the file `path` (a SQLite database, say) could not be opened or written, in words:
    SQLite only says "unable to open database file", for a read-only folder as for a folder
    where the file should be."""
    path = Path(path)
    number = getattr(error, "errno", None)
    if number in (errno.ENOSPC, errno.EDQUOT):  # said as such, whatever the path (a write names none)
        return "the disk is full" if number == errno.ENOSPC else "the disk quota is used up"
    if path.is_dir():
        return "a folder is where the file should be"
    in_the_way = file_in_the_way(path)
    if in_the_way is not None:
        if in_the_way == path.parent:
            return "its folder is a file, not a folder"
        return f"{in_the_way} is a file, not a folder"
    if path.exists() and not os.access(path, os.R_OK):
        return "the file cannot be read (permission denied)"
    for place in (path, path.parent):
        if place.exists():
            if os.access(place, os.W_OK):
                break
            what = "file" if place == path else "folder"
            try:
                read_only = bool(os.statvfs(place).f_flag & os.ST_RDONLY)
            except OSError:
                read_only = False
            return f"the {what} is on a read-only file system" if read_only else f"the {what} is not writable"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror if not error.filename else f"{error.strerror} ({error.filename})"
    return str(error) or type(error).__name__


def process_alive(pid: int) -> bool:
    """Whether a process `pid` exists (another user's too: we may not signal it, but it is there)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # not ours to signal (PermissionError), or cannot tell: taken as there
        return True
    return True


def remove_dead_writers_temps(folder: Path, name: re.Pattern[str]) -> None:
    """Remove the temp files in `folder` whose whole name matches `name` (its group "pid" the
    writer's) and whose writer is gone: what a writer killed between writing and renaming leaves.
    Nothing else is touched, and a file that cannot be removed is left for the next time."""

    def dead_writers(entry: str) -> bool:
        match = name.fullmatch(entry)
        return match is not None and not process_alive(int(match["pid"]))

    remove_left_behind(folder, dead_writers)


def remove_left_behind(folder: Path, left_behind: Callable[[str], bool]) -> list[str]:
    """Remove the files in `folder` whose names `left_behind` picks; the names removed (nothing
    when the folder cannot be read; a file that cannot be removed is left for the next time)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    removed = []
    for entry in names:
        if left_behind(entry):
            try:
                os.unlink(Path(folder) / entry)
            except OSError:
                continue
            removed.append(entry)
    return removed


# A damaged file of ours kept beside it: <name>.damaged-<UTC time>, never over another file.
DAMAGED_INFIX = ".damaged-"


def damaged_stamp() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def damaged_aside_name(path: Path, stamp: str, companions: tuple[str, ...] = ()) -> Path:
    """The name beside `path` its damaged copy takes: <name>.damaged-<stamp>, then -2, -3 … while
    that name (or it with one of the `companions` suffixes, a journal's "-journal") is taken: a
    second copy set aside within the second never replaces the first."""
    aside, number = path.with_name(f"{path.name}{DAMAGED_INFIX}{stamp}"), 1
    while any(name_taken(Path(f"{aside}{suffix}")) for suffix in ("", *companions)):
        number += 1
        aside = path.with_name(f"{path.name}{DAMAGED_INFIX}{stamp}-{number}")
    return aside


def name_taken(path: Path) -> bool:
    """A file, folder or link (a dangling one too) has the name."""
    return path.exists() or path.is_symlink()
