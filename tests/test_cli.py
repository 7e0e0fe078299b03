"""The command line's contract (docs/design.md, README) on the bundled corpus: list, show, errors, exit codes."""

import json
import os
import re
import shutil

import pytest

from conftest import FOX, MT, run_main, write


@pytest.fixture
def run(reader_cli):
    return reader_cli


def test_list_json_gives_both_seeds_with_metadata(run):
    articles = json.loads(run("list", "--json").stdout)
    by_id = {a["id"]: a for a in articles}
    assert set(by_id) == {FOX, MT}
    assert by_id[FOX]["outlet"] == "Fox News"
    assert by_id[MT]["outlet"] == "The Moscow Times"
    for article in articles:
        assert article["date"] == "2025-10-21"
        assert article["title"]
        assert set(article) >= {"id", "outlet", "title", "date", "url", "story"}


def test_show_json_gives_clean_text(run):
    shown = json.loads(run("show", FOX, MT, "--json").stdout)
    assert [a["id"] for a in shown] == [FOX, MT]
    fox, mt = shown[0]["text"], shown[1]["text"]
    for gone in (
        "date 2025-10-21",
        "You can now listen to Fox News articles!",
        "Caitlin McFall contributed to this report",
    ):
        assert gone not in fox
    assert fox.startswith("President Donald Trump has no plans to meet")
    assert fox.rstrip().endswith('"We\'re working on number nine," he said.')
    assert "A Message from The Moscow Times" not in mt
    assert "Remind me later" not in mt
    assert "Dear readers" not in mt
    assert mt.rstrip().endswith("personal chemistry with the Russian leader.")
    for article in shown:
        assert set(article) >= {"id", "outlet", "title", "date", "url", "path", "text"}


