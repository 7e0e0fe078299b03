"""`reader completion bash|zsh|fish`: print a shell completion script (see reader.completion)."""

from __future__ import annotations

import sys

# What `reader --complete-values KIND` prints, for the completion scripts.
# "sides": the article ids, then the story ids (compare's A is either).
COMPLETED_VALUES = ("articles", "outlets", "stories", "feeds", "sides")

# The examples that end its --help, as every command's help ends (reader.cli.EXAMPLES): the line
# that installs it in each shell, wider than those, each making its folder first. A line to put
# in a shell's rc file is a line of its own, not inside an aside: an aside is wrapped as prose,
# and `COLUMNS=40` cut `eval "$(reader completion bash)"` across lines with no ` \`.
INSTALL = """\
examples:
  bash  mkdir -p ~/.local/share/bash-completion/completions && reader completion bash > ~/.local/share/bash-completion/completions/reader
        (or this line in ~/.bashrc:)
        eval "$(reader completion bash)"
  zsh   mkdir -p ~/.zfunc && reader completion zsh > ~/.zfunc/_reader
        (with these lines in ~/.zshrc:)
        fpath=(~/.zfunc $fpath)
        autoload -U compinit; compinit
  fish  mkdir -p ~/.config/fish/completions && reader completion fish > ~/.config/fish/completions/reader.fish
"""


def register(subparsers) -> None:
    from reader.completion import SHELLS

    parser = subparsers.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, fish)",
        description="Print the completion script for your shell: commands, options, their "
        "values, folders and files, the corpus's article ids, outlet names and story ids (from its "
        "last index), and your subscriptions' URLs complete with Tab. It is generated from "
        "reader's own options. Install it once with your shell's line of the examples below, which "
        "makes its folder first (a new account has none of them).",
        epilog=f"exit status: 0, or 2 for a shell other than {', '.join(SHELLS[:-1])} and {SHELLS[-1]} or a bad "
        f"option.\n\n{INSTALL}",
    )
    # Named SHELL as the other commands name theirs (ARTICLE, QUERY) and the way ripgrep and git
    # name a value with choices (--generate=KIND, --cleanup=<mode>): the usage, the argument list
    # and the errors all say SHELL (the usage said {bash,zsh,fish} where a missing one was "the
    # following arguments are required: SHELL"); its help line and the errors list the choices.
    parser.add_argument("SHELL", choices=SHELLS, metavar="SHELL", help="the shell: " + ", ".join(SHELLS))
    # The script is the same whatever the corpus, index or colour: --corpus & co. after
    # `completion` are no options of its (its --help listed them).
    parser.takes_global_options = False
    parser.prints_instead_of_json = "prints a shell script, which has no JSON form"
    parser.set_defaults(run=run)


def run(args) -> int:
    from reader.completion import generate

    # The whole command line's parser, handed down by reader.cli (importing it here was a cycle).
    sys.stdout.write(generate(args.SHELL, args.root_parser))
    return 0


def print_values(args) -> int:
    """`reader --complete-values articles|outlets|stories|feeds|sides [--corpus DIR]... [--index DIR]`:
    the article ids, outlet names or story ids of that corpus (sides: its article ids, then its
    story ids), or the subscribed feeds' URLs, one a line, for the completion scripts (`reader
    show 00<Tab>`, `reader list --outlet <Tab>`, `reader search x --story <Tab>`, `reader compare
    s6<Tab>`, `reader feed remove <Tab>`). Read from the last committed index: a Tab never
    builds or updates it (minutes on a large corpus), and says nothing of any problem (a missing
    folder, no index yet: nothing is offered). A value on more than one line is left out."""
    from reader.commands.common import strip_controls_for_terminal

    try:
        values = _feed_urls() if args.kind == "feeds" else _corpus_values(args)
    except Exception:  # noqa: BLE001 - a completion offers nothing rather than a traceback under the prompt
        return 0
    shown = (strip_controls_for_terminal(value) for value in values)
    sys.stdout.write("".join(f"{value}\n" for value in shown if value and "\n" not in value))
    return 0


def _corpus_values(args) -> list[str]:
    from reader.library import Library

    library = Library(args.corpus, args.index, auto_update=False, follow_links=args.follow_links)
    infos = library.index.articles()
    articles = [info.id for info in infos]
    if args.kind == "articles":
        return articles
    field = "outlet" if args.kind == "outlets" else "story"
    values = sorted({getattr(info, field) for info in infos if getattr(info, field)}, key=str.casefold)
    return articles + values if args.kind == "sides" else values


def _feed_urls() -> list[str]:
    """The subscriptions' URLs as feeds.yaml lists them (read from that file alone: no index)."""
    from reader.fetch.subscriptions import load_subscriptions

    return [feed.url for feed in load_subscriptions().feeds]
