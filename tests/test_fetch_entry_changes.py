"""Whether a feed entry seen before changed: its stamp (updated, else published) and, since a CMS
often keeps an edited item's pubDate, its own title and text (a digest of them in
fetch-state.json). A changed entry's page is asked with the validators of the page kept
(If-None-Match, If-Modified-Since): an unchanged page costs a 304. Against a real HTTP server on
127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import time

import pytest

from http_fixture import Reply, page, rss
from http_fixture import quick_settings as fixture_settings
from reader import config
from reader.fetch import fetch
from reader.fetch.run import utc_time
from reader.fetch.subscriptions import add_subscription
from reader.wording import local_time
from test_fetch import text_of


def quick_settings(**overrides):
    """http_fixture's settings (no retries, no host delay) with timeouts no loaded machine reaches:
    these tests count the pages asked, and a page that took more than its 0.3 s read limit under
    load failed for now and was (rightly) asked again at the next run, one request too many."""
    return fixture_settings(**{"connect_timeout": 30, "read_timeout": 30, "total_timeout": 60, **overrides})


def _fetched(**overrides):
    """fetch(force=True) that reached every page it asked for (a failure would be asked again)."""
    report = fetch(settings=quick_settings(**overrides), force=True)
    assert report.failures == [], report.failures
    return report


STAMP = "Tue, 21 Oct 2025 10:00:00 GMT"  # the pubDate the CMS never moves
TITLE = "Harbour budget passes"


def _serve(server, description: str, text: list[str], etag: str | None = None) -> None:
    item = {"title": TITLE, "link": server.url("/news/1"), "pubDate": STAMP, "description": description}
    server.route("/feed.xml", Reply(rss("Harbour News", [item]), content_type="application/rss+xml"))
    server.route("/news/1", Reply(page(TITLE, text), etag=etag))


def _state() -> dict:
    return json.loads(config.data_dir().joinpath("fetch-state.json").read_text(encoding="utf-8"))


def test_an_entry_whose_text_changed_under_the_same_pubdate_is_fetched_again_as_a_new_version(server):
    _serve(server, "The council met.", text_of(1))
    add_subscription(server.url("/feed.xml"))
    assert fetch(settings=quick_settings()).new == 1
    _serve(server, "The council met and passed the budget.", [*text_of(1), "Update: it passed eight to three."])

    report = fetch(settings=quick_settings(), force=True)

    assert (report.updated, [a.version for a in report.articles]) == (1, [2])
    # Handled: the same entry again asks nothing more.
    asked = len(server.requests("/news/1"))
    assert fetch(settings=quick_settings(), force=True).updated == 0
    assert len(server.requests("/news/1")) == asked


def test_an_entry_whose_text_changed_over_an_unchanged_page_costs_a_304_and_no_version(server):
    _serve(server, "The council met.", text_of(1), etag='"p1"')
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    _serve(server, "The council met. 12 comments.", text_of(1), etag='"p1"')

    report = fetch(settings=quick_settings(), force=True)

    assert (report.new, report.updated, report.failures) == (0, 0, [])
    assert server.requests("/news/1")[-1].get("If-None-Match") == '"p1"'
    asked = len(server.requests("/news/1"))
    fetch(settings=quick_settings(), force=True)
    assert len(server.requests("/news/1")) == asked  # the new text noted: not asked again


def test_an_entry_unchanged_in_the_feed_is_not_asked_again(server):
    _serve(server, "The council met.", text_of(1))
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    asked = len(server.requests("/news/1"))
    assert fetch(settings=quick_settings(), force=True).updated == 0
    assert len(server.requests("/news/1")) == asked


def test_a_state_an_older_reader_wrote_without_entry_digests_asks_nothing_again_then_sees_an_edit(server):
    """A fetch-state.json of layout 1 as written before entries' texts were noted: its records
    have no digest. Its first run notes them (no page asked: nothing says the entry changed), and
    the state stays one an older reader reads (version 1); the next edit is seen."""
    _serve(server, "The council met.", text_of(1))
    feed = server.url("/feed.xml")
    add_subscription(feed)
    fetch(settings=quick_settings())
    path = config.data_dir() / "fetch-state.json"
    [page_url] = [u for u, r in _state()["urls"].items() if "id" in r]
    record = _state()["urls"][page_url]
    old = {
        "version": 1,
        "feeds": _state()["feeds"],
        "urls": {page_url: {k: record[k] for k in ("id", "hash", "version", "stamp", "feed")}},
        "hashes": {record["hash"]: page_url},
        "robots": {},
        "retries": {},
    }
    path.write_text(json.dumps(old), encoding="utf-8")
    asked = len(server.requests("/news/1"))

    assert fetch(settings=quick_settings(), force=True).updated == 0
    assert len(server.requests("/news/1")) == asked
    written = _state()
    assert written["version"] == 1 and written["urls"][page_url]["digest"]

    _serve(server, "The council met and passed the budget.", [*text_of(1), "Update: it passed eight to three."])
    assert fetch(settings=quick_settings(), force=True).updated == 1


def test_a_feed_whose_entries_texts_change_at_every_read_over_unchanged_pages_stops_asking_for_them(server):
    """A count of points or comments written into each entry's text (as some aggregators' feeds
    do) changes it at every read: its page, unchanged, was asked again each run. After
    IDLE_EDITS_TRUSTED such changes in a row its texts tell no change; its stamps still do."""
    from reader.fetch.store import IDLE_EDITS_TRUSTED

    _serve(server, "The council met. Points: 10", text_of(1), etag='"p1"')
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    asked = []
    for points in range(11, 11 + IDLE_EDITS_TRUSTED + 2):
        _serve(server, f"The council met. Points: {points}", text_of(1), etag='"p1"')
        before = len(server.requests("/news/1"))
        assert fetch(settings=quick_settings(), force=True).updated == 0
        asked.append(len(server.requests("/news/1")) - before)

    assert asked == [1] * IDLE_EDITS_TRUSTED + [0, 0]
    # Its stamp moving is a change all the same, and its new page a new version.
    item = {"title": TITLE, "link": server.url("/news/1"), "pubDate": "Wed, 22 Oct 2025 10:00:00 GMT"}
    server.route("/feed.xml", Reply(rss("Harbour News", [item]), content_type="application/rss+xml"))
    server.route("/news/1", Reply(page(TITLE, [*text_of(1), "Update: it passed eight to three."])))
    assert fetch(settings=quick_settings(), force=True).updated == 1


def test_a_page_kept_again_unchanged_counts_as_an_idle_edit_and_an_edit_that_makes_a_version_starts_afresh(server):
    _serve(server, "The council met.", text_of(1))  # no validators: the page comes whole, unchanged
    feed = server.url("/feed.xml")
    add_subscription(feed)
    fetch(settings=quick_settings())
    _serve(server, "The council met. 3 comments.", text_of(1))
    fetch(settings=quick_settings(), force=True)
    assert _state()["feeds"][feed]["idle_edits"] == 1

    _serve(server, "The council met and passed the budget.", [*text_of(1), "Update: it passed eight to three."])
    assert fetch(settings=quick_settings(), force=True).updated == 1
    assert "idle_edits" not in _state()["feeds"][feed]


def test_two_feeds_giving_one_entry_in_their_own_words_ask_nothing_again_and_each_sees_its_own_edit(server):
    """Each feed's digest is its own: the same article under two titles and texts is no change
    from one feed to the other (the page asked again at every run), and kept so on disk."""
    link = server.url("/news/1")
    server.route("/news/1", Reply(page(TITLE, text_of(1))))

    def serve(first: str, second: str) -> None:
        for path, title, text in (("/a.xml", TITLE, first), ("/b.xml", f"{TITLE} | Wire", second)):
            item = {"title": title, "link": link, "pubDate": STAMP, "description": text}
            server.route(path, Reply(rss("Feed", [item]), content_type="application/rss+xml"))

    serve("The council met.", "Councillors met on Tuesday night.")
    add_subscription(server.url("/a.xml"))
    add_subscription(server.url("/b.xml"))
    fetch(settings=quick_settings())
    asked = len(server.requests("/news/1"))
    for _run in range(2):
        fetch(settings=quick_settings(), force=True)
    assert len(server.requests("/news/1")) == asked
    [record] = [r for r in _state()["urls"].values() if "id" in r]
    assert set(record["digests"]) == {server.url("/a.xml"), server.url("/b.xml")}

    serve("The council met.", "Councillors met on Tuesday night and passed the budget.")
    fetch(settings=quick_settings(), force=True)
    assert len(server.requests("/news/1")) == asked + 1


def test_an_entry_whose_markup_alone_changed_is_not_asked_again(server):
    """The digest is of the entry's text as read, not of its markup: a tracking parameter on a
    link, a feed pixel, other tags or white space change no word, and ask for no page."""
    _serve(server, '<p>The council <a href="https://ex.example/c?utm_source=rss&amp;t=1">met</a>.</p>', text_of(1))
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    asked = len(server.requests("/news/1"))
    pixel = '<img src="https://feeds.example/~r/x/~4/Zq9?ts=1761040800" width="1" height="1"/>'
    for markup in (
        '<p>The council <a href="https://ex.example/c?utm_source=rss&amp;t=2">met</a>.</p>',
        f"<div><p>The  council\n  <b>met</b>.</p></div>{pixel}",
    ):
        _serve(server, markup, text_of(1))
        assert fetch(settings=quick_settings(), force=True).updated == 0
    assert len(server.requests("/news/1")) == asked


def _serve_stories(server, descriptions: list[str]) -> None:
    """A feed of one entry per description, their pages unchanged (each with its ETag)."""
    items = []
    for n, description in enumerate(descriptions, start=1):
        server.route(f"/news/{n}", Reply(page(f"Story {n}", text_of(n)), etag=f'"p{n}"'))
        link = server.url(f"/news/{n}")
        items.append({"title": f"Story {n}", "link": link, "pubDate": STAMP, "description": description})
    server.route("/feed.xml", Reply(rss("Harbour News", items), content_type="application/rss+xml"))


def _pages_asked(server, count: int) -> int:
    return sum(len(server.requests(f"/news/{n}")) for n in range(1, count + 1))


def _judged_by_dates(server, feed: str) -> None:
    """The feed's text changes proved idle IDLE_EDITS_TRUSTED times in a row: judged by its dates."""
    from reader.fetch.store import IDLE_EDITS_TRUSTED, judged_by_dates

    _serve(server, "The council met. Points: 10", text_of(1), etag='"p1"')
    add_subscription(feed)
    fetch(settings=quick_settings())
    for points in range(11, 11 + IDLE_EDITS_TRUSTED):
        _serve(server, f"The council met. Points: {points}", text_of(1), etag='"p1"')
        fetch(settings=quick_settings(), force=True)
    assert judged_by_dates(_state()["feeds"][feed])


