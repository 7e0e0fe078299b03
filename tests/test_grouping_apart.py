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

from reader.index import CorpusIndex, grouping_memo, pool, update  # noqa: E402


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
    monkeypatch.setattr(pool, "BYTES_PER_ARTICLE", bytes_each // 4)  # as if each file held 4 articles
    monkeypatch.setattr(pool, "APART_ARTICLES", 90)
    apart = _built(corpus, tmp_path / "apart")
    assert grouped_apart == [24]
    assert not list((tmp_path / "apart").rglob("spill_*"))
    assert _everything(apart) == _everything(here)
    here.close()
    apart.close()


def test_a_grouping_costing_much_of_the_memory_free_is_grouped_apart(tmp_path, monkeypatch, grouped_apart):
    corpus = make_corpus(tmp_path / "corpus", _articles(24))
    monkeypatch.setattr(pool, "BYTES_PER_ARTICLE", 1)  # ~6,000 articles: ~150 MB of vectors
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
    monkeypatch.setattr(pool, "BYTES_PER_ARTICLE", 1)
    monkeypatch.setattr(pool, "APART_ARTICLES", 1_000_000)
    monkeypatch.setattr(grouping_memo, "memory_mb", lambda: (0, 0))
    _built(corpus, tmp_path / "index").close()
    assert grouped_apart == []
