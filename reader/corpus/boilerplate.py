"""Boilerplate removal by the registry's rules (see outlets.yaml for what each kind does).

Rules act on whole lines only (plus a teaser at the very start of the text), so words that merely
look like boilerplate inside a sentence of reporting are never touched; the one exception, `cut`,
is for widget text that a scrape glued to the text around it ("Jane DoeFlagShareLikeReply..."),
which no sentence contains. No UI imports here.
"""

from __future__ import annotations

import re

try:  # CPython's own regex parser (3.11+), private: without it every line is searched, as before
    import re._constants as sre  # type: ignore[import-not-found]  # its opcodes (literals a pattern needs)
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - another Python
    sre_parse = None
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable

from reader.corpus.outlets import Rules
from reader.lazy_regex import LazyPattern

# Lines longer than this are paragraphs of reporting, never tested against line rules: keeps the
# rules cheap on hostile input and stops a loose pattern from eating a paragraph.
MAX_RULE_LINE = 600
# An appeal's opening line may be a long paragraph ("... we have a small favour to ask. ...").
MAX_APPEAL_LINE = 3000
# A teaser is short; at most this many teasers are removed from the start of one text.
MAX_TEASERS = 5


@dataclass
class Stripped:
    text: str
    removed: list[str] = field(default_factory=list)  # what went, in order, for inspection


def _strip_teasers(text: str, rules: list[Rules], removed: list[str]) -> str:
    for _ in range(MAX_TEASERS):
        body = text.lstrip()
        for ruleset in rules:
            hit = next((m for p in ruleset.teaser if (m := p.match(body)) and m.end() > 0), None)
            if hit is not None:
                removed.append(hit.group(0).strip())
                text = body[hit.end() :]
                break
        else:
            return text
    return text


def _line_matches(line: str, patterns: Iterable, limit: int = MAX_RULE_LINE) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > limit:
        return False
    for pattern in patterns:  # a loop, not any(...): no generator made for each line
        if pattern.fullmatch(stripped):
            return True
    return False


# Group numbers would shift in an alternation: patterns that refer to one stay apart.
_REFERS_TO_GROUP = re.compile(r"\\[1-9]|\(\?P=")
_COMBINED: dict[tuple[int, ...], tuple[list, list]] = {}


def _combined(patterns: list) -> list:
    """The same patterns with the compiled `re` ones joined into one alternation (a line fully
    matches the alternation exactly when it fully matches one of them): one call per line
    instead of one per pattern. User patterns (bounded in time) stay apart."""
    key = tuple(map(id, patterns))
    hit = _COMBINED.get(key)
    if hit is not None:
        return hit[1]
    plain = [
        p
        for p in patterns
        if isinstance(p, (re.Pattern, LazyPattern))
        and p.flags == re.IGNORECASE | re.UNICODE
        and not _REFERS_TO_GROUP.search(p.pattern)
    ]
    out = list(patterns)
    if len(plain) > 1:
        try:
            joined = re.compile("|".join(f"(?:{p.pattern})" for p in plain), re.IGNORECASE)
            out = [joined] + [p for p in patterns if not any(p is q for q in plain)]
        except re.error:  # e.g. a flag that is only allowed at the start of a pattern
            pass
    if len(_COMBINED) > 64:
        _COMBINED.clear()
    _COMBINED[key] = (patterns, out)  # the patterns are kept, so their ids stay theirs
    return out


def _cut(lines: list[str], patterns: list, removed: list[str]) -> list[str]:
    """Each line with what `patterns` find in it cut out, the text on either side of a cut a line
    of its own (the widget stood between two blocks: a byline and the next post's heading)."""
    out: list[str] = []
    for line in lines:
        pieces = [line]
        for pattern in patterns:
            pieces = [part for piece in pieces for part in _split_at(piece, pattern, removed)]
        if len(pieces) == 1 and pieces[0] is line:
            out.append(line)
        else:
            out.extend(p for p in (piece.strip() for piece in pieces) if p)
    return out


# -- which lines a cut can touch -----------------------------------------------------------------
# A cut pattern is searched in every line, and a regex scan tests each position of a long text
# (~0.5 s per pattern for 10 MB). Most patterns need a literal word ("pts", "Get Livefyre") that
# a plain substring search finds at memory speed: only the lines holding one are searched.

_Needs = frozenset[tuple[str, bool]]  # one of these (literal, ignoring case) is in every match
_NEEDS: dict[tuple[str, int], _Needs | None] = {}


