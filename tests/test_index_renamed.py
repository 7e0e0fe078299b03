"""A file or folder renamed or moved inside the corpus (reader/index/renamed.py): recognised by its
contents, its articles re-keyed from their stored documents instead of read and analysed again
when nothing they were made of changed, and named in the report for what follows them (marks)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import ARTICLES, make_corpus, write_article  # noqa: E402

from reader.index import CorpusIndex, store  # noqa: E402


@pytest.fixture
def loaded(monkeypatch):
    """The paths the updates load (read and analyse), in order."""
    paths: list[str] = []
    real = store._load_one

    def spy(job, *args, **kwargs):
        paths.append(job[1])
        return real(job, *args, **kwargs)

    monkeypatch.setattr(store, "_load_one", spy)
    return paths


def build(root: Path, index_dir: Path) -> None:
    ix = CorpusIndex([root], index_dir, workers=1)
    ix.update()
    ix.close()


def snapshot(ix: CorpusIndex) -> dict:
    """What a user sees of every article: its fields, text, quotations and story's members."""
    members = {aid: sorted(s.articles) for s in ix.stories() for aid in s.articles}
    out = {}
    for info in ix.articles():
        art = ix.get(info.id)
        assert art is not None
        out[info.id] = (
            art.title,
            art.outlet,
            art.date,
            art.url,
            art.author,
            art.text,
            sorted(art.inferred or ()),
            str(art.path),
            [q.text for q in ix.quotes(info.id)],
            members.get(info.id),
        )
    return out


def test_a_renamed_folder_re_keys_its_articles_without_reading_them_again(tmp_path, loaded):
    root = make_corpus(tmp_path / "news")
    build(root, tmp_path / "index")
    loaded.clear()
    (root / "reuters").rename(root / "wires")
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        report = ix.update()
        assert loaded == []  # nothing read and analysed again
        assert report.renamed == {"reuters/budget-vote": "wires/budget-vote", "reuters/storm": "wires/storm"}
        d = report.to_dict()
        assert (d["indexed"], d["updated"], d["removed"], d["unchanged"], d["renamed"]) == (0, 0, 0, 3, 2)
        [hit] = ix.search("flooded").hits
        assert (hit.id, hit.path) == ("wires/storm", str(root / "wires" / "storm.md"))
        assert ix.get("reuters/storm") is None
        assert ix.damage() is None
        again = ix.update()
        assert (again.to_dict()["unchanged"], again.renamed) == (5, {})
        seen = snapshot(ix)
    finally:
        ix.close()
    # What a first build of the renamed corpus gives, to the story each article is in.
    fresh = CorpusIndex([root], tmp_path / "fresh", workers=1)
    try:
        fresh.update()
        assert seen == snapshot(fresh)
    finally:
        fresh.close()


def test_a_file_renamed_in_its_folder_keeps_its_article(tmp_path, loaded):
    root = make_corpus(tmp_path / "news")
    build(root, tmp_path / "index")
    loaded.clear()
    (root / "bbc" / "football.md").rename(root / "bbc" / "cup-final.md")
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        report = ix.update()
        assert loaded == [] and report.renamed == {"bbc/football": "bbc/cup-final"}
        assert ix.get("bbc/cup-final").title == "Cup final ends in draw"
    finally:
        ix.close()


def test_a_moved_file_whose_outlet_came_from_its_folder_is_read_again(tmp_path, loaded):
    """The folder named the outlet (the file gives none): under another outlet's folder the
    article is another outlet's, so it is read again, and still counted as renamed."""
    root = tmp_path / "news"
    (root / "reuters").mkdir(parents=True)
    (root / "reuters" / "storm.txt").write_text("Storm hits coastal towns\n\nA storm flooded the towns on Monday.\n")
    (root / "bbc").mkdir()
    build(root, tmp_path / "index")
    loaded.clear()
    (root / "reuters" / "storm.txt").rename(root / "bbc" / "storm.txt")
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        report = ix.update()
        assert loaded == [str(root / "bbc" / "storm.txt")]
        assert report.renamed == {"reuters/storm": "bbc/storm"}
        assert ix.get("bbc/storm").outlet == "BBC News"
    finally:
        ix.close()


