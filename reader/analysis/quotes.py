"""Direct quotations and their speakers, with character offsets into the clean text.

Pure Python, no UI imports, no downloads; linear in the text (plus small windows around each quote),
safe on any string: `find_quotes` never raises on text and never lets an unbalanced mark swallow the
rest of an article.

What counts as a quotation:
- a span between double marks (straight ", curly “ ”, guillemets « » and »«, low „ , CJK corner
  brackets 「」 and 『』, the latter nesting inside the former, and two straight marks typed for
  one, ''...'' or ""...""); single marks only nest inside (this ‘inglorious’ war) and never split
  a quote;
- a quote never crosses a line break, except the convention for multi-paragraph quotes: a
  paragraph that ends inside a quote (no closing mark) continues when the next paragraph opens with
  a mark; each paragraph is then its own Quote, all with the same speaker. An opening mark with no
  closing mark in its paragraph and no such continuation (a typo, or a text cut short) runs to the
  end of its paragraph, and counts only when it opens a clause of four words or more at the start
  of the paragraph (capitalised), after a colon, or after a speech verb and a comma; otherwise it
  is dropped as unbalanced;
- `"X," he said, "Y."` gives two quotes with the same speaker; a quote with no attribution of its
  own inherits the previous quote's speaker when it is a full sentence (standalone or >= 4 words)
  and follows within a couple of paragraphs;
- scare quotes and titles are not quotes: a quoted phrase with no speech verb in its clause (no
  attribution) counts only when it is a full quotation (standalone in its sentence, or at least
  four words starting like a sentence), a quoted clause of six words or more (Pew found that
  "about twice as many ..."), or introduced by a colon; a short Title-Cased phrase (a title) never
  counts unless it ends like a sentence or is introduced as speech (`"Like Oakland. Or Ferguson,"
  Trump said`, `saying: "The Struggle Continues"`), and a short quote in the modifier slot of a
  noun phrase (a "paint over" ceremony, the nation's "broken" system) is a scare quote. A partial
  quote after a speech verb counts (called the call "productive."), even when the speaker phrase
  cannot be parsed (then the clause's subject, or None).
- a pull quote or a subhead is not a second quotation: a paragraph that is nothing but a quotation
  (or one closed after a credit line, "...\nSen. Jane Doe.\"") repeating, word for word, ten words
  the article has elsewhere, or all of a subhead in capitals;
- a term talked about ("the phrase “anchor baby”", "words like “maybe” and “perhaps”", "what is
  called a “debate”"), the title of a work ("the Disney film “Frozen”", "“Orange is the New Black”
  star Dascha Polanco") and a text dated like a caption (“...” (2015)) are not quotations;
- an exclamation or a question ("cry “but they’re racist!”") and the words of a chant or a cry
  ("chants of “Trump, Trump, Trump”", spoken by no one named) are speech with no speech verb.

In a digest that lists its items under headlines in capitals ("HOW CHINA’S DECLINE AFFECTS THE WORLD
“...” [WaPo.]"), a headline is no attribution, and no quotation goes on from another item's.

Speakers: the attribution's noun phrase as written is `mention` (with `speaker_start/end`);
`speaker` is resolved: a pronoun to the nearest fitting named person earlier in the text (outside
quotes, preferring the first person of the nearest sentence naming one), a generic phrase
("the official") to its fuller earlier mention ("a senior White House official"), a role ("the
congressman", "the Texas governor") to the one person the article titled so before it ("Rep. Bob
Etheridge"; left as written when none or several were), "it" to a document or an organisation
("a statement", "The cable"), never a person, and a surname to the fullest form of the name used
in the article ("Trump" -> "Donald Trump"). In an article in Russian, German, French, Spanish,
Italian or Portuguese, its own verbs of saying are read first (reader.analysis.attribution_languages:
"„...“, sagte Merkel", "« ... », a-t-il dit", "«...», — сказал Лавров"). A question put to someone ("Blumenthal was asked,
“...?”") is not theirs: its speaker is the asker after "by", else unknown.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from typing import Sequence

from reader import lazy_regex
from reader.analysis import attribution_languages as languages
from reader.analysis.attribution_words import SPEECH_VERBS
from reader.analysis.cancel import Cancel, check
from reader.analysis.quote_speakers import (
    PLACE_HEADS,
    WRITTEN_THINGS,
    clean_noun_phrase,
    colon_attribution,
    has_speech_verb,
    left_attribution,
    right_attribution,
)
from reader.analysis.quote_marks import MarkSpan, doubled_marks_read, mark_spans
from reader.analysis.sentences import SentenceMap
from reader.analysis.speaker_resolver import SpeakerResolver

__all__ = ["QUOTES_VERSION", "Quote", "find_quotes"]

# Bumped whenever find_quotes gives different results for the same text: an index that stores
# quotes can keep this beside them and recompute when it changes.
QUOTES_VERSION = 23


@dataclass(frozen=True)
class Quote:
    """A quotation: `text == source[start:end]` (the quoted words, without the marks)."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    mention: str | None = None  # the attribution as written ("he", "the official")
    speaker_start: int | None = None  # offsets of `mention` in the source, when it is in it
    speaker_end: int | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "mention": self.mention,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Quote":
        def opt_int(value):
            return int(value) if value is not None else None

        return cls(
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            speaker=data.get("speaker"),
            mention=data.get("mention"),
            speaker_start=opt_int(data.get("speaker_start")),
            speaker_end=opt_int(data.get("speaker_end")),
        )


