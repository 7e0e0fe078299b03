"""Metadata inference: dates (parsing, a "date YYYY-MM-DD" prefix, datelines, URLs), titles, outlets.

Pure functions over text; no UI imports here.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable, Iterator

from reader.corpus import date_words, loose_dates
from reader.corpus.decode import without_invisible_in_names
from reader.corpus.outlets import Registry
from reader import lazy_regex

MIN_YEAR, MAX_YEAR = 1900, 2100
TITLE_LIMIT = 100  # characters of an inferred title taken from a sentence

MONTHS = date_words.ENGLISH_MONTHS  # month name or abbreviation, lower case -> 1..12 (figures.py reads it too)
_MONTH_RE = date_words.ENGLISH_MONTH_RE
_WEEKDAY_RE = rf"(?:{date_words.ENGLISH_WEEKDAY_RE},?\s+)?"
# Dates as written in text: "October 21, 2025", "Oct. 21 2025", "21 October 2025", "2025-10-21",
# and in the other languages read ("Di, 21. Okt. 2025", "21 октября 2025"): date_words.py.
# (no figure runs on: "March 5, 20240" is no date of 2024)
_TEXT_DATE = (
    rf"(?:{_WEEKDAY_RE}{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d)"
    rf"|{_WEEKDAY_RE}(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE},?\s+\d{{4}}(?!\d)"
    # 2025-10-21, and with its time as a page's <time> gives it: 2025-10-21T10:05:00+02:00
    # (read in lower case too, by the stamp lines' patterns: "t" and "z")
    r"|(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)(?:[Tt]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?"
    r"|(?<!\d)\d{1,2}/\d{1,2}/\d{4}(?!\d)"
    # 21.10.2025, "Dienstag, 21.10.2025", and 21. 10. 2025 as Czech and Slovak write it
    rf"|(?:{date_words.WEEKDAY_RE},?\s+)?(?<!\d)\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}(?!\d)"
    rf"|{date_words.TEXT_DATE})"
)
# A time after a date on a date line: "10:05 a.m. EST", "7 p.m. ET", "10.05 Uhr MESZ", "10h05",
# "10 h 05", "10:05 h", "10:05 GMT+2", "10:05 +0200", "10:05 МСК".
_TIME = (
    r"\d{1,2}(?:(?:[:.]\d{2}(?:[:.]\d{2})?|[ \t]?h[ \t]?\d{2})(?:[ \t]*[ap]\.?m\.?)?"
    # or the hour alone before "a.m." or "pm": "at 7 p.m."
    r"|[ \t]*(?:[ap]\.m\.|[ap]m(?![^\W\d_])))(?:[ \t]*(?:uhr|h|hs|hrs)\b\.?)?"
    r"(?:[ \t]*\(?(?:[^\W\d_]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?)?"
)
# The words before the date a line stamps the article with, by the group each is matched in:
# (its rank among the dates found, lower wins; whether 05/10/2025 after it is day first).
# A date line of its own ranks 2: between "Posted" and "Updated", which never outranks a date
# the article was published on, in any language ("Aktualisiert am", "Mis à jour le").
_STAMPS = {
    "published": (0, False, ("published", "first published")),
    "posted": (1, False, ("posted",)),
    "updated": (3, False, ("updated", "last updated", "last modified")),
    # in the other languages day comes first: "Publicado em 05/10/2025" is 5 October
    "published_elsewhere": (0, True, date_words.PUBLISHED_WORDS),
    "updated_elsewhere": (3, True, date_words.UPDATED_WORDS),
}
_DATE_LINE_RANK = 2
# A time after a date as no English text writes it: "à 10:05", "um 10:05 Uhr", "10h05".
_NOT_ENGLISH_TIME = lazy_regex.compile(
    rf"(?<![^\W\d_])(?:{date_words.AT}|uhr)(?![^\W\d_])|\d[ \t]?h[ \t]?\d", re.IGNORECASE
)
# (with the time of day written after it: "date 2025-10-21 6:30 PM ET", "date: 2025-10-21T10:05:00Z",
# "date 2025-10-21 18h30 GMT+2")
_DATE_PREFIX = lazy_regex.compile(
    r"\A\s*date\s*[:=]?\s*((\d{4}-\d{2}-\d{2})(?:(?:T|,?[ \t]+(?:at[ \t]+)?)\d{1,2}(?::|h)\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:[ \t]?[ap]\.?m\b\.?)?(?:[ \t]?(?:Z|[+-]\d{2}(?::?\d{2})?|(?-i:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?"
    r"|(?-i:[ECMP][SD]?T|CES?T|BST))\b)?)?)\b[ \t]*",
    re.IGNORECASE,
)


@functools.cache
def _text_date_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a "Published" line, to be read in lower case, a date on a line of its own, a dateline):
    compiled at their first use, not by every process that imports the loader (the weekday names
    of date_words.py cost ~5 ms)."""
    # Read in lower case, each word's first letter looked at first: ~100 words matched ignoring case
    # made this pattern ten times slower than the rest of the date patterns together.
    stamps = "|".join(rf"(?P<{kind}>{_alternation(words)})" for kind, (_, _, words) in _STAMPS.items())
    first_letters = "".join(sorted({word[0] for _, _, words in _STAMPS.values() for word in words}))
    published = re.compile(
        rf"\b(?=[{first_letters}])(?:{stamps})(?![^\W\d_])(?:\s+(?:on|{date_words.STAMP_ON}))?\s*:?\s*"
        # the time may come first: "Updated 2:05 PM ET, Tue October 21, 2025", "Publié à 10h05, le 21 octobre"
        rf"(?:(?:at|{date_words.AT})?[ \t]*{_TIME}[ \t]*,?[ \t]*(?:(?:on|{date_words.STAMP_ON})[ \t]+)?)?"
        rf"(?P<date>{_TEXT_DATE})"
    )
    # a dateline opening the text, its place in capitals, in any alphabet, maybe with its region:
    # "WASHINGTON, Oct. 21, 2025 (Reuters) —", "MÜNCHEN, 21.10.2025 (dpa) –", "KYIV, Ukraine, ..."
    caps = _capitals()
    # (every date has a year: a line without four figures is passed over at once)
    # As big outlets write it: El País with its place before ("Madrid - 21 oct 2025 - 10:05 CEST"),
    # Folha its month's word between dots ("21.out.2025 às 10h05"), Der Spiegel the print issue
    # after ("21.10.2025, 10.05 Uhr • aus DER SPIEGEL 43/2025").
    place = (
        rf"(?:(?-i:[{caps}][^\W\d_]+(?:[ \t]+(?:(?:de|del|la|el)[ \t]+)?[{caps}][^\W\d_]+){{0,2}})[ \t]+[-–—][ \t]+)?"
    )
    dotted = r"\d{1,2}\.[^\W\d_]{3,4}\.\d{4}"
    issue = rf"(?:[ \t]*[•·|][ \t]*aus[ \t]+(?-i:[{caps}][{caps} ]+)[ \t]+\d{{1,2}}/\d{{4}})?"
    date_line = re.compile(
        rf"^(?=[^\n]*\d{{4}})[ \t]*{place}({_TEXT_DATE}|{dotted})"
        rf"(?:[ \t]*(?:,|at|{date_words.AT}|\||/|-|–|—|·|•)?[ \t]*{_TIME})?{issue}[ \t]*$",
        re.IGNORECASE | re.MULTILINE,
    )
    place = rf"[{caps}][{caps}.'’-]+(?: [{caps}][{caps}.'’-]*){{0,4}}(?:, [{caps}][^\W\d_]*\.?){{0,2}}"
    dateline = re.compile(
        rf"\A\s*(?-i:{place}),\s*({_TEXT_DATE})\s*(?:\([^)\n]{{1,30}}\)\s*)?[—–-]",
        re.IGNORECASE,
    )
    return published, date_line, dateline


@functools.cache
def _capitals() -> str:
    """The capital letters of the Latin, Greek and Cyrillic alphabets, for a character class."""
    return "".join(re.escape(ch) for ch in map(chr, range(0x41, 0x530)) if ch.isupper())


def _alternation(words) -> str:
    """Any of `words`, longest first ("first published" before "published"), a space as any."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


# /2010/02/20/ or /2010-02-20-: the day ends its folder (/2024/03/5-things-to-know/ is a slug
# after a month's folder, as WordPress names posts by month: no date of the 5th), and a day after
# dashes has two figures or ends the folder (/2024-3-5-things is a month's slug too). A day of two
# figures may open the slug after a month of two (/2024/03/05-council-passes-budget/) unless the
# slug reads as a count (_opens_with_count: /2024/03/10-best-phones/, /2024/03/15-speed-cameras/).
# The Guardian names its month in English: /2019/nov/19/.
_URL_DATE = lazy_regex.compile(
    r"/((?:19|20)\d{2})(?:/(\d{1,2})/(\d{1,2})(?=[/?#.]|$)|-(\d{1,2})-(\d{2}(?!\d)|\d(?=[/?#.]|$))"
    r"|/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/(\d{1,2})(?=[/?#.]|$)"
    r"|/(\d{2})/(\d{2})-(?=[^\W\d_]))",
    re.IGNORECASE,
)
# The first word of a slug that opens with a count, not a day: a noun a count goes with
# (_COUNT_NOUN), a superlative ("10-best", "3-worst"), a list's word ("31-top-picks") or a word a
# count goes on with ("30-under-30", "10-of-the-best"). Read so, a day may go unread; a count is
# never taken for one.
# A noun a count goes with: a plural ("5-things", "12-ways", "10-biggest-moments"; _PLURAL), a
# measure in a compound ("18-year-old", "24-hour", "10-point", "12-step"), and a news toll
# ("20-people-killed", "12-dead", "10-killed", "15-million-without-power": _TOLL).
_PLURAL = r"[a-z]*[^s\W]s"
_MEASURE = (
    r"year|hour|minute|day|week|month|point|step|mile"
    r"|man|woman|game|page|part|inch|foot|star|time|member|person|way|thing|reason|tip|fact|question|percent|per"
)
_TOLL = (
    r"people|men|women|children|dead|hurt|missing|shot|killed|injured|wounded|arrested|charged|detained|rescued"
    r"|evacuated|displaced|hospitali[sz]ed|infected|dozen|hundred|thousand|[mbtr]illion"
)
_COUNT_NOUN = f"{_PLURAL}|{_MEASURE}|{_TOLL}"
_COUNT_WORD = lazy_regex.compile(
    rf"{_COUNT_NOUN}|[a-z]*est|top|most|more|new|great|key|big|of|under|over|in|to|for|or|and", re.IGNORECASE
)
_PLURAL_WORD = lazy_regex.compile(_PLURAL, re.IGNORECASE)
_TOLL_WORD = lazy_regex.compile(_TOLL, re.IGNORECASE)
# Words ending as a plural ("s") or a superlative ("est") does that are neither: "is", "news",
# "series", "bus", "analysis", a state's name, French "mars" ("15-mars-manifestation"), "protest",
# "west" ("15-west-ham-beat-chelsea"), "interest" ("15-interest-rates-rise").
_NOT_PLURAL = lazy_regex.compile(
    r"[a-z]*(?:[^s\W]us|sis)|us|is|his|this|its|was|has|as|news|series|species|lens|bias|gas|yes|chaos"
    r"|always|perhaps|whereas|besides|texas|kansas|arkansas|paris|vegas|christmas|isis|mars"
    r"|[a-z]*(?:protest|interest|contest|forest|arrest|request|quest|harvest|vest|west)|test|guest|nest|chest|rest"
    r"|suggest|digest|manifest|crest|priest|honest|modest|earnest|pest|zest",
    re.IGNORECASE,
)
# The words of a slug a count's noun is looked for in after a number not written with a zero
# before it: the noun may come after a word or two that qualify it ("15-speed-cameras",
# "12-small-business-tips"). A count is never written with a zero: "05-council-passes-budget" and
# "05-years-of-war" are the 5th, as a CMS that glues the day to the slug writes it.
COUNT_PHRASE_WORDS = 3
# What follows a count's plural there ("15-speed-cameras-installed", "10-tech-stocks-to-watch",
# "11-gop-senators-who-could-flip"), or nothing. A headline's verb goes on with an object:
# "15-senate-passes-budget" is the 15th.
_AFTER_COUNTED = lazy_regex.compile(
    r"to|for|in|of|on|at|from|with|that|who|you|we|worth|about|under|ranked|ever|near|than|per|like|across"
    r"|around|this|every|[a-z]+ed",
    re.IGNORECASE,
)
# Places and institutions a story counts, whatever follows them: "13-school-districts-close",
# "12-county-jails-closed", "10-rural-hospitals-shut" (a headline's plural subject, "15-interest-
# rates-rise", "18-gop-senators-keep-pressure-on-steele", is more often after a day).
_COUNTED_UNIT = lazy_regex.compile(
    r"districts|states|counties|cities|towns|villages|countries|nations|provinces|regions|schools|colleges"
    r"|universities|campuses|hospitals|clinics|companies|firms|banks|airlines|airports|stores|shops|restaurants"
    r"|churches|mosques|prisons|jails|plants|factories|mines|homes|houses|buildings|businesses|agencies|teams",
    re.IGNORECASE,
)
# A headline's verbs that go on with a word _AFTER_COUNTED does ("15-mayor-calls-for-calm",
# "21-senator-votes-to-block"): a verb, not a count's plural.
_HEADLINE_VERB = lazy_regex.compile(
    r"says|calls|tells|asks|talks|wants|plans|vows|urges|seeks|tries|refuses|agrees|fails|moves|votes|wins"
    r"|loses|takes|makes|gets|goes|comes|gives|sends|signs|turns|hints|breaks|appears|focuses|apologi[sz]es"
    r"|announces|extends|hears|pushes|backs|slams|blasts|warns|faces|denies|admits|claims|defends|accuses"
    r"|condemns|critici[sz]es|mocks|rejects|approves|launches|opens|closes|raises|cuts|hits|leaves|joins|names"
    r"|hires|fires|sues|returns|heads|looks|needs|hopes|aims|expects|threatens|promises|pledges|struggles"
    r"|rushes|wades|swipes|targets|unveils|reveals|blames|praises|meets|stands|steps|speaks|responds|weighs"
    r"|eyes|considers|orders|bans|allows|offers|holds|keeps|shows|finds|sees|becomes|remains|begins|starts"
    r"|sets|puts|runs|leads|helps|lets|stays|pays|buys|sells|thinks|knows|believes|insists|argues|suggests"
    r"|confirms|reports|testifies|dies|lives",
    re.IGNORECASE,
)


def _valid(year: int, month: int, day: int) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _valid_any_year(year, month, day)


def _valid_any_year(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(value, *, any_year: bool = False, day_first: bool = False) -> str | None:
    """An ISO YYYY-MM-DD for a date written in any common way (or a date object), else None.
    Years outside MIN_YEAR..MAX_YEAR give None unless `any_year` (to say why a date is refused).
    `day_first`: 05/10/2025 is 5 October (the words before it were not English), not May 10.
    The Unix epoch to the second (is_epoch) is no date."""
    day = _day_of(value, any_year=any_year, day_first=day_first)
    if day in _EPOCH_DAYS and is_epoch(value, day_first=day_first):
        return None
    return day


# The days the Unix epoch falls on in some zone: 1970-01-01 00:00 UTC is 1969-12-31 19:00 in New York.
_EPOCH_DAYS = frozenset({"1969-12-31", "1970-01-01"})
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def is_epoch(value, *, day_first: bool = False) -> bool:
    """Whether `value` is the Unix epoch to the second, 1970-01-01 00:00:00 UTC in any zone
    ("Thu, 01 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z", "December 31, 1969 7:00 PM EST",
    a zone not given: "1970-01-01 00:00:00"): the time 0 a system writes for a date it does
    not have (as htmldate refuses a page's date before 1995)."""
    if isinstance(value, _dt.datetime):
        return value.replace(tzinfo=value.tzinfo or _dt.timezone.utc) == _EPOCH
    moment = parse_moment(value, day_first=day_first) if isinstance(value, str) else None
    return moment in ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00")


def _day_of(value, *, any_year: bool = False, day_first: bool = False) -> str | None:
    """parse_date's day, the epoch's too."""
    valid = _valid_any_year if any_year else _valid
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return valid(value.year, value.month, value.day)
    if isinstance(value, _dt.date):
        return valid(value.year, value.month, value.day)
    if isinstance(value, (int, float)) or not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > 100:
        return None
    # ISO forms: 2025-10-21, 2025-10-21T10:00:00Z, 2025/10/21, 20251021
    m = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_]|\D)", text)
    if m:
        return valid(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if m:
        return valid(int(m[1]), int(m[2]), int(m[3]))
    # 10/21/2025 (US order), or 21/10/2025 when the first number cannot be a month; with dots
    # the day comes first (21.10.2025: German, Russian, Czech, Finnish... write it so, the US never)
    # (or with a space after each dot: 21. 10. 2025, as Czech and Slovak write it)
    # (a weekday may come before: "Dienstag, 21.10.2025", "Tue 10/21/2025")
    m = re.match(r"^(?:([^\W\d_]+)\.?,?\s+)?(\d{1,2})(/|\. ?)(\d{1,2})\3(\d{4})\b", text)
    if m and (m[1] is None or _is_weekday(m[1])):
        a, b, year = int(m[2]), int(m[4]), int(m[5])
        day_first = m[3] != "/" or a > 12 or (day_first and b <= 12)
        return valid(year, b, a) if day_first else valid(year, a, b)
    # RFC 2822 (feeds, e-mail): "Tue, 21 Oct 2025 10:00:00 GMT"
    if re.search(r"\d{1,2}:\d{2}", text):
        import email.utils  # here: ~6 ms (socket, the e-mail package) every loading process paid

        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            return valid(parsed.year, parsed.month, parsed.day)
    # Written forms: "October 21, 2025", "Tuesday, Oct. 21, 2025", "21 October 2025"
    m = re.search(rf"({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", text, re.IGNORECASE)
    if m:
        month = MONTHS.get(m[1].lower().rstrip("."))
        return valid(int(m[3]), month, int(m[2])) if month else None
    m = re.search(
        rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE}),?\s+(\d{{4}})(?!\d)", text, re.IGNORECASE
    )
    if m:
        month = MONTHS.get(m[2].lower().rstrip("."))
        return valid(int(m[3]), month, int(m[1])) if month else None
    # Other languages' names, read only where no English form is: "Di, 21 Okt 2025 10:00:00
    # +0200" (feeds that write RFC 2822 dates in their own language), "21 de octubre de 2025"
    found = date_words.day_month_year(text)
    return valid(*found) if found else None


