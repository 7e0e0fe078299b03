"""CLI manners (ripgrep, fd): exit codes, global options anywhere, --color, broken pipes, no app
without a terminal."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus, write_article  # noqa: E402

from reader.cli import main  # noqa: E402
from conftest import SEEDS, cli_env, run_main, write  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


run = run_main  # (exit code, stdout, stderr) of `reader ARGV` in this process


def run_on_a_terminal(argv: list[str], **env) -> tuple[int, str]:
    """`python -m reader ARGV` with stdout on a pseudo-terminal -> (exit code, what it printed)."""
    leader, follower = pty.openpty()
    proc = None
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader", *argv],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.DEVNULL,
            env=cli_env(**env),
        )
        os.close(follower)
        follower = None
        chunks = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = proc.wait(timeout=30)
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        if follower is not None:
            os.close(follower)
        os.close(leader)
    return code, b"".join(chunks).decode("utf-8", "replace")


# -- 13: global options after the command ------------------------------------------------------


def test_global_options_work_after_the_command(corpus, tmp_path, capsys):
    ix = str(tmp_path / "ix")
    code, before, _ = run(capsys, "--corpus", str(corpus), "--index", ix, "list", "--json")
    assert code == 0
    code, after, _ = run(capsys, "list", "--json", "--corpus", str(corpus), "--index", ix)
    assert code == 0 and json.loads(after) == json.loads(before) and len(json.loads(after)) == 5
    code, out, _ = run(capsys, "search", "storm", "--corpus", str(corpus), "--index", ix, "--json")
    assert code == 0 and [h["id"] for h in json.loads(out)] == ["reuters/storm"]


def test_corpus_before_and_after_the_command_adds_up(corpus, tmp_path, capsys):
    other = tmp_path / "other"
    write_article(other, "extra", "Okapi born at the zoo", "BBC", "2025-12-01", "An okapi was born.")
    code, out, _ = run(
        capsys, "--corpus", str(corpus), "list", "--json", "--corpus", str(other), "--index", str(tmp_path / "ix")
    )
    assert code == 0
    ids = {a["id"] for a in json.loads(out)}
    assert "extra" in ids and "reuters/storm" in ids


@pytest.mark.parametrize(
    "argv, usage",
    [
        (["list", "--bogus"], "usage: reader list "),
        (["compare", "a", "b", "c", "--json"], "usage: reader compare "),
        (["feed", "list", "extra"], "usage: reader feed list "),
        (["search", "storm", "--bogus"], "usage: reader search "),
    ],
)
def test_an_argument_error_of_a_command_shows_that_commands_usage(argv, usage, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.startswith(usage), err
    assert "unrecognized arguments" in err and "COMMAND ..." not in err


@pytest.mark.parametrize(
    "argv, named",
    [
        (["show", "--bogus"], "--bogus"),
        (["compare", "--jsn"], "--jsn"),
        (["quotes", "--json", "--wat=1"], "--wat=1"),
    ],
)
def test_an_unknown_option_is_named_before_a_missing_argument(argv, named, capsys):
    # argparse checks the required ARTICLE first, which hid the typo that caused it.
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and f"unrecognized arguments: {named}" in err, err


@pytest.mark.parametrize(
    "argv, said",
    [
        (["feed"], "required: ACTION (choose from 'add', 'list', 'remove', 'import', 'export')"),
        (["completion"], "required: SHELL (choose from 'bash', 'zsh', 'fish')"),
    ],
)
def test_a_missing_argument_of_a_few_words_names_them(argv, said, capsys):
    # `reader feed` said only "required: ACTION", as if a newcomer knew the actions there are.
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.splitlines()[-1].endswith(said), err


@pytest.mark.parametrize(
    "argv, named",
    [
        (["show", "-rf"], "-rf"),
        (["compare", "-a", "b"], "-a"),
        (["search", "-5x"], "-5x"),
        (["list", "-x"], "-x"),
    ],
)
def test_an_unknown_short_option_is_named_too(argv, named, capsys):
    # `reader show -rf` (an article file named -rf.txt) said only "ARTICLE is required".
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and f"unrecognized arguments: {named}" in err, err
    if argv[0] != "list":  # a command that takes arguments says how to give one that starts with '-'
        assert f"goes after '--' (reader {argv[0]} -- {' '.join(argv[1:])})" in err
    else:  # one that takes none, where to look (it said no more than argparse's words)
        assert err.splitlines()[-1].endswith("-x (no option of `reader list`: `reader list --help` lists them)"), err


@pytest.mark.parametrize(
    "argv, said",
    [
        # git and ripgrep read `-a` as an option: said first, then the way to give an id `-a`,
        # with the x given before it (`reader show -- -a` was offered: no x)
        (
            ["show", "x", "-a"],
            "unrecognized arguments: -a (`reader show` has no option -a: `reader show --help` lists them); "
            "an argument that starts with '-' goes after '--' (reader show x -- -a)",
        ),
        # A and B in their order (`compare b -- -a` would swap them), B not lost
        (["compare", "-a", "b"], "goes after '--' (reader compare -- -a b)"),
        # an option after it stays an option, before the `--`
        (["show", "x", "-a", "--json", "y"], "goes after '--' (reader show x --json -- -a y)"),
        (["quotes", "-a", "x", "--corpus", "/tmp"], "(reader quotes --corpus /tmp -- -a x)"),
        # an option cut short as argparse takes it is an option too (it was put after `--`: two ids)
        (["show", "-a", "--corp", "/tmp", "x", "--fol"], "(reader show --corp /tmp --fol -- -a x)"),
        # a longer word may be an id: no "has no option"
        (
            ["show", "x", "-rf"],
            "unrecognized arguments: -rf; an argument that starts with '-' goes after '--' (reader show x -- -rf)",
        ),
    ],
)
def test_the_double_dash_hint_keeps_every_argument_given(argv, said, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    last = capsys.readouterr().err.splitlines()[-1]
    assert exc.value.code == 2 and last.endswith(said), last


@pytest.mark.parametrize(
    "argv, given",
    [
        (["compare", "--", "a", "--"], {"left": "a", "right": "--"}),
        (["compare", "a", "--", "--"], {"left": "a", "right": "--"}),
        (["compare", "--", "--", "--"], {"left": "--", "right": "--"}),
        (["show", "x", "--", "--", "-a"], {"targets": ["x", "--", "-a"]}),
        (["search", "--", "--", "x"], {"query": ["--", "x"]}),
        (["compare", "a", "--", "b"], {"left": "a", "right": "b"}),
    ],
)
def test_a_second_double_dash_is_an_argument(argv, given):
    # as git, ripgrep and POSIX read it, only the first `--` ends the options: Python 3.11's
    # argparse took out the first `--` among each argument's words, and `compare -- a --` had no B
    from reader.cli import build_parser

    parsed = vars(build_parser().parse_args(argv))
    assert {name: parsed[name] for name in given} == given
    assert all(
        type(word) is str
        for name in given
        for word in ([parsed[name]] if isinstance(parsed[name], str) else parsed[name])
    )


def test_every_argument_that_starts_with_a_dash_is_in_the_double_dash_hint(capsys):
    # `reader compare -one -two` (two ids that start with '-') was told `reader compare -- -one`,
    # which compares -one with another outlet's version instead.
    with pytest.raises(SystemExit) as exc:
        main(["compare", "-one", "-two"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.rstrip().endswith("goes after '--' (reader compare -- -one -two)"), err


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "--", "-a", "-b", "-c"],
        ["compare", "--json", "--", "-a", "-b", "-c"],
        ["compare", "a", "--json", "--", "-b", "-c"],
    ],
)
def test_arguments_after_the_double_dash_past_those_taken_are_told_how_many_it_takes(argv, capsys):
    # `reader compare -- -a -b -c` said "the following arguments are required: A" (argparse's
    # intermixed parsing lost the `--` and read -a as an option), as though none were given.
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    last = err.splitlines()[-1]
    assert exc.value.code == 2, err
    assert last.endswith("unrecognized arguments: -c; `reader compare` takes at most 2 arguments (A [B])"), last


@pytest.mark.parametrize(
    "words, found, status",
    [
        (["-OR"], [], 2),  # the word or, too common to search: not "OR needs a word after it"
        (["storm", "-OR"], ["a"], 0),
        (["-*"], [], 2),  # no wildcard that found every article: the text has no word
        (["-NOT", "budget"], ["b"], 0),  # not "NOT budget", which left b out
        (["-title:storm"], [], 1),  # the text "title:storm", no field: no article holds it
        (["-coa*"], [], 1),  # the text, no wildcard that found "coast"
        (['-"budget vote"'], ["b"], 0),  # its quote marks the query's phrase, the dash gone
    ],
)
def test_a_search_word_after_the_double_dash_is_searched_as_text_not_query_syntax(
    reader_in_process, tmp_path, words, found, status
):
    news = tmp_path / "news"
    write_article(news, "a", "Storm hits coast", "Daily", "2025-10-01", "The storms reached the coast on Tuesday.")
    write_article(news, "b", "Budget vote", "Herald", "2025-10-01", "The senate passed the budget.")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    result = reader_in_process(*where, "search", "--json", "--", *words, check=False)
    assert result.returncode == status, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout or "[]")] == found


def test_a_search_argument_of_several_words_after_the_double_dash_is_a_query_as_typed(reader_in_process, tmp_path):
    # its minus is the query's, as in 'budget -storm': not stripped into the words "storm budget"
    news = tmp_path / "news"
    write_article(news, "a", "Storm hits coast", "Daily", "2025-10-01", "The storm reached the coast on Tuesday.")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    result = reader_in_process(*where, "search", "--", "-storm coast", check=False)
    assert result.returncode == 2 and "write NOT storm" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "argv, said",
    [
        # a word after `--` is an argument: no "did you mean" an option, however close it is
        (
            ["compare", "--", "-a", "-b", "--corpus"],
            "unrecognized arguments: --corpus; `reader compare` takes at most 2 arguments (A [B])",
        ),
        (
            ["compare", "--", "-a", "-b", "--jsn"],
            "unrecognized arguments: --jsn; `reader compare` takes at most 2 arguments (A [B])",
        ),
        (
            ["list", "--", "--jsn"],
            "unrecognized arguments: -- --jsn; `reader list` takes no arguments, only options (`reader list --help` lists them)",
        ),
        # before it, a misspelt option is still asked about
        (["compare", "a", "b", "--jsn"], "unrecognized arguments: --jsn (did you mean --json?)"),
        (["list", "--jsn", "--"], "unrecognized arguments: --jsn (did you mean --json?)"),
        # the hint keeps the arguments already after `--`: `compare -- -a` compared -a with another
        (["compare", "-a", "--", "-b"], "goes after '--' (reader compare -- -a -b)"),
    ],
)
def test_a_word_after_the_double_dash_is_no_option_misspelt(argv, said, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    last = capsys.readouterr().err.splitlines()[-1]
    assert exc.value.code == 2 and last.endswith(said), last


def test_ids_after_the_double_dash_that_start_with_a_dash_are_compared(reader_in_process, tmp_path):
    news = tmp_path / "news"
    write_article(news, "-a", "Storm hits coast", "Daily", "2025-10-01", "The storm reached the coast on Tuesday.")
    write_article(news, "-b", "Storm reaches coast", "Herald", "2025-10-01", "A storm came to the coast on Tuesday.")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    result = reader_in_process(*where, "compare", "--json", "--", "-a", "-b", check=False)
    assert result.returncode == 0, result.stderr
    compared = json.loads(result.stdout)
    assert {compared["left"]["id"], compared["right"]["id"]} == {"-a", "-b"}


@pytest.mark.parametrize("word", ["-storm", "--storm"])
def test_a_search_word_after_the_double_dash_is_text_to_find_not_the_querys_minus(reader_in_process, tmp_path, word):
    # `reader search -- -lim` was told "-lim would search lim: write NOT lim", after the error for
    # `reader search -lim` had said to give it after `--`: as `rg -- -lim`, its text is searched.
    news = tmp_path / "news"
    write_article(news, "a", "Storm hits coast", "Daily", "2025-10-01", "The --storm reached the coast on Tuesday.")
    write_article(news, "b", "Budget vote", "Herald", "2025-10-01", "The senate passed the budget.")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    result = reader_in_process(*where, "search", "--json", "--", word, check=False)
    assert result.returncode == 0, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == ["a"]
    # typed inside one argument, the minus is still the query's, and still refused with its hint
    result = reader_in_process(*where, "search", "--", f"budget {word[-6:]}", check=False)
    assert result.returncode == 2 and "write NOT storm" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "argv, said",
    [
        (
            ["show", "000", "--verbose"],
            "--verbose is an option of `reader list`, `reader index` and `reader fetch`, not of `reader show`",
        ),
        (
            ["list", "--sort", "date"],
            "--sort is an option of `reader search` and `reader coverage`, not of `reader list`",
        ),
        (["feed", "list", "--min-size=2"], "--min-size is an option of `reader stories`, not of `reader feed list`"),
        # `reader completion --corpus x` listed 14 commands, the group `reader feed` among them.
        (
            ["completion", "--corpus", "x"],
            "--corpus is a global option, which `reader completion` does not take",
        ),
    ],
)
def test_another_commands_option_names_the_commands_that_have_it(argv, said, capsys):
    # `reader show 000 --verbose` was told "goes after '--' (reader show -- --verbose)": a file name.
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.rstrip().endswith(said), err
    assert "goes after" not in err


def test_every_command_takes_json_or_says_what_it_prints_instead(capsys):
    # `reader state export --json` was a usage error naming the 15 other commands with a --json,
    # as was `reader completion bash --json`: a script that adds --json everywhere was told nothing.
    from reader.cli import _commands_below, _holds_commands, build_parser

    commands = [parser for parser in _commands_below(build_parser()) if not _holds_commands(parser)]
    without = [parser.prog for parser in commands if "--json" not in parser._option_string_actions]
    assert without and all(parser.prints_instead_of_json for parser in commands if parser.prog in without), without
    for argv, said in (
        (["completion", "bash", "--json"], "`reader completion` prints a shell script, which has no JSON form"),
        (["feed", "export", "--json"], "`reader feed list --json` lists the subscriptions as JSON"),
    ):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        err = capsys.readouterr().err
        last = err.splitlines()[-1]  # after the usage
        assert exc.value.code == 2 and last.endswith(said) and "error: unrecognized arguments: --json; `" in last


def test_state_export_takes_json_and_prints_the_same_document(capsys):
    code, plain, _ = run(capsys, "state", "export")
    assert code == 0 and json.loads(plain)["format"] == "reader-state"
    code, out, err = run(capsys, "state", "export", "--json")
    # The export's time is to the second, and a loaded machine can run the two in different seconds.
    assert code == 0 and _without_time(out) == _without_time(plain), err


def _without_time(document: str) -> dict:
    exported = json.loads(document)
    del exported["exported"]
    return exported


def test_a_word_with_a_minus_in_a_search_is_told_how_to_leave_it_out(capsys):
    # `reader search fox -obama`: the hint was `reader search -- -obama`, which searched obama.
    with pytest.raises(SystemExit) as exc:
        main(["search", "fox", "-obama"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "unrecognized arguments: -obama; " in err and "write NOT obama" in err, err
    assert "goes after" not in err


def test_no_double_dash_hint_where_the_arguments_are_choices(capsys):
    # `completion bash --json`: --json is a wrong option there, no shell name that starts with '-'.
    with pytest.raises(SystemExit):
        main(["completion", "bash", "--json"])
    err = capsys.readouterr().err
    assert "unrecognized arguments: --json" in err and "goes after" not in err


@pytest.mark.parametrize(
    "argv, said",
    [
        (["fetch", "--bogus"], "--bogus (no option of `reader fetch`: `reader fetch --help` lists them)"),
        (["fetch", "--bogus=1", "https://a.example/rss"], "--bogus=1 (no option of `reader fetch`: "),
        (["feed", "add", "-x", "https://a.example/rss"], "-x (no option of `reader feed add`: "),
        (["feed", "remove", "--bogus"], "--bogus (no option of `reader feed remove`: "),
        (["fetch", "--quite"], "--quite (did you mean --quiet?)"),
        (["fetch", "-Q"], "-Q (did you mean -q?)"),
    ],
)
def test_an_unknown_option_where_the_arguments_are_urls_is_said_unknown(argv, said, capsys):
    # `reader fetch --bogus` was told "goes after '--' (reader fetch -- --bogus)": no URL starts with '-'.
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and f"unrecognized arguments: {said}" in err and "goes after" not in err, err


def test_a_negative_number_is_not_an_unknown_option(capsys):
    assert main(["search", "x", "--limit", "-3"]) == 2
    # the value judged, not the option
    assert capsys.readouterr().err == "reader: --limit must be 0 (all the results) or more\n"


@pytest.mark.parametrize(
    "argv, line",
    [
        (["search", "x", "--limit", "abc"], "reader: --limit must be a whole number (got 'abc')"),
        (["search", "x", "--limit", "2.5"], "reader: --limit must be a whole number (got '2.5')"),
        (["stories", "--min-size", "two"], "reader: --min-size must be a whole number (got 'two')"),
        (["stories", "--min-size", "0"], "reader: --min-size must be at least 1"),
        (["coverage", "--active", "a week"], "reader: --active must be a whole number (got 'a week')"),
    ],
)
def test_a_number_option_given_no_number_is_one_line_as_a_bad_date_is(argv, line, capsys):
    """`--limit abc` was argparse's usage and "invalid int value: 'abc'", while `--limit -1` and
    `--since soon` are one line that says what the option takes."""
    assert main(argv) == 2
    assert capsys.readouterr().err == line + "\n"


def test_an_abbreviated_option_and_a_double_dash_are_not_unknown(capsys):
    with pytest.raises(SystemExit):
        main(["show", "--upd"])  # --update, abbreviated: only the article is missing
    assert "required: ARTICLE" in capsys.readouterr().err
    main(["compare", "--", "--left"])  # after --, an article id (B may be left out): looked up
    err = capsys.readouterr().err
    assert "unrecognized" not in err and "'--left'" in err


def test_articles_may_follow_an_option(corpus, tmp_path, capsys):
    ix = str(tmp_path / "ix")
    code, out, _ = run(
        capsys, "--corpus", str(corpus), "--index", ix, "show", "reuters/storm", "--json", "bbc/football"
    )
    assert code == 0 and [a["id"] for a in json.loads(out)] == ["reuters/storm", "bbc/football"]
    code, out, err = run(capsys, "--corpus", str(corpus), "--index", ix, "show", "reuters/storm", "--json", "nope")
    assert code == 2 and "no article with id or path 'nope'" in err


def test_subcommand_help_lists_the_global_options(capsys):
    with pytest.raises(SystemExit):
        main(["list", "--help"])
    out = capsys.readouterr().out
    assert "global options" in out and "--corpus" in out and "--color" in out and "--follow-links" in out


@pytest.mark.parametrize(
    "asked, same_as",
    [
        (["help"], ["--help"]),
        (["help", "help"], ["--help"]),
        (["help", "list"], ["list", "--help"]),
        (["help", "feed", "add"], ["feed", "add", "--help"]),
        # after global options, and with a `--` after help, as git takes them (both were
        # "unknown command 'help'" and "unknown command '--'")
        (["--color", "never", "help", "list"], ["list", "--help"]),
        (["--corpus=.", "--follow-links", "help", "feed", "add"], ["feed", "add", "--help"]),
        (["help", "--", "list"], ["list", "--help"]),
        # -h before the command is the command's help, not reader's (git, cargo)
        (["-h", "list"], ["list", "--help"]),
        (["--help", "feed", "add"], ["feed", "add", "--help"]),
        (["--color", "never", "-h", "show"], ["show", "--help"]),
        (["-h", "search", "--", "-putin"], ["search", "--help"]),  # --help not taken for a query
        (["-h"], ["--help"]),
        # help after a command with commands of its own (was "unknown command 'help'")
        (["feed", "help", "add"], ["feed", "add", "--help"]),
        (["feed", "help"], ["feed", "--help"]),
        (["-h", "state", "help", "repair"], ["state", "repair", "--help"]),
        (["--color", "never", "state", "help", "--", "export"], ["state", "export", "--help"]),
        # the command's own options before help, as git users give them (was "unrecognized
        # arguments: --json")
        (["--corpus", "X", "--json", "help", "list"], ["list", "--help"]),
        (["--json", "-h", "search"], ["search", "--help"]),
        (["--no-check", "feed", "help", "add"], ["feed", "add", "--help"]),
    ],
)
def test_reader_help_command_is_the_command_s_help(asked, same_as, capsys):
    # `reader help` and `reader help list` were usage errors ("unknown command 'help'"), where
    # git and cargo take them
    with pytest.raises(SystemExit) as asked_exit:
        main(asked)
    out, err = capsys.readouterr()
    with pytest.raises(SystemExit):
        main(same_as)
    assert asked_exit.value.code == 0 and err == "" and out.startswith("usage: reader")
    assert out == capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "help", "--limit", "1", "--json"],  # a query that is the word help
        ["search", "--limit", "1", "--json", "--", "help"],
        ["--corpus", "help", "search", "help", "--limit", "1", "--json"],  # a folder named help
        ["--corpus=help", "search", "budget", "--limit", "1", "--json"],
    ],
)
def test_the_word_help_as_a_command_s_argument_or_an_option_s_value_is_no_help(argv, capsys, tmp_path, monkeypatch):
    """Only the command word help (before a command, or after one with commands of its own)
    asks help: as a query, a file or a folder's name, it is what it was."""
    corpus = tmp_path / "help"
    write(corpus / "a.md", "---\ntitle: Budget help\noutlet: Daily\n---\n\nThe budget needs help.\n")
    monkeypatch.chdir(tmp_path)
    if "--corpus" not in argv[0]:
        argv = ["--corpus", str(corpus), *argv]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert [hit["title"] for hit in json.loads(out)] == ["Budget help"]