# A headline opening a paragraph, as a digest lists its items: three words or more in capitals,
# then the item's first sentence (a capitalised word) or its quotation. Not a dateline ("NEW YORK
# (AP) —"), nor capitals before lower case ("FBI AND CIA officials said").
_HEADLINE_LEAD = lazy_regex.compile(
    r"^[^\S\n]*((?:[A-Z0-9‘’'][A-Z0-9‘’'.,:&$%/-]*[^\S\n]+){2,}[A-Z0-9‘’'][A-Z0-9‘’'.,:&$%/-]*)"
    r"(?=[^\S\n]*[“«\"]|[^\S\n]+[A-Z][a-z])",
    re.M,
)
_INITIAL = re.compile(r"[A-Z]\.")


def _headline_leads(text: str) -> dict[int, int]:
    """{paragraph start: end of the headline opening it} for a text that lists items under
    headlines (two or more): a lone run of capitals opening a paragraph ("UPDATE: AARP CEO A.
    Barry Rand said") is no list of headlines."""
    found = {}
    for m in _HEADLINE_LEAD.finditer(text):
        words = m.group(1).split()
        if sum(len(re.sub(r"[^A-Z]", "", w)) >= 2 for w in words) >= 3 and not _INITIAL.fullmatch(words[-1]):
            found[m.start()] = m.end(1)
    return found if len(found) >= 2 else {}


_LONG_QUOTE = 6  # words: longer quoted clauses are quotations, not scare quotes
_INHERIT_WINDOW = 3000  # characters: a speaker is inherited only by a quote this close
# Kana and CJK ideographs are written without spaces between words: each counts as a word (a
# quote's length in words decides whether it is a quotation or a scare quote).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = lazy_regex.compile(rf"[{_CJK}]|(?:[^\W{_CJK}]|['’-])+")
_FULL_WIDTH = str.maketrans("：，", ":,")  # the colon and comma of CJK text
_SENTENCE_END_INSIDE = lazy_regex.compile(r"[.?!…][\"'”’)]*$")


def _strip_edges(part: str, marks: str) -> str:
    """`part` without white space and `marks` at its ends: any white space, as str.strip takes
    it (a no-break space or a thin space before a quotation's mark, as scraped pages have)."""
    lo, hi = 0, len(part)
    while lo < hi and (part[lo].isspace() or part[lo] in marks):
        lo += 1
    while hi > lo and (part[hi - 1].isspace() or part[hi - 1] in marks):
        hi -= 1
    return part[lo:hi]


def _sentence_start(sentences: SentenceMap, lo: int, pos: int) -> int:
    """Start of the sentence containing `pos`, not before `lo`; `pos` when the quote starts a
    sentence: nothing but white space before it, or a sentence end right before it (read as
    written: "Mr. “..." counts too, as a split of text[lo:pos] alone would)."""
    before = sentences.text[lo:pos].rstrip()
    if not before or _SENTENCE_END_INSIDE.search(before) and (before[-1] in ".?!…" or before[-2:-1] in ".?!…"):
        return pos
    start = sentences.start_in(lo, pos)  # not None: text[lo:pos] is not blank
    return pos if start is None else start


def _caseless(ch: str) -> bool:
    """A letter of a script with no capitals (CJK): a sentence's start there looks like any word's."""
    return ch.isalpha() and not ch.isupper() and not ch.islower()


def _is_title(words: list[str], quoted: str) -> bool:
    """A Title-Cased phrase ("Saturday Night Live", "Meet the Press."): a name, not speech.

    One capitalised word ("No.") is not a title; a question or exclamation never is, nor a chant.
    """
    if len(words) < 2 or len(words) > 12 or quoted.rstrip("”’'\")").endswith(("?", "!", "…", "...")):
        return False
    if len({w.casefold() for w in words}) == 1:
        return False  # one word repeated ("Trump, Trump, Trump"): a chant
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "vs"}
    caps = [w for w in words if w.lower() not in small]
    return bool(caps) and all(w[0].isupper() or w[0].isdigit() for w in caps)


def find_quotes(text: str, sentences: Sequence | None = None, cancel: Cancel | None = None) -> list[Quote]:
    """Direct quotations in `text`, in order, with resolved speakers (see the module doc).

    `sentences`: the text's sentences when the caller has split it already (`split_sentences`,
    or anything with the same start and end offsets); otherwise it is split here, once.
    `cancel()` is asked between candidate quotations (Cancelled): those of a 1 MB file not
    indexed take seconds, and a comparison finds them before anything else."""
    # Two straight marks typed for one double mark are read as that mark; the quotations' text is
    # the article's own. Single marks then only nest, as the old wire style that types them has it.
    marked = doubled_marks_read(text)
    spans = mark_spans(marked, singles="''" not in text) if text else []
    if not spans:
        return []
    check(cancel)
    quotes = _QuoteFinder(marked, spans, SentenceMap(marked, sentences), cancel).run()
    if marked is not text:
        quotes = [dataclasses.replace(q, text=text[q.start : q.end]) for q in quotes]
    return quotes


@dataclass
class _Context:
    """What surrounds one candidate quotation."""

    quoted: str
    words: list[str]
    left_lo: int  # this sentence up to the opening mark, not before the previous quote
    right_lo: int  # after the closing mark up to the next quote or the end of the line
    right_hi: int
    before: str  # text[left_lo:open] without dashes and white space at its ends
    standalone: bool  # nothing but the quote in its sentence
    sentence_like: bool  # a full sentence quoted


