"""The corpus: the article model and the loaders (no UI imports anywhere in this package).

Public API:
    load_corpus(roots) -> LoadResult      every article of every root, sorted by id
    discover(root) -> Iterator[Path | Skipped]
    load_file(path, root) -> LoadResult   one file of a corpus (0..n articles + skipped reasons)
    load_path(path) -> LoadResult         a file anywhere; id = its name without extension
    load_stream(stream, name) -> LoadResult  bytes piped in (standard input); id = name
    SUPPORTED_SUFFIXES                    the article file suffixes discover() yields
"""

import importlib
import sys
import types

# Imported on first use (PEP 562): `reader search` needs the model and the outlet names, not the
# loaders and YAML, and importing any reader.corpus.* module runs this file first.
_EXPORTS = {
    "discover": "reader.corpus.discover",
    "SUPPORTED_SUFFIXES": "reader.corpus.formats",
    "MAX_ARTICLE_BYTES": "reader.corpus.loader",
    "MAX_COLLECTION_BYTES": "reader.corpus.loader",
    "dedupe_ids": "reader.corpus.loader",
    "load_corpus": "reader.corpus.loader",
    "load_file": "reader.corpus.loader",
    "load_path": "reader.corpus.loader",
    "load_stream": "reader.corpus.loader",
    "MANIFEST_NAME": "reader.corpus.manifest",
    "Article": "reader.corpus.model",
    "LoadResult": "reader.corpus.model",
    "Skipped": "reader.corpus.model",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reader.corpus' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """`reader.corpus.discover` is both a submodule and the function it exports: importing the
    submodule must not replace the function (the import system sets the package attribute)."""

    def __setattr__(self, name, value):
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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
    "load_stream",
]
