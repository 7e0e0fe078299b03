"""A small corpus of Markdown articles indexed for the search tests (test_search_words,
test_search_folding): one outlet a folder, one date, titles quoted safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.index import CorpusIndex


def write(root: Path, rel: str, title: str, body: str) -> None:
    """`rel` ("outlet/name") as a Markdown article with front matter."""
    path = root / f"{rel}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted_title = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    path.write_text(
        f"---\ntitle: {quoted_title}\noutlet: {rel.split('/')[0]}\ndate: '2024-03-01'\n---\n\n{body}\n",
        encoding="utf-8",
    )


def indexed(base: Path, articles: dict[str, tuple[str, str]]) -> CorpusIndex:
    """`articles` ({rel: (title, body)}) written under base/corpus and indexed in base/index."""
    root = base / "corpus"
    for rel, (title, body) in articles.items():
        write(root, rel, title, body)
    index = CorpusIndex([root], base / "index")
    index.update()
    return index


def index_fixture(name: str, articles: dict[str, tuple[str, str]]):
    """A module-scoped fixture named `name`: `articles` indexed (indexed()) once for the module."""

    @pytest.fixture(scope="module", name=name)
    def fixture(tmp_path_factory):
        index = indexed(tmp_path_factory.mktemp(name), articles)
        yield index
        index.close()

    return fixture


def ids(results) -> list[str]:
    """The ids of a search's hits, sorted (the search must have no error)."""
    assert results.error is None, results.error
    return sorted(h.id for h in results.hits)
