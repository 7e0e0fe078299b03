"""Dates a text writes without a year ("WASHINGTON, Oct. 21 —", "Tuesday, March 4") or relative to
when the page was read ("2 hours ago", "Yesterday at 5:30 PM"): what each is worth, and only with
what settles it. No UI imports here.

    settle_year(10, 21, None, [date(2025, 10, 22)])            -> 2025   (a full date beside it)
    settle_year(3, 4, 1, [], saved=datetime(2026, 11, 3, ...))  -> 2025   (Tuesday: 2025 alone)
    relative_date("Yesterday at 5:30 PM", saved)                -> the day before `saved`'s

A page's relative date can only be reckoned from the moment it was saved, so it is read only
where that moment was recorded (`fetched:` in the front matter `reader fetch` writes, or a saved-at
field a scraper wrote: SAVED_KEYS); a file's modification time is not that moment (a copy, a
checkout, a backup restored all move it), so nothing is guessed from it.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re

from reader import lazy_regex
from reader.corpus import date_words

# Metadata fields that say when the page was saved: reader's own store writes `fetched`; the
# others are the names scrapers give it (news-please's `date_download`).
SAVED_KEYS = (
    "fetched",
    "fetched_at",
    "saved",
    "saved_at",
    "retrieved",
    "retrieved_at",
    "downloaded",
    "downloaded_at",
    "date_download",
    "scraped_at",
    "crawled_at",
)
# A date with no year beside a full date of the same text is in the year that puts it within
# half a year of it ("Dec. 30" beside "Jan. 2, 2026": 2025).
HALF_YEAR = _dt.timedelta(days=182)
# The years a weekday is checked against around an anchor: any five years in a row hold a date's
# weekday at most once (it comes back after 5, 6 or 11 years), so a match among them is the one.
WEEKDAY_YEARS = 2
# A page shows a date without its year when it is of the current year: the date, at most this
# much after the moment the page was saved (time zones), and at most a year before it.
SAVED_SLACK = _dt.timedelta(days=1)
# The years a saved-at moment is believed in (infer.MIN_YEAR to MAX_YEAR, the years of the dates
# read; a test checks they agree): `fetched: 9999-12-31T23:59:59Z` overflowed the reckoning from
# it (SAVED_SLACK past the last day there is) and its file was skipped, a year 1 one's too.
SAVED_YEARS = (1900, 2100)

_MONTH = date_words.ENGLISH_MONTH_RE
_WEEKDAY = rf"(?:{date_words.ENGLISH_WEEKDAY_RE},?\s+)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "Oct. 21", "Tuesday, March 4", "4 March", "4th of March": no year after it (nor a figure run on)
YEARLESS = rf"{_WEEKDAY}?(?:{_MONTH}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MONTH})(?!\d)(?!,?\s*\d{{4}}\b)"
_PARTS = lazy_regex.compile(
    rf"(?:(?P<weekday>{date_words.ENGLISH_WEEKDAY_RE}),?\s+)?(?:(?P<m1>{_MONTH})\s+(?P<d1>\d+)|(?P<d2>\d+)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}))",
    re.IGNORECASE,
)


def parts(written: str) -> tuple[int, int, int | None] | None:
    """(month, day, weekday 0-6 or None) of a yearless date as YEARLESS matches it."""
    m = _PARTS.match(written.strip())
    if m is None:
        return None
    month = date_words.ENGLISH_MONTHS[(m["m1"] or m["m2"]).lower().rstrip(".")]
    day = int(m["d1"] or m["d2"])
    weekday = date_words.ENGLISH_WEEKDAYS.index(m["weekday"][:3].lower()) if m["weekday"] else None
    return (month, day, weekday) if 1 <= day <= 31 else None


def _on(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _year_near(month: int, day: int, weekday: int | None, anchor: _dt.date) -> int | None:
    """The year a full date of the same text settles: the one within half a year of it; with a
    weekday, the one year within WEEKDAY_YEARS of it on that weekday."""
    years = range(anchor.year - WEEKDAY_YEARS - 1, anchor.year + WEEKDAY_YEARS + 2)
    dates = [d for d in (_on(y, month, day) for y in years) if d is not None]
    if weekday is None:
        near = [d for d in dates if abs(d - anchor) <= HALF_YEAR]
    else:
        near = [d for d in dates if abs(d.year - anchor.year) <= WEEKDAY_YEARS and d.weekday() == weekday]
    return near[0].year if len(near) == 1 else None


def _year_before(month: int, day: int, weekday: int | None, saved: _dt.date) -> int | None:
    """The year the moment a page was saved settles: the year before it (the page's current
    year); with a weekday, the one year of the few before it on that weekday."""
    latest = saved + SAVED_SLACK
    if weekday is None:
        earliest = latest - _dt.timedelta(days=365)
    else:
        earliest = latest.replace(year=latest.year - 2 * WEEKDAY_YEARS, day=min(latest.day, 28))
    years = range(earliest.year, latest.year + 1)
    dates = [d for d in (_on(y, month, day) for y in years) if d is not None and earliest < d <= latest]
    if weekday is not None:
        dates = [d for d in dates if d.weekday() == weekday]
    return dates[0].year if len(dates) == 1 else None


def settle_year(
    month: int, day: int, weekday: int | None, anchors: list[_dt.date], saved: _dt.date | None = None
) -> int | None:
    """The year of a date written without one, when the article's full dates (`anchors`) or the
    day it was saved settle it, all alike; else None."""
    found = [_year_near(month, day, weekday, anchor) for anchor in anchors]
    if saved is not None:
        found.append(_year_before(month, day, weekday, saved))
    if not found or None in found or len(set(found)) != 1:
        return None
    return found[0]


# -- relative dates --------------------------------------------------------------------------
# How many lines with words the head of a text may have before its relative date: a headline, a
# subhead, a byline, then the stamp. Further down, "2 hours ago" is the reporting's own words.
RELATIVE_LINES = 6
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
# The time after "Yesterday at": "5:30 PM", "17:30", "5 p.m. ET", "10h05", "10:05 Uhr"
_TIME = r"\d{1,2}(?:[:.h]\d{2})?(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]+[^\W\d_]{2,5})?"
# The words before a relative stamp that say it dates an update: English, and date_words'.
_UPDATED = frozenset({"updated", "last updated"}) | date_words.UPDATED_WORDS


def _words(words) -> str:
    """Any of `words`, longest first, a space as any."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


