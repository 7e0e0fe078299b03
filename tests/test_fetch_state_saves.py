"""The fetch state saved as a run goes (Fetcher._save_progress) and at its end, when it cannot be
written (a read-only data folder, a full disk): the run goes on, its articles are stored, and the
user is told once."""

from __future__ import annotations

import errno
import json
import os

import pytest

from http_fixture import Reply
from reader import config
from reader.fetch import fetch
from reader.fetch.store import ArticleStore
from reader.fetch.subscriptions import add_subscription
from test_fetch import article, fast, fetched_files, no_temporary_files, serve_feed

PAGES = 8


@pytest.fixture
def feed_of_pages(server, monkeypatch):
    """A feed of PAGES articles, and a run that saves its progress after every page that comes."""
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    serve_feed(server, "/feed.xml", [article(server, f"/news/{n}", n) for n in range(PAGES)])
    add_subscription(server.url("/feed.xml"), outlet="Example News")
    monkeypatch.setattr("reader.fetch.run.PROGRESS_SECONDS", 0.0)
    monkeypatch.setattr("reader.fetch.run.PROGRESS_COST", 0)
    return server


def _disk_full_for_the_state(monkeypatch: pytest.MonkeyPatch, *, at_the_end: bool) -> list[str]:
    """Saves of the fetch state fail as on a full disk (the progress saves, and the last one when
    `at_the_end`); the articles are written. The saves tried, "progress" or "end", in order."""
    real_save = ArticleStore.save_state
    tried: list[str] = []

    def save_state(store, feeds=None):
        progress = feeds is not None
        tried.append("progress" if progress else "end")
        if progress or at_the_end:
            store.flush()  # the articles are put in place first, as the real save does
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(store.state_path.parent / ".fetch-state.tmp"))
        real_save(store, feeds)

    monkeypatch.setattr(ArticleStore, "save_state", save_state)
    return tried


def _stored_in_state() -> int:
    state = json.loads((config.data_dir() / "fetch-state.json").read_text(encoding="utf-8"))
    return sum(1 for record in state["urls"].values() if isinstance(record, dict) and "id" in record)


def test_progress_saves_that_fail_stop_nothing_and_are_said_once_when_the_last_save_works(feed_of_pages, monkeypatch):
    tried = _disk_full_for_the_state(monkeypatch, at_the_end=False)

    report = fetch(settings=fast(workers=1))

    assert report.new == PAGES and len(fetched_files()) == PAGES  # the run went on to its end
    assert tried.count("progress") >= 2 and tried[-1] == "end"  # tried again as it went, said once:
    said = [p for p in report.problems if "fetch state" in p]
    state_path = config.data_dir() / "fetch-state.json"
    assert said == [
        f"warning: the fetch state could not be saved during the run ({state_path}: the disk is full); saved at its end"
    ]
    assert report.state_not_saved is None and report.to_dict()["state_not_saved"] is None
    assert _stored_in_state() == PAGES


def test_a_last_save_that_fails_keeps_the_report_and_the_articles_and_the_next_run_stores_none_twice(
    feed_of_pages, monkeypatch
):
    with pytest.MonkeyPatch.context() as patch:  # (monkeypatch.undo() would undo the test's isolation)
        tried = _disk_full_for_the_state(patch, at_the_end=True)
        report = fetch(settings=fast(workers=1))

    assert tried.count("progress") >= 2 and tried[-1] == "end"
    assert report.new == PAGES and len(fetched_files()) == PAGES and no_temporary_files()
    state_path = config.data_dir() / "fetch-state.json"
    assert report.state_not_saved == f"{state_path}: the disk is full"  # said once, not per save:
    assert not [p for p in report.problems if "fetch state" in p]
    assert report.state_problem is not None and report.state_problem.startswith(
        f"cannot save the fetch state: {state_path}: the disk is full; the articles fetched are stored"
    )
    assert report.to_dict()["state_not_saved"] == report.state_not_saved
    # the disk freed: the lock was let go, so the next run runs

    again = fetch(settings=fast(workers=1), force=True)

    assert again.new == 0 and again.state_not_saved is None
    assert len(fetched_files()) == PAGES


