"""Reading commands use the committed index as it is; the state database is written row by row."""

from __future__ import annotations

import json
import re
import os
import sqlite3
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import ARTICLES, make_corpus, write_article  # noqa: E402

from conftest import run_main  # noqa: E402
from reader.analysis.stories.packed import PackedRecord  # noqa: E402
from reader.index import CorpusIndex, statedb  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STALE = "changed since the index was last updated"


run = run_main  # (exit code, stdout, stderr) of `reader ARGV` in this process


def command_hint(err: str, corpus) -> str:
    """The command a message tells the user to run, which must name the corpus it ran on (a bare
    `reader index` would index the bundled seeds); returns its last word."""
    hint = re.search(r"`(reader [^`]*)`", err)
    assert hint and str(corpus) in hint.group(1), err
    return hint.group(1).split()[-1]


def test_reading_commands_answer_from_the_last_update_and_say_it_may_be_stale(corpus, tmp_path, capsys):
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *where, "search", "budget", "--json")  # no index yet: built first
    assert code == 0 and len(json.loads(out)) == 2 and STALE not in err

    write_article(corpus, "bbc/zeppelin", "Zeppelin lands", "BBC", "2025-11-02", "A zeppelin landed.")
    for command, status in ((["search", "zeppelin"], 1), (["list"], 0), (["stories"], 0)):
        code, out, err = run(capsys, *where, *command, "--json")  # search: 1 = nothing found
        assert code == status and STALE in err and command_hint(err, corpus) == "index", command
        assert "bbc/zeppelin" not in out, command
    code, out, err = run(capsys, *where, "show", "bbc/zeppelin")
    assert code == 2 and "no article" in err  # an id the index as it is does not have: as any unknown one

    code, out, err = run(capsys, *where, "search", "zeppelin", "--update", "--json")
    assert code == 0 and [h["id"] for h in json.loads(out)] == ["bbc/zeppelin"] and STALE not in err
    code, out, err = run(capsys, *where, "list", "--json")
    assert code == 0 and "bbc/zeppelin" in out and err == ""


def test_removed_files_and_other_roots_are_noticed(corpus, tmp_path, capsys):
    index_dir = str(tmp_path / "ix")
    assert run(capsys, "--corpus", str(corpus), "--index", index_dir, "index")[0] == 0
    (corpus / "bbc" / "football.md").unlink()
    code, out, err = run(capsys, "--corpus", str(corpus), "--index", index_dir, "list")
    assert code == 0 and STALE in err and "football" in out
    # What changed, in words: "(1 folder)" left one to guess that files came or went there.
    assert "(files added, removed or renamed in 1 folder)" in err
    assert run(capsys, "--corpus", str(corpus), "--index", index_dir, "index")[0] == 0
    other = make_corpus(tmp_path / "other", {"x/y": ARTICLES["ap/inflation"]})
    code, out, err = run(capsys, "--corpus", str(other), "--index", index_dir, "list")
    assert code == 0 and "other corpus folders" in err


def test_an_index_built_with_other_follow_links_is_noticed_and_brought_in_line(corpus, tmp_path, capsys):
    """As with other corpus folders: the reading commands say so; an update records the setting."""
    outside = make_corpus(tmp_path / "outside", {"fox": ARTICLES["ap/inflation"], "dir/two": ARTICLES["reuters/storm"]})
    (corpus / "fox.md").symlink_to(outside / "fox.md")
    (corpus / "h2link").symlink_to(outside / "dir", target_is_directory=True)
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert run(capsys, "--follow-links", *where, "index", "--no-prepare")[0] == 0
    code, out, err = run(capsys, *where, "list")
    assert code == 0 and "fox" in out and "h2link/two" in out  # the last update, as it is...
    assert "last updated with --follow-links" in err and command_hint(err, corpus) == "index"  # ...said to be so
    code, out, err = run(capsys, *where, "show", "fox")
    assert code == 0 and "last updated with --follow-links" in err
    code, out, err = run(capsys, *where, "list", "--update")
    assert code == 0 and "fox" not in out and "h2link" not in out and "last updated" not in err
    code, out, err = run(capsys, *where, "list")
    assert code == 0 and "fox" not in out and "last updated" not in err
    code, out, err = run(capsys, "--follow-links", *where, "list")
    assert code == 0 and "last updated without --follow-links" in err and "fox" not in out

    # No link at all: the scan finds the same files either way, and the update still records
    # the setting (else every reading command would say so until the corpus changed).
    for link in (corpus / "fox.md", corpus / "h2link"):
        link.unlink()
    assert run(capsys, *where, "index", "--no-prepare")[0] == 0
    assert run(capsys, "--follow-links", *where, "index", "--no-prepare")[0] == 0
    code, out, err = run(capsys, "--follow-links", *where, "list")
    assert code == 0 and err == ""
    assert run(capsys, *where, "index", "--no-prepare")[0] == 0
    code, out, err = run(capsys, *where, "list")
    assert code == 0 and err == ""


def test_list_reports_skipped_files_without_updating(corpus, tmp_path, capsys):
    (corpus / "empty.txt").write_text("")
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert run(capsys, *where, "index")[0] == 0
    code, out, err = run(capsys, *where, "list")
    assert code == 0 and "skipped" in err and "empty.txt" in err


def test_an_update_rewrites_only_the_rows_of_what_changed(corpus, tmp_path):
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()

    def rowids():
        con = sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME)
        try:
            return (
                dict(con.execute("SELECT key, rowid FROM files")),
                dict(con.execute("SELECT id, rowid FROM articles")),
            )
        finally:
            con.close()

    files_before, articles_before = rowids()
    write_article(
        corpus,
        "bbc/football",
        "Cup final decided on penalties",
        "BBC",
        "2025-11-20",
        "The cup final ended in a goalless draw after extra time and penalties.",
    )
    assert index.update().updated == 1
    files_after, articles_after = rowids()
    changed_key = "0:bbc/football.md"  # the corpus folder's token and the path under it
    assert {k for k in files_after if files_after[k] != files_before.get(k)} == {changed_key}
    assert {a for a in articles_after if articles_after[a] != articles_before.get(a)} == {"bbc/football"}
    assert sorted(a.id for a in index.articles()) == sorted(ARTICLES)
    index.close()


def test_an_update_that_finds_nothing_changed_reads_no_article_or_story_row(corpus, tmp_path, monkeypatch):
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    read = []
    # Every read of the whole article rows goes through _article_rows.
    for name in ("_article_rows", "article_dates", "stories"):
        real = getattr(statedb.StateDB, name)
        monkeypatch.setattr(
            statedb.StateDB, name, lambda self, _real=real, _name=name: read.append(_name) or _real(self)
        )
    again = CorpusIndex([corpus], tmp_path / "ix")
    assert again.update().unchanged == len(ARTICLES)
    assert read == []
    # A change reads of the articles only their dates and stories, not their whole rows (~70 MB
    # at 50,000 articles), and no story but those it regroups (read by id: ~28 MB at 50,000 read
    # whole); the rows written are right.
    (corpus / "bbc" / "football.md").unlink()
    assert again.update().removed == 1
    assert sorted(read) == ["article_dates"]
    assert sorted(a.id for a in again.articles()) == sorted(set(ARTICLES) - {"bbc/football"})
    assert all("bbc/football" not in s.articles for s in again.stories())
    again.close()


