"""`reader stories`: articles from different outlets grouped by the event they report."""

from __future__ import annotations

from reader.commands.common import (
    TITLE_CELLS_AT_LEAST,
    story_ids_shown,
    add_date_options,
    add_update_option,
    check_date_options,
    range_said,
    UNDATED,
    article_row,
    row_line,
    cells_of,
    row_layout,
    title_fitted,
    add_json_options,
    emit_records,
    note_skipped_files,
    listing_exit_status,
    open_library,
    NOTHING_LOADED,
    print_error,
    resolve_outlet,
    report_an_empty_corpus,
    say_nothing_found,
    strip_controls_for_terminal,
    use_colour,
    whole_number_option,
)
from reader.corpus.decode import outlet_key
from reader.wording import SHOWN_LABEL_CELLS, clipped_cells, counted, outlet_shown


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "stories",
        help="group the articles by the story (event) they report",
        description="List stories: articles from different outlets that report the same event, "
        "grouped by text, names, quotes and dates. Every article is in exactly one story; an "
        "article no other one matches is a story of its own. The versions of a page `reader fetch` "
        "kept again when its outlet edited it are in one story, whatever their dates.",
        epilog=listing_exit_status(
            "a bad option or --since/--until date, a --min-size that is not a whole number of 1 or more, "
            "an --outlet that names none of the outlets of a corpus with articles"
        ),
    )
    add_json_options(parser)
    parser.add_argument(
        "--min-size",
        default=1,
        metavar="N",
        help="only stories with at least N articles (default 1: all of them)",
    )
    # as coverage has them: `reader stories --since 2w` was told they are search's and coverage's
    add_date_options(parser, "stories with an article (an edited page: its newest version) dated")
    # as `list` and `search` have it: `reader stories --outlet fox` was an unrecognized argument
    parser.add_argument(
        "--outlet",
        metavar="NAME",
        help="only stories with an article of this outlet (its name, an alias or a unique prefix, any case)",
    )
    add_update_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from reader.listing import dated_within

    min_size = whole_number_option("--min-size", getattr(args, "min_size", 1), 1, "at least 1") or 1
    check_date_options(args)
    library = open_library(args)
    versions = library.replacements()
    # An older version an outlet replaced is listed under its story but counts for none of it;
    # a story of older versions alone (an index grouped before the grouping took the links found
    # by URL, until its next update) is listed all the same with every story (--min-size 1):
    # every article is in one story listed.
    stories = [s for s in library.stories() if min_size == 1 or len(versions.current_members(s)) >= min_size]
    if args.since or args.until:
        # The versions in force decide, as the story's dates shown and `coverage --since` read
        # them: a page edited in December is December's, its October version replaced (a story
        # was kept by it); a story of older versions alone, by them.
        dated = {a.id for a in dated_within(library.articles(), lambda a: a.date, args.since, args.until)}
        stories = [s for s in stories if any(m in dated for m in versions.current_members(s) or s.articles)]
    if args.outlet is not None:
        key = outlet_key(resolve_outlet(library, args.outlet))
        its = {a.id for a in library.articles() if outlet_key(a.outlet) == key}
        stories = [s for s in stories if its.intersection(s.articles)]
    spans = library.story_spans(stories)
    note_skipped_files(library)
    # Newest first, as `reader coverage` and the app's coverage view list them (the story's date
    # is its earliest article's; undated stories last; the id breaks ties): it was oldest first.
    stories.sort(key=lambda s: str(s.id))
    stories.sort(key=lambda s: spans[s.id].date or "", reverse=True)
    stories.sort(key=lambda s: spans[s.id].date is None)
    # No article: said once (every file skipped: with the count and the command naming them, and
    # exit status 1), rather than "no stories" (a corpus read that had none).
    empty = None if stories else report_an_empty_corpus(library)
    nothing_loaded = empty == NOTHING_LOADED
    if args.json:
        emit_records(
            [
                {**s.to_dict(), **spans[s.id].to_dict(), "replaced": [m for m in s.articles if versions.is_replaced(m)]}
                for s in stories
            ],
            args.json,
        )
        if (
            not stories and not empty and (args.since or args.until or args.outlet is not None)
        ):  # as `list --json` says it: `[]` alone did not
            print_error(_none_said(min_size, args))
        return 1 if nothing_loaded else 0
    info = {a.id: a for a in library.articles()}
    colour = use_colour()
    clean = strip_controls_for_terminal
    # a title cut to fit on a terminal (not in a pipe), the lines two columns in
    layout = row_layout(
        (((a.date if (a := info.get(m)) else None) or UNDATED, m) for story in stories for m in story.articles),
        info.keys,
        indent=2,
    ).with_outlets(
        clean(outlet_shown(a.outlet if (a := info.get(m)) else None)) for story in stories for m in story.articles
    )
    outlets_only = {story.id: _outlets_said(story, spans, info) for story in stories}
    labels = {story.id: clipped_cells(clean(story.label or story.id), SHOWN_LABEL_CELLS) for story in stories}
    counts = {story.id: _counts_said(story, spans, versions, info) for story in stories}
    story_ids = _story_ids_shown(library, labels, counts, layout.columns)
    tails = _header_tails(stories, story_ids, counts, outlets_only, layout.columns)
    for number, story in enumerate(stories):
        if number:
            print()
        label = labels[story.id]
        tail = tails[story.id]
        if layout.columns is not None:  # on a terminal, the label cut to leave the counts and the id whole
            label = title_fitted(label, layout.columns + 2 - 1 - cells_of(f"  ({tail})"))
        print(f"\x1b[1m{label}\x1b[0m  \x1b[2m{tail}\x1b[0m" if colour else f"{label}  ({tail})")
        for article_id in story.articles:
            a = info.get(article_id)
            parts = article_row(
                (a.date if a else None) or UNDATED,
                clean(outlet_shown(a.outlet if a else None)),
                clean((a.title if a else None) or "(untitled)"),
                article_id,  # shown as every message shows a name (untrusted_shown), or its shortest start
                marks=("", versions.mark(article_id)),
                layout=layout,
            )
            print(row_line(parts, layout, colour, "  "))
    if empty:
        return 1 if nothing_loaded else 0
    if not stories:
        say_nothing_found(_none_said(min_size, args))
    return 0


