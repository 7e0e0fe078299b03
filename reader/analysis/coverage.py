"""Coverage map: which outlets told each story, which did not, and how their leanings split.

Works on what the index already stores (article metadata and the story grouping), so it never
regroups: one pass over the articles and the stories, plus a binary search per story and outlet
when only outlets active around the story's dates count (`active_days`).

Leanings are the user's own labels (`leaning:` in their outlets.yaml); reader ships none. A story
is a *blindspot* of leaning L when every outlet that covered it is labelled L while an outlet with
another label that could have covered it did not. No UI imports here.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime as DateTime
from datetime import timezone
from typing import Callable, Iterable, Iterator, NamedTuple

from reader import calendar_dates
from reader.corpus.decode import name_match_key
from reader.wording import counted

SORTS = ("date", "breadth", "oldest")  # the app's view cycles the first two
FILTERS = ("all", "single", "blindspot")


@dataclass(frozen=True)
class OutletSummary:
    name: str
    leaning: str | None
    articles: int  # articles of this outlet in the corpus
    stories: int  # stories it covered


@dataclass(frozen=True)
class StoryCoverage:
    story: str
    label: str
    # The day it broke: its first article's own day (the earliest, or, where moments are known,
    # that of the first moment: see _first_told)
    date: str | None
    last_date: str | None
    outlets: tuple[str, ...]  # outlets that covered it, by name
    missing: tuple[str, ...]  # outlets that did not (all others, or the active ones)
    leanings: dict[str, int]  # covering outlets per leaning label (labelled outlets only)
    blindspot: str | None
    articles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # outlet -> article ids
    # articles with no outlet: they tell the story but count for no outlet ("0 of 3 outlets" alone
    # would read as a story nobody told)
    unattributed: tuple[str, ...] = ()
    # outlet -> the date of its earliest dated article of the story (None: all of them undated),
    # so a reader sees when each outlet told it and who was first
    dates: dict[str, str | None] = field(default_factory=dict)
    # outlet -> the moment (UTC, "YYYY-MM-DDTHH:MM:SSZ") of its earliest article when that gives
    # its time of day with its zone, else None (a date alone: a day, no moment)
    times: dict[str, str | None] = field(default_factory=dict)
    # The story's first moment, when its first article gives one (what `times` count from)
    time: str | None = None
    # The outlets that told it first, as _story_row works them out from moments and days (None:
    # made without them, as a test or an older caller does: the outlets of the first day)
    leaders: tuple[str, ...] | None = None

    @property
    def breadth(self) -> int:
        return len(self.outlets)

    @property
    def first(self) -> tuple[str, ...]:
        """The outlets (in name order) no other article of the story came before; none when the
        story is undated or an article with no outlet came first. Two articles that give their
        time of day with its zone compare as moments (21:00 in New York comes after 01:00 the
        next day in London); otherwise as days, each in its own zone: a date alone on the day of
        another's moment is "the same day", both first."""
        if self.leaders is not None:
            return self.leaders
        if self.date is None:
            return ()
        return tuple(name for name in self.outlets if self.dates.get(name) == self.date)

    def late_by(self, outlet: str) -> float | None:
        """Seconds between the story's first moment and `outlet`'s, when both are known."""
        mine = self.times.get(outlet)
        if mine is None or self.time is None:
            return None
        return _seconds(mine) - _seconds(self.time)

    def days_late(self, outlet: str) -> int | None:
        """How many days after the story broke `outlet` first told it (0: within a day), counted
        in time when both moments are known, else in calendar days after the story's first day;
        None when the outlet's articles of it, or the story, are undated."""
        seconds = self.late_by(outlet)
        if seconds is not None:
            return int(seconds // 86400)
        day = self.dates.get(outlet)
        if day is None or self.date is None:
            return None
        # never before the story broke: an article with a moment can be of an earlier day in its
        # own zone than the story's, a date alone that came before that moment
        return max((Date.fromisoformat(day) - Date.fromisoformat(self.date)).days, 0)

    def when_told(self, outlet: str) -> str | None:
        """When `outlet` first told it, in words: its moment ("2015-06-15 06:30 UTC") or its day,
        with how long after the story broke ("(+5 hours)", "(+2 days)"); None when undated."""
        day, moment = self.dates.get(outlet), self.times.get(outlet)
        if day is None:
            return None
        shown = f"{moment[:10]} {moment[11:16]} UTC" if moment else day
        seconds = self.late_by(outlet)
        late = self.days_late(outlet)
        if seconds is not None and 0 < seconds < 86400:
            return f"{shown} (+{_hours(seconds)})"
        return f"{shown} (+{counted(late, 'day')})" if late else shown

    def same_day_undecided(self) -> tuple[str, ...]:
        """First outlets whose first article gives no moment while another first one does: "the
        same day", which of them came first is not known."""
        first = self.first
        if not any(self.times.get(name) for name in first):
            return ()
        return tuple(name for name in first if not self.times.get(name))

    def to_dict(self) -> dict:
        return {
            "story": self.story,
            "label": self.label,
            "date": self.date,
            "last_date": self.last_date,  # as `stories --json` gives it (the same pass)
            "outlets": list(self.outlets),
            "missing": list(self.missing),
            "leanings": dict(self.leanings),
            "blindspot": self.blindspot,
            # the ids behind the map, so a script can open what it shows: per covering outlet
            # (in the order of `outlets`), and those with no outlet
            "articles": {name: list(self.articles.get(name, ())) for name in self.outlets},
            "unattributed": list(self.unattributed),
            # when each covering outlet first told it (in the order of `outlets`), and who was first
            "dates": {name: self.dates.get(name) for name in self.outlets},
            "first": list(self.first),
            # moments, where the articles give their time of day with its zone (UTC)
            "time": self.time,
            "times": {name: self.times.get(name) for name in self.outlets},
        }


def _seconds(moment: str) -> float:
    return DateTime.fromisoformat(moment.rstrip("Z")).replace(tzinfo=timezone.utc).timestamp()


def _hours(seconds: float) -> str:
    """A delay under a day in words: "40 minutes", "1 hour", "5 hours"."""
    if seconds < 3600:
        return counted(max(int(seconds // 60), 1), "minute")
    return counted(int(seconds // 3600), "hour")


@dataclass(frozen=True)
class Coverage:
    outlets: list[OutletSummary]  # every outlet of the corpus, by name
    stories: list[StoryCoverage]  # newest first
    active_days: int | None = None

    @property
    def has_leanings(self) -> bool:
        return any(o.leaning for o in self.outlets)


def _name_order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def _attr(obj, name: str, default=None):
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def check_date(value: str | None, option: str, *, end: bool = False) -> int | None:
    """The ordinal of the day a range starting (or, with `end`, ending) at the user's date
    starts or ends on: YYYY and YYYY-MM are whole periods, as in search. ValueError with a
    one-line reason for what is no date."""
    if value is None:
        return None
    problem = calendar_dates.bound_problem(option, value)
    if problem:
        raise ValueError(problem)
    return Date.fromisoformat(calendar_dates.bound(value, end=end) or "").toordinal()


def compute_coverage(
    articles: Iterable,
    stories: Iterable,
    leaning_of: Callable[[str], str | None] | None = None,
    *,
    active_days: int | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Coverage:
    """Coverage of every story (objects or dicts with the Library's fields).

    `active_days`: an outlet counts as missing from a story only when it published something
    within that many days of the story's first or last article (undated stories: every outlet).
    `since` / `until` (YYYY-MM-DD, YYYY-MM or YYYY): only stories with an article dated in that
    range, from since's first day to until's last.
    """
    if active_days is not None and active_days < 0:
        raise ValueError("active days must be 0 or more")
    low, high = check_date(since, "since"), check_date(until, "until", end=True)
    outlets = _Outlets(articles, leaning_of or (lambda name: None), active_days)
    rows: list[StoryCoverage] = []
    covered_count: Counter[str] = Counter()
    for story in stories:
        row = _story_row(story, outlets, low, high)
        if row is not None:
            covered_count.update(row.outlets)
            rows.append(row)
    summaries = [OutletSummary(n, outlets.leaning[n], outlets.per_outlet[n], covered_count[n]) for n in outlets.names]
    return Coverage(summaries, sort_stories(rows, "date"), active_days)


class _When(NamedTuple):
    """When an article was published: its day (an ordinal, in its own zone, and as ISO) and, when
    its source gives its time of day with its zone, that moment (UTC: as ISO and in seconds).
    A time without its zone has no moment, even beside zoned times of its outlet: the outlet's
    offset changes with summer time, and its zone-less times may be another source's (a
    scraper's UTC), so a borrowed zone could make the wrong outlet first (README, Who was first).
    A tuple, not a dataclass: one is made per article (10,000s)."""

    day: int
    iso: str
    instant: float | None = None
    moment: str | None = None

    def before(self, other: "_When") -> bool:
        """Surely earlier: by moment when both have one, else by day (a day holds any moment)."""
        if self.instant is not None and other.instant is not None:
            return self.instant < other.instant
        return self.day < other.day


_by_day = operator.itemgetter(0)  # a _When's day


def _when_of(raw_date, raw_time, days: dict[str, _When | None]) -> _When | None:
    """`days` keeps the _When of each date alone seen (most articles share their day with others)."""
    if not raw_date:
        return None
    if not (isinstance(raw_time, str) and raw_time.endswith("Z")):
        found = days.get(raw_date, days)
        if found is days:
            day = calendar_dates.day_number(raw_date)
            found = days[raw_date] = None if day is None else _When(day, str(raw_date)[:10])
        return found  # type: ignore[return-value]
    day = calendar_dates.day_number(raw_date)
    if day is None:
        return None
    try:  # a moment whose zone was given
        return _When(day, str(raw_date)[:10], _seconds(raw_time), raw_time)
    except ValueError:
        return _When(day, str(raw_date)[:10])


class _Outlets:
    """The corpus's outlets (in name order) and articles: each article's outlet and date, each
    outlet's article count, dates and leaning."""

    def __init__(self, articles: Iterable, leaning_of: Callable[[str], str | None], active_days: int | None):
        self.active_days = active_days
        self.info: dict[str, tuple[str | None, _When | None]] = {}  # id -> outlet, when published
        self.per_outlet: Counter[str] = Counter()
        self.days_of: dict[str, list[int]] = {}
        # One outlet however its articles write it ("Rally ❤️ News", "Rally ❤ News"): named as
        # the first of them does
        spelling: dict[str, str] = {}
        known_days: dict[str, _When | None] = {}
        for art in articles:
            outlet = _attr(art, "outlet") or None
            if outlet:
                outlet = spelling.setdefault(name_match_key(outlet), outlet)
            when = _when_of(_attr(art, "date"), _attr(art, "time"), known_days)
            self.info[str(_attr(art, "id"))] = (outlet, when)
            if outlet:
                self.per_outlet[outlet] += 1
                if when is not None:
                    self.days_of.setdefault(outlet, []).append(when.day)
        self.names = sorted(self.per_outlet, key=_name_order)
        self.rank = {name: i for i, name in enumerate(self.names)}
        self.leaning = {name: leaning_of(name) for name in self.names}
        self.any_leaning = any(self.leaning.values())
        for days in self.days_of.values():
            days.sort()
        self._active: dict[tuple[int, int], list[str]] = {}

    def active_between(self, first: int, last: int) -> list[str]:
        """Outlets (in name order) with an article within active_days of [first, last]."""
        found = self._active.get((first, last))
        if found is None:
            found = []
            reach = self.active_days or 0
            for name in self.names:
                days = self.days_of.get(name, ())
                i = bisect.bisect_left(days, first - reach)
                if i < len(days) and days[i] <= last + reach:
                    found.append(name)
            self._active[(first, last)] = found
        return found


class _Members(NamedTuple):
    """A story's known articles: by outlet, those with no outlet, when each dated one was
    published (all of them, and per outlet)."""

    by_outlet: dict[str, list[str]]
    unattributed: list[str]
    dated: list[_When]
    dated_by_outlet: dict[str, list[_When]]


def _members(story, outlets: _Outlets) -> _Members:
    found = _Members({}, [], [], {})
    info = outlets.info
    for member in _attr(story, "articles", ()) or ():
        member = str(member)
        known = info.get(member)
        if known is None:
            continue
        outlet, when = known
        if outlet:
            found.by_outlet.setdefault(outlet, []).append(member)
            if when is not None:
                found.dated_by_outlet.setdefault(outlet, []).append(when)
        else:
            found.unattributed.append(member)
        if when is not None:
            found.dated.append(when)
    return found


@dataclass(frozen=True)
class StorySpan:
    """Who told a story and when, as `coverage` says it: `outlets` in name order (articles with
    no outlet count for none), `date` the day it broke (its first article's own day, see
    _first_told), `last_date` its latest article's."""

    outlets: tuple[str, ...]
    date: str | None
    last_date: str | None

    def to_dict(self) -> dict:
        return {"outlets": list(self.outlets), "date": self.date, "last_date": self.last_date}


def story_spans(articles: Iterable, stories: Iterable) -> dict[str, StorySpan]:
    """Each story's StorySpan by story id (objects or dicts with the Library's fields); a story
    none of whose articles is known has no outlet and no dates."""
    outlets = _Outlets(articles, lambda name: None, None)
    spans: dict[str, StorySpan] = {}
    for story in stories:
        found = _members(story, outlets)
        broke = _first_told(found.dated, _opening(found.dated))
        spans[str(_attr(story, "id"))] = StorySpan(
            outlets=tuple(sorted(found.by_outlet, key=_name_order)),
            date=broke.iso if broke else None,  # as _story_row gives it
            last_date=max(found.dated, key=_by_day).iso if found.dated else None,
        )
    return spans


def _story_row(story, outlets: _Outlets, low: int | None, high: int | None) -> StoryCoverage | None:
    """One story's coverage; None when none of its articles is known or none is in [low, high]."""
    found = _members(story, outlets)
    by_outlet, dated = found.by_outlet, found.dated
    if not by_outlet and not found.unattributed:  # none of its articles is indexed any more
        return None
    # by day alone: two _When of one day, one with a moment, do not compare as tuples (None < 1.7e9)
    first_when, last_when = (min(dated, key=_by_day), max(dated, key=_by_day)) if dated else (None, None)
    first, last = (first_when.day, last_when.day) if first_when and last_when else (None, None)
    if low is not None or high is not None:
        if not any((low is None or w.day >= low) and (high is None or w.day <= high) for w in dated):
            return None
    ranks = sorted(outlets.rank[name] for name in by_outlet)
    covering = [outlets.names[r] for r in ranks]
    if outlets.active_days is not None and first is not None and last is not None:
        missing = [n for n in outlets.active_between(first, last) if n not in by_outlet]
    else:
        missing = _without(outlets.names, ranks)
    counts, blindspot = _leanings(outlets, covering, missing)
    earliest = {name: _earliest(found.dated_by_outlet.get(name, [])) for name in covering}
    timed = any(w.instant is not None for w in dated)
    opening = _opening(dated) if timed else None
    broke = _first_told(dated, opening)
    return StoryCoverage(
        story=str(_attr(story, "id")),
        label=str(_attr(story, "label") or _attr(story, "id")),
        date=broke.iso if broke else None,
        last_date=last_when.iso if last_when else None,
        outlets=tuple(covering),
        missing=tuple(missing),
        leanings=dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        blindspot=blindspot,
        articles={name: tuple(ids) for name, ids in by_outlet.items()},
        unattributed=tuple(found.unattributed),
        dates={name: when.iso if when else None for name, when in earliest.items()},
        times={name: when.moment if when else None for name, when in earliest.items()} if timed else {},
        time=opening.moment if opening else None,
        leaders=_leaders(covering, found.dated_by_outlet, broke, opening),
    )


def _earliest(whens: list[_When]) -> _When | None:
    """An outlet's first of these: the earliest moment, unless an article with a date alone is
    of an earlier day (of the same day, the moment: it says more); None when none is dated."""
    if len(whens) == 1:  # most outlets tell a story once
        return whens[0]
    timed = [w for w in whens if w.instant is not None]
    untimed = [w for w in whens if w.instant is None]
    first_timed = min(timed, key=lambda w: (w.instant, w.day)) if timed else None
    first_day = min(untimed, key=_by_day) if untimed else None
    if first_timed is None or (first_day is not None and first_day.day < first_timed.day):
        return first_day
    return first_timed


def _opening(dated: list[_When]) -> _When | None:
    """The story's first moment, when no article came surely before it (one with a date alone of
    an earlier day did): the moment the others' delays are counted from."""
    timed = [w for w in dated if w.instant is not None]
    if not timed:
        return None
    first = min(timed, key=lambda w: (w.instant, w.day))
    return None if any(w.before(first) for w in dated) else first


def _first_told(dated: list[_When], opening: _When | None) -> _When | None:
    """The article the story's day is: the first moment when none came surely before it, else
    the earliest date alone. Not merely the earliest day: an article at 21:00 on the 5th in New
    York (-04:00) came after one at 01:00 on the 6th in London, and the story broke on the 6th;
    counted from the 5th, a date alone of the 6th read "+1 day" after it."""
    if opening is not None:
        return opening
    untimed = [w for w in dated if w.instant is None]
    return min(untimed or dated, key=_by_day) if dated else None


def _leaders(
    covering: list[str], dated_by_outlet: dict[str, list[_When]], broke: _When | None, opening: _When | None
) -> tuple[str, ...]:
    """The outlets with an article none of the story's came surely before (`_When.before`): the
    first moment, when no date alone of an earlier day precedes it, and the dates alone of its day
    (which came first is not known); else the dates alone of the first day. Another article's
    earlier day does not put a date alone after the first moment: New York's 5th, at 01:00 UTC on
    the 6th, came after London's 00:00 UTC, and a date alone of the 6th may have come before both."""
    if broke is None:
        return ()

    def unpreceded(w: _When) -> bool:
        if w.instant is None:
            return w.day == broke.day
        return opening is not None and w.instant == opening.instant

    return tuple(name for name in covering if any(map(unpreceded, dated_by_outlet.get(name, ()))))


def _leanings(outlets: _Outlets, covering: list[str], missing: list[str]) -> tuple[dict[str, int], str | None]:
    """Covering outlets per leaning label, and the blindspot: the one label of every covering
    outlet when a missing outlet has another label."""
    if not outlets.any_leaning:
        return {}, None
    labels = [outlets.leaning[n] for n in covering]
    counts = Counter(label for label in labels if label)
    if covering and len(counts) == 1 and all(labels):
        only = labels[0]
        if any(outlets.leaning[n] not in (None, only) for n in missing):
            return counts, only
    return counts, None


def _without(names: list[str], ranks: list[int]) -> list[str]:
    """`names` without the items at the sorted positions `ranks` (slices: fast for 40 outlets)."""
    out: list[str] = []
    start = 0
    for r in ranks:
        out += names[start:r]
        start = r + 1
    out += names[start:]
    return out


def sort_stories(rows: Iterable[StoryCoverage], by: str = "date") -> list[StoryCoverage]:
    """Newest first ("date"), most outlets first ("breadth", newest first among equals), or
    oldest first ("oldest": a corpus read as a history); undated stories last; the story id
    breaks ties so the order is stable."""
    if by not in SORTS:
        raise ValueError(f"sort by one of {', '.join(SORTS)}")
    rows = sorted(rows, key=lambda r: r.story)
    rows.sort(key=lambda r: r.date or "", reverse=by != "oldest")
    rows.sort(key=lambda r: r.date is None)
    if by == "breadth":
        rows.sort(key=lambda r: -r.breadth)
    return rows


def outlets_told(covering: int, considered: int) -> str:
    """How many of the outlets counted for a story told it, as `reader coverage` and the app's
    view say it: "2 of 3 outlets"; "1 outlet" where it is the only one counted ("1 of 1 outlet"
    read oddly), "no outlet" where none is."""
    if considered == 0:
        return "no outlet"
    if considered == 1 and covering == 1:
        return "1 outlet"
    return f"{covering} of {counted(considered, 'outlet')}"


def caveats(coverage: Coverage, kind: str = "all") -> list[str]:
    """What makes the coverage say less than asked, one line each: a corpus whose articles name no
    outlet (every story told by "no outlet"), a corpus of one outlet (none can be missing),
    blindspots asked for where no outlet has a leaning."""
    out = []
    if coverage.stories and not coverage.outlets:
        out.append(
            "no article names its outlet, so no story shows who told it: give each an `outlet:` "
            "(front matter or corpus.yaml) or keep each outlet's files in a folder named after it"
        )
    elif coverage.stories and len(coverage.outlets) == 1:
        out.append(
            f"the corpus has one outlet, {coverage.outlets[0].name}, so no story shows another one "
            "missing: coverage compares outlets (add a folder of another's with --corpus)"
        )
    if kind == "blindspot" and not coverage.has_leanings:
        out.append(
            "no outlet has a leaning, so no story can be a blindspot: give outlets a `leaning:` "
            "in outlets.yaml in your config folder (README, Leanings)"
        )
    return out


# `reader coverage --csv`: one row per story and outlet (tidy, for pandas or a spreadsheet), the
# columns fixed whatever the corpus's outlets are named.
CSV_COLUMNS = (
    "story",
    "label",
    "date",
    "last_date",
    "outlet",
    "leaning",
    "covered",
    "first_date",
    "first_time",
    "days_late",
    "first",
    "articles",
    "blindspot",
)


def csv_rows(
    rows: Iterable[StoryCoverage], outlets: Iterable[OutletSummary], clean: Callable[[str], str] = str
) -> Iterator[list[str]]:
    """Each story's row per outlet counted for it, covering or missing (in name order), then one
    row with an empty `outlet` for its articles with no outlet; booleans `true`/`false`, dates ISO,
    no value an empty cell, several article ids separated by `|` (an id, a file's path, may hold
    spaces; a `|` or `\\` in one is escaped with a `\\`). Text from the corpus goes through `clean`
    (each distinct name once), then `spreadsheet_safe`. Rows are made as they are read: 40 outlets
    by 3,000 stories are 120,000 of them."""
    text = _CleanText(clean)
    leaning = {o.name: text(o.leaning or "") for o in outlets}
    for row in rows:
        story = [text.once(row.story), text.once(row.label), row.date or "", row.last_date or ""]
        tail = [text(row.blindspot or "")]
        first = set(row.first)
        counted_here = sorted((*row.outlets, *row.missing), key=_name_order)
        for name in counted_here:
            covered = name in row.articles
            late = row.days_late(name) if covered else None
            cells = [
                text(name),
                leaning.get(name, ""),
                _bool(covered),
                (row.dates.get(name) or "") if covered else "",
                (row.times.get(name) or "") if covered else "",
                "" if late is None else str(late),
                _bool(name in first),
                text.ids(row.articles.get(name, ())),
            ]
            yield story + cells + tail
        if row.unattributed:
            cells = ["", "", "true", "", "", "", "false", text.ids(row.unattributed)]
            yield story + cells + tail


def article_ids_cell(ids: Iterable[str]) -> str:
    """Article ids in one CSV cell, separated by `|`: an id is a file's path, which may hold a `|`
    (`b|pipe.md` is the id `b|pipe`), so a `\\` or a `|` in an id gets a `\\` before it. Read back
    with `split_article_ids`."""
    if not ids:  # a missing outlet's cell, most of a wide corpus's rows
        return ""
    return "|".join(i.replace("\\", "\\\\").replace("|", "\\|") for i in ids)


def split_article_ids(cell: str) -> list[str]:
    """The ids of an `articles` cell of `coverage --csv` (after `spreadsheet_safe`'s quote is dropped)."""
    return [re.sub(r"\\(.)", r"\1", part) for part in re.findall(r"(?:\\.|[^|\\])+", cell)]


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`, `@SUM(...)`), which a hostile title or outlet name
# would run on opening the CSV (OWASP, "CSV Injection"). A quote before it makes it text; a cell
# already starting with a quote gets one too, so dropping one leading quote always gives it back.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def spreadsheet_safe(cell: str) -> str:
    """`cell`, with a `'` before it when a spreadsheet would read it as a formula (or it starts
    with a `'` already)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


class _CleanText:
    """A corpus string as a CSV cell: `clean`, then `spreadsheet_safe`; each distinct string is
    worked out once (an outlet name comes back in every story), strings seen once (`once`) are
    not kept."""

    def __init__(self, clean: Callable[[str], str]):
        self.clean = clean
        self.done: dict[str, str] = {}

    def __call__(self, value: str) -> str:
        found = self.done.get(value)
        if found is None:
            found = self.done[value] = self.once(value)
        return found

    def once(self, value: str) -> str:
        return spreadsheet_safe(self.clean(value)) if value else value

    def ids(self, ids: Iterable[str]) -> str:
        """Article ids' cell: each id cleaned before the `|` and `\\` are escaped (cleaned after,
        an escape sequence's end "ESC \\" ate the escapes and the `|`: two ids read back as one)."""
        return spreadsheet_safe(article_ids_cell([self.clean(i) for i in ids]))


def _bool(value: bool) -> str:
    return "true" if value else "false"


def filter_stories(rows: Iterable[StoryCoverage], kind: str = "all") -> list[StoryCoverage]:
    """All stories, those told by one outlet only ("single"), or the blindspots."""
    if kind == "single":
        return [r for r in rows if r.breadth == 1]
    if kind == "blindspot":
        return [r for r in rows if r.blindspot]
    if kind != "all":
        raise ValueError(f"filter by one of {', '.join(FILTERS)}")
    return list(rows)


def _words(name: str) -> list[str]:
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in name).split()]
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    return words


def _candidates(name: str, width: int) -> list[str]:
    """Short forms of an outlet name, best first: an acronym word (BBC), initials (NYT), the
    first letters (Reu), mixes of the two."""
    words = _words(name) or [name.strip() or "?"]
    found: list[str] = []
    acronyms = [w for w in words if w.isupper() and 1 < len(w) <= width]
    if acronyms:
        found.append(acronyms[0])
    if len(words) > 1:
        found.append("".join(w if w.isdigit() else w[0].upper() for w in words))
    first = words[0]
    found.append(first[:1].upper() + first[1:width])
    for k in range(width - 1, 0, -1):
        found.append(first[:1].upper() + first[1:k] + "".join(w[0].upper() for w in words[1:]))
    found.append("".join(words)[:width])
    return [c[:width] for c in found if c]


def abbreviations(names: Iterable[str], width: int = 3) -> dict[str, str]:
    """A unique short column head (at most `width` characters) for each outlet name."""
    taken: set[str] = set()
    heads: dict[str, str] = {}
    for name in names:
        options = _candidates(name, width)
        head = next((c for c in options if c.casefold() not in taken), None)
        number = 1
        while head is None:
            stem = options[0][: max(width - len(str(number)), 1)]
            candidate = f"{stem}{number}"
            if candidate.casefold() not in taken:
                head = candidate
            number += 1
        taken.add(head.casefold())
        heads[name] = head
    return heads