def test_an_option_of_no_command_before_help_is_still_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--bogus", "help", "list"])
    _, err = capsys.readouterr()
    assert exit_info.value.code == 2 and "--bogus" in err


def test_reader_help_of_an_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["help", "nosuch"])
    _, err = capsys.readouterr()
    assert exit_info.value.code == 2 and "unknown command 'nosuch'" in err


def test_every_command_help_is_wrapped_and_says_what_each_argument_is(capsys, monkeypatch):
    # `completion`'s description ran past the terminal (a raw formatter), `feed add URL` and
    # `feed remove URL` said nothing, and `show` did not mention PATH#n.
    from reader.cli import _commands_below, build_parser

    monkeypatch.setenv("COLUMNS", "80")
    for parser in _commands_below(build_parser()):
        for action in parser._actions:
            if not action.option_strings and action.dest not in ("help",) and action.nargs != "A...":
                assert action.help, f"{parser.prog} {action.metavar or action.dest} has no help"
        head = parser.format_help().split("\n\npositional arguments:")[0]
        assert all(len(line) <= 80 for line in head.splitlines()), parser.prog
    for command in (["show"], ["quotes"], ["compare"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        assert "PATH#n" in capsys.readouterr().out, command


# -- 12: exit codes -------------------------------------------------------------------------------


def test_search_exits_0_found_1_nothing_2_error(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert run(capsys, *base, "search", "storm")[0] == 0
    code, out, _ = run(capsys, *base, "search", "zzzzqqqq", "--json")
    assert code == 1 and json.loads(out) == []
    code, out, _ = run(capsys, *base, "search", "zzzzqqqq")
    assert code == 1 and out == ""
    code, out, err = run(capsys, *base, "search", "bu*")
    assert code == 2 and out == "" and err.count("\n") == 1


def test_an_unknown_outlet_or_story_is_a_usage_error(corpus, tmp_path, capsys):
    """As README's table says: an --outlet no outlet matches is a bad option value (2); so is a
    --story id that names no story (it was 1, "nothing found", which a script read as no news)."""
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert run(capsys, *base, "list", "--outlet", "zzz")[0] == 2
    assert run(capsys, *base, "search", "storm", "--outlet", "zzz")[0] == 2
    code, out, err = run(capsys, *base, "search", "storm", "--story", "zzz")
    assert code == 2 and out == "" and err.startswith("reader: no story with id 'zzz'")


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "exit status" in out and "1 nothing found" in out
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    out = capsys.readouterr().out
    assert "1 when nothing was" in out


def test_the_corpus_option_says_which_files_are_articles(capsys):
    # A newcomer pointing --corpus at a folder had no way to learn from --help which files count.
    from reader.corpus.suffixes import SUPPORTED_SUFFIXES

    for argv in (["--help"], ["index", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        help_text = " ".join(capsys.readouterr().out.split())
        start = help_text.rindex("--corpus DIR ")  # its help, past the usage line's [--corpus DIR]
        corpus_help = help_text[start : help_text.index("--index DIR", start)]
        named = set(re.findall(r"\*(\.\w+)", corpus_help))
        assert named == set(SUPPORTED_SUFFIXES), named
        assert "RSS/Atom feeds" in corpus_help and "JSON Lines" in corpus_help


@pytest.mark.parametrize("command", [["show"], ["quotes"], ["compare"], ["fetch"], ["search"], ["index"]])
def test_a_command_with_exit_statuses_of_its_own_lists_them_under_one_heading(command, capsys):
    """A script writer reads `reader show --help` for what exit 1 means there: show, quotes and
    compare said nothing, and fetch said it as "Exit code:" inside its description."""
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert "\nexit status: 0 " in out and "1 when" in out and "2 for" in out
    assert "exit code" not in out.lower()


# -- 14: colour -----------------------------------------------------------------------------------


def test_color_always_colours_piped_output_and_never_keeps_it_plain(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, _ = run(capsys, *base, "search", "storm", "--color=always")
    assert code == 0 and "\x1b[1;33m" in out
    code, out, _ = run(capsys, *base, "--color", "never", "list")
    assert code == 0 and "\x1b" not in out and "Storm hits coastal towns" in out
    code, out, _ = run(capsys, *base, "search", "storm")  # auto, piped: plain and verbatim
    assert "\x1b" not in out and "*" not in out


def test_color_on_a_terminal_honours_auto_never_and_no_color(corpus, tmp_path):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "storm"]
    code, out = run_on_a_terminal(base)
    assert code == 0 and "\x1b[1;33m" in out
    code, out = run_on_a_terminal(base, NO_COLOR="1")
    assert code == 0 and "\x1b[" not in out and "*storm*" in out.lower()
    code, out = run_on_a_terminal([*base, "--color=never"])
    assert code == 0 and "\x1b[" not in out and "*storm*" in out.lower()
    code, out = run_on_a_terminal([*base, "--color=always"], NO_COLOR="1")
    assert code == 0 and "\x1b[1;33m" in out
    code, out = run_on_a_terminal(base, NO_COLOR="")  # empty NO_COLOR does not count
    assert code == 0 and "\x1b[1;33m" in out


def test_color_rejects_an_unknown_mode(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--color=sometimes", "list"])
    assert exc.value.code == 2
    assert "sometimes" in capsys.readouterr().err


# -- 5: no app without a terminal -------------------------------------------------------------------


def _bare_reader_without_a_terminal(tmp_path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *options],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=tmp_path,
        timeout=60,
    )


def test_bare_reader_without_a_terminal_prints_help_and_exits_2(tmp_path):
    result = _bare_reader_without_a_terminal(tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""  # nothing (no escape codes) in `reader > file`
    assert "usage: reader" in result.stderr and "needs a terminal" in result.stderr


def test_bare_reader_without_a_terminal_on_a_missing_folder_says_the_folder_first(tmp_path):
    """`reader --corpus ~/nwes` in a script: the folder's line, not forty lines of help above it."""
    result = _bare_reader_without_a_terminal(tmp_path, "--corpus", str(tmp_path / "nwes"))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == [
        f"reader: corpus folder not found: {tmp_path / 'nwes'}",
        "reader: the terminal app needs a terminal; give a command",
    ]


def test_a_missing_corpus_folder_names_the_folder_spelled_nearly_so(reader_in_process, tmp_path):
    """`reader --corpus nwes` (or `News` for news) said "not found" and no more: the typo was the
    user's to find by eye. The folder of a near name is named, as the path was written."""
    write(tmp_path / "news" / "bbc" / "a.txt", "A title\n\nThe council met on Tuesday.\n")
    result = reader_in_process("--corpus", "nwes", "list", check=False)
    assert result.returncode == 2
    assert result.stderr == "reader: corpus folder not found: nwes; did you mean news?\n"
    result = reader_in_process("--corpus", str(tmp_path / "News" / "bbc"), "list", check=False)
    assert result.stderr.endswith(f"; did you mean {tmp_path / 'news' / 'bbc'}?\n")
    # nothing near: the line as it was
    result = reader_in_process("--corpus", "papers", "list", check=False)
    assert result.stderr == "reader: corpus folder not found: papers\n"


def test_a_near_folder_the_user_may_not_enter_is_no_crash(reader_in_process, tmp_path, monkeypatch):
    """`--corpus nwes/2024` beside a folder `news` the user may not enter: Python 3.11's
    Path.is_dir raises PermissionError there, and the "did you mean" guess ended in a traceback
    (monkeypatched: tests run as root, to whom chmod 000 forbids nothing)."""
    from pathlib import Path

    (tmp_path / "news").mkdir()
    forbidden = tmp_path / "news" / "2024"
    is_dir = Path.is_dir

    def refusing(path, *args, **kwargs):
        if path.absolute() == forbidden:
            raise PermissionError(13, "Permission denied", str(path))
        return is_dir(path, *args, **kwargs)

    monkeypatch.setattr(Path, "is_dir", refusing)
    result = reader_in_process("--corpus", "nwes/2024", "list", check=False)
    assert (result.returncode, result.stderr) == (2, "reader: corpus folder not found: nwes/2024\n")


# -- 2: broken pipes --------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["show", "big"], ["show", "big", "--json"], ["list", "--json"], ["list", "--jsonl"]])
def test_a_closed_pipe_ends_quietly_with_exit_0(tmp_path, argv):
    corpus = tmp_path / "corpus"
    # Well over a pipe's buffer (64 KiB) so the writer is still writing when the reader leaves.
    write_article(corpus, "big", "Big", "Reuters", "2025-10-01", "All the news that fits. " * 12_000)
    for number in range(60):
        write_article(corpus, f"t{number:02d}", f"Title {number} " + "long words " * 150, "BBC", "2025-10-02", "Short.")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*base, "index"]) == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", *base, *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        cwd=tmp_path,
    )
    try:
        assert proc.stdout.readline()  # like `| head -1`
        proc.stdout.close()
        code = proc.wait(timeout=120)  # stderr carries a line at most: it cannot fill its pipe
        err = proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert err == "" and code == 0


def test_a_closed_stderr_drops_the_warnings_not_the_output(tmp_path, capsys, monkeypatch):
    """`reader list 2>&1 >ids.txt | grep -m1 skipped`: once grep had its line, the next warning
    raised BrokenPipeError, taken for stdout's: the listing stopped before its first line and
    the exit status was 0. What is said on stderr is dropped; the output and the status stay."""

    corpus = tmp_path / "corpus"
    write_article(corpus, "good", "Good", "Reuters", "2025-10-01", "The council met on Tuesday.")
    for number in range(3):
        write(corpus / f"bad{number}.txt", b"\xff\xfe bad bytes\n")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]

    class GoneStderr(io.TextIOBase):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    for argv, code in ((["index"], 0), (["list"], 0), (["show", "good", "nope"], 2), (["search", "zzz"], 1)):
        capsys.readouterr()
        monkeypatch.setattr(sys, "stderr", GoneStderr())
        assert main([*base, *argv]) == code, argv
        monkeypatch.undo()
        if argv != ["search", "zzz"]:
            assert capsys.readouterr().out.strip(), argv
    monkeypatch.setattr(sys, "stderr", GoneStderr())
    assert main([*base, "list", "--json"]) == 0
    monkeypatch.undo()
    assert [article["id"] for article in json.loads(capsys.readouterr().out)] == ["good"]
    # A real pipe whose reader left before anything was written: the same, and no status 120
    # from the interpreter's last flush of stderr.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "reader", *base, "list"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=write_end,
            env=cli_env(),
            cwd=tmp_path,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stdout.split()[-1]) == (0, b"good")


def test_a_bug_in_a_command_still_reaches_stderr_and_the_streams_are_given_back(tmp_path, capsys, monkeypatch):
    """The stand-ins main() puts on stdout and stderr while a command runs are removed when it
    ends, a bug's exception and all: its traceback (and a warning said before it) reach the real
    stderr, under `python -X dev` too, and the next main() in the process writes as the first did."""
    import reader.cli

    corpus = tmp_path / "corpus"
    write_article(corpus, "good", "Good", "Reuters", "2025-10-01", "The council met on Tuesday.")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    stdout, stderr = sys.stdout, sys.stderr

    def buggy(args):
        import warnings

        warnings.warn("said before the bug", UserWarning, stacklevel=1)
        raise RuntimeError("a bug")

    with monkeypatch.context() as patched:
        patched.setattr(reader.cli, "_run_command", buggy)
        with pytest.warns(UserWarning, match="said before the bug"), pytest.raises(RuntimeError, match="a bug"):
            main([*base, "list"])
    assert (sys.stdout, sys.stderr) == (stdout, stderr)
    capsys.readouterr()
    code, _, err = run_main(capsys, *base, "show", "nope")
    assert code == 2 and err.startswith("reader: no article with id or path 'nope'") and err.count("\n") == 1
    assert run_main(capsys, *base, "list")[0] == 0
    assert (sys.stdout, sys.stderr) == (stdout, stderr)

    script = (
        "import sys, warnings, reader.cli as cli\n"
        "def buggy(args):\n"
        "    warnings.warn('said before the bug')\n"
        "    raise RuntimeError('a bug')\n"
        "cli._run_command = buggy\n"
        f"sys.argv = ['reader', *{base!r}, 'list']\n"
        "cli.entry()\n"
    )
    result = subprocess.run(
        [sys.executable, "-X", "dev", "-c", script],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=cli_env(),
        cwd=tmp_path,
        timeout=120,
    )
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "UserWarning: said before the bug" in err and err.rstrip().endswith("RuntimeError: a bug")


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
def test_a_non_blocking_stdout_whose_reader_lags_gets_all_the_output(tmp_path, monkeypatch, unbuffered):
    """A stdout set non-blocking (by another program on the terminal, or a pipe given so) that
    is full when written: "cannot write the output", exit 1, and under PYTHONUNBUFFERED nothing
    written and exit status 0. The output waits for its reader instead, whole."""

    corpus = tmp_path / "corpus"
    write_article(corpus, "good", "Good", "Reuters", "2025-10-01", "The council met on Tuesday.")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*base, "index"]) == 0
    if unbuffered:  # as python -u makes sys.stdout

        def stdout_of(fd: int) -> io.TextIOBase:
            return io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding="utf-8", write_through=True)
    else:

        def stdout_of(fd: int) -> io.TextIOBase:
            return open(fd, "w", encoding="utf-8", closefd=False)

    code, received = _main_into_a_full_pipe(monkeypatch, [*base, "list", "--json"], stdout_of)
    assert code == 0
    listed = json.loads(received)
    assert [article["id"] for article in listed] == ["good"]


