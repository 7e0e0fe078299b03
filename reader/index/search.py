"""Queries over the index: safe parsing, filters, sorting, hits with snippets and match ranges.

Nothing here raises for a bad query: every failure becomes SearchResults.error (one line).
Snippets (snippets.py) and ranges come from our own term finder (reader.index.textproc) over
the stored body, never from Whoosh's HTML highlighter; did-you-mean is in suggest.py.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
import re
import time
import unicodedata
import weakref
from datetime import date
from dataclasses import dataclass, field
from typing import Any, Callable

from whoosh import query as wq
from whoosh.collectors import TimeLimitCollector
from whoosh.matching import NullMatcher, WrappingMatcher
from whoosh.qparser import QueryParser
from whoosh.reading import IndexReader
from whoosh.qparser.plugins import FuzzyTermPlugin, MultifieldPlugin
from whoosh.support.levenshtein import distance as edit_distance
from whoosh.searching import TimeLimit

from reader import calendar_dates
from reader.analysis.story_ids import STORY_ID_START
from reader.corpus.decode import ZERO_WIDTH, ZERO_WIDTH_JOINERS, outlet_key, without_escape_sequences
from reader.index import query_check, store, textproc, whoosh_internals
from reader.index.article_versions import UNVERSIONED
from reader.index.outlet_terms import rewrite_outlet_fields
from reader.index.schema import BRIDGE_MARK, TYPED_BRIDGE_MARK, VARIANTS_MARK
from reader.index.snippets import MAX_HIGHLIGHTS, MAX_RANGES, MatchRanges, Snippet, make_snippets
from reader.index.suggest import suggest
from reader.wording import reader_command, run_advice, said

MAX_QUERY_CHARS = 1000
MAX_NESTING = 20
TIME_LIMIT = 2.0  # seconds; partial results after that
MIN_WILDCARD_PREFIX = 3
# The most letters a fuzzy word (`word~N`) may be off: 3 matched most of a lexicon's short words.
MAX_FUZZY_EDITS = 2
# Searched when a word has no field: quotes are spans of the body, so the body covers them
# (quote: still searches them alone); an extra 5th field would cost a matcher per word.
DEFAULT_FIELDS = ("title", "body", "speaker", "outlet")
TEXT_FIELDS = frozenset(DEFAULT_FIELDS) | {"quote"}
# The fields whose articles' words are stemmed in the article's language (schema.FastText).
LANGUAGE_FIELDS = frozenset({"title", "body", "quote", "speaker"})
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The invisible characters the loader removes from article text (reader.corpus.clean: both are
# decode.ZERO_WIDTH and its joiners): a query pasted from a page may carry them inside a word. The
# joiners the loader keeps inside a word are not in its term either (textproc.FOLD_MAP).
INVISIBLE_CHARS = ZERO_WIDTH + ZERO_WIDTH_JOINERS
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARS}]")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
_SYNTAX_RE = re.compile(r"[()\[\]{}\"'^~*?:\\+]|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE|TO)\b")


@dataclass
class Hit:
    id: str
    outlet: str | None
    title: str | None
    date: str | None
    score: float | None  # None when sorted by date: nothing was scored (0.0 read as "no match")
    snippets: list[Snippet]
    story: str | None = None
    url: str | None = None
    path: str = ""  # the article's file, as `list --json` gives it (a script opens it from here)
    author: str | None = None
    time: str | None = None  # the date's time of day, as `list --json` gives it
    fetched: str | None = None  # when `reader fetch` fetched it, as `list --json` gives it
    # Its place in a chain of versions `reader fetch` kept (Library.search sets them): the keys
    # `list --json` gives (Replacements.listed), and the mark after its title as `reader list` marks it.
    versions: dict | None = None
    version_mark: str = ""

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "date": self.date,
            # An article's keys in the order `list --json` gives them (README), then the hit's own.
            "url": self.url,
            "story": self.story,
            "path": self.path,
            "author": self.author,
            "time": self.time,
            "fetched": self.fetched,
            **(self.versions or UNVERSIONED),
            "score": None if self.score is None else round(self.score, 4),
            "snippets": [s.to_dict() for s in self.snippets],
        }


@dataclass
class SearchResults:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    corrected: str | None = None
    error: str | None = None
    partial: bool = False  # the time limit cut the search short
    damaged: bool = False  # the query failed on a damaged index file (see `error`)
    notes: list[str] = field(default_factory=list)  # e.g. which outlet `outlet:fox` matched
    no_index: bool = False  # nothing was ever indexed here (yet): `error` says to build it
    # `outlet:X` naming no outlet of the index: said (in `notes`) when nothing was found.
    outlet_misses: list[str] = field(default_factory=list)
    # The prefix (`obam*`) whose hits these are, the query being typed with its last word read as
    # the words it begins (run_search's `unfinished`): the word as typed found nothing. "" if not.
    begun: str = ""
    # The passage (plain words) whose hits these are, its first or last word, or both, left out as
    # cut mid-word (passage_without_cut_ends): the passage as typed found nothing. "" if not.
    trimmed: str = ""
    # Nothing found, and the query is a passage whose cut ends were not tried (run_search's
    # `cut_passages` off: a word typed key by key): the query finished would try them.
    cut_untried: bool = False

    def next_page(self) -> tuple[str, dict]:
        """The query and run_search's options that ask for more of these hits (with an offset): a
        word read as begun pages on without the rewritten stems its first page left out, so that
        its pages are of one search."""
        return self.begun or self.trimmed or self.query, {"rewritten_stems": not self.begun, "cut_passages": False}

    @property
    def answered(self) -> bool:
        """Whether the index answered (hits, or none without an error): a malformed query read
        nothing of it."""
        return bool(self.hits) or not self.error

    def fail_with_advice(self, problem: str, command: str) -> None:
        """`error` is `problem` and the command to run (said(): the app names it in words)."""
        self.error = said(problem, "; ", run_advice(command))

    def __iter__(self):
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


class _Deadline(TimeLimitCollector):
    """TimeLimitCollector that also honours a FilterCollector below it (Whoosh's skips it)."""

    def collect_matches(self):
        child = self.child
        allow, restrict = whoosh_internals.filter_sets(child)
        offset = child.offset
        for sub_docnum in child.matches():
            if self.timedout:
                raise TimeLimit
            docnum = offset + sub_docnum
            if (allow is not None and docnum not in allow) or (restrict is not None and docnum in restrict):
                continue
            child.collect(sub_docnum)


_EXPANDING = (wq.MultiTerm, wq.Every)


class _Or(wq.Or):
    """Or that never preloads every posting into arrays (Whoosh does so below 5,000 documents,
    which costs more than it saves for the per-field Or of each query word)."""

    matcher_type = wq.Or.DEFAULT_MATCHER


class _Articles(wq.Or):
    """The articles of these `id` terms, their documents read into one array when matched: a
    binary tree of an Or's matchers, one an article, made a wildcard's search (the articles it
    leaves out, with_written_stems) ten times as slow as the search itself."""

    matcher_type = wq.Or.ARRAY_MATCHER


class _FuzzyTerm(wq.FuzzyTerm):
    """FuzzyTerm whose words are the same, a word's edit distance worked out only where it can be
    near enough: its length, and its letters the other lacks, each take an edit of their own (a
    swap changes neither). The terms_within of a reader of several segments (the words to
    highlight) works it out, in Python, for every word of the prefix, once for each field:
    `ministr~` took ~0.8 s of CPU on 10,000 articles."""

    def _btexts(self, ixreader):
        if type(ixreader).terms_within is not IndexReader.terms_within:
            # A segment's reader has its own (an automaton: Levenshtein's distance, a swap two edits).
            return ixreader.terms_within(self.fieldname, self.text, self.maxdist, prefix=self.prefixlength)
        return self._words_near(ixreader)

    def _words_near(self, ixreader):
        fieldobj = ixreader.schema[self.fieldname]
        text, maxdist = self.text, self.maxdist
        letters = frozenset(text)
        shortest, longest = len(text) - maxdist, len(text) + maxdist
        for btext in ixreader.expand_prefix(self.fieldname, text[: self.prefixlength]):
            word = fieldobj.from_bytes(btext)
            if (
                shortest <= len(word) <= longest
                and len(word) - sum(map(letters.__contains__, word)) <= maxdist
                and len(text) - sum(map(frozenset(word).__contains__, text)) <= maxdist
                and edit_distance(word, text, limit=maxdist) <= maxdist
            ):
                yield word


class _Phrase(wq.Phrase):
    """Phrase matched by whoosh_internals.PhraseSpans (its positions compared as numbers): what
    Whoosh's Phrase.matcher does, with that query in place of SpanNear2."""

    def matcher(self, searcher, context=None):
        field = searcher.schema[self.fieldname] if self.fieldname in searcher.schema else None
        if field is None or not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)  # Whoosh's answer: nothing, or its error
        reader = searcher.reader()

        def term(word):
            """The word's Term, None where no article has it (or it is no term of the field)."""
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return None
            return wq.Term(self.fieldname, btext) if (self.fieldname, btext) in reader else None

        terms = [term(word) for word in self.words]
        if any(t is None for t in terms):
            return NullMatcher()  # a word no article has: no article has the phrase
        found = self._spans(terms, term).matcher(searcher, context)
        return found if self.boost == 1.0 else WrappingMatcher(found, boost=self.boost)

    def _spans(self, terms, term):
        return whoosh_internals.PhraseSpans(terms, slop=self.slop, ordered=True, mindist=1)