# A date with its time of day, as ISO 8601 writes it: "2025-10-21T23:30:00-07:00",
# "2025-10-21 23:30", "2025-10-21T06:30:00.123Z" (news-please, JSON Feed, Atom, front matter),
# and the 12-hour clock and zone's name after it that scrapers and CMSs write: "2025-10-21 6:30
# PM", "2025-10-21, 6:30 p.m. ET", "2025-10-21 at 11:30pm EDT".
_ISO_MOMENT = lazy_regex.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:T|,? (?:at )?)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"(?: ?([ap])\.?m\b\.?)?"
    r" ?(?:(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)|\(?(?![AP]M)((?-i:[A-Z]{2,5}))\)?)?",
    re.IGNORECASE,
)
# The zones' names RFC 2822 gives an offset (North America's, as its dates write them); any other
# name (ET, which is EST or EDT by the day; CET; BST, British or Bangladesh) leaves the time
# as written, its zone not known.
_NAMED_ZONES = {"UT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}


# The zones furthest from UTC: Baker Island's UTC-12:00, Kiribati's Line Islands' UTC+14:00.
_WESTMOST_OFFSET, _EASTMOST_OFFSET = _dt.timedelta(hours=12), _dt.timedelta(hours=14)


def parse_moment(value, *, day_first: bool = False) -> str | None:
    """The time of day a date is written with, or None when it gives none (a date alone, or no
    date): "YYYY-MM-DDTHH:MM:SSZ" in UTC when it gives its zone (an offset, Z, GMT), else the
    wall-clock time as written, "YYYY-MM-DDTHH:MM:SS", whose zone is not known. Its calendar day
    before the conversion is the one parse_date gives (a time read as of another day is none),
    `day_first` as there ("Publié le 05/03/2024 à 10h05" is of 5 March)."""
    moment: _dt.datetime | None
    if isinstance(value, _dt.datetime):
        moment = value
    elif isinstance(value, str) and len(value) <= 100 and re.search(r"\d(?:[:.]|[ \t]?h[ \t]?)\d\d", value, re.I):
        value = _moment_in_order(" ".join(value.split()))
        moment = _written_moment(value, day_first)
    else:
        return None
    if moment is None or _day_of(value, day_first=day_first) != moment.date().isoformat():
        return None
    if _zone_name_of_other_season(value, moment.date()):
        moment = moment.replace(tzinfo=None)  # its wall-clock time, its zone not known
    offset = moment.utcoffset()
    if offset is None:
        return moment.replace(microsecond=0).isoformat()
    if not -_WESTMOST_OFFSET <= offset <= _EASTMOST_OFFSET:
        return None  # "GMT+15", "-1300": no zone is so far off UTC, the time is not known
    try:
        in_utc = moment.astimezone(_dt.timezone.utc)
    except OverflowError:
        return None
    return in_utc.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


# A time as France, Portugal, Quebec... write it: "18h30", "18 h 30".
_HOUR_H_MINUTES = lazy_regex.compile(r"(?<![\w:])(\d{1,2})[ \t]?h[ \t]?(\d{2})(?![\w:])", re.IGNORECASE)
# An offset written from GMT or UTC: "GMT+1", "UTC+05:30", "GMT-3", "(UTC+1)".
_OFFSET_FROM_GMT = lazy_regex.compile(
    r"[ \t]*\(?(?<![\w+-])(?:GMT|UTC|UT)[ \t]?([+-])(\d{1,2})(?::?(\d{2}))?\)?(?![\w:])", re.I
)
# A time written before its date: "6:30 p.m., March 5, 2024", "18:30, 5 March 2024", "at 6:30 PM
# EST, March 5, 2024", "18:30 +0100 | 5 March 2024".
_TIME_BEFORE_DATE = lazy_regex.compile(
    rf"(?:(?:at|{date_words.AT})[ \t]+)?(\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:[ \t]?[ap]\.?m\b\.?)?"
    # (a zone's name, not the month or weekday after it: "6:30 PM MARCH 5, 2024")
    rf"(?:[ \t]?(?:Z|[+-]\d{{4}}|\(?(?!(?:{_MONTH_RE}|{date_words.ENGLISH_WEEKDAY_RE})(?![^\W\d_]))(?-i:[A-Z]{{2,5}})\)?)"
    rf"(?![\w+-]))?)[ \t]*[,|·•–—-]?[ \t]*(?:(?:on|{date_words.STAMP_ON})[ \t]+)?([^\d\W]\D*\d.*|\d{{1,2}}\D.*)",
    re.IGNORECASE,
)


def _moment_in_order(text: str) -> str:
    """`text` (a date and its time of day, as any writes it) as parse_moment's readers take it: a
    time before its date put after it, "18h30" written "18:30", an offset from GMT as "+0100"."""
    text = _HOUR_H_MINUTES.sub(r"\1:\2", text)
    text = _OFFSET_FROM_GMT.sub(lambda m: f" {m[1]}{int(m[2]):02d}{m[3] or '00'}", text).strip()
    first = _TIME_BEFORE_DATE.fullmatch(text)
    # (a date and nothing after it: "18:30, 5 March 2024 and more" is no moment)
    if first and re.search(r"\d{4}\.?$", first[2]) and parse_date(first[2]):
        return f"{first[2]} {first[1]}"
    return text


# North America's zone named last, with its season: "EST" (standard) or "EDT" (daylight)
# (not MST: Arizona keeps it all summer)
_WRITTEN_OFFSET = lazy_regex.compile(r"(?:\d:\d\d(?::\d\d(?:[.,]\d+)?)?[ \t]*|\s)[+-]\d{2}:?\d{2}\b")
_SEASONED_ZONE_NAME = lazy_regex.compile(r"\b(?:[ECP]([SD])|M(D))T\)?\s*$")


def _zone_name_of_other_season(value, day: _dt.date) -> bool:
    """Whether `value` ends with a North American zone's name of the other season than its day's
    ("EST" in July, "PDT" in January): writers say EST for Eastern time all year, so its offset
    would put the time an hour off; the time is kept as written, its zone not known."""
    if not isinstance(value, str) or _WRITTEN_OFFSET.search(value):
        return False  # an offset written beside the name says which it is ("-0400 (EST)")
    found = _SEASONED_ZONE_NAME.search(value)
    in_summer = _in_us_daylight_time(day)
    return found is not None and in_summer is not None and in_summer == ((found[1] or found[2]) == "S")


def _in_us_daylight_time(day: _dt.date) -> bool | None:
    """Whether the United States keep daylight time all of `day`; None on a day it starts or ends
    (either name is right on it) and before 1987 (other rules)."""
    if day.year < 1987:
        return None
    if day.year >= 2007:  # from the second Sunday of March to the first of November
        start, end = _nth_sunday(day.year, 3, 2), _nth_sunday(day.year, 11, 1)
    else:  # from the first Sunday of April to the last of October
        start, end = _nth_sunday(day.year, 4, 1), _nth_sunday(day.year, 11, 1) - _dt.timedelta(days=7)
    if day in (start, end):
        return None
    return start < day < end


def _nth_sunday(year: int, month: int, nth: int) -> _dt.date:
    first = _dt.date(year, month, 1)
    return first + _dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1))


def moment_fits_day(moment: str, day: str) -> bool:
    """Whether `moment` (parse_moment's) can be of `day`, a date in its own zone: a time without
    its zone is of that very day, one in UTC of that day in some zone (UTC-12:00 to UTC+14:00: from
    10:00 the day before to 12:00 the day after). A `time:` written beside another `date:` is none
    of the article's."""
    try:
        own = _dt.date.fromisoformat(day[:10])
        if not moment.endswith("Z"):
            return _dt.date.fromisoformat(moment[:10]) == own
        in_utc = _dt.datetime.fromisoformat(moment[:-1])
    except ValueError:
        return False
    midnight = _dt.datetime.combine(own, _dt.time())
    return midnight - _dt.timedelta(hours=14) <= in_utc < midnight + _dt.timedelta(hours=36)


# "11:30 PM", "6:30pm", "12:05 a.m.": a 12-hour clock (email.utils read "PM" as an unknown zone
# and gave 11:30, and lost the offset after it)
_TWELVE_HOUR = lazy_regex.compile(r"\b(\d{1,2})(:\d\d(?::\d\d)?)\s*([ap])\.?m\b\.?", re.IGNORECASE)


def _in_24_hours(text: str) -> str | None:
    """`text` with a 12-hour time written as a 24-hour one; None when its hour is no such hour."""
    m = _TWELVE_HOUR.search(text)
    if m is None:
        return text
    hour = int(m[1])
    if not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if m[3].lower() == "p" else 0)
    return f"{text[: m.start()]}{hour:02d}{m[2]}{text[m.end() :]}"


def _hour_of(hour: int, half: str | None) -> int | None:
    """The 24-hour clock's hour of `hour` written with "a" or "p" (a.m., p.m.) or neither; None when
    it is no hour of a 12-hour clock ("13:30 PM", "0:30 AM")."""
    if half is None:
        return hour
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if half.lower() == "p" else 0)


def _written_moment(text: str, day_first: bool = False) -> _dt.datetime | None:
    m = _ISO_MOMENT.fullmatch(text)
    if m:
        hour = _hour_of(int(m[4]), m[7])
        if hour is None:
            return None
        try:
            return _dt.datetime(
                int(m[1]),
                int(m[2]),
                int(m[3]),
                hour,
                int(m[5]),
                _no_leap_second(int(m[6] or 0)),
                tzinfo=_zone_of(m[8], m[9]),
            )
        except ValueError:
            return None
    if re.match(r"^\d{4}-", text):
        return None  # an ISO date followed by something else: no time read from it
    import email.utils  # RFC 2822, as feeds write it: "Tue, 21 Oct 2025 23:30:00 -0700"

    in_24 = _in_24_hours(text)
    if in_24 is None:
        return None
    try:
        # -0000 says "zone not known", as does a zone it does not know: a naive time then
        # (an offset written with a colon, "+05:30", as ISO writes it, which email.utils passes over)
        in_24 = re.sub(r"(?<=\d:\d\d) ?([+-]\d{2}):(\d{2})$", r" \1\2", in_24)
        return email.utils.parsedate_to_datetime(re.sub(r"(\d:\d\d):60\b", r"\1:59", in_24))
    except (TypeError, ValueError, IndexError, OverflowError):
        return _date_then_time(text, day_first)


# A time of day closing a date written any other way, after a separator or a word for "at":
# "Tuesday, March 5, 2024 - 6:30pm", "March 5, 2024 at 6:30 p.m. ET", a feed's RFC 2822 date in
# its own language, "Di, 05 Mär 2024 18:30:00 +0100", "05/03/2024 18:30", and with a dot as the
# Guardian and German outlets write it: "Tue 5 Mar 2024 18.30 GMT", "05.03.2024, 18.30 Uhr".
_TIME_AFTER_DATE = lazy_regex.compile(
    rf"(?<=\d)\.?,?[ \t]*(?:(?:[-–—|@·•]|at|{date_words.AT})[ \t]*)?(\d{{1,2}})[:.](\d{{2}})(?:[:.](\d{{2}}))?"
    r"(?:[ \t]*([ap])\.?m\b\.?)?(?:[ \t]*(?:uhr|h)\b\.?)?"
    r"(?:[ \t]*(?:(Z|UTC|GMT|UT|[+-]\d{2}:?\d{2})|\(?(?![AP]M)((?-i:[A-Z]{2,5}))\)?))?$",
    re.IGNORECASE,
)


def _date_then_time(text: str, day_first: bool = False) -> _dt.datetime | None:
    """The moment of a date parse_date reads followed by nothing but a time (_TIME_AFTER_DATE)."""
    m = _TIME_AFTER_DATE.search(text)
    day = parse_date(text[: m.start()], day_first=day_first) if m else None
    if m is None or day is None:
        return None
    hour = _hour_of(int(m[1]), m[4])
    if hour is None:
        return None
    try:
        zone = _zone_of("UTC" if (m[5] or "").upper() == "UT" else m[5], m[6])
        return _dt.datetime.fromisoformat(day).replace(
            hour=hour, minute=int(m[2]), second=_no_leap_second(int(m[3] or 0)), tzinfo=zone
        )
    except ValueError:
        return None


