"""Framing: the words that tell the same fact differently, on sentences the comparison links.

    flags = find_framing(left_sentences, right_sentences, pairs, left_quotes, right_quotes)

Four kinds, each read from the difference of a linked pair (a word the other side lacks) and a
word list (`reader/corpus/framing.yaml`, extended by the user's `<config dir>/framing.yaml`):

- label: the two sides put different words before the same name ("North Korean dictator Kim
  Jong-un" / "North Korean leader Kim Jong Un"), one of them a listed label;
- hedge: one side puts the fact in doubt ("purporting to be", "what it said was") where the
  other states it plainly (no hedge at all);
- attribution: one side hangs the fact on a source ("citing a senior administration official")
  where the other states it plainly (no attribution at all);
- loaded: a listed charged word in the outlet's own voice ("slammed") the other side lacks.

Hedges, attribution and loaded words count only outside quotation marks (the outlet's own
voice), only when none of the sentences linked to theirs has the word (one sentence linked to
three is flagged once, and only when all three tell it plainly), and only when the two tell the
fact in their own words (MIN_OWN_OVERLAP, a Dice share of those words): a pair linked through
a quote they share is not a fact framed two ways. Precise rather than long.

No UI imports here: the core never imports textual or rich.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import yaml

from reader import config, yamlsafe
from reader.analysis.figures import amounts_of_other_things, find_figures
from reader.analysis.names import fold_diacritics
from reader.analysis.textstats import STOPWORDS, normalize_word
from reader.wording import framing_absent, quoted_key

SHIPPED_PATH = Path(__file__).resolve().parent.parent / "corpus" / "framing.yaml"
KINDS = ("labels", "hedges", "attribution", "loaded")
FLAG_KINDS = {"labels": "label", "hedges": "hedge", "attribution": "attribution", "loaded": "loaded"}

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Single marks too ("the so-called 'radical' label"): one opens only before a letter and after
# no letter, and closes only where no letter follows (not "don't", "the Clintons' rate").
_QUOTED = re.compile(
    r"[\"“«„][^\"”»\n]*[\"”»]|(?<!\w)['‘](?=[^\W\d_])(?:[^'‘’\n]|['’](?=\w)){1,80}?(?<=[\w.!?,])['’](?!\w)"
)
# Words before a name that are not labels of it ("said Kim", "met Kim", "and Kim"; "the
# candidate holding the spotlight was Donald J. Trump": a copula or an auxiliary ends the label).
_NOT_LABELS = frozenset(
    """a an the and or but of to for with by from in on at as that which who said says told
    met meets called calls asked urged than after before while when if his her their its our
    your my this these those former then now also both is was are were be been being has have
    had will would could should may might can do does did not about over into against like
    including versus vs per via under between among behind toward towards upon without""".split()
)


# The other side is not "plain" when it attributes in ordinary words either ("two of the people
# said", "people briefed on the matter said"), or hedges with an accusation.
_ALSO_NOT_PLAIN: dict[str, list[tuple[str, ...]]] = {
    # ... or rests it on a document, an estimate or a poll ("the documents show", "Vanity Fair,
    # which estimated it", "projections ... indicate", "trustees warned", "followed in the poll by").
    "attribution": [
        (w,)
        for w in """said says say told according reported reports cited estimated estimates show shows
        showing indicate indicates warned poll polls survey""".split()
    ],
    "hedges": [
        (w,)
        for w in "accusations accused allegation allegations alleging charged suspected possible possibly possibility".split()
    ],
}


# What makes the other side not plain against a hedge, beyond the lists ("The Journal reported").
_REPORTED: list[tuple[str, ...]] = [("reported",), ("reports",)]


@dataclass
class FramingWords:
    """The word lists, each entry a tuple of casefolded words (a phrase matches word by word)."""

    lists: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def labels(self) -> set[str]:
        return {" ".join(p) for p in self.lists.get("labels", [])}


def _phrases(value, where: str, problems: list[str]) -> list[tuple[str, ...]]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(f"{where}: expected a list of words")
        return []
    out = []
    for item in value:
        if not isinstance(item, str) or not _WORD.search(item):
            problems.append(f"{where}: {item!r} is not a word or phrase")
            continue
        out.append(tuple(w.casefold().replace("’", "'") for w in _WORD.findall(item)))
    return out


def load_framing_words(user_path: Path | None = None, *, use_user_file: bool = True) -> FramingWords:
    """The shipped lists merged with the user's file (default: <config dir>/framing.yaml)."""
    words = FramingWords()
    shipped = yamlsafe.load(SHIPPED_PATH.read_text(encoding="utf-8")) or {}
    for kind in KINDS:
        words.lists[kind] = _phrases(shipped.get(kind), f"framing.yaml {kind}", words.problems)
    if not use_user_file:
        return words
    path = Path(user_path) if user_path is not None else config.config_dir() / "framing.yaml"
    if not path.is_file():
        return words
    problems: list[str] = []
    try:
        data = yamlsafe.load(path.read_text(encoding="utf-8"))  # bounded: no alias bombs
    except yaml.YAMLError as exc:
        words.problems.append(f"{path}: not valid YAML ({yamlsafe.describe(exc)}); the shipped lists are used")
        return words
    except (OSError, UnicodeDecodeError) as exc:
        words.problems.append(f"{path}: cannot read it ({type(exc).__name__}); the shipped lists are used")
        return words
    if data is None:
        return words
    if not isinstance(data, dict):
        words.problems.append(f"{path}: expected a mapping (labels, hedges, attribution, loaded)")
        return words
    unknown = sorted(quoted_key(k) for k in data if k not in KINDS and k != "replace")
    if unknown:
        problems.append(f"{path}: unknown key(s) {', '.join(unknown)} (known: {', '.join(KINDS)})")
    user = {kind: _phrases(data.get(kind), f"{path} {kind}", problems) for kind in KINDS}
    words.problems += problems
    for kind in KINDS:
        if data.get("replace") is True and kind in data:
            words.lists[kind] = user[kind]
        else:
            words.lists[kind] = list(dict.fromkeys(words.lists[kind] + user[kind]))
    return words