def test_reader_fetch_whose_last_save_fails_prints_its_summary_and_one_line_and_exits_1(
    feed_of_pages, monkeypatch, reader_in_process, isolated_dirs
):
    """The state's save failing at the end replaced the whole report by "cannot write the fetched
    articles: …/fetch-state.json: the disk is full", though the articles were written: the new
    articles and the summary are said, then one line on what was not saved."""
    from http_fixture import FAST_SETTINGS

    feeds = isolated_dirs["config"] / "feeds.yaml"
    feeds.write_text(f"feeds:\n  - url: {feed_of_pages.url('/feed.xml')}\n{FAST_SETTINGS}", encoding="utf-8")
    state_path = config.data_dir() / "fetch-state.json"
    with pytest.MonkeyPatch.context() as patch:
        _disk_full_for_the_state(patch, at_the_end=True)
        done = reader_in_process("fetch", check=False)
        as_json = reader_in_process("fetch", "--all", "--json", check=False)

    assert done.returncode == 1
    assert f"{PAGES} new from 1 outlet" in done.stdout and done.stdout.count("\nnew ") == PAGES - 1
    assert done.stderr == (
        f"reader: cannot save the fetch state: {state_path}: the disk is full; the articles fetched are stored "
        "all the same (the next fetch may ask for their pages again, and stores none twice)\n"
    )
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)["state_not_saved"] == f"{state_path}: the disk is full"
    assert as_json.stderr.count("\n") == 1 and "cannot save the fetch state" in as_json.stderr


def test_the_app_s_fetch_toast_says_the_state_not_saved_without_the_escapes_of_a_path():
    from reader.fetch.run import FeedResult, FetchReport
    from reader.tui.fetching import summary_text

    report = FetchReport(feeds=[FeedResult("http://example.org/feed.xml", None, "ok")])
    report.state_not_saved = "/home/\x1b[31mme/fetch-state.json: the disk is full"

    text = summary_text(report, shown=True)

    assert "cannot save the fetch state: /home/" in text and "me/fetch-state.json: the disk is full" in text
    assert "\x1b" not in text


@pytest.mark.parametrize("table", ["system", "names-no-holder"])
def test_feed_list_during_a_fetch_says_the_feeds_it_reads_are_being_fetched_now(
    server, isolated_dirs, tmp_path, reader_in_process, monkeypatch, table
):
    """The progress saves write the feeds read as a run stopped midway leaves them, and `feed
    list` during the run said "stopped before the end" of them. The run holding the fetch lock is
    known (its note and the system's flock holder): its feeds are being fetched now; once it has
    finished, neither. (A run killed outright leaves them stopped before the end:
    test_fetch_cli's test_a_fetch_killed_outright_keeps_what_it_stored_and_says_so.) Where the
    system's table of locks names no holder (NFS, overlay, a lock the table lists under another
    file: it said "stopped before the end" of a run's feeds), the lock tried tells it is held."""
    import threading
    import time

    if table == "names-no-holder":
        from reader import file_lock

        (tmp_path / "locks").write_text("", encoding="ascii")
        monkeypatch.setattr(file_lock, "LOCKS_TABLE", str(tmp_path / "locks"))

    from http_fixture import FAST_SETTINGS, page
    from test_fetch_cli import fetch_in_a_subprocess_until_it_asks

    release = threading.Event()

    def held(_handler):
        release.wait(60)
        return Reply(page("Late story", [" ".join(["harbour ferry timetable strike"] * 20)] * 2))

    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    items = [article(server, f"/news/{n}", n) for n in range(3)]
    server.route("/news/late", held)
    items.append({"title": "Late story", "link": server.url("/news/late")})
    serve_feed(server, "/rss.xml", items)
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        f"feeds:\n  - url: {server.url('/rss.xml')}\n{FAST_SETTINGS}  workers: 1\n  read_timeout: 120\n",
        encoding="utf-8",
    )
    proc = fetch_in_a_subprocess_until_it_asks(server, "/news/late", tmp_path)
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            (feed,) = json.loads(reader_in_process("feed", "list", "--json").stdout)
            if feed["stored"] == 3:
                break
            time.sleep(0.05)
        assert proc.poll() is None and feed["stored"] == 3, proc.poll()
        shown = reader_in_process("feed", "list").stdout
        assert "being fetched now" in shown and "stopped before the end" not in shown
        assert feed["fetching"] is True and feed["stopped"] is False
    finally:
        release.set()
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err

    (feed,) = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert feed["stored"] == 4 and feed["fetching"] is False and feed["stopped"] is False
    shown = reader_in_process("feed", "list").stdout
    assert "being fetched now" not in shown and "stopped before the end" not in shown


def _disk_full_at_article(monkeypatch: pytest.MonkeyPatch, failing: int) -> None:
    """Each article put in place as it is stored, and the `failing`th (from 1) and every one after
    it cannot be written, as on a disk that just filled up."""
    from reader.fetch import store as store_module

    real_stage = store_module._stage
    articles = 0

    def stage(path, data):
        nonlocal articles
        if path.suffix == ".md":
            articles += 1
            if articles >= failing:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_stage(path, data)

    monkeypatch.setattr(store_module, "_stage", stage)
    monkeypatch.setattr("reader.fetch.run.BATCH_FILES", 1)


