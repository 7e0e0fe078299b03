"""`reader` command line: global options, subcommand dispatch, honest exit codes."""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from reader import __version__
from reader.corpus import suffixes as suffixes_read
from reader.commands.common import (
    COLOUR_MODES,
    CommandError,
    clear_progress,
    emit_json,
    error_text,
    interrupted_status,
    interrupted_words,
    print_error,
    set_colour_mode,
    say_what_comes_after_the_output,
    stop_on_termination_signals,
)

# Each module defines register(subparsers) and sets `run=callable(args) -> int` as a default.
COMMAND_MODULES = [
    "reader.commands.articles",  # list, show
    "reader.commands.index",  # index
    "reader.commands.search",  # search
    "reader.commands.quotes",  # quotes
    "reader.commands.stories",  # stories
    "reader.commands.compare",  # compare
    "reader.commands.coverage",  # coverage
    "reader.commands.feeds",  # feed add|list|remove|import|export, fetch
    "reader.commands.completion",  # completion bash|zsh|fish
    "reader.commands.config",  # config
    "reader.commands.state",  # state export|import
]


EXIT_CODES = (
    "exit status, as ripgrep's: 0 success (a listing with nothing in it too: list, stories, coverage, "
    "feed list); 1 nothing found (a search with no results, a compare A with no other outlet's version "
    "of A) or a failure while working (a file that cannot be "
    "read, a corpus whose every file was skipped, a feed that cannot be fetched; one failing for now, from its third run in a row: fetch "
    "--help); 2 a usage error: a bad option or value, a malformed query "
    "or feed URL, a name that names nothing (an article id or path, a --story, an --outlet, a feed "
    "URL you do not follow), a missing corpus, a bad config; 3 another process is indexing or "
    "fetching; 130 interrupted; 143 or 129 stopped by SIGTERM or SIGHUP."
)


# Shown under each command's --help, as git and ripgrep show theirs: what a newcomer types first.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "reader": (
        "reader                          # the terminal app, on the bundled articles",
        "reader --corpus ~/news          # ... on your folder of articles",
        "reader --corpus ~/news search 'budget AND vote'",
    ),
    "list": (
        "reader list --outlet fox",
        "reader list --json | jq -r '.[].id'",
        'reader list --jsonl | grep -c \'"outlet":"Fox News"\'   # one article a line',
    ),
    "show": (
        "reader show 000            # the article whose id starts with 000",
        "reader show ~/Downloads/page.html",
        "reader show feed.rss#2     # the second article of a feed",
    ),
    "index": ("reader index", "reader index --rebuild --no-prepare"),
    "search": (
        "reader search putin budapest            # articles with both words",
        "reader search '\"peace talks\" OR summit' --since 2025-10",
        "reader search 'title:putin outlet:fox' --sort date",
        "reader search 'minist*' --limit 5 --json",
        "reader search putin --limit 0 --jsonl | head -n 3",
        "reader search 'putin NOT zelenskyy'     # leave a word out",
        "reader search -- -putin                 # a word starting with '-': after --",
    ),
    "quotes": ("reader quotes 000", "reader quotes ~/Downloads/page.html --json"),
    "stories": ("reader stories --min-size 2",),
    "compare": (
        "reader compare 000 004          # two articles by the start of their ids",
        "reader compare 000              # beside another outlet's version of its story",
        "reader compare s6c4e89          # a story: two of its outlets' versions",
        "reader compare old.md new.md --markdown > changes.md",
        "reader compare page.md page-v2.md  # two versions of one fetched page",
    ),
    "coverage": (
        "reader coverage --since 2w --only blindspot",
        "reader coverage --sort breadth --active 30",
        "reader coverage --csv > coverage.csv",
    ),
    "feed": ("reader feed add https://www.theguardian.com/world/rss", "reader feed list"),
    "feed add": (
        "reader feed add https://www.theguardian.com/world/rss",
        'reader feed add https://www.aljazeera.com/ --outlet "Al Jazeera"',
    ),
    "feed list": ("reader feed list", "reader feed list --json"),
    "feed remove": ("reader feed remove https://www.theguardian.com/world/rss",),
    "feed import": (
        "reader feed import subscriptions.opml     # Feedly, NetNewsWire, newsboat -e",
        "reader feed import ~/.newsboat/urls",
    ),
    "feed export": ("reader feed export > subscriptions.opml",),
    "fetch": ("reader fetch", "reader fetch --all", "reader fetch --quiet    # from cron: says only what went wrong"),
    "state": ("reader state export > marks.json", "reader state import marks.json"),
    "state export": ("reader state export > marks.json     # a backup of every read mark and star",),
    "state import": (
        "reader state import marks.json   # another machine's marks, merged with yours",
        "reader state import - < marks.json",
    ),
    "state repair": ("reader state repair    # a damaged marks file set aside, its marks salvaged",),
    "config": (
        "reader config",
        "reader config --example     # a commented config.yaml with every setting",
    ),
}


# The widest a help text is laid out, however wide the terminal: at 300 columns a paragraph of
# help ran on one line no eye follows. ripgrep wraps its help at 100 columns, as here.
HELP_WIDTH = 100