class _BridgedPhrase(_Phrase):
    """A phrase whose words may also be joined by the CJK pair across the gap before them
    (with_cjk_bridges; `bridges`, one a word: (the pair's term, whether the query wrote a hyphen
    there) or None): it finds the phrase with each of those gaps open or closed, the 2 ** gaps
    phrases matched in one pass (whoosh_internals.BridgedPhraseSpans). Its words are the ones
    highlighted, and a pair across a hyphen the query wrote (東京-大阪 is highlighted whole), not
    one across a space (京大 in "東京 大阪" is searched, not highlighted wherever it stands)."""

    def __init__(self, fieldname, words, bridges, slop=1, boost=1.0, char_ranges=None):
        super().__init__(fieldname, words, slop=slop, boost=boost, char_ranges=char_ranges)
        self.bridges = tuple(bridges)

    def __eq__(self, other):
        return super().__eq__(other) and self.bridges == getattr(other, "bridges", None)

    def __hash__(self):
        return super().__hash__() ^ hash(self.bridges)

    def __unicode__(self):
        shown = [f"{b[0]}{'-' if b[1] else ' '}{w}" if b else w for w, b in zip(self.words, self.bridges)]
        return f"{self.fieldname}:<{' '.join(shown)}>"

    __str__ = __unicode__

    def typed_terms(self):
        """The words and the pairs across the hyphens the query wrote (what is highlighted)."""
        return [*self.words, *(b[0] for b in self.bridges if b and b[1])]

    def _spans(self, terms, term):
        bridges = [term(b[0]) if b else None for b in self.bridges]
        return whoosh_internals.BridgedPhraseSpans(terms, bridges, slop=self.slop)


def _fast_phrases(node):
    if type(node) is wq.Phrase:
        return _Phrase(node.fieldname, node.words, slop=node.slop, boost=node.boost, char_ranges=node.char_ranges)
    return node


def _fast_ors(node):
    if type(node) is wq.Or:
        return _Or(node.subqueries, boost=node.boost, minmatch=node.minmatch, scale=node.scale)
    if type(node) is wq.FuzzyTerm:
        return _FuzzyTerm(node.fieldname, node.text, node.boost, node.maxdist, node.prefixlength, node.constantscore)
    return node


class QueryProblem(Exception):
    """A query we refuse, with the one-line reason shown to the user."""


# -- parsing --------------------------------------------------------------------------------------


class _Parser(QueryParser):
    """A word the analyzer cuts into several terms is all of them (AND), except where it has
    CJK characters: their pairs (textproc) must follow one another, as a phrase."""

    def multitoken_query(self, spec, texts, fieldname, termclass, boost):
        if any(textproc.CJK_RE.search(t) for t in texts):
            return self.phraseclass(fieldname, texts, boost=boost)
        return super().multitoken_query(spec, texts, fieldname, termclass, boost)

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        q = super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        if type(q) is wq.Prefix and isinstance(text, str):
            # The prefix as typed: its text is its stem (happy* is happi), which the words a
            # wildcard finds must begin as written (with_written_stems).
            q.typed = textproc.fold(text.lower())
        return q


_PARSERS: dict[tuple, QueryParser] = {}


def _parser(schema):
    key = tuple(schema.names())
    parser = _PARSERS.get(key)
    if parser is None:
        # What whoosh.qparser.MultifieldParser() makes, with our parser class.
        parser = _Parser(None, schema)
        parser.add_plugin(MultifieldPlugin(list(DEFAULT_FIELDS), fieldboosts={"title": 2.0}))
        # `word~` (one letter off), `word~2`: a typo's cure that only the stem needs to be near.
        parser.add_plugin(FuzzyTermPlugin())
        _PARSERS[key] = parser
    return parser