def test_an_article_that_cannot_be_written_stops_the_run_and_keeps_the_report_of_those_stored(
    feed_of_pages, monkeypatch
):
    with pytest.MonkeyPatch.context() as patch:
        _disk_full_at_article(patch, failing=5)
        report = fetch(settings=fast(workers=1))

    assert len(fetched_files()) == 4 and no_temporary_files()
    assert report.new == 4 and [saved.path for saved in report.articles] == fetched_files()
    assert [(feed.new, feed.updated) for feed in report.feeds] == [(4, 0)]
    assert report.not_written is not None and report.not_written.endswith(": the disk is full")
    assert report.to_dict()["not_written"] == report.not_written
    assert report.write_problem is not None and report.write_problem.startswith(
        f"cannot write the fetched articles: {report.not_written}; the fetch stopped there"
    )
    # the disk freed: the next run stores the rest, and none twice

    again = fetch(settings=fast(workers=1))

    assert again.new == PAGES - 4 and again.not_written is None and len(fetched_files()) == PAGES


def test_reader_fetch_stopped_by_a_full_disk_lists_and_indexes_what_it_stored_then_says_why(
    feed_of_pages, monkeypatch, reader_in_process, isolated_dirs
):
    """An article that could not be written replaced the whole report by "cannot write the fetched
    articles: …: the disk is full": the articles stored before it were neither listed nor indexed."""
    from http_fixture import FAST_SETTINGS

    feeds = isolated_dirs["config"] / "feeds.yaml"
    feeds.write_text(
        f"feeds:\n  - url: {feed_of_pages.url('/feed.xml')}\n{FAST_SETTINGS}  workers: 1\n", encoding="utf-8"
    )
    with pytest.MonkeyPatch.context() as patch:
        _disk_full_at_article(patch, failing=3)
        done = reader_in_process("fetch", check=False)

    assert done.returncode == 1
    assert "2 new from 1 outlet" in done.stdout and done.stdout.count("new ") == 3  # two listed, and the summary
    (line,) = done.stderr.splitlines()
    assert line.startswith("reader: cannot write the fetched articles: ") and "the disk is full" in line
    assert line.endswith(
        "the fetch stopped there: the articles said before this are stored, the rest comes on the next fetch"
    )
    listed = {article["id"] for article in json.loads(reader_in_process("list", "--json").stdout)}
    stored = {path.relative_to(config.fetched_corpus_dir()).with_suffix("").as_posix() for path in fetched_files()}
    assert len(stored) == 2 and stored <= listed  # indexed


def test_the_app_s_fetch_toast_says_an_article_not_written_in_one_line_even_with_the_state_not_saved():
    from reader.fetch.run import FeedResult, FetchReport
    from reader.tui.fetching import summary_text

    report = FetchReport(feeds=[FeedResult("http://example.org/feed.xml", None, "ok")])
    report.not_written = "/home/\x1b[31mme/fetched: the disk is full"
    report.state_not_saved = "/home/me/fetch-state.json: the disk is full"

    text = summary_text(report, shown=True)

    assert "cannot write the fetched articles: /home/" in text and "me/fetched: the disk is full; the fetch" in text
    assert "cannot save the fetch state" not in text and "\x1b" not in text


def test_fetched_articles_that_cannot_be_indexed_are_said_after_the_report(
    feed_of_pages, monkeypatch, reader_in_process, isolated_dirs
):
    """The index's disk full after the articles were stored replaced the fetch's report by
    "cannot write the fetched articles: <the index's file>", as if they were not stored."""
    from http_fixture import FAST_SETTINGS
    from reader.library import Library

    def update(library, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    feeds = isolated_dirs["config"] / "feeds.yaml"
    feeds.write_text(f"feeds:\n  - url: {feed_of_pages.url('/feed.xml')}\n{FAST_SETTINGS}", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Library, "update", update)
        done = reader_in_process("fetch", check=False)

    assert done.returncode == 1 and f"{PAGES} new from 1 outlet" in done.stdout
    (line,) = done.stderr.splitlines()
    assert (
        line.startswith("reader: cannot index the fetched articles: ") and ": the disk is full; they are stored" in line
    )
    assert line.endswith("`reader index` indexes them") and len(fetched_files()) == PAGES


@pytest.fixture
def second_host():
    """Another local server: a feed there is asked on a host of its own (its own queue)."""
    from http_fixture import LocalServer

    local = LocalServer().start()
    local.route("/robots.txt", Reply("", status=404, content_type="text/plain"))
    yield local
    local.stop()


def _two_feeds_fetched_once(server, second_host, isolated_dirs, reader_in_process):
    """Feed A (three articles) and feed B on another host, both fetched once; then A lists three
    new articles, and B's feed answers only once `release` is set, while `hold` is set. ->
    (A's URL, B's URL, hold, release)."""
    import threading

    from http_fixture import FAST_SETTINGS, rss

    hold, release = threading.Event(), threading.Event()
    b_feed = rss("Feed B", [article(second_host, "/news/b", 9)])

    def feed_b(_handler):
        if hold.is_set():
            release.wait(60)
        return Reply(b_feed, content_type="application/rss+xml")

    second_host.route("/b.xml", feed_b)
    serve_feed(server, "/a.xml", [article(server, f"/news/{n}", n) for n in range(3)])
    a_url, b_url = server.url("/a.xml"), second_host.url("/b.xml")
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        f"feeds:\n  - url: {a_url}\n    outlet: A News\n  - url: {b_url}\n    outlet: B News\n"
        f"{FAST_SETTINGS}  workers: 2\n  read_timeout: 120\n",
        encoding="utf-8",
    )
    reader_in_process("fetch")
    serve_feed(server, "/a.xml", [article(server, f"/news/{n}", n) for n in range(3, 6)], etag='"v2"')
    hold.set()
    return a_url, b_url, hold, release


