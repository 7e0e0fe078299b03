"""Letter statistics that tell Turkish in cp1254 from Icelandic in cp1252 where no rule does.

cp1254 puts ş, ğ, ı, Ş, Ğ, İ on the bytes where cp1252 has Icelandic's þ, ð, ý, Þ, Ð, Ý; the other
letters of the two are alike. A text of a word or two, with none of the places or words that tell
one language (reader.corpus.decode), is decided by which reading its letters are likelier in:
each letter's share of running text in each language, and for the six that differ, the share of
them standing first in a word, inside one or last. Icelandic's þ mostly starts a word and ð often
ends one ("Þoka", "Bað"), Turkish's ş and ğ mostly stand inside; Turkish's i (İ's small letter)
and ı are common where Icelandic's ý is rare ("İsa", "kitabı").
"""

from __future__ import annotations

import math
import re

# Each letter's share of running text, in percent (the letter-frequency tables of Turkish and
# Icelandic news and literature commonly cited, e.g. Wikipedia's "Letter frequency").
_TURKISH = dict(
    zip(
        "abcçdefgğhıijklmnoöprsştuüvyz",
        (11.92, 2.844, 0.963, 1.156, 4.706, 8.912, 0.461, 1.253, 1.125, 1.212, 5.114, 8.6, 0.034, 4.683)
        + (5.922, 3.752, 7.487, 2.476, 0.777, 0.886, 6.722, 3.014, 1.78, 3.014, 3.235, 1.854, 0.959, 3.336, 1.5),
    )
)
_ICELANDIC = dict(
    zip(
        "aábdðeéfghiíjklmnoóprstuúvxyýþæö",
        (10.11, 1.799, 1.043, 1.575, 4.393, 6.418, 0.647, 3.013, 4.241, 1.871, 7.578, 1.57, 1.144, 3.314)
        + (4.532, 4.041, 7.711, 2.166, 0.994, 0.789, 8.581, 5.63, 4.953, 4.562, 0.613, 2.437, 0.046, 0.9)
        + (0.228, 1.455, 0.867, 0.777),
    )
)
# A letter a language hardly writes (Turkish's q, w, x; Icelandic's c, z): rarer than any listed.
_UNLISTED = 0.01
# Of each letter that differs between the readings, the share first in a word, inside, and last,
# counted in the two languages' spelling dictionaries (hunspell's is_IS, 193,000 words, and tr_TR,
# 371,000), a share counted as none taken as 1 % (a word the dictionary lacks: "dağ", "ılık").
_POSITION_SHARE = {
    "þ": (0.578, 0.422, 0.01),
    "ð": (0.01, 0.836, 0.164),
    "ý": (0.026, 0.96, 0.015),
    "ş": (0.056, 0.826, 0.118),
    "ğ": (0.01, 1.0, 0.1),
    "ı": (0.01, 0.87, 0.125),
    "i": (0.036, 0.845, 0.118),
}
# A ğ or ð inside a word is judged by where it stands beside other letters (decode's
# _ICELANDIC_PLACES and word shapes), not by its share: Icelandic's ð is four times as common as
# Turkish's ğ, and counted so it read Turkish's "Doğsun", "Uğur", "Yağmurlu" as Icelandic.
_JUDGED_INSIDE = frozenset("ğð")
_WORD = re.compile(r"[^\W\d_]+")
# One of the letters that differ first or last in a word: where the two languages' shares differ
# most. A text with them inside words alone has passed the places that tell Icelandic there.
_AT_WORD_EDGE = re.compile(r"(?<![^\W\d_])[þðýÞÐÝ]|[þðýÞÐÝ](?![^\W\d_])")


def _log_likelihood(text: str, frequency: dict[str, float]) -> float:
    """How likely `text`'s letters are, each at its place in its word, in the language whose
    letter shares are `frequency` (a sum of logs: higher is likelier)."""
    total = 0.0
    for word in _WORD.findall(text):
        last = len(word) - 1
        for at, letter in enumerate(word):
            place = 0 if at == 0 else 2 if at == last else 1
            if place == 1 and letter in _JUDGED_INSIDE:
                continue
            total += math.log(frequency.get(letter, _UNLISTED))
            shares = _POSITION_SHARE.get(letter)
            if shares is not None:
                total += math.log(shares[place])
    return total


def turkish_likelier(icelandic: str, turkish: str) -> bool:
    """Whether `turkish` (a cp1254 reading, character for character) is likelier Turkish than
    `icelandic` (the cp1252 reading of the same bytes) is Icelandic, by their letters."""
    small_turkish = turkish.replace("I", "ı").replace("İ", "i").lower()
    if not _AT_WORD_EDGE.search(icelandic):
        return True
    return _log_likelihood(small_turkish, _TURKISH) > _log_likelihood(icelandic.lower(), _ICELANDIC)
