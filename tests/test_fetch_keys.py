"""Article keys: the canonical URL that de-duplicates fetched articles, and the migration of the
keys an older reader stored (a query's escape that is no UTF-8 was read as U+FFFD, so two
articles of a Latin-1 site were one key)."""

from __future__ import annotations

import json

from http_fixture import Reply, page, quick_settings, rss
from reader import config
from reader.fetch import fetch
from reader.fetch.store import ArticleStore
from reader.fetch.subscriptions import add_subscription
from reader.fetch.urls import canonical_url
from test_fetch import WORDS, text_of


def _by_query(articles: dict[str, int]):
    """A reply per raw query string ("id=%E9"): Latin-1 ids of one path."""

    def reply(handler) -> Reply:
        query = handler.path.partition("?")[2]
        n = articles.get(query)
        if n is None:
            return Reply(b"not found", status=404, content_type="text/plain")
        return Reply(page(f"Story number {n} about the {WORDS[n]}", text_of(n)))

    return reply


def _latin1_feed(server, queries: dict[str, int]) -> None:
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/story", _by_query(queries))
    items = [
        {"title": f"Story number {n}", "link": server.url(f"/story?{q}"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
        for q, n in queries.items()
    ]
    server.route("/feed.xml", Reply(rss("Latin-1 site", items), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"), outlet="Latin News")


def _stored_titles() -> list[str]:
    titles = []
    for path in sorted(config.fetched_corpus_dir().rglob("*.md")):
        head = path.read_text(encoding="utf-8").split("---")[1]
        titles.append(next(line for line in head.splitlines() if line.startswith("title:")))
    return titles


def test_query_escapes_that_are_no_utf8_are_kept_apart_and_equivalent_spellings_merge():
    assert canonical_url("https://ex.com/a?q=%E9") != canonical_url("https://ex.com/a?q=%E8")
    assert (
        canonical_url("https://ex.com/a?q=%E9") == canonical_url("https://ex.com/a?q=%e9") == "https://ex.com/a?q=%E9"
    )
    assert canonical_url("https://ex.com/a?q=%7Ex") == canonical_url("https://ex.com/a?q=~x")
    assert canonical_url("https://ex.com/a?q=caf%C3%A9") == canonical_url("https://ex.com/a?q=café")
    # the path as a server reads it, the host as it is looked up
    assert (
        canonical_url("https://ex.com/%7Eann/caf%c3%a9")
        == canonical_url("https://ex.com/~ann/café")
        == ("https://ex.com/~ann/caf%C3%A9")
    )
    assert canonical_url("https://café.example/a") == "https://xn--caf-dma.example/a"
    assert canonical_url("https://ex.com/a%2Fb") != canonical_url("https://ex.com/a/b")  # an escaped "/" is no "/"
    # tracking parameters still go, the rest sorted, whatever the bytes
    assert canonical_url("https://ex.com/a?z=%E9&utm_source=x&a=1") == "https://ex.com/a?a=1&z=%E9"


def test_two_latin1_articles_of_one_path_are_two_articles(server):
    _latin1_feed(server, {"id=%E9": 1, "id=%E8": 2})

    report = fetch(settings=quick_settings())

    assert (report.new, report.failures) == (2, [])
    assert len(_stored_titles()) == 2
    again = fetch(settings=quick_settings(), force=True)
    assert (again.new, again.updated) == (0, 0)


def _as_an_older_reader_saved_it() -> dict:
    """The state a fetch saved, without the note of the keys checked nor its entries' digests (an
    older reader writes neither)."""
    path = config.data_dir() / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    del state["keys_checked"]
    for record in state["urls"].values():
        record.pop("digest", None)
        record.pop("digests", None)
    path.write_text(json.dumps(state), encoding="utf-8")
    return state


def _front(article_id: str) -> dict:
    import yaml

    text = (config.fetched_corpus_dir() / f"{article_id}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def test_keys_an_older_reader_stored_are_migrated_and_a_refetch_adds_nothing(server, monkeypatch):
    import reader.fetch.run as run
    import reader.fetch.store as store
    from reader.fetch.urls import lossy_canonical_url

    # Today's code (before the fix): every key lossy. Run 1 stores "é" and an entry without a link
    # (kept from its text, keyed by its feed's lossy URL); run 2 finds "è" under the same key with
    # another date and stores it as a "version" of "é".
    with monkeypatch.context() as older:
        older.setattr(run, "canonical_url", lossy_canonical_url)
        older.setattr(store, "_rekey_lost_bytes", lambda state, root: None)
        server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
        server.route("/story", _by_query({"id=%E9": 1, "id=%E8": 2}))
        first = {
            "title": "Story number 1",
            "link": server.url("/story?id=%E9"),
            "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT",
        }
        second = {
            "title": "Story number 2",
            "link": server.url("/story?id=%E8"),
            "pubDate": "Wed, 22 Oct 2025 10:00:00 GMT",
        }
        linkless = {
            "title": "Notice",
            "guid": "notice-1",
            "description": " ".join(text_of(3)),
            "pubDate": first["pubDate"],
        }
        feed = server.url("/feed.xml?cat=%E9")
        server.route("/feed.xml", Reply(rss("Latin-1 site", [first, linkless]), content_type="application/rss+xml"))
        add_subscription(feed, outlet="Latin News")
        fetch(settings=quick_settings())
        server.route(
            "/feed.xml", Reply(rss("Latin-1 site", [first, second, linkless]), content_type="application/rss+xml")
        )
        fetch(settings=quick_settings(), force=True)
        old = _as_an_older_reader_saved_it()
        lossy_key = lossy_canonical_url(first["link"])
        assert lossy_key == lossy_canonical_url(second["link"]) and old["urls"][lossy_key]["version"] == 2
        files = sorted(config.fetched_corpus_dir().rglob("*.md"))
        assert len(files) == 3

    urls = ArticleStore().state["urls"]

    assert lossy_key not in urls
    stored_first, stored_second = urls[canonical_url(first["link"])], urls[canonical_url(second["link"])]
    assert _front(stored_first["id"])["title"] == "Story number 1 about the council"
    assert _front(stored_second["id"])["title"] == "Story number 2 about the budget"
    old_linkless = next(key for key in old["urls"] if "#entry:" in key)
    linkless_key = old_linkless.replace(lossy_canonical_url(feed), canonical_url(feed))
    # (on disk, a record of one feed has its `stamp` and no `stamps`: {its feed: stamp}, put back at load)
    on_disk = old["urls"][old_linkless]
    assert "stamps" not in on_disk
    assert linkless_key != old_linkless
    assert urls[linkless_key] == {**on_disk, "feed": feed, "stamps": {feed: on_disk["stamp"]}}
    hashes = ArticleStore().state["hashes"]
    assert {hashes[stored_first["hash"]], hashes[stored_second["hash"]]} == {
        canonical_url(first["link"]),
        canonical_url(second["link"]),
    }

    asked = server.hits("/story")
    report = fetch(settings=quick_settings(), force=True)

    assert (report.new, report.updated, report.failures) == (0, 0, [])
    assert sorted(config.fetched_corpus_dir().rglob("*.md")) == files
    # "è" kept its entry's stamp; "é"'s was lost with its key: its page is asked once more (its
    # text found stored), then neither is
    assert server.hits("/story") == asked + 1
    again = fetch(settings=quick_settings(), force=True)
    assert (again.new, again.updated, server.hits("/story")) == (0, 0, asked + 1)


def test_a_lossy_key_whose_file_says_nothing_more_is_left_as_it_is():
    lossy = "https://ex.com/a?id=%EF%BF%BD"
    real = "https://ex.com/b?q=%EF%BF%BD"  # an address that holds U+FFFD itself
    folder = config.fetched_corpus_dir() / "ex"
    folder.mkdir(parents=True)
    (folder / "b.md").write_text(
        f"---\ntitle: B\nurl: '{real}'\nfeed: https://ex.com/rss\n---\n\nText of b.\n", encoding="utf-8"
    )
    state = {
        "version": 1,
        "feeds": {},
        "urls": {
            lossy: {"id": "ex/missing", "hash": "h1", "version": 1},
            real: {"id": "ex/b", "hash": "h2", "version": 1},
        },
        "hashes": {"h1": lossy, "h2": real},
    }
    config.data_dir().joinpath("fetch-state.json").write_text(json.dumps(state), encoding="utf-8")

    loaded = ArticleStore().state

    assert loaded["urls"] == state["urls"] and loaded["hashes"] == state["hashes"]


def test_keys_an_older_reader_spelled_otherwise_are_respelled_and_the_page_is_not_asked_again(server, monkeypatch):
    import reader.fetch.run as run
    import reader.fetch.store as store
    from reader.fetch.urls import lossy_canonical_url

    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    for spelling in ("/caf%c3%a9/1", "/caf%C3%A9/1", "/%7Eann/2", "/~ann/2"):
        server.route(
            spelling,
            Reply(
                page(f"Story number {spelling[-1]} about the {WORDS[int(spelling[-1])]}", text_of(int(spelling[-1])))
            ),
        )
    date = "Tue, 21 Oct 2025 10:00:00 GMT"
    first = {"title": "Story 1", "link": server.url("/caf%c3%a9/1"), "pubDate": date}
    second = {"title": "Story 2", "link": server.url("/%7Eann/2"), "pubDate": date}
    with monkeypatch.context() as older:  # today's code: a path's spellings are keys apart
        older.setattr(run, "canonical_url", lossy_canonical_url)
        older.setattr(store, "_respell_keys", lambda state: None)
        server.route("/feed.xml", Reply(rss("Site", [first, second]), content_type="application/rss+xml"))
        add_subscription(server.url("/feed.xml"), outlet="Site")
        assert fetch(settings=quick_settings()).new == 2
        _as_an_older_reader_saved_it()
    files = sorted(config.fetched_corpus_dir().rglob("*.md"))

    urls = ArticleStore().state["urls"]
    assert sorted(urls) == [server.url("/caf%C3%A9/1"), server.url("/~ann/2")]

    # The feed now spells its links otherwise: the same articles, not asked again.
    respelled = [dict(first, link=server.url("/caf%C3%A9/1")), dict(second, link=server.url("/~ann/2"))]
    server.route("/feed.xml", Reply(rss("Site", respelled), content_type="application/rss+xml"))
    report = fetch(settings=quick_settings(), force=True)
    assert (report.new, report.updated, report.failures) == (0, 0, [])
    assert server.hits("/caf%C3%A9/1") + server.hits("/~ann/2") == 0
    assert sorted(config.fetched_corpus_dir().rglob("*.md")) == files


def _state_file() -> dict:
    return json.loads(config.data_dir().joinpath("fetch-state.json").read_text(encoding="utf-8"))


def _write_state(state: dict) -> None:
    config.data_dir().mkdir(parents=True, exist_ok=True)
    config.data_dir().joinpath("fetch-state.json").write_text(json.dumps(state), encoding="utf-8")


def test_keys_are_migrated_once_and_again_after_an_older_reader_added_some(monkeypatch):
    import reader.fetch.store as store

    record = {"id": "ex/a", "hash": "h1", "version": 1, "feed": "https://ex.com/rss"}
    _write_state({"version": 1, "feeds": {}, "urls": {"https://ex.com/caf%c3%a9": record}, "hashes": {"h1": "x"}})
    first = ArticleStore()
    first.save_state()  # an older reader's keys, migrated and saved by this one
    assert list(_state_file()["urls"]) == ["https://ex.com/caf%C3%A9"]

    tested: list[int] = []
    respell = store._respell_keys
    monkeypatch.setattr(store, "_respell_keys", lambda state: tested.append(1) or respell(state))
    assert list(ArticleStore().state["urls"]) == ["https://ex.com/caf%C3%A9"]
    assert tested == []  # not every key tested again at each load

    # An older reader (downgraded to) ran since: it kept the note, and added a key spelled its way.
    older = _state_file()
    older["urls"]["https://ex.com/%7Eann"] = dict(record, id="ex/b", hash="h2")
    _write_state(older)
    assert sorted(ArticleStore().state["urls"]) == ["https://ex.com/caf%C3%A9", "https://ex.com/~ann"]
    assert tested == [1]


def test_a_damaged_state_s_odd_values_do_not_stop_the_migration():
    folder = config.fetched_corpus_dir() / "ex"
    folder.mkdir(parents=True)
    real = "https://ex.com/a?id=%E9"
    (folder / "a.md").write_text(f"---\ntitle: A\nurl: '{real}'\n---\n\nText of a.\n", encoding="utf-8")
    lossy = "https://ex.com/a?id=%EF%BF%BD"
    urls = {
        lossy: {"id": "ex/a", "hash": "h1", "version": 1},
        "https://ex.com/caf%c3%a9": {"id": "ex/b", "hash": "h2", "version": 1},
        "https://ex.com/x": {"alias": ["not", "a", "key"]},
    }
    _write_state({"version": 1, "feeds": {}, "urls": urls, "hashes": {"h1": lossy, "h2": ["odd"], "h3": {"x": 1}}})

    loaded = ArticleStore().state  # a TypeError (unhashable type) stopped every command that reads it

    assert sorted(loaded["urls"]) == [canonical_url(real), "https://ex.com/caf%C3%A9", "https://ex.com/x"]
    assert loaded["hashes"]["h1"] == canonical_url(real)


def test_a_page_that_failed_for_now_under_an_older_spelling_keeps_its_servers_pause(server, monkeypatch):
    import time

    import reader.fetch.run as run
    import reader.fetch.store as store
    from reader.fetch.urls import lossy_canonical_url

    busy = Reply("busy", status=503, content_type="text/plain", headers={"Retry-After": "3600"})
    server.route("/caf%c3%a9", busy)
    server.route("/caf%C3%A9", busy)
    item = {"title": "Café", "link": server.url("/caf%c3%a9"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/feed.xml", Reply(rss("Site", [item]), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))
    with monkeypatch.context() as older:  # today's code: the path's spelling kept
        older.setattr(run, "canonical_url", lossy_canonical_url)
        older.setattr(store, "_respell_keys", lambda state: None)
        fetch(settings=quick_settings(max_retry_after=1))
        _as_an_older_reader_saved_it()
    asked = server.hits("/caf%c3%a9") + server.hits("/caf%C3%A9")
    (retry,) = ArticleStore().state["retries"].values()
    assert retry["server_pause"] > time.time() + 3000

    # The feed now spells the link otherwise: the server's pause is still honoured.
    server.route(
        "/feed.xml", Reply(rss("Site", [dict(item, link=server.url("/caf%C3%A9"))]), content_type="application/rss+xml")
    )
    fetch(settings=quick_settings(max_retry_after=1), force=True)
    assert server.hits("/caf%c3%a9") + server.hits("/caf%C3%A9") == asked