# Double quotation marks as typed with "smart quotes" or pasted from a page, and guillemets: each
# is the query's " (a phrase), where they were dropped as punctuation and the words searched
# one by one: “peace talks” found every article with both words anywhere.
_QUOTE_MARKS = str.maketrans(dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02", '"'))


_CURLY_QUOTES = frozenset(k for k in map(chr, _QUOTE_MARKS) if k != '"')


def straight_quotes(text: str) -> str:
    """`text` with each double quotation mark a `"`, but for one inside a phrase opened with `"`
    and closed with a `"` further on, which is a quotation mark of its words (`"he said “no”"`,
    as pasted: a \\" there, query_check.without_escaped_quotes)."""
    if text.isascii():
        return text
    if '"' not in text or not any(ch in _CURLY_QUOTES for ch in text):
        return text.translate(_QUOTE_MARKS)
    out = []
    opened = None  # the mark that opened the phrase the text is in
    last_straight = text.rindex('"')
    for i, ch in enumerate(text):
        if ch != '"' and ch not in _CURLY_QUOTES:
            out.append(ch)
        elif opened is None:
            opened = ch
            out.append('"')
        elif opened == '"' and ch != '"' and i < last_straight:
            out.append('\\"')
        else:
            opened = None
            out.append('"')
    return "".join(out)


def clean_query(text) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _CONTROL_RE.sub(" ", without_escape_sequences(text)).strip()
    if not text.isascii():
        # As the articles are: composed (NFC, so "nai\u0308ve" is one word) and without invisible
        # characters inside words.
        text = unicodedata.normalize("NFC", _INVISIBLE_RE.sub("", text)).strip()
    # The query as typed (`!vote` is written NOT vote below: 1,000 characters typed were 1,498).
    if len(text) > MAX_QUERY_CHARS:
        raise QueryProblem(f"the query is too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})")
    if not text.isascii():
        text = straight_quotes(text)
    # (After the smart quotes: \“ is a quotation mark of the words too.)
    text = query_check.plain_operators(query_check.without_escaped_quotes(text))
    depth = deepest = 0
    in_quote = False
    for ch in text:
        if ch == '"':
            in_quote = not in_quote
        elif not in_quote and ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif not in_quote and ch == ")":
            depth = max(0, depth - 1)
    if deepest > MAX_NESTING:
        raise QueryProblem(f"too many nested parentheses (the limit is {MAX_NESTING})")
    return text


def _check_wildcards(q) -> None:
    for node in _walk(q):
        if isinstance(node, wq.Every):
            # `*` alone (or `title:*`) listed every article, exit 0, though a wildcard needs letters
            # before it: a query that searches nothing, as `**` is.
            raise QueryProblem(
                f"a wildcard needs at least {MIN_WILDCARD_PREFIX} letters before * or ? (for example: infla*); "
                "* alone searches nothing: the list (reader list) shows every article"
            )
        if isinstance(node, (wq.Wildcard, wq.Prefix)):
            text = node.text if isinstance(node.text, str) else str(node.text)
            literal = re.split(r"[*?]", text, maxsplit=1)[0] if isinstance(node, wq.Wildcard) else text
            if len(literal) < MIN_WILDCARD_PREFIX:
                raise QueryProblem(
                    f"a wildcard needs at least {MIN_WILDCARD_PREFIX} letters before * or ? (for example: infla*)"
                )


def _walk(q):
    yield q
    if q.is_leaf():
        return
    for child in q.children():
        yield from _walk(child)


_PARSED: dict[tuple, object] = {}
_PARSED_MAX = 512


def parse(schema, text: str, languages: tuple[str, ...] = textproc.LANGUAGES):
    """A Whoosh query for the user's text, or QueryProblem. Falls back to plain words. Each
    word is looked up as its term in English and in each of `languages` (those of the index:
    index_languages(); by default all that have a stemmer of their own).

    Parsed queries are cached (search-as-you-type and match_ranges repeat them); a refused
    query is cached as its QueryProblem.
    """
    # With the day: `since:3d` moves with it.
    key = (tuple(schema.names()), text if isinstance(text, str) else repr(text), languages, date.today())
    cached = _PARSED.get(key)
    if cached is None:
        try:
            cached = localise(_parse(schema, text), languages)
        except QueryProblem as exc:
            cached = exc
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = cached
    if isinstance(cached, QueryProblem):
        raise QueryProblem(str(cached))
    return cached


def index_languages(reader) -> tuple[str, ...]:
    """The languages other than English whose articles the index holds (stemmed in their own)."""
    try:
        found = {t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("lang")}
    except Exception:
        return textproc.LANGUAGES  # unreadable: look everywhere rather than miss
    return tuple(code for code in textproc.LANGUAGES if code in found)


def _variants(text: str, languages: tuple[str, ...]) -> list[str]:
    """A query word's terms: English's (the analyzer's), then each language's, each once."""
    english, _, lower = text.partition(VARIANTS_MARK)
    out = [english]
    for code in languages:
        term = textproc.analyse(lower, code)
        if term is not None and term not in out:
            out.append(term)
    return out


def _word_in(word, code: str | None):
    """A phrase's word as its term in language `code` (None: English); None for a stop word of
    that language."""
    if not isinstance(word, str) or VARIANTS_MARK not in word:
        return word
    english, _, lower = word.partition(VARIANTS_MARK)
    return english if code is None else textproc.analyse(lower, code)


def _phrase_of(node, words: list[tuple[str, Any]]):
    """A query like the phrase `node` (bridged or not) of `words` ((word, its bridge) each)."""
    if len(words) == 1:
        return wq.Term(node.fieldname, words[0][0], boost=node.boost)
    if any(b for _, b in words):
        return _BridgedPhrase(
            node.fieldname, [w for w, _ in words], [b for _, b in words], slop=node.slop, boost=node.boost
        )
    return wq.Phrase(node.fieldname, [w for w, _ in words], slop=node.slop, boost=node.boost)


def localise(q, languages: tuple[str, ...]):
    """`q` with each word of a field stemmed per language (schema.FastText(languages=True))
    looked up in English and in each of `languages`: a word is any of its terms, a phrase any of
    its per-language phrases (an article is stemmed in one language, so its words all are)."""

    def fix(node):
        if type(node) is wq.Term and isinstance(node.text, str) and VARIANTS_MARK in node.text:
            terms = _variants(node.text, languages)
            if len(terms) == 1:
                return wq.Term(node.fieldname, terms[0], boost=node.boost)
            # The boost on each term (not the Or): a term scores as it did alone.
            return _Or([wq.Term(node.fieldname, t, boost=node.boost) for t in terms])
        if isinstance(node, wq.Phrase) and any(isinstance(w, str) and VARIANTS_MARK in w for w in node.words):
            bridges = getattr(node, "bridges", (None,) * len(node.words))
            phrases: list[list[tuple[str, Any]]] = []
            for code in (None, *languages):
                # A language's stop word is left out of its phrase, as of its articles' terms (a
                # bridge joins two CJK words, never one left out).
                words = [
                    (w, b) for w, b in ((_word_in(w, code), b) for w, b in zip(node.words, bridges)) if w is not None
                ]
                if words and words not in phrases:
                    phrases.append(words)
            made = [_phrase_of(node, words) for words in phrases]
            return made[0] if len(made) == 1 else _Or(made)
        if (
            type(node) is wq.Wildcard
            and languages
            and node.fieldname in LANGUAGE_FIELDS
            and not node.text.endswith("*")
        ):
            # `w?hl` matches a whole term: an article in another language marks its terms.
            marked = wq.Wildcard(node.fieldname, node.text + textproc.LANGUAGE_MARK + "*", boost=node.boost)
            return _Or([wq.Wildcard(node.fieldname, node.text, boost=node.boost), marked])
        if isinstance(getattr(node, "text", None), str) and VARIANTS_MARK in node.text:
            node = node.copy()  # any other query of a word (none made today): its English term
            node.text = node.text.partition(VARIANTS_MARK)[0]
        return node

    return q.accept(fix)


def _parse(schema, text: str):
    text = query_check.without_closing_question_marks(clean_query(text))
    if not text:
        raise QueryProblem("the query is empty")
    # After the cleaning: "since:2014" with an escape sequence or in curly quotes is read as typed.
    text = query_check.filter_dates(text)
    problem = query_check.query_problem(text)
    if problem:
        raise QueryProblem(problem)
    text = query_check.lower_field_names(text)
    text = with_compound_parts(en_dashes_as_hyphens(text))
    parser = _parser(schema)
    try:
        q = parser.parse(text)
    except QueryProblem:
        raise
    except Exception:
        # Syntax the parser cannot take (odd ranges, operator soup): search the words instead.
        plain = _SYNTAX_RE.sub(" ", text)
        try:
            q = parser.parse(plain) if plain.strip() else wq.NullQuery
        except Exception:
            raise QueryProblem("could not understand the query; try plain words") from None
    if q is not None and q is not wq.NullQuery:
        q = _without_lone_cjk(q)
    if q is wq.NullQuery or q is None:
        if any(textproc.is_cjk(ch) for ch in text):
            # CJK text is indexed as pairs of characters: a lone one matches no term.
            raise QueryProblem(
                "one Chinese, Japanese or Korean character alone is not searchable: "
                "type two or more together, as in 东京"
            )
        # "the query has no words" answered `the`, a word: it is one too common to be indexed.
        problem = query_check.unsearchable_words_problem(text, _OPERATORS)
        if problem:
            raise QueryProblem(problem)
        if any(unicodedata.category(ch) == "So" for ch in text):
            # 🔥 alone said nothing of why: symbols and emoji are no words, in the index as here.
            raise QueryProblem("the query has no words to search for: symbols and emoji (🔥) are not searched")
        raise QueryProblem("the query has no words to search for")
    q = q.accept(_joined_wildcards)
    _check_wildcards(q)
    if any(isinstance(node, wq.FuzzyTerm) and node.maxdist > MAX_FUZZY_EDITS for node in _walk(q)):
        raise QueryProblem(f"a fuzzy word may be at most {MAX_FUZZY_EDITS} letters off, as in budgit~2")
    if any(getattr(node, "boost", 1.0) <= 0 for node in _walk(q)):
        raise QueryProblem("a boost (^N) must be more than 0, as in budget^2")
    return q.accept(with_cjk_bridges).accept(_fast_ors).accept(_date_periods).accept(_story_id_starts)


def _without_lone_cjk(q):
    """`q` without its words of one CJK character outside a phrase: a particle (と, の) is
    indexed for phrases to count it (textproc.is_kept), not to be searched alone, where it was
    left out as a stop word is (`東京 と 大阪` is 東京 大阪, and `東` alone is refused)."""

    def fix(node):
        if type(node) is wq.Term and isinstance(node.text, str) and textproc.is_lone_cjk(node.text):
            return wq.NullQuery
        return node

    if not any(type(node) is wq.Term and textproc.is_lone_cjk(str(node.text)) for node in _walk(q)):
        return q
    return q.accept(fix).normalize()


# The gaps beside a phrase's lone CJK characters whose every closing is a phrase of its own (2 **
# gaps of them); past that, all open or all closed.
MAX_PARTICLE_GAPS = 6


def _with_particles(node, words: list, bridges: list):
    """The phrase of `words` (their `bridges`: with_cjk_bridges) where a word is one CJK
    character (a particle: `"東京 と 大阪"`): each gap beside it that a pair may close is open or
    closed, and a particle inside a closed gap is that pair's (東京と大阪 is 東京 京と と大 大阪, and
    東京と 大阪 東京 京と 大阪), so that the phrase finds 東京 と 大阪, 東京と大阪, 東京と 大阪 and 東京 と大阪
    but never 東京 大阪 nor 東京の大阪. A phrase for each way of closing them, their Or."""
    lone = [textproc.is_lone_cjk(w) if isinstance(w, str) else False for w in words]
    beside = [k for k in range(1, len(words)) if bridges[k] and (lone[k - 1] or lone[k])]
    if len(beside) <= MAX_PARTICLE_GAPS:
        ways = [dict(zip(beside, closed)) for closed in itertools.product((False, True), repeat=len(beside))]
    else:
        ways = [dict.fromkeys(beside, False), dict.fromkeys(beside, True)]
    made = []
    for closed in ways:
        out_words: list = []
        out_bridges: list = []
        for k, word in enumerate(words):
            if closed.get(k):
                out_words.append(bridges[k][0])  # the pair across the gap, as a word of the phrase
                out_bridges.append(None)
            if lone[k] and (closed.get(k) or closed.get(k + 1)):
                continue  # the particle is inside the pair
            out_words.append(word)
            out_bridges.append(None if k in closed else bridges[k])
        if len(out_words) == 1:
            made.append(wq.Term(node.fieldname, out_words[0], boost=node.boost))
        elif any(out_bridges):
            made.append(_BridgedPhrase(node.fieldname, out_words, out_bridges, slop=node.slop, boost=node.boost))
        else:
            made.append(wq.Phrase(node.fieldname, out_words, slop=node.slop, boost=node.boost))
    return made[0] if len(made) == 1 else wq.Or(made)


_BRIDGE_RE = re.compile(f"([^{BRIDGE_MARK}{TYPED_BRIDGE_MARK}]*)([{BRIDGE_MARK}{TYPED_BRIDGE_MARK}])(.*)", re.S)


def with_cjk_bridges(node):
    """A phrase whose CJK words have a space or a hyphen between them (the analyzer marks the
    word after the gap with the pair across it: schema.bridge_prefix) as a _BridgedPhrase, each
    gap open or closed by that pair: `"東京 大阪"` finds 東京 大阪, 東京-大阪 and 東京大阪 (indexed as
    東京 京大 大阪), `東京-大阪` finds them too, and `"大阪 東京"` none of them."""
    marked = (
        [_BRIDGE_RE.fullmatch(w) if isinstance(w, str) else None for w in node.words] if type(node) is wq.Phrase else []
    )
    if not any(marked):
        text = getattr(node, "text", None)
        if isinstance(text, str) and (m := _BRIDGE_RE.fullmatch(text)) is not None:
            node = node.copy()  # a lone word (none is made today): its own term
            node.text = m.group(3)
        return node
    words = [m.group(3) if m else word for word, m in zip(node.words, marked)]
    # The pair across the gap before each word, and whether the query wrote a hyphen there.
    bridges = [(m.group(1), m.group(2) == TYPED_BRIDGE_MARK) if m else None for m in marked]
    if any(isinstance(w, str) and textproc.is_lone_cjk(w) for w in words):
        return _with_particles(node, words, bridges)
    return _BridgedPhrase(node.fieldname, words, bridges, slop=node.slop, boost=node.boost)


# A hyphenated word of the query outside a phrase, with no wildcard, fuzziness or boost on it.
_HYPHEN_CLASS = re.escape(textproc.HYPHENS)
# A word's marks (a Devanagari vowel sign: "हिंदी-भाषी"), which \w is not.
_MARKS = textproc.MARKS
# (After a field's name, that field's: "date:2025-10-01" or "story:ID" is no compound.)
_COMPOUND_RE = re.compile(
    rf"(?:(\w+):)?(?<![\w{_MARKS}.'\u2019/{_HYPHEN_CLASS}*?~^])"
    rf"([\w{_MARKS}]+(?:[{_HYPHEN_CLASS}][\w{_MARKS}]+)+)(?![\w{_MARKS}.'\u2019/{_HYPHEN_CLASS}*?~^])"
)


# An en dash between two letters of a query (`health–care`, as an editor or a phone's keyboard
# types a hyphen): the articles' dash parts words (textproc: "Clinton–Trump"), but one typed in a
# word meant its hyphen, which also finds the joined word (healthcare). Digits keep their dash
# (2020–21 is a span).
_EN_DASH_IN_WORD_RE = re.compile(r"(?<=[^\W\d_])\u2013(?=[^\W\d_])")


def en_dashes_as_hyphens(text: str) -> str:
    """The query with an en dash between two letters read as a hyphen (_EN_DASH_IN_WORD_RE)."""
    return _EN_DASH_IN_WORD_RE.sub("-", text) if "\u2013" in text else text


def with_compound_parts(text: str) -> str:
    """The query with each hyphenated word also searched as its parts: the analyzer makes a
    compound its joined word ("re-election" is reelection, as the index holds both spellings at
    its place), and its parts as separate words (re AND election) find what they found before
    (an "Israel-Hamas" query, articles of Israel and Hamas; "東京-大阪", those of 東京 and 大阪, as
    "東京・大阪" writes them). A phrase holding one is also the phrase of its parts apart
    (`"new-york times"` is also `"new york times"`): the joined word stands at the last part's
    place, so a phrase with a word before the compound missed it even written so, and the parts
    apart find the hyphenated word and the parts written apart, as a CJK phrase does
    (with_cjk_bridges). A compound with a part that is never searched alone (the e of e-mail, a
    stop word, the lone 中 of 中-美) is the joined word only."""
    if not textproc.has_hyphenated_word(text):
        return text
    pieces = text.split('"')
    for k in range(0, len(pieces), 2):  # outside quotation marks
        pieces[k] = _COMPOUND_RE.sub(_compound_group, pieces[k])
    text = '"'.join(pieces)
    if len(pieces) % 2 == 0:
        return text  # a quotation mark left open: the parser's hint says so
    return _PHRASE_RE.sub(_phrase_group, text)


def _searched_apart(parts: list[str]) -> bool:
    """Whether each part of a compound is searched as a word of its own."""
    return not any(textproc.analyse(word) is None for part in parts for word, _, _ in textproc.words(part))


def _compound_group(m: re.Match) -> str:
    fieldname, compound = m.group(1), m.group(2)
    parts = re.split(f"[{_HYPHEN_CLASS}]", compound)
    if (
        (fieldname is not None and fieldname not in TEXT_FIELDS | {"author"})
        or len(parts) > textproc.MAX_COMPOUND_PARTS
        or not any(ch.isalpha() for ch in compound)
        or not _searched_apart(parts)
    ):
        return m.group()
    return f"{fieldname + ':' if fieldname else ''}({compound} OR ({' '.join(parts)}))"


# A quoted phrase, with its field before it and its slop and boost after it, then a space, a
# bracket or the end: a phrase with a `~` or `^` left without its number (as typed on the way to
# `"new-york"~2`) or anything else glued on stays as typed (split in two, `"new-york"^` lost the
# word written closed up, and `"new-york"^x` became `(...)x`).
_PHRASE_RE = re.compile(r'(?:(\w+):)?"([^"]*)"((?:~\d+)?(?:\^(?:\d+(?:\.\d*)?|\.\d+))?)(?=[\s()]|$)')
_HYPHEN_SPLIT_RE = re.compile(f"[{_HYPHEN_CLASS}]")


def _phrase_group(m: re.Match) -> str:
    """A phrase holding a compound (textproc.compounds) as it is or with the compounds' parts
    apart (with_compound_parts)."""
    fieldname, phrase, tail = m.group(1), m.group(2), m.group(3)
    if (fieldname is not None and fieldname not in TEXT_FIELDS | {"author"}) or not textproc.has_hyphenated_word(
        phrase
    ):
        return m.group()
    apart = list(phrase)
    for _, begin, end, _ in textproc.compounds(phrase, textproc.words(phrase)).values():
        if _searched_apart(_HYPHEN_SPLIT_RE.split(phrase[begin:end])):
            apart[begin:end] = _HYPHEN_SPLIT_RE.sub(" ", phrase[begin:end])
    if "".join(apart) == phrase:
        return m.group()
    field = f"{fieldname}:" if fieldname else ""
    return f'({field}"{phrase}"{tail} OR {field}"{"".join(apart)}"{tail})'


def _joined_wildcards(node):
    """A wildcard on a hyphenated word as on its parts written together: the index holds a
    compound as its joined word (`email` for e-mail) and its parts, never with its hyphen, so
    `e-mail*` found nothing where `email*` finds e-mail, email and e-mails."""
    if (
        isinstance(node, (wq.Prefix, wq.Wildcard))
        and node.fieldname in TEXT_FIELDS | {"author"}
        and _HYPHEN_SPLIT_RE.search(node.text)
    ):
        node = node.copy()
        node.text = _HYPHEN_SPLIT_RE.sub("", node.text)
    return node


# The letters a stem may lack of its word's end: the index holds words by their stems
# (inflation is inflat, president presid), shorter than the words a prefix begins.
STEM_LACKS = 4
# The word endings a stemmer cuts (English's, Porter's, most of them shared by the other
# languages' stemmers): a prefix with one of them after it, or ending inside one (`inflatio*`
# inside -ion), is a word the prefix begins whose stem it may not begin.
_STEMMED_ENDINGS = (
    "s es ies ed ing ings ion ions ation ational ator al ally ly ness ment ement ent ence ency ance"
    " ancy able ible er ers ic ical ive ize ise ous ity ities ful ism ist ant ate e y"
).split()


@lru_cache(maxsize=256)
def stems_a_prefix_begins(prefix: str) -> tuple[str, ...]:
    """The stems, MIN_WILDCARD_PREFIX letters long or more, of the words `prefix` begins that a
    wildcard on it misses, as the prefix does not begin them: the stems of the prefix with an
    ending a stemmer cuts after it (president: presid), or ending inside one (`inflatio` of
    inflation: inflat; `sensatio` of sensational: sensat). A stem found by cutting an ending's
    first letters off the prefix instead was no word's it begins: `plane*` found plan (plane less
    -e). These are guesses from letters (`carbin` ending inside -ing gives carb): the search
    keeps those an article writes as a word the prefix begins (with_written_stems), and of such a
    stem's articles only those that write one: a stem the stemmer rewrote (citing is cite) finds
    `citi*` the articles writing citing, not those writing cite or cited only."""
    prefix = prefix.lower()
    words = {
        prefix[:size] + ending
        for size in range(max(1, len(prefix) - STEM_LACKS), len(prefix) + 1)
        for ending in ("", *_STEMMED_ENDINGS)
        if ending.startswith(prefix[size:]) and (ending or size == len(prefix))
    }
    stems = {textproc.analyse(word) for word in words}
    return tuple(
        sorted(
            stem
            for stem in stems
            if stem and len(stem) >= MIN_WILDCARD_PREFIX and not stem.startswith(prefix) and stem.isalpha()
        )
    )


def within_prefix(stem: str, prefix: str) -> bool:
    """Whether `prefix` begins with `stem`, the stemmer's y made i aside (happy is happi): its
    words then begin with the prefix's letters as far as the stem goes. A stem not within its
    prefix is one the stemmer rewrote (hope, of hoping, for `hopi*`): every article holding it is
    read for the words written (with_written_stems), hundreds for a common verb's (make, of making)."""
    return prefix.startswith(stem) or (
        prefix.startswith(stem[:-1]) and stem[-1] == "i" and prefix[len(stem) - 1] == "y"
    )


# How many articles holding a stem are read, at most, for one that writes a word the prefix begins
# (_written_in): reading only the first 100 left out a common stem's rarer forms (on basil-dev
# copied ten times, `supporters*` found none of the 190 articles writing supporters, as support's
# first 100 did not), a bound on the cost of a guess no article writes (carbin*: carb).
_STEM_ARTICLES = 2000
# {reader: {(field, term, prefix): whether an article writes a word the prefix begins as term}}
_WRITTEN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _AsWritten(_Or):
    """A wildcard on plain letters made to find the articles writing a word its prefix begins
    (with_written_stems): `prefix`, and `unsure`, the terms it found that a word the prefix does
    not begin may stand for too (hope, of hoping), highlighted only where the prefix begins the
    word (positive_terms)."""

    def __init__(self, subqueries, prefix: str = "", unsure: frozenset[str] = frozenset(), **kwargs):
        super().__init__(subqueries, **kwargs)
        self.prefix, self.unsure = prefix, unsure

    def apply(self, fn):  # as Or's, the prefix and the terms kept (a copy made with new children)
        return self.__class__([fn(q) for q in self.subqueries], self.prefix, self.unsure, boost=self.boost)


def with_written_stems(q, reader, rewritten_stems: bool = True):
    """`q` with a prefix of plain letters (`inflatio*`) also finding the stems of the words it
    begins that it does not begin itself (stems_a_prefix_begins): the index holds inflation as
    inflat, so `inflatio*` (and `president*`, president being presid) found no word it begins.
    Only a stem the index holds, in English or another language (`inflat@de`), and that an
    article writes as a word the prefix begins (_written_in): a stem guessed from the prefix's
    letters was often another word's (carbin* found carbs, ration* ratio, univers* univ) or a
    made-up word's.
    A wildcard finds the words written so: an article whose words of such a stem, or of the term
    the prefix is itself (hope, of hoping; happi, of happy), are all ones the prefix does not begin
    is left out (_articles_not_writing): `supportiv*` found every article writing support, and
    `hope*` one writing hoping only.
    `rewritten_stems` False: a stem the stemmer rewrote (not within_prefix: hope, of hoping, for
    `hopi*`) is left out, as reading its articles costs more than a key typed may (run_search's
    `unfinished`): the word typed whole finds them."""

    def fix(node):
        plain = type(node) is wq.Prefix and node.fieldname in LANGUAGE_FIELDS and node.text.isalpha()
        if not plain or textproc.is_cjk(node.text):
            return node
        terms = _written_stems(reader, node.fieldname, node.text.lower(), rewritten_stems)
        typed = _HYPHEN_SPLIT_RE.sub("", getattr(node, "typed", "")) or node.text.lower()
        prefix = typed if typed.isalpha() else node.text.lower()
        unsure = [*terms, *_terms_not_surely_begun(reader, node.fieldname, node.text.lower(), prefix)]
        unwritten = _articles_not_writing(reader, node.fieldname, prefix, unsure)
        if not terms and unwritten is None:
            return node  # every article it finds writes a word it begins: as Whoosh finds them
        found = _Or([node] + [wq.Term(node.fieldname, term, boost=node.boost) for term in terms]) if terms else node
        if unwritten is not None:
            found = wq.AndNot(found, unwritten)
        return _AsWritten([found], prefix=prefix, unsure=frozenset(unsure))

    return q.accept(fix)


def _terms_not_surely_begun(reader, fieldname: str, parsed: str, typed: str) -> list[str]:
    """The terms, in any language, the prefix `parsed` finds (the stem of `typed`: happi of
    happy, support of supportive) whose words `typed` may not begin: those it does not begin with
    a letter to spare. A stem differs from each of its words in its last letter at most (hope, of
    hoping; happi, of happy: none of basil-dev's 8,800 words more), so a longer term `typed`
    begins is one of words it begins."""
    try:
        found = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.expand_prefix(fieldname, parsed)]
    except Exception:
        return []  # let the search itself say what is wrong
    unsure = []
    for term in found:
        stem = term.partition(textproc.LANGUAGE_MARK)[0]
        if len(stem) <= len(typed) or not stem.startswith(typed):
            unsure.append(term)
    return unsure


