"""Sentence splitting tuned for news text, with character offsets into the text.

Pure Python and regular expressions: no downloads, no UI imports, linear in the text length, safe
on any string. Why not pysbd: measured in one run (bench/bench_sentences.py, CPU time) it split
24 articles/s against about 2,000 here, and found fewer MSRP sentence joins (P/R 0.947/0.966 vs
0.980/0.988) — too slow for index time, and not more accurate on news.

Rules, in order:
- A line break followed by a blank line, or a line break whose next line does not start with a
  lower-case letter, ends a sentence (paragraphs never share a sentence; hard-wrapped lines that
  continue in lower case are joined).
- A candidate end is a run of `.`, `?`, `!` or `…` (plus any closing quotes or brackets) followed
  by white space and then something that can start a sentence: a capital, a digit or an opening
  quote or bracket. Lower-case continuations never start a sentence (`"Why?" he asked`).
- A period after a title (Mr., Sen., Gen., Gov., Dr. ...) never ends a sentence; after a month
  (Jan.) or "No."/"Nos." it does not when a number follows; after an initial (George W. Bush)
  it does not unless a common sentence opener follows or the letter follows a lower-case word
  ("he wrote on X."); after a dotted acronym (U.S., D.C.) only when a common sentence opener
  follows ("in the U.S. The next day ..." splits, "U.S. President" does not).
- A bare attribution after a quotation stays with it: after a quoted question or exclamation
  (`"Which is it?" Scalia asked.`), and after a quoted statement whose comma was printed as a
  period when a name or pronoun and a speech verb follow, with at most a day or a short comma
  clause (`"... Boehner." Durbin said.`). On its own it would be a "sentence" that says nothing,
  shown as told by one outlet only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from reader.analysis.us_states import state_of_party_tag
from reader.corpus.infer import MONTHS
from reader import lazy_regex

__all__ = ["Sentence", "SentenceMap", "non_sentence_kind", "split_sentences"]


@dataclass(frozen=True)
class Sentence:
    """One sentence: `text == source[start:end]`, without surrounding white space."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


# Abbreviations that precede a name: a period after them never ends a sentence.
_TITLES = frozenset(
    """mr mrs ms messrs mmes dr prof gen sen sens rep reps gov lt col sgt capt cpl adm maj cmdr
    brig pvt cmdr gens st ste rev fr hon pres supt atty amb sec insp det ofc mt ft fig figs
    jr sr rt pp vs v ca approx dept est""".split()
)
# ...and these only when a number follows ("Jan. 5", "No. 3", "p. 12").
_BEFORE_NUMBER = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vols p pg art ch sec".split())
# Words that commonly open a sentence: after an initial or an acronym they signal a real end.
_OPENERS = frozenset(
    """the a an he she it they we i you his her its their our my this that these those there
    here but and or so yet if when while after before as at in on of for from by with without
    to since although though because meanwhile however still then now later earlier also
    some many most few all both each no not one two three four five six seven eight nine ten
    what who why how where which asked said says according officials critics analysts
    """.split()
)

