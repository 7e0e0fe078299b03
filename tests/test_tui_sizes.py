"""The app at the terminal sizes people use (80x24, 60x20, 40x15, 250x60) and across resizes."""

from __future__ import annotations

import pytest

from conftest import CompareHost, double_library, drive, press_and_settle, screen_text, settle
from comparison_doubles import CompareLibrary
from reader.tui.focus import focus_now
from reader.tui.widgets.footer import ReaderFooter


async def test_compact_footer_palette_key_reaches_the_right_edge():
    """The compare screen's compact footer: the palette key, docked right, covers the last column
    (Textual's compact margin left it to the keys scrolled under it: "^p Open…r"). At 80 columns:
    at 60 the comparison's keys take the room and the palette key gives way."""
    app = CompareHost(CompareLibrary())
    async with drive(app, (80, 20)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(ReaderFooter)
        assert footer.compact
        palette = footer.query_one(".-command-palette")
        assert palette.region.right == app.size.width


async def test_the_source_list_hidden_for_a_narrow_terminal_comes_back_when_it_widens(library_double):
    """An article opened in 60 columns takes the whole width; widened to 250 columns the list
    stayed hidden (the article alone, a list nobody had closed gone); narrowed again while
    reading, the article gets the width back. b switches the one pane to the list, and what it
    chose stands while the terminal stays narrow."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, (60, 20)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "enter", "down", "enter")  # open the first group, then its first article
        assert screen.reader.article is not None
        assert screen.has_class("-no-sidebar") and app.focused is screen.reader
        await pilot.resize_terminal(250, 60)
        await settle(pilot)
        assert not screen.has_class("-no-sidebar")
        assert screen.source_list.region.width > 0 and screen.reader.region.width > 0
        assert app.focused is screen.reader, app.focused
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.has_class("-no-sidebar")  # read in a narrow terminal again
        await press_and_settle(pilot, "b")  # the list, in the article's place
        assert app.focused is screen.source_list and screen.source_list.region.width == 80
        assert screen.reader.region.width == 0
        await pilot.resize_terminal(70, 24)  # narrower, still narrow: b's choice stands
        await settle(pilot)
        assert not screen.has_class("-no-sidebar") and app.focused is screen.source_list


LONG_TITLE = "Minister visits Budapest for the summit talks on energy and trade"


def _long_titles():
    from conftest import Doc, LibraryDouble

    lib = double_library()
    assert isinstance(lib, LibraryDouble)
    for n in range(12):  # more rows than a 15-row terminal shows
        lib.add(Doc(f"z{n:02}", "Daily Planet", f"{LONG_TITLE} ({n})", f"2025-09-{n + 1:02}", "Some text."))
    return lib


def _row_of(app, title_start: str) -> str:
    return next(line for line in screen_text(app).splitlines() if title_start in line)


async def test_one_pane_below_90_columns_the_list_and_then_the_article_each_take_the_width():
    """At 40 columns the source list beside the reader showed dates and "Minister…": no title
    could be read. Below 90 columns one pane is shown, as newsboat does: the list the whole
    width, an article opened the whole width, Escape back to the list with the cursor on that
    article; from 90 columns on, the two panes side by side. It follows the terminal's resizes."""
    from reader.tui.app import ReaderApp

    for size, one_pane in (((40, 20), True), ((60, 20), True), ((80, 24), True), ((100, 30), False)):
        app = ReaderApp(_long_titles())
        async with drive(app, size) as pilot:
            await settle(pilot)
            screen = app.screen
            tree = screen.source_list
            await press_and_settle(pilot, "enter")  # open the first outlet (Daily Planet)
            row = _row_of(app, "Minister visits")
            if one_pane:
                assert tree.region.width == size[0] and screen.reader.region.width == 0, size
                assert "Minister visits Budapest" in row, (size, row)  # a title one reads
            else:
                assert 0 < tree.region.width < size[0] and screen.reader.region.width > 0, size
            await press_and_settle(pilot, "down", "down", "down")
            chosen = tree.cursor_article()
            await press_and_settle(pilot, "enter")
            assert screen.reader.article is not None and screen.reader.article.id == chosen
            assert app.focused is (screen.reader if one_pane else tree)  # beside it, j/k go on browsing
            if one_pane:
                assert screen.reader.region.width == size[0] and tree.region.width == 0, size
            else:
                assert tree.region.width > 0, size
            await press_and_settle(pilot, "escape")
            assert app.focused is tree and tree.cursor_article() == chosen, size
            assert tree.region.width == (size[0] if one_pane else tree.region.width) > 0

    # Live: the layout follows the terminal across 90 columns, the focused pane kept.
    app = ReaderApp(_long_titles())
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        tree = screen.source_list
        await press_and_settle(pilot, "enter", "down", "enter", "tab")  # open an article, into it
        assert app.focused is screen.reader and tree.region.width > 0
        await pilot.resize_terminal(40, 20)  # reading: the article stays, alone
        await settle(pilot)
        assert screen.reader.region.width == 40 and tree.region.width == 0 and app.focused is screen.reader
        await press_and_settle(pilot, "escape")
        assert tree.region.width == 40 and screen.reader.region.width == 0 and app.focused is tree
        await pilot.resize_terminal(120, 30)  # both again, the focus in the list
        await settle(pilot)
        assert tree.region.width > 0 and screen.reader.region.width > 0 and app.focused is tree
        await pilot.resize_terminal(50, 20)  # browsing: the list alone
        await settle(pilot)
        assert tree.region.width == 50 and screen.reader.region.width == 0 and app.focused is tree


async def test_one_pane_keys_that_belong_to_the_article_show_it(library_double):
    """In one pane with the list shown, ' (quotes) and n (next match) acted on the article hidden
    behind the list: nothing seemed to happen. They show the article first."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, (50, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("a1")  # it has a quotation
        await settle(pilot)
        await press_and_settle(pilot, "escape")  # back to the list
        assert screen.reader.region.width == 0
        await press_and_settle(pilot, "apostrophe")
        assert screen.reader.region.width == 50 and screen.quotes_panel.region.height > 0
        assert app.focused is screen.quotes_panel
        await press_and_settle(pilot, "escape")
        assert app.focused is screen.source_list and screen.quotes_panel.region.width == 0


async def test_stacked_sync_panes_carry_the_bars_of_their_sides():
    """Both articles whole in a narrow terminal: one above the other, each with the bar its
    title has (solid: left, dashed: right); the panes had none, so nothing said which was which."""
    app = CompareHost(CompareLibrary())
    async with drive(app, (40, 15)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "m")
        screen = app.screen
        left, right = screen.sync.panes
        assert left.region.y < right.region.y
        for pane, title in ((left, "#compare-title-left"), (right, "#compare-title-right")):
            bar = pane.styles.border_left
            assert bar[0] and bar == screen.query_one(title).styles.border_left
        assert left.styles.border_left != right.styles.border_left


async def test_lists_survive_a_terminal_a_few_columns_wide(library_double):
    """An article with quotations open (the quotes panel shown), then the terminal cut to a few
    columns (a narrow tmux pane): Textual's OptionList raised ValueError laying out its options
    in no columns, and the app died. The search results list is one too."""
    from reader.tui.app import ReaderApp

    for keys in ((), ("slash", *"budapest")):
        app = ReaderApp(library_double)
        async with drive(app, (100, 30)) as pilot:
            await settle(pilot)
            app.screen.open_article("a1")
            await settle(pilot)
            assert app.screen.quotes_panel.display
            await press_and_settle(pilot, *keys)
            for width in (12, 6, 1, 40):
                await pilot.resize_terminal(width, 25)
                await settle(pilot)
                assert app.is_running, (keys, width)


LONG_OUTLETS = {
    "c1": "The Extraordinarily Long-Named Daily Chronicle of Northern Provincial Affairs",
    "c2": "The Extraordinarily Long-Named Evening Herald",
    "c3": "Fox News",
}


def _long_outlet_story():
    from conftest import Doc, LibraryDouble, StoryDouble

    lib = LibraryDouble()
    for article_id, outlet in LONG_OUTLETS.items():
        title = f"Council approves the budget after a long debate ({article_id})"
        lib.add(Doc(article_id, outlet, title, "2024-03-01", "The council approved the budget."))
    lib.story_list = [StoryDouble("s1", "Council approves the budget", list(LONG_OUTLETS))]
    return lib


async def test_a_storys_rows_tell_long_outlet_names_apart_at_every_size():
    """Grouped by story, a row showed "The…" for an outlet named "The Extraordinarily …" (the
    cut fell between words, the title gone): every row of the story read the same. The outlet
    is cut inside its words instead, and in a narrow list the dates give way first."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(_long_outlet_story())
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "g")
        tree = app.screen.source_list
        tree.focus()
        await press_and_settle(pilot, "home")  # the one story opens itself (a list of one group)
        # 40 columns show titles too: the list has the whole width there (one pane). At 80 the
        # names cut at 30 cells both read "The Extraordinarily Long…" until cut at their start
        # and last word.
        for size, shows_title in (((80, 24), True), ((60, 20), True), ((40, 15), True), ((120, 30), True)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            rows = [line for line in screen_text(app).splitlines() if line.lstrip(" ▌").startswith(("├", "└"))]
            assert len(rows) == 3, (size, rows)
            starts = [row.split("•", 1)[-1].split(" · ")[0].strip() for row in rows]
            assert len(set(starts)) == 3 and all(len(s) >= 8 for s in starts), (size, rows)
            assert all(("· Co" in row) == shows_title for row in rows), (size, rows)


async def test_a_search_result_opened_narrow_takes_the_width_and_escape_brings_the_results_back(library_double):
    """In 40 columns an article opened from the search results shared the width with them (22
    columns of text); one opened from the list had it all. And with the side hidden while the
    results were there (b), Escape went to the source list, hidden too: the focus was nowhere."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, (40, 15)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "slash", *"budapest")
        await press_and_settle(pilot, "enter")  # the top result
        assert screen.reader.article is not None and app.focused is screen.reader
        assert screen.has_class("-no-sidebar") and screen.reader.region.width == 40
        await press_and_settle(pilot, "escape")
        results = screen.search_panel.result_list
        assert not screen.has_class("-no-sidebar") and app.focused is results and results.region.width > 0
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "slash", *"budapest")
        await press_and_settle(pilot, "enter", "b")  # read it, the side hidden
        assert screen.has_class("-no-sidebar")
        await press_and_settle(pilot, "escape")
        results = screen.search_panel.result_list
        assert not screen.has_class("-no-sidebar") and app.focused is results and results.region.width > 0
        await press_and_settle(pilot, "escape")  # then out of the search, to the list
        assert app.focused is screen.source_list and screen.source_list.region.width > 0


async def test_the_status_line_and_the_search_hint_say_when_they_are_cut(library_double):
    """Both wrapped, and the rows past their height were cut with no sign: "Fox News ·" alone in
    the status bar of a 40-column terminal, the hint stopped at "↓ or"."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, (40, 15)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "slash", *"budapest")
        # After the search: while one is typed, the status line says what it finds.
        screen.status.say("Daily Planet · Minister visits Budapest for the summit talks")
        screen.status.working("preparing comparisons 1/180")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        status, work = lines[-2].split("…", 1)
        # (the work's label takes a shorter wording that fits, progress_words, rather than a cut)
        assert status.strip() == "Daily Planet · Min" and work.strip() == "comparisons 1/180"
        # The search has the whole width of 40 columns (one pane): its hint fits there; at 30 it is
        # cut (in 24 rows: in 15 it takes one, tests/test_tui_search_small.py).
        await pilot.resize_terminal(30, 24)
        await settle(pilot)
        lines = screen_text(app).splitlines()
        hint = screen.query_one("#search-hint")
        assert hint.region.height == 3
        rows = [line[hint.region.x : hint.region.right] for line in lines[hint.region.y : hint.region.bottom]]
        assert rows[0].strip().startswith("2 results.") and rows[-1].rstrip().endswith("…"), rows


def test_long_outlet_names_that_start_alike_stay_apart_in_a_storys_rows():
    """Cut at 30 cells between words, "The Extraordinarily Long-Named Daily Chronicle…" and "The
    Extraordinarily Long-Named Evening Herald" both read "The Extraordinarily Long…" in a wide list."""
    from reader.tui.widgets.source_list import _row_outlet

    cut = {_row_outlet(name) for name in LONG_OUTLETS.values()}
    assert len(cut) == 3 and all(len(name) <= 30 for name in cut), cut
    assert _row_outlet("Fox News") == "Fox News"


def test_two_sites_of_a_shared_host_stay_apart_in_a_storys_rows():
    """Cut at 30 cells, "sites.google.com/a/example.edu/chess" and "sites.google.com/a/example.edu/choir"
    both read "sites.google.com/a/example.ed…": the site's end stays, as in `reader list`."""
    from reader.tui.widgets.source_list import _outlet_cut, _row_outlet

    cut = {_row_outlet(f"sites.google.com/a/example.edu/{site}") for site in ("chess", "choir")}
    assert cut == {"sites.google.com/a/examp…chess", "sites.google.com/a/examp…choir"}, cut
    assert _outlet_cut("sites.google.com/view/riverside-club", 20) == "sites…riverside-club"


async def test_an_opened_group_longer_than_the_list_has_no_horizontal_scrollbar():
    """The rows were measured before the vertical scrollbar appeared (the group just opened), two
    cells too wide: a horizontal scrollbar took the list's last line, for two blank cells."""
    from reader.tui.app import ReaderApp

    for size in ((40, 15), (80, 16), (120, 16)):
        app = ReaderApp(_long_titles())
        async with drive(app, size) as pilot:
            await settle(pilot)
            tree = app.screen.source_list
            await press_and_settle(pilot, "enter")
            assert tree.show_vertical_scrollbar, size
            assert not tree.show_horizontal_scrollbar, (size, tree.virtual_size, tree.scrollable_content_region)


async def test_the_welcome_in_one_pane_does_not_point_at_a_list_on_the_left(library_double):
    """In one pane b shows the reader pane alone, and its welcome said "Choose an article on
    the left": there is nothing on the left."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, (60, 20)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "b")
        assert app.screen.reader.region.width == 60
        text = screen_text(app)
        assert "Choose an article in the list" in text and "on the left" not in text


async def test_one_pane_escape_from_a_search_opened_over_the_article_goes_back_to_it(library_double):
    """In one pane, / over the open article then Escape landed on the list, not the article the
    search was opened from: Escape goes back one step. A search left after opening another
    article from it still ends on the list."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, (60, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("a1")
        await settle(pilot)
        assert screen.has_class("-no-sidebar") and app.focused is screen.reader
        await press_and_settle(pilot, "slash")
        assert screen.reader.region.width == 0
        await press_and_settle(pilot, "escape")
        assert screen.reader.region.width == 60 and app.focused is screen.reader
        assert screen.reader.article is not None and screen.reader.article.id == "a1"
        await press_and_settle(pilot, "escape")  # and then to the list, as before
        assert app.focused is screen.source_list and screen.reader.region.width == 0


async def test_one_pane_escape_from_the_quotes_opened_over_the_article_goes_back_to_it(library_double):
    """In one pane, the quotes panel opened over the article: Escape skipped the article and
    showed the list. It goes back one step, to the article (from the list, to the list:
    test_one_pane_keys_that_belong_to_the_article_show_it)."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, (50, 16)) as pilot:  # too short to show the quotes unasked
        await settle(pilot)
        screen = app.screen
        screen.open_article("a1")  # it has a quotation
        await settle(pilot)
        assert app.focused is screen.reader and not screen.quotes_panel.display
        await press_and_settle(pilot, "apostrophe")
        assert app.focused is screen.quotes_panel
        await press_and_settle(pilot, "escape")
        assert app.focused is screen.reader and screen.reader.region.width == 50
        await press_and_settle(pilot, "escape")
        assert app.focused is screen.source_list


@pytest.mark.parametrize("size", [(60, 24), (100, 30)])
async def test_escape_from_the_quotes_opened_from_the_results_goes_back_to_the_row_they_were_on(size):
    """' pressed in the search results, their cursor moved off the open article: Escape from the
    quotes put the cursor back on the open article's row, not where the user had left it (in one
    pane and beside the article alike). One step back: to the results, the cursor where it was.
    (' there shows the quotes of the cursor's article, as u, s, c, o and y act on it: it used to
    show the open article's, which this test asserted.)"""
    from conftest import QuoteDouble
    from reader.tui.app import ReaderApp

    library = double_library()
    assert library.docs["b1"].text.startswith("The summit in Budapest is off")
    library.quotes_by_id["b1"] = [QuoteDouble("The summit in Budapest is off", 0, 29, "officials")]
    app = ReaderApp(library)
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "slash", *"budapest")
        results = screen.search_panel.result_list
        assert results.option_count == 2
        await press_and_settle(pilot, "enter")  # the top result, a1, which has a quotation
        assert screen.reader.article is not None and screen.reader.article.id == "a1"
        await press_and_settle(pilot, "escape")  # back to the results, on a1's row
        assert app.focused is results and results.highlighted == 0
        await press_and_settle(pilot, "down")  # the user moves on to the next result, b1
        assert results.highlighted == 1
        await press_and_settle(pilot, "apostrophe")
        assert screen.reader.article is not None and screen.reader.article.id == "b1"
        assert app.focused is screen.quotes_panel
        await press_and_settle(pilot, "escape")
        assert app.focused is results and results.region.width > 0
        assert results.highlighted == 1, "the cursor went back to the open article's row"


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_article_opened_again_from_the_list_is_where_the_reader_left_it(library_double, size):
    """Read halfway down, Escape to the list (its cursor on the article), Enter on it again: the
    article came back at its top, the place lost. Opened again unchanged, it is where it was."""
    from conftest import Doc
    from reader.tui.app import ReaderApp

    paragraphs = [f"Paragraph {n} of the long report on the harbour works and what they cost." for n in range(80)]
    library_double.add(Doc("long", "Daily Planet", "Harbour report", "2025-10-22", "\n\n".join(paragraphs)))
    app = ReaderApp(library_double)
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("long")
        await settle(pilot)
        focus_now(screen.reader)
        reader = screen.reader
        for _ in range(3):
            await pilot.press("pagedown")
        await settle(pilot)
        left_at = reader.scroll_y
        assert left_at > 10
        await press_and_settle(pilot, "escape")  # to the list, its cursor on the article
        assert app.focused is screen.source_list and screen.source_list.cursor_article() == "long"
        await press_and_settle(pilot, "enter")
        assert reader.article is not None and reader.article.id == "long"
        assert abs(reader.scroll_y - left_at) <= 1, (reader.scroll_y, left_at)
        screen.open_article("a1")  # another article starts at its top, as ever
        await settle(pilot)
        assert reader.scroll_y == 0


