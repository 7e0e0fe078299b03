"""Comparisons encoded ahead: every sentence a story's comparisons will read, kept on disk.

Encoding is most of a comparison's cost, and on a CPU without VNNI a typical pair never compared
before takes ~300 ms (docs/comparison.md, "Same vectors on every CPU"); read from the on-disk cache
(vector_cache.py) it takes ~60-80 ms. So after the index is brought up to date, the articles of
every story two or more outlets tell (versions.comparable_stories, the newest story first) have
their sentences encoded and kept there: `reader index` does it (unless --no-prepare), and the app
in a worker. It stops at three quarters of the cache's size, so that the comparisons you make
meanwhile still fit and nothing prepared pushes out what was prepared before it.

`prepare_articles` is the loop, given how to keep one article's sentences (the Library reads
them with compare.linker_texts and keeps them with the encoder's `store`); `ComparisonGate` lets
the comparisons someone is waiting for go first. `PassRecord` remembers, per index, the last pass
that ran to its end: a `reader index` with nothing new skips the pass without even importing the
encoder (a no-op `reader index` stays ~0.15 s, not ~1 s), and after a change only the articles
whose text changed (or that are new) have their sentences read and looked up; after an update of
the Library's own from the commit the pass read, only the articles it wrote are read at all, and
the order is the last pass's (kept in the record) with only the stories the update wrote read
again (Library._comparable_after), not every article and story. No UI imports.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from reader.analysis.cancel import Cancelled
from reader.safe_write import remove_dead_writers_temps
from reader.wording import WAITING_FOR_ANOTHER

__all__ = [
    "ComparisonGate",
    "LastPass",
    "PassLock",
    "PassRecord",
    "PrepareReport",
    "article_digest",
    "model_stamp",
    "prepare_articles",
]

# The share of the on-disk cache a pass may fill (the rest: comparisons made meanwhile).
SHARE_OF_CACHE = 0.75
# The bytes of encodings the on-disk cache keeps (vector_cache.DEFAULT_MAX_BYTES): here, so that a
# pass finds its share without importing the cache or the encoder (and NumPy with them).
SENTENCE_CACHE_BYTES = 256 * 1024 * 1024
# The file beside the sentence cache whose text vector_cache changes whenever sentences may have
# gone from it (dropped as least recently used, or the file made anew): a pass is trusted only
# while it reads the same. Named here, so that checking it imports neither NumPy nor the cache.
DROPPED_MARKER = "dropped"


BUSY_SUMMARY = "comparisons: another reader process is preparing them; skipped here"
WAITING = f"{WAITING_FOR_ANOTHER} to finish preparing the comparisons…"


@dataclass
class PrepareReport:
    articles: int  # the articles of stories two or more outlets tell
    ready: int  # of them, every sentence on disk now
    encoded: int  # sentences encoded by this pass (the others were kept before)
    left: int  # articles not reached: the cache's share was full, or the pass was stopped
    seconds: float
    full: bool = False  # stopped at the cache's share
    problem: str | None = None  # why nothing could be kept (no usable cache)
    failed: int = 0  # articles that could not be read (skipped, as for the index)
    stopped: bool = False  # cancelled before the end
    current: bool = False  # nothing changed since the last pass that ran to its end: skipped
    busy: bool = False  # another process was making this pass (PassLock): skipped here
    waited: float = 0.0  # seconds spent waiting for another process's pass

    def to_dict(self) -> dict:
        # Both times to the millisecond, as the index's `seconds` ("waited": 5.8231000366504304e-05
        # beside "seconds": 0.121 was noise, in a notation a shell's arithmetic does not read).
        return {**asdict(self), "seconds": round(self.seconds, 3), "waited": round(self.waited, 3)}

    def summary(self) -> str:
        """One line for the user (reader index, the app's status bar)."""
        if self.busy:
            return BUSY_SUMMARY
        if not self.articles:
            return "comparisons: no story is told by two outlets yet"
        line = f"comparisons: {self.ready} of {self.articles} articles ready"
        if self.current:
            line += " (nothing new since the last pass)"
        else:
            line += f" ({self.encoded} sentences encoded in {self.seconds:.2f} s)"
        if self.full:
            line += f"; {self.left} left for lack of room in the sentence cache"
        elif self.stopped:
            line += f"; stopped, {self.left} left"
        if self.failed:
            line += f"; {self.failed} could not be read"
        return line

    def brief(self) -> str:
        """The same in a few words, for the app's status bar (where space is short)."""
        if self.busy:
            return "comparisons: being prepared by another reader process"
        if not self.articles:
            return "comparisons: no story is told by two outlets yet"
        line = f"comparisons ready: {self.ready} of {self.articles} articles"
        if self.failed:
            line += f", {self.failed} unreadable"
        return line


class ComparisonGate:
    """Counts the comparisons someone is waiting for (`with gate:` around each); a pass
    preparing ahead waits between articles while there is one, so it never slows them for more
    than the article it is encoding."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition()

    def __enter__(self) -> "ComparisonGate":
        with self._idle:
            self._count += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._idle:
            self._count -= 1
            if not self._count:
                self._idle.notify_all()

    def wait_idle(self, cancel: Callable[[], bool] | None = None, poll: float = 0.1) -> None:
        """Return once no comparison is under way (or cancel() is true)."""
        with self._idle:
            while self._count and not (cancel is not None and cancel()):
                self._idle.wait(poll)


def prepare_articles(
    ids: Sequence[str],
    prepare_one: Callable[[str], tuple[int, int] | None],
    budget: int,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    gate: ComparisonGate | None = None,
) -> PrepareReport:
    """Keep every sentence of the articles `ids`, in order, until their encodings take `budget`
    bytes. `prepare_one(id)` keeps one article's sentences and returns (bytes they take,
    sentences encoded), or None when nothing can be kept, which ends the pass with that problem;
    an exception skips the article (a broken file: the index reports it)."""
    started = time.perf_counter()
    report = PrepareReport(articles=len(ids), ready=0, encoded=0, left=0, seconds=0.0)
    used = 0
    for article_id in ids:
        if gate is not None:
            gate.wait_idle(cancel)
        if cancel is not None and cancel():
            report.stopped = True
            break
        if used >= budget:
            report.full = True
            break
        if progress is not None:
            progress(report.ready + report.failed, len(ids), article_id)
        try:
            stored = prepare_one(article_id)
        except Cancelled:  # stopped within the article: its sentences encoded by then are kept
            report.stopped = True
            break
        except Exception:
            report.failed += 1
            continue
        if stored is None:
            report.problem = "no usable sentence cache"
            break
        size, encoded = stored
        used += size
        report.encoded += encoded
        report.ready += 1
    if progress is not None:
        progress(report.ready + report.failed, len(ids), "")
    report.left = len(ids) - report.ready - report.failed
    report.seconds = time.perf_counter() - started
    return report


def article_digest(title: str | None, text: str) -> str:
    """Names an article's title and clean text: its sentences are prepared again when it changes."""
    return hashlib.sha1(f"{title}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def model_stamp(model_file: Path, version: str) -> str:
    """What prepared sentences depend on besides the articles: the encoder's file and reader's
    version (which splits sentences and finds quotations' speakers)."""
    stat = model_file.stat()
    return f"{version}|{stat.st_size}-{stat.st_mtime_ns}"


# PassRecord's file, and its temp file, named by its writer's pid.
_RECORD_NAME = "prepared.json"
_PARTIAL_NAME = re.compile(re.escape(_RECORD_NAME) + r"\.(?P<pid>\d{1,10})\.tmp")


@dataclass(frozen=True)
class LastPass:
    """PassRecord.last_pass(): the commit the pass read, the articles it made ready, and the
    stories two or more outlets tell, in its order (versions.comparable_stories)."""

    commit: str | None
    ready: dict[str, list]
    order: list | None
    sentences_kept: bool = False  # the cache still holds every sentence the pass made ready


def _is_comparable_story(story: object) -> bool:
    """Whether a stored story has versions.ComparableStory's form."""
    return (
        isinstance(story, list)
        and len(story) == 5
        and isinstance(story[0], str)
        and isinstance(story[1], str)
        and isinstance(story[2], int)
        and isinstance(story[3], str)
        and isinstance(story[4], list)
        and all(isinstance(member, str) for member in story[4])
    )


class PassRecord:
    """The last pass over each index that ran to its end (`prepared.json` beside the sentence
    cache it filled), with each article it made ready (a digest of its text and the bytes its
    sentences take): a hint only, so every failure to read or write it is ignored. Nothing in it
    is trusted once the cache has dropped sentences since (DROPPED_MARKER)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / _RECORD_NAME

    def current(self, index: str, commit: str, model: str) -> PrepareReport | None:
        """The report of the last complete pass over `index`, if the index was at `commit` and
        the model at `model` then, and the cache has dropped nothing since (another corpus's
        pass or many comparisons may have pushed its sentences out; the file may be gone)."""
        entry = self._entry(index, model)
        if entry is None or entry.get("commit") != commit:
            return None
        try:
            fields = {k: entry["report"][k] for k in ("articles", "ready", "left", "full", "failed")}
            return PrepareReport(**fields, encoded=0, seconds=0.0, current=True)
        except (TypeError, KeyError):
            return None

    def last_pass(self, index: str, model: str) -> "LastPass":
        """The commit the last complete pass over `index` read, the comparable stories in its
        order (versions.comparable_stories; None when not known or malformed): what the index
        held then, whatever the cache did since. And {article id: [article_digest, bytes]} of the
        articles it made ready, those only while the cache keeps every sentence it did (else {});
        malformed entries are left out."""
        entry = self._entry(index, model, kept=False)
        articles = entry.get("articles") if entry is not None else None
        if entry is None or not isinstance(articles, dict):
            return LastPass(None, {}, None)
        commit = entry.get("commit")
        sentences_kept = self._kept(entry)
        ready = {
            article_id: kept
            for article_id, kept in (articles.items() if sentences_kept else ())
            if isinstance(kept, list) and len(kept) == 2 and isinstance(kept[0], str) and isinstance(kept[1], int)
        }
        order = entry.get("order")
        if not (isinstance(order, list) and all(_is_comparable_story(story) for story in order)):
            order = None
        return LastPass(commit if isinstance(commit, str) else None, ready, order, sentences_kept)

    def _entry(self, index: str, model: str, kept: bool = True) -> dict | None:
        """The record's entry of `index` made with `model`; `kept`: only while the sentences it
        made ready can be trusted to be on disk still."""
        try:
            entry = json.loads(self.path.read_text(encoding="utf-8")).get(index)
        except (OSError, ValueError, AttributeError):
            return None
        if not isinstance(entry, dict) or entry.get("model") != model:
            return None
        return entry if not kept or self._kept(entry) else None

    def _kept(self, entry: dict) -> bool:
        """Whether the sentences the entry's pass made ready are all on disk still: the cache
        dropped none since, and its file is there (without it, nothing the pass kept is), unless
        the pass made none ready (then no file need be: a corpus no two outlets tell a story of
        has none)."""
        try:
            if entry.get("dropped") != self._dropped():
                return False
            if not entry.get("articles"):
                return True
            return any(path.is_file() for path in self.folder.glob("sentences-*.sqlite"))
        except OSError:
            return False

    def _dropped(self) -> str:
        """The DROPPED_MARKER's text ("" while the cache has never dropped anything)."""
        try:
            return (self.folder / DROPPED_MARKER).read_text(encoding="utf-8")
        except OSError:
            return ""

    def remember(
        self, index: str, commit: str, model: str, report: PrepareReport, articles: dict, order: list | None = None
    ) -> None:
        try:
            try:
                entries = json.loads(self.path.read_text(encoding="utf-8"))
                if not isinstance(entries, dict):
                    entries = {}
            except (OSError, ValueError):
                entries = {}
            entries[index] = {
                "commit": commit,
                "model": model,
                "dropped": self._dropped(),
                "report": report.to_dict(),
                "articles": articles,
                "order": order,
            }
            self.folder.mkdir(parents=True, exist_ok=True)
            remove_dead_writers_temps(self.folder, _PARTIAL_NAME)  # left by a writer killed mid-way
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            try:
                partial.write_text(json.dumps(entries), encoding="utf-8")
                os.replace(partial, self.path)
            finally:
                partial.unlink(missing_ok=True)  # left only when the write failed
        except OSError:
            pass


class PassLock:
    """One pass over an index at a time, across processes: an flock on a file beside
    prepared.json, one per index. Two `reader index` runs (or the app and one) would otherwise
    both encode every sentence of the same stories; the second waits a little for the first,
    then leaves the pass to it (the sentences it keeps are shared through the disk cache)."""

    def __init__(self, folder: Path, index: str):
        digest = hashlib.sha256(index.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        self.path = Path(folder) / f"prepare-{digest}.lock"
        self._fh: IO[str] | None = None

    def acquire(
        self,
        wait: float,
        cancel: Callable[[], bool] | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        poll: float = 0.05,
    ) -> bool | None:
        """True once held; False when another process still holds it after `wait` seconds (or
        cancel() turned true); None when there is no lock file to take (an unwritable cache: the
        pass goes on unlocked, and finds no usable cache itself)."""
        from reader.file_lock import wait_for_flock

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(self.path, "a+")
        except OSError:
            return None
        try:
            said = None if progress is None else (lambda: progress(0, 0, WAITING))
            held = wait_for_flock(fh, wait, poll=poll, cancel=cancel, on_wait=said)
        except OSError:  # a file system without locks: as if there were no lock
            fh.close()
            return None
        if held:
            self._fh = fh
        else:
            fh.close()
        return held

    def release(self) -> None:
        if self._fh is not None:
            import fcntl

            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None
