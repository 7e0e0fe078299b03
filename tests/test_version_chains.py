"""The chains of versions as the index records them (statedb's versions table): kept right by
incremental updates, renames and deletions; the links of deleted versions remembered, so the
marks of every older version reach the newest; `show`, `quotes`, `compare` and `fetch --json`
give each article's place; `reader state` names the marks no list shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.index.article_versions import ROW_COLUMNS, Replacements
from reader.index.state import ArticleInfo
from test_article_versions import BASE, CNN, OTHER, _write

FOX = {"title": "Council approves harbour budget", "outlet": "Fox News", "date": "2025-10-21"}
URL = "https://fox.example/a"
V1, V2, V3 = "fox-news/harbour", "fox-news/harbour-v2", "fox-news/harbour-v3"


def _version(corpus: Path, article_id: str, number: int, previous: str | None) -> None:
    front = {**FOX, "url": URL, **({"version": number, "previous": previous} if previous else {})}
    _write(corpus / f"{article_id}.md", front, BASE + f" Correction number {number}." * (number - 1))


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Three versions of a Fox News page and a CNN article of its story."""
    folder = tmp_path / "fetched"
    _version(folder, V1, 1, None)
    _version(folder, V2, 2, V1)
    _version(folder, V3, 3, V2)
    _write(folder / f"{CNN}.md", {"title": "Harbour budget passes", "outlet": "CNN", "date": "2025-10-21"}, OTHER)
    return folder


@pytest.fixture
def library(corpus, tmp_path):
    from reader.library import Library

    opened = Library([corpus], tmp_path / "ix")
    yield opened
    opened.close()


def _page(article_id: str, previous: str | None = None) -> ArticleInfo:
    return ArticleInfo(article_id, "Fox News", "t", None, URL, None, "", previous=previous)


def _stored(library) -> Replacements:
    library.update()
    stored = library.index.replacements()
    assert stored is not None
    return stored


def _same_chains(stored: Replacements, library) -> None:
    """What the index stored is what working the chains out from its articles gives."""
    articles = library.articles()
    worked_out = Replacements.of(articles)
    for article in articles:
        assert stored.listed(article.id) == worked_out.listed(article.id), article.id
        assert stored.mark(article.id) == worked_out.mark(article.id), article.id
    assert stored.chains == worked_out.chains and stored.missing == worked_out.missing


# -- the core -------------------------------------------------------------------------------
def test_the_stored_rows_give_back_the_same_chains():
    found = Replacements.of([_page("a"), _page("a-v2", "a"), _page("a-v4", "a-v3"), _page("b", "gone")])
    again = Replacements.from_rows(found.rows())

    assert len(ROW_COLUMNS) == len(found.rows()[0])
    for article_id in ("a", "a-v2", "a-v4", "b"):
        assert again.listed(article_id) == found.listed(article_id)
        assert again.versions(article_id) == found.versions(article_id)
        assert again.mark(article_id) == found.mark(article_id)
    assert again.chains == found.chains and again.missing == found.missing and again.gone == found.gone


def test_the_versions_table_has_the_rows_columns():
    from reader.index import statedb

    assert statedb.VERSION_COLUMNS == ROW_COLUMNS


def test_working_the_chains_out_at_a_save_reads_no_whole_articles_table(tmp_path):
    """Every save (a one-file update too) picks the articles a chain can involve by the table's
    indexes: a scan of 50,000 rows cost each update 0.04-0.15 s."""

    from reader.index import statedb

    con = statedb.StateDB(tmp_path)._connect(write=True)
    plan = [row[-1] for row in con.execute("EXPLAIN QUERY PLAN " + statedb._CHAIN_ARTICLES)]
    con.close()

    assert plan and not [step for step in plan if step.startswith("SCAN articles")], plan


def test_two_deleted_versions_reach_the_newest_through_the_remembered_link():
    """v1 and v2 deleted: v3's `previous:` names v2, whose file named v1; the index remembered it."""
    before = Replacements.of([_page("a"), _page("a-v2", "a"), _page("a-v3", "a-v2")])
    after = Replacements.of([_page("a-v3", "a-v2")], before.remembered)

    assert after.versions("a-v3") == ("a", "a-v2", "a-v3")
    assert after.newest("a") == after.newest("a-v2") == "a-v3"
    # Not remembered (an index built after the deletion): v1 cannot be told.
    assert Replacements.of([_page("a-v3", "a-v2")]).versions("a-v3") == ("a-v2", "a-v3")


def test_a_renamed_version_deleted_since_still_reaches_the_newest():
    """v1 renamed (its marks followed it to the new id), its URL standing in for it; then deleted."""
    renamed = Replacements.of([_page("tidy/a"), _page("a-v2", "a")])
    deleted = Replacements.of([_page("a-v2", "a")], renamed.remembered)

    assert renamed.versions("a-v2") == ("tidy/a", "a", "a-v2")
    assert set(deleted.versions("a-v2")) == {"tidy/a", "a", "a-v2"} and deleted.versions("a-v2")[-1] == "a-v2"
    assert deleted.newest("tidy/a") == "a-v2"


BRIEFING = "https://fox.example/briefing/today"
# A daily briefing at one address, as `reader fetch` names its files: yesterday's, today's (a
# story of its own, not a version of yesterday's) and today's edited (version 2 of today's).
YESTERDAY = "fox-news/2025-10-21-morning-briefing-0123abcd"
TODAY, TODAY_V2 = "fox-news/2025-10-22-morning-briefing-0123abcd", "fox-news/2025-10-22-morning-briefing-0123abcd-v2"
# Today's as `reader fetch` names an undated page's files (neither its page nor its feed gave a date).
UNDATED, UNDATED_V2 = "fox-news/undated-morning-briefing-0123abcd", "fox-news/undated-morning-briefing-0123abcd-v2"


def _briefing(article_id: str, date: str, previous: str | None = None) -> ArticleInfo:
    return ArticleInfo(article_id, "Fox News", "Morning briefing", date, BRIEFING, None, "", previous=previous)


def test_yesterdays_briefing_at_the_address_never_stands_in_for_todays_deleted_one():
    """Today's briefing deleted, its edit (version 2) names it: yesterday's, the one other
    article of the address, stood in for it as if renamed, and its read mark showed on today's.
    A file renamed keeps its date, which `reader fetch` wrote in the name its edit names."""
    deleted = Replacements.of([_briefing(YESTERDAY, "2025-10-21"), _briefing(TODAY_V2, "2025-10-22", TODAY)])
    assert deleted.place(YESTERDAY) is None and deleted.place(TODAY_V2) is None
    assert deleted.versions(TODAY_V2) == (TODAY, TODAY_V2)
    assert deleted.newest(YESTERDAY) == YESTERDAY
    # Seen by the index before it was deleted: the same.
    seen = Replacements.of(
        [_briefing(YESTERDAY, "2025-10-21"), _briefing(TODAY, "2025-10-22"), _briefing(TODAY_V2, "2025-10-22", TODAY)]
    )
    after = Replacements.of(
        [_briefing(YESTERDAY, "2025-10-21"), _briefing(TODAY_V2, "2025-10-22", TODAY)], seen.remembered
    )
    assert after.versions(TODAY_V2) == (TODAY, TODAY_V2) and after.place(YESTERDAY) is None
    # Today's renamed (its date kept): it stands in, as before.
    renamed = Replacements.of(
        [
            _briefing(YESTERDAY, "2025-10-21"),
            _briefing("fox-news/today", "2025-10-22"),
            _briefing(TODAY_V2, "2025-10-22", TODAY),
        ]
    )
    assert renamed.listed(TODAY_V2)["previous"] == "fox-news/today"