# {reader: {(field, prefix, terms): the query of the articles holding one of the terms that write
# no word the prefix begins}}: as you type, each prefix is read once an index generation.
_UNWRITTEN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# {reader: {(field, prefix): {docnum: (its id, whether the article writes a word the prefix
# begins)}}}: an article writing no word a prefix begins writes none a longer one begins, so
# typing supportiv after supporti reads only the articles that wrote supporti.
_BEGUN_IN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _articles_not_writing(reader, fieldname: str, prefix: str, terms: list[str]):
    """The articles holding one of `terms` (of each term's first _STEM_ARTICLES) that write no word
    `prefix` begins, in `fieldname` (a quote's and a speaker's: the body), as a query (None:
    none): their ids, or, when fewer, the terms but for the ids of the articles that write one."""
    if not terms:
        return None
    known = _UNWRITTEN.setdefault(reader, {})
    key = (fieldname, prefix, tuple(terms))
    if key not in known:
        known[key] = _unwritten_query(reader, fieldname, prefix, terms)
    return known[key]


def _unwritten_query(reader, fieldname: str, prefix: str, terms: list[str]):
    begun = textproc.fold(prefix)
    seen = _BEGUN_IN.setdefault(reader, {})
    shorter = [found for size in range(len(prefix) - 1, 0, -1) if (found := seen.get((fieldname, prefix[:size])))]
    mine = seen.setdefault((fieldname, prefix), {})
    docnums: set[int] = set()
    capped = False
    try:
        for term in terms:
            held = list(itertools.islice(reader.postings(fieldname, term).all_ids(), _STEM_ARTICLES + 1))
            capped = capped or len(held) > _STEM_ARTICLES
            docnums.update(held[:_STEM_ARTICLES])
        for docnum in sorted(docnums):
            if docnum in mine:
                continue
            # (id, whether it writes a word the prefix begins); none written for a shorter prefix
            known = next((found[docnum] for found in shorter if docnum in found and not found[docnum][1]), None)
            if known is None:
                stored = reader.stored_fields(docnum)
                text = stored.get(fieldname) or stored.get("body") or ""
                known = (str(stored.get("id") or ""), _writes_a_word_begun(text, begun))
            mine[docnum] = known
    except Exception:
        return None  # let the search itself say what is wrong
    read = [mine[n] for n in docnums]
    unwritten = sorted(ident for ident, written in read if ident and not written)
    if not unwritten:
        return None
    written = sorted(ident for ident, was in read if ident and was)
    if capped or len(unwritten) <= len(written):
        return _Articles([wq.Term("id", ident) for ident in unwritten])
    # (an id term a document: a few hundred made a search of supportiv* ten times as slow)
    holding = _Or([wq.Term(fieldname, term) for term in terms])
    return wq.AndNot(holding, _Articles([wq.Term("id", ident) for ident in written])) if written else holding