class HelpFormatter(argparse.HelpFormatter):
    """argparse's, but a paragraph of a description or epilog with indented lines (examples, the
    completion's install lines) is kept as laid out; the other paragraphs are wrapped to the
    terminal as usual (RawDescriptionHelpFormatter kept those raw too: lines past the width), and
    to HELP_WIDTH columns at most."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        if width is None:  # argparse's: the terminal's columns (or $COLUMNS) less 2
            width = min(shutil.get_terminal_size().columns, HELP_WIDTH) - 2
        super().__init__(prog, indent_increment, max_help_position, width)

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):  # under "commands:", a "COMMAND" line said nothing
            return "".join(self._format_action(command) for command in action._get_subactions())
        return super()._format_action(action)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap_prose(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in text.split("\n\n"):
            if any(line.startswith(" ") for line in paragraph.splitlines()):
                # argparse keeps 2 columns spare; an example may use them, as it did at 80
                lines = [fitted for line in paragraph.splitlines() for fitted in _fit_laid_out_line(line, width + 2)]
                paragraphs.append("\n".join(indent + line for line in lines))
            else:
                paragraphs.append(
                    "\n".join(indent + line for line in self._split_lines(paragraph, width - len(indent)))
                )
        return "\n\n".join(paragraphs)

    def _format_usage(self, usage, actions, groups, prefix) -> str:
        # argparse keeps the usage's lines under the command's name, however narrow the terminal:
        # `COLUMNS=40 reader state export --help` ran to 43 columns. Past the width, its parts go
        # on lines of their own under "usage:", as argparse lays out a long command name.
        text = super()._format_usage(usage, actions, groups, prefix)
        if all(len(line) <= self._width for line in text.splitlines()):
            return text
        words = " ".join(text.split())
        head = f"{prefix or 'usage: '}{self._prog}"
        if not words.startswith(head):
            return text
        parts = re.findall(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+", words[len(head) :])
        lines, line = [head], ""
        for part in parts:
            if line and len(line) + 1 + len(part) > self._width:
                lines.append(line)
                line = ""
            line = f"{line} {part}" if line else " " * len("usage: ") + part
        lines.append(line)
        return "\n".join(lines) + "\n\n"


def _wrap_prose(text: str, width: int) -> list[str]:
    """`text` wrapped to `width` at its spaces, never at a hyphen ("YYYY-MM-DD" was cut into
    "(YYYY-" and "MM-DD"), and a command in backquotes kept on one line: `COLUMNS=40` cut
    "`reader config >/dev/null && reader ...`" anywhere, a paste of which ran half a command. One
    wider than the width is cut at its spaces outside quotes, each cut ended by a shell's ` \\`;
    a word wider than the width stays whole."""
    lines: list[str] = []
    current = ""
    for token in re.findall(r"(?:[^\s`]*`[^`]*`)+[^\s`]*|\S+", text):
        if current and len(current) + 1 + len(token) <= width:
            current += " " + token
            continue
        if current:
            lines.append(current)
        pieces = _cut_words(token, width, "", " \\") if " " in token and len(token) > width else [token]
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines


def _fit_laid_out_line(line: str, width: int) -> list[str]:
    """An example's line (a command and its `# comment`) fitted to `width`: the comment on a line
    of its own below, a command still too long cut at its spaces outside quotes, each cut ended
    with a shell's ` \\` so that the lines pasted together are the command. A line in brackets
    (an aside, no command) is cut without one. A word too wide for its line's indent is indented
    less; a single word wider than `width` stays whole."""
    if len(line) <= width:
        return [line]
    content = line.lstrip(" ")
    margin = line[: len(line) - len(content)]
    command, hash_, comment = content.partition("  # ")
    label = re.match(r"[a-z]+ {2,}(?=\S)", command.rstrip())  # `bash  mkdir ...`: lines go on under the command
    more = " " * (len(margin) + (label.end() if label else 0) + 4)
    if hash_:
        said = _cut_words(more + "# " + comment, width, more + "# ", "", quotes="")
        return [*_fit_laid_out_line(margin + command.rstrip(), width), *said]
    return _cut_words(line, width, more, "" if content.startswith("(") else " \\")


def _cut_words(line: str, width: int, indent: str, continued: str, quotes: str = "'\"") -> list[str]:
    """`line` cut at its spaces outside `quotes` into lines of `width` at most, each but the first
    indented by `indent`, each but the last ended by `continued`; the spaces not cut at kept
    (a comment's apostrophe opens no quote)."""
    pieces = []  # (the spaces before a word, the word)
    spaces, word, quote = "", "", ""
    for char in line:
        if char == " " and not quote:
            if word:
                pieces.append((spaces, word))
                spaces, word = "", ""
            spaces += char
            continue
        if quote and char == quote:
            quote = ""
        elif not quote and char in quotes:
            quote = char
        word += char
    if word:
        pieces.append((spaces, word))
    for at in range(len(pieces) - 2, -1, -1):  # a redirection stays with its file: not "> \" alone
        if pieces[at][1] in (">", ">>", "<", "2>"):
            pieces[at : at + 2] = [(pieces[at][0], pieces[at][1] + pieces[at + 1][0] + pieces[at + 1][1])]
    lines, current = [], ""
    for spaces, word in pieces:
        if current.strip() and len(current) + len(spaces) + len(word) + len(continued) > width:
            lines.append(current + continued)
            # less indented, a long word fits ("> ~/.local/share/.../reader" at 60 columns was 63)
            current, spaces = indent[: max(width - len(word) - len(continued), 0)], ""
        current += spaces + word
    lines.append(current)
    return lines


def _with_examples(parser: argparse.ArgumentParser) -> None:
    examples = EXAMPLES.get(parser.prog.split(" ", 1)[-1])
    if examples:
        block = "examples:\n" + "\n".join(f"  {line}" for line in examples)
        parser.epilog = f"{parser.epilog.rstrip()}\n\n{block}" if parser.epilog else block
    parser.formatter_class = HelpFormatter


def _folder(value: str) -> Path:
    """A --corpus or --index folder. An empty one (`--index "$DIR"` with DIR unset) would be the
    current folder: the index was written there, or the corpus read from there, unasked. A
    leading ~ is the home folder, as in config.yaml: shells leave it alone after `=`
    (`--corpus=~/news` was "corpus folder not found: ~/news" in bash and zsh)."""
    if not value:
        raise argparse.ArgumentTypeError("an empty folder name (is a shell variable unset?)")
    return Path(os.path.expanduser(value))


# What a newcomer's folder must hold, in --corpus's help: its text said nothing of the formats read.
_ARTICLE_SUFFIXES = (
    ", ".join(
        f"{kind} ({' '.join('*' + suffix for suffix in sorted(suffixes))})"
        for kind, suffixes in (
            ("text or Markdown", suffixes_read.TEXT_SUFFIXES),
            ("HTML pages", suffixes_read.HTML_SUFFIXES),
            ("pages saved as one file", suffixes_read.SAVED_PAGE_SUFFIXES),
            ("RSS/Atom feeds", suffixes_read.FEED_SUFFIXES),
            ("JSON articles", suffixes_read.JSON_SUFFIXES),
            ("JSON Lines", suffixes_read.JSONL_SUFFIXES),
            ("saved mails", suffixes_read.EMAIL_SUFFIXES),
        )
    )
    + ", and these but *.xml compressed with gzip, bzip2 or xz (*.html.gz, *.mhtml.bz2, *.md.xz)"
)


def add_global_options(parser: argparse.ArgumentParser, *, after_command: bool = False) -> None:
    """--corpus, --index, --follow-links and --color, before the command and after it
    (`reader --corpus X list` and `reader list --corpus X`).

    After a command their defaults are SUPPRESS so they override the global ones only when given;
    --corpus given in both places adds up (collected in `corpus_after`, merged by main).
    """
    taken = set(parser._option_string_actions)
    group = parser.add_argument_group("global options") if after_command else parser
    unset: dict[str, Any] = {"default": argparse.SUPPRESS} if after_command else {}
    if "--corpus" not in taken:
        group.add_argument(
            "--corpus",
            action="append",
            type=_folder,
            metavar="DIR",
            dest="corpus_after" if after_command else "corpus",
            help=f"corpus folder: its articles, subfolders too, are its {_ARTICLE_SUFFIXES} files "
            "(hidden ones, and those in hidden folders, skipped, but a hidden folder given here is read; "
            "repeatable; default: the corpus in your config, else the bundled seeds, plus the fetched articles)",
            **unset,
        )
    if "--index" not in taken:
        group.add_argument(
            "--index",
            type=_folder,
            metavar="DIR",
            help="index folder (default: one per corpus in your cache dir)",
            **unset,
        )
    if "--follow-links" not in taken:
        group.add_argument(
            "--follow-links",
            action="store_true",
            help="also follow symbolic links that lead out of the corpus folders (default: report them)",
            **unset,
        )
    if "--color" not in taken:
        group.add_argument(
            "--color",
            "--colour",
            choices=COLOUR_MODES,
            metavar="WHEN",
            help="colour in the output: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always, never",
            default=argparse.SUPPRESS if after_command else "auto",
        )


class _Parser(argparse.ArgumentParser):
    """The parser of reader and of each of its commands (subparsers take their parent's class).

    argparse hands what a command's parser did not recognise up to the top-level parser, whose
    error then showed `usage: reader ...` for `reader list --bogus`: a command's parser reports
    its own (`is_command`, set by build_parser). Arguments after an option (`show A --json B`)
    are read as argparse's intermixed parsing reads them, before anything is called unknown."""

    is_command = False
    # Words for the epilog worked out only when the help is shown (they may read config.yaml and
    # the app's key bindings, which a command's run never needs): `compare`'s key in the app.
    help_note: Any = None
    _intermixing = False
    _command_after: argparse.ArgumentParser | None = None  # the command named after an unknown option
    _root: argparse.ArgumentParser | None = None  # a command's: reader's own parser, whose commands it names
    _args: list[str] = []  # the arguments parsed last, for the example in an error
    _unrecognized: list[str] = []  # the words of "unrecognized arguments: ...", as given
    _extras_after_dashes = False  # every one of them given after `--`: arguments, however they start
    # What a command with no JSON form prints instead, said to a --json given to it: "prints a
    # shell script" rather than the 15 commands that have a --json.
    prints_instead_of_json: str | None = None

    def parse_known_args(self, args=None, namespace=None):
        if not self.is_command and self._subparsers is not None and not self._intermixing:
            args = sys.argv[1:] if args is None else list(args)
            args = self._command_options_after_the_command(args)
            args = self._help_as_an_option(args)
            self._args = args
            ambiguous = self._own_option_cut_to_a_command_s(args)
            if ambiguous:  # `reader --v list` printed the version where list's --verbose was meant
                self.error(ambiguous)
            if self._asks_the_version_as_json(args):
                emit_json({"version": __version__})
                self.exit(0)
            unknown = self._unknown_before_command(args)
            if unknown:  # `reader --corpse x list` was "unknown command 'x'; did you mean 'feed'?"
                self._command_after = self._command_named_in(args)
                self.error(f"unrecognized arguments: {unknown}")
        if self.is_command and args is not None:
            args = _dashes_after_the_first_as_arguments(list(args))
        if self.is_command and not self._intermixing and args is not None:
            self._args = list(args)
            unknown = self._unknown_long_options(args)
            if unknown:  # before argparse's "ARTICLE is required", which would hide the typo
                self._command_after = self._command_named_in(args)
                self._unrecognized = unknown
                self.error(f"unrecognized arguments: {' '.join(unknown)}")
        parsed, extras = super().parse_known_args(args, namespace)
        if not extras or not self.is_command or self._intermixing:
            return parsed, extras
        if not self._subparsers:
            self._intermixing = True  # its own passes call this method again
            try:
                parsed, extras = super().parse_known_intermixed_args(args, namespace)
            except (TypeError, _IntermixingFailed):  # a parser intermixed parsing does not support: as parsed first
                pass
            finally:
                self._intermixing = False
        if extras:
            self._unrecognized = list(extras)
            self._extras_after_dashes = _all_after_dashes(extras, self._args)
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras

    def format_help(self) -> str:
        if self.help_note is None:
            return super().format_help()
        saved = self.epilog
        note = self.help_note()
        self.epilog = f"{note}\n\n{saved}" if saved else note
        try:
            return super().format_help()
        finally:
            self.epilog = saved

    def error(self, message: str):
        """argparse's error, with a "did you mean" for each unknown option close to a known one."""
        if self._intermixing:
            # Intermixed parsing loses a `--` before the first argument (`reader compare -- -a -b
            # -c` then read -a as an option: "A is required"): the plain parse's words are said.
            raise _IntermixingFailed(message)
        message = _ambiguous_without_its_value(message)
        prefix = "unrecognized arguments: "
        given = self._unrecognized
        if message == prefix + " ".join(given) and any(
            not word or word != word.strip() or " " in word for word in given
        ):
            import shlex  # `reader list '' "my news"` read "unrecognized arguments:  my news"

            message = prefix + " ".join(map(shlex.quote, given))
        as_given = message
        if message.startswith(prefix):
            known = [s for action in self._actions for s in action.option_strings if s.startswith("--")]
            belongs = self._options_of_the_command_after(message[len(prefix) :].split())
            shorts = [s for action in self._actions for s in action.option_strings if len(s) == 2 and s[1] != "-"]
            # a word given after `--` is an argument, no option misspelt (`reader compare -- -a -b
            # --corpus` was asked "did you mean --corpus?")
            arguments = _after_dashes(self._args)
            hints = [
                close[0]
                for arg in message[len(prefix) :].split()
                if arg[:1] == "-"
                and arg not in arguments
                # another command's option is said to be one (`reader list --sort`), not guessed at
                and not (self.is_command and self._commands_with_option(arg.split("=", 1)[0]))
                and (close := _close_options(arg.split("=", 1)[0], known, shorts))
            ]
            if belongs:  # `reader --json list`: the command's option, given before the command
                message += f"; {self._give_after_the_command(belongs)}"
                hints = []
            elif not self.is_command and not hints and (no_command := self._given_without_a_command(message)):
                message += f"; {no_command}"  # `reader --json`, `reader --version --jsonl`
                hints = []
            elif hints:
                message += f" (did you mean {', '.join(hints)}?)"
            # the first option given, unless the line already says where it goes (`feed --json list`)
            told = message != as_given and not hints
            # a word after `--` is an argument, however it starts (`reader list -- --lim`)
            words = as_given[len(prefix) :].split()
            before_dashes = words[: words.index("--")] if "--" in words else words
            after_dashes = self._extras_after_dashes  # `compare -- -a -b -c`: -c is no option to move
            dashed = None if told or after_dashes else next((arg for arg in before_dashes if arg[:1] == "-"), None)
            free = [a for a in self._positionals._group_actions if a.choices is None]  # ARTICLE, QUERY, URL
            minus = None
            # `-l` offered --limit is no word to leave out: "-l would search l" contradicted the hint
            if dashed and any(a.dest == "query" for a in free) and not (hints and len(dashed) == 2):
                from reader.index.query_check import minus_hint

                minus = minus_hint(dashed[1:])  # `reader search fox -obama` meant to leave obama out
            elsewhere = self._where_the_option_is(dashed) if dashed and not hints else ""
            no_json = dashed is not None and dashed.split("=", 1)[0] == "--json" and self.prints_instead_of_json
            if minus:
                message += f"; {minus}"
            elif no_json:
                message += f"; `reader {self.prog.split(' ', 1)[-1]}` {self.prints_instead_of_json}"
            elif elsewhere:  # `reader show 000 --verbose` was told to write `-- --verbose`, a file name
                message += f"; {elsewhere}"
            elif dashed and not hints and not self.is_command:  # `reader --bogus list` was a bare line
                command = self._command_after.prog if self._command_after else None
                theirs = f", `{command} --help` those of `{command}`" if command else ""
                message += f" (no option of `reader`: `reader --help` lists its options{theirs})"
            elif dashed and not hints and self.is_command and all(_takes_urls(action) for action in free):
                # A URL never starts with '-': `reader fetch -- --bogus` was no remedy to offer;
                # nor is `--` to a command of no arguments (`reader list -a` said no more than argparse)
                command = f"reader {self.prog.split(' ', 1)[-1]}"
                message += f" (no option of `{command}`: `{command} --help` lists them)"
            elif dashed and not hints and free:
                # as ripgrep says it: an argument that starts with a dash goes after `--`
                # Every such argument after it: `reader compare -one -two` was told `compare -- -one`.
                command = f"reader {self.prog.split(' ', 1)[-1]}"
                line = self._with_dashed_words_after_dashes({word for word in (given or [dashed]) if word[:1] == "-"})
                if _looks_like_a_short_option(dashed):
                    # `reader show x -a` meant an option, as git and ripgrep read it: said first
                    message += f" (`{command}` has no option {dashed}: `{command} --help` lists them)"
                message += f"; an argument that starts with '-' goes after '--' ({command} {line})"
            elif self.is_command and not free:
                message += self._where_a_path_goes(given or message[len(prefix) :].split())
            if self.is_command and given and message == as_given and not dashed:
                message += self._too_many_arguments()  # `reader compare a b c`, `reader list foo`
        missing = "the following arguments are required: "
        if message.startswith(missing):  # `reader feed` named ACTION, not the actions there are
            message += self._choices_of(message[len(missing) :].split(", "))
        # The arguments quoted as print_error quotes them: no escape sequence, a 5,000-character one cut.
        super().error(error_text(message))

    def _with_dashed_words_after_dashes(self, dashed: set[str]) -> str:
        """The command's arguments rewritten with the `dashed` words after a `--`: those before the
        first of them as given, then the options after it, then `--` and the arguments in their
        order (`show x -a` -> `show x -- -a`, which kept no x when written `show -- -a`;
        `compare -a b` -> `compare -- -a b`, its A and B not swapped; `compare -a -- -b`:
        `compare -- -a -b`)."""
        import shlex

        args = self._args
        marker = args.index("--") if "--" in args else len(args)
        before, after = args[:marker], args[marker + 1 :]
        first = next((at for at, word in enumerate(before) if word in dashed), len(before))
        kept, options, arguments = before[:first], [], []
        position = first
        while position < len(before):
            word = before[position]
            action = self._option_named(word.split("=", 1)[0]) if word not in dashed else None
            if action is None:
                arguments.append(word)
            else:
                options.append(word)
                if action.nargs != 0 and "=" not in word and position + 1 < len(before):
                    position += 1
                    options.append(before[position])
            position += 1
        return " ".join(shlex.quote(word) for word in [*kept, *options, "--", *arguments, *after])

    def _option_named(self, name: str) -> argparse.Action | None:
        """The option `name` is, written whole or, as argparse takes it, cut short to a start of
        one option alone (`--corp` for --corpus): the hint kept `--corp /tmp` as two articles."""
        action = self._option_string_actions.get(name)
        if action is None and self.allow_abbrev and name.startswith("--"):
            meant = {found for option, found in self._option_string_actions.items() if option.startswith(name)}
            action = meant.pop() if len(meant) == 1 else None
        return action

    def _given_without_a_command(self, message: str) -> str:
        """What to type instead of a command's option given to reader itself with no command, which
        was a bare "unrecognized arguments: --json": with --version, the one option it takes
        (`reader --version --jsonl`); else the commands that take the option, one of them written
        out (`reader --json`: "reader list --json"). "" for a word no command takes."""
        word = next((arg for arg in message.split(": ", 1)[-1].split() if arg[:1] == "-"), "")
        name = self._option_meant(word.split("=", 1)[0])  # `reader --lim 5`: --limit
        if "--version" in {option for _, option in self._options_before_command(self._args)}:
            return "`reader --version` takes no option but --json (reader --version --json)"
        starting = self._options_starting(word.split("=", 1)[0])
        if len(starting) > 1:  # `reader --jso`: not "--json is an option of ...", as if it were sure
            first_has = self._commands_with_option(starting[0])
            example = f" ({first_has[0].strip('`')} {starting[0]})" if first_has else ""
            return (
                f"{word.split('=', 1)[0]} could be {' or '.join(starting)}: write one whole, after a command{example}"
            )
        commands = self._commands_with_option(name)
        if not commands:
            return ""
        first = next(c for c in _commands_below(self) if c.prog == commands[0].strip("`"))
        self._command_after = first
        example = " ".join(self._with_their_values([word]))  # `reader --limit 5`: "reader search --limit 5"
        listed = _commands_listed(commands)
        version = "; `reader --version --json` prints the version as JSON" if name == "--json" else ""
        asked = self._asked_whether_meant(word.split("=", 1)[0], name)
        return f"{asked}{name} is an option of {listed}: give it after the command ({first.prog} {example}){version}"

    def _too_many_arguments(self) -> str:
        """ "; `reader compare` takes at most 2 arguments (A [B])": how many a command takes, said to
        words given past them, which argparse called only "unrecognized arguments: c". "" for a
        command that takes any number."""
        command = f"reader {self.prog.split(' ', 1)[-1]}"
        positionals = self._positionals._group_actions
        if any(action.nargs not in (None, "?") for action in positionals):
            return ""
        if not positionals:
            return f"; `{command}` takes no arguments, only options (`{command} --help` lists them)"
        names = [argparse._get_action_name(action) or action.dest for action in positionals]
        shown = " ".join(f"[{name}]" if action.nargs == "?" else name for name, action in zip(names, positionals))
        most = "at most " if any(action.nargs == "?" for action in positionals) else ""
        counted = "1 argument" if len(positionals) == 1 else f"{len(positionals)} arguments"
        return f"; `{command}` takes {most}{counted} ({shown})"

    def _choices_of(self, names: list[str]) -> str:
        """ " (choose from 'add', 'list', …)" for the first of the missing arguments `names` that
        takes one of a few words (a nested command, a shell), as an unknown one is told; else ""."""
        for action in self._actions:  # a nested command's group is "commands:", not the positionals'
            if not action.option_strings and action.choices is not None and argparse._get_action_name(action) in names:
                return f" (choose from {', '.join(map(repr, action.choices))})"
        return ""

    def _where_the_option_is(self, word: str) -> str:
        """Which other commands take the option `word`, for a command that does not: "--verbose is
        an option of `reader list` and `reader index`, not of `reader show`"; for a global option
        (`reader completion --corpus x`) that it is one this command does not take, rather than
        the 13 commands that do; "" for a word no command takes."""
        if not self.is_command:  # reader's own: _given_without_a_command says it
            return ""
        this = f"`reader {self.prog.split(' ', 1)[-1]}`"
        name = self._option_meant(word.split("=", 1)[0])  # `reader list --lim 5`: --limit
        commands = self._commands_with_option(name)
        if not commands:
            return ""
        asked = self._asked_whether_meant(word.split("=", 1)[0], name)
        if self._root is not None and name in self._root._option_string_actions:
            return f"{asked}{name} is a global option, which {this} does not take"
        return f"{asked}{name} is an option of {_commands_listed(commands)}, not of {this}"

    def _asked_whether_meant(self, given: str, meant: str) -> str:
        """ "did you mean --limit? " when `meant` is a guess at a misspelt `given` (`--limt`,
        `--output`: --outlet), as argparse's own hints ask; "" for the option itself or one it is
        the start of (`--lim`), which argparse reads as that option after the command."""
        if meant == given or (_spelled_out(given, [meant]) and len(given) > len("--x")):
            return ""  # a one-letter start (`reader list --l`) is too short a word to be sure of
        return f"did you mean {meant}? "

    def _long_options_anywhere(self) -> set[str]:
        """The --options of reader and of all its commands."""
        root = self._root or self
        return {
            option
            for parser in (root, *_commands_below(root))
            for action in parser._actions
            for option in action.option_strings
            if option.startswith("--")
        }

    def _options_starting(self, name: str) -> list[str]:
        """The options of reader and of its commands that `name` is the start of (not one of)."""
        options = self._long_options_anywhere()
        return [] if name in options or not name.startswith("--") else sorted(o for o in options if o.startswith(name))

    def _option_meant(self, name: str) -> str:
        """The option of reader or of any of its commands that `name` spells out: itself, the one
        it is the start of (`--lim`: --limit, as argparse reads it after the command), else the
        one close to it (`--limt`); `name` itself when none or several are. Said to an option
        given where it is not taken, which argparse named bare: `reader --lim 5` gave no hint."""
        options = self._long_options_anywhere()
        if not name.startswith("--") or name in options:
            return name
        if len(self._options_starting(name)) > 1:  # `reader list --l`: no guess at --limit among --lines, --limit...
            return name
        meant = _spelled_out(name, options) or next(iter(_close_options(name, sorted(options))), None)
        return meant or name

    def _commands_with_option(self, name: str) -> list[str]:
        """The other commands that have the option `name` (`--verbose`: `reader list`, `reader
        index`), each as `reader NAME`, groups of commands left out (`reader feed` only holds
        `reader feed add`...); [] for a word no command takes."""
        root = self._root or self
        if not name.startswith("--"):
            return []
        return [
            f"`{command.prog}`"
            for command in _commands_below(root)
            if command is not self
            and not _holds_commands(command)
            and any(name in action.option_strings for action in command._actions)
        ]

    def _where_a_path_goes(self, words: list[str]) -> str:
        """What to type instead when a command that takes no argument was given a folder or a
        file, as a newcomer types it (`reader list ~/news`, `reader index ~/news`): the folder is
        the corpus, given with --corpus (the command does not take it, so that `reader index
        ~/news` is not taken for setting a corpus the next `reader search` would read), and a
        file is an article `reader show` prints. "" for other words."""
        command = self.prog.split(" ")[1:]
        given: list[str] = getattr(self._root, "_args", [])
        before = given[: max(len(given) - len(self._args) - len(command), 0)]  # the global options before it
        return _where_a_path_goes(command, self._args, words, before)

    def _unknown_before_command(self, args: list[str]) -> str | None:
        """The first option before the command that is none of this parser's, nor the start of
        exactly one (argparse took the word after it for the command: `reader --limit 5 search x`
        was "unknown command '5'"). With --version, the first but --json, which it takes
        (`reader --version --json --jsonl` was told that --json was unknown)."""
        given = list(self._options_before_command(args))
        unknown = [arg for arg, name in given if name is None]
        if "--version" in {name for _, name in given}:
            unknown = [arg for arg in unknown if arg != "--json"] or unknown
        return unknown[0] if unknown else None

    def _options_before_command(self, args: list[str]) -> Iterator[tuple[str, str | None]]:
        """Each option before the command: as given, and the option it is (an abbreviation's
        whole name), or None for one that is none of this parser's (taken to have no value).
        Stops at an ambiguous abbreviation: argparse says which ones it could be."""
        return ((arg, name) for _at, arg, name in self._walk_to_the_command(args))

    def _walk_to_the_command(self, args: list[str]) -> Iterator[tuple[int, str, str | None]]:
        """_options_before_command's options, each with its position in `args`."""
        takes_value = {s: action.nargs != 0 for action in self._actions for s in action.option_strings}
        position = 0
        while position < len(args):
            arg = args[position]
            if arg == "--" or arg == "-" or not arg.startswith("-"):
                return  # the command (or what argparse will call an unknown one)
            name = arg.split("=", 1)[0]
            if name not in takes_value and name.startswith("--") and self.allow_abbrev:
                starting = [option for option in takes_value if option.startswith(name)]
                # `--col`: --color or --colour, one option by two names
                if len({id(self._option_string_actions[option]) for option in starting}) > 1:
                    return
                name = starting[0] if starting else name
            if name not in takes_value:
                yield position, arg, None
                position += 1
                continue
            yield position, arg, name
            position += 2 if takes_value[name] and "=" not in arg else 1

    def _own_option_cut_to_a_command_s(self, args: list[str]) -> str:
        """ "ambiguous option: --v could match --version, --verbose" for an abbreviation of one of
        reader's own options, given before the command, that is also the start of an option of
        that command (argparse read `reader --v list` as --version, the one option of reader's
        that --v starts); "" when there is none (`reader --vers list`, `reader --v`)."""
        at = self._command_at(args)
        command = _commands_of(self).get(args[at]) if at is not None else None
        if at is None or command is None:
            return ""
        for word in args[at + 1 :]:  # a nested command (`reader --v feed list`)
            if word not in _commands_of(command):
                break
            command = _commands_of(command)[word]
        for _position, arg, name in self._walk_to_the_command(args[:at]):
            given = arg.split("=", 1)[0]
            if name is None or given == name or not given.startswith("--"):
                continue
            theirs = sorted(
                option
                for option, action in command._option_string_actions.items()
                if option.startswith(given) and name not in action.option_strings
            )
            if theirs:
                return f"ambiguous option: {given} could match {', '.join([name, *theirs])}"
        return ""

    def _command_at(self, args: list[str]) -> int | None:
        """Where the command is in `args` (`list` in `reader --corpus X list`): the first word
        past the options before it and their values; None when there is none."""
        at = 0
        for position, arg, name in self._walk_to_the_command(args):
            takes_value = name is not None and self._option_string_actions[name].nargs != 0
            at = position + (2 if takes_value and "=" not in arg else 1)
        if at >= len(args) or args[at].startswith("-"):
            return None
        return at

    def _command_options_after_the_command(self, args: list[str]) -> list[str]:
        """`args` with the options of the command that are given before it (`reader --json list`,
        `reader --limit 3 help search`, `reader feed --json list`) moved after its name, where
        argparse reads them: "give it after the command" refused what git, cargo and ripgrep
        users type. Options some command has (abbreviated or not, with their value), before any
        `--`: another command's (`reader --min-size 2 list`) is then refused as after the name
        ("an option of `reader stories`, not of `reader list`"); anything else (a typo, a
        missing value, no command) is left as given, for the errors that say so."""
        end = args.index("--") if "--" in args else len(args)
        takes_value = _options_taking_values(self)
        chain: list[argparse.ArgumentParser] = [self]
        moved: list[int] = []  # the positions of the options moved and of their values
        position = 0
        while position < end:
            arg = args[position]
            if arg.startswith("-") and arg != "-":
                given = arg.split("=", 1)[0]
                known = next(
                    (
                        parser._option_string_actions[name]
                        for parser in chain
                        if (name := _spelled_out(given, parser._option_string_actions))
                    ),
                    None,
                )
                name = _spelled_out(given, takes_value)
                takes = known.nargs != 0 if known else takes_value.get(name or "", _prefix_takes(given, takes_value))
                if takes is None:  # unknown, or taking a value in some commands only: left to the errors
                    return args
                span = 2 if takes and "=" not in arg else 1
                value = args[position + 1] if span == 2 and position + 1 < end else ""
                if known is None and value.startswith("-") and not self._negative_number_matcher.match(value):
                    return args  # `reader --lim --json search x`: no value given; said where it goes
                if known is None:
                    moved.extend(range(position, min(position + span, end)))
                position += span
                continue
            commands = _commands_of(chain[-1])
            if arg == "help" and commands and position + 1 < end:
                position += 1
                continue
            if arg not in commands:
                break
            chain.append(commands[arg])
            position += 1
            if not _commands_of(chain[-1]):
                break
        leaf = chain[-1]
        if not moved or leaf is self or _commands_of(leaf) or position > end:
            return args
        kept = [arg for at, arg in enumerate(args[:position]) if at not in moved]
        return [*kept, *(args[at] for at in moved), *args[position:]]

    def _help_as_an_option(self, args: list[str]) -> list[str]:
        """How git, cargo and pip users ask a command's help, as argparse reads it: `reader help
        COMMAND...` (after global options too: `reader --corpus X help list`; a `--` after help
        skipped: `reader help -- list`; after a command with commands: `reader feed help add`)
        and `reader -h COMMAND...` (or --help) are `reader COMMAND... --help`. `reader help`
        alone, and `reader help help`, are `reader --help`. An unknown COMMAND is argparse's
        usage error, with its exit status 2."""
        at = self._command_at(args)
        if at is None:
            return args
        before, rest = args[:at], args[at:]
        helps = {position for position, _arg, name in self._walk_to_the_command(args) if name in ("-h", "--help")}
        if not helps and self._help_word_at(rest) is None:
            return args
        unknown = {position for position, _arg, name in self._walk_to_the_command(args) if name is None}
        while (asked := self._help_word_at(rest)) is not None:
            after = asked
            while rest[after : after + 1] in (["help"], ["--"]):
                after += 1
            rest = rest[:asked] + rest[after:]
        # before any `--`: past it, --help would be an argument (`reader -h search -- -putin`)
        end = rest.index("--") if "--" in rest else len(rest)
        # the command's own options given before it (`reader --json help list`, as git takes
        # `git -C X help log`): after it, where they are its own, not "unrecognized arguments"
        theirs = {s for action in self._command_of(rest[:end])._actions for s in action.option_strings}
        moved = {p for p in unknown if p < at and _spelled_out(args[p].split("=", 1)[0], theirs)}
        kept = [arg for position, arg in enumerate(before) if position not in helps | moved]
        return [*kept, *rest[:end], *(args[p] for p in sorted(moved)), "--help", *rest[end:]]

    def _command_of(self, words: list[str]) -> argparse.ArgumentParser:
        """The parser of the (nested) command `words` name (`feed add` of `feed add URL`)."""
        parser: argparse.ArgumentParser = self
        for word in words:
            commands = _commands_of(parser)
            if word not in commands:
                break
            parser = commands[word]
        return parser

    def _help_word_at(self, words: list[str]) -> int | None:
        """Where `words` (the command and what follows it) ask help by the word: `help` first
        (`help list`), or after the commands that have commands of their own (`feed help add`,
        as `reader help feed add`); None when they do not. A word past a command without commands
        of its own is that command's argument (`search help` searches help)."""
        parser: argparse.ArgumentParser = self
        for at, word in enumerate(words):
            commands = _commands_of(parser)
            if word == "help" and commands:
                return at
            if word not in commands:
                return None
            parser = commands[word]
        return None

    def _asks_the_version_as_json(self, args: list[str]) -> bool:
        """`reader --version --json` (either order, global options among them): a script's way
        to ask for the version, which was "unrecognized arguments: --json" (exit status 2)."""
        given = list(self._options_before_command(args))
        return "--version" in {name for _, name in given} and [arg for arg, name in given if name is None] == ["--json"]

    def _command_named_in(self, args: list[str]) -> argparse.ArgumentParser | None:
        """The parser of the first of this parser's commands that `args` names, if any."""
        commands = next(
            (action.choices for action in self._actions if isinstance(action, argparse._SubParsersAction)), {}
        )
        return next((commands[arg] for arg in args if arg in commands), None)

    def _options_of_the_command_after(self, words: list[str]) -> list[str]:
        """The unknown options (`--json`) that are options of the command named after them."""
        command = self._command_after
        if command is None:
            return []
        theirs = {s for action in command._actions for s in action.option_strings if s.startswith("--")}
        return [word for word in words if _spelled_out(word.split("=", 1)[0], theirs)]

    def _give_after_the_command(self, options: list[str]) -> str:
        """ "--json is an option of `reader list`: give it after the command (reader list --json)"."""
        command = self._command_after.prog if self._command_after else "reader COMMAND"
        names = ", ".join(self._option_meant(option.split("=", 1)[0]) for option in options)
        one = len(options) == 1
        example = " ".join(self._with_their_values(options))
        return (
            f"{names} {'is an option' if one else 'are options'} of `{command}`: "
            f"give {'it' if one else 'them'} after the command ({command} {example})"
        )

    def _with_their_values(self, options: list[str]) -> list[str]:
        """`options` each followed by the value given after it when the command's option takes one,
        each a shell word (`--outlet "Fox News"`: "reader list --outlet 'Fox News'", which the
        shell reads back as given; written bare, News was an argument of its own)."""
        from reader.wording import shell_word

        command = self._command_after
        actions = {s: action for action in command._actions for s in action.option_strings} if command else {}
        shown = []
        for option in options:
            given, equals, value = option.partition("=")
            name = self._option_meant(given)  # `--lim 5`: written out, --limit 5
            action = actions.get(name)
            # `--json=1` to an option of no value: --json (=1 is refused)
            shown.append(name if action is not None and action.nargs == 0 else name + equals + value)
            at = self._args.index(option) if option in self._args else -1
            if action is not None and action.nargs != 0 and not equals and 0 <= at < len(self._args) - 1:
                after = self._args[at + 1]
                # `reader --lim --json search x`, `reader --sorted list`: the option after it, or
                # the command, is no value of it (argparse would say "expected one argument")
                is_value = not self._is_the_command(at + 1) and (
                    after[:1] != "-" or bool(self._negative_number_matcher.match(after))
                )
                shown.append(after if is_value else str(action.metavar or action.dest.upper()))
        return [shell_word(word) for word in shown]

    def _is_the_command(self, at: int) -> bool:
        """Whether the argument at `at` is reader's command (`list` in `reader --sorted list`): a
        command's name with none after it (`reader --outlet list list`: the second)."""
        root = self._root or self
        commands = next(
            (action.choices for action in root._actions if isinstance(action, argparse._SubParsersAction)), {}
        )
        named = [position for position, arg in enumerate(self._args) if arg in commands]
        return bool(named) and named[-1] == at

    def _get_values(self, action, arg_strings):
        # an `--` given as an argument is a plain string again once argparse is done with it
        values = super()._get_values(action, arg_strings)
        if isinstance(values, _ArgumentDashes):
            return "--"
        if isinstance(values, list):
            return ["--" if isinstance(value, _ArgumentDashes) else value for value in values]
        return values

    def _get_option_tuples(self, option_string):
        """The options `option_string` abbreviates, each once: `--col` is --color and --colour, two
        names of one option, which argparse before Python 3.12.7 called ambiguous."""
        found, seen = [], set()
        for option in super()._get_option_tuples(option_string):
            if id(option[0]) not in seen:
                seen.add(id(option[0]))
                found.append(option)
        return found

    def _parse_optional(self, arg_string):
        """`-#2` (article 2 of standard input) is an argument, not an option, as `-3` is."""
        if _STDIN_ENTRY.match(arg_string):
            return None
        return super()._parse_optional(arg_string)

    def _check_value(self, action, value):
        """An unknown command or choice (`reader lsit`, `--sort dat`) names the close one."""
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(repr, action.choices))
            close = _close_matches(str(value), [str(choice) for choice in action.choices])
            hint = f"; did you mean {close[0]!r}?" if close else ""
            if isinstance(action, argparse._SubParsersAction):  # not "argument COMMAND: ..."
                where = _where_a_path_goes([], self._args, [str(value)])
                if where:  # `reader ~/news`: "did you mean 'feed'?" was no help
                    raise argparse.ArgumentError(None, f"unknown command {value!r}{where}")
                if value == "version":  # as git takes it (`git version`)
                    raise argparse.ArgumentError(None, f"unknown command 'version': `{self.prog} --version` prints it")
                if value == "help":  # as git and pip take it; a list of commands did not say where help is
                    raise argparse.ArgumentError(
                        None,
                        f"unknown command 'help': `{self.prog} --help` lists the commands, `{self.prog} COMMAND --help` says what one does",
                    )
                raise argparse.ArgumentError(None, f"unknown command {value!r}{hint} (choose from {choices})")
            raise argparse.ArgumentError(action, f"unknown choice {value!r}{hint} (choose from {choices})")
        super()._check_value(action, value)

    def _unknown_long_options(self, args) -> list[str]:
        """The `--words` in args that name none of this parser's options (nor abbreviate one), and
        the `-x` that name no short one (`reader show -rf` said only "ARTICLE is required")."""
        known = [s for action in self._actions for s in action.option_strings if s.startswith("--")]
        short = {s for action in self._actions for s in action.option_strings if not s.startswith("--")}
        nested = {
            name
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name in action.choices
        }
        unknown = []
        for arg in args:
            if arg == "--" or arg in nested:  # `feed add URL --no-check`: the rest is add's to judge
                break
            name = arg.split("=", 1)[0]
            if len(name) > 2 and name.startswith("--") and name not in known:
                if not (self.allow_abbrev and any(option.startswith(name) for option in known)):
                    unknown.append(arg)
            elif len(arg) > 1 and arg[0] == "-" and arg[1] != "-" and arg[:2] not in short:
                # `-3` is an argument, as for argparse; so is `-#2`, an article of standard input
                if not self._negative_number_matcher.match(arg) and not _STDIN_ENTRY.match(arg):
                    unknown.append(arg)
        return unknown


