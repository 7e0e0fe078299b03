"""Counts and summaries in words (reader/wording.py)."""

from __future__ import annotations

import pytest

from reader.wording import counted, secrets_hidden, shell_word, skipped_lines, untrusted_shown


def test_a_skipped_file_is_named_with_its_reason():
    items = [{"path": "/news/daily/empty.md", "reason": "no article text (empty after the metadata)"}]
    assert skipped_lines(items) == ["1 file skipped:", "empty.md: no article text (empty after the metadata)"]


def test_a_count_is_written_with_thousands_separators_as_every_other_number_shown():
    # The article header said "1309 quotes" beside "660,934 characters"; the quotes panel "1,309".
    assert counted(1309, "quote") == "1,309 quotes"
    assert counted(1, "story", "stories") == "1 story" and counted(12, "story", "stories") == "12 stories"


def test_many_skipped_files_name_the_first_and_count_the_rest():
    items = [{"path": f"/news/{n}.html", "reason": "binary file"} for n in range(5)]
    assert skipped_lines(items, shown=2) == [
        "5 files skipped:",
        "0.html: binary file",
        "1.html: binary file",
        "and 3 more; the command reader index --verbose lists them all.",
    ]
    assert skipped_lines(items, shown=2, command="reader --corpus ~/news index")[-1] == (
        "and 3 more; the command reader --corpus ~/news index lists them all."
    )


def test_clipped_cells_counts_a_wide_character_as_two_columns():
    from reader.wording import clipped_cells, crop_cells

    assert crop_cells("日本経済", 5) == "日本"  # the third would need columns 5 and 6
    assert clipped_cells("日本経済新聞", 7) == "日本経…"  # 6 columns of text and the "…"
    assert clipped_cells("Deutsche Welle English", 20) == "Deutsche Welle…"  # not "Deutsche Welle Engli"
    assert clipped_cells("short", 20) == "short"


@pytest.mark.parametrize(
    "text, cells, kept",
    [
        # a family emoji is one grapheme of four people and three joiners: not cut after the first
        ("ab" + "👨\u200d👩\u200d👧\u200d👦" * 2, 5, "ab"),
        ("🇺🇸" * 5, 5, "🇺🇸🇺🇸"),  # a flag is two letters: never one of them alone
        ("e\u0301" * 5, 3, "e\u0301" * 3),  # an accent stays with its letter
        ("漢" * 5, 5, "漢漢"),
    ],
)
def test_a_cut_to_a_terminal_s_width_never_splits_a_grapheme(text, cells, kept):
    from reader.wording import clipped_cells, crop_cells

    assert crop_cells(text, cells) == kept
    assert clipped_cells(text, cells + 1) == kept + "…"


# A user's text holding backticks of its own, and even the CLI's form of a command: on the
# screen only the marks a message was built with are put in words, never the user's.
HOSTILE = "http://example.org/`reader index --rebuild`/feed.xml?q=`x`"


def test_a_message_names_its_command_in_backticks_for_the_cli_and_in_words_on_screen():
    from reader.wording import Code, Command, on_screen, run_advice, said

    message = said("the index is damaged; ", run_advice("reader index --rebuild"))
    assert message == "the index is damaged; run `reader index --rebuild`"
    assert on_screen(message) == "the index is damaged; run the command reader index --rebuild in a shell"
    assert (said(Command("reader feed add")), on_screen(said(Command("reader feed add")))) == (
        "`reader feed add`",
        "the command reader feed add",
    )
    assert (said("its ", Code("marks"), " table"), on_screen(said("its ", Code("marks"), " table"))) == (
        "its `marks` table",
        "its marks table",
    )


def test_a_users_own_backticks_stay_on_screen_beside_a_command_in_words():
    from reader.wording import on_screen, run_advice, said

    message = said(f"cannot read {HOSTILE}: ", run_advice("reader index"), f" ({HOSTILE})")
    assert message == f"cannot read {HOSTILE}: run `reader index` ({HOSTILE})"
    assert on_screen(message) == f"cannot read {HOSTILE}: run the command reader index in a shell ({HOSTILE})"
    # Text not built by said() is shown as it is, backticks and all: nothing in it is ours.
    assert on_screen(f"no article {HOSTILE}; run `reader index`") == f"no article {HOSTILE}; run `reader index`"
    assert on_screen(None) == ""


