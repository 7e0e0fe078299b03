"""`reader search QUERY`: ranked results with snippets, as JSON or a readable (coloured) list."""

from __future__ import annotations

import re
import sys

from reader.commands import common
from reader.commands.common import (
    resolve_story,
    STORY_HELP,
    print_error,
    add_date_options,
    add_update_option,
    check_date_options,
    CommandError,
    add_json_options,
    emit_records,
    note_skipped_files,
    terminal_columns,
    open_library,
    report_an_empty_corpus,
    say_aside,
    resolve_outlet,
    strip_controls_for_terminal,
    UNDATED,
    OUTLET_CELLS_NARROWEST,
    ids_say_dates,
    ids_with_their_dates,
    shortest_ids_shown,
    words_with_marks_joined,
    TITLE_CELLS_AT_LEAST,
    title_fitted,
    cells_of,
    typed_words,
    use_colour,
    whole_number_option,
)
from reader.wording import outlet_clipped_cells, outlet_shown, untrusted_shown

QUERY_HELP = (
    'words, "phrases", AND/OR/NOT (or &&, ||, !word), (grouping), field:value for title, body, outlet, author, '
    "quote, speaker, story, and date ranges like date:[2025-10-01 TO 2025-10-31] (or date:2025-10-01..2025-10-31, "
    "since:2025-10, until:3d); prefix* needs 3 letters and finds the words written so (inflatio* finds inflation, held as its stem inflat; hope* finds hope and hopes, not hoping; citi* citing and cities, not city), a ? inside a word is one letter (what? is a question); budgit~ finds a word one letter off (budgit~2: two), "
    'budget^3 weighs a word 3 times in the ranking, "peace talks"~3 finds the words up to 3 apart; '
    'a quotation mark inside a phrase is \\" ("he said \\"no\\""); '
    "US in capitals and U.S. are the country; a number is one word whatever its separators (1,000 finds 1000, "
    "not 2,000; 3,5 finds 3.5, 0,500 0.500; 12.500.000 finds 12500000, and 1000 finds 1.000 in a German, Spanish, Italian, "
    "Dutch, Portuguese or Danish article); AT&T, P&G, C++, F#, .NET are words with their symbols (ATT finds "
    "AT&T too, net .NET); "
    "example.org finds www.example.org and news.example.org; "
    "a passage pasted cut mid-word that finds nothing is searched without its cut first or last word, "
    "where an article writes it as part of a word (a note says so)"
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "search",
        help="search the corpus",
        description="Search every article (title, text, quotes, speakers, outlet). The query: " + QUERY_HELP + ".",
        epilog="exit status: 0 when something was found, 1 when nothing was (then a terminal shows "
        "\"no results\"; piped, the output is empty, or [] with --json, as grep's and ripgrep's is, and stderr "
        'says "no results" when it is a terminal) or when '
        "the corpus has files but every one was skipped (nothing loaded: stderr says how many), 2 for a "
        "usage error, as ripgrep's for a bad pattern (a malformed query, one with no word searched, only words too "
        "common or short as in `reader search the`, a bad option, an --outlet or --story that names none of a corpus with articles).",
    )
    parser.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help="the query (words are joined; a word that starts with '-', given after `--`, is searched for, not left out)",
    )
    parser.add_argument("--limit", default=20, metavar="N", help="at most N results (default 20; 0: all of them)")
    parser.add_argument(
        "--outlet", metavar="NAME", help="only this outlet's articles (its name, an alias or a unique prefix, any case)"
    )
    add_date_options(parser, "articles dated")
    parser.add_argument(
        "--sort",
        choices=("relevance", "date"),
        default="relevance",
        help="the best matches first (relevance, the default) or the newest first (date)",
    )
    parser.add_argument("--story", metavar="ID", help=STORY_HELP)
    add_json_options(parser)
    add_update_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    args.limit = whole_number_option("--limit", args.limit, 0, "0 (all the results) or more")
    check_date_options(args)
    query = " ".join(_searched_as_text(typed_words(word)) for word in args.query)
    library = open_library(args)
    try:
        outlet = resolve_outlet(library, args.outlet)
        story = resolve_story(library, args.story)
        _check_story_fields(library, query)
        results = library.search(
            query,
            **{
                "limit": args.limit or None,  # 0: no limit
                "outlet": outlet,
                "since": args.since,
                "until": args.until,
                "sort": args.sort,
                "story": story,
            },
        )
        said_empty = False  # no article: "no results" would only say it again
        if not results.hits:  # said first, before a query's error: in an empty corpus, that is the news
            said_empty = report_an_empty_corpus(library) is not None
            if not results.error:
                _report_folders_in_the_query(library, args.query)
        if results.answered:  # a malformed query read nothing: no word of the index
            note_skipped_files(library)
        # The terminal's width, None when piped: common's terminal_columns is the one place that asks.
        width = None if args.json else terminal_columns()
        by_date = args.sort == "date"  # the newest first: no relevance was scored ("score 0.00" said nothing)
        hit_line = _hit_line_layout(library, results.hits, width, by_date)
    finally:
        library.close()
    if results.error and not results.hits:
        raise CommandError(results.error, code=2)
    if results.error:
        print_error(results.error)
    for note in getattr(results, "notes", None) or []:
        print_error(note)
    if results.corrected:
        print_error(f"did you mean: {results.corrected}")
    found = 0 if results.hits else 1  # like grep and ripgrep: 1 means "nothing found"
    if args.json:
        emit_records([hit.to_dict() for hit in results.hits], args.json)
        _say_results_cut(results)
        return found
    colour = use_colour()
    if not results.hits:
        if said_empty:  # (not after "nothing loaded": as though the corpus were read)
            return found
        if width is not None:
            print("no results")
        elif common.is_terminal(sys.stderr):  # piped to a pager or a file while a person watches
            print_error("no results")  # (on stderr: the output stays empty for what reads it)
        return found  # piped with stderr piped too, as a script runs it: an empty output and exit 1 say it
    _print_hits(results.hits, width, colour, hit_line)
    shown = len(results.hits)
    about = "about " if results.partial else ""  # cut short by the time limit: what was counted by then
    more = f" of {about}{results.total}" if results.total > shown else ""
    plural = "s" if max(shown, results.total) != 1 else ""
    # how to see the rest, as --json's count says it ("2 of 11 results" left a newcomer to guess)
    rest = " (--limit 0 gives them all)" if more and not results.partial else ""
    say_aside(f"{shown}{more} result{plural}{rest}")
    return 0


