"""Which zero-width joiners (U+200D) and non-joiners (U+200C) a text keeps.

They are part of the spelling of Persian, Arabic and Indic words (Persian "می‌خواهم" is not
"میخواهم" to its readers) and of emoji sequences (👨‍👩‍👧 is one family, not three people), but
anywhere else they only hide inside a word to defeat search or to make two names look alike.
So, as Unicode's identifier rules do (UTS #39, UAX #31), one is kept only between two letters
(or marks) of the same script that uses it, or, for the joiner, between two emoji; every other
one goes. The index folds the kept ones out of its terms (reader.index.textproc), so a search
finds the word whether or not it is typed with them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from reader.corpus.decode import ZERO_WIDTH_JOINERS

ZWNJ = "\u200c"
ZWJ = "\u200d"
_RUN = re.compile(f"[{ZERO_WIDTH_JOINERS}]+")

# The blocks of the scripts whose spelling uses joiners, each with its script's name (two
# blocks of one script share the name; a joiner between two scripts is never kept).
_SCRIPT_BLOCKS = (
    (0x0600, 0x06FF, "arabic"),
    (0x0700, 0x074F, "syriac"),
    (0x0750, 0x077F, "arabic"),
    (0x0780, 0x07BF, "thaana"),
    (0x07C0, 0x07FF, "nko"),
    (0x0870, 0x08FF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"),
    (0x0A80, 0x0AFF, "gujarati"),
    (0x0B00, 0x0B7F, "oriya"),
    (0x0B80, 0x0BFF, "tamil"),
    (0x0C00, 0x0C7F, "telugu"),
    (0x0C80, 0x0CFF, "kannada"),
    (0x0D00, 0x0D7F, "malayalam"),
    (0x0D80, 0x0DFF, "sinhala"),
    (0x1000, 0x109F, "myanmar"),
    (0x1780, 0x17FF, "khmer"),
    (0x1800, 0x18AF, "mongolian"),
    (0xA8E0, 0xA8FF, "devanagari"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)
_BLOCK_STARTS = [start for start, _, _ in _SCRIPT_BLOCKS]

# Emoji that a joiner may join (Unicode's Extended_Pictographic, by block: Python has no such
# property), and what may stand between an emoji and its joiner (the emoji presentation
# selector, a skin tone, which the 1F000 block holds).
_PICTOGRAPHIC = (
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x21FF),
    (0x2300, 0x23FF),
    (0x25A0, 0x27BF),
    (0x2900, 0x297F),
    (0x2B00, 0x2BFF),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x1F000, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
)
_PICTOGRAPHIC_STARTS = [start for start, _ in _PICTOGRAPHIC]
_EMOJI_MODIFIERS = "\ufe0f\U000e007f"  # presentation selector, end of a tag sequence (🏴 flags)


def _script(ch: str) -> str | None:
    """The joining script of a letter or mark, None for any other character."""
    code = ord(ch)
    k = bisect.bisect_right(_BLOCK_STARTS, code) - 1
    if k < 0 or code > _SCRIPT_BLOCKS[k][1] or not (ch.isalpha() or _is_mark(ch)):
        return None
    return _SCRIPT_BLOCKS[k][2]


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _is_pictographic(ch: str) -> bool:
    code = ord(ch)
    k = bisect.bisect_right(_PICTOGRAPHIC_STARTS, code) - 1
    return k >= 0 and code <= _PICTOGRAPHIC[k][1]


def is_meaningful(before: str, joiner: str, after: str) -> bool:
    """Whether `joiner` (ZWJ or ZWNJ) between the characters `before` and `after` is kept."""
    if not before or not after:
        return False
    script = _script(before)
    if script is not None and _script(after) == script:
        return True
    return joiner == ZWJ and (_is_pictographic(before) or before in _EMOJI_MODIFIERS) and _is_pictographic(after)


def _keep_or_drop(m: re.Match) -> str:
    text, begin, end = m.string, m.start(), m.end()
    run = m.group()
    if len(run) == 1 and begin > 0 and end < len(text) and is_meaningful(text[begin - 1], run, text[end]):
        return run
    return ""  # a run of several is never a spelling


def drop_stray_joiners(text: str) -> str:
    """`text` without the joiners and non-joiners that are not part of a word or an emoji."""
    if ZWNJ not in text and ZWJ not in text:
        return text
    return _RUN.sub(_keep_or_drop, text)
