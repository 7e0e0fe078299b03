"""Text whose lower case is longer than itself, wide characters, right-to-left scripts and other
hard text in the app: highlights stay on their characters, and nothing breaks the layout."""

from __future__ import annotations

import pytest

from conftest import Doc, QuoteDouble, double_library, drive, settle
from rich.cells import cell_len

from reader.tui.app import ReaderApp
from reader.tui.emoji_cells import drawn_emoji
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
    quotation is styled on its own characters. (The family is drawn as its first person: see
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
            if "▕" in text and drawn_emoji(FAMILY) in text or text.startswith("▶"):
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
async def test_emoji_sequences_are_drawn_in_the_cells_the_layout_counted(size):
    """Every drawn row is exactly the screen's width however a terminal measures its emoji: a
    row of the list, the reader's header, the status line, the search box and its results."""
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
