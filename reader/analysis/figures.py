"""Figures in a sentence (numbers, amounts, percentages, dates) and the ones two aligned
sentences report differently.

"won peace in eight conflicts" vs "won peace in seven" differ; "within two weeks" vs "in the
coming weeks" do not ("coming" is not a figure); "8 conflicts" vs "eight conflicts" agree.

A figure is compared only with figures of the same kind (count, money, percent, ratio, year,
date), two counts only when they count the same thing (the noun they qualify: "100,000 secret
files" and "tens of thousands of Iranian files" both count files) or one of them names nothing,
and only when the words around the two share one (the same fact, not another number of the same
sentence). An amount is for the period its sentence names ("for 2014", "from 2007 through 2014"):
amounts for two different periods, or one year's against a total or an average over several,
are two quantities and never compared. A figure that the other sentence also carries for the
same thing agrees; several figures of one kind pair by what they count, not by order.

Vague and hedged amounts are ranges: "tens of thousands" is 20,000 to 99,999 (so "100,000"
differs from it), "hundreds of thousands" 200,000 to 999,999, "dozens" 24 to 143, "more than 40"
40 and up, "about 50" 40 to 60; "early March" is March 1 to 10 (so "March 8" agrees with it).
Two figures agree when their ranges meet; exact ones agree when one is the other rounded at its
own last written digit (the flags' rule, _same_as_written: "20" is exact, "700" is rounded; the
sentence linker's signal keeps the older _same). For the flags (find_flag_figures) a time of
day is one figure ("9:30 a.m." against "9:20 a.m."), which find_figures reads as two counts; it
needs a.m. / p.m. or words of time ("at 14:05"), a range of them too: "John 3:16", "a 3:1 vote"
and a race's "from 1:58 to 2:03" are pairs of numbers. A score or tally ("beat them 3-1", "a 5-4
ruling") is one pair, the same told from either side ("lost 1-3"), the word of a result perhaps
before a player's name ("beaten Botic van de Zanschulp 6-2"); a hyphen without words of a
result is a range ("ages 18-24", "March 3-4", "voted in Rome May 3-4": a month after a place is
no player's surname, as in "defeated Theresa May 432-202"). An amount with no currency that words of money
tell ("cost 1.2bn", "1.2 billion" in a deal) is the same figure as "$1.2bn"; one they do not
("helped 11 million", "cost $5 million to help 11 million") is a count, never money; the other
end of a currency amount's range is money ("$5-10 billion", "$2 million or 3 million in damages");
points and percent never agree, and one number told in both ("rose 2 percentage points" / "rose
2 percent") is flagged as a unit difference.
Weekdays are left out: in news they mostly date different events ("said Tuesday" / "on Friday").
A precise amount with one digit changed or two swapped ("$5,687.75" / "$5,587.75") is one figure
copied differently: it pairs on one word in common, even a name (_digit_slip); a bare run of
digits ("H.R. 1234", "Flight 1549") names something and is never a slip. A difference with
an approximate figure ("some 16", "about 50", "dozens") says so (FigureDifference.approximate).

No UI imports here: the core never imports textual or rich.
"""

from __future__ import annotations

from collections import Counter
import bisect
import calendar
import datetime
import functools
import itertools
import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, Collection

from reader.analysis.attribution_words import SPEECH_VERBS
from reader.analysis.move_words import BEFORE_AMOUNT, FALL_STEMS, MOVE_VERB_FORMS, RISE_STEMS, TRADED_PAST, TRADED_VERBS
from reader.analysis.stems import word_stem
from reader.analysis.textstats import STOPWORDS, normalize_word
from reader.analysis.figure_patterns import (
    CODE_CURRENCY,
    FLAG_CURRENCY_WORDS,
    INDIAN_SCALES,
    PREFIX_CURRENCY,
    _INDIAN_SCALED,
    _PREFIX_MONEY,
    _BOUND_BEFORE,
    _BOUND_RANGE,
    _CODE_BEFORE,
    _CURRENCY,
    _CURRENCY_CODES,
    _PERCENT_SHORT,
    _SPELLED,
    _UNIT_ALIASES,
    _YEAR_TERM,
    _CURRENCY_WORDS,
    _DIGITS,
    _FIGURE,
    _FRACTION,
    _FRACTION_OF_BEFORE,
    _FRACTION_PARTS,
    _HEDGE_BEFORE,
    _HEDGE_RANGE,
    _MONTHS,
    _NEXT_WORD,
    _NOT_COUNTED,
    _PART_OF_MONTH,
    _PLURAL_NOUNS,
    _RATIO_PART,
    _SCALE_WORD,
    _SCALES,
    _TENS,
    _UNITS,
    _VAGUE_BASE,
    UNIT_PLURALS,
)


@dataclass(frozen=True)
class Figure:
    """One figure: `text == source[start:end]`; `kind`, `value` and `unit` say what it means."""

    text: str
    start: int
    end: int
    # count | money | percent | year | date | age | time | pair | named (the last three:
    # find_flag_figures; a "named" one, "4K" in "movies in 4K", is never compared: _not_named)
    kind: str
    # A number; for a date, (month, day, year) with None for a part not given; for a time,
    # (hour 1-12, minute or None, "a"/"p" or None).
    value: Any
    unit: str | None = None  # what a count counts ("conflict"), or a currency
    # Content words around it (three before, two after): two figures state the same fact only
    # when their contexts share a word ("won peace in eight" / "won peace in seven").
    context: frozenset = frozenset()
    # A vague or hedged amount is a range (low..high, inclusive) around `value`; None: exact.
    # For a date, the range of days ("early March": 1..10); a loose time or number pair: 0.
    low: float | None = None
    high: float | None = None
    # The context words that are names (capitalised inside the sentence): they say who, not
    # which quantity ("the Clintons paid $43 million" / "Bill Clinton earned $139 million").
    names: frozenset = frozenset()
    # For a year, what the preposition before it makes of it: "in 2007" a point, "since 2009"
    # a start, "until 2014" an end; None when nothing says.
    relation: str | None = None
    # The years the sentence states its amounts for, (first, last): "for 2014" (2014, 2014),
    # "from 2007 through 2014" (2007, 2014); None when it names no year, or several apart. A
    # rate for one year and one over eight are two quantities, whatever their words share.
    period: tuple[int, int] | None = None
    # The context words written in the plural ("donors"): "the top donor gave $5 million" and
    # "donors poured $25 million" name one giver's part and all givers' total, two quantities.
    plurals: frozenset = frozenset()
    # The flags' only (find_flag_figures): an amount with a scale and no currency nor anything
    # it counts ("1.2bn", "cost 1.2 billion"): the same figure as "$1.2bn" on the other side.
    bare: bool = False
    # The flags' only: for a year that opens or closes a term told "from 1967 to 1979", which
    # end and the term's years: ("first", 1967, 1979). Two terms in linked sentences that
    # overlap for most of their length are one term told with other years (_one_term).
    term: tuple[str, int, int] | None = None
    # The flags' only: which end of a range of amounts it is and the range's two ends ("from
    # 500,000 to 1.6 million": ("low", 500000, 1600000), ("high", 500000, 1600000)). A bound
    # answers the range's end on its own side: "as many as 1.5 million" is the range's top told
    # otherwise, not its bottom agreed.
    range_end: tuple[str, float, float] | None = None
    # The flags' only: for a range's end, whether neither end tells part of a change ("$5-10
    # billion", "between 30 and 40"; not "fell $2 to $30"): such a range holds the amounts
    # strictly inside it (_inside_range).
    plain_range: bool = False
    # The flags' only: for an amount, the part of a change it tells, from the preposition before
    # it: "from 23 percent" the start, "to 45 percent" the end, "by 45 percent" the change. A
    # start is not compared with an end ("to 45 percent from 23 percent" / "by around 45 percent
    # to some one-third"): two points of one change, not one figure told twice.
    change: str | None = None
    # The flags' only: for an amount, whose it is, from the last possessive before it (after the
    # amount before): "the Clintons' 2014 tax rate: 30 percent" the Clintons' (a stem), "his
    # average rate was 36 percent" a pronoun ("his"). See _closed.
    owner: str | None = None
    # The flags' only: for an amount, the index or other name ending in a number it is told of
    # ("the FTSE 100 fell 0.9 percent": "ftse 100"), when no amount of its kind stands between.
    # Two amounts of one index are one quantity whatever else their words share (its name is
    # no actor); two indexes' are two.
    index: str | None = None
    # The flags' only: for an amount, the words of the market index named last before it
    # ("the Nasdaq Composite Index rose 7 points": {"nasdaq"}; "the FTSE 100 fell": {"ftse",
    # "100"}). Amounts told of two indexes whose names share no word are two quantities.
    index_words: frozenset = frozenset()
    # The flags' only: for an amount, the words of what it is of, in or for, told just after it
    # ("$800 billion in new revenue": {"new", "revenu"}), stemmed; empty when nothing says.
    told_of: frozenset = frozenset()
    # The flags' only: for a count of nothing named, what "the number of" before it in its
    # sentence counts ("the number of closings ... from 1,540 in 2001": "close"), stemmed.
    number_of: str | None = None
    # The flags' only: for a count, the capitalised words of the place "in" names after it in
    # its clause ("37,000 U.S. troops are stationed in South Korea": {"south", "korea"}).
    place: frozenset = frozenset()
    # The flags' only: for a count with a place, the capitalised words of its sentence, folded:
    # whether it names the other side's place too (see differing_figures).
    capitals: frozenset = frozenset()
    # The flags' only: for an amount, the period its clause tells it for, relative to the time of
    # telling: ("before", "year") for "a year earlier", "the year-ago quarter", "last year";
    # ("this", "month") for "for the month"; ("past", "six", "week") for "in the past six weeks".
    # Two amounts told for two such periods, or one for an earlier period and one for none (the
    # time told of), are two quantities (see _framed).
    frame: tuple[str, ...] | None = None
    # The flags' only: for a count, whether it is told as a running total ("a total of 149
    # cases": "total") or as what was added to one ("18 additional cases", "up 11 cases from a
    # day earlier": "added"); None when nothing says. A total and what was added are two
    # quantities; either against a count told plainly may be one ("1,500 more troops" / "1,500
    # troops"), so only the two told apart are kept apart (see _comparable).
    tally: str | None = None
    # The flags' only: for a market's move or price, the part of the trading day its sentence
    # tells ("in morning trading": "morning", "by late afternoon": "afternoon", "to close at":
    # "close"); None when it tells none, or two. A price at noon and the close are two.
    session: str | None = None
    # The flags' only: for an amount, whether its clause tells a forecast ("analysts expected 27
    # cents": "forecast") or a result against one ("3 cents lower than the forecast": "against");
    # None for a result. Expected and reported earnings are two quantities (see _told_of).
    forecast: str | None = None
    # The flags' only: for an amount, the capitalised words of its clause before it, folded, the
    # named thing it is told of ("Shares of Acme rose 5 percent": {"acme"}; see _told_of).
    # Amounts told of two named things sharing no word are two quantities ("Acme rose 2 percent"
    # / "Shares of Zenith fell 3 percent").
    subject: frozenset = frozenset()
    # When the amount's clause names no subject: its sentence's first word (folded), the verb
    # after it, whether the sentence's own grammar says the word is a name and the initials of the
    # capitalised words before the verb ("International Business Machines": "ibm"; _sentence_opener).
    opener: tuple[str, str, bool, str] | None = None
    # The flags' only: for an amount, the currencies its sentence tells a rate "against" ("the
    # dollar was down 0.7 percent against the yen": ("against", "yen")) and the stock exchanges
    # it names ("on the London Stock Exchange": ("exchange", "london")). A rate against the franc
    # and one against the yen, or a share's price in London and in New York, are two quantities
    # (see _other_markets). One field: each one a dataclass holds slows every figure made. It
    # also holds the account an amount is told of, ("account", "revenue") (see _measured_as).
    markets: frozenset = frozenset()

    def bounds(self) -> tuple[float, float]:
        """The range of an amount: (low, high), or (value, value) when it is exact."""
        if self.low is not None and self.high is not None:
            return self.low, self.high
        return float(self.value), float(self.value)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "unit": self.unit,
            "day": self.day,
            "days": self.days,
        }

    @property
    def day(self) -> str | None:
        """The day the figure is told for, as the flags read it: a weekday ("friday"), the two it
        may be where the article's date and time leave it unsure ("thursday or friday"), or
        "yesterday" / "today" in an undated article; None where no day is told."""
        return self.frame[1] if self.frame is not None and self.frame[0] == _DAY else None

    @property
    def days(self) -> list[str]:
        """The weekdays `day` may be, one or two ([] for none told, or an undated "yesterday")."""
        return [d for d in (self.day or "").split(" or ") if d in _WEEKDAY_NAMES]


KIND_NAMES = {
    "count": "count",
    "money": "money",
    "percent": "percentage",
    "ratio": "odds",
    "year": "year",
    "date": "date",
    "age": "age",
    "time": "time of day",
    "pair": "number pair (score, tally, split, verse or duration)",
    "years": "span of years",
    "fiscal year": "fiscal year",
    "rank": "place in a ranking (top N, No. N)",
}


def told_loosely(what: str, approximate: bool) -> str:
    """What two differing figures are, for a reader: a difference with a loose figure ("some 16"
    / "15") is a soft one, "count of measures (approximate)"."""
    return f"{what} (approximate)" if approximate else what


def _plural_of(noun: str) -> str:
    """A counted noun's plural for a reader: "women", not "womens"; "families", not "familys"."""
    if noun.endswith("s") or noun in _PLURAL_NOUNS or noun == "pence":
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("", "a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


@dataclass(frozen=True)
class FigurePair:
    """Two differing figures and the sentences (indexes) that tell them, one on each side."""

    left: Figure
    right: Figure
    left_sentence: int
    right_sentence: int

    def to_dict(self) -> dict:
        return {
            "left": {**self.left.to_dict(), "sentence": self.left_sentence},
            "right": {**self.right.to_dict(), "sentence": self.right_sentence},
        }


@dataclass(frozen=True)
class FigureValues:
    """Two figures told differently, one on each side: what they are and how loosely each is told.
    The headlines' figures are these (offsets in the titles); the bodies' are FigureDifference."""

    left: Figure
    right: Figure

    @property
    def kind(self) -> str:
        # "3 percent" against "3 points"; "$1.2bn" against a bare "1.5 billion"
        if _unit_clash(self.left, self.right):
            return "unit"
        if _money_either_way(self.left, self.right):
            return "money"
        return self.left.kind

    @property
    def what(self) -> str:
        """What the two figures are, for a reader: "count of files", "money", "date"."""
        if self.kind == "unit":
            left, right = ("percent" if f.kind == "percent" else "points" for f in (self.left, self.right))
            return f"the same number in other units ({left} / {right})"
        name = KIND_NAMES.get(self.kind, self.kind)
        unit = self.left.unit or self.right.unit
        if self.kind == "count" and unit:
            return f"count of {UNIT_PLURALS.get(unit) or _plural_unit(unit)}"
        return name

    @property
    def approximate(self) -> list[str]:
        """The sides ("left", "right") whose figure is told approximately ("some 16", "about 50")."""
        return [side for side, f in (("left", self.left), ("right", self.right)) if _approximate(f)]

    @property
    def described(self) -> str:
        """`what` for a reader, "(approximate)" after it when a side's figure is told loosely."""
        return told_loosely(self.what, bool(self.approximate))

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "what": self.what,
            "approximate": self.approximate,
            "left": self.left.to_dict(),
            "right": self.right.to_dict(),
        }


@dataclass(frozen=True)
class FigureDifference(FigureValues):
    """Two linked sentences' figures told differently, and every other pair of sentences that
    tells the same two values of the same item."""

    left_sentence: int
    right_sentence: int
    # The same two values told again in other pairs of sentences (the headline's "310 jobs" /
    # "240 jobs" and the lead's). A list, not a tuple: compare_layout.mirror swaps its sides.
    told_again: list[FigurePair] = field(default_factory=list)
    # What the two figures are told of, in the left sentence's words ("sales", "quarter"): given
    # when another listing has the same values (item_words), so the two read apart
    item: tuple[str, ...] = ()

    @property
    def what(self) -> str:
        """FigureValues.what, with the words of what it is told of when another listing has the
        same values: "percentage (sales, quarter)" / "percentage (unemployment, county)"."""
        what = super().what
        return f"{what} ({', '.join(self.item)})" if self.item else what

    @property
    def occurrences(self) -> list[FigurePair]:
        """Every pair of sentences this difference was seen in, the first told first."""
        return [FigurePair(self.left, self.right, self.left_sentence, self.right_sentence), *self.told_again]

    def to_dict(self) -> dict:
        return {
            **super().to_dict(),
            "left": {**self.left.to_dict(), "sentence": self.left_sentence},
            "right": {**self.right.to_dict(), "sentence": self.right_sentence},
            # not "pairs": the comparison's own "pairs" are its linked sentences
            "occurrences": [pair.to_dict() for pair in self.occurrences],
            "item": list(self.item),
        }


def _plural_unit(unit: str) -> str:
    """A counted unit in the plural, its last word made plural (_plural_of): "families", not
    "familys"; "other people" (_other_counted), not "other peoples"."""
    head, space, last = unit.rpartition(" ")
    return head + space + UNIT_PLURALS.get(last, _plural_of(last))


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _part_value(text: str) -> float | None:
    """One side of "1 in 3" / "two-in-three"."""
    if text.isdigit():
        return float(text)
    value = _words_value(text)
    return float(value) if value else None


def _words_value(words: str) -> int:
    total = 0
    for part in re.split(r"[\s-]+", words.casefold()):
        if part == "dozen" and total:
            total *= 12  # "two dozen" is 24, not 2 + 12
            continue
        total += _UNITS.get(part, 0) + _TENS.get(part, 0)
    return total


# Capitals with dots before a noun, a modifier: "U.S. troops", "U.N. inspectors".
_DOTTED_MODIFIER = re.compile(r"\s+(?:[A-Z]\.){2,}(?=\s+[^\W\d_])")


def _unit_after(text: str, end: int) -> str | None:
    """What a count counts: the noun it qualifies ("eight conflicts", "100,000 secret files",
    "thousands of Iranian files" -> "file"), None when no content word follows."""
    words: list[str] = []
    pos = end
    dotted = _DOTTED_MODIFIER.match(text, end)
    if dotted is not None:
        pos = dotted.end()  # "23 U.S. troops" counts troops: the dots ended the phrase at "U"
    while len(words) < 3:
        match = _NEXT_WORD.match(text, pos)
        if not match:
            break
        word = match.group(1).casefold().replace("’", "'")
        if not words and word == "of" and _NEXT_WORD.match(text, match.end()):
            pos = match.end()  # "thousands of files", "dozens of people"
            continue
        if word in STOPWORDS and word not in (
            "week",
            "weeks",
            "day",
            "days",
            "year",
            "years",
            "time",
            "times",
            "people",
        ):
            break
        if word in _NOT_COUNTED or word in _UNITS or word in _TENS or word in _SCALES:
            break
        words.append(word)
        pos = match.end()
        if text[pos : pos + 1] not in (" ", "\t"):
            break  # punctuation ends the noun phrase
    if not words:
        return None
    # The head: the first plural noun of the phrase ("secret files"), else its first word.
    head = next((w for w in words if w in _PLURAL_NOUNS or (w.endswith("s") and not w.endswith("ss"))), words[0])
    return normalize_word(head)


_AGE_BEFORE = re.compile(r"[^\W\d_]+,\s*$")
_AGE_AFTER = re.compile(r"\s*(?:,|\)|$)")
# "a 6-year-old son", "six years old": an age, not a count of anything.
_YEARS_OLD = re.compile(r"[\s-]+(?:year|month|week|day)s?[\s-]+old\b", re.IGNORECASE)


def _is_age(text: str, start: int, end: int, value: float) -> bool:
    """ "Elizabeth Lauten, 31, wrote": a small whole number set off by commas after a name;
    "a 6-year-old son"."""
    if not float(value).is_integer() or not 0 < value < 120:
        return False
    if _YEARS_OLD.match(text, end):
        return True
    before = text[max(0, start - 40) : start]
    m = _AGE_BEFORE.search(before)
    return bool(m and m.group()[:1].isupper() and _AGE_AFTER.match(text, end))


