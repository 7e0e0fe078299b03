"""Cleaning and metadata completion for one decoded article body.

`clean_and_infer` is what every loader calls once the file format is parsed: it removes the
"date YYYY-MM-DD" prefix and the boilerplate (by the outlets registry), tidies whitespace while
keeping every sentence of the reporting, and completes the metadata, recording which fields were
inferred. No UI imports here.
"""

from __future__ import annotations

import datetime as _dt
import re

from reader.corpus.boilerplate import strip_boilerplate
from reader.corpus.decode import ZERO_WIDTH, ZERO_WIDTH_JOINERS, sanitize_line, without_invisible_in_names
from reader.corpus.infer import (
    author_from_text,
    byline_credit,
    without_byline_line,
    without_date_line,
    contradicted_weekday,
    date_from_path,
    dated_from_text,
    date_from_url,
    TITLE_FILE_NAME,
    TITLE_GIVEN,
    infer_title_and_source,
    outlet_from_path,
    parse_date,
    strip_date_prefix_and_time,
    time_from_text,
    wrong_weekday_reason,
    yearless_date,
)
from reader.corpus.loose_dates import relative_date
from reader.corpus.joiners import drop_stray_joiners
from reader.corpus.outlets import Registry, default_registry, name_key, site_name

META_KEYS = ("title", "outlet", "date", "url", "author", "story")
# The fields that name someone or something, compared as names: an invisible character in one
# (decode.without_invisible_in_names) would make a second outlet, author or story that reads the same.
_NAME_KEYS = ("outlet", "author", "story")
# The metadata key clean_and_infer says where the title came from under (infer.TITLE_SOURCES).
TITLE_SOURCE_KEY = "title_source"
# The metadata key clean_and_infer says why the date given was refused under (its weekday).
REFUSED_DATE_KEY = "refused_date"
TEXT_TIME_KEY = "text_time"  # the time of day the text writes after the date it is dated by (infer.parse_moment)
# Spaces other than " ", listed one by one: testing for each with `in` is fast.
_OTHER_SPACE_CHARS = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# Only what needs changing: a run of two or more spaces (most texts are already tidy, and a
# substitution per single space was most of the cost). Spaces of other kinds are made plain
# first, by str.replace: then the pattern starts with a literal, which the engine finds at
# memory speed instead of testing a character class at each position (0.6 s for 10 MB).
_SPACES = re.compile("  +")
# Invisible characters that would split a word where they stand: the soft hyphen (`&shy;` in
# scraped HTML: "Bundes\u00adtag"), zero-width spaces and joiners, the word joiner, invisible
# operators and a byte-order mark. Removed at load, so every offset refers to the text without
# them (reader.index.search.INVISIBLE_CHARS removes the same from queries), except the joiners
# that belong to a word or an emoji (reader.corpus.joiners: the index folds those out of terms).
_ZERO_WIDTH_CHARS = ZERO_WIDTH + ZERO_WIDTH_JOINERS
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")


def _drop_invisible(text: str) -> str:
    """`text` without its invisible characters (the meaningful joiners kept); not ASCII."""
    if any(ch in text for ch in _ZERO_WIDTH_CHARS):
        text = drop_stray_joiners(_ZERO_WIDTH.sub("", text))
    return text


_LINE_EDGES = re.compile(r" \n ?|\n ")  # spaces are single by then
_BLANK_RUNS = re.compile(r"\n{3,}")


# A separator between a headline and the name its outlet signs it with: " | Fox News", " - The
# New York Times", " — HuffPost"; spaces either side ("the media: The New York Times" is a headline).
_SIGNATURE_SEPARATOR = re.compile(r"\s+[|–—‒―·•~:»-]\s+")
_SIGNATURE_IN_PARENTHESES = re.compile(r"\s+\((?P<name>[^()]+)\)$")


