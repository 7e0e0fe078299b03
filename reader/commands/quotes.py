"""`reader quotes T...`: the direct quotations of articles, with their speakers and offsets."""

from __future__ import annotations

from reader.commands.common import (
    ARTICLE_HELP,
    ARTICLES_EXIT_STATUS,
    add_update_option,
    article_fields,
    add_json_options,
    emit_json,
    emit_records,
    found_articles,
    nothing_found_json,
    open_library,
    strip_controls_for_terminal,
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
        "`reader show` prints; --json gives each part's span too.",
        epilog=ARTICLES_EXIT_STATUS,
    )
    parser.add_argument(
        "targets",
        nargs="+",
        metavar="ARTICLE",
        help=ARTICLE_HELP,
    )
    add_json_options(parser)
    add_update_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    library = open_library(args)
    failed: list[dict] = []
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
    for number, (article, quotes) in enumerate(results):
        if number:
            print()
        heading = strip_controls_for_terminal(
            " · ".join(part for part in (article.outlet, article.title or article.id) if part)
        )
        count = f"{len(quotes)} quotation{'s' if len(quotes) != 1 else ''}"
        print(f"\x1b[1m{heading}\x1b[0m  \x1b[2m{count}\x1b[0m" if colour else f"{heading}  ({count})")
        for quote in quotes:
            text = strip_controls_for_terminal(" ".join((quote["text"] or "").split()))
            speaker = strip_controls_for_terminal(quote["speaker"] or "(speaker unknown)")
            mention = quote.get("mention")
            if mention and mention != quote["speaker"]:
                speaker += f" (as “{strip_controls_for_terminal(mention)}”)"
            if colour:
                print(f"  “{text}”\n    \x1b[36m— {speaker}\x1b[0m")
            else:
                print(f"  “{text}”\n    — {speaker}")
    return status
