"""Build display objects from untrusted strings without ever parsing markup.

Every title, outlet name, file name, snippet and article body that reaches a widget goes through
these helpers: they strip terminal escape sequences and control characters, and return
`textual.content.Content` or `rich.text.Text` objects whose characters are shown literally.
Styles are applied by character offsets (spans), never by markup.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from rich.cells import cell_len
from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content
from textual.style import Style

from reader.corpus.decode import strip_controls, title_for_terminal, without_bidi_controls
from reader import wording
from reader.wording import clipped


def clean(text: object) -> str:
    """Untrusted text with escape sequences and C0/C1 controls removed (newline and tab kept),
    and bidirectional controls made zero-width spaces (the terminal would reorder the line).

    The length only changes when the text held escapes or C0/C1 controls; the core strips them
    when an article is loaded, so offsets from the core stay valid for article bodies. A message
    of the core's is in the screen's words (wording.on_screen: a command named, not in backticks).
    """
    if text is None:
        return ""
    return without_bidi_controls(strip_controls(wording.on_screen(text)), keep_offsets=True)


def crop_cells(text: str, cells: int) -> str:
    """The longest start of `text` that fits in `cells` terminal cells, as Rich measures them."""
    return wording.crop_cells(text, cells, cell_len)


def cut(text: str, cells: int) -> str:
    """`text` in at most `cells` terminal cells, cut between words with "…" (wording.clipped):
    every title, label and message the app shortens is shortened this one way."""
    return clipped(text, cells, crop_cells, cell_len)


def address_to_open(url: str) -> str:
    """A web address the user opens or copies, as one_line writes it but with its secrets kept:
    one_line's "?token=***" was what the browser was sent, a newsletter's link that failed."""
    return title_for_terminal(url).strip()


def one_line(text: object, limit: int | None = None, *, command: str = "") -> str:
    """Untrusted text for a label: controls removed, whitespace runs (newlines too) collapsed,
    and at most `limit` cells wide (cut between words with "…"). A message (or an exception) of
    the core's is in the screen's words (wording.on_screen: a command named, not in backticks).
    A command the text names (`command`, or a said() Command) is never cut: it is to be typed."""
    # A feed URL's password or token (wording.secrets_hidden): *** on every line the app shows.
    s = title_for_terminal(wording.secrets_hidden(wording.on_screen(text)))
    if limit is not None and (len(s) > limit or not s.isascii()) and cell_len(s) > limit:
        commands = [command, *wording.commands_named(text)]
        return _cut_around_command(s, limit, [title_for_terminal(wording.secrets_hidden(c)) for c in commands])
    return s


def _cut_around_command(s: str, limit: int, commands: list[str]) -> str:
    """`s` cut to `limit` cells, a command it names kept whole (to be typed: a long --corpus path
    cut in the middle runs nothing) and the words before and after it cut instead."""
    found = next(((s.find(c), c) for c in commands if c and c in s), None)
    if found is None:
        return cut(s, limit)
    start, command = found
    before, after = s[:start], s[start + len(command) :]
    room = max(limit - cell_len(command), limit // 2)  # a long command leaves its words room
    if cell_len(before) + cell_len(after) <= room:
        return s
    tail = after if cell_len(after) <= room // 3 else cut(after, room // 3)
    return cut(before, room - cell_len(tail)) + command + tail


def error_line(exc: BaseException) -> str:
    """An exception for the user: its message on one line (never a traceback), in the screen's
    words (one_line), else its type."""
    return one_line(exc, 200) or type(exc).__name__


def needs_cleaning(s: str) -> bool:
    """True when `s` holds a control character other than newline and tab."""
    return strip_controls(s) != s


def content(text: object, style: Style | str = "") -> Content:
    """A literal Content (no markup parsed) from untrusted text, optionally styled as a whole."""
    result = Content(clean(text))
    return result.stylize(style) if style else result


def label(text: object, style: Style | str = "", limit: int | None = None) -> Content:
    """A literal one-line Content for a title, outlet name or file name."""
    result = Content(one_line(text, limit))
    return result.stylize(style) if style else result


def spans_content(text: str, spans: Iterable[tuple[int, int, Style | str]], base: Style | str = "") -> Content:
    """Literal Content with styles applied at character offsets (spans outside the text are dropped).

    `text` must already be clean (offsets refer to it): the caller passes article text from the
    core, which stripped controls at load time, or the result of `clean()`.
    """
    result = Content(without_bidi_controls(text, keep_offsets=True))
    if base:
        result = result.stylize(base)
    length = len(text)
    for start, end, style in spans:
        start = max(0, int(start))
        end = min(length, int(end))
        if end > start and style:
            result = result.stylize(style, start, end)
    return result


def join(parts: Sequence[Content | str], separator: str = "") -> Content:
    """Concatenate Content parts; plain `str` parts are taken literally (never as markup)."""
    return Content(separator).join(part if isinstance(part, Content) else Content(clean(part)) for part in parts)


def rich_text(text: object, style: str | RichStyle = "", limit: int | None = None) -> Text:
    """A literal one-line rich Text (for Tree labels and DataTable cells, which take Text)."""
    return Text(one_line(text, limit), style=style, no_wrap=True, end="")


def rich_join(parts: Sequence[Text | str]) -> Text:
    """Concatenate rich Text parts; `str` parts are taken literally."""
    result = Text(no_wrap=True, end="")
    for part in parts:
        result.append_text(part if isinstance(part, Text) else Text(one_line(part)))
    return result
