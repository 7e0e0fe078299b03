"""The comparison's words, each said once: the screen (rows, summary bar, help), `reader compare`'s
text and Markdown, and the README read them from here (tests/test_docs.py holds the README to them).

Key names are written as placeholders, `{compare.partner}`: the app fills in the key the user's
keymap binds (`fill_keys`), the README the default one. The core knows no keys.
"""

from __future__ import annotations

import math
import re
from typing import Mapping

# A sentence's status on the screen (the CLI's sections are named by the same words).
ONLY = "only"
MOVED = "moved"
WEAK = "weak"  # aligned, but the link has little to spare
POSSIBLE = "possible"  # no link; a close partner below the threshold
SKIPPED = "skipped"  # a caption, embed, credit, promo, lone dateline, ...: shown, not compared

# The gutter mark of each status.
MARKS = {ONLY: "+", POSSIBLE: "?", MOVED: "~", WEAK: "≈", SKIPPED: "·"}

# What a kind of sentence is called wherever it is counted or listed ("4 possibly told by both").
POSSIBLY_TOLD = "possibly told by both"
ONLY_ONE_TELLS = "only one outlet tells"
TOLD_ELSEWHERE = "told elsewhere"
# Two articles no story groups (picked by hand, or named to `reader compare`): said before all else.
DIFFERENT_STORIES = "different stories: no story groups these two articles"
OUT_OF_ORDER = "out of order"  # a link the screen marks ~, as the text and Markdown note it

# A link's strength when its score is no number (strength()).
UNKNOWN_STRENGTH = "?"

# A link whose two sentences share no content word (it rests on meaning).
NO_SHARED_WORD = "no word (linked by meaning)"


def shares(words: list[str]) -> str:
    """What a link's two sentences share, as every form says it: "shares: Trump, Putin"."""
    return "shares: " + (", ".join(words) or NO_SHARED_WORD)


def strength(score: float) -> str:
    """A link's (or a close candidate's) score as every form shows it: the linker's probability
    that the two sentences tell the same fact, in two decimals, never rounded up to 1.00 (a 0.996 on
    two reworded sentences read "linked 1.00", as if nothing differed between them). A score that
    is no number (NaN, infinite: a linker's failure) is "?": a NaN was shown "1.00", the strongest."""
    if not math.isfinite(score):
        return UNKNOWN_STRENGTH
    return f"{min(score, 0.99) if score < 1 else 1.0:.2f}"


def possibly_told_by(outlet: str, other: str, opening: str, score: float) -> str:
    """Why a "?" sentence is a difference: the other outlet's closest sentence, by its first words,
    and how surely it tells the same fact (as the text's "closest: R3, 0.58": a 0.2 and a 0.58
    call for different care)."""
    return f"{outlet}: possibly told by {other} ({strength(score)}: “{opening}”)"


def told_elsewhere_by(outlet: str, other: str, opening: str) -> str:
    """Why a "~" sentence is a difference: where the other outlet tells it, by its first words."""
    return f"{outlet}: {TOLD_ELSEWHERE} by {other} (“{opening}”)"


def only_in(outlet: str) -> str:
    return f"only in {outlet}"


# Shared quotations: what each kind of match means, and the reason a row holding one differs.
QUOTE_KINDS = ("exact", "fragment", "censored", "altered")
QUOTE_MEANINGS = {
    "exact": "the same words",
    "fragment": "one side quotes part of the other's (shortened)",
    "censored": "a word starred out",
    "altered": "words changed inside the quotation marks",
}
QUOTE_REASONS = {"altered": "quote altered", "fragment": "quote shortened", "censored": "quote censored"}
QUOTE_MARKS = "; ".join(f"{kind}: {QUOTE_MEANINGS[kind]}" for kind in QUOTE_KINDS)
# What the text and Markdown reports add after a shared quote's kind.
QUOTE_FLAGS = {"altered": " ⚠ words changed", "censored": f" ({QUOTE_MEANINGS['censored']})"}

WEAK_MEANING = "linked with little to spare"

NOT_COMPARED = "not compared"
# What a sentence not compared is, by the kind non_sentence_kind() gives it (NOT_COMPARED: one
# past the sentences a long article has compared).
NOT_COMPARED_KINDS = {
    "punctuation": "punctuation alone",
    "embed": "an embedded post",
    "caption": "a photo caption",
    "credit": "a source or reporting credit",
    "promo": "a call to follow or subscribe",
    "number": "a list number",
    "dateline": "a lone dateline",
    "timestamp": "a time stamp",
}
NOT_COMPARED_MEANING = (
    "a photo caption, embedded post, source or reporting credit, call to follow or subscribe, list number, "
    "lone dateline, time stamp or punctuation"
)

# The gutter, as the help screen and the README list it ({binding.id}: the key bound to it).
LEGEND = [
    ("(no mark)", "told by both outlets: the sentences side by side report the same fact"),
    (MARKS[WEAK], f"a weak link: probably the same fact, {WEAK_MEANING}"),
    (
        MARKS[MOVED],
        f"{TOLD_ELSEWHERE}: its counterpart sits in another row, out of order (named by its first words "
        "by {compare.next_difference}/{compare.previous_difference} and the row's tooltip; "
        "{compare.partner} goes there)",
    ),
    (
        MARKS[POSSIBLE],
        f"{POSSIBLY_TOLD}: the other outlet's closest sentence (named by its first words and how surely it "
        "tells the same fact, 0 to 1, by "
        "{compare.next_difference}/{compare.previous_difference} and the row's tooltip; {compare.partner} "
        "goes there) came near, but below the link threshold; check before trusting an absence",
    ),
    (MARKS[ONLY], "only this outlet reports it: no sentence of the other comes near"),
    (
        MARKS[SKIPPED],
        f"{NOT_COMPARED}: {NOT_COMPARED_MEANING} (shown, never flagged)",
    ),
    (
        "▌",
        f"a bar beside a sentence only this outlet reports ({MARKS[ONLY]}); stacked on a narrow terminal (under 80 columns): the left version",
    ),
    (
        "╏",
        f"a dashed bar beside a sentence {TOLD_ELSEWHERE} ({MARKS[MOVED]}); stacked on a narrow terminal: the right version",
    ),
    (
        "┃",
        "the rows of the difference {compare.next_difference} or {compare.previous_difference} shows "
        "(at their right edge when stacked)",
    ),
    (
        "║",
        "the row {compare.partner} went to: where the other side tells the difference shown (at its right "
        "edge when stacked)",
    ),
    (
        "L12",
        "dim, before a cell or a sentence: its number, as reader compare names it (L first, R second; "
        "{compare.numbers} shows or hides them, {compare.go_to} goes to one)",
    ),
    (
        "highlight",
        "a quotation both outlets print (numbered alike; shortened, censored or "
        "altered ones marked apart); figures that differ; framing words; a name each side spells "
        "its own way (underlined); on the row {compare.next_difference} or {compare.previous_difference} "
        "shows, the words its linked sentences share (bold, underlined)",
    ),
]

_KEY = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)+)\}")


def fill_keys(text: str, keys: Mapping[str, str]) -> str:
    """`text` with each `{binding.id}` replaced by keys[binding.id] (left as written when unknown)."""
    return _KEY.sub(lambda m: keys.get(m.group(1), m.group(0)), text)


def key_ids(text: str) -> set[str]:
    """The binding ids `text` names as placeholders."""
    return set(_KEY.findall(text))
