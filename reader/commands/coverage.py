"""`reader coverage`: per story, the outlets that told it, those that did not, and leanings."""

from __future__ import annotations

from typing import Any

from reader.commands.common import (
    say_aside,
    add_date_options,
    add_update_option,
    check_date_options,
    add_json_options_to_group,
    emit_records,
    note_skipped_files,
    listing_exit_status,
    open_library,
    NOTHING_LOADED,
    report_an_empty_corpus,
    print_error,
    say_nothing_found,
    strip_controls_for_terminal,
    cells_of,
    terminal_columns,
    title_fitted,
    story_ids_shown,
    use_colour,
    whole_number_option,
    writes_utf8,
)
from reader.wording import SHOWN_LABEL_CELLS, clipped_cells, counted


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "coverage",
        help="which outlets covered each story, and which left it out",
        description="One row per story: the outlets that covered it and the day each did (who was "
        "first, how many days later the others came), the corpus's outlets that did "
        "not, and, where you set leanings in your outlets.yaml, the count per leaning and a "
        "blindspot when every covering outlet shares one leaning while outlets of another "
        "leaning left the story out. Who was first, and how late the others came, is counted in "
        "time between articles whose dates give their time of day with its zone (feeds, pages; "
        "front matter or JSON such as 2025-10-21T23:30:00-07:00), else in days, each article's own "
        "calendar day where it was published: an article dated with a day alone is on the same "
        "day as a moment of that day, and both count as first.",
        epilog=listing_exit_status("a bad option or value, a malformed date, an empty date range"),
    )
    form = parser.add_mutually_exclusive_group()
    add_json_options_to_group(form)
    form.add_argument(
        "--csv",
        action="store_true",
        help="print CSV, one row per story and outlet (covered or missing), with a header row; a "
        "cell starting with = + - @ or ' gets a ' before it, so a spreadsheet runs no formula",
    )
    add_date_options(parser, "stories with an article dated")
    parser.add_argument(
        "--active",
        metavar="DAYS",
        help="count an outlet as missing only if it published within DAYS days of the story "
        "(0: between its first and last article; default: every outlet of the corpus)",
    )
    parser.add_argument(
        "--sort",
        choices=("date", "breadth", "oldest"),
        default="date",
        help="newest first (date, the default), most outlets first (breadth) or oldest first (oldest)",
    )
    parser.add_argument(
        "--only", choices=("single", "blindspot"), help="only stories told by a single outlet, or only blindspots"
    )
    add_update_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from reader.analysis.coverage import caveats, filter_stories, sort_stories

    args.active = whole_number_option("--active", args.active, 0, "a number of days, 0 or more")
    check_date_options(args)
    library = open_library(args)
    try:
        coverage = library.coverage(active_days=args.active, since=args.since, until=args.until)
        # No article: said once (every file skipped: exit status 1), not "no stories" after it.
        empty = None if coverage.stories else report_an_empty_corpus(library)
        nothing_loaded = empty == NOTHING_LOADED
        note_skipped_files(library)
        # a narrow terminal's listing may show a story by its start, unique among them all
        every_story_id = [story.id for story in library.stories()] if terminal_columns() is not None else []
    finally:
        library.close()
    rows = filter_stories(sort_stories(coverage.stories, args.sort), args.only or "all")
    for caveat in caveats(coverage, args.only or "all"):  # said, where the app's view says it too
        print_error(caveat)
    if args.json:
        emit_records([row.to_dict() for row in rows], args.json)
        return 1 if nothing_loaded else 0
    if args.csv:
        emit_csv(rows, coverage.outlets)
        return 1 if nothing_loaded else 0
    if empty:
        return 1 if nothing_loaded else 0
    print_rows(
        rows,
        len(coverage.outlets),
        args.active,
        args.only or "all",
        coverage.has_leanings,
        in_range=_in_range(args.since, args.until),
        every_story_id=every_story_id,
    )
    return 0


