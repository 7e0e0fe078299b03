"""`reader` command line: global options, subcommand dispatch, honest exit codes."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from reader import __version__
from reader.commands.common import CommandError

# Each module defines register(subparsers) and sets `run=callable(args) -> int` as a default.
COMMAND_MODULES = [
    "reader.commands.articles",  # list, show
    "reader.commands.index",  # index
    "reader.commands.search",  # search
    "reader.commands.quotes",  # quotes
    "reader.commands.stories",  # stories
    "reader.commands.compare",  # compare
    "reader.commands.coverage",  # coverage
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read news in the terminal and compare how outlets tell the same story. "
        "With no command, opens the terminal app.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        metavar="DIR",
        help="corpus folder (repeatable; default: the corpus in your config, else the bundled seeds)",
    )
    parser.add_argument(
        "--index",
        type=Path,
        metavar="DIR",
        help="index folder (default: one per corpus in your cache dir)",
    )
    parser.add_argument(
        "--follow-links",
        action="store_true",
        help="also follow symbolic links that lead out of the corpus folders (default: report them)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from reader.tui.launch import run_app

            return run_app(args)
        return int(args.run(args) or 0)
    except CommandError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return exc.code
    except Exception as exc:
        from reader.index import IndexFailure, IndexLocationError
        from reader.library import ArticleNotFound

        if isinstance(exc, ArticleNotFound):
            print(f"reader: {exc}", file=sys.stderr)
            return 1
        if isinstance(exc, IndexLocationError):
            print(f"reader: {exc}", file=sys.stderr)
            return 2
        if isinstance(exc, IndexFailure):
            print(f"reader: {exc}", file=sys.stderr)
            return 1
        raise
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `reader list | head`: not an error worth a traceback.
        sys.stderr.close()
        return 141