@pytest.mark.parametrize("as_json", [True, False])
def test_a_run_stopped_by_a_full_disk_lists_every_feed_of_the_run_those_not_reached_saying_so(
    server, second_host, isolated_dirs, reader_in_process, monkeypatch, as_json
):
    """A full disk stopped the run: `fetch --json` listed only the feeds read, the feed it never
    reached was missing; and `feed list` then said "stopped before the end" of that feed, as if it
    had been read in part. Every feed of the run is listed, one not reached as such, with why;
    `feed list` says its earlier result, and that the last fetch did not read it."""
    a_url, b_url, _hold, release = _two_feeds_fetched_once(server, second_host, isolated_dirs, reader_in_process)
    try:
        with pytest.MonkeyPatch.context() as patch:
            _disk_full_at_article(patch, failing=1)
            done = reader_in_process("fetch", "--all", *(["--json"] if as_json else []), check=False)
    finally:
        release.set()
    assert done.returncode == 1
    why = "the fetch stopped before it: an article could not be written (the disk is full)"
    if as_json:
        feeds = {feed["url"]: feed for feed in json.loads(done.stdout)["feeds"]}
        assert set(feeds) == {a_url, b_url}
        assert (feeds[b_url]["status"], feeds[b_url]["not_reached"]) == ("not-reached", why)
        assert feeds[a_url]["status"] == "ok" and feeds[a_url]["not_reached"] is None
    else:
        assert f"1 feed not reached (the fetch stopped before it; the next fetch asks it): {b_url}" in done.stdout

    listed = {feed["url"]: feed for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)}
    assert listed[b_url]["not_reached"] == why and listed[b_url]["status"] == "ok"
    assert listed[b_url]["last_fetched"] is not None and listed[a_url]["not_reached"] is None
    (line,) = [line for line in reader_in_process("feed", "list").stdout.splitlines() if line.startswith(b_url)]
    assert line.endswith(f"  ok; not read by the last fetch: {why}; the next fetch asks it"), line

    again = json.loads(reader_in_process("fetch", "--json").stdout)  # due at once, read now: the note goes
    assert {feed["url"]: feed["status"] for feed in again["feeds"]}[b_url] != "not-reached"
    listed = {feed["url"]: feed for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)}
    assert listed[b_url]["not_reached"] is None and listed[b_url]["stopped"] is False


def test_feed_list_during_a_fetch_says_a_feed_it_has_not_read_yet_with_its_earlier_result(
    server, second_host, isolated_dirs, tmp_path, reader_in_process
):
    """During a run, a feed it had not read yet was said as if nothing was under way (or "not
    fetched yet" when it never was): its earlier result, and that the run has yet to read it. A run
    killed before it leaves it as not read by the last fetch, due at once."""
    import time

    from test_fetch_cli import killed_outright, python_in_a_subprocess

    a_url, b_url, _hold, release = _two_feeds_fetched_once(server, second_host, isolated_dirs, reader_in_process)
    proc = python_in_a_subprocess(["-m", "reader", "fetch", "--all"], tmp_path)
    try:
        deadline = time.monotonic() + 60
        listed: dict = {}
        while proc.poll() is None and time.monotonic() < deadline:
            listed = {feed["url"]: feed for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)}
            if listed[b_url]["queued"]:
                break
            time.sleep(0.05)
        assert proc.poll() is None and listed[b_url]["queued"] is True, proc.poll()
        assert listed[b_url]["status"] == "ok" and listed[a_url]["queued"] is False
        (line,) = [line for line in reader_in_process("feed", "list").stdout.splitlines() if line.startswith(b_url)]
        assert line.endswith("  ok; not read yet by the fetch under way"), line
    finally:
        killed_outright(proc, release)

    listed = {feed["url"]: feed for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)}
    assert listed[b_url]["queued"] is False and listed[b_url]["status"] == "ok"
    assert listed[b_url]["not_reached"] == "the fetch ended before it (killed outright)"
    again = json.loads(reader_in_process("fetch", "--json").stdout)  # B is due at once: the kill left it unread
    assert b_url in {feed["url"] for feed in again["feeds"] if feed["status"] != "not-due"}


