"""Step 1: the per-article feature record (`story_features`): content words, name phrases,
quotation shingles, date, outlet, short title. Computed once per article (the index stores it)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import date
from sys import intern
from typing import Any, Iterable, Mapping

from reader.analysis.stories.items import item_of, split_items
from reader.analysis.textstats import content_words, name_phrases, tokenize


def _parse_date(value: Any) -> int | None:
    """Day number of an ISO date (or a date object); None when unknown or malformed."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.toordinal()
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text).toordinal()
    except ValueError:
        return None


_QUOTE_RE = re.compile(r"[\"“”«»]([^\"“”«»\n]{12,1500})[\"“”«»]")


def _quote_texts_from_text(text: str) -> list[str]:
    return [m.group(1) for m in _QUOTE_RE.finditer(text)]


# The lead part of an article: its first third. A report quotes its own event there (the
# inverted pyramid); a remark recalled as background ("Trump last week invited Russia to...")
# sits in the body. Two articles sharing a quotation only in their bodies are not sharing the
# event (polnear-dev: an AFP preview of Obama's convention speech and a Reuters interview with
# Clinton four days later both recalled Trump's "Russia, if you're listening").
LEAD_SHARE = 1 / 3


def _lead_quotes(text: str, quotes: Iterable[Any] | None) -> tuple[list[str], list[str]]:
    """(the quotations in the lead part of `text`, the others): by a quotation's start offset
    when it has one, else where its text is found; one found nowhere counts as lead (nothing
    says it is background)."""
    lead_end = len(text) * LEAD_SHARE
    lead: list[str] = []
    body: list[str] = []
    if quotes is None:
        for m in _QUOTE_RE.finditer(text):
            (lead if m.start(1) < lead_end else body).append(m.group(1))
        return lead, body
    for quote in quotes:
        quote_text = _quote_texts([quote])
        if not quote_text:
            continue
        at = quote.get("start") if isinstance(quote, Mapping) else getattr(quote, "start", None)
        if not (isinstance(at, int) and not isinstance(at, bool) and at >= 0):
            at = text.find(quote_text[0])  # -1 (lead) when not found
        (lead if at < lead_end else body).append(quote_text[0])
    return lead, body


def _shingle_hash(gram: tuple[str, ...]) -> int:
    """A stable 48-bit hash of a word 4-gram (the same in every process, exact in JSON)."""
    digest = hashlib.blake2b("\x1f".join(gram).encode("utf-8", "surrogatepass"), digest_size=6).digest()
    return int.from_bytes(digest, "big")


def _shingles(quote_texts: Iterable[str]) -> list[int]:
    """Hashed word 4-grams of the quoted text (a quote shared by two outlets shares most of them)."""
    out: set[int] = set()
    for quote in quote_texts:
        tokens = tokenize(quote)
        if len(tokens) >= 4:
            out.update(map(_shingle_hash, zip(tokens, tokens[1:], tokens[2:], tokens[3:])))
    return sorted(out)


def _quote_texts(items: Iterable[Any] | None) -> list[str]:
    texts = []
    for quote in items or ():
        if isinstance(quote, str):
            texts.append(quote)
            continue
        text = getattr(quote, "text", None)
        if text is None and isinstance(quote, Mapping):
            text = quote.get("text")
        if isinstance(text, str):
            texts.append(text)
    return texts


def _quote_list(quotes: Mapping[str, Any] | None, article_id: str) -> list[str] | None:
    if quotes is None:
        return None
    items = quotes.get(article_id)
    if items is None:
        return None
    return _quote_texts(items)


# Per-article words and names, reused across calls while the text is unchanged (in a long-lived
# process such as the app, recomputing every article's words would dominate the cost).
# Entries are compact: interned terms plus counts.
_CACHE: dict[tuple, tuple[tuple[str, ...], bytes, tuple[str, ...], bytes]] = {}
_CACHE_MAX = 60_000

# Only the start of a very long article is read: the event is in its first pages, and a
# hostile megabyte of text must not stall the grouping of a whole corpus.
MAX_CHARS = 20_000


def _pack(counts: Counter) -> tuple[tuple[str, ...], bytes]:
    return tuple(counts), bytes(min(c, 255) for c in counts.values())


def _unpack(terms: tuple[str, ...], counts: bytes) -> Counter:
    return Counter(dict(zip(terms, counts)))