def emit_csv(rows, outlets) -> None:
    """The header, then a row per story and outlet, written as they are made; control characters
    removed as the text does, since the CSV may be read on a terminal, and a cell a spreadsheet
    would run as a formula made text (`spreadsheet_safe`)."""
    import csv
    import sys

    from reader.analysis.coverage import CSV_COLUMNS, csv_rows

    # Always UTF-8, what pandas and spreadsheets read by default: into a stream of another
    # encoding (PYTHONIOENCODING=ascii, a Latin-1 locale) the titles' “quotes” became '?', and a
    # CSV has no escapes as JSON's \u to keep them.
    out: Any = sys.stdout
    if not writes_utf8(sys.stdout) and hasattr(sys.stdout, "buffer"):
        sys.stdout.flush()
        out = _Utf8Text(sys.stdout.buffer)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(rows, outlets, strip_controls_for_terminal))
    out.flush()


class _Utf8Text:
    """Text written to `binary` (stdout's bytes) as UTF-8, each write at once. Not a TextIOWrapper:
    its write of a non-blocking stdout that was full raised BlockingIOError (a traceback), and
    stdout's stand-ins (reader.cli) wait for their reader and report a full disk in one line."""

    def __init__(self, binary):
        self._binary = binary

    def write(self, text: str) -> int:
        self._binary.write(text.encode("utf-8"))
        return len(text)

    def flush(self) -> None:
        self._binary.flush()


def _covered(row, clean) -> str:
    """The covering outlets: in name order when they all told the story on its date (the head's)
    and none gives its time, else in the order they told it, each with its first date or moment
    ("HuffPost 2015-06-14, Fox News 2015-06-15 (+1 day)", "BBC 2015-06-15 06:30 UTC (+5 hours)";
    an outlet whose articles are all undated last, "(undated)")."""
    if all(row.dates.get(name) == row.date and not row.times.get(name) for name in row.outlets):
        return ", ".join(clean(o) for o in row.outlets)
    in_order = sorted(row.outlets, key=lambda name: _told_order(row, name))
    return ", ".join(f"{clean(name)} {row.when_told(name) or '(undated)'}" for name in in_order)


def _told_order(row, outlet: str) -> tuple:
    """In time, undated last: moments (UTC) in their order, a date alone after the moments of its
    day (it may be any time of it)."""
    day, moment = row.dates.get(outlet), row.times.get(outlet)
    return (day is None, moment or f"{day}T~")


# More missing outlets than this, and more than told the story, are said as "every other outlet
# (37)": in a corpus of 40 outlets a story one told listed 37 names, ten lines at 120 columns, on
# every such story (the covering ones are named, so the names add nothing; --json and --csv list them).
MISSING_NAMED = 8


def _missing(row, active_days: int | None, clean) -> str:
    """The outlets that did not tell it, by name, or "every other outlet (N)" when they are many
    and every outlet of the corpus counts (with --active, only those active then: named)."""
    if active_days is None and len(row.missing) > max(MISSING_NAMED, len(row.outlets)):
        return f"every other outlet ({len(row.missing)})"
    return ", ".join(clean(o) for o in row.missing) or "-"


def _first_line(row, clean) -> str:
    """Who told it first; "(the same day: …)" names those of them whose articles give no time of
    day beside one that does: which came first is not known."""
    text = ", ".join(clean(o) for o in row.first)
    undecided = row.same_day_undecided()
    if undecided:
        text += f" (the same day: {', '.join(clean(o) for o in undecided)} gave no time of day)"
    return text


_NONE = {"all": "no stories", "single": "no story told by one outlet only", "blindspot": "no blindspots"}


def _in_range(since: str | None, until: str | None) -> str:
    """The date options' range, as words after "no stories": "" when none was given."""
    if since and until:
        return f" with an article dated {since} to {until}"
    if since:
        return f" with an article dated {since} or later"
    return f" with an article dated {until} or earlier" if until else ""