def _fetched_briefings(tmp_path, today: str = TODAY, today_v2: str = TODAY_V2, day: str | None = "2025-10-22"):
    """A fetched folder with yesterday's briefing, today's and today's edit (version 2 of today's;
    `day` None: today's page stated no date, and `reader fetch` named them `undated-…`)."""
    folder = tmp_path / "fetched"
    front = {"title": "Morning briefing", "outlet": "Fox News", "url": BRIEFING}
    _write(folder / f"{YESTERDAY}.md", {**front, "date": "2025-10-21"}, OTHER)
    dated = {**front, "date": day} if day else front
    _write(folder / f"{today}.md", dated, BASE)
    edited = {**dated, "version": 2, "previous": today}
    _write(folder / f"{today_v2}.md", edited, BASE + " Correction: the vote was eight to three.")
    return folder


def test_yesterdays_read_mark_does_not_show_on_todays_briefing_once_its_first_version_is_deleted(tmp_path):
    from reader.library import Library
    from reader.state.marks import Mark

    folder = _fetched_briefings(tmp_path)
    library = Library([folder], tmp_path / "ix")
    try:
        library.update()
        library.marks.put({YESTERDAY: Mark(read=True, starred=True)})
        (folder / f"{TODAY}.md").unlink()
        library.update()
        shown = library.shown_marks()
        assert shown[YESTERDAY] == Mark(read=True, starred=True)
        assert shown.get(TODAY_V2, Mark()) == Mark()
        assert library.replacements().listed(TODAY_V2)["previous"] is None
    finally:
        library.close()


@pytest.mark.parametrize(
    "today, today_v2, day, layout",
    [(TODAY, TODAY_V2, "2025-10-22", "7"), (UNDATED, UNDATED_V2, None, "8")],
    ids=["named-by-its-day", "undated"],
)
def test_chains_an_older_reader_stored_with_yesterdays_briefing_standing_in_are_worked_out_again(
    tmp_path, monkeypatch, today, today_v2, day, layout
):
    """A reader before the day rule of stand-ins stored yesterday's briefing as the version today's
    deleted one was (and the marks file kept the link): the next update that found nothing else
    changed wrote nothing, and yesterday's marks showed on today's edit till one changed something.
    Layout 8 had the rule for a gone id named by its day, 9 for one named with none (undated)."""
    import sqlite3

    from reader.index import article_versions, statedb
    from reader.library import Library
    from reader.state.marks import Mark

    folder = _fetched_briefings(tmp_path, today, today_v2, day)
    older = Library([folder], tmp_path / "ix")
    try:
        with monkeypatch.context() as before_the_rule:
            before_the_rule.setattr(article_versions, "_named_day", lambda article_id: None)
            before_the_rule.setattr(article_versions, "_day", lambda date: None)
            older.update()
            older.marks.put({YESTERDAY: Mark(read=True, starred=True)})
            (folder / f"{today}.md").unlink()
            older.update()
            assert older.replacements().listed(today_v2)["previous"] == YESTERDAY  # (as it was)
    finally:
        older.close()
    database = sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME, isolation_level=None)
    try:
        database.execute("UPDATE meta SET value = ? WHERE key = 'layout'", (layout,))  # the older reader's
    finally:
        database.close()

    library = Library([folder], tmp_path / "ix")
    try:
        assert not library.update().changed
        assert library.replacements().listed(today_v2)["previous"] is None
        assert library.shown_marks().get(today_v2, Mark()) == Mark()
        assert today_v2 not in (library._version_links().kept() or {})
    finally:
        library.close()


# -- the index ------------------------------------------------------------------------------
def test_the_index_keeps_the_chains_right_through_incremental_updates(library, corpus):
    _same_chains(_stored(library), library)
    assert _stored(library).listed(V3) == {"version": 3, "previous": V2, "replaced_by": None}

    _version(corpus, "fox-news/harbour-v4", 4, V3)  # a new version fetched
    stored = _stored(library)
    _same_chains(stored, library)
    assert stored.listed(V3)["replaced_by"] == "fox-news/harbour-v4"

    (corpus / f"{V1}.md").rename(corpus / "fox-news" / "tidy.md")  # renamed: its URL stands in for it
    stored = _stored(library)
    _same_chains(stored, library)
    assert stored.listed(V2)["previous"] == "fox-news/tidy"

    (corpus / "fox-news/harbour-v4.md").unlink()  # the newest deleted
    stored = _stored(library)
    _same_chains(stored, library)
    assert stored.listed(V3) == {"version": 3, "previous": V2, "replaced_by": None}


def test_marks_of_two_deleted_versions_show_on_the_newest(library, corpus):
    from reader.state.marks import Mark

    library.update()
    library.marks.put({V1: Mark(starred=True), V2: Mark(read=True)})
    (corpus / f"{V1}.md").unlink()
    library.update()
    (corpus / f"{V2}.md").unlink()  # in another update: the index remembered v2's link to v1
    library.update()

    assert library.replacements().versions(V3) == (V1, V2, V3)
    assert library.shown_marks()[V3] == Mark(read=True, starred=True, updated=True)
    assert library.marks_state()["unattached"] == []


def test_marks_of_a_version_renamed_then_deleted_show_on_the_newest(library, corpus):
    from reader.state.marks import Mark

    library.update()
    library.marks.put({V1: Mark(starred=True)})
    (corpus / f"{V1}.md").rename(corpus / "fox-news" / "tidy.md")
    library.update()  # the star follows the renamed file
    assert library.marks.get("fox-news/tidy") == Mark(starred=True)
    (corpus / "fox-news" / "tidy.md").unlink()
    library.update()

    assert library.shown_marks()[V3].starred
    assert library.marks_state()["unattached"] == []


def test_the_remembered_links_outlive_a_rebuild(library, corpus):
    from reader.state.marks import Mark

    library.update()
    library.marks.put({V1: Mark(starred=True)})
    for article_id in (V1, V2):
        (corpus / f"{article_id}.md").unlink()
    library.update()
    library.update(rebuild=True)

    assert library.shown_marks()[V3].starred


# -- the commands ---------------------------------------------------------------------------
VERSION_KEYS = ("version", "previous", "replaced_by")


def test_show_quotes_and_compare_json_give_each_articles_place(corpus, reader_in_process):
    index = ["--corpus", str(corpus)]
    reader_in_process(*index, "index")

    shown = json.loads(reader_in_process(*index, "show", V2, V3, CNN, "--json").stdout)
    quoted = json.loads(reader_in_process(*index, "quotes", V2, "--json").stdout)
    compared = json.loads(reader_in_process(*index, "compare", V2, V3, "--json").stdout)
    outside = json.loads(reader_in_process("show", str(corpus / f"{V2}.md"), "--json").stdout)  # not indexed

    assert [[a[k] for k in VERSION_KEYS] for a in shown] == [[2, V1, V3], [3, V2, None], [1, None, None]]
    assert [quoted[0][k] for k in VERSION_KEYS] == [2, V1, V3]
    assert [[compared[side][k] for k in VERSION_KEYS] for side in ("left", "right")] == [[2, V1, V3], [3, V2, None]]
    assert [outside[0][k] for k in VERSION_KEYS] == [1, None, None]
    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}
    assert all(listed[a["id"]][k] == a[k] for a in shown for k in VERSION_KEYS)