class _IntermixingFailed(Exception):
    """A usage error of argparse's intermixed parsing, whose plain parse is said instead."""


def _ambiguous_without_its_value(message: str) -> str:
    """argparse's "ambiguous option: --s=x could match --since, --story" with the option alone
    ("--s could match"): the value was echoed as if it were part of the option's name."""
    said, could, matches = message.rpartition(" could match ")
    lead = "ambiguous option: "
    if not could or not said.startswith(lead) or "=" not in said:
        return message
    return f"{lead}{said[len(lead) :].split('=', 1)[0]}{could}{matches}"


def _after_dashes(args: list[str]) -> set[str]:
    """The words of `args` given only after its first `--`: arguments, however they start."""
    if "--" not in args:
        return set()
    at = args.index("--")
    return set(args[at + 1 :]) - set(args[:at])


class _ArgumentDashes(str):
    """An `--` after the first one: an argument (`reader compare -- a --`: B is "--"). Python's
    argparse before 3.13 took out the first `--` among each argument's words, so that a second
    one vanished (B left out); this one is equal to no "--" argparse looks for."""

    def __eq__(self, other: object) -> bool:
        return other is self

    def __ne__(self, other: object) -> bool:
        return other is not self

    __hash__ = str.__hash__


def _dashes_after_the_first_as_arguments(args: list[str]) -> list[str]:
    if "--" not in args:
        return args
    first = args.index("--")
    rest = [_ArgumentDashes(word) if word == "--" else word for word in args[first + 1 :]]
    return [*args[: first + 1], *rest]


