"""fetch-state.json holds a record per article URL, read and written whole by each fetch: written
in full, ~770 bytes each (77 MB at 100,000 articles). What the rest of the state says is left out
on disk and put back at load, so nothing is forgotten and nothing is fetched again. Against a real
HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json

from http_fixture import Reply, page, quick_settings, rss
from reader import config
from reader.fetch import fetch
from reader.fetch.store import ArticleStore
from reader.fetch.subscriptions import add_subscription
from test_fetch import text_of

STAMP = "Tue, 21 Oct 2025 10:00:00 GMT"


def _serve(server, texts: dict[str, list[str]]) -> None:
    items = [{"title": f"Story {path}", "link": server.url(path), "pubDate": STAMP} for path in texts]
    for path, text in texts.items():
        server.route(path, Reply(page(f"Story {path}", text)))
    server.route("/feed.xml", Reply(rss("Harbour News", items), content_type="application/rss+xml"))


def _on_disk() -> tuple[str, dict]:
    text = config.data_dir().joinpath("fetch-state.json").read_text(encoding="utf-8")
    return text, json.loads(text)


def test_an_articles_record_is_written_without_what_the_state_says_elsewhere(server):
    _serve(server, {"/news/1": text_of(4), "/news/2": text_of(5)})
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    in_memory = ArticleStore().state

    text, state = _on_disk()

    feed = server.url("/feed.xml")
    for url in (server.url("/news/1"), server.url("/news/2")):
        # `feed` is the one key of `stamps`, `stamp` unread while `stamps` has one, no validators
        assert sorted(state["urls"][url]) == ["hash", "id", "stamps", "version"]
        assert in_memory["urls"][url]["feed"] == feed
        assert in_memory["hashes"][in_memory["urls"][url]["hash"]] == url
    assert state["hashes"] == {}  # each is its record's own `hash`
    assert "\n" not in text  # no indentation
    assert ArticleStore().articles_count(feed) == 2


def test_a_packed_state_forgets_nothing_an_earlier_text_or_a_second_feed_included(server):
    """The hash of an article's earlier text (a copy of it is a duplicate, not a new article), a
    URL two feeds give (its `feed` is kept: `stamps` has two keys), and nothing is asked again."""
    _serve(server, {"/news/1": text_of(4)})
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    first_hash = ArticleStore().record(server.url("/news/1"))["hash"]
    server.route("/news/1", Reply(page("Story /news/1", text_of(6))))
    items = [{"title": "Story /news/1", "link": server.url("/news/1"), "pubDate": "Wed, 22 Oct 2025 10:00:00 GMT"}]
    server.route("/feed.xml", Reply(rss("Harbour News", items), content_type="application/rss+xml"))
    server.route("/other.xml", Reply(rss("Other News", items), content_type="application/rss+xml"))
    add_subscription(server.url("/other.xml"))
    report = fetch(settings=quick_settings(), force=True)
    assert report.updated == 1

    _text, state = _on_disk()
    loaded = ArticleStore().state
    record = loaded["urls"][server.url("/news/1")]

    assert state["hashes"] == {first_hash: server.url("/news/1")}  # not the record's own
    assert loaded["hashes"] == {first_hash: server.url("/news/1"), record["hash"]: server.url("/news/1")}
    assert "feed" in state["urls"][server.url("/news/1")] and record["feed"] == server.url("/feed.xml")
    asked = server.hits("/news/1")
    again = fetch(settings=quick_settings(), force=True)
    assert (again.new, again.updated, again.failures) == (0, 0, []) and server.hits("/news/1") == asked


def test_a_state_written_whole_by_the_reader_before_loads_as_it_was(tmp_path):
    """Version 1, indented and each record whole: read as written (its articles known)."""
    record = {
        "id": "harbour/2025-10-21-story",
        "hash": "h1",
        "version": 1,
        "stamp": STAMP,
        "stamps": {"https://harbour.example/feed.xml": STAMP},
        "feed": "https://harbour.example/feed.xml",
        "etag": None,
        "last_modified": None,
    }
    state = {
        "version": 1,
        "feeds": {},
        "urls": {"https://harbour.example/story": record},
        "hashes": {"h0": "https://harbour.example/story", "h1": "https://harbour.example/story"},
    }
    path = tmp_path / "fetch-state.json"
    path.write_text(json.dumps(state, indent=1), encoding="utf-8")

    loaded = ArticleStore(tmp_path / "fetched", path).state

    assert loaded["urls"] == state["urls"] and loaded["hashes"] == state["hashes"]
