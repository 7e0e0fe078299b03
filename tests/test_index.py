"""CorpusIndex: build, incremental updates, schema versions, damaged folders, reading back."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import ARTICLES, make_corpus, write_article  # noqa: E402

from reader.index import CorpusIndex, IndexLocationError  # noqa: E402
from reader.index import pool, state, statedb, store, story_groups, update, whoosh_internals  # noqa: E402


@pytest.fixture
def index(corpus, tmp_path):
    ix = CorpusIndex([corpus], tmp_path / "index")
    yield ix
    ix.close()


def counts(report):
    d = report.to_dict()
    return d["indexed"], d["updated"], d["removed"], d["unchanged"]


def test_first_update_indexes_everything_and_reports_the_contract_keys(index):
    report = index.update()
    data = report.to_dict()
    assert set(data) >= {"indexed", "updated", "removed", "unchanged", "skipped", "seconds"}
    assert counts(report) == (len(ARTICLES), 0, 0, 0)
    assert json.loads(json.dumps(data)) == data
    ids = [a.id for a in index.articles()]
    assert sorted(ids) == sorted(ARTICLES)


def test_nothing_changed_touches_nothing(index):
    index.update()
    generation = index._open().latest_generation()
    report = index.update()
    assert counts(report) == (0, 0, 0, len(ARTICLES))
    assert index._open().latest_generation() == generation


def test_changed_new_and_deleted_files(index, corpus):
    index.update()
    write_article(
        corpus,
        "reuters/storm",
        "Storm hits coastal towns",
        "Reuters",
        "2025-09-15",
        "The storm moved north overnight and a lighthouse keeper was rescued.",
    )
    write_article(corpus, "bbc/election", "Polls open", "BBC", "2025-11-01", "Voters queued early.")
    (corpus / "bbc" / "football.md").unlink()
    report = index.update()
    assert counts(report) == (1, 1, 1, len(ARTICLES) - 2)
    assert index.search("lighthouse").hits[0].id == "reuters/storm"
    assert index.search("goalless").hits == []
    assert index.get("bbc/football") is None
    assert index.get("bbc/election").title == "Polls open"


def test_touched_but_identical_file_is_not_reindexed(index, corpus):
    index.update()
    path = corpus / "ap" / "inflation.md"
    later = time.time() + 100
    os.utime(path, (later, later))
    report = index.update()
    assert counts(report) == (0, 0, 0, len(ARTICLES))
    # ...and the new signature is remembered: the next run does not hash it again.
    assert index.update().unchanged == len(ARTICLES)


def test_manifest_change_reindexes_the_folder(index, corpus):
    index.update()
    (corpus / "bbc" / "corpus.yaml").write_text("defaults:\n  outlet: BBC News\n", encoding="utf-8")
    report = index.update()
    assert report.updated == 1
    assert index.get("bbc/football") is not None


def test_skipped_files_are_reported_with_reasons(index, corpus):
    (corpus / "empty.md").write_text("", encoding="utf-8")
    report = index.update()
    skipped = report.to_dict()["skipped"]
    assert any("empty" in item["path"] and item["reason"] for item in skipped)
    # Still reported on a later run, without reloading.
    assert any("empty" in item["path"] for item in index.update().to_dict()["skipped"])


def test_get_quotes_stories_and_sorted_articles(index):
    index.update()
    article = index.get("reuters/budget-vote")
    assert article.outlet == "Reuters" and article.date == "2025-10-02"
    assert "Senate passed the budget" in article.text
    quotes = index.quotes("reuters/budget-vote")
    assert quotes is not None
    for q in quotes:
        assert article.text[q.start : q.end] == q.text
    assert any("good day for taxpayers" in q.text for q in quotes)
    stories = index.stories()
    members = [a for s in stories for a in s.articles]
    assert sorted(members) == sorted(ARTICLES)  # every article in exactly one story
    infos = index.articles()
    keys = [((a.outlet or "").casefold(), a.date or "", a.id) for a in infos]
    assert keys == sorted(keys)
    story_of = {a.id: a.story for a in infos}
    for s in stories:
        for aid in s.articles:
            assert story_of[aid] == s.id
    assert index.get("no/such") is None and index.quotes("no/such") is None


def _groups_now(index):
    from reader.analysis.stories import group_stories

    arts = [index.get(a.id) for a in index.articles()]
    quotes = {a.id: index.quotes(a.id) or [] for a in arts}
    full = sorted(sorted(s.articles) for s in group_stories(arts, quotes))
    stored = sorted(sorted(s.articles) for s in index.stories())
    return stored, full


def test_updates_regroup_stories_incrementally_with_the_full_result(index, corpus, monkeypatch):
    index.update()
    assert (index.index_dir / state.STORIES_NAME).is_file()
    stored, full = _groups_now(index)
    assert stored == full

    def no_full_grouping(records):
        raise AssertionError("an ordinary update must not regroup every article")

    monkeypatch.setattr(story_groups, "cluster_records", no_full_grouping)
    write_article(
        corpus,
        "bbc/storm",
        "Storm floods coast",
        "BBC",
        "2025-09-16",
        "A powerful storm flooded coastal towns, cutting power to thousands; emergency crews worked through the night.",
    )
    write_article(
        corpus,
        "ap/inflation",
        "Inflation slows again",
        "Associated Press",
        "2025-10-21",
        "Inflation slowed in October. Food and energy prices fell; rents rose.",
    )
    (corpus / "bbc" / "football.md").unlink()
    index.update()
    stored, full = _groups_now(index)
    assert stored == full
    assert ["bbc/storm", "reuters/storm"] in stored
    story_of = {a.id: a.story for a in index.articles()}
    for story in index.stories():
        assert all(story_of[aid] == story.id for aid in story.articles)
        assert all(index.get(aid) is not None for aid in story.articles)
    storm = next(s for s in index.stories() if "reuters/storm" in s.articles)
    assert {h.id for h in index.search(f"story:{storm.id}", limit=50).hits} == {"bbc/storm", "reuters/storm"}
    monkeypatch.undo()

    # Statistics lost (or from another version): the next update groups everything again.
    (index.index_dir / state.STORIES_NAME).unlink()
    (corpus / "bbc" / "storm.md").unlink()
    index.update()
    stored, full = _groups_now(index)
    assert stored == full and (index.index_dir / state.STORIES_NAME).is_file()


def test_the_statistics_of_an_older_reader_are_used_once_then_rewritten(index, corpus, monkeypatch):
    """stories.json (before stories.bin) still spares a full regrouping; the update replaces it."""
    import marshal

    index.update()
    stats_file = index.index_dir / state.STORIES_NAME
    data = marshal.loads(stats_file.read_bytes())
    del data["python"]
    (index.index_dir / state.STORIES_JSON_NAME).write_text(json.dumps(data), encoding="utf-8")
    stats_file.unlink()

    def no_full_grouping(records):
        raise AssertionError("the older statistics were not used")

    monkeypatch.setattr(story_groups, "cluster_records", no_full_grouping)
    write_article(corpus, "bbc/storm", "Storm floods coast", "BBC", "2025-09-16", "A storm flooded coastal towns.")
    assert index.update().indexed == 1
    assert stats_file.is_file() and not (index.index_dir / state.STORIES_JSON_NAME).exists()
    stored, full = _groups_now(index)
    assert stored == full


def test_damaged_statistics_mean_a_full_regrouping(index, corpus):
    index.update()
    (index.index_dir / state.STORIES_NAME).write_bytes(b"\xff\x00 not marshal")
    write_article(corpus, "bbc/storm", "Storm floods coast", "BBC", "2025-09-16", "A storm flooded coastal towns.")
    assert index.update().indexed == 1
    stored, full = _groups_now(index)
    assert stored == full


def test_story_filter_and_story_queries(index):
    index.update()
    story = next(s for s in index.stories() if "reuters/budget-vote" in s.articles)
    hits = index.search("budget OR storm OR cup", story=story.id).hits
    assert {h.id for h in hits} <= set(story.articles) and hits
    assert {h.id for h in index.search(f"story:{story.id}", limit=50).hits} == set(story.articles)


def test_index_folder_inside_the_corpus_is_refused(corpus):
    with pytest.raises(IndexLocationError, match="inside the corpus"):
        CorpusIndex([corpus], corpus / ".index")


def test_old_schema_is_rebuilt_with_a_notice(index, corpus, tmp_path):
    from whoosh import fields, index as whoosh_index

    wdir = store.whoosh_dir(tmp_path / "index")
    wdir.mkdir(parents=True)
    whoosh_index.create_in(str(wdir), fields.Schema(id=fields.ID(stored=True)), indexname=store.INDEX_NAME)
    report = index.update()
    assert "older version" in report.notice
    assert report.indexed == len(ARTICLES)
    assert "notice" in report.to_dict()
    assert index.update().notice is None


@pytest.mark.parametrize("damage", ["delete_segment", "garbage_toc", "truncate_segment", "half_deleted"])
def test_damaged_index_is_detected_and_rebuilt(index, tmp_path, damage):
    index.update()
    index.close()
    wdir = store.whoosh_dir(tmp_path / "index")
    segs = sorted(wdir.glob("*.seg"))
    tocs = sorted(wdir.glob("_MAIN_*.toc"))
    if damage == "delete_segment":
        segs[0].unlink()
    elif damage == "garbage_toc":
        tocs[-1].write_bytes(b"\x00garbage" * 10)
    elif damage == "truncate_segment":
        data = segs[0].read_bytes()
        segs[0].write_bytes(data[: len(data) // 3])
    else:
        for path in list(wdir.iterdir())[::2]:
            path.unlink()
    fresh = CorpusIndex(index.roots, tmp_path / "index")
    # Reading a damaged index never raises: no results, and one line that says how to repair it.
    res = fresh.search("budget")
    assert res.hits == [] and "run `reader index --rebuild`" in res.error and "\n" not in res.error
    report = fresh.update()
    assert report.notice and "rebuilt" in report.notice
    assert report.indexed == len(ARTICLES)
    assert fresh.search("budget").hits
    fresh.close()


def test_lost_state_file_is_rebuilt_from_the_index(index, tmp_path):
    index.update()
    index.close()
    (tmp_path / "index" / statedb.DB_NAME).unlink()
    fresh = CorpusIndex(index.roots, tmp_path / "index")
    assert sorted(a.id for a in fresh.articles()) == sorted(ARTICLES)
    report = fresh.update()
    assert counts(report) == (0, 0, 0, len(ARTICLES))


def test_cancel_leaves_the_index_as_it_was(index, corpus):
    index.update()
    write_article(corpus, "bbc/new", "New", "BBC", "2025-11-02", "A brand new zeppelin story.")
    report = index.update(cancel=lambda: True)
    assert report.cancelled and report.to_dict()["cancelled"] is True
    assert index.search("zeppelin").hits == []
    assert index.update().indexed == 1
    assert index.search("zeppelin").hits


def test_progress_is_called_from_the_calling_thread(index):
    import threading

    calls = []
    index.update(progress=lambda d, t, m: calls.append((threading.current_thread(), d, t, m)))
    assert calls and all(c[0] is threading.current_thread() for c in calls)
    assert all(isinstance(c[1], int) and isinstance(c[2], int) for c in calls)


def test_duplicate_ids_across_roots_are_skipped(tmp_path):
    a = make_corpus(tmp_path / "a", {"x/one": ("One", "BBC", "2025-01-01", "alpha words here")})
    b = make_corpus(tmp_path / "b", {"x/one": ("Other", "BBC", "2025-01-02", "beta words here")})
    ix = CorpusIndex([a, b], tmp_path / "index")
    report = ix.update()
    assert report.indexed == 1
    # The file that keeps the id is named: in another corpus folder, it is not beside this one.
    [skipped] = [s for s in report.skipped if "same id" in s["reason"]]
    assert skipped["path"] == str(b / "x/one.md")
    assert skipped["reason"].startswith(f"same id 'x/one' as {a / 'x/one.md'} (")
    ix.close()


def test_a_duplicate_id_is_reported_by_every_update_and_list_while_it_lasts(tmp_path):
    a = make_corpus(tmp_path / "a", {"x/one": ("One", "BBC", "2025-01-01", "alpha words here")})
    b = make_corpus(tmp_path / "b", {"x/one": ("Other", "BBC", "2025-01-02", "beta words here")})
    ix = CorpusIndex([a, b], tmp_path / "index")

    def duplicates(items):
        return [s["path"] for s in items if "same id 'x/one'" in s["reason"]]

    assert duplicates(ix.update().skipped) == [str(b / "x/one.md")]
    # Nothing changed (the no-op check), then something else changed (the full update).
    assert duplicates(ix.update().skipped) == [str(b / "x/one.md")]
    assert duplicates(ix.skipped()) == [str(b / "x/one.md")]
    assert ix.skipped_count() == len(ix.skipped()) == 1  # the count a command says, read alone
    write_article(a, "two", "Two", "BBC", "2025-01-03", "gamma words here")
    assert duplicates(ix.update().skipped) == [str(b / "x/one.md")]
    assert [x.title for x in ix.articles() if x.id == "x/one"] == ["One"]
    assert duplicates(ix.skipped()) == [str(b / "x/one.md")]
    # The other file gone, the article that lost its id is indexed, and no longer reported.
    (a / "x/one.md").unlink()
    report = ix.update()
    assert duplicates(report.skipped) == [] and duplicates(ix.skipped()) == []
    assert [x.title for x in ix.articles() if x.id == "x/one"] == ["Other"]
    assert duplicates(ix.update().skipped) == []
    ix.close()


def test_feeds_of_one_name_side_by_side_are_reported_by_every_update(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    items = "".join(
        f"<item><title>R {n}</title><description>RSS entry {n} with words enough to be read.</description></item>"
        for n in (1, 2)
    )
    (corpus / "feed.rss").write_text(f"<rss version='2.0'><channel><title>T</title>{items}</channel></rss>")
    (corpus / "feed.jsonl").write_text('{"title": "J 1", "text": "JSON entry one with words enough to be read."}\n')
    ix = CorpusIndex([corpus], tmp_path / "index")
    for _ in range(2):
        reasons = sorted(s["reason"].split(" as ")[0] for s in ix.update().skipped)
        assert reasons == ["same id 'feed#1'"]
        assert [s["path"] for s in ix.skipped()] == [str(corpus / "feed.rss")]
    assert sorted(x.title for x in ix.articles()) == ["J 1", "R 2"]
    ix.close()


def test_parallel_build_writes_worker_segments(tmp_path, monkeypatch):
    """Enough files to use worker processes (spawned) for loading and for writing segments."""
    articles = {
        f"o{i % 3}/a{i:03d}": (
            f"Title {i}",
            f"Outlet {i % 3}",
            f"2025-0{1 + i % 9}-1{i % 10}",
            f"Article number {i} mentions zebra{i} and common words.",
        )
        for i in range(40)
    }
    root = make_corpus(tmp_path / "corpus", articles)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 8)
    ix = CorpusIndex([root], tmp_path / "index", workers=2)
    report = ix.update()
    assert report.indexed == 40
    assert len(whoosh_internals.segments(ix._open())) >= 2
    assert [h.id for h in ix.search("zebra17").hits] == ["o2/a017"]
    assert ix.searcher().doc_count() == 40
    # An incremental update after a parallel build.
    write_article(root, "o0/a000", "Title 0", "Outlet 0", "2025-01-10", "Now about a walrus.")
    assert ix.update().updated == 1
    assert [h.id for h in ix.search("walrus").hits] == ["o0/a000"]
    ix.close()


def test_many_small_updates_merge_segments(index, corpus, monkeypatch):
    index.update()
    monkeypatch.setattr(update, "MAX_SEGMENTS", 3)
    for i in range(6):
        write_article(corpus, f"extra/e{i}", f"Extra {i}", "BBC", "2025-12-01", f"quokka{i} text")
        index.update()
        assert len(whoosh_internals.segments(index._open())) <= 4
    assert index.searcher().doc_count() == len(ARTICLES) + 6
    assert [h.id for h in index.search("quokka3").hits] == ["extra/e3"]


class _Segment:
    def __init__(self, docs: int):
        self.docs = docs

    def doc_count(self) -> int:
        return self.docs


def test_only_small_segments_are_merged():
    def plan(*sizes):
        return sorted(seg.docs for seg in store.segments_to_merge([_Segment(n) for n in sizes]))

    # A 100k build's six segments and three small updates: the updates alone.
    assert plan(*[16667] * 6, 10, 12, 9) == [9, 10, 12]
    assert plan(*[16667] * 6, 10) == []  # one small segment: nothing to merge cheaply
    # Past the floor, a segment joins only when what is chosen already holds half as many documents.
    assert plan(1500, 1600, 3000, 16667) == [1500, 1600, 3000]
    assert plan(20, 30, 5000, 16667) == [20, 30]
    assert plan(1500, 4000, 16667) == []  # 4000 is more than twice 1500
    assert plan(4000, 4000, 4000) == [4000, 4000, 4000]


def test_small_updates_never_rewrite_the_large_segments(index, corpus, monkeypatch):
    # Three large segments beside the first: merging the small updates leaves all three alone
    # (keeping only the largest half rewrote one of them as soon as updates piled up).
    index.update()
    monkeypatch.setattr(update, "MAX_SEGMENTS", 4)
    monkeypatch.setattr(store, "MERGE_FLOOR_DOCS", 1)
    for batch, (word, month) in enumerate([("wombat", "01"), ("pelican", "05"), ("narwhal", "09")]):
        for i in range(30):  # a story of its own, months from the others: no document moves
            write_article(corpus, f"batch{batch}/a{i}", f"{word} {i}", "BBC", f"2024-{month}-01", f"{word} {word}")
        index.update()
    large = {seg.segment_id() for seg in whoosh_internals.segments(index._open()) if seg.doc_count() == 30}
    assert len(large) == 3
    for i in range(4):
        write_article(corpus, f"extra/e{i}", f"Extra {i}", "BBC", "2025-12-01", f"quokka{i} text")
        index.update()
        ids = {seg.segment_id() for seg in whoosh_internals.segments(index._open())}
        assert large <= ids and len(ids) <= 6
    assert index.searcher().doc_count() == len(ARTICLES) + 90 + 4
    assert [h.id for h in index.search("quokka3").hits] == ["extra/e3"]


def test_rebuild_flag(index):
    index.update()
    report = index.update(rebuild=True)
    assert report.indexed == len(ARTICLES) and "rebuilt" in report.notice


def test_core_does_not_import_textual_or_rich():
    import subprocess

    code = (
        "import sys, reader.index, reader.index.search, reader.index.store; "
        "bad=[m for m in sys.modules if m.split('.')[0] in ('textual','rich')]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent).returncode == 0


def test_index_can_be_copied_and_opened_elsewhere(index, tmp_path):
    index.update()
    index.close()
    shutil.copytree(tmp_path / "index", tmp_path / "copy")
    other = CorpusIndex(index.roots, tmp_path / "copy")
    assert other.search("inflation").hits
    other.close()


def test_searching_from_threads_while_updating(index, corpus):
    """The TUI searches in worker threads while another thread updates the same CorpusIndex."""
    import threading

    index.update()
    errors = []
    stop = threading.Event()

    def searcher():
        try:
            while not stop.is_set():
                res = index.search("inflation OR storm")
                assert res.error is None and res.hits
                index.articles()
                index.get("ap/inflation")
        except Exception as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=searcher) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for i in range(5):
            write_article(corpus, f"extra/t{i}", f"T{i}", "BBC", "2025-12-01", f"storm number {i}")
            assert index.update().indexed == 1
        assert index.update(rebuild=True).indexed == len(ARTICLES) + 5
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []


@pytest.mark.parametrize("caught", ["gone", "half deleted"])
def test_an_index_replaced_while_it_is_opened_is_read_from_its_new_folder(index, tmp_path, monkeypatch, caught):
    """A rebuild switches CURRENT to its new folder and deletes the old one; a reader that had
    just read the old name found its files gone and said "the index is damaged
    (FileNotFoundError)" (seen under load in test_searching_from_threads_while_updating)."""
    import shutil

    from reader.index import store

    index.update()
    index_dir = tmp_path / "index"
    real_open = store.open_folder
    replaced = []

    def open_while_replaced(wdir, full=False):
        if not replaced:  # between reading CURRENT and opening its folder, a rebuild lands
            replaced.append(wdir.name)
            shutil.copytree(wdir, index_dir / f"{store.DEFAULT_DIR}-rebuilt")
            store.activate(index_dir, f"{store.DEFAULT_DIR}-rebuilt")
            if caught == "half deleted":  # the deletion caught halfway: a file left, no contents
                wdir.mkdir()
                (wdir / "left.seg").write_bytes(b"")
        return real_open(wdir, full)

    monkeypatch.setattr(store, "open_folder", open_while_replaced)
    ix = store.open_existing(index_dir)
    assert replaced
    assert Path(ix.storage.folder).name == f"{store.DEFAULT_DIR}-rebuilt"
    fresh = CorpusIndex([tmp_path / "corpus"], index_dir)
    try:
        assert fresh.search("inflation").hits
    finally:
        fresh.close()


