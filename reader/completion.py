"""Shell completion for bash, zsh and fish, generated from the argparse parser.

`command_tree` reads the parser once (commands, nested actions such as `feed add`, options, their
choices, and which values are folders or files); one small writer per shell turns that tree into
a script. Nothing is hand-kept per command: a new command or option completes as soon as it is
registered. Article arguments complete as the corpus's article ids and as file names (a path to
any file is an article too), compare's A as those and the story ids too (a story compares two of
its versions), --outlet as its outlet names, --story as its story ids: the script asks
`reader --complete-values articles|sides|outlets|stories` with the --corpus and --index of the line
being completed (read from the last committed index: a Tab never builds one). A subscription's URL
(`feed remove`, `fetch`) completes as the subscribed feeds, read from feeds.yaml.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field

SHELLS = ("bash", "zsh", "fish")
FOLDER_METAVARS = {"DIR", "FOLDER"}
FILE_METAVARS = {"FILE", "PATH", "TARGET"}
ARTICLE_METAVARS = {"ARTICLE", "B"}  # an article id of the corpus, or a file
SIDE_METAVARS = {"A"}  # compare's first side: an article id, a file or a story id
FEED_METAVARS = {"FEED_URL"}  # a subscription's URL


@dataclass
class Option:
    flags: list[str]
    help: str
    takes_value: bool
    choices: list[str] | None = None
    kind: str | None = None  # "dir", "file", "article", "side", "outlet", "story", "feed" or None (free text)
    repeatable: bool = False


@dataclass
class Positional:
    name: str
    choices: list[str] | None
    kind: str | None
    many: bool


@dataclass
class Command:
    path: tuple[str, ...]
    help: str = ""
    options: list[Option] = field(default_factory=list)
    positionals: list[Positional] = field(default_factory=list)
    commands: dict[str, "Command"] = field(default_factory=dict)

    def walk(self):
        yield self
        seen = set()
        for sub in self.commands.values():
            if id(sub) not in seen:
                seen.add(id(sub))
                yield from sub.walk()

    def valued_flags(self) -> list[str]:
        return [flag for option in self.options if option.takes_value for flag in option.flags]


def _kind(metavar, dest: str = "") -> str | None:
    name = str(metavar or "").upper()
    if dest in ("outlet", "story"):
        return dest
    if name in FEED_METAVARS:
        return "feed"
    if name in ARTICLE_METAVARS:
        return "article"
    if name in SIDE_METAVARS:
        return "side"
    if name in FOLDER_METAVARS:
        return "dir"
    if name in FILE_METAVARS:
        return "file"
    return None


def _help(text) -> str:
    if not text or text == argparse.SUPPRESS:
        return ""
    return " ".join(str(text).split())


def command_tree(parser: argparse.ArgumentParser, path: tuple[str, ...] = (), help: str = "") -> Command:
    command = Command(path, help)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: _help(choice.help) for choice in action._choices_actions}
            for name, sub in action.choices.items():
                command.commands[name] = command_tree(sub, (*path, name), helps.get(name, ""))
        elif action.option_strings:
            if action.help == argparse.SUPPRESS:
                continue
            takes_value = action.nargs != 0
            command.options.append(
                Option(
                    flags=list(action.option_strings),
                    help=_help(action.help),
                    takes_value=takes_value,
                    choices=[str(c) for c in action.choices] if action.choices else None,
                    kind=_kind(action.metavar or action.dest.upper(), action.dest) if takes_value else None,
                    repeatable=isinstance(action, argparse._AppendAction),
                )
            )
        else:
            command.positionals.append(
                Positional(
                    name=str(action.metavar or action.dest),
                    choices=[str(c) for c in action.choices] if action.choices else None,
                    kind=_kind(action.metavar or action.dest.upper()),
                    many=action.nargs in ("*", "+", argparse.REMAINDER),
                )
            )
    return command


def with_help_command(tree: Command) -> Command:
    """`tree` with reader's `help` command (`reader help feed add`, which the parser takes as
    `reader feed add --help`; cli._Parser): it completes as the commands' names, nested ones too."""

    def names_only(command: Command, path: tuple[str, ...]) -> Command:
        return Command(
            path,
            command.help,
            commands={name: names_only(sub, (*path, name)) for name, sub in command.commands.items()},
        )

    def helped_below(command: Command) -> Command:
        """`command` with `help` among its commands when it has some (`reader feed help add`,
        the parser's too), and so every command below it."""
        if not command.commands:
            return command
        below = {name: helped_below(sub) for name, sub in command.commands.items()}
        helped = names_only(command, (*command.path, "help"))
        helped.help = "show a command's help (as COMMAND --help)"
        helped.commands.pop("help", None)
        return Command(command.path, command.help, command.options, command.positionals, {**below, "help": helped})

    return helped_below(tree)


def generate(shell: str, parser: argparse.ArgumentParser) -> str:
    tree = with_help_command(command_tree(parser))
    writer = {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell]
    return writer(tree, parser.prog)