@pytest.mark.parametrize("stories", [True, False])
def test_rows_an_update_never_read_are_diffed_against_the_database(corpus, tmp_path, stories):
    # An update reads the stories only when it needs them (never with stories from metadata
    # only): writing its state still replaces exactly the rows that changed.
    index = CorpusIndex([corpus], tmp_path / "ix", stories=stories)
    index.update()
    write_article(corpus, "bbc/okapi", "Okapi born at the zoo", "BBC", "2025-12-01", "An okapi was born.")
    (corpus / "bbc" / "football.md").unlink()
    report = index.update()
    assert (report.indexed, report.removed) == (1, 1)
    again = CorpusIndex([corpus], tmp_path / "ix", stories=stories)
    ids = sorted(set(ARTICLES) - {"bbc/football"} | {"bbc/okapi"})
    assert sorted(a.id for a in again.articles()) == ids
    assert sorted(a for s in again.stories() for a in s.articles) == ids
    index.close()
    again.close()


def test_a_state_database_for_another_generation_is_not_used(corpus, tmp_path):
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    con = sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME)
    with con:  # as if the process died between the index's commit and the state's
        con.execute("UPDATE meta SET value = '999' WHERE key = 'generation'")
        con.execute("DELETE FROM articles WHERE id = 'ap/inflation'")
    con.close()
    fresh = CorpusIndex([corpus], tmp_path / "ix")
    assert sorted(a.id for a in fresh.articles()) == sorted(ARTICLES)  # rebuilt from the index
    assert fresh.update().unchanged == len(ARTICLES)
    assert statedb.StateDB(tmp_path / "ix").meta()["generation"] != 999
    assert "ap/inflation" in statedb.StateDB(tmp_path / "ix").articles()
    fresh.close()


def test_search_imports_neither_the_loaders_nor_the_ui(corpus, tmp_path):
    index_dir = tmp_path / "ix"
    CorpusIndex([corpus], index_dir).update()
    script = textwrap.dedent(f"""
        import sys
        from reader.cli import main
        code = main(["--corpus", {str(corpus)!r}, "--index", {str(index_dir)!r}, "search", "budget", "--json"])
        heavy = ("trafilatura", "feedparser", "textual", "rich", "lxml", "yaml", "charset_normalizer",
                 "reader.corpus.loader", "reader.analysis.quotes", "multiprocessing")
        print("LOADED", [name for name in heavy if name in sys.modules], code)
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=120
    ).stdout
    assert out.strip().splitlines()[-1] == "LOADED [] 0"


def test_a_small_update_imports_no_worker_machinery(corpus, tmp_path):
    """A few changed files are loaded and written in-process: concurrent.futures (with logging)
    and multiprocessing are not imported for them, nor the e-mail package (dates of feeds only),
    nor the YAML parser (simple front matter is read without it, the outlets registry comes
    from the copy an earlier process kept in the cache dir). The comparisons' preparation after
    it is left out here (--no-prepare): test_prepare_stories checks its imports."""
    index_dir = tmp_path / "ix"
    CorpusIndex([corpus], index_dir).update()
    path = corpus / "ap" / "budget-vote.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe vote was close.\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import json, sys
        from reader.cli import main
        code = main(["--corpus", {str(corpus)!r}, "--index", {str(index_dir)!r}, "index", "--no-prepare", "--json"])
        heavy = ("concurrent.futures", "logging", "multiprocessing", "email.utils", "yaml")
        print("LOADED", [name for name in heavy if name in sys.modules], code)
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=120
    ).stdout
    lines = out.strip().splitlines()
    assert json.loads("\n".join(lines[:-1]))["updated"] == 1
    assert lines[-1] == "LOADED [] 0"


def test_a_touched_file_gets_its_new_signature_without_being_read_again(corpus, tmp_path):
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    path = corpus / "ap" / "inflation.md"
    key = "0:ap/inflation.md"  # the corpus folder's token and the path under it
    before = statedb.StateDB(tmp_path / "ix").files()[key]
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    report = index.update()
    assert report.unchanged == len(ARTICLES) and not report.changed
    after = statedb.StateDB(tmp_path / "ix").files()[key]
    assert after["signature"] != before["signature"] and after["hash"] == before["hash"]
    # The file's own size and mtime, then its folder's corpus.yaml's (none here).
    assert after["signature"] == [path.stat().st_size, path.stat().st_mtime_ns, 0, 0]
    assert index.update().unchanged == len(ARTICLES)
    index.close()


def test_story_features_are_rows_read_and_written_with_their_articles(corpus, tmp_path):
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    db = tmp_path / "ix" / statedb.DB_NAME

    def features():
        con = sqlite3.connect(db)
        try:
            return {aid: PackedRecord(blob).to_dict() for aid, blob in con.execute("SELECT id, record FROM features")}
        finally:
            con.close()

    assert set(features()) == set(ARTICLES)
    write_article(
        corpus,
        "bbc/football",
        "Cup final ends in draw",
        "BBC",
        "2025-11-20",
        "The cup final ended in a goalless draw; the zeppelin overhead drew more cheers.",
    )
    (corpus / "ap" / "inflation.md").unlink()
    index.update()
    rows = features()
    assert set(rows) == set(ARTICLES) - {"ap/inflation"}
    assert "zeppelin" in rows["bbc/football"]["words"]

    con = sqlite3.connect(db)  # rows lost (an index from before this table): read from Whoosh
    with con:
        con.execute("DELETE FROM features")
    con.close()
    write_article(
        corpus,
        "ap/budget-vote",
        "Budget bill clears Senate",
        "Associated Press",
        "2025-10-03",
        "Lawmakers approved the budget late on Thursday. The Senate passed the budget.",
    )
    assert index.update().updated == 1
    assert_grouped_as_a_fresh_index(index, corpus, tmp_path / "fresh")


def assert_grouped_as_a_fresh_index(index, corpus, fresh_dir) -> None:
    """The updated index's stories are those a fresh index of the same corpus makes (closes both)."""
    story_of = {a.id: a.story for a in index.articles()}
    fresh = CorpusIndex([corpus], fresh_dir)
    fresh.update()
    assert story_of == {a.id: a.story for a in fresh.articles()}
    index.close()
    fresh.close()


def test_feature_records_are_read_many_at_once_as_one_by_one(corpus, tmp_path, monkeypatch):
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    with sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME) as con:  # damaged rows
        con.execute("UPDATE features SET record = ? WHERE id = 'ap/inflation'", (b"not zlib",))
        # a record kept as JSON (one that does not fit the packed form)
        record = PackedRecord(con.execute("SELECT record FROM features WHERE id = 'bbc/football'").fetchone()[0])
        as_json = json.dumps(record.to_dict())
        con.execute("UPDATE features SET record = ? WHERE id = 'bbc/football'", (zlib.compress(as_json.encode()),))
    con.close()
    ids = sorted(ARTICLES) + ["no/such-article"]
    monkeypatch.setattr(statedb, "_IDS_PER_QUERY", 2)  # several queries
    lookup, lookup_many, _lookup_tops, close = statedb.StateDB(tmp_path / "ix").feature_lookup()
    try:
        one_by_one = {aid: text for aid in ids if (text := lookup(aid)) is not None}
        assert lookup_many(ids) == one_by_one
    finally:
        close()
    assert set(one_by_one) == set(ARTICLES) - {"ap/inflation"}
    assert one_by_one["bbc/football"] == as_json
    assert all(PackedRecord(blob)["id"] == aid for aid, blob in one_by_one.items() if aid != "bbc/football")


