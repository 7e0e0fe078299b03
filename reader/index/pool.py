"""The update's pool of worker processes: loading files and writing whole segments in parallel.

Workers are spawned, never forked (the parent holds locks and open files). They never commit:
loaded records come back to the parent (a large load's articles stay in spill files, spill.py,
which the segment writers read back), and written segments stay invisible until the parent,
which holds the write lock, names them in its one commit. So killing a worker (or the parent)
loses no committed data; a dead worker's chunk is redone in the parent.

Ctrl+c sends SIGINT to the whole process group, workers included: a worker ignores it (its
parent decides, and stops the pool), and is started with it blocked, so that one pressed while it
is still starting (a second or more of imports) does not print its KeyboardInterrupt's traceback.

A pool's queues and counts are guarded by named semaphores, which a spawned worker opens by name
as it starts. Once all of a pool's workers have started, the names are removed (the semaphores
live on in the processes that opened them): a killed update then leaves none behind, and
multiprocessing's resource tracker no longer warns of "leaked semaphore objects" after kill -9.
Until then they are recorded in the index folder (semaphore_names.py): killed with its resource
tracker (kill -9 of the process group), an update left them in /dev/shm, and the next removes them.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pathlib import Path

from reader.index import grouping_memo, semaphore_names, store
from reader.index.articles_guess import guessed_articles
from reader.index.planned_size import planned_size
from reader.index.state import IndexFailure

# Below this many files to load (or documents to write), work in-process: spawning workers
# costs more than it saves.
PARALLEL_MIN_FILES = 200
LOAD_CHUNK = 64
IN_PROCESS_CHUNK = 16  # files loaded at once without workers (a look at outlets.yaml each)
# A file of more articles than this (a JSON Lines file, a feed) is counted article by article as
# it loads: a 35 MB JSON Lines file is 9,000 articles, minutes of "0/1 loading articles" else.
COUNTED_FILE_ARTICLES = 100
PROGRESS_STEPS = 100  # at most this many counts of one file's articles
# A file at least this large is loaded by a worker process however few files there are: loaded
# in the app's process, its articles' analysis (seconds to minutes) shares the interpreter's lock
# with the event loop and drawing (keys were still answered within ~0.04 s: bench_index_keys.py).
LARGE_FILE_BYTES = 1_000_000
# A load whose stories' grouping would be costly is loaded by workers and grouped in a process of
# its own (update._group_spilled) however few its files: 150 files of 15,000 articles were grouped
# in the app's process, whose memory (holding the app and the loaded articles besides) the kernel
# may run out of, taking the app with it. Costly: about this many articles or more, or their
# vectors' memory (grouping_memo.GROUPING_MB_PER_THOUSAND) above this share of the memory free.
APART_ARTICLES = 5_000
APART_SHARE_OF_FREE = 0.25
# Load tasks submitted to each worker at once when a large load starts; the rest are submitted
# once the workers are at work (WorkerPool._load_while_starting).
QUEUED_PER_WORKER = 2
POLL_SECONDS = 0.2  # how often the workers' counts are shown while they work


def _spawning_executor(workers: int, tally):
    from multiprocessing import get_context

    _start_resource_tracker()
    executor = _executor_class()(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=store.worker_init,
        initargs=(tally, os.getpid()),
    )
    # All workers start with the first task, not one more as tasks wait: no worker is started
    # after the pool's semaphore names are removed (_unlink_semaphores), when it could not open them.
    executor._safe_to_dynamically_spawn_children = False
    return executor


_EXECUTOR_CLASS: type | None = None


def _executor_class() -> type:
    """ProcessPoolExecutor, its workers started with SIGINT blocked (the module docstring)."""
    global _EXECUTOR_CLASS
    if _EXECUTOR_CLASS is None:
        from concurrent.futures import ProcessPoolExecutor

        class QuietStartExecutor(ProcessPoolExecutor):
            def _spawn_process(self) -> None:
                with ctrl_c_blocked():
                    super()._spawn_process()  # type: ignore[misc]

        _EXECUTOR_CLASS = QuietStartExecutor
    return _EXECUTOR_CLASS


@contextmanager
def ctrl_c_blocked() -> Iterator[None]:
    """SIGINT blocked in this thread (a process started meanwhile inherits the block; until its
    own handler is set, store.worker_init, a ctrl+c waits for it, then is ignored). One that comes
    meanwhile is taken by another thread of ours, or delivered here once the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _new_tally():
    from multiprocessing import get_context

    _start_resource_tracker()  # its lock is tracked: the tracker needs a real stderr first
    return get_context("spawn").Array("q", store.TALLY_SLOTS)