def _read_till_judged_by_dates(feed: str, serve) -> int:
    """Subscribed to `feed`, which `serve(points)` serves with counts in its entries' texts, and
    read till those idle changes judge it by its dates: the next count to serve."""
    from reader.fetch.store import judged_by_dates

    serve(10)
    add_subscription(feed)
    fetch(settings=quick_settings())
    points = 20
    while not judged_by_dates(_state()["feeds"][feed]):
        serve(points)
        fetch(settings=quick_settings(), force=True)
        points += 10
    return points


def _age_the_judgement(days: float) -> None:
    """The feed came to be judged by its dates `days` ago (its fetch state, as a later run reads it)."""
    path = config.data_dir() / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    for feed_state in state["feeds"].values():
        feed_state["idle_since"] -= days * 86400
    path.write_text(json.dumps(state), encoding="utf-8")


def test_a_feed_judged_by_its_dates_asks_one_changed_text_again_a_week_later_and_stays_so_if_idle(server):
    from reader.fetch.store import IDLE_RECHECK_DAYS

    feed = server.url("/feed.xml")
    _judged_by_dates(server, feed)
    since = _state()["feeds"][feed]["idle_since"]
    _age_the_judgement(IDLE_RECHECK_DAYS - 1)
    before = len(server.requests("/news/1"))
    _serve(server, "The council met. Points: 50", text_of(1), etag='"p1"')
    fetch(settings=quick_settings(), force=True)
    assert len(server.requests("/news/1")) == before  # not yet due

    _age_the_judgement(2)
    _serve(server, "The council met. Points: 51", text_of(1), etag='"p1"')
    assert fetch(settings=quick_settings(), force=True).updated == 0
    assert len(server.requests("/news/1")) == before + 1  # checked again: a 304
    renewed = _state()["feeds"][feed]
    assert renewed["idle_edits"] > 3 and renewed["idle_since"] >= since  # judged so for another week
    _serve(server, "The council met. Points: 52", text_of(1), etag='"p1"')
    fetch(settings=quick_settings(), force=True)
    assert len(server.requests("/news/1")) == before + 1


