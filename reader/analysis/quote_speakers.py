"""Attribution of quotations: speech verbs, the speaker's noun phrase, and speaker resolution.

Used by reader.analysis.quotes; pure Python, no UI imports, safe on any string.
"""

from __future__ import annotations

import bisect
import re

from reader.analysis.attribution_words import (
    _ADVERBS,
    _AFTER_VERB_STOP,
    _AGENT_SUFFIXES,
    _BARE,
    _BEFORE_BARE,
    _BEFORE_ING,
    _CAPITAL_BREAK,
    _CONJUNCTIONS,
    _CONTRACTIONS,
    _FEMALE,
    _FEMALE_TITLES,
    _INVERTING,
    _LEADING_NON_NAME,
    _LEADING_PREPOSITIONS,
    _MALE_TITLES,
    _NAMING_VERBS,
    _NON_PERSON,
    _NP_BREAK,
    _NP_DETERMINERS,
    _PERSON_TITLES,
    PLACE_HEADS,
    _PLACE_PREPOSITIONS,
    PRONOUNS,
    _ROLE_NOUNS,
    SPEECH_VERBS,
    _TIME_WORDS,
    WRITTEN_THINGS,
)
from reader.analysis.sentences import SentenceMap


_TOKEN = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿĀ-ž][\w’'.-]*|[,;:()—–]|\S")
_NAME = re.compile(
    r"(?<![\w’'-])((?:[A-Z][a-z]{0,3}\.|[A-Z][a-zà-ÿ’'-]*)(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+)){0,3})(?![\w’'-])"
)


_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*")


def _tokens(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    return [(m.group(), lo + m.start(), lo + m.end()) for m in _TOKEN.finditer(text[lo:hi])]


def _word(token: str) -> str:
    return token.lower().rstrip(".").replace("’", "'")


def _is_verb(token: str) -> bool:
    """A speech verb as written in running text (lower case: "Post" and "States" are names)."""
    return token[:1].islower() and _word(token) in SPEECH_VERBS


def _verb_at(toks, v: int) -> bool:
    tok = toks[v][0]
    if not _is_verb(tok) or _used_as_noun(toks, v):
        return False
    w = _word(tok)
    if w in _BARE:
        return v > 0 and _word(toks[v - 1][0]) in _BEFORE_BARE
    if w.endswith("ing") and v > 0:
        # "..., saying", "by calling", "was telling" are verbs; "his unjust labeling" is a noun.
        before = toks[v - 1][0]
        wb = _word(before)
        return not before[0].isalnum() or wb in _BEFORE_ING or wb.endswith("ly")
    return True


def _np_token_ok(token: str) -> bool:
    w = _word(token)
    if not w or not (w[0].isalnum()):
        return False
    if token[0].isupper():
        return w not in _CAPITAL_BREAK
    return w not in _NP_BREAK and w not in SPEECH_VERBS


def _np_backward(toks: list[tuple[str, int, int]], end: int) -> tuple[int, int] | None:
    """Token range [i, end) of the noun phrase that ends just before index `end`."""
    j = end
    while j > 0 and _word(toks[j - 1][0]) in _ADVERBS:
        j -= 1
    i = j
    while i > 0 and j - i < 8 and _np_token_ok(toks[i - 1][0]) and not _ends_sentence(toks[i - 1][0]):
        i -= 1
    if i == j:
        # "Smith, a spokesman for X, said": skip back over an appositive between commas.
        if j > 0 and toks[j - 1][0] == ",":
            k = j - 2
            while k >= 0 and toks[k][0] not in (",", ";", ":") and j - k < 14:
                k -= 1
            if k >= 1 and toks[k][0] == ",":
                return _np_backward(toks, k)
        return None
    # Start the phrase at a determiner or a capital: drop leading lower-case fragments.
    while i < j and not (
        toks[i][0][0].isupper() or _word(toks[i][0]) in _NP_DETERMINERS or _word(toks[i][0]) in PRONOUNS
    ):
        i += 1
    if i == j:
        return None
    return i, j


def _ends_sentence(token: str) -> bool:
    """"Israel." ends a sentence; "Sen.", "U.S." and an initial "W." do not."""
    if not token.endswith(".") or token.endswith(".."):
        return False
    word = token[:-1]
    return len(word) > 2 and "." not in word and word.lower() not in _PERSON_TITLES


def _finite_verb(word: str) -> bool:
    """A speech verb that ends a noun phrase ("said", "told"); "report" may be its head noun."""
    return word in SPEECH_VERBS and (
        word.endswith(("ed", "ing")) or word in ("said", "says", "told", "tells", "wrote", "writes")
    )


def _np_forward(toks: list[tuple[str, int, int]], start: int) -> tuple[int, int] | None:
    i = start
    while i < len(toks) and _word(toks[i][0]) in _TIME_WORDS:
        i += 1
    j = i
    while j < len(toks) and j - i < 8:
        tok = toks[j][0]
        w = _word(tok)
        if not tok[0].isalnum() or (w in _AFTER_VERB_STOP and j > i) or _finite_verb(w):
            break
        if w in _TIME_WORDS and j > i:
            break
        j += 1
    if i == j:
        return None
    first = toks[i][0]
    if not (first[0].isupper() or _word(first) in ("the", "a", "an")):
        return None  # "said that he...", "told his staff": not an inverted speaker
    if not any(t[0][:1].isupper() for t in toks[i:j]) and j - i > 4:
        return None
    return i, j


def _span(text: str, toks, rng) -> tuple[str, int, int]:
    i, j = rng
    s, e = toks[i][1], toks[j - 1][2]
    if _ends_sentence(toks[j - 1][0]):
        e -= 1  # "said Bolton." -> "Bolton"
    return text[s:e], s, e


def right_attribution(text: str, lo: int, hi: int, sentences: SentenceMap) -> tuple[str, int, int] | None:
    """`"...," the official said` / `said the official` / `he wrote on X` right after a quote
    (in the sentence that text[lo:hi] starts in)."""
    hi = sentences.end_in(lo, hi)
    toks = _tokens(text, lo, hi)
    k = 0
    while k < len(toks) and toks[k][0] in (",", "—", "–", "-", ":", ";", "(", ")") :
        k += 1
    toks = toks[k:]
    if not toks:
        return None
    # according to X
    if _word(toks[0][0]) == "according" and len(toks) > 2 and _word(toks[1][0]) == "to":
        rng = _np_forward(toks, 2)
        return _span(text, toks, rng) if rng else None
    limit = min(len(toks), 18)
    for v in range(limit):
        tok = toks[v][0]
        if not tok[0].isalnum():
            if tok == "," and v > 0:
                # "Smith, a spokesman, said": allow one appositive, else stop.
                continue
            break
        if not _verb_at(toks, v):
            continue
        if _word(tok) in _NAMING_VERBS:
            return None
        if v == 0:
            if _word(tok) not in _INVERTING:
                return None
            rng = _np_forward(toks, 1)
            if rng is None:
                return None
            return _span(text, toks, rng)
        rng = _np_backward(toks, v)
        if rng is None or rng[0] != 0 and not _appositive_prefix(toks, rng[0]):
            return None
        return _span(text, toks, rng)
    return None


def _appositive_prefix(toks, start: int) -> bool:
    return all(_np_token_ok(t[0]) or t[0] == "," for t in toks[:start])


def left_attribution(
    text: str, lo: int, hi: int, subject_finder=None
) -> tuple[str, int, int] | None:
    """`X said: "..."`, `according to X, "..."`, `X called it "..."` in the sentence before a quote."""
    if hi <= lo:
        return None
    toks = _tokens(text, lo, hi)
    if not toks:
        return None
    # according to X, "..."
    for n in range(len(toks) - 2, -1, -1):
        if _word(toks[n][0]) == "according" and n + 1 < len(toks) and _word(toks[n + 1][0]) == "to":
            rng = _np_forward(toks, n + 2)
            if rng and _plausible_speaker(toks, rng):
                return _span(text, toks, rng)
            break
    for v in range(len(toks) - 1, -1, -1):
        tok = toks[v][0]
        if not _verb_at(toks, v):
            continue
        if tok.endswith("ing") and subject_finder is not None:
            # "..., telling Reuters," / "began by saying": the clause's subject speaks.
            found = subject_finder(lo, toks[v][1])
            if found:
                return found
            continue
        rng = _np_backward(toks, v)
        if rng is not None:
            words = [_word(t[0]) for t in toks[rng[0] : rng[1]]]
            if words and words[-1] in ("who", "which"):
                rng = None
        if rng is None and v == 0 and _word(tok) in _INVERTING:
            rng = _np_forward(toks, 1)
        if rng is None or not _plausible_speaker(toks, rng):
            continue
        return _span(text, toks, rng)
    return None


def colon_attribution(text: str, lo: int, hi: int) -> tuple[str, int, int] | None:
    """`David Wasserman: “...`, `More from Jones: “...`: the name right before the colon at `hi`."""
    toks = _tokens(text, lo, hi)
    if len(toks) < 2 or toks[-1][0] != ":":
        return None
    rng = _np_backward(toks, len(toks) - 1)
    if rng is None or not toks[rng[1] - 1][0][:1].isupper() or not _plausible_speaker(toks, rng):
        return None
    return _span(text, toks, rng)


def is_place_or_thing(toks, rng) -> bool:
    """Whether the noun phrase toks[rng] is a place or a written thing: "in Mount Kisco",
    "Mount Kisco, New York", "the hospital", "a chalkboard"."""
    head = _word(toks[rng[1] - 1][0])
    if head in PLACE_HEADS or head in WRITTEN_THINGS:
        return True
    if any(_word(t[0]) in PLACE_HEADS for t in toks[rng[0] : rng[1]] if t[0][:1].isupper()):
        return True  # "Mount Kisco", "Northern Westchester Hospital"
    k = rng[0] - 1
    followed_by_comma = rng[1] < len(toks) and toks[rng[1]][0] == ","
    if k >= 1 and toks[k][0] == "," and followed_by_comma:
        # "in Mount Kisco, New York, said": the second part of an address ("In Manchester,
        # Trump said" is not one)
        k -= 1
        while k >= 0 and toks[k][0][:1].isupper():
            k -= 1
    return k >= 0 and _word(toks[k][0]) in _PLACE_PREPOSITIONS


def _plausible_speaker(toks, rng) -> bool:
    """Whether a noun phrase can speak: headed by a name, a pronoun or a role/agent noun, and
    not a place or a written thing.

    Rules out what a backward scan picks up by accident: "the past", "Clinton's track record",
    "a court document filed", "the Republican presidential primary", "in Mount Kisco".
    """
    if is_place_or_thing(toks, rng):
        return False
    head = toks[rng[1] - 1][0]
    if head[:1].isupper():
        return True
    w = _word(head)
    if w in PRONOUNS:
        return True
    singular = w[:-1] if w.endswith("s") and not w.endswith("ss") else w
    return (
        w in _ROLE_NOUNS
        or singular in _ROLE_NOUNS
        or singular.endswith(_AGENT_SUFFIXES)
    )


def has_speech_verb(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] holds a speech verb used as a verb (reported speech before a quote)."""
    toks = _tokens(text, lo, hi)
    return any(_verb_at(toks, n) for n in range(len(toks)))


def _used_as_noun(toks, v: int) -> bool:
    """"the call", "his remarks", "a statement": a determiner before the word makes it a noun."""
    if v == 0:
        return False
    before = _word(toks[v - 1][0])
    # A possessive determines a noun too: "Trump's remarks", "the officials' claims".
    return before in _NP_DETERMINERS | {"this", "that", "your", "no"} or (
        toks[v - 1][0][:1].isalpha() and before.endswith(("'s", "s'")) and before not in _CONTRACTIONS
    )


# "Hours later he", "Moments later, she": a time phrase the backward scan took into the subject.
_LEADING_TIME = re.compile(
    r"^(?:(?:hours|minutes|moments|days|weeks|months|years|seconds|shortly|soon|not\s+long)\s+"
    r"(?:later|after|afterward|afterwards|earlier|before)|later|earlier|then|afterward|afterwards)"
    r"[\s,]+(?=\S)",
    re.IGNORECASE,
)


def clean_noun_phrase(mention: str | None) -> str | None:
    if not mention:
        return None
    mention = mention.strip(" ,;:—–-()'\"“”‘’")
    mention = _LEADING_TIME.sub("", mention)
    return mention or None


def _cut_titles(tokens: list[str]) -> list[str]:
    """Remove, in place, everything up to the last title of a name ("Treasury Secretary Jacob
    Lew" -> "Jacob Lew"; "Republican Sen. Lindsey Graham" -> "Lindsey Graham"); return the titles
    (lower-case, in order). A title as the last word stays (it is the whole name then)."""
    last = -1
    for n, token in enumerate(tokens[:-1]):
        if _word(token) in _PERSON_TITLES:
            last = n
    titles = [_word(t) for t in tokens[: last + 1] if _word(t) in _PERSON_TITLES]
    del tokens[: last + 1]
    return titles


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) else word


class SpeakerResolver:
    """Resolves pronouns, generic phrases and surnames against the rest of the article."""

    def __init__(self, text: str, quote_regions: list[tuple[int, int]], sentences: SentenceMap | None = None):
        self.text = text
        self.regions = sorted(quote_regions)
        self._region_starts = [a for a, _ in self.regions]
        self._persons: dict[str, list[str]] | None = None  # surname -> usual full name tokens
        self._forms: dict[str, dict[tuple, int]] = {}  # surname -> {name form: count}
        self._head_phrases: dict[str, list[tuple[int, int, str]]] = {}
        self._mentions: list[tuple[int, str]] | None = None  # (position, surname key)
        self._female: set[str] = set()
        self._male: set[str] = set()
        self._sentence_map = sentences

    # -- geometry -------------------------------------------------------------------------
    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._region_starts, pos) - 1
        return i >= 0 and self.regions[i][0] <= pos < self.regions[i][1]

    def sentence_map(self) -> SentenceMap:
        if self._sentence_map is None:
            self._sentence_map = SentenceMap(self.text)
        return self._sentence_map

    # -- persons --------------------------------------------------------------------------
    def _build_persons(self) -> None:
        persons: dict[str, list[str]] = {}
        mentions: list[tuple[int, str]] = []
        text = self.text
        for m in _NAME.finditer(text):
            if self.inside_quote(m.start()):
                continue
            raw = m.group(1).split()
            # Title words before the name, written inside the match ("President Donald Trump").
            titles = _cut_titles(raw)
            if raw and len(raw) > 1 and len(raw[0]) > 5 and raw[0].lower().endswith("ing"):
                raw.pop(0)  # "Criticizing Iowa ...": a sentence-initial participle
            while raw and raw[0].lower() in _LEADING_NON_NAME:
                raw.pop(0)  # "To Frank ...", "Not Like Donald": a sentence-initial function word
            titled = bool(titles) or self._title_before(m.start())
            raw = [w for w in raw if w.lower().rstrip(".") not in ("the",)]
            while raw and _word(raw[-1]) in _PERSON_TITLES:
                raw.pop()
            while raw and raw[-1].lower() in _NON_PERSON:
                raw.pop()
            if not raw:
                continue
            if any(w.lower().strip(".’'") in _NON_PERSON for w in raw):
                continue
            if not titled and len(raw) < 2:
                continue
            tokens = [_strip_possessive(w) for w in raw]
            key = tokens[-1].lower()
            if len(key) < 2:
                continue
            self._add_form(key, tokens)
            first = tokens[0].lower()
            if len(tokens) >= 2 and first in _FEMALE or (titles and titles[0] in _FEMALE_TITLES):
                self._female.add(key)
            if titles and titles[0] in _MALE_TITLES:
                self._male.add(key)
        persons = self._persons = {key: self._best_form(key) for key in self._forms}
        if persons:
            for m in _CAPITALISED.finditer(text):
                key = _strip_possessive(m.group()).lower()
                if key in persons and not self.inside_quote(m.start()):
                    mentions.append((m.start(), key))
        self._mentions = mentions
        self._positions = [p for p, _ in mentions]
        self._mention_set = set(self._positions)

    def _add_form(self, key: str, tokens: list[str]) -> None:
        forms = self._forms.setdefault(key, {})
        form = tuple(tokens[-3:])
        forms[form] = forms.get(form, 0) + 1

    def _best_form(self, key: str) -> list[str]:
        """The usual full form of a name: the most frequent of 2-3 words, else the longest."""
        forms = self._forms[key]
        multi = [(n, -len(f), f) for f, n in forms.items() if len(f) >= 2]
        if multi:
            return list(max(multi)[2])
        return list(max(forms, key=len))

    def _title_before(self, pos: int) -> bool:
        before = self.text[max(0, pos - 30) : pos].split()
        return bool(before) and _word(before[-1]) in _PERSON_TITLES

    def add_person(self, name: str, pos: int) -> None:
        """A named speaker found by attribution is a person too."""
        if self._persons is None:
            self._build_persons()
        tokens = name.split()
        _cut_titles(tokens)
        tokens = [t for t in tokens if _word(t) not in _PERSON_TITLES]
        if not tokens or not tokens[-1][:1].isupper():
            return
        key = tokens[-1].lower()
        if key in _NON_PERSON:
            return
        self._add_form(key, [_strip_possessive(t) for t in tokens])
        self._persons[key] = self._best_form(key)
        if pos not in self._mention_set:
            i = bisect.bisect_left(self._positions, pos)
            self._positions.insert(i, pos)
            self._mentions.insert(i, (pos, key))
            self._mention_set.add(pos)

    def full_name(self, mention: str) -> str:
        if self._persons is None:
            self._build_persons()
        tokens = mention.split()
        _cut_titles(tokens)
        if not tokens:
            return mention
        key = _strip_possessive(tokens[-1]).lower()
        person = self._persons.get(key)
        if person and len(tokens) <= 3 and all(t[:1].isupper() for t in tokens):
            if len(person) >= len(tokens) and [t.lower() for t in person[-len(tokens):]] == [
                t.lower() for t in tokens
            ]:
                if len(person) == 1 and len(mention.split()) > 1:
                    return mention  # "Ms. Lee" says more than "Lee"
                return " ".join(person)
        return mention

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, mention: str, pos: int | None, clause_end: int | None = None) -> str:
        """The speaker `mention` (at `pos`) stands for. A pronoun never stands for a person its
        own clause names after it, up to `clause_end` (the quote): in "He also called Mr. Trump
        a “false prophet”", he is not Trump."""
        words = mention.split()
        low = mention.lower()
        if pos is None:
            pos = len(self.text)
        if low in ("he", "she", "him", "her"):
            excluded = self._keys_named(pos, clause_end) if clause_end else set()
            found = self._nearest_person(pos, female=low in ("she", "her"), excluded=excluded)
            return found or mention
        if low in PRONOUNS:
            return mention
        if words and words[0].lower() == "the" and len(words) <= 4 and not any(
            w[:1].isupper() for w in words[1:]
        ):
            fuller = self._fuller_mention(words[-1], pos, len(words))
            if fuller:
                return fuller
            return mention
        if words and words[-1][:1].isupper():
            self.add_person(mention, pos)
            return self.full_name(mention)
        return mention

    def _keys_named(self, lo: int, hi: int) -> set[str]:
        """The persons (surname keys) named in text[lo:hi]."""
        if self._persons is None:
            self._build_persons()
        a = bisect.bisect_left(self._positions, lo)
        b = bisect.bisect_left(self._positions, hi)
        return {key for _, key in self._mentions[a:b]}

    def _nearest_person(self, pos: int, female: bool, excluded: set[str] = frozenset()) -> str | None:
        if self._persons is None:
            self._build_persons()
        if not self._mentions:
            return None
        sentence_map = self.sentence_map()
        sentences = sentence_map.sentences
        if not sentences:
            return None
        si = sentence_map.index_at(pos)
        positions = self._positions
        upper = pos
        for s_index in range(si, max(-1, si - 25), -1):
            lo = sentences[s_index].start if s_index >= 0 else 0
            a = bisect.bisect_left(positions, lo)
            b = bisect.bisect_left(positions, upper)
            candidates = [
                key for _, key in self._mentions[a:b] if self._fits(key, female) and key not in excluded
            ]
            if candidates:
                return " ".join(self._persons[candidates[0]])
            upper = lo
        return None

    def _fits(self, key: str, female: bool) -> bool:
        if female:
            return key in self._female or (key not in self._male and not self._female)
        return key not in self._female

    def _fuller_mention(self, head: str, pos: int, n_words: int) -> str | None:
        """The latest fuller phrase with this head word before `pos` ("a senior ... official")."""
        phrases = self._head_phrases.get(head.lower())
        if phrases is None:
            phrases = self._head_phrases[head.lower()] = self._find_head_phrases(head)
        i = bisect.bisect_left(phrases, (pos,)) - 1
        while i >= 0:
            _, words, phrase = phrases[i]
            if words > n_words:
                return phrase
            i -= 1
        return None

    def _find_head_phrases(self, head: str) -> list[tuple[int, int, str]]:
        """(position, words, phrase) of every indefinite or named phrase ending in `head`."""
        text = self.text
        found: list[tuple[int, int, str]] = []
        for m in re.finditer(r"(?<![\w-])" + re.escape(head) + r"(?![\w-])", text, re.IGNORECASE):
            if self.inside_quote(m.start()):
                continue
            toks = _tokens(text, max(0, m.start() - 80), m.end())
            # walk back to the nearest determiner, without crossing punctuation or a verb
            j = len(toks) - 1
            k = j - 1
            while k >= 0 and j - k <= 6:
                w = _word(toks[k][0])
                if not toks[k][0][0].isalnum() or w in _NP_BREAK:
                    k = -1
                    break
                if w in ("a", "an", "the", "one"):
                    break
                k -= 1
            if k < 0:
                continue
            phrase = toks[k : j + 1]
            if _word(phrase[0][0]) not in ("a", "an", "one") and not any(
                t[0][:1].isupper() for t in phrase[1:]
            ):
                continue
            found.append((m.start(), j - k + 1, text[toks[k][1] : toks[j][2]]))
        return found

    def clause_subject(self, lo: int, hi: int, loose: bool = False) -> tuple[str, int, int] | None:
        """The subject of the sentence that ends at `hi`, for "..., saying “...”" (outside quotes).

        The first of: a noun phrase opening the clause and headed by a role ("The billionaire
        businessman", "Band member Flea"), a subject pronoun, or a person named in the article.
        """
        if self._persons is None:
            self._build_persons()
        sentence_map = self.sentence_map()
        si = sentence_map.index_at(max(lo, hi - 1))
        if si >= 0:
            lo = max(min(lo, sentence_map.starts[si]), hi - 600)
        toks = [t for t in _tokens(self.text, lo, hi) if not self.inside_quote(t[1])]
        start = 0
        if toks and (_word(toks[0][0]).endswith("ing") or _word(toks[0][0]) in _LEADING_PREPOSITIONS):
            # "Speaking at a town hall in Salem, Trump ..." : the subject follows the comma.
            start = next((n + 1 for n, t in enumerate(toks) if t[0] == ","), 0)
        opening = self._opening_phrase(toks, start)
        if opening is not None:
            return opening
        for tok, s, e in toks[start:]:
            w = _word(tok)
            if w in ("he", "she", "they", "we", "i"):
                return tok, s, e
            if w.endswith("'s"):
                continue  # "Clinton's campaign": a possessive is not the subject
            if tok[:1].isupper() and w in self._persons and not w.endswith("ing"):
                return tok, s, e
        if loose:
            # A named subject opening the clause ("Pew found that “...”", "The Sanders campaign
            # projects that “...”"): the words before the first lower-case word, if any is a name.
            n = start
            while n < len(toks) and _word(toks[n][0]) in _CONJUNCTIONS:
                n += 1
            first = n
            while n < len(toks) and n - first < 6 and toks[n][0][:1].isalnum() and (
                toks[n][0][:1].isupper() or _word(toks[n][0]) in ("the", "of")
            ):
                n += 1
            if (
                first < n < len(toks)
                and toks[n][0][:1].islower()
                and _word(toks[n - 1][0]) not in ("the", "of")
                and not _word(toks[n - 1][0]).endswith(("'s", "s'"))  # "Rubio's plan": not the subject
                and sum(t[0].isupper() and len(t[0]) > 1 for t in toks[first:n]) < 2  # a HEADLINE
                and _word(toks[first][0]) not in _CAPITAL_BREAK
                and _word(toks[first][0]) not in _LEADING_PREPOSITIONS  # "In declaring ..."
                and not self.inside_quote(toks[first][1])
            ):
                s, e = toks[first][1], toks[n - 1][2]
                return self.text[s:e], s, e
        return None

    def _opening_phrase(self, toks, start: int) -> tuple[str, int, int] | None:
        """A role-headed noun phrase at toks[start:] ("The Florida senator", "Band member Flea")."""
        while start < len(toks) and _word(toks[start][0]) in _CONJUNCTIONS:
            start += 1
        end = min(len(toks), start + 7)
        for n in range(start, end):
            tok = toks[n][0]
            w = _word(tok)
            if not tok[0].isalnum() or (n > start and w in _NP_BREAK):
                return None
            if w in _ROLE_NOUNS and n > start or (w in _ROLE_NOUNS and tok[0].isupper()):
                last = n
                # "Band member Flea": a name right after the role belongs to the phrase.
                while last + 1 < len(toks) and last + 1 - start < 7 and (
                    toks[last + 1][0][:1].isupper() or _word(toks[last + 1][0]) in _ROLE_NOUNS
                ):
                    last += 1
                first = toks[start]
                if not (first[0][0].isupper() or _word(first[0]) in _NP_DETERMINERS):
                    return None
                s, e = first[1], toks[last][2]
                return self.text[s:e], s, e
        return None

    def colon_intro(self, pos: int) -> tuple[str, int, int] | None:
        """`As X observed:` ending the paragraph before a standalone quote paragraph."""
        text = self.text
        line_start = text.rfind("\n", 0, pos)
        if line_start < 0:
            return None
        k = line_start
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k == 0 or text[k - 1] != ":":
            return None
        prev_lo = text.rfind("\n", 0, k) + 1
        lo = self.sentence_map().start_in(prev_lo, k - 1)
        if lo is None:
            return None
        toks = _tokens(text, lo, k - 1)
        for v in range(len(toks) - 1, -1, -1):
            if _verb_at(toks, v):
                rng = _np_backward(toks, v)
                if rng is None and v + 1 < len(toks):
                    rng = _np_forward(toks, v + 1)
                if rng:
                    return _span(text, toks, rng)
                return None
        return None