def _written_stems(reader, fieldname: str, prefix: str, rewritten_stems: bool = True) -> list[str]:
    """The terms of stems_a_prefix_begins(prefix), in any language, that the index holds and an
    article writes as a word `prefix` begins (those within_prefix only, unless `rewritten_stems`)."""
    found: list[str] = []
    for stem in stems_a_prefix_begins(prefix):
        if not rewritten_stems and not within_prefix(stem, prefix):
            continue
        try:
            held = [stem] if (fieldname, stem) in reader else []
            marked = reader.expand_prefix(fieldname, stem + textproc.LANGUAGE_MARK)
            held += [t.decode("utf-8") if isinstance(t, bytes) else t for t in marked]
        except Exception:
            continue  # let the search itself say what is wrong
        found.extend(term for term in held if _written_in(reader, fieldname, term, prefix))
    return found


def _written_in(reader, fieldname: str, term: str, prefix: str) -> bool:
    """Whether an article holding `term` (of its first _STEM_ARTICLES) writes a word that `prefix`
    begins whose term it is (president for presid and presiden*; no carbing for carb and carbin*)."""
    known = _WRITTEN.setdefault(reader, {})
    key = (fieldname, term, prefix)
    if key in known:
        return known[key]
    # A word the prefix begins begins every shorter prefix too: one of those none of these
    # articles writes (a prefix typed a letter ago, as you type) answers without a scan.
    if any(known.get((fieldname, term, prefix[:size])) is False for size in range(1, len(prefix))):
        return False
    language = textproc.language_of_term(term)
    begun = textproc.fold(prefix)
    written = False
    try:
        for docnum in itertools.islice(reader.postings(fieldname, term).all_ids(), _STEM_ARTICLES):
            stored = reader.stored_fields(docnum)
            # A quote's and a speaker's words are not stored apart: they are the body's.
            text = stored.get(fieldname) or stored.get("body") or ""
            if any(textproc.analyse(word, language) == term for word in textproc.words_begun(text, begun)):
                written = True
                break
    except Exception:
        pass
    # Stored once known: a search reading the cache meanwhile scans for itself, not a False.
    known[key] = written
    return written