def _looks_like_a_short_option(word: str | None) -> bool:
    """`-a`: a dash and a letter, read as an option by git and ripgrep (and an article id that
    short is rare); `-rf`, `-obama` and `-5` may be ids, or a word left out of a query."""
    return word is not None and len(word) == 2 and word[0] == "-" and word[1].isalpha()


def _all_after_dashes(words: list[str], args: list[str]) -> bool:
    """Whether `words` (those left over) are the last of `args` and all after its first `--`."""
    if "--" not in args or not words:
        return False
    after = args[args.index("--") + 1 :]
    return len(words) <= len(after) and after[len(after) - len(words) :] == list(words)


COMMANDS_NAMED = 3  # the most commands an error names as those that take an option; past it, two and a count


def _commands_listed(commands: list[str]) -> str:
    """ "`reader list`, `reader show` and 15 more": the first ones and a count (a list of 12 hid the point)."""
    if len(commands) > COMMANDS_NAMED:
        commands = [*commands[: COMMANDS_NAMED - 1], f"{len(commands) - COMMANDS_NAMED + 1} more"]
    return f"{', '.join(commands[:-1])} and {commands[-1]}" if len(commands) > 1 else commands[0]


_STDIN_ENTRY = re.compile(r"-#\d+$")


def _names_a_folder(word: str) -> bool:
    """A folder, or a path that looks like one (`~/nwes`, mistyped), but no URL nor file."""
    if "://" in word or os.path.isfile(word):
        return False
    return os.path.isdir(word) or "/" in word or word.startswith("~")


