"""Where quotations are: the spans between quotation marks, paragraph by paragraph (double
marks, multi-paragraph quotes, unclosed marks), and quotations in single marks outside double
ones (tweets, embeds). Which of them are quotations, and who speaks, is decided in
reader.analysis.quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader import lazy_regex
from reader.analysis.quote_speakers import has_speech_verb
from reader.analysis.regex_scan import finditer_from

# CJK corner brackets: 「」 quote, and 『』 quote within them (or alone, as some texts use them).
# Guillemets pointing inwards (»…«, German, Danish) are read by _paragraph_spans: » opens as any
# closing mark typed before words does.
_OPENERS = "“«„「『"
_CLOSERS = "”»」』"
_NESTED_IN = {"「": "『』"}  # marks that only nest inside a quotation opened by the key
_STRAIGHT = '"'
_ALL_MARKS = _OPENERS + _CLOSERS + _STRAIGHT
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[\w'’-]+")
_TRAILING = " \t,;:—–-"


@dataclass
class MarkSpan:
    open: int  # index of the opening mark
    close: int | None  # index of the closing mark; None when the paragraph continues the quote
    start: int  # quoted words, trimmed
    end: int
    continued: bool = False  # this span continues a quote from the previous paragraph
    continues: bool = False  # the quote goes on in the next paragraph
    unclosed: bool = False  # no closing mark: the quote runs to the end of its paragraph


def _opening_straight(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    return prev.isspace() or prev in "([{—–-/:“‘'«" or i == 0


def _closing_straight(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    return not prev.isspace()


# The characters _paragraph_spans acts on: quotation marks, and the first of two single marks
# typed for a closing double one. Everything between them is skipped by the regex, not by a
# Python loop over every character of the article. One character class first, then which of
# them it was ("[marks]|’(?=’)|'(?=')" has no class to scan for: tried at every position).
_MARK_OR_DOUBLED_SINGLE = lazy_regex.compile(
    "[" + re.escape(_ALL_MARKS + "’'") + "](?:(?<=[" + re.escape(_ALL_MARKS) + "])|(?<=’)(?=’)|(?<=')(?='))"
)


def _paragraph_spans(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs (open, close) of marks in one line, and the index of a mark left open at its end."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _MARK_OR_DOUBLED_SINGLE.finditer(text, lo, hi):
        i = match.start()
        ch = text[i]
        if open_at is not None and ch in _NESTED_IN.get(text[open_at], ""):
            continue  # 「他說『好』」: the inner marks are part of the quotation
        if ch not in _ALL_MARKS:
            if open_at is not None and not text[i - 1].isspace():
                pairs.append((open_at, i))  # two single marks typed for a closing double one
                open_at = None
            continue
        if open_at is None:
            if ch in _OPENERS or (ch == _STRAIGHT and _opening_straight(text, i)):
                open_at = i
            elif ch in _CLOSERS and i + 1 < hi and not text[i + 1].isspace() and (i == lo or text[i - 1].isspace()):
                open_at = i  # a closing mark typed for an opening one
            continue
        # A quote is open: does this mark close it? (»…« is how German and Danish quote: the
        # guillemets point inwards, and « closes what » opened.)
        if ch in _CLOSERS or (ch == _STRAIGHT and _closing_straight(text, i)) or (ch == "«" and text[open_at] == "»"):
            pairs.append((open_at, i))
            open_at = None
        elif ch == "“" and _closing_straight(text, i) and (i + 1 >= hi or not text[i + 1].isalnum()):
            pairs.append((open_at, i))  # an opening mark typed for a closing one
            open_at = None
        else:
            open_at = i  # a new opening: the earlier one was never closed; drop it
    return pairs, open_at


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING or (end > start and text[end - 1].isspace()):
        end -= 1
    return start, end


def _next_paragraph_opens_quote(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether the first non-empty paragraph of `lines` opens with a quotation mark."""
    nxt = next(((a, b) for a, b in lines if text[a:b].strip()), None)
    if nxt is None:
        return False
    k = nxt[0]
    while k < nxt[1] and text[k].isspace():
        k += 1
    return text[k] in _OPENERS + _STRAIGHT and _paragraph_opens_quote(text, k, nxt[1])