def test_reader_state_names_the_marks_no_list_shows(corpus, reader_in_process, tmp_path):
    from reader import config
    from reader.state.marks import Mark, MarkStore

    index = ["--corpus", str(corpus)]
    reader_in_process(*index, "index")
    MarkStore(config.data_dir() / "marks.sqlite3", [corpus]).put(
        {V1: Mark(starred=True), CNN: Mark(read=True), "fox-news/[red]x\x1b[2J": Mark(read=True)}
    )
    (corpus / f"{CNN}.md").unlink()  # deleted: its mark is of no article
    (corpus / f"{V1}.md").unlink()  # an older version: its star shows on the newest
    reader_in_process(*index, "index")

    status = json.loads(reader_in_process(*index, "state", "--json").stdout)
    said = reader_in_process(*index, "state").stdout

    assert [m["id"] for m in status["unattached"]] == [CNN, "fox-news/[red]x\x1b[2J"]
    # Counted of this corpus's articles: the unattached marks (CNN's, the odd id's) are not.
    assert (status["read"], status["starred"]) == (0, 1)
    assert "2 marks of no article of this corpus" in said and f"  {CNN} (read)" in said
    assert "\x1b" not in said and V1 not in said


def test_fetch_json_names_the_version_that_replaced_one_kept_in_the_same_run(tmp_path):
    from reader.fetch.run import FetchReport
    from reader.fetch.store import Saved

    def saved(article_id: str, version: int, previous: str | None) -> Saved:
        return Saved(article_id, tmp_path / f"{article_id}.md", URL, "t", "Fox News", version, previous)

    report = FetchReport(articles=[saved("a", 1, None), saved("a-v2", 2, "a"), saved("a-v3", 3, "a-v2")])

    records = report.to_dict()["articles"]

    assert [(r["id"], r["previous"], r["replaced_by"]) for r in records] == [
        ("a", None, "a-v3"),
        ("a-v2", "a", "a-v3"),
        ("a-v3", "a-v2", None),
    ]
    assert list(records[0])[-3:] == ["version", "previous", "replaced_by"]  # list --json's order


async def the_app_shows_the_star_of_v1_on_v3(library) -> None:
    """V1 and V2 deleted, V1 starred: the app lists V1's mark and shows the star on V3 (closes
    `library`)."""
    from conftest import drive, settle, wait_for
    from reader.tui.app import ReaderApp

    try:
        app = ReaderApp(library)
        async with drive(app, (140, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: len(app.articles) == 2 and V1 in app.screen.source_list.marks)

            assert app.screen.source_list.shown_mark(V3).starred
    finally:
        library.close()


async def test_the_apps_list_shows_the_star_of_two_deleted_versions_on_the_newest(corpus, tmp_path):
    from reader import config
    from reader.library import Library
    from reader.state.marks import Mark, MarkStore

    def index() -> None:
        updating = Library([corpus], tmp_path / "ix")
        updating.update()
        updating.close()

    index()
    MarkStore(config.data_dir() / "marks.sqlite3", [corpus]).put({V1: Mark(starred=True)})
    for article_id in (V1, V2):
        (corpus / f"{article_id}.md").unlink()
    index()  # (it sees them gone)
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    await the_app_shows_the_star_of_v1_on_v3(library)


def test_an_index_of_a_layout_before_previous_is_updated(corpus, tmp_path):
    """A state database written before articles.previous (layout 4) gets the column, then the
    indexes on it: an update of it does not fail on "no such column"."""
    import sqlite3

    from reader.index import statedb
    from reader.index.core import CorpusIndex

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    with sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME) as con:
        for name in ("articles_previous", "articles_url"):
            con.execute(f"DROP INDEX IF EXISTS {name}")
        con.execute("DROP TABLE versions")
        con.execute("ALTER TABLE articles DROP COLUMN previous")
        con.execute("UPDATE meta SET value = '51' WHERE key = 'schema'")
        con.execute("UPDATE meta SET value = '4' WHERE key = 'layout'")
    con.close()

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    stored = index.replacements()
    index.close()
    assert stored is not None and stored.versions(V3) == (V1, V2, V3)


def test_state_s_json_given_before_its_action_is_the_action_s(corpus, reader_in_process, tmp_path):
    """`reader state` took --json for itself: `reader state --json repair` printed words (the
    action's own --json, unset, won) where a script asked for JSON."""
    index = ["--corpus", str(corpus)]
    exported = tmp_path / "marks.json"
    exported.write_text(reader_in_process(*index, "state", "export").stdout, encoding="utf-8")

    for action in (["repair"], ["import", str(exported)]):
        before = json.loads(reader_in_process(*index, "state", "--json", *action).stdout)
        after = json.loads(reader_in_process(*index, "state", *action, "--json").stdout)
        assert before.keys() == after.keys(), action
    assert not reader_in_process(*index, "state", "repair").stdout.startswith("{")


# -- the links kept beside the marks (the index is a cache) ----------------------------------
def test_marks_of_deleted_versions_outlive_the_deleted_index(library, corpus, tmp_path):
    import shutil

    from reader.library import Library
    from reader.state.marks import Mark

    library.update()
    library.marks.put({V1: Mark(starred=True), V2: Mark(read=True)})
    (corpus / f"{V1}.md").unlink()
    library.update()
    (corpus / f"{V2}.md").unlink()
    library.update()
    library.close()
    shutil.rmtree(tmp_path / "ix")  # the cache cleared: only the data dir is left

    fresh = Library([corpus], tmp_path / "ix")
    try:
        fresh.update()
        assert fresh.replacements().versions(V3) == (V1, V2, V3)
        assert fresh.shown_marks()[V3] == Mark(read=True, starred=True, updated=True)
        assert fresh.marks_state()["unattached"] == []
    finally:
        fresh.close()


def test_reader_list_shows_the_star_of_deleted_versions_after_the_cache_is_deleted(corpus, reader_in_process):
    import shutil

    from reader import config
    from reader.state.marks import Mark, MarkStore

    index = ["--corpus", str(corpus)]
    reader_in_process(*index, "index")
    MarkStore(config.data_dir() / "marks.sqlite3", [corpus]).put({V1: Mark(starred=True)})
    for article_id in (V1, V2):
        (corpus / f"{article_id}.md").unlink()
    reader_in_process(*index, "index")
    shutil.rmtree(config.cache_dir())

    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}
    status = json.loads(reader_in_process(*index, "state", "--json").stdout)

    assert listed[V3]["starred"] is True
    assert status["unattached"] == []


async def test_the_app_shows_the_star_of_deleted_versions_after_the_cache_is_deleted(corpus, tmp_path):
    import shutil

    from reader import config
    from reader.library import Library
    from reader.state.marks import Mark, MarkStore

    updating = Library([corpus], tmp_path / "ix")
    updating.update()
    MarkStore(config.data_dir() / "marks.sqlite3", [corpus]).put({V1: Mark(starred=True)})
    for article_id in (V1, V2):
        (corpus / f"{article_id}.md").unlink()
    updating.update()
    updating.close()
    shutil.rmtree(tmp_path / "ix")
    library = Library([corpus], tmp_path / "ix")  # the app builds the index afresh
    await the_app_shows_the_star_of_v1_on_v3(library)