def _article_terms(article_id: str, title: str, text: str) -> tuple[Counter, Counter]:
    """Content-word counts (title counted twice) and name-phrase counts (as written) of an article.

    Terms are interned: 50,000 articles share one copy of each word instead of one per use.
    """
    text = text[:MAX_CHARS]
    title = title[:1000]
    key = (article_id, len(text), hash(text), hash(title))
    hit = _CACHE.get(key)
    if hit is not None:
        return _unpack(hit[0], hit[1]), _unpack(hit[2], hit[3])
    counts: Counter[str] = Counter(content_words(title))
    for term in counts:
        counts[term] *= 2
    counts.update(content_words(text))
    words = Counter({intern(t): min(c, 255) for t, c in counts.items()})
    names: Counter[str] = Counter()
    for phrase in name_phrases(title + "\n" + text):
        names[intern(phrase)] += 1
    for phrase in names:
        names[phrase] = min(names[phrase], 255)
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = (*_pack(words), *_pack(names))
    return words, names


def _folded(found: Mapping[str, int]) -> Counter:
    """Name counts keyed case-insensitively ("NAACP" and "Naacp" are one name)."""
    folded: Counter[str] = Counter()
    for phrase, count in found.items():
        folded[intern(phrase.casefold())] += count
    return folded


# Bump when story_features() changes what it records: stored records are recomputed.
# 2: an article of many items (a live blog, a roundup: items.py) records its lead item's words,
#    names and shingles, and its other items under "items".
# 3: the shingles of quotations in the article's lead part (LEAD_SHARE) come first, and
#    "lead_shingles" counts them: only those earn a pair the shared-quote bonus.
# 4: a name leaves out an adverb, conjunction, preposition or pronoun opening its sentence
#    (textstats.OPENING_WORDS: "Later Mohammed" is "Mohammed", "Meanwhile" alone no name).
# 5: a given name that is also a grammar word ("Will", "Said", "Per", "Can") stays in the name
#    before a name word inside a sentence or after a title ("actor Will Smith" was "Smith").
# 6: a stamp line with ISO 8601's moment ("Published 2024-03-05T18:30:00-05:00") is a time stamp,
#    as "Published March 5, 2024" was: no sentence, and a live blog's item opens after it.
# 7: a surname that is also a grammar word ("May", "Will", "Said", "Rather") stays last in the
#    name where its capital is a name's ("Theresa May said" was "Theresa", "Mrs. May" nothing);
#    an office inside a run is no part of the name after it ("Florida Gov. Jeb Bush", "Secretary
#    of State John Kerry" are "Jeb Bush", "John Kerry"); a line in capitals with a grammar word
#    inside ("TRUMP SAYS HE WILL WIN") is no name.
# 8: a surname word after an owner is the month or the grammar word, no surname ("Trump's May
#    rally", "the Labor Department's May jobs report" were "Trump May", "Labor Department May");
#    an office of several words before a name is no part of it ("Minister of Foreign Affairs
#    Sergei Lavrov" was "Affairs Sergei Lavrov"); "More" is no surname ("Read More about it" was
#    "Read More").
# 9: a title first in an organisation's name is part of it ("General Motors", "Justice
#    Department", "U.S. Attorney's Office" were "Motors", "Department", "Office"); what an office
#    "of the" is of is no part of the name after it ("Speaker of the House Nancy Pelosi" was
#    "House Nancy Pelosi"); a headline's capitals are split at their grammar words ("Paul Ryan
#    Thinks About Donald Trump" is "Paul Ryan Thinks" and "Donald Trump"), a word alone of them
#    a name only where another phrase holds it; a surname word before "the", "you" ... is a verb.
# 10: a headline's capitals are split only on a headline's line, all its lower-case words grammar
#    words ("bombed a Doctors Without Borders hospital", "the “Jane The Virgin” actress", "Reem
#    As Saba’ee" are whole again), and put back whole where the text names them so ("In God We
#    Trust"); a part's titles are off it ("Nomination For Mr. Cruz" is "Cruz"); a person's office
#    before a name is no organisation's ("President Obama's National Commission" was "President
#    Obama National Commission"); one word after an office "of the House" is the committee's
#    ("House Judiciary" was "Judiciary"); a surname word before "the", "that", "it" ... is the
#    name's again ("told Theresa May that" was "Theresa"); "of The" starts a name ("Andrew Ross
#    Sorkin of The New York Times").
# 11: a headline's words (a line in title case or in capitals: the title, a subhead) are names
#    only where the text writes them so outside headlines, and as written there ("SECRETARY OF
#    STATE JOHN KERRY SPEAKS" was "STATE JOHN KERRY SPEAKS", "Fort Worth May Dry Human Waste" one
#    name); a short sentence in Cyrillic or Greek is no headline (textstats.headline_lines).
# 12: "previous", the id of the version of its page a later version replaces (front matter
#    `previous:`): a chain of versions is grouped as one article, whatever their dates.
FEATURES_VERSION = 12
_TITLE_KEEP = 200  # labels use at most 70 characters of a title


