"""The README names everything a user can type: every command, every option and every key of the
app. These pin it, so that a new option or binding cannot ship undocumented."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import build_parser
from reader.completion import Command, command_tree
from reader.tui.keymap import all_bindings, with_keys

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


def test_the_commands_the_readme_says_take_no_json_are_the_ones_without_it():
    """README said every command but `completion` takes `--json`; `feed export` (OPML) takes none."""
    sentence = next(line for line in README.splitlines() if "takes `--json` for scripts" in line)
    named = set(re.findall(r"`([^`]+)`", sentence.split("takes `--json`", 1)[0]))
    without = {
        " ".join(command.path)
        for command in commands(command_tree(build_parser()))
        if command.path and not command.commands and not any("--json" in o.flags for o in command.options)
    }
    assert named == without


def test_the_usage_says_where_the_reader_command_is_after_the_install(tmp_path):
    """The install puts `reader` in .venv/bin, which is on no PATH: a newcomer who typed the
    first line of "Using it" got "reader: command not found". The README says how to reach it,
    and that way works (the venv these tests run in, when it is one)."""
    intro = README.split("## Using it", 1)[1].split("```sh", 1)[0]
    assert "`.venv/bin/reader`" in intro and "`. .venv/bin/activate`" in intro
    activate = Path(sys.prefix) / "bin" / "activate"
    if sys.prefix == sys.base_prefix or not activate.is_file():
        pytest.skip("not running in a venv")
    found = subprocess.run(
        ["bash", "-c", f'. "{activate}" && command -v reader'],
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert found.stdout.strip() == str(Path(sys.prefix) / "bin" / "reader")


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
    from reader.fetch.http import FAILURE_KINDS
    from reader.fetch.run import Failure, FeedResult, FetchReport
    from reader.fetch.store import Saved

    top = set(FetchReport().to_dict()) | set(FetchReport().to_dict()["stopped"])
    feed = set(FeedResult("u", None, "ok").to_dict())
    (record,) = FetchReport(articles=[Saved("a", Path("a.md"), "u", None, None, 1, None)]).to_dict()["articles"]
    article = set(record)
    failed = set(Failure("u", "r", "http", 404).to_dict())
    assert top | feed | article | failed == _readme_keys('`{"new", "updated",'), (
        "README's `reader fetch --json` fields differ from the report's"
    )
    fetching = README.split("**Fetching.**", 1)[1].split("**Storage.**", 1)[0]
    assert [kind for kind in FAILURE_KINDS if f"`{kind}`" not in fetching] == [], "a failure kind the README omits"


def test_index_json_fields_are_the_readmes():
    from reader.index.state import IndexReport

    report = IndexReport(notice="n", cancelled=True, moved_from=["/old"])
    added_by_the_command = {"comparisons", "unread_files", "kinds", "capped"}  # reader/commands/index.py
    assert set(report.to_dict()) | added_by_the_command == _readme_keys('`{"indexed", "updated",'), (
        "README's `reader index --json` fields differ from the report's"
    )


def test_index_json_comparisons_fields_are_the_readmes():
    from dataclasses import fields

    from reader.analysis.prepare import PrepareReport

    at = README.index("reports the pass under `comparisons` (")
    listed = README[at : README.index(";", at)].split("(", 1)[1]
    documented = [word.strip() for word in listed.replace("\n", " ").split(",")]
    assert [f.name for f in fields(PrepareReport)] == documented  # in the order the JSON has them


def test_every_query_field_is_named_in_the_readme_the_search_help_and_the_help_screen():
    from reader.commands.search import QUERY_HELP
    from reader.index.query_check import FIELD_NAMES
    from reader.tui.screens.help import QUERY_LANGUAGE

    screen = " ".join(f"{example} {meaning}" for example, meaning in QUERY_LANGUAGE)
    for name in FIELD_NAMES:
        assert f"`{name}:" in README, f"README's search queries never name {name}:"
        assert name in QUERY_HELP, f"reader search --help never names {name}"
        assert f"{name}:" in screen, f"the help screen's query language never names {name}:"


# Keys whose values are keyed by data (outlet names, binding ids, folders), not by reader.
_DATA_KEYED = {"articles", "dates", "times", "keymap", "leanings", "corpus_problems"}


def _keys(data, found: set[str]) -> set[str]:
    """Every key of every object in `data`, the objects under _DATA_KEYED read one level down."""
    if isinstance(data, list):
        for item in data:
            _keys(item, found)
    elif isinstance(data, dict):
        for key, value in data.items():
            found.add(key)
            if key in _DATA_KEYED and isinstance(value, dict):
                for inner in value.values():
                    _keys(inner if isinstance(inner, dict) else [], found)
            else:
                _keys(value, found)
    return found


def _json_row(command: str) -> set[str]:
    """The keys README's "What `--json` prints" table lists for `reader COMMAND`."""
    return set(_json_row_in_order(command))


