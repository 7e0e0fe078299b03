"""Capital and small letters of the alphabets names are written in, as regular-expression
character-class contents: Python's `re` has no \\p{Lu}, and "[A-Z]" reads "Łukasz", "Émile",
"Сергей" or "Αλέξης" as no capitalised word at all (a Cyrillic speaker came out as one letter).

Latin (with its extensions), Greek and Cyrillic: the scripts that write capitals. Built from
`str.isupper`/`str.islower` once at import (a few thousand code points, well under a millisecond).
No UI imports.
"""

from __future__ import annotations

# Latin-1 Supplement to Latin Extended-B, Greek and Coptic, Cyrillic and its Supplement, Latin
# Extended Additional (Vietnamese), Greek Extended.
_BLOCKS = ((0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x2000))


def _ranges(chars: list[str]) -> str:
    """Character-class contents for `chars` (sorted): runs of consecutive code points as a-b."""
    parts: list[str] = []
    n = 0
    while n < len(chars):
        m = n
        while m + 1 < len(chars) and ord(chars[m + 1]) == ord(chars[m]) + 1:
            m += 1
        parts.append(chars[n] if m == n else f"{chars[n]}-{chars[m]}")
        n = m + 1
    return "".join(parts)


def _letters(test) -> str:
    return _ranges([chr(c) for lo, hi in _BLOCKS for c in range(lo, hi) if test(chr(c))])


# Inside [...]: "[" + UPPER + "]" is one capital letter ("Ł", "É", "С", "Α"; titlecase "ǅ" too).
UPPER = "A-Z" + _letters(lambda ch: ch.isupper() or ch.istitle())
# Inside [...]: a small letter ("ł", "é", "с", "ß").
LOWER = "a-z" + _letters(str.islower)
# Combining marks a letter may carry when the text has no precomposed character for it.
MARKS = "\u0300-\u036f"