# After an initial, a first name and a surname (two capitalised words, the second not a sentence's
# verb or its lower-case rest): the initial opens the name ("and J. Bradford DeLong").
_NAME_AFTER_INITIAL = lazy_regex.compile(r"[^\S\n]+[A-Z][a-z’'-]+[^\S\n]+(?:[A-Z][a-z]*[A-Z]?[a-z’'-]+)(?!\w)")
# Capitalised words after an initial that are no first name: titles and the words of an office
# ("Plan B. President Obama", "vitamin C. Senate Democrats").
_NOT_FIRST_NAMES = frozenset(
    """president senator governor congressman congresswoman representative secretary minister
    judge justice general chairman speaker mayor director chief house senate congress democrats
    republicans police federal state national""".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# A place's last part after a comma ("Washington, D.C.", "Albany, N.Y."): a capital after it
# starts a sentence, unless it continues a name ("D.C. Council").
_PLACE_ENDINGS = frozenset("d.c n.y n.j n.c s.c n.h n.m n.d s.d w.va".split())
_PLACE_COMPOUNDS = frozenset(
    "council circuit court police mayor metro public schools area region attorney government".split()
)
_CLOSERS = ")]\"'”’»"  # may follow the punctuation that ends a sentence
# [.?!…] first, not [.?!…]+: a pattern that opens with a bare character class is scanned for
# that class in C; one that opens with a repeat is tried at every position.
_SENT_END = lazy_regex.compile(r"""[.?!…][.?!…]*[)\]"'”’»]*(?=\s)""")
_NEXT_WORD = lazy_regex.compile(r"""\s*[("'“‘«\[]*([\w'’.-]*)""")
_NEWLINE_RUN = lazy_regex.compile(r"\n\s*")
# A short attribution after a quoted question or exclamation: '"Which is it?" Scalia asked.'
# belongs to the quotation; on its own it would be a "sentence" that says nothing.
_ATTRIBUTION_AFTER_QUOTE = lazy_regex.compile(
    r"""\s*(?:(?:[A-Z][\w.'’-]*,?\s+){1,4}(?:said|says|asked|asks|added|continued|replied|wrote|told)"""
    r"""|(?:said|asked|added|continued|replied)(?:\s+[A-Z][\w.'’-]*){1,4})"""
    r"""(?:,[^"“”.?!]{1,40}|(?:\s+[\w'’-]+){0,3})\.(?=\s|$)"""
)


# The same after a quotation ending in a period, only for a named speaker (or a pronoun) and a
# verb with at most a day or a short comma clause: '"... from Speaker Boehner." Durbin said.'
# (a comma misprinted as a period). "Smith said he agreed." says something, and stays apart.
_ATTRIBUTION_AFTER_QUOTED_STATEMENT = lazy_regex.compile(
    r"""\s*(?:[A-Z][\w.'’-]*,?\s+){1,4}(?:said|says|added|continued|replied|wrote|tweeted)"""
    r"""(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|later))?"""
    r"""(?:,[^"“”.?!]{1,40})?\.(?=\s|$)"""
)


def _word_before(text: str, lo: int, hi: int) -> tuple[int, str] | None:
    """(start, word) of the run of word characters, dots, apostrophes and hyphens that ends
    text[lo:hi] (or ends right before a newline that ends it), not starting before `lo`; None when
    there is none: the match of `([\\w.'’-]+)$` searched in text[lo:hi], read backwards from `hi`
    instead of tried from every position."""
    end = hi - 1 if hi > lo and text[hi - 1] == "\n" else hi
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "_.'’-"):
        start -= 1
    return (start, text[start:end]) if start < end else None