def test_fast_writer_and_analysis_give_the_same_results_as_plain_whoosh(tmp_path):
    """Our indexing shortcuts (one-pass analysis, inlined rare postings, recorded lengths) must
    produce the same matches and scores as Whoosh's own writer and analyzer chain."""
    import random

    from whoosh import fields, index as whoosh_index
    from whoosh import query as wq
    from whoosh.writing import SegmentWriter

    from reader.index.schema import reader_analyzer

    rng = random.Random(3)
    vocab = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "running",
        "runs",
        "Happy",
        "U.S.",
        "the",
        "of",
        "naïve",
        "café",
        "x",
        "economies",
        "state",
        "Peña",
        "O\u2019Reilly's",
        "东京举行峰会",
        "葛\U000e0100城市",
        "東京\u200e都",
        "it's",
        "US",
        "US's",
        "e-mail",
        "re-election",
        "ﬁnance",
        # CJK runs with hyphens: their pairs, and their parts' pairs apart (terms v19).
        "東京-大阪",
        "北京上海\u2010東京大阪-名古屋",
        "哈哈-哈哈",
    ] + [f"w{i}" for i in range(300)]
    texts = [" ".join(rng.choice(vocab) for _ in range(rng.randint(5, 120))) for _ in range(120)]

    def build(folder, fast):
        folder.mkdir()
        schema = fields.Schema(
            id=fields.ID(stored=True),
            body=store.build_schema()["body"] if fast else fields.TEXT(analyzer=reader_analyzer(), stored=True),
        )
        ix = whoosh_index.create_in(str(folder), schema)
        writer = whoosh_internals.FastSegmentWriter(ix) if fast else SegmentWriter(ix)
        for i, text in enumerate(texts):
            writer.add_document(id=str(i), body=text)
        writer.commit()
        return ix

    fast, plain = build(tmp_path / "fast", True), build(tmp_path / "plain", False)
    terms = [
        "alpha",
        "run",
        "happi",
        "u.",
        "naiv",
        "caf",
        "economi",
        "w7",
        "w299",
        "state",
        "pena",
        "o'reilli",
        "email",
        "reelect",
        "elect",
        "financ",
        "东京",
        "葛城",
        "京都",
    ]
    queries = [wq.Term("body", t) for t in terms]
    queries += [
        wq.Phrase("body", ["alpha", "beta"]),
        wq.Phrase("body", ["run", "state"]),
        wq.Phrase("body", ["reelect", "financ"]),
        wq.Phrase("body", ["elect", "financ"]),
        wq.Phrase("body", ["东京", "京举", "举行"]),
        wq.Phrase("body", ["東京", "大阪"]),
        wq.Phrase("body", ["上海", "東京", "京大", "大阪"]),
        wq.Phrase("body", ["大阪", "名古", "古屋"]),
        wq.And([wq.Term("body", "alpha"), wq.Term("body", "w3")]),
    ]
    with fast.searcher() as a, plain.searcher() as b:
        for q in queries:
            ra = [(h["id"], round(h.score, 6)) for h in a.search(q, limit=None)]
            rb = [(h["id"], round(h.score, 6)) for h in b.search(q, limit=None)]
            assert ra == rb, q
        assert sorted(a.reader().lexicon("body")) == sorted(b.reader().lexicon("body"))