def _main_into_a_full_pipe(monkeypatch, args: list[str], stdout_of) -> tuple[int, bytes]:
    """main(args) with sys.stdout (made by `stdout_of` from a file descriptor) a non-blocking pipe
    already full, whose reader catches up only when reader waits for it: the exit status, and
    what reached the reader after the bytes that filled it."""
    import reader.cli

    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    os.set_blocking(read_end, False)
    received = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(read_end, 65536)
            except BlockingIOError:
                return
            if not chunk:  # its writer closed, all read
                return
            received.extend(chunk)

    for size in (4096, 1):  # the pipe full: its reader has not read yet
        try:
            while True:
                os.write(write_end, b"x" * size)
        except BlockingIOError:
            pass
    stream = stdout_of(write_end)

    def reader_catches_up(fd: int) -> None:
        drain()
        select.select([], [fd], [], 30)

    monkeypatch.setattr(reader.cli, "_wait_until_writable", reader_catches_up)
    monkeypatch.setattr(sys, "stdout", stream)
    code = main(args)
    monkeypatch.undo()
    stream.close()
    os.close(write_end)
    drain()
    os.close(read_end)
    return code, bytes(received).lstrip(b"x")


def test_warnings_into_a_busy_non_blocking_stderr_are_whole_lines_or_nothing():
    """stderr set non-blocking and its reader lagging (a busy terminal, a full pipe): the
    stream's buffer kept part of a line that could not be written, and the next line followed
    it ("reader: warning: filereader: warning: file00281.txt: …"). Lines are lost whole now."""
    from reader.cli import _ForgivingStderr

    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    os.set_blocking(read_end, False)
    for size in (4096, 1):  # the pipe full: its reader has not read yet
        try:
            while True:
                os.write(write_end, b"x" * size)
        except BlockingIOError:
            pass
    received = bytearray()

    def read(most: int) -> int:
        try:
            chunk = os.read(read_end, most)
        except BlockingIOError:
            return 0
        received.extend(chunk)
        return len(chunk)

    stream = open(write_end, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)
    stderr = _ForgivingStderr(stream)
    said = [f"reader: warning: file{number:05d}.txt: " + "y" * (number % 97) for number in range(3000)]
    try:
        for number, line in enumerate(said):
            print(line, file=stderr)  # two writes: the line, then its line break
            if number % 40 == 0:
                read(1024)  # the reader takes less than is written
        stderr.write("\r\x1b[2Kindexing  5% 1/20")  # a progress line: no line break, then flushed
        stderr.flush()
        while read(65536):
            pass
    finally:
        stream.close()
        os.close(write_end)
        os.close(read_end)
    text = bytes(received).lstrip(b"x").decode()
    lines = text.split("\n")
    assert lines[-1] in ("", "\r\x1b[2Kindexing  5% 1/20")
    assert 0 < len(lines[:-1]) < len(said)  # some were lost: the reader lagged
    assert all(line in said for line in lines[:-1]), [line for line in lines[:-1] if line not in said][:3]
    assert lines[:-1] == sorted(lines[:-1])  # in the order said


def test_color_never_makes_the_app_monochrome(monkeypatch):
    import io

    import reader.tui.launch as launch

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    seen = {}

    def fake_app(args):
        seen["NO_COLOR"] = os.environ.get("NO_COLOR")
        return 0

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.setattr(launch, "run_app", fake_app)
    monkeypatch.setenv("NO_COLOR", "")  # from here on, the environment is restored after the test
    monkeypatch.delenv("NO_COLOR")
    assert main(["--color=never"]) == 0 and seen["NO_COLOR"] == "1"
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main([]) == 0 and seen["NO_COLOR"] is None  # auto leaves it to the environment


def test_a_nested_commands_own_options_are_not_unknown_to_its_parent(capsys):
    from reader.cli import build_parser

    args = build_parser().parse_args(["feed", "add", "https://example.org/rss", "--no-check", "--outlet", "X"])
    assert args.no_check and args.outlet == "X"
    with pytest.raises(SystemExit) as exc:
        main(["feed", "add", "https://example.org/rss", "--no-chek"])
    assert exc.value.code == 2 and "unrecognized arguments: --no-chek" in capsys.readouterr().err


def test_global_options_work_after_a_nested_command():
    from reader.cli import build_parser

    args = build_parser().parse_args(["feed", "list", "--color", "never", "--corpus", "x"])
    assert args.color == "never" and args.corpus_after == [Path("x")]


def test_the_command_sets_every_object_aside_from_the_collector_before_the_process_ends(monkeypatch):
    """`reader` and `python -m reader` (cli.entry) exit with main()'s code after gc.freeze(): the
    interpreter's exit then does not walk every object in a last collection."""
    import gc

    from reader import cli

    monkeypatch.setattr(cli, "main", lambda: 3)
    for name in cli.BLAS_THREAD_VARIABLES:  # entry() may set them: undone after the test
        monkeypatch.delenv(name, raising=False)
    assert gc.get_freeze_count() == 0
    try:
        with pytest.raises(SystemExit) as exited:
            cli.entry()
        assert exited.value.code == 3 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_command_runs_blas_on_one_thread_unless_the_user_chose(monkeypatch):
    """cli.entry sets OPENBLAS_NUM_THREADS (and MKL's) to 1 before main() runs, so NumPy's BLAS,
    loaded later by a comparison, does not keep a second core spinning; a number the user set
    in any of the variables the BLAS libraries read is left alone."""
    from reader import cli

    seen = {}
    monkeypatch.setattr(cli, "main", lambda: seen.update({n: os.environ.get(n) for n in cli.BLAS_THREAD_VARIABLES}))
    monkeypatch.setattr(cli.gc, "freeze", lambda: None)
    for name in cli.BLAS_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit):
        cli.entry()
    assert seen == {
        "OPENBLAS_NUM_THREADS": "1",
        "GOTO_NUM_THREADS": None,
        "OMP_NUM_THREADS": None,
        "MKL_NUM_THREADS": "1",
    }

    for name in cli.BLAS_THREAD_VARIABLES:
        environ = {name: "4", "PATH": "/bin"}
        cli.default_to_one_blas_thread(environ)
        assert environ == {name: "4", "PATH": "/bin"}


def test_numpy_is_not_loaded_before_the_blas_setting_is_made():
    """The setting works only if NumPy (and its BLAS) is imported after entry() runs: importing
    the command line, and running a command that needs no comparison, loads no NumPy."""
    probe = (
        "import sys\n"
        "import reader.cli\n"
        "assert 'numpy' not in sys.modules, 'imported with reader.cli'\n"
        "from reader.commands.compare import register\n"
        "assert 'numpy' not in sys.modules, 'imported with the compare command'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


@pytest.mark.parametrize("command", [["list"], ["list", "--json"], ["stories"], ["coverage"]])
def test_a_first_index_being_built_elsewhere_is_exit_3_not_an_empty_corpus(
    command, tmp_path, capsys, isolated_dirs, monkeypatch
):
    from reader.index import lock

    corpus = make_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    monkeypatch.setenv("READER_LOCK_WAIT", "0")
    held = lock.acquire(index_dir, timeout=1)  # another process building the first index
    try:
        code, out, err = run_main(capsys, "--corpus", str(corpus), "--index", str(index_dir), *command)
    finally:
        lock.release(held)
    assert code == 3 and out == ""
    assert "another reader process is updating the index" in err and "no articles" not in err
    code, out, _ = run_main(capsys, "--corpus", str(corpus), "--index", str(index_dir), *command)
    assert code == 0 and out  # once it is free, the index is built and read


# -- output that cannot be written --------------------------------------------------------------


def _run_with_stdout(tmp_path, argv, stdout, preexec_fn=None, stderr=subprocess.PIPE):
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        env=cli_env(),
        cwd=tmp_path,
        timeout=120,
        preexec_fn=preexec_fn,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "--json"],
        ["compare", "reuters/budget-vote", "ap/budget-vote", "--markdown"],
        ["config", "--example"],
        ["completion", "bash"],
    ],
)
def test_a_full_disk_under_stdout_is_one_line_and_exit_1(tmp_path, corpus, argv):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*base, "index", "--no-prepare"]) == 0
    with open("/dev/full", "w") as full:
        result = _run_with_stdout(tmp_path, [*base, *argv], full)
    assert result.stderr.decode() == "reader: cannot write the output: No space left on device\n"
    assert result.returncode == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv", [["--help"], ["--version"], ["--version", "--json"], ["list", "--help"], ["completion", "--help"]]
)
def test_help_and_version_into_a_full_disk_fail_with_one_line(tmp_path, argv):
    # argparse prints these and exits before any command runs; its own printer drops write errors.
    with open("/dev/full", "w") as full:
        result = _run_with_stdout(tmp_path, argv, full)
    assert result.stderr.decode() == "reader: cannot write the output: No space left on device\n"
    assert result.returncode == 1


def test_help_is_printed_whole_with_exit_0(tmp_path):
    result = _run_with_stdout(tmp_path, ["--help"], subprocess.PIPE)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("usage: reader")
    assert "COMMAND" in result.stdout.decode() and not result.stderr


