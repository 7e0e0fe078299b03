"""Small text statistics shared by the analyses: tokens, content words, names, TF-IDF, cosine.

Pure Python, no UI imports, no downloads. Everything here is deterministic and safe on hostile
text (any string in, plain lists and dicts out).

Public API (stable; other modules import it):
    tokenize(text) -> list[str]          lower-cased word tokens ("Obama's" -> "obama")
    normalize_word(token) -> str         light plural folding ("policies" -> "policy")
    content_words(text) -> list[str]     tokens minus stopwords and 1-char tokens, plural-folded
    name_phrases(text) -> list[str]      capitalised name phrases as written ("Liz Cheney", "U.S.")
    headline_lines(text) -> [(start, end)]  the lines written as headlines (title case, capitals)
    words_outside(text, headlines)       the words off those lines
    titled_spellings(words) -> dict      casefolded word -> its spelling with a capital ("John")
    strip_possessive(word) -> str        "Obama's" -> "Obama"
    LETTER_WORD_RE, CAPITALS_RE          a word of letters ("O'Brien"); two capitals in a row
    opens_sentence(text, start) -> bool  may the word at `start` open a sentence
    STOPWORDS                            the stopword set used by content_words
    OPENING_WORDS                        words that open a sentence and start no name ("Later")
    GIVEN_NAME_WORDS                     stopwords that are also given names ("Will" Smith)
    SURNAME_WORDS                        stopwords that are also surnames (Theresa "May")
    TfidfModel(documents=None)           fit(documents) -> self; vector(tokens) -> {term: weight}
    cosine(a, b) -> float                cosine of two sparse vectors (dicts), 0.0 for empty ones
    unit_cosine(a, b) -> float           the same for vectors already of length 1 (a dot product)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import repeat
from operator import mul
from typing import Iterable, Mapping
from reader import lazy_regex

__all__ = [
    "CAPITALS_RE",
    "GIVEN_NAME_WORDS",
    "LETTER_WORD_RE",
    "OPENING_WORDS",
    "STOPWORDS",
    "SURNAME_WORDS",
    "TfidfModel",
    "content_words",
    "cosine",
    "headline_lines",
    "strip_possessive",
    "titled_spellings",
    "words_outside",
    "unit_cosine",
    "name_phrases",
    "opens_sentence",
    "normalize_word",
    "tokenize",
]

# Words: runs of letters/digits, with internal apostrophes ("don't", "O'Neill") kept together.
WORD_RE = lazy_regex.compile(r"[^\W_]+(?:['’][^\W_]+)*")

_GRAMMAR: frozenset[str] = frozenset(
    """
    a about above across after again against all almost along already also although always am
    among an and another any anybody anyone anything are aren't around as at back be became because
    become been before behind being below beside besides between beyond both but by can can't cannot
    could couldn't did didn't do does doesn't doing don't done down during each either else enough
    even ever every few for from further get gets getting got had hadn't has hasn't have haven't
    having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd
    i'll i'm i've if in into is isn't it it's its itself just last least less let let's like made make
    many may me might more most much must mustn't my myself neither never next no nobody none nor not
    nothing now of off often on once one only onto or other others otherwise our ours ourselves out
    over own per perhaps quite rather really same several shall shan't she she'd she'll she's should
    shouldn't since so some somebody someone something still such than that that's the their theirs
    them themselves then there there's these they they'd they'll they're they've this those though
    through thus to together too toward towards under until up upon us very via was wasn't we we'd
    we'll we're we've well were weren't what what's whatever when when's where where's whether which
    while who who's whoever whom whose why why's will with within without won't would wouldn't yet
    you you'd you'll you're you've your yours yourself yourselves
    """.split()
)

# Words that open a sentence capitalised and are no name: adverbs, conjunctions, determiners,
# prepositions and pronouns ("Later Mohammed left" names Mohammed only; name_phrases and the
# names' flags, reader.analysis.names, both read it with opens_sentence). Not the words that also
# start names: "Will Smith", "May", "New York", ordinals ("First Amendment", "Third Way"), and
# "Under Armour", "Beyond Meat", "Inside Edition", "All Blacks", "No Labels", "Still", "So".
OPENING_WORDS: frozenset[str] = frozenset(
    """later earlier meanwhile however instead indeed also then now today yesterday tonight
    tomorrow recently previously currently initially eventually finally ultimately afterwards
    afterward again already even only just perhaps maybe thus therefore hence accordingly
    consequently moreover furthermore additionally besides nevertheless nonetheless otherwise
    similarly likewise overall separately notably importantly apparently reportedly allegedly
    officially clearly obviously certainly surely fortunately unfortunately ironically
    interestingly specifically sometimes often usually typically generally historically
    traditionally once soon shortly here there too elsewhere firstly secondly lastly immediately
    suddenly quickly increasingly almost nearly roughly approximately
    and but or nor yet for because although though while whereas if unless since when whenever
    where wherever after before until as whether
    the a an this that these those some any every each both either neither many most much more
    few several such another other what which whose my your his her its our their
    in on at by from with without into onto during despite amid amidst among between across
    through throughout against toward towards about above below beside within upon unlike like
    via following including according
    he she it we they you who""".split()
)
# Frequent in news, carrying no topic ("said", weekdays); stopwords for content words, but
# they may start a name ("New York", "Times Square").
_NEWS_WORDS = frozenset(
    """
    said say says saying told tell tells asked according added adding mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    new year years week weeks day days time times people including ago
    """.split()
)
STOPWORDS: frozenset[str] = _GRAMMAR | _NEWS_WORDS
# Words that never open or close a name phrase ("According", "Friday Facebook").
_NOT_NAME_EDGE = STOPWORDS - frozenset("new times people day days time year years".split())
# Grammar words that are also given names: capitalised inside a sentence before another name
# word they open the name ("actor Will Smith", "Iran's Said Jalili", "Per Lindberg", "Can
# Dündar"). At a sentence's start they stay off it ("Will Smith run?" asks a question). Not
# "May": "in May Trump said" is the month more often than a name. Not the particles of
# _CONNECTORS ("Al Gore", "De Blasio"): outlets write them in either case ("al Qaeda", "de
# Blasio"), and the surname alone keeps the two spellings one name.
GIVEN_NAME_WORDS = frozenset("will said per can".split())
# Grammar words that are also surnames (Theresa May, George Will, Edward Said, Dan Rather, Emre
# Can): last in a name after a name word or a title ("Mrs. May"), where the text shows the
# capital is no headline's or sentence's: the name starts inside a sentence, or a lower-case
# word follows it ("May said"), or the surname is possessive ("May's"). Not before a number
# ("Memorial Day May 30": the month) or a word that makes it grammar ("Trump May be", "Will
# not"), nor in a run with other grammar words ("Here's What Trump Said"). Not "More" (Thomas
# More): a page's buttons, "Read More about it", "Learn More", "Show More comments", made names.
SURNAME_WORDS = frozenset("may will said can rather".split())
_SURNAME_WORD_STARTS = frozenset(w[:2] for w in SURNAME_WORDS)
# Lower-case words after which a surname word is a verb or an adverb ("May be", "Rather than"),
# or a question's verb before "you" ("Trump Will you run"). Not a determiner or another pronoun:
# "told Theresa May that he", "met Theresa May this week", "told Theresa May it was" name her (a
# headline's "Can the Brain Burn" is split at its grammar words: _headline_parts).
_GRAMMAR_AFTER = frozenset("be have not never than you".split())

# Words that open a name but are not part of it ("President Obama" -> "Obama").
_TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady rev gen lt col maj capt sgt adm cmdr sen rep gov
    president vice secretary senator representative governor congressman congresswoman mayor
    minister chancellor judge justice chief general attorney ambassador speaker leader chairman
    chairwoman director spokesman spokeswoman former late st pope king queen prince princess
    sheikh ayatollah rabbi father
    """.split()
)