def _relative() -> str:
    """A relative date stamp: "2 hours ago", "Updated 5 mins ago", "Published: yesterday at 5:30
    PM", "3 days ago", and as the other languages read write them (date_words._RELATIVE): "vor
    2 Stunden", "il y a 3 heures", "hace 2 horas", "2 ore fa", "há 3 horas", "2 часа назад",
    "Aktualisiert vor einer Stunde", "gestern um 10:05 Uhr". "2 weeks ago", "vor 3 Monaten" are
    stamps too, too coarse to give a day (_reckon: None)."""
    ago = (
        r"(?P<count>\d{1,3}|an?|one)\s*(?P<unit>s(?:ecs?|econds?)?|m(?:ins?|inutes?)?|h(?:rs?|ours?)?|d(?:ays?)?"
        r"|(?P<coarse>w(?:ks?|eeks?)?|mos?|months?|y(?:rs?|ears?)?))\s+ago"
    )
    parts = date_words.RELATIVE_PARTS
    count = rf"(?:\d{{1,3}}\s*|(?:{_words(parts['one'])})(?:\s+|(?<=['’])))"
    unit = _words(date_words.RELATIVE_UNIT_WORDS)
    counted = rf"(?:(?P<other_count>{count})(?P<other_unit>{unit})|(?P<unit_alone>{_words(parts['alone'])}))"
    after = _words(parts["after"])
    # a word before the count, the word after the unit, or both ("há 3 horas atrás", "för 2 timmar sedan")
    elsewhere = (
        rf"(?:(?P<before>{_words(parts['before'])})\s+|(?:{_words(parts['before_after'])})\s+)?"
        rf"{counted}(?![^\W\d_])\.?(?(before)(?:\s+(?:{after}))?|\s+(?:{after}))"
        rf"|(?P<ago_count>\d{{1,3}})\s*(?P<ago_unit>{_words(parts['ago'])})"
    )
    at = rf"(?:at|{date_words.AT})"
    timed = date_words.RELATIVE_PARTS["timed"]
    untimed = [name for name in date_words.RELATIVE_DAY_NAMES if name not in timed]
    time = rf",?[ \t]*(?:{at}[ \t]+)?{_TIME}"
    named = rf"(?P<named>today|yesterday|{_words(untimed)})(?:{time})?|(?P<named_timed>{_words(timed)}){time}"
    words = ["published", "posted", "updated", "last updated", *date_words.PUBLISHED_WORDS, *_UPDATED]
    stamp = rf"(?:(?P<stamp>{_words(words)})(?:[ \t]+(?:on|{date_words.STAMP_ON}))?[ \t]*:?[ \t]*)?"
    return rf"{stamp}(?:{ago}|{elsewhere}|{named})"


