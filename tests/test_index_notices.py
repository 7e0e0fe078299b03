"""What a reading command says about the index (out of date, being updated, ...) is said only
when an answer came from the index, once; files read by their path neither need the index nor
get it built."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import write_article  # noqa: E402

from conftest import run_main  # noqa: E402

STALE = "changed since the index was last updated"


@pytest.fixture
def outside(tmp_path) -> Path:
    return write_article(
        tmp_path / "elsewhere",
        "draft",
        "Draft on the budget",
        "Draft Post",
        "2025-10-04",
        'The Senate passed the budget. "We will fight on," said Tom Brown of the opposition.',
    )


@pytest.fixture
def stale(corpus, tmp_path, capsys) -> list[str]:
    """The global options of a corpus whose index is out of date (a file added since)."""
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert run_main(capsys, *where, "index", "--no-prepare")[0] == 0
    write_article(corpus, "bbc/zeppelin", "Zeppelin lands", "BBC", "2025-11-02", "A zeppelin landed.")
    return where


@pytest.mark.parametrize("command", [["show"], ["quotes"], ["show", "--json"], ["quotes", "--json"]])
def test_a_file_outside_the_corpus_is_answered_without_a_word_about_the_index(stale, outside, capsys, command):
    code, out, err = run_main(capsys, *stale, *command, str(outside))
    assert code == 0 and "Tom Brown" in out and err == ""
    if "--json" in command and command[0] == "show":
        assert json.loads(out)[0]["story"] is None


def test_the_notice_waits_for_an_answer_from_the_index_and_is_said_once(stale, outside, capsys):
    code, out, err = run_main(capsys, *stale, "show", str(outside), "reuters/budget-vote", "ap/budget-vote")
    assert code == 0 and "Tom Brown" in out and "Maria Lopez" in out
    assert err.count(STALE) == 1 and err.count("\n") == 1
    # An id the index does not have is an answer from it too: the file may have been added since.
    code, out, err = run_main(capsys, *stale, "show", str(outside), "bbc/zeppelin")
    assert code == 2 and err.count(STALE) == 1
    assert err.index(STALE) < err.index("no article with id or path 'bbc/zeppelin'")


def test_a_corpus_file_read_by_path_says_it_only_when_the_index_gave_it(stale, corpus, capsys):
    code, out, err = run_main(capsys, *stale, "show", str(corpus / "bbc" / "zeppelin.md"), "--json")
    assert code == 0 and json.loads(out)[0]["story"] is None and err == ""
    code, out, err = run_main(capsys, *stale, "show", str(corpus / "bbc" / "football.md"), "--json")
    assert code == 0 and json.loads(out)[0]["story"] is not None and err.count(STALE) == 1


def test_comparing_two_outside_files_says_nothing_about_the_index(stale, outside, tmp_path, capsys):
    other = write_article(tmp_path / "elsewhere", "other", "Other", "Other Post", "2025-10-04", "The Senate voted.")
    code, out, err = run_main(capsys, *stale, "compare", str(outside), str(other), "--json")
    assert code == 0 and json.loads(out)["left"]["story"] is None and STALE not in err
    code, out, err = run_main(capsys, *stale, "compare", str(outside), "ap/budget-vote", "--json")
    assert code == 0 and err.count(STALE) == 1


def test_outside_files_alone_do_not_build_a_missing_index(corpus, outside, tmp_path, capsys):
    index_dir = tmp_path / "ix"
    where = ["--corpus", str(corpus), "--index", str(index_dir)]
    entries = tmp_path / "elsewhere" / "entries.jsonl"
    entries.write_text('{"title": "One", "text": "The first entry."}\n{"title": "Two", "text": "The second entry."}\n')
    for command in (["show", str(outside)], ["quotes", str(outside), "--json"], ["show", f"{entries}#2"]):
        code, out, err = run_main(capsys, *where, *command)
        assert code == 0 and err == "", command
        assert not index_dir.exists(), command
    # An id's start needs the index: the first one is built then (a whole id's file is read
    # without it: test_the_first_show_of_a_whole_id_reads_its_file_and_leaves_the_index_for_later)
    code, out, err = run_main(capsys, *where, "show", str(outside), "reuters/sto")
    assert code == 0 and "coastal towns" in out and index_dir.is_dir()


def test_an_outside_file_named_as_a_corpus_article_is_not_given_its_id_without_an_index(corpus, tmp_path, capsys):
    write_article(corpus, "summit", "Summit", "Reuters", "2025-09-15", "Leaders met.")
    twin = write_article(tmp_path / "elsewhere", "summit", "Summit draft", "Draft", "2025-09-15", "Leaders will meet.")
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run_main(capsys, *where, "show", str(twin), "--json")
    assert code == 0 and json.loads(out)[0]["id"] == str(twin) and not (tmp_path / "ix").exists()


def test_indexing_a_folder_with_no_article_says_so(tmp_path, capsys):
    """`reader index --corpus EMPTY` said only "0 indexed, 0 updated, 0 removed, 0 unchanged": a
    mistyped folder went unnoticed until `list` said it held no articles."""
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run_main(capsys, "--corpus", str(empty), "index", "--no-prepare")
    assert code == 0 and out.startswith("0 indexed, 0 updated, 0 removed, 0 unchanged")
    assert err.splitlines()[-1] == (  # `index` itself: "`reader index` indexes them" read as a loop
        f"reader: no articles in {empty}: add plain text, Markdown, HTML, RSS/Atom, JSON or JSON Lines files "
        f"there (`reader --corpus {empty} index` again indexes them)"
    )
    (empty / "notes.txt").write_text("")  # skipped (empty file): still no article, and why is told
    code, out, err = run_main(capsys, "--corpus", str(empty), "index", "--no-prepare")
    assert code == 1 and err.splitlines()[-1] == (  # nothing loaded: a failure to read, as in `list`
        f"reader: nothing loaded from {empty}: every file there was skipped (1 file or entry; each named above with its reason)"
    )
    assert err.splitlines()[-2] == f"reader: skipped {empty / 'notes.txt'}: empty file"
    code, out, err = run_main(capsys, "--corpus", str(empty), "index", "--no-prepare", "--json")
    # piped and with --json too: a script's stderr is no terminal, and the JSON has no room for it
    assert (
        code == 1
        and json.loads(out)["unchanged"] == 0
        and err.splitlines()[-1].startswith("reader: nothing loaded from")
    )


def test_a_malformed_query_is_not_told_the_index_is_out_of_date(stale, capsys):
    code, out, err = run_main(capsys, *stale, "search", "date:[garbage TO x]")
    assert code == 2 and STALE not in err and len(err.splitlines()) == 1
    code, out, err = run_main(capsys, *stale, "search", "nothingmatchesthis")
    assert code == 1 and err.count(STALE) == 1  # nothing found in the index as it is: said


def test_an_outside_file_is_not_given_an_id_the_open_index_holds(corpus, tmp_path):
    """The file of an indexed id may be gone from the corpus since (an index out of date): an
    outside file of that name must not take the id either while the index is open (the app)."""
    from reader.library import Library

    write_article(corpus, "summit", "Summit", "Reuters", "2025-09-15", "Leaders met.")
    library = Library([corpus], tmp_path / "ix")
    library.update()
    (corpus / "summit.md").unlink()
    twin = write_article(tmp_path / "elsewhere", "summit", "Summit draft", "Draft", "2025-09-15", "Leaders will meet.")
    try:
        assert any(info.id == "summit" for info in library.articles())
        assert [article.id for article in library.articles_at(str(twin))] == [str(twin)]
    finally:
        library.close()