def test_a_closed_stdout_is_reported_not_a_crash(tmp_path, corpus):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*base, "index", "--no-prepare"]) == 0
    result = _run_with_stdout(tmp_path, [*base, "list"], subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert result.stderr.decode() == "reader: cannot write the output: Bad file descriptor\n"
    assert result.returncode == 1


def test_a_closed_stderr_keeps_the_exit_code(tmp_path):
    result = _run_with_stdout(
        tmp_path,
        ["--corpus", str(tmp_path / "nonexistent"), "list"],
        subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
        stderr=subprocess.DEVNULL,
    )
    assert result.returncode == 2 and result.stdout == b""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_step_without_a_count_stays_on_screen_until_the_next(monkeypatch):
    from reader.commands.common import ProgressLine

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    line = ProgressLine("indexing")
    line(0, 0, "grouping the stories of 5,000 articles")
    assert screen.getvalue().endswith("\r\x1b[2Kindexing: grouping the stories of 5,000 articles")
    line(0, 0, "")  # nothing under way: cleared
    assert screen.getvalue().endswith("\r\x1b[2K")
    line(3, 3, "")  # a full count without words: cleared
    assert screen.getvalue().endswith("\r\x1b[2K")


def test_a_full_count_with_words_stays_until_the_next_step_or_other_text(corpus, tmp_path, monkeypatch):
    """The index's commit was "180/180 committing": a full count, so the line was cleared at
    once, and the commit (1-2 s) ran under a blank line. It stays now, and goes before anything
    else reaches the terminal: the command's output, an error, the end of the process."""
    from reader.commands.common import ProgressLine, clear_progress

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("TERM", "xterm-256color")
    line = ProgressLine("indexing")
    line(180, 180, "saving the index")
    assert screen.getvalue().endswith("\r\x1b[2Kindexing 100% 180/180 saving the index")
    clear_progress()
    assert screen.getvalue().endswith("saving the index\r\x1b[2K")
    # A reading command's first build (no finish() of its own): its output starts on a clean row.
    monkeypatch.setattr(sys, "stdout", screen)
    assert main(["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "list", "--color", "never"]) == 0
    drawn, _, output = screen.getvalue().rpartition("\r\x1b[2K")
    # the last step, after the commit's full count: what it was doing, uncounted
    assert drawn.rpartition("saving the index")[0].endswith("\r\x1b[2Kindexing: ") and "indexing" not in output
    assert output.splitlines()[0].startswith("20") and output.endswith("\n")
    assert main(["--corpus", str(corpus), "--index", str(tmp_path / "ix2"), "show", "nosuch"]) == 2
    error = screen.getvalue().rpartition("\r\x1b[2K")[2]
    assert error.startswith("reader: no article with id or path 'nosuch'; `reader ") and error.count("\n") == 1


def test_the_comparisons_pass_is_on_screen_before_its_first_article(corpus, tmp_path, monkeypatch):
    """Between the index's last progress and the pass's first article (the encoder loading, the
    stories read), `reader index` drew nothing for 1-2.5 s: a blank line under a finished index."""
    from reader.library import Library

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("TERM", "xterm-256color")
    seen = []

    def prepare_stories(self, progress=None, cancel=None, *, again=False):
        seen.append(screen.getvalue().rpartition("\x1b[2K")[2])
        raise KeyboardInterrupt  # stop here: only what was on screen when the pass began matters

    monkeypatch.setattr(Library, "prepare_stories", prepare_stories)
    code = main(["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index"])
    assert code == 130 and seen == ["preparing comparisons: loading the sentence encoder"]
    assert screen.getvalue().endswith(
        "\r\x1b[2Kreader: interrupted while preparing the comparisons; the index is up to date\n"
    )


def test_a_comparison_is_on_screen_before_its_sentences_are_encoded(corpus, tmp_path, monkeypatch):
    """`reader compare` of two long files drew nothing while they were read and their quotations
    found (6 s for two 200 KB files) until the encoder began counting its sentences."""
    from reader.library import Library

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("TERM", "xterm-256color")
    seen = []
    real = Library.articles_at

    def articles_at(self, target, **how):
        seen.append(screen.getvalue().rpartition("\x1b[2K")[2])
        return real(self, target, **how)

    monkeypatch.setattr(Library, "articles_at", articles_at)
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*where, "index", "--no-prepare"]) == 0
    assert main([*where, "compare", "reuters/budget-vote", "ap/budget-vote", "--json"]) == 0
    assert seen == ["comparing: reading the articles"] * 2
    assert screen.getvalue().endswith("\r\x1b[2K")  # and cleared before the output


def test_the_progress_line_fits_a_narrow_terminal(monkeypatch):
    # At 40 columns a longer line wrapped, \r went back to its last row only, and each update left
    # a row behind: "preparing comparisons  92% 166/180 2010-" once per article.
    from reader.commands.common import ProgressLine
    from reader.wording import char_cells

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "40")
    ProgressLine("preparing comparisons")(166, 180, "2010-05-18-fox-8a841e62 东京举行峰会东京举行峰会")
    drawn = screen.getvalue().rpartition("\x1b[2K")[2]
    assert drawn.startswith("preparing comparisons  92% 166/180") and drawn.endswith("…")
    assert sum(char_cells(c) for c in drawn) < 40
    monkeypatch.setenv("COLUMNS", "200")
    ProgressLine("indexing")(1, 3, "loading articles")
    assert screen.getvalue().endswith("\r\x1b[2Kindexing  33% 1/3 loading articles")


@pytest.mark.parametrize(
    ("columns", "message", "drawn"),
    [
        (
            80,
            "waiting for another reader process to finish updating the index…",
            "indexing: waiting for another reader process to finish updating the index…",
        ),
        (
            60,
            "waiting for another reader process to finish updating the index…",
            "indexing: waiting for another reader process…",
        ),
        (
            40,
            "waiting for another reader process to finish updating the index…",
            "indexing: waiting for another reader…",
        ),
        (80, "removing outdated entries from the index", "indexing: removing outdated entries from the index"),
        (40, "removing outdated entries from the index", "indexing: removing outdated entries"),
        (30, "removing outdated entries from the index", "indexing: removing"),
        (40, "grouping the stories of 10,000 articles", "indexing: grouping 10,000 articles"),
    ],
)
def test_a_progress_step_is_drawn_in_the_longest_wording_that_fits(monkeypatch, columns, message, drawn):
    """Cut at the terminal's width, a step read "indexing: waiting for another reader process t…"
    at 50 columns: a shorter wording of its own is drawn whole instead (progress_words)."""
    from reader.commands.common import ProgressLine

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", str(columns))
    ProgressLine("indexing")(0, 0, message)
    assert screen.getvalue().rpartition("\x1b[2K")[2] == drawn


def test_a_progress_line_is_cleared_on_the_stream_it_was_drawn_on(monkeypatch, capsys):
    # A line left on screen was cleared on whatever stderr was at the end: a test's captured
    # stderr then ended in "\x1b[2K", and `feed ad x`'s error was no longer its last line.
    from reader.commands.common import ProgressLine

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("TERM", "xterm-256color")
    ProgressLine("indexing")(1, 3, "loading articles")
    monkeypatch.undo()  # stderr is the capture again, as in the next test of the same worker
    with pytest.raises(SystemExit):
        main(["feed", "ad", "x"])
    assert capsys.readouterr().err.endswith(
        "did you mean 'add'? (choose from 'add', 'list', 'remove', 'import', 'export')\n"
    )
    assert screen.getvalue().endswith("loading articles\r\x1b[2K")


def test_no_progress_line_on_a_dumb_terminal(monkeypatch):
    # TERM=dumb (Emacs's shell) printed "^[[2Kindexing   0% 0/180" as text, one line per step.
    from reader.commands.common import ProgressLine

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("TERM", "dumb")
    line = ProgressLine("indexing")
    line(1, 3, "loading articles")
    line.finish()
    assert screen.getvalue() == ""
    monkeypatch.setenv("TERM", "xterm-256color")
    ProgressLine("indexing")(1, 3, "loading articles")
    assert screen.getvalue() == "\r\x1b[2Kindexing  33% 1/3 loading articles"


def test_no_color_keeps_the_progress_line_and_its_erase_code(monkeypatch):
    # NO_COLOR asks for no colour (no-color.org); the line's \r and erase-line code are none, and
    # git's progress and cargo's bar stay under it: the line is left out where it cannot be drawn
    # (TERM=dumb, a pipe), not where colour is unwanted.
    from reader.commands.common import ProgressLine

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    line = ProgressLine("comparing")
    line(1, 3, "encoding")
    line.finish()
    assert screen.getvalue() == "\r\x1b[2Kcomparing  33% 1/3 encoding\r\x1b[2K"


def test_waiting_for_the_index_lock_is_said_while_it_lasts(tmp_path):
    from reader.index import lock
    from reader.library import IndexBusy

    held = lock.acquire(tmp_path / "ix", 0)
    heard = []
    try:
        with pytest.raises(IndexBusy):
            lock.acquire(tmp_path / "ix", 0.2, lambda done, total, message: heard.append((done, total, message)))
    finally:
        lock.release(held)
    assert heard == [(0, 0, "waiting for another reader process to finish updating the index…")]


def test_a_corpus_folder_whose_path_is_not_utf8_is_one_line_and_exit_2(tmp_path, capsys):
    # The index keeps the corpus folder's path as UTF-8 text: such a folder, named directly or
    # reached through a link, crashed the first update (UnicodeEncodeError) with a traceback.
    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/news\xff"))
    make_corpus(folder)
    link = tmp_path / "news-link"
    link.symlink_to(folder)
    for corpus, index in ((folder, ["--index", str(tmp_path / "ix")]), (link, [])):
        code, out, err = run_main(capsys, "--corpus", str(corpus), *index, "list")
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "not valid UTF-8; rename it" in err, err
        assert "news\\xff" in err  # the byte written as Python writes one: not \udcff, nor U+FFFD


def test_an_argument_that_is_not_utf8_is_shown_with_its_byte_escaped(tmp_path, capsys):
    """An id or outlet given with a byte that is not UTF-8 was quoted "'a\\udcff'": Python's
    name for the byte, which no user typed. It is written "'a\\xff'"."""
    make_corpus(tmp_path / "news")
    base = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"))
    code, out, err = run_main(capsys, *base, "show", os.fsdecode(b"a\xff"))
    assert code != 0 and err.count("\n") == 1 and "'a\\xff'" in err and "udc" not in err, err
    code, out, err = run_main(capsys, *base, "search", "--outlet", os.fsdecode(b"x\xff"), "budget")
    assert code != 0 and "'x\\xff'" in err and "udc" not in err, err


def test_json_naming_a_file_whose_name_is_not_utf8_is_still_utf8(tmp_path):
    """`reader show $'bad\\xffname.txt' --json` wrote the name's byte 0xff raw into `path`: no
    UTF-8, so jq and json.load refused the whole output. The byte is the escape \\udcff now, as
    ensure_ascii writes it: json.loads gives it back, and os.fsencode the file's own name."""
    raw = os.fsencode(tmp_path) + b"/bad\xffname.txt"
    with open(raw, "wb") as handle:
        handle.write(b"Council votes\n\nThe council voted on the budget on Monday.\n")
    base = [sys.executable, "-m", "reader", "--corpus", str(make_corpus(tmp_path / "news"))]
    for command in ("show", "quotes"):
        done = subprocess.run(
            [*base, command, raw, "--json"], capture_output=True, env=cli_env(), cwd=tmp_path, timeout=120
        )
        assert done.returncode == 0, done.stderr
        (article,) = json.loads(done.stdout.decode("utf-8"))  # strict: the bytes are UTF-8
        assert os.fsencode(article["path"]) == raw


def test_a_skipped_file_name_that_is_not_utf8_shows_its_byte_as_errors_do(tmp_path, capsys):
    """The skipped list wrote a byte of a name that is not UTF-8 as U+FFFD (the JSON `path`'s
    stand-in, which names no byte) while every error line writes it "\\xff"."""
    from reader.wording import skipped_lines

    news = make_corpus(tmp_path / "news")
    (news / os.fsdecode(b"caf\xe9\x01.txt")).write_bytes(b"")
    base = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    code, out, err = run_main(capsys, *base, "index")
    assert code == 0
    assert "caf\\xe9\\x01.txt: the name is not valid UTF-8" in err and "\ufffd" not in err, err
    code, out, err = run_main(capsys, *base, "index", "--json")
    (item,) = json.loads(out)["skipped"]
    assert item["path"].endswith("caf\udce9\x01.txt")  # the name itself, as every JSON path gives it
    assert skipped_lines([item])[1] == "caf\\xe9\\x01.txt: the name is not valid UTF-8; rename it to load it"


@pytest.mark.parametrize("signame, status", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_stops_a_command_as_ctrl_c_does(tmp_path, signame, status):
    # Killed outright, `reader index` left the update's unfinished files behind and its worker
    # processes' semaphores to a warning from multiprocessing; now the signal is raised as ctrl+c
    # is, so the same clean-ups run, and the exit status is 128 + N as a shell reports it.
    import signal

    from reader.index import lock

    corpus = make_corpus(tmp_path / "corpus")
    held = lock.acquire(tmp_path / "ix", 0)  # the command waits for it: a moment to stop it in
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,  # a terminal: the wait is shown, and the test knows when it began
            env=cli_env(READER_LOCK_WAIT="300"),
            # The signal as it is by default: under `nohup` (SIGHUP ignored, inherited) reader
            # rightly leaves it ignored, and the command would wait out the lock.
            preexec_fn=lambda: signal.signal(getattr(signal, signame), signal.SIG_DFL),
        )
        os.close(follower)
        follower = None
        said = b""
        deadline = time.monotonic() + 120
        while b"waiting for another" not in said and time.monotonic() < deadline:
            if select.select([leader], [], [], 1.0)[0]:
                said += os.read(leader, 4096)
        proc.send_signal(getattr(signal, signame))
        out, _ = proc.communicate(timeout=120)
        while select.select([leader], [], [], 0.5)[0]:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's other end closed
                break
            if not chunk:
                break
            said += chunk
    finally:
        lock.release(held)
        os.close(leader)
        if follower is not None:
            os.close(follower)
    assert proc.returncode == status and out == b""
    text = said.decode()
    assert f"reader: stopped by {signame}" in text and "Traceback" not in text, text


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_stdout_that_is_not_utf8_gets_every_article(tmp_path, encoding):
    # One title with a character the locale's encoding lacks ended the command at that article
    # ("reader: cannot write the output: 'ascii' codec can't encode...", exit 1).
    corpus = make_corpus(tmp_path / "corpus")
    title = "Caf\u00e9 \u201ctalks\u201d end \u2603"
    write_article(corpus, "cafe", title, "Riverside Gazette", "2025-10-01", "The caf\u00e9 \u2603 reopened on Monday.")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    env = cli_env(PYTHONIOENCODING=encoding)

    def run_piped(*argv):
        return subprocess.run(
            [sys.executable, "-m", "reader", *base, *argv], capture_output=True, env=env, cwd=tmp_path, timeout=120
        )

    listed = run_piped("list")
    assert listed.returncode == 0 and listed.stderr == b"", listed.stderr
    lines = listed.stdout.decode(encoding).splitlines()
    assert len(lines) == len(list(corpus.rglob("*.md")))
    assert any("talks" in line and "?" in line for line in lines)  # what it cannot show is '?'
    shown = run_piped("show", "cafe", "--json")
    assert shown.returncode == 0
    assert json.loads(shown.stdout.decode("ascii"))[0]["title"] == title  # \u escapes: nothing lost


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_coverage_csv_is_utf8_whatever_the_stream_s_encoding(tmp_path, encoding):
    # A CSV has no \u escapes: into an ASCII stream “talks” was written "?talks?", lost for pandas.
    corpus = make_corpus(tmp_path / "corpus")
    title = "Caf\u00e9 \u201ctalks\u201d end \u2603"
    write_article(corpus, "cafe", title, "Riverside Gazette", "2025-10-01", "The caf\u00e9 \u2603 reopened on Monday.")
    argv = ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "coverage", "--csv"]
    done = subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        capture_output=True,
        env=cli_env(PYTHONIOENCODING=encoding),
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert text.startswith("story,label,date,") and f",{title}," in text


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_coverage_csv_into_a_full_non_blocking_pipe_is_written_whole(tmp_path, monkeypatch, encoding):
    # Into a stream that is not UTF-8, the CSV went to the stream's own buffer, which is
    # non-blocking: its reader lagging, a traceback ("BlockingIOError: write could not complete").

    corpus = make_corpus(tmp_path / "corpus")
    title = "Caf\u00e9 \u201ctalks\u201d end"
    write_article(corpus, "cafe", title, "Riverside Gazette", "2025-10-01", "The caf\u00e9 reopened on Monday.")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*base, "index", "--no-prepare"]) == 0
    expected = subprocess.run(
        [sys.executable, "-m", "reader", *base, "coverage", "--csv"], capture_output=True, env=cli_env(), timeout=120
    ).stdout
    assert f",{title},".encode() in expected
    code, received = _main_into_a_full_pipe(
        monkeypatch, [*base, "coverage", "--csv"], lambda fd: open(fd, "w", encoding=encoding, closefd=False)
    )
    assert code == 0
    assert received == expected


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_coverage_csv_into_a_full_disk_in_a_latin1_locale_is_one_line(tmp_path, corpus):
    # The CSV's UTF-8 bytes bypassed stdout's guard: "OSError: [Errno 28]" and a traceback.
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*base, "index", "--no-prepare"]) == 0
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reader", *base, "coverage", "--csv"],
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            env=cli_env(PYTHONIOENCODING="latin-1"),
            timeout=120,
        )
    assert result.stderr.decode() == "reader: cannot write the output: No space left on device\n"
    assert result.returncode == 1