def test_show_accepts_a_path_outside_the_corpus(run, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\ntitle: A loose file\noutlet: Reuters\ndate: 2024-01-02\n---\n\nBody text here.\n")
    shown = json.loads(run("show", str(outside), "--json").stdout)
    assert shown[0]["title"] == "A loose file"
    assert shown[0]["text"].strip() == "Body text here."


FEED = """<rss version="2.0"><channel><title>T</title>
<item><title>First entry</title><description>The first entry of the feed, with enough words.</description></item>
<item><title>Second entry</title><description>The second entry of the feed, with enough words.</description></item>
</channel></rss>"""


def test_show_and_quotes_of_a_feeds_path_give_each_of_its_articles_under_its_own_id(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.rss").write_text(FEED)
    run("--corpus", str(corpus), "index", "--no-prepare")
    # Indexed: its articles as the index has them.
    shown = json.loads(run("--corpus", str(corpus), "show", str(corpus / "feed.rss"), "--json").stdout)
    assert [(a["id"], a["title"]) for a in shown] == [("feed#1", "First entry"), ("feed#2", "Second entry")]
    # Outside the corpus, with a name whose ids (feed#1, feed#2) the corpus's articles have.
    outside = tmp_path / "elsewhere" / "feed.rss"
    outside.parent.mkdir()
    outside.write_text(FEED.replace("entry", "item"))
    shown = json.loads(run("--corpus", str(corpus), "show", str(outside), "--json").stdout)
    assert [(a["id"], a["title"]) for a in shown] == [(f"{outside}#1", "First item"), (f"{outside}#2", "Second item")]
    quoted = json.loads(run("--corpus", str(corpus), "quotes", str(outside), "--json").stdout)
    assert [q["id"] for q in quoted] == [f"{outside}#1", f"{outside}#2"]


def test_compare_with_a_file_of_several_articles_names_their_ids(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.rss").write_text(FEED)
    run("--corpus", str(corpus), "index", "--no-prepare")
    result = run("--corpus", str(corpus), "compare", str(corpus / "feed.rss"), "feed#2", check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert "feed.rss holds 2 articles: compare two by id (feed#1, feed#2)" in result.stderr
    assert run("--corpus", str(corpus), "compare", "feed#1", "feed#2", "--json").returncode == 0


def test_compare_with_a_file_of_several_articles_outside_the_corpus_names_them_as_path_n(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The council met on Tuesday to vote on the budget, officials said.\n")
    outside = tmp_path / "elsewhere" / "news.rss"
    outside.parent.mkdir()
    outside.write_text(FEED)
    run("--corpus", str(corpus), "index", "--no-prepare")
    result = run("--corpus", str(corpus), "compare", "a", str(outside), check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert f"{outside} holds 2 articles, not in this corpus" in result.stderr
    assert f"({outside}#1, {outside}#2)" in result.stderr and "news#1" not in result.stderr.replace(str(outside), "")
    # What it suggests works, for compare and show alike.
    compared = json.loads(run("--corpus", str(corpus), "compare", "a", f"{outside}#2", "--json").stdout)
    assert compared["right"]["title"] == "Second entry"
    shown = json.loads(run("--corpus", str(corpus), "show", f"{outside}#1", "--json").stdout)
    assert [a["title"] for a in shown] == ["First entry"]
    missing = run("--corpus", str(corpus), "show", f"{outside}#3", check=False)
    assert missing.returncode != 0 and f"{outside} has no article #3 (it has #1, 2)" in missing.stderr
    padded = json.loads(run("--corpus", str(corpus), "show", f"{outside}#02", "--json").stdout)
    assert [a["title"] for a in padded] == ["Second entry"]  # #02 is #2


def test_path_n_of_a_file_of_one_article_says_it_is_not_numbered(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The council met on Tuesday to vote on the budget, officials said.\n")
    outside = tmp_path / "page.txt"
    outside.write_text("The mayor spoke on Wednesday about the new bridge, aides said.\n")
    run("--corpus", str(corpus), "index", "--no-prepare")
    for path in (corpus / "a.txt", outside):
        result = run("--corpus", str(corpus), "show", f"{path}#1", check=False)
        assert result.returncode == 2 and result.stdout == ""  # a name that names nothing
        # It said "has no article #1 (it has #)", naming no number to give instead.
        assert result.stderr == f"reader: {path} holds one article, not numbered ones: name it without #1\n"


def test_an_empty_article_id_asks_whether_a_variable_is_unset(run):
    # A usage error (2), as `search ''` is: it exited 1, as for an id typed in full but not found.
    for argv in (["show", ""], ["quotes", " "], ["compare", "", "000"], ["compare", "000", ""], ["show", "--json", ""]):
        result = run(*argv, check=False)
        assert result.returncode == 2
        assert json.loads(result.stdout)["failed"][0]["name"] == "" if "--json" in argv else result.stdout == ""
        assert result.stderr == "reader: an empty article id or path (is a shell variable unset?)\n", argv


def test_an_empty_article_id_among_others_is_exit_2_and_the_others_are_still_printed(run):
    result = run("show", FOX[:3], "", "--json", check=False)
    assert result.returncode == 2
    assert [a["id"] for a in json.loads(result.stdout)] == [FOX]


def test_show_unknown_article_is_one_line_error(run):
    result = run("show", "no-such-article", check=False)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-such-article" in lines[0]


def test_a_path_that_is_there_but_no_article_file_says_what_it_is(run, tmp_path):
    import os

    os.symlink("loop-b", tmp_path / "loop-a")
    os.symlink("loop-a", tmp_path / "loop-b")
    os.mkfifo(tmp_path / "pipe")
    os.symlink("nowhere", tmp_path / "broken")
    for target, said, status in (
        (str(tmp_path), "is a folder, not an article's id or file", 2),
        (str(tmp_path / "loop-a"), "is a symbolic link loop", 1),
        (str(tmp_path / "pipe"), "is a FIFO (named pipe), not a regular file", 1),
        (str(tmp_path / "broken"), "is a broken symbolic link", 1),
    ):
        result = run("show", target, check=False)
        assert result.returncode == status and result.stderr.startswith(f"reader: {target}: {said}"), result.stderr
    result = run("compare", FOX, str(tmp_path / "pipe"), check=False)
    assert result.returncode == 1 and "is a FIFO (named pipe), not a regular file" in result.stderr


@pytest.mark.parametrize(
    "command", [["show"], ["show", "--json"], ["quotes"], ["quotes", "--json"], ["compare"], ["compare", FOX]]
)
def test_a_folder_given_as_an_article_is_a_usage_error(reader_in_process, tmp_path, command):
    """`reader show DIR` exited 1, as for a file that cannot be read: a folder where an article
    goes is the user's typing, a usage error (exit status 2) whose one line says what was expected
    and which command lists the folder's articles; nothing on stdout but --json's []."""
    folder = tmp_path / "some folder"
    folder.mkdir()
    result = reader_in_process(*command, str(folder), check=False)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"reader: {folder}: is a folder, not an article's id or file "
        f"(`reader --corpus '{folder}' list` lists its articles)"
    ], result.stderr
    if "--json" in command:  # the folder named as not given
        assert [entry["name"] for entry in json.loads(result.stdout)["failed"]] == [str(folder)]
    else:
        assert result.stdout == ""


@pytest.mark.parametrize("command", [["show"], ["show", "--json"], ["quotes"], ["compare"]])
def test_a_folder_of_the_corpus_is_told_its_articles_ids(reader_in_process, tmp_path, command):
    """A folder of the corpus, by its path (`show g/bbc`) or by its name as ids start with it (`show
    fox`), is no article: the path was told `reader --corpus g/bbc list`, which reads that folder as
    a corpus of its own (other ids, another index), and the name was read as the start of an id,
    showing the folder's one article (and with two, "starts 2 article ids"). A usage error naming
    the ids of its articles; the start of a name (`fox/st`, `bb`) is still the start of an id."""
    corpus = tmp_path / "g"
    write(corpus / "fox" / "storm.txt", "Storm hits\n\nThe storm hit the coast on Tuesday.\n")
    for name in ("budget", "vote"):
        write(corpus / "bbc" / f"{name}.txt", f"The {name}\n\nThe {name} passed on Tuesday.\n")
    for number in range(1, 8):
        write(corpus / "many" / f"n{number}.txt", f"Note {number}\n\nThe note number {number} here.\n")
    write(corpus / "hollow" / "empty.txt", "")
    where = ("--corpus", str(corpus), "--index", str(tmp_path / "ix"))
    reader_in_process(*where, "index", "--no-prepare")
    said = "is a folder of the corpus, not an article's id or file"
    for target, ids in [
        ("fox", "the id of the one article in it is fox/storm"),
        ("fox/", "the id of the one article in it is fox/storm"),
        (str(corpus / "fox"), "the id of the one article in it is fox/storm"),
        ("g/bbc", "give the id of one of its 2 articles (bbc/budget, bbc/vote)"),
        ("bbc", "give the id of one of its 2 articles (bbc/budget, bbc/vote)"),
        (
            "many",
            "give the id of one of its 7 articles (many/n1, many/n2, many/n3, many/n4, many/n5 and 2 more; "
            f"`reader --corpus {corpus} --index {tmp_path / 'ix'} list` lists every id)",
        ),
        (
            "g/hollow",
            f"and the index has no article in it (`reader --corpus {corpus} --index {tmp_path / 'ix'} index --verbose` "
            "indexes it, naming each file skipped)",
        ),
    ]:
        result = reader_in_process(*where, *command, target, check=False)
        assert result.returncode == 2, result.stderr
        separator = ", " if ids.startswith("and ") else ": "
        assert result.stderr.splitlines() == [f"reader: {target}: {said}{separator}{ids}"], result.stderr
        assert (json.loads(result.stdout)["failed"][0]["name"] if "--json" in command else result.stdout) in (
            "",
            target,
        )
    assert reader_in_process(*where, "show", "fox/st").stdout.startswith("Storm hits")
    assert "starts 2 article ids" in reader_in_process(*where, "show", "bb", check=False).stderr


def test_a_folder_among_articles_is_said_and_the_others_shown(reader_in_process, tmp_path):
    result = reader_in_process("show", FOX, str(tmp_path), "--json", check=False)
    assert result.returncode == 2 and [a["id"] for a in json.loads(result.stdout)] == [FOX]
    assert "is a folder, not an article's id or file" in result.stderr


def test_a_name_too_long_for_the_system_is_no_article_not_a_traceback(run):
    # Path.is_file() raised ENAMETOOLONG for it (an id or path typed wrong is any string).
    for target in ("a" * 5000, "a/" * 2500):
        result = run("show", target, check=False)
        assert result.returncode == 2 and result.stdout == "", result.stderr
        assert result.stderr.startswith("reader: no article with id or path") and "Traceback" not in result.stderr


def test_a_path_through_a_folder_we_may_not_search_says_so(monkeypatch, tmp_path, capsys):
    from conftest import run_main, write

    locked = tmp_path / "locked"
    write(locked / "a.txt", "A title\n\nSome text here.\n")
    real_stat, real_lstat = os.stat, os.lstat

    def denied(real):
        def look(path, *args, **kwargs):
            if str(path).startswith(f"{locked}/"):  # as the kernel says it when `locked` is chmod 000
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args, **kwargs)

        return look

    monkeypatch.setattr(os, "stat", denied(real_stat))
    monkeypatch.setattr(os, "lstat", denied(real_lstat))
    code, out, err = run_main(capsys, "show", str(locked / "a.txt"))
    assert code == 1 and out == ""
    assert err == f"reader: {locked / 'a.txt'}: cannot read it: permission denied\n"


def test_an_id_can_be_given_by_its_start_when_only_one_id_starts_so(run):
    # FOX and MT are "000_..." and "004_...": "000" is FOX alone, "00" is both.
    shown = json.loads(run("show", FOX[:3], MT[:3], "--json").stdout)
    assert [a["id"] for a in shown] == [FOX, MT]
    result = run("show", FOX[:2], check=False)
    assert result.returncode == 2 and result.stdout == ""  # as an unknown id: say more of it
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "2 article ids" in lines[0] and FOX in lines[0] and MT in lines[0]
    # An empty id is no prefix of everything.
    result = run("show", "", check=False)
    assert result.returncode == 2 and "an empty article id or path (is a shell variable unset?)" in result.stderr


def test_one_unknown_article_among_several_loses_nothing_else(run):
    # As cat does with files: the others are printed, each unknown one is one line on stderr,
    # and the exit status says something was missing (2: a name that names nothing, as ripgrep's
    # for a file that is not there).
    result = run("show", FOX, "no-such-article", MT, check=False)
    assert result.returncode == 2
    assert "Trump has no plans to meet" in result.stdout and "Dear readers" not in result.stdout
    assert result.stdout.count("\n\n") >= 2 and "Moscow" in result.stdout
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("reader: no article with id or path 'no-such-article'; `reader ")
    shown = json.loads(run("show", FOX, "nope", MT, "--json", check=False).stdout)
    assert [a["id"] for a in shown] == [FOX, MT]
    result = run("quotes", "nope", MT, "--json", check=False)
    assert result.returncode == 2 and [a["id"] for a in json.loads(result.stdout)] == [MT]


def test_an_error_naming_a_hostile_file_name_prints_no_escape_sequence(run, tmp_path):
    hostile = tmp_path / "evil\x1b[31mred\x1b]0;title\x07.md"
    hostile.write_text("---\ntitle: x\n---\n\n")  # no article text: an error that names the file
    for command in (("show", str(hostile)), ("compare", str(hostile), FOX)):
        result = run(*command, check=False)
        assert result.returncode == 1 and "no article text" in result.stderr
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_an_empty_corpus_says_so_when_listed(run, tmp_path):
    empty = tmp_path / "news"
    empty.mkdir()
    result = run("--corpus", str(empty), "list")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.strip() == (
        f"reader: no articles in {empty}: add plain text, Markdown, HTML, RSS/Atom, JSON or JSON Lines files "
        f"there (`reader --corpus {empty} index` indexes them)"
    )
    assert run("--corpus", str(empty), "list", "--json").stdout.strip() == "[]"
    assert "no articles" not in run("list").stderr


@pytest.mark.parametrize("command", [["list"], ["index"], ["search", "budget"], ["stories", "--json"]])
def test_an_empty_corpus_whose_articles_are_hidden_says_they_are_skipped(reader_in_process, tmp_path, command):
    """A folder whose articles sit in `.articles/` was told to "add plain text, Markdown ... files
    there", which it held: the line says they are hidden, skipped, and the command that reads the
    hidden folder (which then lists them); a hidden file is to be renamed. Exit statuses as for
    an empty folder (0, 1 for search), nothing but `[]` on stdout with --json."""
    news = tmp_path / "news"
    write(news / ".articles" / "a.md", "---\ntitle: Budget\n---\n\nThe budget vote passed on Tuesday.")
    write(news / ".articles" / "world" / "b.txt", "Storm\n\nThe storm reached the coast on Tuesday.")
    write(news / ".git" / "objects" / "ab", "not an article")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    result = reader_in_process(*where, *command, check=False)
    assert result.returncode == (1 if command[0] == "search" else 0), result.stderr
    assert result.stdout.strip() in ("", "[]") or command == ["index"]
    folder = news / ".articles"
    assert result.stderr.splitlines()[-1] == (
        f"reader: no articles in {news}: 2 article files are in a hidden folder ({folder}), and reader skips "
        f"every name starting with '.'; `reader --corpus {folder} --index {tmp_path / 'ix2'} list` reads that folder"
    ).replace("ix2", "ix"), result.stderr
    listed = reader_in_process("--corpus", str(folder), "--index", str(tmp_path / "ix2"), "list", "--json")
    assert sorted(article["id"] for article in json.loads(listed.stdout)) == ["a", "world/b"]

    write(news / ".c.md", "The vote.")
    write(news / ".more" / "d.md", "The vote.")
    write(news / ".last" / "e.md", "The vote.")
    result = reader_in_process(*where, "list", check=False)
    line = result.stderr.splitlines()[-1]
    assert line.startswith(
        f"reader: no articles in {news}: 5 article files are in hidden folders or a hidden file "
        f"({folder}, {news / '.last'}, {news / '.more'} and 1 more), and reader skips every name starting with '.'; "
        f"`reader --corpus {folder} --corpus {news / '.last'} --corpus {news / '.more'} --index"
    ), line
    assert line.endswith("list` reads those folders; a hidden file is read once renamed without its leading '.'")
    write(news / ".\x1b]0;title\x07\x1b[31m" / "f.md", "The vote.")  # a hostile name is shown escaped
    result = reader_in_process(*where, "list", check=False)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\\x1b" in result.stderr
    helped = " ".join(reader_in_process("--help").stdout.split())  # --help says it too
    assert "(hidden ones, and those in hidden folders, skipped, but a hidden folder given here is read;" in helped


def test_hidden_articles_are_named_by_the_folder_that_reads_them_and_no_tools_folder_is(tmp_path):
    """Each hidden article file is counted under the innermost hidden folder it is in, the one
    `--corpus` reads it from (`.a/.b/y.md` was counted under `.a`, whose walk skips `.b`), a
    hidden file as itself; a tool's folder is never named (`reader --corpus .` in a project
    counted the text files of its `.venv` as hidden articles), nor one inside a hidden folder
    (`.local/lib/python3.12/site-packages`); a link, a loop back up too, is not followed."""
    from reader.corpus.discover import hidden_articles

    news = tmp_path / "news"
    for path in (".a/x.md", ".a/sub/z.txt", ".a/.b/y.md", ".a/.h.md", ".local/share/notes/.x/n.md"):
        write(news / path, "The vote.")
    for path in (".venv/lib/site-packages/p.dist-info/LICENSE.txt", ".git/description.md", ".cache/a.md"):
        write(news / path, "Not an article.")
    write(news / ".local/lib/python3.12/site-packages/pkg/README.md", "Not an article.")
    write(news / ".env3/pyvenv.cfg", "home = /usr/bin")  # a Python environment of any name
    write(news / ".env3/lib/entry_points.txt", "Not an article.")
    write(news / ".tagged/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55")
    write(news / ".tagged/a.md", "Not an article.")
    (news / ".a" / "loop").symlink_to("..", target_is_directory=True)
    (news / ".up").symlink_to(".", target_is_directory=True)
    assert hidden_articles([news]) == {
        str(news / ".a"): 2,
        str(news / ".a" / ".b"): 1,
        str(news / ".a" / ".h.md"): 1,
        str(news / ".local/share/notes/.x"): 1,
    }
    project = tmp_path / "project"
    write(project / ".venv/lib/python3.12/site-packages/pkg-1.0.dist-info/LICENSE.txt", "MIT")
    assert hidden_articles([project]) == {}


def test_a_hidden_folder_reached_through_a_link_is_named(reader_in_process, tmp_path):
    """A hidden link to a folder of articles (`news/.saved`), and a hidden folder in a linked one
    (`news/kept/.articles`), went unnamed: the empty corpus was told to add articles there. A
    link is followed as the corpus follows it (out of the folder only with --follow-links), and
    each folder once: a link back up (`up -> ..`) walks nothing twice."""
    import os

    from reader.corpus.discover import hidden_articles

    news, store, away = tmp_path / "news", tmp_path / "store", tmp_path / "away"
    write(store / "a.md", "The vote.")
    write(news / "inside" / ".articles" / "b.md", "The vote.")
    write(away / ".articles" / "c.md", "The vote.")
    (news / ".saved").symlink_to(store, target_is_directory=True)
    (news / "kept").symlink_to(news / "inside", target_is_directory=True)
    (news / "far").symlink_to(away, target_is_directory=True)
    (news / "inside" / "up").symlink_to("..", target_is_directory=True)  # into the corpus: followed, once

    def found(**options) -> dict[str, int]:  # by the folder each is: `kept` or `inside` may be walked first
        return {os.path.realpath(path): n for path, n in hidden_articles([news], **options).items()}

    inside = {str(store): 1, str(news / "inside" / ".articles"): 1}
    assert found() == inside
    assert found(follow_links=True) == {**inside, str(away / ".articles"): 1}
    (news / "inside").rename(tmp_path / "elsewhere")  # `kept` is a link to nothing now
    (news / "kept").unlink()
    (news / "far").unlink()  # a link out of it is said as skipped, "nothing loaded"
    said = reader_in_process("--corpus", str(news), "--index", str(tmp_path / "ix"), "list", check=False).stderr
    assert f"1 article file is in a hidden folder ({news / '.saved'})" in said, said
    listed = reader_in_process("--corpus", str(news / ".saved"), "--index", str(tmp_path / "ix2"), "list", "--json")
    assert [article["id"] for article in json.loads(listed.stdout)] == ["a"]  # as the line says


def test_hidden_articles_in_a_folder_that_cannot_be_listed_are_passed_over(tmp_path, monkeypatch):
    """A hidden folder that cannot be listed (a permission denied: faked, as root reads any folder)
    is passed over: the others are still counted, and nothing is raised."""
    import os

    from reader.corpus.discover import hidden_articles

    news = tmp_path / "news"
    write(news / ".a" / "x.md", "The vote.")
    write(news / ".a" / "locked" / "y.md", "The vote.")
    write(news / ".b" / "z.md", "The vote.")
    scandir = os.scandir

    def denied(path):
        if os.fspath(path).endswith(("locked", ".b")):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    assert hidden_articles([news]) == {str(news / ".a"): 1}


def test_a_corpus_under_a_hidden_path_is_read_and_only_hidden_names_below_it_count(reader_in_process, tmp_path):
    """A corpus folder under a hidden one (`~/.local/share/x`, where the fetched articles live) is
    read as any other; only the names below it count as hidden, never those of its own path."""
    from reader.corpus.discover import hidden_articles

    corpus = tmp_path / ".local" / "share" / "x"
    write(corpus / "a.md", "---\ntitle: Budget\n---\n\nThe budget vote passed on Tuesday.")
    write(corpus / ".notes" / "n.md", "The vote.")
    listed = reader_in_process("--corpus", str(corpus), "--index", str(tmp_path / "ix"), "list", "--json")
    assert [article["id"] for article in json.loads(listed.stdout)] == ["a"]
    assert hidden_articles([corpus]) == {str(corpus / ".notes"): 1}


def test_hidden_articles_are_looked_for_past_a_large_visible_folder(tmp_path):
    """The hidden folders are walked within a budget of their own: a folder of PDFs as large as
    the walk's limit left its `.articles` unsaid (and was told to add articles there)."""
    from reader.corpus.discover import hidden_articles

    news = tmp_path / "news"
    write(news / ".articles" / "a.md", "The vote.")
    for n in range(30):
        write(news / "scans" / f"{n}.pdf", "%PDF-1.4")
    assert hidden_articles([news], limit=20) == {str(news / ".articles"): 1}


def test_a_corpus_whose_every_file_was_skipped_says_so_not_to_add_files(reader_in_process, tmp_path):
    """A folder of articles that were all skipped (a drop_lines rule of outlets.yaml that matches
    every line, a folder of empty files) was told to "add plain text, Markdown, HTML, RSS/Atom or
    JSON Lines files there", which it holds: the line says they were skipped and that each was
    just named (`index --verbose`, which it named, would only say them again)."""
    news = tmp_path / "news"
    write(news / "a.txt", "")
    write(news / "b.md", "---\ntitle: Nothing\n---\n\n")
    write(news / "notes.pdf", "%PDF-1.4")
    index = tmp_path / "ix"
    for command in ("index", "list"):
        result = reader_in_process("--corpus", str(news), "--index", str(index), command, check=False)
        assert result.returncode == 1, result.stderr  # nothing loaded: a failure to read
        assert result.stderr.splitlines()[-1] == (
            f"reader: nothing loaded from {news}: every file there was skipped (2 files or entries; "
            "each named above with its reason); "
            "reader reads files by their suffix, and not those there (1 .pdf)"
        ), result.stderr


@pytest.mark.parametrize("command", [["search", "budget"], ["search", "budget", "--json"], ["stories"], ["coverage"]])
def test_a_corpus_whose_every_file_was_skipped_is_said_in_one_line_by_search(reader_cli, tmp_path, command):
    """`reader search` on such a folder said it twice, each line sending the user to another
    command ("`index --verbose` names each", then "`list` names them"): one line, one command."""
    news = tmp_path / "news"
    write(news / "a.txt", "")
    write(news / "b.md", "\x00binary")
    result = reader_cli("--corpus", str(news), *command, check=False)
    assert result.returncode == 1
    said = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert said == [
        f"reader: nothing loaded from {news}: every file there was skipped (2 files or entries; "
        f"`reader --corpus {news} index --verbose` names each with its reason)"
    ], result.stderr


@pytest.mark.parametrize(
    "command, form",
    [("stories", []), ("stories", ["--json"]), ("coverage", []), ("coverage", ["--json"]), ("coverage", ["--csv"])],
)
def test_stories_and_coverage_say_nothing_loaded_when_every_file_was_skipped(
    reader_in_process, tmp_path, command, form
):
    """`stories` and `coverage` on a folder whose every file was skipped said "no stories" after
    the skipped-files line, exit status 0, as though the corpus had been read and told none: the
    one line says nothing loaded, how many files were skipped and which command names them, and
    the exit status is 1 (a failure to read, not an empty answer); --json still prints []."""
    news = tmp_path / "news"
    write(news / "a.txt", "")
    write(news / "b.md", "\x00binary")
    result = reader_in_process("--corpus", str(news), "--index", str(tmp_path / "ix"), command, *form, check=False)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"reader: nothing loaded from {news}: every file there was skipped (2 files or entries; "
        f"`reader --corpus {news} --index {tmp_path / 'ix'} index --verbose` names each with its reason)"
    ], result.stderr
    if form == ["--json"]:
        assert result.stdout.strip() == "[]"
    elif form == ["--csv"]:
        assert result.stdout.startswith("story,label,") and len(result.stdout.splitlines()) == 1
    else:
        assert result.stdout == ""


@pytest.mark.parametrize(
    "command",
    [["index", "--no-prepare"], ["index", "--no-prepare", "--json"], ["list"], ["list", "--json"], ["list", "--jsonl"]]
    + [["search", "budget"], ["search", "budget", "--json"], ["stories"], ["coverage", "--csv"]],
)
def test_every_command_that_reads_the_whole_corpus_exits_1_when_nothing_loaded(reader_in_process, tmp_path, command):
    """One rule: a corpus that has files and whose every one was skipped is a failure to read,
    exit status 1, in `index`, `list`, `search`, `stories` and `coverage` alike (`index` and
    `list` exited 0 where `stories` and `coverage` exited 1); and one with a file that loads is 0."""
    news = tmp_path / "news"
    write(news / "a.txt", "")
    write(news / "b.md", "\x00binary")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    result = reader_in_process(*where, *command, check=False)
    assert result.returncode == 1, result.stderr
    assert f"reader: nothing loaded from {news}: every file there was skipped (2 files or entries; " in result.stderr
    assert "no results" not in result.stdout and "no stories" not in result.stderr
    write(news / "c.txt", "Budget passes\n\nThe budget passed the senate on Tuesday.")
    reader_in_process(*where, "index", "--no-prepare")
    result = reader_in_process(*where, *command, check=False)
    assert result.returncode == 0 and "nothing loaded" not in result.stderr, result.stderr


@pytest.mark.parametrize("form", [[], ["--json"]])
@pytest.mark.parametrize(
    "command",
    [["list", "--outlet", "fox"], ["search", "budget", "--outlet", "fox"], ["search", "budget", "--story", "s1"]],
)
def test_an_outlet_on_a_corpus_where_nothing_loaded_says_nothing_loaded(reader_in_process, tmp_path, command, form):
    """`list --outlet fox` on a folder whose every file was skipped said "the corpus names no
    outlets", a usage error (exit status 2) that hid why (and `search --story` "no story with
    id"): it says nothing loaded, how many files and where they are named, exit status 1, as
    without the option; --json still prints []."""
    news = tmp_path / "news"
    write(news / "a.txt", "")
    write(news / "b.md", "\x00binary")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    result = reader_in_process(*where, *command, *form, check=False)
    assert result.returncode == 1, result.stderr
    assert "names no outlets" not in result.stderr and "no story" not in result.stderr
    assert f"reader: nothing loaded from {news}: every file there was skipped (2 files or entries; " in result.stderr
    assert result.stdout.strip() == ("[]" if form else "")


@pytest.mark.parametrize("form", [[], ["--json"]])
def test_an_outlet_on_an_empty_corpus_says_it_is_empty(reader_in_process, tmp_path, form):
    """An empty folder is nothing to list (exit status 0, as `list` without --outlet), said as such,
    not that the corpus names no outlets."""
    empty = tmp_path / "news"
    empty.mkdir()
    result = reader_in_process(
        "--corpus", str(empty), "--index", str(tmp_path / "ix"), "list", "--outlet", "fox", *form
    )
    assert result.stderr.startswith(f"reader: no articles in {empty}: add plain text"), result.stderr
    assert result.stdout.strip() == ("[]" if form else "")


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("", "an outlet name is needed"),
        ("!!!", "an outlet's name has letters or digits"),
        ("(no outlet)", "is how an article whose metadata names no outlet is shown"),
    ],
)
@pytest.mark.parametrize("corpus", ["empty", "nothing loaded"])
def test_an_outlet_that_is_no_name_is_a_usage_error_on_a_corpus_of_no_article(
    reader_in_process, tmp_path, value, said, corpus
):
    """A corpus of no article asks no --outlet to name one of its outlets, but what names no
    outlet anywhere (`--outlet "$O"` with O unset) is still a usage error: it exited 0 on an
    empty folder, the script's mistake unsaid until the folder had articles."""
    news = tmp_path / "news"
    news.mkdir()
    if corpus == "nothing loaded":
        write(news / "a.txt", "")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    for command in (["list", "--outlet", value], ["search", "budget", "--outlet", value]):
        result = reader_in_process(*where, *command, "--json", check=False)
        assert (result.returncode, result.stdout) == (2, ""), result.stderr
        assert said in result.stderr and "no articles" not in result.stderr and "nothing loaded" not in result.stderr


def test_an_outlet_on_a_corpus_of_articles_that_name_none_is_still_a_usage_error(reader_in_process, tmp_path):
    """Only a corpus of no article lets a name pass unmatched: articles without an outlet are
    articles, and `--outlet fox` there names none of them."""
    news = tmp_path / "news"
    write(news / "a.txt", "Storm\n\nThe storm reached the coast on Tuesday.")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    result = reader_in_process(*where, "list", "--outlet", "fox", check=False)
    assert result.returncode == 2 and "the corpus names no outlets" in result.stderr, result.stderr


def test_a_search_on_a_terminal_says_no_results_only_when_something_loaded(reader_in_process, tmp_path, monkeypatch):
    """ "no results" after "nothing loaded" read as a corpus searched that held no match."""
    from reader.commands import common

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    news = tmp_path / "news"
    write(news / "a.txt", "")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    result = reader_in_process(*where, "search", "budget", check=False)
    assert (result.returncode, result.stdout) == (1, ""), result.stderr
    write(news / "c.txt", "Storm\n\nThe storm reached the coast on Tuesday.")
    result = reader_in_process(*where, "search", "budget", "--update", check=False)
    assert (result.returncode, result.stdout) == (1, "no results\n"), result.stderr


@pytest.mark.parametrize("stderr_terminal", [False, True])
def test_a_search_piped_that_finds_nothing_says_so_on_stderr_to_a_person_watching(
    reader_in_process, tmp_path, monkeypatch, stderr_terminal
):
    """`reader search xyzzyq | less` (or `> file`) showed an empty page and said nothing, where a
    terminal says "no results": with stderr a terminal a person is watching, and it says so there,
    the output left empty for what reads it; run as a script runs it (stderr piped too), nothing
    is said, and --json's [] says it either way."""
    import sys

    from reader.commands import common

    news = tmp_path / "news"
    write(news / "a.txt", "Storm\n\nThe storm reached the coast on Tuesday.")
    where = ("--corpus", str(news), "--index", str(tmp_path / "ix"))
    reader_in_process(*where, "index")
    monkeypatch.setattr(common, "_isatty", lambda stream: stderr_terminal and stream is sys.stderr)
    result = reader_in_process(*where, "search", "budget", check=False)
    said = "reader: no results\n" if stderr_terminal else ""
    assert (result.returncode, result.stdout, result.stderr) == (1, "", said)
    result = reader_in_process(*where, "search", "budget", "--json", check=False)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (1, "[]", "")
    found = reader_in_process(*where, "search", "storm")
    assert "no results" not in found.stdout + found.stderr and "Storm" in found.stdout


@pytest.mark.parametrize(
    "argv", [["--version", "--json"], ["--json", "--version"], ["--corpus", "news", "--vers", "--json"]]
)
def test_the_version_as_json_is_an_object_with_the_version(reader_in_process, argv):
    """`reader --version --json` was "unrecognized arguments: --json" (exit status 2): a script
    gets {"version": …}, as its other --json output, on stdout alone; --version alone is unchanged."""
    from reader import __version__

    result = reader_in_process(*argv)
    assert json.loads(result.stdout) == {"version": __version__} and result.stderr == ""
    assert reader_in_process("--version").stdout == f"reader {__version__}\n"
    result = reader_in_process("--json", check=False)  # not an option of reader's own, without --version
    assert result.returncode == 2 and "unrecognized arguments: --json" in result.stderr


@pytest.mark.parametrize("terminal", [False, True])
@pytest.mark.parametrize(
    ("command", "status"),
    [(["stories"], 0), (["coverage"], 0), (["coverage", "--active", "3"], 0), (["search", "budget"], 1)],
)
def test_an_empty_folder_is_said_once_not_again_as_no_stories(
    reader_in_process, tmp_path, monkeypatch, command, status, terminal
):
    """ "no articles in DIR" was followed by "no stories" (or "no results" on a terminal), which
    only said it again: the folder's line is the one said, on a terminal or piped."""
    from reader.commands import common

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: terminal)
    empty = tmp_path / "news"
    empty.mkdir()
    result = reader_in_process("--corpus", str(empty), "--index", str(tmp_path / "ix"), *command, check=False)
    assert result.returncode == status, result.stderr
    assert result.stderr.startswith(f"reader: no articles in {empty}: ") and result.stderr.count("\n") == 1
    assert result.stdout == ""


@pytest.mark.parametrize("query", ["x", "the", "title:("])
def test_a_query_error_in_an_empty_corpus_comes_after_the_corpus_is_said_empty(reader_in_process, tmp_path, query):
    """`reader search x` in an empty folder said only that x was too short to search: the empty
    folder, the news, went unsaid. It is said first, then the query's error, exit status 2 as
    for any usage error, nothing on stdout even with --json."""
    news = tmp_path / "news"
    news.mkdir()
    result = reader_in_process("--corpus", str(news), "search", query, "--json", check=False)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"reader: no articles in {news}: add "), lines


