"""Sentence numbers as `reader compare` writes them (L1, L2 … R1, R2 …, reading order from 1):
the labels the compare screen shows, and what its "go to sentence" box accepts."""

from __future__ import annotations

import re

SIDE_LETTERS = {"left": "L", "right": "R"}
# "L12", "r 3", "12" (the default side); ASCII digits only, spaces around allowed.
_NUMBER = re.compile(r"\s*([LlRr])?\s*#?\s*([0-9]+)\s*")
# More digits than this is past any article (and int() of thousands of digits is slow, then refused).
MAX_DIGITS = 9
SHOWN_INPUT_CHARS = 30  # of a bad entry, quoted back in the error


def sentence_label(side: str, indices: list[int]) -> str:
    """The numbers of a cell's sentences (0-based `indices`): "L12", "L12-14" for a run, "L3,7"
    otherwise; "" for none."""
    if not indices:
        return ""
    letter = SIDE_LETTERS[side]
    first, last = indices[0] + 1, indices[-1] + 1
    if len(indices) == 1:
        return f"{letter}{first}"
    if list(indices) == list(range(indices[0], indices[-1] + 1)):
        return f"{letter}{first}-{last}"
    return letter + ",".join(str(i + 1) for i in indices)


def parse_sentence_number(text: str, default_side: str, counts: dict[str, int]) -> tuple[str, int]:
    """The side ("left" / "right") and 0-based index of the sentence `text` names ("L12", "R3",
    or "12": `default_side`), among `counts` sentences a side; ValueError with a one-line
    reason (bad input, or a number past the side's last sentence)."""
    match = _NUMBER.fullmatch(text)
    if match is None:
        shown = _shown(text)
        what = f"“{shown}” is not a sentence number" if shown else "No sentence number"
        raise ValueError(f"{what}: type one as reader compare names it, L12 or R3 (12 alone: the {default_side}).")
    letter, digits = match.groups()
    side = default_side if letter is None else ("left" if letter in "Ll" else "right")
    name = SIDE_LETTERS[side]
    count = counts.get(side, 0)
    digits = digits.lstrip("0") or "0"
    number = int(digits) if len(digits) <= MAX_DIGITS else None
    if number is not None and 1 <= number <= count:
        return side, number - 1
    if not count:
        raise ValueError(f"The {side} article has no sentence to go to.")
    shown = f"{name}{digits}" if len(digits) <= MAX_DIGITS else f"{name}{digits[:MAX_DIGITS]}…"
    raise ValueError(f"No sentence {shown}: the {side} article's are {name}1 to {name}{count:,}.")


def _shown(text: str) -> str:
    """A bad entry quoted back: one line, cut (the box already dropped controls and bidi marks)."""
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_INPUT_CHARS else text[: SHOWN_INPUT_CHARS - 1] + "…"
