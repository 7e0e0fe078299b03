"""Pilot tests: what colour says is said without it too (a 16-colour console, NO_COLOR, a
monochrome terminal), checked on the characters drawn, with every colour left out."""

from __future__ import annotations

from conftest import double_library, drive, press_and_settle, settle
from reader.tui.app import ReaderApp


def left_edge(app, widget) -> str:
    """The characters drawn down the left edge of `widget` (its border column), colours left out."""
    strips = app.screen._compositor.render_strips()
    region = widget.region
    return "".join(strips[y].crop(region.x, region.x + 1).text for y in range(region.y, region.bottom))


async def test_the_focused_pane_has_a_bar_at_its_left_edge_the_others_none():
    app = ReaderApp(double_library())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        tree, reader, quotes = screen.query_one("#tree"), screen.reader, screen.query_one("#quotes")
        await press_and_settle(pilot, "enter", "j", "enter")  # an article open, the list focused
        assert screen.focused is tree
        assert set(left_edge(app, tree)) == {"▌"}
        assert set(left_edge(app, reader)) == {" "}

        await press_and_settle(pilot, "tab")
        assert screen.focused is reader
        assert set(left_edge(app, tree)) == {" "}
        assert set(left_edge(app, reader)) == {"▌"}
        assert "▌" not in left_edge(app, quotes)

        await press_and_settle(pilot, "tab")
        assert screen.focused is quotes
        assert set(left_edge(app, reader)) == {" "}
        assert "▌" in left_edge(app, quotes)


async def test_the_focus_bar_moves_nothing():
    """The bar takes a column kept blank without the focus: the article is not rewrapped."""
    app = ReaderApp(double_library())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "enter", "j", "enter")
        reader = app.screen.reader
        before = reader.content_region
        await press_and_settle(pilot, "tab")
        assert app.screen.focused is reader
        assert reader.content_region == before


async def test_the_search_results_have_the_bar_once_focused():
    app = ReaderApp(double_library())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"budapest")
        results = app.screen.query_one("#search-results")
        assert "▌" not in left_edge(app, results)
        await press_and_settle(pilot, "down")
        assert app.screen.focused is results
        assert "▌" in left_edge(app, results)


async def test_one_pane_short_terminal_quotes_panel_has_the_bar_when_focused():
    app = ReaderApp(double_library())
    async with drive(app, (60, 16)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "enter", "j", "enter")
        quotes = app.screen.query_one("#quotes")
        await press_and_settle(pilot, "apostrophe")
        assert app.screen.focused is quotes
        assert "▌" in left_edge(app, quotes)


def cell_edges(cell) -> tuple[set[str], set[str]]:
    """The characters down a compare cell's left and right edges, colours left out."""
    from textual.geometry import Region

    width, height = cell.outer_size
    lines = cell.render_lines(Region(0, 0, width, height))
    return {line.text[0] for line in lines}, {line.text[-1] for line in lines}