def test_an_update_reads_the_window_records_in_a_few_queries(corpus, tmp_path, monkeypatch):
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    calls = {"one": 0, "many": 0}
    real = statedb.StateDB.feature_lookup

    def counted(self):
        lookup, lookup_many, lookup_tops, close = real(self)

        def one(aid):
            calls["one"] += 1
            return lookup(aid)

        def many(ids):
            calls["many"] += 1
            return lookup_many(ids)

        return one, many, lookup_tops, close

    monkeypatch.setattr(statedb.StateDB, "feature_lookup", counted)
    path = corpus / "ap" / "budget-vote.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe vote was close.\n", encoding="utf-8")
    assert index.update().updated == 1
    assert calls["many"] >= 1 and calls["one"] <= 1  # the changed article's old record only
    assert_grouped_as_a_fresh_index(index, corpus, tmp_path / "fresh")


def _top_rows(index_dir) -> dict:
    """{article id: (epoch, seq, top terms)} of the stored top terms."""
    from reader.analysis.stories import topcache

    with sqlite3.connect(Path(index_dir) / statedb.DB_NAME) as con:
        rows = dict(con.execute("SELECT id, data FROM tops"))
    con.close()
    out = {}
    for aid, blob in rows.items():
        value = topcache.decode(blob)
        assert value is not None
        out[aid] = (value[0], value[1], value[4])
    return out


def _stats_of(index_dir):
    import marshal

    from reader.analysis.stories import StoryStats
    from reader.index.state import STORIES_NAME

    return StoryStats.from_dict(marshal.loads((Path(index_dir) / STORIES_NAME).read_bytes())["stats"])


@pytest.fixture
def blocking(monkeypatch):
    """The grouping's blocking path (candidate pairs by top terms) on a small corpus."""
    from reader.analysis.stories import similarity

    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 0)


def test_an_update_reuses_the_top_terms_that_hold_and_writes_what_one_without_them_writes(
    corpus, tmp_path, monkeypatch, blocking
):
    import shutil

    from reader.analysis.stories import topcache

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    stats = _stats_of(tmp_path / "ix")
    rows = _top_rows(tmp_path / "ix")
    assert set(rows) == set(ARTICLES) and {(e, q) for e, q, _ in rows.values()} == {(stats.epoch, stats.seq)}
    # The same index with no stored top terms (as an older reader leaves it): computes them all.
    shutil.copytree(tmp_path / "ix", tmp_path / "cold")
    with sqlite3.connect(tmp_path / "cold" / statedb.DB_NAME) as con:
        con.execute("DROP TABLE tops")
    con.close()
    caches = []
    real = topcache.TopsCache.__init__
    monkeypatch.setattr(
        topcache.TopsCache, "__init__", lambda self, *a, **k: real(self, *a, **k) or caches.append(self)
    )
    path = corpus / "reuters" / "budget-vote.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe vote was close.\n", encoding="utf-8")
    for name in ("ix", "cold"):
        index = CorpusIndex([corpus], tmp_path / name)
        assert index.update().updated == 1
        index.close()
    warm, cold = caches
    assert warm.reused > 0 and cold.reused == 0
    assert "reuters/budget-vote" in warm.computed and "reuters/storm" not in warm.computed  # reused
    for table in ("stories", "articles"):
        with (
            sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME) as a,
            sqlite3.connect(tmp_path / "cold" / statedb.DB_NAME) as b,
        ):
            query = f"SELECT * FROM {table} ORDER BY 1"
            assert a.execute(query).fetchall() == b.execute(query).fetchall()
        a.close()
        b.close()
    # Stored: the changed article's new top terms, for the statistics as they are now.
    now = _stats_of(tmp_path / "ix")
    assert now.epoch == stats.epoch and now.seq == stats.seq + 1
    rows = _top_rows(tmp_path / "ix")
    assert rows["reuters/budget-vote"][:2] == (now.epoch, now.seq)
    assert rows["reuters/budget-vote"][2] == warm.computed["reuters/budget-vote"]
    assert rows["reuters/storm"][:2] == (stats.epoch, stats.seq)
    assert_grouped_as_a_fresh_index(CorpusIndex([corpus], tmp_path / "ix"), corpus, tmp_path / "fresh")


def test_top_terms_that_hold_after_many_changes_are_stored_with_the_current_change(
    corpus, tmp_path, monkeypatch, blocking
):
    from reader.analysis.stories import topcache

    monkeypatch.setattr(topcache, "_FEW_TERMS", 0)  # every change counts as many
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    path = corpus / "reuters" / "budget-vote.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe vote was close.\n", encoding="utf-8")
    assert index.update().updated == 1
    stats = _stats_of(tmp_path / "ix")
    rows = _top_rows(tmp_path / "ix")
    assert rows["reuters/storm"][:2] == (stats.epoch, stats.seq) == rows["reuters/budget-vote"][:2]
    assert_grouped_as_a_fresh_index(index, corpus, tmp_path / "fresh")


def test_an_update_that_adds_an_article_stores_no_top_terms_and_the_next_edit_does(
    corpus, tmp_path, monkeypatch, blocking
):
    """Adding (or removing) an article moves every idf: no stored list holds after it, nor would
    one it stored after the next addition, so it stores none; the next edit makes and stores them."""
    from reader.analysis.stories import topcache

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    build = _stats_of(tmp_path / "ix")
    caches = []
    real = topcache.TopsCache.__init__
    monkeypatch.setattr(
        topcache.TopsCache, "__init__", lambda self, *a, **k: real(self, *a, **k) or caches.append(self)
    )
    write_article(corpus, "bbc/storm", "Storm floods coast", "BBC", "2025-09-16", "A storm flooded coastal towns.")
    assert index.update().indexed == 1
    assert caches[-1].reused == 0 and caches[-1].computed  # every list made again, none stored:
    rows = _top_rows(tmp_path / "ix")
    assert "bbc/storm" not in rows and {(e, q) for e, q, _ in rows.values()} == {(build.epoch, build.seq)}
    path = corpus / "reuters" / "budget-vote.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe vote was close.\n", encoding="utf-8")
    assert index.update().updated == 1
    assert caches[-1].reused == 0  # the lists of before the addition do not hold
    now = _stats_of(tmp_path / "ix")
    rows = _top_rows(tmp_path / "ix")
    assert set(caches[-1].computed) <= set(rows) and all(
        rows[aid][:2] == (now.epoch, now.seq) for aid in caches[-1].computed
    )
    assert_grouped_as_a_fresh_index(index, corpus, tmp_path / "fresh")


