"""Name variants: the same person (or place) spelt differently by two outlets.

Sergey/Sergei Lavrov, Zelenskyy/Zelensky, Gaddafi/Qaddafi, Dave/David Brat are variants;
Russia/Russian, Trump/Trumps, Germany/German, Democrat/Democrats, Obama/Osama, Lynch/Lynn are
not. The rules, in order:

* only capitalised words that are not ordinary words of either text (a sentence-initial
  "Therefore" is not a name), not weekdays or months, at least three letters long; an adverb,
  a conjunction, a determiner, a preposition or a pronoun opening a sentence is no name word
  ("Later Mohammed left" names Mohammed alone, not a "Later Mohammed" of two words); a word
  in capitals ("JOHN KERRY") or on a headline's line in title case ("Fort Worth May Dry Human
  Waste") is one only where the text writes it with a capital outside headlines, and as written
  there ("John");
* each spelling is used by one side only: an article that writes both "Russia" and "Russian"
  shows they are different words, and a spelling both sides use needs no normalising;
* one stem with different endings is morphology (Russia+n, Trump+s, Democrat+ic), except a
  doubled last letter (Zelensky+y);
* close spelling (Jaro-Winkler, and at most two edits, a swap counting as one), and then either
  - the same name word after it on both sides (Sergey/Sergei *Lavrov*): a first name, up to two
    edits that keep it one given name (one_given_name: a short form, the same sound, a long
    name's vowels transliterated; John/Joan Smith are two people); or the same name word before
    it (*Volodymyr* Zelenskyy/Zelensky): a surname, one edit at most; or
  - no shared neighbour but a long word (7+ letters for one edit, 8+ for two): `by_name` is
    False and compare() keeps it only when aligned sentences carry the two spellings.

A particle written in lower case inside a name ("Mohammed bin Salman", "Bill de Blasio") is part
of it: the name words either side of it are neighbours.

Given names before one surname are also paired whatever their spelling distance when
one_given_name says they are one person's: a known short form (Bill/William Clinton, Peggy/
Margaret) or a long name transliterated (Mohammed/Muhammad Morsi). The shared surname, not close
spelling, makes them candidates (_before_one_surname); a name also written in lower case on
either side ("the bill") is an ordinary word there, and no name. A long name written alone on
one side at least and spelt another way by one_given_name (Mohammed / Muhammad, "Crown Prince
Mohammed") is a variant for aligned sentences to confirm (`by_name` False); before two different
surnames (Mohammed Morsi / Muhammad Ali) or after a name word (a surname) it is two people.

A person's name of two words or more written in lower case on one side ("donald trump" in a
caption or a tweet) is a variant of the capitalised one, when that side writes its words
nowhere else and the other writes its surname alone too ("Trump said"), as common words in a
name ("Tea Party", "White House") are not (_lower_case_variants).

No UI imports here: the core never imports textual or rich.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import OSA, JaroWinkler

from reader.analysis.cancel import Cancel, check
from reader.analysis.textstats import (
    CAPITALS_RE,
    GIVEN_NAME_WORDS,
    LETTER_WORD_RE,
    OPENING_WORDS,
    STOPWORDS,
    SURNAME_WORDS,
    headline_lines,
    opens_sentence,
    strip_possessive,
    titled_spellings,
    words_outside,
)

# A word: letters with inner apostrophes or hyphens ("O'Brien", "Al-Assad").
_WORD = LETTER_WORD_RE
# Titles and generic words next to a name: not evidence that two names are the same person.
_TITLES = frozenset(
    """president vice prime minister foreign secretary state senator sen rep representative
    governor gov mr mrs ms dr gen general col colonel adm admiral lt sgt capt captain chief
    king queen prince princess pope sheikh sir lord lady judge justice attorney mayor chairman
    chairwoman director speaker leader house white the of and de la al el u.s us un eu former
    new saint st mount lake""".split()
)


# Capitalised words that are not names of people or places.
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)
# Particles written in lower case inside a name ("Mohammed bin Salman", "Bill de Blasio",
# "Ludwig van Beethoven"): the name goes on over them, and the words either side are neighbours.
_PARTICLES = frozenset("bin ibn al el de del della da di du dos la le van von der den".split())
# Endings that make another word of the same stem: Democratic/Democrats, Iraqi/Iraqis.
_ENDINGS = frozenset(
    """s es ns ic ics ical ian ians an ans ese ish ism ist ists ite ites ern ers er ed ing al cy
    cies ity ities ry ries""".split()
)


@dataclass(frozen=True)
class NameVariant:
    """One spelling on the left and its variant on the right.

    `left`/`right` are the differing words ("Sergey"/"Sergei"); `left_name`/`right_name` the
    fuller names they appear in when a shared neighbour shows it ("Sergey Lavrov").
    """

    left: str
    right: str
    left_name: str
    right_name: str
    # True when a shared neighbouring name shows it (Lavrov after Sergey/Sergei); otherwise
    # the spelling alone suggests it, and compare() asks aligned sentences to confirm it.
    by_name: bool = False
    # False for a variant only the later given-name rules find (a given name the other side
    # gives someone else, a middle name between: _before_one_surname): a flag for the reader,
    # kept out of variant_map (which the sentence linker, quotes and headlines read).
    aligns: bool = True

    def to_dict(self) -> dict:
        return {
            "left": self.left,
            "right": self.right,
            "left_name": self.left_name,
            "right_name": self.right_name,
        }


@dataclass
class _Side:
    names: dict[str, str]  # casefolded name -> spelling as written (first seen)
    lower_words: set[str]  # every casefolded word of the text
    # casefolded name -> "<word" / ">word": capitalised words just before / after it in a name
    neighbours: dict[str, set[str]]
    phrases: dict[str, list[tuple[str, ...]]]  # casefolded name -> name phrases it occurs in
    written: Counter[str]  # every word as written (possessive and all) -> how often


def _scan(text: str) -> _Side:
    names: dict[str, str] = {}
    lower_words: set[str] = set()
    neighbours: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    lowercase_seen: set[str] = set()
    written: Counter[str] = Counter()
    phrase: list[str] = []
    particle: list[str] = []  # a particle after the phrase, kept if a name word follows it
    last_end = 0

    def close_phrase() -> None:
        particle.clear()
        if not phrase:
            return
        # One tuple for the phrase, listed once under each of its words: a tuple for each word
        # made a run of n capitalised words (a menu, a list of names) hold n² words.
        whole = tuple(phrase)
        # its capitalised words: a particle inside ("bin") is no neighbour
        folded = [w.casefold() for w in phrase if w[0].isupper()]
        for k, word in enumerate(folded):
            near = neighbours.setdefault(word, set())
            if k > 0:
                near.add("<" + folded[k - 1])  # a name word before it: it is a later part
            if k + 1 < len(folded):
                near.add(">" + folded[k + 1])  # a name word after it: a first or middle name
            listed = phrases.setdefault(word, [])
            if not listed or listed[-1] is not whole:
                listed.append(whole)
        phrase.clear()

    matches = list(_WORD.finditer(text))
    headlines = headline_lines(text)
    titled = titled_spellings(words_outside(text, headlines)) if headlines or CAPITALS_RE.search(text) else {}
    on_headline = iter(headlines)
    headline = next(on_headline, None)
    for match in matches:
        word = match.group()
        written[word] += 1  # for _LowerCase, which read the whole text again to count them
        if "'" in word or "’" in word:
            word = strip_possessive(word.replace("’", "'"))
            if not word:
                continue
        folded = word.casefold()
        lower_words.add(folded)
        while headline is not None and headline[1] <= match.start():
            headline = next(on_headline, None)
        if word[0].isupper() and (
            (len(word) > 1 and word.isupper()) or (headline is not None and headline[0] <= match.start())
        ):
            # A headline capitalises every word ("Fort Worth May Dry Human Waste"), a line in
            # capitals every letter ("SECRETARY OF STATE JOHN KERRY"): a name only where the text
            # also writes it so in a sentence, and then shown as written there ("John", not "JOHN").
            word = titled.get(folded, "")
            if not word:
                close_phrase()
                continue
        if word[0].isupper():
            if folded in OPENING_WORDS and opens_sentence(text, match.start()):
                close_phrase()  # "Later Mohammed left": the adverb is no part of the name
                continue
            # A phrase continues over plain spaces only ("Sergey Lavrov", not "Lavrov. He").
            if phrase and text[last_end : match.start()].strip():
                close_phrase()
            phrase.extend(particle)  # "Mohammed bin Salman"
            particle.clear()
            phrase.append(word)
            names.setdefault(folded, word)
            last_end = match.end()
        else:
            if phrase and folded in _PARTICLES and not text[last_end : match.start()].strip():
                particle.append(word)
                last_end = match.end()
            elif phrase:
                close_phrase()
            lowercase_seen.add(folded)
    close_phrase()
    # A word also written in lower case is an ordinary word, not a name ("Therefore", "News").
    for folded in lowercase_seen | _NOT_NAMES:
        names.pop(folded, None)
    return _Side(names, lower_words, neighbours, phrases, written)


def _is_morphology(a: str, b: str) -> bool:
    """True when the two are one stem with different endings (Russia/Russian, Trump/Trumps,
    Democratic/Democrats, German/Germany), not two spellings of one name."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if long_.startswith(short):
        extra = long_[len(short) :]
        # Zelensky -> Zelenskyy: a doubled last letter is a spelling, not an ending. Any other
        # pure extension (Russia+n, Trump+s, German+y, Iraq+i) makes a different word.
        return extra != short[-1]
    k = 0
    while k < len(short) and short[k] == long_[k]:
        k += 1
    tails = (a[k:], b[k:])
    return k >= 3 and any(t in _ENDINGS for t in tails) and all(t in _ENDINGS or len(t) <= 1 for t in tails)


