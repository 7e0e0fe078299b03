"""One exit-status rule for every command, as ripgrep's: 1 a valid request that found nothing, 2 a
request that is wrong as typed, a name that names nothing included (an article id or path, a
--story, an --outlet, a feed URL not subscribed to); a listing with nothing in it is 0. And the
files skipped as bad input are visible to a script (stderr piped), --json or not."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus  # noqa: E402

from conftest import FOX, cli_env, run_main, write  # noqa: E402

from reader import __version__  # noqa: E402


@pytest.fixture
def corpus(tmp_path, capsys):
    root = make_corpus(tmp_path / "corpus")
    code, _out, err = run_main(capsys, "--corpus", str(root), "index", "--no-prepare")
    assert code == 0, err
    return root


def a_story_id(capsys, corpus: Path) -> str:
    code, out, _err = run_main(capsys, "--corpus", str(corpus), "stories", "--json")
    assert code == 0
    return json.loads(out)[0]["id"]


NOT_SUBSCRIBED = "http://127.0.0.1:9/notsub.xml"  # port 9 is never asked: no request leaves the machine

# Each command's path where a name typed names nothing: (argv after --corpus, words of the error).
UNKNOWN_NAMES = {
    "search --story": (["search", "budget", "--story", "snope"], "no story with id 'snope'"),
    "search --outlet": (["search", "budget", "--outlet", "zzz"], "no outlet matches 'zzz'"),
    "list --outlet": (["list", "--outlet", "zzz"], "no outlet matches 'zzz'"),
    "show id": (["show", "nope"], "no article with id or path 'nope'"),
    "show --json id": (["show", "nope", "--json"], "no article with id or path 'nope'"),
    "show path": (["show", "no/such/file.md"], "no article with id or path 'no/such/file.md'"),
    "show id#n": (["show", "reuters/budget-vote#3"], "no article with id or path 'reuters/budget-vote#3'"),
    "show prefix of several": (["show", "reut"], "article ids (reuters/"),
    "show folder of the corpus": (["show", "reuters/"], "is a folder of the corpus, not an article's id"),
    "quotes id": (["quotes", "nope"], "no article with id or path 'nope'"),
    "compare A": (["compare", "nope"], "no article with id or path 'nope'"),
    "compare B": (["compare", "reuters/budget-vote", "nope"], "no article with id or path 'nope'"),
    "feed remove": (["feed", "remove", NOT_SUBSCRIBED], f"not subscribed: {NOT_SUBSCRIBED}"),
    "fetch FEED_URL": (["fetch", NOT_SUBSCRIBED], f"not subscribed: {NOT_SUBSCRIBED}"),
}


@pytest.mark.parametrize("case", list(UNKNOWN_NAMES))
def test_a_name_that_names_nothing_is_a_usage_error(capsys, corpus, case):
    argv, words = UNKNOWN_NAMES[case]
    code, out, err = run_main(capsys, "--corpus", str(corpus), *argv)
    assert code == 2, (case, err)
    assert words in err
    if "--json" in argv:  # what was not found, as JSON
        assert [entry["name"] for entry in json.loads(out)["failed"]] == [argv[1]]
    else:
        assert out == ""


def test_a_number_a_file_does_not_have_is_a_usage_error(capsys, corpus):
    path = corpus / "reuters" / "budget-vote.md"
    assert path.is_file()
    code, out, err = run_main(capsys, "--corpus", str(corpus), "show", f"{path}#3")
    assert (code, out) == (2, "")
    assert "holds one article, not numbered ones" in err


def test_a_story_given_where_an_article_goes_is_a_usage_error(capsys, corpus):
    story = a_story_id(capsys, corpus)
    code, out, err = run_main(capsys, "--corpus", str(corpus), "compare", "reuters/budget-vote", story)
    assert (code, out) == (2, "")
    assert "is a story, not an article" in err


def test_the_articles_found_are_still_printed_beside_an_unknown_one(capsys, corpus):
    code, out, err = run_main(capsys, "--corpus", str(corpus), "show", "reuters/budget-vote", "nope", "--json")
    assert code == 2
    assert [a["id"] for a in json.loads(out)] == ["reuters/budget-vote"]
    assert "no article with id or path 'nope'" in err


@pytest.mark.parametrize("command", ["show", "quotes"])
def test_when_no_article_named_is_found_the_json_says_which_were_not(capsys, corpus, command):
    """`reader show A --json B` printed `[]` with exit status 2: read as an empty article list, not
    as the error it was. stderr names each, and stdout is JSON naming each with its reason."""
    code, out, err = run_main(capsys, "--corpus", str(corpus), command, "A", "--json", "\x1b[2J")
    assert code == 2
    lines = err.splitlines()
    assert [line.split(";")[0] for line in lines] == [
        "reader: no article with id or path 'A'",
        "reader: no article with id or path '\\x1b[2J'",  # the escape shown, never sent
    ]
    said = json.loads(out)
    assert said["error"] == "nothing to print: no article found or read for 'A' or '\\x1b[2J'"
    assert [(entry["name"], entry["status"]) for entry in said["failed"]] == [("A", 2), ("\x1b[2J", 2)]
    assert [f"reader: {entry['reason']}" for entry in said["failed"]] == lines  # stderr's words
    code, out, _err = run_main(capsys, "--corpus", str(corpus), command, "A", "--jsonl")
    assert (code, out) == (2, "")  # no record: an error object is no article a line


def test_a_file_that_is_there_but_cannot_be_read_is_a_failure_not_a_usage_error(capsys, corpus, tmp_path):
    binary = write(tmp_path / "elsewhere" / "bad.txt", b"bin\x00ary")
    code, out, err = run_main(capsys, "--corpus", str(corpus), "show", str(binary))
    assert (code, out) == (1, "")
    assert "bad.txt" in err


def test_a_search_that_finds_nothing_exits_1(capsys, corpus):
    code, out, _err = run_main(capsys, "--corpus", str(corpus), "search", "zzyzx", "--json")
    assert (code, json.loads(out)) == (1, [])


def test_a_compare_that_finds_no_other_version_exits_1(capsys, tmp_path):
    """The other valid request that can find nothing, as the help and README say (README said only
    `search` exits 1 when it finds nothing)."""
    lone = tmp_path / "lone"
    write(
        lone / "bridge.txt",
        "Council Votes to Rebuild the Old Bridge\n\nThe council voted on Tuesday to rebuild the bridge.\n",
    )
    code, out, err = run_main(capsys, "--corpus", str(lone), "compare", "bridge")
    assert (code, out) == (1, "")
    assert "no other article" in err.casefold()
    # one line that names the article and what can still be done ("There is no other article to
    # compare it with." named neither)
    assert err.strip().splitlines() == [
        "reader: no other article to compare bridge with: it is the only article in the corpus "
        f"(compare it with a file: `reader --corpus {lone} compare bridge PATH`)"
    ]


@pytest.mark.parametrize(
    "argv, said",
    [
        (["stories", "--min-size", "99"], "no story with 99 or more articles"),
        (["stories", "--min-size", "99", "--json"], None),
        (["coverage", "--only", "blindspot"], "no blindspots"),
        (["coverage", "--only", "blindspot", "--json"], None),
        (["coverage", "--since", "2030", "--json"], None),
    ],
)
def test_a_listing_with_nothing_in_it_exits_0(capsys, corpus, argv, said):
    code, out, err = run_main(capsys, "--corpus", str(corpus), *argv)
    assert code == 0, err
    assert out.strip() in ("", "[]")
    if said:
        assert said in err


def test_listing_an_empty_corpus_exits_0(capsys, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run_main(capsys, "--corpus", str(empty), "list", "--json")
    assert (code, json.loads(out)) == (0, [])
    assert "no articles in" in err


def test_the_help_states_the_rule(capsys):
    with pytest.raises(SystemExit):
        run_main(capsys, "--help")
    out = " ".join(capsys.readouterr().out.split())
    assert "a name that names nothing (an article id or path, a --story, an --outlet" in out
    assert "a listing with nothing in it too: list, stories, coverage, feed list)" in out
    # The other search that can find nothing: compare A exits 1 when A's story has no other version.
    assert "1 nothing found (a search with no results, a compare A with no other outlet's version of A)" in out
    for command in ("list", "stories", "coverage"):
        with pytest.raises(SystemExit):
            run_main(capsys, command, "--help")
        assert "exit status: 0, also when there is nothing to list" in " ".join(capsys.readouterr().out.split())


def test_every_commands_help_states_its_exit_statuses(capsys):
    """A script's author reads `reader COMMAND --help` for what an exit status means there:
    `feed list`, `config` and `completion` said nothing of theirs, nor `feed` and `state`, which
    hold commands (and exit 2 with none, or run one)."""
    from reader.cli import _commands_below, build_parser

    silent = []
    for command in _commands_below(build_parser()):
        if "\nexit status" not in command.format_help():
            silent.append(command.prog)
    assert not silent, silent


# The files skipped as bad input, seen by a script whose stderr is no terminal.


@pytest.fixture
def corpus_with_bad_files(tmp_path):
    root = make_corpus(tmp_path / "bad-corpus")
    write(root / "binary.txt", b"bin\x00ary")
    write(root / "empty.md", "")
    return root


@pytest.mark.parametrize("argv", [["list", "--json"], ["list"], ["index", "--json"], ["index"]])
def test_list_and_index_name_every_skipped_file_on_a_piped_stderr(capsys, corpus_with_bad_files, argv):
    code, out, err = run_main(capsys, "--corpus", str(corpus_with_bad_files), *argv)
    assert code == 0, err
    assert f"reader: skipped {corpus_with_bad_files / 'binary.txt'}: binary" in err
    assert f"reader: skipped {corpus_with_bad_files / 'empty.md'}: empty file" in err
    if "--json" in argv:
        json.loads(out)  # stdout stays the JSON alone


@pytest.mark.parametrize(
    "argv", [["search", "budget", "--json"], ["search", "budget"], ["stories", "--json"], ["coverage", "--json"]]
)
def test_commands_over_the_whole_corpus_say_files_were_left_out(capsys, corpus_with_bad_files, argv):
    code, out, err = run_main(capsys, "--corpus", str(corpus_with_bad_files), *argv)
    assert code == 0, err
    # the last line, after "reader: 2 results": a terminal shows it under the output
    # named with the --corpus it ran with: a bare `reader list` lists the bundled seeds
    listing = f"reader --corpus {shlex.quote(str(corpus_with_bad_files))} list"
    assert err.splitlines()[-1] == f"reader: 2 files of the corpus skipped, not read (`{listing}` names them)"
    if "--json" in argv:
        json.loads(out)


def test_the_skipped_files_are_counted_from_the_index_when_it_is_not_updated(capsys, corpus_with_bad_files):
    # The first command builds the index; the second reads the count that update stored.
    assert run_main(capsys, "--corpus", str(corpus_with_bad_files), "index")[0] == 0
    code, _out, err = run_main(capsys, "--corpus", str(corpus_with_bad_files), "search", "budget", "--json")
    assert code == 0, err
    # named with the --corpus it ran with: a bare `reader list` lists the bundled seeds
    listing = f"reader --corpus {shlex.quote(str(corpus_with_bad_files))} list"
    assert err.splitlines()[-1] == f"reader: 2 files of the corpus skipped, not read (`{listing}` names them)"


def test_one_skipped_file_is_named_as_one(capsys, corpus_with_bad_files):
    """ "1 file of the corpus skipped, not read (`reader list` names them)": it, one file."""
    (corpus_with_bad_files / "binary.txt").unlink()
    code, _out, err = run_main(capsys, "--corpus", str(corpus_with_bad_files), "search", "budget")
    assert code == 0 and err.splitlines()[-1].endswith(" list` names it)"), err


def test_no_skipped_line_when_nothing_was_skipped(capsys, corpus):
    code, _out, err = run_main(capsys, "--corpus", str(corpus), "search", "budget", "--json")
    assert code == 0
    assert "skipped" not in err


# `compare --help` names the app's key for it, the user's own when remapped.


def test_compare_help_names_the_apps_default_key(capsys):
    with pytest.raises(SystemExit):
        run_main(capsys, "compare", "--help")
    out = " ".join(capsys.readouterr().out.split())
    assert "in the app: c on an article compares it with another outlet's version" in out
    assert "(config.yaml's keymap remaps it: main.compare: KEYS)" in out


def test_compare_help_names_the_users_remapped_key(capsys, isolated_dirs):
    write(isolated_dirs["config"] / "config.yaml", "keymap:\n  main.compare: [x, ctrl+k]\n")
    with pytest.raises(SystemExit):
        run_main(capsys, "compare", "--help")
    out = " ".join(capsys.readouterr().out.split())
    assert "in the app: x or ctrl+k (your config.yaml's keymap, main.compare; c by default) on an article" in out


def test_compare_help_with_a_keymap_entry_the_app_ignores_names_the_default(capsys, isolated_dirs):
    # Two bindings on one key: the app leaves the entry out, and so does the help.
    write(isolated_dirs["config"] / "config.yaml", "keymap:\n  main.compare: q\n")
    with pytest.raises(SystemExit):
        run_main(capsys, "compare", "--help")
    assert "in the app: c on an article" in " ".join(capsys.readouterr().out.split())


# The examples under each command's --help, typed on the bundled articles, as a newcomer does.


def _runnable_examples() -> list[str]:
    """The examples that need no file, folder, URL or terminal of the user's own; not `fetch`,
    which would ask the network for the user's feeds."""
    from reader.cli import EXAMPLES

    lines = []
    for examples in EXAMPLES.values():
        for line in examples:
            command = re.split(r"\s+#\s|\s[|>]\s", line)[0].strip()
            if command == "reader" or any(
                mark in command for mark in ("~", "http", ".html", ".md", ".rss", ".opml", ".json")
            ):
                continue
            if command.split()[1:2] == ["fetch"]:
                continue
            lines.append(command)
    return sorted(set(lines))


