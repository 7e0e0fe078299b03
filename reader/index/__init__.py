"""The search index of a corpus (Whoosh): incremental, crash-safe, with snippets and suggestions.

Public API (no UI imports anywhere in this package):
    CorpusIndex(roots, index_dir)       update(progress, cancel, rebuild) -> IndexReport
                                        articles() -> [ArticleInfo]; get(id) -> Article | None
                                        quotes(id); stories(); search(query, ...) -> SearchResults
                                        match_ranges(id, query) -> [(start, end)]; close()
    IndexBusy, IndexLocationError       raised by update() / the constructor, with a clear message
"""

from reader.index.core import CorpusIndex
from reader.index.state import (
    ArticleInfo,
    IndexBusy,
    IndexFailure,
    IndexLocationError,
    IndexNotWritable,
    IndexReport,
)
from reader.index.search import Hit, SearchResults
from reader.index.snippets import Snippet
from reader.index.schema import SCHEMA_VERSION

__all__ = [
    "ArticleInfo",
    "CorpusIndex",
    "Hit",
    "IndexBusy",
    "IndexFailure",
    "IndexLocationError",
    "IndexNotWritable",
    "IndexReport",
    "SCHEMA_VERSION",
    "SearchResults",
    "Snippet",
]