def test_a_feed_judged_by_its_dates_whose_recheck_finds_an_edit_tells_edits_by_its_texts_again(server):
    from reader.fetch.store import IDLE_RECHECK_DAYS

    feed = server.url("/feed.xml")
    _judged_by_dates(server, feed)
    _age_the_judgement(IDLE_RECHECK_DAYS + 1)
    _serve(server, "The council met and passed the budget.", [*text_of(1), "Update: it passed eight to three."])
    assert fetch(settings=quick_settings(), force=True).updated == 1
    assert not {"idle_edits", "idle_since"} & set(_state()["feeds"][feed])
    # Recovered: the next text changed under the same stamp is asked at once, with no wait.
    before = len(server.requests("/news/1"))
    _serve(server, "The council met and passed the budget. 3 comments.", [*text_of(1), "Update: it passed 8-3."])
    assert fetch(settings=quick_settings(), force=True).updated == 1
    assert len(server.requests("/news/1")) == before + 1


def test_a_recheck_asks_the_pages_of_the_entries_whose_texts_changed_once_a_week_not_each_run(server):
    """Every entry of an aggregator's feed changes its count at every read: judged by its dates,
    its runs ask no page, and the recheck asks each changed entry's page once (a 304 each: it
    asked only the first, and an edit of another entry was never seen)."""
    from reader.fetch.store import IDLE_RECHECK_DAYS, judged_by_dates

    feed = server.url("/feed.xml")

    def serve(points: int) -> None:
        _serve_stories(server, [f"Points: {points + n}" for n in range(1, 5)])

    points = _read_till_judged_by_dates(feed, serve)
    asked = _pages_asked(server, 4)
    serve(points)
    fetch(settings=quick_settings(), force=True)
    assert _pages_asked(server, 4) == asked  # judged by its dates: no page asked
    _age_the_judgement(IDLE_RECHECK_DAYS + 1)
    serve(points + 10)
    fetch(settings=quick_settings(), force=True)
    assert _pages_asked(server, 4) == asked + 4
    assert judged_by_dates(_state()["feeds"][feed]) and "unchecked" not in _state()["feeds"][feed]
    serve(points + 20)
    fetch(settings=quick_settings(), force=True)
    assert _pages_asked(server, 4) == asked + 4  # judged again for a week
    assert len(_state()["feeds"][feed]["unchecked"]) == 4