def test_feed_list_after_a_last_save_that_failed_says_the_results_were_lost_not_that_the_run_was_killed(
    server, second_host, isolated_dirs, reader_in_process, monkeypatch
):
    """The last save of the state failed (a full disk): the state on disk is the run's last
    progress save, which had feed B yet to read. `feed list` said B was "not read by the last
    fetch: the fetch ended before it (killed outright)", though the run ran to its end and read it.
    What is true is said: the run could not save the state, so what it did with B (and with A,
    read before that save) is not known, and the next fetch reads them in full."""
    import threading
    import time

    state_path = config.data_dir() / "fetch-state.json"
    a_url, b_url, _hold, release = _two_feeds_fetched_once(server, second_host, isolated_dirs, reader_in_process)

    def b_queued_on_disk() -> bool:
        try:
            feeds = json.loads(state_path.read_text(encoding="utf-8"))["feeds"]
        except (OSError, ValueError, KeyError):
            return False
        return isinstance((feeds.get(b_url) or {}).get("queued_in"), dict)

    def release_once_b_is_queued_on_disk() -> None:
        deadline = time.monotonic() + 30
        while not b_queued_on_disk() and time.monotonic() < deadline:
            time.sleep(0.01)
        release.set()

    monkeypatch.setattr("reader.fetch.run.PROGRESS_SECONDS", 0.0)
    monkeypatch.setattr("reader.fetch.run.PROGRESS_COST", 0)
    real_save = ArticleStore.save_state

    def save_state(store, feeds=None):
        if feeds is None or b_queued_on_disk():  # the disk filled up after the save that had B to read
            store.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(state_path.parent / ".fetch-state.tmp"))
        real_save(store, feeds)

    releaser = threading.Thread(target=release_once_b_is_queued_on_disk)
    releaser.start()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ArticleStore, "save_state", save_state)
            done = reader_in_process("fetch", "--all", check=False)
    finally:
        release.set()
        releaser.join()
    assert done.returncode == 1 and "cannot save the fetch state" in done.stderr
    assert b_queued_on_disk() and "3 new from 1 outlet" in done.stdout  # B was queued on disk, then read

    listed = {feed["url"]: feed for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)}
    why = f"{state_path}: the disk is full"
    assert listed[b_url]["not_reached"] is None and listed[b_url]["state_not_saved"] == why
    assert listed[a_url]["state_not_saved"] == why
    shown = reader_in_process("feed", "list").stdout
    assert "killed outright" not in shown
    (line,) = [line for line in shown.splitlines() if line.startswith(b_url)]
    assert line.endswith(
        f"what the last fetch did with it is not known: it could not save the fetch state at its end ({why}); "
        "the next fetch reads it in full"
    ), line

    def unknown() -> list:
        listed = {feed["url"]: feed for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)}
        return [(listed[url]["state_not_saved"], listed[url]["not_reached"]) for url in (a_url, b_url)]

    other = ArticleStore()  # another holder of the lock between the runs (feed add, feed remove)
    other.lock()
    other.unlock()
    assert unknown() == [(why, None), (why, None)]  # it said B "killed outright" once it let go

    stored = len(fetched_files())
    only_a = json.loads(reader_in_process("fetch", a_url, "--json").stdout)
    assert [feed["url"] for feed in only_a["feeds"]] == [a_url]
    assert unknown() == [(None, None), (why, None)]  # the run that did not read B keeps what is known of it
    again = json.loads(reader_in_process("fetch", "--json").stdout)  # B due at once, read in full
    assert {feed["url"] for feed in again["feeds"] if feed["status"] != "not-due"} == {b_url}
    assert unknown() == [(None, None), (None, None)]
    assert len(fetched_files()) == stored and again["new"] == only_a["new"] == 0  # none stored twice