@pytest.mark.parametrize("command", ["index", "list", "stories", "coverage"])
def test_an_empty_folder_is_nothing_to_list_exit_0(reader_in_process, tmp_path, command):
    """A folder with no file at all is nothing to list (exit status 0); only a folder whose files
    were all skipped is a failure to load."""
    news = tmp_path / "news"
    news.mkdir()
    result = reader_in_process("--corpus", str(news), "--index", str(tmp_path / "ix"), command, check=False)
    assert result.returncode == 0, result.stderr
    assert "nothing loaded" not in result.stderr and f"no articles in {news}" in result.stderr


def test_a_folder_of_json_articles_is_read_and_its_other_json_said_why_not(reader_in_process, tmp_path):
    """A folder of news-please's `.json` articles (one a file, nested in subfolders) was said to
    hold no articles, with a command joining them into JSON Lines: they are read, as the same
    bytes named `.txt` were. A tool's JSON (package.json) and a broken one are skipped, each
    with its reason; a hidden one is not read."""
    news = tmp_path / "news"
    write(news / "a.json", '{"title": "T", "maintext": "Body."}')
    write(
        news / "sub" / "b.json",
        '[{"title": "U", "text": "Body."}, {"title": "V", "text": "The mayor spoke on Friday."}]',
    )
    write(news / "package.json", '{"name": "site", "version": "1.0.0", "scripts": {}, "private": true}')
    write(news / "broken.json", '{"title": "T", "maintext": "Bo')
    write(news / "report.pdf", "%PDF-1.4")
    write(news / ".hidden.json", '{"title": "Hidden", "text": "Body."}')
    result = reader_in_process("--corpus", str(news), "--index", str(tmp_path / "ix"), "list", "--update")
    assert result.returncode == 0
    assert [line.split("  ")[-1] for line in result.stdout.splitlines()] == ["a", "sub/b#1", "sub/b#2"], result.stdout
    skipped = [line for line in result.stderr.splitlines() if line.startswith("reader: skipped")]
    assert skipped == [
        f"reader: skipped {news}/broken.json: not valid JSON (Unterminated string starting at line 1, column 28)",
        f"reader: skipped {news}/package.json: a JSON object (its keys 'name', 'version', 'scripts', ...) "
        "with no article field (title, text, ...): a tool's data or settings, not read",
    ], result.stderr
    assert "Hidden" not in result.stdout and "not read:" not in result.stderr


