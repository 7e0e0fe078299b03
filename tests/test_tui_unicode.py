"""Text whose lower case is longer than itself, wide characters, right-to-left scripts and other
hard text in the app: highlights stay on their characters, and nothing breaks the layout."""

from __future__ import annotations

import pytest

from conftest import Doc, QuoteDouble, double_library, drive, settle
from rich.cells import cell_len

from reader.tui.app import ReaderApp
from reader.tui.emoji_cells import drawn_emoji, emoji_cut_wanted
from reader.tui.palette import ReaderCommands

ISTANBUL = "İİ İstanbul İİ summit"  # each "İ" lower-cases to two characters


def _styled(content) -> list[str]:
    """The text under each style span of a Content."""
    return [content.plain[span.start : span.end] for span in content.spans]


async def test_palette_highlight_stays_on_the_match_after_dotted_capitals():
    lib = double_library()
    lib.add(Doc("tr", "Haber", ISTANBUL, "2025-10-21", "x"))
    app = ReaderApp(lib)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        provider = ReaderCommands(app.screen)
        await provider.startup()
        hits = [hit async for hit in provider.search("summit istanbul")]
        mine = [h for h in hits if h.text == f"Haber · {ISTANBUL}"]
        assert mine, [h.text for h in hits]
        assert _styled(mine[0].match_display) == ["summit"]
        hits = [hit async for hit in provider.search("İİ summit")]
        mine = [h for h in hits if h.text == f"Haber · {ISTANBUL}"]
        assert sorted(_styled(mine[0].match_display)) == ["summit", "İİ", "İİ"]


async def test_speaker_highlight_stays_on_the_name_after_dotted_capitals():
    lib = double_library()
    body = 'İİ İstanbul. İlhan Omar said: "We are ready to talk now."'
    quote = body.index("We")
    lib.add(
        Doc("tr", "Haber", "Talks", "2025-10-21", body),
        [QuoteDouble("We are ready to talk now.", quote, quote + 25, "İlhan Omar")],
    )
    app = ReaderApp(lib)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("tr")
        await settle(pilot)
        pane = app.screen.reader
        rendered = pane._render_piece(0)
        speaker = pane.style_of("reader-pane--speaker")
        assert [rendered.plain[s.start : s.end] for s in rendered.spans if s.style == speaker] == ["İlhan Omar"]


async def test_palette_fuzzy_highlight_after_dotted_capitals():
    """No word of the query is in the title: the fuzzy letters are styled, on the title's own
    characters (the offsets were into the lower-cased copy: shifted, or past the end)."""
    lib = double_library()
    title = "İİİİİİİİ smt"
    lib.add(Doc("tr", "Hb", title, "2025-10-21", "x"))
    app = ReaderApp(lib)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        provider = ReaderCommands(app.screen)
        hit_text = f"Hb · {title}"
        await provider.startup()
        display = provider._display(hit_text, "hbsmt")
        assert "".join(_styled(display)) == "Hbsmt"


FAMILY = "👨\u200d👩\u200d👧"  # one emoji: two joiners hold the three people together


async def test_joined_emoji_and_non_joiners_keep_the_layout_and_the_highlights():
    """A title with an emoji family and a Persian word with its non-joiner (both kept at load):
    every row is exactly the screen's width, the panes' divider stays in its column, and the
    quotation is styled on its own characters. (Drawn whole, as a terminal that measures it as
    Rich does; in tmux and the others, as its first person: see
    test_emoji_sequences_are_drawn_in_the_cells_the_layout_counted.)"""
    lib = double_library()
    body = f'ما می\u200cخواهیم صلح کنیم. The {FAMILY} family said: "We are home now." More text.'
    quote = body.index("We are")
    lib.add(
        Doc("fa", "Haber", f"Family {FAMILY} returns home", "2025-10-22", body),
        [QuoteDouble("We are home now.", quote, quote + 16, "The family")],
    )
    app = ReaderApp(lib)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("fa")
        await settle(pilot)
        strips = app.screen._compositor.render_strips()
        assert all(strip.cell_length == 100 for strip in strips)
        columns = set()
        for strip in strips:
            text = strip.text
            if "▕" in text and FAMILY in text or text.startswith("▶"):
                columns.add(cell_len(text[: text.index("▕")]))
        assert len(columns) == 1, columns  # the family row's divider where the others have it
        pane = app.screen.reader
        rendered = pane._render_piece(0)
        quote_style = pane.style_of("reader-pane--quote")
        assert [rendered.plain[s.start : s.end] for s in rendered.spans if s.style == quote_style] == [
            "We are home now."
        ]


