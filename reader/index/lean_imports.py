"""Whoosh without three imports it never uses here (no UI imports, no Whoosh import of its own).

`whoosh.compat` imports `urllib.request` (for a download helper, `urlretrieve`, that no Whoosh
code calls: http.client, ssl and email come with it) and `cached_property`, which Whoosh uses for a
few attributes, imports `asyncio` (for coroutine methods; Whoosh has none): ~0.02 s of every
command that opens the index, more than a tenth of a `reader search`; `whoosh.query.terms`
imports the English morphology tables (`whoosh.lang.morph_en`, ~4 ms of patterns compiled) for
its Variations query, which reader never makes. While exactly those modules execute, stand-ins
take the names: the download helper refuses (reader downloads nothing at run time; a call would
be a bug), any other name of `urllib.request` imports the real module, the `asyncio` stand-in
answers `iscoroutinefunction` (what cached_property asks on every read) and imports the real
module for anything else, and `variations` imports the tables when first called. Afterwards the
names are free again, so any other importer gets the real modules. `install()` (reader.index's __init__) adds the import hook;
nothing is imported until Whoosh is.
"""

from __future__ import annotations

import sys
import types
from importlib.machinery import PathFinder

# the Whoosh-side module being executed -> the module it imports for nothing (whoosh.query.terms
# imports the English morphology tables, ~4 ms of compiled patterns, for its Variations query,
# which reader never makes: its `variations` loads them when first called)
_STANDINS: dict[str, str] = {
    "whoosh.compat": "urllib.request",
    "cached_property": "asyncio",
    "whoosh.query.terms": "whoosh.lang.morph_en",
}


def _real(name: str):
    """The real module (a stand-in still in sys.modules, while its importer runs, steps aside)."""
    import importlib

    if isinstance(sys.modules.get(name), _Standin):
        del sys.modules[name]
    return importlib.import_module(name)


class _Standin(types.ModuleType):
    """A module that imports the real one for any attribute it does not define."""

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(_real(self.__name__), attr)


def _no_download(*args, **kwargs):
    """whoosh.compat's download helper: no Whoosh code calls it, and reader downloads nothing
    at run time, so a call is a bug to report, not a download to make."""
    raise RuntimeError("reader does not download through Whoosh (whoosh.compat's download helper was called)")


def _iscoroutinefunction(func) -> bool:
    """asyncio.iscoroutinefunction, without asyncio for what is not one (every Whoosh method)."""
    import inspect

    if inspect.iscoroutinefunction(func) or getattr(func, "_is_coroutine", None) is not None:
        return _real("asyncio").iscoroutinefunction(func)
    return False


def _variations(word: str):
    """whoosh.lang.morph_en.variations, imported when first called."""
    return _real("whoosh.lang.morph_en").variations(word)


def _standin(name: str) -> types.ModuleType:
    module = _Standin(name)
    if name == "urllib.request":
        module.urlretrieve = _no_download  # type: ignore[attr-defined]
    elif name == "asyncio":
        module.iscoroutinefunction = _iscoroutinefunction  # type: ignore[attr-defined]
    else:
        module.variations = _variations  # type: ignore[attr-defined]
    return module


class _Loader:
    """The module's own loader, run with the stand-in in sys.modules (when the real module is
    not imported already)."""

    def __init__(self, inner, replaced: str):
        self._inner = inner
        self._replaced = replaced

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module) -> None:
        name = self._replaced
        if name in sys.modules:
            self._inner.exec_module(module)
            return
        sys.modules[name] = _standin(name)
        try:
            self._inner.exec_module(module)
        finally:
            if sys.modules.get(name).__class__ is _Standin:
                del sys.modules[name]

    def __getattr__(self, attr: str):  # get_source, get_filename... for tracebacks and tools
        return getattr(self._inner, attr)


class _Finder:
    """A meta path finder for those modules only; every other import is left to the others."""

    @staticmethod
    def find_spec(fullname: str, path=None, target=None):
        replaced = _STANDINS.get(fullname)
        if replaced is None:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _Loader(spec.loader, replaced)  # type: ignore[assignment]
        return spec


def install() -> None:
    if not any(finder is _Finder for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder)