def without_outlet_signature(
    title: str | None, outlet: str | None, registry: Registry, also: tuple[str | None, ...] = ()
) -> str | None:
    """The title without its outlet's own name signing it at its end, as pages' titles, feeds and
    scrapers give them ("Home Depot sales miss | Fox News" -> "Home Depot sales miss"): the part
    after the last separator (or, with none, in parentheses at its end: "… (Fox News)") goes when it is one of the outlet's names (its name, its aliases and
    domains, or `also`: the name it was given as, its feed's title). Kept whole: a title of
    another outlet's name ("… - CNN" in a Fox News article), one that ends with a name
    without a separator ("Trump's feud with Fox News"), one that would be left with under two words
    ("Opinion | Fox News")."""
    if not title or not outlet:
        return title
    last = None
    for last in _SIGNATURE_SEPARATOR.finditer(title):
        pass
    # in parentheses too: "Bridge to reopen (Daily Planet)"
    signature = last if last is not None else _SIGNATURE_IN_PARENTHESES.search(title)
    if signature is None:
        return title
    signed = name_key(title[last.end() :] if last is not None else signature["name"])
    if not signed:
        return title
    known = registry.get(outlet)
    names = [outlet, *also, *(known.aliases if known else ()), *(known.domains if known else ())]
    if signed not in {name_key(name) for name in names if name}:
        return title
    headline = title[: signature.start()].rstrip()
    return headline if len(re.findall(r"\w+", headline)) >= 2 else title


def tidy_whitespace(text: str) -> str:
    """Uniform newlines, single spaces inside lines, no trailing spaces, at most one blank line
    between paragraphs, nothing blank at either end. Line structure and words are unchanged."""
    # Each step is skipped when a plain substring test shows there is nothing to do: those
    # tests run at memory speed, a regular expression scan is ten times slower.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    ascii_only = text.isascii()
    if not ascii_only:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
        text = _drop_invisible(text)
    for ch in _OTHER_SPACE_CHARS if not ascii_only else "\t":
        if ch in text:
            text = text.replace(ch, " ")
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGES.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip(" \n")


def _tidy_after_removal(text: str) -> str:
    """tidy_whitespace of what strip_boilerplate leaves of a tidy text: the end of it (after a
    teaser or a date prefix) less whole lines. Where a line went, blank lines may pile up, and the
    ends may start or end blank; nothing else can be untidy (no line gains a space, no two spaces
    meet), so tidy_whitespace's other tests would read the whole text again for nothing."""
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip(" \n")


def loaded_name(name: str) -> str:
    """A name (an outlet's, an author's, a story's) as reader keeps it, wherever it comes from (an
    article's metadata, a feed's title, a page's og:site_name, feeds.yaml): on one line, with no
    control, escape sequence or bidi control, no zero-width character (a soft hyphen, a BOM, a
    zero-width space; the joiners a word needs are kept) nor other invisible one, and at most
    MARKS_KEPT combining marks on a character (decode.sanitize). Letters of every script are kept.
    "Dai\u00adly Gazette" and "Daily Gazette" read the same: they are one outlet.
    Loaded again, a loaded name is the same name (a name read back from feeds.yaml or a stored
    article's front matter must stay the outlet it was)."""
    loaded = _name_pass(name)
    # Each step can leave work for one before it: a control gone from beside a joiner leaves the
    # joiner between characters it does not join. Every pass that changes a loaded name removes
    # a character, so this ends; nearly every name is done after one pass and one comparison.
    while loaded != name:
        name, loaded = loaded, _name_pass(loaded)
    return loaded


def _name_pass(name: str) -> str:
    if not name.isascii():
        name = without_invisible_in_names(_drop_invisible(name))
    return sanitize_line(" ".join(name.split()))