# Titles that, inside a run, end what names the office: "Florida Gov. Jeb Bush", "Israeli Prime
# Minister Benjamin Netanyahu", "House Speaker John Boehner" name Jeb Bush, Benjamin Netanyahu and
# John Boehner, as another outlet's "Gov. Jeb Bush" or "Mr. Boehner" do. Not the titles that are
# often part of a name inside one ("Martin Luther King Jr.", "General Motors", "Justice
# Department", "Father Christmas").
_OFFICE_TITLES = frozenset(
    """president secretary minister gov sen rep senator representative governor congressman
    congresswoman mayor chancellor ambassador speaker leader chairman chairwoman director
    spokesman spokeswoman attorney judge prince princess""".split()
)
# Offices named with "of" and one word: "Secretary of State", "Chief of Staff".
_OFFICE_OF_TITLES = _OFFICE_TITLES | {"chief"}
# Words naming what such an office is of, which may run to more than one ("Minister of Foreign
# Affairs Sergei Lavrov", "Secretary of Homeland Security Jeh Johnson" were "Affairs Sergei
# Lavrov", "Security Jeh Johnson"). (A run ends at "the" and "and": "Speaker of the House Nancy
# Pelosi" is read from "House".)
_OFFICE_DOMAINS = frozenset(
    """state staff foreign affairs homeland security national intelligence defense defence justice
    commerce labor labour treasury energy education health human services agriculture
    transportation interior veterans housing urban development finance trade house
    representatives commons lords exchequer joint chiefs army navy air force environment
    economy culture police investigation""".split()
)
# Words that end an organisation's or a place's name: a title first in such a run is part of it
# ("General Motors", "Justice Department", "U.S. Attorney's Office", "Prince William County"
# were "Motors", "Department", "Office", "William County"), and an office inside it is no
# office before a person's name.
_ORGANISATION_WORDS = frozenset(
    """office offices department ministry committee council agency bureau administration
    commission assembly court corps corp corporation co inc company companies motors electric
    mills dynamics group party foundation institute university college hospital county district
    service services board authority union association counsel""".split()
)
# What an office "of the" is of opens with one of these ("Speaker of the House", "Secretary of
# the Treasury", "Chairman of the Joint Chiefs of Staff"); not the domains that open names of
# their own after "the" ("leader of the Force Ouvriere union", "president of the National
# Abortion Federation").
_THE_OFFICE_DOMAINS = frozenset("house senate treasury navy army interior exchequer air joint commons".split())
# Titles of a person only, never first in an organisation's name ("Mr. Mills" is Mills).
_PERSONAL_TITLES = frozenset("mr mrs ms miss dr prof sir dame rev sen rep gov gen lt col maj capt sgt adm cmdr".split())
# Offices of a person: before a name word they make the run a person's, not an organisation's
# ("President Obama's National Commission", "Senator Warren's Office" name Obama and Warren),
# though "The Mayor's Office" is one. Not the titles that open places and firms before a name
# word ("Prince William County", "General Accounting Office", "St. Louis County").
_PERSON_OFFICES = frozenset(
    """president vice secretary senator representative governor congressman congresswoman mayor
    minister chancellor ambassador speaker leader chairman chairwoman director spokesman
    spokeswoman former late attorney judge justice""".split()
)
# Words after a surname that are no name of their own ("Jr." after "King").
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())

# Lower-case words allowed inside a name ("Bank of America", "Charles de Gaulle").
_CONNECTORS = frozenset("of de del della da di du la le van von der den al bin ibn".split())


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens; curly apostrophes folded; a trailing possessive 's dropped."""
    tokens = WORD_RE.findall(text.replace("’", "'").casefold())
    for k, token in enumerate(tokens):
        if "'" in token:
            if token.endswith("'s"):
                tokens[k] = token[:-2]
    return tokens


_NORMALIZED: dict[str, str] = {}
# Per-process tables keep words and runs up to this long: real ones are far shorter, and hostile
# text (a 20,000-letter "word" in each of many articles) must not fill memory.
_CACHED_LENGTH = 64


def normalize_word(token: str) -> str:
    """Light, predictable plural folding for matching ("policies"->"policy", "votes"->"vote")."""
    cached = _NORMALIZED.get(token)
    if cached is not None:
        return cached
    n = len(token)
    out = token
    if n > 4 and token.endswith("ies") and not token.endswith(("eies", "aies")):
        out = token[:-3] + "y"
    elif n > 4 and token.endswith(("ches", "shes", "sses", "xes", "zzes")):
        out = token[:-2]
    elif (
        n > 3
        and token.endswith("s")
        and not token.endswith(("ss", "us", "is", "'s"))
        and not (token.endswith("as") and not token.endswith("eas"))  # bias, texas, atlas
        and not token.isdigit()
    ):
        out = token[:-1]
    if len(_NORMALIZED) < 500_000 and n <= _CACHED_LENGTH:
        _NORMALIZED[token] = out
    return out