def test_an_entry_edited_under_its_date_while_judged_by_dates_is_fetched_at_the_next_recheck(server):
    """The feed writes counts into its entries' texts (judged by its dates); between two
    rechecks the third entry is edited, its date kept, while the first one's count changes at
    every read. The recheck asks every entry changed since the last (the edit is seen: a new
    version), not only the first whose text changed at that read (the edit was never seen)."""
    from reader.fetch.store import IDLE_RECHECK_DAYS, judged_by_dates

    feed = server.url("/feed.xml")

    def serve(points: int, third: str = "The council met.") -> None:
        _serve_stories(server, [f"Points: {points}", "The mayor spoke.", third, "The vote is due."])

    points = _read_till_judged_by_dates(feed, serve)
    edited = "The council met and passed the budget."
    serve(points, edited)
    server.route("/news/3", Reply(page("Story 3", [*text_of(3), "Update: it passed eight to three."])))
    assert fetch(settings=quick_settings(), force=True).updated == 0  # judged: the edit is not asked yet
    serve(points + 10, edited)
    server.route("/news/3", Reply(page("Story 3", [*text_of(3), "Update: it passed eight to three."])))
    assert fetch(settings=quick_settings(), force=True).updated == 0
    _age_the_judgement(IDLE_RECHECK_DAYS + 1)
    serve(points + 20, edited)
    server.route("/news/3", Reply(page("Story 3", [*text_of(3), "Update: it passed eight to three."])))
    assert fetch(settings=quick_settings(), force=True).updated == 1
    assert not judged_by_dates(_state()["feeds"][feed])  # an edit found: its texts tell edits again


@pytest.mark.parametrize("limit", ["max_pages", "max_host_pages"])
def test_a_recheck_cut_by_a_limit_keeps_the_entries_it_did_not_ask_noted_and_goes_on_at_the_next_run(server, limit):
    """The recheck asks four changed entries' pages, max_pages (max_host_pages) two a run: the two left keep their
    note (they lost it, their edits unseen till their dates moved) and the recheck goes on at
    the next run, not a week later; the edit of the last is seen there."""
    from reader.fetch.store import IDLE_RECHECK_DAYS, judged_by_dates

    feed = server.url("/feed.xml")

    def serve(points: int, edited: bool = False) -> None:
        said = ["The mayor spoke", "The council met", "The vote is due"]
        _serve_stories(server, [f"Points: {points}", *(f"{s} on Friday." if edited else f"{s}." for s in said)])
        if edited:
            server.route("/news/4", Reply(page("Story 4", [*text_of(4), "Update: it passed eight to three."])))

    points = _read_till_judged_by_dates(feed, serve)
    for n in range(2):  # between two rechecks, entries 2 to 4 edited under their dates (the fourth's page too)
        serve(points + n, edited=True)
        assert fetch(settings=quick_settings(**{limit: 2}), force=True).updated == 0
    assert len(_state()["feeds"][feed]["unchecked"]) == 4
    _age_the_judgement(IDLE_RECHECK_DAYS + 1)
    asked = _pages_asked(server, 4)
    report = fetch(settings=quick_settings(**{limit: 2}), force=True)
    assert _pages_asked(server, 4) == asked + 2 and report.updated == 0  # two 304s: the limit bites
    left = _state()["feeds"][feed]
    assert len(left["unchecked"]) == 2 and judged_by_dates(left)
    report = fetch(settings=quick_settings(**{limit: 2}), force=True)  # the next run: the recheck goes on
    assert report.updated == 1  # the fourth's edit
    assert not judged_by_dates(_state()["feeds"][feed]) and "unchecked" not in _state()["feeds"][feed]


