"""`reader compare A B`: how two articles (usually two outlets' versions of one story) differ.

The headlines, aligned sentences, what only one side reports, shared quotations (exact, fragment,
censored, altered), name variants, differing figures and framing. `--json` prints the shape in
docs/design.md; `--markdown` the Markdown export; otherwise a readable form, coloured on a
terminal and plain when piped.
"""

from __future__ import annotations

import sys
import threading

from reader.commands.common import (
    ARTICLE_HELP,
    Articles,
    CommandError,
    article_fields,
    ProgressLine,
    add_progress_option,
    add_update_option,
    ctrl_c_stops,
    emit_json,
    interrupted_status,
    names_standard_input,
    open_library,
    print_error,
    progress_json,
    story_meant,
    strip_controls_for_terminal,
    terminal_columns,
    use_colour,
    wrapped_for_terminal,
)
from reader.wording import NO_OUTLET, outlet_shown, shell_word, versions_words

ID_SHOWN = 5  # ids named when a file holds several articles
# A pair of which most sentences are the same (versions.CopyCheck): the output says so first.
WORD_FOR_WORD = "word-for-word copies: most sentences are the same in both (a story reprinted)"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="compare two articles: aligned sentences, omissions, shared quotes",
        description="Compare two articles (by id, as `reader list` shows, or by path to any "
        "file): the two headlines, aligned sentences (each link with how surely the two tell the same "
        "fact and the words both share), sentences only one side has, those possibly told by both "
        "(a close sentence below the link threshold), shared "
        "quotations (exact, fragment, censored, altered), name variants, differing figures and "
        "framing (labels, hedges, attribution, loaded words). Two versions of one page `reader fetch` kept "
        'again are said to be ("versions of one article"): what its outlet changed. ctrl+c stops the encoding of new '
        "sentences at the next one and keeps those encoded: comparing the pair again goes on from there.",
        epilog="exit status: 0 when the comparison was printed, 1 when an article could not be read or "
        "A's story has no other outlet's version, 2 for a usage error (an A or B that names no article "
        "nor story, a story id mistyped or renamed since, "
        "a story given as B, one article named as both A and B, a bad option, an empty A or B, a folder given as one, - on a terminal), "
        "130 when interrupted.",
    )
    parser.add_argument(
        "left",
        metavar="A",
        help=f"the left side: {ARTICLE_HELP}",
    )
    parser.add_argument(
        "right",
        metavar="B",
        nargs="?",
        help="the right side, named the same way; left out, another outlet's version of A's story "
        "(an older version of an edited page: its newest, what the edit changed; "
        "as the app's compare key picks it, see below), and A may then be a story id (`reader stories`): "
        "two of its outlets' articles",
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--markdown", action="store_true", help="print the Markdown export")
    add_update_option(parser)
    add_progress_option(parser, '"comparing"')
    parser.help_note = app_key_note
    parser.set_defaults(run=run)


APP_BINDING = "main.compare"  # the app's key that compares an article with another outlet's version


def app_key_note() -> str:
    """What `compare --help` says of the app's key for it: the key in effect, the user's own when
    config.yaml's keymap remaps it (then the default too, which the README names), as the app's
    help screen shows a remapped key. Read when the help is shown, never for a comparison."""
    try:
        from reader.config import load_user_config
        from reader.tui.keycheck import typed_keys
        from reader.tui.keymap import every_binding, user_keymap

        default = typed_keys(every_binding()[APP_BINDING].key)
        keymap, _problems = user_keymap(load_user_config())
        mine = typed_keys(keymap[APP_BINDING]) if APP_BINDING in keymap else default
    except Exception:  # a config.yaml that cannot be read: `reader config` says why
        default = mine = "c"
    keys = " or ".join(mine.split(","))
    what = "on an article compares it with another outlet's version of its story, as `reader compare A` does"
    if mine != default:
        return f"in the app: {keys} (your config.yaml's keymap, {APP_BINDING}; {default} by default) {what}."
    return f"in the app: {keys} {what} (config.yaml's keymap remaps it: {APP_BINDING}: KEYS)."


def _one_article(library, named: Articles, target: str):
    """The article `target` names; a file of several (a feed, JSON Lines) is a usage error that
    lists their ids, where its first article was taken silently."""
    found = named.at(target)
    if len(found) > 1:
        more = f" and {len(found) - ID_SHOWN} more" if len(found) > ID_SHOWN else ""
        if all(library.in_corpus(article) for article in found[:ID_SHOWN]):
            from reader.library import natural_order

            in_order = sorted((article.id for article in found), key=natural_order)  # feed#1, feed#2, ...
            ids = ", ".join(in_order[:ID_SHOWN])
            raise CommandError(f"{target} holds {len(found)} articles: compare two by id ({ids}{more})", code=2)
        # Not this corpus's articles: their ids name nothing here, the file's path and #n do.
        names = ", ".join(f"{target}#{article.id.rpartition('#')[2]}" for article in found[:ID_SHOWN])
        if names_standard_input(target):
            raise CommandError(
                f"standard input holds {len(found)} articles: compare one of them as -#n ({names}{more})", code=2
            )
        raise CommandError(
            f"{target} holds {len(found)} articles, not in this corpus: compare one of them as PATH#n ({names}{more})",
            code=2,
        )
    return found[0]


def _with_shared_words(comparison, data: dict) -> None:
    """Each pair gains `shared`: the words both sentences use (as the left writes each, and as the
    right does), and where they are in each article (offsets into `show`'s text, as every offset
    of the JSON), so a script can show why they link."""
    from reader.analysis.report import pair_evidence

    L, R = comparison.left.sentences, comparison.right.sentences
    evidence = pair_evidence(comparison)
    for entry in data["pairs"]:
        i, j = entry["left"], entry["right"]
        shared = evidence[(i, j)]
        entry["shared"] = {
            "words": shared.words,
            "right_words": shared.right_words,
            "left": [[L[i].start + s, L[i].start + e] for s, e in shared.left],
            "right": [[R[j].start + s, R[j].start + e] for s, e in shared.right],
        }


def _same_story(left_story: str | None, right_story: str | None) -> bool | None:
    """Whether a story groups the two articles (the app's summary says "different stories" when
    none does): None when one is not in the index (a file named by its path), so unknown."""
    if left_story is None or right_story is None:
        return None
    return left_story == right_story


def _with_told_elsewhere(comparison, data: dict) -> None:
    """`told_elsewhere_left` / `_right`: the linked sentences out of the reading order, which the
    app marks `~`, each with its partners (`[{"sentence", "partners": [j...]}]`)."""
    from reader.analysis.compare_layout import told_elsewhere

    for side, moved in told_elsewhere(comparison).items():
        data[f"told_elsewhere_{side}"] = [{"sentence": k, "partners": partners} for k, partners in moved.items()]


def _with_differences(comparison, data: dict) -> None:
    """`differences`: what the app's `]` and `[` visit and its summary bar counts, in reading order,
    each with its sentences on each side, the screen's rows it spans and its reasons
    (`[{"left", "right", "rows", "reasons"}]`); a run of neighbouring sentences one outlet alone
    tells is one difference, as on the screen ("9 differences in 43 rows")."""
    from reader.analysis.compare_layout import build_model

    model = build_model(comparison)
    data["differences"] = [
        {
            "left": [i for row in model.rows[d.first : d.last + 1] for i in row.left],
            "right": [j for row in model.rows[d.first : d.last + 1] for j in row.right],
            "rows": d.last - d.first + 1,
            "reasons": list(d.reasons),
        }
        for d in model.differences
    ]


def _story(library, target: str, stories: list):
    """The story `target` names among `stories`, or None when it names none."""
    from reader.library import StoryIdShared, StoryNotFound

    try:
        story_id = library.story_named(target, stories)
    except StoryNotFound:
        return None
    except StoryIdShared as exc:  # never one of them picked silently
        raise CommandError(str(exc), code=2, details=exc.details) from None
    return next(s for s in stories if s.id == story_id)


def _story_hint(library, story) -> str:
    """How to compare `story`, for an error that found no article by its id (the command with
    the --corpus and --index it ran with)."""
    shown = ", ".join(story.articles[:ID_SHOWN])
    more = f" and {len(story.articles) - ID_SHOWN} more" if len(story.articles) > ID_SHOWN else ""
    command = library.command_line(f"compare {shell_word(story.id)}")
    return (
        f"{story.id} is a story, not an article: `{command}` compares two of its outlets' "
        f"versions, or name two of its articles ({shown}{more})"
    )


def _no_story_either(library, target: str, stories: list, not_found) -> CommandError | None:
    """compare's line for an A or B that names no article nor story but was plainly meant as a
    story's id (A and B said only "no article with id", where `search --story` says what became
    of the story), as `show` and `quotes` say it (common.story_meant). None for other names."""
    from reader.library import UnknownArticle

    if not (isinstance(not_found, UnknownArticle) and not_found.nothing_near):
        return None
    line = story_meant(
        library,
        target,
        stories,
        lambda story: (
            f"`{library.command_line(f'compare {shell_word(story.id)}')}` compares two of its outlets' versions"
        ),
    )
    return None if line is None else CommandError(line, code=2)


def _named(library, named: Articles, target: str):
    """The one article `target` names; one that names a story instead says how to compare it."""
    from reader.library import ArticleNotFound

    try:
        return _one_article(library, named, target)
    except ArticleNotFound as exc:
        stories = library.stories_or_empty()
        story = _story(library, target, stories)
        if story is None:
            raise _no_story_either(library, target, stories, exc) or exc
        raise CommandError(_story_hint(library, story), code=2) from exc  # a story where an article goes


def _named_again(library, article, target: str) -> str:
    """`article` as a hint's command names it: its id when the corpus has it; else the path the
    user gave (a file outside the corpus has no id the corpus knows: its stem named nothing),
    after `--` when it starts with "-" (but `-`, standard input, piped again)."""
    if library.in_corpus(article):
        word = article.id
    else:
        word = target
    quoted = shell_word(word)
    return f"-- {quoted}" if quoted.startswith("-") and not names_standard_input(word) else quoted


def _with_partner(library, named: Articles, target: str):
    """`reader compare A` alone: A (an article, or a story's first article) and the version the
    app's `c` would show beside it, and whether that is a word-for-word copy (the story has no
    version that is not); stderr says which, and what else there is to pick. The stories and the
    articles are read once (each read is a query of the whole index)."""
    from reader.analysis.versions import story_members
    from reader.library import ArticleNotFound, NoOtherVersion

    stories = library.stories_or_empty()
    articles = library.articles()
    replacements = library.replacements(articles)
    story = None
    try:
        left = _one_article(library, named, target)
        story_articles = story_members(left.id, stories)
    except ArticleNotFound as exc:
        story = _story(library, target, stories)
        if story is None:
            raise _no_story_either(library, target, stories, exc) or exc
        # its first article that no newer version replaces (the newest of an outlet's versions)
        story_articles = replacements.current_members(story) or story.articles
        left = library.article(story_articles[0])
    try:
        if story is None:  # a copy only when the story has no version that is not one
            right = library.article(library.partner(left, stories, articles, edit_first=True))
            copy = word_for_word(left, right)
        else:  # the first article, or the next whose pair is no word-for-word copy
            left, right_id, copy = library.story_comparison(story, stories, articles)  # as the app's `c`
            right = library.article(right_id)
    except NoOtherVersion as exc:
        raise CommandError(
            f"no other article tells the story of {left.id}: name the article to compare it with "
            f"(`{library.command_line(f'compare {_named_again(library, left, target)} B')}`)",
            code=1,
        ) from exc
    except ArticleNotFound as exc:  # the corpus's only article: a file outside it can still be named
        command = library.command_line(f"compare {_named_again(library, left, target)} PATH")
        raise CommandError(f"{exc} (compare it with a file: `{command}`)", code=1) from exc
    replaced = replacements.is_replaced
    others = [a for a in story_articles if a not in (left.id, right.id) and not replaced(a)]
    listed = f"; the story's others: {', '.join(others[:ID_SHOWN])}" if others else ""
    # Said, not left to be worked out from every sentence linked: the story has nothing else.
    copied = f" ({_only_copies()})" if copy else ""
    if places := replacements.of_one_page(left.id, right.id):  # an edit, not a reprint
        copied = f" (version {places[1].number} of {places[1].count} of its page: what its outlet changed)"
    print_error(
        f"comparing {left.id} {_in_parentheses(left.outlet)} with {right.id} {_in_parentheses(right.outlet)}"
        f"{copied}{listed}; name two articles to compare others"
    )
    return left, right, copy


def _only_copies() -> str:
    """Why a pair of copies was compared: every article of the story was tried beside the others
    (versions.pick_pair), and each is a copy of every one."""
    return "a word-for-word copy: the story has no version that is not one"


def word_for_word(left, right) -> bool:
    """Whether `right` is a word-for-word copy of `left` (versions.CopyCheck: a story reprinted)."""
    from reader.analysis.versions import CopyCheck

    return CopyCheck(left.text).copied_by(right.text)


def _in_parentheses(outlet: str | None) -> str:
    """An outlet in parentheses after an id: "(Fox News)", or NO_OUTLET, which has its own."""
    shown = outlet_shown(outlet)
    return shown if shown == NO_OUTLET else f"({shown})"


def _compared(library, left, right, targets, progress, stop: threading.Event):
    """library.compare(left, right); one article named twice is a usage error that says how to
    set another beside it (`reader compare X`), as the library's words say it in the app."""
    from reader.library import SameArticle

    try:
        return library.compare(left, right, progress=progress, cancel=stop.is_set)
    except SameArticle as exc:
        left_word = _named_again(library, left, targets[0])
        if library.in_corpus(left):
            hint = (
                f"`{library.command_line(f'compare {left_word}')}` sets another outlet's version of its story beside it"
            )
        else:  # a file outside: the corpus's stories do not hold it, another file is named
            hint = f"`{library.command_line(f'compare {left_word} PATH')}` compares it with another file"
        raise CommandError(f"{exc} ({hint})", code=2) from None


def run(args) -> int:
    from reader.analysis.cancel import Cancelled
    from reader.analysis.compare_terms import DIFFERENT_STORIES
    from reader.analysis.report import render_markdown, render_text
    from reader.library import LINKING

    library = open_library(args)
    line = ProgressLine("comparing", progress_json(args))

    def progress(done: int, total: int, message: str) -> None:
        line(done, total, message)
        if total and done >= total:  # the pairs are scored next: seconds more on long articles
            line(0, 0, LINKING)

    stop = threading.Event()
    try:
        # On screen until the library says its steps (finding the quotations, linking the
        # sentences; the encoder's count between): two long files are read and split first.
        line(0, 0, "reading the articles")
        named = Articles(library, "compare")
        if args.right is None:
            left, right, copy = _with_partner(library, named, args.left)
        else:
            left, right = (_named(library, named, target) for target in (args.left, args.right))
            copy = word_for_word(left, right)
        # ctrl+c stops the encoder at its next sentence, and those encoded so far stay in the
        # sentence cache (a KeyboardInterrupt there threw them away: the next run started over).
        with ctrl_c_stops(stop):
            comparison = _compared(library, left, right, (args.left, args.right), progress, stop)
        # The keys `list`, `show` and `search` give an article (its story read before closing).
        fields = {"left": article_fields(library, left), "right": article_fields(library, right)}
        # Two versions of one page: an edit, whatever story and day each was given.
        chained = all(f["version"] > 1 or f["replaced_by"] for f in fields.values())
        versions = library.versions_of_one_page(left.id, right.id) if chained else None
    except Cancelled:
        pass
    finally:
        line.finish()
        library.close()
    if stop.is_set():  # also when ctrl+c came after the last check: the user asked to stop
        print_error("interrupted; the sentences encoded so far are kept, and a new run goes on from there")
        return interrupted_status(KeyboardInterrupt())
    same_story = _same_story(fields["left"]["story"], fields["right"]["story"])
    notes = [DIFFERENT_STORIES] if same_story is False and versions is None else []
    if versions is not None:
        notes.append(versions_words(*versions))
    elif copy:
        notes.append(WORD_FOR_WORD)
    if args.json:
        data = comparison.to_dict()
        for side in ("left", "right"):
            data[side] = {**fields[side], **data[side]}
        data["same_story"] = same_story
        data["word_for_word_copy"] = copy
        data["versions_of_one_article"] = versions is not None
        _with_shared_words(comparison, data)
        _with_told_elsewhere(comparison, data)
        _with_differences(comparison, data)
        emit_json(data)
    elif args.markdown:
        sys.stdout.write(strip_controls_for_terminal(render_markdown(comparison, notes, versions is not None)))
    else:
        colour = use_colour()
        text = render_text(comparison, colour=colour, notes=notes, fold_same=versions is not None)
        if not colour:
            text = strip_controls_for_terminal(text)
        sys.stdout.write(wrapped_for_terminal(text, terminal_columns()))
    return 0
