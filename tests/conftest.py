"""Fixtures shared by the tests.

Every test gets its own READER_CACHE_DIR, READER_CONFIG_DIR and READER_DATA_DIR (nothing touches
the user's real folders) and none of the environment variables that change Textual's output.
TUI tests use `seed_library` (the real Library over seeds/, index in tmp_path) or `LibraryDouble`,
an in-memory stand-in that implements the Library's `LibraryAPI`, for cases the real corpus cannot
stage (a slow search, a failing index, exact search results).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
FOX = "000_d35029dd94d24c05"  # the seeds' article ids
MT = "004_5af44beeb4aa5335"


def pytest_configure(config) -> None:
    """ctrl+c as the tests send it reaches the commands they start. A shell without job control
    (a script, CI, `pytest … &`) starts a background command with SIGINT ignored, which every
    process it starts inherits, and Python installs no KeyboardInterrupt where SIGINT is ignored:
    each SIGINT a test sent was lost, and the command ran on till the test's 60 s were out
    (read as a hang under load). A handler of our own is not inherited: the commands start with
    SIGINT as a terminal's shell gives it, each xdist worker's too (this runs in each)."""
    import signal

    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    _pilot_waits_while_moving()


# The longest one Pilot pause may take in all, however its widgets move: waiting while any of them
# still handles its queue, one widget every 30 s over hundreds of rows, would hold a test for hours.
PILOT_WAIT_CAP_SECONDS = 300.0


async def _handled_by(app, nodes, stalled_seconds: float) -> bool:
    """What Pilot's pauses wait for: each of `nodes` has handled what was queued to it (a call
    queued behind it comes back). False: the app raised meanwhile. Fails (WaitForScreenTimeout,
    as Textual's) once none of them got there for `stalled_seconds`, rather than after Textual's
    total 30 s, which ran out in pilot.press and wait_for_scheduled_animations under a load of 25
    on two cores while the widgets were still, one by one, handling their queues; and, still
    moving, after PILOT_WAIT_CAP_SECONDS in all."""
    import asyncio

    from textual.pilot import WaitForScreenTimeout

    left = 0
    done = asyncio.Event()

    def handled() -> None:
        nonlocal left
        left -= 1
        if left == 0:
            done.set()

    for node in nodes:
        if node.call_later(handled):
            left += 1
    if not left:
        return True
    waits = [asyncio.create_task(done.wait()), asyncio.create_task(app._exception_event.wait())]
    loop = asyncio.get_running_loop()
    cap = PILOT_WAIT_CAP_SECONDS
    deadline = loop.time() + cap
    try:
        while True:
            before = left
            timeout = min(stalled_seconds, max(deadline - loop.time(), 0))
            finished, _pending = await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            if finished:
                return left <= 0
            if left == before and timeout == stalled_seconds:
                raise WaitForScreenTimeout(
                    f"Timed out: {left} of the widgets waited for handled nothing queued for {stalled_seconds} s."
                )
            if loop.time() >= deadline:
                raise WaitForScreenTimeout(
                    f"Timed out: {left} of the widgets waited for still had their queues to handle after {cap} s in all."
                )
    finally:
        for task in waits:
            task.cancel()


def _pilot_waits_while_moving() -> None:
    """Pilot._wait_for_screen (under every press, pause and wait_for_scheduled_animations) fails
    only once the app stopped handling what it waits for (_handled_by), not after 30 s in all."""
    import inspect

    from textual.pilot import Pilot

    original = getattr(Pilot, "_wait_for_screen", None)
    assert original is not None and list(inspect.signature(original).parameters) == ["self", "timeout"], (
        "Textual's Pilot._wait_for_screen is gone or changed: update _pilot_waits_while_moving"
    )

    async def wait_for_screen(self, timeout: float = 30.0) -> bool:  # Textual 8.2's, while moving
        try:
            screen = self.app.screen
        except Exception:
            return False
        return await _handled_by(self.app, [self.app, *screen.walk_children(with_self=True)], timeout)

    Pilot._wait_for_screen = wait_for_screen  # type: ignore[method-assign]


def run_main(capsys, *argv) -> tuple[int, str, str]:
    """`reader ARGV` in this process: (exit code, stdout, stderr)."""
    from reader.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, content: str | bytes) -> Path:
    """A fixture file (text as UTF-8, or bytes as given), its folders created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def foreign_database(path: Path, statements) -> bytes:
    """Another application's SQLite database at `path`, made by `statements`: its bytes."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as connection:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    return path.read_bytes()


@pytest.fixture(autouse=True)
def thawed_after():
    """The app freezes what it keeps (gc.freeze, reader/tui/long_lived.py): a test's objects go
    back to the collector after it, or a worker process would keep every test's cycles."""
    yield
    import gc

    gc.unfreeze()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Private config and cache dirs per test; no colour/terminal overrides from the caller."""
    cache = tmp_path / "cache"
    conf = tmp_path / "config"
    cache.mkdir()
    conf.mkdir()
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    monkeypatch.setenv("READER_CONFIG_DIR", str(conf))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    for name in ("NO_COLOR", "COLORTERM", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    import os

    # The tests expect the app's own glyphs, and emoji drawn whole (as the terminals that measure
    # them as Rich does): not the console's, nor tmux's (emoji_cells).
    if os.environ.get("TERM", "").startswith(("linux", "screen", "tmux")):
        monkeypatch.setenv("TERM", "xterm-256color")
    for name in ("READER_GLYPHS", "READER_EMOJI", "READER_MARKS", "TMUX", "STY", "XTERM_VERSION", "VTE_VERSION"):
        monkeypatch.delenv(name, raising=False)
    for name in list(os.environ):
        if name.startswith("TEXTUAL_") and not name.startswith("TEXTUAL_SNAPSHOT"):
            monkeypatch.delenv(name, raising=False)
    yield {"cache": cache, "config": conf, "data": tmp_path / "data"}
    # A Library pointed the process-wide encoder at this test's cache dir: the next test starts
    # with memory only, as a process does.
    import sys

    contextual = sys.modules.get("reader.analysis.contextual")
    if contextual is not None:
        contextual.keep_on_disk(None)
    # A progress line a test drew and left on its stand-in terminal: main's clear_progress()
    # cleared it on the next test's captured stderr, whose last line was then "\x1b[2K" (a
    # test reading the error's last line failed only when it ran right after, under -n auto).
    common = sys.modules.get("reader.commands.common")
    if common is not None:
        common._on_screen = None
        common.set_colour_mode("auto")


def cli_env(**extra) -> dict:
    """The environment of a `python -m reader` subprocess: this one's, with this checkout's
    package first on the caller's PYTHONPATH (even when it is not installed into the
    interpreter), no NO_COLOR, and `extra` on top."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


