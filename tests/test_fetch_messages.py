"""What `fetch` and `feed add` say when a feed fails (a 404, a 429 with Retry-After), a robots.txt
that never answers, and `fetch --json`'s article entries. Local servers only; short timeouts."""

from __future__ import annotations

import pytest

from http_fixture import LocalServer, Reply
from reader.fetch import FetchFailed, HttpSettings, fetch, find_feed
from reader.fetch.subscriptions import add_subscription


def quick(**overrides) -> HttpSettings:
    values = dict(
        connect_timeout=2, read_timeout=0.3, total_timeout=5, retries=0, backoff=0.01, host_delay=0, workers=2
    )
    values.update(overrides)
    return HttpSettings(**values)


@pytest.fixture
def server():
    srv = LocalServer().start()
    srv.route("/robots.txt", Reply("", status=404))
    yield srv
    srv.stop()


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


def test_feed_add_of_a_busy_server_says_how_long_it_asked_to_wait(server):
    """A 429 whose Retry-After was within max_retry_after was said as "HTTP 429 Too Many Requests"
    alone: when to try `feed add` again is said, as `fetch` says a longer wait."""
    server.route("/feed.xml", *[Reply("slow down", status=429, headers={"Retry-After": "90"}) for _ in range(3)])

    with pytest.raises(FetchFailed) as raised:
        find_feed(server.url("/feed.xml"), settings=quick())

    assert raised.value.reason == "HTTP 429 Too Many Requests; asked to wait 90 s"
    assert raised.value.retry_after == 90 and raised.value.status == 429 and raised.value.transient