def _find_spans(text: str) -> list[MarkSpan]:
    spans: list[MarkSpan] = []
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    carry = False  # the previous paragraph ended inside a quote
    for index, (lo, hi) in enumerate(lines):
        # Skip leading white space to see whether this paragraph opens with a mark.
        first = lo
        while first < hi and text[first].isspace():
            first += 1
        if first >= hi:
            continue
        pairs, left_open = _paragraph_spans(text, lo, hi)
        continued_here = carry and text[first] in _OPENERS + _STRAIGHT
        for n, (o, c) in enumerate(pairs):
            s, e = _trim(text, o + 1, c)
            if s < e:
                spans.append(MarkSpan(o, c, s, e, continued=continued_here and n == 0 and o == first))
        carry = False
        if left_open is not None:
            # The quote goes on when the next non-empty paragraph opens with a mark; otherwise the
            # opening mark was never closed (a typo, or a text cut short): a candidate running to
            # the paragraph's end, kept only when attributed.
            continues = _next_paragraph_opens_quote(text, lines[index + 1 :])
            s, e = _trim(text, left_open + 1, hi)
            if s < e:
                spans.append(
                    MarkSpan(
                        left_open,
                        None,
                        s,
                        e,
                        continued=continued_here and left_open == first and not pairs,
                        continues=continues,
                        unclosed=not continues,
                    )
                )
                carry = continues
    return spans


def _paragraph_opens_quote(text: str, k: int, hi: int) -> bool:
    ch = text[k]
    if ch in _OPENERS:
        return True
    return _opening_straight(text, k)


_SINGLE_MARKS = "‘’'"


def _single_spans(text: str, doubles: list[MarkSpan]) -> list[MarkSpan]:
    """Quotations in single marks outside double ones, as in tweets and embeds (Trump wrote:
    ‘I feel badly for General Flynn.’): a clause of three words or more, opening its paragraph
    or after a colon or a speech verb, ended like a sentence or by its closing mark."""
    if "''" in text:
        return []  # two apostrophes for double marks (an old wire style): single ones nest
    inside = [(d.open, d.close if d.close is not None else d.end) for d in doubles]
    out: list[MarkSpan] = []
    for m in finditer_from(_SINGLE_QUOTE, _SINGLE_OPENING, text):
        o, c = m.start(), m.end() - 1
        if any(a <= o <= b for a, b in inside):
            continue
        s, e = _trim(text, o + 1, c)
        words = _WORD.findall(text[s:e])
        if len(words) < 3 or not text[s].isupper():
            continue
        if sum(w[0].isupper() for w in words) * 2 > len(words):
            continue  # Title Case: a headline's quote ("Trump: ‘I Think She Will’"), not a tweet
        line_lo = text.rfind("\n", 0, o) + 1
        before = text[line_lo:o].rstrip()
        if not (
            before == ""
            or before.endswith(":")
            or (before.endswith(",") and has_speech_verb(text, line_lo, o))
            or has_speech_verb(text, max(line_lo, o - 40), o)
        ):
            continue
        out.append(MarkSpan(o, c, s, e))
    return out


# An opening single mark after a space, a colon or the line start, then text without a line
# break up to a closing mark that is not an apostrophe (not followed by a letter).
_SINGLE_QUOTE = lazy_regex.compile(
    r"(?:(?<=^)|(?<=[\s:(—–]))[‘'](?=[A-Z])[^\n‘’'\"“”]*?(?:[‘’'][a-z][^\n‘’'\"“”]*?)*[’'](?![\w])", re.M
)


_SINGLE_OPENING = re.compile("[‘']")  # where a _SINGLE_QUOTE match can start


def mark_spans(text: str, singles: bool = True) -> list[MarkSpan]:
    """Every candidate quotation of `text` (double marks, and single ones unless `singles` is
    False), in order of the opening mark."""
    if not any(m in text for m in _ALL_MARKS + _SINGLE_MARKS):
        return []
    spans = _find_spans(text)
    return sorted(spans + (_single_spans(text, spans) if singles else []), key=lambda sp: sp.open)


# Two straight marks typed for one double mark, as scraped or old wire text has them (''We will
# win,'' he said; ""We will win,"" he said).
_DOUBLED = re.compile("''|\"\"")
_BEFORE_OPENING = "([{—–-/:“‘«"
_AFTER_CLOSING = ".,;:!?)]}—–-…"


def doubled_marks_read(text: str) -> str:
    """`text` with each pair of straight marks typed for one double mark read as that mark:
    an opening pair becomes a space and “, a closing pair ” and a space. The same length, so
    every offset stays valid; a pair that is neither (an empty attribute, pic="") is kept."""
    if "''" not in text and '""' not in text:
        return text
    chars: list[str] | None = None
    for m in _DOUBLED.finditer(text):
        i = m.start()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        if (prev.isspace() or prev in _BEFORE_OPENING) and not nxt.isspace() and nxt not in "'\"":
            pair = " “"
        elif (
            not prev.isspace()
            and prev not in "=“‘«"
            or prev == " "
            and i > 1
            and text[i - 2] in "'’"  # ''I hate the term 'Manhattan poor,' '' she said
        ) and (nxt.isspace() or nxt in _AFTER_CLOSING):
            pair = "” "
        else:
            continue
        if chars is None:
            chars = list(text)
        chars[i : i + 2] = pair
    return text if chars is None else "".join(chars)