def test_an_empty_corpus_names_the_files_it_holds_that_are_not_read(reader_in_process, tmp_path):
    """A folder of PDFs was said to hold no articles, as a wrong path is: the message names what
    is there."""
    news = tmp_path / "news"
    write(news / "report.pdf", "%PDF-1.4")
    write(news / "sub" / "memo.docx", "PK")
    result = reader_in_process("--corpus", str(news), "list")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.strip().endswith(
        f"(`reader --corpus {news} index` indexes them); reader reads files by their suffix, and not those there "
        "(1 .docx, 1 .pdf)"
    ), result.stderr


def test_the_first_index_names_the_files_of_other_kinds_it_does_not_read(reader_in_process, tmp_path):
    """A newcomer's folder of articles, PDFs and Word files was indexed without a word of the
    PDFs, which were then nowhere: the first index says what it left and what it reads; the next
    one, over the same folder, does not say it again."""
    news = tmp_path / "news"
    write(news / "good.md", "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday.\n")
    write(news / "report.pdf", "%PDF-1.4")
    write(news / "sub" / "annex.pdf", "%PDF-1.4")
    write(news / "memo.docx", "PK")
    write(news / ".hidden.pdf", "%PDF-1.4")
    index = ("--corpus", str(news), "--index", str(tmp_path / "index"), "index")
    result = reader_in_process(*index)
    assert result.returncode == 0 and "1 indexed" in result.stdout
    assert (
        "reader: 3 files of other kinds not read (2 .pdf, 1 .docx): reader reads plain text, Markdown, HTML, saved "
        "pages (.mhtml, .webarchive), RSS/Atom, JSON, JSON Lines and saved mail (.eml) files; `pdftotext FILE.pdf` makes "
        "a .txt of a PDF"
    ) in result.stderr.splitlines(), result.stderr
    write(news / "more.md", "---\ntitle: Another\noutlet: Daily\n---\n\nThe mayor spoke on Friday.\n")
    result = reader_in_process(*index)
    assert result.returncode == 0 and "1 indexed" in result.stdout and "not read" not in result.stderr
    result = reader_in_process(*index[:-1], "index", "--rebuild")  # every file read anew: said again
    assert "3 files of other kinds not read" in result.stderr


def test_list_and_index_verbose_name_the_files_of_kinds_the_corpus_does_not_read(reader_in_process, tmp_path):
    """`list --verbose` named every file skipped but passed over a PDF beside the others without
    a word (`index` named it once): with --verbose, `list` and `index` say it each time; `list`
    without it stays quiet, as it reads the index alone."""
    news = tmp_path / "news"
    write(news / "good.md", "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday.\n")
    write(news / "article.json", '{"title": "T", "outlet": "X", "text": "The mayor spoke on Friday."}')
    write(news / "report.pdf", "%PDF-1.4")
    where = ("--corpus", str(news), "--index", str(tmp_path / "index"))
    reader_in_process(*where, "index")
    pdf_line = "reader: 1 file of other kinds not read (1 .pdf): reader reads plain text, Markdown, HTML"
    for command in (("list", "--verbose"), ("list", "--json", "--verbose"), ("index", "--verbose")):
        result = reader_in_process(*where, *command)
        lines = result.stderr.splitlines()
        assert any(line.startswith(pdf_line) for line in lines), (command, result.stderr)
    result = reader_in_process(*where, "list")
    assert "A story" in result.stdout and "The mayor spoke" not in result.stdout and result.stderr == ""
    assert "  T  " in result.stdout  # the .json article is read
    result = reader_in_process(*where, "index")  # the PDF said after the first index only
    assert ".pdf" not in result.stderr


def test_unread_files_past_the_walks_limit_are_said_as_a_lower_bound(capsys, tmp_path, monkeypatch):
    """The walk that counts the files of other kinds stops at 10,000 entries (a --corpus of one's
    home folder), and its counts were said as exact: past the limit each is "N+", and `index
    --json`'s `unread_files` says `capped`. Within it, exact and not capped."""
    import importlib

    discover = importlib.import_module("reader.corpus.discover")
    news = tmp_path / "news"
    write(news / "good.md", "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday.\n")
    for n in range(12):
        write(news / f"scan{n}.pdf", "%PDF-1.4")
    where = ("--corpus", str(news), "--index", str(tmp_path / "index"))
    code, out, err = run_main(capsys, *where, "index", "--no-prepare", "--json")
    assert code == 0 and json.loads(out)["unread_files"] == {"kinds": {".pdf": 12}, "capped": False}
    assert "12 files of other kinds not read (12 .pdf)" in err
    monkeypatch.setattr(discover.unread_kinds, "__defaults__", (10,))  # the limit, as 10,000 would be
    monkeypatch.setattr(discover, "UNREAD_WALK_LIMIT", 10)  # reader index's: 10 + 2 for its 1 article
    code, out, err = run_main(capsys, *where, "index", "--no-prepare", "--json", "--rebuild")
    said = json.loads(out)["unread_files"]
    assert code == 0 and said["capped"] is True and said["kinds"][".pdf"] < 12
    shown = said["kinds"][".pdf"]
    assert f"{shown}+ files of other kinds not read ({shown}+ .pdf)" in err, err
    empty = tmp_path / "empty"
    for n in range(12):
        write(empty / f"scan{n}.pdf", "%PDF-1.4")
    code, _out, err = run_main(capsys, "--corpus", str(empty), "--index", str(tmp_path / "ix2"), "list")
    assert code == 0 and "and not those there (10+ .pdf)" in err, err


def test_a_corpus_larger_than_the_walks_limit_with_nothing_unread_is_not_said_capped(capsys, tmp_path, monkeypatch):
    """`reader index` has just walked the corpus: its count of unread files makes room for it, so
    a corpus of more files than the limit (20,000 against 10,000) with none unread is not
    {"kinds": {}, "capped": true}, and one unread file past the limit is counted."""
    import importlib

    discover = importlib.import_module("reader.corpus.discover")
    monkeypatch.setattr(discover, "UNREAD_WALK_LIMIT", 10)  # as 10,000 would be
    monkeypatch.setattr(discover.unread_kinds, "__defaults__", (10,))
    news = tmp_path / "news"
    for n in range(15):
        write(news / f"s{n:02d}.md", f"---\ntitle: Story {n}\noutlet: Daily\n---\n\nThe council met {n}.\n")
    where = ("--corpus", str(news), "--index", str(tmp_path / "index"))
    code, out, _err = run_main(capsys, *where, "index", "--no-prepare", "--json")
    assert code == 0 and json.loads(out)["unread_files"] == {"kinds": {}, "capped": False}
    write(news / "zz-scan.pdf", "%PDF-1.4")
    code, out, _err = run_main(capsys, *where, "index", "--no-prepare", "--json")
    assert code == 0 and json.loads(out)["unread_files"] == {"kinds": {".pdf": 1}, "capped": False}


def test_an_index_folder_in_the_corpus_is_not_named_as_its_unread_files(reader_in_process, tmp_path):
    """A reader index in the corpus's folders (the cache's, under `--corpus ~` on macOS; an
    --index kept beside the articles) was counted as files the corpus does not read: "3 .json
    files not read" for every index (its roots.json, checksums.json, reader-index.json); nor, now
    that a .json file is read, are they read as articles or skipped as JSON of none."""
    from reader.corpus.discover import INDEX_MARKER_NAME
    from reader.index.ownership import MARKER_NAME

    assert INDEX_MARKER_NAME == MARKER_NAME
    news, other = tmp_path / "news", tmp_path / "other"
    write(news / "good.md", "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday.\n")
    write(other / "b.md", "---\ntitle: Another\noutlet: Daily\n---\n\nThe mayor spoke.\n")
    for kept in (news / "old-index", news / "odd [*?] name" / "index"):
        assert reader_in_process("--corpus", str(other), "--index", str(kept), "index").returncode == 0
        assert (kept / "roots.json").is_file()
    result = reader_in_process("--corpus", str(news), "--index", str(tmp_path / "index"), "index")
    assert result.returncode == 0 and "1 indexed" in result.stdout
    assert ".json" not in result.stderr, result.stderr

    write(news / "a.json", '{"title": "T", "maintext": "The body of one."}')
    result = reader_in_process("--corpus", str(news), "--index", str(tmp_path / "index"), "index")
    assert "1 indexed" in result.stdout and ".json" not in result.stderr, result.stderr  # a.json, no index file

    empty = tmp_path / "empty"
    assert reader_in_process("--corpus", str(other), "--index", str(empty / "ix"), "index").returncode == 0
    result = reader_in_process("--corpus", str(empty), "--index", str(tmp_path / "index2"), "list")
    assert result.stderr.strip() == (
        f"reader: no articles in {empty}: add plain text, Markdown, HTML, RSS/Atom, JSON or JSON Lines files "
        f"there (`reader --corpus {empty} --index {tmp_path / 'index2'} index` indexes them)"
    ), result.stderr


def test_a_file_given_as_the_corpus_says_how_a_file_is_read(reader_in_process, tmp_path):
    """`--corpus page.html` said only "not a folder": the command that reads one file is named."""
    page = write(tmp_path / "page.md", "# A page\n\nIts words.\n")
    result = reader_in_process("--corpus", str(page), "list", check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"reader: not a folder: {page}; a corpus is a folder of articles (`reader show FILE` reads one file)"
    )


def test_missing_corpus_folder_is_one_line_error(run, tmp_path):
    result = run("--corpus", str(tmp_path / "missing"), "list", check=False)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "missing" in result.stderr


def test_plain_output_when_piped_has_no_escape_sequences(run):
    result = run("list")
    assert "\x1b" not in result.stdout
    assert "Fox News" in result.stdout and "The Moscow Times" in result.stdout


def test_list_reports_skipped_files_and_keeps_the_rest(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text("---\ntitle: Good one\noutlet: Reuters\n---\n\nA sentence of news.\n")
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    result = run("--corpus", str(corpus), "list")
    assert "Good one" in result.stdout
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    listed = json.loads(run("--corpus", str(corpus), "list", "--json").stdout)
    assert [a["id"] for a in listed] == ["good"]


def test_index_reports_skipped_files_on_stderr_as_list_does(run, tmp_path):
    # `index` printed "skipped ..." on stdout and `list` on stderr: a diagnostic is stderr's
    # (ripgrep's manners); stdout keeps the counts, and --json stays the JSON alone (the lines
    # on stderr still, as `list --json` gives them: a script's stderr is no terminal).
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text("---\ntitle: Good one\noutlet: Reuters\n---\n\nA sentence of news.\n")
    (corpus / "empty.txt").write_text("")
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "ix"))
    indexed = run(*base, "index", "--no-prepare")
    line = f"reader: skipped {corpus / 'empty.txt'}: empty file\n"
    assert indexed.stderr == line and "skipped" not in indexed.stdout
    assert indexed.stdout.startswith("1 indexed, 0 updated, 0 removed, 0 unchanged in ")
    assert run(*base, "list").stderr == line
    again = run(*base, "index", "--no-prepare", "--json")
    report = json.loads(again.stdout)
    assert again.stderr == line and report["skipped"] == [
        {"path": str(corpus / "empty.txt"), "reason": "empty file", "warning": False, "path_bytes": None}
    ]
    # Every key always there, null, false or empty when it does not apply (they were left out).
    assert (report["notice"], report["cancelled"], report["moved_from"]) == (None, False, [])


def test_list_skips_hostile_markup_and_escapes_in_plain_output(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.md").write_text(
        '---\ntitle: "[bold]T\\x1b]0;pwned\\x07[/foo]"\noutlet: Reuters\n---\n\nBody \x1b[2J text.\n'
    )
    out = run("--corpus", str(corpus), "list").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]T" in out
    shown = json.loads(run("--corpus", str(corpus), "show", "x", "--json").stdout)[0]
    assert "\x1b" not in shown["text"] and "\x1b" not in shown["title"]


def test_index_reports_problems_in_the_users_outlets_file(run, tmp_path):
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "outlets.yaml").write_text("outlets:\n  - name: Example\n    drop_lines: ['(unclosed']\n")
    result = run("index")
    assert "outlets.yaml" in result.stderr and "(unclosed" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_id_a_character_or_two_off_names_the_one_meant(seed_library):
    """A mistyped id (a digit off, two characters swapped) names the likely one, as a mistyped
    outlet or query word does; an id three edits from every other names none (the ids of one
    day and outlet share most characters: a looser likeness would name another article)."""
    from reader.library import ArticleNotFound

    for typo in (FOX[:-1] + "6", FOX.replace("d35", "3d5")):
        with pytest.raises(ArticleNotFound, match=f"no article with id or path '{typo}'; did you mean '{FOX}'\\?$"):
            seed_library.article(typo)
    with pytest.raises(ArticleNotFound, match="'000_d35029dd94d24xxx'$"):
        seed_library.article("000_d35029dd94d24xxx")


