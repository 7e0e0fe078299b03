"""config.yaml problems (issue 10, item 5): exit 2 with one line naming the file and the key, fast,
for every command and for the app; never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write

ROOT = Path(__file__).resolve().parent.parent

BOMB = "\n".join(
    ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    + ["corpus: *a9"]
)
LONG = "/" + "x" * 5000

CASES = {
    "corpus a number": ("corpus: 5\n", "corpus: expected a folder or a list of folders"),
    "corpus a list with a mapping": (
        "corpus: [a, {b: c}]\n",
        "corpus: expected a list of folders, but item 2 is a mapping",
    ),
    "corpus a list of numbers": ("corpus: [1, 2]\n", "but item 1 is a number"),
    "corpus an empty list": ("corpus: []\n", "expected a folder or a list of folders, not an empty list"),
    "invalid date as corpus": ("corpus: 2025-13-45\n", "/config/2025-13-45"),  # the config file's folder
    "bad tagged value": ("theme: dark\ncorpus: !!float abc\n", "line 2, column 9: broken YAML: invalid value"),
    # A [ or quotation mark left open is said where it is, not where the parser noticed it (past
    # the end of the file, or under the next key: "theme: ... line 3"), and as broken YAML, not as
    # a bad value of the key written before it ("corpus: not valid YAML" for `corpus: [`).
    "unclosed list": ("theme: dark\ncorpus: [a, b\n", "line 2, column 9: broken YAML: a [ is not closed ("),
    "unclosed list, nothing in it": ("corpus: [\n", "line 1, column 9: broken YAML: a [ is not closed ("),
    "unclosed mapping, nothing in it": (
        "theme: dark\ncorpus: {\n",
        "line 2, column 9: broken YAML: a { is not closed (",
    ),
    "unclosed quote": (
        'corpus: "~/news\ntheme: dark\n',
        "line 1, column 9: broken YAML: a quotation mark is not closed",
    ),
    "deep nesting": (
        "theme: dark\ncorpus: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "line 2, column 1008: broken YAML: ",
    ),
    "alias bomb": (BOMB, "aliases expand to too many values"),
    # Was '"<unicode string>", position 21': now where, as for every other mistake.
    "a control character": (
        "theme: nord\ncorpus: a\x07b\n",
        "line 2, column 10: broken YAML: a control character (0x07) cannot be in it",
    ),
    "long corpus path": (f"corpus: {LONG}\n", "corpus: a folder path is too long"),
    "not a mapping": ("- a\n- b\n", "expected a mapping at the top level"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", [["list"], ["search", "putin"], ["index"]])
def test_bad_config_is_one_line_and_exit_2(case, command, reader_cli, isolated_dirs):
    text, expected = CASES[case]
    path = write(isolated_dirs["config"] / "config.yaml", text)
    result = reader_cli(*command, check=False)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"reader: {path}: ") and expected in lines[0]
    assert len(lines[0]) < 400


@pytest.mark.parametrize("case", ["corpus a list of numbers", "unclosed list", "corpus a number"])
@pytest.mark.parametrize(
    "command", [["list"], ["search", "budget"], ["stories"], ["index", "--no-prepare"], ["show", "a.md"]], ids=" ".join
)
def test_bad_config_is_exit_2_with_corpus_given_too(case, command, isolated_dirs, tmp_path, capsys, monkeypatch):
    """`reader --corpus ~/news list` read no config.yaml and exited 0 over a broken one, where
    `reader list` and `reader --corpus ~/news index` stopped with exit 2: a script that always
    gives --corpus never heard of it."""
    from conftest import run_main

    corpus = write(tmp_path / "news" / "a.md", "---\ntitle: Budget\n---\n\nThe budget passed on Tuesday.\n").parent
    monkeypatch.chdir(corpus)
    text, expected = CASES[case]
    path = write(isolated_dirs["config"] / "config.yaml", text)
    code, out, err = run_main(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), *command)
    assert (code, out) == (2, "")
    [line] = err.strip().splitlines()
    assert line.startswith(f"reader: {path}: ") and expected in line


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_app_launch_stops_on_a_bad_config_too(case, isolated_dirs, capsys):
    from argparse import Namespace

    from reader.tui.launch import run_app

    text, expected = CASES[case]
    path = write(isolated_dirs["config"] / "config.yaml", text)
    assert run_app(Namespace(corpus=None, index=None, follow_links=False)) == 2  # before any screen is drawn
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"reader: {path}: ") and expected in line


def test_a_long_corpus_path_on_the_command_line_is_exit_2(reader_cli):
    result = reader_cli("--corpus", LONG, "list", check=False)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "cannot use the folder" in line and "File name too long" in line and len(line) < 400


def test_feeds_yaml_is_read_with_the_same_bounds(tmp_path):
    from reader.fetch.subscriptions import FeedsFileError, load_subscriptions

    path = write(tmp_path / "feeds.yaml", BOMB.replace("corpus: *a9", "feeds: *a9"))
    with pytest.raises(FeedsFileError, match="aliases expand to too many values"):
        load_subscriptions(path)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("prepare_comparisons: maybe\n", "prepare_comparisons: expected true or false, not a string 'maybe'"),
        ('prepare_comparisons: "true"\n', "prepare_comparisons: expected true or false, not a string 'true'"),
        ('prepare_comparisons: ""\n', "prepare_comparisons: expected true or false, not an empty string"),
        ("prepare_comparisons: null\n", "prepare_comparisons: expected true or false, not null (nothing)"),
        ("prepare_comparisons:\n", "prepare_comparisons: expected true or false, not null (nothing)"),
        # Cleaned and shortened: one line, no control characters, 40 characters at most.
        (
            'prepare_comparisons: "a\\tb\\x1b[31m' + "x" * 60 + '"\n',
            "prepare_comparisons: expected true or false, not a string 'a b [31m" + "x" * 32 + "…'",
        ),
        ("prepare_comparisons: 2025-10-01\n", "prepare_comparisons: expected true or false, not a date"),
    ],
)
def test_a_wrong_value_is_named_in_plain_words(text, expected, isolated_dirs):
    from reader.config import load_user_config, prepare_comparisons, prepare_comparisons_problem

    path = write(isolated_dirs["config"] / "config.yaml", text)
    user = load_user_config()  # only the app, `index` and `fetch` read it: no command stops on it
    assert prepare_comparisons_problem(user) == (
        f"{path}: line 1: {expected}; using true until it is set to true or false"
    )
    assert prepare_comparisons(user) is True


@pytest.mark.parametrize("value", ["maybe", "[1]"])
def test_a_wrong_prepare_comparisons_stops_no_command(value, reader_cli, isolated_dirs):
    """`prepare_comparisons: maybe` stopped `reader list` (exit 2), which never reads it, where a bad
    text_width or theme (also read by the app alone) did not: now `list` goes on, and `index`,
    which reads it, says it once with the fix and prepares the comparisons as by default."""
    path = write(isolated_dirs["config"] / "config.yaml", f"theme: nord\nprepare_comparisons: {value}\n")
    listed = reader_cli("list")
    assert "Fox News" in listed.stdout and listed.stderr == ""
    indexed = reader_cli("index")
    [line] = indexed.stderr.strip().splitlines()
    assert line.startswith(f"reader: {path}: line 2: prepare_comparisons: expected true or false, not ")
    assert line.endswith("; using true until it is set to true or false")
    assert "comparisons: 2 of 2 articles ready" in indexed.stdout


def test_a_wrong_value_names_the_line_its_key_is_on(isolated_dirs):
    # The file and the key were named, not where in a long, commented file the key is.
    from reader.config import ConfigError, load_user_config

    path = write(isolated_dirs["config"] / "config.yaml", "# my settings\ntheme: nord\n\ncorpus: 3\n")
    with pytest.raises(ConfigError, match=r"config\.yaml: line 4: corpus: expected a folder"):
        load_user_config()
    write(path, "{theme: nord,\n corpus: 3}\n")  # flow style: the key's own line
    with pytest.raises(ConfigError, match=r"config\.yaml: line 2: corpus: expected a folder"):
        load_user_config()


def test_a_config_yaml_that_is_a_folder_is_an_error_not_no_settings(isolated_dirs, reader_cli):
    # It was taken for a missing file: every setting the user meant to give silently had no effect.
    path = isolated_dirs["config"] / "config.yaml"
    path.mkdir(parents=True)
    result = reader_cli("list", check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"reader: {path}: is a folder, not a file; the settings go in a file of that name\n"


def test_a_relative_corpus_folder_is_read_from_the_config_files_folder(reader_cli, isolated_dirs, tmp_path):
    # It was read from the folder reader ran in: found in one, "corpus folder not found" elsewhere.
    from test_index_helpers import make_corpus

    make_corpus(isolated_dirs["config"] / "news")
    write(isolated_dirs["config"] / "config.yaml", "corpus: news\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    paths = [Path(article["path"]) for article in json.loads(result.stdout)]
    assert paths and all(path.is_relative_to(isolated_dirs["config"] / "news") for path in paths)


def test_a_config_that_is_not_utf8_says_so_in_words(isolated_dirs, capsys):
    """Python's "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte" was the
    whole message."""
    from conftest import run_main

    path = write(isolated_dirs["config"] / "config.yaml", b"theme: caf\xe9\n")
    code, out, err = run_main(capsys, "list")
    assert code == 2 and out == ""
    assert err == f"reader: cannot read {path}: not UTF-8 text (byte 0xe9 at offset 10); save it as UTF-8\n"


@pytest.mark.parametrize(
    "text, where",
    [
        # libyaml counts a control character's place in UTF-8 bytes: any letter beyond ASCII
        # before it moved it ("line 3, column 5" in a two-line file).
        ("theme: 😀😀\ncorpus: a\x07\n", "line 2, column 10"),
        ("corpus: ~/Actualités\x07\n", "line 1, column 21"),
        ("\ufefftheme: nord\ncorpus: a\x07b\n", "line 2, column 10"),
        # A byte-order mark is no column of the first line (the parser does not count it either).
        ("\ufeffcorpus: [\n", "line 1, column 9"),
        ("\ufeffcorpus: a\x07\n", "line 1, column 10"),
        # Lines counted as the parser counts them (its marks name every other mistake): \r alone,
        # \r\n, a NEL or a line separator ends a line.
        ("theme: dark\rcorpus: [\r", "line 2, column 9"),
        ("theme: dark\r\ncorpus: [\r\n", "line 2, column 9"),
        ("theme: dark\x85corpus: [\n", "line 2, column 9"),
        ("theme: dark\u2028corpus: [\n", "line 2, column 9"),
        ("theme: dark\rcorpus: a\x07\r", "line 2, column 10"),
        ("theme: dark\r\n\tcorpus: a\r\n", "line 2, column 1"),
    ],
)
def test_broken_yaml_is_said_at_its_line_and_column_in_any_encoding_or_line_ending(text, where, isolated_dirs):
    from reader.config import ConfigError, load_user_config

    path = isolated_dirs["config"] / "config.yaml"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(ConfigError) as caught:
        load_user_config()
    assert str(caught.value).startswith(f"{path}: {where}: broken YAML: "), str(caught.value)


def test_a_tab_after_a_byte_order_mark_is_still_named(isolated_dirs):
    from reader.config import ConfigError, load_user_config

    path = isolated_dirs["config"] / "config.yaml"
    path.write_bytes("\ufeff\tcorpus: a\n".encode("utf-8"))
    with pytest.raises(ConfigError, match="; a tab: indent with spaces$"):
        load_user_config()