# Sequences Rich counts as one wide character and terminals draw in other widths (tmux 3.3a:
# "❤️" 1 cell, "👍🏽" 4; VTE and xterm: the family 6).
EMOJI_TITLE = "Vote ❤️ 👍🏽 ℹ️ #️⃣ 🏳️\u200d🌈 " + FAMILY + " today"


def _cells_each(text: str) -> int:
    """The cells a terminal that measures each character alone (wcwidth) gives `text`."""
    return sum(cell_len(char) for char in text)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_emoji_sequences_are_drawn_in_the_cells_the_layout_counted(size, monkeypatch):
    """In tmux (and the other terminals that measure emoji otherwise than Rich), every drawn row
    is exactly the screen's width: a row of the list, the reader's header, the status line, the
    search box and its results."""
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1234,0")
    lib = double_library()
    lib.add(Doc("e1", "Daily ❤️ News", EMOJI_TITLE, "2025-10-22", f"{EMOJI_TITLE}. The vote was held."))
    app = ReaderApp(lib)
    async with drive(app, size) as pilot:
        await settle(pilot)

        def rows_fit() -> None:
            drawn = [strip.text for strip in app.screen._compositor.render_strips()]
            assert any("Vote" in row for row in drawn), "\n".join(drawn)
            for row in drawn:
                assert cell_len(row) == _cells_each(row) == size[0], row

        app.screen.open_article("e1")
        await settle(pilot)
        rows_fit()
        await pilot.press("escape")  # the list, at the article's row
        await settle(pilot)
        rows_fit()
        await pilot.press("slash", *"vote")
        await settle(pilot)
        rows_fit()
        # What is drawn changes, not the text: the title keeps its characters.
        assert app.screen.reader.article.title == EMOJI_TITLE


def test_only_emoji_sequences_are_redrawn_and_in_the_same_cells():
    for sequence, drawn in [
        ("❤\ufe0f", "❤ "),
        ("👍🏽", "👍"),
        ("#\ufe0f\u20e3", "# "),
        ("🏳\ufe0f\u200d🌈", "🏳 "),
        (FAMILY, "👨"),
        ("\ufe0f", ""),  # a selector cut from its emoji by a change of style
    ]:
        assert drawn_emoji(f"a {sequence} b") == f"a {drawn} b"
        assert cell_len(sequence) == cell_len(drawn)
    # A script's own joiners and non-joiners, and an ideograph's variation selector, are kept.
    for text in ("क्\u200dष", "می\u200cخواهیم", "葛\U000e0100城", "plain ascii"):
        assert drawn_emoji(text) == text


async def test_emoji_are_drawn_whole_where_the_terminal_measures_them_as_rich_does():
    # They were cut for every terminal: in kitty, WezTerm or iTerm2 (which draw "❤️" in 2 cells
    # and a family joined, as Rich counts them) the heart lost its colour, the thumb its skin
    # tone and the family two of its people, for rows that lined up already.
    drawn = await rows_of_the_emoji_article()
    assert any(FAMILY in row and "👍🏽" in row and "❤\ufe0f" in row for row in drawn), "\n".join(drawn)
    assert all(cell_len(row) == 80 for row in drawn)