def test_an_id_in_capitals_or_without_its_folder_or_number_names_the_ones_meant(tmp_path, capsys):
    """An id typed in capitals (copied from a spreadsheet), or as a file's own name shows it
    without its folder ("budget-vote" for "reuters/budget-vote") or the seeds' number prefix,
    said only "no article with id or path": the one id that holds it is named, or the few."""
    from reader.library import ArticleNotFound, Library

    corpus = tmp_path / "corpus"
    body = "Body of the article about the budget vote.\n"
    for name in ("reuters/budget-vote", "ap/budget-vote", "reuters/000_d35029dd94d24c05"):
        write(corpus / f"{name}.md", f"# {name}\n\n{body}")
    entries = (json.dumps({"title": f"Entry {n}", "text": f"{body} Entry {n}."}) for n in range(1, 22))
    write(corpus / "news" / "feed.jsonl", "\n".join(entries) + "\n")
    library = Library([corpus], tmp_path / "index")
    library.update()
    meant = {
        "REUTERS/BUDGET-VOTE": "; did you mean 'reuters/budget-vote'\\?$",
        "d35029dd94d24c05": "; did you mean 'reuters/000_d35029dd94d24c05'\\?$",
        "budget-vote": "; did you mean one of 'ap/budget-vote', 'reuters/budget-vote'\\?$",
        "Budget-Vote": "; did you mean one of 'ap/budget-vote', 'reuters/budget-vote'\\?$",
        "feed#2": "; did you mean 'news/feed#2'\\?$",  # not news/feed#20 or #21
        "bud": "'bud'$",  # too short a piece to name any
    }
    for typed, said in meant.items():
        with pytest.raises(ArticleNotFound, match=said):
            library.article(typed)
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    code, out, err = run_main(capsys, *base, "show", "D35029DD94D24C05")
    assert (code, out) == (2, "")
    assert (
        err == "reader: no article with id or path 'D35029DD94D24C05'; did you mean 'reuters/000_d35029dd94d24c05'?\n"
    )


def test_an_id_in_capitals_names_that_id_not_the_longer_ones_that_hold_it(tmp_path):
    """ "REUTERS/BUDGET-VOTE" beside "reuters/budget-vote-2" named both, and with six such
    (budget-vote-1 ... -6) none: the id it is in other capitals is the one meant, as the one it
    ends as a whole name is when it is typed without its folder."""
    from reader.library import ArticleNotFound, Library

    corpus = tmp_path / "corpus"
    for name in ("reuters/budget-vote", *(f"reuters/budget-vote-{n}" for n in range(1, 7)), "ap/budget-votes"):
        write(corpus / f"{name}.md", f"# {name}\n\nBody of the article about the budget vote.\n")
    library = Library([corpus], tmp_path / "index")
    library.update()
    for typed in ("REUTERS/BUDGET-VOTE", "Budget-Vote"):
        with pytest.raises(ArticleNotFound, match="; did you mean 'reuters/budget-vote'\\?$"):
            library.article(typed)


def test_a_file_name_for_an_id_names_the_id_and_a_missing_path_says_there_is_no_file(
    seed_library, tmp_path, monkeypatch
):
    """`ls seeds` shows 000_….txt, and `reader show 000_….txt` said only "no article with id or
    path": the id is named, with what an id is; a path that is not there says so, as cat does."""
    from reader.library import ArticleNotFound

    meant = f"; did you mean '{FOX}'\\? \\(an article id is its file's path in the corpus, without the extension\\)$"
    for name in (f"{FOX}.md", f"seeds/{FOX}.md", f"{FOX[:6]}.html", f"{FOX[:6]}.txt"):  # the file is {FOX}.txt
        with pytest.raises(ArticleNotFound, match=f"'{name}'{meant}"):
            seed_library.article(name)
    missing = str(tmp_path / "nope.md")
    with pytest.raises(ArticleNotFound, match=f"'{missing}': there is no such file$"):
        seed_library.article(missing)
    monkeypatch.setenv("HOME", str(tmp_path))
    write(tmp_path / "page.md", "# A page\n\nIts words.\n")
    with pytest.raises(
        ArticleNotFound, match="; did you mean '.*/page.md'\\? \\(a quoted ~ is not your home folder\\)$"
    ):
        seed_library.article("~/page.md")


def test_a_corpus_file_s_name_with_its_suffix_names_its_article(seed_library, tmp_path, capsys):
    """`ls seeds` shows 000_….txt, and `reader show 000_….txt` was refused with "did you mean
    '000_…'?", the one article it names: the file's name as `ls` writes it is that article."""
    assert seed_library.article(f"{FOX}.txt").id == FOX
    from conftest import SEEDS

    from reader.library import ArticleNotFound

    # the folders above it, as from a folder above the corpus's; none the file is not in
    assert seed_library.article(f"{SEEDS.resolve().parent.name}/seeds/{FOX}.txt").id == FOX
    with pytest.raises(ArticleNotFound, match=f"; did you mean '{FOX}'"):
        seed_library.article(f"elsewhere/seeds/{FOX}.txt")
    corpus = tmp_path / "corpus"
    write(corpus / "news" / "feed.xml", FEED)
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    code, by_id, _ = run_main(capsys, *base, "show", "news/feed#2", "--json")
    assert code == 0 and [one["id"] for one in json.loads(by_id)] == ["news/feed#2"]
    assert run_main(capsys, *base, "show", "news/feed.xml#2", "--json") == (0, by_id, "")


def test_a_file_name_with_an_entry_number_names_the_entrys_id():
    from reader.library import _id_of_a_file_name

    ids = ["news/feed#1", "news/feed#2", "news/feed#12", "other"]
    assert _id_of_a_file_name("news/feed.xml#2", ids) == "news/feed#2"
    assert _id_of_a_file_name("corpus/news/feed.rss#12", ids) == "news/feed#12"  # from above the corpus folder
    assert _id_of_a_file_name("news/feed.xml", ids) is None  # the start of three ids: no one meant
    assert _id_of_a_file_name("other.pdf", ids) is None  # no article format: not a corpus file's name
    assert _id_of_a_file_name("news/feed.xml#2", ["news/feed#21"]) is None  # #2 is not the start of #21


def test_a_short_file_name_that_starts_one_id_names_no_id(tmp_path):
    """On a corpus holding apple_story, `reader show /tmp/a.txt` (or a.md, ./apple.txt) said "did
    you mean 'apple_story'?": a name of under six characters starts some id in most corpora
    without meaning it, and a missing path says "there is no such file" as README promises; a
    whole id or a longer start is still named."""
    from reader.library import ArticleNotFound, Library, _id_of_a_file_name

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus / "apple_story.txt", "Apple story\n\nThe words of the apple story.\n")
    library = Library([corpus], tmp_path / "index")
    for name in ("/tmp/a.txt", "a.md", "./apple.txt", str(tmp_path / "apple.txt")):
        with pytest.raises(
            ArticleNotFound, match=f"^no article with id or path '{re.escape(name)}': there is no such file$"
        ):
            library.article(name)
    for name in ("apple_story.md", "/tmp/apple_story.txt", "apple_s.txt"):
        with pytest.raises(ArticleNotFound, match="; did you mean 'apple_story'\\? \\(an article id"):
            library.article(name)
    assert _id_of_a_file_name("news/a.txt", ["news/apple_story"]) is None  # the folder counts for nothing


def test_a_missing_json_file_or_entry_of_a_file_says_there_is_no_such_file(seed_library):
    """`show` reads a .json file by its content, and `x.txt#2` names an entry of x.txt: a missing
    one said only "no article with id or path" (the suffix of `x.txt#2` was taken as ".txt#2")."""
    from reader.library import ArticleNotFound

    for name in ("notes.json", "x.txt#2", "news/feed.XML#12"):
        with pytest.raises(ArticleNotFound, match=f"^no article with id or path '{name}': there is no such file$"):
            seed_library.article(name)


def test_an_unknown_id_says_which_command_lists_the_ids(tmp_path, capsys):
    """A newcomer's `reader --corpus ~/news show budget` said only "no article with id or path
    'budget'": the line now names the command that lists the ids, with the folder given, and
    that command runs as shown."""
    import shlex

    from reader.cli import main
    from reader.library import Library, UnknownArticle

    corpus = tmp_path / "my news"
    corpus.mkdir()
    (corpus / "council-vote.md").write_text("---\ntitle: Council votes\noutlet: Gazette\n---\n\nThe council voted.\n")
    library = Library([corpus], tmp_path / "index")
    with pytest.raises(UnknownArticle, match="^no article with id or path 'zzzz-nothing'$"):
        library.article("zzzz-nothing")  # the app's way: no command line to type there
    library.open_for_reading()  # a reading command's
    with pytest.raises(UnknownArticle) as caught:
        library.article("zzzz-nothing")
    message = str(caught.value)
    assert message.startswith("no article with id or path 'zzzz-nothing'; `") and message.endswith("` lists every id")
    words = shlex.split(message.split("`")[1])
    assert words[:3] == ["reader", "--corpus", str(corpus)] and words[-1] == "list"
    assert main([*words[1:], "--color", "never"]) == 0
    assert "council-vote" in capsys.readouterr().out
    # A near id is still offered in its place.
    with pytest.raises(UnknownArticle, match="; did you mean 'council-vote'\\?$"):
        library.article("council-vite")
    # A file added since the index was updated: `list` would lack it too; the notice above the
    # error says how to update the index, and the error sends nobody to `list`.
    (corpus / "budget.md").write_text("---\ntitle: Budget\noutlet: Gazette\n---\n\nThe budget passed.\n")
    assert main([*words[1:-1], "show", "budget"]) == 2
    notice, error = capsys.readouterr().err.splitlines()
    assert "the corpus changed since the index was last updated" in notice and "index` or add --update" in notice
    assert error == "reader: no article with id or path 'budget'"


