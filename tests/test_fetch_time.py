"""When `reader fetch` fetched an article (front matter `fetched:`): kept as the article's fetch time
(never its publication time), stored in the index, shown labelled, and the tiebreak that orders
the fetched articles of one day and outlet that no time of day tells apart (they were in the order
of their titles)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import yaml

from conftest import Doc, LibraryDouble, drive, settle
from http_fixture import Reply, page, rss
from reader import config
from reader.corpus import load_corpus
from reader.fetch import fetch
from reader.fetch.subscriptions import add_subscription
from reader.index.state import ArticleInfo
from reader.listing import sort_articles

BODY = (
    "The council met on Tuesday and approved the budget after a long debate about roads, "
    "schools and the harbour, the mayor said in a statement to reporters at the city hall."
)
# Fetched in the order zebra, mango, apple: the order of their titles is the other way round.
FETCHED = {"zebra": "2025-10-22T10:00:00+00:00", "mango": "2025-10-22T11:00:00+00:00", "apple": "2025-10-22T12:00:00Z"}


def _write(path: Path, front: dict, text: str = BODY) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{header}---\n\n{path.stem} {text}\n", encoding="utf-8")


def _corpus(tmp_path: Path) -> Path:
    """Three articles fetched on one day, with no time of day, and a user's own file of that day."""
    corpus = tmp_path / "news"
    for name, fetched in FETCHED.items():
        front = {"title": f"{name.title()} story", "outlet": "Example", "date": "2025-10-22", "fetched": fetched}
        _write(corpus / "example" / f"{name}.md", {**front, "feed": "https://example.com/feed"})
    _write(corpus / "example" / "banana.md", {"title": "Banana own", "outlet": "Example", "date": "2025-10-22"})
    return corpus


def test_the_loader_keeps_fetched_as_a_utc_moment_apart_from_the_date(tmp_path):
    corpus = _corpus(tmp_path)
    _write(corpus / "zoned.md", {"title": "Zoned", "date": "2025-10-21", "fetched": "2025-10-22T01:30:00+02:00"})
    _write(corpus / "day.md", {"title": "A day", "fetched": "2025-10-22"})  # no moment: no order from it
    _write(corpus / "naive.md", {"title": "Naive", "fetched": "2025-10-22T10:00:00"})  # no zone: not reader fetch's
    _write(corpus / "hostile.md", {"title": "Hostile", "fetched": "[red]2025-10-22T10:00:00Z[/red]"})
    # A scraper's file that gives another saved-at key first: its `fetched:` is read all the same.
    _write(corpus / "scraped.md", {"title": "Scraped", "saved_at": "2025-10-01", "fetched": "2025-10-22T09:00:00Z"})
    entries = [{"title": "Wire", "text": BODY, "fetched": "2025-10-22T10:00:00Z"}]
    (corpus / "wire.jsonl").write_text("\n".join(map(json.dumps, entries)) + "\n", encoding="utf-8")
    loaded = {a.id: a for a in load_corpus([corpus]).articles}
    assert loaded["example/apple"].fetched == "2025-10-22T12:00:00Z"
    assert loaded["example/zebra"].fetched == "2025-10-22T10:00:00Z"  # (written "+00:00": one form)
    assert (loaded["zoned"].date, loaded["zoned"].fetched) == ("2025-10-21", "2025-10-21T23:30:00Z")
    assert loaded["zoned"].time is None  # a fetch time is no time of publication
    assert loaded["scraped"].fetched == "2025-10-22T09:00:00Z"
    for unfetched in ("example/banana", "day", "naive", "hostile", "wire#1"):
        assert loaded[unfetched].fetched is None, unfetched


def test_a_fetch_time_of_no_believable_year_loses_no_article(tmp_path):
    """`fetched: 9999-12-31T23:59:59Z` (or year 1) in a file: the article loads, with no fetch time
    (the reckoning from the moment it was saved overflowed, and its file was skipped)."""
    from reader.corpus import infer, loose_dates

    assert loose_dates.SAVED_YEARS == (infer.MIN_YEAR, infer.MAX_YEAR)
    corpus = tmp_path / "news"
    hostile = {
        "far": "9999-12-31T23:59:59+00:00",
        "far_west": "9999-12-31T23:59:59-05:00",
        "first": "0001-01-01T00:30:00+01:00",
        "saved_far": "9999-12-31",
    }
    for name, fetched in hostile.items():
        key = "saved_at" if name.startswith("saved") else "fetched"
        _write(corpus / f"{name}.md", {"title": name, "outlet": "Example", "date": "2025-10-22", key: fetched})
    _write(corpus / "ago.md", {"title": "Ago", "fetched": "9999-12-31T23:59:59Z"}, "Updated 2 hours ago\n\n" + BODY)
    loaded = load_corpus([corpus])
    assert not loaded.skipped
    assert {a.id: a.fetched for a in loaded.articles} == dict.fromkeys([*hostile, "ago"])


