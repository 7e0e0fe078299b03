"""Pilot tests of the coverage view: opened from the story list, marks, sorting, filters, Enter on a
story and on two marks, small terminals, and hostile outlet names and titles."""

from __future__ import annotations

import pytest

from conftest import Doc, LibraryDouble, StoryDouble, drive, notifications, press_and_settle, screen_text, settle, wheel
from reader.tui.app import ReaderApp
from reader.tui.keymap import COVERAGE_BINDINGS
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.coverage import CHOSEN, MARK, NO_MARK, CoverageScreen
from reader.tui.screens.main import MainScreen

OUTLETS = [
    "Alpha Daily",
    "Beta News",
    "Gamma Post",
    "Delta Herald",
    "Epsilon Times",
    "Zeta Wire",
    "Eta Journal",
    "Theta Ledger",
    "Iota Monitor",
    "Kappa Courier",
    "Lambda Gazette",
    "Mu Observer",
]
LEANINGS = {"Alpha Daily": "left", "Beta News": "left", "Gamma Post": "right"}


class CoverageDouble(LibraryDouble):
    """The in-memory library (its coverage is computed by the real core over its documents)."""


def wide_library(leanings=None) -> CoverageDouble:
    """12 outlets; story "all" told by every one, "ab" by Alpha and Beta, "c" by Gamma only."""
    lib = CoverageDouble()
    lib.leanings = dict(leanings or {})
    for i, outlet in enumerate(OUTLETS):
        lib.add(Doc(f"all{i}", outlet, f"Summit in Budapest ({outlet})", "2025-10-01", "The summit."))
    lib.add(Doc("ab0", "Alpha Daily", "Strike at the port", "2025-10-05", "A strike."))
    lib.add(Doc("ab1", "Beta News", "Port workers strike", "2025-10-05", "Port strike."))
    lib.add(Doc("c0", "Gamma Post", "Chess olympiad opens", "2025-10-09", "Chess."))
    lib.story_list = [
        StoryDouble("all", "Summit in Budapest", [f"all{i}" for i in range(len(OUTLETS))]),
        StoryDouble("ab", "Strike at the port", ["ab0", "ab1"]),
        StoryDouble("c", "Chess olympiad opens", ["c0"]),
    ]
    return lib


async def open_coverage(pilot):
    await settle(pilot)
    await press_and_settle(pilot, "v")
    screen = pilot.app.screen
    assert isinstance(screen, CoverageScreen)
    return screen


def story_order(screen) -> list[str]:
    return [row.story for row in screen.rows]


def outlet_cells(screen, story) -> list[str]:
    return screen.cells(story)[3:]


def test_coverage_bindings_have_ids_descriptions_and_tooltips():
    for binding in COVERAGE_BINDINGS:
        assert binding.id.startswith("coverage.") and binding.description and binding.tooltip


async def test_opened_from_the_story_list_on_the_story_under_the_cursor():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "g")
        tree = app.screen.source_list
        assert tree.grouping == "story"
        ab_group = next(n for n in tree.root.children if n.data.key == "ab")
        tree.move_cursor(ab_group)
        await pilot.pause()
        screen = await open_coverage(pilot)
        assert story_order(screen) == ["c", "ab", "all"]  # newest first
        row, outlet = screen._cursor()
        assert row.story == "ab" and outlet is None
        text = screen_text(app)
        assert "Strike at the port" in text and "3 stories · 12 outlets" in text
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_opened_from_an_article_row_on_that_article_s_story():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        tree = app.screen.source_list
        beta = next(n for n in tree.root.children if n.data.key == "Beta News")
        beta.expand()
        await settle(pilot)
        leaf = next(n for n in beta.children if n.data.key == "ab1")
        tree.move_cursor(leaf)
        await pilot.pause()
        screen = await open_coverage(pilot)
        assert screen._cursor()[0].story == "ab"


async def test_marks_are_glyphs_and_heads_are_short_and_unique():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (160, 30)) as pilot:
        screen = await open_coverage(pilot)
        heads = [c.title for c in screen.grid.columns][3:]
        assert len(heads) == 12 and len(set(heads)) == 12 and all(1 <= len(h) <= 3 for h in heads)
        assert screen.outlet_order[0] == "Alpha Daily"  # tells the most stories: leftmost
        ab = outlet_cells(screen, "ab")
        assert ab.count(MARK) == 2 and ab.count(NO_MARK) == 10
        assert outlet_cells(screen, "all") == [MARK] * 12
        text = screen_text(app)
        assert MARK in text and NO_MARK in text


