"""fetch-state.json holds a record per article URL, read and written whole by each fetch: written
in full and indented, ~770 bytes each (77 MB at 100,000 articles). What no reader needs is left
out on disk, in a layout an older reader still reads whole, so nothing is forgotten and nothing is
fetched again, by this reader or an older one. Against a real HTTP server on 127.0.0.1 (never the
internet)."""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from importlib.machinery import SourceFileLoader
from pathlib import Path

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
        # `stamps` only the feed's `stamp` again, its entry's `digests` only the feed's `digest`, no validators
        assert sorted(state["urls"][url]) == ["digest", "feed", "hash", "id", "stamp", "version"]
        assert in_memory["urls"][url]["digests"] == {feed: state["urls"][url]["digest"]}
        assert in_memory["urls"][url]["feed"] == feed
        assert in_memory["urls"][url]["stamps"] == {feed: STAMP} == ArticleStore().record(url)["stamps"]
        assert in_memory["hashes"][in_memory["urls"][url]["hash"]] == url
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


def test_an_older_reader_reads_the_state_this_one_writes_whole(server):
    """A reader of version 1 sets a version it does not know aside and starts afresh (every page
    asked again, articles the user deleted fetched back): a user going back to it, or running two
    readers, lost the state. It reads each record's `feed` (its feed's articles) and `hashes` (a
    text stored twice is one article): both are written."""
    _serve(server, {"/news/1": text_of(4)})
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())

    _text, state = _on_disk()

    url = server.url("/news/1")
    assert state["version"] == 1
    assert state["urls"][url]["feed"] == server.url("/feed.xml")
    assert state["hashes"][state["urls"][url]["hash"]] == url


def test_a_state_that_left_out_each_records_feed_and_hash_loads_whole(tmp_path):
    """Version 2, written for a while, left out `feed` when it was the one key of `stamps`, and
    `hashes` a record's own `hash` gives: put back at load, and written as version 1."""
    feed = "https://harbour.example/feed.xml"
    record = {"id": "harbour/2025-10-21-story", "hash": "h1", "version": 2, "stamps": {feed: STAMP}}
    state = {
        "version": 2,
        "feeds": {},
        "urls": {"https://harbour.example/story": record},
        "hashes": {"h0": "https://harbour.example/story"},
    }
    path = tmp_path / "fetch-state.json"
    path.write_text(json.dumps(state), encoding="utf-8")

    store = ArticleStore(tmp_path / "fetched", path)
    store.save_state()

    assert store.problem is None
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["version"] == 1 and written["urls"]["https://harbour.example/story"]["feed"] == feed
    assert written["hashes"] == {"h0": "https://harbour.example/story", "h1": "https://harbour.example/story"}


def _reader_at_session_51(monkeypatch):
    """reader/fetch/store.py as the reader of session 51's start had it (a saved copy, byte for
    byte: fixtures/reader_s51): the older reader a user may go back to, or run beside this one."""
    path = Path(__file__).parent / "fixtures" / "reader_s51" / "fetch_store.py.txt"
    loader = SourceFileLoader("fetch_store_at_s51", str(path))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, loader.name, module)  # its dataclasses look their module up
    loader.exec_module(module)
    return module


def test_the_reader_of_session_51_reads_the_state_this_one_writes_whole(server, monkeypatch):
    """Each record written with its feed's `stamp` and no `stamps` (~60 bytes an article less):
    the older reader reads `stamp` where a record has no `stamps`, so it knows every article, its
    feed, its text and its entry's stamp; what it saves, this reader reads back whole."""
    _serve(server, {"/news/1": text_of(4), "/news/2": text_of(5)})
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    feed, urls = server.url("/feed.xml"), [server.url("/news/1"), server.url("/news/2")]
    ours = ArticleStore()

    older = _reader_at_session_51(monkeypatch).ArticleStore()

    assert older.problem is None and older.state["version"] == 1
    assert older.articles_count(feed) == 2
    for url in urls:
        record = ours.record(url)
        assert older.record(url)["id"] == record["id"]
        assert older.duplicate_of("https://elsewhere.example/copy", record["hash"]) == url  # a copy is no new article
        assert not older.entry_changed(url, feed, STAMP)  # not fetched again
        assert older.entry_changed(url, feed, "Wed, 22 Oct 2025 10:00:00 GMT")  # an edit is still seen
    older.save_state()
    again = ArticleStore()
    assert again.problem is None
    assert {url: again.record(url) for url in urls} == {url: ours.record(url) for url in urls}
    # (and the feed's mark of this reader's last read, by which an older one's read is told)
    assert again.feed_state(feed)["digests_read_at"] == ours.feed_state(feed)["digests_read_at"]


def test_the_reader_of_session_51_keeps_this_ones_count_of_idle_reads_and_unchecked_entries(server, monkeypatch):
    """`idle_reads` (this reader's count, by which an older reader's count per entry is told) and
    `unchecked` (the entries a recheck asks) stay through a save by the older reader."""
    _serve(server, {"/news/1": text_of(4)})
    feed = server.url("/feed.xml")
    add_subscription(feed)
    fetch(settings=quick_settings())
    ours = ArticleStore()
    ours.feed_state(feed).update(idle_edits=3, idle_reads=3, idle_since=int(time.time()), unchecked=["abc"])
    ours.save_state()

    older = _reader_at_session_51(monkeypatch).ArticleStore()
    older.save_state()

    kept = ArticleStore().feed_state(feed)
    assert (kept["idle_edits"], kept["idle_reads"], kept["unchecked"]) == (3, 3, ["abc"])
