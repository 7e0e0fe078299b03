"""The Whoosh schema of the reader index, and the fast text field type it uses.

Every Whoosh-specific piece of the index lives in reader/index/{schema,store,search}.py, and
every private Whoosh name in whoosh_internals.py, so a switch of Whoosh fork stays local.
"""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.system import pack_uint
from whoosh.compat import dumps

from reader.index import textproc

# The schema version (bump it there) is read without Whoosh: see layout.py.
from reader.index.layout import SCHEMA_VERSION, STORED_ANALYSIS  # noqa: E402,F401


class PossessiveFilter(Filter):
    """Drops a trailing 's from each token (`trump's` is `trump`), after folding made every
    apostrophe straight, a dotted acronym's dots (`f.b.i` is `fbi`) and a number's separators
    (`1,000` and `12.500.000` are `1000` and `12500000`): textproc.normalise in English,
    as a Whoosh filter."""

    def __call__(self, tokens):
        for t in tokens:
            if t.text.endswith(textproc.POSSESSIVE):
                t.text = t.text[:-2]
            if "." in t.text:
                t.text = textproc.undotted(t.text)
            if t.text[:1].isdigit() and ("," in t.text or "." in t.text):
                t.text = textproc.whole_number(t.text)
            yield t


class AlternatesFilter(Filter):
    """Follows an indexed word with its other words (textproc.alternate_words: `at&t` with
    `att`), each as a compound's joined word is (ReaderStopFilter gives it the word's position);
    a query's word is itself alone."""

    def __call__(self, tokens):
        for t in tokens:
            # Read before the yield: the filters after this one change the token's text.
            text, plain = t.text, t.mode == "query" or getattr(t, "joined", False)
            yield t
            if plain or text.isalnum():
                continue
            alternates = textproc.alternate_words(textproc.fold(text))
            part, original = getattr(t, "part", False), getattr(t, "original", None)
            for word in alternates:
                t.text, t.joined, t.part = word, True, False
                t.boost, t.stopped = 1.0, False
                yield t
            if alternates:
                t.joined, t.part = False, part
                if original is not None:
                    t.original = original


class ReaderTokenizer(RegexTokenizer):
    """RegexTokenizer(TOKEN_PATTERN) that reads "US" as the country where it is one (U.S.'s
    word: textproc.is_country, which needs the text around it), and follows a hyphenated
    compound's last part with its joined word (`joined`, at that part's position; each part is
    marked `part`): textproc.words and textproc.compounds, as a Whoosh tokenizer."""

    def __init__(self):
        super().__init__(textproc.TOKEN_PATTERN)

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        bridges: dict[int, tuple[str, bool]] = {}
        read = value
        if tokenize:
            # A query's CJK run is its parts apart, joined again by the pair across (textproc.query_words).
            query_cjk = mode == "query" and not value.isascii()
            read = textproc.cjk_parts_apart(value) if query_cjk else value
            spans = [(m.group(), m.start(), m.end()) for m in textproc.TOKEN_RE.finditer(read)]
            if query_cjk:
                bridges = textproc.cjk_bridges(value, spans)
        else:
            spans = [(value, 0, len(value))]
        joined = textproc.compounds(value, spans) if tokenize else {}
        parts = {k for last, compound in joined.items() for k in range(compound[3], last + 1)}
        countries: set[int] | tuple[()] = ()
        if textproc.COUNTRY in value:
            gaps = textproc.TOKEN_RE.split(read) if tokenize else None
            countries = textproc.country_starts(value, spans, gaps)
        for i, (text, begin, end) in enumerate(spans):
            t.boost = 1.0
            t.stopped = False
            t.joined, t.part = False, i in parts
            t.bridge = bridge_prefix(*bridges[i]) if i in bridges else None
            t.text = textproc.COUNTRY_WORD + text[2:].lower() if begin in countries else text
            if keeporiginal or not tokenize:
                t.original = text
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char + begin
                t.endchar = start_char + end
            yield t
            if i in joined:
                t.text, begin, end, _ = joined[i]
                t.boost = 1.0
                t.stopped = False
                t.joined, t.part, t.bridge = True, False, None
                if keeporiginal:
                    t.original = value[begin:end]
                if positions:
                    t.pos = start_pos + i
                if chars:
                    t.startchar = start_char + begin
                    t.endchar = start_char + end
                yield t


