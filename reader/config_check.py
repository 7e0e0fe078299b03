"""Warnings for config.yaml keys reader does not know (a typo such as `them:` silently does nothing).

Types and values of the known keys are checked where the file is read (reader.config); this only
names what is ignored, with a "did you mean". No UI imports here.
"""

from __future__ import annotations

import difflib

# Every top-level key some part of reader reads; add a new setting here with its reader.
KNOWN_KEYS = ("corpus", "theme", "text_width", "prepare_comparisons", "grouping", "sort", "keymap")


# Rows of `reader config` that are no key of config.yaml: what sets each. `lock_wait: 10` was
# "unknown key; known keys: …" though `reader config` had just listed it.
SET_ELSEWHERE = {
    "lock_wait": "the environment variable READER_LOCK_WAIT",
    "index": "--index DIR",
    "cache": "the environment variable READER_CACHE_DIR",
    "data": "the environment variable READER_DATA_DIR",
    "feeds": "`reader feed add URL`, which writes feeds.yaml",
}


def _setting_place(config: dict, key: str) -> str:
    """reader.config.setting_place (a sibling layer, not imported): "PATH: line 3", or "config"
    for settings read from no file."""
    place = getattr(config, "place", None)
    return place.line(key) if place is not None else "config"


def unknown_key_problems(config: dict) -> list[str]:
    """One line per unknown top-level key of the user's config, and per key it sets twice."""
    problems = list(getattr(config, "repeated", []))
    for key in config if isinstance(config, dict) else ():
        if key in KNOWN_KEYS:
            continue
        if key in SET_ELSEWHERE:
            problems.append(
                f"{_setting_place(config, key)}: ignoring {key!r}: {SET_ELSEWHERE[key]} sets it, not config.yaml"
            )
            continue
        shown = str(key)[:60]
        close = difflib.get_close_matches(shown, KNOWN_KEYS, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(KNOWN_KEYS)}"
        problems.append(f"{_setting_place(config, str(key))}: ignoring unknown key {shown!r}; {hint}")
    return problems