@functools.cache
def may_be_relative() -> re.Pattern:
    """What every line with a relative stamp has, to be searched in lower case: a figure, or a
    word no stamp without one goes without ("ago", "today", "vor", "назад", "gestern")."""
    parts = date_words.RELATIVE_PARTS
    words = ["ago", "today", "yesterday", *date_words.RELATIVE_DAY_NAMES, *parts["before"], *parts["after"]]
    return re.compile(rf"\d|{_words(words)}")


def _same_day_update() -> str:
    """The time of the same day's update after a relative stamp, as Le Monde writes it ("Publié
    hier à 10h05, modifié à 12h00"): part of the stamp."""
    at = rf"(?:at|{date_words.AT})"
    return rf"(?:[ \t]*[,|·•][ \t]*(?:{_words(_UPDATED)})[ \t]+(?:{at}[ \t]+)?{_TIME})?"


@functools.cache
def _relative_line() -> re.Pattern:
    """A line that is a relative date stamp and nothing else."""
    return re.compile(rf"[ \t]*{_relative()}{_same_day_update()}[ \t]*\.?", re.IGNORECASE)


@functools.cache
def _relative_in_line() -> re.Pattern:
    """A relative date stamp as a whole word or words of a line: "| Updated 5 mins ago"."""
    return re.compile(rf"(?<![^\W\d_]){_relative()}{_same_day_update()}(?![^\W\d_])", re.IGNORECASE)


def relative_stamp(line: str) -> re.Match | None:
    """The match of a line (stripped) that is a relative date stamp alone, else None."""
    return _relative_line().fullmatch(line)


def drop_relative_stamps(line: str) -> tuple[str, int]:
    """(`line` with each relative date stamp in it made a space, how many there were): the rest
    of a stamp line such as "Published: Tuesday, March 4 | Updated 5 mins ago"."""
    return _relative_in_line().subn(" ", line)


def relative_date(text: str, saved: _dt.datetime | _dt.date) -> str | None:
    """The day a relative stamp among the text's first lines names, reckoned from `saved` (in
    its own time zone; a date alone reckons days only), an "Updated" one only when no other is
    there; else None."""
    found: list[tuple[bool, str]] = []
    seen = 0
    for raw in text[:2000].split("\n"):
        line = raw.strip()
        if not re.search(r"\w", line):
            continue
        seen += 1
        if seen > RELATIVE_LINES:
            break
        m = relative_stamp(line)
        day = _reckon(m, saved) if m is not None else None
        if m is not None and day is not None:
            found.append((" ".join((m["stamp"] or "").lower().split()) in _UPDATED, day))
    found.sort(key=lambda item: item[0])
    return found[0][1] if found else None


def _reckon(m: re.Match, saved: _dt.datetime | _dt.date) -> str | None:
    timed = isinstance(saved, _dt.datetime)
    day = saved.date() if isinstance(saved, _dt.datetime) else saved
    if m["named"] or m["named_timed"]:
        named = " ".join((m["named"] or m["named_timed"]).lower().split())
        back = 0 if date_words.RELATIVE_DAY_NAMES.get(named, named) == "today" else 1
        return (day - _dt.timedelta(days=back)).isoformat()
    count = (m["count"] or m["other_count"] or m["ago_count"] or "").strip().lower()
    amount = int(count) if count.isdigit() else 1  # "a", "an", "one", "einer", "une", "час"
    if m["coarse"]:
        return None
    if m["unit"]:
        unit = _UNITS[m["unit"][0].lower()]
    else:
        written = m["other_unit"] or m["unit_alone"] or m["ago_unit"]
        unit = date_words.RELATIVE_UNIT_WORDS[written.lower()]
    if unit == "coarse":  # weeks, months, years: no day
        return None
    if unit == "days":
        return (day - _dt.timedelta(days=amount)).isoformat()
    if not timed:  # "2 hours ago" of a page saved some time that day: that day or the one before
        return None
    assert isinstance(saved, _dt.datetime)
    return (saved - _dt.timedelta(**{unit: amount})).date().isoformat()


def saved_moment(value) -> _dt.datetime | _dt.date | None:
    """When a page was saved, from a saved-at field's value: a moment with its time (ISO 8601,
    "2026-11-03T10:00:00+00:00", a time without a zone read as written) or a day alone; None when
    it is neither, or of a year no page was saved in (SAVED_YEARS)."""
    found = _saved_value(value)
    return found if found is not None and SAVED_YEARS[0] <= found.year <= SAVED_YEARS[1] else None


def _saved_value(value) -> _dt.datetime | _dt.date | None:
    if isinstance(value, _dt.date):  # (a datetime too)
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return _dt.date.fromisoformat(text)
        if re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
            return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return None