@pytest.mark.parametrize("command", ["show", "quotes", "compare"])
def test_an_error_naming_a_file_with_a_line_break_is_one_line(tmp_path, capsys, command):
    # The error quoted the name as it is: "reader: /x/a" and "b.txt: empty file" on two lines.
    corpus = make_corpus(tmp_path / "corpus")
    empty = tmp_path / "a\nb.txt"
    empty.write_text("")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    argv = [command, str(empty)] + (["reuters/budget-vote"] if command == "compare" else [])
    code, out, err = run_main(capsys, *base, *argv)
    assert code == 1 and out in ("", "[]\n")
    assert err == f"reader: {tmp_path}/a\\nb.txt: empty file\n"  # untrusted_shown: `ls $'a\\nb.txt'`


@pytest.mark.parametrize(
    "argv, line",
    [
        (["lsit"], "reader: error: unknown command 'lsit'; did you mean 'list'? (choose from 'list', "),
        (["feed", "ad", "x"], "reader feed: error: unknown command 'ad'; did you mean 'add'? (choose from "),
        (["search", "x", "--sort", "dat"], "reader search: error: argument --sort: unknown choice 'dat'; did you mean"),
        # The start of one choice: too short for a likeness, and what a user of abbreviated options tries.
        (
            ["search", "x", "--sort", "rel"],
            "reader search: error: argument --sort: unknown choice 'rel'; did you mean 'relevance'?",
        ),
        (["stor"], "reader: error: unknown command 'stor'; did you mean 'stories'?"),
        (["co"], "reader: error: unknown command 'co' (choose from "),  # compare, coverage, config...: no guess
        (
            ["list", "--jsn", "--outlte", "x"],
            "reader list: error: unrecognized arguments: --jsn --outlte (did you mean",
        ),
        (["frobnicate"], "reader: error: unknown command 'frobnicate' (choose from 'list', "),
        # `help` after a command's options listed the commands without saying where help is
        # (`reader help list` and `reader feed help add` are the commands' help: above).
        (
            ["feed", "--color", "never", "help"],
            "reader feed: error: unknown command 'help': `reader feed --help` lists the commands",
        ),
    ],
)
def test_a_mistyped_command_option_or_choice_names_the_close_one(argv, line, capsys):
    """As ripgrep's "a similar argument exists": the error line names what was probably meant."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    (last,) = capsys.readouterr().err.splitlines()[-1:]
    assert exc.value.code == 2 and last.startswith(line), last
    if "--outlte" in argv:
        assert last.endswith("(did you mean --json, --outlet?)")


@pytest.mark.parametrize(
    "argv, line",
    [
        # argparse took the word after the unknown option for the command
        (["--corpse", "news", "list"], "reader: error: unrecognized arguments: --corpse (did you mean --corpus?)"),
        (
            ["--bogus", "list"],
            "reader: error: unrecognized arguments: --bogus (no option of `reader`: `reader --help` lists its "
            "options, `reader list --help` those of `reader list`)",
        ),
        (
            ["--bogus"],
            "reader: error: unrecognized arguments: --bogus (no option of `reader`: `reader --help` lists its options)",
        ),
        # an ambiguous start is said as after the command, not "give it after the command"
        (["--jso", "list"], "reader list: error: ambiguous option: --jso could match --json, --jsonl"),
        (["--s", "2025", "list"], "reader list: error: ambiguous option: --s could match --since, --story"),
        # its value is no part of its name (argparse said "--s=x could match")
        (["--s=x", "list"], "reader list: error: ambiguous option: --s could match --since, --story"),
        (["list", "--s=a b"], "reader list: error: ambiguous option: --s could match --since, --story"),
        # no command: the options it could be, not a guess at one ("--json is an option of ...")
        (
            ["--jso"],
            "reader: error: unrecognized arguments: --jso; --jso could be --json or --jsonl: write one whole, "
            "after a command (reader list --json)",
        ),
    ],
)
def test_an_unknown_option_before_the_command_is_named_not_the_word_after_it(argv, line, capsys):
    """`reader --corpse news list` said "unknown command 'news'; did you mean 'feed'?" and
    `reader --limit 5 search x` "unknown command '5'": the option is what is wrong."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2 and capsys.readouterr().err.splitlines()[-1] == line


@pytest.mark.parametrize(
    "argv, line",
    [
        # --v starts reader's --version alone, and list's --verbose: argparse printed the version
        (["--v", "list"], "reader: error: ambiguous option: --v could match --version, --verbose"),
        (["--ver", "feed", "list"], None),  # `feed list` has no --verbose: the version, as ever
        # one letter is too short a start to be sure of: asked, not said as if typed whole
        (
            ["list", "--l"],
            "reader list: error: unrecognized arguments: --l; did you mean --limit? --limit is an option of "
            "`reader search`, not of `reader list`",
        ),
        (
            ["list", "--lim", "3"],
            "reader list: error: unrecognized arguments: --lim; --limit is an option of `reader search`, "
            "not of `reader list`",
        ),
    ],
)
def test_a_short_start_of_an_option_is_not_taken_for_the_wrong_one(argv, line, capsys):
    """`reader --v list` printed "reader 0.1.0"; `reader list --l` was told --limit as if typed."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    if line is None:
        assert exc.value.code == 0 and capsys.readouterr().out.startswith("reader ")
    else:
        assert exc.value.code == 2 and capsys.readouterr().err.splitlines()[-1] == line


@pytest.mark.parametrize(
    "before, after",
    [
        (["--json", "list"], ["list", "--json"]),
        (["--color", "never", "--outlet", "Fox News", "list"], ["--color", "never", "list", "--outlet", "Fox News"]),
        (["--outl=fox", "--jsonl", "list"], ["list", "--outlet=fox", "--jsonl"]),
        (["--limit", "1", "search", "putin"], ["search", "--limit", "1", "putin"]),
        (["--lim", "-5", "search", "x"], ["search", "--limit", "-5", "x"]),  # refused there, as there
        (["--min-size=2", "--json", "stories"], ["stories", "--min-size=2", "--json"]),
        (["feed", "--json", "list"], ["feed", "list", "--json"]),
        (["--json", "feed", "list"], ["feed", "list", "--json"]),
        (["--limit", "3", "help", "search"], ["search", "--help"]),
        (["--json", "help", "list"], ["list", "--help"]),
        (["--outlet", "list", "list"], ["list", "--outlet", "list"]),  # the first `list` its value
        # another command's option: refused as after the command ("not of `reader list`"), not
        # "give it after the command (reader stories --min-size 2)", which never said list has none
        (["--min-size", "2", "list"], ["list", "--min-size", "2"]),
        (["--limit=2", "feed", "list"], ["feed", "list", "--limit=2"]),
    ],
)
def test_a_commands_own_options_before_it_work_as_after_it(reader_in_process, monkeypatch, before, after):
    """`reader --json list` and `reader --limit 3 help search` were refused ("give it after the
    command") while `reader --json help list` worked: git, cargo and ripgrep users type options
    anywhere before the arguments. The same output and exit status as given after the command."""
    given = reader_in_process("--corpus", str(SEEDS), *before, check=False)
    placed = reader_in_process("--corpus", str(SEEDS), *after, check=False)
    assert (given.returncode, given.stdout, given.stderr) == (placed.returncode, placed.stdout, placed.stderr)
    assert given.stdout or given.returncode == 2


def test_the_global_options_before_the_command_still_parse(tmp_path, capsys):
    """Abbreviated, with `=`, with their value after them: none is taken for an unknown option."""
    folder = tmp_path / "news"
    folder.mkdir()
    for argv in (
        ["--corp", str(folder), "--color", "never", "config", "--path"],
        [f"--corpus={folder}", "--colour=never", "--follow-links", "config", "--path"],
    ):
        assert main(argv) == 0, argv
        assert capsys.readouterr().out.strip().endswith("config.yaml")


@pytest.mark.parametrize(
    "argv",
    [
        ["feed", "add", "--name", "x", "http://example.invalid/feed.xml"],  # was: did you mean --index?
        ["show", "x", "--verbose"],  # was: --version (`list` and `index` have a --verbose)
        ["list", "--quiet"],  # was: --outlet
        ["list", "--csv"],  # was: --corpus
        ["search", "x", "--count", "3"],  # was: --until
    ],
)
def test_an_unknown_option_like_no_other_gets_no_hint(argv, capsys):
    """The '--' every option shares is no likeness: an option unlike any other is only named."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    (last,) = capsys.readouterr().err.splitlines()[-1:]
    assert exc.value.code == 2 and "unrecognized arguments" in last and "did you mean" not in last, last


@pytest.mark.parametrize("option", ["--corpus", "--index"])
def test_an_empty_folder_is_a_usage_error_not_the_current_folder(option, capsys, tmp_path, monkeypatch):
    """`--index "$DIR"` with DIR unset wrote an index into the current folder (and `--corpus ''`
    read it as the corpus)."""
    monkeypatch.chdir(tmp_path)
    for argv in ([option, "", "list"], ["list", option, ""]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        err = capsys.readouterr().err
        assert exc.value.code == 2 and f"argument {option}: an empty folder name" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "config"]  # nothing written here


def test_a_folder_option_after_an_equals_sign_reads_a_leading_tilde_as_home(capsys, tmp_path, monkeypatch):
    """Shells expand ~ only at the start of a word: `--corpus=~/news` reached reader as is."""
    monkeypatch.setenv("HOME", str(tmp_path))
    make_corpus(tmp_path / "news")
    code, out, err = run_main(capsys, "--corpus=~/news", "list", "--index=~/ix", "--json")
    assert code == 0 and err == "" and json.loads(out)
    assert (tmp_path / "ix" / "reader-index.json").is_file()


def test_help_never_cuts_a_date_form_at_its_hyphens(capsys, monkeypatch):
    """argparse wrapped at hyphens: `--since D ... (YYYY-` / `MM-DD, ...`."""
    from reader.cli import _commands_below, build_parser

    monkeypatch.setenv("COLUMNS", "80")
    for parser in [build_parser(), *_commands_below(build_parser())]:
        shown = parser.format_help()
        assert not re.search(r"\w-\n", shown), parser.prog


def test_a_read_only_index_folder_is_not_answered_with_run_reader_index(tmp_path, capsys, monkeypatch):
    """On a read-only index folder (a read-only mount), the reading commands said to run `reader
    index`, which could only fail with "cannot write the index folder"."""
    import reader.library

    corpus = make_corpus(tmp_path / "news", {"a": ("Storm", "Reuters", "2025-10-01", "A storm hit the coast.")})
    ix = tmp_path / "ix"
    assert run_main(capsys, "--corpus", str(corpus), "--index", str(ix), "index", "--no-prepare")[0] == 0
    write_article(corpus, "b", "Vote", "AP", "2025-10-02", "The vote was close.")
    code, _, err = run_main(capsys, "--corpus", str(corpus), "--index", str(ix), "list")
    assert code == 0 and f"run `reader --corpus {corpus} --index {ix} index` or add --update" in err
    real_access = os.access
    monkeypatch.setattr(
        reader.library.os,
        "access",
        lambda path, mode, **kw: False if Path(path) == ix and mode == os.W_OK else real_access(path, mode, **kw),
    )
    code, _, err = run_main(capsys, "--corpus", str(corpus), "--index", str(ix), "list")
    assert code == 0 and err.count("\n") == 1 and "reader index" not in err
    assert f"its folder {ix} is read-only, so it cannot be updated here" in err


LONG = "a" * 4000 + "tail-of-it"


@pytest.mark.parametrize(
    "argv",
    [
        ["show", LONG],
        ["quotes", LONG],
        ["compare", LONG, "x"],
        ["list", "--outlet", LONG],
        ["search", "budget", "--story", LONG],
        ["stories", "--min-size", LONG],
        ["search", "budget", "--sort", LONG],
        [LONG],  # an unknown command
        ["show", "--" + LONG],
    ],
)
def test_a_huge_argument_is_cut_in_its_error_line(corpus, tmp_path, capsys, argv):
    """A 5,000-character id was echoed whole in its error line: a screenful of it."""
    code = 0
    try:
        code = main(["--corpus", str(corpus), "--index", str(tmp_path / "ix"), *argv])
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code in (1, 2)
    line = next(line for line in err.splitlines() if "aaaa" in line)
    assert len(line) < 700, line  # (the option hint quotes it twice)
    assert "characters)…" in line and line.count("aaaa") >= 2
    assert "tail-of-it" in line  # the end kept: it tells two long ids apart


def test_shortened_keeps_short_text_and_cuts_long_words_in_the_middle():
    from reader.wording import shortened

    assert shortened("no article with id or path 'abc'") == "no article with id or path 'abc'"
    text = shortened("no article with id or path '" + "x" * 5000 + "END'; did you mean 'y'?")
    assert text.startswith("no article with id or path 'xxx") and text.endswith("xxEND'; did you mean 'y'?")
    assert "…(4," in text and len(text) < 320
    many = shortened("ab " * 2000)
    assert len(many) < 1100 and many.startswith("ab ab") and "characters)…" in many


def test_an_empty_listing_says_so_on_stderr_when_piped(corpus, tmp_path, capsys):
    """`reader stories --min-size 99 | wc -l` counted "no story with 99 or more articles" as a
    line of data; on a terminal it is still said in its place."""
    code, out, err = run(
        capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "stories", "--min-size", "99"
    )
    assert (code, out) == (0, "") and err.endswith("reader: no story with 99 or more articles\n")
    code, out, err = run(
        capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "coverage", "--only", "blindspot"
    )
    assert (code, out) == (0, "") and err.endswith("reader: no blindspots\n")


@pytest.mark.parametrize(
    "argv, line",
    [
        (["list", "{corpus}"], "give a corpus folder with --corpus: `reader --corpus {corpus} list`"),
        (["index", "{corpus}"], "give a corpus folder with --corpus: `reader --corpus {corpus} index`"),
        (["stories", "{corpus}", "--json"], "reader --corpus {corpus} stories --json"),
        (["feed", "list", "{corpus}"], "reader --corpus {corpus} feed list"),
        (["{corpus}"], "unknown command '{corpus}'; give a corpus folder with --corpus: `reader --corpus {corpus}`"),
        (["{corpus}", "list"], "reader --corpus {corpus} list"),
        (["list", "--", "{corpus}"], "give a corpus folder with --corpus: `reader --corpus {corpus} list`\n"),
        (["list", "{corpus}/reuters/storm.md"], "to print an article file: reader show {corpus}/reuters/storm.md"),
    ],
)
def test_a_folder_given_where_a_command_takes_none_says_to_give_it_with_corpus(corpus, argv, line, capsys):
    # `reader list ~/news` is what a newcomer types: "unrecognized arguments" alone left them there.
    with pytest.raises(SystemExit) as exc:
        main([arg.format(corpus=corpus) for arg in argv])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert line.format(corpus=corpus) in err, err


def test_a_word_that_names_no_path_gets_no_corpus_hint(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["feed", "list", "extra"])
    err = capsys.readouterr().err
    assert err.rstrip().endswith(
        "unrecognized arguments: extra; `reader feed list` takes no arguments, only options "
        "(`reader feed list --help` lists them)"
    ), err


@pytest.mark.parametrize(
    "argv, status",
    [(["search", "budget"], 1), (["search", "budget", "--json"], 1), (["stories"], 0), (["stories", "--json"], 0)]
    + [(["coverage"], 0), (["coverage", "--json"], 0)],
)
def test_a_command_that_finds_nothing_in_an_empty_corpus_says_the_corpus_is_empty(tmp_path, capsys, argv, status):
    # "no results" alone left a mistyped --corpus unsaid, as `list` and `index` say it (and ripgrep, searching no file)
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _out, err = run(capsys, "--corpus", str(empty), "--index", str(tmp_path / "ix"), *argv)
    assert code == status
    assert f"reader: no articles in {empty}: add plain text" in err, err


def test_a_search_that_finds_nothing_in_a_corpus_with_articles_says_nothing_of_it(corpus, tmp_path, capsys):
    code, _out, err = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "zebra")
    assert code == 1 and "no articles" not in err