def test_one_pass_analysis_matches_the_whoosh_chain_token_for_token():
    import random

    from whoosh import fields

    from reader.index.schema import FastAnalyzer, FastText, reader_analyzer

    fast, chain = FastAnalyzer(), reader_analyzer()
    rng = random.Random(1)
    vocab = [
        "The",
        "of",
        "a",
        "U.S.",
        "running",
        "Happy",
        "x",
        "naïve",
        "café",
        "İstanbul",
        "e.g.",
        "'s",
        "--",
        "ß",
        "日本語",
        "葛\U000e0100城市",
        "东\u302a京",
        "東京\u200e都",
        "3.14",
        "a_b",
        "\x00",
        "won't",
        "state-of-the-art",
        "  ",
        # Folding, apostrophes and CJK pairs (textproc's rules).
        "Peña",
        "NÚÑEZ",
        "Ａｂｃ",
        "O'Reilly",
        "O\u2019Reilly",
        "Trump's",
        "it\u2019s",
        "'",
        "\u2019",
        ".",
        "东京举行峰会",
        "東",
        "韓国の大統領は",
        "ソウル",
        "서울시",
        "iPhone发布会",
        "nai\u0308ve",
        # "US" as the country or (a line in capitals) the pronoun; hyphenated compounds; ligatures.
        "US",
        "LET US",
        "the US’s",
        "JOIN US for",
        "re-sign",
        "e-mail",
        "re\u2010election",
        "co-op-er-ate-d",
        "-",
        "ﬁnance",
        "CO₂",
        # CJK runs with hyphens, and words apart (a query's marked with the pair across the gap).
        "東京-大阪",
        "東京\uff0d大阪",
        "東-大阪",
        "東京 大阪",
        "東京 US 大阪",
        "北京上海\u2010東京大阪-名古屋",
        "哈哈-哈哈",
        "東京-e-mail",
        "中-美关系",
    ]

    def attrs(t, kw):
        d = {"text": t.text, "stopped": t.stopped, "boost": t.boost}
        if kw["positions"]:
            d["pos"] = t.pos
        if kw["chars"]:
            d["chars"] = (t.startchar, t.endchar)
        if kw["keeporiginal"]:
            d["original"] = t.original
        return d

    for _ in range(1500):
        text = "".join(rng.choice(vocab) + rng.choice([" ", "", ", ", "\n"]) for _ in range(rng.randint(0, 12)))
        kw = {k: rng.random() < 0.5 for k in ("positions", "chars", "keeporiginal", "removestops", "tokenize")}
        kw.update(start_pos=rng.choice([0, 3]), start_char=rng.choice([0, 10]), mode=rng.choice(["query", "index", ""]))
        assert [attrs(t, kw) for t in fast(text, **kw)] == [attrs(t, kw) for t in chain(text, **kw)]
        assert sorted(FastText().index(text)) == sorted(fields.TEXT(analyzer=chain).index(text))