def _zone_of(offset: str | None, name: str | None) -> _dt.tzinfo | None:
    """The zone of a time written with `offset` ("Z", "UTC", "GMT", "+05:30", "-0500") or a zone's
    `name` (_NAMED_ZONES; another name, or none, is a zone not known: None). ValueError for an
    offset there is none of ("+25:00")."""
    offset = (offset or "").upper()
    if offset in ("Z", "UTC", "GMT"):
        return _dt.timezone.utc
    if offset:
        digits = offset[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
        if minutes >= 24 * 60:
            raise ValueError(f"no such offset: {offset}")
        return _dt.timezone(_dt.timedelta(minutes=-minutes if offset[0] == "-" else minutes))
    named = _NAMED_ZONES.get((name or "").upper())
    return None if named is None else _dt.timezone(_dt.timedelta(hours=named))


def _no_leap_second(second: int) -> int:
    """A leap second (23:59:60 UTC, as a feed may stamp one) as the second before it: the moment
    is kept, not lost with its time of day."""
    return 59 if second == 60 else second


def _is_weekday(word: str) -> bool:
    """Whether `word` names a weekday, in English or in the other languages read."""
    word = word.lower()
    return word in date_words.WEEKDAY_NAMES or re.fullmatch(date_words.ENGLISH_WEEKDAY_RE, word) is not None


def strip_date_prefix(text: str) -> tuple[str, str | None]:
    """Remove a leading "date YYYY-MM-DD" (as scraped files carry); returns (rest, ISO date)."""
    rest, date, _ = strip_date_prefix_and_time(text)
    return rest, date


def strip_date_prefix_and_time(text: str) -> tuple[str, str | None, str | None]:
    """strip_date_prefix's (rest, ISO date) and the moment (parse_moment's) of a time written after
    the date, "date 2025-10-21 6:30 PM", which goes with it (it is no part of the text)."""
    m = _DATE_PREFIX.match(text)
    if not m:
        return text, None, None
    date = parse_date(m[2])
    if date is None:
        return text, None, None
    return text[m.end() :], date, parse_moment(m[1])


def date_from_text(text: str, head: int = 3000) -> str | None:
    """dated_from_text's date."""
    found = dated_from_text(text, head)
    return found[1] if found else None


def dated_from_text(
    text: str, head: int = 3000, agreeing: Iterable[str | None] = (), latest: str | None = None
) -> tuple[int, str] | None:
    """(rank, date) of date_from_text's: how the text states it (_STAMPS' ranks), and the date.
    A publication date stated near the start of the text (a dateline "WASHINGTON, Oct. 21,
    2025 —", first or after the headline and byline, "Published Oct. 21, 2025", "Veröffentlicht
    am 21.10.2025", a date on a line of its own or with a byline), else a "Published" / "Updated" line in the last part; an "Updated" date (in any
    language) only when nothing else dates the text. A date written with a weekday it does not
    fall on ("Tuesday, March 6, 2024": a Wednesday) counts only when another date of the text or
    one of `agreeing` (the URL's, the path's: ISO) is the same day: the weekday or the date is
    wrong, and nothing else says which. A date after `latest` (ISO) is none: no page is published
    after it was saved."""
    published, date_line, dateline_pattern = _text_date_patterns()
    written: list[tuple[int, str, bool]] = []  # (rank, date as written, whether 05/10/2025 is day first)
    for part in (text[:head], text[-head:] if len(text) > head else ""):
        for m in published.finditer(part.lower()):
            rank, day_first, _ = _STAMPS[next(kind for kind in _STAMPS if m[kind])]
            written.append((rank, m["date"], day_first))
    dateline = _opening_dateline(dateline_pattern, text[:head])
    if dateline:
        written.append((0, dateline[1], False))
    for m in date_line.finditer(text[:head]):
        # a time written "um 10:05 Uhr", "às 10h05": the line is not English, 05/10/2025 is 5 October
        day_first = bool(_NOT_ENGLISH_TIME.search(m[0], m.end(1) - m.start(0)))
        written.append((_DATE_LINE_RANK, _undotted(m[1]), day_first))
    # "October 21, 2025 · Updated 2 hours ago", "By Jane Roe | Oct. 21, 2025"
    agreeing = tuple(agreeing)
    for line in _head_stamp_lines(text[:head]):
        for stamp in _decided_stamps(line, agreeing):
            if re.search(r"\d{4}", stamp["date"]):
                rank, day_first = _stamp_kind(stamp)
                written.append((rank, stamp["date"], day_first))
    candidates = [(rank, date) for rank, date in _weekdays_checked(written, agreeing) if not latest or date <= latest]
    # "December 31, 1969 7:00 PM EST": the Unix epoch with its time, no date (parse_date)
    candidates = [c for c in candidates if c[1] not in _EPOCH_DAYS or not is_epoch(time_from_text(text, c, head))]
    # A date written without its year ("WASHINGTON, Oct. 21 —") takes it from the full ones
    # beside it, and dates the text when it ranks before them all ("Updated Oct. 22, 2025").
    loose = yearless_date(text, [date for _, date in candidates if date]) if candidates else None
    if loose is not None:
        candidates.append(loose)
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0])  # stable: a full date before a yearless one of its rank
    rank, date = candidates[0]
    return (rank, date) if date else None


def _weekdays_checked(written: list[tuple[int, str, bool]], agreeing: Iterable[str | None]) -> list[tuple[int, str]]:
    """(rank, ISO date) of each date `written` (dated_from_text's) that parse_date reads, but one
    whose weekday contradicts it only when another (or one `agreeing`) is the same day."""
    read = [
        (rank, date, contradicted_weekday(date_written, date, day_first))
        for rank, date_written, day_first in written
        if (date := parse_date(date_written, day_first=day_first))
    ]
    confirmed = {date for _, date, contradicted in read if not contradicted} | set(agreeing)
    return [(rank, date) for rank, date, contradicted in read if not contradicted or date in confirmed]


def contradicted_weekday(written: str, date: str, day_first: bool = False) -> bool:
    """Whether `written` opens with a weekday (English, or a language date_words reads) that
    `date` (parse_date's of it) does not fall on: "Tuesday, March 6, 2024", "Di, 6. März 2024".
    A word the date needs is no weekday ("Mar. 6, 2024": "mar" is Tuesday in French)."""
    m = re.match(r"\s*([^\W\d_]+(?:-[^\W\d_]+)?)\.?,?\s+", written)
    if m is None or parse_date(written[m.end() :], day_first=day_first) != date:
        return False
    word = m[1].lower()
    weekdays = {number - 1 for number in date_words.WEEKDAY_NAMES.get(word, {}).values()}
    if re.fullmatch(date_words.ENGLISH_WEEKDAY_RE, word):
        weekdays.add(date_words.ENGLISH_WEEKDAYS.index(word[:3]))
    return bool(weekdays) and _dt.date.fromisoformat(date).weekday() not in weekdays


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def wrong_weekday_reason(written: str, day: str | None) -> str:
    """Why a date `written` with a weekday its `day` (ISO) does not fall on is refused, for a
    warning whose first words say it (skip_reason_kind: a terminal counts them together)."""
    weekday = f" ({day} was a {_WEEKDAY_NAMES[_dt.date.fromisoformat(day).weekday()]})" if day else ""
    return f"is not on its weekday: {written[:60]!r}{weekday}"


def time_from_text(text: str, dated: tuple[int, str], head: int = 3000) -> str | None:
    """The moment (parse_moment's) of the time written after the date that dates the text
    (dated_from_text's rank and date), on a line near its start that stamps it: "Published
    March 5, 2024 at 6:30 p.m. EST", "2024-03-05 6:30 PM" on a line of its own. Only a stamp
    of that rank and date gives it: an update's time is not the publication's."""
    rank, date = dated
    for stamp in _head_stamps(text[:head]):
        stamp_rank, day_first = _stamp_kind(stamp)
        # (in capitals: a zone's name, "est", is read written as a zone's name is, "EST")
        # (from its time when the time comes first: "6:30 p.m., March 5, 2024")
        start = stamp.start("time_before") if stamp["time_before"] else stamp.start("date")
        written = stamp.string[start : stamp.end()].strip(" \t|·•,;/–—-").upper()
        if stamp_rank == rank and _day_of(written, day_first=day_first) == date:
            if moment := parse_moment(written, day_first=day_first):
                return moment
    return None


def _undotted(date: str) -> str:
    """`date` with the dots around its month's word made spaces: "21 out 2025" of "21.out.2025"."""
    return re.sub(r"\A(\d{1,2})\.([^\W\d_]{3,4})\.(\d{4})\Z", r"\1 \2 \3", date)