# Linux capabilities (linux/capability.h): root reads any file and enters any folder by these two
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2
_CAPABILITY_VERSION_3 = 0x20080522


def _lower_permission_override() -> None:
    """Take CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from this thread's effective and permitted
    capabilities, for good (access(2) checks the permitted ones); OSError when the kernel refuses."""
    import ctypes

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(_CAPABILITY_VERSION_3, 0), (Data * 2)()  # (pid 0: this thread)
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    kept = ~((1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_DAC_READ_SEARCH))
    data[0].effective &= kept
    data[0].permitted &= kept
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


@pytest.fixture
def as_a_user():
    """`as_a_user(fn, *args)`: fn(*args) with file permissions holding as for a user, root
    included (a test of an unreadable file or folder "for real" was always skipped as root). As
    root, fn runs in a thread of its own whose override of them (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH) is taken away first (capabilities are a thread's: the test's own keep
    theirs); skipped where that cannot be done."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return lambda fn, *args: fn(*args)
    if not sys.platform.startswith("linux"):
        pytest.skip("root reads any file, and its override is taken away only on Linux")

    def run(fn, *args):
        outcome: dict = {}

        def body():
            try:
                _lower_permission_override()
            except (OSError, AttributeError) as exc:
                outcome["refused"] = exc
                return
            try:
                outcome["result"] = fn(*args)
            except BaseException as exc:  # (re-raised in the test's thread)
                outcome["error"] = exc

        thread = threading.Thread(target=body, name="as-a-user")
        thread.start()
        thread.join()
        if "refused" in outcome:
            pytest.skip(f"root reads any file, and its override could not be taken away: {outcome['refused']}")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]

    return run


def first_line(stream, deadline: float) -> bytes:
    """A child process's first line on `stream` (a pipe), read byte by byte until `deadline`:
    what it says before it blocks, with no fixed sleep."""
    import select
    import time

    line = b""
    while not line.endswith(b"\n") and time.monotonic() < deadline:
        if select.select([stream], [], [], 1.0)[0]:
            chunk = os.read(stream.fileno(), 1)
            if not chunk:
                break
            line += chunk
    return line


@pytest.fixture
def reader_cli(tmp_path, isolated_dirs):
    """Run `python -m reader ARGS` in a subprocess (this checkout, private dirs) -> CompletedProcess.

    check=True (the default) asserts exit code 0 and shows stderr when it is not.
    """
    env = cli_env()

    def invoke(*args, check=True):
        result = subprocess.run(
            [sys.executable, "-m", "reader", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=300,
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result

    return invoke


@pytest.fixture
def reader_in_process(tmp_path, capsys, monkeypatch):
    """`reader ARGS` run by main() in this process (cwd tmp_path, private dirs) -> CompletedProcess,
    as `reader_cli` gives, without a Python start-up and the imports per call (~0.7 s, more on a
    loaded machine): for tests of what a command prints and returns, not of the process itself.

    check=True (the default) asserts exit code 0 and shows stderr when it is not. An uncaught
    exception fails the test (it leaves `invoke`), and so does a traceback printed to stderr.
    """
    monkeypatch.chdir(tmp_path)

    def invoke(*args, check=True):
        capsys.readouterr()  # a process starts with empty output: not what the test printed before
        try:
            code, out, err = run_main(capsys, *args)
        except SystemExit as stop:  # a usage error, from argparse
            code = stop.code if isinstance(stop.code, int) else 1
            out, err = capsys.readouterr()
        result = subprocess.CompletedProcess(["reader", *args], code, out, err)
        assert "Traceback (most recent call last)" not in err, err
        if check:
            assert result.returncode == 0, result.stderr
        return result

    return invoke


@pytest.fixture(scope="session")
def seed_index_template(tmp_path_factory):
    """The seeds' index, built once per session; tests get a copy (so each may change its own)."""
    from reader.library import Library

    folder = tmp_path_factory.mktemp("seed-index-template") / "index"
    library = Library([SEEDS], folder, auto_update=False)
    library.update()
    library.close()
    return folder