def test_stored_top_terms_go_with_their_article_s_record_and_with_a_full_regrouping(
    corpus, tmp_path, monkeypatch, blocking
):
    from reader.analysis.stories import similarity
    from reader.index.state import STORIES_NAME

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    (corpus / "bbc" / "football.md").unlink()
    assert index.update().removed == 1
    assert set(_top_rows(tmp_path / "ix")) == set(ARTICLES) - {"bbc/football"}
    # Grouped without top terms (every pair compared): a changed article's (of its old record)
    # are dropped, the others kept.
    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 400)
    path = corpus / "ap" / "inflation.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nRents rose again.\n", encoding="utf-8")
    assert index.update().updated == 1
    assert set(_top_rows(tmp_path / "ix")) == set(ARTICLES) - {"bbc/football", "ap/inflation"}
    # Statistics lost (a process killed before it wrote them): every article is grouped again,
    # with statistics of a new line, and every stored top-term list is theirs.
    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 0)
    epoch = _stats_of(tmp_path / "ix").epoch
    (tmp_path / "ix" / STORIES_NAME).unlink()
    path.write_text(path.read_text(encoding="utf-8") + "\nFood prices fell.\n", encoding="utf-8")
    assert index.update().updated == 1
    stats = _stats_of(tmp_path / "ix")
    rows = _top_rows(tmp_path / "ix")
    assert stats.epoch != epoch and set(rows) == set(ARTICLES) - {"bbc/football"}
    assert {(e, q) for e, q, _ in rows.values()} == {(stats.epoch, 0)}
    assert_grouped_as_a_fresh_index(index, corpus, tmp_path / "fresh")


def without_signature_column(db_path) -> None:
    """The files table as readers before its signature column wrote it (layout 1: no layout key)."""
    with sqlite3.connect(db_path) as con:
        con.executescript(
            "CREATE TABLE old_files (key TEXT PRIMARY KEY, entry TEXT NOT NULL);"
            "INSERT INTO old_files SELECT key, entry FROM files; DROP TABLE files;"
            "ALTER TABLE old_files RENAME TO files; DELETE FROM meta WHERE key = 'layout';"
        )
    con.close()


def test_entries_of_an_older_reader_are_hashed_once_not_loaded_again(corpus, tmp_path):
    """Before the signature, an entry held a composite "size" and "mtime_ns": such an index is
    updated by hashing its files once (no file is loaded, no article changes)."""
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    with sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME) as con:
        for key, text in con.execute("SELECT key, entry FROM files").fetchall():
            entry = json.loads(text)
            del entry["signature"]
            entry.update(size=1, mtime_ns=2)
            con.execute("UPDATE files SET entry = ? WHERE key = ?", (json.dumps(entry), key))
    without_signature_column(tmp_path / "ix" / statedb.DB_NAME)
    index = CorpusIndex([corpus], tmp_path / "ix")
    report = index.update()
    assert report.unchanged == len(ARTICLES) and not report.changed
    assert all(len(e["signature"]) == 4 for e in statedb.StateDB(tmp_path / "ix").files().values())
    index.close()


def test_rows_are_parsed_together_as_each_alone_would_be():
    """The state's JSON texts are parsed as one array (faster), with the values, and the error of a
    damaged text, that parsing each alone gives."""
    texts = ['{"ids":["a"],"skipped":[]}', "[1,2]", '"x"', "null", '{"k":{"n":[1.5]}}']
    assert statedb._loads_all(texts) == [json.loads(t) for t in texts]
    assert statedb._loads_all([]) == []
    with pytest.raises(ValueError):
        statedb._loads_all(['{"a":1}', "1,2"])  # two values in one text: not one row's
    with pytest.raises(ValueError):
        statedb._loads_all(['{"a":1}', '{"b":'])


def test_the_state_database_is_read_and_written_with_the_cycle_collector_paused(corpus, tmp_path, monkeypatch):
    import gc

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    seen = []
    for name in ("_write_articles", "_write_article_changes"):  # every row, or an update's changes

        def spy(*args, _real=getattr(statedb, name), **kwargs):
            seen.append(gc.isenabled())
            return _real(*args, **kwargs)

        monkeypatch.setattr(statedb, name, spy)
    write_article(corpus, "bbc/zeppelin", "Zeppelin lands", "BBC", "2025-11-02", "A zeppelin landed.")
    index.update()
    assert seen == [False] and gc.isenabled()


def test_reader_index_runs_the_update_with_the_start_up_objects_set_aside_from_the_collector(
    corpus, tmp_path, capsys, monkeypatch
):
    import gc

    from reader.library import Library

    frozen = []
    real_update = Library.update

    def update(self, *args, **kwargs):
        frozen.append(gc.get_freeze_count() > 0)
        return real_update(self, *args, **kwargs)

    monkeypatch.setattr(Library, "update", update)
    code, out, _ = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index", "--json")
    assert code == 0 and json.loads(out)["indexed"] == len(ARTICLES)
    assert frozen == [True] and gc.get_freeze_count() == 0  # handed back after, also to this process
    monkeypatch.setattr(Library, "update", lambda self, *a, **k: (_ for _ in ()).throw(OSError(28, "No space")))
    code, _, _ = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index")
    assert code != 0 and gc.get_freeze_count() == 0  # a failed update hands them back too


def test_a_story_of_the_grouping_is_stored_as_any_story_object_would_be():
    from types import SimpleNamespace

    from reader.analysis.stories import Story
    from reader.index.story_groups import story_dict

    for story in (Story("s1", "A label", ["a/1", "b/2"]), Story("s2", "", []), Story("s3", None, ["c"])):  # type: ignore[arg-type]
        general = story_dict(SimpleNamespace(to_dict=story.to_dict))
        assert story_dict(story) == general and list(story_dict(story)) == list(general)
        assert story_dict(story)["articles"] is not story.articles


@pytest.mark.parametrize("name", ["news#1", "what?", "100%25"])
def test_an_index_folder_whose_name_has_uri_characters_reads_its_state(corpus, tmp_path, name):
    # The state database is opened read-only through a file: URI; "#", "?" and "%" in the
    # folder's path cut or changed it, and the state was never read.
    index_dir = tmp_path / name
    index = CorpusIndex([corpus], index_dir)
    index.update()
    assert statedb.StateDB(index_dir).meta() is not None
    assert index.freshness()["unknown"] is False
    assert index.update().to_dict()["unchanged"] == len(ARTICLES)
    assert {p.name for p in tmp_path.iterdir()} - {"cache", "config", "data"} == {"corpus", name}  # nothing stray
    index.close()


def test_a_skipped_files_keys_come_in_one_order_whatever_it_carried():
    # `index --json` gave path_bytes before warning for one file and after it for another.
    from reader.index.state import skipped_dict

    bytes_only = skipped_dict({"path": "a\ufffd.txt", "reason": "binary", "path_bytes": "61ff"})
    warning_only = skipped_dict({"path": "b.txt", "reason": "rule off", "warning": True})
    assert list(bytes_only) == list(warning_only) == ["path", "reason", "warning", "path_bytes"]
    assert (bytes_only["warning"], warning_only["path_bytes"]) == (False, None)