@functools.cache
def _yearless_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(a "Published" line, to be read in lower case, a dateline), each with a date written without
    its year (loose_dates.YEARLESS): "Updated Oct. 22 at 10:05", "WASHINGTON, Oct. 21 (UPI) —"
    (a date on a line of its own: _stamp_line)."""
    english = [kind for kind in _STAMPS if not kind.endswith("_elsewhere")]
    stamps = "|".join(rf"(?P<{kind}>{_alternation(_STAMPS[kind][2])})" for kind in english)
    published = re.compile(
        rf"\b(?:{stamps})(?![^\W\d_])(?:\s+on)?\s*:?\s*(?:(?:at)?[ \t]*{_TIME}[ \t]*,?[ \t]*(?:on[ \t]+)?)?"
        rf"(?P<date>{loose_dates.YEARLESS})"
    )
    caps = _capitals()
    place = rf"[{caps}][{caps}.'’-]+(?: [{caps}][{caps}.'’-]*){{0,4}}(?:, [{caps}][^\W\d_]*\.?){{0,2}}"
    dateline = re.compile(
        rf"\A\s*(?-i:{place}),\s*({loose_dates.YEARLESS})\s*(?:\([^)\n]{{1,30}}\)\s*)?[—–-]", re.IGNORECASE
    )
    return published, dateline


def _opening_dateline(pattern: re.Pattern, head: str) -> re.Match | None:
    """The dateline (`pattern`'s match) that opens the reporting: on the text's first line, or
    after the headline, a byline, a date line ("Senate passes budget\n\nBy Jane Roe\n\nWASHINGTON,
    Oct. 21 (Reuters) —"), on one of the first YEARLESS_LINES lines with words, before any
    paragraph."""
    seen, start = 0, 0
    for line in head.split("\n"):
        if re.search(r"\w", line):
            found = pattern.match(head[start:])
            # a paragraph before it: the reporting began, and a later dateline is a roundup's entry's
            if found or seen + 1 >= YEARLESS_LINES or len(line.strip()) > HEADLINE_LIMIT:
                return found
            seen += 1
        start += len(line) + 1
    return None


HEADLINE_LIMIT = 160  # characters: a longer line is a paragraph (looks_like_headline)


# Lines with words at the head of a text a date without its year is looked for on (a headline, a
# subhead, a byline, the date): further down, "March 4" on its own heads a timeline's entry.
YEARLESS_LINES = 6


def _yearless_candidates(text: str, head: int = 3000) -> list[tuple[int, int, int, int | None]]:
    """(rank, month, day, weekday or None) of each date written without its year that stamps the
    text near its start, ranked as date_from_text ranks the full ones."""
    published, dateline = _yearless_patterns()
    found: list[tuple[int, str]] = []
    for m in published.finditer(text[:head].lower()):
        found.append((_STAMPS[next(kind for kind in _STAMPS if m.groupdict().get(kind))][0], m["date"]))
    opening = _opening_dateline(dateline, text[:head])
    if opening:
        found.append((0, opening[1]))
    # "Oct 22, 10:05 AM ET", "Tuesday, March 4 | Updated 5 mins ago", "Publié le 21 octobre à 10h05"
    for line in _head_stamp_lines(text[:head]):
        found.extend((_stamp_kind(stamp)[0], stamp["date"]) for stamp in _decided_stamps(line))
    return [(rank, *written) for rank, date in found if (written := _yearless_parts(date)) is not None]


def _head_stamps(head: str) -> tuple[re.Match, ...]:
    """The stamps (_stamp_patterns' matches) of the first YEARLESS_LINES lines with words of a
    text's `head` that stamp it: lines of stamps (_stamp_line) and bylines with their date ("By
    Jane Roe | Oct. 21, 2025", "Posted by Jane Roe on October 21, 2025")."""
    return tuple(stamp for line in _head_stamp_lines(head) for stamp in line)


@functools.lru_cache(maxsize=4)
def _head_stamp_lines(head: str) -> tuple[tuple[re.Match, ...], ...]:
    """_head_stamps' stamps, line by line. Kept for the head last asked: date_from_text, then
    yearless_date (from it and again from the loader) read the same."""
    return tuple(_scanned_head_stamps(head))


def _decided_stamps(stamps: tuple[re.Match, ...], agreeing: Iterable[str | None] = ()) -> list[re.Match]:
    """A line's `stamps`, but of those no word labels that name different days, only one that a
    date `agreeing` (the URL's, the path's: ISO) is, else the first when they are written in the
    order of time, a publication's then its update's ("March 5, 2024 · March 6, 2024", as
    WordPress's themes write an edited post's two dates): out of that order, or a range's two
    ends ("March 5, 2024 – March 8, 2024"), nothing on the line says which is the publication's
    and a day taken wrongly is worse than none. A labelled one ("Published", "Updated") is kept
    and ranks by its word."""
    unlabelled = [(stamp, _stamp_day(stamp)) for stamp in stamps if not stamp["stamp"]]
    days = [day for _, day in unlabelled if day is not None]
    if len({(month, day) for _, month, day in days}) <= 1 and len({year for year, _, _ in days if year}) <= 1:
        return list(stamps)
    agreed = {date for date in agreeing if date}
    if not any(_stamp_iso(stamp) in agreed for stamp, _ in unlabelled) and _published_then_updated(unlabelled):
        if first := _stamp_iso(unlabelled[0][0]):
            agreed.add(first)
    return [stamp for stamp in stamps if stamp["stamp"] or _stamp_iso(stamp) in agreed]


# What joins a range's two ends: "March 5, 2024 – March 8, 2024", "5. März 2024 bis 8. März 2024".
_RANGE_JOIN = lazy_regex.compile(r"\s*(?:[-–—]|to|until|till|through|thru|bis|au|al|a|até)\s*", re.IGNORECASE)


def _published_then_updated(unlabelled: list[tuple[re.Match, tuple[int | None, int, int] | None]]) -> bool:
    """Whether a line's unlabelled stamps (_decided_stamps') are each a later day than the one
    before, all with their year, and no range's ends."""
    days = [day for _, day in unlabelled if day is not None and day[0] is not None]
    if len(days) < len(unlabelled) or any(later <= earlier for earlier, later in zip(days, days[1:])):
        return False
    return not any(
        _RANGE_JOIN.fullmatch(first.string[first.end() : second.start()])
        for (first, _), (second, _) in zip(unlabelled, unlabelled[1:])
    )


def _stamp_day(stamp: re.Match) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of the date a stamp names, with its year or without."""
    if iso := _stamp_iso(stamp):
        return int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    parts = _yearless_parts(stamp["date"])
    return (None, parts[0], parts[1]) if parts else None


def _stamp_iso(stamp: re.Match) -> str | None:
    """The ISO date of a stamp's date written with its year, else None."""
    if not re.search(r"\d{4}", stamp["date"]):
        return None
    return parse_date(stamp["date"], day_first=_stamp_kind(stamp)[1])


def _scanned_head_stamps(head: str) -> Iterator[tuple[re.Match, ...]]:
    seen = 0
    for raw in head.split("\n"):
        if not re.search(r"\w", raw) or is_interface_line(raw.strip()):
            continue
        seen += 1
        if seen > YEARLESS_LINES:
            break
        line = raw.strip()
        stamps = _stamp_line(line)
        if stamps is None:
            byline = _byline_and_stamps(line)
            stamps = byline[1] if byline else None
        if stamps:
            yield tuple(stamps)


def _stamp_kind(stamp: re.Match) -> tuple[int, bool]:
    """(rank, whether 05/10/2025 in it is day first) of one of _stamp_patterns' stamps, by the
    words before its date, else as a date line's (the time after it may say it is not English)."""
    if stamp["stamp"]:
        return _stamp_ranks()[" ".join(stamp["stamp"].split())]
    not_english = _NOT_ENGLISH_TIME.search(stamp[0], stamp.end("date") - stamp.start())
    return _DATE_LINE_RANK, bool(not_english) or _labelled_day_first(stamp.string)


@functools.lru_cache(maxsize=16)
def _labelled_day_first(line: str) -> bool:
    """Whether a stamp line (lower case) has a stamp whose word writes 05/10/2025 day first: its
    unlabelled stamps are of its language ("05/03/2024 10:05 - Actualizado: 06/03/2024 09:00" is
    5 March, not 3 May after the 6 March of its update)."""
    return any(m["stamp"] and _stamp_ranks()[" ".join(m["stamp"].split())][1] for m in _stamps_in(line))


def _yearless_parts(date: str) -> tuple[int, int, int | None] | None:
    """(month, day, weekday or None) of a date written without its year, in English or in another
    language read; None for a date with its year."""
    if re.search(r"\d{4}", date):
        return None
    return date_words.day_month(date) or loose_dates.parts(date)  # "mar. 21 oct." is October's


def yearless_date(text: str, anchors: list[str], saved=None) -> tuple[int, str] | None:
    """(rank, ISO date) of the best-ranked date the text writes without its year whose year the
    article's full dates (`anchors`, ISO) or the moment it was saved settle (loose_dates.
    settle_year), else None."""
    days = [_dt.date.fromisoformat(a) for a in anchors if a]
    saved_day = saved.date() if isinstance(saved, _dt.datetime) else saved
    if not days and saved_day is None:
        return None
    settled = []
    for rank, month, day, weekday in _yearless_candidates(text):
        year = loose_dates.settle_year(month, day, weekday, days, saved_day)
        date = _valid(year, month, day) if year else None
        if date:
            settled.append((rank, date))
    return min(settled, key=lambda c: c[0]) if settled else None


# A date as a looser reading takes one from a URL (htmldate's, which trafilatura's pages are dated
# with): a year, a month and any one or two figures after it.
_LOOSE_URL_DATE = lazy_regex.compile(r"\D((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:\D|$)")


def slug_date_in_url(url: str | None) -> str | None:
    """The date a looser reading than date_from_url's would take from a number opening the slug
    after a month ("/2024/03/5-things-to-know/": 5 March 2024), when that is the URL's only date
    that reading sees first; else None."""
    url = url or ""
    m = _LOOSE_URL_DATE.search(url)
    if m is None or _url_date(url, m.start()):
        return None
    if re.fullmatch(r"-\d{1,2}-\d{2}", url[m.end(1) : m.end(3)]) or re.match(r"_\d{1,2}_\d{2}(?!\d)", url[m.end(1) :]):
        return None  # a date written with dashes after other words ("…-testimony-2019-11-19/"), or _
    return _valid(int(m[1]), int(m[2]), int(m[3]))


def _url_date(url: str | None, at: int | None = None) -> re.Match | None:
    """The first of _URL_DATE's matches in `url` (the one at `at`, if given) that is no count
    opening a slug."""
    if not url:
        return None
    found = [_URL_DATE.match(url, at)] if at is not None else _URL_DATE.finditer(url)
    for m in found:
        if m is not None and not (m[8] and _opens_with_count(m[9], url[m.end() :])):
            return m
    return None


def _opens_with_count(number: str, slug: str) -> bool:
    """Whether `slug` (after the figures `number` opening it and their hyphen) reads as a count,
    for a number not written with a zero before it (COUNT_PHRASE_WORDS): its first word is a
    _COUNT_WORD, or one of its next words is a toll's ("12-police-officers-hurt"), or a plural (no
    headline's verb) that ends the slug or goes on with a word _AFTER_COUNTED. A measure's there
    is a headline's noun: "12-police-shoot-man", "15-trump-says-time-is-up"."""
    if number.startswith("0"):
        return False
    segment = re.match(r"[^/?#.]*", slug[:120])
    words = re.findall(r"[^\W\d_]+", segment[0] if segment else "")[: COUNT_PHRASE_WORDS + 1]
    if not words:
        return False
    if _COUNT_WORD.fullmatch(words[0]) and not _NOT_PLURAL.fullmatch(words[0]):
        return True
    return any(_counted_noun(words, at) for at in range(1, min(len(words), COUNT_PHRASE_WORDS)))


def _counted_noun(words: list[str], at: int) -> bool:
    """Whether the slug's word `at` (_opens_with_count's) is the noun of a count before it."""
    word = words[at]
    if _TOLL_WORD.fullmatch(word):
        return True
    # "13-school-districts-close" counts districts whatever follows; in "13-russia-bombs-cities"
    # a headline's verb ("bombs": a word ending as a plural does) comes before them, after a day
    if _COUNTED_UNIT.fullmatch(word) and not any(
        _PLURAL_WORD.fullmatch(w) and not _NOT_PLURAL.fullmatch(w) for w in words[:at]
    ):
        return True
    if not _PLURAL_WORD.fullmatch(word) or _NOT_PLURAL.fullmatch(word):
        return False
    if at + 1 == len(words):
        return True  # "15-speed-cameras"
    return _AFTER_COUNTED.fullmatch(words[at + 1]) is not None and not _HEADLINE_VERB.fullmatch(word)


def date_from_url(url: str | None) -> str | None:
    """The date in a URL path like /2010/02/20/ or /2010-02-20-, else None."""
    m = _url_date(url)
    if m is None:
        return None
    if m[6]:
        return _valid(int(m[1]), MONTHS[m[6].lower()], int(m[7]))
    if m[8]:  # a day glued to the slug: /2024/03/05-council-passes-budget/
        return _valid(int(m[1]), int(m[8]), int(m[9]))
    month, day = (m[2], m[3]) if m[2] else (m[4], m[5])
    return _valid(int(m[1]), int(month), int(day))


# A date in a file's path, as scrapers name files: "nyt_2016-02-01_slug.txt", "2016_02_01-x.md",
# "20160201.html", "2016/02/01/x.txt". Digits run on either side are an id or a time, not a date.
_PATH_DATE = lazy_regex.compile(r"(?<!\d)((?:19|20)\d{2})([-_./]?)(\d{2})\2(\d{2})(?!\d)")
_FOLDER_DATE = lazy_regex.compile(r"(?<![^/])((?:19|20)\d{2})/(\d{2})/(\d{2})(?![^/])")
_PATH_SUFFIX = lazy_regex.compile(r"\.[A-Za-z0-9]{1,5}$")
# Words of a file or folder name; hyphens stay inside ("huff-post", "2016-02-01").
_PATH_WORD = lazy_regex.compile(r"[^_\s/\\]+")
PATH_OUTLET_WORDS = 4  # an outlet's name in a path is at most this many words ("the_new_york_times")


def date_from_path(path: str | None) -> str | None:
    """The date a file's path gives (its name first, then its folders, nearest first), or None."""
    if not path:
        return None
    parts = _path_parts(path)
    for part in reversed(parts):
        for m in _PATH_DATE.finditer(part):
            date = _valid(int(m[1]), int(m[3]), int(m[4]))
            if date:
                return date
    joined = "/".join(parts)  # folders by year, month and day: 2016/02/01/story.txt
    folders = _FOLDER_DATE.search(joined)
    return _valid(int(folders[1]), int(folders[2]), int(folders[3])) if folders else None


def outlet_from_path(path: str | None, registry: Registry) -> str | None:
    """A known outlet a file's path names, as scrapers name files and folders: the words beside
    a date in the file's name ("breitbart_2016-02-01_x.txt", "2016-02-01_nyt_x.txt"), else a
    whole folder name, nearest first ("nytimes/x.md", "Fox News/x.txt"). Only an outlet's name,
    alias or domain in the registry counts, and only there: other words of a name are the
    story's ("hill_vote_2016-02-01.txt" is not The Hill, "time_line.txt" not Time)."""
    if not path:
        return None
    parts = _path_parts(path)
    name = _PATH_DATE.sub(lambda m: m[0].replace("_", "-"), parts[-1]) if parts else ""  # one word
    words = _PATH_WORD.findall(name)
    dated = [k for k, word in enumerate(words) if _PATH_DATE.fullmatch(word)]
    if dated:
        first = dated[0]
        # the outlet before the date, all of it ("the_new_york_times_2016-02-01"), or right after
        runs = [words[:first]] if 0 < first <= PATH_OUTLET_WORDS else []
        runs += [words[first + 1 : first + 1 + size] for size in range(PATH_OUTLET_WORDS, 0, -1)]
        for run in runs:
            outlet = registry.get(" ".join(run)) if run else None
            if outlet is not None:
                return outlet.name
    for folder in reversed(parts[:-1]):
        outlet = registry.get(" ".join(_PATH_WORD.findall(folder)))
        if outlet is not None:
            return outlet.name
    return None


def _path_parts(path: str) -> list[str]:
    """The folder names and the file's name without its suffix (a `#n` article number dropped)."""
    parts = [p for p in re.split(r"[/\\]", path.split("#", 1)[0]) if p]
    if parts:
        parts[-1] = _PATH_SUFFIX.sub("", parts[-1])
    return parts


# -- titles ------------------------------------------------------------------------------------
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "st",
    "jr",
    "sr",
    "no",
    "inc",
    "corp",
    "co",
    "ltd",
    "vs",
    "v",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "d.c",
    "mt",
    "ft",
    "ave",
    "rev",
    "pres",
    "adm",
    "maj",
    "cmdr",
    "supt",
    "dept",
    "est",
}
# Quotation marks and brackets that close a sentence ("...," ”, German “, French ») and that open
# the next (“, German „, French «).
_CLOSERS = "\"”’')]»“"
_OPENERS = "\"“‘'([„«"


@functools.cache
def _boundary() -> re.Pattern:
    """A sentence's end: a stop before a capital of any alphabet ("... zurück. Überraschend",
    "... отставку. Это") or a figure, maybe with quotation marks round it."""
    return re.compile(rf"[.!?…]+[{re.escape(_CLOSERS)}]*(?=\s+[{re.escape(_OPENERS)}]?[{_capitals()}0-9])")


_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "from",
    "as",
    "is",
    "vs",
    "via",
    "into",
    "over",
    "up",
    "off",
    "out",
    "per",
}


# The word a byline opens with, in English and the other languages read: "By Jane Roe", "Von Max
# Mustermann", "Par Jean Dupont", "Por Juan Pérez", "Di Mario Rossi", "Door Jan Jansen", "Av Anna
# Berg", "Autor: Jan Kowalski", "Автор: Иван Петров".
_BYLINE_WORDS = ("by", "von", "par", "por", "di", "door", "av", "af", "autor", "autorka", "автор", "авторка")
# The labels a byline may open with instead, always with a colon ("Текст: Иван Петров", "Text:
# Max Mustermann"): "Text messages show" opens a sentence.
_BYLINE_LABELS = ("text", "texto", "texte", "testo", "tekst", "teksti", "текст", "author", "auteur", "autore")
# Between two names of a byline ("By Jane Roe and John Doe", "Par Jean Dupont et Marie Curie"),
# and between names in capitals AP's way ("By JANE ROE AND JOHN DOE": _plain_byline asks that;
# "Von HANS MEIER UND EVA ROTH", "Par JEAN DUPONT ET MARIE CURIE", "Por ANA LÓPEZ Y JUAN PÉREZ").
_BYLINE_AND = ("and", "und", "et", "y", "e", "en", "och", "og", "i", "и", "та", "&", "AND", "UND", "ET", "Y")
# Lower-case words inside a name ("Ursula von der Leyen", "Jean de La Fontaine").
_NAME_PARTICLES = ("de", "da", "di", "do", "dos", "du", "del", "della", "van", "von", "der", "den", "ter", "la", "le")
# Words that are no part of a name written in capitals, as a title-case headline has them.
_NOT_IN_NAMES = _SMALL_WORDS | {"der", "die", "das", "dem", "des", "les", "el", "los", "las", "il", "lo", "het"}
# Words of a credit after the names, no name's: "Associated Press", "Staff Writer", "Redaktion".
_CREDIT_WORDS = {"press", "news", "reuters", "afp", "dpa", "agency", "staff", "writer", "reporter", "correspondent"}
_CREDIT_WORDS |= {"editor", "times", "post", "journal", "redaktion", "rédaction", "redacción", "redazione", "редакция"}
_CREDIT_WORDS |= {"contributor", "columnist", "producer", "bureau", "desk", "wire", "media", "service", "services"}
# and a newspaper's or a broadcaster's: "Texas Tribune", "Miami Herald", "Washington Examiner"
_CREDIT_WORDS |= {"tribune", "herald", "examiner", "gazette", "chronicle", "courier", "inquirer", "magazine", "radio"}
# An outlet's initials, no one's name: "CNN", "AP", "NPR".
_ACRONYM = lazy_regex.compile(r"[A-Z]{2,5}")
# Words in small letters after names in capitals: "JANE ROE Associated Press".
_AFTER_CAPITALS = lazy_regex.compile(r"(?<=[A-Z]{2})(?:[ \t]+[A-Z][a-z]+)+$")
BYLINE_LIMIT = 100  # characters: a longer line is reporting, not a byline
BYLINE_LINES = 4  # a byline is looked for among the first lines: headline, subhead, date, byline


@functools.cache
def _name_patterns(small: bool = False) -> tuple[str, str, str]:
    """(a name in capitals, one of two words at least, what joins two names), as bylines write them;
    with `small`, names in small letters too ("bell hooks")."""
    caps = _capitals()
    particles = "|".join(_NAME_PARTICLES)
    # a word of a name: an initial ("J."), hyphenated or with an apostrophe, twice at most ("Jean-Luc",
    # "O'Neill", "Roe-O’Hara")
    initial = r"[^\W\d_]" if small else rf"[{caps}]"
    word = rf"{initial}[^\W\d_'’.-]*(?:[.'’-][^\W\d_'’.-]*){{0,2}}"
    more = rf"[ \t]+(?:(?:{particles})[ \t]+)*{word}"
    first = word
    name = rf"{first}(?:{more}){{0,3}}"
    full_name = rf"{first}(?:{more}){{1,3}}"
    joined = rf"(?:[ \t]*,[ \t]*|[ \t]+(?:{'|'.join(map(re.escape, _BYLINE_AND))})[ \t]+)"
    return name, full_name, joined


@functools.cache
def _byline(small: bool = False) -> re.Pattern:
    """A byline as a whole line: its word, then names in capitals joined by "and" or commas,
    maybe a credit after a separator ("By Jane Roe, Reuters", "Von Max Mustermann | dpa"); with
    `small`, names in small letters too (_small_letter_byline says which are names)."""
    caps = _capitals()
    name, _, joined = _name_patterns(small)
    # the credit after a comma starts with a capital or is a lower-case agency ("Von Max Mustermann, dpa")
    credit = (
        rf"(?:[ \t]*(?:[|/–—-]|\()[ \t]*(?P<credit>[^\n.!?]{{1,40}})"
        rf"|[ \t]*,[ \t]*(?P<tail>(?:[{caps}]|dpa\b|afp\b|apa\b|for\b)[^\n.!?]{{0,40}}))"
    )
    # "Written by", "Posted by", "Reported by": the word before "by" a page may write
    # and Der Spiegel's "Ein Artikel von"
    before = (
        r"(?i:(?:written|posted|reported|words|story|text)[ \t]+(?=by\b)"
        r"|ein[ \t]+(?:artikel|beitrag|kommentar|gastbeitrag|essay)[ \t]+(?=von\b))?"
    )
    # a label, with its colon: "Текст: Иван Петров" (Meduza), "Text: Max Mustermann", "Texte : Jean Dupont"
    labelled = rf"(?i:{'|'.join(_BYLINE_LABELS)})[ \t]*:"
    return re.compile(
        rf"(?:{before}(?i:{'|'.join(_BYLINE_WORDS)})[ \t]*:?|{labelled})[ \t]+"
        rf"(?P<names>{name}(?:{joined}{name})*){credit}?"
    )


@functools.cache
def _unmarked_byline() -> re.Pattern:
    """A byline without its word, as a line: two full names or more, then a credit after a bar
    ("Jane Roe and John Doe | Reuters"); one name would be a headline's words as often."""
    _, full_name, joined = _name_patterns()
    return re.compile(rf"(?P<names>{full_name}(?:{joined}{full_name})+)[ \t]*\|[ \t]*(?P<credit>[^\n.!?|]{{1,40}})")


@functools.cache
def _capitals_and_role_byline() -> re.Pattern:
    """AP's byline with its role after the names in capitals, no comma between: "By JANE ROE
    Associated Press Writer", "By JANE ROE AP Business Writer" (too many words for _byline's names)."""
    caps = _capitals()
    word = rf"(?!AND\b)[{caps}][{caps}'’.-]*"  # "AND" joins two names, no word of one
    name = rf"{word}(?:[ \t]+{word}){{1,3}}"
    joined = r"(?:[ \t]*,[ \t]*|[ \t]+(?:and|AND|&)[ \t]+)"
    role = rf"(?:[{caps}]{{2,5}}[ \t]+)?[{caps}][a-z]+(?:[ \t]+[{caps}][a-z]+){{1,4}}"
    return re.compile(rf"(?i:by)[ \t]+(?P<names>{name}(?:{joined}{name})*?)[ \t]+(?P<credit>{role})(?P<tail>(?!))?")


def _byline_match(line: str, text: str = "") -> re.Match | None:
    """The match of a byline line (groups "names", "credit"), with its date or without, else None;
    `text`, the article's, tells a headline in capitals from names joined by "AND" (_capitals_and)."""
    found = _plain_byline(line, text)
    if found is None and (dated := _byline_and_stamps(line)) is not None:
        found = _plain_byline(dated[0], text)
    return found


def _plain_byline(line: str, text: str = "") -> re.Match | None:
    """_byline_match of a byline without its date."""
    if len(line) > BYLINE_LIMIT:
        return None
    byline = _byline().fullmatch(line)
    if byline is None and (role := _capitals_and_role_byline().fullmatch(line)) is not None:
        byline = role if _is_credit(role["credit"]) else None
    if byline is None:
        byline = _unmarked_byline().fullmatch(line) if "|" in line else None
        if byline is None or not _is_credit(byline["credit"]):
            return None
    # "By The Numbers" is a headline: no name has "The" in it (a credit may: "..., The Washington Post")
    parts = _FOR_OUTLET.sub("", byline["names"]).split(",")
    names = [
        part
        for at, part in enumerate(parts)
        if not _is_credit(part) and not (at and (_names_with_the(part) or _names_a_place(parts[:at], part)))
    ]
    if any(
        word[:1].isupper()
        and word.lower() in _NOT_IN_NAMES
        and not (word == "AND" and _capitals_and(names, text) and not _byline_word_in_capitals(line))
        for word in " ".join(names).split()
    ):
        return None
    # nor "By Obama's Standards", "Text: Obama’s Remarks": no name is a possessive
    if any(re.search(r"['’]s$", word) for word in " ".join(names).split()):
        return None
    if any(_joins_single_words(part) for part in names):
        return None
    return byline


def _joins_single_words(names: str) -> bool:
    """Whether `names` join single words that are no credit ("Kindern und Eltern", "Amour et
    Devoir", "ESPAÑA Y EUROPA"): a headline's words after "Von", "Par", "Por", no people's
    names, which have a first name and a last ("Hans Meier und Eva Roth", "Jane and John Doe")."""
    pieces = re.split(_AND, names.strip())
    # no _is_credit: any short word in capitals is an acronym to it ("AMOUR", "ROMEO")
    return len(pieces) > 1 and all(
        len(piece.split()) == 1 and piece.lower() not in _CREDIT_WORDS and piece not in _WIRE_INITIALS
        for piece in pieces
    )


# The outlet a writer writes for, after the names, the Daily Mail's way: "By JANE ROE FOR
# DAILYMAIL.COM and JOHN DOE", "By Jane Roe For Mailonline" ("For" in a title-case headline,
# "By Popular Demand For Now", names no outlet: one with a dot or the Mail's only).
_FOR_OUTLET = lazy_regex.compile(
    r"[ \t]+(?:FOR[ \t]+(?P<outlet>\S.*?)|(?:For|for)[ \t]+(?P<mail>\S*\.\S*|(?i:mail[ \t]*online|(?:the[ \t]+)?daily[ \t]+mail)))"
    r"(?=[ \t]*,|[ \t]+(?:and|AND|&)[ \t]+|$)"
)


def _byline_word_in_capitals(line: str) -> bool:
    """Whether `line` opens with its byline word in capitals, "BY": a headline in capitals, "BY
    PARTY LEADERS AND STATE OFFICIALS", where AP writes "By JANE ROE AND JOHN DOE"."""
    first = line.split(maxsplit=1)[0] if line.strip() else ""
    return first.lower() in _BYLINE_WORDS and first.isupper()


def _capitals_and(names: list[str], text: str = "") -> bool:
    """Whether a byline's `names` (its parts between commas) are people in capitals, each of two
    words at least, so that an "AND" between them joins two names ("By JANE ROE AND JOHN DOE"), as
    no headline in capitals does ("BY LAND AND SEA"); and none of them words that the article's
    `text` writes in small letters (in any form: "BY PARTY LEADERS AND STATE OFFICIALS" over a
    text of "party leaders" and "a state official" is a headline; "JOHN YOUNG" has "john" the
    text does not write so). Without a text, the capitals alone decide."""
    people = [person for part in names for person in re.split(_AND, part)]
    # "By JANE ROE AND AP": the agency joined as one more writer is no person to check
    people = people[:1] + [person for person in people[1:] if person.strip() not in _WIRE_INITIALS]
    return all(_in_capitals(person, 2) and not (text and _ordinary_stems(person, text)) for person in people)


def _names_with_the(part: str) -> bool:
    """Whether a byline's `part` after a comma opens with "The": an outlet's name ("By Jane Roe,
    The Guardian"), no one's."""
    return re.match(r"[ \t]*The[ \t]", part) is not None


# The articles that open a place's name in Spanish, French, Italian, German or Dutch ("Los
# Angeles", "El Paso", "Las Vegas", "Les Ulis"): no word of a name in capitals. Not "Le", "La"
# nor "De", which open names too ("Le Thi Hong", "La Toya", "De Niro").
_PLACE_ARTICLES = frozenset({"los", "las", "el", "les", "il", "lo", "die", "das", "dem", "des", "het"})


def _names_a_place(before: list[str], part: str) -> bool:
    """Whether a byline's `part` after a comma is the place its writer writes from (its dateline:
    "By Jane Roe, Los Angeles", "By Jane Roe, El Paso"), no name: one opening with an article no
    name in capitals has, after a full name. An English small word opening it ("By Land, By Sea")
    keeps a headline a headline."""
    words = part.split()
    if not words or words[0].lower() not in _PLACE_ARTICLES or not words[0][:1].isupper():
        return False
    return bool(before) and len(before[-1].split()) >= 2 and not _is_credit(part)


def _is_credit(words: str) -> bool:
    """Whether `words`, after a byline's names, are a credit, no name: "Associated Press", "CNN"."""
    words = words.strip(" \t()")
    return bool(_CREDIT_WORDS & set(words.lower().split())) or _ACRONYM.fullmatch(words) is not None


def _split_byline(line: str, registry: Registry | None = None, text: str = "") -> tuple[str | None, str | None] | None:
    """(the names, the credit) of a byline line, else None: ("Jane Roe and John Doe", "CNN") of
    "By Jane Roe and John Doe, CNN", ("Jane Roe", "BBC News") of "By Jane Roe, BBC News,
    Washington", (None, "Staff Writer") of "By Staff Writer", (None, "Bloomberg") of "By Bloomberg";
    after a name, an outlet the `registry` knows is a credit too ("By Jane Roe, Daily Mail"); the
    article's `text` tells names in capitals from a headline's words (_capitals_and)."""
    if registry is not None and (before := _byline_before_outlet(line, registry, text)) is not None:
        return before
    found = _byline_match(line, text)
    return None if found is None else _names_and_credit(found, registry)


def _byline_before_outlet(line: str, registry: Registry, text: str = "") -> tuple[str, str] | None:
    """(the names, the outlet) of a byline with the outlet the `registry` knows right after its
    names, no separator between ("By Jane Roe The Washington Post"), else None: an outlet of two
    words at least (one may end a name: "By Jane Roe Hill"), after a name of two words at least."""
    if len(line) > BYLINE_LIMIT:
        return None
    words = line.split()
    for at in range(3, len(words) - 1):
        if not re.match(r"\w", words[at]):
            continue  # "By Jane Roe | Reuters": a separator is no part of the outlet
        outlet = " ".join(words[at:])
        if registry.get(outlet) is None:
            continue
        # "By JANE ROE AND ASSOCIATED PRESS": the outlet joined as one more writer, no "AND" of a name
        before = words[: at - 1] if words[at - 1] in _BYLINE_AND else words[:at]
        found = _byline_match(" ".join(before), text)
        if found is None or found["credit"] or found.groupdict().get("tail"):
            continue
        names, credit = _names_and_credit(found, registry)
        if names is None or credit or len(re.split(rf"{_AND}|,", names)[-1].split()) < 2:
            continue
        if any(_DATE_WORD.fullmatch(word) for word in names.split()):
            continue  # "By Late Monday The New York Times": a time, no one's name
        return names, outlet
    return None


def _names_and_credit(found: re.Match, registry: Registry | None = None) -> tuple[str | None, str | None]:
    """_split_byline of a byline's match."""
    outlets = [m["outlet"] or m["mail"] for m in _FOR_OUTLET.finditer(found["names"])]
    people, credits = _names_and_credits(_FOR_OUTLET.sub("", found["names"]).split(","), registry)
    if outlets and not credits:
        credits.append(outlets[0])  # "By JANE ROE FOR DAILYMAIL.COM"
    if found["credit"]:
        credits.append(found["credit"])
    elif found["tail"] and not credits:  # "By Jane Roe, BBC News, in Washington": the outlet, not the place
        first = found["tail"].split(",")[0]
        name, after_capitals = _credit_after_capitals(first)
        if after_capitals is not None and people and _in_capitals(name, 2):
            # "By JANE ROE, JOHN DOE Associated Press Writers": one more name, then AP's credit
            people.append(f" {name}")
            first = after_capitals
        credits.append(re.sub(r"^for[ \t]+", "", first))
    names = ",".join(people).strip()
    if names and not re.search(r"\s", names):
        # one word alone is an outlet's name or an agency's ("By Bloomberg", "By AP"), no one's
        credits.insert(0, names)
        names = ""
    if any(not _is_role(credit) for credit in credits):
        # "By Staff | Fox News", "By Staff Reporter, Reuters": the desk is no part of the outlet's name
        credits = [_without_staff(credit) for credit in credits if not _is_role(credit)]
    credit = " ".join(" ".join(credits).strip(" \t()").split()) or None
    return names or None, credit


# What follows a name after a comma and is part of it: "Martin Luther King, Jr.", "John Roe, III".
_NAME_SUFFIX = lazy_regex.compile(r"(?:Jr|Sr|Snr|Jnr)\.?|I{2,3}|IV", re.IGNORECASE)
# A wire service's initials that AP and others write after the names in capitals: "By JANE ROE AP".
_WIRE_INITIALS = frozenset({"AP", "AFP", "UPI", "AAP", "DPA", "CNN", "NPR", "BBC"})


def _names_and_credits(parts: list[str], registry: Registry | None = None) -> tuple[list[str], list[str]]:
    """(the names, the credits) among a byline's `parts` between commas: the credit is the first
    part that is one (the outlet: "BBC News", "Associated Press") or one word after a name
    ("Bloomberg"), with the credits right after it; what follows is no name either, a place as a
    rule ("By Jane Roe, BBC News, Washington"). AP writes its credit after the names in capitals,
    without a comma ("By JANE ROE Associated Press", "By JANE ROE AP"), and others an outlet in
    capitals after the names ("By Jane Roe USA TODAY"). An outlet the `registry` knows after a
    name is a credit ("By Jane Roe, Daily Mail")."""
    people: list[str] = []
    credits: list[str] = []
    for at, part in enumerate(parts):
        if people and _NAME_SUFFIX.fullmatch(part.strip()):
            people[-1] += "," + part  # "Martin Luther King, Jr."
            continue
        name, credit = _credit_after_and(part, registry)  # before: "Jane Roe and AP" is no "Jane Roe and"
        if credit is None:
            name, credit = _credit_after_capitals(part)
        if credit is not None:
            if name:
                people.append(name)
        elif _is_credit(part) or (
            people and (len(part.split()) == 1 or _names_with_the(part) or _known(part, registry))
        ):
            credit = part
        elif _names_a_place(people, part):
            break  # "By Jane Roe, Los Angeles": the dateline, no credit and no name
        else:
            people.append(part)
            continue
        credits.append(credit)
        for more in parts[at + 1 :]:  # "CNN, Washington, DC": the place, no more credit
            if not _is_credit(more):
                break
            credits.append(more)
        break
    return people, credits


def _credit_after_and(part: str, registry: Registry | None = None) -> tuple[str, str | None]:
    """(the names, the credit) of a byline's part that joins an agency or an outlet to its names
    as one more writer ("Jane Roe and Associated Press", "JANE ROE AND AP", "Jane Roe and
    Reuters and AFP"), else (`part`, None): the credit is the words from the first joined one
    that is a credit (or an outlet the `registry` knows) on, each one a credit, after a name that
    is none ("Staff and Associated Press" is all credit)."""
    pieces = re.split(rf"({_AND})", part)  # names at even places, what joins them between
    for at in range(2, len(pieces), 2):
        if all(_is_credit(piece) or _known(piece, registry) for piece in pieces[at::2]):
            names = "".join(pieces[: at - 1])
            if _is_credit(names) or _known(names, registry):
                # "Reuters and AFP": all credit (_credit_after_capitals made "Reuters and" a name)
                return ("", part) if at == 2 else (part, None)
            return names, "".join(pieces[at:])
    return part, None


def _credit_after_capitals(part: str) -> tuple[str, str | None]:
    """(the names, the credit) of a byline's part with AP's credit after its names in capitals
    ("JANE ROE Associated Press", "JANE ROE AP", "JANE ROE AP Writer"), else (`part`, None)."""
    wire = re.search(r"(?<=[A-Z]{2})[ \t]+(([A-Z]{2,4})(?:[ \t]+[A-Z][a-z]+)+)$", part)
    if wire and wire[2] in _WIRE_INITIALS and _is_credit(wire[1]) and _in_capitals(part[: wire.start()], 2):
        return part[: wire.start()], wire[1]
    after = _AFTER_CAPITALS.search(part)
    if after and _CREDIT_WORDS & set(after[0].lower().split()) and _in_capitals(part[: after.start()], 2):
        return part[: after.start()], after[0]
    initials = re.search(r"(?<=[A-Z]{2})[ \t]+([A-Z]{2,4})$", part)
    if initials and initials[1] in _WIRE_INITIALS and _in_capitals(part[: initials.start()], 1):
        return part[: initials.start()], initials[1]
    capitals = re.search(r"(?:[ \t]+[A-Z]{2,}(?:\.[A-Z]{2,})?)+$", part)
    if capitals and not _NAME_SUFFIX.fullmatch(capitals[0].strip()):
        name = part[: capitals.start()]
        if len(name.split()) >= 2 and not _in_capitals(name, 1):
            return name, capitals[0].strip()  # "Jane Roe USA TODAY"
    return part, None


def _without_staff(credit: str) -> str:
    """A `credit` without the outlet's staff joined to it or named with it: "Associated Press" of
    "Staff and Associated Press", "AP" of "Staff and AP" and of "AP Staff"."""
    pieces = [piece for piece in re.split(_AND, credit.strip()) if not _is_role(piece)]
    pieces = [re.sub(r"(?i)^staff[ \t]+|[ \t]+staff$", "", piece) for piece in pieces]
    return " and ".join(pieces) if pieces else credit


def _is_role(credit: str) -> bool:
    """Whether a byline's `credit` is a writer's role or the staff alone ("Staff Writer"), no
    outlet's name (_ROLE_WORDS)."""
    words = credit.lower().split()
    return bool(words) and all(word == "staff" or word in _ROLE_WORDS for word in words)


def _known(part: str, registry: Registry | None) -> bool:
    return registry is not None and registry.get(part.strip()) is not None


def _in_capitals(names: str, words: int) -> bool:
    """Whether `names` are written in capitals (what joins them aside), `words` words at least:
    "JANE ROE and JOHN DOE", not "BBC" of "BBC News"."""
    written = [word for word in names.split() if word not in _BYLINE_AND]
    return len(written) >= words and all(word.isupper() for word in written)


# Words in small letters that a byline may hold and that no name has: "By staff and wire reports".
_NO_NAME_WORDS = frozenset({"report", "reports", "reporting", "writers", "reporters", "staffers", "correspondents"})


def _small_letter_byline(line: str, text: str) -> tuple[str | None, str | None] | None:
    """_split_byline of a byline that names someone in small letters beside a name in capitals
    ("By bell hooks and Jane Roe"), else None: each name in small letters two or three words,
    none a small word or a credit's ("By Jane Roe and staff reports"), and none that `text`
    writes in small letters elsewhere (the byline's words in a sentence are no one's name)."""
    if len(line) > BYLINE_LIMIT or not any(word[:1].islower() for word in line.split()[1:]):
        return None
    found = _byline(small=True).fullmatch(line)
    if found is None:
        return None
    people = [person.strip() for part in found["names"].split(",") for person in re.split(_AND, part)]
    small = [person for person in people if any(word[:1].islower() for word in person.split())]
    if not small or len(small) == len(people) or _plain_byline(_without_people(line, small), text) is None:
        return None
    elsewhere = _small_letter_words(text.replace(line, "", 1))
    for person in small:
        words = person.split()
        if not 2 <= len(words) <= 3 or not all(word.islower() for word in words):
            return None
        if any(
            word in _NOT_IN_NAMES or word in _CREDIT_WORDS or word in _NO_NAME_WORDS or word in _BYLINE_AND
            for word in words
        ):
            return None
        if any(word in elsewhere for word in words):
            return None
    return _names_and_credit(found)


def _placed_byline(line: str, text: str) -> tuple[str | None, str | None] | None:
    """_split_byline of a byline with its word and the places its writers write from, the
    Financial Times' way ("By Jane Roe in London and John Doe in Washington"), else None."""
    found = re.match(r"(?i:by)[ \t]+(?=[^\W\d_])", line)
    if found is None or len(line) > BYLINE_LIMIT:
        return None
    names = _place_byline_names(line[found.end() :], text)
    return (names, None) if names else None


def _without_people(line: str, people: list[str]) -> str:
    """The byline `line` with the names `people` written as "Jane Roe" instead: what _plain_byline
    asks of its other names (no "The", no possessive) still asked of them."""
    for person in people:
        line = line.replace(person, "Jane Roe", 1)
    return line


# A photo's credit line, which a page may put between its headline and its byline: "Photo: John
# Smith/AP", "(Photo by John Smith/Getty Images)", "Image: Reuters", "(AP Photo/John Smith)".
_PHOTO_CREDIT = lazy_regex.compile(
    r"\(?[ \t]*(?:AP|AFP|Reuters|EPA)?[ \t]*(?:photo|photograph|image|picture|video|illustration)s?(?:[ \t]+credit)?"
    r"[ \t]*(?:by\b|:|/)",
    re.IGNORECASE,
)


# A line of a page's buttons, which the BBC puts between its headline and its byline: "Share",
# "Save", "Listen", "Copy link", maybe several on one line. Only these words, on a short line.
_INTERFACE_LINE = lazy_regex.compile(
    r"(?i:share|save|listen|copy[ \t]+link|print|email|bookmark)(?:[ \t]*[|·•]?[ \t]*"
    r"(?i:share|save|listen|copy[ \t]+link|print|email|bookmark))*"
)
INTERFACE_LINE_LIMIT = 40  # characters


def is_interface_line(line: str) -> bool:
    """Whether `line` (one, stripped) is a row of a page's buttons ("Share", "Save", "Listen",
    "Copy link"), no headline, byline or date: passed over where those are looked for."""
    return len(line) <= INTERFACE_LINE_LIMIT and _INTERFACE_LINE.fullmatch(line) is not None


def _head_lines(text: str) -> list[str]:
    """The first lines of `text` (its first 2000 characters) that have words, stripped, without a
    photo's credit line or a row of buttons, nor their invisible characters (_first_lines_with_words)."""
    heads = [without_invisible_in_names(line).strip() for line in text[:2000].split("\n")]
    return [
        line
        for line in heads
        if re.search(r"\w", line) and not _PHOTO_CREDIT.match(line) and not is_interface_line(line)
    ]


def _first_bylines(
    text: str, lines: int = BYLINE_LINES, registry: Registry | None = None
) -> Iterator[tuple[tuple[str | None, str | None], str | None]]:
    """(_split_byline, the next line with words) of each byline among the first `lines` lines of
    `text` that have words (a photo's credit line and a row of buttons not counted)."""
    raws = text[:2000].split("\n")
    for at, line in _first_lines_with_words(raws, lines):
        split = _split_byline(line, registry, text)
        if split is None:
            split = _small_letter_byline(line, text) or _placed_byline(line, text)
        if split is not None:
            below = (other.strip() for other in raws[at + 1 :])
            yield (
                split,
                next((other for other in below if re.search(r"\w", other) and not is_interface_line(other)), None),
            )


def _first_lines_with_words(raws: list[str], lines: int) -> Iterator[tuple[int, str]]:
    """(place in `raws`, stripped line) of its first `lines` lines that have words, a row of
    buttons left out, a photo's credit line given but not counted. A line comes without its bidi
    controls and other invisible characters: a right-to-left page's marks round a name (U+200F
    either side of "Jane Roe") are no part of it, and a byline with them is still one."""
    seen = 0
    for at, raw in enumerate(raws):
        line = without_invisible_in_names(raw).strip()
        if not re.search(r"\w", line) or is_interface_line(line):
            continue
        yield at, line
        if _PHOTO_CREDIT.match(line):
            continue
        seen += 1
        if seen >= lines:
            break


def without_byline_line(
    text: str, author: str | None, registry: Registry | None = None, *, outlet: str | None = None
) -> str:
    """`text` without the first byline line among its first lines when it names the article's
    `author` ("By Jane Roe", "By Jane Roe | Fox News | Oct. 21, 2025" of Jane Roe's article): its
    names are the article's metadata, as an HTML page's byline element is left out of its text; a
    plain text file kept it in the words compared, searched and quoted. A byline naming someone
    the author given is not (a JSON Lines record's "author" field, front matter's) stays, or its
    names were lost; so does one that is the text's only line with words. Only a line that is the
    byline whole goes; the text is unchanged when there is none."""
    if not author:
        return text
    raws = text[:2000].split("\n")
    whole = len(text) <= 2000  # else its last line may be cut at 2000: no line to judge
    for at, line in _first_lines_with_words(raws, BYLINE_LINES):
        split = _split_byline(line, registry, text)
        if split is None or not split[0] or (at == len(raws) - 1 and not whole):
            continue
        names = (_without_own_outlet(split[0], outlet) if outlet else None) or split[0]
        if _folded_name(names) != _folded_name(author):
            return text
        return _without_line(text, raws, at)
    return text


def _without_line(text: str, raws: list[str], at: int) -> str:
    """`text` without its line `at` of `raws` (its first 2000 characters' lines): with the blank
    line after it when one is before it (or it opens the text); the blank lines before it when it
    is the text's last. Unchanged when it is the text's only line with words: an article of no
    text else ("By Jane Roe" alone)."""
    if len(text) <= 2000 and not any(re.search(r"\w", other) for other in raws[:at] + raws[at + 1 :]):
        return text
    if at == len(raws) - 1:
        return "\n".join(raws[:at]).rstrip()
    gone = 2 if not raws[at + 1].strip() and (at == 0 or not raws[at - 1].strip()) else 1
    return "\n".join(raws[:at] + raws[at + gone :]) + text[2000:]


# A line that is a date and nothing else, a weekday before it or not: "2025-10-10", "Friday,
# October 10, 2025", "10 Oct. 2025", "10/10/2025" (not "By Monday, October 10, the crews ...").
_DATE_ALONE = lazy_regex.compile(
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}"
    r"|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4}"
    r"|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?,?[ \t]+\d{4})"
)


