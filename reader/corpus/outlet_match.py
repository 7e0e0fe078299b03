"""Which outlet the user means by `--outlet fox`: one rule for every command.

Case and punctuation are ignored (the registry's `name_key`). In order: the outlet's name, one of
its aliases or domains in the outlets registry, a unique prefix of a name, a unique word of a
name ("times" when only one outlet's name has that word). The answer says which rule matched,
so the caller can tell the user ("fox" is Fox News). No UI imports here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from reader.corpus.outlets import default_registry, name_key


class OutletNotFound(LookupError):
    """No outlet, or more than one, matches; the message says which ones to choose from."""


@dataclass(frozen=True)
class OutletMatch:
    name: str  # the outlet's name as the corpus has it
    how: str  # "name", "alias", "prefix" or "word"

    def describe(self, asked: str) -> str | None:
        """One line for the user when the match was not the name itself, else None."""
        if self.how == "name":
            return None
        what = {"alias": "an alias of", "prefix": "short for", "word": "short for"}[self.how]
        return f"outlet {asked!r} is {what} {self.name}"


def _words(name: str) -> list[str]:
    return [name_key(word) for word in name.split() if name_key(word)]


def match_outlet(asked: str, names: Iterable[str], listing: str = "reader list") -> OutletMatch:
    """The outlet among `names` (the corpus's outlets) that `asked` means, or OutletNotFound.
    `listing`: the command that lists the corpus's articles, as an error names it (with the
    --corpus the command ran with)."""
    names = sorted({n for n in names if n}, key=str.casefold)
    key = name_key(asked or "")
    if not key:
        if (asked or "").strip():  # `--outlet '!!!'` was given: "needed" sent one looking for a typo in the command
            raise OutletNotFound(f"no outlet matches {asked!r}: an outlet's name has letters or digits")
        raise OutletNotFound("an outlet name is needed")
    by_key = {name_key(n): n for n in names}
    if key in by_key:
        return OutletMatch(by_key[key], "name")
    registered = default_registry().get(asked)
    if registered is not None:
        for label in (registered.name, *registered.aliases):
            if name_key(label) in by_key:
                return OutletMatch(by_key[name_key(label)], "alias")
    for how, found in (
        ("prefix", [n for n in names if name_key(n).startswith(key)]),
        ("word", [n for n in names if any(w.startswith(key) for w in _words(n))]),
    ):
        if len(found) == 1:
            return OutletMatch(found[0], how)
        if found:
            shown = ", ".join(found[:8]) + (", …" if len(found) > 8 else "")
            raise OutletNotFound(f"outlet {asked!r} matches {len(found)} outlets ({shown}); say which")
    if not names:
        raise OutletNotFound(f"no outlet matches {asked!r}: the corpus names no outlets")
    if registered is not None:
        # `--outlet nyt` (the help's example) on a corpus without it read as if nyt were unknown.
        raise OutletNotFound(
            f"no outlet matches {asked!r}: {registered.name} has no articles in this corpus "
            f"(`{listing}` shows its {len(names)} outlets)"
        )
    # Did you mean: the closest names, or names with the closest word ("foks" -> Fox News).
    spelled: dict[str, str] = {}
    for n in names:
        for label in (n, *n.split()):
            spelled.setdefault(label.casefold(), n)
    close = difflib.get_close_matches(asked.casefold(), list(spelled), n=6, cutoff=0.55)
    if close:
        suggestion = " or ".join(list(dict.fromkeys(spelled[c] for c in close))[:3])
        raise OutletNotFound(f"no outlet matches {asked!r}; did you mean {suggestion}?")
    raise OutletNotFound(f"no outlet matches {asked!r} (`{listing}` shows the {len(names)} outlets)")