@pytest.fixture
def seed_library(tmp_path, seed_index_template):
    """The real Library over the bundled seeds, with an up-to-date index of its own in tmp_path."""
    import shutil

    from reader.library import Library

    folder = tmp_path / "seed-index"
    shutil.copytree(seed_index_template, folder)
    library = Library([SEEDS], folder, auto_update=False)
    yield library
    library.close()


@pytest.fixture
def corpus(tmp_path):
    """The small Markdown corpus of test_index_helpers.ARTICLES in tmp_path (a file that needs
    another corpus defines its own `corpus`)."""
    from test_index_helpers import make_corpus

    return make_corpus(tmp_path / "corpus")


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 (tests/http_fixture.py) for the fetch tests, stopped after
    the test. Its robots.txt answers 404, which means no rules: a test that wants rules, or a
    failing robots.txt, routes its own."""
    from http_fixture import LocalServer, Reply

    local = LocalServer().start()
    local.route("/robots.txt", Reply("", status=404, content_type="text/plain"))
    yield local
    local.stop()


_NOTIFIED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # app -> its notifications


def drive(app, size: tuple[int, int] = (100, 30), message_hook=None, toasts: bool = False):
    """The one runner of the Pilot tests: `async with drive(app, (w, h)) as pilot`. Every
    notification the app posts is recorded for notifications(app); `toasts`: they are drawn on
    the screen too (Textual's tests leave them out)."""
    from textual.notifications import Notify

    notified = _NOTIFIED.setdefault(app, [])

    def hook(message) -> None:
        if isinstance(message, Notify):
            notified.append(str(message.notification.message))
        if message_hook is not None:
            message_hook(message)

    return _gates_opened_on_leaving(app, app.run_test(size=size, message_hook=hook, notifications=toasts))


@contextlib.asynccontextmanager
async def _gates_opened_on_leaving(app, running):
    """`running` (app.run_test), with the library double's gates opened before the app closes:
    a gate waits until the test opens it, never for a time (update_gate.wait(10) opened by itself
    on a loaded machine, and the "being indexed" test then saw the index built), and one a
    failing test left shut must not keep a worker, and so the app, from closing."""
    async with running as pilot:
        try:
            yield pilot
        finally:
            library = getattr(app, "library", None)  # a bare widget's test app has none
            for name in ("update_gate", "search_gate"):
                gate = getattr(library, name, None)
                if isinstance(gate, threading.Event):
                    gate.set()


def notifications(app) -> list[str]:
    """The messages of every notification the app posted while driven, oldest first."""
    return list(_NOTIFIED.get(app, ()))


async def skipped_notice(corpus, index_dir, size: tuple[int, int] = (100, 30)) -> str:
    """The one notice of the files skipped that the app, opened on `corpus`, shows."""
    from reader.library import Library
    from reader.tui.app import ReaderApp

    library = Library([corpus], index_dir, auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, size) as pilot:
            await wait_for(pilot, lambda: any("skipped" in n for n in notifications(app)))
            (notice,) = [n for n in notifications(app) if "skipped" in n]
            return notice
    finally:
        library.close()


async def wait_for(pilot, condition, seconds: float = 30.0) -> None:
    """Until `condition()` holds, letting the app run; fails after `seconds` (a deadline, not a sleep)."""
    await until(condition, seconds, pilot)


async def until(condition, seconds: float = 120.0, pilot=None) -> None:
    """Until `condition()` holds, the app running meanwhile; fails after `seconds` (a deadline,
    not a sleep). With no `pilot`, it never waits for every message queued to be handled, as
    wait_for does (Pilot's pause gives up after 30 s: too short for keys held down on a loaded
    machine)."""
    import asyncio
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)
        if pilot is not None:
            await pilot.pause()