_cache_lock = threading.Lock()
_cache: tuple[tuple, FramingWords] | None = None


def default_framing_words() -> FramingWords:
    """The lists for the current config dir, reloaded when the user's file changes."""
    global _cache
    path = config.config_dir() / "framing.yaml"
    key: tuple[str, int | None, int | None]
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (str(path), None, None)
    with _cache_lock:
        if _cache is None or _cache[0] != key:
            _cache = (key, load_framing_words(path))
        return _cache[1]


# -- the flags ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Word:
    """Words of an article's clean text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class FramingFlag:
    kind: str  # label | hedge | attribution | loaded
    left_sentence: int
    right_sentence: int
    left: tuple[Word, ...]  # the words on the left (empty: the left tells it plainly)
    right: tuple[Word, ...]
    about: str | None = None  # for a label: the name it labels

    def summary(self) -> str:
        def words(side: tuple[Word, ...]) -> str:
            return " … ".join(f"“{w.text}”" for w in side) if side else framing_absent(self.kind)

        text = f"{self.kind}: {words(self.left)} vs {words(self.right)}"
        return f"{text} ({self.about})" if self.about else text

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "about": self.about,
            "left": {"sentence": self.left_sentence, "words": [w.to_dict() for w in self.left]},
            "right": {"sentence": self.right_sentence, "words": [w.to_dict() for w in self.right]},
        }


@dataclass
class _Sentence:
    text: str
    start: int
    words: list[tuple[int, int, str]]  # (start, end, casefolded word), offsets into the article
    quoted: list[tuple[int, int]]  # article offsets inside quotation marks
    at: dict[str, list[int]] = field(default_factory=dict)  # each word's indexes in `words`


def _sentence(span, quotes: Sequence[tuple[int, int]]) -> _Sentence:
    text, base = span.text, span.start
    words = [(base + m.start(), base + m.end(), m.group().casefold().replace("’", "'")) for m in _WORD.finditer(text)]
    quoted = [(base + m.start(), base + m.end()) for m in _QUOTED.finditer(text)]
    end = base + len(text)
    quoted += [(max(a, base), min(b, end)) for a, b in quotes if a < end and b > base]
    at: dict[str, list[int]] = {}
    for k, (_, _, word) in enumerate(words):
        at.setdefault(word, []).append(k)
    return _Sentence(text, base, words, quoted, at)


def _occurrences(s: _Sentence, phrase: tuple[str, ...], own_voice: bool) -> list[tuple[int, int]]:
    n = len(phrase)
    out = []
    # Only where the phrase's first word is (phrases are never empty): most listed phrases are
    # in no sentence, and a comparison looks for hundreds of them.
    for k in s.at.get(phrase[0], ()):
        if k + n <= len(s.words) and all(s.words[k + m][2] == phrase[m] for m in range(n)):
            start, end = s.words[k][0], s.words[k + n - 1][1]
            if own_voice and any(a <= start < b for a, b in s.quoted):
                continue
            out.append((start, end))
    return out


# Two linked sentences frame the same fact when their own words (outside quotes) share this much
# (Dice over content words; read on align-dev): "Weiner replied, “...”" and a sentence that
# quotes the same words and adds "a lewd photo" share a quote, not a telling of one fact.
MIN_OWN_OVERLAP = 0.3


def _own_words(s: _Sentence) -> set[str]:
    return {
        normalize_word(w)
        for a, _, w in s.words
        if len(w) > 2 and w not in STOPWORDS and not any(x <= a < y for x, y in s.quoted)
    }


def _own_overlap(a: _Sentence, b: _Sentence) -> float:
    """Dice over the two sentences' own content words; 0 unless they share two at least (one
    name in common is not one fact told twice)."""
    wa, wb = _own_words(a), _own_words(b)
    shared = len(wa & wb)
    return 2 * shared / (len(wa) + len(wb)) if shared >= 2 else 0.0


def _stem(word: str) -> str:
    """claims / claimed / claiming -> claim: enough to see the other side uses the word too."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _same_family(a: str, b: str) -> bool:
    """racism / racist, admitted / admits: one stem with endings of three letters at most."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 5 and len(a) - n <= 3 and len(b) - n <= 3


def _has_any(s: _Sentence, phrases: Iterable[tuple[str, ...]]) -> bool:
    """Whether the sentence has any of the phrases, in any form (claimed / claiming; a word alone
    also in another word of its family: "racist" has "racism")."""
    words = [w for _, _, w in s.words]
    stems = [_stem(w) for w in words]
    for phrase in phrases:
        want = [_stem(w) for w in phrase]
        n = len(want)
        if any(stems[k : k + n] == want for k in range(len(stems) - n + 1)):
            return True
        if n == 1 and any(_same_family(phrase[0], w) for w in words):
            return True
    return False


# Listed hedges that are also nouns: "Obama rejected claims that ..." and "whipsawed by the
# claims" report others' claims; only the verb ("she claims that ...") is the outlet's doubt.
_NOUN_OR_VERB = frozenset({("claims",), ("claim",)})
_BEFORE_A_NOUN = frozenset(
    """a an the these those such his her their its our your my this that any all many some no
    new false baseless unfounded by of with about against on for from over into under to""".split()
)


def _used_as_noun(s: _Sentence, start: int) -> bool:
    """Whether the word at `start` follows a determiner, a preposition, an adjective-like
    compound ("class-action claims") or a past verb ("rejected claims")."""
    before = [w for _, end, w in s.words if end <= start]
    if not before:
        return False
    prev = before[-1]
    return prev in _BEFORE_A_NOUN or "-" in prev or (prev.endswith("ed") and len(prev) > 4)


def _next_word(s: _Sentence, end: int, skip_small: bool = False) -> str | None:
    """The content word right after a phrase that ends at `end` ("alleged *bias*"), None when
    a small word (unless `skip_small`: "appears to be in his *early* 20s") or punctuation comes
    first."""
    at = end
    for start, stop, word in s.words:
        if start < at:
            continue
        if s.text[at - s.start : start - s.start].strip():
            return None
        if word in STOPWORDS or len(word) < 3:
            if not skip_small:
                return None
            at = stop
            continue
        return word
    return None


# A loaded word named rather than used: "the radical label", "the word racist", "a term
# like scandal" tell of the word, not in it.
_MENTION_AFTER = frozenset("label labels term terms word words tag moniker epithet".split())
_MENTION_BEFORE = frozenset("word term label tag".split())


def _words_around(s: _Sentence, start: int, end: int) -> tuple[list[str], list[str]]:
    return [w for _, e, w in s.words if e <= start], [w for a, _, w in s.words if a >= end]


def _mentioned(s: _Sentence, start: int, end: int) -> bool:
    before, after = _words_around(s, start, end)
    return bool(after and after[0] in _MENTION_AFTER) or bool(before and before[-1] in _MENTION_BEFORE)


def _qualifies_an_untold_thing(s: _Sentence, end: int, others: list[_Sentence]) -> bool:
    """Whether the loaded word ending at `end` qualifies a thing none of the linked sentences
    tells: "an extreme close-up" against a sentence telling of no close-up, "extremist threats"
    against one with no threats. It describes another fact then, as an "alleged bias" hedges
    a bias the other side does not tell. The word after it is the thing unless it is an adverb or
    a verb's form ("the scandal finally forced", "a scheme aimed at"), or a small word."""
    after = _next_word(s, end)
    if after is None or after.endswith(("ly", "ed", "ing")):
        return False
    return not any(_has_any(o, [(after,)]) for o in others)