def test_reader_fetch_writes_the_fetch_time_the_loader_reads_back(server):
    title = "Story about the harbour"
    server.route("/news/1", Reply(page(title, [BODY, BODY.replace("council", "senate")])))
    item = {"title": title, "link": server.url("/news/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/feed.xml", Reply(rss("Feed", [item]), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"), outlet="Example News")
    report = fetch()
    [saved] = report.to_dict()["articles"]
    [loaded] = load_corpus([config.fetched_corpus_dir()]).articles
    assert loaded.fetched is not None and loaded.fetched == saved["fetched"]
    # Two moments, each its own, in one form in --json (the front matter's is "+00:00", as ever)
    assert loaded.fetched.endswith("Z") and loaded.time == "2025-10-21T10:00:00Z"
    front = yaml.safe_load(Path(saved["path"]).read_text(encoding="utf-8").split("---")[1])
    assert front["fetched"] == loaded.fetched.replace("Z", "+00:00")


def test_list_orders_the_fetched_articles_of_a_day_by_when_they_were_fetched(tmp_path, reader_in_process):
    """Oldest first, as `reader list` lists a day: the user's own file (no fetch time) keeps its
    place by id, before those fetched."""
    corpus = _corpus(tmp_path)
    listed = json.loads(reader_in_process("--corpus", str(corpus), "list", "--json").stdout)
    assert [a["id"] for a in listed] == ["example/banana", "example/zebra", "example/mango", "example/apple"]
    assert [a["fetched"] for a in listed] == [
        None,
        "2025-10-22T10:00:00Z",
        "2025-10-22T11:00:00Z",
        "2025-10-22T12:00:00Z",
    ]
    # The same in the index's rows (the catalog the app lists is made of them).
    found = json.loads(reader_in_process("--corpus", str(corpus), "search", "council", "--json").stdout)
    assert {h["id"]: h["fetched"] for h in found} == {a["id"]: a["fetched"] for a in listed}


def test_the_apps_list_puts_the_last_fetched_first_among_a_days_articles():
    infos = [
        ArticleInfo(f"example/{name}", "Example", f"{name.title()} story", "2025-10-22", None, None, "", fetched=when)
        for name, when in FETCHED.items()
    ]
    infos.append(ArticleInfo("example/banana", "Example", "Banana own", "2025-10-22", None, None, ""))
    infos.append(ArticleInfo("example/cherry", "Example", "Cherry", "2025-10-23", None, None, ""))

    def order(how: str) -> list[str]:
        shown = sort_articles(infos, how, lambda a: a.date, lambda a: a.outlet, lambda a: a.title)
        return [a.id.split("/")[1] for a in shown]

    assert order("newest") == ["cherry", "apple", "mango", "zebra", "banana"]
    assert order("oldest") == ["banana", "zebra", "mango", "apple", "cherry"]


def test_the_quick_sorts_order_as_the_date_and_same_day_order_do():
    """listing.day_key (the app's list) and core._listed_order (`reader list`'s three sorts) are
    the date with same_day_order after it, and (outlet, that, id), made cheaper."""
    from reader.index.core import _listed_order
    from reader.listing import day_key, same_day_order

    infos = [
        ArticleInfo(f"o{n % 3}/{n}", ["Ex", "ex", None][n % 3], "T", date, None, None, "", time=time, fetched=fetched)
        for n, (date, time, fetched) in enumerate(
            [
                ("2025-10-22", None, "2025-10-22T12:00:00Z"),
                ("2025-10-22", "2025-10-22T06:00:00Z", "2025-10-22T09:00:00Z"),
                ("2025-10-22", None, None),
                ("2025-10-21", "2025-10-21T23:00:00Z", None),
                (None, None, "2025-10-23T09:00:00Z"),
                (None, None, None),
                ("2025-10-22", None, "2025-10-22T08:00:00Z"),
            ]
            * 3
        )
    ]
    assert [day_key(a) for a in infos] == [(a.date or "") + same_day_order(a) for a in infos]
    listed = list(reversed(infos))
    _listed_order(listed)
    # (of an outlet, the undated after its dated days: (not date) before the day)
    assert listed == sorted(infos, key=lambda a: ((a.outlet or "").casefold(), not a.date, day_key(a), a.id))


def test_undated_articles_go_last_in_every_order_reader_list_and_the_apps_list(tmp_path, reader_in_process):
    """`reader list` (by outlet, its days oldest first) listed an outlet's undated articles before
    its dated ones, where the app's list puts them last in every order (newest, oldest, by outlet)
    and `stories` and `coverage` do too: last there as well, a fetched one after a file of yours
    (which counts as older, as of a day)."""
    corpus = _corpus(tmp_path)
    _write(corpus / "example" / "undated-own.md", {"title": "Undated own", "outlet": "Example"})
    front = {"title": "Undated fetched", "outlet": "Example", "fetched": "2025-10-20T09:00:00Z"}
    _write(corpus / "example" / "undated-fetched.md", front)
    _write(corpus / "other" / "early.md", {"title": "Early", "outlet": "Other", "date": "2025-10-01"})
    _write(corpus / "other" / "none.md", {"title": "None", "outlet": "Other"})
    listed = json.loads(reader_in_process("--corpus", str(corpus), "list", "--json").stdout)
    assert [a["id"] for a in listed] == [
        "example/banana",
        "example/zebra",
        "example/mango",
        "example/apple",
        "example/undated-own",
        "example/undated-fetched",
        "other/early",
        "other/none",
    ]
    text = reader_in_process("--corpus", str(corpus), "list").stdout.splitlines()
    assert [line.split()[-1] for line in text] == [a["id"] for a in listed]

    infos = [
        ArticleInfo(a["id"], a["outlet"], a["title"], a["date"], None, None, "", fetched=a["fetched"]) for a in listed
    ]

    def order(how: str) -> list[str]:
        return [a.id for a in sort_articles(infos, how, lambda a: a.date, lambda a: a.outlet, lambda a: a.title)]

    for how in ("newest", "oldest", "outlet"):
        shown = order(how)
        undated = [n for n, ident in enumerate(shown) if "undated" in ident or ident == "other/none"]
        if how == "outlet":  # last of each outlet
            assert shown[4:6] == ["example/undated-fetched", "example/undated-own"] and shown[-1] == "other/none"
        else:
            assert undated == list(range(len(shown) - 3, len(shown))), (how, shown)


def test_of_a_day_the_time_of_day_comes_before_the_fetch_time():
    early = ArticleInfo(
        "a",
        "X",
        "Later title",
        "2025-10-22",
        None,
        None,
        "",
        time="2025-10-22T08:00:00Z",
        fetched="2025-10-22T20:00:00+00:00",
    )
    late = ArticleInfo(
        "b",
        "X",
        "Earlier title",
        "2025-10-22",
        None,
        None,
        "",
        time="2025-10-22T09:00:00Z",
        fetched="2025-10-22T10:00:00Z",
    )
    shown = sort_articles([late, early], "oldest", lambda a: a.date, lambda a: a.outlet, lambda a: a.title)
    assert [a.id for a in shown] == ["a", "b"]


def test_show_says_the_fetch_time_labelled_and_gives_it_in_json(tmp_path, reader_in_process):
    corpus = _corpus(tmp_path)
    shown = reader_in_process("--corpus", str(corpus), "show", "example/apple").stdout
    assert shown.splitlines()[1] == "Example · 2025-10-22 · fetched 2025-10-22 12:00 UTC"
    own = reader_in_process("--corpus", str(corpus), "show", "example/banana").stdout
    assert "fetched" not in own
    [article] = json.loads(reader_in_process("--corpus", str(corpus), "show", "example/apple", "--json").stdout)
    assert (article["date"], article["time"], article["fetched"]) == ("2025-10-22", None, "2025-10-22T12:00:00Z")


def _as_another_reader_wrote(tmp_path: Path, corpus: Path, change: str, *, schema: int, layout: int) -> None:
    """The corpus indexed in tmp_path/ix, its state database then changed as another reader would
    have written it: `change` to its articles table, its index schema and layout these."""
    from reader.index import CorpusIndex, statedb

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    with sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME) as con:
        con.execute(change)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(schema),))
        con.execute("UPDATE meta SET value = ? WHERE key = 'layout'", (str(layout),))
    con.close()


