"""Who a quotation's speaker is: `SpeakerResolver` resolves a pronoun to the nearest fitting
person named earlier, a generic phrase ("the official") to its fuller mention, and a surname to
the fullest form of the name in the article. Used by reader.analysis.quotes; no UI imports."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import AbstractSet, Iterator, Mapping, Sequence

from reader import lazy_regex
from reader.analysis.attribution_words import (
    _AGENT_SUFFIXES,
    _CAPITAL_BREAK,
    _CONJUNCTIONS,
    _EITHER_GENDER,
    _FEMALE,
    _INVERTING,
    _FEMALE_TITLES,
    _LEADING_NON_NAME,
    _LEADING_PREPOSITIONS,
    _MALE_TITLES,
    _NON_PERSON,
    _NP_BREAK,
    _NP_DETERMINERS,
    _PERSON_TITLES,
    NOT_ORGANISATIONS,
    ORGANISATION_HEADS,
    PLACE_HEADS,
    PLACE_ONLY_PREPOSITIONS,
    PRONOUNS,
    ROLE_TITLES,
    SPEAKING_THINGS,
    SUBJECT_PRONOUNS,
    _ROLE_NOUNS,
    CHURCH_DENOMINATIONS,
)
from reader.analysis.quote_speakers import (
    _ends_sentence,
    _np_backward,
    _span,
    _tokens,
    _verb_at,
    _passive,
    _plausible_speaker,
    _ROLE_PREPOSITIONS,
    _role_head,
    _strip_possessive,
    _word,
    colon_attribution,
    has_speech_verb,
    is_place_or_thing,
    left_attribution,
    possessor_of_reply,
)
from reader.analysis.attribution_languages import COMPLEMENT_PARTICLES, LEADING_WORDS, is_title_word
from reader.analysis.letters import LOWER, UPPER
from reader.analysis.sentences import SentenceMap
from reader.analysis.textstats import STOPWORDS, opens_sentence
from reader.analysis.us_states import state_named, state_of_party_tag

# A name never runs across a line break (a headline's last word and the first line's name).
# Capitals and small letters of any alphabet with capitals: "Łukasz Fabiański", "Сергей Лавров".
# A surname may carry the Arabic article, joined in lower case ("Bashar al-Assad", "Muammar
# el-Qaddafi"): it is the name's last word, keyed without the article (_name_key).
_ARTICLE_SURNAME = rf"(?:al|el)-[{UPPER}][\w’'-]+"
_NAME = lazy_regex.compile(
    rf"(?<![\w’'-])((?:[{UPPER}][{LOWER}]{{0,3}}\.|[{UPPER}][{LOWER}’'-]*)"
    rf"(?:[^\S\n]+(?:[{UPPER}]\.|[{UPPER}][\w’'-]+)){{0,5}}(?:[^\S\n]+{_ARTICLE_SURNAME})?)(?![\w’'-])"
)
_ARTICLE = re.compile(r"^(?:al|el)-(?=\w)", re.IGNORECASE)


def _name_key(word: str) -> str:
    """The key a surname's mentions share: lower case, no possessive, no article ("al-Assad's",
    "Assad" -> "assad")."""
    return _ARTICLE.sub("", _strip_possessive(word).lower())


# A name after "and", up to four capitalised words: "and Ryan", "and Speaker Paul Ryan".
_AND_NAME = lazy_regex.compile(r"[^\S\n]+and[^\S\n]+((?:[A-Z][\w.’'-]*[^\S\n]+){0,3}[A-Z][\w’'-]*)(?![\w’'-])")
# Words between a subject and its verb: "Trump also said", "Rubio later told".
_VERB_ADVERBS = frozenset("also later then again once has had have would will repeatedly publicly".split())
# Heads of a description that stands for a public figure named before it ("the Texas governor",
# "the billionaire businessman", "the presumptive nominee"), and ages ("the 46-year-old").
_DESCRIBED_PERSONS = frozenset(
    """senator governor congressman congresswoman lawmaker legislator candidate nominee hopeful
    frontrunner front-runner contender challenger incumbent businessman businesswoman billionaire
    mogul tycoon mayor republican democrat""".split()
)
_AGE = re.compile(r"\d{1,3}-year-old")
# The titles of a state's officials, by the word a description heads with ("the Florida senator").
_STATE_OFFICIAL_TITLES = {
    "senator": r"Sen\.|Senator",
    "governor": r"Gov\.|Governor",
    "congressman": r"Rep\.|Representative|Congressman",
    "congresswoman": r"Rep\.|Representative|Congresswoman",
}
_TAG_NAME = r"[A-Z][\w’'-]*\.?(?:[^\S\n]+[A-Z][\w’'-]*\.?){0,2}?[^\S\n]+[A-Z][\w’'-]+"
# A state as written before a title or after "of": in full or short ("Florida", "New Jersey",
# "Fla.") or as AP's two letters with their dots ("N.H. Sen. Jeanne Shaheen").
_TAG_STATE = r"[A-Z][a-z]+\.?(?:[^\S\n]+[A-Z][a-z]+)?|[A-Z]\.[A-Z]\."
# A party tag's state: short ("Fla.", "N.H.", "PA") or in full, in two words only when the first
# is a word ("New Hampshire"), not an abbreviation that ends the tag before a sentence ("R-Fla.
# Rubio said").
_PARTY_TAG_STATE = r"[A-Z][A-Za-z]*(?:[^\S\n][A-Z][a-z]+|(?:\.[A-Za-z]+)*\.?)"


@lru_cache(maxsize=8)
def _state_tag_pattern(titles: str) -> re.Pattern[str]:
    """A name titled so (`titles`) with its state: before the title ("Florida Sen. Marco Rubio"),
    in a party tag after the name ("Sen. Marco Rubio (R-Fla.)", "Marco Rubio, R-Fla.") or after
    "of" ("Sen. Marco Rubio of Florida")."""
    return re.compile(
        rf"(?:(?<![\w.])(?P<before>(?:{_TAG_STATE}))[^\S\n]+(?:{titles})[^\S\n]+(?P<name>{_TAG_NAME}))"
        rf"|(?:(?<![\w.])(?:{titles})[^\S\n]+(?P<name2>{_TAG_NAME})(?![\w’'-])"
        rf"(?:[^\S\n]*,?[^\S\n]*\(?[RDI]-(?P<abbr>{_PARTY_TAG_STATE})|[^\S\n]+of[^\S\n]+(?P<of>(?:{_TAG_STATE}))))"
    )


# A name without a title and its party tag ("Marco Rubio, R-Fla.", "Marco Rubio (R-Fla.)"): a
# member of Congress from that state, of either chamber (the titled ones say which).
_UNTITLED_PARTY_TAG = lazy_regex.compile(
    rf"(?<![\w.’'-])(?P<name>{_TAG_NAME})(?![\w’'-])"
    rf"[^\S\n]*(?:,[^\S\n]*\(?|\()[RDI]-(?P<abbr>{_PARTY_TAG_STATE})"
)
# The descriptions such a name stands for: "the Florida senator", "the Florida congressman".
_CONGRESS_TITLES = frozenset(("senator", "congressman", "congresswoman"))


def _untitled_tag_name(name: str) -> str | None:
    """The name of an _UNTITLED_PARTY_TAG match without the state and party words written before
    it ("Florida Republican Marco Rubio" -> "Marco Rubio"); None when a title is written in it
    ("Gov. Rick Scott, R-Fla.": the titled scan reads it, as the office it names)."""
    tokens = name.split()
    if any(_word(t) in _PERSON_TITLES for t in tokens[:-1]):
        return None
    while len(tokens) > 2 and (_word(tokens[0]) in _AFFILIATIONS or state_named(tokens[0].rstrip(".")) is not None):
        tokens.pop(0)
    if len(tokens) > 2 and state_named(" ".join(tokens[:2])) is not None:
        del tokens[:2]  # "New Hampshire Democrat Jeanne Shaheen"
    while len(tokens) > 2 and _word(tokens[0]) in _AFFILIATIONS:
        tokens.pop(0)
    return " ".join(tokens)


def _tag_state(m: re.Match[str]) -> str | None:
    """The state a _state_tag_pattern match ties its name to, or None."""
    if m.group("abbr"):
        return state_of_party_tag(m.group("abbr"))
    return state_named(m.group("before") or m.group("of") or "")


# A clause that names its subject so, not one whose subject says anything ("Crows and ravens
# are considered the “homicide detectives of the avian world”").
_NAMING_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?"
    r"(?:considered|called|dubbed|termed|labell?ed|known|described|regarded|seen|viewed)\b"
)
_POSSESSIVES = frozenset("his her their its our my your".split())
# Words before a role that make it another role: "the press secretary", "the deputy mayor".
_OTHER_ROLE_MODIFIERS = frozenset("press deputy assistant associate acting vice-presidential".split())
# Titles written "Secretary of State Hillary Clinton": the department between the title and the name.
_OF_TITLES = frozenset("Secretary Secretary-General".split())
_LOWER_WORD = lazy_regex.compile(rf"(?<![\w’'-])[{LOWER}][{LOWER}’'-]*")
_CAPITALISED = lazy_regex.compile(rf"(?<![\w’'-])[{UPPER}][\w’'-]*")
_CAPITAL_RUN = lazy_regex.compile(rf"[{UPPER}][\w’'-]*")  # _CAPITALISED without its look-behind


# A photo's credit: the photographer's name before an agency ("Neilson Barnard via Getty Images",
# "Carlos Barria / Reuters", "FABRICE COFFRINI/AFP/Getty Images") or after "Photo:" ("Photo by",
# "AP Photo/Evan Vucci"), and the agency's own name ("Getty Images"). Nobody there speaks, and
# a later "he" or "the 43-year-old" is not the photographer.
_AGENCIES = r"(?:Getty(?:\s+Images)?|Reuters|AP|AFP|EPA|Bloomberg|Corbis|Shutterstock|Sipa|ZUMA|Redux|Xinhua|NurPhoto)"
_CREDIT_AFTER = re.compile(rf"[^\S\n]*(?:/|\bvia\b)[^\S\n]*(?:[A-Z]+[^\S\n]*/[^\S\n]*)?{_AGENCIES}\b")
_CREDIT_BEFORE = lazy_regex.compile(
    rf"(?:\b(?:Photo(?:graph)?s?|Image|Picture|Credit)(?:[^\S\n]+(?:credit|by))?[^\S\n]*[:/|]?|\b{_AGENCIES}[^\S\n]+Photo[^\S\n]*/)[^\S\n]*$"
)
_AGENCY_NAME = re.compile(rf"{_AGENCIES}(?:[^\S\n]+(?:Images|Photo))?")


def _credited(text: str, m: re.Match[str]) -> bool:
    """Whether the capitalised run `m` (a _NAME match) is a photo credit's name or an agency's."""
    return (
        _AGENCY_NAME.fullmatch(m.group(1)) is not None
        or _CREDIT_AFTER.match(text, m.end(1)) is not None
        or _CREDIT_BEFORE.search(text, max(0, m.start(1) - 30), m.start(1)) is not None
    )


# The words of a department or a place a title names before the name, after "of" ("Secretary
# of State Hillary Clinton", "Director of National Intelligence James Clapper", "Secretary of
# Homeland Security Jeh Johnson", "Governor of New York Andrew Cuomo").
_DEPARTMENT_WORDS = frozenset(
    """state defense defence homeland security national intelligence treasury energy education
    health labor labour commerce agriculture transportation interior justice veterans affairs
    housing army navy""".split()
)


def _after_department(text: str, start: int, run: str) -> str:
    """The capitalised run at `start` without the department before its name, when a title and
    "of" come right before it ("Secretary of State Hillary Clinton": "Hillary Clinton"); the run
    itself otherwise."""
    before = text[max(0, start - 30) : start].split()
    if len(before) < 2 or before[-1] != "of" or _word(before[-2]) not in _PERSON_TITLES:
        return run
    words = run.split()
    n = 0
    while n < len(words) - 1 and (_word(words[n]) in _DEPARTMENT_WORDS or _word(words[n]) in _NON_PERSON):
        n += 1
    return " ".join(words[n:]) if n else run


def _capitalised_words(text: str) -> list[tuple[int, str]]:
    """(start, word) of each match of `_CAPITALISED` (a capitalised word: every _NAME match starts
    at one), in one pass: with its look-behind first, the regular expression would be tried at
    every position of the text."""
    words = []
    for m in _CAPITAL_RUN.finditer(text):
        start = m.start()
        if start:
            before = text[start - 1]  # the look-behind: not after a word character, ’, ' or -
            if before.isalnum() or before in "_’'-":
                if before == "-" and text[max(0, start - 4) : start - 1].lower() in (" al", " el", "\nal", "\nel"):
                    words.append((start - 3, text[start - 3 : m.end()]))  # "al-Assad": a mention of Assad
                continue
        words.append((start, m.group()))
    return words


# Dotted abbreviations of a country or a union, up to the second letter's dot.
_COUNTRY_ABBREVIATION = re.compile(r"(?<![\w.])(?:U\.[SKN]|E\.U)\.")


# Particles that begin a surname and mean nothing else ("Ursula von der Leyen", "Osama bin
# Laden"); any other ("da", "de", "del", "der": "of (the)") joins a run only after two capitalised
# words ("Luiz Inácio Lula da Silva"): "Ministro da Fazenda", "Banco de España", "Präsident der
# Ukraine" are no names.
_SURNAME_PARTICLES = frozenset("von van zu bin ibn".split())


# Particles before an English name's surname ("Charles de Gaulle", "Osama bin Laden", "Ursula von
# der Leyen", "Oscar de la Renta"). Read in an English article only to give a surname mentioned
# alone ("de Gaulle said": "Gaulle") its full name: made persons, the names would also be ones a
# pronoun may stand for, and "the raid that killed Osama bin Laden ... he said" is not his.
_ENGLISH_PARTICLES = frozenset("de da di du del della des van von der den ter bin ibn la".split())
_PARTICLE_NAME = lazy_regex.compile(
    rf"(?<![\w’'-])((?:[{UPPER}][{LOWER}]{{0,3}}\.[^\S\n]+|[{UPPER}][{LOWER}’'-]+[^\S\n]+){{1,3}}"
    rf"(?:(?:{'|'.join(sorted(_ENGLISH_PARTICLES))})[^\S\n]+)+[{UPPER}][\w’'-]+)"
)

_PARTICLE_BEFORE_CAPITAL = lazy_regex.compile(rf"[^\S\n](?:{'|'.join(sorted(_ENGLISH_PARTICLES))})[^\S\n]+[{UPPER}]")


@lru_cache(maxsize=16)
def _name_pattern(particles: frozenset[str]) -> re.Pattern[str]:
    """_NAME, with the name particles of the article's language before a run's last word, the
    surname they belong to ("Luiz Inácio Lula da Silva", "Ursula von der Leyen"); _NAME itself
    without particles (English)."""
    if not particles:
        return _NAME
    space = r"[^\S\n]+"
    capital = rf"(?:{space}(?:[{UPPER}]\.|[{UPPER}][\w’'-]+|{_ARTICLE_SURNAME}))"
    surname = rf"{space}[{UPPER}][\w’'-]+"
    any_particle = "|".join(re.escape(p) for p in sorted(particles | _SURNAME_PARTICLES, key=len, reverse=True))
    sure = "|".join(sorted(_SURNAME_PARTICLES))
    sure_tail = rf"(?:{space}(?:{sure})(?:{space}(?:{any_particle}|der|den))*{surname})"
    any_tail = rf"(?:(?:{space}(?:{any_particle}))+{surname})"
    return re.compile(
        rf"(?<![\w’'-])((?:[{UPPER}][{LOWER}]{{0,3}}\.|[{UPPER}][{LOWER}’'-]*)"
        rf"(?:{capital}{{1,5}}(?:{sure_tail}|{any_tail})?|{capital}{{0,5}}{sure_tail}?))"
        rf"(?![\w’'-])"
    )


def _names(text: str, words: list[tuple[int, str]], pattern: re.Pattern[str] = _NAME) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)` (_NAME), tried only where a capitalised word
    (`words`, from _capitalised_words) starts, and not inside the previous match."""
    end = 0
    for start, _ in words:
        if start >= end and (m := pattern.match(text, start)):
            end = m.end()
            yield m


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