def _context(left: _Side, right: _Side, a: str, b: str) -> set[str]:
    """Name words next to both spellings on the same side of them, as "<word" / ">word"; a given
    name that is also a grammar word counts before a name ("Will Hurd" / "Will Hurt"), a surname
    that is also one after it ("Theresa May" / "Teresa May")."""
    shared = left.neighbours.get(a, set()) & right.neighbours.get(b, set())
    return {
        w
        for w in shared
        if len(w) >= 3
        and w[1:] not in _TITLES
        and (_context_word(w) or (_ends_with_surname(left, a, w) and _ends_with_surname(right, b, w)))
    }


def _context_word(tagged: str) -> bool:
    word = tagged[1:]
    return word not in STOPWORDS or (tagged[0] == "<" and word in GIVEN_NAME_WORDS)


def _ends_with_surname(side: _Side, word: str, tagged: str) -> bool:
    """Whether `tagged` is a surname that is also a grammar word (SURNAME_WORDS) ending a name
    after `word` with no other grammar word in it ("Theresa May said"; not "Trump May Win",
    "What Trump Said")."""
    surname = tagged[1:]
    if tagged[0] != ">" or surname not in SURNAME_WORDS:
        return False
    for phrase in side.phrases.get(word, ()):
        folded = [w.casefold() for w in phrase]
        if folded[-2:] == [word, surname] and not any(w in STOPWORDS for w in folded[:-1]):
            return True
    return False


