"""Hostile text (markup, ANSI/OSC escapes) in titles, outlets, file names and bodies shows
literally and changes nothing: no action runs, no MarkupError, no escape reaches the terminal."""

from __future__ import annotations

import pytest
from textual.content import Content

from conftest import (
    ESC_TEXT,
    Doc,
    HitDouble,
    QuoteDouble,
    SnippetDouble,
    StoryDouble,
    double_library,
    drive,
    press_and_settle,
    screen_text,
    settle,
)
from reader.tui.app import ReaderApp
from reader.tui.messages import IndexProgress
from reader.tui.palette import ReaderCommands
from reader.tui.safe import clean, content, label, one_line, rich_text, spans_content
from reader.tui.widgets.search_panel import render_hit

TRAPS = ["[bold]", "[@click=app.quit]", "[/foo]", "[Reuters]", "[/]"]


# -- the helpers ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, expected",
    [
        ("a\x1b]0;pwned\x07b", "ab"),  # OSC ended by BEL
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink, ST ended
        ("a\x1b[2Jb\x1b[31;1mc", "abc"),  # CSI
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("a\x1bPq#0;2\x1b\\b", "ab"),  # DCS
        ("a\x07\x00\x7f\x85b\n\tc", "ab\n\tc"),  # C0/C1 controls; newline and tab kept
        ("plain [bold] text", "plain [bold] text"),
    ],
)
def test_clean_strips_escapes_and_controls(raw, expected):
    assert clean(raw) == expected


def test_helpers_never_parse_markup():
    for trap in TRAPS + ["[link=https://x]y[/link]", "$accent", "\\[x]"]:
        assert content(trap).plain == trap and not content(trap).spans
        assert label(trap).plain == trap
        assert rich_text(trap).plain == trap and not rich_text(trap).spans
    assert one_line("a\n\n b\x1b[2J") == "a b"
    styled = spans_content("[bold]x[/bold]", [(0, 6, "italic"), (50, 60, "bold")])
    assert styled.plain == "[bold]x[/bold]" and len(styled.spans) == 1


def test_search_result_rendering_is_literal():
    hit = HitDouble(
        "id[/]",
        "[@click=app.quit]Out[/]",
        "[bold]T[/bold]\x1b]0;x\x07",
        "2025-01-01",
        1.0,
        [SnippetDouble("a [/foo] match here", [(9, 14)])],
    )
    prompt = render_hit(hit, "bold", "dim")
    assert isinstance(prompt, Content)
    assert "[@click=app.quit]Out[/]" in prompt.plain and "[bold]T[/bold]" in prompt.plain
    assert "\x1b" not in prompt.plain and "\x07" not in prompt.plain
    start = prompt.plain.index("match")
    assert any(s.start == start and s.end == start + 5 for s in prompt.spans)