def _none_said(min_size: int, args) -> str:
    """The empty listing said: "no stories", or "no story with 2 or more articles and an article dated 2030 or later"."""
    sized = "" if min_size == 1 else f" with {min_size} or more articles"
    joined = " and" if sized else " with"
    in_range = f"{joined} an article dated {range_said(args.since, args.until)}" if args.since or args.until else ""
    outlet = getattr(args, "outlet", None)
    of_outlet = f"{' and' if sized or in_range else ' with'} an article of {outlet}" if outlet is not None else ""
    return f"no story{sized}{in_range}{of_outlet}" if sized or in_range or of_outlet else "no stories"


def _header_tails(stories, story_ids, counts, outlets_only, columns: int | None) -> dict[str, str]:
    """{story id: its header's "(…)" part}: "3 articles, 3 outlets · s2e" for every story, or on a
    terminal where one of them would leave its label less than its least, "3 outlets · s2e" for
    every story (their articles are counted by their lines below). Decided per story, a listing at
    44 columns mixed the two forms, story by story as their ids' lengths went."""
    counted_tails = {s.id: f"{counts[s.id]} · {story_ids[s.id]}" for s in stories}
    if columns is None or all(
        columns + 2 - 1 - cells_of(f"  ({tail})") >= TITLE_CELLS_AT_LEAST for tail in counted_tails.values()
    ):
        return counted_tails
    return {s.id: f"{outlets_only[s.id]} · {story_ids[s.id]}" for s in stories}


def _counts_said(story, spans, versions, info) -> str:
    """ "3 articles, 1 older version, 3 outlets": how many outlets too ("3 articles" alone did not
    say whether it is one outlet's series or a story outlets compare on)."""
    outlets = len(spans[story.id].outlets)
    told_by = counted(outlets, "outlet") if outlets else "no outlet"  # not "0 outlets"
    current = len(versions.current_members(story))
    older = len(story.articles) - current
    if current:
        replaced = f", {counted(older, 'older version')}" if older else ""
        return f"{counted(current, 'article')}{replaced}, {told_by}"
    # (not "0 articles, 1 older version, no outlet": its versions' outlets, uncounted elsewhere)
    own = {outlet_key(a.outlet) for m in story.articles if (a := info.get(m)) is not None and a.outlet}
    return f"{counted(older, 'older version')}, {counted(len(own), 'outlet') if own else 'no outlet'}"


def _outlets_said(story, spans, info) -> str:
    """ "3 outlets": _counts_said's shortest form, for a narrow terminal."""
    outlets = len(spans[story.id].outlets) or len(
        {outlet_key(a.outlet) for m in story.articles if (a := info.get(m)) is not None and a.outlet}
    )
    return counted(outlets, "outlet") if outlets else "no outlet"


def _story_ids_shown(library, labels: dict[str, str], counts: dict[str, str], columns: int | None) -> dict[str, str]:
    """{story id: as its header shows it} for stories' `labels` and `counts` (_counts_said): whole,
    but on a terminal where a label would be cut beside its whole id, by their start (story_ids_shown,
    as git shortens a hash): at 60 columns "Hillary…  (3 articles, 3 outlets · sde2e8e64b4167c32)"
    gave its label 8 columns, the id 17."""
    whole = {story_id: story_id for story_id in counts}
    if columns is None or all(
        cells_of(labels[story_id]) <= columns + 2 - 1 - cells_of(f"  ({said} · {story_id})")
        for story_id, said in counts.items()
    ):
        return whole
    return story_ids_shown(whole, (story.id for story in library.stories()))
