"""`reader state export|import|repair`: read marks and stars out, as JSON, and back in (a backup, a
new machine, two machines merged); a damaged marks file set aside and its marks salvaged."""

from __future__ import annotations

import os
import sys
from argparse import SUPPRESS

from reader.commands.common import (
    CommandError,
    bounded_read,
    emit_json,
    input_bytes,
    open_library,
)
from reader.wording import counted, untrusted_shown


# The folders an import's answer names one a line: an export of a thousand folders was a thousand
# lines to scroll past; the rest is counted, and --json lists every one.
FOLDERS_SHOWN = 5
ALL_IN_JSON = "(--json lists them all)"


def register(subparsers) -> None:
    state = subparsers.add_parser(
        "state",
        help="read marks and stars out as JSON, and back in; repair a damaged marks file",
        description="Your read marks and stars live in marks.sqlite3 in the data folder, with the links "
        "of older versions whose marks show on their newest. `state export` "
        "prints the marks and those links as JSON (a backup; another machine's `state import` takes it in). "
        "It holds nothing else: settings and subscriptions are the config folder's files (`reader config` "
        "names it; `reader feed export` gives the subscriptions as OPML), fetched articles the data "
        "folder's fetched/.",
    )
    # Its actions' --json default to this one's, so `state --json ACTION` is `state ACTION --json`.
    state.add_argument("--json", action="store_true", help="print what `reader state` (or its ACTION) says as JSON")
    state.add_argument(
        "--update",
        action="store_true",
        help="with no ACTION: bring the index up to date before counting (default: use it as it is, and say "
        "when the corpus changed since); an ACTION reads no index, and refuses it",
    )
    state.set_defaults(run=run_status)
    state.epilog = (
        "With no ACTION: how many of this corpus's articles you marked read and starred, and the marks "
        "no list shows (of a deleted article, or of a deleted version whose newest cannot be told).\n\n"
        "exit status (each ACTION's --help says its own): 0 when counted, or when the ACTION did what was "
        "asked, 1 when the marks file cannot be read or written (or repair leaves it as it is), 2 for a usage "
        "error (an unknown ACTION, a file that is no state export, a bad option)."
    )
    actions = state.add_subparsers(dest="state_command", metavar="ACTION", required=False, title="commands")
    export = actions.add_parser(
        "export",
        help="print every read mark and star as JSON",
        description="Print every read mark and star, of every corpus folder, as one JSON document: "
        "each with its folder, article id and when it was last changed, and the links of older "
        "versions that carry their marks to the newest. Safe while the app runs.",
        epilog="exit status: 0 when exported, 1 when the marks file cannot be read, 2 for a bad option.",
    )
    # Accepted as every command's --json is: a script that gives it everywhere got a usage error.
    export.add_argument(
        "--json", action="store_true", default=SUPPRESS, help="print JSON (what it prints with or without it)"
    )
    export.set_defaults(run=run_export)
    importing = actions.add_parser(
        "import",
        help="merge the marks of a `state export` into yours",
        description="Merge the marks of a `reader state export` into yours: a mark you do not have "
        "is added, one you have is replaced only by one changed later; the links of older versions "
        "are added to yours (none of yours is dropped). Each folder's marks go to "
        "the folder here that holds its articles: the fetched articles to your data folder's, "
        "another folder to the same path, else to the corpus folder holding most of its articles.",
        epilog="exit status: 0 when imported, 1 when the marks could not be written, 2 for a file "
        "that is no state export (nothing is imported) or a bad option.",
    )
    importing.add_argument("file", metavar="FILE", help="a `reader state export` file; - reads standard input")
    importing.add_argument(
        "--json",
        action="store_true",
        default=SUPPRESS,  # `reader state --json import FILE`: the --json given before it stands
        help=f"print what was imported as JSON, every folder named (the lines name the first {FOLDERS_SHOWN} "
        "and count the rest)",
    )
    importing.set_defaults(run=run_import)
    repairing = actions.add_parser(
        "repair",
        help="set a damaged marks file aside and salvage its marks into a new one",
        description="When the marks file is damaged (not SQLite, corrupt), keep it under a new name "
        "beside it (marks.sqlite3.damaged-<UTC time>; reader never deletes it), salvage every mark still "
        "readable in it into a fresh marks file, and say where the damaged one went and how many marks "
        "were salvaged. A sound file is left untouched, and so is another application's database or a "
        "newer reader's. Safe while the app runs.",
        epilog="exit status: 0 when repaired or sound, 1 when the file is left as it is (another "
        "application's, a newer reader's, locked, unreadable), 2 for a bad option.",
    )
    repairing.add_argument("--json", action="store_true", default=SUPPRESS, help="print what was done as JSON")
    repairing.set_defaults(run=run_repair)


# The unattached marks `reader state` names one a line (--json lists every one).
UNATTACHED_SHOWN = 10