def _word_count(text: str, word: str) -> int:
    """How often `word` is written in `text` as a word of its own."""
    return len(re.findall(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text))


_NAME_SUFFIXES = frozenset("Jr Sr II III IV".split())
# Words of a party or a chamber written before a name as a title is ("House Republican Thomas
# Massie"): no part of the name.
_AFFILIATIONS = frozenset("house senate republican republicans democrat democrats democratic gop congressional".split())


def _is_suffix(word: str) -> bool:
    """A generational suffix ("Jr.", "III,"), as a name's last word is written."""
    return word.rstrip(".,") in _NAME_SUFFIXES


_SURNAME_TITLES = frozenset("king major judge".split())  # titles that are surnames too: "Peter King"
# The last word of a place's name, not a person's ("Hall" and "Park" are surnames too).
_PLACE_NAME_HEADS = PLACE_HEADS - {"hall", "park"}
# ... but not after these: "Capitol Hill", "Central Park", "Carnegie Hall" are places.
_SURNAME_PLACE_HEADS = frozenset("hill hills park hall".split())
_PLACE_QUALIFIERS = frozenset(
    """capitol central city town state national memorial independence carnegie hyde notting
    beverly gorky chapel olympic royal liberty union constitution freedom battery""".split()
)


@lru_cache(maxsize=8192)
def _person_name(
    match: str, function_words: AbstractSet[str] = frozenset(), particles: AbstractSet[str] = frozenset()
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(titles, name tokens) of a capitalised run that may name a person ("President Donald
    Trump's" -> (("president",), ("Donald", "Trump"))), or None when it cannot. A pure function of
    the run, cached: an article names the same people again and again. Whether a one-word name
    without a title in the run counts depends on the words before it (the caller's test)."""
    raw = match.split()
    # Title words before the name, written inside the match ("President Donald Trump").
    titles = _cut_titles(raw)
    while len(raw) > 1 and is_title_word(raw[0]):
        titles.append(raw.pop(0).lower())  # "Bundeskanzlerin Angela Merkel", "Finanzminister Christian Lindner"
    if len(raw) > 1 and raw[0].lower() == "the":
        return None  # "The Shelton Weekly", "The New Haven Register": a person's name takes no article
    if raw and len(raw) > 1 and len(raw[0]) > 5 and raw[0].lower().endswith("ing"):
        raw.pop(0)  # "Criticizing Iowa ...": a sentence-initial participle
    if len(raw) > 1 and raw[0].lower() in _INVERTING:
        raw.pop(0)  # "Stated Stone:", "Said Dorothy Poynter": a sentence-initial speech verb
    while raw and (
        _strip_possessive(raw[0]).lower() in _LEADING_NON_NAME | LEADING_WORDS or raw[0].lower() in function_words
    ):
        # "To Frank ...", "Not Like Donald", "Here’s Clinton", "Según Sánchez", in a Portuguese
        # article "Mas Lula": a sentence-initial function word
        raw.pop(0)
    raw = [w for w in raw if w.lower().rstrip(".") not in ("the",)]
    for n in (2, 1):
        if len(raw) > n + 2 and raw[n].lower() in _AFFILIATIONS and state_named(" ".join(raw[:n])) is not None:
            del raw[:n]  # "Florida Republican Marco Rubio", "New Hampshire Democrat Jeanne Shaheen": whose state
            break
    while len(raw) > 2 and raw[0].lower() in _AFFILIATIONS:
        raw.pop(0)  # "House Republican Thomas Massie", "Democrat Hillary Clinton": whose side, then the name
    suffix: list[str] = []
    if len(raw) > 1 and _word(raw[-1]) in _PERSON_TITLES - _SURNAME_TITLES and not _is_suffix(raw[-1]):
        return None  # "Former Arkansas Rep." Asa Hutchinson, "Texas Gov.": the words before a title name no one
    while raw and (
        (_word(raw[-1]) in _PERSON_TITLES and not (len(raw) > 1 and _word(raw[-1]) in _SURNAME_TITLES))
        or _is_suffix(raw[-1])
    ):
        if _is_suffix(raw[-1]) and len(raw) > 1:
            suffix.insert(0, raw[-1].rstrip(","))  # kept in the name, not its key: Jesse Jackson Jr.
        raw.pop()
    while len(raw) > 1 and _is_acronym(raw[-1]) and not all(_is_acronym(w) for w in raw):
        raw.pop()  # "Glenn Beck CPAC 2010 Speech": a headline's acronym after the name
    if raw and _strip_possessive(raw[-1]).lower() in ORGANISATION_HEADS | _PLACE_NAME_HEADS:
        return None  # "Florissant Valley" is a place, "Human Rights Watch" an organisation
    if len(raw) > 1 and _strip_possessive(raw[-1]).lower() == "church" and raw[-2].lower() in CHURCH_DENOMINATIONS:
        return None  # "Roman Catholic Church": no "he" stands for it
    if (
        len(raw) == 2
        and _strip_possessive(raw[1]).lower() in _SURNAME_PLACE_HEADS
        and raw[0].lower() in _PLACE_QUALIFIERS
    ):
        return None  # "Capitol Hill", "Central Park": no Mr. Hill, no Mr. Park
    while raw and raw[-1].lower() in _NON_PERSON:
        raw.pop()
    if not raw or any(_strip_possessive(w).lower().strip(".’'") in _NON_PERSON for w in raw):
        return None  # "It's About the Money!" (a book) is nobody
    tokens = tuple(_strip_possessive(w) for w in raw)
    if len(tokens[-1].lower()) < 2:
        return None
    return tuple(titles), tuple(_name_tail(tokens, particles)) + tuple(suffix)


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff-]+")
_PATRONYMIC = re.compile(r"(?:вич|вна|ична|ичн|ич)$")


def _name_tail(tokens: Sequence[str], particles: AbstractSet[str] = frozenset()) -> Sequence[str]:
    """A name of four words or more: "Safe Streets Group Mike Elliott", "Pro Tem David Long" are
    words before a name that are no listed title; the name is its last two words (three with a
    middle initial). Particles inside a name ("Luiz Inácio Lula da Silva") are no words of their
    own: such a name is kept whole up to four capitalised words, else from its last four."""
    if particles and any(t in particles for t in tokens):
        capitals = [n for n, t in enumerate(tokens) if t not in particles]
        return tokens[capitals[-4] :] if len(capitals) > 4 else tokens
    if len(tokens) == 3 and _CYRILLIC_WORD.fullmatch(tokens[0]) and not _PATRONYMIC.search(tokens[1]):
        # "России Сергей Лавров" (Russia's minister Sergei Lavrov): a Russian name of three words
        # has a patronymic in the middle ("Владимир Владимирович Путин")
        return tokens[1:]
    if len(tokens) >= 4:
        tail = tokens[-3:] if re.fullmatch(r"[A-Z]\.", tokens[-2]) else tokens[-2:]
        # "Casually Conflates Ted Cruz With George" (a headline's words): no name runs across a
        # preposition or a conjunction: those words are left out
        return [w for w in tail if w.lower() not in _LEADING_NON_NAME] or tail
    return tokens


def _is_acronym(word: str) -> bool:
    """An organisation's or an event's acronym ("CPAC", "NAACP"), not a generational suffix."""
    letters = _strip_possessive(word).rstrip(".,")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper() and not _is_suffix(word)


def _core(tokens: Sequence[str]) -> Sequence[str]:
    """A name without its generational suffix ("Thomas M. Davis III" -> Thomas M. Davis); its
    last word is the surname every mention is keyed by."""
    n = len(tokens)
    while n > 1 and _is_suffix(tokens[n - 1]):
        n -= 1
    return tokens[:n]


def surname(name: str) -> str:
    """A speaker's surname: the last word of the name without its generational suffix
    ("Jesse L. Jackson Jr." -> "Jackson"); "" for an empty name."""
    tokens = name.split()
    return _core(tokens)[-1] if tokens else ""


def _subject_pronoun(sentence: str) -> str:
    """The sentence's first word, or the first after an opening phrase whose name is an object
    ("Saying President Obama, he said ...": "he")."""
    first = _first_word(sentence)
    if first in _OBJECT_LEADS and "," in sentence:
        return _first_word(sentence[sentence.index(",") + 1 :])
    if first in _LEADING_CONJUNCTIONS:
        # "And he put an unusual twist on ...": the pronoun after the conjunction is the subject
        second = _FIRST_WORD.match(sentence)
        return _first_word(sentence[second.end() :]) if second else first
    return first


_LEADING_CONJUNCTIONS = frozenset("and but so yet".split())


def _first_word(sentence: str) -> str:
    m = _FIRST_WORD.match(sentence)
    return m.group(1).lower() if m else ""


# Words that open a phrase whose name is an object ("Of Obama, he said"), not a clause whose
# subject the pronoun may be ("After Obama arrived, he said").
# Prepositions opening a phrase before the pronoun's clause: its names are objects ("In an
# interview with Joe Scarborough, she said").
_PHRASE_LEADS = frozenset("in at during with from amid despite following".split())
_OBJECT_LEADS = frozenset(
    "of about on regarding asked saying calling praising criticizing criticising speaking like unlike".split()
)
# Words that open a subordinate clause before the main one ("If ..., Beck stood out").
_SUBORDINATORS = frozenset("if when whenever although though while because since unless once as after before".split())


# A speaking "they" (SpeakerResolver._plural_antecedent): how many sentences back its group may
# be named, and how many in a row may go on about something else.
_THEY_REACH = 12
_THEY_QUIET = 3
_THEY_WORDS = frozenset("they their them".split())
# Heads of a noun phrase naming a group of people who speak together.
_GROUP_HEADS = frozenset(
    """officials lawmakers legislators senators congressmen representatives governors mayors
    candidates leaders members scholars researchers scientists economists experts analysts
    professors critics advocates activists protesters organizers bishops authors democrats
    republicans groups organizations organisations companies firms unions investigators
    prosecutors lawyers attorneys aides advisers advisors strategists pollsters executives
    supporters opponents""".split()
)
# Words of a noun phrase before a group's head: determiners, numbers, and the usual modifiers
# ("all 42 members", "five past and present Missouri Republican senators", "senior
# administration officials").
_GROUP_MODIFIERS = frozenset(
    """the some several all many most both these those other two three four five six seven eight
    nine ten dozens hundreds thousands few more top senior former past present and local state
    federal foreign leading prominent fellow administration government party campaign
    intelligence military police civil rights religious conservative liberal progressive
    advocacy""".split()
)
# Words after which a noun phrase opens a clause: a conjunction or a subordinator ("after five
# Missouri senators urged", "but they cite"); not "and" ("a bill giving illegal immigrant
# students and military members a pathway").
_CLAUSE_OPENERS = frozenset("but yet so then while when after before because since as that though although".split())
# Lower-case words that may stand before two names as their modifier ("state Senate President
# Pro Tem David Long and House Speaker Brian Bosma").
_PAIR_MODIFIERS = frozenset("state former both fellow".split())


def _group_modifier(token: str) -> bool:
    """A word that may stand in a group's noun phrase before its head: a capitalised word, a
    number or a listed modifier ("all 42", "Missouri Republican", "senior administration")."""
    return token[:1].isupper() or token.isdigit() or _word(token) in _GROUP_MODIFIERS


def _opens_clause(toks, n: int) -> bool:
    """Whether toks[n] opens a clause: it is the first, or comes after punctuation, a
    conjunction or a subordinator (after a modifier of a name: "state Senate President ...");
    not after a preposition or a verb, whose object it is. By index: a search for the token by
    its position, per name, made a long sentence's "they" cubic in its length."""
    while n > 0 and _word(toks[n - 1][0]) in _PAIR_MODIFIERS:
        n -= 1
    if n == 0:
        return True
    before = toks[n - 1][0]
    if _word(before) in ("and", "or"):
        return n > 1 and toks[n - 2][0] in ",;"  # ", and officials said": a clause of its own
    return not before[:1].isalnum() or _word(before) in _CLAUSE_OPENERS


def _token_index(toks) -> dict[int, int]:
    """The index in `toks` of the (first) token starting at each position."""
    index: dict[int, int] = {}
    for n, token in enumerate(toks):
        index.setdefault(token[1], n)
    return index


def _object_lead(word: str) -> bool:
    """A word opening a phrase whose names are objects, not the subject after the comma: a
    listed one, or a participle ("Amplifying the Romney campaign message, he said")."""
    return word in _OBJECT_LEADS or (len(word) > 5 and word.endswith("ing"))


_FIRST_WORD = re.compile(r"[\s\"“‘'(]*([^\W\d_]+)\b")


def _name_after_role(words: list[str]) -> str | None:
    """The name ending a phrase that opens with a role in lower case ("the company's chief
    security officer Joe Sullivan", "The Washington Post reporter Robert Costa"): "Joe Sullivan"."""
    n = len(words)
    while n > 0 and words[n - 1][:1].isupper():
        n -= 1
    if n == 0 or len(words) - n < 2 or len(words) - n > 4:
        return None
    role = _word(words[n - 1])
    singular = role[:-1] if role.endswith("s") else role
    if not (role in _ROLE_NOUNS or role in _PERSON_TITLES or singular.endswith(_AGENT_SUFFIXES)):
        return None
    if any(_word(w) in _PERSON_TITLES | _NON_PERSON for w in words[n:]):
        return None  # "the group's President Ben Jealous": titles are cut by full_name itself
    return " ".join(words[n:])


def _name_after_adjectives(words: list[str]) -> str | None:
    """The name ending an article and adjectives in lower case ("an angry Hollande", "a
    visibly irritated Donald Trump"): "Hollande"; None when the capitals name no person ("the
    conservative Washington Times")."""
    n = len(words)
    while n > 0 and words[n - 1][:1].isupper():
        n -= 1
    if n < 2 or n == len(words) or words[0].lower() not in ("a", "an", "the"):
        return None
    if any(_word(w) in _ROLE_NOUNS | _PERSON_TITLES or w.endswith(("'s", "’s")) for w in words[1:n]):
        return None  # a role, or whose: "the company's founder Joe", left to _name_after_role
    name = " ".join(words[n:])
    return name if _person_name(name) is not None else None


def _name_after_possessive(words: list[str]) -> str | None:
    """The name after whose it is ("Twitter’s Adam Sharp", "NRSC's Brian Walsh"): "Adam Sharp";
    None without a possessive before a capitalised name."""
    n = max((k for k, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))), default=-1)
    if n < 0 or not all(w[:1].isupper() for w in words[n + 1 :]):
        return None
    name = " ".join(words[n + 1 :])
    return name if _person_name(name) is not None else None