async def while_moving(condition, moving, stalled_seconds: float = 60.0, pilot=None) -> None:
    """Until `condition()` holds, the app running meanwhile; fails once `moving()` (what the
    awaited work changes: the keys handled, the rows in view) has stayed the same for
    `stalled_seconds`, not after a total time. Keys held down under a load of 26 were still
    being handled, one by one, when a fixed deadline ran out; a wait that is stuck still fails,
    saying where it stopped."""
    import asyncio
    import time

    seen = moving()
    deadline = time.monotonic() + stalled_seconds
    while not condition():
        now = moving()
        if now != seen:
            seen, deadline = now, time.monotonic() + stalled_seconds
        assert time.monotonic() < deadline, f"condition not met: nothing moved for {stalled_seconds} s (at {now!r})"
        await asyncio.sleep(0.05)
        if pilot is not None:
            await pilot.pause()


def handled_calls(monkeypatch, cls, name: str) -> list[int]:
    """Count the calls of method `name` of `cls` (an action a key runs) that have returned, in
    one item: a test that queues keys as a key held down does waits until each was handled (the
    count reached), then asserts what they did, at once. Waiting for what they should do instead
    waited out a 120 s deadline when they did something else."""
    import inspect

    method = getattr(cls, name)
    calls = [0]
    if inspect.iscoroutinefunction(method):

        async def counted_async(self, *args, **kwargs):
            try:
                return await method(self, *args, **kwargs)
            finally:
                calls[0] += 1

        monkeypatch.setattr(cls, name, counted_async)
    else:

        def counted(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            finally:
                calls[0] += 1

        monkeypatch.setattr(cls, name, counted)
    return calls


async def settle(pilot, rounds: int = 3, most_rounds: int = 200) -> None:
    """Let workers finish and what the app has pending run: no timing involved.

    Until a round finds nothing pending (pending_work: workers, messages queued, call_later and
    call_after_refresh callbacks, a layout asked for), at least `rounds` rounds. Pilot's
    pause alone waits for the CPU to idle, up to 1 s: under load it returned while a chain of
    row mounts (each call_later'ing the next) was still under way, and a test read a view not
    yet there. `most_rounds`: an app that is never idle (a spinner's refresh is cleared by each
    pause) is let go as before, not waited for forever.

    A worker replaced by a newer one of its exclusive group counts as finished, and so does one
    that failed (its Worker.StateChanged says so to the app, as a test reads it): waited for
    while it ran, it raised WorkerFailed out of here (a test failed under load, when the worker's
    thread was slower than the pause before).
    """
    from textual.worker import WorkerCancelled, WorkerFailed

    app = pilot.app
    for done in range(most_rounds):
        await pilot.pause()
        for _attempt in range(20):
            try:
                await app.workers.wait_for_complete()
            except (WorkerCancelled, WorkerFailed):
                pass
            if not _workers_running(app):
                break
        await pilot.pause()
        if done + 1 >= rounds and not pending_work(app):
            return


def _workers_running(app) -> bool:
    from textual.worker import WorkerState

    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


def pending_work(app) -> list[str]:
    """What the app has yet to do, named (empty: nothing): workers running, a node's messages
    queued (a call_later is one), the callbacks a screen runs after its refresh
    (call_after_refresh), a layout asked for. Timers are not (an interval never ends), nor the
    messages of a widget redrawn on its own timer (auto_refresh).

    Public Textual API where there is one (App.workers, message_queue_size); Textual 8 has none
    for call_next's callbacks, a screen's call_after_refresh callbacks or a layout asked for, so
    those are read from its internals: test_tui_settle's chain fails if an upgrade moves them."""
    pending = ["workers"] if _workers_running(app) else []
    for screen in app.screen_stack:
        if screen._callbacks:
            pending.append(f"{screen!r}: callbacks after refresh")
        # (a screen under the current one is laid out only once it is current again)
        if screen is app.screen and (screen._layout_required or screen._scroll_required or screen._recompose_required):
            pending.append(f"{screen!r}: layout")
        for node in [screen, *screen.walk_children()]:
            if getattr(node, "auto_refresh", None):
                continue  # redrawn on a timer (a moving progress bar): never idle, and nothing to wait for
            if node.message_queue_size or node._next_callbacks:
                pending.append(f"{node!r}: messages")
    if app.message_queue_size or app._next_callbacks:
        pending.append("app: messages")
    return pending


async def press_and_settle(pilot, *keys: str) -> None:
    """Press `keys`, then let the workers they start finish and their messages land (settle): the
    step most Pilot tests repeat."""
    await pilot.press(*keys)
    await settle(pilot)


async def wheel(pilot, widget, turns: int, up: bool = False) -> None:
    """Turn the mouse wheel over `widget` (its top-left corner) `turns` notches, down or up:
    Pilot has clicks and hovers but no wheel."""
    from textual.events import MouseScrollDown, MouseScrollUp

    event = MouseScrollUp if up else MouseScrollDown
    for _ in range(turns):
        await pilot._post_mouse_events([event], widget, offset=(1, 1))


def screen_text(app) -> str:
    """The visible screen as plain text (from the SVG export; each row one line)."""
    import html
    import re

    rows: dict[float, list[tuple[float, str]]] = {}
    svg = app.export_screenshot()
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), html.unescape(m.group(3))))
    lines = []
    for y in sorted(rows):
        line = ""
        for x, text in sorted(rows[y]):
            line = line.ljust(round(x / 12.2)) + text.replace("\n", "").replace("\xa0", " ")
        lines.append(line.rstrip())
    return "\n".join(lines)


