"""Boilerplate removal by the registry's rules (see outlets.yaml for what each kind does).

Rules act on whole lines only (plus a teaser at the very start of the text), so words that merely
look like boilerplate inside a sentence of reporting are never touched; the one exception, `cut`,
is for widget text that a scrape glued to the text around it ("Jane DoeFlagShareLikeReply..."),
which no sentence contains. No UI imports here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from reader.corpus.outlets import LazyPattern, Rules

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
    if cut and any(p.search(text) for p in cut):  # nearly never: one scan, not one per line
        lines = _cut(text.split("\n"), cut, removed)
    else:
        lines = text.split("\n")

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