# What a record, a count or a poll is: "according to exit polling data", "citing campaign finance
# records" name the evidence of a figure or a finding (the one only it can give), not a source the
# outlet hangs a statement on ("according to multiple reports", "according to those briefed").
_EVIDENCE = frozenset(
    """data poll polls polling survey surveys record records filing filings statistics census
    study studies tally tallies count results""".split()
)


def _cites_evidence(s: _Sentence, end: int) -> bool:
    """Whether the source after an attribution ending at `end` (up to the clause's end) is a
    record, a count or a poll."""
    rest = s.text[end - s.start :]
    clause = re.split(r"[,;:.!?()—–]|\s-{1,2}\s", rest, maxsplit=1)[0]
    return any(w.casefold() in _EVIDENCE for w in _WORD.findall(clause))


def _any_before(s: _Sentence, start: int) -> bool:
    """ "any documents they may have had": the modal asks whether such things exist, it does not
    doubt a fact."""
    before, _ = _words_around(s, start, start)
    return any(w in ("any", "whatever", "whichever") for w in before[-4:])


def _said_before(s: _Sentence, start: int) -> bool:
    """ "Mr. Romney said in a statement, citing former senators": the speaker cites, the outlet
    hangs nothing on a source."""
    before, _ = _words_around(s, start, start)
    return any(w in ("said", "says", "told", "statement") for w in before)