def without_date_line(text: str, date: str | None) -> str:
    """`text` without the first line among its first lines that is the article's `date` and
    nothing else ("2025-10-10" under a .txt's headline): the date is the article's metadata, as
    a byline's names are its author (without_byline_line); a line that says more ("By Monday,
    October 10, the crews ...", "Updated Oct. 10, 2025 5:00 PM") or another date stays, and so
    does one that is the text's only line with words."""
    if not date:
        return text
    raws = text[:2000].split("\n")
    whole = len(text) <= 2000  # else its last line may be cut at 2000
    for at, line in _first_lines_with_words(raws, BYLINE_LINES):
        if (at == len(raws) - 1 and not whole) or not _DATE_ALONE.fullmatch(line) or parse_date(line) != date:
            continue
        return _without_line(text, raws, at)
    return text


def byline_credit(text: str, registry: Registry | None = None) -> str | None:
    """The credit of the first byline among the first lines of `text` that gives one, as written
    ("Fox News" of "By Jane Roe | Fox News", "Associated Press" of "By JANE ROE Associated
    Press", "Reuters" of "Jane Roe | Reuters" below the headline), else the line below a byline
    when it is an outlet the `registry` knows ("By JANE ROE" / "Associated Press"), else None:
    who published the text, or the agency that wrote it."""
    bylines = list(_first_bylines(text, registry=registry))
    credit = next((credit for (_, credit), _ in bylines if credit), None)
    if credit is None and registry is not None:
        # AP's credit on the line below its byline: "By JANE ROE" / "Associated Press", the BBC's
        # with the place: "By Jane Roe" / "BBC News, Washington"
        credit = next(
            (outlet for (names, _), below in bylines if names and (outlet := _outlet_line(below, registry))), None
        )
    if credit is None and (single := _one_name_over_credit(text, BYLINE_LINES, None)) is not None:
        credit = single[1]
    return _outlet_before_role(credit, registry) if credit and registry is not None else credit


