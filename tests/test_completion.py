"""Shell completion generated from the parser: bash (driven in-process by bash itself), fish
(`complete -C`) and zsh (a real interactive zsh in tmux, since its completion needs a terminal)."""

from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader.cli import build_parser, main  # noqa: E402
from reader.completion import command_tree, generate  # noqa: E402


def script(shell: str, tmp_path: Path) -> Path:
    path = tmp_path / f"reader.{shell}"
    path.write_text(generate(shell, build_parser()), encoding="utf-8")
    return path


def test_completion_command_prints_each_script(capsys):
    for shell, marker in (
        ("bash", "complete -o filenames -F _reader reader"),
        ("zsh", "#compdef reader"),
        ("fish", "complete -c reader -f"),
    ):
        assert main(["completion", shell]) == 0
        assert marker in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["completion", "tcsh"])
    assert exc.value.code == 2


def test_a_missing_or_unknown_shell_is_named_as_the_usage_names_arguments(capsys):
    """`the following arguments are required: shell` named the argument by its variable, where
    every other command names its own in capitals (ARTICLE, QUERY, URL); then the usage still
    said {bash,zsh,fish} where the error said SHELL: both name it SHELL, and the error lists the
    choices, for a missing shell as for an unknown one."""
    with pytest.raises(SystemExit):
        main(["completion"])
    assert capsys.readouterr().err.endswith(
        "error: the following arguments are required: SHELL (choose from 'bash', 'zsh', 'fish')\n"
    )
    with pytest.raises(SystemExit):
        main(["completion", "tcsh"])
    err = capsys.readouterr().err
    assert err.startswith("usage: reader completion [-h] SHELL\n")
    assert "error: argument SHELL: unknown choice 'tcsh' (choose from 'bash', 'zsh', 'fish')" in err


def test_the_tree_holds_every_command_nested_ones_and_global_options():
    tree = command_tree(build_parser())
    assert {"list", "show", "search", "index", "compare", "feed", "completion"} <= set(tree.commands)
    feed = tree.commands["feed"]
    assert {"add", "list", "remove"} <= set(feed.commands)
    add_flags = {flag for option in feed.commands["add"].options for flag in option.flags}
    assert {"--outlet", "--corpus", "--color"} <= add_flags  # global options after nested commands
    corpus = next(o for o in tree.options if "--corpus" in o.flags)
    assert corpus.kind == "dir" and corpus.repeatable


BASH_DRIVER = """
source "$1"
complete_words() {
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _reader
    printf '%s\\n' "${COMPREPLY[@]}" | sort | tr '\\n' ' '; echo
}
complete_words reader li
complete_words reader list --co
complete_words reader --color ""
complete_words reader --color = al
complete_words reader --corpus "$2" feed ""
complete_words reader feed add --no
complete_words reader search --sort ""
complete_words reader completion ""
complete_words reader --index "$2/fo"
complete_words reader show "$2/fi"
"""