async def test_the_difference_shown_has_a_bar_beside_its_rows_side_by_side_and_stacked():
    # Its rows were marked by a tint alone ($accent 15%), the background itself in 16 colours.
    from comparison_doubles import CompareLibrary

    from conftest import CompareHost
    from reader.tui.widgets.compare_view import CompareCell, CompareRow

    for width, edge in ((140, 0), (70, 1)):  # side by side: the left edge; stacked: the right one
        app = CompareHost(CompareLibrary())
        async with drive(app, (width, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            await press_and_settle(pilot, "right_square_bracket")
            first, last = screen.query_one("CompareBody").current
            assert first >= 0
            seen_current = seen_other = 0
            for row in screen.query(CompareRow):
                for cell in row.query(CompareCell):
                    if not cell.display or not cell.size.height:
                        continue
                    bars = cell_edges(cell)[edge]
                    if first <= row.index <= last:
                        assert bars == {"┃"}, (width, row.index)
                        seen_current += 1
                    else:
                        assert "┃" not in bars, (width, row.index)
                        seen_other += 1
            assert seen_current and seen_other


async def test_stacked_the_bar_of_the_difference_shown_never_touches_its_text():
    # Under 80 columns a full line ran into the bar ("... Dr. Lisa┃"): the bar covered the
    # cell's one column of right padding.
    from textual.geometry import Region

    from comparison_doubles import CompareLibrary
    from conftest import CompareHost
    from reader.tui.widgets.compare_view import CompareCell, CompareRow

    for width in (70, 60):
        app = CompareHost(CompareLibrary())
        async with drive(app, (width, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            await press_and_settle(pilot, "right_square_bracket")
            first, last = screen.query_one("CompareBody").current
            seen = 0
            for row in screen.query(CompareRow):
                if not first <= row.index <= last:
                    continue
                for cell in row.query(CompareCell):
                    if not cell.display or not cell.size.height:
                        continue
                    w, h = cell.outer_size
                    assert {line.text[-1] for line in cell.render_lines(Region(0, 0, w, h))} == {"┃"}
                    # the text's last column (a line filled to it) and the bar: a blank between
                    assert cell.content_region.right <= cell.region.right - 2, (width, row.index)
                    seen += 1
            assert seen


def contrast(a, b) -> float:
    """WCAG's contrast ratio of two Rich colours."""

    def luminance(color) -> float:
        def channel(v: int) -> float:
            v2 = v / 255
            return v2 / 12.92 if v2 <= 0.03928 else ((v2 + 0.055) / 1.055) ** 2.4

        r, g, b = color.get_truecolor()
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def drawn(app, needle: str, whole: bool = False) -> list[tuple[str, float]]:
    """Each segment drawn on screen whose text holds `needle` (`whole`: is it), with its text's
    contrast ratio."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if whole and segment.text != needle or needle not in segment.text:
                continue
            if style is not None and style.color and style.bgcolor:
                found.append((segment.text, contrast(style.color, style.bgcolor)))
    return found


async def test_an_articles_date_line_and_a_groups_counts_are_legible_in_a_light_theme():
    # `$text-muted` came out white in a light theme (on near white, 1.3:1 in textual-light).
    app = ReaderApp(double_library(), theme="textual-light")
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "enter", "j", "enter")
        meta, counts = drawn(app, "Lois Lane"), drawn(app, "(2 •1)")
        assert meta and counts
        assert min(ratio for _, ratio in meta + counts) >= 4.5, meta + counts


async def test_search_matches_in_the_article_and_the_results_are_legible():
    # The article's matches were light text on the whole of $warning (1.5:1 in textual-dark;
    # the tint, $warning 30%, was never blended), and a match in the results' cursor row the
    # cursor's blue on $text-warning (2.9:1).
    for theme in ("textual-dark", "nord", "textual-light"):
        app = ReaderApp(double_library(), theme=theme)
        async with drive(app, (110, 32)) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "slash", *"minister", "down")
            in_results = drawn(app, "minister", whole=True)
            await press_and_settle(pilot, "enter")
            in_article = drawn(app, "minister", whole=True)
            assert in_results and in_article
            assert min(ratio for _, ratio in in_results + in_article) >= 4.5, (theme, in_results, in_article)


async def test_the_coverage_grids_cursor_row_shows_its_marks():
    # The cursor row's tint ($boost) came out whole: white, and the "·" of an outlet that did not
    # tell the story white on it (1:1 in textual-dark).
    app = ReaderApp(double_library(), theme="textual-dark")
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "v", "j", "l")
        marks = drawn(app, "·")
        assert marks
        assert min(ratio for _, ratio in marks) >= 4.5, marks


async def test_both_articles_whole_the_focused_pane_has_a_bar_and_the_sentence_shown_is_reversed():
    # m: which pane j and k scroll, and the sentence ] (or a click) selects with its counterpart,
    # were told by a tint alone.
    from comparison_doubles import CompareLibrary

    from conftest import CompareHost

    for width, edge, glyph in ((140, "left", "▌"), (70, "right", "▐")):
        app = CompareHost(CompareLibrary())
        async with drive(app, (width, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            await press_and_settle(pilot, "m")
            left, right = screen.sync.panes

            def bar(pane) -> str:
                strips = app.screen._compositor.render_strips()
                x = pane.region.x if edge == "left" else pane.region.right - 1
                return "".join(strips[y].crop(x, x + 1).text for y in range(pane.region.y, pane.region.bottom))

            assert app.focused is left
            assert bar(left).count(glyph) >= left.region.height - 1 and glyph not in bar(right), width
            await press_and_settle(pilot, "tab")
            assert app.focused is right
            assert glyph not in bar(left) and bar(right).count(glyph) >= right.region.height - 1, width
            await press_and_settle(pilot, "right_square_bracket")
            assert left.text.current or right.text.current
            reversed_text = "".join(
                segment.text
                for strip in app.screen._compositor.render_strips()
                for segment in strip
                if segment.style is not None and segment.style.reverse
            )
            assert len(reversed_text.strip()) > 20, reversed_text


async def test_a_figure_that_differs_is_reversed_not_only_coloured():
    # Its class says bold reverse, but Textual's visual style drops reverse: it was bold and
    # $warning, the same as an exact shared quote (bold) once colour is gone.
    from comparison_doubles import CompareLibrary

    from conftest import CompareHost

    app = CompareHost(CompareLibrary())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        figures = [
            segment.style
            for strip in app.screen._compositor.render_strips()
            for segment in strip
            if segment.text in ("Eight", "Seven")
        ]
        assert len(figures) == 2 and all(style is not None and style.reverse for style in figures), figures


async def test_the_results_outlet_and_date_read_on_the_list_and_on_the_cursor():
    # $text-muted, resolved once for every row, came out white: on a light theme's rows (1.3:1)
    # and on the cursor's accent in most dark themes (nord 2.0:1).
    for theme in ("textual-light", "nord", "catppuccin-mocha"):
        app = ReaderApp(double_library(), theme=theme)
        async with drive(app, (110, 32)) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "slash", *"budapest", "down")
            outlets = drawn(app, "Daily Planet", whole=True) + drawn(app, "The Bugle", whole=True)
            assert len(outlets) >= 2, (theme, outlets)  # the cursor's row and another
            assert min(ratio for _, ratio in outlets) >= 4.5, (theme, outlets)


async def test_figures_that_differ_read_in_a_light_theme():
    # Drawn in $warning (name variants and framing words in $accent), colours meant as
    # backgrounds: 1.5:1 (1.4:1) on textual-light's surface; $text-warning and $text-accent are
    # the text colours (made legible by the app).
    from comparison_doubles import CompareLibrary

    from conftest import CompareHost
    from reader.tui.legible import legible

    class LegibleHost(CompareHost):
        def get_css_variables(self) -> dict[str, str]:
            return legible(super().get_css_variables())

    app = LegibleHost(CompareLibrary())
    async with drive(app, (140, 40)) as pilot:
        app.theme = "textual-light"
        await settle(pilot)
        figures = drawn(app, "Eight", whole=True) + drawn(app, "Seven", whole=True)
        assert len(figures) == 2
        assert min(ratio for _, ratio in figures) >= 4.5, figures


def picture(app) -> list[tuple[int, str, str]]:
    """Every piece of text on screen, with its line and its style."""
    return [
        (y, segment.text, str(segment.style))
        for y, strip in enumerate(app.screen._compositor.render_strips())
        for segment in strip
        if segment.text.strip()
    ]


async def test_a_theme_picked_while_running_draws_as_it_does_from_the_start():
    # The list's counts, unread marks and dates, the quotes' speakers and the results' matches
    # kept the old theme's colours (textual-dark's white counts on textual-light's grey, 1.6:1).
    async def drawn_in(theme: str, first: str, keys: tuple[str, ...]) -> list:
        app = ReaderApp(double_library(), theme=first)
        async with drive(app, (110, 32)) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, *keys)
            if app.theme != theme:
                app.theme = theme
                await settle(pilot)
            return picture(app)

    for keys in (("enter", "j", "enter"), ("slash", *"minister", "down")):
        from_the_start = await drawn_in("textual-light", "textual-light", keys)
        switched = await drawn_in("textual-light", "textual-dark", keys)
        assert switched == from_the_start, [(a, b) for a, b in zip(switched, from_the_start) if a != b][:5]


def test_the_linux_consoles_stand_ins_are_ascii_one_for_one():
    from reader.tui.console_glyphs import GLYPHS, is_linux_console

    drawing = [chr(code) for code in range(0x2500, 0x25A0)] + list("★●◀▶▼⟨⟩")
    assert all(ord(char) in GLYPHS for char in drawing)
    assert all(len(glyph) == 1 and glyph.isascii() and glyph.isprintable() for glyph in GLYPHS.values())
    # the marks that say different things stay apart
    bars = {"▌": "focus, one outlet", "┃": "difference shown", "║": "its counterpart", "╏": "told elsewhere"}
    assert len({GLYPHS[ord(bar)] for bar in bars}) == len(bars)
    assert is_linux_console({"TERM": "linux"}) and is_linux_console({"TERM": "linux-16color"})
    assert not is_linux_console({"TERM": "xterm-256color"}) and not is_linux_console({})


async def test_on_the_linux_console_the_focus_bar_and_marks_are_ascii(monkeypatch):
    # Its font lacks block elements and heavy lines: the focus bar `▌` came out as a diamond.
    from rich.cells import cell_len

    monkeypatch.setenv("TERM", "linux")
    app = ReaderApp(double_library())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        tree, reader = screen.query_one("#tree"), screen.reader
        await press_and_settle(pilot, "enter", "j", "enter")
        assert set(left_edge(app, tree)) == {"#"} and set(left_edge(app, reader)) == {" "}
        await press_and_settle(pilot, "tab")
        assert set(left_edge(app, tree)) == {" "} and set(left_edge(app, reader)) == {"#"}
        lines = [strip.text for strip in screen._compositor.render_strips()]
        drawn_glyphs = {char for line in lines for char in line if 0x2500 <= ord(char) < 0x25A0 or char in "★▶▼"}
        assert not drawn_glyphs, drawn_glyphs
        assert all(cell_len(line) == 100 for line in lines)
        assert "Minister visits Budapest" in "\n".join(lines)


def test_glyphs_no_console_font_has_get_a_stand_in_and_keys_are_spelt_out():
    # console-setup's fonts (Lat15, Lat2, Uni2, Uni3; Fixed, VGA, Terminus) lack all of these.
    from reader.tui.console_glyphs import GLYPHS, ascii_key_display

    assert all(ord(char) in GLYPHS for char in "↔★☆◉⟨⟩")
    assert ascii_key_display("⏎") == "enter" and ascii_key_display("shift+⏎") == "shift+enter"
    assert ascii_key_display("⌫") == "backspace" and ascii_key_display("↓") == "↓"


def test_reader_glyphs_overrides_term_and_a_bad_value_is_said():
    from reader.tui.console_glyphs import ascii_glyphs_wanted

    assert ascii_glyphs_wanted({"TERM": "screen", "READER_GLYPHS": "ascii"}) == (True, None)
    assert ascii_glyphs_wanted({"TERM": "linux", "READER_GLYPHS": " Unicode "}) == (False, None)
    assert ascii_glyphs_wanted({"TERM": "linux", "READER_GLYPHS": ""}) == (True, None)
    wanted, problem = ascii_glyphs_wanted({"TERM": "linux", "READER_GLYPHS": "[b]x\x1b"})
    assert wanted and problem == "READER_GLYPHS: expected ascii or unicode, not '[b]x\\x1b'; going by TERM"


def drawn_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def box_and_block_glyphs(drawn: str) -> set[str]:
    return {char for char in drawn if 0x2500 <= ord(char) < 0x25A0}


async def search_footer(monkeypatch, term: str, glyphs: str | None) -> tuple[str, list[str]]:
    """What the screen shows once a search has results (its footer names Enter), and the notices
    given meanwhile: each recorded as it is given, not read from those still on screen (a start-up
    notice lives 10 s, and on a loaded machine the typed search took longer: gone, the test failed)."""
    monkeypatch.setenv("TERM", term)
    if glyphs is not None:
        monkeypatch.setenv("READER_GLYPHS", glyphs)
    given: list[str] = []
    notify = ReaderApp.notify

    def recorded(app, message, **options):
        given.append(str(message))
        notify(app, message, **options)

    monkeypatch.setattr(ReaderApp, "notify", recorded)
    app = ReaderApp(double_library())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"minister")
        return drawn_text(app), given


async def test_on_the_linux_console_the_footer_spells_enter_out(monkeypatch):
    # The footer's `⏎ Open` came out as a diamond: no console font has ⏎.
    drawn, _ = await search_footer(monkeypatch, "linux", None)
    assert "enter Open" in drawn and "⏎" not in drawn
    drawn, _ = await search_footer(monkeypatch, "xterm-256color", None)
    assert "⏎ Open" in drawn


async def test_reader_glyphs_ascii_draws_the_stand_ins_under_any_term(monkeypatch):
    # tmux or screen on the console says TERM=screen: the font is still the console's.
    drawn, notices = await search_footer(monkeypatch, "screen", "ascii")
    assert "enter Open" in drawn and not box_and_block_glyphs(drawn)
    assert notices == []
    drawn, _ = await search_footer(monkeypatch, "linux", "unicode")
    assert "⏎ Open" in drawn and box_and_block_glyphs(drawn)


async def test_a_bad_reader_glyphs_is_said_and_term_decides(monkeypatch):
    drawn, notices = await search_footer(monkeypatch, "linux", "yes")
    assert "enter Open" in drawn
    assert "READER_GLYPHS: expected ascii or unicode, not 'yes'; going by TERM" in notices


async def test_on_the_linux_console_the_palettes_icon_is_ascii(monkeypatch):
    # Textual's 🔎 before the palette's prompt: no console font has it.
    for term, icon in (("linux", ">"), ("xterm-256color", "🔎")):
        monkeypatch.setenv("TERM", term)
        app = ReaderApp(double_library())
        async with drive(app, (100, 30)) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "ctrl+p")
            prompt = next(line for line in drawn_text(app).splitlines() if "Open an article" in line)
            assert prompt.split()[0] == icon, prompt


async def test_on_the_linux_console_the_compare_bars_stay_apart():
    from comparison_doubles import CompareLibrary

    from conftest import CompareHost
    from reader.tui.console_glyphs import ConsoleGlyphs
    from reader.tui.widgets.compare_view import CompareCell, CompareRow

    class ConsoleHost(CompareHost):
        def get_line_filters(self):
            return [*super().get_line_filters(), ConsoleGlyphs()]

    app = ConsoleHost(CompareLibrary())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "right_square_bracket")
        first, last = app.screen.query_one("CompareBody").current
        edges = {}
        for row in app.screen.query(CompareRow):
            for cell in row.query(CompareCell):
                if cell.display and cell.size.height:
                    edges.setdefault(first <= row.index <= last, set()).update(cell_edges(cell)[0])
        assert edges[True] == {">"}, edges  # the difference shown (┃)
        assert ">" not in edges[False] and "#" in edges[False], edges  # a one-outlet bar (▌)


def text_under_aa(app) -> list[tuple[str, float]]:
    """Every piece of text on screen (not a border or a bar) that reads under 4.5:1, with its
    ratio (the colours as drawn: a reversed piece's text is its background colour)."""
    low = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if not any(char.isalnum() for char in segment.text) or style is None:
                continue
            if style.color and style.bgcolor:
                text, under = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
                ratio = contrast(text, under)
                if ratio < 4.5:
                    low.append((segment.text, round(ratio, 2)))
    return low


async def test_text_on_a_cursor_a_blurred_cursor_and_the_panels_reads_at_aa():
    # nord: the quotes' speaker (the accent) on the panel's cursor, 1.04:1; catppuccin-frappe: a
    # row under the list's cursor once the article has the focus, 3.85:1, the status bar 3.7:1.
    for theme in ("nord", "catppuccin-frappe"):
        app = ReaderApp(double_library(), theme=theme)
        async with drive(app, (110, 32)) as pilot:
            await settle(pilot)
            for keys in (("enter", "j", "enter"), ("tab",), ("tab",)):  # the list, the article, the quotes
                await press_and_settle(pilot, *keys)
                assert not text_under_aa(app), (theme, app.focused, text_under_aa(app))


async def test_shared_quotes_and_the_sentence_selected_read_at_aa_in_the_comparison():
    # A shared quotation's tint: 3.46:1 in catppuccin-frappe, 3.2:1 in catppuccin-latte.
    from comparison_doubles import CompareLibrary

    from conftest import CompareHost
    from reader.tui.legible import LegibleText, legible

    class LegibleHost(CompareHost):  # as ReaderApp draws
        def get_css_variables(self) -> dict[str, str]:
            return legible(super().get_css_variables())

        def get_line_filters(self):
            return [*super().get_line_filters(), LegibleText()]

    for theme in ("catppuccin-frappe", "catppuccin-latte"):
        app = LegibleHost(CompareLibrary())
        async with drive(app, (140, 40)) as pilot:
            app.theme = theme
            await settle(pilot)
            for keys in (("right_square_bracket",), ("m", "right_square_bracket")):
                await press_and_settle(pilot, *keys)
                assert not text_under_aa(app), (theme, keys, text_under_aa(app))


def test_the_text_filter_leaves_legible_text_borders_and_the_terminals_colours_alone():
    from rich.segment import Segment
    from rich.style import Style as RichStyle
    from textual.color import Color

    from reader.tui.legible import LegibleText

    legible_text = LegibleText()
    readable = Segment("text", RichStyle(color="#ffffff", bgcolor="#000000"))
    border = Segment("▔▔▔ ▕", RichStyle(color="#333333", bgcolor="#303030"))
    terminals = Segment("text", RichStyle(color="red", bgcolor="default"))
    faint = Segment("text", RichStyle(color="#777777", bgcolor="#666666", bold=True))
    reversed_faint = Segment("text", RichStyle(color="#666666", bgcolor="#777777", reverse=True))
    out = legible_text.apply([readable, border, terminals, faint, reversed_faint], Color(0, 0, 0))
    assert out[:3] == [readable, border, terminals]
    assert out[3].style.bold and out[3].style.bgcolor == faint.style.bgcolor
    assert contrast(out[3].style.color, out[3].style.bgcolor) >= 4.5
    assert out[4].style.color == reversed_faint.style.color  # reversed: its text is its background
    assert contrast(out[4].style.bgcolor, out[4].style.color) >= 4.5


async def test_the_screen_under_the_help_stays_dimmed():
    # The text filter raised what the help leaves in sight of the list (dimmed: it answers no
    # keys) back to full contrast.
    app = ReaderApp(double_library())
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        before = drawn(app, "Filter: words")
        await press_and_settle(pilot, "question_mark")
        behind = drawn(app, "Filter: words")  # the filter box's placeholder, left in sight
        assert before and behind
        assert max(ratio for _, ratio in behind) < 4.5 <= min(ratio for _, ratio in before), (before, behind)


async def test_under_no_color_the_coverage_grid_has_the_focus_bar_and_its_cursor_cell_is_reversed(monkeypatch):
    # Its cursor was only bold on grey (a bold mark under it looked like every other mark) and the
    # grid, alone of the lists, had no focus bar.
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(double_library())
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "v", "j", "l")
        grid = app.screen.grid
        assert app.focused is grid and app.no_color
        assert set(left_edge(app, grid)) == {"▌"}
        strips = app.screen._compositor.render_strips()
        region = grid.content_region
        reversed_cells = [
            (y, segment.text)
            for y in range(region.y, region.bottom)
            for segment in strips[y].crop(region.x, region.right)
            if segment.style is not None and segment.style.reverse
        ]
        cursor_y = region.y + 1 + grid.cursor_row - int(grid.scroll_offset.y)  # under the header row
        assert reversed_cells and {y for y, _ in reversed_cells} == {cursor_y}, reversed_cells
        assert (
            "".join(text for _, text in reversed_cells).strip()
            == grid.cell(grid.cursor_row, grid.cursor_column)[0].strip()
        )