def test_empty_corpus_gives_an_empty_searchable_index(tmp_path):
    root = tmp_path / "empty"
    root.mkdir()
    ix = CorpusIndex([root], tmp_path / "index")
    before = ix.search("anything")
    assert before.error and "no index" in before.error
    assert before.no_index  # the app says the index is being built, not the shell's advice
    report = ix.update()
    assert (report.indexed, report.unchanged) == (0, 0)
    res = ix.search("anything")
    assert res.error is None and res.hits == [] and ix.articles() == [] and ix.stories() == []
    assert not res.no_index
    ix.close()


def test_the_index_is_rebuilt_when_stored_analysis_changes():
    """Quotations, story features and terms are stored in the index: a new version of any must
    come with a new SCHEMA_VERSION (and STORED_ANALYSIS), or old indexes keep serving stale results."""
    from reader.analysis.quotes import QUOTES_VERSION
    from reader.analysis.stories import FEATURES_VERSION
    from reader.index.schema import STORED_ANALYSIS
    from reader.index.textproc import TERMS_VERSION

    assert STORED_ANALYSIS == {"quotes": QUOTES_VERSION, "features": FEATURES_VERSION, "terms": TERMS_VERSION}, (
        "bump SCHEMA_VERSION in reader/index/layout.py and update STORED_ANALYSIS"
    )