class _QuoteFinder:
    """One pass over the candidate spans, in order: each is kept as a quotation (with its
    speaker) or dropped as a scare quote, a title, a label or a stray mark."""

    def __init__(self, text: str, spans: list[MarkSpan], sentences: SentenceMap, cancel: Cancel | None = None):
        self.text = text
        self.cancel = cancel
        self.spans = spans
        self.sentences = sentences
        # Another language's words of attribution (None for English): its quotations' speakers
        # are read with them ("„...“, sagte Merkel", "« ... », a déclaré Macron").
        self.foreign = languages.attribution_words(text)
        self.resolver = SpeakerResolver(
            text,
            [(s.open, (s.close + 1) if s.close is not None else s.end) for s in spans],
            sentences,
            self.foreign.function_words if self.foreign is not None else frozenset(),
            self.foreign.name_particles if self.foreign is not None else frozenset(),
        )
        self.resolver.headline_ends = self.headline_ends  # a digest's headline names no subject
        self.blank_lines = "\n\n" in text  # paragraphs separated by blank lines, else by single breaks
        self.results: list[Quote] = []
        self.prev_speaker: tuple[str | None, str | None, int | None, int | None] | None = None
        self.prev_end = -1
        self.prev_span: MarkSpan | None = None
        self.repeated = _repeated_paragraphs(text, spans, cancel)
        self.foreign_found: set[tuple[str, int, int]] = set()  # the attributions read in its words

    @cached_property
    def headline_ends(self) -> dict[int, int]:
        """{paragraph start: end of the headline opening it}, read when first asked."""
        return _headline_leads(self.text)

    def _headline_end(self, line_lo: int) -> int:
        """Where the headline that opens the paragraph at `line_lo` ends, as a digest or a
        newsletter lists its items ("HOW CHINA’S DECLINE AFFECTS THE WORLD “China’s economic
        slowdown ...” [WaPo.]"); `line_lo` when there is none."""
        return self.headline_ends.get(line_lo, line_lo)

    def _item_between(self, lo: int, hi: int) -> bool:
        """Whether a digest's item, opened by a headline, starts in text[lo:hi] or opens the
        paragraph at `hi`: a quotation there does not go on from one before it."""
        if not self.headline_ends:
            return False
        text = self.text
        line_lo = text.rfind("\n", 0, hi) + 1
        while line_lo > max(lo, 0):
            if self._headline_end(line_lo) > line_lo:
                return True
            line_lo = text.rfind("\n", 0, line_lo - 1) + 1
        return False

    def run(self) -> list[Quote]:
        for i, span in enumerate(self.spans):
            check(self.cancel)  # one candidate: at most a few tenths of a second (its speaker's search)
            quote = self._quote(i, span)
            if quote is not None:
                self.results.append(quote)
                if quote.speaker or quote.mention:
                    self.prev_speaker = (quote.speaker, quote.mention, quote.speaker_start, quote.speaker_end)
                self.prev_end = span.end
            self.prev_span = span
        return self.results

    def _context(self, i: int, span: MarkSpan, quoted: str, words: list[str]) -> _Context:
        text, spans = self.text, self.spans
        line_lo = text.rfind("\n", 0, span.open) + 1
        line_lo = max(line_lo, min(span.open, self._headline_end(line_lo)))  # a digest's headline says nothing
        line_hi = text.find("\n", span.end)
        line_hi = len(text) if line_hi < 0 else line_hi
        prev = spans[i - 1] if i > 0 else None
        left_lo = max(
            line_lo,
            prev.close + 1 if prev is not None and prev.close is not None and prev.close < span.open else line_lo,
        )
        left_lo = _sentence_start(self.sentences, left_lo, span.open)
        right_lo = (span.close + 1) if span.close is not None else span.end
        right_hi = line_hi
        if i + 1 < len(spans) and spans[i + 1].open < right_hi:
            right_hi = spans[i + 1].open
        standalone = _strip_edges(text[left_lo : span.open], "—–-:") == "" and _right_is_bare(text, right_lo, right_hi)
        return _Context(
            quoted,
            words,
            left_lo,
            right_lo,
            right_hi,
            before=_strip_edges(text[left_lo : span.open], "—–-").translate(_FULL_WIDTH),
            standalone=standalone,
            sentence_like=len(words) >= 4
            and (quoted[0].isupper() or _caseless(quoted[0]) or quoted[0] in "‘'[(…." or standalone),
        )

    def _quote(self, i: int, span: MarkSpan) -> Quote | None:
        text = self.text
        quoted = text[span.start : span.end]
        words = _WORD.findall(quoted)
        if not words:
            return None
        if i in self.repeated:
            return None  # a pull quote or a subhead: the article tells it where it repeats it from
        c = self._context(i, span, quoted, words)
        if span.unclosed and not span.continued and not _attributed_opening(text, c.left_lo, span.open, words, quoted):
            return None
        found = self._attribution(span, c)
        if found is None:
            return None  # a scare quote or a title
        attribution, inherited, introduced = found
        continuation = span.continued or (
            self.prev_span is not None and self.prev_span.continues and _opens_paragraph(text, span)
        )
        if (
            not continuation
            and not c.standalone
            and ((not introduced and _is_title(words, quoted)) or _prenominal(text, span, words, quoted))
        ):
            return None
        speaker, mention, s_start, s_end = self._speaker(span, attribution, inherited)
        if (
            not continuation
            and not c.standalone
            and not inherited
            and not (mention or speaker)
            and len(words) <= _SCARE_WORDS
            and c.before
            and c.before[-1] not in ",:"
            and not _exclaimed(quoted, words)
            and not _SPEECH_NOUN_OF.search(c.before)
            and not _quotative(text, span)
        ):
            return None  # a short quote nobody is said to have said: a scare quote ("told to “smile”")
        if not continuation and _label_not_spoken(text, span, words, quoted):
            return None  # "Related:" on a line of its own, Fox News Channel’s “Hannity”: labels
        if not continuation and (
            _named_not_spoken(text, self.spans, i, c.left_lo, words)
            or (not c.standalone and _work_title(text, span, c.left_lo, quoted))
        ):
            # "what is typically called “regenerative medicine”", "words like “maybe”": a term;
            # "the Disney film “Frozen”": a title. Not speech, though whoever the sentence has
            # speak ("..., he told reporters.") is who speaks next.
            if mention and not inherited and not _cannot_speak(mention):
                self.prev_speaker = (speaker, mention, s_start, s_end)
                self.prev_end = span.end  # where that speaker was last heard from
            return None
        if not continuation and _dated_caption(text, span):
            return None  # a poster's or a work's text, dated like a caption
        if not continuation and _written_not_spoken(text, c.left_lo, span.open, mention, words):
            return None  # a word read off a sign or a chalkboard: not a quotation
        if mention and _cannot_speak(mention):
            speaker = mention = None  # "Mount Kisco" wrote nothing
            s_start = s_end = None
        return Quote(quoted, span.start, span.end, speaker, mention, s_start, s_end)

    def _attribution(self, span: MarkSpan, c: _Context) -> tuple[tuple | None, bool, bool] | None:
        """(attribution or None, inherited, introduced as speech); None for a scare quote or a title.
        An attribution is (mention as written, start, end); an inherited one (speaker, mention,
        start, end)."""
        text, resolver = self.text, self.resolver
        label = _speaker_label(text, span)
        if label is not None:
            if not label:
                return ("", span.open, span.open), False, True  # "VIDEO:": a quotation, no one's
            at = span.start
            # The label is written in capitals: read it as the name it is ("CLINTON": Hillary Clinton).
            speaker = resolver.resolve(label.title(), at, span.open)
            return (speaker, label, at, at + len(label)), True, True
        attribution = None
        foreign = self.foreign
        if foreign is not None and foreign is not languages.ANY_LANGUAGE:
            found = self._foreign_attribution(span, c, foreign)
            if found is not None:
                return found
        if span.close is not None and not c.quoted.endswith((".", "…")):
            attribution = right_attribution(text, c.right_lo, c.right_hi, self.sentences)
            if attribution is not None and _answers_next(text, c, attribution):
                attribution = None  # `“Is that picture you?” Weiner replied, “...”`: the question is not his
        # `“...,” Trump said` and `saying: “...”` introduce speech: a Title-Cased quote there
        # ("Like Oakland. Or Ferguson", "The Struggle Continues") is not a title.
        introduced = (
            attribution is not None and (c.before == "" or self._after_attribution(span))
        ) or c.before.endswith(":")
        if attribution is None:
            attribution = left_attribution(text, c.left_lo, span.open, resolver.clause_subject)
        if attribution is None and span.close is not None and c.before == "":
            # A full sentence quoted, then its attribution as a sentence of its own, which the
            # splitter cuts off: `“... his life.” Trump wrote on Saturday.`, or a tweet's
            # signature `“...” — Jane Doe (@janedoe) May 2, 2017`.
            attribution = _split_off_attribution(text, c.right_lo, c.right_hi, self.sentences)
        if attribution is None and foreign is languages.ANY_LANGUAGE:
            # A text too short to tell its language by, that English did not attribute.
            found = self._foreign_attribution(span, c, foreign)
            if found is not None:
                return found
        if attribution is None and has_speech_verb(text, c.left_lo, span.open):
            # Reported speech whose speaker phrase we cannot parse: the clause's subject, if any.
            attribution = resolver.clause_subject(c.left_lo, span.open, loose=True)
            if attribution is None:
                attribution = ("", span.open, span.open)
        if attribution is None and c.before.endswith(":"):
            attribution = colon_attribution(text, c.left_lo, span.open)
        if attribution is not None:
            return attribution, False, introduced
        if self.results and _same_sentence(text, self.results[-1], span):
            # "... is “like a spoiled child” and “not a smart man”": one attribution for both.
            last = self.results[-1]
            return (last.speaker, last.mention, last.speaker_start, last.speaker_end), True, introduced
        return self._unattributed(span, c, introduced)

    def _after_attribution(self, span: MarkSpan) -> bool:
        """Whether all that stands before the quote in its sentence is the attribution of the
        quotation kept just before it and a conjunction, a comma or a semicolon (`“Point 1,” it
        said, and “Point 2,” it said`): nothing of this quote's own clause, as when its sentence
        opens with it."""
        prev, last = self.prev_span, self.results[-1] if self.results else None
        if prev is None or prev.close is None or last is None or last.end != prev.end:
            return False
        if last.speaker_start is None or last.speaker_end is None or last.speaker_start <= prev.close:
            return False  # the quotation before was not attributed after it
        between = _ATTRIBUTION_THEN.match(self.text, prev.close + 1, span.open)
        return between is not None and last.speaker_end <= prev.close + 1 + len(between.group(1))

    def _foreign_attribution(self, span: MarkSpan, c: _Context, words: languages.AttributionWords):
        """An attribution in another language's words (`„...“, sagte Merkel`, `Merkel sagte: „`),
        as _attribution gives it; None when there is none."""
        attribution = None
        if span.close is not None:
            sentence_hi = self.sentences.end_in(c.right_lo, c.right_hi)
            attribution = languages.right_attribution(self.text, c.right_lo, sentence_hi, words)
        introduced = (attribution is not None and c.before == "") or c.before.endswith(":")
        if attribution is None:
            attribution = languages.left_attribution(self.text, c.left_lo, span.open, words)
        if attribution is None:
            return None
        self.foreign_found.add(attribution)
        return attribution, False, introduced

    def _unattributed(self, span: MarkSpan, c: _Context, introduced: bool):
        """A quote with no attribution of its own: a multi-paragraph continuation or a full quote
        following a quote inherits; a long or introduced clause is spoken by its clause's subject."""
        text, prev_span, prev_speaker = self.text, self.prev_span, self.prev_speaker
        if span.continued or (prev_span is not None and prev_span.continues and _opens_paragraph(text, span)):
            return prev_speaker, True, introduced
        if c.sentence_like and not c.standalone and c.before.endswith((":", ",")):
            # "Kaine has adopted the stance common among some Catholics: “I’m pro-life ...”":
            # the clause before the colon introduces it, whoever spoke before
            subject = self.resolver.opening_subject(c.left_lo, span.open)
            if subject is not None:
                return subject, False, introduced
        if c.standalone or c.sentence_like:
            intro = self.resolver.intro(span.open)
            if intro is not None:
                return intro, False, introduced  # the sentence before names its speaker ("X said:", "X said that ...")
            near = prev_speaker is not None and (
                span.open - self.prev_end < _INHERIT_WINDOW
                and text.count("\n\n" if self.blank_lines else "\n", self.prev_end, span.open) <= 2
                and not self._item_between(self.prev_end, span.open)
            )
            return (prev_speaker if near else None), near, introduced
        if (
            len(c.words) >= _LONG_QUOTE
            or c.before.endswith(":")
            or (c.before and text[c.left_lo : span.open].rstrip().endswith(("—", "–")))
            or _exclaimed(c.quoted, c.words)
        ):
            # A quoted clause this long, or one a colon introduces, is a quotation even with
            # no speech verb in reach ("Pew found that “about twice as many ...”", "emailed
            # supporters saying: “The struggle continues”"), and so is an exclamation or a
            # question ("cry “but they’re racist!”"): a term is neither. The clause's subject speaks.
            subject = self.resolver.clause_subject(c.left_lo, span.open, loose=True)
            return subject or ("", span.open, span.open), False, introduced
        if _SPEECH_NOUN_OF.search(c.before):
            return ("", span.open, span.open), False, True  # "chants of “Trump, Trump”": a crowd's words
        if _quotative(text, span):
            return ("", span.open, span.open), False, True  # 「協力を続ける」と述べた: said, by the clause's speaker
        return None

    def _speaker(self, span: MarkSpan, attribution, inherited: bool):
        """(speaker, mention, mention start, mention end) of an attribution."""
        if attribution is None:
            return None, None, None, None
        if inherited:
            return attribution
        text = self.text
        foreign = self.foreign if attribution in self.foreign_found else None
        mention, s_start, s_end = attribution
        mention = clean_noun_phrase(mention)
        if mention and self.foreign is not None and languages.only_function_words(mention, self.foreign):
            mention = None  # "Quando", "Wenn man": whatever rule read it, a function word is no speaker
        if mention is None:
            s_start = s_end = None
        elif s_start is not None and s_end is not None:
            found = text.find(mention, s_start, s_end)  # cleaning trims the phrase's ends
            if found >= 0:
                s_start, s_end = found, found + len(mention)
        said = mention
        if mention and foreign is not None:
            said = languages.speaker_words(mention, foreign)  # "il": "he"; "министр Лавров": "Лавров"
            here = (s_start, s_end) if s_start is not None and s_end is not None else (0, 0)
            if not self.resolver.names_person(said, besides=here):
                for nominative in languages.nominatives(said, foreign):
                    if self.resolver.names_person(nominative):
                        said = nominative  # "По словам (Дмитрия) Пескова": Дмитрий Песков, named before
                        break
        speaker = self.resolver.resolve(said, s_start, span.open) if said else None
        return speaker, mention, s_start, s_end