def run_bash_driver(
    driver: str, completion_script, folder, *more: str, env=None, cwd=None, timeout: float = 60
) -> list[str]:
    """The lines a bash driver script prints, given the completion script, a folder and `more`
    arguments ($3...)."""
    result = subprocess.run(
        ["bash", "-c", driver, "driver", str(completion_script), str(folder), *more],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_bash_completes_commands_options_values_and_paths(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("x")
    lines = run_bash_driver(BASH_DRIVER, script("bash", tmp_path), tmp_path)
    assert lines[0].split() == ["list"]
    assert lines[1].split() == ["--color", "--colour", "--corpus"]
    assert lines[2].split() == ["always", "auto", "never"]
    assert lines[3].split() == ["always"]
    # feed's commands and help (`reader feed help add`, as `reader help` at the top)
    assert lines[4].split() == ["add", "export", "help", "import", "list", "remove"]
    assert lines[5].split() == ["--no-check"]
    assert lines[6].split() == ["date", "relevance"]
    assert lines[7].split() == ["bash", "fish", "zsh"]
    assert lines[8].split() == [f"{tmp_path}/folder"]  # folders only for --index DIR
    assert lines[9].split() == [f"{tmp_path}/file.txt"]


# A driver's start: the script loaded, in folder $2, and complete_words printing the replies, each in <>.
BASH_IN_FOLDER = """
source "$1"
cd "$2"
complete_words() {
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _reader
    printf '<%s>' "${COMPREPLY[@]}"; echo
}
"""


BASH_NAMES_DRIVER = (
    BASH_IN_FOLDER
    + """
complete_words reader show my
complete_words reader --corpus su
complete_words reader show 'my\\ a'
complete_words reader show '"my a'
complete_words reader show "'my a"
complete_words reader --index 'sub\\ '
complete_words reader show "it\\'"
complete_words reader show 'st'
"""
)


def names_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "names"
    (folder / "sub dir").mkdir(parents=True)
    for name in ("my article.md", "other.md", "it's.md", "star*.md", "stars.md"):
        (folder / name).write_text("x")
    return folder


def test_bash_completes_names_with_spaces_quotes_and_glob_characters_whole(tmp_path):
    # Each reply is one name, not the words of it, and a word typed with its quoting (my\ a,
    # "my a, 'my a) still matches: compgen -f compares names literally.
    folder = names_folder(tmp_path)
    lines = run_bash_driver(BASH_NAMES_DRIVER, script("bash", tmp_path), folder)
    lines[-1] = "".join(sorted(lines[-1].replace("><", ">\n<").split("\n")))
    assert lines == [
        "<my article.md>",
        "<sub dir>",
        "<my article.md>",
        "<my article.md>",
        "<my article.md>",
        "<sub dir>",
        "<it's.md>",
        "<star*.md><stars.md>",  # star*.md is a name, not a pattern that would match stars.md
    ]


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed (apt-get install tmux)")
def test_bash_inserts_names_with_spaces_quoted_in_a_real_interactive_shell(tmp_path):
    from e2e_helpers import Tmux

    path = script("bash", tmp_path)
    folder = names_folder(tmp_path)
    rc = tmp_path / "bashrc"
    rc.write_text(f"source {path}\nPS1='> '\n", encoding="utf-8")
    with Tmux(folder, width=120, height=20) as term:
        term.start(["bash", "--noprofile", "--rcfile", str(rc), "-i"], env={"HOME": str(tmp_path)})
        term.wait_for(lambda text: text.strip() == ">", what="the prompt")
        for typed, expected in (
            ("reader show my", "> reader show my\\ article.md"),
            ("reader --corpus su", "> reader --corpus sub\\ dir/"),
            ('reader show "my a', '> reader show "my article.md"'),
            ("reader show it", "> reader show it\\'s.md"),
        ):
            term.send(typed, literal=True)
            term.send("Tab")
            term.wait_for(expected, what=f"completion of {typed!r}")
            # Type on only once bash has shown a new prompt: under load, keys sent while it was
            # still handling the interrupt were added to the old line ('bash: eader: not found').
            term.interrupt_until(lambda text: text.strip().splitlines()[-1:] == [">"], what="a new prompt")
            term.send("clear", "Enter")
            term.wait_for(lambda text: text.strip() == ">", what="a clear screen")


def test_zsh_descriptions_keep_apostrophes_colons_and_brackets_escaped():
    script_text = generate("zsh", build_parser())
    # An _arguments explanation: quotes and colons as they are, inside the single-quoted spec.
    assert (
        "'--version[show program'\\''s version number and exit (with --json: a JSON object, its version)]'"
        in script_text
    )
    assert "(0: between its first and last article; default: every outlet of the corpus)" in script_text
    # A _describe entry: the colon after the name separates, one inside the description is escaped.
    assert "'compare:compare two articles\\: aligned sentences" in script_text
    from reader.completion import _zsh_field, _zsh_text

    assert _zsh_text("a [b] c\\d") == "a \\[b\\] c\\\\d"
    assert _zsh_field("a:b\\c") == "a\\:b\\\\c"


def fish_completions(script_path: Path, line: str, env: dict | None = None) -> list[str]:
    """What fish offers for `line` with the script loaded, sorted."""
    result = subprocess.run(
        ["fish", "--no-config", "-c", f"source {script_path}; complete -C {line!r}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return sorted(row.split("\t")[0] for row in result.stdout.splitlines())


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (apt-get install fish)")
def test_fish_completes_commands_options_values_and_paths(tmp_path):
    path = script("fish", tmp_path)
    (tmp_path / "folder").mkdir()

    def complete(line: str) -> list[str]:
        return fish_completions(path, line, None)

    assert complete("reader li") == ["list"]
    assert complete("reader list --co") == ["--color", "--colour", "--corpus"]
    assert complete("reader --color ") == ["always", "auto", "never"]
    assert complete(f"reader --corpus {tmp_path} feed ") == ["add", "export", "help", "import", "list", "remove"]
    assert complete("reader feed add --no") == ["--no-check"]
    assert complete(f"reader --index {tmp_path}/fo") == [f"{tmp_path}/folder/"]


@contextmanager
def zsh_at_prompt(tmp_path: Path, width: int, extra_env: dict[str, str] | None = None):
    """An interactive zsh in tmux with reader's completion script loaded, at its prompt."""
    from e2e_helpers import Tmux

    path = script("zsh", tmp_path)
    (tmp_path / ".zshrc").write_text(
        f"autoload -U compinit; compinit -u -D\nsource {path}\nPROMPT='> '\n", encoding="utf-8"
    )
    with Tmux(tmp_path, width=width, height=20) as term:
        term.start(["zsh", "-i"], env={"ZDOTDIR": str(tmp_path), "HOME": str(tmp_path), **(extra_env or {})})
        term.wait_for(lambda text: text.strip() == ">", what="the prompt")
        yield term


@pytest.mark.e2e
@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None,
    reason="zsh and tmux are needed (apt-get install zsh tmux)",
)
def test_zsh_completes_in_a_real_interactive_shell(tmp_path):
    zsh_offers(
        tmp_path,
        ("reader feed ", "remove  -- unsubscribe"),
        ("reader --color=al", "reader --color=always"),
        ("reader list --co", "--corpus"),
        ("reader --corpus /tmp feed add --n", "--no-check"),
        # Descriptions keep their apostrophes and colons (they were blanked out).
        ("reader co", "compare     -- compare two articles: aligned sentences"),
        ("reader co", "config      -- show the config file's path and the settings in effect"),
        ("reader feed add --", "the outlet's name (default: from the outlets registry"),
    )


def zsh_offers(tmp_path: Path, *cases: tuple[str, str]) -> None:
    """For each (typed, expected) of `cases`: a Tab after `typed` in zsh shows `expected`."""
    with zsh_at_prompt(tmp_path, width=120) as term:
        for typed, expected in cases:
            term.send(typed, literal=True)
            term.send("Tab")
            term.wait_for(expected, what=f"completion of {typed!r}")
            term.interrupt_until(lambda text: text.rstrip().endswith(">"), what="a fresh prompt")
            term.send("clear", "Enter")
            term.wait_for(lambda text: text.strip() == ">", what="a clear screen")


def test_completion_help_lists_only_what_applies_to_it(capsys):
    """`reader completion --help` listed --corpus, --index, --follow-links and --color, which
    change nothing in the script."""
    with pytest.raises(SystemExit) as exc:
        main(["completion", "--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0 and out.startswith("usage: reader completion [-h] SHELL\n")
    assert "  SHELL       the shell: bash, zsh, fish\n" in out
    for option in ("--corpus", "--index", "--follow-links", "--color", "global options"):
        assert option not in out
    # Before the command they are the global options as ever; after it, an unknown option.
    assert main(["--corpus", "/nonexistent", "completion", "bash"]) == 0
    with pytest.raises(SystemExit) as exc:
        main(["completion", "bash", "--index", "x"])
    assert exc.value.code == 2 and "unrecognized arguments: --index" in capsys.readouterr().err


def _install_lines() -> list[tuple[str, str]]:
    """(where, command) of every install line: the README's block and `completion --help`'s."""
    from reader.commands.completion import INSTALL

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Shell completion", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [("README", line.split("  #", 1)[0].strip()) for line in block.splitlines() if line.strip()]
    for line in INSTALL.splitlines()[1:]:
        command = line.strip()
        if command.startswith(SHELLS_LISTED):
            lines.append(("--help", command.split(None, 1)[1]))
    return lines


SHELLS_LISTED = ("bash ", "zsh ", "fish ")


@pytest.mark.parametrize("where, command", _install_lines())
def test_each_install_line_works_in_a_new_account(tmp_path, where, command):
    """`reader completion bash > ~/.local/share/bash-completion/completions/reader` failed with
    "No such file or directory" in an account where that folder was never made (nor ~/.zfunc,
    nor fish's completions folder before fish first ran)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "reader"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m reader "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": f"{bin_dir}:/usr/bin:/bin"}
    done = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"{where}: {command}: {done.stderr}"
    written = command.rsplit("> ", 1)[1].replace("~", str(home))
    assert Path(written).read_text(encoding="utf-8").startswith(("# bash", "#compdef", "# fish"))


def indexed_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus of two outlets' articles, indexed into its own folder: (corpus, index)."""
    from test_index_helpers import make_corpus

    corpus = make_corpus(tmp_path / "corpus")
    index = tmp_path / "ix"
    assert main(["--corpus", str(corpus), "--index", str(index), "index", "--no-prepare"]) == 0
    return corpus, index


def reader_on_path(tmp_path: Path) -> dict:
    """An environment whose PATH has a `reader` that runs this checkout, for the scripts to ask."""
    import os

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "reader"
    root = Path(__file__).resolve().parent.parent
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH={root} exec {sys.executable} -m reader "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")


def test_an_outlet_name_given_with_a_tab_is_offered_as_the_name_list_takes(tmp_path, capsys, monkeypatch):
    # A tab in an outlet's name (front matter, JSON Lines, outlets.yaml) is a space once loaded, as
    # every run of whitespace in a name: the completion offers "Daily News", which --outlet
    # takes, never a tab the shells would insert escaped ($'\t', \<tab>) that names no outlet.
    # (A file name with a control character is no article: named and skipped.)
    config = tmp_path / "my-config"
    config.mkdir()
    (config / "outlets.yaml").write_text('outlets:\n  - name: "Tab\\tTimes"\n', encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG_DIR", str(config))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(
        '---\ntitle: Storm one\noutlet: "Daily\\tNews"\ndate: 2025-10-01\n---\n\nThe storm came.\n', encoding="utf-8"
    )
    (corpus / "b.jsonl").write_text(
        '{"title": "Storm two", "outlet": "Tab\\tHerald", "date": "2025-10-02", "text": "A storm came."}\n'
        '{"title": "Storm three", "outlet": "Tab\\tTimes", "date": "2025-10-03", "text": "A storm went."}\n',
        encoding="utf-8",
    )
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*where, "index", "--no-prepare"]) == 0
    capsys.readouterr()
    assert main(["--complete-values", "outlets", *where]) == 0
    offered = capsys.readouterr().out.splitlines()
    assert offered == ["Daily News", "Tab Herald", "Tab Times"]
    for outlet in offered:
        assert main([*where, "list", "--json", "--outlet", outlet]) == 0
        assert [row["outlet"] for row in json.loads(capsys.readouterr().out)] == [outlet]


def test_complete_values_prints_the_named_corpus_ids_and_outlets_and_nothing_without_an_index(tmp_path, capsys):
    corpus, index = indexed_corpus(tmp_path)
    capsys.readouterr()
    assert main(["--complete-values", "outlets", "--corpus", str(corpus), "--index", str(index)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Associated Press", "BBC News", "Reuters"]
    assert main(["--complete-values", "articles", "--corpus", str(corpus), "--index", str(index)]) == 0
    assert "reuters/budget-vote" in capsys.readouterr().out.splitlines()
    # No index yet, or no such folder: nothing offered, nothing said, and no index built for a Tab.
    for argv in (["--corpus", str(corpus), "--index", str(tmp_path / "none")], ["--corpus", str(tmp_path / "gone")]):
        assert main(["--complete-values", "articles", *argv]) == 0
        assert capsys.readouterr() == ("", "")
    assert not (tmp_path / "none").exists()
    # For the scripts only: neither the help nor the completions offer it.
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--complete-values" not in capsys.readouterr().out
    assert "--complete-values" not in [flag for option in command_tree(build_parser()).options for flag in option.flags]
    with pytest.raises(SystemExit):
        main(["--co", "list"])  # "could match --corpus, --color", no more
    assert "--complete-values" not in capsys.readouterr().err


BASH_VALUES_DRIVER = """
source "$1"
complete_words() {
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _reader
    printf '<%s>' "${COMPREPLY[@]}"; echo
}
complete_words reader --corpus "$2/corpus" --index "$2/ix" show reuters/b
complete_words reader --corpus = "$2/corpus" --index = "$2/ix" list --outlet ""
complete_words reader list --corpus "$2/corpus" --index "$2/ix" --outlet = R
complete_words reader search x --corpus "$2/corpus" --index "$2/ix" --sort ""
complete_words reader list --cor "$2/corpus" --ind "$2/ix" --outlet ""
complete_words reader --corp = "$2/corpus" --i = "$2/ix" list --outlet B
"""


def test_bash_completes_article_ids_and_outlet_names_of_the_corpus_on_the_line(tmp_path):
    indexed_corpus(tmp_path)
    lines = run_bash_driver(
        BASH_VALUES_DRIVER, script("bash", tmp_path), tmp_path, env=reader_on_path(tmp_path), timeout=120
    )
    assert lines[0] == "<reuters/budget-vote>"
    assert lines[1] == "<Associated Press><BBC News><Reuters>"
    assert lines[2] == "<Reuters>"
    assert lines[3] == "<relevance><date>"  # the values of other options as before
    # abbreviated as the CLI reads them (the default corpus's outlets were offered)
    assert lines[4] == "<Associated Press><BBC News><Reuters>"
    assert lines[5] == "<BBC News>"


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (apt-get install fish)")
def test_fish_completes_article_ids_and_outlet_names_of_the_corpus_on_the_line(tmp_path):
    corpus, index = indexed_corpus(tmp_path)
    path = script("fish", tmp_path)
    env = reader_on_path(tmp_path)

    def complete(line: str) -> list[str]:
        return fish_completions(path, line, env)

    assert complete(f"reader --corpus {corpus} --index {index} show reuters/b") == ["reuters/budget-vote"]
    assert complete(f"reader list --corpus={corpus} --index={index} --outlet ") == [
        "Associated Press",
        "BBC News",
        "Reuters",
    ]
    # abbreviated as the CLI reads them (the default corpus's outlets were offered)
    assert complete(f"reader list --cor {corpus} --ind={index} --outlet B") == ["BBC News"]


@pytest.mark.e2e
@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None,
    reason="zsh and tmux are needed (apt-get install zsh tmux)",
)
def test_zsh_completes_article_ids_and_outlet_names_of_the_corpus_on_the_line(tmp_path):
    corpus, index = indexed_corpus(tmp_path)
    with zsh_at_prompt(tmp_path, width=160, extra_env={"PATH": reader_on_path(tmp_path)["PATH"]}) as term:
        for typed, expected in (
            (f"reader --corpus {corpus} --index {index} show reuters/b", "show reuters/budget-vote"),
            (f"reader --corpus {corpus} --index {index} list --outlet=Ass", "--outlet=Associated\\ Press"),
            (f"reader --cor {corpus} --ind {index} list --outlet=Ass", "--outlet=Associated\\ Press"),
            # after the command, as the CLI takes them: the top level took --corpus, offered nothing
            (f"reader list --corpus {corpus} --index {index} --outlet Ass", "--outlet Associated\\ Press"),
            (f"reader list --corpus {corpus} --index {index} --outlet=B", "--outlet=BBC\\ News"),
        ):
            term.send(typed, literal=True)
            term.send("Tab")
            term.wait_for(expected, what=f"completion of {typed!r}")
            term.interrupt_until(lambda text: text.rstrip().endswith(">"), what="a fresh prompt")
            term.send("clear", "Enter")
            term.wait_for(lambda text: text.strip() == ">", what="a clear screen")


# -- subscriptions and story ids ------------------------------------------------------------------
FEEDS = ["https://news.example/rss", "https://news.example/world.xml", "http://127.0.0.1:8080/feed?x=1&y=2"]


def printf_q(url: str) -> str:
    """A URL as bash's printf %q quotes it (? and & escaped)."""
    return url.replace("?", "\\?").replace("&", "\\&")


def subscribed(config_dir: Path) -> None:
    (config_dir / "feeds.yaml").write_text(
        "feeds:\n" + "".join(f"  - url: {url!r}\n" for url in FEEDS), encoding="utf-8"
    )


def test_complete_values_prints_the_subscriptions_and_the_story_ids(tmp_path, capsys, isolated_dirs):
    assert main(["--complete-values", "feeds"]) == 0
    assert capsys.readouterr() == ("", "")  # no feeds.yaml yet: nothing offered
    subscribed(isolated_dirs["config"])
    assert main(["--complete-values", "feeds"]) == 0
    assert capsys.readouterr().out.splitlines() == FEEDS
    (isolated_dirs["config"] / "feeds.yaml").write_text("feeds: [", encoding="utf-8")
    assert main(["--complete-values", "feeds"]) == 0
    assert capsys.readouterr() == ("", "")  # a broken feeds.yaml: nothing, and nothing said
    corpus, index = indexed_corpus(tmp_path)
    capsys.readouterr()
    assert main(["--complete-values", "stories", "--corpus", str(corpus), "--index", str(index)]) == 0
    stories = capsys.readouterr().out.splitlines()
    from reader.library import Library

    library = Library([corpus], index, auto_update=False)
    assert stories == sorted({s.id for s in library.stories()}, key=str.casefold) and stories


def test_the_tree_completes_subscriptions_and_story_ids_where_they_are_asked_for():
    tree = command_tree(build_parser())
    kinds = {" ".join(c.path): [p.kind for p in c.positionals] for c in tree.walk()}
    assert kinds["feed remove"] == ["feed"] and kinds["fetch"] == ["feed"]
    assert kinds["feed add"] == [None]  # a new URL: nothing to offer
    [search] = [c for c in tree.walk() if c.path == ("search",)]
    assert [o.kind for o in search.options if "--story" in o.flags] == ["story"]


# bash parts a URL at its colons, as it reads the line: COMP_WORDS as bash makes them.
BASH_FEEDS_DRIVER = """
source "$1"
complete_line() {
    COMP_LINE=$1; COMP_POINT=${#1}; shift
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _reader
    printf '<%s>' "${COMPREPLY[@]}"; echo
}
complete_line "reader feed remove " reader feed remove ""
complete_line "reader feed remove https://news.example/w" reader feed remove https : //news.example/w
complete_line "reader fetch https" reader fetch https
complete_line "reader fetch http:" reader fetch http :
complete_line "reader feed add h" reader feed add h
complete_line "reader search x --corpus $2/corpus --index $2/ix --story " reader search x --corpus "$2/corpus" --index "$2/ix" --story ""
"""


def test_bash_completes_the_subscriptions_and_story_ids(tmp_path, isolated_dirs):
    subscribed(isolated_dirs["config"])
    indexed_corpus(tmp_path)
    lines = run_bash_driver(
        BASH_FEEDS_DRIVER, script("bash", tmp_path), tmp_path, env=reader_on_path(tmp_path), timeout=120
    )
    assert lines[0] == "".join(f"<{printf_q(url)}>" for url in FEEDS)
    assert lines[1] == "<//news.example/world.xml>"  # the word after "https:" is completed
    assert lines[2] == "<https://news.example/rss><https://news.example/world.xml>"
    assert lines[3] == "<://127.0.0.1:8080/feed\\?x=1\\&y=2>"  # quoted for the shell
    assert lines[4] == "<>"  # `feed add` takes a new URL
    assert lines[5].startswith("<") and lines[5] != "<>"


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (apt-get install fish)")
def test_fish_completes_the_subscriptions_and_story_ids(tmp_path, isolated_dirs):
    subscribed(isolated_dirs["config"])
    corpus, index = indexed_corpus(tmp_path)
    path = script("fish", tmp_path)
    env = reader_on_path(tmp_path)

    def complete(line: str) -> list[str]:
        return fish_completions(path, line, env)

    assert complete("reader feed remove ") == sorted(FEEDS)
    assert complete("reader fetch https://news.example/w") == ["https://news.example/world.xml"]
    assert complete("reader feed add ") == []
    assert complete(f"reader search x --corpus {corpus} --index {index} --story ") != []


@pytest.mark.e2e
@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None,
    reason="zsh and tmux are needed (apt-get install zsh tmux)",
)
def test_zsh_completes_the_subscriptions(tmp_path, isolated_dirs):
    subscribed(isolated_dirs["config"])
    env = {"PATH": reader_on_path(tmp_path)["PATH"], "READER_CONFIG_DIR": str(isolated_dirs["config"])}
    with zsh_at_prompt(tmp_path, width=160, extra_env=env) as term:
        for typed, expected in (
            ("reader feed remove https://news.example/w", "reader feed remove https://news.example/world.xml"),
            ("reader fetch http:", "reader fetch http://127.0.0.1:8080/feed\\?x=1\\&y=2"),
        ):
            term.send(typed, literal=True)
            term.send("Tab")
            term.wait_for(expected, what=f"completion of {typed!r}")
            term.interrupt_until(lambda text: text.rstrip().endswith(">"), what="a fresh prompt")
            term.send("clear", "Enter")
            term.wait_for(lambda text: text.strip() == ">", what="a clear screen")


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed (apt-get install tmux)")
def test_bash_inserts_a_subscription_s_url_whole_in_a_real_interactive_shell(tmp_path, isolated_dirs):
    # The colon of "127.0.0.1:8080" was inserted escaped twice, a backslash too many.
    from e2e_helpers import Tmux

    subscribed(isolated_dirs["config"])
    path = script("bash", tmp_path)
    rc = tmp_path / "bashrc"
    rc.write_text(f"source {path}\nPS1='> '\n", encoding="utf-8")
    env = reader_on_path(tmp_path)
    with Tmux(tmp_path, width=120, height=20) as term:
        term.start(
            ["bash", "--noprofile", "--rcfile", str(rc), "-i"],
            env={"HOME": str(tmp_path), "PATH": env["PATH"], "READER_CONFIG_DIR": str(isolated_dirs["config"])},
        )
        term.wait_for(lambda text: text.strip() == ">", what="the prompt")
        for typed, expected in (
            ("reader fetch http://127", "> reader fetch http://127.0.0.1:8080/feed\\?x=1\\&y=2"),
            ("reader feed remove https://news.example/w", "> reader feed remove https://news.example/world.xml"),
        ):
            term.send(typed, literal=True)
            term.send("Tab")
            term.wait_for(expected, what=f"completion of {typed!r}")
            term.interrupt_until(lambda text: text.strip().splitlines()[-1:] == [">"], what="a new prompt")
            term.send("clear", "Enter")
            term.wait_for(lambda text: text.strip() == ">", what="a clear screen")


# -- compare's sides ------------------------------------------------------------------------------
def story_ids(corpus: Path, index: Path) -> list[str]:
    from reader.library import Library

    return sorted({s.id for s in Library([corpus], index, auto_update=False).stories()}, key=str.casefold)


def test_compare_s_a_completes_as_an_article_a_story_or_a_file_and_its_b_as_an_article(tmp_path, capsys):
    """`reader compare STORY` compares two of its versions, but only article ids and files
    completed there; B is no story (`compare 000 s6c…` is an error): it offers none."""
    tree = command_tree(build_parser())
    [compare] = [c for c in tree.walk() if c.path == ("compare",)]
    assert [p.kind for p in compare.positionals] == ["side", "article"]
    corpus, index = indexed_corpus(tmp_path)
    capsys.readouterr()
    assert main(["--complete-values", "sides", "--corpus", str(corpus), "--index", str(index)]) == 0
    sides = capsys.readouterr().out.splitlines()
    assert main(["--complete-values", "articles", "--corpus", str(corpus), "--index", str(index)]) == 0
    articles = capsys.readouterr().out.splitlines()
    assert sides == articles + story_ids(corpus, index) and story_ids(corpus, index)


BASH_SIDES_DRIVER = """
source "$1"
complete_words() {
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _reader
    printf '<%s>' "${COMPREPLY[@]}"; echo
}
complete_words reader --corpus "$2/corpus" --index "$2/ix" compare "$3"
complete_words reader --corpus "$2/corpus" --index "$2/ix" compare reuters/budget-vote "$3"
complete_words reader compare --corpus "$2/corpus" --index "$2/ix" - "$3"
complete_words reader --corpus "$2/corpus" --index "$2/ix" compare reuters/b
"""


def test_bash_completes_compare_s_a_with_story_ids_and_its_b_without(tmp_path):
    corpus, index = indexed_corpus(tmp_path)
    story = story_ids(corpus, index)[0]
    lines = run_bash_driver(
        BASH_SIDES_DRIVER,
        script("bash", tmp_path),
        tmp_path,
        story[:3],
        env=reader_on_path(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert f"<{story}>" in lines[0]
    assert story not in lines[1] and story not in lines[2]  # B (after A, or after - for stdin)
    assert lines[3] == "<reuters/budget-vote>"


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (apt-get install fish)")
def test_fish_completes_compare_s_a_with_story_ids_and_its_b_without(tmp_path):
    corpus, index = indexed_corpus(tmp_path)
    story = story_ids(corpus, index)[0]
    path = script("fish", tmp_path)
    env = reader_on_path(tmp_path)
    line = f"reader --corpus {corpus} --index {index} compare"
    assert story in fish_completions(path, f"{line} {story[:3]}", env)
    assert story not in fish_completions(path, f"{line} reuters/budget-vote {story[:3]}", env)
    assert fish_completions(path, f"{line} reuters/b", env) == ["reuters/budget-vote"]


@pytest.mark.e2e
@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None,
    reason="zsh and tmux are needed (apt-get install zsh tmux)",
)
def test_zsh_completes_compare_s_a_with_a_story_id(tmp_path):
    corpus, index = indexed_corpus(tmp_path)
    story = story_ids(corpus, index)[0]
    with zsh_at_prompt(tmp_path, width=160, extra_env={"PATH": reader_on_path(tmp_path)["PATH"]}) as term:
        typed = f"reader --corpus {corpus} --index {index} compare {story[:-1]}"
        term.send(typed, literal=True)
        term.send("Tab")
        term.wait_for(f"compare {story}", what=f"completion of {typed!r}")


# -- ids and outlet names that are hard to quote ---------------------------------------------------
# Each id (a file's name) and outlet name holds what a shell reads: a space, a quote, `$`, a
# backquote, non-ASCII letters.
HARD_ARTICLES = {
    "my article": "Le Monde",
    "it's": "O'Reilly Times",
    "cost $5": "$ Money",
    "café ñ": "Zürich Zeitung",
    'dq"x': 'The "Quoted" Post',
    "tick`x": "Back`tick News",
}


def hard_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """The corpus `work/hard` of HARD_ARTICLES, indexed into `work/ix` (no other name in `work`)."""
    corpus = tmp_path / "work" / "hard"
    corpus.mkdir(parents=True)
    for number, (name, outlet) in enumerate(HARD_ARTICLES.items()):
        quoted = outlet.replace("'", "''")
        (corpus / f"{name}.md").write_text(
            f"---\ntitle: 'Storm {number}'\noutlet: '{quoted}'\ndate: '2025-10-0{number + 1}'\n---\n\n"
            f"The storm number {number} reached the coast on Tuesday.\n",
            encoding="utf-8",
        )
    index = tmp_path / "work" / "ix"
    assert main(["--corpus", str(corpus), "--index", str(index), "index", "--no-prepare"]) == 0
    return corpus, index


BASH_HARD_DRIVER = (
    BASH_IN_FOLDER
    + """
complete_words reader --corpus hard --index ix show co
complete_words reader --corpus hard --index ix show ti
complete_words reader --corpus hard --index ix list --outlet '$'
complete_words reader --corpus hard --index ix list --outlet "'$"
complete_words reader --corpus hard --index ix show my
complete_words reader --corpus hard --index ix show caf
complete_words reader --corpus hard --index ix show dq
complete_words reader --corpus hard --index ix list --outlet O
"""
)


def test_bash_quotes_the_dollar_and_backquote_of_ids_and_outlet_names_it_offers(tmp_path):
    # bash leaves a `$` or a backquote of a reply that names no file unquoted, taking it for an
    # expansion to come: the id `cost $5` was inserted as cost\ $5, which runs as "cost ".
    hard_corpus(tmp_path)
    lines = run_bash_driver(
        BASH_HARD_DRIVER, script("bash", tmp_path), tmp_path / "work", env=reader_on_path(tmp_path), timeout=120
    )
    assert lines[0] == "<cost\\ \\$5>"
    assert lines[1] == "<tick\\`x>"
    assert lines[2] == "<\\$\\ Money>"
    assert lines[3] == "<$ Money>"  # in the quote the word opened, readline's quoting keeps it whole
    # the others readline quotes itself, as file names (`complete -o filenames`)
    assert lines[4:] == ["<my article>", "<café ñ>", '<dq"x>', "<O'Reilly Times>"]
    for reply in ("cost\\ \\$5", "tick\\`x", "\\$\\ Money"):  # each as bash reads it back
        said = subprocess.run(["bash", "-c", f"printf %s {reply}"], capture_output=True, text=True, check=True)
        assert said.stdout in HARD_ARTICLES or said.stdout in HARD_ARTICLES.values(), said.stdout


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (apt-get install fish)")
def test_fish_offers_ids_and_outlet_names_that_are_hard_to_quote_whole(tmp_path):
    corpus, index = hard_corpus(tmp_path)
    path = script("fish", tmp_path)
    env = reader_on_path(tmp_path)
    where = f"reader --corpus {corpus} --index {index}"
    assert set(HARD_ARTICLES) <= set(fish_completions(path, f"{where} show ", env))  # with the files here
    assert fish_completions(path, f"{where} list --outlet ", env) == sorted(HARD_ARTICLES.values())
    assert fish_completions(path, f"{where} show 'it", env) == ["it's"]


HARD_INSERTED = (
    ("show co", "show cost\\ \\$5"),
    ("show ti", "show tick\\`x"),
    ("show caf", "show café\\ ñ"),
    ("show dq", 'show dq\\"x'),
    ("show it", "show it\\'s"),
    ("list --outlet O", "--outlet O\\'Reilly\\ Times"),
    ("list --outlet Z", "--outlet Zürich\\ Zeitung"),
    ("list --outlet \\$", "--outlet \\$\\ Money"),
)


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed (apt-get install tmux)")
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_ids_and_outlet_names_that_are_hard_to_quote_go_in_quoted_in_a_real_shell(tmp_path, shell):
    """What each shell inserts on a Tab, read back as the shell reads it: the id or the name."""
    from e2e_helpers import Tmux

    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed (apt-get install {shell})")
    hard_corpus(tmp_path)
    path = script(shell, tmp_path)
    env = {"HOME": str(tmp_path), "PATH": reader_on_path(tmp_path)["PATH"], "LANG": "C.UTF-8"}
    if shell == "bash":
        (tmp_path / "bashrc").write_text(f"source {path}\nPS1='> '\n", encoding="utf-8")
        command = ["bash", "--noprofile", "--rcfile", str(tmp_path / "bashrc"), "-i"]
    elif shell == "zsh":
        (tmp_path / ".zshrc").write_text(
            f"autoload -U compinit; compinit -u -D\nsource {path}\nPROMPT='> '\n", encoding="utf-8"
        )
        command, env["ZDOTDIR"] = ["zsh", "-i"], str(tmp_path)
    else:
        (tmp_path / ".config" / "fish").mkdir(parents=True)
        (tmp_path / ".config" / "fish" / "config.fish").write_text(
            f"source {path}\nfunction fish_prompt; echo '> '; end\nset fish_greeting\n", encoding="utf-8"
        )
        command, env["XDG_CONFIG_HOME"] = ["fish"], str(tmp_path / ".config")
    with Tmux(tmp_path / "work", width=160, height=20) as term:
        term.start(command, env=env)
        term.wait_for(lambda text: text.strip() == ">", what="the prompt")
        for typed, expected in HARD_INSERTED:
            if shell == "fish":  # a backquote is no command substitution in fish: left as it is
                expected = expected.replace("\\`", "`")
            term.send(f"reader --corpus hard --index ix {typed}", literal=True)
            term.send("Tab")
            term.wait_for(expected, what=f"completion of {typed!r}")
            term.interrupt_until(lambda text: text.rstrip().endswith(">"), what="a fresh prompt")
            term.send("clear", "Enter")
            term.wait_for(lambda text: text.strip() == ">", what="a clear screen")


BASH_AFTER_DASHES_DRIVER = (
    BASH_IN_FOLDER
    + """
complete_words reader --corpus news --index ix show -- -
complete_words reader --corpus news --index ix show -
complete_words reader --corpus news --index ix show -- -a --
complete_words reader --corpus news --index ix compare -- -a --b -
complete_words reader --corpus news --index ix show -- --corpus ne
"""
)


def test_bash_completes_ids_that_start_with_a_dash_after_the_double_dash(tmp_path):
    # `reader show -- -<Tab>` offered --help, --json...: after `--` every word is an argument,
    # and the id -a is what goes there (before it, `-<Tab>` still offers the options)
    work = tmp_path / "work"
    for name in ("-a", "--b", "news-c"):
        path = work / "news" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Storm {name}\noutlet: Daily\ndate: 2025-10-01\n---\n\nThe storm came.\n")
    assert main(["--corpus", str(work / "news"), "--index", str(work / "ix"), "index", "--no-prepare"]) == 0
    lines = run_bash_driver(
        BASH_AFTER_DASHES_DRIVER, script("bash", tmp_path), work, env=reader_on_path(tmp_path), timeout=120
    )
    assert sorted(lines[0].strip("<>").split("><")) == ["--b", "-a"]
    assert "<--json>" in lines[1] and "-a" not in lines[1].split("><")
    assert lines[2] == "<--b>"
    assert lines[3] == "<>"  # compare takes two
    assert sorted(lines[4].strip("<>").split("><")) == ["news", "news-c"]  # --corpus there is no option


@pytest.mark.e2e
@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None,
    reason="zsh and tmux are needed (apt-get install zsh tmux)",
)
def test_zsh_offers_no_option_after_the_double_dash(tmp_path):
    # `reader show -- -<Tab>` listed --help, --json... under the ids: _arguments -S
    work = tmp_path / "work"
    for name in ("-a", "-b"):
        path = work / "news" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Storm {name}\noutlet: Daily\ndate: 2025-10-01\n---\n\nThe storm came.\n")
    assert main(["--corpus", str(work / "news"), "--index", str(work / "ix"), "index", "--no-prepare"]) == 0
    env = {"PATH": reader_on_path(tmp_path)["PATH"]}
    with zsh_at_prompt(tmp_path, width=120, extra_env=env) as term:
        term.send(f"reader --corpus {work / 'news'} --index {work / 'ix'} show -- -", literal=True)
        term.send("Tab")
        term.wait_for(lambda text: "-a" in text.split() and "-b" in text.split(), what="the ids")
        assert "--json" not in term.screen()


BASH_HELP_DRIVER = """
source "$1"
complete_words() {
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _reader
    printf '%s\\n' "${COMPREPLY[@]}" | sort | tr '\\n' ' '; echo
}
complete_words reader he
complete_words reader --corpus "$2" help fe
complete_words reader help feed ""
complete_words reader help list ""
complete_words reader feed help ""
complete_words reader --corpus "$2" feed he
"""


def test_bash_completes_help_and_the_commands_after_it(tmp_path):
    # `reader help feed add` is `reader feed add --help`: the words after help completed as nothing
    lines = run_bash_driver(BASH_HELP_DRIVER, script("bash", tmp_path), tmp_path)
    assert lines[0].split() == ["help"]
    assert lines[1].split() == ["feed", "fetch"]
    assert lines[2].split() == ["add", "export", "import", "list", "remove"]
    assert lines[3].split() == []  # no option, file nor id: help takes none
    # `reader feed help add` is `reader feed add --help` too: feed's help completed nothing
    assert lines[4].split() == ["add", "export", "import", "list", "remove"]
    assert lines[5].split() == ["help"]


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (apt-get install fish)")
def test_fish_completes_help_and_the_commands_after_it(tmp_path):
    path = script("fish", tmp_path)
    assert fish_completions(path, "reader he") == ["help"]
    assert fish_completions(path, f"reader --corpus {tmp_path} help fe") == ["feed", "fetch"]
    assert fish_completions(path, "reader help feed ") == ["add", "export", "import", "list", "remove"]
    assert fish_completions(path, "reader help list ") == []
    assert fish_completions(path, "reader feed help ") == ["add", "export", "import", "list", "remove"]
    assert fish_completions(path, "reader feed help add ") == []
    assert fish_completions(path, "reader feed he") == ["help"]


@pytest.mark.e2e
@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None,
    reason="zsh and tmux are needed (apt-get install zsh tmux)",
)
def test_zsh_completes_help_and_the_commands_after_it(tmp_path):
    zsh_offers(
        tmp_path,
        ("reader hel", "reader help"),
        ("reader help feed ", "remove  -- unsubscribe"),
        ("reader help st", "stories  -- group the articles"),
        ("reader feed help ", "remove  -- unsubscribe"),
    )


# A command's options before it, as `reader --json list` takes them (the option's value too).
OPTIONS_BEFORE_THE_COMMAND = (
    ("reader --json li", "list"),
    ("reader --json list --ou", "--outlet"),
    ("reader --limit 3 se", "search"),
    ("reader --limit 3 search --li", "--limit"),
    ("reader --json feed l", "list"),
    # abbreviated, as the CLI takes them: `--lim 3` is --limit's value (zsh read `3` as the command)
    ("reader --lim 3 se", "search"),
    ("reader --jso li", "list"),
    ("reader --cor seeds --s date se", "search"),
    ("reader --lim=3 search --li", "--limit"),
    ("reader search --so d", "date"),  # an abbreviated option's value
    ("reader --lim 3 search --so r", "relevance"),
    ("reader --lim", "--limit"),  # a command's option it starts, none of reader's own (it offered nothing)
    ("reader --so", "--sort"),
)


def test_bash_completes_after_a_command_s_options_given_before_it(tmp_path):
    driver = BASH_IN_FOLDER + "".join(f"complete_words {typed}\n" for typed, _ in OPTIONS_BEFORE_THE_COMMAND)
    lines = run_bash_driver(driver, script("bash", tmp_path), tmp_path)
    assert lines == [f"<{expected}>" for _, expected in OPTIONS_BEFORE_THE_COMMAND]


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (apt-get install fish)")
def test_fish_completes_after_a_command_s_options_given_before_it(tmp_path):
    path = script("fish", tmp_path)
    for typed, expected in OPTIONS_BEFORE_THE_COMMAND:
        assert fish_completions(path, typed) == [expected], typed


@pytest.mark.e2e
@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None,
    reason="zsh and tmux are needed (apt-get install zsh tmux)",
)
def test_zsh_completes_after_a_command_s_options_given_before_it(tmp_path):
    """zsh's top-level _arguments knew reader's own options alone: after `--json` it offered nothing."""
    zsh_offers(tmp_path, *OPTIONS_BEFORE_THE_COMMAND)  # each expected word is not in what is typed