def test_a_small_update_runs_with_the_collector_paused_and_hands_its_objects_on(index, corpus, monkeypatch):
    """A small update (loaded in this process) pauses the cyclic collector from the state's
    reading to its recording; after it the collector runs again, and what the update made was
    handed to the oldest generation (frozen, then unfrozen: nothing stays frozen)."""
    import gc

    index.update()
    seen = []
    for owner, name in ((pool.WorkerPool, "load"), (update.IndexUpdate, "write"), (update, "read_state")):
        real = getattr(owner, name)
        monkeypatch.setattr(owner, name, lambda *a, _real=real, **k: seen.append(gc.isenabled()) or _real(*a, **k))
    write_article(corpus, "bbc/storm", "Storm floods coast", "BBC", "2025-09-16", "A storm flooded coastal towns.")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert index.update().indexed == 1
    assert seen == [False, False, False] and gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # a caller's pause is left as it was
    try:
        write_article(corpus, "bbc/storm", "Storm floods coast", "BBC", "2025-09-16", "A storm flooded the towns.")
        assert index.update().updated == 1
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_regrouping_pauses_the_cycle_collector_and_restores_it(index, corpus, monkeypatch):
    import gc

    from reader.analysis import stories

    index.update()
    seen = []
    real = stories.regroup_by_key

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(stories, "regroup_by_key", spy)
    write_article(corpus, "bbc/storm", "Storm floods coast", "BBC", "2025-09-16", "A storm flooded coastal towns.")
    assert gc.isenabled()
    assert index.update().indexed == 1
    assert seen == [False] and gc.isenabled()