def test_a_marks_file_of_layout_1_gets_the_links_table_and_keeps_its_marks(corpus, tmp_path):
    """A marks file an older reader wrote (stamped, layout 1, the marks table alone): read, it is
    left as it is; the first update that keeps a link adds the table, and its marks stay."""
    import sqlite3
    import time

    from reader import config
    from reader.library import Library
    from reader.state.marks import Mark
    from reader.state.marks_db import APPLICATION_ID, SCHEMA

    path = config.data_dir() / "marks.sqlite3"
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as con:
        con.execute(SCHEMA)
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute("PRAGMA user_version = 1")
        con.execute("INSERT INTO marks VALUES (?, ?, 0, 1, ?)", (str(corpus.resolve()), V1, time.time()))
    con.close()
    library = Library([corpus], tmp_path / "ix")
    try:
        library.update()
        assert library.marks.get(V1) == Mark(starred=True)
        (corpus / f"{V1}.md").unlink()
        library.update()
    finally:
        library.close()

    with sqlite3.connect(path) as con:
        layout = con.execute("PRAGMA user_version").fetchone()[0]
        links = con.execute("SELECT article, older FROM version_links").fetchall()
        stars = con.execute("SELECT article FROM marks WHERE starred").fetchall()
    con.close()
    assert (layout, links, stars) == (2, [(V2, V1)], [(V1,)])


def test_the_links_of_deleted_versions_without_marks_are_let_go(library, corpus):
    from reader.state.marks import Mark

    library.update()
    library.marks.put({CNN: Mark(read=True)})  # a marks file, but no mark on the versions
    (corpus / f"{V1}.md").unlink()
    library.update()
    assert library._version_links().kept() == {}  # (v2's link to v1 led to no mark)
    library.marks.put({V2: Mark(starred=True)})
    (corpus / f"{V2}.md").unlink()
    library.update()

    assert library.index.replacements().remembered == {V3: V2}
    assert library._version_links().kept() == {V3: V2}
    assert library.shown_marks()[V3].starred


def test_a_link_past_gone_versions_without_marks_goes_to_the_marked_one():
    from reader.index.article_versions import prune_remembered

    remembered = {"v4": "v3", "v3": "v2", "v2": "v1", "x2": "x1", "y3": "y2", "y2": "y1"}

    assert prune_remembered(remembered, {"v4", "y3"}, {"v1", "y2"}) == {"v4": "v1", "y3": "y2"}
    assert prune_remembered(remembered, {"v4"}, set()) == {}
    assert prune_remembered(remembered, set(), {"x1"}) == {"x2": "x1"}  # the newest's file may come back


def test_links_kept_that_cannot_be_read_are_not_written_over(tmp_path):
    """A fresh index (it remembers nothing) built while the marks file cannot be read (locked for
    long, damaged): what it would hand back to keep lacks every kept link; nothing is handed."""
    from reader.index import statedb

    class Unreadable:
        def kept(self):
            return None

        def marked(self, ids):
            raise AssertionError("not asked: nothing is pruned")

        def keep(self, links):
            raise AssertionError("not written over")

    con = statedb.StateDB(tmp_path)._connect(write=True)
    try:
        assert statedb._write_versions(con, Unreadable()) is None
    finally:
        con.close()


def test_an_index_update_waits_for_a_locked_marks_file_no_longer_than_a_listing(library, corpus, monkeypatch):
    """The links are read (inside the index's own write) and written after each update: a marks
    file another process keeps locked (a repair, an import) held every update up for 10 s and
    more; it waits as `reader list` does, then goes on without them (the next update keeps them)."""
    import sqlite3

    from reader.state import marks as marks_module
    from reader.state.marks import Mark

    library.update()
    library.marks.put({V1: Mark(starred=True)})
    (corpus / f"{V1}.md").unlink()
    waits: list[float] = []
    connect = sqlite3.connect

    def recorded(database, *args, **kwargs):
        if "marks.sqlite3" in str(database):
            waits.append(kwargs.get("timeout", 5.0))
        return connect(database, *args, **kwargs)

    monkeypatch.setattr(marks_module.sqlite3, "connect", recorded)
    library.update()

    assert waits and max(waits) <= marks_module.LIST_WAIT_SECONDS, waits
    monkeypatch.setattr(marks_module.sqlite3, "connect", connect)
    assert library.replacements().versions(V3) == (V1, V2, V3)


class _CountedIds(set):
    """A set of ids that counts how often it is asked whether it holds one."""

    asked = 0

    def __contains__(self, item) -> bool:
        self.asked += 1
        return super().__contains__(item)


def test_pruning_a_long_chain_of_gone_versions_walks_each_version_a_few_times():
    """A page fetched 10,000 times, its old versions deleted and the first one read: the index of
    a reader that never pruned remembers 10,000 links, and the first pruning went down the rest
    of the chain from every link (34 s inside the index's write); each version is walked once."""
    from reader.index.article_versions import prune_remembered

    length = 2_000
    remembered = {f"v{number + 1}": f"v{number}" for number in range(length)}
    present = _CountedIds({f"v{length}"})

    assert prune_remembered(remembered, present, {"v0"}) == {f"v{length}": "v0"}
    assert present.asked < 20 * length


def test_pruning_goes_past_the_same_versions_with_links_in_a_loop():
    """Links that loop (front matter written by hand) stop the walk past gone unmarked versions
    before it comes round, as before the walk was shared between links."""
    from reader.index.article_versions import prune_remembered

    looped = {"a": "b", "b": "c", "c": "a", "d": "b", "x": "a"}
    assert prune_remembered(looped, {"d", "x"}, {"c"}) == {"b": "c", "c": "b", "d": "c", "x": "c"}
    through_a_present_one = {"p": "g1", "g1": "g2", "g2": "p", "q": "g1"}
    assert prune_remembered(through_a_present_one, {"p", "q"}, {"g2"}) == {"p": "g2", "g2": "p", "q": "g2"}


# -- the links in `state export` / `import`, and marks set after an update let them go ------------
def _star_v1_then_delete_v1_and_v2(reader_in_process, index: list[str], corpus: Path) -> None:
    """V1 starred, then V1 and V2 deleted and indexed: the marks file keeps V3's link to V1."""
    from reader import config
    from reader.state.marks import Mark, MarkStore

    reader_in_process(*index, "index")
    MarkStore(config.data_dir() / "marks.sqlite3", [corpus]).put({V1: Mark(starred=True)})
    for article_id in (V1, V2):
        (corpus / f"{article_id}.md").unlink()
    reader_in_process(*index, "index")


def test_a_deleted_versions_star_shows_on_its_newest_after_an_import_on_another_machine(
    corpus, reader_in_process, tmp_path
):
    """`state export` held the marks, not the links: imported on a new machine (an index of its
    own, no marks file), V1's star showed on no article."""
    import shutil

    from reader import config

    index = ["--corpus", str(corpus)]
    _star_v1_then_delete_v1_and_v2(reader_in_process, index, corpus)
    exported = reader_in_process("state", "export").stdout
    assert [(link["article"], link["older"]) for link in json.loads(exported)["version_links"]] == [(V3, V1)]
    (tmp_path / "marks.json").write_text(exported, encoding="utf-8")
    (config.data_dir() / "marks.sqlite3").unlink()  # the new machine: its own index, no marks
    shutil.rmtree(config.cache_dir())
    reader_in_process(*index, "index")

    done = json.loads(reader_in_process(*index, "state", "import", "marks.json", "--json").stdout)
    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}
    status = json.loads(reader_in_process(*index, "state", "--json").stdout)

    assert (done["version_links"], done["version_links_added"]) == (1, 1)
    assert listed[V3]["starred"] is True  # at once: `list` reads the index as it is
    assert status["unattached"] == [] and status["starred"] == 1
    reader_in_process(*index, "index", "--rebuild")  # the index reads the links, and keeps them
    assert {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}[V3]["starred"]