# What follows a quotation up to the next one when the next has an attribution of its own: its
# attribution ("it said", "said the spokesman for Smith"), then a comma and a conjunction, a
# comma or a semicolon.
_ATTRIBUTION_THEN = re.compile(r"([^.!?;:\n“”\"]*?)(?:,[^\S\n]+(?:and|but|then)|[,;])[^\S\n]*$")
_PULL_WORDS = 10  # words a paragraph of quotation must repeat from elsewhere to be a pull quote
_CLOSING_MARKS = '"”»'


# A transcript's speaker label opening a quotation ("“RAMOS: Secretary Clinton, ...", "“CLINTON:
# I feel ..."): one or two words in capitals, the first of three letters or more ("OK:", "US:" are
# no names), and a colon. The labelled person speaks, whatever
# sentence introduced the transcript ("Partial transcript as follows:").
_SPEAKER_LABEL = lazy_regex.compile(r"([A-Z][A-Z’'.-]{2,}(?:[^\S\n][A-Z][A-Z’'.-]+)?):[^\S\n]")
# Labels of a transcript or a page that name no one speaking.
_NOT_SPEAKER_LABELS = frozenset(
    """video audio clip sound sot vo photo note update updated editor's editor’s correction related
    source read watch breaking exclusive transcript""".split()
)