def _is_boundary(text: str, end_punct_start: int, match_end: int) -> bool:
    """Decide whether the punctuation run at text[end_punct_start:match_end] ends a sentence."""
    # What follows must be able to start a sentence.
    rest = text[match_end : match_end + 80]
    stripped = rest.lstrip()
    if not stripped:
        return True
    first = stripped[0]
    if first.islower() or first in "-–—":
        return False  # "... he said", and a dateline's dash: "KANSAS CITY, Mo. -- The mayor ..."
    if first == "." and text[end_punct_start] == "." and text[end_punct_start - 1 : end_punct_start].isspace():
        # A spaced ellipsis ("Trump . . . finishes"): its last dot decides. After a word's own
        # period ("We must act now. ...") the dots stay a mark of their own, which the comparison
        # skips: joined to the sentence they moved link features for nothing (session 23).
        return False
    if not (first.isupper() or first.isdigit() or first in "\"'“‘«([" or not first.isalnum()):
        return False
    punct = text[end_punct_start:match_end]
    if punct[-1] in '"”' and punct[0] in "?!" and _ATTRIBUTION_AFTER_QUOTE.match(rest):
        return False
    if punct in ('."', ".”") and _ATTRIBUTION_AFTER_QUOTED_STATEMENT.match(rest):
        return False
    if not punct.startswith(".") or punct.startswith(".."):
        return True  # ? ! … or an ellipsis followed by a capital
    # A single period: look at the word it ends.
    before = _word_before(text, max(0, end_punct_start - 40), end_punct_start)
    if before is None:
        return True
    word_start, word = before
    word = word.lstrip("'’-")
    nxt_match = _NEXT_WORD.match(rest)
    nxt = nxt_match.group(1).lower().rstrip(".") if nxt_match else ""
    opener = nxt in _OPENERS or first in '"“«'
    low = word.lower()
    if punct == ".)" and text[word_start - 1 : word_start] == "(" and _party_tag(word):
        # A party tag in brackets after a name: the period is its state's, and the name's clause
        # goes on only with a day or a number ("Sen. John McCain (R-Ariz.) Thursday said"); a
        # capital or a quotation after it opens a sentence ("Sen. Jeanne Shaheen (D-N.H.) Shaheen
        # said") however the state is written ("(R-Fla.)" split and "(D-N.H.)" did not, for the
        # dot inside). Nothing else opens one: "(D-N.Y.) (pictured) said", "(D-N.Y.) & Sen. Tim
        # Kaine", "(D-N.Y.) 's office", "(D-N.Y.) ... said".
        opens_quote = first in '"“‘«' or (first == "'" and stripped[1:2].isupper())
        return (first.isupper() or opens_quote) and nxt not in _WEEKDAYS and nxt not in MONTHS
    if "." in word:  # dotted acronym or abbreviation: U.S., D.C., a.m., Ph.D.
        if punct == "." and _party_tag(word) and text.endswith(", ", 0, word_start) and first.isupper():
            return True  # a party tag after a comma ends its name: "Sen. Jeanne Shaheen, D-N.H. Shaheen said"
        if low in _PLACE_ENDINGS and text.endswith(", ", 0, word_start) and first.isupper():
            return nxt not in _PLACE_COMPOUNDS  # "in Washington, D.C. Obama said" ends here
        return opener and low not in ("a.m", "p.m") or (low in ("a.m", "p.m") and nxt in _OPENERS)
    if low in _TITLES:
        return False
    if low in _BEFORE_NUMBER and first.isdigit():
        return False
    if len(word) == 1 and word.isupper():
        # An initial, unless it follows a lower-case word ("on X.", "Plan B" is capitalised).
        prev = _word_before(text, max(0, word_start - 40), max(0, word_start - 1))
        prev_word = prev[1] if prev and word_start > 0 and text[word_start - 1] == " " else ""
        if re.match(r"\s*[A-Z]\.", rest):
            return False  # another initial follows: "J. K. Rowling"
        if _NAME_AFTER_INITIAL.match(rest) and nxt not in _OPENERS and nxt not in _NOT_FIRST_NAMES:
            return False  # a first name and a surname follow: "Cohen and J. Bradford DeLong"
        if prev_word and prev_word[0].islower():
            return True
        return opener
    return True


def _party_tag(word: str) -> bool:
    """Whether `word` (its last period cut) is a party tag with its state ("D-N.H", "R-Fla")."""
    party, dash, state = word.partition("-")
    return bool(dash) and party in ("R", "D", "I") and state_of_party_tag(state + ".") is not None