def test_a_skipped_files_path_is_its_own_name_as_every_json_path_is():
    """`index --json` named a file whose name is not UTF-8 with U+FFFD (which names no byte) where
    `show --json` gives the `path` of the same file with the escape \\udcff (the byte, as
    surrogateescape keeps it): one spelling now, from which os.fsencode gives the name back."""
    from reader.index.state import skipped_dict

    undecodable = skipped_dict({"path": "/n/a\ufffd.txt", "reason": "not UTF-8", "path_bytes": b"/n/a\xff.txt".hex()})
    control = skipped_dict({"path": "/n/a?b.txt", "reason": "control", "path_bytes": b"/n/a\nb.txt".hex()})
    assert (undecodable["path"], control["path"]) == ("/n/a\udcff.txt", "/n/a\nb.txt")
    assert os.fsencode(undecodable["path"]) == b"/n/a\xff.txt"
    assert skipped_dict({"path": "/n/b.txt", "reason": "empty"})["path"] == "/n/b.txt"


def test_the_article_columns_have_one_source():
    """The articles table, its rows and ArticleInfo name the same columns, in one order
    (statedb.ARTICLE_COLUMNS): a column added there is added everywhere."""
    import dataclasses
    import sqlite3

    from reader.index import statedb, store
    from reader.index.state import ArticleInfo

    assert tuple(f.name for f in dataclasses.fields(ArticleInfo)) == statedb.ARTICLE_COLUMNS
    con = sqlite3.connect(":memory:")
    con.executescript(statedb._SCHEMA)
    assert tuple(row[1] for row in con.execute("PRAGMA table_info(articles)")) == statedb.ARTICLE_COLUMNS
    row = store.article_row({"id": "a", "title": "T", "author": "Ann"}, "s1", "k")
    assert tuple(row) == statedb.ARTICLE_COLUMNS
    assert statedb.article_row(row) == ("a", None, "T", None, None, "s1", "k", "Ann", None, None, None)
    info = ArticleInfo(**row)
    assert tuple(info.to_dict()) == statedb.ARTICLE_COLUMNS


def test_an_unchanged_skipped_file_is_told_with_todays_reason_not_the_one_stored_by_an_older_reader(corpus, tmp_path):
    """A settings.xml in a corpus kept the reason an older reader gave it ("feed with no
    entries") for as long as it did not change: the reason was stored with its signature, and
    the reworded one never shown. The reasons' version is kept beside them; an index whose
    reasons are older reads those files again (and only those), once."""
    settings = corpus / "settings.xml"
    settings.write_text('<?xml version="1.0"?>\n<config><option name="a">1</option></config>\n', encoding="utf-8")
    today = "not an RSS or Atom feed (its root element is <config>)"
    index = CorpusIndex([corpus], tmp_path / "ix")

    def reasons(report) -> dict[str, str]:
        return {Path(item["path"]).name: item["reason"] for item in report.skipped}

    assert reasons(index.update()) == {"settings.xml": today}
    index.close()
    # As an older reader left it: its words for the file, and no version of them.
    con = sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME)
    with con:
        for key, entry in con.execute("SELECT key, entry FROM files WHERE key LIKE '%settings.xml'").fetchall():
            old = json.loads(entry)
            old["skipped"] = [dict(problem, reason="feed with no entries") for problem in old["skipped"]]
            con.execute("UPDATE files SET entry = ? WHERE key = ?", (json.dumps(old), key))
        con.execute("DELETE FROM meta WHERE key = 'reasons'")
    con.close()

    index = CorpusIndex([corpus], tmp_path / "ix")
    report = index.update()
    assert reasons(report) == {"settings.xml": today}
    assert report.unchanged == len(ARTICLES) and not report.changed  # the articles were not read again
    again = index.update()  # the version is recorded: nothing is read again
    assert reasons(again) == {"settings.xml": today} and again.unchanged == len(ARTICLES)
    assert {Path(p["path"]).name: p["reason"] for p in statedb.StateDB(tmp_path / "ix").skipped() or []} == {
        "settings.xml": today
    }
    index.close()


def test_the_article_list_read_after_an_update_is_the_last_one_s_where_nothing_changed(corpus, tmp_path):
    """A reader holding the list it read (the app's, until it shows the new one) does not hold a
    second copy of every article after an update: the unchanged ones are the same objects, and
    the repeated outlets and dates one string each. What changed is read anew."""
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    before = {info.id: info for info in index.articles()}
    write_article(corpus, "bbc/football", "Cup final replay set", "BBC", "2025-11-21", "The replay is on Sunday.")
    index.update()
    after = {info.id: info for info in index.articles()}
    changed = "bbc/football"
    assert after.keys() == before.keys()
    assert after[changed] is not before[changed] and after[changed].title == "Cup final replay set"
    assert all(after[key] is before[key] for key in after if key != changed)
    ap = [info for info in after.values() if info.outlet == "Associated Press"]
    assert len(ap) == 2 and ap[0].outlet is ap[1].outlet
    assert all(a is b for a, b in zip(index.stories(), index.stories()))  # stories likewise


def test_a_caller_changing_its_story_list_leaves_the_next_read_as_it_was(corpus, tmp_path):
    """stories() gave back the very list it keeps to share its objects with the next read: a
    caller that filtered or reordered its list in place changed what the next read shares
    (emptied, every story was built again beside the ones the app holds)."""
    from reader.analysis.stories import Story

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    first = index.stories()
    kept = list(first)
    first.sort(key=lambda story: story.id, reverse=True)
    first.append(Story(id="made-up", label="Made up", articles=["nowhere"]))
    first.clear()
    again = index.stories()
    assert again is not first and len(again) == len(kept)
    assert all(a is b for a, b in zip(again, kept))  # the same objects, in the same order
    assert "made-up" not in {story.id for story in index.stories()}
    index.close()


def test_an_update_leaves_no_copy_of_the_whole_state_when_the_state_database_holds_it(corpus, tmp_path):
    """The readers read the state database's rows: a long-running process (the app) kept the
    update's whole state (every file, article and story) beside them for nothing."""
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    assert index._state is None
    write_article(corpus, "bbc/football", "Cup final replay set", "BBC", "2025-11-21", "The replay is on Sunday.")
    index.update()
    assert index._state is None
    assert len(index.articles()) == len(ARTICLES) and index.skipped() == [] and index.skipped_count() == 0
    index.update()  # nothing changed
    assert index._state is None


