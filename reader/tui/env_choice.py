"""A drawing choice a user may force with an environment variable (READER_EMOJI, READER_GLYPHS,
READER_MARKS): one of two values, any other value said back as a problem, never an error."""

from __future__ import annotations

from collections.abc import Mapping


def forced_choice(
    environ: Mapping[str, str], variable: str, choices: tuple[str, str], guess: bool, guessed_by: str
) -> tuple[bool, str | None]:
    """Whether `variable` asks for the first of its two `choices` (the second says no; case and
    spaces ignored), else `guess`; and the problem with a value that is neither (shown escaped
    and cut: it is the user's text), saying that `guessed_by` decides then."""
    choice = environ.get(variable, "").strip().lower()
    if choice in choices:
        return choice == choices[0], None
    problem = None
    if choice:
        shown = environ[variable].strip()[:40].encode("ascii", "backslashreplace").decode()
        problem = f"{variable}: expected {choices[0]} or {choices[1]}, not {shown!r}; going by {guessed_by}"
    return guess, problem
