"""One stalled feed holds its host (one request at a time a host, per_host): the progress line
says which feed holds it and how many wait, `fetch --verbose` says it after the run, and the
stalled feed times out and frees its host. Local servers only; short timeouts."""

from __future__ import annotations

from http_fixture import Reply, page, quick_settings, rss, trickle
from reader.fetch import fetch
from reader.fetch.run import host_key
from reader.fetch.subscriptions import add_subscription


def quick_feed(server) -> str:
    server.route("/a/1", Reply(page("Story 1", ["Paragraph one " + "word " * 80])))
    items = [{"title": "Story 1", "link": server.url("/a/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}]
    return rss("Quick", items)


def serve_two_feeds_of_one_host(server) -> tuple[str, str]:
    server.route("/stalled.xml", trickle())
    server.route("/quick.xml", Reply(quick_feed(server), content_type="application/rss+xml"))
    stalled, quick = server.url("/stalled.xml"), server.url("/quick.xml")
    add_subscription(stalled)  # asked first: feeds.yaml's order
    add_subscription(quick)
    return stalled, quick


def test_a_stalled_feed_is_said_to_hold_its_host_then_times_out_and_frees_it(server, isolated_dirs):
    stalled, quick = serve_two_feeds_of_one_host(server)
    said: list[str] = []
    settings = quick_settings(read_timeout=1, total_timeout=3, overall_timeout=3)
    report = fetch(settings=settings, progress=lambda done, total, current: said.append(current))
    host = host_key(stalled)
    assert any(
        line.startswith(f"feeds {stalled}: waiting ") and line.endswith(f"; 1 more of {host} wait for it")
        for line in said
    ), said
    # The stalled feed timed out (total_timeout) and the other feed of its host was read after it.
    assert [f.url for f in report.failures] == [stalled] and report.failures[0].kind == "timeout"
    assert report.new == 1 and report.articles[0].url == server.url("/a/1")
    [hold] = report.host_holds
    assert (hold.url, hold.host, hold.waiting) == (stalled, host, 1) and hold.seconds >= 2.5
    assert hold.said().startswith(f"{stalled} held {host} for ")


def test_fetch_verbose_names_the_feed_that_held_its_host(server, reader_in_process, isolated_dirs):
    """Off a terminal the progress line is not drawn: --verbose says after the run why it stood
    still on a site; a plain fetch does not."""
    stalled, quick = serve_two_feeds_of_one_host(server)
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        f"feeds:\n  - url: {stalled}\n  - url: {quick}\n"
        "settings:\n  host_delay: 0\n  read_timeout: 1\n  total_timeout: 3\n  overall_timeout: 3\n  retries: 0\n",
        encoding="utf-8",
    )
    result = reader_in_process("fetch", "--verbose", check=False)
    held = [line for line in result.stderr.splitlines() if " held " in line]
    assert len(held) == 1 and held[0].startswith(f"reader: {stalled} held {host_key(stalled)} for "), result.stderr
    assert held[0].endswith(" s: 1 more request to it waited (one at a time a host, per_host)")
    assert "1 new" in result.stdout