@pytest.mark.parametrize("stop", [KeyboardInterrupt, OSError(28, "No space left on device")])
def test_a_rebuild_stopped_after_its_state_was_saved_is_not_what_the_readers_see(corpus, tmp_path, monkeypatch, stop):
    """A rebuild saves the state of its new folder before it makes that folder the active one:
    stopped in between (ctrl+c, a full disk), the folder is deleted, but the reader kept its
    state, and the old index's commit (the same generation: both folders' first) was read with
    it: an article of the rebuild was listed, which the index could not show."""
    from reader.index import update

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    committed = index.commit_stamp()
    before = sorted(info.id for info in index.articles())
    write_article(corpus, "bbc/new-one", "A new article", "BBC", "2025-11-22", "It was written after the update.")

    def activate(*args):
        raise stop

    monkeypatch.setattr(update.store, "activate", activate)  # ctrl+c, or CURRENT not written
    with pytest.raises(KeyboardInterrupt if stop is KeyboardInterrupt else OSError):
        index.update(rebuild=True)
    monkeypatch.undo()
    assert index.commit_stamp() == committed  # the rebuild's folder is gone, the old one is active
    assert sorted(info.id for info in index.articles()) == before
    assert all(index.get(info.id) is not None for info in index.articles())
    assert sorted(a for story in index.stories() for a in story.articles) == before
    index.close()
    # Another process reads the same (its state made again from the committed index).
    other = CorpusIndex([corpus], tmp_path / "ix")
    assert sorted(info.id for info in other.articles()) == before
    other.close()


def _tables(index_dir: Path) -> dict:
    """Every row of the state database, with its rowid (the order a later diff writes in), but
    the name of the Whoosh folder (each index has its own)."""
    con = sqlite3.connect(index_dir / statedb.DB_NAME)
    try:
        tables = {
            table: con.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
            for table in ("files", "articles", "stories", "features", "tops")
        }
        tables["meta"] = con.execute("SELECT key, value FROM meta WHERE key != 'dir' ORDER BY key").fetchall()
        return tables
    finally:
        con.close()


def test_an_update_that_reads_the_articles_by_key_writes_what_reading_every_row_writes(corpus, tmp_path, monkeypatch):
    # An update writes the articles' changes found from their dates and stories and the rows it
    # reads by key (update._article_changes): the same rows, in the same order, as the diff of
    # every row read whole.
    from reader.index.update import IndexUpdate

    by_key_reads = []
    real = IndexUpdate._dates_before

    def dates_before(self, state):
        if self.index_dir.name == "whole":
            return None  # every row read, as before
        found = real(self, state)
        by_key_reads.append(found is not None)
        return found

    monkeypatch.setattr(IndexUpdate, "_dates_before", dates_before)
    indexes = [CorpusIndex([corpus], tmp_path / name) for name in ("whole", "by-key")]
    for index in indexes:
        index.update()
    stories_before = {aid: s.id for s in indexes[1].stories() for aid in s.articles}
    storm = "A powerful storm flooded coastal towns on Monday, cutting power to thousands. Crews worked all night."
    write_article(corpus, "ap/storm", "Storm floods coastal towns", "Associated Press", "2025-09-15", storm)
    write_article(corpus, "bbc/budget", "Senate budget vote", "BBC", "2025-10-04", ARTICLES["ap/budget-vote"][3])
    (corpus / "bbc" / "football.md").unlink()
    for index in indexes:
        assert index.update().changed
    assert by_key_reads == [False, True]  # the first build has no rows to read
    stories_after = {aid: s.id for s in indexes[1].stories() for aid in s.articles}
    # An unchanged article put in another story: its row is read by key and written again.
    assert stories_after["reuters/storm"] != stories_before["reuters/storm"]
    assert _tables(tmp_path / "whole") == _tables(tmp_path / "by-key")
    for index in indexes:
        index.close()


def test_a_by_key_save_that_would_have_to_write_every_row_leaves_the_state_to_the_index(corpus, tmp_path, monkeypatch):
    # The database found damaged (or describing another commit) at the save of an update that
    # read its articles by key: it cannot be written whole, so it is removed, and made again
    # from the index's stored fields, as after a process killed between the commit and the save.
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    real = statedb.StateDB._baseline
    monkeypatch.setattr(
        statedb.StateDB, "_baseline", lambda self, articles=True: real(self, articles) if articles else ({}, True)
    )
    write_article(corpus, "bbc/zeppelin", "Zeppelin lands", "BBC", "2025-11-02", "A zeppelin landed.")
    assert index.update().indexed == 1
    assert not (tmp_path / "ix" / statedb.DB_NAME).exists()
    monkeypatch.undo()
    assert sorted(a.id for a in index.articles()) == sorted([*ARTICLES, "bbc/zeppelin"])
    index.close()
    again = CorpusIndex([corpus], tmp_path / "ix")
    report = again.update()
    assert report.unchanged == len(ARTICLES) + 1 and not report.changed
    assert sorted(a.id for a in again.articles()) == sorted([*ARTICLES, "bbc/zeppelin"])
    again.close()


def test_an_update_reads_the_entries_of_the_files_that_changed_and_of_those_with_problems(
    corpus, tmp_path, monkeypatch
):
    # Every file's key and signature text finds what changed (as the check for changes does);
    # only the entries of the files that changed or went are parsed, and those with problems
    # (every update reports them): not every entry (~40 MB at 50,000 articles).
    (corpus / "empty.txt").write_text("")  # skipped: its problem is reported at every update
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    parsed: list[str] = []
    real = statedb._loads_all

    def loads_all(texts):
        values = real(texts)
        parsed.extend((v.get("ids") or ["(no article)"])[0] for v in values if isinstance(v, dict))
        return values

    monkeypatch.setattr(statedb, "_loads_all", loads_all)
    write_article(corpus, "bbc/football", "Cup final decided on penalties", "BBC", "2025-11-20", "Penalties.")
    (corpus / "ap" / "inflation.md").unlink()
    report = index.update()
    assert (report.updated, report.removed, report.unchanged) == (1, 1, len(ARTICLES) - 2)
    assert [item["reason"] for item in report.skipped] and "empty.txt" in report.skipped[0]["path"]
    assert sorted(parsed) == ["(no article)", "ap/inflation", "bbc/football"]
    parsed.clear()
    monkeypatch.undo()
    assert sorted(a.id for a in index.articles()) == sorted(set(ARTICLES) - {"ap/inflation"})
    index.close()


def test_a_database_found_damaged_at_the_save_is_written_anew_with_the_entries_never_read(
    corpus, tmp_path, monkeypatch
):
    # Files touched, not changed: the update writes their new signatures. The database found
    # damaged then is replaced by a new one, written whole: the entries the update never read
    # (read by key) are read before the damaged one is removed.
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    real = statedb._write_file_changes
    failed = []

    def damaged(*args, **kwargs):
        if not failed:
            failed.append(True)
            raise sqlite3.DatabaseError("database disk image is malformed")
        return real(*args, **kwargs)

    monkeypatch.setattr(statedb, "_write_file_changes", damaged)
    path = corpus / "bbc" / "football.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    assert not index.update().changed and failed
    index.close()
    con = sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME)
    try:
        assert con.execute("SELECT count(*) FROM files").fetchone()[0] == len(ARTICLES)
    finally:
        con.close()
    again = CorpusIndex([corpus], tmp_path / "ix")
    report = again.update()
    assert not report.changed and report.notice is None
    assert sorted(a.id for a in again.articles()) == sorted(ARTICLES)
    again.close()


def test_without_sqlites_json_functions_the_unchanged_articles_are_counted_from_every_entry(
    corpus, tmp_path, monkeypatch
):
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    monkeypatch.setattr(statedb.FileEntries, "ids_count", lambda self: None)
    (corpus / "ap" / "inflation.md").unlink()
    report = index.update()
    assert (report.removed, report.unchanged) == (1, len(ARTICLES) - 1)
    index.close()