def test_an_entry_a_recheck_left_unasked_is_asked_once_its_feed_tells_edits_by_its_texts_again(server):
    """Entries 1 and 4 edited under their dates between two rechecks (the texts of 2 and 3 too,
    not their pages); the recheck, max_pages two,
    asks 1 and 2 and finds 1's edit (the feed's texts tell edits again): 3 and 4 stay noted and
    are asked at the next run, which finds 4's edit (it was dropped with the judgement, unseen)."""
    from reader.fetch.store import IDLE_RECHECK_DAYS, judged_by_dates

    feed = server.url("/feed.xml")

    def serve(points: int, edited: bool = False) -> None:
        said = ["The mayor spoke", "The council met", "The vote is due"]  # (the pages of 2 and 3 unchanged)
        _serve_stories(server, [f"Points: {points}", *(f"{s} on Friday." if edited else f"{s}." for s in said)])
        if edited:
            for n in (1, 4):
                server.route(f"/news/{n}", Reply(page(f"Story {n}", [*text_of(n), "Update: it passed 8-3."])))

    points = _read_till_judged_by_dates(feed, serve)
    serve(points, edited=True)
    assert fetch(settings=quick_settings(max_pages=2), force=True).updated == 0  # judged: noted
    _age_the_judgement(IDLE_RECHECK_DAYS + 1)
    serve(points, edited=True)
    assert fetch(settings=quick_settings(max_pages=2), force=True).updated == 1  # the first's edit
    state = _state()["feeds"][feed]
    assert not judged_by_dates(state) and len(state["unchecked"]) == 2
    serve(points, edited=True)
    assert fetch(settings=quick_settings(max_pages=2), force=True).updated == 1  # the fourth's
    assert "unchecked" not in _state()["feeds"][feed]


def test_a_feed_that_stopped_writing_counts_recovers_when_its_recheck_finds_an_edit(server):
    """Four entries wrote counts till the feed was judged by its dates, then stopped; a week on,
    the recheck finds an edit. The next run asks no page (no digest was left stale while it was
    judged) and the feed is not judged again: an edit of another entry is seen at once."""
    from reader.fetch.store import IDLE_RECHECK_DAYS, judged_by_dates

    feed = server.url("/feed.xml")
    _serve_stories(server, [f"Points: {10 + n}" for n in range(4)])
    add_subscription(feed)
    fetch(settings=quick_settings())
    points = 20
    for _ in range(10):  # (a bound: a run whose pages all failed would loop here for ever)
        if judged_by_dates(_state()["feeds"][feed]):
            break
        _serve_stories(server, [f"Points: {points + n}" for n in range(4)])
        _fetched()
        points += 10
    assert judged_by_dates(_state()["feeds"][feed])
    _serve_stories(server, [f"Points: {points + n}" for n in range(4)])
    _fetched()  # judged: nothing asked, the texts noted
    quiet = ["The council met."] * 4  # the feed stops writing counts
    _serve_stories(server, quiet)
    _fetched()
    _age_the_judgement(IDLE_RECHECK_DAYS + 1)
    _serve_stories(server, ["The council met and passed the budget.", *quiet[1:]])
    server.route("/news/1", Reply(page("Story 1", [*text_of(1), "Update: it passed eight to three."])))
    assert _fetched().updated == 1
    assert not {"idle_edits", "idle_since"} & set(_state()["feeds"][feed])

    asked = _pages_asked(server, 4)
    assert _fetched().updated == 0
    assert _pages_asked(server, 4) == asked  # no entry's text changed since the last read
    assert not judged_by_dates(_state()["feeds"][feed])
    _serve_stories(server, ["The council met and passed the budget.", "The council met, then adjourned.", *quiet[2:]])
    server.route("/news/2", Reply(page("Story 2", [*text_of(2), "Update: adjourned till May."])))
    assert _fetched().updated == 1
    assert _pages_asked(server, 4) == asked + 1


