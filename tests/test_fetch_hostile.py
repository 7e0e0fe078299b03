"""A demanding user's feeds from a hostile or careless server (a real HTTP server on 127.0.0.1):
what earlier passes left uncovered."""

from __future__ import annotations

import time

import pytest

from http_fixture import Reply, page, quick_settings, rss
from reader import config
from reader.fetch import fetch
from reader.fetch.http import _origin
from reader.fetch.run import when
from reader.fetch.subscriptions import add_subscription
from test_fetch import WORDS, text_of


def _article(server, path: str, n: int, **item) -> dict:
    title = f"Story number {n} about the {WORDS[n % len(WORDS)]}"
    server.route(path, Reply(page(title, text_of(n))))
    return {"title": title, "link": server.url(path), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT", **item}


def _serve(server, items: list[dict]) -> None:
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/feed.xml", Reply(rss("Careless CMS", items), content_type="application/rss+xml"))


def _titles() -> list[str]:
    return sorted(
        line.removeprefix("title: ")
        for path in config.fetched_corpus_dir().rglob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("title: ")
    )


def test_an_entry_sharing_its_guid_with_another_kept_from_its_text_is_still_fetched(server):
    # A CMS that gives every item one guid; one item once had no link (kept from its text). Every
    # later item with a link was taken for that item "now read by its link", and never fetched.
    notice = {
        "title": "Site notice",
        "guid": "post",
        "description": " ".join(text_of(9)),
        "pubDate": "Mon, 20 Oct 2025 10:00:00 GMT",
    }
    _serve(server, [notice])
    add_subscription(server.url("/feed.xml"), outlet="Careless")
    assert fetch(settings=quick_settings()).from_feed == 1

    _serve(server, [notice, _article(server, "/news/1", 1, guid="post"), _article(server, "/news/2", 2, guid="post")])
    report = fetch(settings=quick_settings(), force=True)

    assert (report.new, report.failures) == (2, [])
    assert _titles() == ["Site notice", "Story number 1 about the council", "Story number 2 about the budget"]
    # the guid alone in the feed now, on an entry of another title than the one kept by it
    _serve(server, [_article(server, "/news/3", 3, guid="post")])
    assert (fetch(settings=quick_settings(), force=True).new, len(_titles())) == (1, 4)


def test_entries_of_other_titles_linking_to_one_page_are_each_kept_from_their_own_text(server):
    # A list of notices whose every item links to the site's front page, its text in the feed:
    # the front page was fetched once and stored, and the items' texts dropped as its duplicates.
    front = _article(server, "/", 1)
    notices = [
        dict(
            front,
            title=f"Notice {n}",
            description=" ".join(text_of(20 + n)),
            pubDate=f"Tue, {10 + n} Oct 2025 10:00:00 GMT",
        )
        for n in range(3)
    ]
    short = dict(_article(server, "/news/2", 2), description="Read more.")
    retitled = _article(server, "/news/3", 3, description=" ".join(text_of(30)))  # one story, two titles
    _serve(server, [*notices, short, dict(short, title="Its title edited"), retitled, dict(retitled, title="Retitled")])
    add_subscription(server.url("/feed.xml"), outlet="Notices")

    report = fetch(settings=quick_settings())

    assert (report.from_feed, report.new, report.failures) == (3, 5, [])
    titles = ["Notice 0", "Notice 1", "Notice 2", "Story number 2 about the budget", "Story number 3 about the summit"]
    assert _titles() == titles
    # too short to keep, or one text: the page, once
    assert (server.hits("/"), server.hits("/news/2"), server.hits("/news/3")) == (0, 1, 1)
    again = fetch(settings=quick_settings(), force=True)
    assert (again.new, again.updated, server.hits("/"), _titles()) == (0, 0, 0, titles)


def test_a_feed_whose_url_is_changed_where_it_moved_keeps_its_fetch_state(server):
    from reader.fetch import feed_statuses, load_subscriptions

    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/old.xml", Reply(status=301, headers={"Location": "/new.xml"}, content_type=None))
    server.route("/new.xml", Reply(rss("Moved", [_article(server, "/news/1", 1)]), content_type="application/rss+xml"))
    add_subscription(server.url("/old.xml"), outlet="Moved News")
    assert fetch(settings=quick_settings()).feeds[0].moved_to == server.url("/new.xml")
    before = feed_statuses()[0]

    # As the fetch says: "change its url in feeds.yaml".
    from reader.fetch.subscriptions import feeds_path

    feeds_yaml = feeds_path()
    feeds_yaml.write_text(feeds_yaml.read_text(encoding="utf-8").replace("/old.xml", "/new.xml"), encoding="utf-8")
    assert [f.url for f in load_subscriptions().feeds] == [server.url("/new.xml")]

    status = feed_statuses()[0]
    assert (status["stored"], status["last_fetched"], status["status"], status["moved_to"]) == (
        1,
        before["last_fetched"],
        "ok",
        None,
    )
    report = fetch(settings=quick_settings(), force=True)
    assert (report.new, report.failures, server.hits("/news/1")) == (0, [], 1)
    assert feed_statuses()[0]["stored"] == 1
    assert "moved" not in report.summary()


def test_a_redirect_to_a_site_whose_robots_txt_disallows_it_says_so(server):
    # The feed's own site allows it; "disallowed by the site's robots.txt" sent the user there.
    target = server.url("/feed.xml").replace("127.0.0.1", "localhost")  # another host: its own robots.txt

    def robots(handler) -> Reply:
        closed = handler.headers["Host"].startswith("localhost")
        return Reply("User-agent: *\nDisallow: /\n" if closed else "User-agent: *\n", content_type="text/plain")

    server.route("/robots.txt", robots)
    server.route("/away.xml", Reply(status=302, headers={"Location": target}, content_type=None))
    server.route("/feed.xml", Reply(rss("Feed", [_article(server, "/news/1", 1)]), content_type="application/rss+xml"))
    add_subscription(server.url("/away.xml"))

    report = fetch(settings=quick_settings())

    assert [(f.url, f.reason) for f in report.failures] == [
        (server.url("/away.xml"), f"redirected to {target}, which its site's robots.txt disallows")
    ]
    assert server.hits("/feed.xml") == 0


def _robots_unreadable_on_localhost(server, status: int = 500) -> None:
    """The server's robots.txt is fine under 127.0.0.1; under localhost (another site, with its own
    robots.txt) it answers `status` (a 500, a 429), which keeps that site out for now (RFC 9309)."""

    def robots(handler) -> Reply:
        if handler.headers["Host"].startswith("localhost"):
            return Reply("down for maintenance", status=status, content_type="text/plain")
        return Reply("User-agent: *\n", content_type="text/plain")

    server.route("/robots.txt", robots)


def _a_page_redirected_to_localhost(server) -> str:
    """A feed whose one entry's page redirects to localhost, another host with its own robots.txt;
    the page's new address."""
    target = server.url("/story.html").replace("127.0.0.1", "localhost")
    server.route("/news/1", Reply(status=302, headers={"Location": target}, content_type=None))
    item = {"title": "Story", "link": server.url("/news/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/feed.xml", Reply(rss("Feed", [item]), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))
    return target


def test_a_feed_redirected_to_a_site_whose_robots_txt_is_unreadable_was_asked_and_failed_for_now(server):
    """It read "not fetched yet; not asked in the last run: could not read the site's robots.txt",
    of a feed that was asked (it answered with the redirect) on a site whose robots.txt was fine."""
    from reader.fetch import feed_statuses
    from reader.fetch.run import feed_outcome

    _robots_unreadable_on_localhost(server)
    target = server.url("/feed.xml").replace("127.0.0.1", "localhost")
    server.route("/away.xml", Reply(status=302, headers={"Location": target}, content_type=None))
    server.route("/feed.xml", Reply(rss("Feed", [_article(server, "/news/1", 1)]), content_type="application/rss+xml"))
    add_subscription(server.url("/away.xml"))

    report = fetch(settings=quick_settings())

    why = f"redirected to {target}, whose site's robots.txt could not be read: HTTP 500 Internal Server Error"
    why += "; will retry on the next run"
    assert [(f.url, f.reason, f.kind) for f in report.failures] == [(server.url("/away.xml"), why, "redirects")]
    assert server.hits("/away.xml") == 1 and server.hits("/feed.xml") == 0
    outcome = feed_outcome(feed_statuses()[0])
    assert outcome.startswith(f"failed: {why}") and "not asked" not in outcome


@pytest.mark.parametrize("status", [500, 429])
def test_a_page_redirected_to_a_site_whose_robots_txt_is_unreadable_is_counted_failed_not_not_asked(server, status):
    """A 429 there read "1 page not asked: robots.txt of localhost:PORT: too many requests"."""
    from http import HTTPStatus

    from reader.fetch import feed_statuses
    from reader.fetch.run import pages_failed_words

    _robots_unreadable_on_localhost(server, status)
    target = _a_page_redirected_to_localhost(server)

    report = fetch(settings=quick_settings())

    answered = f"HTTP {status} {HTTPStatus(status).phrase}"
    why = f"redirected to {target}, whose site's robots.txt could not be read: {answered}"
    assert [(f.url, f.reason, f.kind) for f in report.failures] == [(server.url("/news/1"), why, "redirects")]
    assert server.hits("/news/1") == 1 and "1 page failed" in report.summary()
    assert "not asked" not in report.summary()
    noted = feed_statuses()[0]["pages_failed"]
    assert (noted["failed"], noted["not_asked"]) == (1, 0)
    assert pages_failed_words(noted) == f"the last pages asked: all 1 failed ({why})"


def test_a_feed_redirected_to_a_site_whose_robots_txt_answers_429_failed_and_waits_as_it_asked(server):
    """It read "1 feed not asked: robots.txt of localhost:PORT: too many requests", of a feed that
    was asked. A failed redirect now, as a 5xx there is, and the wait the robots.txt asked for is
    still kept: the feed is not asked again before it is over."""
    import time

    from reader.fetch import feed_statuses

    def robots(handler) -> Reply:
        if handler.headers["Host"].startswith("localhost"):
            return Reply("slow down", status=429, headers={"Retry-After": "3600"})
        return Reply("User-agent: *\n", content_type="text/plain")

    server.route("/robots.txt", robots)  # as _robots_unreadable_on_localhost, with a wait asked for
    target = server.url("/feed.xml").replace("127.0.0.1", "localhost")
    server.route("/away.xml", Reply(status=302, headers={"Location": target}, content_type=None))
    add_subscription(server.url("/away.xml"))

    before = time.time()
    report = fetch(settings=quick_settings())

    retry_at = feed_statuses()[0]["retry_at"]
    assert retry_at >= before + 3600
    why = f"redirected to {target}, whose site's robots.txt could not be read: HTTP 429 Too Many Requests"
    why += f"; will retry after {when(retry_at)}"
    assert [(f.url, f.reason, f.kind) for f in report.failures] == [(server.url("/away.xml"), why, "redirects")]
    assert "not asked" not in report.summary() and server.hits("/away.xml") == 1
    assert fetch(settings=quick_settings()).nothing_due and server.hits("/away.xml") == 1


@pytest.mark.parametrize("robots_read", [True, False])
def test_a_redirect_to_a_host_left_for_the_next_run_is_not_followed_and_says_why(server, robots_read):
    """A host that asked to wait longer than max_retry_after earlier in the run was asked all the
    same through a redirect there (its robots.txt read in this run, or cached by an earlier one).
    Not followed now, said of the URL asked, which was asked; not tried again (a retry waited for
    the target's Retry-After put off the sender's whole host)."""
    from reader.fetch.http import FetchFailed, HttpClient

    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/busy", Reply("busy", status=429, headers={"Retry-After": "3600"}))
    server.route("/story", Reply(page("Story", text_of(1))))
    server.route(
        "/away", Reply(status=302, headers={"Location": server.url("/story").replace("127.0.0.1", "localhost")})
    )
    target = server.url("/story").replace("127.0.0.1", "localhost")
    with HttpClient(quick_settings(retries=1)) as client:
        if not robots_read:  # a robots.txt cached by an earlier run, not read in this one
            client.robots_cache[_origin(target)] = {"at": time.time(), "text": "User-agent: *\n"}
        with pytest.raises(FetchFailed) as busy:
            client.get(server.url("/busy").replace("127.0.0.1", "localhost"))
        assert busy.value.retry_after == 3600
        with pytest.raises(FetchFailed) as redirected:
            client.get(server.url("/away"))

    failed = redirected.value
    why = f"redirected to {target}, not followed in this run: the host asked to wait 3600 s"
    assert (failed.url, failed.reason, failed.kind, failed.asked) == (server.url("/away"), why, "redirects", True)
    assert (failed.transient, failed.retry_after) == (True, 3600)
    assert server.hits("/story") == 0 and server.hits("/away") == 1


def test_a_redirect_to_a_server_that_refused_a_connection_in_this_run_is_not_followed(server):
    """Its robots.txt unread (the connection refused): it failed "not asked: localhost:1 refused a
    connection earlier in this run", named as the target's failure, of URLs that were asked."""
    from reader.fetch.http import FetchFailed, HttpClient

    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    for n in (1, 2):
        server.route(f"/away{n}", Reply(status=302, headers={"Location": f"http://localhost:1/story{n}"}))
    failures = []
    with HttpClient(quick_settings()) as client:
        for url in ("http://localhost:1/front", server.url("/away1"), server.url("/away2")):
            with pytest.raises(FetchFailed) as failed:
                client.get(url)
            failures.append((failed.value.url, failed.value.reason, failed.value.kind))

    assert failures[0] == (
        "http://localhost:1/front",
        "the server refused the connection (nothing answers at localhost:1)",
        "refused",
    )
    for n, failure in enumerate(failures[1:], 1):
        why = f"redirected to http://localhost:1/story{n}, not followed in this run: localhost:1 refused a connection earlier in this run"
        assert failure == (server.url(f"/away{n}"), why, "redirects")


def test_a_feed_redirected_to_a_host_that_asked_to_wait_failed_for_now_and_waits_as_it_asked(server):
    """Said in the run's summary as a feed that failed (it was asked), not "1 feed not asked", and
    not asked again before the host's wait is over."""
    from reader.fetch import feed_statuses

    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/busy.xml", Reply("busy", status=429, headers={"Retry-After": "3600"}))
    target = server.url("/feed.xml").replace("127.0.0.1", "localhost")
    server.route("/away.xml", Reply(status=302, headers={"Location": target}))
    server.route("/feed.xml", Reply(rss("Feed", [_article(server, "/news/1", 1)]), content_type="application/rss+xml"))
    add_subscription(server.url("/busy.xml").replace("127.0.0.1", "localhost"))
    add_subscription(server.url("/away.xml"))

    before = time.time()
    report = fetch(settings=quick_settings(workers=1, retries=1))

    away = next(f for f in feed_statuses() if f["url"] == server.url("/away.xml"))
    assert away["retry_at"] >= before + 3600
    why = f"redirected to {target}, not followed in this run: the host asked to wait 3600 s"
    why += f"; will retry after {when(away['retry_at'])}"  # when, as a deferral says it
    assert (server.url("/away.xml"), why, "redirects") in [(f.url, f.reason, f.kind) for f in report.failures]
    assert server.hits("/feed.xml") == 0 and server.hits("/away.xml") == 1
    assert "1 feed not asked" not in str(report.summary())


def test_a_feed_that_moved_to_another_subscription_says_to_remove_it_not_to_change_it(server, reader_in_process):
    # "change its url in feeds.yaml" made it name the new address twice.
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/old.xml", Reply(status=301, headers={"Location": "/new.xml"}, content_type=None))
    server.route("/gone.xml", Reply(status=301, headers={"Location": "/other.xml"}, content_type=None))
    for path in ("/new.xml", "/other.xml"):
        server.route(path, Reply(rss("Moved", [_article(server, "/news/1", 1)]), content_type="application/rss+xml"))
    for path in ("/old.xml", "/new.xml", "/gone.xml"):
        add_subscription(server.url(path))

    report = fetch(settings=quick_settings())

    old = server.url("/old.xml")
    assert (
        f"{old} is now {server.url('/new.xml')} (subscribed at its new address too: remove this one)"
        in report.summary()
    )
    listed = reader_in_process("feed", "list").stdout
    assert (
        "moved for good to " + server.url("/new.xml") + " (subscribed at its new address too: remove this one)"
        in listed
    )
    assert "moved for good to " + server.url("/other.xml") + " (change its url in feeds.yaml)" in listed


@pytest.mark.parametrize("new_first", [False, True])
def test_a_feed_removed_after_it_moved_has_its_articles_counted_at_its_new_address(
    server, reader_in_process, new_first
):
    from reader.fetch import feed_statuses

    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/old.xml", Reply(status=301, headers={"Location": "/new.xml"}, content_type=None))
    server.route("/new.xml", Reply(rss("Moved", [_article(server, "/news/1", 1)]), content_type="application/rss+xml"))
    add_subscription(server.url("/old.xml"), outlet="Moved News")
    assert fetch(settings=quick_settings()).feeds[0].moved_to == server.url("/new.xml")

    if new_first:  # both subscribed a while: the articles are the old address's
        add_subscription(server.url("/new.xml"), outlet="Moved News")
        fetch(settings=quick_settings(), force=True)
        assert [f["stored"] for f in feed_statuses()] == [1, 0]
        reader_in_process("feed", "remove", server.url("/old.xml"))
    else:
        reader_in_process("feed", "remove", server.url("/old.xml"))
        add_subscription(server.url("/new.xml"), outlet="Moved News")

    assert [f["stored"] for f in feed_statuses()] == [1]  # was 0: its history lost with the old address
    report = fetch(settings=quick_settings(), force=True)
    assert (report.new, report.failures, server.hits("/news/1")) == (0, [], 1)
    assert [f["stored"] for f in feed_statuses()] == [1]

    # Subscribed at its old address again: the articles are counted once, there.
    add_subscription(server.url("/old.xml"), outlet="Moved News")
    assert sorted(f["stored"] for f in feed_statuses()) == [0, 1]


def test_a_feed_removed_without_having_moved_leaves_nothing_to_another(server, reader_in_process):
    from reader.fetch import feed_statuses

    server.route("/one.xml", Reply(rss("One", [_article(server, "/news/1", 1)]), content_type="application/rss+xml"))
    server.route("/two.xml", Reply(rss("Two", []), content_type="application/rss+xml"))
    add_subscription(server.url("/one.xml"))
    fetch(settings=quick_settings())

    reader_in_process("feed", "remove", server.url("/one.xml"))
    add_subscription(server.url("/two.xml"))

    assert [f["stored"] for f in feed_statuses()] == [0]


def test_a_live_blog_s_updates_linking_to_its_parts_are_that_one_page(server):
    # Each update links to its anchor in one live page: the page is the article (one, fetched
    # once), not one article per update kept from its feed text.
    live = _article(server, "/live/storm", 4)
    updates = [
        dict(
            live,
            title=f"Storm live: update {n}",
            link=server.url(f"/live/storm#update-{n}"),
            description=" ".join(text_of(40 + n)),
            pubDate=f"Tue, 21 Oct 2025 1{n}:00:00 GMT",
        )
        for n in range(3)
    ]
    _serve(server, updates)
    add_subscription(server.url("/feed.xml"), outlet="Live")

    report = fetch(settings=quick_settings())

    assert (report.new, report.from_feed, report.failures, server.hits("/live/storm")) == (1, 0, [], 1)
    assert _titles() == ["Story number 4 about the harbour"]
    # The feed as it was: its page is not asked again (each update's stamp, noted over the one
    # before's, made the page asked at every run).
    for _run in range(2):
        assert fetch(settings=quick_settings(), force=True).updated == 0
    assert server.hits("/live/storm") == 1
    # A new update, the page grown: a new version of the one article.
    server.route("/live/storm", Reply(page("Story number 4 about the harbour", text_of(4) + text_of(5))))
    grown = dict(updates[0], title="Storm live: update 3", link=server.url("/live/storm#update-3"))
    _serve(server, [*updates, dict(grown, pubDate="Tue, 21 Oct 2025 13:00:00 GMT", description=" ".join(text_of(43)))])
    again = fetch(settings=quick_settings(), force=True)
    assert (again.new, again.updated, again.from_feed) == (0, 1, 0)


def test_a_page_whose_redirect_robots_txt_disallows_was_asked_and_is_counted_failed(server):
    # The entry's own URL was fetched (it answered with the redirect): "1 page not asked" and
    # "not asked URL" said of it that no request was made, and `feed list` counted it the same.
    from reader.fetch import feed_statuses
    from reader.fetch.run import pages_failed_words

    def robots(handler) -> Reply:
        closed = handler.headers["Host"].startswith("localhost")
        return Reply("User-agent: *\nDisallow: /\n" if closed else "User-agent: *\n", content_type="text/plain")

    server.route("/robots.txt", robots)
    target = _a_page_redirected_to_localhost(server)

    report = fetch(settings=quick_settings())

    why = f"redirected to {target}, which its site's robots.txt disallows"
    assert [(f.url, f.reason, f.kind, f.feed) for f in report.failures] == [
        (server.url("/news/1"), why, "redirects", server.url("/feed.xml"))
    ]
    assert server.hits("/news/1") == 1 and "1 page failed" in report.summary()
    assert "not asked" not in report.summary()
    noted = feed_statuses()[0]["pages_failed"]
    assert (noted["failed"], noted["of"], noted["not_asked"]) == (1, 1, 0)
    assert pages_failed_words(noted) == f"the last pages asked: all 1 failed ({why})"


def test_a_page_redirected_to_a_host_that_keeps_asking_to_wait_is_never_made_gone(server):
    """Not followed while its target's host waits, the page was counted a run nearer gone each
    time, and gone after PAGE_ATTEMPTS runs though no request of it ever failed: it counts no
    run, as a page whose own host asked to wait (deferred), and is stored once the host answers."""
    from reader.fetch.run import PAGE_ATTEMPTS
    from reader.fetch.store import ArticleStore

    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/busy.xml", Reply("busy", status=429, headers={"Retry-After": "3600"}))
    target = server.url("/news/1").replace("127.0.0.1", "localhost")
    item = _article(server, "/news/1", 1)
    item["link"] = server.url("/away")
    server.route("/away", Reply(status=302, headers={"Location": target}))
    server.route("/feed.xml", Reply(rss("Feed", [item]), content_type="application/rss+xml"))
    add_subscription(server.url("/busy.xml").replace("127.0.0.1", "localhost"))
    add_subscription(server.url("/feed.xml"))

    for _ in range(PAGE_ATTEMPTS + 1):
        report = fetch(force=True, settings=quick_settings(workers=1, retries=1))
        assert report.new == 0 and server.hits("/news/1") == 0
        store = ArticleStore()  # the waits over, as an hour later
        store.lock()
        try:
            for record in [*store.state["retries"].values(), *store.state["feeds"].values()]:
                record.update(retry_at=0, server_pause=0)
            # (a feed failing runs in a row is asked after the others: the busy host first, as in the first run)
            store.feed_state(server.url("/busy.xml").replace("127.0.0.1", "localhost")).pop("failures", None)
            store.save_state()
        finally:
            store.unlock()
    retried = ArticleStore().state["retries"]
    assert [record.get("attempts") for record in retried.values()] == [0]
    assert not [f for f in report.failures if f.counted]

    server.route("/busy.xml", Reply(rss("Busy", []), content_type="application/rss+xml"))
    assert fetch(force=True, settings=quick_settings(workers=1, retries=1)).new == 1


def test_front_matter_is_written_as_pyyaml_writes_it_whichever_dumper_writes_it():
    """libyaml's dumper writes the front matter where it writes PyYAML's text (it is five times
    faster); an emoji (which it writes "\\U0001F600"), NEL, the line separators and long values
    (folded elsewhere) go to PyYAML's. Hostile titles: quotes, YAML's indicators, controls, bidi."""
    import random

    import yaml

    from reader.fetch.store import front_matter

    rng = random.Random(58)
    pool = [chr(c) for c in [*range(0x250), *range(0x2000, 0x2070), 0x3000, 0xFEFF, 0xFFFD, 0x1F600, 0x1D11E]]
    pool += ["'", '"', ": ", " #", "- ", "---", "...", "yes", "null", "~", "1e3", "*a", "&a", "!t", "? ", "|", "{"]
    titles = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 24))) for _ in range(3000)]
    titles += ["a \u00e9 " * 700, "x" * 5000, "\u2028", "\x85", "Rally \u2764\ufe0f", "\U0001f600 news", ""]
    for title in titles:
        front = {"title": title, "outlet": "Gazette", "date": "2025-10-21", "url": "http://x/y?a=1#f", "version": 2}
        written = front_matter(front)
        assert written == yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=4096), repr(title)
    assert "\U0001f600" in front_matter({"title": "\U0001f600 news"})  # as itself, not escaped