def test_a_state_database_of_the_layout_before_fetched_gets_the_column(tmp_path, isolated_dirs):
    """A state database an older reader wrote (layout 9, index schema 67) has no `fetched`
    column: the next update (a rebuild, the schema being older) adds it and fills it."""
    from reader.index import CorpusIndex, statedb

    corpus = _corpus(tmp_path)
    _as_another_reader_wrote(tmp_path, corpus, "ALTER TABLE articles DROP COLUMN fetched", schema=67, layout=9)
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    rows = statedb.StateDB(tmp_path / "ix").articles()
    assert rows is not None and rows["example/apple"]["fetched"] == "2025-10-22T12:00:00Z"
    assert rows["example/banana"]["fetched"] is None
    assert [a.id for a in index.articles()] == ["example/banana", "example/zebra", "example/mango", "example/apple"]
    index.close()


def test_a_state_database_a_newer_reader_wrote_is_written_again_in_this_layout(tmp_path, isolated_dirs):
    """A newer reader's state database (a later layout and index schema, a column this one does
    not know, NOT NULL): this reader lists the articles with their fetch times, and writes the
    database again in its own layout."""
    from reader.index import CorpusIndex, layout, statedb

    corpus = _corpus(tmp_path)
    newer = "ALTER TABLE articles ADD COLUMN newer TEXT NOT NULL DEFAULT 'x'"
    _as_another_reader_wrote(tmp_path, corpus, newer, schema=layout.SCHEMA_VERSION + 1, layout=statedb.LAYOUT + 1)
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    assert [(a.id, a.fetched) for a in index.articles()] == [
        ("example/banana", None),
        ("example/zebra", "2025-10-22T10:00:00Z"),
        ("example/mango", "2025-10-22T11:00:00Z"),
        ("example/apple", "2025-10-22T12:00:00Z"),
    ]
    index.close()
    meta = statedb.StateDB(tmp_path / "ix").meta()
    assert meta is not None and (meta["layout"], meta["schema"]) == (statedb.LAYOUT, layout.SCHEMA_VERSION)