def _words(items) -> str:
    return " ".join(items)


def _shell_word(text: str) -> str:
    """Single-quoted for bash and zsh (a backslash is literal there; `'` closes, escapes, reopens)."""
    return "'" + text.replace("'", "'\\''") + "'"


def _fish_word(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _positional_spec(command: Command) -> str:
    """What to offer for a command's positional arguments: choices, @dir, @file or nothing."""
    for positional in command.positionals:
        if positional.choices:
            return _words(positional.choices)
        if positional.kind:
            return "@" + positional.kind
    return ""


def _spec_of(positional: Positional) -> str:
    if positional.choices:
        return _words(positional.choices)
    return "@" + positional.kind if positional.kind else ""


def _positional_specs(command: Command) -> list[tuple[int | None, str]]:
    """What to offer at each position: [(None, spec)] when every position offers the same (the
    first spec, as `_positional_spec`), else [(0, spec), (1, spec)...], None for a position that
    takes the rest (compare's A is also a story id, its B is not)."""
    specs = [_spec_of(p) for p in command.positionals]
    if len({spec for spec in specs if spec}) <= 1:
        spec = _positional_spec(command)
        return [(None, spec)] if spec else []
    return [(None if p.many else n, spec) for n, (p, spec) in enumerate(zip(command.positionals, specs))]


# -- bash -------------------------------------------------------------------------------------------


def _bash(tree: Command, prog: str) -> str:
    fn = "_" + re.sub(r"\W", "_", prog)
    tables: dict[str, list[str]] = {
        "commands": [],
        "options": [],
        "valued": [],
        "groups": [],
        "values": [],
        "positional": [],
    }

    def row(table: str, key: str, words: str) -> None:
        tables[table].append(f'        "{key}") echo {_shell_word(words)} ;;')

    for command in tree.walk():
        key = " ".join(command.path)
        if command.commands:
            row("commands", key, _words(command.commands))
        row("options", key, _words(flag for option in command.options for flag in option.flags))
        row("valued", key, _words(command.valued_flags()))
        row("groups", key, _option_groups(command))
        for option in command.options:
            if option.takes_value:
                spec = _words(option.choices) if option.choices else "@" + (option.kind or "none")
                for flag in option.flags:
                    row("values", f"{key}|{flag}", spec)
        if not command.commands:
            for number, spec in _positional_specs(command):
                # "compare|0": the first positional; "show|"*: any (bash case patterns glob).
                pattern = f'"{key}|"*' if number is None else f'"{key}|{number}"'
                tables["positional"].append(f"        {pattern}) echo {_shell_word(spec or '@none')} ;;")
    # One lookup function per table: `_reader_valued "feed add"` echoes that command's flags.
    lookups = "".join(
        f'{fn}_{table}() {{\n    case "{"$1|$2" if table in ("values", "positional") else "$1"}" in\n'
        + "\n".join(rows)
        + "\n    esac\n}\n"
        for table, rows in tables.items()
    )
    valued, plain = _options_of_the_commands(tree)
    valued_words, plain_words = _words(valued), _words(plain)
    where_valued, where_plain = _where_words(tree)
    return f"""# bash completion for {prog}; generated by `{prog} completion bash`.
{lookups}# The option $2 names (perhaps abbreviated: --lim) under the command path $1, read as the CLI
# reads it: {fn}_option_name is the whole name of the one option it names or, from `--`, starts
# (--col: --color or --colour, one option), and returns 0 when that takes a value; else, where a
# command is still to come, the commands' options it is or starts (the CLI takes them before the
# command), all of which take a value (0) or none does (1); 2 when it is none of these.
{fn}_option() {{
    local word=${{2%%=*}} group name names hits=() valued=0 plain=0
    {fn}_option_name=""
    for group in $({fn}_groups "$1"); do
        IFS='|' read -ra names <<< "${{group%=}}"
        if [[ " ${{names[*]}} " == *" $word "* ]]; then
            hits=("$group"); break
        fi
        for name in "${{names[@]}}"; do
            if [[ $word == --?* && $name == "$word"* ]]; then hits+=("$group"); break; fi
        done
    done
    if (( ${{#hits[@]}} == 1 )); then
        IFS='|' read -ra names <<< "${{hits[0]%=}}"
        {fn}_option_name=${{names[0]}}
        [[ ${{hits[0]}} == *= ]] && return 0 || return 1
    fi
    [[ -n $({fn}_commands "$1") ]] || return 2
    for name in {valued_words}; do
        [[ $name == "$word" || ( $word == --?* && $name == "$word"* ) ]] && ((valued++))
    done
    for name in {plain_words}; do
        [[ $name == "$word" || ( $word == --?* && $name == "$word"* ) ]] && ((plain++))
    done
    (( valued && ! plain )) && return 0
    (( plain && ! valued )) && return 1
    return 2
}}
# The word as typed, without its quoting (my\\ ar, 'my ar and "my ar are all: my ar):
# compgen -f and -d match names literally. Sets {fn}_word; nothing is evaluated.
{fn}_dequote() {{
    local word=$1 out="" c escaped='*'
    case $word in
        \\'*) word=${{word#\\'}}; {fn}_word=${{word%\\'}}; return ;;
        \\"*) word=${{word#\\"}}; word=${{word%\\"}}; escaped='[\\\\\\"$`]' ;;
    esac
    while [[ -n $word ]]; do
        c=${{word:0:1}}
        if [[ $c == "\\\\" && ${{#word}} -gt 1 && ${{word:1:1}} == $escaped ]]; then
            c=${{word:1:1}}; word=${{word:2}}
        else
            word=${{word:1}}
        fi
        out+=$c
    done
    {fn}_word=$out
}}
# One reply a line (mapfile, not $(...) word splitting: names may hold spaces or glob characters);
# `complete -o filenames` quotes them as bash inserts them.
{fn}_offer() {{
    case "$2" in
        @dir) {fn}_dequote "$1"; mapfile -t COMPREPLY < <(compgen -d -- "${fn}_word") ;;
        @file) {fn}_dequote "$1"; mapfile -t COMPREPLY < <(compgen -f -- "${fn}_word") ;;
        @article) {fn}_dequote "$1"; mapfile -t COMPREPLY < <(compgen -f -- "${fn}_word"; {fn}_corpus_values articles "${fn}_word"); {fn}_quote_expansions "$1" ;;
        @side) {fn}_dequote "$1"; mapfile -t COMPREPLY < <(compgen -f -- "${fn}_word"; {fn}_corpus_values sides "${fn}_word"); {fn}_quote_expansions "$1" ;;
        @outlet) {fn}_dequote "$1"; mapfile -t COMPREPLY < <({fn}_corpus_values outlets "${fn}_word"); {fn}_quote_expansions "$1" ;;
        @story) {fn}_dequote "$1"; mapfile -t COMPREPLY < <({fn}_corpus_values stories "${fn}_word"); {fn}_quote_expansions "$1" ;;
        @feed) {fn}_feeds "$1" ;;
        @none|"") COMPREPLY=() ;;
        *) mapfile -t COMPREPLY < <(compgen -W "$2" -- "$1") ;;
    esac
}}
# bash leaves the $ and ` of a reply that names no file unquoted (an expansion to come, it takes
# it): the id `cost $5` went in as cost\\ $5, which the shell expands to "cost ". Then every reply
# is quoted here, readline's quoting turned off; not in a quote the word typed opened.
{fn}_quote_expansions() {{
    local reply needed="" quoted=()
    [[ $1 == [\\\'\\\"]* ]] && return
    for reply in "${{COMPREPLY[@]}}"; do
        [[ $reply == *[\\$\\`]* && ! -e $reply ]] && needed=1
    done
    [[ -z $needed ]] && return
    compopt +o filenames 2>/dev/null
    for reply in "${{COMPREPLY[@]}}"; do
        [[ -d $reply ]] && quoted+=("$(printf '%q' "$reply")/") || quoted+=("$(printf '%q' "$reply")")
    done
    COMPREPLY=("${{quoted[@]}}")
    [[ ${{#COMPREPLY[@]}} == 1 && ${{COMPREPLY[0]}} == */ ]] && compopt -o nospace 2>/dev/null
}}
# The corpus's article ids or outlet names ($1) that start with $2, from `{prog} --complete-values`
# given the --corpus and --index of the line (one a line; nothing when there is no index yet).
{fn}_corpus_values() {{
    local args=() i=1 w line
    while (( i < COMP_CWORD )); do
        w=${{COMP_WORDS[i]}}
        case $w in
            {"|".join(where_valued)})
                [[ ${{COMP_WORDS[i+1]}} == "=" ]] && ((i++))
                {fn}_dequote "${{COMP_WORDS[i+1]}}"; args+=("$w" "${fn}_word"); ((i++)) ;;
            {"|".join(where_plain)}) args+=("$w") ;;
            --) break ;;  # past it, words are arguments: `show -- --corpus` names an id
        esac
        ((i++))
    done
    while IFS= read -r line; do
        [[ $line == "$2"* ]] && printf '%s\n' "$line"
    done < <("${{COMP_WORDS[0]}}" --complete-values "$1" "${{args[@]}}" 2>/dev/null)
}}
# The subscribed feeds' URLs that start with the URL typed: bash parts "https://x" into "https",
# ":" and "//x" (COMP_WORDBREAKS), so the URL is read from the line and each reply is given
# from where the word being completed starts. Quoted here (? and & are the shell's), not as file
# names: readline escaped the colon of "127.0.0.1:8080" twice.
{fn}_feeds() {{
    local typed=${{COMP_LINE:0:COMP_POINT}} start line
    [[ -n $COMP_LINE ]] && typed=${{typed##*[[:space:]]}} || typed=$1
    {fn}_dequote "$typed"; typed=${fn}_word
    start=${{typed%"$1"}}
    [[ $1 == "$typed" ]] && start=""
    compopt +o filenames 2>/dev/null
    COMPREPLY=()
    while IFS= read -r line; do
        COMPREPLY+=("$(printf '%q' "${{line#"$start"}}")")
    done < <({fn}_corpus_values feeds "$typed")
}}
{fn}() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" last=$COMP_CWORD
    # bash splits --color=al into "--color" "=" "al".
    if [[ $cur == "=" ]]; then
        cur=""; last=$((COMP_CWORD - 1))
    elif [[ $prev == "=" ]]; then
        prev="${{COMP_WORDS[COMP_CWORD-2]}}"; last=$((COMP_CWORD - 2))
    fi
    # The command path so far ("", "feed", "feed add"), skipping options and their values, and
    # how many positional arguments follow it (compare's A, then B; - is one: standard input).
    # After `--` every word is an argument, however it starts (`show -- -a`: the id -a).
    local path="" i=1 w given=0 dashes=""
    while (( i < last )); do
        w="${{COMP_WORDS[i]}}"
        if [[ -n $dashes ]]; then
            ((given++))
        elif [[ $w == -- && -z $({fn}_commands "$path") ]]; then
            dashes=1
        elif [[ $w == -?* ]]; then
            # bash splits --limit=3 into "--limit" "=" "3": the value is past the "="
            if [[ $w != *=* ]] && {fn}_option "$path" "$w"; then
                ((i++))
                [[ ${{COMP_WORDS[i]}} == "=" ]] && ((i++))
            fi
        elif [[ " $({fn}_commands "$path") " == *" $w "* ]]; then
            path="${{path:+$path }}$w"; given=0
        else
            ((given++))
        fi
        ((i++))
    done
    if [[ -z $dashes && $prev == -?* ]] && {fn}_option "$path" "$prev"; then
        [[ -n ${fn}_option_name ]] && {fn}_offer "$cur" "$({fn}_values "$path" "${fn}_option_name")"
        return
    fi
    if [[ -n $dashes ]]; then
        {fn}_offer "$cur" "$({fn}_positional "$path" "$given")"
        return
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$({fn}_options "$path")" -- "$cur")
        # None of reader's own, no command yet: the commands' options, which the CLI takes before
        # the command too (`reader --lim`: --limit)
        if (( ! ${{#COMPREPLY[@]}} )) && [[ -z $path && $cur == --?* ]]; then
            mapfile -t COMPREPLY < <(compgen -W "{valued_words} {plain_words}" -- "$cur")
        fi
        return
    fi
    local commands="$({fn}_commands "$path")"
    if [[ -n $commands ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
    else
        {fn}_offer "$cur" "$({fn}_positional "$path" "$given")"
    fi
}}
complete -o filenames -F {fn} {prog}
"""


# -- zsh --------------------------------------------------------------------------------------------


def _zsh_text(text: str) -> str:
    """Help text as an _arguments explanation (`--flag[text]`): a backslash escapes the next
    character there and `]` ends it, so `\\`, `[` and `]` are escaped; quotes, colons, `$` and
    backquotes are shown as they are (the spec is single-quoted, and never evaluated)."""
    return re.sub(r"([\\\[\]])", r"\\\1", text.strip())


def _zsh_field(text: str) -> str:
    """A colon-separated field of a spec (`name:description` for _describe, a positional's
    message): a backslash escapes the next character, an unescaped `:` ends the field."""
    return re.sub(r"([\\:])", r"\\\1", text.strip())


def _zsh_action(kind: str | None, choices: list[str] | None) -> str:
    if choices:
        return "(" + " ".join(choices) + ")"
    actions = {
        "dir": "_files -/",
        "file": "_files",
        "article": "{base}_articles",
        "side": "{base}_sides",
        # A leading space: called as written (else _arguments puts compadd's options first).
        "outlet": " {base}_values outlets outlet",
        "story": " {base}_values stories story",
        "feed": " {base}_values feeds feed",
    }
    return actions.get(kind or "", " ")


def _zsh(tree: Command, prog: str) -> str:
    base = "_" + re.sub(r"\W", "_", prog)
    functions = [_zsh_values(base), _zsh_abbreviations(base)]
    for command in tree.walk():
        name = base + "".join("__" + re.sub(r"\W", "_", part) for part in command.path)
        specs = []
        for option in command.options:
            exclusive = f"({' '.join(option.flags)})" if len(option.flags) > 1 and not option.repeatable else ""
            for flag in option.flags:
                star = "*" if option.repeatable else ""
                text = _zsh_text(option.help)
                if option.takes_value:
                    value = option.kind or "value"
                    action = _zsh_action(option.kind, option.choices).replace("{base}", base)
                    spec = f"{exclusive}{star}{flag}=[{text}]:{value}:{action}"
                else:
                    spec = f"{exclusive}{star}{flag}[{text}]"
                specs.append(_shell_word(spec))
        body = []
        if command.commands:
            specs += [_shell_word("1:command:->command"), _shell_word("*::argument:->argument")]
            described = " ".join(
                _shell_word(f"{_zsh_field(sub)}:{_zsh_field(child.help)}") for sub, child in command.commands.items()
            )
            cases = "\n".join(
                f"                {_shell_word(sub)}) {name}__{re.sub(r'[^0-9A-Za-z_]', '_', sub)} ;;"
                for sub in command.commands
            )
            body = [
                "    case $state in",
                "        command)",
                f"            local -a commands=({described})",
                "            _describe -t commands command commands ;;",
                "        argument)",
                "            case $words[1] in",
                cases,
                "            esac ;;",
                "    esac",
            ]
        else:
            for number, positional in enumerate(command.positionals, 1):
                where = "*" if positional.many else str(number)
                action = _zsh_action(positional.kind, positional.choices).replace("{base}", base)
                specs.append(_shell_word(f"{where}:{_zsh_field(positional.name)}:{action}"))
        lines = [f"{name}() {{", "    local context state state_descr line", "    typeset -A opt_args"]
        if not command.path:  # the whole line, for the values asked of reader (_arguments narrows $words)
            lines += _zsh_the_line_read_as_the_cli_reads_it(tree, base)
            lines.append(f'    typeset -ga {base}_line; {base}_line=("${{words[@]}}")')
        # -A: past the command's name, every option is the command's (`reader list --corpus D --outlet
        # <Tab>` offered nothing: the top level took --corpus as its own and gave up on --outlet).
        stop = " -A '-*'" if command.commands else ""
        lines.append(f"    _arguments -C -s -S{stop} \\\n        " + " \\\n        ".join(specs) + " && return")
        lines += body
        if not command.path:
            lines += _zsh_the_commands_options_before_one()
        lines.append("}")
        functions.append("\n".join(lines))
    return (
        f"#compdef {prog}\n# zsh completion for {prog}; generated by `{prog} completion zsh`.\n\n"
        + "\n\n".join(functions)
        + f"\n\nif [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
        f'    {base} "$@"\nelse\n    compdef {base} {prog}\nfi\n'
    )


def _where_words(tree: Command) -> tuple[list[str], list[str]]:
    """(taking a value, taking none): --corpus, --index and --follow-links and each start of theirs
    that no other option of any command starts (`--cor`, `--i`), which the CLI reads as them: the
    values a Tab offers come from the corpus and index the line names, abbreviated or not
    (`reader list --cor ~/news --outlet <Tab>` offered the default corpus's outlets)."""
    flags = {flag for command in tree.walk() for option in command.options for flag in option.flags}

    def starts(name: str) -> list[str]:
        return [
            name[:n] for n in range(3, len(name) + 1) if not any(f != name and f.startswith(name[:n]) for f in flags)
        ]

    return [*starts("--corpus"), *starts("--index")], starts("--follow-links")


def _option_groups(command: Command) -> str:
    """A command's options for the shell scripts' abbreviation lookups: one word per option, its
    names joined by `|` and `=` after one that takes a value (`--color|--colour=`)."""
    return _words("|".join(option.flags) + ("=" if option.takes_value else "") for option in command.options)


def _options_of_the_commands(tree: Command) -> tuple[list[str], list[str]]:
    """(taking a value, taking none): the options of reader's commands that are not reader's own,
    which the CLI takes before the command too (`reader --limit 3 search`); one that takes a value
    in some commands and not in others is in neither (the CLI leaves what follows it as given)."""
    own = {flag for option in tree.options for flag in option.flags}
    takes: dict[str, set[bool]] = {}
    for command in tree.walk():
        for option in command.options if command.path else ():
            for flag in option.flags:
                if flag not in own:
                    takes.setdefault(flag, set()).add(option.takes_value)
    return sorted(f for f, t in takes.items() if t == {True}), sorted(f for f, t in takes.items() if t == {False})


def _zsh_the_line_read_as_the_cli_reads_it(tree: Command, base: str) -> list[str]:
    """Lines that read $words as the CLI does before the top-level _arguments, which knows whole
    option names alone: an abbreviation (`--lim`, `list --ou`) is spelled out where it is one
    option's start (else left for _arguments to fail on, as the CLI refuses it), and a command's
    options given before it (`reader --json li`, `reader --lim 3 se`: the CLI reads them after
    the command) are taken out with the value of one that takes a value. `reader --lim 3 se`
    offered nothing: `3` was read as the command."""
    valued, plain = _options_of_the_commands(tree)
    groups = " ".join(
        f"{_shell_word(' '.join(command.path))} {_shell_word(_option_groups(command))}"
        for command in tree.walk()
        if command.options
    )
    commands = " ".join(
        f"{_shell_word(' '.join(command.path))} {_shell_word(_words(command.commands))}"
        for command in tree.walk()
        if command.commands
    )
    return [
        f"    local -A option_groups=({groups}) commands_of=({commands})",
        f"    local -a theirs_valued=({' '.join(valued)}) theirs_plain=({' '.join(plain)})",
        "    local -i i=2 n",
        "    local at='' word rest REPLY",
        "    while (( i < CURRENT )); do",
        "        word=${words[i]%%=*} rest=${words[i]#${words[i]%%=*}}",
        "        [[ $words[i] == -- ]] && break",
        "        if [[ $words[i] != -?* ]]; then",
        "            (( ${${(s: :)commands_of[$at]}[(Ie)$words[i]]} )) && at=${at:+$at }$words[i]",
        "            (( i++ ))",
        "            continue",
        "        fi",
        f'        if {base}_spelled_out "$option_groups[$at]" "$word"; then',
        "            words[i]=${REPLY%=}$rest",
        "            [[ $REPLY == *= && -z $rest ]] && (( i += 2 )) || (( i += 1 ))",
        "            continue",
        "        fi",
        "        [[ -n $commands_of[$at] ]] || { (( i++ )); continue }",
        f'        {base}_agreeing "$word" || break',
        "        [[ $REPLY == 2 && -z $rest ]] && n=2 || n=1",
        "        (( i + n - 1 < CURRENT )) || break  # its value is being typed",
        "        words[i,i+n-1]=()",
        "        (( CURRENT -= n ))",
        "    done",
    ]


def _zsh_the_commands_options_before_one() -> list[str]:
    """Lines that offer, where no command is given yet and an option typed starts none of reader's
    own, the commands' options it starts, which the CLI takes before the command too (`reader
    --lim<Tab>`: --limit; it offered nothing)."""
    return [
        "    if [[ -z $at && $PREFIX == --?* ]] && (( ! compstate[nmatches] )); then",
        "        local -a theirs=(${(M)theirs_valued:#${(b)PREFIX}*} ${(M)theirs_plain:#${(b)PREFIX}*})",
        "        compadd -J options -X 'option of a command (before it, as after it)' -a theirs",
        "    fi",
    ]


def _zsh_abbreviations(base: str) -> str:
    """The functions that read an option as the CLI reads an abbreviation of it."""
    return f"""# The whole name (REPLY; `=` after one that takes a value) of the one option of $1 (_option_groups)
# that $2 names or, from `--`, starts (--col: --color or --colour, one option); else returns 1.
{base}_spelled_out() {{
    local group
    local -a names hits
    for group in ${{(s: :)1}}; do
        names=(${{(s:|:)group%=}})
        if (( ${{names[(Ie)$2]}} )); then
            hits=($group)
            break
        fi
        [[ $2 == --?* && -n ${{(M)names:#${{(b)2}}*}} ]] && hits+=($group)
    done
    (( $#hits == 1 )) || return 1
    names=(${{(s:|:)hits[1]%=}})
    REPLY=$names[1]
    [[ $hits[1] == *= ]] && REPLY+==
}}

# Whether $1 is, or from `--` starts, commands' options that all take a value (REPLY=2) or all
# none (REPLY=1): the CLI moves it after the command, with its value; else returns 1.
{base}_agreeing() {{
    local -a valued=(${{(M)theirs_valued:#${{(b)1}}}}) plain=(${{(M)theirs_plain:#${{(b)1}}}})
    if [[ $1 == --?* && -z $valued$plain ]]; then
        valued=(${{(M)theirs_valued:#${{(b)1}}*}}) plain=(${{(M)theirs_plain:#${{(b)1}}*}})
    fi
    if (( $#valued && ! $#plain )); then REPLY=2
    elif (( $#plain && ! $#valued )); then REPLY=1
    else return 1
    fi
}}"""


def _zsh_values(base: str) -> str:
    """The functions that offer the corpus's article ids (and files), outlet names and story ids,
    and the subscribed feeds, asked of `reader --complete-values` with the --corpus and --index
    of the line."""
    return f"""{base}_corpus_values() {{
    local -a args
    local i
    for (( i = 2; i <= ${{#{base}_line}}; i++ )); do
        case ${{{base}_line[i]}} in
            --corpus|--index) args+=(${{{base}_line[i]}} ${{(Q){base}_line[i+1]}}); (( i++ )) ;;
            --corpus=*|--index=*) args+=(${{(Q){base}_line[i]}}) ;;
            --follow-links) args+=(--follow-links) ;;
        esac
    done
    {base}_found=(${{(f)"$(${{(Q){base}_line[1]}} --complete-values $1 $args 2>/dev/null)"}})
}}

{base}_articles() {{
    local -a {base}_found
    {base}_corpus_values articles
    _alternative 'ids:article id:compadd -a {base}_found' 'files:file:_files'
}}

# compare's A: an article id, a story id (two of its versions) or a file.
{base}_sides() {{
    local -a {base}_found
    {base}_corpus_values sides
    _alternative 'ids:article or story id:compadd -a {base}_found' 'files:file:_files'
}}

# The values ($1: outlets, stories, feeds) described as $2.
{base}_values() {{
    local -a {base}_found expl
    {base}_corpus_values $1
    _wanted $1 expl $2 compadd -a {base}_found
}}"""


# -- fish -------------------------------------------------------------------------------------------


_FISH_VALUES = {"article": "articles", "side": "sides", "outlet": "outlets", "story": "stories", "feed": "feeds"}


def _fish_option(option: Option, fn: str) -> str:
    """fish's `complete` flags for one option: its names, and what its value completes to."""
    parts = []
    for flag in option.flags:
        if flag.startswith("--"):
            parts.append(f"-l {_fish_word(flag[2:])}")
        elif len(flag) == 2:
            parts.append(f"-s {_fish_word(flag[1:])}")
        else:
            parts.append(f"-o {_fish_word(flag[1:])}")
    if option.takes_value:
        if option.choices:
            parts.append(f"-x -a {_fish_word(' '.join(option.choices))}")
        elif option.kind == "dir":
            parts.append("-x -a '(__fish_complete_directories (commandline -ct))'")
        elif option.kind == "file":
            parts.append("-r -F")
        elif option.kind in _FISH_VALUES:
            parts.append(f"-x -a '({fn}_corpus_values {_FISH_VALUES[option.kind]})'")
        else:
            parts.append("-x")
    return " ".join(parts)


def _fish(tree: Command, prog: str) -> str:
    fn = "__" + re.sub(r"\W", "_", prog)
    commands, valued, groups = [], [], []
    their_valued, their_plain = _options_of_the_commands(tree)
    where_valued, where_plain = _where_words(tree)
    own_flags = [flag for option in tree.options for flag in option.flags if flag.startswith("--")]
    for command in tree.walk():
        key = " ".join((prog, *command.path))
        if command.options:
            groups.append(f"        case {_fish_word(key)}\n            echo {_fish_word(_option_groups(command))}")
        if command.commands:
            commands.append(
                f"        case {_fish_word(key)}\n            printf '%s\\n' "
                + " ".join(_fish_word(c) for c in command.commands)
            )
        if command.valued_flags():
            valued.append(
                f"        case {_fish_word(key)}\n            printf '%s\\n' "
                + " ".join(_fish_word(f) for f in command.valued_flags())
            )
    out = [
        f"# fish completion for {prog}; generated by `{prog} completion fish`.",
        f"function {fn}_commands",
        "    switch $argv[1]",
        *commands,
        "    end",
        "end",
        f"function {fn}_valued",
        "    switch $argv[1]",
        *valued,
        "    end",
        "end",
        f"function {fn}_groups",
        "    switch $argv[1]",
        *groups,
        "    end",
        "end",
        "# The option $argv[2] names (perhaps abbreviated: --lim) under the command path $argv[1], read as",
        "# the CLI reads it: prints the whole name of the one option it names or, from `--`, starts (--col:",
        "# --color or --colour, one option), and returns 0 when that takes a value; else, where a command",
        "# is still to come, the commands' options it is or starts (the CLI takes them before the command),",
        "# all of which take a value (0) or none does (1); 2 when it is none of these.",
        f"function {fn}_option",
        "    set -l word (string split -m1 = -- $argv[2])[1]",
        "    set -l hits",
        f'    for group in (string split " " -- ({fn}_groups "$argv[1]"))',
        "        set -l names (string split '|' -- (string trim -r -c = -- $group))",
        "        if contains -- $word $names",
        "            set hits $group",
        "            break",
        "        end",
        "        if string match -q -- '--?*' $word; and string match -q -- \"$word*\" $names",
        "            set hits $hits $group",
        "        end",
        "    end",
        "    if test (count $hits) = 1",
        "        string split '|' -- (string trim -r -c = -- $hits[1])[1] | head -n 1",
        "        string match -q -- '*=' $hits[1]; and return 0; or return 1",
        "    end",
        f'    test -n "$({fn}_commands "$argv[1]")"; or return 2',
        f"    set -l valued (string match -- $word {_words(map(_fish_word, their_valued))})",
        f"    set -l plain (string match -- $word {_words(map(_fish_word, their_plain))})",
        "    if test -z \"$valued$plain\"; and string match -q -- '--?*' $word",
        f'        set valued (string match -- "$word*" {_words(map(_fish_word, their_valued))})',
        f'        set plain (string match -- "$word*" {_words(map(_fish_word, their_plain))})',
        "    end",
        '    test -n "$valued"; and test -z "$plain"; and return 0',
        '    test -n "$plain"; and test -z "$valued"; and return 1',
        "    return 2",
        "end",
        "# The whole name of an abbreviated option being given a value (`search --so <Tab>`: --sort).",
        f"function {fn}_abbreviated",
        "    set -l tokens (commandline -opc)",
        "    string match -q -- '--?*' $tokens[-1]; or return 1",
        f"    set -l name ({fn}_option ({fn}_path) $tokens[-1]); or return 1",
        '    test -n "$name"; and test "$name" != $tokens[-1]; or return 1',
        "    echo $name",
        "end",
        "# Its values: as its whole name's.",
        f"function {fn}_abbreviated_values",
        "    set -l tokens (commandline -opc)",
        f"    set -l name ({fn}_abbreviated); or return",
        "    complete -C (string join ' ' -- (string escape -- $tokens[1..-2] $name) '')(commandline -ct)",
        "end",
        '# The command path so far ("reader", "reader feed add"), skipping options and their values.',
        f"function {fn}_path",
        "    set -l tokens (commandline -opc)",
        "    set -l path $tokens[1]",
        "    set -l skip 0",
        "    for token in $tokens[2..-1]",
        "        if test $skip = 1",
        "            set skip 0",
        "            continue",
        "        end",
        "        if string match -q -- '-*' $token",
        f'            if not string match -q -- "*=*" $token; and {fn}_option "$path" $token >/dev/null',
        "                set skip 1",
        "            end",
        f'        else if contains -- $token ({fn}_commands "$path")',
        '            set path "$path $token"',
        "        end",
        "    end",
        "    echo $path",
        "end",
        "# How many positional arguments follow the command path (compare's A, then B; - is one).",
        f"function {fn}_given",
        "    set -l tokens (commandline -opc)",
        "    set -l path $tokens[1]",
        "    set -l skip 0",
        "    set -l given 0",
        "    for token in $tokens[2..-1]",
        "        if test $skip = 1",
        "            set skip 0",
        "            continue",
        "        end",
        "        if string match -q -- '-?*' $token",
        f'            if not string match -q -- "*=*" $token; and {fn}_option "$path" $token >/dev/null',
        "                set skip 1",
        "            end",
        f'        else if contains -- $token ({fn}_commands "$path")',
        '            set path "$path $token"',
        "            set given 0",
        "        else",
        "            set given (math $given + 1)",
        "        end",
        "    end",
        "    echo $given",
        "end",
        "# The corpus's article ids or outlet names ($argv[1]), asked of reader with the line's --corpus and --index.",
        f"function {fn}_corpus_values",
        "    set -l tokens (commandline -opc)",
        "    set -l args",
        "    set -l i 2",
        "    while test $i -le (count $tokens)",
        "        switch $tokens[$i]",
        f"            case {' '.join(where_valued)}",
        "                set i (math $i + 1)",
        "                test $i -le (count $tokens); and set args $args $tokens[(math $i - 1)] $tokens[$i]",
        f"            case {' '.join(_fish_word(word + '=*') for word in where_valued)} {' '.join(where_plain)}",
        "                set args $args $tokens[$i]",
        "        end",
        "        set i (math $i + 1)",
        "    end",
        "    $tokens[1] --complete-values $argv[1] $args 2>/dev/null",
        "end",
        "# Whether the option being typed, where no command is given yet, starts none of reader's own:",
        "# then the commands' options are offered, which the CLI takes before the command too (--lim).",
        f"function {fn}_theirs_wanted",
        "    set -l typed (commandline -ct)",
        "    string match -q -- '--?*' $typed; or return 1",
        f"    test ({fn}_path) = {_fish_word(prog)}; or return 1",
        f'    not string match -q -- "$typed*" {_words(map(_fish_word, own_flags))}',
        "end",
        f"complete -c {prog} -f",
        f"complete -c {prog} -n '{fn}_abbreviated >/dev/null' -a '({fn}_abbreviated_values)'",
        *(
            f"complete -c {prog} -n {fn}_theirs_wanted -l {_fish_word(flag[2:])}{' -x' if flag in their_valued else ''}"
            " -d 'option of a command (before it, as after it)'"
            for flag in sorted([*their_valued, *their_plain])
            if flag.startswith("--")
        ),
    ]
    for command in tree.walk():
        key = " ".join((prog, *command.path))
        when = f"-n {_fish_word(f'test ({fn}_path) = {_fish_word(key)}')}"
        for sub, child in command.commands.items():
            out.append(f"complete -c {prog} {when} -a {_fish_word(sub)} -d {_fish_word(child.help)}")
        for option in command.options:
            out.append(f"complete -c {prog} {when} {_fish_option(option, fn)} -d {_fish_word(option.help)}")
        if not command.commands:
            for number, spec in _positional_specs(command):
                test = f"test ({fn}_path) = {_fish_word(key)}"
                if number is not None:  # this position only (compare's A, not its B)
                    test += f"; and test ({fn}_given) = {number}"
                line = _fish_positional(spec, fn)
                if line:
                    out.append(f"complete -c {prog} -n {_fish_word(test)} {line}")
    return "\n".join(out) + "\n"


def _fish_positional(spec: str, fn: str) -> str:
    """fish's `complete` flags offering what `spec` (_positional_specs) names."""
    if spec == "@file":
        return "-F"
    if spec in ("@article", "@side"):
        return f"-F -a '({fn}_corpus_values {_FISH_VALUES[spec[1:]]})'"
    if spec == "@dir":
        return "-a '(__fish_complete_directories (commandline -ct))'"
    if spec == "@feed":
        return f"-a '({fn}_corpus_values feeds)'"
    if spec and not spec.startswith("@"):
        return f"-a {_fish_word(spec)}"
    return ""
