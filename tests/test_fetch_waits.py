"""A server that does not answer, or asks to wait: the wait is said as it happens, a URL is given
up at its overall_timeout, and ctrl+c stops at once saying what was not fetched. Local servers
only; short timeouts."""

from __future__ import annotations

import json
import re
import threading
import time
from functools import partial

import pytest

from http_fixture import Reply, page, quick_settings, rss
from reader import config
from reader.fetch import FetchFailed, HttpSettings, feed_statuses, fetch
from reader.fetch.http import HttpClient
from reader.fetch.run import FetchReport
from reader.fetch.subscriptions import add_subscription


quick = partial(quick_settings, retries=1)  # one retry: the waits between tries are seen


def item_of(server, k: int) -> dict:
    """An RSS item linking to a page of story `k`, served."""
    server.route(f"/a/{k}", Reply(page(f"Story {k}", [f"Paragraph {k} " + "word " * 80])))
    return {"title": f"Story {k}", "link": server.url(f"/a/{k}"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}


def feed_of(server, n: int = 1) -> str:
    items = []
    for k in range(n):
        server.route(f"/a/{k}", Reply(page(f"Story {k}", [f"Paragraph {k} " + "word " * 80])))
        items.append({"title": f"Story {k}", "link": server.url(f"/a/{k}"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"})
    return rss("Feed", items)


def test_a_url_is_given_up_at_its_overall_timeout_however_many_retries_are_left(server):
    """retries: 5 of a read_timeout each, and Retry-After waits, were all waited for, one feed
    holding the run for minutes: overall_timeout bounds them all."""
    # Two quick 503s retried, then a silence that the overall_timeout cuts short.
    server.route("/silent.xml", *[Reply("", status=503, delay=0.3) for _ in range(2)], Reply("late", delay=3))
    with HttpClient(quick(retries=5, overall_timeout=1.0, read_timeout=2)) as client:
        with pytest.raises(FetchFailed) as raised:
            client.get(server.url("/silent.xml"))
    assert raised.value.kind == "timeout" and raised.value.transient
    assert "the overall_timeout" in raised.value.reason and "gave up after" in raised.value.reason
    assert "gave up after 3 attempts in 1 s" in raised.value.reason
    assert server.hits("/silent.xml") == 3, "not every retry was made"

    server.route("/busy.xml", Reply("", status=503, headers={"Retry-After": "30"}), Reply(rss("x", [])))
    with HttpClient(quick(retries=3, overall_timeout=5, max_retry_after=60)) as client:
        with pytest.raises(FetchFailed) as raised:
            client.get(server.url("/busy.xml"))
    assert raised.value.reason == (
        "HTTP 503 Service Unavailable; not tried again in this run: the server asks to wait 30 s, "
        "longer than the overall_timeout of 5 s"
    )
    assert server.hits("/busy.xml") == 1
    assert HttpSettings().overall_timeout > 3 * HttpSettings().read_timeout, "the defaults' retries still fit"


def test_a_feed_that_hangs_costs_one_timeout_and_its_hosts_other_feeds_are_read_after_it(server):
    """A server that accepted the connection and never answered was asked `retries` more times, a
    read_timeout each: its host's other feeds (one request at a time per host) waited a minute.
    One timeout, said as such; the others are read; the feed is asked again next run."""
    add_subscription(server.url("/hang.xml"))
    server.route("/hang.xml", *[Reply("late", delay=3) for _ in range(3)])
    for n in range(2):
        server.route(f"/s{n}.xml", Reply(rss(f"Section {n}", [item_of(server, n)]), content_type="application/rss+xml"))
        add_subscription(server.url(f"/s{n}.xml"))

    report = fetch(settings=quick(retries=2, per_host=1, workers=1))

    assert server.hits("/hang.xml") == 1
    assert report.new == 2, report.summary()
    (failed,) = report.failed_feeds
    assert failed.url == server.url("/hang.xml") and failed.kind == "timeout"
    assert (
        failed.error
        == "timed out after 0.3 s: the server sent no answer (the read_timeout); will retry on the next run"
    )
    assert failed.retry_at is not None and failed.retry_at <= time.time() + 1  # the next run asks again


def test_a_host_that_times_out_twice_in_a_row_is_left_for_the_next_run(server):
    """A host that hangs on every request cost one timeout per URL, one after another: after two in
    a row (no answer between), its URLs not asked yet are left for the next run, not asked now."""
    paths = [f"/f{n}.xml" for n in range(4)]
    for n, path in enumerate(paths):  # asked in this order, one at a time: the first two hang
        late = Reply("late", delay=3) if n < 2 else Reply(rss("Back", []), content_type="application/rss+xml")
        server.route(path, late)
        add_subscription(server.url(path))

    report = fetch(settings=quick(retries=2, per_host=1, workers=1))

    assert sum(server.hits(path) for path in paths) == 2
    assert sorted(f.kind for f in report.failed_feeds) == ["timeout", "timeout"]
    deferred = report.deferred_feeds
    assert [f.kind for f in deferred] == ["deferred", "deferred"]
    host = server.url("/").split("/")[2]
    said = f"not asked: {host} timed out on 2 requests in a row in this run; will retry on the next run"
    assert {f.error for f in deferred} == {said}
    # Not asked, its host down: a failure of their own (a host that hangs on every feed backs
    # them all off), due again on the next run all the same, and asked then before the feeds
    # that hang, of as many failures: after those they were left unasked again and again,
    # backing off in step with them, never asked.
    assert all(f.failures == 1 and f.retry_at is not None and f.retry_at <= time.time() + 1 for f in deferred)
    again = fetch(settings=quick(retries=2, per_host=1, workers=1))
    assert sorted(f.status for f in again.feeds) == ["failed", "failed", "ok", "ok"]
    assert [server.hits(path) for path in paths] == [2, 2, 1, 1]
    assert {f.url for f in again.feeds if f.status == "ok"} == {f.url for f in deferred}


def test_responses_that_stall_midway_do_not_leave_their_host_alone(server):
    """A host that answers and then stalls is slow, not silent: its other feeds are still asked."""
    released = threading.Event()

    def stall(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        handler.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel>")
        handler.wfile.flush()
        released.wait(5)
        handler.close_connection = True
        raise ConnectionResetError  # the reply is abandoned, as the client has gone

    paths = ["/stall1.xml", "/stall2.xml", "/ok.xml"]
    server.route("/stall1.xml", stall)
    server.route("/stall2.xml", stall)
    server.route("/ok.xml", Reply(rss("Ok", [item_of(server, 1)]), content_type="application/rss+xml"))
    for path in paths:
        add_subscription(server.url(path))
    try:
        report = fetch(settings=quick(retries=2, per_host=1, workers=1))
    finally:
        released.set()

    assert [server.hits(path) for path in paths] == [1, 1, 1]
    assert report.new == 1
    stalled = sorted(f.error or "" for f in report.failed_feeds)
    assert stalled == ["timed out after 0.3 s: the response stalled (the read_timeout); will retry on the next run"] * 2


def test_an_answer_between_two_timeouts_keeps_the_host_asked(server):
    """Only timeouts in a row leave a host alone: one slow feed among answering ones is no host
    that hangs."""
    order = ["/hang1.xml", "/ok1.xml", "/hang2.xml", "/ok2.xml"]
    for n, path in enumerate(order):
        if path.startswith("/hang"):
            server.route(path, Reply("late", delay=3))
        else:
            server.route(path, Reply(rss(f"Ok {n}", [item_of(server, n)]), content_type="application/rss+xml"))
        add_subscription(server.url(path))

    report = fetch(settings=quick(retries=2, per_host=1, workers=1))

    assert [server.hits(path) for path in order] == [1, 1, 1, 1]
    assert report.new == 2 and sorted(f.kind for f in report.failed_feeds) == ["timeout", "timeout"]


def test_a_wait_that_would_pass_the_overall_timeout_is_said_plainly(server):
    """The wait said as "waiting 120 s more would pass 120 s, the overall_timeout" read as a riddle: what the
    server asked (or the next try's pause), and what it is longer than, the overall_timeout or
    what is left of it."""
    server.route("/busy.xml", Reply("", status=429, headers={"Retry-After": "4"}, delay=2))
    server.route("/down.xml", Reply("", status=503))
    reasons = {}
    for path, settings in [
        ("/busy.xml", quick(overall_timeout=5, read_timeout=4)),
        ("/down.xml", quick(overall_timeout=5, backoff=30, max_retry_after=60)),
    ]:
        with HttpClient(settings) as client:
            with pytest.raises(FetchFailed) as raised:
                client.get(server.url(path))
        reasons[path] = raised.value.reason

    # Asked at about 2 s of 5: 4 s more is longer than what is left, not than the 5 s.
    assert re.fullmatch(
        r"HTTP 429 Too Many Requests; not tried again in this run: the server asks to wait 4 s, "
        r"longer than the [23] s left of its overall_timeout of 5 s",
        reasons["/busy.xml"],
    ), reasons["/busy.xml"]
    assert reasons["/down.xml"] == (
        "HTTP 503 Service Unavailable; not tried again in this run: the next try is in 30 s, "
        "longer than the overall_timeout of 5 s"
    )
    busy = FetchFailed("u", "HTTP 429 Too Many Requests", kind="http", retry_after=120, status=429)
    with HttpClient(HttpSettings(overall_timeout=120)) as client:
        assert client._given_up(busy, 0, 120, 119.9).reason.endswith(
            "the server asks to wait 120 s, as long as the overall_timeout of 120 s"
        )
        assert client._given_up(busy, 0, 4.8, 4.6).reason.endswith(
            "the server asks to wait 5 s, longer than the 4 s left of its overall_timeout of 120 s"
        )
        # Rounded alike, both read "5.0 s".
        assert client._given_up(busy, 0, 5.04, 5.0).reason.endswith(
            "the server asks to wait 6 s, longer than the 5 s left of its overall_timeout of 120 s"
        )


def test_the_progress_line_says_each_retry_and_the_wait_as_it_happens(server, isolated_dirs):
    """A feed whose server was slow to answer showed its URL and nothing else for a minute: the
    retries ("try 2 of 2 (HTTP 503 …)") and the seconds waited are said as they come."""
    server.route(
        "/feed.xml",
        Reply("", status=503),
        Reply(feed_of(server), content_type="application/rss+xml", delay=2.6),
    )
    add_subscription(server.url("/feed.xml"))
    said: list[str] = []
    report = fetch(settings=quick(read_timeout=5), progress=lambda done, total, current: said.append(current))
    assert report.new == 1, report.summary()
    url = server.url("/feed.xml")
    assert f"feeds {url}: try 2 of 2 (HTTP 503 Service Unavailable)" in said
    assert f"feeds {url}: waiting 2 s (try 2 of 2)" in said


def test_ctrl_c_while_a_server_is_waited_for_stops_at_once_and_says_what_was_not_fetched(server, isolated_dirs):
    server.route("/feed.xml", Reply("late", delay=30))
    server.route("/other.xml", Reply(feed_of(server, 2), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))
    stop = threading.Event()

    def progress(done, total, current):
        if "waiting" in current:  # the wait is under way and said: the user presses ctrl+c
            stop.set()

    report = fetch(settings=quick(read_timeout=60, overall_timeout=60), progress=progress, cancel=stop.is_set)
    assert report.cancelled and report.stopped_feeds == 1 and report.new == 0
    assert report.summary() == "0 new; stopped before the end: 1 feed not fetched, asked for again on the next run"
    assert report.to_dict()["stopped"] == {"feeds": 1, "pages": 0, "entries": 0}


def test_a_stopped_run_counts_the_pages_it_did_not_fetch():
    report = FetchReport(cancelled=True, stopped_feeds=0, stopped_pages=3)
    assert report.summary().endswith("stopped before the end: 3 pages not fetched, asked for again on the next run")
    both = FetchReport(cancelled=True, stopped_feeds=1, stopped_pages=2, stopped_entries=1)
    assert both.summary().endswith(
        "stopped before the end: 1 feed and 2 pages not fetched, 1 feed entry not stored, asked for again on the next run"
    )
    assert FetchReport(cancelled=True).summary() == "0 new; stopped before the end"


@pytest.mark.parametrize("n", [1, 2])
def test_the_feeds_a_full_disk_left_unread_are_counted_as_one_or_more(n):
    """ "1 feed not reached (the fetch stopped before them; the next fetch asks them)" of one."""
    from reader.fetch.run import FeedResult

    urls = [f"https://a.example/{k}.xml" for k in range(n)]
    feeds = [FeedResult(url, None, "not-reached", not_reached="the fetch stopped before it") for url in urls]
    said = str(FetchReport(feeds=feeds).summary())
    words = ("1 feed", "it", "") if n == 1 else ("2 feeds", "them", " and 1 more")
    assert (
        said
        == f"0 new; {words[0]} not reached (the fetch stopped before {words[1]}; the next fetch asks {words[1]}): {urls[0]}{words[2]}"
    )


def test_a_run_stopped_while_a_feeds_entries_are_stored_calls_them_entries_not_pages(server, isolated_dirs):
    """ctrl+c while the entries of a feed kept from its own text were stored said "2934 pages not
    fetched": no page was to be fetched. They are feed entries not stored, `stopped.entries`."""
    items = [
        {"title": f"Note {n}", "link": server.url(f"/note/{n}"), "description": f"Note {n}: " + "word " * 80}
        for n in range(30)
    ]
    server.route("/notes.xml", Reply(rss("Notes", items), content_type="application/rss+xml"))
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        f"feeds:\n  - url: {server.url('/notes.xml')}\n    articles: false\n", encoding="utf-8"
    )
    stop = threading.Event()

    def progress(done, total, current):
        if current.startswith("entries") and done >= 5:  # storing them: the user presses ctrl+c
            stop.set()

    report = fetch(settings=quick(), progress=progress, cancel=stop.is_set)

    assert report.cancelled and report.stopped_pages == 0 and 0 < report.stopped_entries < 30
    assert report.new + report.stopped_entries == 30
    assert f"{report.stopped_entries} feed entries not stored, asked for again" in report.summary()
    assert "page" not in report.summary()
    assert report.to_dict()["stopped"] == {"feeds": 0, "pages": 0, "entries": report.stopped_entries}


def test_a_run_stopped_while_a_sites_entries_are_stored_asks_again_for_every_feed_left(server, isolated_dirs):
    """A site's entries are stored together, several feeds' in one list: ctrl+c among the first
    feed's entries left only that feed to be read in full next run; the other feed kept its ETag
    and its unstored entries hid behind a 304 for good."""
    feeds = []
    for name in ("one", "two"):
        items = [
            {"title": f"{name} {n}", "link": server.url(f"/{name}/{n}"), "description": f"{name} {n}: " + "word " * 80}
            for n in range(10)
        ]
        xml = rss(name.title(), items)
        server.route(
            f"/{name}.xml", *[Reply(xml, content_type="application/rss+xml", etag=f'"{name}"') for _ in range(4)]
        )
        feeds.append(f"  - url: {server.url(f'/{name}.xml')}\n    articles: false\n")
    (isolated_dirs["config"] / "feeds.yaml").write_text("feeds:\n" + "".join(feeds), encoding="utf-8")
    stop = threading.Event()

    def progress(done, total, current):
        if current.startswith("entries") and done >= 3:  # among the first feed's entries
            stop.set()

    stopped = fetch(settings=quick(), progress=progress, cancel=stop.is_set)
    assert stopped.cancelled and stopped.new < 10 and stopped.new + stopped.stopped_entries == 20

    again = fetch(settings=quick())
    assert stopped.new + again.new == 20, "every entry not stored is stored on the next run"


def test_feed_add_interrupted_says_whether_anything_was_added(capsys, isolated_dirs, monkeypatch):
    """ctrl+c while `feed add` waited for a server said "reader: interrupted" and nothing of
    feeds.yaml: one ran `feed list` to know."""
    from conftest import run_main
    from reader.library import Library

    def waited(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Library, "add_feed", staticmethod(waited))
    code, out, err = run_main(capsys, "feed", "add", "https://a.example/rss")
    assert (code, out, err) == (130, "", "reader: interrupted; nothing was added\n")


def test_a_big_feed_being_parsed_is_said_as_read_not_as_waited_for(server, isolated_dirs, monkeypatch):
    """A feed of megabytes takes seconds to parse after it came: the line says it is being read,
    with the seconds, not that its server is waited for."""
    import time

    from reader.fetch import run

    server.route("/feed.xml", Reply(feed_of(server), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))
    said: list[str] = []
    parsing_said = threading.Event()
    real_parse = run.parse_feed

    def slow_parse(*args, **kwargs):
        deadline = time.monotonic() + 20
        while not parsing_said.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)  # as a parse of 3 MB takes seconds
        return real_parse(*args, **kwargs)

    def progress(done, total, current):
        said.append(current)
        if current.endswith(" s)") and ": reading " in current:
            parsing_said.set()

    monkeypatch.setattr(run, "parse_feed", slow_parse)
    report = fetch(settings=quick(), progress=progress)
    assert report.new == 1 and parsing_said.is_set(), said
    reading = next(n for n, line in enumerate(said) if ": reading " in line)
    assert not [line for line in said[reading:] if "waiting" in line], said


def test_feed_add_of_an_image_says_what_the_server_sent(server, isolated_dirs):
    from reader.fetch import add_feed

    server.route("/logo.xml", Reply(b"\x89PNG\r\n\x1a\n....", content_type="image/png"))
    with pytest.raises(FetchFailed) as raised:
        add_feed(server.url("/logo.xml"))
    assert (raised.value.kind, raised.value.reason) == ("content_type", "unexpected content type image/png")


def test_feed_add_says_the_seconds_a_step_takes_while_it_waits():
    """`feed add` of a server slow to answer showed "fetching URL" for a minute, as if it hung."""
    import time

    from reader.commands.feeds import _Ticking

    class Line:
        enabled = True

        def __init__(self):
            self.drawn: list[str] = []

        def __call__(self, done, total, message=""):
            self.drawn.append(message)

    line = Line()
    steps = _Ticking(line)  # type: ignore[arg-type]
    steps.SHOWN_AFTER = 0.5
    steps("fetching https://slow.example/rss")
    deadline = time.monotonic() + 10
    while not any(m.endswith(" s)") for m in line.drawn) and time.monotonic() < deadline:
        time.sleep(0.05)
    steps.stop()
    assert line.drawn[0] == "fetching https://slow.example/rss"
    assert any(m.startswith("fetching https://slow.example/rss (") and m.endswith(" s)") for m in line.drawn)
    assert steps._thread is not None and not steps._thread.is_alive(), "nothing drawn once stopped"


def test_a_robots_txt_that_times_out_once_is_asked_again_and_its_feeds_count_no_failure(server):
    """One slow answer to a robots.txt kept the site's every feed out for the run, and each feed,
    never asked, counted a failure: after two such runs every feed of the site backed off."""
    paths = [f"/f{n}.xml" for n in range(3)]
    for n, path in enumerate(paths):
        server.route(path, Reply(rss(f"Feed {n}", []), content_type="application/rss+xml"))
        add_subscription(server.url(path))
    late = Reply("late", delay=3)
    server.route("/robots.txt", late, Reply("User-agent: *\nAllow: /\n", content_type="text/plain"))

    report = fetch(settings=quick(per_host=1, workers=1, retries=1))

    assert server.hits("/robots.txt") == 2 and report.failed_feeds == []
    assert all(server.hits(path) == 1 for path in paths)

    # Twice slow in a run, twice over: the feeds are not asked, and stay due with no failure counted.
    server.route("/robots.txt", *[late] * 4, Reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    for _ in range(2):
        forget_robots_txt()
        report = fetch(settings=quick(per_host=1, workers=1, retries=1), force=True)
        # The first said as robots.txt's, the others as its host's two timeouts in a row.
        assert [f.kind for f in report.failed_feeds] == ["robots"]
        assert [f.kind for f in report.deferred_feeds] == ["deferred", "deferred"]  # not asked: no failure
        assert {f.failures for f in report.failed_feeds + report.deferred_feeds} == {0}
    assert all(server.hits(path) == 1 for path in paths)
    assert all((f["status"], f["failures"]) == ("ok", 0) for f in feed_statuses())  # not backed off


def test_a_robots_txt_that_times_out_is_not_asked_twice_with_no_retries(server):
    """`retries: 0` says never ask twice: the robots.txt's second try was made all the same."""
    server.route("/f.xml", Reply(rss("Feed", []), content_type="application/rss+xml"))
    add_subscription(server.url("/f.xml"))
    server.route("/robots.txt", Reply("late", delay=3), Reply("User-agent: *\nAllow: /\n", content_type="text/plain"))

    report = fetch(settings=quick(per_host=1, workers=1, retries=0))

    assert server.hits("/robots.txt") == 1 and [f.kind for f in report.failed_feeds] == ["robots"]
    assert report.failed_feeds[0].failures == 0  # not asked: no failure of its own


def forget_robots_txt() -> None:
    """As if the robots.txt read were older than a day: asked again."""
    path = config.data_dir() / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    state["robots"] = {}
    path.write_text(json.dumps(state), encoding="utf-8")


def test_a_feed_not_asked_keeps_its_last_fetch_and_status_and_says_why_beside_them(server, reader_in_process):
    """A feed its host's timeouts left unasked read "last 21:37 failed: not asked…" in `feed list`,
    and --json gave it a last_fetched, though it was not fetched in that run."""
    paths = [f"/f{n}.xml" for n in range(4)]
    good = Reply(rss("Feed", []), content_type="application/rss+xml")
    for n, path in enumerate(paths):  # the first two hang on the second run
        server.route(path, *([good, Reply("late", delay=3), good] if n < 2 else [good]))
        add_subscription(server.url(path))
    fetch(settings=quick(per_host=1, workers=1))
    before = {f["url"]: f for f in feed_statuses()}

    report = fetch(settings=quick(per_host=1, workers=1), force=True)

    assert sorted(f.kind for f in report.failed_feeds) == ["timeout", "timeout"]
    assert [f.kind for f in report.deferred_feeds] == ["deferred", "deferred"]
    host = server.url("/").split("/")[2]
    for path in paths[2:]:
        status = next(f for f in feed_statuses() if f["url"] == server.url(path))
        assert status["last_fetched"] == before[server.url(path)]["last_fetched"]
        assert (status["status"], status["error"], status["failures"]) == ("ok", None, 1)
        said = f"not asked: {host} timed out on 2 requests in a row in this run; will retry on the next run"
        assert status["not_asked"] == said
    listed = reader_in_process("feed", "list").stdout.splitlines()
    line = next(line for line in listed if line.startswith(server.url(paths[2])))
    assert line.endswith(
        f"  ok; not asked in the last run: {host} timed out on 2 requests in a row in this run; will retry on the next run"
    )
    assert "failed" not in line

    fetch(settings=quick(per_host=1, workers=1), force=True)  # asked again: the note goes
    assert all(f["not_asked"] is None and f["status"] == "ok" for f in feed_statuses())


def test_a_feed_left_unasked_by_its_siblings_503_is_asked_before_that_sibling_the_next_run(server):
    """One section answers 503 (Retry-After) on every run, and the host is left for the rest of the
    run: its other feeds, not asked, count a failure as it does (the fetch's `deferred`), so of as
    many failures the one listed first in feeds.yaml went first on every run, the others never
    asked. Those left unasked go first."""
    busy = Reply("down for maintenance", status=503, headers={"Retry-After": "1"}, content_type="text/plain")
    server.route("/maintenance.xml", busy)
    server.route("/world.xml", Reply(rss("World", []), content_type="application/rss+xml"))
    for path in ("/maintenance.xml", "/world.xml"):
        add_subscription(server.url(path))
    settings = quick(retries=1, per_host=1, workers=1, max_retry_after=5)

    first = fetch(settings=settings)
    assert server.hits("/world.xml") == 0 and [f.kind for f in first.deferred_feeds] == ["deferred"]
    path = config.data_dir() / "fetch-state.json"  # the waits over (as after an hour), not a fixed sleep
    state = json.loads(path.read_text(encoding="utf-8"))
    for feed in state["feeds"].values():
        feed["retry_at"] = feed["server_pause"] = time.time() - 1
    path.write_text(json.dumps(state), encoding="utf-8")
    asked_before = len(server.log)
    fetch(settings=settings)

    asked = [entry[0] for entry in server.log[asked_before:] if entry[0].endswith(".xml")]
    assert asked[0] == "/world.xml" and set(asked[1:]) == {"/maintenance.xml"}, asked