def _speaker_label(text: str, span: MarkSpan) -> str | None:
    """The speaker label opening the quotation at `span`, as written ("RAMOS"); "" when the label
    names no one ("VIDEO:"); None when the quotation opens with no label."""
    m = _SPEAKER_LABEL.match(text, span.start)
    if m is None:
        return None
    if any(word.lower() in _NOT_SPEAKER_LABELS for word in m.group(1).split()):
        return ""
    return m.group(1)


def _bare_paragraph(text: str, span: MarkSpan) -> tuple[int, int] | None:
    """(start, end) of the paragraph `span` is all of: its mark opens the paragraph and nothing
    but punctuation follows its closing mark, or (a pull quote's layout) it is left open and the
    next line, a short credit, closes it ("...\nS.C. Rep. Jim Clyburn.\"")."""
    line_lo = text.rfind("\n", 0, span.open) + 1
    if text[line_lo : span.open].strip() or span.continues or span.continued:
        return None
    line_hi = text.find("\n", span.end)
    line_hi = len(text) if line_hi < 0 else line_hi
    if span.close is not None:
        return (line_lo, line_hi) if not _strip_edges(text[span.close + 1 : line_hi], ".,;:!?—–-") else None
    credit_hi = text.find("\n", line_hi + 1)
    credit = text[line_hi + 1 : len(text) if credit_hi < 0 else credit_hi].rstrip()
    if credit[-1:] in _CLOSING_MARKS and not any(m in credit[:-1] for m in _CLOSING_MARKS + "“«") and credit.strip():
        return line_lo, line_hi + 1 + len(credit)
    return None


