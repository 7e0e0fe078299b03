"""`reader quotes T...`: the direct quotations of articles, with their speakers and offsets."""

from __future__ import annotations

from reader.commands.common import (
    ARTICLE_HELP,
    ARTICLES_EXIT_STATUS,
    add_date_options,
    add_update_option,
    check_date_options,
    CommandError,
    print_error,
    range_said,
    resolve_outlet,
    resolve_story,
    STORY_HELP,
    article_fields,
    add_json_options,
    emit_json,
    emit_records,
    found_articles,
    note_skipped_files,
    NOTHING_LOADED,
    nothing_found_json,
    open_library,
    report_an_empty_corpus,
    strip_controls_for_terminal,
    terminal_columns,
    wrapped_for_terminal,
    use_colour,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "quotes",
        help="list the quotations of articles and who said them",
        description="Print the direct quotations of articles (by id, as `reader list` shows, or "
        'by path to any file) with their speakers. A quotation interrupted by its attribution ("I '
        'trust in God," he said, "but ...") or running over paragraphs is listed once, its parts '
        "joined with … where the article's words stood between them. Offsets refer to the text "
        "`reader show` prints; --json gives each part's span too. Instead of naming articles, "
        "--outlet, --story, --since and --until choose them from the corpus, as `reader list` does.",
        epilog=ARTICLES_EXIT_STATUS
        + " Articles chosen with --outlet, --story, --since or --until: 0, also when none is chosen (stderr says so),"
        + " 1 when every file of the corpus was skipped.",
    )
    parser.add_argument(
        "targets",
        nargs="*",
        metavar="ARTICLE",
        help=ARTICLE_HELP + " (or none, with --outlet, --story, --since or --until)",
    )
    add_json_options(parser)
    # as `list` has them: `reader quotes --since 2w` was "the following arguments are required"
    add_date_options(parser, "articles dated")
    parser.add_argument(
        "--outlet", metavar="NAME", help="only this outlet's articles (its name, an alias or a unique prefix, any case)"
    )
    parser.add_argument("--story", metavar="ID", help=STORY_HELP)
    add_update_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    choosing = any(value is not None for value in (args.since, args.until, args.outlet, args.story))
    if args.targets and choosing:
        raise CommandError("name articles or choose them with --outlet, --story, --since or --until, not both", code=2)
    if not args.targets and not choosing:
        raise CommandError(
            "name an article (as `reader list` shows its id), or choose them with --outlet, --story, --since or --until",
            code=2,
        )
    check_date_options(args)
    library = open_library(args, files_first=True)  # a named file read without the whole index
    failed: list[dict] = []
    if choosing:
        articles, status = _chosen_articles(library, args)
    else:
        articles, status = found_articles(library, args.targets, "quotes", failed)
    if args.json == "array" and failed and not articles:
        emit_json(nothing_found_json(failed))
        return status
    results = [(article, [q.to_dict() for q in library.quotations(article)]) for article in articles]
    if args.json:
        # Each article named as `show --json` names it: `{"id", "quotes"}` alone left a script
        # to look up the outlet and title that the plain output heads each article with.
        emit_records([{**article_fields(library, article), "quotes": quotes} for article, quotes in results], args.json)
        return status
    colour = use_colour()
    columns = terminal_columns()

    def say(text: str) -> None:  # on a terminal, a quotation wrapped under its opening mark
        print(wrapped_for_terminal(text, columns))

    for number, (article, quotes) in enumerate(results):
        if number:
            print()
        heading = strip_controls_for_terminal(
            " · ".join(part for part in (article.outlet, article.title or article.id) if part)
        )
        count = f"{len(quotes)} quotation{'s' if len(quotes) != 1 else ''}"
        say(f"\x1b[1m{heading}\x1b[0m  \x1b[2m{count}\x1b[0m" if colour else f"{heading}  ({count})")
        for quote in quotes:
            text = strip_controls_for_terminal(" ".join((quote["text"] or "").split()))
            speaker = strip_controls_for_terminal(quote["speaker"] or "(speaker unknown)")
            mention = quote.get("mention")
            if mention and mention != quote["speaker"]:
                speaker += f" (as “{strip_controls_for_terminal(mention)}”)"
            say(f"  “{text}”")
            say(f"    \x1b[36m— {speaker}\x1b[0m" if colour else f"    — {speaker}")
    return status


def _chosen_articles(library, args) -> tuple[list, int]:
    """The corpus's articles of --outlet and --story dated within --since/--until, oldest first
    (undated last), and the exit status: none chosen is said on stderr (0); a corpus of no article
    is said as `list` says it ("no articles in DIR", not "no article of fox"), 1 when every file
    was skipped; files skipped among others are counted after the output, as `stories` does."""
    from reader.corpus.decode import outlet_key
    from reader.listing import dated_within

    said = report_an_empty_corpus(library)
    if said is not None:
        return [], 1 if said == NOTHING_LOADED else 0
    articles = library.articles()
    if args.outlet is not None:
        key = outlet_key(resolve_outlet(library, args.outlet))
        articles = [a for a in articles if outlet_key(a.outlet) == key]
    if args.story is not None:
        story = resolve_story(library, args.story)
        articles = [a for a in articles if story and (a.story or "").startswith(story)]
    articles = dated_within(articles, lambda a: a.date, args.since, args.until)
    articles = sorted(articles, key=lambda a: (a.date is None, a.date or "", a.id))
    if not articles:
        said_of = [f"of {args.outlet}"] if args.outlet is not None else []
        said_of += [f"of story {args.story}"] if args.story is not None else []
        said_of += [f"dated {range_said(args.since, args.until)}"] if args.since or args.until else []
        print_error(f"no article {' and '.join(said_of)}")
    note_skipped_files(library)
    return [library.article(info.id) for info in articles], 0  # (the list's entries hold no text)