def test_the_note_of_a_state_not_saved_is_left_in_the_lock_file_of_a_disk_really_full(tmp_path):
    """Why the last save failed is left in the lock file, a file that is there, on a disk with no
    byte free (a real tmpfs), where no new file could be written."""
    from reader.fetch.store import run_not_saved
    from tmpfs_helpers import small_disk

    with small_disk(tmp_path / "disk", "256k") as disk:
        store = ArticleStore(disk.path / "fetched", disk.path / "fetch-state.json")
        store.lock()
        noted = dict(store.lock_note)
        disk.fill()
        with pytest.raises(OSError):
            (disk.path / "more").write_bytes(b"x" * 8192)
        store.unlock(not_saved=f"{disk.path / 'fetch-state.json'}: the disk is full")
        left = run_not_saved(disk.path)
    assert left == {
        "pid": noted["pid"],
        "since": noted["since"],
        "why": f"{disk.path}/fetch-state.json: the disk is full",
    }


def test_the_note_of_a_state_not_saved_whose_path_is_not_ascii_is_cut_to_fit_not_lost(tmp_path):
    """The reason was cut to 2,000 characters, but each one that is not ASCII is written as
    \\uXXXX: a data folder named in Cyrillic made a note longer than the part of the lock file
    read, and `feed list` said the run was killed outright again."""
    from reader.fetch.store import NOT_SAVED_BYTES, run_not_saved

    store = ArticleStore(tmp_path / "fetched", tmp_path / "fetch-state.json")
    store.lock()
    why = "/home/" + "д" * 2000 + "/fetch-state.json: the disk is full"
    store.unlock(not_saved=why)

    left = run_not_saved(tmp_path)
    assert left is not None and why.startswith(left["why"]) and len(left["why"]) > 500
    assert (tmp_path / "fetch.lock").stat().st_size <= NOT_SAVED_BYTES


def test_a_load_writing_an_old_layout_converted_keeps_the_note_of_a_state_not_saved(tmp_path):
    """A `feed list` converting an old layout's state took the lock and emptied the lock file as it
    let go: the note of the last run's state not saved was gone, and its feeds read as killed."""
    from reader.fetch.store import run_not_saved

    store = ArticleStore(tmp_path / "fetched", tmp_path / "fetch-state.json")
    store.lock()
    store.unlock(not_saved="fetch-state.json: the disk is full")
    left = run_not_saved(tmp_path)
    state = {
        "version": 1,
        "feeds": {"https://harbour.example/feed.xml": {"entry_ids": {"tag:7": "https://x.example/"}}},
    }
    (tmp_path / "fetch-state.json").write_text(json.dumps(state), encoding="utf-8")

    ArticleStore(tmp_path / "fetched", tmp_path / "fetch-state.json")  # converts it, under the lock

    saved = json.loads((tmp_path / "fetch-state.json").read_text(encoding="utf-8"))
    assert "entry_keys" in saved["feeds"]["https://harbour.example/feed.xml"]  # written converted
    assert left is not None and run_not_saved(tmp_path) == left


def test_a_second_run_on_a_disk_still_full_keeps_the_first_run_s_feeds_unknown_not_killed(
    server, second_host, isolated_dirs, reader_in_process, monkeypatch
):
    """Hourly fetches from cron on a disk that stays full: the first run's last save failed, and
    the second's saves failed too. The state on disk still has the first run's notes, and the lock
    file named only the second run: `feed list` said the first run's feeds were killed outright."""
    state_path = config.data_dir() / "fetch-state.json"
    a_url, b_url, _hold, release = _two_feeds_fetched_once(server, second_host, isolated_dirs, reader_in_process)
    release.set()
    monkeypatch.setattr("reader.fetch.run.PROGRESS_SECONDS", 0.0)
    monkeypatch.setattr("reader.fetch.run.PROGRESS_COST", 0)
    real_save = ArticleStore.save_state
    saves = [0]

    def save_state(store, feeds=None):
        saves[0] += 1
        if saves[0] > 1:  # the first run's first progress save (its notes of the feeds), then none
            store.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(state_path.parent / ".fetch-state.tmp"))
        real_save(store, feeds)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ArticleStore, "save_state", save_state)
        first = reader_in_process("fetch", "--all", check=False)
        second = reader_in_process("fetch", "--all", check=False)
    assert first.returncode == second.returncode == 1 and "cannot save the fetch state" in second.stderr

    listed = {feed["url"]: feed for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)}
    why = f"{state_path}: the disk is full"
    assert [(listed[url]["state_not_saved"], listed[url]["not_reached"]) for url in (a_url, b_url)] == [
        (why, None),
        (why, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '{"pid": 7, "since": 1.5, "host": "h"}',  # a holder's note (an older release's, a killed run's)
        '{"not_saved": {"why": 5}}',
        '{"not_saved": {"why": "[bold]w[/]"}}',  # no run named: no feed's note to match
        '{"not_saved": {"why": "w", "pid": null, "since": null, "earlier": [1, {}, {"pid": true}]}}',
    ],
)
def test_a_lock_file_s_damaged_or_older_note_makes_no_feed_s_result_unknown(text):
    from reader.fetch.run import lost_with_the_state
    from reader.fetch.store import not_saved_noted

    noted = not_saved_noted(text)
    for queued in ({}, {"pid": None, "since": None}, {"pid": 7, "since": 1.5}):
        assert lost_with_the_state({"queued_in": queued}, noted) is None