_WORDS_PER_CHECK = 50_000  # words read between two cancel checks (~0.03 s)


def _repeated_paragraphs(text: str, spans: list[MarkSpan], cancel: Cancel | None = None) -> set[int]:
    """Indices of the spans that are a pull quote or a subhead: a paragraph that is nothing but a
    quotation repeating, word for word (case aside), a passage the article has elsewhere, in a
    quotation or in its narrative. A display element, not a second quotation: the article tells
    it where it repeats it from. Ten words must repeat, or all of a subhead in capitals."""
    wanted: dict[tuple[str, ...], list[tuple[int, int, int]]] = {}
    for i, span in enumerate(spans):
        para = _bare_paragraph(text, span)
        if para is None:
            continue
        words = _WORD.findall(text[span.start : span.end])
        shouted = len(words) >= 3 and text[span.start : span.end].isupper()
        if len(words) < _PULL_WORDS and not shouted:
            continue
        key = tuple(w.casefold() for w in words[:_PULL_WORDS])
        wanted.setdefault(key, []).append((i, *para))
    if not wanted:
        return set()
    firsts = {key[0] for key in wanted}
    found: list[tuple[str, int]] = []
    matches = _WORD.finditer(text)
    while True:  # every word of the text: a fraction of a second a megabyte, so a check now and then
        check(cancel)
        part = [(m.group().casefold(), m.start()) for m in islice(matches, _WORDS_PER_CHECK)]
        found += part
        if len(part) < _WORDS_PER_CHECK:
            break
    repeated: set[int] = set()
    for k, (word, _) in enumerate(found):
        if not k % _WORDS_PER_CHECK:
            check(cancel)
        if word not in firsts:
            continue
        for key, places in wanted.items():
            if tuple(w for w, _ in found[k : k + len(key)]) != key:
                continue
            at = found[k][1]
            # Elsewhere: outside the paragraph, and not a copy that is itself such a paragraph.
            if any(lo <= at < hi for _, lo, hi in places):
                continue
            repeated.update(i for i, _, _ in places)
    return repeated


# A term named with no one naming it: "what is typically called", "so-called", "known as".
_NAMED_AS = lazy_regex.compile(
    r"(?:\b(?:is|are|was|were|be|been|being|typically|commonly|often|sometimes|now|what['’]s)\s+"
    r"(?:called|dubbed|termed|labell?ed)|\bknown\s+as|\bso[\s-]called)(?:\s+(?:a|an|the))?\s*$"
    # A word talked about, not said: "the phrase “anchor baby”", "words like “maybe” and “perhaps”";
    # someone's words are said ("in Pelosi's words, “a disgrace”", "in his own words").
    r"|\b(?:(?<!['’]s )(?<!s['’] )(?<!his )(?<!her )(?<!own )words"
    r"|word|phrase|phrases|term|terms|expression|expressions|catchphrase|buzzword|buzzwords)"
    r"(?:\s+(?:like|such\s+as))?\s*,?\s*$"
)  # lower case on purpose: a Title-Cased headline ("Being Called “A Real Woman”") is not this
_SHORT_TERM = 4  # words
_COORDINATED = re.compile(r"\s*,?\s*(?:and|or)?\s*$")


def _named_not_spoken(text: str, spans: list[MarkSpan], i: int, lo: int, words: list[str]) -> bool:
    """A short term that the words before it name as a term; the second of two coordinated
    terms ("words like “maybe” and “perhaps”") is read after the words before the first."""
    if len(words) > _SHORT_TERM:
        return False
    pos = spans[i].open
    while i > 0:
        prev = spans[i - 1]
        if prev.close is None or prev.close >= pos or "\n" in text[prev.close : pos]:
            break
        if not _COORDINATED.fullmatch(text, prev.close + 1, pos):
            break
        i, pos = i - 1, prev.open
        lo = min(lo, text.rfind("\n", 0, pos) + 1)
    return bool(_NAMED_AS.search(text, lo, pos))


# A work named before its title: "the Disney film “Frozen”", "a class called “Perception”".
_WORK_BEFORE = lazy_regex.compile(
    r"\b(?:film|films|movie|movies|show|shows|series|sitcom|documentary|book|books|novel|memoir|song|songs"
    r"|album|play|musical|opera|poem|painting|episode|column|essay|podcast|class|course|exhibit|exhibition)"
    r"(?:\s+(?:called|titled|entitled|named))?\s*,?\s*$"
)
_ROLE_AFTER = re.compile(r"\s+([a-z][\w-]*)\s+[A-Z]")