@pytest.mark.parametrize("command", [["show", "x"], ["quotes", "x"], ["compare", "x", "y"]])
def test_an_id_in_a_corpus_of_no_article_is_not_sent_to_list_its_ids(tmp_path, capsys, command):
    """`reader --corpus EMPTY show x` said "`reader --corpus EMPTY list` lists every id": a list of
    none, for a newcomer whose folder was wrong or whose files were all skipped."""
    import shlex

    from reader.cli import main

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.md").write_text("")  # skipped: list says why
    base = ["--corpus", str(empty), "--index", str(tmp_path / "ix")]
    assert main([*base, *command]) == 2
    reader_list = shlex.join(["reader", *base, "list"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"reader: no article with id or path 'x'; {empty} holds no article (`{reader_list}` says why)"
    )
    other = tmp_path / "other"  # two folders: "EMPTY, OTHER holds no article" read as one
    other.mkdir()
    base = ["--corpus", str(empty), "--corpus", str(other), "--index", str(tmp_path / "ix2")]
    assert main([*base, *command]) == 2
    reader_list = shlex.join(["reader", *base, "list"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"reader: no article with id or path 'x'; {empty} and {other} hold no article (`{reader_list}` says why)"
    )


def test_another_entry_of_the_same_file_is_no_did_you_mean(tmp_path):
    """`show entries#2` where line 2 is broken (or the file has one entry) named entries#1, another
    article: an entry number is a place in the file, not a typo of another's."""
    from reader.library import ArticleNotFound, Library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "entries.jsonl").write_text('{"title": "One", "text": "The first entry of the feed."}\n{broken\n')
    library = Library([corpus], tmp_path / "index")
    assert library.article("entries#1").title == "One"
    with pytest.raises(ArticleNotFound, match="^no article with id or path 'entries#2'$"):
        library.article("entries#2")
    with pytest.raises(ArticleNotFound, match="; did you mean 'entries#1'\\?$"):
        library.article("entires#1")  # the file's name mistyped is still named


def test_an_id_typed_composed_finds_the_file_macos_named_decomposed(reader_in_process, tmp_path):
    """macOS writes names decomposed (NFD): "cafe" and a combining acute. `reader show café`,
    typed composed, said "no article with id or path 'café'" of the article listed as café."""
    corpus = tmp_path / "corpus"
    write(corpus / "cafe\u0301 news.md", "# Decomposed\n\nAn article whose file name macOS wrote decomposed.\n")
    index = ("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    for typed in ("caf\u00e9 news", "caf\u00e9", "cafe\u0301 news"):
        shown = reader_in_process(*index, "show", typed, "--json")
        assert [a["id"] for a in json.loads(shown.stdout)] == ["cafe\u0301 news"], typed


def test_without_an_index_an_id_is_matched_composed_or_decomposed_as_the_index_does(reader_in_process, tmp_path):
    """With no index to look ids up in, a whole id was found by its file's name byte for byte:
    `reader show café/news` typed composed said "no article" of the file macOS named decomposed,
    which the index finds; two files alike but for their accents are named, not one picked."""
    corpus = tmp_path / "corpus"
    write(
        corpus / "cafe\u0301" / "nouvelle\u0300.md", "# Decomposed\n\nAn article whose names macOS wrote decomposed.\n"
    )
    write(tmp_path / "a-file", "")
    unbuilt = ("--corpus", str(corpus), "--index", str(tmp_path / "a-file" / "index"))
    for typed in ("caf\u00e9/nouvell\u00e8", "cafe\u0301/nouvelle\u0300", "caf\u00e9/nouvelle\u0300"):
        shown = reader_in_process(*unbuilt, "show", typed, "--json")
        # (its heading the title: the one sentence under it is its body, no headline)
        assert [a["title"] for a in json.loads(shown.stdout)] == ["Decomposed"], typed
    write(corpus / "caf\u00e9" / "nouvell\u00e8.md", "# Composed\n\nThe article whose names are composed.\n")
    said = reader_in_process(*unbuilt, "show", "caf\u00e9/nouvell\u00e8", check=False)
    assert said.returncode == 2 and "two files have this id" in said.stderr


def test_an_id_two_files_have_but_for_composed_accents_is_said_to_be_two(reader_in_process, tmp_path):
    """Two files "café.md", one named composed, one decomposed (written on macOS, copied to
    Linux): `reader show café` showed the one whose name was typed exactly, without a word of
    the other, and which that was no one could see; "starts 2 article ids (café, café)" alike."""
    corpus = tmp_path / "corpus"
    write(corpus / "caf\u00e9.md", "# Composed\n\nThe article whose name is composed.\n")
    write(corpus / "cafe\u0301.md", "# Decomposed\n\nThe article whose name is decomposed.\n")
    index = ("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    both = "'cafe\\u0301', 'caf\\xe9'"
    for typed in ("caf\u00e9", "cafe\u0301"):
        said = reader_in_process(*index, "show", typed, check=False)
        assert said.returncode == 2 and both in said.stderr and "give the file's path" in said.stderr, typed
    said = reader_in_process(*index, "show", "caf", check=False)
    assert said.returncode == 2 and f"starts 2 article ids ({both})" in said.stderr
    shown = reader_in_process(*index, "show", str(corpus / "cafe\u0301.md"), "--json")
    assert [a["title"] for a in json.loads(shown.stdout)] == ["Decomposed"]
    # An id from the index's own list (the app's, opening the article picked) is exact.
    from reader.library import Library

    library = Library([corpus], tmp_path / "index")
    try:
        assert {library.article(info.id).title for info in library.index.articles()} == {"Composed", "Decomposed"}
    finally:
        library.close()


def _locked_corpus(tmp_path):
    """A corpus with an article in `locked/`, and that folder's path."""
    corpus = tmp_path / "corpus"
    write(corpus / "open.md", "# Open\n\nAn article anyone may read.\n")
    write(corpus / "locked" / "notes.md", "# Notes\n\nAn article in a folder no one may read.\n")
    return corpus, corpus / "locked"


def test_an_id_in_a_folder_that_cannot_be_read_names_the_folder(reader_in_process, tmp_path, as_a_user):
    """`reader show locked/notes` said "no article with id or path", where `reader index` said it
    skipped the folder: the folder is named, with why, whether or not the index is built. As
    root too, whose override of the folder's permissions as_a_user takes away."""
    corpus, locked = _locked_corpus(tmp_path)
    locked.chmod(0)
    try:
        said = f"reader: {locked}: cannot read this folder: permission denied ('locked/notes' may be in it)\n"
        for index in ("index-unbuilt", "index-built"):
            where = ("--corpus", str(corpus), "--index", str(tmp_path / index))
            if index == "index-built":
                as_a_user(reader_in_process, *where, "index", "--no-prepare")
            shown = as_a_user(lambda *args: reader_in_process(*args, check=False), *where, "show", "locked/notes")
            assert (shown.returncode, shown.stderr) == (1, said), index
    finally:
        locked.chmod(0o755)


def test_an_id_in_a_folder_that_cannot_be_read_names_the_folder_as_root_too(tmp_path, monkeypatch):
    # As the test above, for root (who may read any folder): the listing refused as for a user.
    import errno

    from reader.library import ArticleNotFound, Library

    corpus, locked = _locked_corpus(tmp_path)
    real_scandir = os.scandir

    def scandir(path="."):
        if not isinstance(path, int) and os.fspath(path) == str(locked):  # (rmtree scans by fd)
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        library.update()
        assert [a.id for a in library.articles()] == ["open"]
        with pytest.raises(ArticleNotFound, match=f"^{locked}: cannot read this folder: permission denied") as caught:
            library.article("locked/notes")
        assert caught.value.exit_status == 1
        with pytest.raises(ArticleNotFound, match="^no article with id or path 'elsewhere/notes'"):
            library.article("elsewhere/notes")
    finally:
        library.close()


def test_an_article_with_no_outlet_is_named_alike_by_every_command_and_null_in_json(tmp_path, capsys):
    # `list` and `search` said `?`, `stories` `?` under "no outlet", the app "Unknown outlet".
    from reader.wording import NO_OUTLET

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "vote.txt").write_text("Council votes on budget\n\nThe council met on Tuesday to vote on the budget.\n")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, _ = run_main(capsys, *base, "list", "--json")
    assert code == 0 and json.loads(out)[0]["outlet"] is None
    for argv in (["list"], ["search", "council"], ["stories"]):
        code, out, _ = run_main(capsys, *base, *argv)
        assert code == 0 and NO_OUTLET in out and "?" not in out, (argv, out)
    code, out, _ = run_main(capsys, *base, "search", "council", "--json")
    assert json.loads(out)[0]["outlet"] is None
    assert NO_OUTLET == "(no outlet)"  # in parentheses, as "(untitled)": never an outlet's name


def test_a_hidden_folder_through_a_link_out_is_named_when_nothing_was_loaded(reader_in_process, tmp_path):
    """A corpus whose one entry is a link out of it (not followed) said "nothing loaded … every
    file skipped" and named no hidden folder it leads to: the user learnt of `far/.articles` only
    after a second run with --follow-links. The line names it, and the command that reads it."""
    news, away = tmp_path / "news", tmp_path / "away"
    write(away / ".articles" / "c.md", "The vote.")
    news.mkdir()
    (news / "far").symlink_to(away, target_is_directory=True)
    result = reader_in_process("--corpus", str(news), "--index", str(tmp_path / "ix"), "list", check=False)
    (line,) = [line for line in result.stderr.splitlines() if "nothing loaded" in line]
    assert result.returncode == 1
    assert f"; 1 article file is in a hidden folder ({news / 'far' / '.articles'})" in line, line
    listed = reader_in_process("--corpus", str(news / "far" / ".articles"), "--index", str(tmp_path / "ix2"), "list")
    assert "The vote." in listed.stdout  # as the line says


@pytest.mark.parametrize("empty", [False, True])
def test_the_unread_files_follow_links_out_with_follow_links(reader_in_process, tmp_path, empty):
    """With --follow-links the corpus reads `news/far -> ../away`, but the unread files were
    counted as though the link were not followed: away's PDF went unsaid (by `index`, and by
    `list` on a corpus of no article)."""
    news, away = tmp_path / "news", tmp_path / "away"
    news.mkdir()
    if not empty:
        write(news / "a.md", "---\ntitle: Storm\noutlet: Daily\n---\n\nThe storm reached the coast.")
    write(away / "p.pdf", b"%PDF-1.4")
    write(away / "q.pdf", b"%PDF-1.4")
    (news / "far").symlink_to(away, target_is_directory=True)
    command = ["list"] if empty else ["index", "--json"]
    said = "not those there (2 .pdf)" if empty else "2 files of other kinds not read (2 .pdf)"
    unfollowed = reader_in_process("--corpus", str(news), "--index", str(tmp_path / "ix"), *command, check=False)
    assert ".pdf" not in unfollowed.stderr, unfollowed.stderr
    result = reader_in_process("--corpus", str(news), "--index", str(tmp_path / "ix2"), "--follow-links", *command)
    assert said in result.stderr, result.stderr
    if not empty:
        assert json.loads(result.stdout)["unread_files"]["kinds"] == {".pdf": 2}


def test_list_takes_since_and_until_as_search_does(tmp_path, capsys):
    # `reader list --since 2w` was "--since is an option of `reader search` and `reader coverage`,
    # not of `reader list`": a newcomer's first way to see what came in lately.
    from test_index_helpers import write_article

    from reader.cli import main

    news = tmp_path / "news"
    write_article(news, "sept", "Storm forms", "Daily", "2025-09-30", "A storm formed at sea.")
    write_article(news, "oct", "Storm hits coast", "Daily", "2025-10-02", "The storm hit the coast.")
    write_article(news, "nov", "Storm inquiry", "Herald", "2025-11-01", "An inquiry began.")
    (news / "undated.md").write_text("Storm notes\n\nThe storm was noted.\n", encoding="utf-8")
    where = ["--corpus", str(news), "--index", str(tmp_path / "ix")]

    def listed(*options: str) -> list[str]:
        assert main([*where, "list", "--json", *options]) == 0
        return sorted(row["id"] for row in json.loads(capsys.readouterr().out))

    assert listed("--since", "2025-10") == ["nov", "oct"]  # a month from its first day
    assert listed("--until", "2025-10") == ["oct", "sept"]  # to its last; undated: in no range
    assert listed("--since", "2025-10-01", "--until", "2025-10-31") == ["oct"]
    assert listed("--since", "2025-10", "--outlet", "herald") == ["nov"]
    assert len(listed()) == 4
    # nothing in the range: said on stderr, exit status 0 as for any empty list
    for form in ([], ["--json"]):
        assert main([*where, "list", "--since", "2030", *form]) == 0
        captured = capsys.readouterr()
        # that line alone: the corpus is not empty ("no articles in …: add … files there" was said too)
        assert captured.err.strip() == "reader: no article dated 2030 or later (4 outside it)", captured.err
        assert captured.out.strip() == ("[]" if form else "")
    # a bad date or an empty range: one line, exit status 2, as search says it
    assert main([*where, "list", "--since", "2025-13"]) == 2
    assert "--since must be a real date" in capsys.readouterr().err
    assert main([*where, "list", "--since", "2025-11", "--until", "2025-10"]) == 2
    assert "the date range is empty" in capsys.readouterr().err


def test_stories_takes_since_and_until_as_coverage_does(tmp_path, capsys):
    # a story is listed when one of its articles is dated in the range, as `coverage --since` reads it
    from test_index_helpers import write_article

    from reader.cli import main

    news = tmp_path / "news"
    write_article(news, "a", "Storm hits coast", "Daily", "2025-10-01", "The storm hit the coast on Tuesday night.")
    write_article(news, "b", "Budget vote passes", "Herald", "2025-11-02", "The senate passed the budget on Monday.")
    where = ["--corpus", str(news), "--index", str(tmp_path / "ix")]

    def members(*options: str) -> list[list[str]]:
        assert main([*where, "stories", "--json", *options]) == 0
        return [story["articles"] for story in json.loads(capsys.readouterr().out)]

    assert members("--since", "2025-11") == [["b"]]
    assert members("--until", "2025-10-31") == [["a"]]
    assert len(members()) == 2
    assert main([*where, "stories", "--since", "2030", "--min-size", "2"]) == 0
    assert "no story with 2 or more articles and an article dated 2030 or later" in capsys.readouterr().err
    # with --json too: `[]` alone said nothing of the dates asked (as `list --json` says it)
    assert main([*where, "stories", "--since", "2030", "--json"]) == 0
    captured = capsys.readouterr()
    assert (captured.out.strip(), captured.err.strip()) == (
        "[]",
        "reader: no story with an article dated 2030 or later",
    )
    assert main([*where, "stories", "--until", "yesterday-ish"]) == 2
    assert "--until must be a real date" in capsys.readouterr().err


def test_stories_takes_an_outlet_and_list_a_story_as_search_does(tmp_path, capsys):
    # `reader stories --outlet fox` was an unrecognized argument (list and search take it): a
    # story is listed when one of its articles is that outlet's, with all of its articles
    from test_index_helpers import write_article

    from reader.cli import main

    news = tmp_path / "news"
    body = "The storm hit the coast on Tuesday night, and the mayor ordered the harbour closed."
    write_article(news, "a", "Storm hits coast", "Daily", "2025-10-01", body)
    write_article(news, "b", "Storm hits the coast", "Herald", "2025-10-01", body)
    write_article(news, "c", "Budget vote passes", "Herald", "2025-11-02", "The senate passed the budget on Monday.")
    where = ["--corpus", str(news), "--index", str(tmp_path / "ix")]

    def members(*options: str) -> list[list[str]]:
        assert main([*where, "stories", "--json", *options]) == 0
        return [sorted(story["articles"]) for story in json.loads(capsys.readouterr().out)]

    assert members("--outlet", "daily") == [["a", "b"]]
    assert sorted(members("--outlet", "Herald")) == [["a", "b"], ["c"]]
    assert members("--outlet", "daily", "--since", "2025-11") == []
    assert capsys.readouterr().err == ""
    assert main([*where, "stories", "--outlet", "Daily", "--since", "2025-11"]) == 0
    assert (
        capsys.readouterr().err == "reader: no story with an article dated 2025-11 or later and an article of Daily\n"
    )
    assert main([*where, "stories", "--outlet", "nosuch"]) == 2
    assert "no outlet matches 'nosuch'" in capsys.readouterr().err
    # and `list --story`, as search has it: the story's articles alone
    assert main([*where, "stories", "--json", "--outlet", "daily"]) == 0
    story = json.loads(capsys.readouterr().out)[0]["id"]
    assert main([*where, "list", "--json", "--story", story[:8]]) == 0
    assert sorted(entry["id"] for entry in json.loads(capsys.readouterr().out)) == ["a", "b"]
    assert main([*where, "list", "--story", "zzz"]) == 2
    assert "no story" in capsys.readouterr().err


def test_the_empty_range_line_clears_a_progress_line_first(monkeypatch, capsys):
    # a first index build leaves its progress line on screen: the line went on after it, on its row
    from argparse import Namespace

    from reader.commands import articles, common

    cleared = []

    class OnScreen:
        def finish(self) -> None:
            cleared.append(True)

    monkeypatch.setattr(common, "_on_screen", OnScreen())
    articles._say_none_in_range(Namespace(since="2030", until=None), [], 3)
    assert cleared and capsys.readouterr().err == "reader: no article dated 2030 or later (3 outside it)\n"


def test_index_progress_json_gives_json_lines_on_stderr_off_a_terminal(capsys, tmp_path):
    """Off a terminal `reader index` drew no progress: a script running a 35-minute first build
    saw nothing. `--progress json` says each step as a JSON line on stderr (a line per whole
    percent, not per file), stdout's report as it was."""
    news = tmp_path / "news"
    for n in range(30):
        write(news / f"s{n:02d}.md", f"---\ntitle: Story {n}\noutlet: Daily\n---\n\nThe council met {n}.\n")
    where = ("--corpus", str(news), "--index", str(tmp_path / "index"))
    code, out, err = run_main(capsys, *where, "index", "--no-prepare", "--json", "--progress", "json")
    assert code == 0 and json.loads(out)["indexed"] == 30
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert lines and all(set(line) == {"progress", "done", "total", "message"} for line in lines)
    assert {line["progress"] for line in lines} == {"indexing"}
    loading = [line for line in lines if line["message"].startswith("loading articles")]
    assert loading and loading[-1]["done"] == loading[-1]["total"] == 30
    code, _out, err = run_main(capsys, *where, "index", "--no-prepare", "--json")
    assert code == 0 and not [line for line in err.splitlines() if line.startswith("{")]


def test_progress_json_says_a_line_per_whole_percent_not_per_file(capsys):
    from reader.commands.common import ProgressLine

    progress = ProgressLine("indexing", json_lines=True)
    for done in range(10_001):
        progress(done, 10_000, "loading articles")
    progress(0, 0, "committing \x1b[31m\u202e")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 102 and json.loads(lines[-1])["message"] == "committing \x1b[31m\u202e"
    assert "\x1b" not in "".join(lines) and "\u202e" not in "".join(lines)  # escaped by JSON


class _SteppedClock:
    """time.monotonic for reader.commands.common: each reading `step` seconds past the last."""

    def __init__(self, step: float):
        self.now, self.step = 0.0, step

    def monotonic(self) -> float:
        self.now += self.step
        return self.now


def test_off_a_terminal_a_long_step_is_said_now_and_then_as_a_plain_line(capsys, monkeypatch):
    """Off a terminal a long `reader index` said nothing for minutes (its log empty): with
    plain_lines, the step under way as a line of its own once PLAIN_PROGRESS_SECONDS have passed
    since the start or the last line; no escape code, a file name's control characters stripped."""
    from reader.commands import common

    clock = _SteppedClock(0.0)
    monkeypatch.setattr(common, "time", clock)
    progress = common.ProgressLine("indexing", plain_lines=True)  # (stderr captured: no terminal)
    assert not progress.enabled
    clock.now = common.PLAIN_PROGRESS_SECONDS - 1
    progress(10, 5000, "loading articles")  # (too soon)
    clock.now = common.PLAIN_PROGRESS_SECONDS + 1
    progress(1200, 5000, "loading articles")
    clock.now += 5
    progress(1300, 5000, "loading articles")  # (too soon after the last)
    clock.now += common.PLAIN_PROGRESS_SECONDS
    progress(0, 0, "grouping \x1b[31mred\x1b[0m.md\ninto stories")
    silent = common.ProgressLine("indexing")  # (other commands: as before, nothing)
    clock.now += 1000
    silent(5, 10, "loading articles")
    assert capsys.readouterr().err.splitlines() == [
        "reader: indexing: loading articles 1,200/5,000 (24%)",
        "reader: indexing: grouping red.md into stories",
    ]


@pytest.mark.parametrize("quiet", [False, True])
def test_reader_index_off_a_terminal_says_its_steps_now_and_then_unless_quiet(capsys, tmp_path, monkeypatch, quiet):
    """`reader index 2>log`: plain lines while it runs (here each step seen past the interval);
    --quiet says none, stdout's report as it was either way."""
    from reader.commands import common

    monkeypatch.setattr(common, "time", _SteppedClock(common.PLAIN_PROGRESS_SECONDS + 1))
    news = tmp_path / "news"
    for n in range(5):
        write(news / f"s{n}.md", f"---\ntitle: Story {n}\noutlet: Daily\n---\n\nThe council met {n}.\n")
    where = ("--corpus", str(news), "--index", str(tmp_path / "index"))
    code, out, err = run_main(capsys, *where, "index", "--no-prepare", "--json", *(["--quiet"] if quiet else []))
    assert code == 0 and json.loads(out)["indexed"] == 5
    said = [line for line in err.splitlines() if line.startswith("reader: indexing")]
    if quiet:
        assert said == []
    else:
        assert "reader: indexing: loading articles 5/5 (100%)" in said
        assert "\x1b" not in err and "\r" not in err


@pytest.mark.parametrize("command", [("list",), ("search", "council"), ("stories",)])
def test_a_reading_command_building_the_index_off_a_terminal_says_its_steps_now_and_then(
    capsys, tmp_path, monkeypatch, command
):
    """`reader list > out 2> log` from a script on a corpus never indexed: the first build ran with
    its log empty (only `reader index` said its steps off a terminal); now as `reader index` does."""
    from reader.commands import common

    monkeypatch.setattr(common, "time", _SteppedClock(common.PLAIN_PROGRESS_SECONDS + 1))
    news = tmp_path / "news"
    for n in range(5):
        write(news / f"s{n}.md", f"---\ntitle: Story {n}\noutlet: Daily\n---\n\nThe council met {n}.\n")
    code, _, err = run_main(capsys, "--corpus", str(news), "--index", str(tmp_path / "index"), *command)
    assert code == 0
    assert "reader: indexing: loading articles 5/5 (100%)" in err.splitlines(), err
    assert "\x1b" not in err and "\r" not in err


@pytest.mark.parametrize("terminal", [True, False])
def test_a_search_snippet_on_a_terminal_is_cut_between_words_to_its_width(
    reader_in_process, tmp_path, monkeypatch, terminal
):
    """A snippet (~200 characters) was one line whatever the terminal's width: the terminal cut
    it mid-word at the edge. Piped, it stays one line (for grep and cut)."""
    from reader.commands import common

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: terminal)
    monkeypatch.setenv("COLUMNS", "40")
    words = " ".join(f"word{n} budget" for n in range(30))
    write(tmp_path / "news" / "a.txt", f"Storm\n\nThe storm {words} reached the coast.")
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    result = reader_in_process(*where, "search", "budget")
    snippet = result.stdout.splitlines()[2:]
    if terminal:  # the count is the output's last line there
        assert snippet.pop() == "1 result"
        assert len(snippet) > 2 and all(len(line) <= 40 and line.startswith("     ") for line in snippet), snippet
        assert " ".join(line.strip() for line in snippet).count("*budget*") >= 5
    else:
        assert snippet and all(len(line) > 100 for line in snippet)  # each snippet one line


_LONG_TITLE = "Council approves the new harbour budget after a long night of debate about the schools"


@pytest.mark.parametrize("terminal", [True, False])
def test_a_listed_title_is_cut_between_words_to_a_narrow_terminal_and_whole_in_a_pipe(
    reader_in_process, tmp_path, monkeypatch, terminal
):
    """`reader list`, `search`, `stories` and `coverage` printed a long title whole on a 60-column terminal,
    which wrapped it over the next line's columns; piped (and with --json) every word of it stays."""
    from reader.commands import common

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: terminal)
    monkeypatch.setenv("COLUMNS", "60")
    outlet = "The Harbour Town Evening Chronicle"
    write(
        tmp_path / "news" / "harbour.md",
        f"---\noutlet: {outlet}\n---\n\n{_LONG_TITLE}\n\nThe council approved the harbour budget.",
    )
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    listed = reader_in_process(*where, "list").stdout.splitlines()
    found = reader_in_process(*where, "search", "harbour").stdout.splitlines()
    grouped = reader_in_process(*where, "stories").stdout.splitlines()
    covered = reader_in_process(*where, "coverage").stdout.splitlines()[0]
    assert [line for line in listed if "harbour" in line.lower()] and found and len(grouped) == 2
    (listed_line,) = [line for line in listed if "harbour" in line]
    if terminal:
        assert len(listed_line) < 60 and len(found[0]) < 60
        assert "Council approves the…" in listed_line and listed_line.endswith("  harbour")
        assert found[0].startswith("  1. Council approves the new harbour") and found[0].endswith("…")
        assert all(len(line) < 60 for line in grouped) and grouped[1].endswith("  harbour")
        assert grouped[0].startswith("Council") and "…  (1 article, " in grouped[0]
        # (the story's id shown by its start, the label given the room: "Council approves the new…")
        assert len(covered) < 60 and "Council approves the new…  (1 outlet · " in covered
        assert len(found[1]) < 60 and found[1].startswith("     The Harbour Town…  ----------  harbour  score ")
        kept = found[0][len("  1. ") : -1]  # cut where a word ends, not in one
        assert _LONG_TITLE.startswith(kept) and _LONG_TITLE[len(kept)] == " "
    else:
        assert _LONG_TITLE in listed_line and found[0] == f"  1. {_LONG_TITLE}" and _LONG_TITLE in grouped[1]
        assert len(covered) > 60 and found[1].startswith(f"     {outlet}  ")
    shown = json.loads(reader_in_process(*where, "list", "--json").stdout)
    assert [article["title"] for article in shown] == [_LONG_TITLE]