async def rows_of_the_emoji_article() -> list[str]:
    """The rows an 80x24 app draws with an article whose outlet, title and text hold emoji open."""
    lib = double_library()
    lib.add(Doc("e1", "Daily ❤️ News", EMOJI_TITLE, "2025-10-22", f"{EMOJI_TITLE}. The vote was held."))
    app = ReaderApp(lib)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        app.screen.open_article("e1")
        await settle(pilot)
        return [strip.text for strip in app.screen._compositor.render_strips()]


def test_which_terminals_get_emoji_cut():
    for environ in (
        {"TERM": "tmux-256color", "TMUX": "/tmp/tmux-1000/default,1,0"},
        {"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-1000/default,1,0"},  # kitty outside tmux
        {"TERM": "screen.xterm-256color"},
        {"TERM": "xterm-256color", "STY": "1234.pts-0.host"},
        {"TERM": "xterm-256color", "XTERM_VERSION": "XTerm(390)"},
        {"TERM": "xterm-256color", "VTE_VERSION": "7600"},
        {"TERM": "linux"},
        {"TERM": "xterm-kitty", "READER_EMOJI": " First "},
    ):
        assert emoji_cut_wanted(environ) == (True, None), environ
    for environ in (
        {"TERM": "xterm-kitty"},
        {"TERM": "wezterm", "TERM_PROGRAM": "WezTerm"},
        {"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"},
        {"TERM": "xterm-ghostty"},
        {"TERM": "tmux-256color", "TMUX": "x", "READER_EMOJI": "whole"},
    ):
        assert emoji_cut_wanted(environ) == (False, None), environ
    cut, problem = emoji_cut_wanted({"TERM": "screen", "READER_EMOJI": "[b]x\x1b"})
    assert cut and problem == "READER_EMOJI: expected first or whole, not '[b]x\\x1b'; going by the terminal"


def test_a_vte_terminal_is_told_by_its_vte_version_unless_another_terminal_s_term_says_otherwise():
    # GNOME Terminal, Tilix, Terminator: TERM xterm-256color and VTE_VERSION. kitty or Ghostty
    # started from such a terminal's shell still carry its VTE_VERSION: their emoji were cut,
    # the heart's colour, the skin tone and the family lost where they are drawn whole.
    vte = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "VTE_VERSION": "7600"}
    assert emoji_cut_wanted(vte) == (True, None)
    assert emoji_cut_wanted({**vte, "VTE_VERSION": ""}) == (False, None)  # set empty: no VTE
    for term in ("xterm-kitty", "xterm-ghostty"):
        assert emoji_cut_wanted({**vte, "TERM": term}) == (False, None), term
        # tmux in it measures otherwise all the same, and READER_EMOJI decides over all.
        assert emoji_cut_wanted({**vte, "TERM": term, "TMUX": "/tmp/tmux-1000/default,1,0"}) == (True, None)
        assert emoji_cut_wanted({**vte, "TERM": term, "READER_EMOJI": "first"}) == (True, None)
    assert emoji_cut_wanted({**vte, "READER_EMOJI": "whole"}) == (False, None)
    assert emoji_cut_wanted({**vte, "READER_EMOJI": "WHOLE "}) == (False, None)


@pytest.mark.parametrize("override, whole", [(None, False), ("whole", True)])
async def test_the_app_cuts_emoji_in_a_vte_terminal_unless_reader_emoji_says_whole(override, whole, monkeypatch):
    monkeypatch.setenv("VTE_VERSION", "7600")
    monkeypatch.setenv("TERM", "xterm-256color")  # GNOME Terminal's (kitty's own TERM would say whole)
    if override is not None:
        monkeypatch.setenv("READER_EMOJI", override)
    drawn = "\n".join(await rows_of_the_emoji_article())
    assert "Vote" in drawn and (FAMILY in drawn) == whole and ("👍🏽" in drawn) == whole, drawn
    assert whole or "👨" in drawn  # cut to its first person, in the cells the layout counted