def test_a_folder_name_with_a_space_is_one_folder_in_the_line_to_type(tmp_path, capsys):
    folder = tmp_path / "my news"
    folder.mkdir()
    with pytest.raises(SystemExit):
        main(["list", str(folder)])
    err = capsys.readouterr().err
    assert (
        f"unrecognized arguments: '{folder}'; give a corpus folder with --corpus: `reader --corpus '{folder}' list`"
        in err
    )


def test_an_empty_unrecognized_argument_is_shown_quoted(capsys):
    # "unrecognized arguments: " with nothing after it, for `reader config --path "$X"` with X unset
    with pytest.raises(SystemExit) as exc:
        main(["config", "--path", ""])
    assert exc.value.code == 2
    assert "unrecognized arguments: ''; `reader config` takes no arguments" in capsys.readouterr().err


def test_a_folder_in_a_search_that_finds_nothing_says_how_to_search_its_articles(corpus, tmp_path, capsys):
    # `reader search budget ~/news`, as ripgrep takes a path: exit 1 and nothing else said
    folder = tmp_path / "news"
    folder.mkdir()
    code, out, err = run(
        capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "budget", str(folder)
    )
    assert (code, out) == (1, "")
    assert f"reader: {folder} is a folder, searched for as words; to search the articles in it: " in err
    assert f"`reader --corpus {folder} --index {tmp_path / 'ix'} search budget`\n" in err
    code, out, err = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "budget")
    assert code == 0 and "is a folder" not in err


@pytest.mark.parametrize("command", ["show", "quotes", "compare"])
def test_the_id_of_a_skipped_file_says_why_it_was_skipped(tmp_path, capsys, command):
    """`reader show fox/empty` said "no article with id or path 'fox/empty'" of a file that is
    there, which the index skipped: it names the file and the reason, as `reader index` did."""
    corpus = tmp_path / "news"
    (corpus / "fox").mkdir(parents=True)
    (corpus / "fox" / "good.md").write_text("---\ntitle: A\noutlet: Fox\n---\n\nThe council met on Tuesday.\n")
    (corpus / "fox" / "empty.md").write_text("---\ntitle: Nothing\n---\n\n")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert run(capsys, *base, "index", "--no-prepare")[0] == 0
    code, out, err = run(capsys, *base, command, *(["fox/good"] if command == "compare" else []), "fox/empty")
    assert code == 1 and out in ("", "[]\n")
    assert err.splitlines()[-1] == (
        f"reader: 'fox/empty' is the file {corpus}/fox/empty.md, skipped: no article text (empty after the metadata)"
    )
    code, out, err = run(capsys, *base, "show", "fox/empt")  # a start of no id stays what it was
    assert (
        err.splitlines()[-1]
        == f"reader: no article with id or path 'fox/empt'; `reader {' '.join(base)} list` lists every id"
    )


def test_the_id_of_a_skipped_symbolic_link_says_why_it_was_skipped(tmp_path, capsys):
    """A link the index skipped (one to nothing, a second way to a corpus file) was "no article
    with id or path 'dangling'": its id was looked for by the path the link leads to."""
    corpus = tmp_path / "news"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.md").write_text("---\ntitle: A\noutlet: Fox\n---\n\nThe council met on Tuesday.\n")
    (corpus / "dangling.md").symlink_to(tmp_path / "gone.md")
    (corpus / "sub" / "link-a.md").symlink_to(corpus / "a.md")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert run(capsys, *base, "index", "--no-prepare")[0] == 0
    code, out, err = run(capsys, *base, "show", "dangling")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        f"reader: 'dangling' is the file {corpus}/dangling.md, skipped: "
        f"broken symbolic link (its target '{tmp_path}/gone.md' does not exist)"
    )
    code, out, err = run(capsys, *base, "show", "sub/link-a")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        f"reader: 'sub/link-a' is the file {corpus}/sub/link-a.md, skipped: "
        "same file as a.md, reached by a symbolic link (not read twice)"
    )


def test_a_problem_of_your_outlets_yaml_names_the_file_once(tmp_path, capsys, monkeypatch):
    """ "reader: outlets.yaml: /home/me/.config/reader/outlets.yaml: …" named the file twice."""
    folder = tmp_path / "conf"
    write(folder / "outlets.yaml", "generic:\n  drop_line: ['x']\n")
    monkeypatch.setenv("READER_CONFIG_DIR", str(folder))
    corpus = make_corpus(tmp_path / "news")
    code, out, err = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index", "--no-prepare")
    assert code == 0
    said = [line for line in err.splitlines() if "drop_line" in line]
    assert said == [
        f"reader: {folder}/outlets.yaml: line 2: generic: unknown key 'drop_line' ignored; did you mean 'drop_lines'?"
    ]


