"""The README names everything a user can type: every command, every option and every key of the
app. These pin it, so that a new option or binding cannot ship undocumented."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from reader.cli import build_parser
from reader.completion import Command, command_tree
from reader.tui.keymap import all_bindings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
# The "Using it" block: one line per command, as a user first reads them.
USAGE = README.split("## Using it", 1)[1].split("```sh", 1)[1].split("```", 1)[0]


def commands(node: Command):
    yield node
    for sub in node.commands.values():
        yield from commands(sub)


def test_every_command_is_in_the_usage_block():
    for command in commands(command_tree(build_parser())):
        if command.path:
            assert re.search(rf"\breader {' '.join(command.path)}\b|\| {' '.join(command.path)}\b", USAGE), (
                f"reader {' '.join(command.path)} is missing from README's 'Using it' block"
            )


def test_every_option_is_in_the_readme():
    missing = set()
    for command in commands(command_tree(build_parser())):
        for option in command.options:
            long = [flag for flag in option.flags if flag.startswith("--") and flag != "--help"]
            if long and not any(re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", README) for flag in long):
                missing.add(f"{' '.join(('reader', *command.path))} {long[0]}")
    assert not missing, f"options the README never names: {sorted(missing)}"


def test_every_choice_of_an_option_is_in_the_readme():
    parser = build_parser()
    pending: list[argparse.ArgumentParser] = [parser]
    while pending:
        for action in pending.pop()._actions:
            if isinstance(action, argparse._SubParsersAction):
                pending.extend(action.choices.values())
            elif action.option_strings and action.choices:
                for choice in action.choices:
                    assert str(choice) in README, f"{action.option_strings[0]} {choice} is not in the README"


# How the README spells keys whose binding names them by a word.
_SPELLED = {"escape": "Escape", "enter": "Enter", "down": "↓", "up": "↑", "space": "space", "question_mark": "?"}


def test_every_key_binding_is_in_the_readme():
    """Each binding's keys appear in the README (as `k`, or Enter, Escape, ↓...)."""
    missing = []
    for binding in all_bindings():
        for key in binding.key.split(","):
            shown = binding.key_display if binding.key_display and "," not in binding.key else key
            spelled = _SPELLED.get(key, shown)
            if f"`{spelled}`" not in README and not (spelled in _SPELLED.values() and spelled in README):
                missing.append(f"{binding.id}: {spelled}")
    assert not missing, f"key bindings the README never names: {missing}"


def _readme_keys(start: str) -> set[str]:
    """The JSON keys the README lists in the backquoted span that starts with `start`."""
    at = README.index(start)
    span = README[at : README.index("`", at + len(start))]
    return set(re.findall(r'"(\w+)"', span))


def test_fetch_json_fields_are_the_readmes():
    from reader.fetch.run import FeedResult, FetchReport
    from reader.fetch.store import Saved

    top = set(FetchReport().to_dict())
    feed = set(FeedResult("u", None, "ok").to_dict())
    article = set(Saved("a", Path("a.md"), "u", None, None, 1, None).to_dict())
    failed = {"url", "reason"}
    assert top | feed | article | failed == _readme_keys('`{"new", "updated",'), (
        "README's `reader fetch --json` fields differ from the report's"
    )


def test_index_json_fields_are_the_readmes():
    from reader.index.state import IndexReport

    report = IndexReport(notice="n", cancelled=True, moved_from=["/old"])
    assert set(report.to_dict()) | {"comparisons"} == _readme_keys('`{"indexed", "updated",'), (
        "README's `reader index --json` fields differ from the report's"
    )


def test_index_json_comparisons_fields_are_the_readmes():
    from dataclasses import fields

    from reader.analysis.prepare import PrepareReport

    at = README.index("reports the pass under `comparisons` (")
    listed = README[at : README.index(";", at)].split("(", 1)[1]
    documented = {word.strip() for word in listed.replace("\n", " ").split(",")}
    assert {f.name for f in fields(PrepareReport)} == documented


def test_every_query_field_is_named_in_the_readme_the_search_help_and_the_help_screen():
    from reader.commands.search import QUERY_HELP
    from reader.index.query_check import FIELD_NAMES
    from reader.tui.screens.help import QUERY_LANGUAGE

    screen = " ".join(f"{example} {meaning}" for example, meaning in QUERY_LANGUAGE)
    for name in FIELD_NAMES:
        assert f"`{name}:" in README, f"README's search queries never name {name}:"
        assert name in QUERY_HELP, f"reader search --help never names {name}"
        assert f"{name}:" in screen, f"the help screen's query language never names {name}:"