def _last_clause(toks) -> int:
    """Where the last of a sentence's coordinated clauses starts among `toks`: after ", and",
    ", but" or ";" when a capitalised word or a subject pronoun opens it ("An executive ...
    called Ms. Brewer, and W. Douglas Parker ... sent her a letter, saying “...”": Parker's
    clause); 0 when there is none."""
    for n in range(len(toks) - 2, 0, -1):
        tok = toks[n][0]
        if tok == ";" or (
            _word(tok) in ("and", "but") and toks[n - 1][0] == "," and n > 1 and toks[n - 2][0].islower()
        ):
            # (a name before the comma lists names: "by Nebraska’s attorney general, Jon
            # Bruning, and Oklahoma’s attorney general")
            nxt = toks[n + 1][0]
            if nxt[:1].isupper() or _word(nxt) in SUBJECT_PRONOUNS:
                return n + 1
    return 0


def _agent_noun(token: str) -> bool:
    """A lower-case noun that names who does something: a listed role ("campaign", "official")
    or an agent's ending ("user", "protester")."""
    if not token[:1].islower():
        return False
    w = _word(token)
    singular = w[:-1] if w.endswith("s") and not w.endswith("ss") else w
    return w in _ROLE_NOUNS or singular in _ROLE_NOUNS or (len(w) > 3 and singular.endswith(("er", "or", "ist", "ian")))


class _MentionKeys(dict[str, str]):
    """A capitalised word -> the person key it mentions (possessive cut, lower case): worked
    out once per word in a process, not at each of its uses in every article."""

    def __missing__(self, word: str) -> str:
        key = _name_key(word)
        if len(self) < 200_000 and len(word) <= 64:  # a hostile 20,000-letter word is not kept
            self[word] = key
        return key


_MENTION_KEYS = _MentionKeys()


def _title_gender(titles: list[str]) -> bool | None:
    """True when a title is a woman's ("Mrs.", "Congresswoman"), False when a man's, else None."""
    if any(t in _FEMALE_TITLES for t in titles):
        return True
    if any(t in _MALE_TITLES for t in titles):
        return False
    return None


_NONE_EXCLUDED: Mapping[str, AbstractSet[str] | None] = {}


# How far past the token a step of SpeakerResolver._group_scan goes on from it may read, and 2
# more: a step of a longer stretch of a sentence ending so far before a shorter stretch's end is
# the same step there.
_GROUP_LOOKAHEAD = 8
# Characters no name (_name_pattern) holds: a match begun before one ends at it at the latest.
_NAME_BARRIERS = ',;"“”()\n'


class _TheyStretch:
    """A sentence's text[lo:end], read once for what _plural_antecedent reads of text[lo:upper]
    for each speaking "they" in it (upper <= end): its tokens, the steps of its scan for groups,
    its names and which of them pair up. A stretch up to `upper` holds the tokens that end by
    `upper` (when no token runs over it), the scan's steps that read no token past it (the
    scan goes on from the last of those over toks[:upper's count]), the names that begin
    before the last character before `upper` no name holds (the names after it are looked for
    again), and which pairs name two persons: each pair is resolved once (resolving adds the
    persons' names, add_person), in the order the "they"s read them; resolving every pair again
    for each "they" was quadratic in the number of pairs."""

    def __init__(self, resolver: SpeakerResolver, lo: int, end: int):
        self.lo, self.end = lo, end
        raw = _tokens(resolver.text, lo, end)
        self.raw_starts = [t[1] for t in raw]
        self.raw_ends = [t[2] for t in raw]
        self.toks = [t for t in raw if not resolver.inside_quote(t[1])]
        self.starts = [t[1] for t in self.toks]
        self.token_at = _token_index(self.toks)
        they = [n for n, t in enumerate(self.toks) if _word(t[0]) in _THEY_WORDS]
        self.first_they = they[0] if they else len(self.toks)
        self.steps = resolver._group_scan(self.toks, 0, len(self.toks))
        self.step_ends = [k_next for _, k_next, _ in self.steps]
        # per step: the phrases found by it and the steps before (a set shared while it holds one)
        self.step_phrases: list[frozenset[str]] = []
        phrases: frozenset[str] = frozenset()
        for _, _, found in self.steps:
            if found and found[1] not in phrases and len(phrases) < 2:
                phrases = phrases | {found[1]}
            self.step_phrases.append(phrases)
        self.names = resolver._names_outside_quotes(lo, end)
        self.name_starts = [m.start() for m in self.names]
        # the index of each name that the next one joins and that opens a clause
        self.pair_firsts = [
            n
            for n, (first, second) in enumerate(zip(self.names, self.names[1:]))
            if resolver._joined(first, second) and resolver._pair_opens_clause(self.toks, self.token_at, first)
        ]
        # per pair of pair_firsts resolved so far: the phrases of it and the pairs before (up to two)
        self.pair_phrases: list[frozenset[str]] = []
        self.resolved: dict[tuple[int, ...], str | None] = {}  # the names' spans -> both, resolved

    def read(self, resolver: SpeakerResolver, upper: int) -> tuple[set[str], bool] | None:
        """(the phrases found in text[lo:upper], whether a "they" word is there); None when a
        token runs over `upper` or `upper` is past the stretch."""
        if upper > self.end:
            return None
        raw = bisect.bisect_left(self.raw_starts, upper)
        if raw and self.raw_ends[raw - 1] > upper:
            return None
        size = bisect.bisect_left(self.starts, upper)
        phrases = set(self._group_phrases(resolver, size)) | self._pair_phrases(resolver, upper)
        return phrases, self.first_they < size

    def _group_phrases(self, resolver: SpeakerResolver, size: int) -> frozenset[str] | set[str]:
        """The group phrases _group_antecedents finds in toks[:size] (up to two distinct: more
        tell nothing more)."""
        done = bisect.bisect_right(self.step_ends, size - _GROUP_LOOKAHEAD)
        phrases = self.step_phrases[done - 1] if done else frozenset()
        resume = self.step_ends[done - 1] if done else 0
        next_head = self.steps[done][0] if done < len(self.steps) else len(self.toks)
        resume = max(resume, min(next_head, size - _GROUP_LOOKAHEAD))  # skips tokens no step reads as a head
        rest = [found[1] for _, _, found in resolver._group_scan(self.toks, resume, size) if found]
        return phrases | set(rest) if rest else phrases

    def _pair_phrases(self, resolver: SpeakerResolver, upper: int) -> set[str]:
        """The phrases of the pairs of names _pair_antecedents resolves in text[lo:upper] (of
        the pairs before the last barrier, up to two distinct: more tell nothing more)."""
        barrier = max(resolver.text.rfind(c, self.lo, upper) for c in _NAME_BARRIERS)
        if barrier < 0:
            barrier = self.lo
        kept = bisect.bisect_left(self.name_starts, barrier)
        count = bisect.bisect_left(self.pair_firsts, kept - 1)
        while len(self.pair_phrases) < count:  # the pairs no "they" read before, in order
            n = self.pair_firsts[len(self.pair_phrases)]
            before = self.pair_phrases[-1] if self.pair_phrases else frozenset()
            both = self._resolved(resolver, self.names[n], self.names[n + 1])
            if both is not None and both not in before and len(before) < 2:
                before = before | {both}
            self.pair_phrases.append(before)
        phrases = set(self.pair_phrases[count - 1]) if count else set()
        tail = resolver._names_outside_quotes(barrier, upper)
        joined = ([self.names[kept - 1]] if kept else []) + tail
        for first, second in zip(joined, joined[1:]):
            if resolver._joined(first, second) and resolver._pair_opens_clause(self.toks, self.token_at, first):
                both = self._resolved(resolver, first, second)
                if both is not None:
                    phrases.add(both)
        return phrases

    def _resolved(self, resolver: SpeakerResolver, first: re.Match[str], second: re.Match[str]) -> str | None:
        """Both persons of a pair of names, resolved the first time a "they" reads it; None
        when the pair does not name two persons."""
        key = (*first.span(1), *second.span(1))  # a name cut short by `upper` is another pair
        if key not in self.resolved:
            found = resolver._pairs_resolved([(first, second)])
            self.resolved[key] = found[0][1] if found else None
        return self.resolved[key]