def _content(word: str) -> str | None:
    return normalize_word(word) if len(word) > 2 and word not in STOPWORDS else None


def _hedges_the_shared_fact(s: _Sentence, end: int, others: list[_Sentence]) -> bool:
    """Whether the words a "what he said was" or "what he called" hedge (the rest of the
    sentence after `end`) carry what the other side tells, plainly. Not when they add no word
    the other side shares beyond the words before the hedge ("Mr. Bush said his tax rate was 36
    percent, and contrasted that with what he said was the Clintons' rate" against "Bush paid a
    tax rate of 36 percent": the hedge is on the Clintons' rate, another fact), nor when the
    other side quotes the words hedged (“phony theology” is kept at a distance on both sides)."""
    before = {c for a, _, w in s.words if a < end and (c := _content(w))}
    scope = [(a, c) for a, _, w in s.words if a >= end and (c := _content(w))]
    quoted_scope = {c for a, c in scope if any(x <= a < y for x, y in s.quoted)}
    for o in others:
        theirs = {c for _, _, w in o.words if (c := _content(w))}
        their_quoted = {c for a, _, w in o.words if (c := _content(w)) and any(x <= a < y for x, y in o.quoted)}
        if quoted_scope & their_quoted:
            continue
        if any(c in theirs and c not in before for _, c in scope):
            return True
    return False