def test_a_feed_of_many_entries_writing_counts_is_judged_by_its_dates_after_three_reads_not_one(server):
    """Idle reads are counted once a read: six entries whose counts changed over unchanged pages
    are one idle read, not six (one read judged the feed)."""
    from reader.fetch.store import IDLE_EDITS_TRUSTED, judged_by_dates

    feed = server.url("/feed.xml")
    _serve_stories(server, [f"Points: {10 + n}" for n in range(6)])
    add_subscription(feed)
    fetch(settings=quick_settings())
    asked = []
    for read in range(1, IDLE_EDITS_TRUSTED + 2):
        _serve_stories(server, [f"Points: {10 * (read + 1) + n}" for n in range(6)])
        before = _pages_asked(server, 6)
        assert fetch(settings=quick_settings(), force=True).updated == 0
        asked.append(_pages_asked(server, 6) - before)
        assert _state()["feeds"][feed]["idle_edits"] == min(read, IDLE_EDITS_TRUSTED)
        assert judged_by_dates(_state()["feeds"][feed]) == (read >= IDLE_EDITS_TRUSTED)
    assert asked == [6] * IDLE_EDITS_TRUSTED + [0]


def test_a_feed_an_older_reader_judged_by_its_dates_is_checked_again_at_its_next_changed_text(server):
    """A state written before `idle_since`: its judgement has no day, and is checked at once."""
    feed = server.url("/feed.xml")
    _judged_by_dates(server, feed)
    path = config.data_dir() / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    del state["feeds"][feed]["idle_since"]
    path.write_text(json.dumps(state), encoding="utf-8")
    before = len(server.requests("/news/1"))
    _serve(server, "The council met. Points: 60", text_of(1), etag='"p1"')
    fetch(settings=quick_settings(), force=True)
    assert len(server.requests("/news/1")) == before + 1
    assert isinstance(_state()["feeds"][feed]["idle_since"], int)


def test_a_judgement_noted_under_a_clock_since_set_back_is_checked_at_the_next_changed_text(server):
    """The clock was a year ahead when the feed came to be judged by its dates (idle_since in the
    future now): its recheck is due at once, not a year and a week from now, and noted anew."""
    from reader.fetch.store import idle_recheck_at

    feed = server.url("/feed.xml")
    _judged_by_dates(server, feed)
    _age_the_judgement(-365)
    assert idle_recheck_at(_state()["feeds"][feed]) == 0.0  # (feed list: "at the next one")
    before = len(server.requests("/news/1"))
    _serve(server, "The council met. Points: 70", text_of(1), etag='"p1"')
    fetch(settings=quick_settings(), force=True)
    assert len(server.requests("/news/1")) == before + 1
    renewed = _state()["feeds"][feed]["idle_since"]
    # (noted rounded to the second: half a second ahead is no clock set back, nor a few minutes)
    now = time.time()
    for ahead in (0.5, 600):
        assert idle_recheck_at({"idle_edits": 3, "idle_since": now + ahead}, now) == now + ahead + 7 * 86400
    assert renewed <= time.time() + 1 and idle_recheck_at(_state()["feeds"][feed]) > time.time()


def test_a_feed_judged_by_its_dates_removed_and_added_again_tells_edits_by_its_texts_at_once(server):
    from reader.fetch import remove_feed

    feed = server.url("/feed.xml")
    _judged_by_dates(server, feed)
    remove_feed(feed)
    add_subscription(feed)
    assert not {"idle_edits", "idle_since"} & set(_state()["feeds"].get(feed, {}))
    before = len(server.requests("/news/1"))
    _serve(server, "The council met. Points: 80", text_of(1), etag='"p1"')
    fetch(settings=quick_settings(), force=True)
    assert len(server.requests("/news/1")) == before + 1  # its changed text asked, no week waited
    assert "idle_since" not in _state()["feeds"][feed]  # one idle read: not judged again yet


def test_feed_list_says_a_feed_is_judged_by_its_dates_why_and_till_when(server, reader_in_process):
    from reader.fetch.store import IDLE_RECHECK_DAYS

    feed = server.url("/feed.xml")
    _judged_by_dates(server, feed)
    since = _state()["feeds"][feed]["idle_since"]
    [listed] = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert listed["dates_only"] is True
    assert listed["recheck_at"] == utc_time(since + IDLE_RECHECK_DAYS * 86400)
    line = reader_in_process("feed", "list").stdout
    when = local_time(since + IDLE_RECHECK_DAYS * 86400)
    assert (
        "judged by its dates only (its entries' texts changed in 3 reads in a row while their pages did not; "
        f"the pages of the entries whose texts changed since are asked at the first fetch from {when})"
    ) in line
    _age_the_judgement(IDLE_RECHECK_DAYS + 1)
    assert "whose texts changed since are asked at the next fetch)" in reader_in_process("feed", "list").stdout
    [listed] = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert (listed["dates_only"], listed["recheck_at"]) == (True, utc_time(since + -1 * 86400))  # (due since)


