"""`reader completion bash|zsh|fish`: print a shell completion script (see reader.completion)."""

from __future__ import annotations

import sys

INSTALL = """\
install it once (each line makes its folder first: a new account has none of them):
  bash  mkdir -p ~/.local/share/bash-completion/completions && reader completion bash > ~/.local/share/bash-completion/completions/reader
        (or add  eval "$(reader completion bash)"  to ~/.bashrc)
  zsh   mkdir -p ~/.zfunc && reader completion zsh > ~/.zfunc/_reader
        (with  fpath=(~/.zfunc $fpath); autoload -U compinit; compinit  in ~/.zshrc)
  fish  mkdir -p ~/.config/fish/completions && reader completion fish > ~/.config/fish/completions/reader.fish
"""


def register(subparsers) -> None:
    from reader.completion import SHELLS

    parser = subparsers.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, fish)",
        description="Print the completion script for your shell: commands, options, their "
        "values, folders and files complete with Tab. It is generated from reader's own options.",
        epilog=INSTALL,
    )
    # Named SHELL as the other commands name theirs (ARTICLE, QUERY): a missing one was "the
    # following arguments are required: shell"; the usage still lists the choices.
    parser.add_argument("SHELL", choices=SHELLS, help="the shell: " + ", ".join(SHELLS))
    # The script is the same whatever the corpus, index or colour: --corpus & co. after
    # `completion` are no options of its (its --help listed them).
    parser.takes_global_options = False
    parser.set_defaults(run=run)


def run(args) -> int:
    from reader.completion import generate

    # The whole command line's parser, handed down by reader.cli (importing it here was a cycle).
    sys.stdout.write(generate(args.SHELL, args.root_parser))
    return 0