# The words of a writer's role that end a credit after its outlet: "Associated Press Medical Writer".
_ROLE_WORDS = frozenset(
    {"writer", "reporter", "correspondent", "editor", "contributor", "columnist", "producer"}
    | {"writers", "reporters", "correspondents", "editors", "contributors"}
)


def _outlet_before_role(credit: str, registry: Registry) -> str:
    """The outlet the `registry` knows that a `credit` opens with before a writer's role ("Associated
    Press" of "Associated Press Medical Writer", "AP" of "AP Business Writer"), else `credit`."""
    words = credit.split()
    if registry.get(credit) is not None or words[-1].lower() not in _ROLE_WORDS:
        return credit
    for end in range(len(words) - 1, 0, -1):
        if registry.get(" ".join(words[:end])) is not None:
            return " ".join(words[:end])
    return credit


def _outlet_line(line: str | None, registry: Registry) -> str | None:
    """The outlet the registry knows that `line` names, alone or before a place after a comma
    ("Associated Press", "BBC News, Washington"), as written; else None."""
    if not line:
        return None
    for outlet in (line, line.split(",")[0]):
        if registry.get(outlet) is not None:
            return outlet
    return None


@functools.cache
def _reporting_credit() -> re.Pattern:
    """The credit a wire story ends with, from the start of its line or in brackets after the last
    sentence on it ("... Middle East. (Reporting by ..."): "(Reporting by Jane Roe and John Doe in
    Washington; Editing by Tom Brown)", "(Writing by ...", a later part of the credit in brackets
    ("(Additional reporting by Jane Roe; Writing by John Doe)"); not "Additional reporting by"."""
    name, _, joined = _name_patterns()
    opening = (
        r"(?:^[ \t]*\(?[ \t]*"  # the credit opens its line
        r"|(?<=[.!?])[ \t]+\([ \t]*"  # in brackets after the last sentence on the line
        r")(?:(?<=\()[^()\n]*;[ \t]*)??"  # a later part in the brackets, when the first is no such credit
    )
    return re.compile(
        rf"{opening}(?i:(?P<role>reporting|writing)[ \t]+by)[ \t]+(?P<names>{name}(?:{joined}{name})*)",
        re.MULTILINE,
    )


# Words that open the next part of a wire credit, read as a name after a comma: "Writing by".
_CREDIT_ROLES = ("writing", "editing", "additional", "compiled", "graphics", "reporting", "research")
CREDIT_TAIL = 1500  # characters at the end of a text where its wire credit is looked for


def reporting_credit_names(text: str) -> str | None:
    """The names of the "Reporting by" (else "Writing by") credit that ends a wire story, as written ("Jason Lange
    and Dustin Volz" of "(Reporting by Jason Lange and Dustin Volz; Additional reporting by
    ...)"), else None."""
    tail = text[-CREDIT_TAIL:]
    folded = tail.lower()
    if "reporting by" not in folded and "writing by" not in folded:
        return None  # most texts, at once
    found = list(_reporting_credit().finditer(tail))
    if not found:
        return None
    # who reported, else who wrote it up from others' reporting ("(Writing by Jane Roe; Editing by ...)")
    credit = next((m for m in reversed(found) if m["role"].lower() == "reporting"), found[-1])
    parts = []
    for part in credit["names"].split(","):
        words = part.split()
        if not words or words[0].lower() in _CREDIT_ROLES:
            break
        parts.append(part)
    names = ",".join(parts).strip()
    if not names or any(word[:1].isupper() and word.lower() in _NOT_IN_NAMES for word in names.split()):
        return None
    return names


# What a page's author field may carry after the names: " is a reporter for ...", " Monday", " Published".
# (A weekday's whole name only: "Theresa May" and "Alan Sun" are names.)
_AUTHOR_TAIL = lazy_regex.compile(
    r"(?:[ \t]+is[ \t]+an?[ \t].*|(?:[ \t]+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|published|updated|posted))+)$",
    re.IGNORECASE,
)
# A part of it that is a date's word alone: "Nov".
_DATE_WORD = lazy_regex.compile(rf"{date_words.ENGLISH_WEEKDAY_RE}|{date_words.ENGLISH_MONTH_RE}", re.IGNORECASE)


# The label a page writes before an author's name, in the languages read (the extractor may have
# dropped its colon): "Text: Jane Roe", "Texto:", "Texte :", "Autor:", "Текст:", "Words by".
_AUTHOR_LABELS = (
    "text|texto|texte|testo|tekst|teksti|teks|besedilo|szöveg|metin|текст"
    "|author|autor|autora|autorka|autore|auteur|auteure|avtor|avtorica|författare|forfatter|kirjoittaja"
    "|szerző|yazar|penulis|автор|авторка|авторы"
    "|(?:(?:written|words|story|text|reporting|photos?[ \t]+and[ \t]+text)[ \t]+by)"
)
_AUTHOR_LABEL = lazy_regex.compile(rf"^(?i:{_AUTHOR_LABELS})[ \t]*:?[ \t]+(?=\S)")
# The word of a byline before a name ("Von", "Par", "Por", "Di", "Door", "Av", "Af", "Oleh",
# "By"): left off when a name of two words or more follows, so "Von Miller" stays a name.
_BYLINE_WORD = lazy_regex.compile(r"^(?i:by|von|par|por|di|door|av|af|oleh)[ \t]*:?[ \t]+(?=[^\W\d_]+[ \t]+\S)")
# A site's host name, its dots perhaps read as spaces: "Cleveland com", "cleveland.com", "Wday.ru".
_HOST_NAME = lazy_regex.compile(
    r"(?:[\w-]+[. ])+(?:com|org|net|info|news|co[. ]uk|ru|ua|de|fr|es|it|nl|pl|cz|sk|se|no|dk|fi|hu|pt|tr|id)",
    re.IGNORECASE,
)


# The account a site's software writes as the author, no one's name: "Admin", "jdadmin", "Webmaster".
_SITE_ACCOUNT = lazy_regex.compile(r"(?i:[a-z]{0,8}admin|administrator|webmaster|site[ _]?editor)")


def _without_label(part: str) -> str:
    """An author field's part without the label before its name: "Венера Ерофеева" of "Текст
    Венера Ерофеева", "Max Mustermann" of "Von Max Mustermann"."""
    return _BYLINE_WORD.sub("", _AUTHOR_LABEL.sub("", part))


def _is_host_name(part: str, *, beside_names: bool) -> bool:
    """Whether `part` is a site's host name ("Cleveland com", "wday.ru"), no one's name: its last
    word a top-level domain in small letters, or "Com", "Org", "Net" beside other names (the
    extractor writes "tsmith@cleveland.com" as "Tsmith Com"; "Jane Com" alone is a name)."""
    if _HOST_NAME.fullmatch(part) is None:
        return False
    domain = re.split(r"[. ]", part)[-1]
    return domain.islower() or (beside_names and domain.lower() in ("com", "org", "net"))


def tidy_author(value: str | None, *, sites: Iterable[str | None] = (), registry: Registry | None = None) -> str | None:
    """A page's author field (as an extractor read it, names separated by ";") without what is
    not a name: a credit beside a name ("Tom Krisher; AP Auto Writer"), a date's words after one
    ("Malcolm Owen Monday; Nov"), a sentence about the writer ("Phil Helsel is a reporter"), a
    label before one ("Текст: Венера Ерофеева", "Von Max Mustermann"), the site's host name
    ("Troy Smith; Cleveland com") or its software's account ("Admin"); beside other parts, an
    outlet the `registry` knows or one of the page's own `sites` names ("Victor Tangermann;
    Futurism"), a publisher ("Condé Nast; Molly Wood") and words that are no one's name ("The
    Russian; Syrian defense ministries", a sentence the extractor cut at "and")."""
    if not value:
        return value
    parts = [_without_label(_AUTHOR_TAIL.sub("", part).strip()).strip() for part in value.split(";")]
    parts = [part for part in parts if part and not _DATE_WORD.fullmatch(part)]
    parts = [part for part in parts if not _is_host_name(part, beside_names=len(parts) > 1)]
    parts = [part for part in parts if _SITE_ACCOUNT.fullmatch(part) is None]
    named = {_folded_name(site) for site in sites if site}
    parts = [_without_outlet_after(part, named, registry) for part in parts]
    if len(parts) > 1:
        parts = [part for part in parts if not _is_no_name(part)]
        people = [part for part in parts if not _is_credit(part) and not _is_outlet(part, named, registry)]
    else:
        people = [part for part in parts if not _is_credit(part)]
    return "; ".join(_one_form_each(people or parts)) or None


def author_with_byline(
    author: str | None, byline: str, registry: Registry | None = None, *, outlet: str | None = None
) -> str | None:
    """A page's author field of one person (as tidy_author writes it), or the people of the
    byline the page shows (`byline`, a line: "By Stefan Becket, Kathryn Watson, Grace Segers")
    when it names that person and others, each a person's name, as tidy_author joins them
    ("Stefan Becket; Kathryn Watson; Grace Segers"): a page's metadata may name its first writer
    alone. A byline that does not name the field's person is not this article's (a related
    story's), and the field stays; the page's own `outlet` after a comma is no one's name."""
    if not author or ";" in author:
        return author
    split = _split_byline(byline, registry)
    names = split[0] if split is not None else None
    if names and outlet:
        names = _without_own_outlet(names, outlet)
    if not names:
        return author
    people = [person.strip() for part in names.split(",") for person in re.split(_AND, part)]
    if len(people) < 2 or not all(_is_person(person) for person in people):
        return author
    if not any(_same_person(person, author) for person in people):
        return author
    return "; ".join(people)