def _semaphores(executor, tally) -> list:
    """The named semaphores a pool's workers open as they start: its task and result queues'
    locks, and the lock of its tally."""
    queues = (getattr(executor, "_call_queue", None), getattr(executor, "_result_queue", None))
    locks = [getattr(queue, name, None) for queue in queues for name in ("_rlock", "_wlock", "_sem")]
    return [lock for lock in [*locks, tally.get_lock()] if lock is not None]


def _semaphore_names(executor, tally) -> list[str]:
    names = (getattr(getattr(lock, "_semlock", None), "name", None) for lock in _semaphores(executor, tally))
    return [name for name in names if isinstance(name, str)]


def _unlink_semaphores(names: list[str]) -> None:
    """Remove the names of a started pool's semaphores (_semaphore_names), by multiprocessing's
    own clean-up of each (unlink, then tell the resource tracker), which would otherwise run when
    the pool is collected: after a kill -9, never, and the tracker reports them leaked."""
    from multiprocessing import util

    registry = getattr(util, "_finalizer_registry", {})
    for finalizer in list(registry.values()):
        # None once it has run (another thread's, as the pool shuts down), while still listed
        args: tuple = getattr(finalizer, "_args", None) or ()
        if len(args) == 1 and args[0] in names:
            finalizer()  # runs once: the pool's own clean-up later finds nothing left to do


# The tracker's warning as it removes what a killed update's pool left: only semaphores whose
# workers had not all started yet (_unlink_semaphores), which it removes all the same.
_TRACKER_QUIET = "ignore::UserWarning:multiprocessing.resource_tracker"


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, quiet, with a real stderr.

    Quiet: after a kill -9 in the seconds the workers take to start, it printed "There appear to
    be 12 leaked semaphore objects to clean up at shutdown" (and then removed them, as it must).
    It is started with the interpreter's flags, -W among them.

    A real stderr: it hands the tracker sys.stderr's descriptor, and in the terminal app (Textual
    captures stderr) that is -1: the first spawn then failed with "bad value(s) in fds_to_keep",
    so no update of 200+ files could run in the app. Once started, the tracker serves every
    later spawn."""
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    captured = sys.stderr
    sys.warnoptions.append(_TRACKER_QUIET)
    try:
        if usable:
            resource_tracker.ensure_running()
            return
        with open(os.devnull, "w") as quiet:  # what the tracker says must not land on the app's screen
            sys.stderr = quiet
            resource_tracker.ensure_running()
    finally:
        sys.stderr = captured
        sys.warnoptions.remove(_TRACKER_QUIET)


def _stop(executor) -> None:
    """Shut a pool down; on cancel or error, do not wait for a running task to finish."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(5)


def _size(job: tuple) -> int:
    """A load job's file's size (key, path, root, signature, hash) to plan by: its signature starts
    with its bytes (scan.py), and a compressed file's is what it decompresses to (planned_size);
    0 when unknown."""
    signature = job[3]
    if not signature or not isinstance(signature[0], int):
        return 0
    modified = signature[1] if len(signature) > 1 and isinstance(signature[1], int) else 0
    return planned_size(job[1], signature[0], modified)