def _searched_as_text(word: str) -> str:
    """A one-word argument that starts with '-' came after `--` (argparse refuses it before, and
    its error says to give it there): its text is searched, as ripgrep searches `rg -- -lim`,
    not read as the query's minus, whose error (`write NOT lim`) sent `reader search -- -lim`
    round again. It is searched as a phrase, so that what follows the dashes is text too, no
    query syntax the dashes had kept as words (`-- -OR` is the word or, not "OR needs a word";
    `-- -*` no wildcard for every article): `-lim` and `--lim` search lim. An argument of
    several words is a query as typed, its minus the query's (`-- '-fox lim'`, as `'lim -fox'`:
    write NOT fox), and one holding a quote mark or a backslash, no phrase to quote, loses only
    its dashes (`-"white house"` searches the phrase, as the query read it)."""
    text = word.lstrip("-")
    if text == word or not text.strip() or any(char.isspace() for char in word):
        return word
    if '"' in text or "\\" in text:
        return text
    return f'"{text}"'


def _say_results_cut(results) -> None:
    """With --json, the count on stderr when the array holds fewer than the matches (--limit's
    default of 20, or the time limit): `reader search budget --json | jq length` said 20 of
    143 with nothing anywhere to say the rest were left out."""
    shown = len(results.hits)
    if results.total > shown:
        about = "about " if results.partial else ""  # what was counted when the time ran out
        print_error(f"{shown} of {about}{results.total} results (--limit 0 gives them all)")
    elif results.partial:
        print_error(f"{shown} results, found before the search's time limit cut it short")