# -- an in-memory Library double ---------------------------------------------------------------
# It implements reader.library.LibraryAPI in full and answers with the core's own types
# (ArticleInfo, Article, Quote, Story, SearchResults), so the app needs no duck typing for it.
def Doc(
    id: str,
    outlet: str | None,
    title: str | None,
    date: str | None,
    text: str,
    url: str | None = None,
    author: str | None = None,
    path: Path | None = None,
    story: str | None = None,
):
    """An Article held in memory (its path names no real file)."""
    from reader.corpus.model import Article

    return Article(
        id=id,
        path=path or DOUBLE_ROOT / f"{id}.txt",
        text=text,
        title=title,
        outlet=outlet,
        date=date,
        url=url,
        author=author,
        story=story,
    )


def QuoteDouble(text: str, start: int, end: int, speaker: str | None):
    from reader.analysis.quotes import Quote

    return Quote(text, start, end, speaker)


def StoryDouble(id: str, label: str, articles: list):
    from reader.analysis.stories import Story

    return Story(id, label, list(articles))


def SnippetDouble(text: str, matches: list, start: int = 0):
    from reader.index import Snippet

    return Snippet(text, list(matches), start, start + len(text))


def HitDouble(id: str, outlet: str | None, title: str | None, date: str | None, score: float, snippets: list):
    from reader.index import Hit

    return Hit(id, outlet, title, date, score, snippets)


DOUBLE_ROOT = Path("/nonexistent/double-corpus")