def is_large(job: tuple) -> bool:
    """Whether a load job's file is LARGE_FILE_BYTES or more."""
    return _size(job) >= LARGE_FILE_BYTES


def _submitted(executor, call: tuple):
    """executor.submit(*call), or a future failed with its BrokenProcessPool when a worker died
    before the call could be submitted: its chunk is redone here, as a queued one's is."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    try:
        return executor.submit(*call)
    except BrokenProcessPool as exc:
        failed: Future = Future()
        failed.set_exception(exc)
        return failed


def _worker_died(job: tuple) -> dict:
    """store.load_files' record of a large file whose loading worker died: skipped, with why."""
    key, path, _root, signature, digest = job
    record = store.empty_record(key, signature, digest)
    record["skipped"] = [
        {
            "path": path,
            "reason": "not indexed: the process loading it died (out of memory?); "
            "split it, e.g. `split -C 100M big.jsonl part- --additional-suffix=.jsonl`",
        }
    ]
    record["unwritable"] = {}
    return record


class _LoadCancelled(BaseException):
    """Raised within a file's loading to stop an update cancelled there. A BaseException: the
    loader reports an Exception as the file's problem and goes on."""


def _counting_articles(cancel, report) -> Callable[[int, int, str], None]:
    """on_article for store.load_files run in this process: _LoadCancelled when cancel() is
    true; report(message) with a large file's count of its articles loaded (PROGRESS_STEPS
    times at most)."""

    def one_article(done: int, count: int, path: str) -> None:
        if cancel():
            raise _LoadCancelled
        if count >= COUNTED_FILE_ARTICLES and (done == count or done % max(1, count // PROGRESS_STEPS) == 0):
            # The file's name alone: the app shows the last part of a path in the message.
            report(f"loading articles: {done:,} of {count:,} in {os.path.basename(path)}")

    return one_article


class WorkerPool:
    """One pool of spawned workers per update, shared by loading and segment writing; started
    on first use, stopped by stop() (always called when the update ends)."""

    def __init__(self, workers: int, index_dir: Path | None = None):
        self.workers = workers
        self._index_dir = index_dir  # where the names of its semaphores are recorded (semaphore_names)
        self._executor = None
        self._solo = None  # one more process, for call(): a fresh one, small before its task
        self._solo_tally = None  # its counts
        # Each pool's workers' counts of files loaded and documents written (store.FILES_LOADED...),
        # shown as they grow: a task's own end came only every 64 files, and a segment's once.
        self._tallies: list = []
        # (executor, tally) whose semaphores still have names: those names, asked once as the pool
        # is made (its shutdown drops the queues that hold them)
        self._starting: dict[tuple, list[str]] = {}
        self._free_mb: int | None = None  # measured once: one update, one decision (costly_grouping)
        self._guessed: tuple[tuple, int] | None = None  # (the files, their articles guessed)

    def parallel(self, count: int) -> bool:
        """Whether `count` files or documents are worth sending to workers."""
        return count >= PARALLEL_MIN_FILES and self.workers >= 2

    def parallel_load(self, jobs) -> bool:
        """Whether these files are loaded by workers, their articles spilled and their stories grouped
        in a process of its own: many, or one large, or a costly grouping (even with one worker:
        the point is that this process, the app's, stays free)."""
        return self.parallel(len(jobs)) or any(is_large(job) for job in jobs) or self.costly_grouping(jobs)

    def costly_grouping(self, jobs) -> bool:
        """Whether grouping the stories of these files' articles (articles_guess: counted in JSON
        Lines and feeds, guessed from the other files' bytes) would cost APART_ARTICLES or more, or
        more than APART_SHARE_OF_FREE of the memory free."""
        key = tuple((job[1], _size(job)) for job in jobs)
        if self._guessed is None or self._guessed[0] != key:  # (asked up to four times an update)
            self._guessed = key, guessed_articles(key, APART_ARTICLES)
        articles = self._guessed[1]
        if articles >= APART_ARTICLES:
            return True
        if self._free_mb is None:
            self._free_mb = grouping_memo.memory_mb()[1]
        # (0: unknown, not a reason; the grouping process's own base is not this process's cost)
        return 0 < self._free_mb * APART_SHARE_OF_FREE < articles * grouping_memo.GROUPING_MB_PER_THOUSAND / 1000

    def executor(self):
        if self._executor is None:
            self._executor = self._spawn(self.workers)
        return self._executor

    def _solo_executor(self):
        if self._solo is None:
            self._solo = self._spawn(1)
            self._solo_tally = self._tallies[-1]
        return self._solo

    def _spawn(self, workers: int):
        tally = _new_tally()  # its own: its lock's name goes with the pool's other semaphores
        executor = _spawning_executor(workers, tally)
        self._tallies.append(tally)
        self._starting[executor, tally] = _semaphore_names(executor, tally)
        self._record_names()  # before the workers start, with the first task
        return executor

    def _record_names(self) -> None:
        """Record the names of the semaphores in /dev/shm (those of the pools still starting)."""
        if self._index_dir is not None:
            semaphore_names.record(self._index_dir, [name for names in self._starting.values() for name in names])

    def _tally(self) -> list[int] | None:
        """The counts of all the workers (None before the first pool)."""
        if not self._tallies:
            return None
        return [sum(tally[slot] for tally in self._tallies) for slot in range(store.TALLY_SLOTS)]

    def _forget_started_names(self) -> None:
        """Remove the semaphore names of each pool whose workers have all started."""
        started = [(ex, tally) for ex, tally in self._starting if tally[store.WORKERS_STARTED] >= ex._max_workers]
        for executor, tally in started:
            _unlink_semaphores(self._starting.pop((executor, tally)))
        if started:
            self._record_names()

    def pids(self) -> list[int]:
        """The worker processes' ids (none before the pool is used)."""
        return [pid for ex in (self._executor, self._solo) for pid in (getattr(ex, "_processes", None) or {})]

    def stop(self) -> None:
        self._tallies = []  # the next processes (an update started again) count from 0
        starting = [name for names in self._starting.values() for name in names]
        self._starting = {}
        for name in ("_executor", "_solo"):
            executor = getattr(self, name)
            if executor is not None:
                setattr(self, name, None)
                _stop(executor)
        if starting:  # (multiprocessing is not imported by an update without workers)
            _unlink_semaphores(starting)  # their workers are gone: no one opens them any more
            self._record_names()  # none left

    def prepare_call(self, module: str) -> None:
        """Start the process call() will use now, importing `module`: its start overlaps the
        work before the call."""
        self._solo_executor().submit(store.import_module, module)

    def load(
        self,
        jobs,
        loader: str,
        quotes: bool,
        stories: bool,
        progress,
        cancel,
        spill_dir: str | None = None,
        follow_links: bool = False,
        on_records: Callable[[list[dict]], None] | None = None,
        apart: bool | None = None,
    ) -> list[dict] | None:
        """store.load_files over `jobs`, in workers when there are many or one is large
        (parallel_load), their articles spilled to `spill_dir` when one is given, here too (a
        resumed first build's few new files join the spilled loading it kept, so that the
        stories are grouped in a process of its own, update._group_spilled, never in this one);
        `follow_links` as load_files has it; None when
        cancelled. `on_records(records)` is given each chunk's records as they come in (their
        spill files written: a first build keeps them, resume.py). `apart`: loaded in workers or
        here as the update decided (a resumed build as its first try), else parallel_load(jobs)."""
        keep = on_records or (lambda _records: None)
        total = len(jobs)
        if not total:
            return []
        progress(0, total, "loading articles")
        if not (self.parallel_load(jobs) if apart is None else apart):
            records: list[dict] = []
            loaded = 0

            def one_more() -> None:
                nonlocal loaded
                loaded += 1
                progress(loaded, total, "loading articles")

            one_article = _counting_articles(cancel, lambda message: progress(loaded, total, message))

            try:
                for i in range(0, total, IN_PROCESS_CHUNK):
                    if cancel():
                        return None
                    chunk = jobs[i : i + IN_PROCESS_CHUNK]
                    loaded_chunk = store.load_files(
                        chunk,
                        loader,
                        quotes,
                        stories,
                        spill_dir,  # (a resumed first build's few new files: spilled as its kept ones)
                        on_loaded=one_more,
                        follow_links=follow_links,
                        on_article=one_article,
                    )
                    records.extend(loaded_chunk)
                    keep(loaded_chunk)
            except _LoadCancelled:
                return None
            return records
        from concurrent.futures.process import BrokenProcessPool

        records = []

        def collect(fut, chunk) -> int:
            try:
                got = fut.result()
                records.extend(got)
                keep(got)
            except BrokenProcessPool:
                # A worker died (out of memory, killed): finish this chunk here, as the in-process
                # load does (cancellable, a large file counted); the dead worker's count is gone.
                self._clear_large_file()
                self._drop_broken_executor()  # the segments are written by a new pool
                if len(chunk) == 1 and is_large(chunk[0]):
                    # Not a large file loaded here again: what filled a worker's memory would fill
                    # this process's, the whole update lost. Said, and tried again once it changes.
                    records.append(_worker_died(chunk[0]))  # (not kept: tried again next time)
                    return len(records)
                tally = self._tally() or [0] * store.TALLY_SLOTS
                redone = min(max(len(records), tally[store.FILES_LOADED]), total)  # not back from what was shown
                one_article = _counting_articles(cancel, lambda message: progress(redone, total, message))
                redone_chunk = store.load_files(
                    chunk, loader, quotes, stories, spill_dir, None, follow_links, one_article
                )
                records.extend(redone_chunk)
                keep(redone_chunk)
            return len(records)

        # Each large file a task of its own, first (the longest), its articles counted as it loads;
        # then chunks of neighbouring files: each spill file then holds a run of the order in which
        # the articles are written, and a segment's writer reads each file once.
        large = sorted((job for job in jobs if is_large(job)), key=lambda job: job[0])
        rest = sorted((job for job in jobs if not is_large(job)), key=lambda job: job[0])
        tasks: list[tuple[tuple, list]] = [
            (
                (store.load_large_file, job, number, loader, quotes, stories, spill_dir, follow_links, PROGRESS_STEPS),
                [job],
            )
            for number, job in enumerate(large, 1)
        ]
        tasks += [
            ((store.load_files, chunk, loader, quotes, stories, spill_dir, None, follow_links), chunk)
            for chunk in (rest[i : i + LOAD_CHUNK] for i in range(0, len(rest), LOAD_CHUNK))
        ]
        names = {number: os.path.basename(job[1]) for number, job in enumerate(large, 1)}

        def loading_message(tally: list[int]) -> str:
            """The message naming the large file being counted article by article
            (store.load_large_file), as the app's does in-process."""
            count = tally[store.LARGE_FILE_ARTICLES]
            if tally[store.LARGE_FILE] in names and count >= COUNTED_FILE_ARTICLES:
                within = tally[store.LARGE_FILE_DONE]
                return f"loading articles: {within:,} of {count:,} in {names[tally[store.LARGE_FILE]]}"
            return "loading articles"

        loaded_here = [0]  # files this process loaded while the workers started

        def count_here() -> None:
            loaded_here[0] += 1
            loading(len(records))

        def load_here(chunk: list) -> None:
            one_article = _counting_articles(cancel, lambda message: loading(len(records)))
            here = store.load_files(chunk, loader, quotes, stories, spill_dir, count_here, follow_links, one_article)
            records.extend(here)
            keep(here)

        def files_loaded(tally: list[int]) -> int:
            return tally[store.FILES_LOADED] + loaded_here[0]

        loading = self.reporting(files_loaded, total, loading_message, progress)
        executor = self.executor()
        # The first tasks are the workers' at once; the rest wait here, this process's to take
        # from the end while the workers start, then submitted. (Not submitted all and taken back
        # by cancelling their futures: a worker that died later broke the pool's own thread on a
        # cancelled one, Python 3.11's terminate_broken, a traceback on the terminal.)
        backlog = tasks[QUEUED_PER_WORKER * self.workers :]
        try:
            pending = {executor.submit(*call): chunk for call, chunk in tasks[: len(tasks) - len(backlog)]}
            self._load_while_starting(backlog, load_here, cancel)
            pending.update((_submitted(executor, call), chunk) for call, chunk in backlog)
        except _LoadCancelled:
            self.stop()
            return None
        except BaseException:
            self.stop()
            raise
        if cancel():
            self.stop()
            return None
        try:
            if not self._wait(pending, collect, loading, cancel):
                return None
        except _LoadCancelled:  # within a chunk redone here (collect); _wait stopped the pool
            return None
        return records

    def _load_while_starting(self, backlog: list, load_here: Callable[[list], None], cancel) -> None:
        """Load small files' chunks in this process while no worker has loaded a file yet: the
        workers' start (a new interpreter, a second of imports each) was "0/3,000 loading
        articles" for ~22 s on a loaded machine, this process idle. Each chunk is taken from the
        end of the tasks not yet submitted (`backlog`, those the workers would start last). A
        large file is never taken (it stays a worker's)."""
        while backlog and not cancel() and not self._workers_loading():
            _call, chunk = backlog[-1]
            if any(is_large(job) for job in chunk):
                return
            backlog.pop()
            load_here(chunk)

    def _workers_loading(self) -> bool:
        """Whether a worker has loaded a file, or is counting a large one's articles (it may
        take minutes: the small files are not all loaded here meanwhile)."""
        tally = self._tally()
        return tally is not None and (tally[store.FILES_LOADED] > 0 or tally[store.LARGE_FILE] != 0)

    def _drop_broken_executor(self) -> None:
        """Forget a pool whose worker died (every later submit to it raises): executor() starts
        a new one when next asked."""
        executor = self._executor
        if executor is not None and getattr(executor, "_broken", False):
            self._executor = None
            _stop(executor)

    def _clear_large_file(self) -> None:
        """No large file counted any more (its worker died: the count would stay as it was)."""
        for tally in self._tallies:
            with tally.get_lock():
                tally[store.LARGE_FILE], tally[store.LARGE_FILE_DONE], tally[store.LARGE_FILE_ARTICLES] = 0, 0, 0

    def reporting(self, counted, total: int, message: str | Callable[[list[int]], str], progress):
        """report(collected) for _wait: progress() with the workers' running count
        (counted(tally)), or what the tasks that finished gave back when more (a chunk redone
        here), each time it or the message has changed; `message` a string, or made from the
        workers' tally."""
        shown: list = [None]

        def report(collected: int) -> None:
            tally = self._tally()
            done = min(max(collected, counted(tally) if tally is not None else 0), total)
            text = message if isinstance(message, str) else message(tally or [0] * store.TALLY_SLOTS)
            if (done, text) != shown[0]:
                shown[0] = (done, text)
                progress(done, total, text)

        return report

    def start_segments(self, parts: list[tuple]) -> dict:
        """Start writing segments, each part (function, Whoosh folder, its documents, their
        count[, more arguments]) with store.write_segment or store.write_spilled_segment as the
        function, or store.write_spilled_segments (several segments: a list of documents and a
        list of counts); write_segments(started=...) waits for them."""
        executor = self.executor()
        try:
            return {
                executor.submit(function, wdir, documents, *more): count
                for function, wdir, documents, count, *more in parts
            }
        except BaseException:
            self.stop()
            raise

    def write_segments(
        self, parts: list[tuple], progress, cancel, total: int, started: dict | None = None
    ) -> list | None:
        """[(segment, count)]: each part (see start_segments; or those `started` already)
        written as a new, uncommitted segment by a worker (the caller commits them); None when
        cancelled. IndexFailure when a worker wrote fewer documents than it was given;
        BrokenProcessPool when one died. The segments are in the order their parts were
        submitted, not the order the workers finished them in: the index's document order
        (and so the order of search results of the same score) is the same at every run."""
        results: dict[int, list[tuple]] = {}

        def collect(fut, count) -> int:
            several = isinstance(count, list)  # store.write_spilled_segments' task
            written_here = []
            for (segment, written), expected in zip(
                fut.result() if several else [fut.result()], count if several else [count], strict=True
            ):
                if written != expected:
                    raise IndexFailure(
                        f"a worker process wrote {written} of {expected} articles; nothing was committed"
                    )
                written_here.append((segment, written))
            results[submitted[fut]] = written_here
            return sum(n for part in results.values() for _, n in part)

        pending = started if started is not None else self.start_segments(parts)
        submitted = {fut: position for position, fut in enumerate(pending)}  # (a dict keeps its order)
        writing = self.reporting(store.documents_written, total, "writing the index", progress)
        if not self._wait(pending, collect, writing, cancel):
            return None
        return [segment for position in sorted(results) for segment in results[position]]

    def call(self, function, args: tuple, cancel, report=None):
        """function(*args) in a process of its own, which did nothing else before (a task whose
        memory peaks starts from the imports alone); None when cancelled (BrokenProcessPool
        when the process died). `report(0)` is called as it starts and runs (see reporting())."""
        results = []

        def collect(fut, _chunk) -> int:
            results.append(fut.result())
            return 1

        progress = (lambda _results: report(0)) if report is not None else (lambda _results: None)
        progress(0)  # said at once: a short task may end before the first poll's report
        if not self._run([((function, *args), None)], collect, progress, cancel, self._solo_executor(), solo=True):
            return None
        return results[0]

    def _stop_solo(self) -> None:
        """Stop call()'s process alone (it died): the segments the other workers are writing
        meanwhile (start_segments) go on, not written again here."""
        executor, self._solo = self._solo, None
        if executor is None:
            return
        # Its counts died with its work: a call() in a fresh process counts from 0, not from there.
        self._tallies = [tally for tally in self._tallies if tally is not self._solo_tally]
        for key in [key for key in self._starting if key[0] is executor]:
            _unlink_semaphores(self._starting.pop(key))
            self._record_names()
        _stop(executor)

    def _run(self, tasks, collect, report, cancel, executor=None, solo: bool = False) -> bool:
        """Submit every (call, chunk) task, collect(future, chunk) -> done count as each finishes,
        report(done). False when cancelled; the pool is stopped on cancel or error (`solo`: call()'s
        process alone when it died)."""
        executor = executor or self.executor()
        try:
            pending = {executor.submit(*call): chunk for call, chunk in tasks}
        except BaseException as exc:
            self._stop_on_error(exc, solo)
            raise
        return self._wait(pending, collect, report, cancel, solo)

    def _stop_on_error(self, exc: BaseException, solo: bool) -> None:
        from concurrent.futures.process import BrokenProcessPool

        if solo and isinstance(exc, BrokenProcessPool):
            self._stop_solo()
        else:
            self.stop()

    def _wait(self, pending: dict, collect, report, cancel, solo: bool = False) -> bool:
        """_run's wait for submitted tasks ({future: chunk})."""
        from concurrent.futures import FIRST_COMPLETED, wait

        done = 0
        try:
            while pending:
                finished, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for fut in finished:
                    done = collect(fut, pending.pop(fut))
                report(done)  # also between two tasks' ends: the workers count as they go
                self._forget_started_names()
                if cancel():
                    self.stop()
                    return False
            return True
        except BaseException as exc:
            self._stop_on_error(exc, solo)
            raise