async def test_one_pane_escape_from_the_empty_filter_opened_over_the_article_goes_back_to_it(library_double):
    """In one pane, f over the open article then Escape with nothing typed landed on the list:
    Escape goes back one step, to the article, as from a search opened over it. A filter typed
    is cleared first (the whole list back, as before); f opened from the list goes back to it."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, (60, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        filter_box = screen.query_one("#filter")
        screen.open_article("a1")
        await settle(pilot)
        assert screen.has_class("-no-sidebar") and app.focused is screen.reader
        await press_and_settle(pilot, "f")
        assert app.focused is filter_box and screen.reader.region.width == 0
        await press_and_settle(pilot, "escape")
        assert screen.reader.region.width == 60 and app.focused is screen.reader
        assert screen.reader.article is not None and screen.reader.article.id == "a1"
        await press_and_settle(pilot, "escape")  # and then to the list, as before
        assert app.focused is screen.source_list and screen.reader.region.width == 0
        # From the list, f then Escape stays on the list.
        await press_and_settle(pilot, "f")
        await press_and_settle(pilot, "escape")
        assert app.focused is screen.source_list and screen.reader.region.width == 0
        # A filter typed over the article: Escape clears it and shows the whole list.
        screen.open_article("a1")
        await settle(pilot)
        await press_and_settle(pilot, "f", "z", "z", "z")
        await press_and_settle(pilot, "escape")
        assert filter_box.value == "" and app.focused is screen.source_list


@pytest.mark.parametrize("key", ["slash", "f"])
async def test_one_pane_escape_from_a_search_or_filter_opened_over_the_quotes_goes_back_to_them(library_double, key):
    """In one pane, / or f pressed in the quotes panel, then Escape: the focus came back to the
    article, not to the panel it left (the help, the palette and the comparison come back to it)."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, (60, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("a1")
        await settle(pilot)
        await press_and_settle(pilot, "apostrophe")
        assert app.focused is screen.quotes_panel
        await press_and_settle(pilot, key)
        assert screen.reader.region.width == 0
        await press_and_settle(pilot, "escape")
        assert screen.reader.region.width == 60 and app.focused is screen.quotes_panel
        # From the article itself, back to the article, as before.
        await press_and_settle(pilot, "shift+tab")
        assert app.focused is screen.reader
        await press_and_settle(pilot, key, "escape")
        assert app.focused is screen.reader