class ReaderStopFilter(StopFilter):
    """StopFilter (renumbering) where a compound's joined word (ReaderTokenizer) takes its last
    part's position when that part is kept, and is dropped when it is a stop word; a query's
    compound is its joined word alone (the parts are dropped)."""

    def __call__(self, tokens):
        stoplist, minsize = self.stops, self.min
        pos = None
        part_kept = False
        for t in tokens:
            joined = getattr(t, "joined", False)
            if t.mode == "query" and getattr(t, "part", False):
                part_kept = False
                continue
            text = t.text
            kept = (len(text) >= minsize or textproc.is_lone_cjk(text)) and text not in stoplist
            if kept:
                if t.positions:
                    if pos is None:
                        pos = t.pos
                    elif joined and part_kept:
                        t.pos = pos
                    else:
                        pos += 1
                        t.pos = pos
                t.stopped = False
                yield t
            elif not joined and not t.removestops:
                t.stopped = True
                yield t
            if not joined:
                part_kept = kept


class CJKBigramFilter(Filter):
    """Cuts a token of three or more CJK characters into its overlapping pairs (as Lucene's
    CJKBigramFilter does), each a token of its own with its own characters and the next
    position; later tokens move up by as many positions. textproc.words, as a Whoosh filter."""

    def __call__(self, tokens):
        shift = 0
        for t in tokens:
            if t.positions:
                t.pos += shift
            text = t.text
            if len(text) <= 2 or not textproc.is_cjk(text):
                yield t
                continue
            pos, original = (t.pos if t.positions else 0), getattr(t, "original", None)
            startchar = t.startchar if t.chars else 0
            pairs = textproc.cjk_pairs(text)
            for k, (pair, begin, end) in enumerate(pairs):
                t.text = pair
                if original is not None:
                    t.original = original[begin:end]
                if t.positions:
                    t.pos = pos + k
                if t.chars:
                    t.startchar = startchar + begin
                    t.endchar = startchar + end
                yield t
                t.bridge = None  # the pair across the gap goes before the run's first pair only
            shift += len(pairs) - 1


class BridgeFilter(Filter):
    """A query's CJK word after a gap carries the pair across it (ReaderTokenizer's `bridge`),
    before its term (BRIDGE_MARK), as FastAnalyzer writes it."""

    def __call__(self, tokens):
        for t in tokens:
            bridge = getattr(t, "bridge", None)
            if bridge and not t.stopped:
                t.text = bridge + t.text
            yield t


def reader_analyzer():
    """The query-time twin of FastText.index(): same pattern, folding, stop words, minimum size,
    CJK pairs and stemmer (textproc's rules, as a Whoosh chain)."""
    return (
        ReaderTokenizer()
        | LowercaseFilter()
        | CJKBigramFilter()  # before folding drops what a run goes on across (as textproc.words)
        | AlternatesFilter()
        | CharsetFilter(textproc.FOLD_MAP)
        | PossessiveFilter()
        | ReaderStopFilter(stoplist=textproc.STOP_WORDS, minsize=textproc.MIN_SIZE)
        | StemFilter(stemfn=textproc.stem, cachesize=-1)
        | BridgeFilter()
    )