def _joins(phrase: tuple[str, ...], k: int, beyond: str, context: set[str]) -> bool:
    """Whether the phrase's word k is a particle in lower case with a shared name word beyond it
    ("bin" in "Mohammed bin Salman"): the full name takes both."""
    return phrase[k][0].islower() and beyond in context


def _full_name(side: _Side, word: str, tagged: set[str]) -> str:
    """The phrase the word occurs in with a shared neighbour, trimmed of titles."""
    context = {w[1:] for w in tagged}
    for phrase in side.phrases.get(word, []):
        folded = [w.casefold() for w in phrase]
        if not context & set(folded):
            continue
        k = folded.index(word)
        lo = k
        while lo > 0 and (folded[lo - 1] in context or (lo > 1 and _joins(phrase, lo - 1, folded[lo - 2], context))):
            lo -= 1
        hi = k + 1
        while hi < len(folded) and (
            folded[hi] in context or (hi + 1 < len(folded) and _joins(phrase, hi, folded[hi + 1], context))
        ):
            hi += 1
        return " ".join(phrase[lo:hi])
    return side.names.get(word, word)


# English given names and their common short forms: before one surname, a full name and one of
# its short forms are one person's (Bill / William Clinton, Peggy / Margaret Noonan), however
# far apart their letters. Only these pairs: two short forms of one name (Bill / Will) or two
# names sharing a short form (Edward / Theodore: Ted) are not paired. Names of one or two
# letters ("Al", "Ed") are too short to be read as names at all.
_SHORT_FORMS_OF = {
    "abigail": "abby",
    "albert": "bert",
    "alexander": "alex sandy",
    "alexandra": "alex sandra sandy",
    "alfred": "alf alfie fred",
    "andrew": "andy drew",
    "anthony": "tony",
    "barbara": "barb",
    "benjamin": "ben benny",
    "bernard": "bernie",
    "catherine": "cathy cate kate katie kat",
    "charles": "charlie chuck",
    "christina": "chris tina",
    "christine": "chris",
    "christopher": "chris",
    "cynthia": "cindy",
    "daniel": "dan danny",
    "david": "dave davy davey",
    "deborah": "deb debbie",
    "donald": "don donny donnie",
    "dorothy": "dot dottie",
    "douglas": "doug",
    "edward": "eddie ted ned",
    "elizabeth": "eliza liz lizzie beth betty betsy libby",
    "eugene": "gene",
    "frederick": "fred freddie",
    "francis": "frank",
    "franklin": "frank",
    "gerald": "jerry gerry",
    "gregory": "greg",
    "harold": "harry hal",
    "henry": "hank harry",
    "jacqueline": "jackie",
    "james": "jim jimmy jamie",
    "jeffrey": "jeff",
    "jennifer": "jen jenny",
    "john": "jack johnny",
    "jonathan": "jon",
    "joseph": "joe joey",
    "joshua": "josh",
    "judith": "judy",
    "kenneth": "ken kenny",
    "kimberly": "kim",
    "lawrence": "larry",
    "leonard": "len lenny",
    "margaret": "peggy maggie meg marge margie",
    "matthew": "matt",
    "michael": "mike mick mickey",
    "mitchell": "mitch",
    "nathaniel": "nate nat",
    "nicholas": "nick nicky",
    "pamela": "pam",
    "patricia": "pat patty trish",
    "patrick": "pat paddy",
    "peter": "pete",
    "philip": "phil",
    "randolph": "randy",
    "raymond": "ray",
    "rebecca": "becky",
    "richard": "dick rick ricky rich",
    "robert": "bob bobby rob robbie bert",
    "ronald": "ron ronnie",
    "russell": "russ",
    "samantha": "sam",
    "samuel": "sam sammy",
    "sandra": "sandy",
    "stephen": "steve",
    "susan": "sue susie",
    "terence": "terry",
    "theodore": "ted teddy theo",
    "thomas": "tom tommy",
    "timothy": "tim",
    "valerie": "val",
    "victoria": "vicky tori",
    "vincent": "vince",
    "virginia": "ginny",
    "walter": "walt",
    "william": "bill billy will willie",
    "zachary": "zach",
}
# Letters that spell one sound in names, and transliterations' alternatives: Katherine/Catherine,
# Steven/Stephen, Vladimir/Wladimir, Aleksandr/Alexandr, Yuri/Yury, Zulfiqar/Zulfiquar,
# Defence/Defense (a soft c), Labour/Labor.
_SPELLING_FOLD = (
    ("ph", "v"),
    ("f", "v"),
    ("w", "v"),
    ("x", "ks"),
    ("qu", "k"),
    ("ce", "se"),
    ("ci", "si"),
    ("c", "k"),
    ("q", "k"),
    ("z", "s"),
    ("y", "i"),
    ("ou", "o"),
)


def _spelling_key(word: str) -> str:
    """A given name as it sounds: alternative letters folded, a silent h after the first letter
    dropped (Jon/John, Sarah/Sara), doubled letters single (Hillary/Hilary, Mohamed/Mohammed)."""
    key = fold_diacritics(word)
    for written, said in _SPELLING_FOLD:
        key = key.replace(written, said)
    key = key[:1] + key[1:].replace("h", "")
    return re.sub(r"(.)\1+", r"\1", key)


# The short-form pairs by sound: "Kathy" / "Katherine" as "Cathy" / "Catherine", "Steve" /
# "Steven" as "Steve" / "Stephen".
@cache
def _short_form_keys() -> frozenset[frozenset[str]]:
    return frozenset(
        frozenset((_spelling_key(full), _spelling_key(short)))
        for full, shorts in _SHORT_FORMS_OF.items()
        for short in shorts.split()
    )