async def test_sort_by_breadth_and_filters():
    app = ReaderApp(wide_library(LEANINGS), index_on_start=False)
    async with drive(app, (160, 30)) as pilot:
        screen = await open_coverage(pilot)
        # with leanings set, a blindspot column appears
        assert "blindspot" in [c.key for c in screen.grid.columns]
        await press_and_settle(pilot, "s")
        assert story_order(screen) == ["all", "ab", "c"]
        assert "by breadth" in screen_text(app)
        await pilot.press("s")
        assert story_order(screen) == ["c", "ab", "all"]
        await pilot.press("j", "j")  # j / k move as in every list
        assert screen.grid.cursor_row == 2
        await pilot.press("k")
        assert screen.grid.cursor_row == 1
        await pilot.press("f")
        assert story_order(screen) == ["c"] and "told by one outlet only" in screen_text(app)
        await pilot.press("f")
        assert story_order(screen) == ["c", "ab"] and "blindspots" in screen_text(app)
        assert screen.cells("ab")[3] == "left"
        await pilot.press("f")
        assert story_order(screen) == ["c", "ab", "all"]


async def test_escape_clears_the_filter_first_then_leaves_the_view():
    """Escape with a filter on (f) left the view at once: it shows all the stories again, on the
    story the cursor was on, and only a second Escape leaves."""
    app = ReaderApp(wide_library(LEANINGS), index_on_start=False)
    async with drive(app, (160, 30)) as pilot:
        screen = await open_coverage(pilot)
        await press_and_settle(pilot, "f")
        assert story_order(screen) == ["c"]
        await press_and_settle(pilot, "escape")
        assert app.screen is screen and screen.filter_kind == "all"
        assert sorted(story_order(screen)) == ["ab", "all", "c"]
        assert screen._cursor()[0].story == "c" and "told by one outlet only" not in screen_text(app)
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_blindspot_filter_without_leanings_says_how_to_set_them():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (120, 30)) as pilot:
        screen = await open_coverage(pilot)
        await press_and_settle(pilot, "f", "f")
        assert screen.grid.row_count == 0
        assert "give outlets a leaning in outlets.yaml (see the README). f shows all." in screen_text(app)


async def test_enter_on_a_story_opens_its_articles():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (120, 30)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(screen.rows.index(screen._row_of["ab"]), 0)
        await press_and_settle(pilot, "enter")
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.reader.article is not None and main.reader.article.id == "ab0"
        assert main.source_list.grouping == "story"


async def test_o_opens_the_article_of_the_outlet_under_the_cursor():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (160, 30)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(story_order(screen).index("ab"), screen.column_of("Beta News"))
        await press_and_settle(pilot, "o")
        assert isinstance(app.screen, MainScreen) and app.screen.reader.article.id == "ab1"


async def test_enter_on_two_marks_opens_the_comparison():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (160, 30)) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid
        row = story_order(screen).index("ab")
        alpha, beta, gamma = (screen.column_of(n) for n in ("Alpha Daily", "Beta News", "Gamma Post"))
        # a missing outlet cannot be chosen
        grid.move_cursor(row, gamma)
        await pilot.press("enter")
        assert screen.chosen is None
        grid.move_cursor(row, alpha)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.chosen == ("ab", "Alpha Daily")
        assert outlet_cells(screen, "ab")[0] == CHOSEN
        # Escape clears the choice first (and leaves the view open)
        await pilot.press("escape")
        assert screen.chosen is None and app.screen is screen
        await pilot.press("space")
        grid.move_cursor(row, beta)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.left_id, app.screen.right_id) == ("ab0", "ab1")
        assert screen.chosen is None


async def test_the_compare_key_compares_the_outlet_under_the_cursor_or_the_story():
    # c, the compare key of the source list and its footer, did nothing in the view of the stories.
    library = wide_library()
    asked: list[str] = []
    pair_of = library.story_comparison
    library.story_comparison = lambda story: asked.append(story) or pair_of(story)
    app = ReaderApp(library, index_on_start=False)
    async with drive(app, (160, 30)) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid
        row = story_order(screen).index("ab")
        grid.move_cursor(row, screen.column_of("Gamma Post"))  # an outlet that did not tell it
        await press_and_settle(pilot, "c")
        assert (
            app.screen is screen
            and notifications(app)[-1] == f"Gamma Post did not tell this story: choose a {MARK} mark."
        )
        grid.move_cursor(row, screen.column_of("Beta News"))
        await press_and_settle(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.left_id, app.screen.right_id) == ("ab1", "ab0")  # its partner found
        await press_and_settle(pilot, "escape")
        assert app.screen is screen  # back to the view
        grid.move_cursor(row, 0)  # the story's title: the pair `reader compare STORY` compares
        await press_and_settle(pilot, "c")
        assert isinstance(app.screen, CompareScreen) and app.screen.left_id == "ab0"
        assert asked == ["ab"] and (app.screen.loaded.left.id, app.screen.loaded.right.id) == ("ab0", "ab1")