def _a_run_whose_last_save_failed(urls: list[str]) -> str:
    """The fetch state and lock file a run leaves when its last save failed (a full disk) with
    `urls` yet to read in its last progress save: `feed list` says their results are not known."""
    from reader.fetch.run import QUEUED_IN

    store = ArticleStore()
    store.lock()
    for url in urls:
        store.feed_state(url)[QUEUED_IN] = store.lock_note
    store.save_state()
    why = f"{store.state_path}: the disk is full"
    store.unlock(not_saved=why)
    return why


def _not_known(reader_in_process) -> dict:
    return {
        feed["url"]: (feed["state_not_saved"], feed["not_reached"])
        for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)
    }


def _held_once_it_holds_the_fetch_lock(argv: list[str]):
    """`reader ARGV` in a subprocess that prints "locked" once it holds the fetch lock, then holds
    it till a line comes on its standard input (or it is killed); its exit status is main()'s."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from reader.fetch.store import ArticleStore\n"
        "real_lock = ArticleStore.lock\n"
        "def lock(store, *args, **kwargs):\n"
        "    real_lock(store, *args, **kwargs)\n"
        "    print('locked', flush=True)\n"
        "    sys.stdin.readline()  # held here till the test says so\n"
        "ArticleStore.lock = lock\n"
        "from reader.cli import main\n"
        f"sys.exit(main({argv!r}))\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.parametrize("action", ["remove", "add"])
def test_feed_add_or_remove_killed_while_it_holds_the_fetch_lock_keeps_the_note_of_a_state_not_saved(
    action, reader_in_process
):
    """`feed add` and `feed remove` put the note of a state not saved back in the lock file as
    they let go of it, having written their own note over it: killed in between (kill -9), the
    note was lost, and `feed list` said the feeds the last run had yet to read were "killed
    outright". The command is killed once it holds the lock (a subprocess told so, no sleeps)."""
    import signal

    kept, removed, stale = "https://a.example/feed.xml", "https://b.example/feed.xml", "https://c.example/feed.xml"
    add_subscription(kept)
    add_subscription(removed)
    why = _a_run_whose_last_save_failed([kept, removed, stale])  # stale: a feed removed before, its state left
    assert _not_known(reader_in_process)[kept] == (why, None)
    argv = ["feed", "remove", removed] if action == "remove" else ["feed", "add", "--no-check", stale]
    child = _held_once_it_holds_the_fetch_lock(argv)
    try:
        assert child.stdout.readline() == "locked\n", child.stderr.read()
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdin.close()
        child.stdout.close()
        child.stderr.close()

    assert _not_known(reader_in_process)[kept] == (why, None)


def test_a_holder_taking_the_fetch_lock_never_leaves_a_reader_an_empty_or_partial_note(monkeypatch, tmp_path):
    """The holder's note was written over the lock file by a truncate and a write: a `feed list`
    reading it in between (a fetch starting) found it empty, the note of a state not saved gone.
    Each step of the write is checked, as a reader would see the file after it."""
    from reader.fetch import store as store_module
    from reader.fetch.store import lock_holder, run_not_saved

    add_subscription("https://a.example/feed.xml")
    why = _a_run_whose_last_save_failed(["https://a.example/feed.xml"])
    folder = config.data_dir()
    seen: list[tuple] = []

    def look() -> None:
        text = (folder / "fetch.lock").read_text(encoding="utf-8")
        seen.append((run_not_saved(folder) or {}).get("why"))
        assert text and lock_holder(text) != (None, None) or run_not_saved(folder) is not None, text

    real_pwrite, real_ftruncate, real_open = os.pwrite, os.ftruncate, open

    def pwrite(fd, data, offset):
        done = real_pwrite(fd, data, offset)
        look()
        return done

    def ftruncate(fd, length):
        real_ftruncate(fd, length)
        look()

    class Watched:  # the lock file's handle, each write to it looked at as a reader would
        def __init__(self, handle):
            self._handle = handle

        def __getattr__(self, name):
            attr = getattr(self._handle, name)
            if name not in ("truncate", "write", "flush"):
                return attr

            def watched(*args):
                done = attr(*args)
                self._handle.flush()
                look()
                return done

            return watched

    def watched_open(path, *args, **kwargs):
        handle = real_open(path, *args, **kwargs)
        return Watched(handle) if str(path).endswith("fetch.lock") and "a+" in args else handle

    monkeypatch.setattr(os, "pwrite", pwrite)
    monkeypatch.setattr(os, "ftruncate", ftruncate)
    monkeypatch.setattr(store_module, "open", watched_open, raising=False)
    store = ArticleStore()
    store.lock()
    monkeypatch.undo()
    store.unlock()

    assert seen and set(seen) == {why}