def test_a_messages_marks_are_kept_through_nesting_joining_and_exceptions():
    from reader.wording import Code, on_screen, run_advice, said, said_joined

    inner = said(f"{HOSTILE} failed; ", run_advice("reader index"))
    outer = said_joined("; ", ["one `x`", inner, said("b ", Code("c"))])
    assert outer == f"one `x`; {HOSTILE} failed; run `reader index`; b `c`"
    assert on_screen(outer) == f"one `x`; {HOSTILE} failed; run the command reader index in a shell; b c"
    raised = OSError(inner)
    assert str(raised) == inner and on_screen(raised) == on_screen(inner)
    assert on_screen(said("cannot: ", raised)) == "cannot: " + on_screen(inner)
    assert on_screen(ValueError(f"{HOSTILE} `y`")) == f"{HOSTILE} `y`"  # no marks: as it is
    assert on_screen(ValueError(inner, 2)) == str(ValueError(inner, 2))  # not the message alone


def test_a_message_is_the_clis_text_wherever_a_str_goes():
    import json
    import pickle

    from reader.wording import on_screen, run_advice, said

    message = said(f"{HOSTILE}; ", run_advice("reader index"))
    cli = f"{HOSTILE}; run `reader index`"
    assert json.dumps({"error": message}) == json.dumps({"error": cli})
    assert f"reader: {message}" == f"reader: {cli}" and message.split("; ") == cli.split("; ")
    assert on_screen(pickle.loads(pickle.dumps(message))) == f"{HOSTILE}; run the command reader index in a shell"


def test_a_folder_given_as_an_article_names_the_command_to_list_it_in_words_in_the_app(
    tmp_path, isolated_dirs, monkeypatch
):
    # The ArticleNotFound the app shows (error_line) kept the CLI's backticks; the folder's own stay.
    import pytest

    from reader.library import ArticleNotFound, Library
    from reader.tui.safe import error_line

    (tmp_path / "corpus").mkdir()
    folder = "odd`reader index`dir"
    (tmp_path / folder).mkdir()
    monkeypatch.chdir(tmp_path)
    library = Library([tmp_path / "corpus"], tmp_path / "index", auto_update=False)
    with pytest.raises(ArticleNotFound) as raised:
        library.article(folder)
    library.close()
    listed = f"reader --corpus '{folder}' --index {tmp_path / 'index'} list"  # with the --index it was opened with
    assert str(raised.value) == f"{folder}: is a folder, not an article's id or file (`{listed}` lists its articles)"
    assert (
        error_line(raised.value)
        == f"{folder}: is a folder, not an article's id or file (the command {listed} lists its articles)"
    )


HOSTILE_PATHS = [
    "/tmp/my news",
    "/tmp/it's",
    "/tmp/a\nb",  # shown "\n": inside '...' bash read a backslash and an n
    "/tmp/\u202eevil",  # a bidi control
    "/tmp/caf\udce9",  # a byte that is not UTF-8 (surrogateescape)
    "/tmp/back\\slash and 'quote'\t\x1b[31m",
    "/tmp/\\udce9 typed",  # the text "\udce9", which a message reads as the byte
    "/tmp/c1\x85control",
]


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_a_shell_word_reads_back_as_the_path_in_bash_and_zsh(shell):
    import os
    import shutil
    import subprocess

    from reader.commands.common import error_text
    from reader.wording import shell_word

    if shutil.which(shell) is None:
        pytest.skip(f"no {shell}")
    for path in HOSTILE_PATHS:
        word = shell_word(path)
        assert error_text(word) == word, path  # a message shows the word as it is, to be pasted
        read = subprocess.run([shell, "-c", f"printf %s {word}"], capture_output=True, check=True).stdout
        assert read == os.fsencode(path), (path, word)


