"""`reader config`, the shipped example config, and the checks on what a config.yaml says:
unknown keys, keys no terminal can send, unknown binding ids (each with a "did you mean")."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import SEEDS, double_library, drive, notifications, settle  # noqa: E402

from conftest import run_main  # noqa: E402
from reader.commands.config import EXAMPLE  # noqa: E402
from reader.config_check import KNOWN_KEYS, unknown_key_problems  # noqa: E402
from reader.tui.keycheck import binding_id_problem, key_problem, normalize_keys, typed_keys  # noqa: E402
from reader.tui.keymap import user_keymap  # noqa: E402

BAD_CONFIG = """\
them: nord
theme: gruvbx
keymap:
  main.serch: ctrl+f
  main.filter: ctrl+shift+alt+zz
  main.group: Ctrl+g
  main.compare: ctrl+k
"""


run = run_main  # (exit code, stdout, stderr) of `reader ARGV` in this process


def test_config_without_a_file_shows_the_path_and_the_defaults(capsys, isolated_dirs):
    code, out, err = run(capsys, "config")
    assert code == 0 and err == ""
    path = isolated_dirs["config"] / "config.yaml"
    assert f"config file         {path}" in out and "not created yet" in out
    assert f"corpus              {SEEDS}  (default)" in out
    assert "theme               textual-dark  (default)" in out and "text_width          100  (default)" in out
    assert "prepare_comparisons true (every story's comparisons made ready after indexing)  (default)" in out
    assert re.search(r"main\.search +/ +Search", out)
    assert run(capsys, "config", "--path")[1] == f"{path}\n"


def test_config_gives_corpus_folders_as_absolute_paths_as_every_other_path(
    capsys, isolated_dirs, tmp_path, monkeypatch
):
    """`--corpus news` was shown as "news" (and `"corpus": ["news"]`), beside the index's absolute
    path and `list`'s absolute file paths: a script could not tell which folder was meant."""
    (tmp_path / "news").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "config", "--json", "--corpus", "news", "--corpus", "gone")
    data = json.loads(out)
    assert code == 2 and data["corpus"] == [str(tmp_path / "news"), str(tmp_path / "gone")]
    assert list(data["corpus_problems"]) == [str(tmp_path / "gone")]
    code, out, _ = run(capsys, "config", "--corpus", "news")
    assert code == 0 and f"corpus              {tmp_path / 'news'}  (--corpus)\n" in out


