"""Quotations as a reader sees them: the detector's quotes, with the parts of one quotation joined.

The detector (reader.analysis.quotes) gives each stretch between quotation marks as its own Quote,
and the comparison links sentences with those as they are. A reader sees fewer, longer quotations:

- an interrupted quotation, `"I trust in God," he said, "but God wants me to be careful."`, is one
  quotation attributed once: two parts that share the attribution standing between them (the
  same mention at the same place), with nothing else between them but that one clause;
- a quotation running over paragraphs (each paragraph opens with a mark, only the last one
  closes) is one quotation: a part that runs to the end of its paragraph without a closing mark,
  followed by the next paragraph's part, which opens with a mark, with the same speaker (or one
  of the two with none: the attribution often comes in the last paragraph only).

A Quotation keeps its parts' offsets (each part is highlighted where it stands); its text joins
the parts' words, with " … " where the article's narration interrupted them. Used by both the
command line (`reader quotes`) and the app (the quotes panel, the article's highlights).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from reader.analysis.sentences import split_sentences

if TYPE_CHECKING:
    from reader.analysis.quotes import Quote

__all__ = ["Quotation", "quotations"]

# Where the article's narration interrupts a quotation, the joined text says so.
INTERRUPTION = " … "
# An attribution between two parts is one short clause ("he said", "Mr. Blumenthal said to the
# group gathered in Norwalk in March 2008"): longer, it is narration.
_MAX_ATTRIBUTION_WORDS = 40
_OPENING_MARKS = "\"“„«»‘'「『"
_CLOSING_MARKS = "\"”“»«’'」』"
_DOUBLE_MARKS = '"“”„«»「」『』'  # no quotation between the parts (a single mark may be an apostrophe: O’Neill)
# The gap between two interrupted parts: the rest of the first part's punctuation and its closing
# mark, the attribution, its punctuation and the second part's opening mark.
_INTERRUPTED_GAP = re.compile(
    rf"^[,.?!;:…—–-]*[{_CLOSING_MARKS}]+(?P<attribution>[^\n{_DOUBLE_MARKS}]+?)"
    rf"[,.:;—–-]+\s*[{_OPENING_MARKS}]+$"
)
# The end of a paragraph's part that the next paragraph's opening mark continues, and that gap.
_PARAGRAPH_END = re.compile(r"[^\S\n]*(?:\n|$)")  # matched at a position: no ^
_PARAGRAPH_GAP = re.compile(rf"^[^\S\n]*\n\s*[{_OPENING_MARKS}]+$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Quotation:
    """One quotation as a reader sees it: one or more parts (the detector's quotes, in order)."""

    parts: tuple[Quote, ...]
    text: str  # the parts' words joined, INTERRUPTION where narration stood between them

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    @property
    def _attributed(self) -> Quote:
        """The part whose attribution stands for the quotation: the first that names one."""
        return next((part for part in self.parts if part.speaker_start is not None), self.parts[0])

    @property
    def speaker(self) -> str | None:
        return self._attributed.speaker

    @property
    def mention(self) -> str | None:
        return self._attributed.mention

    @property
    def speaker_start(self) -> int | None:
        return self._attributed.speaker_start

    @property
    def speaker_end(self) -> int | None:
        return self._attributed.speaker_end

    def to_dict(self) -> dict:
        """`reader quotes --json`'s shape: the attributed part's fields, the quotation's own text and
        span over them (in their places), and each part's span in the text."""
        return {
            **self._attributed.to_dict(),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "parts": [{"text": part.text, "start": part.start, "end": part.end} for part in self.parts],
        }


def quotations(text: str, quotes: Iterable[Quote]) -> list[Quotation]:
    """The quotations of `text` (as a reader counts them) from its detected `quotes`."""
    groups: list[list[Quote]] = []
    separators: list[list[str]] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        previous = groups[-1][-1] if groups else None
        joint = _joint(text, previous, quote) if previous is not None else None
        if joint is None:
            groups.append([quote])
            separators.append([])
        else:
            groups[-1].append(quote)
            separators[-1].append(joint)
    return [Quotation(tuple(parts), _joined(parts, seps)) for parts, seps in zip(groups, separators)]


def _joined(parts: Sequence[Quote], separators: Sequence[str]) -> str:
    words = [parts[0].text]
    for separator, part in zip(separators, parts[1:]):
        # An ellipsis already ending the part says the words stop there: no second one.
        words.append(" " if words[-1].rstrip().endswith(("…", "...")) else separator)
        words.append(part.text)
    return "".join(words)


def _joint(text: str, first: Quote, second: Quote) -> str | None:
    """How `second` goes on from `first` as one quotation (the separator of their words), or None
    when they are two quotations."""
    if not 0 <= first.end <= second.start <= len(text):
        return None
    gap = text[first.end : second.start]
    speakers = {first.speaker, second.speaker} - {None}
    if _continues_paragraph(text, first, gap) and len(speakers) <= 1:  # one speaker, named in either or both
        return " "
    if _interrupted(text, first, second, gap):
        return INTERRUPTION
    return None


def _continues_paragraph(text: str, first: Quote, gap: str) -> bool:
    """The multi-paragraph convention: `first` runs to its paragraph's end with no closing mark, and
    the next paragraph opens with a mark."""
    return _PARAGRAPH_END.match(text, first.end) is not None and _PARAGRAPH_GAP.match(gap) is not None


def _interrupted(text: str, first: Quote, second: Quote, gap: str) -> bool:
    """`"I trust in God," he said, "but ..."`: the gap is one attribution, the one both parts have."""
    mention = (first.speaker_start, first.speaker_end)
    if mention[0] is None or mention[1] is None or mention != (second.speaker_start, second.speaker_end):
        return False
    if first.speaker != second.speaker or not first.end <= mention[0] < mention[1] <= second.start:
        return False
    found = _INTERRUPTED_GAP.match(gap)
    if found is None:
        return False
    # One clause: no sentence ends inside it (the mention blanked, "Mr." or "F." being no end).
    lo, hi = first.end + found.start("attribution"), first.end + found.end("attribution")
    if not lo <= mention[0] < mention[1] <= hi:
        return False
    clause = text[lo : mention[0]] + "X" * (mention[1] - mention[0]) + text[mention[1] : hi]
    clause = clause.strip(" ,.:;—–-")
    if len(_WORD.findall(clause)) > _MAX_ATTRIBUTION_WORDS:
        return False
    return len(split_sentences(clause)) <= 1