def test_an_unknown_id_in_a_corpus_with_a_symlink_loop_is_one_error_line(tmp_path, capsys):
    """A symbolic link loop in the corpus (`loop1 -> loop2 -> loop1`, or `sub/up -> ..`), which
    the index skips, made every id not in the index a traceback ("RuntimeError: Symlink loop" on
    Python < 3.13, "PosixPath('.') has an empty name"), where looking for the skipped file an id
    may name resolved the loop's path."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "good.md").write_text("---\ntitle: A\noutlet: Fox\n---\n\nThe council met on Tuesday.\n")
    (corpus / "empty.md").write_text("")
    (corpus / "loop1.md").symlink_to("loop2.md")
    (corpus / "loop2.md").symlink_to("loop1.md")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to("..")  # leads back to the root: a folder, no file's id
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert run(capsys, *base, "index", "--no-prepare")[0] == 0
    code, out, err = run(capsys, *base, "show", "nothing-like-it")
    assert (code, out) == (2, "") and "Traceback" not in err
    assert (
        err.splitlines()[-1]
        == f"reader: no article with id or path 'nothing-like-it'; `reader {' '.join(base)} list` lists every id"
    )
    code, out, err = run(capsys, *base, "show", "loop1")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        f"reader: 'loop1' is the file {corpus}/loop1.md, skipped: symbolic link loop (points to 'loop2.md')"
    )
    code, out, err = run(capsys, *base, "show", "empty")  # a skipped file after the loop in the record
    assert (code, err.splitlines()[-1]) == (1, f"reader: 'empty' is the file {corpus}/empty.md, skipped: empty file")


# -- ctrl+c while the command is still starting ----------------------------------------------------


@pytest.mark.parametrize(
    "signum, status, line", [(None, 130, "reader: interrupted"), (15, 143, "reader: stopped by SIGTERM")]
)
def test_ctrl_c_while_the_commands_load_is_one_line_not_a_traceback(monkeypatch, capsys, signum, status, line):
    # ctrl+c in the 0.1-0.3 s the parser took to load every command's module printed a traceback
    # of importlib and argparse (and the process died of SIGINT instead of exiting 130).
    from reader import cli
    from reader.commands.common import Stopped

    def interrupted_build():
        raise KeyboardInterrupt if signum is None else Stopped(signum)

    monkeypatch.setattr(cli, "build_parser", interrupted_build)
    try:
        code, out, err = run(capsys, "list")
    except KeyboardInterrupt:  # as a failure of this test, not an interrupted test run
        pytest.fail("the interruption escaped main()")
    assert (code, out, err) == (status, "", line + "\n")


def test_ctrl_c_while_the_entry_point_starts_is_one_line_not_a_traceback(monkeypatch, capsys):
    import gc

    from reader import cli

    def interrupted_main():
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "main", interrupted_main)
    monkeypatch.setattr(cli, "stop_on_termination_signals", lambda: None)  # this process's handlers stay
    for name in cli.BLAS_THREAD_VARIABLES:  # entry() may set them: undone after the test
        monkeypatch.delenv(name, raising=False)
    try:
        with pytest.raises(SystemExit) as stop:
            cli.entry()
    except KeyboardInterrupt:
        pytest.fail("the interruption escaped entry()")
    finally:
        gc.unfreeze()
    assert stop.value.code == 130 and capsys.readouterr().err == "reader: interrupted\n"


def installed_entry_point() -> str:
    """`from MODULE import FUNCTION; FUNCTION()`: what the console script pyproject.toml installs runs."""
    import tomllib

    target = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["reader"]
    module, function = target.split(":")
    return f"from {module} import {function}\n{function}()\n"


@pytest.mark.parametrize("start", ["the console script", "python -m reader"])
def test_ctrl_c_while_python_loads_the_command_is_one_line(tmp_path, start):
    """The installed `reader` and `python -m reader` load reader.cli inside a handler of their own:
    a ctrl+c during that import (simulated where it reaches the commands' common module) printed a
    traceback of the import machinery."""
    launch = (
        installed_entry_point()
        if start == "the console script"
        else "import runpy\nrunpy.run_module('reader', run_name='__main__')\n"
    )
    code = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'reader.commands.common':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n" + launch
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "list"], capture_output=True, env=cli_env(), cwd=tmp_path, timeout=120
    )
    assert (done.returncode, done.stdout, done.stderr) == (130, b"", b"reader: interrupted\n"), done.stderr


def test_json_into_a_utf8_stream_writes_accents_and_other_scripts_as_themselves(tmp_path):
    """README: `--json` text is written as itself (no \\u escapes) where stdout is UTF-8, as in
    LANG=C, which Python reads as UTF-8."""
    corpus = make_corpus(tmp_path / "corpus")
    title = "Caf\u00e9 \u041c\u043e\u0441\u043a\u0432\u0430 \u65e5\u672c"
    write_article(corpus, "cafe", title, "Riverside Gazette", "2025-10-01", "The caf\u00e9 reopened on Monday.")
    env = cli_env(LC_ALL="C", LANG="C")
    env.pop("PYTHONIOENCODING", None)
    env.pop("PYTHONUTF8", None)
    listed = subprocess.run(
        [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "list", "--json"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert listed.returncode == 0 and title.encode("utf-8") in listed.stdout and b"\\u" not in listed.stdout


def test_words_typed_in_utf8_under_an_ascii_locale_are_searched_as_typed(tmp_path):
    """LC_ALL=C with PYTHONUTF8=0: Python reads the terminal's UTF-8 bytes of `Кремль` as lone
    surrogates, and the search said "the query has no words to search for" (exit 2); an --outlet
    so typed matched no outlet."""
    corpus = make_corpus(tmp_path / "corpus")
    write_article(corpus, "kremlin", "Кремль ответил", "Новая газета", "2025-10-01", "В Кремле ответили в понедельник.")
    env = cli_env(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    env.pop("PYTHONIOENCODING", None)
    base = [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(tmp_path / "ix")]

    def search(*argv: str | bytes):
        return subprocess.run(
            [*base, "search", *argv, "--json"], capture_output=True, env=env, cwd=tmp_path, timeout=120
        )

    found = search("Кремль".encode())
    assert found.returncode == 0, found.stderr
    assert [hit["id"] for hit in json.loads(found.stdout)] == ["kremlin"]
    by_outlet = search("ответили".encode(), "--outlet", "Новая газета".encode())
    assert by_outlet.returncode == 0 and [hit["id"] for hit in json.loads(by_outlet.stdout)] == ["kremlin"], (
        by_outlet.stderr
    )


def test_file_names_in_utf8_under_an_ascii_locale_are_read_as_utf8(tmp_path):
    """LC_ALL=C with PYTHONUTF8=0: Python read file names as ASCII, so `café.md` was skipped as
    "not valid UTF-8" (`reader index` there removed the article another locale had indexed), its
    id could not be typed ("no article with id or path"), and `show` of its path ended in a
    traceback (UnicodeEncodeError). The id is the same in every locale, and the output stays ASCII."""
    corpus = make_corpus(tmp_path / "corpus")
    write_article(corpus, "café", "Café reopens", "Riverside Gazette", "2025-10-01", "The café reopened on Monday.")
    env = cli_env(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    env.pop("PYTHONIOENCODING", None)
    base = [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(tmp_path / "ix")]

    def run(*argv: str | bytes):
        return subprocess.run([*base, *argv], capture_output=True, env=env, cwd=tmp_path, timeout=120)

    indexed = run("index", "--json", "--no-prepare")
    assert indexed.returncode == 0 and json.loads(indexed.stdout)["skipped"] == [], indexed.stderr
    for name in ("café".encode(), os.fsencode(corpus / "café.md")):
        shown = run("show", name, "--json")
        assert shown.returncode == 0, shown.stderr
        assert [article["id"] for article in json.loads(shown.stdout)] == ["café"]
        assert shown.stdout.isascii()  # `\u00e9`: JSON into an ASCII stream loses nothing
    plain = run("show", "café".encode())
    assert plain.returncode == 0 and b"Caf? reopens" in plain.stdout, plain.stderr


def test_a_name_with_an_escape_is_written_one_way_in_every_message(tmp_path, capsys):
    """A file name with an escape sequence was "bad.txt" in an error line (the sequence removed:
    no such file), "bad?[31m.txt" in a skipped line, and '\\x1b' in a config warning: now every
    message writes it as untrusted_shown does, visibly escaped, so `ls $'bad\\x1b[31m.txt'`
    finds it, and nothing of it reaches the terminal as a control."""
    from reader.wording import untrusted_shown

    news = make_corpus(tmp_path / "news")
    bad = news / "bad\x1b[31m.txt"
    bad.write_bytes(b"")
    shown = "bad\\x1b[31m.txt"
    base = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    code, out, err = run_main(capsys, *base, "index", "--no-prepare")
    assert f"reader: skipped {news}/{shown}: " in err and "\x1b" not in err, err
    code, out, err = run_main(capsys, *base, "show", str(bad))
    assert code == 1 and f"{news}/{shown}: " in err and "\x1b" not in err, err
    empty = tmp_path / "e\x1bx"
    empty.mkdir()
    code, out, err = run_main(capsys, "--corpus", str(empty), "--index", str(tmp_path / "ix2"), "index", "--no-prepare")
    assert f"no articles in {tmp_path}/e\\x1bx: " in err, err
    code, out, err = run_main(capsys, *base, "search", "--outlet", "a\x1b[31mb", "budget")
    assert code == 2 and "'a\\x1b[31mb'" in err and "\x1b" not in err, err
    assert untrusted_shown("a\x1b[31m\n\u202e\x9b" + os.fsdecode(b"\xff")) == "a\\x1b[31m\\n\\u202e\\x9b\\xff"
    assert untrusted_shown("café 東京") == "café 東京"  # printable text stays as it is


def test_a_terminal_gets_ten_skipped_files_a_reason_and_a_count_of_the_rest(monkeypatch, capsys):
    """`reader index` on 100,000 empty files printed 100,000 "skipped" lines: on a terminal, the
    first ten of each reason and one line for the rest; --verbose (every_one) and a pipe keep
    every line."""
    from reader.commands import common

    items = [{"path": f"/c/e{i}.txt", "reason": "empty file"} for i in range(100_000)]
    items.append({"path": "/c/b.bin", "reason": "binary (a NUL byte on line 3)"})
    items.append({"path": "/c/w.txt", "reason": "empty file", "warning": True})
    common.report_skipped(items)  # stderr is no terminal here: a pipe gets them all
    assert capsys.readouterr().err.count("\n") == 100_002
    monkeypatch.setattr(common, "_isatty", lambda stream: True)
    common.report_skipped(items)
    lines = capsys.readouterr().err.splitlines()
    assert lines[:10] == [f"reader: skipped /c/e{i}.txt: empty file" for i in range(10)]
    assert lines[10:] == [
        "reader: skipped /c/b.bin: binary (a NUL byte on line 3)",
        "reader: warning: /c/w.txt: empty file",
        "reader: … and 99,990 more skipped: empty file (`reader index --verbose` lists them all)",
    ]
    common.report_skipped(items, every_one=True)
    assert capsys.readouterr().err.count("\n") == 100_002


def test_index_verbose_names_every_skipped_file(tmp_path, capsys, monkeypatch):
    from reader.commands import common

    news = make_corpus(tmp_path / "news")
    for i in range(12):
        (news / f"empty{i:02}.txt").write_bytes(b"")
    base = ("--corpus", str(news), "--index", str(tmp_path / "ix"), "index", "--no-prepare")
    monkeypatch.setattr(common, "_isatty", lambda stream: stream is sys.stderr)
    code, out, err = run_main(capsys, *base)
    assert code == 0 and err.count("skipped") == 11 and "… and 2 more skipped: empty file" in err, err
    code, out, err = run_main(capsys, *base, "--verbose")
    assert code == 0 and err.count("reader: skipped") == 12 and "more skipped" not in err, err


def test_a_folder_all_skipped_points_to_verbose_only_when_the_terminal_was_given_some(tmp_path, capsys, monkeypatch):
    """The line saying every file was skipped told `reader index` to run `reader index --verbose`
    to see the reasons it had just printed; on a terminal that cut the list it still does."""
    from reader.commands import common

    news = tmp_path / "news"
    for i in range(12):
        write(news / f"empty{i:02}.txt", "")
    base = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    for command in ("index", "list"):
        code, out, err = run_main(capsys, *base, command)
        assert code == 1 and err.count("reader: skipped") == 12, err  # nothing loaded
        assert err.splitlines()[-1].endswith("(12 files or entries; each named above with its reason)"), err
    monkeypatch.setattr(common, "_isatty", lambda stream: stream is sys.stderr)
    code, out, err = run_main(capsys, *base, "index")
    assert code == 1 and "… and 2 more skipped: empty file" in err, err
    assert err.splitlines()[-1].endswith(
        f"`reader --corpus {news} --index {tmp_path / 'ix'} index --verbose` names each with its reason)"
    ), err


def test_files_skipped_for_the_same_kind_of_reason_are_counted_together(monkeypatch, capsys):
    """Grouped by the words before the first parenthesis, "same id 'x' as PATH (…)" was a reason of
    its own for every file, so 5,000 of them were 5,000 lines on a terminal: they are grouped by
    the reason's fixed words, "same id", as "empty file" is."""
    from reader.commands import common

    items = [
        {"path": f"/c/a{i}.md", "reason": f"same id 'a{i}' as /c/a{i}.txt (ids are paths without the extension)"}
        for i in range(12)
    ]
    items += [
        {"path": f"/c/l{i}", "reason": f"symbolic link loop: 'l{i}' leads back to c (not followed)"} for i in range(11)
    ]
    monkeypatch.setattr(common, "_isatty", lambda stream: True)
    common.report_skipped(items)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 22, lines
    assert lines[-2:] == [
        "reader: … and 2 more skipped: same id (`reader index --verbose` lists them all)",
        "reader: … and 1 more skipped: symbolic link loop (`reader index --verbose` lists them all)",
    ]
    assert common.skip_reason_kind("same folder as news/world, reached by a symbolic link (not read twice)") == (
        "same folder"
    )
    assert common.skip_reason_kind("binary (a NUL byte on line 3)") == "binary"
    assert common.skip_reason_kind("empty file") == "empty file"


def test_list_verbose_names_every_skipped_file_and_its_count_line_points_to_it(tmp_path, capsys, monkeypatch):
    """`reader list` cut the skipped files to ten a reason on a terminal and pointed to `reader
    index --verbose`: it has its own --verbose, which its count line names."""
    from reader.commands import common

    news = make_corpus(tmp_path / "news")
    for i in range(12):
        (news / f"empty{i:02}.txt").write_bytes(b"")
    base = ("--corpus", str(news), "--index", str(tmp_path / "ix"), "list")
    monkeypatch.setattr(common, "_isatty", lambda stream: stream is sys.stderr)
    code, out, err = run_main(capsys, *base)
    assert code == 0 and err.count("reader: skipped") == 10, err
    listing = f"reader --corpus {news} --index {tmp_path / 'ix'} list --verbose"
    assert f"… and 2 more skipped: empty file (`{listing}` lists them all)" in err, err
    code, out, err = run_main(capsys, *base, "--verbose")
    assert code == 0 and err.count("reader: skipped") == 12 and "more skipped" not in err, err


def test_feed_list_shows_a_failure_as_its_stderr_line_does(capsys, monkeypatch):
    """`feed list` on stdout stripped the control characters of a feed's URL and its failure (a
    server's words), which every message on stderr escapes: both show them as untrusted_shown does,
    and no raw escape reaches stdout."""
    from reader.library import Library

    feed = {
        "url": "https://example.org/rss",
        "outlet": "Example",
        "stored": 1,
        "last_fetched": None,
        "status": "failed",
        "error": "unexpected content type text/x\x1b[2Jy",
    }
    monkeypatch.setattr(Library, "feeds", staticmethod(lambda problems=None, skipped=None: [dict(feed)]))
    code, out, err = run_main(capsys, "feed", "list")
    assert code == 0 and "\x1b" not in out, out
    assert (
        out
        == "https://example.org/rss  Example  1 article  last never  failed: unexpected content type text/x\\x1b[2Jy\n"
    )


@pytest.mark.parametrize(
    "argv, status, stdout",
    [
        # an error: nothing on stdout, the line on stderr, the exit status
        (["search", "budget", "--story", "nope"], 2, ""),
        (["search", "budget", "--outlet", "zzz"], 2, ""),
        (["search", "budget", "--limit", "x"], 2, ""),
        (["list", "--outlet", "zzz"], 2, ""),
        (["stories", "--min-size", "x"], 2, ""),
        (["coverage", "--since", "2025-13"], 2, ""),
        (["compare", "nope", "nope2"], 2, ""),
        # an empty result: [] and that command's exit status
        (["search", "zzzqqq"], 1, "[]\n"),
        (["stories", "--min-size", "99"], 0, "[]\n"),
        (["coverage", "--since", "2099"], 0, "[]\n"),
        # cat's manners: the articles found, none here (a name that names nothing: 2): JSON naming it
        (["show", "nope"], 2, "failed"),
        (["quotes", "nope"], 2, "failed"),
    ],
)
def test_json_errors_print_nothing_and_empty_results_print_an_empty_list(tmp_path, capsys, argv, status, stdout):
    """README, "What --json prints": `search --story nope --json` printed nothing and a search that
    found nothing `[]`, with no rule said; the rule is now one for every command."""
    corpus = make_corpus(tmp_path / "corpus")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run_main(capsys, *base, *argv, "--json")
    if stdout == "failed":
        assert code == status and [entry["name"] for entry in json.loads(out)["failed"]] == [argv[1]], err
        return
    assert (code, out) == (status, stdout), err
    if not stdout:  # the error is said on stderr
        assert err.startswith("reader: ") or "usage:" in err, err


def test_a_folder_with_a_line_break_is_given_back_in_a_line_that_runs_as_pasted(corpus, tmp_path, capsys):
    # shlex.quote kept the line break raw, and the message showed it "\n" inside '...': bash read a
    # backslash and an n, another folder.
    folder = tmp_path / "my\nnews"
    folder.mkdir()
    shown = f"$'{tmp_path}/my\\nnews'"
    with pytest.raises(SystemExit):
        main(["list", str(folder)])
    assert f"give a corpus folder with --corpus: `reader --corpus {shown} list`" in capsys.readouterr().err
    code, out, err = run(
        capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "budget", str(folder)
    )
    assert (
        code == 1
        and f"to search the articles in it: `reader --corpus {shown} --index {tmp_path / 'ix'} search budget`\n" in err
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--index", "{ix}", "--follow-links", "list", "{folder}"],
        ["list", "{folder}", "--index={ix}", "--follow-links"],
        ["--index", "{ix}", "--follow-links", "{folder}"],
    ],
)
def test_a_folder_given_where_a_command_takes_none_keeps_the_index_and_follow_links_given(tmp_path, capsys, argv):
    """The line to type instead was built by hand beside Library.command_line: it dropped the
    --index and --follow-links the user gave, so pasting it indexed the folder elsewhere and
    reported its linked files."""
    folder, ix = tmp_path / "my news", tmp_path / "the index"
    folder.mkdir()
    with pytest.raises(SystemExit):
        main([arg.format(folder=folder, ix=ix) for arg in argv])
    command = " list" if "list" in argv else ""
    assert f"`reader --corpus '{folder}' --index '{ix}' --follow-links{command}`" in capsys.readouterr().err