def _date_periods(node):
    """`date:` terms and range ends as whole periods: the index holds days, so `date:2010` (a
    term) is every day of 2010, and a range from 2010 to 2010-12 runs from its first day to the
    last day of December (as text, "2010-12-05" sorts after "2010-12")."""
    if getattr(node, "fieldname", None) != "date":
        return node
    if type(node) is wq.Term:
        found = calendar_dates.span(node.text)
        if found is None:
            return node
        return wq.TermRange("date", found[0], found[1], boost=node.boost)
    if type(node) is wq.TermRange:
        # An excluded end excludes its whole period: {2010 TO ...] starts after 2010's last day.
        start = calendar_dates.bound(node.start, end=node.startexcl) if node.start else None
        end = calendar_dates.bound(node.end, end=not node.endexcl) if node.end else None
        return wq.TermRange(
            "date", start or node.start, end or node.end, node.startexcl, node.endexcl, boost=node.boost
        )
    return node


def _story_id_starts(node):
    """`story:ID` with the start of an id (`reader stories` shows "sde2e8" at 60 columns; an id
    saved when ids had 10 hex digits, a script's query, the search history's) finds the stories
    whose ids start so, as `--story` takes it."""
    if type(node) is wq.Term and node.fieldname == "story" and STORY_ID_START.fullmatch(str(node.text)):
        return wq.Prefix("story", node.text, boost=node.boost)
    return node


def _marked(text) -> bool:
    return isinstance(text, str) and textproc.LANGUAGE_MARK in text


def without_absent_variants(q, reader):
    """`q` without the terms in other languages than English (localise) that the index does not
    hold, nor the phrases holding one: most words of a query have no term in most languages,
    and each absent term still cost a size estimate and a matcher (two lookups, an exception)
    for one lookup here."""

    def present(node) -> bool:
        try:
            if type(node) is wq.Term and _marked(node.text):
                return (node.fieldname, node.text) in reader
            if isinstance(node, wq.Phrase) and any(_marked(w) for w in node.words):
                return all((node.fieldname, w) in reader for w in node.words)
        except Exception:
            return True  # let the search itself say what is wrong
        return True

    def fix(node):
        if type(node) is _Or and any(not present(sub) for sub in node.subqueries):
            kept = [sub for sub in node.subqueries if present(sub)]
            if len(kept) == 1:
                return kept[0]
            return _Or(kept, boost=node.boost) if kept else wq.NullQuery
        return node

    return q.accept(fix)


def positive_terms(q, reader, phrases: list | None = None, as_written: dict | None = None) -> set[str]:
    """Analysed terms (text fields) the query looks for, wildcards expanded, negations ignored.
    With a `phrases` list, a phrase's words are not among them: the phrase is added to the list
    instead, as textproc.phrase_ranges takes it (its words highlighted where it stands only).
    With an `as_written` dict, it gets each term only a wildcard's unsure terms are (_AsWritten:
    hope for hope*, which hoping is too) and the prefixes that may begin its words highlighted."""
    out: set[str] = set()
    unsure: dict[str, set[str]] = {}

    def visit(node):
        if isinstance(node, wq.Not):
            return
        if isinstance(node, _AsWritten) and as_written is not None:
            inner = positive_terms(node.subqueries[0], reader, phrases)
            for term in inner & node.unsure:
                unsure.setdefault(term, set()).add(node.prefix)
            out.update(inner - node.unsure)
            return
        if isinstance(node, wq.AndNot):
            visit(node.a)
            return
        if phrases is not None and isinstance(node, wq.Phrase):
            if node.fieldname in TEXT_FIELDS and all(
                isinstance(w, str) and (node.fieldname, w) in reader for w in node.words
            ):
                phrases.append((tuple(node.words), getattr(node, "bridges", None), node.slop))
            return
        if isinstance(node, _BridgedPhrase):
            if node.fieldname in TEXT_FIELDS:
                out.update(word for word in node.typed_terms() if (node.fieldname, word) in reader)
            return
        if node.is_leaf():
            try:
                for fieldname, text in node.existing_terms(reader, phrases=True, expand=True):
                    if fieldname in TEXT_FIELDS:
                        out.add(text.decode("utf-8") if isinstance(text, bytes) else text)
            except Exception:
                return
            return
        for child in node.children():
            visit(child)

    visit(q)
    if as_written is not None:
        as_written.update((term, frozenset(prefixes)) for term, prefixes in unsure.items() if term not in out)
    return out | set(unsure)


# -- running a search -----------------------------------------------------------------------------


def _filters(outlet, since, until, story):
    parts = []
    if outlet:
        parts.append(wq.Term("outlet_id", outlet_key(str(outlet))))
    for name, value in (("since", since), ("until", until)):
        problem = calendar_dates.bound_problem(name, value) if value else None
        if problem:
            raise QueryProblem(problem)
    if calendar_dates.empty_range(since, until):
        raise QueryProblem(f"the date range is empty: since {since} is after until {until}")
    if since or until:
        start = calendar_dates.bound(since, end=False) if since else None
        end = calendar_dates.bound(until, end=True) if until else None
        parts.append(wq.TermRange("date", start, end, startexcl=False, endexcl=False))
    if story:
        parts.append(_story_id_starts(wq.Term("story", str(story))))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _outlet_names(searcher) -> list[str]:
    try:
        return [t.decode("utf-8") if isinstance(t, bytes) else t for t in searcher.reader().lexicon("outlet_id")]
    except Exception:
        return []


def run_search(
    index,
    text,
    limit=20,
    outlet=None,
    since=None,
    until=None,
    sort="relevance",
    story=None,
    offset=0,
    listing="reader list",
    unfinished=False,
    open_quote_as_words=False,
    cut_passages=True,
    rewritten_stems=True,
) -> SearchResults:
    """The hits ranked offset+1 to offset+limit (limit None: all of them from offset on); `total`
    counts them all, so a caller can ask for the next page with offset=len(hits so far). It is
    exact (every match is counted, see _execute) unless the time limit cut the search short
    (`partial`): then it is what was counted by then. `unfinished`: the query is being typed (its
    last word is not corrected while indexed words begin with it: suggest).
    `open_quote_as_words`: a quotation mark left open (a passage pasted into the app) is no
    error: the words after it are searched one by one, and a note says so.
    `cut_passages`: a passage that finds nothing is searched again without its first or last word
    (passage_without_cut_ends), as a passage copied from an article may be cut mid-word.
    `rewritten_stems`: a wildcard finds the words of stems the stemmer rewrote (with_written_stems);
    not the prefix an `unfinished` word is read as, searched again at each key typed."""
    results = SearchResults(query=text if isinstance(text, str) else str(text))
    # The commands its advice names, with the --corpus and --index the search ran with.
    advised: Callable[[str], str] = getattr(index, "command_line", None) or reader_command
    try:
        limit = None if limit is None else max(1, int(limit))  # as many as asked: no hidden cap
        offset = max(0, int(offset))
    except (TypeError, ValueError):
        results.error = "the limit and the offset must be whole numbers"
        return results
    if sort not in ("relevance", "date"):
        results.error = "sort must be 'relevance' or 'date'"
        return results
    try:
        searcher = index.searcher()
    except Exception as exc:
        results.fail_with_advice(f"the index cannot be read ({type(exc).__name__})", advised("index --rebuild"))
        return results
    if searcher is None:
        problem = getattr(index, "problem", None)
        results.no_index = not problem
        if problem:
            results.fail_with_advice(problem, advised("index --rebuild"))
        else:
            results.fail_with_advice("there is no index yet", advised("index"))
        return results
    try:
        if isinstance(text, str) and ("outlet:" in text.lower() or "outlet：" in text.lower()):
            # Before outlet:“Fox News” is read as a phrase, and a \" as one's end.
            text = query_check.plain_operators(query_check.without_escaped_quotes(straight_quotes(text)))
            text, results.notes = rewrite_outlet_fields(text, _outlet_names(searcher), results.outlet_misses, listing)
        languages = index_languages(searcher.reader())
        q, open_quote = _prepared(searcher, text, languages, open_quote_as_words, rewritten_stems)
        if open_quote:
            results.notes.append(OPEN_QUOTE_NOTE)
        starred = query_check.starred_words_in_phrases(straight_quotes(text)) if isinstance(text, str) else []
        if starred:  # ("presiden* obama" found nothing, and nothing said why)
            results.notes.append(
                f"a * inside quotation marks is no wildcard: {starred[0]} is searched as the word "
                f"{starred[0].rstrip('*')} (outside the quotes it is one)"
            )
        filterq = _filters(outlet, since, until, story)
    except QueryProblem as exc:
        results.error = str(exc)
        return results
    try:
        # A hit's path: the index names files under their corpus folder's token (roots.py).
        resolve = getattr(index, "resolve", None) or (lambda key: key)
        found = _execute(searcher, q, filterq, results, limit, sort, resolve, offset, unfinished)
        # The word being typed found nothing yet ("obam" on the way to obama): the words it
        # begins, as its wildcard finds them; finished (a space, Enter), it is read as typed.

        def searched_again(query: str, **how) -> SearchResults:  # (another reading of the query, the same page)
            return run_search(
                index,
                query,
                limit,
                outlet,
                since,
                until,
                sort,
                story,
                offset,
                listing,
                False,
                open_quote_as_words,
                **how,
            )

        typed = typed_prefix(text) if unfinished and not found.total and not found.error else None
        if typed is not None:
            # (hopi read as hopi* leaves out hope's articles writing hoping: hoping typed finds them)
            begun = searched_again(typed, rewritten_stems=False)
            if begun.hits and begun.error is None:
                begun.query, begun.begun = found.query, typed
                return begun
        cut_ends = passage_without_cut_ends(text) if not found.total and not found.error else []
        if not cut_passages:
            found.cut_untried, cut_ends = bool(cut_ends), []
        for trimmed, left_out in cut_ends:
            # (trump said he walrus: no article writes walrus* after trump said he)
            if not _cut_in_one_of(searcher, text, trimmed, languages, open_quote_as_words, filterq):
                continue
            cut = searched_again(trimmed, cut_passages=False)
            if cut.hits and cut.error is None:
                cut.query, cut.trimmed = found.query, trimmed
                cut.notes = [n for n in cut.notes if n != OPEN_QUOTE_NOTE] + [
                    f"no article has the passage whole: searched without {left_out}, as cut mid-word"
                ]
                return cut
        return found
    except RecursionError:
        results.error = "the query is too complex"
    except QueryProblem as exc:
        results.error = str(exc)
    except Exception as exc:  # a Whoosh corner case, or a damaged file: explain, never crash
        damage = index.damage() if hasattr(index, "damage") else None
        if damage:
            results.hits, results.total, results.damaged = [], 0, True
            results.fail_with_advice(f"the index is damaged ({damage})", advised("index --rebuild"))
        else:
            results.error = f"the query could not be run ({type(exc).__name__}); try plain words"
    return results