def _work_title(text: str, span: MarkSpan, lo: int, quoted: str) -> bool:
    """A title of a work: capitalised, right after a noun for a kind of work, or before a role
    and a name (“Orange is the New Black” star Dascha Polanco, “Meet the Press” host Chuck
    Todd): a name, whoever is said to have said it."""
    if not (quoted[:1].isupper() or quoted[:1].isdigit()):
        return False
    if _WORK_BEFORE.search(text, lo, span.open):
        return True
    if span.close is None or text[span.end - 1 : span.close].strip()[-1:] in ".,;:!?…" or not _title_cased(quoted):
        return False
    m = _ROLE_AFTER.match(text, span.close + 1)
    if m is None:
        return False
    word = m.group(1).replace("’", "'")
    return word not in _NOT_NOUNS and word not in SPEECH_VERBS and not word.endswith(("ly", "ed", "ing"))


_TITLE_SMALL = frozenset("a an the of and or in on at to for with by vs is are be as from".split())


def _title_cased(quoted: str) -> bool:
    """Two or more words, each capitalised but for small ones ("Orange is the New Black")."""
    words = _WORD.findall(quoted)
    return len(words) >= 2 and all(w[0].isupper() or w[0].isdigit() or w in _TITLE_SMALL for w in words)


# A quotation dated in parentheses the way a caption or a work is: “...” (2015), “...” (election
# poster 2003).
_DATED = re.compile(r"\s*\((?:[^(),\n]{0,60}\s)?(?:1[89]|20)\d\d\)")  # not "(Kennedy, 1963)", a source


def _dated_caption(text: str, span: MarkSpan) -> bool:
    return span.close is not None and _DATED.match(text, span.close + 1) is not None


_SCARE_WORDS = 4  # words: a partial quote this short needs a speaker to be a quotation
_SHORT_WRITTEN = 3  # words: a quote this short beside a sign or a chalkboard is what it reads
_PRONOUNS = frozenset("he she they we i you it".split())


def _head(mention: str) -> str:
    words = _WORD.findall(mention.casefold())
    return words[-1] if words else ""


def _cannot_speak(mention: str) -> bool:
    """A place or a written thing named as the speaker ("Mount Kisco", "a sign")."""
    words = _WORD.findall(mention.casefold())
    return bool(words) and (words[-1] in WRITTEN_THINGS or any(w in PLACE_HEADS for w in words))


_POSSESSIVE_BEFORE = re.compile(r"[A-Z][\w.]*['’]s?\s*$")
_READ_BEFORE = re.compile(r"\b(?:read|reads|reading)\s*$")


def _label_not_spoken(text: str, span: MarkSpan, words: list[str], quoted: str) -> bool:
    """A page label or a title: one word ending in a colon ("Related:") on its own line, or one
    capitalised word right after a name's possessive (Fox News Channel’s “Hannity”)."""
    if len(words) != 1:
        return False
    if text[span.end : span.close if span.close is not None else span.end].strip() == ":" or quoted.endswith(":"):
        line_lo = text.rfind("\n", 0, span.open) + 1
        line_hi = text.find("\n", span.end)
        line = text[line_lo : len(text) if line_hi < 0 else line_hi]
        return line.strip(" \t\"“”'’:") == quoted.rstrip(":").strip()
    return quoted[:1].isupper() and bool(_POSSESSIVE_BEFORE.search(text, max(0, span.open - 40), span.open))


def _written_not_spoken(text: str, lo: int, pos: int, mention: str | None, words: list[str]) -> bool:
    """A short quote whose source is a sign, a banner or a chalkboard ("a sign read “Closed”",
    "armed with his chalkboard, he blamed “progressivism”", "one message read “...”"): the
    words written there."""
    if len(words) > _SHORT_WRITTEN:
        return False
    if mention and _head(mention) in WRITTEN_THINGS:
        return True
    head = _head(mention or "")
    named = bool(mention and mention.split()[-1][:1].isupper())
    if mention and not named and head not in _PRONOUNS and _READ_BEFORE.search(text, lo, pos):
        return True  # a thing "read" it: written, not said
    return any(w in WRITTEN_THINGS - {"door", "wall"} for w in _WORD.findall(text[lo:pos].casefold()))


_SIGNATURE = lazy_regex.compile(r"\s*[—–-]+\s*([A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3})\s*\(@\w+\)")
_SAYING = frozenset(
    "said says wrote writes added adds tweeted tweets posted posts told tells explained "
    "continued declared insisted noted".split()
)
_SHORT_CLAUSE = 8  # words: an attribution sentence of its own is short ("Trump wrote on Saturday.")


def _split_off_attribution(text: str, lo: int, hi: int, sentences: SentenceMap) -> tuple[str, int, int] | None:
    """The attribution after a quote that ends its sentence: a tweet's signature, or a short
    sentence of attribution ("Trump wrote on Saturday.")."""
    m = _SIGNATURE.match(text, lo, hi)
    if m:
        return m.group(1), m.start(1), m.end(1)
    stop = _TERMINAL.search(text, lo, hi)
    end = stop.start() + 1 if stop else hi
    if stop is None and text[lo:hi].strip():
        return None  # the sentence goes on past the line: not a clause of attribution alone
    if not text[lo:end].strip() or len(_WORD.findall(text[lo:end])) > _SHORT_CLAUSE:
        return None
    found = right_attribution(text, lo, end, sentences)
    if found is None:
        return None
    verb = text[found[2] : end].split()[:1] if found[1] == lo or not text[lo : found[1]].strip() else []
    if not verb or verb[0].casefold().strip(".,") not in _SAYING:
        return None  # "Democrats criticised the post.": a new sentence, not an attribution
    words = _WORD.findall(found[0])
    head = words[-1] if words else ""
    # A name, a pronoun or a person's role speaks; "The move was reported by NBC" does not.
    if (
        head[:1].isupper()
        and not any(w.endswith(("'s", "’s")) for w in words)
        or head.lower()
        in (
            "he",
            "she",
            "they",
            "we",
            "i",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "official",
            "officials",
            "aide",
            "aides",
        )
    ):
        return found
    return None