def test_an_index_a_newer_reader_built_is_said_so_when_rebuilt(tmp_path, isolated_dirs, monkeypatch):
    """An index of a later schema (a newer reader was run on the corpus) is rebuilt, and said to be
    a newer version's, not "an older version of reader"'s; an older one's is said older."""
    from reader.index import CorpusIndex, store

    corpus = _corpus(tmp_path)
    for shift, said in ((1, "a newer"), (-1, "an older")):
        with monkeypatch.context() as patched:
            patched.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + shift)
            patched.setattr(store, "VERSION_FIELD", f"schema_v{store.SCHEMA_VERSION}")
            built = CorpusIndex([corpus], tmp_path / f"ix{shift}")
            built.update()
            built.close()
        index = CorpusIndex([corpus], tmp_path / f"ix{shift}")
        report = index.update()
        assert report.notice == f"index rebuilt: the index was built by {said} version of reader"
        assert [a.fetched for a in index.articles()][-1] == "2025-10-22T12:00:00Z"
        index.close()


async def test_the_article_header_says_when_it_was_fetched():
    library = LibraryDouble()
    doc = Doc("f1", "Example", "Fetched one", "2025-10-22", "The council voted on Tuesday.")
    library.add(dataclasses.replace(doc, fetched="2025-10-22T12:00:00Z"))
    library.add(Doc("own", "Example", "Own file", "2025-10-22", "The council voted on Monday."))
    from reader.tui.app import ReaderApp

    app = ReaderApp(library)
    async with drive(app, (140, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("f1")
        await settle(pilot)
        meta = str(app.screen.query_one("#reader-meta").render())
        assert "Example · 2025-10-22 · fetched 2025-10-22 12:00 UTC · " in meta
        app.screen.open_article("own")
        await settle(pilot)
        assert "fetched" not in str(app.screen.query_one("#reader-meta").render())