def run_status(args) -> int:
    """`reader state`: this corpus's marks, and those no list shows."""
    from reader.library import MarksUnreadable

    library = open_library(args)
    try:
        status = library.marks_state()
    except MarksUnreadable as exc:
        raise CommandError(str(exc), code=1) from None
    if args.json:
        emit_json(status)
        return 0
    unattached = status["unattached"]
    marks_file = untrusted_shown(status["marks_file"])
    # "(marks file PATH)" named a file not there, which `state export` then said was not there
    where = f"marks file {marks_file}" if os.path.exists(status["marks_file"]) else f"no marks file yet: {marks_file}"
    print(f"{counted(status['read'], 'article')} read, {status['starred']:,} starred ({where})")
    if not unattached:
        return 0
    print(
        f"{counted(len(unattached), 'mark')} of no article of this corpus, shown on none (kept in the marks file "
        "and in `reader state export`): the article deleted, or a deleted version whose newest cannot be "
        "told (its older versions deleted or renamed before an index update saw them); put the file back, "
        "or name the version in the newest's `previous:`, to see them again"
    )
    for mark in unattached[:UNATTACHED_SHOWN]:
        what = " and ".join(word for word, on in (("read", mark["read"]), ("starred", mark["starred"])) if on)
        print(f"  {untrusted_shown(mark['id'])} ({what})")
    if len(unattached) > UNATTACHED_SHOWN:
        print(f"  … and {len(unattached) - UNATTACHED_SHOWN:,} more {ALL_IN_JSON}")
    return 0


def _refuse_update(args, action: str) -> None:
    """`reader state --update ACTION`: the --update of `reader state`'s count, which no action
    reads (the index), was taken and did nothing; refused, as `state ACTION --update` is."""
    if getattr(args, "update", False):
        raise CommandError(
            f"--update does nothing with `reader state {action}`: it brings the index up to date for "
            "`reader state`'s count, and no ACTION reads the index; leave it out",
            code=2,
        )


def run_export(args) -> int:
    from reader.library import Library, MarksUnreadable

    from reader import config

    _refuse_update(args, "export")

    try:
        document = Library.export_state()
    except MarksUnreadable as exc:
        raise CommandError(str(exc), code=1) from None
    emit_json(document)
    if not document["marks"]:  # a backup of nothing: said, in case the data folder is not the one meant
        path = config.data_dir() / "marks.sqlite3"
        where = (
            "holds none" if path.is_file() else "is a folder, not the marks file" if path.is_dir() else "is not there"
        )
        print(f"reader: no read mark or star to export: {untrusted_shown(str(path))} {where}", file=sys.stderr)
    return 0


def _document_bytes(name: str) -> bytes:
    """The export's bytes, at most DOCUMENT_MAX (more is refused, as parse_document would): a
    1 GB file, or `yes | reader state import -`, is never read whole into memory."""
    from reader.state.transfer import DOCUMENT_MAX

    return input_bytes(
        name,
        "the state export",
        "reader state import - < marks.json",
        read=lambda stream, shown: bounded_read(stream, DOCUMENT_MAX, shown, "no state export of reader's"),
    )


def run_import(args) -> int:
    from reader.library import BadStateFile, MarksNotSaved, MarksUnreadable

    _refuse_update(args, "import")
    data = _document_bytes(args.file)
    library = open_library(args, reading=False)
    name = "standard input" if args.file == "-" else untrusted_shown(args.file)
    try:
        outcome = library.import_state(data, name)
    except BadStateFile as exc:
        raise CommandError(f"{exc} (nothing was imported)", code=2) from None
    except MarksNotSaved as exc:
        raise CommandError(f"{exc}; nothing was imported; {exc.advice}", code=1) from None
    except MarksUnreadable as exc:
        raise CommandError(f"{exc} (nothing was imported)", code=1) from None
    if args.json:
        emit_json(outcome)
        return 0
    moved = outcome["folders"]
    for folder in moved[:FOLDERS_SHOWN]:
        print(f"marks of {untrusted_shown(folder['from'])} now those of {untrusted_shown(folder['to'])}")
    if len(moved) > FOLDERS_SHOWN:
        print(f"… and the marks of {len(moved) - FOLDERS_SHOWN:,} more folders now those of folders here {ALL_IN_JSON}")
    said = [f"{outcome['added']} added", f"{outcome['updated']} updated"]
    if outcome["unchanged"]:
        said.append(f"{outcome['unchanged']} the same")
    if outcome["kept"]:
        said.append(f"{outcome['kept']} kept (yours were as new or newer)")
    print(f"{counted(outcome['marks'], 'mark')} imported: " + ", ".join(said))
    elsewhere = outcome["elsewhere"]
    for folder in elsewhere[:FOLDERS_SHOWN]:  # imported all the same: another corpus's, or one not here now
        print(
            f"{counted(folder['marks'], 'mark')} of {untrusted_shown(folder['folder'])}, not a folder of this corpus, "
            "kept under its path"
        )
    if len(elsewhere) > FOLDERS_SHOWN:
        rest = elsewhere[FOLDERS_SHOWN:]
        marks = sum(folder["marks"] for folder in rest)
        print(
            f"… and {len(rest):,} more folders ({marks:,} marks), not of this corpus, kept under their paths "
            + ALL_IN_JSON
        )
    return 0


def run_repair(args) -> int:
    from reader.library import Library, MarksUnreadable

    _refuse_update(args, "repair")
    try:
        outcome = Library.repair_state()
    except MarksUnreadable as exc:
        done = "" if getattr(exc, "aside", None) else " (nothing was repaired)"  # else set aside: said
        raise CommandError(f"{exc}{done}", code=1) from None
    if args.json:
        emit_json(outcome)
        return 0
    path = untrusted_shown(outcome["path"])
    if not outcome["found"]:
        print(f"nothing to repair: there is no marks file at {path}")
    elif not outcome["repaired"]:
        print(f"nothing to repair: {path} is sound")
    else:
        print(f"{path} was damaged ({untrusted_shown(outcome['damage'])}): kept as {untrusted_shown(outcome['aside'])}")
        print(f"{counted(outcome['salvaged'], 'mark')} salvaged into a new {path}")
    if outcome["notice"]:
        print(untrusted_shown(outcome["notice"]))
    return 0