def _split_block(text: str, start: int, end: int, out: list[Sentence]) -> None:
    pos = start
    for match in _SENT_END.finditer(text, start, end):
        if match.end() <= pos:
            continue
        if _is_boundary(text, match.start(), match.end()):
            _emit(text, pos, match.end(), out)
            pos = match.end()
    _emit(text, pos, end, out)


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(text[start:end], start, end))


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences; each carries its offsets (text == source[start:end])."""
    if not text:
        return []
    out: list[Sentence] = []
    pos = 0
    for brk in _NEWLINE_RUN.finditer(text):
        # A blank line always ends a paragraph; a single line break unless the next line
        # continues in lower case (a hard-wrapped sentence).
        nxt = text[brk.end() : brk.end() + 1]
        if "\n" in text[brk.start() + 1 : brk.end()] or not nxt.islower():
            _split_block(text, pos, brk.start(), out)
            pos = brk.end()
    _split_block(text, pos, len(text), out)
    return out


class SentenceMap:
    """An article's sentences, split once, with lookups by position: quote finding and speaker
    resolution read them instead of splitting pieces of the text again.

    `sentences` (anything with start and end offsets into `text`, in order, such as a
    comparison's) are taken as given; otherwise `text` is split here."""

    def __init__(self, text: str, sentences: Sequence | None = None):
        self.text = text
        self.sentences = split_sentences(text) if sentences is None else sentences
        self.starts = [s.start for s in self.sentences]
        self.ends = [s.end for s in self.sentences]

    def index_at(self, pos: int) -> int:
        """Index of the last sentence starting at or before `pos` (-1 when none does)."""
        return bisect_right(self.starts, pos) - 1

    def start_in(self, lo: int, hi: int) -> int | None:
        """Start of the sentence that text[lo:hi] ends in, not before `lo` (white space skipped);
        None when text[lo:hi] is blank. A sentence end whose punctuation began before `lo`
        (`?”` then `)` at lo) does not count: the piece starts after it."""
        text = self.text
        i = self.index_at(hi - 1)
        start = max(lo, self.starts[i]) if i >= 0 else lo
        if start > lo and not text[lo:start].strip(_CLOSERS + " \t"):
            start = lo
        while start < hi and text[start].isspace():
            start += 1
        return start if start < hi else None

    def end_in(self, lo: int, hi: int) -> int:
        """End of the sentence that text[lo:hi] starts in, not after `hi` (an end whose
        punctuation began before `lo` does not count, as in `start_in`)."""
        ends, text = self.ends, self.text
        i = bisect_right(ends, lo)
        while i < len(ends) and ends[i] < hi and not text[lo : ends[i]].strip(_CLOSERS):
            i += 1
        return min(ends[i], hi) if i < len(ends) else hi


# Pieces of a page that are not reporting sentences: kept in the text, never aligned or flagged.
_NO_WORDS = lazy_regex.compile(r"^[\W_]*$")
_EMBED = lazy_regex.compile(r"pic\.twitter\.com/|\(@\w{1,15}\)\s+\w+\s+\d{1,2},\s+\d{4}|^#\w+", re.IGNORECASE)
_CAPTION = lazy_regex.compile(
    r"[.!?”\"]Credit\s?[A-Z]|^(?:Photo|Image|Video|Credit)(?: credit)?\s*:|"
    r"\b(?:Getty Images|AFP/Getty|AP Photo|Reuters/|/Reuters|/AP|/AFP)\b[^.]{0,40}$"
)
_DATELINE = lazy_regex.compile(
    r"^[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Za-z.'’-]*){0,3}(?:,\s[A-Z][A-Za-z.]{1,12}(?:\s[A-Z][a-z.]+)?)?"
    r"(?:\s\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|dpa)\))?\s*(?:-{1,2}|–|—)?$"
)

_DATELINE_DASH = lazy_regex.compile(r"[^\S\n]*(?:-{1,2}|–|—)[^\S\n]+")


def dateline_end(text: str) -> int:
    """Where the words after a dateline that opens `text` start ("WASHINGTON — The Senate ...",
    "MOSCOW (Reuters) - ...", "KANSAS CITY, Mo. -- ..."), 0 when it opens with none: the
    lone-dateline rule of non_sentence_kind, read up to the first dash."""
    for m in _DATELINE_DASH.finditer(text, 0, 64):
        return m.end() if _DATELINE.match(text[: m.end()].strip()) and text[m.end() :].strip() else 0
    return 0


# A time or date stamp on its own, as live blogs head each entry ("9:42 p.m.", "Updated 3:45 PM
# ET", "Tuesday, March 15, 2016, 9:42 p.m."): it tells when, not what happened.
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"  # the date parser's names
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?"
_CLOCK = r"\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?"
# ISO 8601's time after its date's "T", with its fraction of a second and its offset
# ("Published 2024-03-05T18:30:00-05:00", as a page's date line may copy its markup's)
_ISO_CLOCK = r"\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?"
_CALENDAR = (
    rf"(?:{_DAY}\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
)
_STAMP = lazy_regex.compile(
    rf"^(?:(?:last\s+)?(?:updated|posted|published|edited)(?:\s+(?:on|at))?\s*:?\s*)?"
    rf"(?:(?:{_CALENDAR})(?:\s*(?:,|at|\||-|–|—)?\s*(?:{_CLOCK})|T{_ISO_CLOCK})?|(?:{_DAY}\s*)?(?:{_CLOCK}))"
    r"\s*(?:\(?(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|MSK|IST|JST|AEST|AEDT)\)?)?\s*[.,:;|-]?$",
    re.IGNORECASE,
)


# A credit, not a report: a bracketed source or cue on its own ("[Reuters]", "[HuffPost, NBC/WSJ]",
# "(h/t The Hill.)", "(END VIDEO CLIP.)": a few words, none in lower case but small joining ones),
# a photo credit naming an agency after a slash ("Facebook/Leaders' College.", "POOL New/Reuters."),
# a copyright line, and the reporting credits news agencies and papers end with.
_JOINERS = frozenset("of the and by via on for at in from with to h/t a de la van von".split())
_BRACKETED = lazy_regex.compile(r"^[\[(]([^\[\]()]{1,80})[\])]\.?$")


def _credit_aside(text: str) -> bool:
    match = _BRACKETED.match(text)
    if not match:
        return False
    words = match.group(1).split()
    if not 0 < len(words) <= 10:
        return False
    for word in words:
        letters = [c for c in word if c.isalpha()]
        if letters and letters[0].islower() and word.casefold() not in _JOINERS:
            return False
    return True


_NAME_WORDS = r"[A-Z][\w.’'&-]*(?:\s(?:[A-Z][\w.’'&-]*|of|de|la|the)){0,3}"
_SLASH_CREDIT = lazy_regex.compile(rf"^{_NAME_WORDS}\s?/\s?{_NAME_WORDS}\.?$")
_CREDIT_LINE = lazy_regex.compile(
    r"^(?:copyright\b|©|\(c\)\s*\d{4}).{0,80}$|all rights reserved\.?$|"
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\s+[A-Z]|"
    r"^.{0,100}?\bcontributed\s+(?:(?:additional\s+)?reporting(?:\s+(?:to|for)\s+this\s+"
    r"(?:report|story|article))?|(?:to|for)\s+this\s+(?:report|story|article))"
    r"(?:\s+from\s+.{1,80}?)?\.?\)?$",
    re.IGNORECASE,
)
# A call to follow, subscribe or write in, a bare link or a tags line: the outlet speaking, not the story.
_PROMO = lazy_regex.compile(
    r"^(?:follow|subscribe|sign\s+up|like\s+us|join\s+us|download)(?![-\w])[^.!?]{0,100}"
    r"\b(?:twitter|facebook|instagram|newsletter|podcast|inbox|youtube|tiktok|app|here|@\w+)\b|"
    r"\b(?:be\s+(?:reached|contacted)\s+at|e-?mail\s+(?:us|me|him|her)?\s*(?:at|:))"
    r"[^.!?]{0,80}?(?:\S@\S|@\w)|"
    r"^(?:watch|listen|read|see|click)(?![-\w])[^.!?]{0,30}\b(?:above|below|here|more)\s*[.:!]?$|"
    r"^(?:also\s+on|read\s+more|more\s+from|related)\b[^.!?]{0,40}:$|"
    r"^<?(?:https?://|www\.)\S+?>?\.?$|"
    r"^(?:filed\s+under|tagged|tags|topics|categories|posted\s+in)\s*:[^.!?]{0,80}$|"
    r"^for\s+more\b[^.!?]{0,80}\b(?:sign\s+up|subscribe|newsletter|check\s+out|visit|click|go\s+to)\b|"
    r"^(?:send|e-?mail)\b.{0,100}?\S@\S+\.\w",
    re.IGNORECASE,
)
_QUOTE_MARKS = '"“”«»„'
_LIST_NUMBER = lazy_regex.compile(r"^\(?\d{1,3}[.)]?$")


def non_sentence_kind(text: str) -> str | None:
    """ "punctuation", "embed", "caption", "credit", "promo", "number", "dateline" or
    "timestamp" for a piece that reports nothing (a lone "…" or quote mark, a tweet embed, a
    photo caption, a source or reporting credit, a call to follow or subscribe, a list item's
    number, a dateline or a time stamp on its own line); None for a sentence."""
    stripped = text.strip()
    if _NO_WORDS.match(stripped):
        return "punctuation"
    if _EMBED.search(stripped):
        return "embed"
    if _CAPTION.search(stripped):
        return "caption"
    if _LIST_NUMBER.match(stripped):
        return "number"
    if len(stripped) <= 60 and _DATELINE.match(stripped):
        return "dateline"
    if len(stripped) <= 60 and _STAMP.match(stripped):
        return "timestamp"
    if len(stripped) > 160 or any(mark in stripped for mark in _QUOTE_MARKS):
        return None  # a quotation's piece ("Join us here!”") is someone speaking
    if _credit_aside(stripped) or _SLASH_CREDIT.match(stripped) or _CREDIT_LINE.search(stripped):
        return "credit"
    if _PROMO.search(stripped):
        return "promo"
    return None