class _TitledWith:
    """The names titled with one role (SpeakerResolver._titled_persons' rows holding it), for
    _titled_person to ask, for any position, which one person was titled so before it: the rows
    before each position summed once (asking the rows again per role phrase was quadratic in
    the number of titled names)."""

    def __init__(self, rows: list[tuple[int, frozenset[str], bool, str, str]]):
        rows = sorted(rows, key=lambda t: t[0])  # stable: rows at one position keep their order
        self.positions = [t[0] for t in rows]
        # per count of rows taken, for all of them and for those titled "former" or not: (rows,
        # the one surname key or None for several, the row with the longest name, the last of those)
        self.sums: dict[bool | None, list[tuple[int, str | None, tuple | None]]] = {}
        for kind in (None, False, True):
            sums: list[tuple[int, str | None, tuple | None]] = [(0, None, None)]
            for row in rows:
                count, key, best = sums[-1]
                if kind is None or row[2] == kind:
                    key = row[4] if count == 0 else (key if key == row[4] else None)
                    best = (
                        row if best is None or (len(row[3].split()), row[0]) > (len(best[3].split()), best[0]) else best
                    )
                    count += 1
                sums.append((count, key, best))
            self.sums[kind] = sums

    def phrase_before(self, pos: int, former: bool) -> str | None:
        """The name as written of the one person titled so before `pos`, the longest way it is
        written (the latest of those), of those titled "former" when `former` (else of those not)
        if any, else of all; None when none or several were."""
        taken = bisect.bisect_left(self.positions, pos)
        count, key, best = self.sums[former][taken]
        if count == 0:
            count, key, best = self.sums[None][taken]
        if count == 0 or key is None or best is None:
            return None
        return best[3]