def one_given_name(a: str, b: str) -> bool:
    """Whether two given names before one surname are one person's: a full name and one of its
    known short forms (Dave/David, Bill/William, Peggy/Margaret: _SHORT_FORMS_OF), the same name
    by its sound (_spelling_key) or with two letters swapped, or, in a name of six letters or
    more with the same first and last letters, vowels transliterated differently (Muammar/
    Moammar, Mohammed/Muhammad). Any other edit makes another name, so another person: John/
    Joan, Eric/Erin, Mark/Mary, a vowel changed in a short name (Jane/June, Dan/Don), and a
    changed ending, which often tells a man's name from a woman's (Roberto/Roberta, Christian/
    Christina)."""
    a, b = a.casefold(), b.casefold()
    key_a, key_b = _spelling_key(a), _spelling_key(b)
    if key_a == key_b or _swapped(key_a, key_b) or frozenset((key_a, key_b)) in _short_form_keys():
        return True
    long_enough = min(len(a), len(b)) >= 6 and key_a[:1] == key_b[:1] and key_a[-1:] == key_b[-1:]
    return long_enough and key_a.translate(_VOWELS) == key_b.translate(_VOWELS)


_VOWELS = str.maketrans("eiou", "aaaa")


def _another_ending(a: str, b: str) -> bool:
    """Whether two words differ only in their last vowel (Antonio/Antonia, Francesco/Francesca)
    or in the order of their last two letters (Christian/Christina): as one_given_name says,
    what often tells a man's name from a woman's."""
    if len(a) != len(b) or a[:-2] != b[:-2]:
        return False
    if a[-2] == b[-2]:
        return a[-1] != b[-1] and a[-1] in "aeiou" and b[-1] in "aeiou"
    return a[-2:] == b[:-3:-1]


def _swapped(a: str, b: str) -> bool:
    """Two neighbouring letters typed the wrong way round (Zulifqar/Zulfiqar): a slip, not a name;
    not the last two, which make another name (Christian/Christina, Marian/Marina)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and diff[1] < len(a) - 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def fold_diacritics(word: str) -> str:
    """The word without accents, casefolded: "Peña" -> "pena", "Erdoğan" -> "erdogan"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def find_name_variants(left_text: str, right_text: str, cancel: Cancel | None = None) -> list[NameVariant]:
    """Pairs of spellings of one name: left as the left text writes it, right as the right does.

    Besides the spelling rules of the module doc, a name written with and without accents
    (Peña/Pena) is a variant whatever its length, and so is one written with a hyphen or with
    spaces (Kim Jong-un / Kim Jong Un / Kim Jong - un), and an acronym with and without stops
    (N.A.A.C.P. / NAACP). `cancel()` true raises cancel.Cancelled (two long articles: seconds).
    """
    left, right = _scan(left_text or ""), _scan(right_text or "")
    check(cancel)
    joined = _joined_variants(left_text or "", right_text or "", cancel)
    joined += _acronym_variants(left_text or "", right_text or "")
    check(cancel)
    variants = _spelling_variants(left, right)
    taken = {(v.left.casefold(), v.right.casefold()) for v in variants}
    variants += [v for v in joined if (v.left.casefold(), v.right.casefold()) not in taken]
    variants += _lower_case_variants(left, right, left_text or "", right_text or "")
    variants.sort(key=lambda v: (v.left.casefold(), v.right.casefold()))
    return variants


