"""Comparisons encoded ahead for the whole corpus (reader/analysis/prepare.py,
Library.prepare_stories, `reader index`): every story two or more outlets tell has its sentences
kept in the on-disk cache, so its comparisons never wait for the encoder, in this process or the
next."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from types import SimpleNamespace

import numpy as np
import pytest

from conftest import FOX, MT, ROOT, SEEDS, run_main, write
from reader.analysis import contextual
from reader.analysis.prepare import ComparisonGate, PassRecord, PrepareReport, model_stamp, prepare_articles
from reader.analysis.vector_cache import VectorCache, stored_size
from reader.analysis.versions import comparable_ids, comparable_stories
from reader.library import Library


def meta(article_id, outlet, date=None):
    return SimpleNamespace(id=article_id, outlet=outlet, date=date, title="")


def story(*ids):
    return SimpleNamespace(id=f"s-{ids[0]}", articles=list(ids))


# -- which articles, in which order ------------------------------------------------------------


def test_only_stories_of_two_or_more_outlets_newest_first():
    articles = [
        meta("old-fox", "Fox", "2020-01-01"),
        meta("old-nyt", "NYT", "2020-01-02"),
        meta("solo-a", "Fox", "2024-05-01"),
        meta("solo-b", "fox", "2024-05-02"),  # the same outlet, written otherwise: one outlet
        meta("new-fox", "Fox", "2023-03-01"),
        meta("new-hp", "HuffPost", "2023-03-01T10:00"),
        meta("undated-a", "A"),
        meta("undated-b", "B"),
    ]
    stories = [
        story("undated-a", "undated-b"),
        story("old-fox", "old-nyt"),
        story("solo-a", "solo-b"),
        story("new-fox", "new-hp", "gone"),  # an id the index no longer has is left out
    ]
    assert comparable_ids(comparable_stories(articles, stories)) == [
        "new-fox",
        "new-hp",
        "old-fox",
        "old-nyt",
        "undated-a",
        "undated-b",
    ]


def test_stories_of_one_date_keep_their_order():
    articles = [meta(i, o, "2021-01-01") for i, o in (("a", "X"), ("b", "Y"), ("c", "X"), ("d", "Y"))]
    assert comparable_ids(comparable_stories(articles, [story("c", "d"), story("a", "b")])) == ["c", "d", "a", "b"]


# -- the pass ------------------------------------------------------------------------------------


class Kept:
    """A stand-in for the Library's prepare_one: an article's sentences (texts_of) each take
    `size` bytes, and count as encoded the first time they are seen."""

    def __init__(self, size=10, broken=()):
        self.size = size
        self.broken = set(broken)
        self.seen: set[str] = set()
        self.calls: list[str] = []

    def __call__(self, article_id):
        if article_id in self.broken:
            raise OSError("gone")
        self.calls.append(article_id)
        texts = set(texts_of(article_id))
        fresh = texts - self.seen
        self.seen |= fresh
        return self.size * len(texts), len(fresh)


def texts_of(article_id):
    return [f"{article_id} one.", f"{article_id} two.", "A sentence both tell."]


def test_a_pass_keeps_every_article_and_counts_what_it_encoded():
    kept = Kept()
    progress = []
    report = prepare_articles(["a", "b"], kept, budget=10_000, progress=lambda *p: progress.append(p))
    assert (report.articles, report.ready, report.encoded, report.left) == (2, 2, 5, 0)
    assert not (report.full or report.stopped or report.failed) and report.problem is None
    assert kept.calls == ["a", "b"]
    assert progress == [(0, 2, "a"), (1, 2, "b"), (2, 2, "")]
    again = prepare_articles(["a", "b"], kept, budget=10_000)
    assert (again.ready, again.encoded) == (2, 0)


def test_a_pass_stops_at_its_share_of_the_cache():
    report = prepare_articles(["a", "b", "c", "d"], Kept(size=10), budget=60)
    # a and b take 30 bytes each: the budget is reached, c and d are left
    assert (report.ready, report.left, report.full) == (2, 2, True)


def test_a_pass_stops_when_cancelled_and_skips_what_it_cannot_read():
    asked = []

    def cancel():
        asked.append(1)
        return len(asked) > 3

    report = prepare_articles(["a", "b", "c", "d", "e"], Kept(broken={"b"}), budget=10_000, cancel=cancel)
    assert (report.ready, report.failed, report.stopped, report.full) == (2, 1, True, False)
    assert report.left == 2


def test_a_pass_without_a_cache_says_why_and_stops():
    calls = []
    report = prepare_articles(["a", "b"], lambda article_id: calls.append(article_id), budget=10_000)
    assert report.problem and report.ready == 0 and calls == ["a"]


def test_a_pass_waits_while_a_comparison_is_under_way():
    gate = ComparisonGate()
    started, kept = threading.Event(), Kept()
    results = []

    def run():
        started.set()
        results.append(prepare_articles(["a"], kept, budget=10_000, gate=gate))

    with gate:
        worker = threading.Thread(target=run)
        worker.start()
        assert started.wait(10)
        worker.join(0.3)
        assert worker.is_alive() and kept.calls == []  # held back by the comparison
    worker.join(10)
    assert not worker.is_alive() and results[0].ready == 1


def test_a_cancelled_pass_does_not_wait_for_the_comparison():
    gate = ComparisonGate()
    with gate:
        report = prepare_articles(["a"], Kept(), budget=10_000, gate=gate, cancel=lambda: True)
    assert report.stopped and report.ready == 0


# -- what is remembered between runs -------------------------------------------------------------


def ready_at(record, index, model):
    """The commit of the last pass and the articles it made ready, while its sentences are kept."""
    last = record.last_pass(index, model)
    return (last.commit, last.ready) if last.sentences_kept else (None, {})


def test_the_record_names_the_last_complete_pass(tmp_path):
    folder = tmp_path / "sentences"
    record = PassRecord(folder)
    report = PrepareReport(articles=5, ready=4, encoded=40, left=0, seconds=1.0, failed=1)
    articles = {"a": ["digest-a", 300], "b": ["digest-b", 200]}
    record.remember("/ix/one", "commit-1", "model-1", report, articles)
    assert record.current("/ix/one", "commit-1", "model-1") is None  # no sentence file: nothing is kept
    assert ready_at(record, "/ix/one", "model-1") == (None, {})
    (folder / "sentences-0123456789abcdef.sqlite").mkdir()  # nor in a folder in its place
    assert record.current("/ix/one", "commit-1", "model-1") is None
    (folder / "sentences-0123456789abcdef.sqlite").rmdir()
    write(folder / "sentences-0123456789abcdef.sqlite", b"")
    found = record.current("/ix/one", "commit-1", "model-1")
    assert found is not None and found.current and (found.articles, found.ready, found.failed) == (5, 4, 1)
    assert found.encoded == 0
    assert ready_at(record, "/ix/one", "model-1") == ("commit-1", articles)  # read at that commit
    assert record.current("/ix/one", "commit-2", "model-1") is None  # the index changed since
    assert ready_at(record, "/ix/one", "model-1") == ("commit-1", articles)  # its unchanged articles still count
    assert record.current("/ix/one", "commit-1", "model-2") is None  # another encoder: nothing counts
    assert ready_at(record, "/ix/one", "model-2") == (None, {})
    assert record.current("/ix/two", "commit-1", "model-1") is None
    record.remember("/ix/two", "commit-9", "model-1", report, {})
    assert record.current("/ix/one", "commit-1", "model-1") is not None  # each index has its own line
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    write(folder / "dropped", "1234")  # the cache dropped sentences since: they may be ours
    assert record.current("/ix/one", "commit-1", "model-1") is None
    assert ready_at(record, "/ix/one", "model-1") == (None, {})


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"/ix/one": {"commit": "commit-1"}}', '{"/ix/one": [1]}'])
def test_a_damaged_record_means_a_new_pass(tmp_path, content):
    folder = tmp_path / "sentences"
    write(folder / "sentences-0123456789abcdef.sqlite", b"")
    write(folder / "prepared.json", content)
    record = PassRecord(folder)
    assert record.current("/ix/one", "commit-1", "model-1") is None
    assert ready_at(record, "/ix/one", "model-1") == (None, {})
    report = PrepareReport(articles=1, ready=1, encoded=1, left=0, seconds=0.1)
    record.remember("/ix/one", "commit-1", "model-1", report, {})
    assert record.current("/ix/one", "commit-1", "model-1") is not None


def test_the_model_stamp_follows_the_model_file_and_the_version(tmp_path):
    model = write(tmp_path / "model.onnx", b"weights")
    first = model_stamp(model, "0.1.0")
    assert model_stamp(model, "0.2.0") != first
    write(model, b"other weights")
    assert model_stamp(model, "0.1.0") != first


# -- the sentence cache and the encoder -----------------------------------------------------------


def arrays(n, seed=0):
    rng = np.random.default_rng(seed)
    return (np.arange(n, dtype=np.int64), rng.standard_normal((n, 384)).astype(np.float16), np.array([0]))


def test_present_gives_the_stored_size_and_keeps_the_sentence_from_the_next_trim(tmp_path):
    one = stored_size(arrays(10))
    cache = VectorCache(tmp_path, "digest", max_bytes=int(one * 2.5))
    cache.put_many([("first", arrays(10, 1))])
    made = (tmp_path / "dropped").read_text()  # a new file: whatever was kept before is gone
    cache.put_many([("second", arrays(10, 2))])
    assert cache.present(["first", "missing"]) == {"first": one}
    assert (tmp_path / "dropped").read_text() == made
    cache.put_many([("third", arrays(10, 3))])  # over the limit: the least recently used goes
    assert set(cache.get_many(["first", "second", "third"])) == {"first", "third"}
    assert (tmp_path / "dropped").read_text() != made


@pytest.fixture
def nothing_encoded_in_memory():
    """The encoder as a new process has it: no sentence kept in memory. An earlier test of the
    same worker process may have encoded the seeds, and a pass then counts none as encoded."""
    model = contextual.encoder()
    with model._lock:
        model._cache.clear()


def test_after_a_change_only_the_changed_articles_are_read_again(
    tmp_path, isolated_dirs, monkeypatch, nothing_encoded_in_memory
):
    from reader.analysis import compare as compare_module

    corpus = tmp_path / "corpus"
    for name in (FOX, MT):
        write(corpus / f"{name}.txt", (SEEDS / f"{name}.txt").read_text(encoding="utf-8"))
    (corpus / "corpus.yaml").write_text((SEEDS / "corpus.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    library = Library([corpus], tmp_path / "ix")
    first = library.prepare_stories()
    assert first.ready == 2 and first.encoded > 20
    read = []
    real = compare_module.linker_texts
    monkeypatch.setattr(
        compare_module, "linker_texts", lambda article, quotes=None: read.append(article.id) or real(article, quotes)
    )
    path = corpus / f"{MT}.txt"  # a sentence more in its body (its tail is boilerplate, cut)
    lead, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{lead}\nThe Kremlin said the talks would go on.\n{rest}", encoding="utf-8")
    library.update()
    second = library.prepare_stories()
    assert not second.current and second.ready == 2 and read == [MT]  # Fox's text did not change
    assert second.encoded >= 1
    read.clear()
    forced = library.prepare_stories(again=True)
    assert sorted(read) == sorted([FOX, MT]) and forced.encoded == 0
    library.close()


def seeds_and_a_solo(tmp_path):
    """A corpus of the two seeds and one article no other outlet tells (a story of its own): the
    corpus and that article's file."""
    corpus = tmp_path / "corpus"
    for name in (FOX, MT):
        write(corpus / f"{name}.txt", (SEEDS / f"{name}.txt").read_text(encoding="utf-8"))
    (corpus / "corpus.yaml").write_text((SEEDS / "corpus.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return corpus, write(corpus / "garden.txt", "Gardeners in the valley planted tulips early this spring.\n")


def test_after_an_update_only_the_articles_it_wrote_are_read_and_the_report_is_a_full_pass(
    tmp_path, isolated_dirs, monkeypatch, nothing_encoded_in_memory
):
    """A pass after this Library's own update, from the commit the last pass read, reads only the
    articles the update wrote (IndexReport.rewritten) and loads no encoder when none needs one;
    what it reports and records is what a pass reading every article gives."""
    corpus, solo = seeds_and_a_solo(tmp_path)
    library = Library([corpus], tmp_path / "ix")
    assert library.prepare_stories().ready == 2
    record = isolated_dirs["cache"] / "sentences" / "prepared.json"
    before = record.read_bytes()
    solo.write_text("Gardeners in the valley planted tulips early this spring, and roses.\n", encoding="utf-8")
    library.update()
    assert library.last_report.rewritten.ids == {"garden"}
    assert library.last_report.rewritten.stories  # the garden's story, written again
    read, loads, listed = [], [], []
    real_article, real_encoder = Library.article, contextual.encoder
    monkeypatch.setattr(Library, "article", lambda self, target: read.append(target) or real_article(self, target))
    monkeypatch.setattr(contextual, "encoder", lambda: loads.append(1) or real_encoder())
    for name in ("articles", "stories"):  # every row: the order is the last pass's, restated
        real = getattr(Library, name)
        monkeypatch.setattr(Library, name, lambda self, real=real, name=name: listed.append(name) or real(self))
    after_update = library.prepare_stories()
    assert read == [] and loads == [] and listed == []  # neither seed was rewritten: their record stands
    kept = json.loads(record.read_text(encoding="utf-8"))
    library.close()
    record.write_bytes(before)  # the same pass, by a Library that did not make the update
    reading_all = Library([corpus], tmp_path / "ix")
    full = reading_all.prepare_stories()
    assert sorted(read) == sorted([FOX, MT]) and sorted(listed) == ["articles", "stories"]
    fields = ("articles", "ready", "encoded", "left", "full", "failed", "problem", "stopped", "current")
    assert [getattr(after_update, f) for f in fields] == [getattr(full, f) for f in fields]
    again = json.loads(record.read_text(encoding="utf-8"))
    for entry in (kept, again):
        for index in entry.values():
            del index["report"]["seconds"], index["report"]["waited"]
    assert kept == again
    reading_all.close()


def reader_index_in_a_process(corpus, index, heavy_too: tuple[str, ...]) -> list[str]:
    """The lines `reader index` prints in a fresh process, then "LOADED", the heavy modules it
    imported (ONNX Runtime, the encoder, the comparison and `heavy_too`), and its exit status."""
    script = textwrap.dedent(f"""
        import sys
        from reader.cli import main
        code = main(["--corpus", {str(corpus)!r}, "--index", {str(index)!r}, "index"])
        heavy = ("onnxruntime", "reader.analysis.contextual", "reader.analysis.compare", *{heavy_too!r})
        print("LOADED", [name for name in heavy if name in sys.modules], code)
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    return out.stdout.strip().splitlines()


def test_reader_index_after_a_file_outside_the_stories_changed_loads_no_encoder(tmp_path, isolated_dirs):
    """`reader index` after one file changed that no story two outlets tell holds: the update,
    and a pass that reads no article, imports neither the encoder nor the comparison (nor NumPy)."""
    corpus, solo = seeds_and_a_solo(tmp_path)
    index = tmp_path / "ix"
    Library([corpus], index).prepare_stories()
    solo.write_text("Gardeners in the valley planted roses early this spring.\n", encoding="utf-8")
    lines = reader_index_in_a_process(corpus, index, ("numpy",))
    assert lines[-2].startswith("comparisons: 2 of 2 articles ready (0 sentences encoded in ")
    assert lines[-1] == "LOADED [] 0"


def test_a_pass_after_two_updates_reads_every_article(tmp_path, isolated_dirs, monkeypatch):
    """The last update started from a commit no pass read: what the one before it wrote is not
    known here, so every article is read (as before any update)."""
    corpus, solo = seeds_and_a_solo(tmp_path)
    library = Library([corpus], tmp_path / "ix")
    library.prepare_stories()
    for flower in ("roses", "lilies"):
        solo.write_text(f"Gardeners in the valley planted {flower} early this spring.\n", encoding="utf-8")
        library.update()
    read = []
    real_article = Library.article
    monkeypatch.setattr(Library, "article", lambda self, target: read.append(target) or real_article(self, target))
    assert library.prepare_stories().ready == 2
    assert sorted(read) == sorted([FOX, MT])
    library.close()


def test_a_pass_is_done_again_once_another_corpus_pushed_its_sentences_out(seed_library, isolated_dirs):
    assert not seed_library.prepare_stories().current
    assert seed_library.prepare_stories().current
    write(isolated_dirs["cache"] / "sentences" / "dropped", "another pass trimmed the cache")
    again = seed_library.prepare_stories()
    assert not again.current and again.ready == 2


def test_store_keeps_on_disk_not_in_memory_and_encodes_each_sentence_once(tmp_path):
    model = contextual.Encoder(contextual.MODEL_PATH, contextual.encoder().tokenizer, threads=1)
    assert model.store(["A sentence."]) is None  # no disk cache: nothing would outlast the run
    model.disk = VectorCache(tmp_path, model.digest())
    texts = ["The council approved the railway on Monday.", "Work starts in May, the mayor said."]
    size, encoded = model.store(texts + texts[:1])
    assert encoded == 2 and model._cache == {}
    kept = model.disk.get_many(texts)
    assert size == sum(stored_size(kept[t]) for t in texts)
    assert model.store(texts)[1] == 0  # already on disk
    fresh = contextual.Encoder(contextual.MODEL_PATH, contextual.encoder().tokenizer, threads=1)
    for text, encoded_fresh in zip(texts, fresh.encode(texts)):  # bit for bit what encoding gives
        assert np.array_equal(kept[text][1], encoded_fresh.vectors)


# -- through the Library and the CLI --------------------------------------------------------------


def test_the_seeds_are_prepared_once_then_current(seed_library, isolated_dirs, nothing_encoded_in_memory):
    report = seed_library.prepare_stories()
    assert (report.articles, report.ready, report.left, report.current) == (2, 2, 0, False)
    assert report.encoded > 20
    again = seed_library.prepare_stories()
    assert again.current and again.ready == 2 and again.encoded == 0
    forced = seed_library.prepare_stories(again=True)
    assert not forced.current and forced.encoded == 0  # every sentence was kept


NEXT_PROCESS = """
import json, sys
from reader.library import Library
from reader.analysis import contextual
library = Library([{seeds!r}], {index!r}, auto_update=False)
comparison = library.compare(library.article({fox!r}), library.article({mt!r}))
print(json.dumps([len(comparison.pairs), contextual.encoder()._session is None]))
"""


def test_the_next_process_compares_from_disk_without_the_encoder(seed_library):
    before = seed_library.compare(seed_library.article(FOX), seed_library.article(MT))
    contextual.encoder()._cache.clear()
    seed_library.prepare_stories()
    script = NEXT_PROCESS.format(seeds=str(SEEDS), index=str(seed_library.index_dir), fox=FOX, mt=MT)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    pairs, never_loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert pairs == len(before.pairs) and never_loaded


def test_reader_index_prepares_the_comparisons(capsys, isolated_dirs):
    code, out, err = run_main(capsys, "--corpus", str(SEEDS), "index")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("2 indexed") and lines[1].startswith("comparisons: 2 of 2 articles ready (")
    assert list((isolated_dirs["cache"] / "sentences").glob("sentences-*.sqlite"))
    code, out, _ = run_main(capsys, "--corpus", str(SEEDS), "index")
    assert out.splitlines()[1] == "comparisons: 2 of 2 articles ready (nothing new since the last pass)"
    code, out, _ = run_main(capsys, "--corpus", str(SEEDS), "index", "--json")
    data = json.loads(out)
    assert code == 0 and data["comparisons"]["current"] and data["comparisons"]["ready"] == 2


def test_sigterm_during_the_pass_is_said_as_sigterm(capsys, isolated_dirs, monkeypatch):
    """SIGTERM (`timeout`, a service stopped) while the comparisons were prepared said
    "interrupted", ctrl+c's word, beside exit status 143; every other step says "stopped by
    SIGTERM"."""
    import signal

    from reader.analysis import prepare
    from reader.commands.common import Stopped

    def stopped(*args, **kwargs):
        raise Stopped(signal.SIGTERM)  # as stop_on_termination_signals' handler raises it

    monkeypatch.setattr(prepare, "prepare_articles", stopped)
    code, out, err = run_main(capsys, "--corpus", str(SEEDS), "index")
    assert (
        code == 143 and err == "reader: stopped by SIGTERM while preparing the comparisons; the index is up to date\n"
    )
    assert out.startswith("2 indexed")


def test_ctrl_c_stops_the_pass_at_the_next_article_and_reports_how_far_it_got(capsys, isolated_dirs, monkeypatch):
    """ctrl+c during the pass: exit 130 after the report, whose `comparisons` says the pass
    stopped and what it left (KeyboardInterrupt used to drop it: "comparisons": null)."""
    import os
    import signal

    from reader.analysis import prepare

    real = prepare.prepare_articles

    def interrupted_after_the_first(ids, prepare_one, *args, **kwargs):
        def one(article_id):
            done = prepare_one(article_id)
            os.kill(os.getpid(), signal.SIGINT)  # as ctrl+c, while the first article is prepared
            return done

        return real(ids, one, *args, **kwargs)

    monkeypatch.setattr(prepare, "prepare_articles", interrupted_after_the_first)
    code, out, err = run_main(capsys, "--corpus", str(SEEDS), "index", "--json")
    assert code == 130 and err == "reader: interrupted while preparing the comparisons; the index is up to date\n"
    data = json.loads(out)
    assert data["indexed"] == 2
    assert {k: data["comparisons"][k] for k in ("articles", "ready", "left", "stopped")} == {
        "articles": 2,
        "ready": 1,
        "left": 1,
        "stopped": True,
    }
    code, out, err = run_main(capsys, "--corpus", str(SEEDS), "index")
    assert code == 130 and out.splitlines()[1].startswith("comparisons: 1 of 2 articles ready (")
    assert out.splitlines()[1].endswith("; stopped, 1 left")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handed back


def test_reader_index_without_preparing(capsys, isolated_dirs):
    code, out, _ = run_main(capsys, "--corpus", str(SEEDS), "index", "--no-prepare", "--json")
    assert code == 0 and json.loads(out)["comparisons"] is None
    write(isolated_dirs["config"] / "config.yaml", "prepare_comparisons: false\n")
    code, out, _ = run_main(capsys, "--corpus", str(SEEDS), "index")
    assert code == 0 and "comparisons" not in out
    settings = json.loads(run_main(capsys, "config", "--json")[1])
    assert (settings["prepare_comparisons"], settings["prepare_comparisons_from"]) == (False, "config")
    assert not (isolated_dirs["cache"] / "sentences").exists()


def test_a_wrong_setting_is_said_and_the_default_used(capsys, isolated_dirs):
    write(isolated_dirs["config"] / "config.yaml", "prepare_comparisons: sometimes\n")
    code, out, err = run_main(capsys, "--corpus", str(SEEDS), "index")
    assert code == 0 and "comparisons: 2 of 2 articles ready" in out
    [line] = err.strip().splitlines()
    assert "prepare_comparisons: expected true or false, not a string 'sometimes'; using true" in line
    settings = json.loads(run_main(capsys, "config", "--json")[1])
    assert (settings["prepare_comparisons"], settings["prepare_comparisons_from"]) == (True, "default")


def test_a_corpus_of_one_outlet_has_nothing_to_prepare(capsys, tmp_path):
    write(tmp_path / "c" / "a.md", "---\ntitle: Railway\noutlet: Gazette\n---\nThe council approved it.\n")
    code, out, _ = run_main(capsys, "--corpus", str(tmp_path / "c"), "index")
    assert code == 0 and out.splitlines()[1] == "comparisons: no story is told by two outlets yet"


def test_a_no_op_index_after_a_pass_does_not_load_the_encoder(tmp_path, isolated_dirs):
    """The record of the last pass answers: a `reader index` with nothing new stays as light as
    it was before comparisons were prepared (no ONNX Runtime, no encoder, no thread pool)."""
    index = tmp_path / "ix"
    Library([SEEDS], index).prepare_stories()
    lines = reader_index_in_a_process(SEEDS, index, ("concurrent.futures",))
    assert lines[-2] == "comparisons: 2 of 2 articles ready (nothing new since the last pass)"
    assert lines[-1] == "LOADED [] 0"


def test_comparisons_asked_for_hold_back_the_pass(seed_library, monkeypatch):
    """Library.compare and prepare_comparisons run inside the Library's ComparisonGate, the one
    prepare_stories waits on."""
    from reader.analysis import compare as compare_module

    gate = seed_library._comparing
    inside = []
    real = compare_module.compare
    monkeypatch.setattr(compare_module, "compare", lambda *a, **k: inside.append(gate._count) or real(*a, **k))
    seed_library.compare(seed_library.article(FOX), seed_library.article(MT))
    encode = contextual.encoder().encode
    monkeypatch.setattr(
        contextual.encoder(), "encode", lambda texts, cancel=None: inside.append(gate._count) or encode(texts, cancel)
    )
    seed_library.prepare_comparisons(FOX)
    assert inside[0] == 1 and inside[1:] and set(inside[1:]) == {1}
    assert gate._count == 0


def test_an_unusable_sentence_cache_is_a_warning_not_a_failure(capsys, isolated_dirs):
    write(isolated_dirs["cache"] / "sentences", "a file where the cache folder should be")
    code, out, err = run_main(capsys, "--corpus", str(SEEDS), "index")
    assert code == 0 and out.startswith("2 indexed") and "comparisons" not in out
    assert err.startswith("reader: warning: comparisons not prepared: the sentence cache is off: ")
    assert (isolated_dirs["cache"] / "sentences").read_text() == "a file where the cache folder should be"
    code, out, _ = run_main(capsys, "--corpus", str(SEEDS), "index", "--json")
    problem = json.loads(out)["comparisons"]["problem"]
    assert code == 0 and problem.startswith("the sentence cache is off: ")


def test_a_pass_report_says_in_one_line_what_was_left_and_why():
    from reader.analysis.prepare import PrepareReport

    report = PrepareReport(articles=9, ready=5, encoded=120, left=3, seconds=2.345, full=True, failed=1)
    assert report.summary() == (
        "comparisons: 5 of 9 articles ready (120 sentences encoded in 2.35 s); 3 left for lack of room "
        "in the sentence cache; 1 could not be read"
    )


def test_a_sentence_cache_gone_off_is_one_notice_a_process(seed_library, isolated_dirs):
    """Library.compare tells through on_notice why the cache went off, once; the pass over the
    stories carries it in its report instead (reader index prints that), not a second time."""
    write(isolated_dirs["cache"] / "sentences", "a file where the cache folder should be")
    heard: list[str] = []
    seed_library.on_notice = heard.append
    contextual.encoder()._cache.clear()  # an earlier test's sentences in memory would skip the disk
    fox, mt = seed_library.article(FOX), seed_library.article(MT)
    assert seed_library.compare(fox, mt).pairs
    seed_library.compare(mt, fox)
    assert len(heard) == 1 and heard[0].startswith("warning: the sentence cache is off for this run: ")
    report = seed_library.prepare_stories()
    assert report.problem is not None and report.problem.startswith("the sentence cache is off: ")
    assert len(heard) == 1


# -- one pass at a time, across processes (PassLock) ---------------------------------------------


def test_a_pass_lock_is_held_by_one_and_waited_for_by_another(tmp_path):
    from reader.analysis.prepare import WAITING, PassLock

    first, second = PassLock(tmp_path, "/index/a"), PassLock(tmp_path, "/index/a")
    assert first.acquire(0) is True
    assert second.acquire(0) is False  # held: not waited for
    assert PassLock(tmp_path, "/index/b").acquire(0) is True  # another index's pass is its own
    waiting, result = threading.Event(), []
    thread = threading.Thread(
        target=lambda: result.append(second.acquire(60, progress=lambda d, t, m: m == WAITING and waiting.set()))
    )
    thread.start()
    assert waiting.wait(30)  # it says it waits, then takes the lock as soon as it is free
    first.release()
    thread.join(30)
    assert result == [True]
    second.release()
    cancelled = PassLock(tmp_path, "/index/a")
    assert first.acquire(0) is True and cancelled.acquire(60, cancel=lambda: True) is False
    first.release()


HOLD_PASS = """
import sys
from pathlib import Path
from reader import config
from reader.analysis.prepare import PassLock
lock = PassLock(config.cache_dir() / "sentences", str(config.default_index_dir([Path({seeds!r})])))
assert lock.acquire(0)
print("held", flush=True)
sys.stdin.read()  # until the test closes it
"""


def _reader(*args, env):
    return subprocess.run([sys.executable, "-m", "reader", *args], env=env, capture_output=True, text=True, timeout=300)


def test_reader_index_leaves_the_pass_to_the_process_making_it(isolated_dirs):
    env = dict(os.environ, PYTHONPATH=str(ROOT), READER_LOCK_WAIT="0")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_PASS.format(seeds=str(SEEDS))],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        busy = _reader("--corpus", str(SEEDS), "index", "--json", env=env)
        assert busy.returncode == 0, busy.stderr
        comparisons = json.loads(busy.stdout)["comparisons"]
        assert comparisons["busy"] and comparisons["encoded"] == 0
        text = _reader("--corpus", str(SEEDS), "index", env=env)
        assert "another reader process is preparing them; skipped here" in text.stdout
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(60)
    done = json.loads(_reader("--corpus", str(SEEDS), "index", "--json", env=env).stdout)["comparisons"]
    assert not done["busy"] and done["ready"] == 2 and done["encoded"] > 0


def test_two_reader_index_runs_at_once_encode_the_sentences_once(isolated_dirs):
    env = dict(os.environ, PYTHONPATH=str(ROOT), READER_LOCK_WAIT="120")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "--corpus", str(SEEDS), "index", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    reports = [json.loads(out)["comparisons"] for out, _ in outputs]
    assert all(r["ready"] == 2 and not r["busy"] for r in reports)
    assert sorted(r["encoded"] > 0 for r in reports) == [False, True]  # one pass did the work


def test_the_records_temp_file_a_killed_writer_left_is_removed_by_the_next_writer(tmp_path):
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # its pid is a writer that is gone
    folder = tmp_path / "sentences"
    folder.mkdir()
    left, live, other = f"prepared.json.{child.pid}.tmp", f"prepared.json.{os.getppid()}.tmp", "prepared.json.tmp"
    for name in (left, live, other):
        write(folder / name, "half written")
    report = PrepareReport(articles=1, ready=1, encoded=1, left=0, seconds=1.0, failed=0)
    PassRecord(folder).remember("/ix/one", "commit-1", "model-1", report, {})
    names = {p.name for p in folder.iterdir()}
    assert left not in names and {live, other} <= names


def test_the_report_gives_its_times_to_the_millisecond():
    """`reader index --json`'s `comparisons` gave `"waited": 5.8231000366504304e-05` beside
    `"seconds": 0.121`: both are rounded as the index's own `seconds` is."""
    from reader.analysis.prepare import PrepareReport

    report = PrepareReport(2, 2, 25, 0, 0.12149, waited=5.8231000366504304e-05).to_dict()
    assert (report["seconds"], report["waited"]) == (0.121, 0.0)
    assert "e-" not in json.dumps(report)