def _without_outlet_after(part: str, sites: set[str], registry: Registry | None) -> str:
    """An author field's `part` without the outlet the extractor ran on after the name, its
    stop dropped ("Finian Cunningham. Sputnik International" read as "Finian Cunningham Sputnik
    International", "Jane Roe Associated Press"): an outlet the `registry` knows, or words that
    spell one of the page's own site names, `sites` as _folded_name writes them ("SputnikInt"),
    after two words of a name at least. One word is an outlet's only in capitals or as a
    credit's word ("Jane Roe AP", "Jane Roe Reuters"): "Mary Ann Hill" is a name."""
    words = part.split()
    for at in range(2, len(words)):
        rest = " ".join(words[at:])
        spelled = "".join(_folded_name(rest).split())
        outlet_words = at < len(words) - 1 or rest.isupper() or rest.lower() in _CREDIT_WORDS
        if not outlet_words:
            continue
        if (registry is not None and registry.get(rest) is not None) or any(
            len(site) >= 5 and spelled.startswith("".join(site.split())) for site in sites
        ):
            return " ".join(words[:at])
    return part


# Publishers, no outlet and no writer, that an author field may name beside its writer.
_PUBLISHERS = frozenset(
    {"condé nast", "conde nast", "hearst", "gannett", "dotdash meredith", "vox media", "axel springer"}
)


def _folded_name(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split()).removeprefix("the ")


def _is_outlet(part: str, sites: set[str], registry: Registry | None) -> bool:
    """Whether an author field's `part` names an outlet (the `registry`'s, or one of the page's
    own site names, `sites` as _folded_name writes them) or a publisher, no writer."""
    folded = _folded_name(part)
    if folded in sites or folded in _PUBLISHERS:
        return True
    return registry is not None and registry.get(part) is not None


def _is_no_name(part: str) -> bool:
    """Whether an author field's `part` has words no name has: one in small letters (a particle
    or "and" aside: "Syrian defense ministries") or a headline's small word opening it in
    capitals ("The Russian")."""
    words = [word.strip(".,()") for word in part.split()]
    if words and words[0].lower() in _SMALL_WORDS:
        return True
    allowed = set(_NAME_PARTICLES) | set(_BYLINE_AND)
    return any(word[:1].islower() and word not in allowed for word in words)


def _one_form_each(names: list[str]) -> list[str]:
    """`names` with each person once, in their fullest form where a page names them twice ("Troy
    Smith; Troy L Smith": "Troy L Smith"), in the order first named."""
    kept: list[str] = []
    for name in names:
        same = next((k for k, other in enumerate(kept) if _same_person(name, other)), None)
        if same is None:
            kept.append(name)
        elif _fuller(name, kept[same]):
            kept[same] = name
    return kept


def _name_words(name: str) -> list[str]:
    return [word.strip(".,").casefold() for word in name.split() if word.strip(".,")]


def _same_person(a: str, b: str) -> bool:
    """Whether two names of one author list are one person's: the same first and last names and
    middle names that agree where both write one ("Troy L. Smith", "Troy Lee Smith", "Troy
    Smith"); "Troy L Smith" and "Troy M Smith" are two people, as are "Jane Roe" and "John Roe"."""
    x, y = _name_words(a), _name_words(b)
    if x == y:
        return True
    if len(x) < 2 or len(y) < 2 or x[0] != y[0] or x[-1] != y[-1]:
        return False
    middle_x, middle_y = x[1:-1], y[1:-1]
    if not middle_x or not middle_y:
        return True
    return len(middle_x) == len(middle_y) and all(
        p == q or (min(len(p), len(q)) == 1 and p[0] == q[0]) for p, q in zip(middle_x, middle_y)
    )


def _fuller(a: str, b: str) -> bool:
    """Whether name `a` is written more fully than `b`, the same person's: more words, longer
    ones, else not in capitals alone where `b` is ("Troy Smith" over "TROY SMITH")."""
    return (len(a.split()), len(a), not a.isupper()) > (len(b.split()), len(b), not b.isupper())


def author_from_text(
    text: str, lines: int = BYLINE_LINES, registry: Registry | None = None, *, outlet: str | None = None
) -> str | None:
    """The names of a byline among the first `lines` lines of `text` that have words, else of a
    byline without its word below the headline ("Jane Roe | Reuters", "Jane Roe in Washington",
    or "Jane Roe" over an outlet's name the `registry` knows), else those of the "Reporting by" credit a wire story
    ends with, or None. The article's own `outlet` after a name and a comma is no name, though
    the registry does not know it ("By Jane Roe, Mother Jones")."""
    names = next((names for (names, _), _ in _first_bylines(text, lines, registry) if names), None)
    if names is not None and outlet:
        names = _without_own_outlet(names, outlet)
    if names is None and (single := _one_name_over_credit(text, lines, registry)) is not None:
        names = single[0]
    return names or _unmarked_byline_names(text, lines, registry) or reporting_credit_names(text)


def _without_own_outlet(names: str, outlet: str) -> str | None:
    """A byline's `names` up to the part after a comma that names the article's own `outlet` (as
    its metadata, feed or site name gives it), which is the byline's credit, and what follows it
    (a place): "Jane Roe" of "Jane Roe, Mother Jones, Washington". Two names between commas
    ("Jane Roe, John Doe") are two people unless one is the article's outlet: no list of every
    outlet can say so, and its own name is the one a byline credits."""
    own = "".join(_folded_name(outlet).split())
    parts = names.split(",")
    for at, part in enumerate(parts[1:], start=1):
        if "".join(_folded_name(part).split()) == own:
            return ",".join(parts[:at]).strip() or None
    return names


@functools.cache
def _one_name_byline() -> re.Pattern:
    """One name, a bar, a credit, as a line: "Jane Roe | Reuters" (unmarked_byline's, with one
    name: a headline's shape too, "Senate Votes | Reuters", so read only where _one_name_over_credit
    says)."""
    _, full_name, _ = _name_patterns()
    return re.compile(rf"(?P<names>{full_name})[ \t]*\|[ \t]*(?P<credit>[^\n.!?|]{{1,40}})")


def _one_name_over_credit(text: str, lines: int, registry: Registry | None) -> tuple[str, str] | None:
    """(the name, the credit) of a byline of one name over a bar and a credit ("Jane Roe |
    Reuters") among the first `lines` lines of `text` with words, below its headline: a
    headline of three words at least, itself without a bar, above it; a person's name, none of
    whose words the text writes in small letters, in any form ("Senate Votes": "voted"); a
    credit the `registry` knows (without one: a credit's words, "Reuters", "AP")."""
    heads = _head_lines(text)[:lines]
    if len(heads) < 2 or "|" in heads[0] or len(heads[0].split()) < 3:
        return None
    for line in heads[1:]:
        found = _one_name_byline().fullmatch(line) if "|" in line and len(line) <= BYLINE_LIMIT else None
        if found is None or not _is_person(found["names"]) or _any_word_in_small_letters(found["names"], text):
            continue
        credit = found["credit"].strip()
        known = registry.get(credit) is not None if registry is not None else _is_credit(credit)
        if known:
            return found["names"], credit
    return None


# Endings a word of a headline may have in the text ("Votes": "voted", "voting"), dropped before
# the words are compared.
_ENDINGS = lazy_regex.compile(r"(?:ing|ed|es|e|s)$")


def _stem(word: str) -> str:
    stem = _ENDINGS.sub("", word)
    return stem if len(stem) >= 3 else word


def _any_word_in_small_letters(words: str, text: str) -> bool:
    """Whether a word of `words` is written in small letters in `text`, in any of its forms: a
    headline's ("Senate Votes": "voted"), no name's. Stricter than _ordinary_words: a bar and a
    credit after one name is the shape of a headline with its site's name."""
    lower = _small_letter_stems(text)
    return any(_stem(word.lower()) in lower for word in words.split() if word not in _NAME_PARTICLES)


# The words a text writes in small letters, and their stems: asked of one article's text for each
# name a byline or head line offers, read once.
@functools.lru_cache(maxsize=4)
def _small_letter_words(text: str) -> frozenset[str]:
    return frozenset(word for word in re.findall(r"[^\W\d_]+", text) if word.islower())


@functools.lru_cache(maxsize=4)
def _small_letter_stems(text: str) -> frozenset[str]:
    return frozenset(_stem(word) for word in _small_letter_words(text))


_AND = rf"[ \t]+(?:{'|'.join(map(re.escape, _BYLINE_AND))})[ \t]+"
_BETWEEN_NAMES = rf"(?:[ \t]*,[ \t]*|{_AND})"


@functools.cache
def _place_byline() -> re.Pattern:
    """A byline the Guardian's way, as a line: names, "in", a place, maybe again, maybe "and
    agencies" after ("Jane Roe in Washington", "Jane Roe, John Doe and Ann Lee in New York",
    "Jane Roe in Paris and John Doe in Kyiv", "Jane Roe and John Doe in Paris and Kyiv", "Jane
    Roe in Washington and agencies", "Jane Roe and agencies")."""
    name, full_name, _ = _name_patterns()
    people = rf"{full_name}(?:{_BETWEEN_NAMES}{full_name}){{0,3}}"
    placed = rf"{people}[ \t]+in[ \t]+{name}(?:{_AND}{name})?"
    return re.compile(
        rf"(?P<byline>{placed}(?:{_BETWEEN_NAMES}{placed}){{0,2}}|{people})(?P<agencies>,?[ \t]+and[ \t]+agencies)?"
    )


def _place_byline_names(line: str, text: str) -> str | None:
    """The names of a byline the Guardian's way (_place_byline) that `line` is, as written ("Jane
    Roe and John Doe" of "Jane Roe in Paris and John Doe in Kyiv"), when each is a person's and
    each place may be one; else None."""
    found = _place_byline().fullmatch(line)
    if found is None:
        return None
    parts = re.split(r"[ \t]+in[ \t]+", found["byline"])
    if len(parts) == 1 and not found["agencies"]:
        return None  # names alone: a headline's words as often
    groups, places = [parts[0]], parts[-1:] if len(parts) > 1 else []
    for middle in parts[1:-1]:  # "Paris and John Doe": the place, then the next names
        place, _, people = re.split(rf"({_BETWEEN_NAMES})", middle, maxsplit=1)
        places.append(place)
        groups.append(people)
    people = [person for group in groups for person in re.split(_BETWEEN_NAMES, group)]
    if not all(_is_person(person) and not _ordinary_words(person, text) for person in people):
        return None
    places = [one for place in places for one in re.split(_AND, place)]
    if not all(_is_place(place) for place in places) or len(places) > max(1, len(people)):
        return None  # "Obama Speaks in Ohio and Iowa": one "name", two places
    return " and ".join(groups)


def _is_person(words: str) -> bool:
    """Whether `words` read as one person's name: two or three words in capitals (a particle
    between them aside), none a headline's small word, a credit's word, a month or a weekday."""
    parts = words.split()
    names = [word for word in parts if word not in _NAME_PARTICLES]
    if not 2 <= len(names) <= 3 or not all(word[:1].isupper() for word in names):
        return False
    return not any(
        word.lower() in _NOT_IN_NAMES or word.lower() in _CREDIT_WORDS or _DATE_WORD.fullmatch(word) or word.isupper()
        for word in names
    )


def _unmarked_byline_names(text: str, lines: int, registry: Registry | None) -> str | None:
    """The names of a byline without its word among the first `lines` lines of `text` below the
    first (the headline, which "Protests Spread in Ferguson" may be): "Jane Roe in Washington",
    or a name alone on its line over an outlet's name ("Jane Roe" / "USA TODAY") or over the
    line that dates the text ("Jane Roe" / "21 Oct 2025")."""
    heads = _head_lines(text)[: lines + 1]
    for at in range(1, min(lines, len(heads))):
        line = heads[at]
        if len(line) > BYLINE_LIMIT:
            continue
        placed = _place_byline_names(line, text)
        if placed is not None:
            return placed
        if registry is not None and at + 1 < len(heads) and _is_person(line) and registry.get(line) is None:
            if _names_an_outlet(heads[at + 1], registry) and not _ordinary_words(line, text):
                return line
        if _name_over_stamp(heads, at, text, registry):
            return line
    return None


