"""`reader list` and `reader show`: the corpus as the index knows it, and clean article texts."""

from __future__ import annotations

import sys

from reader.commands.common import (
    say_unread_files,
    VERBOSE_HELP,
    ARTICLE_HELP,
    ARTICLES_EXIT_STATUS,
    article_fields,
    report_skipped,
    add_update_option,
    add_date_options,
    check_date_options,
    range_said,
    add_json_options,
    emit_json,
    emit_records,
    found_articles,
    nothing_found_json,
    listing_exit_status,
    open_library,
    print_error,
    report_no_articles,
    resolve_outlet,
    resolve_story,
    STORY_HELP,
    strip_controls_for_terminal,
    terminal_columns,
    wrapped_for_terminal,
    UNDATED,
    article_row,
    row_line,
    row_layout,
    use_colour,
)
from reader.corpus.decode import outlet_key
from reader.wording import (
    UPDATED_SINCE_READ,
    date_shown,
    fetch_time_shown,
    outlet_shown,
    secrets_hidden,
    untrusted_shown,
)


# A starred article's title starts with the app's star; one read before its outlet updated it says so.
STAR = "★"
UPDATED_WORDS = UPDATED_SINCE_READ


def register(subparsers) -> None:
    listing = subparsers.add_parser(
        "list",
        help="list the articles of the corpus",
        description="List every article: date, outlet, title and id, by outlet, each outlet's days oldest "
        "first and its undated articles last. On a terminal each article is one line: a long title "
        "is cut, and on a narrow one an id shown by its shortest start (`reader show` takes it); "
        "piped, every word and whole ids. Files that could not be "
        "loaded are reported on stderr with the reason.",
        epilog=listing_exit_status(
            "a bad option or --since/--until date, an --outlet or --story that names none of a corpus with articles"
        ),
    )
    add_json_options(listing)
    # as search and coverage have them: `reader list --since 2w` was "--since is an option of
    # `reader search` and `reader coverage`, not of `reader list`"
    add_date_options(listing, "articles dated")
    listing.add_argument(
        "--verbose",
        action="store_true",
        help=VERBOSE_HELP,
    )
    listing.add_argument(
        "--outlet", metavar="NAME", help="only this outlet's articles (its name, an alias or a unique prefix, any case)"
    )
    # as search has it: `reader list --story ID` was an unrecognized argument
    listing.add_argument("--story", metavar="ID", help=STORY_HELP)
    add_update_option(listing)
    listing.set_defaults(run=run_list)

    show = subparsers.add_parser(
        "show",
        help="print the clean text of articles",
        description="Print articles by id (as `reader list` shows) or by path to any file. An older "
        "version of a page `reader fetch` kept again is said to be one, and stderr names the commands "
        "that show its newest and what changed.",
        epilog=ARTICLES_EXIT_STATUS,
    )
    show.add_argument(
        "targets",
        nargs="+",
        metavar="ARTICLE",
        help=ARTICLE_HELP,
    )
    add_json_options(show)
    add_update_option(show)
    show.set_defaults(run=run_show)


def _report_skipped(library, every_one: bool = False) -> int:
    return report_skipped(library.skipped(), every_one=every_one, command=library.command_line("list --verbose"))


def _report_empty(library, articles: list, skipped_named: int) -> int:
    """An empty corpus says so on stderr (a wrong --corpus folder is the usual cause), as the
    app's reader pane does. The exit status: 1 when nothing loaded (every file skipped), else 0."""
    if not articles and report_no_articles(library, skipped_named):
        return 1
    return 0


def _shown_marks(library, articles: list) -> dict:
    """The read marks and stars as lists show them (a version's on its newest); none, with a
    warning on stderr, when the marks file cannot be read: the list is listed all the same."""
    try:
        marks = library.shown_marks(articles)
    except OSError as exc:  # MarksUnreadable (damaged, busy, another application's), or the disk's
        print(f"reader: warning: read marks and stars not shown: {exc}", file=sys.stderr)
        return {}
    not_followed = library.marks.take_not_followed()  # a copied folder's, in a read-only data dir
    if not_followed is not None:
        print_error(f"warning: {not_followed}")  # (its folders' names shown escaped)
    return marks