def _given(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        return value  # dates parsed by YAML, numbers: parse_date / str() deal with them
    if key in _NAME_KEYS:
        return loaded_name(value) or None
    if not value.isascii():
        value = _drop_invisible(value)
    value = " ".join(value.split())
    return value or None


# A page may be dated a day after the moment it was saved: its zone may be ahead of the saver's. A
# date later still is a typo ("Published March 5, 2034"), not the page's.
FUTURE_SLACK = _dt.timedelta(days=1)
# When the page was saved is not known: only the machine's clock says when "now" is, and a clock
# may be wrong (a dead battery's 1970, a virtual machine's old snapshot, a clock set by hand) while
# its articles' dates are right: a date is none only when a year after the clock's day, and a
# clock before the day this rule was written is wrong for sure (the rule's day is taken). A page
# read on a right clock is never dated in the future; a typo's decade is still caught.
CLOCK_SLACK = _dt.timedelta(days=366)
_CLOCK_SURELY_WRONG_BEFORE = _dt.date(2026, 12, 4)


def _today() -> _dt.date:
    """The clock's day in UTC (a function: tests set the clock)."""
    return _dt.datetime.now(_dt.timezone.utc).date()


def _latest_day(saved) -> str:
    """The last day (ISO) a page saved at `saved` (a datetime or a date; None: not known, the
    clock's day is taken, with CLOCK_SLACK) may be dated."""
    day = saved.date() if isinstance(saved, _dt.datetime) else saved
    if isinstance(day, _dt.date):
        return (day + FUTURE_SLACK).isoformat()
    return (clock_day() + CLOCK_SLACK).isoformat()


def clock_day() -> _dt.date:
    """The clock's day in UTC, or the day the rule above was written when the clock says earlier."""
    return max(_today(), _CLOCK_SURELY_WRONG_BEFORE)


def _later_than(saved) -> str:
    """What a date after _latest_day(saved) is later than, in words."""
    day = saved.date() if isinstance(saved, _dt.datetime) else saved
    if isinstance(day, _dt.date):
        return f"after {day.isoformat()}, the day the page was saved"
    return f"over a year after today, {clock_day().isoformat()}"


def _not_after(date: str | None, latest: str) -> str | None:
    return date if date is not None and date <= latest else None


def clean_and_infer(
    body: str,
    meta: dict,
    *,
    source_name: str,
    registry: Registry | None = None,
    feed_title: str | None = None,
    path_hints: bool = False,
    path_date: bool = True,
    saved=None,
    weekdays: bool = True,
    site: str | None = None,
) -> tuple[str, dict, frozenset[str]]:
    """Clean `body` and complete `meta` (keys title/outlet/date/url/author/story; the author from
    a byline when none is given).

    Returns (clean text, metadata with every key present, names of the fields that were inferred).
    The metadata also has TITLE_SOURCE_KEY: where the title came from, one of infer.TITLE_SOURCES
    (None when there is no title).
    TEXT_TIME_KEY, only when the date is read from the text with a time after it (a "date
    2025-10-21 6:30 PM" prefix, "Published March 5, 2024 at 6:30 p.m. EST"): that time
    (infer.parse_moment).
    The outlet is canonicalised to the registry's name (by name, alias or domain); the date is ISO
    YYYY-MM-DD or None; a title is always found when the text has any words. `source_name` (the
    file's name; with `path_hints`, its path relative to the corpus, for a file holding one
    article) is the last resort for the title, and with `path_hints` for the outlet and the date,
    as scrapers name files ("nyt_2016-02-01_slug.txt", "nytimes/2016/02/01/slug.html").
    `feed_title` (a feed's entry): the outlet when none is given and the registry knows none for
    the URL's domain. `saved` (a datetime, or a date alone): when the page was saved, which
    settles a date written without its year or relative to then ("2 hours ago"; loose_dates.py).
    `site` (news-please's `source_domain`): the page's host, as the URL's: the registry's outlet
    for it where the URL's host names none, else the site, named when nothing else names the
    outlet and the URL names no site (outlets.site_name: "example.com").
    """
    registry = registry or default_registry()
    meta = meta or {}
    inferred: set[str] = set()
    out: dict = {key: _given(meta, key) for key in META_KEYS}
    for key in ("url", "author", "story"):
        if out[key] is not None and not isinstance(out[key], str):
            out[key] = str(out[key])

    text = tidy_whitespace(body or "")
    text, prefix_date, time = strip_date_prefix_and_time(text)
    before_rules = text

    # outlet: given (canonicalised), else the URL's domain, else the feed's title (an entry of
    # a feed), else the file's path, else the outlet's signatures in the text, else a byline's
    # credit the registry knows ("By Jane Roe | Fox News"), else the site's own name from the
    # URL or news-please's source_domain ("example.com"). The path, like the URL, says who
    # published the file; the text's signatures may be a wire service's credit ("(AP) —" in a
    # story Breitbart ran), which names who wrote it, as a byline's credit may.
    given_outlet = out["outlet"]
    if given_outlet is not None and not isinstance(given_outlet, str):
        given_outlet = str(given_outlet)
    outlet = registry.canonical(given_outlet) if given_outlet else None
    if outlet is None:
        # news-please's source_domain is the page's host as the URL's is (www.nytimes.com: The
        # New York Times, which its own site's name would have made another outlet, nytimes.com)
        by_url = (registry.from_url(out["url"]) if out["url"] else None) or (registry.from_url(site) if site else None)
        if by_url is not None:
            outlet = by_url.name
        elif feed_title:
            outlet = registry.canonical(feed_title)
        else:
            if path_hints:
                outlet = outlet_from_path(source_name, registry)
            if outlet is None:
                by_text = registry.from_text(text)
                outlet = by_text.name if by_text else None
            if outlet is None:  # a byline's credit the registry knows: "By Jane Roe | Fox News"
                by_byline = registry.get(byline_credit(text, registry))
                outlet = by_byline.name if by_byline else None
            if outlet is None:  # the site the registry does not know, named as a reader names it
                outlet = registry.canonical(site_name(out["url"], registry) or site_name(site, registry))
        if outlet is not None:
            inferred.add("outlet")
    out["outlet"] = outlet

    text = _tidy_after_removal(strip_boilerplate(text, registry.rules_for(outlet)).text)

    # date: given, else the "date" prefix, else the text (before the boilerplate went), else the
    # URL, else a date written without its year or relative to when the page was saved, reckoned
    # from that moment (never from the file's time: a copy moves it), else the file's path
    # (an inferred date after the day the page was saved, or a year after today, is none: _latest_day)
    date = parse_date(out["date"])
    latest = _latest_day(saved)
    url_date = _not_after(date_from_url(out["url"]), latest)
    path_date_found = _not_after(date_from_path(source_name), latest) if path_hints and path_date else None
    # (a date given with a weekday it does not fall on counts as the text's does: where another
    # source has its day)
    agreeing = (url_date, path_date_found)
    # (`weekdays` false: the file's weekdays are wrong throughout, not its dates)
    if weekdays and date is not None and isinstance(out["date"], str) and contradicted_weekday(out["date"], date):
        dated = dated_from_text(before_rules, agreeing=agreeing, latest=latest)
        if date not in (*agreeing, dated[1] if dated else None):
            out[REFUSED_DATE_KEY] = wrong_weekday_reason(" ".join(out["date"].split()), date)
            date = None
    if date is not None and _not_after(date, latest) is None:
        # A date given after that day is a typo ("date: 2031-05-06" in front matter): it sorted
        # first for years. Refused as an inferred one is, said; the text may date the article.
        out[REFUSED_DATE_KEY] = f"is in the future: {date} ({_later_than(saved)})"
        date = None
    if date is not None:
        time = None  # the date given is the article's: a time in the text is of another
    else:
        date = _not_after(prefix_date, latest)
        time = time if date else None
        # (a date whose weekday contradicts it is kept when the URL or the path agrees)
        if date is None and (dated := dated_from_text(before_rules, agreeing=agreeing, latest=latest)):
            date, time = dated[1], time_from_text(before_rules, dated)
        date = date or url_date
        if date is None and saved is not None:
            loose = yearless_date(before_rules, [], saved)
            date = loose[1] if loose else relative_date(before_rules, saved)
        date = date or path_date_found
        if date is not None:
            inferred.add("date")
    out["date"] = date
    if time and date is not None:
        out[TEXT_TIME_KEY] = time  # the time of day the text writes after the date that dates it

    # author: given, else a byline among the first lines ("By Jane Roe", "Von Max Mustermann",
    # below the headline "Jane Roe in Washington", "Jane Roe" over "USA TODAY"); the article's own
    # outlet after a name is its credit ("By Jane Roe, Mother Jones" in a Mother Jones article)
    if out["author"] is None:
        out["author"] = author_from_text(before_rules, registry=registry, outlet=outlet)
        if out["author"] is not None:
            inferred.add("author")
    text = without_byline_line(text, out["author"], registry, outlet=outlet)
    text = without_date_line(text, out["date"])

    # title: given, else a headline-like first line, else the first sentence, else the file's name
    title = out["title"] if isinstance(out["title"], str) else None
    if title is None and out["title"] is not None:
        title = " ".join(str(out["title"]).split()) or None
    source = TITLE_GIVEN if title is not None else None
    if title is None:
        title, source = infer_title_and_source(text, registry)
        if title is None and source_name:
            stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", str(source_name))
            title = " ".join(re.sub(r"[_-]+", " ", stem).split()) or None
            source = TITLE_FILE_NAME if title else None
        if title is not None:
            inferred.add("title")
    if source != TITLE_FILE_NAME:
        title = without_outlet_signature(title, outlet, registry, also=(given_outlet, feed_title))
    out["title"] = title
    out[TITLE_SOURCE_KEY] = source
    return text, out, frozenset(inferred)