async def test_the_compare_key_on_a_second_mark_compares_it_with_the_one_chosen():
    # With a mark chosen ("Enter on another mark compares them"), c on another compared the
    # one under the cursor with some partner, not with the one chosen.
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (160, 30)) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid
        row = story_order(screen).index("all")
        grid.move_cursor(row, screen.column_of(OUTLETS[2]))
        await press_and_settle(pilot, "enter")
        assert screen.chosen == ("all", OUTLETS[2])
        grid.move_cursor(row, screen.column_of(OUTLETS[5]))
        await press_and_settle(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.left_id, app.screen.right_id) == ("all2", "all5") and screen.chosen is None


async def test_readable_at_80x24_with_twelve_outlets_and_scrolls_horizontally():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (80, 24)) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid
        grid.move_cursor(story_order(screen).index("all"), 0)
        await pilot.pause()
        text = screen_text(app)
        assert "Summit in Budapest" in text and "2025-10-01" in text
        for _ in range(len(grid.columns)):
            await pilot.press("right")
        await settle(pilot)
        assert grid.cursor_column == len(grid.columns) - 1
        assert grid.scroll_x > 0  # the last outlets scrolled into view...
        text = screen_text(app)
        assert "Summit in Budapest" in text  # ...with the story column kept in place
        last = screen.outlet_order[-1]
        assert f"{screen.heads[last]} = {last} {MARK} told it" in text  # its name in full
        assert max(len(line) for line in text.splitlines()) <= 80


async def test_the_outlet_under_the_cursor_says_when_it_told_the_story_and_who_was_first():
    """The view showed only the story's first date: not when each outlet told it, nor who was first."""
    lib = CoverageDouble()
    lib.add(Doc("a", "Alpha Daily", "Strike at the port", "2025-10-05", "A strike."))
    lib.add(Doc("b", "Beta News", "Port workers strike", "2025-10-07", "Port strike."))
    lib.add(Doc("c", "Gamma Post", "Dockers walk out", None, "Dockers."))
    lib.story_list = [StoryDouble("ab", "Strike at the port", ["a", "b", "c"])]
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        screen = await open_coverage(pilot)
        said = {}
        for outlet in ("Alpha Daily", "Beta News", "Gamma Post"):
            screen.grid.move_cursor(row=0, column=screen.column_of(outlet))
            await settle(pilot)
            said[outlet] = " ".join(screen_text(app).split())
        assert f"= Alpha Daily {MARK} told it 2025-10-05 (first):" in said["Alpha Daily"]
        assert f"= Beta News {MARK} told it 2025-10-07 (+2 days):" in said["Beta News"]
        assert f"= Gamma Post {MARK} told it:" in said["Gamma Post"]  # undated: no date made up
        assert "2025-10-05 to 2025-10-07 · told by 3 of 3 outlets" in said["Alpha Daily"]  # the story's span


async def test_first_on_screen_agrees_with_the_cli_when_another_outlet_is_undated():
    """The view said "(first)" only when another outlet came later, so with the other outlet undated
    it did not, while `reader coverage` named the dated one first. One rule for both: first when
    not every outlet told it that day."""
    from reader.analysis.coverage import compute_coverage

    lib = CoverageDouble()
    lib.add(Doc("a", "Alpha Daily", "Strike at the port", "2025-10-05", "A strike."))
    lib.add(Doc("c", "Gamma Post", "Dockers walk out", None, "Dockers."))
    lib.story_list = [StoryDouble("ac", "Strike at the port", ["a", "c"])]
    articles = [{"id": "a", "outlet": "Alpha Daily", "date": "2025-10-05"}, {"id": "c", "outlet": "Gamma Post"}]
    (row,) = compute_coverage(articles, [{"id": "ac", "articles": ["a", "c"]}]).stories
    assert row.first == ("Alpha Daily",) and len(row.first) < row.breadth  # the CLI prints its `first` line
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (120, 24)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(row=0, column=screen.column_of("Alpha Daily"))
        await settle(pilot)
        line = next(x for x in screen_text(app).splitlines() if "= Alpha Daily" in x)
        assert f"{MARK} told it 2025-10-05 (first):" in line