def test_config_json_reports_where_each_setting_comes_from(capsys, isolated_dirs, tmp_path):
    (isolated_dirs["config"] / "config.yaml").write_text(
        "theme: nord\ntext_width: 0\nkeymap:\n  main.search: ctrl+f\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "config", "--json", "--corpus", str(tmp_path))
    data = json.loads(out)
    assert code == 0 and err == "" and data["problems"] == [] and data["exists"]
    assert (data["theme"], data["theme_from"]) == ("nord", "config")
    assert (data["text_width"], data["text_width_from"]) == (0, "config")
    assert (data["prepare_comparisons"], data["prepare_comparisons_from"]) == (True, "default")
    assert (data["corpus"], data["corpus_from"]) == ([str(tmp_path)], "--corpus")
    assert data["keymap"]["main.search"] == {"keys": "ctrl+f", "from": "config", "description": "Search"}
    assert data["keymap"]["main.filter"]["from"] == "default"
    assert data["index"].startswith(str(isolated_dirs["cache"]))


def test_config_warns_about_what_it_ignores_with_a_did_you_mean(capsys, isolated_dirs):
    (isolated_dirs["config"] / "config.yaml").write_text(BAD_CONFIG, encoding="utf-8")
    code, out, err = run(capsys, "config")
    assert code == 0
    lines = [line.removeprefix("reader: ") for line in err.splitlines()]
    # each names the file and the line, as config.yaml's errors do (they said "config:")
    path = isolated_dirs["config"] / "config.yaml"
    assert f"{path}: line 1: ignoring unknown key 'them'; did you mean 'theme'?" in lines
    assert f"{path}: line 2: unknown theme 'gruvbx'; did you mean 'gruvbox'?" in lines
    assert f"{path}: line 3: keymap: ignoring unknown binding id 'main.serch'; did you mean 'main.search'?" in lines
    assert any("main.filter" in line and "'zz' is not a key" in line for line in lines)
    assert any("main.group" in line and "did you mean 'ctrl'?" in line for line in lines)
    assert len(lines) == 5
    # What is valid still applies; what is not keeps its default.
    assert re.search(r"main\.compare +ctrl\+k +Compare +\(config\)", out)
    assert re.search(r"main\.filter +f +Filter\n", out)
    data = json.loads(run(capsys, "config", "--json")[1])
    assert len(data["problems"]) == 5


def test_a_broken_config_is_one_line_and_exit_2(capsys, isolated_dirs):
    (isolated_dirs["config"] / "config.yaml").write_text("theme: [unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, "config")
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "config.yaml" in err
    assert run(capsys, "config", "--path")[0] == 0  # the path is still there to fix it


def test_a_missing_corpus_folder_is_shown_marked_with_the_settings_and_exit_2(capsys, isolated_dirs, tmp_path):
    # `reader config` used to stop at one line, where a user comes to find out what is wrong.
    missing = tmp_path / "gone"
    path = isolated_dirs["config"] / "config.yaml"
    path.write_text(f"corpus: [{tmp_path}, {missing}]\ntheme: nord\n", encoding="utf-8")
    code, out, err = run(capsys, "config")
    assert code == 2
    assert err == f"reader: {path}: line 1: corpus: corpus folder not found: {missing}\n"
    assert f"corpus              {tmp_path}  (config)\n" in out
    assert f"                    {missing}  <- corpus folder not found: {missing}\n" in out
    assert "theme               nord  (config)" in out and re.search(r"main\.search +/ +Search", out)
    code, out, _ = run(capsys, "config", "--json")
    data = json.loads(out)
    assert code == 2 and data["corpus_problems"] == {str(missing): f"corpus folder not found: {missing}"}
    assert data["problems"] == [f"{path}: line 1: corpus: corpus folder not found: {missing}"]
    # The same for a --corpus folder; every other command still stops with the one line.
    code, out, err = run(capsys, "config", "--corpus", str(missing))
    assert code == 2 and f"{missing}  (--corpus)  <- corpus folder not found: {missing}" in out
    assert err == f"reader: --corpus: corpus folder not found: {missing}\n"
    code, out, err = run(capsys, "list")
    assert code == 2 and out == "" and err == f"reader: {path}: line 1: corpus: corpus folder not found: {missing}\n"


def test_a_folder_name_with_control_characters_is_shown_in_the_table_as_on_stderr(capsys, isolated_dirs, tmp_path):
    """The table's "<- problem" stripped the control characters of a folder's name ("gone" for
    "g\x1b[31mone"), while the error line escaped them: both show them as every message does
    (untrusted_shown), and no raw escape reaches stdout."""
    missing = tmp_path / "g\x1b[31mone\u202e"
    code, out, err = run(capsys, "config", "--corpus", str(missing))
    shown = f"{tmp_path}/g\\x1b[31mone\\u202e"
    assert code == 2 and err == f"reader: --corpus: corpus folder not found: {shown}\n"
    assert f"{shown}  (--corpus)  <- corpus folder not found: {shown}\n" in out
    assert "\x1b" not in out and "\u202e" not in out


def test_a_bad_folder_in_a_block_list_is_reported_on_its_own_line(capsys, isolated_dirs, tmp_path):
    # Every corpus error named the key's line ("line 1"), though the missing folder was written
    # on line 4: with several folders the user had to guess which one.
    missing = tmp_path / "gone"
    path = isolated_dirs["config"] / "config.yaml"
    path.write_text(f"theme: nord\ncorpus:\n  - {tmp_path}\n  - {missing}\n", encoding="utf-8")
    code, out, err = run(capsys, "config", "--json")
    assert code == 2 and json.loads(out)["problems"] == [f"{path}: line 4: corpus: corpus folder not found: {missing}"]
    code, out, err = run(capsys, "list")
    assert code == 2 and err == f"reader: {path}: line 4: corpus: corpus folder not found: {missing}\n"


def test_config_shows_the_lock_wait_and_a_bad_one_with_the_settings(capsys, isolated_dirs, monkeypatch):
    # Every other command stops on a bad READER_LOCK_WAIT with exit 2; `reader config` said
    # nothing of it and exited 0, so `reader config && reader index` could not catch it.
    data = json.loads(run(capsys, "config", "--json")[1])
    # No problem is null, as feeds' `problem` is (it was "", which `jq 'select(.lock_wait_problem)'` took for one).
    assert (data["lock_wait"], data["lock_wait_from"], data["lock_wait_problem"]) == (3.0, "default", None)
    monkeypatch.setenv("READER_LOCK_WAIT", "10")
    data = json.loads(run(capsys, "config", "--json")[1])
    assert (data["lock_wait"], data["lock_wait_from"]) == (10.0, "READER_LOCK_WAIT")
    monkeypatch.setenv("READER_LOCK_WAIT", "soon")
    code, out, err = run(capsys, "config")
    assert code == 2 and err == "reader: READER_LOCK_WAIT: expected seconds from 0 to 86400, not 'soon'\n"
    assert re.search(r"^lock_wait +3 s  \(default\)  <- READER_LOCK_WAIT: expected seconds", out, re.M)
    code, out, _ = run(capsys, "config", "--json")
    assert code == 2 and json.loads(out)["lock_wait_problem"].startswith("READER_LOCK_WAIT: expected")


def test_config_shows_the_subscriptions_file_and_what_is_wrong_with_it(capsys, isolated_dirs):
    # feeds.yaml is a settings file too, and reader config said nothing of it: not its path, nor
    # that `reader fetch` could not read it.
    path = isolated_dirs["config"] / "feeds.yaml"
    code, out, err = run(capsys, "config")
    assert (
        code == 0
        and err == ""
        and f"feeds               {path}  (not created yet; `reader feed add URL` writes it)" in out
    )
    path.write_text("feeds:\n  - url: https://a.example/rss\n  - url: notaurl\n", encoding="utf-8")
    code, out, err = run(capsys, "config")
    assert code == 0 and f"feeds               {path}  (1 subscription)\n" in out
    assert (
        err
        == f"reader: {path}: line 3: feed 2: 'url' must be an http(s) URL such as https://example.com/feed.xml, not the text 'notaurl'; skipped\n"
    )
    path.write_text("feeds: [x\n", encoding="utf-8")
    code, out, err = run(capsys, "config")
    assert code == 0 and f"{path}  <- line 1, column 8: broken YAML: a [ is not closed" in out
    assert err.startswith(f"reader: {path}: line 1, column 8: broken YAML")
    data = json.loads(run(capsys, "config", "--json")[1])
    assert data["feeds"]["path"] == str(path) and data["feeds"]["problem"].startswith("line 1, column 8: broken YAML")


def test_the_example_documents_every_setting_and_works_uncommented(capsys, isolated_dirs):
    code, out, _ = run(capsys, "config", "--example")
    assert code == 0 and out == EXAMPLE.read_text(encoding="utf-8")
    assert yaml.safe_load(out) is None  # everything commented out: using it changes nothing
    for key in KNOWN_KEYS:
        assert f"\n# {key}:" in out, key
    # Uncomment the settings (not the prose): the result is a valid config with no problems.
    setting = re.compile(r"^# ((?:theme|text_width|prepare_comparisons|grouping|sort|keymap):.*|  \S+: \S+)$")
    uncommented = "\n".join(m.group(1) for line in out.splitlines() if (m := setting.match(line)))
    (isolated_dirs["config"] / "config.yaml").write_text(uncommented + "\n", encoding="utf-8")
    code, out, err = run(capsys, "config", "--json")
    data = json.loads(out)
    assert code == 0 and data["problems"] == [] and err == ""
    assert data["theme"] == "gruvbox" and data["keymap"]["compare.swap"]["keys"] == "x"
    assert data["keymap"]["nav.down"]["keys"] == "ctrl+n"


@pytest.mark.parametrize(
    "keys",
    [
        "ctrl+f",
        "f1",
        "question_mark",
        "?",
        "N",
        "ctrl+f,f3",
        "escape",
        "shift+tab",
        "apostrophe",
        "plus",
        "alt+x",
        "space",
        "pageup",
    ],
)
def test_keys_a_terminal_can_send_pass(keys):
    assert key_problem(keys) is None


@pytest.mark.parametrize(
    "keys, says",
    [
        ("ctrl+shift+alt+zz", "'zz' is not a key"),
        ("Ctrl+f", "'Ctrl' is not a modifier"),
        ("ctrl+ctrl+f", "repeats a modifier"),
        ("pgup", "did you mean 'pageup'?"),
        ("ctrl++", "'plus'"),
        ("f1,,f2", "empty key"),
    ],
)
def test_keys_no_terminal_can_send_are_refused(keys, says):
    assert says in key_problem(keys)


@pytest.mark.parametrize(
    "keys, says",
    [
        # Checked in tmux (send-keys M-/, C-?): alt with a punctuation key arrives as Escape and the
        # key, which Textual reads as the key alone (alt+/ would have fired /, search); ctrl+? is
        # backspace; ctrl with most punctuation sends nothing at all.
        ("alt+/", "'alt+/' never reaches the app: a terminal sends alt with / as Escape and then /"),
        ("alt+slash", "arrives as / alone"),
        ("alt+question_mark", "arrives as ? alone"),
        ("ctrl+alt+/", "arrives as / alone"),
        ("alt+enter", "arrives as enter alone"),
        ("ctrl+?", "'ctrl+?' is the backspace key to a terminal; write 'backspace'"),
        ("ctrl+[", "is the escape key"),
        ("ctrl+comma", "sends no key for ctrl with ,"),
        ("ctrl+plus", "sends no key for ctrl with +"),
        ("shift+/", "write that character"),
    ],
)
def test_chords_a_terminal_never_sends_as_such_are_refused_naming_the_key(keys, says):
    """Textual turns a lone character into its key name ("/" is slash) but not one in a chord:
    the keymap took `alt+/` and `ctrl+?`, bindings that could never fire."""
    assert says in key_problem(keys)


@pytest.mark.parametrize(
    "keys, sent",
    [
        ("ctrl+]", "ctrl+right_square_bracket"),  # tmux send-keys C-] arrives so
        ("ctrl+\\", "ctrl+backslash"),
        ("ctrl+^", "ctrl+circumflex_accent"),
        ("ctrl+/", "ctrl+underscore"),  # 0x1f, as ctrl+_
        ("ctrl+_", "ctrl+underscore"),
        ("ctrl+space", "ctrl+@"),
        ("ctrl+f,f3", "ctrl+f,f3"),
        ("alt+a,alt+up", "alt+a,alt+up"),
    ],
)
def test_chords_with_a_character_are_bound_as_the_key_textual_names(keys, sent):
    """`ctrl+]` was kept as written and waited for a key named ctrl+] that never comes: Textual
    names it ctrl+right_square_bracket. The keymap binds the name it gets, and shows it as written."""
    from reader.tui.keycheck import keys_as_sent
    from reader.tui.keymap import user_keymap

    assert key_problem(keys) is None
    assert keys_as_sent(keys) == sent
    keymap, problems = user_keymap({"keymap": {"main.search": keys}})
    assert keymap == {"main.search": sent} and problems == []


def test_user_keymap_drops_bad_keys_and_config_check_names_unknown_keys():
    keymap, problems = user_keymap({"keymap": {"main.search": "ctrl+f", "main.filter": "hyper+qq"}})
    assert keymap == {"main.search": "ctrl+f"}
    assert len(problems) == 1 and "main.filter" in problems[0] and "'qq'" in problems[0]
    assert unknown_key_problems({"corpus": "x", "keymap": {}, "text-width": 80}) == [
        "config: ignoring unknown key 'text-width'; did you mean 'text_width'?"
    ]
    # `reader config` lists lock_wait, index, cache, data and feeds, which config.yaml does not set
    assert unknown_key_problems({"lock_wait": 10, "index": "~/ix"}) == [
        "config: ignoring 'lock_wait': the environment variable READER_LOCK_WAIT sets it, not config.yaml",
        "config: ignoring 'index': --index DIR sets it, not config.yaml",
    ]
    assert binding_id_problem("main.search", {"main.search"}) is None


def test_a_key_mapped_onto_another_bindings_key_is_ignored_with_both_named():
    # Textual let `main.search: g` take g silently (Group lost its key) and `app.quit: j` quit
    # where j should scroll; such entries are now left out, each with its reason.
    keymap, problems = user_keymap(
        {"keymap": {"main.search": "g", "app.quit": "j", "coverage.sort": "x", "coverage.filter": "x"}}
    )
    assert keymap == {}
    assert problems == [
        "config: keymap: ignoring main.search: g is already Group (main.group) on the main screen; "
        "map main.group to another key as well to give g to main.search",
        "config: keymap: ignoring app.quit: j is already Down (nav.down) on the main screen; "
        "map nav.down to another key as well to give j to app.quit",
        "config: keymap: ignoring coverage.sort and coverage.filter: both mapped to x on the coverage view, "
        "where a key does one thing",
    ]


@pytest.mark.parametrize(
    "entries",
    [
        {"main.search": "g", "main.group": "/"},  # two bindings swap their keys
        {"main.copy_url": "y,ctrl+y"},  # y stays the quotes panel's too, as by default
        {"app.quit": "q,ctrl+q"},  # ctrl+q quits anyway
        {"compare.swap": "x", "coverage.sort": "x"},  # one key, two screens
        {"compare.picker.cancel": "ctrl+g", "nav.down": "ctrl+n"},
        {"nav.down": "down"},  # the lists' key; the search box's ↓ is never in the same place
    ],
)
def test_keymaps_without_a_clash_are_kept_whole(entries):
    assert user_keymap({"keymap": entries}) == (entries, [])


@pytest.mark.parametrize(
    "entries, says",
    [
        ({"main.filter": "/"}, "/ is already Search (main.search) on the main screen"),
        ({"main.search": "tab"}, "tab moves the focus to the next pane (Textual's own key)"),
        ({"main.search": "ctrl+q"}, "ctrl+q quits before any other binding sees it"),
        ({"compare.picker.cancel": "q"}, "q would be typed into the version picker's filter"),
        ({"compare.export.cancel": "space"}, "space would be typed into the export dialog's file name"),
        ({"search.to_results": "j"}, "j would be typed into the search box"),
    ],
)
def test_a_key_that_cannot_do_the_binding_is_ignored_with_the_reason(entries, says):
    keymap, problems = user_keymap({"keymap": entries})
    assert keymap == {} and len(problems) == 1 and says in problems[0]


def test_every_binding_belongs_to_a_place_the_clash_check_knows():
    from reader.tui.keymap import BINDING_PLACES, all_bindings

    placed = {b.id for _, bindings in BINDING_PLACES for b in bindings}
    assert {b.id for b in all_bindings()} <= placed


def test_reader_config_names_a_clash_and_shows_the_key_in_effect(capsys, isolated_dirs):
    (isolated_dirs["config"] / "config.yaml").write_text("keymap:\n  main.search: g\n", encoding="utf-8")
    code, out, err = run(capsys, "config")
    assert code == 0
    assert "ignoring main.search: g is already Group (main.group) on the main screen" in err
    assert re.search(r"main\.search +/ +Search\n", out) and re.search(r"main\.group +g +Group\n", out)


async def test_the_app_warns_about_an_unknown_binding_id_with_a_did_you_mean():
    from reader.tui.app import ReaderApp

    app = ReaderApp(double_library(), keymap={"main.serch": "ctrl+f"})
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        shown = notifications(app)
        assert "config: keymap: ignoring unknown binding id 'main.serch'; did you mean 'main.search'?" in shown


def test_every_binding_of_every_screen_and_dialog_can_be_remapped(capsys, isolated_dirs):
    from reader.tui.keymap import every_binding

    ids = set(every_binding())
    assert {
        "main.search",
        "compare.swap",
        "compare.picker.cancel",
        "compare.export.cancel",
        "coverage.sort",
        "help.close",
        "nav.down",
    } <= ids
    (isolated_dirs["config"] / "config.yaml").write_text(
        "keymap:\n  compare.picker.cancel: ctrl+g\n  coverage.sort: ctrl+s\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "config")
    assert code == 0 and err == ""


def test_the_readme_recipe_for_a_first_config_file_works(tmp_path, monkeypatch):
    """README's one line that starts a config file from the example, on a machine where the
    config folder does not exist yet."""
    import os
    import subprocess

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    recipe = re.search(r"`(mkdir -p [^`]*reader config --example > [^`]*)`", readme).group(1)
    folder = tmp_path / "fresh" / "reader"
    env = {
        **os.environ,
        "READER_CONFIG_DIR": str(folder),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    subprocess.run(["bash", "-c", recipe], env=env, check=True, timeout=120)
    assert (folder / "config.yaml").read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


def test_a_command_reading_its_corpus_from_the_config_names_an_unknown_key(capsys, isolated_dirs):
    """`corpsu: ~/news` read the bundled seeds without a word (only `reader config` said why)."""
    (isolated_dirs["config"] / "config.yaml").write_text("corpsu: ~/news\n", encoding="utf-8")
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    path = isolated_dirs["config"] / "config.yaml"
    assert err.splitlines() == [f"reader: {path}: line 1: ignoring unknown key 'corpsu'; did you mean 'corpus'?"]
    code, out, err = run(capsys, "--corpus", str(SEEDS), "list", "--json")  # the config is not read
    assert code == 0 and err == ""


def test_config_names_keys_as_config_yaml_takes_them_and_the_footer_shows_them(capsys):
    """`reader config` said "question_mark,f1", "right_square_bracket", "apostrophe": Textual's
    internal names, where the app's footer and help say ?, ] and '."""
    from reader.tui.keymap import every_binding

    code, out, _ = run(capsys, "config", "--json")
    shown = {binding_id: entry["keys"] for binding_id, entry in json.loads(out)["keymap"].items()}
    assert shown["app.help"] == "?,f1" and shown["main.search"] == "/" and shown["main.quotes"] == "'"
    assert (shown["compare.next_difference"], shown["compare.previous_difference"]) == ("]", "[")
    assert shown["app.palette"] == "ctrl+p" and shown["coverage.mark"] == "space" and shown["main.back"] == "escape"
    # Each as written back into the keymap is accepted, and is the very keys it was.
    bindings = every_binding()
    for binding_id, keys in shown.items():
        assert key_problem(keys) is None, binding_id
        assert normalize_keys(keys) == normalize_keys(bindings[binding_id].key), binding_id
    code, out, _ = run(capsys, "config")
    assert re.search(r"app\.help +\?,f1 +Help", out) and "question_mark" not in out


@pytest.mark.parametrize(
    "keys, typed",
    [
        ("question_mark", "?"),
        ("comma", "comma"),  # "," separates keys
        ("plus", "plus"),  # "+" joins a modifier
        ("minus", "-"),
        ("ctrl+right_square_bracket", "ctrl+]"),  # the name Textual gives the key a terminal sends
        ("ctrl+underscore", "ctrl+_"),
        ("down,enter,space,escape", "down,enter,space,escape"),
        ("full_stop,f1", ".,f1"),
    ],
)
def test_typed_keys_round_trip(keys, typed):
    assert typed_keys(keys) == typed
    assert key_problem(typed) is None and normalize_keys(typed) == normalize_keys(keys)


@pytest.mark.parametrize(("shown", "name"), [("↓", "down"), ("⏎", "enter"), ("ctrl+⌫", "backspace")])
def test_a_key_typed_as_the_footer_draws_it_is_named_not_taken(shown, name):
    """`main.search: ↓` was accepted, and never fired: no terminal sends the arrow's character."""
    assert f"is how the app shows the {name} key; write '{name}'" in key_problem(shown)


def test_an_unquoted_yaml_sign_as_a_key_says_to_quote_it(capsys, isolated_dirs):
    (isolated_dirs["config"] / "config.yaml").write_text("keymap:\n  compare.swap: ]\n", encoding="utf-8")
    code, out, err = run(capsys, "config")
    assert code == 2 and out == ""
    assert err.endswith(
        "line 2, column 17: broken YAML: did not find expected node content; "
        'under keymap, a key such as ? [ ] or \' goes in quotes: main.search: "?"\n'
    )


def test_grouping_and_sort_are_settings_checked_as_the_theme_is(capsys, isolated_dirs):
    """The source list's grouping and sort (saved by g and S in the app): a known value is used,
    an unknown one warned about with a "did you mean" and the default used (not a stop), one
    that is not a word too (only the app reads them: `reader list` is not stopped by them)."""
    from reader import config
    from reader.listing import SORT_ORDERS

    assert config.SORTS == SORT_ORDERS  # config cannot import listing (sibling layers)
    path = isolated_dirs["config"] / "config.yaml"
    path.write_text("grouping: story\nsort: oldest\n", encoding="utf-8")
    code, out, err = run(capsys, "config", "--json")
    data = json.loads(out)
    assert code == 0 and err == "" and data["problems"] == []
    assert (data["grouping"], data["grouping_from"], data["sort"], data["sort_from"]) == (
        "story",
        "config",
        "oldest",
        "config",
    )
    path.write_text("grouping: stories\nsort: by date\n", encoding="utf-8")
    code, out, err = run(capsys, "config", "--json")
    data = json.loads(out)
    assert code == 0 and (data["grouping"], data["sort"]) == ("outlet", "outlet")
    assert f"{path}: line 1: unknown grouping 'stories', using outlet; did you mean 'story'?" in data["problems"]
    assert (
        f"{path}: line 2: unknown sort 'by date', using outlet; choose one of: outlet, newest, oldest"
        in data["problems"]
    )
    path.write_text("theme: nord\nsort: [newest]\n", encoding="utf-8")
    code, out, err = run(capsys, "config", "--json")
    assert code == 0 and json.loads(out)["sort"] == "outlet"
    assert f"{path}: line 2: sort: expected a word (outlet or newest or oldest), not a list; using outlet" in err


@pytest.mark.parametrize(
    "setting, said",
    [
        ("text_width: wide", "text_width: expected 0 (no limit) or a number of columns from 20 to 1000; using 100"),
        ("theme: [nord]", "theme: expected a theme name, not a list; using textual-dark"),
        ("grouping: 3", "grouping: expected a word (outlet or story), not a number; using outlet"),
        ("keymap: 3", "keymap: must map binding ids to keys; ignored"),
    ],
)
def test_a_bad_setting_only_the_app_reads_stops_no_command(setting, said, capsys, isolated_dirs, tmp_path):
    """`text_width: wide` in config.yaml made every command exit 2, `reader list` and `reader
    search` too, which never read it: `reader config` says it with the default in effect, exit 0,
    and the other commands go on (the app says it in a notice), as git says a bad value only
    where a command reads it."""
    path = isolated_dirs["config"] / "config.yaml"
    path.write_text(f"{setting}\n", encoding="utf-8")
    code, out, err = run(capsys, "--corpus", str(SEEDS), "--index", str(tmp_path / "ix"), "list")
    assert code == 0 and out and err == "", err
    code, out, err = run(capsys, "config", "--json")
    assert code == 0 and f"{path}: line 1: {said}" in json.loads(out)["problems"], out


def test_a_key_set_twice_is_named_with_both_lines_in_reader_config_and_every_command(capsys, isolated_dirs):
    """YAML keeps the last of two `theme:` lines without a word: an edit of the first (or a key
    map line added above an old one) did nothing, and nothing said why."""
    path = isolated_dirs["config"] / "config.yaml"
    path.write_text(
        "theme: gruvbox\nkeymap:\n  main.search: ctrl+f\n  nav.down: ctrl+n\n  main.search: ctrl+g\ntheme: nord\n",
        encoding="utf-8",
    )
    said = [
        f"{path}: line 1: 'theme' is set again on line 6, which is in effect",
        f"{path}: line 3: keymap: 'main.search' is set again on line 5, which is in effect",
    ]
    code, out, err = run(capsys, "config")
    assert code == 0 and [line.removeprefix("reader: ") for line in err.splitlines()] == said
    assert re.search(r"theme +nord +\(config\)", out) and re.search(r"main\.search +ctrl\+g", out)
    assert json.loads(run(capsys, "config", "--json")[1])["problems"] == said
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and [line.removeprefix("reader: ") for line in err.splitlines()] == said
    path.write_text("theme: nord\nkeymap:\n  main.search: ctrl+g\n", encoding="utf-8")
    assert run(capsys, "config")[2] == ""


def test_config_says_which_variable_or_option_put_each_folder_where_it_is(capsys, isolated_dirs, monkeypatch, tmp_path):
    """A READER_DATA_DIR set in a shell's startup file and forgotten sends the marks elsewhere:
    `reader config` showed the folder with no word of where it came from."""
    code, out, _ = run(capsys, "config", "--index", str(tmp_path / "ix"))
    assert f"data                {isolated_dirs['data']}  (READER_DATA_DIR; read marks" in out
    assert f"cache               {isolated_dirs['cache']}  (READER_CACHE_DIR)\n" in out
    assert "  (READER_CONFIG_DIR; not created yet;" in out
    assert f"index               {tmp_path / 'ix'}  (--index)\n" in out
    data = json.loads(run(capsys, "config", "--json")[1])
    assert (data["data_dir_from"], data["cache_dir_from"], data["config_dir_from"]) == (
        "READER_DATA_DIR",
        "READER_CACHE_DIR",
        "READER_CONFIG_DIR",
    )
    assert data["index_from"] == "default"
    monkeypatch.delenv("READER_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    code, out, _ = run(capsys, "config")
    # XDG_DATA_HOME moved the folder as surely as READER_DATA_DIR does (it said "default")
    assert f"{tmp_path / 'xdg' / 'reader'}  (XDG_DATA_HOME; read marks, bookmarks, fetched articles)\n" in out
    assert json.loads(run(capsys, "config", "--json")[1])["data_dir_from"] == "XDG_DATA_HOME"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/xdg")  # not absolute: platformdirs ignores it
    code, out, _ = run(capsys, "config")
    assert "  (read marks, bookmarks, fetched articles)\n" in out
    assert json.loads(run(capsys, "config", "--json")[1])["data_dir_from"] == "default"


def test_config_of_a_corpus_folder_whose_name_is_not_utf8_marks_it(capsys, isolated_dirs, tmp_path):
    """`reader --corpus $'b\\xffd' config` ended in a traceback (UnicodeEncodeError while naming
    the index folder) where every other command says the folder cannot be used: it is shown
    marked, with the rest, and exits 2."""
    import os

    folder = os.fsdecode(os.fsencode(tmp_path) + b"/b\xffd")
    os.mkdir(folder)
    for json_flag in ([], ["--json"]):
        code, out, err = run(capsys, "--corpus", folder, "config", *json_flag)
        assert code == 2 and "its path is not valid UTF-8" in err, err
        if json_flag:
            settings = json.loads(out)
            assert settings["corpus"] == [folder] and folder in settings["corpus_problems"]
        else:
            assert "b\\xffd  (--corpus)  <- cannot use the folder" in out


def test_keys_that_only_read_alike_are_not_called_repeated():
    """`1:` and `"1":` are two keys (an int and a text), both kept: not "set again"; `"theme"`
    and `theme` are one."""
    from reader import yamlsafe

    assert yamlsafe.repeated_keys('keymap:\n  1: a\n  "1": b\n') == []
    assert yamlsafe.repeated_keys('theme: a\n"theme": b\n') == [(None, "theme", 1, 2)]


def test_a_corpus_folder_that_is_a_broken_symbolic_link_says_so(capsys, isolated_dirs, tmp_path):
    """`--corpus news` where news is a link to a folder moved away, or a link loop, was "corpus
    folder not found: news", though `ls` lists it: the line says it is a link and where it leads."""
    (tmp_path / "news").symlink_to(tmp_path / "moved")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    code, out, err = run(capsys, "list", "--corpus", str(tmp_path / "news"))
    assert (code, out) == (2, "")
    assert err == (
        f"reader: corpus folder not found: {tmp_path}/news is a symbolic link to {tmp_path}/moved, which is not there\n"
    )
    code, out, err = run(capsys, "list", "--corpus", str(tmp_path / "loop"))
    assert (code, out) == (2, "")
    assert err == f"reader: corpus folder not found: {tmp_path}/loop is a symbolic link loop\n"


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (
            "\tcorpus: ~/news\n",
            "line 1, column 1: broken YAML: found character that cannot start any token; a tab: indent with spaces",
        ),
        (
            "theme: nord\ncorpus:\n\t- ~/news\n",
            "line 3, column 1: broken YAML: found character that cannot start any token; a tab: indent with spaces",
        ),
        (
            "theme: @nord\n",
            "line 1, column 8: broken YAML: found character that cannot start any token; '@' cannot start a value: quote it",
        ),
    ],
)
def test_a_character_yaml_cannot_start_with_is_named(capsys, isolated_dirs, content, said):
    """A tab indenting config.yaml (as an editor may type it) was "found character that cannot
    start any token", which names no character: the line says which, and what to do."""
    (isolated_dirs["config"] / "config.yaml").write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "list")
    assert (code, out) == (2, "")
    assert err.endswith(f"{said}\n"), err


def test_a_key_set_twice_is_named_at_the_line_whose_value_is_used(capsys, isolated_dirs, tmp_path):
    """YAML takes the last of two `corpus:` lines, but the error named line 1, whose value is fine."""
    path = isolated_dirs["config"] / "config.yaml"
    path.write_text(f"corpus: {tmp_path}\ntheme: nord\ncorpus: {tmp_path}/nwes\n", encoding="utf-8")
    code, out, err = run(capsys, "list")
    assert (code, out) == (2, "")
    assert err == f"reader: {path}: line 3: corpus: corpus folder not found: {tmp_path}/nwes\n"