def _unindexed(tmp_path):
    corpus = tmp_path / "news"
    write(corpus / "fox" / "harbour.md", "---\ntitle: Harbour budget\noutlet: Fox News\n---\n\nThe council voted.\n")
    write(corpus / "cnn" / "schools.md", "---\ntitle: Schools plan\noutlet: CNN\n---\n\nThe schools open.\n")
    return corpus


def _index_built(corpus, index) -> bool:
    from reader.library import Library

    library = Library([corpus], index)
    try:
        return library.index.freshness()["indexed"]
    finally:
        library.close()


def test_the_first_show_of_a_whole_id_reads_its_file_and_leaves_the_index_for_later(
    reader_in_process, tmp_path, monkeypatch
):
    """The first `reader show ID` on a new corpus built the whole index before printing one file
    (14 s on basil-dev's 180 articles): the one file is read, and stderr on a terminal says the
    index comes later (a script's stderr stays empty)."""
    import sys

    from reader.commands import common

    corpus, index = _unindexed(tmp_path), tmp_path / "ix"
    where = ("--corpus", str(corpus), "--index", str(index))
    shown = reader_in_process(*where, "show", "fox/harbour")
    assert shown.stdout.startswith("Harbour budget\nFox News") and shown.stderr == ""
    assert not _index_built(corpus, index)
    monkeypatch.setattr(common, "_isatty", lambda stream: stream is sys.stderr)
    told = reader_in_process(*where, "quotes", "fox/harbour", "cnn/schools")
    assert told.stderr.count("no index yet") == 1
    assert told.stderr.startswith("reader: no index yet: read 'fox/harbour' from its file")
    assert not _index_built(corpus, index)
    (record,) = json.loads(reader_in_process(*where, "show", "fox/harbour.md", "--json").stdout)
    assert record["id"] == "fox/harbour" and record["story"] is None and record["version"] == 1
    assert record["indexed"] is False  # a script tells "not looked up yet" from "no story"
    assert not _index_built(corpus, index)
    # the start of an id needs the index: built then, and the whole id read before it in the
    # same command is looked up in it after all (was story null, indexed false)
    both = json.loads(reader_in_process(*where, "show", "fox/harbour", "cnn/sch", "--json").stdout)
    assert [(record["indexed"], bool(record["story"])) for record in both] == [(True, True), (True, True)]
    shutil.rmtree(index)
    # the start of an id needs the index to look it up: built then, as before, and said no more
    assert reader_in_process(*where, "show", "cnn/sch").stdout.startswith("Schools plan")
    assert _index_built(corpus, index)
    again = reader_in_process(*where, "show", "fox/harbour", "--json")
    assert "no index yet" not in again.stderr and json.loads(again.stdout)[0]["story"]
    assert json.loads(again.stdout)[0]["indexed"] is True