def run_list(args) -> int:
    from reader.listing import dated_within, versions_in_fetch_order
    from reader.state.marks import UNMARKED

    check_date_options(args)
    library = open_library(args)
    articles = loaded = library.articles()
    versions = library.replacements(articles)
    marks = _shown_marks(library, articles)
    if args.outlet is not None:
        wanted = resolve_outlet(library, args.outlet)
        key = outlet_key(wanted)
        articles = [a for a in articles if outlet_key(a.outlet) == key]  # as search --outlet filters
    if args.story is not None:
        story = resolve_story(library, args.story)
        articles = [a for a in articles if story and (a.story or "").startswith(story)]
    within = dated_within(articles, lambda a: a.date, args.since, args.until)
    outside = len(articles) - len(within)
    articles = within
    # (by outlet, then day, then id: of one day, "-v10" came before "-v2")
    articles = versions_in_fetch_order(articles, versions.places, lambda a: a.date, newest=False)
    if args.json:
        emit_records(
            [
                {
                    "id": a.id,
                    "outlet": a.outlet,
                    "title": a.title,
                    "date": a.date,
                    "url": a.url,  # whole: the article's own data, for a script to open (README, "--json")
                    "story": a.story,
                    "path": a.path,
                    "author": a.author,
                    "time": a.time,
                    "fetched": a.fetched,
                    **versions.listed(a.id),
                    # the id its `previous:` names when no article of the corpus is that version
                    "previous_missing": versions.missing.get(a.id),
                    **_mark_fields(marks.get(a.id, UNMARKED)),
                }
                for a in articles
            ],
            args.json,
        )
        # On stderr whatever it is: the array has no room for them, and a script that pipes
        # stderr away from a terminal saw none (every line there, as without --json).
        named = _report_skipped(library, args.verbose)
        status = _report_empty(library, loaded, named)
        _say_unread_files(args, library, loaded)
        _say_none_in_range(args, articles, outside)
        return status
    named = _report_skipped(library, args.verbose)
    status = _report_empty(library, loaded, named)  # (the corpus's: a range may leave none of them)
    _say_unread_files(args, library, loaded)
    _say_none_in_range(args, articles, outside)
    colour = use_colour()
    # a title cut to fit on a terminal, not in a pipe (nor the ids shortened there)
    layout = row_layout(((a.date or UNDATED, a.id) for a in articles), lambda: (a.id for a in loaded))
    layout = layout.with_outlets(strip_controls_for_terminal(outlet_shown(a.outlet)) for a in articles)
    for a in articles:
        mark = marks.get(a.id, UNMARKED)
        parts = article_row(
            a.date or UNDATED,
            strip_controls_for_terminal(outlet_shown(a.outlet)),
            strip_controls_for_terminal(a.title or "(untitled)"),
            a.id,  # shown as every message shows a name (untrusted_shown), or its shortest start
            marks=(f"{STAR} " if mark.starred else "", versions.mark(a.id) + (UPDATED_WORDS if mark.updated else "")),
            layout=layout,
        )
        print(row_line(parts, layout, colour))
    return status


def _say_unread_files(args, library, loaded: list) -> None:
    """With --verbose, the files the corpus does not read by their suffix (a PDF or a Word file beside
    the articles), as `index` names them: `list --verbose` named every file skipped but not
    these, passed over without a word. (An empty corpus's line names them already.)"""
    if args.verbose and loaded:
        say_unread_files(library, len(loaded))


def _say_none_in_range(args, articles: list, outside: int) -> None:
    """An empty list said nothing of the dates asked (`[]` alone with --json): said on stderr."""
    if not articles and outside:
        # (print_error: a first index build's progress line is cleared, not written after)
        print_error(f"no article dated {range_said(args.since, args.until)} ({outside} outside it)")


def _mark_fields(mark) -> dict:
    """`read`, `starred`, and `updated` (read, but only an older version: updated since)."""
    return {"read": mark.read, "starred": mark.starred, "updated": mark.updated}


# How `reader show` says where an inferred title came from (reader.corpus.infer.TITLE_SOURCES).
TITLE_SOURCE_WORDS = {
    "headline": "its first line",
    "first_sentence": "its first sentence",
    "file_name": "its file name",
}