def test_feed_list_says_nothing_of_dates_of_a_feed_whose_texts_tell_edits(server, reader_in_process):
    _serve(server, "The council met.", text_of(1))
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    [listed] = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert (listed["dates_only"], listed["recheck_at"]) == (False, None)
    assert "dates" not in reader_in_process("feed", "list").stdout


def _as_an_older_reader_left_it(page_url: str, digests) -> None:
    """The record of `page_url` with the digests it had before the last run (`None`: none at all),
    as a reader from before DIGESTS leaves them: it reads past the key, updating the record's
    stamp in place (the digest stays as it was) or writing a new version's record without one."""
    path = config.data_dir() / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    record = state["urls"][page_url]
    record.pop("digests", None)
    record.pop("digest", None)
    if digests is not None:
        record["digests"] = digests
    for feed_state in state["feeds"].values():
        feed_state["fetched_at"] = time.time() - 60  # its read of the feed
    path.write_text(json.dumps(state), encoding="utf-8")


def test_digests_an_older_reader_left_stale_cost_one_request_then_settle_and_lose_nothing(server):
    """An older reader fetched the entry after its stamp moved and its text changed over an
    unchanged page: it moved the record's stamp and left the digest as it was. The next run takes
    the entry's text for changed: its page is asked once (a 304), no version is made, the digest
    is noted; the run after asks nothing. The articles and their versions stay."""
    from reader.fetch.store import ArticleStore

    _serve(server, "The council met.", text_of(1), etag='"p1"')
    feed = server.url("/feed.xml")
    add_subscription(feed)
    fetch(settings=quick_settings())
    _serve(server, "The council met and passed the budget.", [*text_of(1), "Update: it passed eight to three."])
    assert fetch(settings=quick_settings(), force=True).updated == 1  # version 2
    [page_url] = [u for u, r in _state()["urls"].items() if "id" in r]
    stale = ArticleStore().record(page_url)["digests"]

    item = {"title": TITLE, "link": server.url("/news/1"), "pubDate": "Wed, 22 Oct 2025 10:00:00 GMT"}
    item["description"] = "The council met and passed the budget. 12 comments."
    server.route("/feed.xml", Reply(rss("Harbour News", [item]), content_type="application/rss+xml"))
    server.route("/news/1", Reply(page(TITLE, [*text_of(1), "Update: it passed eight to three."]), etag='"p2"'))
    assert fetch(settings=quick_settings(), force=True).updated == 0  # the stamp moved, the page did not
    files = sorted(p.name for p in config.fetched_corpus_dir().rglob("*.md"))
    _as_an_older_reader_left_it(page_url, stale)

    asked = len(server.requests("/news/1"))
    assert fetch(settings=quick_settings(), force=True).updated == 0
    assert len(server.requests("/news/1")) == asked + 1  # one request more ...
    assert server.requests("/news/1")[-1].get("If-None-Match") == '"p2"'
    assert "idle_edits" not in _state()["feeds"][feed]  # ... no idle read: the digest was stale
    assert fetch(settings=quick_settings(), force=True).updated == 0
    assert len(server.requests("/news/1")) == asked + 1  # ... then settled
    assert sorted(p.name for p in config.fetched_corpus_dir().rglob("*.md")) == files and len(files) == 2
    record = _state()["urls"][page_url]
    assert record["version"] == 2 and record["id"].endswith("-v2")
    # The next edit is seen.
    _serve(server, "The council met and passed the budget. 12 comments.", [*text_of(1), "Update: it passed 8-3."])
    item["description"] = "The council met and passed the budget in the end."
    server.route("/feed.xml", Reply(rss("Harbour News", [item]), content_type="application/rss+xml"))
    assert fetch(settings=quick_settings(), force=True).updated == 1


def test_a_record_an_older_reader_wrote_without_digests_costs_no_request(server):
    """A new version's record as an older reader writes it, with no digest: noted at the next read."""
    _serve(server, "The council met.", text_of(1))
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    [page_url] = [u for u, r in _state()["urls"].items() if "id" in r]
    _as_an_older_reader_left_it(page_url, None)
    asked = len(server.requests("/news/1"))
    assert fetch(settings=quick_settings(), force=True).updated == 0
    assert len(server.requests("/news/1")) == asked
    assert _state()["urls"][page_url]["digest"]


# -- a fetch state the previous release wrote (idle edits counted per entry) -----------------------
def _as_the_previous_release_wrote_it(feed: str, idle_edits: int, judged: bool) -> None:
    """The feed's state as the release before idle reads were counted once a read wrote it: its
    `idle_edits` counted per entry (one read of three entries is 3), no `digests_read_at` nor
    `idle_reads`, and `idle_since` when that count judged it by its dates."""
    path = config.data_dir() / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    feed_state = state["feeds"][feed]
    for key in ("digests_read_at", "idle_reads", "idle_since", "unchecked"):
        feed_state.pop(key, None)
    feed_state["idle_edits"] = idle_edits
    if judged:
        feed_state["idle_since"] = int(time.time())
    path.write_text(json.dumps(state), encoding="utf-8")


