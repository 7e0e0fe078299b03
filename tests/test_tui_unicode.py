"""Text whose lower case is longer than itself, wide characters, right-to-left scripts and other
hard text in the app: highlights stay on their characters, and nothing breaks the layout."""

from __future__ import annotations

from conftest import Doc, QuoteDouble, double_library, drive, settle
from rich.cells import cell_len

from reader.tui.app import ReaderApp
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
    quotation is styled on its own characters."""
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