class SpeakerResolver:
    """Resolves pronouns, generic phrases and surnames against the rest of the article."""

    def __init__(
        self,
        text: str,
        quote_regions: list[tuple[int, int]],
        sentences: SentenceMap | None = None,
        function_words: frozenset[str] = frozenset(),
        particles: frozenset[str] = frozenset(),
    ):
        self.text = text
        # The particles names carry in the article's language ("da", "von", "de la"), when not
        # English: "Luiz Inácio Lula da Silva" is one name, not "Luiz Inácio Lula" and "Silva".
        self.particles = particles
        self._name_re = _name_pattern(particles)
        # The function words of the article's language when not English (its stop words:
        # attribution_languages.AttributionWords.function_words): capitalised as a sentence's
        # first word ("Quando", "Mas Lula"), they name no one, as English stop words do not.
        self.function_words = function_words
        self.regions = sorted(quote_regions)
        self._region_starts = [a for a, _ in self.regions]
        self._built = False  # persons and mentions are found on first use
        self._persons: dict[str, list[str]] = {}  # surname -> usual full name tokens
        self._forms: dict[str, dict[tuple, int]] = {}  # surname -> {name form: count}
        self._suffixes: dict[tuple, tuple] = {}  # name form -> its generational suffix ("Jr.",)
        self._head_phrases: dict[str, list[tuple[int, int, str]]] = {}
        self._mentions: list[tuple[int, str]] = []  # (position, surname key)
        self._positions: list[int] = []
        self._mention_set: set[int] = set()
        self._first_mention: dict[str, int] | None = None  # surname key -> its first mention's position
        self._they_stretches: dict[int, _TheyStretch] = {}  # by start: see _they_before
        # (position, what it stands for) of each speaking "it" resolved, in order: see _nearest_thing
        self._things_said: list[tuple[int, str]] = []
        self._titled_by_role: dict[str, _TitledWith] = {}
        self._titled_role_heads: frozenset[str] | None = None
        self._state_tags_by_title: dict[str, dict[str, dict[str, str]]] = {}
        self._untitled_tags: dict[str, dict[str, str]] | None = None  # see _untitled_party_tags
        self._first_mention_version = 0  # changed with _first_mention, for _state_tags_named
        self._state_tags_named_by_title: dict[str, tuple[int, tuple[float, dict[str, list[tuple[int, str]]]]]] = {}
        self._female: set[str] = set()
        self._male: set[str] = set()
        self._maybe_male: set[str] = set()  # surnames with a first name not known as a woman's
        self._sentence_map = sentences
        self._lower_words: set[str] | None = None  # the words the text writes in lower case
        self._titled: list[tuple[int, frozenset[str], bool, str, str]] | None = None
        self._particle_names: dict[str, list[str]] = {}  # English: surname key -> "Charles de Gaulle"
        # {paragraph start: end of the headline opening it} in a digest (quotes._headline_leads):
        # a clause's subject is never read from its item's headline.
        self.headline_ends: Mapping[int, int] = {}

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
        self._built = True
        mentions: list[tuple[int, str]] = []
        text = self.text
        words = _capitalised_words(text)  # read by both passes
        credits: list[tuple[int, int]] = []
        inside = {word for start, word in words if not opens_sentence(text, start)}
        for m in _names(text, words, self._name_re):
            if self.inside_quote(m.start()):
                continue
            if m.start() >= 2 and text[m.start() - 1] == "." and _COUNTRY_ABBREVIATION.match(text, m.start() - 2):
                continue  # the "S. Internet" of "U.S. Internet companies" ("George H.W. Bush" still names him)
            if _credited(text, m):
                credits.append(m.span(1))  # "Neilson Barnard via Getty Images.": who took the photo
                continue
            run = m.group(1)
            # "Both Bolton and Gorka saw", "Maybe Trump is", "Hacker Guccifer:": no first name
            # before the surname, but a surname all the same, unless _person_name drops the
            # word anyway ("In Florida": a place, "But AARP": no person)
            surname_alone = False
            if self._opening_word(text, m.start(1), run, inside):
                whole = _person_name(run, self.function_words, self.particles)
                surname_alone = whole is not None and len(_core(whole[1])) >= 2
                run = run.split()[1]
            run = _after_department(text, m.start(1), run)
            name = _person_name(run, self.function_words, self.particles)
            if name is None:
                continue
            titles, tokens = name
            if len(_core(tokens)) < 2 and not titles and not surname_alone and not self._title_before(m.start()):
                continue
            if not titles and self._after_place_preposition(m.start()) and not m.group(1).endswith(("'s", "’s")):
                continue  # "a speech in San Jose": a place ("in Obama's speech" still names him)
            if len(tokens) >= 3 and self._after_complement_particle(m.start()):
                tokens = tokens[1:]  # "del Consiglio Giuseppe Conte": the role's complement, then the name
            key = _name_key(_core(tokens)[-1])
            self._add_form(key, tokens)
            before = self._before_particle(tokens)
            if before:
                self._add_form(before.lower(), tokens)  # "Lula" alone is Luiz Inácio Lula da Silva too
            if len(tokens) >= 2 and tokens[0].lower() in _FEMALE or (titles and titles[0] in _FEMALE_TITLES):
                self._female.add(key)
            if titles and titles[0] in _MALE_TITLES:
                self._male.add(key)
            elif len(tokens) >= 2 and tokens[0].lower() not in _FEMALE | _EITHER_GENDER:
                self._maybe_male.add(key)  # "Jesse Jackson", beside "Sandra Jackson"
        persons = self._persons = {key: self._best_form(key) for key in self._forms}
        self._find_particle_names(words)
        if persons:
            keys = _MENTION_KEYS
            in_credit = set()
            for a, b in credits:
                n = bisect.bisect_left(words, (a,))
                while n < len(words) and words[n][0] < b:
                    in_credit.add(words[n][0])
                    n += 1
            for start, word in words:
                key = keys[word]
                if key in persons and not self.inside_quote(start) and start not in in_credit:
                    mentions.append((start, key))
        self._mentions = mentions
        self._positions = [p for p, _ in mentions]
        self._mention_set = set(self._positions)

    def _opening_word(self, text: str, start: int, run: str, inside: AbstractSet[str]) -> bool:
        """Whether the first of the two words of a capitalised run is an ordinary word
        capitalised only as its sentence's first ("Both Bolton and Gorka saw", "Maybe Trump
        is", "(See Sexton’s timeline below.)"): a stop word or a word the article writes in lower
        case, which it never capitalises inside a sentence (as it does a first name: "Sen. Mark
        Warner"), and no title ("President Obama")."""
        words = run.split()
        first, word = words[0], _word(words[0])
        if len(words) != 2 or first in inside or word in _PERSON_TITLES or is_title_word(first):
            return False  # a longer run opens with a title more often ("Majority Whip Kevin McCarthy")
        if word in _NP_DETERMINERS:
            return False  # "The Daily Courier": no person's name, whatever follows the article
        if not opens_sentence(text, start):
            return False
        if self._lower_words is None:
            self._lower_words = {m.group().casefold() for m in _LOWER_WORD.finditer(self.text)}
        return word in STOPWORDS or word in self._lower_words

    def _find_particle_names(self, words: list[tuple[int, str]]) -> None:
        """The English names with a particle before the surname (_PARTICLE_NAME), by surname key:
        the most frequent form of each."""
        counts: dict[str, dict[tuple[str, ...], int]] = {}
        if not _PARTICLE_BEFORE_CAPITAL.search(self.text):
            return  # most articles: no particle before a capital at all
        for m in _names(self.text, words, _PARTICLE_NAME):
            if self.inside_quote(m.start()):
                continue
            name = _person_name(m.group(1), frozenset(), _ENGLISH_PARTICLES)
            if name is None:
                continue
            tokens = name[1]
            first = next((n for n, t in enumerate(tokens) if t in _ENGLISH_PARTICLES), 0)
            if first == 0 or len(tokens) < 3:
                continue  # "In de Blasio's ...": no capitalised word of the name before its particle
            forms = counts.setdefault(_name_key(tokens[-1]), {})
            forms[tokens] = forms.get(tokens, 0) + 1
        self._particle_names = {
            key: list(max(seen.items(), key=lambda item: (item[1], len(item[0])))[0]) for key, seen in counts.items()
        }

    def _name_words(self, form: Sequence[str]) -> int:
        """How many words a name form has, its particles not counted ("von der Leyen": one)."""
        return len(form) - sum(t in self.particles for t in form) if self.particles else len(form)

    def _before_particle(self, tokens: Sequence[str]) -> str | None:
        """The capitalised word before a name's first particle ("Lula" of "Luiz Inácio Lula da
        Silva"), which the name is also known by; None without a particle."""
        n = next((n for n, t in enumerate(tokens) if t in self.particles), 0) if self.particles else 0
        return tokens[n - 1] if n > 0 else None

    def _add_form(self, key: str, tokens: Sequence[str]) -> None:
        forms = self._forms.setdefault(key, {})
        core = _core(tokens)
        # counted without a suffix: "Jesse Jackson Jr." is "Jesse Jackson"; a name with a
        # particle ("Luiz Inácio Lula da Silva") is kept as _name_tail cut it
        form = tuple(core) if self._before_particle(core) else tuple(core[-3:])
        forms[form] = forms.get(form, 0) + 1
        if len(core) < len(tokens):
            self._suffixes[form] = tuple(t if t.endswith(".") or t.isupper() else t + "." for t in tokens[len(core) :])

    def _best_form(self, key: str) -> list[str]:
        """The usual full form of a name: the most frequent of 2-3 words, else the longest."""
        forms = self._forms[key]
        multi = [(n, -len(f), f) for f, n in forms.items() if self._name_words(f) >= 2]
        if multi:
            return self._suffixed(max(multi)[2])
        longest: tuple = max(forms, key=len)
        return self._suffixed(longest)

    def _suffixed(self, form: tuple) -> list[str]:
        return list(form + self._suffixes.get(form, ()))

    def _after_place_preposition(self, pos: int) -> bool:
        before = self.text[max(0, pos - 12) : pos].split()
        return bool(before) and before[-1] in PLACE_ONLY_PREPOSITIONS

    def _after_complement_particle(self, pos: int) -> bool:
        before = self.text[max(0, pos - 8) : pos].split()
        return bool(before) and before[-1].lower() in COMPLEMENT_PARTICLES

    def _title_before(self, pos: int) -> bool:
        before = self.text[max(0, pos - 30) : pos].split()
        return bool(before) and _word(before[-1]) in _PERSON_TITLES

    def add_person(self, name: str, pos: int) -> None:
        """A named speaker found by attribution is a person too."""
        if not self._built:
            self._build_persons()
        tokens = name.split()
        _cut_titles(tokens)
        last = len(tokens) - 1
        tokens = [
            t.rstrip(",")
            for n, t in enumerate(tokens)
            if _word(t) not in _PERSON_TITLES or (n == last and n > 0 and _word(t) in _SURNAME_TITLES)
        ]
        if not tokens or not tokens[-1][:1].isupper() or tokens[0].lower() == "the":
            return  # "The Shelton Weekly": a person's name takes no article (a title cut above does)
        if all(t[:1].isupper() for t in tokens):
            tokens = list(_name_tail(tokens))  # "Senate President Pro Tem David Long": David Long
        key = _name_key(_core(tokens)[-1])
        if key in _NON_PERSON:
            return
        self._add_form(key, [_strip_possessive(t) for t in tokens])
        self._persons[key] = self._best_form(key)
        if pos not in self._mention_set:
            i = bisect.bisect_left(self._positions, pos)
            self._positions.insert(i, pos)
            self._mentions.insert(i, (pos, key))
            self._mention_set.add(pos)
            if self._first_mention is not None and pos < self._first_mention.get(key, pos + 1):
                self._first_mention[key] = pos
                self._first_mention_version += 1

    def _form_for(self, key: str, female: bool | None) -> list[str] | None:
        """The usual full name for a surname, for a woman (True), a man (False) or anyone
        (None): "Mrs. Clinton" is Hillary Clinton when the article names her, however often it
        names Bill Clinton. Without a form that fits (a first name not known to be a woman's,
        "Haley Morris"), the usual one."""
        person = self._persons.get(key)
        if person is None or female is None:
            return person
        fits = [
            (n, -len(f), f)
            for f, n in self._forms.get(key, {}).items()
            if self._name_words(f) >= 2 and (f[0].lower() in _FEMALE) == female
        ]
        if fits:
            return self._suffixed(max(fits)[2])
        return None if female is False else person  # "Mr. Obama" is not "Malia Obama"

    def names_person(self, name: str, besides: tuple[int, int] | None = None) -> bool:
        """Whether `name` ends a name the article writes in full ("Песков", "Дмитрий Песков" of
        Дмитрий Песков), and, given `besides` (a mention's span), writes `name` outside it too:
        "Дмитрия Пескова" read as a name where it is the mention is no person of its own."""
        if not self._built:
            self._build_persons()
        tokens = [t.lower() for t in name.split()]
        if not tokens:
            return False
        forms = self._forms.get(tokens[-1], {})
        if not any(self._name_words(f) >= 2 and [t.lower() for t in f[-len(tokens) :]] == tokens for f in forms):
            return False
        if besides is None:
            return True
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", self.text):
            if m.end() <= besides[0] or m.start() >= besides[1]:
                return True
        return False

    def full_name(self, mention: str) -> str:
        if not self._built:
            self._build_persons()
        tokens = mention.split()
        titles = _cut_titles(tokens)
        tokens = list(_core(tokens))
        if not tokens:
            return mention
        if all(t[:1].isupper() for t in tokens):
            tokens = list(_name_tail(tokens))
        key = _name_key(tokens[-1])
        person = self._form_for(key, _title_gender(titles))
        particled = self._particle_names.get(key)
        if (
            particled
            and (person is None or sum(t not in _ENGLISH_PARTICLES for t in _core(person)) == 1)
            and tokens[-1][:1].isupper()
            and all(t in _ENGLISH_PARTICLES for t in tokens[:-1])
            and [_name_key(t) for t in particled[-len(tokens) :]] == [_name_key(t) for t in tokens]
        ):
            return " ".join(particled)  # "Gaulle" (of "de Gaulle said"), "Mr. de Blasio": the full name
        core = _core(person) if person else []
        # A name with a particle is also known by its words up to it ("Lula" of "Luiz Inácio
        # Lula da Silva") and written with its particle ("Lula da Silva").
        before = self._before_particle(core) if person else None
        ends = [core, core[: core.index(before) + 1]] if before else [core]
        if (
            person
            and len(tokens) <= 3 + len([t for t in tokens if t in self.particles])
            and all(t[:1].isupper() or t in self.particles or _ARTICLE.match(t) for t in tokens)
        ):
            if any(
                len(end) >= len(tokens)
                and [_ARTICLE.sub("", t.lower()) for t in end[-len(tokens) :]]
                == [_ARTICLE.sub("", t.lower()) for t in tokens]  # "Assad" of "Bashar al-Assad"
                for end in ends
            ):
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
        both = self._coordinated_names(mention, pos, clause_end)
        if both is not None:
            return both
        if low == "his":
            low = "he"  # "His response:": the one "he" would be
        if low in ("he", "she", "him", "her"):
            female = low in ("she", "her")
            excluded = self._keys_named(pos, clause_end) if clause_end else {}
            found = self._nearest_person(pos, female=female, excluded=excluded)
            return found or mention
        if low in ("it", "its"):
            thing = self._nearest_thing(pos)
            if thing is None:
                return mention
            bisect.insort(self._things_said, (pos, thing))
            return thing
        if low == "they":
            return self._plural_antecedent(pos) or mention
        if low in PRONOUNS:
            return mention
        if words and words[0].lower() == "the" and 2 <= len(words) <= 5:
            of_state = self._official_of_state(words, pos)
            if of_state is not None:
                return of_state or mention
            titled = self._titled_person(words, pos)
            if titled:
                return titled
            described = self._described_person(words, pos, clause_end)
            if described:
                return described
        if words and words[0].lower() == "the" and len(words) <= 4 and not any(w[:1].isupper() for w in words[1:]):
            fuller = self._fuller_mention(words[-1], pos, len(words))
            if fuller:
                return fuller
            return mention
        if any(_word(w) in _ROLE_PREPOSITIONS and _role_head(words[n - 1]) for n, w in enumerate(words) if n):
            return mention  # "a lawyer for Mr. Grimm", "a spokesman for Third Way": not Grimm, not Third Way
        if words and (words[-1][:1].isupper() or _ARTICLE.match(words[-1])):
            # "the company's chief security officer Joe Sullivan" is Joe Sullivan ("al-Assad":
            # Bashar al-Assad)
            name = _name_after_role(words) or _name_after_adjectives(words) or _name_after_possessive(words) or mention
            self.add_person(name, pos)
            return self._namesake_named_before(name, pos) or self.full_name(name)
        return mention

    def _namesake_named_before(self, name: str, pos: int) -> str | None:
        """The full name a bare surname stands for when the article names two people with it
        (Bill and Hillary Clinton) and the sentence before, or this one, names one of them: "Bill
        Clinton spoke with voters ... Clinton said" is Bill Clinton, however often Hillary Clinton
        is named. None otherwise."""
        if len(name.split()) != 1:
            return None
        key = _name_key(name)
        if len({form[-2].lower() for form in self._forms.get(key, {}) if len(form) >= 2}) < 2:
            return None
        sentence_map = self.sentence_map()
        si = sentence_map.index_at(pos)
        lo = sentence_map.sentences[si - 1].start if si >= 1 else 0
        a = bisect.bisect_left(self._positions, lo)
        b = bisect.bisect_left(self._positions, pos)
        named = [p for p, mention_key in self._mentions[a:b] if mention_key == key]
        if not named:
            return None
        # The one a speech verb follows ("former president Bill Clinton said his wife Hillary
        # Clinton ...", "Chelsea Clinton announced"), else the first ("Mark Mattioli, whose
        # son, James Mattioli, was killed ... Mattioli praised" is Mark); named in full or not.
        speaking = [p for p in named if self._speaks_at(p, pos)]
        return self._form_named_at((speaking or named)[0], key)

    def _coordinated_names(self, mention: str, pos: int, clause_end: int | None) -> str | None:
        """Two people named together ("Mr. Udall and Mr. Wyden", "Trump and Ryan"): each
        resolved ("Mark Udall and Ron Wyden"); None for any other mention, and unless both
        surnames are of persons the article names in full ("Procter and Gamble")."""
        first, sep, second = mention.partition(" and ")
        if not sep or " and " in second or not (first[:1].isupper() and second[:1].isupper()):
            return None
        if not all(self.names_person(_strip_possessive(part.split()[-1])) for part in (first, second)):
            return None  # "Oversight and Government Reform Committee spokesman Ali Ahmad": one person
        return self.resolve(first, pos, clause_end) + " and " + self.resolve(second, pos, clause_end)

    def _plural_antecedent(self, pos: int) -> str | None:
        """The people a speaking "they" at `pos` stands for: the group ("The Georgetown scholars",
        "five ... Missouri Republican senators", "Critics") or the two persons ("Mr. Udall and
        Mr. Wyden") that open a clause in the nearest sentence naming any, this one before the
        pronoun or an earlier one. A sentence going on about "they" carries the chain further
        back ("They examined ... they concluded ..."), two sentences naming no one do not. None
        when that sentence names more than one, or none is found: "they" is left as written."""
        sentence_map = self.sentence_map()
        sentences = sentence_map.sentences
        si = sentence_map.index_at(pos)
        upper = pos
        quiet = 0  # sentences in a row that neither name a group nor go on about one
        for s_index in range(si, max(-1, si - _THEY_REACH), -1):
            lo = sentences[s_index].start if s_index >= 0 else 0
            if s_index == si:
                lo = max(lo, self.text.rfind("\n", 0, pos) + 1)
            lo = min(lo, upper)
            read = self._they_before(lo, upper, s_index) if s_index == si >= 0 else None
            if read is None:
                toks = [t for t in _tokens(self.text, lo, upper) if not self.inside_quote(t[1])]
                found = self._pair_antecedents(toks, lo, upper) + self._group_antecedents(toks)
                phrases = {phrase for _, phrase in found}
                goes_on = any(_word(t[0]) in _THEY_WORDS for t in toks)
            else:
                phrases, goes_on = read
            if phrases:
                return next(iter(phrases)) if len(phrases) == 1 else None
            if goes_on:
                quiet = 0
            else:
                quiet += 1
                if quiet > _THEY_QUIET:
                    return None
            upper = lo
            if lo <= 0:
                break
        return None

    def _pair_antecedents(self, toks, lo: int, hi: int) -> list[tuple[int, str]]:
        """(position, both resolved) of two persons named together that open a clause in
        text[lo:hi] ("On Friday, Mr. Udall and Mr. Wyden released ...": "Mark Udall and Ron
        Wyden"); not two named after a preposition ("a study they wrote with Daron Acemoglu and
        Brendan Price")."""
        names = self._names_outside_quotes(lo, hi)
        token_at: dict[int, int] | None = None  # made for the first two names joined by "and"
        pairs = []
        for first, second in zip(names, names[1:]):
            if not self._joined(first, second):
                continue
            token_at = _token_index(toks) if token_at is None else token_at
            if self._pair_opens_clause(toks, token_at, first):
                pairs.append((first, second))
        return self._pairs_resolved(pairs)

    def _names_outside_quotes(self, lo: int, hi: int) -> list[re.Match[str]]:
        return [m for m in self._name_re.finditer(self.text, lo, hi) if not self.inside_quote(m.start(1))]

    def _joined(self, first: re.Match[str], second: re.Match[str]) -> bool:
        """Whether two names are joined by "and", the second not a possessive."""
        return self.text[first.end(1) : second.start(1)] == " and " and not second.group(1).endswith(("'s", "’s"))

    @staticmethod
    def _pair_opens_clause(toks, token_at: Mapping[int, int], first: re.Match[str]) -> bool:
        n = token_at.get(first.start(1))
        return n is not None and _opens_clause(toks, n)

    def _pairs_resolved(self, pairs) -> list[tuple[int, str]]:
        """(position, both resolved) of each pair of names, in order, that names two persons."""
        found = []
        for first, second in pairs:
            both = self._coordinated_names(first.group(1) + " and " + second.group(1), first.start(1), None)
            if both is not None:
                found.append((first.start(1), both))
        return found

    def _they_before(self, lo: int, upper: int, s_index: int) -> tuple[set[str], bool] | None:
        """What _plural_antecedent reads in text[lo:upper], a speaking "they"'s own sentence
        up to it: (the phrases of the groups and pairs of persons opening a clause there, whether
        a "they" word is there); read from the sentence's stretch from `lo`, tokenised and
        scanned once (_TheyStretch) for every "they" in it: per "they", reading its sentence
        again made one long sentence of many quotations quadratic in its length. None when
        text[lo:upper] cannot be read from the stretch (a token runs over `upper`)."""
        stretch = self._they_stretches.get(lo)
        if stretch is None:
            end = self.text.find("\n", lo)
            end = min(len(self.text) if end < 0 else end, self.sentence_map().sentences[s_index].end)
            stretch = self._they_stretches[lo] = _TheyStretch(self, lo, max(end, lo))
        return stretch.read(self, upper)

    def _group_antecedents(self, toks) -> list[tuple[int, str]]:
        """(position, phrase) of each noun phrase naming a group of people that opens a clause
        in `toks` ("The Georgetown scholars", "all 42 members of the GOP caucus", "Critics and
        supporters of the bill": both groups)."""
        return [found for _, _, found in self._group_scan(toks, 0, len(toks)) if found]

    def _group_scan(self, toks, k: int, size: int) -> list[tuple[int, int, tuple[int, str] | None]]:
        """_group_antecedents' scan of toks[:size] from toks[k]: per head of a group's phrase,
        (its token, the token the scan goes on from, (position, phrase) when the phrase opens a
        clause, else None). A step reads no token past the one it goes on from by more than
        _GROUP_LOOKAHEAD - 2."""
        steps: list[tuple[int, int, tuple[int, str] | None]] = []
        while k < size:
            if not self._group_head_at(toks, k, size):
                k += 1
                continue
            head = first = k
            while first > 0 and _group_modifier(toks[first - 1][0]):
                first -= 1
            while first < k and _word(toks[first][0]) == "and":
                first += 1
            last = k
            while last + 2 < size and _word(toks[last + 1][0]) == "and":
                n = last + 2
                while n < size and n - last < 6 and _group_modifier(toks[n][0]):
                    n += 1
                if not self._group_head_at(toks, n, size):
                    break
                last = n  # "Critics and supporters": one group of both
            k = last + 1
            if not _opens_clause(toks, first):
                steps.append((head, k, None))
                continue
            if first > 0 and toks[first - 1][0] == "," and last + 1 < size and toks[last + 1][0] == ",":
                steps.append((head, k, None))
                continue  # "David Long and Brian Bosma, both Republicans, held": an appositive
            if last + 2 < size and _word(toks[last + 1][0]) == "of":
                # "members of the GOP caucus": the body they belong to is part of the phrase
                n = last + 2
                while n < size and n - last < 6 and (toks[n][0][:1].isupper() or _word(toks[n][0]) == "the"):
                    n += 1
                if n < size and _word(toks[n][0]) in ORGANISATION_HEADS:
                    n += 1
                if n > last + 2 and toks[n - 1][0][:1].isalnum() and _word(toks[n - 1][0]) != "the":
                    last = n - 1
            steps.append((head, k, (toks[first][1], self.text[toks[first][1] : toks[last][2]])))
        return steps

    @staticmethod
    def _group_head_at(toks, k: int, size: int) -> bool:
        """Whether toks[k] (of toks[:size]) is the head of a group's noun phrase ("senators");
        not a title before a name ("Professors Foner and Alba")."""
        return k < size and _word(toks[k][0]) in _GROUP_HEADS and not (k + 1 < size and toks[k + 1][0][:1].isupper())

    def _official_of_state(self, words: list[str], pos: int) -> str | None:
        """The person a state's official named by the state stands for ("the Florida senator",
        "the New Jersey governor"): the one the article titled so with that state before `pos`
        ("Florida Sen. Marco Rubio", "Sen. Marco Rubio (R-Fla.)", "Gov. Chris Christie of New
        Jersey") and named before `pos`; "" when none or several were but the article ties
        someone so titled and named before to a state (another state's senator is not this one);
        None when the phrase names no state's official or no one is titled so with a state (the
        other rules read it)."""
        titles = _STATE_OFFICIAL_TITLES.get(words[-1].lower())
        if titles is None:
            return None
        named = (state_named(" ".join(words[a:b])) for a in range(1, len(words) - 1) for b in (a + 1, a + 2))
        states = {state for state in named if state is not None}
        if len(states) != 1:
            return None
        state = states.pop()
        # A state tag anywhere tells whose state it is (a live blog tags "Sen. Marco Rubio
        # (R-Fla.)" in a later entry); the person must be named before the description.
        first_tagged, by_state = self._state_tags_named(titles)
        tagged = [key for first, key in by_state.get(state, ()) if first < pos]  # two at most
        if len(tagged) == 1:
            return self.full_name(self._state_tags(titles)[tagged[0]][state])
        return "" if first_tagged < pos else None

    def _state_tags_named(self, titles: str) -> tuple[float, dict[str, list[tuple[int, str]]]]:
        """(where the first person titled so with any state is first named, {state: (where,
        surname key) of the two persons titled so with it named first}), of those named at all:
        who is titled so and named before a position, without asking every tagged name."""
        version, found = self._state_tags_named_by_title.get(titles, (-1, None))
        if found is None or version != self._first_mention_version:
            first_named = self._first_named()
            first_tagged = float("inf")
            by_state: dict[str, list[tuple[int, str]]] = {}
            for key, names_by_state in self._state_tags(titles).items():
                first = first_named.get(key)
                if first is None:
                    continue
                first_tagged = min(first_tagged, first)
                for state in names_by_state:
                    by_state[state] = sorted([*by_state.get(state, []), (first, key)])[:2]
            found = (first_tagged, by_state)
            self._state_tags_named_by_title[titles] = (self._first_mention_version, found)
        return found

    def _state_tags(self, titles: str) -> dict[str, dict[str, str]]:
        """The names the text titles so (`titles`) with a state, outside quotations: surname key ->
        {state: the first name tagged with it}. Read once per title: per description, the text's
        scan made many descriptions quadratic in its length."""
        found = self._state_tags_by_title.get(titles)
        if found is None:
            found = {}
            pattern, at = _state_tag_pattern(titles), 0
            while m := pattern.search(self.text, at):
                named = _tag_state(m)
                # A word before the title that is no state ("When Sen. Marco Rubio (R-Fla.)")
                # leaves the title to be read again from the next word on, tag and all.
                at = m.start("before") + 1 if named is None and m.group("before") else m.end()
                if named is None or self.inside_quote(m.start()):
                    continue
                name = m.group("name") or m.group("name2")
                found.setdefault(_name_key(_core(name.split())[-1]), {}).setdefault(named, name)
            if titles in (_STATE_OFFICIAL_TITLES[office] for office in _CONGRESS_TITLES):
                for key, names_by_state in self._untitled_party_tags().items():
                    for state, name in names_by_state.items():
                        found.setdefault(key, {}).setdefault(state, name)
            self._state_tags_by_title[titles] = found
        return found

    def _untitled_party_tags(self) -> dict[str, dict[str, str]]:
        """The names the text writes without a title but with a party tag, outside quotations:
        surname key -> {state: the first name tagged with it} ("Marco Rubio, R-Fla., said"). Read
        once: each office of Congress asks."""
        if self._untitled_tags is not None:
            return self._untitled_tags
        found: dict[str, dict[str, str]] = {}
        self._untitled_tags = found
        for m in _UNTITLED_PARTY_TAG.finditer(self.text):
            named = state_of_party_tag(m.group("abbr"))
            name = _untitled_tag_name(m.group("name"))
            if named is None or name is None or self.inside_quote(m.start()):
                continue
            found.setdefault(_name_key(_core(name.split())[-1]), {}).setdefault(named, name)
        return found

    def _first_named(self) -> dict[str, int]:
        """Surname key -> the position of its first mention: a person is named before `pos` when
        that is below it (what _keys_named(0, pos) holds, without reading every mention per
        question). Kept up to date by add_person."""
        if not self._built:
            self._build_persons()
        if self._first_mention is None:
            self._first_mention = {}
            for p, key in self._mentions:
                self._first_mention.setdefault(key, p)
        return self._first_mention

    def _described_person(self, words: list[str], pos: int, clause_end: int | None) -> str | None:
        """The person a description of a public figure stands for ("the Texas governor", "the
        presidential hopeful", "the 43-year-old", "the gambling tycoon"): the one a pronoun there
        would stand for, named in this sentence or the three before; None for a role the article
        titles someone with (that is _titled_person's: several hold it) or another role ("the
        press secretary")."""
        head = words[-1].lower()
        if not (head in _DESCRIBED_PERSONS or _AGE.fullmatch(head)):
            return None
        if any(w.lower() in _OTHER_ROLE_MODIFIERS or w.endswith(("'s", "’s")) for w in words[1:-1]):
            return None  # "the deputy mayor", "the company's chairman": another person
        if head in self._titled_heads():
            return None  # several titled so: which one is not for a guess
        excluded = self._keys_named(pos, clause_end) if clause_end else {}
        headline_end = self.text.find("\n") + 1  # a headline's capitals name no one for sure
        return self._nearest_person(pos, female=None, excluded=excluded, reach=4, floor=headline_end)

    def _nearest_thing(self, pos: int) -> str | None:
        """What a speaking "it" at `pos` stands for: a document or an organisation named before
        it, outside quotations, never a person. Like a pronoun's person: the first one named in
        the nearest sentence naming one, this one or the two before ("The cable also warned that
        the brigade ... It said": the cable). A sentence whose speaking "it" stood for a thing
        names it too: a chain of "“...,” it said." goes on with the thing named before it."""
        sentence_map = self.sentence_map()
        si = sentence_map.index_at(pos)
        hi = pos
        for s_index in range(si, max(-1, si - 3), -1):
            lo = max(sentence_map.starts[s_index] if s_index >= 0 else 0, pos - 1200)
            phrase = self._first_thing(lo, hi) or self._thing_said_in(lo, hi)
            if phrase or lo <= 0:
                return phrase
            hi = lo
        return None

    def _thing_said_in(self, lo: int, hi: int) -> str | None:
        """What the last speaking "it" resolved in text[lo:hi] stands for, or None."""
        n = bisect.bisect_left(self._things_said, (hi,))
        if n and self._things_said[n - 1][0] >= lo:
            return self._things_said[n - 1][1]
        return None

    def _first_thing(self, lo: int, hi: int) -> str | None:
        toks = _tokens(self.text, lo, hi)
        for k, (tok, start, end) in enumerate(toks):
            word = _word(tok)
            letters = tok.replace(".", "")
            acronym = 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
            if not (word in SPEAKING_THINGS or (acronym and letters.lower() not in NOT_ORGANISATIONS)):
                continue
            if self.inside_quote(start) or word.endswith(("'s", "’s")):
                continue  # "the company's statement": the phrase goes on
            while k + 1 < len(toks) and _word(toks[k + 1][0]) in SPEAKING_THINGS:
                k += 1  # "the Senate committee", "a campaign statement"
            tok, _, end = toks[k]
            # Back to the phrase's determiner ("a statement", "the official White House briefing
            # transcript"), or over the capitals naming it ("Slate magazine").
            first = k
            while first > 0 and k - first < 6:
                before = toks[first - 1][0]
                w = _word(before)
                if not before[:1].isalnum() or w in _NP_BREAK or self.inside_quote(toks[first - 1][1]):
                    break
                if w in _NP_DETERMINERS or w in _POSSESSIVES or w.endswith(("'s", "’s")):
                    first -= 1
                    break
                if not before[:1].isupper() and k - first >= 3:
                    break
                first -= 1
            while (
                first < k
                and not (toks[first][0][:1].isupper() or _word(toks[first][0]) in _NP_DETERMINERS | _POSSESSIVES)
                and not _word(toks[first][0]).endswith(("'s", "’s"))
            ):
                first += 1  # "issued a statement": not the verb before it
            return self.text[toks[first][1] : end].rstrip(".")
        return None

    def _titled_person(self, words: list[str], pos: int) -> str | None:
        """The person a role phrase stands for ("the congressman", "the Texas governor", "the
        former vice president"): the one person the article titled so before `pos` ("Rep. Bob
        Etheridge"), in its headline or a quotation too; None when none or several were."""
        head = words[-1].lower()
        role = head
        if head in ("president", "minister") and words[-2].lower() in ("vice", "prime"):
            role = f"{words[-2].lower()} {head}"  # "the vice president", "the prime minister"
        if role not in ROLE_TITLES or any(w.lower() in _OTHER_ROLE_MODIFIERS for w in words[1:-1]):
            return None  # "the press secretary", "the deputy mayor": another role
        former = any(w.lower() == "former" for w in words)
        phrase = self._titled_with(role).phrase_before(pos, former)
        if phrase is None:
            return None
        return phrase if phrase.split()[0].lower().rstrip(".") in _PERSON_TITLES else self.full_name(phrase)

    def _titled_with(self, role: str) -> _TitledWith:
        titled = self._titled_by_role.get(role)
        if titled is None:
            titled = self._titled_by_role[role] = _TitledWith([t for t in self._titled_persons() if role in t[1]])
        return titled

    def _titled_heads(self) -> frozenset[str]:
        """The last words of the roles the article titles anyone with ("governor")."""
        if self._titled_role_heads is None:
            self._titled_role_heads = frozenset(r.split()[-1] for t in self._titled_persons() for r in t[1])
        return self._titled_role_heads

    def _titled_persons(self) -> list[tuple[int, frozenset[str], bool, str, str]]:
        """(position, roles, titled "former", name as written, surname key) of every titled name
        in the text, quotations and headline included: "Congressman Michael Grimm"."""
        if self._titled is not None:
            return self._titled
        text = self.text
        titled = []
        headline_end = text.find("\n") if "\n" in text else 0  # no line break: no headline
        for m in _names(text, _capitalised_words(text)):
            run = m.group(1)
            before = text[max(0, m.start() - 30) : m.start()].split()
            department = len(before) >= 2 and before[-1] == "of" and before[-2] in _OF_TITLES
            if department:
                run = run.partition(" ")[2]  # "Secretary of State Hillary Clinton": not "State"
            name = _person_name(run) if run else None
            if name is None:
                continue
            titles, tokens = name[0], list(name[1])
            written = [w for w in run.split() if _word(w) in _PERSON_TITLES]
            if department and not titles:
                titles = (_word(before[-2]),)
                written = [before[-2]]
                del before[-2:]
            elif not titles and before and before[-1][:1].isupper() and _word(before[-1]) in _PERSON_TITLES:
                titles = (_word(before[-1]),)  # "North Carolina Rep. Bob Etheridge": a run ends at "Rep."
                written = [before.pop()]
            if not titles or not written:
                continue
            run_words = run.split()
            last_title = max((n for n, w in enumerate(run_words) if _word(w) in _PERSON_TITLES), default=0)
            if any(_word(w) in _OTHER_ROLE_MODIFIERS for w in before[-1:] + run_words[:last_title]):
                continue  # "White House Press Secretary Josh Earnest", "Deputy Mayor ...": another role
            key = _core(tokens)[-1]
            if m.start() < headline_end:
                # A headline runs on in capitals ("Congressman Michael Grimm Threatens Reporter"):
                # the name is the longest run after the title whose last word the article names
                # again; a word named only there is likelier a headline's ("Governor Appoints
                # Ex-Aide").
                words = [_strip_possessive(w.rstrip(",")) for w in run.split()]
                _cut_titles(words)
                key = ""
                for k in range(min(len(words), 4), 0, -1):
                    word = words[k - 1].rstrip(".")
                    if word.lower() not in _NON_PERSON and _word_count(text, word) >= 2:
                        key, tokens = word, words[:k]
                        break
                if not key:
                    continue
            if "vice" in titles:
                roles = frozenset({"vice president"})
            elif "minister" in titles:
                # "Prime Minister Benjamin Netanyahu" is the prime minister; "Foreign Minister
                # Sergei Lavrov" is no role a phrase resolves to
                prime = "prime" in (w.lower() for w in before[-1:] + run_words[:last_title])
                roles = frozenset({"prime minister"} if prime else ())
            else:
                roles = frozenset(r for r, ts in ROLE_TITLES.items() if ts.intersection(titles))
            former = "former" in titles or (bool(before) and before[-1].lower() == "former")
            if len(tokens) > 1:
                phrase = " ".join(tokens)  # resolved like any name: "Michael Grimm"
            else:
                # "President Obama": a surname alone says more with its title (and the usual
                # full name for it could be a daughter's, "Malia Obama")
                phrase = f"{written[-1]} {tokens[0]}"
            if roles:
                titled.append((m.start(), roles, former, phrase, key.lower()))
        self._titled = titled
        return titled

    def _keys_named(self, lo: int, hi: int) -> dict[str, set[str] | None]:
        """The persons named in text[lo:hi]: surname key -> the full names named, when a first
        name or a title tells which of those bearing the surname it is ("her husband, former
        President Bill Clinton": Bill Clinton, not Hillary Clinton), else None (any of them)."""
        if not self._built:
            self._build_persons()
        a = bisect.bisect_left(self._positions, lo)
        b = bisect.bisect_left(self._positions, hi)
        named: dict[str, set[str] | None] = {}
        for p, key in self._mentions[a:b]:
            form = self._form_named_at(p, key)
            if form is None or named.get(key, set()) is None:
                named[key] = None
            else:
                named.setdefault(key, set()).add(form)  # type: ignore[union-attr]
        return named

    def _form_named_at(self, pos: int, key: str) -> str | None:
        """The full name of the person a surname at `pos` names, when the words written before
        it on its line tell which one: a first name of one of the article's forms of the name
        ("Bill Clinton"), or a title of one sex ("Mrs. Clinton"); None when they do not."""
        form, sex = self._named_at(pos, key)
        if form is None and sex is not None:
            form = self._form_for(key, sex)
            if form and (len(form) < 2 or (form[0].lower() in _FEMALE) != sex):
                form = None  # "Mrs. Clinton" where only Bill Clinton is named in full: which one is not known
        return " ".join(form) if form else None

    def _named_at(self, pos: int, key: str) -> tuple[list[str] | None, bool | None]:
        """(the form of the name, the sex: True for a woman) the words written right before a
        surname at `pos` tell: a first name of one of the article's forms of the name ("Bill
        Clinton": that form, sex unknown unless the first name is a woman's), or a title ("Mrs.
        Clinton": no form, a woman)."""
        line_lo = self.text.rfind("\n", 0, pos) + 1
        before = self.text[max(line_lo, pos - 60) : pos].split()
        for form in self._forms.get(key, {}):
            if len(form) >= 2 and [_word(w) for w in before[-(len(form) - 1) :]] == [w.lower() for w in form[:-1]]:
                return self._suffixed(form), (True if form[0].lower() in _FEMALE else None)
        return None, (_title_gender([_word(before[-1])]) if before else None)

    def _pronoun_form(self, key: str, female: bool | None) -> list[str]:
        """The full name a pronoun ("she": female True, "he": False) or a description (None)
        stands for when its antecedent is a mention of the surname `key`."""
        sex = female or (False if female is False and key in self._female else None)
        return self._form_for(key, sex) or self._persons[key]

    def _excluded(self, key: str, female: bool | None, excluded: Mapping[str, AbstractSet[str] | None]) -> bool:
        """Whether an antecedent with the surname `key` for a pronoun of this sex is one of the
        persons `excluded` (from _keys_named): its surname is named there with no first name or
        title, or the full name it stands for is."""
        if key not in excluded:
            return False
        names = excluded[key]
        return names is None or " ".join(self._pronoun_form(key, female)) in names

    def _nearest_person(
        self,
        pos: int,
        female: bool | None,
        excluded: Mapping[str, AbstractSet[str] | None] = _NONE_EXCLUDED,
        reach: int = 25,
        floor: int = 0,
    ) -> str | None:
        """The person a pronoun at `pos` stands for ("he": female False, "she": True), or a
        description of no known sex ("the Texas governor": None), within `reach` sentences."""
        if not self._built:
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
        # A description ("the gambling tycoon") goes on from either pronoun's chain.
        own = {True: {"she"}, False: {"he"}, None: {"he", "she"}}[female]
        # "Her office claims the bill would keep Social Security solvent.": whose office it is,
        # the same person again, opens the sentence
        own_lead = own | {{"she": "her", "he": "his"}[p] for p in own}
        for s_index in range(si, max(-1, si - reach), -1):
            lo = sentences[s_index].start if s_index >= 0 else 0
            if upper <= floor:
                break
            lo = max(lo, floor)
            if s_index < si and s_index >= 0 and self._sentence_subject(sentences[s_index]) in own_lead:
                # "He said Obama was wrong.": the sentence's subject is the same "he" again, the
                # person it names is not; the chain goes on to an earlier sentence.
                upper = lo
                continue
            own_lo = max(lo, self.text.rfind("\n", 0, pos) + 1)  # the pronoun's own sentence
            if s_index == si and own_lo < pos and self._leading_subject(own_lo, pos) in own:
                # "He said he met Bill Jones, and he added, “...”": the second "he" is the
                # first, whoever else the sentence names before it
                upper = lo
                continue
            first = lo
            lead = _first_word(self.text[own_lo:pos])
            if s_index == si and _object_lead(lead):
                # "Of Obama, he said", "Saying President Obama, he said": a name in the phrase
                # opening the pronoun's own clause is its object, not the pronoun's antecedent
                first = max(lo, self.text.rfind(",", own_lo, pos))
            elif s_index == si and lead in _PHRASE_LEADS:
                # "In an interview with Joe Scarborough, she said": so is one in a prepositional
                # phrase up to its comma ("In an appeal ..., Gov. Rick Perry ... vows to end what
                # he calls": Perry is named after it)
                first = max(lo, self.text.find(",", own_lo, pos))
            a = bisect.bisect_left(positions, first)
            b = bisect.bisect_left(positions, upper)
            candidates = [
                key
                for p, key in self._mentions[a:b]
                if self._fits(key, female)
                and (female is None or self._named_at(p, key)[1] in (None, female))  # "he" is not "Mrs. Clinton"
                and not self._excluded(key, female, excluded)
            ]
            if candidates and s_index < si and _first_word(sentences[s_index].text) in _SUBORDINATORS:
                # "If last year's speech - by Rush Limbaugh - was ..., Beck's stood out.": the
                # main clause after the comma names the one a later "he" goes on about
                comma = self.text.find(", ", lo, upper)
                main = [key for p, key in self._mentions[a:b] if p > comma >= 0 and key in candidates]
                if comma >= 0 and _first_word(self.text[comma + 2 : upper]) in own:
                    # "While Adelson didn't say ..., he did say he found Trump charming", "Though
                    # he did not mention Rubio by name, he made it clear": the main clause's
                    # subject is the same pronoun again; the chain goes on to an earlier sentence
                    upper = lo
                    continue
                candidates = main or candidates
            if len(set(candidates)) > 1:
                # "After the murder of Father Jacques Hamel, Trump asserted that ...: “...,” he
                # claimed": the one the sentence has speak is the one who goes on speaking
                speaking = [key for p, key in self._mentions[a:b] if key in candidates and self._speaks_at(p, upper)]
                if not speaking and female is None:
                    # "One month after backing Donald Trump, Marco Rubio still believes ...":
                    # a description stands for the sentence's subject
                    speaking = [
                        key for p, key in self._mentions[a:b] if key in candidates and self._subject_at(p, upper)
                    ]
                candidates = speaking or candidates
            if candidates:
                # a description ("the candidate"): the usual form
                return " ".join(self._pronoun_form(candidates[0], female))
            upper = lo
        return None

    def _speaks_at(self, pos: int, hi: int) -> bool:
        """Whether the name mentioned at `pos` is the subject of a speech verb right after it
        ("Trump asserted", "Rubio also said", "Cruz shot back"), before `hi`."""
        toks = _tokens(self.text, pos, min(hi, pos + 120))
        k = 1
        while k < len(toks) and toks[k][0][:1].islower() and _word(toks[k][0]) in _VERB_ADVERBS:
            k += 1
        return k < len(toks) and not toks[k][0].endswith("ing") and _verb_at(toks, k)

    def _subject_at(self, pos: int, hi: int) -> bool:
        """Whether the name mentioned at `pos` is followed by a finite verb ("Rubio still
        believes", "Adelson declined"): not a modifier ("the Obama administration")."""
        before = self.text[max(0, pos - 12) : pos].split()
        if before and _word(before[-1]) in _NP_DETERMINERS:
            return False
        toks = _tokens(self.text, pos, min(hi, pos + 120))
        k = 1
        while k < len(toks) and toks[k][0][:1].islower() and _word(toks[k][0]) in _VERB_ADVERBS | {"still", "now"}:
            k += 1
        if k >= len(toks) or not toks[k][0][:1].islower():
            return False
        w = _word(toks[k][0])
        return w not in STOPWORDS and (w.endswith(("ed", "es")) or (w.endswith("s") and not w.endswith("ss")))

    def _leading_subject(self, lo: int, pos: int) -> str:
        """The subject pronoun opening text[lo:pos] (the pronoun's own sentence before it), read
        without a quotation that opens it; "" when it opens otherwise."""
        if self.inside_quote(lo):
            i = bisect.bisect_right(self._region_starts, lo) - 1
            lo = min(pos, self.regions[i][1])
            return _subject_pronoun(self.text[lo:pos].lstrip(" ,;:—–-”’\"'"))
        return _subject_pronoun(self.text[lo:pos])

    def _sentence_subject(self, sentence) -> str:
        """The subject pronoun of a sentence read without its quotations: `“...,” she wrote
        above a picture of the Obama daughters.` is hers as much as `She wrote ...`."""
        text = sentence.text
        if self.inside_quote(sentence.start):
            i = bisect.bisect_right(self._region_starts, sentence.start) - 1
            text = self.text[self.regions[i][1] : sentence.end].lstrip(" ,;:—–-”’\"'")
        return _subject_pronoun(text)

    def _fits(self, key: str, female: bool | None) -> bool:
        if female is None:
            return True
        if female:
            return key in self._female or (key not in self._male and not self._female)
        # A surname a woman bears is a man's too when a man is named with it (husband and wife).
        return key not in self._female or key in self._male or key in self._maybe_male

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
                if not toks[k][0][0].isalnum() or w in _NP_BREAK or _ends_sentence(toks[k][0]):
                    k = -1
                    break
                if w in ("a", "an", "the", "one"):
                    break
                k -= 1
            else:
                k = -1  # no determiner within reach: "Former Secretary of State ... spoke. Former Secretary"
            named = self._title_and_name(m)
            if named is not None:
                if named[2]:
                    found.append(named)  # "President Obama" says who "the president" is
                continue  # a title before a name ends no phrase of words before it
            if k < 0:
                continue
            phrase = toks[k : j + 1]
            if _word(phrase[0][0]) not in ("a", "an", "one") and not any(t[0][:1].isupper() for t in phrase[1:]):
                continue
            found.append((m.start(), j - k + 1, text[toks[k][1] : toks[j][2]]))
        return found

    def _title_and_name(self, m: re.Match[str]) -> tuple[int, int, str] | None:
        """When the head word is written as a title before a name: (position, words, phrase)
        for "President Obama" (counted fuller than any generic phrase), or with an empty phrase
        when that name cannot stand for the role; None when the head is no title here."""
        text = self.text
        if not m.group()[:1].isupper():
            return None
        after = re.match(r"[^\S\n]+", text[m.end() : m.end() + 3])
        name = _NAME.match(text, m.end() + after.end()) if after else None
        if name is None or (found := _person_name(name.group(1))) is None:
            return None
        before = text[max(0, m.start() - 20) : m.start()].split()
        if before and before[-1][:1].isupper() and not before[-1].endswith((".", ":", '"', "”")):
            return m.start(), 0, ""  # "Vice President Joe Biden" is not the president
        if text.count(found[1][-1]) < 2:
            return m.start(), 0, ""  # named once, after title-cased words: likelier a headline's
        return m.start(), 1_000, text[m.start() : name.end()]

    def _clause_start(self, lo: int, hi: int) -> int:
        """Where the subject of the clause ending at `hi` is read from: the start of its sentence
        (at most 600 characters back), not before `lo` when the sentence starts later, and not
        inside the digest headline that opens its paragraph ("AUSTRALIAN OLYMPIC TEAM REFUSES TO
        STAY IN OLYMPIC VILLAGE The team cited “...”": no headline word is the subject)."""
        sentence_map = self.sentence_map()
        si = sentence_map.index_at(max(lo, hi - 1))
        if si >= 0:
            lo = max(min(lo, sentence_map.starts[si]), hi - 600)
        if self.headline_ends:
            headline_end = self.headline_ends.get(self.text.rfind("\n", 0, lo) + 1, lo)
            if headline_end <= hi:
                lo = max(lo, headline_end)
        return lo

    def clause_subject(self, lo: int, hi: int, loose: bool = False) -> tuple[str, int, int] | None:
        """The subject of the sentence that ends at `hi`, for "..., saying “...”" (outside quotes).

        The first of: a noun phrase opening the clause and headed by a role ("The billionaire
        businessman", "Band member Flea"), a subject pronoun, or a person named in the article.
        """
        if not self._built:
            self._build_persons()
        lo = self._clause_start(lo, hi)
        toks = [t for t in _tokens(self.text, lo, hi) if not self.inside_quote(t[1])]
        if toks and (_word(toks[0][0]).endswith("ing") or _word(toks[0][0]) in _LEADING_PREPOSITIONS):
            # "Speaking at a town hall in Salem, Trump ..." : the subject follows the comma.
            start = next((n + 1 for n, t in enumerate(toks) if t[0] == ","), 0)
        else:
            start = _last_clause(toks)
        opening = self._opening_phrase(toks, start)
        if opening is not None:
            return opening
        for tok, s, e in toks[start:]:
            w = _word(tok)
            if w in SUBJECT_PRONOUNS:
                return tok, s, e
            if w.endswith("'s"):
                continue  # "Clinton's campaign": a possessive is not the subject
            if tok[:1].isupper() and w in self._persons and not w.endswith("ing"):
                return self._and_name_after(*self._with_name_before(toks, start, s, e, w))
        if loose:
            # A named subject opening the clause ("Pew found that “...”", "The Sanders campaign
            # projects that “...”"): the words before the first lower-case word, if any is a name.
            n = start
            while n < len(toks) and (_word(toks[n][0]) in _CONJUNCTIONS or _word(toks[n][0]) in self.function_words):
                n += 1
            first = n
            while (
                n < len(toks)
                and n - first < 6
                and toks[n][0][:1].isalnum()
                and (toks[n][0][:1].isupper() or _word(toks[n][0]) in ("the", "of"))
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
                and not (n - first == 1 and self._ordinary_word(toks[first][0]))
                and not _NAMING_PASSIVE.search(self.text, toks[n][1], hi)
            ):
                last = n
                while last < len(toks) and last - n < 2 and _agent_noun(toks[last][0]):
                    last += 1  # "One Facebook user who lives ...": the noun the capitals qualify
                if last == len(toks):
                    last = n
                s, e = toks[first][1], toks[last - 1][2]
                return self.text[s:e], s, e
        return None

    def _with_name_before(self, toks, start: int, s: int, e: int, key: str) -> tuple[str, int, int]:
        """The surname at text[s:e] with the titles and names written before it ("Mrs. Clinton",
        "Sen. John Cornyn", "Liz Cheney"): a title or a first name tells whom a surname shared
        in the article stands for."""
        n = next(k for k, t in enumerate(toks) if t[1] == s)
        # The first name of every name the article gives this surname: "Liz Cheney" where
        # "Mary Cheney" is named more often is Liz.
        names = {form[-2].lower() for form in self._forms.get(key, {}) if len(form) >= 2}
        names |= {w.lower() for w in self._persons[key]}
        while (
            n > start
            and toks[n - 1][0][:1].isupper()
            and (_word(toks[n - 1][0]) in _PERSON_TITLES or toks[n - 1][0].lower() in names)
        ):
            n -= 1
        return self.text[toks[n][1] : e], toks[n][1], e

    def _and_name_after(self, phrase: str, s: int, e: int) -> tuple[str, int, int]:
        """The subject text[s:e] with the person named after it by "and" ("Trump and Ryan issued
        a statement"): both are the subject."""
        m = _AND_NAME.match(self.text, e)
        if m is None or _strip_possessive(m.group(1).split()[-1]).lower() not in self._persons:
            return phrase, s, e
        if m.group(1).endswith(("'s", "’s")):
            return phrase, s, e  # "Trump and Ryan's staff": whose staff
        return self.text[s : m.end()], s, m.end()

    def opening_subject(self, lo: int, hi: int) -> tuple[str, int, int] | None:
        """clause_subject (loose) when it opens the clause: nothing before it but an opening
        phrase ("In a riff on his line, they will hold banners proclaiming:"), a conjunction,
        capitals or an article ("The letter goes on:", "Politico reveals a few facts:"); not a
        name or pronoun further in ("a headline from the Post, which hits liberals where they live:")."""
        found = self.clause_subject(lo, hi, loose=True)
        if found is None:
            return None
        lo = self._clause_start(lo, hi)  # where clause_subject reads from
        toks = [t for t in _tokens(self.text, lo, found[1]) if not self.inside_quote(t[1])]
        if toks and (_word(toks[0][0]).endswith("ing") or _word(toks[0][0]) in _LEADING_PREPOSITIONS):
            toks = toks[next((n + 1 for n, t in enumerate(toks) if t[0] == ","), 0) :]
        while toks and _word(toks[0][0]) in _CONJUNCTIONS:
            toks = toks[1:]
        if all(t[0][:1].isupper() or _word(t[0]) in ("the", "a", "an") for t in toks):
            return found
        return None

    def _ordinary_word(self, token: str) -> bool:
        """A capitalised word that is an ordinary word, capitalised only as a sentence's first:
        a stop word, or one the article also writes in lower case ("Federal law makes ...",
        "Another review found ...", "Either managers are ..."), so it names no subject."""
        word = _word(token)
        if word in _POSSESSIVES:
            return False  # "His comments came ...": whose, left to the pronoun's reading
        if word in STOPWORDS or word in self.function_words:
            return True
        if self._lower_words is None:
            self._lower_words = {m.group().casefold() for m in _LOWER_WORD.finditer(self.text)}
        return word in self._lower_words

    def _opening_phrase(self, toks, start: int) -> tuple[str, int, int] | None:
        """A role-headed noun phrase at toks[start:] ("The Florida senator", "Band member Flea")."""
        while start < len(toks) and (
            _word(toks[start][0]) in _CONJUNCTIONS or _word(toks[start][0]) in self.function_words
        ):
            start += 1
        if start < len(toks) and _word(toks[start][0]) in PRONOUNS:
            return None  # "He acknowledged ... the government's statement": he is the subject
        end = min(len(toks), start + 7)
        for n in range(start, end):
            tok = toks[n][0]
            w = _word(tok)
            if not tok[0].isalnum() or (n > start and (w in _NP_BREAK or w in ("a", "an", "the"))):
                return None  # an article starts another noun phrase: "Steele issued a statement"
            if w in self.function_words:
                continue  # German "man" (one) is no role
            if w in _ROLE_NOUNS and n > start or (w in _ROLE_NOUNS and tok[0].isupper()):
                last = n
                # "Band member Flea": a name right after the role belongs to the phrase.
                while (
                    last + 1 < len(toks)
                    and last + 1 - start < 7
                    and (toks[last + 1][0][:1].isupper() or _word(toks[last + 1][0]) in _ROLE_NOUNS)
                ):
                    last += 1
                first = toks[start]
                if not (first[0][0].isupper() or _word(first[0]) in _NP_DETERMINERS):
                    return None
                s, e = first[1], toks[last][2]
                if self._holds_quote(s, e):
                    return None  # the tokens of a quotation were left out between its words
                return self.text[s:e], s, e
        return None

    def _holds_quote(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._region_starts, end - 1) - 1
        return i >= 0 and self.regions[i][1] > start

    def intro(self, pos: int) -> tuple[str, int, int] | None:
        """The speaker of a quotation that opens a sentence or a paragraph with no attribution of
        its own, as the sentence right before it names them: one that ends the paragraph before
        with a colon (`As X observed:`, `His response:`), or one that reports speech, in the
        same paragraph or ending the one before (`..., as the prime minister continues.`,
        `Carter said that the U.S. would stay.`). None when that sentence names no speaker: the
        quotation then goes on from the quotation before it, if any.

        The colon's sentence is read as a sentence running into its quotation is (`X said: “...`):
        the same attribution, wherever the line break falls."""
        found = self._sentence_before(pos)
        speaker = None
        if found is not None:
            lo, end, colon = found
            speaker = self._colon_speaker(lo, end) if colon else self._reporting_speaker(lo, end)
        return speaker if speaker is not None else self._block_intro(pos)

    def _block_intro(self, pos: int) -> tuple[str, int, int] | None:
        """A quotation inside a paragraph that is quoted as a whole (it opens with a quotation
        mark): the speaker the paragraph before introduces with a colon."""
        text = self.text
        line_lo = text.rfind("\n", 0, pos) + 1
        if pos == line_lo or text[line_lo:pos].lstrip()[:1] not in ('"', "“", "«"):
            return None
        found = self._sentence_before(line_lo + len(text[line_lo:pos]) - len(text[line_lo:pos].lstrip()))
        return self._colon_speaker(found[0], found[1]) if found is not None and found[2] else None

    def _sentence_before(self, pos: int) -> tuple[int, int, bool] | None:
        """(start, end, ends in a colon) of the sentence right before a quotation at `pos` that
        opens its sentence: in the same paragraph, or ending the paragraph before when the
        quotation opens its own; `end` is at its final "." or ":". None when there is none, or it
        is inside a quotation."""
        text = self.text
        k = pos
        while k > 0 and text[k - 1].isspace() and text[k - 1] != "\n":
            k -= 1  # spaces, tabs, no-break spaces
        own_paragraph = k == 0 or text[k - 1] == "\n"
        if own_paragraph:
            while k > 0 and text[k - 1].isspace():
                k -= 1
        if k == 0 or text[k - 1] not in ".:" or self.inside_quote(k - 1):
            return None
        colon = text[k - 1] == ":"
        if colon and not own_paragraph:
            return None  # `X said: “...` in one sentence: the quotation's own attribution
        line_lo = text.rfind("\n", 0, k - 1) + 1
        lo = self.sentence_map().start_in(line_lo, k - 1)
        if lo is None:
            return None
        return lo, k - 1, colon

    def _reporting_speaker(self, lo: int, end: int) -> tuple[str, int, int] | None:
        """The speaker a sentence of reported speech names: the subject of its first speech
        verb when that opens the main clause (`Carter said that ...`, `In a statement, Lynch
        announced ...`, `Bolton distanced himself ... by saying ...`), or the one after a verb
        that ends it (`..., as the prime minister continues.`)."""
        text = self.text
        toks = _tokens(text, lo, end)
        last = len(toks) - 1
        if last >= 1 and _word(toks[last][0]) in _INVERTING and _verb_at(toks, last):
            rng = _np_backward(toks, last)
            if rng is not None and self._holds_quote(toks[rng[0]][1], toks[last][1]):
                return None
            if rng is not None and not is_place_or_thing(toks, rng):
                return _span(text, toks, rng)  # `“...” a message on the website reads. “...”`
            # "Bolton distanced himself ... by saying he would serve if asked.": read on
        if self._holds_quote(lo, end):
            return None  # a sentence with a quotation of its own: the next one goes on from it
        for v in range(len(toks)):
            tok = toks[v][0]
            if not _verb_at(toks, v) or (v == 0 and tok.endswith("ing")):
                continue  # "Speaking to reporters, Trump said": the participle's subject comes later
            if _passive(toks, v):
                return None  # "Rubio was asked ...": not Rubio's words
            if tok.endswith("ing") or (v > 0 and _word(toks[v - 1][0]) == "to"):
                found = self.clause_subject(lo, toks[v][1])  # "..., saying", "went on to say"
                return found if found is not None and self._opens_clause(toks, found[1]) else None
            rng = _np_backward(toks, v)
            if rng is None or not _plausible_speaker(toks, rng) or not self._opens_clause(toks, toks[rng[0]][1]):
                return None  # the first speech verb is no main clause's ("The plan Smith said ...")
            return _span(text, toks, rng)
        return None

    @staticmethod
    def _opens_clause(toks, pos: int) -> bool:
        """Whether the token at `pos` opens the sentence's main clause: nothing before it but
        conjunctions, or an opening phrase ended by a comma ("In a statement, Lynch ...")."""
        n = next((n for n, t in enumerate(toks) if t[1] == pos), None)
        if n is None:
            return False
        before = toks[:n]
        return all(_word(t[0]) in _CONJUNCTIONS for t in before) or before[-1][0] == ","

    def _person_like(self, phrase: str) -> bool:
        """Whether a subject phrase names a person: a pronoun, a person the article names, or
        a role ("The president", "A spokeswoman for the group")."""
        words = [_word(w) for w in phrase.split()]
        if not words:
            return False
        if not self._built:
            self._build_persons()
        head = _strip_possessive(words[-1])
        return head in SUBJECT_PRONOUNS or head in self._persons or head in _ROLE_NOUNS

    def _colon_speaker(self, lo: int, end: int) -> tuple[str, int, int] | None:
        """The speaker a sentence ending in a colon introduces, read as when its quotation
        follows on the same line: its speech verb's subject (`As X observed:`, `He then went on
        to say:`), a name before the colon (`Michael P. McDonald:`), whose reply it is (`His
        response:`), or the subject of a sentence that introduces words with no speech verb
        (`President Clinton released the following statement:`)."""
        text = self.text
        found = left_attribution(text, lo, end + 1, self.clause_subject)
        if found is None and has_speech_verb(text, lo, end):
            found = self.clause_subject(lo, end, loose=True)
        if found is None:
            found = colon_attribution(text, lo, end + 1) or possessor_of_reply(text, lo, end)
        if found is None:
            found = self.opening_subject(lo, end)
            if found is not None and not self._person_like(found[0]):
                return None  # "Read the latest updates below:": no one speaks
        if found is not None and found[0] and self._holds_quote(found[1], found[2]):
            return None  # a phrase put together around a quotation's words
        return found
