"""A fetch stopped (ctrl+c, the app's R) keeps a page whose body came whole and names the page it
cut off as it came; the progress line counts the pages asked while feeds are still read. Local
servers only."""

from __future__ import annotations

import threading

from http_fixture import LocalServer, Reply, page, quick_settings, rss, trickle
from reader.fetch import fetch
from reader.fetch.subscriptions import add_subscription

DATE = "Tue, 21 Oct 2025 10:00:00 GMT"


def feed_linking(server, *paths: str) -> str:
    return rss("Feed", [{"title": f"Story {p}", "link": server.url(p), "pubDate": DATE} for p in paths])


def story(n: int) -> Reply:
    return Reply(page(f"Story {n}", [f"Paragraph {n} " + "word " * 80]))


def test_a_page_whose_body_came_whole_is_kept_when_the_fetch_stops(server, isolated_dirs):
    """The stop came as the page's last bytes did: it was dropped and asked again next run."""
    stop = threading.Event()

    def whole_then_stop(handler) -> None:
        handler._send(story(1))
        handler.wfile.flush()
        stop.set()  # the user stops the fetch: the page's body is in the client's hands
        raise ConnectionResetError  # (the server ignores it)

    server.route("/a/1", whole_then_stop)
    server.route("/feed.xml", Reply(feed_linking(server, "/a/1"), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))
    report = fetch(settings=quick_settings(read_timeout=5), cancel=stop.is_set)
    # (Not report.cancelled: on a busy machine the page is stored and the run over before the
    # loop looks at the stop, which is as right; the test failed 1 run in 3 of the fetch files.)
    assert [a.url for a in report.articles] == [server.url("/a/1")], report.summary()
    assert report.stopped_pages == 0 and report.stopped_arriving == []


def test_a_page_cut_off_as_it_came_is_named_in_the_summary(server, isolated_dirs):
    stop = threading.Event()
    server.route("/a/1", story(1))
    server.route("/a/2", trickle(on_first_bytes=stop.set, content_type="text/html"))
    server.route("/feed.xml", Reply(feed_linking(server, "/a/1", "/a/2"), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))
    report = fetch(settings=quick_settings(read_timeout=5, workers=1), cancel=stop.is_set)
    assert report.cancelled and report.new == 1  # /a/1, the newest first (same date: the feed's order)
    assert report.stopped_arriving == [server.url("/a/2")]
    assert report.summary().endswith(
        f"stopped before the end: 1 page not fetched (1 cut off as it came: {server.url('/a/2')}), "
        "asked for again on the next run"
    )


def test_pages_are_counted_while_a_feed_is_still_read(server, isolated_dirs):
    """The pages of a feed read were asked while another feed was waited for, and the line said
    "1/2 feeds" and nothing of them."""
    counted_both = threading.Event()

    def slow_feed(handler) -> Reply:  # answers once the line counted both pages (or 15 s pass)
        counted_both.wait(15)
        return Reply(rss("Slow", []), content_type="application/rss+xml")

    def progress(done: int, total: int, text: str) -> None:
        said.append((done, total, text))
        if text.startswith("feeds (2/2 pages)"):
            counted_both.set()

    slow = LocalServer().start()  # another host: its feed does not hold the pages' host
    said: list[tuple[int, int, str]] = []
    try:
        slow.route("/robots.txt", Reply("", status=404, content_type="text/plain"))
        slow.route("/feed.xml", slow_feed)
        server.route("/a/1", story(1))
        server.route("/a/2", story(2))
        server.route("/feed.xml", Reply(feed_linking(server, "/a/1", "/a/2"), content_type="application/rss+xml"))
        add_subscription(slow.url("/feed.xml"))
        add_subscription(server.url("/feed.xml"))
        report = fetch(settings=quick_settings(read_timeout=30, total_timeout=30), progress=progress)
    finally:
        slow.stop()
    assert report.new == 2, report.summary()
    assert any(total == 2 and done == 1 and text.startswith("feeds (2/2 pages)") for done, total, text in said), said


def test_a_stop_waits_a_bounded_while_for_a_page_whose_parse_hangs(server, isolated_dirs, monkeypatch):
    """A hostile 10 MB page parses for a minute: the stop waited up to 30 s for it, ctrl+c seeming
    to do nothing. It waits STOP_GRACE at most, says why meanwhile, and the page is asked again next
    run without being named as cut off as it came (it came whole)."""
    import reader.fetch.run as run

    stop, parsing, release = threading.Event(), threading.Event(), threading.Event()
    real_parse = run.parse_html

    def hanging_parse(*args, **kwargs):
        parsing.set()
        release.wait(60)  # (released once the run ended, below)
        return real_parse(*args, **kwargs)

    def whole_then_stop(handler) -> None:
        handler._send(story(1))
        handler.wfile.flush()
        stop.set()
        raise ConnectionResetError

    monkeypatch.setattr(run, "parse_html", hanging_parse)
    monkeypatch.setattr(run, "STOP_GRACE", 0.5)
    server.route("/a/1", whole_then_stop)
    server.route("/feed.xml", Reply(feed_linking(server, "/a/1"), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))
    said: list[str] = []
    try:
        report = fetch(
            settings=quick_settings(read_timeout=5), cancel=stop.is_set, progress=lambda d, t, text: said.append(text)
        )
        assert not release.is_set() and parsing.is_set()  # the run ended with the parse still hanging
    finally:
        release.set()
    assert report.cancelled and report.articles == []
    assert report.stopped_pages == 1 and report.stopped_arriving == []
    assert "stopping: storing 1 page that came whole (ctrl+c again quits at once)" in said