def _name_runs(s: _Sentence) -> list[tuple[int, int]]:
    """(first word index, last word index + 1) of runs of capitalised words."""
    runs = []
    k = 0
    text, base = s.text, s.start
    while k < len(s.words):
        start, end, _ = s.words[k]
        if text[start - base : start - base + 1].isupper():
            j = k + 1
            while j < len(s.words):
                between = text[s.words[j - 1][1] - base : s.words[j][0] - base]
                if between.strip() or not text[s.words[j][0] - base].isupper():
                    break
                j += 1
            runs.append((k, j))
            k = j
        else:
            k += 1
    return runs


def _labels_before(s: _Sentence, name_fold) -> dict[str, tuple[list[tuple[int, int, str]], str]]:
    """Name (its last capitalised word, folded) -> the lower-case words just before its run."""
    out: dict[str, tuple[list[tuple[int, int, str]], str]] = {}
    text, base = s.text, s.start
    for k, j in _name_runs(s):
        if k == 0:
            continue
        key = name_fold(fold_diacritics(s.words[k][2]))  # "Kim" of Kim Jong-un / Kim Jong Un
        before: list[tuple[int, int, str]] = []
        m = k - 1
        while m >= 0 and len(before) < 2:
            start, end, w = s.words[m]
            gap = text[end - base : s.words[m + 1][0] - base]
            if gap.strip() or w in _NOT_LABELS or text[start - base].isupper():
                break
            before.insert(0, s.words[m])
            m -= 1
        if before and key not in out:
            name = text[s.words[k][0] - base : s.words[j - 1][1] - base]
            out[key] = (before, name)
    return out


def find_framing(
    left_sentences: Sequence,
    right_sentences: Sequence,
    pairs: Sequence,
    left_quotes: Iterable = (),
    right_quotes: Iterable = (),
    mapping: dict[str, str] | None = None,
    words: FramingWords | None = None,
) -> list[FramingFlag]:
    """Framing flags on the linked pairs (`pairs` carry .left, .right and .score)."""
    words = words or default_framing_words()
    sides = _Sides(left_sentences, right_sentences, left_quotes, right_quotes)
    flags = _voice_flags(sides, pairs, words) + _label_flags(sides, pairs, words, mapping or {})
    flags.sort(key=lambda f: (f.left_sentence, f.right_sentence, f.kind))
    return flags