@dataclass
class LibraryDouble:
    """Same methods as reader.library.Library (its LibraryAPI), over documents held in memory.

    `search_gate`: when set, searches for a query listed in `slow_queries` wait for it, so a test
    can make an early search finish after a later one. Words in `misspelt` map to a correction.
    """

    docs: dict = field(default_factory=dict)
    quotes_by_id: dict = field(default_factory=dict)
    story_list: list = field(default_factory=list)
    misspelt: dict = field(default_factory=dict)
    slow_queries: set = field(default_factory=set)
    search_gate: threading.Event = field(default_factory=threading.Event)
    update_error: str | None = None
    searches: list = field(default_factory=list)
    prepared: list = field(default_factory=list)  # article ids prepare_comparisons was called for
    stories_prepared: int = 0  # calls of prepare_stories
    leanings: dict = field(default_factory=dict)  # outlet -> leaning, for coverage()
    commits: int = 0  # the index's version (index_version, changes); update() bumps it, as a commit does
    corpus_changed: bool = False  # changes() reports it until the next update()
    corpus_missing: str | None = None  # changes() reports a vanished corpus folder
    unindexed: bool = False  # no index yet: search() says so (as the core does) until update() ran
    update_gate: threading.Event | None = None  # when set, update() waits for it (an index being built)

    def __post_init__(self):
        from reader import config
        from reader.state.marks import MarkStore

        self.roots = [DOUBLE_ROOT]
        self.follow_links = False
        self.marks = MarkStore(config.data_dir() / "marks.sqlite3", self.roots)

    def repair_marks(self):
        from reader.state.repair import repair

        return repair(self.marks.path).to_dict()

    def add(self, doc, quotes=()):
        self.docs[doc.id] = doc
        self.quotes_by_id[doc.id] = list(quotes)

    def update(self, progress=None, cancel=None, rebuild=False, retry_grouping=False):
        if self.update_gate is not None:
            self.update_gate.wait()  # until the test opens it (or leaves the app: drive)
        self.unindexed = False
        self.commits += 1
        self.corpus_changed = False
        total = len(self.docs)
        for i, doc_id in enumerate(self.docs, 1):
            if progress:
                progress(i, total, doc_id)
        if self.update_error:
            raise RuntimeError(self.update_error)
        return None

    def articles(self):
        from reader.index import ArticleInfo

        return [
            ArticleInfo(d.id, d.outlet, d.title, d.date, d.url, d.story, str(d.path), fetched=d.fetched)
            for d in self.docs.values()
        ]

    def stories(self):
        return list(self.story_list)

    def replacements(self, articles=None):
        from reader.index.article_versions import Replacements

        return Replacements.of(self.articles() if articles is None else articles)

    def marks_replacements(self, articles=None):
        return self.replacements(articles)  # (no links kept beside the marks here)

    def coverage(self, *, active_days=None, since=None, until=None):
        from reader.analysis.coverage import compute_coverage

        return compute_coverage(
            self.articles(), self.stories(), self.leanings.get, active_days=active_days, since=since, until=until
        )

    def article(self, target):
        if target not in self.docs:
            raise LookupError(f"no article with id or path {target!r}")
        return self.docs[target]

    def quotes(self, article):
        return self.quotes_by_id.get(article.id, [])

    def quotations(self, article):
        from reader.quotations import quotations

        return quotations(article.text, self.quotes(article))

    def match_ranges(self, article_id, query):
        text = self.docs[article_id].text.lower()
        ranges = []
        for word in query.lower().split():
            start = text.find(word)
            while start >= 0:
                ranges.append((start, start + len(word)))
                start = text.find(word, start + 1)
        return sorted(ranges)

    def search(self, query, **options):
        from reader.index import SearchResults

        self.searches.append(query)
        if query in self.slow_queries:
            self.search_gate.wait()  # until the test opens it (or leaves the app: drive)
        if self.unindexed:
            return SearchResults(query, error="there is no index yet; run `reader index`", no_index=True)
        notes = []
        if query.count('"') % 2:
            if not options.get("open_quote_as_words"):
                return SearchResults(query, [], 0, error='unbalanced quote mark: close the phrase with "')
            notes.append("a quotation mark is left open: the words after it are searched one by one")
        if query.count("(") != query.count(")"):
            return SearchResults(query, [], 0, error="unbalanced parentheses: add the missing )")
        words = query.lower().replace('"', " ").split()
        corrected = None
        if any(w in self.misspelt for w in words):
            corrected = " ".join(self.misspelt.get(w, w) for w in words)
        hits = []
        for doc in self.docs.values():
            lower = doc.text.lower()
            if words and all(w in lower for w in words):
                pos = lower.find(words[0])
                lo = max(0, pos - 20)
                snippet = SnippetDouble(doc.text[lo : pos + 40], [(pos - lo, pos - lo + len(words[0]))], lo)
                hits.append(HitDouble(doc.id, doc.outlet, doc.title, doc.date, 1.0, [snippet]))
        # Pages as the index gives them: `limit` hits from `offset` on, `total` counting all.
        offset, limit = options.get("offset", 0), options.get("limit")
        page = hits[offset:] if limit is None else hits[offset : offset + limit]
        return SearchResults(query, page, len(hits), corrected, notes=notes)

    def compare(self, left, right, progress=None, cancel=None):
        from reader.analysis.compare import compare

        return compare(left, right, left_quotes=self.quotes(left), right_quotes=self.quotes(right), cancel=cancel)

    def index_version(self):
        return self.commits

    def changes(self):
        from reader.library import Changes

        return Changes(self.commits, self.corpus_changed, False, self.corpus_missing)

    def partner(self, article, *, edit_first=False):  # (no versions here: edit_first changes nothing)
        from reader.analysis.versions import pick_partner
        from reader.library import ArticleNotFound, NoOtherVersion

        found = pick_partner(article, self.articles(), self.stories(), self._copy_test(article))
        if found is None:
            if any(a.id != article.id for a in self.articles()):
                raise NoOtherVersion("No other article tells this story.")
            raise ArticleNotFound(
                f"no other article to compare {article.id} with: it is the only article in the corpus"
            )
        return found

    def story_comparison(self, story):
        """As the Library: versions.pick_pair over the story's members (copies passed over)."""
        from reader.analysis.versions import pick_pair
        from reader.library import ArticleNotFound, NoOtherVersion, StoryNotFound

        if isinstance(story, str):
            story = next((s for s in self.stories() if s.id == story), None)
            if story is None:
                raise StoryNotFound("no story with this id now")

        def partner_of(article_id):
            try:
                return self.partner(self.docs[article_id])
            except (NoOtherVersion, ArticleNotFound):
                return None

        found = pick_pair(story.articles, partner_of, lambda a, b: self._copy_test(self.docs[a])(b))
        if found is None:
            self.partner(self.docs[story.articles[0]])  # its reason
        assert found is not None
        left, right, copy = found
        return self.article(left), right, copy

    def versions(self, article_id):
        from reader.analysis.versions import other_versions

        return other_versions(article_id, self.articles(), self.stories())

    def versions_of_one_page(self, left_id, right_id):
        return self.replacements().of_one_page(left_id, right_id)

    def _copy_test(self, article):
        from reader.analysis.versions import CopyCheck

        check = CopyCheck(article.text)
        return lambda other: other in self.docs and check.copied_by(self.docs[other].text)

    def copies(self, article_id, ids):
        if article_id not in self.docs:
            return set()
        is_copy = self._copy_test(self.docs[article_id])
        return {other for other in ids if other != article_id and is_copy(other)}

    def prepare_comparisons(self, article_id, cancel=None):
        """Records the call (`prepared`); chooses like the Library, encodes nothing."""
        from reader.analysis.versions import likely_partners

        self.prepared.append(article_id)
        if article_id not in self.docs or (cancel is not None and cancel()):
            return []
        partners = likely_partners(self.docs[article_id], self.articles(), self.stories())
        return [article_id, *partners[:4]] if partners else []

    def prepare_stories(self, progress=None, cancel=None, *, again=False):
        """Records the call (`stories_prepared`); lists what the Library would, encodes nothing."""
        from reader.analysis.prepare import PrepareReport
        from reader.analysis.versions import comparable_ids, comparable_stories

        self.stories_prepared += 1
        ids = comparable_ids(comparable_stories(self.articles(), self.stories()))
        return PrepareReport(articles=len(ids), ready=len(ids), encoded=0, left=0, seconds=0.0)

    def fetch(self, *, force=False, only=None, progress=None, cancel=None, on_started=None):
        raise RuntimeError("this double follows no feeds")

    def shows_fetched(self):
        return False

    def feeds(self, problems=None, skipped=None):
        return []

    def feed_outcome(self, feed):
        from reader.fetch.run import feed_outcome

        return feed_outcome(feed)

    def feed_details(self, feed):
        from reader.fetch.run import feed_details

        return feed_details(feed)

    def command_line(self, words, *, corpus=None):
        from reader.wording import reader_command

        return reader_command(words, corpus=[str(folder) for folder in corpus or ()])

    def close(self):
        pass


