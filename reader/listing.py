"""Filter and sort article lists (the app's source list), with no UI imports.

A filter is words (every one must appear in the title, outlet, date or story label), phrases in
quotes (`"hillary clinton"`, as the search writes them: the words side by side; a quotation mark
inside one written \\", `"he said \\"no\\""`, found as any double mark) and tokens:
`is:unread`, `is:read`, `is:starred`, `since:DATE`, `until:DATE` and `date:DATE..DATE`, where DATE
is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a short date covers its whole year or month), or relative:
`today`, `yesterday`, `3d` (three days ago), `2w` (two weeks ago). Articles
without a date never match a date bound. Words and rows are read alike: typographic variants,
compatibility forms and, with the search's fold (given by the caller), accents and case. A
malformed token is reported, never silently ignored; so is a search field (`outlet:fox`), which
the filter does not have: the message names the search.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Mapping

from reader import calendar_dates
from reader.relative_dates import RELATIVE_HELP, absolute

SORT_ORDERS = ("outlet", "newest", "oldest")  # the first is the default
SORT_LABELS = {
    "outlet": "by outlet (A-Z), newest first",
    "newest": "newest first",
    "oldest": "oldest first",
}
# The same orders with the list grouped by story (reader/tui/widgets/source_list.py).
STORY_SORT_LABELS = {
    "outlet": "largest stories first, then by title (A-Z); each story's articles by outlet",
    "newest": "stories by their newest article, newest first",
    "oldest": "stories by their oldest article, oldest first",
}
STATES = ("unread", "read", "starred")
# Search's field names (reader/index/query_check.FIELD_NAMES, but date: which the filter has too):
# `outlet:fox` in the filter was the literal word "outlet:fox", so it hid every article and said
# only "No matches". The filter matches words anywhere in a row; it names the search instead.
SEARCH_FIELDS = ("title", "body", "outlet", "author", "quote", "speaker", "story")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# A phrase in quotes, its closing quote perhaps not typed yet, or a run of other characters.
# A phrase may hold a quotation mark written \" (`"he said \"no\""`), as the search reads it.
_TOKEN = re.compile(r'"((?:[^"\\]|\\.?)*)"?|(\S+)')
_ESCAPED_QUOTE = '\\"'
# Typographic variants a title and a typed filter write differently, read alike (as the search
# reads them): apostrophes, quotation marks and dashes as typed on a keyboard (’ is ', “ ” « » ",
# – — and the minus sign -). A curly quote in a title did not match a straight one typed.
_TYPOGRAPHIC = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-"),
}
# (One scan for them all: str.translate with a table of non-ASCII characters took 13 µs a title,
# the list's filter texts 5 times as long: bench/bench_source_list.py --typeset.)
_TYPOGRAPHIC_RE = re.compile(f"[{''.join(_TYPOGRAPHIC)}]")


def _typographic(m: re.Match) -> str:
    return _TYPOGRAPHIC[m.group()]


def filter_key(text: str, fold: Callable[[str], str] | None = None) -> str:
    """`text` as the filter matches it: lower-cased, its typographic variants alike (_TYPOGRAPHIC),
    compatibility forms as their letters (NFKC: the ligature ﬁ is fi, a fullwidth Ａ a, CO₂ co2)
    and each run of white space (a no-break or thin space too) one space. `fold`: the search's
    folding of a lower-cased text (reader.index.textproc.fold: accents, ß as ss, İ and ı as i, ς
    as σ), which the caller gives, as this module sits below the index: with it `pena` finds
    Peña in the list as the search does (the filter missed it)."""
    if text.isascii():
        # (Its white space too: `"hillary clinton"` found "Hillary\u00a0Clinton", not "Hillary  Clinton".)
        return " ".join(text.lower().split())
    plain = unicodedata.normalize("NFKC", _TYPOGRAPHIC_RE.sub(_typographic, text)).lower()
    return " ".join((fold(plain) if fold else plain).split())


class FilterError(ValueError):
    """A token of the filter cannot be understood (the message says how to write it)."""


@dataclass(frozen=True)
class ListFilter:
    words: tuple[str, ...] = ()
    states: frozenset[str] = field(default_factory=frozenset)
    since: str | None = None  # inclusive ISO dates
    until: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.words or self.states or self.since or self.until)

    def marks_match(self, read: bool, starred: bool) -> bool:
        """Whether an article so marked passes the filter's is:unread, is:read and is:starred."""
        if "unread" in self.states and read:
            return False
        if "read" in self.states and not read:
            return False
        return not ("starred" in self.states and not starred)

    def matches(self, hay: str, date: str | None, read: bool, starred: bool) -> bool:
        """`hay`: the article's searchable text, lower-cased (as filter_key writes it, for its
        typographic variants to match); `date`: ISO or None."""
        if not self.marks_match(read, starred):
            return False
        if self.since or self.until:
            if not date:
                return False
            day = date[:10]
            if self.since and day < self.since:
                return False
            if self.until and day > self.until:
                return False
        return self.words_in(hay)

    def words_in(self, hay: str) -> bool:
        """Whether `hay` holds all the filter's words (its dates and marks not asked)."""
        # A hyphenated word is also found written as one ("al-jazeera": Al Jazeera's aljazeera).
        # (Its curly quotation marks are `"` already: filter_key.)
        return all(word in hay or ("-" in word and word.replace("-", "") in hay) for word in self.words)

    @property
    def words_only(self) -> bool:
        """Words and nothing else: matches() is words_in(), each text's marks and date not needed."""
        return not (self.states or self.since or self.until)

    def words_test(self) -> Callable[[str], bool]:
        """words_in, made once for many texts: a filter's key tests every article listed, and a
        word or two without a hyphen are tested without a generator (a third of the key's filtering)."""
        words = self.words
        if any("-" in word for word in words):
            return self.words_in
        if len(words) == 1:
            (word,) = words
            return lambda hay: word in hay
        return lambda hay: all(word in hay for word in words)


