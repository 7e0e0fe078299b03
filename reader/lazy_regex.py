"""Regular expressions compiled when first used, not when their module is imported.

A module-level `re.compile` runs at import: ~0.25 s of patterns over the modules an update
imports, paid by every process that imports them (each index worker, and a small update that
deletes three files and uses none of them); the outlets registry's 150 shipped rules, ~9 ms, of
which a process loading a few articles uses a few. `compile()` (or `LazyPattern`) gives a
stand-in whose `pattern` and `flags` read as the compiled pattern's would, without compiling;
it compiles the first time a method or another attribute is asked for, then keeps the compiled
pattern's methods as its own attributes: later calls go straight to them, ~0.1-0.2 µs more a
call than a compiled pattern's (found in the stand-in's dict, not as a method of its type). An
article's sentence splitting makes ~30 such calls, inferring its title, date and author ~120:
about 1% of their time, less than bench/bench_lazy_regex_calls.py's noise. Two threads using one
first at once both compile it (the same pattern; re's cache makes the second cheap). It pickles
and copies as the call that made it, and equals another stand-in of the same pattern and flags
(as compiled patterns compare). It is one to pass where a `re.Pattern` is used through its
methods (search, match, finditer, sub, ...); not to the `re` module's functions, which take only
a string or a compiled pattern, nor to isinstance(..., re.Pattern). A bad pattern raises
re.error where it is first used, not where it is made: tests compile every shipped one.
"""

from __future__ import annotations

import re
from typing import AnyStr, Generic, cast

# What the compiled pattern gives: on first use these become the stand-in's own attributes.
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
    "groups",
    "groupindex",
)
_INLINE_FLAGS = {"a": re.ASCII, "i": re.IGNORECASE, "L": re.LOCALE, "m": re.MULTILINE, "s": re.DOTALL}
_INLINE_FLAGS |= {"u": re.UNICODE, "x": re.VERBOSE}


def reported_flags(pattern: str | bytes, flags: int) -> int:
    """The flags re.compile(pattern, flags).flags reports, found without compiling: those given,
    those the pattern sets at its start ("(?i)", which may only stand there), and UNICODE for a
    str pattern unless it is ASCII."""
    text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
    start = 0
    while text.startswith("(?", start):
        end = start + 2
        while end < len(text) and text[end] in _INLINE_FLAGS:
            end += 1
        if end == start + 2 or not text.startswith(")", end):  # "(?:", "(?P<", "(?i:..." set none for all
            break
        for letter in text[start + 2 : end]:
            flags |= _INLINE_FLAGS[letter]
        start = end + 1
        while flags & re.VERBOSE and start < len(text) and (text[start].isspace() or text[start] == "#"):
            start = (text.find("\n", start) + 1 or len(text)) if text[start] == "#" else start + 1
    if isinstance(pattern, str) and not flags & (re.ASCII | re.LOCALE):
        flags |= re.UNICODE
    return flags


class LazyPattern(Generic[AnyStr]):
    """re.compile(pattern, flags), compiled when first used (see the module's docstring)."""

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self.pattern: AnyStr = pattern
        self.flags = reported_flags(pattern, flags)
        self._flags_given = flags

    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern (compiled now, the first time)."""
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = re.compile(self.pattern, self._flags_given)
            for attr in _TAKEN:
                setattr(self, attr, getattr(compiled, attr))
            self._compiled = compiled
        return compiled

    def __getattr__(self, name: str):  # called only for what its dict has not (yet)
        if name not in _TAKEN:
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self):  # (its dict holds the compiled pattern's groupindex, which pickles not)
        return LazyPattern, (self.pattern, self._flags_given)

    def __eq__(self, other) -> bool:
        return isinstance(other, LazyPattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:  # noqa: A001 (re.compile's name, on purpose)
    """re.compile(pattern, flags), made when first used, typed as the compiled pattern it stands for."""
    return cast("re.Pattern[AnyStr]", LazyPattern(pattern, flags))