async def test_the_outlet_line_keeps_both_keys_whole_with_the_day_at_80_columns():
    """With the day the outlet told the story, the line was cut at 80 columns: "…, o…"."""
    lib = CoverageDouble()
    lib.add(Doc("a", "The New York Times", "Strike at the port", "2025-10-05", "A strike."))
    lib.add(Doc("b", "Beta News", "Port workers strike", "2025-10-17", "Port strike."))
    lib.story_list = [StoryDouble("ab", "Strike at the port", ["a", "b"])]
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (80, 24)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(row=0, column=screen.column_of("The New York Times"))
        await settle(pilot)
        line = next(x for x in screen_text(app).splitlines() if "= The New York Times" in x)
        assert line.rstrip().endswith("told it 2025-10-05 (first): Enter chooses, o opens") and "…" not in line
    async with drive(ReaderApp(lib, index_on_start=False), (120, 24)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(row=0, column=screen.column_of("The New York Times"))
        await settle(pilot)
        assert "(first): Enter chooses it for a comparison, o opens it" in screen_text(pilot.app)  # room: all of it


async def test_no_crash_at_40x12():
    app = ReaderApp(wide_library(LEANINGS), index_on_start=False)
    async with drive(app, (40, 12)) as pilot:
        screen = await open_coverage(pilot)
        await press_and_settle(pilot, "right", "right", "right", "right", "down", "s", "f", "f", "f", "left")
        assert app.screen is screen and screen.grid.row_count == 3
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_hostile_outlet_names_and_titles_are_shown_literally():
    lib = CoverageDouble()
    evil_outlet = "[@click=app.quit]Evil[/] News"
    evil_title = "[b]Bold[/b] claim [/oops] about [Reuters]"
    lib.add(Doc("e1", evil_outlet, evil_title, "2025-10-02", "Text."))
    lib.add(Doc("e2", "Plain", "Plain title", "2025-10-02", "Text."))
    lib.story_list = [StoryDouble("s1", evil_title, ["e1", "e2"])]
    lib.leanings = {evil_outlet: "[red]left[/]", "Plain": "[@click=app.quit]right"}
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (120, 24)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(0, screen.column_of(evil_outlet))
        await settle(pilot)
        text = screen_text(app)
        assert "[b]Bold[/b] claim [/oops] about [Reuters]" in text
        assert evil_outlet in text and "([red]left[/])" in text
        await pilot.click("#coverage-detail")
        await settle(pilot)
        assert app.is_running and app.screen is screen


async def test_a_story_told_by_articles_with_no_outlet_says_so():
    lib = CoverageDouble()
    lib.add(Doc("n1", None, "Harbour strike in Rotterdam", "2025-10-02", "Text."))
    lib.add(Doc("p1", "Plain", "Plain title", "2025-10-01", "Text."))
    lib.story_list = [StoryDouble("s1", "Harbour strike in Rotterdam", ["n1"]), StoryDouble("s2", "Plain", ["p1"])]
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(0, 0)
        await settle(pilot)
        # not only "told by 0 of 1 outlets", which reads as a story nobody told
        assert "told by 0 of 1 outlet and 1 article with no outlet" in screen_text(app)


async def test_a_failing_library_is_one_line_in_the_view():
    class Broken(CoverageDouble):
        def coverage(self, **options):
            raise RuntimeError("index went away\nsecond line")

    app = ReaderApp(Broken(), index_on_start=False)
    async with drive(app, (100, 20)) as pilot:
        await open_coverage(pilot)
        assert "cannot read the stories: index went away second line" in screen_text(app)


async def test_a_failure_naming_a_command_names_it_in_words_in_the_view():
    # str(exc) gave the CLI's words: the command in backticks, which the view showed raw.
    from reader.index.update import count_mismatch

    class Broken(CoverageDouble):
        def coverage(self, **options):
            raise count_mismatch(3, 4)

    app = ReaderApp(Broken(), index_on_start=False)
    async with drive(app, (160, 20)) as pilot:
        await open_coverage(pilot)
        assert (
            "cannot read the stories: the index holds 3 articles, expected 4; run the command reader index "
            "--rebuild in a shell" in screen_text(app)
        )
        assert "`" not in screen_text(app)


async def test_seeds_coverage_view(seed_library):
    app = ReaderApp(seed_library, index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        screen = await open_coverage(pilot)
        assert screen.outlet_order == ["Fox News", "The Moscow Times"]
        assert [screen.heads[n] for n in screen.outlet_order] == ["FN", "MT"]
        (row,) = screen.rows
        assert outlet_cells(screen, row.story) == [MARK, MARK]


async def test_the_view_reloads_when_the_catalog_does_keeping_the_cursor_story():
    lib = wide_library()
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (120, 30)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(story_order(screen).index("ab"), 0)
        lib.add(Doc("n0", "Beta News", "A new story", "2025-10-20", "New."))
        lib.story_list = lib.story_list + [StoryDouble("new", "A new story", ["n0"])]
        app.load_catalog()  # what the background index update does when it commits
        await settle(pilot)
        screen._check_catalog()  # the view's periodic check, run now
        await settle(pilot)
        assert story_order(screen) == ["new", "c", "ab", "all"]
        assert screen._cursor()[0].story == "ab"
        assert "A new story" in screen_text(app)


async def test_a_reload_that_reorders_the_outlets_keeps_the_cursor_on_its_outlet():
    """New stories told by Mu Observer make it the busiest outlet, so its column moves first and
    the others one to the right: the cursor kept its column's place, on another outlet's cell."""
    lib = wide_library()
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (120, 30)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(story_order(screen).index("c"), screen.column_of("Gamma Post"))
        await settle(pilot)
        for n in range(2):
            lib.add(Doc(f"mu{n}", "Mu Observer", f"Mu story {n}", "2025-10-2{n}", "New."))
        lib.story_list = lib.story_list + [StoryDouble(f"mu{n}", f"Mu story {n}", [f"mu{n}"]) for n in range(2)]
        app.load_catalog()
        await settle(pilot)
        screen._check_catalog()
        await settle(pilot)
        assert screen.outlet_order[0] == "Mu Observer"
        assert screen._cursor()[0].story == "c"
        assert screen._cursor()[1] == "Gamma Post"


async def test_a_story_far_down_opens_mid_view_and_steps_scroll_one_row():
    lib = CoverageDouble()
    stories = []
    for n in range(60):
        day = f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}"
        lib.add(Doc(f"a{n}", "Alpha Daily", f"Story {n}", day, "Text."))
        lib.add(Doc(f"b{n}", "Beta News", f"Story {n} again", day, "Text."))
        stories.append(StoryDouble(f"s{n}", f"Story {n}", [f"a{n}", f"b{n}"]))
    lib.story_list = stories
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "g")
        tree = app.screen.source_list
        tree.move_cursor(next(n for n in tree.root.children if n.data.key == "s10"))  # 50th of 60, newest first
        await pilot.pause()
        screen = await open_coverage(pilot)
        grid = screen.grid
        row = grid.cursor_row
        assert screen.rows[row].story == "s10"
        top, height = grid.scroll_offset.y, grid._body_height
        assert top < row - 2 and row < top + height - 2  # mid-view, not on the last line
        for _ in range(height):  # stepping: the view follows one row at a time
            await pilot.press("down")
        await settle(pilot)
        assert grid.cursor_row == min(row + height, len(screen.rows) - 1)
        assert grid.scroll_offset.y <= len(screen.rows) - height