def _clean_value(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


_CONTEXT_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CONTEXT_BEFORE = 3
_CONTEXT_AFTER = 2


def _context_words(text: str) -> list[tuple[int, int, str, bool, bool]]:
    """(start, end, word, is_name, is_plural) for each content word; a name is capitalised and
    not the sentence's first word."""
    out = []
    first = True
    for m in _CONTEXT_WORD.finditer(text):
        is_name = m.group()[:1].isupper() and not first
        first = False
        word = m.group().casefold().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 2 or word in STOPWORDS or word in _UNITS or word in _TENS or word in _SCALES:
            continue
        if word in _MONTHS or word in ("percent", "per", "cent"):
            continue
        norm = normalize_word(word)
        # Stemmed as the linker stems words: "the vote was on March 5" and "voted on March 6"
        # tell one vote (a plural is still told by the plain folding).
        out.append((m.start(), m.end(), word_stem(norm), is_name, norm != word and word.endswith("s")))
    return out


def _with_context(figure: Figure, words: list[tuple[int, int, str, bool, bool]], base: int) -> Figure:
    start, end = figure.start - base, figure.end - base
    # `words` are in order (their starts and ends rise): the ones ending by the figure's start
    # and those starting at its end or later are found by bisection (reading them all per
    # figure made a long sentence of many figures quadratic in its length)
    ended = bisect.bisect_right(words, start, key=lambda w: w[1])
    later = bisect.bisect_left(words, end, key=lambda w: w[0])
    before = [(w, n, p) for s, e, w, n, p in words[max(0, ended - _CONTEXT_BEFORE) : ended]]
    after = [(w, n, p) for s, e, w, n, p in words[later : later + _CONTEXT_AFTER]]
    around = before + after
    return replace(
        figure,
        context=frozenset(w for w, _, _ in around),
        names=frozenset(w for w, n, _ in around if n),
        plurals=frozenset(w for w, _, p in around if p),
    )


# The preposition before a year, and what it makes of it.
_YEAR_RELATION = re.compile(r"\b(in|during|of|since|from|after|until|till|through|by|before|to)\s+$", re.IGNORECASE)
_RELATIONS = {"in": "point", "during": "point", "of": "point", "since": "start", "from": "start", "after": "start"}


def _hedged(figure: Figure, text: str, base: int) -> Figure:
    """An exact amount after a hedge ("more than 40", "about 50") becomes a range."""
    if figure.low is not None or figure.kind not in ("count", "money", "percent"):
        return figure
    match = _HEDGE_BEFORE.search(text, max(0, figure.start - base - 20), figure.start - base)
    if match is None:
        return figure
    low, high = _HEDGE_RANGE[" ".join(match.group("hedge").casefold().split())]
    value = float(figure.value)
    start = base + match.start("hedge")  # the hedge is part of what the reader should see
    return replace(figure, text=text[start - base : figure.end - base], start=start, low=value * low, high=value * high)


def find_figures(text: str, base: int = 0) -> list[Figure]:
    """Figures in `text` (a sentence); offsets are `base` + positions in `text`."""
    return _find_figures(text, base)[0]


def _find_figures(
    text: str, base: int
) -> tuple[list[Figure], list[tuple[int, int, str, bool, bool]] | None, list[tuple[int, str]]]:
    """find_figures', the sentence's context words they were given (None when there are no
    figures: not looked for), for find_flag_figures to give its times, and the names in
    capitals a number ends ("FTSE 100", "G-20"), which are no figures: (where the number ends
    in `text`, the name's key, _index_key)."""
    figures = _rupees(text or "", base, _find(text or "", base))
    indexes = []
    for f in figures:
        key = _index_key(f, text, base) if f.kind == "count" else None
        if key is not None and _names_an_index(f, text, base):
            indexes.append((f.end - base, key))
    named = {base + end for end, _ in indexes} | _titled_after_counts(figures, text, base)
    named |= {f.end for f in figures if _ends_market_index(f, text, base)}  # "the FTSE 100 firms"
    if named:
        figures = [f for f in figures if f.end not in named]
        figures = [_counting_past_a_name(f, text, base, {end - base for end in named}) for f in figures]
    figures = [_numbered_rank(f, text, base) for f in figures]  # "the No. 2 official": as the flags read it
    words = None
    if figures:
        words = _context_words(text)
        figures = [_hedged(_with_context(f, words, base), text, base) for f in figures]
        period = _period(text, figures)
        if period is not None:
            figures = [replace(f, period=period) if f.kind in _AMOUNTS else f for f in figures]
    return figures, words, indexes


def _rupees(text: str, base: int, figures: list[Figure]) -> list[Figure]:
    """Rupees as money, as the flags read them ("Rs 300", "₹300", "Rs. 5 crore"): _find reads
    "Rs 300" as a count of nothing. Other countries' dollars stay the linker's "$" as fitted."""
    found = [f for f in _signed_money(text, base) if f.unit == "inr"]
    if not found:
        return figures
    starts = [f.start for f in found]
    return sorted([f for f in figures if not _overlaps(found, starts, f)] + found, key=lambda f: f.start)


# A count, one capitalised word and a number before a noun in lower case: "three Apollo 11
# astronauts", "two Windows 10 laptops" (the number ends the name; see _determined).
_ONE_WORD_NAME = re.compile(r"\s+([A-Z][a-z]+)\s$")


def _titled_after_counts(figures: list[Figure], text: str, base: int) -> set[int]:
    """Where (offsets with `base`) the whole numbers end that end a name of one capitalised word
    told right after a count ("three Apollo 11 astronauts": the 11)."""
    ends = set()
    for f, g in zip(figures, figures[1:], strict=False):
        if f.kind != "count" or g.kind != "count" or not g.text.isdigit():
            continue
        word = _ONE_WORD_NAME.fullmatch(text, f.end - base, g.start - base)
        after = _WORD_AFTER.match(text, g.end - base)
        if word is None or after is None or not after.group(1)[0].islower():
            continue
        if _may_name(word.group(1).casefold()):
            ends.add(g.end)
    return ends


# A time of day: "9:30 a.m.", "9.30pm", "10 p.m.", "14:05". Its digits are not counts.
_CLOCK = re.compile(
    r"(?<![\w.:,])(?P<hour>\d{1,2})(?:[:.](?P<minute>[0-5]\d))?\s?(?P<half>[ap])(?:\.\s?m\.|\s?m\b)"
    r"|(?<![\w.:,])(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?![\w:]|\.\d)",
    re.IGNORECASE,
)
# Without a.m. / p.m., "3:16" is a time only among words of time: "at 14:05", "by 10:30",
# "9:30 local time", "21:00 GMT"; "John 3:16", "a 3:1 vote", "won 2:14 of the match" are not.
# "and", "or", "to" join two of anything ("Matthew 5:3 to 5:12"): they carry a time only on
# from a time (_LINKED). "from" and "between" open ranges of ratios too ("from 1:10 to 1:20"):
# see _TIME_RANGE.
_TIME_BEFORE = re.compile(
    r"\b(?:at|by|until|till|before|after|since|about|around|approximately|roughly|nearly"
    r"|almost|shortly|just|soon)\s+$",
    re.IGNORECASE,
)
# What joins a time to the next: "at 14:05 or 14:10", "9 a.m. to 5 p.m.".
_LINKED = re.compile(r"\s+(?:and|or|to|until|till)\s+", re.IGNORECASE)
# A range opened before a clock: "between 9:30 and 10:15", "from 9:30 to 17:00".
_TIME_RANGE = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_TIME_AFTER = re.compile(
    r"\s*(?:h\b|o['’]clock\b|local\b|(?:GMT|UTC|BST|CET|CEST|[ECMP][SD]?T)\b"
    r"|(?:in\s+the|this|that|on\s+\w+)\s+(?:morning|afternoon|evening|night)\b|tonight\b"
    r"|daily\b|every\s+day\b|each\s+day\b|on\s+weekdays\b)",
)
# Two numbers joined by a colon: a time only when _told_as_time, else a score, a tally or a
# verse, one figure ("a 3:1 vote" / "a 4:1 vote" differ as pairs, not as the counts 3 and 4).
_COLON_PAIR = re.compile(r"(?<![\w.:,])(\d{1,3}):(\d{1,3})(?![\w:]|[.,]\d)")
# Two numbers joined by a slash: a split, odds or a score ("50/50", "a 60/40 split"), a date
# or a name ("9/11", "24/7"): one figure of kind "pair", not two counts ("50/50" / "60/40" is one
# split told otherwise, not 50 against 60 and 50 against 40). "13/04/2015" and "2015/16" are
# read whole as a date and a span (_numeric_dates), which the lookarounds leave to them.
_SLASH_PAIR = re.compile(r"(?<![\w.,:/\-–])(\d{1,3})/(\d{1,3})(?![\w:/\-–]|[.,]\d)")
# A tally of tries: "went 3-of-5 for 24 yards", "was 7-for-12 from the field": one pair, as
# written (3 counted no yards).
_TALLY_PAIR = re.compile(r"(?<![\w.,:/\-–])(\d{1,3})[-–](?:of|for)[-–](\d{1,3})(?![\w:/\-–]|[.,]\d)", re.IGNORECASE)
_SHARES = 100  # a split's two parts add up to 100 ("60/40"): the same told either way round
# Two numbers joined by a hyphen or a dash: a score or a tally ("beat them 3-1", "a 5-4
# ruling", "voted 52-48") only when words of a result are next to it (_told_as_score); else a
# range, two counts ("ages 18-24", "won 20-30 seats").
_DASH_PAIR = re.compile(r"(?<![\w.,:\-–])(\d{1,3})[-–](\d{1,3})(?![\w:\-–]|[.,]\d)")
_SCORE_WORDS = frozenset(
    """beat beats beating beaten won win wins winning lost lose loses losing defeat defeats
    defeated defeating edged edge trounced thrashed routed crushed downed drew draw drawn tie tied ties led lead
    leads leading trailed trail trails trailing score scored scores scoreline voted vote votes
    ruling ruled decision verdict victory loss margin result final finished ended cruised eased
    breezed swept romped outlasted overcame dispatched ousted eliminated upset stunned thumped
    hammered outclassed prevailed clinched split odds chance""".split()
)
# A percent just after a pair: "3-4%" is a range of percents, no score.
_PERCENT_AFTER = re.compile(r"\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
_SCORE_BEFORE = 4  # words of a result looked for before a score ("beat Manchester United 3-1")
_LETTERS = re.compile(r"[^\W\d_]+")
# The name of a player or a team just before a score, passed over to find the word of a result:
# "beaten Botic van de Zanschulp 6-2". Capitalised words in any script ("Iga Świątek",
# "Novak Đoković"; hyphens, apostrophes, an initial's dot) and the particles inside names; at
# most _NAME_WORDS of them.
_NAME_TOKEN = re.compile(r"(?<![\w'’.\-])[^\W\d_][\w'’.\-]*")
_NAME_PARTICLES = frozenset("van von de der den da di du del della la le al el bin ibn ter ten".split())
_NAME_WORDS = 6
# Sets or games told after it in one list ("6-4, 6-3 victory"): passed over, at most
# _MORE_SETS of them (five sets in all): a long list of pairs ("1-2, 1-2, …") read to its end
# from each pair made find_flag_figures quadratic.
_MORE_SETS = 4
_SETS_AFTER = re.compile(
    r"(?:\s*(?:\(\d{1,2}\))?\s*,\s*\d{1,3}[-–]\d{1,3}(?![\w:\-–]|[.,]\d)){0,%d}(?:\s*\(\d{1,2}\))?" % _MORE_SETS
)
_SETS_BEFORE = re.compile(r"(?:\d{1,3}[-–]\d{1,3}(?:\s*\(\d{1,2}\))?\s*,\s*)*$")
# Capitalised words that name no player: "on March 3-4" is a range of days, no score.
_NOT_PLAYERS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday""".split()
)

# A preposition of place before a name: "in Rome May 3-4" names a place, and the month after it
# starts a date (a player's name comes after a word of a result, "to" or "by": "lost to Misty May 2-1").
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|across|from)\s+$", re.IGNORECASE)


def _told_as_score(text: str, start: int, end: int) -> bool:
    """Whether the pair of numbers at text[start:end] ("3-1", "3:1") is a result: a word of winning,
    losing or voting among the few words before it, or just after it ("a 3-1 win"); not when
    a plural noun or a percent after it says what a range counts ("led by 5-7 points")."""
    sets = _SETS_AFTER.match(text, end)  # "6-4, 6-3 victory": the word after the last set
    after = _NEXT_WORD.match(text, sets.end() if sets else end)
    if after and after.group(1).casefold() in _SCORE_WORDS:
        return True
    if _PERCENT_AFTER.match(text, end) or _counts_a_thing(text, end):
        return False
    head = text[max(0, start - 100) : start]
    # "beaten him 6-2, 6-2": the first set's words (the pattern always matches, perhaps empty)
    head = head[: _SETS_BEFORE.search(head).start()]  # type: ignore[union-attr]
    name = _name_before(head)
    if name is not None:
        name_start, words = name
        if words[-1] in _NOT_PLAYERS and (len(words) == 1 or words[-2] in _NOT_PLAYERS):
            return False  # "on March 3-4", "Monday, May 3-4": days
        if words[-1] in _NOT_PLAYERS and _PLACE_BEFORE.search(head, 0, name_start):
            return False  # "voted in Rome May 3-4": a place, then days
        # "defeated Theresa May 432-202": a month as a surname, after a given name
        if len(words) <= _NAME_WORDS and not _NOT_PLAYERS & set(words[:-1]):
            head = head[:name_start]  # the words of a result come before the name
    before = _LETTERS.findall(head[-60:])[-_SCORE_BEFORE:]
    return any(word.casefold() in _SCORE_WORDS for word in before)


def _name_before(head: str) -> tuple[int, list[str]] | None:
    """The name that ends `head` (before a score: `head` ends in a space), as where it starts and
    its words (casefolded, an initial's dot dropped); None if no capitalised word ends it."""
    if not head[-1:].isspace():
        return None
    tokens = list(_NAME_TOKEN.finditer(head))
    start, words, gap_end = None, [], len(head)
    for token in reversed(tokens[-(_NAME_WORDS + 2) :]):
        word = token.group()
        if head[token.end() : gap_end].strip() or not (word[0].isupper() or word in _NAME_PARTICLES):
            break
        start, gap_end = token.start(), token.start()
        words.append(word.casefold().rstrip("."))
    if start is None or not words:
        return None
    return start, words[::-1]


# "about 9:30", "shortly after 10 p.m.": a time told loosely agrees with any near it.
_LOOSE_TIME = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|shortly|just|soon)\s+(?:after|before)?\s*$", re.IGNORECASE
)


def find_flag_figures(text: str, base: int = 0, names: frozenset[str] = frozenset()) -> list[Figure]:
    """find_figures(text, base) read for the flags: each time of day one figure of kind "time"
    ("9:30 a.m." against "9:20 a.m." differ as times, not as the counts 30 and 20); two numbers
    joined by a colon and told as no time one figure of kind "pair" ("John 3:16", "a 3:1
    vote"), and so are two joined by a slash ("50/50", "9/11"); an amount with a scale and no
    currency nor anything counted ("1.2bn", "1.2 billion") `bare` (see _bare_amounts); a whole
    number with "k" that names a thing ("4K TVs") a figure of kind "named". `names`: the names
    ending in a number the two texts compared tell (numbered_names). For the flags only: the
    sentence linker reads find_figures, whose figures its signals were fitted on."""
    text = text or ""
    figures, found_words, indexes = _find_figures(text, base)
    words = _LazyWords(text, found_words)
    clocks = sorted(
        (_zoned(c, text, base) for c in _clocks(text, base) + _wire_clocks(text, base)), key=lambda c: c.start
    )
    clock_starts = [f.start for f in clocks]  # in order, apart: see _within
    joined = list(clocks)
    for m in _COLON_PAIR.finditer(text):
        if not _within(clocks, clock_starts, base + m.start()):
            value = (int(m.group(1)), int(m.group(2)))
            if _told_as_score(text, m.start(), m.end()):  # "lost 1:3" is "lost 1-3": larger first
                value = (max(value), min(value))
            joined.append(_pair(text, m, base, value))  # else as written: "John 3:16" is no "John 16:3"
    for m in _SLASH_PAIR.finditer(text):
        if not _within(clocks, clock_starts, base + m.start()):
            first, second = int(m.group(1)), int(m.group(2))
            split = first + second == _SHARES  # "60/40" is "40/60" told from the other side
            joined.append(_pair(text, m, base, (max(first, second), min(first, second)) if split else (first, second)))
    for m in _TALLY_PAIR.finditer(text):
        first, second = int(m.group(1)), int(m.group(2))
        if first <= second:  # "3 of 5 cases" (no hyphens) counts cases
            joined.append(_pair(text, m, base, (first, second)))
    for m in _DASH_PAIR.finditer(text):
        inside = (base + m.start(), base + m.end() - 1)  # "won 9-10 p.m.": a clock, not a score
        if not any(_within(clocks, clock_starts, p) for p in inside) and _told_as_score(text, m.start(), m.end()):
            # One result told from either side: "beat them 3-1" is "lost 1-3" to the loser.
            first, second = int(m.group(1)), int(m.group(2))
            joined.append(_pair(text, m, base, (max(first, second), min(first, second))))
    for m in _NUMBER_SIGN_GLUED.finditer(text):  # "No.5": no figure is read after a period
        joined.append(Figure(m.group(1), base + m.start(1), base + m.end(1), RANK, int(m.group(1))))
    # Each figure looked up by bisection: testing it against every clock and pair made a long
    # text of many scores or times quadratic. Clocks, colon pairs and dash pairs never overlap.
    joined.sort(key=lambda c: c.start)
    starts = [c.start for c in joined]
    # Nor a figure that ends inside one: "beat Misty May 2-1" has no date "May 2".
    figures = [f for f in figures if not _within(joined, starts, f.start) and not _within(joined, starts, f.end - 1)]
    kept = [
        f
        for f in figures
        if not _names_a_thing(f, text, base, names)
        and not _names_its_index(f, text, base)
        and not _named_by_number_word(f, text, base, names)
    ]  # "Apollo 11", "Ground Zero": the flags' only
    if indexes or len(kept) < len(figures):
        name_ends = {f.end - base for f in figures} - {f.end - base for f in kept} | {end for end, _ in indexes}
        kept = [_counting_past_a_name(f, text, base, name_ends) for f in kept]
    figures = [_ranked(_hyphen_scaled(f, text, base), text, base) for f in kept]
    figures = _flag_readings(text, base, figures, words)
    figures = [_hyphen_counted(f, text, base) for f in figures]
    figures = [_other_counted(f, text, base) for f in figures]
    figures = [_bound_over_hedge(f, text, base) for f in figures]
    figures = _owned([_with_points(f, text, base) for f in _bare_amounts(text, base, figures, words)], text, base)
    if indexes:
        figures = _of_index(figures, indexes, base)
    figures = _of_named_index(figures, text, base, indexes)
    figures = _framed(figures, text, base)
    figures = _in_quarter(figures, text)
    figures = _told_when(figures, text, base)
    figures = [_tallied(f, text, base) for f in figures]
    figures = _in_session(figures, text)
    figures = _told_of(figures, text, base)
    figures = _of_groups(figures, text, base)
    figures = [_strength_in_thousands(f, text, base) for f in figures]
    figures = [_in_place(_with_told_of(f, text, base), text, base) for f in figures]
    figures = [f for f in _of_number(figures, text, base) if not _in_code(f, text, base)]
    figures = [f for f in figures if not _exchange_code(f, text, base)]
    if _title_case(text):
        named = frozenset(w.casefold() for m in _NAMED_BEFORE_SHARES.finditer(text) for w in m.group(1).split())
        figures = [_unnamed(f, named) for f in figures]
    figures = _no_close_when_near(figures, text)
    figures = _on_markets(figures, text)
    figures = _traded_where(figures, text, base)
    figures = _of_instrument(figures, text, base)
    figures = _measured_as(figures, text, base)
    if not joined:
        return figures
    joined = [_zone_shown(_with_context(c, words.get(), base), text, base) for c in joined]
    told = sorted(figures + joined, key=lambda f: f.start)
    return _stamped(told, text, base) if clocks else told


# A currency a rate is told against, and what news calls it otherwise: "against the Japanese
# currency" is against the yen, "against the greenback" against the dollar.
_AGAINST_CURRENCY = re.compile(
    r"\b(?i:against)\s+(?:the\s+|a\s+)?(?:(?P<adjective>[A-Z][a-z]+|single|common)\s+)?"
    r"(?P<currency>dollar|greenback|yen|euro|franc|pound|sterling|yuan|renminbi|rupee|peso|won|currency)\b"
)
_CURRENCY_NAMES = {"greenback": "dollar", "pound": "sterling", "renminbi": "yuan"}
_CURRENCY_OF = {
    "japanese": "yen",
    "swiss": "franc",
    "british": "sterling",
    "chinese": "yuan",
    "european": "euro",
    "single": "euro",
    "common": "euro",
    "u.s": "dollar",
    "american": "dollar",
}
# A stock exchange by the place or name before "Stock Exchange" / "Stock Market" ("the London
# Stock Exchange", "the Nasdaq Stock Market"), or by its initials.
_STOCK_EXCHANGE = re.compile(r"((?:[A-Z][\w.&]*\s+){1,3})Stock\s+(?:Exchange|Market)\b|\b(NYSE|Nasdaq)\b")
_EXCHANGE_NAMES = {"nyse": "new york"}


def _on_markets(figures: list[Figure], text: str) -> list[Figure]:
    """`figures` with the currencies their sentence tells rates against and the stock exchanges
    it names (Figure.markets)."""
    if "gainst" not in text and "Stock" not in text and "NYSE" not in text and "Nasdaq" not in text:
        return figures  # most sentences name neither
    markets = set()
    for m in _AGAINST_CURRENCY.finditer(text):
        currency = m.group("currency")
        adjective = (m.group("adjective") or "").casefold().rstrip(".")
        if currency == "currency":
            if adjective not in _CURRENCY_OF:
                continue  # "against the currency": which one is not said
            currency = _CURRENCY_OF[adjective]
        markets.add(("against", _CURRENCY_NAMES.get(currency, currency)))
        base = _rate_base(text, m)
        if base is not None:
            markets.add(("base", base))
    for m in _STOCK_EXCHANGE.finditer(text):
        name = (m.group(1) or m.group(2)).strip().casefold()
        name = name.removeprefix("the ").removesuffix("'s").removesuffix("’s")
        if name in _DETERMINERS:
            continue  # "The Stock Market fell" at a line's start names no exchange
        markets.add(("exchange", _EXCHANGE_NAMES.get(name, name)))
    if not markets:
        return figures
    told = frozenset(markets)
    return [replace(f, markets=f.markets | told) if f.kind in _MOVE_KINDS else f for f in figures]


# The country of a market a share trades on, by the city, exchange or country that tells it:
# "in Paris", "the New York exchange", "Nasdaq", "U.S. shares", "Toronto-listed".
_MARKET_COUNTRIES = {
    **dict.fromkeys(("new york", "wall street", "nasdaq", "nyse", "u.s", "american"), "us"),
    **dict.fromkeys(("london", "british", "u.k"), "uk"),
    **dict.fromkeys(("paris", "french"), "france"),
    **dict.fromkeys(("frankfurt", "german", "xetra"), "germany"),
    **dict.fromkeys(("amsterdam", "dutch"), "netherlands"),
    **dict.fromkeys(("tokyo", "japanese", "osaka"), "japan"),
    **dict.fromkeys(("hong kong",), "hong kong"),
    **dict.fromkeys(("toronto", "canadian"), "canada"),
    **dict.fromkeys(("zurich", "swiss"), "switzerland"),
    **dict.fromkeys(("sydney", "australian"), "australia"),
    **dict.fromkeys(("milan", "italian"), "italy"),
    **dict.fromkeys(("madrid", "spanish"), "spain"),
    **dict.fromkeys(("stockholm", "swedish"), "sweden"),
    **dict.fromkeys(("brussels", "belgian"), "belgium"),
    **dict.fromkeys(("helsinki", "finnish"), "finland"),
    **dict.fromkeys(("oslo", "norwegian"), "norway"),
    **dict.fromkeys(("copenhagen", "danish"), "denmark"),
    **dict.fromkeys(("seoul", "korean"), "korea"),
    **dict.fromkeys(("singapore",), "singapore"),
    **dict.fromkeys(("shanghai", "shenzhen"), "china"),
    **dict.fromkeys(("mumbai", "bombay", "indian"), "india"),
    **dict.fromkeys(("johannesburg",), "south africa"),
}
_PLACE_WORDS = "|".join(
    re.escape(p).replace(r"\ ", r"\s+").replace(r"\.", r"\.?") for p in sorted(_MARKET_COUNTRIES, key=len, reverse=True)
)
# The cities among _MARKET_COUNTRIES' keys ("_" for a space), told capitalised after "in" or "on"
_MARKET_CITIES = (
    "new_york wall_street london paris frankfurt amsterdam tokyo osaka hong_kong toronto zurich sydney milan madrid"
    " stockholm brussels helsinki oslo copenhagen seoul singapore shanghai shenzhen mumbai bombay johannesburg"
).split()
_CITY_WORDS = "|".join(r"\s+".join(w.capitalize() for w in city.split("_")) for city in _MARKET_CITIES)
# A market told by its city after "in" or "on" ("closed at 15.80 euros in Paris", "In New
# York, Vivendi shares"; not "based in Paris", where the company is, not where it trades), by
# a place before "exchange", "bourse", "-listed" or "shares" ("the New York exchange", "U.S.
# shares", "Toronto-listed"), or by an exchange's own name.
_MARKET_TOLD = re.compile(
    r"(?<!based\s)(?<!headquartered\s)(?<!located\s)(?<!registered\s)(?<!incorporated\s)(?<!founded\s)"
    rf"(?<![\w'’])(?i:in|on)\s+(?:the\s+)?(?P<city>{_CITY_WORDS})(?![\w'’\-])"
    rf"|(?<![\w'’])(?P<place>(?i:{_PLACE_WORDS}))\.?(?:-listed\b|\s+(?i:stock\s+)?(?i:exchange|bourse|shares|listing|trading|market)\b)"
    r"|(?<![\w'’])(?P<exchange>NYSE|Nasdaq|Xetra)\b",
)
# Words of a sentence about shares traded: only in one is a city or a currency a market.
_TRADING_WORDS = re.compile(r"(?i:shares|stocks?|trading|traded|exchange|bourse|listed)\b|NYSE|Nasdaq")
# A share's price after "at" or "to" ("closed at 15.80 euros", "rose 9 percent to $6.30"): its
# currency is the market's ("quoted", "eur"); a price in euros and one in dollars are two prices.
_PRICE_BEFORE = re.compile(r"(?<![\w'’])(?:at|to)\s+$")


# Where a sentence turns to another thing: "; ", or "while", "but", "and"... before no move's
# verb nor amount ("shares rose 2 percent in Paris, while sales grew 5 percent": the sales' 5
# percent is told on no market; "rose 2 percent and closed at 5 euros" is one share's move).
_OTHER_THING_NEXT = re.compile(
    r";\s|,?\s(?:while|whereas|but|although|though|and)\s+(?!\d|[$€£¥]"
    rf"|(?:{'|'.join((*TRADED_VERBS, 'traded', 'were', 'was', 'stood', 'is', 'are'))})\b)",
    re.IGNORECASE,
)


# Words of a share's trading a city told after them is where it trades ("fell 2 percent in
# London", "closed at 5 euros in Paris", "shares in London", "listed in Toronto"), looked for
# among the three words before "in": a court, a summit or an office "in London" is no market.
_TRADED_BEFORE_CITY = frozenset(
    "shares share stock stocks trading traded trades listed quoted opened percent cents cent pence euros euro dollars"
    " yen francs points".split()
) | frozenset(TRADED_PAST)
_TRADED_WORDS_BEFORE = 3
_TRADED_WORDS_AFTER = 5  # words after "In London," its shares must be told in
_CLAUSE_MARK = re.compile(r"[,;:]")
_WORDS = re.compile(r"[^\s,;:]+")


def _city_traded(part: str, start: int, end: int) -> bool:
    """Whether the city told at part[start:end] ("in London") is where shares trade: after a
    move, a price or trading words of its clause ("rose 2 percent in London", "shares in
    London"), or opening a clause whose first words tell the trading ("In New York, Acme
    shares ..."); not "after a court in London ruled", where the city is the court's."""
    clause = 0
    for clause_mark in _CLAUSE_MARK.finditer(part, 0, start):
        clause = clause_mark.end()
    before = _WORDS.findall(part, clause, start)
    told = before[-_TRADED_WORDS_BEFORE:]
    if any(_traded_word(w) for w in told):
        return True
    if told or not part.startswith(",", end):
        return False
    after = _WORDS.findall(part, end + 1, min(len(part), end + 80))[:_TRADED_WORDS_AFTER]
    return any(_traded_word(w) for w in after)


def _traded_word(word: str) -> bool:
    return any(c.isdigit() for c in word) or word[0] in "$€£¥" or word.casefold().rstrip(".") in _TRADED_BEFORE_CITY


def _claimed_by_markets(mentions: list[tuple[int, str]], amounts: list[tuple[int, int]]) -> dict[int, str]:
    """Which market each amount (index, offset) is told on, where a part names two or more: a
    mention claims the amounts told since the one before it ("2 percent in Paris and 3 percent
    in New York"), else, told before any ("In Paris, ... 2 percent; U.S. shares ... 3 percent"),
    those after it up to the next mention. An amount no mention claims is told on neither."""
    claimed: dict[int, str] = {}
    since = -1
    for n, (position, market) in enumerate(mentions):
        before = [i for i, at in amounts if since < at < position and i not in claimed]
        if not before:
            following = mentions[n + 1][0] if n + 1 < len(mentions) else None
            before = [i for i, at in amounts if at > position and (following is None or at < following)]
        for i in before:
            claimed.setdefault(i, market)
        since = position
    return claimed


def _traded_where(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """`figures` of a sentence about shares traded with the country of the market its part
    names (("market", country) in Figure.markets) and the currency of the prices it tells
    ("quoted"): Vivendi's shares "1.9 percent at 15.80 euros in Paris" and "in New York, 1.4
    percent down at $18.29" are two listings' moves, not one move told twice. Each part of the
    sentence that turns to another thing (_OTHER_THING_NEXT) is read alone: a market and trading
    words told of the shares say nothing of the sales told after "while". A part naming two
    markets gives each amount its own (_claimed_by_markets)."""
    if _TRADING_WORDS.search(text) is None:
        return figures
    out = figures
    cuts = [0, *(m.start() for m in _OTHER_THING_NEXT.finditer(text)), len(text)]
    for start, end in itertools.pairwise(cuts):
        part = text[start:end]
        inside = [n for n, f in enumerate(figures) if start <= f.start - base < end and f.kind in _MOVE_KINDS]
        if not inside or _TRADING_WORDS.search(part) is None:
            continue
        mentions = []
        for m in _MARKET_TOLD.finditer(part):
            if m.group("city") and not _city_traded(part, m.start(), m.end()):
                continue
            place = m.group("city") or m.group("place") or m.group("exchange")
            place = re.sub(r"\s+", " ", place).casefold().rstrip(".")
            if place in _MARKET_COUNTRIES:
                mentions.append((m.start(), _MARKET_COUNTRIES[place]))
        amounts = [(n, figures[n].start - base - start) for n in inside]
        told = {market for _, market in mentions}
        claimed = _claimed_by_markets(mentions, amounts) if len(told) > 1 else {}
        groups: dict[str | None, list[int]] = {}
        for n in inside:
            market = claimed.get(n)
            groups.setdefault(market, []).append(n)
        for market, members in groups.items():
            markets = {("market", market)} if market else {("market", told_market) for told_market in told}
            for n in members:
                f = figures[n]
                if (
                    f.kind == "money"
                    and f.unit
                    and _PRICE_BEFORE.search(text, max(0, f.start - base - 4), f.start - base)
                ):
                    markets.add(("quoted", f.unit))
            if markets:
                out = out if out is not figures else list(figures)
                for n in members:
                    out[n] = replace(figures[n], markets=figures[n].markets | markets)
    return out


# A bond or note named by its term or the year it matures: "the 10-year note", "the 30-year
# bond", "the February 2013 note", "the 3 percent note maturing in 2008", "bonds due 2030".
_INSTRUMENT = re.compile(
    r"(?<![\w.\-])(?:(?P<term>\d{1,2})-year|(?P<year>(?:19|20)\d\d))"
    r"\s+(?:(?:Treasury|treasury|government|benchmark|zero-coupon)\s+)?(?:notes?|bonds?|bills?)\b"
    r"|\b(?:[Nn]otes?|[Bb]onds?|[Bb]ills?)\s+(?:maturing|due)\s+(?:in\s+)?(?:[A-Z][a-z]+\.?\s+)?(?P<due>(?:19|20)\d\d)\b"
)


def _of_instrument(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """`figures` with the bond or note their sentence names (an entry ("instrument", its term or
    year) of Figure.markets): a yield of the 2013 note and one of the 2008 note, or of the
    10-year note and the 30-year bond, are two quantities, and the years and terms naming them
    no differing fact. The amounts, and the numbers inside the instrument's name."""
    if "ote" not in text and "ond" not in text and "ill" not in text:
        return figures  # most sentences name no bond
    named = [
        (m.start() + base, m.end() + base, m.group("term") or m.group("year") or m.group("due"))
        for m in _INSTRUMENT.finditer(text)
    ]
    if not named:
        return figures
    told = frozenset(("instrument", key) for _, _, key in named)
    return [
        replace(f, markets=f.markets | told)
        if f.kind in _MOVE_KINDS or any(start <= f.start < end for start, end, _ in named)
        else f
        for f in figures
    ]


# The currency a rate is of: the last one named before "against" in its clause ("pushed down the
# dollar against the yen"), else the one after the comma "Against the yen," opens with ("Against
# the Japanese currency, the euro was at 136.06 yen"). Not "won", which is a verb as often.
_BASE_CURRENCY = re.compile(
    r"(?<![\w/])(?i:dollar|greenback|euro|yen|franc|pound|sterling|yuan|renminbi|rupee|peso)(?![\w/])"
)
_BASE_AFTER = re.compile(rf"\s*,\s*(?:the\s+)?({_BASE_CURRENCY.pattern})")
_BASE_CLAUSE = re.compile(r"[;:!?]|\.(?!\d)")
_BASE_REACH = 48  # characters before "against" its base currency is looked for in


def _rate_base(text: str, against: re.Match[str]) -> str | None:
    """The currency a rate told "against" another is of (see _BASE_CURRENCY), folded; None when
    none is told: a rate of the dollar and one of the euro, both against the yen, are two rates."""
    opening = max(0, against.start() - _BASE_REACH)
    for stop in _BASE_CLAUSE.finditer(text, opening, against.start()):
        opening = stop.end()
    named = None
    for named in _BASE_CURRENCY.finditer(text, opening, against.start()):
        pass
    if named is None:
        named = _BASE_AFTER.match(text, against.end())
        if named is None:
            return None
    base = named.group(named.lastindex or 0).casefold()
    return _CURRENCY_NAMES.get(base, base)


def _other_markets(a: Figure, b: Figure) -> bool:
    """Whether two amounts are told on two markets: rates against two currencies ("against
    the Swiss franc, the dollar ..." / "against the yen the dollar ..."), or prices on two
    exchanges (a share in London and in New York), or amounts of two accounts (revenue and a
    loss, _measured_as): two quantities each; so are the rates of two currencies against one
    (_other_bases). Each kind both tell is compared on its own: one account told on both sides
    leaves two exchanges apart."""
    if _other_bases(a, b):
        return True
    a_markets = frozenset(m for m in a.markets if m[0] != "base")
    b_markets = frozenset(m for m in b.markets if m[0] != "base")
    if not a_markets or not b_markets:
        return False
    kinds = {kind for kind, _ in a_markets} & {kind for kind, _ in b_markets}
    return any(not {m for m in a_markets if m[0] == kind} & {m for m in b_markets if m[0] == kind} for kind in kinds)


def _other_bases(a: Figure, b: Figure) -> bool:
    """Whether two rates are of two currencies against one ("the dollar against the yen" /
    "against the Japanese currency, the euro"): both tell what the rate is of, and differ."""
    a_bases = {m for m in a.markets if m[0] == "base"}
    b_bases = {m for m in b.markets if m[0] == "base"}
    return bool(a_bases and b_bases and not a_bases & b_bases)


# In a line capitalised word by word, the words before "Shares" or "Stock" still name the
# company ("Acme Shares Rise 5%", "ACME STOCK FALLS", "Royal Dutch Shell Shares"), as they do at
# a sentence's opening: up to three, a comma or a word in lower case between ends them
_NAMED_BEFORE_SHARES = re.compile(
    r"(?<![\w'’&.\-])((?:[A-Z][\w&.\-]*\s+){0,2}[A-Z][\w&.\-]*?)(?:['’]s?)?\s+(?i:shares|stocks?)\b"
)


def _unnamed(figure: Figure, named: frozenset[str]) -> Figure:
    """`figure` of a line capitalised word by word, as a headline is ("Storm Leaves 3 People
    Dead"): its capitals tell no names but `named` (the folded words before "Shares" or "Stock"),
    so it is of no other named thing and no word around it a name."""
    if not figure.subject and not figure.names:
        return figure
    return replace(figure, subject=figure.subject & named, names=frozenset())


# A "$" amount glued to the punctuation of code ("`echo S$1`", "=SUM(C$5:C$9)"): a shell's
# argument or a spreadsheet's cell, no money. Not a backslash: Markdown escapes money ("\$5");
# a colon only after a cell's digit ("C$5:C$9"; "Price:$5" is money).
_CODE_BEFORE_SIGN = frozenset("`=${}")
_CODE_AFTER_AMOUNT = frozenset("`${}")
_LETTERS_BEFORE_SIGN = re.compile(r"[A-Z]{0,2}$")
# An amount set equal to a number that is no money is a cell or a variable given a value
# ("Set C$5 = 0"); an exchange rate sets money equal to money ("US$1 = HK$7.8", "$1 = 7.8
# yuan").
_ASSIGNED = re.compile(r"\s*={1,2}\s*(?P<value>-?\d[^,;!?\n]{0,30})")
_MONEY_AFTER_EQUALS = re.compile(
    r"[$€£¥₹]|\b(?:" + "|".join(sorted({*_CURRENCY_WORDS, "yuan", "renminbi", "rupee", "rupees"})) + r")\b",
    re.IGNORECASE,
)


# A listing's code after its exchange's letters and a colon, no space between: "(JP:8306)",
# "HK:0005", "TYO:7203". Two banks' codes are no differing count.
_EXCHANGE_BEFORE_CODE = re.compile(r"(?<![\w.:])[A-Z]{2,6}:$")


def _exchange_code(figure: Figure, text: str, base: int) -> bool:
    """Whether a count is a listing's code told after its exchange (_EXCHANGE_BEFORE_CODE)."""
    start = figure.start - base
    return (
        figure.kind == "count"
        and figure.text.isdigit()
        and _EXCHANGE_BEFORE_CODE.search(text, max(0, start - 7), start) is not None
    )


def _in_code(figure: Figure, text: str, base: int) -> bool:
    """Whether a money figure told with "$" is glued to code's punctuation (see _CODE_BEFORE_SIGN)."""
    if figure.kind != "money" or "$" not in figure.text:
        return False
    start, end = figure.start - base, figure.end - base
    glued = _LETTERS_BEFORE_SIGN.search(text, max(0, start - 2), start)
    opening = glued.start() if glued is not None else start
    if opening > 0 and text[opening - 1] in _CODE_BEFORE_SIGN:
        return True
    if opening > 1 and text[opening - 1] == ":" and text[opening - 2].isdigit():
        return True
    after = text[end : end + 2]
    if after[:1] in _CODE_AFTER_AMOUNT or (after[:1] == ":" and after[1:].isalpha()):
        return True
    assigned = _ASSIGNED.match(text, end)
    return assigned is not None and not _MONEY_AFTER_EQUALS.search(assigned.group("value"))


# A number that ends a name written in capitals: "CAC-40", "FTSE 100", "S&P 500", "G-20",
# "COVID-19", "F-16" (one capital only with a hyphen). Joined by a space, a plural noun after it
# makes it a count of them, wherever the capitals stand: "NATO 30 members", "told CNN 3 people",
# "in the US 30 people died", "the UN 193 member states" (but "in the S&P 500 stock index",
# "ABC 7 reported": names).
_NAME_BEFORE_NUMBER = re.compile(r"(?<![\w&.])(?P<caps>[A-Z][A-Z&]*[A-Z]\s|[A-Z](?:[A-Z&]*[A-Z])?-)$")
# A number after one capitalised word names a thing too: "Apollo 11", "Flight 1549", "Windows
# 10", "Chapter 11" (see _titled_name).
_TITLE_BEFORE_NUMBER = re.compile(r"(?<![\w'’.&\-])(?P<word>[A-Z][a-z]+)\s$")
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")
# A tally of names and numbers: "Smith 52, Jones 48", "Tigers 5, Bears 3", "Ohio 51 to 47".
_TALLY_AFTER = re.compile(r"\s*(?:,\s*(?:[A-Z][\w'’.\-]*\s+){1,3}|\s+to\s+|\s*[-–]\s*)\d")
_TALLY_BEFORE = re.compile(r"\d\s*,\s*$")
# Verbs an index or a named thing does, which read as plurals: "the FTSE 100 falls 2 percent".
_NAMED_VERBS = frozenset(
    """falls rises gains drops slips climbs jumps ends closes opens edges dips sinks slides tumbles
    surges soars adds loses sheds slumps rallies recovers lands launches returns heads comes goes
    was is has had""".split()
)
# Capitalised words before a number that name no thing: hedges and determiners opening a
# sentence ("Some 16 bills", "Nearly 300 people", "Exactly 40"), months and weekdays (dates).
_NOT_TITLES = (
    frozenset(
        """nearly roughly approximately exactly precisely maybe perhaps almost about around some over
        under only just another top first last next all both those these""".split()
    )
    | _NOT_PLAYERS
)


# Plurals the stop list holds that a number counts: "gave Moore 15 days", "Smith 10 years".
_COUNTED_STOPWORDS = frozenset("days weeks months years hours minutes times".split())
_SINGULAR_VERBS = frozenset("was is has says does".split())


# A capitalised word and a whole number after it: a name ending in a number, perhaps.
# Not one joined to a word after it: "the Same Old 25-Second Speech" tells seconds.
_WORD_AND_NUMBER = re.compile(r"(?<![\w'’.&\-])([A-Z][a-z]+)\s(\d+)(?![\w,.]\d|[\w\-])")


# A preposition of place before a capitalised word: the number after it may open a count.
_PLACE_BEFORE = re.compile(r"\b(?:in|at|across|throughout)\s+$", re.IGNORECASE)


# A capitalised word and a capitalised number word after it: a name, told amid lower case
# ("the mosque near Ground Zero", "the Apollo Eleven crew", "Formula One"), where a count's
# number word is written in lower case. In a headline every word is capitalised, so there
# the texts compared must tell the name (numbered_names). "Catch-22", "Covid-19": a
# capitalised word joined to a number names a thing too (_HYPHEN_NAMED).
_WORD_AND_NUMBER_WORD = re.compile(r"(?<![\w'’.&\-])([A-Z][a-z]+(?:['’]s)?)\s(?=([A-Z][a-z]+)(?![\w'’]|-\w))")
_HYPHEN_NAMED = re.compile(r"(?<![\w'’.&\-])([A-Z][a-z]+)-$")
# Words joined to a number that tell of it, not a name: "Mid-2019", "Under-21", "Top-10", "Pre-2008"
_HYPHEN_NOT_NAMES = frozenset("mid under over top pre post non anti ex sub late early up down circa".split())


def _number_word_keys(text: str) -> list[tuple[re.Match[str], str]]:
    """The capitalised words before a capitalised number word in `text` ("Ground Zero"), with
    their keys ("ground zero"); not a hedge, month or number before it ("Some Three", "May One")."""
    found = []
    for m in _WORD_AND_NUMBER_WORD.finditer(text or ""):
        word, number = m.group(1).casefold(), m.group(2).casefold()
        if (number in _UNITS or number in _TENS) and _may_name(word) and not _verb_before_count(m.group(1)):
            found.append((m, f"{word} {number}"))
    return found


def _verb_before_count(word: str) -> bool:
    """Whether a capitalised word before a number word reads as a verb telling a count, not a
    name's first word: "Storm Kills Three in Texas", "Fire Injures Four", "Acme Said Two" (a
    present form in -s, not "Ocean's", "Famous", "Class"; a move's or speech verb; an -ed form)."""
    folded = word.casefold()
    if folded.endswith(("'s", "’s", "ss", "us", "is")):
        return False
    return folded.endswith("s") or _verb_word(word)


def _in_digits(key: str) -> str:
    """A name's key ending in a number word, its number in digits: "apollo eleven", "apollo 11"."""
    word, number = key.rsplit(" ", 1)
    return f"{word} {_UNITS.get(number, _TENS.get(number))}"


def _line_of(text: str, start: int, end: int) -> tuple[int, str]:
    """The line of `text` that holds text[start:end], and where it starts."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, text[line_start : len(text) if line_end < 0 else line_end]


def _named_by_number_word(figure: Figure, text: str, base: int, known: frozenset[str]) -> bool:
    """Whether a number told in a word ends a name ("Ground Zero", "Apollo Eleven"): capitalised
    after a capitalised word amid lower case, or in a headline where the texts compared tell the
    name so (`known`, numbered_names); or a number joined to a capitalised word ("Catch-22")."""
    start, end = figure.start - base, figure.end - base
    joined = _HYPHEN_NAMED.search(text, max(0, start - 24), start)
    if joined is not None and figure.text.isdigit():
        word = joined.group(1).casefold()
        return word not in _HYPHEN_NOT_NAMES and word not in _MONTHS
    if not figure.text[:1].isupper() or not figure.text.isalpha():
        return False
    for m, key in _number_word_keys(text[max(0, start - 24) : end]):
        if m.start(2) == start - max(0, start - 24):
            if key in known or _in_digits(key) in known:
                return True
            return not _title_case(_line_of(text, start, end)[1])
    return False


def name_number_keys(text: str) -> set[str]:
    """The capitalised words and numbers after them in `text` that may be names ending in a
    number, as numbered_names keys them ("flight 370", "ground zero"), and each such number with
    the word after it, as numbered_names keys a count ("300 families")."""
    # "Apollo Eleven" is a name where the texts tell "Apollo 11" as one: asked in digits too
    keys = {k for _, key in _number_word_keys(text) for k in (key, _in_digits(key))}
    for m in _WORD_AND_NUMBER.finditer(text or ""):
        word = m.group(1).casefold()
        if _may_name(word):
            keys.add(f"{word} {m.group(2)}")
            after = _WORD_AFTER.match(text, m.end())
            if after is not None:
                keys.add(f"{m.group(2)} {after.group(1).casefold()}")
    return keys


def numbered_names(*texts: str, only: Collection[str] | None = None) -> frozenset[str]:
    """The names of one capitalised word ending in a number the texts tell ("flight 370",
    "route 66"): where the name rule holds (_titled_name: "Flight 370 vanished", "the Route 66
    diner"), or before two different nouns ("Windows 10 users" and "Windows 10 devices": a
    count would count two things after one word; not after "in", "at": "In Iraq 30 soldiers" is a
    place and a count). find_flag_figures reads them as names where
    its sentence alone does not tell: before a plural ("Route 66 fans") and in a headline
    pasted as a sentence ("Flight 370 Search Resumes"). With them, the counts the texts tell in
    lower case ("300 families", see _counts_told), which keep a headline's "Aid For Gaza 300
    Families" a count. `only`: the keys asked about (those of the sentences whose figures are
    read, name_number_keys); the others are not read."""
    if only is not None and not only:
        return frozenset()
    named: set[str] = set()
    nouns_after: dict[str, set[str]] = {}
    for text in texts:
        for m in _WORD_AND_NUMBER.finditer(text or ""):
            word = m.group(1).casefold()
            key = f"{word} {m.group(2)}"
            if key in named or (only is not None and key not in only):
                continue  # read once: a long text tells its names many times
            if not _may_name(word):
                continue
            # a headline atop the body ("Storm Kills 3 In Texas") tells no name: it capitalises
            # every word, and find_flag_figures reads it as a headline; the body's lines tell
            line_start, line = _line_of(text, m.start(), m.end())
            if line != text and _title_case(line):
                continue
            if _titled_name(line, m.start(2) - line_start, m.end(2) - line_start):
                named.add(key)
                continue
            if _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "In Iraq 30 soldiers died": a place, then a count
            after = _WORD_AFTER.match(text, m.end())
            if after is not None and after.group(1).islower() and after.group(1) not in STOPWORDS:
                nouns_after.setdefault(key, set()).add(normalize_word(after.group(1)))
    named |= {key for key, nouns in nouns_after.items() if len(nouns) > 1}
    for text in texts:
        for m, key in _number_word_keys(text):
            if key not in named and (only is None or key in only):
                if not _title_case(_line_of(text, m.start(), m.end())[1]):
                    named.add(key)  # "near Ground Zero": capitals amid lower case name a place
    return frozenset(named | _counts_told(texts, only))


# A number before a word in lower case, no capitalised word before it: "aid to 300 families"
_COUNT_TOLD = re.compile(r"(?<![\w.,$€£¥/\-])(\d+)\s([a-z]+)\b")


def _counts_told(texts: tuple[str, ...], only: Collection[str] | None) -> set[str]:
    """The numbers the texts tell as counts of a plural in lower case, keyed "300 families":
    where a headline's "Gaza 300 Families" is read, its body's "aid to 300 families" says 300
    counts (see _titled_name). Not after a capitalised word, which may be a name's."""
    if only is not None and not any(key[0].isdigit() for key in only):
        return set()
    counts = set()
    for text in texts:
        for m in _COUNT_TOLD.finditer(text or ""):
            key = f"{m.group(1)} {m.group(2)}"
            if key in counts or (only is not None and key not in only) or not _plural_noun(m.group(2)):
                continue
            if _TITLE_BEFORE_NUMBER.search(text, max(0, m.start() - 24), m.start()) is None:
                counts.add(key)
    return counts


def _names_a_thing(figure: Figure, text: str, base: int, known: frozenset[str]) -> bool:
    """Whether a figure is part of a name, for the flags (_names_an_index), or a market index's
    number read as a year ("the Russell 2000 stocks"); an index's number before points is its
    move ("sent the Nasdaq 100 points lower")."""
    index_number = _market_index_number(figure, text, base)
    if figure.kind == "year":
        return index_number is True
    return index_number is not False and _names_an_index(figure, text, base, known)


_SINGULAR_INDEX_AFTER = re.compile(r"[\s-]+index\b(?!\s+[a-z]+s\b)", re.IGNORECASE)
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’])[A-Z][\w&]*(?:['’]s?)?\s$")  # "Poor's 500", "Nasdaq 100"


def _names_its_index(figure: Figure, text: str, base: int) -> bool:
    """Whether a number before the word "index" in the singular is the index's name's ("Standard
    & Poor's 500 Index"): many of a thing are counted with a plural ("12 indexes")."""
    if figure.kind != "count" or figure.value == 1:
        return False
    return bool(
        _SINGULAR_INDEX_AFTER.match(text, figure.end - base)
        and _CAPITALISED_BEFORE.search(text, max(0, figure.start - base - 40), figure.start - base)
    )


def _names_an_index(figure: Figure, text: str, base: int, known: frozenset[str] = frozenset()) -> bool:
    """Whether a whole count is part of a name ("Britain's FTSE 100 lost 0.9 percent", "at the
    G-20 summit", "the crew of Apollo 11"): no count of anything, and no amount standing between
    the percent that follows and the possessive before ("Britain's" owns the 0.9). Not in a text
    of capitals only, a headline: "STORM KILLS 3"."""
    if figure.kind != "count" or not figure.text.isdigit():
        return False
    start = figure.start - base
    if not any(c.islower() for c in text):
        return False
    name = _NAME_BEFORE_NUMBER.search(text, max(0, start - 12), start)
    if name is None:
        return _titled_name(text, start, figure.end - base, known)
    if name.group("caps").endswith("-"):
        return True  # the hyphen binds it: "the G-7 summit", "K-12 schools", "COVID-19 cases"
    if _counts_before(text, name.start()):
        return True  # "the three FTSE 100 firms": three firms, the 100 ends the index's name
    return not _counted_after(text, figure.end - base)


# Market indexes whose number is part of the name: "the FTSE 100 firms" are the index's firms,
# not a count of 100 ("NATO 30 members", "told CNN 3 people" still count).
_MARKET_INDEXES = frozenset(
    " ".join(name.split())
    for name in """ftse 100, ftse 250, ftse 350, s&p 100, s&p 400, s&p 500, s&p 600, cac 40, dax 30, dax 40, ibex 35,
    asx 200, nikkei 225, topix 100, stoxx 50, stoxx 600, nasdaq 100, russell 1000, russell 2000, russell 3000, kospi 200,
    nifty 50, sensex 30, csi 300, psi 20""".split(",")
)
_MARKET_INDEX_WORDS = frozenset(name.split()[0] for name in _MARKET_INDEXES)
_INDEX_WORD_BEFORE = re.compile(r"(?<![\w&])([A-Za-z&]+)[\s-]$")
_INDEX_MOVES = frozenset(("points", "point", "pts"))


def _ends_market_index(figure: Figure, text: str, base: int) -> bool:
    """Whether a whole count ends a market index's name ("FTSE 100", "S&P 500", "Nikkei 225"):
    "the FTSE 100 firms" count no firms ("the three FTSE 100 firms" count three)."""
    return figure.kind == "count" and _market_index_number(figure, text, base) is True


def _market_index_number(figure: Figure, text: str, base: int) -> bool | None:
    """Whether a whole number after a market index's capitalised word is the index's own ("the
    Russell 2000 stocks", read as a year first): False when points follow, which are what an
    index moves by ("pushed the DAX 40 points higher", "sent the Nasdaq 100 points lower" or
    "120 points lower" count points); None when word and number name no index."""
    if not figure.text.isdigit():
        return None
    start = figure.start - base
    word = _INDEX_WORD_BEFORE.search(text, max(0, start - 10), start)
    if word is None or not word.group(1)[0].isupper() or word.group(1).casefold() not in _MARKET_INDEX_WORDS:
        return None
    after = _WORD_AFTER.match(text, figure.end - base)
    if after is not None and after.group(1).casefold() in _INDEX_MOVES:
        return False
    return True if f"{word.group(1).casefold()} {figure.text}" in _MARKET_INDEXES else None


def _counts_before(text: str, start: int) -> bool:
    """Whether the word before text[start:] is a count ("three", "12"; no year: "in 2019 NATO
    30 members" counts members)."""
    before = _WORD_BEFORE.search(text, max(0, start - 16), start)
    if before is None:
        return False
    prior = before.group(1).casefold()
    return prior in _UNITS or prior in _TENS or (prior.isdigit() and int(prior) < 1000)


# A capitalised word and the number that ends it, after a count: "three Apollo 11 astronauts".
_NAME_NUMBER_AFTER = re.compile(r"\s+[A-Z][\w&'’.]*[\s-](?=\d)")
_DIGIT_RUN_AT = re.compile(r"\d+")


def _counting_past_a_name(figure: Figure, text: str, base: int, name_ends: set[int]) -> Figure:
    """A count before a name ending in a number counts the noun after that name: "three Apollo
    11 astronauts" counts astronauts, not Apollos, "two F-16 jets" jets (`name_ends`: where in
    `text` the numbers that end names end)."""
    if figure.kind != "count":
        return figure
    name = _NAME_NUMBER_AFTER.match(text, figure.end - base)
    number = _DIGIT_RUN_AT.match(text, name.end()) if name is not None else None
    if number is None or number.end() not in name_ends:
        return figure
    return replace(figure, unit=_unit_after(text, number.end()))


# "top 10", "top-five": a place in a ranking, unless what it counts follows ("the top 10 firms").
_TOP_BEFORE = re.compile(r"\btop[\s-]$", re.IGNORECASE)
RANK = "rank"


# "No." before a number in digits: "the No. 2 U.S. soft drink maker", "No. 10 Downing Street".
_NUMBER_SIGN_BEFORE = re.compile(r"(?<![\w.])[Nn]o\.\s?$")


# "No.5" with no space: a rank the figures' pattern does not read (no number after a period:
# "v2.5", "No.5" alike). The flags' only, so the linker's figures are unchanged.
_NUMBER_SIGN_GLUED = re.compile(r"(?<![\w.])No\.(\d{1,3})(?![\w.,]?\d|\w)")


def _numbered_rank(figure: Figure, text: str, base: int) -> Figure:
    """A number in digits after "No." counts nothing, before a plural too: "the No. 2 soft drink
    maker", "the No. 1 seeds" (a place, or a number naming a thing: "No. 10 Downing Street"): a
    rank, compared only with ranks. The linker's reading and the flags'."""
    start = figure.start - base
    if figure.kind != "count" or figure.low is not None or not figure.text.isdigit():
        return figure
    if _NUMBER_SIGN_BEFORE.search(text, max(0, start - 4), start):
        return replace(figure, kind=RANK, unit=None)
    return figure


def _ranked(figure: Figure, text: str, base: int) -> Figure:
    """A whole count after "top" that counts nothing named ("a top 10 finish", "the Top 10
    list", "made the top five"): a rank, compared only with ranks. "the top 10 firms" counts.
    ("No. 2" is read so by _find_figures: _numbered_rank.)"""
    start = figure.start - base
    if figure.kind != "count" or figure.low is not None:
        return figure
    if not _TOP_BEFORE.search(text, max(0, start - 4), start) or _counted_after(text, figure.end - base):
        return figure
    return replace(figure, kind=RANK, unit=None)


def _index_key(figure: Figure, text: str, base: int) -> str | None:
    """The name in capitals a number ends, with it ("ftse 100", "cac-40"); None for a name of
    one capitalised word ("Apollo 11": no index)."""
    start = figure.start - base
    name = _NAME_BEFORE_NUMBER.search(text, max(0, start - 12), start)
    if name is None:
        return None
    return " ".join((name.group("caps") + figure.text).casefold().split())


_INDEX_REACH = 60  # characters after an index's name its amount is looked for in


def _of_index(figures: list[Figure], indexes: list[tuple[int, str]], base: int) -> list[Figure]:
    """Each amount marked with the index named last before it (Figure.index): within
    _INDEX_REACH characters and with no amount of its kind between ("the FTSE 100 lost 0.9
    percent and the DAX 1.9 percent": the DAX's 1.9 is not the FTSE's)."""
    out = []
    seen: set[str] = set()  # kinds of amounts met since the last index
    k = 0
    last: tuple[int, str] | None = None
    for f in figures:
        start = f.start - base
        while k < len(indexes) and indexes[k][0] <= start:
            last, seen = indexes[k], set()
            k += 1
        if f.kind in ("count", "money", "percent"):
            if last is not None and f.kind not in seen and start - last[0] <= _INDEX_REACH:
                f = replace(f, index=last[1])
            seen.add(f.kind)
        out.append(f)
    return out


# A market index named with what it is: "the Nasdaq Composite Index", "Standard & Poor's 500
# Index", "the Dow Jones industrial average", "the S&P/TSX composite", "the Russell 2000 index".
# At most _INDEX_NAME_WORDS words: a long run of capitals is tried from each of its words.
_INDEX_NAME_WORDS = 6
_NAMED_INDEX = re.compile(
    rf"(?<![\w&'’./-])([A-Z][\w&'’./-]*(?:\s+(?:[A-Z][\w&'’./-]*|&|\d[\w-]*)){{0,{_INDEX_NAME_WORDS - 1}}})"
    r"\s+(?:(?:composite|industrial)\s+)?(?:[Ii]ndex|[Aa]verage|[Cc]omposite)\b"
)
_INDEX_NAME_SPLIT = re.compile(r"[\s/]+")
_NOT_INDEX_NAME = frozenset("the a composite index average industrial stock & broad broader".split())
_INDEX_HINT = re.compile(r"ndex|verage|omposite")


def _of_named_index(figures: list[Figure], text: str, base: int, indexes: list[tuple[int, str]]) -> list[Figure]:
    """Each amount marked with the words of the market index named last before it within
    _INDEX_REACH characters (Figure.index_words): a name with what it is ("the Nasdaq Composite
    Index", _NAMED_INDEX) or a name in capitals ending in a number (`indexes`, "FTSE 100"). Only
    the first amount of a kind and unit after the name: "the Nasdaq Composite Index fell 2
    percent and Intel fell 6 percent" tells Intel's 6 percent, no index's."""
    names = [(end, _index_name_words(key.split())) for end, key in indexes]
    if _INDEX_HINT.search(text):
        for m in _NAMED_INDEX.finditer(text):
            words = _index_name_words(_INDEX_NAME_SPLIT.split(m.group(1)))
            if words:
                names.append((m.end(), words))
    for m in _INDEX_WORD.finditer(text):  # "the Nasdaq Stock Market gained 39 points"
        if m.group(1).casefold() in _MARKET_INDEX_WORDS:
            names.append((m.end(), _index_name_words([m.group(1)])))
    if not names:
        return figures
    names.sort(key=lambda n: n[0])
    ends = [end for end, _ in names]
    out = []
    seen: set[tuple[int, str, str | None]] = set()  # (name, kind, unit) of amounts met after a name
    for f in figures:
        start = f.start - base
        k = bisect.bisect_right(ends, start) - 1  # the last name ending before it
        if k >= 0 and start - ends[k] <= _INDEX_REACH and f.kind in ("count", "money", "percent"):
            told = (k, f.kind, f.unit)
            if told not in seen:
                seen.add(told)
                f = replace(f, index_words=names[k][1])
        out.append(f)
    return out


# A word that opens a market index's name told on its own: "the Nasdaq", "the DAX" (not
# before its number: `indexes` has those).
_INDEX_WORD = re.compile(r"(?<![\w&])([A-Z][A-Za-z&]+)(?![\w&]|[\s-]\d)")
_INITIALS_JOIN = re.compile(r"[&.]")
_LEADING_DIGITS = re.compile(r"\d+")


def _index_name_words(words: list[str]) -> frozenset[str]:
    """The words an index's name is matched by, folded: its words but what any index is called
    ("composite", "average"), a number's digits ("500-stock": 500), and its initials where it has
    two or more, as an abbreviation writes them ("Standard & Poor's" and "S&P": "sp"; "Dow
    Jones industrial average": "dj"), so that one index told with two names is one."""
    kept = [w for w in words if w and w.casefold() not in _NOT_INDEX_NAME]
    folded = set()
    for w in kept:
        digits = _LEADING_DIGITS.match(w)
        folded.add(digits.group() if digits else w.casefold())
        joined = _INITIALS_JOIN.sub("", w)
        if joined != w and len(joined) > 1 and joined.isalpha():
            folded.add(joined.casefold())  # "S&P", "s&p": sp
    # "Stock" in a name is no word to match by, but its initial is the name's: "New York Stock
    # Exchange" is the NYSE
    initials = "".join(w[0] for w in words if w[:1].isupper() and (w in kept or w == "Stock"))
    if len(initials) > 1:
        folded.add(initials.casefold())
    return frozenset(folded)


def _counted_after(text: str, end: int) -> bool:
    """Whether the noun phrase after a number names what it counts: a plural noun first ("NATO
    30 members") or after one noun ("the UN 193 member states"); not a verb ("FTSE 100 falls")."""
    first = _WORD_AFTER.match(text, end)
    if first is None:
        return False
    word = first.group(1).casefold()
    if word in _COUNTED_STOPWORDS or (_plural_noun(word) and word not in _NAMED_VERBS):
        return True  # "gave Moore 15 days"
    if word in STOPWORDS or word in _NOT_COUNTED or word in _NAMED_VERBS:
        return False
    second = _WORD_AFTER.match(text, first.end())
    if second is None or text[first.end() : first.end() + 1] not in (" ", "\t"):
        return False
    then = second.group(1).casefold()
    return _plural_noun(then) and then not in _NAMED_VERBS


def _may_name(word: str) -> bool:
    """Whether a capitalised word, folded, may be a name a number ends: no hedge, determiner,
    number or month ("Some 16", "Nearly 300", "March 5"), nor an adverb in -ly ("Fully 250")."""
    if word in STOPWORDS or word in _NOT_TITLES or word in _UNITS or word in _TENS or word in _MONTHS:
        return False
    return not word.endswith("ly")


def _titled_name(text: str, start: int, end: int, known: frozenset[str] = frozenset()) -> bool:
    """Whether the number text[start:end] ends a name of one capitalised word ("Apollo 11",
    "Flight 1549", "Windows 10", "Chapter 11"): not after a hedge or a month ("Some 16",
    "Nearly 300", "March 5"), not in a tally ("Smith 52, Jones 48"); not before what it counts
    ("told Reuters 12 people") or a verb of the count ("told Reuters 3 were hurt"), nor in a
    headline written in capitals word by word ("Storm Kills 3 In Valley"), unless the two texts
    tell it as a name elsewhere (`known`, see numbered_names: "Route 66 fans", "Flight 370
    Search Resumes")."""
    title = _TITLE_BEFORE_NUMBER.search(text, max(0, start - 24), start)
    if title is None:
        return False
    word = title.group("word").casefold()
    if not _may_name(word):
        return False
    if _TALLY_AFTER.match(text, end) or _TALLY_BEFORE.search(text, max(0, title.start() - 8), title.start()):
        return False
    if known and f"{word} {text[start:end]}" in known:
        return True
    if known and _counted_elsewhere(text, start, end, known):
        return False
    if _headline_name(text, title.start(), word, end):
        return True
    if _counted_after(text, end) and not _determined(text, title.start(), word, end):
        return False
    after = _WORD_AFTER.match(text, end)
    if after is not None and after.group(1).casefold() in _NOT_COUNTED - _SINGULAR_VERBS:
        return False  # "3 were hurt" counts people; "Windows 10 was installed" names a thing
    return not _title_case(text)


def _counted_elsewhere(text: str, start: int, end: int, known: frozenset[str]) -> bool:
    """Whether the texts compared tell the number text[start:end] as a count of the word after
    it, in lower case and after no capitalised word (see _counts_told): "Aid For Gaza 300
    Families" counts families where the body tells "aid to 300 families"."""
    after = _WORD_AFTER.match(text, end)
    return after is not None and f"{text[start:end]} {after.group(1).casefold()}" in known


# Where a name opens a noun phrase in a headline: after a determiner or a preposition ("Search
# For Flight 370 Resumes", "The Apollo 11 Crew"). Not "to" nor a modal, which a verb follows
# ("Israel To Release 26 Palestinian Prisoners", "Iran Will Execute 2 Drug Smugglers").
_PREPOSITIONS = frozenset(
    "for of in on at from after before with without into onto near by behind amid over under across".split()
)
_PHRASE_OPENERS = frozenset("the a an this that these those its their his her our my your".split()) | _PREPOSITIONS
# A word in -s ending the headline after a preposition's "Name N" is the headline's verb, its
# subject the phrase the preposition ends ("Search For Flight 370 Resumes"); not at the
# headline's opening, where it may be a place and a count ("In Iraq 30 Soldiers ...").
_HEADLINE_END = re.compile(r"\s*(?:[.!?:;|\u2013\u2014]|$)")
_HEADLINE_OPENING = re.compile(r"(?:^|[:|\u2013\u2014]\s*|(?<![\w'’])(?P<prior>[^\W\d_]+)\s+)$")


def _headline_name(text: str, start: int, word: str, end: int) -> bool:
    """Whether, in a headline capitalised word by word, the number ending at text[end] after the
    capitalised `word` (folded, at text[start]) names a thing: `word` opens the headline or a
    noun phrase (see _PHRASE_OPENERS) and a capitalised noun that is no plural follows ("Flight
    370 Search Resumes", "Boeing 737 Crash Probe", "Search For Flight 370 Resumes"). After
    another word the capitalised word may be a verb, which no ending need tell ("Jets Win 3
    Straight", "Rebels Free 2 Aid Workers"), and before a plural it may count ("Fire Destroys 40
    Homes", "Apollo 11 Astronauts Honoured"), but not where it ends the headline after a
    preposition: "Search For Flight 370 Resumes" (see _HEADLINE_END)."""
    if word.endswith(("s", "ed")) and not word.endswith("ss"):
        return False
    after = _WORD_AFTER.match(text, end)
    if after is None or not after.group(1)[0].isupper() or text[end] not in " \t":
        return False
    noun = after.group(1).casefold()
    if noun in STOPWORDS or noun in _COUNTED_STOPWORDS:
        return False
    opening = _HEADLINE_OPENING.search(text, max(0, start - 24), start)
    prior = opening.group("prior") if opening is not None else None
    if opening is None or (prior and prior.casefold() not in _PHRASE_OPENERS):
        return False
    verb_last = prior is not None and prior.casefold() in _PREPOSITIONS and _HEADLINE_END.match(text, after.end())
    if _plural_noun(noun) and not verb_last:
        return False
    return _title_case(text)


# A word that makes what follows one noun phrase: "the Apollo 11 astronauts", "three Boeing 737
# jets", "a Route 66 diner".
_DETERMINERS = frozenset("the a an this that these those its their his her our my your".split())
_WORD_BEFORE = re.compile(r"(?<![\w'’])([^\W_]+)\s+$")


def _determined(text: str, start: int, word: str, end: int) -> bool:
    """Whether the capitalised word at text[start:] follows a determiner or a number, which makes
    it and the number after it (ending at `end`) a name modifying the noun they stand before
    ("the Apollo 11 astronauts", "40 Boeing 737 jets"): a count after a name of its own stands
    after the name alone ("told Reuters 12 people"). Not for a word in -s, a place that takes
    "the" ("in the Philippines 12 people died"; after a number it may: "two Windows 10 laptops"),
    nor before a capitalised noun: a title capitalises every word ("the Past 25 Years")."""
    after = _WORD_AFTER.match(text, end)
    if after is None or not after.group(1)[0].islower():
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 16), start)
    if before is None:
        return False
    prior = before.group(1).casefold()
    if prior.isdigit() or prior in _UNITS or prior in _TENS:
        return True
    return prior in _DETERMINERS and not word.endswith("s")