class _Sides:
    """Both sides' sentences, each read (words, quoted spans) on first use."""

    def __init__(
        self, left_sentences: Sequence, right_sentences: Sequence, left_quotes: Iterable, right_quotes: Iterable
    ):
        self.sentences = {"left": left_sentences, "right": right_sentences}
        self.quotes = {
            "left": [(int(q.start), int(q.end)) for q in left_quotes or ()],
            "right": [(int(q.start), int(q.end)) for q in right_quotes or ()],
        }
        self.cache: dict[str, dict[int, _Sentence]] = {"left": {}, "right": {}}
        self.wholes: dict[str, _Sentence] = {}

    def get(self, side: str, i: int) -> _Sentence:
        cache = self.cache[side]
        if i not in cache:
            cache[i] = _sentence(self.sentences[side][i], self.quotes[side])
        return cache[i]

    def whole(self, side: str) -> _Sentence:
        """Every word of the side's sentences as one (for _has_any; its text is not theirs)."""
        if side not in self.wholes:
            parts = [self.get(side, i) for i in range(len(self.sentences[side]))]
            words = [w for p in parts for w in p.words]
            at: dict[str, list[int]] = {}
            for k, (_, _, word) in enumerate(words):
                at.setdefault(word, []).append(k)
            self.wholes[side] = _Sentence("", 0, words, [q for p in parts for q in p.quoted], at)
        return self.wholes[side]


def _voice_flags(sides: _Sides, pairs: Sequence, words: FramingWords) -> list[FramingFlag]:
    """Hedges, attribution, loaded words: on one side, in its own voice, none of its partners."""
    partners: dict[str, dict[int, list]] = {"left": {}, "right": {}}
    for p in pairs:
        partners["left"].setdefault(p.left, []).append(p)
        partners["right"].setdefault(p.right, []).append(p)
    flags: list[FramingFlag] = []
    for kind in ("hedges", "attribution", "loaded"):
        for side, other in (("left", "right"), ("right", "left")):
            for index, links in sorted(partners[side].items()):
                s = sides.get(side, index)
                others = [sides.get(other, p.right if side == "left" else p.left) for p in links]
                flag = _voice_flag(kind, words, side, s, others, links, lambda: sides.whole(other))
                if flag is not None:
                    flags.append(flag)
    return flags


def _voice_flag(
    kind: str,
    words: FramingWords,
    side: str,
    s: _Sentence,
    others: list[_Sentence],
    links: list,
    other_article: Callable[[], _Sentence] | None = None,
) -> FramingFlag | None:
    """The flag of one kind on sentence `s` of `side`, linked to `others`; `other_article`
    gives the other side's every word (a loaded word it writes anywhere, in a quotation too, is
    the story's word, not this side's choice: "lewd photo" on both sides, "extremist threats"
    where the other quotes "Islamic extremists")."""
    phrases = words.lists.get(kind, [])
    plain_needed = kind in ("hedges", "attribution")
    found: list[Word] = []
    for phrase in phrases:
        spans = _occurrences(s, phrase, own_voice=True)
        if not spans or any(_has_any(o, [phrase]) for o in others):
            continue
        if phrase in _NOUN_OR_VERB:
            spans = [(a, b) for a, b in spans if not _used_as_noun(s, a)]
        if kind == "hedges" and (len(phrase) == 1 or phrase[-1] in ("to", "have")):
            # "an alleged bias" hedges the bias: a side that tells of no bias does not state it
            # plainly, it tells another fact; so for "appeared to be a political retribution
            # scheme" (past the small words). (Other long hedges, "what it said was evidence",
            # lead to what both name, often in other words.)
            skip = len(phrase) > 1
            spans = [
                (a, b)
                for a, b in spans
                if (after := _next_word(s, b, skip)) is None or any(_has_any(o, [(after,)]) for o in others)
            ]
            if not spans:
                continue
        if kind == "loaded":
            if other_article is not None and _has_any(other_article(), [phrase]):
                continue
            spans = [
                (a, b) for a, b in spans if not _mentioned(s, a, b) and not _qualifies_an_untold_thing(s, b, others)
            ]
        elif kind == "hedges" and phrase[-1] == "have":
            spans = [(a, b) for a, b in spans if not _any_before(s, a)]
        elif kind == "attribution" and phrase[0] in ("citing", "cited"):
            spans = [(a, b) for a, b in spans if not _said_before(s, a) and not _cites_evidence(s, b)]
        elif kind == "attribution" and phrase == ("according", "to"):
            spans = [(a, b) for a, b in spans if not _cites_evidence(s, b)]
        if not spans:
            continue
        if kind == "hedges" and phrase[0] == "what":
            spans = [(a, b) for a, b in spans if _hedges_the_shared_fact(s, b, others)]
            if not spans:
                continue
        found += [Word(s.text[a - s.start : b - s.start], a, b) for a, b in spans]
    if not found:
        return None
    # Plain is neither hedged nor attributed: "..., according to the Journal" does not state
    # plainly what the other side says is "reportedly" so. (A bare "said" does: "she claimed
    # that" against "she said that" is the hedge itself.)
    not_plain: list[tuple[str, ...]] = (
        [p for k in ("hedges", "attribution", "loaded") for p in words.lists.get(k, [])]
        + _ALSO_NOT_PLAIN["hedges"]
        + (_ALSO_NOT_PLAIN["attribution"] if kind == "attribution" else _REPORTED)
        if plain_needed
        else []
    )
    if plain_needed and any(_has_any(o, not_plain) for o in others):
        return None  # the other side hedges, attributes or loads it too: not plain
    if kind == "attribution":
        # Only sentences telling the same statement: not amounts of other things (one
        # candidate's money against another's). (A hedge is on its words, which may be the
        # pair's shared fact beside amounts of two things: "reportedly to air in Miami".)
        mine = find_figures(s.text, s.start)
        kept = [n for n, o in enumerate(others) if not amounts_of_other_things(mine, find_figures(o.text, o.start))]
        if not kept:
            return None
        others, links = [others[n] for n in kept], [links[n] for n in kept]
    overlaps = [_own_overlap(s, o) for o in others]
    if max(overlaps) < MIN_OWN_OVERLAP:
        return None  # linked through a quote or another fact: not the same words framed
    best = links[overlaps.index(max(overlaps))]
    found.sort(key=lambda w: w.start)
    found = [w for n, w in enumerate(found) if not any(v.start <= w.start < v.end for v in found[:n])]
    return FramingFlag(
        FLAG_KINDS[kind],
        best.left,
        best.right,
        tuple(found) if side == "left" else (),
        tuple(found) if side == "right" else (),
    )