def test_an_import_merges_the_links_and_never_drops_the_receivers(tmp_path):
    from reader.state.marks import Mark, MarkStore
    from reader.state.transfer import export_document, import_marks, parse_document

    news = tmp_path / "news"
    news.mkdir()
    (news / "c-v3.md").write_text("x", encoding="utf-8")
    sender = MarkStore(tmp_path / "sender.sqlite3", [news])
    sender.change({"a": {"starred": True}, "b": {"read": True}}, links={"a-v2": "a", "b-v3": "b", "c-v3": "c-other"})
    receiver = MarkStore(tmp_path / "receiver.sqlite3", [news])
    receiver.change({"c": {"read": True}}, links={"c-v3": "c"})
    document = json.dumps(export_document(sender, tmp_path / "fetched", "test")).encode()

    report = import_marks(receiver, parse_document(document, "x"), [news], tmp_path / "fetched")

    links = {(link.article, link.older) for link in receiver.stored_links()}
    assert links == {("a-v2", "a"), ("b-v3", "b"), ("c-v3", "c")}  # the receiver's c-v3 link stays
    assert (report.links, report.counts.links_added) == (3, 2)
    assert receiver.all() == {"a": Mark(starred=True), "b": Mark(read=True), "c": Mark(read=True)}


def test_an_export_written_before_the_links_imports_as_before(tmp_path):
    from reader.state.marks import Mark, MarkStore
    from reader.state.transfer import BadStateFile, import_marks, parse_document

    news = tmp_path / "news"
    news.mkdir()
    old = {"format": "reader-state", "version": 1, "reader": "0.9", "exported": "2025-01-01T00:00:00+00:00"}
    mark = {"folder": str(news), "article": "a", "read": True, "starred": False, "changed": "2025-01-01T00:00:00+00:00"}
    store = MarkStore(tmp_path / "marks.sqlite3", [news])

    report = import_marks(store, parse_document(json.dumps({**old, "marks": [mark]}).encode(), "x"), [news], news)

    assert store.all() == {"a": Mark(read=True)} and store.stored_links() == []
    assert (report.links, report.counts.links_added) == (0, 0)
    bad = {**old, "marks": [], "version_links": [{"folder": str(news), "article": "a-v2", "older": "../x"}]}
    with pytest.raises(BadStateFile, match=r'^x: version_links\[0\]: "older" is not an article id$'):
        parse_document(json.dumps(bad).encode(), "x")


def test_a_star_set_from_a_list_of_before_the_deletion_shows_on_the_newest(library, corpus, tmp_path):
    """A window listed V1, V2, V3; V1 and V2 were deleted and another process's update let their
    links go (no mark needed them); then the star set on V1 in that window showed on no article.
    The star keeps the links up to V3 with it."""
    from reader.library import Library
    from reader.state.marks import Mark
    from reader.state.version_marks import links_to_keep

    library.update()
    library.marks.put({CNN: Mark(read=True)})  # a marks file, no mark on the versions
    seen = library.replacements()  # what the window lists
    for article_id in (V1, V2):
        (corpus / f"{article_id}.md").unlink()
    elsewhere = Library([corpus], tmp_path / "ix")
    elsewhere.update()
    elsewhere.close()
    assert library._version_links().kept() == {}  # let go: no mark needed them then

    library.marks.change({V1: {"starred": True}}, links_to_keep([V1], seen))  # as the window saves it

    assert library.shown_marks()[V3].starred  # at once, before any update
    library.update(rebuild=True)  # the update keeps them now: V1's star needs them
    assert library.shown_marks()[V3].starred and library.marks_state()["unattached"] == []
    assert library._version_links().kept() == {V3: V1}


def test_a_star_on_a_present_older_version_keeps_its_links_till_it_is_taken_off(library, corpus):
    """The corpus gives these links, but a `state export` carries only what the marks file keeps
    (another machine may have fetched the newest version alone): kept while a mark needs them,
    let go by the next update once none does."""
    from reader.state.version_marks import links_to_keep

    library.update()
    library.marks.change({V2: {"starred": True}}, links_to_keep([V2], library.marks_replacements()))

    assert library.shown_marks()[V3].starred
    library.update(rebuild=True)
    assert library._version_links().kept() == {V3: V2}
    assert library.shown_marks()[V3].starred
    library.marks.change({V2: {"starred": False}})
    library.update(rebuild=True)
    assert library._version_links().kept() == {}


def test_an_update_lets_go_only_of_the_links_it_read(tmp_path):
    """A link a mark kept while an update worked the chains out (between its read of the links
    and its write) is the mark's: the update's write, which lacks it, does not delete it."""
    from reader.state.marks import MarkStore
    from reader.state.version_links import KeptVersionLinks

    news = tmp_path / "news"
    news.mkdir()
    store = MarkStore(tmp_path / "marks.sqlite3", [news])
    store.change({"a": {"read": True}}, links={"a-v2": "a", "b-v2": "b"})
    keeper = KeptVersionLinks(store)
    assert keeper.kept() == {"a-v2": "a", "b-v2": "b"}
    store.change({"c": {"starred": True}}, links={"c-v3": "c"})  # a window, meanwhile

    assert keeper.keep({"a-v2": "a"})  # the update let b-v2's link go

    assert KeptVersionLinks(store).kept() == {"a-v2": "a", "c-v3": "c"}


async def test_a_star_set_in_a_window_still_listing_a_deleted_version_shows_on_its_newest(
    corpus, tmp_path, monkeypatch
):
    """The window listed V1; another process deleted V1 and V2 and its update let their links go;
    `s` on V1's row starred a version that showed on no article, in this window or any other."""
    from conftest import drive, press_and_settle, settle, wait_for
    from reader import config
    from reader.library import Library
    from reader.state.marks import Mark, MarkStore
    from reader.tui import app as app_module
    from reader.tui.app import ReaderApp

    def index() -> None:
        updating = Library([corpus], tmp_path / "ix")
        updating.update()
        updating.close()

    monkeypatch.setattr(app_module, "WATCH_SECONDS", 3600)  # the window keeps listing V1
    index()
    marks = MarkStore(config.data_dir() / "marks.sqlite3", [corpus])
    marks.put({CNN: Mark(read=True)})  # a marks file, no mark on the versions
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (140, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: len(app.articles) == 4)
            for article_id in (V1, V2):
                (corpus / f"{article_id}.md").unlink()
            index()  # another process's update: no mark needed V1's links
            app.screen.source_list.reveal(V1)
            await settle(pilot)
            await press_and_settle(pilot, "s")
            await wait_for(pilot, lambda: marks.get(V1).starred)
    finally:
        library.close()

    fresh = Library([corpus], tmp_path / "ix")
    try:
        assert fresh.shown_marks()[V3].starred
        fresh.update(rebuild=True)
        assert fresh.shown_marks()[V3].starred and fresh.marks_state()["unattached"] == []
    finally:
        fresh.close()