def test_two_files_of_the_same_contents_are_not_guessed(tmp_path, loaded):
    root = make_corpus(tmp_path / "news")
    body = ("Copy", "Reuters", "2025-10-02", "The same words twice.")
    write_article(root, "a/one", *body)
    write_article(root, "a/two", *body)
    build(root, tmp_path / "index")
    loaded.clear()
    (root / "a").rename(root / "b")
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        report = ix.update()
        assert sorted(loaded) == [str(root / "b" / "one.md"), str(root / "b" / "two.md")]
        assert report.renamed == {}
        d = report.to_dict()
        assert (d["indexed"], d["removed"]) == (2, 2)
    finally:
        ix.close()


def test_a_renamed_file_that_also_changed_is_read_again(tmp_path, loaded):
    root = make_corpus(tmp_path / "news")
    build(root, tmp_path / "index")
    loaded.clear()
    path = root / "bbc" / "football.md"
    path.write_text(path.read_text() + "\nExtra time was played.\n")
    path.rename(root / "bbc" / "final.md")
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        report = ix.update()
        assert loaded == [str(root / "bbc" / "final.md")] and report.renamed == {}
        assert "Extra time" in ix.get("bbc/final").text
    finally:
        ix.close()


def test_a_large_renamed_folder_is_re_keyed_beside_files_the_workers_load(tmp_path, monkeypatch):
    from reader.index import pool

    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 4)
    articles = {
        f"o{i % 2}/a{i:02d}": (f"Title {i}", "Reuters", "2025-03-10", f"Article {i} on zebra{i}.") for i in range(12)
    }
    root = make_corpus(tmp_path / "news", articles)
    ix = CorpusIndex([root], tmp_path / "index", workers=2)
    ix.update()
    ix.close()
    os.rename(root / "o0", root / "p0")
    for i in range(5):
        write_article(root, f"new/b{i}", f"New {i}", "BBC", "2025-03-11", f"Fresh story {i} on yak{i}.")
    ix = CorpusIndex([root], tmp_path / "index", workers=2)
    try:
        report = ix.update()
        d = report.to_dict()
        assert (d["indexed"], d["removed"], d["renamed"]) == (5, 0, 6)
        assert [h.id for h in ix.search("zebra4").hits] == ["p0/a04"]
        assert [h.id for h in ix.search("yak3").hits] == ["new/b3"]
        assert ix.damage() is None
    finally:
        ix.close()


def test_cli_index_counts_the_renamed_articles_and_their_marks_follow(tmp_path, reader_cli):
    import json

    from reader.state.marks import Mark, MarkStore

    corpus = make_corpus(tmp_path / "news")
    reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    marks = MarkStore(Path(os.environ["READER_DATA_DIR"]) / "marks.sqlite3", [corpus])
    marks.put({"reuters/storm": Mark(read=True)})
    (corpus / "reuters").rename(corpus / "wires")
    result = reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    assert result.stdout.startswith("0 indexed, 0 updated, 0 removed, 3 unchanged, 2 renamed in ")
    assert marks.all() == {"wires/storm": Mark(read=True)}
    (corpus / "wires").rename(corpus / "reuters")
    assert json.loads(reader_cli("--corpus", str(corpus), "index", "--no-prepare", "--json").stdout)["renamed"] == 2
    assert marks.all() == {"reuters/storm": Mark(read=True)}


def test_an_update_that_only_renamed_says_nothing_of_an_empty_corpus(tmp_path, reader_cli):
    """`reader index` after renaming the corpus's one folder said "no articles in …": it counted
    the indexed, updated and unchanged articles, and every one had been renamed."""
    corpus = tmp_path / "news"
    write_article(corpus, "fox/vote", "Vote", "Fox News", "2025-01-01", "The council voted on Tuesday.")
    reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    (corpus / "fox").rename(corpus / "foxnews")
    result = reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    assert result.stdout.startswith("0 indexed, 0 updated, 0 removed, 0 unchanged, 1 renamed in ")
    assert "no articles" not in result.stderr