# The word a query being typed ends on, letters only, long enough for a wildcard (query_check).
_TYPED_WORD_RE = re.compile(r"(?:^|\s)([^\W\d_]{%d,})$" % MIN_WILDCARD_PREFIX)


def typed_prefix(text) -> str | None:
    """The query being typed with its last word a prefix (`obam` is `obam*`, which finds the
    stems it begins too: with_written_stems), where that word is plain letters outside a
    phrase and no operator; None otherwise."""
    typed = _TYPED_WORD_RE.search(text) if isinstance(text, str) and text.count('"') % 2 == 0 else None
    if typed is None or typed.group(1) in ("AND", "OR", "NOT", "TO"):
        return None
    return text + "*"


# The words a pasted passage keeps at least once its first or last word, taken as cut mid-word, is
# left out (passage_without_cut_ends): a query of two or three words is a query, each word meant.
PASSAGE_KEPT_WORDS = 3
# The double quotation marks a passage may be pasted between (straight_quotes reads them all as ").
_PASSAGE_QUOTES = frozenset('"').union(map(chr, _QUOTE_MARKS))
# What makes a query more than a passage: a field, a wildcard, a group or range, an operator (a
# passage's "said:", its quotations and its parenthesised words are its own).
_NOT_A_PASSAGE_RE = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(query_check.FIELD_NAMES)}|since|until)[:：]|\*"
    r"|(?<!\S)(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?!\S)"
)


def _a_range_in(text: str) -> bool:
    """Whether `text` may hold a range ([2010 TO 2011]): a regex for it, `\\[.* TO .*\\]`, took a
    second on a paste of "[ TO " a thousand times over."""
    opened = text.find("[")
    to = text.find(" TO ", opened) if opened >= 0 else -1
    return to >= 0 and text.find("]", to) >= 0


def passage_without_cut_ends(text) -> list[tuple[str, str]]:
    """The passage `text` (plain words, more than PASSAGE_KEPT_WORDS, in quotation marks or not)
    without its first word, then without its last, then without both (when PASSAGE_KEPT_WORDS
    words are left), each with what it leaves out in words: a passage copied from an article starts or ends
    mid-word ("ent Trump said he would", "...said he would me"), a word no article writes there,
    so the passage as pasted found nothing. [] for a query that is no such passage (a field, a
    wildcard, a range, an operator)."""
    if not isinstance(text, str) or _NOT_A_PASSAGE_RE.search(text) or _a_range_in(text):
        return []
    body = text.strip()
    opening = body[:1] if body[:1] in _PASSAGE_QUOTES else ""
    body = body[len(opening) :]
    closing = body[-1:] if body[-1:] in _PASSAGE_QUOTES else ""
    body = body[: len(body) - len(closing)]
    words = body.split()
    if len(words) <= PASSAGE_KEPT_WORDS or ((opening or closing) and any(ch in _PASSAGE_QUOTES for ch in body)):
        return []  # (quoted whole with quotations inside: which mark closes what is a guess)
    if any(ch in _PASSAGE_QUOTES for ch in words[0] + words[-1]):
        return []  # a word at an end opens or closes a quotation: left out, the marks would not pair
    first, last = f"its first word “{words[0]}”", f"its last word “{words[-1]}”"
    trimmed = [(words[1:], first), (words[:-1], last)]
    if len(words) - 2 >= PASSAGE_KEPT_WORDS:
        trimmed.append((words[1:-1], f"{first} and {last}"))
    return [(opening + " ".join(kept) + closing, said) for kept, said in trimmed]


# The hits of a passage without its cut word (passage_without_cut_ends) whose text is read for the
# passage with the cut word as part of a word (_cut_in_one_of): the article it was copied from
# holds every word kept, and ranks among the first.
CUT_CHECKED_HITS = 50


def _text_words(text: str) -> list[str]:
    """The words of `text` as the index reads them (textproc's tokenizer), folded."""
    return textproc.TOKEN_RE.findall(textproc.fold(text.lower()))


def _cut_in_one_of(searcher, passage: str, trimmed: str, languages, open_quote_as_words: bool, filterq) -> bool:
    """Whether one of the first CUT_CHECKED_HITS articles `trimmed` finds (the passage without a
    word at one end or both) writes the whole `passage` with its left-out first word ending a word
    (ent of President) and its left-out last word beginning one (me of meet): a word left out that
    no article writes there was no cut but a word meant (`trump said he walrus`), not found."""
    words, kept = _text_words(passage), _text_words(trimmed)
    edge = passage.split()
    sizes = {0, len(_text_words(edge[0]))} if edge else {0}
    cuts = [
        (words[:head], words[len(words) - (len(words) - len(kept) - head) :] if len(words) - len(kept) - head else [])
        for head in sorted(sizes)
        if len(words) - len(kept) - head >= 0 and words[head : head + len(kept)] == kept
    ]
    cuts = [(first, last) for first, last in cuts if first or last]
    if not kept or not cuts:
        return False
    try:  # (the articles' ids and texts only: snippets made for them cost ten times as much)
        q = _prepared(searcher, trimmed, languages, open_quote_as_words)[0]
        found = searcher.search(q.accept(_fast_phrases), limit=CUT_CHECKED_HITS, filter=filterq)
        texts = [(hit.get("body") or "", hit.get("title") or "") for hit in found]
    except Exception:
        return False  # the search itself says what is wrong
    longest = max(kept, key=len)  # (read only the texts holding it)
    for article in texts:
        for text in map(textproc.fold, map(str.lower, article)):
            if longest in text and any(_cut_written(_text_words(text), first, kept, last) for first, last in cuts):
                return True
    return False


def _cut_written(written: list[str], first: list[str], kept: list[str], last: list[str]) -> bool:
    """Whether the words `written` hold `kept` after `first`, whose first word may be a written
    word's end, and before `last`, whose last word may be a written word's beginning."""
    start = len(first)
    span = start + len(kept) + len(last)
    for at in range(len(written) - span + 1):
        if written[at + start] != kept[0] or written[at + start : at + start + len(kept)] != kept:
            continue
        if first and (not written[at].endswith(first[0]) or written[at + 1 : at + start] != first[1:]):
            continue
        ending = at + start + len(kept)
        if last and (written[ending : at + span - 1] != last[:-1] or not written[at + span - 1].startswith(last[-1])):
            continue
        return True
    return False


# Words one wildcard or range may stand for; the rest are left out (the results say so).
MAX_EXPANSION = 2000
_clock = time.monotonic


class _Expansion:
    """The bound on expanding wildcards and ranges to words: a count and a share of the time."""

    def __init__(self, seconds: float):
        self.deadline = _clock() + seconds
        self.cut: str | None = None  # "time" or "count" when the expansion was cut short


