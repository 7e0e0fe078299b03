"""The corpus: the article model and the loaders (no UI imports anywhere in this package).

Public API:
    load_corpus(roots) -> LoadResult      every article of every root, sorted by id
    discover(root) -> Iterator[Path | Skipped]
    load_file(path, root) -> LoadResult   one file of a corpus (0..n articles + skipped reasons)
    load_path(path) -> LoadResult         a file anywhere; id = its name without extension
    SUPPORTED_SUFFIXES                    the article file suffixes discover() yields
"""

from reader.corpus.discover import discover
from reader.corpus.formats import SUPPORTED_SUFFIXES
from reader.corpus.loader import (
    MAX_ARTICLE_BYTES,
    MAX_COLLECTION_BYTES,
    dedupe_ids,
    load_corpus,
    load_file,
    load_path,
)
from reader.corpus.manifest import MANIFEST_NAME
from reader.corpus.model import Article, LoadResult, Skipped

__all__ = [
    "Article",
    "LoadResult",
    "Skipped",
    "SUPPORTED_SUFFIXES",
    "MANIFEST_NAME",
    "MAX_ARTICLE_BYTES",
    "MAX_COLLECTION_BYTES",
    "dedupe_ids",
    "discover",
    "load_corpus",
    "load_file",
    "load_path",
]