def test_an_update_reads_and_writes_only_the_stories_it_regroups(index, corpus, monkeypatch):
    """The stories are read by key (at 50,000 articles every story read whole was ~28 MB of a
    small update's peak): only those of the region, by id, are read; the rows of those it
    dissolves are replaced by the stories made, every other row is left as it was, and the
    stories read back are in story_order."""
    from reader.analysis.stories import story_order

    index.update()
    before = [(s.id, s.label, list(s.articles)) for s in index.stories()]
    db = statedb.StateDB(index.index_dir)
    rows_before = db._read("SELECT rowid, id, label, articles FROM grouped_stories")
    asked: list[list[str]] = []
    real_read = statedb.StateDB.grouped_stories_of
    monkeypatch.setattr(
        statedb.StateDB, "grouped_stories_of", lambda self, ids: asked.append(list(ids)) or real_read(self, ids)
    )
    monkeypatch.setattr(statedb.StateDB, "stories", lambda self: pytest.fail("every story read"))
    write_article(corpus, "bbc/storm", "Storm floods coast", "BBC", "2025-09-16", "A storm flooded coastal towns.")
    assert index.update().indexed == 1
    monkeypatch.undo()
    dissolved = {sid for ids in asked for sid in ids}
    assert dissolved and len(dissolved) < len(before)
    after = [(s.id, s.label, list(s.articles)) for s in index.stories()]
    assert after == sorted(after, key=lambda s: story_order(s[2]))
    assert [s for s in before if s[0] not in dissolved] == [s for s in after if s[0] not in dissolved]
    assert any("bbc/storm" in s[2] for s in after)
    rows_after = db._read("SELECT rowid, id, label, articles FROM grouped_stories")
    kept = [row for row in rows_before if row[1] not in dissolved]
    assert kept and all(row in rows_after for row in kept)  # not written again: same rowids
    assert len(rows_after) == len(after)


