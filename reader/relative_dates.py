"""Relative dates where a date bound is asked for: `today`, `yesterday`, `3d` (three days ago),
`2w` (two weeks ago), as git's --since takes "2 weeks ago". No UI imports.

    absolute("yesterday", today=date(2025, 10, 21))  -> "2025-10-20"
    absolute("2025-10")                               -> "2025-10"   (anything else is left as it is)

The CLI's --since/--until (search, coverage) and the app's list filter (`since:3d`) read their
value through `absolute` first, then check it as the ISO date it has become.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["RELATIVE_HELP", "absolute"]

RELATIVE_HELP = "today, yesterday, 3d (days ago) or 2w (weeks ago)"
_AGO = re.compile(r"^(\d{1,5})([dw])$")
_NAMED = {"today": 0, "yesterday": 1}


def absolute(value: str | None, today: date | None = None) -> str | None:
    """`value` as an ISO date when it is a relative one (case and spaces aside), else unchanged."""
    if value is None:
        return None
    text = str(value).strip().casefold()
    days = _NAMED.get(text)
    if days is None:
        match = _AGO.match(text)
        if match is None:
            return value
        days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    return ((today or date.today()) - timedelta(days=days)).isoformat()  # 99999w: still after year 1
