"""What every subcommand shares: errors, JSON output, progress, colour."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from reader.wording import WAITING_FOR_ANOTHER, clipped_cells, secrets_hidden, skipped_path, untrusted_shown


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP while a command runs (`timeout`, a service stopped, the terminal
    closed), raised where ctrl+c's KeyboardInterrupt would be so that the same clean-ups run:
    the index's worker processes stopped, its unfinished files removed, its lock released."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def interrupted_words(exc: KeyboardInterrupt) -> str:
    """What stopped a command, as its last line says it: "stopped by SIGTERM", or "interrupted"
    (ctrl+c)."""
    return f"stopped by {signal.Signals(exc.signum).name}" if isinstance(exc, Stopped) else "interrupted"


def interrupted_status(exc: KeyboardInterrupt) -> int:
    """The exit status after an interruption: 128 + the signal's number, as a shell reports it
    (130 for ctrl+c)."""
    return 128 + exc.signum if isinstance(exc, Stopped) else 130


def stop_on_termination_signals() -> None:
    """SIGTERM and SIGHUP raise Stopped (only where they would kill: `nohup`'s SIG_IGN stays).
    For the commands only: the terminal app installs its own handlers."""
    import signal

    def on_signal(signum, _frame) -> None:
        raise Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, on_signal)


@contextmanager
def ctrl_c_stops(
    stop: threading.Event, *, termination: bool = False, at_once: Callable[[], bool] | None = None
) -> Iterator[list[int]]:
    """While a long pass runs (a fetch, preparing the comparisons), ctrl+c sets `stop` instead of
    raising KeyboardInterrupt wherever the main thread happens to be: the pass stops at its next
    check and its report still says how far it got. A second ctrl+c interrupts as usual.
    `termination`: SIGTERM and SIGHUP too (where stop_on_termination_signals made them raise
    Stopped), whose numbers are added to the list yielded: `timeout 10m reader fetch` in a cron
    job ended with "stopped by SIGTERM" alone, the articles stored by then never listed.
    `at_once()` true: the pass has nothing to let finish yet, and the signal interrupts as usual
    (a read from a hung mount, retried after the handler, held the pass till a second ctrl+c)."""
    signals: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield signals
        return
    # A shell starts a background job (`reader fetch &`) with SIGINT ignored, so that a ctrl+c meant
    # for the foreground job passes it by: that choice is kept, not undone by a handler of ours.
    caught = [] if signal.getsignal(signal.SIGINT) is signal.SIG_IGN else [signal.SIGINT]
    if termination:
        caught += [
            signum
            for name in ("SIGTERM", "SIGHUP")
            if (signum := getattr(signal, name, None)) is not None
            and signal.getsignal(signum) not in (signal.SIG_DFL, signal.SIG_IGN, None)
        ]

    def on_signal(signum, frame) -> None:
        stop.set()
        if signum != signal.SIGINT:
            signals.append(signum)
        signal.signal(signum, previous[signum])  # a second one interrupts as usual
        if at_once is not None and at_once():
            handler = previous[signum]
            if callable(handler):
                handler(signum, frame)  # raises: KeyboardInterrupt, Stopped
            raise KeyboardInterrupt

    previous = {signum: signal.signal(signum, on_signal) for signum in caught}
    try:
        yield signals
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class CommandError(Exception):
    """A failure to report as one clear line on stderr with a non-zero exit code."""

    def __init__(self, message: str, code: int = 1, details: list[str] | None = None):
        super().__init__(message)
        self.code = code
        self.details = details or []  # lines said after it, each its own (print_error)


JSON_LINES_HELP = "print JSON Lines: each record as one compact JSON object on a line of its own (for grep, head, while read, pandas' lines=True)"


def add_json_options(parser) -> None:
    """--json (one indented array) or --jsonl (JSON Lines, the same records), one or the other,
    for a command that prints records. Both set `json` ("array" or "lines"), so a check of
    `args.json` holds for either."""
    form = parser.add_mutually_exclusive_group()
    add_json_options_to_group(form)


def add_json_options_to_group(form) -> None:
    """add_json_options into an existing group of output forms (coverage's --csv)."""
    form.add_argument("--json", action="store_const", const="array", dest="json", help="print JSON")
    form.add_argument("--jsonl", action="store_const", const="lines", dest="json", help=JSON_LINES_HELP)


def emit_records(records: list[dict], form: str) -> None:
    """The records as --json ("array") or --jsonl ("lines") asked. With --jsonl an empty result
    prints nothing (as grep), and `reader list --jsonl | head -n 5` is five whole records where
    `--json | head -c` was broken JSON."""
    if form != "lines":
        emit_json(records)
        return
    ascii_only = not writes_unicode(sys.stdout)
    # json.dumps escapes every line break in a string, and _unsafe_escaped U+2028/U+2029 and the
    # C1 controls: a record is one line to every reader of lines (str.splitlines too). One write,
    # as emit_json's.
    lines = (json.dumps(record, ensure_ascii=ascii_only, separators=(",", ":")) + "\n" for record in records)
    sys.stdout.write(_unsafe_escaped("".join(lines)))


def emit_json(data: Any) -> None:
    # One write: json.dump() writes each of its ~30 pieces per article separately (0.3 s of the
    # 0.5 s `reader list --json` took at 10,000 articles). Into a stream that is not UTF-8 (a
    # Latin-1 locale, PYTHONIOENCODING=ascii), \u escapes: the same JSON, nothing replaced.
    ascii_only = not writes_unicode(sys.stdout)
    sys.stdout.write(_unsafe_escaped(json.dumps(data, ensure_ascii=ascii_only, indent=2)) + "\n")


# What json.dumps writes as itself but must not reach a terminal or a consumer raw: C1 controls
# (U+009B is a CSI to a terminal that reads 8-bit controls), DEL, the bidirectional controls (a
# title's U+202E reversed the rest of its line in `reader list --json` on a terminal: the data
# keeps them, reader.corpus.decode.BIDI_CONTROLS), the line and paragraph separators (a line
# break to some consumers), and lone surrogates (a byte of a file name that is not UTF-8, kept by
# surrogateescape: `reader show $'bad\xffname.txt'`'s `path`, written as the raw byte 0xff, was
# no UTF-8 that jq or json.load would read). Each becomes a \u escape, as ensure_ascii writes
# it: json.loads gives the very character back (os.fsencode the file's bytes). JSON's own
# syntax is ASCII, so every such character is inside a string.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _unsafe_escaped(text: str) -> str:
    """JSON text with the characters of _UNSAFE_IN_JSON as \\u escapes."""
    if text.isascii():  # in C: the usual output (ensure_ascii, or English text) costs no search
        return text
    return _UNSAFE_IN_JSON.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def writes_unicode(stream) -> bool:
    """Whether `stream` can encode every character (a UTF encoding)."""
    name = _codec_name(stream)
    return name.startswith("utf") or name == "gb18030"


def writes_utf8(stream) -> bool:
    """Whether `stream` writes UTF-8 (what a document declaring encoding="UTF-8" must be in)."""
    return _codec_name(stream).startswith("utf-8")


def _codec_name(stream) -> str:
    """The normalized name of the encoding `stream` writes ("utf-8", "iso8859-1"); "" if unknown."""
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    except LookupError:
        return ""


COLOUR_MODES = ("auto", "always", "never")
_colour_mode = "auto"  # set once by main() from --color


def set_colour_mode(mode: str) -> None:
    global _colour_mode
    _colour_mode = mode if mode in COLOUR_MODES else "auto"


def use_colour(stream=None) -> bool:
    """--color=always/never decide; auto: a terminal, NO_COLOR unset or empty, TERM not dumb."""
    if _colour_mode != "auto":
        return _colour_mode == "always"
    stream = sys.stdout if stream is None else stream
    return _isatty(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _isatty(stream) -> bool:
    # None: Python found the stream closed at start-up (`reader list >&-`)
    return stream is not None and stream.isatty()


def is_terminal(stream=None) -> bool:
    return _isatty(sys.stdout if stream is None else stream)


def progress_enabled() -> bool:
    """Progress goes to stderr, and only when stderr is a terminal that can take it: TERM=dumb
    (Emacs's shell and compile buffers) shows the line's escape codes as text, line after line."""
    return _isatty(sys.stderr) and os.environ.get("TERM") != "dumb"


def column(text: str, width: int) -> str:
    """`text` in exactly `width` terminal columns: cut between words with "…" (clipped_cells), then
    padded. `f"{text:<20.20}"` counts characters, so a CJK outlet name took twice its column, and
    cut "Deutsche Welle Englis" with nothing to say it was cut."""
    from reader.wording import clipped_cells

    text = clipped_cells(text, width)
    return text + " " * (width - cells_of(text))


# A title cut to a narrow terminal keeps this many columns at least, however long the line's
# other fields: a few words of it say more than a wrapped line.
TITLE_CELLS_AT_LEAST = 12
# The outlet's column on a listing's line, and the least it narrows to on a narrow terminal.
OUTLET_CELLS = 20
OUTLET_CELLS_AT_LEAST = 10


def cells_of(text: str) -> int:
    """The terminal columns `text` takes (a CJK character two, a combining mark none)."""
    from reader.wording import char_cells

    return len(text) if text.isascii() else sum(char_cells(char) for char in text)


def title_fitted(title: str, room: int | None) -> str:
    """`title` cut between words with "…" to `room` terminal columns (TITLE_CELLS_AT_LEAST at
    least), a line's room on a terminal; whole when `room` is None (a pipe, --json: scripts and
    grep get every word)."""
    if room is None:
        return title
    return clipped_cells(title, max(room, TITLE_CELLS_AT_LEAST))


def terminal_columns() -> int | None:
    """The terminal's width in columns when standard output is one (COLUMNS if set), else None."""
    import shutil

    return shutil.get_terminal_size().columns if is_terminal() else None


def outlet_cells_for(columns: int | None, fixed: int) -> int:
    """The outlet column's width on a terminal `columns` wide whose lines have `fixed` columns
    besides the outlet and the title: narrowed (OUTLET_CELLS_AT_LEAST at least) before the
    title is cut below twice its least, so that a 60-column terminal still shows the title's first
    words. OUTLET_CELLS in a pipe."""
    if columns is None:
        return OUTLET_CELLS
    spare = columns - 1 - fixed - 2 * TITLE_CELLS_AT_LEAST
    return max(OUTLET_CELLS_AT_LEAST, min(OUTLET_CELLS, spare))


# The least an outlet's column narrows to when even the ids' shortest starts leave too little
# room: "Fox…" (outlets this makes alike are told apart by their initials: RowLayout.with_outlets).
OUTLET_CELLS_NARROWEST = 4
# The gaps on a listing's line: two columns after the date, the outlet and the title.
ROW_GAPS = 6
DATE_CELLS = len("2025-01-01")
UNDATED = "----------"  # an undated article's date on its line


@dataclass(frozen=True)
class RowLayout:
    """How `list` and `stories` lay out an article's line (row_layout): the terminal's width in
    columns (None in a pipe), the outlet column's width, each id as shown (whole, or its
    shortest start on a narrow terminal) and whether the date has a column of its own."""

    columns: int | None
    outlet_cells: int
    idents: dict[str, str]
    dated: bool = True
    outlet_names: dict[str, str] = field(default_factory=dict)  # as with_outlets tells them apart
    # the id on a line of its own under the article's, when even its shortest start leaves the
    # title less than its least (ids sharing a long start not made of dates wrapped at 40)
    id_below: bool = False

    def ident(self, article_id: str) -> str:
        return self.idents.get(article_id) or untrusted_shown(article_id)

    def with_outlets(self, outlets: Iterable[str]) -> RowLayout:
        """This layout with the outlets of its lines (as shown) told apart in its outlet column
        (outlets_told_apart): "The…" was both The New York Times and The Moscow Times at 40."""
        from reader.wording import outlets_told_apart

        return replace(self, outlet_names=outlets_told_apart(outlets, self.outlet_cells))


def article_row(
    date: str, outlet: str, title: str, article_id: str, *, marks: tuple[str, str] = ("", ""), layout: RowLayout
) -> tuple[str, str, str, str]:
    """(date and its gap, outlet column, title, id as shown) of an article's line in `list` and
    `stories`: the title between its `marks` (a star before, a version's and an update's after)
    cut to what the terminal's width leaves it (row_layout): the date, the outlet's column and the
    id stay whole. The date is "" when the layout leaves it out (the shown id begins with it)."""
    before, after = marks
    ident = layout.ident(article_id)
    date = f"{date}  " if layout.dated else ""
    columns = layout.columns
    beside = "" if layout.id_below else f"  {ident}"
    room = None if columns is None else columns - 1 - layout.outlet_cells - cells_of(f"{date}  {before}{after}{beside}")
    outlet = layout.outlet_names.get(outlet, outlet)
    return date, outlet_column(outlet, layout.outlet_cells), before + title_fitted(title, room) + after, ident


def row_layout(rows: Iterable[tuple[str, str]], every_id: Callable[[], Iterable[str]], indent: int = 0) -> RowLayout:
    """article_row's layout for lines of these (date as shown, article id) `indent` columns in.
    A line wrapped under ~61 columns with long ids (23 columns of "2010-02-20-fox-40b85964"):
    when the title would be left less than its least, each id is shown by its shortest start
    among `every_id()` (the corpus's ids: `reader show` takes it back), then the outlet's column
    narrows to OUTLET_CELLS_NARROWEST, and last the date's column goes when every shown id begins
    with its own date (named by date, as basil's files are), so each line stays one line at 40.
    Ids still too long (a long shared start that is no date) go on a line of their own (id_below)."""
    rows = list(rows)
    whole = {article_id: untrusted_shown(article_id) for _date, article_id in rows}
    columns = terminal_columns()
    if columns is None:
        return RowLayout(None, OUTLET_CELLS, whole)
    columns -= indent

    def fixed(idents: dict[str, str], dated: bool = True) -> int:
        widest = max((cells_of(ident) for ident in idents.values()), default=0)
        return (DATE_CELLS + ROW_GAPS if dated else ROW_GAPS - 2) + widest

    if columns - 1 - fixed(whole) >= OUTLET_CELLS_AT_LEAST + TITLE_CELLS_AT_LEAST:
        return RowLayout(columns, outlet_cells_for(columns, fixed(whole)), whole)
    short = shortest_ids_shown([article_id for _date, article_id in rows], every_id())
    dated = columns - 1 - fixed(short) >= OUTLET_CELLS_NARROWEST + TITLE_CELLS_AT_LEAST or not ids_say_dates(rows)
    if not dated:
        short = ids_with_their_dates(short, rows)
    room = columns - 1 - fixed(short, dated) - TITLE_CELLS_AT_LEAST
    if room < OUTLET_CELLS_NARROWEST:  # the id below: the date, the outlet and the title fit beside
        line = DATE_CELLS + ROW_GAPS - 2
        outlet_cells = max(
            OUTLET_CELLS_NARROWEST, min(outlet_cells_for(columns, line), columns - 1 - line - TITLE_CELLS_AT_LEAST)
        )
        widest = max((cells_of(ident) for ident in whole.values()), default=0)
        below = whole if 4 + widest <= columns - 1 else short  # whole where it fits its line, 4 columns in
        return RowLayout(columns, outlet_cells, below, True, id_below=True)
    outlet_cells = max(OUTLET_CELLS_NARROWEST, min(outlet_cells_for(columns, fixed(short, dated)), room))
    return RowLayout(columns, outlet_cells, short, dated)


def row_line(parts: tuple[str, str, str, str], layout: RowLayout, colour: bool, indent: str = "") -> str:
    """An article's line in `list` and `stories` of article_row's `parts`, `indent` columns in:
    its id after the title, or on a line of its own below it, further in (layout.id_below)."""
    date, outlet, title, ident = parts
    if colour:
        date, outlet, ident = f"\x1b[2m{date}\x1b[0m", f"\x1b[36m{outlet}\x1b[0m", f"\x1b[2m{ident}\x1b[0m"
    if layout.id_below:  # further in than the line's start, less so for an id that would not fit
        room = (layout.columns or 0) + len(indent) - 1 - cells_of(parts[3])
        return f"{indent}{date}{outlet}  {title}\n{(indent + '    ')[: max(room, 0)]}{ident}"
    return f"{indent}{date}{outlet}  {title}  {ident}"


def shortest_ids_shown(ids: Iterable[str], every_id: Iterable[str]) -> dict[str, str]:
    """{id: its shortest start among `every_id` (the corpus's), as a message shows a name}."""
    from reader.listing import shortest_id_starts

    starts = shortest_id_starts(every_id)
    return {article_id: untrusted_shown(starts.get(article_id, article_id)) for article_id in ids}


def story_ids_shown(ids: Iterable[str], every_id: Iterable[str]) -> dict[str, str]:
    """{story id: its start as a narrow terminal's listing shows it}: the shortest start among
    `every_id` (the corpus's story ids: --story, `compare` and `show` take it back), at least
    SHORTEST_NAME_START (what `show` takes for a story's: "s" and 5 hex digits, as git's least is a
    few), and every id of the listing as long as its longest, so they line up."""
    from reader.library import SHORTEST_NAME_START
    from reader.listing import shortest_id_starts

    ids = list(ids)
    starts = shortest_id_starts(every_id)
    width = max([SHORTEST_NAME_START, *(len(starts.get(story_id, story_id)) for story_id in ids)])
    return {story_id: untrusted_shown(story_id[:width]) for story_id in ids}


def ids_say_dates(rows: Iterable[tuple[str | None, str]]) -> bool:
    """Whether each (date, id) of a listing has an id that begins with its date (basil's files are
    named so), which lets a narrow terminal's line leave the date out."""
    return all(date and date[:1].isdigit() and article_id.startswith(date) for date, article_id in rows)


def ids_with_their_dates(idents: dict[str, str], rows: Iterable[tuple[str | None, str]]) -> dict[str, str]:
    """`idents` each at least its article's whole date, for a line without the date: "2010-06-1"
    was the shortest start of the one article of 2010-06-14."""
    return {article_id: max(idents[article_id], date or "", key=len) for date, article_id in rows}


def outlet_column(outlet: str, width: int = OUTLET_CELLS) -> str:
    """column() of an outlet's name: two sites of one shared host stay apart in it
    (outlet_clipped_cells: "sites…riverside-club", "sites…harbour-club")."""
    from reader.wording import outlet_clipped_cells

    return column(outlet_clipped_cells(outlet, width), width)


SUGGESTED_LOCK_WAIT = 600  # the wait first suggested: 10 minutes


def busy_advice(busy: str, again: str) -> str:
    """`busy` (another process held a lock all the wait: the index's, `reader index`; the fetch
    state's, `reader fetch` and `feed add`) and how to wait longer, told what READER_LOCK_WAIT
    already was: advice to set it, to a user who had, read as if it had been ignored. One wording
    for every lock. `again` re-runs the command."""
    from reader import config

    if config.lock_wait_given() is None:
        return f"{busy}, or wait up to 10 minutes for it: `READER_LOCK_WAIT={SUGGESTED_LOCK_WAIT} {again}`"
    waited = config.lock_wait()  # (a bad value stopped the command before it took a lock)
    was = f"READER_LOCK_WAIT={waited:g}"
    if waited >= config.LONGEST_LOCK_WAIT:
        return f"{busy}: it held the lock for all of {was}, the longest wait there is; is it stuck?"
    longer = SUGGESTED_LOCK_WAIT if waited < SUGGESTED_LOCK_WAIT else min(config.LONGEST_LOCK_WAIT, round(waited * 4))
    gave = f"the {waited:g} s {was} set" if waited else f"{was} (no wait)"
    return f"{busy}, or wait longer than {gave}: `READER_LOCK_WAIT={longer} {again}`"


def strip_controls_for_terminal(text: str) -> str:
    """Last line of defence for plain-text output: no escape sequences or bidi controls reach the
    terminal."""
    from reader.corpus.decode import strip_controls, without_bidi_controls

    return without_bidi_controls(strip_controls(text))


def _terminal_columns() -> int:
    """The width of the terminal stderr draws on: COLUMNS when set (as shutil reads it), else the
    terminal's own, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.stderr.fileno()).columns
        except (AttributeError, OSError, ValueError):  # not a real terminal (a test's stand-in)
            columns = 0
    return max(columns, 20) if columns > 0 else 80


# Off a terminal, a command made with plain_lines (`reader index`, and a reading command building
# the index) says where it is on stderr at most once in this many seconds, the first time once it
# has run that long: a build from a script or cron ran six minutes with its log empty; a quick one
# still says nothing.
PLAIN_PROGRESS_SECONDS = 30.0


class ProgressLine:
    """A one-line progress display on stderr, drawn only when stderr is a terminal. Elsewhere
    only a long wait for another process is said, once, as a line of its own; and with
    `plain_lines`, a long run's step now and then (_say_plain)."""

    def __init__(self, label: str = "indexing", json_lines: bool = False, plain_lines: bool = False):
        self.label = label
        self.json_lines = json_lines  # --progress json: a JSON line per step, anywhere
        self.enabled = progress_enabled()
        self.plain_lines = plain_lines  # off a terminal, a plain line every PLAIN_PROGRESS_SECONDS
        self._drawn = False
        self._screen = sys.stderr  # the stream the line is drawn on
        self._said_wait = False
        self._said_last: tuple | None = None
        self._plain_due = time.monotonic() + PLAIN_PROGRESS_SECONDS

    def __call__(self, done: int, total: int, message: str = "") -> None:
        message = secrets_hidden(message)  # the URL of a feed under way: its password not drawn
        if self.json_lines:
            self._say_json(done, total, message)
            return
        if not self.enabled:
            if not total and message.startswith(WAITING_FOR_ANOTHER):
                self._say_long_wait(message)
            elif self.plain_lines:
                self._say_plain(done, total, message)
            return
        if not total and message:
            # A step with no count (grouping the stories, waiting for the lock): it stays on
            # screen while it lasts; the next call or finish() replaces it.
            self._draw(f"{self.label}: ", strip_controls_for_terminal(message))
            return
        percent = f"{100 * done // total:3d}%" if total else "    "
        self._draw(f"{self.label} {percent} {done}/{total} ", strip_controls_for_terminal(message))
        if done >= total and not (total and message.strip()):  # also total == 0 without a message
            self.finish()
        # A full count with words stays until the next call or finish(): it is often the start of
        # a step of its own (the index's "180/180 committing", 1-2 s of a blank line when cleared).
        # Whatever is written next to the terminal clears it first (clear_progress).

    def _say_json(self, done: int, total: int, message: str) -> None:
        """One line `{"progress", "done", "total", "message"}` on stderr, for a script that runs
        a long build off a terminal (which draws nothing): when the words or the whole percent
        change, or the count completes (~100 lines a step, not one per file). JSON escapes every
        control character a file name in `message` may hold."""
        said = (message, 100 * done // total if total else None, bool(total) and done >= total)
        if said == self._said_last:
            return
        self._said_last = said
        line = {"progress": self.label, "done": done, "total": total, "message": message}
        print(json.dumps(line), file=sys.stderr, flush=True)

    def _say_plain(self, done: int, total: int, message: str) -> None:
        """Off a terminal, the step under way as a plain line of its own, "reader: indexing:
        loading articles 1,200/5,000 (24%)", once PLAIN_PROGRESS_SECONDS have passed since the
        start or the last such line: no bar, no escape codes, a log a person can read."""
        now = time.monotonic()
        if now < self._plain_due:
            return
        self._plain_due = now + PLAIN_PROGRESS_SECONDS
        step = " ".join(strip_controls_for_terminal(message).split())  # (a file name's newline: one line)
        count = f"{done:,}/{total:,} ({100 * done // total}%)" if total else ""
        said = " ".join(part for part in (step, count) if part)
        # (one write: a line said from the update's thread is not cut by another's)
        sys.stderr.write(f"reader: {self.label}" + (f": {said}\n" if said else "\n"))
        sys.stderr.flush()

    def _say_long_wait(self, message: str) -> None:
        """Off a terminal, say once what a wait longer than the default waits for: a script or
        a cron job with READER_LOCK_WAIT=600 sat silent for up to ten minutes, its log empty."""
        from reader import config

        try:
            long_wait = config.lock_wait() > config.DEFAULT_LOCK_WAIT
        except config.ConfigError:  # said by the command that reads it
            long_wait = False
        if long_wait and not self._said_wait:
            self._said_wait = True
            print(f"reader: {message}", file=sys.stderr, flush=True)

    def _draw(self, before: str, step: str) -> None:
        """Draw `before` and the longest wording of `step` that fits the terminal's row
        (progress_words: "indexing: grouping into stories" at 40 columns, not cut mid-word)."""
        global _on_screen
        from reader.progress_words import fitted_step

        # Within one row of the terminal: a longer line wraps, \r goes back to its last row only,
        # and each update left a row behind (at 40 columns, one per article prepared).
        self._screen = sys.stderr
        width = min(_terminal_columns(), 121) - 1
        self._screen.write("\r\x1b[2K" + clipped_cells(fitted_step(before, step, width), width))
        self._screen.flush()
        self._drawn = True
        _on_screen = self

    def finish(self) -> None:
        """Clear the line where it was drawn: stderr may be another stream by now (a test's
        capture), which then got an escape code after its last line."""
        global _on_screen
        if self._drawn:
            self._screen.write("\r\x1b[2K")
            self._screen.flush()
            self._drawn = False
        if _on_screen is self:
            _on_screen = None


_on_screen: ProgressLine | None = None  # the progress line drawn last, until it is cleared


def clear_progress() -> None:
    """Clear the progress line on screen, if any, before other text goes to the terminal (the
    command's output, an error or a notice), or the process ends: that text would follow it on
    its row. A reading command's first index build has no finish() of its own."""
    line = _on_screen
    if line is not None:
        try:
            line.finish()
        except (OSError, ValueError):  # stderr is gone: nothing on screen to clear
            pass


def add_progress_option(parser, steps: str) -> None:
    """`--progress auto|json` of a command whose long steps draw a progress line (index, fetch,
    compare): off a terminal nothing is drawn, and a script running one saw nothing. `steps`: what
    the lines' "progress" field names, for the help."""
    parser.add_argument(
        "--progress",
        choices=("auto", "json"),
        default="auto",
        help="auto: a progress line on stderr when it is a terminal; json: a JSON line on stderr as each "
        'step moves on, terminal or not ({"progress", "done", "total", "message"}: for scripts; '
        f'"progress" is {steps})',
    )


def progress_json(args) -> bool:
    """Whether the command was given `--progress json` (add_progress_option)."""
    return getattr(args, "progress", "auto") == "json"


def preparing_comparisons(json_lines: bool = False, plain_lines: bool = False) -> ProgressLine:
    """The progress line of the pass that prepares the comparisons (`reader index`, `reader
    fetch`), on screen at once: the encoder's loading and the stories' reading come before its
    first article, and left a blank line for a second or two under a finished index."""
    line = ProgressLine("preparing comparisons", json_lines, plain_lines)
    line(0, 0, "loading the sentence encoder")
    return line


SKIPPED_PER_REASON = 10  # lines a terminal gets of the files skipped for one reason
# The --verbose of the commands that report skipped files (list, index).
VERBOSE_HELP = (
    f"name every file skipped on stderr, on a terminal too (without it, a terminal gets the first {SKIPPED_PER_REASON} "
    "of each reason and a count of the rest; a pipe always gets them all), and count the files of kinds "
    "the corpus does not read by their suffix (.pdf, .docx, ...)"
)


def report_skipped(items, *, every_one: bool = False, command: str = "reader index --verbose") -> int:
    """The files skipped (or read with a warning), one diagnostic line each on stderr, as ripgrep
    reports a file it cannot read: stdout stays the command's data (`list`'s articles, `index`'s
    counts), whatever is piped. `items` are the index's {"path", "reason"[, "warning"]} dicts.

    On a terminal, and unless `every_one` (`reader index --verbose`, `reader list --verbose`: the
    `command` the last line names, with the corpus options it ran with), the first SKIPPED_PER_REASON files of each kind of
    reason (skip_reason_kind), then one line for the rest ("… and 99,990 more skipped: empty file"):
    100,000 empty files were 100,000 lines to scroll past. Into a pipe or a file, every line, for
    grep and the scripts that read them. Returns how many it named when it named every one, else 0."""
    clear_progress()
    items = list(items)
    cut = not every_one and _isatty(sys.stderr)
    shown: dict[tuple[bool, str], int] = {}
    for item in items:
        warned = bool(item.get("warning"))
        reason = untrusted_shown(str(item.get("reason")))
        group = (warned, skip_reason_kind(reason))
        shown[group] = shown.get(group, 0) + 1
        if cut and shown[group] > SKIPPED_PER_REASON:
            continue
        path = skipped_path(item)  # untrusted_shown: `ls` finds it as written
        if warned:  # the file was read all the same
            print(f"reader: warning: {path}: {reason}", file=sys.stderr)
        else:
            print(f"reader: skipped {path}: {reason}", file=sys.stderr)
    if not cut or all(count <= SKIPPED_PER_REASON for count in shown.values()):
        return len(items)
    for (warned, reason_kind), count in shown.items():
        more = count - SKIPPED_PER_REASON
        if more > 0:
            what = "read with a warning" if warned else "skipped"
            print(
                f"reader: … and {more:,} more {what}: {reason_kind} (`{command}` lists them all)",
                file=sys.stderr,
            )
    return 0


# Where a skip reason's details start: a parenthesis, a colon or semicolon, a quoted value (an
# id, a link's target), or what it is the same as ("same folder as news/world, reached by …").
_REASON_DETAIL = re.compile(r" \(|: |; | '| \"| as ")


def skip_reason_kind(reason: str) -> str:
    """What files skipped for the same cause share of their reasons, their fixed words: those before
    the first detail ("binary (a NUL byte on line 3)", "not UTF-8: …", "same id 'a/b' as a/b.md …"
    give "binary", "not UTF-8", "same id"). Cut at the first parenthesis alone, every file of
    "same id 'x' as PATH" was a kind of its own, never counted with the rest."""
    return _REASON_DETAIL.split(reason, maxsplit=1)[0].strip() or reason


def note_skipped_files(library) -> None:
    """One line on stderr when files of the corpus were skipped (bad input), for a command whose
    answer covers the whole corpus (`search`, `stories`, `coverage`): the answer leaves them out.
    On a terminal or piped, --json or not, as `list` and `index` name each one: a script saw
    nothing of them. Said after the output, which a terminal shows first. Not when every file was
    skipped: report_an_empty_corpus says that, and a second line sent the user to another command."""
    from reader.wording import counted

    skipped = library.skipped_count()
    if skipped and library.articles():
        _said_after_the_output.append(
            f"{counted(skipped, 'file')} of the corpus skipped, not read "
            f"(`{library.command_line('list')}` names {'it' if skipped == 1 else 'them'})"
        )


_said_after_the_output: list[str] = []  # lines for stderr once the command's output is written


def say_what_comes_after_the_output() -> None:
    """The lines note_skipped_files kept, on stderr (main calls it when a command has run)."""
    while _said_after_the_output:
        print_error(_said_after_the_output.pop(0))


def report_no_articles(library, skipped_named: int = 0, indexing: bool = False) -> bool:
    """That the corpus folders hold no article (a wrong --corpus folder is the usual cause), and
    what to put there, on stderr. `skipped_named`: how many skipped files the command has just
    named, every one (report_skipped): when that is all of them, the line points there rather
    than to `index --verbose`, which would only repeat them. `indexing`: said by `reader index`,
    which was told to run `reader index` to index the files it had just found none of.
    True when files were there and every one was skipped: nothing loaded, a failure to read,
    which every command that reads the whole corpus (`index`, `list`, `search`, `stories`,
    `coverage`) answers with exit status 1; an empty folder is nothing
    to list (0, or 1 for `search`, which found nothing)."""
    from reader.wording import counted

    roots = library.roots
    where = ", ".join(str(root) for root in roots)  # print_error shows it as every name is
    skipped = library.skipped_count()
    if skipped:  # articles are there, every one skipped (a drop_lines rule that matches every line):
        # "add … files there" told the user to add what the folder holds
        how = (
            "each named above with its reason"
            if skipped_named >= skipped
            else f"`{library.command_line('index --verbose')}` names each with its reason"
        )
        from reader.corpus.discover import empty_corpus_hidden_note

        hidden = empty_corpus_hidden_note(roots, library.command_line, library.follow_links, skipped)
        print_error(
            f"nothing loaded from {where}: every file there was skipped "
            f"({counted(skipped, 'file or entry', 'files or entries')}; {how})"
            f"{'; ' + hidden if hidden else ''}{_unread_files_note(roots, library.follow_links)}"
        )
        return True
    from reader.corpus.discover import empty_corpus_hidden_note

    hidden = empty_corpus_hidden_note(roots, library.command_line, library.follow_links, skipped)
    if hidden:
        print_error(f"no articles in {where}: {hidden}{_unread_files_note(roots, library.follow_links)}")
        return False
    again = " again" if indexing else ""
    print_error(
        f"no articles in {where}: add plain text, Markdown, HTML, RSS/Atom, JSON or JSON Lines "
        f"files there (`{library.command_line('index')}`{again} indexes them){_unread_files_note(roots, library.follow_links)}"
    )
    return False


def say_unread_files(library, articles: int, *, other_kinds: bool = True, counts=None):
    """On stderr, with `other_kinds`, the corpus's files of kinds it does not read, counted by
    suffix; the counts (unread_kinds's, walked here unless given), for `index --json`.
    `articles`: how many the corpus loaded, which bounds the walk (unread_walk_limit)."""
    from reader.corpus.discover import unread_kinds, unread_kinds_note, unread_walk_limit

    if counts is None:
        counts = unread_kinds(library.roots, unread_walk_limit(articles), follow_links=library.follow_links)
    if other_kinds and (kinds_note := unread_kinds_note(library.roots, counts)):
        print_error(kinds_note)
    return counts


def _unread_files_note(roots, follow_links: bool) -> str:
    """What the folders hold that is not read, by suffix: a folder of PDFs was only said to be
    empty, which looked like a wrong path."""
    from reader.corpus.discover import kinds_named, unread_kinds

    counts = unread_kinds(list(roots), follow_links=follow_links)  # as the corpus walks them
    if not counts:
        return ""
    return f"; reader reads files by their suffix, and not those there ({kinds_named(counts)})"


# What report_an_empty_corpus said: a folder of no article file, or one whose every file was skipped.
EMPTY: Final = "empty"
NOTHING_LOADED: Final = "nothing loaded"


def report_an_empty_corpus(library) -> Literal["empty", "nothing loaded"] | None:
    """report_no_articles when the corpus holds no article at all: for a command that found
    nothing (`search`, `stories`, `coverage`), whose "no results" left a mistyped --corpus unsaid,
    as ripgrep says when it searched no file. None when the corpus has articles (nothing said),
    else what was said: EMPTY (nothing to list) or NOTHING_LOADED (every file skipped, exit
    status 1). Either way the command's own "no stories" or "no results" is not said after it:
    after "nothing loaded" it read as though the corpus had been read and had none, and after
    "no articles in DIR" it only said that again."""
    if library.holds_articles():
        return None
    return NOTHING_LOADED if report_no_articles(library) else EMPTY


def print_error(message: object) -> None:
    """One "reader: ..." line on stderr. The message may quote a file name, an argument or a
    server's words: a control character, an escape sequence, a bidi control or a line break in it
    is shown escaped ("\\x1b", "\\n"), as the corpus's skipped names are (untrusted_shown), and a
    byte of an argument that is not UTF-8 as "\\xff" (not "\\udcff", nor "\ufffd")."""
    clear_progress()
    try:
        print(f"reader: {error_text(message)}", file=sys.stderr)
        for line in getattr(message, "details", None) or ():  # the candidates of an ambiguous name
            print(f"reader: {error_text(line)}", file=sys.stderr)
    except (OSError, ValueError):  # stderr is full or gone: there is nowhere left to say it
        pass


def error_text(message: object) -> str:
    """A message as print_error shows it: one line, each control character, escape sequence or
    bidi control escaped (untrusted_shown: the one rule for a name in a message), a byte that is
    not UTF-8 as "\\xff", and a long word of input (a 5,000-character id) cut in the middle, as
    is the whole line past LINE_SHOWN characters."""
    from reader.wording import shortened

    return shortened(untrusted_shown(str(message)))


def say_nothing_found(message: str) -> None:
    """That a listing is empty ("no stories"): on a terminal in its place; piped, on stderr, so that
    the data stream stays empty (`reader stories --min-size 9 | wc -l` counted the sentence as a
    story) while whoever runs it still reads why nothing came."""
    say_aside(message)


def say_aside(message: str, styled: str | None = None, *, gap: bool = False) -> None:
    """A line about the output rather than of it (a count: "20 of 143 results", a hint): on a
    terminal, in the output (`styled` its coloured form, after a blank line when `gap`); piped,
    on stderr ("reader: ..."), as ripgrep keeps its talk off the data: `reader search x | wc -l`
    counted the count line as a result, and `| tail -1` read it as the last one."""
    if is_terminal():
        if gap:
            print()
        print(message if styled is None else styled)
    else:
        print_error(message)


def names_standard_input(target: str) -> bool:
    """Whether an ARTICLE argument is standard input: `-`, or `-#n` for its article n."""
    from reader.library import STDIN

    base, sep, number = target.rpartition("#")
    return (base if sep and number.isdigit() else target) == STDIN


class Articles:
    """The articles that ARTICLE arguments name, for one command: standard input (`-`, `-#n`)
    is read once, when first named, and each `-` of the command reads the same bytes (`reader
    compare -#1 -#2` compares two entries of a feed piped in)."""

    def __init__(self, library, command: str):
        self.library = library
        self.command = command
        self._piped: bytes | None = None

    def at(self, target: str) -> list:
        if not target.strip():  # a usage error (2), as `search ''` is: not an article that was not found (1)
            raise CommandError("an empty article id or path (is a shell variable unset?)", code=2)
        if not names_standard_input(target):
            return self._named(target)
        import io

        if self._piped is None:
            self._piped = self._read_standard_input()
        return self.library.articles_of_stream(io.BytesIO(self._piped), target)

    def _named(self, target: str) -> list:
        """The articles at `target`, or, when none is, at the id `target` is as typed: in a Latin-1
        terminal `reader show café` hands over the byte 0xe9, which no UTF-8 id holds."""
        from reader.library import ArticleNotFound

        try:
            return self.library.articles_at(target, typed=True)
        except ArticleNotFound as not_found:
            typed = typed_words(target)
            if typed == target:
                raise
            try:
                return self.library.articles_at(typed, typed=True)
            except ArticleNotFound:
                raise not_found from None  # named as typed: the byte, `'caf\xe9'`

    def _read_standard_input(self) -> bytes:
        from reader.corpus import MAX_COLLECTION_BYTES

        # compare takes two: `reader compare - < page.html` alone would be a usage error too
        dash = f"{self.command} - B" if self.command == "compare" else f"{self.command} -"
        refuse_a_terminal_as_input("the article", f"curl -s URL | reader {dash}, or reader {dash} < page.html")
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            return b""
        try:
            return stream.read(MAX_COLLECTION_BYTES + 1)  # one byte over: the loader says it is too large
        except OSError as exc:
            raise CommandError(f"cannot read standard input: {(exc.strerror or str(exc)).lower()}") from exc


def input_bytes(name: str, what: str, example: str, read=None) -> bytes:
    """The bytes of the file `name` (`-`: standard input, never a terminal), or a usage error
    saying why they cannot be read. `read(stream, shown)` reads them when given (a bounded read);
    `what` names the input in the messages ("the OPML file"), `example` how to pipe it."""
    read = read or (lambda stream, _shown: stream.read())
    if name == "-":
        refuse_a_terminal_as_input(what, example)
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise CommandError(f"no standard input to read {what} from", code=2)
        return read(stream, "standard input")
    try:
        with open(name, "rb") as handle:
            return read(handle, untrusted_shown(name))
    except OSError as exc:
        raise CommandError(f"cannot read {untrusted_shown(name)}: {exc.strerror or exc}", code=2) from None


def bounded_read(stream, limit: int, name: str, unlike: str) -> bytes:
    """At most `limit` bytes of `stream` (for input_bytes' `read`), or a usage error saying it is
    larger, so `unlike` what is wanted, and that nothing was imported: a file whose size says so is
    not read, a stream (a pipe, /dev/zero) is read no further. `feed import /dev/zero` read until
    the system killed reader."""
    import stat

    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor (a test's stream)
        status = None
    too_large = status is not None and stat.S_ISREG(status.st_mode) and status.st_size > limit
    data = b"" if too_large else stream.read(limit + 1)
    if too_large or len(data) > limit:
        raise CommandError(f"{name}: over {limit // 2**20} MB, {unlike} (nothing was imported)", code=2)
    return data


def refuse_a_terminal_as_input(what: str, examples: str) -> None:
    """A usage error (2) when '-' would read `what` from a standard input that is a terminal:
    waiting for it to be typed in (as cat does) looks like a hang; say how to pipe it in."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        raise CommandError(
            f"'-' reads {what} from standard input, which is a terminal here: pipe one in ({examples})", code=2
        )


STORY_ARTICLES_SHOWN = 5  # a story's article ids a message names


def story_instead(library, target: str, not_found: Exception, command: str) -> str | Exception | None:
    """The line for an ARTICLE of `command` (show, quotes) that names no article but was meant as
    a story: a story's id or start ("… is a story, not an article: `reader show A B` shows its
    articles"), one mistyped ("did you mean the story …?"), or one of a story's form that names
    none now (an update renamed it). `show s6c4e89cf3b` said only "no article with id". None for
    other names: the article's own line stays."""
    from reader.library import SHORTEST_NAME_START, StoryIdShared, StoryNotFound, UnknownArticle

    if not (isinstance(not_found, UnknownArticle) and not_found.nothing_near):
        return None
    stories = library.stories_or_empty()
    try:  # the start of a story's id, as compare takes it, but no short name ("s" starts them all)
        story_id = library.story_named(target, stories) if len(target) >= SHORTEST_NAME_START else None
    except StoryNotFound:
        story_id = None
    except StoryIdShared as exc:  # the stories that have it, one a line
        return exc
    story = next((s for s in stories if s.id == story_id), None)
    if story is not None:
        return f"{story.id} is a story, not an article: {_its_articles(library, story, command)}"
    return story_meant(library, target, stories, lambda meant: _its_articles(library, meant, command))


def _its_articles(library, story, command: str) -> str:
    """ "`reader show A B` shows its articles" (the first few, and how many more)."""
    from reader.wording import shell_word

    shown = " ".join(shell_word(article) for article in story.articles[:STORY_ARTICLES_SHOWN])
    rest = len(story.articles) - STORY_ARTICLES_SHOWN
    more = f" (and {rest} more: `{library.command_line('stories')}` lists them)" if rest > 0 else ""
    does = "shows" if command == "show" else "finds the quotations of"
    return f"`{library.command_line(f'{command} {shown}')}` {does} its articles{more}"


def story_meant(library, target: str, stories: list, how) -> str | None:
    """The line for a name that is no article's nor story's id but was plainly meant as a story's:
    one mistyped (capitals, a character or two off): "did you mean the story …? (`how(story)`)";
    one of a story's form that names none now: why story ids change. None otherwise."""
    from reader.library import STORY_ID_CHANGES, has_story_id_form, story_id_meant

    meant = story_id_meant(target, [story.id for story in stories])
    if meant is not None:
        story = next(s for s in stories if s.id == meant)
        return f"no article or story with id {target!r}; did you mean the story {meant!r}? ({how(story)})"
    if has_story_id_form(target):
        return (
            f"no article or story with id {target!r} ({STORY_ID_CHANGES}: "
            f"`{library.command_line('stories')}` lists them as they are now)"
        )
    return None


def found_articles(
    library, targets: list[str], command: str = "show", failed: list[dict] | None = None
) -> tuple[list, int]:
    """The articles `targets` name, in order, and the exit status: 0 when every one was found.
    Each one that is not is reported on stderr (one line) and the others are still given, as cat
    does with files: one bad id in a list loses nothing else. An id that cannot be looked up
    because the index cannot be built, or is being built by another process (its files are still
    read by path), is reported the same way, with the status `reader index` would exit with (2
    for an index folder it cannot write, 3 while another process builds it); so is a `-` with
    no standard input to read (2: a terminal). `failed` gets each target not given, as
    nothing_found_json lists it."""
    from reader.library import ArticleNotFound, IndexBusy, IndexFailure, IndexLocationError

    named = Articles(library, command)
    found, status = [], 0
    for target in targets:
        try:
            found.extend(named.at(target))  # a feed's path: each of its articles
            continue
        except ArticleNotFound as exc:
            reason, code = story_instead(library, target, exc, command) or exc, exc.exit_status
        except CommandError as exc:
            reason, code = exc, exc.code
        except (IndexLocationError, IndexFailure, IndexBusy) as exc:
            reason = exc
            code = 2 if isinstance(exc, IndexLocationError) else 3 if isinstance(exc, IndexBusy) else 1
        print_error(reason)
        status = max(status, code)
        if failed is not None:
            failed.append({"name": target, "reason": str(reason), "status": code})
    return found, status


def nothing_found_json(failed: list[dict]) -> dict:
    """What `show --json` and `quotes --json` print when not one of the articles named was given
    (each named on stderr): `[]` with exit status 2 read as an empty article, not as the error
    it was. `failed`: found_articles's, each name as given, the reason stderr said and its exit status."""
    names = " or ".join(repr(entry["name"]) for entry in failed[:3]) + (" or more" if len(failed) > 3 else "")
    return {"error": f"nothing to print: no article found or read for {names}", "failed": failed}


def article_fields(library, article) -> dict:
    """An article as every command's JSON names it, the same keys as `list --json`'s first: `story`
    the index's story id (null for a file outside the index), `path` its file; then `author` its
    author(s) as one string (null when not known), `inferred` the metadata fields worked out from
    the text or the path rather than given (README, "The corpus"); then its place among the
    versions of a page `reader fetch` kept again (`version`, `previous`, `replaced_by`, as `list`
    gives them; 1, null, null for a file outside the index), `indexed` false for such a file
    (read from it alone: outside the corpus, standard input, or before the first index). `url`
    is whole, a newsletter's "?token=…" too: the article's own data, which a script opens or keeps
    (`reader show` writes its secrets *** for the eye, as every line reader prints)."""
    indexed, story = library.story_as_indexed(article)
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "date": article.date,
        "url": article.url,
        "story": story,
        "path": str(article.path),
        "author": article.author,
        "time": article.time,
        "fetched": article.fetched,  # when `reader fetch` fetched it (UTC), not when it was published
        "inferred": sorted(article.inferred or ()),
        "title_source": article.title_source,
        "indexed": indexed,  # false: `story` and the versions' keys were not looked up in an index
        **library.listed_versions(article),  # `version`, `previous`, `replaced_by` as list --json's
    }


def add_date_options(parser, which: str) -> None:
    """--since D and --until D ("only {which} D or later"), calendar or relative dates (the latter
    turned into ISO days as they are read)."""
    from reader.relative_dates import RELATIVE_HELP, absolute

    for flag, side in (("--since", "later"), ("--until", "earlier")):
        parser.add_argument(
            flag,
            metavar="D",
            type=absolute,
            help=f"only {which} D or {side} (YYYY-MM-DD, YYYY-MM, YYYY, or {RELATIVE_HELP})",
        )


def check_date_options(args) -> None:
    """--since and --until read as every command reads them (reader/calendar_dates.py), or
    CommandError (exit 2) with the one-line hint."""
    from reader.calendar_dates import bound_problem, empty_range

    for flag, value in (("--since", args.since), ("--until", args.until)):
        problem = bound_problem(flag, value)
        if problem:
            raise CommandError(problem, code=2)
    if empty_range(args.since, args.until):
        raise CommandError(f"the date range is empty: --since {args.since} is after --until {args.until}", code=2)


def range_said(since: str | None, until: str | None) -> str:
    """--since/--until as a message says them: "2025-10 to 2025-11", "2w or later"."""
    if since and until:
        return f"{since} to {until}"
    return f"{since} or later" if since else f"{until} or earlier"


def whole_number_option(option: str, value: str | int | None, minimum: int, rule: str) -> int | None:
    """A whole-number option's value (None when not given), or CommandError (exit 2) in one line,
    as a bad date is (`--limit abc` was argparse's usage and "invalid int value: 'abc'"). The
    option's `type` is left to str so that its value is judged here. `rule` says what it must
    be ("0 (all the results) or more")."""
    if value is None or isinstance(value, int):
        number = value
    else:
        try:
            number = int(value.strip())
        except ValueError:
            raise CommandError(f"{option} must be a whole number (got {value!r})", code=2) from None
    if number is not None and number < minimum:
        raise CommandError(f"{option} must be {rule}", code=2)
    return number


# What an ARTICLE argument may be, for every command that takes one (show, quotes, compare).
ARTICLE_HELP = (
    "article id (or its start, when no other id starts the same, but not a folder's whole name), file path, PATH#n for the "
    "n-th article of a file that holds several (JSON Lines, a feed, a JSON list), or - to read it from standard input"
)


STORY_HELP = "only articles of this story (its id, as `reader stories` gives it, or its start)"


# Said under `show --help` and `quotes --help`, as `search --help` says its own.
ARTICLES_EXIT_STATUS = (
    "exit status: 0 when every article was found, 1 when one could not be read (the others are still "
    "printed, as cat does with files), 2 for one that names no article (no id or path is it, or several "
    "ids start with it; the others are still printed) or another usage error (a bad option, an empty "
    "ARTICLE, a folder given as one, - on a terminal). When none was found, --json prints "
    '{"error", "failed": [{"name", "reason", "status"}]}, naming each.'
)


# Why every command that reads the whole corpus (`index`, `list`, `search`, `stories`, `coverage`)
# exits with status 1 when the corpus has files and every one was skipped: nothing loaded is a
# failure to read, as an article file that cannot be read is, not an empty answer.
NOTHING_LOADED_HELP = (
    "1 when the corpus has files but every one was skipped (nothing loaded: stderr says how many "
    "and which command names them)"
)


def listing_exit_status(usage: str = "a bad option or value") -> str:
    """Said under the --help of a command that lists (`list`, `stories`, `coverage`): nothing to
    list is no failure, as for `ls` and `git log`, but nothing loaded is; `search` and `compare A`,
    which look for something (matches, another outlet's version of A), exit 1 when they find
    nothing (as grep)."""
    return (
        "exit status: 0, also when there is nothing to list (the output is then empty, or [] with "
        f"--json, and stderr says why); {NOTHING_LOADED_HELP}; 2 for a usage error ({usage})."
    )


def add_update_option(parser) -> None:
    """--update for the reading commands (they read the last committed index by default)."""
    parser.add_argument(
        "--update",
        action="store_true",
        help="bring the index up to date before reading it (default: use it as it is, and say "
        "when the corpus changed since; `reader index` updates it)",
    )


def open_library(args, *, progress: ProgressLine | None = None, reading: bool = True, files_first: bool = False):
    """The Library for the global --corpus/--index options, or a CommandError saying what is wrong.

    For a reading command (`reading`), the last committed index is used as it is, unless the
    command has --update or there is no index yet; with `files_first` (`show`, `quotes`), an
    article named by its whole id or path is then read from its file, the index left for later
    (said on a terminal)."""
    from reader.config import ConfigError
    from reader.library import Library

    def notice(message: str) -> None:
        clear_progress()
        print(f"reader: {error_text(message)}", file=sys.stderr)

    try:
        if args.corpus:
            # The config's corpus is not needed then, but a broken config.yaml is still said, as
            # it is without --corpus: `reader --corpus ~/news list` exited 0 where `reader list`
            # and `reader --corpus ~/news index` stopped with exit 2 (as git does on a bad config).
            from reader.config import load_user_config

            load_user_config()
        library = Library(
            args.corpus,
            args.index,
            progress=progress or ProgressLine(plain_lines=True),  # (a first build from a script: said now and then)
            on_notice=notice,
            follow_links=getattr(args, "follow_links", False),
        )
    except (FileNotFoundError, ConfigError) as exc:
        raise CommandError(str(exc), code=2) from exc
    if not args.corpus:  # the corpus came from config.yaml: a typo there (`corpsu:`) is no silent seeds
        from reader.config import load_user_config
        from reader.config_check import unknown_key_problems

        for problem in unknown_key_problems(load_user_config()):
            notice(problem)
    if reading:
        library.open_for_reading(
            update=bool(getattr(args, "update", False)), files_first=files_first, say_files_first=progress_enabled()
        )
    return library


def typed_words(value: str) -> str:
    """An argument that is words, not a path (a query, an outlet's name), read as typed. In a locale
    whose encoding cannot read the terminal's UTF-8 (LC_ALL=C with PYTHONUTF8=0), Python hands the
    bytes of `Кремль` over as lone surrogates, which matched no word: "the query has no words to
    search for" (exit 2). They are read as the UTF-8 they are, else in the locale's encoding;
    bytes that are neither stay."""
    if not any("\udc80" <= char <= "\udcff" for char in value):
        return value
    import locale

    typed = os.fsencode(value)
    # UTF-8 first (a UTF-8 terminal under LC_ALL=C), then the locale's own encoding (`café` typed
    # in a Latin-1 terminal, where reader started again in UTF-8 mode: see reader.console).
    for encoding in ("utf-8", locale.getencoding()):
        try:
            return typed.decode(encoding)
        except (UnicodeError, LookupError):
            continue
    return value


def resolve_outlet(library, asked: str | None) -> str | None:
    """The outlet name that --outlet means (saying so when it was not spelt out), or CommandError.
    None for a name on a corpus of no article: no outlet can match, and "the corpus names no
    outlets" (a usage error) hid why; the command's own line says it (nothing loaded, or an empty
    folder). What is no name (`--outlet "$O"` with O unset) is a usage error there too."""
    if asked is None:
        return None
    from reader.library import NoOutletToMatch, OutletNotFound

    asked = typed_words(asked)

    try:
        match = library.match_outlet(asked)
    except OutletNotFound as exc:
        if isinstance(exc, NoOutletToMatch) and not library.articles():
            return None
        raise CommandError(str(exc), code=2) from exc
    note = match.describe(asked)
    if note:
        print(f"reader: {error_text(note)}", file=sys.stderr)
    return match.name


def resolve_story(library, asked: str | None) -> str | None:
    """--story's id (or the start of one, as for articles), or a one-line error, exit 2 (a name
    typed that names nothing, as an unknown --outlet). None on a corpus of no article, as
    resolve_outlet gives: the command says it is empty or that nothing loaded."""
    if asked is None:
        return None
    if not asked.strip():
        raise CommandError(f"--story needs a story id (`{library.command_line('stories')}` lists them)", code=2)
    from reader.library import StoryIdShared, StoryNotFound

    try:
        return library.story_named(asked)
    except StoryNotFound as exc:
        if not library.articles():  # asked only here: a search that names its story reads no article list
            return None
        raise CommandError(str(exc), code=2) from None
    except StoryIdShared as exc:  # the id finds the articles of every story that has it: none is picked
        from reader.analysis.story_ids import STORY_ID_AT_40_BITS

        # (an id saved at 10 digits that starts several ids now: each one's, as `story:` finds them)
        return asked if STORY_ID_AT_40_BITS.fullmatch(asked) else exc.stories[0].id


# A report line's marker, which its wrapped lines hang under: "L1   ", "R ", "LEFT   ", "[fragment] ",
# "shares: ", "Note: ", the "(" of a legend, a quotation's opening mark or its "— " before the speaker.
_HANGING_MARKER = re.compile(r"( *)((?:[LR]\d*|LEFT|RIGHT) +|\[[a-z ]+\] +|[A-Za-z][a-z ]*: |\(|“|— )?")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A colour code, or one character: the pieces a run of wide characters is broken between.
_CODE_OR_CHARACTER = re.compile(r"\x1b\[[0-9;]*m|.", re.S)


def wrapped_for_terminal(text: str, columns: int | None) -> str:
    """`text`'s lines wrapped at their spaces to a terminal `columns` wide, each wrapped line
    hanging under its marker's end ("  L1   President…" goes on under "President"), so that a
    sentence's marker stands alone at its left (the terminal's own wrap ran the text on at column
    0, under the markers); `text` as it is when `columns` is None (a pipe: grep and scripts get a
    line a sentence). A word wider than the line stays whole, but a run of wide characters (CJK,
    no spaces between its words) breaks between them; colour codes take no column; a tab is
    spread to its columns, as the terminal would."""
    if columns is None:
        return text
    width = max(columns - 1, 20)  # one spare: a line exactly as wide set some terminals' pending wrap
    out: list[str] = []
    for line in text.split("\n"):
        line = line.expandtabs(8) if "\t" in line else line  # a tab is one character but up to 8 columns
        plain = _ANSI.sub("", line)
        if cells_of(plain) <= width:
            out.append(line)
            continue
        marker = _HANGING_MARKER.match(plain)
        hang = cells_of(marker.group(0)) if marker else 0
        if hang > width // 2:
            hang = cells_of(marker.group(1)) if marker else 0
        lead = len(line) - len(line.lstrip(" "))
        pieces = [
            (" " if number == 0 else "", unit)
            for word in words_with_marks_joined(line[lead:].split(" "))
            for number, unit in enumerate(_breakable_units(word))
        ]
        current, used = " " * lead + pieces[0][1], lead + cells_of(_ANSI.sub("", pieces[0][1]))
        for gap, piece in pieces[1:]:
            cells = cells_of(_ANSI.sub("", piece))
            if piece and used + len(gap) + cells > width:
                out.append(current.rstrip())
                current, used = " " * hang + piece, hang + cells
            else:
                current, used = current + gap + piece, used + len(gap) + cells
        out.append(current.rstrip())
    return "\n".join(out)


def _breakable_units(word: str) -> list[str]:
    """`word` in the pieces a line may break between: whole, but a run of wide characters (CJK
    writes no spaces between its words) a character a piece, a closing mark (、。」) kept with the
    character before it and an opening one (「『（【) with the one after, a colour code, a combining mark, a joined emoji's parts and a skin tone
    with theirs."""
    from reader.wording import char_cells

    if word.isascii():
        return [word]
    units = [""]
    wide_before = joined = shown = opened = False  # shown: the last unit has a character yet, not codes alone
    for token in _CODE_OR_CHARACTER.findall(word):
        cells = 0 if token[0] == "\x1b" else char_cells(token)
        if cells == 0 or joined or "\U0001f3fb" <= token <= "\U0001f3ff":
            units[-1] += token
        elif token == " ":  # a mark joined to its word ("« 東京", "東京 »"): the space is no break
            units[-1] += token
        else:
            wide = cells == 2
            # a closing mark (」、。) stays with the character before it and an opening one (「（) with
            # the one after, wide or not: 「 ended a line, and ) after a Latin run began one
            closing = _opens_or_closes(token) and not _opens(token)
            if shown and not opened and not closing and (wide or wide_before != wide):
                units.append("")
            units[-1] += token
            wide_before, shown, opened = wide, True, _opens(token)
        joined = token == "\u200d"
    return units


def words_with_marks_joined(words: list[str]) -> list[str]:
    """`words` with a dash or an opening mark standing alone joined to the word after it, and a
    closing mark standing alone to the word before: a quotation's "— a senior official" is not cut
    after its dash, which left the speaker on a line of their own, attributed to nothing, and
    French "« Oui »" ended a line on its « or began one with its »."""
    joined: list[str] = []
    for word in words:
        if joined and word and (_ANSI.sub("", joined[-1]) in ("—", "–") or _marks_alone(joined[-1], opening=True)):
            joined[-1] += " " + word
        elif joined and joined[-1] and _marks_alone(word, opening=False):
            joined[-1] += " " + word
        else:
            joined.append(word)
    return joined


def _marks_alone(word: str, opening: bool) -> bool:
    """Whether `word` (its colour codes aside) is opening marks alone (「 ( « ¿) or closing ones (」 ) » ! :)."""
    plain = _ANSI.sub("", word)
    return bool(plain) and all(_opens(character) == opening and _opens_or_closes(character) for character in plain)


def _opens(character: str) -> bool:
    """Whether `character` is a mark that opens (「 ( « “ ¿), or one that marks what follows it
    (§ 12, ¶ 4, • a point, # 5: punctuation too, taken for closing ones, "points •" ended a line):
    a line may not end on it."""
    return unicodedata.category(character) in ("Ps", "Pi") or character in "¿¡§¶•‣⁃#"


def _opens_or_closes(character: str) -> bool:
    """Whether `character` opens (_opens) or closes (」 ) » 、 。 ! :): a line may not begin with a closing one."""
    return _opens(character) or unicodedata.category(character) in ("Pe", "Pf", "Po")