def _library_with_two_quoted_articles():
    """The double library, b1 given a quotation too (a1 has one)."""
    from conftest import QuoteDouble

    library = double_library()
    assert library.docs["b1"].text.startswith("The summit in Budapest is off")
    library.quotes_by_id["b1"] = [QuoteDouble("The summit in Budapest is off", 0, 29, "officials")]
    return library


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_quotes_key_in_the_list_shows_the_quotes_of_the_article_under_the_cursor(size):
    """In the list, the cursor on another article than the open one: ' showed the open article's
    quotes, while u, s, c, o and y act on the cursor's article. It opens that article (as Enter
    would) and shows its quotes; Escape goes back to the list, the cursor on that row."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(_library_with_two_quoted_articles())
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        tree = screen.source_list
        screen.open_article("a1")
        await settle(pilot)
        await press_and_settle(pilot, "escape")  # to the list (one pane: it takes the article's place)
        assert app.focused is tree
        tree.reveal("b1")
        await settle(pilot)
        assert tree.cursor_article() == "b1"
        await press_and_settle(pilot, "apostrophe")
        assert screen.reader.article is not None and screen.reader.article.id == "b1"
        panel = screen.quotes_panel
        assert app.focused is panel and panel.region.height > 0
        assert [quote.text for quote in panel.quotes] == ["The summit in Budapest is off"]
        await press_and_settle(pilot, "escape")
        assert app.focused is tree and tree.region.width > 0 and tree.cursor_article() == "b1"


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_quotes_key_goes_to_the_quotes_shown_and_hides_them_from_there(size):
    """The quotes panel shown, ' pressed outside it (the article alone in one pane, the list in
    two) hid it: the user wanted to go to it. The first press goes there; a press in the panel
    hides it, the focus back where it was; one more shows it again."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(double_library())
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("a1")  # it has a quotation
        await settle(pilot)
        panel = screen.quotes_panel
        was_on = app.focused
        assert panel.region.height > 0 and was_on is not panel
        assert was_on is (screen.reader if screen.one_pane else screen.source_list)
        await press_and_settle(pilot, "apostrophe")
        assert app.focused is panel and panel.region.height > 0
        await press_and_settle(pilot, "apostrophe")
        assert not panel.display and app.focused is was_on
        await press_and_settle(pilot, "apostrophe")
        assert app.focused is panel and panel.region.height > 0


