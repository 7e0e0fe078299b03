"""`reader compare` and `reader show` on a narrow terminal, without colour, and on a pipe."""

import re
import shutil

import pytest

from conftest import FOX, MT, SEEDS


@pytest.fixture
def seeds_where(tmp_path, seed_index_template):
    shutil.copytree(seed_index_template, tmp_path / "ix")
    return ("--corpus", str(SEEDS), "--index", str(tmp_path / "ix"))


def _on_a_terminal(monkeypatch, columns: int) -> None:
    from reader.commands import common

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.parametrize("columns", [40, 60])
def test_compare_on_a_narrow_terminal_wraps_each_line_under_its_marker(
    reader_in_process, seeds_where, monkeypatch, columns
):
    """At 40 columns the terminal wrapped a sentence's line at column 0, under the markers
    ("  L1   President…" went on at the left edge, as if it were a heading), and a quotation's
    speaker was cut from its dash: each line is wrapped at its spaces, hanging under its
    marker's end, and "— a Trump administration official" stays whole."""
    from reader.commands.common import cells_of

    _on_a_terminal(monkeypatch, columns)
    lines = reader_in_process(*seeds_where, "compare", FOX, MT).stdout.splitlines()
    assert "\x1b" not in "\n".join(lines)
    for line in lines:
        assert cells_of(line) < columns, line
    first = next(n for n, line in enumerate(lines) if line.startswith("  L1   "))
    assert lines[first + 1].startswith(" " * 7) and lines[first + 1][7] != " "  # under "President"
    headings = {line for line in lines if line and not line.startswith(" ")}
    assert all(re.match(r"(LEFT|RIGHT) |[A-Z][a-z]", line) for line in headings), headings
    quotes = "\n".join(lines)
    assert "— a Trump administration official" in " ".join(quotes.split())
    assert not any(line.rstrip().endswith("—") for line in lines)


def test_compare_and_show_on_a_pipe_keep_a_line_a_sentence(reader_in_process, seeds_where, monkeypatch):
    """In a pipe (grep, a script) nothing is wrapped, whatever COLUMNS says."""
    monkeypatch.setenv("COLUMNS", "40")
    compared = reader_in_process(*seeds_where, "--color", "never", "compare", FOX, MT).stdout
    assert any(line.startswith("  L1   President Donald Trump") and len(line) > 100 for line in compared.splitlines())
    shown = reader_in_process(*seeds_where, "show", FOX).stdout.splitlines()
    assert max(len(line) for line in shown) > 100


def test_show_on_a_narrow_terminal_wraps_its_paragraphs_at_their_spaces(reader_in_process, seeds_where, monkeypatch):
    """`reader show` at 40 columns: the terminal cut words at its edge ("Vladim" / "ir")."""
    from reader.commands.common import cells_of

    _on_a_terminal(monkeypatch, 40)
    shown = reader_in_process(*seeds_where, "show", FOX).stdout
    for line in shown.splitlines():
        assert cells_of(line) < 40, line
    piped = reader_in_process(*seeds_where, "--color", "never", "show", FOX).stdout
    assert " ".join(shown.split()) == " ".join(piped.split())  # every word, in order


def test_a_word_wider_than_the_terminal_stays_whole_and_colour_takes_no_column():
    from reader.commands.common import wrapped_for_terminal

    long = "x" * 50
    assert wrapped_for_terminal(f"  L1   a {long} b", 40).split("\n") == ["  L1   a", f"       {long}", "       b"]
    coloured = "\x1b[36mLEFT   " + "word " * 12 + "end\x1b[0m"
    lines = wrapped_for_terminal(coloured, 40).split("\n")
    assert len(lines) == 3 and lines[1].startswith("       word") and lines[2] == "       end\x1b[0m"
    assert wrapped_for_terminal("a " * 40, None) == "a " * 40


def test_quotes_on_a_narrow_terminal_wrap_each_quotation_under_its_opening_mark(
    reader_in_process, seeds_where, monkeypatch
):
    """`reader quotes` at 40 columns: the terminal ran a quotation on at column 0, under the
    article's heading, and cut words at its edge; piped, a quotation is one line."""
    from reader.commands.common import cells_of

    piped = reader_in_process(*seeds_where, "--color", "never", "quotes", FOX).stdout
    assert any(line.startswith("  “") and len(line) > 100 for line in piped.splitlines())
    _on_a_terminal(monkeypatch, 40)
    lines = reader_in_process(*seeds_where, "quotes", FOX).stdout.splitlines()
    for line in lines:
        assert cells_of(line) < 40, line
    first = next(n for n, line in enumerate(lines) if line.startswith("  “"))
    assert lines[first + 1].startswith("   ") and lines[first + 1][3] != " "  # under the quotation's first word
    speaker = next(n for n, line in enumerate(lines) if line.startswith("    — "))
    assert not lines[speaker + 1].strip() or lines[speaker + 1].startswith(("      ", "  “"))
    assert " ".join(" ".join(lines).split()) == " ".join(piped.split())  # every word, in order