ONE_POSITION: dict[int, bytes] = {}
# Between a query word's English term and the word itself, in the one token FastAnalyzer(
# variants=True) gives the parser; search.localise() makes it the word's term in each language
# of the index. No word holds it (it is a control character).
VARIANTS_MARK = "\x1f"
# Between the pair across the gap before a query's CJK word (textproc.cjk_bridges) and the word's
# term, in its token: search.with_cjk_bridges makes a phrase of it with and without the pair. The
# typed mark where the gap is a hyphen (東京-大阪: the query wrote the run whole, highlighted so).
BRIDGE_MARK = "\x1e"
TYPED_BRIDGE_MARK = "\x1d"


def bridge_prefix(pair: str, typed: bool) -> str:
    """What goes before a query's CJK word's term after a gap: the term of the pair across it,
    and the mark that says whether the gap was a hyphen."""
    return textproc.stem(textproc.normalise(pair.lower())) + (TYPED_BRIDGE_MARK if typed else BRIDGE_MARK)


class LanguageText(str):
    """A field's text for indexing that knows its article's language (textproc.LANGUAGES, or
    None for English): FastText reads it, as Whoosh hands a field nothing but its value. Only
    ever indexed: a stored field stores the plain text (`_stored_<field>`)."""

    language: str | None = None

    def __new__(cls, text: str, language: str | None):
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __reduce__(self):
        return (LanguageText, (str(self), self.language))


def language_of_value(value) -> str | None:
    return getattr(value, "language", None)


class FastAnalyzer(Analyzer):
    """reader_analyzer() in one pass, for query parsing (the parser analyses every word once per
    default field). Yields exactly the tokens of the Whoosh chain: same text, positions
    (renumbered after stop words), character ranges, `stopped` flags and originals."""

    is_morph = True

    def __init__(self, variants: bool = False):
        super().__init__()
        # A query word's token also carries the word (VARIANTS_MARK): the field's articles may
        # be stemmed in other languages than English.
        self.variants = variants

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        kwargs.pop("no_morph", None)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stem = textproc.stem
        variants = self.variants and mode == "query" and tokenize
        # A query's CJK words apart may be joined by the pair across the gap (textproc.cjk_bridges):
        # search.with_cjk_bridges reads it from the word's token (BRIDGE_MARK).
        if mode == "query":
            spans, bridges = textproc.query_words(value, tokenize)
        else:
            spans, bridges = textproc.words(value, tokenize), {}
        joined = textproc.compounds(value, spans) if tokenize and textproc.has_hyphenated_word(value) else {}
        # A query's compound is its joined word alone: "e-mail" is email, not mail.
        skipped = (
            {k for last, compound in joined.items() for k in range(compound[3], last + 1)} if mode == "query" else ()
        )
        pos = None
        for i, (lower, begin, end) in enumerate(spans):
            part_kept = False
            if i not in skipped:
                t.boost = 1.0
                if keeporiginal:
                    t.original = value[begin:end]
                if positions:
                    t.pos = start_pos + i
                if chars:
                    t.startchar = start_char + begin
                    t.endchar = start_char + end
                word = textproc.normalise(lower)
                if textproc.is_kept(word):
                    if positions:
                        if pos is None:
                            pos = t.pos
                        else:
                            pos += 1
                            t.pos = pos
                    t.stopped = False
                    t.text = stem(word)
                    if variants and (word.isascii() or not textproc.is_cjk(word)):
                        t.text += VARIANTS_MARK + lower
                    elif bridges and i in bridges:
                        t.text = bridge_prefix(*bridges[i]) + t.text
                    part_kept = True
                    yield t
                    if mode != "query" and not lower.isalnum():
                        # An indexed word's other words (textproc.alternate_words), at its position.
                        for alternate in textproc.alternate_terms(lower, textproc.analyse, t.text):
                            t.text = alternate
                            yield t
                elif not removestops:
                    t.stopped = True
                    t.text = word
                    yield t
            if i in joined:
                compound, begin, end, _ = joined[i]
                word = textproc.normalise(compound)
                if not textproc.is_kept(word):
                    continue
                t.boost = 1.0
                if keeporiginal:
                    t.original = value[begin:end]
                if chars:
                    t.startchar = start_char + begin
                    t.endchar = start_char + end
                if positions:
                    if pos is None:
                        pos = start_pos + i
                    elif not part_kept:
                        pos += 1
                    t.pos = pos
                t.stopped = False
                t.text = stem(word)
                if variants:
                    t.text += VARIANTS_MARK + compound
                yield t

    def has_morph(self):
        return True