def _needs_of(items, ignore_case: bool) -> _Needs | None:
    """The literals one of which every match of the parsed sequence `items` contains (the longest
    such choice), or None when no literal is needed."""
    best: _Needs | None = None
    run: list[str] = []

    def keep(needs: _Needs | None) -> None:
        nonlocal best
        if needs and (best is None or min(map(len, (n for n, _ in needs))) > min(map(len, (n for n, _ in best)))):
            best = needs

    def end_run() -> None:
        if run:
            keep(frozenset({("".join(run), ignore_case)}))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        end_run()
        if op is sre.SUBPATTERN:
            _group, add, remove, body = av
            keep(_needs_of(body, (ignore_case or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE))
        elif op is sre.BRANCH:
            branches = [_needs_of(b, ignore_case) for b in av[1]]
            if all(branches):
                keep(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            keep(_needs_of(av[2], ignore_case))
        elif op is sre.ATOMIC_GROUP:
            keep(_needs_of(av, ignore_case))
        # anything else (a class, a look-around, a group reference) needs no particular literal
    end_run()
    return best


def _anchored(items) -> bool:
    """Whether a ^, $, \\A or \\Z stands anywhere in the parsed `items`: at a line's start such a
    pattern may match where it does not in the whole text, so its lines are not singled out."""
    for op, av in items:
        if op is sre.AT and av not in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
            return True
        for part in av if isinstance(av, (tuple, list)) else (av,):
            if isinstance(part, sre_parse.SubPattern) and _anchored(part):
                return True
            if isinstance(part, list) and any(_anchored(b) for b in part if isinstance(b, sre_parse.SubPattern)):
                return True
    return False


def _needs(pattern) -> _Needs | None:
    """What `pattern` needs in a line to match there, or None when it may match anywhere (a user's
    pattern, an anchored one, one made of classes only)."""
    if (
        sre_parse is None
        or not isinstance(pattern, (re.Pattern, LazyPattern))
        or pattern.flags & (re.LOCALE | re.ASCII)
    ):
        return None
    key = (pattern.pattern, pattern.flags)
    if key not in _NEEDS:
        try:
            parsed = sre_parse.parse(pattern.pattern, pattern.flags)
            ignore_case = bool(parsed.state.flags & re.IGNORECASE)
            _NEEDS[key] = None if _anchored(parsed) else _needs_of(list(parsed), ignore_case)
        except Exception:  # the parser is CPython's own; whatever it does, search every line
            _NEEDS[key] = None
    return _NEEDS[key]


def _lines_to_cut(text: str, lines: list[str], patterns: list) -> list[int] | None:
    """The numbers of the lines holding a literal that some pattern needs, in order, or None
    when a pattern needs none (then every line may match)."""
    needs: set[tuple[str, bool]] = set()
    for pattern in patterns:
        wanted = _needs(pattern)
        if wanted is None:
            return None
        needs |= wanted
    found: list[int] = []
    for literal in sorted(n for n, ignore_case in needs if not ignore_case):
        at = text.find(literal)
        while at >= 0:
            found.append(at)
            at = text.find(literal, at + 1)
    caseless = sorted(n for n, ignore_case in needs if ignore_case)
    if caseless:  # the same case rules as the pattern: an alternation of the literals alone
        finder = re.compile("|".join(map(re.escape, caseless)), re.IGNORECASE)
        found.extend(m.start() for m in finder.finditer(text))
    if not found:
        return []
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return sorted({bisect_right(starts, at) - 1 for at in found})


def _cut_text(text: str, patterns: list, removed: list[str]) -> list[str]:
    """The lines of `text` with what `patterns` find cut out (see _cut), searching only the lines
    that hold a literal the patterns need."""
    lines = text.split("\n")
    where = _lines_to_cut(text, lines, patterns)
    if where is None:
        if any(p.search(text) for p in patterns):  # nearly never: one scan, not one per line
            return _cut(lines, patterns, removed)
        return lines
    out: list[str] = []
    last = 0
    for i in where:
        out.extend(lines[last:i])
        out.extend(_cut([lines[i]], patterns, removed))
        last = i + 1
    out.extend(lines[last:])
    return out


def _split_at(line: str, pattern, removed: list[str]) -> list[str]:
    pieces, start = [], 0
    for m in pattern.finditer(line):
        if m.end() == m.start():
            continue
        pieces.append(line[start : m.start()])
        removed.append(m.group().strip())
        start = m.end()
    if not start:
        return [line]
    pieces.append(line[start:])
    return pieces


def strip_boilerplate(text: str, rules: list[Rules]) -> Stripped:
    """Remove teasers, an end appeal (and all after it), cut widget text and dropped lines;
    nothing else changes."""
    removed: list[str] = []
    text = _strip_teasers(text, rules, removed)
    cut = _combined([p for r in rules for p in r.cut])
    lines = _cut_text(text, cut, removed) if cut else text.split("\n")

    appeal = _combined([p for r in rules for p in r.appeal])
    if appeal:
        seen_text = False
        for i, line in enumerate(lines):
            if seen_text and _line_matches(line, appeal, MAX_APPEAL_LINE):
                removed.extend(rest.strip() for rest in lines[i:] if rest.strip())
                lines = lines[:i]
                break
            seen_text = seen_text or bool(line.strip())

    drop = _combined([p for r in rules for p in r.drop_lines])
    kept: list[str] = []
    for line in lines:
        if _line_matches(line, drop):
            removed.append(line.strip())
        else:
            kept.append(line)
    return Stripped("\n".join(kept), removed)