async def test_a_running_app_shows_an_imported_star_of_a_deleted_version_on_its_newest(
    corpus, tmp_path, monkeypatch, reader_in_process
):
    """`reader state import` while the app runs: the app read the marks again, but its chains
    lacked the links the import brought, and V1's star showed on no article until a restart."""
    import shutil

    from conftest import drive, settle, wait_for
    from reader import config
    from reader.library import Library
    from reader.tui import app as app_module
    from reader.tui.app import ReaderApp

    index = ["--corpus", str(corpus)]
    _star_v1_then_delete_v1_and_v2(reader_in_process, index, corpus)
    (tmp_path / "marks.json").write_text(reader_in_process("state", "export").stdout, encoding="utf-8")
    (config.data_dir() / "marks.sqlite3").unlink()  # the new machine: its own index, no marks
    shutil.rmtree(config.cache_dir())
    reader_in_process(*index, "index")
    monkeypatch.setattr(app_module, "WATCH_SECONDS", 0.1)
    library = Library([corpus], tmp_path / "ix-app")
    try:
        app = ReaderApp(library)
        async with drive(app, (140, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: len(app.articles) == 2)
            assert not app.screen.source_list.shown_mark(V3).starred

            reader_in_process(*index, "state", "import", str(tmp_path / "marks.json"))

            await wait_for(pilot, lambda: app.screen.source_list.shown_mark(V3).starred)
    finally:
        library.close()


def test_the_articles_a_chain_can_involve_give_the_chains_all_of_them_give():
    """Library.marks_replacements works the chains out again from these alone (a list of 50,000
    articles took 0.2-0.5 s, these 1 ms)."""
    from reader.index.article_versions import in_chains

    articles = [
        _page("tidy/a"),  # renamed: its URL stands in for "a", which "a-v2" names
        _page("a-v2", "a"),
        _page("b-v3", "b-v2"),  # b-v2 and b gone, linked
        ArticleInfo("other", "CNN", "t", None, "https://cnn.example/x", None, ""),
    ]
    links = {"b-v3": "b-v2", "b-v2": "b"}

    picked = in_chains(articles, links)

    assert [a.id for a in picked] == ["tidy/a", "a-v2", "b-v3"]
    assert Replacements.of(picked, links).marked == Replacements.of(articles, links).marked


def test_the_links_a_mark_keeps_are_taken_once_per_chain():
    """Every version of a chain of 10,000 marked at once (`u` on its group, in the app's event
    loop) looked each one up in its chain and took the links from it up: 23 s. Each chain's
    versions are read once for the places, once for the links from its oldest marked version."""
    from reader.state.version_marks import links_to_keep

    chain = Replacements.of([_page(f"v{n}", f"v{n - 1}" if n else None) for n in range(2_000)])
    asked: list[str] = []

    class Counting:
        def newest(self, article_id: str) -> str:
            return chain.newest(article_id)

        def versions(self, article_id: str) -> tuple[str, ...]:
            asked.append(article_id)
            return chain.versions(article_id)

    links = links_to_keep([f"v{n}" for n in range(2_000)], Counting())

    assert links == {f"v{n}": f"v{n - 1}" for n in range(1, 2_000)}
    assert len(asked) <= 2
    assert links_to_keep(["v1999"], chain) == {}  # the newest: no older version
    assert links_to_keep(["v1997", "v1995"], chain) == {
        "v1996": "v1995",
        "v1997": "v1996",
        "v1998": "v1997",
        "v1999": "v1998",
    }
    assert links_to_keep(["elsewhere"], chain) == {}


def test_marks_on_older_versions_a_sender_still_has_show_on_the_newest_after_an_import(
    reader_in_process, tmp_path, monkeypatch
):
    """The sender keeps every version (nothing deleted), so it kept no link and its export held
    none; the receiver, whose fetched folder has only the newest version, showed the read mark
    of V1 and the star of V2 on no article. The marks file keeps the links from a marked older
    version up to its newest, present or not, and the export carries them."""
    from reader import config
    from reader.state.marks import Mark, MarkStore

    sender = tmp_path / "sender"
    monkeypatch.setenv("READER_DATA_DIR", str(sender))
    fetched = config.fetched_corpus_dir()
    marks = MarkStore(config.data_dir() / "marks.sqlite3", [fetched])
    # V1 read and V2 starred when each was the newest; the next fetch brought the next version.
    for number, (article_id, previous, mark) in enumerate(
        ((V1, None, Mark(read=True)), (V2, V1, Mark(starred=True)), (V3, V2, None)), 1
    ):
        _version(fetched, article_id, number, previous)
        reader_in_process("--corpus", str(fetched), "index")
        if mark is not None:
            marks.put({article_id: mark})
    exported = reader_in_process("state", "export").stdout
    assert {(link["article"], link["older"], link["fetched"]) for link in json.loads(exported)["version_links"]} == {
        (V2, V1, True),
        (V3, V2, True),
    }
    (tmp_path / "marks.json").write_text(exported, encoding="utf-8")

    receiver = tmp_path / "receiver"  # another machine: its own data dir and cache, only V3 fetched
    monkeypatch.setenv("READER_DATA_DIR", str(receiver))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "receiver-cache"))
    fetched = config.fetched_corpus_dir()
    _version(fetched, V3, 3, V2)
    index = ["--corpus", str(fetched)]
    reader_in_process(*index, "index")
    done = json.loads(reader_in_process(*index, "state", "import", "marks.json", "--json").stdout)
    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}

    assert (done["version_links"], done["version_links_added"]) == (2, 2)
    assert (listed[V3]["read"], listed[V3]["starred"]) == (True, True)
    assert json.loads(reader_in_process(*index, "state", "--json").stdout)["unattached"] == []
    reader_in_process(*index, "index", "--rebuild")  # kept by the receiver's updates: V1 and V2 are gone there
    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}
    assert (listed[V3]["read"], listed[V3]["starred"]) == (True, True)


def test_a_star_set_again_while_an_update_lets_its_links_go_keeps_them(library, corpus, monkeypatch):
    """V1 starred and V2 read, both deleted: the marks file keeps V3's link to V2 and V2's to V1
    (V3's file names V2 alone). Both marks taken off, an update decided to let the links go; a
    window still listing V1 starred it again before that update wrote the links: the star's
    links, the same as those read, were let go with them, and the star showed on no article.
    The update holds the marks file's write lock from its look at the marks to its write of the
    links: the window's save waits for it (here it gives up at once, as one that waited too
    long, and is saved again after, as the app's retry does) and then keeps its links."""
    import threading

    from reader.index import article_versions
    from reader.state import marks as marks_module
    from reader.state.marks import MarksNotSaved
    from reader.state.version_marks import links_to_keep

    library.update()
    marked = {V1: {"starred": True}, V2: {"read": True}}
    library.marks.change(marked, links_to_keep(marked, library.marks_replacements()))
    for article_id in (V1, V2):
        (corpus / f"{article_id}.md").unlink()
    library.update()
    assert library._version_links().kept() == {V3: V2, V2: V1}
    seen = library.marks_replacements()  # what the window lists
    library.marks.change({V1: {"starred": False}, V2: {"read": False}})

    monkeypatch.setattr(marks_module, "BUSY_SECONDS", 0)  # a save that finds the file locked gives up at once
    prune = article_versions.prune_remembered
    unsaved: list[dict] = []

    def star_from_the_window() -> None:
        changes = {V1: {"starred": True}}
        try:
            library.marks.change(changes, links_to_keep([V1], seen))
        except MarksNotSaved:
            unsaved.append(changes)  # the app keeps it and saves it again

    def pruned_while_a_window_stars_v1(*args, **kwargs):
        decided = prune(*args, **kwargs)  # V1 unmarked: the link goes
        window = threading.Thread(target=star_from_the_window)
        window.start()
        window.join()
        return decided

    monkeypatch.setattr(article_versions, "prune_remembered", pruned_while_a_window_stars_v1)
    library.update(rebuild=True)
    monkeypatch.setattr(article_versions, "prune_remembered", prune)
    for changes in unsaved:
        library.marks.change(changes, links_to_keep([V1], seen))

    assert library.marks.get(V1).starred
    assert library.shown_marks()[V3].starred
    library.update(rebuild=True)
    assert library.shown_marks()[V3].starred and library.marks_state()["unattached"] == []