# -- the app on the hostile corpus ---------------------------------------------------------------
async def test_hostile_corpus_shows_literally_and_changes_nothing(hostile_corpus, tmp_path):
    from reader.library import Library

    library = Library([hostile_corpus], tmp_path / "index", auto_update=False)
    app = ReaderApp(library)
    try:
        async with drive(app, (140, 45)) as pilot:
            await settle(pilot)
            tree = app.screen.source_list
            assert app.articles, "the hostile corpus indexed"
            for group in tree.root.children:
                group.expand()
            await settle(pilot)
            text = screen_text(app)
            assert "[@click=app.quit]Evil Outlet[/] [/foo]" in text
            labels = [str(leaf.label) for group in tree.root.children for leaf in group.children]
            assert any(
                label.endswith("[bold]Bold[/bold] [@click=app.quit]Click to quit[/] [/foo] [Reuters]")
                for label in labels
            ), labels
            # literal, cut to the list with "…" (where depends on the list's width)
            rows = [line for line in text.splitlines() if "[bold]Bold[/bold]" in line]
            assert rows, text
            row = rows[0]
            assert row.split("▕")[0].rstrip().endswith("…"), row
            assert "\x1b" not in text and "\x07" not in text
            # Click every row of the list (titles and outlets carry [@click=app.quit]).
            for line in range(tree.last_line + 1):
                await pilot.click("#tree", offset=(6, line))
                await settle(pilot, rounds=1)
                assert app.is_running
            # Open every article and look at it.
            for info in list(app.articles):
                app.screen.open_article(info.id)
                await settle(pilot)
                assert app.screen.reader.article is not None, info.id
                text = screen_text(app)
                assert "\x1b" not in text and "\x9b" not in text
                await pilot.click("#reader", offset=(10, 1))
                await pilot.click("#reader", offset=(10, 4))
                await settle(pilot, rounds=1)
                assert app.is_running
            app.screen.open_article("markup")
            await settle(pilot)
            body = screen_text(app)
            pane = app.screen.reader
            rendered = "\n".join(pane._render_piece(i).plain for i in range(pane.rendered_pieces))
            assert "[bold]not bold[/bold], [@click=app.quit]a trap[/], a stray [/foo] and [Reuters]" in rendered
            assert "[bold]not bold[/bold]" in body and "[@click=app.quit]a trap[/]" in body
            assert "https://example.com/[@click=app.quit]x[/]" in body
            assert "[red]Mallory[/red]" in body
            assert "[bold]Bold[/bold] [@click=app.quit]Click to quit[/] [/foo] [Reuters]" in body
            # Search through hostile text and open the hit.
            await press_and_settle(pilot, "slash", *"trap")
            results = app.screen.search_panel.result_list
            assert results.option_count >= 1
            await pilot.click("#search-results", offset=(4, 1))
            await settle(pilot)
            assert app.is_running and app.screen.reader.article.id == "markup"
            # The status line shows file names from the indexer literally, escapes removed.
            app.post_message(IndexProgress(1, 2, "/x/esc\x1b]0;fn\x07[@click=app.quit]name.txt"))
            await settle(pilot, rounds=1)
            status = str(app.screen.query_one("#status-text").render())
            assert "[@click=app.quit]name.txt" in status and "\x1b" not in status
            # A step with no count says what it does, without a "0/0".
            app.post_message(IndexProgress(0, 0, "waiting for another reader process\x1b[31m…"))
            await settle(pilot, rounds=1)
            status = str(app.screen.query_one("#status-text").render())
            assert status.startswith("Indexing: waiting for another reader process") and "0/0" not in status
            assert "\x1b" not in status
            assert app.is_running
            app.screen.source_list.focus()
            await pilot.press("q")  # the only way out here is our own binding
        assert app.return_code == 0
    finally:
        library.close()


async def test_raw_escapes_from_a_library_never_reach_the_screen():
    """Defence in depth: even if the core let escapes through, the app strips them."""
    lib = double_library()
    lib.add(
        Doc("evil", "Esc\x1b[31m Outlet\x1b]0;x\x07", "Title \x1b[2J[@click=app.quit]q[/]", "2025-10-21", ESC_TEXT),
        [QuoteDouble("OSC", 5, 8, "[b]Speaker\x1b[0m")],
    )
    lib.add(Doc("evil2", "Other [b]Outlet", "Second [/foo] version", "2025-10-21", "Budapest too."))
    lib.story_list.append(StoryDouble("evil-story", "[/foo]\x1b]0;story\x07", ["evil", "evil2"]))
    app = ReaderApp(lib)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        for group in app.screen.source_list.root.children:
            group.expand()
        app.screen.open_article("evil")
        await settle(pilot)
        text = screen_text(app)
        assert "Title [@click=app.quit]q[/]" in text
        assert "Esc Outlet" in text
        for ch in ("\x1b", "\x07", "\x9b"):
            assert ch not in text
        await press_and_settle(pilot, "g")
        labels = [str(n.label) for n in app.screen.source_list.root.children]
        assert any(label.startswith("[/foo]") for label in labels)
        assert app.is_running