def test_a_feed_the_previous_release_judged_by_one_read_of_three_entries_is_not_judged_by_its_dates(
    server, reader_in_process
):
    """The previous release counted idle edits per entry: one read of three entries whose counts
    changed judged the feed by its dates. Read today, that count is one idle read: the feed is not
    judged (feed list says nothing of dates), its changed entries' pages are asked again, and it
    is judged only after three reads as today's counts them; nothing stored is lost."""
    from reader.fetch.store import IDLE_EDITS_TRUSTED, judged_by_dates

    feed = server.url("/feed.xml")
    _serve_stories(server, [f"Points: {10 + n}" for n in range(3)])
    add_subscription(feed)
    fetch(settings=quick_settings())
    _serve_stories(server, [f"Points: {20 + n}" for n in range(3)])
    fetch(settings=quick_settings(), force=True)  # one idle read
    files = sorted(p.name for p in config.fetched_corpus_dir().rglob("*.md"))
    [before] = json.loads(reader_in_process("feed", "list", "--json").stdout)
    _as_the_previous_release_wrote_it(feed, idle_edits=3, judged=True)

    [listed] = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert listed["dates_only"] is False and listed["recheck_at"] is None
    assert "judged by its dates" not in reader_in_process("feed", "list").stdout
    assert listed["stored"] == before["stored"] == 3
    reads = 1  # the previous release's count: one read at least
    points = 30
    while True:
        _serve_stories(server, [f"Points: {points + n}" for n in range(3)])
        asked = _pages_asked(server, 3)
        assert fetch(settings=quick_settings(), force=True).updated == 0
        feed_state = _state()["feeds"][feed]
        if judged_by_dates(feed_state):
            break
        assert _pages_asked(server, 3) == asked + 3  # its changed texts asked, as of a feed not judged
        points += 10
        reads += 1
    # Judged after three idle reads of today's counting (the first read today, after the older
    # reader's, counting none: its digests were that reader's).
    assert reads == IDLE_EDITS_TRUSTED and feed_state["idle_reads"] == IDLE_EDITS_TRUSTED
    assert sorted(p.name for p in config.fetched_corpus_dir().rglob("*.md")) == files and len(files) == 3


def test_a_per_entry_count_below_the_judgement_is_one_idle_read_and_a_per_read_count_is_kept(server):
    from reader.fetch.store import ArticleStore

    feed = server.url("/feed.xml")
    _serve_stories(server, [f"Points: {10 + n}" for n in range(2)])
    add_subscription(feed)
    fetch(settings=quick_settings())
    _as_the_previous_release_wrote_it(feed, idle_edits=2, judged=False)  # one read of two entries
    assert ArticleStore().feed_state(feed)["idle_edits"] == 1
    # A count of session 54's reader (per read, with digests_read_at) is kept as it is.
    path = config.data_dir() / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    state["feeds"][feed].update(idle_edits=2, digests_read_at=1.0)
    path.write_text(json.dumps(state), encoding="utf-8")
    assert ArticleStore().feed_state(feed)["idle_edits"] == 2


def test_idle_edits_an_older_reader_counted_on_after_this_ones_are_put_back(server):
    """This reader counted one idle read; an older one ran since and counted per entry up to a
    judgement (keeping `idle_reads`): read here, the count is this reader's again. One that made
    a version since removed `idle_edits`: the count is gone here too."""
    from reader.fetch.store import ArticleStore, judged_by_dates

    feed = server.url("/feed.xml")
    _serve_stories(server, [f"Points: {10 + n}" for n in range(3)])
    add_subscription(feed)
    fetch(settings=quick_settings())
    _serve_stories(server, [f"Points: {20 + n}" for n in range(3)])
    fetch(settings=quick_settings(), force=True)
    assert _state()["feeds"][feed]["idle_reads"] == 1
    path = config.data_dir() / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    state["feeds"][feed].update(idle_edits=4, idle_since=int(time.time()))  # the older reader's
    path.write_text(json.dumps(state), encoding="utf-8")
    feed_state = ArticleStore().feed_state(feed)
    assert (feed_state["idle_edits"], judged_by_dates(feed_state), "idle_since" in feed_state) == (1, False, False)
    del state["feeds"][feed]["idle_edits"]  # a version it made
    path.write_text(json.dumps(state), encoding="utf-8")
    assert not {"idle_edits", "idle_reads"} & set(ArticleStore().feed_state(feed))