def _global_options_in(words: list[str]) -> tuple[list[str], str | None, bool, list[str]]:
    """The --corpus folders, the --index folder and --follow-links among `words` (`--index=DIR`
    too; none after `--`), and the other words."""
    corpus: list[str] = []
    index: str | None = None
    follow_links = False
    rest: list[str] = []
    position = 0
    while position < len(words):
        word = words[position]
        name, equals, value = word.partition("=")
        if word == "--":
            rest += words[position:]
            break
        if name in ("--corpus", "--index") and (equals or position + 1 < len(words)):
            if not equals:
                position += 1
                value = words[position]
            if name == "--corpus":
                corpus.append(value)
            else:
                index = value
        elif word == "--follow-links":
            follow_links = True
        else:
            rest.append(word)
        position += 1
    return corpus, index, follow_links, rest


def _where_a_path_goes(command: list[str], args: list[str], words: list[str], before: Sequence[str] = ()) -> str:
    """'; ...' saying how to give the folders among `words` (with --corpus, in the command line
    `args` of `command` rewritten, with the --index and --follow-links given `before` it and among
    `args`: `reader --index X list ~/news` is told `reader --corpus ~/news --index X list`) or the first
    file (to `reader show`), else ""."""
    from reader.wording import reader_command, shell_word

    folders = [word for word in words if _names_a_folder(word)]
    if folders:
        # the folders named are the corpus, in place of any --corpus given (as `search` says it)
        _corpus, index, follow_links, rest = _global_options_in([*before, *args])
        rest = [arg for arg in rest if arg not in folders and arg != "--"]  # `list -- DIR`: no argument follows now
        line = reader_command(
            " ".join(map(shell_word, [*command, *rest])),
            corpus=folders,  # each as pasted: `$'a\nb'`
            index=index,
            follow_links=follow_links,
        )
        return f"; give {'a corpus folder' if len(folders) == 1 else 'corpus folders'} with --corpus: `{line}`"
    files = [word for word in words if os.path.isfile(word)]
    if files:
        return f"; to print an article file: reader show {shell_word(files[0])}"
    return ""