def dated_within(items: list, date_of: Callable, since: str | None, until: str | None) -> list:
    """The items dated from `since`'s first day to `until`'s last (`reader list --since 2025-10`:
    YYYY, YYYY-MM or YYYY-MM-DD, a relative date made one already), as search's --since reads
    them; an undated item is within no bound, as in the app's filter."""
    span = ListFilter(since=calendar_dates.bound(since, end=False), until=calendar_dates.bound(until, end=True))
    if not span.active:
        return list(items)
    return [item for item in items if span.matches("", date_of(item), read=False, starred=False)]


def _bound(text: str, end: bool) -> str:
    """An ISO day from YYYY, YYYY-MM or YYYY-MM-DD (or a relative date): the first day of the
    span, or its last."""
    text = absolute(text) or text
    found = calendar_dates.bound(text, end=end)
    if found is not None:
        return found
    match = _DATE.match(text)
    if not match:
        raise FilterError(f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM, YYYY or {RELATIVE_HELP}")
    month, day = match.group(2), match.group(3)
    if not 1 <= int(month) <= 12:  # a shape calendar_dates refused: the month or the day is wrong
        raise FilterError(f"{text!r}: there is no month {month}")
    raise FilterError(f"{text!r}: there is no day {day} in that month")


def parse_filter(text: str, fold: Callable[[str], str] | None = None) -> ListFilter:
    """The filter typed by the user, its words read by filter_key (with `fold`, as the rows' text
    is); raises FilterError naming the first bad token."""
    words: list[str] = []
    states: set[str] = set()
    since = until = None
    for phrase, token in _TOKEN.findall(filter_key(text, fold)):
        if not token:
            # `"hillary clinton"` was two words with a quote mark each, found in no title: the
            # search's way of writing a phrase hid every article. A phrase is never a token.
            phrase = " ".join(phrase.replace(_ESCAPED_QUOTE, '"').split())
            if phrase:
                words.append(phrase)
            continue
        if _ESCAPED_QUOTE in token:  # a quotation mark outside a phrase: punctuation, as in the search
            token = token.replace(_ESCAPED_QUOTE, "")
            if not token:
                continue
        name, colon, value = token.partition(":")
        if colon and name in SEARCH_FIELDS:
            plain = f"type {value} alone, or " if value and name in ("title", "outlet", "story") else ""
            raise FilterError(
                f"{token!r}: the filter matches words in titles, outlets, dates and story names; "
                f"{plain}search for {token or name + ':'} to match a field"
            )
        if not colon or name not in ("is", "since", "until", "date"):
            words.append(token)
            continue
        if not value:
            raise FilterError(f"{token!r} needs a value, e.g. {name}:{'unread' if name == 'is' else '2025-10-01'}")
        if name == "is":
            if value not in STATES:
                raise FilterError(f"{token!r}: use is:unread, is:read or is:starred")
            states.add(value)
        elif name == "since":
            since = _bound(value, end=False)
        elif name == "until":
            until = _bound(value, end=True)
        else:
            first, dots, last = value.partition("..")
            if not (first or last):  # "date:.." bounds nothing: say so rather than show everything
                raise FilterError(f"{token!r} needs a date on one side at least, e.g. date:2025-10-01..2025-10-21")
            since = _bound(first, end=False) if first else None
            until = _bound(last if dots else first, end=True) if (last or not dots) else None
    if since and until and since > until:
        raise FilterError(f"the range is empty: {since} is after {until}")
    return ListFilter(tuple(words), frozenset(states), since, until)


def still_shown(good: str, bad: str) -> str:
    """The filter to keep showing while `bad` has a token parse_filter refuses: the last good
    filter `good`, without a plain word the user was typing into a token of `bad` ("since" on
    the way to since:2025 filtered by the word "since", which hid every article)."""
    half_typed = [token for token in bad.lower().split() if ":" in token]
    kept = [
        word for word in good.split() if ":" in word or not any(token.startswith(word.lower()) for token in half_typed)
    ]
    return " ".join(kept)


def same_day_order(item) -> str:
    """What orders articles of one day after their date, put after it in a sort key: for an article
    `reader fetch` stored (its `fetched`), its time of day, then when it was fetched; "" for one no
    fetch stored (a user's own file), which keeps its place by title or id, before the fetched ones
    of its day. Two articles of a day and an outlet with no time of day were in the order of their
    titles, not in the order they came (a fetch time is no publication time: it only breaks the
    tie). One string, not a tuple: a sort by tuples was the slower (bench/bench_same_day_order.py)."""
    fetched = getattr(item, "fetched", None)
    return f"\x00{getattr(item, 'time', None) or ''}\x00{fetched}" if fetched else ""


def day_key(info) -> str:
    """An article's date, then same_day_order's, as one string, of an item with `date`, `time`
    and `fetched` (an ArticleInfo): the key the app's list and `reader list` sort their 10,000s of
    articles by, in one call (a lambda adding same_day_order to the date cost half again)."""
    fetched = info.fetched
    return f"{info.date or ''}\x00{info.time or ''}\x00{fetched}" if fetched else info.date or ""


# After every date ("2025-10-22") in an ascending sort: an undated article goes last there too.
UNDATED_LAST = "\uffff"


def listed_day_key(info) -> str:
    """day_key for `reader list`'s oldest-first days: an undated article after every dated one of
    its outlet, as in every order of the app's list (sort_articles), not before them all (its
    day_key, "", sorts first)."""
    fetched = info.fetched
    date = info.date or UNDATED_LAST
    return f"{date}\x00{info.time or ''}\x00{fetched}" if fetched else date


def sort_articles(items: list, order: str, date_of, outlet_of, title_of, places: Mapping | None = None) -> list:
    """`items` in the given order; articles without a date go last in every order; of one day,
    fetched articles by their time, then by when they were fetched (same_day_order). `places`:
    the places of articles among their versions (Replacements.places), those of one article
    and day in the order they were fetched (versions_in_fetch_order)."""

    def by_date(item) -> str:
        return date_of(item) or ""

    def by_moment(item) -> str:
        return by_date(item) + same_day_order(item)

    titled = sorted(items, key=lambda i: title_of(i).lower())
    if order == "oldest":
        dated = sorted((i for i in titled if by_date(i)), key=by_moment)
    else:
        dated = sorted((i for i in titled if by_date(i)), key=by_moment, reverse=True)
    undated = [i for i in titled if not by_date(i)]
    result = versions_in_fetch_order(dated + undated, places, date_of, newest=order != "oldest")
    if order == "outlet":
        result.sort(key=lambda i: outlet_of(i).lower())  # stable: newest first within an outlet
    return result


def versions_in_fetch_order(items: list, places: Mapping | None, date_of, newest: bool = True) -> list:
    """`items` (of ids `.id`, sorted) with the versions of an article dated the same day put in
    the order they were fetched, the newest first when `newest`, in the places they held: by
    title, "(version 1 of 2, replaced)" came before "(version 2 of 2)" in a newest-first list,
    and "version 10" before "version 2". `places`: {id: its place in its chain, with `number`
    (1 the oldest) and the id of its `newest`} (Replacements.places). One pass over `items`:
    the app sorts each group of its list so."""
    if not places:
        return items
    of_a_day: dict[tuple[str, str], list[int]] = {}  # (newest, day) -> the versions' places in items
    for at, item in enumerate(items):
        found = places.get(item.id)
        day = date_of(item) if found is not None else None
        if found is not None and day:
            of_a_day.setdefault((found.newest, day), []).append(at)
    result = items
    for ats in of_a_day.values():
        if len(ats) > 1:
            result = list(items) if result is items else result
            in_order = sorted(ats, key=lambda at: places[items[at].id].number, reverse=newest)
            for slot, at in zip(ats, in_order):
                result[slot] = items[at]
    return result


def unread_count(article_ids, marks: dict) -> int:
    """How many of these articles are unread (`marks`: article id -> Mark; unmarked ids are
    absent, and unread)."""
    count = 0
    for article_id in article_ids:
        mark = marks.get(article_id)
        if mark is None or not mark.read:
            count += 1
    return count


def group_read_marks(article_ids, marks: dict, unmarked) -> tuple[bool, dict]:
    """What marking a whole group does, as `u` on one article: read when any of its articles is
    unread or read only as an older version (`updated`: its new text unread), else all unread
    again. Returns (read, {article id: its new Mark}) for the articles whose mark changes
    (`unmarked`: the Mark of an article never marked); marked read, an updated one is no longer."""
    ids = list(article_ids)
    updated = [a for a in ids if getattr(marks.get(a, unmarked), "updated", False)]
    read = bool(updated) or unread_count(ids, marks) > 0
    changed = _marks_changed(ids, marks, unmarked, read=read)
    if read:
        changed.update({a: replace(marks[a], updated=False) for a in updated})
    return read, changed


def group_star_marks(article_ids, marks: dict, unmarked, starred_by_group=frozenset()) -> tuple[bool, dict]:
    """What starring a whole group does, as `s` on one article: star them all when any is not
    starred, else unstar. `starred_by_group`: the articles the last star of this group starred;
    unstarring takes back only those when any still is (bookmarks set one by one before stay).
    Returns (starred, {article id: its new Mark}) for the articles whose mark changes."""
    ids = list(article_ids)
    starred = any(not marks.get(article_id, unmarked).starred for article_id in ids)
    undone = set(ids) & set(starred_by_group)
    if not starred and undone:
        ids = [article_id for article_id in ids if article_id in undone]
    return starred, _marks_changed(ids, marks, unmarked, starred=starred)


def _marks_changed(ids, marks: dict, unmarked, **field: bool) -> dict:
    """{article id: its Mark with `field` set} for the articles whose mark it changes."""
    ((name, value),) = field.items()
    changed = {}
    for article_id in ids:
        mark = marks.get(article_id, unmarked)
        if getattr(mark, name) != value:
            changed[article_id] = replace(mark, **field)
    return changed


def shortest_id_starts(ids: Iterable[str]) -> dict[str, str]:
    """{id: the fewest of its first characters that start no other of `ids`}, as git shortens a
    commit's hash: what a narrow terminal's listing shows, and `reader show` takes back (an id's
    start names its one article). Compared composed (NFC), as the lookup compares a typed one;
    never cut inside a grapheme (an accent without its letter starts nothing), nor at a folder's
    name (`fox` of `fox/a` names the folder, which the lookup refuses as an id), nor after a space
    (`my ` of `my file`, beside `myfile`: unseen on the line, and lost when copied)."""
    import regex  # a dependency; its \\X is Unicode's grapheme clusters

    composed = sorted({unicodedata.normalize("NFC", one): one for one in ids}.items())
    starts: dict[str, str] = {}
    for place, (key, original) in enumerate(composed):
        shared = 0
        for neighbour in (place - 1, place + 1):
            if 0 <= neighbour < len(composed):
                other = composed[neighbour][0]
                common = next((i for i, (a, b) in enumerate(zip(key, other)) if a != b), min(len(key), len(other)))
                shared = max(shared, common)
        end = 0
        for cluster in regex.finditer(r"\X", key):
            end = cluster.end()
            if end > shared and cluster.group() != "/" and key[end : end + 1] != "/" and not cluster.group().isspace():
                break
        starts[original] = key[:end]
    return starts