def test_a_corpus_folder_starting_with_a_dash_is_given_after_an_equals_sign():
    from reader.wording import shell_option

    assert shell_option("--corpus", "-news") == "--corpus=-news"  # `--corpus -news`: "expected one argument"
    assert shell_option("--corpus", "my news") == "--corpus 'my news'"
    # a value starting with "-" that must be quoted: the quoted word starts with a quote, yet argparse
    # sees "-x'y" after the shell reads it ("expected one argument")
    assert shell_option("--corpus", "-x'y").startswith("--corpus=")
    assert shell_option("--corpus", "-p\nq") == "--corpus=$'-p\\nq'"


def test_a_message_quoting_a_command_like_text_of_its_own_still_cuts_it():
    # Any "`reader …`" span was kept whole: an argument or a title holding one ran 20,000 characters.
    from reader.commands.common import error_text
    from reader.wording import shortened

    hostile = "`reader " + "x" * 20_000 + "`"
    assert len(shortened(f"no article with id {hostile}")) < 1_100
    assert len(error_text(f"no article with id {hostile}")) < 1_100
    named = "`reader --corpus " + "/d" * 1_000 + " index`"  # our own commands, long paths and all: whole
    assert named in shortened(f"run {named} to index them")


def test_a_long_message_never_cuts_the_command_it_names():
    from reader.commands.common import error_text

    folder = "/tmp/" + "/".join(["a-rather-long-folder-name"] * 12)  # one word of 300+ characters
    message = f"no other article to compare x with (`reader --corpus {folder} compare x PATH`) {'y' * 300}"
    shown = error_text(message)
    assert f"`reader --corpus {folder} compare x PATH`" in shown
    assert "y" * 300 not in shown  # the rest is cut as ever


def test_the_app_never_cuts_the_command_a_line_names():
    from reader.tui.safe import one_line
    from reader.wording import Command, said

    command = "reader --corpus /tmp/" + "long-folder/" * 30 + " index --verbose"
    line = f"and 3 more; the command {command} lists them all."
    assert one_line(line, 200, command=command) == line  # its few words kept too
    long_words = f"{'word ' * 80}{command} and {'more ' * 80}"
    assert command in one_line(long_words, 200, command=command) != long_words
    assert command in one_line(said("the index is stale: run ", Command(command), " now"), 200)
    assert one_line("word " * 100, 50).endswith("…")


def test_a_title_cut_by_cells_keeps_its_wide_words_in_the_room_half_of_which_is_counted_in_cells():
    """By characters, a word break a third of the cells in was "more than half" of a head of
    CJK (two cells a character): the title was cut there, two thirds of its room left empty."""
    from reader.tui.safe import cut
    from reader.wording import clipped_cells

    title = "Tokyo vote: 東京都知事選挙の結果発表と市民の反応"
    for shown in (cut(title, 30), clipped_cells(title, 30)):
        assert shown == "Tokyo vote: 東京都知事選挙の…"
    assert cut("Tokyo vote: results announced tonight", 30) == "Tokyo vote: results announced…"


def test_outlets_alike_in_a_narrow_column_are_told_apart_by_their_initials():
    """At 40 columns the outlet column is 4 cells: The New York Times and The Moscow Times were both
    "The…"; their initials tell them apart. Names unlike when clipped keep their start, and
    initials that would be alike again stay clipped."""
    from reader.wording import outlets_told_apart

    outlets = ["The New York Times", "The Moscow Times", "Fox News", "HuffPost", "(no outlet)"]
    assert outlets_told_apart(outlets, 4) == {
        "The New York Times": "NYT",
        "The Moscow Times": "MT",
        "Fox News": "Fox…",
        "HuffPost": "Huf…",
        "(no outlet)": "—",  # the placeholder, not "(no…": no outlet name cut short
    }
    assert outlets_told_apart(["The New York Times", "The Moscow Times"], 20) == {
        "The New York Times": "The New York Times",
        "The Moscow Times": "The Moscow Times",
    }
    # alike initials ("MT" twice) and names of one word have nothing better than their start
    assert set(outlets_told_apart(["Moscow Times", "Miami Today", "Politico", "Politifact"], 4).values()) == {
        "Mos…",
        "Mia…",
        "Pol…",
    }
    assert outlets_told_apart(["The Guardian", "The Globe"], 4) == {"The Guardian": "The…", "The Globe": "The…"}


