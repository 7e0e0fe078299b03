"""One bad article must not stop the corpus (issue 10, item 3): lone surrogates are cleaned at load,
an article that still cannot be written is skipped with a reason, and no temp file is left."""

import json

import pytest

from conftest import SEEDS, write
from reader.corpus import load_file
from reader.corpus.model import Article
from reader.index import CorpusIndex
from reader.index import checksums, store

GOOD = "The council approved the budget on Tuesday after a long and heated debate in the chamber."


def _leftovers(folder):
    return sorted(p.name for p in folder.rglob("*") if ".tmp" in p.name)


def test_lone_surrogates_in_json_lines_and_front_matter_are_replaced(reader_cli, tmp_path):
    corpus = tmp_path / "corpus"
    lines = [
        '{"text": "%s \\ud800 end.", "title": "Budget \\udfff vote", "outlet": "Gazette\\ud83d"}' % GOOD,
        json.dumps({"text": GOOD + " Second line article.", "title": "Fine"}),
    ]
    write(corpus / "feed.jsonl", "\n".join(lines) + "\n")
    write(corpus / "fm.md", '---\ntitle: "Front \\ud800 matter"\n---\n' + GOOD + "\n")
    write(corpus / "plain.txt", GOOD + "\n")
    index = tmp_path / "index"
    base = ("--corpus", str(corpus), "--index", str(index))
    for _ in range(2):  # the second run finds everything unchanged
        result = reader_cli(*base, "index", "--json")
        assert "Traceback" not in result.stderr
    # PyYAML refuses the escape: that file is reported, the others load.
    skipped = {s["path"]: s["reason"] for s in json.loads(result.stdout)["skipped"]}
    assert "invalid Unicode character escape" in skipped[str(corpus / "fm.md")]
    articles = {a["id"]: a for a in json.loads(reader_cli(*base, "list", "--json").stdout)}
    assert set(articles) == {"feed#1", "feed#2", "plain"}
    assert articles["feed#1"]["title"] == "Budget \ufffd vote"
    assert articles["feed#1"]["outlet"] == "Gazette\ufffd"
    shown = json.loads(reader_cli(*base, "show", "feed#1", "--json").stdout)[0]
    assert "\ufffd end." in shown["text"]
    assert reader_cli(*base, "list").returncode == 0  # plain output encodes too
    assert _leftovers(index) == []


def load_with_unencodable_title(path, root):
    """A loader standing in for any bug that lets an unwritable string through."""
    result = load_file(path, root)
    if path.name == "bad.txt":
        result.articles = [
            Article(id=a.id, path=a.path, text=a.text, title="bad \udc80 title") for a in result.articles
        ]
    return result


def test_an_article_that_cannot_be_written_is_skipped_not_fatal(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "bad.txt", GOOD + "\n")
    write(corpus / "good.txt", GOOD + " Another.\n")
    index = CorpusIndex([corpus], tmp_path / "index", loader="test_bad_article_isolation:load_with_unencodable_title")
    report = index.update()
    assert report.indexed == 1
    [skipped] = [s for s in report.skipped if s["path"].endswith("bad.txt")]
    assert skipped["reason"].startswith("not indexed: text that cannot be encoded")
    assert [a.id for a in index.articles()] == ["good"]
    assert _leftovers(tmp_path / "index") == []
    index.close()


def test_a_failed_state_write_leaves_no_temp_file(tmp_path):
    folder = tmp_path / "index"
    folder.mkdir()
    with pytest.raises(UnicodeEncodeError):
        checksums.atomic_write_json(folder / "state.json", {"title": "x\ud800"})
    assert list(folder.iterdir()) == []


def test_a_failed_first_build_leaves_no_whoosh_folder(tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    index = CorpusIndex([SEEDS], index_dir)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "commit_segments", fail)
    with pytest.raises(OSError):
        index.update()
    assert not list(index_dir.glob("whoosh*")) and _leftovers(index_dir) == []
    monkeypatch.undo()
    assert index.update().indexed == 2
    index.close()


def _unwritable_by_json(*values) -> str | None:
    return store.unwritable_by_json(values)


def test_the_quick_writability_check_says_what_json_says_of_any_values():
    import datetime
    import random

    rng = random.Random(13)
    pieces = ["plain", "café “quoted”", "\ud800", "a\udfffb", "𝄞 astral", "", "\x00ctl", "İ"]

    def value(depth: int):
        kind = rng.randrange(9 if depth < 4 else 4)
        if kind == 0:
            return "".join(rng.choice(pieces) for _ in range(rng.randrange(4)))
        if kind == 1:
            return rng.choice([0, -3, 2**70, 1.5, float("nan"), True, None])
        if kind == 2:
            return rng.choice([datetime.date(2025, 1, 2), frozenset({"x"}), b"bytes", object()])
        if kind == 3:
            return "x" * rng.randrange(3)
        if kind in (4, 5):
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        if kind == 6:
            return tuple(value(depth + 1) for _ in range(rng.randrange(3)))
        keys = [rng.choice(pieces), 3, None, (1, 2), "id"]
        return {rng.choice(keys): value(depth + 1) for _ in range(rng.randrange(4))}

    seen = set()
    for _ in range(3000):
        values = tuple(value(0) for _ in range(3))
        expected = _unwritable_by_json(*values)
        assert store.unwritable(*values) == expected, values
        seen.add(expected is None)
    assert seen == {True, False}
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    assert store.unwritable(deep) == _unwritable_by_json(deep) == "values that cannot be stored (RecursionError)"
    loop: list = []
    loop.append(loop)
    assert store.unwritable(loop) == _unwritable_by_json(loop)
