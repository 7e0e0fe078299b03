"""`reader compare A B`: how two articles (usually two outlets' versions of one story) differ.

Aligned sentences, what only one side reports, shared quotations (exact, fragment, altered),
name variants and differing figures. `--json` prints the DESIGN.md shape; `--markdown` the
Markdown export; otherwise a readable form, coloured on a terminal and plain when piped.
"""

from __future__ import annotations

import sys

from reader.commands.common import (
    CommandError,
    ProgressLine,
    emit_json,
    open_library,
    strip_controls_for_terminal,
    use_colour,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="compare two articles: aligned sentences, omissions, shared quotes",
        description="Compare two articles (by id, as `reader list` shows, or by path to any "
        "file): aligned sentences, sentences only one side has, shared quotations (exact, "
        "fragment, altered), name variants and differing figures.",
    )
    parser.add_argument("left", metavar="A", help="article id or file path (left side)")
    parser.add_argument("right", metavar="B", help="article id or file path (right side)")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--markdown", action="store_true", help="print the Markdown export")
    parser.set_defaults(run=run)


def run(args) -> int:
    from reader.analysis.report import render_markdown, render_text
    from reader.library import ArticleNotFound

    progress = ProgressLine("indexing")
    library = open_library(args, progress=progress)
    try:
        articles = []
        for target in (args.left, args.right):
            try:
                articles.append(library.article(target))
            except ArticleNotFound as exc:
                raise CommandError(str(exc)) from exc
        comparison = library.compare(articles[0], articles[1])
    finally:
        progress.finish()  # the index update may leave its line drawn (e.g. "0/0")
        close = getattr(library, "close", None)
        if close is not None:
            close()
    if args.json:
        emit_json(comparison.to_dict())
    elif args.markdown:
        sys.stdout.write(strip_controls_for_terminal(render_markdown(comparison)))
    else:
        colour = use_colour()
        text = render_text(comparison, colour=colour)
        if not colour:
            text = strip_controls_for_terminal(text)
        sys.stdout.write(text)
    return 0
