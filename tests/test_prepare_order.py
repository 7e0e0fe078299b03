"""The prepare pass's order of the stories two or more outlets tell, after an update, from the last
pass's order and only what the update wrote (Library._comparable_after): the same as a pass
reading every article and story (versions.comparable_stories)."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import write_article  # noqa: E402
from test_index_story_blocks import _OUTLETS, _dense_corpus  # noqa: E402

from reader.analysis.prepare import LastPass, PassRecord, PrepareReport  # noqa: E402
from reader.analysis.versions import comparable_stories, restate_comparable  # noqa: E402
from reader.library import Library  # noqa: E402


def story(sid, newest, *members):
    return [newest, sid, len(members), min(members), list(members)]


def test_restate_puts_the_changed_stories_in_the_groupings_order():
    kept = [
        story("a", "2025-03-02", "a1", "a2"),
        story("b", "2025-03-01", "b1", "b2", "b3"),
        story("c", "", "c1", "c2"),
    ]
    fresh = [story("b", "2025-03-01", "b1", "b2"), story("d", "2025-03-01", "d1", "d2", "d3")]
    assert restate_comparable(kept, ["b", "d", "e"], fresh) == [
        kept[0],
        fresh[1],  # of one date, the story of more articles first
        fresh[0],
        kept[2],  # undated last
    ]


def _edit(rng: random.Random, corpus: Path, paths: list[Path]) -> str:
    """One change to the corpus, at random: a file's text, outlet or date changed, a report of
    another event's words added, a file removed or renamed."""
    path = rng.choice(paths)
    kind = rng.choice(["text", "outlet", "date", "add", "remove", "rename"])
    if kind == "text":
        other = rng.choice(paths).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        path.write_text(path.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n" + other, encoding="utf-8")
    elif kind == "outlet":
        text = path.read_text(encoding="utf-8")
        outlet = next(line for line in text.splitlines() if line.startswith("outlet: "))
        path.write_text(text.replace(outlet, f"outlet: {rng.choice(_OUTLETS)}"), encoding="utf-8")
    elif kind == "date":
        text = path.read_text(encoding="utf-8")
        date = next(line for line in text.splitlines() if line.startswith("date: "))
        path.write_text(text.replace(date, f"date: '2025-03-0{rng.randint(1, 4)}'"), encoding="utf-8")
    elif kind == "add":
        source = rng.choice(paths).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        added = write_article(
            corpus, f"added/a{len(paths)}-{rng.randrange(10**6)}", "Added", rng.choice(_OUTLETS), "2025-03-02", source
        )
        paths.append(added)
    elif kind == "remove" and len(paths) > 10:
        path.unlink()
        paths.remove(path)
    elif kind == "rename":
        moved = path.with_name(f"moved-{rng.randrange(10**6)}.md")
        path.rename(moved)
        paths[paths.index(path)] = moved
    return kind


def test_after_random_updates_the_order_from_what_changed_is_that_of_a_full_pass(tmp_path):
    """Forty updates of one to three changes each (texts, outlets, dates, files added, removed,
    renamed): each time, the last order restated from what the update wrote equals the order
    read from every article and story, and reads neither."""
    rng = random.Random(11)
    corpus = tmp_path / "corpus"
    paths = _dense_corpus(corpus, events=20, seed=3)
    library = Library([corpus], tmp_path / "ix")
    library.update()
    order = comparable_stories(library.articles(), library.stories())
    assert len(order) >= 5  # stories two outlets tell
    restated = 0
    for _ in range(40):
        for _ in range(rng.randint(1, 3)):
            _edit(rng, corpus, paths)
        library.update()
        rewritten = library.last_report.rewritten
        full = comparable_stories(library.articles(), library.stories())
        if rewritten is not None and rewritten.stories is not None:
            # What the restating relies on: the story of every article written is one written.
            written = library.index.articles_of(sorted(rewritten.ids))
            assert {info.story for info in written} <= rewritten.stories
            assert library._comparable_after(order, rewritten, rewritten.commit) == full
            restated += 1
        order = full
    assert restated >= 30  # the grouping's incremental updates name the stories they wrote
    library.close()


def test_the_record_keeps_the_commit_and_order_whatever_the_cache_dropped(tmp_path):
    """The order is the index's, not the cache's: kept while the sentences the pass made ready
    may be gone (they are then looked up again); a pass that made none ready needs no cache file."""
    folder = tmp_path / "sentences"
    record = PassRecord(folder)
    order = [story("s1", "2025-03-01", "a", "b")]
    report = PrepareReport(articles=2, ready=2, encoded=4, left=0, seconds=1.0)
    record.remember("/ix/one", "commit-1", "model-1", report, {"a": ["d", 1], "b": ["e", 2]}, order)
    last = record.last_pass("/ix/one", "model-1")  # no sentence file: nothing ready, the order stands
    assert (last.commit, last.ready, last.order, last.sentences_kept) == ("commit-1", {}, order, False)
    assert record.last_pass("/ix/one", "model-2") == LastPass(None, {}, None)
    record.remember("/ix/two", "commit-2", "model-1", PrepareReport(0, 0, 0, 0, 0.0), {}, [])
    assert record.current("/ix/two", "commit-2", "model-1") is not None  # it kept nothing: nothing is missing
    assert record.last_pass("/ix/two", "model-1") == LastPass("commit-2", {}, [], True)
    entries = json.loads(record.path.read_text(encoding="utf-8"))
    entries["/ix/two"]["order"] = [["2025-03-01", "s1", "two", "a", ["a"]]]  # malformed: not used
    record.path.write_text(json.dumps(entries), encoding="utf-8")
    assert record.last_pass("/ix/two", "model-1").order is None


def test_a_pass_after_an_update_of_a_corpus_no_two_outlets_tell_reads_no_row(tmp_path, isolated_dirs, monkeypatch):
    """One outlet's articles (no sentence is ever kept, so the cache has no file): the pass after
    a one-file update still starts from the last one's order, reading no article row or story."""
    corpus = tmp_path / "corpus"
    paths = [
        write_article(corpus, f"one/a{n}", f"Title {n}", "Reuters", "2025-03-01", f"Text {n} here.") for n in range(3)
    ]
    library = Library([corpus], tmp_path / "ix")
    assert library.prepare_stories().articles == 0
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\nA sentence more.\n", encoding="utf-8")
    library.update()
    listed = []
    for name in ("articles", "stories"):
        real = getattr(Library, name)
        monkeypatch.setattr(Library, name, lambda self, real=real, name=name: listed.append(name) or real(self))
    assert library.prepare_stories().articles == 0 and listed == []
    library.close()


def _recorded_order(cache: Path) -> list | None:
    entries = json.loads((cache / "sentences" / "prepared.json").read_text(encoding="utf-8"))
    (entry,) = entries.values()
    return entry.get("order")


def _full_order(index: Path, corpus: Path) -> list:
    reading = Library([corpus], index, auto_update=False)
    try:
        return comparable_stories(reading.articles(), reading.stories())
    finally:
        reading.close()


def _nothing_encoded(monkeypatch) -> None:
    """The pass's articles not encoded (what is tested is its order, kept in the record)."""
    from reader.analysis import prepare

    monkeypatch.setattr(
        prepare,
        "prepare_articles",
        lambda ids, *args: PrepareReport(articles=len(ids), ready=0, encoded=0, left=0, seconds=0.0),
    )


def test_a_story_split_then_merged_again_by_updates_is_restated_as_a_full_pass_orders_it(
    tmp_path, isolated_dirs, monkeypatch
):
    """An article moved to another event's story (its story split, the other grown), then back:
    each pass after the update restates the order from what it wrote, and it is a full pass's."""
    _nothing_encoded(monkeypatch)
    corpus = tmp_path / "corpus"
    _dense_corpus(corpus, events=12, seed=3)
    library = Library([corpus], tmp_path / "ix")
    library.prepare_stories()
    assert _recorded_order(isolated_dirs["cache"]) == _full_order(tmp_path / "ix", corpus)
    stories = library.stories()
    told = next(s for s in stories if len(s.articles) >= 2)
    other = next(s for s in stories if s is not told and len(s.articles) >= 2)
    moved, donor = (corpus / f"{told.articles[-1]}.md", corpus / f"{other.articles[0]}.md")
    original = moved.read_text(encoding="utf-8")
    outlet = next(line for line in original.splitlines() if line.startswith("outlet: "))
    donor_outlet = next(line for line in donor.read_text(encoding="utf-8").splitlines() if line.startswith("outlet: "))
    # The other event's title and words, under the moved article's own outlet
    retold = donor.read_text(encoding="utf-8").replace(donor_outlet, outlet)
    for text in (retold, original):
        moved.write_text(text, encoding="utf-8")
        before = {s.id: list(s.articles) for s in library.stories()}
        library.update()
        assert library.last_report.rewritten.stories  # restated, not read from every row
        listed = []
        real = Library.stories
        monkeypatch.setattr(Library, "stories", lambda self: listed.append(1) or real(self))
        library.prepare_stories()
        monkeypatch.setattr(Library, "stories", real)
        assert listed == []
        assert _recorded_order(isolated_dirs["cache"]) == _full_order(tmp_path / "ix", corpus)
        assert {s.id: list(s.articles) for s in library.stories()} != before  # the stories did change
    library.close()


def _index_in_another_process(corpus: Path, index: Path) -> None:
    import os
    import subprocess

    root = Path(__file__).resolve().parent.parent
    script = "import sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))"
    args = ["--corpus", str(corpus), "--index", str(index), "index", "--no-prepare"]
    env = dict(os.environ, PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_an_update_by_another_process_or_library_or_an_older_record_means_the_order_is_read_again(
    tmp_path, isolated_dirs, monkeypatch
):
    """The last pass's order is restated only from this Library's own update from the commit it
    read: after another process's `reader index`, another Library's update, or with a record an
    older reader wrote (no order), the pass reads every story, and records a full pass's order."""
    _nothing_encoded(monkeypatch)
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    paths = _dense_corpus(corpus, events=12, seed=3)
    library = Library([corpus], index)
    library.prepare_stories()
    record = isolated_dirs["cache"] / "sentences" / "prepared.json"
    listed: list[int] = []
    real = Library.stories
    monkeypatch.setattr(Library, "stories", lambda self: listed.append(1) or real(self))

    def changed(n: int) -> None:  # an article of another event's outlet, date and words
        source = paths[n].read_text(encoding="utf-8").split("\n---\n", 1)[1]
        write_article(corpus, f"added/a{n}", f"Added {n}", _OUTLETS[n % 4], "2025-03-02", source)

    def someone_else(n: int) -> None:
        if n == 0:
            _index_in_another_process(corpus, index)
        elif n == 1:
            other = Library([corpus], index)
            other.update()
            other.close()
        else:  # the record as a reader before the order was kept wrote it
            entries = json.loads(record.read_text(encoding="utf-8"))
            for entry in entries.values():
                del entry["order"]
            record.write_text(json.dumps(entries), encoding="utf-8")

    for n in range(3):
        changed(2 * n)
        library.update()
        changed(2 * n + 1)
        someone_else(n)
        listed.clear()
        library.prepare_stories()
        assert listed, n  # read again
        assert _recorded_order(isolated_dirs["cache"]) == _full_order(index, corpus), n
        changed(20 + n)  # and the next pass after this Library's own update restates it again
        library.update()
        listed.clear()
        library.prepare_stories()
        assert not listed, n
        assert _recorded_order(isolated_dirs["cache"]) == _full_order(index, corpus), n
    library.close()


def test_stories_named_in_the_articles_metadata_are_restated_as_a_full_pass_orders_them(
    tmp_path, isolated_dirs, monkeypatch
):
    """Articles whose front matter names their story (`story:`), the name changed, given, taken
    away: the order restated from what each update wrote is a full pass's."""
    _nothing_encoded(monkeypatch)
    corpus = tmp_path / "corpus"
    paths = _dense_corpus(corpus, events=10, seed=3)
    library = Library([corpus], tmp_path / "ix")
    library.prepare_stories()
    listed: list[int] = []
    real = Library.stories
    monkeypatch.setattr(Library, "stories", lambda self: listed.append(1) or real(self))
    rng = random.Random(5)
    names = ["story: Rally", "story: Budget", "story: 'Rally ❤️'"]
    for step in range(8):
        for path in rng.sample(paths, 3):
            text = path.read_text(encoding="utf-8")
            head, body = text.split("\n---\n", 1)
            lines = [line for line in head.splitlines() if not line.startswith("story: ")]
            if step % 4 != 3:
                lines.append(rng.choice(names))
            path.write_text("\n".join(lines) + "\n---\n" + body, encoding="utf-8")
        library.update()
        assert library.last_report.rewritten.stories is not None, step
        listed.clear()
        library.prepare_stories()
        assert listed == [], step  # restated
        assert _recorded_order(isolated_dirs["cache"]) == _full_order(tmp_path / "ix", corpus), step
    library.close()