def _json_row_in_order(command: str) -> list[str]:
    table = README.split("### What `--json` prints", 1)[1].split("\n\n", 2)[2]
    row = next(line for line in table.splitlines() if line.startswith(f"| `reader {command}` |"))
    shape = row.split("|")[2].split("`")[1]  # the first backquoted span: the words after it explain
    return re.findall(r'"(\w+)"', shape)


def _objects(data):
    """Every object in `data`, those under _DATA_KEYED (keyed by data, not by name) left out."""
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        for key, value in data.items():
            if key not in _DATA_KEYED:
                yield from _objects(value)


def _in_order(keys: list[str], documented: list[str]) -> bool:
    """Whether `keys` come in the order README lists them (a subsequence of its row)."""
    listed = iter(documented)
    return all(key in listed for key in keys)


def test_every_json_key_of_the_reading_commands_is_in_the_readme(tmp_path, capsys, isolated_dirs):
    """Each command's `--json` against its README row, both ways: a key added, renamed or
    dropped in one and not the other fails here."""
    import json

    from reader.cli import main

    corpus = tmp_path / "news"
    corpus.mkdir()
    body = 'The council approved the budget on Tuesday. "We did it," the mayor said after the vote.\n'
    (corpus / "a.md").write_text(f"---\ntitle: Budget\noutlet: BBC\ndate: 2024-03-05\n---\n\n{body}", encoding="utf-8")
    (corpus / "b.md").write_text(f"---\ntitle: Vote\noutlet: CNN\ndate: 2024-03-05\n---\n\n{body}", encoding="utf-8")

    def printed(*argv):
        assert main(["--corpus", str(corpus), *argv, "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    printed("index", "--no-prepare")
    compared = printed("compare", "a", "b")
    runs = {
        "list": printed("list"),
        "show": printed("show", "a"),
        "search": printed("search", "budget"),
        "stories": printed("stories"),
        "quotes": printed("quotes", "a"),
        "coverage": printed("coverage"),
        "config": printed("config"),
        # Its sides: the findings have their own paragraphs.
        "compare": {"left": compared["left"], "right": compared["right"]},
    }
    for command, data in runs.items():
        assert _keys(data, set()) == _json_row(command), f"reader {command} --json differs from README's row"
        # in README's order too: a reader of the JSON and of the table sees the same object
        for shown in _objects(data):
            assert _in_order(list(shown), _json_row_in_order(command)), f"reader {command} --json: {list(shown)}"


def test_the_version_s_json_is_its_readme_row(capsys):
    """`reader --version --json` against its row of README's "What `--json` prints" table."""
    import json

    from reader.cli import main

    with pytest.raises(SystemExit) as stopped:  # as argparse's own --version
        main(["--version", "--json"])
    assert stopped.value.code == 0
    assert list(json.loads(capsys.readouterr().out)) == _json_row_in_order("--version")


def test_every_command_s_help_ends_with_examples_that_parse(capsys):
    """As git's and ripgrep's do: a newcomer's first lines to type, at the end of every command's
    --help (`completion`'s are its install lines, tested by themselves: it ended with its exit
    status, README saying every help ends with examples); each is a command reader takes."""
    import shlex

    from reader.cli import EXAMPLES

    parser = build_parser()
    for command in commands(command_tree(parser)):
        name = " ".join(command.path) or "reader"
        argv = [*command.path, "--help"] if command.path else ["--help"]
        try:
            build_parser().parse_args(argv)
        except SystemExit:
            pass
        shown = capsys.readouterr().out
        assert shown.rstrip("\n").rsplit("\n\n", 1)[1].startswith("examples:\n"), f"`reader {name} --help`"
        if name == "completion":
            continue
        assert EXAMPLES.get(name), f"`reader {name} --help` shows no examples"
        assert all(f"  {line}\n" in shown for line in EXAMPLES[name])
        for line in EXAMPLES[name]:
            assert len(line) <= 78, f"wider than 80 columns: {line}"
            if not line.startswith("reader"):
                continue
            words = shlex.split(re.split(r"\s+#\s|\s[|<>]\s", line)[0])  # a pipe or a redirection: shell
            assert words[: 1 + len(command.path)] == ["reader", *command.path], line
            build_parser().parse_args(words[1:])  # exits (2) on an example reader would refuse


def test_the_readmes_synopsis_names_each_options_value_as_its_help_does():
    """README's `reader search ... [--story ID]` and `reader search --help`'s `--story S` named
    one value two ways: each `--option VALUE` of the synopsis is the help's metavar."""
    synopsis = README.split("## Using it", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    from reader.cli import _commands_below

    parser = build_parser()
    commands_by_name = {command.prog.removeprefix("reader "): command for command in _commands_below(parser)}
    checked = 0
    for line in synopsis.splitlines():
        for part in re.split(r" \| (?=\w)", line.split(" # ", 1)[0]):
            words = part.strip().removeprefix("reader").split()
            path = []
            while words and " ".join([*path, words[0]]) in commands_by_name:
                path.append(words.pop(0))
            command = commands_by_name[" ".join(path)] if path else parser
            for option, value in re.findall(r"(--[\w-]+) ([A-Z][A-Z_]*)\b", " ".join(words)):
                action = command._option_string_actions[option]
                assert action.metavar == value, f"README: reader {' '.join(path)} {option} {value}"
                checked += 1
    assert checked >= 8


def _readme_key_row(key: str) -> str:
    """The README's row of the comparison's key table that starts with `key`."""
    return next(line for line in README.splitlines() if line.startswith(f"| {key} |"))


def test_the_compare_help_and_readme_name_every_kind_of_difference():
    """`]` said "a sentence one outlet alone reports, an altered or censored quote, a figure,
    framing": a shortened quote, a sentence possibly told or told elsewhere were differences it
    never named. A new kind of difference fails here until the help and the README name it."""
    from reader.analysis.compare_layout import _MARK_REASONS, MOVED, ONLY, POSSIBLE

    words = {
        ONLY: "alone",
        POSSIBLE: "possibly",
        MOVED: "elsewhere",
        "figure": "figure",
        "altered": "altered",
        "fragment": "shortened",
        "censored": "censored",
        "framing": "framing",
    }
    assert set(words) == {ONLY, POSSIBLE, MOVED} | {kind for kind, _ in _MARK_REASONS}
    (binding,) = [b for b in all_bindings() if b.id == "compare.next_difference"]
    readme_visits = README.split("A row `]` / `[` visits shows why", 1)[1].split("\n\n", 1)[0]
    for kind, word in words.items():
        assert word in (binding.tooltip or ""), f"the help's ] never names {kind}"
    for kind in ("altered", "fragment", "censored", "figure", "framing"):
        assert words[kind] in readme_visits, f"README never says ] visits {kind}"


def test_the_compare_readme_and_help_say_what_t_visits_and_where_p_goes():
    """What t cycles through and the marks p goes from, as the screen has them."""
    from reader.analysis.compare_layout import GUTTER, MOVED, ONLY, POSSIBLE, VISITS
    from reader.analysis.compare_terms import LEGEND

    assert VISITS == ("differences", "links", ONLY, POSSIBLE, MOVED)  # the rows below say this order
    (visit,) = [b for b in all_bindings() if b.id == "compare.visit"]
    (partner,) = [b for b in all_bindings() if b.id == "compare.partner"]
    t_row, p_row = _readme_key_row("`t`"), _readme_key_row("`p`")
    for status in (ONLY, POSSIBLE, MOVED):
        mark = GUTTER[status].strip()
        assert f"(`{mark}`)" in t_row and f"({mark})" in (visit.tooltip or "")
    assert "linked rows" in t_row and "links" in (visit.tooltip or "")
    # p: from ~ and ?, and from a linked row whose sentences are linked to other rows too.
    for text in (p_row, partner.tooltip or ""):
        assert "~" in text and "?" in text and "linked row" in text, text
    # ~ and ? name the sentence they point at (by its first words), and p goes there.
    legend = {mark: with_keys(None, meaning) for mark, meaning in LEGEND}
    for mark in ("~", "?"):
        row = _readme_key_row(f"`{mark}`")
        assert "named" in legend[mark] and "p goes there" in legend[mark]
        assert "named by its first words" in row and "`p` goes there" in row


def test_the_readme_gutter_table_is_the_help_screens_legend():
    """The README's gutter table said what the help screen's legend says, in other words (two
    texts to keep true): it is the legend, row for row, with the default keys."""
    from reader.analysis.compare_terms import LEGEND

    table = README.split("| mark | meaning |\n|---|---|\n", 1)[1].split("\n\n", 1)[0].splitlines()
    expected = []
    for mark, meaning in LEGEND:
        shown = mark if mark.startswith("(") or mark.isalpha() else f"`{mark}`"
        keyed = re.sub(r"\{([a-z_.]+)\}", lambda m: f"`{with_keys(None, m.group(0))}`", meaning)
        expected.append(f"| {shown} | {keyed} |")
    assert table == expected


def test_the_compare_help_names_every_part_of_the_comparison():
    """`reader compare --help` lists what the comparison prints: it left out the words each link
    shares and the sentences possibly told by both, which the text and the Markdown print."""
    help_text = " ".join(build_parser()._subparsers._group_actions[0].choices["compare"].description.split())
    for part in (
        "headlines",
        "aligned sentences",
        "words both share",
        "only one side has",
        "possibly told by both",
        "shared quotations (exact, fragment, censored, altered)",
        "name variants",
        "differing figures",
        "framing",
    ):
        assert part in help_text, part


def test_the_readme_says_what_the_version_picker_lists():
    row = _readme_key_row("`o` / `O`")
    assert "same story first, marked `●`" in row and "type to filter" in row


def _help_screen_bindings():
    """Every binding a help screen lists: reader's, and those of Textual's App and Screen classes
    that the app and its screens inherit (binding_rows shows them under the screen's section)."""
    from textual.binding import Binding

    from reader.tui.app import ReaderApp
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.screens.coverage import CoverageScreen
    from reader.tui.screens.help import HelpScreen
    from reader.tui.screens.main import MainScreen
    from reader.tui.widgets.compare_dialogs import ExportPrompt, VersionPicker

    shown = list(all_bindings())
    for cls in (ReaderApp, MainScreen, CoverageScreen, CompareScreen, HelpScreen, VersionPicker, ExportPrompt):
        for base in cls.__mro__:
            shown += [b for b in vars(base).get("BINDINGS", ()) if isinstance(b, Binding) and not b.system]
    return shown


def _readme_key_table_keys() -> list[str]:
    """The keys of the first column of the app's key tables (the main screen's, the comparison's),
    as bindings name them: `/` is slash, Escape escape."""
    from textual.keys import _character_to_key

    section = README.split("## The terminal app", 1)[1].split("\n## ", 1)[0]
    # Each table starts with its header row and its rule (`|---|---|`, `| --- | :--- |`, ...).
    tables = re.split(r"^\| *key *\| *what it does *\| *\n\|(?: *:?-+:? *\|){2} *\n", section, flags=re.M)[1:]
    assert len(tables) == 2, "the main screen's and the comparison's key tables"
    keys = []
    for table in tables:
        for row in table.split("\n\n", 1)[0].splitlines():
            cell = row.split(" | ", 1)[0].removeprefix("| ")
            for quoted, word in re.findall(r"`([^`]+)`|\b(Escape|Enter|Tab)\b", cell):
                key = word.lower() if word else quoted
                keys.append(_character_to_key(key) if len(key) == 1 and not key.isalnum() else key)
    return keys


def test_every_key_the_help_screen_lists_is_in_the_readme():
    """The help screen lists Textual's keys too (ctrl+q quits, tab and shift+tab move the focus,
    ctrl+c or super+c copy): README's key tables left out ctrl+q, super+c and shift+tab."""
    table_keys = set(_readme_key_table_keys())
    missing = {
        f"{binding.description or binding.action}: {key}"
        for binding in _help_screen_bindings()
        if not binding.id  # reader's own: test_every_key_binding_is_in_the_readme
        for key in binding.key.split(",")
        if key not in table_keys
    }
    assert not missing, f"keys the help screen lists that README's key tables never name: {sorted(missing)}"


def test_every_key_in_the_readmes_key_tables_is_bound():
    """The reverse: a key README's tables name (a key removed or renamed in the app) is a binding."""
    bound = {key for binding in _help_screen_bindings() for key in binding.key.split(",")}
    table_keys = _readme_key_table_keys()
    assert len(table_keys) >= 30
    assert not [key for key in table_keys if key not in bound]


def test_the_readmes_config_and_the_example_name_the_settings_the_loader_knows():
    """README's config.yaml block and the shipped example hold every key `reader config` knows,
    and no other (a key the loader dropped would be warned about as unknown)."""
    from reader.commands.config import EXAMPLE
    from reader.config_check import KNOWN_KEYS

    block = README.split("## Configuration", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert sorted(re.findall(r"^(\w+):", block, re.M)) == sorted(KNOWN_KEYS)  # in any order, each once
    example = EXAMPLE.read_text(encoding="utf-8")
    assert sorted(set(re.findall(r"^# ([a-z_]+):", example, re.M))) == sorted(KNOWN_KEYS)


def test_the_readme_names_the_commands_whose_help_lists_their_exit_statuses(capsys):
    """README: "`list`, `search`, ... and `fetch` also list what their exit statuses mean there"."""
    sentence = README.split("ends with examples to start from;", 1)[1].split("also list", 1)[0]
    named = set(re.findall(r"`([a-z ]+)`", sentence))
    listing = set()
    for command in commands(command_tree(build_parser())):
        if not command.path:
            continue  # `reader --help` states the rule for every command
        try:
            build_parser().parse_args([*command.path, "--help"])
        except SystemExit:
            pass
        if "exit status" in capsys.readouterr().out:
            listing.add(" ".join(command.path))
    assert len(named) >= 3, sentence  # two empty sets are equal too
    assert named == listing, sentence


def test_the_readme_names_every_file_suffix_the_corpus_reads():
    from reader.corpus.suffixes import SUPPORTED_SUFFIXES

    section = README.split("## The corpus", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(\.[a-z]+)`", section.split("\n```yaml", 1)[0]))
    assert named == set(SUPPORTED_SUFFIXES)


def test_the_feeds_example_names_every_fetch_setting_with_its_default():
    """`settings:` of the feeds.yaml example (which `feed add` writes) says "the defaults are
    shown": each setting the loader takes, with the default it uses, and no other."""
    import dataclasses

    from reader.fetch.http import HttpSettings

    example = (Path(__file__).resolve().parent.parent / "reader" / "fetch" / "feeds.example.yaml").read_text(
        encoding="utf-8"
    )
    shown = dict(re.findall(r"^#   ([a-z_]+): ([\d.]+)\b", example.split("# settings:", 1)[1], re.M))
    defaults = {field.name: field.default for field in dataclasses.fields(HttpSettings)}
    assert set(shown) == set(defaults)
    assert {name: float(value) for name, value in shown.items()} == defaults


def test_the_config_help_names_every_setting(capsys):
    """`reader config --help` listed the settings it prints and left out grouping and sort."""
    from reader.config_check import KNOWN_KEYS

    with pytest.raises(SystemExit):
        build_parser().parse_args(["config", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    # Only the list of settings: `corpus` is in the --corpus option's line whatever the list says.
    listed = shown.split("the settings in effect (", 1)[1].split(")", 1)[0]
    missing = [key for key in (*KNOWN_KEYS, "READER_LOCK_WAIT") if key not in listed and key != "keymap"]
    assert not missing and "every key binding" in listed, missing


def test_the_help_screens_files_section_names_every_setting(tmp_path):
    from reader.config_check import KNOWN_KEYS
    from reader.tui.screens.help import config_lines

    shown = " ".join(
        str(part)
        for entry in config_lines(tmp_path / "config.yaml", None)
        for part in (entry if isinstance(entry, tuple) else (entry,))
    )
    assert [key for key in KNOWN_KEYS if key not in shown] == []


def test_every_binding_id_the_readme_and_the_example_config_name_is_one():
    """A renamed binding id left in the README or the shipped example would be warned about as
    unknown in the user's config.yaml."""
    from reader.commands.config import EXAMPLE
    from reader.tui.keymap import every_binding

    spaces = "main|nav|compare|app|help|search|results|filter|quotes|coverage"
    named = set(re.findall(rf"`((?:{spaces})\.[a-z_.]*[a-z])`", README))
    named |= set(re.findall(rf"^#\s+((?:{spaces})\.[a-z_.]*[a-z]):", EXAMPLE.read_text(encoding="utf-8"), re.M))
    named.discard("main.serch")  # README's example of a mistyped id
    named = {name for name in named if name.rsplit(".", 1)[1] not in {"json", "py", "yaml"}}  # file names
    assert len(named) >= 3
    assert sorted(named - set(every_binding())) == []


def test_the_readme_says_how_an_argument_in_an_error_is_cut(capsys, tmp_path, seed_index_template):
    """README said "cut in the middle past 240 characters": that is a word; the whole line is cut
    past 1,000. Its example is what a 5,000-character id gives."""
    from reader.wording import LINE_SHOWN, WORD_SHOWN, shortened

    output = README.split("- **Output.**", 1)[1].split("\n- ", 1)[0]
    output = " ".join(output.split())
    assert f"a word (a run without a space) past {WORD_SHOWN} characters, the whole past {LINE_SHOWN:,}" in output
    example = re.search(r'a ([\d,]+)-character id shows its start, "(…\([\d,]+ characters\)…)"', output)
    assert example
    from conftest import SEEDS, run_main

    index = tmp_path / "index"  # the session's seeds index, up to date: not built for one error
    shutil.copytree(seed_index_template, index)
    long_id = "x" * int(example.group(1).replace(",", ""))
    code, _, err = run_main(capsys, "--corpus", str(SEEDS), "--index", str(index), "show", long_id)
    assert code == 2 and example.group(2) in err and len(shortened(long_id)) < 300


def test_the_design_docs_layers_are_the_import_contracts():
    """docs/design.md's layer list is "the list above, with no exception" that lint-imports checks:
    it had left out reader.console and most of the small helpers at the bottom."""
    import tomllib

    root = Path(__file__).resolve().parent.parent
    layers = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in layers if c["type"] == "layers"]
    design = (root / "docs" / "design.md").read_text(encoding="utf-8")
    block = design.split("## Layers", 1)[1].split("```", 2)[1]
    lines = block.strip("\n").splitlines()
    below = 0  # each layer is named at or below the row of the one above it
    for layer in contract["layers"]:
        rows = []
        for module in layer.split("|"):
            name = module.strip().removeprefix("reader.")
            found = [i for i in range(below, len(lines)) if re.search(rf"\breader/{name}(\.py|/)", lines[i])]
            found = found or [i for i in range(below, len(lines)) if re.search(rf"(?<![\w./]){name}\b", lines[i])]
            assert found, f"docs/design.md's layers never name reader.{name} below the layer above it"
            rows.append(found[0])
        below = min(rows)


def test_the_design_docs_json_table_names_the_keys_the_readme_does():
    """docs/design.md's JSON contract left out `author`, `title_source` and index's `renamed`, which
    every run prints (README's table is checked against the commands themselves, above)."""
    design = (Path(__file__).resolve().parent.parent / "docs" / "design.md").read_text(encoding="utf-8")

    def design_row(command: str) -> set[str]:
        row = next(line for line in design.splitlines() if re.match(rf"\| `reader {command}( [^`]*)?` \|", line))
        return set(re.findall(r'"(\w+)"', row.split("|")[2].split("`")[1]))

    for command in ("list", "show", "search", "stories"):
        assert design_row(command) == _json_row(command), command
    assert design_row("quotes") <= _json_row("quotes")
    index_keys = _readme_keys('{"indexed"') | {"path", "reason", "warning", "path_bytes"}
    assert design_row("index") == index_keys


def test_each_commands_line_of_the_usage_block_names_its_options():
    """README's "Using it" block is where a newcomer reads what each command takes: each
    command's options are on its own line there (but --update and the global options, which
    the bullets under it describe)."""
    from reader.cli import _commands_below

    parser = build_parser()
    commands_by_name = {command.prog.removeprefix("reader "): command for command in _commands_below(parser)}
    shown: dict[str, str] = {}
    current = None
    for line in USAGE.splitlines():
        if line.startswith(" ") and current is not None:  # a synopsis going on under its command
            shown[current] += " " + line.split(" # ", 1)[0]
            continue
        current = None
        for part in re.split(r" \| (?=\w)", line.split(" # ", 1)[0]):
            words = part.strip().removeprefix("reader").split()
            path: list[str] = []
            while words and " ".join([*path, words[0]]) in commands_by_name:
                path.append(words.pop(0))
            if path:
                current = " ".join(path)
                shown[current] = shown.get(current, "") + " " + " ".join(words)
    unsaid = {"--help", "--update", *parser._option_string_actions}
    missing = [
        f"reader {name} {option}"
        for name, command in commands_by_name.items()
        for option in command._option_string_actions
        if option.startswith("--") and option not in unsaid and not re.search(rf"{option}\b", shown.get(name, ""))
    ]
    assert not missing, f"options missing from their command's line in README's 'Using it' block: {missing}"


def test_every_key_of_the_help_screens_moving_around_is_in_the_readme():
    """The help's "Moving around" names ↑ ↓ PgUp PgDn Home End, Tab and ← →, which README's app
    section never named (it said "the arrow keys")."""
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.screens.coverage import CoverageScreen
    from reader.tui.screens.help import NAVIGATION

    section = README.split("## The terminal app", 1)[1].split("\n## ", 1)[0]
    for keys, _ in (*NAVIGATION, *CompareScreen.HELP_NAVIGATION, *CoverageScreen.HELP_NAVIGATION):
        for key in keys.split():
            # A whole word as the help writes it ("End" is not "weekend", "Tab" not "table"); README
            # writes "the mouse" and `shift+tab` in lower case.
            flags = re.I if key in ("Mouse", "Shift+Tab") else 0
            found = re.search(rf"(?<![\w+]){re.escape(key)}(?![\w+])", section, flags)
            assert found, f"the help's {key} is not in README's section on the app"


def test_the_example_configs_defaults_are_the_loaders():
    """Each "Default:" the shipped example states is the value the loader uses when the key is left out."""
    from reader import config
    from reader.commands.config import EXAMPLE

    example = " ".join(line.lstrip("# ") for line in EXAMPLE.read_text(encoding="utf-8").splitlines())
    assert (
        f"({config.MIN_TEXT_WIDTH} to {config.MAX_TEXT_WIDTH}); 0 uses the whole pane. Default: {config.DEFAULT_TEXT_WIDTH}."
        in example
    )
    assert "Default: true." in example and config.prepare_comparisons({}) is True
    assert f"Default: {config.GROUPINGS[0]} and {config.SORTS[0]}." in example
    grouping, sort, problems = config.list_settings({})
    assert (grouping, sort, problems) == (config.GROUPINGS[0], config.SORTS[0], [])


def test_readme_bounds_a_trickling_server_by_the_total_timeout():
    """It said a server that trickles its bytes costs no longer than a read_timeout: each byte in
    time, it is cut by the total_timeout (60 s) instead."""
    from reader.fetch.http import HttpSettings

    text = " ".join(README.split())
    said = re.search(r"one that trickles its bytes ([^,]*)", text)
    assert said, "README: what a trickling server costs"
    assert "total_timeout" in said.group(1) and f"{HttpSettings().total_timeout:g} s" in said.group(1)


def test_the_set_up_commands_print_no_pip_warning_about_other_packages():
    """The README's set-up printed "WARNING: lxml 6.2.0 does not provide the extra 'html_clean'"
    with Python 3.11's own pip (23.2: jusText asks for `lxml[html_clean]`, lxml 6 spells it
    `html-clean`); a venv made with --upgrade-deps, whose pip reads the two as one, printed a
    nine-line "BuildBackendWarning: Editable installation" from setuptools instead. Each set-up
    command installs with -qq (errors still shown), with the pip the venv comes with, and the
    project depends on `lxml_html_clean`, what the extra installs, by itself."""
    import tomllib

    set_up = README.split("```sh", 1)[1].split("```", 1)[0]
    installs = [line for line in set_up.splitlines() if "python3 -m venv" in line]
    assert len(installs) == 2, installs
    assert all(line.startswith("python3 -m venv .venv && .venv/bin/pip install -qq -e ") for line in installs), installs
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(dep.startswith("lxml_html_clean") for dep in project["project"]["dependencies"])
