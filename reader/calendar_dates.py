"""Calendar dates as a user writes them for a date bound: YYYY-MM-DD, YYYY-MM or YYYY, where a
year or a month stands for the whole period. The one reading of --since/--until (search,
coverage) and of the query's `date:` field, so `date:2010` and `--since 2010 --until 2010` are the
same year. Relative dates (`3d`) are turned into ISO days before (relative_dates.py). No UI imports.

    span("2010-02")               -> ("2010-02-01", "2010-02-28")
    bound("2010", end=False)      -> "2010-01-01"   (a range's start: the period's first day)
    bound("2010", end=True)       -> "2010-12-31"   (a range's end: its last day)
    span("2010-13"), span("soon") -> None
"""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = ["FORMS", "bound", "bound_problem", "empty_range", "span"]

FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"
_SHAPE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def span(text: str | None) -> tuple[str, str] | None:
    """The first and last ISO day of the period `text` names, or None when it names no real
    period (a wrong shape, month 13, February 30)."""
    match = _SHAPE.match(str(text or "").strip())
    if not match:
        return None
    year = int(match.group(1))
    try:
        if match.group(3) is not None:
            day = date(year, int(match.group(2)), int(match.group(3))).isoformat()
            return day, day
        if match.group(2) is not None:
            month = int(match.group(2))
            first = date(year, month, 1)
            return first.isoformat(), first.replace(day=calendar.monthrange(year, month)[1]).isoformat()
        return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    except ValueError:
        return None


def bound(text: str | None, *, end: bool) -> str | None:
    """The ISO day a range starting (end=False) or ending (end=True) at `text` starts or ends
    on: the period's first day or its last. None when `text` is not a date."""
    found = span(text)
    return None if found is None else found[1 if end else 0]


def bound_problem(name: str, value: str | None) -> str | None:
    """The one-line hint for a bad --since/--until value (`name`), or None. Relative dates are
    ISO days by then; the hint names them because the user may have mistyped one."""
    if value is None or span(str(value)) is not None:
        return None
    return (
        f"{name} must be a real date like 2025-10-01, 2025-10 or 2025, or today, yesterday, 3d or 2w "
        f"(got {str(value)[:40]!r})"
    )


def empty_range(start: str | None, end: str | None) -> bool:
    """Whether a range from `start` to `end` (dates as the user wrote them) holds no day at all."""
    low, high = bound(start, end=False), bound(end, end=True)
    return low is not None and high is not None and low > high


def day_number(value: object) -> int | None:
    """The day of an ISO date ("2015-08-02", or a date-time starting so) as a day count
    (date.toordinal); None for none or for anything else."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None
