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

from reader.corpus.decode import outlet_key
from reader.corpus.outlets import default_registry, name_key
from reader.wording import NO_OUTLET, counted


class OutletNotFound(LookupError):
    """No outlet, or more than one, matches; the message says which ones to choose from."""


class NoOutletToMatch(OutletNotFound):
    """The outlets to match are none (a corpus of no article, or of articles that name none): a
    name well formed matched nothing for want of any, where one that is no name (`--outlet ""`,
    `'!!!'`, `'(no outlet)'`) is an OutletNotFound of its own whatever the corpus holds."""


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


def _one_name_per_outlet(names: Iterable[str]) -> list[str]:
    """The outlets `names` stand for, each by one of its names (outlet_key: "Rally ❤️ News" and
    "Rally ❤ News", "Daily Planet" and "DAILY PLANET" are one outlet, which `--outlet` and
    `outlet:` filter as one), sorted: a prefix that names one of them is not "2 outlets"."""
    outlets: dict[str, str] = {}
    # The same name shown whatever the order given; "Daily Planet" rather than "DAILY PLANET".
    for n in sorted({n for n in names if n}, key=lambda n: (n.isupper(), n)):
        outlets.setdefault(outlet_key(n), n)
    return sorted(outlets.values(), key=str.casefold)


def _the_one(asked: str, same_key: list[str]) -> str:
    """The outlet among those whose names differ only by what name_key ignores (an emoji, its
    punctuation) that `asked` names: the one it writes as its outlet does, else OutletNotFound."""
    if len(same_key) == 1:
        return same_key[0]
    exact = [n for n in same_key if outlet_key(n) == outlet_key(asked)]
    if len(exact) == 1:
        return exact[0]
    raise OutletNotFound(f"outlet {asked!r} matches {len(same_key)} outlets ({', '.join(same_key[:8])}); say which")


def match_outlet(asked: str, names: Iterable[str], listing: str = "reader list") -> OutletMatch:
    """The outlet among `names` (the corpus's outlets) that `asked` means, or OutletNotFound.
    `listing`: the command that lists the corpus's articles, as an error names it (with the
    --corpus the command ran with)."""
    names = _one_name_per_outlet(names)
    if (asked or "").strip() == NO_OUTLET and NO_OUTLET not in names:
        # What `list` shows in the outlet column was taken for a misspelt outlet ("did you mean …?").
        raise OutletNotFound(
            f"{NO_OUTLET} is how an article whose metadata names no outlet is shown, not an outlet's name: "
            f"no --outlet picks those (`{listing} --json` gives their outlet as null)"
        )
    key = name_key(asked or "")
    if not key:
        if (asked or "").strip():  # `--outlet '!!!'` was given: "needed" sent one looking for a typo in the command
            raise OutletNotFound(f"no outlet matches {asked!r}: an outlet's name has letters or digits")
        raise OutletNotFound("an outlet name is needed")
    # name_key drops an emoji: "Rally ❤ News" and "Rally 🔥 News" share one, and are two outlets.
    by_key: dict[str, list[str]] = {}
    for n in names:
        by_key.setdefault(name_key(n), []).append(n)
    if key in by_key:
        return OutletMatch(_the_one(asked, by_key[key]), "name")
    registered = default_registry().get(asked)
    if registered is not None:
        for label in (registered.name, *registered.aliases):
            if name_key(label) in by_key:
                return OutletMatch(_the_one(asked, by_key[name_key(label)]), "alias")
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
        raise NoOutletToMatch(f"no outlet matches {asked!r}: the corpus names no outlets")
    if registered is not None:
        # `--outlet nyt` (the help's example) on a corpus without it read as if nyt were unknown.
        raise OutletNotFound(
            f"no outlet matches {asked!r}: {registered.name} has no articles in this corpus "
            f"(`{listing}` shows its {counted(len(names), 'outlet')})"
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
    raise OutletNotFound(f"no outlet matches {asked!r} (`{listing}` shows the {counted(len(names), 'outlet')})")