def test_marks_an_import_brings_to_older_versions_keep_their_links_at_once(corpus, reader_in_process, tmp_path):
    """Every version here, and an export that carries no link (written before them, or by a
    machine that kept none): the links from the imported marks up to their newest were written
    by the next index update that saved something, so a `state export` (or a cleared cache and
    deleted versions) before it had the marks alone. The import keeps them with the marks."""
    index = ["--corpus", str(corpus)]
    reader_in_process(*index, "index")
    changed = "2025-10-22T08:00:00+00:00"
    marks = [
        {"folder": str(corpus), "article": V1, "read": True, "starred": False, "changed": changed},
        {"folder": str(corpus), "article": V2, "read": False, "starred": True, "changed": changed},
    ]
    document = {"format": "reader-state", "version": 1, "reader": "0.9", "exported": changed, "marks": marks}
    (tmp_path / "marks.json").write_text(json.dumps(document), encoding="utf-8")

    done = json.loads(reader_in_process(*index, "state", "import", "marks.json", "--json").stdout)
    exported = json.loads(reader_in_process("state", "export").stdout)

    assert {(link["article"], link["older"]) for link in exported["version_links"]} == {(V2, V1), (V3, V2)}
    assert (done["version_links"], done["version_links_added"], done["version_links_kept"]) == (0, 0, 2)


def test_links_an_update_could_not_keep_behind_a_long_import_are_kept_by_the_next_update(library, corpus, monkeypatch):
    """An update that met the marks file locked past its wait (a long `state import`) went on
    without the links, rightly; but the next update, finding nothing else changed, wrote
    nothing, and V1's star kept no link up to V3 till an update that changed something (a
    `state export` or a cleared cache before it lost it). The update notes the links owed, and
    the next one keeps them, whatever else it finds."""
    import sqlite3

    from reader.state import version_links
    from reader.state.marks import Mark

    library.update()
    library.marks.put({V1: Mark(starred=True)})  # (set when V1 was the newest: it kept no link)
    _write(corpus / "cnn" / "storm.md", {"title": "Storm", "outlet": "CNN", "date": "2025-10-22"}, OTHER)
    monkeypatch.setattr(version_links, "LINK_WAIT_SECONDS", 0)  # waited for as long, and given up
    importing = sqlite3.connect(library.marks.path, isolation_level=None)
    importing.execute("BEGIN IMMEDIATE")  # the import's write lock, for all of the update
    try:
        library.update()
    finally:
        importing.execute("ROLLBACK")
        importing.close()
    assert library._version_links().kept() == {}

    library.update()  # nothing else changed

    assert library._version_links().kept() == {V2: V1, V3: V2}
    library.update()  # and nothing owed is done again
    assert library._version_links().kept() == {V2: V1, V3: V2}


def test_links_owed_to_a_marks_file_still_unreadable_are_not_worked_out_at_every_start(library, corpus, monkeypatch):
    """A marks file that cannot be read (damaged, another application's) leaves the links owed
    after each update that saves; an update finding nothing changed then worked the chains out
    again and wrote the index's state database at every start (40 ms on 180 articles), to
    read no link. It tries only once the links can be read."""
    from reader.index import statedb

    library.update()
    library.marks.path.parent.mkdir(parents=True, exist_ok=True)
    library.marks.path.write_bytes(b"not a database at all " * 400)
    _write(corpus / "cnn" / "storm.md", {"title": "Storm", "outlet": "CNN", "date": "2025-10-22"}, OTHER)
    library.update()
    assert statedb.StateDB(library.index_dir).links_owed()

    worked_out = []
    real = statedb._write_versions
    monkeypatch.setattr(statedb, "_write_versions", lambda *a, **k: worked_out.append(a) or real(*a, **k))
    library.update()  # nothing changed
    assert worked_out == [] and statedb.StateDB(library.index_dir).links_owed()


def _index_owing_links(library, corpus: Path, monkeypatch, tmp_path: Path):
    """A Library of `corpus` whose index was deleted (a cleared cache) and built again while a
    long `state import` held the marks file: the links of V1 (starred) and V2, deleted since
    the index kept them beside the marks, are owed (LINKS_OWED)."""
    import shutil
    import sqlite3

    from reader.library import Library
    from reader.state import version_links
    from reader.state.marks import Mark

    library.update()
    library.marks.put({V1: Mark(starred=True)})
    (corpus / f"{V1}.md").unlink()
    (corpus / f"{V2}.md").unlink()
    library.update()  # the links of V1 and V2 kept beside the marks
    library.close()
    shutil.rmtree(tmp_path / "ix")
    monkeypatch.setattr(version_links, "LINK_WAIT_SECONDS", 0)
    running = Library([corpus], tmp_path / "ix")
    importing = sqlite3.connect(running.marks.path, isolation_level=None)
    importing.execute("BEGIN IMMEDIATE")
    try:
        running.update()  # built again, the links not read: owed
    finally:
        importing.execute("ROLLBACK")
        importing.close()
    return running


def test_chains_written_again_for_owed_links_are_read_again_by_a_running_reader(library, corpus, monkeypatch, tmp_path):
    """The index deleted (a cleared cache) and built again while a long `state import` held the
    marks file: the links of V1 and V2, deleted, were owed. The next update, finding nothing else
    changed, wrote the chains with them, and no commit said so: a reader that had read the chains
    (the app's list, by the same commit) kept the ones without V1 and V2, and another process's
    such write changed nothing its watcher looks at, so its list was not read again."""
    from reader.library import Library

    running = _index_owing_links(library, corpus, monkeypatch, tmp_path)
    assert running.index.replacements().versions(V3) == (V2, V3)
    watched = running.index_version()

    other = Library([corpus], tmp_path / "ix")  # `reader index` in a shell
    try:
        assert not other.update().changed
    finally:
        other.close()

    assert running.index_version() != watched
    assert running.index.replacements().versions(V3) == (V1, V2, V3)
    running.update()  # and this process's own write of them alike
    assert running.index.replacements().versions(V3) == (V1, V2, V3)
    running.close()


def test_chains_an_update_without_a_commit_writes_change_what_the_watcher_looks_at(
    library, corpus, monkeypatch, tmp_path
):
    """The links owed, and the next update not one that finds nothing changed (a folder of the
    corpus made: the folders watched are written again) but one with nothing to commit: its
    save wrote the chains with the links, and only keep_owed_links counted its writes, so the
    app's watcher (index_version) never read its list again."""
    from reader.library import Library

    running = _index_owing_links(library, corpus, monkeypatch, tmp_path)
    try:
        assert running.index.replacements().versions(V3) == (V2, V3)
        watched = running.index_version()
        (corpus / "later").mkdir()  # a folder's time moved, no file to index
        other = Library([corpus], tmp_path / "ix")
        try:
            assert not other.update().changed
        finally:
            other.close()
        assert running.index.committed_version() == watched[0]  # no commit
        assert running.index_version() != watched
        assert running.index.replacements().versions(V3) == (V1, V2, V3)
    finally:
        running.close()