_ANSWER_INTRO = re.compile(r"\s+(?:\w+\s+)?(?:replied|responded|answered|retorted|countered)\s*[,:]\s*$")


def _answers_next(text: str, c: _Context, attribution: tuple[str, int, int]) -> bool:
    """Whether the attribution after a question introduces the answer quoted next (`“Is that
    you?” Weiner replied, “I won't talk about it.”`), not the question."""
    return (
        c.quoted.rstrip("”’'\")").endswith("?")
        and attribution[2] < c.right_hi
        and c.right_hi < len(text)
        and bool(_ANSWER_INTRO.match(text[attribution[2] : c.right_hi]))
    )


def _attributed_opening(text: str, lo: int, pos: int, words: list[str], quoted: str) -> bool:
    """Whether an unclosed mark opens a real quotation, not a stray mark: a clause of several words
    that opens its paragraph like a sentence, or follows a colon (`X said: “...`) or a speech verb
    and a comma (`“...,” she added, “and ...`)."""
    if len(words) < 4:
        return False
    before = text[lo:pos].rstrip()
    if before == "":
        return quoted[0].isupper() or quoted[0] in "‘'[(…"
    if before.endswith(":"):
        return True
    return before.endswith(",") and has_speech_verb(text, lo, pos)


_DETERMINER_BEFORE = lazy_regex.compile(
    r"(?:(?<![\w’'])(?:a|an|the|his|her|its|their|our|my|your|this|these|those|some|any|no)"
    r"|\w['’]s|\ws['’]|[”\"]\s+(?:and|or))\s*$",
    re.I,
)
_COORDINATED_QUOTE = re.compile(r"\s+(?:and|or)\s+[“\"][^”\"\n]{1,40}[”\"]")
_NOUN_AFTER = re.compile(r"[”\"»’']*\s+([a-z][\w’'-]*)")
_NOT_NOUNS = frozenset(
    """and or but nor to in on of for with as at by from that which who whom whose is was were are
    be been being has have had will would could should can may might must did does do not if when
    while because than then so about after before over into since until during said says told it
    he she they we i you his her their our this these those there here where what how why yet also
    even still just only among against across through under upon via per whether once around
    toward towards within without like unlike despite the a an""".split()
)


def _prenominal(text: str, span: MarkSpan, words: list[str], quoted: str) -> bool:
    """A short quote between a determiner (or possessive) and a noun: `a “paint over” ceremony`,
    `the nation’s “broken” campaign finance system`. Speech cannot fill the modifier slot of a noun
    phrase: this is a scare quote or a label, not a quotation."""
    if span.close is None or len(words) > 3 or text[span.end - 1 : span.close].strip()[-1:] in ".,;:!?…":
        return False
    if _DETERMINER_BEFORE.search(text, max(0, span.open - 40), span.open) is None:
        return False
    after = span.close + 1
    coordinated = _COORDINATED_QUOTE.match(text, after)
    if coordinated:
        after = coordinated.end()  # a “workplace” or “gun control” issue: the noun comes later
    m = _NOUN_AFTER.match(text, after)
    if m is None:
        return False
    word = m.group(1).lower().replace("’", "'")
    return word not in _NOT_NOUNS and not word.endswith(("ly", "ed"))


def _same_sentence(text: str, last: Quote, span: MarkSpan) -> bool:
    """Whether `span` continues the sentence of the quote kept just before it."""
    between = text[last.end : span.open]
    return (
        0 < len(between) < 200
        and "\n" not in between
        and not last.text.rstrip().endswith((".", "!", "?", "…"))
        and _TERMINAL.search(between.lstrip("”»\"'’ ")) is None
    )


_TERMINAL = re.compile(r"[.!?](?:\s|$)")


# Korean and Japanese mark what was said by a particle right after the closing mark and a verb
# of saying: “…”고 말했다, 「…」라고 밝혔다, 「…」と述べた. Their words run together (one word
# for several English ones, or a character each): a short quotation there is no scare quote.
_QUOTATIVE = lazy_regex.compile(
    r"[”」』\"»](?:이?라고|고)\s*(?:\S+\s+){0,2}?"
    r"(?:말|밝히|밝혔|전했|전하|설명|강조|덧붙|물었|답했|주장|지적|했다|한다|토로|반박|발표|언급|외쳤|적었|썼다)"
    r"|[」』”](?:と|などと)\s*(?:述べ|語っ|語り|言っ|言い|話し|話す|強調|説明|明らかに|指摘|主張|発表|答え|書い|訴え)"
)


def _quotative(text: str, span: MarkSpan) -> bool:
    """Whether a Korean or Japanese quotative particle and verb of saying follow the quote."""
    return span.close is not None and _QUOTATIVE.match(text, span.close, span.close + 40) is not None


_SPEECH_NOUN_OF = re.compile(r"\b(?:chants?|cries|cry|shouts?|screams?|yells?|cheers?|boos?|choruse?s?)\s+of$")


def _exclaimed(quoted: str, words: list[str]) -> bool:
    """An exclamation or a question of two words or more: said by someone, never a term."""
    return len(words) >= 2 and quoted.rstrip("”’'\")").endswith(("!", "?"))


def _opens_paragraph(text: str, span: MarkSpan) -> bool:
    """Whether the span's mark opens its paragraph: only such a mark continues a quote from the
    paragraph before; a “term” inside the paragraph is quoted within it."""
    return not text[text.rfind("\n", 0, span.open) + 1 : span.open].strip()


def _right_is_bare(text: str, lo: int, hi: int) -> bool:
    rest = text[lo:hi]
    return _strip_edges(rest, ".,;:!?—–-)") == ""