def test_the_no_index_yet_notice_shows_a_hostile_file_name_escaped(reader_in_process, tmp_path, monkeypatch):
    """The notice names the file as typed: an escape sequence or a bidi control in its name is
    written visibly ("\\x1b"), never sent to the terminal."""
    import sys

    from reader.commands import common

    corpus, index = tmp_path / "news", tmp_path / "ix"
    name = "fox/evil\x1b]0;pwned\x07\u202e.md"
    write(corpus / "fox" / "evil\x1b]0;pwned\x07\u202e.md", "---\ntitle: Evil\noutlet: Fox News\n---\n\nText.\n")
    write(corpus / "cnn" / "other.md", "---\ntitle: Other\noutlet: CNN\n---\n\nText.\n")
    monkeypatch.setattr(common, "_isatty", lambda stream: stream is sys.stderr)
    told = reader_in_process("--corpus", str(corpus), "--index", str(index), "show", name, "--json")
    assert json.loads(told.stdout)[0]["indexed"] is False
    assert "no index yet" in told.stderr and "\x1b" not in told.stderr and "\u202e" not in told.stderr
    assert "\\x1b]0;pwned\\x07\\u202e" in told.stderr
    assert not _index_built(corpus, index)


def test_indexed_is_false_for_a_file_outside_the_corpus_and_true_for_one_in_it(reader_in_process, tmp_path):
    corpus, index = _unindexed(tmp_path), tmp_path / "ix"
    outside = tmp_path / "elsewhere.md"
    write(outside, "---\ntitle: Elsewhere\noutlet: CNN\n---\n\nText.\n")
    where = ("--corpus", str(corpus), "--index", str(index))
    assert reader_in_process(*where, "index").returncode == 0
    shown = json.loads(reader_in_process(*where, "show", "fox/harbour", str(outside), "--json").stdout)
    assert [(record["indexed"], record["story"] is None) for record in shown] == [(True, False), (False, True)]
    (compared,) = [json.loads(reader_in_process(*where, "compare", "fox/harbour", str(outside), "--json").stdout)]
    assert (compared["left"]["indexed"], compared["right"]["indexed"]) == (True, False)


@pytest.mark.parametrize("command", [("list",), ("search", "harbour")])
def test_a_listing_s_columns_in_colour_are_the_plain_ones(reader_in_process, tmp_path, monkeypatch, command):
    """Colour only adds escapes to a result's lines: its columns are the plain lines' (search's
    outlet and date were one space apart in colour, two without), so a cut to the terminal's
    width fits both."""
    import re

    from reader.commands import common

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", "60")
    write(
        tmp_path / "news" / "harbour.md",
        f"---\noutlet: The Harbour Town Evening Chronicle\n---\n\n{_LONG_TITLE}\n\nThe council approved the harbour budget.",
    )
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"))
    plain = reader_in_process(*where, "--color", "never", *command).stdout.splitlines()[:2]
    coloured = reader_in_process(*where, "--color", "always", *command).stdout.splitlines()[:2]
    assert "\x1b[" in coloured[0] and [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in coloured] == plain
    assert all(len(line) < 60 for line in plain)


# Files named as basil's are: the date, the outlet, a hash (23 columns of id on each line).
_DATED_FILES = {
    "2010-02-20-fox-40b85964": ("Fox News", "Glenn Beck rips the budget plan at the convention"),
    "2010-02-20-fox-4aa01b2c": ("Fox News", "Budget hawks gather in Washington for the weekend"),
    "2010-02-20-hpo-f3d0ebba": ("HuffPost", "The budget fight that nobody in the capital wanted"),
    "2010-06-14-nyt-17a9d9cb": ("The New York Times", "Congressman apologises after a budget confrontation"),
}


@pytest.mark.parametrize("columns", [40, 50, 61, 80])
def test_listed_lines_with_long_ids_stay_one_line_each_at_40_to_80_columns(
    reader_in_process, tmp_path, monkeypatch, columns
):
    """`reader list`, `stories` and `search` wrapped each article's line under ~61 columns when ids
    were long: on a narrow terminal an id is shown by its shortest start (which `reader show`
    takes back to the same article), the date left out where the id says it."""
    from reader.commands import common
    from reader.commands.common import cells_of

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    for name, (outlet, title) in _DATED_FILES.items():
        write(
            tmp_path / "news" / f"{name}.md",
            f"---\noutlet: {outlet}\ndate: {name[:10]}\n---\n\n{title}\n\nThe budget {title.lower()}.",
        )
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    listed = reader_in_process(*where, "list").stdout.splitlines()
    grouped = [line for line in reader_in_process(*where, "stories").stdout.splitlines() if line.startswith("  ")]
    results = reader_in_process(*where, "search", "budget").stdout.splitlines()
    found = [results[n + 1] for n, line in enumerate(results) if re.match(r" +\d+\. ", line)]  # under a title
    assert len(listed) == len(grouped) == len(found) == len(_DATED_FILES)
    for line in listed + grouped + found:  # a column to spare, as every listing leaves it
        assert cells_of(line) < columns, line
    assert all(cells_of(line) <= columns for line in results)  # the snippets' lines too
    if columns == 80:
        assert all(line.split()[-1] in _DATED_FILES for line in listed)  # whole where they fit
    for line in listed + grouped:
        shown = line.split()[-1]
        title = line.split("  ")[-2].strip().removesuffix("…")
        article = reader_in_process(*where, "show", shown, "--json").stdout
        assert json.loads(article)[0]["title"].startswith(title), (shown, title)


def test_two_outlets_alike_in_a_narrow_outlet_column_are_told_apart(reader_in_process, tmp_path, monkeypatch):
    """On a narrow terminal `list` and `stories` narrow the outlet to 4 cells: The New York Times and
    The Moscow Times were both "The…"; each is shown by its initials instead."""
    from reader.commands import common

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", "33")
    for name, outlet in {
        "2010-06-14-nyt-17a9d9cb": "The New York Times",
        "2010-06-14-tmt-0e5b1c2d": "The Moscow Times",
    }.items():
        write(
            tmp_path / "news" / f"{name}.md",
            f"---\noutlet: {outlet}\ndate: {name[:10]}\n---\n\nCongressman apologises after a budget row\n\nThe budget.",
        )
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    listed = reader_in_process(*where, "list").stdout.splitlines()
    grouped = [
        line
        for line in reader_in_process(*where, "stories", "--min-size", "1").stdout.splitlines()
        if line.startswith("  ")
    ]
    # (a story's lines, two columns in, have their ids on lines of their own at 33: the date kept)
    grouped = [line.removeprefix("  2010-06-14") for line in grouped if "Congressman" in line]
    assert len(listed) == len(grouped) == 2
    for lines in (listed, grouped):
        outlets = sorted(line.split()[0] for line in lines)  # the date left out: each id says it
        assert outlets == ["MT", "NYT"], lines


def test_search_s_line_under_a_title_keeps_a_column_to_spare_at_40_when_ids_do_not_say_dates(
    reader_in_process, tmp_path, monkeypatch
):
    """Where the ids do not begin with their dates, search keeps the date and narrows the outlet:
    kept at 12 columns ("The Moscow…"), the line under a title ran to the 40th column."""
    from reader.commands import common
    from reader.commands.common import cells_of

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", "40")
    for n in range(3):
        write(
            tmp_path / "news" / f"budget-week-{n}-story.md",
            f"---\noutlet: The Moscow Times\ndate: 2024-01-0{n + 1}\n---\n\nBudget row number {n}\n\nThe budget.",
        )
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    results = reader_in_process(*where, "search", "budget").stdout.splitlines()
    found = [results[n + 1] for n, line in enumerate(results) if re.match(r" +\d+\. ", line)]
    assert len(found) == 3
    for line in found:
        assert cells_of(line) < 40, line


def test_a_story_s_line_on_a_narrow_terminal_shows_its_id_by_its_shortest_start(
    reader_in_process, tmp_path, monkeypatch
):
    """`reader stories` at 40 columns: "Congressman…  (1 article, 1 outlet · s…16 digits)" wrapped;
    the story's id is shown by its shortest start, which `list --story` takes back (at 50 the
    header says its outlets alone, and the whole id fits)."""
    from reader.commands import common
    from reader.commands.common import cells_of

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", "40")
    for name, (outlet, title) in _DATED_FILES.items():
        write(
            tmp_path / "news" / f"{name}.md",
            f"---\noutlet: {outlet}\ndate: {name[:10]}\n---\n\n{title}\n\nThe budget {title.lower()}.",
        )
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    heads = [line for line in reader_in_process(*where, "stories").stdout.splitlines() if line[:1] not in ("", " ")]
    assert heads
    for line in heads:
        assert cells_of(line) < 40, line
        shown = line.rstrip(")").split(" · ")[-1]
        assert len(shown) < 17
        assert reader_in_process(*where, "list", "--story", shown).stdout.strip(), shown


# Ids sharing a long start not made of dates (the shortest start is the whole id), one article
# of no outlet, a title whose second word is long.
_ARCHIVE_FILES = {
    f"world-politics-coverage-archive-item-{n}": ("The Associated Press International" if n != 3 else None, title)
    for n, title in enumerate(
        [
            "Senate passes the budget bill after a long night",
            "GOP Smackdown over the budget in the Senate",
            "Senate budget vote: what happens next",
        ],
        start=1,
    )
}


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_list_and_stories_lines_fit_the_terminal_with_long_ids_that_do_not_say_dates(
    reader_in_process, tmp_path, monkeypatch, columns
):
    """`list` and `stories` lines ran to 65 columns at 40 when ids shared a long start that is
    no date (nothing left to shorten): the id goes on a line of its own under the article's;
    a story's header says its outlets alone; a title is cut between words ("GOP…", not "GOP
    Smackdo…"); "(no outlet)" that does not fit is "—", not "(no…"."""
    from reader.commands import common
    from reader.commands.common import cells_of

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    for name, (outlet, title) in _ARCHIVE_FILES.items():
        head = f"outlet: {outlet}\n" if outlet else ""
        write(tmp_path / "news" / f"{name}.md", f"---\n{head}date: 2025-10-0{name[-1]}\n---\n\n{title}\n\nThe budget.")
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    listed = reader_in_process(*where, "list").stdout.splitlines()
    stories = reader_in_process(*where, "stories").stdout.splitlines()
    for line in listed + stories:
        assert cells_of(line) < columns, line
        assert "(no…" not in line and "Smackdo…" not in line, line
    shown = [line.split()[-1] for line in listed if line.split()[-1] in _ARCHIVE_FILES]
    assert sorted(shown) == sorted(_ARCHIVE_FILES)  # whole ids, each on some line
    if columns == 40:
        assert any(line.split()[1] == "—" for line in listed)
        assert any(line.strip() in _ARCHIVE_FILES for line in listed)  # an id on its own line
    if columns == 120:
        assert len(listed) == len(_ARCHIVE_FILES) and "(no outlet)" in "\n".join(listed)


def test_an_id_wider_than_the_terminal_even_by_its_shortest_start_is_printed_whole(
    reader_in_process, tmp_path, monkeypatch
):
    """Two ids sharing a 60-character start at 40 columns: cut, `reader show` could not take the
    id back, so it stays whole on its own line (the terminal wraps it), the article's line fits."""
    from reader.commands import common
    from reader.commands.common import cells_of

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", "40")
    names = [f"a-very-long-shared-prefix-of-an-archive-that-goes-on-and-on-{n}" for n in (1, 2)]
    for name in names:
        write(tmp_path / "news" / f"{name}.md", "---\noutlet: Reuters\ndate: 2025-10-01\n---\n\nSenate budget\n\nText.")
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    lines = reader_in_process(*where, "list").stdout.splitlines()
    assert sorted(line for line in lines if line in names) == names  # whole, from the line's start
    assert all(cells_of(line) < 40 for line in lines if line not in names)
    shown = reader_in_process(*where, "show", names[0]).stdout
    assert "Senate budget" in shown


def test_list_json_gives_an_articles_secret_url_whole(reader_in_process, tmp_path):
    """`list --json` is the article's data for a script (`jq -r .url | xargs xdg-open`): its
    newsletter link whole, as the article's file has it; it had been given "?token=***", a link
    that fails."""
    url = "https://news.example/issue/12?token=s3cr3tT0k"
    corpus = tmp_path / "corpus"
    write(
        corpus / "issue.md",
        f"---\ntitle: This week\noutlet: Daily Planet\ndate: 2025-10-20\nurl: {url}\n---\n\nThe council voted.\n",
    )
    (listed,) = json.loads(reader_in_process("--corpus", str(corpus), "list", "--json").stdout)
    assert listed["url"] == url