def test_chains_written_again_in_the_same_tick_of_the_files_clock_are_read_again(
    library, corpus, monkeypatch, tmp_path
):
    """The chains a running reader holds were cached by the state database's stat: another
    process's write in the same tick of the file system's clock (1-10 ms; a second on some),
    the file's size unchanged, left its stat as it was, and the reader kept the old chains."""
    import os

    from reader.index.statedb import DB_NAME
    from reader.library import Library

    running = _index_owing_links(library, corpus, monkeypatch, tmp_path)
    try:
        assert running.index.replacements().versions(V3) == (V2, V3)
        database = tmp_path / "ix" / DB_NAME
        before = os.stat(database)
        other = Library([corpus], tmp_path / "ix")
        try:
            assert not other.update().changed  # the owed links kept
        finally:
            other.close()
        os.utime(database, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same tick
        assert os.stat(database).st_size == before.st_size
        assert running.index.replacements().versions(V3) == (V1, V2, V3)
    finally:
        running.close()


def test_a_reader_trusts_the_state_databases_stat_once_its_time_is_past_the_clocks_tick(library, monkeypatch):
    """The chains cached are read again by the count of their writes only while a write in the
    same tick could have left the file's stat unchanged: later, a stat tells (opening the
    database to read the count took five times as long as the rest of a cached read)."""
    import os

    from reader.index import core, statedb

    library.update()
    database = library.index_dir / statedb.DB_NAME
    old = os.stat(database).st_mtime_ns - 60 * 10**9
    os.utime(database, ns=(old, old))
    counted: list[int] = []
    counter = statedb.StateDB.versions_stamp
    monkeypatch.setattr(statedb.StateDB, "versions_stamp", lambda db: counted.append(1) or counter(db))
    first = library.index.replacements()
    assert library.index.replacements() is first and library.index.replacements() is first
    assert len(counted) == 1  # the read's own, none for the cached reads
    assert core.STATE_TICK_NS >= 2 * 10**9  # (a file system's clock that counts in seconds)


async def test_the_app_reads_its_list_again_when_another_process_keeps_the_owed_links(corpus, monkeypatch, tmp_path):
    """The app's watcher looks for a commit of the index: the chains another process wrote for
    the links it owed (no commit) never brought its list to read them."""
    import shutil
    import sqlite3

    from conftest import drive, settle, wait_for
    from reader.library import Library
    from reader.state import version_links
    from reader.state.marks import Mark
    from reader.tui.app import ReaderApp

    first = Library([corpus], tmp_path / "ix")
    first.update()
    first.marks.put({V1: Mark(starred=True)})
    (corpus / f"{V1}.md").unlink()
    (corpus / f"{V2}.md").unlink()
    first.update()
    first.close()
    shutil.rmtree(tmp_path / "ix")
    monkeypatch.setattr(version_links, "LINK_WAIT_SECONDS", 0)
    built = Library([corpus], tmp_path / "ix")
    importing = sqlite3.connect(built.marks.path, isolation_level=None)
    importing.execute("BEGIN IMMEDIATE")  # a long import, over the app's launch too
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    try:
        built.update()  # the links owed
        built.close()
        app = ReaderApp(library)
        async with drive(app, (120, 30)) as pilot:
            await wait_for(pilot, lambda: app.catalog_ready and app._index_settled)
            await settle(pilot)
            importing.execute("ROLLBACK")
            shown = app._catalog_version
            other = Library([corpus], tmp_path / "ix")  # `reader index` in a shell
            try:
                assert not other.update().changed
            finally:
                other.close()
            app._check_changes()  # the watcher's look (every WATCH_SECONDS)
            await wait_for(pilot, lambda: app._catalog_version != shown)
            await settle(pilot)
            assert app.screen.source_list.versions.versions(V3) == (V1, V2, V3)
            assert library.index.replacements().versions(V3) == (V1, V2, V3)
    finally:
        if importing.in_transaction:
            importing.execute("ROLLBACK")
        importing.close()
        library.close()


def test_an_import_reads_the_stored_chains_without_opening_the_index(corpus, library, tmp_path):
    """`state import` reads the chains the index last stored to keep the links of the marks it
    brings: reading them through the index imported and opened the search engine (0.5 s more
    for each import, 1.4 s against 0.9 s). The state database alone holds them."""
    import os
    import subprocess
    import sys
    import textwrap

    library.update()
    changed = "2025-10-22T08:00:00+00:00"
    marks = [{"folder": str(corpus), "article": V1, "read": True, "starred": False, "changed": changed}]
    document = {"format": "reader-state", "version": 1, "reader": "0.9", "exported": changed, "marks": marks}
    probe = textwrap.dedent(
        """
        import json, sys
        from pathlib import Path
        from reader.library import Library
        library = Library([Path(sys.argv[1])], Path(sys.argv[2]), auto_update=False)
        done = library.import_state(sys.argv[3].encode(), "marks.json")
        print(json.dumps({"kept": done["version_links_kept"], "whoosh": sorted(m for m in sys.modules if "whoosh" in m)}))
        """
    )
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run(
        [sys.executable, "-c", probe, str(corpus), str(tmp_path / "ix"), json.dumps(document)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(out) == {"kept": 2, "whoosh": []}


def test_a_gone_version_whose_name_gives_no_day_is_stood_in_for_only_by_an_article_of_its_newers_day():
    """A gone id with no day in its name (an undated page's, or a file named by hand) took the one
    other article of its address whatever its date: yesterday's briefing became version 1 of
    today's undated one (its marks showing there). Its newer version's day tells instead."""
    undated = Replacements.of([_briefing(YESTERDAY, "2025-10-21"), _briefing(UNDATED_V2, None, UNDATED)])
    assert undated.place(YESTERDAY) is None and undated.missing == {UNDATED_V2: UNDATED}
    by_hand = Replacements.of([_briefing(YESTERDAY, "2025-10-21"), _briefing("fox-news/today-2", "2025-10-22", "x")])
    assert by_hand.place(YESTERDAY) is None and by_hand.missing == {"fox-news/today-2": "x"}
    # Renamed, its day kept (undated, or the newer's): it still stands in.
    renamed = Replacements.of(
        [_briefing(YESTERDAY, "2025-10-21"), _briefing("fox-news/tidy", None), _briefing(UNDATED_V2, None, UNDATED)]
    )
    assert renamed.listed(UNDATED_V2)["previous"] == "fox-news/tidy"
    renamed_by_hand = Replacements.of(
        [
            _briefing(YESTERDAY, "2025-10-21"),
            _briefing("fox-news/today-1", "2025-10-22"),
            _briefing("fox-news/today-2", "2025-10-22", "x"),
        ]
    )
    assert renamed_by_hand.listed("fox-news/today-2")["previous"] == "fox-news/today-1"
    # An undated page's version 1, renamed, its edit's page dated: nothing dates the one renamed,
    # so it stands in (as it does for a gone id named by its day).
    undated_first = Replacements.of([_briefing("fox-news/tidy", None), _briefing(UNDATED_V2, "2025-10-22", UNDATED)])
    assert undated_first.listed(UNDATED_V2)["previous"] == "fox-news/tidy"


def test_a_save_never_writes_chains_worked_out_from_articles_it_does_not_hold(library, corpus):
    """The chains an update hands its save (worked out for its grouping) are written only when
    they are those of the articles the save's table holds: chains naming an article it does not
    hold (V4), or missing one of its articles that names a `previous` (V3), are worked out again
    from the table, so the versions table never lists what the index does not hold."""
    from reader.index import statedb

    library.update()
    held = [_page(V1), _page(V2, V1), _page(V3, V2)]
    wrong = {
        "an article not held": Replacements.chains_of([*held, _page("fox-news/harbour-v4", V3)]),
        "an article held missing": Replacements.chains_of(held[:2]),
    }
    db = statedb.StateDB(library.index_dir)
    for what, versions in wrong.items():
        con = db._connect(write=True)
        try:
            con.execute("BEGIN")
            statedb._write_versions(con, None, versions)
            con.execute("COMMIT")
        finally:
            con.close()
        stored = library.index.replacements()
        assert stored is not None and stored.chains == {V3: (V1, V2, V3)}, what
        assert "fox-news/harbour-v4" not in {row[0] for row in stored.rows()}, what
