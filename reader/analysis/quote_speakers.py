"""Attribution of quotations: speech verbs and the speaker's noun phrase (the resolver of who
that is lives in reader.analysis.speaker_resolver, the word lists in attribution_words).

Used by reader.analysis.quotes; pure Python, no UI imports, safe on any string.
"""

from __future__ import annotations

import re

from reader import lazy_regex
from reader.analysis.attribution_words import (
    _ADVERBS,
    _AFTER_VERB_STOP,
    _AGENT_SUFFIXES,
    _BARE,
    _BEFORE_BARE,
    _BEFORE_ING,
    _CAPITAL_BREAK,
    _CONTRACTIONS,
    _DAYS,
    _INVERTING,
    _NAMING_VERBS,
    _NP_BREAK,
    _NP_DETERMINERS,
    _PERSON_TITLES,
    PLACE_HEADS,
    _PLACE_PREPOSITIONS,
    PRONOUNS,
    _ROLE_NOUNS,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    _TIME_LEADS,
    _TIME_NOUNS,
    _TIME_WORDS,
    WRITTEN_THINGS,
)
from reader.analysis.letters import MARKS
from reader.analysis.sentences import _TITLES as _TITLE_ABBREVIATIONS
from reader.analysis.sentences import SentenceMap, split_sentences


# A word of any script ("Лавров", "Łukasz", "Αλέξης" are one word each, not a letter a token),
# with the marks its letters carry.
_TOKEN = re.compile(rf"[^\W_][\w{MARKS}’'.-]*|[,;:()—–]|\S")


