"""An article's text laid out in paragraphs and lines, as offsets into the text. No UI imports.

A blank line parts paragraphs; a single newline is a line break inside one (a poem, an address,
the lines of a list: feeds keep one <br> as a line break, two or more as a paragraph break). A
text with no blank line at all writes one paragraph a line (many plain-text files do): there each
line is a paragraph, or the whole article would be one block.
"""

from __future__ import annotations

import re
from typing import NamedTuple

PIECE_CHARS = 3_000  # a paragraph longer than this is cut into pieces (one widget each)
_BLANK_LINES = re.compile(r"\n(?:[ \t\r]*\n)+")
_NEWLINE = re.compile(r"\n")
_EDGE = " \t\r\n"


class Piece(NamedTuple):
    """`text[start:end]`, its lines parted by "\\n"; `continued`: the next piece goes on with
    the same paragraph (a long one cut), so no paragraph break is shown after this one."""

    start: int
    end: int
    continued: bool = False


def pieces(text: str, limit: int = PIECE_CHARS) -> list[Piece]:
    """The paragraphs of `text` (ends trimmed of blanks), those longer than `limit` cut at a line
    break, else at a space."""
    parting = _BLANK_LINES if _BLANK_LINES.search(text) else _NEWLINE
    out: list[Piece] = []
    pos = 0
    for separator in parting.finditer(text):
        _add_paragraph(text, pos, separator.start(), limit, out)
        pos = separator.end()
    _add_paragraph(text, pos, len(text), limit, out)
    return out


def _add_paragraph(text: str, start: int, end: int, limit: int, out: list[Piece]) -> None:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    while end - start > limit:
        cut, resume = _cut(text, start, limit)
        out.append(Piece(start, cut, continued=True))
        start = resume
    if end > start:
        out.append(Piece(start, end))


def _cut(text: str, start: int, limit: int) -> tuple[int, int]:
    """Where a piece of a long paragraph from `start` ends, and where the next one starts: at the
    last line break in its second half, else at the last space (both dropped), else at `limit`."""
    lo, hi = start + limit // 2, start + limit
    for mark in ("\n", " "):
        at = text.rfind(mark, lo, hi)
        if at > start:
            return at, at + 1
    return hi, hi


# A Markdown ATX heading's marks around a title line ("# Title", "## Title ##").
_OPENING_MARKS = re.compile(r"#{1,6}[ \t]+")
_CLOSING_MARKS = re.compile(r"[ \t]+#+$")
TITLE_LINE_CHARS = 300  # a longer first line is body text, whatever the title says


def title_line(text: str, title: str | None) -> tuple[int, int] | None:
    """The span of `text`'s first line (heading marks and edge blanks left out) when it is the
    article's `title` again (same words, any case or spacing; its outlet's signature after it,
    which the title left out, too): shown as the title, it is not shown a second time as the
    body's first paragraph. None when the first line is body text."""
    if not title:
        return None
    start = len(text) - len(text.lstrip(_EDGE))
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if end - start > TITLE_LINE_CHARS:
        return None
    opening = _OPENING_MARKS.match(text, start, end)
    if opening is not None:
        start = opening.end()
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    closing = _CLOSING_MARKS.search(text, start, end)
    if closing is not None:
        end = closing.start()
    line = " ".join(text[start:end].split()).casefold()
    wanted = " ".join(title.split()).casefold()
    if not line or (line != wanted and not (line.startswith(wanted) and _SIGNED.fullmatch(line[len(wanted) :]))):
        return None
    return start, end


# What follows a title on its line when the title is that line less its outlet's signature
# ("Bridge to reopen | Daily Planet", "Bridge to reopen (Daily Planet)": reader.corpus.clean's
# without_outlet_signature): the line is the title still, not shown again as the body's first.
_SIGNED = re.compile(r" (?:[|–—‒―·•~:»-] [^|–—‒―·•~:»]{1,60}|\([^()]{1,60}\))")