def damage_root_page(db: Path, name: str) -> None:
    """Overwrite the root page of one table or index of an SQLite database (the rest intact)."""
    con = sqlite3.connect(db)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        [root] = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    finally:
        con.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x77" * page_size)


# The articles' and file entries' key indexes are read by an update that reads rows by key (an
# update that read every row never did); the articles and stories tables by any update.
@pytest.mark.parametrize("damaged", ["sqlite_autoindex_articles_1", "sqlite_autoindex_files_1", "articles", "stories"])
def test_an_update_that_cannot_read_the_state_database_makes_it_again_from_the_index(corpus, tmp_path, damaged):
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    damage_root_page(tmp_path / "ix" / statedb.DB_NAME, damaged)
    write_article(corpus, "bbc/football", "Cup final replayed", "BBC", "2025-11-21", "The replay went to penalties.")
    write_article(corpus, "bbc/zeppelin", "Zeppelin lands", "BBC", "2025-11-02", "A zeppelin landed.")
    index = CorpusIndex([corpus], tmp_path / "ix")
    # Every update failed ("run the update again"): the changes were never indexed.
    report = index.update()
    assert (report.indexed, report.updated, report.notice) == (1, 1, None)
    titles = {a.id: a.title for a in index.articles()}
    assert titles["bbc/football"] == "Cup final replayed" and "bbc/zeppelin" in titles
    assert not index.update().changed
    index.close()
    con = sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME)
    try:  # written anew, whole
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES) + 1
    finally:
        con.close()


def test_rows_that_cannot_be_read_after_the_commit_leave_the_state_to_the_index(corpus, tmp_path, monkeypatch):
    # The rows the update rewrites are read by key after its commit: unreadable then, the update
    # is made (not failed after its commit) and the state made again from the index.
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    real = statedb.StateDB.article_rows
    calls = []

    def damaged_later(self, ids):
        calls.append(ids)
        return None if len(calls) > 1 else real(self, ids)

    monkeypatch.setattr(statedb.StateDB, "article_rows", damaged_later)
    write_article(corpus, "bbc/football", "Cup final replayed", "BBC", "2025-11-21", "The replay went to penalties.")
    report = index.update()
    assert report.updated == 1 and len(calls) == 2
    monkeypatch.setattr(statedb.StateDB, "article_rows", real)
    assert {a.id: a.title for a in index.articles()}["bbc/football"] == "Cup final replayed"
    report = index.update()
    assert not report.changed and report.notice is None
    index.close()


def _rows_in_order(index_dir: Path) -> dict:
    """_tables in the order of their rowids, without them (a file entry's rowid may be one higher
    when it is written before a gone one is deleted: the order is the same)."""
    return {table: [row[1:] for row in rows] if table != "meta" else rows for table, rows in _tables(index_dir).items()}


def test_ids_that_move_between_files_are_kept_as_by_an_update_that_reads_every_entry(corpus, tmp_path, monkeypatch):
    # Each step is applied once and both indexes updated: one reads the state whole (every file
    # entry and article row, as before they were read by key), the other by key.
    real = statedb.StateDB.load_for_update

    def load_for_update(self, schema, folder, generation, lazy=False):
        return real(self, schema, folder, generation, lazy=lazy and self.path.parent.name != "whole")

    monkeypatch.setattr(statedb.StateDB, "load_for_update", load_for_update)
    indexes = [CorpusIndex([corpus], tmp_path / name) for name in ("whole", "by-key")]

    def rename(old: str, new: str) -> None:
        (corpus / old).rename(corpus / new)

    def swap(a: str, b: str) -> None:
        first, second = (corpus / a).read_bytes(), (corpus / b).read_bytes()
        (corpus / a).write_bytes(second)
        (corpus / b).write_bytes(first)

    def edit(rel: str, title: str, ext: str = "md") -> None:
        text = f"---\ntitle: '{title}'\noutlet: BBC\ndate: '2025-10-05'\n---\n\n{title}: the storm and the vote.\n"
        (corpus / f"{rel}.{ext}").write_text(text, encoding="utf-8")

    steps = [
        lambda: rename("reuters/storm.md", "reuters/storm.txt"),  # an id moved to another file
        lambda: edit("ap/inflation", "Inflation beside", "txt"),  # the same id as an unchanged file's
        lambda: edit("ap/inflation", "Inflation beside, edited", "txt"),  # changed, still losing it
        lambda: (corpus / "ap" / "inflation.md").unlink(),  # the file it lost it to gone
        lambda: swap("ap/budget-vote.md", "reuters/budget-vote.md"),  # two files' texts swapped
        lambda: (corpus / "bbc" / "football.md").write_bytes(b"\xff\xfe\x00\x00 not text"),  # a problem
        lambda: edit("bbc/football", "Cup final, readable again"),  # and gone
        lambda: rename("reuters/storm.txt", "reuters/Storm.txt"),  # only its case
        lambda: ((corpus / "ap" / "inflation.txt").unlink(), edit("ap/inflation", "Inflation back")),
    ]
    for index in indexes:
        index.update()
    for number, step in enumerate(steps):
        step()
        reports = [index.update() for index in indexes]
        said = [
            (r.indexed, r.updated, r.removed, r.unchanged, sorted((s["path"], s["reason"]) for s in r.skipped))
            for r in reports
        ]
        assert said[0] == said[1], number
        assert _rows_in_order(tmp_path / "whole") == _rows_in_order(tmp_path / "by-key"), number
        lists = [sorted((a.id, a.title, a.path) for a in index.articles()) for index in indexes]
        assert lists[0] == lists[1], number
    for index in indexes:
        index.close()


def _saved_stories(tmp_path, stories, **extra) -> statedb.StateDB:
    db = statedb.StateDB(tmp_path)
    state = {"schema": 1, "generation": 1, "dir": "d", "files": {}, "articles": {}, "stories": stories, **extra}
    db.save(state, None)
    return db


def test_the_grouping_stories_are_read_back_in_story_order(tmp_path):
    """The grouping's stories are rows keyed by id, read `ORDER BY size DESC, first`: the order
    story_order gives (the largest first, then by their smallest id), non-ASCII ids too."""
    import random

    from reader.analysis.stories import story_order

    ids = ["b", "a", "Z", "é", "z", "ä/1", "😀", "\u00ff", "a b", "A"]
    stories = [
        {"id": f"s{k}", "label": f"L{k}", "articles": members}
        for k, members in enumerate([ids[0:1], ids[1:3], ids[3:4], ids[4:6], ids[6:7], ids[7:8], ids[8:10]])
    ]
    random.Random(3).shuffle(stories)
    db = _saved_stories(tmp_path, stories)
    assert db.stories() == sorted(stories, key=lambda s: story_order(s["articles"]))