def _spelling_variants(left: _Side, right: _Side) -> list[NameVariant]:
    left_only = [w for w in left.names if w not in right.lower_words and len(w) >= 3]
    right_only = [w for w in right.names if w not in left.lower_words and len(w) >= 3]
    candidates: list[tuple[float, str, str, set[str]]] = []
    # Blocking: two spellings of one name share their first two or last three letters
    # (Sergey/Sergei, Gaddafi/Qaddafi, Muammar/Moammar); this keeps huge texts cheap.
    blocks: dict[str, list[str]] = {}
    for b in right_only:
        for key in ("<" + b[:2], ">" + b[-3:]):
            blocks.setdefault(key, []).append(b)
    # Each word's letters without accents worked out once, not for each pair of a block (a list
    # of 2,000 names of the same first letters: 5.6 s, 85% of it folding the same words again).
    right_folded = {b: fold_diacritics(b) for b in right_only}
    for a in left_only:
        a_folded = fold_diacritics(a)
        others = blocks.get("<" + a[:2], []) + blocks.get(">" + a[-3:], [])
        for b in dict.fromkeys(others):
            if abs(len(a) - len(b)) > 2:
                continue
            if a_folded == right_folded[b]:
                # Peña / Pena: the same letters but for accents, a spelling whatever its length.
                candidates.append((2.0, a, b, _context(left, right, a, b) or {"=accents"}))
                continue
            # OSA: a swap of two letters is one edit (Priebus/Preibus).
            distance = OSA.distance(a, b, score_cutoff=2)
            if distance > 2 or distance == 0:
                continue
            if _is_morphology(a, b):
                continue
            similarity = JaroWinkler.similarity(a, b)
            if similarity < 0.8:
                continue
            context = _context(left, right, a, b)
            shortest = min(len(a), len(b))
            if any(w.startswith(">") for w in context):
                # Same surname after it: first-name spellings (Sergey/Sergei, Dave/David), but
                # not two given names (John/Joan Smith, Eric/Erin Trump: two people).
                # A word after a shared name word (Claudia Gonzles/Gonzales Herrera) is no given name.
                given = not any(w.startswith("<") for w in context)
                ok = similarity >= 0.8 and (not given or one_given_name(a, b))
            elif context:
                # Same first name before it: a surname, which one edit at most may change
                # (Zelenskyy/Zelensky; not Lynch/Lynn, Cardin/Carson).
                ok = distance == 1 and similarity >= 0.85
            elif _another_ending(a, b):
                ok = False  # written alone, Antonio / Antonia, Christian / Christina: two names
            elif distance == 1:
                # Six letters and one edit still make other names (Marvin/Martin, Bolton/Boston).
                ok = shortest >= 7 and similarity >= 0.9
            else:
                ok = shortest >= 8 and similarity >= 0.92
            if ok:
                candidates.append((similarity + 0.1 * bool(context), a, b, context))
    # Given names before one surname are paired by that surname, not by close spelling: a short
    # form (Bill/William) or a transliteration (Mohammed/Muhammad) is too far apart for the
    # blocks and gates above, and one_given_name alone says whether they are one person's.
    found = {(a, b) for _, a, b, _ in candidates}
    # A given name the other side also writes, only for someone else ("Tim Murray" here, "Tim
    # Scott" and "Timothy Murray" there), still pairs before the shared surname.
    left_given = left_only + [w for w in left.names if w in right.names and len(w) >= 3]
    right_given = right_only + [w for w in right.names if w in left.names and len(w) >= 3]
    later: list[tuple[float, str, str, set[str]]] = []
    for a, b, context, by_later_rule in _before_one_surname(left, right, left_given, right_given):
        if (a, b) not in found and one_given_name(a, b):
            (later if by_later_rule else candidates).append((JaroWinkler.similarity(a, b) + 0.1, a, b, context))
            found.add((a, b))
    for a, b in _lone_given_names(left, right, left_only, right_only):
        if (a, b) not in found:
            candidates.append((JaroWinkler.similarity(a, b), a, b, set()))
    # Each spelling pairs with at most one other: the best-scoring pair wins, those of the later
    # rules after all others (they take no spelling the linker's variants had).
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    later.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_left: set[str] = set()
    used_right: set[str] = set()
    variants: list[NameVariant] = []
    for aligns, group in ((True, candidates), (False, later)):
        for _, a, b, context in group:
            if a in used_left or b in used_right:
                continue
            used_left.add(a)
            used_right.add(b)
            variants.append(
                NameVariant(
                    left=left.names[a],
                    right=right.names[b],
                    left_name=_full_name(left, a, context),
                    right_name=_full_name(right, b, context),
                    by_name=bool(context),
                    aligns=aligns,
                )
            )
    return variants


def _before_one_surname(
    left: _Side, right: _Side, left_only: list[str], right_only: list[str]
) -> list[tuple[str, str, set[str], bool]]:
    """(left word, right word, shared context, by a later rule) for two words that the same name
    word follows on both sides (one side may write a middle name between) and no shared name word
    precedes, and that one_given_name may take for one: two given names of one surname. By a
    later rule: the other side writes the word too (for someone else), or a middle name is
    between. Blocked by the keys one_given_name compares (_given_name_keys): every name before
    one surname against every other made a text of many such names quadratic."""
    index: dict[str, list[str]] = {}
    for b in right_only:
        if any(tag.startswith(">") for tag in right.neighbours.get(b, ())):
            for key in _given_name_keys(b):
                index.setdefault(key, []).append(b)
    out = []
    for a in left_only:
        if not any(tag.startswith(">") for tag in left.neighbours.get(a, ())):
            continue
        keys = _given_name_keys(a) | {"=" + k for k in _short_form_partners().get(_spelling_key(a), ())}
        for b in dict.fromkeys(b for key in keys for b in index.get(key, ())):
            if a == b:
                continue
            context = _context(left, right, a, b)
            by_later_rule = not context or a in right.names or b in left.names
            context = context or _over_a_middle_name(left, right, a, b)
            surnames = {w for w in context if w.startswith(">")}
            if not surnames or any(w.startswith("<") for w in context):
                continue
            # Each side writes its own given name before the surname, never the other's: a side
            # that writes both ("Tim Murray", "Timothy Murray") shows no difference.
            if surnames & right.neighbours.get(a, set()) or surnames & left.neighbours.get(b, set()):
                continue
            out.append((a, b, context, by_later_rule))
    return out


def _over_a_middle_name(left: _Side, right: _Side, a: str, b: str) -> set[str]:
    """The surname both given names come before when one side writes a middle name between
    ("Ben Jealous" / "Benjamin Todd Jealous"), with that middle name (for _full_name), as
    ">word" tags; empty when none. The three words must be one name as written: "Benjamin
    Todd" and "Todd Jealous" apart are two people."""
    for side, word, other, other_word in ((right, b, left, a), (left, a, right, b)):
        direct = other.neighbours.get(other_word, set())
        for phrase in side.phrases.get(word, ()):
            folded = [w.casefold() for w in phrase if w[0].isupper()]
            for k in range(len(folded) - 2):
                middle, surname = ">" + folded[k + 1], ">" + folded[k + 2]
                if (
                    folded[k] == word
                    and middle not in direct
                    and _name_word(side, middle[1:])
                    and surname in direct
                    and len(surname) >= 3
                    and surname[1:] not in _TITLES
                    and _context_word(surname)
                ):
                    return {surname, middle}
    return set()


# A name written alone is paired by its spelling from this length only: a short one is too often
# another name or word (Cole / Kohl, Mark / Marc).
_LONE_NAME = 6


