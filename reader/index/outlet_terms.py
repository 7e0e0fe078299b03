"""`outlet:X` in a query means the same outlet as `--outlet X` (reader.corpus.outlet_match), and
a bare word finds an outlet by any of its spellings (outlet_search_text: foxnews, nytimes).

The query's own `outlet:` field matches words of outlet names; an alias (`outlet:nyt`), a prefix
(`outlet:mosc`) or a phrase in a different spelling would find nothing. Before parsing, each
`outlet:X` that names exactly one outlet of the index becomes an exact `outlet_id:"name"` term,
with a note saying which outlet it is; anything else (several outlets, none, wildcards) is left
to the word match.
"""

from __future__ import annotations

import dataclasses
import re

# outlet:value or outlet:"a phrase", at the start or after a space or a bracket.
_OUTLET = re.compile(r'(?:^|(?<=[\s(]))outlet:("[^"]*"|[^\s()"]+)', re.IGNORECASE)


# The outlet field's text of each outlet name, for the registry it was made with: an index build
# looks the registry up once per outlet, not three times per article.
_SEARCH_TEXTS: dict[str, str] = {}
_SEARCH_TEXTS_REGISTRY: list = [None]
_SEARCH_TEXTS_LIMIT = 10_000


def outlet_search_text(name: str) -> str:
    """What the `outlet` field indexes for an article of outlet `name`, which a bare word searches:
    its name, the registry's name for it ("AlJazeera" is found by al jazeera) and its joined
    spellings (reader.corpus.outlets.joined_spellings: foxnews, newyorktimes, nytimes,
    aljazeera), each this outlet's own: no other outlet's articles meet them."""
    from reader.corpus.outlets import default_registry, joined_spellings

    registry = default_registry()
    if _SEARCH_TEXTS_REGISTRY[0] is not registry or len(_SEARCH_TEXTS) > _SEARCH_TEXTS_LIMIT:
        _SEARCH_TEXTS.clear()
        _SEARCH_TEXTS_REGISTRY[0] = registry
    text = _SEARCH_TEXTS.get(name)
    if text is None:
        spellings = [name, registry.canonical(name), *joined_spellings(name, registry)]
        text = _SEARCH_TEXTS[name] = "\n".join(dict.fromkeys(spelling for spelling in spellings if spelling))
    return text


def _spans_outside_quotes(text: str) -> list[tuple[int, int]]:
    spans, start, in_quote = [], 0, False
    for i, ch in enumerate(text):
        if ch != '"':
            continue
        if not in_quote:
            spans.append((start, i))
        else:
            start = i + 1
        in_quote = not in_quote
    if not in_quote:
        spans.append((start, len(text)))
    return spans


def rewrite_outlet_fields(
    text: str, names: list[str], misses: list[str] | None = None, listing: str = "reader list"
) -> tuple[str, list[str]]:
    """(the query with outlet:X made exact where X names one outlet, notes for the user).

    `names` are the index's outlet_id terms (casefolded outlet names). `misses` gets a line for
    each X that names no outlet at all ("no outlet matches 'foxx'; did you mean Fox News?"): the
    word match may still find one (`outlet:foxes`), so the caller says it when nothing is found;
    `listing` is the command such a line names to list the outlets (with the search's --corpus).
    """
    if "outlet:" not in text.lower() or not names:
        return text, []
    # Only a query with outlet: reads the outlets registry (YAML): plain searches stay light.
    from reader.corpus.outlet_match import OutletNotFound, match_outlet
    from reader.corpus.outlets import default_registry

    notes: list[str] = []
    out, pos = [], 0
    for m in _OUTLET.finditer(text):
        if not any(a <= m.start() < b for a, b in _spans_outside_quotes(text)):
            continue  # inside someone's "phrase"
        raw = m.group(1)
        asked = raw[1:-1] if raw.startswith('"') else raw
        if not asked.strip() or any(ch in asked for ch in "*?[]{}\\") or asked.startswith("-"):
            continue  # `outlet:-fox` is left for the query check to refuse (it meant NOT)
        try:
            found = match_outlet(asked, names)
        except OutletNotFound:
            if misses is not None:
                misses.extend(_no_outlet(asked, names, listing))
            continue
        if '"' in found.name:
            continue
        out.append(text[pos : m.start()])
        out.append(f'outlet_id:"{found.name}"')
        pos = m.end()
        shown = default_registry().canonical(found.name) or found.name
        note = dataclasses.replace(found, name=shown).describe(asked)
        if note:
            notes.append(note)
    out.append(text[pos:])
    return "".join(out), notes


def _no_outlet(asked: str, names: list[str], listing: str) -> list[str]:
    """The line saying `asked` names no outlet, with the outlets' names as the corpus spells
    them, or nothing when it names several (`outlet:times` matches each of them)."""
    from reader.corpus.outlet_match import OutletNotFound, match_outlet
    from reader.corpus.outlets import default_registry

    registry = default_registry()
    try:
        match_outlet(asked, [registry.canonical(name) or name for name in names], listing)
    except OutletNotFound as exc:
        return [str(exc)] if str(exc).startswith("no outlet matches") else []
    return []