def _tokens(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    return [(m.group(), lo + m.start(), lo + m.end()) for m in _TOKEN.finditer(text[lo:hi])]


def _word(token: str) -> str:
    return token.lower().rstrip(".").replace("’", "'")


def _is_verb(token: str) -> bool:
    """A speech verb as written in running text (lower case: "Post" and "States" are names;
    "Tweeted" is a verb however it is written: `Murphy, the head of X, Tweeted on Friday`)."""
    return (token[:1].islower() or token == "Tweeted") and _word(token) in SPEECH_VERBS


_CONTINUE = frozenset("continue continues continued continuing".split())


def _verb_at(toks, v: int) -> bool:
    tok = toks[v][0]
    if _answers_back(toks, v):
        return True
    if not _is_verb(tok) or _used_as_noun(toks, v):
        return False
    if _word(tok) in _CONTINUE and v + 1 < len(toks) and _word(toks[v + 1][0]) in ("to", "with"):
        return False  # "Rubio will continue to be", "continued with the plan": no speech
    w = _word(tok)
    if w in _BARE:
        return v > 0 and _word(toks[v - 1][0]) in _BEFORE_BARE
    if w.endswith("ing") and v > 0:
        # "..., saying", "by calling", "was telling" are verbs; "his unjust labeling" is a noun.
        before = toks[v - 1][0]
        wb = _word(before)
        return (
            not before[0].isalnum()
            or wb in _BEFORE_ING
            or wb.endswith("ly")
            or wb in _UTTERANCES
            or _with_subject(toks, v) is not None
        )
    return True


def _with_subject(toks, v: int) -> tuple[int, int] | None:
    """The subject of a participle after "with" ("with Gorka noting", "with Donald Trump
    reportedly yelling"): a name right before it, adverbs between."""
    j = v
    while j > 0 and toks[j - 1][0][:1].islower() and _word(toks[j - 1][0]).endswith("ly"):
        j -= 1
    i = j
    while i > 0 and j - i < 4 and toks[i - 1][0][:1].isupper() and _np_token_ok(toks[i - 1][0]):
        i -= 1
    return (i, j) if i < j and i > 0 and _word(toks[i - 1][0]) == "with" else None


# Verbs that are speech only with "back" after them: "Trump shot back", "Rubio fired back at
# Christie", "Clinton hit back". "Retaliated" is speech only right next to its quotation
# (`“...,” Hollande retaliated.`, `Hollande retaliated: “...”`): "Russia retaliated with
# sanctions on “unfriendly” states" is no speech.
_BACK_VERBS = frozenset("shot shoots fired fires hit hits struck strikes snapped snaps".split())
_RETORTS = frozenset("retaliated retaliates".split())
# Verbs that are speech with their particle: "he points out", "Smith chimed in", "Trump went on,"
# ("went on" and "goes on" only where the clause ends after them: "the rally went on for hours"
# is no speech).
_PARTICLE_VERBS = {
    "pointed": "out",
    "points": "out",
    "chimed": "in",
    "chimes": "in",
    "weighed": "in",
    "weighs": "in",
    "piped": "up",
    "pipes": "up",
    "went": "on",
    "goes": "on",
}
_CLAUSE_ENDS = frozenset(",:;.")


def _answers_back(toks, v: int) -> bool:
    tok = toks[v][0]
    w = _word(tok)
    if not tok[:1].islower() or v == 0:
        return False  # a subject comes before it ("Shot back" opening a sentence is a headline's)
    if w in _BACK_VERBS:
        return v + 1 < len(toks) and _word(toks[v + 1][0]) == "back"
    if w in _PARTICLE_VERBS:
        if not (v + 1 < len(toks) and _word(toks[v + 1][0]) == _PARTICLE_VERBS[w]):
            return False
        return _PARTICLE_VERBS[w] != "on" or v + 2 == len(toks) or toks[v + 2][0] in _CLAUSE_ENDS
    return w in _RETORTS and (v + 1 == len(toks) or toks[v + 1][0] in (",", ":", ";"))


# "issued a statement saying", "sent a letter saying": what someone issued says it for them.
_UTTERANCES = frozenset("statement statements letter email e-mail message tweet post note memo release".split())


def _np_token_ok(token: str) -> bool:
    w = _word(token)
    if not w or not (w[0].isalnum()):
        return False
    if token[0].isupper():
        return w not in _CAPITAL_BREAK
    return w not in _NP_BREAK and w not in SPEECH_VERBS


def _np_token_at(toks, i: int) -> bool:
    """_np_token_ok, and "state" before a capital: "state Sen. David Long", "state Senate
    President Pro Tem David Long" (a bare speech verb elsewhere: "they state")."""
    return _np_token_ok(toks[i][0]) or (toks[i][0] == "state" and i + 1 < len(toks) and toks[i + 1][0][:1].isupper())


# A party and state after a name, set off by commas: "Sen. John Cornyn, R-TX, said", "Rep.
# Peter King, R-N.Y., who ...". It tags the name before it; it is nobody itself.
_PARTY_TAG = re.compile(r"^[RDI](?:-[A-Z][A-Za-z.]*)?$")


# The longest appositive skipped between a name and its verb: "Elliott Maynard, a Republican
# trying to unseat Representative Nick J. Rahall II of West Virginia’s Third District, said".
_APPOSITIVE_TOKENS = 24


def _np_backward(toks: list[tuple[str, int, int]], end: int) -> tuple[int, int] | None:
    """Token range [i, end) of the noun phrase that ends just before index `end`."""
    # A party tag in parentheses, a comma after it or not: "Rep. Steve King (R-Iowa), tweeted",
    # "House Speaker Paul Ryan (R-Wis.) has pointed out".
    tag_end = end
    while tag_end > 0 and toks[tag_end - 1][0][:1].islower() and _word(toks[tag_end - 1][0]) in _ADVERBS:
        tag_end -= 1
    if tag_end >= 1 and toks[tag_end - 1][0] == ",":
        tag_end -= 1
    if (
        tag_end >= 4
        and toks[tag_end - 1][0] == ")"
        and _PARTY_TAG.match(toks[tag_end - 2][0])
        and toks[tag_end - 3][0] == "("
    ):
        tagged = _np_backward_raw(toks, tag_end - 3)
        if tagged is not None and tagged[0] >= 3 and toks[tagged[0] - 1][0] == ",":
            # "Elizabeth Lauten, the communications director for Rep. Stephen Fincher (R-Tenn.),
            # wrote": the name the appositive is about
            named = _np_backward_raw(toks, tagged[0] - 1)
            if named is not None and _is_name(toks[slice(*named)]):
                return named
        return tagged
    rng = _np_backward_raw(toks, end)
    if rng is not None and rng[1] - rng[0] == 1 and _PARTY_TAG.match(toks[rng[0]][0]):
        i = rng[0]
        if i >= 2 and toks[i - 1][0] == ",":
            return _np_backward_raw(toks, i - 1)
    return rng


def _np_backward_raw(toks: list[tuple[str, int, int]], end: int) -> tuple[int, int] | None:
    j = _before_time_phrase(toks, end)
    # Adverbs and modals in lower case: "Theresa May said" ends in a name, not in "may".
    while j > 0 and toks[j - 1][0][:1].islower():
        w = _word(toks[j - 1][0])
        if (
            w in _ADVERBS
            or (w in _PERCEIVED and j > 1 and _word(toks[j - 2][0]) in _PASSIVE_AUXILIARIES)
            or _manner_adverb(toks, j - 1)
        ):
            j -= 1
        elif w == "to" and j > 1 and _word(toks[j - 2][0]) in _RAISING:
            j -= 2  # "Rubio is expected to say": Rubio
        else:
            break
    i = j
    while (
        i > 0
        and j - i < 8
        and (
            _np_token_at(toks, i - 1)
            or _used_as_noun(toks, i - 1)  # "the report read"
            or (i == j and _word(toks[i - 1][0]) in _BARE and not _verb_at(toks, i - 1))  # "the Post report said"
        )
        and not _ends_sentence(toks[i - 1][0])
        and not (i < j and _word(toks[i - 1][0]) in SUBJECT_PRONOUNS)  # "he defended his recent claims"
    ):
        i -= 1
    if i == j:
        # "Smith, a spokesman for X, said": skip back over an appositive between commas.
        if j > 0 and toks[j - 1][0] == ",":
            k = j - 2
            while k >= 0 and toks[k][0] not in (",", ";", ":") and j - k < _APPOSITIVE_TOKENS:
                k -= 1
            if k >= 1 and toks[k][0] == ",":
                middle = toks[k + 1 : j - 1]
                if _is_name(middle):
                    return k + 1, j - 1  # "A spokesman for the DNC, Brad Woodhouse, said": the name
                rng = _np_backward(toks, k)
                if rng is not None and len(middle) == 1 and _STATE.match(middle[0][0]) and rng[0] >= 2:
                    # "the bishop of Peoria, Ill., said": the town and its state are an address;
                    # the phrase goes on before "of"
                    of = rng[0] - 1
                    if _word(toks[of][0]) == "of" and toks[of - 1][0] == ",":
                        return _np_backward_raw(toks, of - 1)  # "Bishop Daniel Jenky, of Peoria, Ill.,"
                    if _word(toks[of][0]) == "of" and (head := _np_backward_raw(toks, of)):
                        return head[0], rng[1]
                return rng
        return None
    if i >= 2 and _word(toks[i - 1][0]) in ("to", "by") and _participle(toks[i - 2][0]):
        # "the letter addressed to Chairman Darrell Issa reads", "a man interviewed by CNN said",
        # "the statement released by each office said": the phrase the participle qualifies
        head = _np_backward_raw(toks, i - 2)
        if head is not None:
            return head
    if i >= 2 and _word(toks[i - 1][0]) in _ROLE_PREPOSITIONS:
        # "a spokesman for the campaign said", "an adviser to Mr. Reed told": the role the
        # phrase after the preposition qualifies
        head = _np_backward_raw(toks, i - 1)
        if (
            head is not None
            and _role_noun(toks[head[1] - 1][0])
            and _np_start(toks, i, j) is not None
            and not (head[0] > 0 and _word(toks[head[0] - 1][0]) in _PREDICATE_LEADS)
        ):
            return head[0], j
    start = _np_start(toks, i, j)
    return None if start is None else (start, j)


# What may stand before a coordinated subject: the clause's start ("On Friday, Mr. Udall and Mr.
# Wyden said", "- Frank Newport and Jim Harter:"), not a verb or a preposition whose object the
# first name is ("Obama met Putin and Merkel said").
_BEFORE_COORDINATED = frozenset(",:;(—–-")
_LEADING_CONJUNCTIONS = frozenset("but so yet then and".split())


def _coordinated(toks, rng: tuple[int, int] | None) -> tuple[int, int] | None:
    """The two names joined by "and" that the noun phrase toks[rng] ends ("Mr. Udall and Mr.
    Wyden said", "Trump and Ryan issued"): both speak. `rng` itself when it is no second name or
    the first does not open its clause."""
    if rng is None or rng[0] < 2 or _word(toks[rng[0] - 1][0]) != "and" or not toks[rng[1] - 1][0][:1].isupper():
        return rng
    first = _np_backward_raw(toks, rng[0] - 1)
    if first is None or first[1] != rng[0] - 1:
        return rng
    if not all(t[0][:1].isupper() or _word(t[0]) == "the" for t in toks[first[0] : first[1]]):
        return rng  # a name, as written: "Obama met Putin and Merkel said" is no subject "Obama met Putin"
    k = first[0]
    if k > 0 and toks[k - 1][0] not in _BEFORE_COORDINATED and _word(toks[k - 1][0]) not in _LEADING_CONJUNCTIONS:
        return rng
    if not (_plausible_speaker(toks, first) and _plausible_speaker(toks, rng)):
        return rng
    return k, rng[1]


# Nouns in -ly ("her family said", "the rally"): no adverb.
_LY_NOUNS = frozenset("family ally rally assembly supply reply monopoly anomaly bully homily".split())


def _manner_adverb(toks, n: int) -> bool:
    """An adverb in -ly right after a name, before the verb: "Brooke tearfully asked", "Trump
    angrily shot back" (the listed adverbs aside)."""
    w = _word(toks[n][0])
    return (
        len(w) > 4
        and w.endswith("ly")
        and w not in _LY_NOUNS
        and w not in _ROLE_NOUNS
        and n > 0
        and toks[n - 1][0][:1].isupper()
    )


_ROLE_PREPOSITIONS = frozenset("for to at with from".split())
# Words before a predicate's noun phrase: "Swanson, who is a pastor at the church, slammed": not
# the subject.
_PREDICATE_LEADS = frozenset("is was are were be been as who which".split())


def _role_noun(token: str) -> bool:
    """A lower-case noun that can speak: a role ("spokesman", "aides") or a writing ("email")."""
    w = _word(token)
    singular = w[:-1] if w.endswith("s") and not w.endswith("ss") else w
    return token[:1].islower() and (w in _ROLE_NOUNS or singular in _ROLE_NOUNS)


def _role_head(token: str) -> bool:
    """A lower-case noun naming a person by role: "spokesman", "aides", "lawyer"."""
    return _role_noun(token) and _word(token) not in _NOT_PERSON_ROLES


# Role nouns that name no person: "a report for the committee said" is the report's.
_NOT_PERSON_ROLES = frozenset(
    "statement report letter email memo tweet post release video ad commercial document documents".split()
)


def _np_start(toks, i: int, j: int) -> int | None:
    """Start the phrase toks[i:j] at a determiner or a capital: leading lower-case fragments
    dropped; None when nothing is left."""
    while i < j and not (
        toks[i][0][0].isupper()
        or _word(toks[i][0]) in _NP_DETERMINERS
        or _word(toks[i][0]) in PRONOUNS
        or _ARTICLE_NAME.match(toks[i][0])  # "al-Assad said"
    ):
        i += 1
    return None if i == j else i


# A surname with the Arabic article, written in lower case: "al-Assad", "el-Sisi".
_ARTICLE_NAME = re.compile(r"(?:al|el)-[A-Z]")


# A past participle after its noun: "the letter addressed to", "a statement released by".
def _participle(token: str) -> bool:
    return token[:1].islower() and _word(token).endswith("ed") and len(token) > 4


# Verbs that raise their subject over "to": "Rubio is expected to say", "Trump is set to tell".
_RAISING = frozenset("expected scheduled set likely due going about poised slated".split())


# A state written after a town in news style: "Ill.", "Calif.", "N.Y.", "D.C."
_STATE = re.compile(r"^(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2})$")


# Words no person's name holds: a title, a role, a place's head, a determiner.
_NOT_IN_A_NAME = _PERSON_TITLES | _ROLE_NOUNS | PLACE_HEADS | _NP_DETERMINERS


def _is_name(toks) -> bool:
    """Whether tokens are a person's name as written: two to four capitalised words, none a
    title, a role or a place ("Brad Woodhouse", not "Texas Governor" or "New York City")."""
    n = 0
    while n < len(toks) - 1 and _word(toks[n][0]) in _PERSON_TITLES and toks[n][0][:1].isupper():
        n += 1  # "Rep. Jerrold Nadler": the titles before the name
    toks = toks[n:]
    return 2 <= len(toks) <= 4 and all(
        t[0][:1].isupper() and _np_token_ok(t[0]) and _word(t[0]) not in _NOT_IN_A_NAME for t in toks
    )


def _before_time_phrase(toks: list[tuple[str, int, int]], end: int) -> int:
    """Where a time phrase ends the tokens before `end` ("on Tuesday", "Thursday night", "last
    week"), its start; else `end`. Only when a word that could be the subject comes before it:
    "Tuesday said" alone stays as it is (and is then no speaker)."""
    j = end
    while j > 0 and _word(toks[j - 1][0]) in _TIME_NOUNS and end - j < 3:
        j -= 1
    led = j > 0 and j < end and _word(toks[j - 1][0]) in _TIME_LEADS
    if led:
        j -= 1
    if j == end or not (led or any(_word(t[0]) in _DAYS for t in toks[j:end])):
        return end
    if j == 0 or not _np_token_ok(toks[j - 1][0]):
        return end
    return j


def _ends_sentence(token: str) -> bool:
    """ "Israel." ends a sentence; "Sen.", "U.S." and an initial "W." do not."""
    if not token.endswith(".") or token.endswith(".."):
        return False
    word = token[:-1]
    # The splitter's abbreviations before a name ("Sen.", "Gov."), not every title: "said the
    # spokesman." ends its sentence.
    return len(word) > 2 and "." not in word and word.lower() not in _TITLE_ABBREVIATIONS


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
        if w in _TIME_WORDS and j > i and _word(toks[j - 1][0]) not in _NP_DETERMINERS:
            break  # "said Perry on Monday" ("a Wednesday editorial": the day qualifies the noun)
        j += 1
    if i == j:
        return None
    first = toks[i][0]
    if first[:1].islower() and _word(first) in _COUNTING_WORDS:
        return _counted_speaker(toks, i, j)
    named = any(t[0][:1].isupper() for t in toks[i + 1 : j])
    if not (first[0].isupper() or _word(first) in ("the", "a", "an") or (named and _np_token_at(toks, i))):
        # "said that he...", "told his staff": not an inverted speaker ("said senior adviser
        # David Axelrod" is: a role in lower case, then the name)
        return None
    if not any(t[0][:1].isupper() for t in toks[i:j]) and j - i > 4:
        return None
    return i, j


# Words that count the people an inverted attribution names: "said one commuter", "said two
# officials", "said several residents".
_COUNTING_WORDS = frozenset("one another two three four five six seven eight nine ten several some many both".split())


_SPAN_OF_TIME = _TIME_NOUNS | frozenset("second minute hour day ago".split())


def _counted_speaker(toks: list[tuple[str, int, int]], i: int, j: int) -> tuple[int, int] | None:
    """Token range of a speaker that opens with a counting word, toks[i:j] as _np_forward scanned
    it: "one commuter", "two officials" ("three people familiar with the matter": its head,
    "three people"), "one of the organizers"; "one" alone (`“America is great!” read one.`) is one
    of those just named. None when no word of it can speak ("some things")."""
    if j == i + 1:
        if _word(toks[i][0]) in ("one", "another") and j < len(toks) and _word(toks[j][0]) == "of":
            of_whom = _np_forward(toks, j + 1)
            if of_whom is not None and toks[of_whom[1] - 1][0][:1].islower() and _speaking_head(toks, of_whom):
                return i, of_whom[1]
        return (i, j) if _word(toks[i][0]) in ("one", "another") else None
    if any(_word(t[0]).removesuffix("s") in _SPAN_OF_TIME for t in toks[i + 1 : j]):
        return None  # "said two days ago": when, not who
    for end in range(j, i + 1, -1):
        if _speaking_head(toks, (i, end)):
            return i, end
    return None


def _named_after_descriptor(toks: list[tuple[str, int, int]], start: int) -> tuple[int, int] | None:
    """Token range of the name set off after a descriptor in lower case: `said one commuter, Jane
    Doe.`, `said a spokesman, John Kirby`, `said its chief executive, Tim Cook` (the descriptor
    alone names nobody: "one", "a spokesman"); None when no such name ends the clause."""
    comma = start
    while comma < len(toks) and toks[comma][0] != ",":
        if comma - start >= 6 or not toks[comma][0][0].isalnum() or _ends_sentence(toks[comma][0]):
            return None
        comma += 1
    if comma == start or comma >= len(toks):
        return None
    if _word(toks[start][0]) not in _NP_DETERMINERS or not toks[start][0][:1].islower():
        return None
    if not toks[comma - 1][0][:1].islower():
        return None  # "said the Republican, Mitch McConnell": the head is no descriptor
    end = comma + 1
    while end < len(toks) and end - comma <= 5 and toks[end][0][:1].isupper() and _np_token_ok(toks[end][0]):
        end += 1
        if _ends_sentence(toks[end - 1][0]):
            break
    if end == comma + 1 or not _is_name(toks[comma + 1 : end]):
        return None
    if end < len(toks) and not (_ends_sentence(toks[end - 1][0]) or toks[end][0] in (",", ";", ".", ")", "—", "–")):
        return None
    return comma + 1, end


def _span(text: str, toks, rng) -> tuple[str, int, int]:
    i, j = rng
    s, e = toks[i][1], toks[j - 1][2]
    if _ends_sentence(toks[j - 1][0]):
        e -= 1  # "said Bolton." -> "Bolton"
    return text[s:e], s, e


# What a review, a study or a poll does with the words it is quoted for, right after the quote
# (`“...,” another security review found`); too loose to count as speech before a quote.
_FINDING_VERBS = frozenset("found finds concluded concludes".split())


def right_attribution(text: str, lo: int, hi: int, sentences: SentenceMap) -> tuple[str, int, int] | None:
    """`"...," the official said` / `said the official` / `he wrote on X` right after a quote
    (in the sentence that text[lo:hi] starts in)."""
    found = _right_attribution_in(text, _tokens(text, lo, sentences.end_in(lo, hi)))
    if found is None and (past := _past_inner_quote(text, hi)) is not None:
        # `“...,” Texas delegate Bill Eastland, wearing “Ted Cruz” campaign pins, said`: the
        # attribution goes on past a short quotation inside it
        found = _right_attribution_in(text, _unmarked(_tokens(text, lo, sentences.end_in(lo, past))))
    return found


def _right_attribution_in(text: str, toks) -> tuple[str, int, int] | None:
    k = 0
    while k < len(toks) and toks[k][0] in (",", "—", "–", "-", ":", ";", "(", ")"):
        k += 1
    toks = toks[k:]
    if not toks:
        return None
    # according to X
    if _word(toks[0][0]) == "according" and len(toks) > 2 and _word(toks[1][0]) == "to":
        rng = _np_forward(toks, 2)
        return _span(text, toks, rng) if rng else None
    limit = min(len(toks), 8 + _APPOSITIVE_TOKENS)
    for v in range(limit):
        tok = toks[v][0]
        if not tok[0].isalnum():
            if tok == "," and v > 0:
                # "Smith, a spokesman, said": allow one appositive, else stop.
                continue
            if _in_party_tag(toks, v):
                continue  # "Sen. David Long (R-Ind.) said", "David Long (R) said"
            break
        if not (_verb_at(toks, v) or (v > 0 and tok[:1].islower() and _word(tok) in _FINDING_VERBS)):
            continue
        if _plural_noun(toks, v):
            return None  # `“backing off” his original remarks`: no attribution after the quote
        if _word(tok) in _NAMING_VERBS:
            return None
        if v == 0:
            if _word(tok) not in _INVERTING:
                return None
            rng = _named_after_descriptor(toks, 1) or _np_forward(toks, 1)
            if rng is None:
                return None
            return _span(text, toks, rng)
        if v == 1 and _it_says(toks, v):
            return _span(text, toks, (0, 1))  # `“...,” it said`: the statement, the report
        if _passive(toks, v):
            return _asker(text, toks, v, toks[0][1])  # `“...?” Obama was asked`: not by Obama
        rng = _coordinated(toks, _np_backward(toks, v))
        if rng is None or rng[0] != 0:
            # "Elliott Maynard, a Republican trying to unseat Nick J. Rahall II, a Democrat, in
            # West Virginia, said", "Matt Bennett, a spokesman for Third Way, a left-leaning
            # group, said": the name opening the clause, then appositives up to the verb
            opening = _np_forward(toks, 0) if toks[v - 1][0] == "," else None
            if (
                opening is not None
                and opening[1] < v
                and toks[opening[1]][0] == ","
                and _is_name(toks[slice(*opening)])
            ):
                return _span(text, toks, opening)
            if rng is None or not (_appositive_prefix(toks, rng[0]) or _completing_phrase(toks, rng[0])):
                return None
        return _span(text, toks, rng)
    return None


def _in_party_tag(toks, v: int) -> bool:
    """Whether toks[v] is a parenthesis of a party tag: "(", "R-Ind.", ")"."""
    if toks[v][0] == "(":
        return v + 2 < len(toks) and toks[v + 2][0] == ")" and bool(_PARTY_TAG.match(toks[v + 1][0]))
    return toks[v][0] == ")" and v >= 2 and toks[v - 2][0] == "(" and bool(_PARTY_TAG.match(toks[v - 1][0]))


def opening_verb_speaker(toks) -> tuple[int, int] | None:
    """The speaker after a speech verb opening the sentence, capitalised there (`Said Dorothy
    Poynter, who ...,`, `Stated Stone:`): a capitalised name right after it."""
    if len(toks) < 2 or not toks[0][0][:1].isupper() or _word(toks[0][0]) not in _INVERTING:
        return None
    rng = _np_forward(toks, 1)
    if rng is None or not toks[rng[0]][0][:1].isupper() or not _plausible_speaker(toks, rng):
        return None
    return rng


_COMPLETING_PREPOSITIONS = frozenset("at in on during to".split())


def _completing_phrase(toks, start: int) -> bool:
    """Whether toks[:start] is a phrase that completes the quotation's sentence before its
    attribution (`“We’re alive, unlike the robots you’ll see” at the Democratic convention, he
    said`): a preposition, words with no verb, a comma."""
    return (
        start >= 3
        and _word(toks[0][0]) in _COMPLETING_PREPOSITIONS
        and toks[start - 1][0] == ","
        and start <= 8
        and all(t[0][:1].isalnum() for t in toks[: start - 1])
        and not any(_verb_at(toks, n) for n in range(start - 1))
    )


def _appositive_prefix(toks, start: int) -> bool:
    return all(_np_token_at(toks, n) or toks[n][0] == "," for n in range(start))


def left_attribution(text: str, lo: int, hi: int, subject_finder=None) -> tuple[str, int, int] | None:
    """`X said: "..."`, `according to X, "..."`, `X called it "..."` in the sentence before a quote."""
    if hi <= lo:
        return None
    found = _left_attribution_in(text, lo, _tokens(text, lo, hi), hi, subject_finder)
    if found is None and (opening := _inner_quote_before(text, lo)) is not None:
        # `Washington, star of television’s “Scandal,” thanked Obama for “...”`: the sentence
        # the quotation is in began before the short quotation inside it
        start = _sentence_start_before(text, opening)
        toks = _unmarked(_tokens(text, start, hi))
        # A verb before a quoted phrase is that phrase's ("what he calls “Obama’s war on religion,”
        # and highlights ... the “don’t ask, don’t tell” policy": "calls" is not about the second);
        # before a title it may be ours ("Axelrod said on CNN’s “American Morning” that ...")
        title = _title_cased(text[opening + 1 : _inner_quote_close(text, lo)])
        found = _left_attribution_in(text, start, toks, hi, subject_finder, verbs_from=0 if title else lo)
    return found


_OPENING_MARKS = {"”": "“", "»": "«", '"': '"'}
_INNER_QUOTE_WORDS = 8


def _short_inner_quote(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a short quotation inside a sentence (a title, a phrase), not
    a sentence quoted whole."""
    inner = text[start:end].rstrip(" ,")
    return 0 < len(inner.split()) <= _INNER_QUOTE_WORDS and inner[-1:] not in ".?!…"


def _inner_quote_before(text: str, lo: int) -> int | None:
    """Where the short quotation that closes right before `lo` opens, on the same line."""
    k = lo
    while k > 0 and text[k - 1] in " \t\xa0":
        k -= 1
    if k == 0 or text[k - 1] not in _OPENING_MARKS:
        return None
    close = k - 1
    opening = text.rfind(_OPENING_MARKS[text[close]], text.rfind("\n", 0, close) + 1, close)
    return opening if opening >= 0 and _short_inner_quote(text, opening + 1, close) else None


def _inner_quote_close(text: str, lo: int) -> int:
    """The closing mark right before `lo` (white space between)."""
    return len(text[:lo].rstrip(" \t\xa0")) - 1


_TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from vs".split())


def _title_cased(quoted: str) -> bool:
    """Whether a short quotation is a title ("American Morning", "Parks and Recreation"):
    every word but the small ones capitalised."""
    words = [w for w in re.findall(r"[\w’'-]+", quoted) if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(words) and quoted.lstrip()[:1].isupper() and all(w[0].isupper() or w[0].isdigit() for w in words)


def _past_inner_quote(text: str, hi: int) -> int | None:
    """Where the stretch after a short quotation opening at `hi` ends (the next opening mark or
    the line's end), when one opens there and closes on the same line."""
    k = hi
    while k < len(text) and text[k] in " \t\xa0":
        k += 1
    if k >= len(text) or text[k] not in '“«"':
        return None
    closing = {"“": "”", "«": "»", '"': '"'}[text[k]]
    line_hi = text.find("\n", k)
    line_hi = len(text) if line_hi < 0 else line_hi
    close = text.find(closing, k + 1, line_hi)
    if close < 0 or not _short_inner_quote(text, k + 1, close):
        return None
    after = min((i for i in (text.find(m, close + 1, line_hi) for m in '“«"') if i >= 0), default=line_hi)
    return after


def _sentence_start_before(text: str, pos: int) -> int:
    """The start of the sentence `pos` is in, on its line."""
    line_lo = text.rfind("\n", 0, pos) + 1
    sentences = split_sentences(text[line_lo:pos])
    return line_lo + sentences[-1].start if sentences else line_lo


def _unmarked(toks):
    """Tokens without quotation marks: the words of a short quotation read as the sentence's."""
    return [t for t in toks if t[0] not in "“”«»\"‘’'"]


def _left_attribution_in(
    text: str, lo: int, toks, hi: int, subject_finder, verbs_from: int = 0
) -> tuple[str, int, int] | None:
    if not toks:
        return None
    opening = opening_verb_speaker(toks)
    if opening is not None:
        return _span(text, toks, opening)  # `Said Dorothy Poynter, who grew up with Ali, “...”`
    # according to X, "..."
    for n in range(len(toks) - 2, -1, -1):
        if _word(toks[n][0]) == "according" and n + 1 < len(toks) and _word(toks[n + 1][0]) == "to":
            rng = _np_forward(toks, n + 2)
            if rng and _plausible_speaker(toks, rng):
                return _span(text, toks, rng)
            break
    # in X's words, "..." / in the words of X, "...": unless a speech verb comes after it
    words_of = _in_words_of(toks)
    if words_of is not None and not any(_verb_at(toks, m) for m in range(words_of[2], len(toks))):
        return text[words_of[0] : words_of[1]], words_of[0], words_of[1]
    later_verb = False
    coordinated = False  # a verb after "and" with no subject of its own: an earlier verb's is its
    for v in range(len(toks) - 1, -1, -1):
        tok = toks[v][0]
        if toks[v][1] < verbs_from and not coordinated:
            break
        if not (_verb_at(toks, v) or _document_finds(toks, v)):
            continue
        if not later_verb and _passive(toks, v) and _introduces(toks, v):
            return _asker(text, toks, v, hi)  # `Blumenthal was asked, “...”`: not by Blumenthal
        if not later_verb and _passive(toks, v) and v + 1 < len(toks) and _word(toks[v + 1][0]) == "by":
            # `Rubio was asked by moderator Gerard Baker whether his plan would risk “...”`: the
            # question, and its words, are the asker's
            found = _asker(text, toks, v, hi)
            if found[0]:
                return found
        later_verb = True
        if tok.endswith("ing") and v > 0 and _word(toks[v - 1][0]) in _PERCEIVED:
            # "his supporters were shown chanting", "a reporter can be heard asking": the one heard
            rng = _np_backward(toks, v)
            if rng is not None and _plausible_speaker(toks, rng):
                return _span(text, toks, rng)
        if tok.endswith("ing") and (rng := _with_subject(toks, v)) is not None:
            return _span(text, toks, rng)  # "..., with Gorka noting": the participle's own subject
        if tok.endswith("ing") and subject_finder is not None:
            # "..., telling Reuters," / "began by saying": the clause's subject speaks.
            found = subject_finder(lo, toks[v][1])
            if found:
                return found
            continue
        if _it_says(toks, v) and (v == 1 or not toks[v - 2][0][:1].isalnum()):
            return _span(text, toks, (v - 1, v))  # `It said he had “...”`: not "he"
        if v >= 2 and _word(toks[v - 1][0]) == "that":
            # "the part of the U.S. code that says: “...”": the thing the clause is about
            rng = _np_backward(toks, v - 1)
            if rng is not None and _word(toks[rng[1] - 1][0]) in _WRITINGS | _DOCUMENTS | _UTTERANCES:
                return _span(text, toks, rng)
            continue
        rng = _coordinated(toks, _np_backward(toks, v))
        if rng is not None:
            words = [_word(t[0]) for t in toks[rng[0] : rng[1]]]
            if words and words[-1] in ("who", "which"):
                rng = None
        if rng is None:
            rng = _relative_antecedent(toks, v)  # "Barack Obama, who called him “unfit to serve”"
        if rng is None and v == 0 and _word(tok) in _INVERTING:
            rng = _np_forward(toks, 1)
        if rng is None and v > 0 and _word(toks[v - 1][0]) in ("and", "but"):
            # "Mrs. Clinton called Ms. Pelosi “as strong a supporter” as Mr. Obama has, and said
            # she hoped ...": the subject of the verb before
            coordinated = True
        if rng is None or not _plausible_speaker(toks, rng):
            continue
        return _span(text, toks, rng)
    if not later_verb:
        n = 1 if _word(toks[0][0]) in ("when", "once", "if") else 0
        if n < len(toks) and _word(toks[n][0]) == "asked" and _introduces(toks, n):
            return _asker(text, toks, n, hi)  # `Asked point-blank, “Is that picture you?”`
    return None


# The possessive pronouns "in his words" may use, those the resolver reads ("his": "he").
_WORDS_OF_PRONOUNS = frozenset(("his", "her"))


def _strip_possessive(word: str) -> str:
    """A name without its possessive: "Trump's" -> "Trump", "Francis'" -> "Francis"."""
    if word.endswith(("’s", "'s")):
        return word[:-2]
    return word[:-1] if word.endswith(("s'", "s’")) else word


def _in_words_of(toks) -> tuple[int, int, int] | None:
    """(start, end of the speaker, index of the token after the phrase) of the last "in X's
    (own) words" or "in the words of X" among `toks` ("The plan, in Pelosi's words, is “a
    disgrace”", "in the words of Nancy Pelosi, “...”", "in his own words"), else None."""
    for n in range(len(toks) - 1, 0, -1):
        if _word(toks[n][0]) != "words":
            continue
        if n >= 2 and _word(toks[n - 1][0]) == "the" and _word(toks[n - 2][0]) == "in":
            if n + 1 < len(toks) and _word(toks[n + 1][0]) == "of":
                rng = _np_forward(toks, n + 2)
                if rng is not None and _plausible_speaker(toks, rng):
                    return toks[rng[0]][1], toks[rng[1] - 1][2], rng[1]
            return None
        owner = n - 1 - (_word(toks[n - 1][0]) == "own")
        if owner < 1:
            return None
        last = toks[owner][0]
        if _word(last) in _WORDS_OF_PRONOUNS and _word(toks[owner - 1][0]) == "in":
            return toks[owner][1], toks[owner][2], n + 1
        owner_name = _strip_possessive(last)
        if owner_name == last:  # no possessive ending
            return None
        first = owner
        while (
            first > 0 and owner - first < 5 and _word(toks[first - 1][0]) != "in" and toks[first - 1][0][:1].isalnum()
        ):
            first -= 1
        if first == 0 or _word(toks[first - 1][0]) != "in":
            return None
        end = toks[owner][2] - (len(last) - len(owner_name))
        # the owner as a phrase of its own ("in" before it reads as a place's: "in Mount Kisco")
        owned = [*toks[first:owner], (owner_name, toks[owner][1], end)]
        if not _plausible_speaker(owned, (0, len(owned))):
            return None
        return toks[first][1], end, n + 1
    return None


_RELATIVE_PRONOUNS = frozenset(("who", "which"))
_PARENTHETICAL_TOKENS = 10


def _relative_antecedent(toks, v: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun before the verb at `v` stands for, the verb's subject:
    "Barack Obama, who called the nominee", "the bishops' conference, which wrote", "the
    report, which notes,". None when no "who" or "which" after a comma is the subject (adverbs,
    auxiliaries and a parenthetical between commas may stand between: "who, on a call Friday,
    criticized")."""
    j = v - 1
    while j >= 0 and toks[j][0][:1].islower() and _word(toks[j][0]) in _ADVERBS:
        j -= 1
    if j >= 1 and toks[j][0] == ",":
        k = j - 1
        while k > 0 and j - k < _PARENTHETICAL_TOKENS and toks[k][0] not in (",", ";", ":"):
            k -= 1
        if toks[k][0] == ",":
            j = k - 1  # "who, on a press call Friday, criticized"
    if j < 2 or _word(toks[j][0]) not in _RELATIVE_PRONOUNS or not toks[j][0][:1].islower() or toks[j - 1][0] != ",":
        # A restrictive clause is left alone: in "... pointing out how ironic it was coming from
        # a candidate who promised mass deportation: “...”" the candidate is not who speaks
        return None
    end = j - 1
    rng = _np_backward(toks, end)
    if rng is not None and rng[1] != end:
        # "the release linked to the AP report, which notes": the report the pronoun follows, not
        # the phrase a participle before it would qualify ("the letter addressed to X reads")
        i = end
        while (
            i > 0
            and end - i < 8
            and (_np_token_at(toks, i - 1) or (i == end and _word(toks[i - 1][0]) in _BARE))  # "report"
            and not _ends_sentence(toks[i - 1][0])
        ):
            i -= 1
        start = _np_start(toks, i, end)
        rng = None if start is None else (start, end)
    if rng is None or not _plausible_speaker(toks, rng):
        return None
    return rng


# "a reporter can be heard asking", "he was seen telling": the one heard speaks.
_PERCEIVED = frozenset("heard overheard seen shown".split())


_PASSIVE_AUXILIARIES = frozenset("was were is are been being be get gets got".split())


def _passive(toks, v: int) -> bool:
    """ "was asked", "is also being told": the subject is the one asked, not the speaker."""
    if _word(toks[v][0]) not in ("asked", "told"):
        return False
    j = v - 1
    while j >= 0 and _word(toks[j][0]) in _ADVERBS and _word(toks[j][0]) not in _PASSIVE_AUXILIARIES:
        j -= 1
    return j >= 0 and _word(toks[j][0]) in _PASSIVE_AUXILIARIES


def _introduces(toks, v: int) -> bool:
    """Whether the phrase from the verb at `v` introduces the quote after it (`was asked by a
    reporter,`, `Asked point-blank,`), not a clause the quote is part of (`being asked to defend
    his criticism of “New York values”`)."""
    by = v + 1 < len(toks) and _word(toks[v + 1][0]) == "by"  # the asker may come with an appositive
    return toks[-1][0] in (",", ":") and (by or len(toks) - v <= 8)


def _asker(text: str, toks, v: int, pos: int) -> tuple[str, int, int]:
    """Who put a question written in the passive: the agent after "by", else no one known."""
    if v + 1 < len(toks) and _word(toks[v + 1][0]) == "by":
        rng = _np_forward(toks, v + 2)
        if rng is not None and _plausible_speaker(toks, rng):
            return _span(text, toks, rng)
    return "", pos, pos


def _it_says(toks, v: int) -> bool:
    """ "it said", "it reads": "it" right before a speech verb is what speaks (a statement, a
    report, a group); a dummy "it" takes no speech verb ("it is said" has "is" between)."""
    return v >= 1 and _word(toks[v - 1][0]) == "it" and not toks[v][0].endswith("ing")


# Written rules a quotation can be read from: "the U.S. code that says: “...”".
_WRITINGS = frozenset("code law laws statute rule rules provision section clause amendment constitution".split())


# What a poll, a study or a review can be said to find ("Another poll found voters “deeply divided.”").
_DOCUMENTS = frozenset(
    "poll polls survey surveys study studies report reports review audit investigation inquiry analysis memo".split()
)


def _document_finds(toks, v: int) -> bool:
    """A finding verb after a document's noun phrase: the document is the quotation's source."""
    if not (v > 0 and toks[v][0][:1].islower() and _word(toks[v][0]) in _FINDING_VERBS):
        return False
    rng = _np_backward(toks, v)
    return rng is not None and _word(toks[rng[1] - 1][0]) in _DOCUMENTS


def colon_attribution(text: str, lo: int, hi: int) -> tuple[str, int, int] | None:
    """`David Wasserman: “...`, `More from Jones: “...`: the name right before the colon at `hi`;
    what a clause opening with "from" or "here's" names (`From the report: “...`, `Here’s
    Clinton in December 1992: “...`)."""
    toks = _tokens(text, lo, hi)
    if len(toks) < 2 or toks[-1][0] != ":":
        return None
    n = max((k + 1 for k, t in enumerate(toks) if t[0] in ("-", "—", "–")), default=0)  # "... - From X:"
    while n < len(toks) - 1 and _word(toks[n][0]) in ("more", "and", "but"):
        n += 1
    lead = _word(toks[n][0])
    if lead in ("from", "here's", "here") and n + 1 < len(toks):
        k = n + 2 if lead == "here" and _word(toks[n + 1][0]) == "is" else n + 1
        rng = _np_forward(toks, k) if k < len(toks) else None
        if rng is not None and _plausible_speaker(toks, rng):
            return _span(text, toks, rng)
    rng = _coordinated(toks, _np_backward(toks, len(toks) - 1))
    if rng is None or not toks[rng[1] - 1][0][:1].isupper() or not _plausible_speaker(toks, rng):
        return None
    if rng[0] > 0 and toks[rng[0] - 1][0] == ",":
        return None  # "... to beat up on his opponent, Sen. John McCain:": an object in apposition
    return _span(text, toks, rng)


# What a person gives in reply, named before the words it is: "His response:", "Trump's answer
# was simple:".
_REPLIES = frozenset(
    """response responses reply replies answer answers retort rejoinder comeback reaction verdict
    message advice explanation comment comments words take""".split()
)
_POSSESSIVE_PRONOUNS = frozenset("his her their its".split())


def possessor_of_reply(text: str, lo: int, hi: int) -> tuple[str, int, int] | None:
    """Whose reply the clause text[lo:hi] (ending at a colon) introduces: `His response:` gives
    "His" (a pronoun the resolver reads as "he"), `Donald Trump’s answer was simple:` gives
    "Donald Trump"; None when the clause opens otherwise."""
    toks = _tokens(text, lo, hi)
    n = 0
    while n < len(toks) and _word(toks[n][0]) in ("and", "but", "so"):
        n += 1
    if n >= len(toks):
        return None
    first = toks[n]
    w = _word(first[0])
    if w in _POSSESSIVE_PRONOUNS:
        start, end, k = first[1], first[2], n + 1
    else:
        k = n
        while k < len(toks) and k - n < 4 and toks[k][0][:1].isupper() and not _word(toks[k][0]).endswith(("'s", "s'")):
            k += 1
        if k >= len(toks) or not toks[k][0][:1].isupper() or not _word(toks[k][0]).endswith(("'s", "s'")):
            return None
        start, end, k = first[1], toks[k][2] - (2 if _word(toks[k][0]).endswith("'s") else 1), k + 1
    m = k
    while m < len(toks) and m - k < 2 and toks[m][0][:1].islower() and _word(toks[m][0]) not in _REPLIES:
        m += 1  # "his terse reply", "her written response"
    if m >= len(toks) or _word(toks[m][0]) not in _REPLIES:
        return None
    rest = [_word(t[0]) for t in toks[m + 1 :]]
    if rest and (rest[0] not in ("was", "is", "came") or len(rest) > 3):
        return None  # "His response to the charges prompted ...": the clause goes on about it
    return text[start:end], start, end


def is_place_or_thing(toks, rng) -> bool:
    """Whether the noun phrase toks[rng] is a place or a written thing: "in Mount Kisco",
    "Mount Kisco, New York", "the hospital", "a chalkboard"."""
    head = _word(toks[rng[1] - 1][0])
    if head in PLACE_HEADS or head in WRITTEN_THINGS:
        return True
    if any(_word(t[0]) in PLACE_HEADS for t in toks[rng[0] : rng[1]] if t[0][:1].isupper()):
        return True  # "Mount Kisco", "Northern Westchester Hospital"
    if rng[1] + 2 < len(toks) and toks[rng[1]][0] == "," and _STATE.match(toks[rng[1] + 1][0]):
        if toks[rng[1] + 2][0] == "," and all(t[0][:1].isupper() for t in toks[rng[0] : rng[1]]):
            return True  # "Austin, Tex., posted": a town and its state
    k = rng[0] - 1
    followed_by_comma = rng[1] < len(toks) and toks[rng[1]][0] == ","
    if k >= 1 and toks[k][0] == "," and followed_by_comma:
        # "in Mount Kisco, New York, said": the second part of an address ("In Manchester,
        # Trump said" is not one)
        k -= 1
        while k >= 0 and toks[k][0][:1].isupper():
            k -= 1
    return k >= 0 and _word(toks[k][0]) in _PLACE_PREPOSITIONS


_POSSESSIVE_DETERMINERS = frozenset("his her its their our my your".split())


def _plausible_speaker(toks, rng) -> bool:
    """Whether a noun phrase can speak: headed by a name, a pronoun or a role/agent noun, and
    not a place or a written thing.

    Rules out what a backward scan picks up by accident: "the past", "Clinton's track record",
    "a court document filed", "the Republican presidential primary", "in Mount Kisco".
    """
    if is_place_or_thing(toks, rng):
        return False
    if all(_word(t[0]) in _TIME_NOUNS | _TIME_LEADS for t in toks[rng[0] : rng[1]]):
        return False  # "Tuesday", "Thursday night": when, not who
    of = next((n for n in range(rng[0] + 1, rng[1] - 1) if _word(toks[n][0]) == "of"), None)
    if of is not None and _speaking_head(toks, (rng[0], of)):
        return True  # "Dr. Ann Lee of the clinic": the head is before "of" ("dozens of voters": after it)
    return _speaking_head(toks, rng)


def _speaking_head(toks, rng) -> bool:
    """Whether the last word of toks[rng] is a head that can speak (see _plausible_speaker)."""
    head = toks[rng[1] - 1][0]
    if head[:1].isupper():
        return True
    w = _word(head)
    if w in PRONOUNS:
        return True
    singular = w[:-1] if w.endswith("s") and not w.endswith("ss") else w
    if w.endswith("men"):
        singular = w[:-3] + "man"  # "both men", "the congressmen", "two spokeswomen"
    if w in _ROLE_NOUNS or singular in _ROLE_NOUNS:
        return True
    # An agent's ending ("the protester", "a student"), not after a possessive ("his recent"
    # is an adjective: a person there is named by a listed role, "his lawyer")
    return singular.endswith(_AGENT_SUFFIXES) and _word(toks[rng[0]][0]) not in _POSSESSIVE_DETERMINERS


def has_speech_verb(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] holds a speech verb used as a verb (reported speech before a quote)."""
    toks = _tokens(text, lo, hi)
    return any(_verb_at(toks, n) for n in range(len(toks)))


def _used_as_noun(toks, v: int) -> bool:
    """ "the call", "his remarks", "a statement": a determiner before the word makes it a noun."""
    if v == 0 or not toks[v][0][:1].isalnum():
        return False  # a comma after a possessive is no noun ("a friend of the couple's, said")
    before = _word(toks[v - 1][0])
    if before == "that" and _finite_verb(_word(toks[v][0])) and not _word(toks[v][0]).endswith("ing"):
        return False  # "the code that says": "that" is no determiner before a finite verb
    # A possessive determines a noun too: "Trump's remarks", "the officials' claims".
    return before in _NP_DETERMINERS | {"this", "that", "your", "no"} or (
        toks[v - 1][0][:1].isalpha() and before.endswith(("'s", "s'")) and before not in _CONTRACTIONS
    )


def _plural_noun(toks, v: int) -> bool:
    """ "his original remarks", "their earlier claims": a plural noun after a determiner and an
    adjective, not a verb ("the advertisement says", "his spokesman notes": a verb after its
    subject)."""
    w = _word(toks[v][0])
    before = _word(toks[v - 1][0]) if v else ""
    return (
        v >= 2
        and w.endswith("s")
        and w != "says"
        and w[:-1] in _BARE
        and _word(toks[v - 2][0]) in _NP_DETERMINERS
        and toks[v - 1][0][:1].islower()
        and before not in _ROLE_NOUNS
        and not before.endswith(_AGENT_SUFFIXES)
    )


# "Hours later he", "Moments later, she": a time phrase the backward scan took into the subject.
_LEADING_TIME = lazy_regex.compile(
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
    words = mention.split()
    if len(words) > 1 and words[0][:1].isupper() and _word(words[0]) in _INVERTING:
        # "Added Gibbs: “...”": the verb opening the sentence, then its speaker
        mention = mention[len(words[0]) :].lstrip()
        words = words[1:]
    if len(words) > 1 and words[-1].lower() in SUBJECT_PRONOUNS:
        return words[-1]  # "Graham assures his audience he", "Wednesday he": the pronoun speaks
    return mention or None