@functools.lru_cache(maxsize=4)
def _title_case(text: str) -> bool:
    """Whether a text capitalises every word but the short ones, as a headline does. Kept for
    the last texts: it reads the whole text, and is asked for each name a number ends."""
    return not any(w[0].islower() for w in _LETTERS.findall(text) if len(w) > 3)


def _plural_noun(word: str) -> bool:
    """Whether a word, folded, reads as a plural noun ("people", "members", "teams")."""
    return word in _PLURAL_NOUNS or (word.endswith("s") and not word.endswith("ss") and word not in STOPWORDS)


def _flag_readings(text: str, base: int, figures: list[Figure], words: _LazyWords) -> list[Figure]:
    """`figures` read more fully for the flags: numbers in words with their scales ("one hundred
    and twenty", "half a million"), percent written short ("3 pct"), amounts with a currency
    code ("USD 5 million", "5 million EUR"), dates in digits ("2015-03-04"), one name per unit of
    measure ("km" / "kilometres"), bounds ("as many as 1.5 million"), the part of a change an
    amount tells ("from" / "to" / "by") and the years of a term ("from 1967 to 1979"). The linker
    reads find_figures as its signals were fitted, so none of this is in it."""
    found = (
        _spelled_numbers(text, base, words)
        + _short_percents(text, base, words)
        + _coded_money(text, base, words)
        + _indian_scaled(text, base, words)
        + _fractions(text, base, words)
        + _proportions(text, base, words)
        + _numeric_dates(text, base, words)
    )
    if found:
        added: list[Figure] = []
        for f in sorted(found, key=lambda f: f.start):
            if not added or added[-1].end <= f.start:
                added.append(f)
        # a longer reading replaces the figures inside it ("one hundred" and "twenty"), each
        # looked up by bisection (a sentence may hold thousands)
        starts = [a.start for a in added]
        figures = [f for f in figures if not _overlaps(added, starts, f)]
        figures = sorted(figures + [a for a in added if a.kind != _NO_FIGURE], key=lambda f: f.start)
    figures = [
        _of_change(_bounded(_measured(_aged(f, text, base), text, base), text, base), text, base) for f in figures
    ]
    figures = _moves_and_levels(text, base, figures)
    figures = _money_range_ends(text, base, _range_ends_written_short(text, base, figures), words)
    figures = _scaled_as_other_end(text, base, figures)
    return _range_ends(text, base, _terms(text, base, figures))


# An amount with its scale word: "10 billion", "$10 billion", "€3m" (matched from its first
# digit: searched for, a run of many digits with no scale after it took quadratic time).
_FIRST_DIGIT = re.compile(r"\d")
_WITH_SCALE = re.compile(rf"(?P<digits>{_DIGITS})\s?(?P<scale>{_SCALE_WORD}|(?-i:[mkb]))", re.IGNORECASE)
_NO_SCALE = re.compile(rf"(?<![\w.,])(?P<digits>{_DIGITS})$")  # "$5", "some 5"
_SCALE_SHARED = re.compile(r"\s*[-–]\s*|\s+to\s+", re.IGNORECASE)


_SCALED_END = re.compile(rf"{_WITH_SCALE.pattern}(?![\w.,]\d|\w)", re.IGNORECASE)


def _money_range_ends(text: str, base: int, figures: list[Figure], words: _LazyWords) -> list[Figure]:
    """The second end of a range of money told with its scale letter only, which find_figures
    does not read ("£2-3m": "3m" may be metres elsewhere): money of the first end's currency."""
    added = []
    starts = {f.start for f in figures}
    for f in figures:
        if f.kind != "money" or f.unit is None or _NO_SCALE.search(f.text) is None:
            continue
        join = _SCALE_SHARED.match(text, f.end - base)
        end = _SCALED_END.match(text, join.end()) if join is not None else None
        if end is None or base + end.start() in starts:
            continue
        value = _scaled_value(end.group("digits"), end.group("scale"))
        if value is not None:
            found = Figure(end.group(), base + end.start(), base + end.end(), "money", _clean_value(value), f.unit)
            added.append(_with_context(found, words.get(), base))
    return sorted(figures + added, key=lambda f: f.start) if added else figures


def _scaled_as_other_end(text: str, base: int, figures: list[Figure]) -> list[Figure]:
    """The first end of a range told with the scale of the second only: "$5-10 billion" is $5
    billion to $10 billion, "some 5 to 10 million people" about 5 million to 10 million (not $5
    and 5). Not "$900 to 1 billion": a first end larger than the second's number is told whole."""
    out = list(figures)
    for n in range(len(out) - 1):
        first, second = out[n], out[n + 1]
        if {first.kind, second.kind} - {"count", "money"}:
            continue
        digit = _FIRST_DIGIT.search(second.text)
        bare = _NO_SCALE.search(first.text)
        scaled = _WITH_SCALE.fullmatch(second.text, digit.start()) if digit is not None else None
        if bare is None or scaled is None or not _SCALE_SHARED.fullmatch(text, first.end - base, second.start - base):
            continue
        scale = _scaled_value("1", scaled.group("scale"))
        low, high = _number(bare.group("digits")), _number(scaled.group("digits"))
        if scale is None or low is None or high is None or not low < high:
            continue
        out[n] = replace(first, value=_clean_value(low * scale))
        if first.low is not None and first.high is not None:  # "some 5 to 10 million": loosely
            out[n] = replace(out[n], low=first.low * scale, high=first.high * scale)
        if first.kind == "money" and second.kind == "count" and second.unit is None:
            # "$5-10 billion": the second end is money of the first's currency, not 10 billion of nothing
            out[n + 1] = replace(second, kind="money", unit=first.unit)
    return out


# "aged 45", "at age 45", "at the age of 45": an age, as "the 45-year-old" is.
_AGE_RANGE_AFTER = re.compile(r"\s*(?:to|and|or|[-–])\s*\d", re.IGNORECASE)
_AGE_WORDS_BEFORE = re.compile(r"\b(?:aged|age|age\s+of)\s+$", re.IGNORECASE)


# "the striker, 31,", "a retired nurse, 64,": a person described, then the age set off by commas
# (find_figures reads only a name's: "Elizabeth Lauten, 31,").
_APPOSITION_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|our|my|your)\s+(?:[^\W\d_]+[\s-]+){0,3}[^\W\d_]+,\s*$", re.IGNORECASE
)
_APPOSITION_AFTER = re.compile(r"\s*,(?!\s*\d)")


