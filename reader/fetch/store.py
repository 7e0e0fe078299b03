"""Where fetched articles live: a managed corpus folder in the user data dir, and the fetch state.

    <data dir>/fetched/<outlet>/<date>-<title>-<url hash>.md        Markdown + YAML front matter
                                  (<date> is "undated" when the page and its feed give none)
    <data dir>/fetched/<outlet>/<date>-<title>-<url hash>.html.gz   the raw page, gzip-compressed
    <data dir>/fetched/<outlet>/<...>-v2.md                         a later version of the article
    <data dir>/fetch-state.json   per feed: ETag, Last-Modified, last fetch and its outcome,
                                  its entries' keys (ENTRY_KEYS);
                                  per canonical URL: the file, text hash and version;
                                  per host: its robots.txt (kept a day);
                                  per page that failed for now: its attempts and next try
    <data dir>/fetch.lock         held while a fetch runs (one at a time)

Every file is written to a hidden temporary file in the same folder and renamed into place, so
a crash leaves no half-written article (hidden files are never read as articles). Articles are
written in batches (`flush`): the batch's temporary files are written, then each is synced to disk
(the first fsync commits the file system's journal for them all, so the others cost next to
nothing), then all are renamed into place and their folders synced. One fsync per article took
~20 s for a feed of 5,000 entries. An article is renamed into place only once its bytes are on
disk, and the state that names it is written only after that, so neither a killed process nor a
power cut leaves an article file short or the state naming a file that is not there; a batch
not yet renamed is fetched again by the next run (the state does not know it either). The state
is written the same way. Nothing here deletes an article.
"""

from __future__ import annotations

import base64
import datetime as _dt
import fcntl
import functools
import hashlib
import json
import math
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable, Mapping
from urllib.parse import urlsplit

import yaml

from reader import config
from reader.corpus.formats import EDITED_KEY, TIME_KEY, fetch_moment
from reader.safe_write import DAMAGED_INFIX, damaged_aside_name, damaged_stamp
from reader.wording import WAITING_FOR_ANOTHER, local_time

# Written as version 1, in a layout a reader of version 1 reads whole (_packed): a version it does
# not know it sets aside, and starts afresh (every page of every feed asked again, articles the user
# deleted fetched back, the state it sets aside never read again), as a user going back to an older
# reader, or running two, would. 2: a layout written for a while that left out each record's `feed`
# and its `hashes` entry, which an older reader needs (an article's feed, a text stored twice):
# still read, put back at load (_unpacked).
STATE_VERSION = 1
READABLE_VERSIONS = (1, 2)
MOVED_FROM = "moved_from"  # a feed's state: the addresses it was fetched at before it moved for good
# The state's: {the URL of a feed unsubscribed after it moved for good: where it moved}. Its
# articles are its new address's when that is subscribed (see articles_count).
MOVED_FEEDS = "moved_feeds"
# How many article keys the state held when this reader last saved it, every one keyed as
# canonical_url keys it: the keys of an older reader are migrated at most once (a test of each
# key at each load cost ~27 ms at 20,000 keys, a lossy key left as it was read its file each
# time). An older reader keeps the note but only ever adds keys: one it ran since leaves the
# count short, and the next load migrates what it added.
KEYS_CHECKED = "keys_checked"
# An article's record whose feed entry now links elsewhere (ArticleStore.relink): its page is
# asked at the new address even when the entry's stamp is unchanged, until that is handled.
RELINKED = "relinked"
KEEP_DAMAGED = 3  # the newest damaged state files kept aside; older ones are removed
BATCH_FILES = 400  # files written before a batch is synced and renamed into place
BATCH_SECONDS = 2.0  # ... or this long after its first file: fetched pages show up soon


class FetchBusy(Exception):
    """Another `reader fetch` is writing the same folder. `since` (seconds since the epoch) and
    `pid`: when the run holding the lock took it, and its process, as it noted them in the lock
    file (None when it noted nothing: an older reader, or a run that has only just taken it)."""

    def __init__(
        self, message: str, *, since: float | None = None, pid: int | None = None, waited: float = 0.0
    ) -> None:
        super().__init__(message)
        self.since = since
        self.pid = pid
        self.waited = waited  # seconds of READER_LOCK_WAIT waited in vain (0: none, as `reader fetch` for a run)


def converting_noted(text: str) -> bool:
    """Whether the lock file's note is one a load writing an old layout converted
    (ArticleStore._save_converted) wrote: a write of a second or so, not a run."""
    try:
        noted = json.loads(text)
    except ValueError:
        return False
    return isinstance(noted, dict) and noted.get(CONVERTING) is True


def lock_holder(text: str) -> tuple[float | None, int | None]:
    """(since, pid) as a run holding the fetch lock noted them in the lock file (_note_holder);
    (None, None) for anything else (an older reader's empty file, a damaged one)."""
    try:
        noted = json.loads(text)
    except ValueError:
        return None, None
    if not isinstance(noted, dict):
        return None, None
    noted_since, pid = noted.get("since"), noted.get("pid")
    since: float | None = None
    if isinstance(noted_since, (int, float)) and not isinstance(noted_since, bool) and math.isfinite(noted_since):
        since = float(noted_since)  # json reads NaN and Infinity too: no start
    pid = pid if isinstance(pid, int) and not isinstance(pid, bool) and pid > 0 else None
    return since, pid


def noted_host(text: str) -> str | None:
    """The host name the run holding the fetch lock noted (_note_holder), else None (an older
    reader's note, a damaged one)."""
    try:
        noted = json.loads(text)
    except ValueError:
        return None
    host = noted.get("host") if isinstance(noted, dict) else None
    return host if isinstance(host, str) else None


def holder_as_noted(
    handle: IO, noted: tuple[float | None, int | None], host: str | None = None
) -> tuple[float | None, int | None]:
    """lock_holder's (since, pid) when the noted process is the one holding the lock on `handle`;
    else what is known of the holder. The note of a run that was killed stays in the file until
    the next run takes the lock and notes itself: read in between, it named a pid that may be
    gone, or reused by an unrelated process (which `fetch --quiet` said to kill after an hour).
    `host`: the machine the note names (noted_host): a pid of another machine (the data folder on
    NFS) or container cannot be looked up here, and the lock held stands for it."""
    from reader.file_lock import flock_holders

    since, pid = noted
    holders = flock_holders(handle)
    named = (holders or set()) - {0}  # 0: a process of another pid namespace, not nameable here
    if named:  # the system names the holder (Linux)
        if pid in named:
            return since, pid
        return None, named.pop() if len(named) == 1 and len(holders or ()) == 1 else None
    # No holder named: another system, a lock the table lists apart (NFS, overlay), or a holder
    # of another container (0). A gone pid of this machine is a killed run's note.
    if pid is not None and not holders and host in (None, _this_host()) and not _alive(pid):
        return None, None
    return since, pid


def _this_host() -> str:
    import socket

    return socket.gethostname()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # gone, or no pid there could be
        return False
    except OSError:
        return True  # another user's process, or cannot tell: the note stands
    return True


def _busy_words(since: float | None, pid: int | None, command: str = "") -> str:
    """ " (pid 4242: reader fetch, since 03:10)" of the run holding the lock, "" when it noted
    nothing; `command`: its command line, when the system names it the lock's holder."""
    from reader.wording import holder_shown

    moment = local_time(since) if since is not None else None  # (None: a damaged note's year 10^9)
    return holder_shown((pid, command) if pid else None, *([f"since {moment}"] if moment is not None else []))


def _holder_command(handle: IO, pid: int | None) -> str:
    """The command line of `pid` when the system names it the one holding the lock on `handle`
    (file_lock.lock_holder), else "": a pid only noted in the file may be another machine's (the
    data folder on NFS) or reused, and this machine's /proc would name an unrelated process."""
    from reader.file_lock import lock_holder

    holder = lock_holder(handle) if pid else None
    return holder[1] if holder is not None and holder[0] == pid else ""


def _holder(handle: IO) -> tuple[float | None, int | None, bool]:
    """(since, pid, converting) of the process holding the fetch lock `handle` could not take, as
    it noted them (holder_as_noted); `converting` when a load holds the conversion mark
    (conversion_marked), or the noted process is the holder and noted it (an older reader's load,
    which makes no mark; a killed load's note is not read as the next holder's)."""
    try:
        handle.seek(0)
        text = handle.read(LOCK_NOTE_BYTES)
    except (OSError, ValueError):
        return None, None, False
    noted = lock_holder(text)
    since, pid = holder_as_noted(handle, noted, noted_host(text))
    noted_so = converting_noted(text) and pid is not None and pid == noted[1]
    return since, pid, noted_so or conversion_marked(Path(handle.name).parent)


# Left in the lock file, in place of its note, by a run whose last save of the fetch state failed
# (a full disk): {"pid", "since"} of the run as it noted itself, and "why". The state on disk is
# then the run's last progress save, whose notes on the feeds it had yet to read (QUEUED_IN) were
# read as a run killed outright before them, though it may have read them: its results were lost.
NOT_SAVED = "not_saved"


def run_not_saved(folder: Path) -> dict | None:
    """NOT_SAVED as the last run holding the fetch lock in `folder` left it ({"pid", "since",
    "why"}), or None (no run left one). A holder keeps it beside its own note (_note_holder)."""
    try:
        with open(folder / "fetch.lock", encoding="utf-8", errors="replace") as handle:
            return not_saved_noted(handle.read(LOCK_NOTE_BYTES))
    except OSError:
        return None


def not_saved_noted(text: str) -> dict | None:
    """NOT_SAVED as the lock file's text `text` holds it, else None."""
    try:
        noted = json.loads(text)
    except ValueError:
        return None
    left = noted.get(NOT_SAVED) if isinstance(noted, dict) else None
    if not isinstance(left, dict) or not isinstance(left.get("why"), str):
        return None
    noted = {"pid": left.get("pid"), "since": left.get("since"), "why": left["why"]}
    earlier = left.get(EARLIER)
    if isinstance(earlier, list):
        runs = [{"pid": run.get("pid"), "since": run.get("since")} for run in earlier if isinstance(run, dict)]
        noted[EARLIER] = runs[:EARLIER_KEPT]
    return noted


# Under NOT_SAVED: the runs before ({"pid", "since"}) whose results a run took over (noted them on
# the feeds) but could not save either, the disk still full: hourly fetches from cron on a full
# disk made the first run's feeds read as killed outright once the second failed too.
EARLIER = "earlier"
EARLIER_KEPT = 8