def print_rows(
    rows,
    outlet_count: int,
    active_days: int | None,
    kind: str = "all",
    has_leanings: bool = True,
    *,
    in_range: str = "",
    every_story_id: list[str] | None = None,
) -> None:
    """`rows` for a terminal or a pipe; on a terminal where a label would be cut beside its
    story's whole id, every id by its start among `every_story_id` (the corpus's: `list --story`
    takes it back), as `reader stories` shows them: at 60 columns "Hillary…" had 8 columns."""
    from reader.analysis.coverage import outlets_told

    colour = use_colour()
    clean = strip_controls_for_terminal
    columns = terminal_columns()
    labels = [clipped_cells(clean(row.label or row.story), SHOWN_LABEL_CELLS) for row in rows]
    outlets_said = [outlets_told(len(row.outlets), len(row.outlets) + len(row.missing)) for row in rows]
    shown = {row.story: clean(row.story) for row in rows}
    if columns is not None and any(
        cells_of(label) > columns - 1 - cells_of(f"2025-01-01    ({said} · {row.story})")
        for row, label, said in zip(rows, labels, outlets_said)
    ):
        shown = story_ids_shown(shown, every_story_id or shown)

    def dim(text: str) -> str:
        return f"\x1b[2m{text}\x1b[0m" if colour else text

    for number, (row, label, said) in enumerate(zip(rows, labels, outlets_said)):
        if number:
            print()
        tail = f"{said} · {shown[row.story]}"
        if columns is not None:  # on a terminal, the label cut to leave the date, counts and id whole
            label = title_fitted(label, columns - 1 - cells_of(f"2025-01-01    ({tail})"))
        head = f"{row.date or '----------'}  {label}"
        print(f"\x1b[1m{head}\x1b[0m  {dim(tail)}" if colour else f"{head}  ({tail})")
        covered = _covered(row, clean)
        if row.unattributed:  # told, though by no outlet named: not the "-" of a story nobody told
            unnamed = f"{counted(len(row.unattributed), 'article')} with no outlet"
            covered = f"{covered}; {unnamed}" if covered else unnamed
        print(f"  covered   {covered or '-'}")
        if row.first and len(row.first) < row.breadth:  # not all at once: who told it first
            print(f"  first     {_first_line(row, clean)}")
        print(f"  missing   {_missing(row, active_days, clean)}")
        if row.leanings:
            counts = ", ".join(f"{clean(k)} {v}" for k, v in row.leanings.items())
            print(f"  leanings  {counts}")
        if row.blindspot:
            text = f"  blindspot: only outlets labelled {clean(row.blindspot)!r} covered it"
            print(f"\x1b[33m{text}\x1b[0m" if colour else text)
    if not rows:
        say_nothing_found(_NONE[kind] + in_range)
        return
    single = sum(1 for r in rows if r.breadth == 1)
    blind = sum(1 for r in rows if r.blindspot)
    scope = ""
    if active_days == 0:  # "active within 0 days": those that published during the story
        scope = " (missing: outlets that published between the story's first and last article)"
    elif active_days is not None:
        scope = f" (missing: outlets active within {counted(active_days, 'day')})"
    # Without a leaning no story can be a blindspot: "0 blindspots" would read as checked and none
    # found (the app's view shows no Blindspot column then either). With one outlet or none, every
    # story is told by one outlet at most: "1 told by one outlet only" said nothing.
    parts = [
        f"{counted(len(rows), 'story', 'stories')}, {counted(outlet_count, 'outlet') if outlet_count else 'no outlet'}{scope}"
    ]
    if outlet_count > 1:
        parts.append(f"{single} told by one outlet only")
    if has_leanings:
        parts.append(counted(blind, "blindspot"))
    summary = "; ".join(parts)
    say_aside(summary, dim(summary), gap=True)  # piped: on stderr, the stories alone on stdout