# Emoji (one with its variation selector, one with a skin tone), CJK and combining accents
# (é as e and U+0301), long enough to be cut in every pane.
WIDE_TITLE = "Vote 🗳️ 投票 日本語の記事 e\u0301te\u0301 👍🏽 café " * 3
WIDE_OUTLET = "日本 🗳️ Ne\u0301ws"


def _border_columns(strips, border: str) -> set[int]:
    """The cell column of the last `border` of each drawn row that has one."""
    return {cell_len(text[: text.rindex(border)]) for text in (strip.text for strip in strips) if border in text}


@pytest.mark.parametrize("size", [(100, 30), (70, 24)])
async def test_wide_titles_keep_the_comparison_and_its_picker_in_their_columns(size, monkeypatch):
    """Titles and outlets with emoji, CJK and combining marks, cut or padded in the comparison's
    titles, its summary and the version picker's rows: every drawn row is the screen's width in
    cells, and the picker's right border stays in one column on every row."""
    import comparison_doubles
    from conftest import CompareHost

    from reader.tui.widgets.compare_dialogs import VersionPicker

    monkeypatch.setattr(comparison_doubles, "LEFT_TITLE", WIDE_TITLE)
    monkeypatch.setattr(comparison_doubles, "LEFT_OUTLET", WIDE_OUTLET)
    library = comparison_doubles.CompareLibrary()
    library.add(comparison_doubles.Doc("third", WIDE_OUTLET, WIDE_TITLE + "third", "Nothing here.", story="s2"))
    app = CompareHost(library)
    async with drive(app, size) as pilot:
        await settle(pilot)
        strips = app.screen._compositor.render_strips()
        assert any("投票" in strip.text for strip in strips)
        assert all(strip.cell_length == size[0] == cell_len(strip.text) for strip in strips)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, VersionPicker)
        strips = app.screen._compositor.render_strips()
        assert sum("投票" in strip.text for strip in strips) >= 2  # the two versions' rows
        assert all(strip.cell_length == size[0] == cell_len(strip.text) for strip in strips)
        assert len(_border_columns(strips, "│")) == 1, [strip.text for strip in strips]


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("東京 都知事選挙 結果発表 市民の反応 次の選挙", 12),  # CJK: two cells a character
        ("語語語語語 ab more", 12),
        ("🎉🎉 party 🎉🎉🎉 tonight 🎉 again and again", 12),  # emoji
        ("❤\ufe0f\u200d🔥 hot ❤\ufe0f\u200d🔥 takes here", 12),  # joined: zero-width joiner, selector
        ("e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301 abcde more", 12),  # combining marks: no cell
        ("a\u200bb\u200bc\u200bd\u200be\u200bf ghijk more", 12),  # zero-width spaces: no cell
    ],
)
def test_clamp_cuts_the_last_row_between_words_within_its_cells(text, width):
    """clamp looked for the last space by characters: a row of combining marks or zero-width
    characters missed the last space that fitted and was cut inside a word; wide ones (CJK,
    emoji) keep within the row's cells."""
    from textual.content import Content

    from reader.tui.widgets.clamped import _last_space_within, clamp

    rows = clamp(Content(text), width, 1)
    assert len(rows) == 1
    last = rows[0].plain
    assert last.endswith("…") and cell_len(last) <= width, last
    head = last[:-1]
    assert text.startswith(head) and text[len(head)] == " "  # a whole word's end
    # the last space that fits: the next word would not
    assert _last_space_within(text, width - 1) == len(head)
    following = text.find(" ", len(head) + 1)
    assert following == -1 or cell_len(text[:following]) > width - 1


def test_the_last_space_within_a_room_is_counted_in_cells():
    from reader.tui.widgets.clamped import _last_space_within

    assert _last_space_within("日本語 日本 語語語語", 8) == 3  # "日本語" 6 cells; "日本語 日本" 11
    assert _last_space_within("e\u0301e\u0301e\u0301e\u0301 ab cd", 7) == 11  # "éééé ab": 7 cells, 11 characters
    assert _last_space_within("nospace", 3) == -1
