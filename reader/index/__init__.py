"""The search index of a corpus (Whoosh): incremental, crash-safe, with snippets and suggestions.

Public API (no UI imports anywhere in this package):
    CorpusIndex(roots, index_dir)       update(progress, cancel, rebuild) -> IndexReport
                                        articles() -> [ArticleInfo]; get(id) -> Article | None
                                        quotes(id); stories(); search(query, ...) -> SearchResults
                                        match_ranges(id, query) -> [(start, end)]; close()
    IndexBusy, IndexLocationError       raised by update() / the constructor, with a clear message
"""

from typing import TYPE_CHECKING

from reader.index import lean_imports
from reader.lazy_exports import lazy_exports

lean_imports.install()  # before anything here imports Whoosh

if TYPE_CHECKING:
    from reader.index.core import CorpusIndex
    from reader.index.layout import SCHEMA_VERSION
    from reader.index.search import Hit, SearchResults
    from reader.index.snippets import Snippet
    from reader.index.state import (
        ArticleInfo,
        IndexBusy,
        IndexFailure,
        IndexLocationError,
        IndexNotWritable,
        IndexReport,
    )

# Imported on first use: a submodule that needs no search engine (noop.py, statedb.py) is
# imported without Whoosh.
_EXPORTS = {
    "CorpusIndex": "reader.index.core",
    "SCHEMA_VERSION": "reader.index.layout",
    "Hit": "reader.index.search",
    "SearchResults": "reader.index.search",
    "Snippet": "reader.index.snippets",
    "ArticleInfo": "reader.index.state",
    "IndexBusy": "reader.index.state",
    "IndexFailure": "reader.index.state",
    "IndexLocationError": "reader.index.state",
    "IndexNotWritable": "reader.index.state",
    "IndexReport": "reader.index.state",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


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