def test_wrapped_for_terminal_hangs_a_speaker_under_the_name_after_its_dash():
    from reader.commands.common import wrapped_for_terminal

    said = "    — a senior White House official speaking on background"
    assert wrapped_for_terminal(said, 40).split("\n") == [
        "    — a senior White House official",
        "      speaking on background",
    ]


def test_a_cjk_run_breaks_between_its_characters_and_a_closing_mark_stays_with_the_one_before():
    """A CJK paragraph has no spaces: it was one line hundreds of columns wide, wrapped by the
    terminal at column 0 under the marker."""
    from reader.commands.common import cells_of, wrapped_for_terminal

    sentence = "東京都知事選挙の結果が出ました。"
    lines = wrapped_for_terminal("  L1   " + sentence * 6, 40).split("\n")
    assert len(lines) > 1 and all(cells_of(line) < 40 for line in lines), lines
    assert all(line.startswith("       ") and line[7] != " " for line in lines[1:]), lines
    assert "".join(line.strip() for line in lines) == "L1   " + sentence * 6
    assert not any(line.lstrip().startswith(("。", "、")) for line in lines)
    coloured = wrapped_for_terminal("\x1b[36m" + "東京" * 30 + "\x1b[0m", 40).split("\n")
    assert coloured[0].startswith("\x1b[36m東") and coloured[-1].endswith("\x1b[0m")  # a code never alone
    emoji = wrapped_for_terminal("👨\u200d👩\u200d👧" * 30, 40).split("\n")
    assert all(line.startswith("👨") for line in emoji)  # a joined emoji is never split


_OPENING = ("「", "『", "（", "【", "(", "«", "“", "¿", "§", "•")
_CLOSING = ("」", "』", "）", "】", ")", "»", "”", "。", "、", "!", "?", ":")


@pytest.mark.parametrize("columns", range(21, 45))
def test_a_wrapped_line_never_ends_on_an_opening_bracket_nor_begins_with_a_closing_one(columns):
    """「 ended a line ("…あ「" then "東京」…"), a closing 」 after a Latin run began one, and French
    "« Oui »" was cut after its « or before its »: a mark stays with the word it belongs to."""
    from reader.commands.common import wrapped_for_terminal

    texts = [
        "  L1   " + "あ" * 11 + "「東京」と『大阪』（京都）【速報】で彼は「Hello」と言った。" * 3,
        "  L1   Il a dit « Oui » puis « Non merci » ( voir ci-dessous ) et : fin ! ¿ Qué ? " * 3,
        # a mark of what follows it (punctuation, as closing ones are): "les points •" ended a line
        "  L1   voir la loi au § 12 puis les points • un • deux • trois et le ¶ 4 fin " * 3,
        # spaced marks beside CJK: the space after « was a break ("aaaa «" ended a line)
        "  L1   Il a écrit « 東京東京東京東京東京東京 » et « 大阪大阪大阪 » puis 「 京都 」 " * 3,
    ]
    for text in texts:
        lines = wrapped_for_terminal(text, columns).split("\n")
        assert len(lines) > 1
        for line in lines:
            assert not line.rstrip().endswith(_OPENING), lines
            assert not line.lstrip().startswith(_CLOSING), lines
        assert "".join("".join(lines).split()) == "".join(text.split())  # every character, in order


def test_a_search_snippet_keeps_a_mark_with_its_word():
    from reader.commands.search import wrapped_between_words

    for width in range(12, 40):
        lines = wrapped_between_words("Il a dit « Oui » puis « Non merci » ( voir ) fin !", width, "  ")
        assert not any(line.rstrip().endswith(_OPENING) or line.lstrip().startswith(_CLOSING) for line in lines)


def test_a_tab_is_counted_as_the_columns_it_takes():
    """A tab counted as one column left a line wider than the terminal, wrapped by it at column 0."""
    from reader.commands.common import cells_of, wrapped_for_terminal

    lines = wrapped_for_terminal("a\tb\tc " * 12, 40).split("\n")
    assert len(lines) > 1 and all("\t" not in line and cells_of(line) < 40 for line in lines), lines