def test_every_example_that_needs_nothing_of_the_users_runs_on_the_bundled_articles(capsys):
    """`reader list --help` showed `reader list --outlet nyt`, and `search --help` `outlet:reuters`:
    on the bundled articles (Fox News, The Moscow Times) the first thing a newcomer typed failed."""
    import shlex

    examples = _runnable_examples()
    assert "reader list --outlet fox" in examples and len(examples) >= 15
    for line in examples:
        code, _out, err = run_main(capsys, *shlex.split(line)[1:])
        assert code == 0, f"{line}: {err}"


def test_every_piped_example_runs_whole_in_bash(tmp_path, isolated_dirs):
    """An example that pipes reader into a tool (`| jq`, `| grep -c`, `| head -n`) runs as shown,
    the tool and the pipe included: the test above ran the `reader` part alone, and an output
    the tool could not read (a `--jsonl` line grep never matched) passed unseen."""
    import shutil
    import subprocess

    piped = _piped_examples()
    assert "reader search putin --limit 0 --jsonl | head -n 3" in piped, piped
    runnable = [line for line in piped if shutil.which(line.split(" | ")[1].split()[0])]  # jq may be absent
    reader = f'reader() {{ {shlex.quote(sys.executable)} -m reader "$@"; }}'
    for line in runnable:
        done = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {reader}; {line}"],
            capture_output=True,
            text=True,
            env=cli_env(),
            cwd=tmp_path,
            timeout=300,
        )
        assert done.returncode == 0 and done.stdout.strip(), f"{line}: {done.returncode} {done.stderr}"