def _label_flags(sides: _Sides, pairs: Sequence, words: FramingWords, mapping: dict[str, str]) -> list[FramingFlag]:
    """Labels: different words before the same name, one of them listed."""
    labels = words.labels()
    folded_map = {fold_diacritics(k): fold_diacritics(v) for k, v in mapping.items()}

    def fold(word: str) -> str:
        return folded_map.get(word, word)

    flags: list[FramingFlag] = []
    seen: set[tuple[str, str, str]] = set()
    for p in sorted(pairs, key=lambda p: -p.score):
        ls, rs = sides.get("left", p.left), sides.get("right", p.right)
        left_labels = _labels_before(ls, lambda w: w)
        right_labels = _labels_before(rs, fold)
        for key in left_labels.keys() & right_labels.keys():
            (lw, name), (rw, _) = left_labels[key], right_labels[key]
            lset, rset = {w for _, _, w in lw}, {w for _, _, w in rw}
            only_l = [x for x in lw if x[2] not in rset]
            only_r = [x for x in rw if x[2] not in lset]
            if not only_l or not only_r:
                continue
            if not ({w for _, _, w in only_l} | {w for _, _, w in only_r}) & labels:
                continue
            tag = (key, " ".join(w for _, _, w in only_l), " ".join(w for _, _, w in only_r))
            if tag in seen:
                continue
            seen.add(tag)
            flags.append(
                FramingFlag(
                    "label",
                    p.left,
                    p.right,
                    tuple(Word(ls.text[a - ls.start : b - ls.start], a, b) for a, b, _ in only_l),
                    tuple(Word(rs.text[a - rs.start : b - rs.start], a, b) for a, b, _ in only_r),
                    about=name,
                )
            )
    return flags