def story_features(article: Any, quotes: Iterable[Any] | None = None) -> dict:
    """The per-article record story grouping needs (JSON-serialisable; computed once per article,
    e.g. at index time, and clustered later without the text).

    `article` has id, outlet, date, title, text and optionally story; `quotes` are this
    article's quotations (objects or dicts with "text", or strings), or None to take quoted
    passages from the text. The record holds the content-word counts (title counted twice), the
    name phrases as written, the quotation shingles (stable hashes; those of the quotations in
    the article's lead part first, sorted, then the others, sorted; "lead_shingles" counts the
    first), the date (ISO), the
    folded outlet, a short title and, for untitled articles, the first words of the text; a later
    version of a page (front matter `previous:`) names the version it replaces, "previous".
    Corpus statistics (idf) are not in it: they are applied when records are clustered.
    An article of many items (a live blog, a roundup: items.py) records these of its lead item
    and, under "items", each other item's word and name counts and shingles.
    """
    aid = str(article.id)
    story = getattr(article, "story", None)
    given = str(story) if isinstance(story, (str, int)) and str(story).strip() else None
    title = getattr(article, "title", None)
    title = title if isinstance(title, str) else ""
    text = getattr(article, "text", None)
    text = text if isinstance(text, str) else ""
    outlet = getattr(article, "outlet", None)
    outlet = outlet.strip().casefold() if isinstance(outlet, str) and outlet.strip() else None
    day = _parse_date(getattr(article, "date", None))
    text = text[:MAX_CHARS]
    split = split_items(title, text)
    items: list[dict] | None = None
    if split is None:
        words, names = _article_terms(aid, title, text)
        lead_quotes, body_quotes = _lead_quotes(text, quotes)
        lead_shingles = _shingles(lead_quotes)
        held = set(lead_shingles)
        shingles = lead_shingles + [s for s in _shingles(body_quotes) if s not in held]
    else:
        lead_end, spans = split
        words, names = _article_terms(aid, title, text[:lead_end])
        by_item = _quotes_by_item(text, quotes, lead_end, spans)
        # the lead item is the article's lead part: all its quotations count as lead
        shingles = lead_shingles = _shingles(by_item[-1])
        items = [
            {
                "words": _capped(Counter(content_words(text[start:end]))),
                "names": _capped(Counter(name_phrases(text[start:end]))),
                "shingles": _shingles(by_item[k]),
            }
            for k, (start, end) in enumerate(spans)
        ]
    record = {
        "v": FEATURES_VERSION,
        "id": aid,
        "outlet": outlet,
        "date": date.fromordinal(day).isoformat() if day is not None else None,
        "title": " ".join(title.split())[:_TITLE_KEEP],
        "story": given,
        "words": dict(words),
        "names": dict(names),
        "shingles": shingles,
        "lead_shingles": len(lead_shingles),
    }
    if not record["title"]:
        record["lead"] = " ".join(text.split()[:12])
    if items is not None:
        record["items"] = items
    previous = getattr(article, "previous", None)
    if isinstance(previous, str) and previous.strip() and previous != aid:
        record["previous"] = previous
    return record


def _capped(counts: Counter) -> dict[str, int]:
    return {intern(term): min(count, 255) for term, count in counts.items()}


def _quotes_by_item(
    text: str, quotes: Iterable[Any] | None, lead_end: int, spans: list[tuple[int, int]]
) -> dict[int, list[str]]:
    """The quotations of each item (-1: the lead item; k: spans[k]): a quotation goes by its
    start offset when it has one, else to the first item whose text holds it."""
    out: dict[int, list[str]] = {k: [] for k in range(-1, len(spans))}
    if quotes is None:
        out[-1] = _quote_texts_from_text(text[:lead_end])
        for k, (start, end) in enumerate(spans):
            out[k] = _quote_texts_from_text(text[start:end])
        return out
    bounds = [(-1, 0, lead_end)] + [(k, start, end) for k, (start, end) in enumerate(spans)]
    for quote in quotes:
        quote_text = _quote_texts([quote])
        if not quote_text:
            continue
        at = quote.get("start") if isinstance(quote, Mapping) else getattr(quote, "start", None)
        if isinstance(at, int) and not isinstance(at, bool) and 0 <= at < len(text):
            k = item_of(at, lead_end, spans)
        else:
            k = next((k for k, a, b in bounds if quote_text[0] in text[a:b]), len(spans))
        if k in out:
            out[k].append(quote_text[0])
    return out