def _piped_examples() -> list[str]:
    """The examples piped into a tool whose reader part needs nothing of the user's (as
    _runnable_examples), without their comments."""
    from reader.cli import EXAMPLES

    runnable = set(_runnable_examples())
    return sorted(
        {
            re.split(r"\s+#\s", line)[0].strip()
            for lines in EXAMPLES.values()
            for line in lines
            if " | " in line and re.split(r"\s+#\s|\s[|>]\s", line)[0].strip() in runnable
        }
    )


def test_an_unknown_outlet_names_the_listing_of_this_corpus(capsys, corpus):
    # "(`reader list` shows the N outlets)": a bare `reader list` lists the bundled seeds' outlets.
    code, out, err = run_main(capsys, "--corpus", str(corpus), "list", "--outlet", "zzzz")
    assert code == 2 and out == ""
    assert f"(`reader --corpus {shlex.quote(str(corpus))} list` shows the " in err, err


BRIDGE = "Council Votes to Rebuild the Old Bridge\n\nThe council voted on Tuesday to rebuild the bridge.\n"


def _hinted_command(err: str) -> str:
    (command,) = re.findall(r"`(reader [^`]*)`", err)
    return command


def test_the_only_article_hint_is_a_command_that_runs_as_pasted(capsys, tmp_path):
    # `reader compare {left.id} PATH`: no --corpus, and the id unquoted ("my bridge" is two words)
    lone = tmp_path / "lone corpus"
    write(lone / "my bridge.txt", BRIDGE)
    code, out, err = run_main(capsys, "--corpus", str(lone), "compare", "my bridge")
    assert code == 1
    assert _hinted_command(err) == f"reader --corpus {shlex.quote(str(lone))} compare 'my bridge' PATH"