def double_library() -> LibraryDouble:
    """Three articles over two outlets and one story, with quotes."""
    lib = LibraryDouble()
    text_a = (
        "The minister arrived in Budapest on Monday.\n\n"
        '"We will meet again soon," the minister said.\n\n'
        "Talks about the summit continue in Budapest."
    )
    qa = text_a.index('"We')
    lib.add(
        Doc("a1", "Daily Planet", "Minister visits Budapest", "2025-10-21", text_a, author="Lois Lane"),
        [QuoteDouble("We will meet again soon,", qa + 1, qa + 25, "the minister")],
    )
    lib.add(Doc("a2", "Daily Planet", "Markets calm", "2025-10-20", "Markets were calm on Monday."))
    lib.add(
        Doc("b1", "The Bugle", "Budapest summit off", "2025-10-21", "The summit in Budapest is off, officials said.")
    )
    lib.story_list = [
        StoryDouble("s1", "Budapest summit", ["a1", "b1"]),
        StoryDouble("s2", "Markets calm", ["a2"]),
    ]
    lib.misspelt = {"budapset": "budapest"}
    return lib


@pytest.fixture
def library_double():
    return double_library()


# -- markers ------------------------------------------------------------------------------------
@pytest.hookimpl(tryfirst=True)  # before -m selects by them
def pytest_collection_modifyitems(items):
    """The Textual tests (Pilot, tests/test_tui_*.py) are marked `tui`; they, the real-terminal
    ones (`e2e`) and the wheel build are `slow`: `pytest -m "not slow"` runs the core alone."""
    for item in items:
        if item.path.name.startswith("test_tui_"):
            item.add_marker(pytest.mark.tui)
        if item.get_closest_marker("tui") or item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.slow)