def test_keep_story_ids_gives_a_renamed_story_a_new_dict():
    from reader.analysis.stories import story_id

    before = [{"id": story_id("a"), "label": "L", "articles": ["a", "b"]}]
    held = {"id": story_id("a2"), "label": "L", "articles": ["a2", "b"]}  # another holder's dict
    stories = [held, {"id": story_id("c"), "label": "C", "articles": ["c"]}]
    update.keep_story_ids(stories, before, {"a": "a2"})
    assert stories[0] == {"id": story_id("a"), "label": "L", "articles": ["a2", "b"]}
    assert held == {"id": story_id("a2"), "label": "L", "articles": ["a2", "b"]}


def test_a_small_update_leaves_what_the_app_froze_frozen(index, corpus):
    """The app freezes its long-lived objects (LongLived) and updates in a thread of its own
    process: the update's pause must not thaw them (gc.unfreeze thaws everything)."""
    import gc

    from reader.index.gcpause import collector_paused_block

    index.update()
    kept = [[n] for n in range(100)]
    gc.freeze()
    try:
        assert gc.get_freeze_count() > 0
        write_article(corpus, "bbc/storm", "Storm floods coast", "BBC", "2025-09-16", "A storm flooded coastal towns.")
        assert index.update().indexed == 1
        assert gc.get_freeze_count() > 0  # (frozen objects freed meanwhile leave the count)
        with collector_paused_block():
            made = [[n] for n in range(100)]
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()
    assert kept and made