def not_saved_runs(not_saved: dict) -> list[tuple]:
    """(pid, since) of each run NOT_SAVED `not_saved` (not_saved_noted) speaks for: a damaged
    note's run without a pid is none (it matched every feed's note that named no pid either)."""
    runs = [not_saved, *not_saved.get(EARLIER, ())]
    return [
        (run["pid"], run.get("since"))
        for run in runs
        if isinstance(run.get("pid"), int) and not isinstance(run["pid"], bool) and run.get("since") is not None
    ]


# The most of the lock file read for NOT_SAVED, and the most its note takes: it is written in
# place, in the block the holder's note has (a full disk has no room for another).
NOT_SAVED_BYTES = 4096
# The most of the lock file read at all: a holder's note ({"pid", "since", "host"}) with the
# NOT_SAVED note it keeps while it holds the lock (_note_holder).
LOCK_NOTE_BYTES = NOT_SAVED_BYTES + 512


def _not_saved_in(handle: IO) -> dict | None:
    """NOT_SAVED as the lock file `handle` (held) has it, else None."""
    try:
        handle.seek(0)
        return not_saved_noted(handle.read(LOCK_NOTE_BYTES))
    except (OSError, ValueError):
        return None


def _not_saved_bytes(note: dict) -> bytes:
    """The lock file's text of NOT_SAVED `note`, its "why" cut to fit NOT_SAVED_BYTES (a path of
    2,000 characters that are not ASCII, each written as \\uXXXX, made a note read as none)."""
    why = note["why"]
    while True:
        data = json.dumps({NOT_SAVED: {**note, "why": why}}).encode("utf-8")
        if len(data) <= NOT_SAVED_BYTES or not why:
            return data
        why = why[: len(why) * NOT_SAVED_BYTES // len(data) - 1]


def _write_in_place(handle: IO, data: bytes) -> bool:
    """`data` as the whole of the lock file `handle` (held), never an empty or unreadable file
    between: written over the old text, padded with spaces to its length, then cut to its own.
    A `feed list` reading the note as a fetch starts read an empty file between a truncate and
    the write (a note of a state not saved lost, its feeds said killed outright); a shorter note
    written over a longer one, the old one's tail read after it till the cut, made no JSON (a
    note read as none; for good when killed in between). Not replaced by a rename: the lock is
    on this file. False if it cannot be written (it still locks)."""
    try:
        fd = os.open(handle.name, os.O_WRONLY)  # (the handle appends: Linux's pwrite on it too)
    except OSError:
        return False
    try:
        padded = data + b" " * (os.fstat(fd).st_size - len(data))  # (JSON reads trailing spaces)
        os.pwrite(fd, padded, 0)
    except OSError:
        os.close(fd)
        return False
    try:
        os.ftruncate(fd, len(data))
    except OSError:
        pass  # read whole all the same, padded
    finally:
        os.close(fd)
    return True


def _leave_note(handle: IO, note: dict | None) -> None:
    """Let go of the holder's note in the lock file `handle` (held): NOT_SAVED `note` in its place,
    when there is one to leave and it can be written, else nothing (the next holder's note is read,
    never this one's, held for hours)."""
    if note is not None and _write_in_place(handle, _not_saved_bytes(note)):
        return
    try:
        handle.truncate(0)
    except OSError:
        pass


def conversion_marked(folder: Path) -> bool:
    """Whether a load writing the converted state (_save_converted) holds the conversion mark, an
    flock on CONVERSION_MARK it takes before the fetch lock and lets go after it: a run finding the
    lock taken reads it as converting from the lock's first moment (the note in the lock file can
    only be written once the lock is held, and a `reader fetch` in between stopped at once with
    "another reader fetch is running"). Held, not a file made and removed: the system lets go of it
    when its process dies (no stale mark, whatever process gets its pid next), it asks no
    /proc/locks for the holder, and no file is ever removed."""
    try:
        fd = os.open(folder / CONVERSION_MARK, os.O_RDONLY)
    except OSError:  # none: no load has converted here
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # shared: two runs looking never block each other
    except BlockingIOError:
        return True
    except OSError:  # a file system without locks
        return False
    finally:
        os.close(fd)
    return False


# The longest lock() waits, unsaid, for the shared locks of `feed list`s looking whether a run
# holds the fetch lock (running_fetch: each held microseconds, unless its process is descheduled
# in between; no run holds it then). A run's lock (exclusive) is said at once.
LOOKS_WAIT = 2.0


def _looked_at_only(path: Path) -> bool:
    """Whether the lock on the file `path` that another process holds is only shared: a look of
    running_fetch's, no run (a run's, or a conversion's, is exclusive, and no shared lock can be
    taken beside it). Told by a shared lock taken and let go at once on a handle of its own."""
    try:
        with open(path, encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return True  # (let go as it closes)
    except OSError:  # held exclusively (BlockingIOError), or no locks here
        return False


def _wait_past_looks(handle: IO, path: Path) -> bool:
    """Take the fetch lock on `handle` at once, waiting only while no more than looks hold it
    (_looked_at_only), up to LOOKS_WAIT: a `feed list` looking as a run started made it fail as
    "another reader fetch is running", which named the last run's note. True once held."""
    from reader.file_lock import wait_for_flock

    deadline = time.monotonic() + LOOKS_WAIT
    while not wait_for_flock(handle, 0):
        if time.monotonic() >= deadline or not _looked_at_only(path):
            return False
        time.sleep(0.002)
    return True


def running_fetch(folder: Path) -> tuple[float | None, int | None] | None:
    """(since, pid) of the reader fetch holding the fetch lock in `folder` now, as it noted them
    (holder_as_noted: None where not confirmed), or None when no run holds it (a load converting
    the state is no run). Held is held whether or not the system names the holder: where it names
    none (no /proc/locks, NFS, a lock the table lists under another file, another container's), a
    shared lock tried and let go at once tells (lock() waits for such looks: _wait_past_looks)."""
    try:
        handle = open(folder / "fetch.lock", encoding="utf-8", errors="replace")
    except OSError:  # none yet, or not readable: no run to tell of
        return None
    from reader.file_lock import flock_holders

    with handle:
        if not flock_holders(handle) and not _flock_taken(handle):
            return None
        since, pid, converting = _holder(handle)
        return None if converting else (since, pid)


def _flock_taken(handle: IO) -> bool:
    """Whether another process holds an flock on `handle`'s file: a shared lock tried and let go at
    once (where the system names no holder)."""
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # a file system without locks
        return False
    fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def _busy(since: float | None, pid: int | None, *, converting: bool, waited: float, command: str = "") -> FetchBusy:
    """Why the fetch lock could not be taken: a run holds it, or a load writing the state converted.
    How to wait longer is the command's to say (commands.common.busy_advice: it knows the command
    to run again, and the index's lock says it the same way)."""
    holder = _busy_words(since, pid, command)
    if converting:
        doing = f"reader{holder} is converting the fetch state to its new layout"
        if waited:
            doing += f" still, after {waited:g} s of waiting for it"
        return FetchBusy(f"{doing}; try again in a moment", since=since, pid=pid, waited=waited)
    if waited:  # the wait ran out: how long
        return FetchBusy(
            f"another reader fetch{holder} is still running after {waited:g} s of waiting for it; "
            "try again when it has finished",
            since=since,
            pid=pid,
            waited=waited,
        )
    return FetchBusy(f"another reader fetch{holder} is running; try again when it has finished", since=since, pid=pid)


# What a wait for the fetch lock says, as the index's lock wait says its own (index/lock.py).
WAITING = f"{WAITING_FOR_ANOTHER} to finish fetching…"
# ... and a wait for a load writing an old layout converted (_save_converted), which holds it briefly.
WAITING_FOR_CONVERSION = f"{WAITING_FOR_ANOTHER} to finish converting the fetch state…"
# The lock file's note of such a load: `reader fetch` waits for it rather than stop as if a run held it.
CONVERTING = "converting"
CONVERSION_MARK = "fetch.converting"  # beside fetch.lock: conversion_marked


def text_hash(text: str) -> str:
    """The content key: the words of the text, case and spacing ignored."""
    words = " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def _slug_char(ch: str) -> str:
    """A Latin letter as ASCII (é -> e; ß, ø as before: dropped), a letter or digit of another
    script as it is (Cyrillic, Arabic, CJK titles and outlets were all "untitled"), else a break."""
    if ch.isascii():
        return ch.lower() if ch.isalnum() else " "
    plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
    if plain:
        return plain.lower()
    if not ch.isalnum() or unicodedata.name(ch, "").startswith("LATIN"):
        return "" if ch.isalnum() else " "
    return ch.lower()


def slug(text: str | None, limit: int = 60) -> str:
    mapped = "".join(map(_slug_char, unicodedata.normalize("NFC", text or "")))
    words = re.findall(r"[^\W_]+", mapped)
    out = "-".join(words)[:limit].strip("-")
    while len(out.encode("utf-8")) > 3 * limit:  # a file name is at most 255 bytes
        out = out[:-1].rstrip("-")
    return out or "untitled"


# Pages older than `keep_pages` days are looked for at most this often (seconds): a walk of the folder.
PRUNE_EVERY = 86_400


def _outlet_folders(root: Path) -> list[os.DirEntry]:
    """The outlets' folders of the fetched corpus (not hidden ones, not symbolic links)."""
    try:
        with os.scandir(root) as entries:
            return [e for e in entries if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


# A page's name as ArticleStore.save writes it: "<date>-<title>-<url hash>[-vN].html.gz".
_PAGE_NAME = re.compile(r"[^.].*-[0-9a-f]{8}(?:-v[0-9]+)?\.html\.gz")


def _pages_in(folder: os.DirEntry, stored: set[str]) -> list[os.DirEntry]:
    """The stored pages in an outlet's folder: `.html.gz` files named as the store names them,
    each beside its article (the `.md` of the same name) or one of the fetch state's (`stored`:
    {folder name/file name without suffix}, an article deleted since). Any other file is not
    reader's and is never removed (a page of the user's own kept there)."""
    try:
        with os.scandir(folder.path) as entries:
            listed = list(entries)
    except OSError:
        return []
    articles = {e.name[: -len(".md")] for e in listed if e.name.endswith(".md") and e.is_file(follow_symlinks=False)}
    pages = []
    for entry in listed:
        stem = entry.name[: -len(".html.gz")]
        if not _PAGE_NAME.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        if stem in articles or f"{folder.name}/{stem}" in stored:
            pages.append(entry)
    return pages


def write_atomically(path: Path, data: bytes) -> None:
    from reader.safe_write import replace_file

    replace_file(path, data)


@dataclass
class Saved:
    id: str  # the article id in the fetched corpus (path without extension)
    path: Path
    url: str
    title: str | None
    outlet: str | None
    version: int
    previous: str | None  # the id of the version this one replaces
    date: str | None = None  # ISO YYYY-MM-DD, as the page or its feed entry gives it
    author: str | None = None
    time: str | None = None  # the moment its page states (else its feed entry's), as the front matter gives it
    fetched: str | None = None  # when it was fetched, UTC ("...Z"), as `reader list --json` gives it (Article.fetched)

    @property
    def listed_outlet(self) -> str | None:
        """The outlet as `reader list` names it, the corpus's loader having read the file: the
        registry's name of an alias given with --outlet ("New York Times" is The New York Times)."""
        from reader.corpus.outlets import default_registry

        return default_registry().canonical(self.outlet)

    def to_dict(self) -> dict:
        """The keys of `reader list --json`, in its order, then the version's: a script reads both
        alike. `story` is null: stories are found when the articles are indexed, after the fetch."""
        return {
            "id": self.id,
            "outlet": self.listed_outlet,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "story": None,
            "path": str(self.path),
            "author": self.author,
            "time": self.time,
            "fetched": self.fetched,
            "version": self.version,
            "previous": self.previous,
        }


# A feed's state: {entry key: link key} (entry_key of each) of the entries with a link its last read
# listed, by which an entry whose link moved is known. Before, ENTRY_IDS held the ids and canonical
# URLs themselves, 175-300 bytes an entry, 36 now (bench/bench_fetch_state.py: 17.5 MB for 200
# feeds of 500 entries, read and written by every fetch); read as entry keys at load
# (_compact_entry_ids).
ENTRY_KEYS = "entry_keys"
ENTRY_IDS = "entry_ids"
# A record's {feed URL: digest_of_entry of its entry's title and text as that feed gave it when it was
# last handled}: an entry whose stamp never moves (a CMS keeps an edited item's pubDate) changed
# when its digest differs (text_changed). Written as DIGEST alone when its feed is the one of the
# record's `stamps` (_packed; ~25 bytes a record), put back at load. A record without one (a state
# written before digests were, or a record an older reader wrote since: it reads past the key and
# keeps STATE_VERSION) has it noted at the entry's next read, not counted as a change.
DIGESTS = "digests"
DIGEST = "digest"
# A feed's count of reads (runs, not entries) in which an entry's title or text changed under an
# unchanged stamp and every page asked for it proved unchanged (a 304, or the text kept), with no
# new version between: a feed that writes a count of points or comments, or "5 minutes ago", into
# each entry's text changes it at every read, and its pages were asked again each run. From
# IDLE_EDITS_TRUSTED on, the feed is judged by its dates: its entries' texts tell no change (their
# stamps still do); an edit that makes a new version starts the count again. Counted per read: by
# entry, one read of three entries whose digests were stale (their feed judged by its dates, or an
# older reader's run between) judged a feed at once.
IDLE_EDITS = "idle_edits"
IDLE_EDITS_TRUSTED = 3
# IDLE_EDITS as this reader counted it (per read), written beside it: an older reader keeps this
# key as it was, and one before DIGESTS_READ_AT counts IDLE_EDITS per entry (one read of three
# entries judged a feed), so at load (_idle_counts_settled) a count an older reader moved since
# is put back to this one (one counted per read too: judged later, never sooner), one it removed
# (a version made) removes this one too; a state of a reader before DIGESTS_READ_AT alone counts
# as one idle read at most, its judgement by dates not kept, one with it keeps its count.
IDLE_READS = "idle_reads"
# When a feed came to be judged by its dates, or a recheck found it so again (a Unix time). From
# IDLE_RECHECK_DAYS after it, the entries whose texts changed under unchanged stamps (UNCHECKED)
# have their pages asked again (a recheck some of whose pages did not answer stays due, so it goes
# on at the next run): unchanged, the feed stays judged by its dates for as long again; a new version, and its texts tell edits again (a feed that stopped writing counts into
# its texts, or one judged so by a few pages' chance, recovers with no remove and add). A feed
# judged so by a reader before this key (none noted) is rechecked at its next such entry.
IDLE_SINCE = "idle_since"
IDLE_RECHECK_DAYS = 7
# A feed judged by its dates: the entries (entry_key of their canonical URLs) whose title or text
# changed under an unchanged stamp since their page was last asked, their digests noted. At the
# recheck each one still listed has its page asked (a 304 most often), not only the one whose text
# changed at that read: an edit that came between two rechecks, under a feed whose other entries
# write counts, was never seen while its date stayed the same (its digest noted, the recheck asking
# the first entry changed then). So an edit is seen at the first run from the next recheck on. An
# entry leaves it only once its page answered (note_page_answered): one left unasked by max_pages,
# max_host_pages, a pause or a stop stays noted, and is asked at the next run that may (a recheck,
# or any run once the feed's texts tell edits again), however the run ended.
UNCHECKED = "unchecked"
# How much later than now an IDLE_SINCE may be and still be believed (it is rounded to the second,
# so half a second later; a clock put right by a few minutes): any later, and the clock was set
# back since it was noted (idle_recheck_at).
IDLE_CLOCK_SLACK = 3600
# A feed's `fetched_at` as this reader last read it: another `fetched_at` is an older reader's read
# since, which moved its entries' stamps and left their digests as they were; a text told changed
# against such a digest is asked for (an edit may hide there), but its unchanged page is no idle read
# (so too at the first read of a state written before this key).
DIGESTS_READ_AT = "digests_read_at"


def texts_tell_edits(feed_state: dict) -> bool:
    """Whether a change of an entry's title or text in this feed is taken for an edit (IDLE_EDITS)."""
    return not judged_by_dates(feed_state)


def judged_by_dates(feed_state: dict) -> bool:
    """Whether the feed's entries' texts proved no sign of an edit (IDLE_EDITS_TRUSTED reads in a
    row whose text changed and whose page did not): only their dates tell a change."""
    idle = feed_state.get(IDLE_EDITS)
    return isinstance(idle, int) and idle >= IDLE_EDITS_TRUSTED


def idle_recheck_at(feed_state: dict, now: float | None = None) -> float | None:
    """When the texts of a feed judged by its dates are next checked again (IDLE_SINCE): a Unix
    time, 0 when due at once (none noted, or one over IDLE_CLOCK_SLACK later than now: the clock
    was set back, and a judgement noted in 2030 waited till 2030 and a week); None for a feed
    not judged so."""
    if not judged_by_dates(feed_state):
        return None
    since = feed_state.get(IDLE_SINCE)
    if isinstance(since, bool) or not isinstance(since, (int, float)) or not math.isfinite(since):
        return 0.0
    if since > (time.time() if now is None else now) + IDLE_CLOCK_SLACK:
        return 0.0
    return since + IDLE_RECHECK_DAYS * 86400


def idle_recheck_due(feed_state: dict, now: float | None = None) -> bool:
    """Whether a feed judged by its dates has its changed entries' pages (UNCHECKED) asked again now."""
    now = time.time() if now is None else now
    at = idle_recheck_at(feed_state, now)
    return at is not None and at <= now


def digests_read_here(feed_state: dict) -> bool:
    """Whether this reader made the feed's last read (DIGESTS_READ_AT): its digests are its own."""
    return feed_state.get(DIGESTS_READ_AT) == feed_state.get("fetched_at")


def note_read_here(feed_state: dict) -> None:
    """The feed was read now, by this reader (DIGESTS_READ_AT)."""
    feed_state[DIGESTS_READ_AT] = feed_state["fetched_at"] = time.time()


def note_edit_outcome(feed_state: dict, made_a_version: bool, now: float | None = None) -> None:
    """What the pages of entries asked for their changed texts alone turned out (IDLE_EDITS): a new
    version, and the feed's texts tell edits (again); none in a read, one more idle read (noted
    once a read), and from IDLE_EDITS_TRUSTED on the feed is judged by its dates from now
    (IDLE_SINCE)."""
    if made_a_version:
        for key in (IDLE_EDITS, IDLE_READS, IDLE_SINCE):  # (UNCHECKED waits for its pages)
            feed_state.pop(key, None)
    else:
        idle = feed_state.get(IDLE_EDITS)
        feed_state[IDLE_EDITS] = feed_state[IDLE_READS] = idle = (_count(idle) or 0) + 1
        if idle >= IDLE_EDITS_TRUSTED:
            feed_state[IDLE_SINCE] = round(time.time() if now is None else now)


def unchecked_keys(feed_state: dict) -> set[str]:
    """UNCHECKED as noted (entry keys), none of a damaged note."""
    noted = feed_state.get(UNCHECKED)
    return {k for k in noted if isinstance(k, str)} if isinstance(noted, list) else set()


def note_page_answered(feed_state: dict, canonical: str) -> None:
    """The page of the feed's entry at `canonical` answered (a 304, a text, a page gone): no
    longer UNCHECKED."""
    if UNCHECKED not in feed_state:
        return
    kept = unchecked_keys(feed_state) - {entry_key(canonical)}
    if kept:
        feed_state[UNCHECKED] = sorted(kept)
    else:
        feed_state.pop(UNCHECKED, None)


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _idle_counts_settled(state: dict) -> None:
    """Each feed's IDLE_EDITS as this reader counts it, once reads per entry of an older reader
    are told apart (IDLE_READS): put back to this reader's count, or, in a state an older reader
    alone counted (per entry, no IDLE_READS nor DIGESTS_READ_AT), one idle read at most, so no
    feed is judged by its dates on the strength of one read of three entries. Nothing else of the
    feed changes: its digests, its records, its articles stay."""
    for feed in state["feeds"].values():
        if not isinstance(feed, dict) or (IDLE_EDITS not in feed and IDLE_READS not in feed):
            continue
        edits, reads = _count(feed.get(IDLE_EDITS)), _count(feed.get(IDLE_READS))
        if reads is not None:
            # ours, unless an older reader removed it since (a version it made: below ours, it
            # counted afresh after one) or counted on
            settled = reads if edits is not None and edits >= reads else 0
        elif edits is not None and DIGESTS_READ_AT in feed:
            settled = edits  # counted per read, by a reader before IDLE_READS
        else:
            settled = min(edits or 0, 1)  # an older reader's count per entry: one read at least
        if settled == edits and settled == reads:
            continue
        if settled:
            feed[IDLE_EDITS] = feed[IDLE_READS] = settled
        else:
            feed.pop(IDLE_EDITS, None)
            feed.pop(IDLE_READS, None)
        if settled < IDLE_EDITS_TRUSTED:
            feed.pop(IDLE_SINCE, None)  # (its UNCHECKED pages are asked at its next read)


def entry_key(text: str) -> str:
    """A feed entry's id or a canonical URL as ENTRY_KEYS holds it: 12 characters of its BLAKE2b
    digest (72 bits: two alike among 100,000 URLs is a chance of about one in 10^12)."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=9).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


def digest_of_entry(title: object, text: str) -> str:
    """DIGESTS' digest of a feed entry: its title and its own text, as its feed gives them."""
    return entry_key(f"{title if isinstance(title, str) else ''}\n{text}")


def _compact_entry_ids(state: dict) -> bool:
    """A feed's ENTRY_IDS, as a reader before ENTRY_KEYS wrote them, as entry keys: what they
    identify stays known, so a moved entry is still an update of its article (nothing refetched).
    Beside ENTRY_KEYS, they were written after them, by an older reader that left those as they
    were: they replace them. Whether any feed had them."""
    converted = False
    for feed in state["feeds"].values():
        if not isinstance(feed, dict) or ENTRY_IDS not in feed:
            continue
        converted = True
        ids = feed.pop(ENTRY_IDS)
        if isinstance(ids, dict):
            feed[ENTRY_KEYS] = {entry_key(i): entry_key(url) for i, url in ids.items() if isinstance(url, str)}
    return converted


# An article's record as fetch-state.json holds it, ~770 bytes written in full and indented
# (100,000 articles: 77 MB read and written by each fetch): most records have no validators, and
# most were given by one feed, whose stamp `stamps` repeats under the feed's URL beside `feed`.
# Written so, a record has `stamp` and no `stamps` (~60 bytes less an article); `stamp` is what
# every reader of version 1 reads when a record has no `stamps` (one noted before stamps were kept
# per feed), and this one puts `stamps` back at load (_stamps_put_back). `feed` and `hashes`, which
# an older reader reads, are written whole.
_NO_VALIDATOR = ("etag", "last_modified")


def _one_feeds_stamp(record: dict, stamps: object) -> bool:
    """Whether a record's `stamps` is only its own feed's `stamp`: `feed` and `stamp` say it all."""
    if not isinstance(stamps, dict) or len(stamps) != 1 or "stamp" not in record:
        return False
    feed = record.get("feed")
    return isinstance(feed, str) and feed in stamps and stamps[feed] == record["stamp"]


def _packed(state: dict) -> dict:
    """The state as written: each record's `stamps` left out when it is its feed's `stamp` alone,
    else its `stamp` beside `stamps` (read only when `stamps` is empty), and its null validators."""
    urls: dict = {}
    for url, record in state["urls"].items():
        if isinstance(record, dict):
            stamps = record.get("stamps")
            record = dict(record)
            if _one_feeds_stamp(record, stamps):
                del record["stamps"]
            elif isinstance(stamps, dict) and stamps:
                record.pop("stamp", None)
            for name in _NO_VALIDATOR:
                if name in record and record[name] is None:
                    del record[name]
            digests = record.pop(DIGESTS, None)
            if isinstance(digests, dict) and digests:
                if isinstance(stamps, dict) and len(digests) == len(stamps) == 1 and next(iter(digests)) in stamps:
                    record[DIGEST] = next(iter(digests.values()))
                else:
                    record[DIGESTS] = digests
        urls[url] = record
    return {**state, "urls": urls}


def _stamps_put_back(state: dict) -> None:
    """Each record written with its feed's `stamp` and no `stamps` (_packed) given its `stamps`
    again: {its feed: its stamp}, as it was noted; and its DIGEST as DIGESTS, under the one feed of
    its `stamps` (in the one pass: a state holds a record per URL ever seen)."""
    for record in state["urls"].values():
        if not isinstance(record, dict):
            continue
        if "stamps" not in record and "stamp" in record:
            feed = record.get("feed")
            if isinstance(feed, str):
                record["stamps"] = {feed: record["stamp"]}
        if DIGEST in record:
            digest, stamps = record.pop(DIGEST), record.get("stamps")
            if isinstance(digest, str) and isinstance(stamps, dict) and len(stamps) == 1 and DIGESTS not in record:
                record[DIGESTS] = {next(iter(stamps)): digest}


def _put_digests(record: dict, digests: dict) -> dict:
    """`record` with its DIGESTS `digests` (none when empty)."""
    if digests:
        record[DIGESTS] = digests
    return record


def _unpacked(state: dict) -> None:
    """Put back what a state of version 2 left out: each article's `feed` (the one key of its
    `stamps`), and the text hash of each record in `hashes`."""
    owners: dict = {}
    for url, record in state["urls"].items():
        if not isinstance(record, dict):
            continue
        stamps = record.get("stamps")
        if "id" in record and "feed" not in record and isinstance(stamps, dict) and len(stamps) == 1:
            record["feed"] = next(iter(stamps))
        if isinstance(record.get("hash"), str):
            owners[record["hash"]] = url
    if owners:
        owners.update(state["hashes"])
        state["hashes"] = owners


def _forget_unresolved_links(state: dict) -> None:
    """Before relative links were resolved, an entry linking to "/fire.html" failed as "not an
    http(s) URL" and was noted as gone under that relative link, which no entry gives any more:
    such notes are dropped, and every feed's validators with them, so the next run reads each
    feed in full (not a 304) and fetches those entries at their resolved address."""
    stale = [
        key
        for key, record in state["urls"].items()
        if isinstance(record, dict)
        and str(record.get("gone") or "").startswith("not an http(s) URL")
        and not urlsplit(str(key)).scheme
    ]
    if not stale:
        return
    for key in stale:
        del state["urls"][key]
    for feed in state["feeds"].values():
        if isinstance(feed, dict):
            feed.pop("etag", None)
            feed.pop("last_modified", None)


def _rekey_lost_bytes(state: dict, root: Path) -> None:
    """Readers before canonical_url kept a query's bytes keyed a Latin-1 site's "?id=%E9" and
    "?id=%E8" alike ("?id=%EF%BF%BD"): the second article was dropped as a duplicate, or stored as
    a "version" of the first when its entry changed. Each article stored under such a key is keyed
    again by the address in its own front matter, the ones of its chain of versions too (each
    article its own key again). A page noted gone or as a duplicate under such a key stays noted
    (its address is not known): it is asked once more and its text found stored."""
    from reader.fetch.urls import LOST_BYTE

    urls, hashes = state["urls"], state["hashes"]
    lossy = [k for k, r in urls.items() if LOST_BYTE in k and isinstance(r, dict) and isinstance(r.get("id"), str)]
    # lossy key -> (the key of the article its record named, {text hash: the key of its article})
    renamed: dict[str, tuple[str, dict[str, str]]] = {}
    for key in lossy:
        rekeyed = _rekeyed_records(key, urls[key], root)
        if not rekeyed:
            continue  # its files say nothing more: left as it is
        del urls[key]
        by_digest: dict[str, str] = {}
        for new_key, (new_record, digests) in rekeyed.items():
            urls.setdefault(new_key, new_record)  # a key a newer reader stored meanwhile stays its
            for digest in digests:
                by_digest.setdefault(digest, new_key)
        renamed[key] = (next(iter(rekeyed)), by_digest)
    # One pass over the texts and one over the aliases for all the keys: a pass for each key took
    # 10 s for a Latin-1 site's 2,000 among 20,000.
    for digest, owner in hashes.items():
        if isinstance(owner, str) and owner in renamed:  # a damaged state's list is no key
            newest, by_digest = renamed[owner]
            hashes[digest] = by_digest.get(digest, newest)
    for record in urls.values() if renamed else ():
        if isinstance(record, dict) and isinstance(record.get("alias"), str) and record["alias"] in renamed:
            record["alias"] = renamed[record["alias"]][0]


def _respell_keys(state: dict) -> None:
    """Readers before canonical_url read a path as a server does keyed "/caf%C3%A9", "/café" and
    "/caf%c3%a9" (or "/~ann" and "/%7Eann") apart: each key is spelled as canonical_url spells it
    now (its article not fetched again under a new spelling). Two keys of one article: the one
    that names a stored article is kept, else the one already so spelled."""
    from reader.fetch.urls import canonical_url, spelled_apart

    urls = state["urls"]
    moved: dict[str, str] = {}
    for key in [k for k in urls if spelled_apart(k.partition("#entry:")[0])]:
        base, entry, tail = key.partition("#entry:")
        new_key = canonical_url(base) + entry + tail
        if new_key == key:
            continue
        record, kept = urls.pop(key), urls.get(new_key)
        if kept is None or (_names_article(record) and not _names_article(kept)):
            urls[new_key] = record
        moved[key] = new_key
    _respell_retries(state["retries"])
    if not moved:
        return
    for digest, owner in state["hashes"].items():
        if isinstance(owner, str) and owner in moved:  # a damaged state's list is no key
            state["hashes"][digest] = moved[owner]
    for key, record in urls.items():
        if isinstance(record, dict) and isinstance(record.get("alias"), str) and record["alias"] in moved:
            record["alias"] = moved[record["alias"]]


def _respell_retries(retries: dict) -> None:
    """The pages that failed for now, keyed as canonical_url keys them now: under an older
    spelling, a page whose server asked to wait (Retry-After) was asked at once, its runs in a
    row counted afresh."""
    from reader.fetch.urls import canonical_url, spelled_apart

    for key in [k for k in retries if spelled_apart(k)]:
        new_key = canonical_url(key)
        if new_key != key:
            retries.setdefault(new_key, retries.pop(key))


def _names_article(record) -> bool:
    return isinstance(record, dict) and isinstance(record.get("id"), str)


def _rekeyed_records(key: str, record: dict, root: Path) -> dict[str, tuple[dict, set[str]]]:
    """The records of an article stored under a lossy key and of the articles of its chain of
    versions: {new key: (record, the text hashes of its versions)}, the article the record names
    first; {} when its own file gives no key."""
    rekeyed: dict[str, tuple[dict, set[str]]] = {}
    article_id, seen = record.get("id"), set[str]()
    while isinstance(article_id, str) and article_id not in seen and len(seen) < 1000:
        seen.add(article_id)
        front, digest = _front_and_hash(root / f"{article_id}.md")
        new_key = _unlost_key(key, front) if front is not None else None
        if front is None or new_key is None:
            break
        if new_key not in rekeyed:
            # The first is the record's own article; an older one is an article the lossy key made
            # a "version" of it, its own again.
            own = _split_off(article_id, front, digest, record) if rekeyed else dict(record)
            rekeyed[new_key] = (own, set())
        if digest:
            rekeyed[new_key][1].add(digest)
        article_id = front.get("previous")
    return rekeyed


def _split_off(article_id: str, front: dict, digest: str | None, record: dict) -> dict:
    """The record of an article a lossy key made a version of another: its entry's stamp was the
    other's, so it is unknown (its page is asked once more, and its text found stored)."""
    version = front.get("version")
    feed = front.get("feed")
    return {
        "id": article_id,
        "hash": digest,
        "version": version if isinstance(version, int) else 1,
        "stamp": None,
        "stamps": {},
        "feed": feed if isinstance(feed, str) else record.get("feed"),
        "etag": None,
        "last_modified": None,
    }


def _unlost_key(key: str, front: dict) -> str | None:
    """The key of an article stored under a lossy `key`, from its front matter: its address (or,
    kept from a feed entry without a link, its feed's, the key's first part); None when the
    front matter does not give the key back (edited, or another article's)."""
    from reader.fetch.urls import canonical_url, lossy_canonical_url

    base, entry, tail = key.partition("#entry:")
    source = front.get("feed") if entry else front.get("url")
    if not isinstance(source, str) or lossy_canonical_url(source) != base:
        return None
    return canonical_url(source) + entry + tail


def _front_and_hash(path: Path) -> tuple[dict | None, str | None]:
    """The front matter and text_hash of an article file `save` wrote; (None, None) when it cannot
    be read as one."""
    front, body = _front_and_body(path)
    return (front, text_hash(body)) if front is not None else (None, None)


def _front_and_body(path: Path) -> tuple[dict | None, str]:
    """The front matter and text of an article file `save` wrote; (None, "") when it cannot be
    read as one (gone, edited beyond reading)."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, ""
    head, sep, body = content.removeprefix("---\n").partition("\n---\n\n")
    try:
        front = yaml.safe_load(head) if sep else None
    except yaml.YAMLError:
        return None, ""
    return (front, body) if isinstance(front, dict) else (None, "")


@dataclass
class _Batch:
    """Files written to hidden temporary names and not yet renamed into place, with what the
    state held before each article was noted in it (put back when the batch cannot be written)."""

    files: list[tuple[str, Path]] = field(default_factory=list)  # (temporary, final) in order
    texts: dict[Path, str] = field(default_factory=dict)  # final .md path -> its text hash
    undo: list[tuple[str, dict | None, str, str | None]] = field(default_factory=list)
    started: float = 0.0

    def __bool__(self) -> bool:
        return bool(self.files)


def _stage(path: Path, data: bytes) -> str:
    """`data` in a new hidden temporary file beside `path` (not synced yet); its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp makes it 0600: an article gets what open() would have given it
            os.fchmod(handle.fileno(), _new_file_mode())
            handle.write(data)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


@functools.cache
def _new_file_mode() -> int:
    """What open() gives a new file under the process's umask (read once: it is read from /proc)."""
    from reader.safe_write import _umask

    return 0o666 & ~_umask()


# What libyaml's dumper writes otherwise than PyYAML's: a character beyond the BMP (an emoji, as
# "\U0001F600"), NEL and the Unicode line and paragraph separators; and a long value, which the two
# fold at other places.
_DUMPED_OTHERWISE_BY_LIBYAML = re.compile("[\U00010000-\U0010ffff\x85\u2028\u2029]")
_FOLDED_FROM = 2000  # characters: well under the width (4096) at which either folds a value
_CSafeDumper = getattr(yaml, "CSafeDumper", None)


def front_matter(front: dict) -> str:
    """An article's front matter as yaml.safe_dump writes it, by libyaml's dumper where it writes the
    same text (a fifth of the time: PyYAML's was the largest CPU cost of a fetch that keeps a feed's
    10,000 entries from their own text, bench/bench_big_feed.py), by PyYAML's elsewhere (an emoji
    stays as itself, not "\U0001f600", in the file a user reads)."""
    options: dict = {"allow_unicode": True, "sort_keys": False, "width": 4096}
    if _CSafeDumper is not None and all(
        isinstance(value, int)
        or (isinstance(value, str) and len(value) < _FOLDED_FROM and not _DUMPED_OTHERWISE_BY_LIBYAML.search(value))
        for value in front.values()
    ):
        return yaml.dump(front, Dumper=_CSafeDumper, **options)
    return yaml.safe_dump(front, **options)


def _sync(path: str | Path, *, folder: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if folder else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def _stored_hash(path: Path) -> str | None:
    """text_hash of the article text of a file `save` wrote (after its front matter)."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    _front, sep, body = content.partition("\n---\n\n")
    return text_hash(body) if sep else None


class ArticleStore:
    def __init__(self, root: Path | None = None, state_path: Path | None = None):
        self.root = Path(root) if root else config.fetched_corpus_dir()
        self.state_path = Path(state_path) if state_path else self.root.parent / "fetch-state.json"
        # old key -> new key of the records moved (_move_record) whose text hashes and aliases still
        # lead to the old key: all repointed in one pass (settle_moves), not one pass over every
        # record per move (a site's move to https made a feed's 3,000 moves take 97 s in a store of
        # 100,000 URLs)
        self._moves: dict[str, str] = {}
        self.problem: str | None = None  # the state file was damaged (one line for the user)
        self._damaged = False  # the state file is there but not a state: set aside before a save
        self._unreadable = False  # the state file is there but cannot be read: never replaced
        self._damage = ""  # what is wrong with it (the start of `problem`)
        self._converted = False  # the state read was an old layout, converted (_compact_entry_ids)
        self._read_as: tuple[int, int, int] | None = None  # the state file read (_file_identity)
        self.state = self._load_state()
        if self._converted:
            self._save_converted()
        # entry_key of each URL of the state -> the URL, built when an entry's moved link is looked
        # up (url_of_key); the URLs keyed in it, and how many the state held then
        self._url_keys: dict[str, str] = {}
        self._keyed_urls: set[str] = set()
        self._url_keys_of = -1
        self._lock_handle: IO[str] | None = None
        self.lock_note: dict = {}  # this run's note in the lock file ({"pid", "since"}) while it holds it
        # NOT_SAVED as the run before left it in the lock file, read as the lock is taken; put back
        # as the lock is let go, unless `takes_over_not_saved` (a fetch run notes it on the feeds:
        # Fetcher.run), so that a `feed add` in between does not make those feeds read as killed
        self.left_not_saved: dict | None = None
        self.takes_over_not_saved = False
        self._batch = _Batch()
        # Files per batch: 1 writes each article at once (a caller that saves one); a fetch run
        # sets BATCH_FILES and flushes at its end.
        self.batch_files = 1

    # -- the lock ----------------------------------------------------------------------------
    def lock(
        self,
        wait: float = 0.0,
        on_wait: Callable[[str], None] | None = None,
        *,
        conversion_wait: float = 0.0,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        """Take the fetch lock, waiting up to `wait` seconds for a run that holds it (`on_wait`
        hears WAITING once, when it has to: seconds of silence look like a hang), and up to
        `conversion_wait` for a load that holds it to write an old layout converted (a second or
        so: `reader fetch`, which never waits for a run, stopped with "another reader fetch is
        running"; `on_wait` hears WAITING_FOR_CONVERSION), no longer than the load holds the
        conversion mark (_wait_for_conversion); FetchBusy. `cancel` ends that wait."""
        from reader.file_lock import wait_for_flock

        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.state_path.parent / "fetch.lock", "a+")
        waited = 0.0  # the longest wait that ran out

        def said(words: str, seconds: float) -> Callable[[], None]:
            def waiting() -> None:
                nonlocal waited
                waited = seconds
                if on_wait is not None:
                    on_wait(words)

            return waiting

        try:
            # A `feed list` looking whether a run holds the lock (running_fetch) holds it a moment
            held = _wait_past_looks(handle, Path(handle.name)) or wait_for_flock(
                handle, wait, on_wait=said(WAITING, wait)
            )
            if not held and conversion_wait > wait and _holder(handle)[2]:
                held = self._wait_for_conversion(
                    handle, conversion_wait, cancel, said(WAITING_FOR_CONVERSION, conversion_wait)
                )
                if not held and not _holder(handle)[2] and not (cancel is not None and cancel()):
                    waited = 0.0  # no conversion was waited for: a run holds the lock, said at once
        except OSError:
            held = False
        if not held:
            since, pid, converting = _holder(handle)
            command = _holder_command(handle, pid)
            handle.close()
            raise _busy(since, pid, converting=converting, waited=waited, command=command)
        self._lock_handle = handle
        self.left_not_saved = _not_saved_in(handle)
        # The note of a state not saved stays in the lock file beside this holder's: a `feed add`
        # or `feed remove` killed (kill -9) before it let go, which put the note back, lost it.
        self.lock_note = self._note_holder(handle, keep=self.left_not_saved)
        # Read again now that no other run can write it: a run that saved between this store's
        # first read and the lock would otherwise be undone by this one's save (its articles
        # forgotten, fetched again; a feed removed meanwhile given its fetch state back).
        self.problem = None
        self.state = self._load_state()
        self._remove_leftovers()

    @staticmethod
    def _wait_for_conversion(
        handle: IO, wait: float, cancel: Callable[[], bool] | None, on_wait: Callable[[], None]
    ) -> bool:
        """Take the fetch lock `handle` once the load converting the state lets it go, waiting up
        to `wait` seconds, and no longer than it holds the conversion mark: a load holds the mark
        a moment before it tries the lock (and without it once the lock proved taken), and a run
        that met the lock held by another run then waited all of READER_LOCK_WAIT for it, said as
        a conversion. The mark is held over the lock's whole time: once it is let go, one more
        try tells a conversion just finished (the lock free) from a run that holds the lock."""
        from reader.file_lock import wait_for_flock

        def stop() -> bool:
            return (cancel is not None and cancel()) or not _holder(handle)[2]

        if wait_for_flock(handle, wait, cancel=stop, on_wait=on_wait):
            return True
        return not (cancel is not None and cancel()) and wait_for_flock(handle, 0)

    @staticmethod
    def _note_holder(handle: IO, *, converting: bool = False, keep: dict | None = None) -> dict:
        """Note this process and the time in the lock file it holds: a run that finds the lock
        taken says who holds it and since when, and `fetch --quiet` tells a harmless overlap
        from a run stuck for hours; `converting`: held only to write an old layout converted.
        `keep`: the NOT_SAVED note the run before left, written with it (run_not_saved reads it
        if this holder is killed). A lock file that cannot be written still locks. The note."""
        # the host too: a pid of another machine sharing the folder is not looked up here
        noted: dict = {"pid": os.getpid(), "since": time.time(), "host": _this_host()}
        if converting:
            noted[CONVERTING] = True
        written = noted if keep is None else {**noted, NOT_SAVED: json.loads(_not_saved_bytes(keep))[NOT_SAVED]}
        _write_in_place(handle, json.dumps(written).encode("utf-8"))
        return noted

    def _set_damaged_aside(self) -> None:
        """Keep the damaged state file beside it, under a new name, before this run's save would
        replace it (nothing is lost: the user may mend it, or send it to us); only the newest
        KEEP_DAMAGED are kept. The caller holds the lock: the file is the one read under it."""
        aside = damaged_aside_name(self.state_path, damaged_stamp())
        try:
            os.rename(self.state_path, aside)
        except OSError as exc:
            self.problem = (
                f"{self._damage}; it could not be kept aside ({exc.strerror or _one_line(exc)}), so it is left as it is "
                "and this fetch saves no state: move it away, then fetch again"
            )
            return
        self._damaged = False
        self.problem = f"{self._damage}: kept as {aside}; fetching starts afresh"
        self._forget_old_damaged()

    def _forget_old_damaged(self) -> None:
        """Remove all but the newest KEEP_DAMAGED copies set aside (only names we gave them)."""
        pattern = re.compile(re.escape(self.state_path.name + DAMAGED_INFIX) + r"(\d{8}T\d{6}Z)(?:-(\d+))?")
        try:
            names = os.listdir(self.state_path.parent)
        except OSError:
            return
        kept = sorted(
            (match[1], int(match[2] or 1), name) for name in names if (match := pattern.fullmatch(name)) is not None
        )
        for _, _, name in kept[:-KEEP_DAMAGED]:
            try:
                (self.state_path.parent / name).unlink()
            except OSError:
                pass

    def _remove_leftovers(self) -> None:
        """Temporary files of a batch that a killed run never renamed into place: never read as
        articles (hidden), and their articles are fetched again (the state does not name them).
        Only a fetch writes here, and this one holds the lock. So are those of the state file (a
        process killed while it wrote one: as large as the state, 66 MB at 100,000 articles), which
        is only written under the lock."""
        leftovers = f".{self.state_path.name[:40]}."
        try:
            for entry in os.scandir(self.state_path.parent):
                if entry.name.startswith(leftovers) and entry.name.endswith(".tmp") and entry.is_file():
                    os.unlink(entry.path)
        except OSError:
            pass
        if not self.root.is_dir():
            return
        for leftover in self.root.glob("*/.*.tmp"):
            try:
                leftover.unlink()
            except OSError:
                pass

    def prune_pages(self, days: int, now: float | None = None) -> int:
        """Remove the stored pages (`.html.gz`) written more than `days` days ago (by their file's
        time: when they were fetched), at most once a PRUNE_EVERY; the articles beside them stay,
        and nothing reads a page again. How many were removed. The caller holds the lock."""
        now = time.time() if now is None else now
        last = self.state.get("pages_pruned")
        if days <= 0 or (isinstance(last, (int, float)) and 0 <= now - last < PRUNE_EVERY):
            return 0
        cutoff = now - days * 86_400
        removed = 0
        stored = {
            record["id"]
            for record in self.state["urls"].values()
            if isinstance(record, dict) and isinstance(record.get("id"), str)
        }
        for folder in _outlet_folders(self.root):
            for page in _pages_in(folder, stored):
                try:
                    if page.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(page.path)
                        removed += 1
                except OSError:
                    pass  # gone meanwhile, or not ours to remove: left, and tried again next time
        self.state["pages_pruned"] = now
        return removed

    def unlock(self, not_saved: str | None = None) -> None:
        """Let go of the fetch lock. `not_saved`: why the run's last save of the fetch state
        failed (a full disk), left in the lock file for `feed list` (run_not_saved)."""
        if self._lock_handle is not None:
            note = None
            if not_saved is not None:
                note = {"pid": self.lock_note.get("pid"), "since": self.lock_note.get("since"), "why": not_saved}
                if self.takes_over_not_saved and self.left_not_saved is not None:  # not saved either
                    left = self.left_not_saved
                    earlier = [{"pid": pid, "since": since} for pid, since in not_saved_runs(left)]
                    note[EARLIER] = earlier[:EARLIER_KEPT]
            elif not self.takes_over_not_saved:
                note = self.left_not_saved
            self.left_not_saved = None
            _leave_note(self._lock_handle, note)
            fcntl.flock(self._lock_handle, fcntl.LOCK_UN)
            self._lock_handle.close()
            self._lock_handle = None
            self.lock_note = {}

    # -- state -------------------------------------------------------------------------------
    def _file_identity(self) -> tuple[int, int, int] | None:
        """(inode, size, mtime) of the state file: a save replaces it (a new inode), so a file
        with the same identity is the one read."""
        try:
            found = os.stat(self.state_path)
        except OSError:
            return None
        return found.st_ino, found.st_size, found.st_mtime_ns

    def _save_converted(self) -> None:
        """Write a state read in an old layout as converted, once: else each load converts it
        again until a fetch saves (~4.7 s for 200 feeds of 500 entries, paid by every `feed list`).
        Only under the fetch lock, taken without waiting (a fetch that holds it saves the state
        itself), and only if the file is still the one read: no other run's state is undone. Its
        bytes are made before the lock is taken, which is held for as short a time as can be (the
        write, ~0.9 s at 66 MB, not the 4 s of JSON before it) under a mark saying so, held from
        before the lock is taken (conversion_marked): a `reader fetch` starting meanwhile waits for it
        (lock's conversion_wait). Not written (a read-only data folder, a full disk), it is converted
        again next time."""
        if self._read_as is None or self._file_identity() != self._read_as:
            return
        data = self._state_bytes()
        folder = self.state_path.parent
        try:
            mark = open(folder / CONVERSION_MARK, "a+")
        except OSError:  # a read-only data folder: the state could not be written either
            return
        with mark:
            try:
                handle = open(folder / "fetch.lock", "a+")
            except OSError:
                return
            with handle:
                try:
                    # The mark first: the lock is never held without it (conversion_marked).
                    fcntl.flock(mark, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    # A fetch is running (it saves the converted state itself), or another load
                    # converts it now (this one's write would be skipped as the file changed).
                    return
                # a last run's note of a state not saved is put back, as unlock puts it back
                left = _not_saved_in(handle)
                self._note_holder(handle, converting=True)  # for an older reader, which reads no mark
                try:
                    if self._file_identity() == self._read_as:
                        write_atomically(self.state_path, data)
                        self._converted = False
                except OSError:
                    pass
                finally:
                    _leave_note(handle, left)  # its own note goes with it, as unlock's does
                    fcntl.flock(handle, fcntl.LOCK_UN)
            # The mark is let go as it closes, after the lock: it covers the lock's whole time.

    def _load_state(self) -> dict:
        started = time.monotonic()
        try:
            return self._read_state()
        finally:
            # about what a save of it costs too (a run saving its progress: Fetcher._save_progress)
            self.load_seconds = time.monotonic() - started

    def _read_state(self) -> dict:
        empty = {"version": STATE_VERSION, "feeds": {}, "urls": {}, "hashes": {}, "robots": {}, "retries": {}}
        self._damaged = self._unreadable = False
        self._read_as = self._file_identity()
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return empty
        except (OSError, ValueError, RecursionError) as exc:
            # Damaged: start afresh, and say so. File names are stable and a file already there
            # with the same text is recognised, so a refetch duplicates nothing. A damaged file
            # (not an unreadable one) is kept aside by the save that would replace it.
            self._damaged = not isinstance(exc, OSError) and self.state_path.is_file()
            # There but unreadable (no permission, a folder): never replaced, never moved.
            self._unreadable = isinstance(exc, OSError) and os.path.lexists(self.state_path)
            self._damage = f"{self.state_path} could not be read ({_one_line(exc)})"
            self.problem = self._damage + self._afresh()
            return empty
        if not isinstance(data, dict) or data.get("version") not in READABLE_VERSIONS:
            self._damaged = True
            self._damage = f"{self.state_path} is not a fetch state this reader writes"
            self.problem = self._damage + self._afresh()
            return empty
        for key in ("feeds", "urls", "hashes", "robots", "retries"):
            if not isinstance(data.get(key), dict):
                data[key] = {}
        if data["version"] == 2:
            _unpacked(data)
        _stamps_put_back(data)
        data["version"] = STATE_VERSION
        _forget_unresolved_links(data)
        self._converted = _compact_entry_ids(data)
        _idle_counts_settled(data)
        if data.get(KEYS_CHECKED) != len(data["urls"]):
            _rekey_lost_bytes(data, self.root)
            _respell_keys(data)
        return data

    def _afresh(self) -> str:
        """How the fetch goes on after a damaged state file (said by `feed list` too)."""
        if self._unreadable:
            return ": fetching starts afresh and saves no fetch state until it can be read"
        if not self._damaged:
            return ": fetching starts afresh"
        return f": the next fetch keeps it as {self.state_path.name}{DAMAGED_INFIX}<time>; fetching starts afresh"

    def save_state(self, feeds: Mapping[str, dict] | None = None) -> None:
        """The state, once every article it names is in place (an unwritten batch is written first).
        `feeds`: feed states written in place of those feeds' own, which stay as they are (a run
        saving its progress writes the feeds it has read as stopped midway, as a run killed then
        leaves them: FetchRun._save_progress)."""
        self.settle_moves()
        self.flush()
        if self._unreadable:
            return
        if self._damaged:
            self._set_damaged_aside()
            if self._damaged:  # it could not be: never replaced
                return
        write_atomically(self.state_path, self._state_bytes(feeds or {}))

    def _state_bytes(self, feeds: Mapping[str, dict] | None = None) -> bytes:
        """The state as fetch-state.json holds it: packed (_packed), one line of compact JSON (the
        indentation was a tenth of the file, which no one reads by eye at its size)."""
        self.state[KEYS_CHECKED] = len(self.state["urls"])
        # robots.txt read by a run's workers goes in while a run saves its progress: a copy (one
        # step under the GIL) is written, not the dict that may grow under json.dumps
        state = {**self.state, "robots": dict(self.state.get("robots") or {})}
        if feeds:
            state["feeds"] = {**self.state["feeds"], **feeds}
        return json.dumps(_packed(state), ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def forget_feed(self, url: str) -> bool:
        """Forget what the fetches noted about a feed (when it was last fetched, its validators,
        its failures, its pages to retry), as a feed never subscribed to has none; its stored
        articles, and what identifies them (the URLs and texts seen), stay: they are the user's.
        Whether anything was forgotten. The caller holds the lock."""
        feeds, retries = self._noted_about(url)
        for u in feeds:
            self._remember_move(u)
            del self.state["feeds"][u]
        for u in retries:
            del self.state["retries"][u]
        return bool(feeds or retries)

    def _remember_move(self, url: str) -> None:
        """Where a feed being forgotten moved for good, if it did, and the addresses it had moved
        from: `feed remove OLD` then `feed add NEW`, where OLD moved, said "0 articles" of NEW, as
        changing the url in feeds.yaml no longer did."""
        noted = self.state["feeds"].get(url)
        moved_to = noted.get("moved_to") if isinstance(noted, dict) else None
        if not isinstance(moved_to, str):
            return
        moves = self.state.get(MOVED_FEEDS)
        moves = self.state[MOVED_FEEDS] = moves if isinstance(moves, dict) else {}
        moves[url] = moved_to
        earlier = noted.get(MOVED_FROM)
        for old in earlier if isinstance(earlier, list) else ():
            if isinstance(old, str):
                moves[old] = url

    def _moved_here(self, feed_url: str) -> set[str]:
        """The addresses of unsubscribed feeds that moved for good to `feed_url` (in one move or
        several), as _remember_move noted them."""
        from reader.fetch.urls import feed_key

        moves = self.state.get(MOVED_FEEDS)
        if not isinstance(moves, dict) or not moves:
            return set()
        key, found = feed_key(feed_url), set()
        for old in moves:
            target, hops = moves[old], 0
            while isinstance(target, str) and target in moves and hops < 20:  # a loop ends
                target, hops = moves[target], hops + 1
            if isinstance(target, str) and feed_key(target) == key:
                found.add(old)
        return found

    def knows_feed(self, url: str) -> bool:
        """Whether the fetches noted anything about a feed (what forget_feed would forget)."""
        return any(self._noted_about(url))

    def _noted_about(self, url: str) -> tuple[list[str], list[str]]:
        """The keys of a feed's records: its own (any spelling of its URL) and its pages' retries."""
        from reader.fetch.urls import feed_key

        key = feed_key(url)
        feeds = [u for u in self.state["feeds"] if feed_key(u) == key]
        retries = [
            u
            for u, record in self.state["retries"].items()
            if isinstance(record, dict) and isinstance(record.get("feed"), str) and feed_key(record["feed"]) == key
        ]
        return feeds, retries

    def feed_state(self, url: str) -> dict:
        return self.state["feeds"].setdefault(url, {})

    def record(self, canonical: str) -> dict | None:
        """What we know of an article URL, following an alias to the article it duplicates."""
        record = self.state["urls"].get(canonical)
        if record and "alias" in record:
            return self.state["urls"].get(record["alias"]) or None
        return record

    def kept_stamp(self, canonical: str, feed_url: str) -> str | None:
        """The stamp `feed_url` gave the entry of the article kept under `canonical` when it was
        last handled; None when no article is kept there, or that feed gave it none."""
        record = self.record(canonical)
        if not isinstance(record, dict) or "id" not in record:
            return None
        stamps = record.get("stamps")
        stamp = stamps.get(feed_url) if isinstance(stamps, dict) else record.get("stamp")
        return stamp if isinstance(stamp, str) else None

    def _stamps(self, canonical: str, feed_url: str | None, stamp: str | None) -> dict:
        """The entry's stamp in each feed that gave it, with this feed's now."""
        record = self.state["urls"].get(canonical)
        known = record.get("stamps") if isinstance(record, dict) else None
        stamps = dict(known) if isinstance(known, dict) else {}
        if feed_url is not None:
            stamps[feed_url] = stamp
        return stamps

    def _digests(self, canonical: str, feed_url: str | None, digest: str | None) -> dict:
        """The entry's digest in each feed that gave it (DIGESTS), with this feed's now."""
        record = self.state["urls"].get(canonical)
        known = record.get(DIGESTS) if isinstance(record, dict) else None
        digests = dict(known) if isinstance(known, dict) else {}
        if feed_url is not None and digest is not None:
            digests[feed_url] = digest
        return digests

    def note_stamp(self, canonical: str, feed_url: str, stamp: str | None, digest: str | None = None) -> None:
        """The entry as this feed gives it now was handled (stored, unchanged, or gone)."""
        record = self.state["urls"].get(canonical)
        if isinstance(record, dict):
            record.update(stamp=stamp, stamps=self._stamps(canonical, feed_url, stamp))
            _put_digests(record, self._digests(canonical, feed_url, digest))
            record.pop(RELINKED, None)

    def note_digest(self, canonical: str, feed_url: str, digest: str | None) -> None:
        """The entry's title and text as this feed gives them now, noted though not handled (its
        feed judged by its dates): the digests stay those of the last read, none stale when the
        judgement ends."""
        record = self.state["urls"].get(canonical)
        if isinstance(record, dict):
            _put_digests(record, self._digests(canonical, feed_url, digest))

    def text_changed(self, canonical: str, feed_url: str, digest: str) -> bool:
        """Whether a known URL's entry's title and text (`digest`, DIGESTS) differ from what this
        feed gave when it was last handled. None noted for this feed (a state from before DIGESTS,
        an entry another feed brought in): noted now, no change."""
        record = self.state["urls"][canonical]
        if not isinstance(record, dict):
            return False
        noted = record.get(DIGESTS)
        noted = noted if isinstance(noted, dict) else {}
        if isinstance(noted.get(feed_url), str):
            return noted[feed_url] != digest
        record[DIGESTS] = {**noted, feed_url: digest}
        return False

    def entry_changed(self, canonical: str, feed_url: str, stamp: str | None) -> bool:
        """Whether a known URL's entry's stamp changed since this feed last gave it. Two feeds
        often date one article differently: a URL another feed brought in is not a change here
        (its stamp is noted for this feed), so it is not fetched again on every run."""
        record = self.state["urls"][canonical]
        if stamp is None:
            return False
        stamps = record.get("stamps")
        if not isinstance(stamps, dict) or not stamps:  # noted before stamps were kept per feed
            return record.get("stamp") != stamp
        if feed_url not in stamps:
            self.note_stamp(canonical, feed_url, stamp)
            return False
        return stamps[feed_url] != stamp

    def url_of_key(self, key: str) -> str | None:
        """The URL of the state whose entry_key is `key` (a feed's ENTRY_KEYS keeps no URL), None
        when none is. Looked up for an entry whose link moved, which is rare: the table of every
        URL's key is built then, and for a key it lacks once URLs were added, only theirs (keying
        every URL again for each such entry took 41 s for 100 of them among 100,000 URLs, 4 s now)."""
        urls = self.state["urls"]
        if key not in self._url_keys and self._url_keys_of != len(urls):
            added = urls.keys() - self._keyed_urls
            self._url_keys.update((entry_key(url), url) for url in added)
            self._keyed_urls |= added
            self._url_keys_of = len(urls)
        found = self._url_keys.get(key)
        return found if found in urls else None

    def relink(self, old: str, new: str) -> bool:
        """The article stored under the URL `old` is keyed by `new` from now on: its feed entry
        (known by its id) links there now (a publisher moved it, switched to https, dropped AMP).
        `old` becomes an alias of `new`, so another feed's link to it still finds the article, and
        the entry counts as changed until it is handled (RELINKED: the key it was stored under), so
        its page is asked at its new address and a changed text is kept as a new version of the
        article. Nothing is moved when `old` holds no stored article or `new` is known as an
        article or a duplicate of its own. Whether it was moved."""
        urls = self.state["urls"]
        record, there = urls.get(old), urls.get(new)
        if (
            old == new
            or not _names_article(record)
            or (isinstance(there, dict) and ("id" in there or "alias" in there))
        ):
            return False
        stored_under = record.get(RELINKED)
        self._move_record(old, new)
        urls[new][RELINKED] = stored_under if isinstance(stored_under, str) else old
        return True

    def _move_record(self, old: str, new: str) -> None:
        """The record under `old` moved to `new`; `old` an alias of it. Its text hashes and the
        aliases of `old` lead there once settle_moves ran."""
        urls = self.state["urls"]
        record = urls[old]
        urls[new] = dict(record)
        urls[old] = {"alias": new, "stamp": record.get("stamp"), "stamps": self._stamps(old, None, None)}
        self.state["retries"].pop(old, None)
        self._moves[old] = new
        self._moves.pop(new, None)  # moved back: its key is the record's again (no cycle of moves)

    def settle_moves(self) -> None:
        """The text hashes and aliases that lead to a moved record's old key lead to its new one."""
        if not self._moves:
            return
        moves, self._moves = self._moves, {}
        for old, new in moves.items():  # moved on again: where the record is now
            hops = 0
            while new in moves and hops < len(moves):
                new, hops = moves[new], hops + 1
            moves[old] = new
        hashes = self.state["hashes"]
        for digest, owner in hashes.items():
            if owner in moves:
                hashes[digest] = moves[owner]
        for key, other in self.state["urls"].items():
            target = other.get("alias") if isinstance(other, dict) else None
            if target in moves and moves[target] != key:
                other["alias"] = moves[target]

    def relinked(self, canonical: str) -> bool:
        """Whether the article under `canonical` was relinked and its entry not handled since."""
        record = self.state["urls"].get(canonical)
        return isinstance(record, dict) and isinstance(record.get(RELINKED), str)

    def note_alias(
        self,
        canonical: str,
        target: str,
        stamp: str | None = None,
        feed_url: str | None = None,
        digest: str | None = None,
    ) -> None:
        if canonical != target:
            stamps, digests = self._stamps(canonical, feed_url, stamp), self._digests(canonical, feed_url, digest)
            self.state["urls"][canonical] = _put_digests({"alias": target, "stamp": stamp, "stamps": stamps}, digests)

    def note_gone(
        self, canonical: str, reason: str, stamp: str | None, feed_url: str | None = None, digest: str | None = None
    ) -> None:
        """A page that failed for good (404, robots, no text): not asked again until its feed entry
        changes."""
        stamps, digests = self._stamps(canonical, feed_url, stamp), self._digests(canonical, feed_url, digest)
        record = self.state["urls"].get(canonical)
        stored_under = record.get(RELINKED) if isinstance(record, dict) else None
        if isinstance(stored_under, str) and _names_article(record):
            # An entry's new link that failed for good: its article goes back where it was kept
            # (the gone note would replace its record, leaving the article's file unknown).
            self._move_record(canonical, stored_under)
            self.state["urls"][stored_under].pop(RELINKED, None)
            self.settle_moves()
        self.state["urls"][canonical] = _put_digests({"gone": reason, "stamp": stamp, "stamps": stamps}, digests)

    def stored_title(self, canonical: str) -> str | None:
        """The title in the front matter of the article stored under `canonical` (following an
        alias); None when there is none (a page gone, a file deleted or unreadable)."""
        return self.stored_title_and_text(canonical)[0]

    def stored_title_and_text(self, canonical: str) -> tuple[str | None, str]:
        """The title and the text of the article stored under `canonical` (following an alias);
        (None, "") when there is none (a page gone, a file deleted or unreadable)."""
        title, _time, text = self.stored_title_time_and_text(canonical)
        return title, text

    def stored_title_time_and_text(self, canonical: str) -> tuple[str | None, object, str]:
        """stored_title_and_text's, and between them the moment the file keeps the article was
        published at (formats.TIME_KEY: its page's, else its feed entry's published time; as
        YAML reads it, None when it keeps none)."""
        front, body = self.stored_front_and_text(canonical)
        title = front.get("title")
        return (str(title) if title is not None else None), front.get(TIME_KEY), body

    def stored_front_and_text(self, canonical: str) -> tuple[dict, str]:
        """The front matter and the text of the article stored under `canonical` (following an
        alias); ({}, "") when there is none (a page gone, a file deleted or unreadable)."""
        record = self.record(canonical)
        article_id = record.get("id") if isinstance(record, dict) else None
        if not isinstance(article_id, str):
            return {}, ""
        front, body = _front_and_body(self.root / f"{article_id}.md")
        return (front if isinstance(front, dict) else {}), body

    def articles_count(self, feed_url: str) -> int:
        """The articles stored from a feed, under its URL or one it moved from (see adopt_moved and
        _remember_move)."""
        state = self.state["feeds"].get(feed_url)
        moved_from = state.get(MOVED_FROM) if isinstance(state, dict) else None
        urls = {feed_url, *(moved_from if isinstance(moved_from, list) else ()), *self._moved_here(feed_url)}
        return sum(
            1 for r in self.state["urls"].values() if isinstance(r, dict) and r.get("feed") in urls and "id" in r
        )

    def adopt_moved(self, subscribed: Iterable[str]) -> None:
        """A feed subscribed at the address its old one moved to for good (as the fetch said: "change
        its url in feeds.yaml") takes the old one's fetch state, when it has none of its own and
        the old address is no longer subscribed: `feed list` said "0 articles", "last never" and
        no outlet of a feed with articles, and the old address's state stayed for ever."""
        from reader.fetch.urls import feed_key

        feeds = self.state["feeds"]
        subscribed = list(subscribed)
        kept = {feed_key(url) for url in subscribed}
        moves = self.state.get(MOVED_FEEDS)
        if isinstance(moves, dict):
            for old in [u for u in moves if feed_key(u) in kept]:
                del moves[old]  # subscribed again: its articles are its own (not counted twice)
        for url in subscribed:
            if url in feeds:
                continue
            old = next(
                (
                    u
                    for u, noted in feeds.items()
                    if isinstance(noted, dict)
                    and isinstance(noted.get("moved_to"), str)
                    and feed_key(noted["moved_to"]) == feed_key(url)
                    and feed_key(u) not in kept
                ),
                None,
            )
            if old is None:
                continue
            noted = feeds.pop(old)
            noted.pop("moved_to", None)
            earlier = noted.get(MOVED_FROM)
            noted[MOVED_FROM] = [old, *(earlier if isinstance(earlier, list) else ())]
            feeds[url] = noted
            for retry in self.state["retries"].values():
                if isinstance(retry, dict) and retry.get("feed") == old:
                    retry["feed"] = url

    # -- articles ----------------------------------------------------------------------------
    def duplicate_of(self, canonical: str, digest: str) -> str | None:
        """The canonical URL of another stored article with the same text, if any."""
        self.settle_moves()
        other = self.state["hashes"].get(digest)
        return other if other and other != canonical else None

    def save(
        self,
        *,
        canonical: str,
        text: str,
        meta: dict,
        feed_url: str,
        stamp: str | None,
        etag: str | None = None,
        last_modified: str | None = None,
        raw_gz: bytes | None = None,
        another_story: bool = False,
        entry_digest: str | None = None,
    ) -> Saved | None:
        """Write a new article, or a new version of a known URL whose text changed. None when the
        text is what we already have (the state is refreshed). The raw page is `raw_gz`, compressed
        already (mtime 0, as written). `another_story`: the URL's new text is a story of its own
        (reused_ids.another_story_at_one_address), no version of the one kept there. `entry_digest`:
        the feed entry's (DIGESTS), noted as handled."""
        digest = text_hash(text)
        urls = self.state["urls"]
        previous = urls.get(canonical) if "id" in urls.get(canonical, {}) else None
        if another_story and previous is not None and previous.get("hash") != digest:
            previous = None
        stamps, digests = self._stamps(canonical, feed_url, stamp), self._digests(canonical, feed_url, entry_digest)
        if previous and previous.get("hash") == digest:
            previous.update(stamp=stamp, stamps=stamps, etag=etag, last_modified=last_modified)
            _put_digests(previous, digests)
            previous.pop(RELINKED, None)
            return None
        version = previous["version"] + 1 if previous else 1
        previous_id = previous["id"] if previous else None
        url = meta.get("url") or canonical
        fetched = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
        # An undated page's name says so: a date there would be read as the article's (the loader
        # reads dates from file names) and the day we fetched it is not the day it was published.
        date = meta.get("date") or "undated"
        url_hash = hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:8]
        stem = f"{date[:10]}-{slug(meta.get('title'))}-{url_hash}"
        folder = self.root / slug(meta.get("outlet"), 40)
        path = folder / f"{stem}{f'-v{version}' if version > 1 else ''}.md"
        # A file already there (the state was lost or damaged): the same text is the article we
        # have, not a new one; other text is never overwritten, so this one is a later version.
        while path.is_file() or path in self._batch.texts:
            found = path.relative_to(self.root).with_suffix("").as_posix()
            if (self._batch.texts.get(path) or _stored_hash(path)) == digest:
                self._note_stored(
                    canonical, found, digest, version, stamp, stamps, digests, feed_url, etag, last_modified
                )
                return None
            version, previous_id = version + 1, found
            path = folder / f"{stem}-v{version}.md"
        front = {
            "title": meta.get("title"),
            "outlet": meta.get("outlet"),
            "date": meta.get("date"),
            # the moment its page states, else its feed entry's of that date (formats.TIME_KEY)
            "time": meta.get("_time") if meta.get("date") else None,
            # the day of the page's last edit, when it states no other and its feed entry none
            EDITED_KEY: meta.get("_edited") if not meta.get("date") else None,
            "url": meta.get("url"),  # none for a feed entry without a link (kept from its text)
            "author": meta.get("author"),
            "fetched": fetched.isoformat(),
            "feed": feed_url,
        }
        if previous_id:
            front["version"] = version
            front["previous"] = previous_id
        front = {k: v for k, v in front.items() if v is not None}
        header = front_matter(front)
        batch = self._batch
        if not batch:
            batch.started = time.monotonic()
        try:
            if raw_gz is not None:
                raw_path = path.with_suffix(".html.gz")
                batch.files.append((_stage(raw_path, raw_gz), raw_path))
            batch.files.append((_stage(path, f"---\n{header}---\n\n{text.strip()}\n".encode("utf-8")), path))
        except BaseException:
            self._abandon()  # this batch as a whole: its articles are fetched again next run
            raise
        batch.texts[path] = digest
        # Noted at once (an entry later in this run finds it, by URL or text), undone if the batch
        # cannot be written.
        urls, hashes = self.state["urls"], self.state["hashes"]
        batch.undo.append((canonical, urls.get(canonical), digest, hashes.get(digest)))
        article_id = path.relative_to(self.root).with_suffix("").as_posix()
        self._note_stored(canonical, article_id, digest, version, stamp, stamps, digests, feed_url, etag, last_modified)
        if len(batch.files) >= self.batch_files or time.monotonic() - batch.started >= BATCH_SECONDS:
            self.flush()
        return Saved(
            article_id,
            path,
            url,
            meta.get("title"),
            meta.get("outlet"),
            version,
            previous_id,
            date=meta.get("date"),
            author=meta.get("author"),
            time=front.get("time"),
            fetched=fetch_moment(fetched),  # as the loader reads it back (list --json's)
        )

    def flush(self) -> None:
        """Put the articles written since the last flush in place: each file synced to disk, then
        renamed to its name, then each folder synced. OSError when that fails: the batch is
        removed and the state forgets its articles, so the next run fetches them again."""
        batch = self._batch
        if not batch:
            return
        try:
            for tmp, _final in batch.files:
                _sync(tmp)
            for tmp, final in batch.files:
                os.replace(tmp, final)
            for folder in {final.parent for _tmp, final in batch.files}:
                _sync(folder, folder=True)
        except BaseException:
            self._abandon()
            raise
        self._batch = _Batch()

    def _abandon(self) -> None:
        """Forget the batch: its temporary files removed (a file already renamed stays: it is
        complete), and the state as it was before its articles were noted."""
        batch, self._batch = self._batch, _Batch()
        for tmp, _final in batch.files:
            Path(tmp).unlink(missing_ok=True)
        urls, hashes = self.state["urls"], self.state["hashes"]
        for canonical, record, digest, owner in reversed(batch.undo):
            if record is None:
                urls.pop(canonical, None)
            else:
                urls[canonical] = record
            if owner is None:
                hashes.pop(digest, None)
            else:
                hashes[digest] = owner

    def _note_stored(
        self, canonical, article_id, digest, version, stamp, stamps, digests, feed_url, etag, last_modified
    ):
        self.state["urls"][canonical] = _put_digests(
            {
                "id": article_id,
                "hash": digest,
                "version": version,
                "stamp": stamp,
                "stamps": stamps,
                "feed": feed_url,
                "etag": etag,
                "last_modified": last_modified,
            },
            digests,
        )
        self.state["hashes"][digest] = canonical
