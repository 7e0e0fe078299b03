"""Step 1b: an article made of many items (a live blog, a news roundup) and its lead item.

A live blog ("The Latest: ...", entries headed "9:42 p.m.") or a roundup ("10 Things to Know",
a morning newsletter, sections headed in capitals) reports many events under one headline. Read
whole, its words overlap a little with every article of those days, and average-link clustering
let it glue unrelated articles together (polnear-dev: an AP live blog joined a debate story and a
primary-results story at similarities of 0.20-0.22). Its headline names one item, the newest or
the first: the grouping reads it by that lead item (the text before its second item), so every
link it makes goes through the one item it is listed under. Its other items are kept apart, so
two versions of one live blog (the newer has the older's items) still find each other: one's
lead item matches an item of the other (similarity.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.analysis.sentences import non_sentence_kind

# An article is read item by item from this many items (a few headed sections are an ordinary
# article's structure; a list of events has more).
MIN_ITEMS = 3
# At most this many items are kept beyond the lead (a record stays small; MAX_CHARS bounds the text).
MAX_ITEMS = 60

_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\d\s*[ap]\.?\s?m\b", re.IGNORECASE)
_HEADING_TOKENS = 15
_STAMP_CHARS = 60


def _marker(line: str) -> str | None:
    """How `line` opens an item: "stamp" (a time on its own: "11:20 p.m.", "4:40 p.m.:"),
    "heading" (a short line in capitals: "GOING BROKE FOR RUBIO.", "1. FIREWORKS FLY ..."),
    "lead-in" (a paragraph opening with three or more words in capitals: "IOWA POLLS NOT WRONG,
    JUST TOO EARLY - ..."), or None. Not a marker: a label ending in a colon ("TAPPER:",
    "UPDATE:", "CORRECTION:"), a dateline with its wire credit ("SALT LAKE CITY (AP) —"), a
    bracketed stage direction ("(BEGIN VIDEO CLIP.)")."""
    s = line.strip()
    if not s:
        return None
    if len(s) <= _STAMP_CHARS and _CLOCK.search(s) and non_sentence_kind(s) == "timestamp":
        return "stamp"
    first = s[:40].split(None, 1)[0]
    if first != first.upper():
        return None  # most paragraphs: their first word has a lower-case letter
    tokens = s.split(None, _HEADING_TOKENS)  # the last piece holds the rest of a longer line
    capitals = 0
    whole = True
    for token in tokens:
        if any(c.islower() for c in token):
            whole = False
            break
        if token[0] in "([{" or token.endswith(":"):
            return None
        if any(c.isupper() for c in token):
            capitals += 1
    if whole:
        letters = sum(c.isalpha() for c in s)
        return "heading" if capitals and letters >= 4 and len(tokens) <= _HEADING_TOKENS else None
    return "lead-in" if capitals >= 3 else None


def _has_words(line: str) -> bool:
    return sum(c.isalpha() for c in line) >= 3


def split_items(title: str, text: str) -> tuple[int, list[tuple[int, int]]] | None:
    """(where the lead item ends, the spans of the other items) as offsets into `text`, or None
    for an article of fewer than MIN_ITEMS items. The lead item is everything before the second
    item (the headline and introduction go with the first: "The Latest on campaign 2016 (all
    times EST):"); a heading or time stamp with no text of its own before the next marker
    ("TOP STORIES." above the first item) belongs to the item after it."""
    starts: list[int] = []  # offsets of the lines that open an item
    substantive: list[bool] = []
    at = 0
    first = True
    title_key = " ".join(title.split()).casefold()
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            kind = None
            if not (first and " ".join(stripped.split()).casefold() == title_key):
                kind = _marker(stripped)
            first = False
            if kind is not None:
                starts.append(at)
                substantive.append(kind == "lead-in")
            elif starts and _has_words(stripped):
                substantive[-1] = True
        at += len(line) + 1
    # An item is a run of markers up to and including one with text of its own.
    items: list[int] = []
    pending: int | None = None
    for start, has_text in zip(starts, substantive):
        if pending is None:
            pending = start
        if has_text:
            items.append(pending)
            pending = None
    if len(items) < MIN_ITEMS:
        return None
    bounds = items[1:] + [len(text)]
    spans = list(zip(bounds, bounds[1:]))[:MAX_ITEMS]
    return items[1], spans


def item_of(offset: int, lead_end: int, spans: list[tuple[int, int]]) -> int:
    """-1 for an offset in the lead item, else the index of the item (in `spans`) holding it;
    len(spans) past the kept items."""
    if offset < lead_end:
        return -1
    k = bisect_right([start for start, _ in spans], offset) - 1
    return k if 0 <= k < len(spans) and offset < spans[k][1] else len(spans)