def _lower_case_variants(left: _Side, right: _Side, left_text: str, right_text: str) -> list[NameVariant]:
    """ "Donald Trump" / "donald trump": a name of two words or more that one side writes in
    lower case (a caption, a tweet). Only when the lower-case side writes those words nowhere
    else and nowhere capitalised, and the other side never in lower case, so that ordinary words
    ("white house", "the bill") are not taken for names, nor words after an article or a
    possessive ("the exchange's mark price"); titles and grammar words are left off ("President
    Donald Trump" is "Donald Trump")."""
    out: list[NameVariant] = []
    seen: set[tuple[str, ...]] = set()
    texts = _LowerCase(left_text, left.written), _LowerCase(right_text, right.written)
    sides = ((left, texts[0], texts[1], False), (right, texts[1], texts[0], True))
    for named, named_text, lower, flipped in sides:
        for phrase in _each_phrase_once(named):
            first = 0
            while first < len(phrase) and (
                phrase[first].casefold() in _TITLES or phrase[first].casefold() in STOPWORDS
            ):
                first += 1
            words = list(phrase[first:])
            folded = tuple(w.casefold() for w in words)
            if len(folded) < 2 or folded in seen or not lower.may_write(named, folded):
                continue
            if not _surname_alone(named, folded):
                continue  # "Tea Party", "White House": common words
            written = lower.written(folded)
            if written is None or not named_text.in_running_text(words):
                continue  # "Court Rules on Same-Sex Marriage": a headline's capitals, no name
            seen.add(folded)
            name = " ".join(words)
            pair = (written, name) if flipped else (name, written)
            out.append(NameVariant(pair[0], pair[1], pair[0], pair[1], by_name=True))
    return out


def _each_phrase_once(side: _Side) -> Iterator[tuple[str, ...]]:
    """Each name phrase of the side once, in the order its words were first seen: a phrase is
    looked at (hashed) once, not once for each of its words (quadratic in a long run of them)."""
    looked_at: set[int] = set()  # the phrases' tuples, which side.phrases holds alive
    seen: set[tuple[str, ...]] = set()
    for listed in side.phrases.values():
        for phrase in listed:
            if id(phrase) not in looked_at:
                looked_at.add(id(phrase))
                if phrase not in seen:
                    seen.add(phrase)
                    yield phrase


class _LowerCase:
    """The words of a text as it writes them (`written`, counted by _scan), to find a name written
    in lower case, and where each run of letters starts, found the first time a name is looked
    for (most texts have none to look for), so that each name costs a few look-ups and a match at
    each place its first word is written (a search of the whole text for each name made a text
    of many names quadratic)."""

    def __init__(self, text: str, written: Counter[str]) -> None:
        self.text = text
        self.lower = {word: n for word, n in written.items() if not word[0].isupper()}
        self.capitalised = {word.casefold() for word in written if word[0].isupper()}
        self._found_starts: dict[str, list[int]] | None = None

    @property
    def _starts(self) -> dict[str, list[int]]:
        if self._found_starts is None:
            self._found_starts = {}
            for m in _LETTER_RUN.finditer(self.text):
                self._found_starts.setdefault(m.group(), []).append(m.start())
        return self._found_starts

    def _phrases(self, words: tuple[str, ...] | list[str]) -> Iterator[tuple[int, int]]:
        """(start, end) of each place, left to right and apart, where the text writes `words` as
        written, with spaces between them and no letter or digit after: looked for only where a
        run of letters starts with the first word's first run (a search of the text, or a pattern
        compiled, for each name made a text of many names slow)."""
        head = _LETTER_RUN.match(words[0])
        last_end = 0
        for start in self._starts.get(head.group() if head else "", ()):
            if start >= last_end and (end := _phrase_end(self.text, start, words)) is not None:
                last_end = end
                yield start, end

    def may_write(self, named: _Side, folded: tuple[str, ...]) -> bool:
        """Whether every word of the name is a name on its side (never in lower case there) and
        written in lower case here, never capitalised, none a title or a grammar word."""
        return all(
            len(w) >= 2
            and w in named.names
            and w in self.lower
            and w not in self.capitalised
            and w not in STOPWORDS
            and w not in _TITLES
            for w in folded
        )

    def written(self, folded: tuple[str, ...]) -> str | None:
        """The name as the text writes it in lower case ("donald trump"), when each of its words
        is written only there ("a trump card" makes "trump" an ordinary word); else None."""
        found = [
            (start, end)
            for start, end in self._phrases(folded)
            if start == 0 or not _WORD_CHAR.match(self.text, start - 1)
        ]
        if not found or any(self.lower[w] != folded.count(w) * len(found) for w in folded):
            return None
        if any(_COMMON_NOUN_BEFORE.search(self.text, max(0, start - 40), start) for start, _ in found):
            return None  # "the exchange's mark price", "the tea party": common words
        start, end = found[0]
        return self.text[start:end]

    def in_running_text(self, words: list[str]) -> bool:
        """Whether the name is written, once at least, in a sentence with an ordinary word in
        lower case (other than grammar words), not in a title whose every word is capitalised."""
        text = self.text
        for found, found_end in self._phrases(words):
            if found > 0 and text[found - 1].isalnum():
                continue  # inside a word
            edges = list(_SENTENCE_EDGE.finditer(text, max(0, found - 300), found))
            start = edges[-1].end() if edges else max(0, found - 300)
            end_edge = _SENTENCE_EDGE.search(text, found_end, found_end + 300)
            end = end_edge.start() if end_edge else min(len(text), found_end + 300)
            around = text[start:found] + " " + text[found_end:end]
            if any(w[0].islower() and len(w) >= 3 and w not in STOPWORDS for w in _WORD.findall(around)):
                return True
        return False


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _phrase_end(text: str, pos: int, words: tuple[str, ...] | list[str]) -> int | None:
    """Where `words` end if the text writes them at `pos`, spaces between them and no letter or
    digit after (the regular expression "w1\\s+w2(?![^\\W_])", without compiling one); else None."""
    for k, word in enumerate(words):
        if k:
            spaced = pos
            while spaced < len(text) and text[spaced].isspace():
                spaced += 1
            if spaced == pos:
                return None
            pos = spaced
        if not text.startswith(word, pos):
            return None
        pos += len(word)
    return None if pos < len(text) and text[pos].isalnum() else pos