async def test_a_wide_terminal_shows_whole_story_titles():
    title = "A story whose title runs on well past fifty characters, as news titles do"
    lib = CoverageDouble()
    lib.add(Doc("a", "Alpha Daily", title, "2025-10-01", "Text."))
    lib.add(Doc("b", "Beta News", title + " again", "2025-10-01", "Text."))
    lib.story_list = [StoryDouble("s", title, ["a", "b"])]
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (160, 24)) as pilot:
        screen = await open_coverage(pilot)
        assert title in screen_text(app)
        assert screen.grid.columns[0].width == len(title)  # no wider than the longest title


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_more_stories_than_rows_and_cut_titles_leave_no_sideways_scroll(size):
    # Three outlets fit: the grid came out one column wider than the room its vertical
    # scrollbar left, and a horizontal scrollbar took a row, to scroll by that one column.
    lib = CoverageDouble()
    stories = []
    for n in range(40):
        title = f"Ministers defend the sweeping overhaul of the national rail network, part {n}"
        ids = [f"{outlet[:1]}{n}" for outlet in OUTLETS[:3]]
        for article_id, outlet in zip(ids, OUTLETS[:3]):
            lib.add(Doc(article_id, outlet, title, "2025-10-01", "Text."))
        stories.append(StoryDouble(f"s{n}", title, ids))
    lib.story_list = stories
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, size) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid
        await pilot.pause()
        assert grid.show_vertical_scrollbar and grid.columns[0].width < len(stories[0].label)
        assert grid.virtual_size.width <= grid.scrollable_content_region.width
        assert not grid.show_horizontal_scrollbar


async def test_a_narrow_terminal_cuts_a_story_title_between_words_with_an_ellipsis():
    """The story column cut its title wherever the column ended ("…national infrastructure spe…")."""
    title = "Ministers defend sweeping overhaul of national infrastructure-spending programme"
    lib = CoverageDouble()
    lib.add(Doc("a", "Alpha Daily", title, "2025-10-01", "Text."))
    lib.add(Doc("b", "Beta News", title, "2025-10-01", "Text."))
    lib.story_list = [StoryDouble("s", title, ["a", "b"])]
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (60, 24)) as pilot:
        screen = await open_coverage(pilot)
        width = screen.grid.columns[0].width
        assert width < len(title)
        shown = screen_text(app)
        cut = next(line for line in shown.splitlines() if "Ministers" in line)
        head = cut[cut.index("Ministers") :].split("…")[0]
        assert "…" in cut and title.startswith(head)
        # the cut falls where a word ends: a space or a hyphen follows it in the title
        assert title[len(head)] in " -" and not head.endswith((" ", ","))