class _ContentWords(dict[str, str]):
    """A word as `WORD_RE` finds it in casefolded text -> its content word ("" for none), the
    work of tokenize() and content_words() for each word done once per process, not per use."""

    def __missing__(self, word: str) -> str:
        token = word[:-2] if word.endswith("'s") else word
        found = normalize_word(token) if len(token) > 1 and token not in STOPWORDS else ""
        if len(self) < 500_000 and len(word) <= _CACHED_LENGTH:
            self[word] = found
        return found


_CONTENT_WORDS = _ContentWords()


# WORD_RE for text without underscores, where \w is a letter or digit: 10% faster.
_PLAIN_WORD_RE = lazy_regex.compile(r"\w+(?:'\w+)*")


def content_words(text: str) -> list[str]:
    """Tokens that carry meaning: no stopwords, no 1-character tokens, plurals folded."""
    text = text.replace("’", "'").casefold()
    words = (WORD_RE if "_" in text else _PLAIN_WORD_RE).findall(text)
    return list(filter(None, map(_CONTENT_WORDS.__getitem__, words)))


# Name phrases ----------------------------------------------------------------------------------

_UPPER = "".join(re.escape(chr(c)) for c in range(0x10000) if chr(c).isupper() and chr(c).isalpha())
# A capitalised word: "Obama", "McCain's", "R-Wyo.", "U.S.", "Sen." (dots kept for later checks).
_CAP_WORD = rf"[{_UPPER}][^\W_]*(?:['’.\-][^\W_]+)*\.?"
_CONNECTOR_ALT = "|".join(sorted(_CONNECTORS, key=len, reverse=True))
# A run of capitalised words separated by single spaces, with at most one connector between two.
_NAME_RUN_RE = lazy_regex.compile(rf"{_CAP_WORD}(?:[ \t](?:(?:{_CONNECTOR_ALT})[ \t])?{_CAP_WORD})*")
_LOWER_WORD_RE = lazy_regex.compile(r"(?<![^\W_])[a-z][a-z'’]*")
_LOWER_WORD = lazy_regex.compile(r"[a-z][a-z'’]*")
_LOWER_RUN = frozenset("abcdefghijklmnopqrstuvwxyz'’")
_SENTENCE_OPENERS = frozenset('.!?:;"“”\n')


class _LowerWords:
    """`word in` it: is `word` among the lower-case words of the text (`_LOWER_WORD_RE`'s
    matches)? Answered word by word: name_phrases asks about a few sentence-initial words of an
    article, and collecting all its lower-case words cost more than the rest of name_phrases.
    After many different questions (a long or hostile text) the words are collected once."""

    __slots__ = ("text", "answers", "words")

    def __init__(self, text: str):
        self.text = text
        self.answers: dict[str, bool] = {}
        self.words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self.words is not None:
            return word in self.words
        answer = self.answers.get(word)
        if answer is None:
            if len(self.answers) >= 32:
                self.words = set(_LOWER_WORD_RE.findall(self.text))
                return word in self.words
            answer = self.answers[word] = _LOWER_WORD.fullmatch(word) is not None and _written_lower(self.text, word)
        return answer


def _written_lower(text: str, word: str) -> bool:
    """Is `word` (a `_LOWER_WORD`) one of `_LOWER_WORD_RE.findall(text)`?"""
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        if (end == len(text) or text[end] not in _LOWER_RUN) and _lower_match_at(text, i):
            return True
        i = text.find(word, i + 1)
    return False


