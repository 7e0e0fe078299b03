"""`reader index [--rebuild] [--no-prepare] [--json] [--progress json] [--quiet]`: bring the search index up to date with the
corpus, then encode ahead the sentences of the stories two or more outlets tell (so their
comparisons read them from the on-disk cache: reader/analysis/prepare.py)."""

from __future__ import annotations

import gc
import threading

from reader.corpus.discover import unread_kinds, unread_walk_limit
from reader.commands.common import (
    say_unread_files,
    PLAIN_PROGRESS_SECONDS,
    VERBOSE_HELP,
    CommandError,
    ProgressLine,
    Stopped,
    add_progress_option,
    busy_advice,
    ctrl_c_stops,
    emit_json,
    interrupted_status,
    interrupted_words,
    open_library,
    preparing_comparisons,
    print_error,
    progress_json,
    report_no_articles,
    report_skipped,
    use_colour,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "index",
        help="update the search index",
        description="Index new files, re-index changed ones and drop deleted ones; files that "
        "did not change are not read again. Then prepare the comparisons: the sentences of every "
        "story two or more outlets tell are encoded and kept in the cache folder, newest story "
        "first, so comparing them is quick (sentences kept before are not encoded again; "
        "prepare_comparisons: false in config.yaml turns this off). Progress is shown on stderr "
        f"as a line redrawn when it is a terminal, else as a plain line every {PLAIN_PROGRESS_SECONDS:.0f} s of a long run "
        "(--progress json: as JSON lines, anywhere; --quiet: none); ctrl+c stops without harming the index or the prepared sentences. "
        "A first build whose story grouping ran out of memory is tried again here (a launch or a reading command "
        "says that failure at once instead, until the corpus or the machine's memory changes).",
        epilog="exit status: 0 when the index is up to date (files it skipped are named on stderr); "
        "1 when it could not be written, its disk full or made read-only meanwhile (the last committed index "
        "stands, a first build keeps nothing; past the update's save of its articles, they are kept and "
        "searched, and the next update makes its record of the indexed files again), when grouping the "
        "stories ran out of memory twice (nothing saved; a first build keeps the files it loaded, and the "
        "next run goes on from them), or when the corpus has files but every one was skipped (nothing "
        "loaded: stderr names the files and why); 2 for a usage error (a bad option, a missing corpus "
        "folder, an index folder that is not reader's or cannot be written when it starts: the index stays "
        "as it was); 3 when another process is updating it; 130 when interrupted (after the report, when "
        "the index was done and the comparisons were being prepared).",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    parser.add_argument(
        "--no-prepare", action="store_true", help="only the index: do not prepare the comparisons this time"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    add_progress_option(parser, '"indexing", then "preparing comparisons"')
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="no progress on stderr: neither the line drawn on a terminal nor, off one, the line said every "
        f"{PLAIN_PROGRESS_SECONDS:.0f} s of a long run (--progress json still prints its lines; errors and "
        "skipped files are said as ever)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=VERBOSE_HELP,
    )
    parser.set_defaults(run=run)


def _progress_line(label: str, args) -> ProgressLine:
    """The progress of `reader index`: a line drawn on a terminal, JSON lines with --progress json,
    else now and then a plain line (ProgressLine._say_plain); none drawn or said with --quiet."""
    line = ProgressLine(label, progress_json(args), plain_lines=not args.quiet)
    if args.quiet:
        line.enabled = False
    return line


def run(args) -> int:
    from reader import config
    from reader.index import layout
    from reader.index.resume import FOLDER_NAME, kept_bytes, kept_files
    from reader.index.state import REBUILT_ON_REQUEST, WRITABLE_INDEX_HINT
    from reader.wording import counted
    from reader.library import IndexBusy, IndexFailure, IndexLocationError, IndexMovedAway, IndexNotWritable

    prepare = not args.no_prepare and _prepare_setting(config)
    json_lines = progress_json(args)
    progress = _progress_line("indexing", args)
    library = open_library(args, progress=progress, reading=False)
    # What the start-up made (modules, the parser, the library) is set aside from the cyclic
    # garbage collector while the update runs: the full collection that the update's 10,000s
    # of new objects set off walked it all for nothing (~0.03 s of a 10-file update at 10k).
    # The update's own objects are collected as usual; all is handed back after.
    gc.freeze()
    # An index there now (or a rebuild asked for), a build unfinished at ctrl+c is its rebuild:
    # "before the first index was complete" of a corpus indexed for years misled.
    build = "the index's rebuild" if args.rebuild or layout.has_index(library.index_dir) else "the first index"
    try:
        # (asked for: a build whose grouping died for memory before is tried again, grouping_memo.py)
        report = library.update(progress=progress, rebuild=args.rebuild, retry_grouping=True)
    except IndexMovedAway as exc:
        raise CommandError(str(exc), code=3) from exc
    except IndexBusy as exc:
        # Given up after READER_LOCK_WAIT (3 s), as git gives up on a held index.lock: a script
        # or a second terminal is not left hanging, and the way to wait instead is named.
        raise CommandError(busy_advice(str(exc), library.command_line("index")), code=3) from exc
    except IndexNotWritable as exc:  # a read-only folder: what stands, and what to do
        if layout.has_index(library.index_dir):
            raise CommandError(f"{exc}; the index stays as it was, and the reading commands use it", code=2) from exc
        raise CommandError(f"{exc}; {WRITABLE_INDEX_HINT}", code=2) from exc
    except IndexLocationError as exc:
        raise CommandError(str(exc), code=2) from exc
    except IndexFailure as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:  # a full disk: the update cleaned up after itself
        raise CommandError(layout.write_failure_line(library.index_dir, exc)) from exc
    except KeyboardInterrupt as exc:
        if isinstance(exc, Stopped):  # SIGTERM, SIGHUP: "stopped by ..." (cli.main)
            raise
        # A bare "interrupted" left the user to wonder whether the index was harmed.
        if layout.has_index(library.index_dir):
            print_error("interrupted; the index is as the last update that ran to its end left it")
        elif kept := kept_files(library.index_dir):  # (what it loaded is kept: resume.py)
            print_error(
                f"interrupted before {build} was complete; the {kept:,} files it had loaded were kept "
                f"({kept_bytes(library.index_dir) / 1e6:,.1f} MB in {library.index_dir / FOLDER_NAME}), "
                f"and `{library.command_line('index')}` goes on from them (deleted once it completes)"
            )
        else:  # "as the last update left it" named an update that never was
            print_error(
                f"interrupted before {build} was complete; nothing was kept, and "
                f"`{library.command_line('index')}` starts it again"
            )
        return interrupted_status(exc)
    finally:
        gc.unfreeze()
        progress.finish()
    interrupted: KeyboardInterrupt | None = None
    prepared = None
    preparing = preparing_comparisons(json_lines, not args.quiet) if prepare else ProgressLine("preparing comparisons")
    if args.quiet:
        preparing.enabled = False
    stop = threading.Event()
    try:
        if prepare:
            # ctrl+c stops the pass at the next article and keeps its report (`stopped`, `left`).
            with ctrl_c_stops(stop):
                prepared = library.prepare_stories(progress=preparing, cancel=stop.is_set, again=args.rebuild)
    except KeyboardInterrupt as exc:  # the index is committed, and every sentence kept stays kept
        interrupted = exc
    finally:
        preparing.finish()
        library.close()
    if stop.is_set() and interrupted is None:
        interrupted = KeyboardInterrupt()
    data = report.to_dict()
    data["comparisons"] = prepared.to_dict() if prepared is not None else None
    unread = unread_kinds(
        library.roots,
        unread_walk_limit(report.indexed + report.updated + report.unchanged),
        follow_links=library.follow_links,
    )
    # by suffix, as the notes name them; `capped`: the walk's entries were not all there was
    data["unread_files"] = {"kinds": dict(sorted(unread.items())), "capped": unread.capped}
    for problem in library.config_problems():
        print_error(problem)
    if report.notice and report.notice != REBUILT_ON_REQUEST:  # the report's line says it
        print_error(report.notice)
    if interrupted:  # "stopped by SIGTERM" as cli.main says it of any other step
        print_error(f"{interrupted_words(interrupted)} while preparing the comparisons; the index is up to date")
    if prepared is not None and prepared.problem is not None:
        print_error(f"warning: comparisons not prepared: {prepared.problem}; they are encoded when made")
    # Diagnostics on stderr, as `list` prints them, --json or not (the JSON's "skipped" has them
    # too), on a terminal or piped: one rule for every command that names them; stdout keeps the report.
    named = report_skipped(data["skipped"], every_one=args.verbose, command=library.command_line("index --verbose"))
    status = interrupted_status(interrupted) if interrupted else 0
    if not (data["indexed"] or data["updated"] or data["unchanged"] or data.get("renamed")):
        # "0 indexed, 0 updated, 0 removed, 0 unchanged" alone left a wrong --corpus unsaid.
        if report_no_articles(library, named, indexing=True) and not interrupted:
            status = 1  # nothing loaded: every file skipped, a failure to read, as `list` says it
    else:  # the empty corpus's line names them too; other kinds after the first index only (a
        # folder keeps its PDFs), or with --verbose
        say_unread_files(library, 0, other_kinds=report.first_build or args.verbose, counts=unread)
    if args.json:
        emit_json(data)
        return status
    counts = (
        f"{data['indexed']} indexed, {data['updated']} updated, {data['removed']} removed, "
        f"{data['unchanged']} unchanged"
    )
    if data["renamed"]:
        counts += f", {data['renamed']} renamed"
    if report.rebuilt:
        # Every article was written anew: "180 indexed, 0 updated, 0 removed" told a change
        # that was none, beside a notice that repeated the flag the user had just typed.
        counts = f"rebuilt the index from {counted(data['indexed'], 'article')}"
    if use_colour():
        counts = f"\x1b[1m{counts}\x1b[0m"
    print(f"{counts} in {data['seconds']:.2f} s")
    if prepared is not None and prepared.problem is None:
        print(prepared.summary())
    return status


def _prepare_setting(config) -> bool:
    """config.yaml's prepare_comparisons, said once on stderr when it is not true or false (the
    default is used then, as the app does: it stopped every command with exit 2)."""
    user = config.load_user_config()
    problem = config.prepare_comparisons_problem(user)
    if problem:
        print_error(problem)
    return config.prepare_comparisons(user)