def test_a_renamed_folder_keeps_its_articles_packed_story_records(tmp_path, loaded, monkeypatch):
    """The state database's story records of a renamed file's articles are the stored ones under
    the new ids, re-keyed: not unpacked from the documents' JSON and packed again."""
    import sqlite3

    from reader.analysis.stories import packed

    root = make_corpus(tmp_path / "news")
    build(root, tmp_path / "index")

    def records() -> dict[str, bytes]:
        con = sqlite3.connect(tmp_path / "index" / "state.sqlite")
        try:
            return dict(con.execute("SELECT id, record FROM features"))
        finally:
            con.close()

    before = records()
    packing: list[str] = []
    real_pack = packed.pack

    def counting(record):
        packing.append(record.get("id"))
        return real_pack(record)

    monkeypatch.setattr(packed, "pack", counting)
    (root / "reuters").rename(root / "wires")
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        assert ix.update().renamed == {"reuters/budget-vote": "wires/budget-vote", "reuters/storm": "wires/storm"}
    finally:
        ix.close()
    assert packing == []
    after = records()
    for old, new in (("reuters/budget-vote", "wires/budget-vote"), ("reuters/storm", "wires/storm")):
        assert old not in after
        assert after[new] == packed.with_id(before[old], new)
        assert packed.PackedRecord(after[new]).to_dict() == dict(packed.PackedRecord(before[old]).to_dict(), id=new)
    assert {k: v for k, v in after.items() if not k.startswith("wires/")} == {
        k: v for k, v in before.items() if not k.startswith("reuters/")
    }


def stories_by_members(ix: CorpusIndex) -> dict[tuple, str]:
    return {tuple(s.articles): s.id for s in ix.stories()}


def test_a_story_keeps_its_id_when_its_first_articles_file_is_renamed(tmp_path):
    """A story is named by its first article: renaming that article's file kept the story (the
    same articles) but gave it another id, so a saved `reader compare ID` or `search --story ID`
    found nothing."""
    from reader.analysis.stories import story_id

    root = make_corpus(tmp_path / "news")
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        ix.update()
        before = stories_by_members(ix)
        budget = next(members for members in before if "reuters/budget-vote" in members)
        assert budget[0] == "reuters/budget-vote" and len(budget) == 2
        assert before[budget] == story_id("reuters/budget-vote")
        (root / "reuters").rename(root / "wires")
        ix.update()
        after = stories_by_members(ix)
        renamed = {tuple(aid.replace("reuters/", "wires/") for aid in members): sid for members, sid in before.items()}
        assert after == renamed  # the same stories, by the same ids
        # Kept at the updates that follow, and when the story changes around the article.
        write_article(root, "bbc/budget", "Senate passes budget", "BBC", "2025-10-04", "The Senate passed the budget.")
        ix.update()
        story = next(s for s in ix.stories() if "wires/budget-vote" in s.articles)
        assert story.articles[0] == "wires/budget-vote" and story.id == story_id("reuters/budget-vote")
    finally:
        ix.close()


def test_a_kept_story_id_never_names_two_stories(tmp_path):
    """A new file at the renamed one's old path names its own story by that path: the renamed
    story gives up its old id rather than share it."""
    from reader.analysis.stories import story_id

    root = make_corpus(tmp_path / "news")
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        ix.update()
        (root / "reuters").rename(root / "wires")
        write_article(root, "reuters/budget-vote", "Zoo opens", "Reuters", "2025-01-01", "A zoo opened its gates.")
        ix.update()
        ids = [s.id for s in ix.stories()]
        assert len(ids) == len(set(ids))
        assert next(s.id for s in ix.stories() if s.articles == ["reuters/budget-vote"]) == story_id(
            "reuters/budget-vote"
        )
    finally:
        ix.close()