def test_no_outlet_narrowed_past_its_width_is_a_dash_not_a_cut_placeholder():
    """At 4 cells "(no outlet)" was "(no…", read as an outlet's name cut short."""
    from reader.wording import NO_OUTLET, outlet_clipped_cells

    assert outlet_clipped_cells(NO_OUTLET, 4) == "—"
    assert outlet_clipped_cells(NO_OUTLET, 10) == "—"
    assert outlet_clipped_cells(NO_OUTLET, 11) == NO_OUTLET
    assert outlet_clipped_cells("(no outlet) Weekly", 4) == "(no…"  # a real name is cut as ever


def test_a_listed_title_keeps_at_least_half_its_room_cut_inside_a_long_word_rather_than_before_it():
    """Cut before a word that would leave less than half the room, a 40-column list read "GOP…",
    "Dr.…", "While…": a title gone. Between words where that keeps half or more."""
    from reader.commands.common import title_fitted

    assert title_fitted("GOP Smackdown over the budget", 12) == "GOP Smackdo…"
    assert title_fitted("Senate passes the budget", 16) == "Senate passes…"
    assert title_fitted("Supercalifragilistic words", 12) == "Supercalifr…"  # one long word
    assert title_fitted("東京都知事選挙の結果が出ました", 12) == "東京都知事…"  # CJK: between characters


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://ann:hunter2@example.com/feed", "https://ann:***@example.com/feed"),
        ("https://ann:p@ss@example.com:8080/feed", "https://ann:***@example.com:8080/feed"),  # an @ in it
        (
            "failed https://a:b@x.example/a (an entry of http://c:d@x.example/rss)",
            "failed https://a:***@x.example/a (an entry of http://c:***@x.example/rss)",
        ),
        (
            "https://x.example/rss?lang=en&api_key=K1&token=T2#top",
            "https://x.example/rss?lang=en&api_key=***&token=***#top",
        ),
        ("https://ann@example.com/feed?keyword=kept", "https://ann@example.com/feed?keyword=kept"),  # no secret
        ("a:b@c and ?token=t without a URL", "a:b@c and ?token=t without a URL"),
        ("https://x.example/feeds/0123456789abcdef0123456789abcdef01234567/rss", "https://x.example/feeds/***/rss"),
        ("https://x.example/api/key/abcd1234ef/feed", "https://x.example/api/key/***/feed"),
        ("https://ghp_a1b2c3d4e5f6g7h8i9j0k@host.example/feed", "https://***@host.example/feed"),
        ("at http://y.example/p/0123456789ABCDEF0123456789ABCDEF.", "at http://y.example/p/***."),
        # ordinary pages stay as they are: a slug, a date, an object id, a word after /auth/
        ("https://x.example/2024/05/some-article-title-2024", "https://x.example/2024/05/some-article-title-2024"),
        ("https://x.example/article/5f3c2a1b9e8d7c6b5a4f3e2d", "https://x.example/article/5f3c2a1b9e8d7c6b5a4f3e2d"),
        ("https://x.example/auth/login", "https://x.example/auth/login"),
        ("https://ann@example.com/feed", "https://ann@example.com/feed"),
        (
            "https://x.example/p/0123456789012345678901234567890123",
            "https://x.example/p/0123456789012345678901234567890123",
        ),
    ],
)
def test_secrets_hidden_writes_a_urls_password_and_secret_query_values_as_stars(text, shown):
    assert secrets_hidden(text) == shown
    assert untrusted_shown(text) == shown  # every message the CLI and the app show


def test_a_command_said_with_a_url_names_no_password():
    assert shell_word("https://ann:hunter2@x.example/feed") == "'https://ann:***@x.example/feed'"