async def test_help_on_the_coverage_view_says_how_to_move_in_the_grid():
    # "Moving around" was the main screen's ("between the list, the article and the quotes
    # panel") and left out ← →, which move between the outlets' columns here.
    from reader.tui.screens.help import HelpScreen

    app = ReaderApp(wide_library())
    async with drive(app, (100, 60)) as pilot:
        await open_coverage(pilot)
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        moving = " ".join(str(app.screen.query_one("#help-navigation").render()).split())
        assert "← →" in moving and "outlets scroll sideways" in moving
        assert "quotes panel" not in moving


async def test_the_coverage_hints_name_the_keys_of_the_users_keymap():
    # The view said "f shows all", "Enter chooses it … o opens it" with those keys remapped.
    app = ReaderApp(
        wide_library(),
        index_on_start=False,
        keymap={"coverage.filter": "x", "coverage.choose": "ctrl+o", "coverage.open": "w"},
    )
    async with drive(app, (120, 30)) as pilot:
        screen = await open_coverage(pilot)
        assert "^o opens the story's articles" in screen_text(app)
        screen.grid.move_cursor(row=0, column=screen.column_of("Gamma Post"))
        await settle(pilot)
        assert "told it 2025-10-09: ^o chooses it for a comparison, w opens it" in screen_text(app)
        await press_and_settle(pilot, "x", "x")
        assert screen.grid.row_count == 0 and "x shows all." in screen_text(app)


# -- below 60 columns --------------------------------------------------------------------------
DETAIL_WORDS = (
    "told by of outlet outlets missing blindspot only told it Enter opens the story's articles on two "
    "marks compares them did not tell this story chooses it for a comparison o opens undated left right "
    "Coverage Story stories story by date breadth all chosen first day days to"
)


def words_of(text: str) -> set[str]:
    return {w.strip("…,·:;()=") for w in text.split()} - {""}


@pytest.mark.parametrize("size", [(40, 20), (50, 20), (59, 24)])
async def test_narrow_the_grid_keeps_whole_columns_and_nothing_is_cut_inside_a_word(size):
    """At 40 columns the grid showed "Blind" for Blindspot and no outlet at all; at 50 and 59 the
    lines under it were cut inside a name ("missing: Alpha Da…") and the head lost "by date"."""
    width = size[0]
    app = ReaderApp(wide_library(LEANINGS), index_on_start=False)
    async with drive(app, size) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid
        assert [c.key for c in grid.columns[:2]] == ["story", "breadth"]
        assert all(c.key.startswith("o:") for c in grid.columns[2:])  # date and blindspot are below
        known = words_of(" ".join(OUTLETS) + " " + " ".join(screen.heads.values()) + " " + DETAIL_WORDS)
        known |= words_of(" ".join(row.label for row in screen.rows)) | words_of(" ".join(LEANINGS.values()))
        for row, column in ((0, 0), (story_order(screen).index("all"), 3), (0, 4), (1, 2)):
            grid.move_cursor(row, column)
            await settle(pilot)
            lines = screen_text(app).splitlines()
            header = next(line for line in lines if line.lstrip().startswith("Story"))
            heads = header.split()[2:]
            assert heads and all(head in screen.heads.values() for head in heads), header  # whole heads
            assert len(header) <= width - 1  # the last outlet column is whole, not cut at the edge
            for line in lines[:-1]:  # the footer has its own test
                for word in words_of(line):
                    if not any(ch.isdigit() for ch in word) and not set(word) <= set("●·◉▔▁▎▋▌▊▏#"):
                        assert word in known, (word, line)
            text = screen_text(app)
            assert "by date" in text and "12 outlets" in text
            story = screen.rows[grid.cursor_row]
            assert story.date in text  # the date left the grid for the lines under it
            if column >= 2:
                outlet = screen._cursor()[1]
                assert f"{screen.heads[outlet]} = {outlet}" in " ".join(text.split())
        assert "right" in screen_text(app) or "left" in screen_text(app)  # the blindspot is said


async def test_narrow_titles_get_the_room_whole_outlet_columns_leave():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (40, 20)) as pilot:
        screen = await open_coverage(pilot)
        text = screen_text(app)
        assert "Summit in Budapest" in text and "Strike at the port" in text  # not "Summit in…"
        span = sum(c.width + 2 for c in screen.grid.columns[:2]) + 5 * 3
        assert span == 40 - 1  # three whole outlet columns beside, and the scrollbar's column