def _name_over_stamp(heads: list[str], at: int, text: str, registry: Registry | None) -> bool:
    """Whether line `at` of `heads` (a text's first lines with words) is a name alone over the
    line that dates the text ("Jane Roe" / "Tue 21 Oct 2025 10.05 BST"), below a headline of three
    words at least: a person's name, no outlet's, none of whose words the text writes in small
    letters in any form (a subheading's "Senate Votes": "voted"), no word of which the report
    below has."""
    line = heads[at]
    if at + 1 >= len(heads) or len(heads[0].split()) < 3 or not _is_person(line):
        return False
    if _stamp_line(heads[at + 1]) is None or (registry is not None and registry.get(line) is not None):
        return False
    # a page's topic ("Donald Trump", "White House" over the date) is named in the report; its
    # writer rarely is
    report = text[text.find(heads[at + 1]) + len(heads[at + 1]) :].casefold()
    named = any(re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", report) for word in line.split())
    return not named and not _any_word_in_small_letters(line, text)


def _names_an_outlet(line: str, registry: Registry) -> bool:
    """Whether `line` is an outlet's name the `registry` knows ("USA TODAY"), maybe with a place
    or a role after a comma ("BBC News, Washington") or a role before one ("Business reporter, BBC
    News"), as a byline's second line is."""
    if registry.get(line) is not None:
        return True
    if "," not in line or len(line) > BYLINE_LIMIT:
        return False
    first, last = line.split(",", 1)[0], line.rsplit(",", 1)[1]
    return registry.get(first.strip()) is not None or registry.get(last.strip()) is not None


def _ordinary_stems(words: str, text: str) -> bool:
    """_ordinary_words, a word counted in any of its forms ("OFFICIALS": "official", "LEADERS":
    "leader"): most of a name's words are no words the text writes in small letters."""
    names = [_stem(word.lower()) for word in words.split() if word not in _NAME_PARTICLES]
    lower = _small_letter_stems(text)
    return bool(names) and sum(1 for word in names if word in lower) * 3 >= 2 * len(names)


def _ordinary_words(words: str, text: str) -> bool:
    """Whether most of `words` (a name, or a title-case subheading's words: "Protests Spread")
    are written in small letters in `text` too: ordinary words, no one's name ("Mark" may be
    "mark", but "Mark Stone" is rarely both)."""
    names = [word.lower() for word in words.split() if word not in _NAME_PARTICLES]
    lower = _small_letter_words(text)
    return sum(1 for word in names if word in lower) * 3 >= 2 * len(names)


def _is_place(words: str) -> bool:
    """Whether `words` may be a place: words in capitals, none a headline's small word or a date's."""
    return not any(
        word[:1].isupper() and (word.lower() in _NOT_IN_NAMES or _DATE_WORD.fullmatch(word)) for word in words.split()
    )


def is_byline_or_date_line(line: str, registry: Registry | None = None, text: str = "") -> bool:
    """Whether `line` (one line, stripped) is a byline (with the `registry`, one before an outlet
    it knows: "By Jane Roe The Washington Post") or says when the article was published or
    updated, or is a date (with its time) alone: what a scraped text may open with before its
    headline, and no title. The article's `text` tells names in capitals from a headline's
    words (_capitals_and)."""
    if len(line) > BYLINE_LIMIT:
        return False
    if _byline_match(line, text) is not None:
        return True
    if registry is not None and _byline_before_outlet(line, registry, text) is not None:
        return True
    return _stamp_line(line) is not None


# The words a stamp line may have besides its stamps, for each stamp that says what it dates:
# "Published Oct. 21, 2025 in Politics".
STAMP_LINE_WORDS = 4
# What stands between two stamps of a line: "Published Oct. 21 | Updated Oct. 22 at 10:05",
# "March 5, 2024 (updated March 6, 2024)".
_STAMP_SEPARATORS = frozenset("|/·•,;–—-()")
# The reading time a page gives beside its date: "October 21, 2025 · 5 min read".
_READING_TIME = lazy_regex.compile(r"(?<!\w)\d{1,3}[ \t]*min(?:ute)?s?\.?[ \t]+read(?!\w)")
# What is left of a byline with its date once the date is out: "Posted by Jane Roe on", "| ".
_BYLINE_DATE_JOINT = lazy_regex.compile(
    r"[ \t]*(?:[|·•,;/–—-][ \t]*)*(?:(?<![^\W\d_])(?:on|am|le|el|il|op|em)[ \t]*)?$"
)


def _byline_and_stamps(line: str) -> tuple[str, list[re.Match]] | None:
    """(the byline, its stamps) of a line that is a byline with its date ("By Jane Roe | Oct. 21,
    2025", "Posted by Jane Roe on October 21, 2025", "By Jane Roe  October 21, 2025"), else None."""
    if len(line) > BYLINE_LIMIT or not re.search(r"\d", line):
        return None
    lower = line.lower()
    if len(lower) != len(line):  # a letter whose lower case is longer: offsets would not match
        return None
    stamps = list(_stamps_in(lower))
    if not stamps:
        return None
    # the byline before the dates or after them ("October 21, 2025 by Jane Roe"), nothing between
    pieces = [line[: stamps[0].start()]]
    pieces += [line[a.end() : b.start()] for a, b in zip(stamps, stamps[1:])] + [line[stamps[-1].end() :]]
    worded = [k for k, piece in enumerate(pieces) if piece.strip(" \t|·•,;/–—-")]
    credit = ""
    if worded == [0, len(pieces) - 1] and len(pieces) > 1 and _is_credit(last := pieces[-1].strip(" \t|·•,;/–—-")):
        # the outlet after the date ("By Jane Roe | Oct. 21, 2025 | Fox News"): a credit's words
        # or initials only ("| Politics" after the date may be a section's name)
        credit, worded = f" | {last}", [0]
    if len(worded) != 1 or worded[0] not in (0, len(pieces) - 1):
        return None
    byline = _BYLINE_DATE_JOINT.sub("", pieces[worded[0]]).lstrip(" \t|·•,;/–—-") + credit
    return (byline, stamps) if _plain_byline(byline) is not None else None


@functools.cache
def _stamp_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(any language, English only): one stamp of a line that stamps an article, to be read in
    lower case: a date, with its year or without, in English or in another language read, maybe a
    time before or after it, maybe the words that say what it dates before it: "published oct. 21, 2025", "updated oct. 22 at
    10:05", "last updated: 22 oct, 10:05 bst", "oct 22, 10:05 am et", "publié le 21 octobre à
    10h05". Group "stamp": those words; "date": the date; "month": the month of a date without
    its year in another language, any word (see date_words.DAY_MONTH): when it is none, the
    English pattern is tried in its place ("4th of March": "th" is no month)."""
    words = [word for _, _, listed in _STAMPS.values() for word in listed]
    on = rf"(?:on|{date_words.STAMP_ON})"
    stamp = rf"(?:(?<![^\W\d_])(?P<stamp>{_alternation(words)})(?![^\W\d_])(?:\s+{on})?\s*:?\s*)?"
    time_before = rf"(?P<time_before>(?:at|{date_words.AT})?[ \t]*{_TIME}[ \t]*,?[ \t]*(?:{on}[ \t]+)?)?"
    # a time after it, not the next date's first figures ("05.03.2024 | 06.03.2024": no 06:03:20)
    time_after = rf"(?:[ \t]*(?:,|at|{date_words.AT}|\||/|-|–|—|·|•)?[ \t]*{_TIME}(?![.:/]?\d))?"
    # another language's first: "mar. 21 oct." is Tuesday 21 October ("Mar. 21" alone is March)
    dates = (rf"{_TEXT_DATE}|{date_words.DAY_MONTH}|{loose_dates.YEARLESS}", rf"{_TEXT_DATE}|{loose_dates.YEARLESS}")
    any_language, english = (re.compile(rf"{stamp}{time_before}(?P<date>{date}){time_after}") for date in dates)
    return any_language, english


@functools.cache
def _stamp_ranks() -> dict[str, tuple[int, bool]]:
    """Each word that says what a stamp dates, lower case -> (its rank, whether 05/10/2025 after
    it is day first): _STAMPS."""
    return {word: (rank, day_first) for rank, day_first, words in _STAMPS.values() for word in words}


def _stamps_in(lower: str) -> Iterator[re.Match]:
    """_stamp_patterns' stamps in `lower`, left to right."""
    return iter(_stamps_of(lower))


# How many lines' stamps are kept: a file's first lines are looked at for stamps by each of the
# date's, the byline's and the title's readings (a note's first line six times), and the search
# of its stamp pattern, with no literal to start from, was most of the time of loading a folder of
# notes (bench/bench_tiny_files.py).
_STAMPS_KEPT = 1024


@functools.lru_cache(maxsize=_STAMPS_KEPT)
def _stamps_of(lower: str) -> tuple[re.Match, ...]:
    any_language, english = _stamp_patterns()
    stamps = []
    at = 0
    while (found := any_language.search(lower, at)) is not None:
        m: re.Match | None = found
        if found["month"] is not None and date_words.month_number(found["month"], found["weekday"]) is None:
            m = english.match(lower, found.start())  # "5 mins", "4th of March": no month of theirs
        if m is None:
            at = found.start() + 1
            continue
        stamps.append(m)
        at = m.end()
    return tuple(stamps)


def _stamp_line(line: str) -> list[re.Match] | None:
    """_stamp_line_of(line), a list of its own."""
    stamps = _stamp_line_of(line)
    return None if stamps is None else list(stamps)


@functools.lru_cache(maxsize=_STAMPS_KEPT)
def _stamp_line_of(line: str) -> tuple[re.Match, ...] | None:
    """The stamps (_stamp_patterns' matches, of `line` in lower case) of a line (one, stripped)
    that says when the article was published or updated, else None. Such a line is stamps
    only, between separators ("Oct 22, 10:05 AM ET", "Published: Tuesday, March 4 | Updated 5
    mins ago"), or opens with a stamp that says what it dates and has a few words more
    (STAMP_LINE_WORDS). A stamp relative to the reading ("Updated 5 mins ago") is one too, but is
    not among those returned."""
    if len(line) > BYLINE_LIMIT:
        return None
    lower = line.lower()
    # what every stamp line has: a figure, or the word of a relative stamp ("a day ago", "gestern")
    if not loose_dates.may_be_relative().search(lower):
        return None  # most lines: a date has its day in figures, a relative stamp its word
    stamps, pieces, end = [], [], 0
    for m in _stamps_in(lower):
        stamps.append(m)
        pieces.append(lower[end : m.start()])
        end = m.end()
    pieces.append(lower[end:])
    rest, relative = loose_dates.drop_relative_stamps(_READING_TIME.sub(" ", " ".join(pieces)))
    if not stamps and not relative:
        return None
    left = rest.split()
    if all(word in _STAMP_SEPARATORS for word in left):
        return tuple(stamps)
    said = sum(1 for m in stamps if m["stamp"]) + relative
    opens = bool(stamps) and stamps[0].start() == 0 and stamps[0]["stamp"] is not None
    return tuple(stamps) if opens and len(left) <= STAMP_LINE_WORDS * said else None


def _is_day_before_its_month(token: str, after: str) -> bool:
    """Whether `token` (the word before a full stop) is a day written as German, Czech, Polish,
    Finnish... write it, before its month: "Am 21. Oktober trat er zurück"."""
    if not (token.isdigit() and len(token) <= 2):
        return False
    month = re.match(r"\s+([^\W\d_]+)", after)
    return month is not None and date_words.month_number(month[1]) is not None


def first_sentence(text: str) -> str:
    """The first sentence of `text` (a simple splitter that knows common abbreviations)."""
    for m in _boundary().finditer(text):
        before = text[: m.start()]
        word = re.search(r"([\w.]+)$", before)
        token = word[1].lower() if word else ""
        closed = m.group(0)[-1] in _CLOSERS  # a quote or bracket after the stop ends a sentence
        if _is_day_before_its_month(token, text[m.end() :]):
            continue
        if (
            not closed
            and text[m.start()] == "."
            and (token in _ABBREVIATIONS or len(token) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))
        ):
            if token != "no" or re.match(r"\s*\d", text[m.end() :]):
                continue
        return text[: m.end()].strip()
    return text.strip()


def shorten(text: str, limit: int = TITLE_LIMIT) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
        # a title does not end on "a", "of the" and the like
        words = cut.split(" ")
        while len(words) > 3 and words[-1].lower().strip(",;:") in _SMALL_WORDS:
            words.pop()
        cut = " ".join(words)
    return cut.rstrip(" ,;:—–-") + "…"


def _capitalised_share(words: list[str]) -> float:
    content = [w for w in words if w.strip("\"“”‘’'()[]").lower() not in _SMALL_WORDS]
    if not content:
        return 0.0
    caps = [w for w in content if w.strip("\"“”‘’'()[]-–—")[:1].isupper() or w[:1].isdigit()]
    return len(caps) / len(content)


def looks_like_headline(line: str, followed_by_blank: bool) -> bool:
    """Whether a first line reads as a headline rather than as the first sentence of the text."""
    line = line.strip()
    words = line.split()
    if not 2 <= len(words) <= 25 or len(line) > HEADLINE_LIMIT:
        return False
    if line[-1] in ":,;" or line.lower().startswith(("by ", "posted ", "published ", "updated ")):
        return False
    if first_sentence(line) != line:  # more than one sentence: only a title-case headline
        return followed_by_blank and len(words) <= 22 and _capitalised_share(words) >= 0.8
    end = line.rstrip("\"”’')]")[-1:]
    if end not in ".!?…":
        return True
    if not followed_by_blank:
        return False
    if end in "?!":
        return len(words) <= 20
    # ends with a full stop: a headline only when short or written in title case
    return len(words) <= 12 or (len(words) <= 22 and _capitalised_share(words) >= 0.6)


# Words in capitals a headline or a report may open with before a dash, no place's: "EXCLUSIVE –".
_HEADLINE_LABELS = frozenset(
    "exclusive breaking update updated watch live analysis opinion editorial commentary video photos audio"
    " listen interview review report poll flashback developing just in fact check".split()
) | {"just in", "fact check", "watch live", "breaking news"}


def _is_section_name(line: str, rest: list[str]) -> bool:
    """Whether `line` (stripped, the first with words) is the name of the page's section over its
    headline ("Politics", "Advertisement"): one word, and the next line with words reads as a
    headline (one word alone is no headline: "Brexit" over a paragraph stays the title). A last
    line ending as a sentence ends is the text's body, not a headline, unless it opens with the
    word ("Sport" over "Sport minister resigns."): "Space" over "text four." was titled "text four."."""
    if len(line.split()) != 1 or not line[-1:].isalpha():
        return False
    for k, raw in enumerate(rest[:3]):
        following = raw.strip()
        if re.search(r"\w", following):
            below = rest[k + 1 :]
            last = not any(re.search(r"\w", after) for after in below)
            opens_with_it = following.split()[0].casefold() == line.casefold()
            return not is_byline_or_date_line(following) and looks_like_headline(
                following, (not below or not below[0].strip()) and not (last and not opens_with_it)
            )
    return False


@functools.cache
def _lead_dateline() -> re.Pattern:
    """A dateline opening a report's first paragraph, in any of the ways outlets write it: "WASHINGTON
    (Reuters) -", "WASHINGTON, Oct. 21, 2025 (Reuters) —", "LONDON, Oct 21 (Reuters) -", "KYIV,
    Ukraine (AP) —", "MÜNCHEN (dpa) –", "WASHINGTON —", "Washington (CNN)". Groups: "credit"
    (in brackets), "date"; a place in title case counts only with its credit."""
    caps = _capitals()
    # "BEIJING/WASHINGTON": Reuters' dateline of a story reported from two places
    place = rf"[{caps}][{caps}.'’-]+(?:[ /][{caps}][{caps}.'’-]*){{0,4}}(?:, [{caps}][^\W\d_]*\.?){{0,2}}"
    title_place = rf"[{caps}][^\W\d_]+(?: [{caps}][^\W\d_]+){{0,2}}(?:, [{caps}][^\W\d_]*\.?)?"
    date = rf"(?:,\s*(?P<date>{_TEXT_DATE}|{loose_dates.YEARLESS}))?"
    credit = r"\s*\((?P<credit>[^()\n]{1,30})\)"
    dash = r"(?:\s*(?:[—–]|--?(?=\s)))"
    return re.compile(
        rf"(?P<place>(?-i:{place})|(?-i:{title_place})(?=[,(]|\s+\())(?<!\s){date}(?:{credit}{dash}?|{dash})\s*",
        re.IGNORECASE,
    )


def _lead_after_dateline(line: str, *, strong_only: bool) -> str | None:
    """What follows the dateline `line` (one, stripped) opens with, else None. `strong_only` (the
    line reads as a headline): a dateline with its date or its credit only ("EXCLUSIVE — Senate
    passes bill" is a headline)."""
    found = _lead_dateline().match(line)
    if found is None or not re.match(rf"[\"“‘'(\[«„]?[{_capitals()}0-9]", line[found.end() :]):
        return None
    if found["credit"] is not None and not (_is_credit(found["credit"]) or found["credit"].strip().isupper()):
        return None  # "Smith (D-Ill.)", no agency
    if found["credit"] is None and found["date"] is None:
        # "EXCLUSIVE – Roger Stone: Don't Trust the Voting Machines.": a headline's label
        if strong_only or found["place"].split(",")[0].strip().lower() in _HEADLINE_LABELS:
            return None
        if not found["place"].split(",")[0].isupper():
            return None  # "Washington —": a place in title case only with its credit, "Washington (CNN)"
    return line[found.end() :]


# Where an article's title came from (Article.title_source): given in its metadata, its first
# line read as a headline, its first sentence, or its file's name.
TITLE_GIVEN, TITLE_HEADLINE, TITLE_SENTENCE, TITLE_FILE_NAME = "given", "headline", "first_sentence", "file_name"
TITLE_SOURCES = (TITLE_GIVEN, TITLE_HEADLINE, TITLE_SENTENCE, TITLE_FILE_NAME)


# A Markdown ATX heading ("# Title", "## Title ##"): its text, without the marks, is the line's.
# "#hashtag" and "#1 hit" (no blank after the marks) are no heading.
_ATX_HEADING = lazy_regex.compile(r"#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")


def _heading_text(line: str) -> str:
    """`line` (stripped), or the text of the Markdown heading it is."""
    heading = _ATX_HEADING.fullmatch(line)
    return line if heading is None else (heading[1] or "")


def infer_title(text: str) -> str | None:
    """The first line when it reads as a headline, else the first sentence, shortened."""
    return infer_title_and_source(text)[0]


def infer_title_and_source(text: str, registry: Registry | None = None) -> tuple[str | None, str | None]:
    """(infer_title's title, TITLE_HEADLINE or TITLE_SENTENCE: which way it was found), or
    (None, None). A byline or a date line before the headline is passed over (the title of a
    text of nothing else is its first such line); the `registry` knows the outlets a byline may
    end with (is_byline_or_date_line)."""
    lines = text.split("\n")
    passed_over = None
    for i, raw in enumerate(lines):
        line = _heading_text(raw.strip())
        if not line:
            continue
        rest = lines[i + 1 :]
        followed_by_blank = not rest or not rest[0].strip()
        if not re.search(r"\w", line):
            continue
        if is_byline_or_date_line(line, registry, text):
            passed_over = passed_over or line
            continue
        if _is_section_name(line, rest):
            passed_over = passed_over or line
            continue
        # the report's first sentence after its dateline ("WASHINGTON (Reuters) - The Senate ..."),
        # which no headline opens with
        lead = _lead_after_dateline(line, strong_only=looks_like_headline(line, followed_by_blank))
        if lead is not None:
            return shorten(first_sentence(lead)).rstrip(" ,;:") or None, TITLE_SENTENCE
        if looks_like_headline(line, followed_by_blank):
            return shorten(line, 160), TITLE_HEADLINE
        # A line ending on ";" or ":" runs on below (a headline and its subhead: "Jobs report
        # gives Democrats a lift;"): the title is the line, without the dangling separator.
        title = shorten(first_sentence(line)).rstrip(" ,;:") or None
        return title, TITLE_SENTENCE if title else None
    if passed_over:
        return shorten(passed_over), TITLE_SENTENCE
    return None, None