def test_a_file_outside_the_corpus_is_named_by_its_path_in_the_hint(capsys, tmp_path, monkeypatch):
    # "the only article in the corpus" of an empty corpus, and `compare 'chess final' B`: the file's
    # stem, which names no article.
    empty = tmp_path / "empty"
    empty.mkdir()
    write(tmp_path / "out" / "chess final.txt", BRIDGE)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(capsys, "--corpus", "empty", "compare", "out/chess final.txt")
    assert code == 1 and "the only article" not in err and "the corpus has no article" in err, err
    assert _hinted_command(err) == "reader --corpus empty compare 'out/chess final.txt' PATH"
    # beside a corpus of other stories, the file has no partner: the hint names the path too
    other = tmp_path / "other"
    write(other / "a.txt", "Markets Fall\n\nShares in the oil companies fell sharply on Monday in Tokyo.\n")
    write(other / "b.txt", "Rain Comes\n\nThe forecasters said heavy rain would reach the valley by Friday.\n")
    code, out, err = run_main(capsys, "--corpus", "other", "compare", "out/chess final.txt")
    assert code == 1 and _hinted_command(err) == "reader --corpus other compare 'out/chess final.txt' B", err


def test_fetch_exit_0_over_feeds_failing_for_now_is_what_its_help_and_the_readme_say(capsys, isolated_dirs):
    """`reader fetch` exits 0 when every feed fails for now (a refused connection, on the first
    run: counted from the third in a row, so that cron mails only what lasts), by design; its
    --help said "0 when every feed was fetched", the top-level help and README's table that a feed
    fetch could not get is 1."""
    refused = "http://127.0.0.1:9/feed.xml"  # port 9: nothing answers, no request leaves the machine
    code, _out, err = run_main(capsys, "feed", "add", "--no-check", refused)
    assert code == 0, err
    code, _out, err = run_main(capsys, "fetch")
    assert code == 0 and f"reader: failed {refused}: the server refused the connection" in err, err
    with pytest.raises(SystemExit):
        run_main(capsys, "fetch", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert (
        "exit status: 0 when every feed was fetched, or when the only failures are feeds or pages failing for now"
        in help_text
    )
    assert "a refused or dropped connection" in help_text
    with pytest.raises(SystemExit):
        run_main(capsys, "--help")
    assert "one failing for now, from its third run in a row: fetch --help" in " ".join(capsys.readouterr().out.split())
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    [success] = [line for line in readme.splitlines() if line.startswith("| 0 | success")]
    assert "for `fetch`: also when its only failures are feeds or pages failing for now" in success
    assert "a refused or dropped connection" in success


def test_the_readmes_jq_filter_fails_on_the_nothing_found_object(capsys, corpus):
    """`reader show X --json | jq '.[]'` iterated the {"error", "failed"} object's values, exit
    status 0, as if they were articles: the README gives the filter that tells the object from
    the array, which jq runs as written: an error (5) with the error's words, the articles else."""
    import shutil
    import subprocess

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    flat = " ".join(readme.split())  # the filter is wrapped over two lines there
    jq_filter = 'if type == "object" then error(.error) else .[] end'
    assert f"jq '{jq_filter}'" in flat
    code, missing, _err = run_main(capsys, "--corpus", str(corpus), "show", "nope", "--json")
    assert code == 2 and isinstance(json.loads(missing), dict)
    code, listed, _err = run_main(capsys, "--corpus", str(corpus), "list", "--json")
    code, found, _err = run_main(capsys, "--corpus", str(corpus), "show", json.loads(listed)[0]["id"], "--json")
    assert code == 0 and isinstance(json.loads(found), list)
    if not shutil.which("jq"):
        return
    failed = subprocess.run(["jq", "-c", jq_filter], input=missing, capture_output=True, text=True)
    assert failed.returncode == 5 and "nothing to print: no article found or read for 'nope'" in failed.stderr
    given = subprocess.run(["jq", "-c", jq_filter], input=found, capture_output=True, text=True, check=True)
    assert [json.loads(line)["id"] for line in given.stdout.splitlines()] == [json.loads(found)[0]["id"]]


def _jq_recipes() -> list[str]:
    """Each command line of README.md and docs/ that pipes reader into jq: inline (a table's `\\|`
    read as the pipe it shows, one wrapped over lines joined), and each code block holding one."""
    root = Path(__file__).resolve().parent.parent
    recipes = []
    for page in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        blocks = re.findall(r"^```\w*\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
        recipes += [block for block in blocks if re.search(r"\breader\b.*\|\s*jq\b", block)]  # run whole
        inline = re.sub(r"^```\w*\n.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)
        flat = " ".join(inline.split()).replace("\\|", "|")
        recipes += re.findall(r"`([^`]*\breader\b[^`]*\|\s*jq\b[^`]*)`", flat)
    return recipes


def test_every_jq_recipe_in_the_readme_and_docs_runs_as_written_on_the_bundled_articles(tmp_path, isolated_dirs):
    """Each `reader … | jq …` recipe, run as written in bash (pipefail) on the bundled articles,
    succeeds and prints what it promises; the one the README gives to tell the nothing-found
    object from the articles fails loudly on it (jq's status 5 with the error's words). The backup
    block failed as written for a newcomer (no config folder yet, nothing fetched): it says when
    each line applies, and runs once they do."""
    import shutil

    if not shutil.which("jq"):
        pytest.skip("jq is not installed")
    recipes = _jq_recipes()
    assert len(recipes) >= 4 and any("error(.error)" in line for line in recipes), recipes
    # the state the recipes are written for: a config file, fetched articles and their pages
    (isolated_dirs["config"] / "config.yaml").write_text("# my settings\n", encoding="utf-8")
    fetched = isolated_dirs["data"] / "fetched" / "Daily"
    fetched.mkdir(parents=True)
    old_page = fetched / "a.html.gz"
    old_page.write_bytes(b"")
    os.utime(old_page, (0, 0))
    (fetched / "b.html.gz").write_bytes(b"")
    (isolated_dirs["data"] / "fetch-state.json").write_text("{}", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    reader = f'reader() {{ {shlex.quote(sys.executable)} -m reader "$@"; }}'

    def bash(line: str, **env) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "-c", f"set -eo pipefail; {reader}\n{line}"],
            capture_output=True,
            text=True,
            env=cli_env(**env),
            cwd=work,
            timeout=300,
        )

    for line in recipes:
        done = bash(line, ID=FOX)
        assert done.returncode == 0, f"{line}: {done.returncode} {done.stderr}"
        if "error(.error)" in line:
            assert json.loads(done.stdout)["id"] == FOX, done.stdout
            missing = bash(line, ID="nope")
            assert missing.returncode == 5, f"{line}: {missing.returncode} {missing.stderr}"
            assert "nothing to print: no article found or read for 'nope'" in missing.stderr
        elif "-delete" in line:
            assert not old_page.exists() and (fetched / "b.html.gz").exists()
        elif ".version" in line:
            assert done.stdout.strip() == __version__
    assert (work / "reader-config" / "config.yaml").exists() and (work / "fetched" / "Daily").is_dir()


def _backup_block() -> str:
    root = Path(__file__).resolve().parent.parent
    text = (root / "README.md").read_text(encoding="utf-8")
    return next(
        b for b in re.findall(r"^```sh\n(.*?)^```", text, re.DOTALL | re.MULTILINE) if "reader config --path" in b
    )


@pytest.mark.parametrize("broken", ["yaml", "config folder is a file"])
def test_the_readme_backup_block_stops_loudly_when_reader_cannot_say_where_to_copy_from(
    tmp_path, isolated_dirs, broken
):
    """Run as a newcomer pastes it (no `set -e`, no pipefail): with a config.yaml reader cannot
    read, `reader config --json` printed nothing and `cp` looked for `/fetched`; with a file
    where the config folder belongs, `reader config --path` printed nothing and `dirname ""`
    made `cp -a . reader-config` copy the current folder. Each line stops at reader's error."""
    import shutil

    if not shutil.which("jq"):
        pytest.skip("jq is not installed")
    env = {}
    if broken == "yaml":
        (isolated_dirs["config"] / "config.yaml").write_text("corpus: [\n", encoding="utf-8")
        said = "broken YAML"
    else:
        (tmp_path / "a-file").write_text("", encoding="utf-8")
        env["READER_CONFIG_DIR"] = str(tmp_path / "a-file")
        said = "is a file, not a folder"
    (isolated_dirs["data"] / "fetched").mkdir(parents=True)
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("mine\n", encoding="utf-8")
    reader = f'reader() {{ {shlex.quote(sys.executable)} -m reader "$@"; }}'
    done = subprocess.run(
        ["bash", "-c", f"{reader}\n{_backup_block()}"],
        capture_output=True,
        text=True,
        env=cli_env(**env),
        cwd=work,
        timeout=300,
    )
    assert done.returncode != 0 and said in done.stderr, done.stderr
    assert "cp:" not in done.stderr and "/fetched" not in done.stderr, done.stderr
    assert not (work / "fetched").exists()
    if broken == "yaml":  # the folder, said all the same, is copied, the broken file in it
        assert (work / "reader-config" / "config.yaml").exists()
    else:  # not the current folder, notes.txt and all
        assert not (work / "reader-config").exists()


def test_every_bench_command_in_the_readme_and_docs_runs_from_a_fresh_clone():
    """`python bench/eval_seeds.py` from a fresh clone: "No module named 'reader'" (the package is
    installed into .venv only), or no `python` where only python3 is: each bench command is
    written with the venv's Python the README's first command makes, and names a script there."""
    root = Path(__file__).resolve().parent.parent
    commands = []
    for page in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        commands += re.findall(r"`([^`\n]*\bbench/\w+\.py[^`\n]*)`", text)
    run = [c for c in commands if re.match(r"(\S+=\S+ )*\S*python", c)]
    assert len(run) >= 40, run
    for command in run:
        words = command.split()
        python = next(w for w in words if "python" in w)
        assert python == ".venv/bin/python", command
        script = words[words.index(python) + 1]
        assert (root / script).is_file(), command