async def test_resized_across_60_columns_the_cursor_keeps_its_story_and_outlet():
    app = ReaderApp(wide_library(LEANINGS), index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid
        grid.move_cursor(story_order(screen).index("ab"), screen.column_of("Beta News"))
        await settle(pilot)
        for size in ((40, 20), (100, 24), (59, 24)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            row, outlet = screen._cursor()
            assert (row.story, outlet) == ("ab", "Beta News"), size
            assert ("date" in [c.key for c in grid.columns]) == (size[0] >= 60)
            assert "BN = Beta News" in " ".join(screen_text(app).split())


def sixty_stories() -> CoverageDouble:
    lib = CoverageDouble()
    stories = []
    for n in range(60):
        day = f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}"
        lib.add(Doc(f"a{n}", "Alpha Daily", f"Story {n}", day, "Text."))
        lib.add(Doc(f"b{n}", "Beta News", f"Story {n} again", day, "Text."))
        stories.append(StoryDouble(f"s{n}", f"Story {n}", [f"a{n}", f"b{n}"]))
    lib.story_list = stories
    return lib


def column_x(grid, screen, outlet: str) -> int:
    """The middle of an outlet's column on screen (the view not scrolled sideways)."""
    index = screen._column_keys.index(f"o:{outlet}")
    left = sum(grid._span(c) for c in grid.columns[:index])
    return left + grid._span(grid.columns[index]) // 2


def detail_text(screen) -> str:
    return str(screen.query_one("#coverage-detail").render())


async def test_the_wheel_and_the_scrollbar_move_the_view_and_the_cursor_stays_on_screen():
    app = ReaderApp(sixty_stories(), index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid
        assert grid.cursor_row == 0 and grid.scroll_offset.y == 0
        await wheel(pilot, grid, 5)
        await settle(pilot)
        top = grid.scroll_offset.y
        assert top > 0 and grid.cursor_row == top  # on the first row shown, and the lines under say which
        assert screen.rows[top].label in detail_text(screen)
        await press_and_settle(pilot, "down")  # goes on from there: the view does not jump back to the top
        assert grid.cursor_row == top + 1 and grid.scroll_offset.y == top
        await wheel(pilot, grid, 5, up=True)  # the cursor still on screen: it stays where it is
        await settle(pilot)
        assert grid.scroll_offset.y < top and grid.cursor_row == top + 1
        await wheel(pilot, grid, 30)  # to the end, then up past the cursor: it stays on the last row shown
        await wheel(pilot, grid, 10, up=True)
        await settle(pilot)
        assert grid.cursor_row == grid.scroll_offset.y + grid._body_height - 1
        # A click on the scrollbar's track below its thumb pages the view down; the cursor comes along.
        before = grid.scroll_offset.y
        await pilot.click(grid, offset=(grid.region.width - 1, grid.region.height - 1))
        await settle(pilot)
        assert grid.scroll_offset.y > before and grid.cursor_row == grid.scroll_offset.y


async def test_a_click_on_a_cell_of_a_scrolled_grid_chooses_that_cell():
    app = ReaderApp(sixty_stories(), index_on_start=False)
    async with drive(app, (100, 24)) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid
        await wheel(pilot, grid, 5)
        await settle(pilot)
        top = grid.scroll_offset.y
        await pilot.click(grid, offset=(column_x(grid, screen, "Alpha Daily"), 3))  # header, top, top + 1, top + 2
        await settle(pilot)
        assert (grid.cursor_row, grid.cursor_column) == (top + 2, screen._column_keys.index("o:Alpha Daily"))
        assert screen.chosen == (screen.rows[top + 2].story, "Alpha Daily")
        await pilot.click(grid, offset=(column_x(grid, screen, "Beta News"), 3))  # the same story's other mark
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)


async def test_what_enter_does_on_a_story_is_said_whole_at_60_columns():
    """At 60x20 (not yet the narrow layout, whose lines wrap) the hint under the grid was cut
    mid-sentence, "on two marks, compares …": the longest wording that fits is shown whole."""
    for size in ((60, 20), (70, 24), (120, 30), (59, 20)):
        app = ReaderApp(wide_library(), index_on_start=False)
        async with drive(app, size) as pilot:
            await open_coverage(pilot)
            lines = screen_text(app).splitlines()
            start = next(n for n, line in enumerate(lines) if "Enter opens" in line)
            end = next(n for n, line in enumerate(lines) if "? Help" in line)  # the footer, below it
            hint = " ".join(line.strip() for line in lines[start:end])
            assert hint.endswith("compares them"), (size, hint)
            assert "…" not in hint, (size, hint)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 30)])
async def test_the_missing_outlets_wrap_to_a_second_line_with_their_count(size):
    """From 60 columns up the line under the grid was cut at the edge: "missing: Alpha Dai…" at
    60, half of the eleven names at 120. The facts wrap to a second line, the count said first."""
    app = ReaderApp(wide_library(LEANINGS), index_on_start=False)
    async with drive(app, size) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(story_order(screen).index("c"), 0)
        await settle(pilot)
        missing = sorted(outlet for outlet in OUTLETS if outlet != "Gamma Post")  # as listed
        lines = screen_text(app).splitlines()
        start = next(i for i, line in enumerate(lines) if "missing 11:" in line)
        said = " ".join(line.strip() for line in lines[start : start + 2])
        shown = said.split("missing 11:", 1)[1]
        names = [name.strip(" …") for name in shown.split(",")]
        whole = [name for name in names if name in missing]
        assert whole == missing[: len(whole)], said
        assert len(whole) >= (4 if size[0] < 80 else 6 if size[0] < 120 else 11), said
        assert all(name in missing or missing_start(name, missing) for name in names), said
        assert "Enter opens" in screen_text(app)  # the hint under them stays