def test_workers_start_where_stderr_has_no_descriptor(tmp_path):
    # In the terminal app Textual captures stderr (fileno() is -1), and multiprocessing's
    # resource tracker, started by the first spawn, was handed that -1: an update of 200+ files
    # failed with "bad value(s) in fds_to_keep". A new process, so that no tracker runs yet.
    import subprocess
    import sys

    script = f"""
import io, sys
from pathlib import Path

class Captured(io.TextIOBase):
    def write(self, text):
        return len(text)

    def fileno(self):
        return -1

if __name__ == "__main__":
    from reader.index import CorpusIndex, pool
    pool.PARALLEL_MIN_FILES = 10
    root = Path({str(tmp_path / "corpus")!r})
    root.mkdir()
    for k in range(24):
        (root / f"a{{k}}.md").write_text(f"---\\ntitle: T{{k}}\\noutlet: Reuters\\n---\\n\\nText {{k}} on a vote.\\n")
    index = CorpusIndex([root], Path({str(tmp_path / "index")!r}), workers=2)
    sys.stderr = Captured()
    print(index.update().indexed)
    index.close()
"""
    (tmp_path / "run.py").write_text(script)
    result = subprocess.run([sys.executable, str(tmp_path / "run.py")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "24"


def test_an_update_that_removes_every_article_leaves_no_story(index, corpus):
    index.update()
    assert index.stories()
    for path in list(corpus.rglob("*.md")):
        path.unlink()
    assert index.update().removed == len(ARTICLES)
    assert index.stories() == []
    assert statedb.StateDB(index.index_dir).stories() == []