def _close_matches(word: str, known: list[str]) -> list[str]:
    """The one of `known` that `word` starts (`--sort rel`, `reader stor`: too short for a likeness
    to find), else the one most like it."""
    import difflib

    started = [name for name in known if word and name.startswith(word)]
    if len(started) == 1:
        return started
    return difflib.get_close_matches(word, known, n=1, cutoff=0.6)


def _spelled_out(name: str, options: Iterable[str]) -> str | None:
    """The one of `options` that `name` is or starts, as argparse reads an abbreviated option;
    None when it is none of them or the start of several."""
    options = set(options)
    if name in options:
        return name
    starting = [option for option in options if name.startswith("--") and option.startswith(name)]
    return starting[0] if len(starting) == 1 else None


def _options_taking_values(parser: argparse.ArgumentParser) -> dict[str, bool | None]:
    """Every option of `parser` and its commands, nested ones too: whether it takes a value (None
    when it does for some and not for others, so that what follows it is no one thing)."""
    taking: dict[str, bool | None] = {}
    for each in (parser, *_commands_below(parser)):
        for action in each._actions:
            for option in action.option_strings:
                takes = action.nargs != 0
                taking[option] = takes if taking.get(option, takes) == takes else None
    return taking


def _prefix_takes(given: str, takes_value: dict[str, bool | None]) -> bool | None:
    """Whether the options `given` is the start of (several: `--jso`, --json or --jsonl) all
    take a value (True) or none does (False), so that it is moved after the command with its
    value, whose parser then says it is ambiguous, as `reader list --jso` says (before the
    command it was told to go after the command); None when they differ or none starts so."""
    if not given.startswith("--"):
        return None
    takes = {takes_value[option] for option in takes_value if option.startswith(given)}
    return takes.pop() if len(takes) == 1 else None


