"""Regular expressions compiled when first used, not when their module is imported.

A module-level `re.compile` runs at import: ~0.25 s of patterns over the modules an update
imports, paid by every process that imports them (each index worker, and a small update that
deletes three files and uses none of them). `compile()` gives a stand-in that compiles its pattern
the first time a method or attribute is asked for, then keeps the compiled pattern's methods as
its own attributes: later calls go straight to them, ~0.1-0.2 µs more a call than a compiled
pattern's (found in the stand-in's dict, not as a method of its type). An article's sentence
splitting makes ~30 such calls, inferring its title, date and author ~120: about 1% of their
time, less than bench/bench_lazy_regex_calls.py's noise. Two threads using one first at once
both compile it (the same pattern; re's cache makes the second cheap). It pickles and copies as
the call that made it. It is one to pass where a `re.Pattern` is used through its methods
(search, match, finditer, sub, ...); not to the `re` module's functions, which take only a
string or a compiled pattern, nor to isinstance(..., re.Pattern).
"""

from __future__ import annotations

import re
from typing import cast

_TAKEN = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class _Deferred:
    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source = pattern
        self._flags_given = flags

    def __getattr__(self, name: str):
        if name.startswith("__") or name not in _TAKEN:
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags_given)
        for attr in _TAKEN:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __reduce__(self):  # (its dict holds the compiled pattern's groupindex, which pickles not)
        return compile, (self._source, self._flags_given)

    def __repr__(self) -> str:
        return f"lazy_regex.compile({self._source!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 (re.compile's name, on purpose)
    """re.compile(pattern, flags), made when first used (see the module's docstring)."""
    return cast("re.Pattern[str]", _Deferred(pattern, flags))
