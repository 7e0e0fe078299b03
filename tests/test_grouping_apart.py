"""Whether a load's stories are grouped in a process of their own (update._group_spilled) is decided
by what the grouping will cost (pool.WorkerPool.costly_grouping: its articles, guessed from the
files' bytes, and the memory free), not by the number of files alone: a few files holding many
articles are grouped apart too, and the stories are those grouped in reader's own process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus  # noqa: E402
from test_index_spill import _articles, _everything  # noqa: E402

from reader.index import CorpusIndex, articles_guess, grouping_memo, pool, update  # noqa: E402


@pytest.fixture
def grouped_apart(monkeypatch) -> list[int]:
    """The number of articles of each grouping done in a process of its own."""
    calls: list[int] = []
    real = update.IndexUpdate._group_spilled

    def spy(self, first, new, links=None):
        calls.append(len(first) + len(new.articles))
        return real(self, first, new, links)

    monkeypatch.setattr(update.IndexUpdate, "_group_spilled", spy)
    return calls


def _built(corpus: Path, index_dir: Path) -> CorpusIndex:
    ix = CorpusIndex([corpus], index_dir, workers=1)
    assert ix.update().indexed == 24
    return ix


def test_few_files_of_many_articles_are_grouped_apart(tmp_path, monkeypatch, grouped_apart):
    corpus = make_corpus(tmp_path / "corpus", _articles(24))  # far fewer than PARALLEL_MIN_FILES
    here = _built(corpus, tmp_path / "here")
    assert grouped_apart == []  # (a small load: in this process, as before)
    bytes_each = sum(p.stat().st_size for p in corpus.rglob("*.md")) // 24
    monkeypatch.setattr(articles_guess, "BYTES_PER_ARTICLE", bytes_each // 4)  # as if each file held 4 articles
    monkeypatch.setattr(pool, "APART_ARTICLES", 90)
    apart = _built(corpus, tmp_path / "apart")
    assert grouped_apart == [24]
    assert not list((tmp_path / "apart").rglob("spill_*"))
    assert _everything(apart) == _everything(here)
    here.close()
    apart.close()


def test_a_grouping_costing_much_of_the_memory_free_is_grouped_apart(tmp_path, monkeypatch, grouped_apart):
    corpus = make_corpus(tmp_path / "corpus", _articles(24))
    monkeypatch.setattr(articles_guess, "BYTES_PER_ARTICLE", 1)  # ~6,000 articles: ~150 MB of vectors
    monkeypatch.setattr(pool, "APART_ARTICLES", 1_000_000)
    monkeypatch.setattr(grouping_memo, "memory_mb", lambda: (16000, 12000))
    here = _built(corpus, tmp_path / "here")
    assert grouped_apart == []
    monkeypatch.setattr(grouping_memo, "memory_mb", lambda: (16000, 100))  # their vectors: more than 25 MB
    apart = _built(corpus, tmp_path / "apart")
    assert grouped_apart == [24]
    assert _everything(apart) == _everything(here)
    here.close()
    apart.close()


def test_memory_unknown_is_no_reason_to_group_apart(tmp_path, monkeypatch, grouped_apart):
    corpus = make_corpus(tmp_path / "corpus", _articles(24))
    monkeypatch.setattr(articles_guess, "BYTES_PER_ARTICLE", 1)
    monkeypatch.setattr(pool, "APART_ARTICLES", 1_000_000)
    monkeypatch.setattr(grouping_memo, "memory_mb", lambda: (0, 0))
    _built(corpus, tmp_path / "index").close()
    assert grouped_apart == []


def test_a_small_json_lines_file_of_many_headlines_is_grouped_apart(tmp_path, monkeypatch, grouped_apart):
    """Its articles are its lines, counted: guessed from its bytes (2,000 each), 60 headlines of
    ~100 bytes read as 3 articles, and were grouped in this process."""
    import json

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [
        json.dumps({"title": f"Headline {k}", "outlet": f"Outlet {k % 3}", "date": "2025-05-01", "text": f"Words {k}."})
        for k in range(60)
    ]
    (corpus / "headlines.jsonl").write_text("\n".join(lines), encoding="utf-8")  # (no last newline)
    assert articles_guess.guessed_articles([(str(corpus / "headlines.jsonl"), 1)], 10**6) == 60
    monkeypatch.setattr(pool, "APART_ARTICLES", 50)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    assert ix.update().indexed == 60
    ix.close()
    assert grouped_apart == [60]


def test_articles_are_counted_where_the_format_tells(tmp_path):
    feed = tmp_path / "news.RSS"
    items = "".join(f"<item><title>t{k}</title></item>" for k in range(7))
    feed.write_text(f"<rss><channel>{items}</channel></rss>", encoding="utf-8")
    atom = tmp_path / "news.atom"
    atom.write_text("<feed>" + "<entry><title>t</title></entry>" * 3 + "</feed>", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("x" * 4_000, encoding="utf-8")
    files = [(str(path), path.stat().st_size) for path in (feed, atom, page)]
    assert articles_guess.guessed_articles(files, 10**6) == 7 + 3 + 2
    assert articles_guess.file_articles(str(tmp_path / "gone.jsonl")) is None  # (its size tells)


def test_a_tag_cut_between_two_chunks_is_counted_once(tmp_path, monkeypatch):
    monkeypatch.setattr(articles_guess, "CHUNK", 5)
    feed = tmp_path / "feed.xml"
    feed.write_text("ab<item>c<item><entry>" + "<item>" * 9, encoding="utf-8")
    assert articles_guess.file_articles(str(feed)) == 12
    lines = tmp_path / "a.ndjson"
    lines.write_text("{}\n" * 11, encoding="utf-8")
    assert articles_guess.file_articles(str(lines)) == 11


def test_a_fifo_in_a_files_place_is_not_waited_for(tmp_path):
    """Put in a scanned file's place before the count: opened without blocking, left to its size."""
    import os

    fifo = tmp_path / "late.jsonl"
    os.mkfifo(fifo)
    assert articles_guess.file_articles(str(fifo)) is None