def _takes_urls(action: argparse.Action) -> bool:
    """Whether a positional argument is a URL (`feed add URL`, `fetch FEED_URL...`)."""
    return str(action.metavar or "").endswith("URL")


def _close_options(option: str, known: list[str], shorts: Sequence[str] = ()) -> list[str]:
    """The known option close to `option`, judged on the names without their '--': the shared
    dashes made any two short options look alike ('--name' was offered '--index'). A likeness
    of 0.6 on the names alone is still chance ('count' and 'until'): a hint needs more. A short
    option is offered the one of `shorts` in the other case (`-Q`: `-q`), if any, else the one
    long option its letter starts (`reader -V`: `--version`, as ripgrep spells it; `list -v`:
    `--verbose`), when only one does."""
    import difflib

    if not option.startswith("--"):
        if len(option) != 2:
            return []
        other_case = [short for short in shorts if short == option.swapcase()]
        starting = [name for name in known if name[2:3].lower() == option[1].lower()]
        return other_case or (starting if len(starting) == 1 else [])

    names = {name[2:]: name for name in known}
    return [names[close] for close in difflib.get_close_matches(option[2:], list(names), n=1, cutoff=0.65)]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="Read news in the terminal and compare how outlets tell the same story. "
        "With no command, opens the terminal app (which needs a terminal). "
        "`reader help COMMAND` (or `reader COMMAND --help`) says what a command does.",
        epilog=EXIT_CODES,
    )
    _with_examples(parser)
    parser.add_argument(
        "--version",
        action="version",
        version=f"reader {__version__}",
        help="show program's version number and exit (with --json: a JSON object, its version)",
    )
    add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    for holder in (parser, *filter(_holds_commands, _commands_below(parser))):
        # "commands:" listed first, as git's help lists its commands ("positional arguments:
        # COMMAND" said nothing); `feed`'s and `state`'s as reader's
        commands = next(group for group in holder._action_groups if group.title == "commands")
        holder._action_groups.remove(commands)
        holder._action_groups.insert(0, commands)
    for subparser in _commands_below(parser):
        if getattr(subparser, "takes_global_options", True):
            add_global_options(subparser, after_command=True)
        subparser.is_command = True
        subparser._root = parser
        _with_examples(subparser)
    # For `reader completion`, which writes its script from every command's options.
    parser.set_defaults(root_parser=parser)
    return parser


def _holds_commands(parser: argparse.ArgumentParser) -> bool:
    """Whether `parser` is a group of commands (`reader feed`), run only with one of them."""
    return any(isinstance(action, argparse._SubParsersAction) for action in parser._actions)


def _commands_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """`parser`'s commands by name (aliases too): `feed`'s are add, list, ...; a leaf's none."""
    return next((action.choices for action in parser._actions if isinstance(action, argparse._SubParsersAction)), {})


def _commands_below(parser: argparse.ArgumentParser):
    """Every command's parser, nested ones (`feed add`) included, each once (aliases share one)."""
    seen: set[int] = set()
    pending = [parser]
    while pending:
        for action in pending.pop()._actions:
            if isinstance(action, argparse._SubParsersAction):
                for subparser in action.choices.values():
                    if id(subparser) not in seen:
                        seen.add(id(subparser))
                        pending.append(subparser)
                        yield subparser


def _merge_global_options(args: argparse.Namespace) -> None:
    after = getattr(args, "corpus_after", None)
    if after:
        args.corpus = [*(args.corpus or []), *after]
    if hasattr(args, "corpus_after"):
        del args.corpus_after


def _quiet_stdout() -> None:
    """The reader of our stdout went away (`reader list | head -1`): drop what is left unwritten."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class OutputError(Exception):
    """Writing to stdout failed (a full disk, a closed stdout): not the command's own failure."""


def _wait_until_writable(fd: int) -> None:
    import select

    select.select([], [fd], [])


def _non_blocking(stream) -> bool:
    """Whether `stream` writes to a descriptor set non-blocking (O_NONBLOCK: by another program
    on the same terminal, or a pipe's writer given so)."""
    try:
        return not os.get_blocking(stream.fileno())
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return False


class _StreamInFront(io.TextIOBase):
    """A text stream set in front of `stream` (sys.stdout or sys.stderr while a command runs): what
    it does not change (a terminal or not, the encoding, the descriptor, anything else) is the
    stream's."""

    def __init__(self, stream):
        self._stream = stream

    def isatty(self) -> bool:
        return self._stream.isatty()

    @property
    def encoding(self):  # io.TextIOBase has its own (None): the stream's is the one written
        return getattr(self._stream, "encoding", None)

    def fileno(self) -> int:
        return self._stream.fileno()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class _WaitingStdout(_StreamInFront):
    """A non-blocking stdout written as a blocking one: what its reader has not taken yet is
    waited for, not lost. A full pipe or a busy terminal made each write fail with EAGAIN: "cannot
    write the output" after part of it, and under PYTHONUNBUFFERED the output was dropped
    silently, exit status 0 (a text stream over an unbuffered file ignores a write that would
    block)."""

    def __init__(self, stream):
        super().__init__(stream)
        self._fd = stream.fileno()
        stream.flush()

    def write(self, text: str) -> int:
        _write_waiting(self._fd, text.encode(self._stream.encoding or "utf-8", self._stream.errors or "strict"))
        return len(text)

    def flush(self) -> None:
        pass

    @property
    def buffer(self) -> _WaitingBytes:
        """The bytes written as the text is (`coverage --csv` writes UTF-8 there): the stream's own
        buffer is non-blocking, and a full pipe made its write raise BlockingIOError."""
        return _WaitingBytes(self._fd)


def _write_waiting(fd: int, data: bytes) -> None:
    """All of `data` to the non-blocking `fd`, waiting whenever its reader lags."""
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            _wait_until_writable(fd)