def test_a_shorter_note_written_over_the_lock_file_reads_whole_before_it_is_cut_to_length(monkeypatch):
    """A holder letting go of the lock writes the note of a state not saved over its own longer
    note, then cuts the file to length: in between (a `feed list` reading it, or the holder killed
    there) the old note's tail after the new one made no JSON, the note read as none and its
    feeds said killed outright. The file is looked at after the write, before the cut."""
    from reader.fetch.store import lock_holder, run_not_saved

    add_subscription("https://a.example/feed.xml")
    why = _a_run_whose_last_save_failed(["https://a.example/feed.xml"])
    folder = config.data_dir()
    store = ArticleStore()
    store.lock()  # its note: itself, and the note of the state not saved kept beside it
    held = (folder / "fetch.lock").read_text(encoding="utf-8")
    assert lock_holder(held)[1] == os.getpid() and run_not_saved(folder)["why"] == why
    seen: list[str | None] = []
    real_pwrite = os.pwrite

    def pwrite(fd, data, offset):
        done = real_pwrite(fd, data, offset)
        seen.append((run_not_saved(folder) or {}).get("why"))
        return done

    class Killed(BaseException):
        pass

    def killed_before_the_cut(fd, length):
        raise Killed

    monkeypatch.setattr(os, "pwrite", pwrite)
    monkeypatch.setattr(os, "ftruncate", killed_before_the_cut)
    with pytest.raises(Killed):
        store.unlock(not_saved="a later run's save failed too")
    monkeypatch.undo()
    store._lock_handle.close()  # (the killed holder's lock goes with it)

    assert seen == ["a later run's save failed too"]
    assert len((folder / "fetch.lock").read_bytes()) == len(held.encode("utf-8"))  # not cut: read all the same
    assert run_not_saved(folder)["why"] == "a later run's save failed too"


@pytest.mark.parametrize("action", ["remove", "add"])
def test_feed_list_while_feed_add_or_remove_holds_the_fetch_lock_says_what_the_runs_before_left(
    action, reader_in_process
):
    """While `feed add` or `feed remove` held the fetch lock, `feed list` read the note of a state
    not saved only with no holder, and a feed a killed run had yet to read only then too: the
    feeds of both looked fine till the command let go. The command is held, holding the lock, by
    the test (a subprocess told so, no sleeps), and let go once the list is read."""

    from reader.fetch.run import QUEUED_IN

    kept, removed, stale = "https://a.example/feed.xml", "https://b.example/feed.xml", "https://c.example/feed.xml"
    unread = "https://d.example/feed.xml"
    for url in (kept, removed, unread):
        add_subscription(url)
    why = _a_run_whose_last_save_failed([kept, removed, stale])
    store = ArticleStore()  # a run killed (kill -9) before it read `unread`, which it was to read
    store.lock()
    store.feed_state(unread)[QUEUED_IN] = {"pid": 2**22 + 1, "since": 1.5}
    store.save_state()
    store.unlock()
    before = _not_known(reader_in_process)
    assert before[kept] == (why, None) and before[unread] == (None, "the fetch ended before it (killed outright)")

    argv = ["feed", "remove", removed] if action == "remove" else ["feed", "add", "--no-check", stale]
    child = _held_once_it_holds_the_fetch_lock(argv)
    try:
        assert child.stdout.readline() == "locked\n", child.stderr.read()
        held = _not_known(reader_in_process)
        shown = {line.split("  ")[0]: line for line in reader_in_process("feed", "list").stdout.splitlines()}
    finally:
        out, err = child.communicate("go\n", timeout=60)
    assert child.returncode == 0, err
    assert held[kept] == (why, None)
    assert held[unread] == (None, "the fetch ended before it (killed outright)")
    assert "what the last fetch did with it is not known" in shown[kept]
    assert "not read by the last fetch: the fetch ended before it (killed outright)" in shown[unread]
    assert _not_known(reader_in_process)[kept] == (why, None)
