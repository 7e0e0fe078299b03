"""What `fetch` and `feed add` say when a feed fails (a 404, a 429 with Retry-After), a robots.txt
that never answers, and `fetch --json`'s article entries. Local servers only; short timeouts."""

from __future__ import annotations

import json
import time

import pytest

from http_fixture import Reply, page, quick_settings, rss
from reader.fetch import FetchFailed, fetch, find_feed
from reader.fetch.run import PAGE_ATTEMPTS, not_found_reason, utc_time, when
from reader.fetch.subscriptions import add_subscription


quick = quick_settings


def serve_feed(server) -> None:
    """A feed of one entry at /feed.xml, its page at /a/1."""
    server.route("/a/1", Reply(page("Story", ["A paragraph of the story " + "word " * 80])))
    item = {"title": "Story", "link": server.url("/a/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/feed.xml", Reply(rss("Feed", [item]), content_type="application/rss+xml"))


def test_a_404_feed_says_what_to_do_as_a_410_does(server):
    """ "HTTP 404 Not Found" alone left the user to guess: check the URL, find the moved feed from
    the site's page, or unsubscribe."""
    feed = server.url("/old.xml")
    server.route("/old.xml", Reply("not here", status=404))
    add_subscription(feed)

    report = fetch(settings=quick())

    (failure,) = report.failures
    assert failure.status == 404 and failure.kind == "http"
    assert failure.reason.startswith("HTTP 404 Not Found: check the URL")
    assert "`reader feed add` with the site's page" in failure.reason
    assert failure.reason.endswith(f"unsubscribe with: reader feed remove {feed}")
    # a feed URL with "&" is quoted, so the line runs as pasted (bash sent it to the background)
    assert str(not_found_reason("https://example.com/rss?cat=world&format=xml")).endswith(
        "reader feed remove 'https://example.com/rss?cat=world&format=xml'"
    )


def test_feed_add_of_a_busy_server_says_how_long_it_asked_to_wait(server):
    """A 429 whose Retry-After was within max_retry_after was said as "HTTP 429 Too Many Requests"
    alone: when to try `feed add` again is said, as `fetch` says a longer wait."""
    server.route("/feed.xml", *[Reply("slow down", status=429, headers={"Retry-After": "90"}) for _ in range(3)])

    before = time.time()
    with pytest.raises(FetchFailed) as raised:
        find_feed(server.url("/feed.xml"), settings=quick())
    after = time.time()

    # when, too (it said only how long): the moment 90 s on, as the clock read before or after
    said = {f"HTTP 429 Too Many Requests; asked to wait 90 s; try again after {when(t + 90)}" for t in (before, after)}
    assert raised.value.reason in said
    assert raised.value.retry_after == 90 and raised.value.status == 429 and raised.value.transient


def test_feed_add_of_a_feed_gone_for_good_says_so_and_offers_no_no_check(server, reader_in_process):
    """A 410 was said as "HTTP 410 Gone (--no-check adds it anyway)": a feed the server removed
    for good is not worth adding; where the site's new feed may be found is."""
    server.route("/old.xml", Reply("gone", status=410, content_type="text/plain"))

    done = reader_in_process("feed", "add", server.url("/old.xml"), check=False)

    assert done.returncode == 1 and "--no-check" not in done.stderr
    assert done.stderr == (
        f"reader: cannot add {server.url('/old.xml')}: HTTP 410 Gone: the server says the feed was removed for "
        "good; if the site moved it, `reader feed add` with the site's page finds it\n"
    )


def test_a_robots_txt_that_times_out_keeps_the_site_out_for_this_run_at_once_and_is_asked_next_run(server):
    """RFC 9309: a robots.txt that does not answer means keep out, for now. It was asked `retries`
    more times first, a read_timeout each: a host that hangs held its feeds (and the run) a minute.
    Two timeouts (one small file, tried once more), and the next run asks again."""
    late = Reply("late", delay=2)
    server.route("/robots.txt", late, late, Reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    serve_feed(server)
    add_subscription(server.url("/feed.xml"))

    report = fetch(settings=quick(retries=2))

    (failure,) = report.failures
    assert failure.kind == "robots" and failure.url == server.url("/feed.xml")
    assert (
        failure.reason
        == "could not read the site's robots.txt: timed out after 0.3 s: the server sent no answer (the read_timeout); "
        "tried 2 times"
    )
    assert server.hits("/robots.txt") == 2 and server.hits("/feed.xml") == 0
    assert fetch(settings=quick(retries=2)).new == 1  # the next run reads it, then the feed
    assert server.hits("/robots.txt") == 3 and server.hits("/feed.xml") == 1


@pytest.mark.parametrize("status, words", [(429, "too many requests"), (503, "the server is unavailable")])
def test_a_robots_txt_answering_429_defers_the_site_until_the_wait_it_asked_for(server, status, words):
    """A robots.txt answering 429 was "could not read the site's robots.txt: HTTP 429 Too Many
    Requests", a robots failure asked again on the next run, its Retry-After forgotten. It is no
    4xx that means "no rules" either (RFC 9309): the feed is deferred, not asked, until the wait
    the server asked for is over, and the reason says when."""
    server.route("/robots.txt", Reply("slow down", status=status, headers={"Retry-After": "3600"}))
    serve_feed(server)
    add_subscription(server.url("/feed.xml"))

    before = time.time()
    report = fetch(settings=quick(retries=2))
    after = time.time()

    (failure,) = report.failures
    (result,) = report.feeds
    host = server.url("/").split("/")[2]
    assert failure.kind == "deferred" and failure.status is None and result.status == "failed"
    assert failure.reason == f"robots.txt of {host}: {words}; will retry after {when(result.retry_at)}"
    assert before + 3600 <= result.retry_at <= after + 3600  # the wait it asked for, from when it was asked
    assert server.hits("/robots.txt") == 1 and server.hits("/feed.xml") == 0
    assert fetch(settings=quick()).nothing_due  # not asked before then
    assert server.hits("/robots.txt") == 1


def test_a_robots_txt_answering_429_is_asked_again_after_its_retry_after_then_read(server):
    server.route(
        "/robots.txt",
        *[Reply("slow down", status=429, headers={"Retry-After": "0"}) for _ in range(2)],
        Reply("User-agent: *\nAllow: /\n", content_type="text/plain"),
    )
    serve_feed(server)
    add_subscription(server.url("/feed.xml"))

    report = fetch(settings=quick(retries=2))

    assert report.failures == [] and report.new == 1
    assert server.hits("/robots.txt") == 3 and server.hits("/feed.xml") == 1


def test_a_feed_not_asked_because_its_host_asked_to_wait_says_when_it_is_asked_again(server, reader_in_process):
    """ "not asked: the host asked to wait 3600 s" said how long from some moment, not when the feed
    is asked again, and its retry_at was the next run's: it says "will retry after HH:MM" as a
    robots.txt's deferral does, and `retry_at` (--json) is then, the wait it asked for."""
    for path in ("/one.xml", "/two.xml"):
        server.route(path, Reply("no", status=429, headers={"Retry-After": "3600"}))
        add_subscription(server.url(path))

    before = time.time()
    report = fetch(settings=quick(retries=1, max_retry_after=2, workers=1))
    after = time.time()

    deferred = [result for result in report.feeds if result.kind == "deferred"]
    (result,) = deferred
    assert result.error == f"not asked: the host asked to wait 3600 s; will retry after {when(result.retry_at)}"
    assert before + 3600 <= result.retry_at <= after + 3600
    assert server.hits("/one.xml") + server.hits("/two.xml") == 1
    listed = {feed["url"]: feed for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)}
    assert listed[result.url]["retry_at"] == utc_time(result.retry_at)
    assert fetch(settings=quick()).nothing_due  # not asked before then


def test_a_page_whose_robots_txt_answers_429_is_deferred_not_counted_as_a_failed_run(server):
    """The article on a second origin (localhost) whose robots.txt still answers 429: the page is
    not asked, nor kept from the feed's text, nor counted towards PAGE_ATTEMPTS (it was not
    asked: five such runs made it gone); it is asked once the host lets it."""
    serve_feed(server)
    feed = server.url("/feed.xml")
    link = server.url("/a/1").replace("127.0.0.1", "localhost")
    item = {"title": "Story", "link": link, "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/feed.xml", Reply(rss("Feed", [item]), content_type="application/rss+xml"))
    busy = Reply("slow down", status=429)  # no Retry-After: asked again on the next run
    add_subscription(feed)
    robots = {"localhost": busy}

    def robots_txt(handler) -> Reply:
        return robots.get(handler.headers["Host"].split(":")[0], Reply("", status=404))

    server.route("/robots.txt", robots_txt)
    for _run in range(PAGE_ATTEMPTS + 1):
        report = fetch(settings=quick(), force=True)
        (failure,) = report.failures
        assert failure.url == link and failure.kind == "deferred"
        assert failure.reason.endswith("too many requests; will retry on the next run")
    assert server.hits("/a/1") == 0 and report.new == 0

    robots["localhost"] = Reply("", status=404)
    assert fetch(settings=quick(), force=True).new == 1 and server.hits("/a/1") == 1


def test_fetch_json_articles_have_the_keys_of_list_json_in_its_order(server, reader_in_process, isolated_dirs):
    """`fetch --json` named its articles' keys as `list --json` does, in another order and without
    date, story and author: a script had to read them two ways. Same keys, same order (story null:
    it is known once indexed), then the version's own."""
    feeds = isolated_dirs["config"] / "feeds.yaml"
    feeds.write_text("settings:\n  host_delay: 0\n  retries: 0\n", encoding="utf-8")
    story = page("Story", ["A paragraph of the story " + "word " * 80], date="2025-10-21")
    server.route("/a/1", Reply(story.replace("<title>", '<meta name="author" content="Ann Writer"><title>')))
    item = {"title": "Story", "link": server.url("/a/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/feed.xml", Reply(rss("Feed", [item]), content_type="application/rss+xml"))
    reader_in_process("feed", "add", server.url("/feed.xml"), "--no-check")

    (fetched,) = json.loads(reader_in_process("fetch", "--json").stdout)["articles"]
    listed = {a["id"]: a for a in json.loads(reader_in_process("list", "--json").stdout)}

    (same,) = [a for a in listed.values() if a["url"] == fetched["url"]]
    # list's keys end with the versions' too (`previous_missing` known once indexed), then the
    # user's marks (`read`, `starred`, `updated`), which a fetch does not read
    once_listed = ("previous_missing", "read", "starred", "updated")
    # (a fetch says `updated` too, of the reader's marks: true when an older version was read)
    assert [key for key in fetched if key != "updated"] == [key for key in same if key not in once_listed]
    assert "updated" in fetched
    assert (same["version"], same["previous"], same["replaced_by"]) == (1, None, None)
    assert fetched["date"] == "2025-10-21" and fetched["author"] == "Ann Writer" and fetched["story"] is None
    assert fetched["time"] == "2025-10-21T10:00:00Z"  # the entry's moment, as list gives it
    assert {key: fetched[key] for key in fetched if key != "story"} == {
        key: same[key] for key in fetched if key != "story"
    }


@pytest.mark.parametrize("status, words", [(429, "too many requests"), (503, "the server is unavailable")])
def test_feed_add_of_a_site_whose_robots_txt_answers_429_says_when_to_try_again(
    server, reader_in_process, status, words
):
    """ "cannot add URL: robots.txt of HOST: too many requests" said nothing of when to try again,
    though the server said (Retry-After): the time, as `fetch` says when it will retry; exit 1."""
    server.route("/robots.txt", Reply("slow down", status=status, headers={"Retry-After": "3600"}))
    serve_feed(server)
    url, host = server.url("/feed.xml"), server.url("/").split("/")[2]

    before = time.time()
    added = reader_in_process("feed", "add", url, check=False)
    after = time.time()

    assert added.returncode == 1 and added.stdout == ""
    said = {f"robots.txt of {host}: {words}; try again after {when(at + 3600)}" for at in (before, after)}
    assert any(f"cannot add {url}: {reason} (--no-check adds it anyway)" in added.stderr for reason in said)
    assert server.hits("/feed.xml") == 0
    failed = json.loads(reader_in_process("feed", "add", url, "--json", check=False).stdout)["failed"]
    assert failed[0]["kind"] == "deferred" and failed[0]["reason"].startswith(f"robots.txt of {host}: {words}; try")


def test_feed_add_of_a_site_whose_robots_txt_answers_429_without_a_wait_says_no_time():
    from reader.fetch.run import try_again_said

    assert try_again_said("robots.txt of h: too many requests", "deferred", 0.0) == "robots.txt of h: too many requests"
    assert try_again_said("HTTP 503 Service Unavailable", "http", None) == "HTTP 503 Service Unavailable"
    # a failure whose server asked to wait (a 429's Retry-After) says when, as a deferral does
    assert try_again_said("HTTP 429 Too Many Requests", "http", 60.0, now=0).startswith(
        "HTTP 429 Too Many Requests; try again after 1970-01-0"
    )
    # Honoured up to a day, as the fetch run honours a Retry-After (it said a year ahead).
    assert try_again_said("x", "deferred", 1e23, now=0).startswith("x; try again after 1970-01-0")
    assert try_again_said("x", "deferred", 1e23, now=0).endswith(" (reader waits 24 h at most)")
    assert not try_again_said("x", "deferred", 3600, now=0).endswith("at most)")


def test_a_feed_not_asked_because_its_host_asked_to_wait_is_not_counted_among_the_failed(server):
    for path in ("/one.xml", "/two.xml"):
        server.route(path, Reply("no", status=429, headers={"Retry-After": "3600"}))
        add_subscription(server.url(path))

    report = fetch(settings=quick(retries=1, max_retry_after=2, workers=1))

    (asked,) = report.failed_feeds
    (deferred,) = report.deferred_feeds
    assert asked.kind == "http" and deferred.kind == "deferred"
    summary = str(report.summary())
    assert f"1 feed failed: {asked.url}: HTTP 429 Too Many Requests" in summary
    assert f"1 feed not asked: {deferred.url}: the host asked to wait 3600 s; will retry after " in summary
    assert "2 feeds failed" not in summary and "page failed" not in summary


def test_a_page_that_fails_names_its_feed_and_a_link_that_is_no_web_address_is_said_once(server):
    """ "failed javascript:alert(1): not an http(s) URL: javascript:alert(1)" said the link twice and
    not which feed listed it: each page's line names its feed, and the link once."""
    feed = server.url("/feed.xml")
    items = [
        {"title": "Script", "link": "javascript:alert(1)"},
        {"title": "Inline", "link": "data:text/html,<p>hi</p>"},
        {"title": "Gone", "link": server.url("/gone.html")},
    ]
    server.route("/feed.xml", Reply(rss("Feed", items), content_type="application/rss+xml"))
    add_subscription(feed)

    report = fetch(settings=quick())

    assert sorted(f"failed {failure.named}: {failure.reason}" for failure in report.failures) == [
        f"failed data:text/html,<p>hi</p> (an entry of {feed}): not an http(s) URL (a data: link)",
        f"failed {server.url('/gone.html')} (an entry of {feed}): HTTP 404 Not Found",
        f"failed javascript:alert(1) (an entry of {feed}): not an http(s) URL (a javascript: link)",
    ]
    assert {failed["feed"] for failed in report.to_dict()["failed"]} == {feed}


def test_a_feed_that_fails_is_named_alone(server):
    server.route("/feed.xml", Reply("<!doctype html><html><body><p>hello</p></body></html>"))
    add_subscription(server.url("/feed.xml"))

    (failure,) = fetch(settings=quick()).failures

    assert (failure.named, failure.feed) == (server.url("/feed.xml"), None)
    assert failure.reason.startswith("a web page, not a feed that names none")


@pytest.mark.parametrize(
    ("items", "reason"),
    [
        (
            [{"title": "A line"}, {"title": "Another", "description": "Too short to keep."}],
            "none of its 2 entries links to an article or carries enough text to keep (at least 12 words)",
        ),
        (
            [{"title": "A line", "description": "Too short to keep."}],
            "its one entry neither links to an article nor carries enough text to keep (at least 12 words)",
        ),
    ],
)
def test_a_feed_whose_entries_give_nothing_to_keep_says_how_many_and_what_they_lack(server, items, reason):
    """ "no entry of the feed links to an article or carries its text" was said of entries that
    carried some text, too little to keep."""
    server.route("/feed.xml", Reply(rss("Feed", items), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))

    (failure,) = fetch(settings=quick()).failures

    assert (failure.kind, failure.reason) == ("not_a_feed", reason)


def test_feed_add_of_an_empty_response_says_it_is_empty_as_fetch_does(server):
    """It said "neither a feed nor a page that names one (no <link rel="alternate"> …)" of nothing."""
    server.route("/feed.xml", Reply(b"", content_type="application/rss+xml"))

    with pytest.raises(FetchFailed) as raised:
        find_feed(server.url("/feed.xml"), settings=quick())

    assert (raised.value.kind, raised.value.reason) == ("not_a_feed", "the server sent an empty response, not a feed")


def test_an_entry_kept_from_its_text_whose_link_is_no_web_address_stores_no_url(server):
    """Its javascript: link was written as the article's `url:` (and `reader list` gave it)."""
    from reader import config

    text = "The council met on Tuesday to agree the budget for the railway and the harbour. " * 3
    items = [{"title": "Script", "link": "javascript:void(0)", "description": text}]
    server.route("/feed.xml", Reply(rss("Feed", items), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))

    report = fetch(settings=quick())

    assert report.new == 1 and report.from_feed == 1
    [stored] = config.fetched_corpus_dir().rglob("*.md")
    front = stored.read_text(encoding="utf-8").split("---")[1]
    assert "url:" not in front and "javascript" not in front


def test_feed_list_says_a_last_fetch_today_by_its_time_as_the_retry_on_its_line_is_said(isolated_dirs, capsys):
    """`feed list` gave today's last fetch with its date ("last 2025-10-21 10:00") and the retry on
    the same line without ("will retry after 16:00"), as every other message of the fetch says a
    moment today; another day's keeps its date."""
    from conftest import run_main
    from reader.fetch.store import ArticleStore

    today_noon = time.mktime(time.localtime()[:3] + (12, 0, 0, 0, 0, -1))
    year_ago = today_noon - 400 * 86_400
    urls = ["https://a.example/rss", "https://b.example/rss"]
    for url in urls:
        add_subscription(url)
    store = ArticleStore()
    store.lock()
    try:
        store.feed_state(urls[0]).update(fetched_at=today_noon, status="ok")
        store.feed_state(urls[1]).update(fetched_at=year_ago, status="ok")
        store.save_state()
    finally:
        store.unlock()

    code, out, _err = run_main(capsys, "feed", "list")

    assert code == 0
    lines = out.splitlines()
    assert "  last 12:00  ok" in lines[0] and when(today_noon) == "12:00"
    assert f"  last {time.strftime('%Y-%m-%d', time.localtime(year_ago))} 12:00  ok" in lines[1]


def test_feed_list_and_feed_add_say_a_feed_gone_410_is_not_asked_any_more(server, reader_in_process):
    """`feed list` says a 410 feed is not asked again and how to ask it, `--json` when it went
    (gone_since), and `feed add` of it, which says "already subscribed", says so too."""
    from http_fixture import FAST_SETTINGS
    from reader.fetch.run import gone_reason
    from reader.fetch.subscriptions import feeds_path

    feed = server.url("/gone.xml")
    server.route("/gone.xml", Reply("gone", status=410, content_type="text/plain"))
    reader_in_process("feed", "add", "--no-check", feed)
    feeds_path().write_text(feeds_path().read_text(encoding="utf-8") + FAST_SETTINGS, encoding="utf-8")
    assert reader_in_process("fetch", check=False).returncode == 1  # said, once

    assert reader_in_process("fetch", "--all").returncode == 0 and server.hits("/gone.xml") == 1
    listed = reader_in_process("feed", "list").stdout
    assert f"failed: {gone_reason(feed)}" in listed
    (entry,) = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert entry["gone_since"].endswith("+00:00") and entry["retry_at"] is None
    again = reader_in_process("feed", "add", feed).stdout
    assert again == (
        f"already subscribed to {feed} (nothing changed)\n"
        f"it answered 410 Gone (removed for good) and is not asked any more; `reader fetch {feed}` asks it again\n"
    )
    # --json says it as feed list does (it lacked it: a script adding its feeds could not tell)
    said = json.loads(reader_in_process("feed", "add", feed, "--json").stdout)
    assert (said["already"], said["gone_since"]) == (True, entry["gone_since"])
    assert reader_in_process("fetch", feed, check=False).returncode == 1 and server.hits("/gone.xml") == 2


def test_the_summary_of_several_feeds_not_asked_says_the_url_it_names_is_the_first_of_them():
    """ "3 feeds not asked: URL: why" read as if the three were that one URL: the summary says
    where each is said (the CLI's lines below it; the app's list of subscriptions) and that the
    URL is the first of them; one feed not asked is named as before."""
    from reader.fetch.run import FeedResult, FetchReport
    from reader.tui.fetching import summary_line

    def not_asked(path: str) -> FeedResult:
        why = "not asked: example.com:443 refused a connection earlier in this run"
        return FeedResult(f"https://example.com/{path}", None, "failed", error=why, kind="deferred")

    report = FetchReport(feeds=[not_asked("a.xml"), not_asked("b.xml"), not_asked("c.xml")])
    said = str(report.summary())
    assert "3 feeds not asked (each said below), the first https://example.com/a.xml: example.com:443 refused" in said
    app = summary_line(report, "R")
    assert (
        "3 feeds not asked (each marked ! in the list of subscriptions), the first https://example.com/a.xml: " in app
    )
    one = str(FetchReport(feeds=[not_asked("a.xml")]).summary())
    assert "1 feed not asked: https://example.com/a.xml: example.com:443 refused" in one


def test_feeds_held_by_their_servers_retry_after_are_said_in_a_line_that_fits_80_columns():
    """A run without --all said "2 failing feeds skipped until 18:46 at the earliest (their server
    asked to wait: Retry-After, which reader honours even when asked for them)": past the app's
    one-line status at 80 columns. Said shorter, apart from the feeds reader's own backoff skips."""
    from reader.fetch.run import FeedResult, FetchReport
    from reader.tui.fetching import summary_line

    later = time.time() + 3600

    def waiting(path: str, server_wait: bool) -> FeedResult:
        feed = FeedResult(f"https://example.com/{path}", None, "not-due", failures=1, retry_at=later)
        feed.server_wait = server_wait
        return feed

    held = FetchReport(feeds=[waiting("a.xml", True), waiting("b.xml", True), FeedResult("https://x/", None, "ok")])
    line = summary_line(held, "R")
    assert line == f"0 new; 2 feeds held till {when(later)} or later by their server's Retry-After"
    assert len(line) <= 80
    one = FetchReport(feeds=[waiting("a.xml", True), waiting("b.xml", False), FeedResult("https://x/", None, "ok")])
    assert str(one.summary()) == (
        f"0 new; 1 failing feed skipped until {when(later)} (--all or its URL tries now); "
        f"1 feed held till {when(later)} by its server's Retry-After"
    )