def _aged(figure: Figure, text: str, base: int) -> Figure:
    """A whole count after "aged" or "age", or set off by commas after a person described, is an
    age ("the driver, aged 45" / "the driver, 45," / "the 45-year-old driver"), not a count of
    nothing that an age is never compared with."""
    if figure.kind != "count" or figure.low is not None or not 0 < float(figure.value) < 130:
        return figure
    if not float(figure.value).is_integer():
        return figure
    start, end = figure.start - base, figure.end - base
    if (
        figure.text.isdigit()
        and _APPOSITION_AFTER.match(text, end)  # the rarer and cheaper test first
        and _APPOSITION_BEFORE.search(text, max(0, start - 60), start)
    ):
        return replace(figure, kind="age", unit=None)
    if not _AGE_WORDS_BEFORE.search(text, max(0, start - 12), start):
        return figure
    if _AGE_RANGE_AFTER.match(text, figure.end - base):
        return figure  # "aged 20 to 64": a range of ages, read as before (two counts)
    return replace(figure, kind="age", unit=None)


# A range whose end is written with its last digits only, as page ranges are: "pages 112-15"
# is 112 to 115, "pp. 1003–08" 1003 to 1008 (a year's, "1914-18", is a span: _numeric_dates).
_SHORT_END_JOIN = re.compile(r"[-–]")
_SHORT_END_DIGITS = 6  # page numbers and the like: a longer run is no range told short
# Only pages are told so: elsewhere "passed the bill 235-93" is a tally, not 235 to 293.
_PAGES_BEFORE = re.compile(r"\b(?:pages?|pp?\.|pgs?\.?)\s*$", re.IGNORECASE)


def _range_ends_written_short(text: str, base: int, figures: list[Figure]) -> list[Figure]:
    """`figures` with a page range's second end written short ("pages 112-15") read whole
    (115): it is the first's leading digits and its own, when that makes a later number. A
    first of one or two digits ("12-5", "25-6") is no range told short, nor is a range after
    anything but a word for pages ("passed 235-93" is a tally)."""
    out = list(figures)
    for n in range(len(out) - 1):
        first, second = out[n], out[n + 1]
        if first.kind != "count" or second.kind != "count" or first.low is not None or second.low is not None:
            continue
        if not (first.text.isdecimal() and second.text.isdecimal() and 1 < len(second.text) < len(first.text)):
            continue
        if len(first.text) > _SHORT_END_DIGITS or not _SHORT_END_JOIN.fullmatch(
            text, first.end - base, second.start - base
        ):
            continue
        if not _PAGES_BEFORE.search(text, max(0, first.start - base - 8), first.start - base):
            continue
        whole = int(first.text[: len(first.text) - len(second.text)] + second.text)
        if whole > int(first.text):
            out[n + 1] = replace(second, value=whole)
    return out


# The preposition before an amount (a hedge between: "to some one-third") and the part of a
# change it makes the amount. What an amount is compared with is where the change started:
# "45 percent, compared to 23 percent" (not the "to" of an end), "versus 23", "up from 23".
_CHANGE_BEFORE = re.compile(
    r"(?:\b(?P<compared>compared\s+(?:to|with)|versus|vs\.?)|\b(?P<prep>from|to|by))\s+"
    r"(?:(?:some|about|around|roughly|nearly|almost|approximately|an\s+estimated)\s+)?$",
    re.IGNORECASE,
)
_CHANGE_PARTS = {"from": "start", "to": "end", "by": "change"}


def _of_change(figure: Figure, text: str, base: int) -> Figure:
    """An amount marked with the part of a change its preposition tells (Figure.change)."""
    if figure.kind not in ("count", "money", "percent"):
        return figure
    match = _CHANGE_BEFORE.search(text, max(0, figure.start - base - 32), figure.start - base)
    if match is None:
        return figure
    part = "start" if match.group("compared") else _CHANGE_PARTS[match.group("prep").casefold()]
    return replace(figure, change=part)


# A move told beside the level it reached: "fell $1.42 to $14.97", "up 87 cents, or 5.5 percent,
# at $15.52", "settled .85 cent lower at 69.89 cents". The move is a change's size, the level its
# end: a price is not compared with another side's move ("$1.42" / "$15.52"), nor a move with a
# price. The move word before the amount (or "lower"/"higher" after it) keeps ranges apart
# ("prices of $5 to $10" tell no move).
_MOVE_BEFORE = re.compile(
    rf"\b(?:{'|'.join(BEFORE_AMOUNT)}|edg(?:e|es|ed|ing)\s+(?:up|down|higher|lower))"
    r"\s+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|less\s+than)\s+)?$",
    re.IGNORECASE,
)
_MOVE_AFTER = re.compile(r"\s+(?:lower|higher)\b", re.IGNORECASE)
# "fell 87 cents, or 5.5 percent, to": one move told twice
_ALSO_MOVE = re.compile(r"(?:\s+(?!or\b|and\b)[^\W\d_]+)?\s*,?\s*(?:or|and)\s+$", re.IGNORECASE)
_LEVEL_JOIN = re.compile(
    r"(?:\s+(?!to\b|at\b)[^\W\d_]+)?(?:\s+(?:lower|higher))?\s*,?\s*(?:to|at)\s+(?:(?:close|end|settle|finish|trade)\s+at\s+)?"
    r"(?:(?:about|around|roughly|nearly|almost|some)\s+)?$",
    re.IGNORECASE,
)
_LEVEL_AFTER_MOVE = re.compile(r"\b(?:lower|higher)\s+(?:to|at)\s+$", re.IGNORECASE)
_MOVE_KINDS = ("count", "money", "percent")
_MOVE_WORDS = 24  # characters before an amount its move word is looked for in
_MOVE_TOLD_AGAIN = 3  # "fell $2, or 5 percent, or 6 cents a share": a longer run of "or"s is a list


def _moves_and_levels(text: str, base: int, figures: list[Figure]) -> list[Figure]:
    """Each move told beside its level marked: the move `change` "change", the level "end"."""
    out = list(figures)
    for n, move in enumerate(out):
        if move.kind not in _MOVE_KINDS or move.change is not None:
            continue
        if _LEVEL_AFTER_MOVE.search(text, max(0, move.start - base - _MOVE_WORDS), move.start - base):
            out[n] = replace(move, change="end")  # "settled .85 cent lower at 69.89 cents"
            continue
        start, end = move.start - base, move.end - base
        if not (_MOVE_BEFORE.search(text, max(0, start - _MOVE_WORDS), start) or _MOVE_AFTER.match(text, end)):
            continue
        moves = [n]
        k = n + 1
        # "fell 87 cents, or 5.5 percent, to $15.52": the percentage is the same move told again
        while (
            k + 1 < len(out)
            and len(moves) < _MOVE_TOLD_AGAIN
            and out[k].kind in _MOVE_KINDS
            and _ALSO_MOVE.fullmatch(text, out[k - 1].end - base, out[k].start - base)
        ):
            moves.append(k)
            k += 1
        if k >= len(out) or out[k].kind not in _MOVE_KINDS or out[k].change not in (None, "end"):
            continue
        if not _LEVEL_JOIN.fullmatch(text, out[k - 1].end - base, out[k].start - base):
            continue
        for m in moves:
            if out[m].change is None:
                out[m] = replace(out[m], change="change")
        out[k] = replace(out[k], change="end")
    return out


_PRONOUN_OWNERS = ("his", "her", "their", "its", "our", "my", "your")
# A possessive: "the Clintons' rate", "Bush's rate", "his rate" (not "it's", "he's": verbs).
_POSSESSIVE = re.compile(
    rf"(?<![\w'’])(?:(?P<pronoun>{'|'.join(_PRONOUN_OWNERS)})|(?P<name>[^\W\d_]+)(?:['’]s|(?<=s)['’]))(?![\w'’])",
    re.IGNORECASE,
)
_NOT_OWNERS = frozenset("it he she that there what who here let where how when one everyone".split())
# Possessives of a time, not of someone: "last year's revenue", "Monday's vote", "the quarter's".
_TIMES = frozenset(
    "year month week day today yesterday tomorrow tonight quarter season decade century night"
    " morning evening afternoon weekend hour minute moment era"
    " monday tuesday wednesday thursday friday saturday sunday".split()
)
_OWNER_REACH = 80  # characters before an amount a possessive is looked for in


