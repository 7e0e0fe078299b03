"""Figures in a sentence (numbers, amounts, percentages, dates) and the ones two aligned
sentences report differently.

"won peace in eight conflicts" vs "won peace in seven" differ; "within two weeks" vs "in the
coming weeks" do not ("coming" is not a figure); "8 conflicts" vs "eight conflicts" agree.

A figure is compared only with figures of the same kind (count, money, percent, year, date),
two counts only when they count the same thing (the word after them) or one of them names
nothing, and only when the words around the two share one (the same fact, not another number
of the same sentence). A figure that the other sentence also carries (same value) agrees.
Weekdays are left out: in news they mostly date different events ("said Tuesday" / "on Friday").

No UI imports here: the core never imports textual or rich.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reader.analysis.textstats import STOPWORDS, normalize_word

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "dozen": 12,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000,
}
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for m in names
}
_CURRENCY = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
_CURRENCY_WORDS = {
    "dollar": "usd", "dollars": "usd", "euro": "eur", "euros": "eur", "pound": "gbp",
    "pounds": "gbp", "yen": "jpy", "rouble": "rub", "roubles": "rub", "ruble": "rub",
    "rubles": "rub",
}

_NUMBER_WORD = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))
_SCALE_WORD = "|".join(sorted(_SCALES, key=len, reverse=True))
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

_FIGURE = re.compile(
    rf"""
    (?P<date>\b(?:{_MONTH_WORD})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?
            |\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_WORD})\b(?:,?\s+(?:19|20)\d\d\b)?)
    |(?P<money>(?P<cur>US\$|[$€£¥])\s?(?P<mnum>{_DIGITS})(?:\s?(?P<mscale>{_SCALE_WORD}|[mkb])\b)?)
    |(?P<num>(?<![\w.,])(?P<digits>{_DIGITS})(?!\w|,\d|\.\d)
            (?:\s?(?P<pct>%|per\s?cent\b|percent\b))?
            (?:\s(?P<dscale>{_SCALE_WORD})\b)?)
    |(?P<word>\b(?P<words>(?:{_NUMBER_WORD})(?:[\s-](?:{_NUMBER_WORD}))?)\b
            (?:\s(?P<wscale>{_SCALE_WORD})\b)?
            (?:\s?(?P<wpct>per\s?cent\b|percent\b))?)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+(?:['’\-][^\W\d_]+)*)")


@dataclass(frozen=True)
class Figure:
    """One figure: `text == source[start:end]`; `kind`, `value` and `unit` say what it means."""

    text: str
    start: int
    end: int
    kind: str  # count | money | percent | year | date | age
    value: object
    unit: str | None = None  # what a count counts ("conflict"), or a currency
    # Content words around it (three before, two after): two figures state the same fact only
    # when their contexts share a word ("won peace in eight" / "won peace in seven").
    context: frozenset = frozenset()

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class FigureDifference:
    left: Figure
    right: Figure
    left_sentence: int
    right_sentence: int

    def to_dict(self) -> dict:
        return {
            "left": {**self.left.to_dict(), "sentence": self.left_sentence},
            "right": {**self.right.to_dict(), "sentence": self.right_sentence},
        }


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _words_value(words: str) -> int:
    total = 0
    for part in re.split(r"[\s-]+", words.casefold()):
        total += _UNITS.get(part, 0) + _TENS.get(part, 0)
    return total


def _unit_after(text: str, end: int) -> str | None:
    """The word a count counts: the next word when it is a content word ("eight conflicts")."""
    match = _NEXT_WORD.match(text, end)
    if not match:
        return None
    word = match.group(1).casefold().replace("’", "'")
    if word in STOPWORDS and word not in ("week", "weeks", "day", "days", "year", "years",
                                           "time", "times", "people"):
        return None
    if word in _UNITS or word in _TENS or word in _SCALES:
        return None
    return normalize_word(word)


_AGE_BEFORE = re.compile(r"[^\W\d_]+,\s*$")
_AGE_AFTER = re.compile(r"\s*(?:,|\)|$)")


def _is_age(text: str, start: int, end: int, value: float) -> bool:
    """"Elizabeth Lauten, 31, wrote": a small whole number set off by commas after a name."""
    if not float(value).is_integer() or not 0 < value < 120:
        return False
    before = text[max(0, start - 40) : start]
    m = _AGE_BEFORE.search(before)
    return bool(m and m.group()[:1].isupper() and _AGE_AFTER.match(text, end))


def _clean_value(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


_CONTEXT_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CONTEXT_BEFORE = 3
_CONTEXT_AFTER = 2


def _context_words(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _CONTEXT_WORD.finditer(text):
        word = m.group().casefold().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 2 or word in STOPWORDS or word in _UNITS or word in _TENS or word in _SCALES:
            continue
        if word in _MONTHS or word in ("percent", "per", "cent"):
            continue
        out.append((m.start(), m.end(), normalize_word(word)))
    return out


def _with_context(figure: Figure, words: list[tuple[int, int, str]], base: int) -> Figure:
    start, end = figure.start - base, figure.end - base
    before = [w for s, e, w in words if e <= start][-_CONTEXT_BEFORE:]
    after = [w for s, e, w in words if s >= end][:_CONTEXT_AFTER]
    return Figure(figure.text, figure.start, figure.end, figure.kind, figure.value, figure.unit,
                  frozenset(before + after))


def find_figures(text: str, base: int = 0) -> list[Figure]:
    """Figures in `text` (a sentence); offsets are `base` + positions in `text`."""
    figures = _find(text or "", base)
    if figures:
        words = _context_words(text)
        figures = [_with_context(f, words, base) for f in figures]
    return figures


def _find(text: str, base: int) -> list[Figure]:
    figures: list[Figure] = []
    for match in _FIGURE.finditer(text):
        raw = match.group()
        start, end = match.start() + base, match.end() + base
        if match.group("date"):
            parts = re.findall(r"[^\W\d_]+|\d+", raw.casefold())
            month = next((_MONTHS[p.rstrip(".")] for p in parts if p.rstrip(".") in _MONTHS), 0)
            numbers = [int(p) for p in parts if p.isdigit()]
            day = next((n for n in numbers if n <= 31), None)
            year = next((n for n in numbers if n > 31), None)
            figures.append(Figure(raw, start, end, "date", (month, day, year)))
        elif match.group("money"):
            value = _number(match.group("mnum"))
            if value is None:
                continue
            scale = (match.group("mscale") or "").casefold()
            value *= _SCALES.get(scale, {"m": 1e6, "k": 1e3, "b": 1e9}.get(scale, 1))
            currency = _CURRENCY.get(match.group("cur").casefold(), "usd")
            figures.append(Figure(raw, start, end, "money", _clean_value(value), currency))
        elif match.group("num"):
            value = _number(match.group("digits"))
            if value is None:
                continue
            scale = (match.group("dscale") or "").casefold()
            value *= _SCALES.get(scale, 1)
            if match.group("pct"):
                figures.append(Figure(raw, start, end, "percent", _clean_value(value), "%"))
                continue
            digits = match.group("digits")
            if not scale and re.fullmatch(r"(?:19|20)\d\d", digits):
                figures.append(Figure(raw, start, end, "year", int(digits)))
                continue
            if _is_age(text, match.start(), match.end(), value):
                figures.append(Figure(raw, start, end, "age", _clean_value(value)))
                continue
            unit = _unit_after(text, match.end())
            if unit in _CURRENCY_WORDS:
                figures.append(Figure(raw, start, end, "money", _clean_value(value),
                                      _CURRENCY_WORDS[unit]))
            else:
                figures.append(Figure(raw, start, end, "count", _clean_value(value), unit))
        elif match.group("word"):
            value = float(_words_value(match.group("words")))
            scale = (match.group("wscale") or "").casefold()
            value *= _SCALES.get(scale, 1)
            if match.group("wpct"):
                figures.append(Figure(raw, start, end, "percent", _clean_value(value), "%"))
                continue
            unit = _unit_after(text, match.end())
            # "one" alone is a pronoun far more often than a figure ("one of them").
            if match.group("words").casefold() == "one" and not scale and unit is None:
                continue
            if unit in _CURRENCY_WORDS:
                figures.append(Figure(raw, start, end, "money", _clean_value(value),
                                      _CURRENCY_WORDS[unit]))
            else:
                figures.append(Figure(raw, start, end, "count", _clean_value(value), unit))
    return figures


def _comparable(a: Figure, b: Figure) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "count":
        return a.unit is None or b.unit is None or a.unit == b.unit
    if a.kind == "money":
        return a.unit == b.unit
    if a.kind == "date":
        # Only the parts both give: "Oct. 21" vs "Oct. 21, 2025" agree.
        return True
    return True


def _significant(value: float) -> int:
    """Significant digits as written: 700 -> 1, 43 million -> 2, 35.7 -> 3."""
    digits = f"{abs(value):.6f}".rstrip("0").replace(".", "").lstrip("0")
    if float(value).is_integer():
        digits = str(int(abs(value))).rstrip("0")
    return max(1, len(digits))


def _rounded(value: float, digits: int) -> tuple[float, float]:
    """`value` rounded and truncated to `digits` significant digits."""
    if value == 0:
        return 0.0, 0.0
    scale = 10 ** (math.floor(math.log10(abs(value))) - digits + 1)
    return round(value / scale) * scale, math.trunc(value / scale) * scale


def _same(a: Figure, b: Figure) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        return all(x == y or x is None or y is None for x, y in zip(a.value, b.value))
    if a.value == b.value:
        return True
    if a.kind in ("count", "money", "percent"):
        # A rounded figure agrees with the exact one: 36 / 35.7 percent, $43 million /
        # $43,885,310, $700 billion / $716 billion.
        x, y = float(a.value), float(b.value)
        if _significant(x) > _significant(y):
            x, y = y, x
        return any(math.isclose(x, r, rel_tol=1e-9) for r in _rounded(y, _significant(x)))
    return False


def differing_figures(left: list[Figure], right: list[Figure]) -> list[tuple[Figure, Figure]]:
    """Pairs (left figure, right figure) stating the same fact with different values.

    Each open left figure (no equal value on the right) pairs with the open, comparable right
    figure whose context shares the most words with its own; none shared, no pair.
    """
    open_left = [f for f in left if not any(_same(f, g) for g in right)]
    open_right = [g for g in right if not any(_same(f, g) for f in left)]
    candidates = []
    for a, f in enumerate(open_left):
        for b, g in enumerate(open_right):
            if not _comparable(f, g):
                continue
            shared = len(f.context & g.context)
            same_unit = f.unit is not None and f.unit == g.unit
            # One word in common is enough for the same thing counted; otherwise two.
            if shared < (1 if same_unit or f.kind != "count" else 2):
                continue
            candidates.append((-shared, not same_unit, a, b))
    candidates.sort()
    pairs: list[tuple[Figure, Figure]] = []
    used_left: set[int] = set()
    used_right: set[int] = set()
    for _, _, a, b in candidates:
        if a in used_left or b in used_right:
            continue
        used_left.add(a)
        used_right.add(b)
        pairs.append((open_left[a], open_right[b]))
    pairs.sort(key=lambda p: (p[0].start, p[1].start))
    return pairs