def missing_start(shown: str, names: list[str]) -> bool:
    """`shown` is the cut end of the list: the start of a name (whole words), or nothing."""
    return shown == "" or any(
        name.startswith(shown) and name[len(shown) : len(shown) + 1] in ("", " ") for name in names
    )


async def test_a_click_on_the_count_or_date_header_sorts_by_it():
    """A click on a column's header did nothing: on "#" it sorts by breadth, on "Date" by date,
    as s does; on the story's or an outlet's header nothing changes."""
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (160, 30)) as pilot:
        screen = await open_coverage(pilot)
        grid = screen.grid

        def header_x(key: str) -> int:
            index = screen._column_keys.index(key)
            return sum(grid._span(c) for c in grid.columns[:index]) + 1

        by_date = story_order(screen)
        assert by_date == ["c", "ab", "all"]
        await pilot.click(grid, offset=(header_x("breadth"), 0))
        await settle(pilot)
        assert story_order(screen) == ["all", "ab", "c"] and "by breadth" in screen_text(app)
        await pilot.click(grid, offset=(header_x("story"), 0))
        await pilot.click(grid, offset=(column_x(grid, screen, "Alpha Daily"), 0))
        await pilot.click(grid, offset=(header_x("breadth"), 0))  # sorted so already: stays
        await settle(pilot)
        assert story_order(screen) == ["all", "ab", "c"] and screen.chosen is None
        await pilot.click(grid, offset=(header_x("date"), 0))
        await settle(pilot)
        assert story_order(screen) == by_date and "by date" in screen_text(app)


def test_the_line_under_the_grid_gives_an_outlets_moment_and_delay_in_hours():
    """The view said "2025-10-05 (first)" of a New York article of 21:00 (01:00 UTC on the 6th)
    though London's of 00:00 UTC came an hour before it."""
    from types import SimpleNamespace as NS

    from reader.analysis.coverage import compute_coverage

    articles = [
        NS(id="ny", outlet="New York Daily", date="2025-10-05", time="2025-10-06T01:00:00Z"),
        NS(id="ldn", outlet="London Post", date="2025-10-06", time="2025-10-06T00:00:00Z"),
    ]
    [row] = compute_coverage(articles, [NS(id="s", label="s", articles=["ny", "ldn"])]).stories
    assert CoverageScreen._when_told(row, "London Post") == " 2025-10-06 00:00 UTC (first)"
    assert CoverageScreen._when_told(row, "New York Daily") == " 2025-10-06 01:00 UTC (+1 hour)"


def test_the_heads_count_says_how_many_stories_without_one_of_one():
    from reader.tui.screens.coverage import stories_shown

    assert [stories_shown(*n) for n in ((1, 1), (0, 0), (40, 40), (12, 40), (0, 3))] == [
        "1 story",
        "no stories",
        "40 stories",
        "12 of 40 stories",
        "0 of 3 stories",
    ]


async def test_the_story_and_outlet_hints_are_fitted_to_the_line_by_one_rule(monkeypatch):
    """What Enter does on a story and on a mark were two near-copies of one rule (the longest
    wording that fits the line; narrow, all of it): one helper fits both, each its own wordings."""
    lib = CoverageDouble()
    lib.add(Doc("a", "The New York Times", "Strike at the port", "2025-10-05", "A strike."))
    lib.add(Doc("b", "Beta News", "Port workers strike", "2025-10-17", "Port strike."))
    lib.story_list = [StoryDouble("ab", "Strike at the port", ["a", "b"])]
    fitted: list[tuple[str, int]] = []
    fitting = CoverageScreen._fitting_hint

    def recorded(self, wordings, used=0):
        chosen = fitting(self, wordings, used)
        fitted.append((chosen, used))
        return chosen

    monkeypatch.setattr(CoverageScreen, "_fitting_hint", recorded)
    app = ReaderApp(lib, index_on_start=False)
    async with drive(app, (60, 24)) as pilot:
        screen = await open_coverage(pilot)
        screen.grid.move_cursor(row=0, column=0)  # the story's title: what Enter does on a story
        await settle(pilot)
        assert ("Enter opens the articles; on two marks, compares them", 0) in fitted
        assert "Enter opens the articles; on two marks, compares them" in screen_text(app)
        screen.grid.move_cursor(row=0, column=screen.column_of("The New York Times"))
        await settle(pilot)
        assert any(hint == "Enter chooses, o opens" and used > 0 for hint, used in fitted)