def _bounded(q, expansion: _Expansion):
    """A copy of `q` whose wildcards and ranges expand to at most MAX_EXPANSION words, within the
    expansion's deadline, and whose field-wide `*` is every document (not every word listed)."""

    def fix(node):
        if isinstance(node, wq.Every):
            return wq.Every(boost=node.boost)
        if isinstance(node, wq.MultiTerm):
            node = node.copy()

            def capped(words):
                for count, btext in enumerate(words):
                    if count >= MAX_EXPANSION:
                        expansion.cut = expansion.cut or "count"
                        return
                    yield btext  # at least the first words, so there is something to show
                    if count % 64 == 63 and _clock() > expansion.deadline:
                        expansion.cut = "time"
                        return

            whoosh_internals.bound_expansion(node, capped)
        return node

    return q.accept(fix)


def _scoring_collector(collector):
    """The collector a wrapper (a FilterCollector) passes the matches to, or `collector` itself."""
    while getattr(collector, "child", None) is not None:
        collector = collector.child
    return collector


def _execute(
    searcher,
    q,
    filterq,
    results: SearchResults,
    limit: int | None,
    sort: str,
    resolve,
    offset: int = 0,
    unfinished: bool = False,
) -> SearchResults:
    reader = searcher.reader()
    # The pages before `offset` are ranked again (cheap) but get no snippets (the costly part).
    wanted = None if limit is None else offset + limit
    if sort == "date":
        collector = searcher.collector(limit=wanted, sortedby="date", reverse=True, filter=filterq)
    else:
        # Without Whoosh's block skipping every match is counted, so `total` is exact ("of 108",
        # where the estimate, an upper bound, said "of about 167"): a little more time scoring.
        collector = searcher.collector(limit=wanted, filter=filterq, optimize=False)
        # Whoosh's "replace" shortcut drops, for a top-N, an OR's words whose best score it
        # thinks too low, and with them hits that belong in the top N (a hit tied for first went
        # missing): without it a page is exactly the next N of the full ranking. It is set on the
        # collector that scores: with a filter (--outlet, --since…) that one is wrapped, and a
        # filtered search dropped hits (and counted 60 of its 70).
        _scoring_collector(collector).replace = 0
    expansion = None
    if any(isinstance(node, _EXPANDING) for node in _walk(q)):
        # Term expansion (wildcards, ranges) can be slow: bound the words and the time (half of
        # it for expanding, the rest for collecting), keep what was found.
        expansion = _Expansion(TIME_LIMIT / 2)
        q = _bounded(q, expansion)
        collector = _Deadline(collector, timelimit=TIME_LIMIT, use_alarm=False)
    try:
        searcher.search_with_collector(q.accept(_fast_phrases), collector)
    except TimeLimit:
        results.partial = True
    found = collector.results()
    scored = found.scored_length()
    # Every match counted (no block skipping, see above), or all of them scored: exact either way.
    results.total = len(found) if found.has_exact_length() else scored
    phrases: list = []
    as_written: dict = {}
    terms = positive_terms(q, reader, phrases, as_written)
    for i in range(offset, scored):
        docnum = found.docnum(i)
        stored = reader.stored_fields(docnum)
        body = stored.get("body") or ""
        ranges = match_ranges(body, terms, phrases, MAX_RANGES, stored.get("lang"), as_written)
        score = found.score(i) if sort == "relevance" else None
        art = store.article_from_stored(stored)
        results.hits.append(
            Hit(
                id=art["id"],
                outlet=art["outlet"],
                title=art["title"],
                date=art["date"],
                score=None if score is None else float(score),
                snippets=make_snippets(body, ranges, language=stored.get("lang")),
                story=art["story"],
                url=art["url"],
                path=resolve(art["path"]),
                author=art["author"],
                time=art.get("time"),
                fetched=art.get("fetched"),
            )
        )
    if scored == 0:
        results.notes.extend(results.outlet_misses)
        try:
            results.corrected = suggest(reader, results.query, index_languages(reader), unfinished)
        except Exception:
            results.corrected = None
    if results.partial or (expansion is not None and expansion.cut == "time"):
        results.partial = True
        results.error = f"the search took longer than {TIME_LIMIT:g} s; showing what was found by then"
    elif expansion is not None and expansion.cut == "count":
        results.partial = True
        results.error = (
            f"a wildcard or range stands for more than {MAX_EXPANSION:,} words; "
            f"showing matches of the first {MAX_EXPANSION:,}"
        )
    return results


OPEN_QUOTE_NOTE = (
    'a quotation mark is left open: the words after it are searched one by one (close it with " for a phrase)'
)


def _prepared(searcher, text, languages, open_quote_as_words: bool, rewritten_stems: bool = True):
    """(the query `text` is to the index, whether a quotation mark was left open): parsed, its
    wildcards finding the words as written, its words in the languages the index holds."""
    parsed, open_quote = _parsed_leniently(searcher.schema, text, languages, open_quote_as_words)
    q = with_written_stems(parsed, searcher.reader(), rewritten_stems)
    if languages:
        q = without_absent_variants(q, searcher.reader())
    return q, open_quote


def _parsed_leniently(schema, text, languages, open_quote_as_words: bool):
    """parse(), and whether a quotation mark left open was read as a space (open_quote_as_words)."""
    try:
        return parse(schema, text, languages), False
    except QueryProblem as exc:
        if not (open_quote_as_words and isinstance(text, str) and str(exc) == query_check.QUOTE_LEFT_OPEN):
            raise
        words = query_check.without_open_quote(straight_quotes(text))
        if words is None:
            raise
        return parse(schema, words, languages), True


def match_ranges(
    text: str, terms, phrases, limit: int, language: str | None, as_written: dict | None = None
) -> list[tuple[int, int]]:
    """The first `limit` ranges of `text` to highlight: its words whose term is one of `terms`
    anywhere, and the words of each of `phrases` where the phrase stands (positive_terms); a word
    whose term is one of `as_written`'s only where one of its prefixes begins the word (hope* does
    not highlight hoping)."""
    ranges = textproc.find_term_ranges(text, terms, limit=limit, language=language)
    looked = limit
    while as_written:
        kept = [r for r in ranges if _written_as_begun(text[r[0] : r[1]], as_written, language)]
        if len(kept) >= limit or len(ranges) < looked:
            ranges = kept[:limit]
            break
        looked *= 4  # as many words left out as were found: look further, as far as the text goes
        ranges = textproc.find_term_ranges(text, terms, limit=looked, language=language)
    if not phrases:
        return ranges
    return textproc.merged_ranges(ranges + textproc.phrase_ranges(text, phrases, language, limit))[:limit]


def _written_as_begun(word: str, as_written: dict, language: str | None) -> bool:
    """Whether `word` is no word of as_written's terms, or one that one of its prefixes begins
    (a compound written together: e-mail for email*)."""
    prefixes = as_written.get(textproc.analyse(word.lower(), language))
    return prefixes is None or _HYPHEN_SPLIT_RE.sub("", textproc.fold(word.lower())).startswith(tuple(prefixes))


def _writes_a_word_begun(text: str, begun: str) -> bool:
    """Whether `text` writes a word the folded `begun` begins, a compound's parts together (the
    index holds e-mail as email too)."""
    if next(textproc.words_begun(text, begun), None) is not None:
        return True
    # The text with its hyphens out is scanned only where a compound's first part begins `begun`
    # (e-mail for emai): scanning it for every article with a hyphen doubled the cost of a wildcard.
    if not any(_begins_with_part(text, hyphen.start(), begun) for hyphen in _HYPHEN_SPLIT_RE.finditer(text)):
        return False
    return next(textproc.words_begun(_HYPHEN_SPLIT_RE.sub("", text), begun), None) is not None


_TRAILING_WORD_RE = re.compile(r"\w+$")


def _begins_with_part(text: str, hyphen: int, begun: str) -> bool:
    """Whether the word before the hyphen at `hyphen` is one the folded `begun` begins with."""
    before = _TRAILING_WORD_RE.search(text, max(0, hyphen - len(begun) - 1), hyphen)
    if before is None or len(before.group()) > len(begun):
        return False
    return begun.startswith(textproc.fold(before.group().lower()))


def article_match_ranges(index, article_id: str, text: str) -> MatchRanges:
    """Ranges of the query's words in an article's clean text ([] for a bad query or id): the
    first MAX_HIGHLIGHTS, `capped` when there are more."""
    try:
        searcher = index.searcher()
        if searcher is None:
            return MatchRanges()
        stored = searcher.document(id=article_id)
        if stored is None:
            return MatchRanges()
        reader = searcher.reader()
        # A quotation mark left open (a pasted passage): its words, as the app's search found them.
        q = with_written_stems(_parsed_leniently(searcher.schema, text, index_languages(reader), True)[0], reader)
        phrases: list = []
        as_written: dict = {}
        terms = positive_terms(q, reader, phrases, as_written)
        found = match_ranges(
            stored.get("body") or "", terms, phrases, MAX_HIGHLIGHTS + 1, stored.get("lang"), as_written
        )
    except (QueryProblem, RecursionError):
        return MatchRanges()
    except Exception:
        return MatchRanges()
    ranges = MatchRanges(found[:MAX_HIGHLIGHTS])
    ranges.capped = len(found) > MAX_HIGHLIGHTS
    return ranges