async def test_the_source_list_grows_with_a_wide_terminal_within_bounds():
    """At 200x60 the list stayed 60 columns, cutting titles at "for the summit…", while the
    article had 140: it takes 40% of the width up to 90 columns, as wide as before up to 150
    columns, and the article keeps the rest (more than the 100 columns of its text)."""
    from reader.tui.app import ReaderApp

    for (width, height), wanted in (((100, 30), 40), ((150, 40), 60), ((200, 60), 80), ((250, 60), 90)):
        app = ReaderApp(_long_titles())
        async with drive(app, (width, height)) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "enter", "down", "enter")
            screen = app.screen
            assert screen.query_one("#sidebar").region.width == wanted, (width, wanted)
            assert screen.reader.region.width == width - wanted
            if width >= 200:
                assert LONG_TITLE[:56] in _row_of(app, "Minister visits Budapest for")


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_a_progress_bar_under_90_columns_leaves_the_status_line_its_room(library_double, size):
    """A fetch or an index update while the comparisons were being prepared: the note at the right
    and a full progress bar left the line one cell at 80 columns ("Fetc…"), and at 60 pushed the
    bar off the screen. The bar is shorter there and the note steps aside while it shows."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_double)
    async with drive(app, size) as pilot:
        await settle(pilot)
        status = app.screen.status
        status.working("preparing comparisons 120/180")
        status.progress(1, 3)
        status.say("Fetching 1/3 feeds (R stops) http://example.org/feed.xml")
        await settle(pilot)
        line = status.query_one("#status-text")
        assert line.region.width >= 40
        assert status.query_one("#status-progress").region.right <= size[0]
        assert "Fetching 1/3 feeds (R stops)" in screen_text(app).splitlines()[-2]
        status.idle()  # the work done: the note is back
        await settle(pilot)
        assert status.query_one("#status-work").region.width > 0
        assert "preparing comparisons 120/180" in screen_text(app).splitlines()[-2]


async def test_a_storys_rows_cut_an_outlet_at_its_end_or_show_it_whole():
    """At 120x40, grouped by story, a row read "The New Yor…Times · Battl…": "The New York Times"
    cut in its middle and continued, to save one cell. An outlet of 30 cells or fewer is whole,
    or cut at its end ("The New York Ti…"), at every size."""
    from conftest import Doc, LibraryDouble, StoryDouble
    from reader.tui.app import ReaderApp

    import re

    outlets = {"n1": "The New York Times", "n2": "Fox News", "n3": "HuffPost"}
    lib = LibraryDouble()
    for article_id, outlet in outlets.items():
        title = f"Battle over the Medicare plan heats up in the campaign ({article_id})"
        lib.add(Doc(article_id, outlet, title, "2012-08-14", "The campaign went on."))
    stories = [StoryDouble("s1", "Battle over Medicare", list(outlets))]
    for n in range(60):  # enough stories for the list to scroll: its scrollbar takes two cells
        for outlet in ("Fox News", "HuffPost"):
            lib.add(Doc(f"{outlet[0]}{n}", outlet, f"Other story {n}", "2012-08-13", "Another one."))
        stories.append(StoryDouble(f"o{n}", f"Other story {n}", [f"F{n}", f"H{n}"]))
    lib.story_list = stories
    app = ReaderApp(lib)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "g")
        app.screen.source_list.focus()
        await press_and_settle(pilot, "home", "enter")
        for size in ((120, 40), (100, 30), (80, 24), (60, 20), (40, 15), (30, 15)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            rows = [line for line in screen_text(app).splitlines() if line.lstrip(" ▌").startswith(("├", "└"))]
            assert len(rows) == 3, (size, rows)
            for row in rows:
                shown = re.sub(r"^\s*\d{4}-\d\d-\d\d\s+", "", row.split("•", 1)[1]).split(" · ")[0].strip(" ▕▁▎")
                name = next(name for name in outlets.values() if name.startswith(shown.rstrip("…")[:3]))
                assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1])), (size, row)
