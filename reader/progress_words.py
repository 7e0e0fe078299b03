"""Shorter wordings of the progress steps (no UI imports): the app's status line beside its
progress bar and the CLI's progress line have a width, and a step's words cut at it read
"Indexing: removing outdated entries fr…" at 60 columns. Each step has wordings from the whole
to a word or two; the line shows the longest that fits, and only a step with none short enough
(a file's name, a folder's) is cut at its end."""

from __future__ import annotations

from reader import lazy_regex

# A step's words as the core says them (index/update.py, index/scan.py, the locks' WAITING, the
# comparisons' pass) -> its shorter wordings, longest first; \1 is what the pattern captured.
_SHORTER: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"(waiting for another reader process) to finish .*", (r"\1", "waiting for another reader", "waiting")),
    (r"grouping the articles into stories", ("grouping into stories", "grouping")),
    (r"grouping the stories of ([\d,]+) articles", (r"grouping \1 articles", "grouping")),
    (r"grouping the stories, (pass \d+)", (r"grouping, \1", "grouping")),
    (r"grouping the stories", ("grouping",)),
    (r"grouping, 2nd try", ("grouping again", "grouping")),
    (r"taking the changed articles into the stories", ("regrouping changed articles", "regrouping")),
    (r"removing outdated entries from the index", ("removing outdated entries", "removing")),
    (r"(saving|tidying|writing) the index", (r"\1",)),
    (r"scanning the corpus \(([\d,]+) files (?:so far|found)\)", (r"scanning (\1 files)", "scanning")),
    (r"scanning the corpus", ("scanning",)),
    (r"carrying the index over from .*", ("carrying the index over", "carrying over", "moving")),
    (r"re-linking renamed files", ("re-linking",)),
    (r"loading the sentence encoder", ("loading the encoder", "loading")),
    (r"finding the quotations", ("finding quotes",)),
    (r"linking the sentences", ("linking",)),
    (r"your subscriptions", ("subscriptions", "feeds")),  # (the app's fetch: tui/fetching.py)
    # The comparisons' pass, at the right of the app's status bar (tui/app.py, prepare.py's brief)
    (r"preparing comparisons ([\d,]+/[\d,]+)", (r"comparisons \1", r"\1")),
    (
        r"comparisons ready: ([\d,]+) of ([\d,]+) articles(, [\d,]+ unreadable)?",
        (r"comparisons ready: \1/\2\3", "comparisons ready"),
    ),
    (
        r"comparisons: being prepared by another reader process",
        ("comparisons: prepared elsewhere", "prepared elsewhere"),
    ),
    (r"comparisons: no story is told by two outlets yet", ("no comparisons yet",)),
)
_PATTERNS = tuple((lazy_regex.compile(pattern), shorter) for pattern, shorter in _SHORTER)


def step_wordings(step: str) -> tuple[str, ...]:
    """`step`'s wordings, itself first, then shorter ones; (step,) for words it does not know."""
    for pattern, shorter in _PATTERNS:
        found = pattern.fullmatch(step)
        if found is not None:
            return (step, *(found.expand(words) for words in shorter))
    return (step,)


def fitted_step(before: str | tuple[str, ...], step: str, width: int, after: str = "") -> str:
    """`before + wording + after` with the longest of `step`'s wordings that fits `width`
    characters (ASCII words, and "…": one cell each), else its shortest (which the line then cuts).
    `before` may be a choice, longest first ("Indexing 1,200/3,000 ", "1,200/3,000 "): a shorter
    one is taken only when no wording fits after a longer, and the last is shown alone when none
    fits after it either. Words it knows no other wording of (a file's name) follow the longest
    `before`, for the line to cut at their end. A step's closing "…" (a wait's) closes each wording."""
    if step.endswith("…"):
        step, after = step[:-1], "…" + after
    wordings = step_wordings(step)
    befores = (before,) if isinstance(before, str) else before
    if len(wordings) == 1:
        return befores[0] + step + after
    for start in befores:
        room = width - len(start) - len(after)
        fitting = next((words for words in wordings if len(words) <= room), None)
        if fitting is not None:
            return start + fitting + after
    if len(befores) > 1:  # the last choice alone ("1,200/3,000": the bar beside it says of what)
        return befores[-1].rstrip()
    return befores[-1] + wordings[-1] + after


def fitted_line(lines: tuple[str, ...], width: int, tail: str = "") -> str:
    """The first of `lines` (a line's wordings, longest first) that fits `width` characters, else
    the last (which the line then cuts); the first one is followed by `tail` (a URL, with no
    shorter wording: the line cuts it at its end)."""
    fitting = next((line for line in lines if len(line) <= width), lines[-1])
    return f"{fitting} {tail}" if tail and fitting == lines[0] else fitting