def _report_folders_in_the_query(library, words: list[str]) -> None:
    """A folder among the query's words (`reader search budget ~/news`, as ripgrep takes a path)
    was searched for as words, and found nothing: say how to search the articles in it."""
    import os

    from reader.wording import shell_word

    folders = [word for word in words if os.path.isdir(word)]
    if not folders:
        return
    rest = [word for word in words if word not in folders]
    # each folder as pasted, `$'a\nb'`, with the --index and --follow-links given
    line = library.command_line(f"search {' '.join(map(shell_word, rest)) if rest else 'QUERY'}", corpus=folders)
    one = len(folders) == 1
    print_error(
        f"{' '.join(map(shell_word, folders))} {'is a folder' if one else 'are folders'}, searched for as words; "
        f"to search the articles in {'it' if one else 'them'}: `{line}`"
    )


_STORY_FIELD = re.compile(r"(?<![\w:])story:([A-Za-z0-9]+)(?![\w*?])", re.IGNORECASE)


def _check_story_fields(library, query: str) -> None:
    """A `story:ID` in the query that names no story is said on stderr (the query still runs:
    it may be one side of an OR); an id saved before an update may name no story now."""
    asked = _STORY_FIELD.findall(query)
    if not asked:
        return
    from reader.library import ID_CANDIDATES_SHOWN, SHORTEST_NAME_START, STORY_ID_CHANGES, story_id_meant

    from reader.analysis.story_ids import STORY_ID_AT_40_BITS, STORY_ID_START

    known = [story.id for story in library.stories()]
    for value in asked:
        if value in known:
            continue
        if STORY_ID_START.fullmatch(value):  # a start (a narrow listing's, or saved at 10 digits): searched so
            started = sorted({one for one in known if one.startswith(value)})
            if len(started) == 1:
                continue
            if started:
                saved = " (an id saved when they had 10 digits)" if STORY_ID_AT_40_BITS.fullmatch(value) else ""
                print_error(
                    f"story:{value}{saved} starts {len(started)} story ids{' now' if saved else ''} "
                    f"({', '.join(started[:ID_CANDIDATES_SHOWN])}): the search finds the articles of each; "
                    "give the whole id for one"
                )
                continue
        meant = story_id_meant(value, known)
        if meant is not None:
            print_error(f"no story with id {value!r}; did you mean {meant!r}?")
        else:
            print_error(
                f"no story with id {value!r} ({STORY_ID_CHANGES}: "
                f"`{library.command_line('stories')}` lists them as they are now; a start of one, {SHORTEST_NAME_START} characters or more, is taken too)"
            )


_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _print_hits(hits, width: int | None, colour: bool, hit_line) -> None:
    """The hits as a readable list: on a terminal `width` columns wide (a title and an outlet cut
    to it, a snippet wrapped between words: a terminal wrapped ~200 characters mid-word at its
    right edge), or piped (None), each snippet one line, verbatim but for the matches' colour.
    `hit_line`: _hit_line_layout's ids as shown, whether dates are shown, whether scores are."""
    # Without colour, *word* marks the matches on a terminal only: piped text stays verbatim.
    marks = "colour" if colour else ("stars" if width is not None else None)
    idents, dated, scored = hit_line
    for rank, hit in enumerate(hits, 1):
        room = None if width is None else width - 1 - cells_of(f"{rank:>3}. {hit.version_mark}")
        title = title_fitted(strip_controls_for_terminal(hit.title or "(untitled)"), room) + hit.version_mark
        outlet = strip_controls_for_terminal(outlet_shown(hit.outlet))
        ident = idents[hit.id]
        date = (hit.date or UNDATED) if dated else ""
        score = _score_said(hit) if scored else ""
        # the outlet cut like the title, on a terminal: the date, id and score stay whole (down to
        # 4 columns, as list's: kept at a title's 12, "The Moscow…" ran to the 40th column)
        if width is not None:
            room = width - 1 - cells_of(f"     {date}    {ident}{score}")
            outlet = outlet_clipped_cells(outlet, max(room, OUTLET_CELLS_NARROWEST))
        if colour:
            print(f"\x1b[2m{rank:>3}.\x1b[0m \x1b[1m{title}\x1b[0m")
            print(f"     \x1b[36m{outlet}\x1b[0m  \x1b[2m{date}{'  ' if date else ''}{ident}{score}\x1b[0m")
        else:
            print(f"{rank:>3}. {title}")
            print(f"     {outlet}  {date}{'  ' if date else ''}{ident}{score}")
        for snippet in hit.snippets:
            text = render_snippet(snippet.text, snippet.matches, marks, snippet.cut_before, snippet.cut_after)
            if width is None:  # piped: one line a snippet, as it was, for grep and cut
                print("     " + text)
            else:
                print("\n".join(wrapped_between_words(text, width, "     ")))