class _WaitingBytes:
    """The binary side of _WaitingStdout: each write whole, waited for."""

    def __init__(self, fd: int):
        self._fd = fd

    def write(self, data: bytes) -> int:
        _write_waiting(self._fd, bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


class _GuardedStdout(_StreamInFront):
    """sys.stdout while a command runs: an OSError writing it becomes OutputError, so it is told
    apart from the OSErrors of the work itself (a broken pipe stays as it is: it ends quietly)."""

    def _guarded(self, call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from exc
        except ValueError as exc:  # I/O on a closed file
            raise OutputError(str(exc)) from exc

    def write(self, text: str) -> int:
        clear_progress()  # the output's first line is not written after a progress line on screen
        return self._guarded(self._stream.write, text)

    def flush(self) -> None:
        self._guarded(self._stream.flush)

    @property
    def buffer(self) -> _GuardedBytes:
        """The stream's bytes, guarded as its text is: `reader coverage --csv > /dev/full` under
        a Latin-1 locale (the CSV is written there as UTF-8) ended in a traceback."""
        return _GuardedBytes(self._stream.buffer, self._guarded)


class _GuardedBytes:
    """The binary side of _GuardedStdout: a write's or a flush's OSError becomes OutputError."""

    def __init__(self, binary, guarded):
        self._binary = binary
        self._guarded = guarded

    def write(self, data: bytes) -> int:
        clear_progress()
        return self._guarded(self._binary.write, data)

    def flush(self) -> None:
        self._guarded(self._binary.flush)


class _ForgivingStderr(_StreamInFront):
    """sys.stderr while a command runs: once it cannot be written (its reader went away:
    `reader list 2>&1 >ids.txt | grep -m1 skipped`), what is said there is dropped, and the
    command goes on. A skipped file's warning raised BrokenPipeError, taken for stdout's: the
    listing stopped before its first line and the exit status was 0."""

    def __init__(self, stream):
        super().__init__(stream)
        self._gone = False
        # A non-blocking stderr (a busy terminal, a full pipe) is written whole lines at a time,
        # by this stand-in: through the stream's buffer, a write that would block kept part of a
        # line, and the next line's start followed it ("reader: warning: filereader: warning: …").
        self._fd = stream.fileno() if _non_blocking(stream) else None
        self._pending = ""  # text of a line not ended yet, on a non-blocking stderr
        if self._fd is not None:
            self._forgiven(stream.flush)

    def _forgiven(self, call, *args):
        if self._gone:
            return None
        try:
            return call(*args)
        except BlockingIOError:  # a non-blocking terminal that is busy: this message only is lost
            return None
        except (OSError, ValueError):  # a broken pipe, a full disk, a closed file: nowhere to say it
            self._gone = True
            _drop_what_is_written_to(self._stream)
            return None

    def write(self, text: str) -> int:
        if self._fd is None:
            self._forgiven(self._stream.write, text)
            return len(text)
        self._pending += text
        lines, newline, self._pending = self._pending.rpartition("\n")
        if newline:
            self._forgiven(self._write_whole, lines + newline)
        return len(text)

    def flush(self) -> None:
        if self._fd is None:
            self._forgiven(self._stream.flush)
        elif self._pending:  # a progress line, drawn without a line break
            text, self._pending = self._pending, ""
            self._forgiven(self._write_whole, text)

    def _write_whole(self, text: str) -> None:
        """`text` all written, or none of it when stderr cannot take a byte now (the message is
        lost, as a busy terminal's would be): what was started is finished, waiting if need be."""
        assert self._fd is not None
        data = text.encode(self._stream.encoding or "utf-8", self._stream.errors or "backslashreplace")
        written = os.write(self._fd, data)  # BlockingIOError: nothing written
        _write_waiting(self._fd, data[written:])

    def isatty(self) -> bool:
        return not self._gone and self._stream.isatty()


def _drop_what_is_written_to(stream) -> None:
    """`stream`'s file descriptor made /dev/null: the text left in its buffer, and what the
    index's worker processes write there, go nowhere (the interpreter's last flush of a broken
    stderr would fail, and make the exit status 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _hold_closed_standard_streams() -> None:
    """`reader list >&-`: Python leaves sys.stdout None when fd 1 is closed, and the next file
    reader opens would take fd 1. Each closed one gets /dev/null: stdout read-only, so writing
    it fails (EBADF) and is reported as for any stdout that cannot be written; stderr writable,
    so messages nobody wants to see vanish; stdin read-only (empty)."""
    for fd, name, flags in ((0, "stdin", os.O_RDONLY), (1, "stdout", os.O_RDONLY), (2, "stderr", os.O_WRONLY)):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        try:
            null = os.open(os.devnull, flags)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        except OSError:
            continue
        mode = "r" if name == "stdin" else "w"
        setattr(sys, name, open(fd, mode, encoding="utf-8", errors="replace", closefd=False))


def _replace_what_stdout_cannot_encode() -> None:
    """In a locale that is not UTF-8 (LANG=en_US.ISO-8859-1, PYTHONIOENCODING=ascii), one title
    with a character the encoding lacks ended the whole command ("cannot write the output",
    nothing after it printed). Such characters are written as '?', as other tools show them;
    --json output is written with \\u escapes instead (common.emit_json), which loses nothing."""
    from reader.commands.common import writes_unicode

    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper) and not writes_unicode(stream):
        stream.reconfigure(errors="replace")


# Environment variables that choose how many threads NumPy's BLAS runs (OpenBLAS reads the first
# three, in this order of precedence; MKL the last and OMP_NUM_THREADS).
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def default_to_one_blas_thread(environ) -> None:
    """Run NumPy's BLAS on one thread unless the user chose a number. A comparison multiplies
    small matrices (dozens of sentences); OpenBLAS ran them on every core and kept its extra
    threads spinning between calls: on 2 cores that doubled a comparison's CPU time (p95 98 ->
    53 ms, `bench/bench_compare.py`) for the same wall time, CPU the app's event loop needs. The
    library reads the variable when NumPy is first imported, which no command does before this
    runs (a test checks it)."""
    if not any(environ.get(name) for name in BLAS_THREAD_VARIABLES):
        environ["OPENBLAS_NUM_THREADS"] = "1"
        environ["MKL_NUM_THREADS"] = "1"


def entry() -> None:
    """The `reader` command and `python -m reader`: main(), then the process ends. Before it
    does, every object is set aside from the cyclic collector (gc.freeze): the interpreter's
    exit would otherwise walk them all in a last collection, ~0.1 s after a 10-file update at
    10,000 articles. main() itself leaves the collector alone (tests call it in their process)."""
    try:
        default_to_one_blas_thread(os.environ)
        _hold_closed_standard_streams()
        _replace_what_stdout_cannot_encode()
        stop_on_termination_signals()
        code = main()
    except KeyboardInterrupt as exc:  # before main() could catch it: one line, not a traceback
        print_error(interrupted_words(exc))
        code = interrupted_status(exc)
    gc.freeze()
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--complete-values"]:  # the completion scripts' question: no option of the parser's,
        return _complete_values(argv[1:])  # which would offer it (`--co` could match it) and list it
    stdout, stderr = sys.stdout, sys.stderr
    guarded = stdout is not None
    if guarded:
        sys.stdout = _GuardedStdout(_WaitingStdout(stdout) if _non_blocking(stdout) else stdout)
    if stderr is not None:
        sys.stderr = _ForgivingStderr(stderr)
    try:
        # Inside the try: building the parser loads every command's module (~0.1-0.3 s), and a
        # ctrl+c then printed a traceback of importlib and argparse.
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit:
            if guarded:
                sys.stdout.flush()  # `reader --help > /dev/full` fails here, not silently at exit
            raise
        if args.command is None:
            # The terminal app draws on stdout itself (Textual): only the commands' output is guarded.
            sys.stdout, sys.stderr = stdout, stderr
            guarded = False
        _merge_global_options(args)
        set_colour_mode(args.color)
        code = _run(parser, args)
        sys.stdout.flush()  # a broken pipe shows here, not as a traceback at interpreter exit
        return code
    except BrokenPipeError:
        # Like ripgrep: the consumer has all it wanted; exit quietly and successfully.
        _quiet_stdout()
        return 0
    except OutputError as exc:
        # `reader list > /dev/full`: one line, and what is left unwritten is dropped (else the
        # interpreter's last flush at exit fails again, with a traceback).
        _quiet_stdout()
        print_error(f"cannot write the output: {exc}")
        return 1
    except KeyboardInterrupt as exc:
        print_error(interrupted_words(exc))
        return interrupted_status(exc)
    finally:
        clear_progress()  # the shell's prompt is not drawn after it either
        if guarded:
            sys.stdout = stdout
        if sys.stderr is not stderr:
            sys.stderr.flush()  # a line not ended yet, held by _ForgivingStderr
        sys.stderr = stderr


def _complete_values(argv: list[str]) -> int:
    """`reader --complete-values articles|outlets [--corpus DIR]... [--index DIR]`, asked by the
    completion scripts (reader.completion): the values, one a line; nothing on a bad line."""
    from reader.commands.completion import COMPLETED_VALUES, print_values

    parser = argparse.ArgumentParser(prog="reader --complete-values", add_help=False)
    parser.add_argument("kind", choices=COMPLETED_VALUES)
    add_global_options(parser)
    try:
        args, _unknown = parser.parse_known_args(argv)
    except SystemExit:
        return 2
    return print_values(args)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            # `reader > file` or a script: the app would write escape codes into it until killed.
            # A --corpus folder that cannot be used is said first (a terminal would say it too);
            # the whole help would bury that line.
            from reader.config import unusable_folder

            problems = [why for root in args.corpus or () if (why := unusable_folder(root))]
            for why in problems:
                print_error(why)
            if not problems:
                parser.print_help(sys.stderr)
            print("reader: the terminal app needs a terminal; give a command", file=sys.stderr)
            return 2
        if args.color == "never":
            os.environ["NO_COLOR"] = "1"  # Textual honours it
        from reader.tui.launch import run_app

        return run_app(args)
    try:
        return _run_command(args)
    finally:
        say_what_comes_after_the_output()


def _run_command(args: argparse.Namespace) -> int:
    """The command's run, its errors turned into their line and exit status."""
    try:
        return int(args.run(args) or 0)
    except CommandError as exc:
        print_error(exc)
        return exc.code
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:
        from reader.analysis.encoder_errors import EncoderUnavailable
        from reader.config import ConfigError
        from reader.index.state import WRITABLE_INDEX_HINT
        from reader.library import ArticleNotFound, IndexBusy, IndexFailure, IndexLocationError, IndexNotWritable

        if isinstance(exc, IndexBusy):  # the index is being built for the first time
            print_error(exc)
            return 3
        if isinstance(exc, ArticleNotFound):
            print_error(exc)
            return exc.exit_status
        if isinstance(exc, IndexFailure):
            print_error(exc)
            return 1
        if isinstance(exc, EncoderUnavailable):
            print_error(exc)
            return 1
        if isinstance(exc, IndexNotWritable):  # none built: a reading command found none to read
            print_error(f"{exc}; {WRITABLE_INDEX_HINT}")
            return 2
        if isinstance(exc, (IndexLocationError, ConfigError)):
            print_error(exc)
            return 2
        raise
