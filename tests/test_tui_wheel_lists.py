"""The mouse wheel and the scrollbar in the lists (source list, quotes panel, search results, the
version picker): the view moves and the cursor comes along, staying on screen, so the next key
goes on from what is shown. The cursor stayed on a row scrolled away, and the next key jumped the
view back there (as it did in the coverage grid before, tests/test_tui_coverage.py)."""

from __future__ import annotations

from textual.app import App
from textual.content import Content
from textual.widgets.option_list import Option

from conftest import Doc, LibraryDouble, QuoteDouble, drive, press_and_settle, settle, wait_for, wheel
from reader.tui.app import ReaderApp
from reader.tui.widgets.following_list import FollowingOptionList
from reader.tui.widgets.source_list import SourceList


def herald(count: int = 80) -> LibraryDouble:
    library = LibraryDouble()
    for k in range(count):
        day = f"2025-{1 + k // 28:02d}-{1 + k % 28:02d}"
        library.add(Doc(f"a{k:02d}", "Herald", f"Walrus title {k:02d}", day, "A walrus again."))
    return library


async def open_group(pilot) -> SourceList:
    await settle(pilot)
    tree = pilot.app.screen.query_one(SourceList)
    assert pilot.app.focused is tree and tree.cursor_line == 0
    # a list of one outlet opens its group the first time it is shown (a newcomer's folder)
    await wait_for(pilot, lambda: tree.max_scroll_y > 20)
    return tree


def shown(widget) -> range:
    top = round(widget.scroll_y)
    return range(top, top + widget.scrollable_content_region.height)


async def test_the_source_list_cursor_comes_along_with_the_wheel_and_the_next_key_goes_on_from_there():
    app = ReaderApp(herald(), index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        tree = await open_group(pilot)
        await wheel(pilot, tree, 8)
        await settle(pilot)
        top = round(tree.scroll_y)
        assert top > 0 and tree.cursor_line == top  # on the first row shown
        await press_and_settle(pilot, "down")  # on from there: the view stays (it jumped back to the top)
        assert tree.cursor_line == top + 1 and round(tree.scroll_y) == top
        await wheel(pilot, tree, 2, up=True)  # still on screen: the cursor stays where it is
        await settle(pilot)
        assert round(tree.scroll_y) < top and tree.cursor_line == top + 1
        await wheel(pilot, tree, 40)  # to the end, then up past the cursor: on the last row shown
        await wheel(pilot, tree, 10, up=True)
        await settle(pilot)
        assert tree.cursor_line == shown(tree)[-1]
        # Enter opens the row the cursor is on, the one shown.
        article = tree.cursor_article()
        await press_and_settle(pilot, "enter")
        assert app.screen.reader.article.id == article


async def test_the_source_list_page_keys_and_scrollbar_move_the_cursor_and_view_together():
    """The cursor's own scrolls are not undone by the cursor following the view (an animated page
    scroll, its cursor not in view yet, would have pulled the cursor back at each step)."""
    app = ReaderApp(herald(), index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        tree = await open_group(pilot)
        await press_and_settle(pilot, "pagedown")
        height = tree.scrollable_content_region.height
        assert tree.cursor_line == height - 1 and tree.cursor_line in shown(tree)
        await press_and_settle(pilot, "pagedown")
        assert tree.cursor_line == 2 * (height - 1) and tree.cursor_line in shown(tree)
        await press_and_settle(pilot, "end")
        assert tree.cursor_line == tree.last_line and tree.cursor_line in shown(tree)
        await press_and_settle(pilot, "home")
        assert tree.cursor_line == 0 and tree.scroll_y == 0
        # A click on the scrollbar's track below its thumb pages the view down; the cursor comes along.
        await pilot.click(tree, offset=(tree.region.width - 1, tree.region.height - 2))
        await wait_for(pilot, lambda: tree.scroll_y > 0 and not app.animator.is_being_animated(tree, "scroll_y"))
        assert tree.cursor_line == round(tree.scroll_y)


async def test_the_search_results_cursor_comes_along_with_the_wheel():
    app = ReaderApp(herald(), index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"walrus")
        results = app.screen.search_panel.result_list
        await press_and_settle(pilot, "down")  # from the box to the results
        assert app.focused is results and results.highlighted == 0
        await wheel(pilot, results, 6)
        await settle(pilot)
        first = results._lines[round(results.scroll_y)][0]
        assert results.scroll_y > 0 and results.highlighted in (first, first + 1)  # the first shown whole
        top = results.scroll_y
        await press_and_settle(pilot, "down")
        assert results.scroll_y == top  # no jump back to the top of the list


def many_quotes(count: int = 60) -> LibraryDouble:
    library = LibraryDouble()
    paragraphs = [f'"Walrus number {k} spoke," she said.' for k in range(count)]
    text = "\n\n".join(paragraphs)
    quotes, start = [], 0
    for paragraph in paragraphs:
        quotes.append(
            QuoteDouble(paragraph[1 : paragraph.index('"', 1)], start + 1, start + paragraph.index('"', 1), "she")
        )
        start += len(paragraph) + 2
    library.add(Doc("q", "Herald", "Many quotations", "2025-10-21", text), quotes)
    return library


async def test_the_quotes_panel_highlight_comes_along_with_the_wheel():
    app = ReaderApp(many_quotes(), index_on_start=False)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        app.screen.open_article("q")
        await settle(pilot)
        panel = app.screen.quotes_panel
        assert panel.display and len(panel.quotes) == 60
        panel.focus()
        await settle(pilot)
        assert panel.highlighted == 0
        await wheel(pilot, panel, 5)
        await settle(pilot)
        top = round(panel.scroll_y)
        assert top > 0 and panel.highlighted == panel._lines[top][0]
        assert panel.border_title == f"Quotes {panel.highlighted + 1}/60"  # the title says where the highlight is
        await press_and_settle(pilot, "down")
        assert round(panel.scroll_y) == top  # no jump back to the first quotation


class Picker(App):
    def compose(self):
        yield FollowingOptionList(id="options")


async def test_an_option_of_several_lines_cut_at_the_edge_is_not_the_one_the_highlight_goes_to():
    """The version picker's list is one too; options of two lines: the highlight goes to the first
    option shown whole (scrolling down) or the last (scrolling up), so it does not pull the view."""
    app = Picker()
    async with drive(app, (40, 10)) as pilot:
        options = app.query_one(FollowingOptionList)
        options.add_options([Option(Content(f"Option {k} " + "word " * 8)) for k in range(40)])
        options.highlighted = 0
        options.focus()
        await settle(pilot)
        assert options._heights[0] == 2
        options.scroll_to(y=5, animate=False, immediate=True)  # option 2 is cut: its second line at the top
        await settle(pilot)
        assert options.highlighted == 3 and options.scroll_y == 5
        options.scroll_to(y=30, animate=False, immediate=True)
        await settle(pilot)
        assert options.highlighted == 15
        height = options.scrollable_content_region.height
        options.scroll_to(y=30 - height + 1, animate=False, immediate=True)  # option 15's second line cut below
        await settle(pilot)
        assert options.highlighted == 14 and options.scroll_y == 30 - height + 1