def encode_positions(plist: list[int]) -> bytes:
    # Exactly whoosh.formats.Positions.encode (the reader side decodes it); most terms occur
    # once in an article, so single positions are encoded once per process and reused.
    if len(plist) == 1:
        pos = plist[0]
        encoded = ONE_POSITION.get(pos)
        if encoded is None:
            encoded = pack_uint(1) + dumps([pos], 2)
            if pos < 100_000:
                ONE_POSITION[pos] = encoded
        return encoded
    deltas = []
    base = 0
    for pos in plist:
        deltas.append(pos - base)
        base = pos
    return pack_uint(len(deltas)) + dumps(deltas, 2)


class FastText(fields.TEXT):
    """A stemmed, positional TEXT field whose indexing skips Whoosh's token pipeline.

    `index()` tokenizes with one regex, stems through a per-process cache and encodes positions
    directly: the same postings Whoosh would write, for a fraction of the work. Query parsing
    uses the equivalent Whoosh analyzer (reader_analyzer), so queries and index agree.
    """

    def __init__(self, stored=False, field_boost=1.0, spelling=False, languages=False):
        # `languages`: an article's words are stemmed in its language (a LanguageText value).
        self.languages = languages
        super().__init__(
            analyzer=FastAnalyzer(variants=languages),
            phrase=True,
            stored=stored,
            field_boost=field_boost,
            spelling=spelling,
        )

    def _language(self, value) -> str | None:
        return language_of_value(value) if self.languages else None

    def index(self, value, **kwargs):
        language = self._language(value)
        if isinstance(value, (list, tuple)):
            value = " ".join(value)
        positions, _length = textproc.term_positions(value, language)
        fb = self.format.field_boost
        for term, plist in positions.items():
            n = len(plist)
            yield term.encode("utf-8"), n, n * fb, encode_positions(plist)

    def term_positions(self, value) -> tuple[dict[str, list[int]], int]:
        """({term: [positions]}, field length): what index() yields, before encoding, for
        whoosh_internals.FastSegmentWriter (its pool encodes them)."""
        language = self._language(value)
        if isinstance(value, (list, tuple)):
            value = " ".join(value)
        return textproc.term_positions(value, language)

    def spellable_words(self, value):
        if isinstance(value, (list, tuple)):
            value = " ".join(value)
        return textproc.spell_words(value)


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        file=fields.ID(stored=True),  # the source file's key (several articles may share one)
        outlet_id=fields.ID(stored=True),  # casefolded outlet name (filters); stores the original
        outlet=FastText(),  # words of the outlet name (outlet:reuters in queries): English terms
        title=FastText(stored=True, field_boost=3.0, languages=True),
        body=FastText(stored=True, languages=True),
        date=fields.ID(stored=True, sortable=True),  # ISO YYYY-MM-DD; ranges compare as text
        url=fields.STORED(),
        # its author(s), given or read from a byline (author:roe in queries): English terms, as
        # outlet's; not among the fields a bare word searches (a byline read from the text is in
        # `body` already)
        author=FastText(stored=True),
        story=fields.ID(stored=True),
        quote=FastText(languages=True),
        speaker=FastText(languages=True),
        # The language the article's words are stemmed in (textproc.LANGUAGES or "en"): the
        # search looks a query word up in each language its index holds.
        lang=fields.ID(stored=True),
        quotes_json=fields.STORED(),
        meta=fields.STORED(),  # {"path", "inferred", "title_source", "time", "signature", "hash"} (update.py: scan)
        story_features=fields.STORED(),  # JSON of reader.analysis.stories.story_features
    )