def test_a_folder_shown_as_an_article_or_searched_as_words_keeps_follow_links(corpus, tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    options = ("--corpus", str(corpus), "--index", str(tmp_path / "ix"), "--follow-links")
    code, _out, err = run(capsys, *options, "show", str(folder))
    assert code == 2 and f"(`reader --corpus {folder} --index {tmp_path / 'ix'} --follow-links list` lists" in err
    code, _out, err = run(capsys, *options, "search", "budget", str(folder))
    assert code == 1 and f"`reader --corpus {folder} --index {tmp_path / 'ix'} --follow-links search budget`" in err


def test_one_builder_writes_every_command_line_a_message_names():
    from reader.wording import reader_command

    assert reader_command("list") == "reader list"
    assert reader_command("", corpus=["-news"], index="/a b", follow_links=True) == (
        "reader --corpus=-news --index '/a b' --follow-links"
    )


def test_every_commands_exit_statuses_name_a_bad_option_and_it_exits_2(capsys):
    # `state export`, `feed list`, `completion`... listed their statuses without the usage error
    # every command has: a bad option, exit 2 (as the top-level --help says).
    from reader.cli import _commands_below, _holds_commands, build_parser

    for parser in _commands_below(build_parser()):
        if _holds_commands(parser):
            continue
        statuses = (parser.epilog or "").partition("exit status")[2].partition("\n\n")[0]
        assert "bad option" in statuses, parser.prog
        with pytest.raises(SystemExit) as exc:
            main([*parser.prog.split()[1:], "--no-such-option"])
        assert exc.value.code == 2, parser.prog
        capsys.readouterr()


@pytest.mark.parametrize(
    "variable, argv, kept",
    [
        ("READER_DATA_DIR", ["state"], "read marks and fetched articles"),
        ("READER_DATA_DIR", ["list"], "read marks and fetched articles"),
        ("READER_CONFIG_DIR", ["feed", "add", "--no-check", "https://example.com/rss"], "settings"),
        ("READER_CONFIG_DIR", ["config"], "settings"),
    ],
)
def test_a_file_where_a_settings_or_data_folder_is_wanted_is_one_line_and_exit_2(
    capsys, monkeypatch, tmp_path, variable, argv, kept
):
    """READER_DATA_DIR naming a file counted "0 articles read" with exit 0 (no mark could ever be
    saved), and READER_CONFIG_DIR one made `feed add` say "cannot edit …/feeds.yaml: File exists"."""
    a_file = tmp_path / "settings.txt"
    a_file.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv(variable, str(a_file))
    code, out, err = run_main(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == (
        f"reader: {variable} {a_file}: is a file, not a folder; reader keeps its {kept} in a folder there: "
        f"move the file away, or set {variable} to a folder\n"
    )


@pytest.mark.parametrize(
    "variable, argv",
    [
        ("READER_DATA_DIR", ["state"]),
        ("READER_CONFIG_DIR", ["feed", "add", "--no-check", "https://example.com/rss"]),
    ],
)
def test_a_link_to_a_missing_settings_or_data_folder_is_one_line_and_exit_2(
    capsys, monkeypatch, tmp_path, variable, argv
):
    """A link whose folder is gone (an unmounted disk) can hold nothing either: `reader state`
    counted "0 articles read" with exit 0 and `feed add` said "cannot edit …/feeds.yaml: File
    exists", as for a file there before."""
    link = tmp_path / "reader"
    link.symlink_to(tmp_path / "unmounted" / "reader")
    monkeypatch.setenv(variable, str(link))
    code, out, err = run_main(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == (
        f"reader: {variable} {link}: is a link to {tmp_path / 'unmounted' / 'reader'}, which does not exist: "
        f"make that folder, or set {variable} to a folder\n"
    )


def test_a_file_where_the_default_data_folder_is_names_no_variable_set_empty(capsys, monkeypatch, tmp_path):
    """READER_DATA_DIR= (empty) is not set: the line named it as if it had moved the folder."""
    (tmp_path / "reader").write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("READER_DATA_DIR", "")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    code, out, err = run_main(capsys, "state")
    assert (code, out) == (2, "")
    assert err.startswith(f"reader: the folder {tmp_path / 'reader'}: is a file, not a folder; ")


def test_state_with_no_marks_file_says_there_is_none_yet(capsys, monkeypatch, tmp_path):
    """A newcomer's `reader state` said "(marks file PATH)" of a file not there, and the
    `reader state export` after it "PATH is not there"."""
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    code, out, _err = run_main(capsys, "state")
    marks = tmp_path / "data" / "marks.sqlite3"
    assert (code, out) == (0, f"0 articles read, 0 starred (no marks file yet: {marks})\n")


def test_a_file_above_the_data_folder_is_one_line_and_exit_2(capsys, monkeypatch, tmp_path):
    """XDG_DATA_HOME naming a file (the data folder is reader/ in it): `reader state` counted "0
    articles read" with exit 0, as for READER_DATA_DIR naming one."""
    (tmp_path / "share").write_text("not a folder\n", encoding="utf-8")
    monkeypatch.delenv("READER_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    code, out, err = run_main(capsys, "state")
    assert (code, out) == (2, "")
    assert err == (
        f"reader: the folder {tmp_path / 'share' / 'reader'}: {tmp_path / 'share'} is a file, not a folder; reader "
        "keeps its read marks and fetched articles in a folder there: move the file away, or set READER_DATA_DIR to a folder\n"
    )


@pytest.mark.parametrize(
    "argv, unknown, said",
    [
        (
            ["--json"],
            "--json",
            "--json is an option of `reader list`, `reader show` and 15 more: give it after the command "
            "(reader list --json); `reader --version --json` prints the version as JSON",
        ),
        (
            ["--corpus", "news", "--jsonl"],
            "--jsonl",
            "--jsonl is an option of `reader list`, `reader show` and 4 more: give it after the command "
            "(reader list --jsonl)",
        ),
        (
            ["--limit", "5"],
            "--limit",
            "--limit is an option of `reader search`: give it after the command (reader search --limit 5)",
        ),
        (
            ["--version", "--jsonl"],
            "--jsonl",
            "`reader --version` takes no option but --json (reader --version --json)",
        ),
        (
            ["--jsonl", "--version"],
            "--jsonl",
            "`reader --version` takes no option but --json (reader --version --json)",
        ),
        (["--version", "--csv"], "--csv", "`reader --version` takes no option but --json (reader --version --json)"),
        (  # the value a shell word: written bare, News was an argument of its own
            ["--outlet", "Fox News"],
            "--outlet",
            "--outlet is an option of `reader list`, `reader search` and 3 more: "
            "give it after the command (reader list --outlet 'Fox News')",
        ),
        (  # an escape sequence typed: a shell word that says it ($'...'), never the sequence itself
            ["--outlet", "\x1b[2J[bold]"],
            "--outlet",
            "--outlet is an option of `reader list`, `reader search` and 3 more: "
            "give it after the command (reader list --outlet $'\\x1b[2J[bold]')",
        ),
        (  # --json is the one it takes: the other is named
            ["--version", "--json", "--jsonl"],
            "--jsonl",
            "`reader --version` takes no option but --json (reader --version --json)",
        ),
    ],
)
def test_a_commands_option_given_with_no_command_says_where_it_goes(argv, unknown, said, capsys):
    """`reader --json` and `reader --version --jsonl` were a bare "unrecognized arguments: --json":
    the line says what to type instead, as for an option given before a command; exit status 2."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    last = capsys.readouterr().err.splitlines()[-1]
    assert exc.value.code == 2 and last == f"reader: error: unrecognized arguments: {unknown}; {said}"


@pytest.mark.parametrize(
    "argv, said",
    [
        (
            ["--lim", "5"],
            "reader: error: unrecognized arguments: --lim; --limit is an option of `reader search`: "
            "give it after the command (reader search --limit 5)",
        ),
        (  # misspelt, not abbreviated: a guess, asked as argparse asks of an option of the command's own
            ["--limt", "5"],
            "reader: error: unrecognized arguments: --limt; did you mean --limit? --limit is an option of "
            "`reader search`: give it after the command (reader search --limit 5)",
        ),
        (  # --output is no --outlet: asked, not said
            ["show", "x", "--output", "f"],
            "reader show: error: unrecognized arguments: --output; did you mean --outlet? --outlet is an option "
            "of `reader list`, `reader search` and 3 more, not of `reader show`",
        ),
        (  # the option after it is no value of it: argparse would say "expected one argument"
            ["--lim", "--json", "search", "x"],
            "reader: error: unrecognized arguments: --lim; --limit is an option of `reader search`: "
            "give it after the command (reader search --limit N)",
        ),
        (  # nor is the command
            ["--sorted", "list"],
            "reader: error: unrecognized arguments: --sorted; did you mean --sort? --sort is an option of "
            "`reader search` and `reader coverage`: give it after the command (reader search --sort SORT)",
        ),
        (  # a word after `--` is an argument, never an option to place
            ["list", "--", "--lim"],
            "reader list: error: unrecognized arguments: -- --lim; `reader list` takes no arguments, only "
            "options (`reader list --help` lists them)",
        ),
        (
            ["list", "--lim", "5"],
            "reader list: error: unrecognized arguments: --lim; --limit is an option of `reader search`, "
            "not of `reader list`",
        ),
        (
            ["completion", "--corp", "x"],
            "reader completion: error: unrecognized arguments: --corp; --corpus is a global option, "
            "which `reader completion` does not take",
        ),
        (
            ["show", "x", "--verb"],
            "reader show: error: unrecognized arguments: --verb; --verbose is an option of `reader list`, "
            "`reader index` and `reader fetch`, not of `reader show`",
        ),
    ],
)
def test_an_abbreviated_option_given_where_it_is_not_taken_is_spelled_out(argv, said, capsys):
    """`reader --lim 5` was a bare "unrecognized arguments: --lim", where `reader --limit 5` said
    where --limit goes: argparse reads `--lim` as --limit after `search`, so the hint does too."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2 and capsys.readouterr().err.splitlines()[-1] == said


@pytest.mark.parametrize(
    "argv, said",
    [
        (
            ["compare", "a", "b", "c"],
            "reader compare: error: unrecognized arguments: c; `reader compare` takes at most 2 arguments (A [B])",
        ),
        (
            ["feed", "remove", "https://a.example/", "https://b.example/"],
            "reader feed remove: error: unrecognized arguments: https://b.example/; `reader feed remove` takes 1 argument (FEED_URL)",
        ),
        (
            ["completion", "bash", "zsh"],
            "reader completion: error: unrecognized arguments: zsh; `reader completion` takes 1 argument (SHELL)",
        ),
        (
            ["stories", "budget", "vote"],
            "reader stories: error: unrecognized arguments: budget vote; `reader stories` takes no arguments, only options "
            "(`reader stories --help` lists them)",
        ),
        (
            ["list", ""],
            "reader list: error: unrecognized arguments: ''; `reader list` takes no arguments, only options "
            "(`reader list --help` lists them)",
        ),
        (  # an escape sequence and markup typed: shown escaped, never written to the terminal
            ["compare", "a", "b", "\x1b]0;x\x07[bold]c"],
            "reader compare: error: unrecognized arguments: \\x1b]0;x\\x07[bold]c; "
            "`reader compare` takes at most 2 arguments (A [B])",
        ),
    ],
)
def test_a_word_past_a_commands_arguments_says_how_many_it_takes(argv, said, capsys):
    """`reader compare a b c` and `reader list foo` said only "unrecognized arguments: c", as if c
    were misspelt: the line says how many arguments the command takes (exit status 2)."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2 and capsys.readouterr().err.splitlines()[-1] == said


@pytest.mark.parametrize(
    "argv, said",
    [
        (["-V"], "reader: error: unrecognized arguments: -V (did you mean --version?)"),
        (["-v"], "reader: error: unrecognized arguments: -v (did you mean --version?)"),
        (["version"], "reader: error: unknown command 'version': `reader --version` prints it"),
        (["list", "-v"], "reader list: error: unrecognized arguments: -v (did you mean --verbose?)"),
        (  # --json or --jsonl: no guess, the help that lists both
            ["list", "-j"],
            "reader list: error: unrecognized arguments: -j (no option of `reader list`: `reader list --help` lists them)",
        ),
        (["fetch", "-Q"], "reader fetch: error: unrecognized arguments: -Q (did you mean -q?)"),
        # not also "-l would search l: to leave a word out, write NOT l"
        (["search", "-l", "5", "budget"], "reader search: error: unrecognized arguments: -l (did you mean --limit?)"),
    ],
)
def test_a_short_option_or_version_command_names_the_long_option_meant(argv, said, capsys):
    """`reader -V` (ripgrep's), `reader -v` and `reader version` (git's) said only "unrecognized
    arguments" or listed the commands: a short option whose letter starts one long option, and
    only one, is offered it; `version` says where the version is (exit status 2 all the same)."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2 and capsys.readouterr().err.splitlines()[-1] == said


def _help_at(columns: int, monkeypatch) -> dict[str, str]:
    from reader.cli import _commands_below, build_parser

    monkeypatch.setenv("COLUMNS", str(columns))
    root = build_parser()
    return {parser.prog: parser.format_help() for parser in (root, *_commands_below(root))}


@pytest.mark.parametrize("columns", [40, 200])
def test_every_help_fits_the_terminal_width(columns, monkeypatch):
    # `COLUMNS=40 reader state export --help` ran to 43 columns (argparse kept the usage's lines
    # under the command's name) and the examples to 137 (laid-out lines were kept as written).
    for prog, text in _help_at(columns, monkeypatch).items():
        for line in text.splitlines():
            # a single word wider than the terminal (a long path in `completion`'s) cannot be cut,
            # nor a redirection from its file ("> ~/.local/share/.../reader")
            words = re.sub(r"^(?:>|>>|<|2>) ", "", line.strip().removesuffix(" \\")).split()
            assert len(line) <= columns or len(words) == 1, (prog, line)


@pytest.mark.parametrize("columns", [200, 300])
def test_every_help_on_a_wide_terminal_is_laid_out_at_100_columns(columns, monkeypatch):
    # At 300 columns a paragraph of help ran on one line of 297: past 100 columns (ripgrep's
    # help's width), every help, `reader --help` too, is laid out as at 100, not wider
    from reader.cli import HELP_WIDTH

    texts = _help_at(columns, monkeypatch)
    assert HELP_WIDTH == 100 and texts.keys() >= {"reader", "reader search", "reader feed add"}
    for prog, text in texts.items():
        assert max(len(line) for line in text.splitlines()) <= HELP_WIDTH, prog
    assert texts == _help_at(HELP_WIDTH, monkeypatch)
    search = texts["reader search"]
    assert search.startswith("usage: reader search [-h] [--limit N] [--outlet NAME] [--since D]")
    assert max(len(line) for line in search.splitlines()) > 90  # the width used, not cut at 80


def test_examples_cut_to_a_narrow_terminal_paste_back_as_the_command(monkeypatch):
    # cut at spaces outside quotes, each cut ended by ` \`: the lines pasted into a shell are the
    # command; a comment goes below it, each of its lines a comment still
    from reader.cli import EXAMPLES

    for prog, text in _help_at(40, monkeypatch).items():
        block = text.partition("\nexamples:\n")[2]
        pasted = re.sub(r" \\\n +", " ", block)
        commands = {line.strip() for line in pasted.splitlines() if not line.strip().startswith("#")}
        for example in EXAMPLES.get(prog.split(" ", 1)[-1], ()):
            assert example.partition("  # ")[0].strip() in commands, (prog, example, block)
        comments = [line for line in block.splitlines() if line.startswith("      ") and "# " in line]
        assert all(line.lstrip().startswith("# ") for line in comments), block


@pytest.mark.parametrize("columns", [30, 40, 60, 80, 200])
def test_every_command_in_every_help_pastes_back_whole_at_any_width(columns, monkeypatch):
    # `COLUMNS=40 reader completion --help` cut `eval "$(reader completion bash)"` (in an aside,
    # wrapped as prose) across lines with no ` \`, and `reader config --help` cut its
    # `reader config >/dev/null && reader ...`: a command in backquotes, an example's command and
    # each line of an install block, with its cuts' ` \` pasted back, is on one line whole.
    from reader.cli import _commands_below, build_parser

    monkeypatch.setenv("COLUMNS", str(columns))
    root = build_parser()
    for parser in (root, *_commands_below(root)):
        pasted = re.sub(r" \\\n *", " ", parser.format_help()).splitlines()
        texts = [parser.description or "", parser.epilog or ""]
        texts += [action.help for action in parser._actions if action.help and action.help != "==SUPPRESS=="]
        commands = [span for text in texts for span in re.findall(r"`[^`]*`", text)]
        for text in texts:
            for paragraph in text.split("\n\n"):
                for line in (line for line in paragraph.splitlines() if line.startswith(" ")):
                    command = re.sub(r"^(bash|zsh|fish) +", "", line.strip()).partition("  # ")[0].strip()
                    if command.startswith("("):  # an aside, wrapped as prose: no command in it
                        assert "  " not in command, (parser.prog, line)
                    else:
                        commands.append(command)
        for command in commands:
            assert any(command in line for line in pasted), (parser.prog, columns, command)


@pytest.mark.parametrize("columns", [30, 40, 60])
def test_a_cut_command_keeps_a_redirection_with_its_file(columns, monkeypatch):
    # `COLUMNS=40 reader completion --help` cut "... completion bash > ~/.local/..." after the ">",
    # a line of "> \" alone: a shell reads it back, a reader does not.
    from reader.cli import _commands_below, build_parser

    monkeypatch.setenv("COLUMNS", str(columns))
    root = build_parser()
    for parser in (root, *_commands_below(root)):
        for line in parser.format_help().splitlines():
            assert not re.search(r"(?:^|\s)(?:>|>>|<|2>) \\$", line), (parser.prog, columns, line)
    completion = next(p for p in _commands_below(root) if p.prog.endswith(" completion"))
    assert "> ~/.zfunc/_reader" in completion.format_help()
    # the bash line's file (51 characters) fits at 60 columns, less indented (it was 63 columns)
    widest = max(map(len, completion.format_help().splitlines()))
    assert widest <= columns or columns < 60, widest


@pytest.mark.parametrize(
    "argv", [["--col", "never", "list"], ["list", "--colo", "never"], ["--col=never", "-h", "list"]]
)
def test_an_abbreviation_of_both_names_of_one_option_is_that_option(argv, capsys, isolated_dirs):
    # `--col` starts --color and --colour, one option: argparse (before Python 3.12.7) called it
    # ambiguous, and `reader --col never -h list` printed reader's help for want of the command
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 0 and "ambiguous" not in err
    assert out.startswith("usage: reader list") if "-h" in argv else "Fox News" in out


def test_an_abbreviation_of_two_options_names_each_once(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--c", "x", "list"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.rstrip().endswith("error: ambiguous option: --c could match --corpus, --color")