def _lower_match_at(text: str, i: int) -> bool:
    """Does a `_LOWER_WORD_RE` match start at `i` (a lower-case letter)? Matches start at a
    letter after no letter or digit and take the rest of their run of `_LOWER_RUN` characters: a
    letter after an apostrophe starts one only if no earlier letter of its run did ("x’s" is one
    match, "X’s" gives "s")."""
    if i > 0 and text[i - 1].isalnum():
        return False
    start = i
    while start > 0 and text[start - 1] in _LOWER_RUN:
        start -= 1
    return not any("a" <= text[p] <= "z" and (p == 0 or not text[p - 1].isalnum()) for p in range(start, i))


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` may open a sentence: nothing before it but spaces and opening
    parentheses or single marks, after the text's start, a line break, a sentence's end, a colon
    or a semicolon, or a double quotation mark (a quotation opens its own sentence). The one
    answer name_phrases and the speaker resolver (reader.analysis.speaker_resolver) read: a
    capitalised word there may be an ordinary word, not a name."""
    k = start - 1
    while k >= 0 and text[k] in " \t(['‘":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_OPENERS


def name_phrases(text: str) -> list[str]:
    """Runs of capitalised words that look like names, in order of appearance, as written.

    "Vice President Dick Cheney's daughter Liz" -> ["Dick Cheney", "Liz"]; titles at the front
    are dropped, as is an office inside a run ("Florida Gov. Jeb Bush" -> "Jeb Bush"),
    possessives removed, and a lone capitalised stopword at a sentence start ("The",
    "But") is not a name. A lone sentence-initial word that also appears in lower case in the
    text ("Opening up about...") is not a name either, nor an adverb, conjunction, preposition
    or pronoun opening a sentence (OPENING_WORDS: "Later Mohammed left" names "Mohammed").
    On a headline's line (headline_lines: title case, or capitals) a word is read as the text
    writes it outside headlines, and is no name where it writes it nowhere else
    ("SECRETARY OF STATE JOHN KERRY SPEAKS" over "Secretary of State John Kerry spoke" names
    John Kerry); a text of headlines alone is read as written.
    """
    if not text:
        return []
    short_headlines = _short_headline_lines(text)  # each line read once for a headline, here or below
    headline_spans = {(start, end) for start, end, _ in short_headlines}
    headlines = [(start, end) for start, end, words in short_headlines if words >= HEADLINE_WORDS]
    if headlines and _beyond(headlines, len(text)):
        text = _headlines_as_written(text, headlines)
    lower_seen: _LowerWords | None = None
    phrases: list[str] = []
    split_runs: list[tuple[int, int, str]] = []  # the headline runs split: (first, end, whole) (_confirmed)
    line_end = -1  # where the line of the last run asked about ends (a headline's? _headline_line)
    on_headline = False
    edge = _NOT_NAME_EDGE
    for match in _NAME_RUN_RE.finditer(text):
        run = match.group()
        if " " not in run and "\t" not in run and "." not in run and "'" not in run and "’" not in run:
            # Fast path: one plain capitalised word (most runs).
            low = run.casefold()
            if low in edge or low in _TITLES or low in _CONNECTORS or len(run) < 2:
                continue
            if opens_sentence(text, match.start()):
                if low in OPENING_WORDS:
                    continue  # "Meanwhile, ..."
                if lower_seen is None:
                    lower_seen = _LowerWords(text)
                if run.lower() in lower_seen:
                    continue
            phrases.append(run)
            continue
        # "Later Mohammed left": an opening word is no part of the name, at a sentence's start only
        starts = opens_sentence(text, match.start())
        opens = starts and run.split(None, 1)[0].casefold() in OPENING_WORDS
        inside = not starts
        follows = _what_follows(text, match.end()) if _ends_with_surname_word(run) else ""
        # (most runs have no "the" before them: a look at three letters, with no call)
        office_of = text.endswith("the", 0, match.start() - 1) and _office_of_before(text, match.start())
        # only a run of three words or more may be split (X, a grammar word, Y); each line is
        # read once, when its first such run asks
        if run.count(" ") + run.count("\t") >= 2:
            if match.start() > line_end:
                line_end = text.find("\n", match.end())
                line_end = len(text) if line_end < 0 else line_end
                line_start = text.rfind("\n", 0, match.start()) + 1
                on_headline = (
                    (line_start, line_end) in headline_spans
                    if line_end - line_start <= HEADLINE_CHARS
                    else _headline_line(text, line_start, line_end)
                )
            headline = on_headline
        else:
            headline = False
        pieces = (
            _cached_run_phrases(run, opens, inside, follows, office_of, headline)
            if len(run) <= 2 * _CACHED_LENGTH
            else _run_phrases(run, opens, inside, follows, office_of, headline)
        )
        first, split_from = 0, ""  # the phrases of the last split piece: phrases[first:]
        for phrase, lone, whole, starts in pieces:
            if starts or whole != split_from:
                if split_from:
                    split_runs.append((first, len(phrases), split_from))
                first, split_from = len(phrases), whole
            if lone is not None:
                if lower_seen is None:
                    lower_seen = _LowerWords(text)
                if lone in lower_seen:
                    continue
            phrases.append(phrase)
        if split_from:
            split_runs.append((first, len(phrases), split_from))
    return _confirmed(phrases, split_runs) if split_runs else phrases


def _beyond(headlines: list[tuple[int, int]], length: int) -> bool:
    """Whether a text of `length` has lines beyond its `headlines` (more than line breaks): a
    text of headlines alone (a title, a list of them) has no sentence to show which of their
    capitals are names', and is read as written."""
    covered = sum(end - start for start, end in headlines)
    return length - covered > len(headlines)


def _headlines_as_written(text: str, headlines: list[tuple[int, int]]) -> str:
    """The text with each capitalised word on its `headlines` (headline_lines) as the text
    writes it outside them, with a capital first (titled_spellings: "SECRETARY OF STATE JOHN
    KERRY SPEAKS" over "Secretary of State John Kerry spoke" is "Secretary of State John Kerry"
    and blanks; "FBI" stays "FBI"), or blanked
    where it writes it nowhere else: a headline capitalises every word ("Fort Worth May Dry Human
    Waste"), so there a capital is no sign of a name. Blanks of the word's length keep every
    offset, so the headlines' spans hold in the text returned."""
    titled = titled_spellings(words_outside(text, headlines), any_case=True)
    pieces: list[str] = []
    done = 0
    for line_start, line_end in headlines:
        for match in LETTER_WORD_RE.finditer(text, line_start, line_end):
            word = match.group()
            if not word[0].isupper():
                continue
            core = strip_possessive(word.replace("’", "'"))
            spelled = titled.get(core.casefold())
            if spelled is None:
                written = " " * len(word)
            elif len(spelled) == len(core):
                written = spelled + word[len(core) :]
            else:
                continue  # (a spelling of another length, "Straße" of "STRASSE": as written here)
            if written != word:
                pieces.append(text[done : match.start()])
                pieces.append(written)
                done = match.end()
    pieces.append(text[done:])
    return "".join(pieces)


def _headline_line(text: str, start: int, end: int) -> bool:
    """Whether the line text[start:end] is a headline's: no lower-case word on it but those title
    case leaves so (_HEADLINE_LOWER: "Paul Ryan Thinks About Donald Trump", "Golf Courses Forced
    to Reach Into Bag of Tricks"). A sentence's words around a run of capitals ("bombed a Doctors
    Without Borders hospital", "the “Jane The Virgin” actress", "“CBS This Morning,” he said")
    show it is a name, grammar words inside or not. In any script: a word in lower case in
    another script than Latin ("Владимир Путин встретился", "Ο Κυριάκος Μητσοτάκης συναντήθηκε")
    is a sentence's too, and so is a word in a script without capitals (Chinese, Arabic: no line
    of theirs is in title case, and a short paragraph of theirs was taken for a headline)."""
    return all(
        found.group().replace("’", "'") in _HEADLINE_LOWER for found in _LOWER_WORD_RE.finditer(text, start, end)
    ) and not any(
        not word.isascii() and (word[0].islower() or word[0].upper() == word[0].lower())
        for word in LETTER_WORD_RE.findall(text, start, end)
    )


# Headlines and capitals: where a capital is no sign of a name. Read so by the name variants
# (reader.analysis.names) and by name_phrases (story grouping), from this one place.

# A word: letters with inner apostrophes or hyphens ("O'Brien", "Al-Assad").
LETTER_WORD_RE = lazy_regex.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Two capitals in a row: a word in capitals may be in the text (most texts have none).
CAPITALS_RE = lazy_regex.compile(r"[^\W\d_a-z]{2}")
_LINE = lazy_regex.compile(r"[^\n]+")
HEADLINE_WORDS = 3  # a line of fewer words ("John Kerry", a caption's name) is no headline
HEADLINE_CHARS = 200  # a longer line is a paragraph (a list of names joined by "and")


def strip_possessive(word: str) -> str:
    """The word without a possessive "'s" or "'" after it ("Obama's", "Davis'")."""
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    if word.endswith("'") or word.endswith("’"):
        return word[:-1]
    return word


def headline_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line written as a headline: HEADLINE_WORDS words or more and
    HEADLINE_CHARS characters at most, none in lower case but those title case leaves so ("Golf
    Courses Forced to Reach Into Bag of Tricks"), in any script (_headline_line); a line in
    capitals is one too."""
    return [(start, end) for start, end, words in _short_headline_lines(text) if words >= HEADLINE_WORDS]


def _short_headline_lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number of words) of each line of HEADLINE_CHARS at most that _headline_line
    takes for a headline's."""
    out = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        if end - start <= HEADLINE_CHARS and _headline_line(text, start, end):
            out.append((start, end, len(LETTER_WORD_RE.findall(text, start, end))))
    return out


def words_outside(text: str, headlines: list[tuple[int, int]]) -> list[str]:
    """LETTER_WORD_RE's words of the text off its `headlines` (headline_lines), in order."""
    if not headlines:
        return LETTER_WORD_RE.findall(text)
    parts = []
    done = 0
    for start, end in headlines:
        parts.append(text[done:start])
        done = end
    parts.append(text[done:])
    return LETTER_WORD_RE.findall("\n".join(parts))  # (headlines are whole lines: no word joins)


def titled_spellings(words: Iterable[str], any_case: bool = False) -> dict[str, str]:
    """Casefolded word -> its first spelling with a capital but not all in capitals ("John")
    among the `words` (words_outside: a text's off its headlines). With `any_case`, a word they
    hold only in capitals ("FBI"), or else only in lower case ("of"), is given so too."""
    out: dict[str, str] = {}
    shouted: dict[str, str] = {}
    lower: dict[str, str] = {}
    for word in dict.fromkeys(words):  # each spelling once, in order
        if word[0].isupper():
            normal = not word.isupper()  # (as written: "OBAMA's" is not in capitals)
            if "'" in word or "’" in word:
                word = strip_possessive(word.replace("’", "'"))
            if normal:
                out.setdefault(word.casefold(), word)
            elif any_case:
                shouted.setdefault(word.casefold(), word)
        elif any_case:
            word = strip_possessive(word.replace("’", "'"))
            lower.setdefault(word.casefold(), word)
    return lower | shouted | out if any_case else out


def _confirmed(phrases: list[str], split_runs: list[tuple[int, int, str]]) -> list[str]:
    """The phrases, each headline run split (_headline_parts) put back whole where a phrase
    outside the headlines is that run ("In God We Trust" in a title and in the text), else
    without its words alone ("Drop" of "Drop Out of Race", "Obama" of "Obama Should Listen To
    Nancy Pelosi") that no phrase outside a headline holds: there a capital is no sign of a name."""
    in_headlines = {k for first, end, _ in split_runs for k in range(first, end)}
    outside = [phrase for k, phrase in enumerate(phrases) if k not in in_headlines]
    whole_names = {phrase.casefold() for phrase in outside}
    named = {w.casefold() for phrase in outside for w in phrase.split()}
    out = []
    k = 0
    for first, end, whole in split_runs:
        out.extend(phrases[k:first])
        if whole.casefold() in whole_names:
            out.append(whole)
        else:
            out.extend(p for p in phrases[first:end] if " " in p or p.casefold() in named)
        k = end
    out.extend(phrases[k:])
    return out


# An office title and "of the" just before a run ("Speaker of the "), read in a bounded window.
_OFFICE_OF_BEFORE = lazy_regex.compile(r"(?<![^\W_])([^\W\d_]+)\.?[ \t]of[ \t]the[ \t]\Z")
_OFFICE_OF_WINDOW = 40  # longer than "Spokeswoman of the " with room to spare


def _office_of_before(text: str, start: int) -> bool:
    """Whether an office title and "of the" end just before `start` ("Speaker of the House Nancy
    Pelosi", "Secretary of the Treasury Timothy Geithner")."""
    if start < 4 or not text.endswith("the", 0, start - 1):
        return False  # most runs: a look at the three letters before them
    found = _OFFICE_OF_BEFORE.search(text, max(0, start - _OFFICE_OF_WINDOW), start)
    return found is not None and found.group(1).casefold() in _OFFICE_OF_TITLES


def _run_phrases(
    run: str,
    opens: bool = False,
    inside: bool = False,
    follows: str = "",
    office_of: bool = False,
    headline: bool = False,
) -> tuple[tuple[str, str | None, str, bool], ...]:
    """The name phrases of a run of capitalised words as (phrase, lone, whole, starts): `lone` is the
    phrase in lower case when it is a name only where the text never writes it in lower case
    (_lone_word); `whole`, when the phrase is a part of a headline's capitals split at their
    grammar words (_headline_parts), the run's phrase unsplit, else "" (_confirmed keeps it whole
    where the text names it so, else the parts' words alone only where other phrases hold them),
    and `starts` whether it is the first part of its split piece.
    `headline`: the run is on a headline's line (_headline_line), whose capitals may be split.
    `opens`: the run opens a sentence, as every piece after the first does ("Smith. Later
    Mohammed"), so an opening word first in it is left off. `inside`: the run starts inside a sentence, where a
    given name that is also a grammar word opens the name in its first piece ("Will Smith",
    GIVEN_NAME_WORDS). `follows`: what comes after the run (_what_follows), which tells whether a
    surname that is also a grammar word ends its last piece ("Theresa May said", SURNAME_WORDS).
    `office_of`: an office with "of the" is just before the run (_office_of_before).
    A pure function of its arguments, cached (`_cached_run_phrases`): articles name the same
    people again and again."""
    out = []
    words = run.split()
    piece: list[str] = []
    first_piece = True
    possessive = False
    for k, raw in enumerate(words):
        word = raw
        ends_sentence = False
        if word.endswith("."):
            core = word[:-1]
            if "." in core or (len(core) == 1 and core.isupper()):
                pass  # "U.S." or an initial "J." stays whole
            else:
                word = core
                ends_sentence = core.casefold() not in _TITLES
        word = word.replace("’", "'")
        owner_before = possessive and bool(piece)  # the word before it is possessive ("Trump's May")
        possessive = word.endswith(("'s", "'S", "'"))
        if word.endswith(("'s", "'S")):
            word = word[:-2]
        elif word.endswith("'"):
            word = word[:-1]
        if word:
            piece.append(word)
        if ends_sentence or k == len(words) - 1:
            last_piece = k == len(words) - 1
            # a capital that is no sentence's: the piece starts inside one, a lower-case word
            # follows it, or its last word is possessive; a number or "be" after it makes it grammar,
            # as an owner before it does ("Trump's May rally", "the Labor Department's May report")
            surname_last = not owner_before and (
                possessive
                or (
                    not (last_piece and follows in ("number", "grammar"))
                    and ((first_piece and inside) or (last_piece and follows == "word"))
                )
            )
            office = office_of and first_piece
            phrase = _clean_name(piece, opens or not first_piece, inside and first_piece, surname_last, office)
            whole = ""
            if phrase is None:
                parts = []
            elif headline:
                # (the grammar words left off its edges show a headline too: "How Many Calories Can")
                parts = _headline_parts(phrase, not _HEADLINE_SPLITS.isdisjoint(map(str.casefold, piece)))
                whole = " ".join(phrase) if parts != [phrase] else ""
            else:
                parts = _of_grammar_parts(phrase)
            for n, part in enumerate(parts):
                if n == 0:
                    lone = _lone_word(part, piece, first_piece and inside, office)
                else:  # after a grammar word: a lone word is a name only if never in lower case
                    lone = part[0].lower() if len(part) == 1 else None
                out.append((" ".join(part), lone, whole, n == 0))
            piece = []
            first_piece = False
    return tuple(out)


_cached_run_phrases = lru_cache(maxsize=65_536)(_run_phrases)


def _clean_name(
    words: list[str], opens: bool = False, inside: bool = False, surname_last: bool = False, office_of: bool = False
) -> list[str] | None:
    """Drop leading titles/stopwords (and, when the words open a sentence, an opening word first)
    and trailing connectors/stopwords; None if nothing is left. A given name that is also a
    grammar word (GIVEN_NAME_WORDS) stays before a name word after a title, or first when the
    words start `inside` a sentence. A surname that is also a grammar word (SURNAME_WORDS) stays
    last after a name word or a title when `surname_last` says its capital is a name's.
    `office_of`: an office with "of the" is just before the words ("Speaker of the House Nancy
    Pelosi"), see _after_office. The titles first in an organisation's name are part of it
    (_names_organisation: "General Motors")."""
    start, end = 0, len(words)
    if opens and words and words[0].casefold() in OPENING_WORDS:
        start = 1
    after_title = False
    organisation = _names_organisation(words)
    office = 0 if organisation else _after_office(words, office_of)
    if office > start:
        start, after_title = office, True  # "Florida Gov. Jeb Bush" -> "Jeb Bush"
    while start < end:
        low = words[start].rstrip(".").casefold()
        if low in _TITLES:
            if organisation and low not in _PERSONAL_TITLES:
                break
            after_title = True
        elif after_title and surname_last and start == end - 1 and low in SURNAME_WORDS:
            break  # "Mrs. May said", "Mr. Will's column"
        elif (
            low in GIVEN_NAME_WORDS
            and (after_title or (inside and start == 0))
            and start + 1 < end
            and _is_name_word(words[start + 1])
            and not any(w.casefold() in _NOT_NAME_EDGE for w in words[start + 1 :])
        ):
            # "actor Will Smith", "Sen. Will Hurd": a given name before a name word (not in a
            # headline's capitals: "Lerner, IRS Scandal Figure, Will Invoke Fifth Amendment At")
            break
        elif low in _NOT_NAME_EDGE or low in _CONNECTORS:
            after_title = False
        else:
            break
        start += 1
    while end > start:
        low = words[end - 1].casefold()
        if end == len(words) and surname_last and _surname_after_name(words[start:end]):
            break  # "Theresa May said", "He met George Will."
        if low in _CONNECTORS or low in _NOT_NAME_EDGE:
            end -= 1
        else:
            break
    kept = words[start:end]
    if not kept or (len(kept) == 1 and (len(kept[0]) < 2 or kept[0] == "I")):
        return None
    if _shouted_line(kept):
        return None
    return kept


# Grammar words that show a run of capitals is a headline's where they are inside it: "Paul Ryan
# Thinks About Donald Trump" is "Paul Ryan Thinks" and "Donald Trump". Not the particles ("Bank
# of America"), titles, days ("Super Tuesday Primary", "USA Today Network"), "one" ("Capital One
# Financial"), nor the grammar words that are also given names or surnames ("Theresa May
# Sunday"), which split a headline only ("Trump May Not Have Suggested" is "Trump").
_HEADLINE_SPLITS = (
    _NOT_NAME_EDGE
    - _CONNECTORS
    - _TITLES
    - GIVEN_NAME_WORDS
    - SURNAME_WORDS
    - frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow one".split())
)
_HEADLINE_BREAKS = _HEADLINE_SPLITS | GIVEN_NAME_WORDS | SURNAME_WORDS
# The lower-case words a headline's line may hold (_headline_line): the articles, conjunctions and
# short prepositions title case leaves in lower case ("Golf Courses Forced to Reach Into Bag of
# Tricks"), the particles, and the ends of a capital's word after an apostrophe ("Cruz's", "I'm").
# Not a verb or a pronoun, which title case capitalises: "“CBS This Morning,” he said" is a
# sentence.
_HEADLINE_LOWER = _CONNECTORS | frozenset(
    """a an the and but or nor for as at by in into of off on onto out over per to up upon via vs
    with from than s t d m ll re ve""".split()
)


def _headline_parts(words: list[str], split: bool = False) -> list[list[str]]:
    """The words split at the grammar words inside them when they are a headline's
    (_HEADLINE_SPLITS inside them, or `split`: around them), each part without a particle at its
    edges ("Drop Out of Race" is "Drop" and "Race"); else the words as they are. (An initial,
    "A.", is no grammar word.)"""
    if not split and _HEADLINE_SPLITS.isdisjoint(map(str.casefold, words)):
        return [words]
    parts: list[list[str]] = [[]]
    for word in words:
        if word.casefold() in _HEADLINE_BREAKS:
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(word)
    # after the first part, a part's titles are off it as a name's ("Nomination For Mr. Cruz" is
    # "Cruz", "Interested In Being Vice President" none)
    cleaned = [parts[0]] + [_clean_name(part) for part in parts[1:] if part]
    trimmed = [_without_edge_particles(part) for part in cleaned if part]
    return [part for part in trimmed if len(part) > 1 or (part and len(part[0]) > 1 and part[0] != "I")]


def _of_grammar_parts(words: list[str]) -> list[list[str]]:
    """The words split where a grammar word with a capital follows an "of": a name of its own
    starts there ("Andrew Ross Sorkin of The New York Times", "John Paul Hopping of Our Lady of
    Guadalupe"); else the words as they are ("Bank of America")."""
    if "of" not in words:
        return [words]  # most runs
    cuts = [k for k in range(1, len(words) - 1) if words[k] == "of" and words[k + 1].casefold() in _HEADLINE_SPLITS]
    if not cuts:
        return [words]
    parts = [words[:k] for k in cuts[:1]] + [words[a + 1 : b] for a, b in zip(cuts, cuts[1:] + [len(words)])]
    # a part without its grammar words first, its titles kept ("Our Lady of Guadalupe" is "Lady of
    # Guadalupe", as Mr. Hopping's church, not a lady)
    cleaned = [parts[0]] + [_without_edge_words(part) for part in parts[1:]]
    return [part for part in cleaned if len(part) > 1 or (part and len(part[0]) > 1)]


def _without_edge_words(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while start < end and (words[start].casefold() in _NOT_NAME_EDGE or words[start].casefold() in _CONNECTORS):
        start += 1
    while end > start and (words[end - 1].casefold() in _NOT_NAME_EDGE or words[end - 1].casefold() in _CONNECTORS):
        end -= 1
    return words[start:end]


def _without_edge_particles(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while start < end and words[start].casefold() in _CONNECTORS:
        start += 1
    while end > start and words[end - 1].casefold() in _CONNECTORS:
        end -= 1
    return words[start:end]


def _names_organisation(words: list[str]) -> bool:
    """Whether the words name an organisation or a place (_ORGANISATION_WORDS last), whose
    titles are part of the name ("General Motors", "U.S. Attorney's Office", "The Justice
    Department"); not a headline's capitals ("President Obama's Last State Of The Union" names
    Obama)."""
    if not words or words[-1].rstrip(".").casefold() not in _ORGANISATION_WORDS:
        return False
    k = 0
    while k < len(words) and words[k].casefold() in _NOT_NAME_EDGE:
        k += 1  # "The" first is no sign of a headline
    return not any(w.casefold() in _HEADLINE_SPLITS for w in words[k:]) and not _person_office_named(words)


def _person_office_named(words: list[str]) -> bool:
    """Whether a person's office, other titles after it or not, is followed by a name word that
    names no organisation ("President Obama National Commission", "Attorney General Eric Holder
    Office"; not "The Mayor Office", "U.S. Attorney General Office")."""
    after_office = False
    for word in words:
        low = word.rstrip(".").casefold()
        if low in _PERSON_OFFICES:
            after_office = True
        elif low not in _TITLES:
            if after_office and _is_name_word(word) and low not in _ORGANISATION_WORDS:
                return True
            after_office = False
    return False


def _shouted_line(words: list[str]) -> bool:
    """Whether the words are a line in capitals with a grammar word inside ("TRUMP SAYS HE WILL
    WIN", "HILLARY CLINTON IS FEELING THE BERN"): a headline, whose capitals name no one ("BANK
    OF AMERICA", a connector inside, may be a name)."""
    if len(words) < 3 or not words[0].isupper():
        return False
    return all(w.isupper() for w in words) and any(
        w.casefold() in _NOT_NAME_EDGE and w.casefold() not in _CONNECTORS for w in words[1:-1]
    )


def _lone_word(phrase: list[str], piece: list[str], inside: bool, office_of: bool = False) -> str | None:
    """The phrase in lower case when it is one word that is a name only where the text never
    writes it in lower case: the first word of its piece at a sentence's start (not `inside`
    one: "Opening the talks"), or a word after an office ("… To Protect Chairman Job"); else None."""
    if len(phrase) != 1:
        return None
    if phrase[0] == piece[0]:
        return None if inside else phrase[0].lower()
    return phrase[0].lower() if _after_office(piece, office_of) else None


def _after_office(words: list[str], office_of: bool = False) -> int:
    """Where the name after the last office title in the words starts ("Israeli Prime Minister
    Benjamin Netanyahu": at "Benjamin"; "Secretary of State John Kerry", "Minister of Foreign
    Affairs Sergei Lavrov": after what the office is of, _office_domain_end), or 0 when no such title has a name word
    after it (_OFFICE_TITLES). `office_of`: an office title and "of the" are just before the
    words, so what the office is of may open them ("Speaker of the House Nancy Pelosi" names
    Nancy Pelosi, "Secretary of the Treasury Timothy Geithner" him: _after_office_of)."""
    if len(words) < 3:
        return _after_office_of(words) if office_of else 0  # no room for a word, a title and a name
    named = None  # the run's _named_from, worked out at its first office
    for k in range(len(words) - 2, -1, -1):
        low = words[k].rstrip(".").casefold()
        after = k + 1
        if low in _OFFICE_OF_TITLES and words[after] == "of":
            after = _office_domain_end(words, after + 1)
        elif k == 0 or low not in _OFFICE_TITLES:
            continue
        if named is None:
            named = _named_from(words)
        if named[after]:
            return after
    return _after_office_of(words) if office_of else 0


def _after_office_of(words: list[str]) -> int:
    """Where the name after what an office is of starts, when the words open with it ("House" in
    "House Nancy Pelosi" after "Speaker of the"), or 0 when they do not or fewer than two words
    with a name word follow: one word is more often a committee's ("chairman of the House Ways
    and Means Committee", "of the House Judiciary subcommittee") than a surname alone."""
    if not words or words[0].casefold() not in _THE_OFFICE_DOMAINS:
        return 0
    after = _office_domain_end(words, 0)
    return after if len(words) - after >= 2 and any(_is_name_word(w) for w in words[after:]) else 0


def _office_domain_end(words: list[str], start: int) -> int:
    """Where the words naming what an office is of end, from `start` (after its "of"): over
    _OFFICE_DOMAINS and an "of" between them ("Joint Chiefs of Staff"), else the one word at `start`."""
    end = k = start
    while k < len(words) and (words[k].casefold() in _OFFICE_DOMAINS or words[k] == "of"):
        k += 1
        if words[k - 1].casefold() in _OFFICE_DOMAINS:
            end = k  # (a join word last is no part of it)
    return end if end > start else start + 1


def _named_from(words: list[str]) -> list[bool]:
    """For each k, whether a name word (no suffix, "Jr.") is among words[k:] (with room past the
    end): worked out once from the right, as a look from each office to the end made a run of
    offices ("President President …", a hostile 1 MB line) quadratic."""
    named = [False] * (len(words) + 3)
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        named[k] = named[k + 1] or (_is_name_word(word) and word.rstrip(".").casefold() not in _NAME_SUFFIXES)
    return named


def _surname_after_name(words: list[str]) -> bool:
    """Whether the words are a surname that is also a grammar word after a title ("Mrs. May"), or
    after name words and no grammar word ("Theresa May", not "What Trump Said")."""
    if not words or words[-1].casefold() not in SURNAME_WORDS:
        return False
    if len(words) == 1:
        return True  # the titles before it were left off
    return _is_name_word(words[-2]) and not any(w.casefold() in _NOT_NAME_EDGE for w in words[:-1])


def _ends_with_surname_word(run: str) -> bool:
    """Whether the run's last word, without a possessive, is one of SURNAME_WORDS."""
    last = run[run.rfind(" ") + 1 :]
    if last[:2].casefold() not in _SURNAME_WORD_STARTS:
        return False  # most runs: a cheap look at the start of their last word
    last = last.replace("’", "'")
    return last.removesuffix("'s").removesuffix("'S").rstrip("'.").casefold() in SURNAME_WORDS


def _what_follows(text: str, end: int) -> str:
    """What comes after a run ending at `end`, on its line: "number" (the month "May 30"),
    "grammar" (a word making a surname word a verb or an adverb: "May be", "Rather than"),
    "word" (any other word in lower case: "May said"), else ""."""
    k = end
    while k < len(text) and text[k] in " \t":
        k += 1
    if k == end or k == len(text) or text[end - 1] == ".":
        return ""  # nothing after it on the line, or a sentence ended ("May. it")
    if text[k].isdigit():
        return "number"
    found = _LOWER_WORD.match(text, k)
    if found is None:
        return ""
    return "grammar" if found.group() in _GRAMMAR_AFTER else "word"


def _is_name_word(word: str) -> bool:
    """A word of a run that may be part of a name: no title, grammar word or connector."""
    low = word.rstrip(".").casefold()
    return len(low) > 1 and low not in _TITLES and low not in _NOT_NAME_EDGE and low not in _CONNECTORS


# TF-IDF ----------------------------------------------------------------------------------------


class TfidfModel:
    """Sparse TF-IDF vectors with sublinear tf, smoothed idf and L2 normalisation.

    `documents` are token lists (e.g. from `content_words`) or term -> count mappings (only
    their keys count for document frequency). Terms never seen in fitting get
    the highest idf (as if their document frequency were 0).
    """

    def __init__(self, documents: Iterable[Iterable[str]] | None = None, *, sublinear_tf: bool = True):
        self.sublinear_tf = sublinear_tf
        self.n_docs = 0
        self.df: Counter[str] = Counter()
        self._idf_cache: dict[str, float] = {}
        self._unseen_idf = 1.0
        if documents is not None:
            self.fit(documents)

    def fit(self, documents: Iterable[Iterable[str]]) -> "TfidfModel":
        """(Re)compute document frequencies from scratch; returns self."""
        self.n_docs = 0
        self.df = Counter()
        for doc in documents:
            self.n_docs += 1
            self.df.update(set(doc))
        n = self.n_docs
        self._idf_cache = {term: math.log((1 + n) / (1 + df)) + 1.0 for term, df in self.df.items()}
        self._unseen_idf = math.log(1 + n) + 1.0
        return self

    def idf(self, term: str) -> float:
        return self._idf_cache.get(term, self._unseen_idf)

    def weights(self, tokens: Iterable[str] | Mapping[str, int]) -> dict[str, float]:
        """Unnormalised tf-idf weights of a token list (or of a mapping term -> count)."""
        counts = tokens if isinstance(tokens, Mapping) else Counter(tokens)
        idf = self._idf_cache
        unseen = self._unseen_idf
        log = math.log
        if self.sublinear_tf:
            return {t: (1.0 + log(c)) * idf.get(t, unseen) for t, c in counts.items()}
        return {t: c * idf.get(t, unseen) for t, c in counts.items()}

    def vector(self, tokens: Iterable[str] | Mapping[str, int]) -> dict[str, float]:
        """L2-normalised tf-idf vector of a token list or term counts ({} for no tokens)."""
        return _normalised(self.weights(tokens))


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    if norm == 0.0:
        return {}
    return {term: w / norm for term, w in weights.items()}


def unit_cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two L2-normalised sparse vectors (TfidfModel's): their dot product, at most 1."""
    if len(a) > len(b):
        a, b = b, a
    # The same products summed in the same order as a generator would, without its frames (1.5x).
    return min(1.0, sum(map(mul, a.values(), map(b.get, a, repeat(0.0)))))


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two sparse vectors; 0.0 when either is empty or all zero."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = 0.0
    for term, weight in a.items():
        other = b.get(term)
        if other is not None:
            dot += weight * other
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    if na == 0.0 or nb == 0.0:
        return 0.0
    return max(0.0, min(1.0, dot / (na * nb)))