def _owned(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """Each amount with the owner (Figure.owner) of the last possessive between the amount before
    it and itself: two rates in one sentence are told for two people by their possessives. A
    pronoun or a lower-case noun after a named owner is that owner ("Apple's shares fell 2 percent
    as its revenue" / "the company's revenue rose 10 percent": Apple's revenue, not someone
    else's); before any, it stays itself. A time owns nothing ("last year's revenue")."""
    if not any(f.kind in ("count", "money", "percent") for f in figures):
        return figures
    possessives: list[tuple[int, int, str]] = []  # (start, end, owner), in order
    named = None  # the last named owner so far
    for m in _POSSESSIVE.finditer(text):
        if m.group("pronoun"):
            possessives.append((m.start(), m.end(), named or m.group("pronoun").casefold()))
            continue
        word = m.group("name").casefold()
        if word in _NOT_OWNERS or word in _TIMES or word.removesuffix("s") in _TIMES or word in _MONTHS:
            continue
        owner = word_stem(normalize_word(word))
        if m.group("name")[0].islower():
            # "the company's", after "Apple's": a description of that owner, as a pronoun is
            possessives.append((m.start(), m.end(), named or owner))
            continue
        named = owner
        possessives.append((m.start(), m.end(), named))
    ends = [end for _, end, _ in possessives]
    out = []
    previous = 0  # where the last amount ended, in `text`
    for f in figures:
        if f.kind not in ("count", "money", "percent"):
            out.append(f)
            continue
        start = f.start - base
        k = bisect.bisect_right(ends, start) - 1  # the last possessive ending before the amount
        if k >= 0 and possessives[k][0] >= max(previous, start - _OWNER_REACH):
            f = replace(f, owner=possessives[k][2])
        out.append(f)
        previous = max(previous, f.end - base)
    return out


# A group an amount is of, in lower case: "24 percent of men", "of the men who took placebo",
# "of men taking finasteride", "5.1 percent taking a placebo". What sets the group apart (the
# word after "who took", "taking", "given" ...) names it; else its plural noun.
_GROUP_OF = re.compile(r"\s+of\s+(?:the\s+|all\s+|those\s+)?([a-z]+)(?![\w'’\-])")
_GROUP_BY = re.compile(
    r"\s+(?:(?:who|that)\s+(?:[a-z]+\s+){1,2}?|(?:taking|given|receiving|using|on)\s+)(?:(?:an?|the)\s+)?([a-z]+)"
    r"(?![\w'’\-])"
)
_TOLD_AGAIN = re.compile(r"[^,;:.!?\d]*,\s*or\s+")  # "... placebo, or 1,147 men": one group told twice
# The plural nouns that are a group by themselves ("30 percent of men" / "12 percent of women"):
# each one of a pair of opposites; other nouns ("of voters" / "of respondents", "of jobs" / "of
# workers") are often one group told two ways, and are a group only when set apart (_GROUP_BY).
_OPPOSED_GROUPS = frozenset(
    "men women boys girls males females adults children smokers nonsmokers buyers sellers".split()
)
_GROUP_TAKING = re.compile(r"\s+(?:taking|given|receiving|using)\s+(?:(?:an?|the)\s+)?([a-z]+)(?![\w'’\-])")


def _of_groups(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """Each percentage or count told of a group of people or things in lower case, and of no
    named thing (see _told_of), with the group as what it is of (Figure.subject, stemmed): "24
    percent of men who took placebo" and "18 percent of the men who took finasteride", or
    "percent of men" and "percent of women", are two groups' rates. An amount told again after
    ", or" ("24 percent of men who took placebo, or 1,147 men,") is of the same group."""
    out = list(figures)
    for n, f in enumerate(figures):
        if f.subject or f.kind not in ("count", "percent"):
            continue
        group = _group_after(text, f.end - base)
        previous = out[n - 1] if n else None
        if group is None and previous is not None and previous.subject:
            if _TOLD_AGAIN.fullmatch(text, previous.end - base, f.start - base):
                out[n] = replace(f, subject=previous.subject)
        elif group is not None:
            out[n] = replace(f, subject=frozenset((group,)))
    return out


def _group_after(text: str, end: int) -> str | None:
    """The group told after an amount ending at text[end] (see _GROUP_OF), stemmed, or None."""
    of = _GROUP_OF.match(text, end)
    if of is None:
        taking = _GROUP_TAKING.match(text, end)
        word = taking.group(1) if taking is not None else None
    else:
        if not _plural_noun(of.group(1)) or not _may_tell_a_group(of.group(1)):
            return None
        by = _GROUP_BY.match(text, of.end())
        if by is None and of.group(1) not in _OPPOSED_GROUPS:
            return None  # "of voters" / "of respondents" may be one poll's group told twice
        word = by.group(1) if by is not None else of.group(1)
    if word is None or not _may_tell_a_group(word):
        return None
    return word_stem(normalize_word(word))


def _may_tell_a_group(word: str) -> bool:
    """Whether a word in lower case may name a group: no stopword, nothing a count never counts,
    no unit of time ("5 percent of days")."""
    return word not in STOPWORDS and word not in _NOT_COUNTED and word not in _COUNTED_STOPWORDS


def _overlaps(spans: list[Figure], starts: list[int], figure: Figure) -> bool:
    """Whether `figure` overlaps one of `spans` (in order and apart; `starts` their starts)."""
    k = bisect.bisect_left(starts, figure.end) - 1  # the last span starting before it ends
    return k >= 0 and spans[k].end > figure.start


def _spelled_value(words: str) -> float | None:
    """The value of a number told in words ("one hundred and twenty" 120, "three hundred
    thousand" 300,000, "a million", "half a million"); None when the words are no one number
    ("five six", "million million")."""
    tokens = re.split(r"[\s-]+", words.casefold())
    total, current, started = 0.0, 0.0, False
    if tokens[0] == "half":
        current, tokens = 0.5, tokens[2:]  # "half a"
    elif tokens[0] in ("a", "an"):
        current, tokens = 1.0, tokens[1:]
    previous = None
    for token in tokens:
        if token == "and":
            if previous not in ("hundred", "thousand", "million", "billion", "trillion"):
                return None  # "five and six": two numbers
        elif token in _UNITS or token in _TENS:
            small = _UNITS.get(token, 0) + _TENS.get(token, 0)
            last = current % 100
            if token == "dozen":
                current = (current or 1.0) * 12  # "two dozen", "a dozen"
            elif started and last and not (last % 10 == 0 and last >= 20 and small < 10):
                return None  # "five six", "twenty thirty", "ten five": two numbers
            else:
                current += small
            started = True
        elif token == "hundred":
            if not current or current >= 100:
                return None
            current *= 100
        else:  # thousand and up
            scale = _SCALES[token]
            if not current:
                return None
            total, current = (total + current) * scale if total and total < scale else total + current * scale, 0.0
        previous = token
    return total + current


def _spelled_numbers(text: str, base: int, words: _LazyWords) -> list[Figure]:
    """Numbers told in words with a scale, "and" or a leading "a" (find_figures reads "one
    hundred and twenty" as 100 and 20, and "a million" not at all)."""
    out = []
    for m in _SPELLED.finditer(text):
        tokens = re.split(r"[\s-]+", m.group("words").casefold())
        if not m.group("lead") and not (len(tokens) > 1 and set(tokens) & (set(_SCALES) | {"and"})):
            continue  # one word, or two like "twenty-five": find_figures reads them
        value = _spelled_value(m.group())
        if value is None or not math.isfinite(value):
            continue
        end = m.end()
        percent = _PERCENT_AFTER.match(text, end)
        if percent:
            found = Figure(
                text[m.start() : percent.end()],
                base + m.start(),
                base + percent.end(),
                "percent",
                _clean_value(value),
                "%",
            )
        else:
            found = _amount(m.group(), base + m.start(), base + end, value, _unit_after(text, end))
        fraction = _FRACTION_OF_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if fraction:
            # "a third of a million" is a third of it, told loosely, not a million
            share = _fraction_share(fraction.group("num"), fraction.group("den"))
            told = _clean_value(float(found.value) * share)
            low, high = (float(told) * (1 + spread) for spread in (-_FRACTION_SPREAD, _FRACTION_SPREAD))
            found = replace(
                found,
                text=text[fraction.start() : found.end - base],
                start=base + fraction.start(),
                value=told,
                low=low,
                high=high,
            )
        out.append(_hedged(_with_context(found, words.get(), base), text, base))
    return out


def _fraction_share(num: str, den: str) -> float:
    """The share "a third", "two-thirds", "three quarters" tell (1/3, 2/3, 3/4)."""
    num = num.casefold()
    return (1 if num in ("a", "an") else _UNITS[num]) / _FRACTION_PARTS[den.casefold()]


def _short_percents(text: str, base: int, words: _LazyWords) -> list[Figure]:
    """ "3 pct", "4.5pc": percentages."""
    out = []
    for m in _PERCENT_SHORT.finditer(text):
        value = _number(m.group("digits"))
        if value is not None:
            found = Figure(m.group(), base + m.start(), base + m.end(), "percent", _clean_value(value), "%")
            out.append(_hedged(_with_context(found, words.get(), base), text, base))
    return out


# Before "half of", which half: a part of something ("the first half of the year"), no share.
_PART_BEFORE = re.compile(
    r"\b(?:first|second|last|latter|former|other|back|front|top|bottom|lower|upper|better)\s+$", re.IGNORECASE
)
# A fraction is a share told loosely: "two-thirds" is 60 to 73 percent, "half" 45 to 55.
_FRACTION_SPREAD = 0.1


def _fractions(text: str, base: int, words: _LazyWords) -> list[Figure]:
    """ "two-thirds of voters", "a quarter of the budget", "half of them": percentages, told loosely."""
    out = []
    for m in _FRACTION.finditer(text):
        if m.group("half") and _PART_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "the first half of the year": a part of a period, no share
        if m.group("half"):
            share = 0.5
        else:
            share = _fraction_share(m.group("num"), m.group("den"))
            if share >= 1:
                continue  # "two halves of", "four quarters of": the whole, told as parts
        told = text[m.start() : m.end() - 2].rstrip()  # "of" is no part of the figure
        value = round(share * 100, 6)
        low, high = (round(value * (1 + spread), 6) for spread in (-_FRACTION_SPREAD, _FRACTION_SPREAD))
        start = base + m.start()
        found = Figure(told, start, start + len(told), "percent", value, "%", low=low, high=high)
        out.append(_with_context(_hedged_share(found, text, base), words.get(), base))
    return out


# "seven out of ten voters", "7 in 10 Americans": a share of a group, as "70 percent" is. Odds
# ("a 1 in 3 chance") stay odds, and "3 in 10 minutes" is no share.
_PROPORTION = re.compile(
    rf"(?<![\d,.])\b(?P<num>{_RATIO_PART})(?:\s+out\s+of\s+|\s+in\s+|\s*-\s*in\s*-\s*)(?P<den>{_RATIO_PART})\b",
    re.IGNORECASE,
)
_NOT_SHARES = frozenset(
    """chance chances odds likelihood probability risk shot bet minute minutes second seconds hour hours
    day days week weeks month months year years game games match matches race races""".split()
)
# Where a proportion can be: after the digits or word just before each "in" / "out of" (scanning
# the text for a number at every word cost more than the rest of _flag_readings' new parts).
# Tried only where a run of spaces and hyphens opens: from inside one, a long run before "Index"
# was scanned again from each of its characters (50,000 spaces took 44 s).
_PROPORTION_JOIN = re.compile(r"(?<![\s-])[\s-]+(?:out\s+of|in)[\s-]", re.IGNORECASE)  # _PROPORTION checks the rest
_SHARE_WORD = re.compile(r"\s+(?:of\s+)?([^\W_][\w\-]*)")  # "voters", "15-year-olds"
_SHARE_PARTS = 1000  # "1 in 1,000" at most: "from 317 in 2001" is a count in a year


def _proportions(text: str, base: int, words: _LazyWords) -> list[Figure]:
    """ "seven out of ten voters", "7 in 10 Americans": percentages told loosely, by half a part
    (a tenth's half, 65 to 75 for "7 in 10") or a fraction's spread, whichever is less, so that
    "six in ten" is not met by it. "out of" is always a share ("rated 7 out of 10"); "in" only
    before a word that is no odds nor time ("a 1 in 3 chance", "3 in 10 minutes")."""
    out: list[Figure] = []
    done = 0  # the end of the last proportion: they do not overlap ("1 in 2 in 3" is one)
    for join in _PROPORTION_JOIN.finditer(text):
        start = join.start()
        while start > done and text[start - 1].isalnum():
            start -= 1
        m = _PROPORTION.match(text, start) if start < join.start() and start >= done else None
        if m is None:
            continue
        done = m.end()
        num, den = _part_value(m.group("num")), _part_value(m.group("den"))
        if num is None or not den or num > den:
            continue
        if " out " not in f" {m.group().casefold()} ":
            after = _SHARE_WORD.match(text, m.end())
            if den > _SHARE_PARTS or after is None or after.group(1).casefold() in _NOT_SHARES:
                continue
        value = round(num / den * 100, 6)
        # a hair under half a part: "7 in 10" (65..75) and "6 in 10" (55..65) do not meet at 65
        spread = min(50 / den * 0.99, value * _FRACTION_SPREAD)
        start = base + m.start()
        found = Figure(m.group(), start, base + m.end(), "percent", value, "%", low=value - spread, high=value + spread)
        out.append(_with_context(_hedged_share(found, text, base), words.get(), base))
    return out


def _hedged_share(share: Figure, text: str, base: int) -> Figure:
    """A share told loosely after a hedge ("nearly half", "more than one in three") reaches as far
    as the hedge says, on top of its own looseness: "nearly half" is 42.5 to 55 percent, "half"
    45 to 55."""
    match = _HEDGE_BEFORE.search(text, max(0, share.start - base - 20), share.start - base)
    if match is None or share.low is None or share.high is None:
        return share
    low, high = _HEDGE_RANGE[" ".join(match.group("hedge").casefold().split())]
    value = float(share.value)
    start = base + match.start("hedge")
    return replace(
        share,
        text=text[start - base : share.end - base],
        start=start,
        low=min(share.low, value * low),
        high=max(share.high, value * high),
    )


# Numbers joined by dashes or slashes, read whole: a date ("2015-03-04", "13/04/2015"), two
# ("2015-03-04/2015-03-09"), a span of years ("2015-16", "2019/20"), or, when the calendar has
# no such day ("2015-02-31", "31/02/2015", "2015-13-01"), nothing: not a year and two counts.
_DIGIT_RUN = re.compile(r"(?<![\w.,/\-–])\d+(?:[-/–]\d+)+(?![\w/\-–]|[.,]\d)")
_RUN_PART = re.compile(r"\d+|[-/–]")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
# A fiscal year: "FY2016", "FY 16", "fiscal 2016", "fiscal year 2016"; "FY2015-16" a span.
_FISCAL = re.compile(
    r"(?<![\w.,/\-–])(?:FY\s?'?(?P<fy>(?:19|20)?\d\d)|(?i:fiscal\s+(?:year\s+)?)(?P<fiscal>(?:19|20)\d\d))"
    r"(?:[-/–](?P<last>(?:19|20)?\d\d))?(?![\w/\-–]|[.,]\d)"
)
# The kind of what reads as no figure: a run of digits that is no date the calendar has.
_NO_FIGURE = "none"


def _calendar_day(year: int, month: int, day: int) -> bool:
    """Whether the calendar has that day (February 29 in leap years only)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _iso_shaped(year: str, month: str, day: str) -> bool:
    """Whether three numbers are written as an ISO date's: "2015-03-04" (not "2015-3-4")."""
    return bool(_YEAR_DIGITS.fullmatch(year)) and len(month) == 2 and len(day) == 2


def _iso_date(year: str, month: str, day: str) -> tuple[int, int, int] | None:
    """(month, day, year) of an ISO date's parts; None when the calendar has no such day."""
    y, m, d = int(year), int(month), int(day)
    return (m, d, y) if _calendar_day(y, m, d) else None


_SPAN_YEARS = 10  # the most years a run such as "2010-12" or "2007-2014" spans


def _span_end(first: int, last: str) -> int | None:
    """The last year of a span opening in `first` and told `last` ("16", "2016", "00"): a
    fiscal year or a season ("2015-16", "1999-00", "2015/2016") or a few years ("2010-12",
    "2007-09", "2007-2014"), every run of years one kind, so that "2008-09" and "2007-09"
    differ; None for anything else ("2015-03", no later year, may be March)."""
    if len(last) == 4:
        end = int(last)
    elif len(last) == 2:
        end = first - first % 100 + int(last)
        if end <= first:
            end += 100
    else:
        return None
    return end if first < end <= first + _SPAN_YEARS else None


def _run_reading(parts: list[str]) -> list[tuple[int, int, str, Any]] | None:
    """What a run of numbers joined by dashes or slashes (`parts`: numbers and joins, in turn)
    tells: (first part, last part, kind, value) for each figure in it, kind _NO_FIGURE for a
    date the calendar has not; None when its shape is no date nor span (read as before)."""
    numbers, joins = parts[0::2], "".join(parts[1::2])
    if joins == "--" and _iso_shaped(*numbers):
        date = _iso_date(*numbers)
        return [(0, 4, "date", date) if date else (0, 4, _NO_FIGURE, None)]
    if joins == "--/--" and _iso_shaped(*numbers[:3]) and _iso_shaped(*numbers[3:]):
        # "2015-03-04/2015-03-09": a range of two ISO dates
        dates = (_iso_date(*numbers[:3]), _iso_date(*numbers[3:]))
        return [(k * 6, k * 6 + 4, "date" if d else _NO_FIGURE, d) for k, d in enumerate(dates)]
    if joins == "//" and _YEAR_DIGITS.fullmatch(numbers[2]) and len(numbers[0]) <= 2 and len(numbers[1]) <= 2:
        first, second, year = (int(n) for n in numbers)
        readings = {(m, d, year) for m, d in ((first, second), (second, first)) if _calendar_day(year, m, d)}
        if not readings:
            return [(0, 4, _NO_FIGURE, None)]
        # "03/04/2015" is March 4 or April 3: only a day over 12 says which, else only the year
        return [(0, 4, "date", readings.pop() if len(readings) == 1 else (None, None, year))]
    if len(numbers) == 2 and _YEAR_DIGITS.fullmatch(numbers[0]):
        end = _span_end(int(numbers[0]), numbers[1])
        return [(0, 2, "years", (int(numbers[0]), end))] if end else None
    return None


def _numeric_dates(text: str, base: int, words: _LazyWords) -> list[Figure]:
    """Dates and spans of years written in digits, one figure each, not a year and two counts
    ("2015-03-04" against "a 3 percent rise", "2015-16" against "16 goals"); fiscal years
    ("FY2016"). A date the calendar has not is a figure of kind _NO_FIGURE, which replaces the
    numbers inside it and is then left out (_flag_readings)."""
    out = []
    for m in _DIGIT_RUN.finditer(text):
        parts = _RUN_PART.findall(m.group())
        reading = _run_reading(parts) if len(parts) <= 11 else None
        for first, last, kind, value in reading or ():
            start = m.start() + sum(len(p) for p in parts[:first])
            end = start + sum(len(p) for p in parts[first : last + 1])
            out.append(Figure(text[start:end], base + start, base + end, kind, value))
    for m in _FISCAL.finditer(text):
        told = m.group("fy") or m.group("fiscal")
        first = int(told) if len(told) == 4 else int(told) + (2000 if int(told) < 50 else 1900)  # "FY99"
        if m.group("last"):
            last_year = _span_end(first, m.group("last"))
            if last_year is None:
                continue
            out.append(Figure(m.group(), base + m.start(), base + m.end(), "years", (first, last_year)))
        else:
            out.append(Figure(m.group(), base + m.start(), base + m.end(), "fiscal year", first))
    return [f if f.kind == _NO_FIGURE else _with_context(f, words.get(), base) for f in out]


# A scale joined to its amount by a hyphen, as a modifier is written: "$3-million bail", "a
# $53.7-million award", "a 3-million-strong army".
_HYPHEN_SCALE = re.compile(r"-(million|billion|trillion)\b", re.IGNORECASE)


def _hyphen_scaled(figure: Figure, text: str, base: int) -> Figure:
    """A count or money told with its scale after a hyphen read with it ("$3-million" is $3
    million, not $3); find_figures stops at the hyphen."""
    if figure.kind not in ("count", "money") or figure.low is not None or not isinstance(figure.value, (int, float)):
        return figure
    scale = _HYPHEN_SCALE.match(text, figure.end - base)
    if scale is None:
        return figure
    value = _clean_value(figure.value * _SCALES[scale.group(1).casefold()])
    return replace(figure, text=figure.text + scale.group(), end=base + scale.end(), value=value)


# A number joined by a hyphen to the noun it measures, a modifier: "a four-day week", "a
# three-term congressman", "an eight-week course" (not "4-to-3", whose "to" is no noun).
_HYPHEN_NOUN = re.compile(r"-[a-z]")
_HYPHEN_NOUN_REACH = 80  # characters after the hyphen its noun phrase is read in


def _hyphen_counted(figure: Figure, text: str, base: int) -> Figure:
    """`figure`, a count of nothing named, as a count of the noun a hyphen joins it to: "the
    four-day week" counts days, so it is no count of the "98.74 points" the other side tells.
    For the flags only."""
    if figure.kind != "count" or figure.unit is not None:
        return figure
    if _HYPHEN_NOUN.match(text, figure.end - base) is None:
        return figure
    after = " " + text[figure.end - base + 1 : figure.end - base + _HYPHEN_NOUN_REACH]
    unit = _unit_after(after, 0)  # read as after a space: "day", not "to" nor "million"
    return figure if unit is None else replace(figure, unit=unit)


# "the other two unions", "nine other measures": a count of a group set apart from one told
# before, the rest, not the whole ("the three unions").
_OTHER_BEFORE = re.compile(r"(?<![\w'’])other\s+$", re.IGNORECASE)
_OTHER_AFTER = re.compile(r"\s+other(?P<pronoun>s)?\b", re.IGNORECASE)
_OTHER = "other"  # the first word of the unit of such a count (see _other_group)


def _other_counted(figure: Figure, text: str, base: int) -> Figure:
    """`figure`, a count told with "other", as a count of "other" things ("other union"), which
    is compared only with another such count. For the flags only."""
    if figure.kind != "count":
        return figure
    start, end = figure.start - base, figure.end - base
    after = _OTHER_AFTER.match(text, end)
    if after is not None:
        unit = None if after.group("pronoun") else _unit_after(text, after.end())
    elif _OTHER_BEFORE.search(text, max(0, start - 8), start):
        unit = figure.unit
    else:
        return figure
    return replace(figure, unit=f"{_OTHER} {unit}" if unit else _OTHER)


def _other_group(figure: Figure) -> bool:
    """Whether a count counts "other" things (_other_counted)."""
    return figure.unit is not None and (figure.unit == _OTHER or figure.unit.startswith(_OTHER + " "))


def _scaled_value(number: str, scale: str | None) -> float | None:
    """The amount "5", "1.2" told with its scale word or letter ("million", "crore", "m")."""
    value = _number(number)
    if value is None:
        return None
    scale = (scale or "").casefold()
    return value * _SCALES.get(scale, INDIAN_SCALES.get(scale, {"m": 1e6, "k": 1e3, "b": 1e9}.get(scale, 1)))


def _coded_money(text: str, base: int, words: _LazyWords) -> list[Figure]:
    """ "USD 5 million", "EUR 200", "INR 300 crore": money in the currency its code names;
    "A$5 million", "R$ 300", "₹300", "Rs. 24 lakh": money in the currency its sign names (the
    linker's figures read "A$" as US dollars and "Rs" as nothing)."""
    coded = []
    for m in _CODE_BEFORE.finditer(text):
        if m.group("code") != m.group("code").upper():
            continue  # "eur", "try 5": words, not codes
        code = m.group("code").casefold()
        coded.append(_money_told(m, CODE_CURRENCY.get(code, code), base))
    found = sorted([f for f in coded if f is not None] + _signed_money(text, base), key=lambda f: f.start)
    return [_hedged(_with_context(f, words.get(), base), text, base) for f in found]


def _money_told(m: re.Match[str], currency: str, base: int) -> Figure | None:
    """The money a match of _CODE_BEFORE or _PREFIX_MONEY tells (its "mnum" and "mscale"), bare
    of context; None for a number too long to read."""
    value = _scaled_value(m.group("mnum"), m.group("mscale"))
    if value is None:
        return None
    return Figure(m.group(), base + m.start(), base + m.end(), "money", _clean_value(value), currency)


def _signed_money(text: str, base: int) -> list[Figure]:
    """ "A$5 million", "R$ 300", "₹300", "Rs. 24 lakh": money in the currency its sign names."""
    found = (
        _money_told(m, PREFIX_CURRENCY[m.group("cur").rstrip(".").casefold()], base)
        for m in _PREFIX_MONEY.finditer(text)
    )
    return [f for f in found if f is not None]


def _indian_scaled(text: str, base: int, words: _LazyWords) -> list[Figure]:
    """ "5 lakh people", "300 crore rupees": counts (or money) told with a lakh or a crore,
    which find_figures reads as "5" and "300"."""
    out = []
    for m in _INDIAN_SCALED.finditer(text):
        value = _scaled_value(m.group("digits"), m.group("scale"))
        if value is not None:
            found = _amount(m.group(), base + m.start(), base + m.end(), value, _unit_after(text, m.end()))
            out.append(_hedged(_with_context(found, words.get(), base), text, base))
    return out


# A currency code after an amount, in capitals: "5 million EUR" (not "scored one try").
_CODE_AFTER = re.compile(r"\s*(?P<code>[A-Z]{3})\b")


def _measured(figure: Figure, text: str, base: int) -> Figure:
    """A count with its unit named one way ("km" and "kilometers" are "kilometre"); an amount followed
    by a currency code in capitals ("5 million USD") is money."""
    if figure.kind != "count" or figure.unit is None:
        return figure
    code = _CODE_AFTER.match(text, figure.end - base)
    if figure.unit in _CURRENCY_CODES and code and code.group("code").casefold() == figure.unit:
        return replace(figure, kind="money", unit=CODE_CURRENCY.get(figure.unit, figure.unit))
    if figure.unit in FLAG_CURRENCY_WORDS:  # "300 rupees", "5 million yuan"
        return replace(figure, kind="money", unit=FLAG_CURRENCY_WORDS[figure.unit])
    return replace(figure, unit=_UNIT_ALIASES.get(figure.unit, figure.unit))


def _bounded(figure: Figure, text: str, base: int) -> Figure:
    """An exact amount after a bound the linker's hedges do not read ("as many as 1.5 million",
    "no fewer than 40") becomes a range open on one side."""
    if figure.kind not in ("count", "money", "percent"):
        return figure
    if figure.low is not None:
        # "no fewer than 40" is 40 and up: the linker's hedge read "fewer than 40", below it
        bound = "no " + " ".join(figure.text.casefold().split()[:2])
        match = _NO_BEFORE.search(text, max(0, figure.start - base - 8), figure.start - base)
        if match is None or bound not in _BOUND_RANGE:
            return figure
        start = match.start()
    else:
        match = _BOUND_BEFORE.search(text, max(0, figure.start - base - 24), figure.start - base)
        if match is None or _MULTIPLE_BEFORE.search(text, max(0, match.start() - 16), match.start()):
            return figure  # "twice as many as 40" is 80, no most
        bound, start = " ".join(match.group("hedge").casefold().split()), match.start("hedge")
    low, high = _BOUND_RANGE[bound]
    value = float(figure.value)
    return replace(figure, text=text[start : figure.end - base], start=base + start, low=value * low, high=value * high)


def _bound_over_hedge(figure: Figure, text: str, base: int) -> Figure:
    """A hedged amount after a bound ("dropped as much as about 16 percent") as the range the
    bound opens to one side, up to its loose top: "as much as about 16" holds "nearly 12". For
    the flags only (_bounded reads a bound before an exact amount)."""
    if figure.kind not in ("count", "money", "percent") or figure.low is None or figure.high is None:
        return figure
    start = figure.start - base
    match = _BOUND_BEFORE.search(text, max(0, start - 24), start)
    if match is None or _MULTIPLE_BEFORE.search(text, max(0, match.start() - 16), match.start()):
        return figure
    if not 0 < figure.low <= figure.high < math.inf:
        return figure  # already bound
    _, high = _BOUND_RANGE[" ".join(match.group("hedge").casefold().split())]
    opened = (0.0, figure.high) if high == 1.0 else (figure.low, math.inf)
    hedge = match.start("hedge")
    return replace(figure, text=text[hedge : figure.end - base], start=base + hedge, low=opened[0], high=opened[1])


# What joins the two ends of a range of amounts: "500,000 to 1.6 million", "30-40", "between
# 30 and 40" (the "and" only after "between").
_RANGE_JOIN = re.compile(r"\s*(?:to|[-–])\s*|\s+and\s+", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _range_ends(text: str, base: int, figures: list[Figure]) -> list[Figure]:
    """Two exact amounts of one kind joined as a range, the first the smaller, marked `range_end`."""
    out = list(figures)
    for n in range(len(out) - 1):
        first, second = out[n], out[n + 1]
        if first.kind != second.kind or first.kind not in ("count", "money", "percent"):
            continue
        if first.low is not None or second.low is not None or not float(first.value) < float(second.value):
            continue
        join = _RANGE_JOIN.fullmatch(text, first.end - base, second.start - base)
        if join is None:
            continue
        if "and" in join.group().casefold() and not _BETWEEN_BEFORE.search(
            text, max(0, first.start - base - 10), first.start - base
        ):
            continue
        ends = (float(first.value), float(second.value))
        plain = first.change is None and second.change is None
        out[n] = replace(first, range_end=("low", *ends), plain_range=plain)
        out[n + 1] = replace(second, range_end=("high", *ends), plain_range=plain)
    return out


def _upper_bound(figure: Figure) -> bool:
    """An amount told as a most ("up to 40", "as many as 1.5 million", "fewer than 40")."""
    return figure.low == 0 and figure.high is not None and math.isfinite(figure.high)


def _lower_bound(figure: Figure) -> bool:
    """An amount told as a least ("more than 40", "at least $2 million")."""
    return figure.high == math.inf


def _answers_range_end(bound: Figure, end: Figure) -> bool:
    """Whether a bound and a range's end tell the same end: a most and a top, a least and a bottom,
    the bound inside the range ("as many as 1.5 million" / "from 500,000 to 1.6 million"). A bound
    outside the whole range ("as much as $7 billion" / "$12 billion-$14 billion") gainsays both
    ends: another amount as likely as the same one, so one word in common is not enough."""
    if end.range_end is None:
        return False
    side, low, high = end.range_end
    value = float(bound.value)
    return (_upper_bound(bound) and side == "high" and value > low) or (
        _lower_bound(bound) and side == "low" and value < high
    )


def _other_range_end(bound: Figure, end: Figure) -> bool:
    """Whether `end` is the end of a range a bound does not tell ("as many as 1.5 million" against
    the 500,000 of "from 500,000 to 1.6 million")."""
    side = end.range_end[0] if end.range_end else None
    return (_upper_bound(bound) and side == "low") or (_lower_bound(bound) and side == "high")


def _inside_range(figure: Figure, end: Figure) -> bool:
    """Whether an exact amount lies strictly inside the plain range `end` is an end of, for the
    same thing: "$7 billion" and "$5-10 billion" tell no different figure, nor "35 people" and
    "between 30 and 40 people". Not an end's own value ("18 to 24" / "18 to 64": the 24 is
    still told otherwise), nor a change's ends ("fell $2.04 to $3.18" / "fell $1.99 to $3.23")."""
    if end.range_end is None or not end.plain_range or figure.range_end is not None or figure.low is not None:
        return False
    if figure.kind not in ("count", "money", "percent"):
        return False
    _, low, high = end.range_end
    return low < float(figure.value) < high and _comparable(figure, end)


_NO_BEFORE = re.compile(r"\bno\s+$", re.IGNORECASE)
# A multiple before "as many as": a comparison ("twice as many as 40", "three times as much as").
_MULTIPLE_BEFORE = re.compile(r"\b(?:twice|thrice|half|times)\s+$", re.IGNORECASE)


def _terms(text: str, base: int, figures: list[Figure]) -> list[Figure]:
    """The years opening and closing a term ("from 1967 to 1979") marked `term`."""
    marks = {}
    for m in _YEAR_TERM.finditer(text):
        first, last = int(m.group("first")), int(m.group("last"))
        if first < last:
            marks[base + m.start("first")], marks[base + m.start("last")] = (
                ("first", first, last),
                ("last", first, last),
            )
    if not marks:
        return figures
    return [replace(f, term=marks[f.start]) if f.kind == "year" and f.start in marks else f for f in figures]


def _one_term(a: Figure, b: Figure) -> bool:
    """Whether two years are the same end of two terms sharing at least half the shorter one's
    years: one term told with other dates ("from 1967 to 1979" / "from 1966 to 1978"). Terms
    that only meet are two ("lieutenant governor from 1993 to 1996" / "governor from 1996 to
    2007")."""
    if a.term is None or b.term is None or a.term[0] != b.term[0]:
        return False
    (_, first_a, last_a), (_, first_b, last_b) = a.term, b.term
    shared = min(last_a, last_b) - max(first_a, first_b) + 1
    return shared * 2 >= min(last_a - first_a, last_b - first_b) + 1


def _pair(text: str, m: re.Match, base: int, value: tuple[int, int]) -> Figure:
    """A number pair; told after a hedge ("nearly 2-1", "about 3:1") it is loose (`low` 0), a
    rough proportion that agrees with any pair."""
    loose = _HEDGE_BEFORE.search(text, max(0, m.start() - 20), m.start()) is not None
    return Figure(m.group(), base + m.start(), base + m.end(), "pair", value, low=0 if loose else None)


def _within(spans: list[Figure], starts: list[int], position: int) -> bool:
    """Whether `position` is inside one of `spans` (in order and apart; `starts` their starts)."""
    k = bisect.bisect_right(starts, position) - 1
    return k >= 0 and position < spans[k].end


class _LazyWords:
    """A sentence's context words (_context_words), found once and only when a figure needs
    them: find_figures found them when the sentence has figures of its own."""

    def __init__(self, text: str, found: list[tuple[int, int, str, bool, bool]] | None) -> None:
        self._text, self._words = text, found

    def get(self) -> list[tuple[int, int, str, bool, bool]]:
        if self._words is None:
            self._words = _context_words(self._text)
        return self._words


# "1.2bn", "500mn", "2.3K": a scale written onto the number, with no currency sign before it.
# "1.5m people": a lower-case "m" is millions only before what it counts (see _bare_amounts);
# else it is metres ("a 1.5m wall"), and "3M" a company.
_SCALED_NUMBER = re.compile(rf"(?<![\w.,$€£¥])({_DIGITS})\s?(bn|mn|k|(?-i:m))\b", re.IGNORECASE)
_LETTER_SCALES = {"k": 1_000, "m": 1_000_000}
# The kind of a whole number with "k" that names a thing ("4K" in "movies in 4K"), never
# compared: the other sentence's "4K" before a plural is that name too, not thousands of it.
_NAMED_BY_SCALE = "named"
_K_WRITTEN = re.compile(r"(?<![\d.,])(\d+)\s?k\b", re.IGNORECASE)
_LARGE_SCALES = frozenset({"million", "billion", "trillion", "bn", "mn"})
# Currencies the money parser does not read (its _CURRENCY_WORDS, which the linker's figures
# read too): an amount of them is no bare amount ("1.2 billion yuan" is not "$1.2 billion").
# Plurals in "s" count a thing anyway (_counts_a_thing). Not "real" (a "1.2 billion real estate
# deal" is bare), whose plural "reais" is here.
_OTHER_CURRENCIES = frozenset(
    normalize_word(word)
    for word in """yuan renminbi rmb won rand baht naira peso pesos lira lire liras shekel shekels rupee
    rupees rupiah reais franc francs krona kronor krone kroner ringgit dirham dirhams riyal
    riyals rial rials dinar dinars zloty zlotys hryvnia hryvnias forint dong lei leu lev taka kyat
    cedi cedis shilling shillings""".split()
)


def _bare_amounts(text: str, base: int, figures: list[Figure], words: _LazyWords) -> list[Figure]:
    """`figures` with "1.2bn" added (find_figures reads no figure in it) and every amount told
    with a scale of millions or more, no currency nor anything it counts, and words of money
    around it (_told_as_money) marked `bare`: "cost 1.2bn", "a 1.2 billion deal" (not "1.2
    billion people", "1.2 billion yuan", "helped 11 million")."""
    added = []
    starts = [f.start for f in figures]  # in order and apart: looked up by bisection
    for m in _SCALED_NUMBER.finditer(text):
        if _within(figures, starts, base + m.start()):
            continue
        scale, unit = m.group(2).casefold(), _unit_after(text, m.end())
        if scale in _LETTER_SCALES and unit not in _CURRENCY_WORDS:
            unit = _thousands_of(m, text)  # "2k new followers" counts followers, "1.5m people" people
            if unit is None:
                # "a 10k race", "401k plans", "4K TVs", "movies in 4K": a thing named, no thousands
                if scale == "k" and "." not in m.group(1):
                    named = _K_WRITTEN.fullmatch(m.group())
                    name = named.group(1).lstrip("0") + "k" if named else m.group().casefold()
                    added.append(Figure(m.group(), base + m.start(), base + m.end(), _NAMED_BY_SCALE, name))
                continue
        value = float(m.group(1).replace(",", "")) * _SCALES.get(scale, _LETTER_SCALES.get(scale, 1))
        found = _amount(m.group(), base + m.start(), base + m.end(), value, unit)
        # "5bn USD": the code after it makes it money, as it does "5 billion USD"
        added.append(_hedged(_with_context(_measured(found, text, base), words.get(), base), text, base))
    out = []
    for f in sorted(figures + added, key=lambda f: f.start):
        scales = set(re.findall(r"[^\W\d_]+", f.text.casefold())) & _LARGE_SCALES
        if (
            f.kind == "count"
            and scales
            and not _in_other_currency(text, f.end - base)
            and not _counts_a_thing(text, f.end - base)
            and _told_as_money(text, f.start - base, f.end - base)
        ):
            f = replace(f, bare=True)
        out.append(f)
    return out


# What a number with "k" names rather than counts in thousands: a plan, a form, a screen's
# resolution, a race ("401k plans", "its 10K reports", "4K TVs", "two 5k runs"). The names are
# few and fixed; what thousands count is open ("2k new followers", "10k signatures", "5k jobs").
_NAMED_BY_K = frozenset(
    normalize_word(word)
    for word in """plan plans account accounts report reports filing filings form forms tv tvs
    television televisions screen screens display displays monitor monitors camera cameras video
    videos resolution streaming stream streams projector projectors panel panels content footage
    race races run runs walk walks game games""".split()
)
# What a screen's resolution is told of ("4K movies", "8K films"), unless the sentence tells that
# resolution apart ("streams 4K movies in 4K": four thousand of them).
_SHOWN_IN_K = frozenset(normalize_word(word) for word in "movie movies film films".split())
_PLAN_NUMBERS = frozenset({"401"})  # the retirement plan, "401k" even before "savers"
# A number with "k" after a determiner, a possessive or another number modifies what follows,
# as a name does ("the 5k runners", "her 10k times", "some 300 5k runners", "two 4K screens"):
# thousands follow a verb or a hedge ("gained 2k followers", "about 5k runners").
_NAMING_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|each|every|two|three|four"
    r"|five|six|seven|eight|nine|ten)|\d|['’]s?)\s+$",
    re.IGNORECASE,
)


# Common words that may stand between a number and what it counts ("2k new followers", "2k more").
_COUNT_MODIFIERS = frozenset("new more other own additional extra".split())


def _resolution_told(number: str, text: str) -> bool:
    """Whether `text` names the resolution `number` k on its own: "in 4K", "shot in 8k"."""
    return re.search(rf"\bin\s+{re.escape(number)}\s?k\b", text, re.IGNORECASE) is not None


def _thousands_of(scaled: re.Match, text: str) -> str | None:
    """The plural noun a number written with "k" counts in thousands ("2k new followers", "1.2k
    likes": "follower", "like"), None when it names a thing ("401k plans", "10K reports", "4K
    TVs", "2K Games") or nothing follows. A whole number names one when its noun is one a "k"
    names (_NAMED_BY_K) or a name (a capital), or when it is a plan's number."""
    whole = "." not in scaled.group(1)
    if scaled.group(1) in _PLAN_NUMBERS:
        return None
    if whole and _NAMING_BEFORE.search(text, max(0, scaled.start() - 8), scaled.start()):
        return None
    pos = scaled.end()
    if text[pos : pos + 1] == "-":
        return None  # "a 10k-run", "4K-ready"
    for _ in range(3):  # adjectives before the noun: "2k new followers"
        match = _NEXT_WORD.match(text, pos)
        if not match:
            return None
        word = match.group(1)
        folded = word.casefold()
        if folded in _NOT_COUNTED:
            return None
        if whole and (word[0].isupper() or normalize_word(folded) in _NAMED_BY_K):
            return None
        if whole and normalize_word(folded) in _SHOWN_IN_K and not _resolution_told(scaled.group(1), text):
            return None
        if _plural_noun(folded):
            return normalize_word(folded)
        if folded in STOPWORDS and folded not in _COUNT_MODIFIERS:
            return None  # "raised 2k from fans", "gave 5k to the victims": what k counts is not told
        pos = match.end()
        if text[pos : pos + 1] not in (" ", "\t"):
            return None  # punctuation ends the noun phrase
    return None


# Words that make an amount with no currency money: what it costs, is worth, is paid, raised,
# lent or lost ("the deal cost 1.2bn", "a 1.2 billion deal"). Without one, "help 11 million" or
# "11 million were uninsured" counts people, and is not the "$11 million" of the other side.
_MONEY_WORDS = frozenset(
    """cost costs costing spend spends spending spent pay pays paid paying payment payments
    worth price prices priced budget budgets budgeted fund funds funding funded deal deals loan
    loans lend lent borrow borrowed debt debts owe owes owed deficit revenue revenues sales
    turnover profit profits loss losses tax taxes fine fines fined raise raised raising
    invest invests invested investment investments bailout grant grants subsidy subsidies
    contract contracts bid bids valued value valuation earn earns earned earnings income
    salary salaries wage wages sold sell sells buy buys bought bond bonds aid package
    settlement compensation damages capital cash money fee fees award awarded prize ransom
    donation donations donated pledged pledge assets bill charge charges writedown writedowns
    writeoff stake offer takeover acquisition merger buyout""".split()
) | frozenset(_CURRENCY_WORDS)
# A currency amount just before it, as the other end of its range: "$5-10 billion", "rose from
# $1.2bn to 1.5 billion", "between $5 million and 8 million", "$2 million or 3 million". Not
# "$5 million to help 11 million": the money is spent on 11 million people; nor "spent $5
# million and 11 million have enrolled": a word joins two clauses as well as two ends of a range
# (_joins_a_range).
_MONEY_JOINED = re.compile(
    rf"(?:\b(?P<opens>from|between)\s+)?(?:US\$|[$€£¥])\s?(?:{_DIGITS})(?:\s?(?:{'|'.join(_SCALES)}|bn|mn|m|k)\b)?"
    r"\s*(?P<join>[-–]|\b(?:to|and|or)\b)\s*$",
    re.IGNORECASE,
)
# Where an amount ends its clause: "It lost £2m or 3 million.", "… or 3 million, officials said".
_ENDS_CLAUSE = re.compile(r"\s*(?:[,;:!?()\[\]—]|\s–\s|\.(?!\d)|$)")
# "in damages", "in lost revenue", "of cash": a money word told after "in" or "of" (an
# adjective between).
_MONEY_AFTER = re.compile(r"\s+(?:in|of)\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—]|\s–\s|\.\s")
_LAST_NUMBER = re.compile(r"\d(?!.*\d)", re.DOTALL)


def _told_as_money(text: str, start: int, end: int) -> bool:
    """Whether a money word is among the few words of the amount's clause before it (after any
    other number there: "cost $5 million to help 11 million" costs the 5 million), or of the
    noun phrase after it ("the deal cost 1.2bn", "a 1.2 billion real estate deal"), or a
    currency amount is the other end of its range (_MONEY_JOINED)."""
    head = text[max(0, start - 60) : start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    clause = head[breaks[-1].end() :] if breaks else head
    joined = _MONEY_JOINED.search(clause)
    if joined is not None and _joins_a_range(joined, text, end):
        return True
    last_number = _LAST_NUMBER.search(clause)
    if last_number is not None:
        clause = clause[last_number.end() :]
    before = _LETTERS.findall(clause)[-4:]
    tail = text[end : end + 40]
    stop = _CLAUSE_BREAK.search(tail)
    after = []
    for word in _LETTERS.findall(tail[: stop.start()] if stop else tail)[:3]:
        if word.casefold() in STOPWORDS:
            break  # the noun phrase ends ("help 11 million and would cost $12 million")
        after.append(word)
    return any(word.casefold() in _MONEY_WORDS for word in before + after)


def _joins_a_range(joined: re.Match, text: str, end: int) -> bool:
    """Whether the word between a currency amount and the amount ending at `end` (_MONEY_JOINED)
    makes them the two ends of a range: a dash always; "and" after "between $X"; "to" after "from
    $X" or when the amount ends its clause ("rose $5 million to 7 million."); "or" when it ends
    its clause ("lost £2m or 3 million.")."""
    word = joined.group("join").casefold()
    opens = (joined.group("opens") or "").casefold()
    if word in ("-", "–"):
        return True
    if word == "and":
        return opens == "between"
    if word == "to" and opens == "from":
        return True
    if _ENDS_CLAUSE.match(text, end) is not None:
        return True
    # "$2 million or 3 million in damages": what the amount is in says it is money; a verb
    # after it ("or 3 million went unclaimed") starts a clause of its own.
    said_in = _MONEY_AFTER.match(text, end) if word == "or" else None
    return said_in is not None and any((w or "").casefold() in _MONEY_WORDS for w in said_in.groups())


def _in_other_currency(text: str, end: int) -> bool:
    """Whether one of the few words after the amount ending at `end` is a currency of
    _OTHER_CURRENCIES ("1.2 billion yuan", "1.2 billion Chinese yuan", "2 billion South African
    rand")."""
    pos = end
    for _ in range(3):
        match = _NEXT_WORD.match(text, pos)
        if not match:
            return False
        if normalize_word(match.group(1).casefold()) in _OTHER_CURRENCIES:
            return True
        pos = match.end()
    return False


_POINTS_AFTER = re.compile(r"\s+(?:percentage\s+)?points?\b", re.IGNORECASE)


def _with_points(figure: Figure, text: str, base: int) -> Figure:
    """A count of points shown with its unit ("3 percentage points"), which a reader needs to
    see against "3 percent"."""
    if figure.kind != "count" or figure.unit != "point":
        return figure
    match = _POINTS_AFTER.match(text, figure.end - base)
    if match is None:
        return figure
    return replace(figure, text=text[figure.start - base : match.end()], end=base + match.end())


_DETERMINERS = frozenset("the a an its their his her our your my this that these those".split())


def _counts_a_thing(text: str, end: int) -> bool:
    """Whether the amount ending at `end` counts something: a plural noun in the words after it
    ("1.2 billion people", "11 million undocumented immigrants", "2 million of the files"), or
    a compound ("a 37 million-member group"); "cost 1.2 billion." and "a 1.2 billion deal" count
    nothing."""
    if text[end : end + 1] == "-":
        return True
    pos = end
    after_of = False  # "2 million of": one determiner may follow ("of the files", "of its users")
    for _ in range(3):
        match = _NEXT_WORD.match(text, pos)
        if not match:
            return False
        word = match.group(1).casefold()
        if word in _PLURAL_NOUNS or (word.endswith("s") and not word.endswith("ss") and word not in STOPWORDS):
            return True
        if word in STOPWORDS and not (pos == end and word == "of") and not (after_of and word in _DETERMINERS):
            return False
        after_of = pos == end and word == "of"
        pos = match.end()
        if text[pos : pos + 1] not in (" ", "\t"):
            return False  # punctuation ends the noun phrase
    return False


def _clocks(text: str, base: int) -> list[Figure]:
    """The times of day of `text`, without their context."""
    clocks: list[Figure] = []
    matches = list(_CLOCK.finditer(text))
    last_end = None  # where the last time accepted ends, in `text`
    for n, m in enumerate(matches):
        hour = int(m.group("hour") or m.group("hour24"))
        written = m.group("minute") or m.group("minute24")
        minute = int(written) if written else None
        half = (m.group("half") or "").casefold() or None
        linked = last_end is not None and _LINKED.fullmatch(text, last_end, m.start()) is not None
        if half is None and not linked and not _told_as_time(text, m.start(), m.end()):
            if not _opens_time_range(text, m, matches[n + 1] if n + 1 < len(matches) else None):
                continue  # "John 3:16": a verse, not a time
        if half is None and hour > 12:
            hour, half = hour - 12, "p"
        if half is not None and not 1 <= hour <= 12:
            continue  # "0 a.m.", "13 p.m.": no time
        loose = _LOOSE_TIME.search(text, max(0, m.start() - 30), m.start()) is not None
        value = (hour or 12, minute, half)
        clocks.append(Figure(m.group(), base + m.start(), base + m.end(), "time", value, low=0 if loose else None))
        last_end = m.end()
    return clocks


def _opens_time_range(text: str, first: re.Match, then: re.Match | None) -> bool:
    """Whether `first` (no a.m. / p.m., no words of time) opens a range of times with the clock
    `then`, which is told as a time: "from 9:30 to 9:45 a.m.", "between 9:30 and 10:15 daily",
    "... to 9:45 local time". A range told as nothing is two number pairs, whatever its numbers:
    ratios and verses ("from 1:10 to 1:20", "from 5:13 to 5:16") and durations in minutes and
    seconds ("his time fell from 1:58 to 2:03"), which move on to another "hour" as often."""
    if then is None or not _TIME_RANGE.search(text, max(0, first.start() - 20), first.start()):
        return False
    if not _LINKED.fullmatch(text, first.end(), then.start()):
        return False
    return bool(then.group("half") or _TIME_AFTER.match(text, then.end()))


def _told_as_time(text: str, start: int, end: int) -> bool:
    """Whether words of time are around "14:05" (which has no a.m. or p.m. to say it)."""
    return bool(_TIME_BEFORE.search(text, max(0, start - 20), start) or _TIME_AFTER.match(text, end))


# The zone a time of day is told in, just after it: "6 p.m. EDT", "8am (AEST)", "21:00 GMT",
# "3 p.m. Arizona time", "9 a.m. local time". Only zones with one meaning have an offset
# (hours from UTC); "CST" (US or China), "IST" and a place's time are compared only with the same.
_ZONE_AFTER = re.compile(
    r"\s*\(?(?P<abbr>GMT|UTC|BST|CEST|CET|AEST|AEDT|JST|HKT|SGT|[ECMP][SD]?T)\)?(?![\w'’])"
    r"|\s+(?P<place>(?:[A-Z][a-z]+\s+){1,2}|local\s+)time\b"
)
_ZONE_HOURS = {
    "gmt": 0, "utc": 0, "bst": 1, "cet": 1, "cest": 2, "aest": 10, "aedt": 11, "jst": 9, "hkt": 8, "sgt": 8,
    "est": -5, "edt": -4, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
}  # fmt: skip
# The US zones told without their season ("10 a.m. ET"): standard or daylight time, so either
# offset. A time in one is one of two moments, and differs only from a time that meets neither.
_SEASONAL_ZONE_HOURS = {"et": (-5, -4), "ct": (-6, -5), "mt": (-7, -6), "pt": (-8, -7)}


def _zoned(clock: Figure, text: str, base: int) -> Figure:
    """`clock` with the zone told after it as its unit ("edt", "arizona time"); as told when no
    zone is. Its value stays the one told: a side telling no zone is read in the other's
    (_utc_moment compares two zones). For the flags only."""
    m = _ZONE_AFTER.match(text, clock.end - base)
    if m is None:
        return clock
    return replace(clock, unit=(m.group("abbr") or m.group("place")).strip().casefold())


def _zone_shown(figure: Figure, text: str, base: int) -> Figure:
    """A zoned time of day with its zone in its text ("8 p.m. EST" / "8 p.m. PST": two zones'
    "8 p.m." are no one time to a reader). After its context is read, which stays as before."""
    if figure.kind != "time" or figure.unit is None:
        return figure
    m = _ZONE_AFTER.match(text, figure.end - base)
    return figure if m is None else replace(figure, text=text[figure.start - base : m.end()], end=base + m.end())


def _utc_moment(clock: Figure) -> tuple | None:
    """A zoned time of day (_zoned) moved to UTC, where its zone has one offset and the half of
    the day is told ("6 p.m. EDT" and "3 p.m. PDT" are one moment); else None ("14:05" with no
    half may be 2 or 14 o'clock; "CST" is the US's or China's)."""
    offset = _ZONE_HOURS.get(clock.unit) if clock.unit else None
    return None if offset is None else _moved_to_utc(clock.value, offset)


def _moved_to_utc(value: tuple, offset: int) -> tuple | None:
    """A time of day's value told at `offset` hours from UTC, in UTC; None without its half."""
    hour, minute, half = value
    if half is None:
        return None
    minutes = ((hour % 12 + (12 if half == "p" else 0) - offset) * 60 + (minute or 0)) % (24 * 60)
    at, moved_minute = divmod(minutes, 60)
    return (at % 12 or 12, moved_minute if minute is not None else None, "p" if at >= 12 else "a")


def _utc_moments(clock: Figure) -> list[tuple] | None:
    """The moments in UTC a zoned time of day may be: one where its zone has one offset, two in a
    US zone told without its season ("10 a.m. ET": EST or EDT); None where it cannot be told."""
    offsets = _SEASONAL_ZONE_HOURS.get(clock.unit or "")
    if offsets is None:
        moment = _utc_moment(clock)
        return None if moment is None else [moment]
    moments = [m for m in (_moved_to_utc(clock.value, offset) for offset in offsets) if m is not None]
    return moments if len(moments) == len(offsets) else None  # no half of the day told: None


def _in_one_zone(a: Figure, b: Figure) -> list[tuple[tuple, tuple]]:
    """The pairs of values two times of day may be to compare: in UTC when they are told in two
    zones whose offsets are known (each reading of a seasonless "ET"), else as told (one zone, or
    a zone on one side only)."""
    if a.unit != b.unit:
        moments_a, moments_b = _utc_moments(a), _utc_moments(b)
        if moments_a is not None and moments_b is not None:
            return [(x, y) for x in moments_a for y in moments_b]
    return [(a.value, b.value)]


# A time of day as wire copy writes it, four digits before a zone: "at 0520 GMT", "by 1018 GMT".
_WIRE_CLOCK = re.compile(r"(?<![\w.,:$/])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)(?=\s*\(?(?:GMT|UTC|[ECMP][SD]T)\b)")


def _wire_clocks(text: str, base: int) -> list[Figure]:
    """The times of day `text` writes as four digits before a zone: times, not counts of "GMT"."""
    clocks = []
    for m in _WIRE_CLOCK.finditer(text):
        hour, minute = int(m.group("hour")), int(m.group("minute"))
        value = (hour % 12 or 12, minute, "p" if hour >= 12 else "a")
        clocks.append(Figure(m.group(), base + m.start(), base + m.end(), "time", value))
    return clocks


# "at" / "by" / "as of" before a time that follows its clause's amounts: when they were quoted
# ("unchanged at 652 pence by 0835 GMT", "quoted at $367.90 an ounce at 1000 GMT").
_STAMP_BEFORE = re.compile(r"\b(?:at|by|as\s+of)\s+$", re.IGNORECASE)
_STAMP = "at"  # the first part of the frame of amounts quoted at a time
_QUOTE_GAP = 2  # words that may stand between a quoted amount and "at" its time: "an ounce"


def _stamped(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """`figures` (in order) with the amounts of a clause quoted at a time of day after them, and
    that time, framed as told at it (_quote_stamp): prices quoted at 0520 GMT and at 1000 GMT
    are two quantities, and the two times no differing fact. Amounts already told for a period
    keep it."""
    out = list(figures)
    opening = 0  # index of the first figure of the clause looked at
    for n, clock in enumerate(figures):
        if clock.kind != "time":
            continue
        stamp = _STAMP_BEFORE.search(text, max(0, clock.start - base - 8), clock.start - base)
        if stamp is None:
            continue
        quoted = _clause_amounts(figures, opening, n, text, base)
        opening = n + 1  # each figure is looked at once: a long text stays linear
        if not quoted or not _quote_stamp(figures[quoted[-1]], stamp, text, base):
            continue
        frame = (_STAMP, str(_utc_moment(clock) or (clock.unit, clock.value)))
        for k in [*quoted, n]:
            if out[k].frame is None:
                out[k] = replace(out[k], frame=frame)
    return out


def _clause_amounts(figures: list[Figure], opening: int, n: int, text: str, base: int) -> list[int]:
    """The indexes (in order) of the amounts among figures[opening:n] in the clause of figure n,
    read back from it up to the clause's stop."""
    end = figures[n].start - base
    found = []
    for k in range(n - 1, opening - 1, -1):
        if _CLAUSE_STOP.search(text, figures[k].end - base, end):
            break  # the ones before lie behind the same stop
        if figures[k].kind in _MOVE_KINDS:
            found.append(k)
    return found[::-1]


def _quote_stamp(last: Figure, stamp: re.Match, text: str, base: int) -> bool:
    """Whether the time `stamp` ("at" / "by" / "as of" before it) tells when amounts were quoted,
    `last` the last of them: told "by" or "as of" ("had rescued 50 by 3 p.m."), or "at" just after
    the amount and its unit ("$367.90 an ounce at 1000 GMT", "up 5 percent at 0930 GMT"); not an
    event's hour ("50 people were killed in the blast at 3 p.m.", "of magnitude 6.1, struck at 0520
    GMT"), where the amounts and the times are compared."""
    if not stamp.group().casefold().startswith("at"):
        return True
    gap = text[last.end - base : stamp.start()]
    return "," not in gap and len(gap.split()) <= _QUOTE_GAP


_AMOUNTS = ("count", "money", "percent", "ratio")
_YEAR = r"((?:19|20)\d\d)"
# "from 2007 through 2014", "between 2007 and 2014", "2007-2014", "2007–14"
_YEAR_SPAN = re.compile(
    rf"\b(?:from|between)\s+{_YEAR}\s+(?:through|thru|to|until|and)\s+{_YEAR}\b|\b{_YEAR}\s*[-–]\s*(\d\d(?:\d\d)?)\b",
    re.IGNORECASE,
)


def _period(text: str, figures: list[Figure]) -> tuple[int, int] | None:
    """The years a sentence states its amounts for (see Figure.period)."""
    span = _YEAR_SPAN.search(text)
    if span is not None:
        first, last = (span.group(1), span.group(2)) if span.group(1) else (span.group(3), span.group(4))
        low, high = int(first), int(last) if len(last) == 4 else int(first[:2] + last)
        return (low, high) if low < high else None
    years = {f.value for f in figures if f.kind == "year"}
    if len(years) == 1:
        year = int(years.pop())
        return year, year
    return None


_UNITS_OF_TIME = r"(day|week|month|quarter|year)s?"
# The periods an amount is told for, relative to the time of telling (Figure.frame).
_FRAME = re.compile(
    rf"\b(?:(?:a|one)\s+(?P<ago>{_UNITS_OF_TIME})\s+(?:earlier|ago|before)"
    rf"|(?P<hyphen_ago>year|quarter|month|week)[\s-](?:ago|earlier)"
    rf"|(?<!the\s)(?:prior|previous|last)[\s-](?P<last>{_UNITS_OF_TIME})(?!\s+(?:of|to|ending)\b)"
    rf"|(?:(?:so\s+far\s+)?this|for\s+the|on\s+the)\s+(?P<this>{_UNITS_OF_TIME})(?![\w-])"
    rf"|(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?:(?P<count>\w+)\s+)?(?P<past>{_UNITS_OF_TIME}))"
    r"(?!\s*'?s\b)",
    re.IGNORECASE,
)
_LATEST = "latest"  # the third part of a level's frame told for "last year" (see _other_frames)
_FRAME_AFTER = 80  # characters after an amount its period is looked for in
_FRAME_BEFORE = 60
_CLAUSE_STOP = re.compile(r";|[.!?](?:\s|$)")


# "rose 5 percent from a year earlier": the period a change is measured from, not the one told
_FRAME_BASE_BEFORE = re.compile(
    r"\b(?:from|than|over|since|compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+same\s+\w+\s+)?$", re.IGNORECASE
)


def _frame_of(match: re.Match[str], text: str) -> tuple[str, ...]:
    unit = match.group("ago") or match.group("hyphen_ago") or match.group("last")
    if unit is not None:
        if _FRAME_BASE_BEFORE.search(text, max(0, match.start() - 24), match.start()):
            return ("versus", unit.casefold())
        return ("before", unit.casefold())
    if match.group("this"):
        return ("this", match.group("this").casefold())
    return ("past", (match.group("count") or "one").casefold(), match.group("past").casefold())


def _framed(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """Each amount with the period its clause tells it for (Figure.frame): the first period
    words after it, before the next amount that is not the same one told again ("$102 million,
    or 13 cents a share, for the year-earlier quarter"), else the last before it with no amount
    between ("the year-ago quarter, when it earned $54 million"). Within its sentence."""
    told = [(m.start() + base, m.end() + base) for m in _FRAME.finditer(text)]
    since = _SINCE_OPENING.match(text)
    if not told and since is None:
        return figures
    told_starts = [a for a, _ in told]  # in order, apart: looked up by bisection

    def in_a_period(f: Figure) -> bool:
        k = bisect.bisect_right(told_starts, f.start) - 1
        return k >= 0 and f.end <= told[k][1]

    # "nine" in "over the past nine months" is part of a period, not the next amount
    amounts = [n for n, f in enumerate(figures) if f.kind in _MOVE_KINDS and not in_a_period(f)]
    out = list(figures)
    for i, n in enumerate(amounts):
        f = figures[n]
        start, end = f.start - base, f.end - base
        # the window after: up to the next amount not joined by "or" / "and" to this one
        stop = min(len(text), end + _FRAME_AFTER)
        prior_end = end
        for j in range(i + 1, len(amounts)):  # not a copy of the rest (quadratic in a long run)
            g = figures[amounts[j]]
            if _ALSO_MOVE.fullmatch(text, prior_end, g.start - base) and (g.start - base) - end < _FRAME_AFTER:
                prior_end = g.end - base
                continue
            stop = min(stop, g.start - base)
            break
        clause = _CLAUSE_STOP.search(text, end, stop)
        if clause is not None:
            stop = clause.start()
        found = _FRAME.search(text, end, stop) if stop > end else None
        if found is None:
            opening = max(0, start - _FRAME_BEFORE)
            if i > 0:
                opening = max(opening, figures[amounts[i - 1]].end - base)
            for clause in _CLAUSE_STOP.finditer(text, opening, start):
                opening = clause.end()
            for found in _FRAME.finditer(text, opening, start):
                pass
        if found is not None:
            frame = _frame_of(found, text)
            if frame == ("before", "year") and _latest_year(found, text) and _a_level(f, text, start, end):
                frame += (_LATEST,)  # "trade of $33.4 billion last year": the latest year's
            out[n] = replace(f, frame=frame)
        elif i > 0 and _ALSO_MOVE.fullmatch(text, figures[amounts[i - 1]].end - base, start):
            # "earned $54 million, or 22 cents a share": one amount told twice, one period
            out[n] = replace(f, frame=out[amounts[i - 1]].frame)
        elif since is not None and f.start - base > since.end():
            out[n] = replace(f, frame=(_SINCE,))  # "Since Sept. 11, 2001, airlines have lost $18 billion"
    return out


# The accounts a company reports, by what news calls them: sales are revenue, earnings profit
# ("profit-taking" is selling, no account).
_ACCOUNT = re.compile(
    r"\b(?P<word>revenues?|sales|turnover|profits?(?!-taking)|earnings|income|loss(?:es)?)\b", re.IGNORECASE
)
_ACCOUNTS = {"revenue": "revenue", "revenues": "revenue", "sales": "revenue", "turnover": "revenue"}
_ACCOUNTS |= {"profit": "profit", "profits": "profit", "earnings": "profit", "income": "profit"}
_ACCOUNTS |= {"loss": "loss", "losses": "loss"}


_ACCOUNT_MARKET = "account"  # the kind of the entry of Figure.markets telling an amount's account


def _measured_as(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """`figures` with the account their sentence names last before each amount, in its clause
    ("revenue of $388.1 million, compared with $318.5 million": revenue; "a loss of $55.4
    million": loss), as an entry of Figure.markets: revenue, profit and a loss are three
    quantities (see _other_markets)."""
    named = [(m.end(), _ACCOUNTS[m.group("word").casefold()]) for m in _ACCOUNT.finditer(text)]
    if not named:
        return figures  # most sentences name none
    ends = [end for end, _ in named]
    out = []
    for f in figures:
        k = bisect.bisect_right(ends, f.start - base) - 1
        if f.kind in _MOVE_KINDS and k >= 0 and not _CLAUSE_STOP.search(text, ends[k], f.start - base):
            f = replace(f, markets=f.markets | {(_ACCOUNT_MARKET, named[k][1])})
        out.append(f)
    return out


# A part of a year named by its place: "the second quarter", "third-quarter", "the fiscal first
# quarter", "Q3", "the first half".
_QUARTER = re.compile(
    r"\b(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?(?P<part>quarter|half)"
    r"|(?P<short>[QH][1-4]))\b",
    re.IGNORECASE,
)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_QUARTER_FRAME = "part of year"  # the first part of the frame of amounts told for one quarter


def _in_quarter(figures: list[Figure], text: str) -> list[Figure]:
    """`figures` with the one quarter or half their sentence names as the frame of its amounts
    told for no other period: a loss "in the first quarter" and one "in 2002's second fiscal
    quarter" are two quantities. A sentence naming two parts of a year says not which is whose."""
    if "uarter" not in text and "half" not in text.casefold() and not re.search(r"\b[QH][1-4]\b", text):
        return figures  # most sentences name none
    named = set()
    for m in _QUARTER.finditer(text):
        short = m.group("short")
        if short is not None:
            named.add(("quarter" if short[0] in "Qq" else "half", int(short[1])))
        else:
            named.add((m.group("part").casefold(), _ORDINALS[m.group("ordinal").casefold()]))
    if len(named) != 1:
        return figures
    part, place = named.pop()
    frame = (_QUARTER_FRAME, part, str(place))
    return [replace(f, frame=frame) if f.kind in _MOVE_KINDS and f.frame is None else f for f in figures]


_SINCE = "since"  # the frame of amounts a sentence opening "Since 2001," tells: a span up to now
# "Since Sept. 11, 2001," or "Since the company's founding in 2001,": a comma inside a short date only
_SINCE_OPENING = re.compile(r"\s*Since\s+(?:[^;:,]{0,48}?|[^;:]{0,24}?)(?:19|20)\d\d\s*,")
# "the same quarter last year", "the quarter a year earlier": a part of the year, no whole year
_PART_OF_YEAR_BEFORE = re.compile(r"\b(?:quarter|month|week|period|half|season)\s+$", re.IGNORECASE)


def _latest_year(found: re.Match[str], text: str) -> bool:
    """Whether a period found is "last year" told of a whole year (see _LATEST)."""
    return bool(found.group("last")) and not _PART_OF_YEAR_BEFORE.search(
        text, max(0, found.start() - 12), found.start()
    )


_DAY = "day"  # the frame of an amount told for a named day: ("day", "tuesday")
_NOW = ("now",)  # the frame of a level told in the present tense: "Acme employs 6,000"
_RELATIVE_DAYS = frozenset(("yesterday", "today"))
# A day told after an amount in its clause ("to $45.90 on Tuesday", "1.19 billion on Tuesday"),
# not after a speech verb, which tells when it was said ("5 percent, the company said Tuesday")
_DAY_AFTER = re.compile(
    r"[^,;:!?\d]{0,48}?(?<![\w'’])(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)"
    r"(?![\w'’])",
    re.IGNORECASE,
)
_SAID_BEFORE_DAY = re.compile(r"\b(?:said|says|told|announced|reported)\b", re.IGNORECASE)
_DAY_NAMES = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today"
# A day's trading told after an amount by its possessive ("2 percent in Monday's trading", "4.35
# percent at Wednesday's close"); not after "from" or "since", which tell a change's start
# ("rose 2 percent from Monday's close" is today's move).
_DAY_OWNED_AFTER = re.compile(
    rf"[^,;:!?\d]{{0,48}}?(?<![\w'’])(?:in|during|at|on|by)\s+(?:(?:early|late)\s+)?(?P<day>{_DAY_NAMES})['’]s?(?![\w'’])",
    re.IGNORECASE,
)
# A day's possessive right before an amount, past a hedge: "extending Tuesday's 2 percent loss".
_DAY_OWNED_BEFORE = re.compile(
    rf"(?<![\w'’])(?P<day>{_DAY_NAMES})['’]s?\s+(?:(?:about|around|roughly|nearly|almost|some|over|more\s+than)\s+)?$",
    re.IGNORECASE,
)
# A verb in the present tense right before an amount (past a hedge): "employs 6,000", "is $18
# billion", "have about 300"; a word in -s that is no verb is told apart below (_NOT_PRESENT), and
# so is a sum's verb: "trade totals $34 billion" tells the latest year's total, as "last year" does
_PRESENT_BEFORE = re.compile(
    r"(?<![\w'’\-])(?P<verb>[a-z]+)\s+(?:(?:about|around|roughly|nearly|almost|some|over|just|more\s+than|less\s+than)\s+)?$"
)
_NOT_PRESENT = frozenset(
    "was as its his this thus plus minus versus less unless across whereas perhaps totals amounts".split()
)


def _told_when(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """Each amount told for no period (see _framed) with the day it is told for (frame ("day",
    name), _day_told; an amount of one move with another told for a day shares it: "$1.49, or 6.6
    percent, to $23.99 early Wednesday") or, for a level in the present tense, the present (_NOW): one stock's
    price "on Monday" and "on Tuesday" are two prices, and a level a year ago and one now are
    two levels ("employed 5,000 last year" / "employs 6,000")."""
    out = figures
    later_day: tuple[str, ...] | None = None  # the day of the amount after, told of one move
    for n in range(len(figures) - 1, -1, -1):
        f = figures[n]
        if f.kind not in _MOVE_KINDS:
            later_day = None
            continue
        joined = n + 1 < len(figures) and _ONE_MOVE_BETWEEN.fullmatch(text, f.end - base, figures[n + 1].start - base)
        day = later_day if joined else None
        later_day = f.frame if f.frame is not None and f.frame[0] == _DAY else None
        if f.frame is not None:
            continue
        start, end = f.start - base, f.end - base
        frame = _day_told(text, start, end, f.kind) or day or _from_day(text, end) or _present(f, text, start, end)
        if frame is not None:
            out = out if out is not figures else list(figures)
            out[n] = replace(f, frame=frame)
            later_day = frame if frame[0] == _DAY else None
    for n in range(1, len(out)):  # "fell 3 percent in Monday's trading, to 5.35 euros": Monday's close
        f, before = out[n], out[n - 1]
        if f.frame is None and f.kind in _MOVE_KINDS and before.frame is not None and before.frame[0] == _DAY:
            between = (before.end - base, f.start - base)
            if _ONE_MOVE_BETWEEN.fullmatch(text, *between) or _DAY_THEN_AMOUNT.fullmatch(text, *between):
                out = out if out is not figures else list(figures)
                out[n] = replace(f, frame=before.frame)
    return out


_FROM_DAY = "from day"  # the frame of a move's end told against a day's level: ("from day", "friday")
# A move's end told against where it stood on a day: "to 4.38 percent from 4.39 percent late
# Friday", "versus 4.35 percent at Wednesday's close". The end is some time after that day, so two
# ends told from two days' levels are two days' ("from ... late Friday" / "from ... late Monday").
_FROM_DAY_AFTER = re.compile(
    rf"\s*,?\s*(?:(?:up|down|off)\s+)?(?:from|versus|vs\.?|compared\s+with)\s+[$€£¥]?\d[\d.,]*\s*(?:percent|per\s+cent|%|cents?)?"
    rf"\s+(?:(?:late|early)\s+(?:on\s+)?|on\s+|at\s+)?(?P<day>{_DAY_NAMES})(?:['’]s?\s+close)?(?![\w'’])",
    re.IGNORECASE,
)


def _from_day(text: str, end: int) -> tuple[str, ...] | None:
    """_FROM_DAY for an amount told against a day's level right after it (_FROM_DAY_AFTER)."""
    found = _FROM_DAY_AFTER.match(text, end)
    return None if found is None else (_FROM_DAY, found.group("day").casefold())


# Between two amounts of one move, told together: "$1.49, or 6.6 percent, to $23.999 early
# Wednesday" tells all three on Wednesday; not "from", which opens the move's start.
_ONE_MOVE_BETWEEN = re.compile(r"\s*,?\s*(?:(?:or|to|at)\s+)?")
# The day told between an amount and the next of its move: "3 percent in Monday's trading, to".
_DAY_THEN_AMOUNT = re.compile(
    rf"\s+(?:in|during|on)\s+(?:(?:early|late)\s+)?(?i:{_DAY_NAMES})(?:['’]s?\s+(?:trading|trade|session|dealings))?\s*,?\s*(?:to|at)\s+"
)


def _day_told(text: str, start: int, end: int, kind: str) -> tuple[str, ...] | None:
    """The day text[start:end], an amount of `kind`, is told for, as a frame: told after it in its
    clause ("on Tuesday", "in Tuesday's trading"), by a possessive right before it ("Tuesday's 2
    percent"), or opening its clause (_opening_day). A day is when, not what: "Monday's" is no
    word of what the amount is of. A day after the amount that a report governs is the report's
    day, not the amount's (_REPORTED_BEFORE, _SAID_BEFORE_DAY), but for a count reported: a
    day's new cases are the day's count ("reported 65 cases on Tuesday", "65 cases reported
    Tuesday")."""
    before = _DAY_OWNED_BEFORE.search(text, max(0, start - 24), start)
    if before is not None:
        return (_DAY, before.group("day").casefold())
    found = _DAY_AFTER.match(text, end)
    owned = _DAY_OWNED_AFTER.match(text, end)
    if owned is not None and (found is None or owned.start("day") < found.start("day")):
        found = owned
    if found is None:
        return _opening_day(text, start)
    if kind == "count" and _COUNT_REPORTED_ON.match(text, end, found.start("day")):
        return (_DAY, found.group("day").casefold())
    if _SAID_BEFORE_DAY.search(text, end, found.start("day")):
        return None
    if kind != "count" and _reported_object(text, start):
        return None  # "Acme reported sales of $5 million on Monday": the report's day, not the quarter's
    return (_DAY, found.group("day").casefold())


def _reported_object(text: str, start: int) -> bool:
    """Whether the amount at `start` is what a reporting verb before it reports (_REPORTED_BEFORE),
    not told in a clause of its own after it: "Acme reported sales rose 5 percent", "Reports say
    the index fell 2 percent" (no "that") tell the move's day, as "reported that" does."""
    report = _REPORTED_BEFORE.search(text, max(0, start - 64), start)
    if report is None:
        return False
    between = _WORD.findall(text, report.end("verb"), start)
    return not any(word.casefold() in _CLAUSE_VERBS_AFTER_REPORT for word in between)


# A count told as a running total ("a total of 149", "the total to 149", "bringing the toll to")
# or as what was added to one ("18 additional cases", "11 more deaths", "up 11 cases from ...").
_TOTAL_BEFORE = re.compile(
    r"\b(?:total|tally|toll)\s+(?:of|to|at|stands\s+at|reached|rose\s+to)\s+(?:(?:about|around|some|nearly)\s+)?$",
    re.IGNORECASE,
)
_ADDED_AFTER = re.compile(r"\s+(?:additional|more|extra)\b", re.IGNORECASE)
_UP_BEFORE = re.compile(r"\b(?:up|down)\s+$", re.IGNORECASE)
_FROM_AFTER = re.compile(r"[^,;:.!?\d]{0,40}?\bfrom\b", re.IGNORECASE)


def _tallied(figure: Figure, text: str, base: int) -> Figure:
    """A count marked as a total or what was added to one (Figure.tally)."""
    if figure.kind != "count":
        return figure
    start, end = figure.start - base, figure.end - base
    if _TOTAL_BEFORE.search(text, max(0, start - 40), start):
        return replace(figure, tally="total")
    if _ADDED_AFTER.match(text, end) or (
        _UP_BEFORE.search(text, max(0, start - 8), start) and _FROM_AFTER.match(text, end)
    ):
        return replace(figure, tally="added")
    return figure


# The part of the trading day a sentence tells its prices and moves at (Figure.session).
_SESSIONS = (
    (
        "morning",
        re.compile(
            r"\b(?:in|during|by)\s+(?:early\s+|late\s+|mid-?)?morning\s+trading\b|\bin\s+early\s+trading\b", re.I
        ),
    ),
    ("midday", re.compile(r"\b(?:at|by|around|during|in)\s+(?:midday|mid-day|noon)\b|\bmidday\s+trading\b", re.I)),
    (
        "afternoon",
        re.compile(
            r"\b(?:in|during|by)\s+(?:early\s+|late\s+|mid-?)?afternoon\b|\bafternoon\s+trading\b"
            r"|\b(?:monday|tuesday|wednesday|thursday|friday)\s+afternoon\b",
            re.I,
        ),
    ),
    (
        "close",
        re.compile(
            r"\b(?:to\s+close|clos(?:ed|ing)|settl(?:ed|ing)|end(?:ed|ing)\s+the\s+day)\s+(?:at|up|down|higher|lower)\b"
            r"|\bat\s+the\s+close\b",
            re.I,
        ),
    ),
)


def _in_session(figures: list[Figure], text: str) -> list[Figure]:
    """Each move and price marked with the one part of the trading day its sentence tells, if any."""
    if not any(f.kind in _MOVE_KINDS for f in figures):
        return figures
    told = {name for name, pattern in _SESSIONS if pattern.search(text)}
    if len(told) != 1:
        return figures
    [session] = told
    return [replace(f, session=session) if f.kind in _MOVE_KINDS else f for f in figures]


# A reporting verb whose object the amount is in, told before it in its clause: "Acme reported
# sales of $5 million", "announced a profit of $2 billion", "disclosed a 5 percent stake". Not
# past "that" or a clause's mark ("reported that shares fell 5 percent on Monday": the fall's
# day), nor "posted" and "recorded", which tell a day's move ("posted a 2 percent gain on Monday").
_REPORTED_BEFORE = re.compile(
    r"\b(?P<verb>reported|reports|report|announced|announces|announce|disclosed|discloses|disclose)\b"
    r"(?:(?!\b(?:that|which|who|after|when|while|as)\b)[^,;:.!?\d])*$",
    re.IGNORECASE,
)
# The finite verb of a clause of its own between a report and its amount ("reported sales rose 5
# percent", "Reports say the index fell"): a move's past ("rose", "dropped", "closed"), "be" and
# "have", or a speech verb. Not a bare "drop", "gain" or "gains", nouns as often ("a drop of 3%").
_CLAUSE_VERBS_AFTER_REPORT = (
    frozenset(TRADED_VERBS)
    | frozenset(("grew", "stood", "was", "were", "is", "are", "has", "had", "have"))
    | frozenset(v for v in SPEECH_VERBS if v.endswith(("ed", "s")) or v in ("say", "told"))
)
_WORD = re.compile(r"[^\W\d_]+")
# A count's noun and "reported" between it and its day: "65 new cases reported Tuesday".
_COUNT_REPORTED_ON = re.compile(r"(?:\s+[a-z\-]+){1,3}?\s+(?:were\s+|was\s+)?reported\s+(?:on\s+)?$")


# A day opening a sentence, told of what the sentence then tells: "Yesterday, the state reported
# 65 cases", "On Monday the index fell 2 percent", "Early Tuesday, shares ...". Not a day's
# possessive ("Monday's storm killed 5": the storm's day, not the count's).
_OPENING_DAY = re.compile(
    rf"[\s\"'“‘(]*(?P<on>(?:(?:on|early|late|earlier|later)\s+)*)(?P<day>{_DAY_NAMES})"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?(?![\w'’])\s*(?P<comma>,?)\s",
    re.IGNORECASE,
)
# Between an opening day and an amount, where the day stops telling the amount's: a clause told
# by a speech verb ("On Monday, Acme said sales rose 5 percent": when it was said, not the
# sales' day), a report of anything but a count told right after its verb ("On Monday, Acme
# reported sales of $5 million", "posted a loss of": the report's day, not the quarter's; "the
# state reported 65 cases" is the count's), another clause (";"), or another day.
_OPENING_DAY_STOP = re.compile(
    r";|\b(?:said|says|told|announced)\b"
    r"|\b(?:reported|reports|posted|recorded|disclosed)\b(?!\s+(?:(?:about|around|roughly|nearly|almost|some|over"
    r"|under|(?:more|less|fewer)\s+than|at\s+least)\s+)?[$€£¥]?\d)"
    rf"|(?<![\w'’])(?:{_DAY_NAMES})\b",
    re.IGNORECASE,
)


def _opening_day(text: str, start: int) -> tuple[str, ...] | None:
    """The day opening the sentence, or the clause after its last ";" before `start`, the amount
    at `start` is told in (_OPENING_DAY), where no speech verb, ";" or other day comes between
    them (_OPENING_DAY_STOP): "Sales rose 5% on Monday; on Tuesday they fell 3%" tells 3% of
    Tuesday, as its own sentence would."""
    clause = text.rfind(";", 0, start) + 1
    day, first, last = _sentence_opening_day(text[clause:])
    return day if first <= start - clause <= last else None


@functools.lru_cache(maxsize=8)
def _sentence_opening_day(text: str) -> tuple[tuple[str, ...] | None, int, int]:
    """The day opening `text` and the first and last place an amount told of it may start: after
    the opening, before the end of the first stop after it (a speech verb, ";", another day). Found once a sentence, so a long sentence of
    many amounts is read once, not once an amount. A day starting a name is none: "Sunday Times
    reported", "Monday Night Football drew" (a capital after the day, with no comma nor "on" to
    set it apart)."""
    opening = _OPENING_DAY.match(text)
    if opening is None:
        return None, 1, 0
    if opening.group("part") and opening.group("part")[0].isupper():
        return None, 1, 0
    if not (opening.group("on") or opening.group("comma")) and text[opening.end() : opening.end() + 1].isupper():
        return None, 1, 0
    stop = _OPENING_DAY_STOP.search(text, opening.end())
    last = len(text) if stop is None else stop.end() - 1
    return (_DAY, opening.group("day").casefold()), opening.end(), last


def _present(f: Figure, text: str, start: int, end: int) -> tuple[str, ...] | None:
    """_NOW for a level told in the present tense: after "is", "are", "have" or a verb in -s
    ("employs 6,000"; not "was", nor a unit of time: "In recent years 5,000"), no move nor
    result (see _a_level: "has 300" is read as a result, as "had" is)."""
    verb = _PRESENT_BEFORE.search(text, max(0, start - 32), start)
    if verb is None:
        return None
    word = verb.group("verb")
    present = word in ("is", "are", "have") or (
        word.endswith("s")
        and not word.endswith(("ss", "us"))
        and word not in _NOT_PRESENT
        and word not in _COUNTED_STOPWORDS  # "In recent years 5,000 people came": a noun
    )
    return _NOW if present and _a_level(f, text, start, end) else None


# The zones news is written in, in hours from UTC: Hawaii and the US Pacific (-10, -8) to Tokyo and
# Sydney (+9, +10). A story stamped in UTC may have been written in any of them, so its own day
# is sure only where every one of them puts the stamp on the stamp's own day (10:00 to 13:59
# UTC); before that it may be the day before (Los Angeles at 07:00 UTC is the evening before),
# after it the day after (Tokyo at 15:00 UTC). A stamp on the article's own clock just after
# midnight (before 3 a.m.) was likely written the evening before.
_NEWS_ZONES_WEST, _NEWS_ZONES_EAST = -10, 10
_LOCAL_AFTER_MIDNIGHT = 3


def _days_written(day: datetime.date, time: str | None) -> tuple[datetime.date, ...]:
    """The days an article dated `day` may have been written on, by its `time` (Article.time:
    "YYYY-MM-DDTHH:MM:SSZ" in UTC, else its own clock): its date alone where nothing says
    otherwise; the day before too for a stamp just after midnight on its own clock, or a UTC stamp
    some zone news is written in (_NEWS_ZONES_WEST) puts on the day before; the day after for a
    UTC stamp one puts on the day after (_NEWS_ZONES_EAST). A UTC stamp on another day than the date was
    dated in the source's own zone, whose day the date is; a stamp at midnight to the second is
    a date with no time (as a CMS writes one)."""
    try:
        moment = datetime.datetime.fromisoformat((time or "").removesuffix("Z"))
    except ValueError:
        return (day,)
    if moment.date() != day or moment.time() == datetime.time():  # midnight to the second: no time told
        return (day,)
    one = datetime.timedelta(days=1)
    in_utc = (time or "").endswith("Z")
    if moment.hour < (-_NEWS_ZONES_WEST if in_utc else _LOCAL_AFTER_MIDNIGHT):
        return (day - one, day)
    if in_utc and moment.hour + _NEWS_ZONES_EAST >= 24:
        return (day, day + one)
    return (day,)


def days_by_date(figures: list[Figure], date: str | None, time: str | None = None) -> list[Figure]:
    """`figures` with each day told as "yesterday" or "today" named as the weekday it was by the
    article's `date` (ISO YYYY-MM-DD): a story of Saturday's "yesterday" is Friday, one of
    Tuesday's is Monday, so "65 cases yesterday" and "55 cases on Friday" are one day's counts or
    two by the dates. Where the article's `time` leaves its day uncertain (_days_written: near
    midnight) the day is both weekdays it may be ("thursday or friday"), which is one day with
    either (_other_days): a day it cannot tell apart is no reason to leave two figures
    uncompared. Unchanged when the date is missing
    or unreadable."""
    try:
        written = _days_written(datetime.date.fromisoformat((date or "")[:10]), time)
        one = datetime.timedelta(days=1)
        named = {"today": written, "yesterday": tuple(d - one for d in written)}
    except (ValueError, OverflowError):  # "0001-01-01" has no day before it
        return figures
    out = figures
    for n, f in enumerate(figures):
        # a day a move's end is told from ("from 4.39 percent yesterday") is named as any day told
        if f.frame is not None and f.frame[0] in (_DAY, _FROM_DAY) and f.frame[1] in named:
            out = out if out is not figures else list(figures)
            weekdays = " or ".join(calendar.day_name[d.weekday()].casefold() for d in named[f.frame[1]])
            out[n] = replace(f, frame=(f.frame[0], weekdays))
    return out


def _other_days(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two days told are two: no weekday either may be is one the other may be. "yesterday"
    or "today" may be any weekday, and one outlet's "today" is the next morning's paper's
    "yesterday": one day. A day days_by_date could not name for sure ("thursday or friday") may
    be either, so it is one day with each of them, as an undated "yesterday" is with any."""
    if a[1] in _RELATIVE_DAYS or b[1] in _RELATIVE_DAYS:
        return False
    return not set(a[1].split(" or ")) & set(b[1].split(" or "))


# What opens an amount's clause, looked for backwards: a sentence's end, a colon, a semicolon, a
# dash between spaces, or a comma ("In New York, Acme shares rose"); a parenthesis is skipped.
_SUBJECT_BEFORE = 160  # characters before an amount its clause is looked for in
_CLAUSE_OPENING = re.compile(r"[.!?](?=\s)|[;:,](?=\s)|\s[-\u2013\u2014]{1,2}\s|\n")
_PARENTHESIS = re.compile(r"\([^()]*\)")
# a clause opened by a relative pronoun tells of the name before its comma ("General Motors, which rose")
_RELATIVE_OPENING = re.compile(r"\s*(?:which|who|whose)\b", re.IGNORECASE)
# a period after these ends no sentence ("Acme Inc. shares", "Rep. Lee")
_ABBREVIATIONS = frozenset("inc corp co ltd plc rep sen gov mr mrs ms dr st jr sr gen lt col no vs".split())
_CAPITALISED = re.compile(r"(?<![\w'’&.\-])[A-Z][\w'’&.\-]*")
_SUBJECT_WORD_SPLIT = re.compile(r"[-/]")
# capitalised words that name no thing an amount is told of: company suffixes, times
_NOT_SUBJECTS = frozenset(
    "inc corp co ltd plc llc group u.s us based mr mrs ms dr rep sen gov gen monday tuesday wednesday thursday friday saturday sunday "
    "today yesterday edt est gmt".split()
)
# a preposition before a run of capitals makes it a place or venue ("at Build-A-Bear", "in New York")
_PLACE_OPENING = re.compile(
    r"(?<![\w'’])(?:at|in|on|from|to|for|by|near|outside|inside|across|into|with|via|through|over|under|after"
    r"|before|since|until|during|than|against|between|throughout|within|per)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CAPITALS_JOIN = re.compile(r"\s+(?:&\s+|(?:of|de|du|la|von|van|and)\s+)?")
# after a sentence opening, a capitalised word is a name only before one of these or a capital
_NAME_AFTER_OPENING = re.compile(r"(?:['’]s?)?\s+(?:shares|stock|crude|oil|[A-Z])")


# "a 4.600-strong force": a force's strength is whole, so a point before three digits groups
# thousands, as much of Europe writes them (4,600)
_THOUSANDS_POINT = re.compile(r"\d{1,3}\.\d{3}")
_STRONG_AFTER = re.compile(r"[\s-]strong\b", re.IGNORECASE)


def _strength_in_thousands(figure: Figure, text: str, base: int) -> Figure:
    if figure.kind != "count" or not _THOUSANDS_POINT.fullmatch(figure.text):
        return figure
    if not _STRONG_AFTER.match(text, figure.end - base):
        return figure
    value = int(figure.text.replace(".", ""))
    return replace(figure, value=value, unit=None if figure.unit == "strong" else figure.unit)


def _unparenthesised(text: str) -> str:
    """`text` with each parenthesis blanked, its offsets kept ("Acme (NYSE: ACM) rose")."""
    if "(" not in text:
        return text
    return _PARENTHESIS.sub(lambda m: " " * len(m.group()), text)


def _clause_opening(text: str, start: int) -> tuple[int, bool]:
    """Where the clause of the text before `start` opens, and whether a sentence opens there."""
    low = max(0, start - _SUBJECT_BEFORE)
    window = _unparenthesised(text[low:start])
    # the last openings are looked at from the end: only they are checked for an abbreviation
    found = reversed(list(_CLAUSE_OPENING.finditer(window)))
    openings = (m for m in found if m.group() != "." or not _abbreviated(window, m.start()))
    last = next(openings, None)
    relative = 0
    while last is not None and relative < 2 and _RELATIVE_OPENING.match(window, last.end()):
        last = next(openings, None)  # "General Motors, which rose 57 cents": the name before the comma
        relative += 1
    if last is None:
        return low, low == 0
    return low + last.end(), last.group() in ".!?\n"


_WORD_BEFORE_PERIOD = re.compile(r"[\w.]{1,12}$")
# Initials ending at a period ("U.S", "F" of "John F. Kennedy", "IBM"): the period is theirs.
_INITIALS_BEFORE_PERIOD = re.compile(r"(?:[A-Z]\.?)+")


def _abbreviated(text: str, period: int) -> bool:
    """Whether the period at `period` ends an abbreviation ("Inc.", "Rep.", "U.S."), no sentence."""
    found = _WORD_BEFORE_PERIOD.search(text, max(0, period - 12), period)
    word = found.group() if found else ""
    return word.casefold().strip(".") in _ABBREVIATIONS or _INITIALS_BEFORE_PERIOD.fullmatch(word) is not None


# a speech verb: the capitals before it name who tells, not what is told of ("Mayor Jane Doe said
# 15 people died" / "Police Chief John Smith said 12 died": one toll), unless what follows tells
# of the speaker ("Acme Corp. said it earned $5 million")
_SPEECH_VERB = re.compile(
    r"(?<![\w'’])(?:said|says|say|told|reported|reports|estimated|estimates|announced|announces|according\s+to"
    r"|(?:put|puts|placed|places)\s+(?:[^\W\d_]+\s+){1,4}?at)\b",  # "officials put the death toll at 300"
    re.IGNORECASE,
)
# A thing described, not named: capitals before a noun of what a company is ("the Cupertino
# iPhone maker", "the Seattle-based retailer") tell where it is or what it makes, not its name.
# A capitalised word right before "company" or "firm" names it ("the Acme company's shares"):
# those nouns tell nothing of the trade, so the word before them is its name (see _described).
_EPITHET = re.compile(
    r"(?<![\w'’])(?:the|a|an)\s+(?:[\w'’&.\-]+\s+){1,3}?(?-i:maker|makers|(?P<bare>company|firm)|giant|retailer"
    r"|carrier|airline|automaker|carmaker|chipmaker|drugmaker|insurer|lender|producer|manufacturer|operator"
    r"|provider|developer|conglomerate|publisher|supplier|brewer|miner|refiner|startup)"
    r"(?:['’]s?)?(?![\w'’\-])",
    re.IGNORECASE,
)
_WORD_BEFORE_NOUN = re.compile(r"([\w'’&.\-]+)\s+\w+(?:['’]s?)?$")


def _described(m: re.Match[str]) -> str:
    """An _EPITHET match blanked out, unless its noun is "company" or "firm" after a capitalised
    word ("the Acme company", not "the Cupertino-based company"): that word is the name."""
    if m.group("bare"):
        before = _WORD_BEFORE_NOUN.search(m.group())
        if before is not None and before.group(1)[0].isupper() and not before.group(1).casefold().endswith("-based"):
            return m.group()
    return " " * len(m.group())


_OF_THE_SPEAKER = re.compile(r"\s+(?:that\s+)?(?:it|its|he|his|she|her|they|their|we|our)\b", re.IGNORECASE)


def _after_speaker(clause: str) -> int:
    """Where what a clause tells of starts: after its last speech verb if one tells of another."""
    told = 0
    for m in _SPEECH_VERB.finditer(clause):
        told = 0 if _OF_THE_SPEAKER.match(clause, m.end()) else m.end()
    return told


# A word of capitals only, which no sentence's opening makes ("IBM", "RJR", "NASCAR"): a name.
_CAPITALS_ONLY = re.compile(r"[A-Z]{2,8}")


# Words a name's initials leave out ("Bank of America": boa is rare, "BofA" is no initials), and
# the next word starting with a capital: a stopword inside a name gives its initial.
_JOINING_WORDS = frozenset("the a an of and for in on at to by with from de du la von van".split())
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
# Short forms the news gives a few institutions, with the words of their full names: "the Fed"
# is the Federal Reserve. Known forms only; a word's own initials are read in _subject_words.
_SHORT_FORM_WORDS = {"fed": ("federal", "reserve", "fr")}


def _subject_words(text: str, opening: int, start: int, sentence: bool) -> frozenset[str]:
    """The capitalised words between a clause's opening and an amount, folded (Figure.subject)."""
    clause = _unparenthesised(text[opening:start])
    if not _CAPITALISED.search(clause):
        return frozenset()  # most clauses name nothing: the speech verbs are not looked for
    told = _after_speaker(clause)
    if told:
        clause, sentence = " " * told + clause[told:], False
    clause = _EPITHET.sub(_described, clause)
    words: set[str] = set()
    initials = ""
    placed = False  # inside a run of capitals after a preposition: a place or venue
    run_end = -1
    for m in _CAPITALISED.finditer(clause):
        if not _CAPITALS_JOIN.fullmatch(clause, run_end, m.start()):
            placed = bool(_PLACE_OPENING.search(clause, 0, m.start()))  # a new run of capitals
        run_end = m.end()
        if placed:
            continue  # "spent $300 at Build-A-Bear and ...", "In Paris, ...": where, not what
        word = m.group().rstrip(".,'’").removesuffix("'s").removesuffix("’s")
        if (
            sentence
            and not clause[: m.start()].strip()
            and not _NAME_AFTER_OPENING.match(clause, m.end())
            and not _CAPITALS_ONLY.fullmatch(word)
        ):
            continue  # "Analysts expected", "Taiwan reported": a sentence's first word may be anything
        folded = word.casefold()
        if folded in STOPWORDS and folded not in _JOINING_WORDS and _CAPITAL_NEXT.match(clause, m.end()):
            initials += folded[0]  # "New York Stock Exchange": nyse, though "new" says nothing alone
            continue
        if folded in STOPWORDS or folded in _NOT_SUBJECTS or folded in _MONTHS or not folded:
            continue
        parts = [p for p in _SUBJECT_WORD_SPLIT.split(folded) if p and p != "based"]
        words.update(parts)
        words.update(p[:-1] for p in parts if len(p) > 3 and p.endswith("s"))  # "the Clintons": clinton
        words.update(w for p in parts for w in _SHORT_FORM_WORDS.get(p, ()))  # "the Fed": federal reserve
        joined = re.sub(r"[&.\-]", "", folded)
        if joined != folded and joined.isalpha():
            words.add(joined)  # "H-P", "S&P": hp, sp
        initials += "".join(p[0] for p in parts)
    if len(initials) > 1:
        words.add(initials)  # "Hewlett-Packard": hp
    return frozenset(words)


_FORECAST_WORD = re.compile(
    r"(?<![\w-])(?<!than\s)(?<!as\s)(?:expect(?:s|ed|ing|ations?)?|forecast(?:s|ed|ing)?|predict(?:s|ed|ing|ions?)?"
    r"|projected|projections?|anticipat(?:es?|ed|ing)|consensus|guidance|outlook)\b",
    re.IGNORECASE,
)
_AGAINST_FORECAST = re.compile(
    r"\s*(?:[^\W\d_]+\s+)?(?:(?:a|per)\s+share\s+)?(?:higher|lower|more|less|better|worse|above|below|ahead\s+of|short\s+of)\s+"
    r"(?:than\s+)?(?:the\s+|analysts['’]?\s+)?(?:\w+\s+)?(?:forecasts?|estimates?|expectations?|expected)\b",
    re.IGNORECASE,
)


# Between two amounts of one thing told on: no capital, sentence end or word that opens another
# statement ("rose $2, or 7 percent, to $31"; "latitude 15.7 north, longitude 45.2 west").
_TOLD_ON = re.compile(
    r"(?:(?![.!?;:]\s|\b(?:and|but|while|whereas|than|compared|versus|vs)\b|\s[-\u2013\u2014]{1,2}\s)[^A-Z\n]){0,40}"
)


def _told_of(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """Each amount with what its clause tells it of: the named thing (Figure.subject) and
    whether it is a forecast (Figure.forecast). News prose tells two stocks, currencies or storms
    in one frame ("Acme rose 2 percent" / "Zenith fell 3 percent"), and a company's result beside
    analysts' forecast ("analysts expected 27 cents" / "it earned 29 cents"): two quantities each."""
    out = []
    prior: Figure | None = None
    stops: list[int] | None = None  # where each sentence of `text` after the first opens
    openers: dict[int, tuple[str, str, bool, str, int] | None] = {}  # a sentence's (by its index in stops)
    group = _group_told_among(text)
    goods = _commodities(text)
    for f in figures:
        if f.kind not in _MOVE_KINDS:
            out.append(f)
            continue
        start, end = f.start - base, f.end - base
        opening, sentence = _clause_opening(text, start)
        forecast = None
        if _AGAINST_FORECAST.match(text, end):
            forecast = "against"
        elif _FORECAST_WORD.search(text, opening, start):
            forecast = "forecast"
        subject = _subject_words(text, opening, start, sentence) | group
        if goods:
            subject |= _goods_between(goods, opening, start)
        if prior is not None and _TOLD_ON.fullmatch(text, prior.end - base, start):
            # "Shares of Acme rose $2, or 7 percent, to $31": one thing's amounts told on
            subject = subject or prior.subject
            forecast = forecast or prior.forecast
        if forecast or subject:
            f = replace(f, forecast=forecast, subject=subject)
        else:
            if stops is None:  # found once a text, and only when an amount needs them
                stops = [m.end() for m in _SENTENCE_STOP.finditer(text)]
            sentence_index = bisect.bisect_right(stops, start)
            if sentence_index not in openers:  # read once a sentence, however many amounts it tells
                openers[sentence_index] = _sentence_opener(text, sentence_index, stops)
            opener = openers[sentence_index]
            if opener is not None and opener[4] <= start:
                f = replace(f, opener=opener[:4])
        out.append(f)
        prior = f
    return out


# Traded goods told in lower case, each by one name: two goods' prices are two quantities
# ("gasoline settled 1.47 cents lower" / "heating oil ended down 0.41 cent")
_COMMODITY = re.compile(
    r"(?<![\w-])(?:(?P<heating>heating\s+oil)|(?P<crude>crude(?:\s+oil)?)|(?P<gas>natural\s+gas)"
    r"|(?P<other>gasoline|diesel|jet\s+fuel|gold|silver|platinum|palladium|copper|aluminum|aluminium"
    r"|nickel|zinc|corn|wheat|soybeans|sugar|coffee|cocoa|cotton|cattle|hogs))(?![\w-])",
    re.IGNORECASE,
)


# A sentence's first word before its verb: "Sun was ...", "IBM (NYSE: IBM) was ...", "Acme
# Corp. sold ...". The verb is an auxiliary or a past tense; a speech verb opens what someone
# says, whose amounts are theirs to tell and stay compared.
_OPENER = re.compile(
    r"\s*(?P<name>(?P<word>[A-Z][\w'’&\-]*)(?:\s+[A-Z][\w'’&.\-]*)*)(?:\s*\([^()]{0,40}\))?\s+"
    r"(?P<verb>(?:was|were|is|are|has|had|have|will|would|could|can|may|did|does|rose|fell|grew|saw|made"
    r"|won|lost|sold|paid|took|got|gave|[a-z]{2,}ed))\b"
)
_SENTENCE_STOP = re.compile(r"[.!?]\s+(?=[A-Z\"“'‘(])")


def _sentence_opener(text: str, sentence: int, stops: list[int]) -> tuple[str, str, bool, str, int] | None:
    """The first word of sentence number `sentence` of `text` and the verb after it, when the
    sentence opens "Word <verb>" (_OPENER), with whether its own grammar makes the word a name:
    capitals only ("IBM") or written capitalised again inside the sentence ("Sun ... Sun's
    rivals"); the initials of the capitalised words before the verb, company suffixes left out
    ("International Business Machines Corp.": "ibm"); and where the verb ends, which an amount
    must follow. `stops`: where the sentences
    of `text` after its first open, in order."""
    opening = stops[sentence - 1] if sentence else 0
    end = stops[sentence] if sentence < len(stops) else len(text)  # the sentence's end
    m = _OPENER.match(text, opening, end)
    if m is None:
        return None
    word, verb = m.group("word").removesuffix("'s").removesuffix("’s"), m.group("verb")
    if word.casefold() in STOPWORDS or _SPEECH_VERB.fullmatch(verb):
        return None  # "The company was", "It had": no name; "Acme reported": its words
    named = bool(_CAPITALS_ONLY.fullmatch(word)) or _written_again(text, word, m.end(), end)
    initials = "".join(w[0] for w in m.group("name").split() if w.casefold().strip(".,") not in _ABBREVIATIONS)
    return word.casefold(), verb, named, initials.casefold(), m.end()


def _written_again(text: str, word: str, after: int, end: int) -> bool:
    """Whether `text` writes `word` capitalised again between `after` and `end` as a name of its
    own: not opening a sentence, not the first word of a longer name or title ("Police arrested
    12, Police Chief John Smith said") and not naming who speaks ("..., Police said"), which a
    common noun's capital may tell as well."""
    again = re.compile(r"(?<![.!?]\s)(?<=[\s(\"“])" + re.escape(word) + r"(?![\w\-])")
    for m in again.finditer(text, after, end):
        if not _TITLE_OR_SPEAKER_AFTER.match(text, m.end()):
            return True
    return False


# After a capitalised word: another (the word opens a longer name or a title, "Police Chief") or
# a speech verb (it names who speaks).
_TITLE_OR_SPEAKER_AFTER = re.compile(r"\s+(?:[A-Z]|(?:said|says|told|reported|reports|added|estimated)\b)")


def _other_openers(a: Figure, b: Figure) -> bool:
    """Whether two amounts whose clauses name no subject are told of two sentences' subjects:
    each sentence opens with its own first word before one verb ("Sun was the lone vendor ...,
    falling 2.9 percent" / "IBM was the fastest-growing vendor, ... jumping 37 percent"), and its
    own grammar makes one of them a name. Two plain openers ("Sales rose" / "Revenue rose") may
    be one thing told two ways, and so are a name and its initials ("IBM was" / "International
    Business Machines was"): still compared."""
    if a.opener is None or b.opener is None:
        return False
    (word_a, verb_a, named_a, initials_a), (word_b, verb_b, named_b, initials_b) = a.opener, b.opener
    if word_a == initials_b or word_b == initials_a:
        return False
    return verb_a == verb_b and word_a != word_b and (named_a or named_b)


def _commodities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each traded good `text` names, in order, one word each
    ("commodity:heating"): the words keep them apart from any named thing's."""
    return [
        (m.start(), m.end(), "commodity:" + (m.group("other") or m.lastgroup or "").casefold().split()[0])
        for m in _COMMODITY.finditer(text)
    ]


def _goods_between(goods: list[tuple[int, int, str]], opening: int, start: int) -> frozenset[str]:
    """The words of the traded goods (_commodities) between a clause's opening and an amount."""
    first = bisect.bisect_left(goods, opening, key=lambda g: g[0])
    last = bisect.bisect_left(goods, start, key=lambda g: g[0])
    return frozenset(word for s, e, word in goods[first:last] if e <= start)


# A group a sentence opens with tells of whom all its amounts are ("Among Fox viewers, 41
# percent ... 24 percent ..."), past the comma that ends the group
_AMONG_OPENING = re.compile(r"\s*Among\s+([^,;:.]{1,60}),")


def _group_told_among(text: str) -> frozenset[str]:
    """The capitalised words of the group a sentence opens with "Among ...", folded."""
    m = _AMONG_OPENING.match(text)
    if m is None:
        return frozenset()
    return _subject_words(text, m.start(1), m.end(1), False)


def _other_frames(a: Figure, b: Figure) -> bool:
    """Whether two amounts are told for two periods: both say and differ, or one is told for an
    earlier period ("a year ago") and the other for none (the time told of). A level told for
    "last year" (no move, no part of a change) is the latest year's, which an annual amount told
    for no period is too ("trade of more than $34 billion" / "$33.4 billion last year"), but not a
    level told in the present ("employs 6,000"). Two days told apart are two (_other_days); a day
    or the present against any other period is as a period untold."""
    a_frame, b_frame = a.frame, b.frame
    if a_frame is not None and b_frame is not None and a_frame[0] == b_frame[0] and a_frame[0] in (_DAY, _FROM_DAY):
        return _other_days(a_frame, b_frame)
    # a move's end told from a day's level is some day after it: as a period untold to any other
    a_frame = None if a_frame is not None and a_frame[0] == _FROM_DAY else a_frame
    b_frame = None if b_frame is not None and b_frame[0] == _FROM_DAY else b_frame
    if _NOW in (a_frame, b_frame):
        told = b_frame if a_frame == _NOW else a_frame
        return told is not None and told[0] == "before"
    a_frame = None if a_frame is not None and a_frame[0] == _DAY else a_frame
    b_frame = None if b_frame is not None and b_frame[0] == _DAY else b_frame
    if a_frame is not None and b_frame is not None:
        if _the_part_told_of(a_frame, b_frame) or _the_part_told_of(b_frame, a_frame):
            return False
        return _unmarked(a_frame) != _unmarked(b_frame)
    told = a_frame or b_frame
    return told is not None and told[0] == "before" and told[-1] != _LATEST


def _the_part_told_of(named: tuple[str, ...], told: tuple[str, ...]) -> bool:
    """Whether `named`, a quarter or half named by its place (_in_quarter), may be `told`, the
    one a sentence tells of: "in the fiscal second quarter" / "for the quarter"."""
    return named[0] == _QUARTER_FRAME and told == ("this", named[1])


def _unmarked(frame: tuple[str, ...]) -> tuple[str, ...]:
    """A frame without its _LATEST mark: "last year" told of a level and of a move is one period
    when both sides tell it ("over the past two years" / "the past two months" stay two)."""
    return frame[:-1] if frame[-1] == _LATEST else frame


# A period's result ("Acme earned $12 million last year"): measured against this period's, which
# a result told for none is ("earned $9 million"), not the latest year's standing level
_RESULT_BEFORE = re.compile(
    r"(?<![\w'’])(?:earn(?:s|ed)?|post(?:s|ed)?|report(?:s|ed)?|made|makes|lost|loses|had|has|book(?:s|ed)"
    r"|record(?:s|ed)|generat(?:es|ed)|netted|sold|sells)(?![\w'’])",
    re.IGNORECASE,
)
_LEVEL_CLAUSE = re.compile(r"[,;:]\s|[.!?]\s")
_LEVEL_WORDS = 60  # characters before a level its result verb is looked for in


def _a_level(f: Figure, text: str, start: int, end: int) -> bool:
    """Whether the amount text[start:end] tells a standing level, not a move ("rose 5 percent"),
    a part of a change ("from $2 billion") nor a period's result ("earned $12 million")."""
    if f.change is not None or _MOVE_AFTER.match(text, end):
        return False
    if _MOVE_BEFORE.search(text, max(0, start - _MOVE_WORDS), start):
        return False
    opening = max(0, start - _LEVEL_WORDS)
    for stop in _LEVEL_CLAUSE.finditer(text, opening, start):
        opening = stop.end()
    return not _RESULT_BEFORE.search(text, opening, start)


def _same_period(a: Figure, b: Figure) -> bool:
    """Whether two amounts can be for the same period: both say which and it is the same, or
    neither spans several years (a total or an average over years is not one year's amount)."""
    if a.period is not None and b.period is not None:
        return a.period == b.period
    known = a.period or b.period
    return known is None or known[0] == known[1]


def _find(text: str, base: int) -> list[Figure]:
    figures: list[Figure] = []
    for match in _FIGURE.finditer(text):
        for group, parse in _PARSERS:
            if match.group(group):
                figure = parse(match, text, match.start() + base, match.end() + base)
                if figure is not None:
                    figures.append(figure)
                break
    return figures


def _ratio(match: re.Match, text: str, start: int, end: int) -> Figure | None:
    num, den = (_part_value(match.group(g)) for g in ("rnum", "rden"))
    if num is None or not den or num > den:
        return None
    return Figure(match.group(), start, end, "ratio", round(num / den, 6))


def _part_of_month(match: re.Match, text: str, start: int, end: int) -> Figure | None:
    month = _MONTHS[match.group("pmonth").casefold()]
    year = int(match.group("pyear")) if match.group("pyear") else None
    low, high = _PART_OF_MONTH[match.group("when").casefold()]
    return Figure(match.group(), start, end, "date", (month, None, year), None, low=low, high=high)


def _vague(match: re.Match, text: str, start: int, end: int) -> Figure | None:
    base_value = _VAGUE_BASE[match.group("vbase").casefold()]
    if match.group("vmult"):
        base_value *= _VAGUE_BASE[match.group("vmult").casefold()]
    elif base_value < 100 and match.group("vbase").casefold() != "dozens":
        return None  # "tens" / "scores" alone: rarely an amount
    # "thousands": 2,000 to 9,999; "dozens": 24 to 143 (twelve dozen is a gross).
    top = 12 if match.group("vbase").casefold() == "dozens" else 10
    low, high = 2 * base_value, top * base_value - 1
    unit = _unit_after(text, match.end())
    kind, unit = ("money", _CURRENCY_WORDS[unit]) if unit in _CURRENCY_WORDS else ("count", unit)
    return Figure(match.group(), start, end, kind, low, unit, low=low, high=high)


def _date(match: re.Match, text: str, start: int, end: int) -> Figure | None:
    raw = match.group()
    parts = re.findall(r"[^\W\d_]+|\d+", raw.casefold())
    month = next((_MONTHS[p.rstrip(".")] for p in parts if p.rstrip(".") in _MONTHS), 0)
    numbers = [int(p) for p in parts if p.isdigit()]
    day = next((n for n in numbers if n <= 31), None)
    year = next((n for n in numbers if n > 31), None)
    return Figure(raw, start, end, "date", (month, day, year))


def _money(match: re.Match, text: str, start: int, end: int) -> Figure | None:
    value = _number(match.group("mnum"))
    if value is None:
        return None
    scale = (match.group("mscale") or "").casefold()
    value *= _SCALES.get(scale, {"m": 1e6, "k": 1e3, "b": 1e9}.get(scale, 1))
    currency = _CURRENCY.get(match.group("cur").casefold(), "usd")
    return Figure(match.group(), start, end, "money", _clean_value(value), currency)


def _digits(match: re.Match, text: str, start: int, end: int) -> Figure | None:
    raw = match.group()
    value = _number(match.group("digits"))
    if value is None:
        return None
    scale = (match.group("dscale") or "").casefold()
    value *= _SCALES.get(scale, 1)
    if match.group("pct"):
        return Figure(raw, start, end, "percent", _clean_value(value), "%")
    digits = match.group("digits")
    if not scale and re.fullmatch(r"(?:19|20)\d\d", digits):
        prep = _YEAR_RELATION.search(text, max(0, match.start() - 10), match.start())
        relation = _RELATIONS.get(prep.group(1).casefold(), "end") if prep else None
        return Figure(raw, start, end, "year", int(digits), relation=relation)
    if _is_age(text, match.start(), match.end(), value):
        return Figure(raw, start, end, "age", _clean_value(value))
    return _amount(raw, start, end, value, _unit_after(text, match.end()))


def _words(match: re.Match, text: str, start: int, end: int) -> Figure | None:
    raw = match.group()
    value = float(_words_value(match.group("words")))
    scale = (match.group("wscale") or "").casefold()
    value *= _SCALES.get(scale, 1)
    if match.group("wpct"):
        return Figure(raw, start, end, "percent", _clean_value(value), "%")
    if not scale and _YEARS_OLD.match(text, match.end()) and 0 < value < 120:
        return Figure(raw, start, end, "age", _clean_value(value))
    unit = _unit_after(text, match.end())
    # "one" alone is a pronoun far more often than a figure ("one of them").
    if match.group("words").casefold() == "one" and not scale and unit is None:
        return None
    return _amount(raw, start, end, value, unit)


def _amount(raw: str, start: int, end: int, value: float, unit: str | None) -> Figure:
    """Money when the unit is a currency word ("5 million dollars"), else a count of the unit."""
    if unit in _CURRENCY_WORDS:
        return Figure(raw, start, end, "money", _clean_value(value), _CURRENCY_WORDS[unit])
    return Figure(raw, start, end, "count", _clean_value(value), unit)


# The first group of _FIGURE that matched says what the figure is.
_PARSERS = (
    ("ratio", _ratio),
    ("part", _part_of_month),
    ("vague", _vague),
    ("date", _date),
    ("money", _money),
    ("num", _digits),
    ("word", _words),
)


def _money_either_way(a: Figure, b: Figure) -> bool:
    """Money against a bare amount ("$1.2bn" / "1.2 billion"): one quantity, its currency
    told on one side only."""
    return {a.kind, b.kind} == {"count", "money"} and (a.bare or b.bare)


def _unit_clash(a: Figure, b: Figure) -> bool:
    """ "rose 3 percent" / "rose 3 percentage points": one number in two units, which do not
    agree (3 points on a 40 percent rate is 7.5 percent); an index's "300 points" against "2
    percent" is two numbers, and no clash."""
    counted = {x.kind: x for x in (a, b)}
    point, percent = counted.get("count"), counted.get("percent")
    if point is None or percent is None or point.unit != "point" or point.low is not None or percent.low is not None:
        return False
    return float(point.value) == float(percent.value) and _same_period(a, b)


def _same_counted(a: str | None, b: str | None) -> bool:
    """Whether two counts' nouns name one thing: the same noun. Other nouns for one thing
    ("15 bills" / "some 16 measures") are not read: a list of them made from the two labelled
    misses moved no flag on msrp-dev nor on basil's labelled links outside their story, and the
    token vectors put "bills" / "measures" below "Democrats" / "Republicans"."""
    return a is not None and a == b


def _comparable(a: Figure, b: Figure) -> bool:
    if a.change is not None and b.change is not None and a.change != b.change:
        return False  # a change's start against its end or its size: two figures
    if a.tally is not None and b.tally is not None and a.tally != b.tally:
        return False  # "a total of 149 cases" / "up 11 cases from a day earlier": the total and a day's rise
    if a.session is not None and b.session is not None and a.session != b.session:
        return False  # "in morning trading, down 8.76" / "by late afternoon, up 12.81": two moments' prices
    if a.kind == b.kind == "time" and a.unit is not None and b.unit is not None and a.unit != b.unit:
        if _utc_moments(a) is None or _utc_moments(b) is None:
            return False  # "6 p.m. EDT" / "3 p.m. Arizona time": which moment each is cannot be told
    if a.index is not None and b.index is not None and a.index != b.index:
        return False  # the FTSE 100's move and the CAC-40's: two quantities
    if a.index_words and b.index_words and not a.index_words & b.index_words:
        return False  # the Nasdaq Composite Index's move and the Standard & Poor's 500 Index's
    if a.number_of is not None and b.number_of is not None and a.number_of != b.number_of:
        return False  # "the number of closings" / "the number of days": two things counted
    if _other_frames(a, b):
        return False  # "$102 million for the year-earlier quarter" / "earned $246 million": two periods
    if a.forecast != b.forecast:
        return False  # "analysts expected 27 cents" / "it earned 29 cents": a forecast and a result
    if _other_markets(a, b):
        return False  # the dollar against the franc and against the yen; BP in London and in New York
    if a.subject and b.subject and not a.subject & b.subject and not (a.index_words and b.index_words):
        return False  # "Shares of Acme rose 5 percent" / "Shares of Zenith rose 6 percent": two stocks
    if _other_openers(a, b):
        return False  # "Sun was ..., falling 2.9 percent" / "IBM was ..., jumping 37 percent": two companies
    if _money_either_way(a, b):
        return _same_period(a, b)
    if a.kind != b.kind or not _same_period(a, b):
        return False
    if a.kind == "count" and (_other_group(a) or _other_group(b)):
        # "the three unions" / "the other two unions": the whole and the rest; "150 others" /
        # "100 other people": the rest, one of them saying of what
        return _other_group(a) and _other_group(b) and (_OTHER in (a.unit, b.unit) or a.unit == b.unit)
    if a.kind == "count":
        return a.unit is None or b.unit is None or _same_counted(a.unit, b.unit)
    if a.kind == "money":
        return a.unit == b.unit
    if a.kind == "year" and a.term and b.term:
        return _one_term(a, b)  # "from 1967 to 1979" / "from 1966 to 1978": first with first
    if a.kind == "year" and a.relation and b.relation:
        # "launched in 2007" and "briefed since 2009" date two different things
        return a.relation == b.relation
    # Dates: only the parts both give ("Oct. 21" vs "Oct. 21, 2025" agree).
    return True


def _significant(value: float) -> int:
    """Significant digits as written: 700 -> 1, 43 million -> 2, 35.7 -> 3."""
    digits = f"{abs(value):.6f}".rstrip("0").replace(".", "").lstrip("0")
    if float(value).is_integer():
        digits = str(int(abs(value))).rstrip("0")
    return max(1, len(digits))


def _rounded(value: float, digits: int) -> tuple[float, float]:
    """`value` rounded (a half to the even digit, as round() does) and truncated to `digits`
    significant digits: the linker's reading, which must not move."""
    if value == 0:
        return 0.0, 0.0
    scale = 10 ** (math.floor(math.log10(abs(value))) - digits + 1)
    return round(value / scale) * scale, math.trunc(value / scale) * scale


def _same(a: Figure, b: Figure) -> bool:
    """Whether two figures of one kind can state the same value (ranges meet, rounding aware)."""
    if a.kind != b.kind and not _money_either_way(a, b):
        return False
    if a.kind == "date":
        (ma, da, ya), (mb, db, yb) = a.value, b.value
        if any(x is not None and y is not None and x != y for x, y in ((ma, mb), (ya, yb))):
            return False
        low_a, high_a = (a.low, a.high) if da is None else (da, da)
        low_b, high_b = (b.low, b.high) if db is None else (db, db)
        if low_a is None or high_a is None or low_b is None or high_b is None:
            return True  # a month alone, or no day on one side: nothing to contradict
        return low_a <= high_b and low_b <= high_a
    if a.kind == "time":
        if a.low is not None or b.low is not None:
            return True  # "about 9:30": told loosely
        return any(_same_clock(x, y) for x, y in _in_one_zone(a, b))
    if a.kind == "pair":
        return a.low is not None or b.low is not None or a.value == b.value
    if a.kind == "ratio":
        # "a two-in-three chance of holding on" and "a 1 in 3 chance that we could lose" say
        # the same thing from its two sides: complementary odds are not a conflict.
        return math.isclose(a.value, b.value) or math.isclose(a.value, 1 - b.value)
    if a.value == b.value and a.low is None and b.low is None:
        return True
    if a.low is not None or b.low is not None:
        (low_a, high_a), (low_b, high_b) = a.bounds(), b.bounds()
        return low_a <= high_b and low_b <= high_a
    if a.kind in ("count", "money", "percent"):
        # A rounded figure agrees with the exact one: 36 / 35.7 percent, $43 million /
        # $43,885,310, $700 billion / $716 billion.
        x, y = float(a.value), float(b.value)
        if not (math.isfinite(x) and math.isfinite(y)):
            return x == y  # a number of hundreds of digits is infinite as a float: no rounding
        if _significant(x) > _significant(y):
            x, y = y, x
        return any(math.isclose(x, r, rel_tol=1e-9) for r in _rounded(y, _significant(x)))
    return False


def _same_clock(a: tuple, b: tuple) -> bool:
    """Whether two times of day's values (hour, minute, half) can be one time."""
    (ha, ma, pa), (hb, mb, pb) = a, b
    if pa is not None and pb is not None and pa != pb:
        return False
    if ma is None or mb is None:
        # "9 a.m." is the hour told round: it agrees with 8:30 to 9:30
        gap = abs((ha % 12) * 60 + (ma or 0) - (hb % 12) * 60 - (mb or 0))
        return min(gap, 720 - gap) <= 30
    return (ha, ma) == (hb, mb)


def _rounded_as_reported(a: Figure, b: Figure) -> bool:
    """For the flags only (_same, the linker's, must not move): whether one of two exact counts,
    amounts or percentages is the other rounded as a reporter rounds, a half up ("3 percent" /
    "2.5 percent"), at the last digit of the rounder one. Above the finer one's first digit
    ("$1 billion" / "$800 million") only when the rounder one is told with a word of scale:
    "$1,000" / "$900" and "1,000 troops" / "850 troops" write their digits, two figures."""
    if a.kind not in ("count", "money", "percent") or a.low is not None or b.low is not None:
        return False
    if a.kind != b.kind and not _money_either_way(a, b):
        return False
    x, y = float(a.value), float(b.value)
    if not (x and y and math.isfinite(x) and math.isfinite(y)):
        return False
    rounder, finer = (a, b) if _last_digit(x) >= _last_digit(y) else (b, a)
    x, y = float(rounder.value), float(finer.value)
    step = 10.0 ** _last_digit(x)
    if step > abs(y) and not (_told_with_scale(rounder) and _one_thing_counted(a, b)):
        return False
    steps = round(abs(y) / step, 9)  # 0.25 / 0.1 is 2.4999999999999996: no half lost to the float
    return math.isclose(x, math.copysign(math.floor(steps + 0.5), y) * step, rel_tol=1e-9)


# What an amount is of, in or for: "$800 billion in new revenue", "$1 trillion of the cuts".
_TOLD_OF = re.compile(r"\s+(?:in|of|for|on)\s+(?:(?:the|a|an|its|their|his|her|new)\s+)?", re.IGNORECASE)
_TOLD_OF_WORDS = 2


def _with_told_of(figure: Figure, text: str, base: int) -> Figure:
    """An amount with the words of what it is of, in or for (Figure.told_of)."""
    if figure.kind not in ("money", "percent", "count"):
        return figure
    joined = _TOLD_OF.match(text, figure.end - base)
    if joined is None:
        return figure
    words: list[str] = []
    pos = joined.end() - 1  # _NEXT_WORD wants the space before the word
    while len(words) < _TOLD_OF_WORDS:
        match = _NEXT_WORD.match(text, pos)
        if match is None:
            break
        word = match.group(1).casefold()
        if word in STOPWORDS or word in _NOT_COUNTED or word in _MONTHS:
            break
        pos = match.end()
        if _POSSESSIVE_END.sub("", word) in _DAY_WORDS:
            continue  # "in Monday's trading" is trading, the day when (_day_told)
        words.append(word_stem(normalize_word(word)))
        if text[pos : pos + 1] not in (" ", "\t"):
            break
    return replace(figure, told_of=frozenset(words)) if words else figure


# "in" and a place's capitalised words, within the clause after a count: no comma, colon,
# semicolon, dash nor sentence end between ("U.S." is no end), and no other number.
_PLACE_IN = re.compile(
    r"(?:[^,;:.!?\d\u2013\u2014]|\.(?!\s+[A-Z]|\s*$)){0,40}?\bin\s+(?:the\s+)?((?:[A-Z][\w'’]*\.?\s?)+)"
)


def _in_place(figure: Figure, text: str, base: int) -> Figure:
    """A count with the place "in" names after it in its clause (Figure.place): "about 37,000
    U.S. troops are stationed in South Korea" / "100,000 U.S. troops in Asia" count troops in
    two places, two quantities. Not a month or a weekday ("in March"), nor capitals before a
    noun ("in the Iraqi capital" may be Baghdad)."""
    if figure.kind != "count":
        return figure
    match = _PLACE_IN.match(text, figure.end - base)
    if match is None:
        return figure
    words = frozenset(w.strip(".").casefold() for w in match.group(1).split())
    if not words or any(w in _MONTHS or w in _WEEKDAY_NAMES for w in words):
        return figure
    after = _NEXT_WORD.match(text, match.end() - 1)
    if after is not None and after.group(1)[0].islower() and after.group(1) not in STOPWORDS:
        return figure  # "in the Iraqi capital": the capitals qualify a noun, no place's name
    wider = _WIDER_PLACE.match(text, match.end(1))
    if wider is not None:  # "in Baghdad, Iraq": the place and the one it lies in
        words |= _capital_words(wider.group(1))
    return replace(figure, place=words, capitals=_capital_words(text))


# The place a place lies in, told after it and a comma: "in Baghdad, Iraq", "in Lyon, France's".
_WIDER_PLACE = re.compile(r"\s*,\s*((?:[A-Z][\w'’]*\.?\s?)+)")
_CAPITAL_WORD = re.compile(r"(?<![\w'’])[A-Z][\w'’]*")
_POSSESSIVE_END = re.compile(r"['’]s?$")


@functools.lru_cache(maxsize=4)
def _capital_words(text: str) -> frozenset[str]:
    """The capitalised words of `text`, folded, without a possessive's ending ("Iraq's": iraq).
    Kept for the last texts: asked for each count with a place in a sentence."""
    return frozenset(_POSSESSIVE_END.sub("", w).casefold() for w in _CAPITAL_WORD.findall(text))


_WEEKDAY_NAMES = frozenset(d.casefold() for d in calendar.day_name)
_DAY_WORDS = _WEEKDAY_NAMES | _RELATIVE_DAYS


_NUMBER_OF = re.compile(r"\bnumber\s+of\s+([^\W\d_]+)", re.IGNORECASE)


def _of_number(figures: list[Figure], text: str, base: int) -> list[Figure]:
    """Each count of nothing named marked with what the last "the number of" before it in the
    sentence counts (Figure.number_of): "the number of closings dropped from 1,540 to 416"."""
    told = [(m.end(), word_stem(normalize_word(m.group(1).casefold()))) for m in _NUMBER_OF.finditer(text)]
    if not told:
        return figures
    out = []
    for f in figures:
        if f.kind == "count" and f.unit is None:
            before = [noun for end, noun in told if end <= f.start - base]
            if before:
                f = replace(f, number_of=before[-1])
        out.append(f)
    return out


def _one_thing_counted(a: Figure, b: Figure) -> bool:
    """Whether two amounts are plausibly one quantity, as a rounding across a power of ten needs
    ("$1 trillion" for "$800 billion" of the same cuts): counts of one named thing, or amounts
    whose words share one that is no name, told of no two owners nor two sets of names ("$800
    billion in revenue" / "$1 trillion in spending cuts", "Smith's $800 million" / "Jones's $1
    billion": two quantities, which a rounding never joins)."""
    if a.kind == b.kind == "count" and a.unit is not None and b.unit is not None:
        return _same_counted(a.unit, b.unit)
    if a.owner is not None and b.owner is not None and a.owner != b.owner:
        return False
    if a.names and b.names and not a.names & b.names:
        return False
    if a.told_of and b.told_of and not a.told_of & b.told_of:
        return False  # "$800 billion in revenue" / "$1 trillion in spending cuts"
    # the noun a count counts is in its context: shared, it is no word of the quantity's own
    counted = {word_stem(f.unit) for f in (a, b) if f.unit and f.kind == "count"}
    return bool((a.context & b.context) - (a.names | b.names) - counted)


def _last_digit(value: float) -> int:
    """The power of ten of a number's last significant digit: 9 for a billion, 8 for 800
    million, -1 for 35.7."""
    return math.floor(math.log10(abs(value))) - _significant(value) + 1


def _told_with_scale(figure: Figure) -> bool:
    """Whether a figure is written with a word of scale ("$1 billion", "1.2m", "a million")."""
    match = _WRITTEN_DIGITS.search(figure.text)
    if match is None:
        return any(w in _SCALES and _SCALES[w] >= 1000 for w in figure.text.casefold().replace("-", " ").split())
    written = float(match.group(1).replace(",", "") + ("." + match.group(2) if match.group(2) else ""))
    return bool(written) and abs(float(figure.value)) / written > 999


# The written number of a figure: its digits ("43,885,310", "35.7"), before any scale word.
_WRITTEN_DIGITS = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")


def _written_step(figure: Figure) -> tuple[float, bool]:
    """The value of the last digit the figure's writer vouches for, and whether that digit is a
    rounding zero: (1, False) for "23", (0.1, False) for "35.7", (a million, False) for "$43
    million", (100, True) for "700", (1,000, True) for "4,000". A number written with one or two
    digits is exact to its last one ("20 people", "50 percent", "$20 million": its zero is a
    digit), a longer one's trailing zeros are rounding ("700", "28,500", "$700 billion"); a
    number in words is exact to its scale ("twenty" 1, "three million" a million)."""
    value = float(figure.value)
    match = _WRITTEN_DIGITS.search(figure.text)
    if match is None:
        words = figure.text.casefold().replace("-", " ").split()
        return float(max((v for w, v in _SCALES.items() if w in words), default=1)), False
    if figure.kind == "percent" and value == 100:
        return 1.0, False  # "100 percent" is the whole, not 90 or 110 rounded
    whole, decimals = match.group(1).replace(",", ""), match.group(2)
    written = float(whole + ("." + decimals if decimals else ""))
    scale = value / written if written else 1.0
    if decimals:
        return scale * 10.0 ** -len(decimals), False
    zeros = len(whole) - len(whole.rstrip("0")) if len(whole) > 2 else 0
    return scale * 10.0**zeros, zeros > 0


def _as_counted(figure: Figure, other: Figure) -> Figure:
    """A count told loosely with two digits or more and no rounding zero ("some 16", "about
    1,540") read as its written number, exact; any other figure as it is. A last 5 is a
    rounding too against an exact figure ("about 25" / "24" agree), not against another loose
    one: two writers' estimates told apart ("Some 55" / "About 57") differ."""
    if figure.kind != "count" or not _approximate(figure):
        return figure
    match = _WRITTEN_DIGITS.search(figure.text)
    if match is None or match.group(2) or len(match.group(1).replace(",", "")) < 2 or match.group(1).endswith("0"):
        return figure
    if match.group(1).endswith("5") and not _approximate(other):
        return figure
    return replace(figure, low=None, high=None)


_ROUNDING_MOVES = 0.2  # the most a rounded figure moves from the precise one, as a share of the larger


def _same_as_written(a: Figure, b: Figure) -> bool:
    """Like _same, but a figure agrees with a more precise one only when it is that one rounded
    at its own last written digit: "36 percent" / "35.7 percent", "700" / "716" and "1,000" /
    "1,012" agree; "20 people" / "23 people", "50 percent" / "52 percent", "300" / "350" do not
    (_same took 20 for a rounding of 23, and 300 for 350 cut short). A figure whose last digit
    is not a rounding zero may also be the other cut short there: "$43 million" / "$43,885,310".
    The sentence linker keeps _same: its signals must not move. A count told loosely but with
    its last digit ("some 16", "about 23 bills") is compared as written: the hedge is the
    writer's doubt about a count, not leave to round it, so "some 16" is not "15"."""
    a, b = _as_counted(a, b), _as_counted(b, a)
    if not (_same(a, b) or _rounded_as_reported(a, b)):
        return False
    if a.kind not in ("count", "money", "percent") or a.low is not None or b.low is not None or a.value == b.value:
        return True
    step_a, step_b = _written_step(a), _written_step(b)
    coarse, fine, (step, rounding_zeros) = (a, b, step_a) if step_a[0] >= step_b[0] else (b, a, step_b)
    ratio = float(fine.value) / step
    kept = [math.floor(ratio + 0.5)] + ([] if rounding_zeros else [math.trunc(ratio)])
    if not any(math.isclose(float(coarse.value), r * step, rel_tol=1e-9) for r in kept):
        return False
    # A rounding that moves the figure by more than a fifth of the larger is another figure
    # told: "$2 trillion" is not "$1.5 trillion" rounded, nor "$100 million" "$149 million";
    # "700" / "716" and "2 percent" / "1.6 percent" (the nearest whole percent) are.
    return math.isclose(float(coarse.value), float(fine.value), rel_tol=_ROUNDING_MOVES)


def _written_digits(figure: Figure) -> str | None:
    """The digits a figure is written with, commas and the decimal point left out ("$5,687.75"
    -> "568775"); None for one in words."""
    match = _WRITTEN_DIGITS.search(figure.text)
    return match.group(1).replace(",", "") + (match.group(2) or "") if match else None


# A slip is read only in a number of this many digits before its trailing zeros: "$5,687.75" /
# "$5,587.75" and "1,254" / "1,524" are; "15" / "16" and "1,500" / "1,600" are not.
_SLIP_DIGITS = 4


def _written_as_amount(figure: Figure) -> bool:
    """Whether a figure is written as an amount: with a currency or as a percentage, or a count
    grouped in thousands or with decimals ("1,254", "17,234.56"). A bare run of digits names
    something ("H.R. 1234", "Flight 1549", "IL 62704", "456-1111", "Room 2141")."""
    return figure.kind in ("money", "percent") or (figure.kind == "count" and bool(re.search(r"\d[,.]\d", figure.text)))


def _digit_slip(a: Figure, b: Figure) -> bool:
    """Two exact amounts written alike but for one digit changed, or two next to each other swapped
    ("$5,687.75" / "$5,587.75", "1,254" / "1,524"): one precise figure copied wrong, not two
    quantities that happen to be close. Rounding is not a slip (_same_as_written agrees it)."""
    if not (_written_as_amount(a) and _written_as_amount(b)) or a.low is not None or b.low is not None:
        return False
    x, y = _written_digits(a), _written_digits(b)
    # no int(): it refuses a string of over 4,300 digits (a run of digits is no amount copied)
    if x is None or y is None or len(x) != len(y) or x == y or not x.strip("0") or not y.strip("0"):
        return False
    if min(len(x.rstrip("0")), len(y.rstrip("0"))) < _SLIP_DIGITS:
        return False  # a round figure ("1,500" / "1,600") is told loosely, not copied
    if not math.isclose(float(a.value) / float(x), float(b.value) / float(y), rel_tol=1e-9):
        return False  # another scale ("5,687 million" / "5,587 thousand") or decimal point
    changed = [i for i, (p, q) in enumerate(zip(x, y)) if p != q]
    if changed[-1] >= max(len(x.rstrip("0")), len(y.rstrip("0"))) - 1:
        # the last digit told is the one a figure moves by when reported later ("as high as
        # $1.1535" / "$1.1537", a share "to $27.45" / "to $27.54" before and after hours)
        return False
    if len(changed) == 1:
        return True
    if len(changed) != 2:
        return False
    first, second = changed
    return second == first + 1 and x[first] == y[second] and x[second] == y[first]


def _approximate(figure: Figure) -> bool:
    """An amount told loosely, with bounds on both sides: "some 16", "about 50", "nearly 90",
    "dozens"; not a bound alone ("more than 40", "up to 1.6 million")."""
    if figure.kind not in ("count", "money", "percent") or figure.low is None or figure.high is None:
        return False
    return 0 < figure.low < figure.high < math.inf


def _agrees(a: Figure, b: Figure) -> bool:
    """`b` states `a`'s value for the same thing (a count of other things does not count)."""
    return _comparable(a, b) and _same_as_written(a, b)


def _closed(figure: Figure, others: list[Figure], left_side: bool, told: set[tuple[str, str]]) -> bool:
    """Whether one of `others` states `figure`'s value for the same thing. A precise figure with
    a digit slip among them is closed by a bound or a loose amount only when that one's words
    are as close to its own as the slip's: "$5,587.75" on Martha's Vineyard is the slipped
    "$5,687.75" beside it, not the "over $300" of another expense; "as high as $368.90" is
    "up to $369.50" (a level not seen since ...), not the "$367.90" of the day's quote.
    Another owner's amount, where `others` tell this one's (`told`, their _owners_told), is none."""
    slip_shared = max(
        (len(figure.context & o.context) for o in others if _digit_slip(figure, o) and _comparable(figure, o)),
        default=-1,
    )
    for other in others:
        if _inside_range(figure, other) or _inside_range(other, figure):
            return True  # "$7 billion" / "$5-10 billion": the range holds it
        if _other_range_end(figure, other):
            continue  # "as many as 1.5 million" is not agreed by the bottom of "500,000 to 1.6 million"
        if _someone_elses(figure, other, told):
            continue
        left, right = (figure, other) if left_side else (other, figure)  # _agrees reads left first
        loose = other.low is not None
        if _agrees(left, right) and not (loose and len(figure.context & other.context) < slip_shared):
            return True
    return False


def _owners_told(figures: list[Figure]) -> set[tuple[str, str]]:
    """(owner, kind) of each of `figures` told for an owner."""
    return {(f.owner, f.kind) for f in figures if f.owner is not None}


def _someone_elses(figure: Figure, other: Figure, told: set[tuple[str, str]]) -> bool:
    """Whether `other`, a figure of the other sentence (which tells `told`, its _owners_told), is
    another owner's amount where that sentence tells `figure`'s named owner's too: "his average
    rate was 36 percent … the Clintons' 2014 tax rate: 30 percent" gives the Clintons' rate as
    30, whatever Bush's own 36 says, so it neither agrees with the Clintons' 35.7 nor differs
    from it."""
    if figure.owner is None or figure.owner in _PRONOUN_OWNERS or other.owner in (None, figure.owner):
        return False
    return (figure.owner, figure.kind) in told


MAX_FIGURES_COMPARED = 64


def _not_named(figures: list[Figure], others: list[Figure]) -> list[Figure]:
    """`figures` less the names a number with "k" makes ("4K" in "movies in 4K"), and less a
    count of thousands written as one of the names `others` hold: "streams 4K movies" against
    "streams 1,000 movies in 4K" tells the screen's 4K, not 4,000 movies."""
    # A name the other sentence tells more often than this one is a count of this one's
    # written so; one this sentence names as often ("the 10k race ... 10k runners" against "the
    # 10k race ... 8,000 runners") is its own name, and its count of thousands a count.
    named = Counter(f.value for f in others if f.kind == _NAMED_BY_SCALE)
    named.subtract(f.value for f in figures if f.kind == _NAMED_BY_SCALE)
    out = []
    for f in figures:
        if f.kind == _NAMED_BY_SCALE:
            continue
        written = _K_WRITTEN.search(f.text) if f.kind == "count" else None
        name = written.group(1).lstrip("0") + "k" if written is not None else None
        if name is not None and named[name] > 0:
            named[name] -= 1
            continue
        out.append(f)
    return out


def differing_figures(left: list[Figure], right: list[Figure]) -> list[tuple[Figure, Figure]]:
    """Pairs (left figure, right figure) stating the same fact with different values.

    Each open left figure (no value on the right that agrees with it for the same thing) pairs
    with an open, comparable right figure: one counting the same thing first, then the one whose
    context shares the most words with its own; none shared, no pair.
    """
    # A sentence of more figures is a table run into one line, not a fact told: its first ones
    # are compared, and each pair of sentences stays bounded (every figure meets every other).
    left, right = _not_named(left, right)[:MAX_FIGURES_COMPARED], _not_named(right, left)[:MAX_FIGURES_COMPARED]
    told_left, told_right = _owners_told(left), _owners_told(right)
    open_left = [f for f in left if not _closed(f, right, left_side=True, told=told_right)]
    open_right = [g for g in right if not _closed(g, left, left_side=False, told=told_left)]
    left_kinds = Counter(x.kind for x in left)
    right_kinds = Counter(y.kind for y in right)
    # One term of years a side ("served from 1967 to 1979" / "held the seat from 1966 to
    # 1978"): linked sentences telling one term tell the same years, whatever words surround them.
    one_term = (
        Counter(x.term[0] for x in left if x.term)["first"] == 1 == Counter(y.term[0] for y in right if y.term)["first"]
    )
    markets_left, markets_right = _markets_of(left), _markets_of(right)
    seen_apart = _one_move_seen_twice(left, right)
    candidates = []
    for a, f in enumerate(open_left):
        for b, g in enumerate(open_right):
            if not _comparable(f, g) and not _unit_clash(f, g):
                continue
            if (f.start, g.start) in seen_apart:
                continue  # "fell $1.42 to close at $14.97" / "87 cents to $15.52": one fall from $16.39
            if _which_market_unclear(f, markets_right) or _which_market_unclear(g, markets_left):
                continue  # "fell 5%" against "2% in Paris and 3% in New York": which move is not told
            if _someone_elses(f, g, told_right) or _someone_elses(g, f, told_left):
                continue  # "Smith's 3" against Jones's 3, where Smith's 2 is told: no "3 / 3"
            if f.place and g.place and not f.place & g.place and (f.place <= g.capitals or g.place <= f.capitals):
                # troops "in South Korea" / "in Asia, most of them in South Korea": a sentence that
                # names both places tells two things counted; where none does, one place may lie
                # in the other ("30 in Iraq" / "35 in Baghdad"), and the counts are compared.
                continue
            # A word one side writes in the singular and the other in the plural (not what the
            # figures count) is not a shared one: one donor's gift is not the donors' total.
            units = {word_stem(u) for u in (f.unit, g.unit) if u}
            common = {w for w in f.context & g.context if w in units or (w in f.plurals) == (w in g.plurals)}
            slip = _digit_slip(f, g)
            if one_term and _one_term(f, g):
                candidates.append((True, 0, a, b))
                continue
            if f.index is not None and f.index == g.index:
                # one index's move told twice ("the FTSE 100 fell 0.9%" / "London's FTSE 100
                # index dropped 1.2 percent"): its name is what the figures measure, no actor
                candidates.append((True, -max(1, len(common)), a, b))
                continue
            if common and common <= f.names | g.names and not slip:
                # Only the names around them in common: who, not the same quantity. A digit
                # slip is one figure whatever the names say ("$5,687.75 on Martha's Vineyard").
                continue
            shared = len(common)
            same_unit = f.kind == "count" and _same_counted(f.unit, g.unit)
            # One word in common is enough for the same thing counted, or for the one figure of
            # its kind on each side; otherwise two ("$43,350 watch" bought with campaign money
            # is not the "$750,000 in campaign money" of a sentence without the watch).
            alone = left_kinds[f.kind] == 1 and right_kinds[g.kind] == 1
            # A bare amount ("11 million") against money needs two: it may count people.
            # A bound and the range's end on its side ("as many as 1.5 million" / "from 500,000 to
            # 1.6 million") are the one most or least the two sides tell.
            ends = _answers_range_end(f, g) or _answers_range_end(g, f)
            one_will_do = slip or same_unit or ends or (alone and f.kind != "count" and not _money_either_way(f, g))
            if shared < (1 if one_will_do else 2):
                continue
            candidates.append((not same_unit, -shared, a, b))
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


_CENTS = frozenset(("cent", "cents"))


def _price(figure: Figure, currency: str | None = None) -> tuple[str, float] | None:
    """A level or change as (unit, value): money in its currency, a count in its unit ("470
    pence", "30 points"); cents ("87 cents") in `currency`, the level's."""
    if figure.low is not None or figure.high is not None or not figure.unit:
        return None
    if figure.kind == "count" and figure.unit in _CENTS and currency and currency not in _CENTS:
        return currency, float(figure.value) / 100
    if figure.kind in ("money", "count"):
        return figure.unit, float(figure.value)
    return None


# Stems of the words a level told as the day's close is told with
_CLOSE_STEMS = frozenset("close end finish settl".split())


# The words of "close" that tell a level the day's close ("closed at", "to close at", "the
# close"), and those that tell nearness ("close to 50", "close behind", "closely watched")
_CLOSE_WORD = re.compile(r"(?<![\w'’])clos(?:e|ed|es|ing|ely)(?![\w'’])", re.IGNORECASE)
_NEAR_CLOSE = re.compile(r"closely|close\s+(?:to|by|behind)\b", re.IGNORECASE)


def _no_close_when_near(figures: list[Figure], text: str) -> list[Figure]:
    """`figures` with "close" taken from the levels' contexts where every "close" of the sentence
    tells nearness ("fell $1 to $18.50, close to its low"): such a level is no day's close, so
    two of them are not one moment told two ways (_one_move_seen_twice)."""
    closes = list(_CLOSE_WORD.finditer(text))
    if not closes or not all(_NEAR_CLOSE.match(text, m.start()) for m in closes):
        return figures
    return [
        replace(f, context=f.context - {"close"}) if f.change == "end" and "close" in f.context else f for f in figures
    ]


def _direction(change: Figure) -> int | None:
    """-1 for a fall, 1 for a rise, as the change's context words tell it; None when they tell
    neither or both."""
    fall, rise = bool(change.context & FALL_STEMS), bool(change.context & RISE_STEMS)
    return None if fall == rise else (1 if rise else -1)


def _moves_told(figures: list[Figure]) -> list[tuple[Figure, Figure, str, tuple[float | None, float | None]]]:
    """Each change and the level it ends at in one sentence's figures ("decreasing $1.42 to close
    at $14.97", "fell 30 points to 4,470"), with the level's unit and the starts it may be from:
    (from a fall, from a rise), None for the one its words rule out."""
    moves = []
    for level in figures:
        if level.change != "end":
            continue
        end = _price(level)
        if end is None:
            continue
        for change in figures:
            amount = _price(change, end[0]) if change.change == "change" and change.start < level.start else None
            if amount is not None and amount[0] == end[0]:
                direction = _direction(change)
                from_fall = round(end[1] + amount[1], 4) if direction != 1 else None
                from_rise = round(end[1] - amount[1], 4) if direction != -1 else None
                moves.append((change, level, end[0], (from_fall, from_rise)))
    return moves


def _percent_of_move(percent: Figure, change: Figure, currency: str, start: float) -> bool:
    """Whether `percent` is the move's change told as a share of its start ("$1.49, or 6.6
    percent" from $22.50), to the rounding its digits tell ("42 percent": 41.5 to 42.5) and a
    tenth of a point for the start's own cents; a hedged one to its range ("more than 27 percent")."""
    amount = _price(change, currency)
    if amount is None or not start:
        return False
    share = 100 * amount[1] / start
    decimals = re.search(r"\.(\d+)", percent.text)
    slack = 0.5 * 10 ** -(len(decimals.group(1)) if decimals else 0) + 0.1
    low = percent.low if percent.low is not None else float(percent.value)
    high = percent.high if percent.high is not None else float(percent.value)
    return low - slack <= share <= high + slack


def _one_move_seen_twice(left: list[Figure], right: list[Figure]) -> set[tuple[int, int]]:
    """The (left start, right start) of the changes and levels of one move told at two moments:
    each side's change and level lead back to one start ("decreasing $1.42 to close at $14.97" /
    "decreasing 87 cents to $15.52": both from $16.39), so one outlet told the price earlier in
    the day than the other, and no value of the move is told wrong. Not where both levels are
    the close ("fell $1.50 to close at $18.50" / "fell $2.50 to close at $17.50": one moment told
    two ways), nor where the words say a fall on one side and a rise on the other."""
    apart: set[tuple[int, int]] = set()
    for change_l, level_l, currency_l, starts_l in _moves_told(left):
        for change_r, level_r, currency_r, starts_r in _moves_told(right):
            if currency_l != currency_r or (level_l.context & _CLOSE_STEMS and level_r.context & _CLOSE_STEMS):
                continue
            start = next((a for a, b in zip(starts_l, starts_r) if a is not None and a == b), None)
            if start is None:
                continue
            apart |= {(change_l.start, change_r.start), (level_l.start, level_r.start)}
            # its percent too, where each is its side's change from that start: "$1.49, or 6.6
            # percent" at one moment is "$1.20, or 5.3 percent" at another
            apart |= {
                (f.start, g.start)
                for f in left
                if f.kind == "percent" and f.change == "change" and _percent_of_move(f, change_l, currency_l, start)
                for g in right
                if g.kind == "percent" and g.change == "change" and _percent_of_move(g, change_r, currency_r, start)
            }
    return apart


def _markets_of(figures: list[Figure]) -> frozenset:
    """The markets (("market", country), see _traded_where) the figures of a sentence are told on."""
    return frozenset(m for f in figures for m in f.markets if m[0] == "market")


def _which_market_unclear(figure: Figure, other_markets: frozenset) -> bool:
    """Whether `figure`, told on no market, meets a sentence telling two or more: it may be either
    side's move ("shares fell 5%" / "2% in Paris and 3% in New York"), so no pair is clear."""
    return len(other_markets) > 1 and not any(m[0] == "market" for m in figure.markets)


def _verb_word(word: str) -> bool:
    """Whether a word of a figure's context reads as a verb, not the thing counted: a move's or a
    speech verb ("rose", "said"), or a past form in -ed ("reported", "increased")."""
    folded = word.casefold()
    if folded in MOVE_VERB_FORMS or folded in SPEECH_VERBS:
        return True
    return len(folded) > 4 and folded.endswith("ed") and not folded.endswith("eed")


def _named_inside(word: str, texts: Collection[str]) -> bool:
    """Whether `texts` write `word` as a name: capitalised inside a sentence (after a lowercase
    word or a comma: "shares of Apple") and never in lowercase ("apple pie"). A sentence's first
    word is a name ("Apple sold") or a thing ("Sales rose"); this is how the articles tell it."""
    inside = re.compile(rf"(?<=[a-z,]\s){re.escape(word)}(?![\w'’])")
    lower = re.compile(rf"(?<![\w'’]){re.escape(word.lower())}(?![\w'’])")
    return any(inside.search(t) for t in texts) and not any(lower.search(t) for t in texts)


def item_words(
    left: Figure, right: Figure, sentence: str, base: int, most: int = 3, texts: Collection[str] = ()
) -> tuple[str, ...]:
    """The words of `sentence` (the left one, starting at `base` in its text) that both figures'
    contexts hold and that name no one nor read as a verb: what the two are told of, as the left
    side writes it ("sales", "quarter"; not "Acme", "rose", "said"): the `most` nearest the
    figure, in the sentence's order. The sentence's first word is a name where `texts` (the
    articles) write it so (_named_inside)."""
    shared = left.context & right.context - left.names - right.names
    found: dict[str, tuple[int, int, str]] = {}  # stem -> (distance from the figure, start, word)
    for start, end, stem, _, _ in _context_words(sentence):
        word = sentence[start:end]
        if word[:1].isupper() and sentence[:start].strip(" \"'“‘(["):
            continue  # capitalised inside the sentence: a name, who, not what
        if word[:1].isupper() and _named_inside(word, texts):
            continue  # "Apple sold 3 million phones", where the articles tell "shares of Apple"
        if stem in shared and not _verb_word(word):
            distance = min(abs(start + base - left.end), abs(left.start - (end + base)))
            if stem not in found or distance < found[stem][0]:
                found[stem] = (distance, start, word)
    nearest = sorted(found.values())[:most]
    return tuple(word for _, _, word in sorted(nearest, key=lambda found: found[1]))


def one_item(a: Figure, b: Figure) -> bool:
    """Whether two figures of one article, told with one value, tell one item: the headline's "310
    jobs" and the lead's, not "rose 5 percent" (sales) and "5 percent" (unemployment). Comparable
    as differing_figures compares two sides' figures, and their contexts share a word that names
    no one ("Acme" around both says who, not what)."""
    if a.start == b.start:
        return True
    return _comparable(a, b) and bool(a.context & b.context - a.names - b.names)


def amounts_of_other_things(left: list[Figure], right: list[Figure]) -> bool:
    """Whether two sentences give figures of a kind both have and none of them agree, nor pair
    as one quantity told with other values: amounts of different things ("he raised $5.7
    million" against "Mr. Cruz raised $11.9 million": Rubio's money and Cruz's), two facts."""
    comparable = [(f, g) for f in left for g in right if _comparable(f, g)]
    if not comparable or any(_same_as_written(f, g) for f, g in comparable):
        return False
    return not differing_figures(left, right)