# An article, a determiner or a possessive just before a phrase in lower case: a common noun's
# ("the exchange's mark price dropped", "the tea party rallied"), which a name seldom has (not
# "it's", "that's": "it's donald trump").
_COMMON_NOUN_BEFORE = re.compile(
    r"(?:(?<![^\W_])(?:the|a|an|this|that|these|those|its|their|our|your|my|his|her|every|each|some|any)"
    r"|(?<![^\W_])(?!(?:it|that|he|she|what|who|there|here|where|let)['’]s\b)[^\W\d_]+['’]s|\ws['’])\s+$",
    re.IGNORECASE,
)


_WORD_CHAR = re.compile(r"[^\W_]|['’\-]")


def _surname_alone(side: _Side, folded: tuple[str, ...]) -> bool:
    """Whether the name's last word is also written without the word before it ("Trump said",
    "President Trump" beside "Donald Trump"), as a person's surname is: a name of common words
    ("Tea Party", "White House", "Supreme Court") is not."""
    last, before = folded[-1], folded[-2]
    for phrase in side.phrases.get(last, ()):
        words = [w.casefold() for w in phrase]
        if any(w == last and (k == 0 or words[k - 1] != before) for k, w in enumerate(words)):
            return True
    return False


_SENTENCE_EDGE = re.compile(r"[.!?\n]")


def _lone_given_names(left: _Side, right: _Side, left_only: list[str], right_only: list[str]) -> list[tuple[str, str]]:
    """(left word, right word) for one name spelt another way (one_given_name by its sound, a
    swap or a long name's vowels: Mohammed / Muhammad; not a short form, since "Bill" alone is
    no name of William) with the same consonants (_consonants), where no shared name word shows
    it: written alone ("Muhammad said", "Crown Prince Mohammed") on one side at least. compare()
    keeps such a pair only when aligned sentences carry the two spellings (`by_name` False).
    Two different surnames after them ("Mohammed Morsi" / "Muhammad Ali") or a name word before
    either (a surname: "Ali Mohammed", "Nick Merrill" / "Morell") make two people."""
    index: dict[str, list[str]] = {}
    for b in right_only:
        for key in _given_name_keys(b):
            index.setdefault(key, []).append(b)
    out = []
    for a in left_only:
        for b in dict.fromkeys(b for key in _given_name_keys(a) for b in index.get(key, ())):
            if min(len(a), len(b)) < _LONE_NAME or _two_people(left, right, a, b):
                continue
            if _context(left, right, a, b):
                continue  # a shared name word: the rules of _spelling_variants decided
            if (
                one_given_name(a, b)
                and _consonants(a) == _consonants(b)
                and frozenset((_spelling_key(a), _spelling_key(b))) not in _short_form_keys()
            ):
                out.append((a, b))
    return out


def _consonants(word: str) -> str:
    """The word's consonants as written (a silent h after the first letter and doubled letters
    left out): vowels change in a transliteration (Mohammed / Muhammad, Falluja / Fallujah),
    consonants make other places (Norfolk / Norwalk, which sound alike)."""
    key = fold_diacritics(word)
    key = key[:1] + key[1:].replace("h", "")
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", key))


def _name_word(side: _Side, word: str) -> bool:
    """A name word next to another: no title nor grammar word."""
    return word in side.names and word not in _TITLES and word not in STOPWORDS


def _two_people(left: _Side, right: _Side, a: str, b: str) -> bool:
    """Whether both spellings have name words after them, and none shared ("Mohammed Morsi" /
    "Muhammad Ali"), or either has one before it: a surname ("Nick Merrill" / "Morell") is
    often another family's whose vowels differ."""
    near_a = {w for w in left.neighbours.get(a, ()) if _name_word(left, w[1:])}
    near_b = {w for w in right.neighbours.get(b, ()) if _name_word(right, w[1:])}
    if any(w[0] == "<" for w in near_a | near_b):
        return True
    return bool(near_a and near_b and not near_a & near_b)


def _given_name_keys(word: str) -> set[str]:
    """Keys two names share when one_given_name may hold: the sound ("="), the letters in any
    order (a swap), and a long name's sound with its vowels folded."""
    key = _spelling_key(word)
    keys = {"=" + key, "~" + "".join(sorted(key))}
    if len(word) >= 6:
        keys.add("v" + key.translate(_VOWELS))
    return keys


@cache
def _short_form_partners() -> dict[str, frozenset[str]]:
    """A name's sound -> the sounds of its known short or full forms."""
    partners: dict[str, set[str]] = {}
    for pair in _short_form_keys():
        for key in pair:
            partners.setdefault(key, set()).update(pair - {key})
    return {key: frozenset(others) for key, others in partners.items()}


# A capitalised name word joined to the next word by a hyphen, spaced or not ("Jong-un",
# "Jong - un"); the second part may be lower case. A lookahead: "Kim Jong - un" has two words
# before the hyphen, and the scan must not swallow the second.
_HYPHENATED = re.compile(r"\b(?=([^\W\d_]{2,})(\s*-\s*)([^\W\d_]+)\b)")