def wrapped_between_words(text: str, width: int, indent: str) -> list[str]:
    """`text` (a rendered snippet, its colour codes taking no room) cut at its spaces into lines
    of at most `width` terminal columns, each begun by `indent`; a word wider stays whole, and
    a mark standing alone stays with its word (words_with_marks_joined: « Oui » is not cut)."""
    lines, current, used = [], indent, len(indent)
    for word in words_with_marks_joined(text.split(" ")):
        cells = cells_of(_SGR.sub("", word))
        if used > len(indent) and used + 1 + cells > width:
            lines.append(current)
            current, used = indent + word, len(indent) + cells
        else:
            space = " " if used > len(indent) else ""
            current, used = current + space + word, used + len(space) + cells
    lines.append(current)
    return lines


def render_snippet(text: str, matches, marks: str | None, cut: bool = True, cut_after: bool = True) -> str:
    """The snippet with its matches emphasised: marks "colour" (bold yellow), "stars" (*word*)
    or None (the text as it is); "…" where the article goes on before it (`cut`) and after it."""
    out = []
    pos = 0
    for start, end in matches:
        if start < pos or end > len(text):
            continue
        out.append(strip_controls_for_terminal(text[pos:start]))
        word = strip_controls_for_terminal(text[start:end])
        if marks == "colour":
            word = f"\x1b[1;33m{word}\x1b[0m"
        elif marks == "stars":
            word = f"*{word}*"
        out.append(word)
        pos = end
    out.append(strip_controls_for_terminal(text[pos:]))
    return ("…" if cut else "") + "".join(out).strip() + ("…" if cut_after else "")


def _score_said(hit) -> str:
    return "" if hit.score is None else f"  score {hit.score:.2f}"


def _hit_line_layout(library, hits, width: int | None, by_date: bool) -> tuple[dict[str, str], bool, bool]:
    """({id: as shown}, whether the date is shown, whether the score is) for the line under each
    result's title, which wrapped under ~63 columns with long ids: on a terminal too narrow for
    the outlet's least (TITLE_CELLS_AT_LEAST), the ids are shown by their shortest start among
    the corpus's (as `list` shows them: `reader show` takes it back), then the date goes when each
    id begins with it, then the score (the order says the rank)."""
    whole = {hit.id: untrusted_shown(hit.id) for hit in hits}
    scored = not by_date

    def fits(idents: dict[str, str], dated: bool, scored: bool) -> bool:
        return all(
            width is None
            or width
            - 1
            - cells_of(f"     {(hit.date or UNDATED) if dated else ''}    {idents[hit.id]}")
            - cells_of(_score_said(hit) if scored else "")
            >= TITLE_CELLS_AT_LEAST
            for hit in hits
        )

    if fits(whole, True, scored):
        return whole, True, scored
    short = shortest_ids_shown(whole, (info.id for info in library.articles()))
    if fits(short, True, scored):
        return short, True, scored
    rows = [(hit.date, hit.id) for hit in hits]
    if ids_say_dates(rows):
        short = ids_with_their_dates(short, rows)
        return short, False, scored and fits(short, False, scored)
    return short, True, False