def test_stories_that_share_an_id_are_kept_and_dissolved_together(tmp_path):
    """A grouped story's id is 40 bits of a hash: two stories may share one. Both are stored,
    read by that id together, and a save that dissolves the id removes both."""
    one = {"id": "s0123456789", "label": "One", "articles": ["a", "b"]}
    two = {"id": "s0123456789", "label": "Two", "articles": ["c"]}
    other = {"id": "s9876543210", "label": "Other", "articles": ["d"]}
    db = _saved_stories(tmp_path, [one, two, other])
    assert db.stories() == [one, two, other]
    assert db.grouped_stories_of(["s0123456789"]) == [one, two]
    assert db.grouped_story_ids(["s0123456789", "s-none"]) == {"s0123456789"}
    made = {"id": "s1111111111", "label": "Made", "articles": ["a", "b", "c"]}
    state = {"schema": 1, "generation": 1, "dir": "d", "files": {}, "articles": {}}
    db.save({**state, "stories": statedb.StoryChanges(["s0123456789"], [made])}, None)
    assert db.stories() == [made, other]


def test_stories_given_by_metadata_keep_the_articles_order_and_repeated_ids(tmp_path):
    given = [
        {"id": "Rally", "label": "Rally", "articles": ["z"]},
        {"id": "Rally", "label": "Rally", "articles": ["a", "b"]},
        {"id": "c", "label": "C", "articles": ["c"]},
    ]
    db = _saved_stories(tmp_path, given, stories_given=True)
    assert db.stories() == given
    # The same database grouped later: the given stories go, the grouping's come.
    grouped = [{"id": "s0000000001", "label": "G", "articles": ["a", "b", "c", "z"]}]
    db.save({"schema": 1, "generation": 2, "dir": "d", "files": {}, "articles": {}, "stories": grouped}, None)
    assert db.stories() == grouped


def test_a_save_of_story_changes_that_must_write_the_database_whole_removes_it(tmp_path):
    """The stories an update kept are not in memory: a database that must be written whole (it
    describes another generation) cannot be, and is removed (the next reader makes the state
    again from the index's stored fields)."""
    db = _saved_stories(tmp_path, [{"id": "s1", "label": "L", "articles": ["a"]}])
    db._loaded = None
    changes = statedb.StoryChanges([], [{"id": "s2", "label": "M", "articles": ["b"]}])
    db.save({"schema": 1, "generation": 2, "dir": "d", "files": {}, "articles": {}, "stories": changes}, None)
    assert not db.path.exists()


def test_the_diff_of_entries_read_by_key_is_the_diff_of_every_entry_read(corpus, tmp_path):
    """IndexUpdate.diff over the entries read by key (statedb.FileEntries: each signature compared
    once, only the changed files' entries read) finds what it finds over every entry read: the
    same jobs, and the unchanged keys (a touched file's among them) in the scan's order."""
    import copy

    from reader.index.update import IndexUpdate

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    db = statedb.StateDB(tmp_path / "ix")
    every = db.files()
    keys = list(every)
    found = {key: (str(corpus / key.split(":", 1)[1]), str(corpus), list(every[key]["signature"])) for key in keys}
    touched, changed, removed = keys[1], keys[3], keys[4]
    found[touched][2][1] += 1  # its time only
    path = Path(found[changed][0])
    path.write_text(path.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    found[changed][2][0] += 6
    del found[removed]
    by_key = statedb.FileEntries(db, dict(db._read("SELECT key, signature FROM files ORDER BY rowid")), [])
    read_all = IndexUpdate.diff(found, copy.deepcopy(every))
    assert IndexUpdate.diff(found, by_key) == read_all
    assert read_all.unchanged_keys == [key for key in keys if key not in (changed, removed)]
    assert [job[0] for job in read_all.jobs] == [changed] and read_all.removed_keys == [removed] and read_all.touched


def test_files_over_what_is_hashed_whole_hashed_by_an_older_reader_are_hashed_again_once(corpus, tmp_path, monkeypatch):
    """A file over MOST_HASHED is hashed with blocks between its ends since session 54: the hash an
    older reader stored of an unchanged one was never made again (its signature unchanged), so it
    matched neither the file (`show PATH` loaded it whole each time, as changed since the update)
    nor the file renamed. The version of that hashing is kept beside the hashes: an index whose
    version is older hashes those files again (and reads nothing), once."""
    from reader.corpus import regular_file
    from reader.index.store import file_hash

    big = corpus / "disk image.txt"
    with open(big, "wb") as handle:
        handle.truncate(regular_file.MOST_HASHED + (1 << 20))
        handle.seek(regular_file.sampled_offsets(regular_file.MOST_HASHED + (1 << 20))[3])
        handle.write(b"\x01" * 4096)
    if os.stat(big).st_blocks * 512 > 64 * 1024 * 1024:
        pytest.skip("this file system writes no sparse files")

    def stored_hash() -> str:
        entries = statedb.StateDB(tmp_path / "ix").files() or {}
        (entry,) = [entry for key, entry in entries.items() if key.endswith("disk image.txt")]
        return entry["hash"]

    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    with monkeypatch.context() as older:
        older.setattr(regular_file, "SAMPLED_BLOCKS", 0)
        old_hash = file_hash(big)
    con = sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME)
    with con:  # as an older reader left it: its hash of the file, and no version of that hashing
        for key, entry in con.execute("SELECT key, entry FROM files WHERE key LIKE '%disk image.txt'").fetchall():
            con.execute(
                "UPDATE files SET entry = ? WHERE key = ?", (json.dumps(dict(json.loads(entry), hash=old_hash)), key)
            )
        con.execute("DELETE FROM meta WHERE key = 'large_hashes'")
    con.close()
    assert stored_hash() == old_hash != file_hash(big)

    index = CorpusIndex([corpus], tmp_path / "ix")
    report = index.update()
    assert report.unchanged == len(ARTICLES) and not report.changed  # no article read again
    assert stored_hash() == file_hash(big)
    index.close()
    index = CorpusIndex([corpus], tmp_path / "ix")
    assert index.update().unchanged == len(ARTICLES)
    assert stored_hash() == file_hash(big)
    index.close()


def test_a_page_an_older_reader_skipped_as_gzip_data_is_read_on_the_next_update(corpus, tmp_path, monkeypatch):
    """A page saved gzip-compressed as it was served ("page.html") was skipped as a binary file,
    and is read now; an index an older reader updated kept it skipped for as long as it did not
    change: the reasons' version (layout.SKIP_REASONS) tells the update to read it again."""
    import gzip

    from reader.corpus import loader

    said = b"The old bridge closed for repairs today, officials said, and traffic was sent around town. " * 5
    page = b"<html><head><title>Bridge closes</title></head><body><article><p>" + said + b"</p></article></body></html>"
    (corpus / "page.html").write_bytes(gzip.compress(page))
    with monkeypatch.context() as older:  # (loaded in this process: a few small files)
        older.setattr(loader, "_SERVED_SUFFIXES", frozenset())
        index = CorpusIndex([corpus], tmp_path / "ix")
        report = index.update()
        assert [item["reason"] for item in report.skipped] == ["binary file (a gzip-compressed file), not text"]
        index.close()
    con = sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME)
    with con:
        con.execute("UPDATE meta SET value = '1' WHERE key = 'reasons'")
    con.close()
    index = CorpusIndex([corpus], tmp_path / "ix")
    report = index.update()
    assert not report.skipped and "page" in {info.id for info in index.articles()}
    index.close()