# -- the compare screen over a bare app -----------------------------------------------------------
from reader.tui.keymap import KeymapApp  # noqa: E402 (Textual: only the harness needs it)
from reader.tui.screens.compare import CompareScreen  # noqa: E402


class CompareHost(KeymapApp):
    """A bare app (one that keeps its keymap) that opens the compare screen over its default screen."""

    def __init__(self, library, left_id="left", right_id="right"):
        super().__init__()
        self.library = library
        self.left_id, self.right_id = left_id, right_id

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.library, self.left_id, self.right_id))


def pauses_past_compare_rows(monkeypatch) -> list[int]:
    """Pilot's pauses (its press, pause, and so settle and wait_for) wait for the app and every
    widget on the screen but the compare rows and their cells to handle what is queued to them.
    Pilot queues a call to each widget at every pause: over the hundreds of rows mounted, most of
    a long comparison test's CPU. The rows' own queues hold their mounting and drawing only; the
    keys, the jumps, the rows' lock and scrolls are the screen's and the body's, still waited for.
    Textual has no public way to narrow a pause: this stands in for its private
    Pilot._wait_for_screen (as _pilot_waits_while_moving does, the rows left out; that fails
    loudly when Textual's is gone or takes other arguments). Returns the count of pauses that went through it,
    one item: a caller checks it (pauses no longer through it are Textual's own, slower)."""
    from textual.pilot import Pilot

    from reader.tui.widgets.compare_view import CompareRow

    calls = [0]

    async def wait_for_screen(self, timeout: float = 30.0) -> bool:  # Pilot._wait_for_screen, rows left out
        calls[0] += 1
        try:
            screen = self.app.screen
        except Exception:
            return False
        waited, unseen = [self.app], [screen]
        while unseen:  # the screen's widgets, not descending into the rows
            node = unseen.pop()
            waited.append(node)
            unseen.extend(child for child in node.children if not isinstance(child, CompareRow))
        return await _handled_by(self.app, waited, timeout)

    monkeypatch.setattr(Pilot, "_wait_for_screen", wait_for_screen)
    return calls


# -- async tests without a plugin ---------------------------------------------------------------
@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests in a fresh event loop (Textual's run_test needs one)."""
    import asyncio
    import inspect

    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**kwargs))
    return True


# -- hostile input ------------------------------------------------------------------------------
ESC_TEXT = (
    "Budapest text with an OSC \x1b]0;pwned-title\x07 and a clear \x1b[2J and a DCS \x1bPq#0\x1b\\ "
    "and a C1 CSI \x9b31m and a bell \x07 end."
)


@pytest.fixture
def hostile_corpus(tmp_path):
    """tests/fixtures/hostile plus files that git should not carry: escapes in text and names."""
    import shutil

    root = tmp_path / "hostile"
    shutil.copytree(HOSTILE, root)
    (root / "escapes.md").write_text(
        '---\ntitle: "Escapes \\e]0;pwned\\a in title \\e[2J here"\n'
        'outlet: "Escape \\e[31mRed\\e[0m News"\ndate: 2025-10-20\n---\n' + ESC_TEXT + "\n",
        encoding="utf-8",
    )
    (root / "esc\x1b]0;fn\x07name.txt").write_text("Escape in the file name\n\nBudapest again.\n", encoding="utf-8")
    return root