def _compound_forms(text: str) -> dict[str, str]:
    """Hyphenated names, keyed by their letters ("jongun") -> as written ("Jong-un")."""
    out: dict[str, str] = {}
    for m in _HYPHENATED.finditer(text):
        first, sep, second = m.groups()
        if first[0].isupper():
            out.setdefault(fold_diacritics(first + second), first + sep + second)
    return out


_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}(?![\w])")


def _acronym_variants(left_text: str, right_text: str) -> list[NameVariant]:
    """N.A.A.C.P. / NAACP, G.O.P. / GOP: an acronym with stops on one side, without on the other
    (U.S. / US is left out: "US" is also a word in capitals)."""
    out: list[NameVariant] = []
    for text, other, flipped in ((left_text, right_text, False), (right_text, left_text, True)):
        for dotted in dict.fromkeys(m.group() for m in _DOTTED.finditer(text)):
            plain = dotted.replace(".", "")
            if len(plain) < 3 or plain in text or not re.search(rf"(?<![\w.]){plain}(?![\w.])", other):
                continue
            pair = (plain, dotted) if flipped else (dotted, plain)
            out.append(NameVariant(pair[0], pair[1], pair[0], pair[1], by_name=True))
    return out


def _joined_variants(left_text: str, right_text: str, cancel: Cancel | None = None) -> list[NameVariant]:
    """Kim Jong-un / Kim Jong Un / Kim Jong - un / Kim Jongun: one name, joined differently.

    Each side's hyphenated names are looked for on the other side written with another joint
    (spaces, a spaced hyphen, nothing); the name word before it, when both sides have it, is
    shown with it.
    """
    out: list[NameVariant] = []
    seen: set[str] = set()
    for text, other, flipped in ((left_text, right_text, False), (right_text, left_text, True)):
        for key, form in _compound_forms(text).items():
            check(cancel)  # each form reads the whole other text once or twice: ~10 ms on a long one
            if key in seen:
                continue
            first, _, second = (p.strip() for p in form.partition("-"))
            # Every match holds `first`: most forms are nowhere in the other text, and the whole
            # pattern (which may start anywhere) made two long articles' comparison quadratic.
            if not re.search(re.escape(first), other, re.IGNORECASE):
                continue
            joined = rf"\b{re.escape(first)}(\s*-\s*|\s+|)(?:{re.escape(second)})\b"
            # The name itself, then the word before it: a pattern that may start at any word,
            # run over the whole other text for each form, cost most of the names' time.
            first_found = re.search(joined, other, re.IGNORECASE)
            if first_found is None:
                continue
            pattern = re.compile(rf"(?:\b([^\W\d_]+)\s+)?{joined}", re.IGNORECASE)
            for m in pattern.finditer(other, _word_before(other, first_found.start())):
                body = other[m.end(1) if m.group(1) else m.start() : m.end()].strip()
                if body == form:
                    continue  # the same joint: not a variant
                if body.casefold() == form.casefold() or not body[:1].isupper():
                    # only the case differs ("Same-Sex" in a headline), or the other side writes
                    # it in lower case ("gun rights"): an ordinary word, not a name
                    continue
                before = m.group(1) or ""
                # the name word before it on this side, looked for once a variant is found (a
                # search of the whole text for each form, most of which have none, made it slow)
                mine = re.search(rf"\b([^\W\d_]+)\s+{re.escape(form)}", text) if before else None
                if mine and mine.group(1).casefold() == before.casefold():
                    full_mine, full_other = f"{mine.group(1)} {form}", f"{before} {body}"
                else:
                    full_mine, full_other = form, body
                seen.add(key)
                if flipped:
                    out.append(NameVariant(body, form, full_other, full_mine, by_name=True))
                else:
                    out.append(NameVariant(form, body, full_mine, full_other, by_name=True))
                break
    return out


_ONE_SPACE = re.compile(r"\s")
_ONE_LETTER = re.compile(r"[^\W\d_]")  # a letter as the joined names' pattern reads one


def _word_before(text: str, start: int) -> int:
    """Where the letters before the spaces before `start` begin (`start` when there are none):
    the earliest that a match of a name at `start` with the word before it can start."""
    k = start
    while k > 0 and _ONE_SPACE.match(text, k - 1):
        k -= 1
    while k > 0 and _ONE_LETTER.match(text, k - 1):
        k -= 1
    return k


def name_tokens(text: str) -> set[str]:
    """The casefolded words of a text as find_name_variants sees them ("wal-mart", "o'neill")."""
    out = set()
    for match in _WORD.finditer(text or ""):
        word = match.group()
        if "'" in word or "’" in word:
            word = strip_possessive(word.replace("’", "'"))
        if word:
            out.add(word.casefold())
    return out


def written_as_word(spelling: str) -> re.Pattern:
    """Where a name is written as a word of its own ("Sergei", not inside "Sergeieva")."""
    return re.compile(r"(?<![^\W_])" + re.escape(spelling) + r"(?![^\W_])")


def variant_map(variants: list[NameVariant]) -> dict[str, str]:
    """casefolded right spelling -> casefolded left spelling, to normalise right-hand tokens.

    Only one-word spellings are mapped: names joined differently (Jong-un / Jong Un) need no
    mapping, since tokenize splits hyphens and spaces alike. Nor are the variants of the later
    given-name rules (`aligns` False), flags only: their short form may be the other side's name
    for someone else ("Tim Murray" / "Timothy Murray" beside "Tim Scott" on both), and mapped
    word for word it renamed him, in quotes and headlines too; the sentence linker's model was
    fitted without them.
    """
    return {
        v.right.casefold(): v.left.casefold()
        for v in variants
        if v.aligns and _WORD.fullmatch(v.left) and _WORD.fullmatch(v.right) and "-" not in v.left + v.right
    }