@pytest.mark.parametrize("chunk", [1000, 3])
def test_a_corpus_copied_into_a_folder_keeps_its_stories_without_grouping_them_again(tmp_path, monkeypatch, chunk):
    """`cp -r news/* news/copy/` (or a copy into a folder that exists) renames every file: each
    article, the same record under a new id, keeps its place in its story instead of every
    article being grouped again (173 s and 1.2 GB at 10,000 articles). The old records are read
    a chunk at a time (3: several chunks), each old one no longer held beside its new one."""
    import shutil

    from reader.analysis.stories import incremental
    from reader.index import story_groups

    monkeypatch.setattr(story_groups, "CARRIED_CHUNK", chunk)

    root = make_corpus(tmp_path / "news")
    build(root, tmp_path / "index")
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        before = stories_by_members(ix)
    finally:
        ix.close()
    for entry in sorted(root.iterdir()):
        shutil.move(entry, root / "copy" / entry.name)
    scored: list[set] = []
    real = incremental._Pool.similarities

    def spy(self, pool_ids, region):
        scored.append(set(region))
        return real(self, pool_ids, region)

    monkeypatch.setattr(incremental._Pool, "similarities", spy)
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        report = ix.update()
        assert len(report.renamed) == len(ARTICLES)
        assert scored == []  # nothing grouped again
        after = stories_by_members(ix)
        assert after == {tuple(f"copy/{aid}" for aid in members): sid for members, sid in before.items()}
        assert ix.damage() is None
    finally:
        ix.close()
    fresh = CorpusIndex([root], tmp_path / "fresh", workers=1)
    try:
        fresh.update()
        assert sorted(stories_by_members(fresh)) == sorted(after)
    finally:
        fresh.close()


def test_two_files_that_swap_contents_leave_each_article_in_one_story(tmp_path):
    """Two files swapped (a.md's text now in b.md and b.md's in a.md) are two renames whose new
    ids each named an article before: carrying both kept one id in its old story and in the
    one it took over, an article listed in two stories."""
    import os

    root = make_corpus(tmp_path / "news")
    build(root, tmp_path / "index")
    first, second = root / "ap" / "budget-vote.md", root / "bbc" / "football.md"
    aside = root / "swap.tmp"
    os.rename(first, aside)
    os.rename(second, first)
    os.rename(aside, second)
    ix = CorpusIndex([root], tmp_path / "index", workers=1)
    try:
        report = ix.update()
        assert report.renamed == {"ap/budget-vote": "bbc/football", "bbc/football": "ap/budget-vote"}
        members = [aid for story in ix.stories() for aid in story.articles]
        assert sorted(members) == sorted(set(members))
        after = sorted(stories_by_members(ix))
    finally:
        ix.close()
    fresh = CorpusIndex([root], tmp_path / "fresh", workers=1)
    try:
        fresh.update()
        assert sorted(stories_by_members(fresh)) == after
    finally:
        fresh.close()


def test_many_files_renamed_at_once_are_re_keyed_from_spill_files(tmp_path, monkeypatch):
    """A corpus copied into a folder of its own (`cp -r news dest/`, the index pointed at dest)
    renames every file: their articles, made from the stored documents, were all held in this
    process until the workers wrote them (885 MB at 10,000). They go to spill files as they are
    made, as a large load's do, and the index ends as a fresh build of the copy would."""
    import shutil

    from reader.index import pool

    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 4)
    spilled: list[int] = []
    real = store.spill_records

    def spy(records, spill_dir):
        spilled.append(len(records))
        return real(records, spill_dir)

    monkeypatch.setattr(store, "spill_records", spy)
    root = make_corpus(tmp_path / "news")
    ix = CorpusIndex([root], tmp_path / "index", workers=2)
    ix.update()
    ix.close()
    dest = tmp_path / "dest"
    dest.mkdir()
    shutil.copytree(root, dest / "news", copy_function=shutil.copyfile)  # new times, as `cp -r`
    ix = CorpusIndex([dest], tmp_path / "index", workers=2)
    try:
        report = ix.update()
        assert len(report.renamed) == len(ARTICLES) and sum(spilled) == len(ARTICLES)
        after = snapshot(ix)
        assert ix.damage() is None
    finally:
        ix.close()
    fresh = CorpusIndex([dest], tmp_path / "fresh", workers=2)
    try:
        fresh.update()
        assert snapshot(fresh) == after
    finally:
        fresh.close()