async def test_palette_hits_are_literal_content():
    lib = double_library()
    lib.add(Doc("evil", "[@click=app.quit]Out", "[bold]Budapest[/bold] [/foo]", "2025-10-21", "x"))
    app = ReaderApp(lib)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        provider = ReaderCommands(app.screen)
        await provider.startup()
        hits = [hit async for hit in provider.search("bold budapest")]
        assert hits
        evil = [h for h in hits if "[bold]Budapest[/bold]" in h.text]
        assert evil, [h.text for h in hits]
        display = evil[0].match_display
        assert isinstance(display, Content)
        assert display.plain == evil[0].text  # literally, markup included
        assert display.spans  # the matched characters are styled


async def test_palette_opens_article_story_and_comparison(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "ctrl+p")
        await press_and_settle(pilot, *"markets calm")
        await press_and_settle(pilot, "enter")
        assert app.screen.reader.article.id == "a2"
        provider = ReaderCommands(app.screen)
        await provider.startup()
        texts = [text for text, _, _ in provider._items]
        assert any(t.startswith("Story: Budapest summit") for t in texts)
        assert any(t.startswith("Compare: Budapest summit — Daily Planet vs The Bugle") for t in texts)
        story_hits = [h async for h in provider.search("story budapest summit")]
        story_hits[0].command()
        await settle(pilot)
        assert app.screen.source_list.grouping == "story"
        assert app.screen.reader.article.id in ("a1", "b1")


async def test_bidirectional_controls_never_reach_the_screen():
    """U+202E and its kin make a terminal reorder the line ("Trojan Source"): the CLI drops them
    from what it prints, and the app showed them, in titles, outlets, bodies, quotes, search
    results and the comparison. They become zero-width spaces where offsets must hold, so the
    search highlights stay on their words."""
    from reader.corpus.decode import BIDI_CONTROLS
    from reader.tui.screens.compare import CompareScreen

    lib = double_library()
    body = 'The vote \u202eexe.txt\u202c passed in \u2067Budapest\u2069. "We won \u202ebig\u202c," she said.'
    quote = body.index('"We') + 1
    lib.add(
        Doc("rtl", "Gazette \u202eevil\u202c", "Budget \u202etxt.exe\u202c vote", "2025-10-21", body),
        [QuoteDouble(body[quote : quote + 15], quote, quote + 15, "the \u202emayor")],
    )
    lib.story_list[0].articles.append("rtl")
    app = ReaderApp(lib)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        for group in app.screen.source_list.root.children:
            group.expand()
        await press_and_settle(pilot, "slash", *"budapest")
        await press_and_settle(pilot, "down", "enter")
        assert app.screen.reader.article is not None
        app.screen.open_article("rtl", "budapest")
        await settle(pilot)
        await press_and_settle(pilot, "apostrophe")  # the quotes panel
        shown = screen_text(app)
        assert "Budget txt.exe vote" in shown.replace("\u200b", "") and "Gazette evil" in shown.replace("\u200b", "")
        assert not set(BIDI_CONTROLS) & set(shown), shown
        pane = app.screen.reader
        rendered = pane._render_piece(0)
        assert not set(BIDI_CONTROLS) & set(rendered.plain)
        (start, end), *_ = pane.matches
        assert rendered.plain[start:end] == "Budapest"  # the highlight is on its word
        app.push_screen(CompareScreen(lib, "rtl", "b1"))
        await settle(pilot)
        assert not set(BIDI_CONTROLS) & set(screen_text(app))
        await press_and_settle(pilot, "m")  # both articles whole
        assert not set(BIDI_CONTROLS) & set(screen_text(app))


def test_a_shortened_label_is_cut_between_words_and_counts_wide_characters():
    """one_line(text, n) cut "national infrastructure spending" mid-word ("…spe…"), and counted
    a CJK character as one cell though it takes two."""
    assert one_line("Council backs national infrastructure spending", 40) == "Council backs national infrastructure…"
    assert one_line("日本経済新聞社会部", 9) == "日本経済…"