def version_said(listed: dict) -> str | None:
    """Where `reader show` says an article stands among the versions of its page (listed_versions'
    keys): "version 1, replaced by ID" for an older one, so that what is read is known to be an
    older text, "version 2, replacing ID" for the newest, "earlier version not found: ID" for one
    whose `previous:` names no article; None in no chain."""
    if listed.get("replaced_by"):
        return f"version {listed['version']}, replaced by {untrusted_shown(listed['replaced_by'])}"
    if listed.get("previous"):
        return f"version {listed['version']}, replacing {untrusted_shown(listed['previous'])}"
    if listed.get("previous_missing"):  # as `list` marks it: its `previous:` names no article here
        return f"earlier version not found: {untrusted_shown(listed['previous_missing'])}"
    return None


def newer_version_note(library, older: str, newest: str) -> str:
    """What `show` of an older version says on stderr: that it is an older text, and the commands
    that show the newest and what changed (the header names the newest's id alone)."""
    from reader.wording import shell_word

    newer, words = shell_word(newest), f"{shell_word(older)} {shell_word(newest)}"
    return (
        f"reader: {untrusted_shown(older)} is an older version of its page: "
        f"`{library.command_line(f'show {newer}')}` shows the newest, "
        f"`{library.command_line(f'compare {words}')}` what changed"
    )


def run_show(args) -> int:
    library = open_library(args, files_first=True)  # a named file read without the whole index
    failed: list[dict] = []
    articles, status = found_articles(library, args.targets, failed=failed)
    if args.json == "array" and failed and not articles:
        emit_json(nothing_found_json(failed))
        return status
    if args.json:
        emit_records(
            [
                {
                    **article_fields(library, a),
                    "previous_missing": library.listed_versions(a, missing=True)["previous_missing"],
                    "text": a.text,
                }
                for a in articles
            ],
            args.json,
        )
        return status
    colour = use_colour()
    for number, a in enumerate(articles):
        if number:
            print()
        title = strip_controls_for_terminal(a.title or "(untitled)")
        # An outlet or a date worked out from the text or the path is said to be one: a wire
        # credit names who wrote it, not always who published it.
        date = a.date and date_shown(a.date, a.fetched)  # "written 2019-03-04" when fetched years later
        shown = [(a.outlet, "outlet"), (date, "date"), (a.author and f"by {a.author}", "author")]
        shown.append((a.url and secrets_hidden(a.url), "url"))  # a newsletter's "?token=…" link: ***
        shown.append((fetch_time_shown(a.fetched, a.date), "fetched"))  # when reader fetch fetched it
        parts = [
            strip_controls_for_terminal(part) + (" (inferred)" if field in a.inferred else "")
            for part, field in shown
            if part
        ]
        # A title worked out from the text is said to be one, and how: a first sentence cut
        # short reads as no headline.
        if a.title and a.title_source in TITLE_SOURCE_WORDS:
            parts.append(f"title from {TITLE_SOURCE_WORDS[a.title_source]} (inferred)")
        listed = library.listed_versions(a, missing=True)
        if said := version_said(listed):
            parts.append(said)
        if listed.get("replaced_by"):
            print(newer_version_note(library, a.id, listed["replaced_by"]), file=sys.stderr)
        meta = " · ".join(parts)
        print(wrapped_for_terminal(f"\x1b[1m{title}\x1b[0m" if colour else title, terminal_columns()))
        if meta:
            print(wrapped_for_terminal(f"\x1b[2m{meta}\x1b[0m" if colour else meta, terminal_columns()))
        print()
        print(wrapped_for_terminal(strip_controls_for_terminal(body_below_its_title(a)), terminal_columns()))
    return status


def body_below_its_title(article) -> str:
    """The text `show` prints below the title: without its first line when that line is the
    headline the title was taken from (`title_source` "headline"), which the title above says
    already: `printf 'A Title\\n\\ntext' | reader show -` printed "A Title" twice. The text
    itself (--json's, whose offsets quotes and search give) keeps it."""
    text = article.text
    if article.title_source != "headline" or not article.title:
        return text
    first, _, rest = text.lstrip().partition("\n")
    if first.strip() != article.title.strip() or not rest.strip():
        return text
    return rest.lstrip("\n")
