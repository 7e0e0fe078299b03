"""Whether a text reads as English, from its function words and its script (no UI imports).

The comparison's judgement (its encoder, word weights and link model) was fitted on English news:
on two Portuguese or Korean articles its links rest on shared word forms, and a user should be
told so. A language identifier of the field (py3langid) names every language of aeb-dev's pages
right but loads its model in ~2 s and reads an article in 4-13 ms, far over a comparison's budget;
counting the commonest function words of English and of the other languages most often met in
Latin script tells English apart as well on our corpora (all 476 English articles of basil-dev,
polnear-dev and aeb-dev long enough to tell read as English; 8 of aeb-dev's 9 others are named, the
9th, an Italian shopping list of English product names, reads as English) in about half a
millisecond.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

ENGLISH = "en"
OTHER_SCRIPT = "other script"

_FUNCTION_WORDS = {
    ENGLISH: "the of and to is that for on with was as by at it said from has are this have be not his he",
    "es": "el los las del que y se por una con para es al lo como más pero sus le ha",
    "pt": "o os do da que e em um uma para com não no na dos das se por mais ao",
    "fr": "le les des et en un une du est que pour dans qui au sur pas par ce il",
    "it": "il di che è per un una del della non con si le al da sono gli nel anche",
    "de": "der die und den von zu das mit sich des auf für ist im dem nicht ein eine auch",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada karena",
    "nl": "het een en van is dat op te met voor niet zijn ook maar",
    # Danish and Norwegian (Bokmål) share most of theirs: each has the shared ones and its own
    # spellings (af/av, efter/etter, blev/ble, hvad/hva, nu/nå, meget/mye), which tell them apart.
    "sv": "och att det som är för med av till inte har om ett var jag men också kan ska från sig eller när vid",
    "da": "og af det er til på som med ikke har den et var også fra kan skal vil efter blev sig hvad noget meget være jeg",
    "no": "og av det er til på som med ikke har den et var også fra kan skal vil etter ble seg hva noe mye være jeg",
    "fi": "ja on ei että se oli hän mutta myös kun tai ovat joka sen tämä mukaan jo vain niin kuin olla",
    "hu": "és az hogy nem egy meg ez már csak mint még volt azt fel szerint után lesz vagy kell",
    # Named so that they are not taken for a language they share short words with (Estonian's
    # "ja on ei" for Finnish; Polish, Czech and Turkish "o", "na", "do", "da" for Portuguese):
    # no stemmer of theirs is installed, so they keep the English analysis.
    "et": "ja on ei et see kui oli ka või mis ta aga nii kes seda siis veel pole ning",
    "pl": "i w z się na nie do to że jest jak ale po co tak od przez jego jej są",
    "cs": "se na je v že to z jako ale po jsou by jeho které který také jak pro není",
    # Slovak shares Czech's commonest words ("na je že to ale po by jeho"): its own spellings
    # (sa, ako, sú, ktorý, pre, nie, aj, tiež) tell it apart. Slovenian and the Croatian, Bosnian
    # and Serbian of the Latin script ("je na da se za") by theirs: "in ki so tudi", "i u su koji".
    "sk": "sa na je v že to z ako ale po sú by jeho ktoré ktorý ktorá tiež pre nie aj alebo ešte",
    "sl": "in je v na da se za z so ki tudi pa ne bo po kot iz pri še lahko tem",
    "hbs": "i je u na da se za su od koji koja koje što ne kao iz bi će nije ili već samo",
    "tr": "ve bir bu için ile olarak çok daha gibi olan ama sonra kadar değil var ancak göre",
}
_SETS = {code: frozenset(words.split()) for code, words in _FUNCTION_WORDS.items()}
_LONGEST = max(len(word) for members in _SETS.values() for word in members)
NAMES = {
    "es": "Spanish",
    "pt": "Portuguese",
    "fr": "French",
    "it": "Italian",
    "de": "German",
    "id": "Indonesian",
    "nl": "Dutch",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "fi": "Finnish",
    "hu": "Hungarian",
    "et": "Estonian",
    "pl": "Polish",
    "cs": "Czech",
    "sk": "Slovak",
    "sl": "Slovenian",
    # One language by its words, standardised three ways (ijekavian or ekavian spellings
    # aside): its function words cannot tell which.
    "hbs": "Croatian, Bosnian or Serbian",
    "tr": "Turkish",
    OTHER_SCRIPT: "a script other than the Latin alphabet",
}
_WORD = re.compile(r"[^\W\d_]+")
OPENING = 6_000  # characters read: an article's opening tells its language
_MIN_LETTERS = 200  # fewer: too little to tell
_MIN_HITS = 10  # another language's function words needed, and twice English's


def language_of(text: str) -> str | None:
    """ENGLISH, another language's code (a key of NAMES) or OTHER_SCRIPT; None when the text is
    too short to tell."""
    words = _WORD.findall(text[:OPENING])
    letters = sum(map(len, words))
    if letters < _MIN_LETTERS:
        return None
    if sum(len(word) for word in words if word[0] <= "\u024f") < letters / 2:  # Latin ends at U+024F
        return OTHER_SCRIPT
    frequency = Counter(word.casefold() for word in words if len(word) <= _LONGEST)
    counts = {code: sum(frequency[word] for word in members) for code, members in _SETS.items()}
    hits, code = max((n, code) for code, n in counts.items() if code != ENGLISH)
    if hits >= _MIN_HITS and hits >= 2 * counts[ENGLISH]:
        return code
    return ENGLISH


_MIN_SHORT_HITS = 2  # in a text too short for language_of: its function words a guess needs


def likely_language(text: str, among: Iterable[str]) -> str | None:
    """For a text too short for language_of to tell (a caption, a one-paragraph item): the code
    of `among` whose function words it has most of, when it has at least _MIN_SHORT_HITS of them,
    more than of any other language's and twice English's ("Mas Lula disse: ..." reads as
    Portuguese); else None."""
    frequency = Counter(word.casefold() for word in _WORD.findall(text[:OPENING]) if len(word) <= _LONGEST)
    counts = sorted(
        ((sum(frequency[word] for word in members), code) for code, members in _SETS.items() if code != ENGLISH),
        reverse=True,
    )
    (hits, code), (runner_up, _) = counts[0], counts[1]
    english = sum(frequency[word] for word in _SETS[ENGLISH])
    if code in among and hits >= _MIN_SHORT_HITS and hits > runner_up and hits >= 2 * english:
        return code
    return None


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def mostly_cyrillic(text: str) -> bool:
    """Whether more than half the letters of `text`'s opening (what language_of reads; a letter
    as language_of counts them) are Cyrillic: the one test of a Russian-looking text, for the
    index's stemming (reader.index.languages) and for the quotations' speakers
    (reader.analysis.attribution_languages), so the two never disagree on a text."""
    opening = text[:OPENING]
    letters = sum(map(len, _WORD.findall(opening)))
    return letters > 0 and len(_CYRILLIC.findall(opening)) * 2 > letters


def describe(code: str) -> str:
    """ "Portuguese", "a script other than the Latin alphabet"."""
    return NAMES.get(code, code)
