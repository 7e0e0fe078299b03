"""The compare screen's sentence numbers (#) and its "go to sentence" box (:): the numbers the
report (reader compare --markdown / --json) names sentences by, found on the screen."""

from __future__ import annotations

import pytest
from textual import events
from textual.selection import Selection
from textual.widgets import Input, Static

from comparison_doubles import CompareLibrary
from conftest import CompareHost, drive, notifications, press_and_settle, screen_text, settle

from reader.tui.screens.compare import CompareScreen
from reader.tui.widgets.compare_dialogs import GoToPrompt
from reader.tui.widgets.compare_view import CompareRow

SIZES = [(80, 24), (160, 50)]


def summary(app) -> str:
    return str(app.screen.query_one("#compare-summary", Static).render())


async def go_to(pilot, text: str) -> None:
    """Open the go-to box, paste `text` into it (as a user may paste a colleague's note), Enter."""
    await press_and_settle(pilot, "colon")
    assert isinstance(pilot.app.screen, GoToPrompt)
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)
    await press_and_settle(pilot, "enter")


@pytest.mark.parametrize("size", SIZES)
async def test_the_numbers_key_shows_each_cells_sentences_numbers_aligned_in_a_column(size):
    app = CompareHost(CompareLibrary())
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        rows = list(screen.query(CompareRow))
        assert not any(row.left_cell.render().plain.startswith("L1") for row in rows)  # off by default
        await press_and_settle(pilot, "number_sign")
        for row in rows:
            for cell, letter in ((row.left_cell, "L"), (row.right_cell, "R")):
                drawn = cell.render().plain
                if cell.indices:
                    assert drawn.startswith(f"{letter}{cell.indices[0] + 1} ")
                # every cell of a side leads with as many cells: its text starts in one column
                assert drawn.startswith(cell.number) and len(cell.number) == 3
        text = screen_text(app)
        assert "L1 Officials met in" in text and "R2 + Only the right" in text
        # a mouse copy takes the article's words, never our numbers
        first = rows[0].left_cell
        assert first.get_selection(Selection(None, None)) == (first.text, "\n")
        await press_and_settle(pilot, "number_sign")
        assert all(not row.left_cell.number and not row.right_cell.number for row in rows)
        assert "L1 Officials" not in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_the_numbers_show_with_both_articles_whole_and_stay_for_the_session(size):
    app = CompareHost(CompareLibrary())
    async with drive(app, size) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "number_sign", "m")
        left, right = app.screen.sync.panes
        assert left.text._lines(0, 60)[0].plain.startswith("L1 Officials")
        assert right.text._lines(1, 60)[0].plain.startswith("R2 + Only the right")
        assert "R2 + Only the right" in screen_text(app)
        # a comparison opened later in the session shows them at once
        await press_and_settle(pilot, "escape", "escape")
        app.push_screen(CompareScreen(app.library, "left", "right"))
        await settle(pilot)
        assert app.screen.body.numbers
        assert "L1 Officials met in" in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_go_to_sentence_selects_its_row_names_it_and_scrolls_to_it(size):
    app = CompareHost(CompareLibrary())
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        await go_to(pilot, "R3")
        assert app.screen is screen and screen._clicked_row == 2
        assert summary(app).startswith("L2 ↔ R3 · linked 0.70")
        row = screen.body.row_widget(2)
        assert row is not None and screen.body.rows_in_view() is not None
        first, last = screen.body.rows_in_view()
        assert first <= 2 <= last
        await go_to(pilot, "4")  # a number alone: the left
        assert summary(app).startswith("L4")
        # both articles whole: the side with the focus is the default
        await press_and_settle(pilot, "m", "tab")
        left, right = screen.sync.panes
        await go_to(pilot, "5")
        assert right.text.current == {4} and summary(app).startswith("L5 ↔ R5")
        await go_to(pilot, "l3")
        assert left.text.current == {2} and right.text.current == {3}


@pytest.mark.parametrize("size", SIZES)
async def test_the_go_to_box_refuses_bad_entries_in_one_line_and_stays_open(size):
    app = CompareHost(CompareLibrary())
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        await go_to(pilot, "L99")
        prompt = app.screen
        assert isinstance(prompt, GoToPrompt)
        error = prompt.query_one("#go-to-error", Static)
        assert str(error.render()) == "No sentence L99: the left article's are L1 to L5."
        box = prompt.query_one(Input)
        for hostile, said in [
            ("[bold red]L2[/bold red]", "“[bold red]L2[/bold red]” is not a sentence number"),
            ("[@click=app.quit]x[/]", "“[@click=app.quit]x[/]” is not a sentence number"),
            ("9" * 5000, "No sentence L999999999…: the left article's are L1 to L5."),
        ]:
            box.value = ""
            app.post_message(events.Paste(hostile))
            await settle(pilot)
            await press_and_settle(pilot, "enter")
            assert app.is_running and app.screen is prompt
            assert str(error.render()).startswith(said)
        assert said in screen_text(app)  # drawn literally, on one line
        # bidi controls pasted around a number are dropped by the box: the number is what is left
        box.value = ""
        app.post_message(events.Paste("\u202eR\u20662\u2069\u202c"))
        await settle(pilot)
        assert box.value == "R2"
        await press_and_settle(pilot, "enter")
        assert app.screen is screen and summary(app).startswith("R2 — only in Right Outlet")
        # Escape closes the box, nothing selected anew
        await press_and_settle(pilot, "colon", "escape")
        assert app.screen is screen and screen._clicked_row == 1
        assert not any("Traceback" in n for n in notifications(app))
