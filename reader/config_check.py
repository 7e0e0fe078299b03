"""Warnings for config.yaml keys reader does not know (a typo such as `them:` silently does nothing).

Types and values of the known keys are checked where the file is read (reader.config); this only
names what is ignored, with a "did you mean". No UI imports here.
"""

from __future__ import annotations

import difflib

# Every top-level key some part of reader reads; add a new setting here with its reader.
KNOWN_KEYS = ("corpus", "theme", "text_width", "prepare_comparisons", "grouping", "sort", "keymap")


def unknown_key_problems(config: dict) -> list[str]:
    """One line per unknown top-level key of the user's config, and per key it sets twice."""
    problems = list(getattr(config, "repeated", []))
    for key in config if isinstance(config, dict) else ():
        if key in KNOWN_KEYS:
            continue
        shown = str(key)[:60]
        close = difflib.get_close_matches(shown, KNOWN_KEYS, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(KNOWN_KEYS)}"
        problems.append(f"config: ignoring unknown key {shown!r}; {hint}")
    return problems
