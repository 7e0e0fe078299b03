"""The language an article's words are stemmed in, for the index (no UI imports).

reader.analysis.language tells English from Spanish, Portuguese, French, Italian, German,
Dutch, Swedish, Danish, Norwegian, Finnish, Hungarian (each with a Snowball stemmer of Whoosh's),
Indonesian, Estonian, Polish, Czech, Slovak, Slovenian, Croatian/Bosnian/Serbian and Turkish
(none) by their function words, and names any other script as such; the index
stems an article in its own language when Whoosh has a Snowball stemmer for it
(textproc.LANGUAGES). Cyrillic text is stemmed as Russian unless it has letters Russian does not
use (Ukrainian і ї є ґ, Serbian and Macedonian ђ ј љ њ ћ џ ѓ ќ ѕ, Belarusian ў). Everything else
(English, a text too short to tell, Indonesian, other scripts) keeps the English analysis.
"""

from __future__ import annotations

import re

from reader.analysis.language import ENGLISH, OPENING, OTHER_SCRIPT, language_of, mostly_cyrillic
from reader.index.textproc import DEFAULT_LANGUAGE, LANGUAGES

_NOT_RUSSIAN = re.compile("[іїєґђјљњћџѓќѕўІЇЄҐЂЈЉЊЋЏЃЌЅЎ]")


def article_language(text: str) -> str:
    """The code of the language to stem `text` in: one of textproc.LANGUAGES, or
    DEFAULT_LANGUAGE (English, Porter)."""
    code = language_of(text)
    if code is None or code == ENGLISH:
        return DEFAULT_LANGUAGE
    if code in LANGUAGES:
        return code
    if code == OTHER_SCRIPT and mostly_cyrillic(text) and _NOT_RUSSIAN.search(text, 0, OPENING) is None:
        return "ru"
    return DEFAULT_LANGUAGE
